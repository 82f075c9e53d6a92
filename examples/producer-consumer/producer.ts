/**
 * The producer of a distributed producer–consumer: puts jobs on the replicated queue "jobs" and
 * stays up as one of the peers that hold the queue.
 *
 *   node dist/examples/producer-consumer/producer.js --jobs 100 --port 4001
 *   node dist/examples/producer-consumer/consumer.js --name c1 --bootstrap <the address it prints>
 *
 * Each job has the id `job-<n>`: a producer restarted with the same --jobs puts none of them twice
 * (the queue deduplicates ids), so it can be killed and run again too.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMesh } from '../../src/index.js'

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '100' },
    rate: { type: 'string', default: '20' }, // jobs per second
    port: { type: 'string', default: '4001' },
    data: { type: 'string', default: '.meshchan-example' }
  }
})
const jobs = Number(args.jobs)
const rate = Number(args.rate)

// 1. A peer with a stable identity and its queue data on disk: killed and started again, it comes
//    back as the same replica.
mkdirSync(args.data, { recursive: true })
const mesh = await createMesh({
  listen: [`/ip4/127.0.0.1/tcp/${args.port}`],
  identity: join(args.data, 'producer.key'),
  dataDir: join(args.data, 'producer')
})
console.log(`producer is up. Start consumers with:\n  node dist/examples/producer-consumer/consumer.js --name c1 --bootstrap ${mesh.addresses[0]}\n`)

// 2. The queue: 3 replicas (as peers join), a job not acked within 5 s goes to another consumer.
const queue = mesh.queue<{ n: number }>('jobs', { replicas: 3, ackTimeout: 5000 })

// Say where the queue lives whenever that changes (the cluster adds replicas as peers join).
let where = ''
const watch = setInterval(() => {
  queue.stats({ timeout: 2000 }).then(s => {
    const now = `owner ${s.owner === mesh.peerId ? 'this peer' : s.owner}, ${s.replicas.length} replicas`
    if (now !== where) console.log(`queue ${queue.name}: ${(where = now)}`)
  }, () => {})
}, 1000)

let stopping = false
process.once('SIGINT', () => { stopping = true })
process.once('SIGTERM', () => { stopping = true })

// 3. Put the jobs at --rate per second. `put` resolves once a majority of the replicas stored it.
for (let n = 1; n <= jobs && !stopping; n++) {
  const r = await queue.put({ n }, { id: `job-${n}` })
  if (n % 10 === 0 || n === jobs) console.log(`put job-${n} (seq ${r.seq}${r.duplicate ? ', already there' : ''})`)
  await new Promise(resolve => setTimeout(resolve, 1000 / rate))
}
if (!stopping) {
  const s = await queue.stats()
  console.log(`all ${jobs} jobs put; ${s.ready} waiting, ${s.leased} being worked on. Ctrl-C stops this peer.`)
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
}
clearInterval(watch)
await mesh.stop()
