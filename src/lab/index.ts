/**
 * The partition lab: real multi-process, multi-host fault injection on one Linux machine (network
 * namespaces, nftables, tc), with workloads, checkers and an HTML report. Exported from
 * `meshchan/testkit`.
 */
export { runLab, LabAbortedError } from './run.js'
export type { LabOptions, LabResult } from './run.js'
export { probeCapabilities, cleanupStale, LabNetwork } from './network.js'
export type { Capabilities } from './network.js'
export { generateSchedule, parseNemeses, cutPairs, describeFault, NEMESES, PARTITION_KINDS } from './schedule.js'
export type { Fault, NemesisKind, Schedule, ScheduleOptions, ScheduleStep } from './schedule.js'
export { channelWorkload, checkChannel } from './workloads/channel.js'
export type { ChannelHistory, ChannelCheck, ChannelWorkloadOptions } from './workloads/channel.js'
export { queueWorkload } from './workloads/queue.js'
export type { QueueWorkloadOptions } from './workloads/queue.js'
export type {
  LabWorkload, LabPeerContext, LabPeerWorkload, LabPeerModule, LabWorkloadResult, LabViolation, LabSample, LabMarker,
  FaultWindow, LabCheckContext, LabDrainContext
} from './workloads/types.js'
export { LabUnsupportedError, LabCommandError, LabPeerError, LabOwnershipError } from './errors.js'
