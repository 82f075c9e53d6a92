import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { cutPairs, generateSchedule, NEMESES, parseNemeses, type Fault } from '../../src/lab/schedule.js'
import { Random } from '../../src/lab/random.js'

describe('lab schedule', () => {
  it('is replayable: the same seed gives the same schedule, another seed another one', () => {
    const opts = { hosts: 5, durationMs: 120_000, nemeses: [...NEMESES] }
    const a = generateSchedule({ ...opts, seed: 7 })
    const b = generateSchedule({ ...opts, seed: 7 })
    const c = generateSchedule({ ...opts, seed: 8 })
    assert.deepEqual(a, b)
    assert.notDeepEqual(a.steps, c.steps)
    assert.ok(a.steps.length >= 5)
  })

  it('keeps faults apart, inside the duration, and only of the requested kinds', () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = generateSchedule({ seed, hosts: 5, durationMs: 60_000, nemeses: ['partition-halves', 'kill'], faultMs: [3000, 6000], quietMs: [1000, 2000] })
      let end = 0
      for (const step of s.steps) {
        assert.ok(step.at >= end + 1000 || end === 0, `seed ${seed}: overlap`)
        assert.ok(step.duration >= 3000 && step.duration <= 6000)
        end = step.at + step.duration
        assert.ok(end <= 60_000)
        assert.ok(['partition-halves', 'kill'].includes(step.fault.kind))
      }
    }
  })

  it('draws hosts within range and skips nemeses the host count cannot support', () => {
    const s = generateSchedule({ seed: 3, hosts: 3, durationMs: 300_000, nemeses: ['majorities-ring', 'bridge', 'isolate'] })
    assert.ok(s.steps.every(st => st.fault.kind !== 'majorities-ring'), 'a ring of 3 is no partition')
    for (const st of s.steps) {
      const f = st.fault
      if (f.kind === 'isolate') assert.ok(f.host >= 0 && f.host < 3)
      if (f.kind === 'bridge') assert.deepEqual([f.bridge, ...f.sides[0], ...f.sides[1]].sort(), [0, 1, 2])
    }
    assert.deepEqual(generateSchedule({ seed: 1, hosts: 1, durationMs: 60_000, nemeses: ['isolate'] }).steps, [])
  })

  it('parses nemesis lists', () => {
    assert.deepEqual(parseNemeses('partition-halves, kill,kill'), ['partition-halves', 'kill'])
    assert.deepEqual(parseNemeses('all'), [...NEMESES])
    assert.deepEqual(parseNemeses('none'), [])
    assert.throws(() => parseNemeses('partition,kill'), /unknown nemesis "partition"/)
  })

  it('cuts the right links', () => {
    const halves: Fault = { kind: 'partition-halves', groups: [[0, 3], [1, 2, 4]] }
    assert.deepEqual(cutPairs(halves, 5), [[0, 1], [0, 2], [0, 4], [1, 3], [2, 3], [3, 4]])
    assert.deepEqual(cutPairs({ kind: 'isolate', host: 1 }, 3), [[0, 1], [1, 2]])
    // Bridge: sides can't talk, both talk to the bridge.
    assert.deepEqual(cutPairs({ kind: 'bridge', bridge: 2, sides: [[0, 1], [3, 4]] }, 5), [[0, 3], [0, 4], [1, 3], [1, 4]])
    for (const kind of ['kill', 'pause'] as const) assert.deepEqual(cutPairs({ kind, host: 0 }, 3), [])
  })

  it('majorities ring: every host sees a majority, no two see the same one', () => {
    for (const hosts of [4, 5, 7]) {
      const s = generateSchedule({ seed: hosts, hosts, durationMs: 30_000, nemeses: ['majorities-ring'] })
      const f = s.steps[0]?.fault
      assert.ok(f?.kind === 'majorities-ring')
      const cut = new Set(cutPairs(f, hosts).map(p => p.join('-')))
      const sees = (h: number): string => Array.from({ length: hosts }, (_, o) => o).filter(o => o === h || !cut.has([Math.min(h, o), Math.max(h, o)].join('-'))).join(',')
      const views = Array.from({ length: hosts }, (_, h) => sees(h))
      for (const v of views) assert.ok(v.split(',').length > hosts / 2, `${hosts} hosts: ${v} is no majority`)
      if (hosts >= 5) assert.equal(new Set(views).size, hosts, `${hosts} hosts: two hosts share a view`)
    }
  })

  it('the PRNG is deterministic and uniform enough', () => {
    const r = new Random(42)
    const xs = Array.from({ length: 10_000 }, () => r.next())
    assert.deepEqual(xs.slice(0, 3), (() => { const q = new Random(42); return [q.next(), q.next(), q.next()] })())
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length
    assert.ok(Math.abs(mean - 0.5) < 0.02)
    assert.ok(xs.every(x => x >= 0 && x < 1))
  })
})
