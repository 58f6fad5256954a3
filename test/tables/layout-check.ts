/**
 * Compare a table with the libcxlmi C layout measured in ../shared/reference/cxl-struct-layouts.tsv,
 * member by member, including members of nested structs and flexible-array elements.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StructDef } from '../../spec-tables/schema.js';
import { elementSize, fieldSize } from '../../src/structs/runtime.js';

export const tsv = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/cxl-struct-layouts.tsv');

export interface CRow {
  field: string;
  offset: number;
  size: number;
}

export function loadTsv(): Map<string, { size: number; rows: CRow[] }> {
  const out = new Map<string, { size: number; rows: CRow[] }>();
  for (const line of readFileSync(tsv, 'utf8').split('\n')) {
    const [s, field, offset, size] = line.split('\t');
    if (!s || !field || s === 'struct' || s.startsWith('#') || size === undefined) continue;
    const e = out.get(s) ?? { size: -1, rows: [] };
    out.set(s, e);
    if (field === '(sizeof)') e.size = Number(size);
    else e.rows.push({ field, offset: Number(offset), size: Number(size) });
  }
  return out;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isRsvd = (s: string) => /^(rsv|rsvd|reserved)\d*$/.test(s);

/** Check one C struct against our table; `sizeDiffers`: C arrays sized by a C maximum are our flex arrays. */
export function compare(def: StructDef, c: { size: number; rows: CRow[] }, opts: { sizeDiffers?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!opts.sizeDiffers && c.size !== def.size) problems.push(`size: C ${c.size}, table ${def.size}`);
  for (const r of c.rows) {
    const path = r.field.split('.');
    const top = path[0]!.replace(/\[\d*\]$/, '');
    if (path.length === 1) {
      if (isRsvd(top)) {
        const f = def.fields.find((x) => x.offset === r.offset);
        if (f?.type !== 'reserved' || fieldSize(f) !== r.size || f.name !== `rsvd${r.offset}`) problems.push(`${r.field}@${r.offset}: not reserved rsvd${r.offset}(${r.size})`);
        continue;
      }
      const f = def.fields.find((x) => x.name === camel(top));
      if (!f) {
        problems.push(`${r.field}: no field ${camel(top)}`);
        continue;
      }
      if (f.offset !== r.offset) problems.push(`${r.field}: C offset ${r.offset}, table ${f.offset}`);
      const size = f.type === 'flex' ? elementSize(f.of) : fieldSize(f);
      // A C array that is our flexible array: the C size is a maximum, a whole number of elements.
      const ok = size === r.size || (f.type === 'flex' && opts.sizeDiffers && r.size % size === 0);
      if (!ok) problems.push(`${r.field}: C size ${r.size}, table ${size}`);
      if (r.field.endsWith('[]') && f.type !== 'flex') problems.push(`${r.field}: C flexible array is not flex here`);
      continue;
    }
    // Nested: `x[0].y` (element of a flex / array) or `x.y` (nested struct).
    const f = def.fields.find((x) => x.name === camel(top));
    const inner = f && (f.type === 'flex' || f.type === 'array') && typeof f.of === 'object' && 'fields' in f.of ? f.of : f?.type === 'struct' ? f.struct : undefined;
    if (!f || !inner) {
      problems.push(`${r.field}: no nested struct ${camel(top)}`);
      continue;
    }
    const rel = r.offset - f.offset;
    const leaf = path[1]!;
    if (isRsvd(leaf)) {
      const g = inner.fields.find((x) => x.offset === rel);
      if (g?.type !== 'reserved' || fieldSize(g) !== r.size) problems.push(`${r.field}: not reserved in ${inner.name}`);
      continue;
    }
    const g = inner.fields.find((x) => x.name === camel(leaf));
    if (!g) problems.push(`${r.field}: ${inner.name} has no ${camel(leaf)}`);
    else if (g.offset !== rel || fieldSize(g) !== r.size) problems.push(`${r.field}: C ${rel}/${r.size}, ${inner.name} ${g.offset}/${fieldSize(g)}`);
  }
  return problems;
}

