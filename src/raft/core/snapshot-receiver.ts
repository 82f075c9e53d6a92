import type { Snapshot, SnapshotMeta } from '../storage.js'
import type { SnapshotMessage } from './messages.js'

/** What to do with a chunk: acknowledge progress, ask for a resend from `offset`, or install. */
export type ChunkResult =
  | { status: 'partial', offset: number }
  | { status: 'reject', offset: number }
  | { status: 'complete', snapshot: Snapshot }

/**
 * Follower side of chunked InstallSnapshot: assembles the chunks of one snapshot in order. Held
 * in memory only: after a restart the follower answers the next chunk with "resend from 0".
 */
export class SnapshotReceiver {
  private meta: SnapshotMeta | undefined
  private total = 0
  private chunks: Uint8Array[] = []
  private received = 0

  private same (meta: SnapshotMeta): boolean {
    return this.meta !== undefined && this.meta.index === meta.index && this.meta.term === meta.term
  }

  /** Bytes held of the snapshot at (index, term), 0 if it is not the one being assembled. */
  offsetFor (meta: SnapshotMeta): number {
    return this.same(meta) ? this.received : 0
  }

  accept (m: SnapshotMessage): ChunkResult {
    if (m.offset < 0 || m.total < 0 || m.offset + m.data.byteLength > m.total) return { status: 'reject', offset: this.offsetFor(m.meta) }
    if (m.offset === 0 && !(this.same(m.meta) && this.received > 0 && this.total === m.total)) {
      this.meta = m.meta
      this.total = m.total
      this.chunks = []
      this.received = 0
    }
    if (!this.same(m.meta) || this.total !== m.total) return { status: 'reject', offset: 0 }
    if (m.offset > this.received) return { status: 'reject', offset: this.received }
    if (m.offset < this.received) {
      // A duplicate or an overlapping resend: keep only the part we do not have yet.
      const skip = this.received - m.offset
      if (skip >= m.data.byteLength) return { status: 'partial', offset: this.received }
      this.push(m.data.subarray(skip))
    } else {
      this.push(m.data)
    }
    if (this.received < this.total) return { status: 'partial', offset: this.received }
    const data = new Uint8Array(this.total)
    let at = 0
    for (const c of this.chunks) { data.set(c, at); at += c.byteLength }
    const snapshot: Snapshot = { meta: this.meta!, data }
    this.reset()
    return { status: 'complete', snapshot }
  }

  private push (bytes: Uint8Array): void {
    // Copy: the transport may reuse its buffer once the message is handled.
    this.chunks.push(bytes.slice())
    this.received += bytes.byteLength
  }

  reset (): void {
    this.meta = undefined
    this.total = 0
    this.chunks = []
    this.received = 0
  }
}
