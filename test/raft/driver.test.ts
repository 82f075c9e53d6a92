import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryRaftNetwork } from '../../src/raft/transport/memory.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { createRaftHost, decodeRaftMessage, encodeRaftMessage, ProposalLostError, RaftMessageDecodeError, type RaftGroup, type RaftHost } from '../../src/raft/driver/index.js'
import { NotLeaderError } from '../../src/raft/core/errors.js'
import type { Message } from '../../src/raft/core/messages.js'
import { enc, RecordingMachine, stableLeader, until } from './driver-helpers.js'
import type { StateMachine } from '../../src/raft/driver/index.js'
import type { Entry } from '../../src/raft/storage.js'

describe('raft message codec', () => {
  const msgs: Message[] = [
    { type: 'append', from: 'a', to: 'b', term: 3, index: 5, logTerm: 2, commit: 4, entries: [{ term: 2, index: 6, type: 'noop', data: new Uint8Array() }, { term: 3, index: 7, type: 'normal', data: enc('x') }, { term: 3, index: 8, type: 'config', data: enc('c') }] },
    { type: 'appendResponse', from: 'b', to: 'a', term: 3, index: 8, reject: true, hintIndex: 6, hintTerm: 2 },
    { type: 'heartbeat', from: 'a', to: 'b', term: 3, commit: 8, commitTerm: 3, context: enc('r1') },
    { type: 'heartbeat', from: 'a', to: 'b', term: 3, commit: 8, commitTerm: 3 },
    { type: 'heartbeatResponse', from: 'b', to: 'a', term: 3, context: enc('r1') },
    { type: 'heartbeatResponse', from: 'b', to: 'a', term: 3 },
    { type: 'preVote', from: 'a', to: 'b', term: 4, index: 8, logTerm: 3, transfer: false },
    { type: 'vote', from: 'a', to: 'b', term: 4, index: 8, logTerm: 3, transfer: true },
    { type: 'voteResponse', from: 'b', to: 'a', term: 4, reject: false },
    { type: 'preVoteResponse', from: 'b', to: 'a', term: 4, reject: true },
    { type: 'snapshot', from: 'a', to: 'b', term: 4, meta: { index: 8, term: 3, membership: { voters: ['a', 'b', 'c'], learners: ['d'] } }, offset: 10, total: 20, data: enc('0123456789'), acked: 10 },
    { type: 'snapshotResponse', from: 'b', to: 'a', term: 4, index: 8, snapTerm: 3, offset: 20, reject: false },
    { type: 'timeoutNow', from: 'a', to: 'b', term: 4 },
    { type: 'heartbeat', from: 'a', to: 'b', term: 3, commit: 8, commitTerm: 3, quiesce: true }
  ]
  it('round-trips every message type field by field', () => {
    for (const m of msgs) {
      assert.deepEqual(decodeRaftMessage(encodeRaftMessage(m), m.from, m.to), m)
      assert.deepEqual(decodeRaftMessage(encodeRaftMessage(m, true), m.from, m.to), m)
    }
    // Without addresses a heartbeat is a handful of bytes.
    assert.ok(encodeRaftMessage(msgs[3]).byteLength <= 10)
  })
  it('rejects malformed input with a typed error', () => {
    const bad: Array<Uint8Array> = [
      new Uint8Array([0xff, 0xff, 0xff]),
      encodeRaftMessage({ ...msgs[12], from: 'mallory' } as Message, true),
      new Uint8Array([0x08, 0x63]), // unknown type 99
      encodeRaftMessage({ ...msgs[0], entries: [{ term: 3, index: 9, type: 'normal', data: enc('gap') }] } as Message),
      encodeRaftMessage({ ...msgs[0], entries: [{ term: 9, index: 6, type: 'normal', data: enc('future') }] } as Message),
      encodeRaftMessage({ ...msgs[10], offset: 15 } as Message)
    ]
    for (const b of bad) assert.throws(() => decodeRaftMessage(b, 'a', 'b'), RaftMessageDecodeError)
  })
})

describe('raft driver over the memory transport', () => {
  const net = new MemoryRaftNetwork()
  const ids = ['n1', 'n2', 'n3']
  const hosts: RaftHost[] = []
  after(async () => { await Promise.all(hosts.map(async h => { await h.stop({ transferLeadership: false }) })); net.stop() })

  it('runs three groups on one set of hosts: propose, apply everywhere in order', async () => {
    for (const id of ids) hosts.push(await createRaftHost({ transport: net.transport(id) }))
    const groups = new Map<string, Array<{ g: RaftGroup<number>, sm: RecordingMachine }>>()
    for (const gid of ['a', 'b', 'c']) {
      groups.set(gid, await Promise.all(hosts.map(async h => {
        const sm = new RecordingMachine()
        return { g: await h.createGroup({ groupId: gid, members: ids, storage: new MemoryStorage(), stateMachine: sm }), sm }
      })))
    }
    for (const [gid, members] of groups) {
      const gs = members.map(m => m.g)
      const leader = await stableLeader(gs)
      const follower = gs.find(g => g !== leader)!
      await assert.rejects(follower.propose(enc('nope')), (e: unknown) => e instanceof NotLeaderError && e.leader === leader.id)
      const results = await Promise.all(Array.from({ length: 50 }, async (_, i) => await leader.propose(enc(`${gid}${i}`))))
      assert.deepEqual(results, Array.from({ length: 50 }, (_, i) => i + 1))
      const target = leader.applied
      await until(gs, () => gs.every(g => g.applied >= target), 'followers to apply')
      for (const m of members) assert.deepEqual(m.sm.log, Array.from({ length: 50 }, (_, i) => `${gid}${i}`))
      const idx = await leader.readIndex()
      assert.ok(idx >= target)
    }
  })

  it('answers unknown groups with a notice and creates no state', async () => {
    const before = hosts[1].groupIds.length
    net.transport('n1').send('n2', 'ghost', encodeRaftMessage({ type: 'timeoutNow', from: 'n1', to: 'n2', term: 99 }))
    await new Promise<void>(resolve => { net.transport('n1').onUnknownGroup(() => { resolve() }) })
    assert.equal(hosts[1].groupIds.length, before)
    assert.equal(hosts[1].group('ghost'), undefined)
  })

  it('drops malformed and forged messages without disturbing the group', async () => {
    const g2 = hosts[1].group<number>('a')!
    const before = g2.stats.malformed
    net.transport('n1').send('n2', 'a', new Uint8Array([1, 2, 3, 4, 5]))
    // n1 claims to be n3: the transport authenticated n1, so it's dropped.
    net.transport('n1').send('n2', 'a', encodeRaftMessage({ type: 'timeoutNow', from: 'n3', to: 'n2', term: 99 }, true))
    await new Promise<void>(resolve => { const on = (): void => { if (g2.stats.malformed >= before + 2) { g2.off('malformed', on); resolve() } }; g2.on('malformed', on) })
    assert.equal(g2.stats.malformed, before + 2)
    assert.ok(g2.term < 99)
  })

  it('rejects a proposal whose index a new leader reused, with a retryable error', async () => {
    const gs = hosts.map(h => h.group<number>('b')!)
    const leader = await stableLeader(gs)
    const others = gs.filter(g => g !== leader).map(g => g.id)
    net.partition([leader.id], others)
    const doomed = leader.propose(enc('doomed'), { timeout: 20_000 })
    const rest = gs.filter(g => g !== leader)
    const next = await stableLeader(rest, 'a leader in the majority')
    await next.propose(enc('winner'))
    net.heal()
    await assert.rejects(doomed, (e: unknown) => e instanceof ProposalLostError && e.retryable)
    await until(gs, () => gs.every(g => g.applied === next.applied), 'convergence')
  })

  it('snapshots once the log since the last snapshot holds snapshotBytes, or twice the last snapshot', async () => {
    const kib = 'k'.repeat(1000)
    for (const [gid, snapshotBytes] of [['bytes', 4096], ['never', 0]] as const) {
      const gs = await Promise.all(hosts.map(async h => await h.createGroup<number>({ groupId: gid, members: ids, storage: new MemoryStorage(), stateMachine: new RecordingMachine(), snapshotEntries: 0, snapshotBytes })))
      const leader = await stableLeader(gs)
      for (let i = 0; i < 40; i++) await leader.propose(enc(kib))
      const target = leader.applied
      await until(gs, () => gs.every(g => g.applied >= target), 'every member to apply')
      for (const g of gs) {
        if (snapshotBytes === 0) {
          assert.equal(g.stats.snapshotsTaken, 0)
          continue
        }
        // The machine's snapshot holds everything applied (≈ total bytes): snapshots come at about
        // 4, 12 and 36 KB — not one per 4 KiB (10), since the state grows with the log.
        assert.ok(g.stats.snapshotsTaken >= 2 && g.stats.snapshotsTaken <= 4, `${g.id}: ${g.stats.snapshotsTaken} snapshots`)
      }
    }
  })

  it('goes on committing while the state machine serializes a snapshot; compacts at the index it was asked at', async () => {
    // A machine whose snapshot (of the state when asked) finishes when the test says, as a large
    // state serialized in slices does.
    class SlowSnapshotMachine implements StateMachine<number> {
      log: string[] = []
      index = 0
      asked: Array<{ index: number, length: number, finish: () => void }> = []
      apply (e: Entry): number {
        this.index = e.index
        this.log.push(new TextDecoder().decode(e.data))
        return this.log.length
      }

      async snapshot (): Promise<Uint8Array> {
        const state = enc(JSON.stringify(this.log))
        const { promise, resolve } = Promise.withResolvers<void>()
        this.asked.push({ index: this.index, length: this.log.length, finish: resolve })
        await promise
        return state
      }

      restore (data: Uint8Array): void { this.log = JSON.parse(new TextDecoder().decode(data)) }
    }
    const machines = ids.map(() => new SlowSnapshotMachine())
    const storages = ids.map(() => new MemoryStorage())
    const gs = await Promise.all(hosts.map(async (h, i) => await h.createGroup<number>({ groupId: 'slow-snap', members: ids, storage: storages[i], stateMachine: machines[i], snapshotEntries: 8, snapshotBytes: 0 })))
    const leader = await stableLeader(gs)
    for (let i = 0; i < 10; i++) await leader.propose(enc(`a${i}`))
    await until(gs, () => machines.every(m => m.asked.length === 1), 'every member to ask for a snapshot')
    // Nothing waits for it: thirty more commit and apply everywhere (several snapshots' worth).
    for (let i = 0; i < 30; i++) await leader.propose(enc(`b${i}`))
    const target = leader.applied
    await until(gs, () => gs.every(g => g.applied >= target), 'every member to apply')
    assert.deepEqual(gs.map(g => g.stats.snapshotsTaken), [0, 0, 0])
    assert.ok(machines.every(m => m.asked.length === 1), 'one snapshot at a time')
    for (const m of machines) m.asked[0].finish()
    await until(gs, () => gs.every(g => g.stats.snapshotsTaken === 1) && machines.every(m => m.asked.length === 2), 'the snapshots taken, and the next asked for')
    for (const [i, st] of storages.entries()) {
      const snap = st.persisted().snapshot
      assert.equal(snap?.meta.index, machines[i].asked[0].index, `member ${i} compacted at the index it asked at`)
      assert.equal(JSON.parse(new TextDecoder().decode(snap?.data)).length, machines[i].asked[0].length, 'with the state of then')
    }
    for (const m of machines) m.asked[1].finish()
    await until(gs, () => gs.every(g => g.stats.snapshotsTaken === 2), 'the second snapshots taken')
  })

  it('transfers leadership and stops gracefully', async () => {
    const gs = hosts.map(h => h.group<number>('c')!)
    const leader = await stableLeader(gs)
    const to = gs.find(g => g !== leader)!
    await leader.transferLeadership(to.id)
    const next = await stableLeader(gs)
    assert.equal(next.id, to.id)
    await next.stop()
    const rest = gs.filter(g => g !== next)
    const third = await stableLeader(rest, 'a leader after graceful stop')
    assert.ok(third !== next)
    await assert.rejects(next.propose(enc('x')), { code: 'ERR_CLOSED' })
  })
})
