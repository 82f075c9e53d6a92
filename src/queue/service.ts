import { logger as createLogger } from '@libp2p/logger'
import { ClosedError, TimeoutError } from '../errors.js'
import { NotLeaderError, ProposalDroppedError } from '../raft/core/errors.js'
import { ProposalLostError, ProposalOutcomeUnknownError, type RaftHost } from '../raft/driver/index.js'
import { MalformedFrameError, PeerStreams, type FramedStream, type StreamsLibp2p } from '../rpc/index.js'
import { InvalidCommandError } from './errors.js'
import type { PlacementDirectory, QueuePlacement } from './placement.js'
import { QueueReplica } from './replica.js'
import { QueueRouter } from './router.js'
import { handleRequest } from './server.js'
import { QueueReplyError } from './service-errors.js'
import type { QueueFrame, Push, Request, Response } from './protocol/queue-protocol.js'
import { decodeQueueFrame, encodeQueueFrame } from './protocol/fast-frame.js'

/** The libp2p protocol id of the queue data path. */
export const QUEUE_PROTOCOL = '/meshchan/queue/1.0.0'
/** Largest queue protocol frame (both directions). A message payload is limited well below it. */
export const QUEUE_MAX_FRAME = 4 * 1024 * 1024
/** Most requests from one peer being served at once; beyond it the peer is told to retry. */
const MAX_INFLIGHT_PER_PEER = 4096

export interface QueueServiceOptions {
  libp2p: StreamsLibp2p
  /**
   * Runs the Raft groups of the replicas placed on this peer. Absent on a client
   * (`cluster.role: 'client'`): placements never list it, and it hosts no replica.
   */
  host?: RaftHost
  directory: PlacementDirectory
  dataDir: string | undefined
  /** Peers currently connected. */
  connected: () => string[]
  logName: string
  /** Protocol id (tests may run several side by side). Default {@link QUEUE_PROTOCOL}. */
  protocol?: string
}

/** Counters of the queue data path on this peer (monotonic). */
export interface QueueServiceStats {
  requestsIn: number
  requestsOut: number
  /** Requests answered with an error reply (any code). */
  errorReplies: number
  /** Frames that failed to decode (the stream was reset). */
  malformedFrames: number
  /** Responses for no pending request (late, or forged). */
  strayResponses: number
  pushesIn: number
  pushesOut: number
}

/** A request without its routing fields (`rid`, `queue`); session fields default to none. */
export type RequestOp = Partial<Omit<Request, 'rid' | 'queue'>>

type PushHandler = (from: string, push: Push) => void

interface PendingCall {
  peer: string
  resolve: (r: Response) => void
  reject: (e: Error) => void
  cleanup: () => void
}

/**
 * The queue data path of one mesh: runs a {@link QueueReplica} for every placement that includes
 * this peer, serves `/meshchan/queue/1.0.0` (requests answered by the local owner, or `NOT_OWNER`
 * with a hint), and carries this peer's own requests and consumer pushes. Requests to this peer
 * itself skip the network.
 */
export class QueueService {
  readonly self: string
  readonly stats: QueueServiceStats = { requestsIn: 0, requestsOut: 0, errorReplies: 0, malformedFrames: 0, strayResponses: 0, pushesIn: 0, pushesOut: 0 }
  private readonly streams: PeerStreams
  private readonly replicas = new Map<string, QueueReplica>()
  private readonly starting = new Map<string, Promise<void>>()
  private readonly pending = new Map<number, PendingCall>()
  private readonly pushHandlers = new Map<number, PushHandler>()
  private readonly inflight = new Map<string, number>()
  private readonly goneListeners = new Set<(peer: string) => void>()
  private readonly routers = new Map<string, QueueRouter>()
  private readonly stopListeners = new Set<() => void>()
  private nextRid = 1
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new'
  private readonly log

  constructor (private readonly options: QueueServiceOptions) {
    this.self = options.libp2p.peerId.toString()
    this.log = createLogger(`${options.logName}:queue`)
    this.streams = new PeerStreams(options.libp2p, {
      protocol: options.protocol ?? QUEUE_PROTOCOL,
      maxFrameSize: QUEUE_MAX_FRAME,
      overflow: 'drop',
      logName: `${options.logName}:queue:streams`,
      onFrame: this.onFrame,
      onEvent: evt => {
        if (evt.type === 'dropped') this.failPendingTo(evt.peer, 'frames to the peer were dropped')
      }
    })
  }

  get directory (): PlacementDirectory {
    return this.options.directory
  }

  /** Frame-level counters of the protocol's streams (resets, malformed, oversized, truncated). */
  get frameStats (): PeerStreams['stats'] {
    return this.streams.stats
  }

  /** The router of a queue, shared by every handle of it on this peer (so they share what they learned about its owner). */
  router (queue: string): QueueRouter {
    let r = this.routers.get(queue)
    if (r === undefined) {
      r = new QueueRouter(this, queue)
      this.routers.set(queue, r)
    }
    return r
  }

  /** Whether `peer` is this peer or currently connected. */
  reachable (peer: string): boolean {
    return peer === this.self || this.options.connected().includes(peer)
  }

  /** The local replica of a queue, if this peer hosts one. */
  replica (queue: string): QueueReplica | undefined {
    return this.replicas.get(queue)
  }

  /** Names of the queues with a replica on this peer (running or starting). */
  localQueues (): string[] {
    return [...new Set([...this.replicas.keys(), ...this.starting.keys()])].sort()
  }

  async start (): Promise<void> {
    if (this.state !== 'new') return
    this.state = 'running'
    await this.streams.start()
    this.options.directory.on('placement', this.onPlacement)
    for (const p of this.options.directory.all()) this.onPlacement(p)
  }

  /** Waits until the local replica of `queue` (if this peer is one of its replicas) has started. */
  async replicaReady (queue: string): Promise<void> {
    await this.starting.get(queue)
  }

  /** A peer left the mesh: drop its sessions, fail our requests to it (they are retried elsewhere). */
  peerGone (peer: string): void {
    for (const r of this.replicas.values()) r.peerGone(peer)
    this.failPendingTo(peer, 'peer left')
    for (const r of this.routers.values()) if (r.owner === peer) r.redirect(undefined)
    for (const fn of [...this.goneListeners]) fn(peer)
  }

  /** Calls `fn` whenever a peer leaves; returns the function that stops it. */
  onPeerGone (fn: (peer: string) => void): () => void {
    this.goneListeners.add(fn)
    return () => { this.goneListeners.delete(fn) }
  }

  /** Calls `fn` once when the service starts stopping; returns the function that cancels it. */
  onStop (fn: () => void): () => void {
    this.stopListeners.add(fn)
    return () => { this.stopListeners.delete(fn) }
  }

  /** True while the service runs (false once stopping). */
  get running (): boolean {
    return this.state === 'running'
  }

  /** A peer joined: owners may now hand over to a preferred owner that was away. */
  peerJoined (_peer: string): void {
    for (const r of this.replicas.values()) r.update(r.placement)
  }

  /** Receives pushes for consumer session `session` of this peer. */
  onPush (session: number, handler: PushHandler): () => void {
    this.pushHandlers.set(session, handler)
    return () => { if (this.pushHandlers.get(session) === handler) this.pushHandlers.delete(session) }
  }

  /**
   * Sends one request to `peer` and resolves with its response (which may be an error reply).
   * Rejects with {@link TimeoutError} after `timeout` ms, {@link QueueReplyError} `RETRY` if the
   * link to the peer failed, or the signal's reason.
   */
  async request (peer: string, op: RequestOp & { queue: string }, timeout: number, signal?: AbortSignal): Promise<Response> {
    if (this.state !== 'running') throw new ClosedError('queue service')
    const req: Omit<Request, 'rid'> = { client: '', requestId: 0, firstIncomplete: 0, ...op }
    signal?.throwIfAborted()
    this.stats.requestsOut++
    const rid = this.nextRid++
    if (peer === this.self) {
      const ac = new AbortController()
      const timer = setTimeout(() => { ac.abort(new TimeoutError(`queue request timed out after ${timeout} ms`)) }, timeout)
      const onAbort = (): void => { ac.abort(signal?.reason) }
      signal?.addEventListener('abort', onAbort, { once: true })
      try {
        return await raceAbort(handleRequest(this, this.self, { ...req, rid }, ac.signal), ac.signal)
      } finally {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
    }
    const { promise, resolve, reject } = Promise.withResolvers<Response>()
    const call: PendingCall = { peer, resolve, reject, cleanup: () => {} }
    const timer = setTimeout(() => { done(); reject(new TimeoutError(`no answer from ${peer} within ${timeout} ms`)) }, timeout)
    const onAbort = (): void => { done(); reject(signal?.reason as Error) }
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      this.pending.delete(rid)
    }
    call.cleanup = done
    this.pending.set(rid, call)
    let sent = false
    try {
      sent = this.streams.send(peer, encodeQueueFrame({ request: { ...req, rid } }))
    } catch (err) {
      done()
      throw err
    }
    if (!sent) {
      done()
      throw new QueueReplyError('RETRY', `link to ${peer} is saturated`)
    }
    return await promise
  }

  /** Answers one request (from a remote peer or this one). @internal */
  replicaFor (queue: string): { replica?: QueueReplica, placement?: QueuePlacement, starting: boolean } {
    return { replica: this.replicas.get(queue), placement: this.options.directory.get(queue), starting: this.starting.has(queue) }
  }

  /** Sends a push to a consumer's peer (or hands it over locally). @internal */
  readonly push = (peer: string, push: Push): boolean => {
    this.stats.pushesOut++
    if (peer === this.self) {
      queueMicrotask(() => { this.deliverPush(peer, push) })
      return true
    }
    if (this.state !== 'running') return false
    try {
      return this.streams.send(peer, encodeQueueFrame({ push }))
    } catch (err) {
      this.log('push to %s failed: %e', peer, err)
      return false
    }
  }

  /**
   * Stops every replica (owners hand leadership over first unless `transferLeadership` is false),
   * then the protocol's streams. Pending requests reject with {@link ClosedError}.
   */
  async stop (options: { transferLeadership?: boolean } = {}): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return
    this.state = 'stopping'
    this.options.directory.off('placement', this.onPlacement)
    // Consumers end their iteration now; deliveries they held expire and are redelivered elsewhere.
    for (const fn of [...this.stopListeners]) fn()
    this.stopListeners.clear()
    await Promise.allSettled([...this.starting.values()])
    await Promise.allSettled([...this.replicas.values()].map(async r => { await r.stop(options) }))
    this.replicas.clear()
    for (const [, call] of this.pending) {
      call.cleanup()
      call.reject(new ClosedError('queue service'))
    }
    this.pending.clear()
    this.pushHandlers.clear()
    await this.streams.stop()
    this.state = 'stopped'
  }

  // ---- internals ------------------------------------------------------------------------------------

  private readonly onPlacement = (p: QueuePlacement): void => {
    if (this.state !== 'running') return
    const existing = this.replicas.get(p.queue)
    if (existing !== undefined) {
      existing.update(p)
      return
    }
    if (!p.replicas.includes(this.self) || this.starting.has(p.queue)) return
    const host = this.options.host
    if (host === undefined) {
      this.log.error('placement of %s lists this peer, which is a client (no Raft host): ignored', p.queue)
      return
    }
    const start = (async () => {
      try {
        const replica = await QueueReplica.create({
          host,
          self: this.self,
          dataDir: this.options.dataDir,
          connected: this.options.connected,
          push: this.push,
          logName: this.options.logName
        }, p)
        if (this.state !== 'running') {
          await replica.stop({ transferLeadership: false })
          return
        }
        this.replicas.set(p.queue, replica)
        const latest = this.options.directory.get(p.queue)
        if (latest !== undefined) replica.update(latest)
      } catch (err) {
        this.log.error('could not start replica of %s: %e', p.queue, err)
      } finally {
        this.starting.delete(p.queue)
      }
    })()
    this.starting.set(p.queue, start)
  }

  private readonly onFrame = (frame: Uint8Array, from: string, stream: FramedStream): void => {
    let decoded: QueueFrame
    try {
      decoded = decodeQueueFrame(frame, { limits: { request: { put: { items: 4096 } } } })
    } catch (err) {
      this.stats.malformedFrames++
      stream.fail(new MalformedFrameError(`undecodable queue frame from ${from}: ${(err as Error).message}`, { cause: err }))
      return
    }
    if (decoded.request !== undefined) this.serve(from, decoded.request)
    else if (decoded.response !== undefined) this.answer(from, decoded.response)
    else if (decoded.push !== undefined) this.deliverPush(from, decoded.push)
    else {
      this.stats.malformedFrames++
      stream.fail(new MalformedFrameError(`empty queue frame from ${from}`))
    }
  }

  private serve (from: string, req: Request): void {
    this.stats.requestsIn++
    const n = this.inflight.get(from) ?? 0
    const reply = (response: Response): void => {
      if (response.error !== undefined) this.stats.errorReplies++
      try {
        this.streams.send(from, encodeQueueFrame({ response }))
      } catch (err) {
        this.log('reply to %s failed: %e', from, err)
      }
    }
    if (n >= MAX_INFLIGHT_PER_PEER) {
      reply(errorResponse(req.rid, 'RETRY', 'too many requests in flight'))
      return
    }
    this.inflight.set(from, n + 1)
    handleRequest(this, from, req, AbortSignal.timeout(30_000))
      .then(reply, err => { reply(errorFromException(req.rid, err)) })
      .finally(() => {
        const left = (this.inflight.get(from) ?? 1) - 1
        if (left <= 0) this.inflight.delete(from)
        else this.inflight.set(from, left)
      })
  }

  private answer (from: string, res: Response): void {
    const call = this.pending.get(res.rid)
    // Only the peer we asked may answer (the transport authenticated `from`).
    if (call === undefined || call.peer !== from) {
      this.stats.strayResponses++
      return
    }
    call.cleanup()
    call.resolve(res)
  }

  private deliverPush (from: string, push: Push): void {
    this.stats.pushesIn++
    const handler = this.pushHandlers.get(push.session)
    if (handler === undefined) return
    try {
      handler(from, push)
    } catch (err) {
      this.log.error('push handler threw: %e', err)
    }
  }

  private failPendingTo (peer: string, why: string): void {
    for (const [, call] of this.pending) {
      if (call.peer !== peer) continue
      call.cleanup()
      call.reject(new QueueReplyError('RETRY', `request to ${peer} failed: ${why}`))
    }
  }
}

/** An error response. */
export function errorResponse (rid: number, code: string, message: string, leaderHint = ''): Response {
  return { rid, error: { code, message, leaderHint }, puts: [], dead: [], fences: [] }
}

/** Maps an exception raised while serving a request to the error reply a client acts on. */
export function errorFromException (rid: number, err: unknown): Response {
  if (err instanceof NotLeaderError) return errorResponse(rid, 'NOT_OWNER', err.message, err.leader)
  if (err instanceof ProposalDroppedError || err instanceof ProposalLostError || err instanceof ProposalOutcomeUnknownError || err instanceof TimeoutError) {
    return errorResponse(rid, 'RETRY', (err as Error).message)
  }
  if (err instanceof ClosedError) return errorResponse(rid, 'NOT_OWNER', err.message)
  if (err instanceof InvalidCommandError) return errorResponse(rid, 'INVALID', err.message)
  if (err instanceof QueueReplyError) return errorResponse(rid, err.reply, err.message, err.leaderHint)
  const e = err as { name?: string, message?: string }
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return errorResponse(rid, 'RETRY', e.message ?? 'timed out')
  return errorResponse(rid, 'INTERNAL', e?.message ?? String(err))
}

async function raceAbort<T> (promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted()
  const { promise: aborted, reject } = Promise.withResolvers<never>()
  const onAbort = (): void => { reject(signal.reason) }
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    return await Promise.race([promise, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
