/**
 * The placement directory of a client (`createMesh({ cluster: { role: 'client' } })`): a peer that
 * uses queues without ever joining the cluster.
 *
 * A member joins the control plane, and the control leader may then make it a control voter or a
 * replica of a queue; a process that exits a second later leaves that voter or replica behind,
 * gone, until `queues.replaceAfter`. A client never joins: it learns a queue's placement by
 * declaring it (idempotent) at a member over the control protocol, following the leader's
 * redirects, and the list of queues by asking a member for the placements it knows
 * ({@link ClientDirectory.list}). Members see it as a peer in no cluster (its status answer says
 * `client`), so it is never counted for formation, recorded, made a voter or placed.
 */
import { EventEmitter } from 'node:events'
import { logger as createLogger } from '@libp2p/logger'
import { ClosedError, InvalidOptionError, TimeoutError } from '../../errors.js'
import type { StreamsLibp2p } from '../../rpc/peer-streams.js'
import type { PlacementDirectory, PlacementEvents, QueuePlacement, QueueSettings } from '../placement.js'
import { ControlRequestTimeoutError } from './errors.js'
import { ControlRpc, type ControlRequest, type ControlResponse } from './rpc.js'
import { checkQueueName, checkSettings, placementFromMsg, settingsToMsg } from './state.js'

/** The part of a {@link Mesh} a client directory uses (a `Mesh` fits). */
export interface ClientMesh {
  readonly libp2p: StreamsLibp2p
  readonly peerId: string
  peers: () => string[]
  on: (event: 'peer:join' | 'peer:leave', listener: (peerId: string) => void) => unknown
  off: (event: 'peer:join' | 'peer:leave', listener: (peerId: string) => void) => unknown
}

/** Options of {@link ClientDirectory}. Durations in ms. */
export interface ClientDirectoryOptions {
  /** How often the placements of the queues this client used are asked for again (owners and replicas move). Default 3000. */
  refreshMs?: number
  /** Timeout of one control request to a member. Default 2000. */
  requestTimeoutMs?: number
  /** Default timeout of {@link ClientDirectory.declare} and {@link ClientDirectory.list}. Default 10 000. */
  declareTimeoutMs?: number
  /** Protocol id of control requests. Default `/meshchan/control/1.0.0`. */
  protocol?: string
}

/** Pause between rounds of asking while no member answered (cut short when a peer joins). */
const RETRY_MS = 100

/** A {@link PlacementDirectory} for a peer that is not a cluster member: it asks members. */
export class ClientDirectory extends EventEmitter<PlacementEvents> implements PlacementDirectory {
  readonly self: string
  private readonly mesh: ClientMesh
  private readonly rpc: ControlRpc
  private readonly o: Required<Omit<ClientDirectoryOptions, 'protocol'>>
  private readonly placements = new Map<string, QueuePlacement>()
  private readonly settings = new Map<string, QueueSettings>()
  /** Connected peers that said they are no member (other clients): not asked again while connected. */
  private readonly notMembers = new Set<string>()
  private leaderHint = ''
  private refreshTimer: ReturnType<typeof setInterval> | undefined
  private stopped = false
  private readonly log = createLogger('meshchan:control:client')

  constructor (mesh: ClientMesh, options: ClientDirectoryOptions = {}) {
    super()
    this.mesh = mesh
    this.self = mesh.peerId
    this.o = {
      refreshMs: options.refreshMs ?? 3000,
      requestTimeoutMs: options.requestTimeoutMs ?? 2000,
      declareTimeoutMs: options.declareTimeoutMs ?? 10_000
    }
    // A member probes every newcomer's status: answer "a client, in no cluster".
    this.rpc = new ControlRpc(mesh.libp2p, async (_from, req) => await this.serve(req), { protocol: options.protocol })
  }

  /** Starts answering and sending control requests. */
  async start (): Promise<void> {
    await this.rpc.start()
    this.mesh.on('peer:leave', this.onPeerLeave)
    this.refreshTimer = setInterval(() => { void this.refresh() }, this.o.refreshMs)
    this.refreshTimer.unref()
  }

  /**
   * Learns `queue`'s placement by declaring it at the control leader (idempotent: an existing
   * queue's placement comes back unchanged). Waits for a member to connect and answer, up to
   * `timeout` ms (default 10 000).
   * @throws {InvalidOptionError} bad name or settings.
   * @throws {TimeoutError} no cluster member answered in time (none connected, or no control leader).
   * @throws {ClosedError} the directory stopped.
   */
  async declare (queue: string, settings: QueueSettings, options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueuePlacement> {
    const badName = checkQueueName(queue)
    if (badName !== undefined) throw new InvalidOptionError('queue', badName)
    const badSettings = checkSettings(settings)
    if (badSettings !== undefined) throw new InvalidOptionError('settings', badSettings)
    const known = this.placements.get(queue)
    if (known !== undefined) return known
    this.settings.set(queue, settings)
    const placement = await this.ask(queue, settings, options.timeout ?? this.o.declareTimeoutMs, options.signal)
    return this.learn(placement)
  }

  /**
   * Every queue's placement, sorted by queue name, as one connected member knows them: the member
   * answers from its local applied copy of the control state, which may lag the control leader's
   * (a queue declared a moment ago may be missing, an owner may just have moved). Asks connected
   * peers in turn (the known control leader first) until one answers, within `timeout` ms.
   * The placements are returned, not learned: listing does not make this client follow queues.
   * @throws {TimeoutError} no member answered (members older than the list request never do).
   */
  async list (options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueuePlacement[]> {
    const timeout = options.timeout ?? this.o.declareTimeoutMs
    const deadline = Date.now() + timeout
    let last = 'no cluster member connected'
    let rotation = 0
    while (!this.stopped) {
      options.signal?.throwIfAborted()
      if (deadline - Date.now() <= 0) break
      const target = this.pick(rotation++)
      if (target !== undefined) {
        try {
          return await this.listAt(target, deadline)
        } catch (err) {
          last = err instanceof ControlRequestTimeoutError
            ? `${err.message} (a member older than this peer does not answer list requests)`
            : (err as Error).message
          if (this.leaderHint === target) this.leaderHint = '' // it did not answer: don't insist on it
        }
      }
      await this.pause(deadline, options.signal)
    }
    if (this.stopped) throw new ClosedError('placement directory')
    throw new TimeoutError(`listing queues: no cluster member answered within ${timeout} ms (last: ${last})`)
  }

  get (queue: string): QueuePlacement | undefined {
    return this.placements.get(queue)
  }

  all (): QueuePlacement[] {
    return [...this.placements.values()]
  }

  /** Not a member: the peers it may ask are the connected ones not known to be clients too. */
  members (): string[] {
    return this.mesh.peers().filter(p => !this.notMembers.has(p))
  }

  /** Stops requests and timers. Pending calls reject with {@link ClosedError}. Idempotent. */
  async stop (): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    clearInterval(this.refreshTimer)
    this.mesh.off('peer:leave', this.onPeerLeave)
    await this.rpc.stop()
    this.removeAllListeners()
  }

  private readonly onPeerLeave = (peer: string): void => {
    this.notMembers.delete(peer)
    if (this.leaderHint === peer) this.leaderHint = ''
  }

  /** The peer to ask next: the known control leader, else the connected members in turn. */
  private pick (rotation: number): string | undefined {
    const peers = this.members()
    if (this.leaderHint !== '' && peers.includes(this.leaderHint)) return this.leaderHint
    return peers.length === 0 ? undefined : peers[rotation % peers.length]
  }

  private learn (p: QueuePlacement): QueuePlacement {
    const old = this.placements.get(p.queue)
    if (old !== undefined && old.version >= p.version) return old
    this.placements.set(p.queue, p)
    this.emit('placement', p)
    return p
  }

  private async refresh (): Promise<void> {
    for (const [queue, settings] of this.settings) {
      if (this.stopped) return
      try {
        this.learn(await this.ask(queue, settings, this.o.requestTimeoutMs * 2))
      } catch (err) {
        this.log('refreshing the placement of %s failed: %s', queue, (err as Error).message)
      }
    }
  }

  /** Declares `queue` at the control leader (following redirects) until `timeout` ms pass. */
  private async ask (queue: string, settings: QueueSettings, timeout: number, signal?: AbortSignal): Promise<QueuePlacement> {
    const deadline = Date.now() + timeout
    let last = 'no cluster member connected'
    let rotation = 0
    while (!this.stopped) {
      signal?.throwIfAborted()
      const remaining = deadline - Date.now()
      if (remaining <= 0) break
      const target = this.pick(rotation++)
      if (target !== undefined) {
        try {
          const r = await this.rpc.request(target, { declare: { clusterId: '', queue, settings: settingsToMsg(settings) } }, Math.min(remaining, this.o.requestTimeoutMs))
          if (r.ok?.placement !== undefined) {
            this.leaderHint = target
            return placementFromMsg(r.ok.placement)
          }
          const f = r.failure
          last = f === undefined ? 'empty answer' : `${target}: ${f.code}: ${f.message}`
          if (f?.code === 'invalid') throw new InvalidOptionError('queue', f.message)
          if (f?.code === 'not-member') this.notMembers.add(target)
          this.leaderHint = f?.code === 'not-leader' ? f.leader : ''
          if (this.leaderHint !== '' && this.leaderHint !== target) continue
        } catch (err) {
          if (err instanceof InvalidOptionError || err instanceof ClosedError) throw err
          last = (err as Error).message
          this.leaderHint = ''
        }
      }
      await this.pause(deadline, signal)
    }
    if (this.stopped) throw new ClosedError('placement directory')
    throw new TimeoutError(`queue "${queue}": no cluster member answered within ${timeout} ms (last: ${last}); a client needs a member to connect to (bootstrap or mdns)`)
  }

  /** All pages of `peer`'s list, before `deadline` (ms since the epoch). */
  private async listAt (peer: string, deadline: number): Promise<QueuePlacement[]> {
    const placements: QueuePlacement[] = []
    let after = ''
    for (;;) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new TimeoutError(`${peer} did not list every queue in time`)
      const r = await this.rpc.request(peer, { list: { clusterId: '', after } }, Math.min(remaining, this.o.requestTimeoutMs))
      const l = r.listReply
      if (l === undefined) {
        const f = r.failure
        if (f?.code === 'not-member') this.notMembers.add(peer)
        throw new Error(f === undefined ? `${peer}: empty answer` : `${peer}: ${f.code}: ${f.message}`)
      }
      for (const p of l.placements) placements.push(placementFromMsg(p))
      const lastQueue = l.placements.at(-1)?.queue
      if (!l.more || lastQueue === undefined || lastQueue <= after) return placements
      after = lastQueue
    }
  }

  /** Waits a moment before asking again, less if a peer joins meanwhile (it may be a member). */
  private async pause (deadline: number, signal?: AbortSignal): Promise<void> {
    const ms = Math.max(0, Math.min(RETRY_MS, deadline - Date.now()))
    if (ms === 0) return
    const { promise, resolve } = Promise.withResolvers<void>()
    const timer = setTimeout(resolve, ms)
    const onJoin = (): void => { resolve() }
    this.mesh.on('peer:join', onJoin)
    signal?.addEventListener('abort', onJoin, { once: true })
    try {
      await promise
    } finally {
      clearTimeout(timer)
      this.mesh.off('peer:join', onJoin)
      signal?.removeEventListener('abort', onJoin)
    }
  }

  private async serve (req: ControlRequest): Promise<ControlResponse> {
    if (req.status !== undefined) {
      return { statusReply: { clusterId: '', inCluster: false, founders: [], leader: '', candidate: [], lock: [], client: true } }
    }
    return { failure: { code: 'not-member', message: 'a client (cluster.role "client"), not a cluster member', leader: '' } }
  }
}
