// The Noise receive-path tweak: same frames out as the library's own length reader, on real
// connections too, and it refuses to touch a connection it does not recognise.
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { LengthPrefixedDecoder } from '@libp2p/utils'
import fc from 'fast-check'
import type { Mesh } from '../../src/index.js'
import { connectedPair } from '../helpers/mesh-pair.js'
import { randomBytes } from 'node:crypto'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { Uint8ArrayList } from 'uint8arraylist'
import { keyedNoiseCrypto, NODE_CIPHER_MIN_BYTES, noiseFrameLength, noiseTuning, sessionKey, tuneDecoder } from '../../src/node/noise.js'

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

const bytesOf = (x: Uint8Array | Uint8ArrayList): number[] => [...(x instanceof Uint8Array ? x : x.subarray())]

describe('Noise transport cipher with cached session keys', () => {
  it('seals and opens exactly as the library does, whole or in chunks, small and large', () => {
    const seed = Number(process.env.NOISE_CIPHER_SEED ?? Date.now() % 1_000_000)
    console.log(`noise cipher property seed ${seed} (replay: NOISE_CIPHER_SEED=${seed})`)
    const size = fc.oneof(fc.integer({ min: 0, max: 2 * NODE_CIPHER_MIN_BYTES }), fc.integer({ min: 0, max: 65_519 }))
    fc.assert(fc.property(size, fc.array(fc.integer({ min: 1, max: 9000 }), { maxLength: 6 }), fc.boolean(), fc.uint8Array({ minLength: 0, maxLength: 40 }), (n, cuts, asList, ad) => {
      const k = randomBytes(32)
      const nonce = randomBytes(12)
      const plain = randomBytes(n)
      let input: Uint8Array | Uint8ArrayList = plain
      if (asList) {
        const list = new Uint8ArrayList()
        let at = 0
        for (const c of cuts) { if (at >= n) break; list.append(plain.subarray(at, Math.min(n, at + c))); at += c }
        if (at < n) list.append(plain.subarray(at))
        input = list
      }
      const ours = keyedNoiseCrypto.chaCha20Poly1305Encrypt(input, nonce, ad, k)
      const theirs = defaultCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k)
      assert.deepEqual(bytesOf(ours), bytesOf(theirs))
      const sealed = theirs instanceof Uint8Array ? theirs : theirs.subarray()
      const sealedInput: Uint8Array | Uint8ArrayList = asList ? new Uint8ArrayList(sealed.subarray(0, sealed.length >> 1), sealed.subarray(sealed.length >> 1)) : sealed
      assert.deepEqual(bytesOf(keyedNoiseCrypto.chaCha20Poly1305Decrypt(sealedInput, nonce, ad, k)), [...plain])
      const forged = Uint8Array.from(sealed)
      forged[Math.floor(forged.length / 2)] ^= 1
      assert.throws(() => keyedNoiseCrypto.chaCha20Poly1305Decrypt(forged, nonce, ad, k))
    }), { numRuns: 200, seed })
  })

  it('makes one KeyObject per session key, and a new one if the key bytes change in place', () => {
    const k = randomBytes(32)
    const first = sessionKey(k)
    assert.equal(sessionKey(k), first)
    k[0] ^= 0xff
    const second = sessionKey(k)
    assert.notEqual(second, first)
    assert.deepEqual([...second.export()], [...k])
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
