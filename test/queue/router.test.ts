// The request router against a scripted service: where it sends each attempt, and when.
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { describe, it } from 'node:test'
import { QueueRouter } from '../../src/queue/router.js'
import type { QueueService } from '../../src/queue/service.js'
import type { Response } from '../../src/queue/protocol/queue-protocol.js'

const ok = (rid = 1): Response => ({ rid, puts: [], dead: [], fences: [] })
const notOwner = (hint = ''): Response => ({ ...ok(), error: { code: 'NOT_OWNER', message: 'not the owner', leaderHint: hint } })

/** A service whose replicas are a, b, c (this peer hosts one of the queue's replicas: `group`). */
function scripted (answer: (target: string, attempt: number) => Response | Promise<Response>): { svc: QueueService, group: EventEmitter & { leader: string }, targets: string[] } {
  const group = Object.assign(new EventEmitter(), { leader: '' })
  const targets: string[] = []
  const svc = {
    self: 'a',
    running: true,
    reachable: () => true,
    directory: { get: () => ({ queue: 'q', replicas: ['a', 'b', 'c'], preferredOwner: 'a' }), members: () => ['a', 'b', 'c'] },
    replicaFor: () => ({ replica: { group }, placement: undefined, starting: false }),
    request: async (target: string) => { targets.push(target); return await answer(target, targets.length) }
  }
  return { svc: svc as unknown as QueueService, group, targets }
}

describe('QueueRouter', () => {
  it('follows a NOT_OWNER hint at once and remembers the owner that answered', async () => {
    const { svc, targets } = scripted(target => target === 'c' ? ok() : notOwner('c'))
    const router = new QueueRouter(svc, 'q')
    const { peer } = await router.call({ stats: {} }, { deadline: Date.now() + 5000 })
    assert.equal(peer, 'c')
    assert.deepEqual(targets, ['a', 'c'])
    assert.equal(router.owner, 'c')
  })

  it('while an election runs, tries the leader this peer\'s replica learns of the moment it is elected', async () => {
    // Nobody knows a leader yet (NOT_OWNER without a hint) until `group` elects c; the attempt
    // after that must go to c, not to b, which the rotation would pick next.
    const { svc, group, targets } = scripted((target, n) => {
      if (n === 1) setTimeout(() => { group.leader = 'c'; group.emit('leader', 'c') }, 5)
      return group.leader === '' ? notOwner() : (target === 'c' ? ok() : notOwner('c'))
    })
    const router = new QueueRouter(svc, 'q')
    const { peer } = await router.call({ stats: {} }, { deadline: Date.now() + 5000 })
    assert.equal(peer, 'c')
    assert.deepEqual(targets, ['a', 'c'])
  })

  it('gives up at the deadline with a TimeoutError that names the last error', async () => {
    const { svc } = scripted(() => notOwner())
    const router = new QueueRouter(svc, 'q')
    await assert.rejects(router.call({ stats: {} }, { deadline: Date.now() + 150, what: 'stats' }), (err: Error) => err.name === 'TimeoutError' && /stats did not complete in time.*NOT_OWNER|not the owner/.test(err.message))
  })
})
