/**
 * The workload interface of the partition lab. A workload has two halves:
 * - a **peer module** loaded by every host's peer process, exporting `start(ctx)`: it uses the
 *   host's mesh (producing, consuming, whatever the application does) and reports what happened
 *   with `ctx.emit(event)`;
 * - a **controller object** ({@link LabWorkload}) that receives those events, waits for the drain
 *   after the faults are healed, and checks the whole history.
 *
 * The channel and queue workloads are built this way; so is a user's own (see examples/lab/).
 */
import type { Mesh } from '../../node/mesh.js'
import type { NemesisKind } from '../schedule.js'

/** What a peer module's `start` gets. */
export interface LabPeerContext<O = unknown> {
  mesh: Mesh
  /** This host's index, 0-based. */
  host: number
  hosts: number
  /** 0 on the first start, +1 after every kill -9 and restart (identity and data dir are kept). */
  incarnation: number
  /** The workload's `peerOptions`, as JSON. */
  options: O
  /** Reports an event (any JSON value) to the controller's {@link LabWorkload.onEvent}. Written at once. */
  emit: (event: unknown) => void
  /** A line for the host's log file. */
  log: (line: string) => void
  /** Aborted when the peer is told to stop. */
  signal: AbortSignal
}

/** What a peer module's `start` resolves with. */
export interface LabPeerWorkload {
  /**
   * The faults are over and healed: stop generating new work (or finish a last batch) so the
   * controller can wait for everything to settle. Optional.
   */
  drain?: () => Promise<void>
  /** Stop everything; the mesh is stopped right after. */
  stop: () => Promise<void>
}

/** The shape of a peer module. */
export interface LabPeerModule<O = unknown> {
  start: (ctx: LabPeerContext<O>) => Promise<LabPeerWorkload>
}

/** One fault as it really happened (controller clock). */
export interface FaultWindow {
  kind: NemesisKind
  description: string
  start: number
  end: number
  /** Hosts the fault touched (cut off, slowed, killed, paused). */
  hosts: number[]
}

export interface LabDrainContext {
  /** Resolve by this time (ms since the epoch) at the latest. */
  deadline: number
  signal: AbortSignal
  log: (line: string) => void
  /** Indexes of hosts whose peer is running. */
  liveHosts: number[]
}

export interface LabCheckContext {
  windows: FaultWindow[]
  /** When the workloads started. */
  start: number
  /** When the last fault was healed. */
  healedAt: number
  /** When the drain ended. */
  end: number
  /** Slack around fault windows for effects that outlive them (failure detection, re-dial). */
  graceMs: number
  /** (host, incarnation) of every peer alive at the end. */
  finalPeers: Array<{ host: number, inc: number }>
}

export interface LabViolation {
  /** Machine-readable kind, e.g. `order`, `lost`, `gapOutsideFault`. */
  kind: string
  message: string
  detail?: unknown
}

/** One operation, for the timeline (ops/s and latency). */
export interface LabSample {
  at: number
  latencyMs?: number
  ok: boolean
}

/** A moment worth a vertical mark on the timeline (an owner change, a restart). */
export interface LabMarker {
  at: number
  label: string
}

export interface LabWorkloadResult {
  name: string
  ok: boolean
  violations: LabViolation[]
  /** Headline numbers for the summary (operations, owner changes, longest unavailability…). */
  figures: Record<string, number | string>
  samples: LabSample[]
  markers: LabMarker[]
}

/** The controller half of a workload. */
export interface LabWorkload {
  readonly name: string
  /** Path or file URL of the peer module (must be loadable by Node in the peer process). */
  readonly peerModule: string
  /** Passed to the peer module as `ctx.options` (JSON). */
  readonly peerOptions?: unknown
  /** JSON-safe `createMesh` options this workload needs on every peer (e.g. `cluster`). */
  readonly meshOptions?: Record<string, unknown>
  onEvent: (host: number, incarnation: number, event: unknown, at: number) => void
  /** After heal and the peers' `drain()`: wait until the workload has settled, bounded by `ctx.deadline`. */
  drain?: (ctx: LabDrainContext) => Promise<void>
  check: (ctx: LabCheckContext) => LabWorkloadResult
}
