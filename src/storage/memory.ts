import type { Entry, HardState, PersistedState, RaftStorage, SaveBatch, Snapshot } from '../raft/storage.js'
import { ClosedError } from '../errors.js'
import { SnapshotOutOfDateError } from './errors.js'
import { checkBatch, checkSnapshot, copyHardState, copySnapshot, EMPTY_HARD_STATE, entriesToStore } from './rules.js'

/**
 * A RaftStorage that keeps everything in memory, with exactly the semantics of FileStorage
 * (the shared contract test runs against both). For tests, simulations, and groups that don't
 * need to survive a restart.
 *
 * Entry and snapshot `data` arrays are kept by reference, not copied: don't mutate them after
 * handing them over. To simulate a crash and restart, build a new instance from
 * {@link MemoryStorage.persisted} of the old one.
 */
export class MemoryStorage implements RaftStorage {
  private hardState: HardState
  private snapshot: Snapshot | null
  /** Index and term of the entry just before `entries[0]` (the snapshot's, or 0/0). */
  private baseIndex: number
  private baseTerm: number
  private entries: Entry[]
  private closed = false

  /** @param initial state to start from, e.g. `old.persisted()` to model a restart. */
  constructor (initial?: PersistedState) {
    this.hardState = copyHardState(initial?.hardState ?? EMPTY_HARD_STATE)
    this.snapshot = initial?.snapshot != null ? copySnapshot(initial.snapshot) : null
    this.baseIndex = this.snapshot?.meta.index ?? 0
    this.baseTerm = this.snapshot?.meta.term ?? 0
    this.entries = (initial?.entries ?? []).map(copyEntry)
    if (this.entries.length > 0 && this.entries[0].index !== this.baseIndex + 1) {
      throw new RangeError(`initial entries must start at index ${this.baseIndex + 1}`)
    }
  }

  async load (): Promise<PersistedState> {
    this.assertOpen()
    return this.persisted()
  }

  /** A copy of everything stored, synchronously (for simulators and tests). */
  persisted (): PersistedState {
    return {
      hardState: copyHardState(this.hardState),
      snapshot: this.snapshot != null ? copySnapshot(this.snapshot) : null,
      entries: this.entries.map(copyEntry)
    }
  }

  async save (batch: SaveBatch): Promise<void> {
    this.assertOpen()
    checkBatch(batch)
    const lastIndex = this.baseIndex + this.entries.length
    const toStore = entriesToStore(batch.entries, this.baseIndex, lastIndex)
    if (toStore.length > 0) {
      // Conflict: everything from the first new index on is replaced.
      this.entries.length = toStore[0].index - this.baseIndex - 1
      for (const e of toStore) this.entries.push(copyEntry(e))
    }
    if (batch.hardState !== undefined) this.hardState = copyHardState(batch.hardState)
  }

  async saveSnapshot (snapshot: Snapshot): Promise<void> {
    this.assertOpen()
    checkSnapshot(snapshot)
    const { index, term } = snapshot.meta
    if (index < this.baseIndex) throw new SnapshotOutOfDateError(index, this.baseIndex)
    if (this.termAt(index) === term) {
      this.entries = this.entries.slice(index - this.baseIndex)
    } else {
      // Installed from a leader and not matching our log: the snapshot replaces the whole log.
      this.entries = []
    }
    this.baseIndex = index
    this.baseTerm = term
    this.snapshot = copySnapshot(snapshot)
  }

  async close (): Promise<void> {
    this.closed = true
  }

  private termAt (index: number): number | undefined {
    if (index === this.baseIndex) return this.baseTerm
    return this.entries[index - this.baseIndex - 1]?.term
  }

  private assertOpen (): void {
    if (this.closed) throw new ClosedError('storage')
  }
}

function copyEntry (e: Entry): Entry {
  return { term: e.term, index: e.index, type: e.type, data: e.data }
}
