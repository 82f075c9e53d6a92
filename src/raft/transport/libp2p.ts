import { logger as createLogger } from '@libp2p/logger'
import { ClosedError, InvalidOptionError, MessageTooLargeError } from '../../errors.js'
import { MalformedFrameError } from '../../rpc/errors.js'
import { DEFAULT_MAX_FRAME_SIZE, type FramedStream } from '../../rpc/framed-stream.js'
import { PeerStreams, type PeerStreamsOptions, type StreamsLibp2p } from '../../rpc/peer-streams.js'
import type { FrameStats } from '../../rpc/stats.js'
import { varintLength } from '../../rpc/varint.js'
import { checkGroupId, groupIdBytes } from './group-id.js'
import { NoticeLimiter } from './notice-limiter.js'
import { RaftFrame, type GroupMessage } from './raft-frame.js'
import { createRaftTransportStats, type PeerChangeHandler, type RaftMessageHandler, type RaftTransport, type RaftTransportStats, type UnknownGroupHandler } from './types.js'

/** The libp2p protocol id of the Raft transport. */
export const RAFT_PROTOCOL = '/meshchan/raft/1.0.0'

export interface Libp2pRaftTransportOptions extends Pick<PeerStreamsOptions,
'maxQueuedBytes' | 'maxBatchBytes' | 'maxInboundStreams' | 'maxOutboundStreams' | 'dialTimeout' | 'maxRetries' | 'retryBaseDelay' | 'retryMaxDelay' | 'closeTimeout' | 'onEvent'> {
  /** Largest frame sent or accepted, bytes. Every peer must use the same value. Default 4 MiB. */
  maxFrameSize?: number
  /**
   * Messages to one peer are coalesced into one frame until it reaches this size, then a new frame
   * starts. Default 256 KiB (≤ `maxFrameSize`): big enough to amortise, small enough that a
   * snapshot chunk doesn't hold up heartbeats of other groups for long.
   */
  coalesceBytes?: number
  /** Minimum time between two "unknown group" notices for the same (peer, group), ms. Default 1000. */
  noticeInterval?: number
  /** Protocol id. Default {@link RAFT_PROTOCOL}; tests may run several transports side by side. */
  protocol?: string
}

interface Outbox {
  messages: GroupMessage[]
  notices: string[]
  bytes: number
}

/**
 * {@link RaftTransport} over libp2p streams ({@link RAFT_PROTOCOL}): one stream per pair of peers
 * for all groups, messages coalesced per peer per event-loop turn into one protobuf `RaftFrame`.
 * Bad input from a peer (undecodable frame, bad group id, oversized or truncated frame) resets that
 * peer's stream and is counted; nothing else is affected.
 */
export class Libp2pRaftTransport implements RaftTransport {
  readonly localId: string
  readonly stats: RaftTransportStats = createRaftTransportStats()
  private readonly streams: PeerStreams
  private readonly maxFrameSize: number
  private readonly coalesceBytes: number
  private readonly limiter: NoticeLimiter
  private readonly outboxes = new Map<string, Outbox>()
  private flushTimer: ReturnType<typeof setImmediate> | undefined
  private handler: RaftMessageHandler | undefined
  private unknownHandler: UnknownGroupHandler | undefined
  private peerHandler: PeerChangeHandler | undefined
  private state: 'new' | 'started' | 'stopped' = 'new'
  private readonly log = createLogger('meshchan:raft:transport')

  constructor (libp2p: StreamsLibp2p, options: Libp2pRaftTransportOptions = {}) {
    this.localId = libp2p.peerId.toString()
    this.maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE
    this.coalesceBytes = options.coalesceBytes ?? Math.min(256 * 1024, this.maxFrameSize)
    if (!Number.isInteger(this.coalesceBytes) || this.coalesceBytes < 1 || this.coalesceBytes > this.maxFrameSize) {
      throw new InvalidOptionError('coalesceBytes', `expected an integer from 1 to maxFrameSize (${this.maxFrameSize})`)
    }
    this.limiter = new NoticeLimiter(options.noticeInterval ?? 1000)
    this.streams = new PeerStreams(libp2p, {
      ...options,
      protocol: options.protocol ?? RAFT_PROTOCOL,
      maxFrameSize: this.maxFrameSize,
      // Raft retransmits: a full queue drops the newest frame rather than blocking the driver.
      overflow: 'drop',
      logName: 'meshchan:raft:transport:streams',
      onFrame: this.onFrame,
      onEvent: evt => {
        options.onEvent?.(evt)
        // A stream ends when its connection dies (a crash, or the mesh's ping timeout closing it)
        // and opens when a peer (re)appears: what quiesced groups need to hear about.
        if (evt.type === 'stream:open' || evt.type === 'stream:end') this.peerHandler?.(evt.peer, evt.type === 'stream:open')
      }
    })
  }

  /** Frame-level counters (bytes, resets, malformed input…) of the underlying streams. */
  get frameStats (): FrameStats {
    return this.streams.stats
  }

  /** Open streams with `peer`; 1 in the steady state. For tests and diagnostics. */
  streamCount (peer: string): number {
    return this.streams.streamCount(peer)
  }

  onMessage (handler: RaftMessageHandler): void {
    this.handler = handler
  }

  onUnknownGroup (handler: UnknownGroupHandler): void {
    this.unknownHandler = handler
  }

  onPeerChange (handler: PeerChangeHandler): void {
    this.peerHandler = handler
  }

  async start (): Promise<void> {
    if (this.state !== 'new') throw new ClosedError('raft transport')
    this.state = 'started'
    await this.streams.start()
  }

  send (to: string, group: string, message: Uint8Array): void {
    const size = messageSize(checkGroupId(group), message.byteLength)
    if (size > this.maxFrameSize) throw new MessageTooLargeError(message.byteLength, this.maxFrameSize)
    if (this.state !== 'started') {
      this.stats.messagesDropped++
      return
    }
    this.stats.messagesOut++
    const outbox = this.outbox(to, size)
    outbox.messages.push({ group, payload: message as Uint8Array<ArrayBuffer> })
    outbox.bytes += size
  }

  async stop (): Promise<void> {
    if (this.state === 'stopped') return
    // Best effort: what the driver sent just before stopping (e.g. TimeoutNow of a leadership transfer) still goes out.
    if (this.state === 'started') this.flush()
    this.state = 'stopped'
    if (this.flushTimer !== undefined) clearImmediate(this.flushTimer)
    this.flushTimer = undefined
    await this.streams.stop()
  }

  /** The outbox for `to` with room for `size` more bytes (flushing the current one if it is full). */
  private outbox (to: string, size: number): Outbox {
    let outbox = this.outboxes.get(to)
    if (outbox !== undefined && outbox.bytes > 0 && outbox.bytes + size > this.coalesceBytes) {
      this.flushPeer(to, outbox)
      outbox = undefined
    }
    if (outbox === undefined) {
      outbox = { messages: [], notices: [], bytes: 0 }
      this.outboxes.set(to, outbox)
    }
    // setImmediate, not a microtask: a driver handling one Ready across several awaits still coalesces.
    this.flushTimer ??= setImmediate(() => { this.flushTimer = undefined; this.flush() })
    return outbox
  }

  private flush (): void {
    const outboxes = [...this.outboxes]
    this.outboxes.clear()
    for (const [to, outbox] of outboxes) this.flushPeer(to, outbox)
  }

  private flushPeer (to: string, outbox: Outbox): void {
    this.outboxes.delete(to)
    if (outbox.messages.length === 0 && outbox.notices.length === 0) return
    if (to === this.localId) {
      // A node addressing itself: deliver without a stream.
      for (const m of outbox.messages) this.deliver(to, m.group, m.payload, undefined)
      return
    }
    const frame = RaftFrame.encode({ messages: outbox.messages, unknownGroups: outbox.notices })
    let sent = false
    try {
      sent = this.streams.send(to, frame)
    } catch (err) {
      this.log('dropping frame to %s: %e', to, err)
    }
    if (sent) {
      this.stats.framesSent++
      this.stats.noticesSent += outbox.notices.length
    } else {
      this.stats.messagesDropped += outbox.messages.length
    }
  }

  private readonly onFrame = (frame: Uint8Array, from: string, stream: FramedStream): void => {
    let decoded: RaftFrame
    try {
      decoded = RaftFrame.decode(frame)
    } catch (err) {
      stream.fail(new MalformedFrameError(`undecodable RaftFrame from ${from}: ${(err as Error).message}`, { cause: err }))
      return
    }
    // Validate the whole frame before delivering any of it.
    for (const group of [...decoded.messages.map(m => m.group), ...decoded.unknownGroups]) {
      if (groupIdBytes(group) < 0) {
        stream.fail(new MalformedFrameError(`RaftFrame from ${from} has an invalid group id`))
        return
      }
    }
    for (const m of decoded.messages) this.deliver(from, m.group, m.payload, stream)
    for (const group of decoded.unknownGroups) {
      this.stats.noticesReceived++
      try {
        this.unknownHandler?.(from, group)
      } catch (err) {
        this.log.error('unknown-group handler threw: %e', err)
      }
    }
  }

  private deliver (from: string, group: string, payload: Uint8Array, stream: FramedStream | undefined): void {
    this.stats.messagesIn++
    let known = false
    try {
      known = this.handler !== undefined && this.handler(from, group, payload) !== false
    } catch (err) {
      // The driver's bug, not the peer's: log it and treat the group as known.
      known = true
      this.log.error('message handler threw for group %s: %e', group, err)
    }
    if (known) return
    this.stats.unknownGroup++
    if (stream === undefined || this.state !== 'started') return
    if (!this.limiter.allow(from, group)) {
      this.stats.noticesSuppressed++
      return
    }
    const size = 1 + varintLength(groupIdBytes(group)) + groupIdBytes(group)
    const outbox = this.outbox(from, size)
    outbox.notices.push(group)
    outbox.bytes += size
  }
}

/** Bytes a GroupMessage adds to a RaftFrame (field tag, length, and the message itself). */
function messageSize (groupBytes: number, payloadBytes: number): number {
  const inner = 1 + varintLength(groupBytes) + groupBytes + (payloadBytes > 0 ? 1 + varintLength(payloadBytes) + payloadBytes : 0)
  return 1 + varintLength(inner) + inner
}

/** Creates a Raft transport on a libp2p node (a `Mesh`'s `mesh.libp2p`). Call `start()` before use. */
export function libp2pRaftTransport (libp2p: StreamsLibp2p, options?: Libp2pRaftTransportOptions): Libp2pRaftTransport {
  return new Libp2pRaftTransport(libp2p, options)
}
