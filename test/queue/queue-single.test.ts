import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createMesh, type Mesh } from '../../src/index.js'
import { QueueFullError, StaleAckError } from '../../src/queue/errors.js'

describe('queue on a single peer', () => {
  let mesh: Mesh
  before(async () => { mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] }) })
  after(async () => { await mesh.stop() })

  it('put, take, ack; FIFO; nothing left', async () => {
    const q = mesh.queue<{ n: number }>('single-basic')
    for (let i = 0; i < 20; i++) await q.put({ n: i })
    const got: number[] = []
    for (let i = 0; i < 20; i++) {
      const d = await q.take({ timeout: 5000 })
      assert.equal(d.attempt, 1)
      got.push(d.value.n)
      await d.ack()
    }
    assert.deepEqual(got, [...Array(20).keys()])
    const s = await q.stats()
    assert.equal(s.ready, 0)
    assert.equal(s.leased, 0)
    assert.equal(s.owner, mesh.peerId)
    assert.equal(s.totals.acked, 20)
  })

  it('dedup: the same id twice is stored once and resolves with the first result', async () => {
    const q = mesh.queue<string>('single-dedup')
    const a = await q.put('x', { id: 'm1' })
    const b = await q.put('y', { id: 'm1' })
    assert.equal(a.duplicate, false)
    assert.equal(b.duplicate, true)
    assert.equal(b.seq, a.seq)
    assert.equal((await q.stats()).ready, 1)
    const d = await q.take({ timeout: 5000 })
    assert.equal(d.value, 'x')
    await d.ack()
    await d.ack() // double ack resolves too
  })

  it('puts made in one turn travel in one request and each gets its own result', async () => {
    const q = mesh.queue<string>('single-turn')
    await q.ready()
    // Count the put requests that leave this handle.
    const svc = mesh.queues!
    const request = svc.request
    const puts: number[] = []
    svc.request = async (peer, op, timeout, signal) => {
      if (op.put !== undefined) puts.push(op.put.items.length)
      return await request.call(svc, peer, op, timeout, signal)
    }
    let rs
    try {
      rs = await Promise.all([q.put('a', { id: 'x' }), q.put('b', { id: 'x' }), q.put('c', { id: 'y' })])
    } finally {
      svc.request = request
    }
    // One request with all three (sent again as a whole while the new queue elects its owner).
    assert.ok(puts.length >= 1 && puts.every(n => n === 3), JSON.stringify(puts))
    assert.deepEqual(rs.map(r => [r.id, r.duplicate]), [['x', false], ['x', true], ['y', false]])
    assert.equal(rs[1].seq, rs[0].seq)
    assert.equal((await q.stats()).ready, 2)
    const d = await q.take({ timeout: 5000 })
    assert.equal(d.value, 'a')
    await d.ack()
  })

  it('lease expiry → redelivery with attempt+1; the old ack is stale', async () => {
    const q = mesh.queue<string>('single-expiry', { ackTimeout: 200 })
    await q.put('v', { id: 'e1' })
    const first = await q.take({ timeout: 5000 })
    assert.equal(first.attempt, 1)
    const second = await q.take({ timeout: 5000 })
    assert.equal(second.id, 'e1')
    assert.equal(second.attempt, 2)
    await assert.rejects(first.ack(), StaleAckError)
    await second.ack()
  })

  it('nack with delay; maxDeliveries → dead letter → requeue', async () => {
    const q = mesh.queue<string>('single-dead', { maxDeliveries: 2 })
    await q.put('p', { id: 'poison' })
    const t0 = Date.now()
    const d1 = await q.take({ timeout: 5000 })
    await d1.nack({ delay: 300 })
    const d2 = await q.take({ timeout: 5000 })
    assert.ok(Date.now() - t0 >= 280, 'delayed redelivery')
    assert.equal(d2.attempt, 2)
    await d2.nack()
    const dead = await q.deadLetters()
    assert.deepEqual(dead.map(m => [m.id, m.value, m.reason]), [['poison', 'p', 'maxDeliveries']])
    assert.equal((await q.stats()).dead, 1)
    const r = await q.requeueDead()
    assert.deepEqual(r.requeued, ['poison'])
    const d3 = await q.take({ timeout: 5000 })
    assert.equal(d3.attempt, 3)
    await d3.ack()
    assert.equal((await q.stats()).dead, 0)
  })

  it('maxLength: reject throws QueueFullError, block waits for room', async () => {
    const q = mesh.queue<number>('single-full', { maxLength: 2 })
    await q.put(1)
    await q.put(2)
    await assert.rejects(q.put(3), QueueFullError)
    const qb = mesh.queue<number>('single-full', { overflow: 'block' })
    let done = false
    const blocked = qb.put(3).then(() => { done = true })
    await new Promise(resolve => setTimeout(resolve, 200))
    assert.equal(done, false)
    const d = await q.take({ timeout: 5000 })
    await d.ack()
    await blocked
    assert.equal(done, true)
  })

  it("waitFor: 'ack' resolves only once a consumer acked", async () => {
    const q = mesh.queue<string>('single-rendezvous')
    let resolved = false
    const p = q.put('hello', { waitFor: 'ack' }).then(() => { resolved = true })
    const d = await q.take({ timeout: 5000 })
    await new Promise(resolve => setTimeout(resolve, 100))
    assert.equal(resolved, false)
    await d.ack()
    await p
    assert.equal(resolved, true)
  })

  it('credit: a consumer never holds more than prefetch', async () => {
    const q = mesh.queue<number>('single-credit')
    await q.putAll([...Array(50).keys()])
    const c = q.consume({ prefetch: 4 })
    let max = 0
    let n = 0
    for await (const d of c) {
      max = Math.max(max, c.holding)
      await new Promise(resolve => setTimeout(resolve, 2))
      await d.ack()
      if (++n === 50) break
    }
    assert.ok(max <= 4, `held ${max}`)
  })

  it('extend renews the lease past ackTimeout; a delayed put is not delivered early', async () => {
    const q = mesh.queue<string>('single-extend', { ackTimeout: 300 })
    await q.put('v', { id: 'x1' })
    const d = await q.take({ timeout: 5000 })
    const deadline = await d.extend(1500)
    assert.ok(deadline >= d.deadline)
    await new Promise(resolve => setTimeout(resolve, 600))
    await d.ack() // still holds it: the extended lease did not expire
    const t0 = Date.now()
    await q.put('later', { delay: 400 })
    const late = await q.take({ timeout: 5000 })
    assert.ok(Date.now() - t0 >= 380, `delivered after ${Date.now() - t0} ms`)
    await late.ack()
  })
})
