import { RaftCore, type Message, type RaftConfig, type Ready } from '../../src/raft/core/index.js'
import type { Entry, PersistedState } from '../../src/raft/storage.js'

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b)

export function emptyState (): PersistedState {
  return { hardState: { term: 0, vote: '', commit: 0 }, snapshot: null, entries: [] }
}

/** A log of the given terms at indexes 1..n. */
export function entriesWithTerms (terms: number[]): Entry[] {
  return terms.map((term, i) => ({ term, index: i + 1, type: 'normal', data: enc(`e${i + 1}`) }))
}

export interface MkOptions {
  config?: Partial<RaftConfig>
  persisted?: PersistedState
  /** Constant jitter: 0 gives the shortest election timeout (electionTicks). */
  random?: number
}

/** A core of a cluster of `voters`, pre-vote and check-quorum off unless configured. */
export function mkCore (id: string, voters: string[], opts: MkOptions = {}): RaftCore {
  const r = opts.random ?? 0
  return new RaftCore({
    id,
    config: { electionTicks: 10, heartbeatTicks: 1, preVote: false, checkQuorum: false, ...opts.config },
    persisted: opts.persisted ?? emptyState(),
    initialMembership: { voters, learners: [] },
    random: () => r
  })
}

/** Takes and advances every Ready, as a caller with instant storage would; returns them. */
export function drain (core: RaftCore): Ready[] {
  const out: Ready[] = []
  while (core.hasReady()) {
    const rd = core.ready()
    out.push(rd)
    core.advance(rd)
  }
  return out
}

/** Messages produced (after persisting) by the core. */
export function msgs (core: RaftCore): Message[] {
  return drain(core).flatMap(r => r.messages)
}

export function committed (core: RaftCore): Entry[] {
  return drain(core).flatMap(r => r.committedEntries)
}

export function ticks (core: RaftCore, n: number): void {
  for (let i = 0; i < n; i++) core.tick()
}

/**
 * Delivers messages among `cores` until none are left (etcd's `stabilize`). `filter` can drop
 * messages (return false). Returns every message delivered.
 */
export function stabilize (cores: Map<string, RaftCore>, filter: (m: Message) => boolean = () => true, onReady?: (id: string, rd: Ready) => void): Message[] {
  const delivered: Message[] = []
  for (let round = 0; round < 1000; round++) {
    const queue: Message[] = []
    for (const [id, c] of cores) {
      for (const rd of drain(c)) {
        onReady?.(id, rd)
        queue.push(...rd.messages)
      }
    }
    if (queue.length === 0) return delivered
    for (const m of queue) {
      const to = cores.get(m.to)
      if (to === undefined || !filter(m)) continue
      delivered.push(m)
      to.step(m)
    }
  }
  throw new Error('stabilize did not converge')
}

/** A cluster of cores wired by `stabilize`. */
export function mkCluster (ids: string[], opts: MkOptions = {}): Map<string, RaftCore> {
  return new Map(ids.map(id => [id, mkCore(id, ids, opts)]))
}

/** Elects `id` in a freshly made cluster and settles the network. */
export function elect (cores: Map<string, RaftCore>, id: string): RaftCore {
  const c = cores.get(id)!
  c.campaign()
  stabilize(cores)
  if (c.role !== 'leader') throw new Error(`${id} did not win: ${c.role}`)
  return c
}
