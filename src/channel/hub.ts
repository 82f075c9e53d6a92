import { randomBytes } from 'node:crypto'
import { ClosedError, InvalidOptionError } from '../errors.js'
import type { PubSubPort } from '../node/pubsub-port.js'
import { BATCHER_DEFAULTS, framedSize, varintSize, type BatcherOptions } from './batcher.js'
import { Channel, type ChannelOptions, type ResolvedChannelOptions } from './channel.js'
import { jsonCodec, type Codec } from './codec.js'
import type { OverflowPolicy } from './receive-buffer.js'
import { HOLD_BACK_DEFAULTS, type HoldBackOptions } from './reorder.js'
import { Topic, TOPIC_PREFIX, type TopicConfig } from './topic.js'

/** Options of {@link ChannelHub}. */
export interface ChannelHubOptions {
  /**
   * Epoch of this hub's sequence streams, a uint64 (bigint or decimal string). Default: random, so
   * a restarted process with the same PeerId starts a new stream. Set it only in tests.
   */
  epoch?: bigint | string
}

/** Default receive buffer capacity (messages). */
export const DEFAULT_BUFFER_SIZE = 1024
/** Default overflow policy. */
export const DEFAULT_OVERFLOW: OverflowPolicy = 'drop-oldest'
/** Default largest message (bytes), before lowering to what the port can carry. */
export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024
/** Default bound (ms) on a send's wait for a receiver / queue room. */
export const DEFAULT_SEND_TIMEOUT = 30_000
/** Longest channel name, in UTF-8 bytes. */
export const MAX_CHANNEL_NAME_BYTES = 128

const NAME_RE = /^[^\p{C}\p{Z}]+$/u
const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ['drop-oldest', 'drop-newest', 'error']

/**
 * Checks a channel name: 1–{@link MAX_CHANNEL_NAME_BYTES} UTF-8 bytes, no whitespace, control or
 * unassigned characters. Throws `InvalidOptionError` (field `name`).
 */
export function validateChannelName (name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidOptionError('name', 'must be a non-empty string')
  if (Buffer.byteLength(name, 'utf8') > MAX_CHANNEL_NAME_BYTES) throw new InvalidOptionError('name', `must be at most ${MAX_CHANNEL_NAME_BYTES} UTF-8 bytes`)
  if (!NAME_RE.test(name)) throw new InvalidOptionError('name', 'must not contain whitespace, control or unassigned characters')
}

/** The gossipsub topic of channel `name`: `meshchan/ch/<name>`. */
export function channelTopic (name: string): string {
  validateChannelName(name)
  return TOPIC_PREFIX + name
}

/** Most bytes an envelope takes besides its framed payloads, for a codec name of `codecBytes` bytes. */
export function envelopeHeaderBytes (codecBytes: number): number {
  return 2 + // version: tag + 1-byte varint
    1 + varintSize(codecBytes) + codecBytes + // codec
    1 + 10 + // epoch: tag + up to 10 varint bytes
    1 + 8 // seq: tag + up to 8 varint bytes (below 2^56)
}

/**
 * The per-mesh owner of broadcast channels: one subscription, validator, hold-back buffer and
 * sequence stream per channel name, shared by every {@link Channel} object of that name it made.
 * Messages sent by one of its channels are delivered to its receiving channels of the same name
 * directly (same sequence numbers as on the wire) and published to remote peers.
 */
export class ChannelHub {
  /** This hub's epoch (decimal uint64 string). */
  readonly epoch: string
  readonly #port: PubSubPort
  readonly #topics = new Map<string, Topic>()
  /** Next sequence number per name; kept for the hub's life so a reopened channel continues. */
  readonly #seqs = new Map<string, number>()
  readonly #channels = new Set<Channel<any>>()
  #closed = false

  /** @param port - the pub/sub router (the mesh's gossipsub behind {@link PubSubPort}) */
  constructor (port: PubSubPort, options: ChannelHubOptions = {}) {
    this.#port = port
    if (options.epoch !== undefined) {
      let e: bigint
      try { e = BigInt(options.epoch) } catch { throw new InvalidOptionError('epoch', 'must be a uint64') }
      if (e < 0n || e >= 1n << 64n) throw new InvalidOptionError('epoch', 'must be a uint64')
      this.epoch = e.toString()
    } else {
      let e = 0n
      while (e === 0n) e = randomBytes(8).readBigUInt64BE()
      this.epoch = e.toString()
    }
  }

  /**
   * Opens a channel object for `name` (gossipsub topic `meshchan/ch/<name>`). Several objects may
   * be opened for one name: each receiving one gets every message. They must agree on the codec
   * name, and on `maxMessageSize` and `holdBack` when given (the first object fixes them);
   * otherwise `InvalidOptionError`. Throws `ClosedError` after {@link close}.
   */
  channel<T = any> (name: string, options: ChannelOptions<T> = {}): Channel<T> {
    if (this.#closed) throw new ClosedError('channel hub')
    validateChannelName(name)
    const codec = (options.codec ?? jsonCodec) as Codec<T>
    if (codec == null || typeof codec.name !== 'string' || codec.name === '' ||
        typeof codec.encode !== 'function' || typeof codec.decode !== 'function') {
      throw new InvalidOptionError('codec', 'must be a Codec: { name, encode, decode }')
    }
    const headerBytes = envelopeHeaderBytes(Buffer.byteLength(codec.name, 'utf8'))
    const portMax = this.#port.maxMessageSize
    const maxFit = portMax - headerBytes - 1 - varintSize(portMax)

    let maxMessageSize: number
    if (options.maxMessageSize !== undefined) {
      maxMessageSize = positiveInt('maxMessageSize', options.maxMessageSize)
      if (maxMessageSize > maxFit) throw new InvalidOptionError('maxMessageSize', `must be at most ${maxFit} (the pub/sub limit of ${portMax} bytes minus the envelope)`)
    } else {
      maxMessageSize = Math.min(DEFAULT_MAX_MESSAGE_SIZE, maxFit)
    }
    const holdBack = resolveHoldBack(options.holdBack)

    let topic = this.#topics.get(name)
    if (topic !== undefined) {
      const c = topic.config
      if (c.codec.name !== codec.name) throw new InvalidOptionError('codec', `channel "${name}" is open with codec "${c.codec.name}" in this hub`)
      if (options.maxMessageSize !== undefined && maxMessageSize !== c.maxMessageSize) {
        throw new InvalidOptionError('maxMessageSize', `channel "${name}" is open with maxMessageSize ${c.maxMessageSize} in this hub`)
      }
      if (options.maxMessageSize === undefined) maxMessageSize = c.maxMessageSize
      if (options.holdBack !== undefined) {
        for (const k of Object.keys(options.holdBack) as Array<keyof HoldBackOptions>) {
          if (options.holdBack[k] !== undefined && holdBack[k] !== c.holdBack[k]) {
            throw new InvalidOptionError(`holdBack.${k}`, `channel "${name}" is open with ${k} ${c.holdBack[k]} in this hub`)
          }
        }
      }
    } else {
      const config: TopicConfig = { codec, maxMessageSize, holdBack }
      topic = new Topic(this.#port, name, config, this.epoch, (count) => {
        const seq = this.#seqs.get(name) ?? 1
        this.#seqs.set(name, seq + count)
        return seq
      })
      this.#topics.set(name, topic)
    }

    const resolved: ResolvedChannelOptions = {
      batcher: resolveBatcher(options, portMax, headerBytes),
      headerBytes,
      maxMessageSize,
      bufferSize: options.bufferSize === undefined ? DEFAULT_BUFFER_SIZE : positiveInt('bufferSize', options.bufferSize),
      overflow: resolveOverflow(options.overflow),
      sendTimeout: options.sendTimeout === undefined ? DEFAULT_SEND_TIMEOUT : positiveNumber('sendTimeout', options.sendTimeout),
      subscribe: options.subscribe === true
    }
    const t = topic
    topic.channels++
    const ch: Channel<T> = new Channel<T>(name, t, codec, resolved, () => {
      this.#channels.delete(ch)
      if (--t.channels === 0) {
        t.dispose()
        if (this.#topics.get(name) === t) this.#topics.delete(name)
      }
    })
    this.#channels.add(ch)
    return ch
  }

  /** Closes every channel object of this hub (see {@link Channel.close}); resolves when their queued messages are published. */
  async close (): Promise<void> {
    this.#closed = true
    await Promise.all([...this.#channels].map(async (c) => { await c.close() }))
  }
}

function positiveInt (field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new InvalidOptionError(field, 'must be a positive integer')
  return v
}

function positiveNumber (field: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v) || v <= 0) throw new InvalidOptionError(field, 'must be a positive number (Infinity for no limit)')
  return v
}

function resolveOverflow (v: unknown): OverflowPolicy {
  if (v === undefined) return DEFAULT_OVERFLOW
  if (!OVERFLOW_POLICIES.includes(v as OverflowPolicy)) throw new InvalidOptionError('overflow', `must be one of ${OVERFLOW_POLICIES.join(', ')}`)
  return v as OverflowPolicy
}

function resolveHoldBack (h: HoldBackOptions | undefined): Required<HoldBackOptions> {
  const r = { ...HOLD_BACK_DEFAULTS }
  if (h === undefined) return r
  if (typeof h !== 'object' || h === null) throw new InvalidOptionError('holdBack', 'must be an object')
  if (h.maxMessages !== undefined) r.maxMessages = positiveInt('holdBack.maxMessages', h.maxMessages)
  if (h.maxSenders !== undefined) r.maxSenders = positiveInt('holdBack.maxSenders', h.maxSenders)
  if (h.maxDelay !== undefined) {
    if (typeof h.maxDelay !== 'number' || !Number.isFinite(h.maxDelay) || h.maxDelay < 0) throw new InvalidOptionError('holdBack.maxDelay', 'must be a finite number ≥ 0')
    r.maxDelay = h.maxDelay
  }
  return r
}

function resolveBatcher (o: BatcherOptions, portMax: number, headerBytes: number): Required<BatcherOptions> {
  const r = { ...BATCHER_DEFAULTS, maxBatchBytes: Math.min(BATCHER_DEFAULTS.maxBatchBytes, portMax) }
  if (o.linger !== undefined) {
    if (typeof o.linger !== 'number' || !Number.isFinite(o.linger) || o.linger < 0) throw new InvalidOptionError('linger', 'must be a finite number ≥ 0')
    r.linger = o.linger
  }
  if (o.maxBatchBytes !== undefined) {
    r.maxBatchBytes = positiveInt('maxBatchBytes', o.maxBatchBytes)
    if (r.maxBatchBytes > portMax) throw new InvalidOptionError('maxBatchBytes', `must be at most the pub/sub limit of ${portMax} bytes`)
    if (r.maxBatchBytes <= headerBytes) throw new InvalidOptionError('maxBatchBytes', `must exceed the envelope header (${headerBytes} bytes)`)
  }
  if (o.maxBatchCount !== undefined) r.maxBatchCount = positiveInt('maxBatchCount', o.maxBatchCount)
  if (o.maxInFlight !== undefined) r.maxInFlight = positiveInt('maxInFlight', o.maxInFlight)
  if (o.maxQueued !== undefined) r.maxQueued = positiveInt('maxQueued', o.maxQueued)
  return r
}
