/**
 * History recorder and total-queue checker for queues with exactly-once hand-off (meant to be
 * re-exported from `meshchan/testkit`).
 */
export { HistoryRecorder, mergeHistories } from './history.js'
export type {
  AckOp, AckOutcome, DeadOp, DeliverOp, DeliveryRef, ExtendOp, ExtendPending, HistoryOp, HistoryRecorderOptions,
  LeaseOpOutcome, NackOp, Pending, PutOp, PutOutcome
} from './history.js'
export { check, summarize } from './checker.js'
export type { CheckOptions, CheckResult, DuplicatedAck, OverlappingLease, RedeliveredAfterAck, StaleAckAccepted } from './checker.js'
