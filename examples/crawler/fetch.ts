/**
 * The fetch stage of a two-stage crawler: crawls a small web site and puts every page it fetched
 * on the replicated queue "pages", for the processing stage (process.ts) to work on.
 *
 *   node dist/examples/crawler/fetch.js --pages 40
 *   node dist/examples/crawler/process.js --name p1 --out crawl-results --bootstrap <address it prints>
 *
 * No internet: the "web site" is a tiny HTTP server this process starts on 127.0.0.1, serving
 * generated pages that link to each other. The crawl follows links breadth first from /page/0.
 * Each page is put with its URL as the message id: fetching a page twice stores it once.
 */
import { createServer } from 'node:http'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMesh } from '../../src/index.js'

export interface Page { url: string, status: number, html: string }

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '40' },
    port: { type: 'string', default: '4101' },
    data: { type: 'string', default: '.meshchan-crawler' }
  }
})
const total = Number(args.pages)

// 1. The web site: /page/<i> has a title, some words, and links to 3 other pages.
const WORDS = ['mesh', 'channel', 'queue', 'raft', 'owner', 'replica', 'lease', 'ack', 'peer', 'term']
function page (i: number): string {
  // i+1 first, so that every page is reachable from /page/0.
  const links = [i + 1, 2 * i + 3, 5 * i + 7].map(k => k % total).map(j => `<a href="/page/${j}">page ${j}</a>`)
  const text = Array.from({ length: 5 + (i % 7) }, (_, k) => WORDS[(i + k * 3) % WORDS.length]).join(' ')
  return `<html><head><title>Page ${i}</title></head><body><p>${text}</p>${links.join(' ')}</body></html>`
}
const server = createServer((req, res) => {
  const m = /^\/page\/(\d+)$/.exec(req.url ?? '')
  if (m === null || Number(m[1]) >= total) { res.writeHead(404).end('not found'); return }
  res.writeHead(200, { 'content-type': 'text/html' }).end(page(Number(m[1])))
})
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
const site = `http://127.0.0.1:${(server.address() as { port: number }).port}`

// 2. A peer of the cluster that holds the queue (stable identity and data, see producer-consumer).
mkdirSync(args.data, { recursive: true })
const mesh = await createMesh({
  listen: [`/ip4/127.0.0.1/tcp/${args.port}`],
  identity: join(args.data, 'fetch.key'),
  dataDir: join(args.data, 'fetch')
})
console.log(`fetch stage is up, crawling ${site}/page/0. Start processors with:`)
console.log(`  node dist/examples/crawler/process.js --name p1 --out crawl-results --bootstrap ${mesh.addresses[0]}\n`)
const pages = mesh.queue<Page>('pages', { replicas: 3, ackTimeout: 5000 })

// 3. Crawl breadth first; every fetched page goes on the queue, its URL as the id.
const seen = new Set<string>([`${site}/page/0`])
const frontier = [`${site}/page/0`]
// Say where the queue lives whenever that changes (the cluster adds replicas as peers join).
let where = ''
const watch = setInterval(() => {
  pages.stats({ timeout: 2000 }).then(s => {
    const now = `owner ${s.owner === mesh.peerId ? 'this peer' : s.owner}, ${s.replicas.length} replicas`
    if (now !== where) console.log(`queue ${pages.name}: ${(where = now)}`)
  }, () => {})
}, 1000)

let stopping = false
process.once('SIGINT', () => { stopping = true })
process.once('SIGTERM', () => { stopping = true })
while (frontier.length > 0 && !stopping) {
  const url = frontier.shift()!
  const res = await fetch(url)
  const html = await res.text()
  await pages.put({ url, status: res.status, html }, { id: url })
  for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
    const next = new URL(href!, url).toString()
    if (!seen.has(next)) { seen.add(next); frontier.push(next) }
  }
  await new Promise(resolve => setTimeout(resolve, 50)) // be polite, even to ourselves
}
if (!stopping) {
  console.log(`fetched and queued ${seen.size} pages. Ctrl-C stops this peer (and the web site).`)
  await new Promise<void>(resolve => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve) })
}
server.close()
clearInterval(watch)
await mesh.stop()
