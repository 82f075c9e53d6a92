// The hand-written hot-path codec must be the generated one, only faster: same bytes out, same
// object back, and anything it does not handle left to the generated codec.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeFast, encodeFast } from '../../src/queue/state/fast-codec.js'
import { QueueCommand } from '../../src/queue/state/queue-state.js'
import { mulberry32 } from '../../src/testkit/index.js'

const plain = (o: unknown): unknown => JSON.parse(JSON.stringify(o, (_k, v) => v instanceof Uint8Array ? [...v] : v))

function randomCommand (rand: () => number): QueueCommand {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
  const big = (): number => pick([0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, 1_763_780_000_000, 2 ** 48 - 1])
  const small = (): number => pick([0, 1, 127, 128, 65_535, 2 ** 31, 0xffffffff])
  const text = (): string => pick(['', 'a', 'm-17', 'x'.repeat(130), '12D3KooWLdLZ1k5SXpXNFhVQNzkWPHbVWMMfSDpsSrzRHZEcfsMN/123'])
  const c: QueueCommand = { version: pick([0, 1, 2]), client: text(), requestId: big(), firstIncomplete: big(), now: big() }
  switch (pick(['put', 'lease', 'ack', 'expire', 'batch', 'none'])) {
    case 'put': c.put = { id: text(), payload: new Uint8Array(pick([0, 1, 200, 300])).map((_, i) => i), producer: text(), delayUntil: big(), ...(rand() < 0.5 ? { maxDeliveries: small() } : {}) }; break
    case 'lease': c.lease = { consumer: text(), count: small(), leaseMs: small() }; break
    case 'ack': c.ack = { id: text(), seq: big(), consumer: text(), term: big(), attempt: small() }; break
    case 'expire': c.expire = { max: small() }; break
    case 'batch': c.batch = { commands: Array.from({ length: pick([0, 1, 3]) }, () => new Uint8Array(pick([0, 5, 200])).fill(7)) }; break
  }
  return c
}

describe('queue command codec: hot-path fast codec', () => {
  it('encodes exactly the bytes of the generated codec and decodes them to the same object', () => {
    const rand = mulberry32(11)
    for (let i = 0; i < 5000; i++) {
      const c = randomCommand(rand)
      const fast = encodeFast(c)
      const slow = QueueCommand.encode(c)
      assert.ok(fast !== undefined, JSON.stringify(plain(c)))
      assert.deepEqual([...fast], [...slow], JSON.stringify(plain(c)))
      const back = decodeFast(slow, 4096)
      assert.ok(back !== undefined)
      assert.deepEqual(plain(back), plain(QueueCommand.decode(slow)))
    }
  })

  it('decodes client, producer and consumer names through its name cache without ever mixing them up', () => {
    const rand = mulberry32(12)
    // 500 names of a few lengths (many share a cache slot), each decoded several times in random order.
    const names = Array.from({ length: 500 }, (_, i) => `12D3KooW${'x'.repeat(i % 7)}${i.toString(36).padStart(4, '0')}/${i % 3}`)
    const seen = new Set<string>()
    for (let i = 0; i < 20_000; i++) {
      const name = names[Math.floor(rand() * names.length)]
      const c: QueueCommand = { version: 1, client: name, requestId: i + 1, firstIncomplete: 0, now: 5, put: { id: `m${i}`, payload: new Uint8Array([1]), producer: name, delayUntil: 0 } }
      const back = decodeFast(encodeFast(c)!, 16)!
      assert.equal(back.client, name)
      assert.equal(back.put?.producer, name)
      assert.equal(back.put?.id, `m${i}`)
      seen.add(name)
    }
    const lease = decodeFast(encodeFast({ version: 1, client: names[3], requestId: 1, firstIncomplete: 0, now: 1, lease: { consumer: names[4], count: 1, leaseMs: 1 } })!, 16)!
    assert.equal(lease.client, names[3])
    assert.equal(lease.lease?.consumer, names[4])
    assert.ok(seen.size > 400, 'most names seen, so slots were shared and replaced')
  })

  it('leaves to the generated codec what it does not handle', () => {
    const put = { version: 1, client: '', requestId: 0, firstIncomplete: 0, now: 5, put: { id: 'a', payload: new Uint8Array([1]), producer: '', delayUntil: 0 } }
    // Encoding: non-ASCII text, numbers the wire can't carry exactly, bodies off the hot path, two bodies.
    for (const c of [
      { ...put, put: { ...put.put, id: 'é' } },
      // Non-ASCII anywhere in any string (it is found while writing, after the buffer was sized).
      { ...put, client: 'client-\u0080' },
      { ...put, put: { ...put.put, producer: 'peer/😀' } },
      { ...put, put: { ...put.put, id: 'x'.repeat(100) + 'ÿ' } },
      { version: 1, client: '', requestId: 0, firstIncomplete: 0, now: 5, lease: { consumer: 'cé', count: 1, leaseMs: 1 } },
      { version: 1, client: '', requestId: 0, firstIncomplete: 0, now: 5, ack: { id: 'a', seq: 1, consumer: 'ç', term: 1, attempt: 1 } },
      { ...put, now: -1 },
      { ...put, now: 1.5 },
      { ...put, put: { ...put.put, maxDeliveries: 2 ** 32 } },
      { version: 1, client: '', requestId: 0, firstIncomplete: 0, now: 5, nack: { id: 'a', seq: 1, consumer: 'c', term: 1, attempt: 1, delayMs: 0, deadLetter: false } },
      { ...put, lease: { consumer: 'c', count: 1, leaseMs: 1 } }
    ]) assert.equal(encodeFast(c as QueueCommand), undefined, JSON.stringify(plain(c)))
    // Decoding: unknown field, a field twice, wrong wire type, overlong varint, truncation, non-ASCII, too many batch commands.
    const bytes = QueueCommand.encode(put)
    const nonAscii = QueueCommand.encode({ ...put, put: { ...put.put, id: 'é' } })
    const batch = QueueCommand.encode({ version: 1, client: '', requestId: 0, firstIncomplete: 0, now: 0, batch: { commands: [bytes, bytes] } })
    for (const b of [
      new Uint8Array([...bytes, 0xb0, 0x01, 0x01]), // field 22, varint
      new Uint8Array([...bytes, 0x28, 0x05]), // now again
      new Uint8Array([0x0a, 0x00]), // field 1 as bytes
      new Uint8Array([0x28, 0x85, 0x00]), // now = 5 in two bytes
      bytes.subarray(0, bytes.length - 1),
      nonAscii
    ]) assert.equal(decodeFast(b, 4096), undefined, Buffer.from(b).toString('hex'))
    assert.equal(decodeFast(batch, 1), undefined)
    assert.equal(decodeFast(batch, 2)?.batch?.commands.length, 2)
  })
})
