/**
 * The demo's local cluster: CLI commands run as child processes of the demo, their output shown
 * with a `[name]` prefix, and every child stopped when the demo ends, fails or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { MeshchanError, TimeoutError } from '../../errors.js'

/** This CLI's own entry point (dist/src/cli/main.js), which the children run. */
export const CLI_ENTRY = fileURLToPath(new URL('../main.js', import.meta.url))

/**
 * Set in every child's environment: the child stops cleanly when its stdin closes, so a demo that
 * dies without cleaning up (even SIGKILL) leaves no orphans, since the pipe closes with it.
 */
export const STOP_ON_STDIN_EOF = 'MESHCHAN_STOP_ON_STDIN_EOF'

export interface Line {
  stream: 'stdout' | 'stderr'
  text: string
}

/** Displays a child's output line (the group decides how). */
export type Show = (child: Child, line: Line) => void

/** One child process running `meshchan <args>`. */
export class Child extends EventEmitter<{ line: [Line] }> {
  readonly lines: Line[] = []
  readonly exited: Promise<number | null>
  exitCode: number | null | undefined
  readonly #process: ChildProcess

  constructor (readonly name: string, readonly args: string[], show: Show) {
    super()
    this.#process = spawn(process.execPath, [CLI_ENTRY, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, [STOP_ON_STDIN_EOF]: '1' }
    })
    // The streams end before 'close' fires, so every line is read before `exited` resolves.
    this.exited = new Promise(resolve => {
      this.#process.on('close', code => { this.exitCode = code; resolve(code) })
      this.#process.on('error', () => { this.exitCode = null; resolve(null) })
    })
    for (const stream of ['stdout', 'stderr'] as const) {
      const input = this.#process[stream]
      if (input === null) continue
      createInterface({ input, crlfDelay: Infinity }).on('line', text => {
        const line = { stream, text }
        this.lines.push(line)
        show(this, line)
        this.emit('line', line)
      })
    }
  }

  get running (): boolean { return this.exitCode === undefined }

  /**
   * The first line (already printed or still to come) that `match` accepts. Rejects if the child
   * exits first or `signal` aborts.
   */
  async waitForLine (match: (line: Line) => boolean, signal: AbortSignal, what: string): Promise<Line> {
    const seen = this.lines.find(match)
    if (seen !== undefined) return seen
    const { promise, resolve, reject } = Promise.withResolvers<Line>()
    const onLine = (line: Line): void => { if (match(line)) resolve(line) }
    const onAbort = (): void => { reject(new TimeoutError(`${this.name}: timed out waiting for ${what}`)) }
    this.on('line', onLine)
    signal.addEventListener('abort', onAbort, { once: true })
    void this.exited.then(code => { reject(new MeshchanError('ERR_DEMO', `${this.name} exited (code ${code}) before ${what}`)) })
    try {
      if (signal.aborted) onAbort()
      return await promise
    } finally {
      this.off('line', onLine)
      signal.removeEventListener('abort', onAbort)
    }
  }

  /** Resolves with the exit code; rejects if `signal` aborts first. */
  async waitForExit (signal: AbortSignal): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null
    const { promise, reject } = Promise.withResolvers<never>()
    const onAbort = (): void => { reject(new TimeoutError(`${this.name}: timed out waiting for it to exit`)) }
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      if (signal.aborted) onAbort()
      return await Promise.race([this.exited, promise])
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  /** Asks the child to stop (SIGTERM: a clean mesh stop), and kills it if it takes over `graceMs`. */
  async stop (graceMs = 5000): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null
    this.#process.kill('SIGTERM')
    const timer = setTimeout(() => { this.kill() }, graceMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
  }

  /** SIGKILL, synchronous: for process exit paths. */
  kill (): void {
    if (this.running) this.#process.kill('SIGKILL')
  }
}

/** All children of one demo run. */
export class ProcessGroup {
  readonly children: Child[] = []
  readonly #onExit = (): void => { for (const c of this.children) c.kill() }

  constructor (private readonly show: Show) {
    // Last resort if the demo process ends without stopping its children (an uncaught error).
    process.on('exit', this.#onExit)
  }

  /** Starts `meshchan <args>` as a child called `name`; `show` overrides how its lines are displayed. */
  start (name: string, args: string[], show: Show = this.show): Child {
    const child = new Child(name, args, show)
    this.children.push(child)
    return child
  }

  /** Stops every child still running (SIGTERM, then SIGKILL after the grace period). */
  async stopAll (graceMs = 5000): Promise<void> {
    await Promise.all(this.children.map(async c => await c.stop(graceMs)))
    process.off('exit', this.#onExit)
  }
}
