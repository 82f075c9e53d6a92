/**
 * Queue access for short-lived CLI processes (`meshchan put`, `meshchan take`) without joining the
 * cluster.
 *
 * A peer started by `createMesh` joins the cluster's control plane as a member, and the control
 * leader may then make it a control voter or a replica of a queue. A process that exits a second
 * later leaves that voter or replica behind, gone: a one-peer dev cluster (`meshchan node` and a
 * `meshchan put`) is left with a queue whose two replicas can't form a majority. So these commands
 * use the mesh's `queues.placement` hook with a {@link ClientDirectory}: they never join, and learn
 * a queue's placement by declaring it (idempotent) at a member over the control protocol, and the
 * list of queues by asking a member for the placements it knows ({@link ClientDirectory.list}).
 *
 * TODO(library): this belongs in the control plane as a client mode of `createMesh`.
 */
import { EventEmitter } from 'node:events'
import { ClosedError, TimeoutError } from '../errors.js'
import type { Mesh } from '../node/mesh.js'
import type { MeshOptions } from '../node/options.js'
import type { PlacementDirectory, PlacementEvents, QueuePlacement, QueueSettings } from '../queue/placement.js'
import { ControlRequestTimeoutError } from '../queue/control/errors.js'
import { ControlRpc, type ControlRequest, type ControlResponse } from '../queue/control/rpc.js'
import { placementFromMsg, settingsToMsg } from '../queue/control/state.js'
import { InvalidOptionError } from '../errors.js'

/** How often a known placement is asked for again (owners and replicas move). */
const REFRESH_MS = 3000
/** One control request's timeout. */
const REQUEST_MS = 2000

/** A {@link PlacementDirectory} for a peer that is not a cluster member: asks members. */
export class ClientDirectory extends EventEmitter<PlacementEvents> implements PlacementDirectory {
  private rpc: ControlRpc | undefined
  private mesh: Mesh | undefined
  private readonly placements = new Map<string, QueuePlacement>()
  private readonly settings = new Map<string, QueueSettings>()
  private leaderHint = ''
  private refreshTimer: ReturnType<typeof setInterval> | undefined
  private stopped = false

  constructor (readonly self: string) {
    super()
  }

  /** Starts answering and sending control requests on `mesh` (call once createMesh resolved). */
  async attach (mesh: Mesh): Promise<void> {
    this.mesh = mesh
    // A member probes every newcomer's status: answer "in no cluster" (never a founder or a member).
    this.rpc = new ControlRpc(mesh.libp2p, async (_from, req) => await this.serve(req))
    await this.rpc.start()
    this.refreshTimer = setInterval(() => { void this.refresh() }, REFRESH_MS)
    this.refreshTimer.unref()
  }

  async declare (queue: string, settings: QueueSettings, options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueuePlacement> {
    const known = this.placements.get(queue)
    if (known !== undefined) return known
    this.settings.set(queue, settings)
    const placement = await this.ask(queue, settings, options.timeout ?? 10_000, options.signal)
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
    const timeout = options.timeout ?? 10_000
    const deadline = Date.now() + timeout
    let last = 'no meshchan peer connected'
    let rotation = 0
    while (!this.stopped && this.rpc !== undefined) {
      options.signal?.throwIfAborted()
      if (deadline - Date.now() <= 0) break
      const peers = this.members()
      const target = this.leaderHint !== '' && peers.includes(this.leaderHint) ? this.leaderHint : peers[rotation++ % Math.max(1, peers.length)]
      if (target !== undefined) {
        try {
          return await this.listAt(target, deadline)
        } catch (err) {
          last = err instanceof ControlRequestTimeoutError
            ? `${err.message} (a member older than this CLI does not answer list requests)`
            : (err as Error).message
          if (this.leaderHint === target) this.leaderHint = '' // it did not answer: don't insist on it
        }
      }
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    if (this.stopped) throw new ClosedError('placement directory')
    throw new TimeoutError(`listing queues: no cluster member answered within ${timeout} ms (last: ${last}). Is a "meshchan node" running, and did you --bootstrap to it?`)
  }

  get (queue: string): QueuePlacement | undefined {
    return this.placements.get(queue)
  }

  all (): QueuePlacement[] {
    return [...this.placements.values()]
  }

  /** Not a member: the peers it may ask are the ones it is connected to. */
  members (): string[] {
    return this.mesh?.peers() ?? []
  }

  async stop (): Promise<void> {
    this.stopped = true
    clearInterval(this.refreshTimer)
    await this.rpc?.stop()
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
      try {
        this.learn(await this.ask(queue, settings, REQUEST_MS * 2))
      } catch {}
    }
  }

  /** Declares `queue` at the control leader (following redirects) until `timeout` ms pass. */
  private async ask (queue: string, settings: QueueSettings, timeout: number, signal?: AbortSignal): Promise<QueuePlacement> {
    const deadline = Date.now() + timeout
    let last = 'no meshchan peer connected'
    let rotation = 0
    while (!this.stopped && this.rpc !== undefined) {
      signal?.throwIfAborted()
      const remaining = deadline - Date.now()
      if (remaining <= 0) break
      const peers = this.members()
      const target = this.leaderHint !== '' && peers.includes(this.leaderHint) ? this.leaderHint : peers[rotation++ % Math.max(1, peers.length)]
      if (target !== undefined) {
        try {
          const r = await this.rpc.request(target, { declare: { clusterId: '', queue, settings: settingsToMsg(settings) } }, Math.min(remaining, REQUEST_MS))
          if (r.ok?.placement !== undefined) {
            this.leaderHint = target
            return placementFromMsg(r.ok.placement)
          }
          const f = r.failure
          last = f === undefined ? 'empty answer' : `${f.code}: ${f.message}`
          if (f?.code === 'invalid') throw new InvalidOptionError('queue', f.message)
          this.leaderHint = f?.code === 'not-leader' ? f.leader : ''
          if (this.leaderHint !== '') continue
        } catch (err) {
          if (err instanceof InvalidOptionError) throw err
          last = (err as Error).message
          this.leaderHint = ''
        }
      }
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    if (this.stopped) throw new ClosedError('placement directory')
    throw new TimeoutError(`queue "${queue}": no cluster member answered within ${timeout} ms (last: ${last}). Is a "meshchan node" running, and did you --bootstrap to it?`)
  }

  /** All pages of `peer`'s list, before `deadline` (ms since the epoch). */
  private async listAt (peer: string, deadline: number): Promise<QueuePlacement[]> {
    const placements: QueuePlacement[] = []
    let after = ''
    for (;;) {
      const remaining = deadline - Date.now()
      if (remaining <= 0 || this.rpc === undefined) throw new TimeoutError(`${peer} did not list every queue in time`)
      const r = await this.rpc.request(peer, { list: { clusterId: '', after } }, Math.min(remaining, REQUEST_MS))
      const l = r.listReply
      if (l === undefined) {
        const f = r.failure
        throw new Error(f === undefined ? `${peer}: empty answer` : `${peer}: ${f.code}: ${f.message}`)
      }
      for (const p of l.placements) placements.push(placementFromMsg(p))
      const lastQueue = l.placements.at(-1)?.queue
      if (!l.more || lastQueue === undefined || lastQueue <= after) return placements
      after = lastQueue
    }
  }

  private async serve (req: ControlRequest): Promise<ControlResponse> {
    if (req.status !== undefined) {
      return { statusReply: { clusterId: '', inCluster: false, founders: [], leader: '', candidate: [], lock: [] } }
    }
    return { failure: { code: 'not-member', message: 'a meshchan CLI client, not a cluster member', leader: '' } }
  }
}

/** Mesh options for a client peer, and the directory to {@link ClientDirectory.attach} once it runs. */
export function clientMeshOptions (options: MeshOptions): { options: MeshOptions, directory: () => ClientDirectory } {
  let directory: ClientDirectory | undefined
  return {
    options: { ...options, queues: { ...options.queues, placement: ({ self }) => (directory = new ClientDirectory(self)) } },
    directory: () => {
      if (directory === undefined) throw new Error('the mesh has not started')
      return directory
    }
  }
}
