/**
 * `meshchan take <queue>`: takes messages from a replicated queue, prints each value as one JSON
 * line on stdout once its ack has committed (so every printed message is removed exactly once),
 * until --count messages, --timeout, --idle or Ctrl-C.
 */
import { StaleAckError } from '../../queue/errors.js'
import type { Command } from '../command.js'
import { intFlag, meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out, plural } from '../output.js'
import { queueArg, withQueueClient } from '../queue-args.js'

export const takeCommand: Command = {
  spec: {
    name: 'take',
    summary: 'Take messages from a replicated queue and print each as a JSON line.',
    usage: [
      'take <queue> [--count <n>] [--timeout <ms>] [--no-ack] [--meta] --bootstrap <addr>',
      'take <queue> --follow [--idle <ms>] [--work <ms>] --bootstrap <addr>'
    ],
    description: [
      'Joins the mesh as a client and consumes <queue>: each message goes to exactly one consumer',
      'in the cluster. Every message taken is acked, and printed as one JSON line on stdout once the',
      'ack has committed (a printed message will never be delivered to anyone again). With --no-ack',
      'it is printed at once and not acked: it is delivered again when its lease (the queue\'s ack',
      'timeout) runs out. An ack refused because the lease was lost is reported on stderr and the',
      'message is not printed (someone else gets it).',
      '',
      'Stops after --count messages (default 1; exit 0). --follow takes until Ctrl-C, --timeout or',
      '--idle (exit 0). Otherwise Ctrl-C exits 130, and --timeout / --idle exit 1, if fewer than',
      '--count messages were taken. First deliveries come in put order (FIFO).'
    ].join('\n'),
    flags: {
      count: { type: 'string', short: 'n', arg: '<n>', description: 'exit after taking n messages (default 1)' },
      follow: { type: 'boolean', short: 'f', description: 'keep taking messages until Ctrl-C, --timeout or --idle' },
      timeout: { type: 'string', arg: '<ms>', description: 'stop after ms milliseconds' },
      idle: { type: 'string', arg: '<ms>', description: 'stop once no message arrived for ms milliseconds' },
      'no-ack': { type: 'boolean', description: 'print without acking (the message is redelivered after its lease)' },
      meta: { type: 'boolean', description: 'print {"id","attempt","value"} objects instead of bare values' },
      prefetch: { type: 'string', arg: '<n>', description: 'messages held at once (default: --count, at most 16)' },
      work: { type: 'string', arg: '<ms>', description: 'hold each message ms milliseconds before acking it (simulated work)' }
    },
    meshFlags: true,
    examples: [
      'meshchan take jobs --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…',
      'meshchan take jobs --count 10 --meta --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW… | jq .value',
      'meshchan take jobs --follow --idle 5000 --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…'
    ]
  },

  async run ({ values, positionals }) {
    const [first, ...extra] = positionals
    const name = queueArg('take', first)
    if (extra.length > 0) throw new UsageError('take', `unexpected argument "${extra[0]}" (one queue per take)`)
    const follow = values.follow === true
    if (follow && values.count !== undefined) throw new UsageError('take', '--count and --follow exclude each other')
    const count = follow ? Infinity : intFlag(this.spec, values, 'count', 1, 1)
    const timeout = intFlag(this.spec, values, 'timeout', undefined, 1)
    const idle = intFlag(this.spec, values, 'idle', undefined, 1)
    const work = intFlag(this.spec, values, 'work', 0, 0)
    const prefetch = intFlag(this.spec, values, 'prefetch', Math.min(count, 16), 1)
    if (prefetch > 65_535) throw new UsageError('take', `--prefetch must be at most 65535, got ${prefetch}`)
    const ack = values['no-ack'] !== true
    const meta = values.meta === true

    return await withQueueClient(this.spec.name, meshOptionsFromFlags(values), async ({ mesh, signal }) => {
      const queue = mesh.queue<unknown>(name)
      const idleStop = new AbortController()
      let idleTimer: ReturnType<typeof setTimeout> | undefined
      const armIdle = (): void => {
        if (idle === undefined) return
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => { idleStop.abort() }, idle)
      }
      const stops = [signal, idleStop.signal, ...(timeout === undefined ? [] : [AbortSignal.timeout(timeout)])]
      const stop = AbortSignal.any(stops)
      const consumer = queue.consume({ prefetch, signal: stop })
      info(`taking from ${name} as ${mesh.peerId}`)
      let taken = 0
      armIdle()
      try {
        for await (const d of consumer) {
          clearTimeout(idleTimer)
          const line = JSON.stringify(meta ? { id: d.id, attempt: d.attempt, value: d.value } : d.value)
          if (ack) {
            if (work > 0) await sleep(work)
            try {
              await d.ack({ timeout: 30_000 })
            } catch (err) {
              if (!(err instanceof StaleAckError)) throw err
              info(`meshchan: ack of ${d.id} (attempt ${d.attempt}) refused, lease lost (${err.message}); it goes to another delivery`)
              armIdle()
              continue
            }
          }
          out(line)
          taken++
          if (taken >= count) break
          armIdle()
        }
      } finally {
        clearTimeout(idleTimer)
        await consumer.return()
      }
      if (follow || taken >= count) return EXIT.ok
      if (signal.aborted) {
        info(`meshchan: interrupted after ${plural(taken, 'message')} of ${count}`)
        return EXIT.interrupted
      }
      info(`meshchan: ${idleStop.signal.aborted ? `idle for ${idle} ms, stopped` : `timed out after ${timeout} ms`} with ${plural(taken, 'message')} of ${count}`)
      return EXIT.failed
    })
  }
}

async function sleep (ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms))
}
