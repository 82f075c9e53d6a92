/**
 * The peer processes of a lab: one per host, each inside its host's namespace, with its own
 * identity file and data directory (kept across kill -9 and restart).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadOrCreateIdentity } from '../node/identity.js'
import { LabPeerError } from './errors.js'
import type { LabNetwork } from './network.js'
import type { ControlMessage, PeerConfig, PeerMessage } from './protocol.js'

/** TCP port every peer listens on (each host has its own network stack, so one port fits all). */
export const PEER_PORT = 4001
/** How long a peer may take to start and print `ready`. */
export const PEER_START_TIMEOUT_MS = 30_000
/** How long a peer may take to stop after `stop` before it is killed. */
export const PEER_STOP_TIMEOUT_MS = 15_000

export type HostState = 'starting' | 'running' | 'paused' | 'killed' | 'stopped'

export interface HostsOptions {
  network: LabNetwork
  /** Working directory: identities, data dirs and configs go under it (removed by the caller). */
  dir: string
  /** Where per-host logs go (`h<i>.log`, kept for the report). */
  logDir: string
  mesh: Record<string, unknown>
  workloads: PeerConfig['workloads']
  onMessage: (host: number, incarnation: number, msg: PeerMessage) => void
  log: (line: string) => void
}

interface Host {
  index: number
  peerId: string
  identity: string
  dataDir: string
  incarnation: number
  state: HostState
  child: ChildProcess | undefined
  exited: Promise<void> | undefined
  logFile: WriteStream
}

/** Resolves the real `node` binary: the one running the controller (Node 24 in this project). */
function nodeBinary (): string {
  return process.execPath
}

export class LabHosts {
  private readonly hosts: Host[] = []
  private readonly peerScript = fileURLToPath(new URL('./peer.js', import.meta.url))

  private constructor (private readonly options: HostsOptions) {}

  /** Creates identities (so every PeerId is known before any peer starts: bootstrap lists need them). */
  static async create (options: HostsOptions): Promise<LabHosts> {
    const hosts = new LabHosts(options)
    for (let i = 0; i < options.network.hosts; i++) {
      const base = join(options.dir, `h${i}`)
      mkdirSync(join(base, 'data'), { recursive: true })
      mkdirSync(options.logDir, { recursive: true })
      const identity = join(base, 'identity.key')
      const peerId = peerIdFromPrivateKey(await loadOrCreateIdentity(identity)).toString()
      hosts.hosts.push({ index: i, peerId, identity, dataDir: join(base, 'data'), incarnation: -1, state: 'stopped', child: undefined, exited: undefined, logFile: createWriteStream(join(options.logDir, `h${i}.log`), { flags: 'w' }) })
    }
    return hosts
  }

  get peerIds (): string[] {
    return this.hosts.map(h => h.peerId)
  }

  state (host: number): HostState {
    return this.get(host).state
  }

  incarnation (host: number): number {
    return this.get(host).incarnation
  }

  /** Hosts whose peer process is up (running or paused). */
  live (): number[] {
    return this.hosts.filter(h => h.state === 'running' || h.state === 'paused').map(h => h.index)
  }

  address (host: number): string {
    return `/ip4/${this.options.network.addresses[host] as string}/tcp/${PEER_PORT}/p2p/${this.get(host).peerId}`
  }

  /** Starts all peers at once and waits until each printed `ready`. */
  async startAll (): Promise<void> {
    await Promise.all(this.hosts.map(async h => { await this.start(h.index) }))
  }

  /** Starts (or restarts) one host's peer: same identity, same data directory, next incarnation. */
  async start (host: number): Promise<void> {
    const h = this.get(host)
    if (h.state === 'running' || h.state === 'starting' || h.state === 'paused') return
    h.incarnation++
    h.state = 'starting'
    const config: PeerConfig = {
      host,
      hosts: this.hosts.length,
      incarnation: h.incarnation,
      listen: [`/ip4/${this.options.network.addresses[host] as string}/tcp/${PEER_PORT}`],
      bootstrap: this.hosts.filter(o => o.index !== host).map(o => this.address(o.index)),
      identity: h.identity,
      dataDir: h.dataDir,
      mesh: this.options.mesh,
      workloads: this.options.workloads
    }
    const configPath = join(this.options.dir, `h${host}`, `config-${h.incarnation}.json`)
    writeFileSync(configPath, JSON.stringify(config, null, 2))
    // `ip netns exec` execs the command in place: the child's pid is node's own, so signals reach it.
    const child = spawn(this.options.network.execPrefix(host)[0] as string, [...this.options.network.execPrefix(host).slice(1), nodeBinary(), this.peerScript, configPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' }
    })
    h.child = child
    const incarnation = h.incarnation
    const { promise: ready, resolve: onReady, reject: onFail } = Promise.withResolvers<void>()
    h.exited = new Promise(resolve => {
      child.once('exit', (code, signal) => {
        h.logFile.write(`${new Date().toISOString()} [lab] incarnation ${incarnation} exited (code ${code}, signal ${signal})\n`)
        if (h.child === child) {
          if (h.state !== 'killed') h.state = 'stopped'
          h.child = undefined
        }
        onFail(new LabPeerError(host, `peer exited before it was ready (code ${code}, signal ${signal}); see ${join(this.options.logDir, `h${host}.log`)}`))
        resolve()
      })
    })
    child.stdin?.on('error', () => {}) // a killed peer's stdin: writes fail, nothing to do
    child.stderr?.pipe(h.logFile, { end: false })
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', line => {
      let msg: PeerMessage
      try { msg = JSON.parse(line) as PeerMessage } catch {
        h.logFile.write(`[stdout] ${line}\n`)
        return
      }
      if (msg.type === 'ready') {
        if (msg.peerId !== h.peerId) this.options.log(`host ${host}: unexpected PeerId ${msg.peerId}`)
        h.state = 'running'
        onReady()
      }
      this.options.onMessage(host, incarnation, msg)
    })
    const timer = setTimeout(() => { onFail(new LabPeerError(host, `peer not ready within ${PEER_START_TIMEOUT_MS} ms`)) }, PEER_START_TIMEOUT_MS)
    try {
      await ready
    } catch (err) {
      this.signal(host, 'SIGKILL')
      throw err
    } finally {
      clearTimeout(timer)
    }
  }

  /** kill -9 (a paused peer is continued first so it dies at once); resolves once it exited. */
  async kill (host: number): Promise<void> {
    const h = this.get(host)
    if (h.child === undefined) return
    h.state = 'killed'
    this.signal(host, 'SIGCONT')
    this.signal(host, 'SIGKILL')
    await this.waitExit(h, 5000)
  }

  pause (host: number): void {
    const h = this.get(host)
    if (h.state !== 'running') return
    this.signal(host, 'SIGSTOP')
    h.state = 'paused'
  }

  resume (host: number): void {
    const h = this.get(host)
    if (h.state !== 'paused') return
    this.signal(host, 'SIGCONT')
    h.state = 'running'
  }

  /** Sends a control message to every running peer. */
  broadcast (msg: ControlMessage): void {
    for (const h of this.hosts) {
      if (h.state === 'running') h.child?.stdin?.write(JSON.stringify(msg) + '\n')
    }
  }

  /** Asks every peer to stop; kills those that don't exit in time. */
  async stopAll (): Promise<void> {
    for (const h of this.hosts) this.resume(h.index)
    this.broadcast({ cmd: 'stop' })
    await Promise.all(this.hosts.map(async h => {
      if (h.child === undefined) return
      const exited = await this.waitExit(h, PEER_STOP_TIMEOUT_MS)
      if (!exited) {
        this.options.log(`host ${h.index}: did not stop within ${PEER_STOP_TIMEOUT_MS} ms, killing it`)
        this.signal(h.index, 'SIGKILL')
        await this.waitExit(h, 5000)
      }
      h.state = 'stopped'
    }))
    for (const h of this.hosts) h.logFile.end()
  }

  /** Last resort on the way out: SIGKILL every peer this lab started. Synchronous. */
  killAllSync (): void {
    for (const h of this.hosts) {
      this.signal(h.index, 'SIGCONT')
      this.signal(h.index, 'SIGKILL')
    }
  }

  private async waitExit (h: Host, ms: number): Promise<boolean> {
    if (h.exited === undefined || h.child === undefined) return true
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<false>(resolve => { timer = setTimeout(() => { resolve(false) }, ms) })
    const r = await Promise.race([h.exited.then(() => true as const), timedOut])
    clearTimeout(timer)
    return r
  }

  /** Signals only a child this lab spawned (by its pid, never by name). */
  private signal (host: number, sig: NodeJS.Signals): void {
    const child = this.get(host).child
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
    try { process.kill(child.pid, sig) } catch {}
  }

  private get (host: number): Host {
    const h = this.hosts[host]
    if (h === undefined) throw new LabPeerError(host, 'no such host')
    return h
  }
}
