import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Stream } from '@libp2p/interface'
import { createTestCluster, type TestCluster } from '../../src/testkit/index.js'
import { createMesh, type Mesh } from '../../src/node/mesh.js'
import { libp2pRaftTransport, RAFT_PROTOCOL, type Libp2pRaftTransport } from '../../src/raft/transport/libp2p.js'
import type { PeerStreamsEvent } from '../../src/rpc/peer-streams.js'
import { FrameTooLargeError, MalformedFrameError, TruncatedFrameError } from '../../src/rpc/errors.js'
import { MessageTooLargeError } from '../../src/errors.js'
import { InvalidGroupIdError } from '../../src/raft/transport/errors.js'
import { RaftFrame } from '../../src/raft/transport/raft-frame.js'

const WAIT = 15_000
/**
 * Same code as RAFT_PROTOCOL, another id: a Mesh may run its own Raft transport on the real one,
 * and these tests need transports they control.
 */
const PROTOCOL = RAFT_PROTOCOL.replace('/raft/', '/raft-transport-test/')

interface Received { from: string, group: string, message: Uint8Array }

/** Conditions being awaited; re-checked whenever any node observes anything. */
const waiters = new Set<() => void>()

/** One peer under test: its transport and everything it observed, with event-driven waits. */
class Node {
  readonly received: Received[] = []
  readonly notices: Array<{ from: string, group: string }> = []
  readonly events: PeerStreamsEvent[] = []
  readonly hosted = new Set<string>()
  readonly transport: Libp2pRaftTransport

  constructor (readonly mesh: Mesh, options: Parameters<typeof libp2pRaftTransport>[1] = {}) {
    this.transport = libp2pRaftTransport(mesh.libp2p, {
      protocol: PROTOCOL,
      ...options,
      onEvent: e => { this.events.push(e); this.changed() }
    })
    this.transport.onMessage((from, group, message) => {
      if (!this.hosted.has(group)) { this.changed(); return false }
      this.received.push({ from, group, message: new Uint8Array(message) })
      this.changed()
      return true
    })
    this.transport.onUnknownGroup((from, group) => { this.notices.push({ from, group }); this.changed() })
  }

  get id (): string { return this.mesh.peerId }

  /** Resolves when `condition` holds, re-checked on every message, notice or stream event of any node; no polling. */
  async until (condition: () => boolean, what: string): Promise<void> {
    if (condition()) return
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    const check = (): void => { if (condition()) resolve() }
    const timer = setTimeout(() => { reject(new Error(`timed out waiting for ${what}`)) }, WAIT)
    waiters.add(check)
    try {
      await promise
    } finally {
      clearTimeout(timer)
      waiters.delete(check)
    }
  }

  private changed (): void {
    for (const w of [...waiters]) w()
  }
}

function payload (from: number, group: number, i: number, size = 16): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size)
  out[0] = from; out[1] = group; out[2] = i & 0xff; out[3] = i >> 8
  for (let k = 4; k < size; k++) out[k] = (from * 31 + group * 7 + i + k) & 0xff
  return out
}

describe('Raft transport over libp2p (3 peers on loopback)', () => {
  let cluster: TestCluster
  let nodes: Node[]

  before(async () => {
    cluster = await createTestCluster({ size: 3 })
    nodes = cluster.meshes.map(m => new Node(m, { retryBaseDelay: 20, retryMaxDelay: 200, maxRetries: 2 }))
    for (const n of nodes) await n.transport.start()
  })

  after(async () => {
    for (const n of nodes) await n.transport.stop()
    await cluster.stopAll()
  })

  it('delivers messages of several groups intact, in order, coalesced into few frames over one stream per pair', async () => {
    const groups = ['g0', 'g1', 'g2', 'g3', 'g4']
    for (const n of nodes) for (const g of groups) n.hosted.add(g)
    // Warm up one direction first: the reply must reuse the stream A opened, not open a second one.
    const [a, b, c] = nodes
    a.transport.send(b.id, 'g0', payload(0, 0, 999))
    await b.until(() => b.received.length === 1, 'the first message')
    b.transport.send(a.id, 'g0', payload(1, 0, 999))
    await a.until(() => a.received.length === 1, 'the reply')
    assert.equal(a.transport.streamCount(b.id), 1)
    assert.equal(b.transport.streamCount(a.id), 1)
    for (const n of nodes) n.received.length = 0

    const perGroup = 40
    const framesBefore = nodes.map(n => n.transport.stats.framesSent)
    for (let i = 0; i < perGroup; i++) {
      for (const [fi, from] of nodes.entries()) {
        for (const to of nodes) {
          if (to === from) continue
          for (const [gi, g] of groups.entries()) from.transport.send(to.id, g, payload(fi, gi, i))
        }
      }
    }
    const expected = perGroup * groups.length * 2
    await Promise.all(nodes.map(async n => { await n.until(() => n.received.length === expected, `${expected} messages`) }))
    for (const [ti, to] of nodes.entries()) {
      for (const [fi, from] of nodes.entries()) {
        if (fi === ti) continue
        for (const [gi, g] of groups.entries()) {
          const got = to.received.filter(r => r.from === from.id && r.group === g).map(r => r.message)
          assert.deepEqual(got, Array.from({ length: perGroup }, (_, i) => payload(fi, gi, i)), `${fi}→${ti} ${g}`)
        }
      }
    }
    // 400 messages per sender, sent in one event-loop turn: one frame per destination.
    for (const [i, n] of nodes.entries()) {
      const frames = n.transport.stats.framesSent - framesBefore[i]
      assert.ok(frames <= 4, `peer ${i} sent ${frames} frames for ${expected} messages`)
    }
    assert.ok(c.transport.streamCount(a.id) <= 2)
  })

  it('answers an unknown group with a rate-limited notice and keeps no state', async () => {
    const [a, b] = nodes
    const before = { ...b.transport.stats }
    for (let i = 0; i < 6; i++) a.transport.send(b.id, 'nobody-hosts-this', payload(0, 9, i))
    await a.until(() => a.notices.some(n => n.group === 'nobody-hosts-this'), 'the unknown-group notice')
    // Make sure the later messages were processed too: a known-group message sent after them arrives after them.
    a.transport.send(b.id, 'g0', payload(0, 0, 7777))
    await b.until(() => b.received.some(r => r.message[2] === (7777 & 0xff) && r.message[3] === 7777 >> 8), 'the marker message')
    assert.deepEqual(a.notices.filter(n => n.group === 'nobody-hosts-this'), [{ from: b.id, group: 'nobody-hosts-this' }])
    assert.equal(b.transport.stats.unknownGroup - before.unknownGroup, 6)
    assert.equal(b.transport.stats.noticesSent - before.noticesSent, 1)
    assert.equal(b.transport.stats.noticesSuppressed - before.noticesSuppressed, 5)
    assert.ok(!b.received.some(r => r.group === 'nobody-hosts-this'))
  })

  it('rejects bad arguments locally with typed errors', () => {
    const [a, b] = nodes
    assert.throws(() => { a.transport.send(b.id, '', new Uint8Array(1)) }, InvalidGroupIdError)
    assert.throws(() => { a.transport.send(b.id, 'x'.repeat(257), new Uint8Array(1)) }, InvalidGroupIdError)
    assert.throws(() => { a.transport.send(b.id, 'g0', new Uint8Array(4 * 1024 * 1024)) }, MessageTooLargeError)
  })

  it('bounds a 20 MiB burst: queues stay bounded, every message is delivered or counted as dropped', async () => {
    const [a, b] = nodes
    b.hosted.add('bulk')
    const size = 64 * 1024
    const count = 320 // 20 MiB
    const before = { sent: a.transport.stats.messagesOut, dropped: a.transport.stats.messagesDropped }
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
    const start = performance.now()
    const msg = new Uint8Array(size).fill(5)
    for (let i = 0; i < count; i++) a.transport.send(b.id, 'bulk', msg)
    const dropped = a.transport.stats.messagesDropped - before.dropped
    const growth = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore
    assert.equal(a.transport.stats.messagesOut - before.sent, count)
    assert.ok(dropped > 0, 'a synchronous 20 MiB burst exceeds the 8 MiB queue: the newest frames are dropped')
    // Queued: ≤ 8 MiB for the peer plus one 256 KiB frame being coalesced; allow slack for GC timing.
    assert.ok(growth < 48 * 1024 * 1024, `memory grew by ${(growth / 1048576).toFixed(1)} MiB`)
    const bulk = (): number => b.received.filter(r => r.group === 'bulk').length
    await b.until(() => bulk() === count - dropped, `${count - dropped} bulk messages`)
    const ms = performance.now() - start
    const mib = (count - dropped) * size / 1048576
    console.log(`# burst: ${count - dropped}/${count} messages of 64 KiB delivered (${dropped} dropped by policy), ${mib.toFixed(1)} MiB in ${ms.toFixed(0)} ms = ${(mib / ms * 1000).toFixed(0)} MiB/s`)
    assert.ok(b.received.filter(r => r.group === 'bulk').every(r => r.message.byteLength === size && r.message[size - 1] === 5))
  })

  it('paced sends of 20 MiB arrive in full', async () => {
    const [a, b] = nodes
    b.hosted.add('paced')
    const size = 16 * 1024
    const count = 1280 // 20 MiB
    const before = a.transport.stats.messagesDropped
    const start = performance.now()
    // The driver's flow control bounds in-flight bytes; emulate it: 1 MiB per turn, wait for receipts.
    const paced = (): number => b.received.filter(r => r.group === 'paced').length
    const diagnose = (err: Error): never => {
      console.log('# A', a.transport.stats, a.transport.frameStats, a.events.slice(-5))
      console.log('# B', b.transport.stats, b.transport.frameStats, b.events.slice(-5), paced())
      throw err
    }
    for (let i = 0; i < count; i += 64) {
      for (let k = i; k < i + 64; k++) a.transport.send(b.id, 'paced', payload(0, 1, k, size))
      await b.until(() => paced() >= i + 64 - 256, 'the receiver to keep up within 4 MiB').catch(diagnose)
    }
    await b.until(() => paced() === count, 'all paced messages').catch(diagnose)
    const ms = performance.now() - start
    assert.equal(a.transport.stats.messagesDropped, before)
    console.log(`# paced: 20 MiB in ${ms.toFixed(0)} ms = ${(20 / ms * 1000).toFixed(0)} MiB/s, ${(count / ms * 1000).toFixed(0)} msgs/s of 16 KiB`)
  })

  describe('hostile peer', () => {
    let hostile: Mesh
    let victim: Node
    let good: Node

    before(async () => {
      victim = nodes[1]
      good = nodes[0]
      victim.hosted.add('g0')
    })

    after(async () => { await hostile?.stop() })

    async function hostileStream (): Promise<Stream> {
      hostile ??= await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
      await hostile.dial(victim.mesh.addresses[0])
      return hostile.libp2p.dialProtocol(peerIdFromString(victim.id), PROTOCOL)
    }

    async function endOfHostileStream (): Promise<PeerStreamsEvent & { type: 'stream:end' }> {
      let found: (PeerStreamsEvent & { type: 'stream:end' }) | undefined
      const seen = victim.events.length
      await victim.until(() => {
        found = victim.events.slice(seen).find((e): e is PeerStreamsEvent & { type: 'stream:end' } => e.type === 'stream:end' && e.peer === hostile.peerId)
        return found !== undefined
      }, 'the victim to end the hostile stream')
      return found!
    }

    async function goodPeerStillServed (marker: number): Promise<void> {
      good.transport.send(victim.id, 'g0', payload(0, 0, marker))
      await victim.until(() => victim.received.some(r => r.from === good.id && r.message[2] === (marker & 0xff) && r.message[3] === marker >> 8), 'a good message after the attack')
    }

    it('garbage protobuf → malformed, stream reset, others unaffected', async () => {
      const before = { ...victim.transport.frameStats }
      const stream = await hostileStream()
      const ended = endOfHostileStream()
      const reset = new Promise(resolve => { stream.addEventListener('close', resolve, { once: true }) })
      stream.send(new Uint8Array([3, 0xff, 0xff, 0xff])) // a whole 3-byte frame that isn't a RaftFrame
      const end = await ended
      assert.equal(end.end.kind, 'failed')
      assert.ok(end.end.error instanceof MalformedFrameError)
      assert.equal(victim.transport.frameStats.malformed - before.malformed, 1)
      assert.equal(victim.transport.frameStats.resetsSent - before.resetsSent, 1)
      await reset
      assert.equal(stream.status, 'reset', 'the hostile side sees its stream reset')
      await goodPeerStillServed(1001)
    })

    it('a valid frame with an empty group id → malformed', async () => {
      const before = victim.transport.frameStats.malformed
      const stream = await hostileStream()
      const ended = endOfHostileStream()
      const body = RaftFrame.encode({ messages: [{ group: '', payload: new Uint8Array([1]) }], unknownGroups: [] })
      stream.send(new Uint8Array([body.byteLength, ...body]))
      assert.ok((await ended).end.error instanceof MalformedFrameError)
      assert.equal(victim.transport.frameStats.malformed - before, 1)
      await goodPeerStillServed(1002)
    })

    it('oversized length prefix → rejected before the body is read', async () => {
      const before = victim.transport.frameStats.oversized
      const stream = await hostileStream()
      const ended = endOfHostileStream()
      stream.send(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x04])) // 1 GiB announced, nothing sent
      const end = await ended
      assert.ok(end.end.error instanceof FrameTooLargeError)
      assert.equal(victim.transport.frameStats.oversized - before, 1)
      await goodPeerStillServed(1003)
    })

    it('truncated frame then clean close → truncated', async () => {
      const before = victim.transport.frameStats.truncated
      const stream = await hostileStream()
      const ended = endOfHostileStream()
      stream.send(new Uint8Array([100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
      await stream.close()
      const end = await ended
      assert.ok(end.end.error instanceof TruncatedFrameError)
      assert.equal(victim.transport.frameStats.truncated - before, 1)
      await goodPeerStillServed(1004)
    })

    it('truncated frame then the peer vanishes → counted, others unaffected', async () => {
      const before = { ...victim.transport.frameStats }
      const stream = await hostileStream()
      const ended = endOfHostileStream()
      // A valid frame (a marker message) and the start of another, in one write: once the marker
      // is delivered, the partial frame is in the victim's decoder.
      const marker = RaftFrame.encode({ messages: [{ group: 'g0', payload: payload(7, 7, 7) }], unknownGroups: [] })
      stream.send(new Uint8Array([marker.byteLength, ...marker, 100, 1, 2, 3]))
      await victim.until(() => victim.received.some(r => r.from === hostile.peerId), 'the marker frame')
      // Abort, not close: the connection dies the way a crashed process's does.
      for (const c of hostile.libp2p.getConnections(peerIdFromString(victim.id))) c.abort(new Error('hostile peer vanished'))
      const end = await ended
      assert.ok(end.end.kind === 'reset' || end.end.kind === 'failed', end.end.kind)
      assert.equal(victim.transport.frameStats.truncated - before.truncated, 1)
      await goodPeerStillServed(1005)
    })
  })

  it('a partition stops delivery and healing resumes it', async () => {
    const [a, b] = nodes
    b.hosted.add('p')
    const got = (i: number): boolean => b.received.some(r => r.group === 'p' && r.message[2] === i)
    await cluster.partition([a.mesh], [b.mesh, nodes[2].mesh])
    const seen = a.events.length
    a.transport.send(b.id, 'p', payload(0, 0, 1))
    // A can't open a stream to B (the gater refuses) and gives up after its retries.
    await a.until(() => a.events.slice(seen).some(e => e.type === 'dropped' && e.peer === b.id), 'A to give up on B')
    assert.ok(a.events.slice(seen).some(e => e.type === 'open:failed' && e.peer === b.id))
    assert.equal(got(1), false, 'nothing crosses the partition')
    await cluster.heal()
    // A re-dials on demand after its short cool-down. Raft resends; so does this test if a send is given up.
    const arrived = (): boolean => b.received.some(r => r.group === 'p')
    for (let i = 2; !arrived(); i++) {
      assert.ok(i < 6, 'delivery did not resume after heal')
      const mark = a.events.length
      a.transport.send(b.id, 'p', payload(0, 0, i))
      await a.until(() => arrived() || a.events.slice(mark).some(e => e.type === 'dropped'), 'a message after heal')
    }
    // Not asserted: whether the message sent during the partition shows up late. Raft allows it either way.
  })
})
