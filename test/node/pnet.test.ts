import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKey } from '@libp2p/pnet'
import { createMesh, DialError, type Mesh } from '../../src/index.js'

async function swarmKey (dir: string, name: string): Promise<string> {
  const key = new Uint8Array(95)
  generateKey(key)
  const path = join(dir, name)
  await writeFile(path, key)
  return path
}

describe('private network (swarm key)', () => {
  const meshes: Mesh[] = []
  let dir: string
  after(async () => {
    await Promise.all(meshes.map(async m => { await m.stop() }))
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })
  const start = async (key: string): Promise<Mesh> => {
    const m = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], swarmKey: key, dialTimeout: 2000 })
    meshes.push(m)
    return m
  }

  it('peers with the same key join; a peer with another key gets a clear error instead of a silent hang', async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshchan-pnet-'))
    const k1 = await swarmKey(dir, 'one.key')
    const k2 = await swarmKey(dir, 'two.key')
    const a = await start(k1)
    const b = await start(k1)
    const joined = once(a, 'peer:join')
    await b.dial(a.addresses[0])
    assert.deepEqual(await joined, [b.peerId])

    const stranger = await start(k2)
    await assert.rejects(stranger.dial(a.addresses[0]), (err: unknown) => {
      assert.ok(err instanceof DialError)
      assert.match(err.message, /swarm key/)
      return true
    })
    assert.ok(!a.peers().includes(stranger.peerId))
  })

  it('refuses an unreadable swarm key file with an error naming the option', async () => {
    await assert.rejects(createMesh({ swarmKey: '/nonexistent/swarm.key' }), /invalid option "swarmKey"/)
  })
})
