// The hand-written snapshot encoder must write exactly the generated codec's bytes for any state,
// falling back to it (same bytes again) for what it does not handle.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { QueueSnapshot } from '../../src/queue/state/queue-state.js'
import { encodeSnapshot, toSnapshotRecord } from '../../src/queue/state/snapshot-codec.js'
import type { SnapshotMessage, SnapshotSource } from '../../src/queue/state/snapshot-codec.js'
import { QueueStateMachine } from '../../src/queue/state/index.js'
import { encodeCommand } from '../../src/queue/state/commands.js'
import type { CommandBody, CommandInput, CommandMeta } from '../../src/queue/state/commands.js'
import { mulberry32 } from '../../src/testkit/index.js'

const SEED = Number(process.env.SNAPSHOT_CODEC_SEED ?? Date.now() % 1_000_000)

function randomSource (rand: () => number): SnapshotSource {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
  const count = (max: number): number => Math.floor(rand() * (max + 1))
  const big = (): number => pick([0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, 1_763_780_000_000, 2 ** 53 - 1])
  const small = (): number => pick([0, 1, 127, 128, 65_535, 2 ** 31, 0xffffffff])
  // Mostly ASCII; now and then a string the fast path leaves to the generated codec.
  const text = (): string => rand() < 0.02 ? pick(['é', 'naïve-id', '日本', '\ud83d\ude00']) : pick(['', 'a', 'm-17', 'x'.repeat(40), '12D3KooWLdLZ1k5SXpXNFhVQNzkWPHbVWMMfSDpsSrzRHZEcfsMN/123'])
  const lease = (): SnapshotMessage['lease'] => pick([null, undefined, { consumer: text(), term: big(), attempt: small(), deadline: big(), leasedAt: big() }])
  const message = (): SnapshotMessage => ({
    id: text(),
    seq: big(),
    payload: new Uint8Array(pick([0, 1, 200, 300])).map((_, i) => i),
    producer: text(),
    enqueuedAt: big(),
    delayUntil: big(),
    maxDeliveries: pick([undefined, 0, 1, 5, 0xffffffff]),
    attempt: small(),
    deliveries: small(),
    lease: lease(),
    history: Array.from({ length: count(3) }, () => ({ attempt: small(), consumer: text(), term: big(), leasedAt: big(), deadline: big(), endedAt: big(), outcome: pick(['', 'expired', 'nacked', 'rejected']) })),
    deadReason: pick(['', 'maxDeliveries', 'rejected']),
    deadAt: big()
  })
  const messages = (): SnapshotMessage[] => Array.from({ length: count(4) }, message)
  const map = <V>(make: () => V): Map<string, V> => new Map(Array.from({ length: count(4) }, (_, i) => [`${text()}#${i}`, make()]))
  return {
    lastIndex: big(),
    lastTerm: big(),
    clock: big(),
    nextSeq: big(),
    config: { maxLength: big(), maxBytes: big(), maxDeliveries: small(), dedupWindowMs: big(), maxDedupEntries: big(), maxDead: big(), sessionTtlMs: big(), maxSessions: big(), maxResultsPerClient: big() },
    fresh: messages(),
    redeliver: messages(),
    delayed: messages(),
    leased: messages(),
    dead: messages(),
    dedup: map(() => ({ seq: big(), at: big() })),
    acked: map(() => ({ seq: big(), consumer: text(), term: big(), attempt: small(), at: big() })),
    sessions: Array.from({ length: count(3) }, () => ({ client: text(), floor: big(), lastSeen: big(), results: Array.from({ length: count(3) }, () => ({ requestId: big(), json: JSON.stringify({ command: 'put', status: 'ok', id: text(), n: 'y'.repeat(count(80)) }) })) })),
    totals: { put: big(), duplicates: big(), rejectedFull: big(), delivered: big(), acked: big(), expired: big(), nacked: big(), deadLettered: big(), deadDropped: big(), stale: big() }
  }
}

describe('queue snapshot codec', () => {
  it(`writes exactly the generated codec's bytes for random states (SNAPSHOT_CODEC_SEED=${SEED})`, () => {
    const rand = mulberry32(SEED)
    let fellBack = 0
    for (let i = 0; i < 2000; i++) {
      const source = randomSource(rand)
      const expected = QueueSnapshot.encode(toSnapshotRecord(source))
      const got = encodeSnapshot(source)
      assert.deepEqual(Buffer.from(got), Buffer.from(expected), `state ${i} (seed ${SEED})`)
      if (JSON.stringify(toSnapshotRecord(source), (_k, v) => v instanceof Uint8Array ? undefined : v).match(/[^\x00-\x7f]/) !== null) fellBack++
    }
    assert.ok(fellBack > 0, 'some states had non-ASCII strings (the generated codec wrote those)')
  })

  it('leaves numbers it does not write (negative, fractional, too large) to the generated codec: same bytes or same error', () => {
    const rand = mulberry32(SEED + 1)
    const outcome = (f: () => Uint8Array): string => { try { return Buffer.from(f()).toString('hex') } catch (err) { return `throws ${(err as Error).name}` } }
    const sources: SnapshotSource[] = [{ clock: -1 }, { nextSeq: 1.5 }, { lastIndex: 2 ** 60 }].map(bad => ({ ...randomSource(rand), ...bad }))
    const tooLarge = randomSource(rand)
    tooLarge.fresh = [{ id: 'x', seq: 1, payload: new Uint8Array(1), producer: 'p', enqueuedAt: 1, delayUntil: 0, maxDeliveries: 2 ** 33, attempt: 0, deliveries: 0, lease: null, history: [], deadReason: '', deadAt: 0 }]
    sources.push(tooLarge)
    for (const source of sources) {
      assert.equal(outcome(() => encodeSnapshot(source)), outcome(() => QueueSnapshot.encode(toSnapshotRecord(source))))
    }
  })

  it('reads each collection twice without consuming it (a state machine snapshot restores to the same state)', () => {
    const sm = new QueueStateMachine({})
    let index = 0
    const apply = (cmd: CommandInput): void => { sm.apply({ index: ++index, term: 1, data: encodeCommand(cmd) }) }
    for (let i = 0; i < 50; i++) apply({ now: 1000 + i, client: 'c', requestId: i + 1, put: { id: `m${i}`, payload: new Uint8Array([i]), producer: 'p' } })
    apply({ now: 2000, lease: { consumer: 'k', count: 10, leaseMs: 5000 } })
    const snap = sm.snapshot()
    const back = QueueStateMachine.restore(snap)
    assert.deepEqual(back.stats(), sm.stats())
    assert.deepEqual(Buffer.from(back.snapshot()), Buffer.from(snap))
    assert.equal(sm.stats().ready, 40)
    assert.equal(sm.stats().leased, 10)
    assert.equal(sm.stats().dedupEntries, 50)
  })

  it(`in slices: the bytes of the state when it began, while commands go on being applied (SNAPSHOT_CODEC_SEED=${SEED})`, async () => {
    const rand = mulberry32(SEED + 1)
    const sm = new QueueStateMachine({ maxDeliveries: 3 })
    let index = 0
    let now = 1_000
    let put = 0
    const held: Array<{ id: string, seq: number, consumer: string, term: number, attempt: number }> = []
    const apply = (cmd: Omit<CommandMeta, 'now'> & CommandBody): void => {
      const r = sm.apply({ index: ++index, term: 1, data: encodeCommand({ now, ...cmd } as CommandInput) })
      if (r.command === 'lease') held.push(...r.deliveries)
    }
    // Every kind of change a snapshot copies: messages in each state, leases renewed (mutated in
    // place), histories growing, windows appended to and expiring.
    const step = (): void => {
      now += Math.floor(rand() * 20)
      const x = rand()
      const pickHeld = () => held.splice(Math.floor(rand() * held.length), 1)[0]
      if (x < 0.4 || (x >= 0.55 && held.length === 0)) apply({ client: 'c', requestId: ++put, put: { id: `m${put}`, payload: new Uint8Array([put & 0xff, 1, 2]), producer: 'p', delayUntil: rand() < 0.05 ? now + 500 : 0 } })
      else if (x < 0.55) apply({ lease: { consumer: `k${Math.floor(rand() * 3)}`, count: 1 + Math.floor(rand() * 8), leaseMs: rand() < 0.2 ? 300 : 100_000 } })
      else if (x < 0.7) { const d = pickHeld(); apply({ ack: d }) }
      else if (x < 0.8) { const d = pickHeld(); apply({ nack: { ...d, delayMs: rand() < 0.3 ? 200 : 0 } }) }
      else if (x < 0.92) { const d = held[Math.floor(rand() * held.length)]; apply({ extend: { ...d, ms: 100_000 + Math.floor(rand() * 100_000) } }) }
      else apply({ expire: {} })
    }
    for (let i = 0; i < 6_000; i++) step()
    const expected = Buffer.from(sm.snapshot())
    let settled = false
    const sliced = sm.snapshotInSlices(0).finally(() => { settled = true })
    let appliedMeanwhile = 0
    while (!settled) {
      for (let i = 0; i < 20; i++) step()
      appliedMeanwhile += 20
      await new Promise(resolve => setImmediate(resolve))
    }
    assert.ok(appliedMeanwhile >= 40, `commands applied while it was encoded: ${appliedMeanwhile}`)
    assert.notDeepEqual(Buffer.from(sm.snapshot()), expected, 'the state did change meanwhile')
    assert.deepEqual(Buffer.from(await sliced), expected)
    // The generated codec's fallback (an id it leaves to it) in slices too.
    apply({ client: 'c', requestId: ++put, put: { id: 'naïve', payload: new Uint8Array([1]) } })
    const fallback = Buffer.from(sm.snapshot())
    const slicedFallback = sm.snapshotInSlices(0)
    step()
    assert.deepEqual(Buffer.from(await slicedFallback), fallback)
  })
})
