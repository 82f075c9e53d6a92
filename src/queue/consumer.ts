import { randomInt } from 'node:crypto'
import { logger as createLogger } from '@libp2p/logger'
import { ClosedError, TimeoutError } from '../errors.js'
import type { Codec } from '../channel/codec.js'
import { Delivery, type DeliveryHost } from './delivery.js'
import type { FenceMsg, FenceReply, Push } from './protocol/queue-protocol.js'
import type { QueueRouter } from './router.js'
import type { QueueService } from './service.js'

/** How often a consumer checks that its session is still open at the owner. */
const KEEPALIVE_MS = 1000
/** Most acks in one request (the owner accepts up to MAX_PUT_ITEMS). */
const ACKS_PER_REQUEST = 1024

let nextSession = randomInt(1, 2 ** 40)

/** Options of {@link Queue.consume}. */
export interface ConsumeOptions {
  /**
   * Credit: the most deliveries this consumer holds at once (received and not yet acked, nacked
   * or expired; a delivery whose ack is on its way is no longer held). The owner never pushes
   * more. Default 16, at most 65 535.
   */
  prefetch?: number
  /** Ends the iteration (buffered, unhanded deliveries are released for redelivery). */
  signal?: AbortSignal
}

/** Callback for deliveries that arrive (for recorders and tests). @internal */
export type DeliveryObserver = (d: Delivery<unknown>) => void

/** An ack waiting for this turn's ack request. */
interface PendingAck {
  fence: FenceMsg
  deadline: number
  signal: AbortSignal | undefined
  resolve: (r: FenceReply) => void
  reject: (err: Error) => void
}

/**
 * A consumer session, iterated with `for await`. Opens a session at the queue's owner with credit
 * `prefetch`, receives pushed deliveries, and gives credit back as deliveries are settled. When
 * the owner changes (failover, partition, planned stop) it reopens the session at the new owner;
 * deliveries already held stay valid (their fences name the lease, not the owner).
 *
 * Credit: the acks made in one event-loop turn leave in one request naming this session, and the
 * owner returns their credit when that request arrives (the consumer no longer holds them), so the
 * next lease overlaps the acks' commit; `ack()` still resolves only once its ack committed. Credit
 * of nacked, expired or re-pushed deliveries the consumer grants back itself (`credit` requests).
 */
export class Consumer<T> implements AsyncIterableIterator<Delivery<T>> {
  readonly session = nextSession++
  private readonly buffer: Array<Delivery<T>> = []
  private readonly waiters: Array<{ resolve: (r: IteratorResult<Delivery<T>>) => void, reject: (e: Error) => void }> = []
  /** Deliveries received and not settled (buffered or handed out). */
  private held = 0
  /** When a delivery last arrived (ms), to tell a starved session from a busy one. */
  private lastPushAt = Date.now()
  /**
   * Fences (`id/seq/term/attempt`) of the deliveries held or being acked (a new owner may push one
   * again), with the session {@link epoch} each arrived in.
   */
  private readonly heldFences = new Map<string, number>()
  /** Fences of `heldFences` whose ack is on its way (no longer held). */
  private readonly releasing = new Set<string>()
  /** Counts session (re)opens: each one declares the credit from what is held at that moment. */
  private epoch = 0
  private acks: PendingAck[] = []
  private acksScheduled = false
  private ownerPeer: string | undefined
  private opening = false
  private closed = false
  private failure: Error | undefined
  private grantPending = 0
  private grantTimer: ReturnType<typeof setTimeout> | undefined
  private readonly keepalive: ReturnType<typeof setInterval>
  private readonly offPush: () => void
  private readonly offGone: () => void
  private readonly offStop: () => void
  private readonly host: DeliveryHost
  private readonly prefetch: number
  private readonly log

  /** @internal */
  constructor (
    private readonly svc: QueueService,
    private readonly router: QueueRouter,
    private readonly codec: Codec<T>,
    settle: DeliveryHost['settleRequest'],
    options: ConsumeOptions,
    private readonly observer?: DeliveryObserver,
    private readonly defaultTimeout = 30_000
  ) {
    this.prefetch = options.prefetch ?? 16
    this.log = createLogger(`meshchan:queue:consumer:${router.queue}`)
    this.host = {
      settleRequest: settle,
      settled: (d, how) => { this.onSettled(d, how) },
      ackRequest: async (d, fence, opts) => await this.ackRequest(d, fence, opts)
    }
    this.offPush = svc.onPush(this.session, (from, push) => { this.onPush(from, push) })
    this.offGone = svc.onPeerGone(peer => {
      if (peer === this.ownerPeer) {
        this.router.redirect(undefined)
        this.reopen()
      }
    })
    this.offStop = svc.onStop(() => { void this.return() })
    this.keepalive = setInterval(() => { this.ping() }, KEEPALIVE_MS)
    options.signal?.addEventListener('abort', () => { void this.return() }, { once: true })
    this.reopen()
  }

  /** Deliveries held right now (received, not settled, no ack on its way): never more than `prefetch` while the owner stays the same. */
  get holding (): number {
    return this.held
  }

  [Symbol.asyncIterator] (): this {
    return this
  }

  async next (): Promise<IteratorResult<Delivery<T>>> {
    const d = this.buffer.shift()
    if (d !== undefined) return { value: d, done: false }
    if (this.failure !== undefined) throw this.failure
    if (this.closed) return { value: undefined, done: true }
    const { promise, resolve, reject } = Promise.withResolvers<IteratorResult<Delivery<T>>>()
    this.waiters.push({ resolve, reject })
    return await promise
  }

  /** Ends the session: buffered deliveries not yet handed out are released for redelivery. */
  async return (): Promise<IteratorResult<Delivery<T>>> {
    if (!this.closed) {
      this.closed = true
      clearInterval(this.keepalive)
      clearTimeout(this.grantTimer)
      this.offPush()
      this.offGone()
      this.offStop()
      for (const w of this.waiters.splice(0)) w.resolve({ value: undefined, done: true })
      const left = this.buffer.splice(0)
      for (const d of left) void d.nack().catch(() => {})
      const owner = this.ownerPeer
      if (owner !== undefined && this.svc.running) {
        void this.svc.request(owner, { queue: this.router.queue, close: { session: this.session } }, 2000).catch(() => {})
      }
    }
    return { value: undefined, done: true }
  }

  // ---- session ------------------------------------------------------------------------------------

  /** (Re)opens the session at the owner with the credit not in use; retries until closed. */
  private reopen (): void {
    this.ownerPeer = undefined
    if (this.opening || this.closed) return
    this.opening = true
    void (async () => {
      while (!this.closed && this.svc.running) {
        try {
          const credit = Math.max(0, this.prefetch - this.held)
          this.grantPending = 0
          this.epoch++
          const { peer } = await this.router.call({ consume: { session: this.session, credit, consumer: '', prefetch: this.prefetch } }, { deadline: Date.now() + 10_000, what: 'consume' })
          this.ownerPeer = peer
          this.log('session %d open at %s with credit %d', this.session, peer, credit)
          // Deliveries settled while the open was in flight were not counted in `credit`.
          this.opening = false
          if (this.grantPending > 0) this.flushGrant()
          return
        } catch (err) {
          if (err instanceof ClosedError) return
          this.log('reopening session %d failed: %s', this.session, (err as Error).message)
        }
      }
    })().finally(() => { this.opening = false })
  }

  private ping (): void {
    // The mesh stopped under us: end the iteration instead of hanging.
    if (!this.svc.running) { void this.return(); return }
    const owner = this.ownerPeer
    if (owner === undefined || this.opening || this.closed) {
      if (owner === undefined && !this.opening && !this.closed) this.reopen()
      return
    }
    if (this.starved()) {
      // Holding nothing and owed nothing, yet nothing arrives: reopen, so the owner recomputes
      // this session's credit from what it pushed and did not get back. Credit is counted on two
      // sides across owner changes, re-pushes and acks in flight; a count that drifted low would
      // otherwise starve this consumer for good while messages wait (seen under heavy load).
      this.reopen()
      return
    }
    this.svc.request(owner, { queue: this.router.queue, credit: { session: this.session, credit: 0 } }, KEEPALIVE_MS * 1.5)
      .then(r => {
        if (r.error !== undefined && this.ownerPeer === owner) {
          this.router.redirect(r.error.leaderHint)
          this.reopen()
        }
      }, () => {
        if (this.ownerPeer === owner) {
          this.router.redirect(undefined)
          this.reopen()
        }
      })
  }

  /** Nothing held, no ack or grant on its way, and no delivery for a keep-alive period. */
  private starved (): boolean {
    return this.held === 0 && this.releasing.size === 0 && this.acks.length === 0 && this.grantPending === 0 &&
      Date.now() - this.lastPushAt >= KEEPALIVE_MS
  }

  private onPush (from: string, push: Push): void {
    if (this.closed) return
    if (push.deliveries.length > 0) this.lastPushAt = Date.now()
    if (push.closed) {
      if (from === this.ownerPeer || this.ownerPeer === undefined) {
        this.router.redirect(push.leaderHint !== '' && push.leaderHint !== from ? push.leaderHint : undefined)
        this.reopen()
      }
      return
    }
    for (const m of push.deliveries) {
      if (m.fence === undefined) continue
      const key = fenceKey(m.fence)
      if (this.heldFences.has(key)) {
        // A new owner re-pushed a lease we hold: it counted it against our credit; give that back.
        // Not for one whose ack is on its way: that ack returns the credit when it arrives there.
        if (!this.releasing.has(key)) {
          this.grantPending++
          this.grantTimer ??= setTimeout(() => { this.flushGrant() }, 5)
        }
        continue
      }
      this.heldFences.set(key, this.epoch)
      let value: T
      try {
        value = this.codec.decode(m.payload)
      } catch (err) {
        // A payload this consumer's codec can't read: dead-letter it rather than loop on it.
        this.log('undecodable message %s: %s', m.fence.id, (err as Error).message)
        const poison = new Delivery<T>(this.host, m.fence, undefined as T, m.deadline, m.enqueuedAt)
        this.held++
        void poison.nack({ deadLetter: true }).catch(() => {})
        continue
      }
      const d = new Delivery<T>(this.host, m.fence, value, m.deadline, m.enqueuedAt)
      this.held++
      this.observer?.(d as Delivery<unknown>)
      const w = this.waiters.shift()
      if (w !== undefined) w.resolve({ value: d, done: false })
      else this.buffer.push(d)
    }
  }

  private onSettled (d: Delivery<any>, how?: 'ack'): void {
    this.held--
    // An ack on its way: the owner returns the credit (see ackRequest); its fence stays known
    // until the ack completes, so a re-push of it meanwhile is not taken for a new delivery.
    if (how === 'ack') {
      this.releasing.add(fenceKey(d))
      return
    }
    this.heldFences.delete(fenceKey(d))
    if (this.closed) return
    this.grantPending++
    // Batch credit: a quarter of the window, or whatever accumulated within 5 ms.
    if (this.grantPending >= Math.max(1, Math.floor(this.prefetch / 4))) this.flushGrant()
    else this.grantTimer ??= setTimeout(() => { this.flushGrant() }, 5)
  }

  /** Queues the ack of `d` for this turn's ack request and resolves with its reply. */
  private async ackRequest (d: Delivery<any>, fence: FenceMsg, options: { signal?: AbortSignal, timeout?: number }): Promise<FenceReply> {
    const key = fenceKey(d)
    const arrived = this.heldFences.get(key)
    const sentIn = this.epoch
    const { promise, resolve, reject } = Promise.withResolvers<FenceReply>()
    this.queueAck({ fence, deadline: Date.now() + (options.timeout ?? this.defaultTimeout), signal: options.signal, resolve, reject })
    const onAbort = (): void => { reject(options.signal?.reason as Error) }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const r = await promise
      // Not credited by the owner although the session (re)opened after it arrived and before the
      // ack left, counting it as held: the session's credit for it must come from here.
      if (!r.credited && arrived !== undefined && arrived < sentIn && this.epoch === sentIn && !this.closed) {
        this.grantPending++
        this.grantTimer ??= setTimeout(() => { this.flushGrant() }, 5)
      }
      return r
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      this.heldFences.delete(key)
      this.releasing.delete(key)
    }
  }

  private queueAck (a: PendingAck): void {
    this.acks.push(a)
    if (this.acksScheduled) return
    this.acksScheduled = true
    setImmediate(() => { this.flushAcks() })
  }

  /** One request with the acks of this turn (acks are safe to repeat: the router retries it across owners). */
  private flushAcks (): void {
    this.acksScheduled = false
    const all = this.acks.filter(a => a.signal?.aborted !== true)
    this.acks = []
    for (let i = 0; i < all.length; i += ACKS_PER_REQUEST) this.sendAcks(all.slice(i, i + ACKS_PER_REQUEST))
  }

  /**
   * Sends `batch` until the earliest deadline among its acks; past it, the acks whose own
   * deadline is still ahead go out again with the next turn's (no timer per ack).
   */
  private sendAcks (batch: PendingAck[]): void {
    const deadline = Math.min(...batch.map(a => a.deadline))
    this.router.call({ acks: { fences: batch.map(a => a.fence), session: this.session } }, { deadline, what: 'ack' }).then(({ response }) => {
      for (const [i, a] of batch.entries()) {
        const r = response.fences[i]
        if (r === undefined) a.reject(new ClosedError('ack answer'))
        else a.resolve(r)
      }
    }, (err: Error) => {
      const now = Date.now()
      for (const a of batch) {
        if (err instanceof TimeoutError && a.deadline > now && a.signal?.aborted !== true) this.queueAck(a)
        else a.reject(err)
      }
    })
  }

  private flushGrant (): void {
    clearTimeout(this.grantTimer)
    this.grantTimer = undefined
    const n = this.grantPending
    const owner = this.ownerPeer
    if (n === 0 || owner === undefined || this.opening) return
    this.grantPending = 0
    this.svc.request(owner, { queue: this.router.queue, credit: { session: this.session, credit: n } }, 2000)
      .then(r => {
        if (r.error !== undefined && this.ownerPeer === owner) {
          this.router.redirect(r.error.leaderHint)
          this.reopen()
        }
      }, () => {
        // Lost grant: the reopen recomputes credit from what is held.
        if (this.ownerPeer === owner) this.reopen()
      })
  }
}

function fenceKey (f: { id: string, seq: number, term: number, attempt: number }): string {
  return `${f.id}/${f.seq}/${f.term}/${f.attempt}`
}

/** @internal */
export type SettleFn = (op: 'ack' | 'nack' | 'extend', fence: FenceMsg, extra: { delayMs?: number, deadLetter?: boolean, ms?: number }, options: { signal?: AbortSignal, timeout?: number }) => Promise<FenceReply>
