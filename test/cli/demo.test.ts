// `meshchan demo` end to end: its own processes, its own checks, exit 0 with the summary line.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { runCli } from './helpers.js'

describe('meshchan demo', () => {
  it('runs channels then a queue with the owner SIGKILLed, verifies both and exits 0 with a summary', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--timeout', '80000'], { timeout: 90_000 })
    assert.equal(code, 0, `stdout:\n${stdout}\nstderr:\n${stderr}`)
    assert.match(stdout, /^demo ok: 10 peers, 5 messages, each delivered to 2 receivers, in order; 30 jobs acked exactly once by 2 workers across a SIGKILL of the owner \(queue-peer-\d → queue-peer-\d\) \(\d+\.\d s\)$/m)
    for (const reader of ['news-reader-1', 'news-reader-2']) {
      for (let i = 1; i <= 5; i++) assert.match(stdout, new RegExp(`^\\[${reader}\\] #${i} from news-desk: \\{"id":${i},`, 'm'))
    }
    assert.match(stdout, /^\[node-1\] joined news-reader-1 /m)

    // The queue section: the kill, acks after it, and each job acked once (the demo checked it;
    // the output must say so too).
    const killed = /^# killed (queue-peer-\d) \(the owner\) with SIGKILL after (\d+) acks$/m.exec(stdout)
    assert.ok(killed, stdout)
    assert.match(stdout, /^# next ack \d+ ms after the kill$/m)
    const acks = [...stdout.matchAll(/^\[worker-[12]\] acked (job-\d+)/gm)].map(m => m[1])
    assert.equal(acks.length, 30)
    assert.equal(new Set(acks).size, 30)
    assert.match(stdout, new RegExp(`^# new owner (?!${killed[1]})queue-peer-\\d \\(term \\d+\\); queue empty; tally: worker-1 \\d+, worker-2 \\d+; 30 distinct jobs, each acked once`, 'm'))
  })
})
