/**
 * The boundary between the Raft core and durable state, in the style of hashicorp/raft's
 * LogStore/StableStore/SnapshotStore: a handful of methods a user could implement.
 *
 * The core keeps the live part of the log (entries after the last snapshot) in memory and
 * reads it synchronously; storage only has to make writes durable and give everything back on
 * restart. The driver persists a batch with `save` *before* sending any message that depends
 * on it (etcd's Ready contract).
 */

/** Kinds of log entry. `config` entries carry a membership change, `noop` is a new leader's first entry. */
export type EntryType = 'normal' | 'config' | 'noop'

export interface Entry {
  /** Term in which the entry was created by a leader. */
  term: number
  /** Position in the log, starting at 1. */
  index: number
  type: EntryType
  /** Opaque to storage; the core and state machine give it meaning. */
  data: Uint8Array
}

/** State that must survive a crash before a node may vote or acknowledge anything. */
export interface HardState {
  term: number
  /** The member voted for in `term`, or '' for none. */
  vote: string
  /** Highest index known committed. May lag on restart; never ahead of the log. */
  commit: number
}

/** Cluster membership as of some log index. */
export interface Membership {
  voters: string[]
  learners: string[]
}

export interface SnapshotMeta {
  /** Last index included in the snapshot. */
  index: number
  /** Term of the entry at `index`. */
  term: number
  membership: Membership
}

export interface Snapshot {
  meta: SnapshotMeta
  /** The state machine's serialized state. */
  data: Uint8Array
}

/** Everything a node needs to resume after a restart. */
export interface PersistedState {
  hardState: HardState
  /** Latest snapshot, or null if none was ever taken or installed. */
  snapshot: Snapshot | null
  /** Log entries after the snapshot (or from index 1), contiguous, in index order. */
  entries: Entry[]
}

/** A batch to make durable in one go (one fsync in durable implementations). */
export interface SaveBatch {
  /** New hard state, if it changed. */
  hardState?: HardState
  /**
   * Entries to append, contiguous and in order. If `entries[0].index` is at or below the last
   * stored index, the stored log from that index on is replaced (a follower's log conflict).
   */
  entries: Entry[]
}

export interface RaftStorage {
  /** Reads everything back. Called once, before the node starts. Throws on corruption it can't repair. */
  load(): Promise<PersistedState>
  /** Durably writes a batch. Resolves only once the data is as durable as the configured mode promises. */
  save(batch: SaveBatch): Promise<void>
  /**
   * Durably stores a snapshot (taken locally or installed from a leader) and drops log entries at or
   * below `snapshot.meta.index`. If the log holds an entry at `meta.index` with `meta.term`, entries
   * after it are kept; otherwise the whole log is discarded (an installed snapshot replaces it).
   * Calls may overlap: the driver does not wait for a local compaction before its next `save`, so
   * an implementation decides each call against the calls made before it (as if those had been
   * written) and makes them durable in call order, or in any order that recovers the same log.
   */
  saveSnapshot(snapshot: Snapshot): Promise<void>
  /** Releases files and handles. Further calls reject. */
  close(): Promise<void>
}
