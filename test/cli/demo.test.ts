// `meshchan demo` end to end: its own processes, its own checks, exit 0 with the summary line.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { runCli } from './helpers.js'

describe('meshchan demo', () => {
  it('runs a 4-process mesh, verifies delivery and exits 0 with a summary', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--timeout', '40000'], { timeout: 50_000 })
    assert.equal(code, 0, `stdout:\n${stdout}\nstderr:\n${stderr}`)
    assert.match(stdout, /^demo ok: 4 peers, 5 messages, each delivered to 2 receivers, in order \(\d+\.\d s\)$/m)
    for (const reader of ['news-reader-1', 'news-reader-2']) {
      for (let i = 1; i <= 5; i++) assert.match(stdout, new RegExp(`^\\[${reader}\\] #${i} from news-desk: \\{"id":${i},`, 'm'))
    }
    assert.match(stdout, /^\[node-1\] joined news-reader-1 /m)
  })
})
