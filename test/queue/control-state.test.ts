// The control plane's pure parts: the replicated state machine (determinism, CAS updates,
// snapshots, bad input) and the placement/repair algorithm.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ControlStateMachine, type ControlResult } from '../../src/queue/control/state.js'
import { encodeCommand } from '../../src/queue/control/state.js'
import { planRepairs, voterTarget, foundersOf } from '../../src/queue/control/index.js'
import type { QueuePlacement, QueueSettings } from '../../src/queue/placement.js'
import type { Entry } from '../../src/raft/storage.js'

const settings = (replicas = 3): QueueSettings => ({ replicas, maxLength: 0, maxBytes: 0, maxDeliveries: 5, dedupWindowMs: 120_000, ackTimeoutMs: 30_000 })
const peers = ['p1', 'p2', 'p3', 'p4', 'p5']

let index = 0
const entry = (data: Uint8Array): Entry => ({ term: 1, index: ++index, type: 'normal', data })

function cluster (ids = peers): ControlStateMachine {
  const sm = new ControlStateMachine()
  sm.apply(entry(encodeCommand({ found: { clusterId: 'c1', founders: ids.slice(0, 3) } }, 1000)))
  for (const id of ids.slice(3)) sm.apply(entry(encodeCommand({ join: { peer: id } }, 1001)))
  return sm
}

function declare (sm: ControlStateMachine, queue: string, s = settings()): QueuePlacement {
  const r = sm.apply(entry(encodeCommand({ declare: { queue, settings: { ...s } } }, 2000)))
  assert.equal(r.type, 'placement', JSON.stringify(r))
  return (r as Extract<ControlResult, { type: 'placement' }>).placement
}

describe('control state machine', () => {
  it('records the founding once, members, and ignores a second founding', () => {
    const sm = cluster()
    assert.equal(sm.clusterId, 'c1')
    assert.deepEqual(sm.founders, ['p1', 'p2', 'p3'])
    assert.deepEqual(sm.memberIds(), peers)
    sm.apply(entry(encodeCommand({ found: { clusterId: 'c2', founders: ['x'] } }, 1500)))
    assert.equal(sm.clusterId, 'c1')
    assert.deepEqual(sm.memberIds(), peers)
  })

  it('declare is deterministic and idempotent: the first declaration wins', () => {
    const a = cluster()
    const b = cluster()
    const pa = declare(a, 'jobs')
    const pb = declare(b, 'jobs')
    assert.deepEqual(pa, pb)
    assert.equal(pa.version, 1)
    assert.equal(pa.groupId, 'q/jobs')
    assert.equal(pa.replicas.length, 3)
    assert.ok(pa.replicas.includes(pa.preferredOwner))
    const again = declare(a, 'jobs', settings(1))
    assert.deepEqual(again, pa)
  })

  it('uses fewer replicas on a smaller cluster, and only members recorded up', () => {
    const sm = cluster(['p1'])
    assert.deepEqual(declare(sm, 'solo').replicas, ['p1'])
    const five = cluster()
    five.apply(entry(encodeCommand({ liveness: { up: [], down: ['p4', 'p5'] } }, 3000)))
    const p = declare(five, 'q', settings(5))
    assert.deepEqual([...p.replicas].sort(), ['p1', 'p2', 'p3'])
  })

  it('spreads 10 queues × 3 replicas over 5 peers, owners balanced', () => {
    const sm = cluster()
    for (let i = 0; i < 10; i++) declare(sm, `q${i}`)
    const load = new Map<string, number>()
    const owned = new Map<string, number>()
    for (const p of sm.placements.values()) {
      for (const r of p.replicas) load.set(r, (load.get(r) ?? 0) + 1)
      owned.set(p.preferredOwner, (owned.get(p.preferredOwner) ?? 0) + 1)
    }
    assert.deepEqual([...load.values()], [6, 6, 6, 6, 6])
    for (const n of owned.values()) assert.equal(n, 2)
  })

  it('update is a compare-and-set on the version and validates replicas', () => {
    const sm = cluster()
    const p = declare(sm, 'jobs')
    const other = peers.find(x => !p.replicas.includes(x))!
    const next = [other, ...p.replicas.slice(1)]
    const ok = sm.apply(entry(encodeCommand({ update: { queue: 'jobs', replicas: next, preferredOwner: other, expectVersion: 1 } }, 3000)))
    assert.equal(ok.type, 'placement')
    assert.equal(sm.placements.get('jobs')!.version, 2)
    const stale = sm.apply(entry(encodeCommand({ update: { queue: 'jobs', replicas: p.replicas, preferredOwner: p.replicas[0]!, expectVersion: 1 } }, 3000)))
    assert.equal(stale.type, 'conflict')
    const bad = sm.apply(entry(encodeCommand({ update: { queue: 'jobs', replicas: ['nobody'], preferredOwner: '', expectVersion: 2 } }, 3000)))
    assert.equal(bad.type, 'invalid')
    assert.equal(sm.placements.get('jobs')!.version, 2)
  })

  it('snapshot round-trips; restore reports placements and members', () => {
    const sm = cluster()
    for (let i = 0; i < 4; i++) declare(sm, `q${i}`)
    sm.apply(entry(encodeCommand({ liveness: { up: [], down: ['p5'] } }, 5000)))
    const seen: string[] = []
    let members: string[] = []
    const copy = new ControlStateMachine({ onPlacement: p => seen.push(p.queue), onMembers: ids => { members = ids } })
    copy.restore(sm.snapshot())
    assert.deepEqual(copy.snapshot(), sm.snapshot())
    assert.deepEqual(seen.sort(), ['q0', 'q1', 'q2', 'q3'])
    assert.deepEqual(members, peers)
    assert.equal(copy.members.get('p5')!.up, false)
    assert.equal(copy.members.get('p5')!.lastSeen, 5000)
  })

  it('bad input applies as a no-op with an invalid result', () => {
    const sm = cluster()
    const before = sm.snapshot()
    for (const data of [new Uint8Array([0xff, 0xff, 0xff]), new Uint8Array(0), encodeCommand({}, 1)]) {
      assert.equal(sm.apply(entry(data)).type, 'invalid')
    }
    assert.equal(sm.apply(entry(encodeCommand({ declare: { queue: '', settings: settings() } }, 1))).type, 'invalid')
    assert.equal(sm.apply(entry(encodeCommand({ declare: { queue: 'x'.repeat(300), settings: settings() } }, 1))).type, 'invalid')
    assert.equal(sm.apply(entry(encodeCommand({ declare: { queue: 'z', settings: { ...settings(), replicas: 0 } } }, 1))).type, 'invalid')
    assert.deepEqual(sm.snapshot(), before)
    assert.equal(sm.placements.size, 0)
  })

  it('never reads a clock: time only moves forward with the stamps', () => {
    const sm = cluster()
    sm.apply(entry(encodeCommand({ liveness: { up: [], down: ['p4'] } }, 9000)))
    sm.apply(entry(encodeCommand({ liveness: { up: [], down: [] } }, 100))) // a leader whose clock is behind
    assert.equal(sm.now, 9000)
  })

  it('founders are found in persisted state (log or snapshot)', () => {
    const sm = cluster()
    const log = [{ term: 1, index: 1, type: 'noop' as const, data: new Uint8Array(0) }, { term: 1, index: 2, type: 'normal' as const, data: encodeCommand({ found: { clusterId: 'c', founders: ['b', 'a'] } }, 1) }]
    assert.deepEqual(foundersOf({ hardState: { term: 1, vote: '', commit: 2 }, snapshot: null, entries: log }), ['b', 'a'])
    assert.deepEqual(foundersOf({ hardState: { term: 1, vote: '', commit: 0 }, snapshot: { meta: { index: 9, term: 1, membership: { voters: ['x'], learners: [] } }, data: sm.snapshot() }, entries: [] }), ['p1', 'p2', 'p3'])
    assert.equal(foundersOf({ hardState: { term: 3, vote: 'a', commit: 0 }, snapshot: null, entries: [] }), undefined)
  })
})

describe('placement repair plan', () => {
  const placement = (queue: string, replicas: string[], owner: string, version = 1): QueuePlacement =>
    ({ queue, groupId: `q/${queue}`, replicas, preferredOwner: owner, version, settings: settings() })

  it('replaces dead replicas in place with the least loaded live peer, and moves their ownership', () => {
    const ps = [placement('a', ['p1', 'p2', 'p3'], 'p1'), placement('b', ['p1', 'p4', 'p5'], 'p4'), placement('c', ['p2', 'p3', 'p4'], 'p2')]
    const changes = planRepairs({ placements: ps, live: new Set(['p2', 'p3', 'p4', 'p5']), dead: new Set(['p1']) })
    const byQueue = new Map(changes.map(c => [c.queue, c]))
    assert.deepEqual(byQueue.get('a')!.replicas, ['p5', 'p2', 'p3'])
    assert.notEqual(byQueue.get('a')!.preferredOwner, 'p1')
    assert.deepEqual(byQueue.get('b')!.replicas.slice(1), ['p4', 'p5'])
    assert.ok(['p2', 'p3'].includes(byQueue.get('b')!.replicas[0]!))
    assert.equal(byQueue.has('c'), false)
    for (const c of changes) assert.equal(c.expectVersion, 1)
  })

  it('keeps a dead replica when no live peer is free (a dead voter beats a shrunken group)', () => {
    const changes = planRepairs({ placements: [placement('a', ['p1', 'p2', 'p3'], 'p2')], live: new Set(['p2', 'p3']), dead: new Set(['p1']) })
    assert.deepEqual(changes, [])
  })

  it('grows under-replicated queues as the cluster grows', () => {
    const changes = planRepairs({ placements: [placement('a', ['p1'], 'p1')], live: new Set(['p1', 'p2', 'p3', 'p4']), dead: new Set() })
    assert.equal(changes.length, 1)
    assert.equal(changes[0]!.replicas.length, 3)
    assert.equal(changes[0]!.replicas[0], 'p1')
  })

  it('rebalances owners so no peer owns everything', () => {
    const ps = Array.from({ length: 6 }, (_, i) => placement(`q${i}`, ['p1', 'p2', 'p3'], 'p1'))
    let current = ps
    for (let round = 0; round < 10; round++) {
      const changes = planRepairs({ placements: current, live: new Set(['p1', 'p2', 'p3']), dead: new Set() })
      if (changes.length === 0) break
      const byQueue = new Map(changes.map(c => [c.queue, c]))
      current = current.map(p => byQueue.has(p.queue) ? { ...p, preferredOwner: byQueue.get(p.queue)!.preferredOwner, version: p.version + 1 } : p)
    }
    const owned = new Map<string, number>()
    for (const p of current) owned.set(p.preferredOwner, (owned.get(p.preferredOwner) ?? 0) + 1)
    assert.deepEqual([...owned.values()].sort(), [2, 2, 2])
  })

  it('voter target: odd, up to maxVoters', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map(n => voterTarget(n, 3)), [1, 1, 3, 3, 3, 3, 3])
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map(n => voterTarget(n, 5)), [1, 1, 3, 3, 5, 5, 5])
  })
})
