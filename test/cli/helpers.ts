// Runs the built CLI (dist/src/cli/main.js) as child processes, the way a user's shell would.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))
export const CHAT = fileURLToPath(new URL('../../examples/broadcast/chat.js', import.meta.url))

/** Flags that keep a peer on loopback with a random port. */
export const LOCAL = ['--listen', '/ip4/127.0.0.1/tcp/0']

export interface Finished { code: number | null, stdout: string, stderr: string }

/** Runs `meshchan <args>` to completion (killed after `timeout` ms). */
export async function runCli (args: string[], options: { input?: string, timeout?: number } = {}): Promise<Finished> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeout ?? 30_000 })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s })
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s })
  child.stdin.end(options.input ?? '')
  const code = await new Promise<number | null>(resolve => child.on('close', code => { resolve(code) }))
  return { code, stdout, stderr }
}

/** A long-running `meshchan <args>` (or another script) whose output lines a test can wait for. */
export class CliProcess {
  readonly process: ChildProcess
  readonly stdout: string[] = []
  readonly stderr: string[] = []
  readonly exited: Promise<number | null>
  /** Exit code once exited (null if killed by a signal); undefined while running. */
  exitCode: number | null | undefined
  #listeners = new Set<() => void>()

  constructor (readonly args: string[], options: { script?: string, stdin?: boolean } = {}) {
    this.process = spawn(process.execPath, [options.script ?? CLI, ...args], { stdio: [options.stdin === true ? 'pipe' : 'ignore', 'pipe', 'pipe'] })
    for (const [stream, lines] of [[this.process.stdout!, this.stdout], [this.process.stderr!, this.stderr]] as const) {
      createInterface({ input: stream }).on('line', line => {
        lines.push(line)
        for (const l of [...this.#listeners]) l()
      })
    }
    this.exited = new Promise(resolve => this.process.on('close', code => {
      this.exitCode = code
      resolve(code)
      for (const l of [...this.#listeners]) l()
    }))
  }

  /** Resolves with the first line of `stream` matching `re` (seen already or to come). */
  async line (stream: 'stdout' | 'stderr', re: RegExp, timeout = 20_000): Promise<RegExpExecArray> {
    const { promise, resolve, reject } = Promise.withResolvers<RegExpExecArray>()
    const check = (): void => {
      for (const line of this[stream]) {
        const m = re.exec(line)
        if (m !== null) { resolve(m); return }
      }
      if (this.exitCode !== undefined) reject(new Error(`meshchan ${this.args[0]} exited (${this.exitCode}) without printing ${re}; stderr:\n${this.stderr.join('\n')}`))
    }
    const timer = setTimeout(() => { reject(new Error(`timed out waiting for ${re} from meshchan ${this.args[0]}; stderr:\n${this.stderr.join('\n')}`)) }, timeout)
    this.#listeners.add(check)
    try {
      check()
      return await promise
    } finally {
      clearTimeout(timer)
      this.#listeners.delete(check)
    }
  }

  /** SIGKILL if still running (for `after` hooks). */
  kill (): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL')
  }
}
