import type { Membership, PersistedState } from '../storage.js'
import type { RaftConfig } from './config.js'
import type { ProgressState } from './progress.js'
import type { Role } from './ready.js'

/** How to build a core. */
export interface RaftCoreOptions {
  /** This member's id (a PeerId string in practice). */
  id: string
  config?: Partial<RaftConfig>
  /** What `RaftStorage.load()` returned (empty for a brand-new member). */
  persisted: PersistedState
  /**
   * Membership of a brand-new cluster, given identically to each founding member. Ignored once
   * a snapshot or a config entry exists. A member added later starts without it and learns the
   * membership from the leader.
   */
  initialMembership?: Membership
  /**
   * Highest index the state machine already holds, if it is durable. Defaults to the snapshot's
   * index: committed entries after it are handed out again for a volatile state machine to rebuild.
   */
  applied?: number
  /** Seeded source of randomness in [0, 1) for election timeout jitter; the core never calls Math.random. */
  random: () => number
}

/** A proposal's position. The entry applied at `index` is the caller's own iff its term is `term`. */
export interface ProposeResult {
  index: number
  term: number
}

/** A snapshot of a follower's replication state, for status pages and tests. */
export interface ProgressInfo {
  match: number
  next: number
  state: ProgressState
  isLearner: boolean
  recentActive: boolean
  inflight: number
}

/** Everything observable about a core, for status pages and tests. */
export interface RaftStatus {
  id: string
  role: Role
  term: number
  vote: string
  leader: string
  commit: number
  applied: number
  firstIndex: number
  lastIndex: number
  snapshotIndex: number
  membership: Membership
  leadTransferee: string
  /** Quiesced: idle, ticks do nothing until woken (see `RaftConfig.quiesce`). */
  quiesced: boolean
}
