/**
 * The demo is a list of sections, each showing one feature on the same local mesh. The demo starts
 * one `meshchan node` (the bootstrap peer) and hands every section a {@link DemoContext}; a section
 * starts its own processes, checks what they printed, and returns a one-line summary.
 *
 * To add a feature to the demo (queues, for instance), write a section and append it to
 * `SECTIONS` in `../commands/demo.ts`.
 */
import { MeshchanError } from '../../errors.js'
import type { ProcessGroup, Show } from './processes.js'

export interface DemoContext {
  /** Starts and tracks child processes; the demo stops them all at the end. */
  group: ProcessGroup
  /** Address of the demo's bootstrap node (`/ip4/127.0.0.1/tcp/…/p2p/…`). */
  bootstrap: string
  /**
   * Flags giving a child a new identity (`--identity <key file>`) and, since its PeerId is then
   * known in advance, a display name: output shows `name` wherever that PeerId appears.
   */
  identity: (name: string) => Promise<string[]>
  /** Default way to display a child's line (prefixed with its name, peer ids replaced by names). */
  show: Show
  /** Replaces known peer ids in `text` with their display names. */
  names: (text: string) => string
  /** Prints a line of the demo's own narration. */
  say: (line: string) => void
  /** Aborts on Ctrl-C or when the demo's time is up. */
  signal: AbortSignal
}

export interface SectionResult {
  /** Processes this section started. */
  peers: number
  /** What was shown and verified, e.g. `5 messages, each delivered to 2 receivers, in order`. */
  summary: string
}

export interface DemoSection {
  /** Heading printed before the section runs. */
  title: string
  /** Runs the section; throws (a {@link DemoCheckError} for a failed check) if something is wrong. */
  run: (ctx: DemoContext) => Promise<SectionResult>
}

/** A demo check failed: what was expected did not happen. */
export class DemoCheckError extends MeshchanError {
  constructor (message: string) {
    super('ERR_DEMO_CHECK', `demo check failed: ${message}`)
  }
}
