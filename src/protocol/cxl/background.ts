/**
 * Background operations (CXL r3.1 §8.2.9.1.2 Background Operation Status, opcode 0002h;
 * §8.2.9.1.5 Request Abort Background Operation, opcode 0005h).
 *
 * A command that answers Return Code 01h (Background Command Started) keeps running; its progress
 * and final status are read with 0002h, whose 8-byte reply is:
 *   byte 0     bit 0 Background Operation In Progress, bits 7:1 Percentage Complete (0-100)
 *   byte 1     reserved
 *   bytes 2-3  Command Opcode of the (last) background operation
 *   bytes 4-5  Return Code it completed with (valid when not in progress)
 *   bytes 6-7  Vendor Specific Extended Status
 *
 * The layout is the table row of command 0002h (spec-tables/cxl/generic.ts); fields are read by
 * their offset in that table so this code does not restate or depend on the field names.
 */
import type { FieldDef } from '../../../spec-tables/schema.js';
import { CxlNvmeError } from '../../errors.js';
import { checkResponsePayload } from './messages.js';
import { BG_OP_ABORT_OPCODE, BG_OP_STATUS_OPCODE, type CommandEntry, commandsByOpcode } from './registry.js';

export { BG_OP_ABORT_OPCODE, BG_OP_STATUS_OPCODE };

export interface BackgroundStatus {
  readonly inProgress: boolean;
  /** Percentage Complete, 0-100. */
  readonly percentComplete: number;
  readonly opcode: number;
  readonly returnCode: number;
  readonly vendorExtStatus: number;
}

/** The 0002h command row, when the tables have it. */
export function bgOpStatusEntry(): CommandEntry | undefined {
  return commandsByOpcode.get(BG_OP_STATUS_OPCODE)?.[0];
}

function fieldAt(fields: readonly FieldDef[], offset: number): FieldDef | undefined {
  return fields.find((f) => f.offset === offset && f.type !== 'reserved');
}

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw new CxlNvmeError('CXL_BACKGROUND', `Background Operation Status field has an unexpected value ${String(v)}`, {});
}

/** Status byte (byte 0) from a decoded table value: a `bits` word or a plain u8. */
function statusByte(field: FieldDef, value: unknown): number {
  if (field.type === 'bits' && value && typeof value === 'object') {
    let b = 0;
    const word = value as Record<string, unknown>;
    for (const r of field.bits) {
      const v = word[r.name];
      if (v !== undefined) b |= (num(v) & ((1 << r.width) - 1)) << r.lsb;
    }
    return b;
  }
  return num(value);
}

/**
 * Decode a Background Operation Status (0002h) reply payload. The payload length is checked by the
 * table row (exactly 8 bytes). Throws CXL_UNSUPPORTED when the tables lack the 0002h row.
 */
export function decodeBackgroundStatus(payload: Uint8Array): BackgroundStatus {
  const entry = bgOpStatusEntry();
  if (!entry?.response) {
    throw new CxlNvmeError('CXL_UNSUPPORTED', 'the command tables have no Background Operation Status (0002h) row', {
      opcode: BG_OP_STATUS_OPCODE,
    });
  }
  const value = checkResponsePayload(entry, payload) as Record<string, unknown>;
  const fields = entry.response.def.fields;
  const read = (offset: number): number => {
    const f = fieldAt(fields, offset);
    if (!f) throw new CxlNvmeError('CXL_BACKGROUND', `Background Operation Status table has no field at byte ${offset}`, { offset });
    return offset === 0 ? statusByte(f, value[f.name]) : num(value[f.name]);
  };
  const status = read(0);
  return {
    inProgress: (status & 1) !== 0,
    percentComplete: status >>> 1,
    opcode: read(2),
    returnCode: read(4),
    vendorExtStatus: read(6),
  };
}

/** Encode a status payload (simulators and tests): through the same table row. */
export function encodeBackgroundStatus(s: BackgroundStatus): Uint8Array {
  const entry = bgOpStatusEntry();
  if (!entry?.response) {
    throw new CxlNvmeError('CXL_UNSUPPORTED', 'the command tables have no Background Operation Status (0002h) row', {
      opcode: BG_OP_STATUS_OPCODE,
    });
  }
  if (!Number.isInteger(s.percentComplete) || s.percentComplete < 0 || s.percentComplete > 100) {
    throw new CxlNvmeError('USAGE', `percentComplete must be 0..100, got ${s.percentComplete}`, {});
  }
  const statusValue = (s.inProgress ? 1 : 0) | (s.percentComplete << 1);
  const v: Record<string, unknown> = {};
  for (const f of entry.response.def.fields) {
    if (f.type === 'reserved') continue;
    if (f.offset === 0) {
      if (f.type === 'bits') {
        const w: Record<string, unknown> = {};
        for (const r of f.bits) {
          const x = (statusValue >>> r.lsb) & ((1 << r.width) - 1);
          w[r.name] = r.width === 1 ? x === 1 : x;
        }
        v[f.name] = w;
      } else v[f.name] = statusValue;
    } else if (f.offset === 2) v[f.name] = s.opcode;
    else if (f.offset === 4) v[f.name] = s.returnCode;
    else if (f.offset === 6) v[f.name] = s.vendorExtStatus;
  }
  return entry.response.encode(v);
}
