/**
 * A member's graceful leave, as the member runs it (see `Mesh.leave`):
 *
 * 1. ask the control leader to record the leave: the member is forgotten, and the leader's next
 *    reconciliation replaces it in every placement at once (or drops it from a placement when no
 *    other live peer can take its place) — not after `replaceAfter`;
 * 2. wait until every queue this member held a replica of has been handed over: its owner is
 *    another peer and the queue group's voters no longer include this one (the owner added the
 *    replacement, caught it up and promoted it before removing this member, so nothing is lost);
 * 3. ask to be removed from the control group (the leader removes it; a leaving control leader
 *    hands leadership over first), and wait until it is.
 *
 * Every wait is bounded by one deadline. Whatever is not done by then is reported, never thrown:
 * the caller stops the mesh either way, and what was left behind is replaced after `replaceAfter`
 * as if this peer had crashed.
 */
import { ClosedError } from '../../errors.js'
import type { ControlPlane, LeaveProgress } from './plane.js'
import { eventWithin } from '../../signal.js'

/** What {@link runLeave} achieved. */
export interface LeaveReport {
  /**
   * True when the cluster no longer counts on this peer: no placement lists it, every queue it held
   * a replica of was handed over, and it is out of the control group.
   */
  complete: boolean
  /** Queues whose replica on this peer was handed over to other peers. */
  handedOver: string[]
  /** Queues that still list this peer, or whose hand-over was not confirmed in time. */
  pending: string[]
  /** Why the leave is incomplete ('' when complete). */
  reason: string
}

/** What {@link runLeave} needs from the mesh. */
export interface LeaveContext {
  plane: ControlPlane
  /** Queues with a replica running on this peer. */
  localQueues: () => string[]
  /**
   * Asks `queue`'s owner once whether the hand-over is done: resolves true when the owner is
   * another peer and the group's voters exclude this one. May reject (owner unreachable, …).
   */
  handedOver: (queue: string, deadline: number) => Promise<boolean>
}

/** How long to wait between two checks of a hand-over that is still going on. */
const CHECK_MS = 100

/** Runs a graceful leave until done or `deadline` (ms since the epoch). Never throws (but for a stopped plane). */
export async function runLeave (ctx: LeaveContext, deadline: number): Promise<LeaveReport> {
  const { plane } = ctx
  const queues = new Set([...ctx.localQueues(), ...plane.placedHere().map(p => p.queue)])
  const handedOver: string[] = []
  const incomplete = (reason: string, pending: Iterable<string>): LeaveReport =>
    ({ complete: false, handedOver: [...handedOver].sort(), pending: [...new Set(pending)].sort(), reason })

  // 1. Record the leave; wait until the leader's placements no longer list this peer.
  let progress: LeaveProgress
  try {
    progress = await plane.requestLeave({ timeout: remaining(deadline) })
    while (progress.queues.length > 0 && progress.blocked === '') {
      for (const q of progress.queues) queues.add(q)
      await eventWithin(plane, 'placement', Math.min(250, remaining(deadline)))
      if (remaining(deadline) <= 0) return incomplete('timed out while the control leader replaced this peer in placements', progress.queues)
      progress = await plane.requestLeave({ timeout: remaining(deadline) })
    }
  } catch (err) {
    if (err instanceof ClosedError) throw err
    return incomplete(`could not reach the control leader: ${(err as Error).message}`, queues)
  }
  if (progress.blocked !== '') return incomplete(progress.blocked, progress.queues.length > 0 ? progress.queues : queues)

  // 2. Every queue held here is handed over (its owner's voters exclude this peer).
  const notDone: string[] = []
  await Promise.all([...queues].map(async queue => {
    while (remaining(deadline) > 0) {
      try {
        if (await ctx.handedOver(queue, deadline)) {
          handedOver.push(queue)
          return
        }
      } catch {
        // The owner may be changing hands: ask again.
      }
      await sleep(Math.min(CHECK_MS, remaining(deadline)))
    }
    notDone.push(queue)
  }))
  if (notDone.length > 0) return incomplete('timed out while queues were handed over', notDone)

  // 3. Out of the control group.
  try {
    for (;;) {
      progress = await plane.requestLeave({ final: true, timeout: remaining(deadline) })
      if (!progress.inGroup) break
      if (progress.blocked !== '') return incomplete(progress.blocked, progress.queues)
      if (remaining(deadline) <= 0) return incomplete('timed out while leaving the control group', progress.queues)
      await sleep(Math.min(CHECK_MS, remaining(deadline)))
    }
  } catch (err) {
    if (err instanceof ClosedError) throw err
    return incomplete(`could not leave the control group: ${(err as Error).message}`, [])
  }
  return { complete: true, handedOver: handedOver.sort(), pending: [], reason: '' }
}

function remaining (deadline: number): number {
  return Math.max(0, deadline - Date.now())
}

async function sleep (ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms))
}

/** Resolves on the plane's next placement event, or after `ms`. */
