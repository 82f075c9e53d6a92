/**
 * The contract between the control plane (which decides where queues live) and the queue data
 * path (which runs each queue's Raft group and serves producers and consumers).
 *
 * The control plane is a small Raft group of its own recording cluster membership and, for every
 * declared queue, a {@link QueuePlacement}. The data path never decides placement: it reads
 * placements, runs a replica for every queue whose `replicas` include this peer, and — on the
 * replica that leads the queue's group — reconciles the group's Raft membership toward
 * `replicas` (one server at a time) and hands leadership to `preferredOwner` when it is healthy.
 */
import type { EventEmitter } from 'node:events'

/** Queue settings that are fixed by declaration and replicated with the placement. */
export interface QueueSettings {
  /** Target number of replicas (Raft voters). Fewer are used while the cluster is smaller. */
  replicas: number
  /** Most ready + leased + delayed messages; 0 = unbounded. */
  maxLength: number
  /** Most payload bytes held; 0 = unbounded. */
  maxBytes: number
  /** Deliveries after which a message moves to the dead-letter set; 0 = never. */
  maxDeliveries: number
  /** How long a message id is remembered for deduplication, ms. */
  dedupWindowMs: number
  /** Default lease length of a delivery, ms. */
  ackTimeoutMs: number
}

/** Where one queue lives. */
export interface QueuePlacement {
  /** Queue name as declared (`mesh.queue(name)`). */
  queue: string
  /** Id of the queue's Raft group. Stable for the queue's lifetime: `q/<name>`. */
  groupId: string
  /** Target voters of the queue's Raft group (PeerId strings). The first placement's list is the founding membership. */
  replicas: string[]
  /** Who should lead (own) the queue, for balance; the data path transfers leadership there when it is up. '' = no preference. */
  preferredOwner: string
  /** Increases with every change of this placement; lets readers ignore stale copies. */
  version: number
  settings: QueueSettings
}

/** Events of a {@link PlacementDirectory}. */
export interface PlacementEvents {
  /** A placement was created or changed (applied from the control log). */
  placement: [QueuePlacement]
  /** The set of cluster members known to the control plane changed. */
  members: [string[]]
}

/**
 * What the data path needs from the control plane. Implemented by the control plane; the data path
 * is tested against an in-memory twin.
 */
export interface PlacementDirectory extends EventEmitter<PlacementEvents> {
  /** This peer's id. */
  readonly self: string
  /**
   * Declares a queue (idempotent: declaring an existing queue returns its placement; differing
   * settings are ignored and the first declaration wins). Resolves once the placement is committed
   * in the control group. Any peer may call it; it is routed to the control leader.
   */
  declare (queue: string, settings: QueueSettings, options?: { signal?: AbortSignal, timeout?: number }): Promise<QueuePlacement>
  /** The latest placement this peer knows of, if any. */
  get (queue: string): QueuePlacement | undefined
  /** All placements this peer knows of. */
  all (): QueuePlacement[]
  /** Cluster members known to the control plane (PeerIds), including this peer. */
  members (): string[]
}
