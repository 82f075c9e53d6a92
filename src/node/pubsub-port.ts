/**
 * What meshchan needs from a pub/sub router. Channels talk only to this interface; the one module
 * that implements it on gossipsub is `pubsub.ts`, so swapping the gossipsub package (back to
 * `@chainsafe/libp2p-gossipsub` once it supports libp2p 3) touches one file.
 */

/** A message received on a topic, after signature checks. */
export interface TopicMessage {
  /** PeerId (string form) of the peer that signed and published the message. */
  from: string
  data: Uint8Array
}

/** A validator's verdict: `reject` penalises the sender, `ignore` drops silently. */
export type Validation = 'accept' | 'reject' | 'ignore'

export interface TopicHandlers {
  /** Called for every accepted message from a *remote* peer (gossipsub does not echo our own). */
  onMessage(message: TopicMessage): void
  /** Runs before a message is delivered or forwarded; must be synchronous and must not throw. */
  validate?(message: TopicMessage): Validation
}

export interface PubSubPort {
  /** Our own PeerId, string form. */
  readonly selfId: string
  /** Subscribes to `topic`; one set of handlers per topic (a second call replaces them). */
  subscribe(topic: string, handlers: TopicHandlers): void
  /** Leaves `topic` and forgets its handlers. */
  unsubscribe(topic: string): void
  /** Publishes to remote subscribers; resolves with how many peers it was sent to (0 is not an error). */
  publish(topic: string, data: Uint8Array): Promise<number>
  /** Remote peers currently known to subscribe to `topic`. */
  subscribers(topic: string): string[]
  /** Calls `listener` whenever the remote subscriber set of `topic` may have changed; returns an unsubscribe function. */
  onSubscribersChange(topic: string, listener: () => void): () => void
  /** Largest `data` `publish` accepts, in bytes (gossipsub's inbound limit on every peer). */
  readonly maxMessageSize: number
}
