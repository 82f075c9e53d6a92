/**
 * Peer half of the channel workload: every host sends numbered messages on one broadcast channel
 * at a steady rate and receives everyone's, reporting each send, receive and gap to the controller.
 */
import type { Gap } from '../../channel/index.js'
import type { LabPeerContext, LabPeerWorkload } from './types.js'

export interface ChannelPeerOptions {
  channel: string
  /** Messages per second this host sends. */
  rate: number
  /** Messages sent after the heal, which every receiver must get. */
  drainCount: number
}

/** A message's value: sender host, incarnation, counter, send time. `d` marks post-heal messages. */
export interface LabChannelValue { h: number, i: number, n: number, t: number, d?: 1 }

/** Events to the controller, kept short: there are many. */
export type ChannelPeerEvent =
  | { k: 's', n: number, t: number, ok: boolean, d?: 1 }
  | { k: 'r', from: string, epoch: string, seq: number, v: LabChannelValue, at: number }
  | { k: 'g', from: string, epoch: string, fromSeq: number, toSeq: number, at: number }

export async function start (ctx: LabPeerContext<ChannelPeerOptions>): Promise<LabPeerWorkload> {
  const { mesh, options } = ctx
  const ch = mesh.channel<LabChannelValue>(options.channel, { subscribe: true, bufferSize: 8192 })
  ch.on('gap', (g: Gap) => { ctx.emit({ k: 'g', from: g.sender, epoch: g.epoch, fromSeq: g.fromSeq, toSeq: g.toSeq, at: Date.now() } satisfies ChannelPeerEvent) })
  let n = 0
  let sending = true
  const send = async (drain: boolean): Promise<void> => {
    const v: LabChannelValue = { h: ctx.host, i: ctx.incarnation, n: n++, t: Date.now(), ...(drain ? { d: 1 as const } : {}) }
    let ok = true
    try {
      // Never wait for receivers: this process's own receiver always exists, and a sender that
      // blocks during a partition would hide the partition from the numbers.
      await ch.send(v, { wait: false, timeout: 2000 })
    } catch (err) {
      ok = false
      ctx.log(`send ${v.n} failed: ${(err as Error).message}`)
    }
    ctx.emit({ k: 's', n: v.n, t: v.t, ok, ...(drain ? { d: 1 as const } : {}) } satisfies ChannelPeerEvent)
  }
  const interval = Math.max(5, Math.round(1000 / options.rate))
  const loop = (async () => {
    while (sending && !ctx.signal.aborted) {
      await send(false)
      await sleep(interval)
    }
  })()
  const receive = (async () => {
    try {
      for await (const m of ch.messages()) {
        ctx.emit({ k: 'r', from: m.from, epoch: m.epoch, seq: m.seq, v: m.value, at: m.receivedAt } satisfies ChannelPeerEvent)
      }
    } catch (err) {
      if (!ctx.signal.aborted) ctx.log(`receive loop ended: ${(err as Error).message}`)
    }
  })()
  return {
    async drain () {
      sending = false
      await loop
      for (let i = 0; i < options.drainCount; i++) {
        await send(true)
        await sleep(50)
      }
    },
    async stop () {
      sending = false
      await loop
      await ch.close()
      await receive
    }
  }
}

async function sleep (ms: number): Promise<void> { await new Promise(resolve => setTimeout(resolve, ms)) }
