import { InvalidOptionError } from '../errors.js'

/** How far `save` goes before it resolves. */
export type Durability = 'fsync' | 'os'

export interface FileStorageOptions {
  /**
   * Start a new segment once the active one has reached this many bytes (checked between
   * batches, so a segment can exceed it by one batch). Smaller segments are deleted sooner after
   * a snapshot; larger ones mean fewer files. Default 16 MiB.
   */
  segmentBytes?: number
  /**
   * - `'fsync'` (default): every group of batches is fdatasync'ed (and the directory fsynced
   *   when files are created, renamed or deleted) before its promises resolve. Survives power
   *   loss and kernel crashes, as Raft requires.
   * - `'os'`: data is handed to the kernel with write() but never fsynced. It survives the
   *   process crashing or being killed (the page cache outlives it) but **not** a power loss or
   *   kernel crash: acknowledged entries, votes and terms can then be lost, which can make a
   *   node vote twice in a term or forget entries a quorum counted on. Only for tests,
   *   benchmarks, or groups whose data can be rebuilt. Typically an order of magnitude faster
   *   on disks without a write cache that honours flushes cheaply.
   */
  durability?: Durability
  /**
   * Largest record (one encoded entry or hard state) that may be written or read. Also the
   * most recovery will allocate for one record: a corrupt length field above it is rejected
   * instead of allocating. Default 64 MiB.
   */
  maxRecordBytes?: number
}

export interface ResolvedFileStorageOptions {
  segmentBytes: number
  durability: Durability
  maxRecordBytes: number
}

export const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024

export function resolveOptions (o: FileStorageOptions = {}): ResolvedFileStorageOptions {
  const segmentBytes = o.segmentBytes ?? DEFAULT_SEGMENT_BYTES
  const durability = o.durability ?? 'fsync'
  const maxRecordBytes = o.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 1) throw new InvalidOptionError('segmentBytes', 'must be a positive integer')
  if (durability !== 'fsync' && durability !== 'os') throw new InvalidOptionError('durability', "must be 'fsync' or 'os'")
  // u32 length field on disk; the floor leaves room for a segment header with its hard state.
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 256 || maxRecordBytes > 0xffffffff) {
    throw new InvalidOptionError('maxRecordBytes', 'must be an integer between 256 and 2^32-1')
  }
  return { segmentBytes, durability, maxRecordBytes }
}
