/**
 * `meshchan put <queue> <json>…`: adds messages to a replicated queue and prints, per message,
 * `{"id","seq","duplicate"}` once it is committed on a majority of the queue's replicas.
 */
import type { Command } from '../command.js'
import { intFlag, meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out, plural } from '../output.js'
import { jsonArg, queueArg, withQueueClient } from '../queue-args.js'

/** Messages per request (one Raft round each); well under the protocol's limit. */
const BATCH = 256

export const putCommand: Command = {
  spec: {
    name: 'put',
    summary: 'Add JSON messages to a replicated queue.',
    usage: ['put <queue> <json> [<json>…] [--id <id>]… [--replicas <n>] --bootstrap <addr>'],
    description: [
      'Joins the mesh as a client (it never becomes one of the cluster\'s members or replicas),',
      'declares <queue> if it does not exist yet, and adds each value in order. A value is added',
      'once it is committed on a majority of the queue\'s replicas; then its line is printed on',
      'stdout: {"id","seq","duplicate"}. "duplicate": true means a message with that id was already',
      'stored (within the dedup window): nothing new was added, so retrying a put with --id is safe.',
      '',
      '--replicas and --ack-timeout only count for the first declaration of a queue in the cluster.',
      'Exit 0 once every value is stored; 1 if the cluster did not confirm within --timeout (a value',
      'may or may not be stored: put it again with the same --id); 2 for bad usage or invalid JSON.',
      'Quote JSON for your shell; put negative numbers after -- (e.g. put temps -- -3).'
    ].join('\n'),
    flags: {
      id: { type: 'string', multiple: true, arg: '<id>', description: 'message id for deduplication; repeat once per value, in order (default: random)' },
      replicas: { type: 'string', arg: '<n>', description: 'replicas of a new queue (default 3, fewer on a smaller cluster)' },
      'ack-timeout': { type: 'string', arg: '<ms>', description: 'lease length of a new queue: unacked this long, a message is redelivered (default 30000)' },
      timeout: { type: 'string', arg: '<ms>', description: 'give up if not confirmed within ms (default 30000)' }
    },
    meshFlags: true,
    examples: [
      'meshchan put jobs \'{"n":1}\' \'{"n":2}\' --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…',
      'meshchan put jobs \'{"order":42}\' --id order-42 --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…'
    ]
  },

  async run ({ values, positionals }) {
    const [first, ...texts] = positionals
    const name = queueArg('put', first)
    if (texts.length === 0) throw new UsageError('put', 'nothing to put: give one or more JSON values')
    const messages = texts.map((t, i) => jsonArg('put', t, `value ${i + 1}`))
    const ids = values.id as string[] | undefined
    if (ids !== undefined) {
      if (ids.length !== messages.length) throw new UsageError('put', `${plural(ids.length, '--id')} for ${plural(messages.length, 'value')}: give one --id per value, or none`)
      const bad = ids.find(id => id.length === 0 || id.length > 256)
      if (bad !== undefined) throw new UsageError('put', `--id must have 1–256 characters, got ${JSON.stringify(bad)}`)
      if (new Set(ids).size !== ids.length) throw new UsageError('put', 'the same --id twice in one put (the second would be a duplicate)')
    }
    const replicas = intFlag(this.spec, values, 'replicas', undefined, 1)
    const ackTimeout = intFlag(this.spec, values, 'ack-timeout', undefined, 1)
    const timeout = intFlag(this.spec, values, 'timeout', 30_000, 1)

    return await withQueueClient(this.spec.name, meshOptionsFromFlags(values), async ({ mesh, signal }) => {
      const queue = mesh.queue<unknown>(name, { replicas, ackTimeout, timeout })
      const deadline = Date.now() + timeout
      let stored = 0
      try {
        for (let i = 0; i < messages.length && !signal.aborted; i += BATCH) {
          const results = await queue.putAll(messages.slice(i, i + BATCH), {
            ids: ids?.slice(i, i + BATCH),
            signal,
            timeout: Math.max(1, deadline - Date.now())
          })
          for (const r of results) out(JSON.stringify({ id: r.id, seq: r.seq, duplicate: r.duplicate }))
          stored += results.length
        }
      } catch (err) {
        if (!signal.aborted) throw err
      }
      if (signal.aborted) {
        info(`meshchan: interrupted after ${plural(stored, 'message')} of ${messages.length}`)
        return EXIT.interrupted
      }
      return EXIT.ok
    })
  }
}
