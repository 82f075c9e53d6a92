import { logger as createLogger } from '@libp2p/logger'
import { NotLeaderError } from '../raft/core/errors.js'
import type { RaftGroup } from '../raft/driver/index.js'
import { encodeBatch, encodeCommand, MAX_LEASE_COUNT } from './state/index.js'
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
/** Most deliveries an owner leases ahead of a session's credit (see {@link QueueOwner}). */
const LEASE_AHEAD_MAX = 128
/** A session's reserve, in prefetches. */
const LEASE_AHEAD_PREFETCHES = 2
/** Leasing ahead only while more ready messages than this are not yet spoken for. */
const LEASE_AHEAD_BACKLOG = 256
/** A lease held ahead longer than this (or a quarter of the ack timeout) is given back unsent. */
const LEASE_AHEAD_MAX_AGE_MS = 250
/** Most commands the owner puts in one batch entry. */
const BATCH_COMMANDS = 1024
/** A batch is proposed at once when its commands reach this many bytes (one larger command goes alone). */
const BATCH_BYTES = 192 * 1024

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
  /**
   * Deliveries pushed to this session and not yet given back, id → fence key: an ack naming one
   * returns its credit the moment it arrives (see {@link QueueOwner.returnCredit}).
   */
  outstanding: Map<string, string>
  /** Leased ahead of credit (committed, not pushed yet), oldest first: pushed as credit returns. */
  ahead: AheadLease[]
  /** How many deliveries may be leased ahead now: halves when a reserve goes stale, doubles back when it runs dry. */
  aheadLimit: number
  /** The consumer's prefetch (0: unknown, nothing is leased ahead). */
  prefetch: number
  closed: boolean
}

interface AheadLease {
  delivery: DeliveryMsg
  /** When its lease committed (this owner's clock). */
  at: number
}

/** A command waiting for this turn's batch entry; its result goes to `sink` at `index`. */
interface Pending {
  bytes: Uint8Array
  timeout: number | undefined
  sink: ResultSink
  index: number
}

/** Collects the results of commands proposed together; settles once, when all applied or one failed. */
class ResultSink {
  readonly results: AppliedResult[]
  private left: number
  private settled = false

  constructor (n: number, private readonly onDone: (results: AppliedResult[]) => void, private readonly onError: (err: Error) => void) {
    this.results = new Array<AppliedResult>(n)
    this.left = n
  }

  done (index: number, r: AppliedResult): void {
    this.results[index] = r
    if (--this.left === 0 && !this.settled) {
      this.settled = true
      this.onDone(this.results)
    }
  }

  fail (err: Error): void {
    if (this.settled) return
    this.settled = true
    this.onError(err)
  }
}

interface AckWaiter { seq: number, resolve: () => void, reject: (err: Error) => void }

/**
 * The owner of a queue: the replica that leads the queue's Raft group, for as long as it leads.
 * It stamps its clock into commands, proposes `expire` when a lease deadline or a delay ends, and
 * serves consumer sessions by proposing `lease` commands sized by each consumer's credit, pushing
 * the committed deliveries. A new owner object is made for every leadership term; {@link close}
 * ends it (sessions are told to reconnect).
 *
 * Batching: every command proposed in one event-loop turn (puts, acks, leases, expires) goes into
 * one `batch` log entry, proposed at the end of the turn; each caller still gets its own command's
 * result. Leases the turn's returned credit allows join that same entry.
 *
 * Leasing ahead: pushing only what a lease committed for returned credit puts a whole Raft commit
 * (replication and fsync) into every credit round trip, and with a prefetch of 64 that round trip,
 * not the CPU, bounded a consumer (W1: prefetch 128 was ~20 % faster at less CPU per message).
 * So while a backlog waits (more than {@link LEASE_AHEAD_BACKLOG} ready messages not spoken for),
 * the owner also leases up to two prefetches more (at most {@link LEASE_AHEAD_MAX}) for each
 * session and holds them, pushing them the moment credit returns. Pushes still never exceed the
 * credit. (W1: one prefetch ahead gained the throughput; two keep up with the producer better,
 * put→receive p50 160–220 → 80–100 ms.)
 * A lease held longer than {@link LEASE_AHEAD_MAX_AGE_MS} (a slow consumer) is given back unsent
 * — ready again at once, not counted against `maxDeliveries` — and that session's reserve halves;
 * so does closing a session. An owner that dies holding some leaves leases its successor re-pushes
 * when the session reopens there, or that expire, like any lease it committed and did not push.
 * A successor re-pushes within the session's credit too, holding the rest the same way; but it
 * never gives one of those back unsent: it can't know whether the consumer has it.
 */
export class QueueOwner {
  readonly term: number
  private readonly sessions = new Map<string, Session>()
  private readonly ackWaiters = new Map<string, AckWaiter[]>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerAt = Infinity
  private expiring = false
  private pumpWanted = false
  private turnScheduled = false
  /** Commands for the next batch entry, in proposal order. */
  private batch: Pending[] = []
  private batchBytes = 0
  /** Which session holds each outstanding delivery (by message id). */
  private readonly holders = new Map<string, Session>()
  /** Ready messages already asked for by lease proposals in flight. */
  private reserved = 0
  private closed = false
  private rr = 0
  /** Leases of earlier terms this owner already re-pushed (`id/seq/term/attempt`). */
  private readonly repushed = new Set<string>()
  private repushScheduled = false
  private aheadTimer: ReturnType<typeof setTimeout> | undefined
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

  /**
   * Replicates one command stamped with this owner's clock (in the batch entry of this turn);
   * resolves with its result once applied here.
   */
  async propose (body: CommandBody, meta: Omit<CommandMeta, 'now'> = {}, timeout?: number): Promise<QueueResult> {
    const [r] = await this.proposeAll([body], meta, timeout)
    return r
  }

  /**
   * {@link propose} for several commands at once, in order, in this turn's batch entry: resolves
   * with their results (by position) once all applied here, rejects with the first failure. One
   * promise for all of them — puts and acks arrive by the hundred per request. Throws before
   * queueing anything if one of them is invalid.
   */
  async proposeAll (bodies: CommandBody[], meta: Omit<CommandMeta, 'now'> = {}, timeout?: number): Promise<QueueResult[]> {
    if (bodies.length === 0) return []
    const now = Date.now()
    const encoded = bodies.map(body => encodeCommand({ ...meta, now, ...body } as any))
    const { promise, resolve, reject } = Promise.withResolvers<AppliedResult[]>()
    const sink = new ResultSink(encoded.length, resolve, reject)
    for (let i = 0; i < encoded.length; i++) this.submit({ bytes: encoded[i], timeout, sink, index: i })
    return (await promise).map(r => r.result)
  }

  /** Queues one encoded command for this turn's batch entry; resolves with what applying it gave. */
  private async submitOne (bytes: Uint8Array, timeout?: number): Promise<AppliedResult> {
    const { promise, resolve, reject } = Promise.withResolvers<AppliedResult[]>()
    this.submit({ bytes, timeout, sink: new ResultSink(1, resolve, reject), index: 0 })
    return (await promise)[0]
  }

  /** Queues an encoded command for this turn's batch entry. */
  private submit (p: Pending): void {
    if (this.batch.length > 0 && this.batchBytes + p.bytes.byteLength > BATCH_BYTES) this.flushBatch()
    this.batch.push(p)
    this.batchBytes += p.bytes.byteLength
    if (this.batch.length >= BATCH_COMMANDS) this.flushBatch()
    else this.scheduleTurn()
  }

  /** At the end of this turn: start the leases the turn's credit allows, then propose the batch. */
  private scheduleTurn (): void {
    if (this.turnScheduled) return
    this.turnScheduled = true
    setImmediate(() => {
      this.turnScheduled = false
      if (this.pumpWanted) {
        this.pumpWanted = false
        this.pump()
      }
      this.flushBatch()
    })
  }

  /** Proposes the commands queued so far as one entry (a lone command as itself) and hands each its own result. */
  private flushBatch (): void {
    const items = this.batch
    if (items.length === 0) return
    this.batch = []
    this.batchBytes = 0
    let timeout: number | undefined
    for (const it of items) if (it.timeout !== undefined) timeout = Math.min(timeout ?? Infinity, it.timeout)
    const bytes = items.length === 1 ? items[0].bytes : encodeBatch(items.map(it => it.bytes))
    this.group.propose(bytes, { timeout }).then(r => {
      if (items.length === 1) {
        items[0].sink.done(items[0].index, r)
        return
      }
      // A batch that did not apply as one (it can't: we never exceed its limits) answers each command with its result.
      for (let i = 0; i < items.length; i++) items[i].sink.done(items[i].index, r.parts?.[i] ?? { result: r.result })
    }, (err: Error) => {
      for (const it of items) it.sink.fail(err)
    })
  }

  /** Called by the replica for every applied command. */
  applied (result: QueueResult): void {
    if (this.closed) return
    // A delivery that ended (acked, released, dead-lettered, expired) is no longer outstanding.
    if ((result.command === 'ack' && (result.status === 'acked' || result.status === 'alreadyAcked')) || (result.command === 'nack' && (result.status === 'released' || result.status === 'dead'))) this.untrack(result.id)
    else if (result.command === 'expire') {
      for (const e of result.expired) this.untrack(e.id)
      if (result.expired.length > 0) this.dropAhead(new Set(result.expired.map(e => e.id)))
    }
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

  /**
   * Opens (or reopens with fresh credit) a consumer session of `peer`. `credit` is what the
   * consumer counts as free (prefetch minus what it holds); reopening here, it is also bounded by
   * `prefetch` minus the deliveries this owner pushed to the session and did not get back (some
   * may still be on the wire, and acks on their way return their credit when they arrive).
   */
  openSession (peer: string, session: number, credit: number, prefetch = 0): string {
    const key = `${peer}/${session}`
    const existing = this.sessions.get(key)
    if (existing !== undefined) {
      const free = prefetch > 0 ? Math.min(credit, prefetch - existing.outstanding.size) : credit
      // Leases in flight or held ahead are pushed only within this credit.
      existing.credit = Math.max(0, free)
      if (prefetch > 0) existing.prefetch = prefetch
    } else {
      const aheadLimit = Math.min(LEASE_AHEAD_PREFETCHES * prefetch, LEASE_AHEAD_MAX)
      this.sessions.set(key, { key, peer, session, consumer: key, credit, inFlight: 0, leasing: 0, outstanding: new Map(), ahead: [], aheadLimit, prefetch, closed: false })
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

  /**
   * Acks from consumer session `session` of `peer` arrived (they are being proposed): each names
   * a delivery the consumer no longer holds, so the credit of each one pushed to that session and
   * not given back yet returns to it now, instead of when the ack commits — the next lease
   * overlaps the ack's commit. Counted once per delivery (a retried ack finds it given back
   * already). Returns, per fence, whether its credit was returned here.
   */
  returnCredit (peer: string, session: number, fences: Fence[]): boolean[] {
    const s = this.sessions.get(`${peer}/${session}`)
    if (s === undefined) return fences.map(() => false)
    let n = 0
    const credited = fences.map(f => {
      // Its consumer has done with it: re-pushing that lease (an earlier owner's, not yet acked
      // here) would only take credit the consumer never gives back.
      if (f.consumer === s.consumer && f.term < this.term) this.repushed.add(fenceKey(f))
      if (f.consumer !== s.consumer || s.outstanding.get(f.id) !== fenceKey(f)) return false
      this.untrack(f.id)
      n++
      return true
    })
    if (n > 0) {
      s.credit += n
      this.schedulePump()
    }
    return credited
  }

  closeSession (peer: string, session: number): void {
    const s = this.sessions.get(`${peer}/${session}`)
    if (s === undefined) return
    s.closed = true
    this.sessions.delete(s.key)
    for (const id of s.outstanding.keys()) if (this.holders.get(id) === s) this.holders.delete(id)
    s.outstanding.clear()
    this.giveBack(s.ahead.splice(0))
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
    clearTimeout(this.aheadTimer)
    this.aheadTimer = undefined
    for (const s of this.sessions.values()) {
      s.closed = true
      this.pushTo(s.peer, { session: s.session, queue: this.placement().queue, deliveries: [], closed: true, reason, leaderHint })
    }
    this.sessions.clear()
    this.holders.clear()
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
   * is re-pushed at most once per owner, within the session's credit: the rest is held ahead and
   * pushed as credit returns (the consumer may hold some already and gives their credit back).
   */
  private repush (): void {
    if (this.closed || this.sessions.size === 0) return
    const bySession = new Map<string, DeliveryMsg[]>()
    for (const d of this.sm.leased()) {
      if (d.term >= this.term) continue
      const s = this.sessions.get(d.consumer)
      if (s === undefined) continue
      const k = fenceKey(d)
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
      // Older than anything this owner leased: first in line.
      const at = Date.now()
      s.ahead.unshift(...deliveries.map(delivery => ({ delivery, at })))
      this.drain(s)
    }
  }

  private schedulePump (): void {
    if (this.pumpWanted || this.closed) return
    this.pumpWanted = true
    this.scheduleTurn()
  }

  /** `d` was pushed to `s`: outstanding until its ack arrives or its lease ends. */
  private track (s: Session, d: DeliveryMsg): void {
    const id = d.fence!.id
    const prev = this.holders.get(id)
    if (prev !== undefined && prev !== s) prev.outstanding.delete(id)
    this.holders.set(id, s)
    s.outstanding.set(id, fenceKey(d.fence!))
  }

  private untrack (id: string): void {
    const s = this.holders.get(id)
    if (s === undefined) return
    this.holders.delete(id)
    s.outstanding.delete(id)
  }

  /**
   * Pushes what sessions hold ahead as far as their credit goes, then starts one lease proposal
   * for every session with credit not yet covered, while ready messages are not yet spoken for;
   * from a backlog, those proposals also lease ahead.
   */
  private pump (): void {
    if (this.closed) return
    const sessions = [...this.sessions.values()]
    for (const s of sessions) this.drain(s)
    let available = this.sm.stats().ready - this.reserved
    if (available <= 0) return
    // Round-robin start, so one busy consumer does not always go first.
    const start = sessions.length === 0 ? 0 : this.rr++ % sessions.length
    const order = sessions.map((_, i) => sessions[(start + i) % sessions.length])
    const plan = new Map<Session, number>()
    for (const s of order) {
      if (available <= 0) break
      // Credit returned while a lease is in flight starts another lease at once (pipelined), instead
      // of waiting a whole commit for the first; a few at most, so small grants still batch up.
      if (s.leasing >= MAX_LEASES_IN_FLIGHT) continue
      const uncovered = s.credit - s.inFlight - s.ahead.length
      if (uncovered <= 0) continue
      const n = Math.min(uncovered, available, LEASE_BATCH)
      plan.set(s, n)
      available -= n
    }
    for (const s of order) {
      if (available <= LEASE_AHEAD_BACKLOG) break
      if (s.leasing >= MAX_LEASES_IN_FLIGHT) continue
      const planned = plan.get(s) ?? 0
      // Leased and not pushed, in all, up to the credit plus the reserve.
      const room = s.credit + s.aheadLimit - (s.inFlight + s.ahead.length + planned)
      const n = Math.min(room, available - LEASE_AHEAD_BACKLOG, LEASE_BATCH - planned)
      if (n <= 0) continue
      plan.set(s, planned + n)
      available -= n
    }
    for (const [s, n] of plan) void this.lease(s, n)
  }

  private async lease (s: Session, n: number): Promise<void> {
    s.leasing++
    s.inFlight += n
    this.reserved += n
    let deliveries: DeliveryMsg[] = []
    let failed = false
    try {
      const leaseMs = Math.max(1, this.placement().settings.ackTimeoutMs)
      const bytes = encodeCommand({ now: Date.now(), lease: { consumer: s.consumer, count: n, leaseMs } })
      const applied = await this.submitOne(bytes)
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
    if (deliveries.length > 0) {
      const at = Date.now()
      const held = deliveries.map(delivery => ({ delivery, at }))
      if (s.closed) {
        this.giveBack(held)
      } else {
        for (const a of held) s.ahead.push(a)
        this.drain(s)
        if (s.ahead.length > 0) this.armAheadTimer()
      }
    }
    if (failed) setTimeout(() => { this.schedulePump() }, 50) // e.g. a leadership transfer: don't spin
    else this.schedulePump()
  }

  /** Pushes, oldest first, what `s` holds ahead as far as its credit goes. */
  private drain (s: Session): void {
    if (s.closed || s.ahead.length === 0 || s.credit <= 0) return
    const now = Date.now()
    const out: DeliveryMsg[] = []
    while (out.length < s.credit && s.ahead.length > 0) {
      const a = s.ahead.shift() as AheadLease
      // Skipped if its lease ended while held: expired (an ack timeout shorter than the hold), or
      // acked or released by a consumer that had it from an earlier owner.
      if (a.delivery.deadline > now && this.sm.holdsLease(a.delivery.fence!)) out.push(a.delivery)
    }
    s.credit -= out.length
    if (out.length > 0) this.push(s, out)
    // The reserve ran dry with credit to spare: it was too small for this consumer.
    if (s.ahead.length === 0 && s.credit > 0) s.aheadLimit = Math.min(LEASE_AHEAD_PREFETCHES * s.prefetch, LEASE_AHEAD_MAX, Math.max(1, s.aheadLimit * 2))
  }

  /** Forgets held leases that expired (`ids`): their messages are being redelivered. */
  private dropAhead (ids: Set<string>): void {
    for (const s of this.sessions.values()) {
      if (s.ahead.length > 0) s.ahead = s.ahead.filter(a => !ids.has(a.delivery.fence!.id))
    }
  }

  /**
   * Gives held leases back, unsent: ready again at once, and not a delivery. Only this owner's:
   * an earlier owner may have pushed one (the consumer may hold it), so those are left to expire.
   */
  private giveBack (held: AheadLease[]): void {
    const mine = held.filter(a => this.leasedHere(a))
    if (mine.length === 0 || this.closed) return
    const bodies = mine.map(a => ({ nack: { ...fenceOf(a.delivery.fence!), unsent: true } }))
    this.proposeAll(bodies).catch((err: Error) => {
      // Not leader any more: the next owner re-pushes them to the session, or they expire.
      this.log('giving back %d leases held ahead failed: %s', bodies.length, err.message)
    })
  }

  /** Checks held leases for age while any are held. */
  private armAheadTimer (): void {
    if (this.aheadTimer !== undefined || this.closed) return
    const maxAge = this.aheadMaxAge()
    this.aheadTimer = setTimeout(() => {
      this.aheadTimer = undefined
      if (this.closed) return
      const now = Date.now()
      let holding = false
      for (const s of this.sessions.values()) {
        const stale = s.ahead.filter(a => this.leasedHere(a) && now - a.at >= maxAge)
        if (stale.length > 0) {
          // A slow consumer: what it would take next waits here while others could serve it.
          const gone = new Set(stale)
          s.ahead = s.ahead.filter(a => !gone.has(a))
          this.giveBack(stale)
          s.aheadLimit = Math.floor(s.aheadLimit / 2)
        }
        if (s.ahead.some(a => this.leasedHere(a))) holding = true
      }
      if (holding) this.armAheadTimer()
    }, Math.max(1, Math.ceil(maxAge / 2)))
  }

  /** Leased by this owner (not an earlier owner's lease re-pushed here): only those may go back unsent. */
  private leasedHere (a: AheadLease): boolean {
    return a.delivery.fence!.term === this.term
  }

  private aheadMaxAge (): number {
    return Math.max(1, Math.min(LEASE_AHEAD_MAX_AGE_MS, Math.floor(this.placement().settings.ackTimeoutMs / 4)))
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
      if (!s.closed) this.track(s, d)
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

function fenceKey (f: { id: string, seq: number, term: number, attempt: number }): string {
  return `${f.id}/${f.seq}/${f.term}/${f.attempt}`
}

/** A fence from its wire form. */
export function fenceOf (f: { id: string, seq: number, consumer: string, term: number, attempt: number }): Fence {
  return { id: f.id, seq: f.seq, consumer: f.consumer, term: f.term, attempt: f.attempt }
}
