import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseDuration } from '../../src/cli/commands/lab.js'

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))
const run = (...args: string[]): { code: number | null, stdout: string, stderr: string } => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('meshchan lab (usage)', () => {
  it('parses durations', () => {
    assert.equal(parseDuration('60s'), 60_000)
    assert.equal(parseDuration('10m'), 600_000)
    assert.equal(parseDuration('1500ms'), 1500)
    assert.equal(parseDuration('45'), 45_000)
    assert.throws(() => parseDuration('1h'), /--duration/)
  })

  it('prints help, and rejects bad flags with exit code 2 before touching the network', () => {
    const help = run('lab', '--help')
    assert.equal(help.code, 0)
    assert.match(help.stdout, /--nemesis <list>/)
    assert.match(help.stdout, /partition-halves, isolate, majorities-ring/)
    for (const args of [['--nemesis', 'partition'], ['--duration', 'soon'], ['--hosts', 'five'], ['--workload', 'kafka'], ['extra']]) {
      const r = run('lab', ...args)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, /meshchan lab: /)
    }
  })
})
