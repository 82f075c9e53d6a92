import { MAX_ID_LENGTH } from './state/index.js'
import type { CommandMeta, Fence, QueueResult } from './state/index.js'
import type { QueueOwner } from './owner.js'
import { fenceOf } from './owner.js'
import type { QueueReplica } from './replica.js'
import type { FenceMsg, FenceReply, PutReply, Request, Response } from './protocol/queue-protocol.js'
import { errorResponse, type QueueService } from './service.js'
import { QueueReplyError } from './service-errors.js'

/** Most messages one put request may carry. */
export const MAX_PUT_ITEMS = 4096
/** Largest credit a consumer may ask for. */
export const MAX_CREDIT = 65_535
/** Longest client session name a peer may use (it is prefixed with the peer's id). */
const MAX_CLIENT = 64
/** How long an owner keeps a `waitAck` request before telling the client to ask again. */
const WAIT_ACK_MS = 20_000

/**
 * Serves one queue protocol request on this peer: validates it, finds the queue's local replica
 * and, if it owns the queue, performs the operation; otherwise answers `NOT_OWNER` with the
 * leader it believes in. Never throws for anything a peer can send: bad input is an `INVALID`
 * reply.
 */
export async function handleRequest (svc: QueueService, from: string, req: Request, signal: AbortSignal): Promise<Response> {
  const rid = req.rid
  const ok = (extra: Partial<Response> = {}): Response => ({ rid, puts: [], dead: [], fences: [], ...extra })
  if (typeof req.queue !== 'string' || req.queue.length === 0 || req.queue.length > 200) return errorResponse(rid, 'INVALID', 'bad queue name')
  if (req.client.length > MAX_CLIENT) return errorResponse(rid, 'INVALID', 'client name too long')
  const { replica, placement, starting } = svc.replicaFor(req.queue)
  if (replica === undefined) {
    if (placement === undefined) return errorResponse(rid, 'UNKNOWN_QUEUE', `no queue "${req.queue}"`)
    if (starting || placement.replicas.includes(svc.self)) return errorResponse(rid, 'RETRY', 'replica starting')
    return errorResponse(rid, 'NOT_OWNER', 'not a replica of this queue', placement.preferredOwner)
  }
  const owner = replica.owner
  if (owner === undefined) return errorResponse(rid, 'NOT_OWNER', 'not the owner', replica.group.leader)
  const meta: Omit<CommandMeta, 'now'> = req.client === '' || req.requestId === 0
    ? {}
    : { client: `${from}/${req.client}`, requestId: req.requestId, firstIncomplete: req.firstIncomplete }

  if (req.put !== undefined) return ok({ puts: await put(owner, from, req.put.items) })
  if (req.ack !== undefined) {
    const fence = checkFence(req.ack)
    if (fence === undefined) return errorResponse(rid, 'INVALID', 'bad fence')
    return ok({ fence: fenceReply(await owner.propose({ ack: fence })) })
  }
  if (req.acks !== undefined) {
    const fences = req.acks.fences.map(checkFence)
    if (fences.length === 0 || fences.length > MAX_PUT_ITEMS) return errorResponse(rid, 'INVALID', `an ack request carries 1–${MAX_PUT_ITEMS} fences`)
    if (fences.some(f => f === undefined)) return errorResponse(rid, 'INVALID', 'bad fence')
    const valid = fences as Fence[]
    // Before anything is awaited, so credit and a session (re)open arriving later on the same
    // stream are counted in the order they were sent.
    const credited = req.acks.session > 0 ? owner.returnCredit(from, req.acks.session, valid) : valid.map(() => false)
    const results = await owner.proposeAll(valid.map(f => ({ ack: f })))
    return ok({ fences: results.map((r, i) => ({ ...fenceReply(r), credited: credited[i] })) })
  }
  if (req.nack !== undefined) {
    const fence = checkFence(req.nack.fence)
    if (fence === undefined) return errorResponse(rid, 'INVALID', 'bad fence')
    return ok({ fence: fenceReply(await owner.propose({ nack: { ...fence, delayMs: req.nack.delayMs, deadLetter: req.nack.deadLetter } }, meta)) })
  }
  if (req.extend !== undefined) {
    const fence = checkFence(req.extend.fence)
    if (fence === undefined || req.extend.ms < 1) return errorResponse(rid, 'INVALID', 'bad fence or duration')
    return ok({ fence: fenceReply(await owner.propose({ extend: { ...fence, ms: req.extend.ms } }, meta)) })
  }
  if (req.stats !== undefined) return ok({ stats: await stats(replica, owner) })
  if (req.deadList !== undefined) {
    await owner.group.readIndex({ signal })
    const limit = Math.max(1, Math.min(req.deadList.limit === 0 ? 100 : req.deadList.limit, 1000))
    let bytes = 0
    const dead = []
    for (const m of replica.machine.peekDead(limit)) {
      bytes += m.payload.byteLength + 64
      if (bytes > 3 * 1024 * 1024) break
      dead.push({ id: m.id, payload: m.payload as Uint8Array<ArrayBuffer>, reason: m.reason, attempt: m.attempt, deadAt: m.deadAt, enqueuedAt: m.enqueuedAt })
    }
    return ok({ dead })
  }
  if (req.requeue !== undefined) {
    const ids = req.requeue.ids
    if (ids.length > 10_000 || ids.some(i => i.length === 0 || i.length > MAX_ID_LENGTH) || (!req.requeue.all && ids.length === 0)) return errorResponse(rid, 'INVALID', 'bad ids')
    const r = await owner.propose({ requeueDead: { ids, all: req.requeue.all } }, meta)
    if (r.command !== 'requeueDead' || r.status !== 'ok') return resultError(rid, r)
    return ok({ requeue: { requeued: r.requeued, missing: r.missing } })
  }
  if (req.consume !== undefined) {
    const { session, credit, prefetch } = req.consume
    if (!Number.isSafeInteger(session) || session <= 0 || credit < 0 || credit > MAX_CREDIT) return errorResponse(rid, 'INVALID', 'bad session or credit')
    owner.openSession(from, session, credit, Math.min(prefetch, MAX_CREDIT))
    return ok()
  }
  if (req.credit !== undefined) {
    if (req.credit.credit > MAX_CREDIT) return errorResponse(rid, 'INVALID', 'bad credit')
    if (!owner.grant(from, req.credit.session, req.credit.credit)) return errorResponse(rid, 'NO_SESSION', 'no such session here')
    return ok()
  }
  if (req.close !== undefined) {
    owner.closeSession(from, req.close.session)
    return ok()
  }
  if (req.waitAck !== undefined) {
    const { id, seq } = req.waitAck
    if (id.length === 0 || id.length > MAX_ID_LENGTH) return errorResponse(rid, 'INVALID', 'bad id')
    // A new owner may not have applied everything committed yet: catch up before looking.
    await owner.group.readIndex({ signal })
    const cap = AbortSignal.any([signal, AbortSignal.timeout(WAIT_ACK_MS)])
    await owner.waitAck(id, seq, cap)
    return ok()
  }
  return errorResponse(rid, 'INVALID', 'request without an operation')
}

async function put (owner: QueueOwner, from: string, items: Request['put'] extends infer P ? P extends { items: infer I } ? I : never : never): Promise<PutReply[]> {
  if (items.length === 0 || items.length > MAX_PUT_ITEMS) throw new QueueReplyError('INVALID', `a put carries 1–${MAX_PUT_ITEMS} messages`)
  for (const it of items) {
    if (it.id.length === 0 || it.id.length > MAX_ID_LENGTH) throw new QueueReplyError('INVALID', `message id must be 1–${MAX_ID_LENGTH} characters`)
  }
  // One proposal per message, all in this turn: the Raft driver commits them in one round.
  const now = Date.now()
  const results = await owner.proposeAll(items.map(it => ({
    put: { id: it.id, payload: it.payload, producer: from, delayUntil: it.delayMs > 0 ? now + it.delayMs : 0 }
  })))
  return results.map((r, i): PutReply => {
    if (r.command !== 'put') throw new QueueReplyError('INTERNAL', `unexpected result ${r.command}/${r.status}`)
    if (r.status === 'ok') return { id: r.id, status: 'ok', seq: r.seq, duplicate: r.duplicate, reason: '' }
    if (r.status === 'full') return { id: r.id, status: 'full', seq: 0, duplicate: false, reason: r.reason }
    throw new QueueReplyError('INVALID', `put ${items[i].id}: ${(r as { message?: string }).message ?? 'refused'}`)
  })
}

function checkFence (f: FenceMsg | undefined): Fence | undefined {
  if (f === undefined) return undefined
  if (f.id.length === 0 || f.id.length > MAX_ID_LENGTH || f.consumer.length === 0 || f.consumer.length > 256) return undefined
  return fenceOf(f)
}

function fenceReply (r: QueueResult): FenceReply {
  switch (r.status) {
    case 'acked': case 'alreadyAcked': case 'released': case 'dead': case 'extended': case 'notFound':
      return { status: r.status, reason: r.status === 'dead' && 'reason' in r ? r.reason : '', deadline: r.status === 'extended' ? r.deadline : 0, credited: false }
    case 'stale':
      return { status: 'stale', reason: r.reason, deadline: 0, credited: false }
    case 'requestExpired':
      throw new QueueReplyError('EXPIRED', 'the retried request expired before its retry; outcome unknown')
    default:
      throw new QueueReplyError('INVALID', `command refused: ${(r as { message?: string, status: string }).message ?? (r as { status: string }).status}`)
  }
}

function resultError (rid: number, r: QueueResult): Response {
  if (r.status === 'requestExpired') return errorResponse(rid, 'EXPIRED', 'outcome unknown')
  return errorResponse(rid, 'INVALID', (r as { message?: string }).message ?? r.status)
}

async function stats (replica: QueueReplica, owner: QueueOwner): Promise<NonNullable<Response['stats']>> {
  await owner.group.readIndex({ timeout: 5000 })
  const s = replica.machine.stats()
  const st = owner.group.status()
  return {
    ready: s.ready,
    leased: s.leased,
    delayed: s.delayed,
    dead: s.dead,
    bytes: s.bytes,
    owner: owner.group.id,
    replicas: [...st.membership.voters],
    term: owner.group.term,
    commitIndex: st.commit,
    appliedIndex: owner.group.applied,
    commitLag: Math.max(0, st.lastIndex - st.commit),
    totalPut: s.totals.put,
    totalAcked: s.totals.acked,
    totalDelivered: s.totals.delivered,
    totalExpired: s.totals.expired,
    totalDeadLettered: s.totals.deadLettered,
    consumers: owner.sessionCount
  }
}
