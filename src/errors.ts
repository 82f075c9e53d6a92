/**
 * Every error meshchan throws on purpose is a `MeshchanError` with a stable `code`, so callers can
 * branch on `err.code` (or `instanceof`) instead of parsing messages.
 */
export class MeshchanError extends Error {
  readonly code: string
  constructor (code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** An option passed to a meshchan factory is missing, of the wrong type or out of range. */
export class InvalidOptionError extends MeshchanError {
  readonly field: string
  constructor (field: string, message: string) {
    super('ERR_INVALID_OPTION', `invalid option "${field}": ${message}`)
    this.field = field
  }
}

/** A message is larger than the configured limit. */
export class MessageTooLargeError extends MeshchanError {
  readonly size: number
  readonly limit: number
  constructor (size: number, limit: number) {
    super('ERR_MESSAGE_TOO_LARGE', `message of ${size} bytes exceeds the limit of ${limit} bytes`)
    this.size = size
    this.limit = limit
  }
}

/** An operation did not finish before its deadline or its AbortSignal fired. */
export class TimeoutError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_TIMEOUT', message, options)
  }
}

/** The mesh, channel or queue was closed while the operation was pending. */
export class ClosedError extends MeshchanError {
  constructor (what: string) {
    super('ERR_CLOSED', `${what} is closed`)
  }
}

/** Bytes received from a peer could not be decoded (bad frame, bad envelope, bad payload). */
export class DecodeError extends MeshchanError {
  constructor (message: string, options?: { cause?: unknown }) {
    super('ERR_DECODE', message, options)
  }
}
