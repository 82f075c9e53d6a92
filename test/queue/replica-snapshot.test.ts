// Queue replicas compact their logs with snapshots serialized in slices while commands keep being
// applied; a member cut off meanwhile is caught up by one (InstallSnapshot) and ends in the very
// state of the others, and a member restarted from its storage recovers it.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MemoryRaftNetwork } from '../../src/raft/transport/memory.js'
import { MemoryStorage } from '../../src/storage/memory.js'
import { createRaftHost, type RaftGroup, type RaftHost } from '../../src/raft/driver/index.js'
import { ReplicaStateMachine, type AppliedResult } from '../../src/queue/replica-state.js'
import { encodeBatch, encodeCommand } from '../../src/queue/state/index.js'
import type { CommandInput, Delivery } from '../../src/queue/state/index.js'
import { until } from '../raft/driver-helpers.js'

describe('queue replicas: snapshots in slices', () => {
  const ids = ['r1', 'r2', 'r3']
  const net = new MemoryRaftNetwork()
  const hosts: RaftHost[] = []
  after(async () => { await Promise.all(hosts.map(async h => { await h.stop({ transferLeadership: false }) })); net.stop() })

  it('compacts while applying, catches a cut-off member up by snapshot, and restarts from storage', async () => {
    for (const id of ids) hosts.push(await createRaftHost({ transport: net.transport(id) }))
    const storages = ids.map(() => new MemoryStorage())
    const states = ids.map(() => new ReplicaStateMachine({}))
    const open = async (i: number, host: RaftHost): Promise<RaftGroup<AppliedResult>> =>
      await host.createGroup<AppliedResult>({ groupId: 'q/snap', members: ids, storage: storages[i], stateMachine: states[i], snapshotEntries: 40, snapshotBytes: 0 })
    const groups = await Promise.all(hosts.map(async (h, i) => await open(i, h)))
    await until(groups, () => groups.some(g => g.isLeader), 'a leader')
    const leader = groups.find(g => g.isLeader)!
    const li = groups.indexOf(leader)
    const lagging = (li + 1) % 3
    let now = 1_000
    let n = 0
    const held: Delivery[] = []
    // Batches of puts, leases and acks: a state with stored, leased and acked messages and windows.
    const round = async (): Promise<void> => {
      now += 10
      const cmds: CommandInput[] = []
      for (let k = 0; k < 30; k++) cmds.push({ now, client: 'p', requestId: ++n, put: { id: `m${n}`, payload: new Uint8Array(200).fill(n & 0xff) } })
      for (const d of held.splice(0, 12)) cmds.push({ now, ack: { id: d.id, seq: d.seq, consumer: d.consumer, term: d.term, attempt: d.attempt } })
      cmds.push({ now, lease: { consumer: 'c', count: 20, leaseMs: 60_000 } })
      const r = await leader.propose(encodeBatch(cmds.map(c => encodeCommand(c))))
      for (const part of r.parts ?? []) if (part.result.command === 'lease') held.push(...part.result.deliveries)
    }
    for (let i = 0; i < 30; i++) await round()
    net.partition([ids[lagging]], ids.filter((_, i) => i !== lagging))
    for (let i = 0; i < 120; i++) await round()
    await until(groups, () => groups.every((g, i) => i === lagging || g.stats.snapshotsTaken >= 2), 'the connected members to compact twice')
    net.heal()
    const target = leader.applied
    await until(groups, () => groups[lagging].applied >= target, 'the cut-off member to catch up', 20_000)
    assert.ok(groups[lagging].stats.snapshotsInstalled >= 1, 'caught up by a snapshot, not by entries')
    const bytes = (i: number): Buffer => Buffer.from(states[i].machine.snapshot())
    await until(groups, () => groups.every(g => g.applied === target), 'every member at the same index')
    assert.deepEqual(bytes(lagging), bytes(li), 'the same state, byte for byte')
    assert.ok(states[li].machine.stats().leased > 0 && states[li].machine.stats().length > 0)
    // A member restarted from its storage (latest snapshot + entries after it) recovers the state.
    const restartAt = (li + 2) % 3
    await groups[restartAt].stop({ transferLeadership: false })
    await hosts[restartAt].stop({ transferLeadership: false })
    storages[restartAt] = new MemoryStorage(storages[restartAt].persisted())
    states[restartAt] = new ReplicaStateMachine({})
    hosts[restartAt] = await createRaftHost({ transport: net.transport(ids[restartAt]) })
    const again = await open(restartAt, hosts[restartAt])
    groups[restartAt] = again
    await until(groups, () => again.applied >= target, 'the restarted member to recover', 20_000)
    assert.ok(storages[restartAt].persisted().snapshot !== null, 'it had a snapshot to start from')
    await until(groups, () => groups.every(g => g.applied === groups[li].applied), 'every member at the same index')
    assert.deepEqual(bytes(restartAt), bytes(li))
  })
})
