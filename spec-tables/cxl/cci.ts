/**
 * CXL Component Command Interface message framing: CXL r3.1 §7.6.3, Figure 7-19 (CCI Message
 * Format). Used over MCTP (message types 08h CCI / 07h FM-API), inside Tunnel Management Command
 * payloads, and by the simulator. The Linux mailbox ioctl carries only the payload.
 */
import type { StructDef } from '../schema.js';

/** Message Category values (Figure 7-19 byte 0 bits 3:0). */
export const cciCategory = { 0: 'request', 1: 'response' } as const;

export const cciMsg = {
  name: 'cciMsg',
  cName: 'cxlmi_cci_msg',
  size: 12,
  spec: 'CXL r3.1 §7.6.3 Figure 7-19',
  doc: 'CCI message header; the payload follows',
  fields: [
    {
      name: 'category',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'category', lsb: 0, width: 4, enum: cciCategory, doc: 'Message Category' }],
    },
    { name: 'tag', offset: 1, type: 'u8', doc: 'Message Tag, echoed in the response' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 1 },
    { name: 'command', offset: 3, type: 'u8', doc: 'Command Opcode bits 7:0' },
    { name: 'commandSet', offset: 4, type: 'u8', doc: 'Command Opcode bits 15:8' },
    {
      name: 'plLength',
      offset: 5,
      type: 'bits',
      bytes: 3,
      bits: [
        { name: 'length', lsb: 0, width: 21, doc: 'Message Payload Length in bytes' },
        { name: 'bo', lsb: 23, width: 1, doc: 'Background Operation: the command runs in the background' },
      ],
    },
    { name: 'returnCode', offset: 8, type: 'u16', doc: 'Return Code (responses only)' },
    { name: 'vendorExtStatus', offset: 10, type: 'u16', doc: 'Vendor Specific Extended Status' },
  ],
} as const satisfies StructDef;
