// The owner's credit accounting and command batching, on a one-member Raft group in memory:
// credit of a delivery comes back when an ack naming the consumer's session arrives, once per
// delivery; the owner never pushes more than the credit; the commands of one turn share an entry.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryRaftNetwork } from '../../src/raft/transport/memory.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { createRaftHost, type RaftGroup, type RaftHost } from '../../src/raft/driver/index.js'
import { QueueOwner } from '../../src/queue/owner.js'
import { ReplicaStateMachine, type AppliedResult } from '../../src/queue/replica-state.js'
import type { QueuePlacement } from '../../src/queue/placement.js'
import type { DeliveryMsg, Push } from '../../src/queue/protocol/queue-protocol.js'
import type { Fence, QueueResult } from '../../src/queue/state/index.js'
import { until } from '../raft/driver-helpers.js'

const placement: QueuePlacement = {
  queue: 'credit',
  groupId: 'q/credit',
  replicas: ['solo'],
  preferredOwner: '',
  version: 1,
  settings: { replicas: 1, maxLength: 0, maxBytes: 0, maxDeliveries: 0, dedupWindowMs: 60_000, ackTimeoutMs: 60_000 }
}

const fenceOf = (d: DeliveryMsg): Fence => ({ ...d.fence! })

/** Records what an owner pushes, per `peer/session`, in push order; `pushes` waits for a count. */
function pushRecorder (): { pushed: Map<string, DeliveryMsg[]>, push: (peer: string, p: Push) => boolean, pushes: (key: string, n: number) => Promise<DeliveryMsg[]> } {
  const pushed = new Map<string, DeliveryMsg[]>()
  let onPush: (() => void) | undefined
  const push = (peer: string, p: Push): boolean => {
    const key = `${peer}/${p.session}`
    pushed.set(key, [...(pushed.get(key) ?? []), ...p.deliveries])
    onPush?.()
    return true
  }
  const pushes = async (key: string, n: number): Promise<DeliveryMsg[]> => {
    while ((pushed.get(key)?.length ?? 0) < n) await new Promise<void>(resolve => { onPush = resolve })
    return pushed.get(key) ?? []
  }
  return { pushed, push, pushes }
}

interface SoloOwner { group: RaftGroup<AppliedResult>, state: ReplicaStateMachine, owner: QueueOwner, stop: () => Promise<void> }

/** A queue owner on a one-member Raft group in memory; `onApplied` sees each result before the owner. */
async function soloOwner (pl: QueuePlacement, push: (peer: string, p: Push) => boolean, onApplied?: (r: QueueResult) => void): Promise<SoloOwner> {
  const net = new MemoryRaftNetwork()
  const host = await createRaftHost({ transport: net.transport('solo') })
  const state = new ReplicaStateMachine({})
  const group = await host.createGroup<AppliedResult>({ groupId: pl.groupId, members: ['solo'], storage: new MemoryStorage(), stateMachine: state })
  await until([group], () => group.isLeader, 'the lone member to lead')
  const owner = new QueueOwner(group, state, () => pl, push, 'test')
  state.onApplied = r => { onApplied?.(r); owner.applied(r) }
  return { group, state, owner, stop: async () => { owner.close('done'); await host.stop({ transferLeadership: false }); net.stop() } }
}

describe('queue owner: credit and batching', () => {
  let solo: SoloOwner
  let group: RaftGroup<AppliedResult>
  let state: ReplicaStateMachine
  let owner: QueueOwner
  const { pushed, push, pushes } = pushRecorder()

  before(async () => {
    solo = await soloOwner(placement, push)
    ;({ group, state, owner } = solo)
  })
  after(async () => { await solo.stop() })

  /** Deliveries still leased to the sessions of the earlier tests. */
  let leasedBefore = 0
  const leasedElsewhere = (): number => leasedBefore


  it('puts of one turn go into one log entry; each caller gets its own result', async () => {
    const before = group.lastIndex
    const results = await Promise.all(Array.from({ length: 20 }, async (_, i) => await owner.propose({ put: { id: `m${i}`, payload: new Uint8Array([i]) } })))
    assert.deepEqual(results.map(r => r.command === 'put' && r.status === 'ok' && r.seq), Array.from({ length: 20 }, (_, i) => i + 1))
    assert.equal(group.lastIndex, before + 1, 'one batch entry')
    // The same id twice in one turn: stored once, both answered with its seq.
    const [a, b] = await Promise.all([owner.propose({ put: { id: 'dup', payload: new Uint8Array(1) } }), owner.propose({ put: { id: 'dup', payload: new Uint8Array(2) } })])
    assert.ok(a.command === 'put' && a.status === 'ok' && !a.duplicate)
    assert.ok(b.command === 'put' && b.status === 'ok' && b.duplicate && b.seq === a.seq)
  })

  it('pushes at most the credit; an ack naming the session returns its credit once, when it arrives', async () => {
    owner.openSession('p', 1, 4)
    const first = await pushes('p/1', 4)
    assert.equal(first.length, 4)
    assert.equal(state.machine.stats().leased, 4)
    // Credit comes back for a fence pushed to that session, once: a retried ack finds it returned.
    assert.deepEqual(owner.returnCredit('p', 1, [fenceOf(first[0]), fenceOf(first[0])]), [true, false])
    assert.deepEqual(owner.returnCredit('p', 1, [fenceOf(first[0])]), [false])
    // Not for another session's fence, a stale fence, or a session that does not exist here.
    owner.openSession('q', 7, 0)
    assert.deepEqual(owner.returnCredit('q', 7, [fenceOf(first[1])]), [false])
    assert.deepEqual(owner.returnCredit('p', 1, [{ ...fenceOf(first[1]), attempt: 9 }]), [false])
    assert.deepEqual(owner.returnCredit('p', 99, [fenceOf(first[1])]), [false])
    // Exactly the one returned credit is used: one more delivery (after its lease committed).
    const next = await pushes('p/1', 5)
    assert.equal(next.length, 5)
    assert.equal(state.machine.stats().leased, 5)
    // The ack itself commits later and resolves on its own; its credit is not counted again.
    const r = await owner.propose({ ack: fenceOf(first[0]) })
    assert.equal(r.status, 'acked')
    assert.equal(owner.returnCredit('p', 1, [fenceOf(first[0])])[0], false)
    // A delivery whose lease ended (here: nacked) is no longer outstanding: an ack of it returns nothing.
    const n = await owner.propose({ nack: { ...fenceOf(first[1]) } })
    assert.equal(n.status, 'released')
    assert.deepEqual(owner.returnCredit('p', 1, [fenceOf(first[1])]), [false])
    // Credit granted explicitly (a nack's) works as before.
    assert.equal(owner.grant('p', 1, 1), true)
    const after = await pushes('p/1', 6)
    assert.equal(after.length, 6)
    // Six pushed (4 opened + 1 returned + 1 granted), one acked, one nacked: four held.
    assert.equal(state.machine.stats().leased, 4)
    owner.closeSession('p', 1)
    owner.closeSession('q', 7)
  })

  it('a session reopened at the same owner keeps its outstanding deliveries: their acks still return credit', async () => {
    owner.openSession('r', 3, 2)
    const got = await pushes('r/3', 2)
    // The consumer reopens declaring what it holds (both): credit 0; acking one later gives one back.
    owner.openSession('r', 3, 0)
    assert.deepEqual(owner.returnCredit('r', 3, [fenceOf(got[0])]), [true])
    const more = await pushes('r/3', 3)
    assert.equal(more.length, 3)
    owner.closeSession('r', 3)
    // Closed: nothing outstanding any more.
    assert.deepEqual(owner.returnCredit('r', 3, [fenceOf(got[1])]), [false])
  })

  it('a reopen counting deliveries still on the wire as free does not raise the credit past prefetch', async () => {
    leasedBefore = state.machine.stats().leased
    owner.openSession('s', 5, 3, 3)
    const got = await pushes('s/5', 3)
    // The consumer reopens before those three arrive: it holds nothing and asks for all 3 again.
    owner.openSession('s', 5, 3, 3)
    // Two turns of the owner later (a lease the reopen allowed would have been pushed by then).
    await owner.propose({ expire: {} })
    await owner.propose({ expire: {} })
    assert.equal(pushed.get('s/5')?.length, 3)
    assert.equal(state.machine.stats().leased, 3 + leasedElsewhere())
    // One comes back: exactly one more is pushed.
    assert.deepEqual(owner.returnCredit('s', 5, [fenceOf(got[0])]), [true])
    const more = await pushes('s/5', 4)
    assert.equal(more.length, 4)
    assert.equal(state.machine.stats().leased, 4 + leasedElsewhere())
    owner.closeSession('s', 5)
  })
})

describe('queue owner: leasing ahead of credit from a backlog', () => {
  const aheadPlacement: QueuePlacement = { ...placement, queue: 'ahead', groupId: 'q/ahead' }
  let solo: SoloOwner
  let group: RaftGroup<AppliedResult>
  let state: ReplicaStateMachine
  let owner: QueueOwner
  const { pushed, push, pushes } = pushRecorder()
  /** Ids in every committed lease, in order. */
  const leasedIds: string[] = []

  before(async () => {
    solo = await soloOwner(aheadPlacement, push, r => { if (r.command === 'lease') for (const d of r.deliveries) leasedIds.push(d.id) })
    ;({ group, state, owner } = solo)
    await owner.propose({ configure: { maxDeliveries: 2 } })
    // A backlog well past the point where the owner starts leasing ahead.
    await owner.proposeAll(Array.from({ length: 600 }, (_, i) => ({ put: { id: `b${i}`, payload: new Uint8Array([i & 0xff]) } })))
  })
  after(async () => { await solo.stop() })

  const leased = (): number => state.machine.stats().leased

  it('holds up to two prefetches more than the credit, pushes no more than the credit, and pushes held leases the moment credit returns', async () => {
    owner.openSession('a', 1, 8, 8)
    const first = await pushes('a/1', 8)
    await until([group], () => leased() === 24, '8 pushed and 16 held ahead')
    await owner.propose({ expire: {} }) // a turn more: nothing else is pushed or leased
    assert.equal(pushed.get('a/1')?.length, 8)
    assert.equal(leased(), 24)
    const heldAhead = leasedIds.slice(8, 24)
    const commitsBefore = group.commitIndex
    // Three acks arrive: three held leases go out in that very turn, before anything new commits.
    owner.returnCredit('a', 1, first.slice(0, 3).map(fenceOf))
    const now = await pushes('a/1', 11)
    assert.equal(group.commitIndex, commitsBefore, 'no commit between the credit and the push')
    assert.deepEqual(now.slice(8).map(d => d.fence!.id), heldAhead.slice(0, 3), 'the oldest held leases, in lease order')
    // The reserve is topped up again (the three returned are still leased: no ack was applied).
    await until([group], () => leased() === 27, 'the reserve refilled')
    assert.equal(pushed.get('a/1')?.length, 11)
    owner.closeSession('a', 1)
    await until([group], () => leased() === 11, 'closing gives the 16 held back at once, not after the ack timeout')
    assert.equal(pushed.get('a/1')?.length, 11)
  })

  it('gives back unsent what a consumer does not take within the hold limit; another session gets it, its delivery budget intact', async () => {
    const before = leased()
    owner.openSession('slow', 2, 4, 4)
    await pushes('slow/2', 4)
    await until([group], () => leased() === before + 12, '4 pushed and 8 held')
    const held = leasedIds.slice(-8)
    // The slow consumer acks nothing: after ~250 ms its held leases are ready again.
    await until([group], () => leased() === before + 4, 'the held leases given back', 5_000)
    assert.equal(pushed.get('slow/2')?.length, 4)
    owner.closeSession('slow', 2)
    const taken: DeliveryMsg[] = []
    owner.openSession('fast', 3, 600, 600)
    while (taken.length === 0) {
      const got = await pushes('fast/3', 1)
      taken.push(...got.filter(d => held.includes(d.fence!.id)))
    }
    // Every lease before this one was given back unsent (the slow session may have held it again,
    // with its reserve halved, before it closed): with maxDeliveries 2 a nack of this, its only
    // real delivery, releases it rather than dead-lettering it.
    const d = taken[0]
    assert.ok(d.fence!.attempt >= 2, `attempt ${d.fence!.attempt}`)
    const r = await owner.propose({ nack: fenceOf(d) })
    assert.equal(r.command === 'nack' && r.status, 'released')
    owner.closeSession('fast', 3)
  })
})

describe('queue owner: a new owner re-pushes earlier leases within credit', () => {
  const ids = ['x', 'y', 'z']
  const failoverPlacement: QueuePlacement = { ...placement, queue: 'failover', groupId: 'q/failover', replicas: ids }
  const net = new MemoryRaftNetwork()
  const hosts: RaftHost[] = []
  const groups: Array<RaftGroup<AppliedResult>> = []
  const states: ReplicaStateMachine[] = []
  const owners: QueueOwner[] = []
  const { pushed, push, pushes } = pushRecorder()
  /** An owner for the member that leads now, fed by that member's replica. */
  const ownerAt = (i: number): QueueOwner => {
    const o = new QueueOwner(groups[i], states[i], () => failoverPlacement, push, `test-${ids[i]}`)
    states[i].onApplied = r => { o.applied(r) }
    owners.push(o)
    return o
  }

  before(async () => {
    for (const id of ids) {
      const h = await createRaftHost({ transport: net.transport(id) })
      hosts.push(h)
      const st = new ReplicaStateMachine({})
      states.push(st)
      groups.push(await h.createGroup<AppliedResult>({ groupId: failoverPlacement.groupId, members: ids, storage: new MemoryStorage(), stateMachine: st }))
    }
  })
  after(async () => {
    for (const o of owners) o.close('done')
    await Promise.all(hosts.map(async h => { await h.stop({ transferLeadership: false }) }))
    net.stop()
  })

  it('holds what is beyond the credit, pushes it as credit returns, and never gives it back unsent', async () => {
    await until(groups, () => groups.some(g => g.isLeader), 'a leader')
    const first = groups.findIndex(g => g.isLeader)
    const a = ownerAt(first)
    await a.proposeAll(Array.from({ length: 600 }, (_, i) => ({ put: { id: `f${i}`, payload: new Uint8Array([1]) } })))
    a.openSession('p', 1, 8, 8)
    await pushes('p/1', 8)
    const leased = (): number => states[first].machine.stats().leased
    await until(groups, () => leased() === 24, '8 pushed and 16 held ahead')
    // The owner changes: 24 leases of an earlier term, the consumer holds 8 of them.
    const next = (first + 1) % ids.length
    await groups[first].transferLeadership(ids[next])
    a.close('moved', ids[next])
    await until(groups, () => groups[next].isLeader, 'the new leader')
    const b = ownerAt(next)
    // The consumer reopens holding 8 (credit 0): nothing may be pushed.
    b.openSession('p', 1, 0, 8)
    await b.propose({ expire: {} })
    await groups[next].readIndex() // the re-push waits for one: by now it has run
    await b.propose({ expire: {} })
    assert.equal(pushed.get('p/1')?.length, 8, 'nothing pushed beyond a credit of 0')
    // Credit returns: exactly that many, the earlier owner's leases first.
    b.grant('p', 1, 5)
    const got = await pushes('p/1', 13)
    await b.propose({ expire: {} })
    assert.equal(pushed.get('p/1')?.length, 13)
    assert.ok(got.slice(8).every(d => d.fence!.term < b.term), 'leases of the earlier owner')
    // Closing the session gives back what this owner leased ahead, and leaves the 24 earlier leases
    // leased (to expire): the consumer may hold any of them.
    b.closeSession('p', 1)
    await until(groups, () => states[next].machine.stats().leased === 24, 'its own held leases given back')
    assert.deepEqual([...states[next].machine.leased()].map(d => d.term < b.term), Array.from({ length: 24 }, () => true))
  })
})
