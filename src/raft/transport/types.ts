/**
 * What the Raft driver sees of the network. Many groups share one transport (and, over libp2p,
 * one stream per pair of peers). Raft tolerates loss, duplication and reordering, so the transport
 * promises none of the opposites: sends are fire-and-forget and may be dropped (peer unreachable,
 * queue full), never corrupted. Messages are opaque bytes: their encoding is the core's business.
 */
export interface RaftTransport {
  /** This node's id (its PeerId string over libp2p). */
  readonly localId: string
  /**
   * Queues `message` for group `group` on node `to`. Never blocks, never rejects; messages sent
   * to one peer in the same event-loop turn travel together in one frame.
   * @throws {MessageTooLargeError} the message can't fit in one frame (chunk snapshots first)
   * @throws {InvalidGroupIdError} `group` is empty or too long
   */
  send: (to: string, group: string, message: Uint8Array) => void
  /**
   * Sets the receiver (one per transport; a later call replaces it). Return `false` when this node
   * hosts no group `group`: the transport then answers the sender with a rate-limited
   * "unknown group" notice and keeps nothing about the group.
   */
  onMessage: (handler: RaftMessageHandler) => void
  /** Sets the listener for "unknown group" notices: `from` hosts no group `group`. */
  onUnknownGroup: (handler: UnknownGroupHandler) => void
  /**
   * Sets the listener for link changes: the link to `peer` was lost or (re)established (a crash, a
   * partition judged by the failure detector, a restart). Quiesced Raft groups rely on it to
   * notice that their leader is gone (see `RaftConfig.quiesce`); a transport without it keeps
   * groups heartbeating. Message loss alone is not a link change.
   */
  onPeerChange?: (handler: PeerChangeHandler) => void
  /** Starts accepting messages. */
  start: () => Promise<void>
  /** Flushes what is queued (best effort, bounded in time), closes streams, cancels timers. Idempotent. */
  stop: () => Promise<void>
}

/** Receives one message; returns false if the group is unknown here (anything else means handled). */
export type RaftMessageHandler = (from: string, group: string, message: Uint8Array) => boolean | void

/** The link to `peer` was lost or (re)established. */
/**
 * The link to `peer` changed: `up` false when it went down (the peer's process died, the connection
 * broke, a partition judged by the failure detector), true when it came (back) up, undefined when
 * the transport can't tell. A hint, never a guarantee: Raft stays safe whatever it says.
 */
export type PeerChangeHandler = (peer: string, up?: boolean) => void

/** `from` told us it hosts no group `group`. */
export type UnknownGroupHandler = (from: string, group: string) => void

/** Counters of a Raft transport (all monotonic). */
export interface RaftTransportStats {
  /** Messages handed to the receiver. */
  messagesIn: number
  /** Messages accepted by `send`. */
  messagesOut: number
  /** Messages lost locally: peer queue full, no stream after retries, transport stopped. */
  messagesDropped: number
  /** Received messages whose group the receiver doesn't host. */
  unknownGroup: number
  /** "Unknown group" notices sent, received, and withheld by the rate limit. */
  noticesSent: number
  noticesReceived: number
  noticesSuppressed: number
  /** Frames sent, each carrying one or more messages/notices. */
  framesSent: number
}

export function createRaftTransportStats (): RaftTransportStats {
  return { messagesIn: 0, messagesOut: 0, messagesDropped: 0, unknownGroup: 0, noticesSent: 0, noticesReceived: 0, noticesSuppressed: 0, framesSent: 0 }
}
