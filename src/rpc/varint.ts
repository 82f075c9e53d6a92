/** Number of bytes of the unsigned LEB128 varint for `n` (0 ≤ n < 2^53). */
export function varintLength (n: number): number {
  let len = 1
  while (n >= 0x80) {
    n = Math.floor(n / 0x80)
    len++
  }
  return len
}

/** Writes `n` as an unsigned LEB128 varint into `buf` at `offset`; returns the offset after it. */
export function writeVarint (n: number, buf: Uint8Array, offset: number): number {
  while (n >= 0x80) {
    buf[offset++] = (n & 0x7f) | 0x80
    n = Math.floor(n / 0x80)
  }
  buf[offset++] = n
  return offset
}
