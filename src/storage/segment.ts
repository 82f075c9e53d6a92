/**
 * Segment files (`seg-<seq, 20 digits>.log`): a HEADER record, then records appended in order.
 * `scanSegment` reads one file with bounded memory and decides what a bad frame means.
 */
import { open } from 'node:fs/promises'
import { decodeRecord, type DecodedRecord, RecordDecodeError } from './codec.js'
import { StorageCorruptionError } from './errors.js'
import { countFramesFrom, FileWindow, findValidFrameAfter, readFrame } from './record.js'

export function segmentName (seq: number): string {
  return `seg-${String(seq).padStart(20, '0')}.log`
}

export function parseSegmentName (name: string): number | null {
  const m = /^seg-(\d{20})\.log$/.exec(name)
  return m != null ? Number(m[1]) : null
}

export interface TornTail {
  /** Offset of the first bad frame: everything from here on is dropped. */
  offset: number
  reason: string
  droppedBytes: number
  droppedRecords: number
}

export interface SegmentScan {
  /** File size before any repair. */
  size: number
  /** End of the last good record. */
  goodEnd: number
  /** Set only for the last segment, when its tail is torn or corrupt with nothing valid after it. */
  torn: TornTail | null
}

/**
 * Reads every record of `path` in order and hands it to `onRecord`; an exception thrown by
 * `onRecord` (a replay inconsistency) becomes a StorageCorruptionError at that record's offset.
 *
 * A bad frame (short, impossible length, CRC mismatch) is a torn tail only if the file is the
 * last segment and no valid frame can be found anywhere after it; otherwise it is corruption in
 * the middle and scanning throws.
 */
export async function scanSegment (
  path: string,
  isLast: boolean,
  maxRecordBytes: number,
  copyData: (index: number) => boolean,
  onRecord: (rec: DecodedRecord, offset: number) => void
): Promise<SegmentScan> {
  const fh = await open(path, 'r')
  try {
    const size = (await fh.stat()).size
    const win = new FileWindow(fh, size)
    let pos = 0
    for (;;) {
      const f = await readFrame(win, pos, maxRecordBytes)
      if (f === null) return { size, goodEnd: pos, torn: null }
      if (!f.ok) {
        if (!isLast) throw new StorageCorruptionError(path, f.offset, `${f.reason} in a segment that is not the last one`)
        const next = await findValidFrameAfter(win, f.offset, maxRecordBytes)
        if (next >= 0) {
          throw new StorageCorruptionError(path, f.offset, `${f.reason}, followed by a valid record at offset ${next}: corruption in the middle of the log, not a torn write`)
        }
        return {
          size,
          goodEnd: pos,
          torn: { offset: f.offset, reason: f.reason, droppedBytes: size - pos, droppedRecords: await countFramesFrom(win, pos, maxRecordBytes) }
        }
      }
      let rec: DecodedRecord
      try {
        rec = decodeRecord(f.payload, copyData)
      } catch (err) {
        if (err instanceof RecordDecodeError) throw new StorageCorruptionError(path, f.offset, `undecodable record with a valid CRC: ${err.message}`)
        throw err
      }
      try {
        onRecord(rec, f.offset)
      } catch (err) {
        if (err instanceof StorageCorruptionError) throw err
        throw new StorageCorruptionError(path, f.offset, (err as Error).message, { cause: err })
      }
      pos = f.end
    }
  } finally {
    await fh.close()
  }
}
