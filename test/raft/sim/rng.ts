import { mulberry32 } from '../../../src/testkit/random.js'

/** mulberry32: a tiny seeded PRNG, good enough to drive a simulation reproducibly. */
export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number

  constructor (seed: number) {
    this.next = mulberry32(seed)
  }

  /** Integer in [0, n). */
  int (n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Integer in [lo, hi]. */
  range (lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  chance (p: number): boolean {
    return p > 0 && this.next() < p
  }

  pick<T> (xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list')
    return xs[this.int(xs.length)]!
  }

  shuffle<T> (xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const t = xs[i]!
      xs[i] = xs[j]!
      xs[j] = t
    }
    return xs
  }

  /** An independent generator derived from this one. */
  fork (): Rng {
    return new Rng(Math.floor(this.next() * 4294967296))
  }
}
