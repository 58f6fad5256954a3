/**
 * NVMe Completion Queue Entry: NVMe Base 2.0c §4.2.1 Figure 89 (common layout), with the Status
 * Field of §4.2.3 Figure 93 in bits 31:17 of DW3. Names follow libnvme `struct nvme_completion`.
 */
import type { StructDef } from '../schema.js';

export const completion = {
  name: 'completion',
  cName: 'nvme_completion',
  size: 16,
  spec: 'NVMe Base 2.0c §4.2.1 Figure 89',
  doc: 'Completion Queue Entry',
  fields: [
    { name: 'result', offset: 0, type: 'u32', doc: 'DW0: command specific' },
    { name: 'dw1', offset: 4, type: 'u32', doc: 'DW1: command specific' },
    { name: 'sqHead', offset: 8, type: 'u16', doc: 'SQ Head Pointer' },
    { name: 'sqId', offset: 10, type: 'u16', doc: 'SQ Identifier' },
    { name: 'commandId', offset: 12, type: 'u16', doc: 'Command Identifier' },
    {
      name: 'status',
      offset: 14,
      type: 'bits',
      bytes: 2,
      spec: 'NVMe Base 2.0c §4.2.3 Figure 93',
      bits: [
        { name: 'p', lsb: 0, width: 1, doc: 'Phase Tag' },
        { name: 'sc', lsb: 1, width: 8, doc: 'Status Code' },
        { name: 'sct', lsb: 9, width: 3, doc: 'Status Code Type', enum: { 0: 'generic', 1: 'commandSpecific', 2: 'mediaAndDataIntegrity', 3: 'pathRelated', 7: 'vendorSpecific' } },
        { name: 'crd', lsb: 12, width: 2, doc: 'Command Retry Delay' },
        { name: 'm', lsb: 14, width: 1, doc: 'More' },
        { name: 'dnr', lsb: 15, width: 1, doc: 'Do Not Retry' },
      ],
    },
  ],
} as const satisfies StructDef;
