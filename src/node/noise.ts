import { noise } from '@chainsafe/libp2p-noise'
import type { ConnectionEncrypter, SecuredConnection } from '@libp2p/interface'

type NoiseFactory = ReturnType<typeof noise>

/** What the decoder hands a length reader: bytes, or a list of chunks (any uint8arraylist version). */
type Buffered = Uint8Array | { readonly byteLength: number, get: (index: number) => number }

/** The part of a secured Noise connection this module adjusts (internal to @chainsafe/libp2p-noise 17). */
interface NoiseDecoderShape {
  decoder?: { lengthDecoder?: unknown, buffer?: unknown, encodingLength?: unknown }
}

/**
 * A length no buffer of under 2 bytes can hold: the decoder computes a frame of 3 bytes, sees it
 * lacks them and waits for more data, exactly as when it caught the RangeError before.
 */
const NEED_MORE = 1

/**
 * The 2-byte big-endian length of a Noise transport message, without exceptions: answers
 * {@link NEED_MORE} when fewer than 2 bytes are buffered, and reads the bytes in place (the
 * library's reader allocates a sublist and a DataView for them).
 */
export function noiseFrameLength (data: Buffered): number {
  if (data.byteLength < 2) return NEED_MORE
  return data instanceof Uint8Array ? (data[0] << 8) | data[1] : (data.get(0) << 8) | data.get(1)
}

/**
 * `noise()` from @chainsafe/libp2p-noise, with one cost of its receive path removed. Its decoder
 * learns that a received chunk is used up by calling a length reader that throws a RangeError on
 * an empty buffer and catching it: one exception, stack trace included (≈ 5 µs), for every chunk
 * read from TCP — measured at 3 % of each process's CPU in the queue benchmark. Each secured
 * connection's decoder gets {@link noiseFrameLength} instead; same frames out (tested on random
 * splits), no exceptions. Applied only to a connection with exactly the internal shape this was
 * written against (noise 17): any other is left as the library made it, so a new version can
 * never be broken by this, only not sped up. Worth reporting upstream.
 */
export function fastNoise (init?: Parameters<typeof noise>[0]): NoiseFactory {
  const inner = noise(init)
  return (components) => {
    const encrypter = inner(components)
    const tune = <E>(secured: SecuredConnection<E>): SecuredConnection<E> => {
      tuneDecoder(secured.connection as unknown as NoiseDecoderShape)
      return secured
    }
    const wrapped: ConnectionEncrypter<any> = {
      protocol: encrypter.protocol,
      secureInbound: async (connection, options) => tune(await encrypter.secureInbound(connection, options)),
      secureOutbound: async (connection, options) => tune(await encrypter.secureOutbound(connection, options))
    }
    return Object.assign(Object.create(encrypter) as object, wrapped) as ReturnType<NoiseFactory>
  }
}

/**
 * Connections secured in this process: `tuned` got {@link noiseFrameLength}, `untouched` did not
 * have the known shape (a Noise version this was not written for). Tests watch `untouched`.
 */
export const noiseTuning = { tuned: 0, untouched: 0 }

/** Swaps the length reader of a Noise connection's decoder; false (nothing changed) if the shape is not the known one. */
export function tuneDecoder (connection: NoiseDecoderShape): boolean {
  const d = connection.decoder
  if (d === undefined || d === null || typeof d.lengthDecoder !== 'function' || typeof d.encodingLength !== 'function' || d.buffer === undefined ||
      (d.encodingLength as (n: number) => number)(0) !== 2) {
    noiseTuning.untouched++
    return false
  }
  d.lengthDecoder = noiseFrameLength
  noiseTuning.tuned++
  return true
}
