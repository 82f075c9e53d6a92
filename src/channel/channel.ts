import { EventEmitter } from 'node:events'
import { ClosedError, MessageTooLargeError, TimeoutError } from '../errors.js'
import { Batcher, type BatcherOptions } from './batcher.js'
import type { Codec } from './codec.js'
import { ReceiveBuffer, type OverflowPolicy } from './receive-buffer.js'
import type { Gap, HoldBackOptions } from './reorder.js'
import { INVALID_REASONS, type ChannelMessage, type InvalidEvent, type InvalidReason, type ReceiverSink, type Topic } from './topic.js'

/** Options of {@link ChannelHub.channel}. */
export interface ChannelOptions<T> extends BatcherOptions {
  /**
   * Payload codec. Default {@link jsonCodec}. Every peer of the channel must use a codec with the
   * same name; channel objects of one name in one hub must too.
   */
  codec?: Codec<T>
  /**
   * Largest encoded message `send` accepts, in bytes; larger ones are refused with
   * `MessageTooLargeError`, and received payloads above it are rejected (`invalid: 'size'`).
   * Default 1 MiB, lowered to what fits in one envelope of the port's `maxMessageSize` (a larger
   * explicit value is an `InvalidOptionError`). Fixed per name by the first channel object.
   */
  maxMessageSize?: number
  /** Receive buffer capacity, in messages. Default 1024. */
  bufferSize?: number
  /** What a full receive buffer does; see {@link OverflowPolicy}. Default `'drop-oldest'`. */
  overflow?: OverflowPolicy
  /** Hold-back (per-sender reordering) limits; see {@link HoldBackOptions}. Fixed per name by the first channel object. */
  holdBack?: HoldBackOptions
  /**
   * Default bound (ms) on how long `send` waits for a receiver to exist and for room in the send
   * queue; `Infinity` waits forever, like Go. Default 30000.
   */
  sendTimeout?: number
  /** Become a receiver at once (see {@link Channel.subscribe}) instead of at the first receive. Default false. */
  subscribe?: boolean
}

/** Options of {@link Channel.send}. */
export interface SendOptions {
  /** Aborting stops waiting (for a receiver or for queue room): `send` rejects with `TimeoutError` and sends nothing. */
  signal?: AbortSignal
  /** Bound (ms) on the wait, overriding the channel's `sendTimeout`; then `TimeoutError`, nothing sent. */
  timeout?: number
  /**
   * `true` (default): wait until at least one receiver exists somewhere (a remote subscriber of the
   * topic, or a receiving channel object of the same name in this hub). `false`: send at once even
   * if nobody listens (resolves with 0 then).
   */
  wait?: boolean
}

/** Options of {@link Channel.recv}. */
export interface RecvOptions {
  /** Aborting rejects the pending `recv` with `TimeoutError` (nothing is consumed). */
  signal?: AbortSignal
  /** Bound (ms) on the wait; then `TimeoutError`. Default: no limit. */
  timeout?: number
}

/** Payload of the `overflow` event: the receive buffer dropped a message. */
export interface OverflowEvent {
  /** The policy that decided what to drop. */
  policy: OverflowPolicy
  /** The message dropped (the oldest buffered one for `'drop-oldest'`, the new one otherwise). */
  message: ChannelMessage<unknown> | undefined
  /** Messages this channel object has dropped so far. */
  totalDropped: number
}

/** Event map of {@link Channel}. */
export interface ChannelEvents {
  /** Messages of a sender stream could no longer arrive and were skipped. */
  gap: [gap: Gap]
  /** The receive buffer was full and a message was dropped. */
  overflow: [event: OverflowEvent]
  /** A received envelope was rejected by the topic validator. */
  invalid: [event: InvalidEvent]
}

/** Counters of one channel object, see {@link Channel.stats}. */
export interface ChannelStats {
  /** Messages this object sent (published, or handed to local receivers). */
  sent: number
  /** Envelopes this object published (each carries a batch of messages). */
  sentBatches: number
  /** Messages that reached this object's receive buffer (in per-sender order; local ones included). */
  received: number
  /** Messages handed to the application by `recv` / iterators. */
  delivered: number
  /** Messages dropped by the overflow policy. */
  dropped: number
  /** Gap events (each may cover several missing messages). */
  gaps: number
  /** Messages reported missing by gaps, in total. */
  missed: number
  /** Duplicate or late messages dropped (sequence number already delivered or skipped). */
  duplicates: number
  /** Rejected envelopes, by reason. */
  invalid: Record<InvalidReason, number>
}

/** Resolved per-object settings; internal. */
export interface ResolvedChannelOptions {
  batcher: Required<BatcherOptions>
  headerBytes: number
  maxMessageSize: number
  bufferSize: number
  overflow: OverflowPolicy
  sendTimeout: number
  subscribe: boolean
}

/**
 * A broadcast channel: every value sent reaches every receiver of the channel's name in the mesh,
 * including receivers in the sender's own process. Made by {@link ChannelHub.channel}.
 *
 * Compared with a Go channel:
 * - Broadcast, not hand-off: each *receiving channel object* (in any process) gets each message
 *   once. Several readers of one channel object (several `recv()` calls or `for await` loops at
 *   once) share its messages: each message goes to one of them, first come first served, like
 *   goroutines reading one Go channel.
 * - `send` waits until at least one receiver exists anywhere (not until it took the value); the
 *   network may still lose a message, which receivers then report as a gap.
 * - A channel object becomes a receiver at its first `recv()`, iteration or `subscribe()`, and from
 *   then buffers what arrives (bounded, see {@link OverflowPolicy}) until `close()`; leaving a
 *   `for await` loop does not stop receiving. A send-only object never buffers anything.
 * - Order: per sender, messages arrive in the order sent (no order across senders).
 * - `close()` closes this object only: it is not a broadcast end-of-stream for other receivers.
 */
export class Channel<T> extends EventEmitter<ChannelEvents> {
  /** The channel name. */
  readonly name: string
  /** The gossipsub topic: `meshchan/ch/<name>`. */
  readonly topic: string
  /** The codec of this channel. */
  readonly codec: Codec<T>
  readonly #topic: Topic
  readonly #opts: ResolvedChannelOptions
  readonly #batcher: Batcher
  readonly #buffer: ReceiveBuffer<ChannelMessage<T>>
  readonly #onClose: () => void
  #receiving = false
  #closed = false
  #closing: Promise<void> | undefined
  /** Sends with `wait: true` that have not reached the send queue yet (keeps them in call order). */
  #waitingSends = 0
  readonly #stats = {
    received: 0,
    delivered: 0,
    dropped: 0,
    gaps: 0,
    missed: 0,
    duplicates: 0,
    invalid: Object.fromEntries(INVALID_REASONS.map(r => [r, 0])) as Record<InvalidReason, number>
  }

  readonly #sink: ReceiverSink = {
    receive: (m) => {
      this.#stats.received++
      this.#buffer.push(m)
    },
    gap: (g) => {
      this.#stats.gaps++
      this.#stats.missed += g.toSeq - g.fromSeq + 1
      this.#emitSafely('gap', g)
    },
    duplicates: (n) => { this.#stats.duplicates += n },
    invalid: (e) => {
      this.#stats.invalid[e.reason]++
      this.#emitSafely('invalid', e)
    }
  }

  /** Internal: use {@link ChannelHub.channel}. */
  constructor (name: string, topic: Topic, codec: Codec<T>, options: ResolvedChannelOptions, onClose: () => void) {
    super()
    this.name = name
    this.topic = topic.topic
    this.codec = codec
    this.#topic = topic
    this.#opts = options
    this.#onClose = onClose
    this.#batcher = new Batcher((payloads) => topic.publish(payloads), options.batcher, options.headerBytes)
    this.#buffer = new ReceiveBuffer<ChannelMessage<T>>(name, options.bufferSize, options.overflow, (dropped) => {
      this.#stats.dropped++
      this.#emitSafely('overflow', { policy: options.overflow, message: dropped, totalDropped: this.#stats.dropped })
    })
    if (options.subscribe) this.subscribe()
  }

  /** Largest encoded message `send` accepts, in bytes. */
  get maxMessageSize (): number { return this.#opts.maxMessageSize }

  /** Whether this object is a receiver (subscribed). */
  get receiving (): boolean { return this.#receiving }

  /** Whether `close()` was called. */
  get closed (): boolean { return this.#closed }

  /**
   * Sends `value` to every receiver of the channel. Encodes it at once (an unencodable value rejects
   * with `EncodeError`, one larger than {@link maxMessageSize} with `MessageTooLargeError`; nothing
   * is sent then). With `wait` (default) it first waits until a receiver exists, then queues the
   * message (waiting for room if the send queue is full); waits are bounded by `signal` and
   * `timeout` / `sendTimeout` (`TimeoutError`, nothing sent). Once queued, the message goes out
   * with the next batch (within `linger` ms) and cannot be recalled.
   *
   * Sends from one channel object keep their call order on the wire, except that a `wait: false`
   * send does not queue behind earlier sends still waiting for a receiver.
   *
   * @returns how many peers the message went to: remote recipients of its publish, plus 1 if this
   * process has a receiving channel object of the same name.
   */
  async send (value: T, options: SendOptions = {}): Promise<number> {
    if (this.#closed) throw new ClosedError(`channel "${this.name}"`)
    const payload = this.codec.encode(value)
    if (payload.length > this.#opts.maxMessageSize) throw new MessageTooLargeError(payload.length, this.#opts.maxMessageSize)
    const wait = options.wait ?? true
    const mustWait = wait && (this.#waitingSends > 0 || !this.#topic.hasReceiver)
    if (!mustWait && this.#batcher.hasRoom) {
      return await this.#batcher.enqueue(payload) // fast path: no timers, no signals
    }
    const deadline = new Deadline(`send on channel "${this.name}"`, options.signal, options.timeout ?? this.#opts.sendTimeout)
    try {
      if (mustWait) {
        this.#waitingSends++
        try {
          await this.#topic.waitForReceiver(this, deadline.signal)
        } finally {
          this.#waitingSends--
        }
        if (this.#closed) throw new ClosedError(`channel "${this.name}"`)
      }
      // the deadline bounds only the wait for room: once admitted, the batcher drops the abort listener
      return await this.#batcher.enqueue(payload, deadline.signal)
    } finally {
      deadline.dispose()
    }
  }

  /**
   * Resolves once at least `count` *remote* peers receive on this channel (are subscribed to its
   * topic); receivers in this process are not counted. Useful before a burst of sends, since `send`
   * only waits for one receiver. Rejects with `TimeoutError` on abort or timeout (default: the
   * channel's `sendTimeout`), `ClosedError` if the channel closes first.
   */
  async waitForReceivers (count: number, options: RecvOptions = {}): Promise<void> {
    if (this.#closed) throw new ClosedError(`channel "${this.name}"`)
    if (this.#topic.remoteReceivers >= count) return
    const deadline = new Deadline(`waitForReceivers(${count}) on channel "${this.name}"`, options.signal, options.timeout ?? this.#opts.sendTimeout)
    try {
      await this.#topic.waitForRemote(this, count, deadline.signal)
    } finally {
      deadline.dispose()
    }
  }

  /** Remote peers currently receiving on this channel (subscribed to its topic). */
  get remoteReceivers (): number { return this.#topic.remoteReceivers }

  /**
   * Makes this object a receiver now: it joins the topic (the first local receiver of the name
   * subscribes the hub) and buffers what arrives from then on. `recv()`, iteration and the
   * `subscribe` option do this implicitly. Idempotent.
   */
  subscribe (): void {
    if (this.#closed) throw new ClosedError(`channel "${this.name}"`)
    if (this.#receiving) return
    this.#receiving = true
    this.#topic.addReceiver(this.#sink)
  }

  /**
   * Receives the next value (subscribing first if needed). Rejects with `ClosedError` after
   * `close()`, `TimeoutError` on abort/timeout, `ChannelOverflowError` once per loss with the
   * `'error'` overflow policy.
   */
  async recv (options: RecvOptions = {}): Promise<T> {
    return (await this.recvMessage(options)).value
  }

  /** Like {@link recv}, with the message's metadata. */
  async recvMessage (options: RecvOptions = {}): Promise<ChannelMessage<T>> {
    if (!this.#closed) this.subscribe()
    const m = await this.#buffer.next(options)
    this.#stats.delivered++
    return m
  }

  /**
   * Async iterator over received messages with metadata (subscribing first). Ends (`done`) when the
   * channel is closed; throws `ChannelOverflowError` once per loss with the `'error'` policy.
   * Breaking out of the loop does not unsubscribe: call `close()` for that.
   */
  messages (): AsyncIterableIterator<ChannelMessage<T>> {
    if (!this.#closed) this.subscribe()
    let done = false
    const it: AsyncIterableIterator<ChannelMessage<T>> = {
      next: async () => {
        if (done || this.#closed) { done = true; return { done: true, value: undefined } }
        try {
          return { done: false, value: await this.recvMessage() }
        } catch (err) {
          if (this.#closed) { done = true; return { done: true, value: undefined } }
          throw err
        }
      },
      return: async () => {
        done = true
        return { done: true, value: undefined }
      },
      [Symbol.asyncIterator] () { return it }
    }
    return it
  }

  /** Async iterator over received values; see {@link messages}. */
  values (): AsyncIterableIterator<T> {
    const inner = this.messages()
    const it: AsyncIterableIterator<T> = {
      next: async () => {
        const r = await inner.next()
        return r.done === true ? { done: true, value: undefined } : { done: false, value: r.value.value }
      },
      return: async () => {
        await inner.return?.()
        return { done: true, value: undefined }
      },
      [Symbol.asyncIterator] () { return it }
    }
    return it
  }

  /** `for await (const value of channel)`: same as {@link values}. */
  [Symbol.asyncIterator] (): AsyncIterableIterator<T> {
    return this.values()
  }

  /** A snapshot of this object's counters. */
  stats (): ChannelStats {
    const s = this.#stats
    return {
      sent: this.#batcher.messages,
      sentBatches: this.#batcher.batches,
      received: s.received,
      delivered: s.delivered,
      dropped: s.dropped,
      gaps: s.gaps,
      missed: s.missed,
      duplicates: s.duplicates,
      invalid: { ...s.invalid }
    }
  }

  /**
   * Closes this channel object: iterators end (`done`), pending and later `recv()` reject with
   * `ClosedError`, buffered undelivered messages are discarded, sends still waiting for a receiver or
   * for queue room reject with `ClosedError`, later sends too. Messages already queued are still
   * published; the returned promise resolves when they are. When the last receiving object of a
   * name in the hub closes, the hub unsubscribes from the topic.
   */
  close (): Promise<void> {
    if (this.#closing !== undefined) return this.#closing
    this.#closed = true
    const err = new ClosedError(`channel "${this.name}"`)
    this.#topic.rejectWaiters(this, err)
    this.#buffer.close()
    if (this.#receiving) this.#topic.removeReceiver(this.#sink)
    this.#onClose()
    this.#closing = this.#batcher.close().catch(() => {})
    return this.#closing
  }

  #emitSafely<K extends keyof ChannelEvents> (event: K, ...args: ChannelEvents[K]): void {
    try {
      // listeners run synchronously; an exception must not reach the network layer
      ;(this.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args)
    } catch (err) {
      process.nextTick(() => { throw err })
    }
  }
}

/** An AbortSignal that fires on the caller's signal or after `timeout` ms, with a `TimeoutError` reason. */
class Deadline {
  readonly #controller = new AbortController()
  readonly #timer: ReturnType<typeof setTimeout> | undefined
  readonly #user: AbortSignal | undefined
  readonly #onUserAbort: (() => void) | undefined

  constructor (what: string, signal: AbortSignal | undefined, timeout: number) {
    this.#user = signal
    if (signal !== undefined) {
      this.#onUserAbort = () => { this.#controller.abort(new TimeoutError(`${what} aborted`, { cause: signal.reason })) }
      if (signal.aborted) this.#onUserAbort()
      else signal.addEventListener('abort', this.#onUserAbort, { once: true })
    }
    if (Number.isFinite(timeout) && !this.#controller.signal.aborted) {
      this.#timer = setTimeout(() => {
        this.#controller.abort(new TimeoutError(`${what} timed out after ${timeout} ms`))
      }, timeout)
    }
  }

  get signal (): AbortSignal { return this.#controller.signal }

  dispose (): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    if (this.#onUserAbort !== undefined) this.#user?.removeEventListener('abort', this.#onUserAbort)
  }
}
