/**
 * `meshchan lab`: the partition lab on this machine (root, Linux network namespaces). Builds the
 * hosts, plays a seeded nemesis schedule against the channel (and queue) workloads, heals,
 * drains, checks, writes summary.json and report.html, and exits 1 on any violation.
 */
import type { Command } from '../command.js'
import { intFlag, UsageError } from '../flags.js'
import { EXIT, info, out } from '../output.js'

/** `60s`, `2m`, `1500ms`, or plain seconds. */
export function parseDuration (raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim())
  if (m === null) throw new UsageError('lab', `--duration expects e.g. 60s, 2m or 1500ms, got "${raw}"`)
  const n = Number(m[1])
  return Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000)
}

export const labCommand: Command = {
  spec: {
    name: 'lab',
    summary: 'Partition lab: N hosts in network namespaces, faults, workloads, checkers, report (root, Linux).',
    usage: ['lab [--hosts N] [--nemesis <list>] [--duration 60s] [--seed N] [--workload channel,queue] [--out <dir>]', 'lab --cleanup'],
    description: [
      'Builds N hosts on this machine (one network namespace each, a bridge between them), runs one',
      'meshchan peer per host, plays a seeded schedule of faults, heals, drains, checks the histories',
      '(channel: per-sender order, gaps only around faults; queue: total-queue checker) and writes',
      'summary.json and report.html to --out. Exit code 1 on any violation. Needs root and',
      'iproute2 + nftables (scripts/lab-setup.sh installs them). Everything created is removed at the',
      'end, also on Ctrl-C; --cleanup removes what a crashed run left behind.',
      '',
      'Nemeses: partition-halves, isolate, majorities-ring, bridge, one-way-loss, netem, kill, pause,',
      'or "all". The same --seed replays the same schedule.'
    ].join('\n'),
    flags: {
      hosts: { type: 'string', arg: '<n>', description: 'number of hosts (default 3)' },
      nemesis: { type: 'string', arg: '<list>', description: 'comma-separated nemeses, or "all" (default all)' },
      duration: { type: 'string', arg: '<time>', description: 'length of the fault schedule, e.g. 60s or 10m (default 60s)' },
      seed: { type: 'string', arg: '<n>', description: 'schedule seed (default random; printed)' },
      workload: { type: 'string', arg: '<list>', description: 'channel, queue or both (default channel)' },
      out: { type: 'string', arg: '<dir>', description: 'report directory (default a temp directory)' },
      cleanup: { type: 'boolean', description: 'remove namespaces left by crashed lab runs, then exit' }
    },
    meshFlags: false,
    examples: [
      'meshchan lab --hosts 5 --nemesis partition-halves,kill --duration 60s --seed 7 --out report/',
      'meshchan lab --hosts 5 --nemesis all --duration 10m --workload channel,queue --out report/'
    ]
  },

  async run ({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError('lab', `unexpected argument "${positionals[0]}"`)
    const lab = await import('../../lab/index.js')
    if (values.cleanup === true) {
      const removed = lab.cleanupStale()
      info(removed.length === 0 ? 'nothing to clean up' : `removed ${removed.join(', ')}`)
      return EXIT.ok
    }
    const hosts = intFlag(this.spec, values, 'hosts', 3, 1)
    const seed = intFlag(this.spec, values, 'seed', undefined, 0)
    const workloads = (typeof values.workload === 'string' ? values.workload : 'channel').split(',').map(w => w.trim())
    for (const w of workloads) if (w !== 'channel' && w !== 'queue') throw new UsageError('lab', `unknown workload "${w}" (channel, queue)`)
    let nemeses
    try {
      nemeses = lab.parseNemeses(typeof values.nemesis === 'string' ? values.nemesis : 'all')
    } catch (err) {
      throw new UsageError('lab', (err as Error).message.replace(/^invalid option "nemesis": /, '--nemesis: '))
    }
    try {
      const result = await lab.runLab({
        hosts,
        seed,
        nemeses,
        duration: typeof values.duration === 'string' ? parseDuration(values.duration) : 60_000,
        workloads: workloads as Array<'channel' | 'queue'>,
        out: typeof values.out === 'string' ? values.out : undefined
      })
      out(JSON.stringify({ ok: result.ok, seed: result.seed, violations: result.violations, summary: result.summaryPath, report: result.htmlPath }))
      return result.ok ? EXIT.ok : EXIT.failed
    } catch (err) {
      if (err instanceof lab.LabAbortedError) { info(`meshchan: ${err.message}`); return EXIT.interrupted }
      throw err
    }
  }
}
