import { ClosedError, TimeoutError } from '../errors.js'
import { eventWithin } from '../signal.js'
import type { Response } from './protocol/queue-protocol.js'
import type { QueueService, RequestOp } from './service.js'
import { InvalidQueueRequestError, QueueReplyError } from './service-errors.js'
import { RequestExpiredError } from './errors.js'

/** Longest a single attempt may wait for an answer before the router tries elsewhere. */
const ATTEMPT_MS = 2000

/** Options of one routed call. */
export interface RouteOptions {
  /** Absolute deadline (Date.now() clock). */
  deadline: number
  signal?: AbortSignal
  /** Error codes handed back to the caller instead of retried. */
  passThrough?: string[]
  /** What the call does, for the timeout message. */
  what?: string
}

/**
 * Finds a queue's owner and gets a request answered by it: starts with the last owner that
 * answered (or the placement's preferred owner), follows `NOT_OWNER` redirects, and on a timeout,
 * a dead link or a `RETRY` answer backs off and tries the next replica — until the caller's
 * deadline. Only safe-to-repeat requests go through it (puts dedup by id, acks by fence, nack /
 * extend / requeue by client session).
 */
export class QueueRouter {
  private guess: string | undefined
  private rotation = 0

  constructor (private readonly svc: QueueService, readonly queue: string) {}

  /** The peer believed to own the queue, if any. */
  get owner (): string | undefined {
    return this.guess
  }

  /** Forget the believed owner (e.g. it left the mesh) or replace it with a hint. */
  redirect (hint: string | undefined): void {
    this.guess = hint === '' ? undefined : hint
  }

  async call (op: RequestOp, options: RouteOptions): Promise<{ response: Response, peer: string }> {
    let lastError: Error | undefined
    let backoff = 10
    let hops = 0
    for (;;) {
      options.signal?.throwIfAborted()
      if (!this.svc.running) throw new ClosedError('mesh')
      const remaining = options.deadline - Date.now()
      if (remaining <= 0) {
        throw new TimeoutError(`queue "${this.queue}": ${options.what ?? 'request'} did not complete in time${lastError === undefined ? '' : ` (last error: ${lastError.message})`}`, { cause: lastError })
      }
      if (this.guess !== undefined && !this.svc.reachable(this.guess)) this.guess = undefined
      const target = this.guess ?? this.candidate()
      if (target === undefined) {
        lastError = new QueueReplyError('UNKNOWN_QUEUE', 'no replica known yet')
        await this.pause(backoff, options)
        backoff = Math.min(backoff * 2, 250)
        continue
      }
      let response: Response
      try {
        response = await this.svc.request(target, { ...op, queue: this.queue }, Math.min(remaining, ATTEMPT_MS), options.signal)
      } catch (err) {
        if (options.signal?.aborted === true) throw err
        if (err instanceof ClosedError) throw err
        lastError = err as Error
        this.guess = undefined
        this.rotation++
        await this.pause(backoff, options)
        backoff = Math.min(backoff * 2, 250)
        continue
      }
      const e = response.error
      if (e === undefined) {
        this.guess = target
        return { response, peer: target }
      }
      if (options.passThrough?.includes(e.code) === true) return { response, peer: target }
      lastError = new QueueReplyError(e.code, e.message, e.leaderHint)
      switch (e.code) {
        case 'NOT_OWNER':
          hops++
          if (e.leaderHint !== '' && e.leaderHint !== target && hops < 8) {
            this.guess = e.leaderHint
            continue
          }
          // No leader known yet (an election is running): wait a little, ask another replica.
          this.guess = undefined
          this.rotation++
          hops = 0
          break
        case 'INVALID':
          throw new InvalidQueueRequestError(e.message)
        case 'EXPIRED':
          throw new RequestExpiredError(this.svc.self, 0)
        default:
          // RETRY, UNKNOWN_QUEUE (placement not yet seen there), INTERNAL, NO_SESSION.
          if (e.code !== 'RETRY') this.rotation++
          break
      }
      await this.pause(backoff, options)
      backoff = Math.min(backoff * 2, 250)
    }
  }

  private candidate (): string | undefined {
    const p = this.svc.directory.get(this.queue)
    const list = p === undefined
      ? this.svc.directory.members()
      : [...(p.preferredOwner !== '' ? [p.preferredOwner] : []), ...p.replicas.filter(r => r !== p.preferredOwner)]
    // Peers we are connected to first: a request to a peer that is down waits for a dial timeout.
    const up = list.filter(id => this.svc.reachable(id))
    const pick = up.length > 0 ? up : list
    if (pick.length === 0) return undefined
    return pick[this.rotation % pick.length]
  }

  /**
   * Waits about `ms` before the next attempt. If this peer hosts a replica of the queue, a leader
   * elected meanwhile ends the wait at once and is tried next: after an owner died, this peer
   * knows the next one the moment the election ends, instead of at the next backoff step.
   */
  private async pause (ms: number, options: RouteOptions): Promise<void> {
    const wait = Math.max(0, Math.min(ms * (0.75 + Math.random() / 2), options.deadline - Date.now()))
    const group = this.svc.replicaFor(this.queue).replica?.group
    const elected = await eventWithin(group, 'leader', wait, { accept: (leader: string) => leader !== '', signal: options.signal })
    options.signal?.throwIfAborted()
    if (elected && group !== undefined && group.leader !== '' && this.svc.reachable(group.leader)) this.guess = group.leader
  }
}
