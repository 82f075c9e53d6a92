/**
 * Rate limit for "unknown group" notices: at most one per (peer, group) per `interval` ms, and at
 * most `maxEntries` remembered pairs — a peer spraying random group ids can't grow memory, it just
 * stops getting answers until old entries expire.
 */
export class NoticeLimiter {
  /** key → time of the last notice; insertion order is time order (entries are re-inserted on use). */
  private readonly last = new Map<string, number>()

  constructor (private readonly interval = 1000, private readonly maxEntries = 1024, private readonly now: () => number = Date.now) {}

  /** True if a notice to `peer` about `group` may be sent now (and records it). */
  allow (peer: string, group: string): boolean {
    const key = `${peer}\n${group}`
    const t = this.now()
    const prev = this.last.get(key)
    if (prev !== undefined && t - prev < this.interval) return false
    this.last.delete(key)
    if (this.last.size >= this.maxEntries) {
      for (const [k, at] of this.last) {
        if (t - at < this.interval) break
        this.last.delete(k)
      }
      if (this.last.size >= this.maxEntries) return false
    }
    this.last.set(key, t)
    return true
  }
}
