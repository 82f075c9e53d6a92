#!/usr/bin/env node
// Queue benchmark (issue 4): workloads W1 and W2 of shared/reference/benchmarks.md.
//   W1 — 3 peers, each its own OS process (loopback), a queue with 3 replicas, N messages of 256 B
//        (unique id, send timestamp inside); 1 producer on peer 1 (≤ window unconfirmed puts),
//        consumers on peers 2 and 3 (prefetch 64, ack each).
//   W2 — W1, and once `killAt`·N messages are acked, SIGKILL the process that owns the queue.
// Peer 1 is the queue's owner when the run starts (the placement's preferred owner, once
// leadership has settled there), so in W2 the kill takes the owner *and* the producer, as in
// benchmarks.md. meshchan has no separate client process: "the producer reconnects through a
// surviving peer" is modelled by the controller restarting production on peer 2's process at once,
// with every message it has not seen confirmed (same ids: the dedup window stores none twice, and
// a put whose first attempt died with peer 1 resolves with the stored copy). Peer 1 is not
// restarted. Storage: FileStorage under each peer's dataDir, default durability 'fsync' (group
// commit: each batch of Raft entries fdatasync'ed before it counts); `--durability os` skips fsync.
//
// Prints one JSON line per run. Usage:
//   npm run bench:queue [-- --workload w1|w2|all] [--messages 20000] [--kill-at 0.5]
//                       [--durability fsync|os] [--window 256] [--prefetch 64] [--size 256]
//                       [--warmup 20000]
// Default (all): W1 on fresh processes, W1 warm, W2 with the kill at 50%, W2 with the kill at 30%.
// "Warm" (W1 only): the same cluster first passes `--warmup` messages (default N) through the queue
// (put, consumed, acked; left out of every figure), so V8 has compiled the hot paths — on fresh
// processes a 20k-message run spends ~20 % of its CPU in the JIT compiler (perf, 2026-12-06).
import { fork } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadOrCreateIdentity } from '../dist/src/node/identity.js'
import { percentile, nextMessage } from './bench/stats.js'

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'all' },
    messages: { type: 'string', default: '20000' },
    'kill-at': { type: 'string' },
    durability: { type: 'string', default: 'fsync' },
    window: { type: 'string', default: '256' },
    prefetch: { type: 'string', default: '64' },
    size: { type: 'string', default: '256' },
    'run-timeout': { type: 'string', default: '100000' },
    warmup: { type: 'string' }
  }
})
const N = Number(values.messages)
const durability = values.durability
if (durability !== 'fsync' && durability !== 'os') throw new Error('--durability fsync|os')
const runs = []
const warmN = values.warmup !== undefined ? Number(values.warmup) : N
if (!Number.isInteger(warmN) || warmN < 0) throw new Error('--warmup <messages>')
if (values.workload === 'w1') runs.push({ workload: 'W1', warmup: values.warmup !== undefined ? warmN : 0 })
if (values.workload === 'all') runs.push({ workload: 'W1', warmup: 0 }, { workload: 'W1', warmup: warmN })
if (values.workload === 'w2' || values.workload === 'all') {
  const at = values['kill-at'] !== undefined ? [Number(values['kill-at'])] : [0.5, 0.3]
  for (const killAt of at) runs.push({ workload: 'W2', killAt })
}
if (runs.length === 0) throw new Error('--workload w1|w2|all')

const peerScript = fileURLToPath(new URL('./bench/queue-peer.js', import.meta.url))
const live = new Set()
process.on('exit', () => { for (const p of live) p.proc.kill('SIGKILL') })
const now = () => performance.timeOrigin + performance.now()
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n')
const round = (x) => x === null || x === undefined ? null : Math.round(x * 10) / 10

class Peer {
  constructor (config, onEvent) {
    this.config = config
    this.rid = 0
    // BENCH_LOG_DIR=<dir>: each peer's stderr (e.g. with DEBUG=meshchan:*) goes to <dir>/<peerId prefix>-<pid>.log.
    const logDir = process.env.BENCH_LOG_DIR
    const err = logDir === undefined ? 'inherit' : openSync(join(logDir, `${config.name}-${Date.now()}.log`), 'a')
    this.proc = fork(peerScript, [JSON.stringify(config)], { execArgv: process.env.BENCH_PEER_ARGS ? process.env.BENCH_PEER_ARGS.split(" ") : process.execArgv, stdio: ['ignore', logDir === undefined ? 'ignore' : err, err, 'ipc'] })
    if (typeof err === 'number') closeSync(err)
    live.add(this)
    this.exited = new Promise(resolve => this.proc.once('exit', () => { live.delete(this); resolve() }))
    this.proc.on('message', m => { if (m.t !== 'reply' && m.t !== 'ready') onEvent(m) })
  }

  async ready () {
    const m = await nextMessage(this.proc, m => m.t === 'ready', 60_000, 'a peer to start')
    this.peerId = m.peerId
    this.addresses = m.addresses
    return this
  }

  async call (cmd, args = {}, ms = 120_000) {
    const rid = ++this.rid
    const reply = nextMessage(this.proc, m => m.t === 'reply' && m.rid === rid, ms, cmd)
    this.proc.send({ cmd, rid, ...args })
    const r = await reply
    if (r.error !== undefined) throw new Error(`${cmd}: ${r.error}`)
    return r
  }

  kill () { this.proc.kill('SIGKILL') }
}

async function run ({ workload, killAt, warmup = 0 }) {
  const root = await mkdtemp(join(tmpdir(), 'meshchan-bench-queue-'))
  const peers = []
  try {
    const ids = []
    for (let i = 0; i < 3; i++) ids.push(peerIdFromPrivateKey(await loadOrCreateIdentity(join(root, `p${i}`, 'identity.key'))).toString())
    // Progress as the processes report it (50 ms batches over IPC).
    const confirmed = new Uint8Array(N)
    const acked = new Uint8Array(N)
    let nConfirmed = 0
    let nAcked = 0
    let nWarmAcked = 0
    let waiter = null
    const onEvent = (m) => {
      if (m.t === 'warmAcked') nWarmAcked += m.n
      if (m.t === 'confirmed') for (const i of m.idx) { if (confirmed[i] === 0) { confirmed[i] = 1; nConfirmed++ } }
      if (m.t === 'acked') for (const i of m.idx) { if (acked[i] === 0) { acked[i] = 1; nAcked++ } }
      if (waiter !== null && waiter.cond()) { const w = waiter; waiter = null; w.resolve() }
    }
    const until = (cond, ms) => cond() ? Promise.resolve(true) : new Promise(resolve => {
      const timer = setTimeout(() => { waiter = null; resolve(false) }, ms)
      waiter = { cond, resolve: () => { clearTimeout(timer); resolve(true) } }
    })
    const config = (i, bootstrap) => ({ name: `p${i}`, identity: join(root, `p${i}`, 'identity.key'), dataDir: join(root, `p${i}`, 'data'), bootstrap, seeds: ids, queue: 'bench', durability })
    peers[0] = await new Peer(config(0, []), onEvent).ready()
    const rest = await Promise.all([1, 2].map(async i => await new Peer(config(i, peers[0].addresses), onEvent).ready()))
    peers.push(...rest)

    // The queue is declared and its owner has settled on the placement's preferred owner.
    let s
    const settleBy = Date.now() + 60_000
    for (;;) {
      s = await peers[0].call('stats', { timeout: 20_000 }).catch(err => { if (Date.now() > settleBy) throw err; return undefined })
      if ((s !== undefined && s.owner === s.preferredOwner) || (s !== undefined && Date.now() > settleBy)) break
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    const ownerIdx = ids.indexOf(s.owner)
    const p1 = peers[ownerIdx]
    const [p2, p3] = peers.filter((_, i) => i !== ownerIdx)

    const prefetch = Number(values.prefetch)
    await p2.call('consume', { prefetch, n: N })
    await p3.call('consume', { prefetch, n: N })
    let warmupMs = null
    const common = { prefix: `m${Date.now().toString(36)}`, size: Number(values.size), window: Number(values.window), putTimeout: 10_000 }
    const all = Array.from({ length: N }, (_, i) => i)
    if (warmup > 0) {
      const t0 = now()
      await p1.call('produce', { ...common, prefix: `${common.prefix}-warm`, indexes: Array.from({ length: warmup }, (_, i) => i), warm: true }, 600_000)
      if (!await until(() => nWarmAcked >= warmup, 120_000)) throw new Error(`warm-up: ${nWarmAcked} of ${warmup} acked in 120 s`)
      warmupMs = now() - t0
    }
    const cpuAt = async () => await Promise.all(peers.map(async p => live.has(p) ? (await p.call('cpu', {}, 10_000)).us : null))
    const cpuBefore = await cpuAt()
    const start = now()
    const producing = p1.call('produce', { ...common, indexes: all }, 600_000)
    producing.catch(() => {})
    const deadline = Date.now() + Number(values['run-timeout'])
    const out = { bench: 'queue', workload, processes: warmup > 0 ? `warm: ${warmup} messages through the queue first (${Math.round(warmupMs)} ms)` : 'fresh', messages: N, messageBytes: common.size, replicas: 3, peers: 3, transport: 'libp2p tcp loopback', durability: durability === 'fsync' ? 'fsync (FileStorage default: group commit, fdatasync per batch)' : 'os (write(), no fsync)', producerWindow: common.window, prefetch, ackTimeoutMs: 30_000 }

    let produced
    let kill
    if (workload === 'W2') {
      const threshold = Math.ceil(killAt * N)
      await until(() => nAcked >= threshold, Math.max(1, deadline - Date.now()))
      // Kill whoever owns the queue now (normally peer 1, the producer's process).
      const cur = await p2.call('stats', { timeout: 10_000 }).catch(() => s)
      const victim = peers[ids.indexOf(cur.owner)] ?? p1
      const killedAt = now()
      victim.kill()
      kill = { at: killedAt, ackedAtKill: nAcked, confirmedAtKill: nConfirmed, victimRole: victim === p1 ? 'owner+producer' : 'owner+consumer' }
      await victim.exited
      // A put started right after the kill on a surviving peer (one extra message, index -1):
      // how long until the queue takes puts again.
      const survivor = victim === p2 ? p3 : p2
      const probe = await survivor.call('produce', { ...common, prefix: `${common.prefix}-probe`, indexes: [-1], window: 1, putTimeout: 30_000 }, 60_000)
      kill.putResumeMs = probe.firstOk - killedAt
      kill.probeStartedMsAfterKill = probe.firstInvoke - killedAt
      if (victim === p1) {
        // The producer comes back on a surviving peer with everything not seen confirmed.
        const remaining = all.filter(i => confirmed[i] === 0)
        produced = remaining.length > 0 ? await survivor.call('produce', { ...common, indexes: remaining }, 600_000) : await producing.catch(() => ({ retries: 0, errors: {} }))
        kill.reproduced = remaining.length
      } else {
        produced = await producing
      }
    } else {
      produced = await producing
    }
    const doneAll = await until(() => nAcked >= N, Math.max(1, deadline - Date.now()))
    const cpuAfter = await cpuAt()

    const consumers = [p2, p3].filter(p => live.has(p))
    const reports = await Promise.all(consumers.map(async p => await p.call('report', {}, 30_000)))
    const counts = new Uint32Array(N)
    let deliveries = 0
    for (const r of reports) {
      for (let k = 0; k < r.received.length; k += 2) counts[r.received[k]] += r.received[k + 1]
      // The log has one entry per delivery of the N messages: the W2 probe (index -1) is left out.
      deliveries += r.log.length
    }
    let distinct = 0
    for (let i = 0; i < N; i++) if (counts[i] > 0) distinct++
    const latencies = reports.flatMap(r => r.latencies)
    const ackTimes = reports.flatMap(r => r.ackTimes).sort((a, b) => a - b)
    let gap = 0
    let gapAt = 0
    for (let k = 1; k < ackTimes.length; k++) if (ackTimes[k] - ackTimes[k - 1] > gap) { gap = ackTimes[k] - ackTimes[k - 1]; gapAt = ackTimes[k - 1] }
    const wall = ackTimes.length > 0 ? ackTimes[ackTimes.length - 1] - start : null
    let missing = 0
    for (let i = 0; i < N; i++) if (confirmed[i] === 1 && acked[i] === 0) missing++
    const acksOk = reports.reduce((a, r) => a + r.log.filter(e => e[3] === 1).length, 0)
    // Per id: distinct fences delivered, and fences whose ack was accepted (> 1 = a duplicated ack).
    const fences = new Map()
    for (const r of reports) {
      for (const [i, term, attempt, ok] of r.log) {
        let f = fences.get(i)
        if (f === undefined) fences.set(i, f = new Map())
        const key = `${term}/${attempt}`
        f.set(key, (f.get(key) ?? 0) | ok)
      }
    }
    let samePushedAgain = 0
    let secondDeliveries = 0
    const duplicatedAckIds = []
    for (const [i, f] of fences) {
      secondDeliveries += f.size - 1
      if ([...f.values()].filter(ok => ok === 1).length > 1) duplicatedAckIds.push({ i, fences: [...f.entries()] })
    }
    samePushedAgain = deliveries - fences.size - secondDeliveries
    Object.assign(out, {
      completed: doneAll,
      wallMs: round(wall),
      msgsPerSec: wall === null ? null : Math.round(N / (wall / 1000)),
      confirmedPutsPerSec: workload === 'W1' ? Math.round(N / ((produced.lastOk - start) / 1000)) : undefined,
      // Acks/s once the producer is done (consumers alone): tells a consumer path bound by latency
      // (prefetch × consumers in flight) from one bound by CPU shared with the producer.
      acksPerSecAfterProducer: workload === 'W1' && wall !== null ? Math.round(ackTimes.filter(t => t > produced.lastOk).length / Math.max(0.001, (ackTimes[ackTimes.length - 1] - produced.lastOk) / 1000)) : undefined,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
      distinctConsumed: distinct,
      duplicatesDelivered: deliveries - distinct,
      // Confirmed but never acked: lost only if the run completed; else still pending at the run timeout.
      ...(doneAll ? { missing } : { missing: null, notYetAckedAtRunTimeout: missing }),
      neverConfirmed: N - nConfirmed,
      duplicateDeliveries: { redeliveries: secondDeliveries, sameDeliveryPushedTwice: samePushedAgain },
      duplicatedAcks: duplicatedAckIds.length,
      duplicatedAckSamples: duplicatedAckIds.length > 0 ? duplicatedAckIds.slice(0, 5) : undefined,
      acksAcceptedMinusDistinct: acksOk - nAcked,
      longestAckGapMs: round(gap),
      // CPU of the three peer processes (all threads) from the first put to the last ack, per
      // message; W2 counts the killed process only up to its death (not measured: left out).
      cpuUsPerMsg: workload === 'W1' ? Math.round(cpuAfter.reduce((a, c, i) => a + c - cpuBefore[i], 0) / N) : undefined,
      cpuUsPerMsgByRole: workload === 'W1' ? { ownerProducer: Math.round((cpuAfter[ownerIdx] - cpuBefore[ownerIdx]) / N), consumers: peers.map((_, i) => i).filter(i => i !== ownerIdx).map(i => Math.round((cpuAfter[i] - cpuBefore[i]) / N)) } : undefined,
      putRetries: produced.retries,
      putErrors: produced.errors,
      ackErrors: Object.assign({}, ...reports.map(r => r.ackErrors))
    })
    if (workload === 'W2') {
      Object.assign(out, {
        killAt,
        killed: kill.victimRole,
        killedAfterAcks: kill.ackedAtKill,
        longestAckGapStartsMsAfterKill: round(gapAt - kill.at),
        putResumeMs: round(kill.putResumeMs),
        probePutStartedMsAfterKill: round(kill.probeStartedMsAfterKill),
        reputByNewProducer: kill.reproduced ?? 0
      })
    }
    print(out)
    await Promise.all(peers.filter(p => live.has(p)).map(async p => { await p.call('exit', {}, 10_000).catch(() => p.kill()); await p.exited }))
  } finally {
    for (const p of peers) if (p !== undefined && live.has(p)) p.kill()
    await Promise.all(peers.map(async p => await p?.exited))
    await rm(root, { recursive: true, force: true })
  }
}

for (const r of runs) await run(r)
