import { InvalidOptionError } from '../../errors.js'

/**
 * Tunables of the consensus core. Times are in logical ticks: the driver decides how long a tick
 * is (etcd uses 100 ms), so the core never reads a clock.
 */
export interface RaftConfig {
  /**
   * A follower that hears nothing from a leader for a random number of ticks in
   * `[electionTicks, 2 * electionTicks)` starts an election. Default 10: with a 100 ms tick this
   * is etcd's 1 s, and ten heartbeats may be lost before anyone campaigns.
   */
  electionTicks: number
  /** A leader sends heartbeats every `heartbeatTicks`. Default 1 (etcd): must be well below `electionTicks`. */
  heartbeatTicks: number
  /**
   * Run a pre-vote round before raising the term (thesis §9.6), so a node coming back from a
   * partition cannot force a healthy leader to step down. Default true.
   */
  preVote: boolean
  /**
   * A leader that has not heard from a quorum within `electionTicks` steps down, and followers
   * that heard from a leader within `electionTicks` ignore vote requests. Default true: without
   * it, a leader cut off in a minority keeps believing it leads (and would serve stale reads).
   */
  checkQuorum: boolean
  /**
   * Upper bound on the entry bytes in one append message (at least one entry is always sent).
   * Default 256 KiB: large enough to batch thousands of small commands, small enough to stay far
   * under a transport frame limit and not to stall heartbeats behind one huge frame.
   */
  maxSizePerMsg: number
  /**
   * How many append messages may be in flight to one follower before the leader waits for acks.
   * Default 64: enough to pipeline over a WAN round trip without queuing unbounded work.
   */
  maxInflightMsgs: number
  /**
   * How many entry bytes may be in flight to one follower (also bounds snapshot chunks in
   * flight). Default 4 MiB. 0 means no byte limit (only `maxInflightMsgs` applies).
   */
  maxInflightBytes: number
  /** Bytes of snapshot data per InstallSnapshot chunk. Default 256 KiB, like `maxSizePerMsg`. */
  snapshotChunkSize: number
  /**
   * A leader that has had no acknowledgement of a snapshot chunk for this many ticks resends from
   * the last acknowledged offset. Default `2 * electionTicks` (a follower that restarts loses its
   * partial snapshot and tells the leader on the next chunk, so this only covers lost messages).
   */
  snapshotResendTicks: number
  /**
   * A leader refuses proposals once this many bytes are proposed but uncommitted. Stops a leader
   * cut off from its followers from growing its log without bound. Default 64 MiB; 0 disables.
   */
  maxUncommittedBytes: number
  /**
   * A learner may be promoted to voter only when its log is at most this many entries behind
   * the leader's last index. Default 128: promoting a far-behind learner would make commits
   * wait for it. Lower it to be stricter; the caller retries the promotion until it is accepted.
   */
  maxPromotionLag: number
  /** Upper bound on committed entry bytes handed out in one Ready (at least one). Default 1 MiB. */
  maxCommittedSizePerReady: number
  /**
   * Quiescence (as in CockroachDB): a leader with nothing uncommitted, no reads or transfer pending
   * and every follower caught up and recently heard from sends one last heartbeat marked
   * `quiesce` and then stops heartbeating; followers that are caught up stop their election
   * timers. An idle group then costs nothing per tick. Any proposal, read, transfer or message
   * other than that heartbeat (and its answer) wakes a member, and so must the caller's failure
   * detector: call {@link RaftCore.wake} when a member's peer goes away or comes back, or a
   * quiesced group never notices that its leader died. Safety never depends on it; liveness does.
   * Default false in the core (it needs that detector); the driver's host turns it on.
   */
  quiesce: boolean
}

/** Defaults, each explained on {@link RaftConfig}. */
export const DEFAULT_RAFT_CONFIG: Readonly<RaftConfig> = Object.freeze({
  electionTicks: 10,
  heartbeatTicks: 1,
  preVote: true,
  checkQuorum: true,
  maxSizePerMsg: 256 * 1024,
  maxInflightMsgs: 64,
  maxInflightBytes: 4 * 1024 * 1024,
  snapshotChunkSize: 256 * 1024,
  snapshotResendTicks: 20,
  maxUncommittedBytes: 64 * 1024 * 1024,
  maxPromotionLag: 128,
  maxCommittedSizePerReady: 1024 * 1024,
  quiesce: false
})

function positiveInt (field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidOptionError(field, `must be a positive integer, got ${String(value)}`)
}

function nonNegativeInt (field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidOptionError(field, `must be a non-negative integer, got ${String(value)}`)
}

/**
 * Fills in defaults and validates. `snapshotResendTicks` defaults to twice the (possibly
 * overridden) `electionTicks`.
 * @throws InvalidOptionError when a value is missing its type or out of range.
 */
export function resolveRaftConfig (input: Partial<RaftConfig> = {}): Readonly<RaftConfig> {
  const electionTicks = input.electionTicks ?? DEFAULT_RAFT_CONFIG.electionTicks
  const cfg: RaftConfig = {
    ...DEFAULT_RAFT_CONFIG,
    snapshotResendTicks: 2 * electionTicks,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
  }
  positiveInt('electionTicks', cfg.electionTicks)
  positiveInt('heartbeatTicks', cfg.heartbeatTicks)
  if (cfg.heartbeatTicks >= cfg.electionTicks) {
    throw new InvalidOptionError('heartbeatTicks', `must be below electionTicks (${cfg.electionTicks}), got ${cfg.heartbeatTicks}`)
  }
  if (typeof cfg.preVote !== 'boolean') throw new InvalidOptionError('preVote', 'must be a boolean')
  if (typeof cfg.checkQuorum !== 'boolean') throw new InvalidOptionError('checkQuorum', 'must be a boolean')
  if (typeof cfg.quiesce !== 'boolean') throw new InvalidOptionError('quiesce', 'must be a boolean')
  positiveInt('maxSizePerMsg', cfg.maxSizePerMsg)
  positiveInt('maxInflightMsgs', cfg.maxInflightMsgs)
  nonNegativeInt('maxInflightBytes', cfg.maxInflightBytes)
  positiveInt('snapshotChunkSize', cfg.snapshotChunkSize)
  positiveInt('snapshotResendTicks', cfg.snapshotResendTicks)
  nonNegativeInt('maxUncommittedBytes', cfg.maxUncommittedBytes)
  nonNegativeInt('maxPromotionLag', cfg.maxPromotionLag)
  positiveInt('maxCommittedSizePerReady', cfg.maxCommittedSizePerReady)
  return Object.freeze(cfg)
}
