/**
 * kill -9 in the middle of writes, many times over one directory: after every kill, every
 * acknowledged entry, hard state and snapshot must be back, intact, in a contiguous log.
 *
 * MESHCHAN_STORAGE_KILL_SEED=<n> replays a run's decisions (the kill timing still varies);
 * MESHCHAN_STORAGE_KILL_ITERATIONS=<n> runs more kills (default 24).
 */
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { PersistedState } from '../../src/raft/storage.js'
import { openFileStorage } from '../../src/storage/file-storage.js'
import { StorageLockedError } from '../../src/storage/errors.js'
import { killEntry, removeDir, rng, snapshot, tempDir } from './helpers.js'

const WRITER = fileURLToPath(new URL('./fixtures/kill-writer.js', import.meta.url))
const ITERATIONS = Number(process.env.MESHCHAN_STORAGE_KILL_ITERATIONS ?? 24)
const SEED = Number(process.env.MESHCHAN_STORAGE_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31))
const SEGMENT_BYTES = 16 * 1024

/** What the child acknowledged, replayed with the storage semantics. */
interface Acked {
  base: number
  terms: Map<number, number>
  hsTerm: number
  hsCommit: number
  acks: number
}

function applyLines (model: Acked, lines: string[]): void {
  for (const line of lines) {
    const [kind, ...rest] = line.split(' ')
    const n = rest.map(Number)
    if (kind === 'ack') {
      const [from, to, term, hsTerm, hsCommit] = n
      for (const i of [...model.terms.keys()]) if (i >= from) model.terms.delete(i)
      for (let i = Math.max(from, model.base + 1); i <= to; i++) model.terms.set(i, term)
      model.hsTerm = hsTerm
      model.hsCommit = hsCommit
      model.acks++
    } else if (kind === 'snap') {
      const [index] = n
      model.base = Math.max(model.base, index)
      for (const i of [...model.terms.keys()]) if (i <= index) model.terms.delete(i)
      model.acks++
    }
  }
}

function verify (state: PersistedState, model: Acked, where: string): void {
  const base = state.snapshot?.meta.index ?? 0
  if (state.snapshot !== null) {
    assert.deepEqual(state.snapshot, snapshot(base, state.snapshot.meta.term), `${where}: snapshot ${base} intact`)
  }
  assert.ok(base >= model.base, `${where}: acknowledged snapshot ${model.base} lost (have ${base})`)
  state.entries.forEach((e, k) => {
    assert.equal(e.index, base + 1 + k, `${where}: log not contiguous at position ${k}`)
    assert.deepEqual(e, killEntry(e.index, e.term), `${where}: entry ${e.index} damaged`)
  })
  const last = state.entries.at(-1)
  for (const [i, t] of model.terms) {
    if (i <= base) continue
    const e = state.entries[i - base - 1]
    if (e !== undefined) {
      assert.ok(e.term >= t, `${where}: acknowledged entry ${i}/${t} replaced by older term ${e.term}`)
    } else {
      // Only a newer, unacknowledged conflicting write may have cut the log short.
      assert.ok(last !== undefined && last.term > t, `${where}: acknowledged entry ${i}/${t} lost (log ends at ${last?.index ?? base})`)
    }
  }
  assert.ok(state.hardState.term >= model.hsTerm, `${where}: hard state term ${state.hardState.term} < acknowledged ${model.hsTerm}`)
  assert.ok(state.hardState.commit >= model.hsCommit, `${where}: commit ${state.hardState.commit} < acknowledged ${model.hsCommit}`)
  assert.equal(state.hardState.vote, model.hsTerm > 0 ? 'n1' : state.hardState.vote)
}

class ChildStartError extends Error {
  constructor (readonly stderr: string) {
    super(`writer exited before it was killed:\n${stderr}`)
  }
}

/**
 * Runs the writer, retrying a few times if it could not even load its modules: dist/ can be
 * half-rewritten for a moment when a build runs at the same time (a shared checkout). Any
 * other early exit, such as recovery failing in the child, fails the test.
 */
async function runChildRetrying (dir: string, seed: number, durability: string, killAfterMs: number, checkLock: boolean): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await runChild(dir, seed, durability, killAfterMs, checkLock)
    } catch (err) {
      const moduleLoad = err instanceof ChildStartError && /SyntaxError|ERR_MODULE_NOT_FOUND|Cannot find module/.test(err.stderr)
      if (!moduleLoad || attempt >= 5) throw err
      await new Promise(resolve => setTimeout(resolve, 500))
    }
  }
}

async function runChild (dir: string, seed: number, durability: string, killAfterMs: number, checkLock = false): Promise<string[]> {
  const child = spawn(process.execPath, [WRITER, dir, String(seed), durability, String(SEGMENT_BYTES)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(resolve => child.on('exit', (code, signal) => resolve({ code, signal })))
  let timer: NodeJS.Timeout | undefined
  const ready = new Promise<void>(resolve => {
    const check = (): void => {
      if (stdout.includes('ready')) resolve()
      else timer = setTimeout(check, 2)
    }
    check()
  })
  const first = await Promise.race([ready.then(() => 'ready' as const), exited.then(() => 'exited' as const)])
  clearTimeout(timer)
  if (first === 'exited') throw new ChildStartError(stderr)
  if (checkLock) {
    // The live child holds the directory: a second opener must be refused.
    await assert.rejects(openFileStorage(dir), StorageLockedError)
  }
  await new Promise(resolve => setTimeout(resolve, killAfterMs))
  child.kill('SIGKILL')
  const { signal } = await exited
  assert.equal(signal, 'SIGKILL', `writer died on its own:\n${stderr}`)
  // Only complete lines: a line cut by the kill was never fully acknowledged.
  return stdout.split('\n').slice(0, -1)
}

it(`FileStorage survives kill -9 during writes (${ITERATIONS} kills)`, async (t) => {
  t.diagnostic(`seed ${SEED} (MESHCHAN_STORAGE_KILL_SEED to replay)`)
  const dir = await tempDir('meshchan-kill9-')
  t.after(async () => { await removeDir(dir) })
  const random = rng(SEED)
  const model: Acked = { base: 0, terms: new Map(), hsTerm: 0, hsCommit: 0, acks: 0 }
  let repairs = 0
  let truncated = 0
  for (let iter = 0; iter < ITERATIONS; iter++) {
    const where = `seed ${SEED} iteration ${iter}`
    const durability = iter % 3 === 2 ? 'os' : 'fsync'
    const killAfter = random() < 0.2 ? Math.floor(random() * 10) : 20 + Math.floor(random() * 120)
    const lines = await runChildRetrying(dir, Math.floor(random() * 2 ** 31), durability, killAfter, iter === 0)
    applyLines(model, lines.filter(l => !l.startsWith('ready')))
    const s = await openFileStorage(dir)
    try {
      const state = await s.load().catch((err: Error) => { throw new Error(`${where}: recovery failed: ${err.message}`, { cause: err }) })
      verify(state, model, where)
      if ((s.recovery?.truncatedBytes ?? 0) > 0) {
        repairs++
        truncated += s.recovery?.truncatedBytes ?? 0
      }
    } finally {
      await s.close()
    }
  }
  t.diagnostic(`${model.acks} acknowledged calls checked; ${repairs} torn tails repaired (${truncated} bytes)`)
  assert.ok(model.acks > ITERATIONS, 'the writers made progress')
})
