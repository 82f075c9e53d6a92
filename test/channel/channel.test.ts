import { describe, it, mock } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { MemoryBus } from './memory-port.js'
import { ChannelHub, ChannelEnvelope, ChannelOverflowError, EncodeError, rawCodec, type Channel, type Codec, type Gap } from '../../src/channel/index.js'
import { ClosedError, InvalidOptionError, MessageTooLargeError, TimeoutError } from '../../src/errors.js'

const TOPIC = (n: string): string => `meshchan/ch/${n}`
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v))
const tick = async (): Promise<void> => { await new Promise(resolve => setImmediate(resolve)) }

function mesh (...ids: string[]) {
  const bus = new MemoryBus()
  const hubs = Object.fromEntries(ids.map(id => [id, new ChannelHub(bus.port(id))])) as Record<string, ChannelHub>
  return { bus, hubs, port: (id: string) => bus.ports.get(id)! }
}

async function take<T> (ch: Channel<T>, n: number): Promise<T[]> {
  const out: T[] = []
  for await (const v of ch) { out.push(v); if (out.length === n) break }
  return out
}

const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => i + from)

describe('Channel over an in-memory bus', () => {
  it('delivers every message to every receiving object, local ones included, once, in order', async () => {
    const { hubs } = mesh('A', 'B', 'C')
    const atA = hubs.A!.channel<number>('feed', { subscribe: true })
    const atB1 = hubs.B!.channel<number>('feed', { subscribe: true })
    const atB2 = hubs.B!.channel<number>('feed', { subscribe: true })
    const atC = hubs.C!.channel<number>('feed', { subscribe: true })
    const tx = hubs.A!.channel<number>('feed')
    const got = [atA, atB1, atB2, atC].map(async ch => take(ch, 50))
    const counts = await Promise.all(range(50).map(async i => tx.send(i)))
    assert.deepEqual(new Set(counts), new Set([3]), 'B and C remote, plus the local receiver')
    for (const g of await Promise.all(got)) assert.deepEqual(g, range(50))
    for (const ch of [atA, atB1, atB2, atC]) {
      const s = ch.stats()
      assert.equal(s.received, 50)
      assert.equal(s.delivered, 50)
      assert.equal(s.gaps, 0)
      assert.equal(s.duplicates, 0)
    }
    assert.equal(tx.stats().received, 0, 'a send-only object buffers nothing')
    assert.equal(tx.stats().sent, 50)
    const m = await (async () => { const p = atB1.recvMessage(); await tx.send(99); return await p })()
    assert.equal(m.from, 'A')
    assert.equal(m.seq, 51)
    assert.equal(m.epoch, hubs.A!.epoch)
    assert.equal(typeof m.receivedAt, 'number')
    await Promise.all(Object.values(hubs).map(async h => h.close()))
  })

  it('coalesces sends within the linger into few publishes, keeping order, within the byte bound', async () => {
    const { bus, hubs } = mesh('A', 'B')
    const rx = hubs.B!.channel<number>('co', { subscribe: true })
    const tx = hubs.A!.channel<number>('co', { linger: 5 })
    const got = take(rx, 500)
    await Promise.all(range(500).map(async i => tx.send(i)))
    assert.deepEqual(await got, range(500))
    assert.equal(bus.published.length, 1, '500 small sends in one linger → one envelope')
    assert.equal(tx.stats().sentBatches, 1)

    const big = hubs.A!.channel<string>('co-big', { linger: 5, maxBatchBytes: 4096 })
    const rxBig = hubs.B!.channel<string>('co-big', { subscribe: true })
    const before = bus.published.length
    const payload = (i: number): string => `${i}:${'x'.repeat(500)}`
    const gotBig = take(rxBig, 40)
    await Promise.all(range(40).map(async i => big.send(payload(i))))
    assert.deepEqual(await gotBig, range(40).map(payload))
    const envelopes = bus.published.slice(before)
    assert.ok(envelopes.length >= 5 && envelopes.length < 40, `${envelopes.length} envelopes`)
    for (const e of envelopes) assert.ok(e.data.length <= 4096, `${e.data.length} bytes`)
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('keeps per-sender order when the network reorders and duplicates', async () => {
    const { bus, hubs } = mesh('A', 'B')
    const rx = hubs.B!.channel<number>('ord', { subscribe: true })
    const tx = hubs.A!.channel<number>('ord', { linger: 0, maxBatchCount: 1 })
    await tx.send(0) // sets the starting point
    assert.equal(await rx.recv(), 0)
    bus.intercept = () => 'hold'
    await Promise.all(range(20, 1).map(async i => tx.send(i)))
    assert.equal(bus.held.length, 20)
    bus.intercept = () => 'duplicate'
    bus.release({ reverse: true })
    bus.release() // nothing left
    for (const d of [...bus.published.slice(-5)]) bus.deliverNow({ from: 'A', to: 'B', topic: d.topic, data: d.data })
    assert.deepEqual(await take(rx, 20), range(20, 1))
    assert.equal(rx.stats().gaps, 0)
    assert.equal(rx.stats().duplicates, 5)
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('reports a gap (event + counter) when a message is lost: count bound', async () => {
    const { bus, hubs } = mesh('A', 'B')
    const rx = hubs.B!.channel<number>('gap', { subscribe: true, holdBack: { maxMessages: 3 } })
    const tx = hubs.A!.channel<number>('gap', { linger: 0, maxBatchCount: 1 })
    const gaps: Gap[] = []
    rx.on('gap', g => gaps.push(g))
    let n = 0
    bus.intercept = () => (++n === 3 ? 'drop' : 'deliver') // lose seq 3
    for (const i of range(7, 1)) await tx.send(i)
    assert.deepEqual(await take(rx, 6), [1, 2, 4, 5, 6, 7], 'holding 4 > 3 messages gives up seq 3 at once')
    assert.deepEqual(gaps, [{ sender: 'A', epoch: hubs.A!.epoch, fromSeq: 3, toSeq: 3 }])
    assert.equal(rx.stats().gaps, 1)
    assert.equal(rx.stats().missed, 1)
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('reports a gap when a missing message does not arrive in time: time bound', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] })
    try {
      const { bus, hubs } = mesh('A', 'B')
      const rx = hubs.B!.channel<number>('gap-t', { subscribe: true, holdBack: { maxDelay: 1000 } })
      const tx = hubs.A!.channel<number>('gap-t', { linger: 0, maxBatchCount: 1 })
      let n = 0
      bus.intercept = () => (++n === 2 ? 'drop' : 'deliver')
      for (const i of range(3, 1)) await tx.send(i)
      assert.equal(await rx.recv(), 1)
      const gap = once(rx, 'gap')
      const next = rx.recv()
      mock.timers.tick(999)
      await tick()
      assert.equal(rx.stats().gaps, 0)
      mock.timers.tick(1)
      assert.equal(await next, 3)
      assert.deepEqual((await gap)[0], { sender: 'A', epoch: hubs.A!.epoch, fromSeq: 2, toSeq: 2 })
      assert.equal(rx.stats().gaps, 1)
      await hubs.A!.close(); await hubs.B!.close()
    } finally {
      mock.timers.reset()
    }
  })

  it('a new epoch restarts sequencing; a late joiner gets no gap for history', async () => {
    const { bus, hubs } = mesh('B')
    const rx = hubs.B!.channel<string>('ep', { subscribe: true })
    const env = (epoch: string, seq: number, ...vals: string[]) =>
      ChannelEnvelope.encode({ version: 1, codec: 'json', epoch, seq, payloads: vals.map(enc) as any })
    bus.inject('B', TOPIC('ep'), 'X', env('7', 100, 'a', 'b')) // joins mid-stream
    bus.inject('B', TOPIC('ep'), 'X', env('7', 102, 'c'))
    bus.inject('B', TOPIC('ep'), 'X', env('8', 1, 'restarted')) // same peer, restarted
    bus.inject('B', TOPIC('ep'), 'X', env('8', 2, 'd'))
    const ms = [await rx.recvMessage(), await rx.recvMessage(), await rx.recvMessage(), await rx.recvMessage(), await rx.recvMessage()]
    assert.deepEqual(ms.map(m => `${m.epoch}:${m.seq}:${m.value}`), ['7:100:a', '7:101:b', '7:102:c', '8:1:restarted', '8:2:d'])
    assert.equal(rx.stats().gaps, 0)
    assert.ok(ms.every(m => m.from === 'X'))
    // what a plain gossipsub program would publish, epoch omitted (0)
    bus.inject('B', TOPIC('ep'), 'Y', ChannelEnvelope.encode({ version: 1, codec: 'json', seq: 1, payloads: [enc('plain')] as any }))
    const plain = await rx.recvMessage()
    assert.deepEqual([plain.value, plain.epoch, plain.seq], ['plain', '0', 1])
    await hubs.B!.close()
  })

  it('codecs round-trip through a channel: raw and custom', async () => {
    const { hubs } = mesh('A', 'B')
    const rawRx = hubs.B!.channel('raw', { codec: rawCodec, subscribe: true })
    await hubs.A!.channel('raw', { codec: rawCodec }).send(new Uint8Array([1, 2, 3]))
    assert.deepEqual(await rawRx.recv(), new Uint8Array([1, 2, 3]))
    const dates: Codec<Date> = {
      name: 'date',
      encode: d => enc(d.getTime()),
      decode: b => new Date(JSON.parse(new TextDecoder().decode(b)) as number)
    }
    const dRx = hubs.B!.channel('dates', { codec: dates, subscribe: true })
    const dLocal = hubs.A!.channel('dates', { codec: dates, subscribe: true })
    await hubs.A!.channel('dates', { codec: dates }).send(new Date(1234))
    for (const v of [await dRx.recv(), await dLocal.recv()]) {
      assert.ok(v instanceof Date)
      assert.equal(v.getTime(), 1234)
    }
    await assert.rejects(hubs.A!.channel('json').send(10n as any, { wait: false }), EncodeError)
    assert.throws(() => hubs.A!.channel('dates'), InvalidOptionError, 'same name, another codec')
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('rejects and counts bad envelopes and payloads without ending an iterator', async () => {
    const { bus, hubs } = mesh('B')
    const rx = hubs.B!.channel<{ ok: number }>('bad', { maxMessageSize: 64 })
    const it = rx.messages()
    const first = it.next()
    const invalid: string[] = []
    rx.on('invalid', e => invalid.push(e.reason))
    const inject = (data: Uint8Array) => { bus.inject('B', TOPIC('bad'), 'Z', data) }
    const env = (o: Partial<ChannelEnvelope>) => ChannelEnvelope.encode({ version: 1, codec: 'json', epoch: '5', seq: 1, payloads: [enc({ ok: 1 })] as any, ...o } as any)
    inject(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))
    inject(env({ version: 2 }))
    inject(env({ codec: 'raw' }))
    inject(env({ payloads: [new TextEncoder().encode('{nope')] as any }))
    inject(env({ seq: 3, payloads: [] })) // a sequence marker: valid, sets the starting point at 3
    inject(env({ payloads: [enc('y'.repeat(100))] as any }))
    inject(env({ seq: Number.MAX_SAFE_INTEGER, payloads: [enc({ ok: 0 }), enc({ ok: 0 })] as any })) // last seq unsafe
    inject(env({ seq: 3 }))
    assert.deepEqual((await first).value?.value, { ok: 1 })
    assert.deepEqual(bus.verdicts, ['reject', 'reject', 'reject', 'reject', 'accept', 'reject', 'reject', 'accept'])
    assert.deepEqual(invalid, ['malformed', 'version', 'codec', 'payload', 'size', 'sequence'])
    assert.deepEqual(rx.stats().invalid, { malformed: 1, version: 1, codec: 1, sequence: 1, size: 1, payload: 1 })
    assert.equal(rx.stats().gaps, 0)
    inject(env({ seq: 4, payloads: [enc({ ok: 2 })] as any }))
    assert.deepEqual((await it.next()).value?.value, { ok: 2 }, 'the iterator goes on')
    await hubs.B!.close()
  })

  it('refuses an over-size message at send with MessageTooLargeError, publishing nothing', async () => {
    const { bus, hubs } = mesh('A', 'B')
    hubs.B!.channel('size', { subscribe: true })
    const tx = hubs.A!.channel<string>('size', { maxMessageSize: 100 })
    await assert.rejects(tx.send('z'.repeat(200)), (e: unknown) => e instanceof MessageTooLargeError && e.limit === 100)
    assert.equal(bus.published.length, 0)
    assert.equal(tx.stats().sent, 0)
    assert.equal(await tx.send('z'.repeat(90)), 1)
    const small = new MemoryBus().port('S', 1000)
    assert.throws(() => new ChannelHub(small).channel('x', { maxMessageSize: 2000 }), InvalidOptionError)
    assert.ok(new ChannelHub(small).channel('x').maxMessageSize < 1000, 'default lowered to what the port carries')
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('send waits for a receiver (awaited event), honours timeout and AbortSignal; wait:false does not wait', async () => {
    const { bus, hubs } = mesh('A', 'B')
    const tx = hubs.A!.channel<string>('w')
    await assert.rejects(tx.send('t', { timeout: 20 }), TimeoutError)
    const ac = new AbortController()
    const aborted = tx.send('a', { signal: ac.signal, timeout: Infinity })
    ac.abort()
    await assert.rejects(aborted, TimeoutError)
    assert.equal(bus.published.length, 0, 'nothing sent by timed-out or aborted sends')
    assert.equal(await tx.send('nobody', { wait: false }), 0)
    assert.equal(bus.published.length, 1)

    let resolved = false
    const p1 = tx.send('first', { timeout: Infinity }).then(n => { resolved = true; return n })
    const p2 = tx.send('second', { timeout: Infinity })
    await tick(); await tick()
    assert.equal(resolved, false, 'no receiver yet')
    const rx = hubs.B!.channel<string>('w')
    const got = take(rx, 2) // subscribing fires the subscriber-change event the sends wait for
    assert.deepEqual([await p1, await p2], [1, 1])
    assert.deepEqual(await got, ['first', 'second'])
    assert.equal(bus.ports.get('A')!.listenerCount(TOPIC('w')), 1, 'only the topic\'s own listener is left')

    // a local receiver counts too
    const local = hubs.A!.channel<string>('w-local')
    const pl = hubs.A!.channel<string>('w-local').send('hi', { timeout: Infinity })
    assert.equal(await local.recv(), 'hi')
    assert.equal(await pl, 1)
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('waitForReceivers(n) resolves when n remote peers subscribe', async () => {
    const { hubs } = mesh('A', 'B', 'C')
    const tx = hubs.A!.channel('n')
    const waiting = tx.waitForReceivers(2, { timeout: 1000 })
    hubs.B!.channel('n').subscribe()
    assert.equal(tx.remoteReceivers, 1)
    hubs.C!.channel('n').subscribe()
    await waiting
    await assert.rejects(tx.waitForReceivers(3, { timeout: 10 }), TimeoutError)
    await Promise.all(Object.values(hubs).map(async h => h.close()))
  })

  it('overflow policies: drop-oldest, drop-newest, error (counted, evented)', async () => {
    for (const [overflow, expected] of [['drop-oldest', [3, 4]], ['drop-newest', [0, 1]]] as const) {
      const { hubs } = mesh('A', 'B')
      const rx = hubs.B!.channel<number>('of', { subscribe: true, bufferSize: 2, overflow })
      let events = 0
      rx.on('overflow', e => { events++; assert.equal(e.policy, overflow) })
      const tx = hubs.A!.channel<number>('of')
      await Promise.all(range(5).map(async i => tx.send(i)))
      assert.deepEqual([await rx.recv(), await rx.recv()], expected)
      assert.equal(rx.stats().dropped, 3)
      assert.equal(events, 3)
      await hubs.A!.close(); await hubs.B!.close()
    }
    const { hubs } = mesh('A', 'B')
    const rx = hubs.B!.channel<number>('of', { subscribe: true, bufferSize: 2, overflow: 'error' })
    const tx = hubs.A!.channel<number>('of')
    await Promise.all(range(5).map(async i => tx.send(i)))
    const seen: Array<number | string> = []
    for (;;) {
      try {
        for await (const v of rx) { seen.push(v); if (v === 5) break }
        break
      } catch (e) {
        assert.ok(e instanceof ChannelOverflowError)
        seen.push(`lost ${e.dropped}`)
        void tx.send(5)
      }
    }
    assert.deepEqual(seen, [0, 1, 'lost 3', 5])
    assert.equal(rx.stats().dropped, 3)
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('several iterators on one channel object share its messages', async () => {
    const { hubs } = mesh('A', 'B')
    const rx = hubs.B!.channel<number>('share', { subscribe: true })
    const tx = hubs.A!.channel<number>('share')
    const a: number[] = []; const b: number[] = []
    const loop = async (out: number[]) => { for await (const v of rx) out.push(v) }
    const loops = [loop(a), loop(b)]
    await Promise.all(range(40).map(async i => tx.send(i)))
    await tick()
    assert.equal(a.length + b.length, 40)
    assert.ok(a.length > 0 && b.length > 0)
    assert.deepEqual([...a, ...b].sort((x, y) => x - y), range(40))
    await rx.close()
    await Promise.all(loops) // both loops end on close
    await hubs.A!.close(); await hubs.B!.close()
  })

  it('close: iterators end, pending recv rejects, send rejects, the hub unsubscribes after the last receiver', async () => {
    const { hubs, port } = mesh('A', 'B')
    const r1 = hubs.B!.channel<number>('cl')
    const r2 = hubs.B!.channel<number>('cl')
    const tx = hubs.B!.channel<number>('cl')
    const it = r1[Symbol.asyncIterator]()
    const pendingIt = it.next()
    const pendingRecv = r1.recv()
    r2.subscribe()
    assert.deepEqual(port('B').calls, ['subscribe meshchan/ch/cl'], 'one subscription for the name')
    await r1.close()
    assert.deepEqual(await pendingIt, { done: true, value: undefined })
    await assert.rejects(pendingRecv, ClosedError)
    await assert.rejects(r1.recv(), ClosedError)
    await assert.rejects(r1.send(1), ClosedError)
    assert.deepEqual(port('B').calls, ['subscribe meshchan/ch/cl'], 'r2 still receives')
    await r2.close()
    assert.deepEqual(port('B').calls, ['subscribe meshchan/ch/cl', 'unsubscribe meshchan/ch/cl'])
    const waiting = tx.send(1, { timeout: Infinity })
    await tx.close()
    await assert.rejects(waiting, ClosedError)
    await hubs.A!.close(); await hubs.B!.close()
    assert.throws(() => hubs.A!.channel('late'), ClosedError)
  })

  it('validates channel names and options', () => {
    const hub = new ChannelHub(new MemoryBus().port('A'))
    for (const bad of ['', 'a b', 'tab\t', 'x'.repeat(129), 'nul\u0000']) assert.throws(() => hub.channel(bad), InvalidOptionError, JSON.stringify(bad))
    assert.equal(hub.channel('news/eu-west.1').topic, 'meshchan/ch/news/eu-west.1')
    assert.throws(() => hub.channel('o', { overflow: 'nope' as any }), InvalidOptionError)
    assert.throws(() => hub.channel('o', { bufferSize: 0 }), InvalidOptionError)
    assert.throws(() => hub.channel('o', { linger: -1 }), InvalidOptionError)
    assert.throws(() => hub.channel('o', { maxBatchBytes: 10 * 1024 * 1024 }), InvalidOptionError)
  })
})
