// examples/producer-consumer and examples/crawler as a user runs them: separate processes, one
// worker killed with SIGKILL mid-way, and every job / page done exactly once.
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CliProcess, LOCAL, runCli } from './helpers.js'

const example = (path: string): string => fileURLToPath(new URL(`../../examples/${path}`, import.meta.url))

async function until (what: string, check: () => boolean | Promise<boolean>, timeout = 40_000, state?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${state === undefined ? '' : `: ${JSON.stringify(await state(), null, 1)}`}`)
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

describe('queue examples', () => {
  const children: CliProcess[] = []
  const dirs: string[] = []
  after(async () => {
    for (const c of children) c.kill()
    await Promise.all(dirs.map(async d => { await rm(d, { recursive: true, force: true }) }))
  })
  const start = (script: string, args: string[]): CliProcess => {
    const child = new CliProcess(args, { script: example(script) })
    children.push(child)
    return child
  }

  it('producer-consumer: 20 jobs, 2 consumers, one killed with SIGKILL: each job done exactly once', async (t) => {
    const data = await mkdtemp(join(tmpdir(), 'meshchan-pc-'))
    dirs.push(data)
    const producer = start('producer-consumer/producer.js', ['--jobs', '20', '--rate', '20', '--port', '0', '--data', data])
    const [, address] = await producer.line('stdout', /--bootstrap (\S+)$/)
    const consumer = (name: string): CliProcess => start('producer-consumer/consumer.js', ['--name', name, '--work', '150', '--bootstrap', address!, '--data', data])
    const c1 = consumer('c1')
    const c2 = consumer('c2')
    const done = (): string[] => [c1, c2].flatMap(c => c.stdout.map(l => / (job-\d+) done/.exec(l)?.[1]).filter(j => j !== undefined))
    await until('3 jobs done', () => done().length >= 3)
    // Killing a replica is safe once the queue has all 3 (a 2-replica group can't lose one).
    await producer.line('stdout', /^queue jobs: .*, 3 replicas$/, 30_000)
    c1.kill()
    // "done" is printed after the ack committed: a job whose ack committed just before the kill is
    // done (removed from the queue) though its line died with c1. So: every job reported once,
    // except at most one never reported, and then the queue must be empty (ready, leased, delayed
    // and dead all 0: the only way out left is an ack, and an ack removes a message once).
    let depth: Record<string, unknown> | undefined
    const queueEmpty = async (): Promise<boolean> => {
      const r = await runCli(['queues', 'jobs', ...LOCAL, '--bootstrap', address!], { timeout: 20_000 })
      depth = r.code === 0 ? JSON.parse(r.stdout) as Record<string, unknown> : { error: r.stderr }
      return depth.ready === 0 && depth.leased === 0 && depth.delayed === 0 && depth.dead === 0
    }
    await until('every job done', async () => {
      const n = new Set(done()).size
      return n >= 20 || (n === 19 && await queueEmpty())
    }, 40_000, () => ({ done: done(), depth, producer: producer.stdout.slice(-8), c2: c2.stdout.slice(-8), c2err: c2.stderr.slice(-8) }))
    const jobs = done()
    const all = Array.from({ length: 20 }, (_, i) => `job-${i + 1}`)
    assert.equal(jobs.length, new Set(jobs).size, `a job was reported done twice: ${jobs.join(' ')}`)
    assert.ok(jobs.every(j => all.includes(j)), jobs.join(' '))
    assert.ok(jobs.length >= 19, jobs.join(' '))
    if (jobs.length === 19) t.diagnostic(`${all.find(j => !jobs.includes(j))} was acked by c1 as it was killed (queue empty: ${JSON.stringify(depth)})`)
  })

  it('producer-consumer: a short-lived client enqueues jobs and is never a replica; a consumer run with --leave hands its replica over on SIGTERM', async () => {
    const data = await mkdtemp(join(tmpdir(), 'meshchan-pc-leave-'))
    dirs.push(data)
    const producer = start('producer-consumer/producer.js', ['--jobs', '3', '--rate', '50', '--port', '0', '--data', data])
    const [, address] = await producer.line('stdout', /--bootstrap (\S+)$/)
    const consumer = (name: string, extra: string[] = []): CliProcess => start('producer-consumer/consumer.js', ['--name', name, '--work', '50', '--bootstrap', address!, '--data', data, ...extra])
    const c1 = consumer('c1', ['--leave'])
    const c2 = consumer('c2')
    await producer.line('stdout', /^queue jobs: .*, 3 replicas$/, 30_000)

    const enqueue = start('producer-consumer/enqueue.js', ['--from', '1001', '--count', '3', '--bootstrap', address!])
    assert.equal(await enqueue.exited, 0, enqueue.stderr.join('\n'))
    assert.deepEqual(enqueue.stdout.map(l => l.replace(/ \(seq \d+\)$/, '')), ['put job-1001', 'put job-1002', 'put job-1003'])
    const done = (): string[] => [c1, c2].flatMap(c => c.stdout.map(l => / (job-\d+) done/.exec(l)?.[1]).filter(j => j !== undefined))
    await until('all 6 jobs done', () => new Set(done()).size >= 6)
    assert.deepEqual(new Set(done()), new Set(['job-1', 'job-2', 'job-3', 'job-1001', 'job-1002', 'job-1003']))
    // The client never became a replica: the queue still has exactly the producer and two consumers.
    assert.ok(!producer.stdout.some(l => /^queue jobs: .*, 4 replicas$/.test(l)))

    const seen = producer.stdout.length
    c1.process.kill('SIGTERM')
    assert.equal(await c1.exited, 0, c1.stderr.join('\n'))
    assert.equal(c1.stdout.at(-1), 'c1 left the cluster (handed over: jobs)')
    // At once (not after the 30 s replaceAfter): the queue is down to the two peers that remain.
    await until('the producer to report 2 replicas', () => producer.stdout.slice(seen).some(l => /^queue jobs: .*, 2 replicas$/.test(l)), 10_000)
  })

  it('crawler: 30 pages fetched from a local site, 2 processors, one killed: every page stored exactly once', async () => {
    const data = await mkdtemp(join(tmpdir(), 'meshchan-crawl-'))
    dirs.push(data)
    const out = join(data, 'out')
    const fetcher = start('crawler/fetch.js', ['--pages', '30', '--port', '0', '--data', data])
    const [, address] = await fetcher.line('stdout', /--bootstrap (\S+)$/)
    const processor = (name: string): CliProcess => start('crawler/process.js', ['--name', name, '--work', '100', '--out', out, '--bootstrap', address!, '--data', data])
    const p1 = processor('p1')
    const p2 = processor('p2')
    const stored = async (): Promise<number> => (await readdir(join(out, 'pages')).catch(() => [])).filter(f => f.endsWith('.json')).length
    await until('3 pages stored', async () => await stored() >= 3)
    await fetcher.line('stdout', /^queue pages: .*, 3 replicas$/, 30_000)
    p1.kill()
    await until('all 30 pages stored and acked', async () => await stored() >= 30 && p2.stdout.length + p1.stdout.length > 30, 40_000,
      async () => ({ stored: await stored(), fetch: fetcher.stdout, p1: p1.stdout.slice(-3), p2: p2.stdout.slice(-5), p2err: p2.stderr.slice(-5) }))
    await fetcher.line('stdout', /^fetched and queued 30 pages/)

    const report = new CliProcess([out], { script: example('crawler/report.js') })
    assert.equal(await report.exited, 0, report.stderr.join('\n'))
    assert.match(report.stdout[0]!, /^30 pages in /)
    const lines = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map(l => JSON.parse(l) as { url: string, title: string, links: string[] })
    const urls = lines.map(l => new URL(l.url).pathname)
    assert.deepEqual(new Set(urls), new Set(Array.from({ length: 30 }, (_, i) => `/page/${i}`)))
    assert.equal(urls.length, 30)
    for (const l of lines) {
      assert.equal(l.title, `Page ${new URL(l.url).pathname.slice('/page/'.length)}`)
      assert.equal(l.links.length, 3)
    }
  })
})
