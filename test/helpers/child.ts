import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** A test peer in a child process (test/fixtures/peer.ts), spoken to in JSON lines. */
export class ChildPeer {
  readonly process: ChildProcessWithoutNullStreams
  private readonly waiting: Array<{ match: (m: any) => boolean, resolve: (m: any) => void }> = []
  private readonly seen: any[] = []
  readonly exited: Promise<number | null>

  constructor (args: string[] = []) {
    const script = fileURLToPath(new URL('../fixtures/peer.js', import.meta.url))
    this.process = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.exited = new Promise(resolve => this.process.once('exit', code => { resolve(code) }))
    createInterface({ input: this.process.stdout }).on('line', line => {
      const msg = JSON.parse(line)
      const i = this.waiting.findIndex(w => w.match(msg))
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(msg)
      else this.seen.push(msg)
    })
    this.process.stderr.on('data', (d: Buffer) => { process.stderr.write(`[child] ${d.toString()}`) })
  }

  /** Resolves with the first line (already seen or future) for which `match` holds. */
  async next (match: (m: any) => boolean, timeoutMs = 15_000): Promise<any> {
    const i = this.seen.findIndex(match)
    if (i >= 0) return this.seen.splice(i, 1)[0]
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error('timed out waiting for child output')) }, timeoutMs)
      this.waiting.push({ match, resolve: m => { clearTimeout(timer); resolve(m) } })
    })
  }

  command (cmd: unknown): void {
    this.process.stdin.write(JSON.stringify(cmd) + '\n')
  }

  kill (): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL')
  }
}
