/**
 * CXL generic component command set (CXL r3.1 §8.2.9.1-§8.2.9.6): Information and Status (00h),
 * Events (01h), Firmware Update (02h), Timestamp (03h), Logs (04h), Features (05h).
 * Struct and field names follow libcxlmi (`struct cxlmi_cmd_*`), camelCased.
 */
import type { CxlCommandDef, StructDef } from '../schema.js';

/** Identify component type (CXL r3.1 §8.2.9.1.1 Table 8-36, byte 11h). */
export const componentType = { 0: 'switch', 3: 'type3' } as const;

export const identifyRsp = {
  name: 'identifyRsp',
  cName: 'cxlmi_cmd_identify_rsp',
  size: 18,
  spec: 'CXL r3.1 §8.2.9.1.1 Table 8-36',
  fields: [
    { name: 'vendorId', offset: 0, type: 'u16', doc: 'PCIe Vendor ID' },
    { name: 'deviceId', offset: 2, type: 'u16', doc: 'PCIe Device ID' },
    { name: 'subsysVendorId', offset: 4, type: 'u16', doc: 'PCIe Subsystem Vendor ID' },
    { name: 'subsysId', offset: 6, type: 'u16', doc: 'PCIe Subsystem ID' },
    { name: 'serialNum', offset: 8, type: 'u64', doc: 'Device Serial Number' },
    { name: 'maxMsgSize', offset: 16, type: 'u8', doc: 'Max Message Size: 2^n bytes (8..20)' },
    { name: 'componentType', offset: 17, type: 'u8', enum: componentType, doc: 'Component Type' },
  ],
} as const satisfies StructDef;

/** Event Log selector (CXL r3.1 §8.2.9.2.2 Table 8-49). */
export const eventLog = { 0: 'informational', 1: 'warning', 2: 'failure', 3: 'fatal', 4: 'dynamicCapacity' } as const;

/** Common Event Record (CXL r3.1 §8.2.9.2.1 Table 8-43); `data` is the 80-byte event-specific part. */
export const eventRecord = {
  name: 'eventRecord',
  cName: 'cxlmi_event_record',
  size: 128,
  spec: 'CXL r3.1 §8.2.9.2.1 Table 8-43',
  fields: [
    { name: 'uuid', offset: 0, type: 'uuid', doc: 'Event Record Identifier (the record format)' },
    { name: 'length', offset: 16, type: 'u8', doc: 'Event Record Length (128)' },
    {
      name: 'flags',
      offset: 17,
      type: 'bits',
      bytes: 3,
      bits: [
        { name: 'severity', lsb: 0, width: 2, enum: { 0: 'informational', 1: 'warning', 2: 'failure', 3: 'fatal' } },
        { name: 'permanentCondition', lsb: 2, width: 1 },
        { name: 'maintenanceNeeded', lsb: 3, width: 1 },
        { name: 'performanceDegraded', lsb: 4, width: 1 },
        { name: 'hardwareReplacementNeeded', lsb: 5, width: 1 },
        { name: 'maintOpSubclassValid', lsb: 6, width: 1 },
        { name: 'ldIdValid', lsb: 7, width: 1 },
        { name: 'headIdValid', lsb: 8, width: 1 },
      ],
    },
    { name: 'handle', offset: 20, type: 'u16', doc: 'Event Record Handle' },
    { name: 'relatedHandle', offset: 22, type: 'u16', doc: 'Related Event Record Handle' },
    { name: 'timestamp', offset: 24, type: 'u64', unit: 'ns', doc: 'Event Record Timestamp (ns since epoch)' },
    { name: 'maintOpClass', offset: 32, type: 'u8', doc: 'Maintenance Operation Class' },
    { name: 'maintOpSubclass', offset: 33, type: 'u8', doc: 'Maintenance Operation Subclass' },
    { name: 'ldId', offset: 34, type: 'u16', doc: 'LD-ID' },
    { name: 'headId', offset: 36, type: 'u8', doc: 'Head ID' },
    { name: 'rsvd37', offset: 37, type: 'reserved', size: 11 },
    { name: 'data', offset: 48, type: 'bytes', size: 80, doc: 'Event-specific data' },
  ],
} as const satisfies StructDef;

export const getEventRecordsReq = {
  name: 'getEventRecordsReq',
  cName: 'cxlmi_cmd_get_event_records_req',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.2.2 Table 8-49',
  fields: [{ name: 'eventLog', offset: 0, type: 'u8', enum: eventLog, doc: 'Event Log to read' }],
} as const satisfies StructDef;

export const getEventRecordsRsp = {
  name: 'getEventRecordsRsp',
  cName: 'cxlmi_cmd_get_event_records_rsp',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.2.2 Table 8-50',
  fields: [
    {
      name: 'flags',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'overflow', lsb: 0, width: 1, doc: 'The log overflowed; records were lost' },
        { name: 'moreRecords', lsb: 1, width: 1, doc: 'More records remain to be read' },
      ],
    },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 1 },
    { name: 'overflowErrCount', offset: 2, type: 'u16', doc: 'Overflow Error Count' },
    { name: 'firstOverflowTimestamp', offset: 4, type: 'u64', unit: 'ns' },
    { name: 'lastOverflowTimestamp', offset: 12, type: 'u64', unit: 'ns' },
    { name: 'recordCount', offset: 20, type: 'u16', doc: 'Event Record Count' },
    { name: 'rsvd22', offset: 22, type: 'reserved', size: 10 },
    { name: 'records', offset: 32, type: 'flex', of: eventRecord, count: { field: 'recordCount', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const commands = [
  {
    name: 'identify',
    cName: 'cxlmi_cmd_identify',
    opcode: 0x0001,
    spec: 'CXL r3.1 §8.2.9.1.1',
    doc: 'PCI ids, serial number, max message size and component type (switch or type 3)',
    response: identifyRsp,
  },
  {
    name: 'getEventRecords',
    cName: 'cxlmi_cmd_get_event_records',
    opcode: 0x0100,
    spec: 'CXL r3.1 §8.2.9.2.2',
    doc: 'Event records from one event log, with overflow information',
    request: getEventRecordsReq,
    response: getEventRecordsRsp,
  },
] as const satisfies readonly CxlCommandDef[];
