/**
 * Primitives shared by the generated codecs and the interpreter: the reads and writes DataView has
 * no method for (24- and 128-bit, ASCII, UUID), the generated decoders' 64-bit reads, value checks,
 * and the error builders. Both code paths call these, so they agree by construction on everything
 * but field order and the scalar reads (DataView in the interpreter, bytes in the generated code).
 */
import type { BitsField, FieldDef, FlexField, StructDef, TrailerField } from '../../spec-tables/schema.js';
import { CxlNvmeError } from '../errors.js';

export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

export function readU24(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
}

export function writeU24(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
}

// 64-bit reads copy the 8 bytes into a scratch word and read that through its own DataView, made
// once: on Node 20 constructing a DataView over the payload costs about 80 ns, more than decoding a
// small reply's scalar fields, so the generated decoders make none and read 8-, 16- and 32-bit
// fields straight from the bytes (bench/README.md). The DataView keeps the byte order explicit
// (a BigUint64Array would read in host order).
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

function load8(b: Uint8Array, o: number): void {
  scratch[0] = b[o]!;
  scratch[1] = b[o + 1]!;
  scratch[2] = b[o + 2]!;
  scratch[3] = b[o + 3]!;
  scratch[4] = b[o + 4]!;
  scratch[5] = b[o + 5]!;
  scratch[6] = b[o + 6]!;
  scratch[7] = b[o + 7]!;
}

export function readU64(b: Uint8Array, o: number): bigint {
  load8(b, o);
  return scratchView.getBigUint64(0, true);
}

export function readI64(b: Uint8Array, o: number): bigint {
  load8(b, o);
  return scratchView.getBigInt64(0, true);
}

export function readU128(b: Uint8Array, o: number): bigint {
  return (readU64(b, o + 8) << 64n) | readU64(b, o);
}

export function writeU128(dv: DataView, o: number, v: bigint): void {
  dv.setBigUint64(o, v & U64_MAX, true);
  dv.setBigUint64(o + 8, v >> 64n, true);
}

/** Little-endian unsigned word of 1..8 bytes as a bigint (bit words wider than 32 bits). */
export function readWordBig(b: Uint8Array, o: number, n: number): bigint {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]!);
  return v;
}

export function writeWordBig(b: Uint8Array, o: number, n: number, v: bigint): void {
  for (let i = 0; i < n; i++) {
    b[o + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Little-endian unsigned word of 1..4 bytes as a number. */
export function readWord(b: Uint8Array, o: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[o + i]!;
  return v;
}

export function writeWord(b: Uint8Array, o: number, n: number, v: number): void {
  for (let i = 0; i < n; i++) {
    b[o + i] = v & 0xff;
    v = Math.floor(v / 256);
  }
}

// Small private copies come out of a shared slab, as Node's Buffer pool does: allocating a fresh
// ArrayBuffer costs more than copying a few KiB. A decoded value keeps its slab alive, so only
// copies up to SLAB_MAX go there; larger ones get their own buffer.
const SLAB_SIZE = 64 * 1024;
const SLAB_MAX = 8 * 1024;
let slab = new Uint8Array(SLAB_SIZE);
let slabUsed = 0;

/** A private copy of bytes[start, end): what decoded byte fields are views of. */
export function copyOut(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n > SLAB_MAX) return bytes.slice(start, end);
  if (slabUsed + n > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  out.set(bytes.subarray(start, end));
  // Keep copies 8-byte aligned: a caller's typed-array view over one (a BigUint64Array) needs it.
  slabUsed = (slabUsed + n + 7) & ~7;
  return out;
}

/** End (exclusive) of the text in a fixed ASCII field: NUL-padded ends at the first NUL, space-padded drops trailing spaces and NULs. */
function asciiEnd(b: Uint8Array, o: number, n: number, nulPadded: boolean): number {
  const lim = o + n;
  let end = o;
  if (nulPadded) {
    while (end < lim && b[end] !== 0) end++;
  } else {
    end = lim;
    while (end > o && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
  }
  return end;
}

/**
 * Fixed-width ASCII field, decoded as latin1 (one byte, one UTF-16 unit: a malformed device string
 * still round-trips). One String.fromCharCode call builds a flat string; a char-by-char loop builds a
 * rope that V8 flattens later at a higher cost. (TextDecoder('latin1') is windows-1252 and would map
 * 80h-9Fh differently.)
 */
export function readAscii(b: Uint8Array, o: number, n: number, nulPadded: boolean): string {
  const end = asciiEnd(b, o, n, nulPadded);
  return String.fromCharCode.apply(null, b.subarray(o, end) as unknown as number[]);
}

/**
 * A fixed ASCII field of at most 16 bytes (firmware revisions, NVMe `fr`): one String.fromCharCode
 * call with exactly as many codes as the text has, so the result is flat and needs no slice (the
 * slice of a whole-field string cost 25-40 ns more, bench/README.md).
 */
export function readAsciiShort(b: Uint8Array, o: number, n: number, nulPadded: boolean): string {
  const c = String.fromCharCode;
  switch (asciiEnd(b, o, n, nulPadded) - o) {
    case 0:
      return '';
    case 1:
      return c(b[o]!);
    case 2:
      return c(b[o]!, b[o + 1]!);
    case 3:
      return c(b[o]!, b[o + 1]!, b[o + 2]!);
    case 4:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
    case 5:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!);
    case 6:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!);
    case 7:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!);
    case 8:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!);
    case 9:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!);
    case 10:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!);
    case 11:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!, b[o + 10]!);
    case 12:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!, b[o + 10]!, b[o + 11]!);
    case 13:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!, b[o + 10]!, b[o + 11]!, b[o + 12]!);
    case 14:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!, b[o + 10]!, b[o + 11]!, b[o + 12]!, b[o + 13]!);
    case 15:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!, b[o + 10]!, b[o + 11]!, b[o + 12]!, b[o + 13]!, b[o + 14]!);
    case 16:
      return c(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!, b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!, b[o + 8]!, b[o + 9]!, b[o + 10]!, b[o + 11]!, b[o + 12]!, b[o + 13]!, b[o + 14]!, b[o + 15]!);
    default:
      return readAscii(b, o, n, nulPadded);
  }
}

/**
 * Trim a field the generated code read whole with one inline String.fromCharCode(b[o], ..., b[o+n-1])
 * (short fields: no subarray, no apply).
 */
export function trimAscii(s: string, b: Uint8Array, o: number, n: number, nulPadded: boolean): string {
  const len = asciiEnd(b, o, n, nulPadded) - o;
  return len === n ? s : s.slice(0, len);
}

export function writeAscii(b: Uint8Array, o: number, n: number, nulPadded: boolean, s: string, where: Where): void {
  if (typeof s !== 'string') throw badType(where, 'a string', s);
  if (s.length > n) throw rangeError(where, `${s.length} characters do not fit in ${n} bytes`, s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw rangeError(where, `character ${JSON.stringify(s[i])} at index ${i} is not ASCII`, s);
    b[o + i] = c;
  }
  // Encode targets start zeroed, so NUL padding is already there.
  if (!nulPadded) b.fill(0x20, o + s.length, o + n);
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

const HEX_HI = new Uint8Array(256);
const HEX_LO = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  HEX_HI[i] = HEX[i]!.charCodeAt(0);
  HEX_LO[i] = HEX[i]!.charCodeAt(1);
}

/**
 * 16 bytes as written, formatted 8-4-4-4-12 (RFC 4122 string order, as CXL and the kernel use). One
 * String.fromCharCode over 36 codes: concatenating 20 pieces costs about four times as much.
 */
// One-entry cache: a reply's UUIDs repeat (every event record of a kind, every log or feature entry
// of a device), and comparing 16 bytes costs a fraction of formatting them.
const lastUuidBytes = new Uint8Array(16);
let lastUuid = '00000000-0000-0000-0000-000000000000';

export function readUuid(b: Uint8Array, o: number): string {
  let same = true;
  for (let i = 0; i < 16; i++) {
    if (b[o + i] !== lastUuidBytes[i]) {
      same = false;
      break;
    }
  }
  if (same) return lastUuid;
  for (let i = 0; i < 16; i++) lastUuidBytes[i] = b[o + i]!;
  lastUuid = formatUuid(b, o);
  return lastUuid;
}

function formatUuid(b: Uint8Array, o: number): string {
  const H = HEX_HI;
  const L = HEX_LO;
  const x0 = b[o]!, x1 = b[o + 1]!, x2 = b[o + 2]!, x3 = b[o + 3]!, x4 = b[o + 4]!, x5 = b[o + 5]!, x6 = b[o + 6]!, x7 = b[o + 7]!;
  const x8 = b[o + 8]!, x9 = b[o + 9]!, x10 = b[o + 10]!, x11 = b[o + 11]!, x12 = b[o + 12]!, x13 = b[o + 13]!, x14 = b[o + 14]!, x15 = b[o + 15]!;
  // biome-ignore format: one code per byte nibble, dashes (2Dh) at the 8-4-4-4-12 boundaries
  return String.fromCharCode(
    H[x0]!, L[x0]!, H[x1]!, L[x1]!, H[x2]!, L[x2]!, H[x3]!, L[x3]!, 0x2d,
    H[x4]!, L[x4]!, H[x5]!, L[x5]!, 0x2d, H[x6]!, L[x6]!, H[x7]!, L[x7]!, 0x2d,
    H[x8]!, L[x8]!, H[x9]!, L[x9]!, 0x2d,
    H[x10]!, L[x10]!, H[x11]!, L[x11]!, H[x12]!, L[x12]!, H[x13]!, L[x13]!, H[x14]!, L[x14]!, H[x15]!, L[x15]!,
  );
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** A UUID as 36 characters (8-4-4-4-12) or 32 hex digits, or 16 bytes. */
export function writeUuid(b: Uint8Array, o: number, v: string | Uint8Array, where: Where): void {
  if (v instanceof Uint8Array) {
    if (v.length !== 16) throw rangeError(where, `a UUID is 16 bytes, got ${v.length}`, v);
    b.set(v, o);
    return;
  }
  if (typeof v === 'string' && (v.length === 36 || v.length === 32)) {
    const dashed = v.length === 36;
    let j = 0;
    let i = 0;
    for (; i < 16; i++) {
      if (dashed && (i === 4 || i === 6 || i === 8 || i === 10) && v.charCodeAt(j++) !== 0x2d) break;
      const hi = hexDigit(v.charCodeAt(j));
      const lo = hexDigit(v.charCodeAt(j + 1));
      if ((hi | lo) < 0) break;
      b[o + i] = (hi << 4) | lo;
      j += 2;
    }
    if (i === 16) return;
  }
  throw badType(where, 'a UUID string (8-4-4-4-12 hex) or 16 bytes', v);
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

/** Where an encode fault is: struct name and field path. */
export interface Where {
  readonly struct: string;
  readonly field: string;
  readonly offset: number;
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (Array.isArray(v)) return `array(${v.length})`;
  return String(v);
}

export function rangeError(where: Where, why: string, value: unknown): CxlNvmeError {
  return new CxlNvmeError('CODEC_RANGE', `${where.struct}.${where.field}: ${why} (value ${show(value)})`, {
    ...where,
    value,
  });
}

export function badType(where: Where, wanted: string, value: unknown): CxlNvmeError {
  return new CxlNvmeError('CODEC_BAD_TYPE', `${where.struct}.${where.field}: expected ${wanted}, got ${show(value)}`, {
    ...where,
    value,
  });
}

export function unknownField(struct: StructDef, key: string): CxlNvmeError {
  const known = struct.fields.filter((f) => f.type !== 'reserved').map((f) => f.name);
  return new CxlNvmeError('CODEC_UNKNOWN_FIELD', `${struct.name} has no field '${key}' (fields: ${known.join(', ')})`, {
    struct: struct.name,
    field: key,
  });
}

export function notAnObject(struct: StructDef, field: string, v: unknown): CxlNvmeError {
  return new CxlNvmeError('CODEC_BAD_TYPE', `${struct.name}${field ? `.${field}` : ''}: expected an object, got ${show(v)}`, {
    struct: struct.name,
    field,
    value: v,
  });
}

/** Decode was handed something other than bytes. */
export function notBytes(def: StructDef, v: unknown): CxlNvmeError {
  return new CxlNvmeError('CODEC_BAD_TYPE', `${def.name}: decode needs a Uint8Array (or Buffer), got ${show(v)}`, { struct: def.name, value: v });
}

/** The field containing (or first crossing) byte `rel` of a struct, for error messages. */
function fieldAt(def: StructDef, rel: number): FieldDef | undefined {
  for (const f of def.fields) {
    const size = fieldSize(f);
    if (rel < f.offset + size || f.type === 'flex' || f.type === 'trailer') return f;
  }
  return undefined;
}

/** Byte width of each scalar kind. */
const SCALAR_SIZE: Readonly<Record<string, number>> = { u8: 1, i8: 1, u16: 2, i16: 2, u24: 3, u32: 4, i32: 4, u64: 8, i64: 8, u128: 16 };

/** Size in bytes of a fixed field (flex: one element). */
export function fieldSize(f: FieldDef): number {
  switch (f.type) {
    case 'uuid':
      return 16;
    case 'bits':
      return f.bytes;
    case 'bytes':
    case 'ascii':
    case 'reserved':
      return f.size;
    case 'struct':
    case 'trailer':
      return f.struct.size;
    case 'array':
      return elementSize(f.of) * f.count;
    case 'flex':
      return elementSize(f.of);
    default:
      return SCALAR_SIZE[f.type]!;
  }
}

/** Size of one array or flexible-array element: a scalar kind, an ASCII element or a struct. */
export function elementSize(of: string | { readonly size: number }): number {
  if (typeof of === 'object') return of.size;
  const n = SCALAR_SIZE[of];
  if (n === undefined) throw new CxlNvmeError('CODEC_BAD_TABLE', `unknown element kind '${of}'`, { kind: of });
  return n;
}

/**
 * Decode needed `need` bytes at `offset` but only `have` remain. Names the first field that does
 * not fit, so "idCtrl.psd: need 4096 bytes at offset 0, have 2050" says where the buffer ended.
 */
export function shortBuffer(def: StructDef, start: number, have: number, need: number, field?: string): CxlNvmeError {
  const f = field ?? fieldAt(def, have)?.name ?? '(end)';
  return new CxlNvmeError(
    'CODEC_SHORT_BUFFER',
    `${def.name}.${f}: need ${need} bytes at offset ${start}, have ${have}`,
    { struct: def.name, field: f, offset: start, needed: need, available: have },
  );
}

export function badCount(def: StructDef, field: string, why: string, context: Record<string, unknown>): CxlNvmeError {
  return new CxlNvmeError('CODEC_BAD_COUNT', `${def.name}.${field}: ${why}`, { struct: def.name, field, ...context });
}

/** Re-address an error thrown inside a nested struct or element to the outer struct and full path. */
export function withPath(e: unknown, outer: StructDef, prefix: string): unknown {
  if (e instanceof CxlNvmeError && typeof e.context.field === 'string') {
    const field = `${prefix}.${e.context.field}`;
    const inner = `${String(e.context.struct)}.${e.context.field}:`;
    const message = e.message.startsWith(inner) ? `${outer.name}.${field}:${e.message.slice(inner.length)}` : e.message;
    return new CxlNvmeError(e.code, message, { ...e.context, struct: outer.name, field });
  }
  return e;
}

// --- scalar checks (encode) -------------------------------------------------------------------

export function checkUint(v: unknown, max: number, where: Where): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badType(where, 'an integer', v);
  if (v < 0 || v > max) throw rangeError(where, `out of range 0..${max}`, v);
  return v;
}

export function checkInt(v: unknown, bits: number, where: Where): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badType(where, 'an integer', v);
  const lim = 2 ** (bits - 1);
  if (v < -lim || v >= lim) throw rangeError(where, `out of range ${-lim}..${lim - 1}`, v);
  return v;
}

/** 64/128-bit unsigned: bigint, or a safe-integer number for convenience. */
export function checkBigUint(v: unknown, max: bigint, where: Where): bigint {
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
  else throw badType(where, 'a bigint', v);
  if (b < 0n || b > max) throw rangeError(where, `out of range 0..${max}`, v);
  return b;
}

export function checkBigInt64(v: unknown, where: Where): bigint {
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
  else throw badType(where, 'a bigint', v);
  if (b < I64_MIN || b > I64_MAX) throw rangeError(where, `out of range ${I64_MIN}..${I64_MAX}`, v);
  return b;
}

export function checkBool(v: unknown, where: Where): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  throw badType(where, 'a boolean', v);
}

export function checkBytes(v: unknown, max: number, where: Where): Uint8Array {
  if (!(v instanceof Uint8Array)) throw badType(where, 'a Uint8Array', v);
  if (v.length > max) throw rangeError(where, `${v.length} bytes do not fit in ${max}`, v);
  return v;
}

export function checkArray(v: unknown, max: number, where: Where): readonly unknown[] {
  if (!Array.isArray(v)) throw badType(where, 'an array', v);
  if (v.length > max) throw rangeError(where, `${v.length} elements do not fit in ${max}`, v);
  return v;
}

/** Enum-valued field on encode: a known name or a raw number. */
export function enumValue(v: unknown, names: Readonly<Record<string, number>>, where: Where): unknown {
  if (typeof v === 'string') {
    const n = names[v];
    if (n === undefined) throw rangeError(where, `unknown name (known: ${Object.keys(names).join(', ')})`, v);
    return n;
  }
  return v;
}

/** Reverse an enum table once: name -> value. */
export function enumNames(e: Readonly<Record<number, string>>): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [k, name] of Object.entries(e)) out[name] = Number(k);
  return Object.freeze(out);
}

// --- shared encode helpers for compound kinds -----------------------------------------------------

const enumNameCache = new WeakMap<object, Readonly<Record<string, number>>>();
/** Name -> value for an enum table, computed once per table. */
export function namesOf(e: Readonly<Record<number, string>>): Readonly<Record<string, number>> {
  let n = enumNameCache.get(e);
  if (!n) {
    n = enumNames(e);
    enumNameCache.set(e, n);
  }
  return n;
}

/** Write a bits word from an object of named ranges; absent ranges and unnamed bits are zero. */
export function writeBits(def: StructDef, f: BitsField, b: Uint8Array, o: number, v: unknown, w: Where): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw notAnObject(def, w.field, v);
  const val = v as Record<string, unknown>;
  for (const k in val) {
    if (val[k] !== undefined && !f.bits.some((r) => r.name === k)) throw unknownField(def, `${w.field}.${k}`);
  }
  let word = 0n;
  for (const r of f.bits) {
    let x = val[r.name];
    if (x === undefined) continue;
    const rw: Where = { ...w, field: `${w.field}.${r.name}` };
    if (r.enum) x = enumValue(x, namesOf(r.enum), rw);
    let n: bigint;
    if (r.width === 1) n = checkBool(x, rw) ? 1n : 0n;
    else if (r.width <= 32) n = BigInt(checkUint(x, 2 ** r.width - 1, rw));
    else n = checkBigUint(x, (1n << BigInt(r.width)) - 1n, rw);
    word |= n << BigInt(r.lsb);
  }
  if (f.bytes <= 4) writeWord(b, o, f.bytes, Number(word));
  else writeWordBig(b, o, f.bytes, word);
}

/** The elements given for a flexible array (absent = none), checked against its maximum. */
export function flexItems(def: StructDef, f: FlexField, v: unknown): ArrayLike<unknown> {
  const w: Where = { struct: def.name, field: f.name, offset: f.offset };
  if (v === undefined) return [];
  if (f.of === 'u8') return checkBytes(v, f.max ?? Number.MAX_SAFE_INTEGER, w);
  return checkArray(v, f.max ?? Number.MAX_SAFE_INTEGER, w);
}

/** The count field's value for `length` elements; a given count that disagrees is an error. */
export function derivedCount(def: StructDef, f: FlexField, length: number, given: unknown): number {
  if (f.count === 'rest') return length;
  const n = f.count.unit === 'bytes' ? length * elementSize(f.of) : length;
  if (given !== undefined && given !== n) {
    throw badCount(def, f.count.field, `is ${String(given)} but ${f.name} has ${length} elements (${n} ${f.count.unit})`, {
      count: given,
      actual: n,
    });
  }
  return n;
}

/** Number of flex elements present, checked against the buffer and the declared maximum. */
export function flexCount(def: StructDef, f: FlexField, countValue: number | undefined, available: number): number {
  const n = elementSize(f.of);
  let count: number;
  if (f.count === 'rest') {
    if (available % n !== 0) {
      throw badCount(def, f.name, `${available} trailing bytes are not a whole number of ${n}-byte elements`, { available, elementSize: n });
    }
    count = available / n;
  } else {
    const raw = countValue ?? 0;
    if (f.count.unit === 'bytes') {
      if (raw % n !== 0) throw badCount(def, f.name, `byte count ${raw} (${f.count.field}) is not a multiple of the ${n}-byte element`, { count: raw, elementSize: n });
      count = raw / n;
    } else count = raw;
    if (count * n > available) {
      throw shortBuffer(def, def.size, available + def.size, def.size + count * n, f.name);
    }
  }
  if (f.max !== undefined && count > f.max) {
    throw badCount(def, f.name, `${count} elements exceed the maximum of ${f.max}`, { count, max: f.max });
  }
  return count;
}

/** The struct's trailer (a fixed struct after its flexible array), if it has one. */
export function trailerOf(def: StructDef): TrailerField | undefined {
  const last = def.fields[def.fields.length - 1];
  return last?.type === 'trailer' ? last : undefined;
}

/** The fields of `from` named in `keys`, for handing a trailer its own part of a flat value. */
export function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** The fields a decoded value shows: the struct's own, then its trailer's (flattened, as in C). */
export function visibleFields(def: StructDef): FieldDef[] {
  const own = def.fields.filter((f) => f.type !== 'reserved' && f.type !== 'trailer');
  const t = trailerOf(def);
  return t ? [...own, ...t.struct.fields.filter((f) => f.type !== 'reserved')] : own;
}

/**
 * Units that are a fixed number of bytes: a field in such a unit also decodes as `<name>Bytes`, a
 * bigint byte count (CXL capacities in 256 MiB, CXL r3.1 §8.2.9.9.1.1; NVMe data units of 1000 x
 * 512 B, NVMe Base 2.0c Figure 207; 64-byte cache lines of poison records, §8.2.9.9.4.1).
 */
export const BYTE_UNITS: Readonly<Record<string, bigint>> = { '256MiB': 1n << 28n, '64B': 64n, '128B': 128n, '512000B': 512000n };

export interface DerivedBytes {
  /** The raw field. */
  readonly from: string;
  /** The derived key: `${from}Bytes`. */
  readonly name: string;
  readonly scale: bigint;
  /** The raw field decodes as a bigint (64/128-bit) rather than a number. */
  readonly big: boolean;
}

/** The byte-count fields a struct derives from its unit-scaled scalars. */
export function derivedBytes(def: StructDef): DerivedBytes[] {
  const out: DerivedBytes[] = [];
  for (const f of visibleFields(def)) {
    if (!('unit' in f) || f.unit === undefined || f.type === 'array') continue;
    const scale = BYTE_UNITS[f.unit];
    if (scale !== undefined) out.push({ from: f.name, name: `${f.name}Bytes`, scale, big: f.type === 'u64' || f.type === 'u128' || f.type === 'i64' });
  }
  return out;
}

/**
 * Encode side of a derived byte count: the raw value to write, from the raw field, the byte count,
 * or both when they agree.
 */
export function fromBytes(raw: unknown, bytes: unknown, d: DerivedBytes, w: Where): unknown {
  if (bytes === undefined) return raw;
  // The common case, re-encoding a decoded value: both given and consistent, one multiply.
  if (typeof bytes === 'bigint' && typeof raw === 'bigint' && raw * d.scale === bytes) return raw;
  if (typeof bytes === 'bigint' && typeof raw === 'number' && BigInt(raw) * d.scale === bytes) return raw;
  const bw = { ...w, field: d.name };
  // No cap here: a 128-bit count of 512000-byte units exceeds 2^128 bytes. The raw field's own
  // range check applies to the units written.
  const b = checkBigUint(bytes, 1n << 256n, bw);
  if (b % d.scale !== 0n) throw rangeError(bw, `${b} bytes is not a whole number of ${d.scale}-byte units`, bytes);
  const units = b / d.scale;
  if (raw !== undefined) {
    const r = typeof raw === 'bigint' ? raw : typeof raw === 'number' && Number.isInteger(raw) ? BigInt(raw) : undefined;
    if (r !== units) throw rangeError(bw, `disagrees with ${d.from} (${String(raw)} units)`, bytes);
    return raw;
  }
  return d.big ? units : Number(units);
}
