/**
 * Tests the price board under partitions, pauses and (optionally) kill -9 with the partition lab:
 *   sudo node dist/examples/lab/run.js [--kill]
 * The check: once everything is healed, every host's board holds the same quotes.
 */
import { fileURLToPath } from 'node:url'
import { runLab, type LabWorkload } from '../../src/testkit/index.js'

const finals = new Map<number, unknown>()
const board: LabWorkload = {
  name: 'price-board',
  peerModule: fileURLToPath(new URL('./peer.js', import.meta.url)),
  onEvent (host, _incarnation, event) {
    const e = event as { final?: unknown }
    if (e.final !== undefined) finals.set(host, e.final)
  },
  check (ctx) {
    const states = ctx.finalPeers.map(p => JSON.stringify(finals.get(p.host) ?? null))
    const converged = states.length > 0 && states.every(s => s === states[0])
    return {
      name: 'price-board',
      ok: converged,
      violations: converged ? [] : [{ kind: 'diverged', message: 'boards differ after heal', detail: Object.fromEntries(finals) }],
      figures: { hosts: states.length },
      samples: [],
      markers: []
    }
  }
}

const nemeses = process.argv.includes('--kill') ? 'partition-halves,pause,kill' : 'partition-halves,pause'
const result = await runLab({ hosts: 3, nemeses, duration: 30_000, seed: 1, workloads: [board], out: 'report/lab-board' })
console.log(result.ok ? 'price board converged under partitions' : `price board FAILED: see ${result.htmlPath}`)
process.exitCode = result.ok ? 0 : 1
