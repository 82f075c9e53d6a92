// meshchan put / take / queues as a user runs them: separate processes against a `meshchan node`.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { CliProcess, LOCAL, runCli } from './helpers.js'

describe('meshchan put / take / queues', () => {
  let node: CliProcess
  let bootstrap: string[]
  let nodeId: string

  before(async () => {
    node = new CliProcess(['node', ...LOCAL])
    const [, address] = await node.line('stdout', /^listening (\S+)$/)
    bootstrap = ['--bootstrap', address!]
    nodeId = address!.split('/p2p/')[1]!
  })
  after(() => { node.kill() })

  it('put stores values (dedup by --id), queues shows owner and depth, take gets them in order', async () => {
    const values = [{ n: 1 }, 'two', [3], null, { nested: { n: 5 } }]
    const put = await runCli(['put', 'cli-jobs', ...values.map(v => JSON.stringify(v)), ...values.flatMap((_, i) => ['--id', `m-${i + 1}`]), ...LOCAL, ...bootstrap])
    assert.equal(put.code, 0, put.stderr)
    const stored = put.stdout.trim().split('\n').map(l => JSON.parse(l) as { id: string, seq: number, duplicate: boolean })
    assert.deepEqual(stored.map(s => [s.id, s.duplicate]), values.map((_, i) => [`m-${i + 1}`, false]))
    assert.deepEqual(stored.map(s => s.seq), [1, 2, 3, 4, 5])

    const again = await runCli(['put', 'cli-jobs', '{"n":1}', '--id', 'm-1', ...LOCAL, ...bootstrap])
    assert.equal(again.code, 0, again.stderr)
    assert.deepEqual(JSON.parse(again.stdout), { id: 'm-1', seq: 1, duplicate: true })

    const queues = await runCli(['queues', 'cli-jobs', 'no-such-queue', ...LOCAL, ...bootstrap])
    assert.equal(queues.code, 1, queues.stderr) // the missing queue is an error row
    const [row, missing] = queues.stdout.trim().split('\n').map(l => JSON.parse(l) as Record<string, unknown>)
    assert.deepEqual(row, { queue: 'cli-jobs', owner: nodeId, replicas: [nodeId], ready: 5, leased: 0, delayed: 0, dead: 0, term: row!.term })
    assert.equal(missing!.error, 'no such queue')

    const take = await runCli(['take', 'cli-jobs', '--count', String(values.length), ...LOCAL, ...bootstrap])
    assert.equal(take.code, 0, take.stderr)
    assert.deepEqual(take.stdout.trim().split('\n').map(l => JSON.parse(l) as unknown), values)

    const table = await runCli(['queues', 'cli-jobs', '--table', ...LOCAL, ...bootstrap])
    assert.equal(table.code, 0, table.stderr)
    const [header, line] = table.stdout.trim().split('\n')
    assert.match(header!, /^QUEUE\s+OWNER\s+READY\s+LEASED\s+DELAYED\s+DEAD\s+TERM\s+REPLICAS$/)
    assert.match(line!, new RegExp(`^cli-jobs\\s+${nodeId}\\s+0\\s+0\\s+0\\s+0\\s+\\d+\\s+${nodeId}$`))
  })

  it('take --timeout on an empty queue exits 1; --no-ack leaves the message for the next take', async () => {
    const empty = await runCli(['take', 'cli-empty', '--timeout', '1500', ...LOCAL, ...bootstrap])
    assert.equal(empty.code, 1)
    assert.match(empty.stderr, /timed out after 1500 ms with 0 messages of 1/)

    assert.equal((await runCli(['put', 'cli-noack', '"keep"', ...LOCAL, ...bootstrap])).code, 0)
    const peek = await runCli(['take', 'cli-noack', '--no-ack', '--meta', ...LOCAL, ...bootstrap])
    assert.equal(peek.code, 0, peek.stderr)
    assert.deepEqual({ ...JSON.parse(peek.stdout) as object, id: undefined }, { id: undefined, attempt: 1, value: 'keep' })
  })

  it('the same cluster still works after many short-lived clients (they never become members)', async () => {
    const put = await runCli(['put', 'cli-after', '1', ...LOCAL, ...bootstrap])
    assert.equal(put.code, 0, put.stderr)
    const take = await runCli(['take', 'cli-after', ...LOCAL, ...bootstrap])
    assert.equal(take.code, 0, take.stderr)
    assert.equal(take.stdout, '1\n')
  })
})

describe('queue command usage errors exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['put with no value', ['put', 'jobs', '--bootstrap', '/ip4/127.0.0.1/tcp/1/p2p/x'], /nothing to put/],
    ['put invalid JSON', ['put', 'jobs', '{nope'], /value 1 .* is not valid JSON/],
    ['put bad queue name', ['put', 'no spaces', '1'], /invalid queue name/],
    ['put --id count mismatch', ['put', 'jobs', '1', '2', '--id', 'a'], /1 --id for 2 values/],
    ['put without --bootstrap', ['put', 'jobs', '1'], /nothing to join: give --bootstrap/],
    ['take --count 0', ['take', 'jobs', '--count', '0'], /--count must be at least 1/],
    ['take --count with --follow', ['take', 'jobs', '--count', '2', '--follow'], /exclude each other/],
    ['take two queues', ['take', 'a', 'b'], /unexpected argument "b"/],
    ['take unknown flag', ['take', 'jobs', '--nope'], /unknown flag --nope/],
    ['queues (list) without --bootstrap', ['queues'], /nothing to join: give --bootstrap/],
    ['queues --wait abc', ['queues', 'jobs', '--wait', 'abc'], /--wait expects a whole number/]
  ]
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await runCli(args)
      assert.equal(r.code, 2, r.stderr)
      assert.match(r.stderr, message)
      assert.equal(r.stdout, '')
    })
  }

  it('--help prints usage and exits 0', async () => {
    for (const command of ['put', 'take', 'queues']) {
      const r = await runCli([command, '--help'])
      assert.equal(r.code, 0)
      assert.match(r.stdout, new RegExp(`meshchan ${command} <queue>`))
    }
  })
})
