/**
 * CXL memory device command set (CXL r3.1 §8.2.9.9, Table 8-126): opcodes 40xxh-48xxh.
 * Struct and field names follow libcxlmi (`struct cxlmi_cmd_memdev_*`), camelCased; reserved
 * spans are `rsvdN` with N the byte offset. Where libcxlmi departs from the specification the
 * specification wins (each case is noted at the field or command).
 *
 * Address conventions (r3.1 §8.2.9.9.4): DPAs in request payloads are byte addresses with bits
 * 5:0 reserved (64-byte aligned). Where the low bits of a DPA word carry flags (Get Poison List
 * input, Media Error Record, event record Physical Address) the word is a `bits` field whose
 * `cacheline` range is DPA[63:6], i.e. the address in 64-byte units (byte DPA = cacheline * 64).
 * Lengths marked `unit: '64B'` are in 64-byte units as the spec defines them.
 */
import type { BitRange, CxlCommandDef, StructDef } from '../schema.js';

// --- 40h Identify Memory Device ---------------------------------------------------------------

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
    { name: 'injectPoisonLimit', offset: 63, type: 'u16', doc: 'Inject Poison Limit (0 = no limit)' },
    {
      name: 'poisonCaps',
      offset: 65,
      type: 'bits',
      bytes: 1,
      doc: 'Poison Handling Capabilities',
      bits: [
        { name: 'injectsPersistentPoison', lsb: 0, width: 1 },
        { name: 'scansForPoison', lsb: 1, width: 1, doc: "Spec name 'Scans for Poison': the device scans its media periodically" },
      ],
    },
    { name: 'qosTelemetryCaps', offset: 66, type: 'u8', doc: 'QoS Telemetry Capabilities: bit 0 Egress Port Congestion, bit 1 Temporary Throughput Reduction' },
    { name: 'dcEventLogSize', offset: 67, type: 'u16', doc: 'Dynamic Capacity Event Log Size' },
  ],
} as const satisfies StructDef;

// --- 41h Capacity Configuration and Label Storage ------------------------------------------------

export const memdevGetPartitionInfoRsp = {
  name: 'memdevGetPartitionInfoRsp',
  cName: 'cxlmi_cmd_memdev_get_partition_info_rsp',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.9.2.1 Table 8-128',
  fields: [
    { name: 'activeVmem', offset: 0, type: 'u64', unit: '256MiB', doc: 'Active Volatile Capacity' },
    { name: 'activePmem', offset: 8, type: 'u64', unit: '256MiB', doc: 'Active Persistent Capacity' },
    { name: 'nextVmem', offset: 16, type: 'u64', unit: '256MiB', doc: 'Next Volatile Capacity (0 with nextPmem 0: no pending change)' },
    { name: 'nextPmem', offset: 24, type: 'u64', unit: '256MiB', doc: 'Next Persistent Capacity' },
  ],
} as const satisfies StructDef;

export const memdevSetPartitionInfoReq = {
  name: 'memdevSetPartitionInfoReq',
  cName: 'cxlmi_cmd_memdev_set_partition_info_req',
  size: 9,
  spec: 'CXL r3.1 §8.2.9.9.2.2 Table 8-129',
  fields: [
    { name: 'volatileCapacity', offset: 0, type: 'u64', unit: '256MiB', doc: 'Partitionable capacity to allocate as volatile' },
    {
      name: 'flags',
      offset: 8,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'immediate', lsb: 0, width: 1, doc: 'Apply now instead of on the next reset' }],
    },
  ],
} as const satisfies StructDef;

export const memdevGetLsaReq = {
  name: 'memdevGetLsaReq',
  cName: 'cxlmi_cmd_memdev_get_lsa_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.2.3 Table 8-130',
  fields: [
    { name: 'offset', offset: 0, type: 'u32', unit: 'bytes', doc: 'Byte offset in the LSA' },
    { name: 'length', offset: 4, type: 'u32', unit: 'bytes', doc: 'Bytes of LSA to return' },
  ],
} as const satisfies StructDef;

/** Get LSA output: exactly `length` bytes of label storage (libcxlmi returns it as `void *`). */
export const memdevGetLsaRsp = {
  name: 'memdevGetLsaRsp',
  size: 0,
  spec: 'CXL r3.1 §8.2.9.9.2.3 Table 8-131',
  fields: [{ name: 'data', offset: 0, type: 'flex', of: 'u8', count: 'rest', doc: 'Requested bytes from the LSA' }],
} as const satisfies StructDef;

export const memdevSetLsaReq = {
  name: 'memdevSetLsaReq',
  cName: 'cxlmi_cmd_memdev_set_lsa_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.2.4 Table 8-132',
  fields: [
    { name: 'offset', offset: 0, type: 'u32', unit: 'bytes', doc: 'Byte offset in the LSA' },
    { name: 'rsvd4', offset: 4, type: 'reserved', size: 4 },
    { name: 'data', offset: 8, type: 'flex', of: 'u8', count: 'rest', doc: 'Data to write at offset' },
  ],
} as const satisfies StructDef;

// --- 42h Health Info and Alerts ------------------------------------------------------------------

/** Media Status (r3.1 Table 8-133 byte 01h). */
export const mediaStatus = {
  0: 'normal',
  1: 'notReady',
  2: 'writePersistencyLost',
  3: 'allDataLost',
  4: 'writePersistencyLossOnPowerLoss',
  5: 'writePersistencyLossOnShutdown',
  6: 'writePersistencyLossImminent',
  7: 'allDataLossOnPowerLoss',
  8: 'allDataLossOnShutdown',
  9: 'allDataLossImminent',
} as const;

/** Normal / Warning / Critical status of Additional Status (r3.1 Table 8-133 byte 02h). */
export const healthLevel = { 0: 'normal', 1: 'warning', 2: 'critical' } as const;

/** Device Temperature value meaning "not implemented" (r3.1 Table 8-133 byte 04h). */
export const deviceTemperatureNotImplemented = 0x7fff;
/** Life Used value meaning "not implemented" (r3.1 Table 8-133 byte 03h). */
export const lifeUsedNotImplemented = 0xff;

export const memdevGetHealthInfoRsp = {
  name: 'memdevGetHealthInfoRsp',
  cName: 'cxlmi_cmd_memdev_get_health_info_rsp',
  size: 18,
  spec: 'CXL r3.1 §8.2.9.9.3.1 Table 8-133',
  fields: [
    {
      name: 'healthStatus',
      offset: 0,
      type: 'bits',
      bytes: 1,
      doc: 'Health Status (all clear = normal)',
      bits: [
        { name: 'maintenanceNeeded', lsb: 0, width: 1 },
        { name: 'performanceDegraded', lsb: 1, width: 1 },
        { name: 'hardwareReplacementNeeded', lsb: 2, width: 1 },
        { name: 'memoryCapacityDegraded', lsb: 3, width: 1 },
      ],
    },
    { name: 'mediaStatus', offset: 1, type: 'u8', enum: mediaStatus, doc: 'Media Status' },
    {
      name: 'additionalStatus',
      offset: 2,
      type: 'bits',
      bytes: 1,
      doc: 'Additional Status',
      bits: [
        { name: 'lifeUsed', lsb: 0, width: 2, enum: healthLevel, doc: 'Life Used status' },
        { name: 'deviceTemperature', lsb: 2, width: 2, enum: healthLevel, doc: 'Device Temperature status' },
        { name: 'correctedVolatileErrorCount', lsb: 4, width: 1, doc: 'Corrected volatile error count at or above its warning threshold' },
        { name: 'correctedPersistentErrorCount', lsb: 5, width: 1, doc: 'Corrected persistent error count at or above its warning threshold' },
      ],
    },
    { name: 'lifeUsed', offset: 3, type: 'u8', unit: 'percent', doc: 'Life Used, 0-100 (FFh = not implemented)' },
    { name: 'deviceTemperature', offset: 4, type: 'i16', unit: 'celsius', doc: "Device Temperature, 2's complement (7FFFh = not implemented)" },
    { name: 'dirtyShutdownCount', offset: 6, type: 'u32', doc: 'Dirty Shutdown Count' },
    { name: 'correctedVolatileErrorCount', offset: 10, type: 'u32', doc: 'Corrected Volatile Error Count (saturates)' },
    { name: 'correctedPersistentErrorCount', offset: 14, type: 'u32', doc: 'Corrected Persistent Error Count (saturates)' },
  ],
} as const satisfies StructDef;

/** Programmable alert bits shared by Get / Set Alert Configuration (r3.1 Tables 8-134, 8-135). */
export const alertBits = [
  { name: 'lifeUsedProgrammableWarning', lsb: 0, width: 1 },
  { name: 'deviceOverTemperatureProgrammableWarning', lsb: 1, width: 1 },
  { name: 'deviceUnderTemperatureProgrammableWarning', lsb: 2, width: 1 },
  { name: 'correctedVolatileMemErrorProgrammableWarning', lsb: 3, width: 1 },
  { name: 'correctedPersistentMemErrorProgrammableWarning', lsb: 4, width: 1 },
] as const satisfies readonly BitRange[];

export const memdevGetAlertConfigRsp = {
  name: 'memdevGetAlertConfigRsp',
  cName: 'cxlmi_cmd_memdev_get_alert_config_rsp',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.3.2 Table 8-134',
  doc: "Temperatures are 2's complement (libcxlmi declares them uint16_t)",
  fields: [
    { name: 'validAlerts', offset: 0, type: 'bits', bytes: 1, bits: alertBits, doc: 'Valid Alerts: which threshold fields are valid' },
    { name: 'programmableAlerts', offset: 1, type: 'bits', bytes: 1, bits: alertBits, doc: 'Programmable Alerts: which thresholds the host may set' },
    { name: 'lifeUsedCriticalAlertThreshold', offset: 2, type: 'u8', unit: 'percent' },
    { name: 'lifeUsedProgrammableWarningThreshold', offset: 3, type: 'u8', unit: 'percent' },
    { name: 'deviceOverTemperatureCriticalAlertThreshold', offset: 4, type: 'i16', unit: 'celsius' },
    { name: 'deviceUnderTemperatureCriticalAlertThreshold', offset: 6, type: 'i16', unit: 'celsius' },
    { name: 'deviceOverTemperatureProgrammableWarningThreshold', offset: 8, type: 'i16', unit: 'celsius' },
    { name: 'deviceUnderTemperatureProgrammableWarningThreshold', offset: 10, type: 'i16', unit: 'celsius' },
    { name: 'correctedVolatileMemErrorProgrammableWarningThreshold', offset: 12, type: 'u16', doc: 'Corrected volatile errors before an event' },
    { name: 'correctedPersistentMemErrorProgrammableWarningThreshold', offset: 14, type: 'u16', doc: 'Corrected persistent errors before an event' },
  ],
} as const satisfies StructDef;

export const memdevSetAlertConfigReq = {
  name: 'memdevSetAlertConfigReq',
  cName: 'cxlmi_cmd_memdev_set_alert_config_req',
  size: 12,
  spec: 'CXL r3.1 §8.2.9.9.3.3 Table 8-135',
  fields: [
    { name: 'validAlertActions', offset: 0, type: 'bits', bytes: 1, bits: alertBits, doc: 'Valid Alert Actions: which enables and thresholds apply' },
    { name: 'enableAlertActions', offset: 1, type: 'bits', bytes: 1, bits: alertBits, doc: 'Enable Alert Actions' },
    { name: 'lifeUsedProgrammableWarningThreshold', offset: 2, type: 'u8', unit: 'percent' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
    { name: 'deviceOverTemperatureProgrammableWarningThreshold', offset: 4, type: 'i16', unit: 'celsius' },
    { name: 'deviceUnderTemperatureProgrammableWarningThreshold', offset: 6, type: 'i16', unit: 'celsius' },
    { name: 'correctedVolatileMemErrorProgrammableWarningThreshold', offset: 8, type: 'u16' },
    { name: 'correctedPersistentMemErrorProgrammableWarningThreshold', offset: 10, type: 'u16' },
  ],
} as const satisfies StructDef;

const shutdownStateBits = [{ name: 'dirty', lsb: 0, width: 1, doc: 'Shutdown State is dirty' }] as const satisfies readonly BitRange[];

export const memdevGetShutdownStateRsp = {
  name: 'memdevGetShutdownStateRsp',
  cName: 'cxlmi_cmd_memdev_get_shutdown_state_rsp',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.9.3.4 Table 8-136',
  fields: [{ name: 'state', offset: 0, type: 'bits', bytes: 1, bits: shutdownStateBits }],
} as const satisfies StructDef;

export const memdevSetShutdownStateReq = {
  name: 'memdevSetShutdownStateReq',
  cName: 'cxlmi_cmd_memdev_set_shutdown_state_req',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.9.3.5 Table 8-137',
  fields: [{ name: 'state', offset: 0, type: 'bits', bytes: 1, bits: shutdownStateBits }],
} as const satisfies StructDef;

// --- 43h Media and Poison Management ----------------------------------------------------------

/** Media Error Record Error Source (r3.1 Table 8-140 bits 2:0). */
export const mediaErrorSource = { 0: 'unknown', 1: 'external', 2: 'internal', 3: 'injected', 7: 'vendorSpecific' } as const;

/** DPA[63:6] of a word whose low bits carry flags: the address in 64-byte units. */
const cacheline = {
  name: 'cacheline',
  lsb: 6,
  width: 58,
  doc: 'DPA[63:6]: the address in 64-byte units (byte DPA = cacheline * 64)',
} as const satisfies BitRange;

const mediaErrorAddressBits = [
  { name: 'errorSource', lsb: 0, width: 3, enum: mediaErrorSource, doc: 'Error Source' },
  cacheline,
] as const satisfies readonly BitRange[];

export const memdevGetPoisonListReq = {
  name: 'memdevGetPoisonListReq',
  cName: 'cxlmi_cmd_memdev_get_poison_list_req',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.4.1 Table 8-138',
  fields: [
    {
      name: 'getPoisonListPhyAddr',
      offset: 0,
      type: 'bits',
      bytes: 8,
      doc: 'Poison List Flags and starting DPA',
      bits: [{ name: 'restartRequest', lsb: 0, width: 1, doc: 'Restart Request: send the list from its first entry' }, cacheline],
    },
    { name: 'getPoisonListPhyAddrLen', offset: 8, type: 'u64', unit: '64B', doc: 'Range length in 64-byte units' },
  ],
} as const satisfies StructDef;

export const memdevMediaErrRecord = {
  name: 'memdevMediaErrRecord',
  cName: 'cxlmi_memdev_media_err_record',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.4.1 Table 8-140',
  doc: 'Media Error Record (Get Poison List)',
  fields: [
    { name: 'mediaErrAddr', offset: 0, type: 'bits', bytes: 8, bits: mediaErrorAddressBits, doc: 'Media Error Address' },
    { name: 'mediaErrLen', offset: 8, type: 'u32', unit: '64B', doc: 'Media Error Length in 64-byte units (nonzero)' },
    { name: 'rsvd12', offset: 12, type: 'reserved', size: 4 },
  ],
} as const satisfies StructDef;

export const memdevGetPoisonListRsp = {
  name: 'memdevGetPoisonListRsp',
  cName: 'cxlmi_cmd_memdev_get_poison_list_rsp',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.9.4.1 Table 8-139',
  doc: 'Decoded from its own record count (libcxlmi insists on exactly 256 records)',
  fields: [
    {
      name: 'poisonListFlags',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'moreMediaErrorRecords', lsb: 0, width: 1, doc: 'More records remain: repeat the same request' },
        { name: 'poisonListOverflow', lsb: 1, width: 1, doc: 'The list overflowed and is incomplete; overflowTimestamp is valid' },
        { name: 'scanMediaInProgress', lsb: 2, width: 1 },
        { name: 'restartAck', lsb: 3, width: 1, doc: 'The device honoured Restart Request' },
      ],
    },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 1 },
    { name: 'overflowTimestamp', offset: 2, type: 'u64', unit: 'ns', doc: 'When the list overflowed (ns since the epoch)' },
    { name: 'moreErrMediaRecordCnt', offset: 10, type: 'u16', doc: 'Media Error Record Count in this reply (libcxlmi name)' },
    { name: 'rsvd12', offset: 12, type: 'reserved', size: 20 },
    { name: 'records', offset: 32, type: 'flex', of: memdevMediaErrRecord, count: { field: 'moreErrMediaRecordCnt', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const memdevInjectPoisonReq = {
  name: 'memdevInjectPoisonReq',
  cName: 'cxlmi_cmd_memdev_inject_poison_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.4.2 Table 8-141',
  fields: [{ name: 'injectPoisonPhyAddr', offset: 0, type: 'u64', doc: 'DPA to poison (64-byte aligned)' }],
} as const satisfies StructDef;

export const memdevClearPoisonReq = {
  name: 'memdevClearPoisonReq',
  cName: 'cxlmi_cmd_memdev_clear_poison_req',
  size: 72,
  spec: 'CXL r3.1 §8.2.9.9.4.3 Table 8-142',
  fields: [
    { name: 'clearPoisonPhyAddr', offset: 0, type: 'u64', doc: 'DPA to clear (64-byte aligned)' },
    { name: 'clearPoisonWriteData', offset: 8, type: 'bytes', size: 64, doc: 'Data written atomically in place of the poison' },
  ],
} as const satisfies StructDef;

export const memdevGetScanMediaCapabilitiesReq = {
  name: 'memdevGetScanMediaCapabilitiesReq',
  cName: 'cxlmi_cmd_memdev_get_scan_media_capabilities_req',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.4.4 Table 8-143',
  fields: [
    { name: 'getScanMediaCapabilitiesStartPhysaddr', offset: 0, type: 'u64', doc: 'Starting DPA (64-byte aligned)' },
    { name: 'getScanMediaCapabilitiesPhysaddrLength', offset: 8, type: 'u64', unit: '64B', doc: 'Range length in 64-byte units' },
  ],
} as const satisfies StructDef;

export const memdevGetScanMediaCapabilitiesRsp = {
  name: 'memdevGetScanMediaCapabilitiesRsp',
  cName: 'cxlmi_cmd_memdev_get_scan_media_capabilities_rsp',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.9.4.4 Table 8-144',
  fields: [{ name: 'estimatedScanMediaTime', offset: 0, type: 'u32', unit: 'ms', doc: 'Estimated Scan Media Time (0 = cannot estimate)' }],
} as const satisfies StructDef;

export const memdevScanMediaReq = {
  name: 'memdevScanMediaReq',
  cName: 'cxlmi_cmd_memdev_scan_media_req',
  size: 17,
  spec: 'CXL r3.1 §8.2.9.9.4.5 Table 8-145',
  fields: [
    { name: 'scanMediaPhysaddr', offset: 0, type: 'u64', doc: 'Starting DPA (64-byte aligned)' },
    { name: 'scanMediaPhysaddrLength', offset: 8, type: 'u64', unit: '64B', doc: 'Range length in 64-byte units' },
    {
      name: 'scanMediaFlags',
      offset: 16,
      type: 'bits',
      bytes: 1,
      // libcxlmi stores this byte with cpu_to_le16(), which writes 0 on big-endian hosts; it is a u8.
      bits: [{ name: 'noEventLog', lsb: 0, width: 1, doc: 'Do not log events for errors found' }],
    },
  ],
} as const satisfies StructDef;

export const mediaErrorRecord = {
  name: 'mediaErrorRecord',
  cName: 'cxlmi_media_error_record',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.4.1 Table 8-140',
  doc: 'Media Error Record (Get Scan Media Results)',
  fields: [
    { name: 'mediaErrorAddress', offset: 0, type: 'bits', bytes: 8, bits: mediaErrorAddressBits, doc: 'Media Error Address' },
    { name: 'mediaErrorLength', offset: 8, type: 'u32', unit: '64B', doc: 'Media Error Length in 64-byte units (nonzero)' },
    { name: 'rsvd12', offset: 12, type: 'reserved', size: 4 },
  ],
} as const satisfies StructDef;

export const memdevGetScanMediaResultsRsp = {
  name: 'memdevGetScanMediaResultsRsp',
  cName: 'cxlmi_cmd_memdev_get_scan_media_results_rsp',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.9.4.6 Table 8-146',
  doc: 'Decoded from its own record count (libcxlmi insists on exactly 256 records)',
  fields: [
    { name: 'scanMediaRestartPhysaddr', offset: 0, type: 'u64', doc: 'DPA to restart Scan Media from (valid if scanStoppedPrematurely)' },
    { name: 'scanMediaRestartPhysaddrLength', offset: 8, type: 'u64', unit: '64B', doc: 'Remaining length in 64-byte units' },
    {
      name: 'scanMediaFlags',
      offset: 16,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'moreMediaErrorRecords', lsb: 0, width: 1, doc: 'More records remain: repeat the command' },
        { name: 'scanStoppedPrematurely', lsb: 1, width: 1, doc: 'Out of error-list space; restart fields are valid' },
      ],
    },
    { name: 'rsvd17', offset: 17, type: 'reserved', size: 1 },
    { name: 'mediaErrorCount', offset: 18, type: 'u16', doc: 'Media Error Record Count in this reply' },
    { name: 'rsvd20', offset: 20, type: 'reserved', size: 12 },
    { name: 'record', offset: 32, type: 'flex', of: mediaErrorRecord, count: { field: 'mediaErrorCount', unit: 'elements' } },
  ],
} as const satisfies StructDef;

// --- 44h Sanitize and Media Operations -----------------------------------------------------------

/** Media Operation Class (r3.1 Table 8-149). Subclasses: general/00h discovery; sanitize/00h sanitize, 01h zero. */
export const mediaOperationClass = { 0: 'general', 1: 'sanitize' } as const;

/** Media Operation subclasses of class 01h Sanitize (r3.1 Table 8-149). */
export const sanitizeSubclass = { 0: 'sanitize', 1: 'zero' } as const;

export const memdevMediaOperationsDiscoveryOsa = {
  name: 'memdevMediaOperationsDiscoveryOsa',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.9.5.3 Table 8-150',
  doc: 'Discovery operation-specific arguments (libcxlmi: anonymous discovery_osa)',
  fields: [
    { name: 'startIndex', offset: 0, type: 'u16', doc: 'Index of the first Media Operation to return' },
    { name: 'numOps', offset: 2, type: 'u16', doc: 'Maximum number of Media Operations to return' },
  ],
} as const satisfies StructDef;

export const memdevMediaOperationsDiscoveryReq = {
  name: 'memdevMediaOperationsDiscoveryReq',
  cName: 'cxlmi_cmd_memdev_media_operations_discovery_req',
  size: 12,
  spec: 'CXL r3.1 §8.2.9.9.5.3 Table 8-147',
  fields: [
    { name: 'mediaOperationClass', offset: 0, type: 'u8', enum: mediaOperationClass, doc: 'Class 00h (General)' },
    { name: 'mediaOperationSubclass', offset: 1, type: 'u8', doc: 'Subclass 00h (Discovery)' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'dpaRangeCount', offset: 4, type: 'u32', doc: 'DPA Range Count: 0 for Discovery' },
    { name: 'discoveryOsa', offset: 8, type: 'struct', struct: memdevMediaOperationsDiscoveryOsa },
  ],
} as const satisfies StructDef;

export const memdevMediaOpsSupportedListEntry = {
  name: 'memdevMediaOpsSupportedListEntry',
  cName: 'cxlmi_cmd_memdev_media_ops_supported_list_entry',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.9.5.3 Table 8-152',
  fields: [
    { name: 'mediaOpClass', offset: 0, type: 'u8', enum: mediaOperationClass },
    { name: 'mediaOpSubclass', offset: 1, type: 'u8' },
  ],
} as const satisfies StructDef;

export const memdevMediaOperationsDiscoveryRsp = {
  name: 'memdevMediaOperationsDiscoveryRsp',
  cName: 'cxlmi_cmd_memdev_media_operations_discovery_rsp',
  size: 12,
  spec: 'CXL r3.1 §8.2.9.9.5.3 Table 8-151',
  fields: [
    { name: 'dpaRangeGranularity', offset: 0, type: 'u64', unit: 'bytes', doc: 'Minimum DPA range granularity (power of 2, multiple of 64)' },
    { name: 'totalSupportedOps', offset: 8, type: 'u16', doc: 'Total Number of Supported Operations' },
    { name: 'numSupportedOps', offset: 10, type: 'u16', doc: 'Entries in this reply' },
    { name: 'entry', offset: 12, type: 'flex', of: memdevMediaOpsSupportedListEntry, count: { field: 'numSupportedOps', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const memdevMediaOpsDpaRangeListEntry = {
  name: 'memdevMediaOpsDpaRangeListEntry',
  cName: 'cxlmi_cmd_memdev_media_ops_dpa_range_list_entry',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.5.3 Table 8-148',
  fields: [
    { name: 'startingDpa', offset: 0, type: 'u64', doc: 'Starting DPA (64-byte aligned)' },
    { name: 'length', offset: 8, type: 'u64', unit: 'bytes' },
  ],
} as const satisfies StructDef;

export const memdevMediaOperationsSanitizeReq = {
  name: 'memdevMediaOperationsSanitizeReq',
  cName: 'cxlmi_cmd_memdev_media_operations_sanitize_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.5.3 Table 8-147',
  fields: [
    { name: 'mediaOperationClass', offset: 0, type: 'u8', enum: mediaOperationClass, doc: 'Class 01h (Sanitize)' },
    { name: 'mediaOperationSubclass', offset: 1, type: 'u8', enum: sanitizeSubclass, doc: '00h sanitize, 01h zero' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'dpaRangeCount', offset: 4, type: 'u32', doc: 'DPA Range Count' },
    { name: 'dpaRangeList', offset: 8, type: 'flex', of: memdevMediaOpsDpaRangeListEntry, count: { field: 'dpaRangeCount', unit: 'elements' } },
  ],
} as const satisfies StructDef;

// --- 45h Persistent Memory Data-at-rest Security ----------------------------------------------

/** Passphrase Type (r3.1 Tables 8-154, 8-155, 8-157). */
export const passphraseType = { 0: 'master', 1: 'user' } as const;

/** Passphrase field size in bytes (r3.1 Table 8-154). */
export const passphraseSize = 32;

export const memdevGetSecurityStateRsp = {
  name: 'memdevGetSecurityStateRsp',
  cName: 'cxlmi_cmd_memdev_get_security_state_rsp',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.9.6.1 Table 8-153',
  fields: [
    {
      name: 'securityState',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'userPassphraseSet', lsb: 0, width: 1, doc: 'Persistent memory security is enabled' },
        { name: 'masterPassphraseSet', lsb: 1, width: 1 },
        { name: 'locked', lsb: 2, width: 1 },
        { name: 'frozen', lsb: 3, width: 1, doc: 'No security changes until a cold reset' },
        { name: 'userPassphraseAttemptCountReached', lsb: 4, width: 1 },
        { name: 'masterPassphraseAttemptCountReached', lsb: 5, width: 1 },
      ],
    },
  ],
} as const satisfies StructDef;

export const memdevSetPassphraseReq = {
  name: 'memdevSetPassphraseReq',
  cName: 'cxlmi_cmd_memdev_set_passphrase_req',
  size: 96,
  spec: 'CXL r3.1 §8.2.9.9.6.2 Table 8-154',
  fields: [
    { name: 'passphraseType', offset: 0, type: 'u8', enum: passphraseType },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 31 },
    { name: 'currentPassphrase', offset: 32, type: 'bytes', size: 32, doc: 'Ignored if no passphrase is set' },
    { name: 'newPassphrase', offset: 64, type: 'bytes', size: 32 },
  ],
} as const satisfies StructDef;

export const memdevDisablePassphraseReq = {
  name: 'memdevDisablePassphraseReq',
  cName: 'cxlmi_cmd_memdev_disable_passphrase_req',
  size: 64,
  spec: 'CXL r3.1 §8.2.9.9.6.3 Table 8-155',
  fields: [
    { name: 'passphraseType', offset: 0, type: 'u8', enum: passphraseType },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 31 },
    { name: 'passphrase', offset: 32, type: 'bytes', size: 32, doc: 'Current Passphrase' },
  ],
} as const satisfies StructDef;

export const memdevUnlockReq = {
  name: 'memdevUnlockReq',
  cName: 'cxlmi_cmd_memdev_unlock_req',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.9.6.4 Table 8-156',
  fields: [{ name: 'currentPassphrase', offset: 0, type: 'bytes', size: 32, doc: 'Current user passphrase' }],
} as const satisfies StructDef;

export const memdevPassphraseSecureEraseReq = {
  name: 'memdevPassphraseSecureEraseReq',
  cName: 'cxlmi_cmd_memdev_passphrase_secure_erase_req',
  size: 64,
  spec: 'CXL r3.1 §8.2.9.9.6.6 Table 8-157',
  fields: [
    { name: 'passphraseType', offset: 0, type: 'u8', enum: passphraseType },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 31 },
    { name: 'passphrase', offset: 32, type: 'bytes', size: 32, doc: 'Current Passphrase (master passphrase required for type master)' },
  ],
} as const satisfies StructDef;

// --- 46h Security Passthrough ----------------------------------------------------------------------

export const memdevSecuritySendReq = {
  name: 'memdevSecuritySendReq',
  cName: 'cxlmi_cmd_memdev_security_send_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.7.1 Table 8-158',
  fields: [
    { name: 'securityProtocol', offset: 0, type: 'u8', doc: 'Security Protocol (SFSC)' },
    { name: 'spSpecific', offset: 1, type: 'u16', doc: 'SP Specific bits 15:0 (SFSC)' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 5 },
    { name: 'data', offset: 8, type: 'flex', of: 'u8', count: 'rest', doc: 'Security protocol data' },
  ],
} as const satisfies StructDef;

export const memdevSecurityReceiveReq = {
  name: 'memdevSecurityReceiveReq',
  cName: 'cxlmi_cmd_memdev_security_receive_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.7.2 Table 8-159',
  fields: [
    { name: 'securityProtocol', offset: 0, type: 'u8', doc: 'Security Protocol (SFSC); 00h = supported protocol list' },
    { name: 'spSpecific', offset: 1, type: 'u16', doc: 'SP Specific bits 15:0 (SFSC)' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 5 },
  ],
} as const satisfies StructDef;

/** Security Receive output: protocol-defined data of any length (libcxlmi fixes it at 264 bytes). */
export const memdevSecurityReceiveRsp = {
  name: 'memdevSecurityReceiveRsp',
  size: 0,
  spec: 'CXL r3.1 §8.2.9.9.7.2 Table 8-160',
  fields: [{ name: 'data', offset: 0, type: 'flex', of: 'u8', count: 'rest', doc: 'Security protocol data' }],
} as const satisfies StructDef;

// --- 47h SLD QoS Telemetry ---------------------------------------------------------------------------

const qosTelemetryControlBits = [
  { name: 'egressPortCongestionEnable', lsb: 0, width: 1 },
  { name: 'temporaryThroughputReductionEnable', lsb: 1, width: 1 },
] as const satisfies readonly BitRange[];

export const memdevGetSldQosControlRsp = {
  name: 'memdevGetSldQosControlRsp',
  cName: 'cxlmi_cmd_memdev_get_sld_qos_control_rsp',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.9.8.1 Table 8-161',
  fields: [
    { name: 'qosTelemetryControl', offset: 0, type: 'bits', bytes: 1, bits: qosTelemetryControlBits },
    { name: 'egressModeratePercentage', offset: 1, type: 'u8', unit: 'percent', doc: 'Moderate congestion threshold, 1-100 (default 10)' },
    { name: 'egressSeverePercentage', offset: 2, type: 'u8', unit: 'percent', doc: 'Severe congestion threshold, 1-100 (default 25)' },
    { name: 'backpressureSampleInterval', offset: 3, type: 'u8', unit: 'ns', doc: 'Sample interval 0-15 ns (0 disables; default 8)' },
  ],
} as const satisfies StructDef;

export const memdevSetSldQosControlReq = {
  name: 'memdevSetSldQosControlReq',
  cName: 'cxlmi_cmd_memdev_set_sld_qos_control_req',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.9.8.2 Table 8-161',
  fields: [
    { name: 'qosTelemetryControl', offset: 0, type: 'bits', bytes: 1, bits: qosTelemetryControlBits },
    { name: 'egressModeratePercentage', offset: 1, type: 'u8', unit: 'percent' },
    { name: 'egressSeverePercentage', offset: 2, type: 'u8', unit: 'percent' },
    { name: 'backpressureSampleInterval', offset: 3, type: 'u8', unit: 'ns' },
  ],
} as const satisfies StructDef;

export const memdevGetSldQosStatusRsp = {
  name: 'memdevGetSldQosStatusRsp',
  cName: 'cxlmi_cmd_memdev_get_sld_qos_status_rsp',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.9.8.3 Table 8-162',
  fields: [{ name: 'backpressureAvgPercentage', offset: 0, type: 'u8', unit: 'percent', doc: 'Measured egress port average congestion' }],
} as const satisfies StructDef;

// --- 48h Dynamic Capacity -------------------------------------------------------------------------

/** Regions a DCD reports at most (r3.1 Table 8-164: 1 to 8). */
export const dcMaxRegions = 8;

export const memdevGetDcConfigReq = {
  name: 'memdevGetDcConfigReq',
  cName: 'cxlmi_cmd_memdev_get_dc_config_req',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.9.9.1 Table 8-163',
  fields: [
    { name: 'regionCnt', offset: 0, type: 'u8', doc: 'Maximum region configurations to return' },
    { name: 'startRegionId', offset: 1, type: 'u8', doc: 'Starting Region Index (zero-based)' },
  ],
} as const satisfies StructDef;

export const memdevDcRegionConfig = {
  name: 'memdevDcRegionConfig',
  size: 40,
  spec: 'CXL r3.1 §8.2.9.9.9.1 Table 8-165',
  doc: 'DC Region Configuration (libcxlmi: anonymous element of region_configs)',
  fields: [
    { name: 'base', offset: 0, type: 'u64', unit: 'bytes', doc: 'Region Base DPA (256 MiB aligned)' },
    // libcxlmi multiplies this by 256 MiB on decode; the wire value is in 256 MiB units.
    { name: 'decodeLen', offset: 8, type: 'u64', unit: '256MiB', doc: 'Region Decode Length' },
    { name: 'regionLen', offset: 16, type: 'u64', unit: 'bytes', doc: 'Region Length (usable)' },
    { name: 'blockSize', offset: 24, type: 'u64', unit: 'bytes', doc: 'Region Block Size (power of 2, multiple of 64)' },
    { name: 'dsmadhandle', offset: 32, type: 'u32', doc: 'CDAT DSMAD handle' },
    {
      name: 'flags',
      offset: 36,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'sanitizeOnRelease', lsb: 0, width: 1, doc: 'Released capacity is sanitized before reuse' }],
    },
    { name: 'rsvd37', offset: 37, type: 'reserved', size: 3 },
  ],
} as const satisfies StructDef;

/** The 16 bytes after the returned regions of Get DC Configuration (r3.1 Table 8-164). */
export const memdevGetDcConfigRspTrailer = {
  name: 'memdevGetDcConfigRspTrailer',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.9.1 Table 8-164',
  doc: 'Extent and tag counters at offset 8 + 40 * regionsReturned',
  fields: [
    { name: 'numExtentsSupported', offset: 0, type: 'u32', doc: 'Total Number of Supported Extents' },
    { name: 'numExtentsAvailable', offset: 4, type: 'u32', doc: 'Number of Available Extents' },
    { name: 'numTagsSupported', offset: 8, type: 'u32', doc: 'Total Number of Supported Tags' },
    { name: 'numTagsAvailable', offset: 12, type: 'u32', doc: 'Number of Available Tags' },
  ],
} as const satisfies StructDef;

/**
 * Get DC Configuration output: fixed part, the returned regions, then the four u32 counters of
 * `memdevGetDcConfigRspTrailer` directly after the last returned region (at 8 + 40 *
 * regionsReturned). libcxlmi's `cxlmi_cmd_memdev_get_dc_config_rsp` has room for exactly 8 regions
 * with the counters at fixed offsets 328-343 whatever the device returned (a libcxlmi defect).
 */
export const memdevGetDcConfigRsp = {
  name: 'memdevGetDcConfigRsp',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.9.1 Table 8-164',
  doc: 'Available regions, the regions returned, and the extent / tag counters after them',
  fields: [
    { name: 'numRegions', offset: 0, type: 'u8', doc: 'Number of Available Regions (1-8)' },
    { name: 'regionsReturned', offset: 1, type: 'u8', doc: 'Regions Returned' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 6 },
    {
      name: 'regionConfigs',
      offset: 8,
      type: 'flex',
      of: memdevDcRegionConfig,
      count: { field: 'regionsReturned', unit: 'elements' },
      max: dcMaxRegions,
    },
    { name: 'trailer', offset: 8, type: 'trailer', struct: memdevGetDcConfigRspTrailer },
  ],
} as const satisfies StructDef;

export const memdevGetDcExtentListReq = {
  name: 'memdevGetDcExtentListReq',
  cName: 'cxlmi_cmd_memdev_get_dc_extent_list_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.9.2 Table 8-166',
  fields: [
    // libcxlmi rewrites 0 (and anything above 8) to 8; per the spec 0 asks for the totals only.
    { name: 'extentCnt', offset: 0, type: 'u32', doc: 'Maximum extents to return (0 = counts and generation only)' },
    { name: 'startExtentIdx', offset: 4, type: 'u32', doc: 'Starting Extent Index' },
  ],
} as const satisfies StructDef;

/** Dynamic Capacity Extent (r3.1 Table 8-51), used by the extent list and the DC event record. */
export const memdevDcExtent = {
  name: 'memdevDcExtent',
  size: 40,
  spec: 'CXL r3.1 §8.2.9.2.1.6 Table 8-51',
  doc: 'Dynamic Capacity Extent (libcxlmi: anonymous element of extents)',
  fields: [
    { name: 'startDpa', offset: 0, type: 'u64', doc: 'Starting DPA (block aligned)' },
    { name: 'len', offset: 8, type: 'u64', unit: 'bytes', doc: 'Length (multiple of the block size)' },
    { name: 'tag', offset: 16, type: 'uuid', doc: 'Tag (opaque 16-byte context)' },
    { name: 'sharedSeq', offset: 32, type: 'u16', doc: 'Shared Extent Sequence' },
    { name: 'rsvd34', offset: 34, type: 'reserved', size: 6 },
  ],
} as const satisfies StructDef;

export const memdevGetDcExtentListRsp = {
  name: 'memdevGetDcExtentListRsp',
  cName: 'cxlmi_cmd_memdev_get_dc_extent_list_rsp',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.9.9.2 Table 8-167',
  fields: [
    { name: 'numExtentsReturned', offset: 0, type: 'u32', doc: 'Returned Extent Count' },
    { name: 'totalNumExtents', offset: 4, type: 'u32', doc: 'Total Extent Count' },
    { name: 'generationNum', offset: 8, type: 'u32', doc: 'Extent List Generation Number' },
    { name: 'rsvd12', offset: 12, type: 'reserved', size: 4 },
    { name: 'extents', offset: 16, type: 'flex', of: memdevDcExtent, count: { field: 'numExtentsReturned', unit: 'elements' } },
  ],
} as const satisfies StructDef;

/** Updated Extent (r3.1 Table 8-169), for Add Dynamic Capacity Response and Release Dynamic Capacity. */
export const memdevDcUpdatedExtent = {
  name: 'memdevDcUpdatedExtent',
  size: 24,
  spec: 'CXL r3.1 §8.2.9.9.9.3 Table 8-169',
  doc: 'Updated Extent (libcxlmi: anonymous element of extents)',
  fields: [
    { name: 'startDpa', offset: 0, type: 'u64', doc: 'Starting DPA (block aligned)' },
    { name: 'len', offset: 8, type: 'u64', unit: 'bytes' },
    { name: 'rsvd16', offset: 16, type: 'reserved', size: 8 },
  ],
} as const satisfies StructDef;

const dcResponseFlags = [
  { name: 'more', lsb: 0, width: 1, doc: 'The next payload continues this operation' },
] as const satisfies readonly BitRange[];

export const memdevAddDcResponseReq = {
  name: 'memdevAddDcResponseReq',
  cName: 'cxlmi_cmd_memdev_add_dc_response_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.9.3 Table 8-168',
  fields: [
    { name: 'updatedExtentListSize', offset: 0, type: 'u32', doc: 'Updated Extent List Size (entries)' },
    { name: 'flags', offset: 4, type: 'bits', bytes: 1, bits: dcResponseFlags },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 3 },
    { name: 'extents', offset: 8, type: 'flex', of: memdevDcUpdatedExtent, count: { field: 'updatedExtentListSize', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const memdevReleaseDcReq = {
  name: 'memdevReleaseDcReq',
  cName: 'cxlmi_cmd_memdev_release_dc_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.9.9.4 Table 8-170',
  fields: [
    { name: 'updatedExtentListSize', offset: 0, type: 'u32', doc: 'Updated Extent List Size (entries)' },
    { name: 'flags', offset: 4, type: 'bits', bytes: 1, bits: dcResponseFlags },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 3 },
    { name: 'extents', offset: 8, type: 'flex', of: memdevDcUpdatedExtent, count: { field: 'updatedExtentListSize', unit: 'elements' } },
  ],
} as const satisfies StructDef;

// --- commands --------------------------------------------------------------------------------------

/** Feature UUIDs of the memory-device features (CXL r3.1 §8.2.9.9.11). */
export const memdevFeatureUuids = {
  /** Patrol Scrub Control (§8.2.9.9.11.1). */
  patrolScrub: '96dad7d6-fde8-482b-a733-75774e06db8a',
} as const;

/** Patrol Scrub readable attributes: the Get Feature data (CXL r3.1 §8.2.9.9.11.1 Table 8-222). */
export const patrolScrubReadAttrs = {
  name: 'patrolScrubReadAttrs',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.9.11.1 Table 8-222',
  fields: [
    {
      name: 'scrubCycleCap',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'cycleChangeable', lsb: 0, width: 1, doc: 'The scrub cycle can be changed' },
        { name: 'realtimeReport', lsb: 1, width: 1, doc: 'Errors found are reported in real time' },
      ],
    },
    { name: 'currentCycleHours', offset: 1, type: 'u8', unit: 'hours', doc: 'Current Patrol Scrub Cycle' },
    { name: 'minCycleHours', offset: 2, type: 'u8', unit: 'hours', doc: 'Minimum Patrol Scrub Cycle' },
    { name: 'scrubFlags', offset: 3, type: 'bits', bytes: 1, bits: [{ name: 'enabled', lsb: 0, width: 1, doc: 'Patrol scrub enabled' }] },
  ],
} as const satisfies StructDef;

/** Patrol Scrub writable attributes: the Set Feature data (CXL r3.1 §8.2.9.9.11.1 Table 8-223). */
export const patrolScrubWriteAttrs = {
  name: 'patrolScrubWriteAttrs',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.9.11.1 Table 8-223',
  fields: [
    { name: 'cycleHours', offset: 0, type: 'u8', unit: 'hours', doc: 'Patrol Scrub Cycle' },
    { name: 'scrubFlags', offset: 1, type: 'bits', bytes: 1, bits: [{ name: 'enable', lsb: 0, width: 1, doc: 'Enable patrol scrub' }] },
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
  {
    name: 'memdevGetPartitionInfo',
    cName: 'cxlmi_cmd_memdev_get_partition_info',
    opcode: 0x4100,
    spec: 'CXL r3.1 §8.2.9.9.2.1',
    doc: 'Active and next volatile / persistent capacity split (256 MiB units)',
    response: memdevGetPartitionInfoRsp,
  },
  {
    name: 'memdevSetPartitionInfo',
    cName: 'cxlmi_cmd_memdev_set_partition_info',
    opcode: 0x4101,
    spec: 'CXL r3.1 §8.2.9.9.2.2',
    doc: 'Repartition volatile / persistent capacity, now or at next reset (loses persistent data)',
    request: memdevSetPartitionInfoReq,
    destructive: true,
  },
  {
    name: 'memdevGetLsa',
    cName: 'cxlmi_cmd_memdev_get_lsa',
    opcode: 0x4102,
    spec: 'CXL r3.1 §8.2.9.9.2.3',
    doc: 'Read `length` bytes of the Label Storage Area at `offset`',
    request: memdevGetLsaReq,
    response: memdevGetLsaRsp,
    responseLengthFrom: 'length',
  },
  {
    name: 'memdevSetLsa',
    cName: 'cxlmi_cmd_memdev_set_lsa',
    opcode: 0x4103,
    spec: 'CXL r3.1 §8.2.9.9.2.4',
    doc: 'Write data into the Label Storage Area at `offset` (overwrites namespace labels)',
    request: memdevSetLsaReq,
    destructive: true,
  },
  {
    name: 'memdevGetHealthInfo',
    cName: 'cxlmi_cmd_memdev_get_health_info',
    opcode: 0x4200,
    spec: 'CXL r3.1 §8.2.9.9.3.1',
    doc: 'Health and media status, life used, temperature, dirty shutdowns, corrected error counts',
    response: memdevGetHealthInfoRsp,
  },
  {
    name: 'memdevGetAlertConfig',
    cName: 'cxlmi_cmd_memdev_get_alert_config',
    opcode: 0x4201,
    spec: 'CXL r3.1 §8.2.9.9.3.2',
    doc: 'Critical alert and programmable warning thresholds (life used, temperature, corrected errors)',
    response: memdevGetAlertConfigRsp,
  },
  {
    name: 'memdevSetAlertConfig',
    cName: 'cxlmi_cmd_memdev_set_alert_config',
    opcode: 0x4202,
    spec: 'CXL r3.1 §8.2.9.9.3.3',
    doc: 'Enable / disable and program the warning thresholds',
    request: memdevSetAlertConfigReq,
  },
  {
    name: 'memdevGetShutdownState',
    cName: 'cxlmi_cmd_memdev_get_shutdown_state',
    opcode: 0x4203,
    spec: 'CXL r3.1 §8.2.9.9.3.4',
    doc: 'Whether the shutdown state is dirty',
    response: memdevGetShutdownStateRsp,
  },
  {
    name: 'memdevSetShutdownState',
    cName: 'cxlmi_cmd_memdev_set_shutdown_state',
    opcode: 0x4204,
    spec: 'CXL r3.1 §8.2.9.9.3.5',
    doc: 'Mark the shutdown state dirty or clean',
    request: memdevSetShutdownStateReq,
  },
  {
    name: 'getPoisonList',
    cName: 'cxlmi_cmd_get_poison_list',
    opcode: 0x4300,
    spec: 'CXL r3.1 §8.2.9.9.4.1',
    doc: 'Poisoned locations (media error records) within a DPA range; repeat while moreMediaErrorRecords',
    request: memdevGetPoisonListReq,
    response: memdevGetPoisonListRsp,
  },
  {
    name: 'memdevInjectPoison',
    cName: 'cxlmi_cmd_memdev_inject_poison',
    opcode: 0x4301,
    spec: 'CXL r3.1 §8.2.9.9.4.2',
    doc: 'Poison a DPA for testing (its data reads back as poison)',
    request: memdevInjectPoisonReq,
    destructive: true,
  },
  {
    name: 'memdevClearPoison',
    cName: 'cxlmi_cmd_memdev_clear_poison',
    opcode: 0x4302,
    spec: 'CXL r3.1 §8.2.9.9.4.3',
    doc: 'Clear poison at a DPA, atomically writing 64 bytes of replacement data',
    request: memdevClearPoisonReq,
    destructive: true,
  },
  {
    name: 'memdevGetScanMediaCapabilities',
    cName: 'cxlmi_cmd_memdev_get_scan_media_capabilities',
    opcode: 0x4303,
    spec: 'CXL r3.1 §8.2.9.9.4.4',
    doc: 'Estimated time (ms) to scan a DPA range for poison',
    request: memdevGetScanMediaCapabilitiesReq,
    response: memdevGetScanMediaCapabilitiesRsp,
  },
  {
    name: 'memdevScanMedia',
    cName: 'cxlmi_cmd_memdev_scan_media',
    opcode: 0x4304,
    spec: 'CXL r3.1 §8.2.9.9.4.5',
    doc: 'Start a background scan of a DPA range for poison',
    request: memdevScanMediaReq,
    background: true,
  },
  {
    name: 'memdevGetScanMediaResults',
    cName: 'cxlmi_cmd_memdev_get_scan_media_results',
    opcode: 0x4305,
    spec: 'CXL r3.1 §8.2.9.9.4.6',
    doc: 'Media error records found by the last Scan Media, with restart range; repeat while moreMediaErrorRecords',
    response: memdevGetScanMediaResultsRsp,
  },
  {
    name: 'memdevSanitize',
    cName: 'cxlmi_cmd_memdev_sanitize',
    opcode: 0x4400,
    spec: 'CXL r3.1 §8.2.9.9.5.1',
    doc: 'Sanitize all user data, metadata, LSA and event logs (background; media disabled until done)',
    background: true,
    destructive: true,
  },
  {
    name: 'memdevSecureErase',
    cName: 'cxlmi_cmd_memdev_secure_erase',
    opcode: 0x4401,
    spec: 'CXL r3.1 §8.2.9.9.5.2',
    doc: 'Erase all user data by changing the media encryption keys',
    destructive: true,
  },
  {
    name: 'memdevMediaOperationsDiscovery',
    cName: 'cxlmi_cmd_memdev_media_operations_discovery',
    opcode: 0x4402,
    spec: 'CXL r3.1 §8.2.9.9.5.3',
    doc: 'Media Operations class 00h/00h: supported media operations and DPA range granularity',
    request: memdevMediaOperationsDiscoveryReq,
    response: memdevMediaOperationsDiscoveryRsp,
  },
  {
    name: 'memdevMediaOperationsSanitize',
    cName: 'cxlmi_cmd_memdev_media_operations_sanitize',
    opcode: 0x4402,
    spec: 'CXL r3.1 §8.2.9.9.5.3',
    doc: 'Media Operations class 01h: sanitize (00h) or zero (01h) a list of DPA ranges',
    request: memdevMediaOperationsSanitizeReq,
    background: true,
    destructive: true,
  },
  {
    name: 'memdevGetSecurityState',
    cName: 'cxlmi_cmd_memdev_get_security_state',
    opcode: 0x4500,
    spec: 'CXL r3.1 §8.2.9.9.6.1',
    doc: 'Persistent memory security state: passphrases set, locked, frozen, attempt limits',
    response: memdevGetSecurityStateRsp,
  },
  {
    name: 'memdevSetPassphrase',
    cName: 'cxlmi_cmd_memdev_set_passphrase',
    opcode: 0x4501,
    spec: 'CXL r3.1 §8.2.9.9.6.2',
    doc: 'Set or change the user or master passphrase',
    request: memdevSetPassphraseReq,
  },
  {
    name: 'memdevDisablePassphrase',
    cName: 'cxlmi_cmd_memdev_disable_passphrase',
    opcode: 0x4502,
    spec: 'CXL r3.1 §8.2.9.9.6.3',
    doc: 'Disable the user or master passphrase',
    request: memdevDisablePassphraseReq,
  },
  {
    name: 'memdevUnlock',
    cName: 'cxlmi_cmd_memdev_unlock',
    opcode: 0x4503,
    spec: 'CXL r3.1 §8.2.9.9.6.4',
    doc: 'Unlock persistent memory with the user passphrase',
    request: memdevUnlockReq,
  },
  {
    name: 'memdevFreezeSecurityState',
    cName: 'cxlmi_cmd_memdev_freeze_security_state',
    opcode: 0x4504,
    spec: 'CXL r3.1 §8.2.9.9.6.5',
    doc: 'Freeze the security state until the next cold reset',
  },
  {
    name: 'memdevPassphraseSecureErase',
    cName: 'cxlmi_cmd_memdev_passphrase_secure_erase',
    opcode: 0x4505,
    spec: 'CXL r3.1 §8.2.9.9.6.6',
    doc: 'Erase persistent memory (new media keys) after checking a passphrase',
    request: memdevPassphraseSecureEraseReq,
    destructive: true,
  },
  {
    name: 'memdevSecuritySend',
    cName: 'cxlmi_cmd_memdev_security_send',
    opcode: 0x4600,
    spec: 'CXL r3.1 §8.2.9.9.7.1',
    doc: 'Pass security protocol data (SFSC) to the device',
    request: memdevSecuritySendReq,
  },
  {
    name: 'memdevSecurityReceive',
    cName: 'cxlmi_cmd_memdev_security_receive',
    opcode: 0x4601,
    spec: 'CXL r3.1 §8.2.9.9.7.2',
    doc: 'Security protocol data (SFSC) returned by the device, any protocol and length',
    request: memdevSecurityReceiveReq,
    response: memdevSecurityReceiveRsp,
  },
  {
    name: 'memdevGetSldQosControl',
    cName: 'cxlmi_cmd_memdev_get_sld_qos_control',
    opcode: 0x4700,
    spec: 'CXL r3.1 §8.2.9.9.8.1',
    doc: 'SLD QoS telemetry enables, congestion thresholds and sample interval',
    response: memdevGetSldQosControlRsp,
  },
  {
    name: 'memdevSetSldQosControl',
    cName: 'cxlmi_cmd_memdev_set_sld_qos_control',
    opcode: 0x4701,
    spec: 'CXL r3.1 §8.2.9.9.8.2',
    doc: 'Set SLD QoS telemetry enables, congestion thresholds and sample interval',
    request: memdevSetSldQosControlReq,
  },
  {
    name: 'memdevGetSldQosStatus',
    cName: 'cxlmi_cmd_memdev_get_sld_qos_status',
    opcode: 0x4702,
    spec: 'CXL r3.1 §8.2.9.9.8.3',
    doc: 'Measured average egress port congestion (percent)',
    response: memdevGetSldQosStatusRsp,
  },
  {
    name: 'memdevGetDcConfig',
    cName: 'cxlmi_cmd_memdev_get_dc_config',
    opcode: 0x4800,
    spec: 'CXL r3.1 §8.2.9.9.9.1',
    doc: 'Dynamic Capacity regions and the extent / tag counters that follow them',
    request: memdevGetDcConfigReq,
    response: memdevGetDcConfigRsp,
  },
  {
    name: 'memdevGetDcExtentList',
    cName: 'cxlmi_cmd_memdev_get_dc_extent_list',
    opcode: 0x4801,
    spec: 'CXL r3.1 §8.2.9.9.9.2',
    doc: 'Dynamic Capacity extents from a starting index, with total count and generation number',
    request: memdevGetDcExtentListReq,
    response: memdevGetDcExtentListRsp,
  },
  {
    name: 'memdevAddDcResponse',
    cName: 'cxlmi_cmd_memdev_add_dc_response',
    opcode: 0x4802,
    spec: 'CXL r3.1 §8.2.9.9.9.3',
    doc: 'Accept (part of) the capacity offered by Add Capacity events',
    request: memdevAddDcResponseReq,
  },
  {
    name: 'memdevReleaseDc',
    cName: 'cxlmi_cmd_memdev_release_dc',
    opcode: 0x4803,
    spec: 'CXL r3.1 §8.2.9.9.9.4',
    doc: 'Release Dynamic Capacity extents back to the device',
    request: memdevReleaseDcReq,
  },
] as const satisfies readonly CxlCommandDef[];
