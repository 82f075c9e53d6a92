import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { checkChannel, type ChannelHistory, type ChannelRecv } from '../../src/lab/workloads/channel.js'
import type { FaultWindow } from '../../src/lab/workloads/types.js'

const window: FaultWindow = { kind: 'isolate', description: 'isolate host 1', start: 10_000, end: 20_000, hosts: [1] }

/** Host `to` receiving messages n (seq = 100 + n) from host 0 at time `at(n)`. */
function recvs (to: number, ns: number[], at = (n: number): number => 1000 + n * 100, drain = false): ChannelRecv[] {
  return ns.map(n => ({ host: to, inc: 0, from: 'P0', epoch: '1', seq: 100 + n, value: { h: 0, i: 0, n, t: at(n) - 5, ...(drain ? { d: 1 as const } : {}) }, at: at(n) }))
}

function history (over: Partial<ChannelHistory> = {}): ChannelHistory {
  return { sends: [], recvs: [], gaps: [], finalPeers: [{ host: 0, inc: 0 }, { host: 1, inc: 0 }], ...over }
}

describe('channel checker', () => {
  it('a clean history passes', () => {
    const r = checkChannel(history({ recvs: [...recvs(1, [0, 1, 2, 3]), ...recvs(0, [0, 1, 2, 3])] }), [], 1000)
    assert.ok(r.ok, JSON.stringify(r.violations))
    assert.equal(r.figures.received, 8)
  })

  it('reordering and duplicates are order violations', () => {
    const swapped = checkChannel(history({ recvs: recvs(1, [0, 2, 1, 3]) }), [], 1000)
    assert.deepEqual(swapped.violations.map(v => v.kind), ['order'])
    const dup = checkChannel(history({ recvs: recvs(1, [0, 1, 1, 2]) }), [], 1000)
    assert.deepEqual(dup.violations.map(v => v.kind), ['order'])
  })

  it('a skip without a gap report is silent loss; with one during a fault it is fine', () => {
    const skipped = recvs(1, [0, 1, 5, 6], n => n < 5 ? 9000 + n : 21_000 + n)
    const silent = checkChannel(history({ recvs: skipped }), [window], 2000)
    assert.deepEqual(silent.violations.map(v => v.kind), ['silentLoss'])
    const reported = checkChannel(history({ recvs: skipped, gaps: [{ host: 1, inc: 0, from: 'P0', epoch: '1', fromSeq: 102, toSeq: 104, at: 20_500 }] }), [window], 2000)
    assert.ok(reported.ok, JSON.stringify(reported.violations))
    assert.equal(reported.figures.explainedGaps, 1)
    assert.equal(reported.figures.missed, 3)
  })

  it('a gap far from every fault is a violation', () => {
    const r = checkChannel(history({
      recvs: recvs(1, [0, 1, 3]),
      gaps: [{ host: 1, inc: 0, from: 'P0', epoch: '1', fromSeq: 102, toSeq: 102, at: 40_000 }]
    }), [window], 5000)
    assert.deepEqual(r.violations.map(v => v.kind), ['gapOutsideFault'])
  })

  it('streams of different epochs (a restarted sender) and receivers are checked apart', () => {
    const restarted = recvs(1, [0, 1, 2]).map(r => ({ ...r, epoch: '2', value: { ...r.value, i: 1 } }))
    const r = checkChannel(history({ recvs: [...recvs(1, [5, 6, 7]), ...restarted] }), [], 1000)
    assert.ok(r.ok, JSON.stringify(r.violations))
  })

  it('every post-heal message must reach every final peer', () => {
    const sends = [0, 1, 2].map(n => ({ host: 0, inc: 0, n, t: 30_000 + n, ok: true, drain: true }))
    const all = checkChannel(history({ sends, recvs: [...recvs(0, [0, 1, 2], undefined, true), ...recvs(1, [0, 1, 2], undefined, true)] }), [], 1000)
    assert.ok(all.ok, JSON.stringify(all.violations))
    const missing = checkChannel(history({ sends, recvs: [...recvs(0, [0, 1, 2], undefined, true), ...recvs(1, [0, 1], undefined, true)] }), [], 1000)
    assert.deepEqual(missing.violations.map(v => v.kind), ['notDeliveredAfterHeal'])
    assert.equal(missing.figures.postHealMissing, 1)
    // A sender that did not survive to the end is not held to it.
    const gone = checkChannel(history({ sends, recvs: [], finalPeers: [{ host: 1, inc: 0 }] }), [], 1000)
    assert.ok(gone.ok)
  })
})
