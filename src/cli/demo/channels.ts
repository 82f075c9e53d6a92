/**
 * Demo section "channels": N `meshchan recv news` processes and one `meshchan send news` process.
 * Every receiver must print every headline, in the order sent, from the sender.
 */
import { isDeepStrictEqual } from 'node:util'
import { plural } from '../output.js'
import type { Child, Line } from './processes.js'
import { DemoCheckError, type DemoContext, type DemoSection, type SectionResult } from './section.js'

const HEADLINES = [
  'Mesh forms from separate processes on loopback',
  'No broker: every peer talks to its peers directly',
  'Each receiver gets each message once',
  'Per-sender order holds across the mesh',
  'Senders wait for a receiver, as in Go',
  'Noise encrypts every connection',
  'Gossipsub carries the channel topic meshchan/ch/news',
  'Receivers report gaps instead of hiding them'
]

interface Received { from: string, seq: number, value: unknown }

function headlines (count: number): Array<{ id: number, headline: string }> {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, headline: HEADLINES[i % HEADLINES.length]! }))
}

function addressOf (line: Line): string | undefined {
  return /^listening (\S+)$/.exec(line.text)?.[1]
}

export function channelsSection (options: { receivers: number, messages: number }): DemoSection {
  const { receivers, messages } = options
  return {
    title: `Channels: one sender broadcasts ${plural(messages, 'headline')} on "news" to ${plural(receivers, 'receiver')}`,
    async run (ctx: DemoContext): Promise<SectionResult> {
      const { group, signal } = ctx
      const local = ['--listen', '/ip4/127.0.0.1/tcp/0']
      // Receivers print their values as JSON lines on stdout; show them as "#seq from <sender>: value".
      const showReceived = (child: Child, line: Line): void => {
        if (line.stream === 'stderr') { ctx.show(child, line); return }
        try {
          const m = JSON.parse(line.text) as Received
          ctx.show(child, { stream: 'stdout', text: `#${m.seq} from ${m.from}: ${JSON.stringify(m.value)}` })
        } catch {
          ctx.show(child, line)
        }
      }

      const readers: Child[] = []
      const readerAddresses: string[] = []
      for (let i = 1; i <= receivers; i++) {
        const name = `news-reader-${i}`
        const args = ['recv', 'news', '--count', String(messages), '--meta', ...local, ...await ctx.identity(name), '--bootstrap', ctx.bootstrap]
        readers.push(group.start(name, args, showReceived))
      }
      for (const reader of readers) {
        readerAddresses.push(addressOf(await reader.waitForLine(l => addressOf(l) !== undefined, signal, 'its address'))!)
      }
      await Promise.all(readers.map(async r => await r.waitForLine(l => l.text.startsWith('receiving on'), signal, 'receiving')))

      // Gossipsub forwards a topic only through peers subscribed to it, and the bootstrap node is
      // not a receiver: the sender dials the receivers too, and waits until all of them subscribe.
      const sent = headlines(messages)
      const bootstraps = [ctx.bootstrap, ...readerAddresses].flatMap(a => ['--bootstrap', a])
      const sender = group.start('news-desk', [
        'send', 'news', ...sent.map(v => JSON.stringify(v)), '--receivers', String(receivers), '--timeout', '20000',
        ...local, ...await ctx.identity('news-desk'), ...bootstraps
      ])

      // The sender first: if it failed, the receivers would wait for messages forever.
      const senderCode = await sender.waitForExit(signal)
      if (senderCode !== 0) throw new DemoCheckError(`news-desk exited with code ${senderCode}`)
      const readerCodes = await Promise.all(readers.map(async r => await r.waitForExit(signal)))
      const fanOut = sender.lines.filter(l => l.stream === 'stdout' && l.text.startsWith('sent ')).map(l => Number(/ to (\d+) peer/.exec(l.text)?.[1]))
      if (fanOut.length !== messages || fanOut.some(n => n !== receivers)) {
        throw new DemoCheckError(`news-desk reported fan-outs ${JSON.stringify(fanOut)}, expected ${messages} × ${receivers}`)
      }
      readers.forEach((reader, i) => {
        if (readerCodes[i] !== 0) throw new DemoCheckError(`${reader.name} exited with code ${readerCodes[i]}`)
        const got = reader.lines.filter(l => l.stream === 'stdout').map(l => JSON.parse(l.text) as Received)
        if (!isDeepStrictEqual(got.map(m => m.value), sent)) {
          throw new DemoCheckError(`${reader.name} received ${JSON.stringify(got.map(m => m.value))}, expected ${JSON.stringify(sent)}`)
        }
        const senders = new Set(got.map(m => m.from))
        if (senders.size !== 1) throw new DemoCheckError(`${reader.name} got messages from ${senders.size} senders, expected 1`)
        if (got.some((m, k) => k > 0 && m.seq <= got[k - 1]!.seq)) throw new DemoCheckError(`${reader.name} got sequence numbers out of order`)
      })
      return {
        peers: receivers + 1,
        summary: `${plural(messages, 'message')}, each delivered to ${plural(receivers, 'receiver')}, in order`
      }
    }
  }
}
