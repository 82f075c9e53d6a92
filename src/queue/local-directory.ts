import { EventEmitter } from 'node:events'
import { ClosedError } from '../errors.js'
import type { PlacementDirectory, PlacementEvents, QueuePlacement, QueueSettings } from './placement.js'

/**
 * In-memory {@link PlacementDirectory} twins, used until (and wherever) the Raft control plane is
 * not: a single peer on its own, and tests that need a fixed cluster in one process.
 *
 * A {@link LocalPlacementRegistry} is the "control log": the first declaration of a queue picks
 * its replicas among the registered members and every view sees the same placement. It has no
 * failure handling at all (no replacement of dead replicas, no rebalancing): that is the control
 * plane's job, and nothing here pretends otherwise.
 */
export class LocalPlacementRegistry {
  private readonly placements = new Map<string, QueuePlacement>()
  private readonly memberIds: string[] = []
  private readonly views = new Set<LocalDirectory>()

  /** Members in registration order. */
  members (): string[] {
    return [...this.memberIds]
  }

  /** Adds a member (idempotent) and tells every view. */
  join (peer: string): void {
    if (this.memberIds.includes(peer)) return
    this.memberIds.push(peer)
    for (const v of this.views) v.emit('members', this.members())
  }

  /** A directory view for peer `self` (registers it as a member). Pass it to `createMesh({ queues: { placement } })`. */
  view (self: string): LocalDirectory {
    this.join(self)
    const view = new LocalDirectory(self, this)
    this.views.add(view)
    return view
  }

  /** A factory for `createMesh({ queues: { placement } })`: every mesh created with it shares this registry. */
  factory (): (context: { self: string }) => PlacementDirectory {
    return ({ self }) => this.view(self)
  }

  /** @internal */
  detach (view: LocalDirectory): void {
    this.views.delete(view)
  }

  get (queue: string): QueuePlacement | undefined {
    const p = this.placements.get(queue)
    return p === undefined ? undefined : clone(p)
  }

  all (): QueuePlacement[] {
    return [...this.placements.values()].map(clone)
  }

  /** First declaration wins; replicas spread over members by a hash of the name (so owners are spread too). */
  declare (queue: string, settings: QueueSettings): QueuePlacement {
    const existing = this.placements.get(queue)
    if (existing !== undefined) return clone(existing)
    const members = [...this.memberIds].sort()
    const count = Math.max(1, Math.min(settings.replicas, members.length))
    const start = hash(queue) % members.length
    const replicas: string[] = []
    for (let i = 0; i < count; i++) replicas.push(members[(start + i) % members.length])
    const placement: QueuePlacement = { queue, groupId: `q/${queue}`, replicas, preferredOwner: replicas[0], version: 1, settings: { ...settings } }
    this.placements.set(queue, placement)
    for (const v of this.views) v.emit('placement', clone(placement))
    return clone(placement)
  }

  /** Test hook: replace a placement (bumps its version) as a control plane would after a membership change. */
  update (queue: string, change: Partial<Pick<QueuePlacement, 'replicas' | 'preferredOwner'>>): QueuePlacement {
    const p = this.placements.get(queue)
    if (p === undefined) throw new Error(`no placement for ${queue}`)
    const next = { ...p, ...change, version: p.version + 1 }
    this.placements.set(queue, next)
    for (const v of this.views) v.emit('placement', clone(next))
    return clone(next)
  }
}

/** One peer's view of a {@link LocalPlacementRegistry}. */
export class LocalDirectory extends EventEmitter<PlacementEvents> implements PlacementDirectory {
  private closed = false
  constructor (readonly self: string, private readonly registry: LocalPlacementRegistry) {
    super()
  }

  async declare (queue: string, settings: QueueSettings): Promise<QueuePlacement> {
    if (this.closed) throw new ClosedError('placement directory')
    return this.registry.declare(queue, settings)
  }

  get (queue: string): QueuePlacement | undefined { return this.registry.get(queue) }
  all (): QueuePlacement[] { return this.registry.all() }
  members (): string[] { return this.registry.members() }

  /** Stops emitting events. */
  close (): void {
    this.closed = true
    this.registry.detach(this)
    this.removeAllListeners()
  }
}

/** A directory for a peer on its own: every queue is placed on this peer alone. */
export function soloDirectory (self: string): LocalDirectory {
  return new LocalPlacementRegistry().view(self)
}

function clone (p: QueuePlacement): QueuePlacement {
  return { ...p, replicas: [...p.replicas], settings: { ...p.settings } }
}

function hash (s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}
