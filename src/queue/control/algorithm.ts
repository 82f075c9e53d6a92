/**
 * Pure placement decisions, shared by the state machine (declare, applied identically on every
 * member) and the control leader's repair loop. Everything is deterministic: ties are broken by a
 * hash of (queue, peer) — so equally loaded peers don't always lose to the smallest PeerId — then
 * by PeerId.
 */
import type { QueuePlacement } from '../placement.js'

/** FNV-1a, 32 bit: a cheap deterministic spread for tie-breaking (not security). */
export function fnv1a (s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** Replica count per peer over `placements`. */
export function replicaLoad (placements: Iterable<QueuePlacement>): Map<string, number> {
  const load = new Map<string, number>()
  for (const p of placements) for (const r of p.replicas) load.set(r, (load.get(r) ?? 0) + 1)
  return load
}

/** Number of queues each peer is the preferred owner of. */
export function ownerLoad (placements: Iterable<QueuePlacement>): Map<string, number> {
  const load = new Map<string, number>()
  for (const p of placements) if (p.preferredOwner !== '') load.set(p.preferredOwner, (load.get(p.preferredOwner) ?? 0) + 1)
  return load
}

function rank (queue: string, load: Map<string, number>) {
  return (a: string, b: string): number =>
    (load.get(a) ?? 0) - (load.get(b) ?? 0) || fnv1a(`${queue}\0${a}`) - fnv1a(`${queue}\0${b}`) || (a < b ? -1 : a > b ? 1 : 0)
}

/** The `count` least loaded of `candidates` (fewest replicas first), for `queue`. */
/**
 * How many replicas a queue asking for `wanted` gets when `available` peers can hold one. When the
 * cluster is too small for `wanted`, round down to an odd count: an even Raft group tolerates no
 * more failures than the odd one below it, and 2 replicas would make a 2-peer cluster lose the
 * queue when either peer goes (1 replica loses it only with that peer). It grows when peers join.
 */
export function replicaTarget (wanted: number, available: number): number {
  if (available >= wanted) return wanted
  return Math.max(1, available % 2 === 0 ? available - 1 : available)
}

export function chooseReplicas (queue: string, count: number, candidates: Iterable<string>, load: Map<string, number>): string[] {
  return [...new Set(candidates)].sort(rank(queue, load)).slice(0, Math.max(0, count))
}

/** The replica owning the fewest queues ('' if there is none). */
export function chooseOwner (queue: string, replicas: readonly string[], owners: Map<string, number>): string {
  return [...replicas].sort(rank(queue, owners))[0] ?? ''
}

/** One placement change the control leader proposes (applied only if the version is unchanged). */
export interface PlacementChange {
  queue: string
  replicas: string[]
  preferredOwner: string
  expectVersion: number
}

export interface RepairInput {
  placements: QueuePlacement[]
  /** Members that are up now. */
  live: ReadonlySet<string>
  /** Peers gone longer than the replacement delay. */
  dead: ReadonlySet<string>
  /**
   * Peers that left for good (a graceful leave, or replicas that are no longer members at all).
   * Replaced like the dead; where no peer can take the place, dropped from the placement as long as
   * another replica remains (a voter that will never come back only costs the group a majority).
   */
  left?: ReadonlySet<string>
}

/**
 * What the control leader should change so that every queue has its replication factor back on
 * live peers and ownership is spread:
 * 1. each dead replica is replaced, in place, by the least loaded live peer not already a replica
 *    (kept if there is none: a dead voter may come back, and costs less than a shrunken group);
 *    a replica that left is replaced the same way, or dropped if there is none (it will not come
 *    back) — unless it is the last replica;
 * 2. a queue with fewer replicas than `min(settings.replicas, live peers)` gains replicas (growth);
 * 3. a preferred owner that is not a live replica moves to the live replica owning fewest queues;
 * 4. an owner holding more than ⌈queues / live peers⌉ hands one queue to a live replica of it that
 *    owns fewer, so no peer ends up owning everything.
 * Loads are updated as changes are planned, so one pass spreads a batch evenly. Replicas are never
 * moved off healthy peers just for balance (that copies data; new peers get new queues instead).
 */
export function planRepairs (input: RepairInput): PlacementChange[] {
  const { live, dead } = input
  const left = input.left ?? new Set<string>()
  const placements = [...input.placements].sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0))
  const load = replicaLoad(placements)
  const owners = ownerLoad(placements)
  const changes: PlacementChange[] = []
  const bump = (m: Map<string, number>, id: string, d: number): void => { if (id !== '') m.set(id, (m.get(id) ?? 0) + d) }

  for (const p of placements) {
    let replicas = [...p.replicas]
    // 1. replace the dead
    for (let i = 0; i < replicas.length; i++) {
      const r = replicas[i]!
      if (!dead.has(r) && !left.has(r)) continue
      const [sub] = chooseReplicas(p.queue, 1, [...live].filter(x => !replicas.includes(x)), load)
      if (sub === undefined) {
        if (left.has(r) && replicas.length > 1) {
          replicas.splice(i--, 1)
          bump(load, r, -1)
        }
        continue
      }
      replicas[i] = sub
      bump(load, r, -1)
      bump(load, sub, 1)
    }
    // 2. grow to the target
    const target = replicaTarget(p.settings.replicas, live.size)
    const liveReplicas = replicas.filter(r => live.has(r)).length
    if (liveReplicas < target && replicas.length < p.settings.replicas) {
      const extra = chooseReplicas(p.queue, Math.min(target - liveReplicas, p.settings.replicas - replicas.length), [...live].filter(x => !replicas.includes(x)), load)
      for (const x of extra) bump(load, x, 1)
      replicas = [...replicas, ...extra]
    }
    // 3. owner must be a live replica
    let owner = p.preferredOwner
    const liveOfThis = replicas.filter(r => live.has(r))
    if (!liveOfThis.includes(owner) && liveOfThis.length > 0) {
      const next = chooseOwner(p.queue, liveOfThis, owners)
      bump(owners, owner, -1)
      bump(owners, next, 1)
      owner = next
    } else if (liveOfThis.length > 0 && live.size > 0) {
      // 4. rebalance ownership
      const ceiling = Math.ceil(placements.length / live.size)
      const mine = owners.get(owner) ?? 0
      if (mine > ceiling) {
        const next = chooseOwner(p.queue, liveOfThis.filter(r => r !== owner), owners)
        if (next !== '' && (owners.get(next) ?? 0) + 1 < mine) {
          bump(owners, owner, -1)
          bump(owners, next, 1)
          owner = next
        }
      }
    }
    if (owner !== p.preferredOwner || replicas.length !== p.replicas.length || replicas.some((r, i) => r !== p.replicas[i])) {
      changes.push({ queue: p.queue, replicas, preferredOwner: owner, expectVersion: p.version })
    }
  }
  return changes
}
