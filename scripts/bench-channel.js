#!/usr/bin/env node
// W3 broadcast fan-out (shared/reference/benchmarks.md): one sender on peer 1, receivers on peers
// 1–3, each peer a separate OS process on loopback; N messages of SIZE bytes. Prints one JSON line.
// Usage: npm run bench:channel [-- --messages 20000 --size 256]
import { fork } from 'node:child_process'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { percentile, nextMessage } from './bench/stats.js'

const { values } = parseArgs({ options: { messages: { type: 'string', default: '20000' }, size: { type: 'string', default: '256' } } })
const count = Number(values.messages)
const size = Number(values.size)
const peerScript = fileURLToPath(new URL('./bench/channel-peer.js', import.meta.url))
const children = []
const spawnPeer = (role, name, bootstrap) => {
  const child = fork(peerScript, [role, bootstrap ?? '', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  children.push(child)
  return child
}
process.on('exit', () => { for (const c of children) c.kill('SIGKILL') })

try {
  const p1 = spawnPeer('sender', 'peer-1')
  const { address } = await nextMessage(p1, m => m.type === 'ready', 30_000, 'peer-1 to start')
  const others = [spawnPeer('receiver', 'peer-2', address), spawnPeer('receiver', 'peer-3', address)]
  await Promise.all(others.map(c => nextMessage(c, m => m.type === 'ready', 30_000, 'receivers to start')))
  p1.send({ type: 'wait-receivers', count: others.length })
  await nextMessage(p1, m => m.type === 'receivers-ready', 30_000, 'remote receivers to subscribe')
  const all = [p1, ...others]
  const results = all.map(c => nextMessage(c, m => m.type === 'result', 120_000, 'results'))
  for (const c of all) c.send({ type: 'expect', count })
  p1.send({ type: 'send', count, size })
  const sent = await nextMessage(p1, m => m.type === 'sent', 120_000, 'sender to finish')
  // Receivers report when they have everything; give stragglers a bounded grace period, then collect.
  const grace = setTimeout(() => { for (const c of all) c.send({ type: 'finish' }) }, 10_000)
  const done = await Promise.all(results)
  clearTimeout(grace)
  const receivers = done.map(r => ({
    peer: r.peer,
    received: r.received,
    lost: count - r.received,
    gaps: r.gaps,
    dropped: r.dropped,
    msgsPerSec: r.received > 1 ? Math.round(r.received / ((r.last - (r.first - r.latencies[0])) / 1000)) : 0,
    p50Ms: percentile(r.latencies, 50),
    p99Ms: percentile(r.latencies, 99)
  }))
  const slowest = receivers.reduce((a, b) => (a.msgsPerSec <= b.msgsPerSec ? a : b))
  console.log(JSON.stringify({
    bench: 'channel-W3',
    messages: count,
    sizeBytes: size,
    senderMs: Math.round(sent.ms),
    batches: sent.stats.sentBatches,
    slowestMsgsPerSec: slowest.msgsPerSec,
    lostTotal: receivers.reduce((a, r) => a + r.lost, 0),
    receivers
  }))
  for (const c of all) c.send({ type: 'stop' })
} catch (err) {
  console.error(`bench:channel failed: ${err.message}`)
  process.exitCode = 1
  for (const c of children) c.kill('SIGKILL')
}
