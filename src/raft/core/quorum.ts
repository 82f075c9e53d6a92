/**
 * Majority arithmetic over a set of voters, kept apart from the state machine so it can be
 * tested on its own (etcd's `quorum/`).
 */

/** Size of a majority of `n` voters. */
export function majority (n: number): number {
  return Math.floor(n / 2) + 1
}

/**
 * The highest index that a majority of `voters` has acknowledged, given each voter's match
 * index. 0 when there are no voters.
 */
export function committedIndex (voters: readonly string[], match: (id: string) => number): number {
  if (voters.length === 0) return 0
  const sorted = voters.map(match).sort((a, b) => b - a)
  return sorted[majority(voters.length) - 1]!
}

export type VoteResult = 'won' | 'lost' | 'pending'

/** Outcome of an election given the votes received so far (absent voters have not answered). */
export function voteResult (voters: readonly string[], votes: ReadonlyMap<string, boolean>): VoteResult {
  const need = majority(voters.length)
  let granted = 0
  let rejected = 0
  for (const id of voters) {
    const v = votes.get(id)
    if (v === true) granted++
    else if (v === false) rejected++
  }
  if (voters.length > 0 && granted >= need) return 'won'
  if (voters.length - rejected < need) return 'lost'
  return 'pending'
}

/** Whether the voters for which `active` holds form a majority. */
export function hasQuorum (voters: readonly string[], active: (id: string) => boolean): boolean {
  let n = 0
  for (const id of voters) if (active(id)) n++
  return voters.length > 0 && n >= majority(voters.length)
}
