/** Small fs helpers with the durability steps spelled out. */
import { open, type FileHandle } from 'node:fs/promises'

/** Counters of the I/O the storage performed; tests use them to check group commit. */
export interface IoStats {
  /** `save` calls accepted. */
  saves: number
  /** write() calls on segment files (one per group of batches, plus headers on rotation). */
  writes: number
  /** fsync/fdatasync calls on files (segments and snapshots). */
  fileSyncs: number
  /** fsync calls on the directory (after creating, renaming or deleting files). */
  dirSyncs: number
  /** Groups of concurrent operations written together. */
  groups: number
}

export function newIoStats (): IoStats {
  return { saves: 0, writes: 0, fileSyncs: 0, dirSyncs: 0, groups: 0 }
}

/** Writes all of `buf` at `position`, looping over short writes. */
export async function writeFully (fh: FileHandle, buf: Uint8Array, position: number): Promise<void> {
  let done = 0
  while (done < buf.byteLength) {
    const { bytesWritten } = await fh.write(buf, done, buf.byteLength - done, position + done)
    done += bytesWritten
  }
}

/**
 * fsyncs a directory so that file creations, renames and unlinks in it survive a power loss
 * (on Linux a new file's data can be durable while its directory entry is not).
 */
export async function syncDir (dir: string): Promise<void> {
  const fh = await open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
