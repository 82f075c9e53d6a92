import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createMesh, type Mesh } from '../../src/index.js'

describe('peer exchange', () => {
  const meshes: Mesh[] = []
  after(async () => { await Promise.all(meshes.map(async m => { await m.stop() })) })
  const start = async (bootstrap?: string): Promise<Mesh> => {
    const m = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap: bootstrap === undefined ? [] : [bootstrap] })
    meshes.push(m)
    return m
  }
  const joinedBy = async (m: Mesh, peer: string): Promise<void> => {
    while (!m.peers().includes(peer)) await once(m, 'peer:join', { signal: AbortSignal.timeout(10_000) })
  }

  it('peers that joined through one hub find each other, so a channel works without the hub receiving', async () => {
    const hub = await start()
    const b = await start(hub.addresses[0])
    await joinedBy(hub, b.peerId)
    const c = await start(hub.addresses[0])
    // c learns b from the hub's peer list and dials it; b sees c join directly.
    await joinedBy(b, c.peerId)
    await joinedBy(c, b.peerId)
    const rx = b.channel<string>('star')
    rx.subscribe()
    const tx = c.channel<string>('star')
    assert.equal(await tx.send('through the star', { timeout: 10_000 }), 1)
    assert.equal(await rx.recv({ timeout: 10_000 }), 'through the star')
    assert.equal(hub.peerExchange.rejected + b.peerExchange.rejected + c.peerExchange.rejected, 0)
    rx.close(); tx.close()
  })
})
