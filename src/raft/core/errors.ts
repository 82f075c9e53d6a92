import { MeshchanError } from '../../errors.js'

/**
 * The operation needs the leader and this member is not it. `leader` is the member this node
 * currently believes leads (`''` if it knows of none), so a caller can redirect without a round trip.
 */
export class NotLeaderError extends MeshchanError {
  readonly leader: string
  readonly term: number
  constructor (leader: string, term: number) {
    super('ERR_NOT_LEADER', leader === '' ? `not the leader (term ${term}, leader unknown)` : `not the leader (term ${term}, leader is ${leader})`)
    this.leader = leader
    this.term = term
  }
}

/** Why a leader refused a proposal it would otherwise accept. */
export type DropReason = 'transferring' | 'uncommitted-limit'

/**
 * The leader refused the proposal for a transient reason: it is handing leadership over, or too
 * many bytes are proposed but not yet committed (followers unreachable). Retrying later is safe.
 */
export class ProposalDroppedError extends MeshchanError {
  readonly reason: DropReason
  constructor (reason: DropReason, message: string) {
    super('ERR_PROPOSAL_DROPPED', message)
    this.reason = reason
  }
}

/** A membership change was refused: one is already in flight, or the change itself is invalid. */
export class MembershipChangeError extends MeshchanError {
  constructor (message: string) {
    super('ERR_MEMBERSHIP_CHANGE', message)
  }
}

/**
 * The caller broke the core's contract (e.g. asked for a new Ready before advancing the last one,
 * compacted past the applied index, handed in a state that is inconsistent). A programming error.
 */
export class RaftUsageError extends MeshchanError {
  constructor (message: string) {
    super('ERR_RAFT_USAGE', message)
  }
}
