#!/usr/bin/env node
// W1, meshchan against NATS JetStream R3, measured in the same hour: the VM's speed moves by a
// factor of 1.5-2 from hour to hour, so the only fair comparison is runs that alternate. Each round
// runs meshchan's W1 (scripts/bench-queue.js) and then NATS's (scripts/bench-nats.js), both on fresh
// processes or both warm (`--warmup N`: the same processes first pass N messages through the queue,
// left out of the figures); every run's JSON line is printed as it ends, and a summary line last:
// medians, and the median of the per-round ratios.
//
//   npm run bench:vs-nats [-- --rounds 3] [--messages 20000] [--warmup N] [--clients procs|one]
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    messages: { type: 'string', default: '20000' },
    warmup: { type: 'string' },
    clients: { type: 'string', default: 'procs' }
  }
})
const rounds = Number(values.rounds)
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error('--rounds 1..50')

function run (script, args) {
  const path = fileURLToPath(new URL(script, import.meta.url))
  const out = spawnSync(process.execPath, [path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 })
  if (out.status !== 0) throw new Error(`${script} exited with ${out.status ?? out.signal}`)
  const line = out.stdout.trim().split('\n').at(-1)
  console.log(line)
  return JSON.parse(line)
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 }

const ours = []
const theirs = []
for (let i = 0; i < rounds; i++) {
  const w1 = ['--workload', 'w1', '--messages', values.messages]
  if (values.warmup !== undefined) w1.push('--warmup', values.warmup)
  ours.push(run('./bench-queue.js', w1))
  const nats = ['--messages', values.messages, '--clients', values.clients]
  if (values.warmup !== undefined) nats.push('--warmup', values.warmup)
  theirs.push(run('./bench-nats.js', nats))
}
const ok = (r) => r.completed && r.missing === 0 && r.duplicatesDelivered === 0
console.log(JSON.stringify({
  bench: 'w1-vs-nats',
  rounds,
  meshchan: { processes: values.warmup !== undefined ? 'warm' : 'fresh', msgsPerSec: ours.map(r => r.msgsPerSec), median: median(ours.map(r => r.msgsPerSec)), cpuUsPerMsg: ours.map(r => r.cpuUsPerMsg), clean: ours.every(ok) },
  nats: { clients: values.clients, processes: values.warmup !== undefined ? 'warm' : 'fresh', msgsPerSec: theirs.map(r => r.msgsPerSec), median: median(theirs.map(r => r.msgsPerSec)), cpuUsPerMsg: theirs.map(r => r.cpuUsPerMsg), clean: theirs.every(ok) },
  ratioPerRound: ours.map((r, i) => Math.round(r.msgsPerSec / theirs[i].msgsPerSec * 100) / 100),
  medianRatio: median(ours.map((r, i) => r.msgsPerSec / theirs[i].msgsPerSec))
}))
