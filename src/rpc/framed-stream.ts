import type { Stream, StreamCloseEvent, StreamMessageEvent } from '@libp2p/interface'
import { ClosedError, MeshchanError } from '../errors.js'
import { FrameDecoder } from './frame-decoder.js'
import { BadLengthPrefixError, FrameTooLargeError, MalformedFrameError, QueueFullError, StreamResetError, TruncatedFrameError } from './errors.js'
import { createFrameStats, type FrameStats } from './stats.js'
import { varintLength, writeVarint } from './varint.js'

/** Framing limits and the policy of the outbound queue. */
export interface FrameOptions {
  /** Largest frame body accepted or sent, in bytes. Default 4 MiB (libp2p's own lp default). */
  maxFrameSize?: number
  /**
   * Bound of the outbound queue (frames accepted but not yet handed to the stream), in bytes.
   * Default 8 MiB. One frame larger than the bound is still accepted when the queue is empty.
   */
  maxQueuedBytes?: number
  /** Frames are concatenated into one `stream.send()` call up to this many bytes. Default 256 KiB. */
  maxBatchBytes?: number
  /**
   * What {@link FramedStream.send} does when the queue is full: `'drop'` discards the new frame,
   * counts it in `stats.dropped` and returns false (right for Raft, which retransmits);
   * `'throw'` throws {@link QueueFullError}. Default `'drop'`. {@link FramedStream.write} waits instead.
   */
  overflow?: 'drop' | 'throw'
}

export const DEFAULT_MAX_FRAME_SIZE = 4 * 1024 * 1024
export const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024
export const DEFAULT_MAX_BATCH_BYTES = 256 * 1024

/** How a framed stream ended. */
export interface StreamEnd {
  /**
   * `closed`: both ends closed cleanly between frames. `failed`: this node reset the stream
   * because of bad input (`error` says which). `reset`: the remote reset the stream or the
   * connection died. `aborted`: this node aborted it (e.g. on stop).
   */
  kind: 'closed' | 'failed' | 'reset' | 'aborted'
  error?: Error
}

export interface FramedStreamInit extends FrameOptions {
  /**
   * Called with each whole frame, in order. Return a promise to pause reading until it settles
   * (read backpressure: the remote's sends then back up in the muxer's window). A throw is logged
   * through `onError` and does not touch the stream: it is a local bug, not the peer's fault.
   */
  onFrame: (frame: Uint8Array, stream: FramedStream) => void | Promise<void>
  /** Called once when the stream is finished, whatever the reason. */
  onEnd?: (end: StreamEnd, stream: FramedStream) => void
  /** Local problems worth logging (a throwing frame handler). */
  onError?: (err: unknown) => void
  /** Counters to add to; a fresh set when omitted. */
  stats?: FrameStats
}

interface Waiter { size: number, resolve: () => void, reject: (err: Error) => void }

/**
 * Length-prefixed frames over one libp2p 3 {@link Stream}, both directions. Reading is driven by
 * the stream's `message` events (no read-ahead beyond what the muxer buffers); writing goes
 * through a bounded queue flushed in batches that waits for `drain` when the stream says so.
 * Every failure ends in exactly one {@link StreamEnd} and is counted in {@link FrameStats}.
 */
export class FramedStream {
  readonly stream: Stream
  readonly stats: FrameStats
  readonly maxFrameSize: number
  readonly maxQueuedBytes: number
  private readonly maxBatchBytes: number
  private readonly overflow: 'drop' | 'throw'
  private readonly decoder: FrameDecoder
  private readonly init: FramedStreamInit
  private readonly queue: Uint8Array[] = []
  private queueHead = 0
  private queued = 0
  private readonly waiters: Waiter[] = []
  private readonly idleWaiters: Array<PromiseWithResolvers<void>> = []
  private flushing = false
  private paused = false
  private remoteDone = false
  private closing = false
  private ended = false

  constructor (stream: Stream, init: FramedStreamInit) {
    this.stream = stream
    this.init = init
    this.stats = init.stats ?? createFrameStats()
    this.maxFrameSize = init.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE
    this.maxQueuedBytes = init.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES
    this.maxBatchBytes = init.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES
    this.overflow = init.overflow ?? 'drop'
    this.decoder = new FrameDecoder(this.maxFrameSize)
    // While we pause for a slow handler the stream buffers; leave room for one whole frame.
    stream.maxReadBufferLength = Math.max(stream.maxReadBufferLength, 2 * this.maxFrameSize + 64 * 1024)
    stream.addEventListener('message', this.onMessage)
    stream.addEventListener('remoteCloseWrite', this.onRemoteCloseWrite)
    stream.addEventListener('close', this.onClose)
    if (stream.status !== 'open') queueMicrotask(() => { this.finish({ kind: 'reset', error: new StreamResetError(`stream was already ${stream.status}`) }) })
  }

  /** True until the stream ends or {@link close} starts; only then does {@link send} accept frames. */
  get writable (): boolean {
    return !this.ended && !this.closing && this.stream.writeStatus === 'writable'
  }

  /** True once the stream is finished (see {@link StreamEnd}). */
  get isEnded (): boolean {
    return this.ended
  }

  /** Bytes in the outbound queue (prefixes included), not counting what the stream already holds. */
  get queuedBytes (): number {
    return this.queued
  }

  /**
   * Queues a frame. Returns false if the queue is full and the policy is `'drop'`.
   * @throws {FrameTooLargeError} the frame exceeds `maxFrameSize`
   * @throws {ClosedError} the stream is closing or ended
   * @throws {QueueFullError} the queue is full and the policy is `'throw'`
   */
  send (frame: Uint8Array): boolean {
    const size = this.check(frame)
    if (this.queued + size > this.maxQueuedBytes && this.queued > 0) {
      if (this.overflow === 'throw') throw new QueueFullError(this.queued, this.maxQueuedBytes)
      this.stats.dropped++
      return false
    }
    this.enqueue(frame, size)
    return true
  }

  /**
   * Queues a frame, waiting for room in the queue first (backpressure for callers that can wait).
   * Resolves when the frame is queued, not when it is delivered.
   */
  async write (frame: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<void> {
    const size = this.check(frame)
    if (this.waiters.length === 0 && (this.queued + size <= this.maxQueuedBytes || this.queued === 0)) {
      this.enqueue(frame, size)
      return
    }
    options.signal?.throwIfAborted()
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    const waiter: Waiter = { size, resolve: () => { this.enqueue(frame, size); resolve() }, reject }
    this.waiters.push(waiter)
    const onAbort = (): void => {
      const i = this.waiters.indexOf(waiter)
      if (i >= 0) this.waiters.splice(i, 1)
      reject(options.signal?.reason as Error)
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await promise
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /**
   * Flushes the queue, then closes the write end; the stream ends when the remote closes its end
   * too. Aborts the stream if that takes longer than `timeout` ms (default 2000).
   */
  async close (options: { timeout?: number } = {}): Promise<void> {
    if (this.ended) return
    this.closing = true
    for (const w of this.waiters.splice(0)) w.reject(new ClosedError('stream'))
    const signal = AbortSignal.timeout(options.timeout ?? 2000)
    try {
      if (this.queue.length > this.queueHead || this.flushing) {
        const idle = Promise.withResolvers<void>()
        this.idleWaiters.push(idle)
        await raceAbort(idle.promise, signal)
      }
      await this.stream.close({ signal })
    } catch {
      // Timed out (the remote isn't reading) or the stream died meanwhile: let go of it.
      this.abort(new ClosedError('stream'))
    }
  }

  /** Resets the stream now, discarding queued frames (counted as dropped). No-op once ended. */
  abort (err: Error = new ClosedError('stream')): void {
    if (this.ended) return
    // finish first: it detaches our listeners, so the abort's own 'close' event isn't taken for a remote reset.
    this.finish({ kind: 'aborted', error: err })
    this.stream.abort(err)
  }

  /**
   * Rejects the peer's input: counts `err` (oversized, truncated or malformed), resets the stream
   * and ends it with kind `failed`. Protocols call this with a {@link MalformedFrameError} when a
   * frame doesn't decode.
   */
  fail (err: MeshchanError): void {
    if (this.ended) return
    if (err instanceof FrameTooLargeError) this.stats.oversized++
    else if (err instanceof TruncatedFrameError) this.stats.truncated++
    else if (err instanceof MalformedFrameError || err instanceof BadLengthPrefixError) this.stats.malformed++
    this.stats.resetsSent++
    this.finish({ kind: 'failed', error: err })
    this.stream.abort(err)
  }

  private check (frame: Uint8Array): number {
    if (this.ended || this.closing) throw new ClosedError('stream')
    if (frame.byteLength > this.maxFrameSize) throw new FrameTooLargeError(frame.byteLength, this.maxFrameSize)
    return varintLength(frame.byteLength) + frame.byteLength
  }

  private enqueue (frame: Uint8Array, size: number): void {
    this.queue.push(frame)
    this.queued += size
    if (!this.flushing) {
      this.flushing = true
      // Frames queued within this microtask go out in one stream.send.
      queueMicrotask(() => { void this.flush() })
    }
  }

  private async flush (): Promise<void> {
    try {
      while (this.queue.length > this.queueHead && !this.ended && this.stream.writeStatus === 'writable') {
        const batch = this.takeBatch()
        if (!this.stream.send(batch)) {
          // The muxer's buffer is full: nothing more until it drains (rejects if the stream closes).
          await waitForDrain(this.stream)
        }
      }
    } catch {
      // send threw or drain rejected: the stream is closing, and the close handler counts the rest.
    } finally {
      this.flushing = false
      if (this.queue.length === this.queueHead || this.ended) {
        for (const idle of this.idleWaiters.splice(0)) idle.resolve()
      }
    }
  }

  /** Takes frames off the queue up to `maxBatchBytes` and encodes them, prefixes included, into one buffer. */
  private takeBatch (): Uint8Array {
    let end = this.queueHead
    let bytes = 0
    while (end < this.queue.length) {
      const size = varintLength(this.queue[end].byteLength) + this.queue[end].byteLength
      if (bytes > 0 && bytes + size > this.maxBatchBytes) break
      bytes += size
      end++
    }
    const out = new Uint8Array(bytes)
    let offset = 0
    for (let i = this.queueHead; i < end; i++) {
      const frame = this.queue[i]
      offset = writeVarint(frame.byteLength, out, offset)
      out.set(frame, offset)
      offset += frame.byteLength
    }
    this.stats.framesOut += end - this.queueHead
    this.stats.bytesOut += bytes
    this.queueHead = end
    // Compact now and then instead of shifting per frame.
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0
      this.queueHead = 0
    } else if (this.queueHead > 1024) {
      this.queue.splice(0, this.queueHead)
      this.queueHead = 0
    }
    this.queued -= bytes
    this.wakeWriters()
    return out
  }

  private wakeWriters (): void {
    while (this.waiters.length > 0) {
      const w = this.waiters[0]
      if (this.queued + w.size > this.maxQueuedBytes && this.queued > 0) break
      this.waiters.shift()
      w.resolve()
    }
  }

  private readonly onMessage = (evt: StreamMessageEvent): void => {
    const data = evt.data
    this.stats.bytesIn += data.byteLength
    if (data instanceof Uint8Array) this.decoder.push(data)
    else for (const chunk of data) this.decoder.push(chunk)
    this.drain()
  }

  private drain (): void {
    while (!this.paused && !this.ended) {
      let frame: Uint8Array | undefined
      try {
        frame = this.decoder.next()
      } catch (err) {
        this.fail(err as MeshchanError)
        return
      }
      if (frame === undefined) break
      this.stats.framesIn++
      let result: void | Promise<void>
      try {
        result = this.init.onFrame(frame, this)
      } catch (err) {
        this.init.onError?.(err)
        continue
      }
      if (result instanceof Promise) this.pauseFor(result)
    }
    if (!this.paused) this.checkRemoteEnd()
  }

  private pauseFor (pending: Promise<void>): void {
    this.paused = true
    if (this.stream.readStatus === 'readable') this.stream.pause()
    pending.catch(err => { this.init.onError?.(err) }).finally(() => {
      this.paused = false
      if (this.ended) return
      this.drain()
      // resume() re-dispatches what the stream buffered meanwhile, synchronously.
      if (!this.paused && this.stream.readStatus === 'paused') this.stream.resume()
    })
  }

  private readonly onRemoteCloseWrite = (): void => {
    this.remoteDone = true
    this.checkRemoteEnd()
  }

  /** Once the remote's write end is closed and everything it sent is decoded: truncated, or a clean end. */
  private checkRemoteEnd (): void {
    if (!this.remoteDone || this.ended || this.paused || this.stream.readBufferLength > 0) return
    if (this.decoder.pendingBytes > 0) {
      this.fail(new TruncatedFrameError(this.decoder.pendingBytes, 'closed by the remote'))
      return
    }
    // The remote is done: finish our side too so the stream is released on both ends.
    void this.close()
  }

  private readonly onClose = (evt: StreamCloseEvent): void => {
    if (this.ended) return
    if (evt.error == null) {
      if (this.decoder.pendingBytes > 0) {
        this.fail(new TruncatedFrameError(this.decoder.pendingBytes, 'closed'))
        return
      }
      this.finish({ kind: 'closed' })
      return
    }
    // Not ours (we finish before our own aborts dispatch): a remote reset, or the connection went away.
    if (this.decoder.pendingBytes > 0) this.stats.truncated++
    this.stats.resetsReceived++
    this.finish({ kind: 'reset', error: new StreamResetError(`stream ${evt.local ? 'lost' : 'reset by the remote'}: ${evt.error.message}`, { cause: evt.error }) })
  }

  private finish (end: StreamEnd): void {
    if (this.ended) return
    this.ended = true
    const unsent = this.queue.length - this.queueHead
    this.stats.dropped += unsent
    this.queue.length = 0
    this.queueHead = 0
    this.queued = 0
    const closed = new ClosedError('stream')
    for (const w of this.waiters.splice(0)) w.reject(closed)
    for (const idle of this.idleWaiters.splice(0)) idle.resolve()
    this.stream.removeEventListener('message', this.onMessage)
    this.stream.removeEventListener('remoteCloseWrite', this.onRemoteCloseWrite)
    this.stream.removeEventListener('close', this.onClose)
    this.init.onEnd?.(end, this)
  }
}

/**
 * Resolves on the stream's next 'drain' event, rejects if it closes first. Not `stream.onDrain()`:
 * in @libp2p/utils 7.4 that promise is created once and never reset, so after the first drain it
 * resolves immediately and the muxer's write buffer grows without bound (seen: 12 MiB queued).
 */
async function waitForDrain (stream: Stream): Promise<void> {
  if (!stream.writableNeedsDrain) return
  const { promise, resolve, reject } = Promise.withResolvers<void>()
  const onDrain = (): void => { resolve() }
  const onClose = (evt: StreamCloseEvent): void => { reject(evt.error ?? new ClosedError('stream')) }
  stream.addEventListener('drain', onDrain)
  stream.addEventListener('close', onClose)
  try {
    await promise
  } finally {
    stream.removeEventListener('drain', onDrain)
    stream.removeEventListener('close', onClose)
  }
}

async function raceAbort (promise: Promise<void>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted()
  const { promise: aborted, reject } = Promise.withResolvers<never>()
  const onAbort = (): void => { reject(signal.reason) }
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    await Promise.race([promise, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
