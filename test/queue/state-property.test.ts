/**
 * Property tests over random command sequences.
 *
 * On failure fast-check prints `seed` and `path`; replay exactly that case with
 *   FC_SEED=<seed> FC_PATH=<path> node --test dist/test/queue/state-property.test.js
 * FC_RUNS=<n> changes the number of runs (default 120 per property).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { check, summarize } from '../../src/queue/checker/index.js'
import { QueueStateMachine } from '../../src/queue/state/index.js'
import type { HistoryOp } from '../../src/queue/checker/index.js'
import type { Delivery, QueueResult } from '../../src/queue/state/index.js'
import { Harness } from './harness.js'

const params: fc.Parameters<unknown> = {
  numRuns: Number(process.env.FC_RUNS ?? 120),
  ...(process.env.FC_SEED !== undefined ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH !== undefined ? { path: process.env.FC_PATH } : {})
}

/** Small limits so that full queues, dead letters and forgotten session results all happen. */
const CONFIG = { maxLength: 12, maxBytes: 150, maxDeliveries: 3, dedupWindowMs: 3000, maxDead: 100, maxResultsPerClient: 4 }

type Action =
  | { a: 'put', id: number, size: number, delay: number, maxDeliveries: number | undefined, session: boolean }
  | { a: 'lease', consumer: number, count: number, leaseMs: number }
  | { a: 'ack', pick: number, forge: number, session: boolean }
  | { a: 'nack', pick: number, delayMs: number, dead: boolean, unsent: boolean }
  | { a: 'extend', pick: number, ms: number }
  | { a: 'expire', max: number }
  | { a: 'tick', ms: number }
  | { a: 'term' }
  | { a: 'requeue', all: boolean, id: number }
  | { a: 'configure', maxLength: number, maxDeliveries: number, dedupWindowMs: number }
  | { a: 'retry', back: number }
  | { a: 'garbage', bytes: Uint8Array }
  | { a: 'noop' }
  | { a: 'purge', dead: boolean }

const action = (withPurge: boolean): fc.Arbitrary<Action> => fc.oneof(
  { weight: 6, arbitrary: fc.record({ a: fc.constant('put' as const), id: fc.nat(11), size: fc.nat(20), delay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 })), maxDeliveries: fc.option(fc.nat(3), { nil: undefined }), session: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ a: fc.constant('lease' as const), consumer: fc.nat(2), count: fc.integer({ min: 1, max: 4 }), leaseMs: fc.integer({ min: 50, max: 2000 }) }) },
  { weight: 5, arbitrary: fc.record({ a: fc.constant('ack' as const), pick: fc.nat(), forge: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }), session: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('nack' as const), pick: fc.nat(), delayMs: fc.oneof(fc.constant(0), fc.nat(500)), dead: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), unsent: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('extend' as const), pick: fc.nat(), ms: fc.integer({ min: 1, max: 2000 }) }) },
  { weight: 3, arbitrary: fc.record({ a: fc.constant('expire' as const), max: fc.nat(3) }) },
  { weight: 5, arbitrary: fc.record({ a: fc.constant('tick' as const), ms: fc.integer({ min: -200, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('term' as const) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('requeue' as const), all: fc.boolean(), id: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('configure' as const), maxLength: fc.integer({ min: 3, max: 20 }), maxDeliveries: fc.nat(4), dedupWindowMs: fc.nat(5000) }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('retry' as const), back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('noop' as const) }) },
  ...(withPurge ? [{ weight: 1, arbitrary: fc.record({ a: fc.constant('purge' as const), dead: fc.boolean() }) }] : [])
)

interface Run {
  h: Harness
  results: QueueResult[]
  history: HistoryOp[]
}

/**
 * Interpret actions against a state machine, checking invariants after every step, and record
 * a client-side history for the checker. Deterministic given the actions.
 */
function run (actions: Action[], drain: boolean): Run {
  const h = new Harness(CONFIG)
  const results: QueueResult[] = []
  const history: HistoryOp[] = []
  const deliveries: Delivery[] = []
  /** Sessioned commands sent so far, for retries: the body and the result it got. */
  const sent: Array<{ body: any, requestId: number, result: QueueResult }> = []
  let requestId = 0
  /** (id) → fence key of the current holder, per the results seen: the "one holder" model. */
  const held = new Map<string, string>()
  const acked = new Set<string>()
  const hid = (d: { id: string, seq: number }): string => `${d.id}#${d.seq}`
  /** Every real fence handed out, so a "forged" fence that happens to be a real one is not called forged. */
  const real = new Set<string>()
  const fk = (d: { id: string, seq: number, term: number, attempt: number, consumer: string }): string => `${d.id}/${d.seq}/${d.term}/${d.attempt}/${d.consumer}`
  const now = (): number => h.sm.now
  const apply = (body: any, session: boolean): QueueResult => {
    if (!session) return h.apply(body)
    const rid = ++requestId
    const r = h.apply({ client: 'client', requestId: rid, ...body })
    sent.push({ body, requestId: rid, result: r })
    return r
  }
  const pick = (n: number): Delivery | undefined => deliveries.length === 0 ? undefined : deliveries[deliveries.length - 1 - (n % Math.min(deliveries.length, 6))]

  for (const act of actions) {
    let r: QueueResult | undefined
    switch (act.a) {
      case 'put': {
        const id = `m${act.id}`
        const t = now()
        r = apply({ put: { id, payload: new Uint8Array(act.size).fill(act.id), delayUntil: act.delay === 0 ? 0 : h.clock + act.delay, maxDeliveries: act.maxDeliveries } }, act.session)
        if (r.command === 'put' && r.status === 'ok') {
          if (!r.duplicate) assert.ok(h.sm.stats().length <= h.sm.limits.maxLength && h.sm.stats().bytes <= h.sm.limits.maxBytes, 'a put never exceeds the limits')
        }
        // One history id per message: an id re-put after the dedup window is another message.
        history.push({ type: 'put', id: r.command === 'put' && r.status === 'ok' ? `${id}#${r.seq}` : `${id}#rejected`, invokeAt: t, completeAt: now(), outcome: r.status === 'ok' ? 'ok' : r.status === 'full' ? 'fail' : 'unknown' })
        break
      }
      case 'lease': {
        r = apply({ lease: { consumer: `c${act.consumer}`, count: act.count, leaseMs: act.leaseMs } }, false)
        assert.equal(r.command, 'lease')
        for (const d of (r as { deliveries: Delivery[] }).deliveries) {
          assert.equal(held.has(d.id), false, `${d.id} leased while held by ${held.get(d.id)}`)
          assert.equal(d.term, h.term)
          held.set(d.id, fk(d))
          real.add(fk(d))
          deliveries.push(d)
          history.push({ type: 'deliver', id: hid(d), term: d.term, attempt: d.attempt, consumer: d.consumer, at: now(), deadline: d.deadline })
        }
        break
      }
      case 'ack': {
        const d0 = pick(act.pick)
        if (d0 === undefined) continue
        const d = act.forge === 0 ? d0 : act.forge === 1 ? { ...d0, term: d0.term - 1 } : act.forge === 2 ? { ...d0, attempt: d0.attempt + 1 } : act.forge === 3 ? { ...d0, consumer: 'intruder' } : { ...d0, seq: d0.seq + 100 }
        const t = now()
        r = apply({ ack: d }, act.session)
        if (r.status === 'acked') {
          assert.equal(held.get(d.id), fk(d), 'only the holder’s ack is accepted')
          assert.equal(acked.has(`${d.id}/${d.seq}`), false, 'removed exactly once')
          acked.add(`${d.id}/${d.seq}`)
          held.delete(d.id)
        }
        if (!real.has(fk(d))) assert.ok(r.status !== 'acked' && r.status !== 'alreadyAcked', `forged fence accepted: ${JSON.stringify(r)}`)
        history.push({ type: 'ack', id: hid(d), term: d.term, attempt: d.attempt, consumer: d.consumer, invokeAt: t, completeAt: now(), outcome: r.status === 'acked' ? 'ok' : r.status === 'alreadyAcked' ? 'alreadyAcked' : r.status === 'stale' ? 'stale' : r.status === 'requestExpired' ? 'unknown' : 'fail' })
        break
      }
      case 'nack': {
        const d = pick(act.pick)
        if (d === undefined) continue
        const t = now()
        // unsent: the owner giving back a lease it held ahead (alone: no delay, no dead-lettering).
        r = apply({ nack: act.unsent ? { ...d, unsent: true } : { ...d, delayMs: act.delayMs, deadLetter: act.dead } }, false)
        if (r.status === 'released' || r.status === 'dead') {
          assert.equal(held.get(d.id), fk(d))
          held.delete(d.id)
        }
        history.push({ type: 'nack', id: hid(d), term: d.term, attempt: d.attempt, consumer: d.consumer, invokeAt: t, completeAt: now(), outcome: r.status === 'released' || r.status === 'dead' ? 'ok' : 'stale' })
        break
      }
      case 'extend': {
        const d = pick(act.pick)
        if (d === undefined) continue
        const t = now()
        r = apply({ extend: { ...d, ms: act.ms } }, false)
        if (r.status === 'extended') assert.equal(held.get(d.id), fk(d))
        history.push({ type: 'extend', id: hid(d), term: d.term, attempt: d.attempt, consumer: d.consumer, invokeAt: t, completeAt: now(), deadline: r.status === 'extended' ? r.deadline : 0, outcome: r.status === 'extended' ? 'ok' : 'stale' })
        break
      }
      case 'expire': {
        r = apply({ expire: { max: act.max } }, false)
        for (const e of (r as { expired: Array<{ id: string }> }).expired) {
          assert.ok(held.has(e.id))
          held.delete(e.id)
        }
        break
      }
      case 'tick':
        h.tick(act.ms)
        continue
      case 'term':
        h.term++
        continue
      case 'requeue':
        r = apply({ requeueDead: act.all ? { all: true } : { ids: [`m${act.id}`] } }, false)
        break
      case 'configure':
        r = apply({ configure: { maxLength: act.maxLength, maxDeliveries: act.maxDeliveries, dedupWindowMs: act.dedupWindowMs } }, false)
        break
      case 'retry': {
        const s = sent[sent.length - 1 - act.back]
        if (s === undefined) continue
        r = h.apply({ client: 'client', requestId: s.requestId, ...s.body })
        if (r.status !== 'requestExpired') assert.deepEqual(r, s.result, 'a retry answers with the original result')
        break
      }
      case 'garbage':
        r = h.raw(act.bytes)
        break
      case 'noop':
        r = h.raw(new Uint8Array(0), 'noop')
        break
      case 'purge':
        r = apply({ purge: { dead: act.dead } }, false)
        break
    }
    results.push(r)
    // The one-holder model agrees with the machine's own view.
    assert.deepEqual(new Map(h.sm.leased().map(d => [d.id, fk(d)])), held)
  }

  if (drain) {
    h.tick(10_000_000)
    h.apply({ configure: { maxDeliveries: 0 } })
    results.push(h.expire())
    held.clear()
    for (;;) {
      const t = now()
      const ds = h.lease('drain', 4096)
      if (ds.length === 0) break
      for (const d of ds) {
        history.push({ type: 'deliver', id: hid(d), term: d.term, attempt: d.attempt, consumer: d.consumer, at: t, deadline: d.deadline })
        const r = h.ack(d)
        assert.equal(r.status, 'acked')
        history.push({ type: 'ack', id: hid(d), term: d.term, attempt: d.attempt, consumer: d.consumer, invokeAt: t, completeAt: now(), outcome: 'ok' })
      }
    }
    for (const m of h.sm.peekDead(Infinity)) history.push({ type: 'dead', id: hid(m), at: now() })
    assert.equal(h.sm.stats().length, 0, 'the drain empties the queue')
  }
  return { h, results, history }
}

describe('queue state machine: properties over random command sequences', () => {
  it('keeps one holder per message, removes exactly once, and passes the total-queue checker after a drain', () => {
    fc.assert(fc.property(fc.array(action(false), { maxLength: 200, size: 'max' }), (actions) => {
      const { history } = run(actions, true)
      const result = check(history)
      assert.ok(result.ok, summarize(result))
      assert.equal(result.lost.length + result.indeterminate.length, 0)
    }), params)
  })

  it('is deterministic: two replicas applying the same entries end byte-identical', () => {
    fc.assert(fc.property(fc.array(action(true), { maxLength: 200, size: 'max' }), (actions) => {
      const { h, results } = run(actions, false)
      const replica = new QueueStateMachine(CONFIG)
      const replayed = h.log.map(e => replica.apply(e))
      assert.deepEqual(Buffer.from(replica.snapshot()), Buffer.from(h.sm.snapshot()))
      assert.deepEqual(replayed, results)
    }), params)
  })

  it('restoring snapshots taken mid-sequence and continuing equals applying everything continuously', () => {
    fc.assert(fc.property(fc.array(action(true), { maxLength: 200, size: 'max' }), fc.integer({ min: 1, max: 25 }), (actions, step) => {
      const { h } = run(actions, false)
            const continuous = new QueueStateMachine(CONFIG)
      // `restarted` is replaced by a restore of its own snapshot every `step` entries, as a replica
      // that compacts its log and restarts from the snapshot often would be.
      let restarted = new QueueStateMachine(CONFIG)
      h.log.forEach((e, i) => {
        if (i % step === 0) {
          const snap = restarted.snapshot()
          assert.deepEqual(Buffer.from(snap), Buffer.from(continuous.snapshot()))
          const before = restarted.stats()
          restarted = QueueStateMachine.restore(snap)
          assert.deepEqual(restarted.stats(), before)
          assert.deepEqual(restarted.leased(), continuous.leased())
          assert.deepEqual(restarted.peekDead(Infinity), continuous.peekDead(Infinity))
          assert.equal(restarted.nextDelayReady(), continuous.nextDelayReady())
          assert.equal(restarted.nextLeaseDeadline(), continuous.nextLeaseDeadline())
        }
        assert.deepEqual(restarted.apply(e), continuous.apply(e), `entry ${e.index}`)
      })
      assert.deepEqual(Buffer.from(restarted.snapshot()), Buffer.from(continuous.snapshot()))
    }), params)
  })
})
