/**
 * What `FileStorage.load()` does before the node may start:
 *
 * 1. Delete `*.tmp` leftovers (snapshots that never got their final name).
 * 2. Read and verify the newest snapshot file; any defect is corruption (it was fsynced before
 *    being renamed into place), so there is no falling back to an older one.
 * 3. List segments. Segments before a gap in the sequence numbers are leftovers of a compaction
 *    whose unlinks were interrupted: ignored and deleted (if they still held live entries,
 *    step 5 notices the hole).
 * 4. Scan segments in order, replaying records. A bad frame in the **last** segment with no
 *    valid frame anywhere after it is a torn tail: the file is truncated to the last good
 *    record and fsynced (and removed if not even its header survived). Any other bad frame,
 *    an undecodable record, or a record inconsistent with the history (gap in indexes, header
 *    disagreeing with the replay) throws StorageCorruptionError naming the file and offset.
 * 5. Check the replayed log is complete from the snapshot on, and that the snapshot file
 *    matches the last snapshot marker. If the newest snapshot file is newer than the marker (a
 *    crash between making the file durable and logging the marker), apply it now, with the same
 *    keep-or-discard rule as `saveSnapshot`; the caller then logs the marker.
 *
 * Limit: telling a torn tail from mid-log corruption relies on nothing valid following the
 * first bad frame. A process crash (kill -9) only ever leaves a prefix of a write, so that
 * holds. After a power loss a filesystem could persist a later page of an unsynced write but
 * not an earlier one; recovery then refuses to start (the safe direction) even though only
 * unacknowledged data is affected. The record count of a dropped tail is best effort.
 */
import { open, readdir, truncate, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { logger } from '@libp2p/logger'
import type { Entry, PersistedState, Snapshot } from '../raft/storage.js'
import { encodeHeader, type SegmentHeader, type SnapshotMarker } from './codec.js'
import { StorageCorruptionError } from './errors.js'
import { syncDir, writeFully, type IoStats } from './fs-util.js'
import type { ResolvedFileStorageOptions } from './options.js'
import { frame } from './record.js'
import { LogReplay, type ReplayedEntry } from './replay.js'
import { EMPTY_HARD_STATE, copyHardState } from './rules.js'
import { parseSegmentName, scanSegment, segmentName } from './segment.js'
import { parseSnapshotName, readSnapshotFile, snapshotName } from './snapshot-file.js'

const log = logger('meshchan:storage')

/** What recovery repaired or cleaned up on `load()`. All zero / empty after a clean shutdown. */
export interface RecoveryReport {
  /** Bytes cut from the end of the last segment because its tail was torn or corrupt. */
  truncatedBytes: number
  /** Records (complete or partial) in that cut tail; a partial one counts as one. */
  droppedRecords: number
  /** The segment that was truncated (or removed, if not even its header was intact), if any. */
  repairedFile: string | null
  /** Why the tail was cut: the first bad frame's defect and offset. */
  repairReason: string | null
  /** Files no longer needed, removed: temp files, superseded segments and snapshots (normally left by a crash). */
  removedFiles: string[]
  /** A durable snapshot file whose marker never reached the log was applied to the log on load. */
  restoredSnapshotMarker: boolean
}

export interface Recovered {
  state: PersistedState
  baseIndex: number
  baseTerm: number
  /** Term and segment of each live entry, from baseIndex + 1 on. */
  terms: number[]
  segOf: number[]
  /** Segments kept, ascending; the last one is the active segment. */
  segments: number[]
  activeSize: number
  snapshotFile: string | null
  /** Marker to append before anything else (step 5), if any. */
  marker: SnapshotMarker | null
  /** Files to delete once the marker, if any, is durable. */
  cleanup: string[]
  report: RecoveryReport
}

export async function recover (dir: string, opts: ResolvedFileStorageOptions, stats: IoStats): Promise<Recovered> {
  const report: RecoveryReport = { truncatedBytes: 0, droppedRecords: 0, repairedFile: null, repairReason: null, removedFiles: [], restoredSnapshotMarker: false }
  const names = await readdir(dir)
  const cleanup: string[] = []

  for (const name of names.filter(n => n.endsWith('.tmp'))) {
    await unlink(join(dir, name))
    report.removedFiles.push(name)
  }

  const snapNames = names.map(n => ({ n, i: parseSnapshotName(n) })).filter(x => x.i !== null).sort((a, b) => (a.i as number) - (b.i as number))
  let snapshot: Snapshot | null = null
  let snapshotFile: string | null = null
  if (snapNames.length > 0) {
    snapshotFile = snapNames[snapNames.length - 1].n
    snapshot = await readSnapshotFile(join(dir, snapshotFile))
    if (snapshotName(snapshot.meta.index) !== snapshotFile) {
      throw new StorageCorruptionError(join(dir, snapshotFile), 16, `snapshot file holds index ${snapshot.meta.index}, not the one in its name`)
    }
    for (const { n } of snapNames.slice(0, -1)) cleanup.push(n)
  }
  const snapIndex = snapshot?.meta.index ?? 0

  let seqs = names.map(parseSegmentName).filter((s): s is number => s !== null).sort((a, b) => a - b)
  for (let i = seqs.length - 1; i > 0; i--) {
    if (seqs[i] !== seqs[i - 1] + 1) {
      log('segments %o precede a gap in the sequence: leftovers of an interrupted compaction, ignored', seqs.slice(0, i))
      cleanup.push(...seqs.slice(0, i).map(segmentName))
      seqs = seqs.slice(i)
      break
    }
  }

  let replay: LogReplay | null = null
  let activeSize = 0
  for (let k = 0; k < seqs.length; k++) {
    const seq = seqs[k]
    const path = join(dir, segmentName(seq))
    const isLast = k === seqs.length - 1
    let sawHeader = false
    const scan = await scanSegment(path, isLast, opts.maxRecordBytes, index => index > snapIndex, (rec, offset) => {
      if (!sawHeader) {
        if (rec.type !== 'header' || offset !== 0) throw new Error('segment does not start with a header record')
        if (rec.header.seq !== seq) throw new Error(`segment header says seq ${rec.header.seq}`)
        sawHeader = true
        if (replay === null) replay = new LogReplay(rec.header)
        else replay.header(rec.header)
        return
      }
      const r = replay as unknown as LogReplay
      switch (rec.type) {
        case 'header': throw new Error('header record in the middle of a segment')
        case 'entry': r.entry(rec.entry, seq); break
        case 'hardState': r.hardStateRecord(rec.hardState); break
        case 'snapshot': r.snapshot(rec.marker); break
      }
    })
    activeSize = scan.goodEnd
    if (scan.torn !== null) {
      const t = scan.torn
      report.truncatedBytes = t.droppedBytes
      report.droppedRecords = t.droppedRecords
      report.repairedFile = segmentName(seq)
      report.repairReason = `${t.reason} at offset ${t.offset}`
      log.error('torn tail in %s: %s at offset %d; dropping %d bytes (%d records)', path, t.reason, t.offset, t.droppedBytes, t.droppedRecords)
      if (sawHeader) {
        await truncate(path, scan.goodEnd)
        const fh = await open(path, 'r+')
        try {
          await fh.sync()
        } finally {
          await fh.close()
        }
      }
    }
    if (!sawHeader) {
      // Only possible for the last segment (otherwise scanning threw): a rotation that crashed
      // before its header was written. Nothing in it was ever acknowledged.
      await unlink(path)
      await syncDir(dir)
      stats.dirSyncs++
      if (scan.torn === null) report.repairedFile = segmentName(seq)
      seqs = seqs.slice(0, k)
      activeSize = -1
    }
  }

  if (replay === null) {
    if (snapshot !== null) {
      throw new StorageCorruptionError(dir, -1, `snapshot ${snapshotFile} exists but no log segment does: hard state and log are lost`)
    }
    replay = new LogReplay(await createFirstSegment(dir, stats))
    seqs = [1]
    activeSize = -1
  }
  const r: LogReplay = replay
  if (activeSize < 0) activeSize = await sizeOf(join(dir, segmentName(seqs[seqs.length - 1])))

  const lastSeg = join(dir, segmentName(seqs[seqs.length - 1]))
  const fail = (reason: string): never => { throw new StorageCorruptionError(lastSeg, -1, reason) }
  let live: ReplayedEntry[] = []
  try {
    live = r.finish()
  } catch (err) {
    fail((err as Error).message)
  }
  let marker: SnapshotMarker | null = null
  if (snapshot === null) {
    if (r.baseIndex > 0) fail(`the log was compacted to index ${r.baseIndex} but no snapshot file exists`)
  } else {
    const m = snapshot.meta
    if (m.index < r.baseIndex) fail(`the log was compacted to index ${r.baseIndex} but the newest snapshot file (${snapshotFile}) is at ${m.index}`)
    if (m.index === r.baseIndex && m.term !== r.baseTerm) fail(`snapshot ${snapshotFile} has term ${m.term}, the log's marker term ${r.baseTerm}`)
    if (m.index > r.baseIndex) {
      marker = { index: m.index, term: m.term, kept: r.termAt(m.index) === m.term }
      r.snapshot(marker)
      live = r.finish()
      report.restoredSnapshotMarker = true
      log('snapshot %s was durable but not logged: applied on load', snapshotFile)
    }
  }

  const firstLive = live.length > 0 ? live[0].seq : seqs[seqs.length - 1]
  for (const s of seqs.filter(s => s < firstLive)) cleanup.push(segmentName(s))
  report.removedFiles.push(...cleanup)

  const entries: Entry[] = live.map(x => x.entry)
  return {
    state: { hardState: copyHardState(r.hardState), snapshot, entries },
    baseIndex: r.baseIndex,
    baseTerm: r.baseTerm,
    terms: entries.map(e => e.term),
    segOf: live.map(x => x.seq),
    segments: seqs.filter(s => s >= firstLive),
    activeSize,
    snapshotFile,
    marker,
    cleanup,
    report
  }
}

async function createFirstSegment (dir: string, stats: IoStats): Promise<SegmentHeader> {
  const header: SegmentHeader = { seq: 1, baseIndex: 0, baseTerm: 0, prevIndex: 0, prevTerm: 0, hardState: copyHardState(EMPTY_HARD_STATE) }
  const fh = await open(join(dir, segmentName(1)), 'wx', 0o600)
  try {
    await writeFully(fh, frame(encodeHeader(header)), 0)
    await fh.sync()
    stats.fileSyncs++
  } finally {
    await fh.close()
  }
  await syncDir(dir)
  stats.dirSyncs++
  return header
}

async function sizeOf (path: string): Promise<number> {
  const fh = await open(path, 'r')
  try {
    return (await fh.stat()).size
  } finally {
    await fh.close()
  }
}
