import { join } from 'node:path'
import { logger as createLogger } from '@libp2p/logger'
import type { RaftGroup, RaftHost } from '../raft/driver/index.js'
import type { RaftStorage } from '../raft/storage.js'
import { MemoryStorage, openFileStorage } from '../storage/index.js'
import { QueueOwner, type PushSender } from './owner.js'
import type { QueuePlacement } from './placement.js'
import { ReplicaStateMachine, type AppliedResult } from './replica-state.js'
import { reconcileStep } from './reconcile.js'

/** What a replica needs from the queue service. */
export interface ReplicaContext {
  host: RaftHost
  /** This peer's id. */
  self: string
  /** Durable state lives under `<dataDir>/raft/<groupId>`; without it the log is in memory only. */
  dataDir: string | undefined
  /** Peers currently connected (for choosing when to hand ownership to the preferred owner). */
  connected: () => string[]
  push: PushSender
  logName: string
}

/** How long a fresh owner waits before handing leadership to the placement's preferred owner. */
const PREFERRED_OWNER_DELAY_MS = 500
/** How often an owner moves the group's membership one step toward the placement. */
const RECONCILE_MS = 250

/**
 * One replica of one queue on this peer: the queue's Raft group member and, while it leads, the
 * queue's {@link QueueOwner}. Storage is `openFileStorage(<dataDir>/raft/<groupId>)` when the mesh
 * has a `dataDir`, else {@link MemoryStorage} — in which case a restart of every replica loses the
 * queue (a minority restart still recovers from the others).
 */
export class QueueReplica {
  private placementNow: QueuePlacement
  private ownerNow: QueueOwner | undefined
  private transferTimer: ReturnType<typeof setTimeout> | undefined
  private reconcileTimer: ReturnType<typeof setTimeout> | undefined
  private reconciling = false
  private stopped = false
  private readonly log

  private constructor (
    private readonly ctx: ReplicaContext,
    placement: QueuePlacement,
    readonly group: RaftGroup<AppliedResult>,
    private readonly state: ReplicaStateMachine
  ) {
    this.placementNow = placement
    this.log = createLogger(`${ctx.logName}:replica:${placement.queue}`)
    state.onApplied = result => { this.ownerNow?.applied(result) }
    group.on('role', () => { this.roleChanged() })
    group.on('leader', () => { this.roleChanged() })
    group.on('failed', err => { this.log.error('queue group failed: %e', err); this.ownerNow?.close('failed') })
    this.roleChanged()
  }

  /** Starts the replica: opens storage and joins (or founds) the queue's Raft group. */
  static async create (ctx: ReplicaContext, placement: QueuePlacement): Promise<QueueReplica> {
    // Every replica starts from the same config: the placement's settings (0 = the machine's bound).
    const { maxLength, maxBytes, maxDeliveries, dedupWindowMs } = placement.settings
    const state = new ReplicaStateMachine({
      ...(maxLength > 0 ? { maxLength } : {}),
      ...(maxBytes > 0 ? { maxBytes } : {}),
      maxDeliveries,
      dedupWindowMs
    })
    const storage: RaftStorage = ctx.dataDir === undefined
      ? new MemoryStorage()
      : await openFileStorage(join(ctx.dataDir, 'raft', encodeURIComponent(placement.groupId)))
    // The first placement's replicas found the group. A replica added later must not found a group
    // of its own: it starts knowing only the others as voters (so it never campaigns) and learns the
    // real membership from the leader, which adds it as a learner and promotes it. With persisted
    // state the log's membership wins either way.
    const others = placement.replicas.filter(r => r !== ctx.self)
    const founding = placement.version <= 1 || others.length === 0
    let group: RaftGroup<AppliedResult>
    try {
      group = await ctx.host.createGroup<AppliedResult>({
        groupId: placement.groupId,
        members: founding ? [...placement.replicas] : others,
        storage,
        stateMachine: state,
        // Leases are short-lived relative to the log: compact often enough to bound replay on restart,
        // and the log's memory (a batch entry may hold 192 KiB).
        snapshotEntries: 4096,
        snapshotBytes: 16 * 1024 * 1024
      })
    } catch (err) {
      await storage.close().catch(() => {})
      throw err
    }
    return new QueueReplica(ctx, placement, group, state)
  }

  get placement (): QueuePlacement {
    return this.placementNow
  }

  /** The owner, while this replica leads. */
  get owner (): QueueOwner | undefined {
    return this.ownerNow !== undefined && !this.ownerNow.isClosed ? this.ownerNow : undefined
  }

  get machine (): ReplicaStateMachine['machine'] {
    return this.state.machine
  }

  /** A newer placement: the owner reconciles the group's membership toward it and may hand over ownership. */
  update (placement: QueuePlacement): void {
    if (placement.version < this.placementNow.version) return
    this.placementNow = placement
    this.planTransfer()
    this.planReconcile(0)
  }

  /** A peer left the mesh: its consumer sessions are dropped. */
  peerGone (peer: string): void {
    this.ownerNow?.peerGone(peer)
  }

  /** Leaves the group; with `transferLeadership` (default) an owner hands over first so there is no gap. */
  async stop (options: { transferLeadership?: boolean } = {}): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    clearTimeout(this.transferTimer)
    clearTimeout(this.reconcileTimer)
    if (options.transferLeadership === false) this.ownerNow?.close('stopping')
    await this.group.stop({ transferLeadership: options.transferLeadership ?? true })
    this.ownerNow?.close('stopping', this.group.leader)
  }

  private roleChanged (): void {
    if (this.group.isLeader && !this.stopped) {
      if (this.ownerNow === undefined || this.ownerNow.isClosed || this.ownerNow.term !== this.group.term) {
        this.ownerNow?.close('term changed', this.ctx.self)
        this.ownerNow = new QueueOwner(this.group, this.state, () => this.placementNow, this.ctx.push, `${this.ctx.logName}:queue:${this.placementNow.queue}`)
        this.log('owner of %s in term %d', this.placementNow.queue, this.group.term)
        this.planTransfer()
        this.planReconcile(0)
      }
    } else if (this.ownerNow !== undefined) {
      this.ownerNow.close('not owner', this.group.leader)
      this.ownerNow = undefined
    }
  }

  /** While owner: one membership step toward the placement at a time, until nothing is left to do. */
  private planReconcile (delay: number): void {
    if (this.stopped || !this.group.isLeader || this.reconciling) return
    clearTimeout(this.reconcileTimer)
    this.reconcileTimer = setTimeout(() => {
      this.reconciling = true
      const connected = (peer: string): boolean => peer === this.ctx.self || this.ctx.connected().includes(peer)
      reconcileStep(this.group, this.placementNow, this.ctx.self, connected).then(step => {
        this.reconciling = false
        if (step.type !== 'none') {
          this.log('membership of %s: %o', this.placementNow.queue, step)
          this.planReconcile(RECONCILE_MS)
        }
      }, err => {
        this.reconciling = false
        this.log('membership step for %s failed: %s', this.placementNow.queue, (err as Error).message)
        this.planReconcile(RECONCILE_MS * 2)
      })
    }, delay)
  }

  /** Hands ownership to the preferred owner once it is connected (balance: one peer shouldn't own every queue). */
  private planTransfer (): void {
    clearTimeout(this.transferTimer)
    const preferred = this.placementNow.preferredOwner
    if (this.stopped || !this.group.isLeader || preferred === '' || preferred === this.ctx.self) return
    if (!this.group.status().membership.voters.includes(preferred)) return
    this.transferTimer = setTimeout(() => {
      if (this.stopped || !this.group.isLeader || !this.ctx.connected().includes(preferred)) return
      this.group.transferLeadership(preferred, { timeout: 2000 }).catch(err => {
        this.log('transfer to preferred owner %s failed: %s', preferred, (err as Error).message)
      })
    }, PREFERRED_OWNER_DELAY_MS)
  }
}
