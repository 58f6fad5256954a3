/**
 * The generated decoders read scalars straight from the bytes (scripts/gen-reads.ts) and 64-bit
 * values through runtime.readU64 / readI64, with no DataView over the payload. These tests run the
 * emitted expression for every scalar kind, including those no table uses yet (i8, i64), against
 * DataView's own little-endian reads on random bytes, and the short-ASCII reader against the
 * general one. (Evaluating generated source here is test-only; the package never does.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScalarKind } from '../../spec-tables/schema.js';
import { off, scalarRead } from '../../scripts/gen-reads.js';
import { readAscii, readAsciiShort, readI64, readU24, readU64, readU128 } from '../../src/structs/runtime.js';

const KINDS: readonly ScalarKind[] = ['u8', 'i8', 'u16', 'i16', 'u24', 'u32', 'i32', 'u64', 'i64', 'u128'];

function reference(kind: ScalarKind, b: Uint8Array, o: number): number | bigint {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (kind) {
    case 'u8':
      return dv.getUint8(o);
    case 'i8':
      return dv.getInt8(o);
    case 'u16':
      return dv.getUint16(o, true);
    case 'i16':
      return dv.getInt16(o, true);
    case 'u24':
      return dv.getUint16(o, true) + dv.getUint8(o + 2) * 0x10000;
    case 'u32':
      return dv.getUint32(o, true);
    case 'i32':
      return dv.getInt32(o, true);
    case 'u64':
      return dv.getBigUint64(o, true);
    case 'i64':
      return dv.getBigInt64(o, true);
    case 'u128':
      return (dv.getBigUint64(o + 8, true) << 64n) | dv.getBigUint64(o, true);
  }
}

/** The emitted TypeScript expression as a JavaScript function of (b, o): `]!` non-null marks dropped. */
function compile(kind: ScalarKind, base: string): (b: Uint8Array, o: number) => number | bigint {
  const js = scalarRead(kind, base).replaceAll(']!', ']');
  return new Function('readU24', 'readU64', 'readI64', 'readU128', `return (b, o) => ${js};`)(readU24, readU64, readI64, readU128);
}

describe('generated scalar reads', () => {
  it('fold a constant into the base offset', () => {
    expect(off('o', 0)).toBe('o');
    expect(off('o', 3)).toBe('o + 3');
    expect(off('o + 48', 1)).toBe('o + 49');
    expect(off('o + 16 + i * 4', 2)).toBe('o + 16 + i * 4 + 2');
    expect(scalarRead('u16', 'o + 48')).toBe('(b[o + 48]! | (b[o + 49]! << 8))');
  });

  it('read the all-ones and sign-bit patterns as DataView does', () => {
    const ones = new Uint8Array(16).fill(0xff);
    const sign = new Uint8Array(16);
    sign[0] = 0x80;
    expect(compile('i8', 'o')(sign, 0)).toBe(-128);
    expect(compile('u32', 'o')(ones, 0)).toBe(0xffffffff);
    expect(compile('i32', 'o')(ones, 0)).toBe(-1);
    expect(compile('i16', 'o')(ones, 0)).toBe(-1);
    expect(compile('u64', 'o')(ones, 0)).toBe(0xffff_ffff_ffff_ffffn);
    expect(compile('i64', 'o')(ones, 0)).toBe(-1n);
    expect(compile('u128', 'o')(ones, 0)).toBe((1n << 128n) - 1n);
    const hi = new Uint8Array(8);
    hi[7] = 0x80;
    expect(compile('i64', 'o')(hi, 0)).toBe(-(1n << 63n));
    expect(compile('u64', 'o')(hi, 0)).toBe(1n << 63n);
  });

  for (const kind of KINDS) {
    it(`${kind} agrees with DataView at any offset, with a constant folded into the base`, () => {
      const plain = compile(kind, 'o');
      const folded = compile(kind, 'o + 3');
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 48, maxLength: 48 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 4 }), (bytes, o, skew) => {
          // A view that does not start at its buffer's first byte, as a payload inside a message is.
          const b = bytes.subarray(skew);
          expect(plain(b, o)).toBe(reference(kind, b, o));
          expect(folded(b, o)).toBe(reference(kind, b, o + 3));
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('readAsciiShort', () => {
  // Bytes drawn mostly from padding and a few letters, so every text length 0..n occurs.
  const byte = fc.constantFrom(0x00, 0x20, 0x41, 0x7e, 0xe9);
  for (let n = 1; n <= 16; n++) {
    it(`matches readAscii on ${n}-byte fields, NUL and space padded`, () => {
      fc.assert(
        fc.property(fc.array(byte, { minLength: n + 2, maxLength: n + 2 }), (codes) => {
          const b = Uint8Array.from(codes);
          for (const nul of [true, false]) expect(readAsciiShort(b, 1, n, nul)).toBe(readAscii(b, 1, n, nul));
        }),
        { numRuns: 100 },
      );
    });
  }

  it('reads a fully used field and a NUL-padded one', () => {
    const b = new TextEncoder().encode('0123456789ABCDEF');
    expect(readAsciiShort(b, 0, 16, true)).toBe('0123456789ABCDEF');
    const fw = new Uint8Array(16);
    fw.set(new TextEncoder().encode('BWFW VERSION 01'));
    expect(readAsciiShort(fw, 0, 16, true)).toBe('BWFW VERSION 01');
    expect(readAsciiShort(fw, 0, 16, false)).toBe('BWFW VERSION 01');
  });
});
