/** FileStorage behaviour that the shared contract can't see: files, locking, group commit, limits. */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chmod, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { InvalidOptionError } from '../../src/errors.js'
import { openFileStorage } from '../../src/storage/file-storage.js'
import { InvalidStorageOperationError, RecordTooLargeError, StorageFailedError, StorageLockedError } from '../../src/storage/errors.js'
import { describeLog, entries, entry, removeDir, snapshot, tempDir } from './helpers.js'

async function segmentFiles (dir: string): Promise<string[]> {
  return (await readdir(dir)).filter(n => n.startsWith('seg-')).sort()
}

describe('FileStorage', () => {
  it('creates the directory with mode 0700 and locks it against a second opener', async (t) => {
    const parent = await tempDir()
    t.after(async () => { await removeDir(parent) })
    const dir = join(parent, 'a', 'b')
    const s = await openFileStorage(dir)
    assert.equal((await stat(dir)).mode & 0o777, 0o700)
    await assert.rejects(openFileStorage(dir), StorageLockedError)
    await assert.rejects(openFileStorage(join(parent, 'a', '..', 'a', 'b')), StorageLockedError, 'same directory by another path')
    await s.load()
    await s.close()
    const again = await openFileStorage(dir)
    await again.load()
    await again.close()
  })

  it('validates options', async () => {
    await assert.rejects(openFileStorage('/nonexistent/x', { segmentBytes: 0 }), InvalidOptionError)
    await assert.rejects(openFileStorage('/nonexistent/x', { durability: 'never' as 'os' }), InvalidOptionError)
    await assert.rejects(openFileStorage('/nonexistent/x', { maxRecordBytes: 10 }), InvalidOptionError)
  })

  it('requires load() before writes, and only one load()', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    const s = await openFileStorage(dir)
    t.after(async () => { await s.close() })
    await assert.rejects(s.save({ entries: entries(1, 1, 1) }), InvalidStorageOperationError)
    await s.load()
    await assert.rejects(s.load(), InvalidStorageOperationError)
  })

  it('rotates segments at segmentBytes and deletes those a snapshot covers', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    let s = await openFileStorage(dir, { segmentBytes: 1024 })
    await s.load()
    for (let i = 1; i <= 200; i++) await s.save({ entries: [entry(i, 1, 100)], hardState: { term: 1, vote: 'x', commit: i - 1 } })
    const before = await segmentFiles(dir)
    assert.ok(before.length >= 15, `rotated into ${before.length} segments`)
    for (const name of before.slice(0, -1)) {
      const size = (await stat(join(dir, name))).size
      assert.ok(size >= 1024 && size < 1024 + 200, `${name} closed at ${size} bytes`)
    }
    // Compact to 150: segments holding only entries ≤ 150 go once a later segment holds 151.
    await s.saveSnapshot(snapshot(150, 1))
    const after = await segmentFiles(dir)
    assert.ok(after.length < before.length / 2, `${before.length} → ${after.length} segments`)
    assert.deepEqual(after, before.slice(before.length - after.length), 'the oldest segments were deleted')
    assert.deepEqual((await readdir(dir)).filter(n => n.startsWith('snap-')), ['snap-00000000000000000150.snap'])
    await s.saveSnapshot(snapshot(200, 1))
    await s.save({ entries: [entry(201, 1, 2000)] }) // rotates, and drops what the snapshot covers
    await s.save({ entries: [entry(202, 1, 10)] })
    assert.ok((await segmentFiles(dir)).length <= 2, `left ${(await segmentFiles(dir)).join(',')}`)
    assert.deepEqual((await readdir(dir)).filter(n => n.startsWith('snap-')), ['snap-00000000000000000200.snap'], 'older snapshot removed')
    await s.close()
    s = await openFileStorage(dir, { segmentBytes: 1024 })
    const state = await s.load()
    assert.equal(describeLog(state.entries), '201/1 202/1')
    assert.deepEqual(state.hardState, { term: 1, vote: 'x', commit: 199 })
    assert.deepEqual(s.recovery, { truncatedBytes: 0, droppedRecords: 0, repairedFile: null, repairReason: null, removedFiles: [], restoredSnapshotMarker: false })
    await s.close()
  })

  it('keeps a segment with live entries even when a snapshot covers part of it', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    let s = await openFileStorage(dir, { segmentBytes: 512 })
    await s.load()
    for (let i = 1; i <= 40; i++) await s.save({ entries: [entry(i, 1, 50)] })
    const segs = await segmentFiles(dir)
    await s.saveSnapshot(snapshot(39, 1))
    assert.ok((await segmentFiles(dir)).length >= 1)
    await s.close()
    s = await openFileStorage(dir, { segmentBytes: 512 })
    assert.equal(describeLog((await s.load()).entries), '40/1')
    await s.close()
    assert.ok(segs.length > 3)
  })

  it('rejects a record over maxRecordBytes without writing', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    const s = await openFileStorage(dir, { maxRecordBytes: 1024 })
    await s.load()
    await assert.rejects(s.save({ entries: [entry(1, 1, 2000)] }), RecordTooLargeError)
    await assert.rejects(s.save({ entries: [], hardState: { term: 1, vote: 'v'.repeat(2000), commit: 0 } }), RecordTooLargeError)
    await s.save({ entries: [entry(1, 1, 900)] })
    await s.close()
  })

  it('group-commits concurrent saves: far fewer fsyncs than saves', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    const s = await openFileStorage(dir)
    await s.load()
    const n = 500
    const base = s.stats
    let t0 = performance.now()
    for (let i = 1; i <= n; i++) await s.save({ entries: [entry(i, 1, 256)] })
    const seqMs = performance.now() - t0
    const seq = s.stats
    assert.equal(seq.fileSyncs - base.fileSyncs, n, 'one fsync per sequential save')

    t0 = performance.now()
    const ps: Array<Promise<void>> = []
    for (let i = n + 1; i <= 2 * n; i++) ps.push(s.save({ entries: [entry(i, 1, 256)], hardState: { term: 1, vote: '', commit: i - 1 } }))
    await Promise.all(ps)
    const concMs = performance.now() - t0
    const conc = s.stats
    const fsyncs = conc.fileSyncs - seq.fileSyncs
    const writes = conc.writes - seq.writes
    t.diagnostic(`sequential: ${n} saves, ${n} fsyncs, ${seqMs.toFixed(0)} ms; concurrent: ${n} saves, ${fsyncs} fsyncs, ${writes} writes, ${conc.groups - seq.groups} groups, ${concMs.toFixed(0)} ms`)
    assert.ok(fsyncs < n / 10, `${fsyncs} fsyncs for ${n} concurrent saves`)
    assert.equal(writes, fsyncs, 'one write per fsync')
    await s.close()
    const again = await openFileStorage(dir)
    const state = await again.load()
    assert.equal(state.entries.length, 2 * n)
    assert.deepEqual(state.entries[2 * n - 1], entry(2 * n, 1, 256))
    await again.close()
  })

  it("never fsyncs in durability 'os'", async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    const s = await openFileStorage(dir, { durability: 'os', segmentBytes: 512 })
    await s.load()
    const before = s.stats
    for (let i = 1; i <= 50; i++) await s.save({ entries: [entry(i, 1, 64)], hardState: { term: 1, vote: '', commit: i } })
    await s.saveSnapshot(snapshot(40, 1))
    const after = s.stats
    assert.equal(after.fileSyncs - before.fileSyncs, 0)
    assert.equal(after.dirSyncs - before.dirSyncs, 0)
    await s.close()
  })

  it('fails closed after an I/O error: later writes reject with StorageFailedError', async (t) => {
    const dir = await tempDir()
    t.after(async () => {
      await chmod(dir, 0o700).catch(() => {})
      await removeDir(dir)
    })
    const s = await openFileStorage(dir)
    await s.load()
    await s.save({ entries: entries(1, 3, 1) })
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: break the snapshot write another way.
      await removeDir(dir)
    } else {
      await chmod(dir, 0o500) // the snapshot's temp file can't be created
    }
    // The compaction's marker waits for its file and fails with it; a save made before it does not
    // wait (written ahead of the marker), and nothing is written after the failure.
    const before = s.save({ entries: entries(4, 4, 1) })
    const compaction = s.saveSnapshot(snapshot(2, 1))
    const after = s.save({ entries: entries(5, 5, 1) })
    await before
    await assert.rejects(compaction, StorageFailedError)
    await assert.rejects(after.then(async () => await s.save({ entries: entries(6, 6, 1) })), StorageFailedError)
    await assert.rejects(s.save({ entries: entries(7, 7, 1) }), StorageFailedError)
    await s.close()
  })

  it('does not hold later saves behind a compaction\'s snapshot file, and recovers the log in order', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    const s = await openFileStorage(dir, { durability: 'fsync', segmentBytes: 4096 })
    await s.load()
    await s.save({ entries: entries(1, 40, 1), hardState: { term: 1, vote: '', commit: 40 } })
    // Writing and syncing a 24 MiB snapshot file takes far longer than one small group commit.
    const big = { ...snapshot(30, 1), data: new Uint8Array(24 * 1024 * 1024).fill(7) }
    let compacted = false
    const compaction = s.saveSnapshot(big).then(() => { compacted = true })
    // Enough bytes to rotate segments while the marker waits: headers written meanwhile must
    // still carry the older base, or replay would refuse them.
    const saves = Array.from({ length: 10 }, async (_, k) => await s.save({ entries: Array.from({ length: 10 }, (_, j) => entry(41 + 10 * k + j, 1, 200)) }))
    await Promise.all(saves)
    assert.equal(compacted, false, 'the saves made after the compaction were durable before its snapshot file')
    await compaction
    await s.close()

    const again = await openFileStorage(dir)
    const st = await again.load()
    assert.equal(st.snapshot?.meta.index, 30)
    assert.equal(st.snapshot?.data.byteLength, big.data.byteLength)
    assert.equal(describeLog(st.entries), describeLog([...entries(31, 40, 1), ...Array.from({ length: 100 }, (_, k) => entry(41 + k, 1))]))
    await again.close()
  })
})
