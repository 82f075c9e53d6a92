// Snapshots (MIT 3D), pre-vote and check-quorum, membership changes under faults, leadership
// transfer and ReadIndex, over the simulator (invariants checked after every step).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MembershipChangeError, ProposalDroppedError, type MembershipChange, type Ready } from '../../src/raft/core/index.js'
import { Cluster, type ClusterOptions } from './sim/cluster.js'
import { UNRELIABLE } from './sim/network.js'
import { Rng } from './sim/rng.js'
import { drain, elect, enc, mkCluster, mkCore, stabilize } from './helpers.js'

const E = 10

function cluster (seed: number, n: number, extra: Partial<ClusterOptions> = {}): Cluster {
  return new Cluster({ seed, n, label: `seed ${seed}`, ...extra, config: { electionTicks: E, ...extra.config } })
}

function forSeeds (body: (seed: number) => void, seeds = [1, 2, 3]): void {
  for (const seed of seeds) {
    try {
      body(seed)
    } catch (err) {
      if (err instanceof Error && !err.message.includes('seed')) err.message += ` (seed ${seed})`
      throw err
    }
  }
}

const followerOf = (c: Cluster, l: string): string => c.founders.find(id => id !== l && c.node(id).alive)!

describe('3D: snapshots and log compaction', () => {
  const SNAP = 10

  it('SnapshotBasic: the in-memory and persisted logs stay bounded', () => forSeeds(seed => {
    const c = cluster(seed, 3, { snapshotEvery: SNAP })
    for (let i = 0; i < 60; i++) {
      c.one(c.nextValue(), 3)
      for (const id of c.founders) {
        const core = c.core(id)
        assert.ok(core.lastIndex - core.snapshotIndex <= 2 * SNAP + 5, `${id} keeps ${core.lastIndex - core.snapshotIndex} entries in memory`)
        assert.ok(c.node(id).storage.entries.length <= 2 * SNAP + 5, `${id} keeps ${c.node(id).storage.entries.length} entries on disk`)
      }
    }
    assert.ok(c.core(c.leader()!).snapshotIndex > 40)
  }))

  for (const variant of ['disconnect', 'crash', 'unreliable'] as const) {
    it(`SnapshotInstall (${variant}): a lagging member catches up by chunked InstallSnapshot`, () => forSeeds(seed => {
      const c = cluster(seed, 3, { snapshotEvery: SNAP, config: { snapshotChunkSize: 64 }, net: variant === 'unreliable' ? UNRELIABLE : {} })
      c.one(c.nextValue(), 3)
      for (let iter = 0; iter < 8; iter++) {
        const victim = followerOf(c, c.checkOneLeader())
        if (variant === 'crash') c.crash(victim)
        else c.disconnect(victim)
        for (let i = 0; i < SNAP + 1; i++) c.one(c.nextValue(), 2)
        if (variant === 'crash') c.restart(victim)
        else c.connect(victim)
        c.one(c.nextValue(), 3)
      }
      c.setNet({ drop: 0, duplicate: 0 })
      c.stabilize(20 * E)
      c.checkFinal()
      const installs = [...c.installs.values()].reduce((a, b) => a + b, 0)
      assert.ok(installs >= 4, `only ${installs} snapshots installed`)
      assert.ok(c.net.stats.of('snapshot') > 3 * installs, 'snapshots should travel in several chunks')
    }))
  }

  it('SnapshotAllCrash: crashing everyone never moves an index backwards', () => forSeeds(seed => {
    const c = cluster(seed, 3, { snapshotEvery: SNAP })
    let index = c.one(c.nextValue(), 3)
    for (let iter = 0; iter < 5; iter++) {
      for (let i = 0; i < SNAP + 1; i++) index = c.one(c.nextValue(), 3)
      const before = new Map(c.founders.map(id => [id, c.node(id).storage.snapshotIndex]))
      for (const id of c.founders) c.restart(id)
      for (const id of c.founders) {
        const n = c.node(id)
        assert.ok(n.storage.snapshotIndex >= before.get(id)!, 'snapshot went backwards')
        assert.ok(n.core!.commitIndex >= n.storage.snapshotIndex)
        // The state machine restarted from the snapshot and re-applied the committed entries after it.
        assert.ok(n.sm.index >= n.storage.snapshotIndex)
        assert.equal(n.sm.index, n.core!.appliedIndex)
      }
      const next = c.one(c.nextValue(), 3)
      assert.ok(next > index, `index went backwards: ${next} after ${index}`)
      index = next
    }
  }))
})

describe('pre-vote and check-quorum', () => {
  it('a partitioned follower does not raise its term and does not disrupt the leader when it returns', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l = c.checkOneLeader()
    const term = c.core(l).currentTerm
    const f = followerOf(c, l)
    c.disconnect(f)
    c.runTicks(10 * E)
    assert.equal(c.core(f).currentTerm, term, 'pre-vote failed to stop the term from rising')
    c.connect(f)
    c.runTicks(4 * E)
    assert.equal(c.leader(), l)
    assert.equal(c.core(l).currentTerm, term)
    c.one(c.nextValue(), 3)
  }))

  it('without pre-vote and check-quorum the same partition does disrupt the leader (the test can fail)', () => {
    const c = cluster(1, 3, { config: { preVote: false, checkQuorum: false } })
    const l = c.checkOneLeader()
    const term = c.core(l).currentTerm
    const f = followerOf(c, l)
    c.disconnect(f)
    c.runTicks(10 * E)
    assert.ok(c.core(f).currentTerm > term + 3)
    c.connect(f)
    c.runTicks(4 * E)
    assert.ok(c.core(c.leader()!).currentTerm > term, 'the returning member forced a new term')
  })

  it('a leader cut off from the majority steps down; the majority elects another', () => forSeeds(seed => {
    const c = cluster(seed, 5)
    const l = c.checkOneLeader()
    c.partition([[l, followerOf(c, l)]])
    assert.ok(c.runUntil(() => c.core(l).role !== 'leader', 2 * E + 1), 'isolated leader kept leading')
    c.runTicks(3 * E)
    const leaders = c.ids.filter(id => c.core(id).role === 'leader')
    assert.equal(leaders.length, 1)
    assert.notEqual(leaders[0], l)
  }))
})

/** Proposes `change` through whoever leads until it is committed; returns its index. */
function commitChange (c: Cluster, change: MembershipChange, maxTicks = 100 * E): number {
  const end = c.ticks + maxTicks
  while (c.ticks < end) {
    const l = c.leader()
    const r = l === undefined ? undefined : c.changeMembership(l, change)
    if (r !== undefined) {
      if (c.runUntil(() => c.inv.committed[r.index]?.term === r.term || c.leader() === undefined, 4 * E) && c.inv.committed[r.index]?.term === r.term) return r.index
    } else {
      c.runTicks(1)
    }
  }
  return c.fail(`membership change ${JSON.stringify(change)} never committed`)
}

describe('membership changes, one server at a time', () => {
  it('add a learner, promote it, remove a voter (the leader too), under loss and crashes', () => forSeeds(seed => {
    const c = cluster(seed, 3, { net: { ...UNRELIABLE, drop: 0.05 }, snapshotEvery: 15, config: { maxPromotionLag: 5, snapshotChunkSize: 128 } })
    const rng = new Rng(seed)
    const clients = (ticks: number) => {
      for (let t = 0; t < ticks; t++) {
        const l = c.leader()
        if (l !== undefined) c.propose(l, c.nextValue())
        c.runTicks(1)
      }
    }
    clients(3 * E)
    commitChange(c, { type: 'addLearner', id: 's1' })
    clients(2 * E)
    // Crash a voter that is not the leader: progress must continue with the other two.
    const victim = followerOf(c, c.leader()!)
    c.crash(victim)
    clients(2 * E)
    c.restart(victim)
    commitChange(c, { type: 'promote', id: 's1' })
    assert.deepEqual([...c.core(c.leader()!).membership.voters].sort(), ['n1', 'n2', 'n3', 's1'])
    clients(2 * E)
    commitChange(c, { type: 'removeVoter', id: c.leader()! })
    clients(4 * E)
    commitChange(c, { type: 'addLearner', id: 's2' })
    clients(rng.int(E))
    c.setNet({ drop: 0, duplicate: 0 })
    const l = c.stabilize(30 * E)
    const m = c.core(l).membership
    assert.equal(m.voters.length, 3)
    assert.ok(m.voters.includes('s1'))
    assert.deepEqual(m.learners, ['s2'])
    for (const id of [...m.voters, ...m.learners]) assert.deepEqual(c.core(id).membership, m, `${id} disagrees on membership`)
    c.one(c.nextValue(), 3)
    c.stabilize(10 * E)
    c.checkFinal()
  }))

  it('refuses a second change while one is uncommitted, and a promotion of a lagging learner', () => {
    const cores = mkCluster(['a', 'b', 'c'], { config: { maxPromotionLag: 2 } })
    const a = elect(cores, 'a')
    a.proposeMembership({ type: 'addLearner', id: 'd' })
    assert.throws(() => a.proposeMembership({ type: 'addLearner', id: 'e' }), MembershipChangeError)
    stabilize(cores)
    for (let i = 0; i < 5; i++) a.propose(enc(`x${i}`))
    stabilize(cores)
    // d does not exist, so it never acknowledged anything.
    assert.throws(() => a.proposeMembership({ type: 'promote', id: 'd' }), /behind/)
    assert.throws(() => a.proposeMembership({ type: 'addVoter', id: 'd' }), /learner/)
    assert.throws(() => a.proposeMembership({ type: 'removeVoter', id: 'zz' }), MembershipChangeError)
  })

  it('a learner neither counts towards commit nor campaigns', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = elect(cores, 'a')
    cores.set('d', mkCore('d', []))
    a.proposeMembership({ type: 'addLearner', id: 'd' })
    stabilize(cores)
    assert.deepEqual(a.membership.learners, ['d'])
    assert.equal(cores.get('d')!.commitIndex, a.commitIndex, 'the learner receives the log')
    const commit = a.commitIndex
    a.propose(enc('only-the-learner-acks'))
    stabilize(cores, m => m.to !== 'b' && m.to !== 'c')
    assert.equal(cores.get('d')!.lastIndex, a.lastIndex)
    assert.equal(a.commitIndex, commit, 'a learner\'s ack must not count towards a majority')
    const d = cores.get('d')!
    for (let i = 0; i < 100; i++) d.tick()
    assert.equal(d.role, 'follower')
    assert.deepEqual(drain(d).flatMap(r => r.messages), [])
    assert.throws(() => a.transferLeadership('d'), { code: 'ERR_RAFT_USAGE' })
  })
})

describe('leadership transfer', () => {
  it('hands over to an up-to-date follower within a round trip, one term later', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l = c.checkOneLeader()
    c.one(c.nextValue(), 3)
    const term = c.core(l).currentTerm
    const target = followerOf(c, l)
    c.withCore(l, core => {
      core.transferLeadership(target)
      assert.throws(() => core.propose(enc('during transfer')), ProposalDroppedError)
    })
    assert.ok(c.runUntil(() => c.leader() === target, 5))
    assert.equal(c.core(target).currentTerm, term + 1)
    c.one(c.nextValue(), 3)
  }))

  it('catches a lagging target up first', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l = c.checkOneLeader()
    const target = followerOf(c, l)
    c.disconnect(target)
    for (let i = 0; i < 20; i++) c.one(c.nextValue(), 2)
    c.connect(target)
    c.withCore(l, core => core.transferLeadership(target))
    assert.ok(c.runUntil(() => c.leader() === target, 2 * E))
    assert.ok(c.core(target).commitIndex >= c.inv.commitCount - 1)
    c.one(c.nextValue(), 3)
  }))

  it('gives up after an election timeout when the target is down, and accepts proposals again', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l = c.checkOneLeader()
    const target = followerOf(c, l)
    c.crash(target)
    c.withCore(l, core => core.transferLeadership(target))
    assert.equal(c.propose(l, 'refused'), undefined)
    c.runTicks(E + 1)
    assert.equal(c.leader(), l)
    assert.ok(c.propose(l, 'accepted') !== undefined)
    c.one(c.nextValue(), 2)
  }))
})

describe('ReadIndex', () => {
  it('confirms a read at an index covering every write acknowledged before it', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l = c.checkOneLeader()
    const w = c.one('written', 3)
    assert.ok(c.read(l, 'r1'))
    assert.ok(c.runUntil(() => c.readsDone.has('r1'), 2))
    assert.ok(c.readsDone.get('r1')! >= w)
  }))

  it('a leader in a minority cannot serve a read; the majority\'s new leader can', () => forSeeds(seed => {
    const c = cluster(seed, 5)
    const l = c.checkOneLeader()
    c.one('before', 5)
    c.partition([[l, followerOf(c, l)]])
    assert.ok(c.read(l, 'stale'), 'the old leader still believes it leads')
    const majority = c.founders.filter(id => id !== l && id !== followerOf(c, l))
    assert.ok(c.runUntil(() => majority.some(id => c.core(id).role === 'leader'), 5 * E))
    const l2 = majority.find(id => c.core(id).role === 'leader')!
    const w = c.one('after', 3)
    assert.ok(c.read(l2, 'fresh'))
    c.runTicks(3 * E)
    assert.equal(c.readsDone.has('stale'), false, 'a minority leader served a read')
    assert.ok(c.readsDone.get('fresh')! >= w)
    c.heal()
    c.runTicks(3 * E)
    assert.equal(c.readsDone.has('stale'), false)
  }))

  it('a new leader waits for its first commit before answering reads', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = cores.get('a')!
    a.campaign()
    // Deliver the votes only: a leads, but its no-op is not committed yet.
    stabilize(cores, m => m.type === 'vote' || m.type === 'voteResponse')
    assert.equal(a.role, 'leader')
    assert.equal(a.commitIndex, 0)
    a.readIndex(enc('early'))
    const states: Array<{ index: number, commit: number }> = []
    const collect = (id: string, rd: Ready) => { if (id === 'a') for (const rs of rd.readStates) states.push({ index: rs.index, commit: a.commitIndex }) }
    stabilize(cores, m => m.type !== 'append', collect)
    assert.equal(states.length, 0, 'answered before committing an entry of its term')
    a.tick()
    stabilize(cores, () => true, collect)
    assert.equal(states.length, 1)
    assert.equal(states[0]!.index, 1, 'the read index is the commit index once the no-op committed')
  })

  it('a follower refuses with NotLeaderError', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    elect(cores, 'a')
    assert.throws(() => cores.get('b')!.readIndex(enc('x')), { code: 'ERR_NOT_LEADER' })
  })
})
