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
 * The layout is the `bgOpStatusRsp` table (spec-tables/cxl/generic.ts), decoded by its codec.
 */
import { CxlNvmeError } from '../../errors.js';
import { codecs } from '../../structs/index.js';
import { checkResponsePayload } from './messages.js';
import { BG_OP_ABORT_OPCODE, BG_OP_STATUS_OPCODE, type CommandEntry, commandEntry } from './registry.js';

export { BG_OP_ABORT_OPCODE, BG_OP_STATUS_OPCODE };

export interface BackgroundStatus {
  readonly inProgress: boolean;
  /** Percentage Complete, 0-100. */
  readonly percentComplete: number;
  readonly opcode: number;
  readonly returnCode: number;
  readonly vendorExtStatus: number;
}

/** The 0002h command row. */
export function bgOpStatusEntry(): CommandEntry {
  return commandEntry('bgOpStatus');
}

/**
 * Decode a Background Operation Status (0002h) reply payload; its length is checked against the
 * table row (exactly 8 bytes, CXL_PAYLOAD_LENGTH otherwise).
 */
export function decodeBackgroundStatus(payload: Uint8Array): BackgroundStatus {
  checkResponsePayload(bgOpStatusEntry(), payload);
  const v = codecs.bgOpStatusRsp.decode(payload);
  return {
    inProgress: v.status.inProgress,
    percentComplete: v.status.percentComplete,
    opcode: v.opcode,
    returnCode: v.returncode,
    vendorExtStatus: v.vendorExtStatus,
  };
}

/** Encode a status payload (simulators and tests). */
export function encodeBackgroundStatus(s: BackgroundStatus): Uint8Array {
  if (!Number.isInteger(s.percentComplete) || s.percentComplete < 0 || s.percentComplete > 100) {
    throw new CxlNvmeError('USAGE', `percentComplete must be 0..100, got ${s.percentComplete}`, { percentComplete: s.percentComplete });
  }
  return codecs.bgOpStatusRsp.encode({
    status: { inProgress: s.inProgress, percentComplete: s.percentComplete },
    opcode: s.opcode,
    returncode: s.returnCode,
    vendorExtStatus: s.vendorExtStatus,
  });
}
