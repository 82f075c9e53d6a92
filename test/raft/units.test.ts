// Unit tests of the core's pieces: quorum arithmetic, flow control, the log, the chunked
// snapshot protocol, config validation, membership encoding and the client dedup table.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { committedIndex, hasQuorum, majority, resolveRaftConfig, voteResult, applyChange, decodeMembership, encodeMembership, DEFAULT_RAFT_CONFIG, MembershipChangeError, type SnapshotMessage } from '../../src/raft/core/index.js'
import { Inflights, Progress } from '../../src/raft/core/progress.js'
import { RaftLog } from '../../src/raft/core/log.js'
import { SnapshotStream } from '../../src/raft/core/snapshot-stream.js'
import { SnapshotReceiver } from '../../src/raft/core/snapshot-receiver.js'
import { DedupTable } from '../../src/raft/dedup.js'
import { InvalidOptionError, DecodeError } from '../../src/errors.js'
import { Rng } from './sim/rng.js'
import { enc, entriesWithTerms, mkCore, drain, emptyState } from './helpers.js'

describe('quorum', () => {
  it('committedIndex is the largest index acknowledged by a majority', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 9 }), matches => {
      const ids = matches.map((_, i) => `v${i}`)
      const ci = committedIndex(ids, id => matches[Number(id.slice(1))]!)
      const acks = (i: number) => matches.filter(m => m >= i).length
      assert.ok(acks(ci) >= majority(ids.length))
      assert.ok(acks(ci + 1) < majority(ids.length))
    }))
  })

  it('voteResult decides once a majority granted or can no longer grant', () => {
    const v = ['a', 'b', 'c', 'd', 'e']
    assert.equal(voteResult(v, new Map([['a', true], ['b', true]])), 'pending')
    assert.equal(voteResult(v, new Map([['a', true], ['b', true], ['c', true]])), 'won')
    assert.equal(voteResult(v, new Map([['a', true], ['b', false], ['c', false], ['d', false]])), 'lost')
    assert.equal(voteResult(v, new Map([['x', true], ['y', true], ['z', true]])), 'pending', 'votes of non-voters do not count')
    assert.equal(voteResult([], new Map()), 'lost')
    assert.equal(hasQuorum(['a', 'b', 'c'], id => id !== 'c'), true)
    assert.equal(hasQuorum(['a', 'b', 'c'], id => id === 'c'), false)
  })
})

describe('flow control', () => {
  it('bounds in-flight appends by count and by bytes; acks free a prefix', () => {
    const f = new Inflights(3, 100)
    f.add(5, 10)
    f.add(8, 10)
    assert.equal(f.full(), false)
    f.add(9, 10)
    assert.equal(f.full(), true, 'count limit')
    f.freeLE(8)
    assert.equal(f.count, 1)
    assert.equal(f.bytes, 10)
    f.add(12, 95)
    assert.equal(f.full(), true, 'byte limit')
    f.freeFirst()
    assert.equal(f.count, 1)
    assert.equal(f.bytes, 95)
  })

  it('a follower in replicate state pipelines up to the window, then pauses', () => {
    const p = new Progress(1, false, 2, 0)
    p.becomeReplicate()
    assert.equal(p.isPaused(), false)
    p.sentEntries(3, 3, 30)
    p.sentEntries(5, 2, 20)
    assert.equal(p.isPaused(), true)
    assert.equal(p.next, 6, 'next moves optimistically')
    assert.equal(p.match, 0, 'match moves only on acks')
    assert.equal(p.maybeUpdate(3), true)
    p.inflights.freeLE(3)
    assert.equal(p.isPaused(), false)
  })

  it('a probe sends one append, then waits; stale rejections do not move next', () => {
    const p = new Progress(10, false, 8, 0)
    p.sentEntries(12, 3, 30)
    assert.equal(p.isPaused(), true)
    assert.equal(p.maybeDecrTo(5, 4), false, 'rejection of an append we did not just send')
    assert.equal(p.maybeDecrTo(9, 4), true)
    assert.equal(p.next, 5)
    assert.equal(p.isPaused(), false)
  })
})

describe('log', () => {
  it('findConflictByTerm skips whole terms', () => {
    const log = new RaftLog(0, 0, entriesWithTerms([1, 1, 2, 2, 2, 5, 5]), 0, 0)
    assert.equal(log.findConflictByTerm(7, 4), 5)
    assert.equal(log.findConflictByTerm(7, 1), 2)
    assert.equal(log.findConflictByTerm(7, 0), 0)
    assert.equal(log.findConflictByTerm(100, 9), 7)
  })

  it('only the still-matching prefix of a persisted batch counts as stable', () => {
    const log = new RaftLog(0, 0, [], 0, 0)
    log.append(entriesWithTerms([1, 1, 1, 1]))
    const handedOut = log.unstableEntries()
    // A conflict replaces 3..4 while the batch is being written.
    log.append([{ term: 2, index: 3, type: 'normal', data: enc('x') }])
    log.stableTo(handedOut)
    assert.equal(log.stable, 2)
    assert.deepEqual(log.unstableEntries().map(e => [e.index, e.term]), [[3, 2]])
  })

  it('refuses to overwrite committed entries or to start past its end', () => {
    const log = new RaftLog(0, 0, entriesWithTerms([1, 1, 1]), 2, 0)
    assert.throws(() => log.append([{ term: 2, index: 2, type: 'normal', data: enc('x') }]), { code: 'ERR_RAFT_USAGE' })
    assert.throws(() => log.append([{ term: 2, index: 9, type: 'normal', data: enc('x') }]), { code: 'ERR_RAFT_USAGE' })
    assert.throws(() => new RaftLog(0, 0, entriesWithTerms([1, 1]), 5, 0), /commit/)
  })

  it('restarts from a snapshot plus the entries after it, and from the applied index given', () => {
    const persisted = { hardState: { term: 3, vote: '', commit: 7 }, snapshot: { meta: { index: 5, term: 2, membership: { voters: ['a'], learners: [] } }, data: enc('s') }, entries: entriesWithTerms([1, 1, 1, 1, 2, 3, 3]).slice(5) }
    const c = mkCore('a', [], { persisted })
    assert.equal(c.snapshotIndex, 5)
    assert.equal(c.termAt(5), 2)
    assert.equal(c.lastIndex, 7)
    const rd = drain(c)
    assert.deepEqual(rd.flatMap(r => r.committedEntries).map(e => e.index), [6, 7], 'committed entries after the snapshot are applied again')
    assert.deepEqual(c.membership, { voters: ['a'], learners: [] }, 'membership comes from the snapshot')
  })
})

describe('chunked InstallSnapshot', () => {
  const meta = { index: 50, term: 3, membership: { voters: ['l', 'f'], learners: [] } }

  /** Streams a snapshot through a lossy, duplicating, reordering channel, maybe restarting the receiver. */
  function transfer (seed: number): { chunks: number, needed: number, restarts: number } {
    const rng = new Rng(seed)
    const size = rng.pick([0, 1, 15, 16, 17, 1000, 5000])
    const chunkSize = rng.pick([7, 16, 100, 4096])
    const data = new Uint8Array(size).map((_, i) => (i * 7 + seed) & 0xff)
    const stream = new SnapshotStream({ meta, data }, chunkSize, rng.pick([Infinity, 64, 1000]), rng.pick([1, 4, 32]))
    let receiver = new SnapshotReceiver()
    const drop = rng.pick([0, 0.1, 0.3])
    let wire: Array<{ at: number, kind: 'chunk', m: SnapshotMessage } | { at: number, kind: 'ack', offset: number, reject: boolean }> = []
    let now = 0
    let chunks = 0
    let restarts = 0
    const put = (x: typeof wire[number]) => {
      if (rng.chance(drop)) return
      wire.push(x)
      if (rng.chance(0.1)) wire.push({ ...x, at: x.at + rng.int(5) })
    }
    const send = () => {
      for (const c of stream.take()) {
        chunks++
        put({ at: now + 1 + rng.int(4), kind: 'chunk', m: { type: 'snapshot', from: 'l', to: 'f', term: 7, meta, offset: c.offset, total: size, data: c.data.slice(), acked: stream.ackedBytes } })
      }
    }
    send()
    for (; now < 100_000; now++) {
      if (rng.chance(0.00005)) { receiver = new SnapshotReceiver(); restarts++ }
      const due = rng.shuffle(wire.filter(x => x.at <= now))
      wire = wire.filter(x => x.at > now)
      for (const x of due) {
        if (x.kind === 'chunk') {
          const r = receiver.accept(x.m)
          if (r.status === 'complete') {
            assert.deepEqual(r.snapshot.data, data, `seed ${seed}: assembled bytes differ`)
            assert.deepEqual(r.snapshot.meta, meta)
            return { chunks, needed: Math.max(1, Math.ceil(size / chunkSize)), restarts }
          }
          put({ at: now + 1 + rng.int(4), kind: 'ack', offset: r.offset, reject: r.status === 'reject' })
        } else {
          stream.onResponse(x.offset, x.reject)
          send()
        }
      }
      if (stream.tick(20)) send()
    }
    return assert.fail(`seed ${seed}: snapshot of ${size} bytes never completed`)
  }

  it('completes with the exact bytes despite loss, duplication, reordering and receiver restarts', () => {
    let sent = 0
    let needed = 0
    let restarts = 0
    for (let seed = 1; seed <= 300; seed++) {
      const r = transfer(seed)
      sent += r.chunks
      needed += r.needed
      restarts += r.restarts
    }
    assert.ok(restarts >= 3, `only ${restarts} receiver restarts: the scenario did not exercise them`)
    // Up to 30% loss plus restarts: retransmissions should cost a small multiple, not a window per loss.
    assert.ok(sent < 3 * needed, `${sent} chunks sent for ${needed} needed`)
  })

  it('a receiver keeps a newer stream against chunks of an older leader', () => {
    const r = new SnapshotReceiver()
    const chunk = (term: number, index: number, offset: number, total: number) =>
      ({ type: 'snapshot' as const, from: 'l', to: 'f', term, meta: { ...meta, index }, offset, total, data: new Uint8Array(Math.min(4, total - offset)), acked: offset })
    assert.deepEqual(r.accept(chunk(5, 50, 0, 8)), { status: 'partial', offset: 4 })
    assert.deepEqual(r.accept(chunk(4, 40, 0, 8)), { status: 'reject', offset: 0 }, 'older leader')
    assert.equal(r.accept(chunk(5, 50, 4, 8)).status, 'complete')
    assert.deepEqual(r.accept(chunk(6, 60, 4, 8)), { status: 'reject', offset: 0 }, 'the leader believes it confirmed 4 bytes it does not hold')
  })
})

describe('config', () => {
  it('documents defaults and validates values', () => {
    const c = resolveRaftConfig()
    assert.equal(c.electionTicks, DEFAULT_RAFT_CONFIG.electionTicks)
    assert.equal(c.preVote, true)
    assert.equal(c.checkQuorum, true)
    assert.equal(resolveRaftConfig({ electionTicks: 20 }).snapshotResendTicks, 40)
    assert.throws(() => resolveRaftConfig({ electionTicks: 0 }), InvalidOptionError)
    assert.throws(() => resolveRaftConfig({ heartbeatTicks: 10, electionTicks: 10 }), /below electionTicks/)
    assert.throws(() => resolveRaftConfig({ maxSizePerMsg: 1.5 }), InvalidOptionError)
    assert.throws(() => resolveRaftConfig({ preVote: 'yes' as unknown as boolean }), InvalidOptionError)
  })

  it('the core refuses inconsistent persisted state', () => {
    assert.throws(() => mkCore('a', ['a'], { persisted: { ...emptyState(), entries: entriesWithTerms([3]) } }), /above the persisted term/)
    const gap = entriesWithTerms([1, 1, 1]).filter(e => e.index !== 2)
    assert.throws(() => mkCore('a', ['a'], { persisted: { hardState: { term: 1, vote: '', commit: 0 }, snapshot: null, entries: gap } }), /contiguous/)
  })
})

describe('membership encoding', () => {
  it('round-trips and applies one-server changes', () => {
    const m = { voters: ['a', 'b'], learners: ['c'] }
    assert.deepEqual(decodeMembership(encodeMembership(m)), m)
    assert.deepEqual(applyChange(m, { type: 'promote', id: 'c' }), { voters: ['a', 'b', 'c'], learners: [] })
    assert.deepEqual(applyChange(m, { type: 'removeVoter', id: 'a' }), { voters: ['b'], learners: ['c'] })
    assert.throws(() => applyChange({ voters: ['a'], learners: [] }, { type: 'removeVoter', id: 'a' }), MembershipChangeError)
    assert.throws(() => applyChange(m, { type: 'addLearner', id: 'a' }), MembershipChangeError)
    assert.throws(() => applyChange(m, { type: 'addVoter', id: '' }), MembershipChangeError)
  })
})

describe('DedupTable', () => {
  const r = (s: string) => enc(s)

  it('answers a retried request with the cached result', () => {
    const t = new DedupTable()
    assert.deepEqual(t.lookup('c1', 1), { status: 'new' })
    t.record('c1', 1, r('ok'), 10)
    assert.deepEqual(t.lookup('c1', 1), { status: 'duplicate', result: r('ok') })
    assert.deepEqual(t.lookup('c1', 2), { status: 'new' })
    assert.deepEqual(t.lookup('c2', 1), { status: 'new' })
  })

  it('keeps a bounded window per client and reports requests that fell out of it', () => {
    const t = new DedupTable({ maxRequestsPerClient: 2 })
    t.record('c', 1, r('1'), 1)
    t.record('c', 2, r('2'), 2)
    t.record('c', 3, r('3'), 3)
    assert.deepEqual(t.lookup('c', 1), { status: 'expired' })
    assert.equal(t.lookup('c', 3).status, 'duplicate')
  })

  it('evicts the least recently active client first', () => {
    const t = new DedupTable({ maxClients: 2 })
    t.record('a', 1, r('a'), 1)
    t.record('b', 1, r('b'), 2)
    t.record('a', 2, r('a2'), 3)
    t.record('c', 1, r('c'), 4)
    assert.equal(t.size, 2)
    assert.equal(t.lookup('b', 1).status, 'new', 'b was evicted')
    assert.equal(t.lookup('a', 2).status, 'duplicate')
  })

  it('serializes into a snapshot and back, identically on every replica', () => {
    const t = new DedupTable({ maxRequestsPerClient: 3 })
    for (let i = 0; i < 10; i++) t.record(`c${i % 3}`, i, r(`res${i}`), i)
    const bytes = t.serialize()
    const u = DedupTable.deserialize(bytes, { maxRequestsPerClient: 3 })
    assert.deepEqual(u.serialize(), bytes)
    assert.deepEqual(u.lookup('c0', 9), { status: 'duplicate', result: r('res9') })
    assert.equal(u.lookup('c0', 0).status, 'expired')
    assert.throws(() => DedupTable.deserialize(enc('nope')), DecodeError)
    assert.throws(() => DedupTable.deserialize(enc('{"v":1,"clients":[[1]]}')), DecodeError)
  })
})
