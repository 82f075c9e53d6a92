// Shared by the driver tests: a recording state machine and event-driven waits (no sleeps).
import type { Entry } from '../../src/raft/storage.js'
import type { RaftGroup, StateMachine } from '../../src/raft/driver/index.js'

/** Appends each command (as text) to `log`; apply returns the command's position. Snapshots are the JSON of the log. */
export class RecordingMachine implements StateMachine<number> {
  log: string[] = []
  apply (e: Entry): number {
    this.log.push(new TextDecoder().decode(e.data))
    return this.log.length
  }

  snapshot (): Uint8Array { return new TextEncoder().encode(JSON.stringify(this.log)) }
  restore (data: Uint8Array): void { this.log = JSON.parse(new TextDecoder().decode(data)) }
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

/**
 * Resolves once `condition()` holds, re-checked on every state change, applied entry and
 * quiescence change of `groups` (the groups present when called). Rejects after `timeoutMs` naming `what`.
 */
export async function until (groups: Array<RaftGroup<any>>, condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  if (condition()) return
  const { promise, resolve, reject } = Promise.withResolvers<void>()
  const check = (): void => { if (condition()) resolve() }
  const timer = setTimeout(() => { reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)) }, timeoutMs)
  for (const g of groups) { g.on('state', check); g.on('applied', check); g.on('quiesce', check) }
  try {
    await promise
  } finally {
    clearTimeout(timer)
    for (const g of groups) { g.off('state', check); g.off('applied', check); g.off('quiesce', check) }
  }
}

/** Resolves once every group in `groups` is quiesced; rejects after `timeoutMs`. */
export async function allQuiesced (groups: Array<RaftGroup<any>>, timeoutMs = 10_000): Promise<void> {
  await until(groups, () => groups.every(g => g.quiesced), `quiescence of ${groups.filter(g => !g.quiesced).map(g => `${g.groupId}@${g.id}`).join(', ')}`, timeoutMs)
}

/** Waits for a leader among `groups` that all of them agree on, in the same term, and returns it. */
export async function stableLeader<R> (groups: Array<RaftGroup<R>>, what = 'a leader', timeoutMs = 10_000): Promise<RaftGroup<R>> {
  let leader: RaftGroup<R> | undefined
  await until(groups, () => {
    leader = groups.find(g => g.isLeader)
    return leader !== undefined && groups.every(g => g.leader === leader!.id && g.term === leader!.term)
  }, what, timeoutMs)
  return leader!
}

/**
 * Proposes `cmd` on whichever member leads, retrying on NotLeader / lost proposals / timeouts
 * (the harness's only retry loop; it waits for leader events, not sleeps).
 */
export async function proposeAnywhere<R> (groups: Array<RaftGroup<R>>, cmd: Uint8Array, timeoutMs = 15_000): Promise<R> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    const leader = await stableLeader(groups, 'a leader to propose to', Math.max(1, deadline - Date.now())).catch(() => undefined)
    if (leader === undefined) break
    try {
      return await leader.propose(cmd, { timeout: 2000 })
    } catch (err) {
      last = err
      if (!(err instanceof Error) || !['ERR_NOT_LEADER', 'ERR_PROPOSAL_LOST', 'ERR_PROPOSAL_OUTCOME_UNKNOWN', 'ERR_PROPOSAL_DROPPED'].includes((err as any).code)) throw err
      // Wait for the next leader change before retrying.
      await until(groups, () => !leader.isLeader || leader.leader !== leader.id, 'leadership to move', 1000).catch(() => {})
    }
  }
  throw new Error(`could not commit proposal: ${String(last)}`)
}
