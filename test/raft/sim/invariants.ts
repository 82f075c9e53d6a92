import type { RaftCore } from '../../../src/raft/core/index.js'
import type { Entry } from '../../../src/raft/storage.js'
import { entryKey, mixDigest } from './state-machine.js'

export type Fail = (msg: string) => never

/**
 * Global safety invariants, checked incrementally as the simulation runs:
 * - election safety: at most one leader per term;
 * - log matching: an (index, term) pair identifies one entry content and one predecessor term,
 *   for every entry any member ever appends (so logs sharing an entry share the whole prefix);
 * - leader completeness: a new leader holds every entry committed so far;
 * - state machine safety: every member commits and applies the same entry at an index;
 * - durability: an entry is committed only once a majority of voters persisted it.
 */
export class Invariants {
  readonly leaders = new Map<number, string>()
  /** committed[i]: the committed entry at index i (index 0 unused). */
  readonly committed: Array<{ term: number, key: string }> = [{ term: 0, key: '' }]
  /** digests[i]: digest of the committed log prefix [1, i]. */
  readonly digests: number[] = [0]
  private readonly byIndexTerm = new Map<string, { key: string, prevTerm: number }>()

  constructor (private readonly fail: Fail) {}

  get commitCount (): number { return this.committed.length - 1 }

  isCommitted (index: number, term: number): boolean {
    return index < this.committed.length && index > 0 && this.committed[index]!.term === term
  }

  /** Log matching, for entries a member is about to persist (they are in its log already). */
  checkAppended (id: string, core: RaftCore, entries: readonly Entry[]): void {
    let prevTerm = entries.length > 0 ? core.termAt(entries[0]!.index - 1) : 0
    for (const e of entries) {
      if (prevTerm === undefined) this.fail(`${id}: entry ${e.index} has no predecessor in its log`)
      if (e.term < prevTerm) this.fail(`${id}: log terms decrease at ${e.index} (${prevTerm} then ${e.term})`)
      const k = `${e.index}:${e.term}`
      const key = entryKey(e)
      const seen = this.byIndexTerm.get(k)
      if (seen === undefined) {
        this.byIndexTerm.set(k, { key, prevTerm })
      } else if (seen.key !== key || seen.prevTerm !== prevTerm) {
        this.fail(`log matching violated at index ${e.index} term ${e.term} on ${id}: ${key}/prev ${prevTerm} vs ${seen.key}/prev ${seen.prevTerm}`)
      }
      prevTerm = e.term
    }
  }

  /** Election safety and leader completeness, whenever a member is seen leading. */
  observeRole (id: string, core: RaftCore): void {
    if (core.role !== 'leader') return
    const term = core.currentTerm
    const other = this.leaders.get(term)
    if (other === id) return
    if (other !== undefined) this.fail(`two leaders in term ${term}: ${other} and ${id}`)
    this.leaders.set(term, id)
    if (core.lastIndex < this.commitCount) this.fail(`new leader ${id} (term ${term}) lacks committed entries: last index ${core.lastIndex} < ${this.commitCount}`)
    for (let i = Math.max(1, core.snapshotIndex); i <= this.commitCount; i++) {
      const c = this.committed[i]!
      if (core.termAt(i) !== c.term) this.fail(`leader completeness: ${id} (term ${term}) has term ${core.termAt(i)} at committed index ${i}, expected ${c.term}`)
      const e = core.entryAt(i)
      if (e !== undefined && entryKey(e) !== c.key) this.fail(`leader completeness: ${id} has different content at committed index ${i}`)
    }
  }

  /**
   * Registers entries a member now considers committed. New ones must be durable on a majority
   * (`durable` answers that); known ones must match what was committed before.
   */
  observeCommit (id: string, core: RaftCore, fromIndex: number, durable: (index: number, term: number) => boolean): void {
    for (let i = Math.max(fromIndex, core.snapshotIndex) + 1; i <= core.commitIndex; i++) {
      const e = core.entryAt(i)
      if (e === undefined) this.fail(`${id}: committed index ${i} is not in its log`)
      const key = entryKey(e)
      if (i <= this.commitCount) {
        const c = this.committed[i]!
        if (c.term !== e.term || c.key !== key) this.fail(`state machine safety: ${id} commits ${key}@${e.term} at ${i}, but ${c.key}@${c.term} was committed there`)
        continue
      }
      if (i !== this.commitCount + 1) this.fail(`${id}: commit jumped to ${i} past unknown index ${this.commitCount + 1}`)
      if (!durable(i, e.term)) this.fail(`${id}: entry ${i} (term ${e.term}) committed before a majority persisted it`)
      this.committed.push({ term: e.term, key })
      this.digests.push(mixDigest(this.digests[i - 1]!, e, key))
    }
  }

  /** State machine safety at apply time. Returns the entry's key. */
  checkApply (id: string, e: Entry): string {
    const key = entryKey(e)
    const c = this.committed[e.index]
    if (c === undefined || e.index === 0) this.fail(`${id} applied index ${e.index}, which nobody committed`)
    if (c.term !== e.term || c.key !== key) this.fail(`state machine safety: ${id} applied ${key}@${e.term} at ${e.index}, committed was ${c.key}@${c.term}`)
    return key
  }

  /** A snapshot's content must be the digest of the committed prefix it claims to hold. */
  checkSnapshot (id: string, index: number, term: number, digest: number): void {
    if (index === 0) return
    const c = this.committed[index]
    if (c === undefined) this.fail(`${id}: snapshot at ${index} covers uncommitted entries`)
    if (c.term !== term) this.fail(`${id}: snapshot at ${index} has term ${term}, committed term is ${c.term}`)
    if (this.digests[index] !== digest) this.fail(`${id}: snapshot at ${index} does not hold the committed prefix`)
  }
}
