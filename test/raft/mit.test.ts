// The MIT 6.5840 Raft lab scenarios (3A–3C), re-expressed over the deterministic simulator.
// Each runs on a few seeds; a failure names its seed. Time is in ticks: election timeouts are
// 10–19 ticks, heartbeats every tick, messages take 1–2 network steps (4 steps per tick).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Cluster, type ClusterOptions } from './sim/cluster.js'
import { UNRELIABLE } from './sim/network.js'
import { Rng } from './sim/rng.js'

const E = 10
const SEEDS = [1, 2, 3]

function cluster (seed: number, n: number, extra: Partial<ClusterOptions> = {}): Cluster {
  // Odd seeds run with quiescence (idle leaders stop heartbeating; the simulated failure detector wakes them).
  return new Cluster({ seed, n, config: { electionTicks: E, quiesce: seed % 2 === 1 }, label: `seed ${seed}${seed % 2 === 1 ? ', quiesce' : ''}`, ...extra })
}

/** Runs `body` for each seed, naming the seed on failure. */
function forSeeds (body: (seed: number) => void, seeds = SEEDS): void {
  for (const seed of seeds) {
    try {
      body(seed)
    } catch (err) {
      if (err instanceof Error && !err.message.includes('seed')) err.message += ` (seed ${seed})`
      throw err
    }
  }
}

const idAt = (c: Cluster, leader: string, k: number): string => {
  const ids = c.founders
  return ids[(ids.indexOf(leader) + k) % ids.length]!
}

describe('3A: leader election', () => {
  it('InitialElection: one leader; the term stays put without failures', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.checkOneLeader()
    const t1 = c.checkTerms()
    assert.ok(t1 >= 1)
    c.runTicks(4 * E)
    assert.equal(c.checkTerms(), t1, 'term changed with no failures')
    c.checkOneLeader()
  }))

  it('ReElection: a new leader after the old one is cut off; its return does not disrupt; none without a majority', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l1 = c.checkOneLeader()
    c.disconnect(l1)
    const l2 = c.checkOneLeader()
    assert.notEqual(l2, l1)
    const t2 = c.core(l2).currentTerm
    c.connect(l1)
    assert.equal(c.checkOneLeader(), l2, 'the old leader must not take over when it returns')
    c.runTicks(2 * E)
    assert.equal(c.core(l2).currentTerm, t2, 'the returning leader bumped the term')
    const other = idAt(c, l2, 1)
    c.disconnect(l2)
    c.disconnect(other)
    c.runTicks(4 * E)
    c.checkNoLeader()
    c.connect(other)
    c.checkOneLeader()
    c.connect(l2)
    c.checkOneLeader()
  }))

  it('ManyElections: 7 members, repeatedly cut off 3; exactly one leader each time', () => forSeeds(seed => {
    const c = cluster(seed, 7)
    const rng = new Rng(seed)
    c.checkOneLeader()
    for (let i = 0; i < 10; i++) {
      const out = rng.shuffle([...c.founders]).slice(0, 3)
      for (const id of out) c.disconnect(id)
      c.checkOneLeader()
      for (const id of out) c.connect(id)
    }
    c.checkOneLeader()
  }))
})

describe('3B: log agreement', () => {
  it('BasicAgree: commands commit at consecutive indexes on all members', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.checkOneLeader()
    let prev = -1
    for (let i = 1; i <= 3; i++) {
      const next = c.inv.commitCount + 1
      assert.equal(c.nCommitted(next), 0, 'committed before Start()')
      const index = c.one(`agree${i}`, 3, false)
      if (prev !== -1) assert.equal(index, prev + 1)
      prev = index
    }
  }))

  it('ConcurrentStarts: proposals in one term take consecutive indexes and all commit', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    const l = c.checkOneLeader()
    c.one('warmup', 3)
    const results = Array.from({ length: 5 }, (_, i) => c.propose(l, `conc${i}`)!)
    const term = results[0]!.term
    results.forEach((r, i) => {
      assert.equal(r.term, term)
      assert.equal(r.index, results[0]!.index + i)
    })
    assert.ok(c.runUntil(() => c.nCommitted(results[4]!.index) === 3, 2 * E))
    results.forEach((r, i) => assert.equal(c.committedKey(r.index), `n:conc${i}`))
  }))

  it('FailAgree: progress with a follower cut off; it catches up when back', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.one('101', 3)
    const l = c.checkOneLeader()
    const f = idAt(c, l, 1)
    c.disconnect(f)
    for (const v of ['102', '103', '104', '105']) c.one(v, 2)
    c.connect(f)
    c.one('106', 3)
    c.one('107', 3)
  }))

  it('FailNoAgree: nothing commits without a majority; progress resumes after', () => forSeeds(seed => {
    const c = cluster(seed, 5)
    c.one('10', 5)
    const l = c.checkOneLeader()
    for (const k of [1, 2, 3]) c.disconnect(idAt(c, l, k))
    const r = c.propose(l, '20')
    assert.ok(r !== undefined, 'the leader accepts the proposal')
    c.runTicks(2 * E)
    assert.equal(c.nCommitted(r.index), 0, 'committed without a majority')
    assert.equal(c.committedKey(r.index), undefined)
    for (const k of [1, 2, 3]) c.connect(idAt(c, l, k))
    c.one('30', 5)
    c.one('1000', 5)
  }))

  it('Rejoin: a partitioned leader\'s uncommitted entries are overwritten when it returns', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.one('101', 3)
    const l1 = c.checkOneLeader()
    c.disconnect(l1)
    const stale = ['102x', '103x', '104x'].map(v => c.propose(l1, v)!)
    c.one('103', 2)
    const l2 = c.checkOneLeader()
    c.disconnect(l2)
    c.connect(l1)
    c.one('104', 2)
    c.connect(l2)
    c.one('105', 3)
    c.stabilize(10 * E)
    for (const s of stale) {
      assert.notEqual(c.committedKey(s.index), `n:${['102x', '103x', '104x'][stale.indexOf(s)]}`)
      assert.notEqual(c.core(l1).termAt(s.index), s.term, 'stale entry still in the old leader\'s log')
    }
  }))

  it('Backup: leader backs up quickly over incorrect follower logs (fast backtracking)', () => forSeeds(seed => {
    const c = cluster(seed, 5)
    const rng = new Rng(seed)
    const v = () => `b${rng.int(1e9)}`
    c.one(v(), 5)
    const l1 = c.checkOneLeader()
    const [a, b, x, y] = [1, 2, 3, 4].map(k => idAt(c, l1, k)) as [string, string, string, string]
    // l1 and a in a minority: 50 uncommitted entries.
    for (const id of [b, x, y]) c.disconnect(id)
    for (let i = 0; i < 50; i++) c.propose(l1, v())
    c.runTicks(E / 2)
    c.disconnect(l1)
    c.disconnect(a)
    for (const id of [b, x, y]) c.connect(id)
    // 50 committed in the majority.
    for (let i = 0; i < 50; i++) c.one(v(), 3)
    const l2 = c.checkOneLeader()
    const other = [b, x, y].find(id => id !== l2)!
    c.disconnect(other)
    // 50 more uncommitted at l2.
    for (let i = 0; i < 50; i++) c.propose(l2, v())
    c.runTicks(E / 2)
    for (const id of c.founders) c.disconnect(id)
    c.connect(l1)
    c.connect(a)
    c.connect(other)
    const rejectsBefore = c.net.stats.rejects
    for (let i = 0; i < 50; i++) c.one(v(), 3)
    for (const id of c.founders) c.connect(id)
    c.one(v(), 5)
    // Going back one entry per round trip would take ≥ 50 rejections per divergent follower.
    const rejects = c.net.stats.rejects - rejectsBefore
    assert.ok(rejects < 40, `${rejects} rejected appends: backtracking is not skipping terms`)
  }))

  it('Count: a bounded number of messages to elect, to agree, and when idle', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.checkOneLeader()
    const t0 = c.net.stats.sent
    assert.ok(t0 < 30, `${t0} messages to elect a leader`)
    // Let the first heartbeat rounds settle, then count agreement on 10 concurrent commands.
    c.runTicks(2)
    const l = c.leader()!
    const t1 = c.net.stats.sent
    const rs = c.proposeBatch(l, Array.from({ length: 10 }, (_, i) => `count${i}`))
    assert.ok(c.runUntil(() => c.nCommitted(rs[9]!.index) === 3, 2 * E))
    const agree = c.net.stats.sent - t1
    assert.ok(agree <= (10 + 1 + 3) * 3, `${agree} messages to agree on 10 commands`)
    // Idle: heartbeats only, two per follower per heartbeat interval.
    c.runTicks(2)
    const t2 = c.net.stats.sent
    c.runTicks(E)
    const idle = c.net.stats.sent - t2
    assert.ok(idle <= 3 * 2 * E, `${idle} messages in ${E} idle ticks (expected about ${2 * 2 * E})`)
  }))
})

describe('3C: persistence', () => {
  it('Persist1: crash and restart everyone, the leader, a follower', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.one('11', 3)
    for (const id of c.founders) c.restart(id)
    c.one('12', 3)
    const l1 = c.checkOneLeader()
    c.restart(l1)
    c.one('13', 3)
    const l2 = c.checkOneLeader()
    c.crash(l2)
    const index = c.one('14', 2)
    c.restart(l2)
    assert.ok(c.runUntil(() => c.nCommitted(index) === 3, 4 * E))
    const f = idAt(c, c.checkOneLeader(), 1)
    c.crash(f)
    c.one('15', 2)
    c.restart(f)
    c.one('16', 3)
  }))

  it('Persist2: partitions plus crashes of the majority side, many times', () => forSeeds(seed => {
    const c = cluster(seed, 5)
    let v = 1
    for (let iter = 0; iter < 5; iter++) {
      c.one(`${10 + v++}`, 5)
      const l1 = c.checkOneLeader()
      c.disconnect(idAt(c, l1, 1))
      c.disconnect(idAt(c, l1, 2))
      c.one(`${10 + v++}`, 3)
      for (const k of [0, 3, 4]) { c.disconnect(idAt(c, l1, k)); c.crash(idAt(c, l1, k)) }
      for (const k of [1, 2]) { c.restart(idAt(c, l1, k)); c.connect(idAt(c, l1, k)) }
      c.runTicks(E)
      c.restart(idAt(c, l1, 3))
      c.connect(idAt(c, l1, 3))
      c.one(`${10 + v++}`, 3)
      for (const k of [4, 0]) { c.restart(idAt(c, l1, k)); c.connect(idAt(c, l1, k)) }
    }
    c.one('1000', 5)
  }))

  it('Persist3: a partitioned leader and a follower crash and restart', () => forSeeds(seed => {
    const c = cluster(seed, 3)
    c.one('101', 3)
    const l = c.checkOneLeader()
    c.disconnect(idAt(c, l, 2))
    c.one('102', 2)
    c.crash(l)
    c.crash(idAt(c, l, 1))
    c.connect(idAt(c, l, 2))
    c.restart(l)
    c.one('103', 2)
    c.restart(idAt(c, l, 1))
    c.one('104', 3)
  }))

  function figure8 (seed: number, unreliable: boolean): Cluster {
    const c = cluster(seed, 5, unreliable ? { net: UNRELIABLE } : {})
    const rng = new Rng(seed * 7919)
    c.one(`f8-${seed}-0`, 1)
    const up = new Set(c.founders)
    for (let iter = 0; iter < 1000; iter++) {
      if (unreliable && iter === 200) c.setNet({ longDelayRate: 0.1, longDelay: 40 * E })
      let leader: string | undefined
      for (const id of c.founders) {
        if (!up.has(id)) continue
        if (c.propose(id, `f8-${seed}-${iter + 1}`) !== undefined) leader = id
      }
      c.runTicks(rng.chance(0.1) ? rng.int(2 * E) : rng.int(2))
      if (leader !== undefined && (!unreliable || rng.chance(0.5))) {
        if (unreliable) c.disconnect(leader)
        else c.crash(leader)
        up.delete(leader)
      }
      if (up.size < 3) {
        const down = c.founders.filter(id => !up.has(id))
        const s = rng.pick(down)
        if (unreliable) c.connect(s)
        else c.restart(s)
        up.add(s)
      }
    }
    c.setNet({ ...c.net.opts, drop: 0, duplicate: 0, longDelayRate: 0, maxDelay: 2 })
    for (const id of c.founders) {
      if (!c.node(id).alive) c.restart(id)
      c.connect(id)
    }
    c.one(`f8-${seed}-end`, 5)
    c.stabilize(20 * E)
    c.checkFinal()
    return c
  }

  it('Figure8: 1000 rounds of propose-then-crash-the-leader; all agree at the end', () => forSeeds(seed => {
    const c = figure8(seed, false)
    assert.ok(c.inv.leaders.size > 50, `only ${c.inv.leaders.size} leaders: the scenario did not churn`)
  }, [1, 2]))

  it('UnreliableAgree: agreement over a lossy, duplicating, reordering network', () => forSeeds(seed => {
    const c = cluster(seed, 5, { net: UNRELIABLE })
    for (let iter = 1; iter < 50; iter++) {
      const l = c.leader()
      if (l !== undefined) for (let j = 0; j < 4; j++) c.propose(l, `ua${iter}-${j}`)
      c.one(`ua${iter}`, 1)
    }
    c.setNet({ drop: 0, duplicate: 0 })
    c.one('ua-final', 5)
    c.stabilize(10 * E)
    c.checkFinal()
  }))

  it('Figure8Unreliable: leaders cut off at random on a lossy network with long reordering', () => forSeeds(seed => {
    figure8(seed, true)
  }, [1, 2]))

  function churn (seed: number, unreliable: boolean): void {
    const c = cluster(seed, 5, unreliable ? { net: UNRELIABLE } : {})
    const rng = new Rng(seed * 31)
    for (let iter = 0; iter < 20; iter++) {
      // Clients keep proposing through whoever leads while members fail.
      for (let t = 0; t < 7; t++) {
        const l = c.leader()
        if (l !== undefined) for (let k = rng.int(3); k >= 0; k--) c.propose(l, c.nextValue('churn'))
        c.runTicks(1)
      }
      if (rng.chance(0.2)) c.disconnect(rng.pick(c.founders))
      if (rng.chance(0.5)) {
        const id = rng.pick(c.founders)
        if (!c.node(id).alive) c.restart(id)
        c.connect(id)
      }
      if (rng.chance(0.2)) {
        const id = rng.pick(c.founders)
        if (c.node(id).alive) c.crash(id)
      }
      if (c.alive().length < 3) for (const id of c.founders) if (!c.node(id).alive) { c.restart(id); break }
    }
    c.setNet({ drop: 0, duplicate: 0, longDelayRate: 0 })
    for (const id of c.founders) {
      if (!c.node(id).alive) c.restart(id)
      c.connect(id)
    }
    c.one('churn-end', 5)
    c.stabilize(20 * E)
    c.checkFinal()
    const min = unreliable ? 20 : 50
    assert.ok(c.acked.size > min, `only ${c.acked.size} writes acknowledged: churn starved the clients`)
  }

  it('ReliableChurn: continuous clients while members crash and restart; every acked write survives', () => forSeeds(seed => churn(seed, false)))
  it('UnreliableChurn: the same on a lossy network', () => forSeeds(seed => churn(seed, true)))
})
