/**
 * Applies and reverts the faults of a schedule on a lab's network and peer processes. Each
 * application is logged with a timestamp and yields a {@link FaultWindow} for the checkers and
 * the report.
 */
import type { LabHosts } from './hosts.js'
import type { LabNetwork } from './network.js'
import { cutPairs, describeFault, type Fault } from './schedule.js'

/** Hosts a fault touches (for the report). */
export function faultHosts (fault: Fault, hosts: number): number[] {
  switch (fault.kind) {
    case 'partition-halves': return fault.groups[0].length <= fault.groups[1].length ? fault.groups[0] : fault.groups[1]
    case 'isolate': case 'netem': case 'kill': case 'pause': return [fault.host]
    case 'majorities-ring': return Array.from({ length: hosts }, (_, i) => i)
    case 'bridge': return [fault.bridge]
    case 'one-way-loss': return [fault.from]
  }
}

export interface Nemesis {
  /** Starts the fault; resolves with what was really applied (one line). */
  apply: (fault: Fault) => Promise<string>
  /** Ends the fault (heals links, restarts a killed peer, continues a paused one). */
  revert: (fault: Fault) => Promise<string>
  /** Ends every fault: network healed, paused peers continued, killed peers restarted. */
  healAll: () => Promise<void>
}

export function createNemesis (network: LabNetwork, hosts: LabHosts, log: (line: string) => void): Nemesis {
  return {
    async apply (fault) {
      const what = describeFault(fault)
      switch (fault.kind) {
        case 'partition-halves': case 'isolate': case 'majorities-ring': case 'bridge':
          await network.cut(cutPairs(fault, network.hosts))
          return `${what}: ${cutPairs(fault, network.hosts).length} links cut`
        case 'one-way-loss':
          await network.loss(fault.from, fault.to, fault.percent)
          return what
        case 'netem': {
          const r = await network.shape(fault.host, fault)
          return `${what}: ${r.applied}`
        }
        case 'kill':
          await hosts.kill(fault.host)
          return what
        case 'pause':
          hosts.pause(fault.host)
          return what
      }
    },
    async revert (fault) {
      switch (fault.kind) {
        case 'kill':
          await hosts.start(fault.host)
          return `host ${fault.host} restarted (incarnation ${hosts.incarnation(fault.host)})`
        case 'pause':
          hosts.resume(fault.host)
          return `host ${fault.host} continued`
        default:
          await network.heal()
          return 'network healed'
      }
    },
    async healAll () {
      await network.heal()
      for (let h = 0; h < network.hosts; h++) {
        if (hosts.state(h) === 'paused') hosts.resume(h)
        if (hosts.state(h) === 'killed') {
          await hosts.start(h).catch(err => { log(`restarting host ${h} failed: ${(err as Error).message}`) })
        }
      }
    }
  }
}
