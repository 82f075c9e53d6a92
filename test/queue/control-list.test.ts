// The control protocol's `list` reply: pages of placements in queue-name order.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ControlFrame } from '../../src/queue/control/control.js'
import { listPage } from '../../src/queue/control/plane.js'
import type { QueuePlacement } from '../../src/queue/placement.js'

const settings = { replicas: 3, maxLength: 0, maxBytes: 0, maxDeliveries: 0, dedupWindowMs: 0, ackTimeoutMs: 30_000 }
const placement = (queue: string): QueuePlacement => ({ queue, groupId: `q/${queue}`, replicas: ['a', 'b', 'c'], preferredOwner: 'a', version: 2, settings })

describe('control list', () => {
  it('lists every placement sorted by name, after the cursor', () => {
    const all = ['c', 'a', 'b'].map(placement)
    assert.deepEqual(listPage(all, '').placements.map(p => p.queue), ['a', 'b', 'c'])
    assert.equal(listPage(all, '').more, false)
    assert.deepEqual(listPage(all, 'a').placements.map(p => p.queue), ['b', 'c'])
    assert.deepEqual(listPage(all, 'c'), { placements: [], more: false })
    const first = listPage(all, '').placements[0]!
    assert.deepEqual({ ...first, settings: undefined }, { queue: 'a', replicas: ['a', 'b', 'c'], preferredOwner: 'a', version: 2, settings: undefined })
  })

  it('pages by size: every page has at least one placement, and paging by the last name sees all once', () => {
    const all = Array.from({ length: 50 }, (_, i) => placement(`q-${String(i).padStart(3, '0')}`))
    const seen: string[] = []
    let after = ''
    for (let pages = 0; ; pages++) {
      assert.ok(pages < 50)
      const page = listPage(all, after, 300)
      assert.ok(page.placements.length > 0 || !page.more)
      seen.push(...page.placements.map(p => p.queue))
      if (!page.more) break
      after = page.placements.at(-1)!.queue
    }
    assert.deepEqual(seen, all.map(p => p.queue))
    assert.equal(listPage(all, '', 1).placements.length, 1)
  })

  it('list frames round-trip; a frame with only a list request decodes with no older request set', () => {
    const req = ControlFrame.decode(ControlFrame.encode({ id: 7, list: { clusterId: 'x', after: 'q' } }))
    assert.deepEqual(req.list, { clusterId: 'x', after: 'q' })
    assert.equal(req.status ?? req.join ?? req.declare, undefined)
    const reply = ControlFrame.decode(ControlFrame.encode({ id: 7, listReply: { clusterId: 'x', placements: listPage([placement('a')], '').placements, more: false } }))
    assert.equal(reply.listReply?.placements[0]?.queue, 'a')
  })
})
