// `meshchan queues` with no names: every queue in the cluster, listed by a member over the control
// protocol (the client never joins), then each queue's owner asked for its depths.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { CliProcess, LOCAL, runCli } from './helpers.js'

describe('meshchan queues (no names): lists every queue', () => {
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

  it('an empty cluster lists nothing (exit 0); the table is its header only', async () => {
    const empty = await runCli(['queues', ...LOCAL, ...bootstrap])
    assert.equal(empty.code, 0, empty.stderr)
    assert.equal(empty.stdout, '')
    const table = await runCli(['queues', '--table', ...LOCAL, ...bootstrap])
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /^QUEUE\s+OWNER\s+READY\s+LEASED\s+DELAYED\s+DEAD\s+TERM\s+REPLICAS\n$/)
  })

  it('two queues created by put are both listed, sorted by name, with owner, replicas and depths', async () => {
    const a = await runCli(['put', 'list-b', '1', '2', '3', ...LOCAL, ...bootstrap])
    assert.equal(a.code, 0, a.stderr)
    const b = await runCli(['put', 'list-a', '"x"', ...LOCAL, ...bootstrap])
    assert.equal(b.code, 0, b.stderr)

    const list = await runCli(['queues', ...LOCAL, ...bootstrap])
    assert.equal(list.code, 0, list.stderr)
    const rows = list.stdout.trim().split('\n').map(l => JSON.parse(l) as Record<string, unknown>)
    assert.deepEqual(rows, [
      { queue: 'list-a', owner: nodeId, replicas: [nodeId], ready: 1, leased: 0, delayed: 0, dead: 0, term: rows[0]!.term },
      { queue: 'list-b', owner: nodeId, replicas: [nodeId], ready: 3, leased: 0, delayed: 0, dead: 0, term: rows[1]!.term }
    ])

    const table = await runCli(['queues', '--table', ...LOCAL, ...bootstrap])
    assert.equal(table.code, 0, table.stderr)
    const [, first, second] = table.stdout.trim().split('\n')
    assert.match(first!, new RegExp(`^list-a\\s+${nodeId}\\s+1\\s+0\\s+0\\s+0\\s+\\d+\\s+${nodeId}$`))
    assert.match(second!, new RegExp(`^list-b\\s+${nodeId}\\s+3\\s+0\\s+0\\s+0\\s+\\d+\\s+${nodeId}$`))

    // Listing did not create or change anything: naming queues still works as before.
    const named = await runCli(['queues', 'list-b', ...LOCAL, ...bootstrap])
    assert.equal(named.code, 0, named.stderr)
    assert.equal((JSON.parse(named.stdout) as { ready: number }).ready, 3)
  })

  it('--help shows the listing form', async () => {
    const r = await runCli(['queues', '--help'])
    assert.equal(r.code, 0)
    assert.match(r.stdout, /meshchan queues \[--table\]/)
    assert.match(r.stdout, /With no names, lists every queue in the cluster/)
  })
})
