import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { jsonCodec, rawCodec, type Codec } from '../../src/channel/codec.js'
import { EncodeError } from '../../src/channel/errors.js'

describe('jsonCodec', () => {
  it('round-trips JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      assert.deepEqual(jsonCodec.decode(jsonCodec.encode(v)), JSON.parse(JSON.stringify(v)))
    }))
    assert.deepEqual(jsonCodec.decode(jsonCodec.encode({ a: [1, 'é', null, true], b: { c: 2.5 } })), { a: [1, 'é', null, true], b: { c: 2.5 } })
  })

  it('encodes to the UTF-8 bytes of JSON.stringify, plain data or not (toJSON, classes, deep nesting, lone surrogates)', () => {
    const reference = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v))
    fc.assert(fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (v, s) => {
      assert.deepEqual(new Uint8Array(jsonCodec.encode(v)), reference(v))
      assert.deepEqual(new Uint8Array(jsonCodec.encode({ s, v })), reference({ s, v }))
    }))
    class Point { constructor (readonly x: number, readonly y: number) {} }
    let deep: unknown = 1
    for (let i = 0; i < 40; i++) deep = i % 2 === 0 ? [deep] : { d: deep }
    const bare = Object.assign(Object.create(null), { a: 1 })
    for (const v of [new Date(0), { at: new Date(1), n: [new Point(1, 2)] }, new Point(3, 4), deep, bare, { a: undefined, b: [null] }, '\ud800x']) {
      assert.deepEqual(new Uint8Array(jsonCodec.encode(v)), reference(v))
    }
  })

  it('refuses what JSON cannot represent with EncodeError', () => {
    const cyclic: any = { a: 1 }
    cyclic.self = cyclic
    const throwing = { get x (): number { throw new Error('no x') } }
    for (const bad of [undefined, () => 1, Symbol('s'), 10n, NaN, Infinity, { x: 1n }, [1, undefined], { f () {} }, cyclic, throwing]) {
      assert.throws(() => jsonCodec.encode(bad), EncodeError, String(typeof bad))
    }
  })

  it('omits undefined object properties, like JSON.stringify', () => {
    assert.deepEqual(jsonCodec.decode(jsonCodec.encode({ a: 1, b: undefined })), { a: 1 })
  })

  it('decode throws on bad UTF-8 or bad JSON', () => {
    assert.throws(() => jsonCodec.decode(new Uint8Array([0xff, 0xfe])))
    assert.throws(() => jsonCodec.decode(new TextEncoder().encode('{"a":')))
  })
})

describe('rawCodec', () => {
  it('round-trips bytes and returns a copy', () => {
    const b = new Uint8Array([1, 2, 3])
    const out = rawCodec.decode(rawCodec.encode(b))
    assert.deepEqual(out, b)
    out[0] = 9
    assert.equal(b[0], 1)
  })
  it('refuses non-bytes', () => {
    assert.throws(() => rawCodec.encode('x' as any), EncodeError)
  })
})

describe('custom codec', () => {
  it('is a plain object implementing Codec', () => {
    const upper: Codec<string> = {
      name: 'upper',
      encode: (s) => new TextEncoder().encode(s.toUpperCase()),
      decode: (b) => new TextDecoder().decode(b)
    }
    assert.equal(upper.decode(upper.encode('hi')), 'HI')
  })
})
