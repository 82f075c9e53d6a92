import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { FrameDecoder } from '../../src/rpc/frame-decoder.js'
import { BadLengthPrefixError, FrameTooLargeError } from '../../src/rpc/errors.js'
import { varintLength, writeVarint } from '../../src/rpc/varint.js'

function encode (...frames: Uint8Array[]): Uint8Array {
  const size = frames.reduce((n, f) => n + varintLength(f.byteLength) + f.byteLength, 0)
  const out = new Uint8Array(size)
  let o = 0
  for (const f of frames) {
    o = writeVarint(f.byteLength, out, o)
    out.set(f, o)
    o += f.byteLength
  }
  return out
}

function drain (d: FrameDecoder): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let f = d.next(); f !== undefined; f = d.next()) out.push(f)
  return out
}

describe('FrameDecoder', () => {
  it('decodes frames split at every byte boundary, empty frames included', () => {
    const frames = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7), new Uint8Array([9])]
    const wire = encode(...frames)
    for (let step = 1; step <= wire.byteLength; step++) {
      const d = new FrameDecoder(1024)
      const got: Uint8Array[] = []
      for (let i = 0; i < wire.byteLength; i += step) {
        d.push(wire.subarray(i, i + step))
        got.push(...drain(d))
      }
      assert.deepEqual(got, frames, `step ${step}`)
      assert.equal(d.pendingBytes, 0)
    }
  })

  it('rejects an oversized length prefix before the body arrives', () => {
    const d = new FrameDecoder(1000)
    const prefix = new Uint8Array(5)
    writeVarint(2 ** 31 - 1, prefix, 0)
    d.push(prefix.subarray(0, 2)) // 2 bytes already announce more than 1000
    assert.throws(() => d.next(), (err: unknown) => err instanceof FrameTooLargeError && err.code === 'ERR_FRAME_TOO_LARGE' && err.limit === 1000)
  })

  it('accepts exactly maxFrameSize and rejects one more', () => {
    const ok = new FrameDecoder(200)
    ok.push(encode(new Uint8Array(200)))
    assert.equal(ok.next()?.byteLength, 200)
    const big = new FrameDecoder(200)
    big.push(encode(new Uint8Array(201)).subarray(0, 2))
    assert.throws(() => big.next(), FrameTooLargeError)
  })

  it('rejects a varint that never ends', () => {
    const d = new FrameDecoder(Number.MAX_SAFE_INTEGER)
    d.push(new Uint8Array(9).fill(0x80))
    assert.throws(() => d.next(), BadLengthPrefixError)
  })

  it('reports the bytes of an unfinished frame', () => {
    const d = new FrameDecoder(1024)
    d.push(encode(new Uint8Array(10)).subarray(0, 6))
    assert.equal(d.next(), undefined)
    assert.equal(d.pendingBytes, 6)
  })
})
