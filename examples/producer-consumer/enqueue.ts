/**
 * A short-lived producer: adds a few jobs to the queue "jobs" and exits. It runs as a *client*
 * (`cluster: { role: 'client' }`): it uses the queue without joining the cluster, so it never
 * becomes a replica or a control voter and can exit at any moment without leaving anything behind.
 *
 *   node dist/examples/producer-consumer/enqueue.js --from 1001 --count 5 --bootstrap <the producer's address>
 *
 * Job ids are `job-<n>`: running the same command twice adds nothing twice (the queue deduplicates).
 */
import { parseArgs } from 'node:util'
import { createMesh } from '../../src/index.js'

const { values: args } = parseArgs({
  options: {
    from: { type: 'string', default: '1001' },
    count: { type: 'string', default: '5' },
    bootstrap: { type: 'string', multiple: true, default: [] }
  }
})
const from = Number(args.from)
const count = Number(args.count)

// A client: no identity or data directory needed, it holds nothing.
const mesh = await createMesh({ listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap: args.bootstrap, cluster: { role: 'client' } })
try {
  const queue = mesh.queue<{ n: number }>('jobs', { replicas: 3, ackTimeout: 5000 })
  // Operations wait for a member to answer, within their timeout (default 30 s).
  const ns = Array.from({ length: count }, (_, i) => from + i)
  const results = await queue.putAll(ns.map(n => ({ n })), { ids: ns.map(n => `job-${n}`), timeout: 15_000 })
  for (const [i, r] of results.entries()) console.log(`put job-${ns[i]!} (seq ${r.seq}${r.duplicate ? ', already there' : ''})`)
} finally {
  await mesh.stop()
}
