/**
 * Checks and log arithmetic shared by MemoryStorage and FileStorage, so both enforce the same
 * contract and a test written against one holds for the other.
 */
import type { Entry, EntryType, HardState, SaveBatch, Snapshot } from '../raft/storage.js'
import { InvalidStorageOperationError } from './errors.js'

const ENTRY_TYPES: ReadonlySet<string> = new Set<EntryType>(['normal', 'config', 'noop'])

function isIndex (n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min
}

/** Throws InvalidStorageOperationError unless `hs` is a well-formed HardState. */
export function checkHardState (hs: HardState): void {
  if (hs == null || !isIndex(hs.term, 0) || !isIndex(hs.commit, 0) || typeof hs.vote !== 'string') {
    throw new InvalidStorageOperationError('hardState must have non-negative integer term and commit and a string vote')
  }
}

/** Throws unless the batch's entries are well formed and contiguous. Does not look at stored state. */
export function checkBatch (batch: SaveBatch): void {
  if (batch == null || !Array.isArray(batch.entries)) {
    throw new InvalidStorageOperationError('batch.entries must be an array')
  }
  if (batch.hardState !== undefined) checkHardState(batch.hardState)
  const entries = batch.entries
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]
    if (e == null || !isIndex(e.index, 1) || !isIndex(e.term, 0) || !ENTRY_TYPES.has(e.type) || !(e.data instanceof Uint8Array)) {
      throw new InvalidStorageOperationError(`entry ${i} of the batch is malformed (index ≥ 1, term ≥ 0, type normal|config|noop, data Uint8Array)`)
    }
    if (i > 0 && e.index !== entries[i - 1].index + 1) {
      throw new InvalidStorageOperationError(`batch entries are not contiguous: index ${e.index} follows ${entries[i - 1].index}`)
    }
  }
}

/**
 * Entries of a checked batch that actually go to the log: those at or below the snapshot are
 * already covered by it and are dropped (as etcd's MemoryStorage does). Throws if the rest would
 * leave a gap after `lastIndex`.
 */
export function entriesToStore (entries: Entry[], snapshotIndex: number, lastIndex: number): Entry[] {
  if (entries.length === 0) return entries
  const skip = Math.max(0, snapshotIndex + 1 - entries[0].index)
  const kept = skip === 0 ? entries : entries.slice(skip)
  if (kept.length > 0 && kept[0].index > lastIndex + 1) {
    throw new InvalidStorageOperationError(`batch starts at index ${kept[0].index} but the log ends at ${lastIndex}: it would leave a gap`)
  }
  return kept
}

/** Throws unless `s` is a well-formed Snapshot. */
export function checkSnapshot (s: Snapshot): void {
  const m = s?.meta
  if (m == null || !isIndex(m.index, 0) || !isIndex(m.term, 0) || !(s.data instanceof Uint8Array) ||
      m.membership == null || !Array.isArray(m.membership.voters) || !Array.isArray(m.membership.learners) ||
      ![...m.membership.voters, ...m.membership.learners].every(x => typeof x === 'string')) {
    throw new InvalidStorageOperationError('snapshot must have meta {index, term, membership {voters, learners}} and Uint8Array data')
  }
}

export const EMPTY_HARD_STATE: Readonly<HardState> = Object.freeze({ term: 0, vote: '', commit: 0 })

export function copyHardState (hs: HardState): HardState {
  return { term: hs.term, vote: hs.vote, commit: hs.commit }
}

export function copySnapshot (s: Snapshot): Snapshot {
  return {
    meta: {
      index: s.meta.index,
      term: s.meta.term,
      membership: { voters: [...s.meta.membership.voters], learners: [...s.meta.membership.learners] }
    },
    data: s.data
  }
}
