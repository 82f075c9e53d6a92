/**
 * Hosts on one machine: one Linux network namespace per host, joined by a bridge that lives in a
 * namespace of its own (so nothing of the lab appears in the root namespace and no lab packet can
 * leave the machine). Faults are applied inside the hosts' namespaces: nftables for cut links and
 * random loss, tc for delay/jitter/rate. Everything created is named with the run's prefix,
 * recorded in a manifest, and removed by {@link LabNetwork.destroy}; operations on anything else
 * throw {@link LabOwnershipError}.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LabCommandError, LabOwnershipError, LabUnsupportedError } from './errors.js'
import { run, runSync } from './exec.js'

/** Where manifests of live runs are kept, so `meshchan lab --cleanup` can remove a crashed run's namespaces. */
export const MANIFEST_DIR = join(tmpdir(), 'meshchan-lab')

/** The nftables table the lab installs in each host namespace. */
const TABLE = 'meshchan_lab'

export interface NetworkOptions {
  /** Unique run prefix, e.g. `mcl-1234-ab`: every namespace name starts with it. */
  prefix: string
  hosts: number
  /** Log one line (timestamps are added by the caller). */
  log?: (line: string) => void
}

/** What the lab needs from the machine, probed once. */
export interface Capabilities {
  ok: boolean
  /** Why the lab can't run, when `ok` is false. */
  reason?: string
  nft: boolean
  netem: boolean
}

/** What a network shaping call really applied (the kernel may lack netem). */
export interface ShapeResult {
  applied: string
  emulated: boolean
}

/**
 * Checks that the lab can run: root, `ip` and `nft` present, and a namespace can be made and
 * removed. Never throws.
 */
export async function probeCapabilities (): Promise<Capabilities> {
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (this is ${process.platform})`, nft: false, netem: false }
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root (run as root, or in a container with CAP_NET_ADMIN and CAP_SYS_ADMIN)', nft: false, netem: false }
  const has = async (argv: string[]): Promise<boolean> => await run(argv, { timeout: 5000 }).then(() => true, () => false)
  if (!await has(['ip', '-V'])) return { ok: false, reason: '`ip` (iproute2) is missing: run scripts/lab-setup.sh', nft: false, netem: false }
  const nft = await has(['nft', '--version'])
  if (!nft) return { ok: false, reason: '`nft` (nftables) is missing: run scripts/lab-setup.sh', nft, netem: false }
  const probe = `mcl-probe-${process.pid}-${Math.random().toString(36).slice(2, 7)}`
  try {
    await run(['ip', 'netns', 'add', probe])
  } catch (err) {
    return { ok: false, reason: `\`ip netns add\` failed (${(err as Error).message}); the lab needs CAP_SYS_ADMIN`, nft, netem: false }
  }
  let netem = false
  try {
    netem = await has(['ip', 'netns', 'exec', probe, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'])
    if (!await has(['ip', 'netns', 'exec', probe, 'nft', 'add', 'table', 'inet', TABLE])) {
      return { ok: false, reason: 'nftables does not work inside a namespace (kernel without nf_tables?)', nft: false, netem }
    }
  } finally {
    await run(['ip', 'netns', 'del', probe]).catch(() => {})
  }
  return { ok: true, nft, netem }
}

/** The host namespaces and bridge of one lab run. */
export class LabNetwork {
  readonly prefix: string
  readonly hosts: number
  readonly bridgeNs: string
  readonly hostNs: string[]
  /** `10.77.0.<10+i>` etc.: the /24 picked at creation. */
  readonly addresses: string[]
  private readonly created: string[] = []
  private readonly manifest: string
  private readonly log: (line: string) => void
  private netem = false
  private destroyed = false

  private constructor (options: NetworkOptions, subnet: string) {
    if (!/^mcl-[a-z0-9-]+$/.test(options.prefix) || options.prefix.length > 24) throw new LabOwnershipError(`prefix "${options.prefix}" (must be mcl-[a-z0-9-]+)`)
    this.prefix = options.prefix
    this.hosts = options.hosts
    this.bridgeNs = `${options.prefix}-br`
    this.hostNs = Array.from({ length: options.hosts }, (_, i) => `${options.prefix}-h${i}`)
    this.addresses = Array.from({ length: options.hosts }, (_, i) => `${subnet}.${10 + i}`)
    this.manifest = join(MANIFEST_DIR, `${options.prefix}.json`)
    this.log = options.log ?? (() => {})
  }

  /** The subnet (first three octets) the hosts are on. */
  get subnet (): string {
    return (this.addresses[0] ?? '').split('.').slice(0, 3).join('.')
  }

  /** Whether delay/jitter use real tc netem (else they are emulated, see {@link shape}). */
  get hasNetem (): boolean {
    return this.netem
  }

  /**
   * Builds the network: bridge namespace, one namespace per host with `eth0` on the bridge and an
   * address from a private /24 that the root namespace does not use. On any failure, removes
   * what it made and rethrows.
   */
  static async create (options: NetworkOptions, capabilities?: Capabilities): Promise<LabNetwork> {
    const caps = capabilities ?? await probeCapabilities()
    if (!caps.ok) throw new LabUnsupportedError(caps.reason ?? 'unknown')
    const net = new LabNetwork(options, await pickSubnet())
    net.netem = caps.netem
    try {
      await net.build()
    } catch (err) {
      await net.destroy()
      throw err
    }
    return net
  }

  private async build (): Promise<void> {
    this.writeManifest()
    await this.addNamespace(this.bridgeNs)
    const br = ['ip', '-n', this.bridgeNs]
    await run([...br, 'link', 'add', 'br0', 'type', 'bridge'])
    await run([...br, 'link', 'set', 'br0', 'up'])
    for (const [i, ns] of this.hostNs.entries()) {
      await this.addNamespace(ns)
      // Both veth ends are created directly inside their namespaces: nothing passes through the root namespace.
      await run(['ip', 'link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', `h${i}`, 'netns', this.bridgeNs])
      await run([...br, 'link', 'set', `h${i}`, 'master', 'br0'])
      await run([...br, 'link', 'set', `h${i}`, 'up'])
      await run(['ip', '-n', ns, 'addr', 'add', `${this.addresses[i]}/24`, 'dev', 'eth0'])
      await run(['ip', '-n', ns, 'link', 'set', 'eth0', 'up'])
      await run(['ip', '-n', ns, 'link', 'set', 'lo', 'up'])
      await this.nft(i, [
        `table inet ${TABLE} {`,
        '  set cut { type ipv4_addr; }',
        '  chain output { type filter hook output priority 0; policy accept; ip daddr @cut drop; }',
        '  chain input { type filter hook input priority 0; policy accept; ip saddr @cut drop; }',
        '  chain loss { type filter hook output priority 1; policy accept; }',
        '}'
      ].join('\n'))
    }
    this.log(`network: bridge ${this.bridgeNs}, hosts ${this.hostNs.map((ns, i) => `${ns}=${this.addresses[i]}`).join(' ')}${this.netem ? '' : ' (no tc netem in this kernel: delay is emulated)'}`)
  }

  private async addNamespace (ns: string): Promise<void> {
    this.own(ns, false)
    await run(['ip', 'netns', 'add', ns])
    this.created.push(ns)
    this.writeManifest()
  }

  /** Throws unless `ns` is one of this run's namespaces (and, if `mustExist`, was created). */
  private own (ns: string, mustExist = true): void {
    const ours = ns === this.bridgeNs || this.hostNs.includes(ns)
    if (!ours || !ns.startsWith(this.prefix + '-') || (mustExist && !this.created.includes(ns))) throw new LabOwnershipError(`namespace ${ns}`)
  }

  private async nft (host: number, script: string): Promise<void> {
    const ns = this.hostNs[host] as string
    this.own(ns)
    await run(['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], { input: script + '\n' })
  }

  private address (host: number): string {
    const a = this.addresses[host]
    if (a === undefined) throw new LabOwnershipError(`host ${host}`)
    return a
  }

  /** Cuts the given links both ways (packets silently dropped, like a pulled cable). */
  async cut (pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
    const per = new Map<number, string[]>()
    for (const [a, b] of pairs) {
      per.set(a, [...(per.get(a) ?? []), this.address(b)])
      per.set(b, [...(per.get(b) ?? []), this.address(a)])
    }
    await Promise.all([...per].map(async ([h, addrs]) => { await this.nft(h, `add element inet ${TABLE} cut { ${addrs.join(', ')} }`) }))
  }

  /** Drops packets from `from` to `to` with probability `percent`; the reverse direction is untouched. */
  async loss (from: number, to: readonly number[], percent: number): Promise<void> {
    const p = Math.max(0, Math.min(100, Math.round(percent)))
    if (p === 0 || to.length === 0) return
    const rule = p >= 100 ? 'drop' : `numgen random mod 100 < ${p} drop`
    await this.nft(from, `add rule inet ${TABLE} loss ip daddr { ${to.map(h => this.address(h)).join(', ')} } ${rule}`)
  }

  /**
   * Slows `host`'s egress: delay ± jitter and random loss. With tc netem (when the kernel has it)
   * that is exactly what happens; without it (some VM kernels) the loss is applied with nftables
   * and the delay is approximated by a token-bucket bottleneck (tbf) whose queue adds latency;
   * the result says which.
   */
  async shape (host: number, spec: { delayMs: number, jitterMs: number, lossPercent: number }): Promise<ShapeResult> {
    const ns = this.hostNs[host] as string
    this.own(ns)
    if (this.netem) {
      const argv = ['ip', 'netns', 'exec', ns, 'tc', 'qdisc', 'replace', 'dev', 'eth0', 'root', 'netem', 'delay', `${spec.delayMs}ms`, `${spec.jitterMs}ms`, 'distribution', 'normal']
      if (spec.lossPercent > 0) argv.push('loss', `${spec.lossPercent}%`)
      await run(argv)
      return { applied: `netem delay ${spec.delayMs}ms ${spec.jitterMs}ms loss ${spec.lossPercent}%`, emulated: false }
    }
    await this.loss(host, this.addresses.map((_, i) => i).filter(i => i !== host), spec.lossPercent)
    // 2 Mbit/s with a queue that may hold up to delayMs of traffic: a slow link rather than a long one.
    await run(['ip', 'netns', 'exec', ns, 'tc', 'qdisc', 'replace', 'dev', 'eth0', 'root', 'tbf', 'rate', '2mbit', 'burst', '16kb', 'latency', `${Math.max(20, spec.delayMs + spec.jitterMs)}ms`])
    return { applied: `tbf 2mbit (queue ≤ ${spec.delayMs + spec.jitterMs} ms) + ${spec.lossPercent}% loss (no netem in this kernel)`, emulated: true }
  }

  /** Removes every cut, loss rule and qdisc the lab added. */
  async heal (): Promise<void> {
    await Promise.all(this.hostNs.map(async (ns, i) => {
      await this.nft(i, `flush set inet ${TABLE} cut\nflush chain inet ${TABLE} loss`)
      // Deleting a root qdisc that was never added fails harmlessly: ignore that one error.
      await run(['ip', 'netns', 'exec', ns, 'tc', 'qdisc', 'del', 'dev', 'eth0', 'root']).catch((err: unknown) => {
        if (!(err instanceof LabCommandError)) throw err
      })
    }))
  }

  /** The command prefix that runs a program inside host `i`'s namespace. */
  execPrefix (host: number): string[] {
    const ns = this.hostNs[host] as string
    this.own(ns)
    return ['ip', 'netns', 'exec', ns]
  }

  /**
   * Kills every process still inside the lab's namespaces (only those: `ip netns pids` lists the
   * namespace's own), then deletes the namespaces (which deletes their veths and the bridge).
   * Idempotent; never throws.
   */
  async destroy (): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    for (const ns of [...this.created].reverse()) {
      const pids = await run(['ip', 'netns', 'pids', ns]).catch(() => '')
      for (const pid of pids.split(/\s+/).filter(p => /^\d+$/.test(p))) {
        try { process.kill(Number(pid), 'SIGCONT'); process.kill(Number(pid), 'SIGKILL') } catch {}
      }
      if (pids.trim() !== '') await sleep(100)
      await run(['ip', 'netns', 'del', ns]).catch(err => { this.log(`cleanup: ${(err as Error).message}`) })
    }
    this.created.length = 0
    rmSync(this.manifest, { force: true })
  }

  /** {@link destroy} for exit paths where nothing async can run any more. */
  destroySync (): void {
    if (this.destroyed) return
    this.destroyed = true
    destroyNamespacesSync([...this.created].reverse())
    this.created.length = 0
    rmSync(this.manifest, { force: true })
  }

  private writeManifest (): void {
    mkdirSync(MANIFEST_DIR, { recursive: true })
    writeFileSync(this.manifest, JSON.stringify({ pid: process.pid, prefix: this.prefix, namespaces: this.created, createdAt: new Date().toISOString() }) + '\n')
  }
}

function destroyNamespacesSync (namespaces: string[]): void {
  for (const ns of namespaces) {
    if (!ns.startsWith('mcl-')) continue
    let pids: string[] = []
    try {
      pids = String(execFileSyncText(['ip', 'netns', 'pids', ns])).split(/\s+/).filter(p => /^\d+$/.test(p))
    } catch {}
    for (const pid of pids) {
      try { process.kill(Number(pid), 'SIGCONT'); process.kill(Number(pid), 'SIGKILL') } catch {}
    }
    runSync(['ip', 'netns', 'del', ns])
  }
}

function execFileSyncText (argv: string[]): string {
  return execFileSync(argv[0] as string, argv.slice(1), { timeout: 5000, encoding: 'utf8' })
}

/**
 * Removes what crashed lab runs left behind: namespaces listed in a manifest whose controller
 * process is gone. Namespaces not in a manifest are never touched. Returns the ones removed.
 */
export function cleanupStale (): string[] {
  const removed: string[] = []
  let files: string[] = []
  try { files = readdirSync(MANIFEST_DIR).filter(f => f.startsWith('mcl-') && f.endsWith('.json')) } catch { return removed }
  for (const f of files) {
    const path = join(MANIFEST_DIR, f)
    let m: { pid: number, prefix: string, namespaces: string[] }
    try { m = JSON.parse(readFileSync(path, 'utf8')) } catch { continue }
    if (alive(m.pid)) continue
    const ours = m.namespaces.filter(ns => typeof ns === 'string' && ns.startsWith(m.prefix + '-'))
    destroyNamespacesSync(ours)
    removed.push(...ours)
    rmSync(path, { force: true })
  }
  return removed
}

function alive (pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM' }
}

/**
 * Picks 10.77.0.0/24, or the next free 10.x.0.0/24 up to 10.99: "free" means the root namespace
 * has no address or route in it. (The lab's /24 lives only inside its own namespaces, but a clash
 * with the root's networks would make reports confusing, so it is avoided anyway.)
 */
async function pickSubnet (): Promise<string> {
  const used = await run(['ip', '-4', 'route', 'show', 'table', 'all']).catch(() => '') + await run(['ip', '-4', 'addr']).catch(() => '')
  for (let second = 77; second <= 99; second++) {
    const subnet = `10.${second}.0`
    if (!used.includes(`${subnet}.`) && !used.includes(`10.${second}.0.0/`) && !used.includes('10.0.0.0/8')) return subnet
  }
  throw new LabUnsupportedError('no free 10.77–99.0.0/24 subnet in the root namespace')
}

async function sleep (ms: number): Promise<void> { await new Promise(resolve => setTimeout(resolve, ms)) }
