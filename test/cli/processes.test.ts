// The real CLI across OS processes on 127.0.0.1: `meshchan node`, two `meshchan recv` and one
// `meshchan send`, each its own process, joined through the node's printed address.
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { CliProcess, LOCAL, runCli } from './helpers.js'

describe('meshchan across processes', () => {
  const children: CliProcess[] = []
  const start = (args: string[]): CliProcess => {
    const child = new CliProcess(args)
    children.push(child)
    return child
  }
  after(() => { for (const c of children) c.kill() })

  it('recv prints exactly the JSON values send sent, in order; node logs joins and stops cleanly on SIGTERM', async () => {
    const node = start(['node', ...LOCAL])
    const [, nodeAddress, nodeId] = await node.line('stdout', /^listening (\S+\/p2p\/(\S+))$/)

    const values = [{ n: 1, text: 'héllo' }, [1, 2, 3], 'three', 4.5, null, true, { nested: { deep: ['x'] } }]
    const receivers = [1, 2].map(() => start(['recv', 'cli-test', '--count', String(values.length), ...LOCAL, '--bootstrap', nodeAddress!]))
    const addresses: string[] = []
    for (const r of receivers) {
      addresses.push((await r.line('stderr', /^listening (\S+)$/))[1]!)
      await r.line('stderr', /^receiving on cli-test as /)
    }

    // The node is not a receiver and gossipsub forwards only through subscribers, so the sender
    // also dials the receivers directly; --receivers 2 makes it wait until both are subscribed.
    const bootstrap = [nodeAddress!, ...addresses].flatMap(a => ['--bootstrap', a])
    const sent = await runCli(['send', 'cli-test', ...values.map(v => JSON.stringify(v)), '--receivers', '2', '--timeout', '20000', ...LOCAL, ...bootstrap])
    assert.equal(sent.code, 0, sent.stderr)
    assert.deepEqual(sent.stdout.trimEnd().split('\n').map(l => /^sent (\d+) to (\d+) peers: /.exec(l)?.slice(1)), values.map((_, i) => [String(i + 1), '2']))

    for (const r of receivers) {
      assert.equal(await r.exited, 0, r.stderr.join('\n'))
      assert.deepEqual(r.stdout.map(line => JSON.parse(line)), values, 'stdout carries only the values, in order')
    }

    await node.line('stdout', /^joined \S+ \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+ peers?\)$/)
    assert.ok(nodeId !== undefined && node.stdout.filter(l => l.startsWith('joined ')).length >= 3, node.stdout.join('\n'))
    node.process.kill('SIGTERM')
    assert.equal(await node.exited, 0)
  })

  it('recv --meta prints {from, seq, value} and peers lists the node', async () => {
    const node = start(['node', ...LOCAL])
    const [, nodeAddress, nodeId] = await node.line('stdout', /^listening (\S+\/p2p\/(\S+))$/)
    const peers = await runCli(['peers', '--wait', '10000', ...LOCAL, '--bootstrap', nodeAddress!])
    assert.equal(peers.code, 0, peers.stderr)
    assert.deepEqual(peers.stdout.trimEnd().split('\n'), [nodeId])

    const recv = start(['recv', 'meta-test', '--count', '2', '--meta', ...LOCAL, '--bootstrap', nodeAddress!])
    const recvAddress = (await recv.line('stderr', /^listening (\S+)$/))[1]!
    await recv.line('stderr', /^receiving on /)
    const sent = await runCli(['send', 'meta-test', '-', '--json', ...LOCAL, '--bootstrap', recvAddress], { input: '"a"\n\n{"b":2}\n' })
    assert.equal(sent.code, 0, sent.stderr)
    assert.deepEqual(JSON.parse(sent.stdout), { channel: 'meta-test', sent: 2, peers: [1, 1] })
    assert.equal(await recv.exited, 0)
    const got = recv.stdout.map(l => JSON.parse(l))
    assert.deepEqual(got.map(m => m.value), ['a', { b: 2 }])
    assert.equal(got[0].from, got[1].from)
    assert.ok(got[1].seq > got[0].seq)
    node.process.kill('SIGINT')
    assert.equal(await node.exited, 0)
  })
})
