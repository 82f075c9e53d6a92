/**
 * Snapshot files: `snap-<index, 20 digits>.snap`, written to a `.tmp` name, fsynced, renamed
 * into place and the directory fsynced, so a crash leaves either the old or the new file, never
 * half of one. Layout:
 *
 *   magic "MCSNAP01" | metaLen u32 | metaCrc u32 | meta | dataLen u64 | dataCrc u32 | data
 *   meta = index u64 | term u64 | voters: count u32, (len u16, utf-8)* | learners: same
 *
 * A file that fails any check is corruption (it was fsynced before it got its name), never
 * something to skip.
 */
import { open, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import type { Snapshot } from '../raft/storage.js'
import { readU64, writeU64 } from './codec.js'
import { StorageCorruptionError } from './errors.js'
import { type IoStats, syncDir, writeFully } from './fs-util.js'
import { FileWindow } from './record.js'

const MAGIC = Buffer.from('MCSNAP01', 'latin1')
const MAX_META_BYTES = 16 << 20
let tmpCounter = 0

export function snapshotName (index: number): string {
  return `snap-${String(index).padStart(20, '0')}.snap`
}

export function parseSnapshotName (name: string): number | null {
  const m = /^snap-(\d{20})\.snap$/.exec(name)
  return m != null ? Number(m[1]) : null
}

function encodeMeta (s: Snapshot): Buffer {
  const parts: Buffer[] = []
  const head = Buffer.allocUnsafe(16)
  writeU64(head, 0, s.meta.index)
  writeU64(head, 8, s.meta.term)
  parts.push(head)
  for (const list of [s.meta.membership.voters, s.meta.membership.learners]) {
    const n = Buffer.allocUnsafe(4)
    n.writeUInt32LE(list.length, 0)
    parts.push(n)
    for (const id of list) {
      const b = Buffer.from(id, 'utf8')
      if (b.length > 0xffff) throw new RangeError('member id longer than 65535 bytes')
      const l = Buffer.allocUnsafe(2)
      l.writeUInt16LE(b.length, 0)
      parts.push(l, b)
    }
  }
  return Buffer.concat(parts)
}

function decodeMeta (buf: Buffer): Snapshot['meta'] {
  let pos = 16
  const need = (n: number): void => {
    if (pos + n > buf.length) throw new RangeError('snapshot metadata truncated')
  }
  if (buf.length < 16) throw new RangeError('snapshot metadata truncated')
  const index = readU64(buf, 0)
  const term = readU64(buf, 8)
  const lists: string[][] = []
  for (let k = 0; k < 2; k++) {
    need(4)
    const count = buf.readUInt32LE(pos)
    pos += 4
    const list: string[] = []
    for (let i = 0; i < count; i++) {
      need(2)
      const l = buf.readUInt16LE(pos)
      pos += 2
      need(l)
      list.push(buf.toString('utf8', pos, pos + l))
      pos += l
    }
    lists.push(list)
  }
  if (pos !== buf.length) throw new RangeError('trailing bytes after snapshot metadata')
  return { index, term, membership: { voters: lists[0], learners: lists[1] } }
}

/** Writes `snapshot` durably (per `sync`) under its final name; returns that name. */
export async function writeSnapshotFile (dir: string, snapshot: Snapshot, sync: boolean, stats: IoStats): Promise<string> {
  const name = snapshotName(snapshot.meta.index)
  // Unique per call: two saveSnapshot calls for the same index may be in flight at once.
  const tmp = join(dir, `${name}.${++tmpCounter}.tmp`)
  const meta = encodeMeta(snapshot)
  const head = Buffer.allocUnsafe(16)
  MAGIC.copy(head, 0)
  head.writeUInt32LE(meta.length, 8)
  head.writeUInt32LE(crc32(meta), 12)
  const trailer = Buffer.allocUnsafe(12)
  writeU64(trailer, 0, snapshot.data.byteLength)
  trailer.writeUInt32LE(crc32(snapshot.data), 8)
  const fh = await open(tmp, 'w', 0o600)
  try {
    let pos = 0
    for (const part of [head, meta, trailer, snapshot.data]) {
      await writeFully(fh, part, pos)
      pos += part.byteLength
    }
    if (sync) {
      await fh.sync()
      stats.fileSyncs++
    }
  } finally {
    await fh.close()
  }
  await rename(tmp, join(dir, name))
  if (sync) {
    await syncDir(dir)
    stats.dirSyncs++
  }
  return name
}

/** Reads and fully verifies a snapshot file; throws StorageCorruptionError on any mismatch. */
export async function readSnapshotFile (path: string): Promise<Snapshot> {
  const fh = await open(path, 'r')
  try {
    const size = (await fh.stat()).size
    const win = new FileWindow(fh, size)
    const bad = (offset: number, reason: string): StorageCorruptionError => new StorageCorruptionError(path, offset, reason)
    if (size < 16) throw bad(0, 'snapshot file shorter than its header')
    const head = await win.get(0, 16)
    if (!head.subarray(0, 8).equals(MAGIC)) throw bad(0, 'bad snapshot magic')
    const metaLen = head.readUInt32LE(8)
    const metaCrc = head.readUInt32LE(12)
    if (metaLen > MAX_META_BYTES || 16 + metaLen + 12 > size) throw bad(8, `impossible metadata length ${metaLen}`)
    const metaBuf = Buffer.from(await win.get(16, metaLen))
    if (crc32(metaBuf) !== metaCrc) throw bad(16, 'snapshot metadata CRC mismatch')
    let meta: Snapshot['meta']
    try {
      meta = decodeMeta(metaBuf)
    } catch (err) {
      throw new StorageCorruptionError(path, 16, `undecodable snapshot metadata: ${(err as Error).message}`)
    }
    const trailerAt = 16 + metaLen
    const trailer = await win.get(trailerAt, 12)
    let dataLen: number
    try {
      dataLen = readU64(trailer, 0)
    } catch {
      dataLen = -1
    }
    const dataCrc = trailer.readUInt32LE(8)
    // Check the length against the file before allocating it.
    if (dataLen !== size - trailerAt - 12) throw bad(trailerAt, `data length ${dataLen} does not match the file size ${size}`)
    const data = new Uint8Array(dataLen)
    let done = 0
    while (done < dataLen) {
      const { bytesRead } = await fh.read(data, done, dataLen - done, trailerAt + 12 + done)
      if (bytesRead === 0) throw bad(trailerAt + 12 + done, 'unexpected end of snapshot data')
      done += bytesRead
    }
    if (crc32(data) !== dataCrc) throw bad(trailerAt + 12, 'snapshot data CRC mismatch')
    return { meta, data }
  } finally {
    await fh.close()
  }
}
