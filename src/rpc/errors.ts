import { MeshchanError } from '../errors.js'

/**
 * A peer announced a frame longer than the configured limit. Raised by the reader as soon as the
 * length prefix is decoded, before any of the body is buffered; the stream is reset.
 * Also thrown synchronously when a local caller tries to send such a frame.
 */
export class FrameTooLargeError extends MeshchanError {
  readonly size: number
  readonly limit: number
  constructor (size: number, limit: number) {
    super('ERR_FRAME_TOO_LARGE', `frame of ${size} bytes exceeds the limit of ${limit} bytes`)
    this.size = size
    this.limit = limit
  }
}

/** The length prefix is not a valid unsigned varint (too many continuation bytes). */
export class BadLengthPrefixError extends MeshchanError {
  constructor () {
    super('ERR_BAD_LENGTH_PREFIX', 'frame length prefix is not a valid varint')
  }
}

/** The remote closed or lost the stream in the middle of a frame. */
export class TruncatedFrameError extends MeshchanError {
  /** Bytes of the unfinished frame (prefix included) that had arrived. */
  readonly received: number
  constructor (received: number, how: string) {
    super('ERR_TRUNCATED_FRAME', `stream ${how} with ${received} bytes of an unfinished frame`)
    this.received = received
  }
}

/** A frame arrived whole but its content is invalid for the protocol (bad protobuf, bad fields). */
export class MalformedFrameError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_MALFORMED_FRAME', message, options)
  }
}

/** The remote reset the stream, or the connection under it closed abruptly. */
export class StreamResetError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_STREAM_RESET', message, options)
  }
}

/** The outbound queue of a stream is full (see the `overflow` option). */
export class QueueFullError extends MeshchanError {
  readonly queuedBytes: number
  readonly limit: number
  constructor (queuedBytes: number, limit: number) {
    super('ERR_QUEUE_FULL', `outbound queue holds ${queuedBytes} bytes, limit ${limit}`)
    this.queuedBytes = queuedBytes
    this.limit = limit
  }
}

/** Opening a stream to a peer failed (dial failed or timed out, protocol refused). */
export class StreamOpenError extends MeshchanError {
  readonly peer: string
  constructor (peer: string, message: string, options?: { cause?: unknown }) {
    super('ERR_STREAM_OPEN', `could not open a stream to ${peer}: ${message}`, options)
    this.peer = peer
  }
}

/** A peer id string could not be parsed. */
export class InvalidPeerIdError extends MeshchanError {
  constructor (peer: string, options?: { cause?: unknown }) {
    super('ERR_INVALID_PEER_ID', `"${peer}" is not a valid peer id`, options)
  }
}
