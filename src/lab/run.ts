/**
 * `runLab`: build the hosts, start the peers and workloads, play the nemesis schedule, heal,
 * drain, check, report, and clean up whatever happens (errors, SIGINT/SIGTERM, uncaught errors:
 * an `exit` hook removes the namespaces synchronously as a last resort).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { InvalidOptionError, MeshchanError } from '../errors.js'
import { LabHosts } from './hosts.js'
import { createNemesis, faultHosts } from './nemesis.js'
import { LabNetwork, probeCapabilities, type Capabilities } from './network.js'
import type { PeerMessage } from './protocol.js'
import { Random } from './random.js'
import { writeReport } from './report.js'
import { describeFault, generateSchedule, NEMESES, parseNemeses, type NemesisKind, type Schedule } from './schedule.js'
import { channelWorkload } from './workloads/channel.js'
import { queueWorkload } from './workloads/queue.js'
import type { FaultWindow, LabWorkload, LabWorkloadResult } from './workloads/types.js'

export interface LabOptions {
  /** Hosts (network namespaces, one peer each). Default 3. */
  hosts?: number
  /** Nemeses to draw from: kinds, or a comma list like `partition-halves,kill`, or `all`. Default all. */
  nemeses?: readonly NemesisKind[] | string
  /** Length of the fault schedule, ms (heal and drain come after). Default 60 000. */
  duration?: number
  /** Seed of the schedule. Default: random (printed, and written to the report, to replay the run). */
  seed?: number
  /** Report directory (summary.json, report.html, lab.log, logs/h<i>.log; overwritten). Default: a new temp directory. */
  out?: string
  /**
   * What runs on the hosts: built-in `'channel'` / `'queue'`, or your own {@link LabWorkload}
   * (see examples/lab/). Default `['channel']`.
   */
  workloads?: ReadonlyArray<LabWorkload | 'channel' | 'queue'>
  /** Extra JSON-safe `createMesh` options for every peer. */
  mesh?: Record<string, unknown>
  /** Fault timing; see {@link generateSchedule}. */
  faultMs?: [number, number]
  quietMs?: [number, number]
  warmupMs?: number
  /** Slack around fault windows for checkers (failure detection, re-dial). Default 15 000. */
  graceMs?: number
  /** Longest drain after the heal, ms. Default 60 000. */
  drainTimeout?: number
  /** Log sink (one line each, already timestamped). Default: stderr. */
  log?: (line: string) => void
  /** Aborts the run (it still heals, stops and cleans up, then rejects). */
  signal?: AbortSignal
  /** Install SIGINT/SIGTERM handlers that abort the run and clean up. Default true. */
  handleSignals?: boolean
}

export interface LabResult {
  ok: boolean
  seed: number
  hosts: number
  durationMs: number
  nemeses: NemesisKind[]
  schedule: Schedule
  windows: FaultWindow[]
  capabilities: Capabilities
  workloads: Array<Omit<LabWorkloadResult, 'samples' | 'markers'>>
  /** Violations over all workloads. */
  violations: number
  startedAt: string
  /** Time from the heal to the end of the drain, ms. */
  drainMs: number
  dir: string
  summaryPath: string
  htmlPath: string
}

/** The run was aborted (signal, SIGINT, SIGTERM) after cleaning up. */
export class LabAbortedError extends MeshchanError {
  constructor (reason: string) {
    super('ERR_LAB_ABORTED', `lab run aborted (${reason}); everything it created was removed`)
  }
}

/**
 * Runs a partition lab and writes its report. Resolves with the result (check `ok`); rejects with
 * `LabUnsupportedError` where namespaces can't be made, `LabAbortedError` when aborted.
 * ```ts
 * import { runLab } from 'meshchan/testkit'
 * const r = await runLab({ hosts: 5, nemeses: 'partition-halves,kill', duration: 60_000, seed: 7, out: 'report' })
 * if (!r.ok) process.exitCode = 1
 * ```
 */
export async function runLab (options: LabOptions = {}): Promise<LabResult> {
  const hosts = options.hosts ?? 3
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 16) throw new InvalidOptionError('hosts', `expected 1–16, got ${String(hosts)}`)
  const durationMs = options.duration ?? 60_000
  const nemeses = typeof options.nemeses === 'string' ? parseNemeses(options.nemeses) : [...(options.nemeses ?? NEMESES)]
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31)
  const graceMs = options.graceMs ?? 15_000
  const workloads = (options.workloads ?? ['channel']).map(w => w === 'channel' ? channelWorkload() : w === 'queue' ? queueWorkload({ expect: hosts }) : w)
  const names = new Set<string>()
  for (const w of workloads) {
    if (names.has(w.name)) throw new InvalidOptionError('workloads', `two workloads named "${w.name}"`)
    names.add(w.name)
  }
  const dir = resolve(options.out ?? mkdtempSync(join(tmpdir(), 'meshchan-lab-')))
  mkdirSync(dir, { recursive: true })
  const logPath = join(dir, 'lab.log')
  writeFileSync(logPath, '')
  const sink = options.log ?? ((line: string) => { process.stderr.write(line + '\n') })
  const log = (line: string): void => {
    const stamped = `${new Date().toISOString()} ${line}`
    appendFileSync(logPath, stamped + '\n')
    sink(stamped)
  }

  const capabilities = await probeCapabilities()
  const schedule = generateSchedule({ seed, hosts, durationMs, nemeses, faultMs: options.faultMs, quietMs: options.quietMs, warmupMs: options.warmupMs })
  log(`lab: ${hosts} hosts, ${durationMs} ms, seed ${seed}, nemeses ${nemeses.join(',') || 'none'}, ${schedule.steps.length} faults; report in ${dir}`)
  for (const s of schedule.steps) log(`  planned +${(s.at / 1000).toFixed(1)}s for ${(s.duration / 1000).toFixed(1)}s: ${describeFault(s.fault)}`)

  const abort = new AbortController()
  const onSignal = (sig: string): void => { log(`lab: ${sig}, cleaning up`); abort.abort(new LabAbortedError(sig)) }
  const onSigint = (): void => { onSignal('SIGINT') }
  const onSigterm = (): void => { onSignal('SIGTERM') }
  if (options.handleSignals !== false) {
    process.on('SIGINT', onSigint)
    process.on('SIGTERM', onSigterm)
  }
  const onUserAbort = (): void => { abort.abort(new LabAbortedError('signal')) }
  options.signal?.addEventListener('abort', onUserAbort, { once: true })
  const signal = abort.signal

  const prefix = `mcl-${process.pid}-${new Random(Date.now()).int(0, 36 ** 3).toString(36)}`
  let network: LabNetwork | undefined
  let labHosts: LabHosts | undefined
  // Last resort: whatever kills this process from here on (uncaught error, process.exit), the
  // namespaces and peers go with it.
  const onExit = (): void => { labHosts?.killAllSync(); network?.destroySync(); rmSync(work, { recursive: true, force: true }) }
  process.on('exit', onExit)

  // Identities and Raft data of this run only: a fresh directory, removed at the end.
  const work = mkdtempSync(join(tmpdir(), `${prefix}-`))
  const windows: FaultWindow[] = []
  const peerCounts = new Map<number, number>()
  const drained = new Map<string, Set<number>>()
  const restarts: Array<{ at: number, label: string }> = []
  try {
    network = await LabNetwork.create({ prefix, hosts, log }, capabilities)
    labHosts = await LabHosts.create({
      network,
      dir: work,
      logDir: join(dir, 'logs'),
      mesh: Object.assign({}, ...workloads.map(w => w.meshOptions ?? {}), options.mesh ?? {}),
      workloads: workloads.map(w => ({ name: w.name, module: w.peerModule, options: w.peerOptions ?? {} })),
      log,
      onMessage: (host: number, inc: number, msg: PeerMessage) => {
        switch (msg.type) {
          case 'event': workloads.find(w => w.name === msg.workload)?.onEvent(host, inc, msg.event, msg.at); break
          case 'peers': peerCounts.set(host, msg.count); break
          case 'drained': drained.set(msg.workload, (drained.get(msg.workload) ?? new Set()).add(host)); break
          case 'ready': if (inc > 0) restarts.push({ at: msg.at, label: `h${host} restarted` }); break
          default: break
        }
      }
    })
    const h = labHosts
    await h.startAll()
    log(`lab: ${hosts} peers started (${h.peerIds.map((p, i) => `h${i}=${p.slice(-6)}`).join(' ')})`)
    const connected = await waitFor(() => h.live().every(i => (peerCounts.get(i) ?? 0) >= hosts - 1), 30_000, signal)
    log(connected ? 'lab: mesh fully connected' : 'lab: mesh not fully connected after 30 s, going on')

    const nemesis = createNemesis(network, h, log)
    const t0 = Date.now()
    for (const step of schedule.steps) {
      await sleepUntil(t0 + step.at, signal)
      const start = Date.now()
      const applied = await nemesis.apply(step.fault)
      log(`nemesis start: ${applied}`)
      await sleepUntil(start + step.duration, signal)
      const reverted = await nemesis.revert(step.fault)
      const end = Date.now()
      log(`nemesis end: ${reverted} (${((end - start) / 1000).toFixed(1)} s)`)
      windows.push({ kind: step.fault.kind, description: applied, start, end, hosts: faultHosts(step.fault, hosts) })
    }
    await sleepUntil(t0 + durationMs, signal)
    await nemesis.healAll()
    const healedAt = Date.now()
    log('lab: healed, draining')
    await waitFor(() => h.live().every(i => (peerCounts.get(i) ?? 0) >= hosts - 1), 20_000, signal)
    h.broadcast({ cmd: 'drain' })
    const deadline = Date.now() + (options.drainTimeout ?? 60_000)
    for (const w of workloads) {
      await waitFor(() => h.live().every(i => drained.get(w.name)?.has(i) === true), Math.max(0, deadline - Date.now()), signal)
      await w.drain?.({ deadline, signal, log, liveHosts: h.live() })
    }
    const end = Date.now()
    log(`lab: drained in ${((end - healedAt) / 1000).toFixed(1)} s, stopping peers`)
    const finalPeers = h.live().map(i => ({ host: i, inc: h.incarnation(i) }))
    await h.stopAll()

    const results = workloads.map(w => {
      const r = w.check({ windows, start: t0, healedAt, end, graceMs, finalPeers })
      r.markers.push(...restarts)
      return r
    })
    for (const r of results) {
      log(`check ${r.name}: ${r.ok ? 'OK' : 'FAILED'} ${JSON.stringify(r.figures)}`)
      for (const v of r.violations.slice(0, 10)) log(`  ${v.kind}: ${v.message}`)
    }
    const result: LabResult = {
      ok: results.every(r => r.ok),
      seed,
      hosts,
      durationMs,
      nemeses,
      schedule,
      windows,
      capabilities,
      workloads: results.map(({ samples: _s, markers: _m, ...rest }) => rest),
      violations: results.reduce((n, r) => n + r.violations.length, 0),
      startedAt: new Date(t0).toISOString(),
      drainMs: end - healedAt,
      dir,
      summaryPath: join(dir, 'summary.json'),
      htmlPath: join(dir, 'report.html')
    }
    writeFileSync(result.summaryPath, JSON.stringify(result, null, 2) + '\n')
    writeReport(result.htmlPath, result, results, t0, end)
    log(`lab: ${result.ok ? 'OK' : 'FAILED'}; report ${result.htmlPath}`)
    return result
  } catch (err) {
    if (signal.aborted) throw signal.reason as Error
    throw err
  } finally {
    await labHosts?.stopAll().catch(() => {})
    await network?.destroy()
    rmSync(work, { recursive: true, force: true })
    process.off('exit', onExit)
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigterm)
    options.signal?.removeEventListener('abort', onUserAbort)
    log('lab: cleaned up')
  }
}

async function sleepUntil (at: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted()
  const ms = at - Date.now()
  if (ms <= 0) return
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve() }, ms)
    const onAbort = (): void => { clearTimeout(t); reject(signal.reason) }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Polls `cond` every 100 ms; resolves true when it holds, false after `ms`. */
async function waitFor (cond: () => boolean, ms: number, signal: AbortSignal): Promise<boolean> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() >= end) return false
    await sleepUntil(Math.min(end, Date.now() + 100), signal)
  }
  return true
}
