// The control plane over real libp2p (loopback TCP, the testkit's clusters): a cluster of one,
// formation by `expect`, joins, spread of placements, replacement of a stopped peer, a partitioned
// minority, and two separately founded clusters meeting. Waits on events, never on guessed sleeps.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestCluster, type TestCluster } from '../../src/testkit/index.js'
import { libp2pRaftTransport } from '../../src/raft/transport/libp2p.js'
import { createRaftHost, type RaftHost } from '../../src/raft/driver/index.js'
import { MemoryStorage, openFileStorage } from '../../src/storage/index.js'
import { InvalidOptionError, TimeoutError } from '../../src/errors.js'
import { createControlPlane, type ClusterMismatchError, type ClusterOptions, type ControlPlane, type ControlPlaneOptions } from '../../src/queue/control/index.js'
import type { QueuePlacement, QueueSettings } from '../../src/queue/placement.js'

const settings = (replicas = 3): QueueSettings => ({ replicas, maxLength: 0, maxBytes: 0, maxDeliveries: 5, dedupWindowMs: 60_000, ackTimeoutMs: 30_000 })

interface Peer { plane: ControlPlane, host: RaftHost }

/** Starts a Raft host and a control plane on peer `i` of `cluster`. */
async function startPeer (cluster: TestCluster, i: number, clusterOptions: ClusterOptions, extra: Partial<ControlPlaneOptions> = {}): Promise<Peer> {
  const mesh = cluster.mesh(i)
  // Its own Raft protocol id: the mesh may run a Raft host of its own on the default one.
  const host = await createRaftHost({ transport: libp2pRaftTransport(mesh.libp2p, { protocol: '/meshchan-test/control-raft/1.0.0' }) })
  // ...and its own control protocol, beside the control plane every mesh runs.
  const plane = await createControlPlane({ mesh, host, storageFor: async () => new MemoryStorage(), cluster: clusterOptions, protocol: '/meshchan-test/control/1.0.0', ...extra })
  return { plane, host }
}

async function stopPeer (p: Peer | undefined): Promise<void> {
  if (p === undefined) return
  await p.plane.stop({ transferLeadership: false })
  await p.host.stop({ transferLeadership: false })
}

/**
 * Resolves once `condition()` holds: re-checked on every placement/members event of `planes` and
 * every state change or applied entry of their control groups (a slow re-check covers groups
 * created after the call).
 */
async function until (planes: ControlPlane[], condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  if (condition()) return
  const { promise, resolve, reject } = Promise.withResolvers<void>()
  const check = (): void => { try { if (condition()) resolve() } catch (err) { reject(err as Error) } }
  const timer = setTimeout(() => { reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)) }, timeoutMs)
  const backstop = setInterval(check, 100)
  const groups = planes.map(p => p.raftGroup).filter(g => g !== undefined)
  for (const p of planes) { p.on('placement', check); p.on('members', check) }
  for (const g of groups) { g.on('state', check); g.on('applied', check) }
  try {
    await promise
  } finally {
    clearTimeout(timer)
    clearInterval(backstop)
    for (const p of planes) { p.off('placement', check); p.off('members', check) }
    for (const g of groups) { g.off('state', check); g.off('applied', check) }
  }
}

const leaderOf = (planes: ControlPlane[]): ControlPlane | undefined => planes.find(p => p.status().isLeader)
const sorted = (xs: string[]): string[] => [...xs].sort()

describe('control plane: a single peer, then more', () => {
  let cluster: TestCluster
  const peers: Array<Peer | undefined> = []
  const planes = (): ControlPlane[] => peers.flatMap(p => p === undefined ? [] : [p.plane])

  before(async () => {
    cluster = await createTestCluster({ size: 3 })
    await cluster.stop(1)
    await cluster.stop(2)
  })
  after(async () => {
    await Promise.all(peers.map(stopPeer))
    await cluster.stopAll()
  })

  const fileStorage = (i: number) => ({ storageFor: async (groupId: string) => await openFileStorage(join(cluster.dataDir(i), 'test-control', groupId), { durability: 'os' }) })

  it('is a working cluster of one and declares a queue with 1 replica', async () => {
    peers[0] = await startPeer(cluster, 0, {}, fileStorage(0))
    const { plane } = peers[0]
    await plane.ready({ timeout: 10_000 })
    const self = cluster.peerIds[0]!
    assert.deepEqual(plane.members(), [self])
    assert.notEqual(plane.clusterId, '')
    const events: QueuePlacement[] = []
    plane.on('placement', p => events.push(p))
    const p = await plane.declare('jobs', settings(3))
    assert.deepEqual(p.replicas, [self])
    assert.equal(p.preferredOwner, self)
    assert.equal(p.groupId, 'q/jobs')
    assert.equal(p.version, 1)
    assert.deepEqual(plane.get('jobs'), p)
    assert.deepEqual(events, [p])
    // Idempotent: the first declaration wins.
    assert.deepEqual(await plane.declare('jobs', settings(1)), p)
    assert.deepEqual(plane.status().voters, [self])
    await assert.rejects(plane.declare('', settings()), InvalidOptionError)
    await assert.rejects(plane.declare('bad', { ...settings(), replicas: 0 }), InvalidOptionError)
  })

  it('restarts from its files as the same cluster, with its placements', async () => {
    const before = peers[0]!.plane
    const clusterId = before.clusterId
    const placement = before.get('jobs')
    await stopPeer(peers[0])
    peers[0] = undefined
    await cluster.restart(0)
    peers[0] = await startPeer(cluster, 0, {}, fileStorage(0))
    await peers[0].plane.ready({ timeout: 10_000 })
    assert.equal(peers[0].plane.clusterId, clusterId)
    await until(planes(), () => peers[0]!.plane.get('jobs') !== undefined, 'the log to be applied again')
    assert.deepEqual(peers[0].plane.get('jobs'), placement)
  })

  it('gains members, voters and replicas as peers join (default options)', async () => {
    for (const i of [1, 2]) {
      await cluster.restart(i)
      peers[i] = await startPeer(cluster, i, {})
    }
    await Promise.all(planes().map(async p => { await p.ready({ timeout: 15_000 }) }))
    const all = sorted(cluster.peerIds)
    await until(planes(), () => planes().every(p => p.status().voters.length === 3 && p.get('jobs')?.replicas.length === 3),
      'three voters and "jobs" on three replicas, everywhere', 20_000)
    for (const p of planes()) {
      assert.equal(p.clusterId, planes()[0]!.clusterId)
      assert.deepEqual(p.members(), all)
      assert.deepEqual(sorted(p.get('jobs')!.replicas), all)
      assert.ok(p.get('jobs')!.version > 1)
      assert.equal(p.get('jobs')!.replicas[0], cluster.peerIds[0], 'existing replicas stay first')
    }
  })
})

describe('control plane: formation, joins, spread, repair, partition', () => {
  const REPLACE_AFTER = 1500
  let cluster: TestCluster
  const peers: Array<Peer | undefined> = []
  const planes = (): ControlPlane[] => peers.flatMap(p => p === undefined ? [] : [p.plane])
  const ids = (): string[] => cluster.peerIds
  const opts = { replaceAfterMs: REPLACE_AFTER, maxVoters: 5 }

  before(async () => {
    cluster = await createTestCluster({ size: 5 })
    // Peers 3 and 4 join later.
    await cluster.stop(3)
    await cluster.stop(4)
  })

  after(async () => {
    await Promise.all(peers.map(stopPeer))
    await cluster.stopAll()
  })

  it('3 peers with expect: 3 form one control group of 3 voters and see the same placements', async () => {
    for (let i = 0; i < 3; i++) peers[i] = await startPeer(cluster, i, { expect: 3 }, opts)
    await Promise.all(planes().map(async p => { await p.ready({ timeout: 15_000 }) }))
    const founders = sorted(ids().slice(0, 3))
    await until(planes(), () => planes().every(p => p.status().voters.length === 3), '3 voters everywhere')
    const clusterId = planes()[0]!.clusterId
    for (const p of planes()) {
      assert.equal(p.clusterId, clusterId)
      assert.deepEqual(p.status().founders, founders)
      assert.deepEqual(p.status().voters, founders)
      assert.deepEqual(p.members(), founders)
    }
    // Declared on a follower: routed to the leader, then seen everywhere.
    const follower = planes().find(p => !p.status().isLeader)!
    const placement = await follower.declare('jobs', settings(3))
    assert.deepEqual(sorted(placement.replicas), founders)
    await until(planes(), () => planes().every(p => p.get('jobs')?.version === placement.version), 'everyone to see "jobs"')
    for (const p of planes()) assert.deepEqual(p.all(), [placement])
  })

  it('a 4th and 5th peer join: recorded as members, voters grow to the target (5)', async () => {
    for (const i of [3, 4]) {
      await cluster.restart(i)
      peers[i] = await startPeer(cluster, i, { expect: 3 }, opts)
    }
    await Promise.all(planes().map(async p => { await p.ready({ timeout: 15_000 }) }))
    const all = sorted(ids())
    await until(planes(), () => planes().every(p => p.members().length === 5 && p.status().voters.length === 5), 'all 5 to be voters everywhere', 20_000)
    for (const p of planes()) {
      assert.deepEqual(p.members(), all)
      assert.deepEqual(p.status().voters, all)
      assert.equal(p.clusterId, planes()[0]!.clusterId)
      assert.ok(p.get('jobs') !== undefined, 'a joiner learns existing placements')
    }
  })

  it('10 queues with 3 replicas on 5 peers: replicas and preferred owners are spread', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `work-${i}`)
    // Declared from different peers at once.
    const declared = await Promise.all(names.map(async (n, i) => await planes()[i % 5]!.declare(n, settings(3))))
    await until(planes(), () => planes().every(p => names.every(n => p.get(n) !== undefined)), 'all placements everywhere')
    // Ownership may be rebalanced by the leader right after; read the settled view.
    await until(planes(), () => {
      const owners = new Map<string, number>()
      for (const n of names) { const o = planes()[0]!.get(n)!.preferredOwner; owners.set(o, (owners.get(o) ?? 0) + 1) }
      return [...owners.values()].every(c => c <= Math.ceil(10 / 5) + 1)
    }, 'owners within ⌈10/5⌉+1')
    const load = new Map<string, number>()
    const owned = new Map<string, number>()
    for (const n of names) {
      const p = planes()[0]!.get(n)!
      assert.equal(new Set(p.replicas).size, 3)
      assert.ok(p.replicas.includes(p.preferredOwner))
      for (const r of p.replicas) load.set(r, (load.get(r) ?? 0) + 1)
      owned.set(p.preferredOwner, (owned.get(p.preferredOwner) ?? 0) + 1)
    }
    assert.equal(load.size, 5, `every peer holds replicas: ${JSON.stringify([...load])}`)
    for (const [peer, n] of load) assert.ok(n >= 4 && n <= 8, `${peer} holds ${n} of 30 replicas`)
    for (const [peer, n] of owned) assert.ok(n <= 3, `${peer} owns ${n} of 10 queues`)
    for (const d of declared) assert.ok(d.replicas.length === 3)
  })

  let stopped = -1
  it('a peer stopped longer than replaceAfterMs is replaced in every placement; the control group keeps a majority', async () => {
    const leader = leaderOf(planes())!
    stopped = peers.findIndex(p => p?.plane === leader)
    const gone = ids()[stopped]!
    const before = new Map(planes()[(stopped + 1) % 5]!.all().filter(p => p.replicas.includes(gone)).map(p => [p.queue, p.version]))
    assert.ok(before.size > 0, 'the stopped peer held replicas')
    const started = Date.now()
    await stopPeer(peers[stopped])
    peers[stopped] = undefined
    await cluster.stop(stopped)

    await until(planes(), () => planes().every(p => [...before].every(([q, v]) => {
      const now = p.get(q)!
      return now.version > v && !now.replicas.includes(gone) && now.replicas.length === 3 && now.preferredOwner !== gone
    })), 'every placement of the stopped peer to be repaired everywhere', 20_000)
    assert.ok(Date.now() - started >= REPLACE_AFTER, 'replaced only after replaceAfterMs')
    // The control group dropped the dead voter and still commits.
    await until(planes(), () => planes().every(p => !p.status().voters.includes(gone)), 'the dead voter removed')
    for (const p of planes()) assert.equal(p.status().voters.length, 4)
    const after = await planes()[0]!.declare('after-stop', settings(3))
    assert.equal(after.replicas.includes(gone), false)
    assert.equal(after.replicas.length, 3)
    // Still a member (it may come back), recorded down.
    assert.equal(planes()[0]!.memberInfo().find(m => m.id === gone)?.up, false)
  })

  it('a partitioned minority cannot change placements; the majority can', async () => {
    const leader = leaderOf(planes())!
    const minority = leader
    const majority = planes().filter(p => p !== minority)
    await cluster.partition([minority.self])
    await assert.rejects(minority.declare('minority-q', settings(3), { timeout: 2500 }), TimeoutError)
    const p = await majority[0]!.declare('majority-q', settings(3))
    assert.equal(p.replicas.includes(minority.self), false, 'placed on reachable peers')
    assert.equal(minority.get('minority-q'), undefined)
    for (const m of majority) assert.equal(m.get('minority-q'), undefined)
    await cluster.heal()
    // After healing the old leader catches up; the minority's attempt never committed.
    await until(planes(), () => planes().every(x => x.get('majority-q') !== undefined), 'the healed peer to catch up')
    assert.equal(minority.get('minority-q'), undefined)
    await until(planes(), () => planes().every(x => x.all().length === planes()[0]!.all().length), 'same placements everywhere')
  })
})

describe('control plane: 5 peers started at once with expect: 3', () => {
  let cluster: TestCluster
  const peers: Peer[] = []
  after(async () => {
    await Promise.all(peers.map(stopPeer))
    await cluster.stopAll()
  })

  it('found exactly one cluster of 3 founders, and the other 2 join it', async () => {
    cluster = await createTestCluster({ size: 5 })
    peers.push(...await Promise.all([0, 1, 2, 3, 4].map(async i => await startPeer(cluster, i, { expect: 3 }))))
    const planes = peers.map(p => p.plane)
    await Promise.all(planes.map(async p => { await p.ready({ timeout: 20_000 }) }))
    await until(planes, () => planes.every(p => p.members().length === 5), 'all 5 recorded everywhere')
    const { clusterId, founders } = planes[0]!.status()
    assert.equal(founders.length, 3)
    for (const p of planes) {
      assert.equal(p.clusterId, clusterId)
      assert.deepEqual(p.status().founders, founders)
      assert.deepEqual(p.conflicts(), [])
    }
    // Usually the 3 smallest PeerIds; a peer whose control plane answered late may be left out of
    // the founding set, never split into another cluster.
    for (const f of founders) assert.ok(cluster.peerIds.includes(f))
  })
})

describe('control plane: two separately founded clusters', () => {
  let cluster: TestCluster
  const peers: Peer[] = []
  after(async () => {
    await Promise.all(peers.map(stopPeer))
    await cluster.stopAll()
  })

  it('are never merged: each refuses the other with ClusterMismatchError', async () => {
    cluster = await createTestCluster({ size: 2 })
    await cluster.partition([0], [1])
    const conflicts: ClusterMismatchError[][] = [[], []]
    const seen = Promise.withResolvers<void>()
    const onConflict = (i: number) => (e: ClusterMismatchError): void => {
      conflicts[i]!.push(e)
      if (conflicts[0]!.length > 0 && conflicts[1]!.length > 0) seen.resolve()
    }
    for (const i of [0, 1]) peers.push(await startPeer(cluster, i, {}, { onConflict: onConflict(i) }))
    await Promise.all(peers.map(async p => { await p.plane.ready() }))
    const [a, b] = peers.map(p => p.plane) as [ControlPlane, ControlPlane]
    assert.notEqual(a.clusterId, b.clusterId)
    await cluster.heal()
    const timer = setTimeout(() => { seen.reject(new Error('no conflict reported on both sides')) }, 10_000)
    try {
      await seen.promise
    } finally {
      clearTimeout(timer)
    }
    assert.equal(conflicts[0]![0]!.code, 'ERR_CLUSTER_MISMATCH')
    assert.equal(conflicts[0]![0]!.remote, b.clusterId)
    assert.equal(conflicts[1]![0]!.remote, a.clusterId)
    // Neither recorded the other.
    assert.deepEqual(a.members(), [a.self])
    assert.deepEqual(b.members(), [b.self])
  })
})
