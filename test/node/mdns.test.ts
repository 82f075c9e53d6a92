import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { createMesh, type Mesh } from '../../src/index.js'

describe('mDNS discovery', () => {
  const meshes: Mesh[] = []
  after(async () => { await Promise.all(meshes.map(async m => { await m.stop() })) })

  it('two peers with mdns on and no bootstrap list find and join each other', async () => {
    // Listening on loopback only: the addresses mDNS announces, and so the only dial targets, are 127.0.0.1.
    for (let i = 0; i < 2; i++) meshes.push(await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], mdns: true }))
    const [a, b] = meshes
    await Promise.all([a.waitForPeers(1, { timeout: 15_000 }), b.waitForPeers(1, { timeout: 15_000 })])
    assert.ok(a.peers().includes(b.peerId))
    assert.ok(b.peers().includes(a.peerId))
  })
})
