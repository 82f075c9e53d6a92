/** Number of bytes of the unsigned LEB128 varint for `n` (0 ≤ n < 2^53). */
export function varintLength (n: number): number {
  // Comparisons for the common sizes: every frame, command and field is sized with this.
  if (n < 0x80) return 1
  if (n < 0x4000) return 2
  if (n < 0x200000) return 3
  if (n < 0x10000000) return 4
  let len = 5
  for (n = Math.floor(n / 0x800000000); n > 0; n = Math.floor(n / 0x80)) len++
  return len
}

/** Writes `n` as an unsigned LEB128 varint into `buf` at `offset`; returns the offset after it. */
export function writeVarint (n: number, buf: Uint8Array, offset: number): number {
  while (n > 0x7fffffff) {
    buf[offset++] = (n % 0x80) | 0x80
    n = Math.floor(n / 0x80)
  }
  // Below 2^31 shifts are exact (and much cheaper than division).
  while (n >= 0x80) {
    buf[offset++] = (n & 0x7f) | 0x80
    n >>>= 7
  }
  buf[offset++] = n
  return offset
}
