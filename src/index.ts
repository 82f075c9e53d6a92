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
export type { MeshOptions, QueuesOptions, ClusterRoleOptions } from './node/options.js'
export type { LeaveReport } from './queue/control/leave.js'
export { Queue, MAX_MESSAGE_BYTES, DEFAULT_QUEUE_TIMEOUT } from './queue/queue.js'
export type { QueueOptions, PutOptions, PutResult, TakeOptions, QueueStats, DeadLetter } from './queue/queue.js'
export { Delivery } from './queue/delivery.js'
export type { NackOptions } from './queue/delivery.js'
export { Consumer } from './queue/consumer.js'
export type { ConsumeOptions } from './queue/consumer.js'
export { QUEUE_PROTOCOL } from './queue/service.js'
export { QueueFullError, StaleAckError, UnknownMessageError, RequestExpiredError } from './queue/errors.js'
export { InvalidQueueNameError, InvalidQueueRequestError, QueueReplyError } from './queue/service-errors.js'
export type { PlacementDirectory, QueuePlacement, QueueSettings } from './queue/placement.js'
export { IdentityError } from './node/identity.js'
export * from './channel/index.js'
export { MeshchanError, InvalidOptionError, MessageTooLargeError, TimeoutError, ClosedError, DecodeError } from './errors.js'
