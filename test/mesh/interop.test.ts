// A plain libp2p + gossipsub node, with no meshchan code, reads and publishes a meshchan channel
// using only what the README documents: the topic name and the protobuf envelope.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createLibp2p, type Libp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { gossipsub, type GossipSub } from '@libp2p/gossipsub'
import { multiaddr } from '@multiformats/multiaddr'
import { createMesh, type Mesh } from '../../src/index.js'

// --- the documented envelope, hand-coded (field numbers and types from the README) ---
function varint (n: bigint): number[] {
  const out: number[] = []
  while (n >= 0x80n) { out.push(Number(n & 0x7fn) | 0x80); n >>= 7n }
  out.push(Number(n))
  return out
}
function encodeEnvelope (e: { version: number, codec: string, epoch: bigint, seq: number, payloads: Uint8Array[] }): Uint8Array {
  const bytes: number[] = []
  const field = (no: number, wire: number): void => { bytes.push(...varint(BigInt((no << 3) | wire))) }
  const lenDelimited = (no: number, data: Uint8Array): void => { field(no, 2); bytes.push(...varint(BigInt(data.length)), ...data) }
  field(1, 0); bytes.push(...varint(BigInt(e.version)))
  lenDelimited(2, new TextEncoder().encode(e.codec))
  field(3, 0); bytes.push(...varint(e.epoch))
  field(4, 0); bytes.push(...varint(BigInt(e.seq)))
  for (const p of e.payloads) lenDelimited(5, p)
  return Uint8Array.from(bytes)
}
function decodeEnvelope (buf: Uint8Array): { version: number, codec: string, epoch: bigint, seq: number, payloads: Uint8Array[] } {
  let i = 0
  const readVarint = (): bigint => {
    let shift = 0n
    let n = 0n
    for (;;) { const b = buf[i++]; n |= BigInt(b & 0x7f) << shift; if (b < 0x80) return n; shift += 7n }
  }
  const e = { version: 0, codec: '', epoch: 0n, seq: 0, payloads: [] as Uint8Array[] }
  while (i < buf.length) {
    const key = Number(readVarint())
    const [no, wire] = [key >> 3, key & 7]
    if (wire === 0) {
      const v = readVarint()
      if (no === 1) e.version = Number(v)
      else if (no === 3) e.epoch = v
      else if (no === 4) e.seq = Number(v)
    } else if (wire === 2) {
      const len = Number(readVarint())
      const data = buf.subarray(i, i + len)
      i += len
      if (no === 2) e.codec = new TextDecoder().decode(data)
      else if (no === 5) e.payloads.push(data)
    } else {
      throw new Error(`unexpected wire type ${wire}`)
    }
  }
  return e
}

describe('interop with a plain libp2p + gossipsub node', () => {
  let mesh: Mesh
  let plain: Libp2p<{ identify: ReturnType<ReturnType<typeof identify>>, pubsub: GossipSub }>
  const topic = 'meshchan/ch/interop'

  before(async () => {
    mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    plain = await createLibp2p({
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { identify: identify(), pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }) }
    })
    await plain.dial(multiaddr(mesh.addresses[0]))
  })
  after(async () => {
    await plain.stop()
    await mesh.stop()
  })

  it('reads what a meshchan channel sends', async () => {
    plain.services.pubsub.subscribe(topic)
    const received = new Promise<{ from: string, data: Uint8Array }>(resolve => {
      plain.services.pubsub.addEventListener('message', evt => {
        const msg = evt.detail
        if (msg.topic === topic && msg.type === 'signed') resolve({ from: msg.from.toString(), data: msg.data })
      })
    })
    const ch = mesh.channel<{ hello: string }>('interop')
    assert.equal(await ch.send({ hello: 'plain libp2p' }, { timeout: 10_000 }), 1)
    const { from, data } = await received
    assert.equal(from, mesh.peerId)
    const envelope = decodeEnvelope(data)
    assert.equal(envelope.version, 1)
    assert.equal(envelope.codec, 'json')
    assert.ok(envelope.seq >= 1)
    assert.deepEqual(envelope.payloads.map(p => JSON.parse(new TextDecoder().decode(p))), [{ hello: 'plain libp2p' }])
    ch.close()
  })

  it('publishes to a meshchan channel, in order, batches included', async () => {
    const ch = mesh.channel<number>('interop-in')
    ch.subscribe()
    const t = 'meshchan/ch/interop-in'
    await new Promise<void>(resolve => {
      const check = (): void => { if (plain.services.pubsub.getSubscribers(t).some(p => p.toString() === mesh.peerId)) resolve() }
      plain.services.pubsub.addEventListener('subscription-change', check)
      check()
    })
    const json = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v))
    const epoch = 42n
    await plain.services.pubsub.publish(t, encodeEnvelope({ version: 1, codec: 'json', epoch, seq: 1, payloads: [json(1)] }))
    await plain.services.pubsub.publish(t, encodeEnvelope({ version: 1, codec: 'json', epoch, seq: 2, payloads: [json(2), json(3)] }))
    const got: Array<{ value: number, from: string }> = []
    for await (const m of ch.messages()) {
      got.push({ value: m.value, from: m.from })
      if (got.length === 3) break
    }
    assert.deepEqual(got.map(g => g.value), [1, 2, 3])
    assert.ok(got.every(g => g.from === plain.peerId.toString()))
    ch.close()
  })

  it('rejects and counts bad envelopes and undecodable payloads without ending the iterator', async () => {
    const ch = mesh.channel<number>('interop-bad')
    ch.subscribe()
    const t = 'meshchan/ch/interop-bad'
    await new Promise<void>(resolve => {
      const check = (): void => { if (plain.services.pubsub.getSubscribers(t).some(p => p.toString() === mesh.peerId)) resolve() }
      plain.services.pubsub.addEventListener('subscription-change', check)
      check()
    })
    const json = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v))
    const epoch = 7n
    await plain.services.pubsub.publish(t, Uint8Array.from([0xff, 0xff, 0xff, 0x01]))
    await plain.services.pubsub.publish(t, encodeEnvelope({ version: 9, codec: 'json', epoch, seq: 1, payloads: [json(0)] }))
    await plain.services.pubsub.publish(t, encodeEnvelope({ version: 1, codec: 'raw', epoch, seq: 1, payloads: [json(0)] }))
    await plain.services.pubsub.publish(t, encodeEnvelope({ version: 1, codec: 'json', epoch, seq: 1, payloads: [new TextEncoder().encode('{not json')] }))
    await plain.services.pubsub.publish(t, encodeEnvelope({ version: 1, codec: 'json', epoch, seq: 1, payloads: [json(42)] }))
    assert.equal(await ch.recv(), 42, 'the good message after four bad ones still arrives')
    const { invalid } = ch.stats()
    assert.equal(invalid.malformed, 1)
    assert.equal(invalid.version, 1)
    assert.equal(invalid.codec, 1)
    assert.equal(invalid.payload, 1)
    ch.close()
  })
})
