/**
 * NVM Command Set I/O data structures (NVM Command Set Specification 1.0c).
 * Dataset Management range: §3.2.3 Figure 39. Name is libnvme's (`struct nvme_dsm_range`).
 */
import type { StructDef } from '../schema.js';

export const dsmRange = {
  name: 'dsmRange',
  cName: 'nvme_dsm_range',
  size: 16,
  spec: 'NVM Command Set 1.0c §3.2.3',
  doc: 'Dataset Management Range (the command carries NR+1 of these)',
  fields: [
    {
      name: 'cattr',
      offset: 0,
      type: 'bits',
      bytes: 4,
      doc: 'Context Attributes',
      bits: [
        { name: 'af', lsb: 0, width: 4, doc: 'Access Frequency' },
        { name: 'al', lsb: 4, width: 2, doc: 'Access Latency' },
        { name: 'sr', lsb: 8, width: 1, doc: 'Sequential Read Range' },
        { name: 'sw', lsb: 9, width: 1, doc: 'Sequential Write Range' },
        { name: 'wp', lsb: 10, width: 1, doc: 'Write Prepare' },
        { name: 'cas', lsb: 24, width: 8, doc: 'Command Access Size (blocks)' },
      ],
    },
    { name: 'nlb', offset: 4, type: 'u32', unit: 'blocks', doc: 'Length in logical blocks (1-based)' },
    { name: 'slba', offset: 8, type: 'u64', doc: 'Starting LBA' },
  ],
} as const satisfies StructDef;
