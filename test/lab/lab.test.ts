/**
 * The partition lab, for real: hosts in network namespaces, peer processes, faults, checkers.
 * Runs only where namespaces can be made (root, iproute2, nftables); says why otherwise.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { probeCapabilities, runLab, type LabResult } from '../../src/testkit/index.js'

const caps = await probeCapabilities()
const skip = caps.ok ? false : `partition lab needs network namespaces: ${caps.reason ?? 'unknown'}`
if (skip !== false) process.stdout.write(`# skipping the partition lab: ${skip}\n`)

function namespaces (prefix: string): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map(l => l.split(' ')[0] ?? '').filter(n => n.startsWith(prefix))
}

describe('partition lab: 3 hosts, 30 s of partitions, kills and pauses (channel + queue)', { skip, timeout: 150_000 }, () => {
  let r: LabResult
  let out: string
  const lines: string[] = []
  let failed = false

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'meshchan-lab-test-'))
    r = await runLab({
      hosts: 3,
      nemeses: ['partition-halves', 'isolate', 'kill', 'pause'],
      duration: 30_000,
      seed: 11,
      faultMs: [4000, 7000],
      quietMs: [2000, 3000],
      workloads: ['channel', 'queue'],
      out,
      drainTimeout: 25_000,
      log: line => { lines.push(line) }
    })
  }, { timeout: 150_000 })

  after(() => {
    // Keep the report of a failed run for inspection; remove a passing one.
    if (!failed && out !== undefined) rmSync(out, { recursive: true, force: true })
    else process.stdout.write(`# lab report kept in ${out}\n`)
  })

  const must = (fn: () => void): void => {
    try { fn() } catch (err) { failed = true; throw err }
  }

  it('played the schedule and cleaned up after itself', (t) => {
    t.diagnostic(lines.filter(l => /nemesis|check|drain/.test(l)).join('\n'))
    must(() => {
      assert.ok(r.windows.length >= 2, `only ${r.windows.length} faults ran`)
      assert.deepEqual(namespaces(`mcl-${process.pid}-`), [], 'namespaces left behind')
      assert.ok(existsSync(r.htmlPath) && existsSync(r.summaryPath))
      const html = readFileSync(r.htmlPath, 'utf8')
      assert.ok(html.includes('<svg') && !/<script[^>]+src=/.test(html), 'report is self-contained')
    })
  })

  it('channel: per-sender order, gaps only around faults, everything sent after the heal arrives', () => {
    const channel = r.workloads.find(w => w.name === 'channel')
    must(() => {
      assert.ok(channel?.ok, JSON.stringify(channel?.violations, null, 1))
      assert.ok(Number(channel.figures.postHealSent) > 0)
    })
  })

  it('queue: nothing lost or unexpected, no duplicated acks, no overlapping leases, no stale acks accepted', () => {
    const queue = r.workloads.find(w => w.name === 'queue')
    must(() => {
      assert.ok(queue !== undefined)
      for (const k of ['lost', 'unexpected', 'duplicatedAcks', 'overlappingLeases', 'staleAcksAccepted', 'redeliveredAfterAck']) {
        assert.equal(queue.figures[k], 0, `queue ${k}: ${JSON.stringify(queue.violations.find(v => v.kind === k))}`)
      }
      assert.ok(Number(queue.figures.enqueued) > 0, 'no put succeeded')
      assert.deepEqual(queue.violations.filter(v => v.kind !== 'unavailableAfterHeal'), [])
    })
  })

  // Known liveness bug found by the lab: a peer restarted after kill -9 and then partitioned may
  // not be able to put for a long time after the heal (ERR_TIMEOUT). Safety holds meanwhile.
  it('queue: every host can put again after the heal', () => {
    const queue = r.workloads.find(w => w.name === 'queue')
    assert.deepEqual(queue?.violations.filter(v => v.kind === 'unavailableAfterHeal'), [])
  })
})

describe('partition lab: interrupted', { skip }, () => {
  it('SIGINT during a run: the CLI removes its namespaces and exits 130', { timeout: 60_000 }, async () => {
    const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))
    const out = mkdtempSync(join(tmpdir(), 'meshchan-lab-int-'))
    const child = spawn(process.execPath, [cli, 'lab', '--hosts', '2', '--nemesis', 'isolate', '--duration', '60s', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    const connected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`lab never connected:\n${stderr}`)) }, 40_000)
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        if (stderr.includes('mesh fully connected') || stderr.includes('mesh not fully connected')) { clearTimeout(timer); resolve() }
      })
    })
    const exited = new Promise<number | null>(resolve => child.once('exit', code => { resolve(code) }))
    await connected
    assert.ok(namespaces(`mcl-${child.pid}-`).length >= 3, 'namespaces exist while running')
    child.kill('SIGINT')
    const code = await Promise.race([exited, new Promise<'hung'>(resolve => setTimeout(() => { resolve('hung') }, 20_000))])
    if (code === 'hung') child.kill('SIGKILL')
    assert.equal(code, 130, stderr)
    assert.deepEqual(namespaces(`mcl-${child.pid}-`), [], 'namespaces left behind after SIGINT')
    rmSync(out, { recursive: true, force: true })
  })
})
