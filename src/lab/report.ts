/**
 * The lab's HTML report: one self-contained page (inline SVG and CSS, no scripts from anywhere)
 * with a verdict, the headline figures, and per workload a timeline of operations per second and
 * latency with fault windows shaded and owner changes / restarts marked.
 */
import { writeFileSync } from 'node:fs'
import type { LabResult } from './run.js'
import type { FaultWindow, LabMarker, LabSample, LabWorkloadResult } from './workloads/types.js'

const COLORS: Record<string, string> = {
  'partition-halves': '#f4a261', isolate: '#e76f51', 'majorities-ring': '#e9c46a', bridge: '#f6bd60',
  'one-way-loss': '#90be6d', netem: '#43aa8b', kill: '#c1121f', pause: '#6d597a'
}

function esc (s: unknown): string {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

interface Bucket { ok: number, failed: number, p50: number | undefined, p99: number | undefined }

/** Per-second buckets of samples from `t0` to `end`. */
export function bucketize (samples: readonly LabSample[], t0: number, end: number): Bucket[] {
  const n = Math.max(1, Math.ceil((end - t0) / 1000))
  const lat: number[][] = Array.from({ length: n }, () => [])
  const out: Bucket[] = Array.from({ length: n }, () => ({ ok: 0, failed: 0, p50: undefined, p99: undefined }))
  for (const s of samples) {
    const i = Math.floor((s.at - t0) / 1000)
    if (i < 0 || i >= n) continue
    const b = out[i] as Bucket
    if (s.ok) b.ok++
    else b.failed++
    if (s.ok && s.latencyMs !== undefined) (lat[i] as number[]).push(s.latencyMs)
  }
  for (const [i, xs] of lat.entries()) {
    if (xs.length === 0) continue
    xs.sort((a, b) => a - b)
    const b = out[i] as Bucket
    b.p50 = xs[Math.floor(xs.length * 0.5)]
    b.p99 = xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]
  }
  return out
}

/** Owner changes black, restarts purple, channel gaps grey. */
function markerColor (label: string): string {
  if (label.startsWith('owner')) return '#000'
  if (label.startsWith('gap')) return '#888'
  return '#7b2cbf'
}

function chart (title: string, buckets: Bucket[], windows: readonly FaultWindow[], markers: readonly LabMarker[], t0: number, healedAt: number): string {
  const W = 1000
  const H = 200
  const L = 50
  const R = 50
  const pw = W - L - R
  const secs = buckets.length
  const x = (sec: number): number => L + (sec / Math.max(1, secs)) * pw
  const maxOps = Math.max(1, ...buckets.map(b => b.ok + b.failed))
  const maxLat = Math.max(1, ...buckets.map(b => b.p99 ?? 0))
  const yOps = (v: number): number => H - 20 - (v / maxOps) * (H - 40)
  const yLat = (v: number): number => H - 20 - (Math.log10(1 + v) / Math.log10(1 + maxLat)) * (H - 40)
  const parts: string[] = []
  for (const w of windows) {
    const a = x((w.start - t0) / 1000)
    const b = x((w.end - t0) / 1000)
    parts.push(`<rect x="${a.toFixed(1)}" y="10" width="${Math.max(1, b - a).toFixed(1)}" height="${H - 30}" fill="${COLORS[w.kind] ?? '#ccc'}" opacity="0.35"><title>${esc(w.description)} (${((w.end - w.start) / 1000).toFixed(1)} s)</title></rect>`)
    parts.push(`<text x="${(a + 2).toFixed(1)}" y="20" font-size="9" fill="#555">${esc(w.kind)}</text>`)
  }
  const hx = x((healedAt - t0) / 1000)
  parts.push(`<line x1="${hx}" x2="${hx}" y1="10" y2="${H - 20}" stroke="#2a9d8f" stroke-width="2"/><text x="${hx + 3}" y="32" font-size="10" fill="#2a9d8f">healed, draining</text>`)
  const bw = Math.max(1, pw / Math.max(1, secs) - 1)
  for (const [i, b] of buckets.entries()) {
    if (b.ok > 0) parts.push(`<rect x="${x(i).toFixed(1)}" y="${yOps(b.ok).toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - 20 - yOps(b.ok)).toFixed(1)}" fill="#457b9d"><title>+${i}s: ${b.ok} ok, ${b.failed} failed/unknown</title></rect>`)
    if (b.failed > 0) parts.push(`<rect x="${x(i).toFixed(1)}" y="${yOps(b.ok + b.failed).toFixed(1)}" width="${bw.toFixed(1)}" height="${(yOps(b.ok) - yOps(b.ok + b.failed)).toFixed(1)}" fill="#d62828"><title>+${i}s: ${b.failed} failed/unknown</title></rect>`)
  }
  const line = (pick: (b: Bucket) => number | undefined, color: string, dash: string): void => {
    let d = ''
    for (const [i, b] of buckets.entries()) {
      const v = pick(b)
      if (v === undefined) { d += ' '; continue }
      d += `${d === '' || d.endsWith(' ') ? 'M' : 'L'}${(x(i) + bw / 2).toFixed(1)},${yLat(v).toFixed(1)}`
    }
    parts.push(`<path d="${d.trim()}" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="${dash}"/>`)
  }
  line(b => b.p50, '#1d3557', '')
  line(b => b.p99, '#e63946', '4 2')
  const shown = markers.length > 60 ? markers.filter((_, i) => i % Math.ceil(markers.length / 60) === 0) : markers
  for (const m of shown) {
    const mx = x((m.at - t0) / 1000)
    const color = markerColor(m.label)
    parts.push(`<line x1="${mx.toFixed(1)}" x2="${mx.toFixed(1)}" y1="10" y2="${H - 20}" stroke="${color}" stroke-dasharray="2 2" opacity="0.7"><title>${esc(m.label)} at +${((m.at - t0) / 1000).toFixed(1)}s</title></line>`)
    parts.push(`<polygon points="${mx - 4},4 ${mx + 4},4 ${mx},11" fill="${color}"><title>${esc(m.label)} at +${((m.at - t0) / 1000).toFixed(1)}s</title></polygon>`)
  }
  // Axes: seconds at the bottom, ops/s left, latency (log scale) right.
  for (let s = 0; s <= secs; s += Math.max(1, Math.ceil(secs / 10 / 5) * 5)) parts.push(`<text x="${x(s)}" y="${H - 6}" font-size="10" text-anchor="middle">${s}s</text>`)
  parts.push(`<text x="12" y="${H / 2}" font-size="10" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">ops/s</text><text x="${W - 8}" y="${H / 2}" font-size="10" transform="rotate(90 ${W - 8} ${H / 2})" text-anchor="middle">latency</text>`)
  parts.push(`<text x="${L - 4}" y="${yOps(maxOps) + 4}" font-size="10" text-anchor="end">${maxOps}</text><text x="${L - 4}" y="${H - 20}" font-size="10" text-anchor="end">0</text>`)
  parts.push(`<text x="${W - R + 4}" y="${yLat(maxLat) + 4}" font-size="10">${Math.round(maxLat)} ms</text><text x="${W - R + 4}" y="${H - 20}" font-size="10">0 ms</text>`)
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${H - 20}" y2="${H - 20}" stroke="#999"/>`)
  return `<h3>${esc(title)}</h3><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`
}

/** Writes the HTML report. */
export function writeReport (path: string, result: LabResult, workloads: readonly LabWorkloadResult[], t0: number, end: number): void {
  const healedAt = end - result.drainMs
  const legend = Object.entries(COLORS).filter(([k]) => result.windows.some(w => w.kind === k))
    .map(([k, c]) => `<span class="sw" style="background:${c}"></span>${esc(k)}`).join(' ')
  const sections = workloads.map(w => {
    const figures = Object.entries(w.figures).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')
    const violations = w.violations.length === 0
      ? '<p class="ok">No violations.</p>'
      : `<ul class="bad">${w.violations.slice(0, 50).map(v => `<li><b>${esc(v.kind)}</b>: ${esc(v.message)}</li>`).join('')}</ul>`
    return `<section><h2>${esc(w.name)} <span class="${w.ok ? 'ok' : 'bad'}">${w.ok ? 'OK' : 'FAILED'}</span></h2>
${chart(`${w.name}: operations per second (bars: blue ok, red failed/unknown) and latency p50 (solid) / p99 (dashed, log scale)`, bucketize(w.samples, t0, end), result.windows, w.markers, t0, healedAt)}
<div class="cols"><table>${figures}</table><div>${violations}</div></div></section>`
  }).join('\n')
  const faults = result.windows.map(w => `<tr><td>+${((w.start - t0) / 1000).toFixed(1)}s</td><td>${((w.end - w.start) / 1000).toFixed(1)}s</td><td><span class="sw" style="background:${COLORS[w.kind] ?? '#ccc'}"></span>${esc(w.description)}</td></tr>`).join('')
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meshchan lab: ${result.ok ? 'OK' : 'FAILED'} (seed ${result.seed})</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
.ok{color:#2a9d8f}.bad{color:#c1121f}.verdict{font-size:2em;font-weight:700}
table{border-collapse:collapse}td{padding:2px 10px;border-bottom:1px solid #eee}
.sw{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:middle;opacity:.6}
.cols{display:flex;gap:2em;align-items:flex-start}section{margin:2em 0}
code{background:#f4f4f4;padding:1px 4px}
</style></head><body>
<div class="verdict ${result.ok ? 'ok' : 'bad'}">${result.ok ? 'OK: no violations' : `FAILED: ${result.violations} violation(s)`}</div>
<p>${result.hosts} hosts, ${(result.durationMs / 1000).toFixed(0)} s of faults from ${esc(result.nemeses.join(', ') || 'none')}, then heal and a ${(result.drainMs / 1000).toFixed(1)} s drain.
Started ${esc(result.startedAt)}. Replay with <code>meshchan lab --hosts ${result.hosts} --nemesis ${esc(result.nemeses.join(',') || 'none')} --duration ${Math.round(result.durationMs / 1000)}s --seed ${result.seed}</code>.
${result.capabilities.netem ? '' : '<br><i>This kernel has no tc netem: the netem nemesis used nftables loss and a tbf bottleneck instead of delay and jitter.</i>'}</p>
<p>Fault windows: ${legend || 'none'}. Marks on top: <b>black</b> owner changes, <b style="color:#7b2cbf">purple</b> restarts after kill -9, <span style="color:#888">grey</span> channel gaps reported (hover any shape for details).</p>
${sections}
<section><h2>Faults</h2><table><tr><th>start</th><th>length</th><th>fault</th></tr>${faults}</table></section>
</body></html>
`
  writeFileSync(path, html)
}
