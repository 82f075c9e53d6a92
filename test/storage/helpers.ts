/** Shared helpers for the storage tests. */
import { mkdtemp, rm, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Entry, EntryType, PersistedState, RaftStorage, Snapshot } from '../../src/raft/storage.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { openFileStorage } from '../../src/storage/file-storage.js'
import type { FileStorageOptions } from '../../src/storage/options.js'
import { mulberry32 } from '../../src/testkit/random.js'

export async function tempDir (prefix = 'meshchan-storage-'): Promise<string> {
  return await mkdtemp(join(tmpdir(), prefix))
}

export async function removeDir (dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/** Deterministic payload for (index, term): tests can tell an intact entry from a damaged one. */
export function payload (index: number, term: number, size?: number): Uint8Array {
  const n = size ?? (index * 7 + term * 13) % 97
  const out = new Uint8Array(n)
  let x = (index * 2654435761 + term * 40503) >>> 0
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

const TYPES: EntryType[] = ['normal', 'config', 'noop']

export function entry (index: number, term: number, size?: number): Entry {
  return { index, term, type: TYPES[index % 3], data: payload(index, term, size) }
}

/** Entries `from..to` inclusive, all of `term`. */
export function entries (from: number, to: number, term: number): Entry[] {
  const out: Entry[] = []
  for (let i = from; i <= to; i++) out.push(entry(i, term))
  return out
}

export function snapshot (index: number, term: number, voters = ['a', 'b', 'c']): Snapshot {
  return { meta: { index, term, membership: { voters, learners: ['l'] } }, data: payload(index, term + 1000, 300) }
}

/** Compact "index/term" listing, for readable assertion failures. */
export function describeLog (es: Entry[]): string {
  return es.map(e => `${e.index}/${e.term}`).join(' ')
}

/**
 * A way to get storage instances over one durable state: `open()` returns a new, loaded
 * instance; the previous one must have been closed ("reopen").
 */
export interface Harness {
  open: () => Promise<{ storage: RaftStorage, state: PersistedState }>
  cleanup: () => Promise<void>
}

export interface HarnessFactory {
  name: string
  create: () => Promise<Harness>
}

export function memoryHarness (): HarnessFactory {
  return {
    name: 'MemoryStorage',
    create: async () => {
      let last: MemoryStorage | null = null
      return {
        open: async () => {
          const storage: MemoryStorage = new MemoryStorage(last?.persisted())
          last = storage
          return { storage, state: await storage.load() }
        },
        cleanup: async () => {}
      }
    }
  }
}

export function fileHarness (options: FileStorageOptions = {}, name = 'FileStorage'): HarnessFactory {
  return {
    name,
    create: async () => {
      const dir = await tempDir()
      let last: RaftStorage | null = null
      return {
        open: async () => {
          const storage = await openFileStorage(dir, options)
          last = storage
          return { storage, state: await storage.load() }
        },
        cleanup: async () => {
          await last?.close().catch(() => {})
          await removeDir(dir)
        }
      }
    }
  }
}

/** Offsets and lengths of the frames in a segment file (test-side parser of the framing). */
export async function listFrames (path: string): Promise<Array<{ offset: number, len: number, type: number }>> {
  const buf = await readFile(path)
  const out: Array<{ offset: number, len: number, type: number }> = []
  let pos = 0
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32LE(pos)
    if (len === 0 || pos + 8 + len > buf.length) break
    out.push({ offset: pos, len, type: buf[pos + 8] })
    pos += 8 + len
  }
  return out
}

/** Payload size used by the kill -9 writer: up to ~2 KB, derived from (index, term). */
export function killPayload (index: number, term: number): Uint8Array {
  return payload(index, term, ((index * 31 + term * 17) % 50) * 40)
}

export function killEntry (index: number, term: number): Entry {
  return { index, term, type: TYPES[index % 3], data: killPayload(index, term) }
}

/** Small seeded PRNG (mulberry32): the same seed gives the same sequence of decisions. */
export const rng = mulberry32
