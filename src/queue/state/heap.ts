/** An element that remembers its own position in an {@link IndexedHeap}, -1 when in none. */
export interface HeapItem {
  heapIndex: number
}

/**
 * A binary min-heap whose elements track their position, so an element can be removed or
 * re-keyed in O(log n) (a lease acked or extended) besides the usual O(log n) push/pop.
 *
 * `less` must be a strict total order (ties broken by a unique key such as the message seq): the
 * state machine pops due elements in heap order, and every replica must pop them in the same order
 * whatever the heap's internal layout.
 */
export class IndexedHeap<T extends HeapItem> {
  private readonly items: T[] = []

  constructor (private readonly less: (a: T, b: T) => boolean) {}

  get size (): number {
    return this.items.length
  }

  peek (): T | undefined {
    return this.items[0]
  }

  push (item: T): void {
    item.heapIndex = this.items.length
    this.items.push(item)
    this.up(item.heapIndex)
  }

  pop (): T | undefined {
    const top = this.items[0]
    if (top === undefined) return undefined
    this.removeAt(0)
    return top
  }

  remove (item: T): void {
    const i = item.heapIndex
    if (i < 0 || this.items[i] !== item) return
    this.removeAt(i)
  }

  /** Call after changing the key of an element already in the heap. */
  update (item: T): void {
    const i = item.heapIndex
    if (i < 0 || this.items[i] !== item) return
    this.up(i)
    this.down(item.heapIndex)
  }

  clear (): void {
    for (const item of this.items) item.heapIndex = -1
    this.items.length = 0
  }

  /** The elements in ascending order (a copy; O(n log n)). */
  sorted (): T[] {
    return [...this.items].sort((a, b) => this.less(a, b) ? -1 : this.less(b, a) ? 1 : 0)
  }

  values (): readonly T[] {
    return this.items
  }

  private removeAt (i: number): void {
    const item = this.items[i] as T
    const last = this.items.pop() as T
    item.heapIndex = -1
    if (last !== item) {
      this.items[i] = last
      last.heapIndex = i
      this.up(i)
      this.down(last.heapIndex)
    }
  }

  private up (i: number): void {
    const items = this.items
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(items[i] as T, items[parent] as T)) break
      this.swap(i, parent)
      i = parent
    }
  }

  private down (i: number): void {
    const items = this.items
    const n = items.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let min = i
      if (l < n && this.less(items[l] as T, items[min] as T)) min = l
      if (r < n && this.less(items[r] as T, items[min] as T)) min = r
      if (min === i) return
      this.swap(i, min)
      i = min
    }
  }

  private swap (i: number, j: number): void {
    const a = this.items[i] as T
    const b = this.items[j] as T
    this.items[i] = b
    this.items[j] = a
    a.heapIndex = j
    b.heapIndex = i
  }
}
