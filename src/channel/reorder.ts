/**
 * Per-sender FIFO: a hold-back buffer that turns the messages of many senders, each numbered by its
 * sender, into per-sender in-order delivery with reported gaps. Pure logic apart from one timer per
 * sender stream; the clock and the timer functions are injectable for tests.
 */

/** Messages `fromSeq..toSeq` (inclusive) of one sender stream can no longer arrive and were skipped. */
export interface Gap {
  /** PeerId (string form) of the sender. */
  sender: string
  /** The sender's epoch (decimal string of a uint64). */
  epoch: string
  /** First missing sequence number. */
  fromSeq: number
  /** Last missing sequence number (inclusive). */
  toSeq: number
}

/** Limits of the hold-back buffer (per channel topic). */
export interface HoldBackOptions {
  /**
   * Most out-of-order messages held for one sender stream before the oldest missing one is given up
   * (reported as a gap). A held batch counts as its number of messages. Default 1024.
   */
  maxMessages?: number
  /** Longest time (ms) a message is held waiting for earlier ones; then they are given up. Default 1000. */
  maxDelay?: number
  /**
   * Most sender streams (sender, epoch) tracked at once; beyond it the least recently active one is
   * flushed (its held messages delivered, holes reported as gaps) and forgotten. Default 1024.
   */
  maxSenders?: number
}

/** Defaults of {@link HoldBackOptions}. */
export const HOLD_BACK_DEFAULTS: Readonly<Required<HoldBackOptions>> = Object.freeze({
  maxMessages: 1024,
  maxDelay: 1000,
  maxSenders: 1024
})

/** Where the reorder buffer sends its results. Called synchronously. */
export interface ReorderSink<M> {
  deliver(item: M, sender: string, epoch: string, seq: number): void
  gap(gap: Gap): void
  duplicates(sender: string, epoch: string, count: number): void
}

/** Injectable clock for tests. */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms)
    ;(t as { unref?: () => void }).unref?.()
    return t
  },
  clearTimeout: (h) => { clearTimeout(h as ReturnType<typeof setTimeout>) }
}

interface Held<M> { item: M, arrivedAt: number }

interface Stream<M> {
  key: string
  sender: string
  epoch: string
  /** Next sequence number to deliver. */
  next: number
  held: Map<number, Held<M>>
  timer: unknown
  timerAt: number
  /** From a sequence marker: every number below it was sent (0 = none pending). */
  horizon: number
  /** When the pending horizon was learned. */
  horizonAt: number
}

/**
 * Hold-back buffer keyed by (sender, epoch). See {@link HoldBackOptions} for the limits.
 *
 * - The first message seen from a stream sets its starting point (no gap for earlier history).
 * - A message whose number was already delivered or skipped, or is already held, is dropped and
 *   reported through `sink.duplicates`.
 * - Missing numbers are waited for up to `maxDelay` ms after a later message arrived, and while
 *   fewer than `maxMessages` messages are held; then they are reported as a {@link Gap} and skipped.
 */
export class ReorderBuffer<M> {
  readonly #sink: ReorderSink<M>
  readonly #opts: Required<HoldBackOptions>
  readonly #clock: Clock
  /** Insertion order = least recently active first. */
  readonly #streams = new Map<string, Stream<M>>()
  #closed = false

  constructor (sink: ReorderSink<M>, options: HoldBackOptions = {}, clock: Clock = systemClock) {
    this.#sink = sink
    this.#opts = { ...HOLD_BACK_DEFAULTS, ...stripUndefined(options) }
    this.#clock = clock
  }

  /** Number of sender streams tracked. */
  get streams (): number { return this.#streams.size }

  /** Number of messages currently held (all streams). */
  get held (): number {
    let n = 0
    for (const s of this.#streams.values()) n += s.held.size
    return n
  }

  /** Accepts `items[i]` as message `seq + i` of the stream (sender, epoch). */
  push (sender: string, epoch: string, seq: number, items: readonly M[]): void {
    if (this.#closed || items.length === 0) return
    const key = `${epoch}/${sender}`
    let s = this.#streams.get(key)
    if (s === undefined) {
      s = { key, sender, epoch, next: seq, held: new Map(), timer: undefined, timerAt: Infinity, horizon: 0, horizonAt: Infinity }
      this.#streams.set(key, s)
      this.#evict()
    } else {
      // move to the most-recently-active end
      this.#streams.delete(key)
      this.#streams.set(key, s)
    }
    let dups = 0
    const now = this.#clock.now()
    for (let i = 0; i < items.length; i++) {
      const n = seq + i
      if (n < s.next || s.held.has(n)) { dups++; continue }
      if (n === s.next && s.held.size === 0) {
        s.next++
        this.#sink.deliver(items[i]!, sender, epoch, n)
      } else {
        s.held.set(n, { item: items[i]!, arrivedAt: now })
      }
    }
    if (dups > 0) this.#sink.duplicates(sender, epoch, dups)
    if (s.held.size === 0) return
    this.#drain(s)
    while (s.held.size > this.#opts.maxMessages) this.#flushThrough(s, minKey(s.held))
    this.#schedule(s)
  }

  /**
   * A sequence marker from (sender, epoch): every number below `next` was sent. Numbers still
   * missing when it is `maxDelay` old are reported as a gap, like a hole before a later message.
   * A marker from an unknown stream only sets its starting point.
   */
  mark (sender: string, epoch: string, next: number): void {
    if (this.#closed) return
    const key = `${epoch}/${sender}`
    const s = this.#streams.get(key)
    if (s === undefined) {
      this.#streams.set(key, { key, sender, epoch, next, held: new Map(), timer: undefined, timerAt: Infinity, horizon: 0, horizonAt: Infinity })
      this.#evict()
      return
    }
    if (next <= s.next || next <= s.horizon) return
    s.horizon = next
    s.horizonAt = this.#clock.now()
    this.#schedule(s)
  }

  /** Stops the timers and forgets every stream (held messages are discarded). */
  close (): void {
    this.#closed = true
    for (const s of this.#streams.values()) this.#cancel(s)
    this.#streams.clear()
  }

  /** Delivers held messages that are next in line. */
  #drain (s: Stream<M>): void {
    for (;;) {
      const h = s.held.get(s.next)
      if (h === undefined) return
      s.held.delete(s.next)
      const n = s.next++
      this.#sink.deliver(h.item, s.sender, s.epoch, n)
    }
  }

  /** Gives up every missing number up to `target` (a held number), then drains. */
  #flushThrough (s: Stream<M>, target: number): void {
    while (s.next <= target) {
      if (s.held.has(s.next)) { this.#drain(s); continue }
      let h = Infinity
      for (const k of s.held.keys()) if (k > s.next && k < h) h = k
      if (h === Infinity) return // nothing held above: nothing to skip to
      this.#sink.gap({ sender: s.sender, epoch: s.epoch, fromSeq: s.next, toSeq: h - 1 })
      s.next = h
    }
    this.#drain(s)
  }

  /** Gives up every number below `horizon` that is neither delivered nor held, then drains. */
  #flushBelow (s: Stream<M>, horizon: number): void {
    while (s.next < horizon) {
      if (s.held.has(s.next)) { this.#drain(s); continue }
      let h = horizon
      for (const k of s.held.keys()) if (k > s.next && k < h) h = k
      this.#sink.gap({ sender: s.sender, epoch: s.epoch, fromSeq: s.next, toSeq: h - 1 })
      s.next = h
      this.#drain(s)
    }
  }

  #schedule (s: Stream<M>): void {
    if (s.horizon <= s.next) { s.horizon = 0; s.horizonAt = Infinity }
    if (s.held.size === 0 && s.horizon === 0) { this.#cancel(s); return }
    let oldest = s.horizonAt
    for (const h of s.held.values()) if (h.arrivedAt < oldest) oldest = h.arrivedAt
    const at = oldest + this.#opts.maxDelay
    if (s.timer !== undefined && s.timerAt <= at) return
    this.#cancel(s)
    s.timerAt = at
    s.timer = this.#clock.setTimeout(() => { this.#expire(s) }, Math.max(0, at - this.#clock.now()))
  }

  #cancel (s: Stream<M>): void {
    if (s.timer !== undefined) this.#clock.clearTimeout(s.timer)
    s.timer = undefined
    s.timerAt = Infinity
  }

  #expire (s: Stream<M>): void {
    s.timer = undefined
    s.timerAt = Infinity
    if (this.#closed || this.#streams.get(s.key) !== s) return
    const limit = this.#clock.now() - this.#opts.maxDelay
    let target = -Infinity
    for (const [k, h] of s.held) if (h.arrivedAt <= limit && k > target) target = k
    if (target !== -Infinity) this.#flushThrough(s, target)
    if (s.horizon > s.next && s.horizonAt <= limit) this.#flushBelow(s, s.horizon)
    this.#schedule(s)
  }

  #evict (): void {
    while (this.#streams.size > this.#opts.maxSenders) {
      const s = this.#streams.values().next().value as Stream<M>
      this.#cancel(s)
      if (s.held.size > 0) this.#flushThrough(s, maxKey(s.held))
      this.#streams.delete(s.key)
    }
  }
}

function minKey (m: Map<number, unknown>): number {
  let r = Infinity
  for (const k of m.keys()) if (k < r) r = k
  return r
}

function maxKey (m: Map<number, unknown>): number {
  let r = -Infinity
  for (const k of m.keys()) if (k > r) r = k
  return r
}

/** Copies `o` without its `undefined` properties (so they don't override defaults). */
export function stripUndefined<T extends object> (o: T): Partial<T> {
  const r: Partial<T> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as any)[k] = v
  return r
}
