#!/usr/bin/env node
/**
 * The `meshchan` command line: picks the command, parses its flags, runs it, exits with its code.
 * Each command lives in ./commands/<name>.ts.
 */
import { readFileSync } from 'node:fs'
import type { Command } from './command.js'
import { demoCommand } from './commands/demo.js'
import { labCommand } from './commands/lab.js'
import { nodeCommand } from './commands/node.js'
import { peersCommand } from './commands/peers.js'
import { putCommand } from './commands/put.js'
import { queuesCommand } from './commands/queues.js'
import { recvCommand } from './commands/recv.js'
import { sendCommand } from './commands/send.js'
import { takeCommand } from './commands/take.js'
import { parseCommandArgs, renderHelp, UsageError } from './flags.js'
import { EXIT, reportError } from './output.js'

const COMMANDS: Command[] = [nodeCommand, sendCommand, recvCommand, putCommand, takeCommand, queuesCommand, peersCommand, demoCommand, labCommand]

function overview (): string {
  const width = Math.max(...COMMANDS.map(c => c.spec.name.length)) + 2
  return [
    'meshchan: Go-style channels across Node processes, peer to peer over libp2p, no broker.',
    '',
    'Usage:',
    '  meshchan <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(c => `  ${c.spec.name.padEnd(width)}${c.spec.summary}`),
    '',
    'Run "meshchan <command> --help" for a command\'s options.',
    '',
    'Try it:',
    '  meshchan demo                                   # a local mesh of processes, no setup',
    '  meshchan recv news --listen /ip4/127.0.0.1/tcp/4001   # prints its address on stderr',
    '  meshchan send news \'{"headline":"hi"}\' --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/<id>',
    ''
  ].join('\n')
}

function version (): string {
  // dist/src/cli/main.js → package.json at the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

async function main (argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find(c => c.spec.name === rest[0]) : undefined
    if (name === undefined) { // a bare `meshchan` is a usage error: help on stderr, exit 2
      process.stderr.write(overview())
      return EXIT.usage
    }
    process.stdout.write(topic !== undefined ? renderHelp(topic.spec) : overview())
    return EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(version() + '\n')
    return EXIT.ok
  }
  const command = COMMANDS.find(c => c.spec.name === name)
  if (command === undefined) {
    throw new UsageError('', `unknown command "${name}" (commands: ${COMMANDS.map(c => c.spec.name).join(', ')})`)
  }
  const args = parseCommandArgs(command.spec, rest)
  if (args.values.help === true) {
    process.stdout.write(renderHelp(command.spec))
    return EXIT.ok
  }
  return await command.run(args)
}

main(process.argv.slice(2)).then(
  code => { process.exitCode = code },
  err => { process.exitCode = reportError(err) }
).finally(() => {
  // Everything is stopped by now; if a stray handle keeps the loop alive, don't hang the shell.
  setTimeout(() => { process.exit() }, 1000).unref()
})
