/**
 * The replicated state machine of a meshchan queue: commands, results, snapshots. Pure and
 * deterministic (no I/O, no clock); the Raft driver feeds it committed entries.
 */
export { QueueStateMachine } from './machine.js'
export type { AppliedEntry } from './machine.js'
export { encodeCommand, encodeBatch, decodeCommand, commandName, MAX_REQUEUE_IDS } from './commands.js'
export type { CommandBody, CommandInput, CommandMeta, PutInput, LeaseInput, NackInput, ExtendInput, RequeueInput, DecodedCommand, DecodedBody } from './commands.js'
export * from './types.js'
