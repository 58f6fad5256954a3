/**
 * Text and JSON forms of any decoded structure, driven by its table, so every table prints itself
 * with no per-struct code. JSON: 64/128-bit values as decimal strings, byte fields as hex strings
 * (a stable schema the CLI documents). Text: one aligned `name: value` line per field with units.
 */
import type { FieldDef, StructDef } from '../../spec-tables/schema.js';
import { derivedBytes, hex, visibleFields } from './runtime.js';

type Obj = Record<string, unknown>;

/** JSON-safe value: bigint -> decimal string, Uint8Array -> lowercase hex string. */
export function jsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return v.map(jsonValue);
  if (typeof v === 'object' && v !== null) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonValue(x);
    return out;
  }
  return v;
}

/** The decoded value in its JSON form, fields in table order. */
export function toJSON(def: StructDef, value: Obj): Obj {
  const out: Obj = {};
  for (const f of visibleFields(def)) {
    if (f.name in value) out[f.name] = jsonValue(value[f.name]);
  }
  for (const d of derivedBytes(def)) if (d.name in value) out[d.name] = jsonValue(value[d.name]);
  return out;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 1610612736 -> '1.50 GiB'. */
export function formatBytes(n: bigint | number): string {
  let v = typeof n === 'bigint' ? Number(n) : n;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(2)} ${BYTE_UNITS[i]}`;
}

function withUnit(v: unknown, unit: string | undefined): string {
  const s = typeof v === 'bigint' ? v.toString() : String(v);
  if (unit === undefined || (typeof v !== 'number' && typeof v !== 'bigint')) return s;
  switch (unit) {
    case 'kelvin':
      return v === 0 ? '0 K' : `${s} K (${Number(v) - 273} °C)`;
    case 'percent':
      return `${s}%`;
    case 'bytes':
      return `${s} (${formatBytes(v)})`;
    case '256MiB':
      return `${s} x 256 MiB (${formatBytes(BigInt(v) * 268435456n)})`;
    case '512000B':
      return `${s} (${formatBytes(BigInt(v) * 512000n)})`;
    default:
      return `${s} ${unit}`;
  }
}

function scalarText(f: FieldDef, v: unknown): string {
  if (v instanceof Uint8Array) {
    const h = hex(v.length > 32 ? v.subarray(0, 32) : v);
    return v.length > 32 ? `${h}... (${v.length} bytes)` : h || '(empty)';
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && 'enum' in f && f.enum) return `${v} (unknown)`;
  if (typeof v === 'number' && f.type !== 'bits' && !('unit' in f && f.unit)) return `${v} (0x${v.toString(16)})`;
  return withUnit(v, 'unit' in f ? f.unit : undefined);
}

function lines(def: StructDef, value: Obj, indent: string, out: string[]): void {
  const shown = visibleFields(def).filter((f) => f.name in value);
  const width = Math.max(0, ...shown.map((f) => f.name.length));
  for (const f of shown) {
    const v = value[f.name];
    const label = `${indent}${f.name.padEnd(width)} : `;
    if (f.type === 'struct') {
      out.push(`${indent}${f.name}:`);
      lines(f.struct, v as Obj, `${indent}  `, out);
    } else if (f.type === 'bits') {
      const parts = Object.entries(v as Obj)
        .filter(([, x]) => x !== false)
        .map(([k, x]) => (x === true ? k : `${k}=${String(x)}`));
      out.push(`${label}${parts.length ? parts.join(', ') : '-'}`);
    } else if ((f.type === 'array' || f.type === 'flex') && typeof f.of === 'object' && 'fields' in f.of) {
      const arr = v as Obj[];
      out.push(`${indent}${f.name}: ${arr.length} entr${arr.length === 1 ? 'y' : 'ies'}`);
      arr.forEach((el, i) => {
        out.push(`${indent}  [${i}]`);
        lines(f.of as StructDef, el, `${indent}    `, out);
      });
    } else if (Array.isArray(v)) {
      out.push(`${label}${v.map((x) => withUnit(x, 'unit' in f ? f.unit : undefined)).join(', ')}`);
    } else {
      out.push(`${label}${scalarText(f, v)}`);
    }
  }
}

/** A readable multi-line rendering of a decoded value. */
export function toText(def: StructDef, value: Obj): string {
  const out: string[] = [];
  lines(def, value, '', out);
  return out.join('\n');
}
