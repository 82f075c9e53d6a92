import { ClosedError, TimeoutError } from '../errors.js'
import { ChannelOverflowError } from './errors.js'

/**
 * What a full receive buffer does with a new message:
 * - `'drop-oldest'`: discards the oldest buffered message to make room (readers see the most recent
 *   `bufferSize` messages).
 * - `'drop-newest'`: discards the new message (readers see a contiguous prefix).
 * - `'error'`: discards the new message like `'drop-newest'`, and marks the place in the stream: once
 *   a reader has taken every message buffered before the loss, the next `recv()` / iterator step
 *   throws one {@link ChannelOverflowError} whose `dropped` counts the messages lost at that place;
 *   the following call continues with the messages received after it. A `for await` loop exits on
 *   that throw; start a new loop on the same channel to continue (nothing else is lost).
 *
 * Every dropped message is counted (`stats().dropped`) and reported by an `overflow` event.
 */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest' | 'error'

type Entry<M> = { msg: M, lost?: undefined } | { msg?: undefined, lost: number }

interface Waiter<M> {
  resolve(m: M): void
  reject(err: unknown): void
}

/** Options of one wait for a message. */
export interface WaitOptions {
  /** Aborting rejects the wait with a `TimeoutError` (its `cause` is the signal's reason). */
  signal?: AbortSignal
  /** Milliseconds before the wait rejects with a `TimeoutError`. Default: no limit. */
  timeout?: number
}

/**
 * A bounded FIFO of received messages with an overflow policy, shared by every reader of one
 * channel object: each message goes to exactly one `next()` call, in arrival order, and waiting
 * readers are served first come, first served.
 */
export class ReceiveBuffer<M> {
  readonly capacity: number
  readonly policy: OverflowPolicy
  readonly #name: string
  readonly #onDrop: (dropped: M | undefined) => void
  #entries: Array<Entry<M> | undefined> = []
  #head = 0
  #count = 0
  readonly #waiters: Array<Waiter<M>> = []
  #closed = false

  /**
   * @param name - channel name, for error messages
   * @param onDrop - called for every dropped message (with it, when known)
   */
  constructor (name: string, capacity: number, policy: OverflowPolicy, onDrop: (dropped: M | undefined) => void) {
    this.#name = name
    this.capacity = capacity
    this.policy = policy
    this.#onDrop = onDrop
  }

  /** Messages buffered (not counting overflow markers). */
  get size (): number { return this.#count }

  /** Readers currently waiting. */
  get waiting (): number { return this.#waiters.length }

  get closed (): boolean { return this.#closed }

  /** Offers a message; returns false if it (or, with `'drop-oldest'`, an older one) was dropped. */
  push (msg: M): boolean {
    if (this.#closed) return false
    const w = this.#waiters.shift()
    if (w !== undefined) { w.resolve(msg); return true }
    if (this.#count < this.capacity) { this.#append({ msg }); this.#count++; return true }
    switch (this.policy) {
      case 'drop-oldest': {
        const old = this.#shiftMessage()
        this.#append({ msg })
        this.#count++
        this.#onDrop(old)
        return false
      }
      case 'drop-newest':
        this.#onDrop(msg)
        return false
      case 'error': {
        const last = this.#entries[this.#entries.length - 1]
        if (last !== undefined && this.#entries.length > this.#head && last.lost !== undefined) last.lost++
        else this.#append({ lost: 1 })
        this.#onDrop(msg)
        return false
      }
    }
  }

  /**
   * The next message: at once if one is buffered, else when one arrives. Rejects with
   * `ClosedError` once closed, with `ChannelOverflowError` at an overflow marker (policy `'error'`),
   * with `TimeoutError` on abort or timeout.
   */
  next (options: WaitOptions = {}): Promise<M> {
    if (this.#closed) return Promise.reject(new ClosedError(`channel "${this.#name}"`))
    const e = this.#shiftEntry()
    if (e !== undefined) {
      if (e.lost !== undefined) return Promise.reject(new ChannelOverflowError(this.#name, e.lost))
      return Promise.resolve(e.msg)
    }
    const { signal, timeout } = options
    if (signal?.aborted === true) {
      return Promise.reject(new TimeoutError(`recv on channel "${this.#name}" aborted`, { cause: signal.reason }))
    }
    return new Promise<M>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const cleanup = (): void => {
        if (timer !== undefined) clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const waiter: Waiter<M> = {
        resolve: (m) => { cleanup(); resolve(m) },
        reject: (err) => { cleanup(); reject(err) }
      }
      const drop = (err: Error): void => {
        const i = this.#waiters.indexOf(waiter)
        if (i >= 0) this.#waiters.splice(i, 1)
        waiter.reject(err)
      }
      const onAbort = (): void => {
        drop(new TimeoutError(`recv on channel "${this.#name}" aborted`, { cause: signal?.reason }))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (timeout !== undefined && Number.isFinite(timeout)) {
        timer = setTimeout(() => { drop(new TimeoutError(`recv on channel "${this.#name}" timed out after ${timeout} ms`)) }, timeout)
      }
      this.#waiters.push(waiter)
    })
  }

  /** Ends the buffer: buffered messages are discarded, waiting and future `next()` reject with `ClosedError`. */
  close (): void {
    if (this.#closed) return
    this.#closed = true
    this.#entries = []
    this.#head = 0
    this.#count = 0
    const err = new ClosedError(`channel "${this.#name}"`)
    for (const w of this.#waiters.splice(0)) w.reject(err)
  }

  #append (e: Entry<M>): void { this.#entries.push(e) }

  #shiftEntry (): Entry<M> | undefined {
    if (this.#head >= this.#entries.length) return undefined
    const e = this.#entries[this.#head]!
    this.#entries[this.#head++] = undefined
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head)
      this.#head = 0
    }
    if (e.lost === undefined) this.#count--
    return e
  }

  /** Removes the oldest message (only used by 'drop-oldest', which never has markers). */
  #shiftMessage (): M | undefined {
    const e = this.#shiftEntry()
    return e?.msg
  }
}
