/**
 * The peer process of one lab host, started by the controller as
 * `ip netns exec <ns> node peer.js <config.json>`. Starts a mesh with the host's identity and
 * data directory, starts the workloads' peer modules, reports on stdout (JSON lines, see
 * protocol.ts) and obeys `drain` / `stop` on stdin. If stdin closes (the controller died), it
 * stops and exits: a lab must never leave orphan peers behind.
 */
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { isAbsolute } from 'node:path'
import { createMesh, type MeshOptions } from '../index.js'
import type { ControlMessage, PeerConfig, PeerMessage } from './protocol.js'
import type { LabPeerModule, LabPeerWorkload } from './workloads/types.js'

const say = (msg: PeerMessage): void => { process.stdout.write(JSON.stringify(msg) + '\n') }
const log = (line: string): void => { process.stderr.write(`${new Date().toISOString()} ${line}\n`) }

const configPath = process.argv[2]
if (configPath === undefined) throw new Error('usage: peer.js <config.json>')
const config = JSON.parse(readFileSync(configPath, 'utf8')) as PeerConfig

const mesh = await createMesh({
  failureDetection: { pingInterval: 1000, pingTimeout: 4000 },
  dialTimeout: 3000,
  ...(config.mesh as MeshOptions),
  listen: config.listen,
  bootstrap: config.bootstrap,
  identity: config.identity,
  dataDir: config.dataDir
})
say({ type: 'ready', at: Date.now(), peerId: mesh.peerId, addresses: mesh.addresses })
log(`host ${config.host} incarnation ${config.incarnation}: peer ${mesh.peerId} on ${mesh.addresses.join(' ')}`)
mesh.on('peer:join', p => { log(`joined ${p} (${mesh.peers().length})`); say({ type: 'peers', at: Date.now(), count: mesh.peers().length }) })
mesh.on('peer:leave', p => { log(`left ${p} (${mesh.peers().length})`); say({ type: 'peers', at: Date.now(), count: mesh.peers().length }) })
// Peers may have joined while createMesh ran (before these listeners): report the count now, and
// every second after, so the controller never waits on a join it could not see.
say({ type: 'peers', at: Date.now(), count: mesh.peers().length })
setInterval(() => { say({ type: 'peers', at: Date.now(), count: mesh.peers().length }) }, 1000).unref()

const stopping = new AbortController()
const running: Array<{ name: string, handle: LabPeerWorkload }> = []
for (const w of config.workloads) {
  const url = isAbsolute(w.module) ? pathToFileURL(w.module).href : w.module
  const mod = await import(url) as Partial<LabPeerModule>
  if (typeof mod.start !== 'function') throw new Error(`workload ${w.name}: ${w.module} exports no start(ctx)`)
  const handle = await mod.start({
    mesh,
    host: config.host,
    hosts: config.hosts,
    incarnation: config.incarnation,
    options: w.options,
    emit: event => { say({ type: 'event', at: Date.now(), workload: w.name, event }) },
    log: line => { log(`[${w.name}] ${line}`) },
    signal: stopping.signal
  })
  running.push({ name: w.name, handle })
}

let stopped: Promise<void> | undefined
async function stop (): Promise<void> {
  stopped ??= (async () => {
    stopping.abort()
    // Bounded: a workload wedged on a partitioned peer must not keep the process alive.
    await Promise.race([
      Promise.allSettled(running.map(async r => { await r.handle.stop() })),
      new Promise(resolve => setTimeout(resolve, 10_000).unref())
    ])
    await Promise.race([mesh.stop(), new Promise(resolve => setTimeout(resolve, 10_000).unref())])
    say({ type: 'stopped', at: Date.now() })
    process.exit(0)
  })()
  return await stopped
}

const lines = createInterface({ input: process.stdin })
lines.on('line', line => {
  let msg: ControlMessage
  try { msg = JSON.parse(line) as ControlMessage } catch { log(`bad control line: ${line}`); return }
  if (msg.cmd === 'drain') {
    for (const r of running) {
      Promise.resolve(r.handle.drain?.())
        .then(() => { say({ type: 'drained', at: Date.now(), workload: r.name }) })
        .catch(err => { log(`drain of ${r.name} failed: ${(err as Error).stack ?? String(err)}`); say({ type: 'drained', at: Date.now(), workload: r.name }) })
    }
  } else if (msg.cmd === 'stop') {
    void stop()
  }
})
lines.on('close', () => { void stop() })
process.on('SIGTERM', () => { void stop() })
