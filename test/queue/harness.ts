import { encodeCommand, QueueStateMachine } from '../../src/queue/state/index.js'
import type {
  AckResult, AppliedEntry, CommandBody, CommandInput, CommandMeta, Delivery, ExpireResult, ExtendResult, Fence, LeaseResult, NackResult, PutResult,
  QueueConfig, QueueResult
} from '../../src/queue/state/index.js'

/**
 * Drives a state machine the way a Raft driver would: consecutive indexes, a current term, and an
 * owner clock stamped into each command. Each helper encodes a command, applies it and returns
 * the typed result.
 */
export class Harness {
  sm: QueueStateMachine
  index = 0
  term = 1
  clock = 1_000_000
  /** Every applied entry, to replay on another instance. */
  readonly log: AppliedEntry[] = []

  constructor (config: Partial<QueueConfig> = {}) {
    this.sm = new QueueStateMachine(config)
  }

  /** Apply a command stamped with the harness clock (unless it sets `now`). */
  apply (cmd: Partial<CommandMeta> & CommandBody): QueueResult {
    const data = encodeCommand({ now: this.clock, ...cmd } as CommandInput)
    return this.raw(data)
  }

  raw (data: Uint8Array, type?: 'normal' | 'noop' | 'config'): QueueResult {
    const entry: AppliedEntry = type === undefined ? { index: ++this.index, term: this.term, data } : { index: ++this.index, term: this.term, data, type }
    this.log.push(entry)
    return this.sm.apply(entry)
  }

  tick (ms: number): this {
    this.clock += ms
    return this
  }

  put (id: string, payload: Uint8Array | string = id, extra: { delayUntil?: number, maxDeliveries?: number, producer?: string } = {}): PutResult {
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
    return this.apply({ put: { id, payload: bytes, ...extra } }) as PutResult
  }

  lease (consumer: string, count = 1, leaseMs = 1000): Delivery[] {
    return (this.apply({ lease: { consumer, count, leaseMs } }) as LeaseResult).deliveries
  }

  ack (f: Fence): AckResult {
    return this.apply({ ack: f }) as AckResult
  }

  nack (f: Fence, extra: { delayMs?: number, deadLetter?: boolean, unsent?: boolean } = {}): NackResult {
    return this.apply({ nack: { ...f, ...extra } }) as NackResult
  }

  extend (f: Fence, ms: number): ExtendResult {
    return this.apply({ extend: { ...f, ms } }) as ExtendResult
  }

  expire (max = 0): ExpireResult {
    return this.apply({ expire: { max } }) as ExpireResult
  }
}

export const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b)
