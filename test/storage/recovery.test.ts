/**
 * Recovery from damaged directories: a torn or corrupt tail is cut and reported, corruption
 * anywhere else is refused with StorageCorruptionError naming the file and offset.
 */
import { describe, it, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { appendFile, readdir, readFile, truncate, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openFileStorage, type FileStorage } from '../../src/storage/file-storage.js'
import { StorageCorruptionError } from '../../src/storage/errors.js'
import { newIoStats } from '../../src/storage/fs-util.js'
import type { FileStorageOptions } from '../../src/storage/options.js'
import { writeSnapshotFile } from '../../src/storage/snapshot-file.js'
import { describeLog, entries, entry, listFrames, removeDir, snapshot, tempDir } from './helpers.js'

const ENTRY_RECORD = 2

async function segments (dir: string): Promise<string[]> {
  return (await readdir(dir)).filter(n => n.startsWith('seg-')).sort()
}

/** A directory holding entries 1..n (one save each, term 1) and hard state commit n-1. */
async function populated (t: TestContext, n: number, options: FileStorageOptions = {}): Promise<string> {
  const dir = await tempDir()
  t.after(async () => { await removeDir(dir) })
  const s = await openFileStorage(dir, options)
  await s.load()
  for (let i = 1; i <= n; i++) await s.save({ entries: [entry(i, 1, 40)], hardState: { term: 1, vote: 'a', commit: i - 1 } })
  await s.close()
  return dir
}

async function reopen (dir: string, options: FileStorageOptions = {}): Promise<{ s: FileStorage, log: string, state: Awaited<ReturnType<FileStorage['load']>> }> {
  const s = await openFileStorage(dir, options)
  try {
    const state = await s.load()
    for (const e of state.entries) assert.deepEqual(e, entry(e.index, e.term, 40), `entry ${e.index} intact`)
    return { s, log: describeLog(state.entries), state }
  } catch (err) {
    await s.close()
    throw err
  }
}

function expectCorruption (file: string, offset?: number): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof StorageCorruptionError, `expected StorageCorruptionError, got ${String(err)}`)
    assert.equal(err.code, 'ERR_STORAGE_CORRUPTION')
    assert.ok(err.file.endsWith(file), `${err.file} names ${file}`)
    if (offset !== undefined) assert.equal(err.offset, offset)
    assert.match(err.message, new RegExp(file.replace(/[.]/g, '\\.')))
    return true
  }
}

async function flipBit (path: string, offset: number, bit = 0): Promise<void> {
  const buf = await readFile(path)
  buf[offset] ^= 1 << bit
  await writeFile(path, buf)
}

/** Reopens and checks the log is 1..upTo, the tail repair matches, and a second reopen is clean. */
async function expectRepaired (dir: string, upTo: number, truncatedBytes: number, droppedRecords = 1): Promise<void> {
  const { s, log, state } = await reopen(dir)
  assert.equal(log, describeLog(entries(1, upTo, 1)))
  assert.equal(s.recovery?.truncatedBytes, truncatedBytes)
  assert.equal(s.recovery?.droppedRecords, droppedRecords)
  assert.match(s.recovery?.repairedFile ?? '', /^seg-/)
  // Writable again right after the repair point.
  await s.save({ entries: [entry(upTo + 1, 2, 40)], hardState: { ...state.hardState, term: 2 } })
  await s.close()
  const again = await reopen(dir)
  assert.equal(again.log, `${describeLog(entries(1, upTo, 1))} ${upTo + 1}/2`)
  assert.equal(again.s.recovery?.truncatedBytes, 0)
  await again.s.close()
}

describe('FileStorage recovery', () => {
  it('repairs a tail torn in the middle of a record', async (t) => {
    const dir = await populated(t, 20)
    const [seg] = await segments(dir)
    const frames = await listFrames(join(dir, seg))
    const last = frames[frames.length - 1] // the hard state record of save 20
    const lastEntry = frames[frames.length - 2]
    // Cut inside the entry record of save 20: the entry and the hard state after it go.
    await truncate(join(dir, seg), lastEntry.offset + 13)
    await expectRepaired(dir, 19, 13)
    assert.ok(last.offset > lastEntry.offset)
  })

  it('repairs a torn record header (fewer than 8 bytes)', async (t) => {
    const dir = await populated(t, 5)
    const [seg] = await segments(dir)
    const frames = await listFrames(join(dir, seg))
    await truncate(join(dir, seg), frames[frames.length - 2].offset + 5)
    await expectRepaired(dir, 4, 5)
  })

  it('repairs appended garbage and appended zeros', async (t) => {
    const dir = await populated(t, 10)
    const [seg] = await segments(dir)
    const garbage = Buffer.alloc(777)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 151 + 7) & 0xff
    await appendFile(join(dir, seg), garbage)
    await expectRepaired(dir, 10, 777, 1)
    const dir2 = await populated(t, 10)
    const [seg2] = await segments(dir2)
    await appendFile(join(dir2, seg2), Buffer.alloc(4096)) // a crash after the file size grew but before data landed
    await expectRepaired(dir2, 10, 4096, 1)
  })

  it('treats a flipped bit in the last record as a torn tail', async (t) => {
    const dir = await populated(t, 10)
    const [seg] = await segments(dir)
    const frames = await listFrames(join(dir, seg))
    const last = frames[frames.length - 1]
    await flipBit(join(dir, seg), last.offset + 8 + 3)
    const { s, state } = await reopen(dir)
    assert.equal(describeLog(state.entries), describeLog(entries(1, 10, 1)))
    assert.deepEqual(state.hardState, { term: 1, vote: 'a', commit: 8 }, 'the damaged hard state record was dropped')
    assert.equal(s.recovery?.truncatedBytes, 8 + last.len)
    await s.close()
  })

  it('refuses a flipped bit in a record in the middle of the segment', async (t) => {
    const dir = await populated(t, 20)
    const [seg] = await segments(dir)
    const frames = (await listFrames(join(dir, seg))).filter(f => f.type === ENTRY_RECORD)
    const victim = frames[8]
    await flipBit(join(dir, seg), victim.offset + 8 + 20, 5)
    await assert.rejects(reopen(dir), expectCorruption(seg, victim.offset))
    // Refusing must not modify anything: the same error again.
    await assert.rejects(reopen(dir), expectCorruption(seg, victim.offset))
  })

  it('refuses a flipped bit in a length field in the middle (no silent truncation)', async (t) => {
    const dir = await populated(t, 20)
    const [seg] = await segments(dir)
    const frames = await listFrames(join(dir, seg))
    for (const bit of [0, 30]) { // a slightly wrong length, and one far past the end of the file
      const victim = frames[10]
      const path = join(dir, seg)
      await flipBit(path, victim.offset + (bit >> 3), bit & 7)
      await assert.rejects(reopen(dir), expectCorruption(seg, victim.offset))
      await flipBit(path, victim.offset + (bit >> 3), bit & 7)
    }
    const { s } = await reopen(dir)
    await s.close()
  })

  it('refuses damage in a segment that is not the last, even in its last record', async (t) => {
    const dir = await populated(t, 60, { segmentBytes: 512 })
    const segs = await segments(dir)
    assert.ok(segs.length >= 3)
    const path = join(dir, segs[1])
    const frames = await listFrames(path)
    const last = frames[frames.length - 1]
    await flipBit(path, last.offset + 8 + 1)
    await assert.rejects(reopen(dir, { segmentBytes: 512 }), expectCorruption(segs[1], last.offset))
    await flipBit(path, last.offset + 8 + 1)
    await truncate(path, last.offset + 3)
    await assert.rejects(reopen(dir, { segmentBytes: 512 }), expectCorruption(segs[1], last.offset))
  })

  it('refuses a log with a missing segment in the middle', async (t) => {
    const dir = await populated(t, 60, { segmentBytes: 512 })
    const segs = await segments(dir)
    await unlink(join(dir, segs[1]))
    await assert.rejects(reopen(dir, { segmentBytes: 512 }), (err) => {
      assert.ok(err instanceof StorageCorruptionError)
      assert.match(err.message, /missing/)
      return true
    })
  })

  it('refuses a gap in indexes inside a segment, even with valid CRCs', async (t) => {
    const dir = await populated(t, 10)
    const [seg] = await segments(dir)
    const path = join(dir, seg)
    const frames = await listFrames(path)
    const e5 = frames.filter(f => f.type === ENTRY_RECORD)[4]
    const hs5 = frames[frames.indexOf(e5) + 1] // save 5's hard state, which then precedes entry 6
    const buf = await readFile(path)
    // Splice out entry 5's record (valid framing everywhere, but 6 now follows 4).
    await writeFile(path, Buffer.concat([buf.subarray(0, e5.offset), buf.subarray(e5.offset + 8 + e5.len)]))
    await assert.rejects(reopen(dir), (err) => {
      assert.ok(err instanceof StorageCorruptionError)
      assert.match(err.message, /gap in the log: entry 6 follows 4/)
      assert.equal(err.offset, e5.offset + 8 + hs5.len)
      return true
    })
  })

  it('refuses a damaged snapshot file', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    const s = await openFileStorage(dir)
    await s.load()
    await s.save({ entries: entries(1, 10, 1) })
    await s.saveSnapshot(snapshot(6, 1))
    await s.close()
    const name = (await readdir(dir)).find(n => n.startsWith('snap-')) as string
    await flipBit(join(dir, name), 200)
    await assert.rejects(reopen(dir), expectCorruption(name))
  })

  it('removes a new segment whose header was torn, and uses the previous one', async (t) => {
    const dir = await populated(t, 30, { segmentBytes: 512 })
    const segs = await segments(dir)
    const next = `seg-${String(segs.length + 1).padStart(20, '0')}.log`
    await writeFile(join(dir, next), Buffer.from([60, 0, 0]))
    const { s, log } = await reopen(dir, { segmentBytes: 512 })
    assert.equal(log, describeLog(entries(1, 30, 1).map(e => ({ ...e, data: e.data }))))
    assert.equal(s.recovery?.repairedFile, next)
    assert.deepEqual(await segments(dir), segs)
    await s.save({ entries: [entry(31, 1, 40)] })
    await s.close()
    const again = await reopen(dir, { segmentBytes: 512 })
    assert.equal(again.log, describeLog(entries(1, 31, 1)))
    await again.s.close()
  })

  it('does not allocate for a corrupt huge length field in the tail', async (t) => {
    const dir = await populated(t, 5)
    const [seg] = await segments(dir)
    const header = Buffer.alloc(8)
    header.writeUInt32LE(0xfffffff0, 0)
    await appendFile(join(dir, seg), header)
    await appendFile(join(dir, seg), Buffer.alloc(100, 1))
    const before = process.memoryUsage().arrayBuffers
    await expectRepaired(dir, 5, 108)
    assert.ok(process.memoryUsage().arrayBuffers - before < 256 << 20)
  })

  it('removes leftover temp files', async (t) => {
    const dir = await populated(t, 3)
    await writeFile(join(dir, 'snap-00000000000000000002.snap.1.tmp'), 'half a snapshot')
    const { s } = await reopen(dir)
    assert.deepEqual(s.recovery?.removedFiles, ['snap-00000000000000000002.snap.1.tmp'])
    assert.ok(!(await readdir(dir)).some(n => n.endsWith('.tmp')))
    await s.close()
  })

  for (const kept of [true, false]) {
    it(`applies a durable snapshot whose marker never reached the log (${kept ? 'suffix kept' : 'log discarded'})`, async (t) => {
      const dir = await populated(t, 10)
      // As if the process died right after the snapshot file was renamed into place.
      await writeSnapshotFile(dir, snapshot(6, kept ? 1 : 2), true, newIoStats())
      let r = await reopen(dir)
      assert.equal(r.log, kept ? describeLog(entries(7, 10, 1)) : '')
      assert.equal(r.s.recovery?.restoredSnapshotMarker, true)
      assert.deepEqual(r.state.snapshot, snapshot(6, kept ? 1 : 2))
      // The repair is durable: entries written after it are not discarded by a later replay.
      await r.s.save({ entries: [entry(kept ? 11 : 7, 3, 40)] })
      await r.s.close()
      r = await reopen(dir)
      assert.equal(r.log, kept ? `${describeLog(entries(7, 10, 1))} 11/3` : '7/3')
      assert.equal(r.s.recovery?.restoredSnapshotMarker, false)
      await r.s.close()
    })
  }

  it('ignores and deletes segments left before a gap by an interrupted compaction', async (t) => {
    const dir = await tempDir()
    t.after(async () => { await removeDir(dir) })
    let s = await openFileStorage(dir, { segmentBytes: 512 })
    await s.load()
    for (let i = 1; i <= 60; i++) await s.save({ entries: [entry(i, 1, 40)] })
    const all = await segments(dir)
    const saved = await Promise.all(all.slice(0, 2).map(async n => await readFile(join(dir, n))))
    await s.saveSnapshot(snapshot(55, 1))
    await s.close()
    const left = await segments(dir)
    assert.ok(left.length < all.length - 2)
    // Resurrect the first segment only (as if that unlink were lost but the next one not).
    await writeFile(join(dir, all[0]), saved[0])
    const r = await reopen(dir, { segmentBytes: 512 })
    assert.equal(r.log, describeLog(entries(56, 60, 1)))
    assert.deepEqual(r.s.recovery?.removedFiles, [all[0]])
    await r.s.close()
    assert.deepEqual(await segments(dir), left)
  })
})
