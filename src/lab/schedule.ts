/**
 * Nemesis schedules: which fault happens when, to which hosts. Generated from a seed and nothing
 * else, so a failing run is replayed exactly with the same `--seed` (the faults, not the timing
 * of every packet). Pure: no clocks, no I/O.
 */
import { InvalidOptionError } from '../errors.js'
import { Random } from './random.js'

/** Every nemesis the lab knows, by its CLI name. */
export const NEMESES = [
  'partition-halves', 'isolate', 'majorities-ring', 'bridge', 'one-way-loss', 'netem', 'kill', 'pause'
] as const
export type NemesisKind = typeof NEMESES[number]

/** Nemeses that cut links (they show up as partitions to the peers). */
export const PARTITION_KINDS: readonly NemesisKind[] = ['partition-halves', 'isolate', 'majorities-ring', 'bridge']

/** One fault, with every random choice already made. Host numbers are 0-based indexes. */
export type Fault =
  | { kind: 'partition-halves', groups: [number[], number[]] }
  | { kind: 'isolate', host: number }
  /** `ring` is the host order; each host keeps links to the hosts within `reach` places of it. */
  | { kind: 'majorities-ring', ring: number[], reach: number }
  /** Two sides that can't reach each other, both reaching `bridge`. */
  | { kind: 'bridge', bridge: number, sides: [number[], number[]] }
  /** Packets from `from` to `to` are dropped with probability `percent` (the reverse path is fine). */
  | { kind: 'one-way-loss', from: number, to: number[], percent: number }
  /** Egress of `host`: added delay ± jitter and random loss (tc netem; see the network module for fallbacks). */
  | { kind: 'netem', host: number, delayMs: number, jitterMs: number, lossPercent: number }
  /** kill -9 at the start, restart (same identity and data directory) at the end. */
  | { kind: 'kill', host: number }
  /** SIGSTOP at the start, SIGCONT at the end. */
  | { kind: 'pause', host: number }

/** A fault active from `at` for `duration` ms (times relative to the start of the schedule). */
export interface ScheduleStep {
  at: number
  duration: number
  fault: Fault
}

export interface Schedule {
  seed: number
  hosts: number
  durationMs: number
  nemeses: NemesisKind[]
  steps: ScheduleStep[]
}

export interface ScheduleOptions {
  seed: number
  hosts: number
  /** Length of the faulty part of the run, ms. */
  durationMs: number
  nemeses: readonly NemesisKind[]
  /** Fault length range, ms. Default [4000, 10000]. */
  faultMs?: [number, number]
  /** Quiet time between faults, ms. Default [2000, 5000]. */
  quietMs?: [number, number]
  /** Fault-free time at the start, ms. Default 2000. */
  warmupMs?: number
}

/** Parses `partition-halves,kill` (or `all`) into nemesis kinds; throws {@link InvalidOptionError}. */
export function parseNemeses (spec: string): NemesisKind[] {
  if (spec.trim() === 'all' || spec.trim() === 'mixed') return [...NEMESES]
  if (spec.trim() === 'none' || spec.trim() === '') return []
  const out: NemesisKind[] = []
  for (const raw of spec.split(',')) {
    const name = raw.trim()
    if (!(NEMESES as readonly string[]).includes(name)) {
      throw new InvalidOptionError('nemesis', `unknown nemesis "${name}" (known: ${NEMESES.join(', ')}, all, none)`)
    }
    if (!out.includes(name as NemesisKind)) out.push(name as NemesisKind)
  }
  return out
}

/** Smallest host count each nemesis makes sense for. */
const MIN_HOSTS: Record<NemesisKind, number> = {
  'partition-halves': 2, isolate: 2, 'majorities-ring': 4, bridge: 3, 'one-way-loss': 2, netem: 1, kill: 1, pause: 1
}

/**
 * A replayable schedule: alternating quiet spells and faults (one fault at a time, so every
 * violation can be pinned on one fault), each kind drawn from `nemeses`, every random choice
 * (hosts, halves, percentages) drawn from `seed`. The last fault ends by `durationMs`.
 */
export function generateSchedule (options: ScheduleOptions): Schedule {
  const { seed, hosts, durationMs } = options
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 32) throw new InvalidOptionError('hosts', `expected 1–32, got ${hosts}`)
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new InvalidOptionError('duration', `expected a non-negative duration, got ${durationMs}`)
  const [fMin, fMax] = options.faultMs ?? [4000, 10_000]
  const [qMin, qMax] = options.quietMs ?? [2000, 5000]
  const usable = options.nemeses.filter(k => hosts >= MIN_HOSTS[k])
  const rng = new Random(seed)
  const steps: ScheduleStep[] = []
  let t = options.warmupMs ?? 2000
  while (usable.length > 0) {
    const duration = rng.int(fMin, fMax)
    if (t + duration > durationMs) break
    steps.push({ at: t, duration, fault: drawFault(rng.pick(usable), hosts, rng) })
    t += duration + rng.int(qMin, qMax)
  }
  return { seed, hosts, durationMs, nemeses: [...options.nemeses], steps }
}

function drawFault (kind: NemesisKind, hosts: number, rng: Random): Fault {
  const all = Array.from({ length: hosts }, (_, i) => i)
  switch (kind) {
    case 'partition-halves': {
      const order = rng.shuffle(all)
      const cut = Math.floor(hosts / 2)
      return { kind, groups: [order.slice(0, cut).sort(byNumber), order.slice(cut).sort(byNumber)] }
    }
    case 'isolate': return { kind, host: rng.int(0, hosts - 1) }
    case 'majorities-ring': {
      // Each host keeps links to `reach` neighbours on each side: 2·reach + 1 hosts, a majority.
      const majority = Math.floor(hosts / 2) + 1
      return { kind, ring: rng.shuffle(all), reach: Math.ceil((majority - 1) / 2) }
    }
    case 'bridge': {
      const order = rng.shuffle(all)
      const bridge = order[0] as number
      const rest = order.slice(1)
      const cut = Math.ceil(rest.length / 2)
      return { kind, bridge, sides: [rest.slice(0, cut).sort(byNumber), rest.slice(cut).sort(byNumber)] }
    }
    case 'one-way-loss': {
      const from = rng.int(0, hosts - 1)
      return { kind, from, to: all.filter(h => h !== from), percent: rng.pick([30, 50, 80, 100]) }
    }
    case 'netem': return { kind, host: rng.int(0, hosts - 1), delayMs: rng.pick([50, 100, 200]), jitterMs: rng.pick([10, 50]), lossPercent: rng.pick([0, 2, 5]) }
    case 'kill': return { kind, host: rng.int(0, hosts - 1) }
    case 'pause': return { kind, host: rng.int(0, hosts - 1) }
  }
}

const byNumber = (a: number, b: number): number => a - b

/**
 * Host pairs a fault cuts, both directions, as `[a, b]` with a < b, sorted. One-way loss, netem,
 * kill and pause cut no links (they are applied differently).
 */
export function cutPairs (fault: Fault, hosts: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = []
  const cut = (a: number, b: number): boolean => {
    switch (fault.kind) {
      case 'partition-halves': return fault.groups[0].includes(a) !== fault.groups[0].includes(b)
      case 'isolate': return a === fault.host || b === fault.host
      case 'majorities-ring': {
        const pa = fault.ring.indexOf(a)
        const pb = fault.ring.indexOf(b)
        const d = Math.abs(pa - pb)
        return Math.min(d, hosts - d) > fault.reach
      }
      case 'bridge': return (fault.sides[0].includes(a) && fault.sides[1].includes(b)) || (fault.sides[1].includes(a) && fault.sides[0].includes(b))
      default: return false
    }
  }
  for (let a = 0; a < hosts; a++) for (let b = a + 1; b < hosts; b++) if (cut(a, b)) pairs.push([a, b])
  return pairs
}

/** One line for logs and the report, e.g. `partition-halves [0,3] | [1,2,4]`. */
export function describeFault (fault: Fault): string {
  switch (fault.kind) {
    case 'partition-halves': return `partition-halves [${fault.groups[0].join(',')}] | [${fault.groups[1].join(',')}]`
    case 'isolate': return `isolate host ${fault.host}`
    case 'majorities-ring': return `majorities-ring ${fault.ring.join('-')} (reach ${fault.reach})`
    case 'bridge': return `bridge [${fault.sides[0].join(',')}] <${fault.bridge}> [${fault.sides[1].join(',')}]`
    case 'one-way-loss': return `one-way-loss ${fault.percent}% from host ${fault.from}`
    case 'netem': return `netem host ${fault.host}: +${fault.delayMs}±${fault.jitterMs} ms, ${fault.lossPercent}% loss`
    case 'kill': return `kill -9 host ${fault.host}, restart after`
    case 'pause': return `SIGSTOP host ${fault.host}, SIGCONT after`
  }
}
