/**
 * Flag parsing shared by every command: one declaration per flag (type, argument name, help text),
 * `util.parseArgs` in strict mode, and one error type for everything a user typed wrong.
 */
import { parseArgs } from 'node:util'
import { validateChannelName } from '../channel/index.js'
import { InvalidOptionError } from '../errors.js'
import type { MeshOptions } from '../node/options.js'

/** The user typed something the CLI can't accept. Printed as one line; exit code 2. */
export class UsageError extends Error {
  constructor (readonly command: string, message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface FlagSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** Placeholder shown in help, e.g. `<addr>`. */
  arg?: string
  description: string
}

export type FlagSpecs = Record<string, FlagSpec>

/** What a command declares about itself: enough to parse its arguments and print its help. */
export interface CommandSpec {
  name: string
  summary: string
  /** Usage lines without the leading `meshchan `, e.g. `recv <channel> [--count N]`. */
  usage: string[]
  /** A paragraph or two under the usage lines. */
  description: string
  flags: FlagSpecs
  /** Whether the common mesh flags (`--bootstrap`, `--listen`, …) apply. */
  meshFlags: boolean
  examples: string[]
}

/** The flags every command that starts a peer accepts. */
export const MESH_FLAGS: FlagSpecs = {
  bootstrap: { type: 'string', multiple: true, arg: '<addr>', description: 'join the mesh through this peer (multiaddr ending /p2p/<id>); repeatable' },
  listen: { type: 'string', multiple: true, arg: '<addr>', description: 'listen on this multiaddr (default /ip4/0.0.0.0/tcp/0); repeatable' },
  identity: { type: 'string', arg: '<file>', description: 'key file for a stable PeerId (created, mode 0600, if missing)' },
  'data-dir': { type: 'string', arg: '<dir>', description: 'durable state (queue replicas\' Raft logs); without it they live in memory' },
  mdns: { type: 'boolean', description: 'discover peers on the local network with multicast DNS' },
  'swarm-key': { type: 'string', arg: '<file>', description: 'private network: only peers with this swarm key can connect' }
}

export const HELP_FLAG: FlagSpecs = {
  help: { type: 'boolean', short: 'h', description: 'show this help' }
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>

export interface Parsed {
  values: FlagValues
  positionals: string[]
}

/**
 * Parses `argv` (the arguments after the command name) strictly: unknown flags, a missing flag
 * value or a value given to a boolean flag become a {@link UsageError}.
 */
export function parseCommandArgs (spec: CommandSpec, argv: string[]): Parsed {
  const all = allFlags(spec)
  const options: Record<string, { type: 'string' | 'boolean', multiple?: boolean, short?: string }> = {}
  for (const [name, flag] of Object.entries(all)) {
    options[name] = { type: flag.type, ...(flag.multiple === true ? { multiple: true } : {}), ...(flag.short !== undefined ? { short: flag.short } : {}) }
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true })
    return { values: values as FlagValues, positionals }
  } catch (err) {
    throw new UsageError(spec.name, explainParseError(err))
  }
}

/** All flags of a command in help order: its own, then the mesh flags, then `--help`. */
export function allFlags (spec: CommandSpec): FlagSpecs {
  return { ...spec.flags, ...(spec.meshFlags ? MESH_FLAGS : {}), ...HELP_FLAG }
}

/** parseArgs' messages are long and span lines; keep the gist in one line. */
function explainParseError (err: unknown): string {
  const code = (err as { code?: string }).code
  const message = err instanceof Error ? err.message : String(err)
  const flag = /'(?:-\w, )?(-[^' ]*)/.exec(message)?.[1] ?? '?'
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown flag ${flag}${/^-\d/.test(flag) ? ' (to pass a negative number, put it after --)' : ''}`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return message.includes('does not take an argument') ? `flag ${flag} takes no value` : `flag ${flag} needs a value`
  }
  return message.split('\n')[0] ?? message
}

/** Reads an integer flag; rejects anything but a plain integer ≥ `min`. */
export function intFlag (spec: CommandSpec, values: FlagValues, name: string, fallback: number, min?: number): number
export function intFlag (spec: CommandSpec, values: FlagValues, name: string, fallback: undefined, min?: number): number | undefined
export function intFlag (spec: CommandSpec, values: FlagValues, name: string, fallback: number | undefined, min = 0): number | undefined {
  const raw = values[name]
  if (raw === undefined) return fallback
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
    throw new UsageError(spec.name, `--${name} expects a whole number, got "${String(raw)}"`)
  }
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(spec.name, `--${name} must be at least ${min}, got ${raw}`)
  }
  return value
}

/** The mesh options the common flags ask for. The library validates them (InvalidOptionError). */
export function meshOptionsFromFlags (values: FlagValues): MeshOptions {
  const options: MeshOptions = {}
  const bootstrap = values.bootstrap as string[] | undefined
  const listen = values.listen as string[] | undefined
  if (bootstrap !== undefined) options.bootstrap = bootstrap
  if (listen !== undefined) options.listen = listen
  if (typeof values.identity === 'string') options.identity = values.identity
  if (typeof values['data-dir'] === 'string') options.dataDir = values['data-dir']
  if (values.mdns === true) options.mdns = true
  if (typeof values['swarm-key'] === 'string') options.swarmKey = values['swarm-key']
  return options
}

/** Help text for one command: usage, description, flags aligned in a column, examples. */
export function renderHelp (spec: CommandSpec): string {
  const lines: string[] = []
  lines.push(`${spec.summary}`, '', 'Usage:')
  for (const u of spec.usage) lines.push(`  meshchan ${u}`)
  lines.push('', ...spec.description.split('\n').map(l => l === '' ? '' : `${l}`))
  const own = Object.entries(spec.flags)
  const shared = spec.meshFlags ? Object.entries(MESH_FLAGS) : []
  const rows = [...own, ...shared, ...Object.entries(HELP_FLAG)].map(([name, flag]) => ({
    left: `${flag.short !== undefined ? `-${flag.short}, ` : '    '}--${name}${flag.arg !== undefined ? ` ${flag.arg}` : ''}`,
    description: flag.description
  }))
  const width = Math.max(...rows.map(r => r.left.length)) + 2
  const format = (r: { left: string, description: string }): string => `  ${r.left.padEnd(width)}${r.description}`
  if (own.length > 0) {
    lines.push('', 'Options:', ...rows.slice(0, own.length).map(format))
  }
  if (shared.length > 0) {
    lines.push('', 'Mesh options:', ...rows.slice(own.length, own.length + shared.length).map(format))
  }
  lines.push('', ...rows.slice(own.length + shared.length).map(format))
  if (spec.examples.length > 0) {
    lines.push('', 'Examples:', ...spec.examples.map(e => `  ${e}`))
  }
  return lines.join('\n') + '\n'
}

/** Checks a `<channel>` argument the way the library will, so a bad name fails before joining. */
export function channelArg (command: string, name: string | undefined): string {
  if (name === undefined || name === '') throw new UsageError(command, 'missing <channel>')
  try {
    validateChannelName(name)
  } catch (err) {
    if (err instanceof InvalidOptionError) throw new UsageError(command, `bad channel name ${JSON.stringify(name)}: ${err.message.replace(/^invalid option "name": /, '')}`)
    throw err
  }
  return name
}
