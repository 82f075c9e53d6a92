import { Buffer } from 'node:buffer'
import { InvalidGroupIdError } from './errors.js'

/** Longest group id accepted on the wire and from callers, in UTF-8 bytes. */
export const MAX_GROUP_ID_BYTES = 256

/** UTF-8 length of `group` if it is a valid group id, else -1. */
export function groupIdBytes (group: string): number {
  if (group.length === 0 || group.length > MAX_GROUP_ID_BYTES) return -1
  const n = Buffer.byteLength(group, 'utf8')
  return n > MAX_GROUP_ID_BYTES ? -1 : n
}

/** @throws {InvalidGroupIdError} */
export function checkGroupId (group: string): number {
  const n = typeof group === 'string' ? groupIdBytes(group) : -1
  if (n < 0) throw new InvalidGroupIdError(String(group), MAX_GROUP_ID_BYTES)
  return n
}
