import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Stream } from '@libp2p/interface'
import { createMesh, type Mesh } from '../../src/node/mesh.js'
import { FramedStream, type StreamEnd } from '../../src/rpc/framed-stream.js'

const PROTOCOL = '/meshchan/test/framed/1.0.0'

describe('FramedStream over libp2p (yamux + noise on loopback)', () => {
  let a: Mesh
  let b: Mesh

  before(async () => {
    a = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    b = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    await a.dial(b.addresses[0])
  })

  after(async () => {
    await Promise.all([a.stop(), b.stop()])
  })

  it('write() backpressure: 20 MiB arrive whole while neither our queue nor the muxer buffer grows past its bound', async () => {
    const total = 20 * 1024 * 1024
    const frameSize = 64 * 1024
    let received = 0
    let corrupt = 0
    const ended = Promise.withResolvers<StreamEnd>()
    await b.libp2p.handle(PROTOCOL, (stream: Stream) => {
      // eslint-disable-next-line no-new
      new FramedStream(stream, {
        onFrame: f => { received += f.byteLength; if (f[0] !== f[f.byteLength - 1]) corrupt++ },
        onEnd: e => { ended.resolve(e) }
      })
    })
    const stream = await a.libp2p.dialProtocol(b.libp2p.peerId, PROTOCOL)
    const maxQueuedBytes = 1024 * 1024
    const maxBatchBytes = 256 * 1024
    const sender = new FramedStream(stream, { onFrame: () => {}, maxQueuedBytes, maxBatchBytes })
    let maxQueued = 0
    let maxMuxerBuffer = 0
    const start = performance.now()
    for (let sent = 0, i = 0; sent < total; sent += frameSize, i++) {
      await sender.write(new Uint8Array(frameSize).fill(i & 0xff))
      maxQueued = Math.max(maxQueued, sender.queuedBytes)
      maxMuxerBuffer = Math.max(maxMuxerBuffer, stream.writeBufferLength)
    }
    await sender.close({ timeout: 20_000 })
    const end = await ended.promise
    const ms = performance.now() - start
    console.log(`# framed write(): 20 MiB in ${ms.toFixed(0)} ms = ${(20 / ms * 1000).toFixed(0)} MiB/s; max queued ${maxQueued}, max muxer buffer ${maxMuxerBuffer}`)
    assert.equal(end.kind, 'closed')
    assert.equal(received, total)
    assert.equal(corrupt, 0)
    assert.equal(sender.stats.dropped, 0)
    assert.ok(maxQueued <= maxQueuedBytes, `queue reached ${maxQueued}`)
    // One batch may sit in the muxer while it waits for a window update; never a backlog of them.
    assert.ok(maxMuxerBuffer <= maxBatchBytes + 16, `muxer buffer reached ${maxMuxerBuffer}`)
    await b.libp2p.unhandle(PROTOCOL)
  })
})
