#!/usr/bin/env node
// Raft benchmark (issue 3): 3 member processes on loopback libp2p, driven over IPC.
//   throughput — pipelined 256-byte proposals to one group, fsync on and off, p50/p99 latency
//   failover   — kill -9 the leader process, time until a new leader commits; p50/p99 over trials
//   idle       — CPU and wire bytes of 100 idle groups on 3 peers (quiesced; BENCH_RAFT_QUIESCE=0: heartbeating)
// Prints one JSON line per measurement. Usage:
//   npm run bench:raft [-- --part throughput|failover|idle] [--trials 30] [--groups 100]
//                      [--throughput-ms 5000] [--idle-ms 10000] [--window 256] [--size 256]
import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { percentile, nextMessage } from './bench/stats.js'

const { values } = parseArgs({
  options: {
    part: { type: 'string' },
    trials: { type: 'string', default: '30' },
    groups: { type: 'string', default: '100' },
    'throughput-ms': { type: 'string', default: '5000' },
    'idle-ms': { type: 'string', default: '10000' },
    window: { type: 'string', default: '256' },
    size: { type: 'string', default: '256' }
  }
})
const parts = values.part ? [values.part] : ['throughput', 'failover', 'idle']
const nodeScript = fileURLToPath(new URL('./bench/raft-node.js', import.meta.url))
const live = new Set()
process.on('exit', () => { for (const c of live) c.proc.kill('SIGKILL') })
const now = () => performance.timeOrigin + performance.now()
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n')

/** One member process; `call` sends a command and resolves with its reply. */
class Member {
  constructor (root, i) {
    this.identity = join(root, `m${i}`, 'identity.key')
    this.dataDir = join(root, `m${i}`, 'data')
    this.seq = 0
  }

  async start () {
    this.proc = fork(nodeScript, [this.identity, this.dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    live.add(this)
    this.proc.once('exit', () => live.delete(this))
    const ready = await nextMessage(this.proc, m => m.type === 'ready', 30_000, 'a member to start')
    this.peerId = ready.peerId
    this.address = ready.address
    return this
  }

  async call (type, args = {}, ms = 60_000) {
    const id = ++this.seq
    const reply = nextMessage(this.proc, m => m.type === 'reply' && m.id === id, ms, type)
    this.proc.send({ type, id, ...args })
    const r = await reply
    if (r.error) throw new Error(`${type}: ${r.error}`)
    return r
  }

  kill () { this.proc.kill('SIGKILL') }

  async stop () {
    if (!live.has(this)) return
    const exited = new Promise(resolve => this.proc.once('exit', resolve))
    await this.call('stop', {}, 10_000).catch(() => this.kill())
    await exited
  }
}

/** Starts 3 members, connects them and creates `groups` groups on each. */
async function startCluster (root, { groups, durability, prefix }) {
  const members = await Promise.all([0, 1, 2].map(async i => await new Member(root, i).start()))
  const ids = members.map(m => m.peerId)
  await Promise.all(members.map(async (m, i) => await m.call('setup', { addresses: members.slice(0, i).map(o => o.address), members: ids, groups, durability, prefix })))
  await Promise.all(members.map(async m => await m.call('waitSettled')))
  return members
}

/** Index of the member all agree leads group `group`, waiting until they agree. */
async function leaderOf (members, group) {
  for (;;) {
    const st = await Promise.all(members.map(async m => (await m.call('status')).groups.find(g => g.id === group)))
    const leader = st.findIndex(s => s.role === 'leader')
    if (leader >= 0 && st.every(s => s.leader === members[leader].peerId && s.term === st[leader].term)) return leader
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function throughput () {
  for (const durability of ['fsync', 'os']) {
    const root = await mkdtemp(join(tmpdir(), 'meshchan-bench-raft-'))
    try {
      const members = await startCluster(root, { groups: 1, durability, prefix: 'tp-' })
      const leader = await leaderOf(members, 'tp-0')
      const r = await members[leader].call('throughput', { group: 'tp-0', size: Number(values.size), window: Number(values.window), ms: Number(values['throughput-ms']), warmupMs: 1000 }, 120_000)
      const { type: _t, id: _i, ...result } = r
      print({ bench: 'raft-throughput', durability, members: 3, processes: 3, transport: 'libp2p tcp loopback', commandBytes: Number(values.size), inFlight: Number(values.window), ...result })
      await Promise.all(members.map(async m => await m.stop()))
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }
}

async function failover () {
  const trials = Number(values.trials)
  const root = await mkdtemp(join(tmpdir(), 'meshchan-bench-raft-'))
  const times = []
  const byMode = { quiesced: [], busy: [] }
  const failures = []
  try {
    const members = await startCluster(root, { groups: 1, durability: 'fsync', prefix: 'fo-' })
    const ids = members.map(m => m.peerId)
    for (let t = 0; t < trials; t++) {
      const leader = await leaderOf(members, 'fo-0')
      const survivors = members.filter((_, i) => i !== leader)
      // Odd trials kill a leader of a quiesced group (only its closed connections wake the others),
      // even ones a leader that just replicated an entry (followers awake, heartbeats flowing).
      const mode = t % 2 === 1 ? 'quiesced' : 'busy'
      if (mode === 'quiesced') {
        const deadline = now() + 5000
        while (!(await members[leader].call('status')).groups[0].quiesced && now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
      } else {
        await members[leader].call('commitWhenLeader', { group: 'fo-0' })
      }
      const quiet = (await members[leader].call('status')).groups[0].quiesced
      if (quiet !== (mode === 'quiesced')) { failures.push(`trial ${t}: group ${quiet ? 'quiesced' : 'awake'} before the ${mode} kill`); continue }
      // Armed before the kill: whichever survivor becomes leader proposes at once.
      const waits = survivors.map(async m => await m.call('commitWhenLeader', { group: 'fo-0' }, 20_000))
      const firstCommit = Promise.any(waits.map(async w => { const r = await w; if (r.committedAt === undefined) throw new Error(JSON.stringify(r)); return r }))
      const t0 = now()
      members[leader].kill()
      try {
        const r = await firstCommit
        times.push(r.committedAt - t0)
        byMode[mode].push(r.committedAt - t0)
      } catch (err) {
        failures.push(String(err))
      }
      await Promise.all(survivors.map(async m => await m.call('cancel')))
      await Promise.allSettled(waits)
      // Bring the killed member back with its identity and data dir.
      const back = new Member(root, leader)
      await back.start()
      members[leader] = back
      await back.call('setup', { addresses: survivors.map(m => m.address), members: ids, groups: 1, durability: 'fsync', prefix: 'fo-' })
      await back.call('waitSettled')
    }
    await Promise.all(members.map(async m => await m.stop()))
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  print({
    bench: 'raft-failover',
    members: 3,
    electionTimeoutMs: '150-300',
    heartbeatMs: 45,
    trials,
    failures: failures.length,
    quiescedP50Ms: percentile(byMode.quiesced, 50),
    quiescedP99Ms: percentile(byMode.quiesced, 99),
    busyP50Ms: percentile(byMode.busy, 50),
    busyP99Ms: percentile(byMode.busy, 99),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    minMs: percentile(times, 0),
    maxMs: percentile(times, 100),
    meanMs: Math.round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    ...(failures.length > 0 ? { firstFailure: failures[0] } : {})
  })
}

async function idle () {
  const groups = Number(values.groups)
  const ms = Number(values['idle-ms'])
  const root = await mkdtemp(join(tmpdir(), 'meshchan-bench-raft-'))
  try {
    const members = await startCluster(root, { groups, durability: 'os', prefix: 'idle-' })
    // Let elections finish everywhere before measuring.
    await new Promise(resolve => setTimeout(resolve, 1000))
    const per = await Promise.all(members.map(async m => await m.call('measureIdle', { ms }, ms + 30_000)))
    const total = (k) => per.reduce((a, p) => a + p[k], 0)
    print({
      bench: 'raft-idle',
      peers: 3,
      groups,
      seconds: ms / 1000,
      tickMs: 15,
      heartbeatMs: 45,
      cpuPctPerProcess: per.map(p => p.cpuPct),
      bytesOutPerSecPerProcess: per.map(p => p.bytesOutPerSec),
      bytesOutPerSecTotal: total('bytesOutPerSec'),
      framesOutPerSecTotal: total('framesOutPerSec'),
      bytesPerSecPerGroup: Math.round(total('bytesOutPerSec') / groups),
      leadersPerProcess: per.map(p => p.leaders),
      quiesce: process.env.BENCH_RAFT_QUIESCE !== '0',
      quiescedGroupsPerProcess: per.map(p => p.quiesced)
    })
    await Promise.all(members.map(async m => await m.stop()))
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

const run = { throughput, failover, idle }
for (const p of parts) {
  if (run[p] === undefined) throw new Error(`unknown --part ${p} (throughput|failover|idle)`)
  await run[p]()
}
process.exit(0)
