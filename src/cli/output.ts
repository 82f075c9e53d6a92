/**
 * Where the CLI writes: stdout carries only the machine-readable result of a command (JSON lines,
 * addresses, peer ids); everything meant for a human goes to stderr. Errors become one line.
 */
import { MeshchanError } from '../errors.js'
import { UsageError } from './flags.js'

/** Exit codes: 0 done, 1 failed (timeout, library error), 2 bad usage, 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const

/** One line of result on stdout. */
export function out (line: string): void {
  process.stdout.write(line + '\n')
}

/** One line for humans on stderr. */
export function info (line: string): void {
  process.stderr.write(line + '\n')
}

/** Wall-clock timestamp for log lines, ISO 8601 in UTC. */
export function timestamp (): string {
  return new Date().toISOString()
}

/** `1 peer`, `2 peers`. */
export function plural (n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function debugging (): boolean {
  const debug = process.env.DEBUG
  return debug !== undefined && debug !== ''
}

/**
 * Prints an error the way a user wants to read it and returns the exit code. Usage errors point
 * at `--help`; meshchan's own errors are one line (`meshchan: <message>`), with the stack only
 * when `DEBUG` is set; anything else is a bug and keeps its stack.
 */
export function reportError (err: unknown): number {
  if (err instanceof UsageError) {
    const where = err.command === '' ? 'meshchan' : `meshchan ${err.command}`
    info(`${where}: ${err.message} (see ${where} --help)`)
    return EXIT.usage
  }
  if (err instanceof MeshchanError) {
    info(`meshchan: ${err.message}`)
    if (debugging()) info(String(err.stack))
    return EXIT.failed
  }
  info(`meshchan: unexpected error: ${err instanceof Error ? (debugging() ? err.stack : err.message) : String(err)}`)
  if (!debugging()) info('(set DEBUG=meshchan:* for details)')
  return EXIT.failed
}
