// Client mode (`cluster: { role: 'client' }`): a peer that uses queues without ever joining the
// cluster. It is never recorded as a member, never a control voter or learner, never a replica, runs
// no Raft group, and yet puts, takes, consumes and lists like a member, routed to each queue's owner.
// Waits on events (placements, members, peer joins), never on guessed sleeps.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { createMesh, type Mesh } from '../../src/node/mesh.js'
import { loadOrCreateIdentity } from '../../src/node/identity.js'
import { InvalidOptionError, TimeoutError } from '../../src/errors.js'
import { RAFT_PROTOCOL } from '../../src/raft/transport/index.js'
import { createTestCluster, type TestCluster } from '../../src/testkit/index.js'
import { LocalPlacementRegistry } from '../../src/queue/local-directory.js'

const LOOPBACK = ['/ip4/127.0.0.1/tcp/0']

/** A client of the peer at `address`. */
async function client (address?: string): Promise<Mesh> {
  return await createMesh({ listen: LOOPBACK, bootstrap: address === undefined ? [] : [address], cluster: { role: 'client' } })
}

/** Every place a peer could appear in a member's view of the cluster. */
function appearances (member: Mesh, peer: string): string[] {
  const plane = member.controlPlane!
  const s = plane.status()
  const found: string[] = []
  if (s.voters.includes(peer)) found.push('control voters')
  if (s.learners.includes(peer)) found.push('control learners')
  if (s.members.some(m => m.id === peer)) found.push('members')
  if (plane.members().includes(peer)) found.push('members()')
  for (const p of plane.all()) if (p.replicas.includes(peer)) found.push(`replicas of ${p.queue}`)
  return found
}

describe('client mode: a 1-peer cluster and a client', () => {
  let cluster: TestCluster
  let member: Mesh
  let c: Mesh | undefined

  before(async () => {
    cluster = await createTestCluster({ size: 1 })
    member = cluster.mesh(0)
    await member.controlPlane!.ready({ timeout: 10_000 })
  })
  after(async () => {
    await c?.stop()
    await cluster.stopAll()
  })

  it('puts, takes, consumes and lists; the client appears nowhere and hosts nothing', async () => {
    const before = member.controlPlane!.status()
    c = await client(member.addresses[0])
    assert.equal(c.role, 'client')
    assert.equal(c.controlPlane, undefined)
    await c.waitForPeers(1)

    const q = c.queue<{ n: number }>('jobs', { replicas: 3 })
    const put = await q.put({ n: 1 }, { id: 'job-1' })
    assert.equal(put.duplicate, false)
    await q.putAll([{ n: 2 }, { n: 3 }])
    const first = await q.take({ timeout: 10_000 })
    assert.deepEqual(first.value, { n: 1 })
    await first.ack()
    const seen: number[] = []
    for await (const d of q.consume({ prefetch: 2 })) {
      seen.push(d.value.n)
      await d.ack()
      if (seen.length === 2) break
    }
    assert.deepEqual(seen.sort(), [2, 3])
    const stats = await q.stats()
    assert.equal(stats.owner, member.peerId)
    assert.deepEqual(stats.replicas, [member.peerId])
    assert.equal(stats.ready, 0)
    assert.deepEqual((await c.listQueues()).map(p => p.queue), ['jobs'])

    // Nothing about the cluster changed, and the client is nowhere in it.
    const after = member.controlPlane!.status()
    assert.deepEqual(after.voters, before.voters)
    assert.deepEqual(after.learners, before.learners)
    assert.deepEqual(after.members.map(m => m.id), [member.peerId])
    assert.deepEqual(member.controlPlane!.get('jobs')?.replicas, [member.peerId])
    assert.deepEqual(appearances(member, c.peerId), [])
    // No replica, no Raft host: the client doesn't even speak the Raft protocol.
    assert.deepEqual(c.queues?.localQueues(), [])
    assert.equal(c.libp2p.getProtocols().includes(RAFT_PROTOCOL), false)
  })

  it('the queue keeps working after the client stops', async () => {
    const left = c!.peerId
    await c!.stop()
    c = undefined
    const q = member.queue<{ n: number }>('jobs')
    await q.put({ n: 4 }, { timeout: 10_000 })
    const d = await q.take({ timeout: 10_000 })
    assert.deepEqual(d.value, { n: 4 })
    await d.ack()
    assert.deepEqual(appearances(member, left), [])
    assert.deepEqual(member.controlPlane!.get('jobs')?.replicas, [member.peerId])
  })
})

describe('client mode: a client started before any member', () => {
  const meshes: Mesh[] = []
  after(async () => { await Promise.all(meshes.map(async m => { await m.stop() })) })

  it('queue operations fail with TimeoutError while no member is connected, and wait for one within their timeout', async () => {
    const c = await client()
    meshes.push(c)
    const q = c.queue<string>('early', { replicas: 1 })
    const t0 = Date.now()
    await assert.rejects(q.put('too early', { timeout: 800 }), (err: unknown) => {
      assert.ok(err instanceof TimeoutError, String(err))
      assert.match((err as Error).message, /no cluster member/)
      return true
    })
    assert.ok(Date.now() - t0 < 5000, 'the put gave up at its timeout')
    await assert.rejects(c.listQueues({ timeout: 300 }), TimeoutError)

    // A put issued now waits (within its timeout) until a member appears, then goes through.
    const pending = q.put('waited', { timeout: 30_000 })
    const m = await createMesh({ listen: LOOPBACK })
    meshes.push(m)
    await c.dial(m.addresses[0]!)
    const r = await pending
    assert.equal(r.duplicate, false)
    const d = await q.take({ timeout: 10_000 })
    assert.equal(d.value, 'waited')
    await d.ack()
    assert.deepEqual(m.controlPlane!.get('early')?.replicas, [m.peerId])
    assert.deepEqual(appearances(m, c.peerId), [])
  })
})

describe('client mode: formation by expect ignores clients', () => {
  let dir: string
  const meshes: Mesh[] = []
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'meshchan-client-')) })
  after(async () => {
    await Promise.all(meshes.map(async m => { await m.stop() }))
    await rm(dir, { recursive: true, force: true })
  })

  it('a client with the smallest PeerId, connected first, does not count as one of the expected founders', async () => {
    // Three identities; the client gets the smallest PeerId (the founders are the smallest ids seen).
    const keys = await Promise.all([0, 1, 2].map(async i => {
      const path = join(dir, `k${i}.key`)
      return { path, id: peerIdFromPrivateKey(await loadOrCreateIdentity(path)).toString() }
    }))
    keys.sort((a, b) => (a.id < b.id ? -1 : 1))
    const c = await createMesh({ listen: LOOPBACK, identity: keys[0]!.path, cluster: { role: 'client' } })
    meshes.push(c)
    const a = await createMesh({ listen: LOOPBACK, identity: keys[1]!.path, bootstrap: [c.addresses[0]!], cluster: { expect: 2 } })
    meshes.push(a)
    const b = await createMesh({ listen: LOOPBACK, identity: keys[2]!.path, bootstrap: [c.addresses[0]!], cluster: { expect: 2 } })
    meshes.push(b)
    await Promise.all([a.controlPlane!.ready({ timeout: 20_000 }), b.controlPlane!.ready({ timeout: 20_000 })])
    assert.deepEqual(a.controlPlane!.status().founders, [a.peerId, b.peerId].sort())
    assert.deepEqual(appearances(a, c.peerId), [])
    const p = await c.queue('formed', { replicas: 2 }).ready({ timeout: 10_000 })
    assert.deepEqual([...p.replicas].sort(), [a.peerId, b.peerId].sort())
  })
})

describe('client mode: options', () => {
  it('role is validated; expect, seeds and a placement directory are errors with role client', async () => {
    const cases: Array<[object, string]> = [
      [{ cluster: { role: 'observer' } }, 'cluster.role'],
      [{ cluster: { role: 'client', expect: 2 } }, 'cluster.expect'],
      [{ cluster: { role: 'client', seeds: ['12D3KooWabc'] } }, 'cluster.seeds'],
      [{ cluster: { role: 'client' }, queues: { placement: new LocalPlacementRegistry().factory() } }, 'queues.placement']
    ]
    for (const [options, name] of cases) {
      await assert.rejects(createMesh(options as never), (err: unknown) => {
        assert.ok(err instanceof InvalidOptionError, String(err))
        assert.equal(err.field, name)
        return true
      })
    }
    const m = await createMesh({ listen: LOOPBACK, cluster: { role: 'member' } })
    assert.equal(m.role, 'member')
    await m.stop()
  })
})
