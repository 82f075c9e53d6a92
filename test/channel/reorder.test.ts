import { describe, it, mock } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ReorderBuffer, type Gap, type HoldBackOptions } from '../../src/channel/reorder.js'

function setup (opts: HoldBackOptions = {}) {
  const delivered: Array<[string, string, number, string]> = []
  const gaps: Gap[] = []
  let dups = 0
  const rb = new ReorderBuffer<string>({
    deliver: (item, sender, epoch, seq) => { delivered.push([sender, epoch, seq, item]) },
    gap: (g) => { gaps.push(g) },
    duplicates: (_s, _e, n) => { dups += n }
  }, opts)
  return { rb, delivered, gaps, dups: () => dups, seqs: () => delivered.map(d => d[2]) }
}

describe('ReorderBuffer', () => {
  it('delivers in order and holds out-of-order messages', () => {
    const t = setup()
    t.rb.push('A', '1', 1, ['a1'])
    t.rb.push('A', '1', 3, ['a3'])
    assert.deepEqual(t.seqs(), [1])
    assert.equal(t.rb.held, 1)
    t.rb.push('A', '1', 2, ['a2'])
    assert.deepEqual(t.seqs(), [1, 2, 3])
    assert.equal(t.rb.held, 0)
    assert.deepEqual(t.gaps, [])
    t.rb.close()
  })

  it('batches: payload i has seq + i; overlaps count as duplicates', () => {
    const t = setup()
    t.rb.push('A', '1', 10, ['x', 'y', 'z'])
    t.rb.push('A', '1', 14, ['q'])
    t.rb.push('A', '1', 11, ['y', 'z', 'w']) // 11, 12 dup; 13 fills the hole
    assert.deepEqual(t.seqs(), [10, 11, 12, 13, 14])
    assert.equal(t.dups(), 2)
    t.rb.close()
  })

  it('property: any arrival order of 1..n is delivered as 1..n, no gaps (per sender)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.infiniteStream(fc.nat()), (n, m, rnd) => {
      const t = setup()
      const msgs: Array<[string, number]> = []
      for (let i = 1; i <= n; i++) msgs.push(['A', i])
      for (let i = 1; i <= m; i++) msgs.push(['B', i])
      // A and B each start with seq 1 delivered first (the first message sets the starting point)
      const first = msgs.filter(x => x[1] === 1)
      const rest = msgs.filter(x => x[1] !== 1)
      const it = rnd[Symbol.iterator]()
      for (let i = rest.length - 1; i > 0; i--) {
        const j = it.next().value! % (i + 1)
        ;[rest[i], rest[j]] = [rest[j]!, rest[i]!]
      }
      for (const [s, q] of [...first, ...rest]) t.rb.push(s, 'e', q, [`${s}${q}`])
      const a = t.delivered.filter(d => d[0] === 'A').map(d => d[2])
      const b = t.delivered.filter(d => d[0] === 'B').map(d => d[2])
      assert.deepEqual(a, Array.from({ length: n }, (_, i) => i + 1))
      assert.deepEqual(b, Array.from({ length: m }, (_, i) => i + 1))
      assert.equal(t.gaps.length, 0)
      t.rb.close()
    }), { numRuns: 200 })
  })

  it('count bound: reports a gap and skips when too many are held', () => {
    const t = setup({ maxMessages: 3 })
    t.rb.push('A', '1', 1, ['1'])
    for (const s of [3, 4, 5]) t.rb.push('A', '1', s, [String(s)])
    assert.deepEqual(t.seqs(), [1])
    t.rb.push('A', '1', 6, ['6']) // 4 held > 3: give up 2
    assert.deepEqual(t.seqs(), [1, 3, 4, 5, 6])
    assert.deepEqual(t.gaps, [{ sender: 'A', epoch: '1', fromSeq: 2, toSeq: 2 }])
    t.rb.push('A', '1', 2, ['late'])
    assert.equal(t.dups(), 1, 'a late message after the gap is dropped as duplicate')
    assert.deepEqual(t.seqs(), [1, 3, 4, 5, 6])
    t.rb.close()
  })

  it('time bound: reports a gap after maxDelay', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 })
    try {
      const t = setup({ maxDelay: 1000 })
      t.rb.push('A', '1', 1, ['1'])
      t.rb.push('A', '1', 4, ['4'])
      mock.timers.tick(500)
      t.rb.push('A', '1', 6, ['6'])
      mock.timers.tick(499)
      assert.deepEqual(t.seqs(), [1])
      mock.timers.tick(1) // 4 held for 1000 ms
      assert.deepEqual(t.seqs(), [1, 4])
      assert.deepEqual(t.gaps, [{ sender: 'A', epoch: '1', fromSeq: 2, toSeq: 3 }])
      mock.timers.tick(499)
      assert.deepEqual(t.seqs(), [1, 4])
      t.rb.push('A', '1', 5, ['5']) // arrives in time
      assert.deepEqual(t.seqs(), [1, 4, 5, 6])
      assert.equal(t.gaps.length, 1)
      assert.equal(t.rb.held, 0)
      t.rb.close()
    } finally {
      mock.timers.reset()
    }
  })

  it('sequence marker: a lost tail is reported as a gap after maxDelay, unless it arrives in time', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 })
    try {
      const t = setup({ maxDelay: 1000 })
      t.rb.mark('A', '1', 5) // unknown stream: only sets the starting point
      t.rb.push('A', '1', 5, ['5', '6'])
      assert.deepEqual(t.seqs(), [5, 6])
      t.rb.mark('A', '1', 10) // 7, 8, 9 were sent; 8 is still in flight, 7 and 9 are lost
      t.rb.push('A', '1', 8, ['8'])
      mock.timers.tick(999)
      assert.deepEqual(t.seqs(), [5, 6])
      mock.timers.tick(1)
      assert.deepEqual(t.seqs(), [5, 6, 8])
      assert.deepEqual(t.gaps, [{ sender: 'A', epoch: '1', fromSeq: 7, toSeq: 7 }, { sender: 'A', epoch: '1', fromSeq: 9, toSeq: 9 }])
      t.rb.mark('A', '1', 12)
      t.rb.push('A', '1', 10, ['10', '11']) // the tail arrives in time: no gap
      mock.timers.tick(2000)
      assert.deepEqual(t.seqs(), [5, 6, 8, 10, 11])
      assert.equal(t.gaps.length, 2)
      t.rb.mark('A', '1', 11) // stale marker: ignored
      mock.timers.tick(2000)
      assert.equal(t.gaps.length, 2)
      t.rb.close()
    } finally {
      mock.timers.reset()
    }
  })

  it('first message sets the starting point; a new epoch is a new stream', () => {
    const t = setup()
    t.rb.push('A', '1', 500, ['x'])
    t.rb.push('A', '1', 501, ['y'])
    t.rb.push('A', '2', 1, ['restarted'])
    t.rb.push('A', '2', 2, ['r2'])
    assert.deepEqual(t.delivered.map(d => `${d[1]}:${d[2]}`), ['1:500', '1:501', '2:1', '2:2'])
    assert.deepEqual(t.gaps, [])
    t.rb.close()
  })

  it('drops and counts duplicates', () => {
    const t = setup()
    t.rb.push('A', '1', 1, ['1'])
    t.rb.push('A', '1', 1, ['1'])
    t.rb.push('A', '1', 3, ['3'])
    t.rb.push('A', '1', 3, ['3'])
    t.rb.push('A', '1', 2, ['2'])
    assert.deepEqual(t.seqs(), [1, 2, 3])
    assert.equal(t.dups(), 2)
    t.rb.close()
  })

  it('evicts the least recently active stream beyond maxSenders, flushing with gaps', () => {
    const t = setup({ maxSenders: 2 })
    t.rb.push('A', '1', 1, ['a1'])
    t.rb.push('A', '1', 3, ['a3'])
    t.rb.push('B', '1', 1, ['b1'])
    t.rb.push('C', '1', 1, ['c1']) // evicts A
    assert.equal(t.rb.streams, 2)
    assert.deepEqual(t.gaps, [{ sender: 'A', epoch: '1', fromSeq: 2, toSeq: 2 }])
    assert.deepEqual(t.delivered.map(d => d[3]), ['a1', 'b1', 'a3', 'c1'])
    t.rb.close()
  })
})
