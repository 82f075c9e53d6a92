// The hand-written snapshot encoder must write exactly the generated codec's bytes for any state,
// falling back to it (same bytes again) for what it does not handle.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { QueueSnapshot } from '../../src/queue/state/queue-state.js'
import { encodeSnapshot, toSnapshotRecord } from '../../src/queue/state/snapshot-codec.js'
import type { SnapshotMessage, SnapshotSource } from '../../src/queue/state/snapshot-codec.js'
import { QueueStateMachine } from '../../src/queue/state/index.js'
import { encodeCommand } from '../../src/queue/state/commands.js'
import type { CommandInput } from '../../src/queue/state/commands.js'
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
})
