/**
 * meshchan's Raft module: a deterministic consensus core (`core/`), the storage boundary
 * (`storage.ts`) and a client-session dedup table for state machines (`dedup.ts`).
 * A driver binding the core to a clock, storage and transport is exported from here once it lands.
 */
export * from './core/index.js'
export type { Entry, EntryType, HardState, Membership, SnapshotMeta, Snapshot, PersistedState, SaveBatch, RaftStorage } from './storage.js'
export { DedupTable } from './dedup.js'
export type { DedupOptions, DedupLookup } from './dedup.js'
export * from './driver/index.js'
export * from './transport/index.js'
