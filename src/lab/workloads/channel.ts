/**
 * Controller half of the channel workload, and its checker. The checker is a pure function of the
 * recorded events ({@link checkChannel}) so it is unit-tested without namespaces.
 */
import { fileURLToPath } from 'node:url'
import type { ChannelPeerEvent, ChannelPeerOptions, LabChannelValue } from './channel-peer.js'
import type { FaultWindow, LabCheckContext, LabDrainContext, LabMarker, LabSample, LabViolation, LabWorkload, LabWorkloadResult } from './types.js'

/** One receive, as the controller stores it. */
export interface ChannelRecv {
  /** Receiving host and its incarnation. */
  host: number
  inc: number
  from: string
  epoch: string
  seq: number
  value: LabChannelValue
  at: number
}

export interface ChannelGapEvent {
  host: number
  inc: number
  from: string
  epoch: string
  fromSeq: number
  toSeq: number
  at: number
}

export interface ChannelSend {
  host: number
  inc: number
  n: number
  t: number
  ok: boolean
  drain: boolean
}

export interface ChannelHistory {
  sends: ChannelSend[]
  recvs: ChannelRecv[]
  gaps: ChannelGapEvent[]
  /** (host, incarnation) of the peers alive at the end: every post-heal message of one must reach all. */
  finalPeers: Array<{ host: number, inc: number }>
}

export interface ChannelCheck {
  ok: boolean
  violations: LabViolation[]
  figures: { sent: number, received: number, gaps: number, missed: number, explainedGaps: number, postHealSent: number, postHealMissing: number, deliveryRatio: number }
}

/**
 * Checks a channel history:
 * - `order`: per receiver and sender stream (from, epoch), sequence numbers strictly increase in
 *   arrival order, and so do the senders' own counters (no reordering, no duplicate delivered);
 * - `silentLoss`: sequence numbers skipped between two received messages must be covered by a gap
 *   event of that receiver (the channel promises to report loss);
 * - `gapOutsideFault`: every gap is reported during a fault window, or within `graceMs` of one;
 * - `notDeliveredAfterHeal`: every message sent after the heal by a peer alive at the end reached
 *   every peer alive at the end.
 */
export function checkChannel (h: ChannelHistory, windows: readonly FaultWindow[], graceMs: number): ChannelCheck {
  const violations: LabViolation[] = []
  const cap = (kind: string): boolean => violations.filter(v => v.kind === kind).length < 20 // keep reports readable
  const streams = new Map<string, ChannelRecv[]>()
  for (const r of h.recvs) {
    const key = `${r.host}/${r.inc}|${r.from}/${r.epoch}`
    const list = streams.get(key)
    if (list === undefined) streams.set(key, [r])
    else list.push(r)
  }
  const gapsBy = new Map<string, ChannelGapEvent[]>()
  for (const g of h.gaps) {
    const key = `${g.host}/${g.inc}|${g.from}/${g.epoch}`
    gapsBy.set(key, [...(gapsBy.get(key) ?? []), g])
  }
  for (const [key, list] of streams) {
    const gaps = gapsBy.get(key) ?? []
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as ChannelRecv
      const b = list[i] as ChannelRecv
      if (b.seq <= a.seq || b.value.n <= a.value.n) {
        if (cap('order')) violations.push({ kind: 'order', message: `host ${b.host} got seq ${b.seq} (n ${b.value.n}) after seq ${a.seq} (n ${a.value.n}) from host ${b.value.h}`, detail: { stream: key, before: a, after: b } })
      }
    }
    // Numbers between the first and last received that never arrived must be covered by a gap report.
    const got = new Set(list.map(r => r.seq))
    const first = Math.min(...got)
    const last = Math.max(...got)
    const silent: number[] = []
    for (let s = first + 1; s < last; s++) {
      if (!got.has(s) && !gaps.some(g => g.fromSeq <= s && s <= g.toSeq)) silent.push(s)
    }
    if (silent.length > 0 && cap('silentLoss')) {
      const r = list[0] as ChannelRecv
      violations.push({ kind: 'silentLoss', message: `host ${r.host} never got ${silent.length} message(s) of host ${r.value.h} (seq ${silent[0]}…) and no gap reported them`, detail: { stream: key, missing: silent.slice(0, 50) } })
    }
  }
  let explained = 0
  let missed = 0
  for (const g of h.gaps) {
    missed += g.toSeq - g.fromSeq + 1
    if (windows.some(w => w.start - graceMs <= g.at && g.at <= w.end + graceMs)) explained++
    else if (cap('gapOutsideFault')) violations.push({ kind: 'gapOutsideFault', message: `host ${g.host} reported a gap (seq ${g.fromSeq}–${g.toSeq}) at ${new Date(g.at).toISOString()}, outside every fault window (± ${graceMs} ms)`, detail: g })
  }
  const final = new Set(h.finalPeers.map(p => `${p.host}/${p.inc}`))
  const postHeal = h.sends.filter(s => s.drain && s.ok && final.has(`${s.host}/${s.inc}`))
  const got = new Set(h.recvs.filter(r => r.value.d === 1).map(r => `${r.host}/${r.inc}<${r.value.h}/${r.value.i}/${r.value.n}`))
  let postHealMissing = 0
  for (const s of postHeal) {
    for (const p of h.finalPeers) {
      if (!got.has(`${p.host}/${p.inc}<${s.host}/${s.inc}/${s.n}`)) {
        postHealMissing++
        if (cap('notDeliveredAfterHeal')) violations.push({ kind: 'notDeliveredAfterHeal', message: `post-heal message ${s.n} of host ${s.host} never reached host ${p.host}`, detail: { sender: s, receiver: p } })
      }
    }
  }
  const sent = h.sends.filter(s => s.ok).length
  const expected = sent * Math.max(1, h.finalPeers.length)
  return {
    ok: violations.length === 0,
    violations,
    figures: { sent, received: h.recvs.length, gaps: h.gaps.length, missed, explainedGaps: explained, postHealSent: postHeal.length, postHealMissing, deliveryRatio: expected === 0 ? 1 : Math.round(1000 * h.recvs.length / expected) / 1000 }
  }
}

export interface ChannelWorkloadOptions {
  /** Channel name. Default `lab`. */
  channel?: string
  /** Messages per second per host. Default 10. */
  rate?: number
  /** Post-heal messages per host. Default 20. */
  drainCount?: number
}

/** The channel workload: fan-out from every host to every host, per-sender order and gap checking. */
export function channelWorkload (options: ChannelWorkloadOptions = {}): LabWorkload & { history: ChannelHistory } {
  const peerOptions: ChannelPeerOptions = { channel: options.channel ?? 'lab', rate: options.rate ?? 10, drainCount: options.drainCount ?? 20 }
  const history: ChannelHistory = { sends: [], recvs: [], gaps: [], finalPeers: [] }
  return {
    name: 'channel',
    peerModule: fileURLToPath(new URL('./channel-peer.js', import.meta.url)),
    peerOptions,
    history,
    onEvent (host, inc, event) {
      const e = event as ChannelPeerEvent
      if (e.k === 's') history.sends.push({ host, inc, n: e.n, t: e.t, ok: e.ok, drain: e.d === 1 })
      else if (e.k === 'r') history.recvs.push({ host, inc, from: e.from, epoch: e.epoch, seq: e.seq, value: e.v, at: e.at })
      else if (e.k === 'g') history.gaps.push({ host, inc, from: e.from, epoch: e.epoch, fromSeq: e.fromSeq, toSeq: e.toSeq, at: e.at })
    },
    async drain (ctx: LabDrainContext) {
      // Wait until every live peer got every post-heal message of every live peer (or the deadline).
      const expected = peerOptions.drainCount * ctx.liveHosts.length * ctx.liveHosts.length
      const live = new Set(ctx.liveHosts)
      for (;;) {
        const n = history.recvs.filter(r => r.value.d === 1 && live.has(r.host) && live.has(r.value.h)).length
        if (n >= expected) return
        if (Date.now() >= ctx.deadline || ctx.signal.aborted) break
        await new Promise(resolve => setTimeout(resolve, 200))
      }
      ctx.log('channel: drain deadline reached before every post-heal message arrived')
    },
    check (ctx: LabCheckContext): LabWorkloadResult {
      history.finalPeers = ctx.finalPeers
      const c = checkChannel(history, ctx.windows, ctx.graceMs)
      const samples: LabSample[] = history.recvs.filter(r => r.value.h !== r.host).map(r => ({ at: r.at, latencyMs: Math.max(0, r.at - r.value.t), ok: true }))
      for (const s of history.sends) if (!s.ok) samples.push({ at: s.t, ok: false })
      const markers: LabMarker[] = history.gaps.slice(0, 200).map(g => ({ at: g.at, label: `gap h${g.host} ${g.toSeq - g.fromSeq + 1}` }))
      return { name: 'channel', ok: c.ok, violations: c.violations, figures: c.figures, samples, markers }
    }
  }
}
