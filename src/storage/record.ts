/**
 * Record framing for segment files: `len u32 LE | crc u32 LE | payload (len bytes)`, where
 * crc = CRC-32 (zlib.crc32) of the length field followed by the payload. Covering the length
 * means a flipped bit there is caught too, not just misread as a different record boundary.
 */
import { crc32 } from 'node:zlib'
import type { FileHandle } from 'node:fs/promises'
import { isKnownRecordType } from './codec.js'

export const FRAME_HEADER_BYTES = 8

function lengthCrc (len: number): number {
  const b = Buffer.allocUnsafe(4)
  b.writeUInt32LE(len, 0)
  return crc32(b)
}

function frameCrc (len: number, payload: Uint8Array): number {
  return crc32(payload, lengthCrc(len))
}

/** Frames `payload` for appending to a segment. */
export function frame (payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length)
  out.writeUInt32LE(payload.length, 0)
  out.writeUInt32LE(frameCrc(payload.length, payload), 4)
  payload.copy(out, FRAME_HEADER_BYTES)
  return out
}

/** Size on disk of a framed payload of `payloadBytes`. */
export function framedSize (payloadBytes: number): number {
  return FRAME_HEADER_BYTES + payloadBytes
}

/**
 * Bounded-memory reader over a file: serves small reads from one reusable window and reads
 * larger ones (big records, up to maxRecordBytes, already validated) into their own buffer.
 * A returned buffer is only valid until the next call.
 */
export class FileWindow {
  private buf: Buffer
  private start = 0
  private len = 0

  constructor (private readonly fh: FileHandle, readonly size: number, private readonly windowBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(Math.min(windowBytes, Math.max(size, 1)))
  }

  async get (pos: number, n: number): Promise<Buffer> {
    if (pos >= this.start && pos + n <= this.start + this.len) {
      return this.buf.subarray(pos - this.start, pos - this.start + n)
    }
    if (pos + n > this.size) throw new RangeError(`read past end of file (${pos}+${n} > ${this.size})`)
    if (n > this.buf.length) return await this.readExact(pos, n)
    const want = Math.min(this.buf.length, this.size - pos)
    await readFully(this.fh, this.buf, want, pos)
    this.start = pos
    this.len = want
    return this.buf.subarray(0, n)
  }

  /** Reads into a fresh buffer, leaving the window alone. */
  async readExact (pos: number, n: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(n)
    await readFully(this.fh, out, n, pos)
    return out
  }
}

async function readFully (fh: FileHandle, buf: Buffer, n: number, pos: number): Promise<void> {
  let done = 0
  while (done < n) {
    const { bytesRead } = await fh.read(buf, done, n - done, pos + done)
    if (bytesRead === 0) throw new RangeError(`unexpected end of file at ${pos + done}`)
    done += bytesRead
  }
}

export type FrameResult =
  | { ok: true, offset: number, end: number, payload: Buffer }
  | { ok: false, offset: number, reason: string }

/** Reads the frame at `pos`; null at end of file. The payload is a view into the window. */
export async function readFrame (win: FileWindow, pos: number, maxRecordBytes: number): Promise<FrameResult | null> {
  const remaining = win.size - pos
  if (remaining === 0) return null
  if (remaining < FRAME_HEADER_BYTES) return { ok: false, offset: pos, reason: `partial record header (${remaining} bytes)` }
  const hdr = await win.get(pos, FRAME_HEADER_BYTES)
  const len = hdr.readUInt32LE(0)
  const crc = hdr.readUInt32LE(4)
  // Validate the length before reading (and so before allocating) anything.
  if (len === 0) return { ok: false, offset: pos, reason: 'zero record length' }
  if (len > maxRecordBytes) return { ok: false, offset: pos, reason: `record length ${len} exceeds maxRecordBytes ${maxRecordBytes}` }
  if (len > remaining - FRAME_HEADER_BYTES) return { ok: false, offset: pos, reason: `record of ${len} bytes extends past end of file` }
  const payload = await win.get(pos + FRAME_HEADER_BYTES, len)
  if (frameCrc(len, payload) !== crc) return { ok: false, offset: pos, reason: 'CRC mismatch' }
  return { ok: true, offset: pos, end: pos + FRAME_HEADER_BYTES + len, payload }
}

/**
 * Looks for any CRC-valid frame of a known record type starting after `from`. Used after a bad
 * frame in the last segment: if one exists, the bad frame is not a torn tail but corruption in
 * the middle (possibly a flipped bit in a length field that would otherwise hide the records
 * after it), so recovery must refuse rather than truncate. Returns its offset or -1.
 */
export async function findValidFrameAfter (win: FileWindow, from: number, maxRecordBytes: number): Promise<number> {
  const chunkBytes = 1 << 20
  let base = from + 1
  while (base + FRAME_HEADER_BYTES <= win.size) {
    const chunkLen = Math.min(chunkBytes + FRAME_HEADER_BYTES, win.size - base)
    const chunk = await win.readExact(base, chunkLen)
    const lastStart = Math.min(chunkBytes, chunkLen - FRAME_HEADER_BYTES)
    for (let i = 0; i <= lastStart; i++) {
      const pos = base + i
      const len = chunk.readUInt32LE(i)
      if (len === 0 || len > maxRecordBytes || pos + FRAME_HEADER_BYTES + len > win.size) continue
      const payload = i + FRAME_HEADER_BYTES + len <= chunk.length
        ? chunk.subarray(i + FRAME_HEADER_BYTES, i + FRAME_HEADER_BYTES + len)
        : await win.readExact(pos + FRAME_HEADER_BYTES, len)
      if (isKnownRecordType(payload[0]) && frameCrc(len, payload) === chunk.readUInt32LE(i + 4)) return pos
    }
    base += lastStart + 1
  }
  return -1
}

/**
 * Best-effort count of the records in a dropped tail starting at `from`: follows plausible
 * length fields, and counts a final partial or unreadable record as one.
 */
export async function countFramesFrom (win: FileWindow, from: number, maxRecordBytes: number): Promise<number> {
  let n = 0
  let pos = from
  while (pos < win.size) {
    n++
    if (win.size - pos < FRAME_HEADER_BYTES) break
    const len = (await win.get(pos, 4)).readUInt32LE(0)
    if (len === 0 || len > maxRecordBytes) break
    pos += FRAME_HEADER_BYTES + len
  }
  return n
}
