import { InvalidOptionError, MessageTooLargeError } from '../../errors.js'
import { checkGroupId } from './group-id.js'
import { NoticeLimiter } from './notice-limiter.js'
import { createRaftTransportStats, type PeerChangeHandler, type RaftMessageHandler, type RaftTransport, type RaftTransportStats, type UnknownGroupHandler } from './types.js'

/** What happens to one message: delivered (after the base latency), dropped, or delayed by `delay` ms. */
export type LinkVerdict = 'deliver' | 'drop' | { delay: number }

/** Decides the fate of each message (notices included, with `group` and an empty `message`). */
export type LinkFilter = (from: string, to: string, group: string, message: Uint8Array, kind: 'message' | 'notice') => LinkVerdict

export interface MemoryRaftNetworkOptions {
  /** Largest message accepted by `send`, bytes (mirrors the libp2p transport's frame limit). Default 4 MiB. */
  maxMessageSize?: number
  /** Minimum time between two notices for the same (peer, group), ms. Default 1000; 0 disables the limit. */
  noticeInterval?: number
}

/**
 * An in-process network of {@link MemoryRaftTransport}s for driver tests: same contract as the
 * libp2p transport (fire-and-forget, asynchronous delivery, unknown-group notices) with hooks to
 * partition, drop and delay. Messages are copied on send, as a real network would. Delivery is on
 * a later macrotask (setImmediate) or after the delay a filter sets; {@link stop} cancels all of it.
 * Unlike the libp2p transport, an exception thrown by a receiver is not swallowed: it surfaces as
 * an uncaught exception so the test fails loudly.
 */
export class MemoryRaftNetwork {
  /** Messages delivered to a receiver / lost (partition, filter, stopped or unknown receiver). */
  readonly counters = { delivered: 0, dropped: 0 }
  private readonly nodes = new Map<string, MemoryRaftTransport>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private immediate: ReturnType<typeof setImmediate> | undefined
  private readonly ready: Array<() => void> = []
  private sides: Map<string, number> | undefined
  private filter: LinkFilter | undefined
  readonly maxMessageSize: number
  readonly noticeInterval: number

  constructor (options: MemoryRaftNetworkOptions = {}) {
    this.maxMessageSize = options.maxMessageSize ?? 4 * 1024 * 1024
    this.noticeInterval = options.noticeInterval ?? 1000
  }

  /** The transport of node `id` (created on first use; the same object afterwards). */
  transport (id: string): MemoryRaftTransport {
    if (id.length === 0) throw new InvalidOptionError('id', 'must not be empty')
    let t = this.nodes.get(id)
    if (t === undefined) {
      t = new MemoryRaftTransport(this, id)
      this.nodes.set(id, t)
    }
    return t
  }

  /**
   * Cuts the network: nodes in different groups can't reach each other; nodes named in no group
   * form one more group. Replaces any previous partition. Messages already in flight still land.
   */
  partition (...groups: string[][]): void {
    const sides = new Map<string, number>()
    groups.forEach((g, i) => { for (const id of g) sides.set(id, i + 1) })
    this.changeSides(sides)
  }

  /** Removes the partition. */
  heal (): void {
    this.changeSides(undefined)
  }

  /** The failure detector of this network: running nodes hear about every link that changed. */
  private changeSides (sides: Map<string, number> | undefined): void {
    const before = [...this.nodes.keys()].flatMap(a => [...this.nodes.keys()].map(b => [a, b, this.cut(a, b)] as const))
    this.sides = sides
    for (const [a, b, wasCut] of before) {
      if (a !== b && wasCut !== this.cut(a, b)) this.nodes.get(a)!.linkChanged(b, wasCut)
    }
  }

  /** @internal node `id` started or stopped: tell the others it can reach. */
  nodeChanged (id: string): void {
    const up = this.nodes.get(id)?.isRunning === true
    for (const [other, t] of this.nodes) if (other !== id && !this.cut(id, other)) t.linkChanged(id, up)
  }

  /** True if `a` and `b` are on different sides of the partition. */
  cut (a: string, b: string): boolean {
    if (this.sides === undefined) return false
    return (this.sides.get(a) ?? 0) !== (this.sides.get(b) ?? 0)
  }

  /** Sets (or with no argument removes) the per-message filter: drop, delay, deliver. */
  setFilter (filter?: LinkFilter): void {
    this.filter = filter
  }

  /** Cancels every message in flight. The transports stay usable. */
  stop (): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    if (this.immediate !== undefined) clearImmediate(this.immediate)
    this.immediate = undefined
    this.counters.dropped += this.ready.length
    this.ready.length = 0
  }

  /** @internal routes one message or notice. */
  route (from: string, to: string, group: string, message: Uint8Array, kind: 'message' | 'notice'): void {
    if (this.cut(from, to)) {
      this.counters.dropped++
      return
    }
    const verdict = this.filter?.(from, to, group, message, kind) ?? 'deliver'
    if (verdict === 'drop') {
      this.counters.dropped++
      return
    }
    const copy = message.slice()
    const arrive = (): void => {
      const target = this.nodes.get(to)
      // A partition made while the message was in flight doesn't stop it, like a real network.
      if (target === undefined || !target.receive(from, group, copy, kind)) this.counters.dropped++
      else this.counters.delivered++
    }
    if (verdict === 'deliver') {
      this.ready.push(arrive)
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined
        // A throwing handler is a bug the test must see, but it mustn't swallow the other deliveries.
        let failure: { err: unknown } | undefined
        for (const run of this.ready.splice(0)) {
          try { run() } catch (err) { failure ??= { err } }
        }
        if (failure !== undefined) throw failure.err
      })
      return
    }
    const timer = setTimeout(() => { this.timers.delete(timer); arrive() }, Math.max(0, verdict.delay))
    this.timers.add(timer)
  }
}

/** One node of a {@link MemoryRaftNetwork}. */
export class MemoryRaftTransport implements RaftTransport {
  readonly stats: RaftTransportStats = createRaftTransportStats()
  private handler: RaftMessageHandler | undefined
  private unknownHandler: UnknownGroupHandler | undefined
  private peerHandler: PeerChangeHandler | undefined
  private running = false
  private readonly limiter: NoticeLimiter

  /** @internal use {@link MemoryRaftNetwork.transport} */
  constructor (private readonly network: MemoryRaftNetwork, readonly localId: string) {
    this.limiter = new NoticeLimiter(network.noticeInterval)
  }

  /** True between start() and stop(). */
  get isRunning (): boolean {
    return this.running
  }

  onMessage (handler: RaftMessageHandler): void {
    this.handler = handler
  }

  onUnknownGroup (handler: UnknownGroupHandler): void {
    this.unknownHandler = handler
  }

  onPeerChange (handler: PeerChangeHandler): void {
    this.peerHandler = handler
  }

  /** Starts (or, after stop, restarts: a crashed node coming back) receiving. */
  async start (): Promise<void> {
    this.running = true
    this.network.nodeChanged(this.localId)
  }

  async stop (): Promise<void> {
    if (!this.running) return
    this.running = false
    this.network.nodeChanged(this.localId)
  }

  /** @internal the link to `peer` went down or came up. */
  linkChanged (peer: string, up: boolean): void {
    if (this.running) this.peerHandler?.(peer, up)
  }

  send (to: string, group: string, message: Uint8Array): void {
    checkGroupId(group)
    if (message.byteLength > this.network.maxMessageSize) throw new MessageTooLargeError(message.byteLength, this.network.maxMessageSize)
    if (!this.running) {
      this.stats.messagesDropped++
      return
    }
    this.stats.messagesOut++
    this.network.route(this.localId, to, group, message, 'message')
  }

  /** @internal returns false if not delivered (stopped). */
  receive (from: string, group: string, message: Uint8Array, kind: 'message' | 'notice'): boolean {
    if (!this.running) return false
    if (kind === 'notice') {
      this.stats.noticesReceived++
      this.unknownHandler?.(from, group)
      return true
    }
    this.stats.messagesIn++
    if (this.handler !== undefined && this.handler(from, group, message) !== false) return true
    this.stats.unknownGroup++
    if (this.limiter.allow(from, group)) {
      this.stats.noticesSent++
      this.network.route(this.localId, from, group, new Uint8Array(0), 'notice')
    } else {
      this.stats.noticesSuppressed++
    }
    return true
  }
}
