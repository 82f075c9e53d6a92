import { MeshchanError } from '../errors.js'

/**
 * Stored data failed a check (CRC mismatch, impossible length, gap in the log, missing file)
 * somewhere recovery must not guess: in the middle of a segment, in a segment that is not the
 * last one, or in a snapshot file. The node must not start on this data: an operator has to
 * restore the directory from a peer or a backup.
 */
export class StorageCorruptionError extends MeshchanError {
  /** Path of the file where the problem was found. */
  readonly file: string
  /** Byte offset in `file` of the bad record (or -1 when it concerns the file as a whole). */
  readonly offset: number
  readonly reason: string
  constructor (file: string, offset: number, reason: string, options?: { cause?: unknown }) {
    super('ERR_STORAGE_CORRUPTION', `storage corruption in ${file}${offset >= 0 ? ` at offset ${offset}` : ''}: ${reason}`, options)
    this.file = file
    this.offset = offset
    this.reason = reason
  }
}

/** Another opener (in this process or in a live process) holds the storage directory. */
export class StorageLockedError extends MeshchanError {
  readonly dir: string
  constructor (dir: string, holder: string) {
    super('ERR_STORAGE_LOCKED', `storage directory ${dir} is already open (${holder})`)
    this.dir = dir
  }
}

/**
 * A call broke the storage contract: entries not contiguous, a batch that would leave a gap
 * after the last stored index, `save` before `load`, bad field types. Nothing was written.
 */
export class InvalidStorageOperationError extends MeshchanError {
  constructor (message: string) {
    super('ERR_STORAGE_INVALID_OPERATION', message)
  }
}

/** `saveSnapshot` was given a snapshot older than the one already stored. Nothing was written. */
export class SnapshotOutOfDateError extends MeshchanError {
  readonly index: number
  readonly storedIndex: number
  constructor (index: number, storedIndex: number) {
    super('ERR_SNAPSHOT_OUT_OF_DATE', `snapshot at index ${index} is older than the stored snapshot at index ${storedIndex}`)
    this.index = index
    this.storedIndex = storedIndex
  }
}

/** One encoded record (an entry or a hard state) would exceed `maxRecordBytes`. */
export class RecordTooLargeError extends MeshchanError {
  readonly size: number
  readonly limit: number
  constructor (size: number, limit: number) {
    super('ERR_RECORD_TOO_LARGE', `log record of ${size} bytes exceeds maxRecordBytes (${limit})`)
    this.size = size
    this.limit = limit
  }
}

/**
 * A write or fsync failed. The storage stops accepting writes from then on: after a failed
 * fsync the kernel may have dropped the dirty pages, so retrying could acknowledge data that is
 * not on disk (PostgreSQL's "fsyncgate"). Reopen the directory to recover from what is durable.
 */
export class StorageFailedError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_STORAGE_FAILED', message, options)
  }
}
