import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createTestCluster, type TestCluster } from '../../src/testkit/index.js'
import { MessageTooLargeError, type Channel } from '../../src/index.js'

/** Collects `count` values from a channel's metadata iterator. */
async function take<T> (ch: Channel<T>, count: number): Promise<Array<{ value: T, from: string, seq: number }>> {
  const out: Array<{ value: T, from: string, seq: number }> = []
  if (count === 0) return out
  for await (const m of ch.messages()) {
    out.push({ value: m.value, from: m.from, seq: m.seq })
    if (out.length === count) break
  }
  return out
}

describe('channels on a 5-peer cluster', () => {
  let cluster: TestCluster
  before(async () => { cluster = await createTestCluster({ size: 5 }) })
  after(async () => { await cluster.stopAll() })

  it('delivers every message to every receiver, the sender\'s own process included, once and in order', async () => {
    const receivers = cluster.meshes.map(m => m.channel<{ n: number }>('fanout'))
    for (const r of receivers) r.subscribe()
    const sender = cluster.meshes[0].channel<{ n: number }>('fanout')
    await sender.waitForReceivers(4, { timeout: 10_000 })
    const N = 300
    const collected = receivers.map(async r => take(r, N))
    const recipients = await Promise.all(Array.from({ length: N }, async (_, n) => sender.send({ n })))
    assert.ok(recipients.every(r => r === 5), `each send reaches 4 remote peers + the local receiver, got ${[...new Set(recipients)].join(',')}`)
    for (const got of await Promise.all(collected)) {
      assert.deepEqual(got.map(m => m.value.n), Array.from({ length: N }, (_, n) => n))
      assert.ok(got.every(m => m.from === cluster.meshes[0].peerId))
      const seqs = got.map(m => m.seq)
      assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i))
    }
    for (const r of receivers) {
      assert.equal(r.stats().gaps, 0)
      r.close()
    }
    sender.close()
  })

  it('refuses a message over the size limit at send, and sends nothing', async () => {
    const ch = cluster.meshes[1].channel<string>('limits', { maxMessageSize: 1024 })
    await assert.rejects(ch.send('x'.repeat(2000), { wait: false }), MessageTooLargeError)
    assert.equal(ch.stats().sent, 0)
    ch.close()
  })
})

describe('channels across a partition', () => {
  let cluster: TestCluster
  before(async () => { cluster = await createTestCluster({ size: 3 }) })
  after(async () => { await cluster.stopAll() })

  it('messages do not cross a partition; after heal new messages reach everyone and the loss is reported as a gap', async () => {
    const [a, b, c] = cluster.meshes
    const fromA = a.channel<string>('part')
    const atB = b.channel<string>('part')
    const atC = c.channel<string>('part')
    atB.subscribe()
    atC.subscribe()
    await fromA.waitForReceivers(2, { timeout: 10_000 })
    await fromA.send('before')
    assert.equal(await atB.recv(), 'before')
    assert.equal(await atC.recv(), 'before')

    await cluster.partition([a], [b, c])
    assert.equal(a.libp2p.getConnections().length, 0)
    await assert.rejects(a.dial(b.addresses[0]))
    // Only a's own process could receive this; it must never reach b or c.
    assert.equal(await fromA.send('during', { wait: false }), 0)
    const fromB = b.channel<string>('part')
    await fromB.send('b-during')
    assert.equal(await atC.recv(), 'b-during', 'the majority side keeps talking')
    assert.equal(await atB.recv(), 'b-during', 'b\'s own receiver gets b\'s message')

    const gapsBefore = atC.stats().gaps
    const gapAtC = once(atC, 'gap')
    await cluster.heal()
    await fromA.waitForReceivers(2, { timeout: 10_000 })
    // No later message from a is needed to reveal the loss: a announces its sequence position
    // when receivers reappear, and c reports the missing message as a gap.
    const [gap] = await gapAtC
    assert.equal(gap.sender, a.peerId)
    assert.equal(gap.toSeq - gap.fromSeq, 0, 'exactly one message ("during") is missing')
    assert.equal(atC.stats().gaps, gapsBefore + 1)
    await fromA.send('after')
    assert.equal(await atB.recv(), 'after')
    assert.equal(await atC.recv(), 'after', 'first message from a after heal is "after": "during" never crossed')
    for (const ch of [fromA, atB, atC, fromB]) ch.close()
  })

  it('a stopped peer restarts with the same identity and rejoins', async () => {
    const id = cluster.meshes[2].peerId
    await cluster.stop(2)
    assert.ok(cluster.meshes.every(m => !m.peers().includes(id)))
    const again = await cluster.restart(2)
    assert.equal(again.peerId, id)
    assert.ok(cluster.meshes.every(m => m === again || m.peers().includes(id)))
  })
})
