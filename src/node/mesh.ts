import { EventEmitter } from 'node:events'
import { KEEP_ALIVE } from '@libp2p/interface'
import type { PeerId, PeerInfo, IdentifyResult } from '@libp2p/interface'
import { logger as createLogger } from '@libp2p/logger'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { ChannelHub } from '../channel/hub.js'
import type { Channel, ChannelOptions } from '../channel/index.js'
import { ClosedError, InvalidOptionError, MeshchanError } from '../errors.js'
import { loadOrCreateIdentity } from './identity.js'
import { buildLibp2p, type MeshLibp2p } from './libp2p.js'
import { resolveMeshOptions, type MeshOptions, type ResolvedMeshOptions } from './options.js'
import { GossipsubPort } from './pubsub.js'
import { raceSignal } from '../signal.js'
import { MESH_PROTOCOL_ID, PeerExchange } from './peer-list.js'
import { createRaftHost, type RaftHost } from '../raft/driver/index.js'
import { libp2pRaftTransport } from '../raft/transport/index.js'
import { QueueService } from '../queue/service.js'
import { Queue, type QueueOptions } from '../queue/queue.js'
import type { PlacementDirectory, QueuePlacement } from '../queue/placement.js'
import { ClientDirectory, ControlPlane, createControlPlane, runLeave, type LeaveReport } from '../queue/control/index.js'
import { MemoryStorage, openFileStorage } from '../storage/index.js'
import { join } from 'node:path'

/**
 * Every meshchan peer handles this protocol. Identify advertises it, which is how a mesh tells
 * meshchan peers apart from other libp2p peers it happens to be connected to.
 */
export const MESH_PROTOCOL = MESH_PROTOCOL_ID

/** Events a {@link Mesh} emits. */
export interface MeshEvents {
  /** A meshchan peer connected and identified itself. Argument: its PeerId. */
  'peer:join': [peerId: string]
  /** A meshchan peer's last connection closed (hang-up, crash, or failed pings). Argument: its PeerId. */
  'peer:leave': [peerId: string]
}

/** A dial failed; the message says why in terms a user can act on. */
export class DialError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_DIAL', message, options)
  }
}

/**
 * One meshchan peer: a libp2p node with meshchan's protocols, its peer set and its channels.
 * Create with {@link createMesh}; always `await mesh.stop()` when done.
 */
export class Mesh extends EventEmitter<MeshEvents> {
  /** The underlying libp2p node, for advanced use (custom protocols, metrics). */
  readonly libp2p: MeshLibp2p
  /** Options after validation and defaults. */
  readonly options: ResolvedMeshOptions
  private readonly port: GossipsubPort
  private readonly hub: ChannelHub
  private readonly joined = new Set<string>()
  private readonly dialing = new Set<string>()
  /** @internal serves and requests peer lists on the mesh protocol. */
  readonly peerExchange: PeerExchange
  private readonly log
  private stopping: Promise<void> | undefined
  private leaving: Promise<LeaveReport> | undefined
  private raft: RaftHost | undefined
  private queueService: QueueService | undefined
  private placement: PlacementDirectory | undefined

  /** @internal use {@link createMesh} */
  constructor (libp2p: MeshLibp2p, options: ResolvedMeshOptions) {
    super()
    this.libp2p = libp2p
    this.options = options
    this.log = createLogger(`${options.logger}:mesh`)
    this.port = new GossipsubPort(libp2p.services.pubsub, libp2p.peerId.toString())
    this.hub = new ChannelHub(this.port)
    this.peerExchange = new PeerExchange(libp2p, () => this.peers(), id => { this.dialPeer(id) })
    libp2p.addEventListener('peer:identify', this.onIdentify)
    libp2p.addEventListener('peer:disconnect', this.onDisconnect)
    libp2p.addEventListener('peer:discovery', this.onDiscovery)
  }

  /** This peer's id (base58 string form). Stable across restarts when `identity` is set. */
  get peerId (): string {
    return this.libp2p.peerId.toString()
  }

  /** Addresses other peers can dial, each ending in `/p2p/<peerId>`. */
  get addresses (): string[] {
    return this.libp2p.getMultiaddrs().map(ma => ma.toString())
  }

  /** meshchan peers currently connected (other libp2p peers are not listed). */
  peers (): string[] {
    return [...this.joined]
  }

  /**
   * A broadcast channel on the gossipsub topic `meshchan/ch/<name>`: every receiver in the mesh
   * gets every message. See {@link Channel}.
   */
  channel<T = unknown>(name: string, options?: ChannelOptions<T>): Channel<T> {
    if (this.stopping !== undefined) throw new ClosedError('mesh')
    return this.hub.channel<T>(name, options)
  }

  /**
   * A replicated work queue (see {@link Queue}): declared in the cluster on first use (the first
   * declaration's settings win), replicated on `replicas` peers, usable from any peer.
   * ```ts
   * const jobs = mesh.queue<{ url: string }>('jobs', { replicas: 3, ackTimeout: 10_000 })
   * await jobs.put({ url })
   * for await (const d of jobs.consume({ prefetch: 8 })) { await fetch(d.value.url); await d.ack() }
   * ```
   */
  queue<T = unknown>(name: string, options?: QueueOptions<T>): Queue<T> {
    if (this.stopping !== undefined || this.queueService === undefined) throw new ClosedError('mesh')
    return new Queue<T>(this.queueService, name, options)
  }

  /** @internal the queue data path (for diagnostics and tests). */
  get queues (): QueueService | undefined {
    return this.queueService
  }

  /**
   * How this peer takes part in the queue cluster (`cluster.role`): `'member'` (it may hold queue
   * replicas and vote in the control group) or `'client'` (it only uses queues).
   */
  get role (): 'member' | 'client' {
    return this.options.cluster.role
  }

  /**
   * @internal this member's control plane (for diagnostics and tests); undefined on a client or
   * with a custom `queues.placement` directory.
   */
  get controlPlane (): ControlPlane | undefined {
    return this.placement instanceof ControlPlane ? this.placement : undefined
  }

  /**
   * Every queue in the cluster, sorted by name. A member answers from its own copy of the control
   * state; a client asks a connected member (which answers from its copy). Either copy may lag the
   * control leader by a moment: a queue declared just now may be missing, an owner may have moved.
   * @throws {TimeoutError} (client) no member answered within `timeout` ms (default 10 000).
   * @throws {ClosedError} the mesh is stopping.
   */
  async listQueues (options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueuePlacement[]> {
    if (this.stopping !== undefined || this.placement === undefined) throw new ClosedError('mesh')
    if (this.placement instanceof ClientDirectory) return await this.placement.list(options)
    return this.placement.all().sort((a, b) => a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0)
  }

  /** @internal started by {@link createMesh} once libp2p runs. */
  async startQueues (): Promise<void> {
    const self = this.peerId
    if (this.options.cluster.role === 'client') {
      // A client runs no Raft host and never joins: it asks members where queues live.
      const directory = new ClientDirectory(this)
      this.placement = directory
      await directory.start()
      this.queueService = new QueueService({
        libp2p: this.libp2p,
        directory,
        dataDir: undefined,
        connected: () => this.peers(),
        logName: this.options.logger
      })
      await this.queueService.start()
      this.on('peer:leave', this.onQueuePeerLeave)
      this.on('peer:join', this.onQueuePeerJoin)
      return
    }
    this.raft = await createRaftHost({ transport: libp2pRaftTransport(this.libp2p) })
    // Placements come from the cluster's control plane (a Raft group of its own on the same host),
    // unless the caller supplied a directory (tests: an in-memory one shared by several meshes).
    const dataDir = this.options.dataDir
    this.placement = this.options.queues.placement?.({ self }) ?? await createControlPlane({
      mesh: this,
      host: this.raft,
      storageFor: async groupId => dataDir === undefined ? new MemoryStorage() : await openFileStorage(join(dataDir, 'raft', encodeURIComponent(groupId))),
      cluster: { expect: this.options.cluster.expect, seeds: this.options.cluster.seeds.length > 0 ? this.options.cluster.seeds : undefined },
      replaceAfterMs: this.options.queues.replaceAfter
    })
    this.queueService = new QueueService({
      libp2p: this.libp2p,
      host: this.raft,
      directory: this.placement,
      dataDir: this.options.dataDir,
      connected: () => this.peers(),
      logName: this.options.logger
    })
    await this.queueService.start()
    this.on('peer:leave', this.onQueuePeerLeave)
    this.on('peer:join', this.onQueuePeerJoin)
  }

  private readonly onQueuePeerLeave = (peer: string): void => { this.queueService?.peerGone(peer) }
  private readonly onQueuePeerJoin = (peer: string): void => { this.queueService?.peerJoined(peer) }

  /** Connects to a peer by multiaddr (with `/p2p/<id>`). Rejects with {@link DialError}. */
  async dial (address: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    let ma
    try {
      ma = multiaddr(address)
    } catch (err) {
      throw new DialError(`"${address}" is not a valid multiaddr`, { cause: err })
    }
    try {
      await this.libp2p.dial(ma, { signal: options.signal ?? AbortSignal.timeout(this.options.dialTimeout) })
    } catch (err) {
      throw new DialError(this.explainDialFailure(address, err), { cause: err })
    }
  }

  /**
   * Resolves once at least `count` meshchan peers are connected. Rejects with {@link TimeoutError}
   * after `timeout` ms (default 30 s) or when `signal` aborts.
   */
  async waitForPeers (count: number, options: { signal?: AbortSignal, timeout?: number } = {}): Promise<void> {
    if (this.joined.size >= count) return
    const { promise, resolve } = Promise.withResolvers<void>()
    const check = (): void => { if (this.joined.size >= count) resolve() }
    this.on('peer:join', check)
    try {
      await raceSignal(promise, { signal: options.signal, timeout: options.timeout ?? (options.signal === undefined ? 30_000 : undefined) }, `waiting for ${count} peer(s)`)
    } finally {
      this.off('peer:join', check)
    }
  }

  /**
   * Leaves the queue cluster for good, then stops the mesh (a graceful leave, for a member that
   * won't come back; a plain {@link stop} is for a restart, and the cluster keeps counting on the
   * peer until `queues.replaceAfter`). Before stopping, this member:
   *
   * 1. asks the control leader to record the leave, which replaces it at once in every queue
   *    placement that lists it (or drops it from one when no other live peer can take its place);
   * 2. waits until each queue it held a replica of is handed over: the owner added the replacement,
   *    caught it up and removed this peer (ownership it held moves first), so no committed message
   *    is lost;
   * 3. asks to be removed from the control group (handing control leadership over if it led), so
   *    the remaining voters keep a majority among themselves.
   *
   * Every wait is bounded by `timeout` (ms, default 30 000). The promise never rejects for the
   * cluster's sake: if the cluster is unreachable, has no other member to hand over to, or runs out
   * of time, the report says so (`complete: false`, `reason`, `pending` queues; also logged), the
   * mesh stops anyway, and what is left is replaced after `queues.replaceAfter` as for a crash.
   * On a client it just stops (a client holds nothing). Calling it again returns the same report.
   * ```ts
   * const report = await mesh.leave({ timeout: 10_000 })
   * if (!report.complete) console.warn(`left with ${report.pending.join(', ')} pending: ${report.reason}`)
   * ```
   * @throws {InvalidOptionError} `timeout` is not a positive number.
   */
  async leave (options: { timeout?: number } = {}): Promise<LeaveReport> {
    const timeout = options.timeout ?? 30_000
    if (typeof timeout !== 'number' || !(timeout > 0)) throw new InvalidOptionError('timeout', `expected a positive number of ms, got ${String(timeout)}`)
    this.leaving ??= this.doLeave(timeout)
    return await this.leaving
  }

  private async doLeave (timeout: number): Promise<LeaveReport> {
    const incomplete = (reason: string): LeaveReport => ({ complete: false, handedOver: [], pending: [], reason })
    let report: LeaveReport
    const plane = this.controlPlane
    const svc = this.queueService
    if (this.stopping !== undefined) {
      report = incomplete('the mesh was already stopping')
    } else if (this.role === 'client') {
      report = { complete: true, handedOver: [], pending: [], reason: '' }
    } else if (plane === undefined || svc === undefined) {
      report = incomplete('placements come from a custom queues.placement directory: there is no control plane to leave')
    } else if (this.peers().length === 0) {
      report = incomplete('no other peer is connected: the cluster is unreachable')
    } else {
      const self = this.peerId
      report = await runLeave({
        plane,
        localQueues: () => svc.localQueues(),
        handedOver: async (queue, deadline) => {
          const { response } = await svc.router(queue).call({ stats: {} }, { deadline: Math.min(deadline, Date.now() + 2000), passThrough: ['UNKNOWN_QUEUE'], what: 'stats' })
          const s = response.stats
          return s !== undefined && s.owner !== '' && s.owner !== self && !s.replicas.includes(self)
        }
      }, Date.now() + timeout).catch((err: unknown) => incomplete((err as Error).message))
    }
    if (report.complete) this.log('left the cluster (handed over: %s)', report.handedOver.join(', ') || 'nothing')
    else this.log.error('leave incomplete: %s%s; stopping anyway (the cluster replaces this peer after queues.replaceAfter)', report.reason, report.pending.length > 0 ? ` (pending: ${report.pending.join(', ')})` : '')
    await this.stop()
    return report
  }

  /** Closes channels, connections and listeners. Idempotent; the process can exit afterwards. */
  async stop (): Promise<void> {
    this.stopping ??= this.doStop()
    return this.stopping
  }

  private async doStop (): Promise<void> {
    // Queues first: owners hand leadership over while the network is still up (no gap for a
    // planned restart), then the Raft host, then the directory, then libp2p.
    await this.queueService?.stop({ transferLeadership: true }).catch(err => { this.log.error('stopping queues: %e', err) })
    this.off('peer:leave', this.onQueuePeerLeave)
    this.off('peer:join', this.onQueuePeerJoin)
    // The directory next (the control plane hands its own leadership over), then the Raft host.
    const dir = this.placement as (PlacementDirectory & { close?: () => void, stop?: (o: { transferLeadership?: boolean }) => Promise<void> }) | undefined
    if (typeof dir?.stop === 'function') await dir.stop({ transferLeadership: true }).catch(err => { this.log.error('stopping the control plane: %e', err) })
    else dir?.close?.()
    await this.raft?.stop({ transferLeadership: false }).catch(err => { this.log.error('stopping raft: %e', err) })
    this.hub.close()
    this.port.close()
    this.libp2p.removeEventListener('peer:identify', this.onIdentify)
    this.libp2p.removeEventListener('peer:disconnect', this.onDisconnect)
    this.libp2p.removeEventListener('peer:discovery', this.onDiscovery)
    await this.libp2p.stop()
    for (const peer of [...this.joined]) {
      this.joined.delete(peer)
      this.emit('peer:leave', peer)
    }
  }

  private readonly onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const { peerId, protocols } = evt.detail
    const id = peerId.toString()
    if (!protocols.includes(MESH_PROTOCOL) || this.joined.has(id)) return
    // identify may finish just after the connection closed (a cut link); only live peers join.
    if (this.libp2p.getConnections(peerId).length === 0) return
    this.joined.add(id)
    // Keep-alive makes libp2p re-dial a meshchan peer that drops (bounded retries, backoff).
    this.libp2p.peerStore.merge(peerId, { tags: { [KEEP_ALIVE]: { value: 1 } } })
      .catch(err => { this.log.error('tagging %s failed: %e', id, err) })
    this.log('peer joined %s', id)
    this.emit('peer:join', id)
    this.peerExchange.exchange(id).catch(err => { this.log('peer exchange with %s failed: %s', id, (err as Error).message) })
  }

  private readonly onDisconnect = (evt: CustomEvent<PeerId>): void => {
    const id = evt.detail.toString()
    this.port.peerGone()
    if (!this.joined.delete(id)) return
    this.log('peer left %s', id)
    this.emit('peer:leave', id)
  }

  private readonly onDiscovery = (evt: CustomEvent<PeerInfo>): void => {
    this.dialPeer(evt.detail.id.toString())
  }

  /** Dials a peer known to the peer store, unless connected or already dialing. Errors are logged. */
  private dialPeer (key: string): void {
    if (key === this.peerId || this.dialing.has(key) || this.stopping !== undefined) return
    const id = peerIdFromString(key)
    if (this.libp2p.getConnections(id).length > 0) return
    this.dialing.add(key)
    this.libp2p.dial(id, { signal: AbortSignal.timeout(this.options.dialTimeout) })
      .catch(err => { this.log('dial to %s failed: %s', key, this.explainDialFailure(key, err)) })
      .finally(() => this.dialing.delete(key))
  }

  private explainDialFailure (target: string, err: unknown): string {
    const reason = err instanceof Error ? err.message : String(err)
    if (this.options.swarmKey === undefined) return `could not connect to ${target}: ${reason}`
    // With a pre-shared key, a peer on another key (or none) gives no error of its own: the
    // handshake just never completes. Say what it most likely is.
    return `could not connect to ${target} (${reason}). This mesh is a private network (swarmKey ` +
      `${this.options.swarmKey}); a peer with a different swarm key, or none, fails exactly like this. ` +
      'Check that both peers use the same key file.'
  }
}

/**
 * Starts a meshchan peer. Options are validated first ({@link InvalidOptionError} names the bad
 * field). Resolves once the peer listens; it joins the mesh through `bootstrap` and/or `mdns`.
 */
export async function createMesh (options: MeshOptions = {}): Promise<Mesh> {
  const resolved = resolveMeshOptions(options)
  const privateKey = resolved.identity !== undefined
    ? await loadOrCreateIdentity(resolved.identity)
    : await generateKeyPair('Ed25519')
  const libp2p = await buildLibp2p(resolved, privateKey)
  const mesh = new Mesh(libp2p, resolved)
  await libp2p.handle(MESH_PROTOCOL, mesh.peerExchange.serve, { runOnLimitedConnection: false })
  try {
    await libp2p.start()
  } catch (err) {
    await Promise.resolve(libp2p.stop()).catch(() => {})
    throw new MeshchanError('ERR_START', `could not start the peer: ${(err as Error).message}`, { cause: err })
  }
  try {
    await mesh.startQueues()
  } catch (err) {
    await mesh.stop().catch(() => {})
    throw new MeshchanError('ERR_START', `could not start queues: ${(err as Error).message}`, { cause: err })
  }
  return mesh
}

