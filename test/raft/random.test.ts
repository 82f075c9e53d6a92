import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_TICKS, randomRun, replayHint } from './sim/random-run.js'

// RAFT_SEED=n replays one seed; RAFT_SEEDS / RAFT_SEED_START / RAFT_TICKS widen the default sweep.
const only = process.env.RAFT_SEED
const count = Number(process.env.RAFT_SEEDS ?? 500)
const start = Number(process.env.RAFT_SEED_START ?? 1)
const ticks = Number(process.env.RAFT_TICKS ?? DEFAULT_TICKS)
const seeds = only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => start + i)

test(`randomized fault runs over ${seeds.length} seed(s), invariants after every step`, () => {
  let committed = 0
  let elections = 0
  let installs = 0
  let changes = 0
  let reads = 0
  let quiesced = 0
  for (const seed of seeds) {
    let s
    try {
      s = randomRun(seed, ticks)
    } catch (err) {
      // Errors thrown by the core itself do not carry the seed: add it.
      if (err instanceof Error && !err.message.includes('RAFT_SEED')) err.message += `\n  (${replayHint(seed, ticks)})`
      throw err
    }
    committed += s.committed
    elections += s.elections
    installs += s.snapshotsInstalled
    changes += s.membershipChanges
    reads += s.reads
    quiesced += s.quiescedTicks
  }
  // The sweep must actually exercise the interesting paths, or it proves little.
  if (only === undefined && seeds.length >= 100) {
    assert.ok(committed > seeds.length * 50, `too few commits: ${committed}`)
    assert.ok(elections > seeds.length * 2, `too few elections: ${elections}`)
    assert.ok(installs > 10, `too few snapshot installs: ${installs}`)
    assert.ok(changes > 20, `too few membership changes: ${changes}`)
    assert.ok(reads > 100, `too few reads: ${reads}`)
    assert.ok(quiesced > seeds.length * 10, `too little quiescence: ${quiesced} member-ticks`)
  }
})
