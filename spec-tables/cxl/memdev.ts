/**
 * CXL memory device command set (CXL r3.1 §8.2.9.9): opcodes 40xxh-48xxh.
 * Struct and field names follow libcxlmi (`struct cxlmi_cmd_memdev_*`), camelCased.
 */
import type { CxlCommandDef, StructDef } from '../schema.js';

export const memdevIdentifyRsp = {
  name: 'memdevIdentifyRsp',
  cName: 'cxlmi_cmd_memdev_identify_rsp',
  size: 69,
  spec: 'CXL r3.1 §8.2.9.9.1.1 Table 8-127',
  fields: [
    { name: 'fwRevision', offset: 0, type: 'ascii', size: 16, pad: 'nul', doc: 'FW Revision' },
    { name: 'totalCapacity', offset: 16, type: 'u64', unit: '256MiB', doc: 'Total Capacity' },
    { name: 'volatileCapacity', offset: 24, type: 'u64', unit: '256MiB', doc: 'Volatile Only Capacity' },
    { name: 'persistentCapacity', offset: 32, type: 'u64', unit: '256MiB', doc: 'Persistent Only Capacity' },
    { name: 'partitionAlign', offset: 40, type: 'u64', unit: '256MiB', doc: 'Partition Alignment' },
    { name: 'infoEventLogSize', offset: 48, type: 'u16', doc: 'Informational Event Log Size (records)' },
    { name: 'warningEventLogSize', offset: 50, type: 'u16', doc: 'Warning Event Log Size' },
    { name: 'failureEventLogSize', offset: 52, type: 'u16', doc: 'Failure Event Log Size' },
    { name: 'fatalEventLogSize', offset: 54, type: 'u16', doc: 'Fatal Event Log Size' },
    { name: 'lsaSize', offset: 56, type: 'u32', unit: 'bytes', doc: 'Label Storage Area Size' },
    { name: 'poisonListMaxMer', offset: 60, type: 'u24', doc: 'Poison List Maximum Media Error Records' },
    { name: 'injectPoisonLimit', offset: 63, type: 'u16', doc: 'Inject Poison Limit' },
    {
      name: 'poisonCaps',
      offset: 65,
      type: 'bits',
      bytes: 1,
      doc: 'Poison Handling Capabilities',
      bits: [
        { name: 'injectsPersistentPoison', lsb: 0, width: 1 },
        { name: 'scanMediaSupported', lsb: 1, width: 1 },
      ],
    },
    { name: 'qosTelemetryCaps', offset: 66, type: 'u8', doc: 'QoS Telemetry Capabilities' },
    { name: 'dcEventLogSize', offset: 67, type: 'u16', doc: 'Dynamic Capacity Event Log Size' },
  ],
} as const satisfies StructDef;

export const commands = [
  {
    name: 'memdevIdentify',
    cName: 'cxlmi_cmd_memdev_identify',
    opcode: 0x4000,
    spec: 'CXL r3.1 §8.2.9.9.1.1',
    doc: 'Firmware revision, capacities (256 MiB units), event log sizes, LSA size, poison limits',
    response: memdevIdentifyRsp,
  },
] as const satisfies readonly CxlCommandDef[];
