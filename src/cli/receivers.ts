/**
 * Waiting for a number of remote receivers of a channel, for `send --receivers N` and the demo.
 * A channel's `send` waits for *one* receiver; a script that starts several receivers wants all of
 * them subscribed before the first message goes out, or the late ones miss it.
 */
import type { Mesh } from '../node/mesh.js'
import { channelTopic } from '../channel/index.js'
import { TimeoutError } from '../errors.js'

/** Remote peers currently subscribed to channel `name` (receivers in other processes). */
export function remoteReceivers (mesh: Mesh, name: string): string[] {
  return mesh.libp2p.services.pubsub.getSubscribers(channelTopic(name)).map(p => p.toString())
}

/**
 * Resolves once at least `count` remote peers receive on channel `name`. Rejects with a
 * {@link TimeoutError} when `signal` aborts first.
 */
export async function waitForReceivers (mesh: Mesh, name: string, count: number, signal: AbortSignal): Promise<void> {
  const pubsub = mesh.libp2p.services.pubsub
  const { promise, resolve, reject } = Promise.withResolvers<void>()
  const check = (): void => { if (remoteReceivers(mesh, name).length >= count) resolve() }
  const onAbort = (): void => {
    reject(new TimeoutError(`only ${remoteReceivers(mesh, name).length} of ${count} receiver(s) of channel "${name}" showed up in time`))
  }
  pubsub.addEventListener('subscription-change', check)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    check()
    if (signal.aborted) onAbort()
    await promise
  } finally {
    pubsub.removeEventListener('subscription-change', check)
    signal.removeEventListener('abort', onAbort)
  }
}
