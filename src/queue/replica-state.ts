import type { Entry } from '../raft/storage.js'
import type { StateMachine } from '../raft/driver/index.js'
import { QueueStateMachine } from './state/index.js'
import type { QueueConfig, QueueResult } from './state/index.js'

/**
 * What a queue group's `propose` resolves with: the command's result and, for a lease, the
 * payloads handed out (read right after the lease applied, before anything later could remove
 * them). For a batch, `parts` holds the same for each of its commands, in order.
 */
export interface AppliedResult {
  result: QueueResult
  payloads?: Uint8Array[]
  parts?: AppliedResult[]
}

/**
 * Binds a {@link QueueStateMachine} to the Raft driver's {@link StateMachine} interface and tells
 * the owner about every applied result (lease deadlines, acks that waiters expect, room freed) —
 * for a batch, about each of its commands' results. `restore` replaces the machine, so always
 * reach it through {@link machine}.
 */
export class ReplicaStateMachine implements StateMachine<AppliedResult> {
  private sm: QueueStateMachine
  /** Called after every applied command (each command of a batch), on every replica (the owner uses it). */
  onApplied: ((result: QueueResult) => void) | undefined

  constructor (config: Partial<QueueConfig>) {
    this.sm = new QueueStateMachine(config)
  }

  get machine (): QueueStateMachine {
    return this.sm
  }

  apply (entry: Entry): AppliedResult {
    const parts: AppliedResult[] = []
    const result = this.sm.apply(entry, r => {
      const sm = this.sm
      parts.push(r.command === 'lease' ? { result: r, payloads: r.deliveries.map(d => sm.payloadOf(d.id) ?? new Uint8Array(0)) } : { result: r })
      try {
        this.onApplied?.(r)
      } catch {
        // The owner's bookkeeping must never stop a replica from applying.
      }
    })
    return result.command === 'batch' ? { result, parts } : parts[0] ?? { result }
  }

  /** Serialized in slices, so a large queue does not hold the event loop (see {@link QueueStateMachine.snapshotInSlices}). */
  async snapshot (): Promise<Uint8Array> {
    return await this.sm.snapshotInSlices()
  }

  restore (data: Uint8Array): void {
    this.sm = QueueStateMachine.restore(data)
  }
}
