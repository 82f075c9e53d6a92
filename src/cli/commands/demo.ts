/**
 * `meshchan demo`: a local mesh of separate OS processes (this CLI's own commands, on 127.0.0.1,
 * random ports) that shows each feature working, checks what the processes printed, tears
 * everything down and prints a summary. Sections live in ../demo/; add new ones to SECTIONS.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from '../command.js'
import { channelsSection } from '../demo/channels.js'
import { ProcessGroup, type Child, type Line } from '../demo/processes.js'
import { queuesSection } from '../demo/queues.js'
import { DemoCheckError, type DemoContext, type DemoSection } from '../demo/section.js'
import { intFlag, UsageError } from '../flags.js'
import { EXIT, info, out, plural } from '../output.js'

/** ANSI colours for the `[name]` prefixes, when stdout is a terminal. */
const COLOURS = [36, 33, 35, 32, 34, 31]

export const demoCommand: Command = {
  spec: {
    name: 'demo',
    summary: 'Run a local mesh of processes and show channels and queues working (no setup).',
    usage: ['demo [--receivers <n>] [--messages <n>] [--jobs <n>]'],
    description: [
      'Starts a bootstrap node, receivers and a sender, each a separate meshchan process on',
      '127.0.0.1 with random ports, prints their output prefixed with their names, checks that',
      'every receiver got every message in order. Then a work queue: three peers replicate it, one',
      'process puts a batch of jobs, two workers take them, and the queue\'s owner is killed with',
      'SIGKILL half-way; checks that every job was acked exactly once and the queue ends empty.',
      'Stops every process and prints a summary. Exit code 0 if every check passed. Ctrl-C stops',
      'everything.'
    ].join('\n'),
    flags: {
      receivers: { type: 'string', arg: '<n>', description: 'receiver processes, 1–8 (default 2)' },
      messages: { type: 'string', arg: '<n>', description: 'messages to broadcast, 1–1000 (default 5)' },
      jobs: { type: 'string', arg: '<n>', description: 'jobs to put on the work queue, 3–300 (default 30)' },
      timeout: { type: 'string', arg: '<ms>', description: 'give up after this long (default 60000)' }
    },
    meshFlags: false,
    examples: ['meshchan demo', 'meshchan demo --receivers 3 --messages 10']
  },

  async run ({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError('demo', `unexpected argument "${positionals[0]}"`)
    const receivers = intFlag(this.spec, values, 'receivers', 2, 1)
    const messages = intFlag(this.spec, values, 'messages', 5, 1)
    const timeout = intFlag(this.spec, values, 'timeout', 60_000, 1)
    if (receivers > 8) throw new UsageError('demo', `--receivers must be at most 8, got ${receivers}`)
    if (messages > 1000) throw new UsageError('demo', `--messages must be at most 1000, got ${messages}`)
    const jobs = intFlag(this.spec, values, 'jobs', 30, 3)
    if (jobs > 300) throw new UsageError('demo', `--jobs must be at most 300, got ${jobs}`)

    const SECTIONS: DemoSection[] = [
      channelsSection({ receivers, messages }),
      queuesSection({ jobs })
    ]
    return await runDemo(SECTIONS, timeout)
  }
}

async function runDemo (sections: DemoSection[], timeout: number): Promise<number> {
  const started = Date.now()
  const interrupt = new AbortController()
  const onSignal = (): void => { interrupt.abort() }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const signal = AbortSignal.any([interrupt.signal, AbortSignal.timeout(timeout)])

  const colour = process.stdout.isTTY && process.env.NO_COLOR === undefined
  const names = new Map<string, string>() // PeerId → display name
  const colours = new Map<string, number>()
  const rename = (text: string): string => {
    // Not inside multiaddrs (`/p2p/<id>`): those must stay copy-pasteable.
    for (const [id, name] of names) text = text.replace(new RegExp(`(?<!/p2p/)${id}`, 'g'), name)
    return text
  }
  const prefix = (name: string): string => {
    if (!colour) return `[${name}]`
    if (!colours.has(name)) colours.set(name, COLOURS[colours.size % COLOURS.length]!)
    return `\x1b[${colours.get(name)}m[${name}]\x1b[0m`
  }
  const show = (child: Child, line: Line): void => { out(`${prefix(child.name)} ${rename(line.text)}`) }
  const group = new ProcessGroup(show)
  const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
  const { loadOrCreateIdentity } = await import('../../node/identity.js')
  const keys = await mkdtemp(join(tmpdir(), 'meshchan-demo-'))
  const identity = async (name: string): Promise<string[]> => {
    const file = join(keys, `${name}.key`)
    names.set(peerIdFromPrivateKey(await loadOrCreateIdentity(file)).toString(), name)
    return ['--identity', file]
  }

  let peers = 1
  const summaries: string[] = []
  try {
    out('meshchan demo: a mesh of separate processes on 127.0.0.1 (Ctrl-C stops everything)')
    out('')
    const node = group.start('node-1', ['node', '--listen', '/ip4/127.0.0.1/tcp/0', ...await identity('node-1')])
    const first = await node.waitForLine(l => l.text.startsWith('listening '), signal, 'its address')
    const ctx: DemoContext = {
      group,
      bootstrap: first.text.slice('listening '.length),
      identity,
      show,
      names: rename,
      say: out,
      signal
    }
    for (const section of sections) {
      out('')
      out(`== ${section.title} ==`)
      const result = await section.run(ctx)
      peers += result.peers
      summaries.push(result.summary)
      out(`ok: ${result.summary}`)
    }
    out('')
    out('stopping every process')
    await group.stopAll()
    const code = node.exitCode
    if (code !== 0) throw new DemoCheckError(`node-1 exited with code ${code} on SIGTERM`)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    out('')
    out(`demo ok: ${plural(peers, 'peer')}, ${summaries.join('; ')} (${seconds} s)`)
    return EXIT.ok
  } catch (err) {
    if (interrupt.signal.aborted) {
      info('meshchan demo: interrupted, stopping every process')
      return EXIT.interrupted
    }
    if (signal.aborted) info(`meshchan demo: did not finish within ${timeout} ms`)
    throw err
  } finally {
    await group.stopAll(2000)
    await rm(keys, { recursive: true, force: true })
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
