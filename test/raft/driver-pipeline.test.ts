// The driver's overlaps: a leader's appends leave before its own write is durable (Raft thesis
// §10.2.1), while everything a follower or candidate says waits for its write. Storage whose
// `save` can be held open shows which messages leave meanwhile; no sleeps, no timed assertions.
import { afterEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryRaftNetwork } from '../../src/raft/transport/memory.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { createRaftHost, decodeRaftMessage, type RaftGroup, type RaftHost } from '../../src/raft/driver/index.js'
import { splitBeforePersist } from '../../src/raft/driver/group.js'
import type { Ready } from '../../src/raft/core/ready.js'
import type { Message } from '../../src/raft/core/messages.js'
import type { SaveBatch } from '../../src/raft/storage.js'
import { enc, RecordingMachine, stableLeader, until } from './driver-helpers.js'

/** MemoryStorage whose saves can be held: while held, `save` does not resolve until `release()`. */
class HoldableStorage extends MemoryStorage {
  private held: Array<() => void> | undefined
  private onSave: (() => void) | undefined
  /** Saves started while held and not yet released. */
  get pending (): number { return this.held?.length ?? 0 }
  hold (): void { this.held ??= [] }
  release (): void {
    const waiting = this.held ?? []
    this.held = undefined
    for (const go of waiting) go()
  }

  /** Resolves once a save is waiting on the hold. */
  async saveStarted (): Promise<void> {
    if (this.pending > 0) return
    await new Promise<void>(resolve => { this.onSave = resolve })
  }

  override async save (batch: SaveBatch): Promise<void> {
    if (this.held !== undefined) {
      const { promise, resolve } = Promise.withResolvers<void>()
      this.held.push(resolve)
      this.onSave?.()
      this.onSave = undefined
      await promise
    }
    await super.save(batch)
  }
}

interface Sent { from: string, to: string, m: Message }

/** Three members of group `p` on a memory network that records every Raft message sent. */
async function cluster (): Promise<{ net: MemoryRaftNetwork, hosts: RaftHost[], groups: Array<RaftGroup<number>>, storages: HoldableStorage[], sent: Sent[], next: (match: (s: Sent) => boolean) => Promise<Sent> }> {
  const net = new MemoryRaftNetwork()
  const ids = ['n1', 'n2', 'n3']
  const sent: Sent[] = []
  const watchers: Array<{ match: (s: Sent) => boolean, resolve: (s: Sent) => void }> = []
  net.setFilter((from, to, group, message, kind) => {
    if (kind === 'message' && group === 'p') {
      const s = { from, to, m: decodeRaftMessage(message, from, to) }
      sent.push(s)
      for (const w of [...watchers]) if (w.match(s)) { watchers.splice(watchers.indexOf(w), 1); w.resolve(s) }
    }
    return 'deliver'
  })
  const hosts = await Promise.all(ids.map(async id => await createRaftHost({ transport: net.transport(id) })))
  const storages = ids.map(() => new HoldableStorage())
  const groups = await Promise.all(hosts.map(async (h, i) => await h.createGroup<number>({ groupId: 'p', members: ids, storage: storages[i], stateMachine: new RecordingMachine() })))
  const next = async (match: (s: Sent) => boolean): Promise<Sent> => await new Promise(resolve => { watchers.push({ match, resolve }) })
  return { net, hosts, groups, storages, sent, next }
}

describe('raft driver: what leaves before a write is durable', () => {
  let stop: (() => Promise<void>) | undefined
  afterEach(async () => { await stop?.(); stop = undefined })
  const start = async (): Promise<Awaited<ReturnType<typeof cluster>>> => {
    const c = await cluster()
    stop = async () => {
      for (const s of c.storages) s.release()
      await Promise.all(c.hosts.map(async h => { await h.stop({ transferLeadership: false }) }))
      c.net.stop()
    }
    return c
  }

  it('a leader replicates an entry while its own save is still pending; it commits once the followers stored it', async () => {
    const { groups, storages, next } = await start()
    const leader = await stableLeader(groups)
    const li = groups.indexOf(leader)
    // Once one entry committed, the followers' progress replicates (no longer probing): appends flow.
    assert.equal(await leader.propose(enc('w')), 1)
    const index = leader.lastIndex + 1
    storages[li].hold()
    const firstAck = next(s => s.to === leader.id && s.m.type === 'appendResponse' && !s.m.reject && s.m.index >= index)
    const proposal = leader.propose(enc('x'))
    await storages[li].saveStarted()
    // A follower received the entry, stored it and answered, while the leader's write is held.
    await firstAck
    assert.equal(storages[li].pending, 1, 'the leader is still writing')
    storages[li].release()
    assert.equal(await proposal, 2)
  })

  it("a follower's append response waits for its save", async () => {
    const { groups, storages, sent, next } = await start()
    const leader = await stableLeader(groups)
    const follower = groups.find(g => g !== leader)!
    const fi = groups.indexOf(follower)
    const index = leader.lastIndex + 1
    storages[fi].hold()
    const mark = sent.length
    // The other follower and the leader commit it; this follower got it (its save started) but holds.
    await Promise.all([leader.propose(enc('y')), storages[fi].saveStarted()])
    assert.ok(follower.lastIndex >= index, 'the follower has the entry (not yet durable)')
    const early = sent.slice(mark).filter(s => s.from === follower.id && s.m.type === 'appendResponse' && s.m.index >= index)
    assert.deepEqual(early, [], 'no append response before the save is durable')
    const answered = next(s => s.from === follower.id && s.m.type === 'appendResponse' && !s.m.reject && s.m.index >= index)
    storages[fi].release()
    await answered
  })

  it("a vote waits for the voter's save of its term and vote", async () => {
    const { groups, storages, sent, next } = await start()
    const leader = await stableLeader(groups)
    const [candidate, voter] = groups.filter(g => g !== leader)
    const vi = groups.indexOf(voter)
    storages[vi].hold()
    const mark = sent.length
    const granted = next(s => s.from === voter.id && s.to === candidate.id && s.m.type === 'voteResponse')
    // The candidate wins with the old leader's vote; the held voter has its term and vote to write.
    await leader.transferLeadership(candidate.id)
    await until(groups, () => candidate.isLeader, 'the candidate to lead')
    await storages[vi].saveStarted()
    const early = sent.slice(mark).filter(s => s.from === voter.id && (s.m.type === 'voteResponse' || s.m.type === 'appendResponse'))
    assert.deepEqual(early, [], 'nothing from the voter before its term and vote are durable')
    storages[vi].release()
    await granted
  })
})

describe('splitBeforePersist', () => {
  const append: Message = { type: 'append', from: 'a', to: 'b', term: 2, index: 4, logTerm: 2, entries: [], commit: 3 }
  const heartbeat: Message = { type: 'heartbeat', from: 'a', to: 'b', term: 2, commit: 3, commitTerm: 2 }
  const others: Message[] = [
    { type: 'appendResponse', from: 'a', to: 'b', term: 2, index: 4, reject: false, hintIndex: 0, hintTerm: 0 },
    { type: 'heartbeatResponse', from: 'a', to: 'b', term: 2 },
    { type: 'vote', from: 'a', to: 'b', term: 2, index: 4, logTerm: 2, transfer: false },
    { type: 'voteResponse', from: 'a', to: 'b', term: 2, reject: false },
    { type: 'preVoteResponse', from: 'a', to: 'b', term: 3, reject: false },
    { type: 'timeoutNow', from: 'a', to: 'b', term: 2 }
  ]
  const ready = (extra: Partial<Ready> = {}): Ready => ({ entries: [], messages: [append, heartbeat, ...others], committedEntries: [], readStates: [], ...extra })
  const saved = { term: 2, vote: 'a', commit: 3 }

  it('sends appends and heartbeats early when term and vote are already durable', () => {
    for (const rd of [ready(), ready({ hardState: { term: 2, vote: 'a', commit: 4 } })]) {
      const { early, later } = splitBeforePersist(rd, saved)
      assert.deepEqual(early, [append, heartbeat])
      assert.deepEqual(later, others)
    }
  })

  it('sends nothing early when the term or vote changes, is unknown, or a snapshot installs', () => {
    for (const [rd, s] of [
      [ready({ hardState: { term: 3, vote: 'a', commit: 3 } }), saved],
      [ready({ hardState: { term: 2, vote: 'c', commit: 3 } }), saved],
      [ready({ hardState: { term: 2, vote: 'a', commit: 4 } }), undefined],
      [ready({ snapshot: { meta: { index: 3, term: 2, membership: { voters: ['a', 'b'], learners: [] } }, data: new Uint8Array() } }), saved]
    ] as const) {
      const { early, later } = splitBeforePersist(rd, s)
      assert.deepEqual(early, [])
      assert.equal(later.length, 8)
    }
  })
})
