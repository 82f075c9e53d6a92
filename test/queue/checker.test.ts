import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { check, HistoryRecorder, mergeHistories, summarize } from '../../src/queue/checker/index.js'
import type { CheckResult, HistoryOp } from '../../src/queue/checker/index.js'
import { QueueFullError, StaleAckError } from '../../src/queue/errors.js'
import { TimeoutError } from '../../src/errors.js'

/** A scripted clock: each recorder call reads the current value of `t`. */
function recorder (): { h: HistoryRecorder, at: (t: number) => void } {
  let t = 0
  return { h: new HistoryRecorder({ now: () => t }), at: (v: number) => { t = v } }
}

const c1 = (id: string, attempt = 1, term = 1) => ({ id, term, attempt, consumer: 'c1' })
const c2 = (id: string, attempt = 2, term = 1) => ({ id, term, attempt, consumer: 'c2' })

const violations = (r: CheckResult): Record<string, number> => ({
  lost: r.lost.length,
  unexpected: r.unexpected.length,
  duplicatedAcks: r.duplicatedAcks.length,
  overlappingLeases: r.overlappingLeases.length,
  staleAcksAccepted: r.staleAcksAccepted.length,
  redeliveredAfterAck: r.redeliveredAfterAck.length
})
const none = { lost: 0, unexpected: 0, duplicatedAcks: 0, overlappingLeases: 0, staleAcksAccepted: 0, redeliveredAfterAck: 0 }

/**
 * A clean history exercising every legal thing: redelivery after expiry, release by nack,
 * a renewed lease, a double ack of one delivery, a put of unknown outcome that came out, a put
 * that failed and stayed out, and a dead letter. `mutate` lets each test break one thing.
 */
function cleanHistory (): HistoryOp[] {
  const { h, at } = recorder()
  at(0)
  for (const id of ['a', 'b', 'c', 'd']) h.put(id).complete('ok')
  const u = h.put('u')
  h.put('f').complete('fail')
  at(5)
  u.complete('unknown')
  // a: delivered to c1 (lease until 100), expires, redelivered to c2 at 150, acked twice.
  at(10); h.deliver({ ...c1('a'), deadline: 100 })
  at(150); h.deliver({ ...c2('a'), deadline: 250 })
  at(160); const a1 = h.ack(c2('a')); at(170); a1.complete('ok')
  at(180); const a2 = h.ack(c2('a')); at(185); a2.complete('alreadyAcked')
  // A late ack by c1 is rejected: that is the system working.
  at(190); const late = h.ack(c1('a')); at(195); late.complete('stale')
  // b: c1 nacks at 20, redelivered to c2 at 30 (well before the first deadline).
  at(11); h.deliver({ ...c1('b'), deadline: 500 })
  at(20); const n = h.nack(c1('b')); at(40); n.complete('ok')
  at(30); h.deliver({ ...c2('b'), deadline: 600 })
  at(50); h.ack(c2('b')).complete('ok')
  // c: lease renewed to 900, redelivered only after that.
  at(12); h.deliver({ ...c1('c'), deadline: 100 })
  at(90); const e = h.extend(c1('c')); at(95); e.complete('ok', 900)
  at(950); h.deliver({ ...c2('c'), deadline: 1050 })
  at(960); h.ack(c2('c')).complete('ok')
  // d: dead-lettered after one delivery.
  at(13); h.deliver({ ...c1('d'), deadline: 100 })
  at(2000); h.dead('d')
  // u: unknown put, came out and was acked.
  at(14); h.deliver({ ...c1('u'), deadline: 100 })
  at(15); h.ack(c1('u')).complete('ok')
  return h.history()
}

describe('total-queue checker', () => {
  it('passes a clean history and reports the informational counts', () => {
    const r = check(cleanHistory())
    assert.deepEqual(violations(r), none, summarize(r))
    assert.equal(r.ok, true)
    assert.deepEqual([r.attempts, r.enqueued, r.acked, r.deadLettered, r.redelivered], [6, 4, 4, 1, 3])
    assert.deepEqual(r.recovered, ['u'])
    assert.match(summarize(r), /^OK: 6 attempted, 4 enqueued, 4 acked/)
  })

  it('detects a lost message: put ok, never acked, not dead', () => {
    const history = cleanHistory().filter(op => !(op.type === 'dead' && op.id === 'd'))
    const r = check(history)
    assert.deepEqual(violations(r), { ...none, lost: 1 })
    assert.deepEqual(r.lost, ['d'])
    assert.equal(r.ok, false)
  })

  it('counts a message whose only ack has an unknown outcome as indeterminate, not lost', () => {
    const { h } = recorder()
    h.put('x').complete('ok')
    h.deliver({ ...c1('x'), deadline: 10 })
    h.ack(c1('x')) // never completes
    const r = check(h.history())
    assert.deepEqual(r.indeterminate, ['x'])
    assert.deepEqual(r.lost, [])
    assert.equal(r.ok, true)
  })

  it('detects unexpected messages: delivered without a put, or after a put that definitely failed', () => {
    const { h, at } = recorder()
    at(3000); h.deliver({ ...c1('ghost'), deadline: 3100 })
    h.ack(c1('ghost')).complete('ok')
    h.deliver({ ...c1('f'), deadline: 3100 })
    const r = check(mergeHistories(cleanHistory(), h.history()))
    assert.deepEqual(violations(r), { ...none, unexpected: 2 })
    assert.deepEqual(r.unexpected, ['f', 'ghost'])
  })

  it('detects duplicated acks: two different deliveries of one message both acked', () => {
    const { h, at } = recorder()
    at(2100); h.ack(c1('b')).complete('ok') // b's first delivery, released long ago, acked "ok"
    const r = check(mergeHistories(cleanHistory(), h.history()))
    assert.equal(r.duplicatedAcks.length, 1)
    assert.deepEqual(r.duplicatedAcks[0], { id: 'b', deliveries: [c1('b'), c2('b')] })
    // The same ack accepted for c1's delivery is also stale (c2's delivery came first).
    assert.equal(r.staleAcksAccepted.length, 1)
    assert.equal(r.ok, false)
  })

  it('does not count the same delivery acked twice as a duplicate', () => {
    const { h, at } = recorder()
    at(3000); h.ack(c2('a')).complete('ok')
    const r = check(mergeHistories(cleanHistory(), h.history()))
    assert.deepEqual(violations(r), none)
  })

  it('detects overlapping leases: a redelivery before the previous lease ended', () => {
    const history = cleanHistory().map(op => op.type === 'deliver' && op.id === 'a' && op.attempt === 2 ? { ...op, at: 99 } : op)
    const r = check(history)
    assert.deepEqual(violations(r), { ...none, overlappingLeases: 1 })
    assert.deepEqual(r.overlappingLeases[0], {
      id: 'a',
      first: { ...c1('a'), at: 10, deadline: 100 },
      second: { ...c2('a'), at: 99 }
    })
    // Within the tolerated clock skew it passes.
    assert.equal(check(history, { clockSkewMs: 1 }).ok, true)
  })

  it('counts a renewed lease: a redelivery before the extended deadline overlaps', () => {
    const history = cleanHistory().map(op => op.type === 'deliver' && op.id === 'c' && op.attempt === 2 ? { ...op, at: 500 } : op)
    const r = check(history)
    assert.deepEqual(violations(r), { ...none, overlappingLeases: 1 })
    assert.equal(r.overlappingLeases[0]?.first.deadline, 900)
  })

  it('accepts a redelivery after a release only if the nack was sent before it', () => {
    const history = cleanHistory().map(op => op.type === 'nack' && op.id === 'b' ? { ...op, invokeAt: 31 } : op)
    const r = check(history)
    assert.deepEqual(violations(r), { ...none, overlappingLeases: 1 })
  })

  it('detects a stale ack accepted: the NATS #4786 pattern (late ack credited after redelivery)', () => {
    const history = cleanHistory().map(op => op.type === 'ack' && op.id === 'a' && op.consumer === 'c1' ? { ...op, outcome: 'ok' as const } : op)
    const r = check(history)
    assert.equal(r.staleAcksAccepted.length, 1)
    assert.deepEqual(r.staleAcksAccepted[0], {
      id: 'a',
      ack: { ...c1('a'), invokeAt: 190, completeAt: 195 },
      reason: 'superseded',
      newer: { ...c2('a'), at: 150 }
    })
    assert.equal(r.duplicatedAcks.length, 1, 'and both consumers think they own it')
    assert.equal(r.ok, false)
  })

  it('detects an ack accepted for a delivery nobody received (e.g. a fence from an older term)', () => {
    const { h, at } = recorder()
    at(300); h.put('z').complete('ok')
    at(310); h.deliver({ ...c1('z', 1, 2), deadline: 400 })
    at(320); h.ack(c1('z', 1, 1)).complete('ok') // term 1: not the delivery c1 holds
    const r = check(h.history())
    assert.equal(r.staleAcksAccepted.length, 1)
    assert.equal(r.staleAcksAccepted[0]?.reason, 'neverDelivered')
  })

  it('detects a message delivered again after its ack committed', () => {
    const { h, at } = recorder()
    at(3000); h.deliver({ ...c1('c', 3), deadline: 3100 })
    const r = check(mergeHistories(cleanHistory(), h.history()))
    assert.deepEqual(violations(r), { ...none, redeliveredAfterAck: 1 })
    assert.deepEqual(r.redeliveredAfterAck[0], { id: 'c', ack: { ...c2('c'), completeAt: 960 }, delivery: { ...c1('c', 3), at: 3000 } })
  })

  it('gives the same verdict whatever the order of the history', () => {
    const history = cleanHistory()
    const shuffled = [...history].reverse()
    assert.deepEqual(check(shuffled), check(history))
  })
})

describe('history recorder', () => {
  it('records invoke and completion times; the first completion wins; pending ops are unknown', () => {
    const { h, at } = recorder()
    at(1)
    const p = h.put('x')
    const q = h.put('y')
    at(2)
    p.complete('ok')
    at(3)
    p.complete('fail')
    assert.deepEqual(h.history(), [
      { type: 'put', id: 'x', invokeAt: 1, completeAt: 2, outcome: 'ok' },
      { type: 'put', id: 'y', invokeAt: 1, completeAt: Infinity, outcome: 'unknown' }
    ])
    q.complete('ok')
    const y = h.history()[1]
    assert.equal(y?.type === 'put' && y.completeAt, 3)
  })

  it('classifies errors: QueueFullError fails a put, a timeout leaves it unknown, StaleAckError is a stale ack', async () => {
    const { h } = recorder()
    assert.equal(await h.recordPut('ok', async () => 7), 7)
    await assert.rejects(h.recordPut('full', async () => { throw new QueueFullError('q', 'maxLength') }), QueueFullError)
    await assert.rejects(h.recordPut('slow', async () => { throw new TimeoutError('put timed out') }), TimeoutError)
    await h.recordAck(c1('ok'), async () => undefined)
    await assert.rejects(h.recordAck(c1('stale'), async () => { throw new StaleAckError('stale', 'fence') }), StaleAckError)
    await assert.rejects(h.recordAck(c1('lost'), async () => { throw new Error('connection reset') }))
    assert.deepEqual(h.history().map(op => [op.id, 'outcome' in op ? op.outcome : '']), [
      ['ok', 'ok'], ['full', 'fail'], ['slow', 'unknown'], ['ok', 'ok'], ['stale', 'stale'], ['lost', 'unknown']
    ])
  })
})
