// The waiting helpers every retry loop uses: bounded, never leaking listeners or timers.
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { describe, it } from 'node:test'
import { TimeoutError } from '../../src/errors.js'
import { eventWithin, raceSignal } from '../../src/signal.js'

describe('eventWithin', () => {
  it('resolves true on the first accepted event, ignores others, and removes its listener', async () => {
    const e = new EventEmitter()
    const waiting = eventWithin(e, 'placement', 10_000, { accept: (p: { v: number }) => p.v >= 2 })
    assert.equal(e.listenerCount('placement'), 1)
    e.emit('placement', { v: 1 })
    e.emit('placement', { v: 2 })
    assert.equal(await waiting, true)
    assert.equal(e.listenerCount('placement'), 0)
  })

  it('resolves false when the time runs out or the signal aborts, cleaning up either way', async () => {
    const e = new EventEmitter()
    const t0 = Date.now()
    assert.equal(await eventWithin(e, 'leader', 30), false)
    assert.ok(Date.now() - t0 >= 25)
    const ac = new AbortController()
    const waiting = eventWithin(e, 'leader', 10_000, { signal: ac.signal })
    ac.abort()
    assert.equal(await waiting, false)
    assert.equal(e.listenerCount('leader'), 0)
    assert.equal(await eventWithin(e, 'leader', 10_000, { signal: ac.signal }), false) // already aborted
    assert.equal(await eventWithin(e, 'leader', 0), false)
  })

  it('without an emitter is a sleep an abort cuts short', async () => {
    const ac = new AbortController()
    const t0 = Date.now()
    setTimeout(() => { ac.abort() }, 20)
    assert.equal(await eventWithin(undefined, 'leader', 10_000, { signal: ac.signal }), false)
    assert.ok(Date.now() - t0 < 5_000)
  })
})

describe('raceSignal', () => {
  it('passes the value through, or rejects with a TimeoutError saying what was awaited', async () => {
    assert.equal(await raceSignal(Promise.resolve(7), { timeout: 1000 }, 'waiting for seven'), 7)
    await assert.rejects(raceSignal(new Promise(() => {}), { timeout: 20 }, 'waiting for nothing'), (err: Error) => err instanceof TimeoutError && /waiting for nothing/.test(err.message))
    const ac = new AbortController()
    ac.abort()
    await assert.rejects(raceSignal(new Promise(() => {}), { signal: ac.signal }, 'stopping'), TimeoutError)
  })
})
