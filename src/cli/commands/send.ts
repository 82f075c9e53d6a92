/**
 * `meshchan send <channel> <json>…`: joins the mesh, waits for a receiver (like a Go send), sends
 * each value in order, prints where each went, stops. `-` reads JSON lines from stdin instead.
 */
import { createInterface } from 'node:readline'
import { TimeoutError } from '../../errors.js'
import type { Command } from '../command.js'
import { channelArg, intFlag, meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out, plural } from '../output.js'

/** Values to send: parsed up front from argv, or read lazily from stdin. */
type Source = { kind: 'args', values: unknown[] } | { kind: 'stdin' }

function parseJson (text: string): { ok: true, value: unknown } | { ok: false, error: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return { ok: false, error: (err as Error).message }
  }
}

/** Shortens a value for a log line. */
function preview (value: unknown): string {
  const text = JSON.stringify(value)
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}

async function * stdinValues (): AsyncGenerator<unknown> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  let n = 0
  for await (const line of lines) {
    n++
    if (line.trim() === '') continue
    const parsed = parseJson(line)
    if (!parsed.ok) throw new UsageError('send', `stdin line ${n} is not valid JSON: ${parsed.error}`)
    yield parsed.value
  }
}

export const sendCommand: Command = {
  spec: {
    name: 'send',
    summary: 'Send JSON values on a channel, once a receiver exists.',
    usage: ['send <channel> <json> [<json>…] [--bootstrap <addr>]…', 'send <channel> - [--bootstrap <addr>]…   (JSON lines from stdin)'],
    description: [
      'Joins the mesh and, like a Go send, waits until at least one receiver of <channel> exists',
      '(--receivers N waits for N), then sends each value in order and exits 0.',
      'stdout: "sent <n> to <k> peers: <value>" per value, or with --json one summary line',
      '{"channel","sent","peers":[…]}. Fails (exit 1) if no receiver shows up within --timeout;',
      'a value that is not JSON is a usage error (exit 2). Quote JSON for your shell; put negative',
      'numbers after -- (e.g. send temps -- -3).',
      '',
      'Messages travel through peers that receive on the channel; a "meshchan node" that is not a',
      'receiver does not forward them. Bootstrap to a receiver too (recv prints its addresses).'
    ].join('\n'),
    flags: {
      timeout: { type: 'string', arg: '<ms>', description: 'how long to wait for receivers (default 30000)' },
      receivers: { type: 'string', arg: '<n>', description: 'wait until n receivers in other processes exist (default 1)' },
      'no-wait': { type: 'boolean', description: 'send at once even if nobody receives (the value may reach no one)' },
      json: { type: 'boolean', description: 'print one JSON summary line instead of a line per value' }
    },
    meshFlags: true,
    examples: [
      'meshchan send news \'{"headline":"hello"}\' \'{"headline":"again"}\' --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…',
      'tail -f events.jsonl | meshchan send events - --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…'
    ]
  },

  async run ({ values, positionals }) {
    const [first, ...rest] = positionals
    const name = channelArg('send', first)
    if (rest.length === 0) throw new UsageError('send', 'nothing to send: give one or more JSON values, or - to read JSON lines from stdin')
    let source: Source
    if (rest.includes('-')) {
      if (rest.length > 1) throw new UsageError('send', '- (stdin) cannot be combined with values on the command line')
      source = { kind: 'stdin' }
    } else {
      const parsed = rest.map((text, i) => ({ i, r: parseJson(text) }))
      const bad = parsed.find(p => !p.r.ok)
      if (bad !== undefined && !bad.r.ok) {
        throw new UsageError('send', `value ${bad.i + 1} (${JSON.stringify(rest[bad.i])}) is not valid JSON: ${bad.r.error}`)
      }
      source = { kind: 'args', values: parsed.map(p => (p.r as { value: unknown }).value) }
    }
    const timeout = intFlag(this.spec, values, 'timeout', 30_000, 1)
    const receivers = intFlag(this.spec, values, 'receivers', 1, 1)
    const wait = values['no-wait'] !== true
    const json = values.json === true

    // Loaded here, not at the top: libp2p takes a while to load, and --help or a typo must be instant.
    const { withMesh } = await import('../session.js')
    return await withMesh(this.spec.name, meshOptionsFromFlags(values), async ({ mesh, signal }) => {
      const channel = mesh.channel<unknown>(name)
      const peers: number[] = []
      info(`sending on ${name} as ${mesh.peerId}`)
      try {
        // The channel counts a remote receiver only once a message to it can really go out (see
        // PubSubPort.subscribers); gossipsub's own subscriber list can run ahead of that.
        if (wait) {
          await channel.waitForReceivers(receivers, { signal, timeout }).catch((err: unknown) => {
            if (err instanceof TimeoutError) throw new TimeoutError(`only ${channel.remoteReceivers} of ${receivers} receiver(s) of channel "${name}" showed up in time`)
            throw err
          })
        }
        // Each send still waits for a receiver (one may leave while stdin is being read).
        const options = wait ? { signal, timeout } : { signal, wait: false }
        const items = source.kind === 'args' ? source.values : stdinValues()
        for await (const value of items) {
          if (signal.aborted) break
          const n = await channel.send(value, options)
          peers.push(n)
          if (!json) out(`sent ${peers.length} to ${plural(n, 'peer')}: ${preview(value)}`)
        }
      } catch (err) {
        if (!signal.aborted) {
          if (!(err instanceof TimeoutError)) throw err
          info(`meshchan: ${err.message}. Is "meshchan recv ${name}" running? A peer that is not a receiver (like a plain ` +
            '"meshchan node") does not forward channel messages: also --bootstrap to a receiver\'s address (recv prints it).')
          return EXIT.failed
        }
      } finally {
        await channel.close() // resolves once everything queued has been published
      }
      if (json) out(JSON.stringify({ channel: name, sent: peers.length, peers }))
      if (signal.aborted) {
        info(`meshchan: interrupted after ${plural(peers.length, 'value')}`)
        return EXIT.interrupted
      }
      return EXIT.ok
    })
  }
}
