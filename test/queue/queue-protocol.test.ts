import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Stream } from '@libp2p/interface'
import { createMesh, type Mesh } from '../../src/index.js'
import { FramedStream } from '../../src/rpc/index.js'
import { QueueFrame, type Request, type Response } from '../../src/queue/protocol/queue-protocol.js'
import { QUEUE_PROTOCOL } from '../../src/queue/service.js'
import { sleep } from './fixtures/workload.js'

async function until (cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

const varint = (n: number): number[] => {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return out
}

describe('queue protocol: bad input from a raw libp2p stream', () => {
  let victim: Mesh
  let hostile: Mesh
  before(async () => {
    victim = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    hostile = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    await hostile.dial(victim.addresses[0])
    const q = victim.queue<string>('target')
    for (let i = 0; i < 10; i++) await q.put(`m${i}`, { id: `m${i}` })
  })
  after(async () => {
    await hostile.stop()
    await victim.stop()
  })

  const stats = (): NonNullable<Mesh['queues']>['frameStats'] => victim.queues!.frameStats
  const raw = async (): Promise<Stream> => await hostile.libp2p.dialProtocol(peerIdFromString(victim.peerId), QUEUE_PROTOCOL)

  /** Sends well-formed requests on a raw stream and collects the answers. */
  async function ask (reqs: Array<Partial<Request>>): Promise<Response[]> {
    const stream = await raw()
    const answers: Response[] = []
    const fs = new FramedStream(stream, { onFrame: f => { const r = QueueFrame.decode(f).response; if (r !== undefined) answers.push(r) } })
    reqs.forEach((r, i) => fs.send(QueueFrame.encode({ request: { rid: i + 1, queue: 'target', client: '', requestId: 0, firstIncomplete: 0, ...r } })))
    await until(() => answers.length === reqs.length, 'answers')
    await fs.close()
    return answers.sort((a, b) => a.rid - b.rid)
  }

  async function stillWorks (): Promise<void> {
    const s = await victim.queue('target').stats()
    assert.equal(s.ready, 10, 'nothing committed was lost')
  }

  it('garbage → malformed, stream reset, peer unaffected', async () => {
    const before = stats().malformed
    const stream = await raw()
    const closed = new Promise(resolve => { stream.addEventListener('close', resolve, { once: true }) })
    stream.send(new Uint8Array([4, 0xff, 0xff, 0xff, 0xff]))
    await closed
    assert.equal(stream.status, 'reset')
    await until(() => stats().malformed === before + 1, 'malformed count')
    await stillWorks()
  })

  it('oversized length prefix → reset before reading the body', async () => {
    const before = stats().oversized
    const stream = await raw()
    const closed = new Promise(resolve => { stream.addEventListener('close', resolve, { once: true }) })
    stream.send(new Uint8Array(varint(64 * 1024 * 1024)))
    await closed
    await until(() => stats().oversized === before + 1, 'oversized count')
    await stillWorks()
  })

  it('truncated frame → counted, reset', async () => {
    const before = stats().truncated
    const stream = await raw()
    stream.send(new Uint8Array([100, 1, 2, 3]))
    await stream.close().catch(() => {})
    await until(() => stats().truncated === before + 1, 'truncated count')
    await stillWorks()
  })

  it('unknown queue, acks for messages never delivered, bad ids, empty requests → typed error answers', async () => {
    const fence = { id: 'm1', seq: 2, consumer: 'nobody/1', term: 1, attempt: 1 }
    const answers = await ask([
      { queue: 'no-such-queue', stats: {} },
      { ack: fence },
      { ack: { ...fence, id: 'never-put' } },
      { put: { items: [] } },
      { put: { items: [{ id: '', payload: new Uint8Array(1), delayMs: 0 }] } },
      { nack: { fence: { ...fence, consumer: '' }, delayMs: 0, deadLetter: false } },
      {},
      { credit: { session: 42, credit: 1 } }
    ])
    assert.equal(answers[0].error?.code, 'UNKNOWN_QUEUE')
    assert.equal(answers[1].fence?.status, 'stale')
    assert.equal(answers[1].fence?.reason, 'notLeased')
    assert.equal(answers[2].fence?.status, 'notFound')
    assert.equal(answers[3].error?.code, 'INVALID')
    assert.equal(answers[4].error?.code, 'INVALID')
    assert.equal(answers[5].error?.code, 'INVALID')
    assert.equal(answers[6].error?.code, 'INVALID')
    assert.equal(answers[7].error?.code, 'NO_SESSION')
    await stillWorks()
    // The queue still hands out its messages in order.
    const d = await victim.queue<string>('target').take({ timeout: 5000 })
    assert.equal(d.value, 'm0')
    await d.nack()
  })
})
