import { lpStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { Connection, Stream } from '@libp2p/interface'
import type { MeshLibp2p } from './libp2p.js'
import { PeerList } from './peer-exchange.js'

/** Bounds on what one peer list may carry; a larger or malformed list is dropped, never trusted. */
const MAX_PEERS = 256
const MAX_ADDRS = 16
const MAX_FRAME = 64 * 1024
const EXCHANGE_TIMEOUT_MS = 5000

/**
 * Peer exchange on the mesh protocol. libp2p 3 has no peer exchange of its own, and gossipsub only
 * forwards a topic through peers subscribed to it: a star of peers around a bootstrap node that is
 * not itself a receiver would never deliver. So a peer that joins asks the peer it joined which
 * other meshchan peers it knows, and dials them.
 */
export class PeerExchange {
  /** Peer lists received that were malformed or too large (counted, then ignored). */
  rejected = 0

  constructor (private readonly libp2p: MeshLibp2p, private readonly joined: () => string[], private readonly dial: (peerId: string) => void) {}

  /** Serves our list of meshchan peers (minus the asker) and closes the stream. */
  readonly serve = async (stream: Stream, connection: Connection): Promise<void> => {
    const asker = connection.remotePeer.toString()
    const peers = []
    for (const id of this.joined()) {
      if (id === asker || peers.length >= MAX_PEERS) continue
      const addrs = await this.addressesOf(id)
      if (addrs.length > 0) peers.push({ id, addrs: addrs.slice(0, MAX_ADDRS) })
    }
    try {
      const lp = lpStream(stream, { maxDataLength: MAX_FRAME })
      await lp.write(PeerList.encode({ peers }), { signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) })
      await stream.close()
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  /** Asks `peerId` for its peers and dials the ones we aren't connected to. Best effort. */
  async exchange (peerId: string): Promise<void> {
    const signal = AbortSignal.timeout(EXCHANGE_TIMEOUT_MS)
    let list: PeerList
    const stream = await this.libp2p.dialProtocol(peerIdFromString(peerId), MESH_PROTOCOL_ID, { signal })
    try {
      const lp = lpStream(stream, { maxDataLength: MAX_FRAME })
      list = PeerList.decode((await lp.read({ signal })).subarray(), { limits: { peers: MAX_PEERS } })
      await stream.close()
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
      this.rejected++
      return
    }
    const self = this.libp2p.peerId.toString()
    for (const record of list.peers) {
      if (record.id === self) continue
      try {
        // A hostile or buggy peer may send an id or address that doesn't parse: count it, go on.
        const id = peerIdFromString(record.id)
        if (this.libp2p.getConnections(id).length > 0) continue
        const addrs = record.addrs.slice(0, MAX_ADDRS).map(a => multiaddr(a))
        await this.libp2p.peerStore.merge(id, { multiaddrs: addrs })
      } catch {
        this.rejected++
        continue
      }
      this.dial(record.id)
    }
  }

  private async addressesOf (id: string): Promise<string[]> {
    try {
      const peer = await this.libp2p.peerStore.get(peerIdFromString(id))
      return peer.addresses.map(a => a.multiaddr.toString())
    } catch {
      return []
    }
  }
}

/** Same value as `MESH_PROTOCOL` in mesh.ts (kept here to avoid an import cycle). */
export const MESH_PROTOCOL_ID = '/meshchan/mesh/1.0.0'
