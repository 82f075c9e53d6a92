import type { Entry } from '../../../src/raft/storage.js'

const enc = new TextEncoder()
const dec = new TextDecoder()

/** A fold over applied entries: equal digests at an index mean equal applied histories. */
export function mixDigest (digest: number, e: Entry, key: string): number {
  let h = (digest ^ Math.imul(e.index, 0x9e3779b1) ^ Math.imul(e.term, 0x85ebca6b)) >>> 0
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** Identity of an entry's content, independent of where it sits. */
export function entryKey (e: Entry): string {
  return e.type === 'normal' ? 'n:' + dec.decode(e.data) : e.type === 'noop' ? 'noop' : 'c:' + dec.decode(e.data)
}

export function encodeValue (v: string): Uint8Array {
  return enc.encode(v)
}

/**
 * The simulated application: remembers the values applied (in order) and a digest of every
 * entry applied, and serialises both into snapshots.
 */
export class SimStateMachine {
  index = 0
  digest = 0
  values: string[] = []

  apply (e: Entry, key: string): void {
    this.index = e.index
    this.digest = mixDigest(this.digest, e, key)
    if (e.type === 'normal') this.values.push(key.slice(2))
  }

  snapshotData (): Uint8Array {
    return enc.encode(JSON.stringify({ index: this.index, digest: this.digest, values: this.values }))
  }

  static restore (data: Uint8Array): SimStateMachine {
    const sm = new SimStateMachine()
    const v = JSON.parse(dec.decode(data)) as { index: number, digest: number, values: string[] }
    sm.index = v.index
    sm.digest = v.digest
    sm.values = v.values
    return sm
  }
}
