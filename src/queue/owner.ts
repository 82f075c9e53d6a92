import { logger as createLogger } from '@libp2p/logger'
import { NotLeaderError } from '../raft/core/errors.js'
import type { RaftGroup } from '../raft/driver/index.js'
import { encodeCommand, MAX_LEASE_COUNT } from './state/index.js'
import type { CommandBody, CommandMeta, Fence, QueueResult, QueueStateMachine } from './state/index.js'
import type { QueuePlacement } from './placement.js'
import type { AppliedResult, ReplicaStateMachine } from './replica-state.js'
import type { DeliveryMsg, Push } from './protocol/queue-protocol.js'

/** Sends a push frame to a consumer's peer. Returns false if it could not be queued. */
export type PushSender = (peer: string, push: Push) => boolean

/** Largest push frame we build (deliveries are split across frames beyond it). */
const PUSH_FRAME_BYTES = 512 * 1024
/** Most messages one lease command asks for (bounded per entry, so a lease never blocks the log long). */
const LEASE_BATCH = Math.min(MAX_LEASE_COUNT, 512)
/** Most leases an `expire` entry reclaims; `more` makes the owner propose another at once. */
const EXPIRE_BATCH = 1024
/** Most lease proposals in flight per consumer session. */
const MAX_LEASES_IN_FLIGHT = 4

interface Session {
  key: string
  peer: string
  session: number
  consumer: string
  /** Deliveries the consumer may still receive (its prefetch minus what it holds). */
  credit: number
  /** Messages asked for by the lease proposals in flight (they will be pushed, counted against credit). */
  inFlight: number
  /** Lease proposals in flight for this session (several may be: credit returned meanwhile need not wait). */
  leasing: number
  closed: boolean
}

interface AckWaiter { seq: number, resolve: () => void, reject: (err: Error) => void }

/**
 * The owner of a queue: the replica that leads the queue's Raft group, for as long as it leads.
 * It stamps its clock into commands, proposes `expire` when a lease deadline or a delay ends, and
 * serves consumer sessions by proposing `lease` commands sized by each consumer's credit, pushing
 * the committed deliveries. A new owner object is made for every leadership term; {@link close}
 * ends it (sessions are told to reconnect).
 */
export class QueueOwner {
  readonly term: number
  private readonly sessions = new Map<string, Session>()
  private readonly ackWaiters = new Map<string, AckWaiter[]>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerAt = Infinity
  private expiring = false
  private pumpScheduled = false
  /** Ready messages already asked for by lease proposals in flight. */
  private reserved = 0
  private closed = false
  private rr = 0
  /** Leases of earlier terms this owner already re-pushed (`id/seq/term/attempt`). */
  private readonly repushed = new Set<string>()
  private repushScheduled = false
  private readonly log

  constructor (
    readonly group: RaftGroup<AppliedResult>,
    private readonly state: ReplicaStateMachine,
    private readonly placement: () => QueuePlacement,
    private readonly pushTo: PushSender,
    logName: string
  ) {
    this.term = group.term
    this.log = createLogger(`${logName}:owner`)
    this.schedule()
    this.schedulePump()
  }

  get sm (): QueueStateMachine {
    return this.state.machine
  }

  get isClosed (): boolean {
    return this.closed
  }

  get sessionCount (): number {
    return this.sessions.size
  }

  /** Replicates one command stamped with this owner's clock; resolves once applied here. */
  async propose (body: CommandBody, meta: Omit<CommandMeta, 'now'> = {}, timeout?: number): Promise<QueueResult> {
    const bytes = encodeCommand({ ...meta, now: Date.now(), ...body } as any)
    const r = await this.group.propose(bytes, { timeout })
    return r.result
  }

  /** Called by the replica for every applied command. */
  applied (result: QueueResult): void {
    if (this.closed) return
    if (result.command === 'ack' && result.status === 'acked') {
      const waiters = this.ackWaiters.get(result.id)
      if (waiters !== undefined) {
        const rest = waiters.filter(w => w.seq !== result.seq)
        for (const w of waiters) if (w.seq === result.seq) w.resolve()
        if (rest.length === 0) this.ackWaiters.delete(result.id)
        else this.ackWaiters.set(result.id, rest)
      }
    }
    if (result.command === 'lease' && result.deliveries.some(d => d.term < this.term)) this.scheduleRepush()
    this.schedule()
    if (result.command === 'put' || result.command === 'nack' || result.command === 'expire' || result.command === 'requeueDead') this.schedulePump()
  }

  // ---- consumer sessions ----------------------------------------------------------------------------

  /** Opens (or reopens with fresh credit) a consumer session of `peer`. */
  openSession (peer: string, session: number, credit: number): string {
    const key = `${peer}/${session}`
    const existing = this.sessions.get(key)
    if (existing !== undefined) {
      // The client counted what it holds; what our lease in flight will push is on top of that.
      existing.credit = Math.max(0, credit - existing.inFlight)
    } else {
      this.sessions.set(key, { key, peer, session, consumer: key, credit, inFlight: 0, leasing: 0, closed: false })
      // Leases an earlier owner committed for this session may never have reached the consumer
      // (pushed after the commit, lost with that owner): hand them over again.
      this.scheduleRepush()
    }
    this.schedulePump()
    return key
  }

  /** Returns credit to a session; false if there is no such session here. */
  grant (peer: string, session: number, credit: number): boolean {
    const s = this.sessions.get(`${peer}/${session}`)
    if (s === undefined) return false
    s.credit += credit
    if (credit > 0) this.schedulePump()
    return true
  }

  closeSession (peer: string, session: number): void {
    const s = this.sessions.get(`${peer}/${session}`)
    if (s === undefined) return
    s.closed = true
    this.sessions.delete(s.key)
  }

  /** Drops every session of a peer that left (its leases expire and are redelivered). */
  peerGone (peer: string): void {
    for (const s of [...this.sessions.values()]) if (s.peer === peer) this.closeSession(peer, s.session)
  }

  /** Resolves once the message (id, seq) is acked (at once if it is already gone). */
  async waitAck (id: string, seq: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted()
    const m = this.sm.get(id)
    if (m === undefined || m.seq !== seq) return
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    const w: AckWaiter = { seq, resolve, reject }
    const list = this.ackWaiters.get(id) ?? []
    list.push(w)
    this.ackWaiters.set(id, list)
    const onAbort = (): void => {
      const l = this.ackWaiters.get(id)
      if (l !== undefined) {
        const rest = l.filter(x => x !== w)
        if (rest.length === 0) this.ackWaiters.delete(id)
        else this.ackWaiters.set(id, rest)
      }
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      await promise
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  /**
   * Ends this ownership: sessions are told to reconnect at `leaderHint`, ack waiters are dropped
   * (their callers' requests fail over), timers stop. Idempotent.
   */
  close (reason: string, leaderHint = ''): void {
    if (this.closed) return
    this.closed = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    for (const s of this.sessions.values()) {
      s.closed = true
      this.pushTo(s.peer, { session: s.session, queue: this.placement().queue, deliveries: [], closed: true, reason, leaderHint })
    }
    this.sessions.clear()
    const gone = new NotLeaderError(leaderHint, this.term)
    for (const list of this.ackWaiters.values()) for (const w of list) w.reject(gone)
    this.ackWaiters.clear()
  }

  // ---- leases ---------------------------------------------------------------------------------------

  private scheduleRepush (): void {
    if (this.repushScheduled || this.closed) return
    this.repushScheduled = true
    // Catch up first (ReadIndex): a lease whose ack an earlier owner already committed and
    // answered must not be pushed again because this replica has not applied that ack yet.
    this.group.readIndex({ timeout: 5000 }).then(() => {
      this.repushScheduled = false
      this.repush()
    }, err => {
      this.repushScheduled = false
      this.log('re-push: read index failed: %s', (err as Error).message)
      if (!this.closed) setTimeout(() => { this.scheduleRepush() }, 50)
    })
  }

  /**
   * Pushes again, to the sessions open here, the leases earlier owners gave them: an owner pushes
   * a lease only after it commits, so one that dies (or steps down) in between leaves the consumer
   * without deliveries it holds on paper, until the lease expires. The fence is unchanged (a
   * consumer that already holds the delivery ignores the copy and returns the credit); each lease
   * is re-pushed at most once per owner. Counted against the session's credit.
   */
  private repush (): void {
    if (this.closed || this.sessions.size === 0) return
    const bySession = new Map<string, DeliveryMsg[]>()
    for (const d of this.sm.leased()) {
      if (d.term >= this.term) continue
      const s = this.sessions.get(d.consumer)
      if (s === undefined) continue
      const k = `${d.id}/${d.seq}/${d.term}/${d.attempt}`
      if (this.repushed.has(k)) continue
      const m = this.sm.get(d.id)
      if (m === undefined) continue
      this.repushed.add(k)
      const list = bySession.get(s.key) ?? []
      list.push({
        fence: { id: d.id, seq: d.seq, consumer: d.consumer, term: d.term, attempt: d.attempt },
        deadline: d.deadline,
        payload: m.payload as Uint8Array<ArrayBuffer>,
        enqueuedAt: d.enqueuedAt
      })
      bySession.set(s.key, list)
    }
    for (const [key, deliveries] of bySession) {
      const s = this.sessions.get(key)
      if (s === undefined) continue
      this.log('re-pushing %d leases of earlier owners to %s', deliveries.length, key)
      s.credit -= deliveries.length
      this.push(s, deliveries)
    }
  }

  private schedulePump (): void {
    if (this.pumpScheduled || this.closed) return
    this.pumpScheduled = true
    setImmediate(() => {
      this.pumpScheduled = false
      this.pump()
    })
  }

  /** Starts one lease proposal for every session that has credit, while ready messages are not yet spoken for. */
  private pump (): void {
    if (this.closed) return
    let available = this.sm.stats().ready - this.reserved
    if (available <= 0) return
    const sessions = [...this.sessions.values()]
    // Round-robin start, so one busy consumer does not always go first.
    const start = sessions.length === 0 ? 0 : this.rr++ % sessions.length
    for (let i = 0; i < sessions.length && available > 0; i++) {
      const s = sessions[(start + i) % sessions.length]
      // Credit returned while a lease is in flight starts another lease at once (pipelined), instead
      // of waiting a whole commit for the first; a few at most, so small grants still batch up.
      if (s.credit <= 0 || s.leasing >= MAX_LEASES_IN_FLIGHT) continue
      const n = Math.min(s.credit, available, LEASE_BATCH)
      available -= n
      void this.lease(s, n)
    }
  }

  private async lease (s: Session, n: number): Promise<void> {
    s.leasing++
    s.credit -= n
    s.inFlight += n
    this.reserved += n
    let deliveries: DeliveryMsg[] = []
    let failed = false
    try {
      const leaseMs = Math.max(1, this.placement().settings.ackTimeoutMs)
      const bytes = encodeCommand({ now: Date.now(), lease: { consumer: s.consumer, count: n, leaseMs } })
      const applied = await this.group.propose(bytes)
      const r = applied.result
      if (r.command === 'lease') {
        deliveries = r.deliveries.map((d, i) => ({
          fence: { id: d.id, seq: d.seq, consumer: d.consumer, term: d.term, attempt: d.attempt },
          deadline: d.deadline,
          payload: (applied.payloads?.[i] ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>,
          enqueuedAt: d.enqueuedAt
        }))
      }
    } catch (err) {
      failed = true
      // Not committed (lost leadership, timeout): nothing was handed out, or it expires unseen.
      this.log('lease for %s failed: %s', s.consumer, (err as Error).message)
    } finally {
      s.leasing--
      s.inFlight -= n
      this.reserved -= n
    }
    s.credit += n - deliveries.length
    if (deliveries.length > 0 && !s.closed) this.push(s, deliveries)
    // Leases given to a closed session simply expire and are redelivered.
    if (failed) setTimeout(() => { this.schedulePump() }, 50) // e.g. a leadership transfer: don't spin
    else this.schedulePump()
  }

  private push (s: Session, deliveries: DeliveryMsg[]): void {
    const queue = this.placement().queue
    let batch: DeliveryMsg[] = []
    let bytes = 0
    const flush = (): void => {
      if (batch.length === 0) return
      if (!this.pushTo(s.peer, { session: s.session, queue, deliveries: batch, closed: false, reason: '', leaderHint: '' })) {
        // The consumer's link is saturated or gone: its leases will expire and be redelivered.
        this.closeSession(s.peer, s.session)
      }
      batch = []
      bytes = 0
    }
    for (const d of deliveries) {
      const size = d.payload.byteLength + 128
      if (bytes + size > PUSH_FRAME_BYTES) flush()
      batch.push(d)
      bytes += size
    }
    flush()
  }

  // ---- time -----------------------------------------------------------------------------------------

  /** Arms the timer for the next lease deadline or delay end. */
  private schedule (): void {
    if (this.closed || this.expiring) return
    const lease = this.sm.nextLeaseDeadline() ?? Infinity
    const delay = this.sm.nextDelayReady() ?? Infinity
    const at = Math.min(lease, delay)
    if (at === Infinity || at >= this.timerAt) return
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.timerAt = Infinity
      void this.expire()
    }, Math.max(0, at - Date.now()) + 1)
  }

  /** Proposes `expire` (which also advances the replicated clock, releasing delayed messages). */
  private async expire (): Promise<void> {
    if (this.closed) return
    this.expiring = true
    let again = false
    try {
      const r = await this.propose({ expire: { max: EXPIRE_BATCH } })
      again = r.command === 'expire' && r.more
    } catch (err) {
      this.log('expire failed: %s', (err as Error).message)
      again = !this.closed
    } finally {
      this.expiring = false
    }
    if (this.closed) return
    if (again) {
      this.timerAt = Infinity
      this.timer = setTimeout(() => { this.timer = undefined; void this.expire() }, 20)
      return
    }
    this.timerAt = Infinity
    this.schedule()
    this.schedulePump()
  }
}

/** A fence from its wire form. */
export function fenceOf (f: { id: string, seq: number, consumer: string, term: number, attempt: number }): Fence {
  return { id: f.id, seq: f.seq, consumer: f.consumer, term: f.term, attempt: f.attempt }
}
