import { once } from 'node:events'
import { createMesh, type Mesh } from '../../src/index.js'

/**
 * Two meshes on loopback, the second dialled to the first, resolved once the first sees it join.
 * Both are added to `meshes` (the caller stops them).
 */
export async function connectedPair (meshes: Mesh[]): Promise<[Mesh, Mesh]> {
  const a = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  meshes.push(a)
  const b = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  meshes.push(b)
  const joined = once(a, 'peer:join')
  await b.dial(a.addresses[0])
  await joined
  return [a, b]
}
