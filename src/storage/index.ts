/** Raft storage implementations: in memory, and durable files. */
export { MemoryStorage } from './memory.js'
export { FileStorage, openFileStorage } from './file-storage.js'
export type { FileStorageOptions, Durability } from './options.js'
export { DEFAULT_MAX_RECORD_BYTES, DEFAULT_SEGMENT_BYTES } from './options.js'
export type { RecoveryReport } from './recover.js'
export type { IoStats } from './fs-util.js'
export {
  StorageCorruptionError,
  StorageLockedError,
  StorageFailedError,
  InvalidStorageOperationError,
  SnapshotOutOfDateError,
  RecordTooLargeError
} from './errors.js'
