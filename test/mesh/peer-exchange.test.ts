import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createMesh, MESH_PROTOCOL, type Mesh } from '../../src/index.js'
import { PeerList } from '../../src/node/peer-exchange.js'

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

  it('a peer list with ids and addresses that do not parse is counted and ignored; the peer keeps working', async () => {
    const mesh = await start()
    const hostile = await createLibp2p({
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { identify: identify() }
    })
    try {
      // Poses as a meshchan peer (identify advertises the protocol) and serves a poisoned list.
      await hostile.handle(MESH_PROTOCOL, async stream => {
        const lp = lpStream(stream)
        await lp.write(PeerList.encode({ peers: [{ id: 'not-a-peer-id', addrs: ['/ip4/127.0.0.1/tcp/1'] }, { id: mesh.peerId.replace(/.$/, 'x'), addrs: ['garbage'] }] }))
        await stream.close()
      })
      const before = mesh.peerExchange.rejected
      await hostile.dial(multiaddr(mesh.addresses[0]))
      await joinedBy(mesh, hostile.peerId.toString())
      // The exchange has no event of its own; spin on the counter, bounded.
      const deadline = Date.now() + 10_000
      while (mesh.peerExchange.rejected < before + 2 && Date.now() < deadline) await new Promise(resolve => setImmediate(resolve))
      assert.equal(mesh.peerExchange.rejected, before + 2)
      // Still a working peer: a newcomer joins and exchanges normally.
      const next = await start(mesh.addresses[0])
      await joinedBy(mesh, next.peerId)
    } finally {
      await hostile.stop()
    }
  })
})
