import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { createMesh, type Mesh } from '../node/mesh.js'
import type { MeshOptions } from '../node/options.js'
import { loadOrCreateIdentity } from '../node/identity.js'
import { InvalidOptionError, MeshchanError, TimeoutError } from '../errors.js'
import { PartitionTable } from './partition-table.js'

/** A peer of a test cluster: its index, its mesh, or its PeerId string. */
export type PeerRef = number | string | Mesh

export interface TestClusterOptions {
  /** Number of peers, 1–64. */
  size: number
  /** Extra options for every peer's mesh (not `listen`, `identity`, `dataDir` or `connectionGater`, which the cluster sets). */
  mesh?: Omit<MeshOptions, 'listen' | 'identity' | 'dataDir' | 'connectionGater' | 'bootstrap'>
  /** How long start-up, heal and restart may take to converge, in ms. Default 20 000. */
  timeout?: number
}

interface Member {
  id: string
  identity: string
  dataDir: string
  mesh: Mesh | undefined
}

/**
 * N meshchan peers in this process on loopback TCP, fully connected, that a test can partition,
 * heal, stop and restart. Partitions are real: a connection gater refuses cross-side connections
 * (and libp2p's own re-dials) and live cross-side connections are closed.
 */
export class TestCluster {
  private readonly table = new PartitionTable()
  private readonly members: Member[]
  private readonly timeout: number

  /** @internal use {@link createTestCluster} */
  constructor (private readonly root: string, members: Member[], private readonly meshOptions: TestClusterOptions['mesh'], timeout: number) {
    this.members = members
    this.timeout = timeout
  }

  /** Running meshes, in index order (stopped peers are left out). */
  get meshes (): Mesh[] {
    return this.members.flatMap(m => m.mesh === undefined ? [] : [m.mesh])
  }

  /** PeerIds of all peers, running or stopped, in index order. */
  get peerIds (): string[] {
    return this.members.map(m => m.id)
  }

  /** The running mesh of a peer; throws if it is stopped. */
  mesh (ref: PeerRef): Mesh {
    const member = this.member(ref)
    if (member.mesh === undefined) throw new MeshchanError('ERR_PEER_STOPPED', `peer ${member.id} is stopped`)
    return member.mesh
  }

  /** The data directory reserved for a peer (kept across restarts). */
  dataDir (ref: PeerRef): string {
    return this.member(ref).dataDir
  }

  /**
   * Cuts the cluster into groups that can't reach each other; peers named in no group form one
   * more group. Resolves once every cross-group connection is closed on both ends.
   */
  async partition (...groups: PeerRef[][]): Promise<void> {
    this.table.set(groups.map(g => g.map(ref => this.member(ref).id)))
    await this.enforce()
  }

  /** Cuts one peer off from all others. */
  async isolate (ref: PeerRef): Promise<void> {
    await this.partition([ref])
  }

  /** Removes every partition, re-dials, and resolves once every running peer sees every other. */
  async heal (): Promise<void> {
    this.table.clear()
    await this.connectAll()
  }

  /** Stops one peer (its identity and data directory are kept for {@link restart}). */
  async stop (ref: PeerRef): Promise<void> {
    const member = this.member(ref)
    const mesh = member.mesh
    if (mesh === undefined) return
    member.mesh = undefined
    await mesh.stop()
    await this.until(() => this.meshes.every(m => !m.peers().includes(member.id)), `peers to notice ${member.id} left`)
  }

  /** Starts a stopped peer again with the same identity (same PeerId) and data directory, and reconnects it. */
  async restart (ref: PeerRef): Promise<Mesh> {
    const member = this.member(ref)
    if (member.mesh !== undefined) await this.stop(ref)
    member.mesh = await this.startMember(member)
    await this.connectAll()
    return member.mesh
  }

  /** Stops every peer and deletes the cluster's temporary files. */
  async stopAll (): Promise<void> {
    const meshes = this.meshes
    for (const m of this.members) m.mesh = undefined
    await Promise.all(meshes.map(async m => { await m.stop() }))
    await rm(this.root, { recursive: true, force: true })
  }

  /** @internal */
  async startMember (member: Member): Promise<Mesh> {
    return createMesh({
      ...this.meshOptions,
      // Every peer of the cluster founds one control group together (not N clusters of one).
      cluster: this.meshOptions?.cluster ?? { seeds: this.peerIds },
      listen: ['/ip4/127.0.0.1/tcp/0'],
      identity: member.identity,
      dataDir: member.dataDir,
      connectionGater: this.table.gaterFor(member.id)
    })
  }

  /** @internal dials every allowed pair that isn't connected and waits until all see each other. */
  async connectAll (): Promise<void> {
    const meshes = this.meshes
    const dials: Array<Promise<void>> = []
    for (let i = 0; i < meshes.length; i++) {
      for (let j = i + 1; j < meshes.length; j++) {
        const a = meshes[i]
        const b = meshes[j]
        if (this.table.cut(a.peerId, b.peerId) || a.peers().includes(b.peerId)) continue
        dials.push(a.dial(b.addresses[0]).catch(() => {
          // A racing dial from the other side or libp2p's reconnect may win; convergence is checked below.
        }))
      }
    }
    await Promise.all(dials)
    await this.until(() => meshes.every(a => meshes.every(b => a === b || this.table.cut(a.peerId, b.peerId) || a.peers().includes(b.peerId))),
      'every peer to see every reachable peer')
  }

  private async enforce (): Promise<void> {
    const meshes = this.meshes
    await Promise.all(meshes.flatMap(a => a.libp2p.getConnections()
      .filter(c => this.table.cut(a.peerId, c.remotePeer.toString()))
      .map(async c => { await c.close().catch(() => { c.abort(new Error('partitioned')) }) })))
    await this.until(() => meshes.every(a => a.peers().every(p => !this.table.cut(a.peerId, p)) &&
      a.libp2p.getConnections().every(c => !this.table.cut(a.peerId, c.remotePeer.toString()))),
    'cross-partition connections to close')
  }

  /** Waits until `condition` holds, re-checked on every peer and connection event of any peer (no polling). */
  private async until (condition: () => boolean, what: string): Promise<void> {
    if (condition()) return
    const meshes = this.meshes
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    const check = (): void => { if (condition()) resolve() }
    const timer = setTimeout(() => { reject(new TimeoutError(`test cluster: timed out after ${this.timeout} ms waiting for ${what}`)) }, this.timeout)
    for (const m of meshes) {
      m.on('peer:join', check)
      m.on('peer:leave', check)
      m.libp2p.addEventListener('connection:open', check)
      m.libp2p.addEventListener('connection:close', check)
    }
    try {
      check()
      await promise
    } finally {
      clearTimeout(timer)
      for (const m of meshes) {
        m.off('peer:join', check)
        m.off('peer:leave', check)
        m.libp2p.removeEventListener('connection:open', check)
        m.libp2p.removeEventListener('connection:close', check)
      }
    }
  }

  private member (ref: PeerRef): Member {
    if (typeof ref === 'number') {
      const member = this.members[ref]
      if (member === undefined) throw new InvalidOptionError('peer', `no peer at index ${ref} (cluster of ${this.members.length})`)
      return member
    }
    const id = typeof ref === 'string' ? ref : ref.peerId
    const member = this.members.find(m => m.id === id)
    if (member === undefined) throw new InvalidOptionError('peer', `${id} is not a peer of this cluster`)
    return member
  }
}

/**
 * Starts `size` meshes in this process on loopback, connects them all, and resolves once every
 * peer sees every other. Always `await cluster.stopAll()` (e.g. in an `after` hook).
 */
export async function createTestCluster (options: TestClusterOptions): Promise<TestCluster> {
  const { size } = options
  if (!Number.isInteger(size) || size < 1 || size > 64) throw new InvalidOptionError('size', `expected an integer from 1 to 64, got ${String(size)}`)
  const root = await mkdtemp(join(tmpdir(), 'meshchan-cluster-'))
  const members: Member[] = []
  for (let i = 0; i < size; i++) {
    const identity = join(root, `peer-${i}`, 'identity.key')
    const key = await loadOrCreateIdentity(identity)
    members.push({ id: peerIdFromPrivateKey(key).toString(), identity, dataDir: join(root, `peer-${i}`, 'data'), mesh: undefined })
  }
  const cluster = new TestCluster(root, members, options.mesh, options.timeout ?? 20_000)
  try {
    for (const member of members) member.mesh = await cluster.startMember(member)
    await cluster.connectAll()
  } catch (err) {
    await cluster.stopAll()
    throw err
  }
  return cluster
}
