/**
 * The behavioural contract of RaftStorage (src/raft/storage.ts), run against every
 * implementation: each case checks both the live instance (by reopening) and, for FileStorage,
 * what survives on disk.
 */
import { describe, it, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { PersistedState, RaftStorage } from '../../src/raft/storage.js'
import { ClosedError } from '../../src/errors.js'
import { InvalidStorageOperationError, SnapshotOutOfDateError } from '../../src/storage/errors.js'
import { describeLog, entries, entry, fileHarness, type HarnessFactory, memoryHarness, snapshot } from './helpers.js'

const factories: HarnessFactory[] = [
  memoryHarness(),
  fileHarness(),
  // Tiny segments: every case also exercises rotation and segment deletion.
  fileHarness({ segmentBytes: 256 }, 'FileStorage (256-byte segments)'),
  fileHarness({ durability: 'os' }, "FileStorage (durability 'os')")
]

type Ctx = { storage: RaftStorage, state: PersistedState, reopen: () => Promise<PersistedState> }

/** Runs `fn` with a loaded storage; `reopen()` closes it and loads a new instance. */
function withStorage (f: HarnessFactory, fn: (c: Ctx) => Promise<void>): (t: TestContext) => Promise<void> {
  return async (t) => {
    const h = await f.create()
    t.after(async () => { await h.cleanup() })
    const first = await h.open()
    const c: Ctx = {
      storage: first.storage,
      state: first.state,
      reopen: async () => {
        await c.storage.close()
        const next = await h.open()
        c.storage = next.storage
        c.state = next.state
        return next.state
      }
    }
    await fn(c)
  }
}

function assertLog (state: PersistedState, expected: string): void {
  assert.equal(describeLog(state.entries), expected)
  for (const e of state.entries) assert.deepEqual(e, entry(e.index, e.term), `entry ${e.index} intact`)
}

function range (from: number, to: number, term: number): string {
  return describeLog(entries(from, to, term))
}

for (const f of factories) {
  describe(`RaftStorage contract: ${f.name}`, () => {
    it('starts empty', withStorage(f, async (c) => {
      assert.deepEqual(c.state, { hardState: { term: 0, vote: '', commit: 0 }, snapshot: null, entries: [] })
      assert.deepEqual(await c.reopen(), { hardState: { term: 0, vote: '', commit: 0 }, snapshot: null, entries: [] })
    }))

    it('round-trips entries and hard state across reopen', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 5, 1), hardState: { term: 1, vote: 'n1', commit: 0 } })
      await c.storage.save({ entries: entries(6, 8, 2), hardState: { term: 2, vote: 'n2', commit: 5 } })
      const s = await c.reopen()
      assertLog(s, `${range(1, 5, 1)} ${range(6, 8, 2)}`)
      assert.deepEqual(s.hardState, { term: 2, vote: 'n2', commit: 5 })
      assert.equal(s.snapshot, null)
      // And again, after writing nothing.
      assert.deepEqual(await c.reopen(), s)
    }))

    it('keeps data of every size and entry type intact', withStorage(f, async (c) => {
      const es = [entry(1, 1, 0), entry(2, 1, 1), entry(3, 1, 70_000), entry(4, 1, 1 << 20), entry(5, 1, 3)]
      await c.storage.save({ entries: es })
      const s = await c.reopen()
      assert.deepEqual(s.entries, es)
      assert.ok(s.entries.every(e => Object.getPrototypeOf(e.data) === Uint8Array.prototype), 'data are plain Uint8Arrays')
    }))

    it('replaces the suffix on a conflicting batch, durably', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 10, 1) })
      await c.storage.save({ entries: entries(6, 7, 2) })
      assertLog(await c.reopen(), `${range(1, 5, 1)} ${range(6, 7, 2)}`)
      // Rewriting from the very first index, then appending after a reopen.
      await c.storage.save({ entries: entries(1, 2, 3) })
      assertLog(await c.reopen(), range(1, 2, 3))
      await c.storage.save({ entries: entries(3, 4, 3) })
      assertLog(await c.reopen(), range(1, 4, 3))
    }))

    it('updates hard state alone, last write wins', withStorage(f, async (c) => {
      for (let t = 1; t <= 20; t++) await c.storage.save({ entries: [], hardState: { term: t, vote: t % 2 === 0 ? '' : `peer-${t}`, commit: t * 2 } })
      const s = await c.reopen()
      assert.deepEqual(s.hardState, { term: 20, vote: '', commit: 40 })
      assert.deepEqual(s.entries, [])
      await c.storage.save({ entries: [], hardState: { term: 21, vote: 'ünïcødé-☃', commit: 41 } })
      assert.deepEqual((await c.reopen()).hardState, { term: 21, vote: 'ünïcødé-☃', commit: 41 })
    }))

    it('rejects malformed batches and gaps without writing anything', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 3, 1), hardState: { term: 1, vote: '', commit: 0 } })
      await assert.rejects(c.storage.save({ entries: entries(5, 6, 1) }), InvalidStorageOperationError)
      await assert.rejects(c.storage.save({ entries: [entry(4, 1), entry(6, 1)], hardState: { term: 9, vote: '', commit: 0 } }), InvalidStorageOperationError)
      await assert.rejects(c.storage.save({ entries: [{ ...entry(4, 1), type: 'bogus' as 'normal' }] }), InvalidStorageOperationError)
      await assert.rejects(c.storage.save({ entries: [{ ...entry(4, 1), index: 0 }] }), InvalidStorageOperationError)
      await assert.rejects(c.storage.save({ entries: [], hardState: { term: -1, vote: '', commit: 0 } }), InvalidStorageOperationError)
      const s = await c.reopen()
      assertLog(s, range(1, 3, 1))
      assert.deepEqual(s.hardState, { term: 1, vote: '', commit: 0 })
    }))

    it('compacts on a snapshot and keeps the suffix when the term matches', withStorage(f, async (c) => {
      await c.storage.save({ entries: [...entries(1, 10, 1), ...entries(11, 20, 2)] })
      await c.storage.saveSnapshot(snapshot(12, 2))
      let s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(12, 2))
      assertLog(s, range(13, 20, 2))
      await c.storage.save({ entries: entries(21, 22, 2) })
      await c.storage.saveSnapshot(snapshot(15, 2))
      s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(15, 2))
      assertLog(s, range(16, 22, 2))
    }))

    it('handles a snapshot covering the whole log', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 10, 1) })
      await c.storage.saveSnapshot(snapshot(10, 1))
      let s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(10, 1))
      assert.deepEqual(s.entries, [])
      await c.storage.save({ entries: entries(11, 12, 1) })
      s = await c.reopen()
      assertLog(s, range(11, 12, 1))
    }))

    it('discards the whole log for a snapshot beyond it (InstallSnapshot)', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 10, 1), hardState: { term: 1, vote: 'a', commit: 3 } })
      await c.storage.saveSnapshot(snapshot(20, 3))
      let s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(20, 3))
      assert.deepEqual(s.entries, [])
      assert.deepEqual(s.hardState, { term: 1, vote: 'a', commit: 3 }, 'hard state is untouched by snapshots')
      // Entries at or below the snapshot are ignored; the next one must be 21.
      await c.storage.save({ entries: entries(19, 22, 3) })
      await assert.rejects(c.storage.save({ entries: entries(24, 24, 3) }), InvalidStorageOperationError)
      s = await c.reopen()
      assertLog(s, range(21, 22, 3))
    }))

    it('discards the whole log for a snapshot whose term does not match the entry at its index', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 10, 1) })
      await c.storage.saveSnapshot(snapshot(5, 2))
      const s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(5, 2))
      assert.deepEqual(s.entries, [])
      await c.storage.save({ entries: entries(6, 7, 2) })
      assertLog(await c.reopen(), range(6, 7, 2))
    }))

    it('rejects a snapshot older than the stored one', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 10, 1) })
      await c.storage.saveSnapshot(snapshot(8, 1))
      await assert.rejects(c.storage.saveSnapshot(snapshot(7, 1)), SnapshotOutOfDateError)
      // Same index again is accepted (a re-taken snapshot replaces the old one).
      await c.storage.saveSnapshot(snapshot(8, 1, ['x']))
      const s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(8, 1, ['x']))
      assertLog(s, range(9, 10, 1))
    }))

    it('applies concurrent calls in call order', withStorage(f, async (c) => {
      const ps: Array<Promise<void>> = []
      for (let i = 1; i <= 30; i++) ps.push(c.storage.save({ entries: [entry(i, 1)], hardState: { term: 1, vote: 'a', commit: i - 1 } }))
      ps.push(c.storage.save({ entries: entries(25, 26, 2) }))
      ps.push(c.storage.saveSnapshot(snapshot(10, 1)))
      ps.push(c.storage.save({ entries: entries(27, 28, 2), hardState: { term: 2, vote: 'b', commit: 20 } }))
      ps.push(c.storage.saveSnapshot(snapshot(26, 2)))
      ps.push(c.storage.save({ entries: entries(29, 29, 2) }))
      await Promise.all(ps)
      const s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(26, 2))
      assertLog(s, range(27, 29, 2))
      assert.deepEqual(s.hardState, { term: 2, vote: 'b', commit: 20 })
    }))

    it('grows to many entries and compacts repeatedly', withStorage(f, async (c) => {
      let last = 0
      for (let round = 1; round <= 10; round++) {
        await c.storage.save({ entries: entries(last + 1, last + 40, round) })
        last += 40
        await c.storage.saveSnapshot(snapshot(last - 15, round))
      }
      const s = await c.reopen()
      assert.deepEqual(s.snapshot, snapshot(last - 15, 10))
      assertLog(s, range(last - 14, last, 10))
    }))

    it('rejects every call after close', withStorage(f, async (c) => {
      await c.storage.save({ entries: entries(1, 1, 1) })
      await c.storage.close()
      await c.storage.close() // idempotent
      await assert.rejects(c.storage.save({ entries: entries(2, 2, 1) }), ClosedError)
      await assert.rejects(c.storage.saveSnapshot(snapshot(1, 1)), ClosedError)
      await assert.rejects(c.storage.load(), ClosedError)
      assertLog(await c.reopen(), range(1, 1, 1))
    }))
  })
}
