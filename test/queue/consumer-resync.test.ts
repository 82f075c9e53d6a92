// A consumer whose credit at the owner drifted to nothing (credit is counted on both sides,
// across owner changes, re-pushes and acks in flight) must not starve while messages wait:
// once it holds nothing and is owed nothing, its keep-alive reopens the session and the owner
// recomputes the credit from what it pushed and did not get back.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createMesh, type Mesh } from '../../src/index.js'
import { raceSignal } from '../../src/signal.js'

describe('queue consumer: credit resync', () => {
  let mesh: Mesh
  before(async () => { mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] }) })
  after(async () => { await mesh.stop() })

  it('a session whose owner-side credit was lost gets it back and drains the queue', async () => {
    const q = mesh.queue<number>('resync')
    const consumer = q.consume({ prefetch: 4 })
    const it = consumer[Symbol.asyncIterator]()
    await q.putAll([1, 2], { timeout: 10_000 })
    for (let i = 0; i < 2; i++) {
      const r = await it.next()
      await r.value!.ack()
    }
    // Simulate the drift: the owner forgets every credit of the session.
    const owner = mesh.queues!.replica('resync')!.owner!
    const sessions = (owner as unknown as { sessions: Map<string, { credit: number }> }).sessions
    assert.equal(sessions.size, 1)
    for (const s of sessions.values()) s.credit = 0
    await q.putAll([3, 4, 5, 6, 7, 8], { timeout: 10_000 })
    const got: number[] = []
    const deadline = Date.now() + 15_000
    while (got.length < 6) {
      const r = await raceSignal(it.next(), { timeout: Math.max(1, deadline - Date.now()) }, `waiting for a delivery (starved after ${got.join(',')})`)
      got.push(r.value!.value)
      await r.value!.ack()
    }
    assert.deepEqual(got, [3, 4, 5, 6, 7, 8])
    await it.return?.()
    const s = await q.stats()
    assert.equal(s.ready + s.leased, 0)
  })
})
