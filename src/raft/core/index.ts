/**
 * The deterministic Raft core: no I/O, no clock. See {@link RaftCore} and {@link Ready}.
 */
export { RaftCore } from './raft.js'
export type { RaftCoreOptions, ProposeResult, ProgressInfo, RaftStatus } from './types.js'
export type { Ready, Role, SoftState } from './ready.js'
export type { ReadState } from './read-only.js'
export type {
  Message, MessageBase, MessageType, AppendMessage, AppendResponse, HeartbeatMessage, HeartbeatResponse,
  VoteMessage, VoteResponse, SnapshotMessage, SnapshotResponse, TimeoutNowMessage
} from './messages.js'
export { DEFAULT_RAFT_CONFIG, resolveRaftConfig } from './config.js'
export type { RaftConfig } from './config.js'
export { NotLeaderError, ProposalDroppedError, MembershipChangeError, RaftUsageError } from './errors.js'
export type { DropReason } from './errors.js'
export { encodeMembership, decodeMembership, applyChange } from './membership.js'
export type { MembershipChange } from './membership.js'
export type { ProgressState } from './progress.js'
export { majority, committedIndex, voteResult, hasQuorum } from './quorum.js'
export type { VoteResult } from './quorum.js'
