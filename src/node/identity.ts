import { mkdir, open, readFile, rename, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { MeshchanError } from '../errors.js'

/** The identity file exists but does not hold a private key we can read. */
export class IdentityError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_IDENTITY', message, options)
  }
}

/**
 * Loads the private key stored at `path`, or creates an Ed25519 key there (mode 0600) if the file
 * does not exist. The file holds the key in libp2p's protobuf encoding, the same bytes
 * `privateKeyToProtobuf` produces, so other libp2p tools can read it.
 */
export async function loadOrCreateIdentity (path: string): Promise<PrivateKey> {
  let bytes: Uint8Array | undefined
  try {
    bytes = await readFile(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new IdentityError(`cannot read identity file ${path}: ${(err as Error).message}`, { cause: err })
  }
  if (bytes !== undefined) {
    const info = await stat(path)
    if ((info.mode & 0o077) !== 0) {
      throw new IdentityError(`identity file ${path} is readable by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 on it`)
    }
    try {
      return privateKeyFromProtobuf(bytes)
    } catch (err) {
      throw new IdentityError(`identity file ${path} does not hold a libp2p private key`, { cause: err })
    }
  }
  const key = await generateKeyPair('Ed25519')
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  // Write to a temporary file and rename, so a crash never leaves a half-written key behind.
  const tmp = `${path}.${process.pid}.tmp`
  const handle = await open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(privateKeyToProtobuf(key))
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(tmp, path)
  return key
}
