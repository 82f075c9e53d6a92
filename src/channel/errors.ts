import { MeshchanError } from '../errors.js'

/**
 * A receive buffer with the `'error'` overflow policy had to drop messages. Thrown once by `recv()`
 * or an iterator step at the place in the stream where the messages went missing: every message
 * received before the loss has been handed out first, and the messages after it follow.
 */
export class ChannelOverflowError extends MeshchanError {
  /** How many messages were dropped at this point of the stream. */
  readonly dropped: number
  constructor (channel: string, dropped: number) {
    super('ERR_CHANNEL_OVERFLOW', `channel "${channel}": receive buffer full, ${dropped} message(s) dropped`)
    this.dropped = dropped
  }
}

/** A value given to `send` cannot be encoded by the channel's codec (nothing was sent). */
export class EncodeError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_ENCODE', message, options)
  }
}
