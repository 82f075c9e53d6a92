import { InvalidOptionError } from '../errors.js'
import { DecodeError } from '../errors.js'

/**
 * Client sessions for a replicated state machine (Raft thesis §6.3): a retried command is
 * recognised by (client id, request id) and answered with the cached result instead of being
 * executed twice. Lives *inside* the state machine, so every replica holds the same table,
 * and travels in its snapshots.
 *
 * Deterministic by construction: eviction is driven by log indexes handed in by the caller,
 * never by wall time, so all replicas evict the same sessions at the same point.
 *
 * What it guarantees: a request is executed at most once while its client is among the
 * `maxClients` most recently active clients and the request is among that client's
 * `maxRequestsPerClient` most recent ones. Outside that window a retry is reported as `expired`
 * when the table can still tell (the client is known), and looks `new` otherwise.
 */
export interface DedupOptions {
  /** Sessions kept; the least recently active is evicted first. Default 10 000. */
  maxClients?: number
  /** Results kept per client; the lowest request ids are evicted first. Default 64. */
  maxRequestsPerClient?: number
}

export type DedupLookup =
  | { status: 'new' }
  | { status: 'duplicate', result: Uint8Array }
  /** The request id is below what the table still remembers for this client: do not execute. */
  | { status: 'expired' }

interface Session {
  /** Log index of the client's latest recorded request, for LRU eviction. */
  lastIndex: number
  /** Request ids ≤ floor were evicted and can no longer be answered. */
  floor: number
  results: Map<number, Uint8Array>
}

const FORMAT = 1

export class DedupTable {
  private readonly maxClients: number
  private readonly maxRequests: number
  private sessions = new Map<string, Session>()

  constructor (options: DedupOptions = {}) {
    this.maxClients = options.maxClients ?? 10_000
    this.maxRequests = options.maxRequestsPerClient ?? 64
    if (!Number.isSafeInteger(this.maxClients) || this.maxClients < 1) throw new InvalidOptionError('maxClients', 'must be a positive integer')
    if (!Number.isSafeInteger(this.maxRequests) || this.maxRequests < 1) throw new InvalidOptionError('maxRequestsPerClient', 'must be a positive integer')
  }

  /** Number of client sessions held. */
  get size (): number { return this.sessions.size }

  /** Whether (client, request) was executed already, and with which result. Does not modify the table. */
  lookup (clientId: string, requestId: number): DedupLookup {
    const s = this.sessions.get(clientId)
    if (s === undefined) return { status: 'new' }
    const r = s.results.get(requestId)
    if (r !== undefined) return { status: 'duplicate', result: r }
    if (requestId <= s.floor) return { status: 'expired' }
    return { status: 'new' }
  }

  /**
   * Records the result of executing (client, request), applied at log `index`. Call it from the
   * state machine's apply, with the entry's index, on every replica.
   */
  record (clientId: string, requestId: number, result: Uint8Array, index: number): void {
    if (!Number.isSafeInteger(requestId) || requestId < 0) throw new InvalidOptionError('requestId', 'must be a non-negative integer')
    let s = this.sessions.get(clientId)
    if (s === undefined) {
      s = { lastIndex: index, floor: -1, results: new Map() }
    } else {
      // Re-insert so Map order stays least-recently-active first.
      this.sessions.delete(clientId)
      s.lastIndex = Math.max(s.lastIndex, index)
    }
    this.sessions.set(clientId, s)
    s.results.set(requestId, result)
    while (s.results.size > this.maxRequests) {
      let lowest = Infinity
      for (const id of s.results.keys()) if (id < lowest) lowest = id
      s.results.delete(lowest)
      s.floor = Math.max(s.floor, lowest)
    }
    while (this.sessions.size > this.maxClients) {
      const oldest = this.sessions.keys().next().value as string
      this.sessions.delete(oldest)
    }
  }

  /** Encodes the table for a state machine snapshot (JSON, results base64). */
  serialize (): Uint8Array {
    const clients: Array<[string, number, number, Array<[number, string]>]> = []
    for (const [id, s] of this.sessions) {
      clients.push([id, s.lastIndex, s.floor, [...s.results].map(([r, v]) => [r, Buffer.from(v).toString('base64')])])
    }
    return new TextEncoder().encode(JSON.stringify({ v: FORMAT, clients }))
  }

  /**
   * Rebuilds a table from `serialize()` output.
   * @throws DecodeError if the bytes are not a serialized table.
   */
  static deserialize (bytes: Uint8Array, options: DedupOptions = {}): DedupTable {
    const t = new DedupTable(options)
    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes))
    } catch (err) {
      throw new DecodeError('dedup table: not JSON', { cause: err })
    }
    const p = parsed as { v?: unknown, clients?: unknown }
    if (p.v !== FORMAT || !Array.isArray(p.clients)) throw new DecodeError('dedup table: unknown format')
    for (const c of p.clients as unknown[]) {
      if (!Array.isArray(c) || c.length !== 4 || typeof c[0] !== 'string' || typeof c[1] !== 'number' || typeof c[2] !== 'number' || !Array.isArray(c[3])) {
        throw new DecodeError('dedup table: malformed session')
      }
      const results = new Map<number, Uint8Array>()
      for (const r of c[3] as unknown[]) {
        if (!Array.isArray(r) || typeof r[0] !== 'number' || typeof r[1] !== 'string') throw new DecodeError('dedup table: malformed result')
        results.set(r[0], new Uint8Array(Buffer.from(r[1], 'base64')))
      }
      t.sessions.set(c[0], { lastIndex: c[1], floor: c[2], results })
    }
    return t
  }
}
