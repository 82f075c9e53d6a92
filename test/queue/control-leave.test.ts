// The pure parts of a graceful leave: the control state machine's leave command and the repair
// plan for replicas that left (replaced, or dropped where nobody can take their place).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ControlStateMachine, encodeCommand, type ControlResult } from '../../src/queue/control/state.js'
import { planRepairs } from '../../src/queue/control/index.js'
import type { QueuePlacement, QueueSettings } from '../../src/queue/placement.js'
import type { Entry } from '../../src/raft/storage.js'

const settings = (replicas = 3): QueueSettings => ({ replicas, maxLength: 0, maxBytes: 0, maxDeliveries: 5, dedupWindowMs: 120_000, ackTimeoutMs: 30_000 })

let index = 0
const entry = (data: Uint8Array): Entry => ({ term: 1, index: ++index, type: 'normal', data })

describe('control state machine: leave', () => {
  it('forgets the member (no tombstone), keeps it where placements list it, refuses it as a new replica, and a join records it again', () => {
    const members: string[][] = []
    const sm = new ControlStateMachine({ onMembers: ids => { members.push(ids) } })
    sm.apply(entry(encodeCommand({ found: { clusterId: 'c1', founders: ['p1', 'p2', 'p3'] } }, 1000)))
    const declared = sm.apply(entry(encodeCommand({ declare: { queue: 'jobs', settings: settings(3) } }, 2000))) as Extract<ControlResult, { type: 'placement' }>
    assert.deepEqual([...declared.placement.replicas].sort(), ['p1', 'p2', 'p3'])

    assert.deepEqual(sm.apply(entry(encodeCommand({ leave: { peer: 'p3' } }, 3000))), { type: 'ok' })
    assert.deepEqual(sm.memberIds(), ['p1', 'p2'])
    assert.deepEqual(members.at(-1), ['p1', 'p2'])
    assert.equal(sm.members.has('p3'), false)
    // Twice, or for a stranger: a no-op.
    assert.deepEqual(sm.apply(entry(encodeCommand({ leave: { peer: 'p3' } }, 3001))), { type: 'ok' })
    assert.equal(sm.apply(entry(encodeCommand({ leave: { peer: '' } }, 3002))).type, 'invalid')
    assert.equal(members.length, 2)

    // An update may keep the replica that left (nobody could take its place yet)…
    const keep = sm.apply(entry(encodeCommand({ update: { queue: 'jobs', replicas: ['p3', 'p1', 'p2'], preferredOwner: 'p1', expectVersion: 1 } }, 4000)))
    assert.equal(keep.type, 'placement')
    // …but never add a peer that is not a member.
    sm.apply(entry(encodeCommand({ update: { queue: 'jobs', replicas: ['p1', 'p2'], preferredOwner: 'p1', expectVersion: 2 } }, 4001)))
    const readd = sm.apply(entry(encodeCommand({ update: { queue: 'jobs', replicas: ['p1', 'p2', 'p3'], preferredOwner: 'p1', expectVersion: 3 } }, 4002)))
    assert.equal(readd.type, 'invalid')

    // A snapshot carries no trace of it; a later join records it afresh.
    const copy = new ControlStateMachine()
    copy.restore(sm.snapshot())
    assert.deepEqual(copy.memberIds(), ['p1', 'p2'])
    sm.apply(entry(encodeCommand({ join: { peer: 'p3' } }, 5000)))
    assert.deepEqual(sm.memberIds(), ['p1', 'p2', 'p3'])
    assert.deepEqual(sm.upMembers(), ['p1', 'p2', 'p3'])
  })
})

describe('placement repair plan: replicas that left', () => {
  const placement = (queue: string, replicas: string[], owner: string, replicasWanted = 3): QueuePlacement =>
    ({ queue, groupId: `q/${queue}`, replicas, preferredOwner: owner, version: 1, settings: settings(replicasWanted) })

  it('replaces a replica that left with a free live peer, in place, and moves its ownership', () => {
    const changes = planRepairs({ placements: [placement('a', ['p1', 'p2'], 'p1', 2)], live: new Set(['p2', 'p3']), dead: new Set(), left: new Set(['p1']) })
    assert.equal(changes.length, 1)
    assert.deepEqual(changes[0]!.replicas, ['p3', 'p2'])
    assert.notEqual(changes[0]!.preferredOwner, 'p1')
  })

  it('drops it when no live peer is free (unlike a dead replica, which is kept)', () => {
    const ps = [placement('a', ['p1', 'p2', 'p3'], 'p1')]
    assert.deepEqual(planRepairs({ placements: ps, live: new Set(['p1', 'p2']), dead: new Set(['p3']) }), [])
    const changes = planRepairs({ placements: ps, live: new Set(['p1', 'p2']), dead: new Set(), left: new Set(['p3']) })
    assert.equal(changes.length, 1)
    assert.deepEqual(changes[0]!.replicas, ['p1', 'p2'])
    assert.equal(changes[0]!.preferredOwner, 'p1')
  })

  it('keeps the last replica when nobody can take it (the queue would be gone)', () => {
    assert.deepEqual(planRepairs({ placements: [placement('a', ['p1'], 'p1')], live: new Set(), dead: new Set(), left: new Set(['p1']) }), [])
  })

  it('a sole replica that left moves to a live peer', () => {
    const changes = planRepairs({ placements: [placement('a', ['p2'], 'p2', 1)], live: new Set(['p1']), dead: new Set(), left: new Set(['p2']) })
    assert.deepEqual(changes.map(c => [c.replicas, c.preferredOwner]), [[['p1'], 'p1']])
  })
})
