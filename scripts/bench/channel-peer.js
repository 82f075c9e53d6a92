// One peer process of the W3 broadcast benchmark. Driven by scripts/bench-channel.js over IPC.
import { createMesh } from '../../dist/src/index.js'

const TOPIC = 'bench'
const [role, bootstrap] = process.argv.slice(2)
const mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap: bootstrap ? [bootstrap] : [] })
const ch = mesh.channel(TOPIC, { bufferSize: 65536, maxBatchBytes: Number(process.env.BATCH_BYTES ?? 65536) })
const latencies = []
let received = 0
let first = 0
let last = 0
let expected = Infinity
let reported = false

function report () {
  if (reported) return
  reported = true
  process.send({ type: 'result', peer: process.argv[4], received, latencies, first, last, gaps: ch.stats().gaps, dropped: ch.stats().dropped })
}

ch.subscribe()
;(async () => {
  for await (const m of ch) {
    const now = performance.timeOrigin + performance.now()
    if (received === 0) first = now
    received++
    last = now
    latencies.push(now - m.t)
    if (received >= expected) report()
  }
})()

process.on('message', async (msg) => {
  if (msg.type === 'expect') {
    expected = msg.count
    if (received >= expected) report()
  } else if (msg.type === 'finish') {
    report()
  } else if (msg.type === 'wait-receivers') {
    await ch.waitForReceivers(msg.count, { timeout: 30_000 })
    process.send({ type: 'receivers-ready' })
  } else if (msg.type === 'send') {
    const pad = 'x'.repeat(msg.size)
    const window = []
    const started = performance.now()
    for (let i = 0; i < msg.count; i++) {
      const value = { i, t: performance.timeOrigin + performance.now(), pad: '' }
      // Pad so the encoded JSON payload is `size` bytes.
      value.pad = pad.slice(0, Math.max(0, msg.size - JSON.stringify(value).length))
      window.push(ch.send(value, { wait: false }))
      if (window.length >= 8192) await Promise.all(window.splice(0))
    }
    await Promise.all(window)
    process.send({ type: 'sent', ms: performance.now() - started, stats: ch.stats() })
  } else if (msg.type === 'stop') {
    await mesh.stop()
    process.exit(0)
  }
})

process.send({ type: 'ready', address: mesh.addresses[0] })
