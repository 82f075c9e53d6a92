// Quiescence through the driver: idle groups on shared hosts go silent, wake for work, and wake
// when the transport reports a member's link changed (here: a host stopping, a partition).
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createRaftHost, type RaftGroup, type RaftHost } from '../../src/raft/driver/index.js'
import { MemoryRaftNetwork } from '../../src/raft/transport/memory.js'
import { MemoryStorage } from '../../src/storage/index.js'
import { allQuiesced, enc, proposeAnywhere, RecordingMachine, stableLeader } from './driver-helpers.js'

/** Resolves after `host` ticked `n` more times: a span of logical time in which nothing may happen. */
async function ticks (host: RaftHost, n: number): Promise<void> {
  const target = host.stats.ticks + n
  await new Promise<void>(resolve => { const t = setInterval(() => { if (host.stats.ticks >= target) { clearInterval(t); resolve() } }, host.tickMs) })
}

describe('raft driver: quiescence', () => {
  const net = new MemoryRaftNetwork()
  const ids = ['q1', 'q2', 'q3']
  const hosts: RaftHost[] = []
  const groups = new Map<string, Array<RaftGroup<number>>>()
  after(async () => { await Promise.all(hosts.map(async h => { await h.stop({ transferLeadership: false }) })); net.stop() })

  it('idle groups go silent: no messages while quiesced, and a proposal still commits at once', async () => {
    for (const id of ids) hosts.push(await createRaftHost({ transport: net.transport(id) }))
    for (let k = 0; k < 20; k++) {
      const gid = `g${k}`
      groups.set(gid, await Promise.all(hosts.map(async h => await h.createGroup({ groupId: gid, members: ids, storage: new MemoryStorage(), stateMachine: new RecordingMachine() }))))
    }
    const all = [...groups.values()].flat()
    for (const gs of groups.values()) await proposeAnywhere(gs, enc('x'))
    await allQuiesced(all)
    // The answers to the last (quiescing) heartbeats may still be on their way.
    await ticks(hosts[0], 2)
    const delivered = net.counters.delivered
    const sent = ids.map(id => net.transport(id).stats.messagesOut)
    await ticks(hosts[0], 40)
    assert.equal(net.counters.delivered, delivered, 'messages delivered among quiesced groups')
    assert.deepEqual(ids.map(id => net.transport(id).stats.messagesOut), sent)
    const gs = groups.get('g3')!
    const leader = gs.find(g => g.isLeader)!
    assert.equal(await leader.propose(enc('y')), 2)
    await allQuiesced(all)
  })

  it('a partition is reported: for groups the cut-off host led, the majority elects and the old leader steps down', async () => {
    const all = [...groups.values()].flat()
    await allQuiesced(all)
    const cut = ids[0]
    const led = [...groups.values()].filter(gs => gs[0].isLeader)
    assert.ok(led.length > 0, `${cut} leads none of the ${groups.size} groups`)
    net.partition([cut], ids.slice(1))
    for (const gs of led) {
      const next = await stableLeader(gs.slice(1), `a majority leader for ${gs[0].groupId}`)
      assert.notEqual(next.id, cut)
      if (gs[0].isLeader) await new Promise<void>(resolve => { const on = (role: string): void => { if (role !== 'leader') { gs[0].off('role', on); resolve() } }; gs[0].on('role', on) })
    }
    net.heal()
    for (const gs of led) await proposeAnywhere(gs, enc('healed'))
    await allQuiesced(all)
  })

  it('a stopped host is reported by the transport: groups it led elect a new leader and commit', async () => {
    await allQuiesced([...groups.values()].flat())
    // The host leading the most groups is the victim.
    const leads = hosts.map((_, k) => [...groups.values()].filter(gs => gs[k].isLeader).length)
    const k = leads.indexOf(Math.max(...leads))
    const victim = hosts[k]
    const led = [...groups.entries()].filter(([, gs]) => gs[k].isLeader).map(([gid]) => gid)
    assert.ok(led.length > 0)
    await victim.stop({ transferLeadership: false })
    for (const [gid, gs] of groups) {
      const leader = await stableLeader(gs.filter((_, i) => i !== k), `a leader for ${gid} without ${victim.localId}`)
      assert.notEqual(leader.id, victim.localId)
    }
    // The new leaders kept the log: the new entry lands after the earlier ones.
    for (const gid of led) assert.ok(await proposeAnywhere(groups.get(gid)!.filter((_, i) => i !== k), enc('after')) >= 2)
  })
})
