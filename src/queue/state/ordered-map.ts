import { Fifo } from './fifo.js'

/**
 * A map whose entries are kept in an order the caller controls (insertion, or {@link moveToBack}),
 * with O(1) amortized access to the oldest entry — what the dedup window, the acked-delivery
 * memory, client sessions and the dead-letter set need: add at the back, expire from the front.
 *
 * A plain `Map` cannot do that cheaply: V8 leaves a hole for every deleted entry, and finding the
 * first live entry means stepping over every hole before it until the table is rebuilt (which
 * happens on insertion only), so expiring n entries from the front with no inserts costs O(n²).
 * Here the order lives in a ring buffer of (key, stamp); deleted or moved entries leave stale
 * records that are skipped once, and the buffer is rebuilt when stale records outnumber live ones.
 */
export class OrderedMap<K, V> {
  private readonly map = new Map<K, { value: V, stamp: number }>()
  private order = new Fifo<{ key: K, stamp: number }>()
  private stamps = 0

  get size (): number {
    return this.map.size
  }

  get (key: K): V | undefined {
    return this.map.get(key)?.value
  }

  has (key: K): boolean {
    return this.map.has(key)
  }

  /** Add at the back; an existing key keeps its place and gets the new value. */
  set (key: K, value: V): this {
    const e = this.map.get(key)
    if (e !== undefined) e.value = value
    else this.append(key, value)
    return this
  }

  /** Insert, or re-insert, `key` at the back. */
  moveToBack (key: K, value: V): void {
    this.map.delete(key)
    this.append(key, value)
    this.compact()
  }

  delete (key: K): boolean {
    const ok = this.map.delete(key)
    if (ok) this.compact()
    return ok
  }

  clear (): void {
    this.map.clear()
    this.order = new Fifo()
  }

  /** The front (oldest) entry. */
  oldest (): [K, V] | undefined {
    for (;;) {
      const front = this.order.peek()
      if (front === undefined) return undefined
      const e = this.map.get(front.key)
      if (e !== undefined && e.stamp === front.stamp) return [front.key, e.value]
      this.order.shift() // stale: deleted or moved since
    }
  }

  /** Keys, oldest first. */
  * keys (): IterableIterator<K> {
    // The Map's own order is the same (a move is a delete plus a set), and iterating it once is cheap.
    yield * this.map.keys()
  }

  /** Values, oldest first. */
  * values (): IterableIterator<V> {
    for (const e of this.map.values()) yield e.value
  }

  /** Entries, oldest first. */
  * [Symbol.iterator] (): IterableIterator<[K, V]> {
    for (const [k, e] of this.map) yield [k, e.value]
  }

  private append (key: K, value: V): void {
    const stamp = ++this.stamps
    this.map.set(key, { value, stamp })
    this.order.push({ key, stamp })
  }

  private compact (): void {
    if (this.order.length <= 2 * this.map.size + 32) return
    const order = new Fifo<{ key: K, stamp: number }>(this.map.size + 16)
    for (const [key, e] of this.map) order.push({ key, stamp: e.stamp })
    this.order = order
  }
}
