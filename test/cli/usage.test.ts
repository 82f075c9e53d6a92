// The CLI's contract with a user at a shell: help exits 0, anything mistyped exits 2 with one
// clear line on stderr naming the problem, and nothing starts a peer before arguments are checked.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { runCli } from './helpers.js'

const COMMANDS = ['node', 'send', 'recv', 'peers', 'demo']

/** Asserts a usage error: exit 2, nothing on stdout, one stderr line containing `message`. */
async function assertUsageError (args: string[], message: string | RegExp): Promise<void> {
  const { code, stdout, stderr } = await runCli(args, { timeout: 15_000 })
  assert.equal(code, 2, `meshchan ${args.join(' ')} → exit ${code}, stderr: ${stderr}`)
  assert.equal(stdout, '')
  const lines = stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`)
  if (typeof message === 'string') assert.ok(lines[0]!.includes(message), `"${lines[0]}" should mention "${message}"`)
  else assert.match(lines[0]!, message)
}

describe('meshchan usage', { concurrency: true }, () => {
  it('meshchan --help lists every command and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'])
    assert.equal(code, 0)
    for (const name of COMMANDS) assert.match(stdout, new RegExp(`^  ${name} `, 'm'))
  })

  for (const name of COMMANDS) {
    it(`meshchan ${name} --help shows usage, flags and an example, exits 0`, async () => {
      const { code, stdout, stderr } = await runCli([name, '--help'])
      assert.equal(code, 0, stderr)
      assert.match(stdout, new RegExp(`Usage:\\n  meshchan ${name}`))
      assert.match(stdout, /--help/)
      assert.match(stdout, new RegExp(`Examples:\\n  meshchan ${name}`))
      if (name !== 'demo') assert.match(stdout, /--bootstrap <addr>/)
    })
  }

  it('an unknown flag is named, exit 2', async () => {
    await assertUsageError(['recv', 'news', '--bogus'], 'meshchan recv: unknown flag --bogus')
  })

  it('an unknown command is named, exit 2', async () => {
    await assertUsageError(['frobnicate'], 'unknown command "frobnicate"')
  })

  it('a missing channel, exit 2', async () => {
    await assertUsageError(['recv'], 'missing <channel>')
    await assertUsageError(['send'], 'missing <channel>')
  })

  it('send without values, exit 2', async () => {
    await assertUsageError(['send', 'news'], 'nothing to send')
  })

  it('a value that is not JSON is quoted back, exit 2', async () => {
    await assertUsageError(['send', 'news', '{"ok":1}', '{oops'], /value 2 \("\{oops"\) is not valid JSON/)
  })

  it('a flag missing its value, exit 2', async () => {
    await assertUsageError(['recv', 'news', '--count'], 'flag --count needs a value')
  })

  it('a non-numeric or zero count, exit 2', async () => {
    await assertUsageError(['recv', 'news', '--count', 'many'], '--count expects a whole number, got "many"')
    await assertUsageError(['recv', 'news', '--count', '0'], '--count must be at least 1')
  })

  it('a bootstrap address without /p2p/ is refused before joining, exit 2', async () => {
    await assertUsageError(['recv', 'news', '--bootstrap', '/ip4/127.0.0.1/tcp/4001'], /bad --bootstrap: .*\/p2p\/<PeerId>/)
  })

  it('a channel name with whitespace, exit 2', async () => {
    await assertUsageError(['recv', 'two words'], 'bad channel name "two words"')
  })

  it('a JSON line on stdin that is not JSON fails send with its line number', async () => {
    const { code, stderr } = await runCli(['send', 'news', '-', '--no-wait', '--listen', '/ip4/127.0.0.1/tcp/0'], { input: '{"a":1}\nnope\n' })
    assert.equal(code, 2)
    assert.match(stderr, /stdin line 2 is not valid JSON/)
  })

  it('send gives up with a clear message when no receiver shows up, exit 1', async () => {
    const { code, stdout, stderr } = await runCli(['send', 'lonely', '1', '--timeout', '300', '--listen', '/ip4/127.0.0.1/tcp/0'])
    assert.equal(code, 1)
    assert.equal(stdout, '')
    assert.match(stderr, /only 0 of 1 receiver\(s\) of channel "lonely" showed up in time/)
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace')
  })
})
