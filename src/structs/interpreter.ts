/**
 * The table interpreter: decodes and encodes any StructDef by walking its fields. The generated
 * codecs do the same work unrolled; this is the fallback for tables only known at run time (vendor
 * structs a user declares) and the cross-check the property tests run against the generated code.
 */
import type { BitsField, FieldDef, FlexField, ScalarKind, StructDef } from '../../spec-tables/schema.js';
import {
  U64_MAX,
  U128_MAX,
  type Where,
  checkArray,
  checkBigInt64,
  checkBigUint,
  checkBytes,
  checkInt,
  checkUint,
  copyOut,
  elementSize,
  enumValue,
  derivedBytes,
  derivedCount,
  flexCount,
  flexItems,
  fromBytes,
  namesOf,
  pick,
  notAnObject,
  notBytes,
  readAscii,
  readU24,
  readUuid,
  readWord,
  readWordBig,
  shortBuffer,
  trailerOf,
  unknownField,
  withPath,
  writeAscii,
  writeBits,
  writeU24,
  writeU128,
  writeUuid,
} from './runtime.js';
import { hasFlex, validateTable } from './validate.js';

type Obj = Record<string, unknown>;

function dvOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

// --- decode -------------------------------------------------------------------------------------

function readScalar(kind: ScalarKind, dv: DataView, b: Uint8Array, o: number): number | bigint {
  switch (kind) {
    case 'u8':
      return b[o]!;
    case 'i8':
      return dv.getInt8(o);
    case 'u16':
      return dv.getUint16(o, true);
    case 'i16':
      return dv.getInt16(o, true);
    case 'u24':
      return readU24(b, o);
    case 'u32':
      return dv.getUint32(o, true);
    case 'i32':
      return dv.getInt32(o, true);
    case 'u64':
      return dv.getBigUint64(o, true);
    case 'i64':
      return dv.getBigInt64(o, true);
    case 'u128':
      // Through the DataView, not the codecs' byte-wise readU128: the interpreter cross-checks them.
      return (dv.getBigUint64(o + 8, true) << 64n) | dv.getBigUint64(o, true);
  }
}

function named(e: Readonly<Record<number, string>> | undefined, v: number): number | string {
  return (e ? e[v] : undefined) ?? v;
}

function readBits(f: BitsField, b: Uint8Array, o: number): Obj {
  const out: Obj = {};
  if (f.bytes <= 4) {
    const w = readWord(b, o, f.bytes);
    for (const r of f.bits) {
      const v = Math.floor(w / 2 ** r.lsb) % 2 ** r.width;
      out[r.name] = r.width === 1 ? v === 1 : named(r.enum, v);
    }
  } else {
    const w = readWordBig(b, o, f.bytes);
    for (const r of f.bits) {
      const v = (w >> BigInt(r.lsb)) & ((1n << BigInt(r.width)) - 1n);
      out[r.name] = r.width === 1 ? v === 1n : r.width <= 32 ? named(r.enum, Number(v)) : v;
    }
  }
  return out;
}

function readElement(of: FlexField['of'] | NonNullable<unknown>, dv: DataView, b: Uint8Array, o: number): unknown {
  if (typeof of === 'string') return readScalar(of as ScalarKind, dv, b, o);
  const el = of as { type?: string; size: number; pad?: string };
  if (el.type === 'ascii') return readAscii(b, o, el.size, el.pad === 'nul');
  return readStruct(of as StructDef, dv, b, o, b.length);
}

function readField(f: FieldDef, dv: DataView, b: Uint8Array, o: number): unknown {
  switch (f.type) {
    case 'bits':
      return readBits(f, b, o);
    case 'bytes':
      return b.subarray(o, o + f.size);
    case 'ascii':
      return readAscii(b, o, f.size, f.pad === 'nul');
    case 'uuid':
      return readUuid(b, o);
    case 'struct':
      return readStruct(f.struct, dv, b, o, b.length);
    case 'array': {
      const n = elementSize(f.of);
      const arr: unknown[] = new Array(f.count);
      for (let i = 0; i < f.count; i++) arr[i] = readElement(f.of, dv, b, o + i * n);
      return arr;
    }
    case 'reserved':
    case 'flex':
    case 'trailer':
      return undefined;
    default: {
      const v = readScalar(f.type, dv, b, o);
      return f.enum && typeof v === 'number' ? named(f.enum, v) : v;
    }
  }
}

function readStruct(def: StructDef, dv: DataView, b: Uint8Array, o: number, lim: number): Obj {
  const out: Obj = {};
  const trailer = trailerOf(def);
  const tsize = trailer ? trailer.struct.size : 0;
  for (const f of def.fields) {
    if (f.type === 'reserved' || f.type === 'trailer') continue;
    if (f.type === 'flex') {
      const cv = f.count === 'rest' ? undefined : (out[f.count.field] as number);
      const count = flexCount(def, f, cv, lim - o - def.size - tsize);
      const at = o + f.offset;
      const n = elementSize(f.of);
      if (f.of === 'u8') out[f.name] = b.subarray(at, at + count);
      else {
        const arr: unknown[] = new Array(count);
        for (let i = 0; i < count; i++) arr[i] = readElement(f.of, dv, b, at + i * n);
        out[f.name] = arr;
      }
      if (trailer) Object.assign(out, readStruct(trailer.struct, dv, b, at + count * n, lim));
      continue;
    }
    out[f.name] = readField(f, dv, b, o + f.offset);
  }
  for (const d of derivedBytes(def)) out[d.name] = BigInt(out[d.from] as number | bigint) * d.scale;
  return out;
}

/** Bytes the struct occupies in `b` at `o` (fixed part, flexible elements, trailer). */
function extent(def: StructDef, b: Uint8Array, o: number, lim: number): number {
  const flex = def.fields.find((f): f is FlexField => f.type === 'flex');
  if (!flex) return def.size;
  const tsize = trailerOf(def)?.struct.size ?? 0;
  if (flex.count === 'rest') return lim - o;
  const cf = def.fields.find((f) => f.name === (flex.count as { field: string }).field)!;
  const cv = Number(readScalar(cf.type as ScalarKind, dvOf(b), b, o + cf.offset));
  return def.size + flexCount(def, flex, cv, lim - o - def.size - tsize) * elementSize(flex.of) + tsize;
}

function hasViews(def: StructDef): boolean {
  return def.fields.some(
    (f) =>
      f.type === 'bytes' ||
      (f.type === 'flex' && (f.of === 'u8' || (typeof f.of === 'object' && hasViews(f.of)))) ||
      (f.type === 'struct' && hasViews(f.struct)) ||
      (f.type === 'array' && typeof f.of === 'object' && 'fields' in f.of && hasViews(f.of)),
  );
}

/**
 * Decode `def` from `bytes` at `offset`. Byte fields are views of one private copy of the struct's
 * bytes, so later changes to `bytes` do not show through. Bytes past the struct are ignored; the
 * caller checks exact lengths with `sizeOf`.
 */
export function decode(def: StructDef, bytes: Uint8Array, offset = 0): Obj {
  validateTable(def);
  if (!(bytes instanceof Uint8Array)) throw notBytes(def, bytes);
  const lim = bytes.length;
  const min = minSize(def);
  if (offset < 0 || lim - offset < min) throw shortBuffer(def, offset, Math.max(0, lim - offset), min);
  const end = offset + extent(def, bytes, offset, lim);
  if (hasViews(def)) {
    const copy = copyOut(bytes, offset, end);
    return readStruct(def, dvOf(copy), copy, 0, copy.length);
  }
  return readStruct(def, dvOf(bytes), bytes, offset, end);
}

// --- encode -------------------------------------------------------------------------------------

function writeScalar(kind: ScalarKind, dv: DataView, b: Uint8Array, o: number, v: unknown, w: Where): void {
  switch (kind) {
    case 'u8':
      b[o] = checkUint(v, 0xff, w);
      return;
    case 'i8':
      dv.setInt8(o, checkInt(v, 8, w));
      return;
    case 'u16':
      dv.setUint16(o, checkUint(v, 0xffff, w), true);
      return;
    case 'i16':
      dv.setInt16(o, checkInt(v, 16, w), true);
      return;
    case 'u24':
      writeU24(b, o, checkUint(v, 0xffffff, w));
      return;
    case 'u32':
      dv.setUint32(o, checkUint(v, 0xffffffff, w), true);
      return;
    case 'i32':
      dv.setInt32(o, checkInt(v, 32, w), true);
      return;
    case 'u64':
      dv.setBigUint64(o, checkBigUint(v, U64_MAX, w), true);
      return;
    case 'i64':
      dv.setBigInt64(o, checkBigInt64(v, w), true);
      return;
    case 'u128':
      writeU128(dv, o, checkBigUint(v, U128_MAX, w));
      return;
  }
}

function writeElement(of: unknown, dv: DataView, b: Uint8Array, o: number, v: unknown, w: Where): void {
  if (typeof of === 'string') return writeScalar(of as ScalarKind, dv, b, o, v, w);
  const el = of as { type?: string; size: number; pad?: string };
  if (el.type === 'ascii') return writeAscii(b, o, el.size, el.pad === 'nul', v as string, w);
  try {
    writeStruct(of as StructDef, dv, b, o, v);
  } catch (e) {
    throw withPath(e, { name: w.struct } as StructDef, w.field);
  }
}

function writeField(def: StructDef, f: FieldDef, dv: DataView, b: Uint8Array, o: number, v: unknown): void {
  const w: Where = { struct: def.name, field: f.name, offset: f.offset };
  switch (f.type) {
    case 'bits':
      return writeBits(def, f, b, o, v, w);
    case 'bytes':
      b.set(checkBytes(v, f.size, w), o);
      return;
    case 'ascii':
      return writeAscii(b, o, f.size, f.pad === 'nul', v as string, w);
    case 'uuid':
      return writeUuid(b, o, v as string, w);
    case 'struct':
      try {
        writeStruct(f.struct, dv, b, o, v);
      } catch (e) {
        throw withPath(e, def, f.name);
      }
      return;
    case 'array': {
      const arr = checkArray(v, f.count, w);
      const n = elementSize(f.of);
      for (let i = 0; i < arr.length; i++) writeElement(f.of, dv, b, o + i * n, arr[i], { ...w, field: `${f.name}[${i}]` });
      return;
    }
    case 'reserved':
    case 'flex':
    case 'trailer':
      return;
    default:
      writeScalar(f.type, dv, b, o, f.enum ? enumValue(v, namesOf(f.enum), w) : v, w);
  }
}

function checkKeys(def: StructDef, val: Obj): void {
  const trailer = trailerOf(def);
  const derived = derivedBytes(def).map((d) => d.name);
  for (const k in val) {
    if (val[k] === undefined || derived.includes(k)) continue;
    const f = def.fields.find((x) => x.name === k) ?? trailer?.struct.fields.find((x) => x.name === k);
    if (!f || f.type === 'reserved' || f.type === 'trailer') throw unknownField(def, k);
  }
}

function writeStruct(def: StructDef, dv: DataView, b: Uint8Array, o: number, v: unknown): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) throw notAnObject(def, '', v);
  const val = v as Obj;
  checkKeys(def, val);
  const flex = def.fields.find((f): f is FlexField => f.type === 'flex');
  const items = flex ? flexItems(def, flex, val[flex.name]) : undefined;
  const derived = flex && items && flex.count !== 'rest' ? derivedCount(def, flex, items.length, val[flex.count.field]) : undefined;
  const scaled = derivedBytes(def);
  for (const f of def.fields) {
    if (f.type === 'reserved' || f.type === 'flex' || f.type === 'trailer') continue;
    const sd = scaled.find((d) => d.from === f.name);
    const raw = sd ? fromBytes(val[f.name], val[sd.name], sd, { struct: def.name, field: f.name, offset: f.offset }) : val[f.name];
    const x = derived !== undefined && flex?.count !== 'rest' && f.name === flex?.count.field ? derived : raw;
    if (x === undefined) continue;
    writeField(def, f, dv, b, o + f.offset, x);
  }
  if (flex && items) {
    const at = o + flex.offset;
    if (flex.of === 'u8') b.set(items as Uint8Array, at);
    else {
      const n = elementSize(flex.of);
      for (let i = 0; i < items.length; i++) {
        writeElement(flex.of, dv, b, at + i * n, items[i], { struct: def.name, field: `${flex.name}[${i}]`, offset: at + i * n });
      }
    }
    const trailer = trailerOf(def);
    if (trailer) {
      const keys = [...trailer.struct.fields.map((x) => x.name), ...derivedBytes(trailer.struct).map((d) => d.name)];
      writeStruct(trailer.struct, dv, b, at + items.length * elementSize(flex.of), pick(val, keys));
    }
  }
}

/** Encoded size of `value`: the fixed size plus its flexible elements. */
export function sizeOf(def: StructDef, value: unknown): number {
  const flex = def.fields.find((f): f is FlexField => f.type === 'flex');
  if (!flex) return def.size;
  if (typeof value !== 'object' || value === null) throw notAnObject(def, '', value);
  const items = flexItems(def, flex, (value as Obj)[flex.name]);
  return def.size + items.length * elementSize(flex.of) + (trailerOf(def)?.struct.size ?? 0);
}

/** The fewest bytes a struct can take: its fixed part and its trailer. */
export function minSize(def: StructDef): number {
  return def.size + (trailerOf(def)?.struct.size ?? 0);
}

/** Encode `value` (missing fields are zero, reserved bytes are zero, counts are derived). */
export function encode(def: StructDef, value: unknown): Uint8Array {
  validateTable(def);
  const b = new Uint8Array(sizeOf(def, value));
  writeStruct(def, dvOf(b), b, 0, value);
  return b;
}

/** Encode into `target` at `offset`; returns the bytes written. */
export function encodeInto(def: StructDef, value: unknown, target: Uint8Array, offset = 0): number {
  validateTable(def);
  const n = sizeOf(def, value);
  if (offset < 0 || target.length - offset < n) throw shortBuffer(def, offset, Math.max(0, target.length - offset), n);
  target.fill(0, offset, offset + n);
  writeStruct(def, dvOf(target), target, offset, value);
  return n;
}

export { hasFlex };
