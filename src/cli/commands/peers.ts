/**
 * `meshchan peers`: joins the mesh, waits (bounded) for peers to join, prints their PeerIds, leaves.
 */
import { TimeoutError } from '../../errors.js'
import type { Command } from '../command.js'
import { intFlag, meshOptionsFromFlags, UsageError } from '../flags.js'
import { EXIT, info, out } from '../output.js'

export const peersCommand: Command = {
  spec: {
    name: 'peers',
    summary: 'Join the mesh and list the meshchan peers this peer connects to.',
    usage: ['peers --bootstrap <addr> [--wait <ms>]', 'peers --mdns [--wait <ms>]'],
    description: [
      'Joins through --bootstrap and/or --mdns, waits until every bootstrap peer has joined (or, with',
      'only --mdns, until --wait elapses), then prints one PeerId per line on stdout and exits.',
      'Exits 1 if no peer joined within --wait.'
    ].join('\n'),
    flags: {
      wait: { type: 'string', arg: '<ms>', description: 'how long to wait for peers (default 5000)' }
    },
    meshFlags: true,
    examples: ['meshchan peers --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW… --wait 2000']
  },

  async run ({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError('peers', `unexpected argument "${positionals[0]}"`)
    const wait = intFlag(this.spec, values, 'wait', 5000, 1)
    const options = meshOptionsFromFlags(values)
    if (options.bootstrap === undefined && options.mdns !== true) {
      throw new UsageError('peers', 'nothing to join: give --bootstrap <addr> or --mdns')
    }
    // Bootstrap peers are known in advance: stop waiting once all of them are in.
    const expected = new Set((options.bootstrap ?? []).map(a => a.split('/p2p/').pop()))
    // Loaded here, not at the top: libp2p takes a while to load, and --help or a typo must be instant.
    const { withMesh } = await import('../session.js')
    return await withMesh(this.spec.name, options, async ({ mesh, signal }) => {
      const deadline = AbortSignal.any([signal, AbortSignal.timeout(wait)])
      try {
        if (expected.size > 0) {
          await mesh.waitForPeers(expected.size, { signal: deadline })
        } else {
          await new Promise<void>(resolve => { deadline.addEventListener('abort', () => { resolve() }, { once: true }) })
        }
      } catch (err) {
        if (!(err instanceof TimeoutError)) throw err
      }
      if (signal.aborted) return EXIT.interrupted
      const peers = mesh.peers()
      if (peers.length === 0) {
        info(`meshchan: no peer joined within ${wait} ms`)
        return EXIT.failed
      }
      for (const peer of peers) out(peer)
      return EXIT.ok
    })
  }
}
