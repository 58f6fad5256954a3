import type { CxlCommandDef, StructDef } from '../../spec-tables/schema.js';

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
