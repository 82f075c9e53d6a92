import type { Entry } from '../raft/storage.js'
import type { StateMachine } from '../raft/driver/index.js'
import { QueueStateMachine } from './state/index.js'
import type { QueueConfig, QueueResult } from './state/index.js'

/** What a queue group's `propose` resolves with: the command's result and, for a lease, the payloads handed out (read at apply time, before a later entry could remove them). */
export interface AppliedResult {
  result: QueueResult
  payloads?: Uint8Array[]
}

/**
 * Binds a {@link QueueStateMachine} to the Raft driver's {@link StateMachine} interface and tells
 * the owner about every applied result (lease deadlines, acks that waiters expect, room freed).
 * `restore` replaces the machine, so always reach it through {@link machine}.
 */
export class ReplicaStateMachine implements StateMachine<AppliedResult> {
  private sm: QueueStateMachine
  /** Called after every applied command, on every replica (the owner uses it). */
  onApplied: ((result: QueueResult) => void) | undefined

  constructor (config: Partial<QueueConfig>) {
    this.sm = new QueueStateMachine(config)
  }

  get machine (): QueueStateMachine {
    return this.sm
  }

  apply (entry: Entry): AppliedResult {
    const result = this.sm.apply(entry)
    let payloads: Uint8Array[] | undefined
    if (result.command === 'lease') payloads = result.deliveries.map(d => this.sm.get(d.id)?.payload ?? new Uint8Array(0))
    try {
      this.onApplied?.(result)
    } catch {
      // The owner's bookkeeping must never stop a replica from applying.
    }
    return { result, payloads }
  }

  snapshot (): Uint8Array {
    return this.sm.snapshot()
  }

  restore (data: Uint8Array): void {
    this.sm = QueueStateMachine.restore(data)
  }
}
