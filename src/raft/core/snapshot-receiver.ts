import type { Snapshot, SnapshotMeta } from '../storage.js'
import type { SnapshotMessage } from './messages.js'

/**
 * What to answer a chunk with: `offset` is how many leading bytes are held. `reject` means the
 * follower holds less than it had confirmed to the leader (it restarted and lost what it had):
 * the leader must start over from `offset`.
 */
export type ChunkResult =
  | { status: 'partial' | 'reject', offset: number }
  | { status: 'complete', snapshot: Snapshot }

/**
 * Follower side of chunked InstallSnapshot. Chunks may arrive lost, duplicated or out of order:
 * those past the contiguous prefix are buffered (at most the snapshot's size), so one lost chunk
 * costs one retransmission, not the rest of the window. Held in memory only.
 */
export class SnapshotReceiver {
  private meta: SnapshotMeta | undefined
  /** Term of the leader streaming the snapshot being assembled. */
  private leaderTerm = 0
  private total = 0
  private chunks: Uint8Array[] = []
  private received = 0
  private readonly pending = new Map<number, Uint8Array>()

  private same (meta: SnapshotMeta): boolean {
    return this.meta !== undefined && this.meta.index === meta.index && this.meta.term === meta.term
  }

  accept (m: SnapshotMessage): ChunkResult {
    if (!this.same(m.meta)) {
      // A stream from an older leader, or an older snapshot of the same leader, must not
      // destroy the newer assembly; otherwise the newest stream wins.
      if (this.meta !== undefined && (m.term < this.leaderTerm || (m.term === this.leaderTerm && m.meta.index < this.meta.index))) {
        return { status: 'reject', offset: 0 }
      }
      this.start(m)
    }
    if (m.total !== this.total || m.offset < 0 || m.offset + m.data.byteLength > m.total) {
      return { status: 'partial', offset: this.received }
    }
    this.leaderTerm = Math.max(this.leaderTerm, m.term)
    if (m.offset <= this.received) {
      this.take(m.offset, m.data)
      this.drain()
    } else if (!this.pending.has(m.offset)) {
      // Copy: the transport may reuse its buffer once the message is handled.
      this.pending.set(m.offset, m.data.slice())
    }
    if (this.received >= this.total) {
      const data = new Uint8Array(this.total)
      let at = 0
      for (const c of this.chunks) { data.set(c, at); at += c.byteLength }
      const snapshot: Snapshot = { meta: this.meta!, data }
      this.reset()
      return { status: 'complete', snapshot }
    }
    // Our earlier acknowledgements only ever grow, so holding less than the leader says we
    // confirmed means we lost it, never that the network reordered something.
    return { status: m.acked > this.received ? 'reject' : 'partial', offset: this.received }
  }

  /** Appends the part of a chunk starting at `offset` (≤ received) that is not held yet. */
  private take (offset: number, data: Uint8Array): void {
    const skip = this.received - offset
    if (skip >= data.byteLength) return
    const part = data.subarray(skip).slice()
    this.chunks.push(part)
    this.received += part.byteLength
  }

  private drain (): void {
    let progressed = true
    while (progressed && this.pending.size > 0) {
      progressed = false
      for (const [o, d] of this.pending) {
        if (o <= this.received) {
          this.pending.delete(o)
          const before = this.received
          this.take(o, d)
          if (this.received > before) progressed = true
        }
      }
    }
  }

  private start (m: SnapshotMessage): void {
    this.meta = m.meta
    this.leaderTerm = m.term
    this.total = m.total
    this.chunks = []
    this.received = 0
    this.pending.clear()
  }

  reset (): void {
    this.meta = undefined
    this.total = 0
    this.chunks = []
    this.received = 0
    this.pending.clear()
  }
}
