import type { ConnectionGater, PeerId } from '@libp2p/interface'

/**
 * Which side of a partition each peer is on, shared by every peer of a test cluster. Two peers may
 * talk only when the table is empty or both are on the same side.
 */
export class PartitionTable {
  private readonly side = new Map<string, number>()
  private rest: number | undefined

  /** Splits peers into the given groups; peers named in no group form one more group together. */
  set (groups: string[][]): void {
    this.side.clear()
    groups.forEach((group, i) => { for (const peer of group) this.side.set(peer, i) })
    this.rest = groups.length
  }

  clear (): void {
    this.side.clear()
    this.rest = undefined
  }

  get active (): boolean {
    return this.rest !== undefined
  }

  /** True when `a` and `b` are on different sides. */
  cut (a: string, b: string): boolean {
    if (this.rest === undefined) return false
    return (this.side.get(a) ?? this.rest) !== (this.side.get(b) ?? this.rest)
  }

  /**
   * A libp2p connection gater for the peer `self`. The remote PeerId is known only after Noise,
   * so both encrypted-connection hooks are gated, as well as dials by PeerId.
   */
  gaterFor (self: string): ConnectionGater {
    const deny = (peer: PeerId): boolean => this.cut(self, peer.toString())
    return {
      denyDialPeer: deny,
      denyInboundEncryptedConnection: deny,
      denyOutboundEncryptedConnection: deny,
      denyInboundUpgradedConnection: deny,
      denyOutboundUpgradedConnection: deny
    }
  }
}
