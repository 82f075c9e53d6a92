import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ReceiveBuffer } from '../../src/channel/receive-buffer.js'
import { Batcher, BATCHER_DEFAULTS, framedSize, type BatcherOptions } from '../../src/channel/batcher.js'
import { ChannelOverflowError } from '../../src/channel/errors.js'
import { ClosedError, TimeoutError } from '../../src/errors.js'

describe('ReceiveBuffer', () => {
  it('drop-oldest keeps the newest messages', async () => {
    const dropped: Array<number | undefined> = []
    const b = new ReceiveBuffer<number>('t', 3, 'drop-oldest', (m) => dropped.push(m))
    for (let i = 1; i <= 5; i++) b.push(i)
    assert.deepEqual(dropped, [1, 2])
    assert.deepEqual([await b.next(), await b.next(), await b.next()], [3, 4, 5])
  })

  it('drop-newest keeps the oldest messages', async () => {
    const dropped: Array<number | undefined> = []
    const b = new ReceiveBuffer<number>('t', 3, 'drop-newest', (m) => dropped.push(m))
    for (let i = 1; i <= 5; i++) b.push(i)
    assert.deepEqual(dropped, [4, 5])
    assert.deepEqual([await b.next(), await b.next(), await b.next()], [1, 2, 3])
  })

  it('error: throws once where the loss happened, with the count, then continues', async () => {
    const b = new ReceiveBuffer<number>('t', 2, 'error', () => {})
    b.push(1); b.push(2); b.push(3); b.push(4) // 3, 4 lost after 2
    assert.equal(await b.next(), 1)
    b.push(5) // room again: 5 comes after the marker
    b.push(6) // full: lost after 5
    assert.equal(await b.next(), 2)
    await assert.rejects(b.next(), (e: unknown) => e instanceof ChannelOverflowError && e.dropped === 2 && e.code === 'ERR_CHANNEL_OVERFLOW')
    assert.equal(await b.next(), 5)
    await assert.rejects(b.next(), (e: unknown) => e instanceof ChannelOverflowError && e.dropped === 1)
    b.push(7)
    assert.equal(await b.next(), 7)
  })

  it('serves waiting readers first come first served, each message once', async () => {
    const b = new ReceiveBuffer<number>('t', 10, 'drop-oldest', () => {})
    const r1 = b.next(); const r2 = b.next()
    b.push(1); b.push(2); b.push(3)
    assert.deepEqual([await r1, await r2, await b.next()], [1, 2, 3])
    assert.equal(b.size, 0)
  })

  it('close rejects waiting and later reads with ClosedError; abort and timeout reject with TimeoutError', async () => {
    const b = new ReceiveBuffer<number>('t', 10, 'drop-oldest', () => {})
    const ac = new AbortController()
    const aborted = b.next({ signal: ac.signal })
    ac.abort()
    await assert.rejects(aborted, TimeoutError)
    await assert.rejects(b.next({ timeout: 5 }), TimeoutError)
    const w = b.next()
    b.push(1) // the aborted/timed-out reads consumed nothing
    assert.equal(await w, 1)
    const pending = b.next()
    b.close()
    await assert.rejects(pending, ClosedError)
    await assert.rejects(b.next(), ClosedError)
  })
})

/** A publish function under test control: records batches, resolves when told. */
function recorder (auto = true) {
  const batches: Uint8Array[][] = []
  const pending: Array<() => void> = []
  let inFlight = 0
  let maxInFlight = 0
  const publish = async (payloads: Uint8Array[]): Promise<number> => {
    batches.push(payloads)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    if (!auto) await new Promise<void>(resolve => pending.push(resolve))
    inFlight--
    return 3
  }
  return { batches, pending, publish, maxInFlight: () => maxInFlight }
}

const opts = (o: BatcherOptions = {}): Required<BatcherOptions> => ({ ...BATCHER_DEFAULTS, ...o })
const bytes = (n: number, fill = 0): Uint8Array => new Uint8Array(n).fill(fill)

describe('Batcher', () => {
  it('coalesces what is sent within the linger into one publish, in order', async () => {
    const r = recorder()
    const b = new Batcher(r.publish, opts({ linger: 5 }), 30)
    const sends = Array.from({ length: 100 }, (_, i) => b.enqueue(bytes(1, i)))
    assert.deepEqual(await Promise.all(sends), Array(100).fill(3))
    assert.equal(r.batches.length, 1)
    assert.deepEqual(r.batches[0]!.map(p => p[0]), Array.from({ length: 100 }, (_, i) => i))
    assert.equal(b.batches, 1)
    assert.equal(b.messages, 100)
  })

  it('respects the byte bound and the count bound, keeping order across batches', async () => {
    const r = recorder()
    const header = 30
    const maxBatchBytes = 1000
    const b = new Batcher(r.publish, opts({ linger: 5, maxBatchBytes, maxBatchCount: 7 }), header)
    const sends = Array.from({ length: 60 }, (_, i) => b.enqueue(bytes(100, i)))
    await Promise.all(sends)
    const flat = r.batches.flat().map(p => p[0])
    assert.deepEqual(flat, Array.from({ length: 60 }, (_, i) => i))
    for (const batch of r.batches) {
      assert.ok(header + batch.reduce((s, p) => s + framedSize(p.length), 0) <= maxBatchBytes)
      assert.ok(batch.length <= 7)
    }
    const perBatch = Math.min(7, Math.floor((maxBatchBytes - header) / framedSize(100)))
    assert.equal(r.batches.length, Math.ceil(60 / perBatch))
    // byte bound alone
    const r2 = recorder()
    const b2 = new Batcher(r2.publish, opts({ linger: 5, maxBatchBytes }), header)
    await Promise.all(Array.from({ length: 60 }, (_, i) => b2.enqueue(bytes(100, i))))
    assert.equal(r2.batches.length, Math.ceil(60 / Math.floor((maxBatchBytes - header) / framedSize(100))))
    assert.deepEqual(r2.batches.flat().map(p => p[0]), Array.from({ length: 60 }, (_, i) => i))
  })

  it('sends a message larger than maxBatchBytes alone', async () => {
    const r = recorder()
    const b = new Batcher(r.publish, opts({ linger: 5, maxBatchBytes: 200 }), 30)
    await Promise.all([b.enqueue(bytes(10)), b.enqueue(bytes(500)), b.enqueue(bytes(10))])
    assert.deepEqual(r.batches.map(x => x.map(p => p.length)), [[10], [500], [10]])
  })

  it('bounds publishes in flight and makes send wait when the queue is full (backpressure)', async () => {
    const r = recorder(false)
    const b = new Batcher(r.publish, opts({ linger: 0, maxBatchCount: 1, maxInFlight: 2, maxQueued: 3 }), 30)
    const settled: number[] = []
    const sends = Array.from({ length: 8 }, (_, i) => b.enqueue(bytes(1, i)).then(() => settled.push(i)))
    await new Promise(resolve => setImmediate(resolve))
    await new Promise(resolve => setImmediate(resolve))
    assert.equal(r.batches.length, 2, 'two publishes in flight')
    assert.equal(b.queued, 3, 'three queued; the rest wait for room')
    assert.equal(b.hasRoom, false)
    while (r.batches.length < 8 || r.pending.length > 0) {
      r.pending.shift()?.()
      await new Promise(resolve => setImmediate(resolve))
    }
    await Promise.all(sends)
    assert.ok(r.maxInFlight() <= 2)
    assert.deepEqual(r.batches.map(x => x[0]![0]), [0, 1, 2, 3, 4, 5, 6, 7])
    assert.deepEqual(settled, [0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('an aborted wait for room sends nothing; close publishes what was queued and refuses the rest', async () => {
    const r = recorder(false)
    const b = new Batcher(r.publish, opts({ linger: 0, maxBatchCount: 1, maxInFlight: 1, maxQueued: 1 }), 30)
    const s0 = b.enqueue(bytes(1, 0)) // queued
    const ac = new AbortController()
    const s1 = b.enqueue(bytes(1, 1), ac.signal) // waits for room
    const s2 = b.enqueue(bytes(1, 2)) // waits for room
    ac.abort(new Error('nope'))
    const closed = b.close()
    await assert.rejects(s1, /nope/)
    await assert.rejects(s2, ClosedError)
    await assert.rejects(b.enqueue(bytes(1)), ClosedError)
    while (r.pending.length > 0 || b.inFlight > 0) { r.pending.shift()?.(); await new Promise(resolve => setImmediate(resolve)) }
    await closed
    assert.equal(await s0, 3)
    assert.deepEqual(r.batches.map(x => x[0]![0]), [0])
  })
})
