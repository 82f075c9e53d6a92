/**
 * Argument checks shared by the queue commands (`put`, `take`, `queues`), and the client session
 * they run in (a peer with `cluster.role: 'client'`: it uses queues without joining the cluster).
 */
import { InvalidQueueNameError, checkQueueName } from '../queue/service-errors.js'
import type { Mesh } from '../node/mesh.js'
import type { MeshOptions } from '../node/options.js'
import { UsageError } from './flags.js'
import type { Session } from './session.js'

/** Checks a `<queue>` argument the way the library will, so a bad name fails before joining. */
export function queueArg (command: string, name: string | undefined): string {
  if (name === undefined || name === '') throw new UsageError(command, 'missing <queue>')
  try {
    return checkQueueName(name)
  } catch (err) {
    if (err instanceof InvalidQueueNameError) throw new UsageError(command, err.message)
    throw err
  }
}

/** Parses one JSON argument; a usage error names which one was bad. */
export function jsonArg (command: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new UsageError(command, `${what} (${JSON.stringify(text)}) is not valid JSON: ${(err as Error).message}`)
  }
}

/**
 * Runs `body` on a peer that reaches queues as a client (`cluster.role: 'client'`: never a cluster
 * member, so it can exit at any time without leaving a gone replica behind). Needs `--bootstrap`
 * or `--mdns` (a member to ask).
 */
export async function withQueueClient (command: string, options: MeshOptions, body: (session: Session) => Promise<number>): Promise<number> {
  if (options.bootstrap === undefined && options.mdns !== true) {
    throw new UsageError(command, 'nothing to join: give --bootstrap <addr> of a running peer (e.g. "meshchan node"), or --mdns')
  }
  const { withMesh } = await import('./session.js')
  return await withMesh(command, { ...options, cluster: { role: 'client' } }, async session => {
    await waitForAPeer(session.mesh, session.signal)
    return await body(session)
  })
}

/** A client has nobody to ask until a peer joined; wait (bounded) so the first request can route. */
async function waitForAPeer (mesh: Mesh, signal: AbortSignal): Promise<void> {
  try {
    await mesh.waitForPeers(1, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) })
  } catch {
    // The request that follows times out with a message that says what to check.
  }
}
