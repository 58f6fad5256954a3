/**
 * Table checks. The generator runs these on every table, so a table whose offsets, widths and size
 * disagree fails the build; `codecFor` runs them on tables it has not seen (user-defined vendor
 * structs) before interpreting them.
 */
import type { FieldDef, StructDef } from '../../spec-tables/schema.js';
import { CxlNvmeError } from '../errors.js';
import { derivedBytes, elementSize, fieldSize } from './runtime.js';

const NAME_RE = /^[a-z][A-Za-z0-9]*$/;
const SCALAR_MAX_BITS: Record<string, number> = { u8: 8, u16: 16, u24: 24, u32: 32, i8: 8, i16: 16, i32: 32 };

function fail(def: StructDef, field: string, why: string): never {
  throw new CxlNvmeError('CODEC_BAD_TABLE', `table ${def.name}${field ? `.${field}` : ''}: ${why}`, {
    struct: def.name,
    field,
  });
}

function checkEnum(def: StructDef, field: string, e: Readonly<Record<number, string>>, bits: number): void {
  const seen = new Set<string>();
  for (const [k, name] of Object.entries(e)) {
    const n = Number(k);
    if (!Number.isInteger(n) || n < 0 || (bits < 53 && n >= 2 ** bits)) fail(def, field, `enum value ${k} does not fit ${bits} bits`);
    if (seen.has(name)) fail(def, field, `enum name '${name}' is used twice`);
    seen.add(name);
  }
}

function checkField(def: StructDef, f: FieldDef, isLast: boolean, earlier: Map<string, FieldDef>): void {
  if (f.type !== 'reserved' && !NAME_RE.test(f.name)) fail(def, f.name, 'field names are camelCase identifiers');
  switch (f.type) {
    case 'bits': {
      if (!Number.isInteger(f.bytes) || f.bytes < 1 || f.bytes > 8) fail(def, f.name, 'a bits word is 1 to 8 bytes');
      const used = new Set<string>();
      let mask = 0n;
      for (const r of f.bits) {
        if (!NAME_RE.test(r.name)) fail(def, `${f.name}.${r.name}`, 'bit range names are camelCase identifiers');
        if (used.has(r.name)) fail(def, `${f.name}.${r.name}`, 'duplicate bit range name');
        used.add(r.name);
        if (r.width < 1 || r.lsb < 0 || r.lsb + r.width > f.bytes * 8) {
          fail(def, `${f.name}.${r.name}`, `bits ${r.lsb}..${r.lsb + r.width - 1} do not fit a ${f.bytes}-byte word`);
        }
        const m = ((1n << BigInt(r.width)) - 1n) << BigInt(r.lsb);
        if (mask & m) fail(def, `${f.name}.${r.name}`, 'bit ranges overlap');
        mask |= m;
        if (r.enum) checkEnum(def, `${f.name}.${r.name}`, r.enum, r.width);
      }
      break;
    }
    case 'bytes':
    case 'ascii':
    case 'reserved':
      if (!Number.isInteger(f.size) || f.size < 1) fail(def, f.name, 'size must be a positive integer');
      break;
    case 'array':
      if (!Number.isInteger(f.count) || f.count < 1) fail(def, f.name, 'count must be a positive integer');
      if (typeof f.of === 'object' && 'fields' in f.of) validateTable(f.of);
      if (typeof f.of === 'object' && 'fields' in f.of && hasFlex(f.of)) fail(def, f.name, 'array elements cannot end in a flexible array');
      break;
    case 'struct':
      validateTable(f.struct);
      if (hasFlex(f.struct)) fail(def, f.name, 'a nested struct cannot end in a flexible array');
      break;
    case 'trailer': {
      if (!isLast) fail(def, f.name, 'a trailer must be the last field');
      const prev = def.fields[def.fields.length - 2];
      if (prev?.type !== 'flex') fail(def, f.name, 'a trailer must directly follow a flexible array');
      if (f.offset !== def.size) fail(def, f.name, `a trailer floats after the flexible array: its offset is the struct size (${def.size})`);
      validateTable(f.struct);
      if (hasFlex(f.struct)) fail(def, f.name, 'a trailer cannot end in a flexible array');
      for (const tf of f.struct.fields) {
        if (tf.type !== 'reserved' && earlier.has(tf.name)) fail(def, f.name, `trailer field '${tf.name}' clashes with a field of ${def.name}`);
      }
      break;
    }
    case 'flex': {
      const next = def.fields[def.fields.indexOf(f) + 1];
      if (!isLast && next?.type !== 'trailer') fail(def, f.name, 'a flexible array must be the last field (or be followed only by a trailer)');
      if (f.offset !== def.size) fail(def, f.name, `a flexible array starts at the struct size (${def.size}), not ${f.offset}`);
      if (typeof f.of === 'object') {
        validateTable(f.of);
        if (hasFlex(f.of)) fail(def, f.name, 'flexible array elements cannot end in a flexible array');
      }
      if (f.count !== 'rest') {
        const c = earlier.get(f.count.field);
        if (!c) fail(def, f.name, `count field '${f.count.field}' must be an earlier field`);
        if (!(c.type in SCALAR_MAX_BITS)) fail(def, f.name, `count field '${f.count.field}' must be an 8- to 32-bit scalar`);
      }
      if (f.max !== undefined && (!Number.isInteger(f.max) || f.max < 0)) fail(def, f.name, 'max must be a non-negative integer');
      break;
    }
    default:
      if ('enum' in f && f.enum) checkEnum(def, f.name, f.enum, SCALAR_MAX_BITS[f.type] ?? 64);
  }
}

export function hasFlex(def: StructDef): boolean {
  return def.fields.some((f) => f.type === 'flex');
}

const validated = new WeakSet<StructDef>();

/** Throws CODEC_BAD_TABLE unless the fields tile the struct exactly, in order, with valid kinds. */
export function validateTable(def: StructDef): void {
  if (validated.has(def)) return;
  if (!NAME_RE.test(def.name)) fail(def, '', 'struct names are camelCase identifiers');
  if (!Number.isInteger(def.size) || def.size < 0) fail(def, '', 'size must be a non-negative integer');
  if (!def.spec) fail(def, '', 'every table cites its spec section');
  let at = 0;
  const names = new Set<string>();
  const earlier = new Map<string, FieldDef>();
  def.fields.forEach((f, i) => {
    if (names.has(f.name)) fail(def, f.name, 'duplicate field name');
    names.add(f.name);
    if (f.offset !== at) {
      fail(def, f.name, f.offset > at ? `gap: bytes ${at}..${f.offset - 1} are not covered (declare them reserved)` : `overlaps the previous field (offset ${f.offset}, previous field ends at ${at})`);
    }
    checkField(def, f, i === def.fields.length - 1, earlier);
    earlier.set(f.name, f);
    if (f.type !== 'flex' && f.type !== 'trailer') at += fieldSize(f);
  });
  if (at !== def.size) fail(def, '', `fields cover ${at} bytes but the struct size is ${def.size}`);
  for (const d of derivedBytes(def)) if (names.has(d.name)) fail(def, d.name, `clashes with the byte count derived from ${d.from}`);
  validated.add(def);
}

export { elementSize };
