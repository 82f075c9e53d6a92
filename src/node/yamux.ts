import { yamux } from '@chainsafe/libp2p-yamux'
import { StreamState } from '@chainsafe/libp2p-yamux/stream'

type YamuxFactory = ReturnType<typeof yamux>

/** The part of a yamux stream this module adjusts (internal to @chainsafe/libp2p-yamux 8). */
export interface YamuxStreamShape {
  state?: unknown
  recvWindow?: unknown
  recvWindowCapacity?: unknown
  sendWindowUpdate?: unknown
  getSendFlags?: unknown
  sendResume?: unknown
  /** The reading side's status, kept by @libp2p/utils' AbstractMessageStream. */
  readStatus?: unknown
}

/** The part of a yamux muxer this module adjusts: the factory of its streams. */
interface YamuxMuxerShape {
  _newStream?: unknown
}

/**
 * Streams made in this process: `tuned` got {@link windowUpdateWanted}, `untouched` did not have
 * the known shape (a yamux version this was not written for). Of the window updates the library
 * would have sent on established streams, `held` were held back and `due` went out. Tests watch
 * `untouched`.
 */
export const yamuxTuning = { tuned: 0, untouched: 0, held: 0, due: 0 }

/**
 * Whether a yamux receiver should tell the sender about the window it freed, as hashicorp/yamux
 * (Go) and rust-yamux decide it: only once at least half the window is used up, or when the
 * update must carry flags (the stream's first frames). The JS library sends one after *every*
 * data frame it receives, so each frame costs the network a second one going back — encrypted,
 * written, woken up for and decrypted by the other side. The sender is never starved by waiting:
 * it still holds at least half a window whenever the receiver holds back an update.
 */
export function windowUpdateWanted (state: number, recvWindow: number, recvWindowCapacity: number): boolean {
  if (state !== StreamState.Established) return true // paused, or flags to send: the library decides
  return recvWindow - recvWindowCapacity >= recvWindow / 2
}

/** The read buffer a yamux stream may hold before it aborts (the library's default, 4 MiB). */
const MAX_READ_BUFFER = 4 * 1024 * 1024

/**
 * `yamux()` from @chainsafe/libp2p-yamux with three changes.
 *
 * - Window updates as other yamux implementations send them ({@link windowUpdateWanted}) instead
 *   of one per data frame received — measured at 4 % of a consumer peer's CPU in the queue
 *   benchmark for the updates alone, before the other side's cost of receiving them. Same frames
 *   and flow control otherwise (the library's own update code runs whenever an update is due,
 *   including its window auto-tuning). Applied only to streams with exactly the internal shape
 *   this was written against (yamux 8); any other is left as the library made it.
 * - The receive window grows to at most the read buffer limit (4 MiB), not the library's 16 MiB:
 *   a window is what the sender may send unasked, so with a larger one a reader that pauses (as
 *   our framed streams do when their consumer falls behind) gets more than its buffer holds, and
 *   the library aborts the stream (tested). Options given here win.
 * - A stream paused again while its resume hands out what was buffered stays paused for the
 *   sender: the library reopens the window after that hand-out whatever it did, so a reader that
 *   pauses from its message handler (ours do) let the sender overrun its buffer. (tested)
 *
 * All three worth reporting upstream.
 */
export function batchedYamux (init: Parameters<typeof yamux>[0] = {}): YamuxFactory {
  const readBuffer = init.streamOptions?.maxReadBufferLength ?? MAX_READ_BUFFER
  const inner = yamux({ ...init, streamOptions: { maxReadBufferLength: readBuffer, maxStreamWindowSize: readBuffer, ...init.streamOptions } })
  return () => {
    const muxerFactory = inner()
    const createStreamMuxer = muxerFactory.createStreamMuxer.bind(muxerFactory)
    muxerFactory.createStreamMuxer = (maConn) => {
      const muxer = createStreamMuxer(maConn)
      tuneMuxer(muxer as unknown as YamuxMuxerShape)
      return muxer
    }
    return muxerFactory
  }
}

function tuneMuxer (muxer: YamuxMuxerShape): void {
  const newStream = muxer._newStream
  if (typeof newStream !== 'function') {
    yamuxTuning.untouched++
    return
  }
  muxer._newStream = function (this: unknown, ...args: unknown[]) {
    const stream = newStream.apply(this, args) as YamuxStreamShape
    tuneStream(stream)
    return stream
  }
}

/** Gives a stream the batched window update; false (nothing changed) if its shape is not the known one. */
export function tuneStream (stream: YamuxStreamShape): boolean {
  const original = stream.sendWindowUpdate
  const resume = stream.sendResume
  if (typeof original !== 'function' || typeof resume !== 'function' || typeof stream.getSendFlags !== 'function' || typeof stream.state !== 'number' ||
      typeof stream.recvWindow !== 'number' || typeof stream.recvWindowCapacity !== 'number' || typeof stream.readStatus !== 'string') {
    yamuxTuning.untouched++
    return false
  }
  stream.sendResume = function (this: YamuxStreamShape) {
    // resume() calls this after handing out the buffer, even when a handler paused it meanwhile.
    if (this.readStatus !== 'paused') resume.call(this)
  }
  stream.sendWindowUpdate = function (this: YamuxStreamShape) {
    const state = this.state as number
    if (windowUpdateWanted(state, this.recvWindow as number, this.recvWindowCapacity as number)) {
      if (state === StreamState.Established) yamuxTuning.due++
      original.call(this)
    } else {
      yamuxTuning.held++
    }
  }
  yamuxTuning.tuned++
  return true
}
