import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ApplyOrderError, InvalidCommandError, SnapshotFormatError } from '../../src/queue/errors.js'
import { QueueCommand } from '../../src/queue/state/queue-state.js'
import { encodeCommand, QueueStateMachine } from '../../src/queue/state/index.js'
import type { Delivery, LeaseResult, QueueResult } from '../../src/queue/state/index.js'
import { Harness, text } from './harness.js'

const one = (ds: Delivery[]): Delivery => {
  assert.equal(ds.length, 1, `expected one delivery, got ${JSON.stringify(ds)}`)
  return ds[0] as Delivery
}

describe('queue state machine: put and dedup', () => {
  it('stores a put once per id within the dedup window; the retry answers with the first seq', () => {
    const h = new Harness({ dedupWindowMs: 10_000 })
    assert.deepEqual(h.put('m1', 'first'), { command: 'put', status: 'ok', id: 'm1', seq: 1, duplicate: false })
    h.tick(5_000)
    assert.deepEqual(h.put('m1', 'second'), { command: 'put', status: 'ok', id: 'm1', seq: 1, duplicate: true })
    assert.equal(h.sm.stats().length, 1)
    assert.equal(text(h.sm.get('m1')?.payload), 'first')
    // Still deduplicated after it was delivered and acked, while inside the window.
    const d = one(h.lease('c1'))
    assert.equal(h.ack(d).status, 'acked')
    h.tick(4_999)
    assert.equal(h.put('m1').status === 'ok' && (h.put('m1') as { duplicate: boolean }).duplicate, true)
    assert.equal(h.sm.stats().length, 0)
    assert.equal(h.sm.stats().totals.put, 1)
  })

  it('accepts the id again once the window has passed (a new message, new seq)', () => {
    const h = new Harness({ dedupWindowMs: 10_000 })
    h.put('m1')
    const d = one(h.lease('c1'))
    h.ack(d)
    h.tick(10_000)
    const again = h.put('m1', 'later')
    assert.deepEqual(again, { command: 'put', status: 'ok', id: 'm1', seq: 2, duplicate: false })
    assert.equal(h.sm.stats().length, 1)
  })

  it('treats an id still queued as a duplicate however old its put is', () => {
    const h = new Harness({ dedupWindowMs: 1_000 })
    h.put('m1')
    h.tick(60_000)
    const r = h.put('m1')
    assert.equal(r.status === 'ok' && r.duplicate, true)
    assert.equal(h.sm.stats().length, 1)
    assert.equal(h.sm.stats().dedupEntries, 0, 'the window entry expired; the stored message still dedups')
  })

  it('bounds the dedup table by count: the oldest ids are forgotten early', () => {
    const h = new Harness({ dedupWindowMs: 1_000_000, maxDedupEntries: 2 })
    for (const id of ['a', 'b', 'c']) h.put(id)
    for (const d of h.lease('c1', 3)) h.ack(d)
    assert.equal(h.sm.stats().dedupEntries, 2)
    assert.equal((h.put('a') as { duplicate: boolean }).duplicate, false, 'a was evicted')
    assert.equal((h.put('c') as { duplicate: boolean }).duplicate, true, 'c is remembered')
  })

  it('rejects with `full` at maxLength and maxBytes, and a message larger than maxBytes as tooLarge', () => {
    const h = new Harness({ maxLength: 2, maxBytes: 10 })
    assert.equal(h.put('a', '1234').status, 'ok')
    assert.equal(h.put('b', '1234').status, 'ok')
    assert.deepEqual(h.put('c', '1'), { command: 'put', status: 'full', id: 'c', reason: 'maxLength', length: 2, bytes: 8 })
    const d = one(h.lease('c1'))
    h.ack(d)
    assert.deepEqual(h.put('c', '1234567'), { command: 'put', status: 'full', id: 'c', reason: 'maxBytes', length: 1, bytes: 4 })
    assert.equal(h.put('c', '12345678901').status === 'full' && (h.put('c', '12345678901') as { reason: string }).reason, 'tooLarge')
    // A rejected put is not remembered: once there is room the same id goes in.
    assert.deepEqual(h.put('c', '123456'), { command: 'put', status: 'ok', id: 'c', seq: 3, duplicate: false })
    assert.equal(h.sm.stats().bytes, 10)
    assert.equal(h.sm.stats().totals.rejectedFull, 4)
  })
})

describe('queue state machine: leases and hand-off', () => {
  it('hands out first deliveries in put order, at most `count` per lease, fenced by the entry term', () => {
    const h = new Harness()
    for (const id of ['a', 'b', 'c', 'd', 'e']) h.put(id)
    h.term = 3
    const first = h.lease('c1', 2, 500)
    assert.deepEqual(first.map(d => d.id), ['a', 'b'])
    assert.deepEqual(first[0], { id: 'a', seq: 1, consumer: 'c1', term: 3, attempt: 1, deadline: h.clock + 500, producer: '', enqueuedAt: 1_000_000 })
    assert.deepEqual(h.lease('c2', 10).map(d => d.id), ['c', 'd', 'e'])
    assert.deepEqual(h.lease('c3', 10), [])
    assert.deepEqual({ ...h.sm.stats(), totals: undefined }, {
      ready: 0, leased: 5, delayed: 0, dead: 0, length: 5, bytes: 5, deadBytes: 0, lastIndex: 8, lastTerm: 3,
      clock: h.clock, dedupEntries: 5, sessions: 0, totals: undefined
    })
  })

  it('never leases a held message to anyone else until its lease expires', () => {
    const h = new Harness()
    h.put('a')
    const d1 = one(h.lease('c1', 1, 1000))
    assert.deepEqual(h.lease('c2', 5), [])
    h.tick(999)
    assert.deepEqual(h.expire().expired, [], 'not yet due')
    assert.deepEqual(h.lease('c2', 5), [])
    assert.equal(h.sm.nextLeaseDeadline(), d1.deadline)
    h.tick(1)
    assert.deepEqual(h.expire().expired, [{ id: 'a', seq: 1, consumer: 'c1', term: 1, attempt: 1, dead: false }])
    const d2 = one(h.lease('c2'))
    assert.equal(d2.attempt, 2)
    assert.equal(d2.consumer, 'c2')
    assert.equal(h.sm.get('a')?.history[0]?.outcome, 'expired')
  })

  it('removes a message exactly once: the first valid ack; a double ack of that delivery is idempotent', () => {
    const h = new Harness()
    h.put('a')
    const d = one(h.lease('c1'))
    assert.deepEqual(h.ack(d), { command: 'ack', status: 'acked', id: 'a', seq: 1 })
    assert.deepEqual(h.ack(d), { command: 'ack', status: 'alreadyAcked', id: 'a', seq: 1 })
    assert.equal(h.sm.get('a'), undefined)
    assert.equal(h.sm.stats().totals.acked, 1)
    assert.equal(h.sm.stats().length, 0)
    // Never delivered again.
    h.tick(10_000)
    h.expire()
    assert.deepEqual(h.lease('c2', 10), [])
  })

  it('rejects a stale ack (lease expired and re-leased) with a typed result and changes nothing', () => {
    const h = new Harness()
    h.put('a')
    const d1 = one(h.lease('c1', 1, 100))
    h.tick(100)
    h.expire()
    assert.deepEqual(h.ack(d1), { command: 'ack', status: 'stale', id: 'a', reason: 'notLeased' }, 'expired, not yet redelivered')
    const d2 = one(h.lease('c2', 1, 100))
    const before = h.sm.snapshot()
    const stale = h.ack(d1)
    assert.deepEqual(stale, { command: 'ack', status: 'stale', id: 'a', reason: 'fence' })
    assert.equal(h.sm.get('a')?.lease?.consumer, 'c2')
    assert.equal(h.sm.stats().totals.stale, 2)
    // Nothing but the applied index and the stale counter moved.
    const after = QueueStateMachine.restore(h.sm.snapshot()).stats()
    const was = QueueStateMachine.restore(before).stats()
    assert.deepEqual({ ...after, lastIndex: 0, totals: { ...after.totals, stale: 0 } }, { ...was, lastIndex: 0, totals: { ...was.totals, stale: 0 } })
    assert.equal(h.ack(d2).status, 'acked')
    assert.deepEqual(h.ack(d1), { command: 'ack', status: 'stale', id: 'a', reason: 'acked' })
  })

  it('rejects a fence from an older owner term, another consumer, or a made-up attempt', () => {
    const h = new Harness()
    h.put('a')
    h.term = 2
    const d = one(h.lease('c1'))
    h.term = 3
    assert.equal(h.ack({ ...d, term: 1 }).status, 'stale')
    assert.equal(h.ack({ ...d, consumer: 'c9' }).status, 'stale')
    assert.equal(h.ack({ ...d, attempt: 2 }).status, 'stale')
    assert.equal(h.ack({ ...d, seq: 7 }).status, 'stale')
    assert.equal(h.sm.get('a')?.state, 'leased')
    assert.equal(h.ack(d).status, 'acked', 'the real holder still acks after the owner changed')
    assert.deepEqual(h.ack({ ...d, id: 'never' }), { command: 'ack', status: 'notFound', id: 'never' })
  })

  it('accepts the holder’s ack after the deadline until an expire commits (nobody else can hold it yet)', () => {
    const h = new Harness()
    h.put('a')
    const d = one(h.lease('c1', 1, 100))
    h.tick(5_000)
    assert.equal(h.ack(d).status, 'acked')
  })

  it('tells a re-put of an id (after the window) from the old incarnation by seq', () => {
    const h = new Harness({ dedupWindowMs: 1_000 })
    h.put('a')
    const old = one(h.lease('c1'))
    h.ack(old)
    h.tick(1_000)
    h.put('a')
    const fresh = one(h.lease('c1'))
    assert.deepEqual([fresh.seq, fresh.attempt, fresh.term, fresh.consumer], [2, 1, old.term, old.consumer])
    assert.equal(h.ack(old).status, 'stale', 'same term, attempt and consumer, but another incarnation')
    assert.equal(h.ack(fresh).status, 'acked')
  })

  it('nack releases for redelivery (before fresh messages), or after a delay', () => {
    const h = new Harness()
    for (const id of ['a', 'b', 'c']) h.put(id)
    const da = one(h.lease('c1'))
    assert.deepEqual(h.nack(da), { command: 'nack', status: 'released', id: 'a', seq: 1, readyAt: h.clock })
    const again = one(h.lease('c2'))
    assert.deepEqual([again.id, again.attempt], ['a', 2], 'the released message goes out before b')
    assert.equal(h.nack(da).status, 'stale', 'a nack with the old fence changes nothing')
    const r = h.nack(again, { delayMs: 500 })
    assert.deepEqual(r, { command: 'nack', status: 'released', id: 'a', seq: 1, readyAt: h.clock + 500 })
    assert.equal(h.sm.stats().delayed, 1)
    assert.equal(h.sm.nextDelayReady(), h.clock + 500)
    assert.deepEqual(h.lease('c3', 10).map(d => d.id), ['b', 'c'])
    h.tick(500)
    const third = one(h.lease('c3'))
    assert.deepEqual([third.id, third.attempt], ['a', 3])
  })

  it('extend renews the lease only with the right fence', () => {
    const h = new Harness()
    h.put('a')
    const d = one(h.lease('c1', 1, 100))
    h.tick(50)
    assert.deepEqual(h.extend(d, 1_000), { command: 'extend', status: 'extended', id: 'a', deadline: h.clock + 1_000 })
    assert.equal(h.sm.nextLeaseDeadline(), h.clock + 1_000)
    h.tick(500)
    assert.deepEqual(h.expire().expired, [], 'the old deadline passed, the renewed one did not')
    assert.equal(h.extend({ ...d, attempt: 9 }, 1_000).status, 'stale')
    const unchanged = h.extend(d, 1)
    assert.equal(unchanged.status === 'extended' && unchanged.deadline, h.clock + 500, 'an extend never shortens the lease')
    h.tick(500)
    assert.equal(h.expire().expired.length, 1)
    assert.deepEqual(h.extend(d, 1_000), { command: 'extend', status: 'stale', id: 'a', reason: 'notLeased' })
  })

  it('expire takes back due leases in deadline order and honours `max`', () => {
    const h = new Harness()
    for (const id of ['a', 'b', 'c']) h.put(id)
    h.lease('c1', 1, 300)
    h.lease('c1', 1, 100)
    h.lease('c1', 1, 200)
    h.tick(1_000)
    const first = h.expire(2)
    assert.deepEqual(first.expired.map(e => e.id), ['b', 'c'])
    assert.equal(first.more, true)
    const second = h.expire(2)
    assert.deepEqual(second.expired.map(e => e.id), ['a'])
    assert.equal(second.more, false)
    assert.deepEqual(h.lease('c2', 3).map(d => d.id), ['b', 'c', 'a'], 'redelivered in release order')
  })

  it('makes delayed puts ready at delayUntil; first deliveries follow the order they became ready', () => {
    const h = new Harness()
    h.put('late', 'x', { delayUntil: h.clock + 1_000 })
    h.put('now1')
    h.put('soon', 'x', { delayUntil: h.clock + 500 })
    h.put('now2')
    assert.equal(h.sm.stats().delayed, 2)
    assert.equal(h.sm.nextDelayReady(), h.clock + 500)
    assert.deepEqual(h.lease('c1', 10).map(d => d.id), ['now1', 'now2'])
    h.tick(1_000)
    assert.deepEqual(h.lease('c1', 10).map(d => [d.id, d.attempt]), [['soon', 1], ['late', 1]])
  })
})

describe('queue state machine: dead letters', () => {
  it('dead-letters a message whose lease ends after maxDeliveries, with reason and history', () => {
    const h = new Harness({ maxDeliveries: 2 })
    h.put('a', 'poison', { producer: 'p1' })
    const t0 = h.clock
    one(h.lease('c1', 1, 100))
    h.tick(100)
    assert.deepEqual(h.expire().expired.map(e => e.dead), [false])
    const d2 = one(h.lease('c2', 1, 100))
    h.tick(100)
    assert.deepEqual(h.expire().expired.map(e => e.dead), [true])
    assert.deepEqual(h.lease('c3', 10), [])
    const dead = h.sm.peekDead()
    assert.equal(dead.length, 1)
    const m = dead[0]!
    assert.deepEqual([m.id, m.reason, m.state, m.attempt, m.producer, m.deadAt, text(m.payload)], ['a', 'maxDeliveries', 'dead', 2, 'p1', h.clock, 'poison'])
    assert.deepEqual(m.history, [
      { attempt: 1, consumer: 'c1', term: 1, leasedAt: t0, deadline: t0 + 100, endedAt: t0 + 100, outcome: 'expired' },
      { attempt: 2, consumer: 'c2', term: 1, leasedAt: t0 + 100, deadline: t0 + 200, endedAt: t0 + 200, outcome: 'expired' }
    ])
    assert.deepEqual([h.sm.stats().dead, h.sm.stats().length, h.sm.stats().bytes, h.sm.stats().deadBytes], [1, 0, 0, 6])
    assert.deepEqual(h.ack(d2), { command: 'ack', status: 'stale', id: 'a', reason: 'dead' })
    assert.equal((h.put('a') as { duplicate: boolean }).duplicate, true, 'a dead message still dedups its id')
  })

  it('counts nacks toward maxDeliveries; per-message limits override the queue’s; nack can dead-letter directly', () => {
    const h = new Harness({ maxDeliveries: 5 })
    h.put('once', 'x', { maxDeliveries: 1 })
    h.put('reject')
    h.put('unlimited', 'x', { maxDeliveries: 0 })
    const [a, b, c] = h.lease('c1', 3)
    assert.deepEqual(h.nack(a!), { command: 'nack', status: 'dead', id: 'once', seq: 1, reason: 'maxDeliveries' })
    assert.deepEqual(h.nack(b!, { deadLetter: true }), { command: 'nack', status: 'dead', id: 'reject', seq: 2, reason: 'rejected' })
    let d = c!
    for (let i = 0; i < 10; i++) {
      assert.equal(h.nack(d).status, 'released')
      d = one(h.lease('c1'))
    }
    assert.equal(d.attempt, 11)
    assert.deepEqual(h.sm.peekDead().map(m => [m.id, m.reason, m.history.at(-1)?.outcome]), [['once', 'maxDeliveries', 'nacked'], ['reject', 'rejected', 'rejected']])
  })

  it('a lease given back unsent (the owner held it ahead) is no delivery: ready again, budget and history untouched, its fence stale', () => {
    const h = new Harness({ maxDeliveries: 2 })
    h.put('a')
    h.put('b')
    const [a1, b1] = h.lease('c1', 2)
    assert.deepEqual(h.nack(a1!, { unsent: true }), { command: 'nack', status: 'released', id: 'a', seq: 1, readyAt: h.clock })
    assert.equal(h.sm.stats().ready, 1)
    assert.equal(h.sm.stats().totals.delivered, 1, 'only b counts as delivered')
    assert.equal(h.ack(a1!).status, 'stale', 'the given-back fence holds nothing')
    // Leased again: a new fence (attempts never repeat). With maxDeliveries 2, the given-back lease
    // used none of the budget: the first real delivery's nack releases it, the second's is the last.
    const a2 = one(h.lease('c2'))
    assert.deepEqual([a2.id, a2.attempt], ['a', 2])
    assert.equal(h.nack(a2).status, 'released')
    const a3 = one(h.lease('c2'))
    assert.deepEqual(h.nack(a3), { command: 'nack', status: 'dead', id: 'a', seq: 1, reason: 'maxDeliveries' })
    assert.deepEqual(h.sm.peekDead()[0]?.history.map(x => [x.attempt, x.consumer, x.outcome]), [[2, 'c2', 'nacked'], [3, 'c2', 'nacked']])
    assert.equal(h.nack(b1!).status, 'released')
    // unsent goes with neither a delay nor dead-lettering.
    h.put('c')
    const c1 = one(h.lease('c1'))
    assert.throws(() => h.nack(c1, { unsent: true, delayMs: 5 }), InvalidCommandError)
    assert.throws(() => h.nack(c1, { unsent: true, deadLetter: true }), InvalidCommandError)
  })

  it('re-queues dead messages by id or all; attempts keep counting so old fences stay stale', () => {
    const h = new Harness({ maxDeliveries: 1 })
    for (const id of ['a', 'b', 'c']) h.put(id)
    const ds = h.lease('c1', 3)
    for (const d of ds) h.nack(d)
    assert.equal(h.sm.stats().dead, 3)
    assert.deepEqual(h.apply({ requeueDead: { ids: ['b', 'zz'] } }), { command: 'requeueDead', status: 'ok', requeued: ['b'], missing: ['zz'] })
    const b2 = one(h.lease('c2'))
    assert.deepEqual([b2.id, b2.attempt], ['b', 2])
    assert.equal(h.ack(ds[1]!).status, 'stale')
    assert.equal(h.ack(b2).status, 'acked')
    assert.deepEqual(h.apply({ requeueDead: { all: true } }), { command: 'requeueDead', status: 'ok', requeued: ['a', 'c'], missing: [] })
    assert.deepEqual(h.sm.stats().dead, 0)
    // The delivery budget starts again: one more delivery before it dies again.
    const a2 = one(h.lease('c2'))
    assert.equal(h.nack(a2).status, 'dead')
  })

  it('bounds the dead-letter set by maxDead, dropping (and counting) the oldest', () => {
    const h = new Harness({ maxDeliveries: 1, maxDead: 2 })
    for (const id of ['a', 'b', 'c']) h.put(id)
    for (const d of h.lease('c1', 3)) h.nack(d, { deadLetter: true })
    assert.deepEqual(h.sm.peekDead().map(m => m.id), ['b', 'c'])
    assert.equal(h.sm.stats().totals.deadDropped, 1)
    assert.equal(h.sm.get('a'), undefined)
  })
})

describe('queue state machine: sessions, time, bad input', () => {
  it('returns the original result for a retried (client, requestId) without applying it again', () => {
    const h = new Harness()
    for (const id of ['a', 'b', 'c']) h.put(id)
    const first = h.apply({ client: 'owner', requestId: 7, lease: { consumer: 'c1', count: 2, leaseMs: 1000 } }) as LeaseResult
    h.tick(10)
    const retry = h.apply({ client: 'owner', requestId: 7, lease: { consumer: 'c1', count: 2, leaseMs: 1000 } }) as LeaseResult
    assert.deepEqual(retry, first)
    assert.equal(h.sm.stats().leased, 2, 'the retry leased nothing more')
    // The cached copy is not shared with the caller.
    retry.deliveries.length = 0
    assert.deepEqual(h.apply({ client: 'owner', requestId: 7, lease: { consumer: 'c1', count: 2, leaseMs: 1000 } }), first)
    // A retried ack after the message is gone still answers as the first time.
    const d = first.deliveries[0]!
    const ack = h.apply({ client: 'c1', requestId: 1, ack: d })
    assert.deepEqual(h.apply({ client: 'c1', requestId: 1, ack: d }), ack)
    assert.equal(h.sm.stats().sessions, 2)
  })

  it('answers requestExpired for a retry whose result was forgotten, and does not apply it', () => {
    const h = new Harness({ maxResultsPerClient: 2 })
    for (let i = 1; i <= 3; i++) h.apply({ client: 'p', requestId: i, put: { id: `m${i}`, payload: new Uint8Array(1) } })
    assert.deepEqual(h.apply({ client: 'p', requestId: 1, put: { id: 'm1', payload: new Uint8Array(1) } }),
      { command: 'requestExpired', status: 'requestExpired', attempted: 'put', client: 'p', requestId: 1 })
    assert.equal((h.apply({ client: 'p', requestId: 2, put: { id: 'm2', payload: new Uint8Array(1) } }) as { duplicate: boolean }).duplicate, false, 'still cached')
    // firstIncomplete lets the client release results early.
    h.apply({ client: 'p', requestId: 4, firstIncomplete: 4, put: { id: 'm4', payload: new Uint8Array(1) } })
    assert.equal(h.apply({ client: 'p', requestId: 3, put: { id: 'm3', payload: new Uint8Array(1) } }).status, 'requestExpired')
    assert.equal(h.sm.stats().totals.put, 4)
  })

  it('forgets idle sessions after sessionTtlMs', () => {
    const h = new Harness({ sessionTtlMs: 1_000 })
    h.apply({ client: 'p', requestId: 1, put: { id: 'm1', payload: new Uint8Array(1) } })
    h.tick(1_000)
    h.put('other')
    assert.equal(h.sm.stats().sessions, 0)
  })

  it('never moves time backwards when a new owner’s clock is behind', () => {
    const h = new Harness()
    h.put('a')
    const d = one(h.lease('c1', 1, 1_000))
    h.tick(-60_000)
    h.term = 2
    assert.equal(h.sm.now, d.deadline - 1_000)
    const r = h.extend(d, 5_000)
    assert.equal(r.status === 'extended' && r.deadline, d.deadline - 1_000 + 5_000, 'deadline counted from the machine time, not the owner clock')
    h.tick(1).put('b')
    assert.equal(h.sm.get('b')?.enqueuedAt, d.deadline - 1_000)
  })

  it('applies garbage and invalid commands as typed no-ops', () => {
    const h = new Harness()
    h.put('a')
    const before = h.sm.stats()
    const results: QueueResult[] = [
      h.raw(new Uint8Array([0xff, 0xff, 0xff, 0xff])),
      h.raw(new Uint8Array(0)),
      h.raw(QueueCommand.encode({ version: 2, now: 1, put: { id: 'x', payload: new Uint8Array(1), producer: '', delayUntil: 0 } })),
      h.raw(QueueCommand.encode({ version: 1, now: 1, lease: { consumer: 'c', count: 0, leaseMs: 10 } })),
      h.raw(QueueCommand.encode({ version: 1, now: 1, put: { id: '', payload: new Uint8Array(1), producer: '', delayUntil: 0 } })),
      h.raw(QueueCommand.encode({ version: 1, now: 1 })), // no body
      h.raw(QueueCommand.encode({ version: 1, now: 1, put: { id: 'x', payload: new Uint8Array(1), producer: '', delayUntil: 0 }, lease: { consumer: 'c', count: 1, leaseMs: 10 } })), // two bodies
      h.raw(QueueCommand.encode({ version: 1, now: 1, configure: { maxLength: 0 } }))
    ]
    for (const r of results) assert.equal(r.status, 'invalid', JSON.stringify(r))
    assert.deepEqual(results.map(r => r.status === 'invalid' && r.attempted), ['unknown', 'unknown', 'unknown', 'lease', 'put', 'unknown', 'unknown', 'configure'])
    assert.deepEqual({ ...h.sm.stats(), lastIndex: 0 }, { ...before, lastIndex: 0 })
    assert.throws(() => encodeCommand({ now: 1, lease: { consumer: '', count: 1, leaseMs: 1 } }), InvalidCommandError)
  })

  it('treats Raft no-op and config entries as no-ops, and refuses an index applied twice', () => {
    const h = new Harness()
    assert.deepEqual(h.raw(new Uint8Array([1, 2, 3]), 'noop'), { command: 'noop', status: 'ok' })
    assert.equal(h.sm.appliedIndex, 1)
    assert.throws(() => h.sm.apply({ index: 1, term: 1, data: new Uint8Array(0) }), ApplyOrderError)
    assert.throws(() => h.sm.apply({ index: 5, term: 0, data: new Uint8Array(0) }), ApplyOrderError)
  })

  it('purges ready and delayed messages (leased ones stay), or the dead-letter set', () => {
    const h = new Harness({ maxDeliveries: 1 })
    for (const id of ['a', 'b', 'c']) h.put(id)
    h.put('d', 'x', { delayUntil: h.clock + 100 })
    const da = one(h.lease('c1'))
    const db = one(h.lease('c1'))
    h.nack(db)
    assert.deepEqual(h.apply({ purge: {} }), { command: 'purge', status: 'ok', removed: 2 })
    assert.deepEqual([h.sm.stats().length, h.sm.stats().dead], [1, 1])
    assert.equal(h.ack(da).status, 'acked')
    assert.deepEqual(h.apply({ purge: { dead: true } }), { command: 'purge', status: 'ok', removed: 1 })
    assert.deepEqual({ ...h.sm.stats(), totals: undefined, lastIndex: 0, clock: 0, dedupEntries: 0 }, {
      ready: 0, leased: 0, delayed: 0, dead: 0, length: 0, bytes: 0, deadBytes: 0, lastIndex: 0, lastTerm: 1, clock: 0, dedupEntries: 0, sessions: 0, totals: undefined
    })
  })

  it('configure changes limits through the log', () => {
    const h = new Harness()
    h.put('a')
    const r = h.apply({ configure: { maxLength: 1, maxDeliveries: 3 } })
    assert.equal(r.status, 'ok')
    assert.equal(h.sm.limits.maxLength, 1)
    assert.equal(h.put('b').status, 'full')
  })

  it('round-trips a snapshot and refuses a corrupt one', () => {
    const h = new Harness({ maxDeliveries: 2 })
    for (const id of ['a', 'b', 'c', 'd']) h.put(id, `payload-${id}`)
    h.put('e', 'x', { delayUntil: h.clock + 10_000 })
    const [a, b] = h.lease('c1', 2, 100)
    h.apply({ client: 'x', requestId: 1, ack: a! })
    h.nack(b!)
    const snap = h.sm.snapshot()
    const r = QueueStateMachine.restore(snap)
    assert.deepEqual(r.snapshot(), snap)
    assert.deepEqual(r.stats(), h.sm.stats())
    assert.equal(text(r.get('c')?.payload), 'payload-c')
    assert.throws(() => QueueStateMachine.restore(new Uint8Array([0xff, 0x01, 0x02])), SnapshotFormatError)
    assert.throws(() => QueueStateMachine.restore(new Uint8Array(0)), SnapshotFormatError)
  })
})
