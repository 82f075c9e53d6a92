import { RaftCore, type MembershipChange, type Message, type ProposeResult, type RaftConfig, type Ready } from '../../../src/raft/core/index.js'
import type { Membership } from '../../../src/raft/storage.js'
import { Invariants } from './invariants.js'
import { Network, RELIABLE, type NetOptions } from './network.js'
import { Rng } from './rng.js'
import { encodeValue, SimStateMachine } from './state-machine.js'
import { SimStorage } from './storage.js'

export interface ClusterOptions {
  seed: number
  /** Founding voters (default n1..nN). */
  ids?: string[]
  n?: number
  config?: Partial<RaftConfig>
  net?: Partial<NetOptions>
  /** Network steps per tick: message delays are counted in steps. Default 4. */
  stepsPerTick?: number
  /** Compact when this many entries were applied since the last snapshot (0: never). */
  snapshotEvery?: number
  /** Probability that a member crashes while handling a Ready (before persist, before send, or before apply). */
  crashInReady?: number
  /** Shown in failure messages, e.g. how to replay. */
  label?: string
  /**
   * The failure detector a real driver has (the mesh's connection events): this many ticks after
   * a crash, restart or connectivity change, every live member is told and `wake()`s, and each
   * member that lost its link to a peer then is told `peerDown(peer)` — even if the peer came back
   * meanwhile (a late report, as in life). Default 2. Message loss alone is not detected.
   */
  detectorTicks?: number
}

export class SimNode {
  core: RaftCore | null = null
  sm = new SimStateMachine()
  incarnation = 0
  /** This member's own proposals awaiting apply: index → { term, value }. */
  readonly pending = new Map<number, { term: number, value: string }>()
  /** ReadIndex requests awaiting their ReadState: context → lowest acceptable index. */
  readonly reads = new Map<string, number>()
  readonly rng: Rng

  constructor (readonly id: string, readonly storage: SimStorage, rng: Rng, readonly initialMembership: Membership | undefined) {
    this.rng = rng
  }

  get alive (): boolean { return this.core !== null }
}

const dec = new TextDecoder()

/**
 * A deterministic cluster of cores over a simulated network (drop, delay, reorder, duplicate,
 * partitions), with crashes that keep only persisted state. Invariants are checked after every
 * input a core receives and after every Ready.
 */
export class Cluster {
  readonly rng: Rng
  readonly net: Network
  readonly inv: Invariants
  readonly nodes = new Map<string, SimNode>()
  readonly founders: string[]
  readonly config: Partial<RaftConfig>
  readonly stepsPerTick: number
  snapshotEvery: number
  crashInReady: number
  /** Values whose proposal a client saw applied (acknowledged writes). */
  readonly acked = new Set<string>()
  /** How many times each value was proposed (a retry may legitimately commit a value twice). */
  readonly proposals = new Map<string, number>()
  /** Confirmed reads: context → index. */
  readonly readsDone = new Map<string, number>()
  /** Snapshots installed from a leader, per member. */
  readonly installs = new Map<string, number>()
  now = 0
  private readonly isolated = new Set<string>()
  private readonly group = new Map<string, number>()
  private readonly label: string
  private valueSeq = 0
  private readonly detectorTicks: number
  /** Reports of the failure detector (ascending `at`): links [observer, peer] that went down. */
  private readonly detections: Array<{ at: number, downs: Array<[string, string]> }> = []
  /** Ticks × members spent quiesced (to tell a sweep exercised quiescence). */
  quiescedTicks = 0

  constructor (opts: ClusterOptions) {
    this.label = opts.label ?? `seed ${opts.seed}`
    this.rng = new Rng(opts.seed)
    this.net = new Network(this.rng.fork(), { ...RELIABLE, ...opts.net })
    this.inv = new Invariants(msg => this.fail(msg))
    this.founders = opts.ids ?? Array.from({ length: opts.n ?? 3 }, (_, i) => `n${i + 1}`)
    this.config = opts.config ?? {}
    this.stepsPerTick = opts.stepsPerTick ?? 4
    this.snapshotEvery = opts.snapshotEvery ?? 0
    this.crashInReady = opts.crashInReady ?? 0
    this.detectorTicks = opts.detectorTicks ?? 2
    const membership = { voters: [...this.founders], learners: [] }
    for (const id of this.founders) this.createNode(id, membership)
  }

  fail (msg: string): never {
    throw new Error(`${msg}\n  at tick ${this.ticks} (${this.label})`)
  }

  get ticks (): number { return Math.floor(this.now / this.stepsPerTick) }
  get ids (): string[] { return [...this.nodes.keys()] }
  node (id: string): SimNode {
    const n = this.nodes.get(id)
    if (n === undefined) throw new Error(`no node ${id}`)
    return n
  }

  core (id: string): RaftCore {
    const c = this.node(id).core
    if (c === null) this.fail(`${id} is down`)
    return c
  }

  /** Creates and starts a member. A member added later gets no initial membership. */
  createNode (id: string, initialMembership?: Membership): SimNode {
    const storage = new SimStorage(msg => this.fail(`${id} storage: ${msg}`), (i, t) => this.inv.isCommitted(i, t))
    const n = new SimNode(id, storage, this.rng.fork(), initialMembership)
    this.nodes.set(id, n)
    this.start(n)
    return n
  }

  private start (n: SimNode): void {
    const persisted = n.storage.load()
    const coreRng = n.rng.fork()
    n.incarnation++
    n.core = new RaftCore({ id: n.id, config: this.config, persisted, initialMembership: n.initialMembership, random: () => coreRng.next() })
    n.sm = persisted.snapshot === null ? new SimStateMachine() : SimStateMachine.restore(persisted.snapshot.data)
    if (persisted.snapshot !== null) this.inv.checkSnapshot(n.id, persisted.snapshot.meta.index, persisted.snapshot.meta.term, n.sm.digest)
    n.pending.clear()
    n.reads.clear()
    this.afterInput(n)
  }

  // ---- faults --------------------------------------------------------------------------------

  /** Links [a, b] between live members that can talk, as `a b` keys. */
  private links (): Set<string> {
    const up = new Set<string>()
    for (const a of this.nodes.values()) {
      for (const b of this.nodes.values()) if (a !== b && a.alive && b.alive && this.canTalk(a.id, b.id)) up.add(`${a.id} ${b.id}`)
    }
    return up
  }

  /** Something a failure detector notices happened (`before`: the links until then): schedule its report. */
  private changed (before: Set<string>): void {
    const after = this.links()
    const downs = [...before].filter(k => !after.has(k)).map(k => k.split(' ') as [string, string])
    this.detections.push({ at: this.now + this.detectorTicks * this.stepsPerTick, downs })
  }

  crash (id: string): void {
    const n = this.node(id)
    const before = this.links()
    const wasAlive = n.alive
    n.core = null
    n.sm = new SimStateMachine()
    n.pending.clear()
    n.reads.clear()
    if (wasAlive) this.changed(before)
  }

  restart (id: string): void {
    const n = this.node(id)
    if (n.alive) this.crash(id)
    const before = this.links()
    this.start(n)
    this.changed(before)
  }

  disconnect (id: string): void {
    const before = this.links()
    if (this.isolated.has(id)) return
    this.isolated.add(id)
    this.changed(before)
  }

  connect (id: string): void {
    const before = this.links()
    if (this.isolated.delete(id)) this.changed(before)
  }
  isConnected (id: string): boolean { return !this.isolated.has(id) }

  /** Splits members into groups that only talk among themselves (others keep group 0). */
  partition (groups: string[][]): void {
    const before = this.links()
    const report = this.group.size > 0 || groups.some(g => g.length > 0)
    this.group.clear()
    groups.forEach((g, k) => { for (const id of g) this.group.set(id, k + 1) })
    if (report) this.changed(before)
  }

  heal (): void {
    const before = this.links()
    const report = this.group.size > 0 || this.isolated.size > 0
    this.group.clear()
    this.isolated.clear()
    if (report) this.changed(before)
  }

  canTalk (a: string, b: string): boolean {
    return !this.isolated.has(a) && !this.isolated.has(b) && (this.group.get(a) ?? 0) === (this.group.get(b) ?? 0)
  }

  setNet (opts: Partial<NetOptions>): void {
    this.net.opts = { ...this.net.opts, ...opts }
  }

  // ---- running -------------------------------------------------------------------------------

  /** One network step; every `stepsPerTick` steps all live members tick. */
  step (): void {
    this.now++
    while (this.detections.length > 0 && this.detections[0]!.at <= this.now) {
      const { downs } = this.detections.shift()!
      for (const n of this.nodes.values()) {
        if (n.core === null) continue
        n.core.wake()
        for (const [observer, peer] of downs) if (observer === n.id) n.core.peerDown(peer)
        this.afterInput(n)
      }
    }
    if (this.now % this.stepsPerTick === 0) {
      for (const n of this.nodes.values()) {
        if (n.core === null) continue
        n.core.tick()
        if (n.core.isQuiesced) this.quiescedTicks++
        this.afterInput(n)
      }
    }
    for (const m of this.net.take(this.now)) this.deliver(m)
  }

  private deliver (m: Message): void {
    const n = this.nodes.get(m.to)
    if (n === undefined || n.core === null || !this.canTalk(m.from, m.to)) {
      this.net.stats.dropped++
      return
    }
    this.net.stats.delivered++
    n.core.step(m)
    this.afterInput(n)
  }

  runTicks (ticks: number): void {
    const end = this.now + ticks * this.stepsPerTick
    while (this.now < end) this.step()
  }

  /** Runs until `pred` holds (checked every step); false if it did not within `maxTicks`. */
  runUntil (pred: () => boolean, maxTicks: number): boolean {
    const end = this.now + maxTicks * this.stepsPerTick
    while (this.now < end) {
      if (pred()) return true
      this.step()
    }
    return pred()
  }

  /** Checks invariants after an input and handles every Ready the core has. */
  private afterInput (n: SimNode): void {
    this.observe(n)
    while (n.core !== null && n.core.hasReady()) this.handleReady(n, n.core)
  }

  private observe (n: SimNode): void {
    const core = n.core
    if (core === null) return
    this.inv.observeRole(n.id, core)
    if (core.commitIndex > this.inv.commitCount) {
      const voters = core.membership.voters
      this.inv.observeCommit(n.id, core, this.inv.commitCount, (i, t) => {
        let holders = 0
        for (const v of voters) if (this.nodes.get(v)?.storage.holds(i, t) === true) holders++
        return holders >= Math.floor(voters.length / 2) + 1
      })
    }
  }

  private crashPoint (n: SimNode): boolean {
    if (this.crashInReady > 0 && this.rng.chance(this.crashInReady)) {
      this.crash(n.id)
      return true
    }
    return false
  }

  private handleReady (n: SimNode, core: RaftCore): void {
    const rd: Ready = core.ready()
    this.inv.checkAppended(n.id, core, rd.entries)
    if (this.crashPoint(n)) return
    // 1. persist
    if (rd.snapshot !== undefined) n.storage.saveSnapshot(rd.snapshot)
    n.storage.save({ hardState: rd.hardState, entries: rd.entries })
    if (rd.compaction !== undefined) n.storage.saveSnapshot(rd.compaction)
    if (this.crashPoint(n)) return
    // 2. send
    for (const m of rd.messages) {
      if (m.from !== n.id || m.to === n.id) this.fail(`${n.id} produced a misaddressed message ${m.type} ${m.from}->${m.to}`)
      this.net.send(m, this.now)
    }
    if (this.crashPoint(n)) return
    // 3. apply
    if (rd.snapshot !== undefined) {
      const s = rd.snapshot
      if (s.meta.index <= n.sm.index) this.fail(`${n.id}: snapshot ${s.meta.index} would move applied index back from ${n.sm.index}`)
      const sm = SimStateMachine.restore(s.data)
      this.inv.checkSnapshot(n.id, s.meta.index, s.meta.term, sm.digest)
      n.sm = sm
      this.installs.set(n.id, (this.installs.get(n.id) ?? 0) + 1)
      for (const i of [...n.pending.keys()]) if (i <= s.meta.index) n.pending.delete(i)
    }
    for (const e of rd.committedEntries) {
      if (e.index !== n.sm.index + 1) this.fail(`${n.id}: applied ${e.index} after ${n.sm.index} (out of order or backwards)`)
      const key = this.inv.checkApply(n.id, e)
      n.sm.apply(e, key)
      const p = n.pending.get(e.index)
      if (p !== undefined) {
        n.pending.delete(e.index)
        if (p.term === e.term) {
          if (key !== 'n:' + p.value) this.fail(`${n.id}: entry at (${e.index}, ${e.term}) is not the proposal made there`)
          this.acked.add(p.value)
        }
      }
    }
    for (const rs of rd.readStates) {
      const ctx = dec.decode(rs.context)
      const min = n.reads.get(ctx)
      if (min === undefined) this.fail(`${n.id}: ReadState for unknown context ${ctx}`)
      if (rs.index < min) this.fail(`${n.id}: read ${ctx} confirmed at index ${rs.index}, but ${min} was committed before it was issued (stale read)`)
      n.reads.delete(ctx)
      this.readsDone.set(ctx, rs.index)
    }
    core.advance(rd)
    this.observe(n)
    if (this.snapshotEvery > 0 && n.sm.index - core.snapshotIndex >= this.snapshotEvery) {
      core.compact(n.sm.index, n.sm.snapshotData())
    }
  }

  // ---- clients -------------------------------------------------------------------------------

  nextValue (prefix = 'v'): string {
    return `${prefix}${++this.valueSeq}`
  }

  /** Proposes `value` at member `id`; undefined if it is down or refuses (not leader...). */
  propose (id: string, value: string): ProposeResult | undefined {
    const n = this.node(id)
    if (n.core === null) return undefined
    try {
      const r = n.core.propose(encodeValue(value))
      this.proposals.set(value, (this.proposals.get(value) ?? 0) + 1)
      n.pending.set(r.index, { term: r.term, value })
      this.afterInput(n)
      return r
    } catch (err) {
      if (err instanceof Error && 'code' in err && (err.code === 'ERR_NOT_LEADER' || err.code === 'ERR_PROPOSAL_DROPPED')) return undefined
      throw err
    }
  }

  /**
   * Proposes several values in one go, handling the Ready only after the last (as a driver
   * does with proposals that arrive while it persists): they travel in one append per follower.
   */
  proposeBatch (id: string, values: string[]): ProposeResult[] {
    const n = this.node(id)
    const core = n.core
    if (core === null) return []
    const out: ProposeResult[] = []
    for (const value of values) {
      const r = core.propose(encodeValue(value))
      this.proposals.set(value, (this.proposals.get(value) ?? 0) + 1)
      n.pending.set(r.index, { term: r.term, value })
      out.push(r)
    }
    this.afterInput(n)
    return out
  }

  /** Issues a ReadIndex at `id`; returns false if it refused. */
  read (id: string, context: string): boolean {
    const n = this.node(id)
    if (n.core === null) return false
    try {
      n.core.readIndex(encodeValue(context))
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ERR_NOT_LEADER') return false
      throw err
    }
    n.reads.set(context, this.inv.commitCount)
    this.afterInput(n)
    return true
  }

  changeMembership (id: string, change: MembershipChange): ProposeResult | undefined {
    const n = this.node(id)
    if (n.core === null) return undefined
    try {
      const r = n.core.proposeMembership(change)
      if ((change.type === 'addLearner' || change.type === 'addVoter') && !this.nodes.has(change.id)) this.createNode(change.id)
      this.afterInput(n)
      return r
    } catch (err) {
      if (err instanceof Error && 'code' in err && (err.code === 'ERR_NOT_LEADER' || err.code === 'ERR_PROPOSAL_DROPPED' || err.code === 'ERR_MEMBERSHIP_CHANGE')) return undefined
      throw err
    }
  }

  /** Runs an operation on a live core and handles its output. */
  withCore (id: string, fn: (core: RaftCore) => void): void {
    const n = this.node(id)
    if (n.core === null) this.fail(`${id} is down`)
    fn(n.core)
    this.afterInput(n)
  }

  // ---- observations (MIT 6.5840 style) -------------------------------------------------------

  alive (): string[] { return this.ids.filter(id => this.node(id).alive) }

  /** Live members that are connected and believe they lead, with their terms. */
  connectedLeaders (): Array<{ id: string, term: number }> {
    const out: Array<{ id: string, term: number }> = []
    for (const n of this.nodes.values()) {
      if (n.core !== null && this.isConnected(n.id) && n.core.role === 'leader') out.push({ id: n.id, term: n.core.currentTerm })
    }
    return out
  }

  /** The live leader with the highest term, if any. */
  leader (): string | undefined {
    let best: { id: string, term: number } | undefined
    for (const n of this.nodes.values()) {
      if (n.core !== null && n.core.role === 'leader' && (best === undefined || n.core.currentTerm > best.term)) best = { id: n.id, term: n.core.currentTerm }
    }
    return best?.id
  }

  /** Waits for exactly one connected leader (MIT checkOneLeader); fails if none emerges. */
  checkOneLeader (maxTicks?: number): string {
    const e = this.config.electionTicks ?? 10
    const limit = maxTicks ?? 10 * e
    let last: string | undefined
    const ok = this.runUntil(() => {
      const ls = this.connectedLeaders()
      const byTerm = new Map<number, string[]>()
      for (const l of ls) byTerm.set(l.term, [...(byTerm.get(l.term) ?? []), l.id])
      for (const [t, ids] of byTerm) if (ids.length > 1) this.fail(`term ${t} has ${ids.length} leaders`)
      if (ls.length === 0) return false
      last = ls.reduce((a, b) => (b.term > a.term ? b : a)).id
      return true
    }, limit)
    if (!ok || last === undefined) this.fail('expected one leader, got ' + JSON.stringify(this.connectedLeaders()))
    return last
  }

  checkNoLeader (): void {
    const ls = this.connectedLeaders()
    if (ls.length > 0) this.fail(`expected no leader among connected members, but ${ls.map(l => l.id).join(',')} lead`)
  }

  /** All connected live members agree on the term; returns it. */
  checkTerms (): number {
    let term = -1
    for (const n of this.nodes.values()) {
      if (n.core === null || !this.isConnected(n.id)) continue
      if (term === -1) term = n.core.currentTerm
      else if (term !== n.core.currentTerm) this.fail(`members disagree on term: ${term} vs ${n.core.currentTerm} at ${n.id}`)
    }
    return term
  }

  /** How many live members applied `index` (the applied value is checked by the invariants). */
  nCommitted (index: number): number {
    let n = 0
    for (const node of this.nodes.values()) if (node.core !== null && node.sm.index >= index) n++
    return n
  }

  /** The key committed at `index`, if any. */
  committedKey (index: number): string | undefined {
    return this.inv.committed[index]?.key
  }

  /**
   * MIT's `one()`: proposes `value` through a connected leader and waits until `expected` members
   * applied it; retries with another leader if `retry`. Returns the index.
   */
  one (value: string, expected: number, retry = true): number {
    const e = this.config.electionTicks ?? 10
    const deadline = this.now + 40 * e * this.stepsPerTick
    let start = 0
    while (this.now < deadline) {
      let r: ProposeResult | undefined
      const ids = this.ids
      for (let k = 0; k < ids.length && r === undefined; k++) {
        start = (start + 1) % ids.length
        const id = ids[start]!
        if (!this.isConnected(id)) continue
        const c = this.node(id).core
        if (c === null || c.role !== 'leader') continue
        r = this.propose(id, value)
      }
      if (r !== undefined) {
        const index = r.index
        const done = this.runUntil(() => this.nCommitted(index) >= expected && this.committedKey(index) !== undefined, 2 * e)
        if (done && this.committedKey(index) === 'n:' + value) return index
        if (!retry) this.fail(`one(${value}) failed to reach agreement at index ${index}`)
      } else {
        this.runTicks(1)
      }
    }
    return this.fail(`one(${value}) failed to reach agreement`)
  }

  /** Runs until every live member of the leader's membership applied everything the leader committed. */
  stabilize (maxTicks: number): string {
    let leader: string | undefined
    const ok = this.runUntil(() => {
      leader = this.leader()
      if (leader === undefined) return false
      const lc = this.core(leader)
      if (lc.commitIndex !== lc.lastIndex || lc.termAt(lc.commitIndex) !== lc.currentTerm) return false
      const m = lc.membership
      for (const id of [...m.voters, ...m.learners]) {
        const n = this.nodes.get(id)
        if (n === undefined || n.core === null) continue
        if (n.core.commitIndex !== lc.commitIndex || n.sm.index !== lc.commitIndex || n.core.lastIndex !== lc.lastIndex) return false
      }
      return true
    }, maxTicks)
    if (!ok || leader === undefined) this.fail(`cluster did not stabilize within ${maxTicks} ticks: ${this.describe()}`)
    return leader
  }

  /** Final checks once the cluster is stable: every acknowledged write is applied everywhere, once. */
  checkFinal (): void {
    const leader = this.leader()
    if (leader === undefined) this.fail('no leader at the end')
    const m = this.core(leader).membership
    for (const id of [...m.voters, ...m.learners]) {
      const n = this.nodes.get(id)
      if (n === undefined || n.core === null) continue
      const seen = new Set<string>()
      for (const v of n.sm.values) {
        if (seen.has(v) && this.proposals.get(v) === 1) this.fail(`${id} applied value ${v} twice but it was proposed once`)
        seen.add(v)
      }
      for (const v of this.acked) if (!seen.has(v)) this.fail(`acknowledged value ${v} missing from ${id}'s state machine`)
      if (n.sm.digest !== this.inv.digests[n.sm.index]) this.fail(`${id}: state machine digest differs from the committed log`)
    }
  }

  describe (): string {
    return this.ids.map(id => {
      const n = this.node(id)
      if (n.core === null) return `${id}: down`
      const c = n.core
      return `${id}: ${c.role} t${c.currentTerm} lead=${c.leader} last=${c.lastIndex} commit=${c.commitIndex} applied=${n.sm.index} snap=${c.snapshotIndex}${c.isQuiesced ? ' quiesced' : ''}${this.isConnected(id) ? '' : ' (disconnected)'}`
    }).join('; ')
  }
}
