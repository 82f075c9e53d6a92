import { InvalidCommandError } from '../errors.js'
import { decodeFast, encodeFast } from './fast-codec.js'
import { QueueCommand } from './queue-state.js'
import { MAX_BATCH_COMMANDS, MAX_ID_LENGTH, MAX_LEASE_COUNT, MAX_NAME_LENGTH } from './types.js'
import type { CommandName, Fence, QueueConfig } from './types.js'

/**
 * Building and reading queue commands: the bytes the owner proposes and every replica applies.
 * {@link encodeCommand} is for the owner; {@link decodeCommand} validates everything, so the state
 * machine only ever sees well-formed commands (anything else is applied as an `invalid` no-op).
 */

/** Fields every command carries. */
export interface CommandMeta {
  /** The owner's clock (ms since the Unix epoch) when it proposed the command. */
  now: number
  /** Client session for retry deduplication; omit for owner-internal commands like `expire`. */
  client?: string
  /** > 0 with a `client`: a retried identical request returns the original result. */
  requestId?: number
  /** The client's lowest request id still awaiting an answer (results below it may be forgotten). */
  firstIncomplete?: number
}

export interface PutInput {
  id: string
  payload: Uint8Array
  producer?: string
  /** Absolute time (ms) before which the message is not delivered. */
  delayUntil?: number
  /** Per-message delivery limit (0 = unlimited); default: the queue's `maxDeliveries`. */
  maxDeliveries?: number
}

export interface LeaseInput {
  consumer: string
  /** Credit: hand out at most this many (1 … {@link MAX_LEASE_COUNT}). */
  count: number
  /** Lease length; the deadline is now + leaseMs. */
  leaseMs: number
}

export interface NackInput extends Fence {
  delayMs?: number
  /** Dead-letter the message now instead of releasing it. */
  deadLetter?: boolean
  /**
   * Owner only: give back a lease that was never pushed (leased ahead of credit). Ready again at
   * once; the lease does not count against `maxDeliveries` (its `attempt` stays used: fences are
   * never reissued). Not with `delayMs` or `deadLetter`.
   */
  unsent?: boolean
}

export interface ExtendInput extends Fence {
  /** The new deadline is now + ms (or the current one, if later: an extend never shortens a lease). */
  ms: number
}

export interface RequeueInput {
  ids?: string[]
  all?: boolean
}

/** The body of a command: exactly one key. */
export type CommandBody =
  | { put: PutInput }
  | { lease: LeaseInput }
  | { ack: Fence }
  | { nack: NackInput }
  | { extend: ExtendInput }
  | { expire: { max?: number } }
  | { requeueDead: RequeueInput }
  | { purge: { dead?: boolean } }
  | { configure: Partial<QueueConfig> }

/** One command, as the owner builds it. */
export type CommandInput = CommandMeta & CommandBody

/** A decoded, validated command. */
export type DecodedBody =
  | { type: 'put', id: string, payload: Uint8Array, producer: string, delayUntil: number, maxDeliveries: number | undefined }
  | { type: 'lease', consumer: string, count: number, leaseMs: number }
  | { type: 'ack', fence: Fence }
  | { type: 'nack', fence: Fence, delayMs: number, deadLetter: boolean, unsent: boolean }
  | { type: 'extend', fence: Fence, ms: number }
  | { type: 'expire', max: number }
  | { type: 'requeueDead', ids: string[], all: boolean }
  | { type: 'purge', dead: boolean }
  | { type: 'configure', config: Partial<QueueConfig> }
  /** Encoded commands, each decoded (and validated) only when the batch is applied. */
  | { type: 'batch', commands: Uint8Array[] }

export interface DecodedCommand {
  now: number
  client: string
  requestId: number
  firstIncomplete: number
  body: DecodedBody
}

const BODY_KEYS = ['put', 'lease', 'ack', 'nack', 'extend', 'expire', 'requeueDead', 'purge', 'configure', 'batch'] as const satisfies readonly CommandName[]

/** Most ids one requeueDead command may name (decoding refuses more, bounding the work per entry). */
export const MAX_REQUEUE_IDS = 10_000

const DECODE_LIMITS = { limits: { requeueDead: { ids: MAX_REQUEUE_IDS }, batch: { commands: MAX_BATCH_COMMANDS } } as any }

/** Encode a command for proposal. Throws {@link InvalidCommandError} if it would not validate. */
export function encodeCommand (cmd: CommandInput): Uint8Array {
  const c = cmd as CommandMeta & Record<string, any>
  const msg: Partial<QueueCommand> = {
    version: 1,
    client: c.client ?? '',
    requestId: c.requestId ?? 0,
    firstIncomplete: c.firstIncomplete ?? 0,
    now: c.now
  }
  if ('put' in cmd) {
    const p = cmd.put
    msg.put = { id: p.id, payload: p.payload as Uint8Array<ArrayBuffer>, producer: p.producer ?? '', delayUntil: p.delayUntil ?? 0, maxDeliveries: p.maxDeliveries }
  } else if ('lease' in cmd) {
    msg.lease = { ...cmd.lease }
  } else if ('ack' in cmd) {
    msg.ack = fenceOut(cmd.ack)
  } else if ('nack' in cmd) {
    msg.nack = { ...fenceOut(cmd.nack), delayMs: cmd.nack.delayMs ?? 0, deadLetter: cmd.nack.deadLetter ?? false, unsent: cmd.nack.unsent ?? false }
  } else if ('extend' in cmd) {
    msg.extend = { ...fenceOut(cmd.extend), ms: cmd.extend.ms }
  } else if ('expire' in cmd) {
    msg.expire = { max: cmd.expire.max ?? 0 }
  } else if ('requeueDead' in cmd) {
    msg.requeueDead = { ids: cmd.requeueDead.ids ?? [], all: cmd.requeueDead.all ?? false }
  } else if ('purge' in cmd) {
    msg.purge = { dead: cmd.purge.dead ?? false }
  } else if ('configure' in cmd) {
    msg.configure = { ...cmd.configure }
  }
  const bytes = encodeFast(msg as QueueCommand) ?? QueueCommand.encode(msg)
  // Refuse locally what every replica would refuse, so the owner finds out before proposing; the
  // decoded command is kept for when the owner applies these very bytes (see decodeCommandOnce).
  rememberDecoded(bytes, decodeCommand(bytes))
  return bytes
}

/**
 * Commands encoded in this process, decoded, until applied (byte arrays are never written to after
 * encoding, so the decoded form stays exact). The owner applies the very arrays it proposed (the
 * Raft log keeps them) and so skips decoding its own commands again; entries reach every other
 * replica, and come back after a restart, as other arrays and are decoded as usual.
 * A Map rather than a WeakMap: weak tables cost the garbage collector more than the decode saves
 * (measured: +2 µs per encode). Bounded in count and bytes: commands never applied here (a
 * proposal lost with leadership) are forgotten when it fills up, which costs only a decode.
 */
const decodedHere = new Map<Uint8Array, DecodedCommand>()
const MAX_DECODED_HERE = 1 << 16
const MAX_DECODED_HERE_BYTES = 64 * 1024 * 1024
let decodedHereBytes = 0

function rememberDecoded (bytes: Uint8Array, cmd: DecodedCommand): void {
  if (decodedHere.size >= MAX_DECODED_HERE || decodedHereBytes + bytes.byteLength > MAX_DECODED_HERE_BYTES) {
    decodedHere.clear()
    decodedHereBytes = 0
  }
  decodedHere.set(bytes, cmd)
  decodedHereBytes += bytes.byteLength
}

/** @internal how many encoded commands (and their bytes) wait to be applied here with their decode (tests). */
export function decodedHereSize (): { count: number, bytes: number } {
  return { count: decodedHere.size, bytes: decodedHereBytes }
}

/**
 * {@link decodeCommand}, or the decode already made when this process encoded these bytes (used
 * once: applying the same arrays again decodes them again).
 */
export function decodeCommandOnce (bytes: Uint8Array): DecodedCommand {
  const cmd = decodedHere.get(bytes)
  if (cmd === undefined) return decodeCommand(bytes)
  decodedHere.delete(bytes)
  decodedHereBytes -= bytes.byteLength
  return cmd
}

/**
 * One entry carrying several commands, each encoded by {@link encodeCommand} (so already
 * validated), applied in order as if each were an entry of its own (see `BatchCommand` in
 * queue-state.proto). 1 … {@link MAX_BATCH_COMMANDS} commands, none of them a batch.
 */
export function encodeBatch (commands: Uint8Array[]): Uint8Array {
  if (commands.length === 0 || commands.length > MAX_BATCH_COMMANDS) throw new InvalidCommandError(`a batch holds 1–${MAX_BATCH_COMMANDS} commands, got ${commands.length}`)
  const msg: QueueCommand = { version: 1, client: '', requestId: 0, firstIncomplete: 0, now: 0, batch: { commands: commands as Array<Uint8Array<ArrayBuffer>> } }
  const bytes = encodeFast(msg) ?? QueueCommand.encode(msg)
  // As decodeCommand(bytes) would return it, with the commands' own arrays (decoded here already).
  rememberDecoded(bytes, { now: 0, client: '', requestId: 0, firstIncomplete: 0, body: { type: 'batch', commands: [...commands] } })
  return bytes
}

function fenceOut (f: Fence): Fence {
  return { id: f.id, seq: f.seq, consumer: f.consumer, term: f.term, attempt: f.attempt }
}

/** The command name of an encoded command, or 'unknown' if it cannot be decoded. */
export function commandName (bytes: Uint8Array): CommandName | 'unknown' {
  try {
    return decodeCommand(bytes).body.type
  } catch {
    return 'unknown'
  }
}

/**
 * Decode and validate a command. Throws {@link InvalidCommandError} (with `command` set when the
 * body was recognised) for undecodable bytes, another version, no body or several, or fields out
 * of range.
 */
export function decodeCommand (bytes: Uint8Array): DecodedCommand {
  let msg: QueueCommand
  try {
    msg = decodeFast(bytes, MAX_BATCH_COMMANDS) ?? QueueCommand.decode(bytes, DECODE_LIMITS)
  } catch (err) {
    throw new InvalidCommandError('undecodable queue command', { cause: err })
  }
  if (msg.version !== 1) throw new InvalidCommandError(`unsupported queue command version ${msg.version}`)
  let present = 0
  let name: CommandName = 'put'
  for (const k of BODY_KEYS) {
    if (msg[k] == null) continue
    present++
    name = k
  }
  if (present !== 1) throw new InvalidCommandError(`a queue command needs exactly one body, got ${present}`)
  if (msg.client.length > MAX_NAME_LENGTH) fail(name, 'client name too long')
  const now = time(name, msg.now, 'now')
  const requestId = time(name, msg.requestId, 'requestId')
  const firstIncomplete = time(name, msg.firstIncomplete, 'firstIncomplete')
  let body: DecodedBody
  switch (name) {
    case 'put': {
      const p = msg.put!
      body = {
        type: 'put',
        id: checkId(name, p.id),
        payload: p.payload,
        producer: nameField(name, p.producer, 'producer', false),
        delayUntil: time(name, p.delayUntil, 'delayUntil'),
        maxDeliveries: p.maxDeliveries
      }
      break
    }
    case 'lease': {
      const l = msg.lease!
      if (l.count < 1 || l.count > MAX_LEASE_COUNT) fail(name, `count must be 1–${MAX_LEASE_COUNT}`)
      if (l.leaseMs < 1) fail(name, 'leaseMs must be at least 1')
      body = { type: 'lease', consumer: nameField(name, l.consumer, 'consumer', true), count: l.count, leaseMs: l.leaseMs }
      break
    }
    case 'ack':
      body = { type: 'ack', fence: fence(name, msg.ack!) }
      break
    case 'nack': {
      const n = msg.nack!
      if (n.unsent && (n.delayMs > 0 || n.deadLetter)) fail(name, 'unsent goes with neither delayMs nor deadLetter')
      body = { type: 'nack', fence: fence(name, n), delayMs: n.delayMs, deadLetter: n.deadLetter, unsent: n.unsent }
      break
    }
    case 'extend':
      if (msg.extend!.ms < 1) fail(name, 'ms must be at least 1')
      body = { type: 'extend', fence: fence(name, msg.extend!), ms: msg.extend!.ms }
      break
    case 'expire':
      body = { type: 'expire', max: msg.expire!.max }
      break
    case 'requeueDead': {
      const r = msg.requeueDead!
      for (const i of r.ids) checkId(name, i)
      if (!r.all && r.ids.length === 0) fail(name, 'name ids or all')
      body = { type: 'requeueDead', ids: r.ids, all: r.all }
      break
    }
    case 'purge':
      body = { type: 'purge', dead: msg.purge!.dead }
      break
    case 'configure': {
      const c = msg.configure!
      const config: Partial<QueueConfig> = {}
      const positive = (k: keyof QueueConfig, v: number | undefined, allowZero = false): void => {
        if (v === undefined) return
        if (!Number.isSafeInteger(v) || v < (allowZero ? 0 : 1)) fail(name, `${k} must be ${allowZero ? 'a non-negative' : 'a positive'} integer`)
        config[k] = v
      }
      positive('maxLength', c.maxLength)
      positive('maxBytes', c.maxBytes)
      positive('maxDeliveries', c.maxDeliveries, true)
      positive('dedupWindowMs', c.dedupWindowMs, true)
      positive('maxDedupEntries', c.maxDedupEntries)
      positive('maxDead', c.maxDead)
      positive('sessionTtlMs', c.sessionTtlMs, true)
      positive('maxSessions', c.maxSessions)
      positive('maxResultsPerClient', c.maxResultsPerClient)
      body = { type: 'configure', config }
      break
    }
    case 'batch': {
      const commands = msg.batch!.commands
      if (commands.length === 0) fail(name, 'an empty batch')
      body = { type: 'batch', commands }
      break
    }
  }
  return { now, client: msg.client, requestId, firstIncomplete, body }
}

// Validation helpers of decodeCommand (module functions, not closures: it runs for every command on every replica).
function fail (name: CommandName, m: string): never {
  throw Object.assign(new InvalidCommandError(`${name}: ${m}`), { command: name })
}

function time (name: CommandName, v: number, what: string): number {
  if (!Number.isSafeInteger(v) || v < 0) fail(name, `${what} out of range`)
  return v
}

function checkId (name: CommandName, v: string, what = 'id'): string {
  if (v.length === 0 || v.length > MAX_ID_LENGTH) fail(name, `${what} must be 1–${MAX_ID_LENGTH} characters`)
  return v
}

function nameField (name: CommandName, v: string, what: string, required: boolean): string {
  if ((required && v.length === 0) || v.length > MAX_NAME_LENGTH) fail(name, `${what} must be ${required ? 1 : 0}–${MAX_NAME_LENGTH} characters`)
  return v
}

function fence (name: CommandName, f: { id: string, seq: number, consumer: string, term: number, attempt: number }): Fence {
  return {
    id: checkId(name, f.id),
    seq: time(name, f.seq, 'seq'),
    consumer: nameField(name, f.consumer, 'consumer', true),
    term: time(name, f.term, 'term'),
    attempt: f.attempt
  }
}
