/**
 * Payloads of log records: a type byte, then a small fixed little-endian layout. Integers are
 * u64 on disk (written as two u32 halves) and must be JS safe integers when read back.
 *
 *   HEADER    1 | seq u64 | baseIndex u64 | baseTerm u64 | prevIndex u64 | prevTerm u64 | hard state body
 *   ENTRY     2 | entryType u8 | term u64 | index u64 | data (rest of the record)
 *   HARDSTATE 3 | hard state body = term u64 | commit u64 | voteLen u16 | vote utf-8
 *   SNAPSHOT  4 | index u64 | term u64 | kept u8
 *
 * A HEADER opens every segment and is a checkpoint of everything that is not an entry, so that
 * older segments can be deleted; a SNAPSHOT marker records that the log was compacted to
 * `index` and whether the suffix after it was kept (1) or the whole log discarded (0).
 */
import type { Entry, EntryType, HardState } from '../raft/storage.js'

export const RecordType = { header: 1, entry: 2, hardState: 3, snapshot: 4 } as const

const ENTRY_TYPE_CODES: Record<EntryType, number> = { normal: 0, config: 1, noop: 2 }
const ENTRY_TYPES: EntryType[] = ['normal', 'config', 'noop']
const TWO_32 = 2 ** 32

export interface SegmentHeader {
  seq: number
  /** The snapshot the log was based on when the segment was opened. */
  baseIndex: number
  baseTerm: number
  /** Last log index and its term when the segment was opened. */
  prevIndex: number
  prevTerm: number
  hardState: HardState
}

export interface SnapshotMarker {
  index: number
  term: number
  /** True if entries after `index` were kept, false if the whole log was discarded. */
  kept: boolean
}

export type DecodedRecord =
  | { type: 'header', header: SegmentHeader }
  | { type: 'entry', entry: Entry }
  | { type: 'hardState', hardState: HardState }
  | { type: 'snapshot', marker: SnapshotMarker }

/** A CRC-valid record whose content makes no sense: a bug or a format mismatch, never a torn write. */
export class RecordDecodeError extends Error {}

export function writeU64 (buf: Buffer, offset: number, v: number): void {
  buf.writeUInt32LE(v % TWO_32, offset)
  buf.writeUInt32LE(Math.floor(v / TWO_32), offset + 4)
}

export function readU64 (buf: Buffer, offset: number): number {
  const lo = buf.readUInt32LE(offset)
  const hi = buf.readUInt32LE(offset + 4)
  if (hi >= 2 ** 21) throw new RecordDecodeError(`integer at ${offset} exceeds 2^53`)
  return hi * TWO_32 + lo
}

const HARD_STATE_FIXED = 8 + 8 + 2

function hardStateSize (hs: HardState): number {
  return HARD_STATE_FIXED + Buffer.byteLength(hs.vote, 'utf8')
}

function writeHardState (buf: Buffer, offset: number, hs: HardState): void {
  writeU64(buf, offset, hs.term)
  writeU64(buf, offset + 8, hs.commit)
  const n = buf.write(hs.vote, offset + HARD_STATE_FIXED, 'utf8')
  buf.writeUInt16LE(n, offset + 16)
}

function readHardState (buf: Buffer, offset: number): HardState {
  if (buf.length < offset + HARD_STATE_FIXED) throw new RecordDecodeError('hard state truncated')
  const term = readU64(buf, offset)
  const commit = readU64(buf, offset + 8)
  const n = buf.readUInt16LE(offset + 16)
  if (buf.length !== offset + HARD_STATE_FIXED + n) throw new RecordDecodeError('hard state length mismatch')
  return { term, commit, vote: buf.toString('utf8', offset + HARD_STATE_FIXED, offset + HARD_STATE_FIXED + n) }
}

/** Largest vote string, in UTF-8 bytes, a hard state can carry (u16 length). */
export const MAX_VOTE_BYTES = 0xffff

export function encodeHardState (hs: HardState): Buffer {
  const buf = Buffer.allocUnsafe(1 + hardStateSize(hs))
  buf[0] = RecordType.hardState
  writeHardState(buf, 1, hs)
  return buf
}

export function encodeHeader (h: SegmentHeader): Buffer {
  const buf = Buffer.allocUnsafe(1 + 40 + hardStateSize(h.hardState))
  buf[0] = RecordType.header
  writeU64(buf, 1, h.seq)
  writeU64(buf, 9, h.baseIndex)
  writeU64(buf, 17, h.baseTerm)
  writeU64(buf, 25, h.prevIndex)
  writeU64(buf, 33, h.prevTerm)
  writeHardState(buf, 41, h.hardState)
  return buf
}

const ENTRY_FIXED = 1 + 1 + 8 + 8

/** Size of an entry's payload, to check it against maxRecordBytes before encoding. */
export function entryPayloadSize (e: Entry): number {
  return ENTRY_FIXED + e.data.byteLength
}

export function encodeEntry (e: Entry): Buffer {
  const buf = Buffer.allocUnsafe(ENTRY_FIXED + e.data.byteLength)
  buf[0] = RecordType.entry
  buf[1] = ENTRY_TYPE_CODES[e.type]
  writeU64(buf, 2, e.term)
  writeU64(buf, 10, e.index)
  buf.set(e.data, ENTRY_FIXED)
  return buf
}

export function encodeSnapshotMarker (m: SnapshotMarker): Buffer {
  const buf = Buffer.allocUnsafe(18)
  buf[0] = RecordType.snapshot
  writeU64(buf, 1, m.index)
  writeU64(buf, 9, m.term)
  buf[17] = m.kept ? 1 : 0
  return buf
}

/**
 * Decodes a CRC-checked payload. `copyData(index)` says whether to copy an entry's data out of
 * the (reused) read buffer; entries that recovery already knows are compacted skip the copy.
 */
export function decodeRecord (payload: Buffer, copyData: (index: number) => boolean): DecodedRecord {
  switch (payload[0]) {
    case RecordType.header: {
      if (payload.length < 41) throw new RecordDecodeError('header truncated')
      return {
        type: 'header',
        header: {
          seq: readU64(payload, 1),
          baseIndex: readU64(payload, 9),
          baseTerm: readU64(payload, 17),
          prevIndex: readU64(payload, 25),
          prevTerm: readU64(payload, 33),
          hardState: readHardState(payload, 41)
        }
      }
    }
    case RecordType.entry: {
      if (payload.length < ENTRY_FIXED) throw new RecordDecodeError('entry truncated')
      const type = ENTRY_TYPES[payload[1]]
      if (type === undefined) throw new RecordDecodeError(`unknown entry type ${payload[1]}`)
      const term = readU64(payload, 2)
      const index = readU64(payload, 10)
      if (index < 1) throw new RecordDecodeError('entry index 0')
      // A plain Uint8Array copy: callers compare and keep it, and the read buffer is reused.
      const data = copyData(index) ? new Uint8Array(payload.subarray(ENTRY_FIXED)) : new Uint8Array(0)
      return { type: 'entry', entry: { term, index, type, data } }
    }
    case RecordType.hardState:
      return { type: 'hardState', hardState: readHardState(payload, 1) }
    case RecordType.snapshot: {
      if (payload.length !== 18 || payload[17] > 1) throw new RecordDecodeError('bad snapshot marker')
      return { type: 'snapshot', marker: { index: readU64(payload, 1), term: readU64(payload, 9), kept: payload[17] === 1 } }
    }
    default:
      throw new RecordDecodeError(`unknown record type ${payload[0]}`)
  }
}

/** Whether `t` is a record type byte this version writes (used when resynchronising after a bad record). */
export function isKnownRecordType (t: number): boolean {
  return t >= RecordType.header && t <= RecordType.snapshot
}
