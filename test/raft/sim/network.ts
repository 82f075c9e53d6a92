import type { Message } from '../../../src/raft/core/index.js'
import type { Rng } from './rng.js'

/** How the simulated network misbehaves. Delays are in simulation steps (several per tick). */
export interface NetOptions {
  /** Probability a message is lost. */
  drop: number
  /** Probability a message is delivered twice. */
  duplicate: number
  /** Delivery delay range, in steps. Different delays reorder messages. */
  minDelay: number
  maxDelay: number
  /** Probability a message is held back much longer (up to `longDelay` steps): long reordering. */
  longDelayRate: number
  longDelay: number
}

export const RELIABLE: NetOptions = { drop: 0, duplicate: 0, minDelay: 1, maxDelay: 2, longDelayRate: 0, longDelay: 0 }
export const UNRELIABLE: NetOptions = { drop: 0.1, duplicate: 0.05, minDelay: 1, maxDelay: 12, longDelayRate: 0, longDelay: 0 }

/** Copies a message the way a wire would: no object is shared between sender and receiver. */
export function cloneMessage (m: Message): Message {
  const c = { ...m } as Message
  if (c.type === 'append') c.entries = c.entries.map(e => ({ ...e, data: e.data.slice() }))
  if (c.type === 'snapshot') {
    c.data = c.data.slice()
    c.meta = { index: c.meta.index, term: c.meta.term, membership: { voters: [...c.meta.membership.voters], learners: [...c.meta.membership.learners] } }
  }
  if ((c.type === 'heartbeat' || c.type === 'heartbeatResponse') && c.context !== undefined) c.context = c.context.slice()
  return c
}

/** Counters for message-complexity tests. */
export class NetStats {
  sent = 0
  delivered = 0
  dropped = 0
  /** Rejected appends: a measure of how many round trips log backtracking takes. */
  rejects = 0
  readonly byType = new Map<string, number>()

  count (m: Message): void {
    this.sent++
    if (m.type === 'appendResponse' && m.reject) this.rejects++
    this.byType.set(m.type, (this.byType.get(m.type) ?? 0) + 1)
  }

  of (type: Message['type']): number {
    return this.byType.get(type) ?? 0
  }
}

/** Messages on the wire, bucketed by delivery step. */
export class Network {
  opts: NetOptions
  readonly stats = new NetStats()
  private readonly buckets = new Map<number, Message[]>()

  constructor (private readonly rng: Rng, opts: NetOptions) {
    this.opts = { ...opts }
  }

  send (m: Message, now: number): void {
    this.stats.count(m)
    if (this.rng.chance(this.opts.drop)) {
      this.stats.dropped++
      return
    }
    const copies = this.rng.chance(this.opts.duplicate) ? 2 : 1
    for (let k = 0; k < copies; k++) {
      let delay = this.rng.range(this.opts.minDelay, this.opts.maxDelay)
      if (this.rng.chance(this.opts.longDelayRate)) delay += this.rng.range(1, this.opts.longDelay)
      const at = now + Math.max(1, delay)
      let b = this.buckets.get(at)
      if (b === undefined) { b = []; this.buckets.set(at, b) }
      b.push(cloneMessage(m))
    }
  }

  /** Messages due at `now`, in random order. */
  take (now: number): Message[] {
    const b = this.buckets.get(now)
    if (b === undefined) return []
    this.buckets.delete(now)
    return b.length > 1 ? this.rng.shuffle(b) : b
  }

  /** Drops everything in flight (used to quiesce before counting messages). */
  clear (): void {
    this.buckets.clear()
  }

  get inFlight (): number {
    let n = 0
    for (const b of this.buckets.values()) n += b.length
    return n
  }
}
