import { TimeoutError } from '../errors.js'

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
