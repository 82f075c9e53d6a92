import { allocUnsafe } from 'uint8arrays/alloc'
import { varintLength, writeVarint } from '../../rpc/varint.js'
import { QueueFrame } from './queue-protocol.js'
import type { AckRequest, DeliveryMsg, FenceMsg, FenceReply, Push, PutItem, PutReply, PutRequest, Request, Response } from './queue-protocol.js'

/**
 * Hand-written protobuf for the queue protocol's hot frames — a push of deliveries (owner →
 * consumer), an acks or a put request (consumer / producer → owner) and their answers (a response
 * carrying `fences` or `puts`) — writing the same bytes as the protons-generated `QueueFrame` codec
 * and decoding to the same object it would. Every message a queue moves crosses the wire in these
 * frames, and protons' generic writer (a linked list of operations per field) and its JavaScript
 * UTF-8 reader cost several % of every process in the throughput benchmark. Anything off the hot
 * path — other frames, requests or response fields, non-ASCII strings, a field twice, unknown
 * fields, numbers out of range, too many elements for a limit — is left to the generated codec:
 * the fast functions then return `undefined`, and {@link encodeQueueFrame} /
 * {@link decodeQueueFrame} call it. Behaviour is therefore exactly the generated codec's, errors
 * included (the tests compare both on random frames). Same approach as `../state/fast-codec.ts`.
 */

/**
 * Bounds on repeated fields, as the generated decoder's `limits` option (only those of the frames
 * handled here: the generated option's type does not reach fields inside optional messages).
 */
export interface FrameDecodeOptions {
  limits?: {
    request?: { put?: { items?: number }, acks?: { fences?: number } }
    response?: { puts?: number, fences?: number }
    push?: { deliveries?: number }
  }
}

/** `QueueFrame.encode(frame)`, through the fast path when it handles the frame. */
export function encodeQueueFrame (frame: Partial<QueueFrame>): Uint8Array {
  return encodeFrameFast(frame) ?? QueueFrame.encode(frame)
}

/** `QueueFrame.decode(bytes, opts)`, through the fast path when it handles the frame; throws what that throws. */
export function decodeQueueFrame (bytes: Uint8Array, opts?: FrameDecodeOptions): QueueFrame {
  return decodeFrameFast(bytes, opts) ?? QueueFrame.decode(bytes, opts as Parameters<typeof QueueFrame.decode>[1])
}

/** Thrown inside the fast paths to hand the frame to the generated codec. */
const FALLBACK = Symbol('fallback')

const MAX_U32 = 0xffffffff

// ---- encoding -------------------------------------------------------------------------------------

// Sizes of fields with a one-byte tag as protons writes them (proto3: zero, empty and false left
// out), checking that the generated codec would write what the writer below does.
function u64 (v: number | undefined): number {
  if (v == null || v === 0) return 0
  if (!Number.isSafeInteger(v) || v < 0) throw FALLBACK
  return 1 + varintLength(v)
}

function u32 (v: number | undefined): number {
  if (v == null || v === 0) return 0
  if (!Number.isInteger(v) || v < 0 || v > MAX_U32) throw FALLBACK
  return 1 + varintLength(v)
}

/** Assumes ASCII (one byte a character): {@link Writer.str} checks it. */
function str (s: string | undefined): number {
  if (s == null || s === '') return 0
  if (typeof s !== 'string') throw FALLBACK
  return 1 + varintLength(s.length) + s.length
}

function bin (b: Uint8Array | undefined): number {
  if (b == null) return 0
  if (!(b instanceof Uint8Array)) throw FALLBACK
  return b.byteLength === 0 ? 0 : 1 + varintLength(b.byteLength) + b.byteLength
}

function bool (v: boolean | undefined): number {
  if (v == null || v === false) return 0
  if (v !== true) throw FALLBACK
  return 2
}

/** Size of an embedded message field: tag, length, fields. */
const sub = (tagBytes: number, size: number): number => tagBytes + varintLength(size) + size

const NONE: readonly never[] = []

/** A repeated field's elements (the generated encoder iterates anything; only arrays here). */
function list<T> (xs: T[] | undefined): readonly T[] {
  if (xs == null) return NONE
  if (!Array.isArray(xs)) throw FALLBACK
  return xs
}

/** An element of a repeated message field (the generated encoder throws on null ones). */
function item<T> (x: T | null | undefined): T {
  if (x == null) throw FALLBACK
  return x
}

/** Writes fields into a buffer sized beforehand; values were checked by the size functions above. */
class Writer {
  pos = 0
  constructor (readonly buf: Uint8Array) {}

  varint (v: number): void {
    this.pos = writeVarint(v, this.buf, this.pos)
  }

  num (tag: number, v: number | undefined): void {
    if (v == null || v === 0) return
    this.varint(tag)
    this.varint(v)
  }

  /** Falls back on a non-ASCII character: the sizes counted one byte each. */
  str (tag: number, s: string | undefined): void {
    if (s == null || s === '') return
    this.varint(tag)
    this.varint(s.length)
    const buf = this.buf
    let pos = this.pos
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c > 127) throw FALLBACK
      buf[pos++] = c
    }
    this.pos = pos
  }

  bin (tag: number, b: Uint8Array | undefined): void {
    if (b == null || b.byteLength === 0) return
    this.varint(tag)
    this.varint(b.byteLength)
    this.buf.set(b, this.pos)
    this.pos += b.byteLength
  }

  bool (tag: number, v: boolean | undefined): void {
    if (v !== true) return
    this.buf[this.pos++] = tag
    this.buf[this.pos++] = 1
  }

  /** Tag and length of an embedded message whose fields follow. */
  open (tag: number, size: number): void {
    this.varint(tag)
    this.varint(size)
  }

  /** The bytes, all of them written. */
  done (): Uint8Array {
    if (this.pos !== this.buf.byteLength) throw FALLBACK
    return this.buf
  }
}

const fenceSize = (f: FenceMsg): number => str(f.id) + u64(f.seq) + str(f.consumer) + u64(f.term) + u32(f.attempt)

function writeFence (w: Writer, f: FenceMsg): void {
  w.str(10, f.id)
  w.num(16, f.seq)
  w.str(26, f.consumer)
  w.num(32, f.term)
  w.num(40, f.attempt)
}

/** Frame `{ push }`: fields 1–6 of Push, deliveries with or without a fence. */
function encodePush (p: Push): Uint8Array {
  const ds = list(p.deliveries)
  // Per delivery: its size, and its fence's (-1: none).
  const sizes = new Array<number>(ds.length * 2)
  let size = u64(p.session) + str(p.queue) + bool(p.closed) + str(p.reason) + str(p.leaderHint)
  for (let i = 0; i < ds.length; i++) {
    const d = item(ds[i])
    let s = u64(d.deadline) + bin(d.payload) + u64(d.enqueuedAt)
    let f = -1
    if (d.fence != null) {
      f = fenceSize(d.fence)
      s += sub(1, f)
    }
    sizes[2 * i] = s
    sizes[2 * i + 1] = f
    size += sub(1, s)
  }
  const w = new Writer(allocUnsafe(sub(1, size)))
  w.open(26, size)
  w.num(8, p.session)
  w.str(18, p.queue)
  for (let i = 0; i < ds.length; i++) {
    const d: DeliveryMsg = ds[i]
    w.open(26, sizes[2 * i])
    if (d.fence != null) {
      w.open(10, sizes[2 * i + 1])
      writeFence(w, d.fence)
    }
    w.num(16, d.deadline)
    w.bin(26, d.payload)
    w.num(32, d.enqueuedAt)
  }
  w.bool(32, p.closed)
  w.str(42, p.reason)
  w.str(50, p.leaderHint)
  return w.done()
}

const requestHeadSize = (r: Request): number => u64(r.rid) + str(r.queue) + str(r.client) + u64(r.requestId) + u64(r.firstIncomplete)

/** A writer of frame `{ request }`, `size` the request's, with the request's fields before its op written. */
function openRequest (r: Request, size: number): Writer {
  const w = new Writer(allocUnsafe(sub(1, size)))
  w.open(10, size)
  w.num(8, r.rid)
  w.str(18, r.queue)
  w.str(26, r.client)
  w.num(32, r.requestId)
  w.num(40, r.firstIncomplete)
  return w
}

function encodeAcks (r: Request, a: AckRequest): Uint8Array {
  const fences = list(a.fences)
  const sizes = new Array<number>(fences.length)
  let size = u64(a.session)
  for (let i = 0; i < fences.length; i++) size += sub(1, sizes[i] = fenceSize(item(fences[i])))
  const w = openRequest(r, requestHeadSize(r) + sub(2, size))
  w.open(170, size)
  for (let i = 0; i < fences.length; i++) {
    w.open(10, sizes[i])
    writeFence(w, fences[i])
  }
  w.num(16, a.session)
  return w.done()
}

function encodePut (r: Request, p: PutRequest): Uint8Array {
  const items = list(p.items)
  const sizes = new Array<number>(items.length)
  let size = 0
  for (let i = 0; i < items.length; i++) {
    const it = item(items[i])
    size += sub(1, sizes[i] = str(it.id) + bin(it.payload) + u32(it.delayMs))
  }
  const w = openRequest(r, requestHeadSize(r) + sub(1, size))
  w.open(82, size)
  for (let i = 0; i < items.length; i++) {
    const it: PutItem = items[i]
    w.open(10, sizes[i])
    w.str(10, it.id)
    w.bin(18, it.payload)
    w.num(24, it.delayMs)
  }
  return w.done()
}

/** Frame `{ request }` whose op is `acks` or `put`. */
function encodeRequest (r: Request): Uint8Array {
  if (r.ack != null || r.nack != null || r.extend != null || r.stats != null || r.deadList != null || r.requeue != null ||
    r.consume != null || r.credit != null || r.close != null || r.waitAck != null) throw FALLBACK
  if (r.acks != null && r.put == null) return encodeAcks(r, r.acks)
  if (r.put != null && r.acks == null) return encodePut(r, r.put)
  throw FALLBACK
}

const putReplySize = (p: PutReply): number => str(p.id) + str(p.status) + u64(p.seq) + bool(p.duplicate) + str(p.reason)
const fenceReplySize = (f: FenceReply): number => str(f.status) + str(f.reason) + u64(f.deadline) + bool(f.credited)

/** Frame `{ response }` with `rid`, `puts` and `fences` only. */
function encodeResponse (r: Response): Uint8Array {
  if (r.error != null || r.fence != null || r.stats != null || r.requeue != null || (r.dead != null && r.dead.length > 0)) throw FALLBACK
  const puts = list(r.puts)
  const fences = list(r.fences)
  const sizes = new Array<number>(puts.length + fences.length)
  let size = u64(r.rid)
  for (let i = 0; i < puts.length; i++) size += sub(1, sizes[i] = putReplySize(item(puts[i])))
  for (let i = 0; i < fences.length; i++) size += sub(1, sizes[puts.length + i] = fenceReplySize(item(fences[i])))
  const w = new Writer(allocUnsafe(sub(1, size)))
  w.open(18, size)
  w.num(8, r.rid)
  for (let i = 0; i < puts.length; i++) {
    const p = puts[i]
    w.open(26, sizes[i])
    w.str(10, p.id)
    w.str(18, p.status)
    w.num(24, p.seq)
    w.bool(32, p.duplicate)
    w.str(42, p.reason)
  }
  for (let i = 0; i < fences.length; i++) {
    const f = fences[i]
    w.open(66, sizes[puts.length + i])
    w.str(10, f.status)
    w.str(18, f.reason)
    w.num(24, f.deadline)
    w.bool(32, f.credited)
  }
  return w.done()
}

/**
 * `QueueFrame.encode(frame)`'s bytes for a hot frame (exactly one kind set: a push, an acks or put
 * request, a response without error), or undefined (use the generated codec).
 */
export function encodeFrameFast (frame: Partial<QueueFrame>): Uint8Array | undefined {
  try {
    const { request, response, push } = frame
    const kinds = (request != null ? 1 : 0) + (response != null ? 1 : 0) + (push != null ? 1 : 0)
    if (kinds !== 1) return undefined
    if (push != null) return encodePush(push)
    if (request != null) return encodeRequest(request)
    return encodeResponse(response as Response)
  } catch (err) {
    if (err === FALLBACK) return undefined
    throw err
  }
}

// ---- decoding -------------------------------------------------------------------------------------

const nodeLatin1 = (globalThis as { Buffer?: { prototype: { latin1Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer?.prototype.latin1Slice

/**
 * ASCII bytes to a string: Node's native slice when there is one, except for short strings (statuses
 * like "acked"), which a loop makes faster than a call into C++ (and flat: V8 concatenates fewer
 * than 13 characters into a new string).
 */
function latin1 (buf: Uint8Array, start: number, end: number): string {
  if (nodeLatin1 !== undefined && end - start > 12) return nodeLatin1.call(buf, start, end)
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i])
  return s
}

/**
 * Reads the frame. Every read stays inside the buffer; each message's decoder then checks that its
 * fields ended exactly at its end (the generated decoder reads on past the end of a message whose
 * last field overruns it: such frames are left to it).
 */
class Reader {
  pos = 0
  readonly len: number
  constructor (readonly buf: Uint8Array) { this.len = buf.byteLength }

  /**
   * A varint of at most 7 bytes (< 2^49: every time, seq, rid and session here) in its shortest
   * form (the generated reader of 64-bit fields assumes it), else fall back.
   */
  varint (): number {
    const buf = this.buf
    let pos = this.pos
    if (pos >= this.len) throw FALLBACK
    let b = buf[pos++]
    if (b < 128) {
      this.pos = pos
      return b
    }
    let v = b & 127
    let mul = 128
    for (let i = 1; i < 7; i++) {
      if (pos >= this.len) throw FALLBACK
      b = buf[pos++]
      v += (b & 127) * mul
      if (b < 128) {
        if (b === 0) throw FALLBACK
        this.pos = pos
        return v
      }
      mul *= 128
    }
    throw FALLBACK
  }

  u32 (): number {
    const v = this.varint()
    if (v > MAX_U32) throw FALLBACK
    return v
  }

  /** A bool as written: one byte, 0 or 1. */
  bool (): boolean {
    if (this.pos >= this.len) throw FALLBACK
    const b = this.buf[this.pos++]
    if (b > 1) throw FALLBACK
    return b === 1
  }

  /** Reads a length; the end of the length-delimited field that follows. */
  end (): number {
    const n = this.varint()
    const end = this.pos + n
    if (end > this.len) throw FALLBACK
    return end
  }

  string (): string {
    const end = this.end()
    const buf = this.buf
    for (let i = this.pos; i < end; i++) if (buf[i] >= 0x80) throw FALLBACK
    const s = latin1(buf, this.pos, end)
    this.pos = end
    return s
  }

  /** A view of the frame, like the generated reader's (which returns a new empty array for none). */
  bytes (): Uint8Array<ArrayBuffer> {
    const end = this.end()
    const start = this.pos
    this.pos = end
    return (start === end ? new Uint8Array(0) : this.buf.subarray(start, end)) as Uint8Array<ArrayBuffer>
  }

  /** The message ended exactly where its length said. */
  check (end: number): void {
    if (this.pos !== end) throw FALLBACK
  }
}

/**
 * `seen` plus the field of `tag`; falls back if it was there already, unless the field is in
 * `repeated` (a bit per field number).
 */
function mark (seen: number, tag: number, repeated = 0): number {
  const bit = 1 << (tag >>> 3)
  if ((seen & bit & ~repeated) !== 0) throw FALLBACK
  return seen | bit
}

/** Placeholder for a bytes field not read (yet): replaced by a new empty array, as the generated decoder's default. */
const NO_BYTES = new Uint8Array(0)

const bytesOrEmpty = (b: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => b === NO_BYTES ? new Uint8Array(0) : b

function readFence (r: Reader, end: number): FenceMsg {
  const f: FenceMsg = { id: '', seq: 0, consumer: '', term: 0, attempt: 0 }
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag)
    switch (tag) {
      case 10: f.id = r.string(); break
      case 16: f.seq = r.varint(); break
      case 26: f.consumer = r.string(); break
      case 32: f.term = r.varint(); break
      case 40: f.attempt = r.u32(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  return f
}

function readDelivery (r: Reader, end: number): DeliveryMsg {
  const d: DeliveryMsg = { deadline: 0, payload: NO_BYTES, enqueuedAt: 0 }
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag)
    switch (tag) {
      case 10: d.fence = readFence(r, r.end()); break
      case 16: d.deadline = r.varint(); break
      case 26: d.payload = r.bytes(); break
      case 32: d.enqueuedAt = r.varint(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  d.payload = bytesOrEmpty(d.payload)
  return d
}

function readPush (r: Reader, end: number, limits: NonNullable<FrameDecodeOptions['limits']>['push']): Push {
  const p: Push = { session: 0, queue: '', deliveries: [], closed: false, reason: '', leaderHint: '' }
  const max = limits?.deliveries
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag, 1 << 3)
    switch (tag) {
      case 8: p.session = r.varint(); break
      case 18: p.queue = r.string(); break
      case 26:
        if (p.deliveries.length === max) throw FALLBACK
        p.deliveries.push(readDelivery(r, r.end()))
        break
      case 32: p.closed = r.bool(); break
      case 42: p.reason = r.string(); break
      case 50: p.leaderHint = r.string(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  return p
}

function readAcks (r: Reader, end: number, limits: { fences?: number } | undefined): AckRequest {
  const a: AckRequest = { fences: [], session: 0 }
  const max = limits?.fences
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag, 1 << 1)
    switch (tag) {
      case 10:
        if (a.fences.length === max) throw FALLBACK
        a.fences.push(readFence(r, r.end()))
        break
      case 16: a.session = r.varint(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  return a
}

function readPutItem (r: Reader, end: number): PutItem {
  const it: PutItem = { id: '', payload: NO_BYTES, delayMs: 0 }
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag)
    switch (tag) {
      case 10: it.id = r.string(); break
      case 18: it.payload = r.bytes(); break
      case 24: it.delayMs = r.u32(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  it.payload = bytesOrEmpty(it.payload)
  return it
}

function readPut (r: Reader, end: number, limits: { items?: number } | undefined): PutRequest {
  const p: PutRequest = { items: [] }
  const max = limits?.items
  while (r.pos < end) {
    if (r.varint() !== 10) throw FALLBACK
    if (p.items.length === max) throw FALLBACK
    p.items.push(readPutItem(r, r.end()))
  }
  r.check(end)
  return p
}

function readRequest (r: Reader, end: number, limits: NonNullable<FrameDecodeOptions['limits']>['request']): Request {
  const q: Request = { rid: 0, queue: '', client: '', requestId: 0, firstIncomplete: 0 }
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag)
    switch (tag) {
      case 8: q.rid = r.varint(); break
      case 18: q.queue = r.string(); break
      case 26: q.client = r.string(); break
      case 32: q.requestId = r.varint(); break
      case 40: q.firstIncomplete = r.varint(); break
      case 82:
        if (q.acks !== undefined) throw FALLBACK
        q.put = readPut(r, r.end(), limits?.put)
        break
      case 170:
        if (q.put !== undefined) throw FALLBACK
        q.acks = readAcks(r, r.end(), limits?.acks)
        break
      default: throw FALLBACK
    }
  }
  r.check(end)
  if (q.put === undefined && q.acks === undefined) throw FALLBACK
  return q
}

function readPutReply (r: Reader, end: number): PutReply {
  const p: PutReply = { id: '', status: '', seq: 0, duplicate: false, reason: '' }
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag)
    switch (tag) {
      case 10: p.id = r.string(); break
      case 18: p.status = r.string(); break
      case 24: p.seq = r.varint(); break
      case 32: p.duplicate = r.bool(); break
      case 42: p.reason = r.string(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  return p
}

function readFenceReply (r: Reader, end: number): FenceReply {
  const f: FenceReply = { status: '', reason: '', deadline: 0, credited: false }
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag)
    switch (tag) {
      case 10: f.status = r.string(); break
      case 18: f.reason = r.string(); break
      case 24: f.deadline = r.varint(); break
      case 32: f.credited = r.bool(); break
      default: throw FALLBACK
    }
  }
  r.check(end)
  return f
}

function readResponse (r: Reader, end: number, limits: NonNullable<FrameDecodeOptions['limits']>['response']): Response {
  const res: Response = { rid: 0, puts: [], dead: [], fences: [] }
  const maxPuts = limits?.puts
  const maxFences = limits?.fences
  let seen = 0
  while (r.pos < end) {
    const tag = r.varint()
    seen = mark(seen, tag, 1 << 3 | 1 << 8)
    switch (tag) {
      case 8: res.rid = r.varint(); break
      case 26:
        if (res.puts.length === maxPuts) throw FALLBACK
        res.puts.push(readPutReply(r, r.end()))
        break
      case 66:
        if (res.fences.length === maxFences) throw FALLBACK
        res.fences.push(readFenceReply(r, r.end()))
        break
      default: throw FALLBACK
    }
  }
  r.check(end)
  return res
}

/**
 * What `QueueFrame.decode(bytes, opts)` returns, for a hot frame; undefined for anything else
 * (use the generated codec, which also throws for malformed frames). `opts.limits` bound repeated
 * fields like the generated decoder's: a frame over one is left to it (it throws).
 */
export function decodeFrameFast (bytes: Uint8Array, opts?: FrameDecodeOptions): QueueFrame | undefined {
  // The generated reader copies a frame in shared memory first; its payloads are views of the copy.
  if (!(bytes.buffer instanceof ArrayBuffer)) return undefined
  try {
    const r = new Reader(bytes)
    const tag = r.varint()
    const end = r.end()
    let frame: QueueFrame
    switch (tag) {
      case 10: frame = { request: readRequest(r, end, opts?.limits?.request) }; break
      case 18: frame = { response: readResponse(r, end, opts?.limits?.response) }; break
      case 26: frame = { push: readPush(r, end, opts?.limits?.push) }; break
      default: throw FALLBACK
    }
    // Anything after the one kind (another, the same again, unknown fields): the generated codec's.
    r.check(r.len)
    return frame
  } catch (err) {
    if (err === FALLBACK) return undefined
    throw err
  }
}
