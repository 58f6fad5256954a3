/**
 * Sample payloads for the codec benchmark: deterministic pseudo-random bytes (so every numeric field
 * is non-zero and the cross-language checks mean something) with realistic strings, enums and
 * counts written over them. Reserved bytes stay random: decoders must ignore them.
 */

/** xorshift32, fixed seed: the same bytes on every run and in every language (they read the files). */
function fill(b: Uint8Array, seed: number): void {
  let x = seed >>> 0 || 1;
  for (let i = 0; i < b.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
}

function ascii(b: Uint8Array, o: number, n: number, s: string, pad: number): void {
  for (let i = 0; i < n; i++) b[o + i] = i < s.length ? s.charCodeAt(i) : pad;
}

/** NVMe Identify Controller (4096 B), as a QEMU NVMe controller would answer, plus noise. */
export function idCtrlPayload(): Uint8Array {
  const b = new Uint8Array(4096);
  fill(b, 0x1d_c7_00_01);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, 0x1b36, true); // vid
  dv.setUint16(2, 0x1af4, true); // ssvid
  ascii(b, 4, 20, 'deadbeef', 0x20); // sn
  ascii(b, 24, 40, 'QEMU NVMe Ctrl with a long model name', 0x20); // mn (37 chars)
  ascii(b, 64, 8, '9.0.0', 0x20); // fr
  b[111] = 1; // cntrltype: io
  ascii(b, 768, 256, 'nqn.2019-08.org.qemu:deadbeef-cafe-0001', 0); // subnqn
  return b;
}

/** CXL Memory Device Identify (69 B). */
export function memdevIdentifyPayload(): Uint8Array {
  const b = new Uint8Array(69);
  fill(b, 0xc0_1d_40_00);
  ascii(b, 0, 16, 'BWFW VERSION 01', 0); // fwRevision (15 chars, NUL padded)
  return b;
}

/** CXL Get Event Records reply with `n` 128-byte records (32 + n * 128 B). */
export function getEventRecordsPayload(n: number): Uint8Array {
  const b = new Uint8Array(32 + n * 128);
  fill(b, 0xe7_e0_01_00);
  const dv = new DataView(b.buffer);
  dv.setUint16(20, n, true); // recordCount
  for (let i = 0; i < n; i++) b[32 + i * 128 + 16] = 128; // length
  return b;
}

export const EVENT_RECORDS = 20;
