import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cluster } from './sim/cluster.js'

test('smoke: elect and agree', () => {
  const c = new Cluster({ seed: 1, n: 3 })
  const l = c.checkOneLeader()
  assert.ok(l)
  for (let i = 0; i < 5; i++) c.one(c.nextValue(), 3)
  c.stabilize(100)
  c.checkFinal()
})
