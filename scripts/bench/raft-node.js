// One member process of the Raft benchmark (scripts/bench-raft.js), driven over IPC.
// argv: <identity file> <data dir>. Says {type:'ready', peerId, address}, then obeys commands.
import { join } from 'node:path'
import { createMesh } from '../../dist/src/index.js'
import { libp2pRaftTransport } from '../../dist/src/raft/transport/libp2p.js'
import { openFileStorage } from '../../dist/src/storage/index.js'
import { createRaftHost } from '../../dist/src/raft/driver/index.js'
import { percentile } from './stats.js'

const [identity, dataDir] = process.argv.slice(2)
const mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], identity })
// The mesh runs its own Raft host (queues) on the default protocol; the bench's host gets its own.
const transport = libp2pRaftTransport(mesh.libp2p, { protocol: '/meshchan/raft-bench/1.0.0' })
// BENCH_RAFT_QUIESCE=0 measures idle groups that keep heartbeating (the cost before quiescence).
const host = await createRaftHost({ transport, config: process.env.BENCH_RAFT_QUIESCE === '0' ? { quiesce: false } : {} })
const groups = new Map()
const now = () => performance.timeOrigin + performance.now()
const reply = (msg) => process.send(msg)

/** A state machine that only counts: the benchmark measures replication, not the application. */
function counter () {
  let n = 0
  return { apply: () => ++n, snapshot: () => new TextEncoder().encode(String(n)), restore: (d) => { n = Number(new TextDecoder().decode(d)) } }
}

function onLeader (g, fn) {
  if (g.isLeader) { fn(); return () => {} }
  const h = (role) => { if (role === 'leader') { g.off('role', h); fn() } }
  g.on('role', h)
  return () => g.off('role', h)
}

let cancelAwait = []

const handlers = {
  async setup ({ addresses, members, groups: count, durability, prefix }) {
    await Promise.all(addresses.map(a => mesh.dial(a).catch(() => {})))
    for (let i = 0; i < count; i++) {
      const groupId = `${prefix}${i}`
      const storage = await openFileStorage(join(dataDir, groupId), { durability })
      groups.set(groupId, await host.createGroup({ groupId, members, storage, stateMachine: counter(), operationTimeout: 30_000 }))
    }
    return {}
  },
  async status () {
    return { groups: [...groups.values()].map(g => ({ id: g.groupId, role: g.role, leader: g.leader, term: g.term, applied: g.applied, quiesced: g.quiesced })) }
  },
  /** Resolves once every group knows a leader and (optionally) has applied `applied`. */
  async waitSettled ({ applied = 0 }) {
    const ok = () => [...groups.values()].every(g => g.leader !== '' && g.applied >= applied)
    while (!ok()) await new Promise(resolve => setTimeout(resolve, 20))
    return {}
  },
  /** Pipelined proposals of `size` bytes with at most `window` in flight, for `ms` after a warm-up. */
  async throughput ({ group, size, window, ms, warmupMs }) {
    const g = groups.get(group)
    if (!g.isLeader) return { error: 'not leader' }
    const cmd = new Uint8Array(size).fill(7)
    const latencies = []
    let done = 0
    let errors = 0
    let measuring = false
    let stop = false
    const start = now()
    let mStart = 0
    setTimeout(() => { measuring = true; mStart = now() }, warmupMs)
    setTimeout(() => { stop = true }, warmupMs + ms)
    const cpu0 = { v: null }
    const worker = async () => {
      while (!stop) {
        const t = now()
        try {
          await g.propose(cmd)
          if (measuring && !stop) { done++; latencies.push(now() - t) }
        } catch { errors++ }
      }
    }
    setTimeout(() => { cpu0.v = process.cpuUsage() }, warmupMs)
    await Promise.all(Array.from({ length: window }, worker))
    const elapsed = (now() - mStart) / 1000
    const cpu = process.cpuUsage(cpu0.v)
    return { proposalsPerSec: Math.round(done / elapsed), proposals: done, errors, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), leaderCpuPct: Math.round((cpu.user + cpu.system) / 1e4 / elapsed), totalMs: Math.round(now() - start) }
  },
  /** Once this member leads `group`, proposes one entry; replies with the time it was applied. */
  async commitWhenLeader ({ group }) {
    const g = groups.get(group)
    return await new Promise((resolve) => {
      const cancel = onLeader(g, async () => {
        for (;;) {
          try { await g.propose(new Uint8Array(8)); resolve({ committedAt: now(), term: g.term }); return } catch (err) {
            if (!g.isLeader) { cancelAwait.push(onLeader(g, () => {})); resolve({ lost: String(err) }); return }
          }
        }
      })
      cancelAwait.push(() => { cancel(); resolve({ cancelled: true }) })
    })
  },
  async cancel () {
    for (const c of cancelAwait.splice(0)) c()
    return {}
  },
  /** CPU and wire bytes over `ms` of whatever the groups do by themselves. */
  async measureIdle ({ ms }) {
    const fs = transport.frameStats
    const b0 = { in: fs.bytesIn, out: fs.bytesOut, fin: fs.framesIn, fout: fs.framesOut }
    const t0 = now()
    const c0 = process.cpuUsage()
    await new Promise(resolve => setTimeout(resolve, ms))
    const c = process.cpuUsage(c0)
    const s = (now() - t0) / 1000
    return {
      cpuPct: Math.round((c.user + c.system) / 1e4 / s * 10) / 10,
      bytesOutPerSec: Math.round((fs.bytesOut - b0.out) / s),
      bytesInPerSec: Math.round((fs.bytesIn - b0.in) / s),
      framesOutPerSec: Math.round((fs.framesOut - b0.fout) / s),
      leaders: [...groups.values()].filter(g => g.isLeader).length,
      quiesced: [...groups.values()].filter(g => g.quiesced).length,
      messagesSentTotal: [...groups.values()].reduce((a, g) => a + g.stats.messagesSent, 0)
    }
  },
  async stop () {
    await host.stop({ transferLeadership: false })
    await mesh.stop()
    setImmediate(() => process.exit(0))
    return {}
  }
}

process.on('message', async (msg) => {
  try {
    const out = await handlers[msg.type](msg)
    reply({ type: 'reply', id: msg.id, ...out })
  } catch (err) {
    reply({ type: 'reply', id: msg.id, error: String(err?.stack ?? err) })
  }
})
reply({ type: 'ready', peerId: mesh.peerId, address: mesh.addresses[0] })
