#!/usr/bin/env node
// Longer randomized nemesis runs against meshchan queues (build first: npm run build).
//
//   node scripts/queue-chaos.js                 10 runs, alternating 3 and 5 peers, random seeds
//   QUEUE_SEED=123 node scripts/queue-chaos.js  replay one run
//   QUEUE_CHAOS_RUNS=50 QUEUE_CHAOS_STEPS=40 QUEUE_CHAOS_MESSAGES=2000 node scripts/queue-chaos.js
//
// Each run ends with a full drain and the total-queue checker; the first failing run prints its
// seed and nemesis schedule and exits with status 1.
import { runNemesis } from '../dist/test/queue/fixtures/nemesis.js'

const env = (name, fallback) => process.env[name] === undefined ? fallback : Number(process.env[name])
const replay = process.env.QUEUE_SEED
const runs = replay === undefined ? env('QUEUE_CHAOS_RUNS', 10) : 1
const steps = env('QUEUE_CHAOS_STEPS', 20)
const messages = env('QUEUE_CHAOS_MESSAGES', 1000)

for (let i = 0; i < runs; i++) {
  const seed = replay === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(replay)
  const size = env('QUEUE_CHAOS_SIZE', i % 2 === 0 ? 3 : 5)
  const started = Date.now()
  console.log(`run ${i + 1}/${runs}: QUEUE_SEED=${seed} size=${size} steps=${steps} messages=${messages}`)
  let run
  try {
    run = await runNemesis({ seed, size, steps, messages, log: line => { console.log(`  ${line}`) } })
  } catch (err) {
    console.error(`run failed to complete (QUEUE_SEED=${seed}): ${err.stack ?? err}`)
    process.exit(1)
  }
  console.log(`  ${run.summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  if (!run.result.ok) {
    console.error(`FAILED: QUEUE_SEED=${seed} QUEUE_CHAOS_SIZE=${size}\n${JSON.stringify(run.result, null, 2).slice(0, 4000)}`)
    process.exit(1)
  }
}
console.log('all runs passed')
process.exit(0)
