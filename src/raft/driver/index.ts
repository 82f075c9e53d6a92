/**
 * The Raft driver: binds the deterministic core to a clock ({@link RaftHost}'s ticker), storage
 * and a transport, and gives each group a small async API ({@link RaftGroup}).
 */
export { RaftHost, createRaftHost, DEFAULT_TICK_MS, DEFAULT_GROUP_CONFIG } from './host.js'
export type { RaftHostOptions, HostStopOptions } from './host.js'
export { RaftGroup } from './group.js'
export type { StateMachine, GroupOptions, OperationOptions, GroupStopOptions, RaftGroupEvents, RaftGroupStats } from './group.js'
export { encodeRaftMessage, decodeRaftMessage, DEFAULT_CODEC_LIMITS } from './codec.js'
export type { MessageCodecLimits } from './codec.js'
export { RaftMessageDecodeError, ProposalLostError, ProposalOutcomeUnknownError, GroupExistsError, GroupFailedError } from './errors.js'
