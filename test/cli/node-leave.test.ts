// `meshchan node --leave`: a member that leaves the queue cluster for good on SIGTERM hands its
// queue replicas over first, so the remaining node keeps serving the queue at once (not after
// replaceAfter). The queue commands that look at it are clients: they never become members.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { CliProcess, LOCAL, runCli } from './helpers.js'

interface Row { queue: string, owner: string, replicas: string[], ready: number }

describe('meshchan node --leave', () => {
  let first: CliProcess
  let second: CliProcess
  let bootstrap: string[]
  let firstId: string
  let secondId: string

  before(async () => {
    first = new CliProcess(['node', ...LOCAL])
    const [, address] = await first.line('stdout', /^listening (\S+)$/)
    bootstrap = ['--bootstrap', address!]
    firstId = address!.split('/p2p/')[1]!
    second = new CliProcess(['node', ...LOCAL, ...bootstrap, '--leave', '--leave-timeout', '20000'])
    const [, other] = await second.line('stdout', /^listening (\S+)$/)
    secondId = other!.split('/p2p/')[1]!
  })
  after(() => {
    first.kill()
    second.kill()
  })

  const row = async (queue: string): Promise<Row> => {
    const r = await runCli(['queues', queue, ...LOCAL, ...bootstrap])
    assert.equal(r.code, 0, r.stderr)
    return JSON.parse(r.stdout) as Row
  }

  it('on SIGTERM the second node hands its replica over and exits 0; the first keeps the queue with its messages', async () => {
    const put = await runCli(['put', 'leave-q', '1', '2', '--replicas', '2', ...LOCAL, ...bootstrap])
    assert.equal(put.code, 0, put.stderr)
    // The cluster grows the queue onto the second node (each check is a client process: no sleep needed).
    const deadline = Date.now() + 30_000
    let current = await row('leave-q')
    while (current.replicas.length < 2 && Date.now() < deadline) current = await row('leave-q')
    assert.deepEqual(current.replicas, [firstId, secondId].sort())

    second.process.kill('SIGTERM')
    assert.equal(await second.exited, 0, second.stderr.join('\n'))
    assert.ok(second.stdout.includes(`left-cluster ${secondId}`), second.stdout.join('\n'))
    assert.ok(second.stderr.some(l => /^left the cluster \(queues handed over: leave-q\)$/.test(l)), second.stderr.join('\n'))

    const after = await row('leave-q')
    assert.deepEqual(after.replicas, [firstId])
    assert.equal(after.owner, firstId)
    assert.equal(after.ready, 2)
    const again = await runCli(['put', 'leave-q', '3', ...LOCAL, ...bootstrap])
    assert.equal(again.code, 0, again.stderr)
    const take = await runCli(['take', 'leave-q', '--count', '3', ...LOCAL, ...bootstrap])
    assert.equal(take.code, 0, take.stderr)
    assert.deepEqual(take.stdout.trim().split('\n').map(l => JSON.parse(l) as unknown), [1, 2, 3])
  })

  it('--leave-timeout without --leave is a usage error', async () => {
    const r = await runCli(['node', '--leave-timeout', '5', ...LOCAL])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /--leave-timeout needs --leave/)
  })
})
