import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, stat, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadOrCreateIdentity, IdentityError } from '../../src/node/identity.js'
import { createMesh } from '../../src/index.js'

describe('identity', () => {
  const dirs: string[] = []
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'meshchan-id-'))
    dirs.push(dir)
    return dir
  }
  after(async () => { await Promise.all(dirs.map(async d => { await rm(d, { recursive: true, force: true }) })) })

  it('creates the key file with mode 0600 and reuses it', async () => {
    const path = join(await tempDir(), 'nested', 'id.key')
    const first = await loadOrCreateIdentity(path)
    assert.equal((await stat(path)).mode & 0o777, 0o600)
    const second = await loadOrCreateIdentity(path)
    assert.equal(peerIdFromPrivateKey(second).toString(), peerIdFromPrivateKey(first).toString())
  })

  it('refuses a corrupt key file and one readable by others', async () => {
    const dir = await tempDir()
    const corrupt = join(dir, 'corrupt.key')
    await writeFile(corrupt, 'not a key', { mode: 0o600 })
    await assert.rejects(loadOrCreateIdentity(corrupt), IdentityError)
    const open = join(dir, 'open.key')
    await loadOrCreateIdentity(open)
    await chmod(open, 0o644)
    await assert.rejects(loadOrCreateIdentity(open), /readable by other users/)
  })

  it('keeps the PeerId of a mesh across a restart', async () => {
    const identity = join(await tempDir(), 'peer.key')
    const a = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], identity })
    const id = a.peerId
    await a.stop()
    const b = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], identity })
    try {
      assert.equal(b.peerId, id)
    } finally {
      await b.stop()
    }
  })
})
