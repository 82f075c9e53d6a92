#!/usr/bin/env node
// The W1 anchor of shared/reference/benchmarks.md, re-measured on this machine: NATS JetStream R3
// (3 nats-server processes on loopback, file storage, stream replicas 3, work-queue retention)
// driven by nats.js 2.29 — the anchor's versions (Debian's nats-server 2.9.10). The VM's speed moves
// by the hour, so meshchan's W1 figure means something only next to this one measured in the same
// hour: `npm run bench:vs-nats` alternates the two.
//
// The workload is meshchan's W1 (scripts/bench-queue.js): N messages of 256 B, each with a unique
// id (also the JetStream msg id, so the stream deduplicates as meshchan's queue does) and a send
// timestamp inside; one producer on server 1 with at most `--window` unconfirmed publishes; two
// consumers on servers 2 and 3 sharing one durable pull consumer, `max_messages` = prefetch, acking
// every message. Wall time runs from the first publish to the last ack *received by the stream*
// (the consumer's ack is fire-and-forget, so the run ends when the stream is empty). Clients run
// in their own processes (`--clients procs`, like meshchan's peers each running its own role) or
// together in this one (`--clients one`). `--warmup N`: the same servers and clients first pass N
// messages through the stream (acked, left out of every figure), as bench-queue.js's `--warmup`.
//
// Needs `nats-server` on PATH (`apt-get install nats-server`) or NATS_SERVER=/path. Prints one JSON line.
import { fork, spawn, spawnSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AckPolicy, RetentionPolicy, StorageType, connect } from 'nats'
import { nextMessage, percentile } from './bench/stats.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    messages: { type: 'string', default: '20000' },
    window: { type: 'string', default: '256' },
    prefetch: { type: 'string', default: '64' },
    size: { type: 'string', default: '256' },
    clients: { type: 'string', default: 'procs' },
    warmup: { type: 'string', default: '0' },
    'no-msg-id': { type: 'boolean', default: false },
    'base-port': { type: 'string', default: '14222' },
    'run-timeout': { type: 'string', default: '100000' }
  }
})
const N = Number(values.messages)
const WINDOW = Number(values.window)
const PREFETCH = Number(values.prefetch)
const SIZE = Number(values.size)
const MSG_ID = !values['no-msg-id']
const WARMUP = Number(values.warmup)
const STREAM = 'W1'
const SUBJECT = 'w1.jobs'
const DURABLE = 'workers'
const HEADER = 64 // bytes of the payload holding the JSON {id, t}

const [role, url, name] = positionals
if (role === 'producer') await producer(url, process)
else if (role === 'consumer') await consumer(url, name, process)
else await main()

/** The controller's commands to a client, in order (none is lost between two awaits). */
function commands (port) {
  const queued = []
  let wake
  port.on('message', (msg) => { queued.push(msg); wake?.() })
  return async () => {
    while (queued.length === 0) await new Promise(resolve => { wake = resolve })
    return queued.shift()
  }
}

/** Publishes `count` messages, at most WINDOW unconfirmed; `confirmed[i]` = 1 once message i is. */
async function publishAll (js, count, warm, confirmed) {
  await new Promise((resolve, reject) => {
    if (count === 0) { resolve(); return }
    let next = 0
    let inflight = 0
    let done = 0
    const pump = () => {
      while (inflight < WINDOW && next < count) {
        const i = next++
        const body = Buffer.alloc(SIZE, 0x61)
        body.write(JSON.stringify(warm ? { id: i, w: 1 } : { id: i, t: performance.timeOrigin + performance.now() }).padEnd(HEADER, ' '))
        inflight++
        js.publish(SUBJECT, body, MSG_ID ? { msgID: `${warm ? 'w' : 'm'}${i}` } : undefined).then(() => {
          if (confirmed !== undefined) confirmed[i] = 1
          inflight--
          if (++done === count) resolve()
          else pump()
        }, reject)
      }
    }
    pump()
  })
}

/** The producer: `warm` (publish warm-up messages), `mark` (start counting CPU), `go` (the measured run). */
async function producer (server, port) {
  const next = commands(port)
  const nc = await connect({ servers: server })
  const js = nc.jetstream()
  port.send({ ready: true })
  let cpuFrom = process.cpuUsage()
  for (;;) {
    const cmd = await next()
    if (cmd.cmd === 'warm') {
      await publishAll(js, cmd.n, true)
      port.send({ warmed: true })
    } else if (cmd.cmd === 'mark') {
      cpuFrom = process.cpuUsage()
    } else if (cmd.cmd === 'go') {
      break
    }
  }
  const t0 = performance.now()
  const confirmed = new Uint8Array(N)
  await publishAll(js, N, false, confirmed)
  port.send({ putsDoneMs: performance.now() - t0, confirmed: Buffer.from(confirmed).toString('base64'), cpu: process.cpuUsage(cpuFrom) })
  await nc.drain()
}

/** A consumer: acks everything; `mark` starts counting CPU, `report` sends latencies and the ids it saw. */
async function consumer (server, label, port) {
  const next = commands(port)
  const nc = await connect({ servers: server })
  const js = nc.jetstream()
  const c = await js.consumers.get(STREAM, DURABLE)
  const latencies = []
  const seen = []
  let pending = 0
  let cpuFrom = process.cpuUsage()
  void (async () => {
    for (;;) {
      const cmd = await next()
      if (cmd.cmd === 'mark') cpuFrom = process.cpuUsage()
      else if (cmd.cmd === 'report') port.send({ label, latencies, seen, cpu: process.cpuUsage(cpuFrom) })
    }
  })()
  port.send({ ready: true })
  const messages = await c.consume({ max_messages: PREFETCH })
  for await (const m of messages) {
    const now = performance.timeOrigin + performance.now()
    const head = JSON.parse(Buffer.from(m.data.buffer, m.data.byteOffset, HEADER).toString())
    m.ack()
    if (head.w === 1) continue // warm-up: acked, left out
    latencies.push(now - head.t)
    seen.push(head.id)
    // Progress for the controller, one IPC message per turn of the event loop.
    if (pending++ === 0) setImmediate(() => { port.send({ acked: pending }); pending = 0 })
  }
}

/** An in-process stand-in for a forked child's IPC channel (`--clients one`). */
function inProcess (args) {
  const child = new EventEmitter()
  const port = {
    send: (msg) => queueMicrotask(() => child.emit('message', msg)),
    on: (event, fn) => child.on('to-child', fn)
  }
  child.send = (msg) => child.emit('to-child', msg)
  child.kill = () => {}
  const run = args[0] === 'producer' ? producer(args[1], port) : consumer(args[1], args[2], port)
  run.catch(err => { console.error(err); process.exitCode = 1 })
  return child
}

function cpuMsOfPid (pid) {
  // utime + stime, in clock ticks (100 Hz on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

async function retry (fn, attempts) {
  for (let i = 0; ; i++) {
    try { return await fn() } catch (err) {
      if (i >= attempts) throw err
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }
}

async function main () {
  const server = process.env.NATS_SERVER ?? 'nats-server'
  const probe = spawnSync(server, ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    console.error(`bench-nats: ${server} not found — apt-get install nats-server (Debian's 2.9.10 is the anchors' version), or set NATS_SERVER`)
    process.exit(2)
  }
  const base = Number(values['base-port'])
  const dir = mkdtempSync(join(tmpdir(), 'meshchan-nats-w1-'))
  const servers = []
  const children = []
  let nc
  try {
    for (let i = 0; i < 3; i++) {
      const routes = [0, 1, 2].filter(j => j !== i).map(j => `nats://127.0.0.1:${base + 2000 + j}`).join(',')
      servers.push(spawn(server, ['-js', '-a', '127.0.0.1', '-p', String(base + i), '-n', `s${i}`,
        '--cluster_name', 'w1', '--cluster', `nats://127.0.0.1:${base + 2000 + i}`, '--routes', routes,
        '-sd', join(dir, `s${i}`)], { stdio: 'ignore' }))
    }
    const urls = [0, 1, 2].map(i => `127.0.0.1:${base + i}`)
    // The JetStream meta leader takes a moment to be elected: retry until the stream exists.
    nc = await retry(() => connect({ servers: urls[0] }), 50)
    const jsm = await retry(() => nc.jetstreamManager(), 100)
    await retry(() => jsm.streams.add({ name: STREAM, subjects: [SUBJECT], retention: RetentionPolicy.Workqueue, storage: StorageType.File, num_replicas: 3 }), 100)
    await jsm.consumers.add(STREAM, { durable_name: DURABLE, ack_policy: AckPolicy.Explicit, max_ack_pending: -1 })

    // Client processes read the workload from the same options.
    const workload = ['--messages', String(N), '--window', String(WINDOW), '--prefetch', String(PREFETCH), '--size', String(SIZE), ...(MSG_ID ? [] : ['--no-msg-id'])]
    const start = values.clients === 'one' ? inProcess : (args) => fork(new URL(import.meta.url), [...args, ...workload])
    if (values.clients !== 'one' && values.clients !== 'procs') throw new Error('--clients procs|one')
    const prod = start(['producer', urls[0]])
    const consumers = [start(['consumer', urls[1], 'a']), start(['consumer', urls[2], 'b'])]
    children.push(prod, ...consumers)
    await Promise.all(children.map(c => nextMessage(c, m => m.ready, 30000, 'client ready')))
    const streamEmpty = async (until) => {
      while (performance.now() < until) {
        if ((await jsm.streams.info(STREAM)).state.messages === 0) return true
        await new Promise(resolve => setTimeout(resolve, 1))
      }
      return false
    }
    if (WARMUP > 0) {
      // Warm-up (`--warmup N`): the same clients and servers first pass N messages (acked, left out).
      const warmed = nextMessage(prod, m => m.warmed === true, Number(values['run-timeout']), 'warm-up')
      prod.send({ cmd: 'warm', n: WARMUP })
      await warmed
      if (!await streamEmpty(performance.now() + Number(values['run-timeout']))) throw new Error('warm-up messages were not all consumed')
    }
    for (const c of children) c.send({ cmd: 'mark' })
    const cpuBefore = values.clients === 'one' ? process.cpuUsage() : undefined
    const serverCpuBefore = servers.map(s => cpuMsOfPid(s.pid))

    const putsDone = nextMessage(prod, m => m.putsDoneMs !== undefined, Number(values['run-timeout']), 'producer')
    const t0 = performance.now()
    prod.send({ cmd: 'go' })
    // Once the consumers have sent N acks, the run ends when the stream has processed them: a
    // work-queue stream is empty when every message is published and acked.
    const deadline = t0 + Number(values['run-timeout'])
    let acked = 0
    const allAcked = new Promise(resolve => {
      for (const c of consumers) c.on('message', m => { if (m.acked !== undefined && (acked += m.acked) >= N) resolve() })
    })
    const produced = await putsDone
    await Promise.race([allAcked, new Promise(resolve => setTimeout(resolve, Math.max(0, deadline - performance.now())))])
    const completed = await streamEmpty(deadline)
    const wallMs = completed ? performance.now() - t0 : undefined
    const serverCpu = servers.map((s, i) => cpuMsOfPid(s.pid) - serverCpuBefore[i])
    const reports = await Promise.all(consumers.map(c => { const r = nextMessage(c, m => m.label !== undefined, 30000, 'report'); c.send({ cmd: 'report' }); return r }))
    const confirmed = Buffer.from(produced.confirmed, 'base64')
    const counts = new Uint32Array(N)
    for (const r of reports) for (const id of r.seen) counts[id]++
    let distinct = 0; let duplicates = 0; let missing = 0
    for (let i = 0; i < N; i++) {
      if (counts[i] > 0) distinct++
      if (counts[i] > 1) duplicates += counts[i] - 1
      if (confirmed[i] === 1 && counts[i] === 0) missing++
    }
    const latencies = reports.flatMap(r => r.latencies)
    const clientCpuUs = values.clients === 'one'
      ? (() => { const u = process.cpuUsage(cpuBefore); return u.user + u.system })()
      : [produced.cpu, ...reports.map(r => r.cpu)].reduce((s, u) => s + u.user + u.system, 0)
    const serverCpuUs = serverCpu.reduce((s, ms) => s + ms * 1000, 0)
    console.log(JSON.stringify({
      bench: 'nats-jetstream',
      workload: 'W1',
      server: probe.stdout.trim(),
      clients: values.clients,
      processes: WARMUP > 0 ? `warm: ${WARMUP} messages through the stream first` : 'fresh',
      msgId: MSG_ID,
      messages: N,
      messageBytes: SIZE,
      replicas: 3,
      producerWindow: WINDOW,
      prefetch: PREFETCH,
      completed,
      wallMs: wallMs !== undefined ? Math.round(wallMs * 10) / 10 : null,
      msgsPerSec: wallMs !== undefined ? Math.round(N / wallMs * 1000) : null,
      confirmedPutsPerSec: Math.round(N / produced.putsDoneMs * 1000),
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      distinctConsumed: distinct,
      duplicatesDelivered: duplicates,
      missing,
      // Both measured over the run only (from after any warm-up to the last ack).
      cpuUsPerMsg: Math.round((serverCpuUs + clientCpuUs) / N),
      cpuUsPerMsgByRole: { servers: Math.round(serverCpuUs / N), clients: Math.round(clientCpuUs / N) }
    }))
  } finally {
    for (const c of children) c.kill()
    await nc?.close().catch(() => {})
    for (const s of servers) s.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  process.exit(0)
}
