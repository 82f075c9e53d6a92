import { mulberry32 } from '../testkit/random.js'

/**
 * A small seeded PRNG (mulberry32): the schedule must be replayable from `--seed` alone, on any
 * Node version, so `Math.random` and `crypto` are out.
 */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number

  constructor (seed: number) {
    this.next = mulberry32(Math.trunc(seed) ^ 0x9e3779b9)
  }

  /** An integer in [min, max]. */
  int (min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T> (xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from an empty list')
    return xs[Math.floor(this.next() * xs.length)] as T
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T> (xs: readonly T[]): T[] {
    const out = [...xs]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }
}
