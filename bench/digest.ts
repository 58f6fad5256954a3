/**
 * The canonical digest the codec benchmark's C, ctypes and JavaScript decoders must agree on (the
 * recipe digest_*() in bench/c/decode.c and bench/py/ctypes_decode.py follow).
 */
// Sum mod 2^64 of every leaf: numbers; booleans as 0/1; bigints as low 64 + high 64 bits; strings
// (trimmed text, enum names, UUIDs) as length + sum of char codes; byte arrays as the sum of their bytes.

const M64 = (1n << 64n) - 1n;

export function digest(v: unknown): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') return (v & M64) + (v >> 64n);
  if (typeof v === 'string') {
    let a = BigInt(v.length);
    for (let i = 0; i < v.length; i++) a += BigInt(v.charCodeAt(i));
    return a;
  }
  if (v instanceof Uint8Array) {
    let a = 0n;
    for (const x of v) a += BigInt(x);
    return a;
  }
  if (Array.isArray(v)) return v.reduce((a: bigint, x) => (a + digest(x)) & M64, 0n);
  if (typeof v === 'object' && v !== null) {
    // `<name>Bytes` is derived by the codec from `<name>` (its unit times the value); C and ctypes
    // read only the wire fields, so the digest does too.
    const o = v as Record<string, unknown>;
    return Object.entries(o)
      .filter(([k]) => !(k.endsWith('Bytes') && k.slice(0, -5) in o))
      .reduce((a: bigint, [, x]) => (a + digest(x)) & M64, 0n);
  }
  throw new Error(`digest: unexpected ${typeof v}`);
}

