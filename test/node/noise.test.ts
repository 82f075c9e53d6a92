// The Noise receive-path tweak: same frames out as the library's own length reader, on real
// connections too, and it refuses to touch a connection it does not recognise.
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { LengthPrefixedDecoder } from '@libp2p/utils'
import fc from 'fast-check'
import type { Mesh } from '../../src/index.js'
import { connectedPair } from '../helpers/mesh-pair.js'
import { noiseFrameLength, noiseTuning, tuneDecoder } from '../../src/node/noise.js'

/** The library's reader (throws RangeError on a short buffer), as @chainsafe/libp2p-noise 17 has it. */
function libraryLength (data: Uint8Array | { byteLength: number, getUint16: (at: number) => number }): number {
  if (data.byteLength < 2) throw new RangeError('Could not decode int16BE')
  return data instanceof Uint8Array ? (data[0] << 8) + data[1] : data.getUint16(0)
}

function decodeAll (lengthDecoder: (d: any) => number, chunks: Uint8Array[]): number[][] {
  const d = new LengthPrefixedDecoder({ lengthDecoder, encodingLength: () => 2, maxBufferSize: 16 * 1024 * 1024 })
  const out: number[][] = []
  for (const c of chunks) for (const f of d.decode(c)) out.push([...f.subarray()])
  return out
}

describe('Noise frame length reader', () => {
  it('yields the same frames as the library reader however the stream is split', () => {
    const frame = fc.uint8Array({ minLength: 1, maxLength: 600 })
    fc.assert(fc.property(fc.array(frame, { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }), (frames, cuts) => {
      const bytes = Buffer.concat(frames.flatMap(f => [new Uint8Array([f.length >> 8, f.length & 0xff]), f]))
      const chunks: Uint8Array[] = []
      for (let at = 0, k = 0; at < bytes.length; k++) {
        const n = cuts[k % cuts.length]
        chunks.push(bytes.slice(at, at + n))
        at += n
      }
      const ours = decodeAll(noiseFrameLength, chunks)
      assert.deepEqual(ours, decodeAll(libraryLength, chunks))
      assert.deepEqual(ours, frames.map(f => [...f]))
    }), { numRuns: 300 })
  })

  it('leaves alone a connection without the known decoder shape', () => {
    const before = noiseTuning.untouched
    assert.equal(tuneDecoder({}), false)
    assert.equal(tuneDecoder({ decoder: { lengthDecoder: 'x', buffer: [], encodingLength: () => 2 } }), false)
    assert.equal(tuneDecoder({ decoder: { lengthDecoder: libraryLength, buffer: [], encodingLength: () => 4 } }), false)
    assert.equal(noiseTuning.untouched, before + 3)
    const known = { decoder: { lengthDecoder: libraryLength as unknown, buffer: [], encodingLength: () => 2 } }
    assert.equal(tuneDecoder(known), true)
    assert.equal(known.decoder.lengthDecoder, noiseFrameLength)
  })
})

describe('Noise on real connections', () => {
  const meshes: Mesh[] = []
  after(async () => { await Promise.all(meshes.map(async m => { await m.stop() })) })

  it('tunes both ends of a mesh connection (the installed noise still has the known shape)', async () => {
    const { tuned, untouched } = noiseTuning
    const [a, b] = await connectedPair(meshes)
    // A message both ways over the tuned connection.
    const ca = a.channel<string>('noise-test')
    const cb = b.channel<string>('noise-test', { subscribe: true })
    await ca.send('hello', { timeout: 10_000 })
    assert.equal(await cb.recv({ timeout: 10_000 }), 'hello')
    assert.equal(noiseTuning.untouched, untouched)
    assert.ok(noiseTuning.tuned >= tuned + 2, `tuned ${noiseTuning.tuned - tuned}`)
  })
})
