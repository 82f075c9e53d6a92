/**
 * Controller half of the queue workload: rebuilds a Jepsen-style history from the peers' invoke
 * and completion events and runs the total-queue checker (lost, unexpected, duplicated acks,
 * overlapping leases, stale acks accepted, redelivered after ack). Also measures availability:
 * owner changes and the longest spell without a successful put.
 */
import { fileURLToPath } from 'node:url'
import { check, type HistoryOp } from '../../queue/checker/index.js'
import type { QueuePeerEvent, QueuePeerOptions } from './queue-peer.js'
import type { LabCheckContext, LabDrainContext, LabMarker, LabSample, LabViolation, LabWorkload, LabWorkloadResult } from './types.js'

export interface QueueWorkloadOptions extends Partial<QueuePeerOptions> {
  /**
   * Peers that must see each other before the queue cluster forms (`createMesh`'s
   * `cluster.expect`). runLab sets it to the host count.
   */
  expect?: number
}

type Op = Extract<HistoryOp, { type: 'put' | 'ack' }>

export function queueWorkload (options: QueueWorkloadOptions = {}): LabWorkload & { history: () => HistoryOp[] } {
  const peerOptions: QueuePeerOptions = {
    queue: options.queue ?? 'lab',
    replicas: options.replicas ?? 3,
    rate: options.rate ?? 5,
    consumers: options.consumers ?? 1,
    prefetch: options.prefetch ?? 8,
    ackTimeout: options.ackTimeout ?? 5000,
    opTimeout: options.opTimeout ?? 5000,
    statsEvery: options.statsEvery ?? 1000,
    finalPuts: options.finalPuts ?? 3,
    finalPutMs: options.finalPutMs ?? 15_000
  }
  const ops: HistoryOp[] = []
  const pending = new Map<string, Op>()
  const putOk = new Set<string>()
  const acked = new Set<string>()
  /** Ids with an ack invoked (whatever its outcome): a killed consumer's ack may have committed unseen. */
  const ackTried = new Set<string>()
  const owners: Array<{ at: number, owner: string, term: number, replicas: number, host: number }> = []
  const samples: LabSample[] = []
  /** Why puts failed, by error code: the first thing to look at when the queue was unavailable. */
  const putErrors = new Map<string, number>()
  /** Per host (latest incarnation wins): final puts that succeeded after the heal. */
  const finals = new Map<number, { inc: number, ok: number, of: number }>()
  const history = (): HistoryOp[] => ops.map(op => ({ ...op }))

  return {
    name: 'queue',
    peerModule: fileURLToPath(new URL('./queue-peer.js', import.meta.url)),
    peerOptions,
    meshOptions: options.expect === undefined ? {} : { cluster: { expect: options.expect } },
    history,
    onEvent (host, inc, event) {
      const e = event as QueuePeerEvent
      const key = (n: number): string => `${host}/${inc}/${n}`
      switch (e.k) {
        case 'pi': {
          const op: Op = { type: 'put', id: e.id, invokeAt: e.at, completeAt: Infinity, outcome: 'unknown' }
          ops.push(op)
          pending.set(key(e.op), op)
          break
        }
        case 'pc': {
          const op = pending.get(key(e.op))
          pending.delete(key(e.op))
          if (op?.type !== 'put') break
          op.completeAt = e.at
          op.outcome = e.outcome
          if (e.outcome === 'ok') putOk.add(op.id)
          else putErrors.set(e.err ?? e.outcome, (putErrors.get(e.err ?? e.outcome) ?? 0) + 1)
          samples.push({ at: e.at, latencyMs: e.at - op.invokeAt, ok: e.outcome === 'ok' })
          break
        }
        case 'd':
          ops.push({ type: 'deliver', ...e.ref, deadline: e.deadline, at: e.at })
          break
        case 'ai': {
          const op: Op = { type: 'ack', ...e.ref, invokeAt: e.at, completeAt: Infinity, outcome: 'unknown' }
          ops.push(op)
          pending.set(key(e.op), op)
          ackTried.add(e.ref.id)
          break
        }
        case 'ac': {
          const op = pending.get(key(e.op))
          pending.delete(key(e.op))
          if (op?.type !== 'ack') break
          op.completeAt = e.at
          op.outcome = e.outcome
          if (e.outcome === 'ok') acked.add(op.id)
          samples.push({ at: e.at, latencyMs: e.at - op.invokeAt, ok: e.outcome === 'ok' || e.outcome === 'stale' })
          break
        }
        case 'f':
          finals.set(host, { inc, ok: e.ok, of: e.of })
          break
        case 'o':
          owners.push({ at: e.at, owner: e.owner, term: e.term, replicas: e.replicas, host })
          break
      }
    },
    async drain (ctx: LabDrainContext) {
      // Done when every stored message is acked. A message whose ack outcome is unknown (its
      // consumer was killed mid-ack) may be gone for good: once every message is acked or had an
      // ack tried, and that lasted a lease and then some (time for a redelivery of a message the
      // ack did not remove), stop waiting; the checker reports those as indeterminate.
      let settledSince: number | undefined
      for (;;) {
        const open = [...putOk].filter(id => !acked.has(id))
        if (open.length === 0) return
        if (Date.now() >= ctx.deadline || ctx.signal.aborted) break
        if (open.every(id => ackTried.has(id))) {
          settledSince ??= Date.now()
          if (Date.now() - settledSince > peerOptions.ackTimeout + 2000) {
            ctx.log(`queue: drained; ${open.length} message(s) with an ack of unknown outcome and no redelivery`)
            return
          }
        } else {
          settledSince = undefined
        }
        await new Promise(resolve => setTimeout(resolve, 200))
      }
      ctx.log(`queue: drain deadline reached with ${[...putOk].filter(id => !acked.has(id)).length} messages not acked`)
    },
    check (ctx: LabCheckContext): LabWorkloadResult {
      const r = check(history())
      const violations: LabViolation[] = []
      const add = (kind: string, xs: readonly unknown[], what: string): void => {
        if (xs.length > 0) violations.push({ kind, message: `${xs.length} ${what}`, detail: xs.slice(0, 20) })
      }
      add('lost', r.lost, 'acknowledged puts never acked by a consumer (lost)')
      add('unexpected', r.unexpected, 'messages delivered that were never put (unexpected)')
      add('duplicatedAcks', r.duplicatedAcks, 'messages acked by two different deliveries')
      add('overlappingLeases', r.overlappingLeases, 'deliveries while an earlier lease was still running')
      add('staleAcksAccepted', r.staleAcksAccepted, 'acks accepted for a superseded or never-delivered lease')
      add('redeliveredAfterAck', r.redeliveredAfterAck, 'messages delivered again after an accepted ack')
      // After the heal every live host must be able to put again.
      for (const p of ctx.finalPeers) {
        const f = finals.get(p.host)
        if (f === undefined || f.inc !== p.inc || f.ok < f.of) {
          violations.push({ kind: 'unavailableAfterHeal', message: f === undefined || f.inc !== p.inc
            ? `host ${p.host} did not finish its post-heal puts before the drain deadline`
            : `host ${p.host}: ${f.ok} of ${f.of} post-heal puts succeeded within ${peerOptions.finalPutMs} ms` })
        }
      }
      // Owner changes: a higher term, seen by any host, in time order.
      const markers: LabMarker[] = []
      let term = -1
      let replicas = 0
      for (const o of [...owners].sort((a, b) => a.at - b.at)) {
        replicas = Math.max(replicas, o.replicas)
        if (o.term > term) {
          if (term >= 0) markers.push({ at: o.at, label: `owner → ${o.owner.slice(-6)} (term ${o.term})` })
          term = o.term
        }
      }
      if (owners.length > 0 && replicas < Math.min(peerOptions.replicas, ctx.finalPeers.length)) {
        violations.push({ kind: 'notReplicated', message: `the queue had ${replicas} replica(s), not ${peerOptions.replicas}: is the cluster's control plane forming (cluster.expect)?` })
      }
      // Longest spell without a successful put while the faults ran (the drain stops producers).
      const okAt = samples.filter(s => s.ok && s.latencyMs !== undefined).map(s => s.at).filter(t => t >= ctx.start && t <= ctx.healedAt).sort((a, b) => a - b)
      let longest = 0
      let longestFrom: number | undefined
      let prev = ctx.start
      for (const t of [...okAt, ctx.healedAt]) {
        if (t - prev > longest) { longest = t - prev; longestFrom = prev }
        prev = t
      }
      return {
        name: 'queue',
        ok: r.ok && violations.length === 0,
        violations,
        figures: {
          attempts: r.attempts,
          enqueued: r.enqueued,
          acked: r.acked,
          lost: r.lost.length,
          unexpected: r.unexpected.length,
          duplicatedAcks: r.duplicatedAcks.length,
          overlappingLeases: r.overlappingLeases.length,
          staleAcksAccepted: r.staleAcksAccepted.length,
          redeliveredAfterAck: r.redeliveredAfterAck.length,
          recovered: r.recovered.length,
          indeterminate: r.indeterminate.length,
          redelivered: r.redelivered,
          operations: ops.length,
          ownerChanges: markers.length,
          longestUnavailabilityMs: longest,
          longestUnavailabilityFrom: longestFrom === undefined ? '' : `+${((longestFrom - ctx.start) / 1000).toFixed(1)}s`,
          putErrors: [...putErrors].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${k}×${n}`).join(', ')
        },
        samples,
        markers
      }
    }
  }
}
