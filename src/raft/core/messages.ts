import type { Entry, SnapshotMeta } from '../storage.js'

/**
 * Messages between members. Plain objects of strings, numbers, booleans, `Uint8Array`s and
 * arrays of {@link Entry}, so a transport can map each to a protobuf message field by field.
 * Every message carries the sender's current `term` (a granted pre-vote carries the term it grants).
 */
export type Message =
  | AppendMessage
  | AppendResponse
  | HeartbeatMessage
  | HeartbeatResponse
  | VoteMessage
  | VoteResponse
  | SnapshotMessage
  | SnapshotResponse
  | TimeoutNowMessage

/** Fields every message has. */
export interface MessageBase {
  from: string
  to: string
  term: number
}

/** AppendEntries: `entries` follow (`index`, `logTerm`); `commit` is the leader's commit index. */
export interface AppendMessage extends MessageBase {
  type: 'append'
  /** prevLogIndex: the index just before `entries[0]`. */
  index: number
  /** prevLogTerm: the term of the entry at `index` in the leader's log. */
  logTerm: number
  entries: Entry[]
  commit: number
}

/**
 * Answer to an append (or to a snapshot once installed).
 * Accepted: `index` is the last index now known to match the leader's log, computed from the
 * request (prevLogIndex + entries carried), never from the follower's current log length.
 * Rejected: `index` is the request's prevLogIndex and (`hintIndex`, `hintTerm`) is the follower's
 * last entry at or below it whose term is ≤ the request's prevLogTerm, so the leader can skip
 * a whole conflicting term per round trip.
 */
export interface AppendResponse extends MessageBase {
  type: 'appendResponse'
  index: number
  reject: boolean
  hintIndex: number
  hintTerm: number
}

/**
 * Leader liveness and commit propagation; kept tiny because a driver coalesces the heartbeats
 * of many idle groups. The follower advances its commit index to `commit` only if its own entry
 * at `commit` has term `commitTerm` (the prevLogIndex/prevLogTerm check of an empty AppendEntries).
 * `context` is set while ReadIndex requests wait for a quorum round.
 */
export interface HeartbeatMessage extends MessageBase {
  type: 'heartbeat'
  commit: number
  commitTerm: number
  context?: Uint8Array
  /**
   * The leader is idle with every follower caught up and stops heartbeating: a follower that is
   * caught up to `commit` stops its election timer too, until something wakes it (see
   * {@link RaftConfig.quiesce}).
   */
  quiesce?: boolean
}

/** Echoes the heartbeat's `context`. */
export interface HeartbeatResponse extends MessageBase {
  type: 'heartbeatResponse'
  context?: Uint8Array
}

/** RequestVote or PreVote. `term` is the term the candidate asks to lead. */
export interface VoteMessage extends MessageBase {
  type: 'vote' | 'preVote'
  /** The candidate's last log index. */
  index: number
  /** The term of the candidate's last log entry. */
  logTerm: number
  /** Set when a leader handed over leadership: voters then ignore their leader lease. */
  transfer: boolean
}

export interface VoteResponse extends MessageBase {
  type: 'voteResponse' | 'preVoteResponse'
  reject: boolean
}

/**
 * One chunk of InstallSnapshot. `data` holds bytes [offset, offset + data.length) of a snapshot of
 * `total` bytes; every chunk repeats `meta` so the follower can tell which snapshot it belongs to.
 */
export interface SnapshotMessage extends MessageBase {
  type: 'snapshot'
  meta: SnapshotMeta
  offset: number
  total: number
  data: Uint8Array
  /**
   * How many leading bytes the follower already confirmed holding. A follower holding fewer
   * lost them (it restarted) and says so, however the network reordered its earlier answers.
   */
  acked: number
}

/**
 * Acknowledges snapshot chunks: the follower holds bytes [0, offset) of the snapshot at
 * (`index`, `snapTerm`) (chunks past a gap are buffered but not counted). `reject` means it holds
 * less than it had confirmed (it restarted): resend from `offset`.
 * Installation of the last chunk is answered with an {@link AppendResponse} instead.
 */
export interface SnapshotResponse extends MessageBase {
  type: 'snapshotResponse'
  index: number
  snapTerm: number
  offset: number
  reject: boolean
}

/** Leadership transfer: the receiver campaigns at once, skipping pre-vote. */
export interface TimeoutNowMessage extends MessageBase {
  type: 'timeoutNow'
}

/** Names of message types, for metrics and logs. */
export type MessageType = Message['type']
