/**
 * `meshchan recv <channel>`: joins the mesh, receives on the channel and prints each value as one
 * JSON line on stdout (nothing else goes to stdout), until --count values, --timeout or Ctrl-C.
 */
import type { Command } from '../command.js'
import { channelArg, intFlag, meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out, plural } from '../output.js'

export const recvCommand: Command = {
  spec: {
    name: 'recv',
    summary: 'Receive on a channel and print each value as a JSON line.',
    usage: ['recv <channel> [--count <n>] [--timeout <ms>] [--meta] [--bootstrap <addr>]…'],
    description: [
      'Joins the mesh, becomes a receiver of <channel> and prints every value it receives as one',
      'JSON line on stdout, in each sender\'s order. Logs (its addresses, then "receiving on <channel>")',
      'go to stderr. Stops after --count values (exit 0), at Ctrl-C (exit 0, or 130 if --count was',
      'not reached) or after --timeout ms (exit 0, or 1 if --count was not reached).'
    ].join('\n'),
    flags: {
      count: { type: 'string', short: 'n', arg: '<n>', description: 'exit after receiving n values' },
      timeout: { type: 'string', arg: '<ms>', description: 'stop receiving after ms milliseconds' },
      meta: { type: 'boolean', description: 'print {"from","seq","value"} objects instead of bare values' }
    },
    meshFlags: true,
    examples: [
      'meshchan recv news --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…',
      'meshchan recv news --count 5 --meta --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW… | jq .value'
    ]
  },

  async run ({ values, positionals }) {
    const [first, ...extra] = positionals
    const name = channelArg('recv', first)
    if (extra.length > 0) throw new UsageError('recv', `unexpected argument "${extra[0]}" (one channel per recv)`)
    const count = intFlag(this.spec, values, 'count', undefined, 1)
    const timeout = intFlag(this.spec, values, 'timeout', undefined, 1)
    const meta = values.meta === true

    // Loaded here, not at the top: libp2p takes a while to load, and --help or a typo must be instant.
    const { withMesh } = await import('../session.js')
    return await withMesh(this.spec.name, meshOptionsFromFlags(values), async ({ mesh, signal }) => {
      for (const address of mesh.addresses) info(`listening ${address}`)
      const channel = mesh.channel<unknown>(name)
      // Closing the channel ends the iteration below: on a signal or when the time is up.
      const stop = timeout === undefined ? signal : AbortSignal.any([signal, AbortSignal.timeout(timeout)])
      const onStop = (): void => { void channel.close() }
      channel.on('gap', gap => {
        const lost = gap.toSeq - gap.fromSeq + 1
        info(`meshchan: lost ${plural(lost, 'message')} from ${gap.sender} (seq ${gap.fromSeq}..${gap.toSeq})`)
      })
      stop.addEventListener('abort', onStop, { once: true })
      let received = 0
      try {
        const messages = channel.messages()
        channel.subscribe()
        info(`receiving on ${name} as ${mesh.peerId}`)
        for await (const m of messages) {
          received++
          out(JSON.stringify(meta ? { from: m.from, seq: m.seq, value: m.value } : m.value))
          if (count !== undefined && received >= count) break
        }
      } finally {
        stop.removeEventListener('abort', onStop)
        await channel.close()
      }
      if (count === undefined || received >= count) return EXIT.ok
      if (signal.aborted) {
        info(`meshchan: interrupted after ${plural(received, 'value')} of ${count}`)
        return EXIT.interrupted
      }
      info(`meshchan: timed out after ${timeout} ms with ${plural(received, 'value')} of ${count}`)
      return EXIT.failed
    })
  }
}
