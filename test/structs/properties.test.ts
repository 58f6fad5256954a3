/**
 * Properties every table-driven codec must have, checked for every generated codec:
 * - decode(encode(x)) deep-equals x for random values built from the table;
 * - encode(decode(b)) equals b with reserved bits zeroed, for random bytes (ASCII made canonical);
 * - the generated code and the interpreter agree on random bytes and on random values;
 * - every struct cut short at every length gives a codec-layer CxlNvmeError, never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnumDef, FieldDef, ScalarKind, StructDef } from '../../spec-tables/schema.js';
import { CxlNvmeError } from '../../src/errors.js';
import { type Codec, codecs, interpretedCodec } from '../../src/structs/index.js';
import { derivedBytes, fieldSize, readUuid } from '../../src/structs/runtime.js';

const all = Object.values(codecs) as unknown as Codec<Record<string, unknown>, Record<string, unknown>>[];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

// --- value arbitraries derived from a table ---------------------------------------------------

const BITS: Record<ScalarKind, number> = { u8: 8, u16: 16, u24: 24, u32: 32, u64: 64, u128: 128, i8: 8, i16: 16, i32: 32, i64: 64 };

function named(e: EnumDef | undefined, arb: fc.Arbitrary<number>): fc.Arbitrary<number | string> {
  return e ? arb.map((v) => e[v] ?? v) : arb;
}

function scalarArb(kind: ScalarKind, e?: EnumDef): fc.Arbitrary<unknown> {
  const bits = BITS[kind];
  if (kind === 'u64' || kind === 'u128') return fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
  if (kind === 'i64') return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
  if (kind.startsWith('i')) return fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 });
  return named(e, fc.integer({ min: 0, max: 2 ** bits - 1 }));
}

function asciiArb(size: number, pad: 'space' | 'nul'): fc.Arbitrary<string> {
  const chars = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
  return fc.array(chars, { maxLength: size }).map((a) => {
    const s = a.join('');
    return pad === 'space' ? s.trimEnd() : s;
  });
}

function elemArb(of: unknown): fc.Arbitrary<unknown> {
  if (typeof of === 'string') return scalarArb(of as ScalarKind);
  const o = of as { type?: string; size: number; pad: 'space' | 'nul' };
  if (o.type === 'ascii' && !('fields' in o)) return asciiArb(o.size, o.pad);
  return valueArb(of as StructDef);
}

function fieldArb(f: FieldDef): fc.Arbitrary<unknown> | undefined {
  switch (f.type) {
    case 'reserved':
    case 'trailer':
      return undefined;
    case 'bits': {
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const r of f.bits) {
        rec[r.name] =
          r.width === 1 ? fc.boolean() : r.width > 32 ? fc.bigInt({ min: 0n, max: (1n << BigInt(r.width)) - 1n }) : named(r.enum, fc.integer({ min: 0, max: 2 ** r.width - 1 }));
      }
      return fc.record(rec);
    }
    case 'bytes':
      return fc.uint8Array({ minLength: f.size, maxLength: f.size });
    case 'ascii':
      return asciiArb(f.size, f.pad);
    case 'uuid':
      return fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => readUuid(b, 0));
    case 'struct':
      return valueArb(f.struct);
    case 'array':
      return fc.array(elemArb(f.of), { minLength: f.count, maxLength: f.count });
    case 'flex': {
      const max = Math.min(f.max ?? 4, 4);
      if (f.of === 'u8') return fc.uint8Array({ maxLength: 64 });
      return fc.array(elemArb(f.of), { maxLength: max });
    }
    default:
      return scalarArb(f.type, f.enum);
  }
}

const arbCache = new Map<StructDef, fc.Arbitrary<Record<string, unknown>>>();
function valueArb(def: StructDef): fc.Arbitrary<Record<string, unknown>> {
  let a = arbCache.get(def);
  if (a) return a;
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of def.fields) {
    // A trailer's fields sit in the parent's value, as in C.
    for (const g of f.type === 'trailer' ? f.struct.fields : [f]) {
      const x = fieldArb(g);
      if (x) rec[g.name] = x;
    }
  }
  const flex = def.fields.find((f) => f.type === 'flex');
  const derived = derivedBytes(def);
  a = fc.record(rec).map((v) => {
    // Decoding adds the byte counts derived from unit-scaled fields.
    for (const d of derived) v[d.name] = BigInt(v[d.from] as number | bigint) * d.scale;
    // The decoded value carries the count the encoder derives from the flexible array.
    if (flex && flex.type === 'flex' && flex.count !== 'rest') {
      const items = v[flex.name] as ArrayLike<unknown>;
      const per = flex.count.unit === 'bytes' ? (typeof flex.of === 'object' ? flex.of.size : BITS[flex.of as ScalarKind] / 8) : 1;
      v[flex.count.field] = items.length * per;
    }
    return v;
  });
  arbCache.set(def, a);
  return a;
}

// --- byte masks: which bits of a fixed struct carry data -------------------------------------------

interface Layout {
  mask: Uint8Array;
  ascii: { at: number; size: number; pad: 'space' | 'nul' }[];
}

function layout(def: StructDef, base: number, out: Layout): void {
  for (const f of def.fields) {
    const at = base + f.offset;
    switch (f.type) {
      case 'reserved':
        break;
      case 'bits':
        for (const r of f.bits) for (let i = r.lsb; i < r.lsb + r.width; i++) out.mask[at + (i >> 3)]! |= 1 << (i & 7);
        break;
      case 'ascii':
        out.ascii.push({ at, size: f.size, pad: f.pad });
        out.mask.fill(0xff, at, at + f.size);
        break;
      case 'struct':
        layout(f.struct, at, out);
        break;
      case 'array': {
        const of = f.of as { type?: string; size: number; pad: 'space' | 'nul' };
        const n = typeof f.of === 'string' ? BITS[f.of as ScalarKind] / 8 : of.size;
        for (let i = 0; i < f.count; i++) {
          if (typeof f.of === 'string') out.mask.fill(0xff, at + i * n, at + (i + 1) * n);
          else if (of.type === 'ascii' && !('fields' in of)) {
            out.ascii.push({ at: at + i * n, size: n, pad: of.pad });
            out.mask.fill(0xff, at + i * n, at + (i + 1) * n);
          } else layout(f.of as StructDef, at + i * n, out);
        }
        break;
      }
      case 'flex':
      case 'trailer':
        break;
      default: {
        const size = f.type === 'uuid' ? 16 : f.type === 'bytes' ? f.size : BITS[f.type] / 8;
        out.mask.fill(0xff, at, at + size);
      }
    }
  }
}

/** Make ASCII regions well-formed (printable, padded as the field says) so they round-trip. */
function canonical(def: StructDef, raw: Uint8Array): { bytes: Uint8Array; expected: Uint8Array } {
  const lay: Layout = { mask: new Uint8Array(def.size), ascii: [] };
  layout(def, 0, lay);
  const bytes = raw.slice();
  for (const a of lay.ascii) {
    const len = bytes[a.at]! % (a.size + 1);
    for (let i = 0; i < a.size; i++) bytes[a.at + i] = i < len ? 0x21 + (bytes[a.at + i]! % 94) : a.pad === 'space' ? 0x20 : 0;
  }
  const expected = bytes.map((x, i) => x & lay.mask[i]!);
  return { bytes, expected };
}

const fixed = all.filter((c) => !c.def.fields.some((f) => f.type === 'flex'));

function expectCodecError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CxlNvmeError);
    expect((e as CxlNvmeError).layer).toBe('codec');
    return;
  }
}

describe.each(all.map((c) => [c.name, c] as const))('%s', (_name, codec) => {
  const interp = interpretedCodec(codec.def);

  it('decode(encode(x)) deep-equals x, and both engines encode alike', () => {
    fc.assert(
      fc.property(valueArb(codec.def), (v) => {
        const bytes = codec.encode(v);
        expect(interp.encode(v)).toEqual(bytes);
        expect(bytes.length).toBe(codec.sizeOf(v));
        const back = codec.decode(bytes);
        expect(back).toEqual(v);
        expect(interp.decode(bytes)).toEqual(back);
      }),
      { numRuns: RUNS },
    );
  });

  it('every truncation gives a codec error, never another exception', () => {
    const sample = fc.sample(valueArb(codec.def), { numRuns: 1, seed: 42 })[0]!;
    const bytes = codec.encode(sample);
    const restFlex = codec.def.fields.some((f) => f.type === 'flex' && f.count === 'rest');
    for (let len = 0; len < bytes.length; len++) {
      const cut = bytes.subarray(0, len);
      if (len < codec.def.size) {
        // Inside the fixed part the error names the first field that does not fit.
        const f = codec.def.fields.find((x) => x.type !== 'flex' && x.type !== 'trailer' && len < x.offset + fieldSize(x))!;
        expect(() => codec.decode(cut), `length ${len}`).toThrowError(expect.objectContaining({ code: 'CODEC_SHORT_BUFFER', context: expect.objectContaining({ field: f.name }) }));
      }
      if (len < codec.def.size || !restFlex) {
        expect(() => codec.decode(cut), `length ${len}`).toThrow(CxlNvmeError);
        expectCodecError(() => codec.decode(cut));
        expectCodecError(() => interp.decode(cut));
      } else {
        expectCodecError(() => codec.decode(cut));
      }
    }
  });

  it('random bytes of any length decode to the same result in both engines or fail alike', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: codec.def.size + 300 }), (b) => {
        let a: unknown;
        let ea: unknown;
        try {
          a = codec.decode(b);
        } catch (e) {
          ea = e;
        }
        let i: unknown;
        let ei: unknown;
        try {
          i = interp.decode(b);
        } catch (e) {
          ei = e;
        }
        if (ea || ei) {
          expect(ea).toBeInstanceOf(CxlNvmeError);
          expect(ei).toBeInstanceOf(CxlNvmeError);
          expect((ea as CxlNvmeError).code).toBe((ei as CxlNvmeError).code);
        } else expect(a).toEqual(i);
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(fixed.map((c) => [c.name, c] as const))('%s (fixed size)', (_name, codec) => {
  it('encode(decode(b)) equals b with reserved bits zeroed (all zeros and all ones included)', () => {
    const size = codec.def.size;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: size, maxLength: size }), (raw) => {
        const { bytes, expected } = canonical(codec.def, raw);
        expect(codec.encode(codec.decode(bytes))).toEqual(expected);
      }),
      { numRuns: RUNS, examples: [[new Uint8Array(size)], [new Uint8Array(size).fill(0xff)]] },
    );
  });
  it('all zeros decode to zero values and encode back from an empty input', () => {
    const zero = new Uint8Array(codec.def.size);
    // Space-padded ASCII fields come back as spaces: an empty NVMe string is written padded.
    expect(codec.encode(codec.decode(zero))).toEqual(canonical(codec.def, zero).expected);
    expect(codec.encode({})).toEqual(zero);
  });
});

it('covers every generated codec', () => {
  expect(all.length).toBeGreaterThanOrEqual(14);
});
