/**
 * `meshchan node`: runs a peer (a queue cluster member) until SIGINT/SIGTERM. stdout gets one
 * `listening <addr>` line per address, then a `joined`/`left` line per peer event, each
 * `<word> <value> …` so scripts can pick them out; the first address line is the one to pass to
 * `--bootstrap`. With `--leave` the peer leaves the cluster for good on the signal (`mesh.leave()`).
 */
import type { Command } from '../command.js'
import { intFlag, meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out, plural, timestamp } from '../output.js'

export const nodeCommand: Command = {
  spec: {
    name: 'node',
    summary: 'Run a meshchan peer that others can join through.',
    usage: ['node [--listen <addr>]… [--bootstrap <addr>]… [--identity <file>] [--leave [--leave-timeout <ms>]]'],
    description: [
      'Starts a peer and keeps it running until Ctrl-C (SIGINT) or SIGTERM, then stops it cleanly.',
      'stdout: one "listening <multiaddr>" line per address, then "joined <peerId> <time> (<n> peers)"',
      'and "left <peerId> <time> (<n> peers)" as meshchan peers come and go.',
      'Give one of the printed addresses to other commands with --bootstrap.',
      '',
      'The peer is a member of the queue cluster: it may hold queue replicas and vote in the control',
      'group. Stopped, the cluster keeps its place for 30 s in case it comes back. With --leave, the',
      'signal makes it leave the cluster for good first: its queue replicas are handed to other',
      'members and it leaves the control group (bounded by --leave-timeout; a second Ctrl-C exits at',
      'once). Exit 0 once left (stdout: "left-cluster <peerId>"), 1 if the leave could not complete',
      '(the reason on stderr; the peer stops anyway).'
    ].join('\n'),
    flags: {
      leave: { type: 'boolean', description: 'on Ctrl-C/SIGTERM, leave the queue cluster for good (hand queue replicas over) before exiting' },
      'leave-timeout': { type: 'string', arg: '<ms>', description: 'how long --leave may take (default 30000)' }
    },
    meshFlags: true,
    examples: [
      'meshchan node --listen /ip4/127.0.0.1/tcp/4001 --identity ./node.key',
      'meshchan node --bootstrap /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW…'
    ]
  },

  async run ({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError('node', `unexpected argument "${positionals[0]}"`)
    const leave = values.leave === true
    if (!leave && values['leave-timeout'] !== undefined) throw new UsageError('node', '--leave-timeout needs --leave')
    const leaveTimeout = intFlag(this.spec, values, 'leave-timeout', 30_000, 1)
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
      if (!leave) {
        info('stopping')
        return EXIT.ok
      }
      info('leaving the cluster (Ctrl-C again to exit at once)')
      const report = await mesh.leave({ timeout: leaveTimeout })
      if (!report.complete) {
        info(`meshchan: leave incomplete: ${report.reason}${report.pending.length > 0 ? ` (queues: ${report.pending.join(', ')})` : ''}; stopped anyway`)
        return EXIT.failed
      }
      info(`left the cluster (queues handed over: ${report.handedOver.join(', ') || 'none'})`)
      out(`left-cluster ${mesh.peerId}`)
      return EXIT.ok
    })
  }
}
