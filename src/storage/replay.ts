/**
 * Rebuilds the log from segment records, applying them with the same rules `save` and
 * `saveSnapshot` used when they were written. Pure: no I/O. Throws ReplayError on anything that
 * cannot follow from a correct write history (a gap, an entry below the snapshot, headers that
 * disagree with what came before); the caller turns it into a StorageCorruptionError naming the
 * file and offset.
 *
 * Replay starts at the header of the oldest remaining segment. Older segments may have been
 * deleted after a snapshot, so entries between that header's base and its prevIndex are
 * "unknown" at first; they must all be compacted away (or rewritten) by the end, which
 * `finish` checks: a lost segment that still held live entries is detected there.
 */
import type { Entry, HardState } from '../raft/storage.js'
import type { SegmentHeader, SnapshotMarker } from './codec.js'

export class ReplayError extends Error {}

export interface ReplayedEntry {
  entry: Entry
  /** Segment the entry's last write is in. */
  seq: number
}

export class LogReplay {
  baseIndex: number
  baseTerm: number
  hardState: HardState
  /** Index of `known[0]`; entries in (baseIndex, first) are unknown. */
  private first: number
  private known: ReplayedEntry[] = []
  lastIndex: number
  lastTerm: number

  constructor (header: SegmentHeader) {
    this.baseIndex = header.baseIndex
    this.baseTerm = header.baseTerm
    this.lastIndex = header.prevIndex
    this.lastTerm = header.prevTerm
    this.first = header.prevIndex + 1
    this.hardState = header.hardState
    if (header.prevIndex < header.baseIndex) throw new ReplayError('segment header has prevIndex below its base')
  }

  /** A later segment's header must agree with the state replayed so far. */
  header (h: SegmentHeader): void {
    if (h.baseIndex !== this.baseIndex || h.baseTerm !== this.baseTerm || h.prevIndex !== this.lastIndex || h.prevTerm !== this.lastTerm) {
      throw new ReplayError(`segment header (base ${h.baseIndex}/${h.baseTerm}, prev ${h.prevIndex}/${h.prevTerm}) disagrees with the log replayed so far (base ${this.baseIndex}/${this.baseTerm}, last ${this.lastIndex}/${this.lastTerm})`)
    }
    this.hardState = h.hardState
  }

  entry (entry: Entry, seq: number): void {
    const i = entry.index
    if (i <= this.baseIndex) throw new ReplayError(`entry ${i} is at or below the snapshot index ${this.baseIndex}`)
    if (i > this.lastIndex + 1) throw new ReplayError(`gap in the log: entry ${i} follows ${this.lastIndex}`)
    if (i < this.first) {
      // Rewrites part of the unknown region: from here on the log is known again.
      this.known = []
      this.first = i
    } else {
      this.known.length = i - this.first // a conflict replaces the suffix
    }
    this.known.push({ entry, seq })
    this.lastIndex = i
    this.lastTerm = entry.term
  }

  hardStateRecord (hs: HardState): void {
    this.hardState = hs
  }

  snapshot (m: SnapshotMarker): void {
    if (m.index < this.baseIndex) throw new ReplayError(`snapshot marker ${m.index} is below the previous one (${this.baseIndex})`)
    if (m.kept) {
      if (m.index > this.lastIndex) throw new ReplayError(`snapshot marker ${m.index} kept a log that ends at ${this.lastIndex}`)
      const t = this.termAt(m.index)
      if (t !== undefined && t !== m.term) throw new ReplayError(`snapshot marker ${m.index}/${m.term} kept a log whose entry has term ${t}`)
      this.dropThrough(m.index)
    } else {
      this.known = []
      this.first = m.index + 1
      this.lastIndex = m.index
      this.lastTerm = m.term
    }
    this.baseIndex = m.index
    this.baseTerm = m.term
  }

  /** Term at `index` if known (the base counts), else undefined. */
  termAt (index: number): number | undefined {
    if (index === this.baseIndex) return this.baseTerm
    if (index === this.lastIndex) return this.lastTerm
    if (index < this.first) return undefined
    return this.known[index - this.first]?.entry.term
  }

  private dropThrough (index: number): void {
    if (index >= this.first) {
      this.known = this.known.slice(index - this.first + 1)
      this.first = index + 1
    }
  }

  /** Throws unless the log is known all the way from the base; returns the live entries. */
  finish (): ReplayedEntry[] {
    if (this.first !== this.baseIndex + 1) {
      throw new ReplayError(`entries ${this.baseIndex + 1}..${this.first - 1} are missing (a segment holding live entries is gone)`)
    }
    return this.known
  }
}
