#!/usr/bin/env node
// Soak test for the Raft core: thousands of randomized simulation seeds (faults, crashes,
// snapshots, membership changes), invariants checked after every step.
//
//   node scripts/raft-soak.js [count] [start] [ticks]
//   RAFT_SOAK_SEEDS=5000 RAFT_SOAK_START=100000 RAFT_SOAK_TICKS=800 node scripts/raft-soak.js
//
// Needs a build (`npx tsc -p .`). Exits 1 if any seed fails; every failure prints how to replay it.
import { randomRun, replayHint } from '../dist/test/raft/sim/random-run.js'

const count = Number(process.argv[2] ?? process.env.RAFT_SOAK_SEEDS ?? 5000)
const start = Number(process.argv[3] ?? process.env.RAFT_SOAK_START ?? 10_000)
const ticks = Number(process.argv[4] ?? process.env.RAFT_SOAK_TICKS ?? 600)
if (![count, start, ticks].every(Number.isSafeInteger)) {
  console.error('usage: node scripts/raft-soak.js [count] [start] [ticks]')
  process.exit(2)
}

const t0 = performance.now()
const failed = []
const totals = { committed: 0, elections: 0, crashes: 0, snapshotsInstalled: 0, membershipChanges: 0, reads: 0, quiescedTicks: 0 }
for (let seed = start; seed < start + count; seed++) {
  try {
    const s = randomRun(seed, ticks)
    for (const k of Object.keys(totals)) totals[k] += s[k]
  } catch (err) {
    failed.push(seed)
    console.error(`FAIL ${replayHint(seed, ticks)}\n${err instanceof Error ? err.stack : String(err)}\n`)
  }
  const done = seed - start + 1
  if (done % 500 === 0) console.log(`${done}/${count} seeds, ${failed.length} failed, ${((performance.now() - t0) / 1000).toFixed(1)}s`)
}
console.log(JSON.stringify({ seeds: count, start, ticks, failed, seconds: Math.round((performance.now() - t0) / 1000), ...totals }))
process.exit(failed.length === 0 ? 0 : 1)
