import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { check, summarize } from '../../src/queue/checker/index.js'
import type { TestCluster } from '../../src/testkit/index.js'
import type { LocalPlacementRegistry } from '../../src/queue/local-directory.js'
import { queueCluster, sleep, Workload } from './fixtures/workload.js'

/** The replica leading the queue, by asking a peer's stats (which the owner answers). */
async function ownerIndex (cluster: TestCluster, name: string, via = 0): Promise<number> {
  const s = await cluster.mesh(via).queue(name).stats()
  return cluster.peerIds.indexOf(s.owner)
}

function assertChecked (w: Workload): void {
  const r = check(w.history.history())
  assert.ok(r.ok, summarize(r))
  assert.equal(r.lost.length, 0)
  assert.equal(r.duplicatedAcks.length, 0)
  assert.equal(r.enqueued, w.putOk.size)
}

/** Runs `fn` on a fresh 3-peer cluster and always stops it (one cluster at a time keeps timings honest). */
async function withCluster (fn: (cluster: TestCluster, registry: LocalPlacementRegistry) => Promise<void>, size = 3): Promise<void> {
  const { cluster, registry } = await queueCluster(size)
  try {
    await fn(cluster, registry)
  } finally {
    await cluster.stopAll()
  }
}

describe('queue on a 3-peer cluster', () => {

  it('exactly-once with producers and consumers on different peers; FIFO for one consumer', async () => { await withCluster(async cluster => {
    // FIFO: one producer putting in sequence, one consumer on another peer.
    const fifo = new Workload(cluster, 'fifo')
    await fifo.queueAt(0).ready()
    await fifo.produce(0, 'f', 60, 1)
    const c = fifo.consume(2, 4)
    await fifo.drain(20_000)
    await fifo.stop()
    const firsts = c.received.filter(r => r.attempt === 1).map(r => r.id)
    assert.deepEqual(firsts, fifo.order)
    assertChecked(fifo)

    const w = new Workload(cluster, 'eo')
    await w.queueAt(0).ready()
    const consumers = [w.consume(1, 8), w.consume(2, 8), w.consume(0, 2)]
    await Promise.all([w.produce(0, 'a', 150, 8), w.produce(1, 'b', 150, 8)])
    await w.drain(30_000)
    await w.stop()
    assertChecked(w)
    for (const h of consumers) assert.ok(h.maxHeld <= (h.peer === 0 ? 2 : 8), `consumer on ${h.peer} held ${h.maxHeld}`)
    const stats = await w.queueAt(1).stats()
    assert.equal(stats.ready + stats.leased + stats.delayed, 0)
    assert.equal(stats.replicas.length, 3)
  }) })

  it('kill the owner mid-stream: hand-off continues, nothing lost, no duplicate ack', async () => { await withCluster(async cluster => {
    const w = new Workload(cluster, 'kill', { ackTimeout: 2000 })
    await w.queueAt(0).ready()
    const owner = await ownerIndex(cluster, 'kill')
    const others = [0, 1, 2].filter(i => i !== owner)
    w.consume(others[0], 8)
    w.consume(others[1], 8)
    const producing = w.produce(() => others[0], 'k', 300, 8)
    await w.waitForAcks(30) // mid-stream: messages are flowing when the owner goes
    const t0 = Date.now()
    await cluster.stop(owner)
    await producing
    await w.drain(30_000)
    const newOwner = await ownerIndex(cluster, 'kill', others[0])
    assert.ok(others.includes(newOwner))
    await w.stop()
    assertChecked(w)
    // A graceful stop hands ownership over first: the stream of acks barely pauses.
    const acks = w.history.history().filter(op => op.type === 'ack' && op.outcome === 'ok' && op.completeAt >= t0 - 1000).map(op => (op as { completeAt: number }).completeAt).sort((a, b) => a - b)
    const gap = Math.max(...acks.slice(1).map((t, i) => t - acks[i]))
    console.log(`longest gap between acks around the owner's stop: ${gap} ms`)
    assert.ok(gap < 5000, `acks stalled for ${gap} ms`)
  }) })

  it('partition the owner into a minority: it hands out nothing; the majority keeps working', async () => { await withCluster(async cluster => {
    const w = new Workload(cluster, 'part', { ackTimeout: 1500 })
    await w.queueAt(0).ready()
    const owner = await ownerIndex(cluster, 'part')
    const others = [0, 1, 2].filter(i => i !== owner)
    const minority = w.consume(owner, 4)
    w.consume(others[0], 4)
    await w.produce(others[1], 'p1', 40, 4)
    await cluster.partition([owner], others)
    // Let the old owner notice (check-quorum) and the majority elect.
    await sleep(1000)
    const before = minority.received.length
    await w.produce(others[1], 'p2', 80, 4, Date.now() + 20_000)
    const newOwner = await ownerIndex(cluster, 'part', others[0])
    assert.ok(others.includes(newOwner), 'the majority elected an owner')
    assert.equal(minority.received.length, before, 'the minority received nothing while cut off')
    await cluster.heal()
    await w.drain(30_000)
    await w.stop()
    assertChecked(w)
  }) })

  it('cut off the owner while it holds leases ahead of credit (a backlog): the new owner hands them on within prefetch, nothing lost', async () => { await withCluster(async cluster => {
    const w = new Workload(cluster, 'ahead', { ackTimeout: 3000 })
    await w.queueAt(0).ready()
    const first = await ownerIndex(cluster, 'ahead')
    const others = [0, 1, 2].filter(i => i !== first)
    // A backlog first, well past the point where the owner leases ahead (256 ready, unclaimed).
    await w.produce(others[0], 'b', 900, 32)
    const consumers = [w.consume(others[0], 8, 2), w.consume(others[1], 8, 2)]
    await w.waitForAcks(100)
    // The owner now (placement may have moved it), and what it holds ahead of its sessions' credit.
    const owner = cluster.meshes.findIndex(m => m.queues?.replica('ahead')?.owner?.isClosed === false)
    const owned = cluster.mesh(owner).queues!.replica('ahead')!.owner!
    const held = [...(owned as unknown as { sessions: Map<string, { ahead: unknown[] }> }).sessions.values()].reduce((n, s) => n + s.ahead.length, 0)
    assert.ok(held > 0, 'the owner holds leases ahead of credit')
    await cluster.isolate(owner)
    await w.waitForAcks(500, 30_000) // the majority's new owner goes on, the old owner's reserve included
    await cluster.heal()
    await w.drain(30_000)
    await w.stop()
    assertChecked(w)
    for (const c of consumers) assert.ok(c.maxHeld <= 8, `consumer on ${c.peer} held ${c.maxHeld} with prefetch 8`)
  }) })

  it('isolate a consumer: its lease expires, the message is redelivered, its late ack is stale', async () => { await withCluster(async cluster => {
    const name = 'isolate'
    const q0 = cluster.mesh(0).queue<string>(name, { ackTimeout: 800 })
    await q0.ready()
    const owner = await ownerIndex(cluster, name)
    const victim = [0, 1, 2].find(i => i !== owner) as number
    const rescuer = [0, 1, 2].find(i => i !== owner && i !== victim) as number
    await q0.put('job', { id: 'job-1' })
    const held = await cluster.mesh(victim).queue<string>(name).take({ timeout: 5000 })
    assert.equal(held.attempt, 1)
    await cluster.isolate(victim)
    const again = await cluster.mesh(rescuer).queue<string>(name).take({ timeout: 10_000 })
    assert.equal(again.id, 'job-1')
    assert.equal(again.attempt, 2)
    await again.ack()
    await cluster.heal()
    // The isolated consumer comes back and acks its expired delivery: rejected, typed.
    await assert.rejects(held.ack({ timeout: 10_000 }), (err: Error & { code?: string, reason?: string }) => err.code === 'ERR_STALE_ACK' && err.reason === 'acked')
    const s = await q0.stats()
    assert.equal(s.ready + s.leased, 0)
  }) })

  it('slow consumers and producers retrying after short timeouts: dedup keeps one copy', async () => { await withCluster(async cluster => {
    const w = new Workload(cluster, 'slow', { ackTimeout: 3000 })
    await w.queueAt(0).ready()
    w.consume(1, 2, 30)
    w.consume(2, 16)
    // Very short put deadlines make many puts time out and be retried with the same id.
    await w.produce(0, 's', 100, 16, Date.now() + 60_000, 120)
    await w.drain(30_000)
    await w.stop()
    assertChecked(w)
    const s = await w.queueAt(0).stats()
    assert.equal(s.totals.put, 100, 'each id stored once')
  }) })

  it('restart every peer (dataDir): committed messages survive', async () => { await withCluster(async cluster => {
    const w = new Workload(cluster, 'restart')
    await w.queueAt(0).ready()
    await w.produce(0, 'r', 100, 8)
    for (const i of [0, 1, 2]) await cluster.stop(i)
    for (const i of [0, 1, 2]) await cluster.restart(i)
    w.consume(1, 8)
    w.consume(2, 8)
    await w.drain(30_000)
    await w.stop()
    assertChecked(w)
  }) })

  it('a replaced replica: the owner adds the new one (learner, then voter) and removes the old', async () => { await withCluster(async (cluster, registry) => {
    const w = new Workload(cluster, 'moved', { replicas: 3 })
    const placement = await w.queueAt(0).ready()
    const spare = cluster.peerIds.findIndex(id => !placement.replicas.includes(id))
    const owner = await ownerIndex(cluster, 'moved')
    const gone = placement.replicas.map(id => cluster.peerIds.indexOf(id)).find(i => i !== owner) as number
    await w.produce(owner, 'm1', 50, 8)
    await cluster.stop(gone)
    registry.update('moved', { replicas: placement.replicas.map(id => id === cluster.peerIds[gone] ? cluster.peerIds[spare] : id) })
    const deadline = Date.now() + 15_000
    for (;;) {
      const s = await cluster.mesh(owner).queue('moved').stats()
      if (s.replicas.includes(cluster.peerIds[spare]) && !s.replicas.includes(cluster.peerIds[gone]) && s.replicas.length === 3) break
      assert.ok(Date.now() < deadline, `membership still ${s.replicas.join(',')}`)
      await sleep(100)
    }
    // The old owner goes too: the two remaining replicas (one of them new) still hold everything.
    const survivor = [0, 1, 2, 3].find(i => i !== owner && i !== gone && i !== spare) as number
    await w.produce(survivor, 'm2', 20, 4)
    await cluster.stop(owner)
    w.consume(spare, 8)
    w.consume(survivor, 8)
    await w.drain(30_000)
    await w.stop()
    assertChecked(w)
  }, 4) })
})
