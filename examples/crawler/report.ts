/**
 * Collects the processing stage's results into one JSON-lines file, one line per page, sorted by
 * URL, and says what it found.
 *
 *   node dist/examples/crawler/report.js crawl-results      → crawl-results/results.jsonl
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Result } from './process.js'

const out = process.argv[2] ?? 'crawl-results'
const dir = join(out, 'pages')
const results = readdirSync(dir).filter(f => f.endsWith('.json')).map(f => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Result)
results.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
writeFileSync(join(out, 'results.jsonl'), results.map(r => JSON.stringify(r) + '\n').join(''))
const by = new Map<string, number>()
for (const r of results) by.set(r.by, (by.get(r.by) ?? 0) + 1)
const redelivered = results.filter(r => r.attempt > 1).length
console.log(`${results.length} pages in ${join(out, 'results.jsonl')} (${[...by].map(([p, n]) => `${p}: ${n}`).join(', ')}${redelivered > 0 ? `; ${redelivered} stored after a redelivery` : ''})`)
