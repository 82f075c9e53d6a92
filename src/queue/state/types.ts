/**
 * Public types of the queue state machine: its configuration, the typed result of every command
 * and the read-only views its queries return.
 *
 * Results are plain data (strings, numbers, booleans, arrays, plain objects): a retried command's
 * result is cached in the replicated state and must survive a snapshot byte for byte.
 */

/**
 * Limits of one queue. Every structure the state machine keeps is bounded by one of these, so a
 * replica's memory is bounded whatever producers and consumers do.
 */
export interface QueueConfig {
  /** Most messages held (ready + delayed + leased); a put beyond it is answered `full`. */
  maxLength: number
  /** Most payload bytes held (ready + delayed + leased); a put beyond it is answered `full`. */
  maxBytes: number
  /** A message whose lease ends unacked after this many deliveries is dead-lettered; 0 = never. */
  maxDeliveries: number
  /** A put with an id seen this recently (ms, by put time) is a duplicate. */
  dedupWindowMs: number
  /**
   * Most ids remembered for deduplication (and, separately, most acked deliveries remembered for
   * answering a double ack). Past it the oldest are forgotten early; an id still in the queue or in
   * the dead-letter set is always a duplicate however old.
   */
  maxDedupEntries: number
  /** Most dead-lettered messages kept; the oldest are dropped (and counted) beyond it. */
  maxDead: number
  /** A client session unused this long (ms) is forgotten, with its cached results. */
  sessionTtlMs: number
  /** Most client sessions remembered; the least recently active are forgotten first. */
  maxSessions: number
  /** Most cached results per client session; the oldest are forgotten first. */
  maxResultsPerClient: number
}

/**
 * Defaults: dedup window of 2 minutes like NATS JetStream's `Nats-Msg-Id`; lengths generous enough
 * not to bite in normal use but finite, because every replica holds the whole queue in memory.
 * `maxDeliveries` is unlimited by default: silently dead-lettering would surprise more than a
 * poison message being redelivered, and the queue API sets it from the user's option anyway.
 */
export const DEFAULT_QUEUE_CONFIG: Readonly<QueueConfig> = Object.freeze({
  maxLength: 1_000_000,
  maxBytes: 256 * 1024 * 1024,
  maxDeliveries: 0,
  dedupWindowMs: 120_000,
  maxDedupEntries: 1_000_000,
  maxDead: 10_000,
  sessionTtlMs: 600_000,
  maxSessions: 10_000,
  maxResultsPerClient: 1024
})

/** Longest message id, in UTF-16 code units (ids are strings chosen by producers). */
export const MAX_ID_LENGTH = 256
/** Longest consumer / producer / client name. */
export const MAX_NAME_LENGTH = 256
/** Most messages one lease command may hand out (its result is cached per client). */
export const MAX_LEASE_COUNT = 4096
/** Most commands one batch entry may carry (decoding refuses more, bounding the work per entry). */
export const MAX_BATCH_COMMANDS = 4096
/** How many ended deliveries a message remembers for its dead-letter history. */
export const HISTORY_LIMIT = 16

/** Names one delivery. An ack, nack or extend must present exactly the fence its delivery carried. */
export interface Fence {
  id: string
  /** The message's sequence number: tells a re-put of the same id (after the dedup window) apart. */
  seq: number
  consumer: string
  /** Raft term of the entry that leased the message (the owner's term). */
  term: number
  /** 1 for the first delivery, +1 for each redelivery; never reused for one message. */
  attempt: number
}

/** A message handed to a consumer by a committed `lease` command. */
export interface Delivery extends Fence {
  /** Absolute time (owner clock, ms) after which the owner may take the message back. */
  deadline: number
  producer: string
  enqueuedAt: number
}

// ---- results ------------------------------------------------------------------------------------

/** The put stored the message, or found it already stored (`duplicate`: within the dedup window, or still queued / dead-lettered). */
export interface PutOk {
  command: 'put'
  status: 'ok'
  id: string
  seq: number
  duplicate: boolean
}

/**
 * The queue has no room: `maxLength` or `maxBytes` would be exceeded, or (`tooLarge`) the message
 * alone is larger than `maxBytes` so waiting will never help. Nothing was stored.
 */
export interface PutFull {
  command: 'put'
  status: 'full'
  id: string
  reason: 'maxLength' | 'maxBytes' | 'tooLarge'
  length: number
  bytes: number
}

export type PutResult = PutOk | PutFull

export interface LeaseResult {
  command: 'lease'
  status: 'ok'
  consumer: string
  /** Up to `count` messages, fresh ones in put order; empty when nothing is ready. Payloads: {@link QueueStateMachine.get}. */
  deliveries: Delivery[]
}

/**
 * The fence does not name the message's current lease; nothing changed. `reason`:
 * - `notLeased`: the lease ended (expired or released) and the message waits for redelivery;
 * - `fence`: the message is leased under another fence (redelivered, or the fence came from an
 *   older owner term, another consumer or an older incarnation of the id);
 * - `acked`: another delivery of the message was acked;
 * - `dead`: the message is in the dead-letter set.
 */
export interface StaleResult<C extends 'ack' | 'nack' | 'extend'> {
  command: C
  status: 'stale'
  id: string
  reason: 'notLeased' | 'fence' | 'acked' | 'dead'
}

/** No message with this id is known (never put, or removed and forgotten). */
export interface NotFoundResult<C extends 'ack' | 'nack' | 'extend'> {
  command: C
  status: 'notFound'
  id: string
}

/**
 * `acked`: this ack removed the message (its first valid ack). `alreadyAcked`: this very delivery's
 * ack had already committed (a retried or double ack): success, the message is gone.
 */
export interface AckOk {
  command: 'ack'
  status: 'acked' | 'alreadyAcked'
  id: string
  seq: number
}

export type AckResult = AckOk | StaleResult<'ack'> | NotFoundResult<'ack'>

/** The lease ended: the message waits for redelivery at `readyAt` (now, or later if delayed). */
export interface NackReleased {
  command: 'nack'
  status: 'released'
  id: string
  seq: number
  readyAt: number
}

/** The lease ended and the message moved to the dead-letter set (asked to, or its delivery limit was reached). */
export interface NackDead {
  command: 'nack'
  status: 'dead'
  id: string
  seq: number
  reason: DeadReason
}

export type NackResult = NackReleased | NackDead | StaleResult<'nack'> | NotFoundResult<'nack'>

export interface ExtendOk {
  command: 'extend'
  status: 'extended'
  id: string
  deadline: number
}

export type ExtendResult = ExtendOk | StaleResult<'extend'> | NotFoundResult<'extend'>

/** A lease the `expire` command took back. */
export interface ExpiredLease {
  id: string
  seq: number
  consumer: string
  term: number
  attempt: number
  /** Whether the message went to the dead-letter set instead of back to ready. */
  dead: boolean
}

export interface ExpireResult {
  command: 'expire'
  status: 'ok'
  expired: ExpiredLease[]
  /** Whether due leases remain (when `max` cut this entry short): propose another `expire`. */
  more: boolean
}

export interface RequeueResult {
  command: 'requeueDead'
  status: 'ok'
  requeued: string[]
  /** Requested ids not in the dead-letter set. */
  missing: string[]
}

export interface PurgeResult {
  command: 'purge'
  status: 'ok'
  removed: number
}

export interface ConfigureResult {
  command: 'configure'
  status: 'ok'
  config: QueueConfig
}

/** The results of a batch's commands, one per command, in order. */
export interface BatchResult {
  command: 'batch'
  status: 'ok'
  results: QueueResult[]
}

/** A Raft entry that is not a queue command (a new leader's no-op, a membership change). */
export interface NoopResult {
  command: 'noop'
  status: 'ok'
}

/**
 * The entry could not be applied: undecodable bytes, an unknown version, or fields out of range.
 * Applied deterministically as "nothing changes", so one bad entry cannot stop a replica.
 * (`command` is not the attempted command's name, so `r.command === 'lease'` narrows to a
 * {@link LeaseResult}; the name is in `attempted`.)
 */
export interface InvalidResult {
  command: 'invalid'
  status: 'invalid'
  /** The command that was attempted, when the bytes decoded that far. */
  attempted: CommandName | 'unknown'
  message: string
}

/**
 * A retried request whose original result was already forgotten (the session expired, or the
 * client declared it complete): it is not applied again, and its outcome is unknown to the caller.
 */
export interface RequestExpiredResult {
  command: 'requestExpired'
  status: 'requestExpired'
  attempted: CommandName
  client: string
  requestId: number
}

export type CommandName = 'put' | 'lease' | 'ack' | 'nack' | 'extend' | 'expire' | 'requeueDead' | 'purge' | 'configure' | 'batch'

export type QueueResult =
  | PutResult
  | LeaseResult
  | AckResult
  | NackResult
  | ExtendResult
  | ExpireResult
  | RequeueResult
  | PurgeResult
  | ConfigureResult
  | BatchResult
  | NoopResult
  | InvalidResult
  | RequestExpiredResult

// ---- views --------------------------------------------------------------------------------------

export type DeadReason = 'maxDeliveries' | 'rejected'

/** One delivery that ended without an ack. */
export interface DeliveryHistory {
  attempt: number
  consumer: string
  term: number
  leasedAt: number
  deadline: number
  endedAt: number
  outcome: 'expired' | 'nacked' | 'rejected'
}

export type MessageState = 'ready' | 'delayed' | 'leased' | 'dead'

/** A stored message as the queries show it. */
export interface MessageView {
  id: string
  seq: number
  payload: Uint8Array
  producer: string
  enqueuedAt: number
  state: MessageState
  /** Deliveries ever made. */
  attempt: number
  /** Delay end, for a delayed message (0 otherwise). */
  delayUntil: number
  lease?: { consumer: string, term: number, attempt: number, deadline: number, leasedAt: number }
  /** The last few deliveries that ended without an ack, oldest first. */
  history: DeliveryHistory[]
}

export interface DeadMessageView extends MessageView {
  state: 'dead'
  reason: DeadReason
  deadAt: number
}

/** Counters since the queue was created (replicated, survive snapshots). */
export interface QueueTotals {
  put: number
  duplicates: number
  rejectedFull: number
  delivered: number
  acked: number
  expired: number
  nacked: number
  deadLettered: number
  /** Dead messages dropped because the dead-letter set exceeded `maxDead`. */
  deadDropped: number
  /** Acks, nacks and extends answered `stale`. */
  stale: number
}

export interface QueueStateStats {
  ready: number
  leased: number
  delayed: number
  dead: number
  /** ready + delayed + leased: what `maxLength` limits. */
  length: number
  /** Payload bytes of ready + delayed + leased messages: what `maxBytes` limits. */
  bytes: number
  deadBytes: number
  lastIndex: number
  lastTerm: number
  /** The state machine's time: the largest `now` applied. */
  clock: number
  dedupEntries: number
  sessions: number
  totals: QueueTotals
}
