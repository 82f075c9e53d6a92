import { TimeoutError } from './errors.js'

/**
 * Races `promise` against an optional AbortSignal and an optional timeout, rejecting with a
 * {@link TimeoutError} that says what was being waited for. Listeners and timers are always
 * released, so nothing keeps the process alive afterwards.
 */
export async function raceSignal<T> (promise: Promise<T>, options: { signal?: AbortSignal, timeout?: number }, what: string): Promise<T> {
  const { signal, timeout } = options
  if (signal?.aborted === true) throw new TimeoutError(`aborted while ${what}`, { cause: signal.reason })
  if (signal === undefined && timeout === undefined) return promise
  const { promise: stop, reject } = Promise.withResolvers<never>()
  let timer: NodeJS.Timeout | undefined
  const onAbort = (): void => { reject(new TimeoutError(`aborted while ${what}`, { cause: signal?.reason })) }
  signal?.addEventListener('abort', onAbort, { once: true })
  if (timeout !== undefined) timer = setTimeout(() => { reject(new TimeoutError(`timed out after ${timeout} ms ${what}`)) }, timeout)
  try {
    return await Promise.race([promise, stop])
  } finally {
    signal?.removeEventListener('abort', onAbort)
    if (timer !== undefined) clearTimeout(timer)
  }
}

/** Anything listeners can be added to and removed from: a Node EventEmitter, typed or not. */
export interface Listenable<E extends string | symbol> {
  on: (event: E, listener: (...args: any[]) => void) => unknown
  off: (event: E, listener: (...args: any[]) => void) => unknown
}

/**
 * Waits until `emitter` emits `event` with arguments `accept` takes (any, without `accept`), at
 * most `ms` ms, and no longer than `signal` allows. Resolves true if the event came, false on
 * timeout or abort (so retry loops can simply go round again); never rejects, and always removes
 * its listeners and timer. Without an emitter it is a sleep that an abort cuts short.
 */
export async function eventWithin<E extends string | symbol> (emitter: Listenable<E> | undefined, event: E, ms: number, options: { accept?: (...args: any[]) => boolean, signal?: AbortSignal } = {}): Promise<boolean> {
  const { accept, signal } = options
  if (ms <= 0 || signal?.aborted === true) return false
  const { promise, resolve } = Promise.withResolvers<boolean>()
  const timer = setTimeout(() => { resolve(false) }, ms)
  const onEvent = (...args: any[]): void => { if (accept === undefined || accept(...args)) resolve(true) }
  const onAbort = (): void => { resolve(false) }
  emitter?.on(event, onEvent)
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    return await promise
  } finally {
    clearTimeout(timer)
    emitter?.off(event, onEvent)
    signal?.removeEventListener('abort', onAbort)
  }
}
