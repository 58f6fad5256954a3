import { expect } from 'vitest';
import type { CxlCommandDef, StructDef } from '../../spec-tables/schema.js';
import { CxlNvmeError } from '../../src/errors.js';
import { interpretedCodec } from '../../src/structs/index.js';
import { derivedBytes } from '../../src/structs/runtime.js';

function isStruct(x: unknown): x is StructDef {
  return typeof x === 'object' && x !== null && 'fields' in x && 'size' in x && 'spec' in x;
}

/** Every struct a table module declares: its exported structs and its commands' requests and responses. */
export function structsOf(mod: Record<string, unknown>): StructDef[] {
  const out = new Set<StructDef>();
  for (const v of Object.values(mod)) if (isStruct(v)) out.add(v);
  for (const c of (mod.commands ?? []) as readonly CxlCommandDef[]) for (const s of [c.request, c.response]) if (s) out.add(s);
  return [...out];
}

interface AnyCodec {
  readonly def: StructDef;
  decode(b: Uint8Array): unknown;
  encode(v: never): Uint8Array;
  sizeOf(v: never): number;
}

/**
 * `value` plus the byte counts the codec derives from unit-scaled fields (`totalCapacity` ->
 * `totalCapacityBytes`), including inside nested structs and list elements, so table vectors can
 * be written in the raw units the spec gives.
 */
export function withDerived(def: StructDef, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = { ...(value as Record<string, unknown>) };
  for (const f of def.fields) {
    const inner = f.type === 'struct' ? f.struct : (f.type === 'array' || f.type === 'flex') && typeof f.of === 'object' && 'fields' in f.of ? f.of : undefined;
    if (!inner || v[f.name] === undefined) continue;
    v[f.name] = f.type === 'struct' ? withDerived(inner, v[f.name]) : (v[f.name] as unknown[]).map((e) => withDerived(inner, e));
  }
  for (const d of derivedBytes(def)) if (v[d.from] !== undefined && v[d.name] === undefined) v[d.name] = BigInt(v[d.from] as number | bigint) * d.scale;
  return v;
}

/** Decode with the generated codec and the interpreter, expect `value`; re-encode both ways to `raw`. */
export function vector(codec: AnyCodec, raw: number[] | Uint8Array, value: unknown): void {
  const bytes = raw instanceof Uint8Array ? raw : Uint8Array.from(raw);
  const interp = interpretedCodec(codec.def);
  const expected = withDerived(codec.def, value);
  expect(codec.decode(bytes)).toEqual(expected);
  expect(interp.decode(bytes)).toEqual(expected);
  expect(codec.encode(value as never)).toEqual(bytes);
  expect(interp.encode(value as Record<string, unknown>)).toEqual(bytes);
  expect(codec.sizeOf(value as never)).toBe(bytes.length);
}

/** `fn` throws a codec CxlNvmeError with this code and context.field. */
export function codecError(fn: () => unknown, code: string, field: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(CxlNvmeError);
  expect((err as CxlNvmeError).code).toBe(code);
  expect((err as CxlNvmeError).layer).toBe('codec');
  expect((err as CxlNvmeError).context.field).toBe(field);
}
