/**
 * Opcode, CNS, log page and feature identifier lookups built from spec-tables/nvme/opcodes.ts, so
 * the numbers live in one place.
 */
import {
  adminOpcodes,
  commandSets,
  featureIds,
  identifyCns,
  logPageIds,
  type NvmeValueRow,
  nvmOpcodes,
  znsOpcodes,
} from '../../../spec-tables/nvme/opcodes.js';

type NamedValue = { readonly name: string; readonly value: number };
export type ByName<T extends readonly NamedValue[]> = { readonly [K in T[number]['name']]: number };

/** A frozen name -> value map from table rows, so values live only in the table. */
export function byName<T extends readonly NamedValue[]>(rows: T): ByName<T> {
  return Object.freeze(Object.fromEntries(rows.map((r) => [r.name, r.value]))) as ByName<T>;
}

export const ADMIN = byName(adminOpcodes);
export const NVM = byName(nvmOpcodes);
export const ZNS = byName(znsOpcodes);
export const CNS = byName(identifyCns);
export const LID = byName(logPageIds);
export const FID = byName(featureIds);
export const CSI = byName(commandSets);

/** Name of an admin / NVM I/O opcode, for messages. */
export function opcodeName(queue: 'admin' | 'io', opcode: number): string {
  const rows: readonly NvmeValueRow[] = queue === 'admin' ? adminOpcodes : [...nvmOpcodes, ...znsOpcodes];
  return rows.find((r) => r.value === opcode)?.name ?? `0x${opcode.toString(16).padStart(2, '0')}`;
}
