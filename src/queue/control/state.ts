import type { Entry } from '../../raft/storage.js'
import type { StateMachine } from '../../raft/driver/group.js'
import type { QueuePlacement, QueueSettings } from '../placement.js'
import { chooseOwner, chooseReplicas, ownerLoad, replicaLoad, replicaTarget } from './algorithm.js'
import { ControlCommand, ControlSnapshot, type Placement as PlacementMsg, type Settings as SettingsMsg } from './control.js'

/** Current format of commands and snapshots. */
export const CONTROL_FORMAT_VERSION = 1

/** Longest queue name (UTF-8 bytes): `q/<name>` must fit a Raft group id (256 bytes). */
export const MAX_QUEUE_NAME_BYTES = 200

/** A recorded cluster member. */
export interface MemberInfo {
  id: string
  /** As last recorded by a control leader. */
  up: boolean
  /** Leader clock (ms since the epoch) when the member was last known up, or went down. */
  lastSeen: number
}

/** What applying one command returned (resolves the leader's `propose`). */
export type ControlResult =
  | { type: 'ok' }
  | { type: 'placement', placement: QueuePlacement }
  /** An update whose `expectVersion` is stale (or whose queue is gone); `placement` is the current one. */
  | { type: 'conflict', placement?: QueuePlacement }
  | { type: 'invalid', reason: string }

/** Observers of applied changes (called synchronously from `apply`/`restore`). */
export interface ControlStateHooks {
  onPlacement?: (p: QueuePlacement) => void
  onMembers?: (ids: string[]) => void
  /** The founding record was applied (cluster id known). */
  onFound?: (clusterId: string) => void
}

const encoder = new TextEncoder()

/** Checks a queue name; returns why it is unusable, or undefined. */
export function checkQueueName (queue: unknown): string | undefined {
  if (typeof queue !== 'string' || queue === '') return 'queue name must be a non-empty string'
  if (encoder.encode(queue).byteLength > MAX_QUEUE_NAME_BYTES) return `queue name longer than ${MAX_QUEUE_NAME_BYTES} bytes`
  return undefined
}

/** Checks queue settings; returns why they are unusable, or undefined. */
export function checkSettings (s: QueueSettings): string | undefined {
  if (!Number.isSafeInteger(s.replicas) || s.replicas < 1 || s.replicas > 64) return `replicas must be an integer from 1 to 64, got ${String(s.replicas)}`
  for (const k of ['maxLength', 'maxBytes', 'maxDeliveries', 'dedupWindowMs', 'ackTimeoutMs'] as const) {
    if (!Number.isSafeInteger(s[k]) || s[k] < 0) return `${k} must be a non-negative integer, got ${String(s[k])}`
  }
  return undefined
}

export function settingsToMsg (s: QueueSettings): SettingsMsg {
  return { replicas: s.replicas, maxLength: s.maxLength, maxBytes: s.maxBytes, maxDeliveries: s.maxDeliveries, dedupWindowMs: s.dedupWindowMs, ackTimeoutMs: s.ackTimeoutMs }
}

export function settingsFromMsg (m: SettingsMsg | undefined): QueueSettings {
  return {
    replicas: m?.replicas ?? 0,
    maxLength: m?.maxLength ?? 0,
    maxBytes: m?.maxBytes ?? 0,
    maxDeliveries: m?.maxDeliveries ?? 0,
    dedupWindowMs: m?.dedupWindowMs ?? 0,
    ackTimeoutMs: m?.ackTimeoutMs ?? 0
  }
}

export function placementToMsg (p: QueuePlacement): PlacementMsg {
  return { queue: p.queue, replicas: [...p.replicas], preferredOwner: p.preferredOwner, version: p.version, settings: settingsToMsg(p.settings) }
}

export function placementFromMsg (m: PlacementMsg): QueuePlacement {
  return { queue: m.queue, groupId: groupIdOf(m.queue), replicas: [...m.replicas], preferredOwner: m.preferredOwner, version: m.version, settings: settingsFromMsg(m.settings) }
}

/** Raft group id of a queue. */
export function groupIdOf (queue: string): string {
  return `q/${queue}`
}

function freeze (p: QueuePlacement): QueuePlacement {
  return Object.freeze({ ...p, replicas: Object.freeze([...p.replicas]) as string[], settings: Object.freeze({ ...p.settings }) })
}

/**
 * The control group's replicated state: the cluster's identity (id and founding voters), its
 * recorded members with their liveness as seen by the leader, and every queue's placement.
 *
 * Deterministic: it never reads a clock or randomness (the leader stamps `now` and picks the
 * cluster id), and the replicas of a declared queue are chosen here, from the state, so the first
 * of two racing declarations wins identically everywhere. Bad commands apply as no-ops with an
 * `invalid` result; apply never throws for anything a peer can send.
 */
export class ControlStateMachine implements StateMachine<ControlResult> {
  clusterId = ''
  founders: string[] = []
  /** Highest `now` applied (the leader clocks may differ; state time never goes back). */
  now = 0
  readonly members = new Map<string, MemberInfo>()
  readonly placements = new Map<string, QueuePlacement>()

  constructor (private readonly hooks: ControlStateHooks = {}) {}

  /** Member ids, sorted. */
  memberIds (): string[] {
    return [...this.members.keys()].sort()
  }

  /** Members recorded as up, sorted. */
  upMembers (): string[] {
    return [...this.members.values()].filter(m => m.up).map(m => m.id).sort()
  }

  apply (entry: Entry): ControlResult {
    let cmd: ControlCommand
    try {
      cmd = ControlCommand.decode(entry.data)
    } catch (err) {
      return { type: 'invalid', reason: `undecodable command: ${(err as Error).message}` }
    }
    if (cmd.version !== CONTROL_FORMAT_VERSION) return { type: 'invalid', reason: `unknown command version ${cmd.version}` }
    const now = Math.max(this.now, cmd.now)
    this.now = now
    if (cmd.found !== undefined) return this.found(cmd.found.clusterId, cmd.found.founders, now)
    if (cmd.join !== undefined) return this.join(cmd.join.peer, now)
    if (cmd.liveness !== undefined) return this.liveness(cmd.liveness.up, cmd.liveness.down, now)
    if (cmd.declare !== undefined) return this.declare(cmd.declare.queue, settingsFromMsg(cmd.declare.settings))
    if (cmd.update !== undefined) return this.update(cmd.update.queue, cmd.update.replicas, cmd.update.preferredOwner, cmd.update.expectVersion)
    if (cmd.leave !== undefined) return this.leave(cmd.leave.peer)
    return { type: 'invalid', reason: 'empty command' }
  }

  snapshot (): Uint8Array {
    return ControlSnapshot.encode({
      version: CONTROL_FORMAT_VERSION,
      clusterId: this.clusterId,
      founders: this.founders,
      now: this.now,
      members: [...this.members.values()].map(m => ({ ...m })),
      placements: [...this.placements.values()].map(placementToMsg)
    })
  }

  restore (data: Uint8Array): void {
    const s = ControlSnapshot.decode(data)
    if (s.version !== CONTROL_FORMAT_VERSION) throw new Error(`unknown control snapshot version ${s.version}`)
    const before = this.memberIds().join(',')
    this.clusterId = s.clusterId
    this.founders = [...s.founders]
    this.now = s.now
    this.members.clear()
    for (const m of s.members) this.members.set(m.id, { id: m.id, up: m.up, lastSeen: m.lastSeen })
    const old = this.placements
    const next = new Map<string, QueuePlacement>()
    for (const m of s.placements) next.set(m.queue, freeze(placementFromMsg(m)))
    old.clear()
    for (const [k, v] of next) old.set(k, v)
    if (this.clusterId !== '') this.hooks.onFound?.(this.clusterId)
    if (this.memberIds().join(',') !== before) this.hooks.onMembers?.(this.memberIds())
    for (const p of this.placements.values()) this.hooks.onPlacement?.(p)
  }

  // ---- commands ------------------------------------------------------------------------------

  private found (clusterId: string, founders: string[], now: number): ControlResult {
    // Only the first founding record counts: a second leader of the first term may propose one too.
    if (this.clusterId !== '') return { type: 'ok' }
    if (clusterId === '' || founders.length === 0) return { type: 'invalid', reason: 'found needs a cluster id and founders' }
    this.clusterId = clusterId
    this.founders = [...new Set(founders)].sort()
    let changed = false
    for (const id of this.founders) {
      if (!this.members.has(id)) { this.members.set(id, { id, up: true, lastSeen: now }); changed = true }
    }
    this.hooks.onFound?.(clusterId)
    if (changed) this.hooks.onMembers?.(this.memberIds())
    return { type: 'ok' }
  }

  private join (peer: string, now: number): ControlResult {
    if (peer === '') return { type: 'invalid', reason: 'join needs a peer id' }
    const m = this.members.get(peer)
    if (m !== undefined) {
      m.up = true
      m.lastSeen = now
      return { type: 'ok' }
    }
    this.members.set(peer, { id: peer, up: true, lastSeen: now })
    this.hooks.onMembers?.(this.memberIds())
    return { type: 'ok' }
  }

  /**
   * A member left for good: it is forgotten (not a tombstone, so members that come and go leave
   * nothing behind). Placements may still list it until the leader replaces it; a replica that is
   * not a member is never added again by an update, and a later join records the peer afresh.
   */
  private leave (peer: string): ControlResult {
    if (peer === '') return { type: 'invalid', reason: 'leave needs a peer id' }
    if (!this.members.delete(peer)) return { type: 'ok' }
    this.hooks.onMembers?.(this.memberIds())
    return { type: 'ok' }
  }

  private liveness (up: string[], down: string[], now: number): ControlResult {
    for (const id of up) {
      const m = this.members.get(id)
      if (m !== undefined) { m.up = true; m.lastSeen = now }
    }
    for (const id of down) {
      const m = this.members.get(id)
      // It was up until the leader noticed: the grace period starts now.
      if (m !== undefined && m.up) { m.up = false; m.lastSeen = now }
    }
    return { type: 'ok' }
  }

  private declare (queue: string, settings: QueueSettings): ControlResult {
    const bad = checkQueueName(queue) ?? checkSettings(settings)
    if (bad !== undefined) return { type: 'invalid', reason: bad }
    const existing = this.placements.get(queue)
    if (existing !== undefined) return { type: 'placement', placement: existing }
    let candidates = this.upMembers()
    if (candidates.length === 0) candidates = this.memberIds()
    if (candidates.length === 0) return { type: 'invalid', reason: 'the cluster has no members yet' }
    const all = this.placements.values()
    const replicas = chooseReplicas(queue, replicaTarget(settings.replicas, candidates.length), candidates, replicaLoad(all))
    const preferredOwner = chooseOwner(queue, replicas, ownerLoad(this.placements.values()))
    const placement = freeze({ queue, groupId: groupIdOf(queue), replicas, preferredOwner, version: 1, settings })
    this.placements.set(queue, placement)
    this.hooks.onPlacement?.(placement)
    return { type: 'placement', placement }
  }

  private update (queue: string, replicas: string[], preferredOwner: string, expectVersion: number): ControlResult {
    const p = this.placements.get(queue)
    if (p === undefined || p.version !== expectVersion) return { type: 'conflict', placement: p }
    if (replicas.length === 0 || new Set(replicas).size !== replicas.length) return { type: 'invalid', reason: 'replicas must be distinct and non-empty' }
    // A replica the placement already lists may stay even if it is no longer a member (it left and
    // no other peer could take its place yet); a new one must be a member.
    if (replicas.some(r => !this.members.has(r) && !p.replicas.includes(r))) return { type: 'invalid', reason: 'every new replica must be a cluster member' }
    if (preferredOwner !== '' && !replicas.includes(preferredOwner)) return { type: 'invalid', reason: 'the preferred owner must be a replica' }
    const next = freeze({ ...p, replicas: [...replicas], preferredOwner, version: p.version + 1 })
    this.placements.set(queue, next)
    this.hooks.onPlacement?.(next)
    return { type: 'placement', placement: next }
  }
}

/** Encodes one command (stamped with the leader's clock). */
export function encodeCommand (body: Omit<ControlCommand, 'version' | 'now'>, now: number): Uint8Array {
  return ControlCommand.encode({ version: CONTROL_FORMAT_VERSION, now: Math.max(0, Math.floor(now)), ...body })
}
