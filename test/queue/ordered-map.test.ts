// OrderedMap against a plain model: order, oldest, moves and deletes in any sequence.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { OrderedMap } from '../../src/queue/state/ordered-map.js'

/**
 * On failure fast-check prints `seed` and `path`; replay with
 *   FC_SEED=<seed> FC_PATH=<path> node --test dist/test/queue/ordered-map.test.js
 */
const params = {
  numRuns: 300,
  ...(process.env.FC_SEED !== undefined ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH !== undefined ? { path: process.env.FC_PATH } : {})
}

type Op = { op: 'set' | 'move' | 'delete' | 'shift', key: number, value: number }
const op = fc.record({ op: fc.constantFrom('set', 'move', 'delete', 'shift'), key: fc.integer({ min: 0, max: 12 }), value: fc.integer() }) as fc.Arbitrary<Op>

describe('OrderedMap', () => {
  it('keeps the order and values of a model list through sets, moves to the back, deletes and removals from the front', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const m = new OrderedMap<number, number>()
      let model: Array<[number, number]> = []
      const copies: Array<[Array<[number, number]>, Array<[number, number]>]> = []
      for (const { op, key, value } of ops) {
        const at = model.findIndex(([k]) => k === key)
        if (op === 'set') {
          m.set(key, value)
          if (at >= 0) model[at] = [key, value]
          else model.push([key, value])
        } else if (op === 'move') {
          m.moveToBack(key, value)
          if (at >= 0) model.splice(at, 1)
          model.push([key, value])
        } else if (op === 'delete') {
          assert.equal(m.delete(key), at >= 0)
          if (at >= 0) model.splice(at, 1)
        } else {
          const front = m.oldest()
          assert.deepEqual(front === undefined ? undefined : [front.key, front.value], model[0])
          if (front !== undefined) m.delete(front.key)
          model = model.slice(1)
        }
        assert.equal(m.size, model.length)
        // entries(): the order now, and a copy: what happens next leaves it as it was.
        const copy = m.entries()
        assert.deepEqual(copy, model)
        copies.push([copy, model.map(([k, v]) => [k, v] as [number, number])])
        const front = m.oldest()
        assert.deepEqual(front === undefined ? undefined : [front.key, front.value], model[0])
      }
      assert.deepEqual([...m], model)
      assert.deepEqual([...m.keys()], model.map(([k]) => k))
      for (const [copy, then] of copies) assert.deepEqual(copy, then)
      for (const [k, v] of model) assert.equal(m.get(k), v)
    }), params)
  })

  it('moving the newest entry back again keeps one record, and expiring from the front stays linear', () => {
    const m = new OrderedMap<string, number>()
    m.moveToBack('a', 1)
    for (let i = 0; i < 10_000; i++) m.moveToBack('b', i) // a client sending request after request
    assert.deepEqual([...m], [['a', 1], ['b', 9_999]])
    assert.equal(m.oldest()?.key, 'a')
    m.delete('a')
    assert.equal(m.oldest()?.key, 'b')
    m.delete('b')
    assert.equal(m.oldest(), undefined)
    m.moveToBack('b', 1)
    m.moveToBack('c', 2)
    m.moveToBack('b', 3) // no longer the newest: really moves
    assert.deepEqual([...m], [['c', 2], ['b', 3]])
  })
})
