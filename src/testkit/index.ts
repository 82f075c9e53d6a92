/**
 * meshchan's testkit: in-process clusters that can be partitioned, healed, stopped and restarted,
 * for partition-tolerance tests of meshchan itself and of the applications built on it.
 * @packageDocumentation
 */
export { createTestCluster, TestCluster } from './cluster.js'
export type { TestClusterOptions, PeerRef } from './cluster.js'
export { PartitionTable } from './partition-table.js'
export { LocalPlacementRegistry, LocalDirectory } from '../queue/local-directory.js'
export { HistoryRecorder, mergeHistories, check, summarize } from '../queue/checker/index.js'
export type { HistoryOp, CheckResult, CheckOptions } from '../queue/checker/index.js'
