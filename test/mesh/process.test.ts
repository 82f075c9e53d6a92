import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createMesh, type Mesh } from '../../src/index.js'
import { ChildPeer } from '../helpers/child.js'

describe('mesh across processes', () => {
  const children: ChildPeer[] = []
  const meshes: Mesh[] = []
  after(async () => {
    for (const c of children) { c.process.kill('SIGCONT'); c.kill() }
    await Promise.all(meshes.map(async m => { await m.stop() }))
  })

  it('stop() leaves no handles: a peer process exits by itself after a channel round trip', async () => {
    const a = new ChildPeer()
    children.push(a)
    const { address } = await a.next(m => m.event === 'ready')
    const b = new ChildPeer([address])
    children.push(b)
    await b.next(m => m.event === 'ready')
    await a.next(m => m.event === 'join')
    b.command({ op: 'recv', channel: 'handles' })
    await b.next(m => m.event === 'subscribed')
    a.command({ op: 'send', channel: 'handles', value: { hello: 'world' } })
    assert.deepEqual((await b.next(m => m.event === 'received')).value, { hello: 'world' })
    a.command({ op: 'stop' })
    b.command({ op: 'stop' })
    await a.next(m => m.event === 'stopped')
    await b.next(m => m.event === 'stopped')
    // Nothing calls process.exit: if a socket, timer or listener were left, these would never resolve.
    const codes = await Promise.race([
      Promise.all([a.exited, b.exited]),
      new Promise(resolve => setTimeout(resolve, 10_000, 'still running')).then(v => { throw new Error(String(v)) })
    ])
    assert.deepEqual(codes, [0, 0])
  })

  it('a peer that stops answering pings is reported as left', async () => {
    const mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], failureDetection: { pingInterval: 500, pingTimeout: 500 } })
    meshes.push(mesh)
    const child = new ChildPeer([mesh.addresses[0]])
    children.push(child)
    const { peerId } = await child.next(m => m.event === 'ready')
    if (!mesh.peers().includes(peerId)) await once(mesh, 'peer:join')
    assert.ok(mesh.peers().includes(peerId))
    const started = Date.now()
    child.process.kill('SIGSTOP')
    const [left] = await once(mesh, 'peer:leave', { signal: AbortSignal.timeout(15_000) })
    assert.equal(left, peerId)
    assert.ok(!mesh.peers().includes(peerId))
    console.log(`# frozen peer detected after ${Date.now() - started} ms`)
  })
})
