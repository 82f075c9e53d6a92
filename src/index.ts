/**
 * meshchan: Go-style channels and work queues across Node.js processes and machines, on libp2p,
 * with no broker.
 *
 * ```ts
 * import { createMesh } from 'meshchan'
 * const mesh = await createMesh({ bootstrap: ['/ip4/10.0.0.2/tcp/4001/p2p/12D3Koo…'] })
 * const news = mesh.channel<{ headline: string }>('news')
 * for await (const item of news) console.log(item.headline)
 * ```
 * @packageDocumentation
 */
export { createMesh, Mesh, MESH_PROTOCOL, DialError } from './node/mesh.js'
export type { MeshEvents } from './node/mesh.js'
export type { MeshOptions } from './node/options.js'
export { IdentityError } from './node/identity.js'
export * from './channel/index.js'
export { MeshchanError, InvalidOptionError, MessageTooLargeError, TimeoutError, ClosedError, DecodeError } from './errors.js'
