import { readFile } from 'node:fs/promises'
import { fastNoise } from './noise.js'
import { batchedYamux } from './yamux.js'
import { bootstrap } from '@libp2p/bootstrap'
import { identify } from '@libp2p/identify'
import { prefixLogger } from '@libp2p/logger'
import { mdns } from '@libp2p/mdns'
import { ping } from '@libp2p/ping'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import type { Libp2pInit } from 'libp2p'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import type { Identify } from '@libp2p/identify'
import type { Ping } from '@libp2p/ping'
import type { GossipSub } from '@libp2p/gossipsub'
import { pubsubService } from './pubsub.js'
import type { ResolvedMeshOptions } from './options.js'
import { InvalidOptionError } from '../errors.js'


export interface MeshServices {
  identify: Identify
  ping: Ping
  pubsub: GossipSub
  [key: string]: unknown
}

export type MeshLibp2p = Libp2p<MeshServices>

/**
 * Assembles the libp2p node: TCP, Noise (always), Yamux, identify, ping, gossipsub, bootstrap and
 * mDNS discovery, an optional pre-shared key. Not started: the caller wires events first.
 */
export async function buildLibp2p (options: ResolvedMeshOptions, privateKey: PrivateKey): Promise<MeshLibp2p> {
  const peerDiscovery: NonNullable<Libp2pInit['peerDiscovery']> = []
  if (options.bootstrap.length > 0) {
    // Bootstrap waits `timeout` before announcing its list; nothing is gained by waiting a second.
    peerDiscovery.push(bootstrap({ list: options.bootstrap, timeout: 10 }))
  }
  if (options.mdns) peerDiscovery.push(mdns({ interval: 2000 }))

  let connectionProtector
  if (options.swarmKey !== undefined) {
    let psk: Uint8Array
    try {
      psk = await readFile(options.swarmKey)
    } catch (err) {
      throw new InvalidOptionError('swarmKey', `cannot read swarm key file ${options.swarmKey}: ${(err as Error).message}`)
    }
    connectionProtector = preSharedKey({ psk })
  }

  return createLibp2p<MeshServices>({
    privateKey,
    start: false,
    logger: prefixLogger(options.logger),
    addresses: { listen: options.listen },
    transports: [tcp()],
    connectionEncrypters: [fastNoise()],
    streamMuxers: [batchedYamux()],
    connectionProtector,
    connectionGater: {
      // Loopback and private addresses are where local clusters live; libp2p denies private dials by default in some setups.
      denyDialMultiaddr: () => false,
      ...options.connectionGater
    },
    connectionManager: {
      dialTimeout: options.dialTimeout,
      // Local clusters open many connections from one IP at once; the default (5/s per host) resets them.
      inboundConnectionThreshold: 100,
      allow: ['/ip4/127.0.0.0/ipcidr/8', '/ip6/::1/ipcidr/128']
    },
    connectionMonitor: {
      pingInterval: options.pingInterval,
      // A fixed timeout: the adaptive one shrinks to fit fast pings on an idle link, then aborts
      // healthy connections the moment a burst of traffic delays one ping.
      pingTimeout: { minTimeout: options.pingTimeout, maxTimeout: options.pingTimeout },
      abortConnectionOnPingFailure: true
    },
    peerDiscovery,
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: pubsubService()
    }
  })
}
