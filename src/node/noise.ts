import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto'
import { noise, type ICryptoInterface } from '@chainsafe/libp2p-noise'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import type { ConnectionEncrypter, SecuredConnection } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { equals } from 'uint8arrays/equals'

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

const CHACHA20_POLY1305 = 'chacha20-poly1305'
const TAG_BYTES = 16

/**
 * From this many bytes on, Node's ChaCha20-Poly1305 beats the library's WebAssembly one — with the
 * key given as a KeyObject (measured: equal at ~700 B; at 4 KB 9.5 µs against 30). The library
 * switches at 1,200 B and hands Node the raw key, which Node checks and imports again for every
 * message: 16 µs for 2 KB where a KeyObject takes 7.
 */
export const NODE_CIPHER_MIN_BYTES = 700

/** Session keys seen, with the KeyObject made of each (the bytes kept to notice a key changed in place). */
const keyObjects = new WeakMap<Uint8Array, { bytes: Uint8Array, key: KeyObject }>()

/** The KeyObject of a Noise session key, made once per key. */
export function sessionKey (k: Uint8Array): KeyObject {
  const known = keyObjects.get(k)
  if (known !== undefined && equals(known.bytes, k)) return known.key
  const entry = { bytes: Uint8Array.from(k), key: createSecretKey(k) }
  keyObjects.set(k, entry)
  return entry.key
}

/**
 * The library's crypto with its transport cipher's large-message path done as above: same
 * algorithm and bytes (tested against the library's), small messages still to WebAssembly.
 */
export const keyedNoiseCrypto: ICryptoInterface = {
  ...defaultCrypto,
  chaCha20Poly1305Encrypt (plaintext, nonce, ad, k) {
    if (plaintext.byteLength < NODE_CIPHER_MIN_BYTES) return defaultCrypto.chaCha20Poly1305Encrypt(plaintext, nonce, ad, k)
    const cipher = createCipheriv(CHACHA20_POLY1305, sessionKey(k), nonce, { authTagLength: TAG_BYTES })
    cipher.setAAD(ad, { plaintextLength: plaintext.byteLength })
    if (plaintext instanceof Uint8Array) {
      const updated = cipher.update(plaintext)
      const final = cipher.final()
      const tag = cipher.getAuthTag()
      return Buffer.concat([updated, final, tag], updated.byteLength + final.byteLength + tag.byteLength)
    }
    const out = new Uint8ArrayList()
    for (const buf of plaintext) out.append(cipher.update(buf))
    const final = cipher.final()
    if (final.byteLength > 0) out.append(final)
    out.append(cipher.getAuthTag())
    return out
  },
  chaCha20Poly1305Decrypt (ciphertext, nonce, ad, k, dst) {
    if (ciphertext.byteLength < NODE_CIPHER_MIN_BYTES) return defaultCrypto.chaCha20Poly1305Decrypt(ciphertext, nonce, ad, k, dst)
    const end = ciphertext.byteLength - TAG_BYTES
    const decipher = createDecipheriv(CHACHA20_POLY1305, sessionKey(k), nonce, { authTagLength: TAG_BYTES })
    decipher.setAAD(ad, { plaintextLength: end })
    decipher.setAuthTag(ciphertext.subarray(end))
    if (ciphertext instanceof Uint8Array) {
      const output = decipher.update(ciphertext.subarray(0, end))
      const final = decipher.final()
      return final.byteLength > 0 ? Buffer.concat([output, final], output.byteLength + final.byteLength) : output
    }
    const out = new Uint8ArrayList()
    for (const buf of ciphertext.sublist(0, end)) out.append(decipher.update(buf))
    const final = decipher.final()
    if (final.byteLength > 0) out.append(final)
    return out
  }
}

/**
 * `noise()` from @chainsafe/libp2p-noise with {@link keyedNoiseCrypto} (unless `init.crypto` says
 * otherwise), and with one cost of its receive path removed. Its decoder
 * learns that a received chunk is used up by calling a length reader that throws a RangeError on
 * an empty buffer and catching it: one exception, stack trace included (≈ 5 µs), for every chunk
 * read from TCP — measured at 3 % of each process's CPU in the queue benchmark. Each secured
 * connection's decoder gets {@link noiseFrameLength} instead; same frames out (tested on random
 * splits), no exceptions. Applied only to a connection with exactly the internal shape this was
 * written against (noise 17): any other is left as the library made it, so a new version can
 * never be broken by this, only not sped up. Worth reporting upstream.
 */
export function fastNoise (init?: Parameters<typeof noise>[0]): NoiseFactory {
  const inner = noise({ crypto: keyedNoiseCrypto, ...init })
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
