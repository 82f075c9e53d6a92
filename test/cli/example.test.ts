// examples/broadcast/chat.js as a user runs it: two processes, lines typed into one appear in
// the other, in order, and both leave cleanly at end of input.
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { CHAT, CliProcess } from './helpers.js'

describe('examples/broadcast chat', () => {
  const children: CliProcess[] = []
  after(() => { for (const c of children) c.kill() })

  it('a line typed by bob is printed by alice, in order; Ctrl-D leaves with exit 0', async () => {
    const alice = new CliProcess(['--name', 'alice'], { script: CHAT, stdin: true })
    children.push(alice)
    const [, address] = await alice.line('stdout', /--bootstrap (\/ip4\/127\.0\.0\.1\/\S+)$/)
    const bob = new CliProcess(['--name', 'bob', '--bootstrap', address!], { script: CHAT, stdin: true })
    children.push(bob)
    await bob.line('stdout', /^\* someone joined/)

    // Bob is connected, but alice's subscription to the room reaches him a moment later, and a
    // chat line sent before that reaches no one (a channel is live, not a log). Say hello until
    // alice hears one, then check that what follows arrives complete and in order.
    const hello = setInterval(() => { bob.process.stdin!.write('hello?\n') }, 200)
    try {
      bob.process.stdin!.write('hello?\n')
      await alice.line('stdout', /^<bob> hello\?$/)
    } finally {
      clearInterval(hello)
    }
    bob.process.stdin!.write('one\ntwo\nthree\n')
    await alice.line('stdout', /^<bob> three$/)
    const said = alice.stdout.filter(l => l.startsWith('<bob> ') && l !== '<bob> hello?')
    assert.deepEqual(said, ['<bob> one', '<bob> two', '<bob> three'])

    bob.process.stdin!.end()
    assert.equal(await bob.exited, 0)
    assert.equal(bob.stdout.at(-1), 'bob left.')
    await alice.line('stdout', /^\* someone left/)
    alice.process.stdin!.end()
    assert.equal(await alice.exited, 0)
  })
})
