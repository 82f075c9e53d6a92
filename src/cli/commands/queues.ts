/**
 * `meshchan queues [<queue>…]`: each queue's owner, replicas and depths, one JSON line per queue
 * (or an aligned table with --table). Without names, every queue in the cluster, as listed by a
 * connected member (from its local copy of the placements). A client: it never joins the cluster.
 */
import type { Command } from '../command.js'
import { intFlag, meshOptionsFromFlags } from '../flags.js'
import { EXIT, out } from '../output.js'
import { queueArg, withQueueClient } from '../queue-args.js'

/** One row of output. `owner` is '' and `error` set when the queue's owner did not answer. */
export interface QueueRow {
  queue: string
  owner: string
  replicas: string[]
  ready: number
  leased: number
  delayed: number
  dead: number
  term: number
  error?: string
}

export const queuesCommand: Command = {
  spec: {
    name: 'queues',
    summary: 'Show queues: owner, replicas and depths.',
    usage: [
      'queues <queue> [<queue>…] [--table] [--wait <ms>] --bootstrap <addr>',
      'queues [--table] [--wait <ms>] --bootstrap <addr>'
    ],
    description: [
      'Joins the mesh as a client and asks each named queue\'s owner for its state. stdout: one JSON',
      'line per queue, in the order given, {"queue","owner","replicas","ready","leased","delayed",',
      '"dead","term"}, or with --table an aligned table. A queue that does not exist is listed with',
      '"error":"no such queue" (it is not created); one whose owner does not answer within --wait',
      'gets owner "" and an "error". Exit 0 if every queue answered, 1 otherwise.',
      '',
      'With no names, lists every queue in the cluster, sorted by name: a connected member answers',
      'with the queues it knows (its own copy of the cluster state, which may lag the leader by a',
      'moment), then each queue\'s owner is asked as above. No queues: no output (the table header',
      'only with --table), exit 0. Members older than this CLI don\'t answer the list: exit 1.',
      'The client never joins the cluster as a member, so it leaves nothing behind.'
    ].join('\n'),
    flags: {
      table: { type: 'boolean', description: 'print an aligned table instead of JSON lines' },
      wait: { type: 'string', arg: '<ms>', description: 'how long each queue may take to answer (default 10000)' }
    },
    meshFlags: true,
    examples: [
      'meshchan queues --table --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…',
      'meshchan queues jobs --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…',
      'meshchan queues jobs pages --table --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…'
    ]
  },

  async run ({ values, positionals }) {
    const named = positionals.map(n => queueArg('queues', n))
    const wait = intFlag(this.spec, values, 'wait', 10_000, 1)
    const table = values.table === true
    return await withQueueClient(this.spec.name, meshOptionsFromFlags(values), async ({ mesh, signal }) => {
      const service = mesh.queues
      if (service === undefined) throw new Error('queues are not running')
      let names = named
      if (names.length === 0) {
        try {
          names = (await mesh.listQueues({ signal, timeout: wait })).map(p => p.queue)
        } catch (err) {
          if (signal.aborted) return EXIT.interrupted
          throw err
        }
      }
      const rows = await Promise.all(names.map(async (queue): Promise<QueueRow> => {
        const base = { queue, owner: '', replicas: [], ready: 0, leased: 0, delayed: 0, dead: 0, term: 0 }
        try {
          // Straight to the router, not mesh.queue(): that would declare (create) a missing queue.
          const { response } = await service.router(queue).call({ stats: {} }, { deadline: Date.now() + wait, signal, passThrough: ['UNKNOWN_QUEUE'], what: 'stats' })
          if (response.error?.code === 'UNKNOWN_QUEUE') return { ...base, error: 'no such queue' }
          const s = response.stats
          if (s === undefined) return { ...base, error: 'empty answer' }
          return { ...base, owner: s.owner, replicas: [...s.replicas].sort(), ready: s.ready, leased: s.leased, delayed: s.delayed, dead: s.dead, term: s.term }
        } catch (err) {
          if (signal.aborted) throw err
          return { ...base, error: (err as Error).message }
        }
      })).catch(err => { if (signal.aborted) return undefined; throw err })
      if (rows === undefined) return EXIT.interrupted
      if (table) {
        for (const line of renderTable(rows)) out(line)
      } else {
        for (const row of rows) out(JSON.stringify(row))
      }
      return rows.some(r => r.error !== undefined) ? EXIT.failed : EXIT.ok
    })
  }
}

/** Rows as an aligned table: numbers right-aligned, replicas comma-separated. */
export function renderTable (rows: QueueRow[]): string[] {
  const header = ['QUEUE', 'OWNER', 'READY', 'LEASED', 'DELAYED', 'DEAD', 'TERM', 'REPLICAS']
  const cells = rows.map(r => [r.queue, r.owner === '' ? `- (${r.error ?? 'no owner'})` : r.owner, String(r.ready), String(r.leased), String(r.delayed), String(r.dead), String(r.term), r.replicas.join(',')])
  const numeric = new Set([2, 3, 4, 5, 6])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map(c => c[i]!.length)))
  const line = (c: string[]): string => c.map((v, i) => i === c.length - 1 ? v : numeric.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)).join('  ')
  return [line(header), ...cells.map(line)]
}
