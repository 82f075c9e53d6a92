import type { Entry, HardState, Membership, Snapshot } from '../storage.js'
import { resolveRaftConfig, type RaftConfig } from './config.js'
import { MembershipChangeError, NotLeaderError, ProposalDroppedError, RaftUsageError } from './errors.js'
import { entrySize, RaftLog } from './log.js'
import { applyChange, cloneMembership, encodeMembership, MembershipLog, type MembershipChange } from './membership.js'
import type { AppendMessage, HeartbeatMessage, Message, SnapshotMessage, VoteMessage } from './messages.js'
import { Progress } from './progress.js'
import { committedIndex, hasQuorum, voteResult } from './quorum.js'
import { ReadOnly, type ReadState } from './read-only.js'
import type { Ready, Role, SoftState } from './ready.js'
import { SnapshotReceiver } from './snapshot-receiver.js'
import { SnapshotStream } from './snapshot-stream.js'
import type { ProgressInfo, ProposeResult, RaftCoreOptions, RaftStatus } from './types.js'

const EMPTY = new Uint8Array(0)

/** A message as the core builds it, before `from` is filled in. */
type Outgoing = Message extends infer M ? M extends Message ? Omit<M, 'from'> : never : never

/**
 * The Raft state machine in the style of etcd-io/raft: no I/O, no clock, no timers. Feed it
 * `tick()`, `step(message)` and proposals; take work out with `ready()` and acknowledge it with
 * `advance()` (see {@link Ready} for the persist-then-send contract).
 *
 * Telling your own proposal apart: `propose` returns `{ index, term }`. When the entry at `index`
 * is applied, it is yours if and only if its term equals `term`; a different term means a new
 * leader overwrote it and the proposal is lost (retry it, deduplicated by the state machine).
 */
export class RaftCore {
  readonly id: string
  readonly config: Readonly<RaftConfig>
  private readonly random: () => number

  private term: number
  private vote: string
  private lead = ''
  private state: Role = 'follower'
  private readonly log: RaftLog
  private readonly members: MembershipLog

  private prs = new Map<string, Progress>()
  private votes = new Map<string, boolean>()
  private electionElapsed = 0
  private heartbeatElapsed = 0
  private randomizedElectionTimeout = 0
  private leadTransferee = ''
  private readonly readOnly = new ReadOnly()
  /** Reads that arrived before this leader committed an entry of its own term. */
  private pendingReads: Uint8Array[] = []
  private uncommittedBytes = 0
  /** Idle: no heartbeats (leader) or election timer (follower) until woken (see `RaftConfig.quiesce`). */
  private quiesced = false
  /**
   * False after the failure detector woke this follower, until the leader next speaks normally:
   * a quiescing heartbeat delayed in the network must not put it back to sleep under a leader
   * that may be dead.
   */
  private mayQuiesce = true
  /**
   * A woken leader quiesces again only after this many check-quorum rounds: answers already in
   * flight when it woke (say, to the quiescing heartbeat) would otherwise pass for a live quorum
   * and put a leader that was just cut off back to sleep.
   */
  private checksBeforeQuiesce = 0

  private msgs: Message[] = []
  private readStates: ReadState[] = []
  /** Followers to send appends to at the next `ready()`, so proposals between two Readys batch. */
  private readonly pendingAppends = new Map<string, boolean>()
  /** Latest snapshot (taken or installed): what a leader streams to a lagging follower. */
  private snapshot: Snapshot | null
  private pendingInstall: Snapshot | null = null
  private pendingCompaction: Snapshot | null = null
  private readonly receiver = new SnapshotReceiver()

  private prevHard: HardState
  private prevSoft: SoftState
  private outstanding: Ready | null = null

  constructor (opts: RaftCoreOptions) {
    if (typeof opts.id !== 'string' || opts.id === '') throw new RaftUsageError('id must be a non-empty string')
    if (typeof opts.random !== 'function') throw new RaftUsageError('random must be a function returning numbers in [0, 1)')
    this.id = opts.id
    this.config = resolveRaftConfig(opts.config)
    this.random = opts.random
    const p = opts.persisted
    this.snapshot = p.snapshot
    const snapIndex = p.snapshot?.meta.index ?? 0
    const snapTerm = p.snapshot?.meta.term ?? 0
    this.log = new RaftLog(snapIndex, snapTerm, p.entries, p.hardState.commit, opts.applied ?? snapIndex)
    this.members = new MembershipLog(p.snapshot?.meta.membership ?? opts.initialMembership ?? { voters: [], learners: [] }, snapIndex)
    this.members.onAppend(snapIndex + 1, p.entries)
    this.term = p.hardState.term
    this.vote = p.hardState.vote
    if (this.log.lastTerm() > this.term) throw new RaftUsageError(`persisted log has term ${this.log.lastTerm()} above the persisted term ${this.term}`)
    this.prevHard = { ...p.hardState }
    this.prevSoft = this.softState()
    this.resetElectionTimer()
  }

  // ---- observation -------------------------------------------------------------------------

  get role (): Role { return this.state }
  /** Whether this member is quiesced: its ticks do nothing until something wakes it. */
  get isQuiesced (): boolean { return this.quiesced }
  get currentTerm (): number { return this.term }
  get votedFor (): string { return this.vote }
  /** The member believed to lead, '' if unknown. */
  get leader (): string { return this.lead }
  get commitIndex (): number { return this.log.committed }
  get appliedIndex (): number { return this.log.applied }
  get firstIndex (): number { return this.log.firstIndex() }
  get lastIndex (): number { return this.log.lastIndex() }
  get snapshotIndex (): number { return this.log.snapshotIndex }
  /** The membership in force (the latest in the log, committed or not). */
  get membership (): Membership { return cloneMembership(this.members.current()) }
  /** Term of the entry at `i` (the snapshot's term at its index), undefined if not in memory. */
  termAt (i: number): number | undefined { return this.log.term(i) }
  /** The entry at `i`, if it is in memory (after the snapshot). */
  entryAt (i: number): Entry | undefined { return this.log.entry(i) }

  status (): RaftStatus {
    return {
      id: this.id,
      role: this.state,
      term: this.term,
      vote: this.vote,
      leader: this.lead,
      commit: this.log.committed,
      applied: this.log.applied,
      firstIndex: this.log.firstIndex(),
      lastIndex: this.log.lastIndex(),
      snapshotIndex: this.log.snapshotIndex,
      membership: this.membership,
      leadTransferee: this.leadTransferee,
      quiesced: this.quiesced
    }
  }

  /** The leader's view of a follower; undefined on non-leaders or for unknown members. */
  progress (id: string): ProgressInfo | undefined {
    const pr = this.prs.get(id)
    if (pr === undefined) return undefined
    return { match: pr.match, next: pr.next, state: pr.state, isLearner: pr.isLearner, recentActive: pr.recentActive, inflight: pr.inflights.count }
  }

  // ---- inputs --------------------------------------------------------------------------------

  /** Advances logical time by one tick. */
  tick (): void {
    if (this.quiesced) return
    if (this.state === 'leader') this.tickHeartbeat()
    else this.tickElection()
  }

  /**
   * Starts an election now (pre-vote first if enabled), as if the election timeout had fired.
   * Does nothing on a leader or on a member that is not a voter.
   */
  campaign (): void {
    this.unquiesce(false)
    this.hup(false)
  }

  /**
   * Ends quiescence, if quiesced: a follower restarts its election timer (a full timeout from
   * now), a leader heartbeats at once and starts a fresh check-quorum round. Call it when the
   * failure detector reports that the peer of a member went away or came back (a quiesced group
   * would not notice otherwise). Cheap and harmless when not quiesced.
   */
  wake (): void {
    if (this.state !== 'leader') this.mayQuiesce = false
    this.unquiesce(true)
  }

  /**
   * The failure detector reports the link to `peer` down (its process died, its connection broke,
   * a partition). Wakes like {@link wake}; a follower whose leader that is also forgets it — so
   * the check-quorum lease no longer makes it refuse votes — and campaigns soon instead of after
   * a whole election timeout: failover without waiting for silence. The remaining voters take
   * turns by id (the first after 1 tick, the next electionTicks/3 later, …) rather than at random
   * moments, so two followers told at once rarely split the vote. Safe whatever the detector says
   * (Raft's safety never rests on it): a wrong report costs one pre-vote, which members still
   * hearing the leader refuse.
   */
  peerDown (peer: string): void {
    this.wake()
    if (this.state !== 'follower' || peer === this.id || this.lead !== peer) return
    this.lead = ''
    const rank = this.members.current().voters.filter(v => v !== peer).sort().indexOf(this.id)
    if (rank < 0) return // a learner: it never campaigns
    const soon = 1 + rank * Math.max(1, Math.floor(this.config.electionTicks / 3))
    this.electionElapsed = Math.max(this.electionElapsed, this.randomizedElectionTimeout - soon)
  }

  /**
   * Proposes a command. Only the leader accepts.
   * @throws NotLeaderError with the known leader as a hint.
   * @throws ProposalDroppedError while transferring leadership or when too much is uncommitted.
   */
  propose (data: Uint8Array): ProposeResult {
    this.requireLeader()
    this.unquiesce(false)
    const e: Entry = { term: this.term, index: this.log.lastIndex() + 1, type: 'normal', data }
    const size = entrySize(e)
    const max = this.config.maxUncommittedBytes
    // Like etcd, an empty uncommitted window always admits one entry however large.
    if (max > 0 && this.uncommittedBytes > 0 && this.uncommittedBytes + size > max) {
      throw new ProposalDroppedError('uncommitted-limit', `${this.uncommittedBytes} bytes proposed but not committed (limit ${max})`)
    }
    this.appendLocal([e])
    return { index: e.index, term: e.term }
  }

  /**
   * Proposes a one-server membership change. Refused while another change is uncommitted or
   * before this leader committed an entry of its own term (the fix to the single-server change
   * bug in Ongaro's thesis), and a `promote` is refused until the learner is caught up.
   * @throws NotLeaderError, ProposalDroppedError, MembershipChangeError.
   */
  proposeMembership (change: MembershipChange): ProposeResult {
    this.requireLeader()
    if (this.log.term(this.log.committed) !== this.term) throw new MembershipChangeError('the leader has not committed an entry in its term yet')
    if (this.members.currentIndex() > this.log.committed) {
      throw new MembershipChangeError(`membership change at index ${this.members.currentIndex()} is not committed yet`)
    }
    const next = applyChange(this.members.current(), change)
    this.unquiesce(false)
    if (change.type === 'promote') {
      const lag = this.log.lastIndex() - (this.prs.get(change.id)?.match ?? 0)
      if (lag > this.config.maxPromotionLag) throw new MembershipChangeError(`learner ${change.id} is ${lag} entries behind (at most ${this.config.maxPromotionLag} allowed)`)
    }
    const e: Entry = { term: this.term, index: this.log.lastIndex() + 1, type: 'config', data: encodeMembership(next) }
    this.appendLocal([e])
    return { index: e.index, term: e.term }
  }

  /**
   * Hands leadership to voter `to`: proposals are refused meanwhile; once `to` has the whole
   * log it is told to campaign at once. Abandoned after an election timeout; a transfer to
   * another member replaces one in progress.
   */
  transferLeadership (to: string): void {
    this.requireLeader(false)
    if (to === this.id) return
    if (!this.members.current().voters.includes(to)) throw new RaftUsageError(`cannot transfer leadership to ${to}: not a voter`)
    if (this.leadTransferee === to) return
    this.unquiesce(false)
    this.leadTransferee = to
    this.electionElapsed = 0
    const pr = this.prs.get(to)!
    if (pr.match === this.log.lastIndex()) this.sendTimeoutNow(to)
    else this.queueAppend(to, true)
  }

  /**
   * Asks for a linearizable read. Once a quorum confirms this member still leads, a
   * {@link ReadState} with `context` appears in `Ready.readStates`: read the state machine after
   * applying up to its index. Requests are dropped if leadership is lost (watch `softState`).
   * `context` must be unique among pending reads (a duplicate is ignored).
   * @throws NotLeaderError on followers.
   */
  readIndex (context: Uint8Array): void {
    this.requireLeader(false)
    this.unquiesce(false)
    if (this.log.term(this.log.committed) !== this.term) {
      // The commit index of a new leader may lag what the previous leader committed.
      this.pendingReads.push(context)
      return
    }
    this.startRead(context)
  }

  /**
   * The state machine took a snapshot holding everything up to `index` (≤ applied index): the
   * log prefix is dropped and the snapshot appears in `Ready.compaction` to be persisted. To let
   * slightly lagging followers catch up from the log, compact a bit below the applied index.
   */
  compact (index: number, data: Uint8Array): void {
    if (index <= this.log.snapshotIndex) return
    if (index > this.log.applied) throw new RaftUsageError(`cannot compact at ${index}: applied index is ${this.log.applied}`)
    const snap: Snapshot = { meta: { index, term: this.log.term(index)!, membership: cloneMembership(this.members.at(index)) }, data }
    this.log.compact(index)
    this.members.onCompact(index)
    this.snapshot = snap
    this.pendingCompaction = snap
  }

  /** Handles a message from another member (or a stale/duplicated copy of one). */
  step (m: Message): void {
    if (m.to !== this.id) throw new RaftUsageError(`message for ${m.to} stepped into ${this.id}`)
    if (m.from === this.id) return
    // Anything but the quiescing heartbeat and its answers means there is work (or a member that
    // does not know we are here, e.g. one that restarted): resume ticking.
    if (this.quiesced && !(m.type === 'heartbeat' && m.quiesce === true) && m.type !== 'heartbeatResponse') this.unquiesce(true)
    if (m.term > this.term) {
      if (m.type === 'vote' || m.type === 'preVote') {
        const inLease = this.config.checkQuorum && this.lead !== '' && this.electionElapsed < this.config.electionTicks
        // We heard from a leader recently: this candidate is disruptive (e.g. back from a partition).
        if (!m.transfer && inLease) return
      }
      if (m.type === 'preVote') {
        // A pre-vote never changes our term.
      } else if (m.type === 'preVoteResponse' && !m.reject) {
        // Granted for the term we will campaign in; we raise it ourselves if we win.
      } else if (m.type === 'append' || m.type === 'heartbeat' || m.type === 'snapshot') {
        this.becomeFollower(m.term, m.from)
      } else {
        this.becomeFollower(m.term, '')
      }
    } else if (m.term < this.term) {
      if ((this.config.checkQuorum || this.config.preVote) && (m.type === 'append' || m.type === 'heartbeat')) {
        // A stale leader (e.g. back from a partition) learns the new term from this answer and
        // steps down; without it, pre-vote would keep it from ever hearing a higher term.
        this.send({ type: 'appendResponse', to: m.from, term: this.term, index: 0, reject: false, hintIndex: 0, hintTerm: 0 })
      } else if (m.type === 'preVote') {
        this.send({ type: 'preVoteResponse', to: m.from, term: this.term, reject: true })
      }
      return
    }

    if (m.type === 'vote' || m.type === 'preVote') {
      this.handleVote(m)
      return
    }
    switch (this.state) {
      case 'leader': this.stepLeader(m); break
      case 'candidate':
      case 'preCandidate': this.stepCandidate(m); break
      case 'follower': this.stepFollower(m); break
    }
  }

  // ---- outputs -------------------------------------------------------------------------------

  /** Whether `ready()` has something to hand out. Always false while a Ready is outstanding. */
  hasReady (): boolean {
    if (this.outstanding !== null) return false
    return this.msgs.length > 0 ||
      this.pendingAppends.size > 0 ||
      this.log.stable < this.log.lastIndex() ||
      this.hardChanged() ||
      this.softChanged() ||
      this.pendingInstall !== null ||
      this.pendingCompaction !== null ||
      this.readStates.length > 0 ||
      this.log.hasNextCommitted()
  }

  /** Takes the next batch of work. Call `advance(ready)` once it is handled before asking again. */
  ready (): Ready {
    if (this.outstanding !== null) throw new RaftUsageError('ready() called before advance() of the previous Ready')
    this.flushAppends()
    const rd: Ready = {
      entries: this.log.unstableEntries(),
      messages: this.msgs,
      committedEntries: this.log.nextCommitted(this.config.maxCommittedSizePerReady),
      readStates: this.readStates
    }
    this.msgs = []
    this.readStates = []
    if (this.softChanged()) {
      rd.softState = this.softState()
      this.prevSoft = rd.softState
    }
    if (this.hardChanged()) {
      rd.hardState = { term: this.term, vote: this.vote, commit: this.log.committed }
      this.prevHard = rd.hardState
    }
    if (this.pendingInstall !== null) {
      rd.snapshot = this.pendingInstall
      this.pendingInstall = null
    }
    if (this.pendingCompaction !== null) {
      rd.compaction = this.pendingCompaction
      this.pendingCompaction = null
    }
    const lastApply = rd.committedEntries[rd.committedEntries.length - 1]
    if (lastApply !== undefined) this.log.applying = lastApply.index
    this.outstanding = rd
    return rd
  }

  /** The caller persisted, sent and applied `rd`. */
  advance (rd: Ready): void {
    if (rd !== this.outstanding) throw new RaftUsageError('advance() called with a Ready that is not the outstanding one')
    this.outstanding = null
    if (rd.entries.length > 0) this.log.stableTo(rd.entries)
    if (rd.snapshot !== undefined) this.log.applied = Math.max(this.log.applied, rd.snapshot.meta.index)
    const lastApply = rd.committedEntries[rd.committedEntries.length - 1]
    if (lastApply !== undefined) this.log.applied = Math.max(this.log.applied, lastApply.index)
    this.log.applying = Math.max(this.log.applying, this.log.applied)
    // The leader counts itself towards a quorum only for entries it has persisted.
    if (this.state === 'leader') this.maybeCommit()
  }

  // ---- roles ---------------------------------------------------------------------------------

  private softState (): SoftState {
    return { leader: this.lead, role: this.state, term: this.term }
  }

  private softChanged (): boolean {
    return this.prevSoft.leader !== this.lead || this.prevSoft.role !== this.state || this.prevSoft.term !== this.term
  }

  private hardChanged (): boolean {
    return this.prevHard.term !== this.term || this.prevHard.vote !== this.vote || this.prevHard.commit !== this.log.committed
  }

  private promotable (): boolean {
    return this.members.current().voters.includes(this.id)
  }

  private requireLeader (refuseWhileTransferring = true): void {
    if (this.state !== 'leader') throw new NotLeaderError(this.lead, this.term)
    if (refuseWhileTransferring && this.leadTransferee !== '') {
      throw new ProposalDroppedError('transferring', `leadership is being transferred to ${this.leadTransferee}`)
    }
  }

  private resetElectionTimer (): void {
    this.electionElapsed = 0
    const t = this.config.electionTicks
    this.randomizedElectionTimeout = t + Math.min(t - 1, Math.floor(this.random() * t))
  }

  private becomeFollower (term: number, leader: string): void {
    const wasLeader = this.state === 'leader'
    if (term !== this.term) {
      this.term = term
      this.vote = ''
    }
    this.state = 'follower'
    this.lead = leader
    this.quiesced = false
    // Only a message from the current leader resets a follower's timer; a leader stepping down
    // starts a fresh one because its counter measured check-quorum rounds, not silence.
    if (leader !== '' || wasLeader) this.resetElectionTimer()
    this.clearLeaderState()
  }

  private clearLeaderState (): void {
    this.prs = new Map()
    this.votes = new Map()
    this.pendingAppends.clear()
    this.leadTransferee = ''
    this.readOnly.reset()
    this.pendingReads = []
    this.uncommittedBytes = 0
  }

  private becomeLeader (): void {
    this.state = 'leader'
    this.quiesced = false
    this.lead = this.id
    this.clearLeaderState()
    this.syncProgress()
    this.resetElectionTimer()
    this.heartbeatElapsed = 0
    // Committing an entry of its own term is how a new leader learns what is committed (§5.4.2, §8).
    this.appendLocal([{ term: this.term, index: this.log.lastIndex() + 1, type: 'noop', data: EMPTY }])
  }

  private hup (transfer: boolean): void {
    if (this.state === 'leader' || !this.promotable()) return
    this.startCampaign(this.config.preVote && !transfer ? 'pre' : 'real', transfer)
  }

  private startCampaign (kind: 'pre' | 'real', transfer: boolean): void {
    let voteTerm: number
    if (kind === 'pre') {
      // Pre-vote: ask whether we could win at term+1 without raising our term or vote.
      this.state = 'preCandidate'
      voteTerm = this.term + 1
    } else {
      this.state = 'candidate'
      this.term += 1
      this.vote = this.id
      voteTerm = this.term
    }
    this.lead = ''
    this.quiesced = false
    this.clearLeaderState()
    this.resetElectionTimer()
    this.votes.set(this.id, true)
    if (this.pollResult()) return
    const type = kind === 'pre' ? 'preVote' : 'vote'
    for (const id of this.members.current().voters) {
      if (id === this.id) continue
      this.send({ type, to: id, term: voteTerm, index: this.log.lastIndex(), logTerm: this.log.lastTerm(), transfer })
    }
  }

  /** Acts on the votes so far; returns true if the election is decided. */
  private pollResult (): boolean {
    const r = voteResult(this.members.current().voters, this.votes)
    if (r === 'won') {
      if (this.state === 'preCandidate') this.startCampaign('real', false)
      else this.becomeLeader()
      return true
    }
    if (r === 'lost') {
      this.becomeFollower(this.term, '')
      return true
    }
    return false
  }

  private tickElection (): void {
    this.electionElapsed++
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) this.hup(false)
  }

  private tickHeartbeat (): void {
    this.heartbeatElapsed++
    this.electionElapsed++
    for (const [id, pr] of this.prs) {
      // No acknowledgement for a while: a chunk or its ack was lost; resend the first missing one.
      if (pr.stream !== undefined && pr.stream.tick(this.config.snapshotResendTicks) && pr.recentActive) this.sendSnapshotChunks(id, pr)
    }
    if (this.electionElapsed >= this.config.electionTicks) {
      this.electionElapsed = 0
      if (this.config.checkQuorum) {
        const voters = this.members.current().voters
        if (!hasQuorum(voters, id => id === this.id || this.prs.get(id)?.recentActive === true)) {
          this.becomeFollower(this.term, '')
          return
        }
        for (const pr of this.prs.values()) pr.recentActive = false
      }
      if (this.checksBeforeQuiesce > 0) this.checksBeforeQuiesce--
      if (this.leadTransferee !== '') this.leadTransferee = ''
    }
    if (this.heartbeatElapsed >= this.config.heartbeatTicks) {
      this.heartbeatElapsed = 0
      if (this.canQuiesce()) {
        this.bcastHeartbeat(undefined, true)
        this.quiesced = true
        return
      }
      this.bcastHeartbeat(this.readOnly.lastContext())
    }
  }

  /**
   * A leader may go quiet when nothing is in flight: its whole log is persisted and committed in
   * its term, no read or transfer waits for a heartbeat round, and every follower has matched the
   * last entry and answered within this check-quorum round (a silent one is maybe down: keep
   * heartbeating so it catches up when it returns).
   */
  private canQuiesce (): boolean {
    if (!this.config.quiesce || this.checksBeforeQuiesce > 0 || this.leadTransferee !== '' || this.readOnly.size > 0 || this.pendingReads.length > 0 || this.pendingAppends.size > 0) return false
    const last = this.log.lastIndex()
    if (this.log.committed !== last || this.log.stable !== last || this.log.term(last) !== this.term) return false
    for (const pr of this.prs.values()) {
      if (pr.match !== last || pr.state !== 'replicate' || !pr.recentActive || pr.inflights.count > 0) return false
    }
    return true
  }

  private unquiesce (heartbeat: boolean): void {
    if (!this.quiesced) return
    this.quiesced = false
    this.electionElapsed = 0
    if (this.state !== 'leader') return
    // Answers from here on tell whether a quorum is still there; what was heard before going
    // quiet says nothing about now.
    for (const pr of this.prs.values()) pr.recentActive = false
    this.checksBeforeQuiesce = 1
    this.heartbeatElapsed = 0
    if (heartbeat) this.bcastHeartbeat(undefined)
  }

  // ---- message handling ----------------------------------------------------------------------

  private send (m: Outgoing): void {
    this.msgs.push({ ...m, from: this.id } as Message)
  }

  private handleVote (m: VoteMessage): void {
    const respType = m.type === 'vote' ? 'voteResponse' : 'preVoteResponse'
    const canVote = this.vote === m.from ||
      (this.vote === '' && this.lead === '') ||
      (m.type === 'preVote' && m.term > this.term)
    if (canVote && this.log.isUpToDate(m.index, m.logTerm)) {
      // A granted pre-vote answers in the term it grants, so the pre-candidate can count it.
      this.send({ type: respType, to: m.from, term: m.term, reject: false })
      if (m.type === 'vote') {
        this.vote = m.from
        this.resetElectionTimer()
      }
    } else {
      this.send({ type: respType, to: m.from, term: this.term, reject: true })
    }
  }

  private stepFollower (m: Message): void {
    switch (m.type) {
      case 'append':
        this.resetElectionTimer()
        this.lead = m.from
        this.mayQuiesce = true
        this.handleAppend(m)
        break
      case 'heartbeat':
        this.resetElectionTimer()
        this.lead = m.from
        if (m.quiesce !== true) this.mayQuiesce = true
        this.handleHeartbeat(m)
        break
      case 'snapshot':
        this.resetElectionTimer()
        this.lead = m.from
        this.mayQuiesce = true
        this.handleSnapshot(m)
        break
      case 'timeoutNow':
        this.hup(true)
        break
      default:
        // Responses meant for an earlier role of ours: stale, dropped.
        break
    }
  }

  private stepCandidate (m: Message): void {
    switch (m.type) {
      case 'append':
      case 'heartbeat':
      case 'snapshot':
        // Someone won this term.
        this.becomeFollower(this.term, m.from)
        this.stepFollower(m)
        break
      case 'preVoteResponse':
      case 'voteResponse':
        if ((m.type === 'preVoteResponse') !== (this.state === 'preCandidate')) return
        if (!this.votes.has(m.from)) this.votes.set(m.from, !m.reject)
        this.pollResult()
        break
      default:
        break
    }
  }

  private handleAppend (m: AppendMessage): void {
    if (m.index < this.log.committed) {
      // Everything up to our commit index matches any leader's log; tell it where we are.
      this.send({ type: 'appendResponse', to: m.from, term: this.term, index: this.log.committed, reject: false, hintIndex: 0, hintTerm: 0 })
      return
    }
    const r = this.log.maybeAppend(m.index, m.logTerm, m.commit, m.entries)
    if (r !== undefined) {
      if (r.firstChanged !== 0) this.members.onAppend(r.firstChanged, m.entries)
      this.send({ type: 'appendResponse', to: m.from, term: this.term, index: r.lastNew, reject: false, hintIndex: 0, hintTerm: 0 })
      return
    }
    const hintIndex = this.log.findConflictByTerm(Math.min(m.index, this.log.lastIndex()), m.logTerm)
    this.send({ type: 'appendResponse', to: m.from, term: this.term, index: m.index, reject: true, hintIndex, hintTerm: this.log.term(hintIndex) ?? 0 })
  }

  private handleHeartbeat (m: HeartbeatMessage): void {
    if (m.commit > this.log.committed && this.log.matchTerm(m.commit, m.commitTerm)) this.log.commitTo(m.commit)
    this.send(m.context === undefined
      ? { type: 'heartbeatResponse', to: m.from, term: this.term }
      : { type: 'heartbeatResponse', to: m.from, term: this.term, context: m.context })
    // The leader only quiesces once we matched its last entry; quiet down only if we know it is committed.
    if (m.quiesce === true && this.mayQuiesce && this.log.committed === m.commit) this.quiesced = true
  }

  private handleSnapshot (m: SnapshotMessage): void {
    const { meta } = m
    if (meta.index <= this.log.committed) {
      this.send({ type: 'appendResponse', to: m.from, term: this.term, index: this.log.committed, reject: false, hintIndex: 0, hintTerm: 0 })
      return
    }
    const r = this.receiver.accept(m)
    if (r.status !== 'complete') {
      this.send({ type: 'snapshotResponse', to: m.from, term: this.term, index: meta.index, snapTerm: meta.term, offset: r.offset, reject: r.status === 'reject' })
      return
    }
    this.restore(r.snapshot)
    this.send({ type: 'appendResponse', to: m.from, term: this.term, index: this.log.committed, reject: false, hintIndex: 0, hintTerm: 0 })
  }

  /** Installs a leader's snapshot unless the log already covers it. */
  private restore (s: Snapshot): void {
    const { index, term } = s.meta
    if (index <= this.log.committed) return
    if (this.log.matchTerm(index, term)) {
      // Our log already holds the snapshot's last entry, hence all before it: just commit.
      this.log.commitTo(index)
      return
    }
    this.log.restore(index, term)
    this.members.onRestore(index, s.meta.membership)
    this.snapshot = s
    this.pendingInstall = s
    this.pendingCompaction = null
  }

  private stepLeader (m: Message): void {
    const pr = this.prs.get(m.from)
    if (pr === undefined) return
    switch (m.type) {
      case 'appendResponse': {
        pr.recentActive = true
        if (m.reject) {
          const hint = m.hintTerm > 0 ? this.log.findConflictByTerm(m.hintIndex, m.hintTerm) : m.hintIndex
          if (pr.maybeDecrTo(m.index, hint)) {
            if (pr.state === 'replicate') pr.becomeProbe()
            this.queueAppend(m.from, true)
          }
          return
        }
        const updated = pr.maybeUpdate(m.index)
        switch (pr.state) {
          case 'probe':
            if (updated || pr.match === m.index) pr.becomeReplicate()
            break
          case 'replicate':
            pr.inflights.freeLE(m.index)
            break
          case 'snapshot':
            // The follower holds the snapshot we streamed. If we compacted past it meanwhile,
            // probing finds that out and streams the newer one.
            if (pr.match >= pr.pendingSnapshot) {
              pr.becomeProbe()
              if (pr.match >= this.log.snapshotIndex) pr.becomeReplicate()
            }
            break
        }
        if (updated) {
          this.maybeCommit()
          if (this.state !== 'leader') return
        }
        this.queueAppend(m.from, false)
        if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) this.sendTimeoutNow(m.from)
        return
      }
      case 'heartbeatResponse': {
        pr.recentActive = true
        pr.probeSent = false
        // If every append in the window was lost, nothing would ever be acked again: free one
        // slot so an append goes out; a follower missing entries rejects it and we probe.
        if (pr.state === 'replicate' && pr.inflights.full()) pr.inflights.freeFirst()
        if (pr.match < this.log.lastIndex()) this.queueAppend(m.from, true)
        if (m.context !== undefined) {
          const acks = this.readOnly.recvAck(m.from, m.context)
          if (acks !== undefined && hasQuorum(this.members.current().voters, id => acks.has(id))) {
            for (const rs of this.readOnly.advance(m.context)) this.readStates.push(rs)
          }
        }
        return
      }
      case 'snapshotResponse': {
        pr.recentActive = true
        const stream = pr.stream
        if (pr.state !== 'snapshot' || stream === undefined || m.index !== stream.snapshot.meta.index || m.snapTerm !== stream.snapshot.meta.term) return
        stream.onResponse(m.offset, m.reject)
        this.sendSnapshotChunks(m.from, pr)
        return
      }
      default:
        return
    }
  }

  // ---- replication ---------------------------------------------------------------------------

  /** Appends the leader's own entries and schedules sending them. */
  private appendLocal (entries: Entry[]): void {
    this.log.append(entries)
    this.members.onAppend(entries[0]!.index, entries)
    for (const e of entries) if (e.type !== 'noop') this.uncommittedBytes += entrySize(e)
    if (entries.some(e => e.type === 'config')) this.syncProgress()
    this.bcastAppend()
    // A lone voter commits as soon as its own write is persisted (see advance).
  }

  /** Makes the progress map match the membership (leader only). */
  private syncProgress (): void {
    const m = this.members.current()
    const all = new Set([...m.voters, ...m.learners])
    for (const id of [...this.prs.keys()]) {
      if (!all.has(id)) {
        this.prs.delete(id)
        this.pendingAppends.delete(id)
        if (this.leadTransferee === id) this.leadTransferee = ''
      }
    }
    for (const id of all) {
      if (id === this.id) continue
      const isLearner = !m.voters.includes(id)
      const pr = this.prs.get(id)
      if (pr !== undefined) {
        pr.isLearner = isLearner
      } else {
        this.prs.set(id, new Progress(this.log.lastIndex() + 1, isLearner, this.config.maxInflightMsgs, this.config.maxInflightBytes))
      }
    }
  }

  private bcastAppend (): void {
    for (const id of this.prs.keys()) this.queueAppend(id, true)
  }

  private queueAppend (to: string, sendIfEmpty: boolean): void {
    this.pendingAppends.set(to, (this.pendingAppends.get(to) ?? false) || sendIfEmpty)
  }

  private flushAppends (): void {
    if (this.state !== 'leader') {
      this.pendingAppends.clear()
      return
    }
    for (const [to, ifEmpty] of this.pendingAppends) {
      if (this.sendAppend(to, ifEmpty)) {
        while (this.sendAppend(to, false)) { /* fill the pipeline */ }
      }
    }
    this.pendingAppends.clear()
  }

  /** Sends one append (or starts a snapshot) to `to`; false if nothing was sent. */
  private sendAppend (to: string, sendIfEmpty: boolean): boolean {
    const pr = this.prs.get(to)
    if (pr === undefined || pr.isPaused()) return false
    const prevIndex = pr.next - 1
    const prevTerm = this.log.term(prevIndex)
    const entries = prevTerm === undefined ? undefined : this.log.entriesFrom(pr.next, this.config.maxSizePerMsg)
    if (prevTerm === undefined || entries === undefined) return this.startSnapshot(to, pr)
    if (entries.length === 0 && !sendIfEmpty) return false
    let bytes = 0
    for (const e of entries) bytes += entrySize(e)
    this.send({ type: 'append', to, term: this.term, index: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed })
    pr.sentEntries(prevIndex + entries.length, entries.length, bytes)
    return true
  }

  private startSnapshot (to: string, pr: Progress): boolean {
    // Only stream to a follower that answered recently; a dead one would just eat bandwidth.
    if (!pr.recentActive) return false
    if (this.snapshot === null) throw new RaftUsageError('log is compacted but no snapshot is known')
    const maxBytes = this.config.maxInflightBytes > 0 ? this.config.maxInflightBytes : Infinity
    pr.becomeSnapshot(new SnapshotStream(this.snapshot, this.config.snapshotChunkSize, maxBytes, this.config.maxInflightMsgs))
    return this.sendSnapshotChunks(to, pr)
  }

  /** Sends the chunks the stream's window allows. */
  private sendSnapshotChunks (to: string, pr: Progress): boolean {
    const stream = pr.stream
    if (stream === undefined) return false
    const { meta } = stream.snapshot
    const chunks = stream.take()
    for (const c of chunks) this.send({ type: 'snapshot', to, term: this.term, meta, offset: c.offset, total: stream.total, data: c.data, acked: stream.ackedBytes })
    return chunks.length > 0
  }

  private sendTimeoutNow (to: string): void {
    this.send({ type: 'timeoutNow', to, term: this.term })
  }

  private bcastHeartbeat (context: Uint8Array | undefined, quiesce = false): void {
    for (const [id, pr] of this.prs) {
      // Never tell a follower to commit beyond what it has acknowledged matching.
      const commit = Math.min(pr.match, this.log.committed)
      const m: Omit<HeartbeatMessage, 'from'> = { type: 'heartbeat', to: id, term: this.term, commit, commitTerm: this.log.term(commit) ?? 0 }
      if (context !== undefined) m.context = context
      if (quiesce) m.quiesce = true
      this.send(m)
    }
  }

  /**
   * Advances the commit index to what a majority of voters persisted, but only by counting
   * replicas of an entry of the current term (Raft figure 8): older entries commit with it.
   */
  private maybeCommit (): boolean {
    const voters = this.members.current().voters
    const mci = committedIndex(voters, id => id === this.id ? this.log.stable : (this.prs.get(id)?.match ?? 0))
    if (mci <= this.log.committed || this.log.term(mci) !== this.term) return false
    const old = this.log.committed
    const firstInTerm = this.log.term(old) !== this.term
    this.log.commitTo(mci)
    this.uncommittedBytes = Math.max(0, this.uncommittedBytes - this.log.sizeBetween(old, mci))
    this.bcastAppend()
    if (firstInTerm) {
      const reads = this.pendingReads
      this.pendingReads = []
      for (const ctx of reads) this.startRead(ctx)
    }
    if (!voters.includes(this.id) && this.members.currentIndex() <= mci) {
      // Our own removal is committed: hand the commit index out, then step aside.
      this.flushAppends()
      this.becomeFollower(this.term, '')
    }
    return true
  }

  private startRead (context: Uint8Array): void {
    const voters = this.members.current().voters
    if (voters.length === 1 && voters[0] === this.id) {
      this.readStates.push({ index: this.log.committed, context })
      return
    }
    if (this.readOnly.add(this.log.committed, context, this.id)) this.bcastHeartbeat(context)
  }
}

export type { MembershipChange, ProgressInfo, ProposeResult, RaftCoreOptions, RaftStatus }
