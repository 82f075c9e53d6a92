/**
 * A growable ring buffer: O(1) amortized `push` and `shift`, no per-operation copying (unlike
 * `Array.prototype.shift`, which is O(n) once V8 leaves its fast path).
 */
export class Fifo<T> {
  private buf: Array<T | undefined>
  private head = 0
  private len = 0

  constructor (capacity = 16) {
    this.buf = new Array(Math.max(2, capacity))
  }

  get length (): number {
    return this.len
  }

  push (value: T): void {
    if (this.len === this.buf.length) this.grow()
    this.buf[(this.head + this.len) % this.buf.length] = value
    this.len++
  }

  peek (): T | undefined {
    return this.len === 0 ? undefined : this.buf[this.head]
  }

  shift (): T | undefined {
    if (this.len === 0) return undefined
    const value = this.buf[this.head]
    this.buf[this.head] = undefined
    this.head = (this.head + 1) % this.buf.length
    this.len--
    // Give memory back after a burst, so a queue that was once large does not stay large.
    if (this.buf.length > 64 && this.len < this.buf.length / 4) this.resize(this.buf.length / 2)
    return value
  }

  clear (): void {
    this.buf = new Array(16)
    this.head = 0
    this.len = 0
  }

  * [Symbol.iterator] (): IterableIterator<T> {
    for (let i = 0; i < this.len; i++) yield this.buf[(this.head + i) % this.buf.length] as T
  }

  private grow (): void {
    this.resize(this.buf.length * 2)
  }

  private resize (capacity: number): void {
    const next = new Array<T | undefined>(capacity)
    for (let i = 0; i < this.len; i++) next[i] = this.buf[(this.head + i) % this.buf.length]
    this.buf = next
    this.head = 0
  }
}
