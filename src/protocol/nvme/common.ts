/**
 * Shared helpers for the NVMe command builders: argument checks, the data direction of an opcode,
 * and a constructor filling the NvmeCommand defaults.
 */
import { CxlNvmeError } from '../../errors.js';
import type { NvmeCommand, NvmeDataDirection, NvmeQueue } from './command-types.js';

/** NSID meaning "all namespaces" / controller-wide (NVMe Base 2.0c §3.2.1.2). */
export const NSID_ALL = 0xffffffff;
/** NSID not used by the command. */
export const NSID_NONE = 0;

/** Data transfer direction from opcode bits 1:0 (NVMe Base 2.0c §5 "Opcodes for Admin Commands"). */
export function opcodeDirection(opcode: number): NvmeDataDirection {
  switch (opcode & 3) {
    case 1:
      return 'toDevice';
    case 2:
      return 'fromDevice';
    case 3:
      return 'bidirectional';
    default:
      return 'none';
  }
}

export function badArg(message: string, context: Record<string, unknown> = {}): CxlNvmeError {
  return new CxlNvmeError('NVME_BAD_ARGUMENT', message, context);
}

/** An unsigned integer of at most `bits` bits (default 0 when absent). */
export function uint(value: number | undefined, bits: number, name: string, fallback = 0): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** bits) {
    throw badArg(`${name} must be an integer in 0..${2 ** bits - 1}`, { argument: name, value: v });
  }
  return v;
}

/** A 64-bit unsigned value given as number or bigint. */
export function uint64(value: number | bigint | undefined, name: string): bigint {
  const v = value ?? 0;
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
  else throw badArg(`${name} must be a safe integer or bigint`, { argument: name, value: v });
  if (b < 0n || b > 0xffffffffffffffffn) throw badArg(`${name} does not fit 64 bits`, { argument: name, value: v });
  return b;
}

export const lo32 = (v: bigint): number => Number(v & 0xffffffffn);
export const hi32 = (v: bigint): number => Number((v >> 32n) & 0xffffffffn);
export const bit = (b: boolean | undefined, shift: number): number => (b ? 2 ** shift : 0);

/** Commands that destroy data or change what the host can reach need `{ confirm: true }`. */
export function requireConfirm(args: { readonly confirm?: boolean }, name: string): void {
  if (args.confirm !== true) {
    throw new CxlNvmeError('NVME_CONFIRMATION_REQUIRED', `${name} is destructive: pass { confirm: true } to build it`, { command: name });
  }
}

export interface CommandParts {
  name: string;
  queue: NvmeQueue;
  opcode: number;
  nsid?: number;
  cdw2?: number;
  cdw3?: number;
  cdw10?: number;
  cdw11?: number;
  cdw12?: number;
  cdw13?: number;
  cdw14?: number;
  cdw15?: number;
  dataLength?: number;
  data?: Uint8Array;
  metadataLength?: number;
  metadata?: Uint8Array;
  timeoutMs?: number;
  decodeAs?: string;
}

/** A complete NvmeCommand: unsigned 32-bit dwords, defaults zero, direction from the opcode. */
export function command(p: CommandParts): NvmeCommand {
  const out: NvmeCommand = {
    name: p.name,
    queue: p.queue,
    opcode: p.opcode,
    nsid: (p.nsid ?? 0) >>> 0,
    cdw2: (p.cdw2 ?? 0) >>> 0,
    cdw3: (p.cdw3 ?? 0) >>> 0,
    cdw10: (p.cdw10 ?? 0) >>> 0,
    cdw11: (p.cdw11 ?? 0) >>> 0,
    cdw12: (p.cdw12 ?? 0) >>> 0,
    cdw13: (p.cdw13 ?? 0) >>> 0,
    cdw14: (p.cdw14 ?? 0) >>> 0,
    cdw15: (p.cdw15 ?? 0) >>> 0,
    direction: opcodeDirection(p.opcode),
    dataLength: p.data ? p.data.length : (p.dataLength ?? 0),
    metadataLength: p.metadata ? p.metadata.length : (p.metadataLength ?? 0),
    timeoutMs: p.timeoutMs ?? 0,
    ...(p.data ? { data: p.data } : {}),
    ...(p.metadata ? { metadata: p.metadata } : {}),
    ...(p.decodeAs ? { decodeAs: p.decodeAs } : {}),
  };
  return out;
}
