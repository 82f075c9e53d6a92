import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryRaftNetwork, type MemoryRaftTransport } from '../../src/raft/transport/memory.js'
import { InvalidGroupIdError } from '../../src/raft/transport/errors.js'
import { MessageTooLargeError } from '../../src/errors.js'

interface Got { to: string, from: string, group: string, message: Uint8Array }

async function setup (ids: string[], hosted = ['g']) {
  const net = new MemoryRaftNetwork({ maxMessageSize: 1024 })
  const got: Got[] = []
  const notices: Array<{ to: string, from: string, group: string }> = []
  const nodes = new Map<string, MemoryRaftTransport>()
  for (const id of ids) {
    const t = net.transport(id)
    t.onMessage((from, group, message) => {
      if (!hosted.includes(group)) return false
      got.push({ to: id, from, group, message })
      return true
    })
    t.onUnknownGroup((from, group) => { notices.push({ to: id, from, group }) })
    await t.start()
    nodes.set(id, t)
  }
  return { net, got, notices, t: (id: string) => nodes.get(id)! }
}

/** Lets every pending setImmediate delivery run. */
async function settle (): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise(resolve => setImmediate(resolve))
}

describe('MemoryRaftTransport', () => {
  it('delivers asynchronously, copies payloads, keeps per-link order', async () => {
    const { got, t } = await setup(['a', 'b'])
    const buf = new Uint8Array([1])
    t('a').send('b', 'g', buf)
    buf[0] = 9 // a real network already has the bytes
    t('a').send('b', 'g', new Uint8Array([2]))
    assert.equal(got.length, 0, 'delivery is never synchronous')
    await settle()
    assert.deepEqual(got.map(g => g.message[0]), [1, 2])
    assert.equal(t('b').stats.messagesIn, 2)
  })

  it('partitions and heals', async () => {
    const { net, got, t } = await setup(['a', 'b', 'c'])
    net.partition(['a'], ['b', 'c'])
    t('a').send('b', 'g', new Uint8Array([1]))
    t('b').send('c', 'g', new Uint8Array([2]))
    await settle()
    assert.deepEqual(got.map(g => g.to), ['c'])
    assert.equal(net.counters.dropped, 1)
    net.heal()
    t('a').send('b', 'g', new Uint8Array([3]))
    await settle()
    assert.deepEqual(got.map(g => g.message[0]), [2, 3])
  })

  it('filters drop and delay (reordering across messages)', async () => {
    const { net, got, t } = await setup(['a', 'b'])
    net.setFilter((_from, _to, _group, m) => m[0] === 0 ? 'drop' : m[0] === 1 ? { delay: 20 } : 'deliver')
    for (const v of [0, 1, 2]) t('a').send('b', 'g', new Uint8Array([v]))
    const late = Promise.withResolvers<void>()
    t('b').onMessage((_f, _g, m) => { got.push({ to: 'b', from: 'a', group: 'g', message: m }); if (m[0] === 1) late.resolve(); return true })
    await late.promise
    assert.deepEqual(got.map(g => g.message[0]), [2, 1])
    net.setFilter()
  })

  it('answers unknown groups with a rate-limited notice', async () => {
    const { got, notices, t } = await setup(['a', 'b'])
    for (let i = 0; i < 3; i++) t('a').send('b', 'other', new Uint8Array([i]))
    await settle()
    assert.equal(got.length, 0)
    assert.deepEqual(notices, [{ to: 'a', from: 'b', group: 'other' }])
    assert.equal(t('b').stats.unknownGroup, 3)
    assert.equal(t('b').stats.noticesSuppressed, 2)
  })

  it('a stopped node receives nothing, and stop() of the network cancels delayed messages', async () => {
    const { net, got, t } = await setup(['a', 'b'])
    await t('b').stop()
    t('a').send('b', 'g', new Uint8Array([1]))
    await settle()
    assert.equal(got.length, 0)
    await t('b').start()
    net.setFilter(() => ({ delay: 60_000 }))
    t('a').send('b', 'g', new Uint8Array([2]))
    net.stop() // the 60 s timer must not keep the process alive
    assert.equal(got.length, 0)
  })

  it('validates like the libp2p transport', async () => {
    const { t } = await setup(['a', 'b'])
    assert.throws(() => { t('a').send('b', '', new Uint8Array(1)) }, InvalidGroupIdError)
    assert.throws(() => { t('a').send('b', 'g', new Uint8Array(1025)) }, MessageTooLargeError)
  })
})
