import { randomBytes, randomUUID } from 'node:crypto'
import { jsonCodec, type Codec } from '../channel/codec.js'
import { ClosedError, InvalidOptionError, MessageTooLargeError, TimeoutError } from '../errors.js'
import { Consumer, type ConsumeOptions, type DeliveryObserver } from './consumer.js'
import type { Delivery } from './delivery.js'
import { QueueFullError } from './errors.js'
import type { QueuePlacement, QueueSettings } from './placement.js'
import type { FenceMsg, FenceReply, PutItem } from './protocol/queue-protocol.js'
import type { QueueRouter } from './router.js'
import { MAX_PUT_ITEMS } from './server.js'
import type { QueueService } from './service.js'
import { checkQueueName } from './service-errors.js'
import { MAX_ID_LENGTH } from './state/index.js'

/** Largest encoded message accepted by `put` (frames of the queue and Raft protocols must hold it). */
export const MAX_MESSAGE_BYTES = 1024 * 1024
/** Default deadline of queue operations, ms. */
export const DEFAULT_QUEUE_TIMEOUT = 30_000

/** Options of {@link Mesh.queue}. Settings are fixed by the first declaration of the queue in the cluster. */
export interface QueueOptions<T> {
  /** Encodes values; every producer and consumer of the queue must agree. Default JSON. */
  codec?: Codec<T>
  /** Raft replicas (voters) of the queue: survives the loss of a minority. Default 3 (fewer on a smaller cluster). */
  replicas?: number
  /** Most messages held (ready + delayed + leased). Default 0 = the state machine's bound (1 000 000). */
  maxLength?: number
  /** Most payload bytes held. Default 0 = the state machine's bound (256 MiB). */
  maxBytes?: number
  /** At `maxLength` / `maxBytes`: `'reject'` throws {@link QueueFullError}, `'block'` waits for room (until the put's deadline). Default `'reject'`. */
  overflow?: 'reject' | 'block'
  /** Lease length of a delivery, ms: unacked for this long, a message is delivered again. Default 30 000. */
  ackTimeout?: number
  /** Deliveries after which a message moves to the dead-letter set (`<name>.dead`); 0 = never. Default 0. */
  maxDeliveries?: number
  /** How long a message id is remembered for deduplication, ms. Default 120 000. */
  dedupWindow?: number
  /** Default deadline of every operation on this queue handle, ms. Default 30 000. */
  timeout?: number
}

/** Options of {@link Queue.put}. */
export interface PutOptions {
  /** Message id for deduplication (1–256 characters). Default: a random UUID. */
  id?: string
  /** Deliver no earlier than this many ms from now. */
  delay?: number
  signal?: AbortSignal
  /** Deadline, ms (retries across failover happen within it). Default: the queue's `timeout`. */
  timeout?: number
  /** `'commit'` (default): resolve once stored on a majority. `'ack'`: resolve once a consumer acked it. */
  waitFor?: 'commit' | 'ack'
}

/** What a put resolves with. */
export interface PutResult {
  id: string
  /** The message's sequence number in the queue. */
  seq: number
  /** The id was already stored (a retry, or a duplicate within the dedup window): nothing new was stored. */
  duplicate: boolean
}

/** Options of {@link Queue.take}. */
export interface TakeOptions {
  signal?: AbortSignal
  /** Give up after this many ms (rejects with {@link TimeoutError}). Default: wait forever. */
  timeout?: number
}

/** {@link Queue.stats}. */
export interface QueueStats {
  ready: number
  leased: number
  delayed: number
  dead: number
  bytes: number
  /** PeerId of the owner (the queue group's Raft leader) that answered. */
  owner: string
  /** Voters of the queue's Raft group. */
  replicas: string[]
  /** Raft term of the owner. */
  term: number
  commitIndex: number
  appliedIndex: number
  /** Entries the owner has proposed that are not committed yet (a backlog of replication). */
  commitLag: number
  /** Consumer sessions the owner serves. */
  consumers: number
  totals: { put: number, acked: number, delivered: number, expired: number, deadLettered: number }
}

/** A dead-lettered message. */
export interface DeadLetter<T> {
  id: string
  value: T | undefined
  /** Raw payload (when the codec can't decode it, `value` is undefined). */
  payload: Uint8Array
  reason: string
  attempt: number
  deadAt: number
  enqueuedAt: number
}

let queueClients = 0

/** Payload bytes of one put request beyond which the puts of a turn are split (frames are bounded). */
const PUT_REQUEST_BYTES = 1024 * 1024

interface PendingPut {
  item: PutItem
  deadline: number
  resolve: (r: PutResult) => void
  reject: (err: Error) => void
}

/**
 * A replicated work queue: each message is handed to exactly one consumer at a time, removed once
 * its first valid ack commits, and survives the loss of any minority of the queue's replicas once
 * `put` resolved. Any peer of the mesh can produce and consume; requests go to the queue's owner
 * (its Raft leader) and follow it across failover within each call's deadline.
 *
 * Order: first deliveries follow put order (FIFO); a message released by a nack or a lease expiry
 * is redelivered before fresh ones, so redeliveries may arrive out of order.
 */
export class Queue<T = unknown> {
  /** The queue's name. Its dead-letter set is reported as `<name>.dead`. */
  readonly name: string
  readonly codec: Codec<T>
  private readonly router: QueueRouter
  private readonly settings: QueueSettings
  private readonly overflow: 'reject' | 'block'
  private readonly timeout: number
  private declared: Promise<QueuePlacement> | undefined
  /** Set once {@link ready} succeeded: later puts skip the wait (one promise less per message). */
  private isReady = false
  private readonly client = `${randomBytes(6).toString('hex')}${(queueClients++).toString(36)}`
  private nextRequest = 1
  private readonly incomplete = new Set<number>()
  private readonly consumers = new Set<Consumer<T>>()
  private closed = false
  /** Puts of this turn, sent together (see {@link put}). */
  private puts: PendingPut[] = []
  private putsScheduled = false
  /** @internal test hook: sees every delivery as it arrives. */
  observer: DeliveryObserver | undefined

  /** @internal use `mesh.queue()` */
  constructor (private readonly svc: QueueService, name: string, options: QueueOptions<T> = {}) {
    this.name = checkQueueName(name)
    this.codec = options.codec ?? jsonCodec
    const int = (field: keyof QueueOptions<T>, v: unknown, fallback: number, min: number): number => {
      if (v === undefined) return fallback
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new InvalidOptionError(field, `expected an integer ≥ ${min}, got ${String(v)}`)
      return v
    }
    if (options.overflow !== undefined && options.overflow !== 'reject' && options.overflow !== 'block') throw new InvalidOptionError('overflow', "expected 'reject' or 'block'")
    if (options.codec !== undefined && (typeof options.codec.encode !== 'function' || typeof options.codec.decode !== 'function')) throw new InvalidOptionError('codec', 'expected { name, encode, decode }')
    this.overflow = options.overflow ?? 'reject'
    this.timeout = int('timeout', options.timeout, DEFAULT_QUEUE_TIMEOUT, 1)
    this.settings = {
      replicas: int('replicas', options.replicas, 3, 1),
      maxLength: int('maxLength', options.maxLength, 0, 0),
      maxBytes: int('maxBytes', options.maxBytes, 0, 0),
      maxDeliveries: int('maxDeliveries', options.maxDeliveries, 0, 0),
      dedupWindowMs: int('dedupWindow', options.dedupWindow, 120_000, 0),
      ackTimeoutMs: int('ackTimeout', options.ackTimeout, 30_000, 1)
    }
    this.router = svc.router(this.name)
  }

  /** Resolves once the queue is declared in the cluster (its placement committed). Operations call it themselves. */
  async ready (options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueuePlacement> {
    this.declared ??= this.svc.directory.declare(this.name, this.settings, { timeout: options.timeout ?? this.timeout, signal: options.signal })
      .then(async p => {
        await this.svc.replicaReady(this.name)
        this.isReady = true
        return p
      })
    try {
      return await this.declared
    } catch (err) {
      this.declared = undefined
      throw err
    }
  }

  /**
   * Adds a message. Resolves once it is committed on a majority of the queue's replicas (or, with
   * `waitFor: 'ack'`, once a consumer acked it). Retried across failover within the deadline;
   * retries and repeated puts with the same `id` within the dedup window store it once and resolve
   * with the first one's result (`duplicate: true`).
   * @throws {QueueFullError} the queue is full and `overflow` is `'reject'` (or the message can never fit)
   * @throws {MessageTooLargeError} the encoded message exceeds {@link MAX_MESSAGE_BYTES}
   * @throws {TimeoutError} not confirmed within the deadline: it may or may not be stored (put again with the same id)
   */
  async put (value: T, options: PutOptions = {}): Promise<PutResult> {
    if (options.waitFor === 'ack' || options.signal !== undefined) {
      const [r] = await this.putAll([value], { ...options, ids: options.id === undefined ? undefined : [options.id] })
      return r
    }
    // Puts made in one event-loop turn travel in one request (and one log entry).
    this.assertOpen()
    const deadline = Date.now() + (options.timeout ?? this.timeout)
    const item = this.item(value, options.id, options.delay)
    if (!this.isReady) await this.ready({ timeout: deadline - Date.now() })
    const { promise, resolve, reject } = Promise.withResolvers<PutResult>()
    this.queuePut({ item, deadline, resolve, reject })
    return await promise
  }

  /**
   * Adds several messages in one request (one Raft round). Same guarantees as {@link put} for each;
   * all resolve or the call rejects (a retry with the same ids stores none twice).
   */
  async putAll (values: T[], options: Omit<PutOptions, 'id'> & { ids?: string[] } = {}): Promise<PutResult[]> {
    this.assertOpen()
    if (values.length === 0) return []
    if (values.length > MAX_PUT_ITEMS) throw new InvalidOptionError('values', `at most ${MAX_PUT_ITEMS} messages per call`)
    if (options.ids !== undefined && options.ids.length !== values.length) throw new InvalidOptionError('ids', 'one id per value')
    const deadline = Date.now() + (options.timeout ?? this.timeout)
    const items = values.map((v, i) => this.item(v, options.ids?.[i], options.delay))
    await this.ready({ signal: options.signal, timeout: deadline - Date.now() })
    const out = await this.send(items, deadline, options.signal)
    if (options.waitFor === 'ack') {
      await Promise.all(out.map(async r => {
        await this.router.call({ waitAck: { id: r.id, seq: r.seq } }, { deadline, signal: options.signal, what: 'waiting for the ack' })
      }))
    }
    return out
  }

  /** One message for a put request (validated and encoded). */
  private item (value: T, id: string | undefined = randomUUID(), delay: number = 0): PutItem {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) throw new InvalidOptionError('id', `expected 1–${MAX_ID_LENGTH} characters`)
    const payload = this.codec.encode(value)
    if (payload.byteLength > MAX_MESSAGE_BYTES) throw new MessageTooLargeError(payload.byteLength, MAX_MESSAGE_BYTES)
    if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0 || delay > 0xffffffff) throw new InvalidOptionError('delay', 'expected a non-negative number of ms')
    return { id, payload: payload as Uint8Array<ArrayBuffer>, delayMs: Math.round(delay) }
  }

  /**
   * Puts `items` in one request and resolves with each one's result (by position). With overflow
   * 'block', the ones refused for room are sent again (backing off) until the deadline.
   */
  private async send (items: PutItem[], deadline: number, signal?: AbortSignal): Promise<PutResult[]> {
    const results: PutResult[] = new Array(items.length)
    let backoff = 5
    let pending = items.map((_, i) => i)
    for (;;) {
      const { response } = await this.router.call({ put: { items: pending.map(i => items[i]) } }, { deadline, signal, what: 'put' })
      const full: number[] = []
      for (const [j, r] of response.puts.entries()) {
        const i = pending[j]
        if (r.status === 'ok') results[i] = { id: r.id, seq: r.seq, duplicate: r.duplicate }
        else {
          const reason = r.reason as QueueFullError['reason']
          if (this.overflow === 'reject' || reason === 'tooLarge') throw new QueueFullError(this.name, reason)
          full.push(i)
        }
      }
      if (full.length === 0) return results
      // overflow 'block': wait for room (acks free it) and try the rest again, until the deadline.
      if (Date.now() + backoff >= deadline) throw new TimeoutError(`queue "${this.name}" stayed full until the put's deadline`)
      await sleep(backoff, signal)
      backoff = Math.min(backoff * 2, 100)
      pending = full
    }
  }

  private queuePut (p: PendingPut): void {
    this.puts.push(p)
    if (this.putsScheduled) return
    this.putsScheduled = true
    setImmediate(() => { this.flushPuts() })
  }

  /** Sends the puts of this turn, as few requests as the limits allow (count, and bytes per frame). */
  private flushPuts (): void {
    this.putsScheduled = false
    const all = this.puts
    this.puts = []
    let batch: PendingPut[] = []
    let bytes = 0
    for (const p of all) {
      if (batch.length > 0 && (batch.length >= MAX_PUT_ITEMS || bytes + p.item.payload.byteLength > PUT_REQUEST_BYTES)) {
        this.sendPuts(batch)
        batch = []
        bytes = 0
      }
      batch.push(p)
      bytes += p.item.payload.byteLength
    }
    if (batch.length > 0) this.sendPuts(batch)
  }

  /**
   * One request for `batch`, until the earliest deadline among its puts; past it, those whose own
   * deadline is still ahead go out again with the next turn's (same ids: stored once).
   */
  private sendPuts (batch: PendingPut[]): void {
    const deadline = Math.min(...batch.map(p => p.deadline))
    this.router.call({ put: { items: batch.map(p => p.item) } }, { deadline, what: 'put' }).then(({ response }) => {
      for (const [i, p] of batch.entries()) {
        const r = response.puts[i]
        if (r === undefined) p.reject(new ClosedError('put answer'))
        else if (r.status === 'ok') p.resolve({ id: r.id, seq: r.seq, duplicate: r.duplicate })
        else if (this.overflow === 'reject' || r.reason === 'tooLarge') p.reject(new QueueFullError(this.name, r.reason as QueueFullError['reason']))
        // overflow 'block': this one waits for room on its own.
        else this.send([p.item], p.deadline).then(([res]) => { p.resolve(res) }, p.reject)
      }
    }, (err: Error) => {
      const now = Date.now()
      for (const p of batch) {
        if (err instanceof TimeoutError && p.deadline > now) this.queuePut(p)
        else p.reject(err)
      }
    })
  }

  /**
   * Consumes with credit-based flow control: at most `prefetch` deliveries are held at once.
   * Each delivery must be acked (or nacked); unacked past its deadline it goes to someone else.
   * ```ts
   * for await (const d of q.consume({ prefetch: 32 })) { await work(d.value); await d.ack() }
   * ```
   */
  consume (options: ConsumeOptions = {}): Consumer<T> {
    this.assertOpen()
    const prefetch = options.prefetch ?? 16
    if (!Number.isSafeInteger(prefetch) || prefetch < 1 || prefetch > 65_535) throw new InvalidOptionError('prefetch', 'expected an integer from 1 to 65535')
    const self = this
    const consumer = new Consumer<T>(this.svc, this.router, this.codec, this.settle, { ...options, prefetch }, (d) => { self.observer?.(d) }, this.timeout)
    this.consumers.add(consumer)
    // Declaration first (placement), then the session opens itself.
    void this.ready().catch(() => {})
    const ret = consumer.return.bind(consumer)
    consumer.return = async () => { this.consumers.delete(consumer); return await ret() }
    return consumer
  }

  /** Takes one message (a consume session with prefetch 1, closed after the first delivery). */
  async take (options: TakeOptions = {}): Promise<Delivery<T>> {
    this.assertOpen()
    const signals = [options.signal, options.timeout === undefined ? undefined : AbortSignal.timeout(options.timeout)].filter(s => s !== undefined)
    const signal = signals.length === 0 ? undefined : AbortSignal.any(signals)
    const c = this.consume({ prefetch: 1, signal })
    try {
      const r = await c.next()
      if (r.done === true) {
        if (options.timeout !== undefined && signal?.aborted === true) throw new TimeoutError(`queue "${this.name}": nothing to take within ${options.timeout} ms`)
        signal?.throwIfAborted()
        throw new ClosedError(`queue "${this.name}"`)
      }
      return r.value
    } finally {
      await c.return()
    }
  }

  /** Queue depths and replication state, read from the owner (linearizable). */
  async stats (options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueueStats> {
    this.assertOpen()
    const deadline = Date.now() + (options.timeout ?? this.timeout)
    await this.ready({ signal: options.signal, timeout: deadline - Date.now() })
    const { response } = await this.router.call({ stats: {} }, { deadline, signal: options.signal, what: 'stats' })
    const s = response.stats
    if (s === undefined) throw new ClosedError('stats answer')
    return {
      ready: s.ready,
      leased: s.leased,
      delayed: s.delayed,
      dead: s.dead,
      bytes: s.bytes,
      owner: s.owner,
      replicas: s.replicas,
      term: s.term,
      commitIndex: s.commitIndex,
      appliedIndex: s.appliedIndex,
      commitLag: s.commitLag,
      consumers: s.consumers,
      totals: { put: s.totalPut, acked: s.totalAcked, delivered: s.totalDelivered, expired: s.totalExpired, deadLettered: s.totalDeadLettered }
    }
  }

  /** The name under which dead letters are reported. */
  get deadLetterName (): string {
    return `${this.name}.dead`
  }

  /** Dead-lettered messages (`<name>.dead`), oldest first, with their reason. */
  async deadLetters (options: { limit?: number, signal?: AbortSignal, timeout?: number } = {}): Promise<Array<DeadLetter<T>>> {
    this.assertOpen()
    const deadline = Date.now() + (options.timeout ?? this.timeout)
    await this.ready({ signal: options.signal, timeout: deadline - Date.now() })
    const { response } = await this.router.call({ deadList: { limit: options.limit ?? 100 } }, { deadline, signal: options.signal, what: 'dead-letter list' })
    return response.dead.map(m => {
      let value: T | undefined
      try { value = this.codec.decode(m.payload) } catch { value = undefined }
      return { id: m.id, value, payload: m.payload, reason: m.reason, attempt: m.attempt, deadAt: m.deadAt, enqueuedAt: m.enqueuedAt }
    })
  }

  /** Moves dead letters back to the queue (all of them without `ids`); resolves with the ids requeued. */
  async requeueDead (ids?: string[], options: { signal?: AbortSignal, timeout?: number } = {}): Promise<{ requeued: string[], missing: string[] }> {
    this.assertOpen()
    const deadline = Date.now() + (options.timeout ?? this.timeout)
    await this.ready({ signal: options.signal, timeout: deadline - Date.now() })
    const { response } = await this.session(async meta => await this.router.call({ ...meta, requeue: { ids: ids ?? [], all: ids === undefined } }, { deadline, signal: options.signal, what: 'requeue' }))
    return { requeued: response.requeue?.requeued ?? [], missing: response.requeue?.missing ?? [] }
  }

  /** Ends this handle's consumers (their unhanded deliveries are released). The queue itself lives on. */
  async close (): Promise<void> {
    this.closed = true
    await Promise.all([...this.consumers].map(async c => { await c.return() }))
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** Runs a request under this handle's client session, so a retried nack / extend / requeue is applied once. */
  private async session<R> (fn: (meta: { client: string, requestId: number, firstIncomplete: number }) => Promise<R>): Promise<R> {
    const requestId = this.nextRequest++
    this.incomplete.add(requestId)
    try {
      return await fn({ client: this.client, requestId, firstIncomplete: Math.min(...this.incomplete) })
    } finally {
      this.incomplete.delete(requestId)
    }
  }

  private readonly settle = async (op: 'ack' | 'nack' | 'extend', fence: FenceMsg, extra: { delayMs?: number, deadLetter?: boolean, ms?: number }, options: { signal?: AbortSignal, timeout?: number }): Promise<FenceReply> => {
    const deadline = Date.now() + (options.timeout ?? this.timeout)
    const route = { deadline, signal: options.signal, what: op }
    if (op === 'ack') {
      // Acks need no session: a retried ack of the same fence answers `alreadyAcked`.
      const { response } = await this.router.call({ ack: fence }, route)
      return response.fence as FenceReply
    }
    const { response } = await this.session(async meta => await this.router.call(op === 'nack'
      ? { ...meta, nack: { fence, delayMs: extra.delayMs ?? 0, deadLetter: extra.deadLetter ?? false } }
      : { ...meta, extend: { fence, ms: extra.ms ?? 1 } }, route))
    return response.fence as FenceReply
  }

  private assertOpen (): void {
    if (this.closed || !this.svc.running) throw new ClosedError(`queue "${this.name}"`)
  }
}

async function sleep (ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted()
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve() }, ms)
    const onAbort = (): void => { clearTimeout(t); reject(signal?.reason) }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
