import { MeshchanError } from '../errors.js'

/**
 * Typed errors of the queue API. The replicated state machine itself never throws for anything a
 * peer can send (it answers with typed results, see `state/types.ts`); these are what the queue
 * API turns those results into.
 */

/** A put found the queue at `maxLength` / `maxBytes` (with `overflow: 'reject'`), or the message alone exceeds `maxBytes`. */
export class QueueFullError extends MeshchanError {
  readonly queue: string
  readonly reason: 'maxLength' | 'maxBytes' | 'tooLarge'
  constructor (queue: string, reason: 'maxLength' | 'maxBytes' | 'tooLarge', message?: string) {
    super('ERR_QUEUE_FULL', message ?? `queue "${queue}" is full (${reason})`)
    this.queue = queue
    this.reason = reason
  }
}

/**
 * An ack, nack or extend presented a fence that is not the message's current lease: the lease
 * expired and the message was (or will be) delivered again, it came from an older owner term, or
 * another delivery was acked. Nothing changed; the consumer no longer holds the message.
 */
export class StaleAckError extends MeshchanError {
  readonly id: string
  readonly reason: 'notLeased' | 'fence' | 'acked' | 'dead'
  constructor (id: string, reason: 'notLeased' | 'fence' | 'acked' | 'dead', operation: 'ack' | 'nack' | 'extend' = 'ack') {
    super('ERR_STALE_ACK', `stale ${operation} for message "${id}" (${reason}): the lease is no longer held`)
    this.id = id
    this.reason = reason
  }
}

/** An ack, nack or extend named a message the queue does not know (never put, or long gone). */
export class UnknownMessageError extends MeshchanError {
  readonly id: string
  constructor (id: string) {
    super('ERR_UNKNOWN_MESSAGE', `no message "${id}" in the queue`)
    this.id = id
  }
}

/** A queue command was malformed or out of range; it was applied as a no-op. */
export class InvalidCommandError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_INVALID_COMMAND', message, options)
  }
}

/**
 * A retried request's original result was forgotten (session expired): whether it took effect is
 * unknown. Puts are still deduplicated by message id, acks by fence.
 */
export class RequestExpiredError extends MeshchanError {
  constructor (client: string, requestId: number) {
    super('ERR_REQUEST_EXPIRED', `request ${requestId} of client "${client}" expired before its retry; outcome unknown`)
  }
}

/**
 * The Raft driver applied entries out of order or twice: a bug in the caller, not a peer's input.
 * Applying twice would break exactly-once removal, so the state machine refuses.
 */
export class ApplyOrderError extends MeshchanError {
  constructor (index: number, lastIndex: number) {
    super('ERR_APPLY_ORDER', `entry ${index} applied after entry ${lastIndex}`)
  }
}

/** A snapshot could not be restored (corrupt, truncated, or another format version). */
export class SnapshotFormatError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_SNAPSHOT_FORMAT', message, options)
  }
}
