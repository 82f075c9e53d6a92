import type { Entry, Membership } from '../storage.js'
import { MembershipChangeError } from './errors.js'

/** One-server-at-a-time change requested from the leader. */
export interface MembershipChange {
  /**
   * addLearner: a new member that receives the log but does not vote (catch it up first).
   * promote: a caught-up learner becomes a voter.
   * addVoter: a new member votes at once (only safe for an empty or tiny log; prefer addLearner + promote).
   * removeVoter / removeLearner: the member leaves. Removing the leader makes it step down once
   * the change commits; transfer leadership first to avoid an election gap.
   */
  type: 'addLearner' | 'promote' | 'addVoter' | 'removeVoter' | 'removeLearner'
  id: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Serialises a whole membership into a `config` entry's data. */
export function encodeMembership (m: Membership): Uint8Array {
  return encoder.encode(JSON.stringify({ voters: m.voters, learners: m.learners }))
}

/** Reads a `config` entry's data back (the membership in force from that entry on). */
export function decodeMembership (data: Uint8Array): Membership {
  const v = JSON.parse(decoder.decode(data)) as { voters?: unknown, learners?: unknown }
  const voters = Array.isArray(v.voters) ? v.voters.filter((x): x is string => typeof x === 'string') : []
  const learners = Array.isArray(v.learners) ? v.learners.filter((x): x is string => typeof x === 'string') : []
  return { voters, learners }
}

export function cloneMembership (m: Membership): Membership {
  return { voters: [...m.voters], learners: [...m.learners] }
}

/** Applies a change, or throws MembershipChangeError if it does not fit the current membership. */
export function applyChange (m: Membership, change: MembershipChange): Membership {
  const { id } = change
  if (typeof id !== 'string' || id === '') throw new MembershipChangeError('member id must be a non-empty string')
  const isVoter = m.voters.includes(id)
  const isLearner = m.learners.includes(id)
  switch (change.type) {
    case 'addLearner':
      if (isVoter || isLearner) throw new MembershipChangeError(`${id} is already a member`)
      return { voters: [...m.voters], learners: [...m.learners, id] }
    case 'addVoter':
      if (isVoter) throw new MembershipChangeError(`${id} is already a voter`)
      if (isLearner) throw new MembershipChangeError(`${id} is a learner: use promote`)
      return { voters: [...m.voters, id], learners: [...m.learners] }
    case 'promote':
      if (!isLearner) throw new MembershipChangeError(`${id} is not a learner`)
      return { voters: [...m.voters, id], learners: m.learners.filter(x => x !== id) }
    case 'removeVoter':
      if (!isVoter) throw new MembershipChangeError(`${id} is not a voter`)
      if (m.voters.length === 1) throw new MembershipChangeError('cannot remove the last voter')
      return { voters: m.voters.filter(x => x !== id), learners: [...m.learners] }
    case 'removeLearner':
      if (!isLearner) throw new MembershipChangeError(`${id} is not a learner`)
      return { voters: [...m.voters], learners: m.learners.filter(x => x !== id) }
    default:
      throw new MembershipChangeError(`unknown membership change ${String((change as { type: unknown }).type)}`)
  }
}

/**
 * Memberships along the log. A member uses the latest membership in its log, committed or not
 * (Raft thesis §4.1): that is what keeps any two majorities overlapping with one-server changes.
 * When a conflict truncates the log, the membership falls back to the previous entry's.
 */
export class MembershipLog {
  private base: Membership
  private baseIndex: number
  private changes: Array<{ index: number, membership: Membership }> = []

  constructor (base: Membership, baseIndex: number) {
    this.base = cloneMembership(base)
    this.baseIndex = baseIndex
  }

  current (): Membership {
    return this.changes.length === 0 ? this.base : this.changes[this.changes.length - 1]!.membership
  }

  /** Index of the entry that set the current membership (the snapshot's index when none in the log). */
  currentIndex (): number {
    return this.changes.length === 0 ? this.baseIndex : this.changes[this.changes.length - 1]!.index
  }

  /** The membership in force at `index`. */
  at (index: number): Membership {
    let m = this.base
    for (const c of this.changes) {
      if (c.index > index) break
      m = c.membership
    }
    return m
  }

  /** The log was rewritten from `from` on with `entries` (already appended). */
  onAppend (from: number, entries: readonly Entry[]): void {
    while (this.changes.length > 0 && this.changes[this.changes.length - 1]!.index >= from) this.changes.pop()
    for (const e of entries) {
      if (e.index >= from && e.type === 'config') this.changes.push({ index: e.index, membership: decodeMembership(e.data) })
    }
  }

  /** The log prefix up to `index` was compacted into a snapshot. */
  onCompact (index: number): void {
    this.base = this.at(index)
    this.baseIndex = index
    this.changes = this.changes.filter(c => c.index > index)
  }

  /** The log was replaced by a snapshot. */
  onRestore (index: number, membership: Membership): void {
    this.base = cloneMembership(membership)
    this.baseIndex = index
    this.changes = []
  }
}
