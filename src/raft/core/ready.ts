import type { Entry, HardState, Snapshot } from '../storage.js'
import type { Message } from './messages.js'
import type { ReadState } from './read-only.js'

export type Role = 'follower' | 'preCandidate' | 'candidate' | 'leader'

/** Volatile state worth reporting to the caller when it changes (leader / role / term events). */
export interface SoftState {
  /** Member believed to lead in `term`, '' if unknown. */
  leader: string
  role: Role
  term: number
}

/**
 * A batch of work for the caller, in the style of etcd's `Ready`. Handle it in this order:
 * 1. persist: `storage.saveSnapshot(snapshot)` if set, then `storage.save({ hardState, entries })`,
 *    then `storage.saveSnapshot(compaction)` if set (this one may complete in the background:
 *    nothing below depends on it);
 * 2. send `messages` (only now: they may promise what was just persisted — a vote, an ack);
 * 3. restore the state machine from `snapshot` if set, then apply `committedEntries` in order;
 * 4. answer `readStates` once the applied index reaches each one's index;
 * 5. call `advance(ready)`.
 * Steps and ticks may be fed to the core while a Ready is being handled; the next `ready()` can
 * only be taken after `advance`.
 */
export interface Ready {
  /** Set when leader, role or term changed since the last Ready. */
  softState?: SoftState
  /** Set when term, vote or commit changed: persist before sending. */
  hardState?: HardState
  /** Entries to append to storage (a SaveBatch with `hardState`). May overwrite a stored suffix. */
  entries: Entry[]
  /** A snapshot received from the leader: persist it, then load it into the state machine. */
  snapshot?: Snapshot
  /** A snapshot taken locally by `compact()`: persist it (the state machine already holds it). */
  compaction?: Snapshot
  /** To send after persisting. */
  messages: Message[]
  /**
   * Entries to apply, in index order, contiguous with the last applied index (or the snapshot).
   * Entries of type `noop` and `config` are Raft's own; a state machine usually skips them.
   */
  committedEntries: Entry[]
  /** Confirmed ReadIndex requests (leader only). */
  readStates: ReadState[]
}
