/**
 * The processing stage of the crawler: takes fetched pages from the queue "pages", extracts the
 * title, words and links, and stores one result per page. Run several; kill any (even kill -9)
 * and start it again with the same --name: nothing is lost.
 *
 *   node dist/examples/crawler/process.js --name p1 --out crawl-results --bootstrap <fetch's address>
 *   node dist/examples/crawler/report.js crawl-results
 *
 * Storing is idempotent by message id: a page's result goes to a file named after its id, written
 * whole (temp file, then rename). A processor killed after storing but before acking leaves a
 * complete file; the page is redelivered (after its 5 s lease) and the same file written again.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMesh } from '../../src/index.js'
import type { Page } from './fetch.js'

/** What the processing stage stores per page (one JSON file, and one line of results.jsonl). */
export interface Result { id: string, url: string, title: string, words: number, links: string[], by: string, attempt: number }

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: `p-${process.pid}` },
    bootstrap: { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: 'crawl-results' },
    work: { type: 'string', default: '300' }, // ms per page
    data: { type: 'string', default: '.meshchan-crawler' }
  }
})
const name = args.name
const dir = join(args.out, 'pages')
mkdirSync(dir, { recursive: true })
mkdirSync(args.data, { recursive: true })
const mesh = await createMesh({
  listen: ['/ip4/127.0.0.1/tcp/0'],
  bootstrap: args.bootstrap,
  identity: join(args.data, `${name}.key`),
  dataDir: join(args.data, name)
})
const pages = mesh.queue<Page>('pages', { replicas: 3, ackTimeout: 5000 })
console.log(`${name} is processing pages into ${dir}`)

const stop = new AbortController()
process.once('SIGINT', () => { stop.abort() })
process.once('SIGTERM', () => { stop.abort() })

for await (const d of pages.consume({ prefetch: 2, signal: stop.signal })) {
  const { url, html } = d.value
  await new Promise(resolve => setTimeout(resolve, Number(args.work))) // pretend this is expensive
  const result: Result = {
    id: d.id,
    url,
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '',
    words: (html.replace(/<[^>]+>/g, ' ').match(/\w+/g) ?? []).length,
    links: [...html.matchAll(/href="([^"]+)"/g)].map(m => new URL(m[1]!, url).toString()),
    by: name,
    attempt: d.attempt
  }
  // Store first, then ack: a crash in between redelivers the page, and storing it again is harmless.
  const file = join(dir, `${createHash('sha256').update(d.id).digest('hex').slice(0, 32)}.json`)
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(result) + '\n')
  renameSync(`${file}.${process.pid}.tmp`, file)
  try {
    await d.ack()
    console.log(`${name}: ${url} → "${result.title}", ${result.words} words${d.attempt > 1 ? ` (delivery ${d.attempt})` : ''}`)
  } catch (err) {
    console.log(`${name}: ${url} stored, ack refused (${(err as Error).message}); another processor will store it again`)
  }
}
await mesh.stop()
