// Graceful leave (`mesh.leave()`): a member that won't come back hands its queue replicas over and
// leaves the control group before stopping, so the cluster doesn't wait `queues.replaceAfter` to
// replace it and never loses a majority to it. Waits on events (placements, members, Raft state),
// with a slow re-check for conditions that are only visible through a request (queue stats).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createMesh, type Mesh } from '../../src/node/mesh.js'
import { ClosedError } from '../../src/errors.js'
import { createTestCluster, type TestCluster } from '../../src/testkit/index.js'

const LOOPBACK = ['/ip4/127.0.0.1/tcp/0']

/**
 * Resolves once `condition()` holds: re-checked on every placement/members event and control-group
 * state change of `meshes`, and every 100 ms for what no event announces (an async condition).
 */
async function until (meshes: Mesh[], condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const { promise, resolve, reject } = Promise.withResolvers<void>()
  let checking = false
  const check = (): void => {
    if (checking) return
    checking = true
    Promise.resolve().then(condition).then(ok => { if (ok) resolve() }, () => {}).finally(() => { checking = false })
  }
  const timer = setTimeout(() => { reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)) }, timeoutMs)
  const backstop = setInterval(check, 100)
  const planes = meshes.flatMap(m => m.controlPlane === undefined ? [] : [m.controlPlane])
  const groups = planes.flatMap(p => p.raftGroup === undefined ? [] : [p.raftGroup])
  for (const p of planes) { p.on('placement', check); p.on('members', check) }
  for (const g of groups) g.on('state', check)
  check()
  try {
    await promise
  } finally {
    clearTimeout(timer)
    clearInterval(backstop)
    for (const p of planes) { p.off('placement', check); p.off('members', check) }
    for (const g of groups) g.off('state', check)
  }
}

/** Every place a peer could appear in a member's view of the cluster. */
function appearances (member: Mesh, peer: string): string[] {
  const plane = member.controlPlane!
  const s = plane.status()
  const found: string[] = []
  if (s.voters.includes(peer)) found.push('control voters')
  if (s.learners.includes(peer)) found.push('control learners')
  if (plane.members().includes(peer)) found.push('members')
  for (const p of plane.all()) if (p.replicas.includes(peer)) found.push(`replicas of ${p.queue}`)
  return found
}

/** Takes and acks everything ready on `queue` at `mesh`; returns the values in order. */
async function drain (mesh: Mesh, queue: string, count: number): Promise<unknown[]> {
  const q = mesh.queue(queue)
  const values: unknown[] = []
  for (let i = 0; i < count; i++) {
    const d = await q.take({ timeout: 15_000 })
    values.push(d.value)
    await d.ack()
  }
  assert.equal((await q.stats()).ready, 0, `${queue} holds nothing more`)
  return values
}

describe('leave: one member of a 3-peer cluster leaves gracefully', () => {
  let cluster: TestCluster
  before(async () => {
    cluster = await createTestCluster({ size: 3 })
    await Promise.all(cluster.meshes.map(async m => { await m.controlPlane!.ready({ timeout: 15_000 }) }))
  })
  after(async () => { await cluster.stopAll() })

  it('its replicas are replaced at once, data included, and the control group keeps a majority of live voters', async () => {
    const [m0] = cluster.meshes
    // 3 queues × 2 replicas over 3 peers puts 2 replicas on every peer; one queue × 3 replicas on all.
    const queues = ['two-a', 'two-b', 'two-c']
    for (const name of queues) await m0!.queue(name, { replicas: 2 }).ready({ timeout: 10_000 })
    await m0!.queue('three', { replicas: 3 }).ready({ timeout: 10_000 })
    for (const [i, name] of [...queues, 'three'].entries()) {
      await m0!.queue(name).putAll([`${name}-1`, `${name}-2`, `${name}-${i}`], { timeout: 15_000 })
    }
    // The control leader leaves: the hardest case (it hands the control group over too). Awaited:
    // right after the puts an election may be under way (seen once in CI: no leader at that instant).
    await until(cluster.meshes, () => cluster.meshes.some(m => m.controlPlane!.status().isLeader), 'a control leader')
    const leader = cluster.meshes.find(m => m.controlPlane!.status().isLeader)!
    assert.ok(leader !== undefined)
    const leaving = leader.peerId
    const stay = cluster.meshes.filter(m => m !== leader)
    const held = leader.controlPlane!.placedHere().map(p => p.queue).sort()
    assert.ok(held.length >= 2, `the leaving peer holds replicas (${held.join(', ')})`)
    assert.deepEqual(leader.controlPlane!.status().voters.length, 3)

    const t0 = Date.now()
    const report = await leader.leave({ timeout: 25_000 })
    const took = Date.now() - t0
    assert.equal(report.complete, true, report.reason)
    assert.deepEqual(report.pending, [])
    assert.deepEqual(report.handedOver, held)
    // Promptly: well before replaceAfter (30 s by default), which a plain stop would wait for.
    assert.ok(took < 15_000, `leave took ${took} ms`)
    assert.throws(() => leader.queue('two-a'), ClosedError)
    await cluster.stop(leaving)

    for (const m of stay) assert.deepEqual(appearances(m, leaving), [], `${m.peerId} no longer counts on the peer that left`)
    const s = stay[0]!.controlPlane!.status()
    assert.deepEqual(s.voters, stay.map(m => m.peerId).sort(), 'the two remaining peers are the voters: a majority of live voters')
    for (const name of queues) {
      // A replicas-2 queue that lost a replica got the third peer instead.
      assert.equal(stay[0]!.controlPlane!.get(name)!.replicas.length, 2, name)
    }
    assert.deepEqual([...stay[0]!.controlPlane!.get('three')!.replicas].sort(), stay.map(m => m.peerId).sort())

    // Every queue's group agrees (its owner's voters are the placement), nothing was lost, and the
    // cluster still declares new queues (the control group commits).
    for (const name of [...queues, 'three']) {
      const stats = await stay[1]!.queue(name).stats({ timeout: 10_000 })
      assert.notEqual(stats.owner, leaving)
      assert.deepEqual([...stats.replicas].sort(), [...stay[0]!.controlPlane!.get(name)!.replicas].sort(), name)
      assert.equal(stats.ready, 3, name)
    }
    for (const [i, name] of [...queues, 'three'].entries()) {
      assert.deepEqual((await drain(stay[i % 2]!, name, 3)).sort(), [`${name}-1`, `${name}-2`, `${name}-${i}`].sort())
    }
    const fresh = await stay[1]!.queue('after-leave', { replicas: 3 }).ready({ timeout: 10_000 })
    assert.equal(fresh.replicas.length, 1, 'two live peers: an odd count, 1')
    assert.ok(stay.some(m => m.peerId === fresh.replicas[0]))
    await stay[0]!.queue('after-leave').put('works', { timeout: 10_000 })
  })
})

describe('leave: a second member joins a cluster of one, gets placed, then leaves', () => {
  let cluster: TestCluster
  let b: Mesh | undefined
  before(async () => {
    cluster = await createTestCluster({ size: 1 })
    await cluster.mesh(0).controlPlane!.ready({ timeout: 10_000 })
  })
  after(async () => {
    await b?.stop()
    await cluster.stopAll()
  })

  it('the cluster of one keeps working, with every message the leaver held', async () => {
    const a = cluster.mesh(0)
    const shared = a.queue<string>('shared', { replicas: 2 })
    await shared.putAll(['s1', 's2'], { timeout: 10_000 })
    assert.deepEqual(a.controlPlane!.get('shared')!.replicas, [a.peerId])

    b = await createMesh({ listen: LOOPBACK, bootstrap: [a.addresses[0]!] })
    const joiner = b.peerId
    await b.controlPlane!.ready({ timeout: 15_000 })
    // The cluster grows the replicas-2 queue onto the new member, which becomes a voter of its group.
    await until([a, b], async () => {
      const p = a.controlPlane!.get('shared')!
      if (!p.replicas.includes(joiner)) return false
      return (await shared.stats({ timeout: 2000 })).replicas.includes(joiner)
    }, 'the queue to be replicated on the new member')
    // Two single-replica queues: with equal loads, the second goes to the less loaded peer, so one
    // of them lives on the joiner alone.
    await a.queue('solo-1', { replicas: 1 }).putAll(['x1', 'x2'], { timeout: 10_000 })
    await a.queue('solo-2', { replicas: 1 }).putAll(['y1', 'y2'], { timeout: 10_000 })
    const onJoiner = ['solo-1', 'solo-2'].filter(q => a.controlPlane!.get(q)!.replicas[0] === joiner)
    assert.equal(onJoiner.length, 1, 'one single-replica queue lives on the joiner only')
    assert.ok(b.queues!.localQueues().includes(onJoiner[0]!))
    assert.equal(a.controlPlane!.status().learners.includes(joiner) || a.controlPlane!.status().voters.includes(joiner), true)

    const report = await b.leave({ timeout: 25_000 })
    assert.equal(report.complete, true, report.reason)
    assert.deepEqual(report.handedOver, ['shared', onJoiner[0]!].sort())
    b = undefined

    assert.deepEqual(appearances(a, joiner), [])
    assert.deepEqual(a.controlPlane!.members(), [a.peerId])
    assert.deepEqual(a.controlPlane!.status().voters, [a.peerId])
    for (const q of ['shared', 'solo-1', 'solo-2']) assert.deepEqual(a.controlPlane!.get(q)!.replicas, [a.peerId], q)
    // Puts resolve on the cluster of one; nothing the leaver held was lost.
    await shared.put('s3', { timeout: 10_000 })
    assert.deepEqual(await drain(a, 'shared', 3), ['s1', 's2', 's3'])
    assert.deepEqual(await drain(a, 'solo-1', 2), ['x1', 'x2'])
    assert.deepEqual(await drain(a, 'solo-2', 2), ['y1', 'y2'])
  })
})

describe('leave: the founder of a 2-member cluster leaves', () => {
  let cluster: TestCluster
  let b: Mesh | undefined
  before(async () => {
    cluster = await createTestCluster({ size: 1 })
    await cluster.mesh(0).controlPlane!.ready({ timeout: 10_000 })
  })
  after(async () => {
    await b?.stop()
    await cluster.stopAll()
  })

  it('the joiner, a learner until then, becomes the control group and gets every queue with its messages', async () => {
    const a = cluster.mesh(0)
    await a.queue('mine', { replicas: 1 }).putAll(['m1', 'm2'], { timeout: 10_000 })
    b = await createMesh({ listen: LOOPBACK, bootstrap: [a.addresses[0]!] })
    await b.controlPlane!.ready({ timeout: 15_000 })
    await until([a, b], () => a.controlPlane!.status().learners.includes(b!.peerId), 'the joiner to be a learner of the control group')
    assert.deepEqual(a.controlPlane!.status().voters, [a.peerId], 'one voter: the founder')
    assert.deepEqual(a.controlPlane!.get('mine')!.replicas, [a.peerId])

    const founder = a.peerId
    const report = await a.leave({ timeout: 25_000 })
    assert.equal(report.complete, true, report.reason)
    assert.deepEqual(report.handedOver, ['mine'])
    await cluster.stop(0)

    const s = b.controlPlane!.status()
    assert.deepEqual(s.voters, [b.peerId])
    assert.equal(s.isLeader, true)
    assert.deepEqual(appearances(b, founder), [])
    assert.deepEqual(b.controlPlane!.get('mine')!.replicas, [b.peerId])
    await b.queue('mine').put('m3', { timeout: 10_000 })
    assert.deepEqual(await drain(b, 'mine', 3), ['m1', 'm2', 'm3'])
  })
})

describe('leave: bounded when it cannot complete', () => {
  let cluster: TestCluster
  const others: Mesh[] = []
  before(async () => {
    cluster = await createTestCluster({ size: 3, mesh: { failureDetection: { pingInterval: 500, pingTimeout: 1000 } } })
    await Promise.all(cluster.meshes.map(async m => { await m.controlPlane!.ready({ timeout: 15_000 }) }))
  })
  after(async () => {
    await Promise.all(others.map(async m => { await m.stop() }))
    await cluster.stopAll()
  })

  it('a member cut off from the cluster reports it and stops, at once', async () => {
    const m = cluster.mesh(2)
    await m.queue('cut', { replicas: 3 }).ready({ timeout: 10_000 })
    await cluster.isolate(2)
    const t0 = Date.now()
    const report = await m.leave({ timeout: 20_000 })
    assert.equal(report.complete, false)
    assert.match(report.reason, /unreachable/)
    assert.ok(Date.now() - t0 < 5000, 'did not wait for the timeout')
    assert.throws(() => m.queue('cut'), ClosedError)
    // A second call returns the same report.
    assert.equal(await m.leave(), report)
    await cluster.stop(2) // (already stopped by leave: this tells the test cluster)
    await cluster.heal()
  })

  it('the last member reports that nobody can take over, and stops', async () => {
    const solo = await createMesh({ listen: LOOPBACK })
    others.push(solo)
    await solo.queue('alone', { replicas: 1 }).put(1, { timeout: 10_000 })
    // A client is connected, so the member is not cut off, but nobody can take its queues.
    const client = await createMesh({ listen: LOOPBACK, bootstrap: [solo.addresses[0]!], cluster: { role: 'client' } })
    others.push(client)
    await solo.waitForPeers(1)
    const report = await solo.leave({ timeout: 20_000 })
    assert.equal(report.complete, false)
    assert.match(report.reason, /no other live member/)
    assert.deepEqual(report.pending, ['alone'])
    // A client has nothing to hand over: its leave is a stop.
    assert.deepEqual(await client.leave(), { complete: true, handedOver: [], pending: [], reason: '' })
  })
})
