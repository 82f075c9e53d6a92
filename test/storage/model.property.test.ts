/**
 * Property: any sequence of save / saveSnapshot / reopen (awaited or left in flight, valid or
 * not) leaves the storage in the state a deliberately naive model predicts. fast-check prints
 * the seed and the shrunk counterexample on failure; MESHCHAN_STORAGE_PROP_SEED replays one.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Entry, HardState, PersistedState, RaftStorage, Snapshot } from '../../src/raft/storage.js'
import { fileHarness, type HarnessFactory, memoryHarness, payload, snapshot as makeSnapshot } from './helpers.js'

type Op =
  | { kind: 'append', back: number, count: number, bump: boolean, withHardState: boolean, size: number, wait: boolean }
  | { kind: 'snapshot', at: number, matchTerm: boolean, wait: boolean }
  | { kind: 'hardState', wait: boolean }
  | { kind: 'gap' }
  | { kind: 'reopen' }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), back: fc.nat(6), count: fc.integer({ min: 0, max: 8 }), bump: fc.boolean(), withHardState: fc.boolean(), size: fc.nat(300), wait: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), at: fc.integer({ min: -2, max: 12 }), matchTerm: fc.boolean(), wait: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hardState' as const), wait: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gap' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) }
)

/** The spec, as plainly as possible: a map from index to entry, and the snapshot. */
class Model {
  snapshot: Snapshot | null = null
  log = new Map<number, Entry>()
  hardState: HardState = { term: 0, vote: '', commit: 0 }
  term = 1

  get snapIndex (): number { return this.snapshot?.meta.index ?? 0 }
  get last (): number { return Math.max(this.snapIndex, ...this.log.keys()) }

  termAt (i: number): number | undefined {
    return i === this.snapIndex ? (this.snapshot?.meta.term ?? 0) : this.log.get(i)?.term
  }

  /** Returns false if the storage must reject the batch. */
  save (entries: Entry[], hs: HardState | undefined): boolean {
    const kept = entries.filter(e => e.index > this.snapIndex)
    if (kept.length > 0 && kept[0].index > this.last + 1) return false
    for (const e of kept) {
      for (const k of [...this.log.keys()]) if (k >= e.index) this.log.delete(k)
      this.log.set(e.index, e)
    }
    if (hs !== undefined) this.hardState = hs
    return true
  }

  saveSnapshot (s: Snapshot): boolean {
    if (s.meta.index < this.snapIndex) return false
    const match = this.termAt(s.meta.index) === s.meta.term
    for (const k of [...this.log.keys()]) if (!match || k <= s.meta.index) this.log.delete(k)
    this.snapshot = s
    return true
  }

  state (): PersistedState {
    return { hardState: this.hardState, snapshot: this.snapshot, entries: [...this.log.values()].sort((a, b) => a.index - b.index) }
  }
}

async function run (f: HarnessFactory, ops: Op[]): Promise<void> {
  const h = await f.create()
  try {
    const model = new Model()
    let { storage } = await h.open() as { storage: RaftStorage }
    let inFlight: Array<Promise<void>> = []
    const settle = async (): Promise<void> => {
      await Promise.all(inFlight)
      inFlight = []
    }
    const check = async (): Promise<void> => {
      await settle()
      await storage.close()
      const next = await h.open()
      storage = next.storage
      assert.deepEqual(next.state, model.state())
    }
    const submit = async (p: Promise<void>, ok: boolean, wait: boolean): Promise<void> => {
      if (!ok) {
        await assert.rejects(p)
        return
      }
      if (wait) await p
      else inFlight.push(p)
    }
    for (const op of ops) {
      switch (op.kind) {
        case 'append': {
          if (op.bump) model.term++
          const from = Math.max(1, model.last + 1 - op.back)
          const es: Entry[] = []
          for (let i = from; i < from + op.count; i++) es.push({ index: i, term: model.term, type: i % 5 === 0 ? 'config' : 'normal', data: payload(i, model.term, op.size) })
          const hs = op.withHardState ? { term: model.term, vote: `v${model.term}`, commit: Math.max(0, model.last - 1) } : undefined
          await submit(storage.save({ entries: es, hardState: hs }), model.save(es, hs), op.wait)
          break
        }
        case 'snapshot': {
          const at = Math.max(0, model.last - 6 + op.at)
          const t = op.matchTerm ? (model.termAt(at) ?? model.term) : model.term + 1
          const s = makeSnapshot(at, t)
          await submit(storage.saveSnapshot(s), model.saveSnapshot(s), op.wait)
          break
        }
        case 'hardState': {
          const hs = { term: model.term, vote: '', commit: model.last }
          await submit(storage.save({ entries: [], hardState: hs }), model.save([], hs), op.wait)
          break
        }
        case 'gap': {
          const es = [{ index: model.last + 2, term: model.term, type: 'noop' as const, data: new Uint8Array() }]
          await submit(storage.save({ entries: es }), model.save(es, undefined), true)
          break
        }
        case 'reopen':
          await check()
          break
      }
    }
    await check()
    await storage.close()
  } finally {
    await h.cleanup()
  }
}

const seed = process.env.MESHCHAN_STORAGE_PROP_SEED !== undefined ? Number(process.env.MESHCHAN_STORAGE_PROP_SEED) : undefined

describe('RaftStorage matches the model on random call sequences', () => {
  const cases: Array<[HarnessFactory, number]> = [
    [memoryHarness(), 300],
    [fileHarness({ segmentBytes: 400 }, 'FileStorage (400-byte segments)'), 100],
    [fileHarness({ segmentBytes: 64 * 1024, durability: 'os' }, "FileStorage (64 KiB segments, 'os')"), 50]
  ]
  for (const [f, numRuns] of cases) {
    it(f.name, async () => {
      await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async ops => { await run(f, ops) }), { numRuns, seed })
    })
  }
})
