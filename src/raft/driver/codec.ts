import type { Entry, EntryType, Membership, SnapshotMeta } from '../storage.js'
import type { Message, MessageType } from '../core/messages.js'
import { EntryKind, MessageKind, RaftMessage, type WireEntry, type WireSnapshotMeta } from '../message-codec.js'
import { RaftMessageDecodeError } from './errors.js'

const TO_KIND: Record<MessageType, MessageKind> = {
  append: MessageKind.APPEND,
  appendResponse: MessageKind.APPEND_RESPONSE,
  heartbeat: MessageKind.HEARTBEAT,
  heartbeatResponse: MessageKind.HEARTBEAT_RESPONSE,
  vote: MessageKind.VOTE,
  voteResponse: MessageKind.VOTE_RESPONSE,
  preVote: MessageKind.PRE_VOTE,
  preVoteResponse: MessageKind.PRE_VOTE_RESPONSE,
  snapshot: MessageKind.SNAPSHOT,
  snapshotResponse: MessageKind.SNAPSHOT_RESPONSE,
  timeoutNow: MessageKind.TIMEOUT_NOW
}
const FROM_KIND = new Map<MessageKind, MessageType>(Object.entries(TO_KIND).map(([t, k]) => [k, t as MessageType]))

const TO_ENTRY_KIND: Record<EntryType, EntryKind> = { normal: EntryKind.NORMAL, config: EntryKind.CONFIG, noop: EntryKind.NOOP }
const FROM_ENTRY_KIND = new Map<EntryKind, EntryType>(Object.entries(TO_ENTRY_KIND).map(([t, k]) => [k, t as EntryType]))

/** Limits applied when decoding; a message over any of them is rejected. */
export interface MessageCodecLimits {
  /** Most entries in one append. Default 100 000. */
  maxEntries: number
  /** Most members listed in a snapshot's membership. Default 1000. */
  maxMembers: number
}

export const DEFAULT_CODEC_LIMITS: Readonly<MessageCodecLimits> = Object.freeze({ maxEntries: 100_000, maxMembers: 1000 })

/**
 * Encodes a core message as a protobuf `RaftMessage` (see src/raft/message-codec.proto).
 * `from` and `to` are left out by default: the transport authenticates the sender and delivers to
 * the addressee, so carrying two PeerIds (~100 bytes) in every heartbeat would only cost bandwidth
 * and open a way to lie about the sender. Pass `withAddresses` to keep them (e.g. for logs).
 */
export function encodeRaftMessage (m: Message, withAddresses = false): Uint8Array {
  const w: Partial<RaftMessage> = { type: TO_KIND[m.type], term: m.term }
  if (withAddresses) { w.from = m.from; w.to = m.to }
  switch (m.type) {
    case 'append':
      w.index = m.index
      w.logTerm = m.logTerm
      w.commit = m.commit
      w.entries = m.entries.map(e => ({ term: e.term, index: e.index, type: TO_ENTRY_KIND[e.type], data: e.data as Uint8Array<ArrayBuffer> }))
      break
    case 'appendResponse':
      w.index = m.index
      w.reject = m.reject
      w.hintIndex = m.hintIndex
      w.hintTerm = m.hintTerm
      break
    case 'heartbeat':
      w.commit = m.commit
      w.commitTerm = m.commitTerm
      if (m.context !== undefined) w.context = m.context as Uint8Array<ArrayBuffer>
      if (m.quiesce === true) w.quiesce = true
      break
    case 'heartbeatResponse':
      if (m.context !== undefined) w.context = m.context as Uint8Array<ArrayBuffer>
      break
    case 'vote':
    case 'preVote':
      w.index = m.index
      w.logTerm = m.logTerm
      w.transfer = m.transfer
      break
    case 'voteResponse':
    case 'preVoteResponse':
      w.reject = m.reject
      break
    case 'snapshot':
      w.meta = { index: m.meta.index, term: m.meta.term, membership: { voters: m.meta.membership.voters, learners: m.meta.membership.learners } }
      w.offset = m.offset
      w.total = m.total
      w.acked = m.acked
      w.data = m.data as Uint8Array<ArrayBuffer>
      break
    case 'snapshotResponse':
      w.index = m.index
      w.snapTerm = m.snapTerm
      w.offset = m.offset
      w.reject = m.reject
      break
    case 'timeoutNow':
      break
  }
  return RaftMessage.encode(w)
}

function fail (why: string): never {
  throw new RaftMessageDecodeError(why)
}

function num (name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 0) fail(`${name} out of range (${v})`)
  return v
}

function decodeEntries (entries: WireEntry[], prevIndex: number, term: number): Entry[] {
  const out: Entry[] = []
  let expect = prevIndex + 1
  let lastTerm = 0
  for (const e of entries) {
    const type = FROM_ENTRY_KIND.get(e.type)
    if (type === undefined) fail(`unknown entry type ${String(e.type)}`)
    if (num('entry.index', e.index) !== expect) fail(`entries not contiguous after index ${prevIndex} (got ${e.index}, expected ${expect})`)
    // Terms never decrease along a log and no entry is newer than the leader sending it.
    if (num('entry.term', e.term) < lastTerm || e.term > term || e.term === 0) fail(`entry ${e.index} has term ${e.term} (message term ${term})`)
    out.push({ term: e.term, index: e.index, type, data: e.data })
    expect++
    lastTerm = e.term
  }
  return out
}

function decodeMeta (w: WireSnapshotMeta | undefined, limits: MessageCodecLimits): SnapshotMeta {
  if (w === undefined) fail('snapshot without meta')
  const m: Membership = { voters: w.membership?.voters ?? [], learners: w.membership?.learners ?? [] }
  if (m.voters.length + m.learners.length > limits.maxMembers) fail('snapshot membership too large')
  if (m.voters.length === 0) fail('snapshot membership has no voters')
  return { index: num('meta.index', w.index), term: num('meta.term', w.term), membership: m }
}

/**
 * Decodes and validates a `RaftMessage`. Never returns a message the core could choke on.
 * `from` and `to` come from the transport (the authenticated sender, this node); a message that
 * carries other addresses is rejected.
 * @throws {RaftMessageDecodeError} bad protobuf, unknown type, missing or out-of-range fields.
 */
export function decodeRaftMessage (bytes: Uint8Array, from: string, to: string, limits: MessageCodecLimits = DEFAULT_CODEC_LIMITS): Message {
  let w: RaftMessage
  try {
    w = RaftMessage.decode(bytes, { limits: { entries: limits.maxEntries } })
  } catch (err) {
    throw new RaftMessageDecodeError(`undecodable protobuf: ${(err as Error).message}`, { cause: err })
  }
  const type = FROM_KIND.get(w.type)
  if (type === undefined) fail(`unknown message type ${String(w.type)}`)
  if ((w.from !== '' && w.from !== from) || (w.to !== '' && w.to !== to)) fail(`addressed ${w.from} → ${w.to}, delivered ${from} → ${to}`)
  const base = { from, to, term: num('term', w.term) }
  switch (type) {
    case 'append':
      return { ...base, type, index: num('index', w.index), logTerm: num('logTerm', w.logTerm), commit: num('commit', w.commit), entries: decodeEntries(w.entries, w.index, w.term) }
    case 'appendResponse':
      return { ...base, type, index: num('index', w.index), reject: w.reject, hintIndex: num('hintIndex', w.hintIndex), hintTerm: num('hintTerm', w.hintTerm) }
    case 'heartbeat':
      return { ...base, type, commit: num('commit', w.commit), commitTerm: num('commitTerm', w.commitTerm), ...(w.context !== undefined ? { context: w.context } : {}), ...(w.quiesce ? { quiesce: true } : {}) }
    case 'heartbeatResponse':
      return { ...base, type, ...(w.context !== undefined ? { context: w.context } : {}) }
    case 'vote':
    case 'preVote':
      return { ...base, type, index: num('index', w.index), logTerm: num('logTerm', w.logTerm), transfer: w.transfer }
    case 'voteResponse':
    case 'preVoteResponse':
      return { ...base, type, reject: w.reject }
    case 'snapshot': {
      const meta = decodeMeta(w.meta, limits)
      const total = num('total', w.total)
      if (num('offset', w.offset) + w.data.byteLength > total) fail(`snapshot chunk [${w.offset}, +${w.data.byteLength}) beyond total ${total}`)
      if (meta.term > w.term || meta.index === 0) fail('snapshot meta out of range')
      const acked = num('acked', w.acked)
      if (acked > total) fail(`snapshot acked ${acked} beyond total ${total}`)
      return { ...base, type, meta, offset: w.offset, total, data: w.data, acked }
    }
    case 'snapshotResponse':
      return { ...base, type, index: num('index', w.index), snapTerm: num('snapTerm', w.snapTerm), offset: num('offset', w.offset), reject: w.reject }
    case 'timeoutNow':
      return { ...base, type }
  }
}
