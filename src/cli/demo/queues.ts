/**
 * Demo section "queues": a work queue replicated on three `meshchan node` processes, a batch of
 * jobs put by one `meshchan put` process, consumed by two `meshchan take --follow` workers. Once a
 * third of the jobs are done, the queue's owner process is killed with SIGKILL; the workers go on
 * with the new owner. Checked: every job acked exactly once (a worker prints a job only after its
 * ack committed), nothing left in the queue, and a new owner that is not the killed process.
 *
 * The three queue peers form a cluster of their own (not joined to the demo's bootstrap node):
 * the other sections' processes come and go, and a cluster whose members left is not where a
 * failover should be shown. The producer and the workers are clients: never members or replicas.
 */
import { plural } from '../output.js'
import type { Child, Line } from './processes.js'
import { DemoCheckError, type DemoContext, type DemoSection, type SectionResult } from './section.js'

interface Acked { id: string, attempt: number, value: { job: number } }
interface Row { queue: string, owner: string, replicas: string[], ready: number, leased: number, delayed: number, dead: number, term: number, error?: string }

const QUEUE = 'jobs'

function addressOf (line: Line): string | undefined {
  return /^listening (\S+)$/.exec(line.text)?.[1]
}

export function queuesSection (options: { jobs: number }): DemoSection {
  const { jobs } = options
  return {
    title: `Queues: ${plural(jobs, 'job')} on a queue replicated 3 times, 2 workers, the owner killed with SIGKILL half-way`,
    async run (ctx: DemoContext): Promise<SectionResult> {
      const { group, signal } = ctx
      const local = ['--listen', '/ip4/127.0.0.1/tcp/0']
      let started = 0
      const start = async (name: string, args: string[], show?: (child: Child, line: Line) => void): Promise<Child> => {
        started++
        return group.start(name, [...args, ...local, ...await ctx.identity(name)], show)
      }

      // 1. Three peers that hold the queue: the first founds the cluster, the others join it.
      // Their joined/left lines about the short-lived `meshchan queues` clients (no names) are noise.
      const showStore = (child: Child, line: Line): void => { if (!ctx.names(line.text).includes('12D3Koo')) ctx.show(child, line) }
      const stores: Child[] = [await start('queue-peer-1', ['node'], showStore)]
      const first = addressOf(await stores[0]!.waitForLine(l => addressOf(l) !== undefined, signal, 'its address'))!
      for (const name of ['queue-peer-2', 'queue-peer-3']) stores.push(await start(name, ['node', '--bootstrap', first], showStore))
      const addresses = await Promise.all(stores.map(async s => addressOf(await s.waitForLine(l => addressOf(l) !== undefined, signal, 'its address'))!))
      await Promise.all(stores.map(async s => await s.waitForLine(l => / \(2 peers\)$/.test(l.text), signal, 'its 2 peers')))
      const bootstrap = addresses.flatMap(a => ['--bootstrap', a])
      ctx.say(`# the cluster: 3 peers; the producer and the workers below are clients (never replicas)`)

      // 2. One process puts the whole batch (ids job-1…: a retried put would be stored once).
      const batch = Array.from({ length: jobs }, (_, i) => i + 1)
      const quiet = (child: Child, line: Line): void => { if (line.stream === 'stderr') ctx.show(child, line) }
      const producer = await start('producer', [
        'put', QUEUE, ...batch.map(n => JSON.stringify({ job: n })), ...batch.flatMap(n => ['--id', `job-${n}`]),
        '--replicas', '3', '--ack-timeout', '3000', ...bootstrap
      ], quiet)
      const placed = queueState(ctx, bootstrap, s => s.replicas.length === 3 && s.owner !== '')
      placed.catch(() => {}) // awaited below; a failure before then must not go unhandled
      const putCode = await producer.waitForExit(signal)
      if (putCode !== 0) throw new DemoCheckError(`producer exited with code ${putCode}`)
      const stored = producer.lines.filter(l => l.stream === 'stdout').map(l => JSON.parse(l.text) as { id: string, seq: number, duplicate: boolean })
      if (stored.length !== jobs || stored.some((r, i) => r.id !== `job-${i + 1}` || r.duplicate)) {
        throw new DemoCheckError(`producer confirmed ${stored.length} of ${jobs} jobs`)
      }
      ctx.say(`# producer: ${plural(jobs, 'job')} committed on a majority of the replicas (seq ${stored[0]!.seq}..${stored.at(-1)!.seq})`)

      // 3. Two workers, each holding one job at a time for 250 ms before acking it.
      const showAck = (child: Child, line: Line): void => {
        if (line.stream === 'stderr') { if (!line.text.startsWith('taking from')) ctx.show(child, line); return }
        try {
          const a = JSON.parse(line.text) as Acked
          ctx.show(child, { stream: 'stdout', text: `acked ${a.id}${a.attempt > 1 ? ` (delivery ${a.attempt})` : ''}` })
        } catch {
          ctx.show(child, line)
        }
      }
      const workers = [
        await start('worker-1', ['take', QUEUE, '--follow', '--meta', '--prefetch', '1', '--work', '250', ...bootstrap], showAck),
        await start('worker-2', ['take', QUEUE, '--follow', '--meta', '--prefetch', '1', '--work', '250', ...bootstrap], showAck)
      ]
      const acked = (): Acked[] => workers.flatMap(w => w.lines.filter(l => l.stream === 'stdout').map(l => JSON.parse(l.text) as Acked))
      const untilAcked = async (n: number, what: string): Promise<void> => {
        await Promise.race(workers.map(async w => await w.waitForLine(() => acked().length >= n, signal, what)))
      }

      // 4. Where the queue lives (asked since the put started; the control plane grows the queue to
      // 3 replicas as the peers join, so wait for that before killing anyone).
      const before = await placed
      const ownerName = ctx.names(before.owner)
      const owner = stores.find(s => s.name === ownerName)
      if (owner === undefined) throw new DemoCheckError(`the owner ${before.owner} is not one of the queue peers`)
      ctx.say(`# queue "${QUEUE}": owner ${ownerName}, replicas ${before.replicas.map(r => ctx.names(r)).join(', ')}, ${before.ready + before.leased} not acked yet`)

      // 5. A third of the way through, kill the owner: no clean stop, no leadership hand-over.
      await untilAcked(Math.ceil(jobs / 3), `${Math.ceil(jobs / 3)} acks`)
      if (acked().length >= jobs) throw new DemoCheckError('the workers finished before the owner could be killed (a very slow machine?)')
      const killedAt = Date.now()
      owner.kill()
      ctx.say(`# killed ${owner.name} (the owner) with SIGKILL after ${acked().length} acks`)
      const afterKill = acked().length
      await untilAcked(afterKill + 1, 'an ack after the kill')
      ctx.say(`# next ack ${Date.now() - killedAt} ms after the kill`)
      await untilAcked(jobs, `all ${jobs} acks`)

      // 6. The tally: every job acked exactly once, nothing left, a new owner.
      const after = await queueState(ctx, bootstrap.slice(0), s => s.owner !== '' && s.owner !== before.owner)
      await Promise.all(workers.map(async w => await w.stop()))
      for (const w of workers) if (w.exitCode !== 0) throw new DemoCheckError(`${w.name} exited with code ${w.exitCode}`)
      const all = acked()
      const counts = new Map<string, number>()
      for (const a of all) counts.set(a.id, (counts.get(a.id) ?? 0) + 1)
      const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id)
      const lost = batch.map(n => `job-${n}`).filter(id => !counts.has(id))
      const unknown = [...counts.keys()].filter(id => !/^job-\d+$/.test(id) || Number(id.slice(4)) > jobs)
      if (twice.length > 0 || lost.length > 0 || unknown.length > 0 || all.length !== jobs) {
        throw new DemoCheckError(`acks: ${all.length} for ${jobs} jobs; twice ${JSON.stringify(twice)}, lost ${JSON.stringify(lost)}, unexpected ${JSON.stringify(unknown)}`)
      }
      if (all.some(a => a.value.job !== Number(a.id.slice(4)))) throw new DemoCheckError('a job id carried another job\'s value')
      if (after.ready + after.leased + after.delayed + after.dead !== 0) {
        throw new DemoCheckError(`queue not empty after the tally: ${JSON.stringify(after)}`)
      }
      const perWorker = workers.map(w => `${w.name} ${w.lines.filter(l => l.stream === 'stdout').length}`).join(', ')
      const redelivered = all.filter(a => a.attempt > 1).length
      ctx.say(`# new owner ${ctx.names(after.owner)} (term ${after.term}); queue empty; tally: ${perWorker}; ` +
        `${jobs} distinct jobs, each acked once${redelivered > 0 ? ` (${redelivered} after a redelivery)` : ''}`)
      return {
        peers: started,
        summary: `${jobs} jobs acked exactly once by 2 workers across a SIGKILL of the owner (${ownerName} → ${ctx.names(after.owner)})`
      }
    }
  }
}

/** Runs `meshchan queues jobs` until its answer satisfies `ok` (or the demo's time is up). */
async function queueState (ctx: DemoContext, bootstrap: string[], ok: (row: Row) => boolean): Promise<Row> {
  let last = 'no answer'
  for (let i = 1; !ctx.signal.aborted; i++) {
    const child = ctx.group.start(`queues-${i}`, ['queues', QUEUE, '--wait', '5000', '--listen', '/ip4/127.0.0.1/tcp/0', ...bootstrap], () => {})
    await child.waitForExit(ctx.signal)
    const line = child.lines.find(l => l.stream === 'stdout')
    if (line !== undefined) {
      const row = JSON.parse(line.text) as Row
      if (ok(row)) return row
      last = line.text
    } else {
      last = child.lines.map(l => l.text).join(' | ')
    }
    await new Promise(resolve => setTimeout(resolve, 300))
  }
  throw new DemoCheckError(`queue "${QUEUE}" never reached the expected state; last: ${last}`)
}
