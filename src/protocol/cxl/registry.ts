/**
 * The CXL command registry and return-code lookups, built once from the spec tables. Nothing here
 * restates a table: every entry is derived from a `CxlCommandDef` row in spec-tables/cxl/*.ts
 * (reached through `cxlCommands`) or from the return-code list of CXL r3.1 §8.2.9.1 Table 8-34.
 *
 * Opcode layout (CXL r3.1 §8.2.9 and Figure 7-19): bits 15:8 are the Command Set, bits 7:0 the
 * Command. FM-API commands are command sets 51h-56h (CXL r3.1 §7.6.7); vendor-specific commands
 * are opcodes C000h-FFFFh (CXL r3.1 §8.2.9).
 */
import { cxlCommands } from '../../../spec-tables/cxl/index.js';
import { type CxlReturnCodeDef, returnCodes } from '../../../spec-tables/cxl/return-codes.js';
import { tunnelManagementOpcode } from '../../../spec-tables/cxl/tunnel.js';
import { vendorOpcodeRange } from '../../../spec-tables/cxl/vendor.js';
import type { CxlCommandDef } from '../../../spec-tables/schema.js';
import { CxlNvmeError } from '../../errors.js';
import type { Codec } from '../../structs/index.js';
import { codecFor } from '../../structs/index.js';

/** Every command name in the tables. */
export type CxlCommandName = (typeof cxlCommands)[number]['name'];

/** One registered command: the table row plus what is derived from it. */
export interface CommandEntry {
  readonly name: string;
  readonly opcode: number;
  /** Opcode bits 15:8. */
  readonly commandSet: number;
  /** Opcode bits 7:0. */
  readonly command: number;
  /** Command sets 51h-56h travel on the FM-API channel (MCTP message type 07h). */
  readonly fmApi: boolean;
  readonly request: Codec<Record<string, unknown>, Record<string, unknown>> | undefined;
  readonly response: Codec<Record<string, unknown>, Record<string, unknown>> | undefined;
  readonly def: CxlCommandDef;
}

/** Opcode of Tunnel Management Command (CXL r3.1 §7.6.7.3.1). Not a table row: it is framing. */
export const TUNNEL_MANAGEMENT_OPCODE = tunnelManagementOpcode;

export const VENDOR_OPCODE_MIN = vendorOpcodeRange.first;
export const VENDOR_OPCODE_MAX = vendorOpcodeRange.last;

/** True for FM-API command sets 51h-56h (CXL r3.1 §7.6.7). */
export function isFmApiOpcode(opcode: number): boolean {
  const set = (opcode >>> 8) & 0xff;
  return set >= 0x51 && set <= 0x56;
}

/** True for vendor-specific opcodes C000h-FFFFh. */
export function isVendorOpcode(opcode: number): boolean {
  return Number.isInteger(opcode) && opcode >= VENDOR_OPCODE_MIN && opcode <= VENDOR_OPCODE_MAX;
}

export function hex4(opcode: number): string {
  return `${opcode.toString(16).padStart(4, '0').toUpperCase()}h`;
}

function entryOf(def: CxlCommandDef): CommandEntry {
  return Object.freeze({
    name: def.name,
    opcode: def.opcode,
    commandSet: (def.opcode >>> 8) & 0xff,
    command: def.opcode & 0xff,
    fmApi: isFmApiOpcode(def.opcode),
    request: def.request ? codecFor(def.request) : undefined,
    response: def.response ? codecFor(def.response) : undefined,
    def,
  });
}

function buildCommands(): {
  byName: ReadonlyMap<string, CommandEntry>;
  byOpcode: ReadonlyMap<number, readonly CommandEntry[]>;
} {
  const byName = new Map<string, CommandEntry>();
  const byOpcode = new Map<number, CommandEntry[]>();
  for (const def of cxlCommands as readonly CxlCommandDef[]) {
    if (byName.has(def.name)) {
      throw new CxlNvmeError('CODEC_BAD_TABLE', `CXL command '${def.name}' is declared twice`, { name: def.name });
    }
    const e = entryOf(def);
    byName.set(def.name, e);
    const list = byOpcode.get(def.opcode);
    if (list) list.push(e);
    else byOpcode.set(def.opcode, [e]);
  }
  return { byName, byOpcode };
}

const built = buildCommands();

/** Every command by name, in table order. */
export const commands: ReadonlyMap<string, CommandEntry> = built.byName;

/** Commands by opcode: a list, since some opcodes have more than one view (Get Log / Get Log CEL). */
export const commandsByOpcode: ReadonlyMap<number, readonly CommandEntry[]> = built.byOpcode;

/** The entry for a command name, or a CXL_UNKNOWN_COMMAND error. */
export function commandEntry(name: string): CommandEntry {
  const e = commands.get(name);
  if (!e) throw new CxlNvmeError('CXL_UNKNOWN_COMMAND', `no CXL command named '${name}'`, { name });
  return e;
}

/** Background Operation Status (CXL r3.1 §8.2.9.1.2), from its table row. */
export const BG_OP_STATUS_OPCODE = commandEntry('bgOpStatus').opcode;
/** Request Abort Background Operation (CXL r3.1 §8.2.9.1.5), from its table row. */
export const BG_OP_ABORT_OPCODE = commandEntry('requestBgOpAbort').opcode;

/** A readable name for an opcode: the table name(s), 'tunnelManagementCommand', 'vendorSpecific' or the hex. */
export function commandNameOf(opcode: number): string {
  const list = commandsByOpcode.get(opcode);
  if (list && list.length > 0) return list.map((e) => e.name).join('/');
  if (opcode === TUNNEL_MANAGEMENT_OPCODE) return 'tunnelManagementCommand';
  if (isVendorOpcode(opcode)) return 'vendorSpecific';
  return `opcode ${hex4(opcode)}`;
}

// --- return codes (CXL r3.1 §8.2.9.1 Table 8-34) ---------------------------------------------------

export type ReturnCodeInfo = CxlReturnCodeDef;

export const returnCodesByValue: ReadonlyMap<number, ReturnCodeInfo> = new Map(
  (returnCodes as readonly ReturnCodeInfo[]).map((r) => [r.value, r]),
);
export const returnCodesByName: ReadonlyMap<string, ReturnCodeInfo> = new Map(
  (returnCodes as readonly ReturnCodeInfo[]).map((r) => [r.name, r]),
);

/** Return code value -> entry; unknown values get a generic entry (still usable in an error). */
export function returnCodeInfo(value: number): ReturnCodeInfo {
  return (
    returnCodesByValue.get(value) ?? {
      value,
      name: `returnCode${value.toString(16).padStart(4, '0').toUpperCase()}h`,
      cName: '',
      description: 'Return code not defined by CXL r3.1 Table 8-34.',
    }
  );
}

/** Return code name -> value (throws USAGE for an unknown name). */
export function returnCodeValue(name: string): number {
  const r = returnCodesByName.get(name);
  if (!r) throw new CxlNvmeError('USAGE', `no CXL return code named '${name}'`, { name });
  return r.value;
}

export const RC_SUCCESS = returnCodeValue('success');
export const RC_BACKGROUND_STARTED = returnCodeValue('backgroundCommandStarted');
