import { ClosedError } from '../errors.js'

/** Limits of the coalescing sender (per channel object). */
export interface BatcherOptions {
  /**
   * How long (ms) the first message of a batch waits for others before the batch is published.
   * `0` coalesces only what is sent in the same event-loop turn. Default 1.
   */
  linger?: number
  /** Largest envelope (header + framed payloads) a batch may grow to, in bytes. Default 65536. */
  maxBatchBytes?: number
  /** Most messages in one batch. Default 1024. */
  maxBatchCount?: number
  /** Most publishes awaiting the network at once (pipelining). Default 8. */
  maxInFlight?: number
  /** Most messages accepted but not yet handed to the network; beyond it `send` waits. Default 8192. */
  maxQueued?: number
}

/** Defaults of {@link BatcherOptions}. */
export const BATCHER_DEFAULTS: Readonly<Required<BatcherOptions>> = Object.freeze({
  linger: 1,
  maxBatchBytes: 64 * 1024,
  maxBatchCount: 1024,
  maxInFlight: 8,
  maxQueued: 8192
})

/** Bytes a payload of `length` bytes takes in a `repeated bytes` field: tag, length varint, data. */
export function framedSize (length: number): number {
  return 1 + varintSize(length) + length
}

/** Length of the protobuf varint encoding of a non-negative safe integer. */
export function varintSize (n: number): number {
  let size = 1
  while (n >= 128) { n = Math.floor(n / 128); size++ }
  return size
}

interface Item {
  payload: Uint8Array
  resolve(recipients: number): void
  reject(err: unknown): void
}

interface Batch { items: Item[], bytes: number }

interface RoomWaiter extends Item { cleanup(): void }

/**
 * Coalesces messages into batches and publishes them in order through `publish`, with at most
 * `maxInFlight` publishes pending and at most `maxQueued` messages waiting (then `enqueue` waits for
 * room, first come first served). Each `enqueue` resolves with the result of its batch's publish.
 *
 * A batch is published when its linger expired, or as soon as it is full (by bytes or count) and a
 * publish slot is free; while every slot is busy, the open batch keeps filling, so batches grow
 * under load.
 */
export class Batcher {
  readonly #publish: (payloads: Uint8Array[]) => Promise<number>
  readonly #opts: Required<BatcherOptions>
  readonly #headerBytes: number
  #open: Batch = { items: [], bytes: 0 }
  readonly #full: Batch[] = []
  #queued = 0
  #inFlight = 0
  #lingerTimer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined
  #lingerExpired = false
  readonly #waiters: RoomWaiter[] = []
  #closing = false
  #idle: PromiseWithResolvers<void> | undefined
  /** Batches published successfully. */
  batches = 0
  /** Messages published successfully. */
  messages = 0

  /**
   * @param publish - publishes one batch; called in batch order; resolves with recipients
   * @param headerBytes - envelope bytes besides the framed payloads
   */
  constructor (publish: (payloads: Uint8Array[]) => Promise<number>, options: Required<BatcherOptions>, headerBytes: number) {
    this.#publish = publish
    this.#opts = options
    this.#headerBytes = headerBytes
  }

  /** Messages accepted and not yet handed to `publish`. */
  get queued (): number { return this.#queued }

  /** Whether `enqueue` would queue a message at once (no waiting for room). */
  get hasRoom (): boolean { return !this.#closing && this.#waiters.length === 0 && this.#queued < this.#opts.maxQueued }

  /** Publishes awaiting their result. */
  get inFlight (): number { return this.#inFlight }

  /**
   * Queues `payload` behind everything enqueued before (the order is decided synchronously, at the
   * call). If the queue is full, waits for room; aborting `signal` while waiting rejects with its
   * `reason` and the message is not sent. Resolves with the recipients of its batch's publish.
   */
  enqueue (payload: Uint8Array, signal?: AbortSignal): Promise<number> {
    if (this.#closing) return Promise.reject(new ClosedError('channel sender'))
    if (signal?.aborted === true) return Promise.reject(signal.reason)
    return new Promise<number>((resolve, reject) => {
      if (this.#waiters.length === 0 && this.#queued < this.#opts.maxQueued) {
        this.#add({ payload, resolve, reject })
        this.#pump()
        return
      }
      const onAbort = (): void => {
        const i = this.#waiters.indexOf(w)
        if (i >= 0) this.#waiters.splice(i, 1)
        reject(signal?.reason)
      }
      const w: RoomWaiter = {
        payload,
        resolve,
        reject,
        cleanup: () => { signal?.removeEventListener('abort', onAbort) }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiters.push(w)
    })
  }

  /**
   * Stops accepting messages: waiters for room reject with `ClosedError`; what was already queued is
   * published without waiting for the linger. Resolves when nothing is queued or in flight.
   */
  close (): Promise<void> {
    if (!this.#closing) {
      this.#closing = true
      const err = new ClosedError('channel sender')
      for (const w of this.#waiters.splice(0)) { w.cleanup(); w.reject(err) }
      this.#clearLinger()
      this.#lingerExpired = true
      this.#pump()
    }
    if (this.#queued === 0 && this.#inFlight === 0) return Promise.resolve()
    this.#idle ??= Promise.withResolvers<void>()
    return this.#idle.promise
  }

  #add (item: Item): void {
    const cost = framedSize(item.payload.length)
    const open = this.#open
    if (open.items.length > 0 &&
        (this.#headerBytes + open.bytes + cost > this.#opts.maxBatchBytes || open.items.length >= this.#opts.maxBatchCount)) {
      this.#full.push(open)
      this.#open = { items: [], bytes: 0 }
      this.#clearLinger()
      this.#lingerExpired = this.#closing
    }
    this.#open.items.push(item)
    this.#open.bytes += cost
    this.#queued++
    if (this.#open.items.length === 1 && !this.#lingerExpired) this.#startLinger()
  }

  #startLinger (): void {
    this.#clearLinger()
    const fire = (): void => {
      this.#lingerTimer = undefined
      this.#lingerExpired = true
      this.#pump()
    }
    this.#lingerTimer = this.#opts.linger === 0 ? setImmediate(fire) : setTimeout(fire, this.#opts.linger)
  }

  #clearLinger (): void {
    if (this.#lingerTimer === undefined) return
    if (this.#opts.linger === 0) clearImmediate(this.#lingerTimer as ReturnType<typeof setImmediate>)
    else clearTimeout(this.#lingerTimer as ReturnType<typeof setTimeout>)
    this.#lingerTimer = undefined
  }

  #pump (): void {
    for (;;) {
      let progressed = false
      while (this.#inFlight < this.#opts.maxInFlight) {
        let batch = this.#full.shift()
        if (batch === undefined && this.#open.items.length > 0 && this.#lingerExpired) {
          batch = this.#open
          this.#open = { items: [], bytes: 0 }
          this.#lingerExpired = this.#closing
        }
        if (batch === undefined) break
        this.#queued -= batch.items.length
        this.#send(batch)
        progressed = true
      }
      while (this.#waiters.length > 0 && this.#queued < this.#opts.maxQueued) {
        const w = this.#waiters.shift()!
        w.cleanup()
        this.#add(w)
        progressed = true
      }
      if (!progressed) break
    }
    if (this.#idle !== undefined && this.#queued === 0 && this.#inFlight === 0) {
      this.#idle.resolve()
      this.#idle = undefined
    }
  }

  #send (batch: Batch): void {
    this.#inFlight++
    let p: Promise<number>
    try {
      p = this.#publish(batch.items.map(i => i.payload))
    } catch (err) {
      p = Promise.reject(err)
    }
    p.then((recipients) => {
      this.batches++
      this.messages += batch.items.length
      for (const i of batch.items) i.resolve(recipients)
    }, (err: unknown) => {
      for (const i of batch.items) i.reject(err)
    }).finally(() => {
      this.#inFlight--
      this.#pump()
    })
  }
}
