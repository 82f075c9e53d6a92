import type { AckOp, DeliverOp, DeliveryRef, ExtendOp, HistoryOp, NackOp } from './history.js'

/**
 * The total-queue checker: Jepsen's `total-queue` (lost, unexpected, recovered) plus meshchan's
 * stricter exactly-once hand-off rules. Input: a history that ends with a full drain (every
 * consumer acked everything it could get, acks settled, dead letters recorded with `dead`).
 *
 * Message ids are the identity of messages: one id is one message (put retries with the same id
 * are the same message). Deliveries of an id are ordered by (attempt, term), so attempts must grow
 * with every redelivery of an id, as meshchan's do.
 *
 * Violations (any one makes `ok` false):
 * - `lost`: a put answered `ok`, yet the message was never acked and not dead-lettered.
 * - `unexpected`: delivered or acked, but never put, or every put of it definitely failed.
 * - `duplicatedAcks`: acks accepted (`ok` / `alreadyAcked`) for two or more *different* deliveries
 *   of one id: the message was processed twice. The same delivery acked twice is not a duplicate.
 * - `overlappingLeases`: a delivery received while an earlier delivery's lease was still running
 *   (before its deadline, as extended by `ok` extends) and not released by an `ok` nack invoked
 *   before it: two consumers held the message at once.
 * - `staleAcksAccepted`: an ack accepted for a delivery that was not the current lease: a later
 *   delivery of the id was received before the ack completed (`superseded`), or the delivery
 *   was never received by anyone (`neverDelivered`).
 * - `redeliveredAfterAck`: a later delivery received after an accepted ack of an earlier one had
 *   completed: a removed message came back.
 *
 * Not violations (reported for information): `recovered` (puts of unknown outcome whose message
 * came out), `indeterminate` (stored, not acked definitely, but an ack of unknown outcome might
 * have removed it: a drain that settles its acks leaves none), `redelivered` (extra deliveries).
 */
export interface CheckOptions {
  /**
   * Tolerance (ms) when comparing lease deadlines with receive times: the largest skew between
   * the clock that stamped deadlines (the owner's) and the recorders' clocks. Default 0.
   */
  clockSkewMs?: number
}

export interface OverlappingLease {
  id: string
  first: DeliveryRef & { at: number, deadline: number }
  second: DeliveryRef & { at: number }
}

export interface StaleAckAccepted {
  id: string
  ack: DeliveryRef & { invokeAt: number, completeAt: number }
  reason: 'superseded' | 'neverDelivered'
  /** The later delivery, for `superseded`. */
  newer?: DeliveryRef & { at: number }
}

export interface RedeliveredAfterAck {
  id: string
  ack: DeliveryRef & { completeAt: number }
  delivery: DeliveryRef & { at: number }
}

export interface DuplicatedAck {
  id: string
  /** The distinct deliveries whose acks were accepted. */
  deliveries: DeliveryRef[]
}

export interface CheckResult {
  /** No violation of any kind. */
  ok: boolean
  /** Distinct ids whose put was invoked. */
  attempts: number
  /** Distinct ids with a put answered `ok`. */
  enqueued: number
  /** Distinct ids with an accepted ack. */
  acked: number
  /** Distinct ids found dead-lettered. */
  deadLettered: number
  lost: string[]
  unexpected: string[]
  recovered: string[]
  indeterminate: string[]
  duplicatedAcks: DuplicatedAck[]
  overlappingLeases: OverlappingLease[]
  staleAcksAccepted: StaleAckAccepted[]
  redeliveredAfterAck: RedeliveredAfterAck[]
  /** Deliveries beyond the first per id (legal: after expiry or release). */
  redelivered: number
}

interface PerId {
  puts: { ok: boolean, unknown: boolean, fail: boolean, any: boolean }
  deliveries: DeliverOp[]
  acks: AckOp[]
  nacks: NackOp[]
  extends: ExtendOp[]
  dead: boolean
}

const key = (d: DeliveryRef): string => `${d.term}/${d.attempt}/${d.consumer}`
const order = (a: DeliveryRef, b: DeliveryRef): number => a.attempt - b.attempt || a.term - b.term
const refOf = (d: DeliveryRef): DeliveryRef => ({ id: d.id, term: d.term, attempt: d.attempt, consumer: d.consumer })
const accepted = (a: AckOp): boolean => a.outcome === 'ok' || a.outcome === 'alreadyAcked'

/** Check a history; see {@link CheckOptions} and the module comment for the exact rules. */
export function check (history: readonly HistoryOp[], options: CheckOptions = {}): CheckResult {
  const skew = options.clockSkewMs ?? 0
  const ids = new Map<string, PerId>()
  const get = (id: string): PerId => {
    let p = ids.get(id)
    if (p === undefined) {
      p = { puts: { ok: false, unknown: false, fail: false, any: false }, deliveries: [], acks: [], nacks: [], extends: [], dead: false }
      ids.set(id, p)
    }
    return p
  }
  for (const op of history) {
    const p = get(op.id)
    switch (op.type) {
      case 'put':
        p.puts.any = true
        if (op.outcome === 'ok') p.puts.ok = true
        else if (op.outcome === 'fail') p.puts.fail = true
        else p.puts.unknown = true
        break
      case 'deliver': p.deliveries.push(op); break
      case 'ack': p.acks.push(op); break
      case 'nack': p.nacks.push(op); break
      case 'extend': p.extends.push(op); break
      case 'dead': p.dead = true; break
    }
  }

  const r: CheckResult = {
    ok: true,
    attempts: 0,
    enqueued: 0,
    acked: 0,
    deadLettered: 0,
    lost: [],
    unexpected: [],
    recovered: [],
    indeterminate: [],
    duplicatedAcks: [],
    overlappingLeases: [],
    staleAcksAccepted: [],
    redeliveredAfterAck: [],
    redelivered: 0
  }

  // Sorted ids so the report is stable whatever the history's order.
  for (const id of [...ids.keys()].sort()) {
    const p = ids.get(id) as PerId
    const okAcks = p.acks.filter(accepted)
    const cameOut = p.deliveries.length > 0 || okAcks.length > 0 || p.dead
    if (p.puts.any) r.attempts++
    if (p.puts.ok) r.enqueued++
    if (okAcks.length > 0) r.acked++
    if (p.dead) r.deadLettered++
    r.redelivered += Math.max(0, new Set(p.deliveries.map(key)).size - 1)

    // Jepsen total-queue.
    if (p.puts.ok && okAcks.length === 0 && !p.dead) {
      if (p.acks.some(a => a.outcome === 'unknown')) r.indeterminate.push(id)
      else r.lost.push(id)
    }
    if (cameOut && !p.puts.ok && !p.puts.unknown) r.unexpected.push(id)
    if (cameOut && !p.puts.ok && p.puts.unknown) r.recovered.push(id)

    // Exactly-once hand-off.
    const ackedDeliveries = new Map<string, AckOp>()
    for (const a of okAcks) if (!ackedDeliveries.has(key(a))) ackedDeliveries.set(key(a), a)
    if (ackedDeliveries.size > 1) {
      r.duplicatedAcks.push({ id, deliveries: [...ackedDeliveries.values()].sort(order).map(refOf) })
    }

    const deliveries = [...p.deliveries].sort((a, b) => order(a, b) || a.at - b.at)
    const delivered = new Set(deliveries.map(key))
    for (const a of ackedDeliveries.values()) {
      if (!delivered.has(key(a))) {
        r.staleAcksAccepted.push({ id, ack: { ...refOf(a), invokeAt: a.invokeAt, completeAt: a.completeAt }, reason: 'neverDelivered' })
        continue
      }
      for (const d of deliveries) {
        if (order(d, a) <= 0) continue
        if (d.at <= a.completeAt) {
          r.staleAcksAccepted.push({ id, ack: { ...refOf(a), invokeAt: a.invokeAt, completeAt: a.completeAt }, reason: 'superseded', newer: { ...refOf(d), at: d.at } })
        } else {
          r.redeliveredAfterAck.push({ id, ack: { ...refOf(a), completeAt: a.completeAt }, delivery: { ...refOf(d), at: d.at } })
        }
        break // one report per accepted ack
      }
    }

    for (let i = 0; i < deliveries.length; i++) {
      const first = deliveries[i] as DeliverOp
      let deadline = first.deadline
      for (const e of p.extends) {
        if (e.outcome === 'ok' && key(e) === key(first) && e.deadline > deadline) deadline = e.deadline
      }
      for (let j = i + 1; j < deliveries.length; j++) {
        const second = deliveries[j] as DeliverOp
        if (key(second) === key(first)) continue // the same delivery recorded twice
        const released = p.nacks.some(n => n.outcome === 'ok' && key(n) === key(first) && n.invokeAt <= second.at)
        if (!released && second.at + skew < deadline) {
          r.overlappingLeases.push({ id, first: { ...refOf(first), at: first.at, deadline }, second: { ...refOf(second), at: second.at } })
        }
      }
    }
  }

  r.ok = r.lost.length === 0 && r.unexpected.length === 0 && r.duplicatedAcks.length === 0 &&
    r.overlappingLeases.length === 0 && r.staleAcksAccepted.length === 0 && r.redeliveredAfterAck.length === 0
  return r
}

/** A one-paragraph human summary of a check, for test failure messages and CLI output. */
export function summarize (r: CheckResult): string {
  const parts = [
    `${r.ok ? 'OK' : 'FAILED'}: ${r.attempts} attempted, ${r.enqueued} enqueued, ${r.acked} acked, ${r.deadLettered} dead-lettered, ${r.redelivered} redeliveries`,
    `lost ${r.lost.length}, unexpected ${r.unexpected.length}, duplicated acks ${r.duplicatedAcks.length}, overlapping leases ${r.overlappingLeases.length}, stale acks accepted ${r.staleAcksAccepted.length}, redelivered after ack ${r.redeliveredAfterAck.length}`,
    `recovered ${r.recovered.length}, indeterminate ${r.indeterminate.length}`
  ]
  const sample = (name: string, xs: readonly unknown[]): void => {
    if (xs.length > 0) parts.push(`${name}: ${JSON.stringify(xs.slice(0, 5))}${xs.length > 5 ? ' …' : ''}`)
  }
  sample('lost', r.lost)
  sample('unexpected', r.unexpected)
  sample('duplicatedAcks', r.duplicatedAcks)
  sample('overlappingLeases', r.overlappingLeases)
  sample('staleAcksAccepted', r.staleAcksAccepted)
  sample('redeliveredAfterAck', r.redeliveredAfterAck)
  return parts.join('\n')
}
