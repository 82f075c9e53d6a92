// Small helpers shared by the benchmark scripts.

/** Percentile of a numeric array (nearest-rank), rounded to 0.1 ms. */
export function percentile (values, p) {
  if (values.length === 0) return null
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return Math.round(sorted[rank] * 10) / 10
}

/** Resolves with the first IPC message from `child` that satisfies `match`, or rejects after `ms`. */
export function nextMessage (child, match, ms, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out after ${ms} ms waiting for ${what}`)) }, ms)
    const onMessage = (msg) => { if (match(msg)) { cleanup(); resolve(msg) } }
    const onExit = (code) => { cleanup(); reject(new Error(`child exited with ${code} while waiting for ${what}`)) }
    function cleanup () { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit) }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}
