// One peer process of the queue benchmark (scripts/bench-queue.js), driven over IPC.
// argv: <config JSON> { identity, dataDir, bootstrap, seeds, queue, durability }.
// Says { t: 'ready', peerId, addresses }, then obeys { rid, cmd, … } with { t: 'reply', rid, … }.
// Producers report confirmed message indexes and consumers report acked indexes in 50 ms batches
// (IPC), so the controller knows progress even when it SIGKILLs a process; everything else
// (latencies, ack times, delivery counts) is measured here and sent once, on `report`.
import { open, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { createMesh } from '../../dist/src/index.js'

const config = JSON.parse(process.argv[2])
const now = () => performance.timeOrigin + performance.now()
const send = (m) => { if (process.connected) process.send(m) }
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms))
const code = (err) => err?.code ?? err?.message ?? String(err)

if (config.durability === 'os') {
  // The mesh has no storage option yet: FileStorage's 'os' mode (write(), never fsync) is had by
  // turning FileHandle.sync/datasync into no-ops in this process. Same effect on the data path;
  // only for the benchmark.
  const probe = join(config.dataDir, '..', `.probe-${process.pid}`)
  const fh = await open(probe, 'w')
  const proto = Object.getPrototypeOf(fh)
  await fh.close()
  await unlink(probe)
  proto.sync = async function () {}
  proto.datasync = async function () {}
}

const mesh = await createMesh({
  listen: ['/ip4/127.0.0.1/tcp/0'],
  bootstrap: config.bootstrap,
  identity: config.identity,
  dataDir: config.dataDir,
  cluster: { seeds: config.seeds },
  failureDetection: { pingInterval: 1000, pingTimeout: 3000 }
})
const q = mesh.queue(config.queue, { replicas: 3 })

/** Messages are `{ i, t, p }`: index, send timestamp (ms, sub-ms precision), padding to `size` bytes of JSON. */
function message (i, size, warm) {
  const base = warm ? { i, t: Number(now().toFixed(3)), w: 1, p: '' } : { i, t: Number(now().toFixed(3)), p: '' }
  const len = Buffer.byteLength(JSON.stringify(base))
  base.p = 'x'.repeat(Math.max(0, size - len))
  return base
}

let confirmedBatch = []
let ackedBatch = []
let warmAcked = 0
setInterval(() => {
  if (warmAcked > 0) { send({ t: 'warmAcked', n: warmAcked }); warmAcked = 0 }
  if (confirmedBatch.length > 0) { send({ t: 'confirmed', idx: confirmedBatch }); confirmedBatch = [] }
  if (ackedBatch.length > 0) { send({ t: 'acked', idx: ackedBatch }); ackedBatch = [] }
}, 50)

const consumer = { counts: null, latencies: [], ackTimes: [], acksOk: 0, ackErrors: {}, deliveries: 0, redeliveries: 0, log: [] }
let consuming = true
const sessions = []

const handlers = {
  /** CPU this process has used so far (all threads: main, libuv pool, GC), in µs. */
  async cpu () {
    const u = process.cpuUsage()
    return { us: u.user + u.system }
  },

  async stats ({ timeout }) {
    const s = await q.stats({ timeout })
    return { owner: s.owner, term: s.term, replicas: s.replicas, preferredOwner: mesh.queues?.directory.get(config.queue)?.preferredOwner ?? '', ready: s.ready, leased: s.leased }
  },

  /** Puts messages `indexes` (each with a unique id), at most `window` unconfirmed; retries a failed put with the same id (dedup). */
  async produce ({ prefix, indexes, size, window, putTimeout, warm = false }) {
    let next = 0
    let firstInvoke = 0
    let firstOk = 0
    let lastOk = 0
    let retries = 0
    const errors = {}
    const worker = async () => {
      while (next < indexes.length) {
        const i = indexes[next++]
        const value = message(i, size, warm)
        const invoked = now()
        if (firstInvoke === 0) firstInvoke = invoked
        for (;;) {
          try {
            await q.put(value, { id: `${prefix}-${i}`, timeout: putTimeout })
            break
          } catch (err) {
            retries++
            errors[code(err)] = (errors[code(err)] ?? 0) + 1
            await sleep(20)
          }
        }
        const t = now()
        if (firstOk === 0) firstOk = t
        lastOk = t
        confirmedBatch.push(i)
      }
    }
    await Promise.all(Array.from({ length: window }, worker))
    return { firstInvoke, firstOk, lastOk, retries, errors }
  },

  /** Starts a consumer (prefetch), acking every delivery; indexes < n. */
  async consume ({ prefetch, n }) {
    consumer.counts = new Uint16Array(n)
    // Every delivery as [index, term, attempt, acked 0/1]: the controller tells a re-push of one
    // delivery (same fence) from a second delivery (new fence) and counts acks accepted per fence.
    const ack = async (d, entry) => {
      for (let k = 0; k < 20 && consuming; k++) {
        try {
          await d.ack({ timeout: 10_000 })
          consumer.acksOk++
          consumer.ackTimes.push(now())
          entry[3] = 1
          ackedBatch.push(d.value.i)
          return
        } catch (err) {
          consumer.ackErrors[code(err)] = (consumer.ackErrors[code(err)] ?? 0) + 1
          if (code(err) === 'ERR_STALE_ACK' || code(err) === 'ERR_UNKNOWN_MESSAGE') return
          await sleep(20)
        }
      }
    }
    void (async () => {
      while (consuming) {
        try {
          const c = q.consume({ prefetch })
          sessions.push(c)
          for await (const d of c) {
            // Warm-up messages (bench --warmup): acked, and left out of every figure.
            if (d.value.w === 1) { void d.ack({ timeout: 10_000 }).then(() => { warmAcked++ }, () => {}); continue }
            const t = now()
            consumer.deliveries++
            const i = d.value.i
            const entry = [i, d.term, d.attempt, 0]
            if (i < 0) { void ack(d, entry); continue } // the W2 probe
            consumer.log.push(entry)
            if (consumer.counts[i]++ === 0 && d.attempt === 1) consumer.latencies.push(t - d.value.t)
            else consumer.redeliveries++
            void ack(d, entry)
          }
        } catch (err) {
          process.stderr.write(`consumer: ${code(err)}\n`)
        }
        if (consuming) await sleep(50)
      }
    })()
    return {}
  },

  async report () {
    consuming = false
    await Promise.allSettled(sessions.map(c => c.return()))
    const received = []
    if (consumer.counts !== null) for (let i = 0; i < consumer.counts.length; i++) if (consumer.counts[i] > 0) received.push(i, consumer.counts[i])
    return { received, log: consumer.log, latencies: consumer.latencies, ackTimes: consumer.ackTimes, acksOk: consumer.acksOk, ackErrors: consumer.ackErrors, deliveries: consumer.deliveries, redeliveries: consumer.redeliveries }
  },

  async exit () {
    consuming = false
    await Promise.race([mesh.stop(), sleep(5000)])
    setImmediate(() => process.exit(0))
    return {}
  }
}

process.on('message', (m) => {
  const h = handlers[m.cmd]
  if (h === undefined) { send({ t: 'reply', rid: m.rid, error: `unknown command ${m.cmd}` }); return }
  h(m).then(r => send({ t: 'reply', rid: m.rid, ...r }), err => send({ t: 'reply', rid: m.rid, error: code(err) }))
})
process.on('disconnect', () => process.exit(1))
send({ t: 'ready', peerId: mesh.peerId, addresses: mesh.addresses })
