import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { replicaTarget } from '../../src/queue/control/algorithm.js'

describe('replica target', () => {
  it('gives what was asked when enough peers are up', () => {
    assert.equal(replicaTarget(3, 3), 3)
    assert.equal(replicaTarget(3, 7), 3)
    assert.equal(replicaTarget(2, 5), 2, 'an explicit even count is the user\'s choice')
  })
  it('rounds down to an odd count on a cluster too small for it (2 replicas would lose the queue with either peer)', () => {
    assert.equal(replicaTarget(3, 2), 1)
    assert.equal(replicaTarget(5, 4), 3)
    assert.equal(replicaTarget(5, 3), 3)
    assert.equal(replicaTarget(3, 1), 1)
    assert.equal(replicaTarget(3, 0), 1)
  })
})
