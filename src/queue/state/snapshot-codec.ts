import { allocUnsafe } from 'uint8arrays/alloc'
import { varintLength, writeVarint } from '../../rpc/varint.js'
import { QueueSnapshot } from './queue-state.js'
import type { AckedRecord, ConfigRecord, DeliveryRecord, LeaseRecord, MessageRecord, SessionRecord, Totals } from './queue-state.js'

/**
 * Hand-written encoder of a queue's `QueueSnapshot`, writing exactly the bytes of the generated
 * codec. A snapshot holds every stored message, every id of the dedup window and every recent ack,
 * and the Raft driver takes it on the event loop: with protons' writer (an object per field, a
 * record object per entry) a state of 20k messages and 60k window entries took 150–220 ms idle and
 * 0.8 s under load, a stall of every queue on the peer. This one sizes everything first, then
 * writes into one buffer, and reads the state machine's own objects, not copies.
 *
 * Anything it does not handle exactly like the generated codec — a string that is not ASCII, a
 * number out of range — makes {@link encodeSnapshot} use the generated codec for the whole
 * snapshot instead (the tests compare both on random states).
 */

/** A stored message as the state machine keeps it: a `MessageRecord` with `null` for no lease. */
export interface SnapshotMessage extends Omit<MessageRecord, 'payload' | 'lease' | 'maxDeliveries'> {
  payload: Uint8Array
  lease: LeaseRecord | null | undefined
  maxDeliveries: number | undefined
  history: DeliveryRecord[]
}

/** The state to write, with the machine's collections as they are (nothing copied). */
export interface SnapshotSource {
  lastIndex: number
  lastTerm: number
  clock: number
  nextSeq: number
  config: ConfigRecord
  fresh: Iterable<SnapshotMessage>
  redeliver: Iterable<SnapshotMessage>
  delayed: Iterable<SnapshotMessage>
  leased: Iterable<SnapshotMessage>
  dead: Iterable<SnapshotMessage>
  /** id → put, oldest first. */
  dedup: Iterable<[string, { seq: number, at: number }]>
  /** id → the delivery whose ack removed it, oldest first. */
  acked: Iterable<[string, Omit<AckedRecord, 'id'>]>
  sessions: SessionRecord[]
  totals: Totals
}

/** The snapshot's bytes (version 1): `QueueSnapshot.encode(toSnapshotRecord(source))`, only faster. */
export function encodeSnapshot (source: SnapshotSource): Uint8Array {
  try {
    const steps = new SnapshotWriter().encode(source)
    for (;;) {
      const r = steps.next()
      if (r.done === true) return r.value
    }
  } catch (err) {
    if (err === FALLBACK) return QueueSnapshot.encode(toSnapshotRecord(source))
    throw err
  }
}

/**
 * {@link encodeSnapshot}, a slice of at most about `sliceMs` at a time, yielding to the event loop
 * in between (`setImmediate`). `source` must not change until the promise settles: give it a
 * copy (see `QueueStateMachine.snapshotInSlices`).
 */
export async function encodeSnapshotInSlices (source: SnapshotSource, sliceMs = 4): Promise<Uint8Array> {
  const steps = new SnapshotWriter().encode(source)
  try {
    for (;;) {
      const until = performance.now() + sliceMs
      for (;;) {
        const r = steps.next()
        if (r.done === true) return r.value
        if (performance.now() >= until) break
      }
      await new Promise<void>(resolve => setImmediate(resolve))
    }
  } catch (err) {
    if (err === FALLBACK) return QueueSnapshot.encode(toSnapshotRecord(source))
    throw err
  }
}

/** The generated codec's input for the same state (what {@link encodeSnapshot} falls back to). */
export function toSnapshotRecord (s: SnapshotSource): QueueSnapshot {
  const rec = (m: SnapshotMessage): MessageRecord => ({
    id: m.id,
    seq: m.seq,
    payload: m.payload as Uint8Array<ArrayBuffer>,
    producer: m.producer,
    enqueuedAt: m.enqueuedAt,
    delayUntil: m.delayUntil,
    maxDeliveries: m.maxDeliveries,
    attempt: m.attempt,
    deliveries: m.deliveries,
    lease: m.lease == null ? undefined : { ...m.lease },
    history: m.history.map(h => ({ ...h })),
    deadReason: m.deadReason,
    deadAt: m.deadAt
  })
  return {
    version: 1,
    lastIndex: s.lastIndex,
    lastTerm: s.lastTerm,
    clock: s.clock,
    nextSeq: s.nextSeq,
    config: { ...s.config },
    fresh: [...s.fresh].map(rec),
    redeliver: [...s.redeliver].map(rec),
    delayed: [...s.delayed].map(rec),
    leased: [...s.leased].map(rec),
    dead: [...s.dead].map(rec),
    dedup: [...s.dedup].map(([id, d]) => ({ id, seq: d.seq, at: d.at })),
    acked: [...s.acked].map(([id, a]) => ({ id, seq: a.seq, consumer: a.consumer, term: a.term, attempt: a.attempt, at: a.at })),
    sessions: s.sessions,
    totals: { ...s.totals }
  }
}

const FALLBACK = Symbol('fallback')
/** Records (messages, window entries, sessions) between two chances to pause. */
const STEP = 512
const MAX_U32 = 0xffffffff

// Every field number here is below 16, so every tag is one byte.
/** A uint64 field (left out when 0). */
function num (v: number | undefined): number {
  if (v === undefined || v === 0) return 0
  if (!Number.isSafeInteger(v) || v < 0) throw FALLBACK
  return 1 + varintLength(v)
}
/** A uint32 field (left out when 0). */
function u32 (v: number | undefined): number {
  if (v === undefined || v === 0) return 0
  if (!Number.isInteger(v) || v < 0 || v > MAX_U32) throw FALLBACK
  return 1 + varintLength(v)
}
/** An ASCII string field (left out when empty). */
function str (s: string | undefined): number {
  if (s === undefined || s === '') return 0
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) throw FALLBACK
  return 1 + varintLength(s.length) + s.length
}
const embedded = (size: number): number => 1 + varintLength(size) + size

const encoder = new TextEncoder()

/**
 * Two passes over the same state: the first sizes every embedded message (in the order the
 * second writes them, so the second reads the sizes back in turn), the second writes.
 */
class SnapshotWriter {
  private readonly sizes: number[] = []
  private next = 0
  private buf = new Uint8Array(0)
  private pos = 0

  /** Yields every {@link STEP} records or so (a chance to pause); returns the bytes. */
  public * encode (s: SnapshotSource): Generator<undefined, Uint8Array> {
    const total = yield * this.sizeAll(s)
    this.buf = allocUnsafe(total)
    yield * this.writeAll(s)
    if (this.pos !== total) throw new Error(`snapshot encoder: wrote ${this.pos} of ${total} bytes`)
    return this.buf
  }

  // ---- sizing -------------------------------------------------------------------------------------

  private * sizeAll (s: SnapshotSource): Generator<undefined, number> {
    let n = 2 + num(s.lastIndex) + num(s.lastTerm) + num(s.clock) + num(s.nextSeq)
    n += embedded(this.push(this.sizeConfig(s.config)))
    let k = 0
    for (const list of [s.fresh, s.redeliver, s.delayed, s.leased, s.dead]) {
      for (const m of list) {
        n += embedded(this.sizeMessage(m))
        if (++k % STEP === 0) yield
      }
    }
    for (const [id, d] of s.dedup) {
      n += embedded(this.push(str(id) + num(d.seq) + num(d.at)))
      if (++k % STEP === 0) yield
    }
    for (const [id, a] of s.acked) {
      n += embedded(this.push(str(id) + num(a.seq) + str(a.consumer) + num(a.term) + u32(a.attempt) + num(a.at)))
      if (++k % STEP === 0) yield
    }
    for (const r of s.sessions) {
      n += embedded(this.sizeSession(r))
      if (++k % STEP === 0) yield
    }
    return n + embedded(this.push(this.sizeTotals(s.totals)))
  }

  private push (size: number): number {
    this.sizes.push(size)
    return size
  }

  private sizeConfig (c: ConfigRecord): number {
    return num(c.maxLength) + num(c.maxBytes) + u32(c.maxDeliveries) + num(c.dedupWindowMs) + num(c.maxDedupEntries) + num(c.maxDead) + num(c.sessionTtlMs) + num(c.maxSessions) + num(c.maxResultsPerClient)
  }

  private sizeMessage (m: SnapshotMessage): number {
    const slot = this.sizes.length
    this.sizes.push(0)
    let n = str(m.id) + num(m.seq) + (m.payload.byteLength === 0 ? 0 : 1 + varintLength(m.payload.byteLength) + m.payload.byteLength) + str(m.producer) + num(m.enqueuedAt) + num(m.delayUntil)
    if (m.maxDeliveries !== undefined) n += 1 + (m.maxDeliveries === 0 ? 1 : u32(m.maxDeliveries) - 1)
    n += u32(m.attempt) + u32(m.deliveries)
    const l = m.lease
    if (l != null) n += embedded(this.push(str(l.consumer) + num(l.term) + u32(l.attempt) + num(l.deadline) + num(l.leasedAt)))
    for (const h of m.history) n += embedded(this.push(u32(h.attempt) + str(h.consumer) + num(h.term) + num(h.leasedAt) + num(h.deadline) + num(h.endedAt) + str(h.outcome)))
    n += str(m.deadReason) + num(m.deadAt)
    this.sizes[slot] = n
    return n
  }

  private sizeSession (r: SessionRecord): number {
    const slot = this.sizes.length
    this.sizes.push(0)
    let n = str(r.client) + num(r.floor) + num(r.lastSeen)
    for (const c of r.results) n += embedded(this.push(num(c.requestId) + str(c.json)))
    this.sizes[slot] = n
    return n
  }

  private sizeTotals (t: Totals): number {
    return num(t.put) + num(t.duplicates) + num(t.rejectedFull) + num(t.delivered) + num(t.acked) + num(t.expired) + num(t.nacked) + num(t.deadLettered) + num(t.deadDropped) + num(t.stale)
  }

  // ---- writing ------------------------------------------------------------------------------------

  private * writeAll (s: SnapshotSource): Generator<undefined, void> {
    this.tag(8).varint(1).num(16, s.lastIndex).num(24, s.lastTerm).num(32, s.clock).num(40, s.nextSeq)
    const c = s.config
    this.open(50).num(8, c.maxLength).num(16, c.maxBytes).num(24, c.maxDeliveries).num(32, c.dedupWindowMs).num(40, c.maxDedupEntries).num(48, c.maxDead).num(56, c.sessionTtlMs).num(64, c.maxSessions).num(72, c.maxResultsPerClient)
    let k = 0
    for (const [tag, list] of [[58, s.fresh], [66, s.redeliver], [74, s.delayed], [82, s.leased], [90, s.dead]] as const) {
      for (const m of list) {
        this.message(tag, m)
        if (++k % STEP === 0) yield
      }
    }
    for (const [id, d] of s.dedup) {
      this.open(98).str(10, id).num(16, d.seq).num(24, d.at)
      if (++k % STEP === 0) yield
    }
    for (const [id, a] of s.acked) {
      this.open(106).str(10, id).num(16, a.seq).str(26, a.consumer).num(32, a.term).num(40, a.attempt).num(48, a.at)
      if (++k % STEP === 0) yield
    }
    for (const r of s.sessions) {
      this.open(114).str(10, r.client).num(16, r.floor).num(24, r.lastSeen)
      for (const c of r.results) this.open(34).num(8, c.requestId).str(18, c.json)
      if (++k % STEP === 0) yield
    }
    const t = s.totals
    this.open(122).num(8, t.put).num(16, t.duplicates).num(24, t.rejectedFull).num(32, t.delivered).num(40, t.acked).num(48, t.expired).num(56, t.nacked).num(64, t.deadLettered).num(72, t.deadDropped).num(80, t.stale)
  }

  private message (tag: number, m: SnapshotMessage): void {
    this.open(tag).str(10, m.id).num(16, m.seq)
    if (m.payload.byteLength > 0) {
      this.tag(26).varint(m.payload.byteLength)
      this.buf.set(m.payload, this.pos)
      this.pos += m.payload.byteLength
    }
    this.str(34, m.producer).num(40, m.enqueuedAt).num(48, m.delayUntil)
    if (m.maxDeliveries !== undefined) this.tag(56).varint(m.maxDeliveries)
    this.num(64, m.attempt).num(72, m.deliveries)
    const l = m.lease
    if (l != null) this.open(82).str(10, l.consumer).num(16, l.term).num(24, l.attempt).num(32, l.deadline).num(40, l.leasedAt)
    for (const h of m.history) this.open(90).num(8, h.attempt).str(18, h.consumer).num(24, h.term).num(32, h.leasedAt).num(40, h.deadline).num(48, h.endedAt).str(58, h.outcome)
    this.str(98, m.deadReason).num(104, m.deadAt)
  }

  /** Tag and length of the next embedded message (its size from the first pass). */
  private open (tag: number): this {
    return this.tag(tag).varint(this.sizes[this.next++])
  }

  private tag (tag: number): this {
    this.buf[this.pos++] = tag
    return this
  }

  private varint (v: number): this {
    this.pos = writeVarint(v, this.buf, this.pos)
    return this
  }

  private num (tag: number, v: number | undefined): this {
    if (v !== undefined && v !== 0) this.pos = writeVarint(v, this.buf, writeVarint(tag, this.buf, this.pos))
    return this
  }

  /** An ASCII string (the first pass checked): short ones byte by byte, long ones natively. */
  private str (tag: number, s: string | undefined): this {
    if (s === undefined || s === '') return this
    const buf = this.buf
    let pos = writeVarint(s.length, buf, writeVarint(tag, buf, this.pos))
    if (s.length < 32) {
      for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i)
    } else {
      pos += encoder.encodeInto(s, buf.subarray(pos, pos + s.length)).written
    }
    this.pos = pos
    return this
  }
}
