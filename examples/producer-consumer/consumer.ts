/**
 * A consumer of the queue "jobs": takes jobs, works on each for --work ms, acks it. Run several;
 * kill any of them (Ctrl-C, or kill -9) and start it again with the same --name.
 *
 *   node dist/examples/producer-consumer/consumer.js --name c1 --bootstrap <the producer's address>
 *
 * Each job goes to one consumer at a time. A job whose consumer dies before acking it is given to
 * another consumer once its lease (5 s) runs out, so nothing is lost; "done" lines are printed only
 * after the ack committed, so each job is reported done exactly once across all consumers.
 *
 * With --leave, Ctrl-C retires the consumer for good: it leaves the cluster (`mesh.leave()`), which
 * hands the queue replica it may hold to another peer at once, instead of the cluster waiting 30 s
 * for it to come back.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMesh } from '../../src/index.js'

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: `c-${process.pid}` },
    bootstrap: { type: 'string', multiple: true, default: [] },
    work: { type: 'string', default: '500' }, // ms per job
    data: { type: 'string', default: '.meshchan-example' },
    leave: { type: 'boolean', default: false } // on Ctrl-C, leave the cluster for good
  }
})
const name = args.name

// A stable identity and data directory per --name: a restarted consumer is the same peer (and,
// if the cluster made it a replica of the queue, the same replica, with its data).
mkdirSync(args.data, { recursive: true })
const mesh = await createMesh({
  listen: ['/ip4/127.0.0.1/tcp/0'],
  bootstrap: args.bootstrap,
  identity: join(args.data, `${name}.key`),
  dataDir: join(args.data, name)
})
const queue = mesh.queue<{ n: number }>('jobs', { replicas: 3, ackTimeout: 5000 })
console.log(`${name} is taking jobs`)

const stop = new AbortController()
process.once('SIGINT', () => { stop.abort() })
process.once('SIGTERM', () => { stop.abort() })

// One job at a time (prefetch 1), so a slow consumer doesn't sit on jobs others could do.
for await (const job of queue.consume({ prefetch: 1, signal: stop.signal })) {
  await new Promise(resolve => setTimeout(resolve, Number(args.work)))
  try {
    await job.ack()
    console.log(`${name}: job-${job.value.n} done${job.attempt > 1 ? ` (delivery ${job.attempt})` : ''}`)
  } catch (err) {
    // The lease ran out first (this consumer was too slow): someone else gets the job.
    console.log(`${name}: job-${job.value.n} not acked: ${(err as Error).message}`)
  }
}
if (args.leave) {
  // Won't come back: hand over what this peer holds, leave the control group, then stop.
  const report = await mesh.leave({ timeout: 20_000 })
  console.log(report.complete
    ? `${name} left the cluster (handed over: ${report.handedOver.join(', ') || 'nothing'})`
    : `${name} stopped, leave incomplete: ${report.reason}`)
} else {
  await mesh.stop() // a restart is expected: the cluster keeps this peer's place for 30 s
}
