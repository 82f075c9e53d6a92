import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fork, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadOrCreateIdentity } from '../../src/node/identity.js'
import { check, mergeHistories, summarize } from '../../src/queue/checker/index.js'
import { readHistoryFile, type PeerCommand, type PeerEvent, type ProcessPeerConfig } from './fixtures/process-peer.js'

// Multi-process (issue 4): three peers, each its own OS process with its own identity and data
// directory, one queue with 3 replicas. A producer on one peer, consumers on the two others (one
// of them the owner's process). Once messages flow, the owner's process is killed with SIGKILL,
// then restarted with the same identity and data directory. Every operation is recorded in a
// per-process history file (written synchronously, so the kill loses nothing), and the merged
// history goes through the total-queue checker: zero lost, zero unexpected, zero duplicated acks,
// no overlapping leases, no stale acks accepted.

const SCRIPT = fileURLToPath(new URL('./fixtures/process-peer.js', import.meta.url))
const MESSAGES = 1000
const QUEUE = 'proc'
const QUEUE_OPTIONS = { replicas: 3, ackTimeout: 3000 }

type Distributive<T> = T extends unknown ? Omit<T, 'rid'> : never
type Command = Distributive<PeerCommand>
type Reply = PeerEvent & { t: 'reply' }

/** The test's view of everything the peers reported (for the drain; the checker reads history files). */
class Progress {
  readonly putOk = new Map<string, number>()
  readonly acked = new Map<string, number>()
  readonly ackUnknown = new Set<string>()
  delivered = 0
  private readonly waiters: Array<{ ready: () => boolean, resolve: () => void }> = []

  on (e: PeerEvent): void {
    const now = Date.now()
    if (e.t === 'putOk') for (const id of e.ids) { if (!this.putOk.has(id)) this.putOk.set(id, now) }
    else if (e.t === 'acked') for (const id of e.ids) { if (!this.acked.has(id)) this.acked.set(id, now) }
    else if (e.t === 'ackUnknown') for (const id of e.ids) this.ackUnknown.add(id)
    else if (e.t === 'delivered') this.delivered += e.count
    for (const w of this.waiters.splice(0)) {
      if (w.ready()) w.resolve()
      else this.waiters.push(w)
    }
  }

  /** Resolves once `ready()` holds (checked on every report). */
  async until (ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (ready()) return
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)) }, timeoutMs)
      this.waiters.push({ ready, resolve: () => { clearTimeout(timer); resolve() } })
    })
  }
}

/** One incarnation of a peer process. */
class PeerProcess {
  readonly proc: ChildProcess
  readonly exited: Promise<void>
  peerId = ''
  addresses: string[] = []
  private rid = 0
  private readonly replies = new Map<number, { resolve: (r: Reply) => void, reject: (e: Error) => void }>()

  constructor (readonly config: ProcessPeerConfig, readonly logFile: string, progress: Progress) {
    const log = openSync(logFile, 'a')
    this.proc = fork(SCRIPT, [JSON.stringify(config)], { stdio: ['ignore', log, log, 'ipc'] })
    closeSync(log)
    this.exited = new Promise(resolve => this.proc.once('exit', () => {
      for (const r of this.replies.values()) r.reject(new Error(`peer ${config.index}.${config.incarnation} exited`))
      this.replies.clear()
      resolve()
    }))
    this.proc.on('message', (m: PeerEvent) => {
      if (m.t === 'reply') {
        const r = this.replies.get(m.rid)
        this.replies.delete(m.rid)
        r?.resolve(m)
      } else if (m.t === 'ready') {
        this.peerId = m.peerId
        this.addresses = m.addresses
      } else progress.on(m)
    })
  }

  get alive (): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null
  }

  async ready (timeoutMs = 30_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`peer ${this.config.index} did not start within ${timeoutMs} ms (log ${this.logFile})`)) }, timeoutMs)
      const onMsg = (m: PeerEvent): void => { if (m.t === 'ready') { done(); resolve() } }
      const onExit = (): void => { done(); reject(new Error(`peer ${this.config.index} exited while starting (log ${this.logFile})`)) }
      const done = (): void => { clearTimeout(timer); this.proc.off('message', onMsg); this.proc.off('exit', onExit) }
      this.proc.on('message', onMsg)
      this.proc.once('exit', onExit)
    })
  }

  /** Sends a command; resolves with its reply (rejects if it failed or the process died). */
  async call (c: Command): Promise<Reply> {
    const rid = ++this.rid
    const reply = new Promise<Reply>((resolve, reject) => { this.replies.set(rid, { resolve, reject }) })
    this.proc.send({ ...c, rid })
    const r = await reply
    if (!r.ok) throw new Error(`peer ${this.config.index} ${c.cmd}: ${r.error ?? 'failed'}`)
    return r
  }

  kill (): void {
    if (this.alive) this.proc.kill('SIGKILL')
  }
}

describe('queue across OS processes', () => {
  const everyone: PeerProcess[] = []
  let root = ''
  after(async () => {
    for (const p of everyone) p.kill()
    await Promise.all(everyone.map(async p => await p.exited))
  })

  it('kill -9 the owner process while a producer and two consumers run: zero lost, zero duplicated acks', { timeout: 150_000 }, async () => {
    root = await mkdtemp(join(tmpdir(), 'meshchan-queue-process-'))
    const progress = new Progress()
    const keys = await Promise.all([0, 1, 2].map(async i => await loadOrCreateIdentity(join(root, `p${i}`, 'identity.key'))))
    const ids = keys.map(k => peerIdFromPrivateKey(k).toString())
    const incarnations = [0, 0, 0]
    const peers: PeerProcess[] = []
    const start = (i: number, bootstrap: string[]): PeerProcess => {
      const inc = incarnations[i]++
      const config: ProcessPeerConfig = {
        index: i,
        incarnation: inc,
        identity: join(root, `p${i}`, 'identity.key'),
        dataDir: join(root, `p${i}`, 'data'),
        historyFile: join(root, `p${i}.${inc}.history.jsonl`),
        bootstrap,
        seeds: ids,
        queue: QUEUE,
        queueOptions: QUEUE_OPTIONS
      }
      const p = new PeerProcess(config, join(root, `p${i}.${inc}.log`), progress)
      everyone.push(p)
      peers[i] = p
      return p
    }
    const facts: Record<string, unknown> = { root, peerIds: ids }
    const explain = (): string => {
      const tails = everyone.map(p => {
        const text = existsSync(p.logFile) ? readFileSync(p.logFile, 'utf8').split('\n').slice(-15).join('\n') : ''
        return `--- ${p.logFile}\n${text}`
      })
      return `${JSON.stringify(facts)}\n${tails.join('\n')}`
    }

    try {
      await start(0, []).ready()
      const first = peers[0] as PeerProcess
      await Promise.all([start(1, first.addresses), start(2, first.addresses)].map(async p => await p.ready()))

      // Placement through the control group the three seeds found; the owner answers stats. The
      // control leader counts a peer it is not connected to yet as down, so a queue declared while
      // the third peer is still dialling it is placed on fewer replicas (1 of 2 live peers: an odd
      // count) and grows to 3 once the leader sees that peer (README: "fewer on a smaller cluster",
      // replicas are gained as peers join). Wait, bounded, for the queue's group to have its 3
      // voters; and for the hand-over to the placement's preferred owner, so the producer starts
      // away from the owner (that one only as long as the 3 replicas take, then 15 s at most).
      const firstStats = await first.call({ cmd: 'stats', timeout: 30_000 })
      let s0 = firstStats
      const waitStart = Date.now()
      const replicasBy = waitStart + 30_000
      let ownerBy = Infinity
      const voters = (s: Reply): number => (s.replicas as string[]).length
      while (voters(s0) < 3 || s0.owner !== s0.preferredOwner) {
        if (voters(s0) >= 3) ownerBy = Math.min(ownerBy, Date.now() + 15_000)
        if (Date.now() >= replicasBy || Date.now() >= ownerBy) break
        await new Promise(resolve => setTimeout(resolve, 100))
        s0 = await first.call({ cmd: 'stats', timeout: 10_000 })
      }
      Object.assign(facts, { firstVoters: voters(firstStats), settleMs: Date.now() - waitStart })
      assert.equal(voters(s0), 3, `the queue asked for 3 replicas still has ${voters(s0)} voters ${JSON.stringify(s0.replicas)} after ${Date.now() - waitStart} ms (first stats: ${JSON.stringify(firstStats.replicas)}; placement now: ${JSON.stringify(s0.placement)})\n${explain()}`)
      const owner = ids.indexOf(s0.owner as string)
      assert.ok(owner >= 0, `owner ${String(s0.owner)} is none of the peers`)
      const producer = [0, 1, 2].find(i => i !== owner) as number
      const consumers = [0, 1, 2].filter(i => i !== producer)
      Object.assign(facts, { owner, producer, consumers })
      console.log(`peers ${ids.join(' ')}; owner ${owner}, producer ${producer}, consumers ${consumers.join(',')}; the first stats showed ${String(facts.firstVoters)} voters, settled after ${String(facts.settleMs)} ms; data and logs in ${root}`)

      for (const c of consumers) await (peers[c] as PeerProcess).call({ cmd: 'consume', prefetch: 16 })
      const all = Array.from({ length: MESSAGES }, (_, n) => `m-${n}`)
      // The producer is re-run on a surviving peer with whatever is unconfirmed if its process dies
      // (it can't be on the owner's process at the start, but ownership may move before the kill).
      const produce = async (): Promise<void> => {
        let at = producer
        for (;;) {
          const p = peers[at] as PeerProcess
          try {
            await p.call({ cmd: 'produce', ids: all.filter(id => !progress.putOk.has(id)), window: 16, putTimeout: 3000, giveUpAt: Date.now() + 60_000 })
            return
          } catch (err) {
            if (p.alive) throw err
            at = [0, 1, 2].find(i => i !== at && peers[i]?.alive === true) as number
            console.log(`producer's process died; producing the unconfirmed rest on peer ${at}`)
          }
        }
      }
      const producing = produce()
      producing.catch(() => {})

      // Messages flow: kill whichever process owns the queue now.
      await progress.until(() => progress.acked.size >= 150, 30_000, '150 acks')
      const current = await (peers[producer] as PeerProcess).call({ cmd: 'stats', timeout: 10_000 })
      const victim = ids.indexOf(current.owner as string)
      const killAt = Date.now()
      const ackedAtKill = progress.acked.size
      const victimProc = peers[victim] as PeerProcess
      victimProc.kill()
      await victimProc.exited
      Object.assign(facts, { victim, killAt, ackedAtKill, putOkAtKill: progress.putOk.size })
      const role = victim === producer ? 'producer' : 'consumer'
      Object.assign(facts, { victimRole: role })
      console.log(`SIGKILL peer ${victim} (owner, term ${String(current.term)}, runs the ${role}) after ${ackedAtKill} acks, ${progress.putOk.size} confirmed puts`)

      // Restart it with the same identity and data directory; it consumes again if it did.
      const survivors = [0, 1, 2].filter(i => i !== victim).map(i => peers[i] as PeerProcess)
      const restarted = start(victim, survivors.flatMap(p => p.addresses))
      await restarted.ready()
      if (consumers.includes(victim)) await restarted.call({ cmd: 'consume', prefetch: 16 })

      await producing
      // The queue works again after the kill: puts confirmed and acks committed since, and a put
      // through the restarted peer.
      await restarted.call({ cmd: 'probePut', id: 'probe-restarted', timeout: 20_000 })
      const afterKill = await (survivors[0] as PeerProcess).call({ cmd: 'stats', timeout: 20_000 })
      Object.assign(facts, { newOwner: ids.indexOf(afterKill.owner as string), newTerm: afterKill.term })

      // Drain: every confirmed message acked — or, for acks of unknown outcome (the killed
      // consumer's, invoked but never completed), the queue reports nothing left (the checker
      // calls those indeterminate).
      const drainEnd = Date.now() + 45_000
      for (;;) {
        const missing = [...progress.putOk.keys()].filter(id => !progress.acked.has(id))
        if (missing.length === 0) break
        const ackInvoked = new Set(everyone.flatMap(p => readHistoryFile(p.config.historyFile)).filter(op => op.type === 'ack').map(op => op.id))
        if (missing.every(id => progress.ackUnknown.has(id) || ackInvoked.has(id))) {
          const s = await (survivors[0] as PeerProcess).call({ cmd: 'stats', timeout: 5000 }).catch(() => undefined)
          if (s !== undefined && (s.ready as number) + (s.leased as number) + (s.delayed as number) === 0) break
        }
        assert.ok(Date.now() < drainEnd, `drain timed out: ${missing.length} confirmed, not acked (${missing.slice(0, 5).join(', ')})\n${explain()}`)
        const seen = progress.acked.size
        await progress.until(() => progress.acked.size > seen, 250, 'drain progress').catch(() => {})
      }
      for (const p of peers) await (p as PeerProcess).call({ cmd: 'stopConsuming' })
      const final = await (survivors[0] as PeerProcess).call({ cmd: 'stats', timeout: 10_000 })
      for (const p of peers) await (p as PeerProcess).call({ cmd: 'exit' })
      await Promise.all(peers.map(async p => await (p as PeerProcess).exited))

      const history = mergeHistories(...everyone.map(p => readHistoryFile(p.config.historyFile)))
      const r = check(history)
      const acksAfterKill = [...progress.acked.values()].filter(t => t > killAt).length
      const putsAfterKill = [...progress.putOk.values()].filter(t => t > killAt).length
      const acksAt = [...progress.acked.values()].sort((a, b) => a - b)
      const gapAfterKill = Math.max(0, ...acksAt.filter(t => t >= killAt).map((t, i, xs) => t - (i === 0 ? killAt : xs[i - 1] as number)))
      console.log(`${summarize(r)}\nafter the kill: ${putsAfterKill} puts confirmed, ${acksAfterKill} acks; longest ack gap from the kill ${gapAfterKill} ms (seen by the test, 20 ms report batches); new owner ${String(facts.newOwner)} term ${String(facts.newTerm)}`)
      assert.ok(r.ok, `${summarize(r)}\n${explain()}`)
      assert.equal(r.lost.length, 0)
      assert.equal(r.unexpected.length, 0)
      assert.equal(r.duplicatedAcks.length, 0)
      assert.equal(r.overlappingLeases.length, 0)
      assert.equal(r.staleAcksAccepted.length, 0)
      assert.equal(r.enqueued, MESSAGES + 1, 'every message (and the probe) confirmed')
      assert.equal(r.acked + r.indeterminate.length, MESSAGES + 1)
      assert.equal((final.ready as number) + (final.leased as number) + (final.delayed as number), 0, 'drained')
      assert.ok(acksAfterKill > 0 && putsAfterKill > 0, 'the queue worked again after the kill')
      await rm(root, { recursive: true, force: true })
    } catch (err) {
      console.log(`investigate with: ${JSON.stringify(facts)}`)
      for (const p of peers) {
        if (p?.alive !== true) continue
        const d = await Promise.race([p.call({ cmd: 'diag' }).catch(e => String(e)), new Promise(resolve => setTimeout(resolve, 2000, 'no answer'))])
        console.log(`peer ${p.config.index}.${p.config.incarnation} (${p.peerId}): ${JSON.stringify(d)}`)
      }
      throw err
    }
  })
})
