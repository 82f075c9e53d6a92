/**
 * The application under test: a price board. Every peer publishes quotes for its own symbol on
 * the broadcast channel `quotes` and keeps the latest quote of every symbol. "Latest" is decided
 * by the quote's own version (per symbol, set by its only publisher), never by arrival order, so
 * after a partition heals every board must converge to the same state.
 */
import type { Mesh } from '../../src/index.js'

export interface Quote { symbol: string, price: number, version: number }

export interface PriceBoard {
  publish: (price: number) => Promise<void>
  snapshot: () => Record<string, Quote>
  close: () => Promise<void>
}

export function createPriceBoard (mesh: Mesh, symbol: string): PriceBoard {
  const quotes = mesh.channel<Quote>('quotes', { subscribe: true })
  const board = new Map<string, Quote>()
  let version = 0
  // The handler being tested: apply a quote unless an equal or newer one is already there.
  const apply = (q: Quote): void => {
    const current = board.get(q.symbol)
    if (current === undefined || q.version > current.version) board.set(q.symbol, q)
  }
  const receiving = (async () => { for await (const q of quotes) apply(q) })().catch(() => {})
  return {
    async publish (price) {
      await quotes.send({ symbol, price, version: ++version }, { wait: false, timeout: 2000 })
    },
    snapshot: () => Object.fromEntries([...board].sort(([a], [b]) => a.localeCompare(b))),
    async close () { await quotes.close(); await receiving }
  }
}
