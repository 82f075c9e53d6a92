// Quiescence: an idle group stops sending and ticking, and wakes for work, for members that
// don't know it is quiet, and when the failure detector reports a change. Deterministic (sim).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { RaftCore, type Message } from '../../src/raft/core/index.js'
import { Cluster, type ClusterOptions } from './sim/cluster.js'

const E = 10

function quietCluster (seed: number, extra: Partial<ClusterOptions> = {}): Cluster {
  return new Cluster({ seed, n: 3, config: { electionTicks: E, heartbeatTicks: 2, quiesce: true }, label: `seed ${seed}`, ...extra })
}

/** Runs until every live member is quiesced; returns the leader. */
function settle (c: Cluster, maxTicks = 20 * E): string {
  const leader = c.checkOneLeader()
  const ok = c.runUntil(() => c.alive().every(id => c.core(id).isQuiesced), maxTicks)
  assert.ok(ok, `group did not quiesce: ${c.describe()}`)
  return leader
}

describe('raft quiescence', () => {
  it('an idle group sends nothing and ticks without effect once quiesced', () => {
    const c = quietCluster(1)
    const leader = settle(c)
    c.one(c.nextValue(), 3)
    settle(c)
    const term = c.core(leader).currentTerm
    const sent = c.net.stats.sent
    c.runTicks(50 * E)
    assert.equal(c.net.stats.sent, sent, 'messages sent by a quiesced group')
    assert.equal(c.core(leader).currentTerm, term)
    assert.equal(c.leader(), leader)
  })

  it('without quiescence the same idle group keeps heartbeating', () => {
    const c = new Cluster({ seed: 1, n: 3, config: { electionTicks: E, heartbeatTicks: 2 }, label: 'seed 1' })
    c.checkOneLeader()
    c.runTicks(2 * E)
    const sent = c.net.stats.sent
    c.runTicks(50 * E)
    // 25 heartbeat rounds to 2 followers and their answers.
    assert.ok(c.net.stats.sent - sent >= 90, `only ${c.net.stats.sent - sent} messages`)
    assert.ok(c.alive().every(id => !c.core(id).isQuiesced))
  })

  it('a proposal wakes the group, commits everywhere, and it quiesces again', () => {
    const c = quietCluster(2)
    const leader = settle(c)
    const index = c.one(c.nextValue(), 3, false)
    assert.equal(c.nCommitted(index), 3)
    assert.equal(c.core(leader).role, 'leader')
    settle(c)
    for (const id of c.alive()) assert.equal(c.core(id).commitIndex, index)
  })

  it('a ReadIndex on a quiesced leader wakes it and is confirmed by a quorum', () => {
    const c = quietCluster(3)
    const leader = settle(c)
    assert.ok(c.read(leader, 'q1'))
    assert.ok(c.runUntil(() => c.readsDone.has('q1'), 5 * E), 'read not confirmed')
    settle(c)
  })

  it('the failure detector wakes the followers of a crashed quiesced leader, who elect a new one', () => {
    const c = quietCluster(4)
    const old = settle(c)
    c.crash(old)
    const next = c.checkOneLeader(6 * E)
    assert.notEqual(next, old)
    c.one(c.nextValue(), 2, false)
  })

  it('without a detector report a crashed quiesced leader goes unnoticed (what the detector is for)', () => {
    const c = quietCluster(4, { detectorTicks: 1_000_000 })
    const old = settle(c)
    c.crash(old)
    c.runTicks(20 * E)
    assert.equal(c.leader(), undefined)
    for (const id of c.alive()) assert.ok(c.core(id).isQuiesced)
  })

  it('a member that restarts wakes the quiesced group on its own and follows the same leader', () => {
    // No detector: the restarted member's pre-vote is what wakes the others.
    const c = quietCluster(5, { detectorTicks: 1_000_000 })
    const leader = settle(c)
    const term = c.core(leader).currentTerm
    const follower = c.founders.find(id => id !== leader)!
    c.restart(follower)
    assert.ok(c.runUntil(() => c.core(follower).leader === leader, 10 * E), `restarted member never found the leader: ${c.describe()}`)
    // Pre-vote plus the leader lease: the returning member did not disrupt the term.
    assert.equal(c.core(leader).currentTerm, term)
    assert.equal(c.leader(), leader)
    settle(c)
  })

  it('a leader does not quiesce while a follower is silent, and keeps heartbeating to it', () => {
    const c = quietCluster(6, { detectorTicks: 1_000_000 })
    const leader = settle(c)
    const follower = c.founders.find(id => id !== leader)!
    c.crash(follower)
    c.one(c.nextValue(), 2, false)
    c.runTicks(4 * E)
    assert.equal(c.core(leader).isQuiesced, false)
    const beats = c.net.stats.of('heartbeat')
    c.runTicks(4 * E)
    assert.ok(c.net.stats.of('heartbeat') > beats, 'no heartbeats to a lagging follower')
    c.restart(follower)
    settle(c)
    assert.equal(c.core(follower).commitIndex, c.core(leader).commitIndex)
  })

  it('a partitioned quiesced leader steps down once woken; the majority elects and commits', () => {
    const c = quietCluster(7)
    const old = settle(c)
    const others = c.founders.filter(id => id !== old)
    c.partition([[old], others])
    assert.ok(c.runUntil(() => others.some(id => c.core(id).role === 'leader'), 8 * E), `majority elected no leader: ${c.describe()}`)
    const next = others.find(id => c.core(id).role === 'leader')!
    c.propose(next, c.nextValue())
    assert.ok(c.runUntil(() => c.core(old).role !== 'leader', 4 * E), 'minority leader kept leading (check-quorum)')
    c.heal()
    settle(c)
    assert.equal(c.leader(), next)
    for (const id of c.founders) assert.equal(c.core(id).commitIndex, c.core(next).commitIndex)
  })
})

describe('raft quiescence: a follower core', () => {
  const hb = (extra: Partial<Message> = {}): Message => ({ type: 'heartbeat', from: 'l', to: 'f', term: 2, commit: 0, commitTerm: 0, ...extra }) as Message

  function follower (): RaftCore {
    const core = new RaftCore({
      id: 'f',
      config: { electionTicks: E, quiesce: true },
      persisted: { hardState: { term: 2, vote: 'l', commit: 0 }, entries: [], snapshot: null },
      initialMembership: { voters: ['l', 'f', 'g'], learners: [] },
      random: () => 0.5
    })
    return core
  }

  it('quiesces on the leader\'s quiescing heartbeat, stops its election timer, and wakes on the next message', () => {
    const f = follower()
    f.step(hb({ quiesce: true }))
    assert.ok(f.isQuiesced)
    for (let i = 0; i < 10 * E; i++) f.tick()
    assert.equal(f.role, 'follower', 'a quiesced follower campaigned')
    f.step(hb())
    assert.equal(f.isQuiesced, false)
    for (let i = 0; i < 2 * E; i++) f.tick()
    assert.equal(f.role, 'preCandidate', 'an awake follower must time out without heartbeats')
  })

  it('after a detector wake, a late quiescing heartbeat does not put it back to sleep until the leader speaks normally', () => {
    const f = follower()
    f.step(hb({ quiesce: true }))
    f.wake()
    assert.equal(f.isQuiesced, false)
    // A copy delayed in the network, sent before the leader died.
    f.step(hb({ quiesce: true }))
    assert.equal(f.isQuiesced, false)
    f.step(hb())
    f.step(hb({ quiesce: true }))
    assert.ok(f.isQuiesced)
  })

  it('does not quiesce when it has not caught up to the leader\'s commit', () => {
    const f = follower()
    // commit 5 is not in this log: it cannot learn that it is committed, so it must keep watching.
    f.step(hb({ quiesce: true, commit: 5, commitTerm: 2 }))
    assert.equal(f.isQuiesced, false)
  })

  it('the option is validated', () => {
    assert.throws(() => new RaftCore({ id: 'x', config: { quiesce: 'yes' as unknown as boolean }, persisted: { hardState: { term: 0, vote: '', commit: 0 }, entries: [], snapshot: null }, random: () => 0 }), /quiesce/)
  })
})
