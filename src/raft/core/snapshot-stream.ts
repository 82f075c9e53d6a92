import type { Snapshot } from '../storage.js'

/** One chunk to send: bytes [offset, offset + data.length) of the snapshot. */
export interface Chunk {
  offset: number
  data: Uint8Array
}

/**
 * Leader side of chunked InstallSnapshot to one follower: a window of chunks in flight (bounded
 * in chunks and bytes), cumulative acks, and retransmission of the first missing chunk on a
 * timeout or after three acks that make no progress (TCP's fast retransmit), so loss,
 * duplication and reordering cost a chunk each rather than the whole window.
 */
export class SnapshotStream {
  readonly snapshot: Snapshot
  private sent = 0
  private acked = 0
  private firstSent = false
  private dupAcks = 0
  private recovering = false
  private recoverPoint = 0
  private retransmit: number | undefined
  private idleTicks = 0

  constructor (snapshot: Snapshot, private readonly chunkSize: number, private readonly maxBytes: number, private readonly maxChunks: number) {
    this.snapshot = snapshot
  }

  get total (): number { return this.snapshot.data.byteLength }
  /** Bytes the follower confirmed holding. */
  get ackedBytes (): number { return this.acked }

  private chunkAt (offset: number): Chunk {
    return { offset, data: this.snapshot.data.subarray(offset, Math.min(offset + this.chunkSize, this.total)) }
  }

  /** Chunks to send now: a pending retransmission, then new chunks while the window allows. */
  take (): Chunk[] {
    const out: Chunk[] = []
    if (this.retransmit !== undefined) {
      out.push(this.chunkAt(this.retransmit))
      this.retransmit = undefined
    }
    while (this.sent < this.total || !this.firstSent) {
      const inflight = this.sent - this.acked
      if (inflight > 0 && (inflight >= this.maxBytes || Math.ceil(inflight / this.chunkSize) >= this.maxChunks)) break
      const c = this.chunkAt(this.sent)
      out.push(c)
      this.firstSent = true
      this.sent = c.offset + c.data.byteLength
    }
    return out
  }

  /** The follower holds the first `offset` bytes; `reject` means it lost some of what it had confirmed. */
  onResponse (offset: number, reject: boolean): void {
    this.idleTicks = 0
    if (offset < this.acked) {
      // Without `reject` this is an old answer overtaken by newer ones: nothing to learn.
      if (!reject) return
      this.acked = offset
      this.sent = offset
      this.dupAcks = 0
      this.recovering = false
      this.retransmit = undefined
      return
    }
    if (offset > this.acked) {
      this.acked = Math.min(offset, this.total)
      if (this.sent < this.acked) this.sent = this.acked
      this.dupAcks = 0
      if (this.recovering) {
        // A partial ack during recovery points at the next hole.
        if (this.acked >= this.recoverPoint) this.recovering = false
        else this.retransmit = this.acked
      }
    } else if (this.sent > this.acked && !this.recovering && ++this.dupAcks >= 3) {
      this.startRecovery()
    }
  }

  /** Counts a tick without acks; true when it is time to retransmit. */
  tick (resendTicks: number): boolean {
    if (++this.idleTicks < resendTicks) return false
    this.idleTicks = 0
    this.startRecovery()
    return true
  }

  private startRecovery (): void {
    this.recovering = true
    this.recoverPoint = this.sent
    this.dupAcks = 0
    // Everything acked but no install confirmation: resend the last chunk to get one.
    const lastStart = this.total === 0 ? 0 : Math.floor((this.total - 1) / this.chunkSize) * this.chunkSize
    this.retransmit = Math.min(this.acked, lastStart)
  }
}
