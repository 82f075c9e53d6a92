import { execFile, execFileSync } from 'node:child_process'
import { LabCommandError } from './errors.js'

/** Every external command gets a deadline: a wedged `ip` or `nft` must not hang a run. */
export const COMMAND_TIMEOUT_MS = 10_000

/** Runs a command (no shell), resolving with stdout; rejects with {@link LabCommandError}. */
export async function run (argv: string[], options: { input?: string, timeout?: number } = {}): Promise<string> {
  const [file, ...args] = argv
  return await new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: options.timeout ?? COMMAND_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err !== null) reject(new LabCommandError(argv, stderr, { cause: err }))
      else resolve(stdout)
    })
    if (options.input !== undefined) child.stdin?.end(options.input)
  })
}

/**
 * Synchronous variant for cleanup on the way out (signal handlers, `exit`): there is no event loop
 * left to wait on then. Never throws; returns whether the command succeeded.
 */
export function runSync (argv: string[], timeout = COMMAND_TIMEOUT_MS): boolean {
  const [file, ...args] = argv
  try {
    execFileSync(file, args, { timeout, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
