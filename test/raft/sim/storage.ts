import type { Entry, HardState, PersistedState, SaveBatch, Snapshot } from '../../../src/raft/storage.js'

/** Thrown by a simulated storage when the core asks it to do something a correct core never would. */
export type StorageViolation = (msg: string) => never

/**
 * What a simulated member has made durable: exactly what it persisted from each Ready, nothing
 * else. A crash keeps this and loses everything else. Mirrors `RaftStorage` semantics synchronously.
 */
export class SimStorage {
  hardState: HardState = { term: 0, vote: '', commit: 0 }
  snapshot: Snapshot | null = null
  entries: Entry[] = []
  /** Vote persisted for each term, to check a member never votes twice in one term. */
  readonly votes = new Map<number, string>()

  constructor (private readonly fail: StorageViolation, private readonly isCommitted: (index: number, term: number) => boolean) {}

  get snapshotIndex (): number { return this.snapshot?.meta.index ?? 0 }
  lastIndex (): number { return this.entries.length === 0 ? this.snapshotIndex : this.entries[this.entries.length - 1]!.index }

  /** The stored term at `i` (snapshot included), undefined if not stored. */
  term (i: number): number | undefined {
    if (i === this.snapshotIndex) return this.snapshot?.meta.term ?? 0
    if (i < this.snapshotIndex || i > this.lastIndex()) return undefined
    return this.entries[i - this.snapshotIndex - 1]!.term
  }

  /** Whether index `i` with `term` is durable here (inside the snapshot counts). */
  holds (i: number, term: number): boolean {
    if (i <= this.snapshotIndex) return true
    return this.term(i) === term
  }

  load (): PersistedState {
    return {
      hardState: { ...this.hardState },
      snapshot: this.snapshot === null ? null : { meta: structuredClone(this.snapshot.meta), data: this.snapshot.data.slice() },
      entries: this.entries.map(e => ({ ...e }))
    }
  }

  save (batch: SaveBatch): void {
    if (batch.hardState !== undefined) {
      const h = batch.hardState
      const old = this.hardState
      if (h.term < old.term) this.fail(`persisted term went backwards: ${old.term} -> ${h.term}`)
      if (h.commit < old.commit) this.fail(`persisted commit went backwards: ${old.commit} -> ${h.commit}`)
      if (h.vote !== '') {
        const prev = this.votes.get(h.term)
        if (prev !== undefined && prev !== h.vote) this.fail(`voted twice in term ${h.term}: ${prev} then ${h.vote}`)
        this.votes.set(h.term, h.vote)
      }
      this.hardState = { ...h }
    }
    if (batch.entries.length > 0) {
      const first = batch.entries[0]!.index
      if (first <= this.snapshotIndex) this.fail(`save of entry ${first} at or below the stored snapshot ${this.snapshotIndex}`)
      if (first > this.lastIndex() + 1) this.fail(`gap in stored log: saving ${first} after ${this.lastIndex()}`)
      const keep = first - this.snapshotIndex - 1
      for (let k = keep; k < this.entries.length; k++) {
        const e = this.entries[k]!
        const replacement = batch.entries[k - keep]
        if (this.isCommitted(e.index, e.term) && (replacement === undefined || replacement.term !== e.term)) {
          this.fail(`committed entry ${e.index} (term ${e.term}) removed from persisted log`)
        }
      }
      this.entries.length = keep
      for (const e of batch.entries) this.entries.push(e)
    }
    if (this.hardState.commit > this.lastIndex()) this.fail(`persisted commit ${this.hardState.commit} is past the persisted log (${this.lastIndex()})`)
  }

  saveSnapshot (s: Snapshot): void {
    const { index, term } = s.meta
    if (index <= this.snapshotIndex) this.fail(`stored snapshot would go backwards: ${this.snapshotIndex} -> ${index}`)
    if (this.term(index) === term) {
      this.entries = this.entries.slice(index - this.snapshotIndex)
    } else {
      for (const e of this.entries) {
        if (e.index > index && this.isCommitted(e.index, e.term)) this.fail(`snapshot at ${index} discarded committed entry ${e.index}`)
      }
      this.entries = []
    }
    this.snapshot = s
    if (this.hardState.commit < index) this.hardState = { ...this.hardState, commit: index }
  }
}
