import { MeshchanError } from '../../errors.js'

/**
 * A peer of another cluster (another control group, founded separately) talked to this one.
 * Two clusters are never merged silently: the peer is not added, its requests are refused, and
 * both sides report this error (`conflict` event). Merging takes an operator: wipe one side's
 * control state and let its peers join the other.
 */
export class ClusterMismatchError extends MeshchanError {
  readonly peer: string
  /** This peer's cluster id. */
  readonly local: string
  /** The other peer's cluster id. */
  readonly remote: string
  constructor (peer: string, local: string, remote: string) {
    super('ERR_CLUSTER_MISMATCH', `peer ${peer} belongs to cluster ${remote}, this peer to cluster ${local}: ` +
      'separately founded clusters are never merged (wipe one side\'s control state to let its peers join the other)')
    this.peer = peer
    this.local = local
    this.remote = remote
  }
}

/** A control request was refused by the peer that received it (not `not-leader`, which is retried). */
export class ControlRequestError extends MeshchanError {
  /** The refusal's code: 'not-member', 'invalid', 'unavailable'… */
  readonly reason: string
  readonly peer: string
  constructor (peer: string, reason: string, message: string) {
    super('ERR_CONTROL_REQUEST', `control request to ${peer} refused (${reason}): ${message}`)
    this.reason = reason
    this.peer = peer
  }
}

/** A control request got no answer in time (peer unreachable, partitioned, or stopped). */
export class ControlRequestTimeoutError extends MeshchanError {
  readonly peer: string
  constructor (peer: string, ms: number) {
    super('ERR_CONTROL_TIMEOUT', `no answer from ${peer} within ${ms} ms`)
    this.peer = peer
  }
}
