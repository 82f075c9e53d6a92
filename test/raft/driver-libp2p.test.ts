// The Raft driver over real libp2p (loopback TCP, the testkit's cluster): election, replication,
// leader stop, partition/heal and restart from FileStorage. Waits on events, never on guessed sleeps.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestCluster, type TestCluster } from '../../src/testkit/index.js'
import { libp2pRaftTransport } from '../../src/raft/transport/libp2p.js'
import { openFileStorage } from '../../src/storage/index.js'
import { createRaftHost, ProposalLostError, ProposalOutcomeUnknownError, type RaftGroup, type RaftHost } from '../../src/raft/driver/index.js'
import { NotLeaderError } from '../../src/raft/core/errors.js'
import { allQuiesced, enc, proposeAnywhere, RecordingMachine, stableLeader, until } from './driver-helpers.js'

const GROUP = 'queue/orders'

interface Peer { host: RaftHost, group: RaftGroup<number>, sm: RecordingMachine }

describe('raft driver over real libp2p', () => {
  let cluster: TestCluster
  const peers: Array<Peer | undefined> = []

  /** Starts (or restarts) peer `i`'s host and group, with FileStorage under its data dir. */
  async function startPeer (i: number): Promise<Peer> {
    // The mesh runs its own Raft host on the default protocol; this test's host gets its own.
    const transport = libp2pRaftTransport(cluster.mesh(i).libp2p, { protocol: '/meshchan/raft-driver-test/1.0.0' })
    const host = await createRaftHost({ transport })
    const sm = new RecordingMachine()
    const storage = await openFileStorage(join(cluster.dataDir(i), 'raft', 'orders'), { durability: 'os' })
    const group = await host.createGroup({ groupId: GROUP, members: cluster.peerIds, storage, stateMachine: sm })
    const peer = { host, group, sm }
    peers[i] = peer
    return peer
  }

  async function stopPeer (i: number): Promise<void> {
    const p = peers[i]
    peers[i] = undefined
    await p?.host.stop({ transferLeadership: false })
    await cluster.stop(i)
  }

  const live = (): Peer[] => peers.filter((p): p is Peer => p !== undefined)
  const groups = (): Array<RaftGroup<number>> => live().map(p => p.group)
  const indexOf = (g: RaftGroup<number>): number => peers.findIndex(p => p?.group === g)

  before(async () => {
    cluster = await createTestCluster({ size: 3 })
    for (let i = 0; i < 3; i++) await startPeer(i)
  })

  after(async () => {
    await Promise.all(live().map(async p => { await p.host.stop({ transferLeadership: false }) }))
    await cluster.stopAll()
  })

  it('elects one leader and replicates: all three apply identical sequences', async () => {
    const leader = await stableLeader(groups())
    const results = await Promise.all(Array.from({ length: 100 }, async (_, i) => await leader.propose(enc(`a${i}`))))
    assert.deepEqual(results, Array.from({ length: 100 }, (_, i) => i + 1))
    const target = leader.applied
    await until(groups(), () => groups().every(g => g.applied >= target), 'all to apply')
    for (const p of live()) assert.deepEqual(p.sm.log, Array.from({ length: 100 }, (_, i) => `a${i}`))
    assert.equal(leader.stats.malformed, 0)
  })

  it('survives stopping the leader of a quiesced group: a new leader commits, earlier entries are all there', async () => {
    // Idle, the group goes quiet: only the closed connections of the stopped peer can wake the others.
    await allQuiesced(groups())
    const old = await stableLeader(groups())
    const oldIndex = indexOf(old)
    await stopPeer(oldIndex)
    await proposeAnywhere(groups(), enc('after-stop'))
    const next = await stableLeader(groups())
    assert.notEqual(next.id, old.id)
    await until(groups(), () => groups().every(g => g.applied === next.applied), 'survivors to apply')
    for (const p of live()) {
      assert.deepEqual(p.sm.log.slice(0, 100), Array.from({ length: 100 }, (_, i) => `a${i}`))
      assert.equal(p.sm.log.at(-1), 'after-stop')
    }

    // Restart with the same PeerId and data dir: the log is still there and the state is rebuilt.
    await cluster.restart(oldIndex)
    const back = await startPeer(oldIndex)
    assert.ok(back.group.lastIndex >= 101, `restarted log ends at ${back.group.lastIndex}`)
    await proposeAnywhere(groups(), enc('after-restart'))
    const leader = await stableLeader(groups())
    await until(groups(), () => groups().every(g => g.applied === leader.applied), 'restarted peer to catch up')
    const reference = live().find(p => p.group === leader)!.sm.log
    for (const p of live()) assert.deepEqual(p.sm.log, reference)
    assert.equal(back.sm.log.filter(s => s === 'after-stop').length, 1)
  })

  it('under a partition the majority elects and commits, the old leader cannot; after heal all converge', async () => {
    await allQuiesced(groups())
    const old = await stableLeader(groups())
    const others = groups().filter(g => g !== old)
    await cluster.partition([indexOf(old)], others.map(indexOf))
    const doomed = old.propose(enc('minority'), { timeout: 30_000 }).then(() => 'committed', (e: unknown) => e)
    const next = await stableLeader(others, 'a leader in the majority')
    assert.notEqual(next.id, old.id)
    await next.propose(enc('majority'))
    // Check-quorum: the isolated leader steps down instead of believing it leads.
    await until([old], () => !old.isLeader, 'the isolated leader to step down')
    await assert.rejects(old.propose(enc('x')), NotLeaderError)
    await cluster.heal()
    const outcome = await doomed
    assert.ok(outcome instanceof ProposalLostError || outcome instanceof ProposalOutcomeUnknownError, `minority proposal: ${String(outcome)}`)
    await proposeAnywhere(groups(), enc('after-heal'))
    const leader = await stableLeader(groups())
    await until(groups(), () => groups().every(g => g.applied === leader.applied), 'convergence after heal')
    const reference = live().find(p => p.group === leader)!.sm.log
    for (const p of live()) {
      assert.deepEqual(p.sm.log, reference)
      assert.ok(!p.sm.log.includes('minority'))
      assert.ok(p.sm.log.includes('majority'))
    }
  })
})
