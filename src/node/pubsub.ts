/**
 * The one module that knows which gossipsub package meshchan runs on.
 *
 * `@libp2p/gossipsub` is ChainSafe's gossipsub as it lives in js-libp2p for libp2p 3.
 * `@chainsafe/libp2p-gossipsub` 14.x is built for libp2p 2 and, under libp2p 3, silently never
 * exchanges subscriptions; when its libp2p 3 port lands, switching back is a change to this file.
 */
import { gossipsub, StrictSign, TopicValidatorResult } from '@libp2p/gossipsub'
import type { GossipSub, GossipsubOpts, Message } from '@libp2p/gossipsub'
import type { PubSubPort, TopicHandlers, TopicMessage, Validation } from './pubsub-port.js'

/** Largest gossipsub RPC frame any meshchan peer accepts. Every peer must agree on it. */
export const MAX_INBOUND_DATA_LENGTH = 4 * 1024 * 1024
/** Room for the RPC's own fields around `data` (topic, from, seqno, key, signature, protobuf tags). */
const RPC_OVERHEAD = 4 * 1024

/** The gossipsub service factory with meshchan's settings. */
export function pubsubService (): ReturnType<typeof gossipsub> {
  const options: Partial<GossipsubOpts> = {
    globalSignaturePolicy: StrictSign,
    emitSelf: false,
    // Channels decide themselves whether to wait for a receiver; publishing to nobody is not an error here.
    allowPublishToZeroTopicPeers: true,
    floodPublish: true,
    maxInboundDataLength: MAX_INBOUND_DATA_LENGTH,
    // Local clusters put many peers on one IP; without this, scoring graylists them (>10 per IP).
    scoreParams: {
      IPColocationFactorWhitelist: new Set(['127.0.0.1', '::1'])
    }
  }
  return gossipsub(options)
}

const VERDICT: Record<Validation, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  reject: TopicValidatorResult.Reject,
  ignore: TopicValidatorResult.Ignore
}

function toTopicMessage (msg: Message): TopicMessage | undefined {
  // StrictSign: unsigned messages never reach us, but the type allows them.
  if (msg.type !== 'signed') return undefined
  return { from: msg.from.toString(), data: msg.data }
}

/** {@link PubSubPort} over a running gossipsub service. */
export class GossipsubPort implements PubSubPort {
  readonly selfId: string
  readonly maxMessageSize = MAX_INBOUND_DATA_LENGTH - RPC_OVERHEAD
  private readonly handlers = new Map<string, TopicHandlers>()
  private readonly listeners = new Map<string, Set<() => void>>()
  private readonly onMessageEvent = (evt: CustomEvent<Message>): void => {
    const handlers = this.handlers.get(evt.detail.topic)
    const message = toTopicMessage(evt.detail)
    if (handlers !== undefined && message !== undefined) handlers.onMessage(message)
  }

  private readonly onSubscriptionChange = (evt: CustomEvent<{ subscriptions: Array<{ topic: string }> }>): void => {
    for (const { topic } of evt.detail.subscriptions) {
      this.notify(topic)
      this.recheckUntilSendable(topic)
    }
  }

  private readonly rechecks = new Map<string, NodeJS.Timeout>()

  constructor (private readonly pubsub: GossipSub, selfId: string) {
    this.selfId = selfId
    pubsub.addEventListener('message', this.onMessageEvent)
    pubsub.addEventListener('subscription-change', this.onSubscriptionChange)
  }

  subscribe (topic: string, handlers: TopicHandlers): void {
    this.handlers.set(topic, handlers)
    const validate = handlers.validate
    if (validate !== undefined) {
      this.pubsub.topicValidators.set(topic, (_peer, msg) => {
        const message = toTopicMessage(msg)
        if (message === undefined) return TopicValidatorResult.Reject
        try {
          return VERDICT[validate(message)]
        } catch {
          return TopicValidatorResult.Reject
        }
      })
    } else {
      this.pubsub.topicValidators.delete(topic)
    }
    this.pubsub.subscribe(topic)
  }

  unsubscribe (topic: string): void {
    this.handlers.delete(topic)
    this.pubsub.topicValidators.delete(topic)
    this.pubsub.unsubscribe(topic)
  }

  async publish (topic: string, data: Uint8Array): Promise<number> {
    const result = await this.pubsub.publish(topic, data)
    return result.recipients.length
  }

  /**
   * Remote subscribers we can actually send to. A peer's subscription can arrive (on its stream)
   * before our own outbound gossipsub stream to it is open, and a publish in that window silently
   * skips the peer; so a subscriber only counts once our outbound stream exists.
   */
  subscribers (topic: string): string[] {
    return this.pubsub.getSubscribers(topic).map(p => p.toString()).filter(id => this.sendable(id))
  }

  private sendable (id: string): boolean {
    // Not public API of gossipsub; if it disappears, fall back to counting every subscriber.
    const outbound = (this.pubsub as unknown as { streamsOutbound?: Map<string, unknown> }).streamsOutbound
    return outbound === undefined || outbound.has(id)
  }

  /**
   * gossipsub emits no event when an outbound stream opens, so while some subscriber of a watched
   * topic is not yet sendable, re-check briefly (every 10 ms, at most 3 s) and notify listeners.
   */
  private recheckUntilSendable (topic: string, attempt = 0): void {
    if (!this.listeners.has(topic) || this.rechecks.has(topic)) return
    const pending = this.pubsub.getSubscribers(topic).some(p => !this.sendable(p.toString()))
    if (!pending || attempt >= 300) return
    const timer = setTimeout(() => {
      this.rechecks.delete(topic)
      this.notify(topic)
      this.recheckUntilSendable(topic, attempt + 1)
    }, 10)
    timer.unref()
    this.rechecks.set(topic, timer)
  }

  onSubscribersChange (topic: string, listener: () => void): () => void {
    let set = this.listeners.get(topic)
    if (set === undefined) {
      set = new Set()
      this.listeners.set(topic, set)
    }
    set.add(listener)
    this.recheckUntilSendable(topic)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic)
    }
  }

  /** A peer left: every topic's subscriber set may have shrunk. */
  peerGone (): void {
    for (const topic of [...this.listeners.keys()]) this.notify(topic)
  }

  close (): void {
    this.pubsub.removeEventListener('message', this.onMessageEvent)
    this.pubsub.removeEventListener('subscription-change', this.onSubscriptionChange)
    this.handlers.clear()
    this.listeners.clear()
    for (const timer of this.rechecks.values()) clearTimeout(timer)
    this.rechecks.clear()
  }

  private notify (topic: string): void {
    const set = this.listeners.get(topic)
    if (set === undefined) return
    for (const listener of [...set]) listener()
  }
}
