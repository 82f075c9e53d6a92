import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { check, summarize } from '../../src/queue/checker/index.js'
import { createTestCluster } from '../../src/testkit/index.js'
import { Workload } from './fixtures/workload.js'

// The data path on the real control plane (no in-memory directory): placement by the control
// group formed with `cluster: { expect: 3 }`, then an owner killed mid-stream.
describe('queue on the Raft control plane', () => {
  it('declares through the control group, replicates on 3 peers, survives the owner being stopped', async () => {
    const cluster = await createTestCluster({ size: 3, mesh: { cluster: { expect: 3 }, failureDetection: { pingInterval: 500, pingTimeout: 500 } } })
    try {
      const w = new Workload(cluster, 'cp', { replicas: 3, ackTimeout: 2000 })
      const placement = await w.queueAt(0).ready({ timeout: 20_000 })
      assert.equal(placement.replicas.length, 3)
      for (const m of cluster.meshes) assert.deepEqual(m.queues?.directory.get('cp')?.replicas.slice().sort(), placement.replicas.slice().sort())
      const owner = cluster.peerIds.indexOf((await w.queueAt(1).stats()).owner)
      const others = [0, 1, 2].filter(i => i !== owner)
      w.consume(others[0], 8)
      w.consume(others[1], 8)
      const producing = w.produce(() => others[0], 'c', 200, 8)
      await w.waitForAcks(20) // mid-stream: messages are flowing when the owner goes
      await cluster.stop(owner)
      await producing
      await w.drain(30_000)
      await w.stop()
      const r = check(w.history.history())
      assert.ok(r.ok, summarize(r))
      assert.equal(r.enqueued, 200)
    } finally {
      await cluster.stopAll()
    }
  })
})
