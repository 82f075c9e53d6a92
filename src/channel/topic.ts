/**
 * Internal: the state one {@link ChannelHub} keeps per channel name — the gossipsub subscription, the
 * topic validator, the hold-back buffer, local fan-out and "is there a receiver" tracking. Channel
 * objects of the same name in one hub share it.
 */
import type { PubSubPort, TopicMessage, Validation } from '../node/pubsub-port.js'
import type { Codec } from './codec.js'
import { ChannelEnvelope } from './envelope.js'
import { ReorderBuffer, type Gap, type HoldBackOptions } from './reorder.js'

/** Wire format version this code writes and accepts. */
export const ENVELOPE_VERSION = 1

/** How long a sender stays quiet before it announces its sequence position (ms). */
export const MARKER_DELAY_MS = 250

/** Prefix of every channel's gossipsub topic: channel `name` uses `meshchan/ch/<name>`. */
export const TOPIC_PREFIX = 'meshchan/ch/'

/**
 * Why a received envelope was rejected:
 * - `'malformed'`: not a decodable `ChannelEnvelope`;
 * - `'version'`: `version` is not 1;
 * - `'codec'`: `codec` differs from this channel's codec name;
 * - `'sequence'`: `seq` is below 1, or `seq + payloads - 1` is not a safe integer;
 * - `'size'`: a payload is larger than the channel's `maxMessageSize`;
 * - `'payload'`: the codec could not decode a payload.
 */
export type InvalidReason = 'malformed' | 'version' | 'codec' | 'sequence' | 'size' | 'payload'

/** All {@link InvalidReason}s, in a stable order. */
export const INVALID_REASONS: readonly InvalidReason[] = Object.freeze(['malformed', 'version', 'codec', 'sequence', 'size', 'payload'])

/** Payload of the `invalid` event: an envelope the topic validator rejected. */
export interface InvalidEvent {
  reason: InvalidReason
  /** PeerId of the peer that signed the message. */
  from: string
  /** The decoding error, when there was one. */
  error?: unknown
}

/** A received message with its metadata. */
export interface ChannelMessage<T> {
  /** The decoded value. Shared by every local receiver of the message: treat it as read-only. */
  value: T
  /** PeerId (string form) of the sender; this process's own PeerId for local sends. */
  from: string
  /** The sender's sequence number for this message. */
  seq: number
  /** The sender's epoch (decimal uint64 string): (from, epoch) names one sequence stream. */
  epoch: string
  /** `Date.now()` when the message reached this process (before any hold-back wait). */
  receivedAt: number
}

/** How a receiving channel object is told about what its topic receives. Called synchronously. */
export interface ReceiverSink {
  receive(message: ChannelMessage<any>): void
  gap(gap: Gap): void
  duplicates(count: number): void
  invalid(event: InvalidEvent): void
}

/** Settings fixed per topic by the first channel opened with the name. */
export interface TopicConfig {
  codec: Codec<any>
  maxMessageSize: number
  holdBack: Required<HoldBackOptions>
}

interface Decoded { epoch: string, seq: number, messages: Array<ChannelMessage<any>> }

interface Waiter {
  owner: object
  ready(): boolean
  resolve(): void
  reject(err: unknown): void
}

/** Internal, see the module comment. */
export class Topic {
  readonly name: string
  readonly topic: string
  readonly config: TopicConfig
  /** Open channel objects using this topic. */
  channels = 0
  readonly #port: PubSubPort
  readonly #epoch: string
  readonly #allocSeq: (count: number) => number
  readonly #receivers = new Set<ReceiverSink>()
  #reorder: ReorderBuffer<ChannelMessage<any>> | undefined
  /** Validation results handed from `validate` to `onMessage`, keyed by the message's bytes. */
  #checked = new WeakMap<Uint8Array, Decoded | null>()
  readonly #waiters: Waiter[] = []
  #remoteSubscribers: number
  readonly #offSubscribers: () => void
  /** Pending sequence marker (see {@link Topic.scheduleMarker}). */
  #markerTimer: ReturnType<typeof setTimeout> | undefined
  /** Whether this hub ever published on the topic (only senders announce markers). */
  #published = false

  constructor (port: PubSubPort, name: string, config: TopicConfig, epoch: string, allocSeq: (count: number) => number) {
    this.#port = port
    this.name = name
    this.topic = TOPIC_PREFIX + name
    this.config = config
    this.#epoch = epoch
    this.#allocSeq = allocSeq
    this.#remoteSubscribers = port.subscribers(this.topic).length
    this.#offSubscribers = port.onSubscribersChange(this.topic, () => {
      const before = this.#remoteSubscribers
      this.#remoteSubscribers = this.#port.subscribers(this.topic).length
      // A receiver (re)appeared, e.g. after a partition healed: tell it where our sequence is, so
      // what it missed is reported as a gap now rather than when we next send.
      if (this.#remoteSubscribers > before) this.scheduleMarker()
      this.#wake()
    })
  }

  /** Whether some receiver exists: a remote subscriber or a local receiving channel. */
  get hasReceiver (): boolean { return this.#receivers.size > 0 || this.#remoteSubscribers > 0 }

  /** Local receiving channel objects. */
  get localReceivers (): number { return this.#receivers.size }

  /** Starts delivering to `sink`; the first local receiver subscribes to the topic. */
  addReceiver (sink: ReceiverSink): void {
    if (this.#receivers.has(sink)) return
    this.#receivers.add(sink)
    if (this.#receivers.size === 1) {
      this.#reorder = new ReorderBuffer<ChannelMessage<any>>({
        deliver: (m) => { for (const r of this.#receivers) r.receive(m) },
        gap: (g) => { for (const r of this.#receivers) r.gap(g) },
        duplicates: (_s, _e, n) => { for (const r of this.#receivers) r.duplicates(n) }
      }, this.config.holdBack)
      this.#port.subscribe(this.topic, {
        onMessage: (m) => { this.#onMessage(m) },
        validate: (m) => this.#validate(m)
      })
    }
    this.#wake()
  }

  /** Stops delivering to `sink`; the last local receiver unsubscribes (and forgets sender streams). */
  removeReceiver (sink: ReceiverSink): void {
    if (!this.#receivers.delete(sink)) return
    if (this.#receivers.size === 0) {
      this.#port.unsubscribe(this.topic)
      this.#reorder?.close()
      this.#reorder = undefined
      this.#checked = new WeakMap()
    }
  }

  /** Remote peers currently subscribed to the topic. */
  get remoteReceivers (): number { return this.#remoteSubscribers }

  /**
   * Resolves once a receiver exists (at once if one does). Waiters are resolved in call order, in one
   * synchronous pass. Aborting `signal` rejects with its `reason`.
   */
  waitForReceiver (owner: object, signal?: AbortSignal): Promise<void> {
    return this.#wait(owner, () => this.hasReceiver, signal)
  }

  /** Resolves once at least `count` remote peers subscribe to the topic. */
  waitForRemote (owner: object, count: number, signal?: AbortSignal): Promise<void> {
    return this.#wait(owner, () => this.#remoteSubscribers >= count, signal)
  }

  #wait (owner: object, ready: () => boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason)
    if (ready() && this.#waiters.length === 0) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.#waiters.indexOf(w)
        if (i >= 0) this.#waiters.splice(i, 1)
        reject(signal?.reason)
      }
      const w: Waiter = {
        owner,
        ready,
        resolve: () => { signal?.removeEventListener('abort', onAbort); resolve() },
        reject: (err) => { signal?.removeEventListener('abort', onAbort); reject(err) }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiters.push(w)
      this.#wake()
    })
  }

  /** Rejects the receiver waits of `owner` with `err`. */
  rejectWaiters (owner: object, err: unknown): void {
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const w = this.#waiters[i]!
      if (w.owner === owner) { this.#waiters.splice(i, 1); w.reject(err) }
    }
  }

  /**
   * Publishes one envelope carrying `payloads` with the next sequence numbers, after handing them to
   * local receivers (decoded once). Resolves with remote recipients, plus 1 if any local receiver.
   */
  async publish (payloads: Uint8Array[]): Promise<number> {
    const seq = this.#allocSeq(payloads.length)
    const data = ChannelEnvelope.encode({
      version: ENVELOPE_VERSION,
      codec: this.config.codec.name,
      epoch: this.#epoch,
      seq,
      payloads: payloads as Array<Uint8Array<ArrayBuffer>>
    })
    let local = 0
    if (this.#receivers.size > 0) {
      local = 1
      const receivedAt = Date.now()
      const self = this.#port.selfId
      for (let i = 0; i < payloads.length; i++) {
        let value: unknown
        try {
          value = this.config.codec.decode(payloads[i]!)
        } catch (error) {
          for (const r of this.#receivers) r.invalid({ reason: 'payload', from: self, error })
          continue
        }
        const m: ChannelMessage<unknown> = { value, from: self, seq: seq + i, epoch: this.#epoch, receivedAt }
        for (const r of this.#receivers) r.receive(m)
      }
    }
    this.#published = true
    const remote = await this.#port.publish(this.topic, data)
    this.scheduleMarker()
    return remote + local
  }

  /**
   * A lost last message has no later message to reveal it, so a sender that goes quiet for
   * {@link MARKER_DELAY_MS} publishes one payload-less envelope carrying its next sequence number;
   * receivers then report the missing tail as a gap. One marker per quiet spell: idle costs nothing.
   */
  scheduleMarker (): void {
    if (!this.#published) return
    if (this.#markerTimer !== undefined) clearTimeout(this.#markerTimer)
    this.#markerTimer = setTimeout(() => {
      this.#markerTimer = undefined
      const data = ChannelEnvelope.encode({ version: ENVELOPE_VERSION, codec: this.config.codec.name, epoch: this.#epoch, seq: this.#allocSeq(0), payloads: [] })
      this.#port.publish(this.topic, data).catch(() => {}) // best effort: a lost marker only delays the report
    }, MARKER_DELAY_MS)
    this.#markerTimer.unref()
  }

  /** Releases the port listener and subscription; pending receiver waits are left to their owners. */
  dispose (): void {
    if (this.#markerTimer !== undefined) clearTimeout(this.#markerTimer)
    this.#markerTimer = undefined
    this.#published = false
    this.#offSubscribers()
    if (this.#receivers.size > 0) {
      this.#receivers.clear()
      this.#port.unsubscribe(this.topic)
      this.#reorder?.close()
      this.#reorder = undefined
    }
  }

  /** Resolves, in call order, every waiter whose condition holds. */
  #wake (): void {
    if (this.#waiters.length === 0) return
    const ready: Waiter[] = []
    for (let i = 0; i < this.#waiters.length;) {
      const w = this.#waiters[i]!
      if (w.ready()) { this.#waiters.splice(i, 1); ready.push(w) } else i++
    }
    for (const w of ready) w.resolve()
  }

  #validate (msg: TopicMessage): Validation {
    try {
      const r = this.#check(msg)
      if ('reason' in r) {
        this.#checked.set(msg.data, null)
        this.#reportInvalid(r)
        return 'reject'
      }
      this.#checked.set(msg.data, r)
      return 'accept'
    } catch {
      return 'reject' // unreachable in practice: #check catches decoding errors
    }
  }

  #onMessage (msg: TopicMessage): void {
    if (msg.from === this.#port.selfId) return // gossipsub does not echo; local fan-out already did
    let d = this.#checked.get(msg.data)
    if (d === null) return // rejected by the validator
    if (d === undefined) { // the port did not run our validator (or gave us other bytes): check now
      const r = this.#check(msg)
      if ('reason' in r) { this.#reportInvalid(r); return }
      d = r
    } else {
      this.#checked.delete(msg.data)
    }
    if (d.messages.length === 0) this.#reorder?.mark(msg.from, d.epoch, d.seq)
    else this.#reorder?.push(msg.from, d.epoch, d.seq, d.messages)
  }

  #reportInvalid (e: InvalidEvent): void {
    for (const r of this.#receivers) r.invalid(e)
  }

  /** Decodes and checks an envelope and its payloads (once). Never throws. */
  #check (msg: TopicMessage): Decoded | InvalidEvent {
    const from = msg.from
    let env: ChannelEnvelope
    try {
      env = ChannelEnvelope.decode(msg.data)
    } catch (error) {
      return { reason: 'malformed', from, error }
    }
    if (env.version !== ENVELOPE_VERSION) return { reason: 'version', from }
    if (env.codec !== this.config.codec.name) return { reason: 'codec', from }
    const n = env.payloads.length
    // n === 0 is a sequence marker: "every number below seq was sent" (see envelope.proto).
    if (!Number.isSafeInteger(env.seq) || env.seq < 1 || env.seq > Number.MAX_SAFE_INTEGER - Math.max(0, n - 1)) return { reason: 'sequence', from }
    const epoch = env.epoch === '' ? '0' : env.epoch
    const receivedAt = Date.now()
    const messages = new Array<ChannelMessage<unknown>>(n)
    for (let i = 0; i < n; i++) {
      const p = env.payloads[i]!
      if (p.length > this.config.maxMessageSize) return { reason: 'size', from }
      let value: unknown
      try {
        value = this.config.codec.decode(p)
      } catch (error) {
        return { reason: 'payload', from, error }
      }
      messages[i] = { value, from, seq: env.seq + i, epoch, receivedAt }
    }
    return { epoch, seq: env.seq, messages }
  }
}
