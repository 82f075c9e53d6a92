/**
 * The hand-written codec of the queue protocol's hot frames must be the generated one, only faster:
 * same bytes out, same object back (same keys, same values, same array classes), the same error
 * for a malformed frame, and anything it does not handle left to the generated codec.
 *
 * On failure fast-check prints `seed` and `path`; replay exactly that case with
 *   FC_SEED=<seed> FC_PATH=<path> node --test dist/test/queue/fast-frame.test.js
 * FC_RUNS=<n> changes the number of runs (default 200 per property).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { decodeFrameFast, decodeQueueFrame, encodeFrameFast, encodeQueueFrame, type FrameDecodeOptions } from '../../src/queue/protocol/fast-frame.js'
import { QueueFrame } from '../../src/queue/protocol/queue-protocol.js'
import type { DeliveryMsg, FenceMsg, FenceReply, Push, PutItem, PutReply, Request, Response } from '../../src/queue/protocol/queue-protocol.js'
import { mulberry32 } from '../../src/testkit/random.js'

const params: fc.Parameters<unknown> = {
  numRuns: Number(process.env.FC_RUNS ?? 200),
  ...(process.env.FC_SEED !== undefined ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH !== undefined ? { path: process.env.FC_PATH } : {})
}

const LIMITS: FrameDecodeOptions = { limits: { request: { put: { items: 4096 } } } }
const MAX_U32 = 0xffffffff
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

// ---- arbitraries ----------------------------------------------------------------------------------

/** Numbers of the hot path: what the fast decoder reads (varints of at most 7 bytes). */
const u64 = fc.oneof(fc.constantFrom(0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32, 1_763_780_000_000, 2 ** 49 - 1), fc.nat(), fc.integer({ min: 0, max: 2 ** 49 - 1 }))
const u32 = fc.oneof(fc.constantFrom(0, 1, 127, 128, 2 ** 31, MAX_U32), fc.integer({ min: 0, max: MAX_U32 }))
const ascii = fc.oneof(
  { arbitrary: fc.constantFrom('', 'm-17', 'ok', '12D3KooWLdLZ1k5SXpXNFhVQNzkWPHbVWMMfSDpsSrzRHZEcfsMN/123'), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary-ascii', minLength: 120, maxLength: 200 }), weight: 1 }
)
/** Payload bytes (generated from a seed: cheaper than a byte at a time). */
const payload = fc.tuple(fc.oneof(fc.constantFrom(0, 1, 127, 128, 256), fc.nat({ max: 400 })), fc.integer()).map(([n, seed]) => {
  const rand = mulberry32(seed)
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256))
})

interface Gen { u64: fc.Arbitrary<number>, u32: fc.Arbitrary<number>, str: fc.Arbitrary<string> }
const hot: Gen = { u64, u32, str: ascii }
/** Beyond the hot path: non-ASCII text, 8-byte varints, numbers the wire cannot carry. */
const wide: Gen = {
  u64: fc.oneof(u64, fc.constantFrom(2 ** 49, Number.MAX_SAFE_INTEGER, 2 ** 53, -1, 1.5, NaN), fc.maxSafeNat()),
  u32: fc.oneof(u32, fc.constantFrom(2 ** 32, -1, 0.5)),
  str: fc.oneof(ascii, fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('é', '日本', '😀', '\ud800', 'a\u0080'))
}

const fence = (g: Gen): fc.Arbitrary<FenceMsg> => fc.record({ id: g.str, seq: g.u64, consumer: g.str, term: g.u64, attempt: g.u32 })
const delivery = (g: Gen): fc.Arbitrary<DeliveryMsg> => fc.record({ fence: fence(g), deadline: g.u64, payload, enqueuedAt: g.u64 }, { requiredKeys: ['deadline', 'payload', 'enqueuedAt'] })
const pushOf = (g: Gen): fc.Arbitrary<Push> => fc.record({
  session: g.u64,
  queue: g.str,
  deliveries: fc.oneof(fc.array(delivery(g), { maxLength: 8 }), fc.array(delivery(g), { minLength: 60, maxLength: 70 })),
  closed: fc.boolean(),
  reason: g.str,
  leaderHint: g.str
})
const head = (g: Gen): fc.Arbitrary<Omit<Request, 'acks' | 'put'>> => fc.record({ rid: g.u64, queue: g.str, client: g.str, requestId: g.u64, firstIncomplete: g.u64 })
const acksOf = (g: Gen): fc.Arbitrary<Request> => fc.tuple(head(g), fc.array(fence(g), { maxLength: 70 }), g.u64).map(([h, fences, session]) => ({ ...h, acks: { fences, session } }))
const putItem = (g: Gen): fc.Arbitrary<PutItem> => fc.record({ id: g.str, payload, delayMs: g.u32 })
const putOf = (g: Gen): fc.Arbitrary<Request> => fc.tuple(head(g), fc.array(putItem(g), { maxLength: 40 })).map(([h, items]) => ({ ...h, put: { items } }))
const putReply = (g: Gen): fc.Arbitrary<PutReply> => fc.record({ id: g.str, status: fc.oneof(fc.constantFrom('ok', 'full'), g.str), seq: g.u64, duplicate: fc.boolean(), reason: g.str })
const fenceReply = (g: Gen): fc.Arbitrary<FenceReply> => fc.record({ status: fc.oneof(fc.constantFrom('acked', 'stale'), g.str), reason: g.str, deadline: g.u64, credited: fc.boolean() })
const responseOf = (g: Gen): fc.Arbitrary<Response> => fc.record({
  rid: g.u64,
  puts: fc.array(putReply(g), { maxLength: 40 }),
  dead: fc.constant([]),
  fences: fc.array(fenceReply(g), { maxLength: 70 })
})

/** The four hot shapes. */
const hotFrame = (g: Gen): fc.Arbitrary<QueueFrame> => fc.oneof(
  pushOf(g).map(push => ({ push })),
  acksOf(g).map(request => ({ request })),
  putOf(g).map(request => ({ request })),
  responseOf(g).map(response => ({ response }))
)

/** Frames the fast path leaves (at least partly) to the generated codec. */
const otherFrame: fc.Arbitrary<Partial<QueueFrame>> = fc.oneof(
  hotFrame(wide),
  fc.tuple(head(hot), fc.oneof(
    fence(hot).map(ack => ({ ack })),
    fc.record({ fence: fence(hot), delayMs: u32, deadLetter: fc.boolean() }).map(nack => ({ nack })),
    fc.record({ session: u64, credit: u32, consumer: ascii, prefetch: u32 }).map(consume => ({ consume })),
    fc.record({ session: u64, credit: u32 }).map(credit => ({ credit })),
    fc.record({ session: u64 }).map(close => ({ close })),
    fc.record({ id: ascii, seq: u64 }).map(waitAck => ({ waitAck })),
    fc.record({ ids: fc.array(ascii, { maxLength: 3 }), all: fc.boolean() }).map(requeue => ({ requeue })),
    fc.constant({ stats: {} }),
    fc.constant({}),
    fc.tuple(acksOf(hot), putOf(hot)).map(([a, p]) => ({ acks: a.acks, put: p.put }))
  )).map(([h, op]) => ({ request: { ...h, ...op } as Request })),
  fc.tuple(responseOf(hot), fc.oneof(
    fc.record({ code: ascii, message: ascii, leaderHint: ascii }).map(error => ({ error })),
    fenceReply(hot).map(fence => ({ fence })),
    fc.record({ requeued: fc.array(ascii, { maxLength: 3 }), missing: fc.array(ascii, { maxLength: 3 }) }).map(requeue => ({ requeue })),
    fc.record({ id: ascii, payload, reason: ascii, attempt: u32, deadAt: u64, enqueuedAt: u64 }).map(d => ({ dead: [d] }))
  )).map(([r, extra]) => ({ response: { ...r, ...extra } })),
  fc.tuple(pushOf(hot), acksOf(hot)).map(([push, request]) => ({ push, request })),
  fc.tuple(responseOf(hot), putOf(hot)).map(([response, request]) => ({ response, request })),
  fc.constant({})
)

// ---- comparing with the generated codec -------------------------------------------------------------

type Outcome = { value: unknown } | { error: Error }
function outcome (fn: () => unknown): Outcome {
  try {
    return { value: fn() }
  } catch (err) {
    return { error: err as Error }
  }
}

/** Both returned deep-equal values, or both threw an error of the same class and message. */
function assertSame (actual: Outcome, expected: Outcome, what: string): void {
  if ('error' in expected) {
    assert.ok('error' in actual, `${what}: the generated codec throws ${String(expected.error)}, the fast one does not`)
    assert.equal(actual.error.constructor, expected.error.constructor, what)
    assert.equal(actual.error.message, expected.error.message, what)
  } else {
    assert.ok('value' in actual, `${what}: the fast codec throws ${'error' in actual ? String(actual.error) : ''}`)
    assert.deepStrictEqual(actual.value, expected.value, what)
  }
}

/** Inputs of the same bytes as the network hands them over: plain, a Buffer, a view inside a larger buffer. */
function views (bytes: Uint8Array): Uint8Array[] {
  const big = new Uint8Array(bytes.byteLength + 7)
  big.set(bytes, 3)
  return [Uint8Array.from(bytes), Buffer.from(bytes), big.subarray(3, 3 + bytes.byteLength)]
}

/** Decoding `bytes` gives what the generated decoder gives; the fast path alone too, when it answers. */
function checkDecode (bytes: Uint8Array, opts: FrameDecodeOptions = LIMITS, mustBeFast = false): void {
  for (const b of views(bytes)) {
    const expected = outcome(() => QueueFrame.decode(b, opts as any))
    assertSame(outcome(() => decodeQueueFrame(b, opts)), expected, hex(bytes))
    const fast = decodeFrameFast(b, opts)
    if (mustBeFast) assert.ok(fast !== undefined, `fast path declined ${hex(bytes)}`)
    if (fast !== undefined) assertSame({ value: fast }, expected, hex(bytes))
  }
}

describe('queue frame codec: hot-path fast codec', () => {
  it('writes the generated bytes for the hot frames and decodes them to the same object', () => {
    fc.assert(fc.property(hotFrame(hot), frame => {
      const slow = QueueFrame.encode(frame)
      const fast = encodeFrameFast(frame)
      assert.ok(fast !== undefined, 'fast path declined a hot frame')
      assert.equal(hex(fast), hex(slow))
      assert.equal(hex(encodeQueueFrame(frame)), hex(slow))
      checkDecode(slow, LIMITS, true)
    }), params)
  })

  it('leaves the rest to the generated codec: same bytes, same object, same errors', () => {
    fc.assert(fc.property(otherFrame, frame => {
      const slow = outcome(() => QueueFrame.encode(frame))
      assertSame(outcome(() => encodeQueueFrame(frame)), slow, 'encode')
      const fast = outcome(() => encodeFrameFast(frame))
      assert.ok('value' in fast, 'the fast path threw')
      if (fast.value !== undefined) assertSame(fast, slow, 'fast encode')
      if ('value' in slow) checkDecode(slow.value as Uint8Array)
    }), params)
  })

  it('decodes damaged frames as the generated codec does: same error, or the same object', () => {
    const damage = fc.oneof(
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
      fc.record({ op: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) })
    )
    fc.assert(fc.property(hotFrame(hot).filter(f => f.push == null || f.push.deliveries.length < 20), fc.array(damage, { minLength: 1, maxLength: 3 }), (frame, ops) => {
      let b = QueueFrame.encode(frame) as Uint8Array
      for (const d of ops) {
        const at = 'at' in d ? d.at % (b.byteLength + 1) : b.byteLength
        if (d.op === 'truncate') b = b.subarray(0, at)
        else if (d.op === 'flip') b = Uint8Array.from(b, (x, i) => i === at ? d.byte : x)
        else b = new Uint8Array([...b.subarray(0, at), ...d.bytes, ...b.subarray(at)])
      }
      checkDecode(b)
    }), params)
  })

  it('respects the limits on repeated fields as the generated decoder does', () => {
    fc.assert(fc.property(hotFrame(hot), fc.nat({ max: 70 }), (frame, n) => {
      const bytes = QueueFrame.encode(frame)
      checkDecode(bytes, { limits: { request: { put: { items: n }, acks: { fences: n } }, response: { puts: n, fences: n }, push: { deliveries: n } } })
    }), params)
  })

  it('declines what it does not handle', () => {
    const fenceMsg = { id: 'm-1', seq: 5, consumer: 'c/1', term: 2, attempt: 1 }
    const acks: QueueFrame = { request: { rid: 7, queue: 'q', client: '', requestId: 0, firstIncomplete: 0, acks: { fences: [fenceMsg], session: 3 } } }
    const push: QueueFrame = { push: { session: 3, queue: 'q', deliveries: [{ fence: fenceMsg, deadline: 9, payload: new Uint8Array([1, 2]), enqueuedAt: 4 }], closed: false, reason: '', leaderHint: '' } }
    const request = acks.request as Request
    // Encoding: non-ASCII text, numbers the wire can't carry exactly, another op, two ops, two kinds, nothing.
    for (const f of [
      { request: { ...request, queue: 'é' } },
      { request: { ...request, acks: { fences: [{ ...fenceMsg, consumer: 'c/\u0100' }], session: 3 } } },
      { request: { ...request, rid: -1 } },
      { request: { ...request, rid: 1.5 } },
      { request: { ...request, rid: 2 ** 53 } },
      { request: { ...request, acks: { fences: [{ ...fenceMsg, attempt: 2 ** 32 }], session: 3 } } },
      { request: { ...request, acks: { fences: [null as unknown as FenceMsg], session: 3 } } },
      { request: { ...request, acks: undefined, credit: { session: 3, credit: 1 } } },
      { request: { ...request, put: { items: [] } } },
      { request: { ...request, acks: undefined } },
      { response: { rid: 1, puts: [], dead: [], fences: [], error: { code: 'RETRY', message: '', leaderHint: '' } } },
      { push: { ...push.push as Push, closed: 1 as unknown as boolean } },
      { ...push, ...acks },
      {}
    ]) assert.equal(encodeFrameFast(f), undefined, JSON.stringify(f))

    // Decoding: unknown field, a field twice, wrong wire type, overlong varint, 8-byte varint,
    // uint32 out of range, no op, a message overrunning its parent, non-ASCII, a bool that is not 0/1, two kinds,
    // other ops or fields, shared memory.
    const bytes = QueueFrame.encode(acks)
    /** A request with these fields and empty acks. */
    const req = (...fields: number[]): Uint8Array => new Uint8Array([0x0a, fields.length + 3, ...fields, 0xaa, 0x01, 0x00])
    /** A request with rid 7 and these acks fields. */
    const withAcks = (...op: number[]): Uint8Array => new Uint8Array([0x0a, op.length + 5, 0x08, 0x07, 0xaa, 0x01, op.length, ...op])
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength))
    shared.set(bytes)
    assert.deepStrictEqual(decodeFrameFast(req(0x08, 0x07), LIMITS), QueueFrame.decode(req(0x08, 0x07)))
    assert.deepStrictEqual(decodeFrameFast(withAcks(0x10, 0x01), LIMITS), QueueFrame.decode(withAcks(0x10, 0x01)))
    for (const b of [
      new Uint8Array([...bytes, 0x20, 0x01]), // QueueFrame field 4
      new Uint8Array([...bytes, ...bytes]), // the request twice
      new Uint8Array([...req(0x08, 0x07), ...QueueFrame.encode(push)]), // request and push
      req(0x08, 0x07, 0x08, 0x07), // rid twice
      req(0x30, 0x01), // Request field 6
      req(0x0a, 0x01, 0x07), // rid as bytes
      req(0x08, 0x87, 0x00), // rid = 7 in two bytes
      req(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), // rid = 2^49: 8 bytes
      new Uint8Array([0x0a, 0x02, 0x08, 0x07]), // no op
      new Uint8Array([0x0a, 0x0c, 0x08, 0x07, 0xaa, 0x01, 0x02, 0x0a, 0x05, 0x0a, 0x01, 0x61, 0x10, 0x01]), // a fence overrunning its acks
      withAcks(0x10, 0x01, 0x10, 0x02), // session twice
      withAcks(0x0a, 0x03, 0x0a, 0x01, 0xc3), // non-ASCII fence id
      withAcks(0x0a, 0x06, 0x28, 0x80, 0x80, 0x80, 0x80, 0x10), // attempt = 2^32 (the generated reader drops bit 32)
      bytes.subarray(0, bytes.byteLength - 1),
      QueueFrame.encode({ response: { rid: 1, puts: [], dead: [], fences: [{ status: 'acked', reason: '', deadline: 0, credited: true }] } }).map((x, i, a) => i === a.length - 1 ? 2 : x), // credited = 2
      QueueFrame.encode({ response: { rid: 1, puts: [], dead: [], fences: [], error: { code: 'RETRY', message: '', leaderHint: '' } } }),
      QueueFrame.encode({ request: { ...request, acks: undefined, credit: { session: 3, credit: 1 } } }),
      shared
    ]) {
      assert.equal(decodeFrameFast(b, LIMITS), undefined, hex(b))
      checkDecode(b)
    }
    assert.deepStrictEqual(decodeFrameFast(bytes, LIMITS), QueueFrame.decode(bytes))
    assert.deepStrictEqual(decodeQueueFrame(shared, LIMITS), QueueFrame.decode(bytes))
  })

  it('throws what the generated decoder throws for a malformed frame', () => {
    for (const b of [
      new Uint8Array([0x0a, 0x05, 0x08]), // length beyond the frame
      new Uint8Array([0x1a, 0x03, 0x1a, 0x05, 0x00]), // a delivery beyond the frame
      new Uint8Array([0x0f]) // wire type 7
    ]) {
      const expected = outcome(() => QueueFrame.decode(b))
      assert.ok('error' in expected, hex(b))
      assertSame(outcome(() => decodeQueueFrame(b, LIMITS)), expected, hex(b))
    }
    const put = QueueFrame.encode({ request: { rid: 1, queue: 'q', client: '', requestId: 0, firstIncomplete: 0, put: { items: [{ id: 'a', payload: new Uint8Array([1]), delayMs: 0 }, { id: 'b', payload: new Uint8Array([2]), delayMs: 0 }] } } })
    assert.throws(() => decodeQueueFrame(put, { limits: { request: { put: { items: 1 } } } }), /too many elements/)
    assert.equal(decodeQueueFrame(put, { limits: { request: { put: { items: 2 } } } }).request?.put?.items.length, 2)
  })
})
