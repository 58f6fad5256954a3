/**
 * Feature values (Get / Set Features, NVMe Base 2.0c §5.21.1 and §5.27.1). Most features are one
 * dword: Set Features carries it in CDW11 and Get Features returns it in completion DW0, so each of
 * those is a 4-byte table decoding that dword. Features with a data buffer (Autonomous Power State
 * Transition, Timestamp, Host Identifier) have their buffer layout. Bit ranges follow libnvme's
 * `NVME_FEAT_*_SHIFT/MASK`; buffer structs are libnvme's (`nvme_feat_auto_pst`, `nvme_timestamp`).
 */
import type { StructDef } from '../schema.js';

export const featArbitration = {
  name: 'featArbitration',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 01h)',
  doc: 'Arbitration (CDW11 / DW0)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'ab', lsb: 0, width: 3, doc: 'Arbitration Burst (2^n commands; 7 = no limit)' },
        { name: 'lpw', lsb: 8, width: 8, doc: 'Low Priority Weight (0-based)' },
        { name: 'mpw', lsb: 16, width: 8, doc: 'Medium Priority Weight (0-based)' },
        { name: 'hpw', lsb: 24, width: 8, doc: 'High Priority Weight (0-based)' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featPowerMgmt = {
  name: 'featPowerMgmt',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 02h)',
  doc: 'Power Management (CDW11 / DW0)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'ps', lsb: 0, width: 5, doc: 'Power State' },
        { name: 'wh', lsb: 5, width: 3, doc: 'Workload Hint' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featTempThresh = {
  name: 'featTempThresh',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 04h)',
  doc: 'Temperature Threshold (CDW11 / DW0)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'tmpth', lsb: 0, width: 16, doc: 'Temperature Threshold (kelvin)' },
        { name: 'tmpsel', lsb: 16, width: 4, doc: 'Threshold Temperature Select: 0 composite, 1-8 sensor, 15 all' },
        { name: 'thsel', lsb: 20, width: 2, enum: { 0: 'over', 1: 'under' }, doc: 'Threshold Type Select' },
        { name: 'tmpthh', lsb: 22, width: 3, doc: 'Temperature Threshold Hysteresis' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featErrRecovery = {
  name: 'featErrRecovery',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 05h)',
  doc: 'Error Recovery (CDW11 / DW0)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'tler', lsb: 0, width: 16, doc: 'Time Limited Error Recovery (100 ms units)' },
        { name: 'dulbe', lsb: 16, width: 1, doc: 'Deallocated or Unwritten Logical Block Error Enable' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featVolatileWc = {
  name: 'featVolatileWc',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 06h)',
  doc: 'Volatile Write Cache (CDW11 / DW0)',
  fields: [{ name: 'value', offset: 0, type: 'bits', bytes: 4, bits: [{ name: 'wce', lsb: 0, width: 1, doc: 'Volatile Write Cache Enable' }] }],
} as const satisfies StructDef;

export const featNumQueues = {
  name: 'featNumQueues',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 07h)',
  doc: 'Number of Queues (CDW11 requested / DW0 allocated)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'nsqr', lsb: 0, width: 16, doc: 'Number of I/O Submission Queues (0-based)' },
        { name: 'ncqr', lsb: 16, width: 16, doc: 'Number of I/O Completion Queues (0-based)' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featIrqCoalesce = {
  name: 'featIrqCoalesce',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 08h)',
  doc: 'Interrupt Coalescing (CDW11 / DW0)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'thr', lsb: 0, width: 8, doc: 'Aggregation Threshold (0-based)' },
        { name: 'time', lsb: 8, width: 8, doc: 'Aggregation Time (100 us units)' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featAsyncEvent = {
  name: 'featAsyncEvent',
  size: 4,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 0Bh)',
  doc: 'Asynchronous Event Configuration (CDW11 / DW0)',
  fields: [
    {
      name: 'value',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'smart', lsb: 0, width: 8, doc: 'SMART / Health Critical Warnings (one bit per critical warning bit)' },
        { name: 'nan', lsb: 8, width: 1, doc: 'Namespace Attribute Notices' },
        { name: 'fw', lsb: 9, width: 1, doc: 'Firmware Activation Notices' },
        { name: 'telem', lsb: 10, width: 1, doc: 'Telemetry Log Notices' },
        { name: 'ana', lsb: 11, width: 1, doc: 'Asymmetric Namespace Access Change Notices' },
        { name: 'pla', lsb: 12, width: 1, doc: 'Predictable Latency Event Aggregate Log Change Notices' },
        { name: 'lbas', lsb: 13, width: 1, doc: 'LBA Status Information Notices' },
        { name: 'ega', lsb: 14, width: 1, doc: 'Endurance Group Event Aggregate Log Change Notices' },
        { name: 'nnsshdn', lsb: 15, width: 1, doc: 'Normal NVM Subsystem Shutdown Notices' },
        { name: 'zdcn', lsb: 27, width: 1, doc: 'Zone Descriptor Changed Notices (ZNS)' },
        { name: 'dlpcn', lsb: 31, width: 1, doc: 'Discovery Log Page Change Notification' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featAutoPstEntry = {
  name: 'featAutoPstEntry',
  size: 8,
  spec: 'NVMe Base 2.0c §5.27.1',
  doc: 'Autonomous Power State Transition table entry',
  fields: [
    {
      name: 'entry',
      offset: 0,
      type: 'bits',
      bytes: 8,
      bits: [
        { name: 'itps', lsb: 3, width: 5, doc: 'Idle Transition Power State' },
        { name: 'itpt', lsb: 8, width: 24, doc: 'Idle Time Prior to Transition (ms; 0 = disabled)' },
      ],
    },
  ],
} as const satisfies StructDef;

export const featAutoPst = {
  name: 'featAutoPst',
  cName: 'nvme_feat_auto_pst',
  size: 256,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 0Ch)',
  doc: 'Autonomous Power State Transition data: one 8-byte entry per power state 0-31 (CDW11 bit 0 = APSTE)',
  fields: [{ name: 'apstEntry', offset: 0, type: 'array', of: featAutoPstEntry, count: 32, doc: 'Entries for power states 0-31' }],
} as const satisfies StructDef;

export const timestamp = {
  name: 'timestamp',
  cName: 'nvme_timestamp',
  size: 8,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 0Eh)',
  doc: 'Timestamp data: milliseconds since 1970-01-01 UTC (48 bits) and attributes',
  fields: [
    { name: 'timestamp', offset: 0, type: 'bits', bytes: 6, bits: [{ name: 'ms', lsb: 0, width: 48, doc: 'Milliseconds since the epoch' }] },
    {
      name: 'attr',
      offset: 6,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'synch', lsb: 0, width: 1, doc: 'Synch: the controller may have stopped counting since the last set' },
        { name: 'origin', lsb: 1, width: 3, enum: { 0: 'reset', 1: 'setFeatures' }, doc: 'Timestamp Origin' },
      ],
    },
    { name: 'rsvd7', offset: 7, type: 'reserved', size: 1 },
  ],
} as const satisfies StructDef;

export const featHostId = {
  name: 'featHostId',
  size: 8,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 81h, CDW11 EXHID = 0)',
  doc: 'Host Identifier, 64-bit form',
  fields: [{ name: 'hostid', offset: 0, type: 'bytes', size: 8, doc: 'Host Identifier' }],
} as const satisfies StructDef;

export const featHostIdExt = {
  name: 'featHostIdExt',
  size: 16,
  spec: 'NVMe Base 2.0c §5.27.1 (FID 81h, CDW11 EXHID = 1)',
  doc: 'Host Identifier, extended 128-bit form',
  fields: [{ name: 'hostid', offset: 0, type: 'bytes', size: 16, doc: 'Extended Host Identifier' }],
} as const satisfies StructDef;
