/**
 * ReadIndex bookkeeping on the leader (etcd's `readOnly`): each request remembers the commit
 * index when it arrived; it is released once a quorum answered a heartbeat sent after it.
 */

/** A confirmed read: once the caller's applied index reaches `index`, reading local state is linearizable. */
export interface ReadState {
  index: number
  context: Uint8Array
}

interface Pending {
  index: number
  context: Uint8Array
  acks: Set<string>
}

/** Map key for a context; contexts are small opaque byte strings. */
export function contextKey (ctx: Uint8Array): string {
  let s = ''
  for (const b of ctx) s += String.fromCharCode(b)
  return s
}

export class ReadOnly {
  private readonly pending = new Map<string, Pending>()
  private queue: string[] = []

  get size (): number { return this.queue.length }

  /** Returns false for a context already pending (the duplicate is ignored). */
  add (index: number, context: Uint8Array, self: string): boolean {
    const key = contextKey(context)
    if (this.pending.has(key)) return false
    this.pending.set(key, { index, context, acks: new Set([self]) })
    this.queue.push(key)
    return true
  }

  /** Records that `from` answered a heartbeat carrying `context`; returns who acked so far. */
  recvAck (from: string, context: Uint8Array): ReadonlySet<string> | undefined {
    const p = this.pending.get(contextKey(context))
    if (p === undefined) return undefined
    p.acks.add(from)
    return p.acks
  }

  /**
   * Releases the request with `context` and every request queued before it: a quorum confirmed
   * leadership after they all arrived.
   */
  advance (context: Uint8Array): ReadState[] {
    const key = contextKey(context)
    const at = this.queue.indexOf(key)
    if (at < 0) return []
    const released = this.queue.slice(0, at + 1)
    this.queue = this.queue.slice(at + 1)
    const out: ReadState[] = []
    for (const k of released) {
      const p = this.pending.get(k)!
      this.pending.delete(k)
      out.push({ index: p.index, context: p.context })
    }
    return out
  }

  /** The newest pending context, carried by every heartbeat until it is confirmed. */
  lastContext (): Uint8Array | undefined {
    const k = this.queue[this.queue.length - 1]
    return k === undefined ? undefined : this.pending.get(k)!.context
  }

  reset (): void {
    this.pending.clear()
    this.queue = []
  }
}
