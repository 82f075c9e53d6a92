import type { Connection, Libp2p, PeerId, Stream } from '@libp2p/interface'
import { logger as createLogger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { ClosedError, InvalidOptionError } from '../errors.js'
import { FrameTooLargeError, InvalidPeerIdError, StreamOpenError } from './errors.js'
import { DEFAULT_MAX_FRAME_SIZE, DEFAULT_MAX_QUEUED_BYTES, FramedStream, type FrameOptions, type StreamEnd } from './framed-stream.js'
import { createFrameStats, type FrameStats } from './stats.js'
import { varintLength } from './varint.js'

/** The part of a libp2p node {@link PeerStreams} uses (a full `Libp2p` fits). */
export type StreamsLibp2p = Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol' | 'peerId'>

export interface PeerStreamsOptions extends FrameOptions {
  /** Protocol id, e.g. `/meshchan/raft/1.0.0`. */
  protocol: string
  /** Called with every whole frame received from any peer, on any stream of this protocol. */
  onFrame: (frame: Uint8Array, from: string, stream: FramedStream) => void | Promise<void>
  /**
   * Inbound streams a peer may open per connection. Default 4: one is the norm, the rest absorbs
   * both sides opening at once and reconnect races. libp2p resets streams beyond it.
   */
  maxInboundStreams?: number
  /** Outbound streams per connection. Default 4. */
  maxOutboundStreams?: number
  /** Time allowed to dial the peer (if not connected) and negotiate the protocol, ms. Default 5000. */
  dialTimeout?: number
  /**
   * Consecutive failed opens before the frames waiting for a stream are dropped. Default 3.
   * The next send starts a new round, no earlier than `retryMaxDelay` after the last failure.
   */
  maxRetries?: number
  /** Delay before the 2nd attempt, doubled each time (±25 % jitter), ms. Default 100. */
  retryBaseDelay?: number
  /** Upper bound of the retry delay, ms. Default 2000. */
  retryMaxDelay?: number
  /** How long {@link PeerStreams.stop} lets each stream flush before resetting it, ms. Default 1000. */
  closeTimeout?: number
  /** Observer for diagnostics and tests: stream ends, failed opens, dropped frames. Must not throw. */
  onEvent?: (event: PeerStreamsEvent) => void
  /** `@libp2p/logger` namespace. Default `meshchan:rpc`. */
  logName?: string
}

/** What {@link PeerStreamsOptions.onEvent} reports. */
export type PeerStreamsEvent =
  | { type: 'stream:open', peer: string, direction: 'inbound' | 'outbound' }
  | { type: 'stream:end', peer: string, direction: 'inbound' | 'outbound', end: StreamEnd }
  | { type: 'open:failed', peer: string, error: StreamOpenError, attempt: number }
  /** Frames that waited for a stream were given up after `maxRetries` failed opens. */
  | { type: 'dropped', peer: string, frames: number }

/** Per remote peer: its open streams (either direction) and frames waiting for one. */
interface PeerLink {
  readonly peer: string
  readonly peerId: PeerId
  /** Open streams with this peer, oldest first. Any of them can carry frames both ways. */
  readonly streams: FramedStream[]
  pending: Uint8Array[]
  pendingBytes: number
  opening: boolean
  failures: number
  nextAttempt: number
  retryTimer: ReturnType<typeof setTimeout> | undefined
}

/**
 * One protocol's streams to many peers. Sending to a peer uses a stream already open with it —
 * opened by either side, so a pair of peers normally shares one stream — and otherwise opens one
 * lazily (dialing the peer by PeerId if needed), with bounded retries and backoff. Frames sent
 * while no stream is open wait in a bounded queue. Inbound streams are accepted by the handler
 * registered in {@link start}. {@link stop} closes everything and leaves no timers behind.
 */
export class PeerStreams {
  readonly stats: FrameStats
  readonly protocol: string
  private readonly libp2p: StreamsLibp2p
  private readonly options: PeerStreamsOptions
  private readonly maxFrameSize: number
  private readonly maxQueuedBytes: number
  private readonly links = new Map<string, PeerLink>()
  private readonly stopController = new AbortController()
  private readonly log
  private state: 'new' | 'started' | 'stopped' = 'new'

  constructor (libp2p: StreamsLibp2p, options: PeerStreamsOptions) {
    for (const field of ['maxFrameSize', 'maxQueuedBytes', 'maxBatchBytes', 'maxInboundStreams', 'maxOutboundStreams', 'dialTimeout', 'maxRetries', 'retryBaseDelay', 'retryMaxDelay', 'closeTimeout'] as const) {
      const value = options[field]
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new InvalidOptionError(field, `expected a positive integer, got ${String(value)}`)
    }
    this.libp2p = libp2p
    this.options = options
    this.protocol = options.protocol
    this.maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE
    this.maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES
    this.stats = createFrameStats()
    this.log = createLogger(options.logName ?? 'meshchan:rpc')
  }

  /** Registers the inbound handler. */
  async start (): Promise<void> {
    if (this.state !== 'new') throw new ClosedError('peer streams')
    this.state = 'started'
    await this.libp2p.handle(this.protocol, this.onInbound, {
      maxInboundStreams: this.options.maxInboundStreams ?? 4,
      maxOutboundStreams: this.options.maxOutboundStreams ?? 4
    })
  }

  /**
   * Sends one frame to `peer` (a PeerId string), fire-and-forget. Returns false if the frame was
   * dropped because the queue for that peer is full (counted in `stats.dropped`); frames queued
   * on a stream that later fails are dropped too. Delivery is never confirmed.
   * @throws {FrameTooLargeError} the frame exceeds `maxFrameSize`
   * @throws {InvalidPeerIdError} `peer` isn't a PeerId
   * @throws {ClosedError} after {@link stop}
   */
  send (peer: string, frame: Uint8Array): boolean {
    if (this.state === 'stopped') throw new ClosedError('peer streams')
    if (frame.byteLength > this.maxFrameSize) throw new FrameTooLargeError(frame.byteLength, this.maxFrameSize)
    const link = this.link(peer)
    const stream = writableStream(link)
    if (stream !== undefined) return stream.send(frame)
    const size = varintLength(frame.byteLength) + frame.byteLength
    if (link.pendingBytes + size > this.maxQueuedBytes && link.pending.length > 0) {
      this.stats.dropped++
      return false
    }
    link.pending.push(frame)
    link.pendingBytes += size
    this.ensureOpen(link)
    return true
  }

  /** Number of open streams with `peer` (both directions). */
  streamCount (peer: string): number {
    return this.links.get(peer)?.streams.length ?? 0
  }

  /** Removes the handler, cancels dials and retries, flushes and closes every stream. Idempotent. */
  async stop (): Promise<void> {
    if (this.state === 'stopped') return
    const wasStarted = this.state === 'started'
    this.state = 'stopped'
    this.stopController.abort(new ClosedError('peer streams'))
    const closing: Array<Promise<void>> = []
    for (const link of this.links.values()) {
      clearTimeout(link.retryTimer)
      link.retryTimer = undefined
      this.dropPending(link)
      for (const s of link.streams) closing.push(s.close({ timeout: this.options.closeTimeout ?? 1000 }))
    }
    if (wasStarted) {
      await this.libp2p.unhandle(this.protocol).catch(err => { this.log('unhandle failed: %e', err) })
    }
    await Promise.all(closing)
    this.links.clear()
  }

  private readonly onInbound = (stream: Stream, connection: Connection): void => {
    if (this.state !== 'started') {
      stream.abort(new ClosedError('peer streams'))
      return
    }
    const link = this.link(connection.remotePeer.toString(), connection.remotePeer)
    this.stats.streamsOpened++
    this.attach(link, stream)
  }

  private link (peer: string, peerId?: PeerId): PeerLink {
    let link = this.links.get(peer)
    if (link !== undefined) return link
    if (peerId === undefined) {
      try {
        peerId = peerIdFromString(peer)
      } catch (err) {
        throw new InvalidPeerIdError(peer, { cause: err })
      }
    }
    if (this.links.size >= MAX_IDLE_LINKS) this.sweep()
    link = { peer, peerId, streams: [], pending: [], pendingBytes: 0, opening: false, failures: 0, nextAttempt: 0, retryTimer: undefined }
    this.links.set(peer, link)
    return link
  }

  private attach (link: PeerLink, stream: Stream): FramedStream {
    const framed = new FramedStream(stream, {
      maxFrameSize: this.maxFrameSize,
      maxQueuedBytes: this.maxQueuedBytes,
      maxBatchBytes: this.options.maxBatchBytes,
      overflow: this.options.overflow,
      stats: this.stats,
      onFrame: (frame, s) => this.options.onFrame(frame, link.peer, s),
      onEnd: (end, s) => { this.onStreamEnd(link, s, end) },
      onError: err => { this.log.error('frame handler for %s threw: %e', link.peer, err) }
    })
    link.streams.push(framed)
    this.options.onEvent?.({ type: 'stream:open', peer: link.peer, direction: stream.direction })
    // A stream appeared (ours or theirs): whatever waited for one goes out on it.
    const pending = link.pending
    link.pending = []
    link.pendingBytes = 0
    for (const frame of pending) framed.send(frame)
    return framed
  }

  private onStreamEnd (link: PeerLink, stream: FramedStream, end: StreamEnd): void {
    const i = link.streams.indexOf(stream)
    if (i >= 0) link.streams.splice(i, 1)
    if (end.kind === 'closed' || end.kind === 'aborted') {
      this.log('%s stream with %s %s', stream.stream.direction, link.peer, end.kind)
    } else {
      this.log('%s stream with %s %s: %s', stream.stream.direction, link.peer, end.kind, end.error?.message)
      // A stream that dies counts against the peer, so a peer that accepts then resets isn't re-dialed in a tight loop.
      this.recordFailure(link)
    }
    this.options.onEvent?.({ type: 'stream:end', peer: link.peer, direction: stream.stream.direction, end })
    if (link.pending.length > 0) this.ensureOpen(link)
    this.maybeForget(link)
  }

  private ensureOpen (link: PeerLink): void {
    if (link.opening || link.retryTimer !== undefined || this.state !== 'started') return
    const delay = link.nextAttempt - Date.now()
    if (delay > 0) {
      link.retryTimer = setTimeout(() => {
        link.retryTimer = undefined
        if (link.pending.length > 0) this.ensureOpen(link)
        else this.maybeForget(link)
      }, delay)
      return
    }
    link.opening = true
    void this.open(link)
  }

  private async open (link: PeerLink): Promise<void> {
    const timeout = this.options.dialTimeout ?? 5000
    const signal = AbortSignal.any([this.stopController.signal, AbortSignal.timeout(timeout)])
    let stream: Stream
    try {
      stream = await this.libp2p.dialProtocol(link.peerId, this.protocol, { signal })
    } catch (err) {
      link.opening = false
      if (this.state !== 'started') return
      this.stats.openFailures++
      const error = new StreamOpenError(link.peer, signal.aborted ? `timed out after ${timeout} ms` : (err as Error).message, { cause: err })
      this.log('%s (attempt %d)', error.message, link.failures + 1)
      this.recordFailure(link)
      this.options.onEvent?.({ type: 'open:failed', peer: link.peer, error, attempt: link.failures })
      if (link.failures >= (this.options.maxRetries ?? 3)) {
        // Give up on what waited; a later send starts a new round after the cool-down.
        this.dropPending(link)
        link.failures = 0
        link.nextAttempt = Date.now() + (this.options.retryMaxDelay ?? 2000)
        this.maybeForget(link)
      } else if (link.pending.length > 0) {
        this.ensureOpen(link)
      }
      return
    }
    link.opening = false
    if (this.state !== 'started') {
      stream.abort(new ClosedError('peer streams'))
      return
    }
    this.stats.streamsOpened++
    link.failures = 0
    link.nextAttempt = 0
    this.attach(link, stream)
  }

  private recordFailure (link: PeerLink): void {
    link.failures++
    const base = this.options.retryBaseDelay ?? 100
    const max = this.options.retryMaxDelay ?? 2000
    const delay = Math.min(max, base * 2 ** (link.failures - 1))
    link.nextAttempt = Date.now() + delay * (0.75 + Math.random() * 0.5)
  }

  private dropPending (link: PeerLink): void {
    if (link.pending.length === 0) return
    this.options.onEvent?.({ type: 'dropped', peer: link.peer, frames: link.pending.length })
    this.stats.dropped += link.pending.length
    link.pending = []
    link.pendingBytes = 0
  }

  /** Forgets a peer with nothing in flight, so peers that come and go don't accumulate. */
  private maybeForget (link: PeerLink): void {
    if (link.streams.length > 0 || link.pending.length > 0 || link.opening || link.retryTimer !== undefined) return
    // Keep the back-off memory of a peer that keeps failing; it costs one small entry.
    if (link.nextAttempt > Date.now()) return
    this.links.delete(link.peer)
  }

  private sweep (): void {
    for (const link of this.links.values()) {
      if (link.streams.length === 0 && link.pending.length === 0 && !link.opening && link.retryTimer === undefined) this.links.delete(link.peer)
    }
  }
}

/** Above this many known peers, idle entries (kept only for their back-off) are swept. */
const MAX_IDLE_LINKS = 1024

/** The oldest stream that still accepts frames. */
function writableStream (link: PeerLink): FramedStream | undefined {
  for (const s of link.streams) if (s.writable) return s
  return undefined
}
