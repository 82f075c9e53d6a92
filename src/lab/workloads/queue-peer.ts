/**
 * Peer half of the queue workload: producers and consumers of one replicated queue on every host,
 * each operation reported at invoke and at completion (Jepsen-style) so the controller can build
 * the total-queue checker's history. Puts are not retried: an unknown outcome stays unknown and
 * the checker counts it as `recovered` if the message comes out.
 */
import type { Delivery } from '../../queue/delivery.js'
import type { LabPeerContext, LabPeerWorkload } from './types.js'

export interface QueuePeerOptions {
  queue: string
  replicas: number
  /** Puts per second on each producing host. */
  rate: number
  /** Concurrent consumers on each host. */
  consumers: number
  prefetch: number
  /** Lease length, ms. */
  ackTimeout: number
  /** Deadline of each put and ack, ms. */
  opTimeout: number
  /** How often each host asks the queue's owner for its stats (owner changes), ms. */
  statsEvery: number
  /** Puts each host makes after the heal (retried with the same id for up to `finalPutMs`): the queue must work again. */
  finalPuts: number
  finalPutMs: number
}

interface Ref { id: string, term: number, attempt: number, consumer: string }

/** Events to the controller. `op` numbers pair an invoke with its completion within one incarnation. */
export type QueuePeerEvent =
  | { k: 'pi', op: number, id: string, at: number }
  | { k: 'pc', op: number, outcome: 'ok' | 'fail' | 'unknown', at: number, err?: string }
  | { k: 'd', ref: Ref, deadline: number, at: number }
  | { k: 'ai', op: number, ref: Ref, at: number }
  | { k: 'ac', op: number, outcome: 'ok' | 'stale' | 'fail' | 'unknown', at: number, err?: string }
  | { k: 'o', owner: string, term: number, replicas: number, at: number }
  /** After the heal: how many of this host's final puts succeeded. */
  | { k: 'f', ok: number, of: number, at: number }

const DEFINITE_PUT_FAILURES = new Set(['ERR_QUEUE_FULL', 'ERR_INVALID_OPTION', 'ERR_MESSAGE_TOO_LARGE', 'ERR_ENCODE'])

export async function start (ctx: LabPeerContext<QueuePeerOptions>): Promise<LabPeerWorkload> {
  const { mesh, options: o } = ctx
  const q = mesh.queue<string>(o.queue, { replicas: o.replicas, ackTimeout: o.ackTimeout, timeout: o.opTimeout })
  let op = 0
  let producing = true
  let running = true
  const emit = (e: QueuePeerEvent): void => { ctx.emit(e) }
  const code = (err: unknown): string => (err as { code?: string })?.code ?? (err as Error)?.message ?? String(err)

  const produce = (async () => {
    let n = 0
    const interval = Math.max(5, Math.round(1000 / o.rate))
    const inflight = new Set<Promise<void>>()
    while (producing && !ctx.signal.aborted) {
      const id = `h${ctx.host}.${ctx.incarnation}-${n++}`
      const me = op++
      emit({ k: 'pi', op: me, id, at: Date.now() })
      // Concurrent puts, bounded: a partition must not pile up unbounded work.
      const p = q.put(id, { id, timeout: o.opTimeout }).then(
        () => { emit({ k: 'pc', op: me, outcome: 'ok', at: Date.now() }) },
        (err: unknown) => { emit({ k: 'pc', op: me, outcome: DEFINITE_PUT_FAILURES.has(code(err)) ? 'fail' : 'unknown', at: Date.now(), err: code(err) }) }
      ).finally(() => { inflight.delete(p) })
      inflight.add(p)
      while (inflight.size >= 16) await Promise.race(inflight)
      await sleep(interval)
    }
    await Promise.allSettled(inflight)
  })()

  const ack = async (d: Delivery<string>, ref: Ref): Promise<void> => {
    // Retried a few times on unknown outcomes: the same delivery acked twice is not a duplicate.
    for (let i = 0; i < 5 && running; i++) {
      const me = op++
      emit({ k: 'ai', op: me, ref, at: Date.now() })
      try {
        await d.ack({ timeout: o.opTimeout })
        emit({ k: 'ac', op: me, outcome: 'ok', at: Date.now() })
        return
      } catch (err) {
        const stale = code(err) === 'ERR_STALE_ACK'
        emit({ k: 'ac', op: me, outcome: stale ? 'stale' : code(err) === 'ERR_UNKNOWN_MESSAGE' ? 'fail' : 'unknown', at: Date.now(), err: code(err) })
        if (stale || code(err) === 'ERR_UNKNOWN_MESSAGE') return
        await sleep(200)
      }
    }
  }

  const consumers: Array<{ return: () => Promise<unknown> }> = []
  const consume = async (): Promise<void> => {
    while (running && !ctx.signal.aborted) {
      try {
        const c = q.consume({ prefetch: o.prefetch })
        consumers.push(c)
        for await (const d of c) {
          const ref: Ref = { id: d.id, term: d.term, attempt: d.attempt, consumer: d.consumer }
          emit({ k: 'd', ref, deadline: d.deadline, at: Date.now() })
          void ack(d, ref)
          if (!running) break
        }
      } catch (err) {
        if (running) ctx.log(`consumer: ${code(err)}`)
      }
      if (running) await sleep(200)
    }
  }
  const consuming = Array.from({ length: o.consumers }, consume)

  let lastOwner = ''
  const watch = (async () => {
    while (running && !ctx.signal.aborted) {
      try {
        const s = await q.stats({ timeout: Math.max(500, o.statsEvery) })
        const key = `${s.owner}/${s.term}`
        if (key !== lastOwner) {
          lastOwner = key
          emit({ k: 'o', owner: s.owner, term: s.term, replicas: s.replicas.length, at: Date.now() })
        }
      } catch {}
      await sleep(o.statsEvery)
    }
  })()

  return {
    async drain () {
      producing = false
      await produce
      // The faults are healed: the queue must accept puts again. Same id on every retry (dedup).
      let ok = 0
      const giveUp = Date.now() + o.finalPutMs
      for (let k = 0; k < o.finalPuts; k++) {
        const id = `h${ctx.host}.${ctx.incarnation}-final-${k}`
        while (Date.now() < giveUp) {
          const me = op++
          emit({ k: 'pi', op: me, id, at: Date.now() })
          try {
            await q.put(id, { id, timeout: Math.min(o.opTimeout, Math.max(1, giveUp - Date.now())) })
            emit({ k: 'pc', op: me, outcome: 'ok', at: Date.now() })
            ok++
            break
          } catch (err) {
            emit({ k: 'pc', op: me, outcome: DEFINITE_PUT_FAILURES.has(code(err)) ? 'fail' : 'unknown', at: Date.now(), err: code(err) })
            await sleep(200)
          }
        }
      }
      emit({ k: 'f', ok, of: o.finalPuts, at: Date.now() })
    },
    async stop () {
      producing = false
      running = false
      await produce
      await Promise.allSettled(consumers.map(async c => await c.return()))
      await Promise.race([Promise.allSettled([...consuming, watch]), sleep(5000)])
      await q.close()
    }
  }
}

async function sleep (ms: number): Promise<void> { await new Promise(resolve => setTimeout(resolve, ms)) }
