import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { streamPair } from '@libp2p/utils'
import { FramedStream, type StreamEnd } from '../../src/rpc/framed-stream.js'
import { FrameTooLargeError, QueueFullError, TruncatedFrameError } from '../../src/rpc/errors.js'
import { createFrameStats } from '../../src/rpc/stats.js'
import { ClosedError } from '../../src/errors.js'

function collector () {
  const frames: Uint8Array[] = []
  const ended = Promise.withResolvers<StreamEnd>()
  return { frames, ended, onFrame: (f: Uint8Array) => { frames.push(f.slice()) }, onEnd: (e: StreamEnd) => { ended.resolve(e) } }
}

describe('FramedStream', () => {
  it('carries frames both ways and ends cleanly when one side closes', async () => {
    const [a, b] = await streamPair()
    const ca = collector()
    const cb = collector()
    const fa = new FramedStream(a, ca)
    const fb = new FramedStream(b, cb)
    for (let i = 0; i < 100; i++) fa.send(new Uint8Array([i, i]))
    fb.send(new Uint8Array([42]))
    await fa.close()
    const [ea, eb] = await Promise.all([ca.ended.promise, cb.ended.promise])
    assert.equal(ea.kind, 'closed')
    assert.equal(eb.kind, 'closed')
    assert.equal(cb.frames.length, 100)
    assert.deepEqual(cb.frames[99], new Uint8Array([99, 99]))
    assert.deepEqual(ca.frames, [new Uint8Array([42])])
    assert.equal(fa.stats.framesOut, 100)
    assert.equal(fb.stats.framesIn, 100)
  })

  it('refuses to send an oversized frame and applies the queue policy', async () => {
    const [a] = await streamPair()
    const drop = new FramedStream(a, { onFrame: () => {}, maxFrameSize: 100, maxQueuedBytes: 250 })
    assert.throws(() => drop.send(new Uint8Array(101)), FrameTooLargeError)
    assert.equal(drop.send(new Uint8Array(100)), true)
    assert.equal(drop.send(new Uint8Array(100)), true)
    assert.equal(drop.send(new Uint8Array(100)), false) // 3 × 101 > 250: dropped
    assert.equal(drop.stats.dropped, 1)
    const [c] = await streamPair()
    const strict = new FramedStream(c, { onFrame: () => {}, maxFrameSize: 100, maxQueuedBytes: 150, overflow: 'throw' })
    strict.send(new Uint8Array(100))
    assert.throws(() => strict.send(new Uint8Array(100)), QueueFullError)
    drop.abort()
    strict.abort()
    assert.throws(() => drop.send(new Uint8Array(1)), ClosedError)
  })

  it('write() waits for room instead of dropping', async () => {
    const [a, b] = await streamPair()
    const cb = collector()
    const fa = new FramedStream(a, { onFrame: () => {}, maxQueuedBytes: 1000 })
    const fb = new FramedStream(b, cb)
    for (let i = 0; i < 50; i++) await fa.write(new Uint8Array(600).fill(i))
    await fa.close()
    await cb.ended.promise
    assert.equal(cb.frames.length, 50)
    assert.equal(fa.stats.dropped, 0)
    void fb
  })

  it('a remote that closes mid-frame is counted as truncated and reset', async () => {
    const [a, b] = await streamPair()
    const cb = collector()
    const fb = new FramedStream(b, cb)
    a.send(new Uint8Array([10, 1, 2, 3])) // announces 10 bytes, sends 3
    await a.close()
    const end = await cb.ended.promise
    assert.equal(end.kind, 'failed')
    assert.ok(end.error instanceof TruncatedFrameError)
    assert.equal(fb.stats.truncated, 1)
    assert.equal(fb.stats.resetsSent, 1)
  })

  it('an async frame handler pauses reading and keeps order', async () => {
    const [a, b] = await streamPair()
    const seen: number[] = []
    const ended = Promise.withResolvers<void>()
    const fb = new FramedStream(b, {
      onFrame: async f => { await new Promise(resolve => setTimeout(resolve, 1)); seen.push(f[0]) },
      onEnd: () => { ended.resolve() }
    })
    const fa = new FramedStream(a, { onFrame: () => {} })
    for (let i = 0; i < 20; i++) fa.send(new Uint8Array([i]))
    await fa.close()
    await ended.promise
    assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => i))
    void fb
  })
})
