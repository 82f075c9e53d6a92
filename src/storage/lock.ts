/**
 * One opener per storage directory. Node has no flock(), so this is a PID lock file created
 * with O_EXCL, plus a registry for openers in this process:
 * - same process, already open → refused (always reliable);
 * - another live process holds LOCK → refused;
 * - LOCK names a dead process (e.g. after kill -9) → taken over.
 * Limits: a PID reused by an unrelated process after a crash makes the lock look held (remove
 * LOCK by hand), and two processes taking over the same stale lock at the same instant can both
 * win. Good enough to catch the usual mistake of starting a node twice on one directory.
 */
import { open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { StorageLockedError } from './errors.js'

const heldInProcess = new Set<string>()

export const LOCK_FILE = 'LOCK'

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the lock on `dir` (an absolute, resolved path); returns the function that releases it. */
export async function acquireLock (dir: string): Promise<() => Promise<void>> {
  if (heldInProcess.has(dir)) throw new StorageLockedError(dir, 'already open in this process')
  heldInProcess.add(dir)
  const path = join(dir, LOCK_FILE)
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const fh = await open(path, 'wx', 0o600)
        try {
          await fh.writeFile(`${process.pid}\n`)
        } finally {
          await fh.close()
        }
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err
        const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
          throw new StorageLockedError(dir, `held by live process ${pid}`)
        }
        // Stale: left by a process that died (or by this one, before its registry knew).
        await unlink(path).catch(() => {})
      }
    }
  } catch (err) {
    heldInProcess.delete(dir)
    throw err
  }
  return async () => {
    // Unlink before forgetting it, so a new opener in this process can't see its own PID in a
    // LOCK file that is about to disappear.
    await unlink(path).catch(() => {})
    heldInProcess.delete(dir)
  }
}
