import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { logger as createLogger } from '@libp2p/logger'
import { ClosedError, InvalidOptionError, TimeoutError } from '../../errors.js'
import { eventWithin } from '../../signal.js'
import type { RaftConfig } from '../../raft/core/config.js'
import { MembershipChangeError, NotLeaderError } from '../../raft/core/errors.js'
import type { MembershipChange } from '../../raft/core/membership.js'
import type { RaftGroup } from '../../raft/driver/group.js'
import type { RaftHost } from '../../raft/driver/host.js'
import type { PersistedState, RaftStorage } from '../../raft/storage.js'
import type { StreamsLibp2p } from '../../rpc/peer-streams.js'
import type { PlacementDirectory, PlacementEvents, QueuePlacement, QueueSettings } from '../placement.js'
import { planRepairs } from './algorithm.js'
import { ControlCommand, ControlSnapshot, Placement as PlacementMsg, type LeaveReply, type ListReply, type StatusResponse } from './control.js'
import { ClusterMismatchError, ControlRequestError } from './errors.js'
import { CONTROL_MAX_FRAME_SIZE, ControlRpc, type ControlRequest, type ControlResponse } from './rpc.js'
import {
  ControlStateMachine, checkQueueName, checkSettings, encodeCommand, placementFromMsg, placementToMsg, settingsFromMsg, settingsToMsg,
  type ControlResult, type MemberInfo
} from './state.js'

/** Id of the control group's Raft group. */
export const CONTROL_GROUP_ID = 'control'

/** How this peer comes into a cluster. */
export interface ClusterOptions {
  /**
   * Found a new cluster once this many meshchan peers running the control plane (this one
   * included) see each other; the founding voters are the `expect` smallest PeerIds among them.
   * Default 1: a peer with no `seeds` and no bootstrap founds a cluster of one by itself — unless a
   * connected peer already runs a cluster, which it joins instead.
   */
  expect?: number
  /**
   * The founding voters, exactly (PeerId strings; give every founder the same list). A peer in the
   * list founds at once (unless it finds the cluster already running); a peer not in it only joins.
   */
  seeds?: string[]
  /**
   * Only join an existing cluster, never found one. Default: true when the mesh was given
   * `bootstrap` addresses and neither `seeds` nor `expect` > 1 is set.
   */
  join?: boolean
}

/** The part of a {@link Mesh} the control plane uses (a `Mesh` fits). */
export interface ControlMesh {
  readonly libp2p: StreamsLibp2p
  readonly peerId: string
  peers: () => string[]
  on: (event: 'peer:join' | 'peer:leave', listener: (peerId: string) => void) => unknown
  off: (event: 'peer:join' | 'peer:leave', listener: (peerId: string) => void) => unknown
  readonly options?: { readonly bootstrap?: readonly string[] }
}

/** Options of {@link createControlPlane}. Durations in ms. */
export interface ControlPlaneOptions {
  mesh: ControlMesh
  /** The Raft host the control group runs on (shared with the queues' groups). */
  host: RaftHost
  /** Opens (or creates) the storage of a group; called once, with {@link CONTROL_GROUP_ID}. */
  storageFor: (groupId: string) => Promise<RaftStorage>
  cluster?: ClusterOptions
  /**
   * A member gone (not connected to the control leader) longer than this is replaced: in every
   * placement it is a replica of, and as a control voter. Default 30 000: long enough to ride out
   * a restart or a short network blip without copying queues around, short enough to restore the
   * replication factor before a second failure is likely.
   */
  replaceAfterMs?: number
  /**
   * Most control voters: 3 (default) or 5. The control group uses the largest odd number of voters
   * up to this and the number of live members (1, 3 or 5), so a 2-peer cluster has one voter and a
   * learner rather than two voters that both must be up. Every other member is a learner: it holds
   * a copy of the state (so `get`/`all` are local reads) but does not vote.
   */
  maxVoters?: number
  /** How often the control leader re-checks liveness, voters and placements. Default min(1000, replaceAfterMs / 4), at least 20. */
  repairIntervalMs?: number
  /** How often a forming or joining peer asks its peers again. Default 250. */
  retryIntervalMs?: number
  /** Timeout of one control request to a peer. Default 2000. */
  requestTimeoutMs?: number
  /** Default timeout of {@link ControlPlane.declare}. Default 10 000. */
  declareTimeoutMs?: number
  /** Core tunables for the control group (over the host's defaults). */
  raftConfig?: Partial<RaftConfig>
  /** Wall clock, ms since the epoch (stamped into liveness commands by the leader). Default `Date.now`. */
  now?: () => number
  /** Protocol id of control requests. Default `/meshchan/control/1.0.0`; tests may run several side by side. */
  protocol?: string
  /**
   * Called when a peer of another cluster talks to this one (it is refused; the clusters are never
   * merged). Also logged as an error and kept in {@link ControlPlane.conflicts}.
   */
  onConflict?: (err: ClusterMismatchError) => void
}

/** What the control leader reports to a leaving peer ({@link ControlPlane.requestLeave}). */
export interface LeaveProgress {
  /** Queues whose placement still lists the leaving peer. */
  queues: string[]
  /** Whether the leaving peer is still a voter or learner of the control group. */
  inGroup: boolean
  /** Why the leave can't complete ('' if it can), e.g. no other live member to hand over to. */
  blocked: string
}

/** What {@link ControlPlane.status} reports. */
export interface ControlStatus {
  phase: 'forming' | 'starting' | 'running' | 'stopped'
  clusterId: string
  founders: string[]
  leader: string
  isLeader: boolean
  term: number
  voters: string[]
  learners: string[]
  members: MemberInfo[]
}

const RETRYABLE_CODES = new Set(['not-leader', 'unavailable'])

/**
 * The cluster's control plane on one peer: runs (or joins) the control Raft group, which records
 * members and queue placements, and — on the control leader — keeps voters and placements healthy.
 * See {@link createControlPlane} and the module documentation in `index.ts`.
 */
export class ControlPlane extends EventEmitter<PlacementEvents> implements PlacementDirectory {
  readonly self: string
  private readonly mesh: ControlMesh
  private readonly host: RaftHost
  private readonly sm: ControlStateMachine
  private readonly rpc: ControlRpc
  private readonly log
  private readonly clock: () => number
  private readonly o: Required<Pick<ControlPlaneOptions, 'replaceAfterMs' | 'maxVoters' | 'repairIntervalMs' | 'retryIntervalMs' | 'requestTimeoutMs' | 'declareTimeoutMs'>>
  private readonly expect: number
  private readonly seeds: string[] | undefined
  private readonly joinOnly: boolean
  private readonly raftConfig: Partial<RaftConfig>
  private storage: RaftStorage | undefined
  private persisted: PersistedState | undefined
  private group: RaftGroup<ControlResult> | undefined
  private founders: string[] = []
  private phase: ControlStatus['phase'] = 'forming'
  /** Formation by `expect`: the set this peer would found with now, and the one it committed to (never changes). */
  private candidate: string[] = []
  private lock: string[] | undefined
  private leaderHint = ''
  private readonly readyGate = Promise.withResolvers<void>()
  private readyFired = false
  private readonly conflictKeys = new Set<string>()
  private readonly conflictList: ClusterMismatchError[] = []
  private readonly onConflict: ((err: ClusterMismatchError) => void) | undefined
  private retryTimer: ReturnType<typeof setInterval> | undefined
  private repairTimer: ReturnType<typeof setInterval> | undefined
  private readonly formation: Serial
  private readonly joining: Serial
  private readonly repair: Serial
  /** Set once this peer asked to leave: it never joins again (until restarted). */
  private leaving = false
  /** Leader only: leaving peers that asked to be removed from the control group (their queues are handed over). */
  private readonly finalLeave = new Set<string>()
  /** Leader only: when a peer still in the control group was first seen not to be a member (it left). */
  private readonly leftSince = new Map<string, number>()

  /** @internal use {@link createControlPlane} */
  constructor (options: ControlPlaneOptions) {
    super()
    this.mesh = options.mesh
    this.host = options.host
    this.self = options.mesh.peerId
    if (options.host.localId !== this.self) throw new InvalidOptionError('host', `the Raft host runs as ${options.host.localId}, the mesh as ${this.self}`)
    this.log = createLogger('meshchan:control')
    this.clock = options.now ?? Date.now
    this.onConflict = options.onConflict
    const replaceAfterMs = options.replaceAfterMs ?? 30_000
    positive('replaceAfterMs', replaceAfterMs)
    const maxVoters = options.maxVoters ?? 3
    if (!Number.isInteger(maxVoters) || maxVoters < 1 || maxVoters > 7) throw new InvalidOptionError('maxVoters', `expected an integer from 1 to 7, got ${String(maxVoters)}`)
    this.o = {
      replaceAfterMs,
      maxVoters,
      repairIntervalMs: options.repairIntervalMs ?? Math.max(20, Math.min(1000, Math.floor(replaceAfterMs / 4))),
      retryIntervalMs: options.retryIntervalMs ?? 250,
      requestTimeoutMs: options.requestTimeoutMs ?? 2000,
      declareTimeoutMs: options.declareTimeoutMs ?? 10_000
    }
    for (const k of ['repairIntervalMs', 'retryIntervalMs', 'requestTimeoutMs', 'declareTimeoutMs'] as const) positive(k, this.o[k])
    const cluster = options.cluster ?? {}
    this.expect = cluster.expect ?? 1
    if (!Number.isInteger(this.expect) || this.expect < 1 || this.expect > 1000) throw new InvalidOptionError('cluster.expect', `expected an integer from 1 to 1000, got ${String(cluster.expect)}`)
    // An empty list means "not given" (the mesh's resolved options carry `seeds: []` by default).
    if (cluster.seeds !== undefined && cluster.seeds.length > 0) {
      if (!Array.isArray(cluster.seeds) || cluster.seeds.some(s => typeof s !== 'string' || s === '')) {
        throw new InvalidOptionError('cluster.seeds', 'expected a non-empty list of PeerId strings')
      }
      this.seeds = [...new Set(cluster.seeds)].sort()
    }
    const bootstrapped = (options.mesh.options?.bootstrap?.length ?? 0) > 0
    this.joinOnly = cluster.join ?? (bootstrapped && this.seeds === undefined && this.expect === 1)
    // A learner is promoted only once (nearly) caught up: the control log is small and quiet, so
    // waiting for a close match costs little and keeps a slow new voter from stalling commits.
    this.raftConfig = { maxPromotionLag: 2, ...options.raftConfig }
    this.sm = new ControlStateMachine({
      onPlacement: p => { this.emit('placement', p) },
      onMembers: ids => {
        this.emit('members', ids)
        this.repair.trigger()
        this.checkReady()
      },
      onFound: () => { this.checkReady() }
    })
    this.rpc = new ControlRpc(options.mesh.libp2p, async (from, req) => await this.serve(from, req), { protocol: options.protocol })
    const onError = (what: string) => (err: unknown): void => { if (this.phase !== 'stopped') this.log('%s failed: %s', what, (err as Error)?.message ?? err) }
    this.formation = new Serial(async () => { await this.formationRound() }, onError('formation round'))
    this.joining = new Serial(async () => { await this.joinRound() }, onError('join round'))
    this.repair = new Serial(async () => { await this.reconcile() }, onError('reconcile'))
  }

  // ---- PlacementDirectory ----------------------------------------------------------------------

  get (queue: string): QueuePlacement | undefined {
    return this.sm.placements.get(queue)
  }

  all (): QueuePlacement[] {
    return [...this.sm.placements.values()]
  }

  members (): string[] {
    return this.sm.memberIds()
  }

  /**
   * Declares a queue (idempotent: the first declaration's settings win) and resolves with its
   * placement once committed in the control group. Routed to the control leader from any peer,
   * retried across leader changes until the deadline.
   * @throws {InvalidOptionError} bad name or settings.
   * @throws {TimeoutError} no control leader answered in time (e.g. this peer is in a minority).
   * @throws {ClusterMismatchError} the leader this peer reached belongs to another cluster.
   * @throws {ClosedError} the control plane stopped.
   */
  async declare (queue: string, settings: QueueSettings, options: { signal?: AbortSignal, timeout?: number } = {}): Promise<QueuePlacement> {
    const badName = checkQueueName(queue)
    if (badName !== undefined) throw new InvalidOptionError('queue', badName)
    const badSettings = checkSettings(settings)
    if (badSettings !== undefined) throw new InvalidOptionError('settings', badSettings)
    const existing = this.sm.placements.get(queue)
    if (existing !== undefined) return existing
    const timeout = options.timeout ?? this.o.declareTimeoutMs
    const deadline = Date.now() + timeout
    return await this.atLeader(`declare "${queue}": no control leader committed it`, timeout, options.signal, async (leader, remaining) => {
      const g = this.group
      if (leader === this.self && g !== undefined) return await this.proposeDeclare(g, queue, settings, { timeout: remaining, signal: options.signal })
      if (leader === '' || leader === this.self) throw new NotLeaderError('', g?.term ?? 0)
      const r = await this.rpc.request(leader, { declare: { clusterId: this.sm.clusterId, queue, settings: settingsToMsg(settings) } }, Math.min(remaining, this.o.requestTimeoutMs))
      const placement = this.answerPlacement(leader, r)
      // Let `get` see it here too (followers and learners apply it a moment later).
      await this.waitForLocal(queue, placement.version, deadline - Date.now())
      return this.sm.placements.get(queue) ?? placement
    }, err => err instanceof ClusterMismatchError || err instanceof InvalidOptionError ||
      (err instanceof ControlRequestError && !RETRYABLE_CODES.has(err.reason)))
  }

  // ---- leaving ---------------------------------------------------------------------------------

  /**
   * One step of a graceful leave, asked of the control leader (this peer, or the one it redirects
   * to): the first call records the leave, so the leader replaces this peer in every placement at
   * once; `final` (once this peer's queue replicas were handed over) also removes it from the
   * control group. Repeat until the answer shows nothing left (or `blocked`). From the first call
   * on this peer never joins again until restarted.
   * @throws {TimeoutError} no control leader answered within `timeout` ms.
   * @throws {ClosedError} the control plane stopped.
   */
  async requestLeave (options: { final?: boolean, timeout?: number, signal?: AbortSignal } = {}): Promise<LeaveProgress> {
    this.leaving = true
    const timeout = options.timeout ?? this.o.requestTimeoutMs
    const final = options.final === true
    if (this.group === undefined) throw new ControlRequestError(this.self, 'not-member', 'this peer does not run the control group')
    return await this.atLeader('leave: no control leader answered', timeout, options.signal, async (leader, remaining) => {
      const g = this.group
      if (g === undefined) throw new ControlRequestError(this.self, 'not-member', 'this peer does not run the control group')
      let reply: LeaveReply
      if (leader === this.self) {
        reply = await this.serveLeave(g, this.self, final)
      } else if (leader !== '') {
        const r = await this.rpc.request(leader, { leave: { clusterId: this.sm.clusterId, final } }, Math.min(remaining, this.o.requestTimeoutMs))
        if (r.leaveReply === undefined) {
          const f = r.failure
          if (f?.code === 'not-leader') throw new RedirectError(f.leader)
          if (f?.code === 'cluster-mismatch') this.conflict(leader, f.message)
          throw new ControlRequestError(leader, f?.code ?? 'unavailable', f?.message ?? 'empty answer')
        }
        reply = r.leaveReply
      } else {
        void this.discoverLeader().catch(() => {})
        throw new NotLeaderError('', g.term)
      }
      this.log('leave%s: %s reports queues [%s], in the control group: %s%s', final ? ' (final)' : '', leader, reply.queues.join(','), reply.inGroup, reply.blocked === '' ? '' : `, blocked: ${reply.blocked}`)
      return { queues: [...reply.queues], inGroup: reply.inGroup, blocked: reply.blocked }
    }, err => err instanceof ControlRequestError && err.reason === 'not-member')
  }

  /**
   * Runs `attempt` against the control leader as this peer knows it ('' when it knows none) until
   * it answers or `timeout` ms pass. A redirect (or a NotLeaderError naming someone else) retries
   * at once at the named leader; any other failure retries after a pause (cut short when a leader
   * emerges), unless `fatal` says it never will succeed.
   * @throws {TimeoutError} `${what} within ${timeout} ms`, with the last failure as its cause.
   * @throws {ClosedError} the control plane stopped.
   */
  private async atLeader<R> (what: string, timeout: number, signal: AbortSignal | undefined, attempt: (leader: string, remaining: number) => Promise<R>, fatal: (err: unknown) => boolean): Promise<R> {
    const deadline = Date.now() + timeout
    let last: unknown
    while (true) {
      if (this.phase === 'stopped') throw new ClosedError('control plane')
      signal?.throwIfAborted()
      const remaining = deadline - Date.now()
      if (remaining <= 0) break
      const g = this.group
      const leader = g?.isLeader === true ? this.self : (g?.leader !== undefined && g.leader !== '' ? g.leader : this.leaderHint)
      try {
        return await attempt(leader, remaining)
      } catch (err) {
        last = err
        if (err instanceof ClosedError || fatal(err)) throw err
        const hint = err instanceof RedirectError || err instanceof NotLeaderError ? err.leader : ''
        if (err instanceof RedirectError) this.leaderHint = hint
        if (hint !== '' && hint !== this.self && hint !== leader) {
          this.leaderHint = hint
          continue
        }
      }
      await this.pause(Math.min(this.o.retryIntervalMs, Math.max(0, deadline - Date.now())), signal)
    }
    throw new TimeoutError(`${what} within ${timeout} ms`, { cause: last })
  }

  /** Placements (as applied here) that list this peer as a replica. */
  placedHere (): QueuePlacement[] {
    return this.all().filter(p => p.replicas.includes(this.self))
  }

  // ---- extras ----------------------------------------------------------------------------------

  /** Recorded members with their liveness (as last recorded by a control leader). */
  memberInfo (): MemberInfo[] {
    return [...this.sm.members.values()].map(m => ({ ...m })).sort((a, b) => (a.id < b.id ? -1 : 1))
  }

  /** The cluster's id ('' until known here). */
  get clusterId (): string {
    return this.sm.clusterId
  }

  /** True once this peer is a recorded member of a cluster whose id it knows. */
  get isReady (): boolean {
    return this.sm.clusterId !== '' && this.sm.members.has(this.self)
  }

  /** A snapshot of this peer's view of the control group, for status pages and tests. */
  status (): ControlStatus {
    const g = this.group
    const ms = g?.status().membership ?? { voters: [], learners: [] }
    return {
      phase: this.phase,
      clusterId: this.sm.clusterId,
      founders: [...this.founders],
      leader: g?.leader ?? '',
      isLeader: g?.isLeader ?? false,
      term: g?.term ?? 0,
      voters: [...ms.voters].sort(),
      learners: [...ms.learners].sort(),
      members: this.memberInfo()
    }
  }

  /** The control group on this peer, once it runs (for diagnostics and tests). */
  get raftGroup (): RaftGroup<ControlResult> | undefined {
    return this.group
  }

  /**
   * Resolves once this peer is a recorded member of a cluster (formed or joined).
   * @throws {TimeoutError} after `timeout` ms (default 30 000) or when `signal` aborts.
   */
  async ready (options: { signal?: AbortSignal, timeout?: number } = {}): Promise<void> {
    if (this.isReady) return
    const timeout = options.timeout ?? 30_000
    const { promise, reject } = Promise.withResolvers<void>()
    const timer = setTimeout(() => { reject(new TimeoutError(`control plane: not a cluster member after ${timeout} ms (phase ${this.phase})`)) }, timeout)
    const onAbort = (): void => { reject(new TimeoutError('control plane: waiting for membership aborted')) }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await Promise.race([this.readyGate.promise, promise])
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** Peers of other clusters that talked to this one so far (each refused). */
  conflicts (): ClusterMismatchError[] {
    return [...this.conflictList]
  }

  /**
   * Stops requests, timers and the control group on this peer (handing leadership over first unless
   * told not to). The cluster keeps this peer as a member (a restart is expected); if it stays away
   * longer than `replaceAfterMs` it is replaced. To leave for good, {@link requestLeave} first.
   * Idempotent.
   */
  async stop (options: { transferLeadership?: boolean } = {}): Promise<void> {
    if (this.phase === 'stopped') return
    this.phase = 'stopped'
    clearInterval(this.retryTimer)
    clearInterval(this.repairTimer)
    this.mesh.off('peer:join', this.onPeerJoin)
    this.mesh.off('peer:leave', this.onPeerLeave)
    await this.rpc.stop()
    const g = this.group
    if (g !== undefined) await g.stop({ transferLeadership: options.transferLeadership ?? true })
    else await this.storage?.close().catch(() => {})
  }

  // ---- start-up and formation ------------------------------------------------------------------

  /** @internal called once by {@link createControlPlane}. */
  async start (storageFor: ControlPlaneOptions['storageFor']): Promise<void> {
    await this.rpc.start()
    // Storage first: a peer joining while it loads would otherwise start a formation round that
    // founds or joins with no persisted state (startGroup needs it), leaving the phase stuck.
    this.storage = await storageFor(CONTROL_GROUP_ID)
    this.persisted = await this.storage.load()
    this.mesh.on('peer:join', this.onPeerJoin)
    this.mesh.on('peer:leave', this.onPeerLeave)
    // Forming and joining retry on this timer; the leader's checks run on the (slower) repair timer.
    this.retryTimer = setInterval(() => {
      if (this.phase === 'forming') this.formation.trigger()
      else if (this.needsJoin()) this.joining.trigger()
    }, this.o.retryIntervalMs)
    this.repairTimer = setInterval(() => { this.repair.trigger() }, this.o.repairIntervalMs)
    const known = foundersOf(this.persisted)
    if (known !== undefined) {
      // A restart: this peer already belongs to the cluster its log describes.
      await this.startGroup(known)
      return
    }
    this.formation.trigger()
  }

  private readonly onPeerJoin = (peer: string): void => {
    this.poke()
    // Nothing else would make two separately founded clusters talk: probe every newcomer, so a
    // mismatch is reported on both sides (the newcomer sees our id in its request handler).
    if (this.phase === 'running' && this.sm.clusterId !== '') void this.probe(peer)
  }

  private async probe (peer: string): Promise<void> {
    try {
      const r = await this.rpc.request(peer, { status: { clusterId: this.sm.clusterId } }, this.o.requestTimeoutMs)
      const theirs = r.statusReply?.clusterId ?? ''
      if (theirs !== '' && this.sm.clusterId !== '' && theirs !== this.sm.clusterId) this.conflict(peer, theirs)
    } catch {
      // Not running the control plane (yet), or gone again.
    }
  }
  private readonly onPeerLeave = (): void => { this.repair.trigger() }

  private poke (): void {
    if (this.phase === 'forming') this.formation.trigger()
    if (this.needsJoin()) this.joining.trigger()
    if (this.phase === 'running' && this.group?.isLeader === true) this.repair.trigger()
  }

  /**
   * Running the group but not recorded as a member. Founders are recorded by the founding entry
   * (so they wait for it); a founder that left once and was restarted joins like anyone else.
   * A peer that is leaving never joins again.
   */
  private needsJoin (): boolean {
    return this.phase === 'running' && !this.leaving && !this.sm.members.has(this.self) &&
      (this.sm.clusterId !== '' || !this.founders.includes(this.self))
  }

  /**
   * One formation round. Asks every connected peer for its status, then:
   * - a peer already runs the control group → start it too with that cluster's founders (as a
   *   founder that lost its state, or as a joiner that then asks to be added);
   * - `join` only → wait; `seeds` → found with them if this peer is one; `expect` 1 → found alone;
   * - `expect` N: with V = this peer and the peers that answered, and F = the N smallest of V,
   *   *lock* F (for good) once every peer of F reports F as its own candidate and no other lock,
   *   and found once every peer of F reports the lock F. Locks never change, so two founding sets
   *   are either identical or disjoint: overlapping clusters can't form (disjoint ones are refused
   *   as a mismatch when they meet).
   */
  private async formationRound (): Promise<void> {
    if (this.phase !== 'forming') return
    const peers = this.mesh.peers()
    const answers = await Promise.all(peers.map(async p => {
      try {
        const r = await this.rpc.request(p, { status: { clusterId: this.sm.clusterId } }, this.o.requestTimeoutMs)
        return r.statusReply === undefined ? undefined : [p, r.statusReply] as const
      } catch {
        return undefined // not (yet) running the control plane, or unreachable
      }
    }))
    if (this.phase !== 'forming') return
    const replies = new Map<string, StatusResponse>()
    // Clients (`role: 'client'`) answer too, but never found, join or vote: they don't count.
    for (const a of answers) if (a !== undefined && !a[1].client) replies.set(a[0], a[1])
    const running = [...replies.entries()].filter(([, r]) => r.inCluster && plausibleFounders(r.founders))
    if (running.length > 0) {
      const ids = new Set(running.map(([, r]) => r.clusterId).filter(id => id !== ''))
      if (ids.size > 1) this.log.error('peers of %d different clusters are connected: joining the first', ids.size)
      const [peer, r] = running[0]!
      if (r.leader !== '') this.leaderHint = r.leader
      this.log('found a running cluster %s through %s', r.clusterId || '(id pending)', peer)
      await this.startGroup(r.founders)
      return
    }
    if (this.joinOnly) return
    if (this.seeds !== undefined) {
      if (this.seeds.includes(this.self)) await this.startGroup(this.seeds)
      return
    }
    if (this.expect === 1) {
      await this.startGroup([this.self])
      return
    }
    const view = [this.self, ...replies.keys()].sort()
    if (this.lock === undefined) {
      if (view.length < this.expect) return
      const f = view.slice(0, this.expect)
      this.candidate = f.includes(this.self) ? f : []
      if (this.candidate.length === 0) return // not a founder: wait for the cluster and join
      const agreed = f.every(p => p === this.self || (sameList(replies.get(p)?.candidate, f) && (replies.get(p)!.lock.length === 0 || sameList(replies.get(p)!.lock, f))))
      if (!agreed) return
      this.lock = f
      this.candidate = f
      this.log('locked founding set %s', f.join(','))
    }
    const lock = this.lock
    if (lock.every(p => p === this.self || sameList(replies.get(p)?.lock, lock))) await this.startGroup(lock)
  }

  private async startGroup (founders: string[]): Promise<void> {
    if (this.phase !== 'forming' || this.storage === undefined || this.persisted === undefined) return
    this.phase = 'starting'
    this.founders = [...new Set(founders)].sort()
    const storage = this.storage!
    const persisted = this.persisted!
    this.persisted = undefined
    let g: RaftGroup<ControlResult>
    try {
      g = await this.host.createGroup<ControlResult>({
        groupId: CONTROL_GROUP_ID,
        members: this.founders,
        // load() was called once already (to find the founders on a restart): hand its result over.
        storage: { load: async () => persisted, save: async b => { await storage.save(b) }, saveSnapshot: async s => { await storage.saveSnapshot(s) }, close: async () => { await storage.close() } },
        stateMachine: this.sm,
        config: this.raftConfig,
        operationTimeout: this.o.declareTimeoutMs
      })
    } catch (err) {
      // Back to forming with the state intact, so the next round retries: a failure here must not
      // leave the plane stuck in 'starting' (it would never learn placements again).
      if ((this.phase as string) === 'starting') {
        this.phase = 'forming'
        this.persisted = persisted
      }
      throw err
    }
    if ((this.phase as string) === 'stopped') {
      await g.stop({ transferLeadership: false })
      return
    }
    this.group = g
    this.phase = 'running'
    this.log('control group started (founders %s)', this.founders.join(','))
    g.on('leader', leader => {
      if (leader !== '') this.leaderHint = leader
      this.poke()
    })
    g.on('failed', err => { this.log.error('control group halted: %e', err) })
    this.checkReady()
    this.poke()
  }

  private checkReady (): void {
    if (this.readyFired || !this.isReady) return
    this.readyFired = true
    this.readyGate.resolve()
  }

  // ---- joining ---------------------------------------------------------------------------------

  /** Asks the control leader to record this peer as a member (repeated until it is). */
  private async joinRound (): Promise<void> {
    if (this.phase !== 'running' || this.sm.members.has(this.self)) return
    const g = this.group!
    let leader = g.leader !== '' ? g.leader : this.leaderHint
    if (leader === '' || leader === this.self) {
      if (g.isLeader) {
        await g.propose(encodeCommand({ join: { peer: this.self } }, this.clock()))
        return
      }
      leader = await this.discoverLeader()
      if (leader === '') return
    }
    const r = await this.rpc.request(leader, { join: { clusterId: this.sm.clusterId } }, this.o.requestTimeoutMs)
    if (r.failure !== undefined) {
      if (r.failure.code === 'not-leader') this.leaderHint = r.failure.leader
      else if (r.failure.code === 'cluster-mismatch') this.conflict(leader, r.failure.message)
      else this.log('join refused by %s: %s %s', leader, r.failure.code, r.failure.message)
    }
  }

  /** Asks connected peers who leads the control group. */
  private async discoverLeader (): Promise<string> {
    const answers = await Promise.all(this.mesh.peers().map(async p => {
      try {
        return (await this.rpc.request(p, { status: { clusterId: this.sm.clusterId } }, this.o.requestTimeoutMs)).statusReply
      } catch {
        return undefined
      }
    }))
    for (const a of answers) {
      if (a === undefined || a.leader === '') continue
      if (a.clusterId !== '' && this.sm.clusterId !== '' && a.clusterId !== this.sm.clusterId) continue
      this.leaderHint = a.leader
      return a.leader
    }
    return ''
  }

  // ---- serving requests ------------------------------------------------------------------------

  /**
   * Answers one control request from `from`. `status` is answered by anyone; `join`, `declare`
   * and `leave` only by the control leader (others answer 'not-leader' with a hint). `list` is answered by any
   * peer running the control group, from this member's local applied copy of the placements (not a
   * read through the leader: a placement committed a moment ago, or a just-changed owner, may be
   * missing or stale here), one page at a time ({@link listPage}).
   */
  private async serve (from: string, req: ControlRequest): Promise<ControlResponse> {
    const theirs = req.status?.clusterId ?? req.join?.clusterId ?? req.declare?.clusterId ?? req.list?.clusterId ?? req.leave?.clusterId ?? ''
    const ours = this.sm.clusterId
    if (theirs !== '' && ours !== '' && theirs !== ours) {
      this.conflict(from, theirs)
      if (req.status === undefined) return failure('cluster-mismatch', ours)
    }
    if (req.status !== undefined) {
      return {
        statusReply: {
          clusterId: ours,
          inCluster: this.group !== undefined,
          founders: this.founders,
          leader: this.group?.leader ?? '',
          candidate: this.candidate,
          lock: this.lock ?? [],
          client: false
        }
      }
    }
    if (req.list !== undefined) {
      // Any member answers, from its own applied copy (it may lag the leader by a few entries).
      if (this.group === undefined) return failure('not-member', 'not running the control group yet')
      return { listReply: { clusterId: ours, ...listPage(this.sm.placements.values(), req.list.after) } }
    }
    const g = this.group
    if (g === undefined || !g.isLeader) return failure('not-leader', 'not the control leader', g?.leader ?? this.leaderHint)
    if (req.leave !== undefined) {
      try {
        return { leaveReply: await this.serveLeave(g, from, req.leave.final) }
      } catch (err) {
        if (err instanceof NotLeaderError) return failure('not-leader', err.message, err.leader)
        return failure('unavailable', (err as Error).message)
      }
    }
    if (req.join !== undefined) {
      await g.propose(encodeCommand({ join: { peer: from } }, this.clock()))
      this.log('recorded member %s', from)
      return { ok: {} }
    }
    const d = req.declare!
    const settings = settingsFromMsg(d.settings)
    const bad = checkQueueName(d.queue) ?? checkSettings(settings)
    if (bad !== undefined) return failure('invalid', bad)
    try {
      const placement = await this.proposeDeclare(g, d.queue, settings, {})
      return { ok: { placement: placementToMsg(placement) } }
    } catch (err) {
      if (err instanceof NotLeaderError) return failure('not-leader', err.message, err.leader)
      if (err instanceof InvalidOptionError) return failure('invalid', err.message)
      return failure('unavailable', (err as Error).message)
    }
  }

  /**
   * The control leader's side of a leave: records it (the peer stops being a member, so the next
   * reconciliation replaces it in placements), notes a `final` request (remove it from the control
   * group), and reports what is left to do.
   */
  private async serveLeave (g: RaftGroup<ControlResult>, peer: string, final: boolean): Promise<LeaveReply> {
    if (this.sm.members.has(peer)) {
      await g.propose(encodeCommand({ leave: { peer } }, this.clock()), { timeout: this.o.requestTimeoutMs })
      this.log('member %s left', peer)
    }
    if (final) this.finalLeave.add(peer)
    this.repair.trigger()
    const ms = g.status().membership
    const inGroup = ms.voters.includes(peer) || ms.learners.includes(peer)
    const queues = this.all().filter(p => p.replicas.includes(peer)).map(p => p.queue).sort()
    const others = this.sm.upMembers().filter(id => id !== peer)
    let blocked = ''
    if (others.length === 0 && (queues.length > 0 || inGroup)) blocked = 'no other live member to hand its queues and control role to'
    return { clusterId: this.sm.clusterId, queues, inGroup, blocked }
  }

  private async proposeDeclare (g: RaftGroup<ControlResult>, queue: string, settings: QueueSettings, options: { timeout?: number, signal?: AbortSignal }): Promise<QueuePlacement> {
    const r = await g.propose(encodeCommand({ declare: { queue, settings: settingsToMsg(settings) } }, this.clock()), options)
    if (r.type === 'placement') return r.placement
    if (r.type === 'invalid') throw new InvalidOptionError('settings', r.reason)
    throw new ControlRequestError(this.self, 'unavailable', `unexpected result ${r.type}`)
  }

  private answerPlacement (peer: string, r: ControlResponse): QueuePlacement {
    if (r.ok?.placement !== undefined) return placementFromMsg(r.ok.placement)
    const f = r.failure
    if (f === undefined) throw new ControlRequestError(peer, 'unavailable', 'empty answer')
    if (f.code === 'not-leader') throw new RedirectError(f.leader)
    if (f.code === 'cluster-mismatch') {
      const err = new ClusterMismatchError(peer, this.sm.clusterId, f.message)
      this.conflict(peer, f.message)
      throw err
    }
    if (f.code === 'invalid') throw new InvalidOptionError('settings', f.message)
    throw new ControlRequestError(peer, f.code, f.message)
  }

  private conflict (peer: string, remote: string): void {
    const key = `${peer}\n${remote}`
    if (this.conflictKeys.has(key)) return
    this.conflictKeys.add(key)
    const err = new ClusterMismatchError(peer, this.sm.clusterId, remote)
    this.log.error(err.message)
    this.conflictList.push(err)
    this.onConflict?.(err)
  }

  // ---- the leader's reconciliation -------------------------------------------------------------

  /** While leader: record liveness, then fix control voters, then placements; one change at a time. */
  private async reconcile (): Promise<void> {
    for (let round = 0; round < 64; round++) {
      const g = this.group
      if (this.phase !== 'running' || g === undefined || !g.isLeader) return
      if (!await this.reconcileStep(g)) return
    }
  }

  private async reconcileStep (g: RaftGroup<ControlResult>): Promise<boolean> {
    const now = this.clock()
    const propose = async (body: Omit<ControlCommand, 'version' | 'now'>): Promise<ControlResult> => await g.propose(encodeCommand(body, now), { timeout: this.o.requestTimeoutMs })
    if (this.sm.clusterId === '') {
      // The first leader of a new cluster names it. Random, so separately founded clusters differ.
      await propose({ found: { clusterId: randomUUID(), founders: this.founders } })
      return true
    }
    const connected = new Set(this.mesh.peers())
    connected.add(this.self)
    const up: string[] = []
    const down: string[] = []
    for (const m of this.sm.members.values()) {
      if (connected.has(m.id) && !m.up) up.push(m.id)
      else if (!connected.has(m.id) && m.up) down.push(m.id)
    }
    if (up.length > 0 || down.length > 0) {
      await propose({ liveness: { up, down } })
      return true
    }
    const dead = new Set<string>()
    for (const m of this.sm.members.values()) if (!m.up && now - m.lastSeen >= this.o.replaceAfterMs) dead.add(m.id)
    // Peers still in the control group that are no longer members left (gracefully). They stay
    // until they ask to be removed (their queues are handed over by then), disconnect, or linger
    // longer than replaceAfterMs.
    const ms = g.status().membership
    const gone = [...ms.voters, ...ms.learners].filter(id => !this.sm.members.has(id))
    for (const id of [...this.leftSince.keys()]) if (!gone.includes(id)) this.leftSince.delete(id)
    // A final request only counts while the peer is out of the members and still in the group (a
    // peer that joins again and leaves again must hand its queues over again first).
    for (const id of [...this.finalLeave]) if (!gone.includes(id)) this.finalLeave.delete(id)
    for (const id of gone) if (!this.leftSince.has(id)) this.leftSince.set(id, now)
    const removable = new Set(gone.filter(id => id !== this.self &&
      (!connected.has(id) || this.finalLeave.has(id) || now - this.leftSince.get(id)! >= this.o.replaceAfterMs)))
    if (await this.reconcileVoters(g, dead, removable)) return true
    const left = new Set<string>()
    for (const p of this.sm.placements.values()) for (const r of p.replicas) if (!this.sm.members.has(r)) left.add(r)
    const changes = planRepairs({ placements: this.all(), live: new Set(this.sm.upMembers()), dead, left })
    let progressed = false
    for (const c of changes) {
      const r = await propose({ update: { queue: c.queue, replicas: c.replicas, preferredOwner: c.preferredOwner, expectVersion: c.expectVersion } })
      if (r.type === 'placement') progressed = true
      else this.log('placement change of %s not applied: %s', c.queue, r.type === 'invalid' ? r.reason : r.type)
    }
    return progressed
  }

  /**
   * One step toward the target voters: every live member becomes a learner; dead voters and
   * learners, and `removable` peers (that left), are removed; learners are promoted (once caught
   * up) while live voters are below target. A leader that itself left hands leadership to a live
   * voter, which then removes it.
   */
  private async reconcileVoters (g: RaftGroup<ControlResult>, dead: ReadonlySet<string>, removable: ReadonlySet<string>): Promise<boolean> {
    const ms = g.status().membership
    const voters = new Set(ms.voters)
    const learners = new Set(ms.learners)
    const live = this.sm.upMembers()
    const change = async (c: MembershipChange): Promise<boolean> => {
      try {
        await g.proposeMembership(c, { timeout: this.o.requestTimeoutMs })
        this.log('control membership: %s %s', c.type, c.id)
        return true
      } catch (err) {
        if (err instanceof MembershipChangeError) return false // another change pending, or the learner lags: next round
        throw err
      }
    }
    for (const id of live) if (!voters.has(id) && !learners.has(id)) return await change({ type: 'addLearner', id })
    for (const id of [...voters].sort()) if (id !== this.self && (dead.has(id) || removable.has(id)) && voters.size > 1) return await change({ type: 'removeVoter', id })
    const liveVoters = [...voters].filter(v => !dead.has(v) && this.sm.members.has(v)).length
    if (liveVoters < voterTarget(live.length, this.o.maxVoters)) {
      for (const id of [...learners].sort()) {
        if (live.includes(id) && await change({ type: 'promote', id })) return true
      }
    }
    for (const id of [...learners].sort()) if (dead.has(id) || removable.has(id)) return await change({ type: 'removeLearner', id })
    if (!this.sm.members.has(this.self) && this.sm.clusterId !== '') {
      const connected = new Set(this.mesh.peers())
      const to = [...voters].sort().find(v => v !== this.self && live.includes(v) && connected.has(v))
      if (to !== undefined) {
        this.log('left: handing control leadership to %s', to)
        await g.transferLeadership(to, { timeout: this.o.requestTimeoutMs })
      }
    }
    return false
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async waitForLocal (queue: string, version: number, ms: number): Promise<void> {
    if ((this.sm.placements.get(queue)?.version ?? 0) >= version) return
    await eventWithin(this, 'placement', ms, { accept: (p: QueuePlacement) => p.queue === queue && p.version >= version })
  }

  /** Waits `ms`, or less if the control leader changes meanwhile (a retry may then succeed). */
  private async pause (ms: number, signal?: AbortSignal): Promise<void> {
    await eventWithin(this.group, 'leader', ms, { accept: (leader: string) => leader !== '', signal })
  }
}

/** The control leader's answer was "not me, ask `leader`". */
class RedirectError extends Error {
  constructor (readonly leader: string) { super(`redirected to ${leader || 'an unknown leader'}`) }
}

/**
 * Voters wanted for `live` live members: the largest odd number up to both it and `maxVoters`
 * (an even count tolerates no more failures than the odd one below it, and 2 voters tolerate none).
 */
export function voterTarget (live: number, maxVoters: number): number {
  const t = Math.max(1, Math.min(live, maxVoters))
  return t % 2 === 0 ? t - 1 : t
}

/**
 * The founding voters recorded in persisted control state, or undefined if it holds none (a
 * brand-new peer, or one that crashed before the founding record reached its log).
 */
export function foundersOf (p: PersistedState): string[] | undefined {
  if (p.snapshot !== null) {
    try {
      const s = ControlSnapshot.decode(p.snapshot.data)
      if (s.founders.length > 0) return [...s.founders]
    } catch {}
    // The snapshot's membership is what the core uses anyway; founders only seed an empty log.
    const v = p.snapshot.meta.membership.voters
    if (v.length > 0) return [...v]
  }
  for (const e of p.entries) {
    if (e.type !== 'normal') continue
    try {
      const c = ControlCommand.decode(e.data)
      if (c.found !== undefined && c.found.founders.length > 0) return [...c.found.founders]
    } catch {}
  }
  return undefined
}

/** A founding set a peer reported is used as our group's initial membership: check its shape. */
function plausibleFounders (f: readonly string[]): boolean {
  return f.length > 0 && f.length <= 64 && f.every(id => id.length > 0 && id.length <= 128)
}

/** Bytes of placements in one list reply: half a control frame leaves room for the envelope. */
const LIST_PAGE_BYTES = CONTROL_MAX_FRAME_SIZE / 2

/**
 * One page of a `list` reply: the placements whose queue name sorts after `after` ('' = all), in
 * name order, until about `budget` encoded bytes; `more` when some were left for the next page.
 * Always lists at least one placement when any remains (a queue name is at most 200 bytes).
 */
export function listPage (placements: Iterable<QueuePlacement>, after: string, budget = LIST_PAGE_BYTES): Pick<ListReply, 'placements' | 'more'> {
  const sorted = [...placements].filter(p => p.queue > after).sort((a, b) => a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0)
  const page: PlacementMsg[] = []
  let bytes = 0
  for (const p of sorted) {
    const msg = placementToMsg(p)
    const size = PlacementMsg.encode(msg).length + 8 // + field tag and length prefix
    if (page.length > 0 && bytes + size > budget) return { placements: page, more: true }
    page.push(msg)
    bytes += size
  }
  return { placements: page, more: false }
}

function failure (code: string, message: string, leader = ''): ControlResponse {
  return { failure: { code, message, leader } }
}

function sameList (a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i])
}

function positive (field: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new InvalidOptionError(field, `must be a positive number, got ${String(v)}`)
}

/** Runs an async task one at a time; a trigger while it runs makes it run once more afterwards. */
class Serial {
  private running = false
  private again = false
  constructor (private readonly fn: () => Promise<void>, private readonly onError: (err: unknown) => void) {}
  trigger (): void {
    if (this.running) { this.again = true; return }
    this.running = true
    void (async () => {
      do {
        this.again = false
        try { await this.fn() } catch (err) { this.onError(err) }
      } while (this.again)
      this.running = false
    })()
  }
}

/**
 * Starts the control plane on one peer: opens the control group's storage, and either resumes the
 * cluster recorded there, or forms/joins one (see {@link ClusterOptions}). Resolves at once (the
 * cluster may still be forming): await {@link ControlPlane.ready} to know this peer is a member.
 * Always `await plane.stop()` before stopping the host and the mesh.
 */
export async function createControlPlane (options: ControlPlaneOptions): Promise<ControlPlane> {
  const plane = new ControlPlane(options)
  try {
    await plane.start(options.storageFor)
  } catch (err) {
    await plane.stop({ transferLeadership: false }).catch(() => {})
    throw err
  }
  return plane
}
