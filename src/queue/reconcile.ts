import type { RaftGroup } from '../raft/driver/index.js'
import type { QueuePlacement } from './placement.js'

/** What one reconciliation step did (for logs and tests). */
export type ReconcileStep =
  | { type: 'none' }
  | { type: 'addLearner' | 'promote' | 'removeVoter' | 'removeLearner', id: string }
  | { type: 'transfer', to: string }

/**
 * Moves a queue group's Raft membership one server toward `placement.replicas`, as its leader:
 * add a missing replica as a learner, promote it once caught up, then remove one voter or learner
 * that is no longer placed here — never more than one change in flight (Raft's single-server rule,
 * enforced by the core too). A leader that is itself to be removed first hands leadership to a
 * placed voter. Growing comes before shrinking, so the replication factor never dips below target.
 */
export async function reconcileStep (group: RaftGroup<any>, placement: QueuePlacement, self: string, connected: (peer: string) => boolean): Promise<ReconcileStep> {
  if (!group.isLeader) return { type: 'none' }
  const { voters, learners } = group.status().membership
  const target = placement.replicas
  const missing = target.find(id => !voters.includes(id) && !learners.includes(id) && connected(id))
  if (missing !== undefined) {
    await group.proposeMembership({ type: 'addLearner', id: missing }, { timeout: 5000 })
    return { type: 'addLearner', id: missing }
  }
  const learner = learners.find(id => target.includes(id))
  if (learner !== undefined) {
    // Refused while the learner lags (MembershipChangeError): the caller retries later.
    await group.proposeMembership({ type: 'promote', id: learner }, { timeout: 5000 })
    return { type: 'promote', id: learner }
  }
  const extraLearner = learners.find(id => !target.includes(id))
  if (extraLearner !== undefined) {
    await group.proposeMembership({ type: 'removeLearner', id: extraLearner }, { timeout: 5000 })
    return { type: 'removeLearner', id: extraLearner }
  }
  // Shrink only once every placed replica votes: never below the target.
  if (!target.every(id => voters.includes(id))) return { type: 'none' }
  const extraVoter = voters.find(id => !target.includes(id) && id !== self) ?? voters.find(id => !target.includes(id))
  if (extraVoter === undefined) return { type: 'none' }
  if (extraVoter === self) {
    const to = target.find(id => id !== self && connected(id))
    if (to === undefined) return { type: 'none' }
    await group.transferLeadership(to, { timeout: 3000 })
    return { type: 'transfer', to }
  }
  await group.proposeMembership({ type: 'removeVoter', id: extraVoter }, { timeout: 5000 })
  return { type: 'removeVoter', id: extraVoter }
}
