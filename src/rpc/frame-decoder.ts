import { BadLengthPrefixError, FrameTooLargeError } from './errors.js'

/** A varint longer than this can't be a length below 2^53; it is garbage, not a big frame. */
const MAX_PREFIX_BYTES = 8

/**
 * Incremental decoder of varint-length-prefixed frames (the lpStream wire format). Bytes go in as
 * they arrive; whole frames come out. It never allocates for a frame before all of its bytes have
 * arrived, and rejects a length above `maxFrameSize` as soon as the prefix says so — a hostile
 * peer can't make it reserve memory it announces but never sends.
 */
export class FrameDecoder {
  private readonly chunks: Uint8Array[] = []
  /** Read position inside chunks[0]. */
  private head = 0
  private buffered = 0
  /** Length of the frame being read, or -1 while reading its prefix. */
  private length = -1
  private prefixBytes = 0

  constructor (readonly maxFrameSize: number) {}

  /** Bytes of an unfinished frame held (its prefix included); 0 between frames. */
  get pendingBytes (): number {
    return this.buffered + this.prefixBytes
  }

  push (chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return
    this.chunks.push(chunk)
    this.buffered += chunk.byteLength
  }

  /**
   * The next whole frame, or undefined until more bytes arrive.
   * @throws {FrameTooLargeError} the prefix announces more than `maxFrameSize` bytes
   * @throws {BadLengthPrefixError} the prefix isn't a varint
   */
  next (): Uint8Array | undefined {
    if (this.length < 0 && !this.readPrefix()) return undefined
    if (this.buffered < this.length) return undefined
    const frame = this.take(this.length)
    this.length = -1
    this.prefixBytes = 0
    return frame
  }

  private readPrefix (): boolean {
    let value = 0
    let scale = 1
    let n = 0
    for (let c = 0, i = this.head; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]
      for (; i < chunk.byteLength; i++) {
        const byte = chunk[i]
        value += (byte & 0x7f) * scale
        scale *= 0x80
        n++
        if (value > this.maxFrameSize) throw new FrameTooLargeError(value, this.maxFrameSize)
        if ((byte & 0x80) === 0) {
          this.take(n)
          this.prefixBytes = n
          this.length = value
          return true
        }
        if (n >= MAX_PREFIX_BYTES) throw new BadLengthPrefixError()
      }
    }
    return false
  }

  /** Removes and returns the next `n` buffered bytes (a view when they lie in one chunk). */
  private take (n: number): Uint8Array {
    this.buffered -= n
    const first = this.chunks[0]
    if (n === 0) return new Uint8Array(0)
    if (first.byteLength - this.head >= n) {
      const out = first.subarray(this.head, this.head + n)
      this.advance(n)
      return out
    }
    const out = new Uint8Array(n)
    let written = 0
    while (written < n) {
      const chunk = this.chunks[0]
      const count = Math.min(chunk.byteLength - this.head, n - written)
      out.set(chunk.subarray(this.head, this.head + count), written)
      written += count
      this.advance(count)
    }
    return out
  }

  private advance (n: number): void {
    this.head += n
    if (this.head === this.chunks[0].byteLength) {
      this.chunks.shift()
      this.head = 0
    }
  }
}
