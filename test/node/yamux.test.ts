// The yamux window-update tweak: updates only once half the window is used (as Go and Rust yamux
// do), flow control intact on real connections, and streams it does not recognise left alone.
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { crc32 } from 'node:zlib'
import { StreamState } from '@chainsafe/libp2p-yamux/stream'
import fc from 'fast-check'
import type { Mesh } from '../../src/index.js'
import { connectedPair } from '../helpers/mesh-pair.js'
import { tuneStream, windowUpdateWanted, yamuxTuning } from '../../src/node/yamux.js'

describe('yamux window updates', () => {
  it('are wanted on an established stream exactly when half the window or more is used', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 16 * 1024 * 1024 }), fc.double({ min: 0, max: 1, noNaN: true }), (window, usedShare) => {
      const capacity = Math.floor(window * (1 - usedShare))
      const used = window - capacity
      assert.equal(windowUpdateWanted(StreamState.Established, window, capacity), used * 2 >= window)
    }), { numRuns: 500 })
  })

  it('are left to the library in every other state (flags to send, paused, finished)', () => {
    for (const state of [StreamState.Init, StreamState.SYNSent, StreamState.SYNReceived, StreamState.Paused, StreamState.Finished]) {
      assert.equal(windowUpdateWanted(state, 256 * 1024, 256 * 1024 - 1), true, `state ${state}`)
    }
  })

  it('leaves alone a stream without the known shape', () => {
    const before = yamuxTuning.untouched
    assert.equal(tuneStream({}), false)
    assert.equal(tuneStream({ state: 3, recvWindow: 1, recvWindowCapacity: 1, sendWindowUpdate: 'x', getSendFlags: () => 0 }), false)
    assert.equal(tuneStream({ state: 3, recvWindow: '1', recvWindowCapacity: 1, sendWindowUpdate: () => {}, getSendFlags: () => 0, sendResume: () => {}, readStatus: 'readable' }), false)
    assert.equal(tuneStream({ state: 3, recvWindow: 1, recvWindowCapacity: 1, sendWindowUpdate: () => {}, getSendFlags: () => 0, readStatus: 'readable' }), false)
    assert.equal(yamuxTuning.untouched, before + 4)
    let sent = 0
    let resumed = 0
    const known = { state: StreamState.Established as number, recvWindow: 100, recvWindowCapacity: 100, sendWindowUpdate: () => { sent++ }, getSendFlags: () => 0, sendResume: () => { resumed++ }, readStatus: 'readable' }
    assert.equal(tuneStream(known), true)
    const update = known.sendWindowUpdate as () => void
    known.recvWindowCapacity = 51
    update.call(known)
    assert.equal(sent, 0, '49 of 100 used: held')
    known.recvWindowCapacity = 50
    update.call(known)
    assert.equal(sent, 1, 'half used: sent')
    const resume = known.sendResume as () => void
    known.readStatus = 'paused'
    resume.call(known)
    assert.equal(resumed, 0, 'paused again by the hand-out: the window stays shut')
    known.readStatus = 'readable'
    resume.call(known)
    assert.equal(resumed, 1)
  })
})

describe('yamux on real connections', () => {
  const meshes: Mesh[] = []
  after(async () => { await Promise.all(meshes.map(async m => { await m.stop() })) })

  it('moves 12 MiB through one stream to a reader that pauses (never past its read buffer), intact, with few window updates', async () => {
    const { tuned, untouched } = yamuxTuning
    const [a, b] = await connectedPair(meshes)

    const chunk = 32 * 1024
    const chunks = 384
    const protocol = '/meshchan-test/yamux-bulk/1.0.0'
    const received = Promise.withResolvers<{ bytes: number, crc: number }>()
    let windowLimits: number[] = []
    await b.libp2p.handle(protocol, (stream) => {
      // What the sender may send unasked never exceeds what the reader may buffer while paused.
      const internals = stream as unknown as { maxStreamWindowSize: number, maxReadBufferLength: number }
      windowLimits = [internals.maxStreamWindowSize, internals.maxReadBufferLength]
      let bytes = 0
      let crc = 0
      let pauses = 0
      let timer: NodeJS.Timeout | undefined
      stream.addEventListener('message', (evt) => {
        const data = evt.data.subarray()
        bytes += data.byteLength
        crc = crc32(data, crc)
        // A slow reader now and then: the sender must stall on the window and resume after it.
        if (bytes >= (pauses + 1) * 1024 * 1024) {
          pauses++
          stream.pause()
          timer = setTimeout(() => { stream.resume() }, 150)
        }
        if (bytes === chunk * chunks) {
          clearTimeout(timer)
          received.resolve({ bytes, crc })
        }
      })
      stream.addEventListener('close', (evt) => { received.reject(new Error(`stream closed after ${bytes} bytes: ${(evt as any).error?.message}`)) })
    })
    const before = { ...yamuxTuning }
    const stream = await a.libp2p.dialProtocol(b.libp2p.peerId, protocol, { signal: AbortSignal.timeout(10_000) })
    let sentCrc = 0
    for (let i = 0; i < chunks; i++) {
      const data = new Uint8Array(chunk)
      for (let k = 0; k < data.length; k += 997) data[k] = (i * 31 + k) & 0xff
      sentCrc = crc32(data, sentCrc)
      // Bounded: a stream that closes instead of draining fails the test here, not at its timeout.
      if (!stream.send(data)) await once(stream as unknown as EventTarget, 'drain', { signal: AbortSignal.timeout(10_000) })
    }
    const got = await received.promise
    assert.equal(got.bytes, chunk * chunks)
    assert.equal(got.crc, sentCrc)
    assert.ok(windowLimits[0] <= windowLimits[1], `window ${windowLimits[0]} > read buffer ${windowLimits[1]}`)
    const held = yamuxTuning.held - before.held
    const due = yamuxTuning.due - before.due
    // The library would send one update per data frame received (the sender joins chunks into
    // frames of up to its window, so there are fewer frames than chunks, but still dozens):
    // batched, most are held back and a few go out.
    assert.ok(held + due >= 32, `held ${held} + due ${due}: too few frames`)
    assert.ok(due * 4 < held, `held ${held}, due ${due}`)
    assert.ok(due > 0, 'updates still go out')
    await stream.close()
    assert.equal(yamuxTuning.untouched, untouched)
    assert.ok(yamuxTuning.tuned >= tuned + 2, `tuned ${yamuxTuning.tuned - tuned}`)
  })
})
