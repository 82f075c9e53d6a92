import type { Entry } from '../storage.js'
import { RaftUsageError } from './errors.js'

/** Approximate wire size of an entry, so even empty entries count against byte limits. */
export function entrySize (e: Entry): number {
  return e.data.byteLength + 16
}

/**
 * The in-memory log (etcd's `raftLog` + `unstable`): entries after the last snapshot, with
 * a watermark `stable` separating what storage already holds from what still has to be saved.
 *
 * Indexes: the snapshot covers [1, snapshotIndex]; `ents[k]` has index snapshotIndex + 1 + k.
 * Invariants: applied ≤ committed ≤ lastIndex; snapshotIndex ≤ committed.
 */
export class RaftLog {
  private snapIndex: number
  private snapTerm: number
  private ents: Entry[]
  /** Highest index known committed. */
  committed: number
  /** Highest index the caller has applied (advanced past). */
  applied: number
  /** Highest index handed out for applying in an outstanding Ready. */
  applying: number
  /** Entries ≤ stable are in storage with the terms they have here. */
  stable: number

  constructor (snapIndex: number, snapTerm: number, entries: Entry[], committed: number, applied: number) {
    this.snapIndex = snapIndex
    this.snapTerm = snapTerm
    this.ents = entries.filter(e => e.index > snapIndex)
    for (let k = 0; k < this.ents.length; k++) {
      const e = this.ents[k]!
      if (e.index !== snapIndex + 1 + k) throw new RaftUsageError(`persisted log is not contiguous after index ${snapIndex}: found index ${e.index} at position ${k}`)
      if (k > 0 && e.term < this.ents[k - 1]!.term) throw new RaftUsageError(`persisted log has decreasing terms at index ${e.index}`)
    }
    if (this.ents.length > 0 && this.ents[0]!.term < snapTerm) throw new RaftUsageError('persisted log has an entry older than its snapshot')
    this.stable = this.lastIndex()
    if (committed > this.lastIndex()) throw new RaftUsageError(`persisted commit index ${committed} is past the last log index ${this.lastIndex()}`)
    this.committed = Math.max(committed, snapIndex)
    if (applied < snapIndex || applied > this.committed) throw new RaftUsageError(`applied index ${applied} must be within [${snapIndex}, ${this.committed}]`)
    this.applied = applied
    this.applying = applied
  }

  get snapshotIndex (): number { return this.snapIndex }
  get snapshotTerm (): number { return this.snapTerm }
  firstIndex (): number { return this.snapIndex + 1 }
  lastIndex (): number { return this.snapIndex + this.ents.length }
  lastTerm (): number { return this.ents.length === 0 ? this.snapTerm : this.ents[this.ents.length - 1]!.term }

  /** Term of the entry at `i`, or undefined when `i` is compacted away or past the end. */
  term (i: number): number | undefined {
    if (i === this.snapIndex) return this.snapTerm
    if (i < this.snapIndex || i > this.lastIndex()) return undefined
    return this.ents[i - this.snapIndex - 1]!.term
  }

  matchTerm (i: number, t: number): boolean {
    return this.term(i) === t
  }

  /** The entry at `i`, if present in memory. */
  entry (i: number): Entry | undefined {
    if (i <= this.snapIndex || i > this.lastIndex()) return undefined
    return this.ents[i - this.snapIndex - 1]
  }

  /** Raft's "at least as up to date": compare last terms first, then last indexes (never length alone). */
  isUpToDate (lastIndex: number, lastTerm: number): boolean {
    const myTerm = this.lastTerm()
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex())
  }

  /** Entries [lo, hi). Caller guarantees firstIndex ≤ lo ≤ hi ≤ lastIndex + 1. */
  slice (lo: number, hi: number): Entry[] {
    return this.ents.slice(lo - this.snapIndex - 1, hi - this.snapIndex - 1)
  }

  /**
   * Entries from `lo` on, at most `maxBytes` of them (at least one if any exist).
   * Undefined when `lo` is compacted, i.e. the follower needs a snapshot.
   */
  entriesFrom (lo: number, maxBytes: number): Entry[] | undefined {
    if (lo <= this.snapIndex) return undefined
    const out: Entry[] = []
    let bytes = 0
    for (let i = lo; i <= this.lastIndex(); i++) {
      const e = this.ents[i - this.snapIndex - 1]!
      const s = entrySize(e)
      if (out.length > 0 && bytes + s > maxBytes) break
      out.push(e)
      bytes += s
    }
    return out
  }

  /**
   * Appends entries, replacing the log from `entries[0].index` on. Never truncates committed
   * entries (that would be a safety bug, so it throws).
   */
  append (entries: readonly Entry[]): void {
    if (entries.length === 0) return
    const first = entries[0]!.index
    if (first <= this.committed) throw new RaftUsageError(`refusing to overwrite committed index ${first} (committed ${this.committed})`)
    if (first > this.lastIndex() + 1) throw new RaftUsageError(`gap in log: appending ${first} after ${this.lastIndex()}`)
    this.ents.length = first - this.snapIndex - 1
    for (const e of entries) this.ents.push(e)
    if (this.stable >= first) this.stable = first - 1
  }

  /**
   * The index of the first entry of `entries` that is not in the log with the same term, or 0
   * if all of them already are. Only a real conflict (same index, other term) or new entries count.
   */
  findConflict (entries: readonly Entry[]): number {
    for (const e of entries) {
      if (!this.matchTerm(e.index, e.term)) return e.index
    }
    return 0
  }

  /**
   * Follower side of AppendEntries. Returns the index of the last entry the request carried
   * (prevLogIndex + entries.length) if the log matched at (prevIndex, prevTerm), else undefined.
   * Entries already present are kept, so a stale or duplicated append never takes back entries
   * that follow the ones it carries; the commit index moves to min(leaderCommit, last new index).
   * `firstChanged` is the first index whose content changed (0 if none).
   */
  maybeAppend (prevIndex: number, prevTerm: number, leaderCommit: number, entries: readonly Entry[]): { lastNew: number, firstChanged: number } | undefined {
    if (!this.matchTerm(prevIndex, prevTerm)) return undefined
    const lastNew = prevIndex + entries.length
    const conflict = this.findConflict(entries)
    if (conflict !== 0) {
      if (conflict <= this.committed) throw new RaftUsageError(`entry ${conflict} conflicts with a committed entry (committed ${this.committed})`)
      this.append(entries.slice(conflict - prevIndex - 1))
    }
    this.commitTo(Math.min(leaderCommit, lastNew))
    return { lastNew, firstChanged: conflict }
  }

  /**
   * The largest index ≤ `index` whose term is ≤ `term` (bounded below by the snapshot). Used on
   * both sides of a rejected append to skip a whole conflicting term per round trip.
   */
  findConflictByTerm (index: number, term: number): number {
    let i = Math.min(index, this.lastIndex())
    while (i > this.snapIndex) {
      const t = this.term(i)!
      if (t <= term) return i
      i--
    }
    return i
  }

  commitTo (index: number): boolean {
    if (index <= this.committed) return false
    if (index > this.lastIndex()) throw new RaftUsageError(`commit index ${index} is past the last log index ${this.lastIndex()}`)
    this.committed = index
    return true
  }

  /** Entries not yet handed to storage. */
  unstableEntries (): Entry[] {
    return this.slice(this.stable + 1, this.lastIndex() + 1)
  }

  /**
   * Marks entries persisted. Some of them may have been replaced since they were handed out (a
   * conflict arrived meanwhile): only the prefix that still matches counts as stable.
   */
  stableTo (persisted: readonly Entry[]): void {
    for (let k = persisted.length - 1; k >= 0; k--) {
      const e = persisted[k]!
      if (this.matchTerm(e.index, e.term)) {
        if (e.index > this.stable) this.stable = e.index
        return
      }
    }
  }

  hasNextCommitted (): boolean {
    return this.committed > Math.max(this.applying, this.snapIndex)
  }

  /** Committed entries not yet handed out, at most `maxBytes` (at least one). */
  nextCommitted (maxBytes: number): Entry[] {
    const lo = Math.max(this.applying, this.snapIndex) + 1
    const out: Entry[] = []
    let bytes = 0
    for (let i = lo; i <= this.committed; i++) {
      const e = this.ents[i - this.snapIndex - 1]!
      const s = entrySize(e)
      if (out.length > 0 && bytes + s > maxBytes) break
      out.push(e)
      bytes += s
    }
    return out
  }

  /** Drops entries ≤ `index` after a snapshot taken there (index ≤ applied). */
  compact (index: number): void {
    const term = this.term(index)
    if (term === undefined || index > this.applied) throw new RaftUsageError(`cannot compact at ${index} (snapshot ${this.snapIndex}, applied ${this.applied})`)
    this.ents = this.ents.slice(index - this.snapIndex)
    this.snapIndex = index
    this.snapTerm = term
    // Applied entries were persisted before they were applied.
    if (this.stable < index) this.stable = index
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  restore (index: number, term: number): void {
    this.ents = []
    this.snapIndex = index
    this.snapTerm = term
    this.committed = index
    this.stable = index
  }

  /** Sum of entry sizes in (lo, hi]. */
  sizeBetween (lo: number, hi: number): number {
    let s = 0
    for (let i = Math.max(lo, this.snapIndex) + 1; i <= Math.min(hi, this.lastIndex()); i++) s += entrySize(this.ents[i - this.snapIndex - 1]!)
    return s
  }
}
