/**
 * The queue control plane: who replicates which queue.
 *
 * A small Raft group, `control`, records the cluster (a random id chosen at founding, the founding
 * voters, every member with its liveness as seen by the leader) and every queue's placement
 * ({@link QueuePlacement}). Every member runs it: up to 3 (or 5) voters, the others learners, so
 * placements are local reads everywhere.
 *
 * Forming: a peer with persisted control state resumes it. Otherwise it asks its peers' status over
 * `/meshchan/control/1.0.0`: if one runs the control group, it starts the group with that cluster's
 * founders (to learn the log) and asks the leader to record it (join). If none does: `seeds` found
 * with exactly those, `expect: 1` founds alone, `expect: N` uses a lock handshake (see
 * {@link ControlPlane}'s `formationRound`) so that every founder picks the same N smallest PeerIds.
 * A peer of another cluster is refused ({@link ClusterMismatchError}, `onConflict`).
 *
 * The control leader keeps things healthy: it records who is up, adds live members as learners,
 * promotes them while voters are below target, removes voters and learners gone longer than
 * `replaceAfterMs`, replaces such peers in placements, grows under-replicated queues and spreads
 * preferred owners ({@link planRepairs}).
 *
 * Leaving ({@link runLeave}, `Mesh.leave`): a member that won't come back asks the leader to
 * record its leave (it stops being a member, so it is replaced in placements at once, or dropped
 * where nobody can take its place), waits until its queue replicas are handed over, then asks to be
 * removed from the control group.
 *
 * Clients ({@link ClientDirectory}, `cluster.role: 'client'`) never run the control group: they
 * ask members for placements over the same protocol and answer status requests as clients, so
 * formation never counts them.
 * @packageDocumentation
 */
export { ControlPlane, createControlPlane, CONTROL_GROUP_ID, voterTarget, foundersOf } from './plane.js'
export type { ControlPlaneOptions, ClusterOptions, ControlMesh, ControlStatus, LeaveProgress } from './plane.js'
export { ControlStateMachine, groupIdOf, MAX_QUEUE_NAME_BYTES, CONTROL_FORMAT_VERSION } from './state.js'
export type { ControlResult, MemberInfo } from './state.js'
export { planRepairs, chooseReplicas, chooseOwner, replicaLoad, ownerLoad } from './algorithm.js'
export type { PlacementChange, RepairInput } from './algorithm.js'
export { CONTROL_PROTOCOL } from './rpc.js'
export { ClusterMismatchError, ControlRequestError, ControlRequestTimeoutError } from './errors.js'
export { ClientDirectory } from './client-directory.js'
export type { ClientDirectoryOptions, ClientMesh } from './client-directory.js'
export { runLeave } from './leave.js'
export type { LeaveReport, LeaveContext } from './leave.js'
