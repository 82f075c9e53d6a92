import { EventEmitter } from 'node:events'
import { ClosedError, TimeoutError } from '../../errors.js'
import { RaftCore } from '../core/raft.js'
import { NotLeaderError } from '../core/errors.js'
import type { Ready, Role, SoftState } from '../core/ready.js'
import type { MembershipChange } from '../core/membership.js'
import type { RaftConfig } from '../core/config.js'
import type { Message } from '../core/messages.js'
import type { Entry, HardState, PersistedState, RaftStorage, Snapshot } from '../storage.js'
import { decodeRaftMessage, encodeRaftMessage } from './codec.js'
import { GroupFailedError, ProposalLostError, ProposalOutcomeUnknownError } from './errors.js'

/**
 * The replicated state machine of one group. `apply` is called once per committed `normal`
 * entry, in log order, on every member; what it returns resolves the leader's `propose` promise.
 * It must be deterministic (same entries → same state on every member).
 */
export interface StateMachine<R = unknown> {
  apply: (entry: Entry) => R | Promise<R>
  /**
   * Serializes the state as of the last applied entry (for log compaction). It may return a
   * promise and finish later: the driver goes on applying entries meanwhile, so the state must be
   * captured when `snapshot` is called (what the promise resolves with is the state at that call).
   */
  snapshot: () => Uint8Array | Promise<Uint8Array>
  /** Replaces the state with a snapshot (on restart, or when the leader sends one). */
  restore: (data: Uint8Array) => void | Promise<void>
}

/** Per-group options of {@link RaftHost.createGroup}. */
export interface GroupOptions<R = unknown> {
  groupId: string
  /** Founding voters (PeerId strings), identical on every founding member. Ignored once the log holds a membership. */
  members: string[]
  storage: RaftStorage
  stateMachine: StateMachine<R>
  /** Core tunables (in ticks). The host's defaults give 150–300 ms elections and 45 ms heartbeats at a 15 ms tick. */
  config?: Partial<RaftConfig>
  /**
   * Take a snapshot and compact the log once this many entries were applied since the last one.
   * Default 8192; 0 disables automatic compaction.
   */
  snapshotEntries?: number
  /**
   * Also take one once the entries applied since the last hold this many bytes, or twice the last
   * snapshot's size if that is more (a large state is not rewritten for every few MiB of log). It
   * bounds the memory the log holds between snapshots, whatever the entries' sizes. Default 64 MiB;
   * 0 disables the byte trigger.
   */
  snapshotBytes?: number
  /** Default timeout of `propose` and `readIndex`, ms. Default 10 000. */
  operationTimeout?: number
  /** Close `storage` when the group stops. Default true. */
  closeStorage?: boolean
}

/** Options of one `propose` or `readIndex` call. */
export interface OperationOptions {
  signal?: AbortSignal
  /** ms; overrides the group's `operationTimeout`. */
  timeout?: number
}

/** Options of {@link RaftGroup.stop}. */
export interface GroupStopOptions {
  /** If this member leads, hand leadership to the most up-to-date follower first. Default true. */
  transferLeadership?: boolean
  /** How long to wait for the transfer, ms. Default two maximal election timeouts. */
  transferTimeout?: number
}

/** Events of a {@link RaftGroup}. */
export interface RaftGroupEvents {
  /** Leader, role or term changed (after the change was persisted). */
  state: [SoftState]
  /** The believed leader changed ('' = unknown). */
  leader: [leader: string, term: number]
  role: [role: Role, term: number]
  term: [term: number]
  /** An entry (any type) was applied; `applied` is its index. */
  applied: [entry: Entry]
  /** A message from `peer` failed to decode or validate and was dropped (counted in `stats.malformed`). */
  malformed: [peer: string, error: Error]
  /** A peer told us it hosts no such group. */
  unknownGroup: [peer: string]
  /** The group halted on a storage or state machine failure (see {@link GroupFailedError}). */
  failed: [GroupFailedError]
  /** This member went quiet (idle, see `RaftConfig.quiesce`) or woke up. */
  quiesce: [quiesced: boolean]
}

/** Counters of one group (monotonic). */
export interface RaftGroupStats {
  readies: number
  messagesSent: number
  messagesReceived: number
  /** Messages received that failed to decode or validate (dropped). */
  malformed: number
  /** Messages the transport refused (too large) or that the core rejected. */
  sendFailures: number
  entriesApplied: number
  snapshotsTaken: number
  snapshotsInstalled: number
}

/** What a group needs from its host. @internal */
export interface GroupHost {
  readonly localId: string
  readonly tickMs: number
  send: (to: string, group: string, bytes: Uint8Array) => void
  release: (group: RaftGroup<any>) => void
}

interface PendingProposal<R> {
  index: number
  term: number
  resolve: (r: R) => void
  reject: (e: Error) => void
  cleanup: () => void
}

interface PendingRead {
  resolve: (index: number) => void
  reject: (e: Error) => void
  cleanup: () => void
  /** Set once the leader confirmed it; resolved when applied reaches it. */
  index?: number
}

/**
 * One Raft group on this member: the core, bound to storage, a state machine and the host's
 * transport and clock. Work is serialized per group by one Ready loop: persist, then send, then
 * apply, then advance — so nothing is promised to a peer before it is durable. Two overlaps keep
 * that promise: a leader's appends and heartbeats leave while it writes its own copy (see
 * {@link splitBeforePersist}), and committed entries already durable here are applied meanwhile.
 */
export class RaftGroup<R = unknown> extends EventEmitter<RaftGroupEvents> {
  readonly groupId: string
  readonly stats: RaftGroupStats = { readies: 0, messagesSent: 0, messagesReceived: 0, malformed: 0, sendFailures: 0, entriesApplied: 0, snapshotsTaken: 0, snapshotsInstalled: 0 }
  private readonly core: RaftCore
  private readonly storage: RaftStorage
  private readonly sm: StateMachine<R>
  private readonly snapshotEntries: number
  private readonly snapshotBytes: number
  /** Bytes of the entries applied since the last snapshot (taken or installed). */
  private bytesSinceSnapshot = 0
  /** Size of the last snapshot taken or installed. */
  private lastSnapshotBytes = 0
  private readonly operationTimeout: number
  private readonly closeStorage: boolean
  private soft: SoftState
  private appliedIndex: number
  private readonly proposals = new Map<number, PendingProposal<R>>()
  private readonly reads = new Map<string, PendingRead>()
  private readSeq = 0
  private loopRunning = false
  private loopScheduled = false
  private loopDone: Promise<void> = Promise.resolve()
  /** Compactions being made durable (see {@link persistCompaction}). */
  private compactions: Promise<void> = Promise.resolve()
  /** A snapshot the state machine is still serializing (see {@link startSnapshot}). */
  private snapshotting = false
  /** A serialized snapshot waiting for the Ready loop to compact the log with it. */
  private snapshotReady: { index: number, data: Uint8Array, bytesCovered: number } | undefined
  /** The hard state last written by this process (undefined until the first write of one). */
  private savedHard: HardState | undefined
  private state: 'running' | 'stopping' | 'stopped' | 'failed' = 'running'
  private wasQuiesced = false

  /** @internal use {@link RaftHost.createGroup} */
  constructor (private readonly host: GroupHost, options: GroupOptions<R>, persisted: PersistedState) {
    super()
    // Every request retrying across an election waits on 'leader' for a moment (the queue router):
    // as many short-lived listeners as calls in flight, each gone by its deadline. Not a leak.
    this.setMaxListeners(0)
    this.groupId = options.groupId
    this.storage = options.storage
    this.sm = options.stateMachine
    this.snapshotEntries = options.snapshotEntries ?? 8192
    this.snapshotBytes = options.snapshotBytes ?? 64 * 1024 * 1024
    this.operationTimeout = options.operationTimeout ?? 10_000
    this.closeStorage = options.closeStorage ?? true
    this.core = new RaftCore({
      id: host.localId,
      config: options.config,
      persisted,
      initialMembership: { voters: [...options.members], learners: [] },
      random: Math.random
    })
    this.appliedIndex = persisted.snapshot?.meta.index ?? 0
    this.soft = { leader: this.core.leader, role: this.core.role, term: this.core.currentTerm }
  }

  /** This member's id. */
  get id (): string { return this.host.localId }
  get role (): Role { return this.soft.role }
  get term (): number { return this.soft.term }
  /** The member believed to lead ('' if unknown). */
  get leader (): string { return this.soft.leader }
  get isLeader (): boolean { return this.soft.role === 'leader' }
  /** Index of the last entry applied to the state machine. */
  get applied (): number { return this.appliedIndex }
  get commitIndex (): number { return this.core.commitIndex }
  get lastIndex (): number { return this.core.lastIndex }
  get running (): boolean { return this.state === 'running' }
  /** The core's full status (for diagnostics). */
  status (): ReturnType<RaftCore['status']> { return this.core.status() }

  /**
   * Replicates `cmd` and resolves with what the state machine's `apply` returned for it, once it
   * is applied here. Only the leader accepts.
   * @throws {NotLeaderError} with `leader` as a hint (from the core).
   * @throws {ProposalDroppedError} leadership transfer in progress, or too much uncommitted.
   * @throws {ProposalLostError} (retryable) another entry took its index, or it was truncated.
   * @throws {ProposalOutcomeUnknownError} timeout/abort before it applied: it may still commit.
   * @throws {ClosedError} the group stopped.
   */
  async propose (cmd: Uint8Array, options: OperationOptions = {}): Promise<R> {
    return await this.track(() => this.core.propose(cmd), options)
  }

  /**
   * Proposes a one-server membership change (add a learner, promote a caught-up learner, remove a
   * member) and resolves once its config entry is applied here. Only the leader accepts, and only
   * one change may be uncommitted at a time (Raft thesis §4.1).
   * @throws {NotLeaderError} with `leader` as a hint.
   * @throws {MembershipChangeError} another change is uncommitted, the leader has not committed an
   *   entry of its term yet, the change does not fit the membership, or a learner to promote lags.
   * @throws {ProposalLostError} / {ProposalOutcomeUnknownError} / {ClosedError} as for {@link propose}.
   */
  async proposeMembership (change: MembershipChange, options: OperationOptions = {}): Promise<void> {
    await this.track(() => this.core.proposeMembership(change), options)
  }

  /** Proposes through `submit` and resolves when the entry at its (index, term) is applied. */
  private async track (submit: () => { index: number, term: number }, options: OperationOptions): Promise<R> {
    this.assertRunning()
    options.signal?.throwIfAborted()
    const { index, term } = submit()
    const { promise, resolve, reject } = Promise.withResolvers<R>()
    const p: PendingProposal<R> = { index, term, resolve, reject, cleanup: () => {} }
    p.cleanup = this.guard(options, reason => {
      this.proposals.delete(index)
      reject(new ProposalOutcomeUnknownError(index, term, reason))
    })
    this.proposals.set(index, p)
    this.kick()
    return await promise
  }

  /**
   * A linearizable read barrier (ReadIndex): resolves with an index once a quorum confirmed this
   * member still leads and the state machine has applied up to that index; reading local state
   * then observes every write acknowledged before the call.
   * @throws {NotLeaderError} on followers, or if leadership is lost meanwhile.
   */
  async readIndex (options: OperationOptions = {}): Promise<number> {
    this.assertRunning()
    options.signal?.throwIfAborted()
    const seq = ++this.readSeq
    const ctx = new TextEncoder().encode(`r${seq}`)
    const key = `r${seq}`
    this.core.readIndex(ctx)
    const { promise, resolve, reject } = Promise.withResolvers<number>()
    const r: PendingRead = { resolve, reject, cleanup: () => {} }
    r.cleanup = this.guard(options, reason => {
      this.reads.delete(key)
      reject(new TimeoutError(`read index: ${reason}`))
    })
    this.reads.set(key, r)
    this.kick()
    return await promise
  }

  /**
   * Hands leadership to voter `to` (or, if omitted, the most up-to-date follower) and resolves
   * once this member is no longer leader. Proposals are refused meanwhile.
   * @throws {NotLeaderError} if this member does not lead.
   */
  async transferLeadership (to?: string, options: OperationOptions = {}): Promise<void> {
    this.assertRunning()
    const target = to ?? this.bestFollower()
    if (target === undefined) throw new NotLeaderError(this.soft.leader, this.soft.term)
    this.core.transferLeadership(target)
    this.kick()
    if (this.soft.role !== 'leader') return
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    const onRole = (role: Role): void => { if (role !== 'leader') done() }
    const cleanup = this.guard({ timeout: options.timeout ?? this.maxElectionMs() * 2, signal: options.signal }, reason => {
      this.off('role', onRole)
      reject(new TimeoutError(`leadership transfer to ${target}: ${reason}`))
    })
    const done = (): void => { cleanup(); this.off('role', onRole); resolve() }
    this.on('role', onRole)
    await promise
  }

  /**
   * Leaves the group on this member: optionally hands leadership over first, then rejects what
   * is pending with {@link ClosedError}, waits for the Ready loop to finish and closes storage.
   * The other members keep going (they elect a new leader if needed). Idempotent.
   */
  async stop (options: GroupStopOptions = {}): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return
    if (this.state === 'running' && (options.transferLeadership ?? true) && this.soft.role === 'leader' && this.bestFollower() !== undefined) {
      try {
        await this.transferLeadership(undefined, { timeout: options.transferTimeout })
      } catch {
        // Best effort: the others elect a leader by themselves after an election timeout.
      }
    }
    this.state = 'stopping'
    this.host.release(this)
    this.failPending(new ClosedError(`raft group ${this.groupId}`))
    await this.loopDone
    await this.compactions
    this.state = 'stopped'
    if (this.closeStorage) await this.storage.close().catch(() => {})
    this.removeAllListeners()
  }

  // ---- driven by the host -------------------------------------------------------------------

  /** @internal one clock tick. */
  tick (): void {
    if (this.state !== 'running') return
    this.core.tick()
    if (this.core.hasReady()) this.kick()
    this.noteQuiescence()
  }

  /** @internal a message from `from` (already authenticated by the transport). */
  receive (from: string, bytes: Uint8Array): void {
    if (this.state !== 'running') return
    let m: Message
    try {
      // The transport authenticated `from`; a message claiming another sender is forged or misrouted.
      m = decodeRaftMessage(bytes, from, this.host.localId)
    } catch (err) {
      this.stats.malformed++
      this.emit('malformed', from, err as Error)
      return
    }
    this.stats.messagesReceived++
    this.core.step(m)
    this.kick()
    this.noteQuiescence()
  }

  /**
   * @internal the link to `peer` changed: if it is a member, wake (see `RaftConfig.quiesce`); if it
   * went down and led this group, elect a new leader soon (see `RaftCore.peerDown`).
   */
  peerChanged (peer: string, up?: boolean): void {
    if (this.state !== 'running') return
    const { voters, learners } = this.core.membership
    if (!voters.includes(peer) && !learners.includes(peer)) return
    if (up === false) this.core.peerDown(peer)
    else this.core.wake()
    if (this.core.hasReady()) this.kick()
    this.noteQuiescence()
  }

  private noteQuiescence (): void {
    const q = this.core.isQuiesced
    if (q === this.wasQuiesced) return
    this.wasQuiesced = q
    this.emit('quiesce', q)
  }

  /** Whether the group is quiesced (idle: no heartbeats, no election timer). */
  get quiesced (): boolean { return this.core.isQuiesced }

  /** @internal a member has no such group. */
  unknownGroup (peer: string): void {
    this.emit('unknownGroup', peer)
  }

  // ---- the Ready loop ------------------------------------------------------------------------

  /** Schedules the Ready loop (a microtask later, so proposals made in one turn share one Ready). */
  private kick (): void {
    this.noteQuiescence()
    if (this.loopScheduled || this.loopRunning || this.state === 'failed' || this.state === 'stopped') return
    this.loopScheduled = true
    queueMicrotask(() => {
      this.loopScheduled = false
      if (this.loopRunning) return
      this.loopDone = this.loop()
    })
  }

  private async loop (): Promise<void> {
    this.loopRunning = true
    try {
      while (this.state === 'running' && this.core.hasReady()) {
        const rd = this.core.ready()
        await this.handle(rd)
        this.core.advance(rd)
        this.afterAdvance()
        this.compact()
        if (this.snapshotDue()) this.startSnapshot()
      }
      this.compact()
    } catch (err) {
      this.fail(err)
    } finally {
      this.loopRunning = false
    }
    // Work may have arrived while the last Ready was being handled (hasReady is false meanwhile).
    if (this.state === 'running' && this.core.hasReady()) this.kick()
  }

  private async handle (rd: Ready): Promise<void> {
    this.stats.readies++
    // 1. A leader's appends and heartbeats leave before its own write (Raft thesis §10.2.1): the
    //    leader counts itself towards a commit only for entries it has persisted (the core's
    //    `log.stable`), so a follower may store them first. Everything else waits (see below).
    const { early, later } = splitBeforePersist(rd, this.savedHard)
    for (const m of early) this.send(m)
    // 2. Persist, before anything that depends on it leaves this process.
    const persisted = this.persist(rd)
    // 3. Committed entries this member already holds durably need not wait for this write: apply
    //    them while it is under way (not across a role change or a snapshot, which keep their order).
    const ahead = rd.snapshot === undefined && rd.softState === undefined ? durableCommitted(rd) : 0
    if (ahead > 0) {
      persisted.catch(() => {}) // awaited below; a failure is not "unhandled" meanwhile
      await this.applyEntries(rd.committedEntries, 0, ahead)
    }
    await persisted
    // 4. Send the rest. All groups' sends in one event-loop turn share one transport frame per peer.
    for (const m of later) this.send(m)
    // 5. Report role/term/leader changes (after they are durable).
    if (rd.softState !== undefined) this.setSoft(rd.softState)
    // 6. Apply.
    if (rd.snapshot !== undefined) {
      await this.sm.restore(rd.snapshot.data)
      this.appliedIndex = rd.snapshot.meta.index
      this.stats.snapshotsInstalled++
      this.bytesSinceSnapshot = 0
      this.lastSnapshotBytes = rd.snapshot.data.byteLength
      for (const [index, p] of this.proposals) {
        if (index <= this.appliedIndex) this.settle(p, new ProposalLostError(p.index, p.term, 'replaced by an installed snapshot; outcome unknown'))
      }
    }
    await this.applyEntries(rd.committedEntries, ahead, rd.committedEntries.length)
    // 7. Reads confirmed by a quorum: answer once applied catches up.
    for (const rs of rd.readStates) {
      const key = new TextDecoder().decode(rs.context)
      const r = this.reads.get(key)
      if (r !== undefined) r.index = rs.index
    }
    this.releaseReads()
  }

  /** Writes what `rd` asks to persist (snapshot, entries and hard state, compaction), in that order. */
  private async persist (rd: Ready): Promise<void> {
    if (rd.snapshot !== undefined) await this.storage.saveSnapshot(rd.snapshot)
    if (rd.hardState !== undefined || rd.entries.length > 0) await this.storage.save({ hardState: rd.hardState, entries: rd.entries })
    if (rd.hardState !== undefined) this.savedHard = rd.hardState
    if (rd.compaction !== undefined) this.persistCompaction(rd.compaction)
  }

  /**
   * A compaction is made durable in the background. Nothing depends on it: until it is, the stored
   * log still holds every entry it covers and a restart recovers from the older snapshot; the
   * storage keeps it in order with later writes. Awaiting it held the group's commits for as long
   * as writing the snapshot file took (~300 ms for 8 MB). A failure fails the group like any
   * storage error.
   */
  private persistCompaction (snapshot: Snapshot): void {
    // Handled at once: it may fail while an earlier one is still being written.
    const saved = this.storage.saveSnapshot(snapshot).catch(err => { this.fail(err) })
    this.compactions = this.compactions.then(async () => await saved)
  }

  /** Applies `entries[from, to)` in order and settles the proposals they answer. */
  private async applyEntries (entries: Entry[], from: number, to: number): Promise<void> {
    for (let i = from; i < to; i++) {
      const e = entries[i]
      let result: R | undefined
      this.bytesSinceSnapshot += e.data.byteLength
      if (e.type === 'normal') {
        result = await this.sm.apply(e)
        this.stats.entriesApplied++
      }
      this.appliedIndex = e.index
      const p = this.proposals.get(e.index)
      if (p !== undefined) {
        if (p.term === e.term) this.settle(p, undefined, result as R)
        else this.settle(p, new ProposalLostError(p.index, p.term, `a leader of term ${e.term} put another entry at its index`))
      }
      this.emit('applied', e)
    }
  }

  private afterAdvance (): void {
    // Entries we proposed that are no longer in our log (a new leader truncated it) will never apply here.
    const last = this.core.lastIndex
    for (const [index, p] of this.proposals) {
      if (index > last) this.settle(p, new ProposalLostError(p.index, p.term, 'truncated from the log by a new leader'))
    }
  }

  /** Whether enough was applied since the last snapshot to take one (see the `snapshot*` options). */
  private snapshotDue (): boolean {
    if (this.snapshotting || this.snapshotReady !== undefined || this.appliedIndex <= this.core.snapshotIndex) return false
    if (this.snapshotEntries > 0 && this.appliedIndex - this.core.snapshotIndex >= this.snapshotEntries) return true
    return this.snapshotBytes > 0 && this.bytesSinceSnapshot >= Math.max(this.snapshotBytes, 2 * this.lastSnapshotBytes)
  }

  /**
   * Asks the state machine for a snapshot of what is applied now and goes on: serializing a large
   * state takes a while (a queue's: every stored message and every id of its dedup window), and
   * awaiting it here held every commit of the group — on every member at once, since all reach the
   * same index together. The log is compacted with it once it is ready (see {@link compact}).
   */
  private startSnapshot (): void {
    const index = this.appliedIndex
    const bytesCovered = this.bytesSinceSnapshot
    this.snapshotting = true
    const done = (data: Uint8Array): void => {
      this.snapshotting = false
      if (this.state !== 'running') return
      this.snapshotReady = { index, data, bytesCovered }
      if (!this.loopRunning) {
        this.compact()
        this.kick()
      }
    }
    const failed = (err: unknown): void => {
      this.snapshotting = false
      this.fail(err)
    }
    let result: Uint8Array | Promise<Uint8Array>
    try {
      result = this.sm.snapshot()
    } catch (err) {
      failed(err)
      return
    }
    if (result instanceof Uint8Array) done(result)
    else result.then(done, failed)
  }

  /** Compacts the log with the snapshot that is ready, unless an installed one overtook it. */
  private compact (): void {
    const r = this.snapshotReady
    if (r === undefined) return
    this.snapshotReady = undefined
    if (r.index <= this.core.snapshotIndex || r.index > this.appliedIndex) return
    this.core.compact(r.index, r.data)
    this.stats.snapshotsTaken++
    this.bytesSinceSnapshot = Math.max(0, this.bytesSinceSnapshot - r.bytesCovered)
    this.lastSnapshotBytes = r.data.byteLength
  }

  private send (m: Message): void {
    try {
      this.host.send(m.to, this.groupId, encodeRaftMessage(m))
      this.stats.messagesSent++
    } catch {
      // Too large for a frame (the core's maxSizePerMsg / snapshotChunkSize are below the limit
      // by default) or a bad group id: Raft retransmits, so count it and go on.
      this.stats.sendFailures++
    }
  }

  private setSoft (s: SoftState): void {
    const prev = this.soft
    this.soft = s
    this.emit('state', s)
    if (s.term !== prev.term) this.emit('term', s.term)
    if (s.role !== prev.role) {
      if (prev.role === 'leader') {
        // Reads wait for a quorum round of *this* leadership: it ended, so they never complete.
        for (const [, r] of this.reads) this.settleRead(r, new NotLeaderError(s.leader, s.term))
        this.reads.clear()
      }
      this.emit('role', s.role, s.term)
    }
    if (s.leader !== prev.leader || s.term !== prev.term) this.emit('leader', s.leader, s.term)
  }

  private releaseReads (): void {
    for (const [key, r] of this.reads) {
      if (r.index !== undefined && r.index <= this.appliedIndex) {
        this.reads.delete(key)
        this.settleRead(r, undefined, r.index)
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private settle (p: PendingProposal<R>, err: Error | undefined, result?: R): void {
    this.proposals.delete(p.index)
    p.cleanup()
    if (err !== undefined) p.reject(err)
    else p.resolve(result as R)
  }

  private settleRead (r: PendingRead, err: Error | undefined, index?: number): void {
    r.cleanup()
    if (err !== undefined) r.reject(err)
    else r.resolve(index!)
  }

  /** Arms the timeout and abort signal of one operation; returns the function that disarms them. */
  private guard (options: OperationOptions, onGiveUp: (reason: string) => void): () => void {
    const ms = options.timeout ?? this.operationTimeout
    const timer = ms > 0 && Number.isFinite(ms) ? setTimeout(() => { cleanup(); onGiveUp(`timed out after ${ms} ms`) }, ms) : undefined
    const onAbort = (): void => { cleanup(); onGiveUp('aborted') }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }
    return cleanup
  }

  private failPending (err: Error): void {
    for (const p of [...this.proposals.values()]) this.settle(p, err)
    for (const r of this.reads.values()) this.settleRead(r, err)
    this.reads.clear()
  }

  private fail (cause: unknown): void {
    if (this.state !== 'running') return
    const err = new GroupFailedError(this.groupId, { cause })
    this.state = 'failed'
    this.host.release(this)
    this.failPending(err)
    if (this.listenerCount('failed') > 0) this.emit('failed', err)
  }

  private bestFollower (): string | undefined {
    if (this.core.role !== 'leader') return undefined
    let best: string | undefined
    let bestMatch = -1
    for (const id of this.core.membership.voters) {
      if (id === this.id) continue
      const match = this.core.progress(id)?.match ?? 0
      if (match > bestMatch) { best = id; bestMatch = match }
    }
    return best
  }

  private maxElectionMs (): number {
    return 2 * this.core.config.electionTicks * this.host.tickMs
  }

  private assertRunning (): void {
    if (this.state !== 'running') throw new ClosedError(`raft group ${this.groupId}`)
  }
}

/**
 * Which messages of `rd` may leave before its writes are durable (`early`) and which must wait
 * (`later`). Early: a leader's `append` and `heartbeat` messages, and only when the Ready does not
 * change the term or vote last written (`saved`; unknown = assume it does): they promise nothing
 * about this member's own log (the leader counts itself towards a quorum only for entries it has
 * persisted), while a term or vote must be durable before any message of that term leaves
 * (otherwise a restarted member could vote twice in it, or lead it twice with different entries).
 * Everything a follower or candidate says — append, heartbeat and vote responses, votes — speaks
 * for what it stored and waits. A Ready installing a snapshot sends nothing early. @internal
 */
export function splitBeforePersist (rd: Ready, saved: HardState | undefined): { early: Message[], later: Message[] } {
  const h = rd.hardState
  const termDurable = rd.snapshot === undefined && (h === undefined || (saved !== undefined && h.term === saved.term && h.vote === saved.vote))
  if (!termDurable) return { early: [], later: rd.messages }
  const early: Message[] = []
  const later: Message[] = []
  for (const m of rd.messages) {
    if (m.type === 'append' || m.type === 'heartbeat') early.push(m)
    else later.push(m)
  }
  return { early, later }
}

/** How many of `rd.committedEntries` (a prefix) were already durable here before `rd`'s own entries. */
function durableCommitted (rd: Ready): number {
  const firstNew = rd.entries.length > 0 ? rd.entries[0].index : Infinity
  let n = 0
  while (n < rd.committedEntries.length && rd.committedEntries[n].index < firstNew) n++
  return n
}
