/**
 * A history of queue operations as the clients saw them, in the style of Jepsen: each operation
 * is recorded when it is invoked and again when it completes, with its outcome. The checker
 * (`checker.ts`) then decides whether the history is legal for a queue with meshchan's guarantees.
 *
 * Works for any queue that gives deliveries an id, a lease term and an attempt number (meshchan's
 * do), so users can record their own systems and check them.
 */

/**
 * How a put ended. `ok`: the system said it is stored. `fail`: the system said it was *not*
 * stored (e.g. queue full). `unknown`: no definite answer (timeout, crash, connection lost), or
 * the operation never completed.
 */
export type PutOutcome = 'ok' | 'fail' | 'unknown'

/**
 * How an ack ended. `ok`: the ack was accepted (committed). `alreadyAcked`: an earlier ack of the
 * same delivery had been accepted (idempotent success). `stale`: rejected, the lease was no longer
 * held. `fail`: definitely not applied for another reason. `unknown`: no definite answer.
 */
export type AckOutcome = 'ok' | 'alreadyAcked' | 'stale' | 'fail' | 'unknown'

/** How a nack or extend ended. */
export type LeaseOpOutcome = 'ok' | 'stale' | 'fail' | 'unknown'

/** Names one delivery: the message id and the delivery's fence. */
export interface DeliveryRef {
  id: string
  /** The lease term (the owner's term when it handed the message out). */
  term: number
  /** 1 for the first delivery; must grow with every redelivery of the id. */
  attempt: number
  consumer: string
}

export interface PutOp {
  type: 'put'
  id: string
  invokeAt: number
  completeAt: number
  outcome: PutOutcome
}

/** A consumer received a delivery at `at`; its lease runs until `deadline` (same clock as `at`). */
export interface DeliverOp extends DeliveryRef {
  type: 'deliver'
  at: number
  deadline: number
}

export interface AckOp extends DeliveryRef {
  type: 'ack'
  invokeAt: number
  completeAt: number
  outcome: AckOutcome
}

export interface NackOp extends DeliveryRef {
  type: 'nack'
  invokeAt: number
  completeAt: number
  outcome: LeaseOpOutcome
}

/** A lease renewal; on `ok` the lease runs until `deadline`. */
export interface ExtendOp extends DeliveryRef {
  type: 'extend'
  invokeAt: number
  completeAt: number
  deadline: number
  outcome: LeaseOpOutcome
}

/** The message was found in the dead-letter set (typically during the final drain). */
export interface DeadOp {
  type: 'dead'
  id: string
  at: number
}

export type HistoryOp = PutOp | DeliverOp | AckOp | NackOp | ExtendOp | DeadOp

/** An operation invoked but not yet completed; call exactly one completion. */
export interface Pending<O extends string> {
  complete: (outcome: O) => void
}

export interface HistoryRecorderOptions {
  /**
   * The clock for invoke/complete/receive times, in ms. Default `Date.now`, so delivery deadlines
   * stamped by an owner (wall clock) are comparable; pass the checker `clockSkewMs` for the skew
   * between machines.
   */
  now?: () => number
}

/** Error codes (`err.code`) that mean a put definitely did not happen. */
const DEFINITE_PUT_FAILURES = new Set(['ERR_QUEUE_FULL', 'ERR_INVALID_OPTION', 'ERR_MESSAGE_TOO_LARGE', 'ERR_ENCODE'])

/**
 * Records operations as they happen. Cheap (one array push per event), safe to share between
 * concurrent producers and consumers of one process; merge recorders of several processes with
 * {@link mergeHistories}.
 *
 * ```ts
 * const h = new HistoryRecorder()
 * await h.recordPut(id, () => q.put(value, { id }))
 * for await (const d of q.consume()) {
 *   h.deliver({ id: d.id, term: d.term, attempt: d.attempt, consumer: me, deadline: d.deadline })
 *   await h.recordAck({ id: d.id, term: d.term, attempt: d.attempt, consumer: me }, () => d.ack())
 * }
 * check(h.history())
 * ```
 */
export class HistoryRecorder {
  private readonly ops: HistoryOp[] = []
  private readonly now: () => number

  constructor (options: HistoryRecorderOptions = {}) {
    this.now = options.now ?? Date.now
  }

  /** A put is invoked. Uncompleted puts count as `unknown`. */
  put (id: string): Pending<PutOutcome> {
    const op: PutOp = { type: 'put', id, invokeAt: this.now(), completeAt: Infinity, outcome: 'unknown' }
    this.ops.push(op)
    return this.completer(op)
  }

  /** A consumer received a delivery. */
  deliver (d: DeliveryRef & { deadline: number }): void {
    this.ops.push({ type: 'deliver', id: d.id, term: d.term, attempt: d.attempt, consumer: d.consumer, deadline: d.deadline, at: this.now() })
  }

  ack (d: DeliveryRef): Pending<AckOutcome> {
    const op: AckOp = { type: 'ack', ...ref(d), invokeAt: this.now(), completeAt: Infinity, outcome: 'unknown' }
    this.ops.push(op)
    return this.completer(op)
  }

  nack (d: DeliveryRef): Pending<LeaseOpOutcome> {
    const op: NackOp = { type: 'nack', ...ref(d), invokeAt: this.now(), completeAt: Infinity, outcome: 'unknown' }
    this.ops.push(op)
    return this.completer(op)
  }

  /** A lease renewal; pass the new deadline (known once it completes) to `complete` via {@link ExtendPending}. */
  extend (d: DeliveryRef): ExtendPending {
    const op: ExtendOp = { type: 'extend', ...ref(d), invokeAt: this.now(), completeAt: Infinity, deadline: 0, outcome: 'unknown' }
    this.ops.push(op)
    return {
      complete: (outcome, deadline = 0) => {
        if (op.completeAt !== Infinity) return
        op.completeAt = this.now()
        op.outcome = outcome
        op.deadline = deadline
      }
    }
  }

  /** The message was found in the dead-letter set. */
  dead (id: string): void {
    this.ops.push({ type: 'dead', id, at: this.now() })
  }

  /**
   * Run a put and record it: resolved → `ok`; rejected with a code that means "not stored"
   * (`ERR_QUEUE_FULL`, …) → `fail`; any other error → `unknown` (it may have been stored).
   * Rethrows the error.
   */
  async recordPut<T> (id: string, fn: () => Promise<T>): Promise<T> {
    const p = this.put(id)
    try {
      const v = await fn()
      p.complete('ok')
      return v
    } catch (err) {
      p.complete(DEFINITE_PUT_FAILURES.has((err as { code?: string })?.code ?? '') ? 'fail' : 'unknown')
      throw err
    }
  }

  /**
   * Run an ack and record it: resolved → `ok` (meshchan's `ack()` resolves for a double ack too;
   * the checker counts acks per delivery, so that is not a duplicate); `ERR_STALE_ACK` → `stale`;
   * any other error → `unknown`. Rethrows the error.
   */
  async recordAck<T> (d: DeliveryRef, fn: () => Promise<T>): Promise<T> {
    const p = this.ack(d)
    try {
      const v = await fn()
      p.complete('ok')
      return v
    } catch (err) {
      p.complete((err as { code?: string })?.code === 'ERR_STALE_ACK' ? 'stale' : 'unknown')
      throw err
    }
  }

  /** Everything recorded so far (copies; operations still pending show as `unknown` with `completeAt` Infinity). */
  history (): HistoryOp[] {
    return this.ops.map(op => ({ ...op }))
  }

  private completer<O extends string> (op: { completeAt: number, outcome: O }): Pending<O> {
    return {
      complete: (outcome: O) => {
        if (op.completeAt !== Infinity) return // first completion wins
        op.completeAt = this.now()
        op.outcome = outcome
      }
    }
  }
}

export interface ExtendPending {
  complete: (outcome: LeaseOpOutcome, deadline?: number) => void
}

function ref (d: DeliveryRef): DeliveryRef {
  return { id: d.id, term: d.term, attempt: d.attempt, consumer: d.consumer }
}

/** Concatenate histories of several recorders (the checker does not depend on order). */
export function mergeHistories (...histories: HistoryOp[][]): HistoryOp[] {
  return histories.flat()
}
