/**
 * The lifetime of a command that runs a peer: start the mesh, turn SIGINT/SIGTERM into an
 * AbortSignal the command watches, and always stop the mesh before the process ends.
 */
import { createMesh, type Mesh } from '../node/mesh.js'
import type { MeshOptions } from '../node/options.js'
import { InvalidOptionError } from '../errors.js'
import { UsageError } from './flags.js'
import { info } from './output.js'

export interface Session {
  mesh: Mesh
  /** Aborts on SIGINT or SIGTERM. */
  signal: AbortSignal
  /** True once a signal asked the command to stop. */
  readonly interrupted: boolean
}

/**
 * Runs `body` with a started mesh and returns its exit code. A signal aborts `session.signal`;
 * the mesh is stopped whether `body` returns, throws or is interrupted. A second signal while
 * stopping exits at once (the user insists).
 */
export async function withMesh (command: string, options: MeshOptions, body: (session: Session) => Promise<number>): Promise<number> {
  const controller = new AbortController()
  let signals = 0
  const onSignal = (name: NodeJS.Signals): void => {
    signals++
    if (signals > 1) {
      info(`meshchan: ${name} again, exiting without a clean stop`)
      process.exit(130)
    }
    controller.abort(new Error(`received ${name}`))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // Children of `meshchan demo` stop when the demo's end of their stdin pipe closes, however it died.
  const onStdinEnd = (): void => { controller.abort(new Error('stdin closed')) }
  const watchStdin = process.env.MESHCHAN_STOP_ON_STDIN_EOF === '1'
  if (watchStdin) process.stdin.on('end', onStdinEnd).on('error', onStdinEnd).resume()
  let mesh: Mesh | undefined
  try {
    try {
      mesh = await createMesh(options)
    } catch (err) {
      throw err instanceof InvalidOptionError ? asUsageError(command, err) : err
    }
    const session: Session = {
      mesh,
      signal: controller.signal,
      get interrupted () { return controller.signal.aborted }
    }
    return await body(session)
  } finally {
    await mesh?.stop()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    if (watchStdin) {
      process.stdin.off('end', onStdinEnd).off('error', onStdinEnd)
      process.stdin.destroy()
    }
  }
}

/** Option names of the library, as the flags a user typed. */
const FLAG_OF: Record<string, string> = { bootstrap: '--bootstrap', listen: '--listen', identity: '--identity', dataDir: '--data-dir', swarmKey: '--swarm-key', mdns: '--mdns' }

/** `invalid option "bootstrap[0]": …` → `bad --bootstrap: …`, a usage error (exit 2). */
function asUsageError (command: string, err: InvalidOptionError): UsageError {
  const field = err.field.replace(/\[\d+\]$/, '')
  const flag = FLAG_OF[field]
  if (flag === undefined) return new UsageError(command, err.message)
  return new UsageError(command, `bad ${flag}: ${err.message.replace(/^invalid option "[^"]*": /, '')}`)
}

/** Resolves when `signal` aborts (never rejects). */
export async function untilAborted (signal: AbortSignal): Promise<void> {
  if (signal.aborted) return
  await new Promise<void>(resolve => { signal.addEventListener('abort', () => { resolve() }, { once: true }) })
}

/** An AbortSignal that fires on the first of `signal` or `ms` elapsing (`ms` undefined: never). */
export function withDeadline (signal: AbortSignal, ms: number | undefined): AbortSignal {
  return ms === undefined ? signal : AbortSignal.any([signal, AbortSignal.timeout(ms)])
}
