import { MeshchanError } from '../errors.js'

/**
 * Errors of the queue data path (routing and protocol), next to the state machine's typed errors
 * in `errors.ts`.
 */

/** An error answer of the queue protocol, as a retryable/terminal error for the router. */
export class QueueReplyError extends MeshchanError {
  /** Wire code: NOT_OWNER, UNKNOWN_QUEUE, INVALID, RETRY, NO_SESSION, INTERNAL. */
  readonly reply: string
  readonly leaderHint: string
  constructor (reply: string, message: string, leaderHint = '') {
    super(`ERR_QUEUE_${reply}`, message)
    this.reply = reply
    this.leaderHint = leaderHint
  }
}

/** The request was refused as malformed or out of range by the owner; retrying won't help. */
export class InvalidQueueRequestError extends MeshchanError {
  constructor (message: string) {
    super('ERR_INVALID_REQUEST', message)
  }
}

/** A queue name is empty, too long, or holds characters outside `[A-Za-z0-9._:-]`. */
export class InvalidQueueNameError extends MeshchanError {
  constructor (name: string) {
    super('ERR_INVALID_QUEUE_NAME', `invalid queue name ${JSON.stringify(String(name)).slice(0, 300)}: use 1–200 characters of [A-Za-z0-9._:-]`)
  }
}

const NAME = /^[A-Za-z0-9._:-]{1,200}$/

/** Throws {@link InvalidQueueNameError} unless `name` is a valid queue name. */
export function checkQueueName (name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) throw new InvalidQueueNameError(String(name))
  return name
}
