import type { CommandSpec, Parsed } from './flags.js'

/** One `meshchan <name>` command: its declaration (flags, help) and what it does. */
export interface Command {
  spec: CommandSpec
  /** Runs with already-parsed arguments; resolves with the exit code. */
  run: (args: Parsed) => Promise<number>
}
