/**
 * `meshchan node`: runs a peer until SIGINT/SIGTERM. stdout gets one `listening <addr>` line per
 * address, then a `joined`/`left` line per peer event, each `<word> <value> …` so scripts can
 * pick them out; the first address line is the one to pass to `--bootstrap`.
 */
import type { Command } from '../command.js'
import { meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out, plural, timestamp } from '../output.js'

export const nodeCommand: Command = {
  spec: {
    name: 'node',
    summary: 'Run a meshchan peer that others can join through.',
    usage: ['node [--listen <addr>]… [--bootstrap <addr>]… [--identity <file>]'],
    description: [
      'Starts a peer and keeps it running until Ctrl-C (SIGINT) or SIGTERM, then stops it cleanly.',
      'stdout: one "listening <multiaddr>" line per address, then "joined <peerId> <time> (<n> peers)"',
      'and "left <peerId> <time> (<n> peers)" as meshchan peers come and go.',
      'Give one of the printed addresses to other commands with --bootstrap.'
    ].join('\n'),
    flags: {},
    meshFlags: true,
    examples: [
      'meshchan node --listen /ip4/127.0.0.1/tcp/4001 --identity ./node.key',
      'meshchan node --bootstrap /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW…'
    ]
  },

  async run ({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError('node', `unexpected argument "${positionals[0]}"`)
    // Loaded here, not at the top: libp2p takes a while to load, and --help or a typo must be instant.
    const { untilAborted, withMesh } = await import('../session.js')
    return await withMesh(this.spec.name, meshOptionsFromFlags(values), async ({ mesh, signal }) => {
      for (const address of mesh.addresses) out(`listening ${address}`)
      if (process.stderr.isTTY) info(`peer ${mesh.peerId} is running; stop it with Ctrl-C`)
      const onJoin = (peer: string): void => { out(`joined ${peer} ${timestamp()} (${plural(mesh.peers().length, 'peer')})`) }
      const onLeave = (peer: string): void => { out(`left ${peer} ${timestamp()} (${plural(mesh.peers().length, 'peer')})`) }
      mesh.on('peer:join', onJoin)
      mesh.on('peer:leave', onLeave)
      try {
        await untilAborted(signal)
      } finally {
        mesh.off('peer:join', onJoin)
        mesh.off('peer:leave', onLeave)
      }
      info('stopping')
      return EXIT.ok
    })
  }
}
