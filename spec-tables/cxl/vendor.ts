/**
 * CXL vendor-specific commands (CXL r3.1 §8.2.9: command sets C0h-FFh, opcodes C000h-FFFFh).
 * Their payloads are defined by each vendor, so the representative row carries raw bytes both
 * ways; the protocol layer accepts any opcode in `vendorOpcodeRange` with the same raw payload
 * codecs (libcxlmi: `cxlmi_cmd_vendor_specific`, which takes the opcode as an argument).
 */
import type { CxlCommandDef, StructDef } from '../schema.js';

/** Opcodes reserved for vendor-specific commands, inclusive (CXL r3.1 §8.2.9). */
export const vendorOpcodeRange = { first: 0xc000, last: 0xffff } as const;

export const vendorSpecificReq = {
  name: 'vendorSpecificReq',
  cName: 'cxlmi_cmd_vendor_specific',
  size: 0,
  spec: 'CXL r3.1 §8.2.9',
  doc: 'Vendor-specific request payload, opaque',
  fields: [{ name: 'payload', offset: 0, type: 'flex', of: 'u8', count: 'rest', doc: 'Request payload bytes' }],
} as const satisfies StructDef;

export const vendorSpecificRsp = {
  name: 'vendorSpecificRsp',
  cName: 'cxlmi_cmd_vendor_specific',
  size: 0,
  spec: 'CXL r3.1 §8.2.9',
  doc: 'Vendor-specific response payload, opaque',
  fields: [{ name: 'payload', offset: 0, type: 'flex', of: 'u8', count: 'rest', doc: 'Response payload bytes' }],
} as const satisfies StructDef;

export const commands = [
  {
    name: 'vendorSpecific',
    cName: 'cxlmi_cmd_vendor_specific',
    opcode: 0xc000,
    spec: 'CXL r3.1 §8.2.9',
    doc: 'Send a vendor-defined command (any opcode C000h-FFFFh; C000h is the representative row) with raw payload bytes',
    request: vendorSpecificReq,
    response: vendorSpecificRsp,
  },
] as const satisfies readonly CxlCommandDef[];
