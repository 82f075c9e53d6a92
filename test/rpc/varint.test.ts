// The varint helpers every framer and hand-written codec uses, against a plain reference.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { varintLength, writeVarint } from '../../src/rpc/varint.js'

/** Unsigned LEB128 by the book, with BigInt: no shortcut to get wrong. */
function reference (n: number): number[] {
  const out: number[] = []
  let v = BigInt(n)
  do {
    const b = Number(v & 0x7fn)
    v >>= 7n
    out.push(v > 0n ? b | 0x80 : b)
  } while (v > 0n)
  return out
}

const write = (n: number): number[] => {
  const buf = new Uint8Array(10)
  const end = writeVarint(n, buf, 0)
  return [...buf.subarray(0, end)]
}

describe('varint', () => {
  it('writes and sizes every length boundary up to 2^53 like the reference', () => {
    const edges = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER]
    for (let k = 7; k <= 49; k += 7) edges.push(2 ** k - 1, 2 ** k, 2 ** k + 1)
    for (const n of edges) {
      assert.deepEqual(write(n), reference(n), String(n))
      assert.equal(varintLength(n), reference(n).length, String(n))
    }
  })

  it('agrees with the reference on random safe integers', () => {
    fc.assert(fc.property(fc.maxSafeNat(), n => {
      assert.deepEqual(write(n), reference(n))
      assert.equal(varintLength(n), reference(n).length)
    }), { numRuns: 2000 })
  })
})
