/**
 * What the controller and a host's peer process say to each other: JSON lines on the peer's
 * stdin and stdout. Pipes cross network namespaces (a socket in the root namespace would not be
 * reachable from a host's namespace), and on Linux writes to a pipe are synchronous, so an event
 * written before a kill -9 is not lost.
 */

/** How a peer process is started (written to a file, its path passed as the only argument). */
export interface PeerConfig {
  host: number
  hosts: number
  /** 0 for the first start, +1 for each restart after a kill. */
  incarnation: number
  listen: string[]
  bootstrap: string[]
  identity: string
  dataDir: string
  /** JSON-safe extra `createMesh` options (merged over the lab's defaults). */
  mesh: Record<string, unknown>
  workloads: Array<{ name: string, module: string, options: unknown }>
}

/** Peer → controller. `at` is the peer's `Date.now()` (all hosts share the machine's clock). */
export type PeerMessage =
  | { type: 'ready', at: number, peerId: string, addresses: string[] }
  | { type: 'event', at: number, workload: string, event: unknown }
  | { type: 'peers', at: number, count: number }
  | { type: 'drained', at: number, workload: string }
  | { type: 'log', at: number, line: string }
  | { type: 'stopped', at: number }

/** Controller → peer. */
export type ControlMessage =
  | { cmd: 'drain' }
  | { cmd: 'stop' }
