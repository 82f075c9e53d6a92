import { ApplyOrderError, SnapshotFormatError } from '../errors.js'
import { decodeCommandOnce } from './commands.js'
import { Fifo } from './fifo.js'
import { IndexedHeap } from './heap.js'
import { OrderedMap } from './ordered-map.js'
import { QueueSnapshot } from './queue-state.js'
import { encodeSnapshot, encodeSnapshotInSlices } from './snapshot-codec.js'
import type { SnapshotMessage, SnapshotSource } from './snapshot-codec.js'
import { DEFAULT_QUEUE_CONFIG, HISTORY_LIMIT } from './types.js'
import type { DecodedBody, DecodedCommand } from './commands.js'
import type { MessageRecord } from './queue-state.js'
import type {
  AckResult, CommandName, ConfigureResult, DeadMessageView, DeadReason, Delivery, DeliveryHistory,
  ExpireResult, ExpiredLease, ExtendResult, Fence, LeaseResult, MessageState, MessageView, NackResult,
  PurgeResult, PutResult, QueueConfig, QueueResult, QueueStateStats, QueueTotals, RequeueResult, StaleResult
} from './types.js'

/**
 * A committed Raft log entry as the driver hands it over. `type` other than `'normal'` (a new
 * leader's no-op, a membership change) advances the applied index and changes nothing else.
 */
export interface AppliedEntry {
  index: number
  term: number
  data: Uint8Array
  type?: 'normal' | 'config' | 'noop'
}

interface Lease {
  consumer: string
  term: number
  attempt: number
  deadline: number
  leasedAt: number
}

/** A stored message; lives in exactly one of fresh / redeliver / delayed / leases / dead. */
interface Msg {
  id: string
  seq: number
  payload: Uint8Array
  producer: string
  enqueuedAt: number
  delayUntil: number
  maxDeliveries: number | undefined
  attempt: number
  deliveries: number
  state: MessageState
  lease: Lease | null
  history: DeliveryHistory[]
  deadReason: DeadReason | ''
  deadAt: number
  heapIndex: number
}

interface AckedRecord {
  seq: number
  consumer: string
  term: number
  attempt: number
  at: number
}

interface Session {
  floor: number
  lastSeen: number
  /**
   * requestId → the result, as returned the first time (results are values: nothing that receives
   * one writes to it). A retry gets a JSON copy, i.e. what a restored snapshot would give.
   */
  results: OrderedMap<number, QueueResult>
}

const emptyTotals = (): QueueTotals => ({
  put: 0, duplicates: 0, rejectedFull: 0, delivered: 0, acked: 0, expired: 0, nacked: 0, deadLettered: 0, deadDropped: 0, stale: 0
})

const byDelay = (a: Msg, b: Msg): boolean => a.delayUntil < b.delayUntil || (a.delayUntil === b.delayUntil && a.seq < b.seq)
const byDeadline = (a: Msg, b: Msg): boolean => {
  const da = (a.lease as Lease).deadline
  const db = (b.lease as Lease).deadline
  return da < db || (da === db && a.seq < b.seq)
}

/**
 * The replicated state machine of one queue: every replica applies the same committed commands in
 * the same order and reaches the same state, byte for byte in {@link snapshot}. It does no I/O and
 * never reads a clock (time comes in each command's `now`), so it is deterministic.
 *
 * What it guarantees, given commands applied in log order:
 * - **Dedup**: a put whose id is still stored (queued, leased or dead-lettered) or was put within
 *   `dedupWindowMs` is not stored again; it answers `{ duplicate: true, seq }` of the first.
 * - **One holder**: a message is leased to at most one consumer at a time. A lease ends only by an
 *   ack, a nack or an `expire` at/after its deadline; only then can the message be leased again.
 *   Until an `expire` commits, the holder's ack is still valid, even past the deadline: nobody
 *   else can hold the message yet.
 * - **Fences**: ack / nack / extend take effect only with the delivery's exact fence (id, seq,
 *   consumer, term, attempt); anything else is answered `stale` (or `notFound`) and changes nothing.
 * - **Exactly-once removal**: the first valid ack removes the message; the same delivery's ack
 *   again answers `alreadyAcked` (remembered like dedup ids), any other delivery's `stale`.
 * - **Order**: first deliveries in the order messages became ready (put order, delayed ones when
 *   their delay ends); released messages are redelivered before fresh ones, in release order.
 * - **Batches**: a `batch` entry applies its commands in order, each exactly as if it were an
 *   entry of its own (its own clock, session and result): a batch changes what is replicated
 *   together, never what a command does.
 * - **Retries**: a command with (client, requestId) already applied returns the original result.
 *   Every command is also safe to apply twice (puts dedup by id, acks by fence, a second lease
 *   only hands out more messages), so a forgotten session costs efficiency, never safety.
 *
 * Costs: put, ack, nack, extend O(log n); lease O(k log n) for k messages; expire O(k log n) for k
 * due leases; snapshot O(n log n).
 */
export class QueueStateMachine {
  private config: QueueConfig
  private lastIndex = 0
  private lastTerm = 0
  private clock = 0
  /**
   * No dedup id, acked delivery or session expires before this time (0: unknown). Entries are kept
   * in time order, so the oldest of each decides; pruning is skipped until then (it ran for every
   * command on every replica, and found nothing to do almost every time).
   */
  private windowsExpireAt = 0
  private nextSeq = 1
  private bytes = 0
  private deadBytes = 0
  private totals: QueueTotals = emptyTotals()
  /** Every stored message (live or dead) by id. */
  private readonly messages = new Map<string, Msg>()
  private readonly fresh = new Fifo<Msg>()
  private readonly redeliver = new Fifo<Msg>()
  private readonly delayed = new IndexedHeap<Msg>(byDelay)
  private readonly leases = new IndexedHeap<Msg>(byDeadline)
  /** Dead-lettered messages, oldest first (Map keeps insertion order: the eviction order). */
  private readonly dead = new OrderedMap<string, Msg>()
  /** id → put; oldest first (time only moves forward, so insertion order is time order). */
  private readonly dedup = new OrderedMap<string, { seq: number, at: number }>()
  /** id → the delivery whose ack removed it; oldest first. */
  private readonly acked = new OrderedMap<string, AckedRecord>()
  /** client → session; least recently active first. */
  private readonly sessions = new OrderedMap<string, Session>()

  /**
   * @param config initial limits; every replica of a queue must start from the same ones (later
   *   changes go through the `configure` command).
   */
  constructor (config: Partial<QueueConfig> = {}) {
    this.config = { ...DEFAULT_QUEUE_CONFIG, ...config }
  }

  // ---- apply --------------------------------------------------------------------------------------

  /**
   * Apply one committed entry. Never throws for anything in `data` (a bad command is answered
   * `invalid` and changes nothing); throws {@link ApplyOrderError} only if the driver applies an
   * index twice or goes back in term, which would be a bug in the driver.
   * @param each called with each command's result right after it is applied (for a batch: once
   *   per command, before the next one applies), e.g. to read a lease's payloads at that point.
   */
  apply (entry: AppliedEntry, each?: (result: QueueResult) => void): QueueResult {
    if (entry.index <= this.lastIndex) throw new ApplyOrderError(entry.index, this.lastIndex)
    if (entry.term < this.lastTerm) throw new ApplyOrderError(entry.index, this.lastIndex)
    this.lastIndex = entry.index
    this.lastTerm = entry.term
    if (entry.type !== undefined && entry.type !== 'normal') return this.report({ command: 'noop', status: 'ok' }, each)
    return this.applyCommand(entry.data, entry.term, each)
  }

  /**
   * One command of the entry of `term`. A batch applies its commands one after the other exactly
   * as if each were an entry of its own (clock, client session, result); one inside a batch may
   * not be a batch itself.
   */
  private applyCommand (data: Uint8Array, term: number, each: ((result: QueueResult) => void) | undefined, inBatch = false): QueueResult {
    let cmd: DecodedCommand
    try {
      cmd = decodeCommandOnce(data)
    } catch (err) {
      const attempted = (err as { command?: CommandName }).command ?? 'unknown'
      return this.report({ command: 'invalid', status: 'invalid', attempted, message: err instanceof Error ? err.message : String(err) }, each)
    }
    if (cmd.body.type === 'batch') {
      if (inBatch) return this.report({ command: 'invalid', status: 'invalid', attempted: 'batch', message: 'batch: a batch inside a batch' }, each)
      const results: QueueResult[] = []
      for (const c of cmd.body.commands) results.push(this.applyCommand(c, term, each, true))
      return { command: 'batch', status: 'ok', results }
    }
    return this.report(this.applySession(cmd, term), each)
  }

  private report (result: QueueResult, each: ((result: QueueResult) => void) | undefined): QueueResult {
    each?.(result)
    return result
  }

  private applySession (cmd: DecodedCommand, term: number): QueueResult {
    this.advance(cmd.now)

    if (cmd.client === '' || cmd.requestId === 0) return this.execute(cmd.body, term)

    // Client session: a retried request answers with its original result (raft mistake 13).
    const session = this.sessions.get(cmd.client) ?? { floor: 0, lastSeen: 0, results: new OrderedMap<number, QueueResult>() }
    this.sessions.moveToBack(cmd.client, session) // most recently active last
    session.lastSeen = this.clock
    this.windowsExpireAt = Math.min(this.windowsExpireAt, this.clock + this.config.sessionTtlMs)
    this.pruneSessions()
    if (cmd.firstIncomplete > 0) {
      for (let e = session.results.oldest(); e !== undefined && e.key < cmd.firstIncomplete; e = session.results.oldest()) {
        session.results.delete(e.key)
      }
      session.floor = Math.max(session.floor, cmd.firstIncomplete - 1)
    }
    const cached = session.results.get(cmd.requestId)
    // A copy as the snapshot would restore it (JSON), so a retry answers the same before and after one.
    if (cached !== undefined) return JSON.parse(JSON.stringify(cached)) as QueueResult
    if (cmd.requestId <= session.floor) {
      return { command: 'requestExpired', status: 'requestExpired', attempted: cmd.body.type, client: cmd.client, requestId: cmd.requestId }
    }
    const result = this.execute(cmd.body, term)
    session.results.set(cmd.requestId, result)
    while (session.results.size > this.config.maxResultsPerClient) {
      const oldest = (session.results.oldest() as { key: number }).key
      session.results.delete(oldest)
      session.floor = Math.max(session.floor, oldest)
    }
    return result
  }

  private execute (body: DecodedBody, term: number): QueueResult {
    switch (body.type) {
      case 'put': return this.put(body)
      case 'lease': return this.lease(body.consumer, body.count, body.leaseMs, term)
      case 'ack': return this.ack(body.fence)
      case 'nack': return this.nack(body.fence, body.delayMs, body.deadLetter, body.unsent)
      case 'extend': return this.extend(body.fence, body.ms)
      case 'expire': return this.expire(body.max)
      case 'requeueDead': return this.requeueDead(body.ids, body.all)
      case 'purge': return this.purge(body.dead)
      case 'configure': return this.configure(body.config)
      case 'batch': return { command: 'invalid', status: 'invalid', attempted: 'batch', message: 'batch: a batch inside a batch' } // (applyCommand handles batches)
    }
  }

  /** Move time forward (never back), release due delays and forget what fell out of its window. */
  private advance (now: number): void {
    if (now > this.clock) this.clock = now
    for (let m = this.delayed.peek(); m !== undefined && m.delayUntil <= this.clock; m = this.delayed.peek()) {
      this.delayed.pop()
      m.delayUntil = 0
      m.state = 'ready'
      // A message never delivered joins the first-delivery FIFO when its delay ends.
      if (m.attempt === 0) this.fresh.push(m)
      else this.redeliver.push(m)
    }
    this.pruneWindows()
  }

  private pruneWindows (): void {
    const { dedupWindowMs, maxDedupEntries, sessionTtlMs, maxSessions } = this.config
    if (this.clock < this.windowsExpireAt && this.dedup.size <= maxDedupEntries && this.acked.size <= maxDedupEntries && this.sessions.size <= maxSessions) return
    for (let e = this.dedup.oldest(); e !== undefined && (e.value.at + dedupWindowMs <= this.clock || this.dedup.size > maxDedupEntries); e = this.dedup.oldest()) {
      this.dedup.delete(e.key)
    }
    // An acked delivery is remembered as long as a put of its id would be deduplicated.
    for (let e = this.acked.oldest(); e !== undefined && (e.value.at + dedupWindowMs <= this.clock || this.acked.size > maxDedupEntries); e = this.acked.oldest()) {
      this.acked.delete(e.key)
    }
    this.pruneSessions()
    const d = this.dedup.oldest()
    const a = this.acked.oldest()
    const s = this.sessions.oldest()
    this.windowsExpireAt = Math.min(d === undefined ? Infinity : d.value.at + dedupWindowMs, a === undefined ? Infinity : a.value.at + dedupWindowMs, s === undefined ? Infinity : s.value.lastSeen + sessionTtlMs)
  }

  private pruneSessions (): void {
    const { sessionTtlMs, maxSessions } = this.config
    for (let e = this.sessions.oldest(); e !== undefined && (e.value.lastSeen + sessionTtlMs <= this.clock || this.sessions.size > maxSessions); e = this.sessions.oldest()) {
      this.sessions.delete(e.key)
    }
  }

  // ---- commands -----------------------------------------------------------------------------------

  private put (p: Extract<DecodedBody, { type: 'put' }>): PutResult {
    const existing = this.messages.get(p.id)
    const seen = existing ?? this.dedup.get(p.id)
    if (seen !== undefined) {
      this.totals.duplicates++
      return { command: 'put', status: 'ok', id: p.id, seq: seen.seq, duplicate: true }
    }
    const size = p.payload.byteLength
    const length = this.length()
    const full = (reason: 'maxLength' | 'maxBytes' | 'tooLarge'): PutResult => {
      this.totals.rejectedFull++
      return { command: 'put', status: 'full', id: p.id, reason, length, bytes: this.bytes }
    }
    if (size > this.config.maxBytes) return full('tooLarge')
    if (length >= this.config.maxLength) return full('maxLength')
    if (this.bytes + size > this.config.maxBytes) return full('maxBytes')

    const m: Msg = {
      id: p.id,
      seq: this.nextSeq++,
      payload: p.payload,
      producer: p.producer,
      enqueuedAt: this.clock,
      delayUntil: p.delayUntil > this.clock ? p.delayUntil : 0,
      maxDeliveries: p.maxDeliveries,
      attempt: 0,
      deliveries: 0,
      state: 'ready',
      lease: null,
      history: [],
      deadReason: '',
      deadAt: 0,
      heapIndex: -1
    }
    this.messages.set(m.id, m)
    this.bytes += size
    this.dedup.moveToBack(m.id, { seq: m.seq, at: this.clock }) // insertion order = time order
    this.windowsExpireAt = Math.min(this.windowsExpireAt, this.clock + this.config.dedupWindowMs)
    this.pruneWindows()
    if (m.delayUntil > 0) {
      m.state = 'delayed'
      this.delayed.push(m)
    } else {
      this.fresh.push(m)
    }
    this.totals.put++
    return { command: 'put', status: 'ok', id: m.id, seq: m.seq, duplicate: false }
  }

  private lease (consumer: string, count: number, leaseMs: number, term: number): LeaseResult {
    const deliveries: Delivery[] = []
    while (deliveries.length < count) {
      // Redeliveries first: they are older than anything in the fresh FIFO.
      const m = this.redeliver.shift() ?? this.fresh.shift()
      if (m === undefined) break
      m.attempt++
      m.deliveries++
      m.state = 'leased'
      m.lease = { consumer, term, attempt: m.attempt, deadline: this.clock + leaseMs, leasedAt: this.clock }
      this.leases.push(m)
      deliveries.push({
        id: m.id, seq: m.seq, consumer, term, attempt: m.attempt, deadline: m.lease.deadline, producer: m.producer, enqueuedAt: m.enqueuedAt
      })
    }
    this.totals.delivered += deliveries.length
    return { command: 'lease', status: 'ok', consumer, deliveries }
  }

  private holds (m: Msg, f: Fence): boolean {
    const l = m.lease
    return m.state === 'leased' && l !== null && m.seq === f.seq && l.consumer === f.consumer && l.term === f.term && l.attempt === f.attempt
  }

  /**
   * Why `f` does not hold its message: stale with a reason, `alreadyAcked` when `f` is the
   * delivery whose ack already committed, or not found.
   */
  private refuse<C extends 'ack' | 'nack' | 'extend'> (command: C, f: Fence): StaleResult<C> | { command: C, status: 'notFound', id: string } | { command: 'ack', status: 'alreadyAcked', id: string, seq: number } {
    const a = this.acked.get(f.id)
    if (a !== undefined && a.seq === f.seq && a.consumer === f.consumer && a.term === f.term && a.attempt === f.attempt) {
      if (command === 'ack') return { command: 'ack', status: 'alreadyAcked', id: f.id, seq: f.seq }
      return this.stale(command, f.id, 'acked')
    }
    const m = this.messages.get(f.id)
    if (m !== undefined && m.seq === f.seq) {
      return this.stale(command, f.id, m.state === 'dead' ? 'dead' : m.state === 'leased' ? 'fence' : 'notLeased')
    }
    if (m !== undefined) return this.stale(command, f.id, 'fence') // another incarnation of the id
    if (a !== undefined) return this.stale(command, f.id, 'acked')
    return { command, status: 'notFound', id: f.id }
  }

  private stale<C extends 'ack' | 'nack' | 'extend'> (command: C, id: string, reason: StaleResult<C>['reason']): StaleResult<C> {
    this.totals.stale++
    return { command, status: 'stale', id, reason }
  }

  private ack (f: Fence): AckResult {
    const m = this.messages.get(f.id)
    if (m === undefined || !this.holds(m, f)) return this.refuse('ack', f) as AckResult
    this.leases.remove(m)
    this.messages.delete(m.id)
    this.bytes -= m.payload.byteLength
    this.acked.moveToBack(m.id, { seq: m.seq, consumer: f.consumer, term: f.term, attempt: f.attempt, at: this.clock })
    this.windowsExpireAt = Math.min(this.windowsExpireAt, this.clock + this.config.dedupWindowMs)
    this.pruneWindows()
    this.totals.acked++
    return { command: 'ack', status: 'acked', id: m.id, seq: m.seq }
  }

  private nack (f: Fence, delayMs: number, deadLetter: boolean, unsent: boolean): NackResult {
    const m = this.messages.get(f.id)
    if (m === undefined || !this.holds(m, f)) return this.refuse('nack', f) as NackResult
    if (unsent) {
      // No consumer ever saw this lease: not a delivery (no history, budget given back).
      this.leases.remove(m)
      m.lease = null
      m.deliveries = Math.max(0, m.deliveries - 1)
      this.totals.delivered--
      m.state = 'ready'
      this.redeliver.push(m)
      return { command: 'nack', status: 'released', id: m.id, seq: m.seq, readyAt: this.clock }
    }
    this.totals.nacked++
    this.endLease(m, deadLetter ? 'rejected' : 'nacked')
    if (deadLetter) {
      this.toDead(m, 'rejected')
      return { command: 'nack', status: 'dead', id: m.id, seq: m.seq, reason: 'rejected' }
    }
    if (this.exhausted(m)) {
      this.toDead(m, 'maxDeliveries')
      return { command: 'nack', status: 'dead', id: m.id, seq: m.seq, reason: 'maxDeliveries' }
    }
    if (delayMs > 0) {
      m.state = 'delayed'
      m.delayUntil = this.clock + delayMs
      this.delayed.push(m)
    } else {
      m.state = 'ready'
      this.redeliver.push(m)
    }
    return { command: 'nack', status: 'released', id: m.id, seq: m.seq, readyAt: delayMs > 0 ? m.delayUntil : this.clock }
  }

  private extend (f: Fence, ms: number): ExtendResult {
    const m = this.messages.get(f.id)
    if (m === undefined || !this.holds(m, f)) return this.refuse('extend', f) as ExtendResult
    const lease = m.lease as Lease
    // Renewal never shortens a lease: a late-arriving extend with a small `ms` cannot pull the
    // deadline in (and histories can take the largest deadline seen as the lease's end).
    lease.deadline = Math.max(lease.deadline, this.clock + ms)
    this.leases.update(m)
    return { command: 'extend', status: 'extended', id: m.id, deadline: lease.deadline }
  }

  private expire (max: number): ExpireResult {
    const expired: ExpiredLease[] = []
    for (let m = this.leases.peek(); m !== undefined && (m.lease as Lease).deadline <= this.clock; m = this.leases.peek()) {
      if (max > 0 && expired.length >= max) break
      const lease = m.lease as Lease
      this.endLease(m, 'expired')
      const dead = this.exhausted(m)
      if (dead) {
        this.toDead(m, 'maxDeliveries')
      } else {
        m.state = 'ready'
        this.redeliver.push(m)
      }
      expired.push({ id: m.id, seq: m.seq, consumer: lease.consumer, term: lease.term, attempt: lease.attempt, dead })
    }
    this.totals.expired += expired.length
    const next = this.leases.peek()
    return { command: 'expire', status: 'ok', expired, more: next !== undefined && (next.lease as Lease).deadline <= this.clock }
  }

  private requeueDead (ids: string[], all: boolean): RequeueResult {
    const requeued: string[] = []
    const missing: string[] = []
    for (const id of all ? [...this.dead.keys()] : ids) {
      const m = this.dead.get(id)
      if (m === undefined) {
        missing.push(id)
        continue
      }
      this.dead.delete(id)
      this.deadBytes -= m.payload.byteLength
      this.bytes += m.payload.byteLength
      // The delivery budget starts again; `attempt` does not, so no old fence can ever match again.
      m.deliveries = 0
      m.deadReason = ''
      m.deadAt = 0
      m.state = 'ready'
      this.redeliver.push(m)
      requeued.push(id)
    }
    return { command: 'requeueDead', status: 'ok', requeued, missing }
  }

  private purge (dead: boolean): PurgeResult {
    let removed = 0
    if (dead) {
      for (const m of this.dead.values()) this.messages.delete(m.id)
      removed = this.dead.size
      this.dead.clear()
      this.deadBytes = 0
    } else {
      for (const m of [...this.fresh, ...this.redeliver, ...this.delayed.values()]) {
        this.messages.delete(m.id)
        this.bytes -= m.payload.byteLength
        m.heapIndex = -1
        removed++
      }
      this.fresh.clear()
      this.redeliver.clear()
      this.delayed.clear()
    }
    return { command: 'purge', status: 'ok', removed }
  }

  private configure (config: Partial<QueueConfig>): ConfigureResult {
    this.config = { ...this.config, ...config }
    this.windowsExpireAt = 0 // windows may have shrunk
    this.pruneWindows()
    this.trimDead()
    return { command: 'configure', status: 'ok', config: { ...this.config } }
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private exhausted (m: Msg): boolean {
    const limit = m.maxDeliveries ?? this.config.maxDeliveries
    return limit > 0 && m.deliveries >= limit
  }

  private endLease (m: Msg, outcome: DeliveryHistory['outcome']): void {
    const l = m.lease as Lease
    this.leases.remove(m)
    m.history.push({ attempt: l.attempt, consumer: l.consumer, term: l.term, leasedAt: l.leasedAt, deadline: l.deadline, endedAt: this.clock, outcome })
    if (m.history.length > HISTORY_LIMIT) m.history.shift()
    m.lease = null
  }

  private toDead (m: Msg, reason: DeadReason): void {
    m.state = 'dead'
    m.deadReason = reason
    m.deadAt = this.clock
    this.bytes -= m.payload.byteLength
    this.deadBytes += m.payload.byteLength
    this.dead.set(m.id, m)
    this.totals.deadLettered++
    this.trimDead()
  }

  private trimDead (): void {
    for (let e = this.dead.oldest(); e !== undefined && this.dead.size > this.config.maxDead; e = this.dead.oldest()) {
      const m = e.value
      this.dead.delete(m.id)
      this.messages.delete(m.id)
      this.deadBytes -= m.payload.byteLength
      this.totals.deadDropped++
    }
  }

  private length (): number {
    return this.fresh.length + this.redeliver.length + this.delayed.size + this.leases.size
  }

  // ---- queries (read-only) -----------------------------------------------------------------------

  /** Index of the last applied entry (0 before any). */
  get appliedIndex (): number {
    return this.lastIndex
  }

  /** The state machine's time: the largest `now` applied so far. */
  get now (): number {
    return this.clock
  }

  /** The current limits. */
  get limits (): Readonly<QueueConfig> {
    return { ...this.config }
  }

  stats (): QueueStateStats {
    return {
      ready: this.fresh.length + this.redeliver.length,
      leased: this.leases.size,
      delayed: this.delayed.size,
      dead: this.dead.size,
      length: this.length(),
      bytes: this.bytes,
      deadBytes: this.deadBytes,
      lastIndex: this.lastIndex,
      lastTerm: this.lastTerm,
      clock: this.clock,
      dedupEntries: this.dedup.size,
      sessions: this.sessions.size,
      totals: { ...this.totals }
    }
  }

  /** A stored message (queued, leased or dead) with its payload, or undefined. */
  get (id: string): MessageView | undefined {
    const m = this.messages.get(id)
    return m === undefined ? undefined : view(m)
  }

  /** Whether the delivery `f` names still holds its message (leased, with that very fence). */
  holdsLease (f: Fence): boolean {
    const m = this.messages.get(f.id)
    return m !== undefined && this.holds(m, f)
  }

  /** The payload of a stored message (queued, leased or dead), without building a whole view. */
  payloadOf (id: string): Uint8Array | undefined {
    return this.messages.get(id)?.payload
  }

  /** Up to `limit` dead-lettered messages, oldest first, with reason and delivery history. */
  peekDead (limit = 100): DeadMessageView[] {
    const out: DeadMessageView[] = []
    for (const m of this.dead.values()) {
      if (out.length >= limit) break
      out.push({ ...view(m), state: 'dead', reason: m.deadReason as DeadReason, deadAt: m.deadAt })
    }
    return out
  }

  /** Every current lease, earliest deadline first (what a new owner needs to know who holds what). */
  leased (): Delivery[] {
    return this.leases.sorted().map(m => {
      const l = m.lease as Lease
      return { id: m.id, seq: m.seq, consumer: l.consumer, term: l.term, attempt: l.attempt, deadline: l.deadline, producer: m.producer, enqueuedAt: m.enqueuedAt }
    })
  }

  /** Earliest lease deadline: when the owner should next propose `expire`. */
  nextLeaseDeadline (): number | undefined {
    return this.leases.peek()?.lease?.deadline
  }

  /** Earliest end of a delay: when a delayed message becomes ready (once a command with `now` ≥ it applies). */
  nextDelayReady (): number | undefined {
    return this.delayed.peek()?.delayUntil
  }

  // ---- snapshot ------------------------------------------------------------------------------------

  /**
   * The whole state as a `QueueSnapshot` protobuf (see queue-state.proto). Canonical: two replicas
   * in the same state produce the same bytes, whatever the internal layout of their heaps.
   */
  snapshot (): Uint8Array {
    return encodeSnapshot(this.snapshotSource(false))
  }

  /**
   * The same bytes as {@link snapshot} would give now, serialized a few milliseconds at a time
   * while this machine goes on applying commands. What is copied now is what can change: each
   * stored message's fields and the order of the windows (a window's values are replaced, never
   * changed); payloads and the rest are shared. Copying is a fraction of encoding: a 5.7 MB
   * snapshot held the event loop of every replica 170–210 ms at once in W1 on a warm cluster.
   */
  async snapshotInSlices (sliceMs?: number): Promise<Uint8Array> {
    return await encodeSnapshotInSlices(this.snapshotSource(true), sliceMs)
  }

  /** What the snapshot holds: the live collections, or (`copy`) a copy that later applies leave alone. */
  private snapshotSource (copy: boolean): SnapshotSource {
    const messages = (list: Iterable<Msg>): Iterable<SnapshotMessage> => copy ? Array.from(list, copyMessage) : list
    return {
      lastIndex: this.lastIndex,
      lastTerm: this.lastTerm,
      clock: this.clock,
      nextSeq: this.nextSeq,
      config: { ...this.config },
      fresh: messages(this.fresh),
      redeliver: messages(this.redeliver),
      delayed: messages(this.delayed.sorted()),
      leased: messages(this.leases.sorted()),
      dead: messages([...this.dead.values()]),
      dedup: copy ? this.dedup.entries() : this.dedup,
      acked: copy ? this.acked.entries() : this.acked,
      sessions: [...this.sessions].map(([client, s]) => ({
        client,
        floor: s.floor,
        lastSeen: s.lastSeen,
        results: [...s.results].map(([requestId, result]) => ({ requestId, json: JSON.stringify(result) }))
      })),
      totals: { ...this.totals }
    }
  }

  /** Rebuild a state machine from {@link snapshot} bytes. Throws {@link SnapshotFormatError}. */
  static restore (bytes: Uint8Array): QueueStateMachine {
    let s: QueueSnapshot
    try {
      s = QueueSnapshot.decode(bytes)
    } catch (err) {
      throw new SnapshotFormatError('undecodable queue snapshot', { cause: err })
    }
    if (s.version !== 1) throw new SnapshotFormatError(`unsupported queue snapshot version ${s.version}`)
    if (s.config === undefined || s.totals === undefined) throw new SnapshotFormatError('queue snapshot lacks config or totals')
    const sm = new QueueStateMachine(s.config)
    sm.lastIndex = s.lastIndex
    sm.lastTerm = s.lastTerm
    sm.clock = s.clock
    sm.nextSeq = s.nextSeq
    sm.totals = { ...s.totals }
    const load = (r: MessageRecord, state: MessageState): Msg => {
      if (sm.messages.has(r.id)) throw new SnapshotFormatError(`queue snapshot holds message "${r.id}" twice`)
      if ((state === 'leased') !== (r.lease !== undefined)) throw new SnapshotFormatError(`queue snapshot: lease of "${r.id}" inconsistent`)
      const m: Msg = {
        id: r.id,
        seq: r.seq,
        payload: r.payload,
        producer: r.producer,
        enqueuedAt: r.enqueuedAt,
        delayUntil: r.delayUntil,
        maxDeliveries: r.maxDeliveries,
        attempt: r.attempt,
        deliveries: r.deliveries,
        state,
        lease: r.lease === undefined ? null : { ...r.lease },
        history: r.history.map(h => ({ ...h, outcome: h.outcome as DeliveryHistory['outcome'] })),
        deadReason: r.deadReason as DeadReason | '',
        deadAt: r.deadAt,
        heapIndex: -1
      }
      sm.messages.set(m.id, m)
      if (state === 'dead') sm.deadBytes += m.payload.byteLength
      else sm.bytes += m.payload.byteLength
      return m
    }
    for (const r of s.fresh) sm.fresh.push(load(r, 'ready'))
    for (const r of s.redeliver) sm.redeliver.push(load(r, 'ready'))
    for (const r of s.delayed) sm.delayed.push(load(r, 'delayed'))
    for (const r of s.leased) sm.leases.push(load(r, 'leased'))
    for (const r of s.dead) {
      const m = load(r, 'dead')
      sm.dead.set(m.id, m)
    }
    for (const d of s.dedup) sm.dedup.set(d.id, { seq: d.seq, at: d.at })
    for (const a of s.acked) sm.acked.set(a.id, { seq: a.seq, consumer: a.consumer, term: a.term, attempt: a.attempt, at: a.at })
    for (const r of s.sessions) {
      const results = new OrderedMap<number, QueueResult>()
      for (const c of r.results) {
        let result: QueueResult
        try {
          result = JSON.parse(c.json) as QueueResult
        } catch (err) {
          throw new SnapshotFormatError(`queue snapshot: result ${c.requestId} of client "${r.client}" is not JSON`, { cause: err })
        }
        results.set(c.requestId, result)
      }
      sm.sessions.set(r.client, { floor: r.floor, lastSeen: r.lastSeen, results })
    }
    return sm
  }
}

function view (m: Msg): MessageView {
  const v: MessageView = {
    id: m.id,
    seq: m.seq,
    payload: m.payload,
    producer: m.producer,
    enqueuedAt: m.enqueuedAt,
    state: m.state,
    attempt: m.attempt,
    delayUntil: m.delayUntil,
    history: m.history.map(h => ({ ...h }))
  }
  if (m.lease !== null) v.lease = { ...m.lease }
  return v
}

/** A stored message's snapshot fields as they are now (history entries are never changed, only added and dropped). */
function copyMessage (m: Msg): SnapshotMessage {
  const { state: _state, heapIndex: _heapIndex, lease, history, ...fields } = m
  return { ...fields, lease: lease === null ? null : { ...lease }, history: history.slice() }
}
