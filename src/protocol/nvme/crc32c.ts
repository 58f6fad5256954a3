/**
 * CRC-32C (Castagnoli), the NVMe-MI Message Integrity Check (NVMe-MI 1.2 §3.1.1.1): polynomial
 * 1EDC6F41h (reflected 82F63B78h), initial value FFFFFFFFh, input and output reflected, final XOR
 * FFFFFFFFh. Check value over ASCII "123456789" is E3069283h. Table-driven, one byte at a time.
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** Continue a raw (non-inverted) CRC register over `bytes`. Start from 0xFFFFFFFF. */
export function crc32cUpdate(crc: number, bytes: Uint8Array): number {
  let c = crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

/** CRC-32C of `bytes` (final value, as an unsigned 32-bit number). */
export function crc32c(bytes: Uint8Array): number {
  return (crc32cUpdate(0xffffffff, bytes) ^ 0xffffffff) >>> 0;
}
