/**
 * A compact way to write the few payload layouts the simulator needs that the spec tables do not
 * have (feature data such as Patrol Scrub attributes): plain `StructDef` data
 * (spec-tables/schema.ts) whose reserved gaps are filled in, run through the library's codec
 * (`codecFor`, interpreted). Command payloads always use the table codecs.
 */
import type { FieldDef, StructDef } from '../../../spec-tables/schema.js';
import { type Codec, codecFor } from '../../structs/index.js';

type NonReserved = Exclude<FieldDef, { type: 'reserved' }>;

const SCALAR: Record<string, number> = { u8: 1, u16: 2, u24: 3, u32: 4, u64: 8, u128: 16, i8: 1, i16: 2, i32: 4, i64: 8 };

function width(f: NonReserved): number {
  switch (f.type) {
    case 'bits':
      return f.bytes;
    case 'bytes':
    case 'ascii':
      return f.size;
    case 'uuid':
      return 16;
    case 'struct':
      return f.struct.size;
    case 'array': {
      const of = f.of;
      const e = typeof of === 'string' ? (SCALAR[of] ?? 0) : 'fields' in of ? of.size : of.size;
      return e * f.count;
    }
    case 'flex':
      return 0;
    default:
      return SCALAR[f.type] ?? 0;
  }
}

/** A StructDef from its meaningful fields; gaps become `rsvdN` reserved fields (N = offset). */
export function layout(name: string, size: number, spec: string, fields: readonly NonReserved[]): StructDef {
  const out: FieldDef[] = [];
  let at = 0;
  for (const f of [...fields].sort((a, b) => a.offset - b.offset)) {
    if (f.offset > at) out.push({ name: `rsvd${at}`, offset: at, type: 'reserved', size: f.offset - at });
    out.push(f);
    at = f.offset + width(f);
  }
  if (size > at) out.push({ name: `rsvd${at}`, offset: at, type: 'reserved', size: size - at });
  return { name, size, spec, fields: out };
}

/** Shorthand for a scalar field. */
export function u(name: string, offset: number, type: 'u8' | 'u16' | 'u24' | 'u32' | 'u64' | 'i16'): NonReserved {
  return { name, offset, type };
}

/** The codec for a layout (interpreted; validated once). */
export function codec(def: StructDef): Codec<Record<string, unknown>, Record<string, unknown>> {
  return codecFor(def);
}
