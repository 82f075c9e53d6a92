// Failover on the failure detector's word: followers told that their leader's link went down
// elect a new leader within a few ticks instead of a whole election timeout, and a wrong report
// does not unseat a leader that is alive. Deterministic (sim); a failing seed is in the message.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Cluster } from './sim/cluster.js'

const E = 10

/**
 * Ticks from crashing the leader until a new one leads, with the detector reporting after
 * `detectorTicks` (at least 1: messages the leader sent just before dying land first, as on a
 * real connection, where the close comes after the data).
 */
function failover (seed: number, detectorTicks: number, quiesce: boolean): { ticks: number, leader: string } {
  const c = new Cluster({ seed, n: 3, config: { electionTicks: E, heartbeatTicks: 1, quiesce }, detectorTicks, label: `seed ${seed}` })
  const old = c.checkOneLeader()
  c.one(c.nextValue(), 3)
  c.runTicks(3 * E)
  c.crash(old)
  const start = c.now
  const ok = c.runUntil(() => { const l = c.leader(); return l !== undefined && l !== old }, 20 * E)
  assert.ok(ok, `seed ${seed}: no new leader: ${c.describe()}`)
  return { ticks: (c.now - start) / c.stepsPerTick, leader: c.leader()! }
}

describe('raft: failover on a reported link loss (peerDown)', () => {
  it('elects a new leader within half an election timeout of the report', () => {
    // The remaining followers take turns by id, so both being told at once does not split the vote.
    const ticks: number[] = []
    for (let seed = 1; seed <= 40; seed++) ticks.push(failover(seed, 1, seed % 2 === 0).ticks)
    // Without the report no follower can campaign before E ticks of silence (its randomized
    // timeout is at least E): every failover would take E ticks or more (next test).
    assert.ok(ticks.every(t => t <= E / 2), `failover ticks: ${ticks.join(',')}`)
  })

  it('still elects quickly when the first follower in turn is gone too or lags, and in a group of 5', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = new Cluster({ seed, n: 5, config: { electionTicks: E, heartbeatTicks: 1 }, detectorTicks: 1, label: `seed ${seed}` })
      const old = c.checkOneLeader()
      c.one(c.nextValue(), 5)
      c.runTicks(3 * E)
      // Crash the leader and the follower first in turn: the next one must take over.
      const first = c.alive().filter(id => id !== old).sort()[0]
      c.crash(first)
      c.crash(old)
      const start = c.now
      const ok = c.runUntil(() => { const l = c.leader(); return l !== undefined && l !== old }, 20 * E)
      assert.ok(ok, `seed ${seed}: no new leader`)
      const ticks = (c.now - start) / c.stepsPerTick
      assert.ok(ticks <= E, `seed ${seed}: ${ticks} ticks`)
      c.one(c.nextValue(), 3)
    }
  })

  it('without a report (a detector that never fires) failover waits for the election timeout', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { ticks } = failover(seed, 1_000_000, false)
      assert.ok(ticks >= E - 1, `seed ${seed}: failover in ${ticks} ticks without a report`)
    }
  })

  it('a wrong report to one follower does not unseat a live leader or bump the term', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const c = new Cluster({ seed, n: 3, config: { electionTicks: E, heartbeatTicks: 1 }, detectorTicks: 1_000_000, label: `seed ${seed}` })
      const leader = c.checkOneLeader()
      c.one(c.nextValue(), 3)
      const term = c.core(leader).currentTerm
      const follower = c.alive().find(id => id !== leader)!
      c.core(follower).peerDown(leader)
      c.runTicks(5 * E)
      assert.equal(c.leader(), leader, `seed ${seed}`)
      assert.equal(c.core(leader).currentTerm, term, `seed ${seed}: term moved`)
      assert.equal(c.core(follower).leader, leader, `seed ${seed}: the follower did not take the leader back`)
      c.one(c.nextValue(), 3)
    }
  })

  it('a report about a peer that is not the leader changes nothing but waking', () => {
    const c = new Cluster({ seed: 3, n: 3, config: { electionTicks: E, heartbeatTicks: 1 }, detectorTicks: 1_000_000 })
    const leader = c.checkOneLeader()
    const [a, b] = c.alive().filter(id => id !== leader)
    const term = c.core(leader).currentTerm
    c.core(a).peerDown(b)
    c.core(leader).peerDown(a)
    c.runTicks(5 * E)
    assert.equal(c.leader(), leader)
    assert.equal(c.core(leader).currentTerm, term)
  })
})
