// Each rule of the Raft paper (and of the "mistakes implementations make" notes) as a test on
// one or a few cores driven by hand, in the spirit of etcd's raft_paper_test.go.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { AppendMessage, AppendResponse, Message, VoteMessage } from '../../src/raft/core/index.js'
import { NotLeaderError } from '../../src/raft/core/index.js'
import { committed, drain, elect, emptyState, enc, entriesWithTerms, mkCluster, mkCore, msgs, stabilize, ticks } from './helpers.js'

const vote = (from: string, to: string, term: number, index: number, logTerm: number, type: 'vote' | 'preVote' = 'vote'): VoteMessage =>
  ({ type, from, to, term, index, logTerm, transfer: false })

const append = (from: string, to: string, term: number, index: number, logTerm: number, entries: AppendMessage['entries'], commit: number): AppendMessage =>
  ({ type: 'append', from, to, term, index, logTerm, entries, commit })

function persistedLog (terms: number[], term: number) {
  return { ...emptyState(), hardState: { term, vote: '', commit: 0 }, entries: entriesWithTerms(terms) }
}

describe('election (§5.2)', () => {
  it('a follower campaigns after a randomized timeout in [electionTicks, 2*electionTicks)', () => {
    for (const [r, expected] of [[0, 10], [0.5, 15], [0.999, 19]] as const) {
      const c = mkCore('a', ['a', 'b', 'c'], { random: r })
      ticks(c, expected - 1)
      assert.equal(c.role, 'follower', `random ${r}: too early`)
      c.tick()
      assert.equal(c.role, 'candidate', `random ${r}: campaign at tick ${expected}`)
    }
  })

  it('a candidate raises its term, votes for itself and persists both before asking for votes', () => {
    const c = mkCore('a', ['a', 'b', 'c'])
    c.campaign()
    const [rd] = drain(c)
    assert.deepEqual(rd!.hardState, { term: 1, vote: 'a', commit: 0 })
    const reqs = rd!.messages.filter(m => m.type === 'vote')
    assert.deepEqual(reqs.map(m => m.to).sort(), ['b', 'c'])
    for (const m of reqs) assert.equal(m.term, 1)
  })

  it('wins with a majority, appends a no-op of its term and announces it', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = elect(cores, 'a')
    assert.equal(a.currentTerm, 1)
    const e = a.entryAt(1)!
    assert.equal(e.type, 'noop')
    assert.equal(e.term, 1)
    for (const c of cores.values()) {
      assert.equal(c.leader, 'a')
      assert.equal(c.commitIndex, 1)
    }
  })

  it('loses with a majority of rejections and returns to follower in the same term', () => {
    const a = mkCore('a', ['a', 'b', 'c'])
    a.campaign()
    msgs(a)
    a.step({ type: 'voteResponse', from: 'b', to: 'a', term: 1, reject: true })
    assert.equal(a.role, 'candidate')
    a.step({ type: 'voteResponse', from: 'c', to: 'a', term: 1, reject: true })
    assert.equal(a.role, 'follower')
    assert.equal(a.currentTerm, 1)
  })

  it('a candidate that hears from a leader of its term becomes its follower', () => {
    const a = mkCore('a', ['a', 'b', 'c'])
    a.campaign()
    msgs(a)
    a.step({ type: 'heartbeat', from: 'b', to: 'a', term: 1, commit: 0, commitTerm: 0 })
    assert.equal(a.role, 'follower')
    assert.equal(a.leader, 'b')
  })
})

describe('voting (§5.2, §5.4.1)', () => {
  // The voter's log: terms [1, 1, 2] — last index 3, last term 2.
  const voter = () => mkCore('v', ['v', 'c', 'd'], { persisted: persistedLog([1, 1, 2], 2) })
  const answer = (v: ReturnType<typeof voter>, m: VoteMessage) => {
    v.step(m)
    const out = msgs(v).filter(x => x.type === 'voteResponse' || x.type === 'preVoteResponse')
    assert.equal(out.length, 1)
    return out[0]! as Message & { reject: boolean }
  }

  it('grants a candidate whose log is as up to date (same last term, same index)', () => {
    assert.equal(answer(voter(), vote('c', 'v', 3, 3, 2)).reject, false)
  })
  it('grants a candidate with a higher last term even with a shorter log', () => {
    assert.equal(answer(voter(), vote('c', 'v', 3, 1, 3)).reject, false)
  })
  it('rejects a candidate with a lower last term even with a longer log (never length alone)', () => {
    assert.equal(answer(voter(), vote('c', 'v', 3, 10, 1)).reject, true)
  })
  it('rejects a candidate with the same last term and a shorter log', () => {
    assert.equal(answer(voter(), vote('c', 'v', 3, 2, 2)).reject, true)
  })
  it('votes at most once per term, persisting the vote before answering', () => {
    const v = voter()
    v.step(vote('c', 'v', 3, 3, 2))
    const [rd] = drain(v)
    assert.deepEqual(rd!.hardState, { term: 3, vote: 'c', commit: 0 })
    assert.equal(rd!.messages.some(m => m.type === 'voteResponse' && !m.reject), true)
    assert.equal(answer(v, vote('d', 'v', 3, 3, 2)).reject, true, 'a second candidate in the same term')
    assert.equal(answer(v, vote('c', 'v', 3, 3, 2)).reject, false, 'a duplicate request from the same candidate')
  })
  it('ignores a vote request from a lower term', () => {
    const v = voter()
    v.step(vote('c', 'v', 1, 3, 2))
    assert.deepEqual(msgs(v), [])
    assert.equal(v.votedFor, '')
  })
})

describe('terms (§5.1): any message with a higher term', () => {
  it('turns a leader into a follower of the new term with no vote, before handling it', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = elect(cores, 'a')
    const resp: AppendResponse = { type: 'appendResponse', from: 'b', to: 'a', term: 5, index: 0, reject: true, hintIndex: 0, hintTerm: 0 }
    a.step(resp)
    assert.equal(a.role, 'follower')
    assert.equal(a.currentTerm, 5)
    assert.equal(a.votedFor, '')
    assert.deepEqual(drain(a)[0]!.hardState, { term: 5, vote: '', commit: 1 })
  })

  it('answers a lower-term append with its own term and changes nothing', () => {
    const f = mkCore('f', ['f', 'l', 'x'], { persisted: persistedLog([1, 2], 3), config: { checkQuorum: true } })
    f.step(append('l', 'f', 2, 2, 2, [{ term: 2, index: 3, type: 'normal', data: enc('x') }], 3))
    assert.equal(f.lastIndex, 2)
    assert.equal(f.currentTerm, 3)
    const out = msgs(f)
    assert.equal(out.length, 1)
    assert.equal(out[0]!.type, 'appendResponse')
    assert.equal(out[0]!.term, 3)
  })

  it('drops stale responses: an ack from an older term does not move matchIndex', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = elect(cores, 'a')
    a.propose(enc('x'))
    msgs(a)
    const before = a.progress('b')!.match
    a.step({ type: 'appendResponse', from: 'b', to: 'a', term: 0, index: 2, reject: false, hintIndex: 0, hintTerm: 0 })
    assert.equal(a.progress('b')!.match, before)
  })
})

describe('AppendEntries (§5.3)', () => {
  const follower = () => mkCore('f', ['f', 'l', 'x'], { persisted: persistedLog([1, 1, 2, 2], 2) })
  const e = (index: number, term: number, s = `n${index}`) => ({ term, index, type: 'normal' as const, data: enc(s) })
  const resp = (f: ReturnType<typeof follower>) => msgs(f).find(m => m.type === 'appendResponse') as AppendResponse

  it('rejects when prevLogIndex is past the end, hinting at its last index', () => {
    const f = follower()
    f.step(append('l', 'f', 3, 7, 3, [e(8, 3)], 0))
    const r = resp(f)
    assert.equal(r.reject, true)
    assert.equal(r.index, 7)
    assert.equal(r.hintIndex, 4)
    assert.equal(r.hintTerm, 2)
  })

  it('rejects a prevLogTerm mismatch and hints past the whole conflicting term', () => {
    // Follower terms [1,1,2,2]; leader says index 4 has term 3 (its log [1,1,3,3]).
    const f = follower()
    f.step(append('l', 'f', 3, 4, 3, [], 0))
    const r = resp(f)
    assert.equal(r.reject, true)
    // Largest index ≤ 4 with term ≤ 3 is 4 itself (term 2): the leader then skips to its own
    // last entry with term ≤ 2, i.e. index 2.
    assert.equal(r.hintIndex, 4)
    assert.equal(r.hintTerm, 2)
    assert.equal(f.lastIndex, 4)
  })

  it('truncates only at a real conflict and keeps entries already present', () => {
    const f = follower()
    // Matching entries (same index and term) are not rewritten.
    f.step(append('l', 'f', 3, 2, 1, [e(3, 2), e(4, 2)], 0))
    assert.equal(resp(f).index, 4)
    assert.equal(f.lastIndex, 4)
    // A conflict at 4 replaces from 4 on.
    f.step(append('l', 'f', 3, 3, 2, [e(4, 3, 'new'), e(5, 3)], 0))
    assert.equal(resp(f).index, 5)
    assert.equal(f.termAt(4), 3)
    assert.equal(f.lastIndex, 5)
  })

  it('a stale append never takes back the entries that follow the ones it carries', () => {
    const f = follower()
    f.step(append('l', 'f', 3, 4, 2, [e(5, 3), e(6, 3), e(7, 3)], 0))
    msgs(f)
    // A delayed copy of an earlier append carrying only entry 5.
    f.step(append('l', 'f', 3, 4, 2, [e(5, 3)], 0))
    const r = resp(f)
    assert.equal(r.reject, false)
    assert.equal(r.index, 5, 'the ack covers what the request carried, not the log length')
    assert.equal(f.lastIndex, 7)
  })

  it('sets commitIndex = min(leaderCommit, index of last new entry)', () => {
    const f = follower()
    f.step(append('l', 'f', 3, 2, 1, [e(3, 2)], 100))
    assert.equal(f.commitIndex, 3, 'not 100, and not the follower\'s last index 4')
    f.step(append('l', 'f', 3, 4, 2, [], 4))
    assert.equal(f.commitIndex, 4)
  })

  it('checks heartbeats too: commit moves only if the follower holds the leader\'s entry there', () => {
    const f = follower()
    f.step({ type: 'heartbeat', from: 'l', to: 'f', term: 3, commit: 4, commitTerm: 3 })
    assert.equal(f.commitIndex, 0, 'entry 4 has term 2 here, not 3')
    f.step({ type: 'heartbeat', from: 'l', to: 'f', term: 3, commit: 3, commitTerm: 2 })
    assert.equal(f.commitIndex, 3)
  })

  it('a leader computes matchIndex from the request it sent', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = elect(cores, 'a')
    for (let i = 0; i < 3; i++) a.propose(enc(`p${i}`))
    stabilize(cores)
    assert.equal(a.progress('b')!.match, 4)
    assert.equal(a.commitIndex, 4)
  })
})

describe('commitment (§5.4.2, figure 8)', () => {
  it('does not commit an old-term entry by counting replicas; commits it with a current-term entry', () => {
    // s1 leads term 4 with log [1, 2]; s2 has [1, 2] too, s3 has [1]. Entry 2 (term 2) is on a
    // majority {s1, s2} but must not commit until an entry of term 4 is on a majority.
    const persisted = (terms: number[]) => ({ ...emptyState(), hardState: { term: 3, vote: '', commit: 1 }, entries: entriesWithTerms(terms) })
    const cores = new Map([
      ['s1', mkCore('s1', ['s1', 's2', 's3'], { persisted: persisted([1, 2]) })],
      ['s2', mkCore('s2', ['s1', 's2', 's3'], { persisted: persisted([1, 2]) })],
      ['s3', mkCore('s3', ['s1', 's2', 's3'], { persisted: persisted([1]) })]
    ])
    const s1 = cores.get('s1')!
    s1.campaign()
    // Deliver votes but hold back every append from the new leader.
    stabilize(cores, m => m.type !== 'append')
    assert.equal(s1.role, 'leader')
    assert.equal(s1.currentTerm, 4)
    // s2 acknowledges index 2 (which it has) without the term-4 no-op.
    s1.step({ type: 'appendResponse', from: 's2', to: 's1', term: 4, index: 2, reject: false, hintIndex: 0, hintTerm: 0 })
    drain(s1)
    assert.equal(s1.commitIndex, 1, 'entry 2 (term 2) is on a majority but must not commit by counting')
    s1.step({ type: 'appendResponse', from: 's2', to: 's1', term: 4, index: 3, reject: false, hintIndex: 0, hintTerm: 0 })
    drain(s1)
    assert.equal(s1.commitIndex, 3, 'the term-4 no-op commits and carries entry 2 with it')
  })
})

describe('timers (mistake 1)', () => {
  it('rejecting a vote does not reset the election timer; granting one does', () => {
    // f has a longer log than the candidate, so it rejects; it must still campaign on time.
    const f = mkCore('f', ['f', 'c', 'x'], { persisted: persistedLog([1, 1], 1) })
    ticks(f, 9)
    f.step(vote('c', 'f', 2, 1, 1))
    assert.equal(f.currentTerm, 2)
    msgs(f)
    f.tick()
    assert.equal(f.role, 'candidate', 'timer kept running through the rejected vote')

    const g = mkCore('g', ['g', 'c', 'x'])
    ticks(g, 9)
    g.step(vote('c', 'g', 2, 5, 1))
    msgs(g)
    g.tick()
    assert.equal(g.role, 'follower', 'granting a vote restarts the timer')
  })

  it('a heartbeat from the current leader resets the timer', () => {
    const f = mkCore('f', ['f', 'l', 'x'])
    for (let i = 0; i < 30; i++) {
      f.tick()
      f.step({ type: 'heartbeat', from: 'l', to: 'f', term: 1, commit: 0, commitTerm: 0 })
    }
    assert.equal(f.role, 'follower')
  })
})

describe('client interaction (§8) and the Ready contract', () => {
  it('propose on a follower throws NotLeaderError naming the leader', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    elect(cores, 'a')
    assert.throws(() => cores.get('b')!.propose(enc('x')), (err: unknown) => err instanceof NotLeaderError && err.leader === 'a' && err.code === 'ERR_NOT_LEADER')
  })

  it('a lone leader applies an entry only after persisting it', () => {
    const a = mkCore('a', ['a'])
    a.campaign()
    assert.equal(a.role, 'leader')
    const rd1 = a.ready()
    assert.equal(rd1.entries.length, 1)
    assert.equal(rd1.committedEntries.length, 0, 'nothing is committed before the leader\'s own write is durable')
    a.advance(rd1)
    const rd2 = a.ready()
    assert.deepEqual(rd2.committedEntries.map(e => e.index), [1])
    a.advance(rd2)
  })

  it('a proposal is told apart by (index, term): an overwritten one shows another term', () => {
    const cores = mkCluster(['a', 'b', 'c'])
    const a = elect(cores, 'a')
    const mine = a.propose(enc('mine'))
    // a is cut off before replicating; b takes over and commits something else at that index.
    msgs(a)
    const rest = new Map([...cores].filter(([id]) => id !== 'a'))
    const b = cores.get('b')!
    for (let i = 0; i < 10; i++) b.tick()
    stabilize(rest)
    assert.equal(b.role, 'leader')
    b.propose(enc('other'))
    stabilize(rest)
    b.tick()
    stabilize(cores)
    const applied = committed(a)
    assert.ok(a.commitIndex >= mine.index)
    assert.notEqual(a.termAt(mine.index), mine.term, 'the caller sees a different term at its index: not its entry')
    assert.ok(applied.every(e => new TextDecoder().decode(e.data) !== 'mine'))
  })

  it('refuses ready() before advance() and advance() of a foreign Ready', () => {
    const a = mkCore('a', ['a'])
    a.campaign()
    const rd = a.ready()
    assert.throws(() => a.ready(), { code: 'ERR_RAFT_USAGE' })
    assert.throws(() => a.advance({ ...rd }), { code: 'ERR_RAFT_USAGE' })
    a.advance(rd)
  })
})
