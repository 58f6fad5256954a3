/**
 * Source text of the generated decoders' scalar reads (used by gen-codec.ts; tested on their own in
 * test/structs/gen-reads.test.ts, since some kinds, i8 and i64, appear in no table yet).
 */
import type { ScalarKind } from '../spec-tables/schema.js';

/** `base + n` as source text, folding a constant into one already there (`o + 48` + 1 is `o + 49`). */
export function off(base: string, n: number): string {
  if (n === 0) return base;
  const m = /^(.+) \+ (\d+)$/.exec(base);
  return m ? `${m[1]} + ${Number(m[2]) + n}` : `${base} + ${n}`;
}

/**
 * A scalar read straight from the bytes: 8-, 16- and 32-bit values are composed inline (V8 compiles
 * them to a few loads), 64- and 128-bit ones go through runtime.readU64. No DataView: creating one
 * per decode cost more than all the scalar reads of a small reply (bench/README.md).
 */
export function scalarRead(kind: ScalarKind, o: string, b = 'b'): string {
  const at = (k: number) => `${b}[${off(o, k)}]!`;
  const u16 = `${at(0)} | (${at(1)} << 8)`;
  const i32 = `${at(0)} | (${at(1)} << 8) | (${at(2)} << 16) | (${at(3)} << 24)`;
  switch (kind) {
    case 'u8':
      return at(0);
    case 'i8':
      return `((${at(0)} << 24) >> 24)`;
    case 'u16':
      return `(${u16})`;
    case 'i16':
      return `(((${u16}) << 16) >> 16)`;
    case 'u24':
      return `readU24(${b}, ${o})`;
    case 'u32':
      return `((${i32}) >>> 0)`;
    case 'i32':
      return `(${i32})`;
    case 'u64':
      return `readU64(${b}, ${o})`;
    case 'i64':
      return `readI64(${b}, ${o})`;
    case 'u128':
      return `readU128(${b}, ${o})`;
  }
}

