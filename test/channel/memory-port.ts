/**
 * An in-memory PubSubPort test double: a tiny bus linking several ports in one process. Deliveries
 * are asynchronous (a microtask) and pass through `bus.intercept`, which can drop, hold (to release
 * later in any order) or duplicate them. Unit tests only; the real thing is gossipsub.
 */
import type { PubSubPort, TopicHandlers, TopicMessage, Validation } from '../../src/node/pubsub-port.js'

export interface Delivery {
  from: string
  to: string
  topic: string
  data: Uint8Array
}

export type Fate = 'deliver' | 'drop' | 'hold' | 'duplicate'

export class MemoryBus {
  readonly ports = new Map<string, MemoryPort>()
  /** Decides what happens to each delivery. Default: deliver. */
  intercept: (d: Delivery) => Fate = () => 'deliver'
  /** Deliveries held by `intercept`, in hold order. */
  readonly held: Delivery[] = []
  /** Every publish, in order. */
  readonly published: Array<{ from: string, topic: string, data: Uint8Array }> = []
  /** Every validator verdict, in order. */
  readonly verdicts: Validation[] = []

  port (id: string, maxMessageSize = 1024 * 1024): MemoryPort {
    const p = new MemoryPort(this, id, maxMessageSize)
    this.ports.set(id, p)
    return p
  }

  /** Delivers held deliveries chosen by `pick` (all by default) in the given order (`reverse` flips it). */
  release (options: { reverse?: boolean, pick?: (d: Delivery, i: number) => boolean } = {}): number {
    const chosen: Delivery[] = []
    for (let i = 0; i < this.held.length; i++) {
      if (options.pick === undefined || options.pick(this.held[i]!, i)) chosen.push(this.held[i]!)
    }
    for (const d of chosen) this.held.splice(this.held.indexOf(d), 1)
    if (options.reverse === true) chosen.reverse()
    for (const d of chosen) this.deliverNow(d)
    return chosen.length
  }

  /** Delivers `data` to port `to` as if `from` had published it on `topic` (bypasses `intercept`). */
  inject (to: string, topic: string, from: string, data: Uint8Array): void {
    this.deliverNow({ from, to, topic, data })
  }

  /** Runs the receiving port's validator, then its onMessage if accepted (synchronously). */
  deliverNow (d: Delivery): void {
    const h = this.ports.get(d.to)?.handlers.get(d.topic)
    if (h === undefined) return
    const msg: TopicMessage = { from: d.from, data: d.data }
    const verdict = h.validate?.(msg) ?? 'accept'
    this.verdicts.push(verdict)
    if (verdict === 'accept') h.onMessage(msg)
  }

  /** Subscriber changes notify every other port's listeners. */
  changed (topic: string, except: string): void {
    for (const p of this.ports.values()) if (p.selfId !== except) p.notify(topic)
  }
}

export class MemoryPort implements PubSubPort {
  readonly selfId: string
  readonly maxMessageSize: number
  readonly handlers = new Map<string, TopicHandlers>()
  readonly #bus: MemoryBus
  readonly #listeners = new Map<string, Set<() => void>>()
  /** subscribe/unsubscribe calls, for assertions. */
  readonly calls: string[] = []

  constructor (bus: MemoryBus, id: string, maxMessageSize: number) {
    this.#bus = bus
    this.selfId = id
    this.maxMessageSize = maxMessageSize
  }

  subscribe (topic: string, handlers: TopicHandlers): void {
    this.calls.push(`subscribe ${topic}`)
    const had = this.handlers.has(topic)
    this.handlers.set(topic, handlers)
    if (!had) this.#bus.changed(topic, this.selfId)
  }

  unsubscribe (topic: string): void {
    this.calls.push(`unsubscribe ${topic}`)
    if (this.handlers.delete(topic)) this.#bus.changed(topic, this.selfId)
  }

  async publish (topic: string, data: Uint8Array): Promise<number> {
    if (data.length > this.maxMessageSize) throw new Error(`memory port: ${data.length} > ${this.maxMessageSize}`)
    this.#bus.published.push({ from: this.selfId, topic, data })
    const targets = this.subscribers(topic)
    await Promise.resolve()
    for (const to of targets) {
      const d: Delivery = { from: this.selfId, to, topic, data }
      const fate = this.#bus.intercept(d)
      if (fate === 'drop') continue
      if (fate === 'hold') { this.#bus.held.push(d); continue }
      this.#bus.deliverNow(d)
      if (fate === 'duplicate') this.#bus.deliverNow(d)
    }
    return targets.length
  }

  subscribers (topic: string): string[] {
    const r: string[] = []
    for (const p of this.#bus.ports.values()) if (p !== this && p.handlers.has(topic)) r.push(p.selfId)
    return r
  }

  onSubscribersChange (topic: string, listener: () => void): () => void {
    let set = this.#listeners.get(topic)
    if (set === undefined) { set = new Set(); this.#listeners.set(topic, set) }
    set.add(listener)
    return () => { set.delete(listener) }
  }

  notify (topic: string): void {
    for (const l of [...(this.#listeners.get(topic) ?? [])]) l()
  }

  /** Listeners registered for `topic` (to check nothing leaks). */
  listenerCount (topic: string): number {
    return this.#listeners.get(topic)?.size ?? 0
  }
}
