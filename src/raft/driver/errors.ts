import { DecodeError, MeshchanError } from '../../errors.js'

/**
 * A Raft message received from a peer could not be decoded or failed validation (unknown type,
 * missing or out-of-range field, entries not contiguous, sender not the authenticated peer…).
 * The driver counts it and drops the message; it never reaches the core.
 */
export class RaftMessageDecodeError extends DecodeError {
  constructor (message: string, options?: { cause?: unknown }) {
    super(`bad raft message: ${message}`, options)
  }
}

/**
 * The proposal will not be applied, but submitting it again may succeed: a new leader put a
 * different entry at its index, its entry was truncated from the log, or this member lost
 * leadership before it committed. `retryable` is always true; a state machine that deduplicates
 * client requests makes the retry safe even when the first attempt did commit elsewhere.
 */
export class ProposalLostError extends MeshchanError {
  readonly retryable = true as const
  /** Index and term the proposal was given. */
  readonly index: number
  readonly term: number
  constructor (index: number, term: number, why: string) {
    super('ERR_PROPOSAL_LOST', `proposal at index ${index} (term ${term}) was lost: ${why}`)
    this.index = index
    this.term = term
  }
}

/**
 * The caller stopped waiting (timeout or AbortSignal) before the proposal was applied. The entry
 * may still commit later: its outcome is unknown, so retry only through a deduplicating state machine.
 */
export class ProposalOutcomeUnknownError extends MeshchanError {
  readonly retryable = true as const
  readonly index: number
  readonly term: number
  constructor (index: number, term: number, reason: string, options?: { cause?: unknown }) {
    super('ERR_PROPOSAL_OUTCOME_UNKNOWN', `stopped waiting for proposal at index ${index} (term ${term}): ${reason}`, options)
    this.index = index
    this.term = term
  }
}

/** A group with this id is already hosted by this RaftHost. */
export class GroupExistsError extends MeshchanError {
  constructor (groupId: string) {
    super('ERR_GROUP_EXISTS', `raft group ${JSON.stringify(groupId)} already exists on this host`)
  }
}

/**
 * The group stopped because persisting or applying failed: continuing could break Raft's promises
 * (e.g. acknowledging entries that are not durable), so the group halts instead. `cause` says why.
 */
export class GroupFailedError extends MeshchanError {
  constructor (groupId: string, options: { cause: unknown }) {
    super('ERR_GROUP_FAILED', `raft group ${JSON.stringify(groupId)} halted: ${String((options.cause as Error)?.message ?? options.cause)}`, options)
  }
}
