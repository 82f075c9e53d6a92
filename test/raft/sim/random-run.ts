import type { MembershipChange, RaftConfig } from '../../../src/raft/core/index.js'
import { Cluster } from './cluster.js'
import { Rng } from './rng.js'

export interface RandomRunStats {
  seed: number
  ticks: number
  committed: number
  acked: number
  elections: number
  crashes: number
  membershipChanges: number
  snapshotsInstalled: number
  reads: number
  /** Ticks × members spent quiesced. */
  quiescedTicks: number
}

/** How to replay one seed, printed with every failure. */
export function replayHint (seed: number, ticks = DEFAULT_TICKS): string {
  const t = ticks === DEFAULT_TICKS ? '' : `RAFT_TICKS=${ticks} `
  return `seed ${seed}; replay with ${t}RAFT_SEED=${seed} node --test dist/test/raft/random.test.js (or node scripts/raft-soak.js 1 ${seed} ${ticks})`
}

/** Ticks of faults per run before the final heal. */
export const DEFAULT_TICKS = 400

/**
 * One randomized run: a cluster of 3 or 5 (sometimes growing and shrinking) under a random mix
 * of loss, duplication, reordering, partitions, crashes (also in the middle of handling a Ready),
 * snapshots, leadership transfers and reads, with invariants checked after every step; then the
 * network heals, everyone restarts, and the cluster must converge with every acknowledged write.
 */
export function randomRun (seed: number, ticks = DEFAULT_TICKS): RandomRunStats {
  const rng = new Rng(seed ^ 0x5eed)
  const n = rng.chance(0.6) ? 3 : 5
  const both = rng.chance(0.75)
  const config: Partial<RaftConfig> = {
    electionTicks: rng.pick([6, 10, 16]),
    heartbeatTicks: rng.pick([1, 1, 2]),
    preVote: both || rng.chance(0.5),
    checkQuorum: both || rng.chance(0.5),
    maxSizePerMsg: rng.pick([64, 512, 256 * 1024]),
    maxInflightMsgs: rng.pick([1, 4, 64]),
    maxInflightBytes: rng.pick([0, 200, 4096]),
    snapshotChunkSize: rng.pick([16, 100, 4096]),
    maxPromotionLag: rng.pick([0, 5, 1000]),
    maxUncommittedBytes: rng.pick([0, 2000, 1 << 20]),
    quiesce: rng.chance(0.5)
  }
  const lossy = rng.chance(0.6)
  const c = new Cluster({
    seed,
    n,
    config,
    label: replayHint(seed, ticks),
    net: lossy
      ? { drop: rng.pick([0.02, 0.1, 0.2]), duplicate: rng.pick([0, 0.05, 0.1]), minDelay: 1, maxDelay: rng.pick([3, 12, 30]), longDelayRate: rng.pick([0, 0.01]), longDelay: 200 }
      : { minDelay: 1, maxDelay: rng.pick([1, 3]) },
    snapshotEvery: rng.pick([0, 7, 30]),
    crashInReady: rng.chance(0.3) ? 0.002 : 0,
    // A slow detector (partitions are noticed by ping timeouts) is the interesting case.
    detectorTicks: rng.pick([1, 5, 40])
  })
  const spares = ['s1', 's2', 's3']
  // A removed member that does not know it keeps campaigning; only pre-vote plus check-quorum's
  // leader lease stop it from disrupting the new configuration forever (thesis §4.2.3), so
  // membership changes are only exercised with both on (the default).
  const membershipOn = rng.chance(0.35) && config.preVote === true && config.checkQuorum === true
  const stats: RandomRunStats = { seed, ticks: 0, committed: 0, acked: 0, elections: 0, crashes: 0, membershipChanges: 0, snapshotsInstalled: 0, reads: 0, quiescedTicks: 0 }
  const proposeRate = rng.pick([0.1, 0.5, 1])
  let readSeq = 0

  for (let t = 0; t < ticks; t++) {
    const ids = c.ids
    if (rng.chance(proposeRate)) {
      // Crashes inside Ready handling can take a member down at any call: look the leader up each time.
      for (let k = rng.range(1, 3); k > 0; k--) {
        const l = c.leader()
        if (l !== undefined) c.propose(l, c.nextValue())
      }
    }
    if (rng.chance(0.01)) {
      const id = rng.pick(ids)
      if (c.node(id).alive) { c.crash(id); stats.crashes++ }
    }
    for (const id of ids) if (!c.node(id).alive && rng.chance(0.05)) c.restart(id)
    if (rng.chance(0.01)) c.disconnect(rng.pick(ids))
    if (rng.chance(0.02)) for (const id of ids) c.connect(id)
    if (rng.chance(0.008)) {
      const shuffled = rng.shuffle([...ids])
      const cut = rng.range(1, shuffled.length - 1)
      c.partition([shuffled.slice(0, cut), shuffled.slice(cut)])
    }
    if (rng.chance(0.02)) c.partition([])
    let leader = c.leader()
    if (leader !== undefined && rng.chance(0.005)) {
      const voters = c.core(leader).membership.voters.filter(v => v !== leader)
      if (voters.length > 0) c.withCore(leader, core => core.transferLeadership(rng.pick(voters)))
    }
    leader = c.leader()
    if (leader !== undefined && rng.chance(0.03)) {
      if (c.read(leader, `r${seed}-${++readSeq}`)) stats.reads++
    }
    leader = c.leader()
    if (membershipOn && leader !== undefined && rng.chance(0.02)) {
      const change = pickChange(rng, c.core(leader).membership, spares)
      if (change !== undefined && c.changeMembership(leader, change) !== undefined) stats.membershipChanges++
    }
    c.runTicks(1)
  }

  // Heal everything and require convergence (liveness), then the final safety checks.
  c.heal()
  c.crashInReady = 0
  c.setNet({ drop: 0, duplicate: 0, longDelayRate: 0, maxDelay: 3 })
  for (const id of c.ids) if (!c.node(id).alive) c.restart(id)
  c.stabilize(200 * (config.electionTicks ?? 10))
  c.one(c.nextValue('final'), c.core(c.leader()!).membership.voters.length)
  c.stabilize(50 * (config.electionTicks ?? 10))
  c.checkFinal()

  stats.ticks = c.ticks
  stats.committed = c.inv.commitCount
  stats.acked = c.acked.size
  stats.elections = c.inv.leaders.size
  stats.quiescedTicks = c.quiescedTicks
  for (const v of c.installs.values()) stats.snapshotsInstalled += v
  return stats
}

/** A membership change that keeps 3–5 voters, or undefined. */
function pickChange (rng: Rng, m: { voters: string[], learners: string[] }, spares: string[]): MembershipChange | undefined {
  const options: MembershipChange[] = []
  const all = new Set([...m.voters, ...m.learners])
  for (const s of spares) if (!all.has(s)) options.push({ type: 'addLearner', id: s })
  for (const l of m.learners) {
    if (m.voters.length < 5) options.push({ type: 'promote', id: l })
    options.push({ type: 'removeLearner', id: l })
  }
  if (m.voters.length > 3) for (const v of m.voters) options.push({ type: 'removeVoter', id: v })
  return options.length === 0 ? undefined : rng.pick(options)
}
