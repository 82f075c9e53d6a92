import type { SnapshotStream } from './snapshot-stream.js'

/**
 * What a leader knows about one follower (etcd's `tracker/`): how far its log matches, where to
 * send next, and how much is in flight, so the leader pipelines without flooding it.
 */

/**
 * probe: the leader does not know where the follower's log diverges; one append per heartbeat.
 * replicate: logs match up to `match`; appends are pipelined optimistically up to the window.
 * snapshot: the follower needs entries the leader has compacted; a snapshot is being streamed.
 */
export type ProgressState = 'probe' | 'replicate' | 'snapshot'

/**
 * A sliding window of in-flight appends, bounded both in messages and in bytes. Each entry is
 * the last index an append carried; an ack for index n frees every append up to n.
 */
export class Inflights {
  private readonly lastIndexes: number[] = []
  private readonly sizes: number[] = []
  private head = 0
  private totalBytes = 0

  constructor (private readonly maxCount: number, private readonly maxBytes: number) {}

  get count (): number { return this.lastIndexes.length - this.head }
  get bytes (): number { return this.totalBytes }

  add (lastIndex: number, bytes: number): void {
    this.lastIndexes.push(lastIndex)
    this.sizes.push(bytes)
    this.totalBytes += bytes
  }

  /** Frees every in-flight append whose last index is ≤ `index`. */
  freeLE (index: number): void {
    while (this.head < this.lastIndexes.length && this.lastIndexes[this.head]! <= index) {
      this.totalBytes -= this.sizes[this.head]!
      this.head++
    }
    // Compact occasionally so the arrays do not grow with the number of appends ever sent.
    if (this.head > 64 && this.head * 2 > this.lastIndexes.length) {
      this.lastIndexes.splice(0, this.head)
      this.sizes.splice(0, this.head)
      this.head = 0
    }
  }

  /** Frees the oldest in-flight append (its ack may never come). */
  freeFirst (): void {
    if (this.count > 0) this.freeLE(this.lastIndexes[this.head]!)
  }

  full (): boolean {
    return this.count >= this.maxCount || (this.maxBytes > 0 && this.totalBytes >= this.maxBytes)
  }

  reset (): void {
    this.lastIndexes.length = 0
    this.sizes.length = 0
    this.head = 0
    this.totalBytes = 0
  }
}

/** Per-follower replication state, owned by the leader. */
export class Progress {
  /** Highest index known to match the leader's log. Moves only on a positive ack. */
  match = 0
  /** Next index to send; a guess that backs off on rejection. */
  next: number
  state: ProgressState = 'probe'
  /** In probe state: an append was sent and we wait for its answer (or the next heartbeat). */
  probeSent = false
  /** Heard from since the last check-quorum round. */
  recentActive = false
  isLearner: boolean
  readonly inflights: Inflights

  /** In snapshot state: the stream of chunks (it keeps its snapshot even if the leader compacts again). */
  stream: SnapshotStream | undefined
  /** Index of the snapshot streamed (kept after leaving snapshot state to guess `next`). */
  pendingSnapshot = 0

  constructor (next: number, isLearner: boolean, maxInflightMsgs: number, maxInflightBytes: number) {
    this.next = next
    this.isLearner = isLearner
    this.inflights = new Inflights(maxInflightMsgs, maxInflightBytes)
  }

  becomeProbe (): void {
    if (this.state === 'snapshot') {
      // The follower either installed the snapshot (then it is the best guess) or told us its match.
      this.next = Math.max(this.match + 1, this.pendingSnapshot + 1)
    } else {
      this.next = this.match + 1
    }
    this.resetState('probe')
  }

  becomeReplicate (): void {
    this.next = this.match + 1
    this.resetState('replicate')
  }

  becomeSnapshot (stream: SnapshotStream): void {
    this.resetState('snapshot')
    this.stream = stream
    this.pendingSnapshot = stream.snapshot.meta.index
  }

  private resetState (state: ProgressState): void {
    this.state = state
    this.probeSent = false
    this.stream = undefined
    this.pendingSnapshot = 0
    this.inflights.reset()
  }

  /** A positive ack for `index`. Returns whether `match` moved. */
  maybeUpdate (index: number): boolean {
    let updated = false
    if (this.match < index) {
      this.match = index
      updated = true
      this.probeSent = false
    }
    this.next = Math.max(this.next, index + 1)
    return updated
  }

  /**
   * A rejection of an append whose prevLogIndex was `rejected`; `matchHint` is the highest index
   * that might still match. Returns false for a stale rejection (one answering an append sent
   * before the current guess), which must not move `next`.
   */
  maybeDecrTo (rejected: number, matchHint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false
      this.next = this.match + 1
      return true
    }
    if (this.next - 1 !== rejected) return false
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1)
    this.probeSent = false
    return true
  }

  /** Records an append carrying entries up to `lastIndex` (`bytes` of them). */
  sentEntries (lastIndex: number, count: number, bytes: number): void {
    if (this.state === 'replicate') {
      if (count > 0) {
        this.next = lastIndex + 1
        this.inflights.add(lastIndex, bytes)
      }
    } else if (this.state === 'probe') {
      // Any append in probe state is a probe: wait for its answer or the next heartbeat.
      this.probeSent = true
    }
  }

  isPaused (): boolean {
    switch (this.state) {
      case 'probe': return this.probeSent
      case 'replicate': return this.inflights.full()
      case 'snapshot': return true
    }
  }
}
