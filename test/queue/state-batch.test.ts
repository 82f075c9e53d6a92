// Batch entries: several commands in one Raft entry apply exactly as one entry each would.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidCommandError } from '../../src/queue/errors.js'
import { QueueCommand } from '../../src/queue/state/queue-state.js'
import { encodeBatch, encodeCommand, MAX_BATCH_COMMANDS, QueueStateMachine } from '../../src/queue/state/index.js'
import { decodedHereSize } from '../../src/queue/state/commands.js'
import type { BatchResult, CommandInput, Fence, LeaseResult, QueueResult } from '../../src/queue/state/index.js'
import { ReplicaStateMachine } from '../../src/queue/replica-state.js'
import { mulberry32 } from '../../src/testkit/index.js'
import { Harness, text } from './harness.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)
const cmd = (c: CommandInput): Uint8Array => encodeCommand(c)
const batch = (h: Harness, cmds: CommandInput[]): QueueResult[] => {
  const r = h.raw(encodeBatch(cmds.map(cmd))) as BatchResult
  assert.equal(r.command, 'batch')
  return r.results
}
/** Stats without the applied index (one batch entry vs one entry per command). */
const state = (sm: QueueStateMachine): unknown => ({ ...sm.stats(), lastIndex: 0 })

describe('queue state machine: batch entries', () => {
  it('applies each command of a batch as if it were an entry of its own', () => {
    // A random mix of commands, applied once one per entry and once in batches of random sizes.
    const rand = mulberry32(7)
    const one = new Harness({ dedupWindowMs: 50 })
    const many = new Harness({ dedupWindowMs: 50 })
    const cmds: CommandInput[] = []
    const single: QueueResult[] = []
    const fences: Fence[] = []
    let now = 1_000_000
    for (let i = 0; i < 600; i++) {
      now += Math.floor(rand() * 20)
      const id = `m${Math.floor(rand() * 60)}`
      const r = rand()
      // Acks and nacks name fences handed out earlier: some still hold, some went stale.
      const fence = fences[Math.floor(rand() * fences.length)]
      let c: CommandInput
      if (r < 0.35) c = { now, put: { id, payload: bytes(id), delayUntil: rand() < 0.2 ? now + 30 : 0 } }
      else if (r < 0.55) c = { now, lease: { consumer: `c${Math.floor(rand() * 3)}`, count: 1 + Math.floor(rand() * 4), leaseMs: 40 } }
      else if (r < 0.65 || fence === undefined) c = { now, expire: { max: 0 } }
      else if (r < 0.9) c = { now, ack: fence }
      else c = { now, nack: { ...fence, delayMs: rand() < 0.5 ? 10 : 0 }, client: 'k', requestId: i + 1 }
      cmds.push(c)
      const res = one.raw(cmd(c))
      single.push(res)
      if (res.command === 'lease') fences.push(...res.deliveries)
    }
    assert.ok(single.some(r => r.command === 'ack' && r.status === 'acked') && single.some(r => r.command === 'ack' && r.status === 'stale'))
    const batched: QueueResult[] = []
    for (let i = 0; i < cmds.length;) {
      const n = 1 + Math.floor(rand() * 12)
      batched.push(...batch(many, cmds.slice(i, i + n)))
      i += n
    }
    assert.deepEqual(batched, single)
    assert.deepEqual(state(many.sm), state(one.sm))
    assert.deepEqual(many.sm.leased(), one.sm.leased())
  })

  it('applies its own encoded arrays (decoded once, when encoded) exactly as the same bytes decoded on another replica', () => {
    // The owner applies the arrays it proposed and reuses the decode made at encoding; every other
    // replica decodes copies. Both must answer and end the same, retries and sessions included.
    const rand = mulberry32(11)
    const owner = new Harness({ dedupWindowMs: 50, maxResultsPerClient: 8 })
    const replica = new Harness({ dedupWindowMs: 50, maxResultsPerClient: 8 })
    const fences: Fence[] = []
    let now = 1_000_000
    let requestId = 0
    for (let round = 0; round < 80; round++) {
      const cmds: Uint8Array[] = []
      for (let i = 1 + Math.floor(rand() * 10); i > 0; i--) {
        now += Math.floor(rand() * 20)
        const id = `m${Math.floor(rand() * 40)}`
        const fence = fences[Math.floor(rand() * fences.length)]
        // Some requests are retried with the same request id (a client session answers them again).
        const retry = rand() < 0.15 && requestId > 0
        const session = { client: `k${Math.floor(rand() * 2)}`, requestId: retry ? requestId : ++requestId, firstIncomplete: Math.max(1, requestId - 4) }
        const r = rand()
        if (r < 0.4) cmds.push(cmd({ now, ...session, put: { id, payload: bytes(id) } }))
        else if (r < 0.6) cmds.push(cmd({ now, lease: { consumer: 'c', count: 1 + Math.floor(rand() * 3), leaseMs: 40 } }))
        else if (fence !== undefined && r < 0.9) cmds.push(cmd({ now, ...session, ack: fence }))
        else cmds.push(cmd({ now, expire: { max: 0 } }))
      }
      const data = cmds.length === 1 && rand() < 0.5 ? cmds[0] : encodeBatch(cmds)
      const mine = owner.raw(data)
      const theirs = replica.raw(data.slice())
      assert.deepEqual(mine, theirs)
      for (const res of mine.command === 'batch' ? mine.results : [mine]) if (res.command === 'lease') fences.push(...res.deliveries)
    }
    assert.ok(fences.length > 0)
    assert.deepEqual(owner.sm.snapshot(), replica.sm.snapshot())
    // Once applied, the same arrays decode again (the decode is used once): a third replica agrees.
    const third = new QueueStateMachine({ dedupWindowMs: 50, maxResultsPerClient: 8 })
    for (const e of owner.log) third.apply(e)
    assert.deepEqual(third.snapshot(), owner.sm.snapshot())
  })

  it('keeps the decodes of commands never applied here (proposals lost with leadership) within a byte bound', () => {
    const big = new Uint8Array(1024 * 1024).fill(1)
    for (let i = 0; i < 100; i++) cmd({ now: 1, put: { id: `lost-${i}`, payload: big } })
    const { count, bytes } = decodedHereSize()
    assert.ok(bytes <= 64 * 1024 * 1024 && count < 100, `${count} decodes of ${bytes} bytes kept`)
    // Whatever was forgotten is simply decoded again when applied.
    const h = new Harness()
    const r = h.raw(cmd({ now: 1, put: { id: 'kept', payload: big } }))
    assert.equal(r.command === 'put' && r.status, 'ok')
  })

  it('deduplicates inside a batch: the second put of an id answers with the first seq and stores nothing', () => {
    const h = new Harness()
    const [a, b, c] = batch(h, [
      { now: h.clock, put: { id: 'x', payload: bytes('first') } },
      { now: h.clock, put: { id: 'x', payload: bytes('second') } },
      { now: h.clock, put: { id: 'y', payload: bytes('y') } }
    ])
    assert.deepEqual(a, { command: 'put', status: 'ok', id: 'x', seq: 1, duplicate: false })
    assert.deepEqual(b, { command: 'put', status: 'ok', id: 'x', seq: 1, duplicate: true })
    assert.deepEqual(c, { command: 'put', status: 'ok', id: 'y', seq: 2, duplicate: false })
    assert.equal(text(h.sm.get('x')?.payload), 'first')
    assert.equal(h.sm.stats().length, 2)
    assert.equal(h.sm.stats().totals.duplicates, 1)
  })

  it('applies in order: a lease sees the puts before it, an ack the lease before it', () => {
    const h = new Harness()
    const [, lease] = batch(h, [
      { now: h.clock, put: { id: 'a', payload: bytes('a') } },
      { now: h.clock, lease: { consumer: 'c', count: 5, leaseMs: 1000 } },
      { now: h.clock, put: { id: 'b', payload: bytes('b') } }
    ]) as [QueueResult, LeaseResult, QueueResult]
    assert.deepEqual(lease.deliveries.map(d => d.id), ['a'])
    const d = lease.deliveries[0]
    const [ack, again] = batch(h, [{ now: h.clock, ack: d }, { now: h.clock, ack: d }])
    assert.equal(ack.status, 'acked')
    assert.equal(again.status, 'alreadyAcked')
    assert.equal(h.sm.stats().ready, 1)
  })

  it("keeps each command's own clock and client session", () => {
    const h = new Harness()
    const t = h.clock
    const [put, early, late, retry] = batch(h, [
      { now: t, put: { id: 'd', payload: bytes('d'), delayUntil: t + 100 } },
      { now: t + 50, lease: { consumer: 'c', count: 1, leaseMs: 1000 } },
      { now: t + 100, lease: { consumer: 'c', count: 1, leaseMs: 1000 }, client: 'k', requestId: 1 },
      { now: t + 100, lease: { consumer: 'c', count: 1, leaseMs: 1000 }, client: 'k', requestId: 1 }
    ]) as [QueueResult, LeaseResult, LeaseResult, LeaseResult]
    assert.equal(put.status, 'ok')
    assert.deepEqual(early.deliveries, [], 'still delayed at t+50')
    assert.deepEqual(late.deliveries.map(d => d.id), ['d'], 'released by the clock of the third command')
    assert.deepEqual(retry, late, 'the retried request answers with its cached result')
    assert.equal(h.sm.stats().totals.delivered, 1)
  })

  it('answers an invalid command, or a batch inside a batch, as invalid and applies the rest', () => {
    const h = new Harness()
    const nested = encodeBatch([cmd({ now: h.clock, put: { id: 'n', payload: bytes('n') } })])
    const bad = QueueCommand.encode({ version: 1, now: 1, lease: { consumer: 'c', count: 0, leaseMs: 10 } })
    const r = h.raw(encodeBatch([cmd({ now: h.clock, put: { id: 'a', payload: bytes('a') } }), nested, bad, new Uint8Array([0xff, 0xff]), cmd({ now: h.clock, put: { id: 'b', payload: bytes('b') } })])) as BatchResult
    assert.deepEqual(r.results.map(x => x.command === 'invalid' ? `invalid ${x.attempted}` : x.status), ['ok', 'invalid batch', 'invalid lease', 'invalid unknown', 'ok'])
    assert.equal(h.sm.get('n'), undefined)
    assert.equal(h.sm.stats().length, 2)
  })

  it('refuses an empty batch and one over the limit', () => {
    assert.throws(() => encodeBatch([]), InvalidCommandError)
    const h = new Harness()
    const c = cmd({ now: h.clock, expire: { max: 0 } })
    assert.throws(() => encodeBatch(new Array(MAX_BATCH_COMMANDS + 1).fill(c)), InvalidCommandError)
    const tooMany = QueueCommand.encode({ version: 1, now: 0, batch: { commands: new Array(MAX_BATCH_COMMANDS + 1).fill(c) } })
    const empty = QueueCommand.encode({ version: 1, now: 0, batch: { commands: [] } })
    const [over, none] = [h.raw(tooMany), h.raw(empty)]
    assert.ok(over.command === 'invalid' && over.message === 'undecodable queue command', JSON.stringify(over))
    assert.ok(none.command === 'invalid' && none.attempted === 'batch', JSON.stringify(none))
    assert.equal(h.sm.stats().totals.put, 0)
  })

  it('a replica hands each command its own result, with the payloads a lease handed out', () => {
    const replica = new ReplicaStateMachine({})
    const seen: string[] = []
    replica.onApplied = r => { seen.push(r.command) }
    const now = 5000
    const r = replica.apply({
      index: 1,
      term: 3,
      type: 'normal',
      data: encodeBatch([
        cmd({ now, put: { id: 'a', payload: bytes('pa') } }),
        cmd({ now, lease: { consumer: 'c', count: 2, leaseMs: 100 } }),
        cmd({ now, put: { id: 'b', payload: bytes('pb') } }),
        cmd({ now, lease: { consumer: 'c', count: 2, leaseMs: 100 } })
      ])
    })
    assert.deepEqual(seen, ['put', 'lease', 'put', 'lease'])
    assert.equal(r.parts?.length, 4)
    assert.deepEqual(r.parts?.map(p => p.result.command), ['put', 'lease', 'put', 'lease'])
    assert.deepEqual(r.parts?.[1].payloads?.map(text), ['pa'])
    assert.deepEqual(r.parts?.[3].payloads?.map(text), ['pb'])
    // A single command is answered as before: no parts.
    const single = replica.apply({ index: 2, term: 3, type: 'normal', data: cmd({ now, expire: {} }) })
    assert.equal(single.parts, undefined)
    assert.equal(single.result.command, 'expire')
  })
})
