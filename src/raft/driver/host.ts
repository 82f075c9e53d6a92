import { ClosedError, InvalidOptionError } from '../../errors.js'
import type { RaftConfig } from '../core/config.js'
import type { RaftTransport } from '../transport/types.js'
import { checkGroupId } from '../transport/group-id.js'
import { GroupExistsError } from './errors.js'
import { RaftGroup, type GroupHost, type GroupOptions, type GroupStopOptions } from './group.js'

/**
 * Default timing: a 15 ms tick, elections after 10–20 ticks (150–300 ms, the Raft paper's §9.3
 * setting) and heartbeats every 3 ticks (45 ms), so about six heartbeats fit in the shortest
 * election timeout and a few lost ones don't cause an election. Idle groups quiesce (no
 * heartbeats at all) when the transport reports link changes (`RaftTransport.onPeerChange`).
 */
export const DEFAULT_TICK_MS = 15
export const DEFAULT_GROUP_CONFIG: Readonly<Partial<RaftConfig>> = Object.freeze({ electionTicks: 10, heartbeatTicks: 3, quiesce: true })

export interface RaftHostOptions {
  /** The transport shared by every group (started by {@link createRaftHost}, stopped by `stop`). */
  transport: RaftTransport
  /** Length of one logical tick, ms (10–50 sensible). Default {@link DEFAULT_TICK_MS}. */
  tickMs?: number
  /**
   * Core tunables applied to every group (a group's own `config` overrides them). Default
   * {@link DEFAULT_GROUP_CONFIG}; `quiesce` is forced off when the transport has no `onPeerChange`
   * (nothing would wake a quiesced group whose leader died).
   */
  config?: Partial<RaftConfig>
}

/** Options of {@link RaftHost.stop}. */
export interface HostStopOptions extends GroupStopOptions {}

/**
 * One per process (or per mesh): owns the Raft transport and the clock, and hosts many groups.
 * One shared ticker ticks every group in the same event-loop turn, so the heartbeats of all groups
 * to one peer leave in one transport frame; a group with nothing to do costs one `tick()` call
 * and its share of that frame.
 */
export class RaftHost {
  readonly transport: RaftTransport
  readonly tickMs: number
  private readonly config: Partial<RaftConfig>
  private readonly groups = new Map<string, RaftGroup<any>>()
  /** Groups being created (storage loading), so a second create of the same id fails fast. */
  private readonly creating = new Set<string>()
  private ticker: ReturnType<typeof setInterval> | undefined
  private state: 'new' | 'running' | 'stopped' = 'new'
  /** Messages for groups not hosted here; and notices received. */
  readonly stats = { unknownGroupMessages: 0, unknownGroupNotices: 0, ticks: 0, peerChanges: 0 }
  private readonly link: GroupHost
  private readonly detectsPeers: boolean

  constructor (options: RaftHostOptions) {
    this.transport = options.transport
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS
    if (!Number.isFinite(this.tickMs) || this.tickMs < 1) throw new InvalidOptionError('tickMs', `must be ≥ 1 ms, got ${String(this.tickMs)}`)
    this.config = { ...DEFAULT_GROUP_CONFIG, ...options.config }
    this.detectsPeers = this.transport.onPeerChange !== undefined
    this.link = {
      localId: this.transport.localId,
      tickMs: this.tickMs,
      send: (to, group, bytes) => { this.transport.send(to, group, bytes) },
      release: group => { if (this.groups.get(group.groupId) === group) this.groups.delete(group.groupId) }
    }
    this.transport.onMessage((from, group, bytes) => {
      const g = this.groups.get(group)
      // false: the transport answers with a rate-limited notice; nothing is created here.
      if (g === undefined) { this.stats.unknownGroupMessages++; return false }
      g.receive(from, bytes)
      return true
    })
    this.transport.onUnknownGroup((from, group) => {
      this.stats.unknownGroupNotices++
      this.groups.get(group)?.unknownGroup(from)
    })
    this.transport.onPeerChange?.((peer, up) => { this.peerChanged(peer, up) })
  }

  /** This node's member id (its PeerId string over libp2p). */
  get localId (): string { return this.transport.localId }

  /** Ids of the groups hosted here. */
  get groupIds (): string[] { return [...this.groups.keys()] }

  /** The group with this id, if hosted here. */
  group<R = unknown> (groupId: string): RaftGroup<R> | undefined {
    return this.groups.get(groupId)
  }

  /** Starts the transport and the ticker. Called by {@link createRaftHost}. */
  async start (): Promise<void> {
    if (this.state !== 'new') return
    await this.transport.start()
    this.state = 'running'
    this.ticker = setInterval(() => { this.tick() }, this.tickMs)
  }

  /**
   * Loads the group's storage (restoring the state machine from its snapshot, if any) and starts
   * the group. Committed entries after the snapshot are applied again to rebuild the state machine.
   * @throws {GroupExistsError} a group with this id is already hosted here.
   */
  async createGroup<R = unknown> (options: GroupOptions<R>): Promise<RaftGroup<R>> {
    if (this.state === 'stopped') throw new ClosedError('raft host')
    checkGroupId(options.groupId)
    if (!Array.isArray(options.members) || options.members.length === 0) throw new InvalidOptionError('members', 'must list at least one member')
    if (this.groups.has(options.groupId) || this.creating.has(options.groupId)) throw new GroupExistsError(options.groupId)
    this.creating.add(options.groupId)
    try {
      const persisted = await options.storage.load()
      if (persisted.snapshot !== null) await options.stateMachine.restore(persisted.snapshot.data)
      const config = { ...this.config, ...options.config }
      if (!this.detectsPeers) config.quiesce = false
      const group = new RaftGroup<R>(this.link, { ...options, config }, persisted)
      // The host may have stopped while storage was loading.
      if ((this.state as string) === 'stopped') throw new ClosedError('raft host')
      this.groups.set(options.groupId, group)
      return group
    } finally {
      this.creating.delete(options.groupId)
    }
  }

  /** Stops every group (handing over leaderships unless told not to), the ticker and the transport. Idempotent. */
  async stop (options: HostStopOptions = {}): Promise<void> {
    if (this.state === 'stopped') return
    const groups = [...this.groups.values()]
    await Promise.all(groups.map(async g => { await g.stop(options) }))
    this.state = 'stopped'
    if (this.ticker !== undefined) clearInterval(this.ticker)
    this.ticker = undefined
    await this.transport.stop()
  }

  /**
   * The link to `peer` was lost or (re)established: wakes the quiesced groups it is a member of
   * (their leader may be gone, or a member may have restarted). Called by the transport's
   * failure detector; callers with a better one (e.g. the mesh's) may call it too.
   */
  peerChanged (peer: string, up?: boolean): void {
    this.stats.peerChanges++
    for (const g of this.groups.values()) g.peerChanged(peer, up)
  }

  private tick (): void {
    this.stats.ticks++
    // Every group ticks in this one turn: their heartbeats to a peer coalesce into one frame.
    for (const g of this.groups.values()) g.tick()
  }
}

/** Creates a {@link RaftHost} and starts its transport and clock. */
export async function createRaftHost (options: RaftHostOptions): Promise<RaftHost> {
  const host = new RaftHost(options)
  await host.start()
  return host
}
