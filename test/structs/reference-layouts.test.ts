/**
 * Every table that names a C struct (`cName`) is checked against the layouts measured by compiling
 * the public C headers (../shared/reference/*.tsv): the struct size, and for every named C member,
 * a field at the same offset with the same size and the same name camelCased. Reserved members
 * only need their bytes covered. Deliberate departures (where the C header is wrong against the
 * specification, or where we split a C byte array into typed fields) are listed with a reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FieldDef, StructDef } from '../../spec-tables/schema.js';
import { codecs } from '../../src/structs/index.js';
import { elementSize, fieldSize } from '../../src/structs/runtime.js';
import { LIBCXLMI_DEFECTS, PROTOCOL_DECODED } from '../tables/libcxlmi-departures.js';

const refDir = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference');
const files = ['cxl-struct-layouts.tsv', 'nvme-struct-offsets.tsv'].map((f) => join(refDir, f));

interface Row {
  field: string;
  offset: number;
  size: number;
}

function load(): Map<string, { size?: number; rows: Row[] }> {
  const out = new Map<string, { size?: number; rows: Row[] }>();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [struct, field, offset, size] = line.split('\t');
      if (!struct || !field || struct === 'struct' || size === undefined) continue;
      const entry = out.get(struct) ?? { rows: [] };
      out.set(struct, entry);
      if (field === '(sizeof)' || field === 'SIZEOF') entry.size = Number(size);
      else entry.rows.push({ field, offset: Number(offset), size: Number(size) });
    }
  }
  return out;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isReservedName = (s: string) => /^(__|rsv|resv|reserved|pad)/i.test(s);
/** Member-name prefixes C uses where we drop them (sockaddr_mctp's `smctp_`). */
const stripPrefix = (s: string) => s.replace(/^smctp_/, '');

/** `${cName}.${cField}` -> why our table differs from the C header. */
const DEPARTURES: Record<string, string> = {
  'cxlmi_cci_msg.rsv1': 'reserved byte named by offset (rsvd2)',
  'cxlmi_cci_msg.category': 'a bits word; same name, same byte',
  'cxlmi_cci_msg.payload[]': 'the payload is carried by the message layer, not the header table',
  'cxlmi_cmd_fmapi_tunnel_command_req.message[]': 'C types it as an array of 12-byte headers; it is one inner message of `command_size` bytes',
  'cxlmi_cmd_fmapi_tunnel_command_rsp.message[]': 'C types it as an array of 12-byte headers; it is one inner message of `length` bytes',
};

const tables = (Object.values(codecs) as unknown as { def: StructDef }[]).map((c) => c.def).filter((d) => d.cName);
const ref = existsSync(files[0]!) ? load() : undefined;

function fieldAt(def: StructDef, offset: number): FieldDef[] {
  return def.fields.filter((f) => f.offset === offset);
}

describe.skipIf(!ref)('tables agree with the layouts measured from the C headers', () => {
  const mapped = ref ? tables.filter((d) => ref.has(d.cName!)) : [];
  it('maps a good share of the tables', () => {
    expect(mapped.length).toBeGreaterThanOrEqual(10);
  });
  describe.each(mapped.map((d) => [d.name, d] as const))('%s', (_n, def) => {
    const entry = ref!.get(def.cName!)!;
    it('has the C struct size', () => {
      const departs = LIBCXLMI_DEFECTS.some((d) => d.struct === def.cName && d.field === '(sizeof)');
      if (entry.size !== undefined && !departs) expect(def.size).toBe(entry.size);
    });
    it('has every C member at its offset with its size and name', () => {
      const problems: string[] = [];
      const byOffset = new Map<number, Row[]>();
      for (const r of entry.rows) {
        if (r.field.includes('.') || /\[\d+\]/.test(r.field)) continue; // nested members: checked via their own struct
        byOffset.set(r.offset, [...(byOffset.get(r.offset) ?? []), r]);
      }
      for (const [offset, rows] of byOffset) {
        const ours = fieldAt(def, offset);
        // A C union puts several members at one offset: one of them must match.
        const ok = rows.some((r) => {
          const key = `${def.cName}.${r.field}`;
          if (DEPARTURES[key] || PROTOCOL_DECODED[key.replace(/\[\]$/, '')]) return true;
          if (LIBCXLMI_DEFECTS.some((d) => d.struct === def.cName && d.field === r.field)) return true;
          const flex = r.field.endsWith('[]');
          const name = camel(stripPrefix(r.field.replace(/\[\]$/, '')));
          if (isReservedName(r.field)) {
            // Reserved bytes: covered by any of our fields (reserved or, where a later spec defined them, named).
            return def.fields.some((f) => f.offset <= offset && offset < f.offset + (f.type === 'flex' ? Number.POSITIVE_INFINITY : fieldSize(f)));
          }
          return ours.some((f) => {
            if (flex) return f.type === 'flex' && elementSize(f.of) === r.size && f.name === name;
            return f.type !== 'flex' && fieldSize(f) === r.size && f.name === name;
          });
        });
        // A nested C struct may be flattened: `in.size` -> `inSize`.
        const flattened = rows.some((r) => {
          const inner = entry.rows.filter((x) => x.field.startsWith(`${r.field}.`));
          return (
            inner.length > 0 &&
            inner.every((x) =>
              isReservedName(x.field.slice(r.field.length + 1)) ||
              def.fields.some((f) => f.offset === x.offset && f.type !== 'flex' && fieldSize(f) === x.size && f.name === camel(`${stripPrefix(r.field)}_${x.field.slice(r.field.length + 1)}`)),
            )
          );
        });
        if (!ok && !flattened) {
          problems.push(
            `${def.cName} @${offset}: C has ${rows.map((r) => `${r.field}(${r.size})`).join(' | ')}, table has ${ours.map((f) => `${f.name}(${f.type === 'flex' ? 'flex' : fieldSize(f)})`).join(' | ') || 'nothing starting here'}`,
          );
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
