import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { runNemesis } from './fixtures/nemesis.js'

// Replay a failure with QUEUE_SEED=<seed> node --test dist/test/queue/queue-nemesis.test.js;
// longer runs: node scripts/queue-chaos.js.
describe('queue under a randomized nemesis', () => {
  it('stops, restarts, partitions, isolations: zero lost, zero duplicated acks, no overlapping leases', async () => {
    const seed = process.env.QUEUE_SEED !== undefined ? Number(process.env.QUEUE_SEED) : Math.floor(Math.random() * 2 ** 31)
    console.log(`queue nemesis seed: QUEUE_SEED=${seed}`)
    const run = await runNemesis({ seed, size: 3, steps: 8, messages: 200, log: line => { console.log(line) } })
    assert.ok(run.result.ok, `QUEUE_SEED=${seed}: ${run.summary}\nactions: ${run.actions.join('; ')}`)
    assert.equal(run.result.lost.length, 0)
    assert.equal(run.result.duplicatedAcks.length, 0)
    assert.equal(run.result.overlappingLeases.length, 0)
    assert.equal(run.result.staleAcksAccepted.length, 0)
  })
})
