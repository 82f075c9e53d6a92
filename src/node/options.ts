import { multiaddr } from '@multiformats/multiaddr'
import { InvalidOptionError } from '../errors.js'
import type { ConnectionGater } from '@libp2p/interface'
import type { PlacementDirectory } from '../queue/placement.js'

/** Options of {@link createMesh}. Every field is optional; each is validated with an error naming it. */
export interface MeshOptions {
  /** Multiaddrs to listen on. Default: a random TCP port on all IPv4 interfaces (`/ip4/0.0.0.0/tcp/0`). */
  listen?: string[]
  /** Multiaddrs of peers to join through, each ending in `/p2p/<PeerId>`. Default: none. */
  bootstrap?: string[]
  /** Discover peers on the local network with multicast DNS. Default: false. */
  mdns?: boolean
  /**
   * Path of a key file holding this peer's private key. Created (mode 0600) if missing and reused
   * on every start, so the PeerId is stable across restarts. Default: a new identity each start.
   */
  identity?: string
  /**
   * Directory for durable state: queue Raft logs and snapshots (`<dataDir>/raft/<group>`), created
   * on demand. Without it queues live in memory only: they survive the loss of a minority of their
   * replicas, but a restart of every replica loses them.
   */
  dataDir?: string
  /** Namespace of this mesh's debug logs (`@libp2p/logger`, enable with `DEBUG=meshchan:*`). Default: `meshchan`. */
  logger?: string
  /**
   * Private network: path of a libp2p swarm key file (`/key/swarm/psk/1.0.0/`). Peers without the
   * same key cannot connect. Default: none (public network, still Noise-encrypted).
   */
  swarmKey?: string
  /**
   * Failure detection: how often connected peers are pinged, and how long a ping may take
   * before the connection is judged dead and closed (which emits `peer:leave`).
   * Default: every 2000 ms, 5000 ms timeout. A short timeout detects crashes sooner but, on a
   * CPU-saturated peer, closes healthy connections (and their in-flight messages) too.
   */
  failureDetection?: { pingInterval?: number, pingTimeout?: number }
  /** How long a dial may take, in ms. Default 5000. */
  dialTimeout?: number
  /**
   * Advanced: extra connection gating, consulted in addition to meshchan's own. The testkit uses it
   * to cut partitions; most applications never set it.
   */
  connectionGater?: ConnectionGater
  /**
   * How this peer takes part in the cluster that replicates queues, and how that cluster forms.
   * See {@link ClusterRoleOptions}. Default: a member; a single peer is a cluster of one and grows
   * as peers join.
   */
  cluster?: ClusterRoleOptions
  /** Queue data path settings. */
  queues?: QueuesOptions
}

/** How a peer takes part in the queue cluster ({@link MeshOptions.cluster}). */
export interface ClusterRoleOptions {
  /**
   * `'member'` (default): this peer joins the cluster's control plane; the control leader may make
   * it a control voter and a replica of queues, so it holds queue data and counts for majorities.
   * For long-lived peers. A member that goes away for good should `mesh.leave()` rather than just
   * `stop()`, or the cluster waits `queues.replaceAfter` before replacing it.
   *
   * `'client'`: this peer uses queues (put, take, consume, stats, `mesh.listQueues()`) without
   * ever joining: it is never recorded as a member, never a control voter or a queue replica, and
   * runs no Raft group. Requests are routed to each queue's owner like a member's. It needs a member
   * to talk to (`bootstrap` or `mdns`): until one is connected, queue operations wait, and fail
   * with `TimeoutError` when their `timeout` runs out. For short-lived processes (scripts, CLIs,
   * producers that come and go): they can exit at any moment without leaving anything behind.
   * `expect` and `seeds` are errors with `'client'` (a client founds nothing), and so is
   * `queues.placement`; `dataDir` is not used (a client holds no queue data).
   */
  role?: 'member' | 'client'
  /**
   * Form the cluster once this many meshchan members (this one included) see each other; the
   * founders are the `expect` smallest PeerIds. Default 1: found alone unless a connected peer
   * already runs a cluster.
   */
  expect?: number
  /** PeerIds of the founding members, exactly (give every founder the same list). */
  seeds?: string[]
}

/** Options of the queue data path ({@link MeshOptions.queues}). */
export interface QueuesOptions {
  /**
   * A replica whose peer has been gone this long (ms) is replaced by the control plane, and the peer
   * removed from the control group. Default 30 000: long enough to ride out a restart. A member
   * that leaves for good with `mesh.leave()` is replaced at once instead.
   */
  replaceAfter?: number
  /**
   * Advanced: where queue placements come from. Default: the cluster's control plane (a peer on its
   * own places every queue on itself). Tests pass an in-memory directory shared by several meshes
   * (`LocalPlacementRegistry.factory()`).
   */
  placement?: (context: { self: string }) => PlacementDirectory
}

export interface ResolvedMeshOptions {
  listen: string[]
  bootstrap: string[]
  mdns: boolean
  identity: string | undefined
  dataDir: string | undefined
  logger: string
  swarmKey: string | undefined
  pingInterval: number
  pingTimeout: number
  dialTimeout: number
  connectionGater: ConnectionGater | undefined
  cluster: { role: 'member' | 'client', expect: number | undefined, seeds: string[] }
  queues: { replaceAfter: number, placement: ((context: { self: string }) => PlacementDirectory) | undefined }
}

const KNOWN = new Set(['listen', 'bootstrap', 'mdns', 'identity', 'dataDir', 'logger', 'swarmKey', 'failureDetection', 'dialTimeout', 'connectionGater', 'cluster', 'queues'])

function stringList (field: string, value: unknown, requirePeerId: boolean): string[] {
  if (!Array.isArray(value)) throw new InvalidOptionError(field, `expected an array of multiaddr strings, got ${typeof value}`)
  return value.map((entry, i) => {
    if (typeof entry !== 'string') throw new InvalidOptionError(`${field}[${i}]`, `expected a multiaddr string, got ${typeof entry}`)
    let ma
    try {
      ma = multiaddr(entry)
    } catch (err) {
      throw new InvalidOptionError(`${field}[${i}]`, `"${entry}" is not a valid multiaddr (${(err as Error).message})`)
    }
    if (requirePeerId && ma.getComponents().find(c => c.name === 'p2p') == null) {
      throw new InvalidOptionError(`${field}[${i}]`, `"${entry}" must end with /p2p/<PeerId> so the peer can be authenticated`)
    }
    return entry
  })
}

function positiveInt (field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new InvalidOptionError(field, `expected a positive integer (ms), got ${String(value)}`)
  }
  return value
}

function optionalString (field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length === 0) throw new InvalidOptionError(field, `expected a non-empty string, got ${typeof value}`)
  return value
}

/** Validates user options and fills in defaults. Unknown fields are errors: a typo must not pass silently. */
export function resolveMeshOptions (options: unknown = {}): ResolvedMeshOptions {
  if (options == null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError('options', 'expected an object')
  }
  const o = options as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidOptionError(key, `unknown option (known: ${[...KNOWN].join(', ')})`)
  }
  if (o.mdns !== undefined && typeof o.mdns !== 'boolean') throw new InvalidOptionError('mdns', `expected a boolean, got ${typeof o.mdns}`)
  const fd = o.failureDetection
  if (fd !== undefined && (fd == null || typeof fd !== 'object')) throw new InvalidOptionError('failureDetection', 'expected an object')
  const fdo = (fd ?? {}) as Record<string, unknown>
  const gater = o.connectionGater
  if (gater !== undefined && (gater == null || typeof gater !== 'object')) throw new InvalidOptionError('connectionGater', 'expected a ConnectionGater object')
  const listen = o.listen === undefined ? ['/ip4/0.0.0.0/tcp/0'] : stringList('listen', o.listen, false)
  if (listen.length === 0) throw new InvalidOptionError('listen', 'expected at least one address')
  return {
    listen,
    bootstrap: o.bootstrap === undefined ? [] : stringList('bootstrap', o.bootstrap, true),
    mdns: o.mdns === true,
    identity: optionalString('identity', o.identity),
    dataDir: optionalString('dataDir', o.dataDir),
    logger: optionalString('logger', o.logger) ?? 'meshchan',
    swarmKey: optionalString('swarmKey', o.swarmKey),
    pingInterval: positiveInt('failureDetection.pingInterval', fdo.pingInterval, 2000),
    pingTimeout: positiveInt('failureDetection.pingTimeout', fdo.pingTimeout, 5000),
    dialTimeout: positiveInt('dialTimeout', o.dialTimeout, 5000),
    connectionGater: gater as ConnectionGater | undefined,
    ...resolveRoleAndQueues(o.cluster, o.queues)
  }
}

function resolveRoleAndQueues (cluster: unknown, queues: unknown): Pick<ResolvedMeshOptions, 'cluster' | 'queues'> {
  const c = resolveCluster(cluster)
  const q = resolveQueues(queues)
  if (c.role === 'client' && q.placement !== undefined) {
    throw new InvalidOptionError('queues.placement', 'a client (cluster.role "client") asks members for placements; it takes no placement directory')
  }
  return { cluster: c, queues: q }
}

function plainObject (field: string, value: unknown, known: string[]): Record<string, unknown> {
  if (value === undefined) return {}
  if (value == null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidOptionError(field, 'expected an object')
  const v = value as Record<string, unknown>
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) throw new InvalidOptionError(`${field}.${key}`, `unknown option (known: ${known.join(', ')})`)
  }
  return v
}

function resolveCluster (value: unknown): ResolvedMeshOptions['cluster'] {
  const c = plainObject('cluster', value, ['role', 'expect', 'seeds'])
  if (c.role !== undefined && c.role !== 'member' && c.role !== 'client') {
    throw new InvalidOptionError('cluster.role', `expected "member" or "client", got ${JSON.stringify(c.role)}`)
  }
  const role = c.role ?? 'member'
  if (role === 'client') {
    // A client never founds or joins: founding options would silently do nothing.
    for (const k of ['expect', 'seeds'] as const) {
      if (c[k] !== undefined) throw new InvalidOptionError(`cluster.${k}`, 'not allowed with cluster.role "client" (a client founds nothing and never joins the cluster)')
    }
  }
  let expect: number | undefined
  if (c.expect !== undefined) {
    if (typeof c.expect !== 'number' || !Number.isInteger(c.expect) || c.expect < 1 || c.expect > 1000) {
      throw new InvalidOptionError('cluster.expect', `expected an integer from 1 to 1000, got ${String(c.expect)}`)
    }
    expect = c.expect
  }
  let seeds: string[] = []
  if (c.seeds !== undefined) {
    if (!Array.isArray(c.seeds)) throw new InvalidOptionError('cluster.seeds', 'expected an array of PeerId strings')
    seeds = c.seeds.map((s, i) => {
      if (typeof s !== 'string' || s.length === 0) throw new InvalidOptionError(`cluster.seeds[${i}]`, 'expected a PeerId string')
      return s
    })
  }
  return { role, expect, seeds }
}

function resolveQueues (value: unknown): ResolvedMeshOptions['queues'] {
  const q = plainObject('queues', value, ['replaceAfter', 'placement'])
  if (q.placement !== undefined && typeof q.placement !== 'function') throw new InvalidOptionError('queues.placement', 'expected a function ({ self }) => PlacementDirectory')
  return {
    replaceAfter: positiveInt('queues.replaceAfter', q.replaceAfter, 30_000),
    placement: q.placement as ResolvedMeshOptions['queues']['placement']
  }
}
