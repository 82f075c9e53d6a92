/**
 * meshchan's testkit: in-process clusters that can be partitioned, healed, stopped and restarted,
 * for partition-tolerance tests of meshchan itself and of the applications built on it, and the
 * partition lab (`runLab`): real processes on network-namespace hosts under a nemesis schedule.
 * @packageDocumentation
 */
export { createTestCluster, TestCluster } from './cluster.js'
export type { TestClusterOptions, PeerRef } from './cluster.js'
export { PartitionTable } from './partition-table.js'
export { mulberry32 } from './random.js'
export { LocalPlacementRegistry, LocalDirectory } from '../queue/local-directory.js'
export { HistoryRecorder, mergeHistories, check, summarize } from '../queue/checker/index.js'
export type { HistoryOp, CheckResult, CheckOptions } from '../queue/checker/index.js'
export {
  runLab, LabAbortedError, probeCapabilities, cleanupStale, generateSchedule, parseNemeses, cutPairs, describeFault, NEMESES,
  channelWorkload, checkChannel, queueWorkload, LabUnsupportedError, LabCommandError, LabPeerError, LabOwnershipError
} from '../lab/index.js'
export type {
  LabOptions, LabResult, Capabilities, Fault, NemesisKind, Schedule, ScheduleOptions, ScheduleStep, ChannelHistory, ChannelCheck,
  ChannelWorkloadOptions, QueueWorkloadOptions, LabWorkload, LabPeerContext, LabPeerWorkload, LabPeerModule, LabWorkloadResult,
  LabViolation, LabSample, LabMarker, FaultWindow, LabCheckContext, LabDrainContext
} from '../lab/index.js'
