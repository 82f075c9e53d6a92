import { Fifo } from './fifo.js'

/** An entry of an {@link OrderedMap}: the same record sits in the map and in the order ring. */
export interface OrderedEntry<K, V> {
  readonly key: K
  value: V
}

/**
 * A map whose entries are kept in an order the caller controls (insertion, or {@link moveToBack}),
 * with O(1) amortized access to the oldest entry — what the dedup window, the acked-delivery
 * memory, client sessions and the dead-letter set need: add at the back, expire from the front.
 *
 * A plain `Map` cannot do that cheaply: V8 leaves a hole for every deleted entry, and finding the
 * first live entry means stepping over every hole before it until the table is rebuilt (which
 * happens on insertion only), so expiring n entries from the front with no inserts costs O(n²).
 * Here the order lives in a ring buffer of the map's own records; deleted or moved entries leave stale
 * records that are skipped once, and the buffer is rebuilt when stale records outnumber live ones.
 */
export class OrderedMap<K, V> {
  private readonly map = new Map<K, OrderedEntry<K, V>>()
  /** Records in order; a record no longer in `map` (deleted, or moved: replaced by a new record) is stale. */
  private order = new Fifo<OrderedEntry<K, V>>()
  /** The record appended last, if still live: it is at the back, so moving it back again is free. */
  private newest: OrderedEntry<K, V> | undefined

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
    const e = this.map.get(key)
    if (e !== undefined && e === this.newest) {
      // Already at the back (in the ring and in the Map's own order): a client sending request
      // after request, the common case, costs no allocation.
      e.value = value
      return
    }
    if (e !== undefined) this.map.delete(key)
    this.append(key, value)
    this.compact()
  }

  delete (key: K): boolean {
    const e = this.map.get(key)
    if (e === undefined) return false
    this.map.delete(key)
    if (e === this.newest) this.newest = undefined
    this.compact()
    return true
  }

  clear (): void {
    this.map.clear()
    this.order = new Fifo()
    this.newest = undefined
  }

  /** The front (oldest) entry; valid until the map changes. */
  oldest (): Readonly<OrderedEntry<K, V>> | undefined {
    for (;;) {
      const front = this.order.peek()
      if (front === undefined) return undefined
      if (this.map.get(front.key) === front) return front
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

  /** Entries, oldest first, as an array that later changes leave alone (a loop, not a generator: snapshots copy 10⁵–10⁶ of them). */
  entries (): Array<[K, V]> {
    const out = new Array<[K, V]>(this.map.size)
    let i = 0
    this.map.forEach((e, k) => { out[i++] = [k, e.value] })
    return out
  }

  /** Entries, oldest first. */
  * [Symbol.iterator] (): IterableIterator<[K, V]> {
    for (const [k, e] of this.map) yield [k, e.value]
  }

  private append (key: K, value: V): void {
    const e: OrderedEntry<K, V> = { key, value }
    this.map.set(key, e)
    this.order.push(e)
    this.newest = e
  }

  private compact (): void {
    if (this.order.length <= 2 * this.map.size + 32) return
    const order = new Fifo<OrderedEntry<K, V>>(this.map.size + 16)
    for (const e of this.map.values()) order.push(e)
    this.order = order
  }
}
