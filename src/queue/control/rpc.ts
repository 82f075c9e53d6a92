import { logger as createLogger } from '@libp2p/logger'
import { ClosedError } from '../../errors.js'
import { MalformedFrameError } from '../../rpc/errors.js'
import { PeerStreams, type StreamsLibp2p } from '../../rpc/peer-streams.js'
import { ControlFrame } from './control.js'
import { ControlRequestTimeoutError } from './errors.js'

/** The libp2p protocol of control requests (status, join, declare, list, leave). */
export const CONTROL_PROTOCOL = '/meshchan/control/1.0.0'

/** Control frames are small (a placement at most); anything bigger is hostile. */
export const CONTROL_MAX_FRAME_SIZE = 256 * 1024

/** The request part of a frame (exactly one field set). */
export type ControlRequest = Pick<ControlFrame, 'status' | 'join' | 'declare' | 'list' | 'leave'>
/** The response part of a frame (exactly one field set). */
export type ControlResponse = Pick<ControlFrame, 'statusReply' | 'ok' | 'failure' | 'listReply' | 'leaveReply'>

/** Answers one request from `from` (authenticated by libp2p). */
export type ControlHandler = (from: string, request: ControlRequest) => Promise<ControlResponse>

interface Pending {
  resolve: (r: ControlResponse) => void
  reject: (e: Error) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * Request/response over {@link PeerStreams}: one protobuf {@link ControlFrame} per length-prefixed
 * frame, matched by a request id chosen by the asker. Requests to a peer share the stream the pair
 * already has open. There are no retries here: callers decide (Raft-style routing retries anyway).
 */
export class ControlRpc {
  private readonly streams: PeerStreams
  private readonly pending = new Map<string, Pending>()
  private nextId = 1
  private stopped = false
  private readonly log = createLogger('meshchan:control:rpc')

  constructor (libp2p: StreamsLibp2p, private readonly handler: ControlHandler, options: { protocol?: string } = {}) {
    this.streams = new PeerStreams(libp2p, {
      protocol: options.protocol ?? CONTROL_PROTOCOL,
      maxFrameSize: CONTROL_MAX_FRAME_SIZE,
      onFrame: (frame, from, stream) => {
        let f: ControlFrame
        try {
          f = ControlFrame.decode(frame)
        } catch (err) {
          stream.fail(new MalformedFrameError(`undecodable control frame from ${from}: ${(err as Error).message}`, { cause: err }))
          return
        }
        if (f.statusReply !== undefined || f.ok !== undefined || f.failure !== undefined || f.listReply !== undefined || f.leaveReply !== undefined) {
          const key = `${from}\n${f.id}`
          const p = this.pending.get(key)
          if (p === undefined) return // late answer to a request we gave up on
          this.pending.delete(key)
          clearTimeout(p.timer)
          p.resolve({ statusReply: f.statusReply, ok: f.ok, failure: f.failure, listReply: f.listReply, leaveReply: f.leaveReply })
          return
        }
        if (f.status === undefined && f.join === undefined && f.declare === undefined && f.list === undefined && f.leave === undefined) {
          stream.fail(new MalformedFrameError(`empty control frame from ${from}`))
          return
        }
        void this.serve(from, f)
      },
      logName: 'meshchan:control:streams'
    })
  }

  async start (): Promise<void> {
    await this.streams.start()
  }

  /**
   * Sends `request` to `peer` and resolves with its answer.
   * @throws {ControlRequestTimeoutError} no answer within `timeoutMs`.
   * @throws {ClosedError} after {@link stop}.
   */
  async request (peer: string, request: ControlRequest, timeoutMs: number): Promise<ControlResponse> {
    if (this.stopped) throw new ClosedError('control rpc')
    const id = this.nextId++
    const key = `${peer}\n${id}`
    const { promise, resolve, reject } = Promise.withResolvers<ControlResponse>()
    const timer = setTimeout(() => {
      this.pending.delete(key)
      reject(new ControlRequestTimeoutError(peer, timeoutMs))
    }, timeoutMs)
    this.pending.set(key, { resolve, reject, timer })
    try {
      this.streams.send(peer, ControlFrame.encode({ id, ...request }))
    } catch (err) {
      this.pending.delete(key)
      clearTimeout(timer)
      throw err
    }
    return await promise
  }

  async stop (): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    for (const p of this.pending.values()) {
      clearTimeout(p.timer)
      p.reject(new ClosedError('control rpc'))
    }
    this.pending.clear()
    await this.streams.stop()
  }

  private async serve (from: string, f: ControlFrame): Promise<void> {
    let response: ControlResponse
    try {
      response = await this.handler(from, { status: f.status, join: f.join, declare: f.declare, list: f.list, leave: f.leave })
    } catch (err) {
      this.log('request from %s failed: %e', from, err)
      response = { failure: { code: 'unavailable', message: (err as Error).message ?? String(err), leader: '' } }
    }
    if (this.stopped) return
    try {
      this.streams.send(from, ControlFrame.encode({ id: f.id, ...response }))
    } catch (err) {
      this.log('answer to %s not sent: %e', from, err)
    }
  }
}
