/**
 * Check a table against a C struct layout measured by compiling the public C headers
 * (../shared/reference/cxl-struct-layouts.tsv from libcxlmi and linux/cxl_mem.h, linux/mctp.h;
 * nvme-struct-offsets.tsv from libnvme), row by row:
 * - `(sizeof)` / `SIZEOF`: the table's size (of the fixed part);
 * - a named member, top-level or nested (`ports[0].link_state`, `raw.opcode`): the field of the
 *   same name camelCased (C prefixes such as `smctp_` dropped) at the same offset with the same
 *   size; a C flexible array (`x[]`) is our flex array with the C element size, and a C member
 *   that is not one is not a flex array here;
 * - a reserved member (`rsvd`, `rsv1`, `resv`, `reserved`, `__pad0`): a reserved span named
 *   `rsvdN` starting at the same offset with the same size;
 * - a nested C struct we flatten (`in.size` -> `inSize`): its members as above, and our fields
 *   cover the C struct's bytes exactly.
 * Where a table deliberately differs, the row has an entry in ./layout-departures.ts saying why,
 * with the C value pinned (so the entry goes stale when the header changes) and what our table
 * has instead, which is checked in its place.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldDef, StructDef } from '../../spec-tables/schema.js';
import { elementSize, fieldSize } from '../../src/structs/runtime.js';
import { DEPARTURES, type MemberDeparture } from './layout-departures.js';

export const referenceDir = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference');
export const layoutFiles = ['cxl-struct-layouts.tsv', 'nvme-struct-offsets.tsv'].map((f) => join(referenceDir, f));

/** One TSV row: a member path ('(sizeof)' for the size, with offset -1) of one C struct. */
export interface CRow {
  field: string;
  offset: number;
  size: number;
}

export interface CStruct {
  name: string;
  /** The TSV it comes from (file name only). */
  file: string;
  /** Every row, `(sizeof)` included, in TSV order. */
  rows: CRow[];
}

/** Both TSVs by C struct name. `SIZEOF` (libnvme's) is read as `(sizeof)`; `#` lines are not structs. */
export function loadLayouts(files: readonly string[] = layoutFiles): Map<string, CStruct> {
  const out = new Map<string, CStruct>();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [name, field, offset, size] = line.split('\t');
      if (!name || !field || name === 'struct' || name.startsWith('#') || size === undefined) continue;
      const c = out.get(name) ?? { name, file: file.slice(file.lastIndexOf('/') + 1), rows: [] };
      out.set(name, c);
      const sizeof = field === '(sizeof)' || field === 'SIZEOF';
      c.rows.push({ field: sizeof ? '(sizeof)' : field, offset: sizeof ? -1 : Number(offset), size: Number(size) });
    }
  }
  return out;
}

export interface RowResult {
  row: CRow;
  /** Our table was checked against this row (the C value, or for a departure what we have instead). */
  verified: boolean;
  /** The departure entry for this very row, if any. */
  departure?: MemberDeparture;
  problem?: string;
}

const memberDepartures = DEPARTURES.filter((d): d is MemberDeparture => 'field' in d);

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
/** Our name for a C member: camelCased, without the member prefix C uses (sockaddr_mctp's `smctp_`). */
const ourName = (s: string) => camel(s.replace(/^smctp_/, ''));
const isReserved = (s: string) => /^(_+\w*pad\d*|rsvd?\d*|resv\d*|reserved\d*)$/.test(s);
const SEGMENT = /^([A-Za-z_]\w*)(?:\[(\d*)\])?$/;

/** The struct a field holds or lists, if any. */
function innerStruct(f: FieldDef): StructDef | undefined {
  if (f.type === 'struct' || f.type === 'trailer') return f.struct;
  if ((f.type === 'array' || f.type === 'flex') && typeof f.of === 'object' && 'fields' in f.of) return f.of;
  return undefined;
}

/** A field as problems name it: `name@offset(size)`. */
function show(f: FieldDef): string {
  return `${f.name}@${f.offset}(${f.type === 'flex' ? `flex of ${elementSize(f.of)}` : fieldSize(f)})`;
}

/** Where a C member path lands in our table: the absolute offset and the size (a flex array's element size). */
interface Landing {
  offset: number;
  size: number;
  flex: boolean;
}

/**
 * Walk a C member path through our table. `scopeC` names the C struct of the top scope (nested
 * scopes use their table's cName), for departures that apply to a member wherever it is met.
 */
function land(def: StructDef, scopeC: string, c: CStruct, row: CRow, departures: readonly MemberDeparture[]): Landing | string {
  let scope = def;
  let scopeName = scopeC;
  let base = 0;
  const segs = row.field.split('.');
  let prefix = '';
  for (let i = 0; i < segs.length; i++) {
    const m = SEGMENT.exec(segs[i]!);
    if (!m) return `cannot read member path ${row.field}`;
    const cname = prefix + m[1]!;
    const index = m[2];
    const last = i === segs.length - 1;
    // A list our table keeps raw (or leaves to follow the fixed part) and the protocol layer decodes.
    const decoded = departures.find((d) => d.struct === scopeName && d.field === `${m[1]}[]` && typeof d.ours === 'object' && 'decoded' in d.ours);
    if (decoded && typeof decoded.ours === 'object' && 'decoded' in decoded.ours) {
      const raw = scope.fields.find((f) => f.name === ourName(cname));
      if (raw && !(raw.type === 'flex' && raw.of === 'u8')) return `${show(raw)} is not a raw byte list`;
      if (!raw && scope.fields.some((f) => f.type === 'flex')) return `no field ${ourName(cname)} in ${scope.name}, which has another flex array`;
      // The elements start where our fixed part ends, as the flex array or as the rest of the message.
      const off = base + (raw?.offset ?? scope.size);
      const elem = decoded.ours.decoded;
      if (last) return { offset: off, size: elem.size, flex: true };
      base = off + Number(index || 0) * elem.size;
      scope = elem;
      scopeName = elem.cName ?? elem.name;
      continue;
    }
    if (last && isReserved(m[1]!)) {
      const rel = row.offset - base;
      const f = scope.fields.find((x) => x.offset === rel);
      if (f?.type !== 'reserved' || f.name !== `rsvd${rel}`) return `no reserved rsvd${rel} in ${scope.name} (have ${f ? show(f) : 'nothing'} at ${rel})`;
      return { offset: base + f.offset, size: f.size, flex: false };
    }
    const f = scope.fields.find((x) => x.name === ourName(cname));
    if (!f) {
      // A nested C struct we flatten: `in.size` is our `inSize`, in the same scope.
      if (!last && !index) {
        prefix = `${cname}_`;
        continue;
      }
      if (last && c.rows.some((r) => r.field.startsWith(`${row.field}.`))) return flattened(scope, base, row, c);
      return `no field ${ourName(cname)}${scope === def ? '' : ` in ${scope.name}`}`;
    }
    if (last) return { offset: base + f.offset, size: fieldSize(f), flex: f.type === 'flex' };
    const inner = innerStruct(f);
    if (!inner) return `${show(f)} is not a struct or a list of structs`;
    if (index === undefined && (f.type === 'array' || f.type === 'flex')) return `${show(f)} is a list, C has a struct`;
    base += f.offset + Number(index || 0) * (index === undefined ? 0 : inner.size);
    scope = inner;
    scopeName = inner.cName ?? inner.name;
    prefix = '';
  }
  return `cannot read member path ${row.field}`;
}

/**
 * The C struct at `row` is flattened into our fields: they cover its bytes exactly, and each named
 * one is a C member of it (`in.size` -> `inSize`; the members themselves are rows of their own).
 */
function flattened(scope: StructDef, base: number, row: CRow, c: CStruct): Landing | string {
  const from = row.offset - base;
  const to = from + row.size;
  const inside = scope.fields.filter((f) => f.offset < to && f.offset + fieldSize(f) > from);
  const members = new Set(c.rows.filter((r) => r.field.startsWith(`${row.field}.`)).map((r) => ourName(r.field.replace('.', '_'))));
  const exact = inside.length > 0 && inside[0]!.offset === from && inside.every((f) => f.offset >= from && f.offset + fieldSize(f) <= to);
  const covered = inside.reduce((n, f) => n + fieldSize(f), 0) === row.size;
  const named = inside.filter((f) => f.type !== 'reserved');
  if (!exact || !covered || named.length === 0 || !named.every((f) => members.has(f.name))) {
    return `not flattened into fields ${[...members].join(', ')} covering ${from}..${to} (have ${inside.map(show).join(' ') || 'nothing'})`;
  }
  return { offset: row.offset, size: row.size, flex: false };
}

/** Compare a landing with the C row; returns the problem, if any. */
function mismatch(got: Landing | string, row: CRow, want: { offset: number; size: number; flex: boolean }): string | undefined {
  if (typeof got === 'string') return got;
  if (got.offset !== want.offset) return `C offset ${want.offset}, table ${got.offset}`;
  if (got.flex && !want.flex) return `a flex array here (of ${got.size}), C has ${row.size} fixed bytes`;
  if (!got.flex && want.flex) return `C flexible array (of ${row.size}) is not flex here`;
  if (got.size !== want.size) return `C size ${want.size}, table ${got.size}`;
  return undefined;
}

/** Check one table against one C struct (the table's cName, or one a departure maps to it), every row. */
export function checkLayout(def: StructDef, c: CStruct, departures: readonly MemberDeparture[] = memberDepartures): RowResult[] {
  const mine = departures.filter((d) => d.struct === c.name);
  return c.rows.map((row): RowResult => {
    const dep = mine.find((d) => d.field === row.field);
    const result = (problem: string | undefined, verified = true): RowResult => ({ row, verified: verified && !problem, ...(dep ? { departure: dep } : {}), ...(problem ? { problem } : {}) });
    if (dep && (dep.c[0] !== row.offset || dep.c[1] !== row.size)) return result(`the C header now has [${row.offset}, ${row.size}], the departure says [${dep.c.join(', ')}]: re-check it`);
    const flex = row.field.endsWith('[]');
    if (row.field === '(sizeof)') {
      const want = dep && Array.isArray(dep.ours) ? dep.ours[1] : row.size;
      return result(def.size === want ? undefined : `size: C ${want}${dep ? ' (per the departure)' : ''}, table ${def.size}`);
    }
    if (!dep) return result(mismatch(land(def, c.name, c, row, departures), row, { offset: row.offset, size: row.size, flex }));
    const ours = dep.ours;
    if (ours === 'absent') {
      const f = def.fields.find((x) => x.name === ourName(row.field.replace(/\[\]$/, '')));
      return result(f ? `departure says absent, table has ${show(f)}` : undefined, false);
    }
    if (Array.isArray(ours)) {
      // Where the field really is (the spec's offset and size), against our field of the same name.
      return result(mismatch(land(def, c.name, c, row, []), row, { offset: ours[0], size: ours[1], flex }));
    }
    if ('as' in ours) {
      // The same bytes as another C member (a union member, a one-member wrapper), checked as that member.
      const other = c.rows.find((r) => r.field === ours.as);
      if (!other || other.offset !== row.offset || other.size !== row.size) return result(`${ours.as} is not a C member at [${row.offset}, ${row.size}]`);
      return result(mismatch(land(def, c.name, c, other, departures), other, { offset: row.offset, size: row.size, flex }));
    }
    if ('flex' in ours) {
      // A C array sized by a C maximum of `flex` elements: our flex array, at the same offset.
      const got = land(def, c.name, c, { ...row, field: `${row.field}[]` }, departures);
      return result(mismatch(got, row, { offset: row.offset, size: row.size / ours.flex, flex: true }));
    }
    if ('trailer' in ours) {
      // After the C fixed array, as after our flex array: at the same distance into our trailer.
      const fixed = mine.find((d) => typeof d.ours === 'object' && 'flex' in d.ours);
      const trailer = def.fields.find((f) => f.type === 'trailer');
      if (!fixed || trailer?.type !== 'trailer') return result('no C fixed array / table trailer for a trailer departure');
      const end = fixed.c[0] + fixed.c[1];
      if (row.offset - end !== ours.trailer) return result(`C has it ${row.offset - end} bytes after ${fixed.field}, the departure says ${ours.trailer}`);
      const cSize = c.rows.find((r) => r.field === '(sizeof)')?.size;
      if (cSize !== undefined && trailer.struct.size !== cSize - end) return result(`C has ${cSize - end} bytes after ${fixed.field}, ${trailer.struct.name} is ${trailer.struct.size}`);
      const g = trailer.struct.fields.find((x) => x.name === ourName(row.field));
      if (!g) return result(`${trailer.struct.name} has no ${ourName(row.field)}`);
      return result(mismatch({ offset: g.offset, size: fieldSize(g), flex: g.type === 'flex' }, row, { offset: ours.trailer, size: row.size, flex }));
    }
    // A list kept raw: landed on with the element table.
    return result(mismatch(land(def, c.name, c, row, departures), row, { offset: row.offset, size: row.size, flex }));
  });
}

/** The problems of a check, one line each: `member: what is wrong`. */
export const problemsOf = (results: readonly RowResult[]): string[] => results.flatMap((r) => (r.problem ? [`${r.row.field}: ${r.problem}`] : []));
