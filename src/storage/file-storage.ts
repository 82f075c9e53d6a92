import { mkdir, open, realpath } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { HardState, PersistedState, RaftStorage, SaveBatch, Snapshot } from '../raft/storage.js'
import { ClosedError } from '../errors.js'
import { encodeEntry, encodeHardState, encodeHeader, encodeSnapshotMarker, entryPayloadSize, MAX_VOTE_BYTES } from './codec.js'
import { InvalidStorageOperationError, RecordTooLargeError, SnapshotOutOfDateError } from './errors.js'
import { type IoStats, newIoStats } from './fs-util.js'
import { acquireLock } from './lock.js'
import { type FileStorageOptions, resolveOptions, type ResolvedFileStorageOptions } from './options.js'
import { frame } from './record.js'
import { recover, type RecoveryReport } from './recover.js'
import { checkBatch, checkSnapshot, copyHardState, EMPTY_HARD_STATE, entriesToStore } from './rules.js'
import { segmentName } from './segment.js'
import { snapshotName, writeSnapshotFile } from './snapshot-file.js'
import { SegmentWriter, type WriteOp } from './writer.js'

/** Header fields besides the hard state: type byte + 5 × u64. */
const HEADER_FIXED = 41
/** Hard state body without the vote: term, commit, vote length. */
const HARD_STATE_FIXED = 18

/**
 * Durable RaftStorage for one Raft group, in one directory:
 *
 * - `seg-<seq>.log`: the append-only, segmented log. Records are framed with a length and a
 *   CRC-32; each segment opens with a header record that checkpoints the hard state and the
 *   snapshot base, so whole segments can be deleted once a snapshot covers their entries. Hard
 *   state changes are records too, so a batch of entries plus its hard state is one write and
 *   one fsync, and a torn hard state is just a torn tail. A conflicting batch is written as-is
 *   and replaces the suffix again on replay, so a truncation is as durable as the batch.
 * - `snap-<index>.snap`: the latest snapshot (temp file, fsync, rename, directory fsync), with
 *   a CRC over its metadata and one over its data. A marker record in the log says when the log
 *   was compacted to it.
 * - `LOCK`: guards against a second opener (see lock.ts for what it can and cannot detect).
 *
 * Concurrent calls are group-committed: batches submitted while a write is in flight go out
 * together in the next write and fsync (see {@link FileStorage.stats}). Calls take effect in
 * the order they were made.
 *
 * Use {@link openFileStorage}, then `load()` once (which runs recovery, see
 * {@link FileStorage.recovery}), then `save`/`saveSnapshot`.
 */
export class FileStorage implements RaftStorage {
  /** Absolute path of the storage directory. */
  readonly dir: string
  readonly options: Readonly<ResolvedFileStorageOptions>
  private readonly io: IoStats = newIoStats()
  private report: RecoveryReport | null = null
  private phase: 'opened' | 'loading' | 'loaded' | 'closed' = 'opened'
  private writer: SegmentWriter | null = null
  private releaseLock: (() => Promise<void>) | null

  // The log as it will be once every submitted write is durable: validation and rotation are
  // decided against it at call time, so queued calls behave as if applied one after the other.
  private baseIndex = 0
  private baseTerm = 0
  private terms: number[] = []
  /** Segment holding the last write of each live entry; non-decreasing. */
  private segOf: number[] = []
  private hardState: HardState = copyHardState(EMPTY_HARD_STATE)
  private segments: number[] = []
  private activeBytes = 0
  private snapshotFile: string | null = null
  private snapshotWrites: Promise<unknown> = Promise.resolve()
  /**
   * The base as the log file will show it once everything submitted is written: a compaction's
   * marker is submitted only once its snapshot file is durable, so until then segment headers
   * (which replay checks against the markers before them) must still carry the older base.
   */
  private loggedBaseIndex = 0
  private loggedBaseTerm = 0
  /** Compaction markers waiting for their snapshot files, in call order. */
  private markers: Promise<void> = Promise.resolve()

  /** Use {@link openFileStorage}. */
  private constructor (dir: string, options: ResolvedFileStorageOptions, release: () => Promise<void>) {
    this.dir = dir
    this.options = Object.freeze({ ...options })
    this.releaseLock = release
  }

  /**
   * Creates `dir` if needed (mode 0700) and locks it against a second opener (in this process,
   * or in another live one). Does not read anything yet: call `load()`.
   */
  static async open (dir: string, options?: FileStorageOptions): Promise<FileStorage> {
    const resolved = resolveOptions(options)
    const abs = resolve(dir)
    await mkdir(abs, { recursive: true, mode: 0o700 })
    const real = await realpath(abs)
    const release = await acquireLock(real)
    return new FileStorage(real, resolved, release)
  }

  /** What `load()` repaired; null before `load()` has finished. */
  get recovery (): RecoveryReport | null {
    return this.report
  }

  /** I/O counters since open (a copy). `fileSyncs` well below `saves` is group commit at work. */
  get stats (): IoStats {
    return { ...this.io }
  }

  /**
   * Recovers the directory (see `recover.ts`: torn tails are truncated and reported in
   * {@link FileStorage.recovery}, corruption anywhere else throws StorageCorruptionError) and
   * returns its contents. Call once, before any write.
   */
  async load (): Promise<PersistedState> {
    this.assertOpen()
    if (this.phase !== 'opened') throw new InvalidStorageOperationError('load() may only be called once')
    this.phase = 'loading'
    try {
      const rec = await recover(this.dir, this.options, this.io)
      this.baseIndex = rec.baseIndex
      this.baseTerm = rec.baseTerm
      this.loggedBaseIndex = rec.baseIndex
      this.loggedBaseTerm = rec.baseTerm
      this.terms = rec.terms
      this.segOf = rec.segOf
      this.hardState = copyHardState(rec.state.hardState)
      this.segments = rec.segments
      this.activeBytes = rec.activeSize
      this.snapshotFile = rec.snapshotFile
      const fh = await open(join(this.dir, segmentName(this.activeSeq)), 'r+')
      this.writer = new SegmentWriter(this.dir, fh, rec.activeSize, this.sync, this.io)
      const ops: WriteOp[] = []
      if (rec.marker !== null) ops.push(this.append(frame(encodeSnapshotMarker(rec.marker))))
      if (rec.cleanup.length > 0) ops.push({ kind: 'unlink', names: rec.cleanup })
      if (ops.length > 0) await this.writer.submit(ops)
      this.report = rec.report
      this.phase = 'loaded'
      return rec.state
    } catch (err) {
      this.phase = 'opened'
      if (this.writer !== null) {
        await this.writer.close().catch(() => {})
        this.writer = null
      }
      throw err
    }
  }

  /**
   * Appends the batch's entries (replacing the stored suffix from `entries[0].index` on, if it
   * overlaps) and its hard state. Entries at or below the snapshot are ignored; a batch that
   * would leave a gap rejects with InvalidStorageOperationError and writes nothing. Resolves
   * once durable per the `durability` option.
   */
  async save (batch: SaveBatch): Promise<void> {
    const writer = this.assertLoaded()
    checkBatch(batch)
    const toStore = entriesToStore(batch.entries, this.baseIndex, this.lastIndex)
    // Encode and check everything before changing any state.
    const frames: Buffer[] = []
    for (const e of toStore) {
      const size = entryPayloadSize(e)
      if (size > this.options.maxRecordBytes) throw new RecordTooLargeError(size, this.options.maxRecordBytes)
      frames.push(frame(encodeEntry(e)))
    }
    const hs = batch.hardState
    if (hs !== undefined) {
      const voteBytes = Buffer.byteLength(hs.vote, 'utf8')
      const headerSize = HEADER_FIXED + HARD_STATE_FIXED + voteBytes
      if (voteBytes > MAX_VOTE_BYTES) throw new InvalidStorageOperationError(`vote is ${voteBytes} bytes, the limit is ${MAX_VOTE_BYTES}`)
      if (headerSize > this.options.maxRecordBytes) throw new RecordTooLargeError(headerSize, this.options.maxRecordBytes)
      frames.push(frame(encodeHardState(hs)))
    }
    this.io.saves++
    const ops: WriteOp[] = []
    const rotated = frames.length > 0 && this.activeBytes >= this.options.segmentBytes
    if (rotated) ops.push(this.rotate())
    if (toStore.length > 0) {
      const keep = toStore[0].index - this.baseIndex - 1
      this.terms.length = keep
      this.segOf.length = keep
      const seq = this.activeSeq
      for (const e of toStore) {
        this.terms.push(e.term)
        this.segOf.push(seq)
      }
    }
    if (hs !== undefined) this.hardState = copyHardState(hs)
    if (frames.length > 0) ops.push(this.append(frames.length === 1 ? frames[0] : Buffer.concat(frames)))
    if (rotated) this.pushDeletions(ops, [])
    await writer.submit(ops)
  }

  /**
   * Makes `snapshot` durable as a file, then logs a marker and compacts: entries at or below
   * `meta.index` are dropped; entries after it are kept only if the log has `meta.index` with
   * `meta.term` (otherwise, as for a snapshot installed from a leader, the whole log goes).
   * Segments holding only compacted entries and older snapshot files are deleted afterwards.
   * A snapshot older than the stored one rejects with SnapshotOutOfDateError.
   *
   * A compaction (the log has `meta.index` with `meta.term`) does not hold up later writes: its
   * marker is logged when its file is durable, after whatever was saved meanwhile. The log keeps
   * every entry it covers until then, and replay accepts a marker behind later entries, so a crash
   * at any point recovers from the older snapshot. (Writing an 8 MB snapshot file used to stop
   * every later append, and the commits of the group, for ~300 ms.) A snapshot installed from a
   * leader replaces the log: its marker is queued at once, and later writes wait for its file.
   */
  async saveSnapshot (snapshot: Snapshot): Promise<void> {
    const writer = this.assertLoaded()
    checkSnapshot(snapshot)
    const { index, term } = snapshot.meta
    if (index < this.baseIndex) throw new SnapshotOutOfDateError(index, this.baseIndex)
    for (const id of [...snapshot.meta.membership.voters, ...snapshot.meta.membership.learners]) {
      if (Buffer.byteLength(id, 'utf8') > 0xffff) throw new InvalidStorageOperationError('member id longer than 65535 bytes')
    }
    // Started now; the marker is never durable before the file it refers to.
    // Chained after the previous snapshot file, so two in flight for the same index are renamed
    // into place in call order (the order of their markers).
    const written = this.snapshotWrites.then(async () => await writeSnapshotFile(this.dir, snapshot, this.sync, this.io))
    this.snapshotWrites = written.catch(() => {}) // the writer reports a failure; don't leave it unhandled
    const kept = this.termAt(index) === term
    const drop = kept ? index - this.baseIndex : this.terms.length
    this.terms = this.terms.slice(drop)
    this.segOf = this.segOf.slice(drop)
    this.baseIndex = index
    this.baseTerm = term
    const name = snapshotName(index)
    const older = this.snapshotFile !== null && this.snapshotFile !== name ? [this.snapshotFile] : []
    this.snapshotFile = name
    // Decided now: these segments hold nothing above `index` (later calls only move that on).
    const deletions: WriteOp[] = []
    this.pushDeletions(deletions, older)
    const submitMarker = async (): Promise<void> => {
      // The 'await' op fails the writer (closed to further writes) if the file could not be written.
      const ops: WriteOp[] = [{ kind: 'await', promise: written }]
      // A compaction overtaken by a snapshot installed meanwhile logs no marker: that one's marker
      // is already queued and covers it (replay refuses a marker below an earlier one).
      if (index > this.loggedBaseIndex || !kept) {
        this.loggedBaseIndex = index
        this.loggedBaseTerm = term
        ops.push(this.append(frame(encodeSnapshotMarker({ index, term, kept }))))
      }
      await writer.submit([...ops, ...deletions])
    }
    if (kept) {
      const logged = this.markers.then(async () => { await written.catch(() => {}) }).then(submitMarker)
      this.markers = logged.catch(() => {})
      await logged
      return
    }
    await submitMarker()
  }

  /** Waits for submitted writes, closes files and releases the lock. Later calls reject. */
  async close (): Promise<void> {
    if (this.phase === 'closed') return
    this.phase = 'closed'
    const writer = this.writer
    try {
      await this.markers
      this.writer = null
      if (writer !== null) await writer.close()
    } finally {
      const release = this.releaseLock
      this.releaseLock = null
      if (release !== null) await release()
    }
  }

  private get sync (): boolean {
    return this.options.durability === 'fsync'
  }

  private get activeSeq (): number {
    return this.segments[this.segments.length - 1]
  }

  private get lastIndex (): number {
    return this.baseIndex + this.terms.length
  }

  private termAt (index: number): number | undefined {
    if (index === this.baseIndex) return this.baseTerm
    if (index < this.baseIndex) return undefined
    return this.terms[index - this.baseIndex - 1]
  }

  private append (bytes: Buffer): WriteOp {
    this.activeBytes += bytes.length
    return { kind: 'append', bytes }
  }

  /** Starts the next segment, checkpointing the state as of every call made so far. */
  private rotate (): WriteOp {
    const seq = this.activeSeq + 1
    const header = frame(encodeHeader({
      seq,
      baseIndex: this.loggedBaseIndex,
      baseTerm: this.loggedBaseTerm,
      prevIndex: this.lastIndex,
      prevTerm: this.terms.length > 0 ? this.terms[this.terms.length - 1] : this.baseTerm,
      hardState: this.hardState
    }))
    this.segments.push(seq)
    this.activeBytes = header.length
    return { kind: 'rotate', seq, header }
  }

  /**
   * Segments before the one holding the first live entry hold nothing needed any more: their
   * entries are compacted or overwritten, and the header of a later segment supersedes their
   * hard state and snapshot base. (Live entries' segments are non-decreasing with their index,
   * since rewriting an index also rewrites everything after it.)
   */
  private pushDeletions (ops: WriteOp[], extra: string[]): void {
    const firstLive = this.segOf.length > 0 ? this.segOf[0] : this.activeSeq
    const dead = this.segments.filter(s => s < firstLive)
    if (dead.length > 0) this.segments = this.segments.filter(s => s >= firstLive)
    const names = [...dead.map(segmentName), ...extra]
    if (names.length > 0) ops.push({ kind: 'unlink', names })
  }

  private assertOpen (): void {
    if (this.phase === 'closed') throw new ClosedError('storage')
  }

  private assertLoaded (): SegmentWriter {
    this.assertOpen()
    if (this.phase !== 'loaded' || this.writer === null) throw new InvalidStorageOperationError('call load() before writing')
    return this.writer
  }
}

/** Opens (creating if needed) a FileStorage in `dir`. See {@link FileStorage}. */
export async function openFileStorage (dir: string, options?: FileStorageOptions): Promise<FileStorage> {
  return await FileStorage.open(dir, options)
}

