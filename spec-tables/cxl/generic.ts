/**
 * CXL generic component command set (CXL r3.1 §8.2.9.1-§8.2.9.6, Table 8-37): Information and
 * Status (00h), Events (01h), Firmware Update (02h), Timestamp (03h), Logs (04h), Features (05h).
 * Also the event record formats of §8.2.9.2.1 (decode `eventRecord.data` by its UUID with
 * `eventDataByUuid`), the well-known log UUIDs and the mailbox limits.
 * Struct and field names follow libcxlmi (`struct cxlmi_cmd_*`), camelCased; reserved spans are
 * `rsvdN` with N the byte offset. Where libcxlmi departs from the specification the specification
 * wins (each case is noted at the field or command).
 */
import type { BitRange, CxlCommandDef, StructDef } from '../schema.js';
import { connectedDeviceMode, connectedDeviceType, linkSpeed, linkSpeedBits, linkStateBits, ltssmState, portConfigState, supportedCxlModeBits, vppbBindingStatus } from './fmapi.js';
import { memdevDcExtent, memdevGetHealthInfoRsp } from './memdev.js';

// --- constants -----------------------------------------------------------------------------------

/**
 * Mailbox Command Payload register size (r3.1 §8.2.8.4.3 Mailbox Capabilities, Payload Size):
 * 2^n bytes with n = 8..20. `libcxlmi` is libcxlmi's CXL_MAILBOX_MAX_PAYLOAD_SIZE (2048, QEMU's
 * mailbox size); it is not a spec limit and never sizes a decode.
 */
export const mailboxPayloadSize = { min: 256, max: 1 << 20, libcxlmi: 2048 } as const;

/**
 * Message Payload limits on an MCTP-based CCI (r3.1 §8.2.9.1.1 Table 8-38 Maximum Supported
 * Message Size, §8.2.9.1.3 Response Message Limit): 2^n bytes with n = 8..10.
 */
export const cciMessagePayloadSize = { min: 256, max: 1024 } as const;

/** Size of every event record (r3.1 Table 8-43) and of its event-specific data (bytes 30h-7Fh). */
export const eventRecordSize = 128;
export const eventRecordDataSize = 80;

/** Clear Event Records carries at most 255 handles (its count field is one byte, r3.1 Table 8-54). */
export const clearEventRecordsMaxHandles = 255;

/** Get Supported Logs Sub-List returns at most 255 entries (r3.1 §8.2.9.5.6). */
export const supportedLogsSublistMaxEntries = 255;

/**
 * libcxlmi's fixed buffer sizes (CXLMI_MAX_SUPPORTED_EVENT_RECORDS, CXLMI_MAX_SUPPORTED_LOGS and
 * its poison / scan media record buffers). Not spec limits: replies are decoded from their own
 * counts; these are kept only to explain libcxlmi interop.
 */
export const libcxlmiLimits = { eventRecords: 20, supportedLogs: 7, poisonRecords: 256, scanMediaRecords: 256, dcRegions: 8, dcExtents: 8 } as const;

/** Log Identifier UUIDs defined by the spec (r3.1 Table 8-71). */
export const logUuids = {
  cel: '0da9c0b5-bf41-4b78-8f79-96b1623b3f17',
  vendorDebug: '5e1819d9-11a9-400c-811f-d60719403d86',
  componentStateDump: 'b3fab4cf-01b6-4332-943e-5e9962f23567',
  ddr5Ecs: 'f1720d60-a7a9-4306-a003-11948f9e077c',
  mediaTestCapability: 'e6dfa32c-d13e-4a5c-8ca8-99bebbf731a4',
  mediaTestResultsShort: '2c255522-8ce4-11ec-b909-0242ac120002',
  mediaTestResultsLong: 'c1fe0b3e-7a00-448e-a24e-a6aabbfe587a',
} as const;

/** Event Record Identifier UUIDs defined by the spec (r3.1 Table 8-43). */
export const eventRecordUuids = {
  generalMedia: 'fbcd0a77-c260-417f-85a9-088b1621eba6',
  dram: '601dcbb3-9c06-4eab-b8af-4e9bfb5c9624',
  memoryModule: 'fe927475-dd59-4339-a586-79bab113b774',
  memorySparing: 'e71f3a40-2d29-4092-8a39-4d1c966c7c65',
  physicalSwitch: '77cf9271-9c02-470b-9fe4-bc7b75f2da97',
  virtualSwitch: '40d26425-3396-4c4d-a5da-3d47263af425',
  mldPort: '8dc44363-0c96-4710-b7bf-04bb99534c3f',
  dynamicCapacity: 'ca95afa7-f183-4018-8c2f-95268e101a2a',
} as const;

// --- 00h Information and Status ------------------------------------------------------------------

/** Identify component type (CXL r3.1 §8.2.9.1.1 Table 8-38, byte 11h). */
export const componentType = { 0: 'switch', 3: 'type3', 4: 'gfd' } as const;

export const identifyRsp = {
  name: 'identifyRsp',
  cName: 'cxlmi_cmd_identify_rsp',
  size: 18,
  spec: 'CXL r3.1 §8.2.9.1.1 Table 8-38',
  fields: [
    { name: 'vendorId', offset: 0, type: 'u16', doc: 'PCIe Vendor ID' },
    { name: 'deviceId', offset: 2, type: 'u16', doc: 'PCIe Device ID' },
    { name: 'subsysVendorId', offset: 4, type: 'u16', doc: 'PCIe Subsystem Vendor ID' },
    { name: 'subsysId', offset: 6, type: 'u16', doc: 'PCIe Subsystem ID' },
    { name: 'serialNum', offset: 8, type: 'u64', doc: 'Device Serial Number' },
    { name: 'maxMsgSize', offset: 16, type: 'u8', doc: 'Maximum Supported Message Size: 2^n bytes (r3.1: n = 8..10)' },
    { name: 'componentType', offset: 17, type: 'u8', enum: componentType, doc: 'Component Type' },
  ],
} as const satisfies StructDef;

export const bgOpStatusRsp = {
  name: 'bgOpStatusRsp',
  cName: 'cxlmi_cmd_bg_op_status_rsp',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.1.2 Table 8-39',
  fields: [
    {
      name: 'status',
      offset: 0,
      type: 'bits',
      bytes: 1,
      doc: 'Background Operation Status',
      bits: [
        { name: 'inProgress', lsb: 0, width: 1, doc: 'A background operation is in progress' },
        { name: 'percentComplete', lsb: 1, width: 7, doc: 'Percentage Complete, 0-100' },
      ],
    },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 1 },
    { name: 'opcode', offset: 2, type: 'u16', doc: 'Opcode of the last background command' },
    { name: 'returncode', offset: 4, type: 'u16', doc: 'Its return code (valid at 100%)' },
    { name: 'vendorExtStatus', offset: 6, type: 'u16', doc: 'Vendor Specific Extended Status (valid at 100%)' },
  ],
} as const satisfies StructDef;

export const getResponseMsgLimitRsp = {
  name: 'getResponseMsgLimitRsp',
  cName: 'cxlmi_cmd_get_response_msg_limit_rsp',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.1.3 Table 8-40',
  fields: [{ name: 'limit', offset: 0, type: 'u8', doc: 'Response Message Limit: 2^n bytes (n = 8..10)' }],
} as const satisfies StructDef;

export const setResponseMsgLimitReq = {
  name: 'setResponseMsgLimitReq',
  cName: 'cxlmi_cmd_set_response_msg_limit_req',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.1.4 Table 8-41',
  fields: [{ name: 'limit', offset: 0, type: 'u8', doc: 'Requested Response Message Limit: 2^n bytes (n = 8..10)' }],
} as const satisfies StructDef;

export const setResponseMsgLimitRsp = {
  name: 'setResponseMsgLimitRsp',
  cName: 'cxlmi_cmd_set_response_msg_limit_rsp',
  size: 1,
  spec: 'CXL r3.1 §8.2.9.1.4 Table 8-42',
  fields: [{ name: 'limit', offset: 0, type: 'u8', doc: 'Limit in effect, 2^n bytes (may be below the request)' }],
} as const satisfies StructDef;

// --- 01h Events -------------------------------------------------------------------------------------

/** Event Log selector (CXL r3.1 §8.2.9.2.2 Table 8-52). */
export const eventLog = { 0: 'informational', 1: 'warning', 2: 'failure', 3: 'fatal', 4: 'dynamicCapacity' } as const;

/** Common Event Record (CXL r3.1 §8.2.9.2.1 Table 8-43); `data` is the 80-byte event-specific part. */
export const eventRecord = {
  name: 'eventRecord',
  cName: 'cxlmi_event_record',
  size: 128,
  spec: 'CXL r3.1 §8.2.9.2.1 Table 8-43',
  doc: 'LD-ID and Head ID are r3.2 additions (reserved in r3.1)',
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
  spec: 'CXL r3.1 §8.2.9.2.2 Table 8-52',
  fields: [{ name: 'eventLog', offset: 0, type: 'u8', enum: eventLog, doc: 'Event Log to read' }],
} as const satisfies StructDef;

export const getEventRecordsRsp = {
  name: 'getEventRecordsRsp',
  cName: 'cxlmi_cmd_get_event_records_rsp',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.2.2 Table 8-53',
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

export const clearEventRecordsReq = {
  name: 'clearEventRecordsReq',
  cName: 'cxlmi_cmd_clear_event_records_req',
  size: 6,
  spec: 'CXL r3.1 §8.2.9.2.3 Table 8-54',
  fields: [
    { name: 'eventLog', offset: 0, type: 'u8', enum: eventLog, doc: 'Event Log to clear' },
    {
      name: 'clearFlags',
      offset: 1,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'clearAllEvents', lsb: 0, width: 1, doc: 'Clear the whole log (only after an overflow; nrRecs must be 0)' }],
    },
    { name: 'nrRecs', offset: 2, type: 'u8', doc: 'Number of Event Record Handles' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 3 },
    { name: 'handles', offset: 6, type: 'flex', of: 'u16', count: { field: 'nrRecs', unit: 'elements' }, doc: 'Event Record Handles' },
  ],
} as const satisfies StructDef;

/** Interrupt Mode of an event log interrupt setting (r3.1 Table 8-55). */
export const interruptMode = { 0: 'none', 1: 'msiMsix', 2: 'fwInterrupt' } as const;

/** One event log's interrupt settings byte (r3.1 Tables 8-55 and 8-56). */
const eventInterruptBits = [
  { name: 'interruptMode', lsb: 0, width: 2, enum: interruptMode },
  { name: 'interruptMessageNumber', lsb: 4, width: 4, doc: 'MSI/MSI-X vector or FW interrupt vector' },
] as const satisfies readonly BitRange[];

export const getEventInterruptPolicyRsp = {
  name: 'getEventInterruptPolicyRsp',
  cName: 'cxlmi_cmd_get_event_interrupt_policy_rsp',
  size: 5,
  spec: 'CXL r3.1 §8.2.9.2.4 Table 8-55',
  fields: [
    { name: 'informationalSettings', offset: 0, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'warningSettings', offset: 1, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'failureSettings', offset: 2, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'fatalSettings', offset: 3, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'dcdSettings', offset: 4, type: 'bits', bytes: 1, bits: eventInterruptBits, doc: 'Dynamic Capacity log (FW interrupt mode reserved)' },
  ],
} as const satisfies StructDef;

export const setEventInterruptPolicyReq = {
  name: 'setEventInterruptPolicyReq',
  cName: 'cxlmi_cmd_set_event_interrupt_policy_req',
  size: 5,
  spec: 'CXL r3.1 §8.2.9.2.5 Table 8-56',
  doc: 'The minimum input length is 4 (dcdSettings is optional)',
  fields: [
    { name: 'informationalSettings', offset: 0, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'warningSettings', offset: 1, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'failureSettings', offset: 2, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'fatalSettings', offset: 3, type: 'bits', bytes: 1, bits: eventInterruptBits },
    { name: 'dcdSettings', offset: 4, type: 'bits', bytes: 1, bits: eventInterruptBits, doc: 'Dynamic Capacity log (message number reserved)' },
  ],
} as const satisfies StructDef;

/** Event log / background operation bitmask of the MCTP event commands (r3.1 Tables 8-57, 8-58). */
const mctpEventBits = [
  { name: 'informational', lsb: 0, width: 1, doc: 'Informational Event Log' },
  { name: 'warning', lsb: 1, width: 1, doc: 'Warning Event Log' },
  { name: 'failure', lsb: 2, width: 1, doc: 'Failure Event Log' },
  { name: 'fatal', lsb: 3, width: 1, doc: 'Fatal Event Log' },
  { name: 'dynamicCapacity', lsb: 4, width: 1, doc: 'Dynamic Capacity Event Log' },
  { name: 'backgroundOperation', lsb: 15, width: 1, doc: 'Background Operation completed' },
] as const satisfies readonly BitRange[];

export const getMctpEventInterruptPolicyRsp = {
  name: 'getMctpEventInterruptPolicyRsp',
  cName: 'cxlmi_cmd_get_mctp_event_interrupt_policy_rsp',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.2.6 Table 8-57',
  fields: [{ name: 'eventInterruptSettings', offset: 0, type: 'bits', bytes: 2, bits: mctpEventBits, doc: 'Notifications enabled per log' }],
} as const satisfies StructDef;

export const setMctpEventInterruptPolicyReq = {
  name: 'setMctpEventInterruptPolicyReq',
  cName: 'cxlmi_cmd_set_mctp_event_interrupt_policy_req',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.2.7 Table 8-57',
  fields: [{ name: 'eventInterruptSettings', offset: 0, type: 'bits', bytes: 2, bits: mctpEventBits, doc: 'Notifications to enable' }],
} as const satisfies StructDef;

/** Set MCTP Event Interrupt Policy output: the settings now in effect (libcxlmi expects no payload). */
export const setMctpEventInterruptPolicyRsp = {
  name: 'setMctpEventInterruptPolicyRsp',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.2.7 Table 8-57',
  fields: [{ name: 'eventInterruptSettings', offset: 0, type: 'bits', bytes: 2, bits: mctpEventBits, doc: 'Notifications now enabled' }],
} as const satisfies StructDef;

export const eventNotificationReq = {
  name: 'eventNotificationReq',
  cName: 'cxlmi_cmd_event_notification_req',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.2.8 Table 8-58',
  fields: [{ name: 'event', offset: 0, type: 'bits', bytes: 2, bits: mctpEventBits, doc: 'Logs with uncleared records' }],
} as const satisfies StructDef;

// --- 01h Events: event record formats (the 80-byte `data` of eventRecord) ----------------------------

/** Transaction Type of media event records (r3.1 Tables 8-45 and 8-46, byte 3Ah). */
export const transactionType = {
  0: 'unknown',
  1: 'hostRead',
  2: 'hostWrite',
  3: 'hostScanMedia',
  4: 'hostInjectPoison',
  5: 'mediaPatrolScrub',
  6: 'mediaManagement',
  7: 'internalMediaEccScrub',
  8: 'mediaInitialization',
} as const;

/** General Media Memory Event Type (r3.1 Table 8-45 byte 39h). */
export const generalMediaEventType = {
  0: 'mediaEccError',
  1: 'invalidAddress',
  2: 'dataPathError',
  3: 'teStateViolation',
  4: 'scrubMediaEccError',
  5: 'advancedProgrammableCmeCounterExpiration',
  6: 'ckidViolation',
} as const;

/** DRAM Memory Event Type (r3.1 Table 8-46 byte 39h); note the different order from General Media. */
export const dramEventType = {
  0: 'mediaEccError',
  1: 'scrubMediaEccError',
  2: 'invalidAddress',
  3: 'dataPathError',
  4: 'teStateViolation',
  5: 'advancedProgrammableCmeCounterExpiration',
  6: 'ckidViolation',
} as const;

/** Memory Module Device Event Type (r3.1 Table 8-47 byte 30h). */
export const memoryModuleEventType = {
  0: 'healthStatusChange',
  1: 'mediaStatusChange',
  2: 'lifeUsedChange',
  3: 'temperatureChange',
  4: 'dataPathError',
  5: 'lsaError',
  6: 'unrecoverableInternalSidebandBusError',
  7: 'memoryMediaFruError',
  8: 'powerManagementFault',
} as const;

/** Dynamic Capacity Event Type (r3.1 Table 8-50 byte 30h). */
export const dcEventType = {
  0: 'addCapacity',
  1: 'releaseCapacity',
  2: 'forcedCapacityRelease',
  3: 'regionConfigurationUpdated',
  4: 'addCapacityResponse',
  5: 'capacityReleased',
} as const;

/** Physical Address of media event records (r3.1 Tables 8-45 and 8-46, byte 30h). */
const eventPhysAddrBits = [
  { name: 'volatile', lsb: 0, width: 1, doc: 'The DPA is in the volatile range' },
  { name: 'dpaNotRepairable', lsb: 1, width: 1 },
  { name: 'cacheline', lsb: 6, width: 58, doc: 'DPA[63:6]: the address in 64-byte units (byte DPA = cacheline * 64)' },
] as const satisfies readonly BitRange[];

const memoryEventDescriptorBits = [
  { name: 'uncorrectableEvent', lsb: 0, width: 1 },
  { name: 'thresholdEvent', lsb: 1, width: 1 },
  { name: 'poisonListOverflowEvent', lsb: 2, width: 1 },
] as const satisfies readonly BitRange[];

const cmeThresholdEventBits = [
  { name: 'multipleComponents', lsb: 0, width: 1, doc: 'Corrected errors in more than one media component before expiry' },
  { name: 'thresholdExceeded', lsb: 1, width: 1 },
] as const satisfies readonly BitRange[];

/** General Media Event Record data (r3.1 Table 8-45); offsets are from record byte 30h. */
export const generalMediaEventData = {
  name: 'generalMediaEventData',
  size: 80,
  spec: 'CXL r3.1 §8.2.9.2.1.1 Table 8-45',
  doc: 'General Media Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'physAddr', offset: 0, type: 'bits', bytes: 8, bits: eventPhysAddrBits, doc: 'Physical Address' },
    { name: 'descriptor', offset: 8, type: 'bits', bytes: 1, bits: memoryEventDescriptorBits, doc: 'Memory Event Descriptor' },
    { name: 'type', offset: 9, type: 'u8', enum: generalMediaEventType, doc: 'Memory Event Type' },
    { name: 'transactionType', offset: 10, type: 'u8', enum: transactionType },
    {
      name: 'validityFlags',
      offset: 11,
      type: 'bits',
      bytes: 2,
      bits: [
        { name: 'channel', lsb: 0, width: 1 },
        { name: 'rank', lsb: 1, width: 1 },
        { name: 'device', lsb: 2, width: 1 },
        { name: 'componentId', lsb: 3, width: 1 },
        { name: 'componentIdPldmFormat', lsb: 4, width: 1, doc: 'Component Identifier follows Table 8-44' },
      ],
    },
    { name: 'channel', offset: 13, type: 'u8' },
    { name: 'rank', offset: 14, type: 'u8' },
    { name: 'device', offset: 15, type: 'u24', doc: 'Bitmask of devices in the rank' },
    { name: 'componentId', offset: 18, type: 'bytes', size: 16, doc: 'Component Identifier' },
    { name: 'cmeThresholdEvFlags', offset: 34, type: 'bits', bytes: 1, bits: cmeThresholdEventBits, doc: 'Advanced Programmable CME Threshold Event Flags' },
    { name: 'cmeCount', offset: 35, type: 'u24', doc: 'Corrected Memory Error Count at Event' },
    { name: 'subType', offset: 38, type: 'u8', doc: 'Memory Event Sub-Type' },
    { name: 'rsvd39', offset: 39, type: 'reserved', size: 41 },
  ],
} as const satisfies StructDef;

/** DRAM Event Record data (r3.1 Table 8-46); offsets are from record byte 30h. */
export const dramEventData = {
  name: 'dramEventData',
  size: 80,
  spec: 'CXL r3.1 §8.2.9.2.1.2 Table 8-46',
  doc: 'DRAM Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'physAddr', offset: 0, type: 'bits', bytes: 8, bits: eventPhysAddrBits, doc: 'Physical Address' },
    { name: 'descriptor', offset: 8, type: 'bits', bytes: 1, bits: memoryEventDescriptorBits, doc: 'Memory Event Descriptor' },
    { name: 'type', offset: 9, type: 'u8', enum: dramEventType, doc: 'Memory Event Type' },
    { name: 'transactionType', offset: 10, type: 'u8', enum: transactionType },
    {
      name: 'validityFlags',
      offset: 11,
      type: 'bits',
      bytes: 2,
      bits: [
        { name: 'channel', lsb: 0, width: 1 },
        { name: 'rank', lsb: 1, width: 1 },
        { name: 'nibbleMask', lsb: 2, width: 1 },
        { name: 'bankGroup', lsb: 3, width: 1 },
        { name: 'bank', lsb: 4, width: 1 },
        { name: 'row', lsb: 5, width: 1 },
        { name: 'column', lsb: 6, width: 1 },
        { name: 'correctionMask', lsb: 7, width: 1 },
        { name: 'componentId', lsb: 8, width: 1 },
        { name: 'componentIdPldmFormat', lsb: 9, width: 1, doc: 'Component Identifier follows Table 8-44' },
        { name: 'subChannel', lsb: 10, width: 1 },
      ],
    },
    { name: 'channel', offset: 13, type: 'u8' },
    { name: 'rank', offset: 14, type: 'u8' },
    { name: 'nibbleMask', offset: 15, type: 'u24' },
    { name: 'bankGroup', offset: 18, type: 'u8' },
    { name: 'bank', offset: 19, type: 'u8' },
    { name: 'row', offset: 20, type: 'u24' },
    { name: 'column', offset: 23, type: 'u16' },
    { name: 'correctionMask', offset: 25, type: 'array', of: 'u64', count: 4, doc: 'Correction Masks 0-3' },
    { name: 'componentId', offset: 57, type: 'bytes', size: 16, doc: 'Component Identifier' },
    { name: 'subChannel', offset: 73, type: 'u8' },
    { name: 'cmeThresholdEvFlags', offset: 74, type: 'bits', bytes: 1, bits: cmeThresholdEventBits, doc: 'Advanced Programmable CVME Threshold Event Flags' },
    { name: 'cvmeCount', offset: 75, type: 'u24', doc: 'CVME Count at Event' },
    { name: 'subType', offset: 78, type: 'u8', doc: 'Memory Event Sub-Type' },
    { name: 'rsvd79', offset: 79, type: 'reserved', size: 1 },
  ],
} as const satisfies StructDef;

/** Memory Module Event Record data (r3.1 Table 8-47); offsets are from record byte 30h. */
export const memoryModuleEventData = {
  name: 'memoryModuleEventData',
  size: 80,
  spec: 'CXL r3.1 §8.2.9.2.1.3 Table 8-47',
  doc: 'Memory Module Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'eventType', offset: 0, type: 'u8', enum: memoryModuleEventType, doc: 'Device Event Type' },
    { name: 'healthInfo', offset: 1, type: 'struct', struct: memdevGetHealthInfoRsp, doc: 'Device Health Information (Get Health Info output)' },
    {
      name: 'validityFlags',
      offset: 19,
      type: 'bits',
      bytes: 2,
      bits: [
        { name: 'componentId', lsb: 0, width: 1 },
        { name: 'componentIdPldmFormat', lsb: 1, width: 1, doc: 'Component Identifier follows Table 8-44' },
      ],
    },
    { name: 'componentId', offset: 21, type: 'bytes', size: 16, doc: 'Component Identifier' },
    { name: 'eventSubType', offset: 37, type: 'u8', doc: 'Device Event Sub-Type' },
    { name: 'rsvd38', offset: 38, type: 'reserved', size: 42 },
  ],
} as const satisfies StructDef;

/** Memory Sparing Event Record data (r3.1 Table 8-48); offsets are from record byte 30h. */
export const memorySparingEventData = {
  name: 'memorySparingEventData',
  size: 80,
  spec: 'CXL r3.1 §8.2.9.2.1.4 Table 8-48',
  doc: 'Memory Sparing Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'maintOpClass', offset: 0, type: 'u8', doc: 'Maintenance Operation Class' },
    { name: 'maintOpSubclass', offset: 1, type: 'u8', doc: 'Maintenance Operation Subclass' },
    {
      name: 'flags',
      offset: 2,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'queryResources', lsb: 0, width: 1 },
        { name: 'hardSparing', lsb: 1, width: 1 },
        { name: 'deviceInitiated', lsb: 2, width: 1 },
      ],
    },
    { name: 'result', offset: 3, type: 'u8', enum: { 0: 'success', 1: 'resourcesExhausted', 255: 'generalFailure' } },
    {
      name: 'validityFlags',
      offset: 4,
      type: 'bits',
      bytes: 2,
      bits: [
        { name: 'channel', lsb: 0, width: 1 },
        { name: 'rank', lsb: 1, width: 1 },
        { name: 'nibbleMask', lsb: 2, width: 1 },
        { name: 'bankGroup', lsb: 3, width: 1 },
        { name: 'bank', lsb: 4, width: 1 },
        { name: 'row', lsb: 5, width: 1 },
        { name: 'column', lsb: 6, width: 1 },
        { name: 'componentId', lsb: 7, width: 1 },
        { name: 'componentIdPldmFormat', lsb: 8, width: 1, doc: 'Component Identifier follows Table 8-44' },
        { name: 'subChannel', lsb: 9, width: 1 },
      ],
    },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 6 },
    { name: 'spareResourceAvailable', offset: 12, type: 'u16', doc: 'Remaining sparing resources (3 = three or more)' },
    { name: 'channel', offset: 14, type: 'u8' },
    { name: 'rank', offset: 15, type: 'u8' },
    { name: 'nibbleMask', offset: 16, type: 'u24' },
    { name: 'bankGroup', offset: 19, type: 'u8' },
    { name: 'bank', offset: 20, type: 'u8' },
    { name: 'row', offset: 21, type: 'u24' },
    { name: 'column', offset: 24, type: 'u16' },
    { name: 'componentId', offset: 26, type: 'bytes', size: 16, doc: 'Component Identifier' },
    { name: 'subChannel', offset: 42, type: 'u8' },
    { name: 'rsvd43', offset: 43, type: 'reserved', size: 37 },
  ],
} as const satisfies StructDef;

/** Dynamic Capacity Event Record data (r3.1 Table 8-50); offsets are from record byte 30h. */
export const dcEventData = {
  name: 'dcEventData',
  size: 80,
  spec: 'CXL r3.1 §8.2.9.2.1.6 Table 8-50',
  doc: 'Dynamic Capacity Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'eventType', offset: 0, type: 'u8', enum: dcEventType, doc: 'Dynamic Capacity Event Type' },
    {
      name: 'validityFlags',
      offset: 1,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'availableCounts', lsb: 0, width: 1, doc: 'numExtentsAvailable and numTagsAvailable are valid' }],
    },
    { name: 'hostId', offset: 2, type: 'u16', doc: 'Host ID (LD-ID or PBR ID), for FM-only event types' },
    { name: 'updatedRegionIndex', offset: 4, type: 'u8', doc: 'Updated Region Index (Region Configuration Updated)' },
    {
      name: 'flags',
      offset: 5,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'more', lsb: 0, width: 1, doc: 'The next record continues this event' }],
    },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 2 },
    { name: 'extent', offset: 8, type: 'struct', struct: memdevDcExtent, doc: 'Dynamic Capacity Extent' },
    { name: 'rsvd48', offset: 48, type: 'reserved', size: 24 },
    { name: 'numExtentsAvailable', offset: 72, type: 'u32', doc: 'Number of Available Extents' },
    { name: 'numTagsAvailable', offset: 76, type: 'u32', doc: 'Number of Available Tags' },
  ],
} as const satisfies StructDef;

// --- FM-API event records (CXL r3.1 §7.6.8) ---------------------------------------------------------
// Offsets checked against the CXL r3.2 text of §7.6.8 (Tables 7-79 to 7-81, record offsets 30h-7Fh);
// r3.1 numbers the same tables 7-77 to 7-79. libcxlmi has no structs for these records.

/** Physical Switch Event Type (r3.1 §7.6.8.1 Table 7-77, byte 31h). */
export const physicalSwitchEventType = { 0: 'linkStateChange', 1: 'slotStatusRegUpdated' } as const;

/** Virtual CXL Switch Event Type (r3.1 §7.6.8.2 Table 7-78, byte 32h). */
export const virtualSwitchEventType = {
  0: 'bindingChange',
  1: 'secondaryBusReset',
  2: 'linkControlRegUpdated',
  3: 'slotControlRegUpdated',
} as const;

/** MLD Port Event Type (r3.1 §7.6.8.3 Table 7-79, byte 30h). */
export const mldPortEventType = { 0: 'correctableMsgReceived', 1: 'nonFatalMsgReceived', 2: 'fatalMsgReceived' } as const;

/**
 * Physical Switch Event Record data (r3.1 §7.6.8.1 Table 7-77); offsets are from record byte 30h.
 * Bytes 35h-42h repeat the Port Information Block of Get Physical Port State (Table 7-19).
 */
export const physicalSwitchEventData = {
  name: 'physicalSwitchEventData',
  size: 80,
  spec: 'CXL r3.1 §7.6.8.1 Table 7-77',
  doc: 'Physical Switch Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'physPortId', offset: 0, type: 'u8', doc: 'Physical Port ID generating the event' },
    { name: 'eventType', offset: 1, type: 'u8', enum: physicalSwitchEventType, doc: 'Event Type' },
    { name: 'slotStatusReg', offset: 2, type: 'u16', doc: 'PCIe Slot Status register' },
    { name: 'rsvd4', offset: 4, type: 'reserved', size: 1 },
    {
      name: 'configState',
      offset: 5,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'state', lsb: 0, width: 4, enum: portConfigState, doc: 'Current Port Configuration State' }],
    },
    {
      name: 'connDevMode',
      offset: 6,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'mode', lsb: 0, width: 4, enum: connectedDeviceMode, doc: 'Connected Device Mode' }],
    },
    { name: 'rsvd7', offset: 7, type: 'reserved', size: 1 },
    { name: 'connDevType', offset: 8, type: 'u8', enum: connectedDeviceType, doc: 'Connected Device Type' },
    {
      name: 'supportedCxlModes',
      offset: 9,
      type: 'bits',
      bytes: 1,
      doc: 'Supported CXL Modes',
      bits: supportedCxlModeBits,
    },
    { name: 'maxLinkWidth', offset: 10, type: 'u8', unit: 'lanes', doc: 'Maximum Link Width (bits 5:0)' },
    { name: 'negotiatedLinkWidth', offset: 11, type: 'u8', unit: 'lanes', doc: 'Negotiated Link Width (bits 5:0)' },
    {
      name: 'supportedLinkSpeedsVector',
      offset: 12,
      type: 'bits',
      bytes: 1,
      doc: 'Supported Link Speeds Vector (PCIe Link Capabilities 2 order)',
      bits: linkSpeedBits,
    },
    { name: 'maxLinkSpeed', offset: 13, type: 'u8', enum: linkSpeed, doc: 'Max Link Speed (bits 5:0)' },
    { name: 'currentLinkSpeed', offset: 14, type: 'u8', enum: linkSpeed, doc: 'Current Link Speed (bits 5:0)' },
    { name: 'ltssmState', offset: 15, type: 'u8', enum: ltssmState, doc: 'LTSSM State' },
    { name: 'firstLaneNum', offset: 16, type: 'u8', doc: 'First Negotiated Lane Number' },
    {
      name: 'linkState',
      offset: 17,
      type: 'bits',
      bytes: 2,
      doc: 'Link State Flags (as in Get Physical Port State)',
      bits: linkStateBits,
    },
    { name: 'rsvd19', offset: 19, type: 'reserved', size: 61 },
  ],
} as const satisfies StructDef;

/** Virtual CXL Switch Event Record data (r3.1 §7.6.8.2 Table 7-78); offsets are from record byte 30h. */
export const virtualSwitchEventData = {
  name: 'virtualSwitchEventData',
  size: 80,
  spec: 'CXL r3.1 §7.6.8.2 Table 7-78',
  doc: 'Virtual CXL Switch Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'vcsId', offset: 0, type: 'u8', doc: 'VCS ID' },
    { name: 'vppbId', offset: 1, type: 'u8', doc: 'vPPB ID' },
    { name: 'eventType', offset: 2, type: 'u8', enum: virtualSwitchEventType, doc: 'Event Type' },
    { name: 'bindingStatus', offset: 3, type: 'u8', enum: vppbBindingStatus, doc: 'vPPB Binding Status (after the change for bindingChange)' },
    { name: 'boundPortId', offset: 4, type: 'u8', doc: 'vPPB Port ID: bound physical port' },
    { name: 'boundLdId', offset: 5, type: 'u8', doc: 'vPPB LD ID: bound LD-ID' },
    { name: 'linkControlReg', offset: 6, type: 'u16', doc: 'PCIe Link Control register value' },
    { name: 'slotControlReg', offset: 8, type: 'u16', doc: 'PCIe Slot Control register value' },
    { name: 'rsvd10', offset: 10, type: 'reserved', size: 70 },
  ],
} as const satisfies StructDef;

/** MLD Port Event Record data (r3.1 §7.6.8.3 Table 7-79); offsets are from record byte 30h. */
export const mldPortEventData = {
  name: 'mldPortEventData',
  size: 80,
  spec: 'CXL r3.1 §7.6.8.3 Table 7-79',
  doc: 'MLD Port Event Record, bytes 30h-7Fh',
  fields: [
    { name: 'eventType', offset: 0, type: 'u8', enum: mldPortEventType, doc: 'Event Type (error message received)' },
    { name: 'portId', offset: 1, type: 'u8', doc: 'MLD port generating the event' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'errorMessage', offset: 4, type: 'bytes', size: 8, doc: 'First 8 bytes of the PCIe ERR_COR / ERR_NONFATAL / ERR_FATAL message' },
    { name: 'rsvd12', offset: 12, type: 'reserved', size: 68 },
  ],
} as const satisfies StructDef;

/**
 * Event-specific data layout by Event Record Identifier: decode `eventRecord.data` (80 bytes) with
 * `codecFor(eventDataByUuid[record.uuid])`. Includes the FM-API switch / MLD port records
 * (r3.1 §7.6.8 Tables 7-77 to 7-79).
 */
export const eventDataByUuid: Readonly<Record<string, StructDef>> = {
  [eventRecordUuids.generalMedia]: generalMediaEventData,
  [eventRecordUuids.dram]: dramEventData,
  [eventRecordUuids.memoryModule]: memoryModuleEventData,
  [eventRecordUuids.memorySparing]: memorySparingEventData,
  [eventRecordUuids.physicalSwitch]: physicalSwitchEventData,
  [eventRecordUuids.virtualSwitch]: virtualSwitchEventData,
  [eventRecordUuids.mldPort]: mldPortEventData,
  [eventRecordUuids.dynamicCapacity]: dcEventData,
};

// --- 02h Firmware Update -----------------------------------------------------------------------------

export const getFwInfoRsp = {
  name: 'getFwInfoRsp',
  cName: 'cxlmi_cmd_get_fw_info_rsp',
  size: 80,
  spec: 'CXL r3.1 §8.2.9.3.1 Table 8-65',
  fields: [
    { name: 'slotsSupported', offset: 0, type: 'u8', doc: 'FW Slots Supported (2-4)' },
    {
      name: 'slotInfo',
      offset: 1,
      type: 'bits',
      bytes: 1,
      doc: 'FW Slot Info',
      bits: [
        { name: 'activeSlot', lsb: 0, width: 3, doc: 'Active FW slot (1-4)' },
        { name: 'stagedSlot', lsb: 3, width: 3, doc: 'Slot activated on next reset or Activate FW (0 = none)' },
      ],
    },
    {
      name: 'caps',
      offset: 2,
      type: 'bits',
      bytes: 1,
      doc: 'FW Activation Capabilities',
      bits: [{ name: 'onlineActivation', lsb: 0, width: 1, doc: 'Activate FW works online' }],
    },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 13 },
    { name: 'fwRev1', offset: 16, type: 'ascii', size: 16, pad: 'nul', doc: 'Slot 1 FW Revision' },
    { name: 'fwRev2', offset: 32, type: 'ascii', size: 16, pad: 'nul', doc: 'Slot 2 FW Revision' },
    { name: 'fwRev3', offset: 48, type: 'ascii', size: 16, pad: 'nul', doc: 'Slot 3 FW Revision' },
    { name: 'fwRev4', offset: 64, type: 'ascii', size: 16, pad: 'nul', doc: 'Slot 4 FW Revision' },
  ],
} as const satisfies StructDef;

/** Transfer FW Action (r3.1 Table 8-66). */
export const transferFwAction = { 0: 'full', 1: 'initiate', 2: 'continue', 3: 'end', 4: 'abort' } as const;

/** FW packages and every part of one are 128-byte aligned; Transfer FW offsets count 128-byte units (r3.1 §8.2.9.3.2). */
export const fwTransferAlignment = 128;

export const transferFwReq = {
  name: 'transferFwReq',
  cName: 'cxlmi_cmd_transfer_fw_req',
  size: 128,
  spec: 'CXL r3.1 §8.2.9.3.2 Table 8-66',
  fields: [
    { name: 'action', offset: 0, type: 'u8', enum: transferFwAction, doc: 'Stage of the transfer' },
    { name: 'slot', offset: 1, type: 'u8', doc: 'Target slot (used with full / end; not the active slot)' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'offset', offset: 4, type: 'u32', unit: '128B', doc: 'Offset in the package, in 128-byte units' },
    { name: 'rsvd8', offset: 8, type: 'reserved', size: 120 },
    { name: 'data', offset: 128, type: 'flex', of: 'u8', count: 'rest', doc: 'FW package data' },
  ],
} as const satisfies StructDef;

/** Activate FW Action (r3.1 Table 8-67). */
export const activateFwAction = { 0: 'online', 1: 'onNextReset' } as const;

export const activateFwReq = {
  name: 'activateFwReq',
  cName: 'cxlmi_cmd_activate_fw_req',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.3.3 Table 8-67',
  fields: [
    { name: 'action', offset: 0, type: 'u8', enum: activateFwAction, doc: 'Activation method' },
    { name: 'slot', offset: 1, type: 'u8', doc: 'Slot to activate (not the active slot)' },
  ],
} as const satisfies StructDef;

// --- 03h Timestamp -------------------------------------------------------------------------------------

export const getTimestampRsp = {
  name: 'getTimestampRsp',
  cName: 'cxlmi_cmd_get_timestamp_rsp',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.4.1 Table 8-68',
  fields: [{ name: 'timestamp', offset: 0, type: 'u64', unit: 'ns', doc: 'Device time (ns since the epoch; 0 = never set)' }],
} as const satisfies StructDef;

export const setTimestampReq = {
  name: 'setTimestampReq',
  cName: 'cxlmi_cmd_set_timestamp_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.4.2 Table 8-69',
  fields: [{ name: 'timestamp', offset: 0, type: 'u64', unit: 'ns', doc: 'ns since midnight 01-Jan-1970 UTC' }],
} as const satisfies StructDef;

// --- 04h Logs ------------------------------------------------------------------------------------------

export const supportedLogEntry = {
  name: 'supportedLogEntry',
  cName: 'cxlmi_supported_log_entry',
  size: 20,
  spec: 'CXL r3.1 §8.2.9.5.1 Table 8-71',
  fields: [
    { name: 'uuid', offset: 0, type: 'uuid', doc: 'Log Identifier (see logUuids)' },
    { name: 'logSize', offset: 16, type: 'u32', unit: 'bytes', doc: 'Log Size' },
  ],
} as const satisfies StructDef;

export const getSupportedLogsRsp = {
  name: 'getSupportedLogsRsp',
  cName: 'cxlmi_cmd_get_supported_logs_rsp',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.5.1 Table 8-70',
  fields: [
    { name: 'numSupportedLogEntries', offset: 0, type: 'u16', doc: 'Number of Supported Log Entries' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 6 },
    { name: 'entries', offset: 8, type: 'flex', of: supportedLogEntry, count: { field: 'numSupportedLogEntries', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const getLogReq = {
  name: 'getLogReq',
  cName: 'cxlmi_cmd_get_log_req',
  size: 24,
  spec: 'CXL r3.1 §8.2.9.5.2 Table 8-72',
  fields: [
    { name: 'uuid', offset: 0, type: 'uuid', doc: 'Log Identifier (see logUuids)' },
    { name: 'offset', offset: 16, type: 'u32', unit: 'bytes', doc: 'Byte offset in the log' },
    { name: 'length', offset: 20, type: 'u32', unit: 'bytes', doc: 'Bytes of log data to return' },
  ],
} as const satisfies StructDef;

/** Get Log output: exactly `length` bytes of log data (libcxlmi returns it as `void *`). */
export const getLogRsp = {
  name: 'getLogRsp',
  size: 0,
  spec: 'CXL r3.1 §8.2.9.5.2 Table 8-73',
  fields: [{ name: 'data', offset: 0, type: 'flex', of: 'u8', count: 'rest', doc: 'Log Data' }],
} as const satisfies StructDef;

/** Command Effect bitmask (r3.1 Table 8-75), also the Set Feature Effects of Table 8-97. */
export const commandEffectBits = [
  { name: 'configChangeAfterColdReset', lsb: 0, width: 1 },
  { name: 'immediateConfigChange', lsb: 1, width: 1 },
  { name: 'immediateDataChange', lsb: 2, width: 1 },
  { name: 'immediatePolicyChange', lsb: 3, width: 1 },
  { name: 'immediateLogChange', lsb: 4, width: 1 },
  { name: 'securityStateChange', lsb: 5, width: 1 },
  { name: 'backgroundOperation', lsb: 6, width: 1 },
  { name: 'secondaryMailboxSupported', lsb: 7, width: 1 },
  { name: 'requestAbortBackgroundOpSupported', lsb: 8, width: 1 },
  { name: 'resetEffectsValid', lsb: 9, width: 1, doc: 'CEL[11:10] Valid' },
  { name: 'configChangeAfterConventionalReset', lsb: 10, width: 1 },
  { name: 'configChangeAfterCxlReset', lsb: 11, width: 1 },
] as const satisfies readonly BitRange[];

/** One Command Effects Log entry; libcxlmi names the entry struct `cxlmi_cmd_get_log_cel_rsp`. */
export const getLogCelRsp = {
  name: 'getLogCelRsp',
  cName: 'cxlmi_cmd_get_log_cel_rsp',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.5.2.1 Table 8-75',
  doc: 'CEL entry',
  fields: [
    { name: 'opcode', offset: 0, type: 'u16', doc: 'Command opcode' },
    { name: 'commandEffect', offset: 2, type: 'bits', bytes: 2, bits: commandEffectBits, doc: 'Command Effect' },
  ],
} as const satisfies StructDef;

/** The Command Effects Log as returned by Get Log: 4-byte entries filling the reply. */
export const getLogCelList = {
  name: 'getLogCelList',
  size: 0,
  spec: 'CXL r3.1 §8.2.9.5.2.1 Table 8-74',
  doc: 'CEL output payload',
  fields: [{ name: 'entries', offset: 0, type: 'flex', of: getLogCelRsp, count: 'rest', doc: 'One entry per supported command' }],
} as const satisfies StructDef;

export const getLogCapabilitiesReq = {
  name: 'getLogCapabilitiesReq',
  cName: 'cxlmi_cmd_get_log_capabilities_req',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.5.3 Table 8-89',
  fields: [{ name: 'uuid', offset: 0, type: 'uuid', doc: 'Log Identifier' }],
} as const satisfies StructDef;

export const getLogCapabilitiesRsp = {
  name: 'getLogCapabilitiesRsp',
  cName: 'cxlmi_cmd_get_log_capabilities_rsp',
  size: 4,
  spec: 'CXL r3.1 §8.2.9.5.3 Table 8-90',
  fields: [
    {
      name: 'parameterFlags',
      offset: 0,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'clearLogSupported', lsb: 0, width: 1 },
        { name: 'populateLogSupported', lsb: 1, width: 1 },
        { name: 'autoPopulateSupported', lsb: 2, width: 1 },
        { name: 'persistentAcrossColdReset', lsb: 3, width: 1 },
      ],
    },
  ],
} as const satisfies StructDef;

export const clearLogReq = {
  name: 'clearLogReq',
  cName: 'cxlmi_cmd_clear_log_req',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.5.4 Table 8-91',
  fields: [{ name: 'uuid', offset: 0, type: 'uuid', doc: 'Log Identifier' }],
} as const satisfies StructDef;

export const populateLogReq = {
  name: 'populateLogReq',
  cName: 'cxlmi_cmd_populate_log_req',
  size: 16,
  spec: 'CXL r3.1 §8.2.9.5.5 Table 8-92',
  fields: [{ name: 'uuid', offset: 0, type: 'uuid', doc: 'Log Identifier' }],
} as const satisfies StructDef;

export const getSupportedLogsSublistReq = {
  name: 'getSupportedLogsSublistReq',
  cName: 'cxlmi_cmd_get_supported_logs_sublist_req',
  size: 2,
  spec: 'CXL r3.1 §8.2.9.5.6 Table 8-93',
  fields: [
    { name: 'maxSupportedLogEntries', offset: 0, type: 'u8', doc: 'Maximum entries to return (at least 1)' },
    { name: 'startLogEntryIndex', offset: 1, type: 'u8', doc: 'Index of the first entry' },
  ],
} as const satisfies StructDef;

export const getSupportedLogsSublistRsp = {
  name: 'getSupportedLogsSublistRsp',
  cName: 'cxlmi_cmd_get_supported_logs_sublist_rsp',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.5.6 Table 8-94',
  doc: 'Decoded from its own entry count (libcxlmi insists on exactly 7 entries)',
  fields: [
    { name: 'numSupportedLogEntries', offset: 0, type: 'u8', doc: 'Entries in this reply' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 1 },
    { name: 'totalNumSupportedLogEntries', offset: 2, type: 'u16', doc: 'Total Number of Supported Log Entries' },
    { name: 'startLogEntryIndex', offset: 4, type: 'u8', doc: 'Index of the first entry in this reply' },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 3 },
    { name: 'entries', offset: 8, type: 'flex', of: supportedLogEntry, count: { field: 'numSupportedLogEntries', unit: 'elements' } },
  ],
} as const satisfies StructDef;

// --- 05h Features ----------------------------------------------------------------------------------------

export const getSupportedFeaturesReq = {
  name: 'getSupportedFeaturesReq',
  cName: 'cxlmi_cmd_get_supported_features_req',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.6.1 Table 8-95',
  fields: [
    { name: 'count', offset: 0, type: 'u32', unit: 'bytes', doc: 'Bytes of feature entries wanted (the reply is at most 8 + count bytes)' },
    { name: 'startingFeatureIndex', offset: 4, type: 'u16', doc: 'Index of the first entry (zero-based)' },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 2 },
  ],
} as const satisfies StructDef;

/** Deepest Reset Persistence of a feature (r3.1 Table 8-97, attribute flags bits 3:1). */
export const resetPersistence = { 0: 'none', 1: 'cxlReset', 2: 'hotReset', 3: 'warmReset', 4: 'coldReset' } as const;

export const supportedFeatureEntry = {
  name: 'supportedFeatureEntry',
  size: 48,
  spec: 'CXL r3.1 §8.2.9.6.1 Table 8-97',
  doc: 'Supported Feature Entry (libcxlmi: anonymous element of supported_feature_entries)',
  fields: [
    { name: 'featureId', offset: 0, type: 'uuid', doc: 'Feature Identifier' },
    { name: 'featureIndex', offset: 16, type: 'u16', doc: 'Feature Index' },
    { name: 'getFeatureSize', offset: 18, type: 'u16', unit: 'bytes', doc: 'Bytes Get Feature returns in total' },
    { name: 'setFeatureSize', offset: 20, type: 'u16', unit: 'bytes', doc: 'Bytes Set Feature takes in total (0 = not changeable)' },
    {
      name: 'attributeFlags',
      offset: 22,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'changeable', lsb: 0, width: 1 },
        { name: 'deepestResetPersistence', lsb: 1, width: 3, enum: resetPersistence },
        { name: 'persistAcrossFwUpdate', lsb: 4, width: 1 },
        { name: 'defaultSelectionSupported', lsb: 5, width: 1 },
        { name: 'savedSelectionSupported', lsb: 6, width: 1 },
      ],
    },
    { name: 'getFeatureVersion', offset: 26, type: 'u8' },
    { name: 'setFeatureVersion', offset: 27, type: 'u8' },
    { name: 'setFeatureEffects', offset: 28, type: 'bits', bytes: 2, bits: commandEffectBits, doc: 'Set Feature Effects (CEL Command Effect bits)' },
    { name: 'rsvd30', offset: 30, type: 'reserved', size: 18 },
  ],
} as const satisfies StructDef;

export const getSupportedFeaturesRsp = {
  name: 'getSupportedFeaturesRsp',
  cName: 'cxlmi_cmd_get_supported_features_rsp',
  size: 8,
  spec: 'CXL r3.1 §8.2.9.6.1 Table 8-96',
  fields: [
    // libcxlmi reads this u16 with le32_to_cpu (a byte-order slip on big-endian hosts).
    { name: 'numSupportedFeatureEntries', offset: 0, type: 'u16', doc: 'Entries in this reply' },
    { name: 'deviceSupportedFeatures', offset: 2, type: 'u16', doc: 'Number of features the device supports' },
    { name: 'rsvd4', offset: 4, type: 'reserved', size: 4 },
    {
      name: 'supportedFeatureEntries',
      offset: 8,
      type: 'flex',
      of: supportedFeatureEntry,
      count: { field: 'numSupportedFeatureEntries', unit: 'elements' },
    },
  ],
} as const satisfies StructDef;

/** Get Feature Selection (r3.1 Table 8-99). */
export const featureSelection = { 0: 'current', 1: 'default', 2: 'saved' } as const;

export const getFeatureReq = {
  name: 'getFeatureReq',
  cName: 'cxlmi_cmd_get_feature_req',
  size: 21,
  spec: 'CXL r3.1 §8.2.9.6.2 Table 8-99',
  fields: [
    { name: 'featureId', offset: 0, type: 'uuid', doc: 'Feature Identifier' },
    { name: 'offset', offset: 16, type: 'u16', unit: 'bytes', doc: 'Offset in the feature data' },
    { name: 'count', offset: 18, type: 'u16', unit: 'bytes', doc: 'Bytes of feature data to return' },
    { name: 'selection', offset: 20, type: 'u8', enum: featureSelection, doc: 'Which value to return' },
  ],
} as const satisfies StructDef;

/**
 * Get Feature output: up to `count` bytes of feature data. libcxlmi's `cxlmi_cmd_get_feature_rsp`
 * is a fixed 2048-byte buffer, so no `cName` here (its size is a C maximum, not the layout).
 */
export const getFeatureRsp = {
  name: 'getFeatureRsp',
  size: 0,
  spec: 'CXL r3.1 §8.2.9.6.2 Table 8-100',
  fields: [{ name: 'featureData', offset: 0, type: 'flex', of: 'u8', count: 'rest', doc: 'Feature Data' }],
} as const satisfies StructDef;

/** Set Feature data transfer Action (r3.1 Table 8-101, flags bits 2:0). */
export const setFeatureAction = { 0: 'fullDataTransfer', 1: 'initiateDataTransfer', 2: 'continueDataTransfer', 3: 'finishDataTransfer', 4: 'abortDataTransfer' } as const;

export const setFeatureReq = {
  name: 'setFeatureReq',
  cName: 'cxlmi_cmd_set_feature_req',
  size: 32,
  spec: 'CXL r3.1 §8.2.9.6.3 Table 8-101',
  fields: [
    { name: 'featureId', offset: 0, type: 'uuid', doc: 'Feature Identifier (all Fs = the transfer in progress)' },
    {
      name: 'setFeatureFlags',
      offset: 16,
      type: 'bits',
      bytes: 4,
      bits: [
        { name: 'action', lsb: 0, width: 3, enum: setFeatureAction, doc: 'Stage of the data transfer' },
        { name: 'savedAcrossReset', lsb: 3, width: 1, doc: 'Save the value across the deepest reset persistence' },
      ],
    },
    { name: 'offset', offset: 20, type: 'u16', unit: 'bytes', doc: 'Offset in the feature data' },
    { name: 'version', offset: 22, type: 'u8', doc: 'Feature version of the data' },
    { name: 'rsvd23', offset: 23, type: 'reserved', size: 9 },
    { name: 'featureData', offset: 32, type: 'flex', of: 'u8', count: 'rest', doc: 'Feature Data' },
  ],
} as const satisfies StructDef;

// --- commands ----------------------------------------------------------------------------------------------

export const commands = [
  {
    name: 'identify',
    cName: 'cxlmi_cmd_identify',
    opcode: 0x0001,
    spec: 'CXL r3.1 §8.2.9.1.1',
    doc: 'PCI ids, serial number, max message size and component type (switch, type 3 or GFD)',
    response: identifyRsp,
  },
  {
    name: 'bgOpStatus',
    cName: 'cxlmi_cmd_bg_op_status',
    opcode: 0x0002,
    spec: 'CXL r3.1 §8.2.9.1.2',
    doc: 'Background operation in progress, percent complete, and the last background command and its result',
    response: bgOpStatusRsp,
  },
  {
    name: 'getResponseMsgLimit',
    cName: 'cxlmi_cmd_get_response_msg_limit',
    opcode: 0x0003,
    spec: 'CXL r3.1 §8.2.9.1.3',
    doc: 'Configured response message payload limit (2^n bytes)',
    response: getResponseMsgLimitRsp,
  },
  {
    name: 'setResponseMsgLimit',
    cName: 'cxlmi_cmd_set_response_msg_limit',
    opcode: 0x0004,
    spec: 'CXL r3.1 §8.2.9.1.4',
    doc: 'Set the response message payload limit; returns the limit in effect',
    request: setResponseMsgLimitReq,
    response: setResponseMsgLimitRsp,
  },
  {
    name: 'requestBgOpAbort',
    cName: 'cxlmi_cmd_request_bg_op_abort',
    opcode: 0x0005,
    spec: 'CXL r3.1 §8.2.9.1.5',
    doc: 'Ask the device to abort the background operation running on this CCI',
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
  {
    name: 'clearEventRecords',
    cName: 'cxlmi_cmd_clear_event_records',
    opcode: 0x0101,
    spec: 'CXL r3.1 §8.2.9.2.3',
    doc: 'Clear consumed event records by handle, or the whole log after an overflow',
    request: clearEventRecordsReq,
  },
  {
    name: 'getEventInterruptPolicy',
    cName: 'cxlmi_cmd_get_event_interrupt_policy',
    opcode: 0x0102,
    spec: 'CXL r3.1 §8.2.9.2.4',
    doc: 'Interrupt mode and message number for each event log',
    response: getEventInterruptPolicyRsp,
  },
  {
    name: 'setEventInterruptPolicy',
    cName: 'cxlmi_cmd_set_event_interrupt_policy',
    opcode: 0x0103,
    spec: 'CXL r3.1 §8.2.9.2.5',
    doc: 'Set the interrupt mode for each event log',
    request: setEventInterruptPolicyReq,
  },
  {
    name: 'getMctpEventInterruptPolicy',
    cName: 'cxlmi_cmd_get_mctp_event_interrupt_policy',
    opcode: 0x0104,
    spec: 'CXL r3.1 §8.2.9.2.6',
    doc: 'Which event logs (and background completion) send MCTP Event Notifications',
    response: getMctpEventInterruptPolicyRsp,
  },
  {
    name: 'setMctpEventInterruptPolicy',
    cName: 'cxlmi_cmd_set_mctp_event_interrupt_policy',
    opcode: 0x0105,
    spec: 'CXL r3.1 §8.2.9.2.7',
    doc: 'Enable MCTP Event Notifications per event log; returns the settings in effect',
    request: setMctpEventInterruptPolicyReq,
    response: setMctpEventInterruptPolicyRsp,
  },
  {
    name: 'eventNotification',
    cName: 'cxlmi_cmd_event_notification',
    opcode: 0x0106,
    spec: 'CXL r3.1 §8.2.9.2.8',
    doc: 'Notification (component to FM) that event logs have uncleared records',
    request: eventNotificationReq,
  },
  {
    name: 'getFwInfo',
    cName: 'cxlmi_cmd_get_fw_info',
    opcode: 0x0200,
    spec: 'CXL r3.1 §8.2.9.3.1',
    doc: 'FW slots, active and staged slot, online activation support, revision of each slot',
    response: getFwInfoRsp,
  },
  {
    name: 'transferFw',
    cName: 'cxlmi_cmd_transfer_fw',
    opcode: 0x0201,
    spec: 'CXL r3.1 §8.2.9.3.2',
    doc: 'Transfer all or part of a FW package into a slot (128-byte aligned parts)',
    request: transferFwReq,
    background: true,
  },
  {
    name: 'activateFw',
    cName: 'cxlmi_cmd_activate_fw',
    opcode: 0x0202,
    spec: 'CXL r3.1 §8.2.9.3.3',
    doc: 'Activate the FW in a slot, online or at the next reset',
    request: activateFwReq,
    background: true,
  },
  {
    name: 'getTimestamp',
    cName: 'cxlmi_cmd_get_timestamp',
    opcode: 0x0300,
    spec: 'CXL r3.1 §8.2.9.4.1',
    doc: 'Device timestamp (ns since the epoch)',
    response: getTimestampRsp,
  },
  {
    name: 'setTimestamp',
    cName: 'cxlmi_cmd_set_timestamp',
    opcode: 0x0301,
    spec: 'CXL r3.1 §8.2.9.4.2',
    doc: 'Set the device timestamp (ns since the epoch)',
    request: setTimestampReq,
  },
  {
    name: 'getSupportedLogs',
    cName: 'cxlmi_cmd_get_supported_logs',
    opcode: 0x0400,
    spec: 'CXL r3.1 §8.2.9.5.1',
    doc: 'Log identifiers (UUIDs) the device supports and the size of each log',
    response: getSupportedLogsRsp,
  },
  {
    name: 'getLog',
    cName: 'cxlmi_cmd_get_log',
    opcode: 0x0401,
    spec: 'CXL r3.1 §8.2.9.5.2',
    doc: 'Raw bytes of a log identified by UUID, from `offset`, exactly `length` bytes',
    request: getLogReq,
    response: getLogRsp,
    responseLengthFrom: 'length',
  },
  {
    name: 'getLogCel',
    cName: 'cxlmi_cmd_get_log_cel',
    opcode: 0x0401,
    spec: 'CXL r3.1 §8.2.9.5.2.1',
    doc: 'Get Log of the Command Effects Log: supported opcodes and their effects (4-byte entries)',
    request: getLogReq,
    response: getLogCelList,
    responseLengthFrom: 'length',
  },
  {
    name: 'getLogCapabilities',
    cName: 'cxlmi_cmd_get_log_capabilities',
    opcode: 0x0402,
    spec: 'CXL r3.1 §8.2.9.5.3',
    doc: 'Whether a log can be cleared, populated, auto-populated, and persists across cold reset',
    request: getLogCapabilitiesReq,
    response: getLogCapabilitiesRsp,
  },
  {
    name: 'clearLog',
    cName: 'cxlmi_cmd_clear_log',
    opcode: 0x0403,
    spec: 'CXL r3.1 §8.2.9.5.4',
    doc: 'Clear the contents of a log',
    request: clearLogReq,
  },
  {
    name: 'populateLog',
    cName: 'cxlmi_cmd_populate_log',
    opcode: 0x0404,
    spec: 'CXL r3.1 §8.2.9.5.5',
    doc: 'Populate a log (e.g. Component State Dump), possibly in the background',
    request: populateLogReq,
    background: true,
  },
  {
    name: 'getSupportedLogsSublist',
    cName: 'cxlmi_cmd_get_supported_logs_sublist',
    opcode: 0x0405,
    spec: 'CXL r3.1 §8.2.9.5.6',
    doc: 'A window of the supported log list, with the total entry count',
    request: getSupportedLogsSublistReq,
    response: getSupportedLogsSublistRsp,
  },
  {
    name: 'getSupportedFeatures',
    cName: 'cxlmi_cmd_get_supported_features',
    opcode: 0x0500,
    spec: 'CXL r3.1 §8.2.9.6.1',
    doc: 'Supported feature entries from an index; the request count is in bytes of entries',
    request: getSupportedFeaturesReq,
    response: getSupportedFeaturesRsp,
  },
  {
    name: 'getFeature',
    cName: 'cxlmi_cmd_get_feature',
    opcode: 0x0501,
    spec: 'CXL r3.1 §8.2.9.6.2',
    doc: 'Current, default or saved data of a feature, `count` bytes from `offset` (less at the end)',
    request: getFeatureReq,
    response: getFeatureRsp,
    responseLengthFrom: 'count',
    responseMayBeShorter: true,
  },
  {
    name: 'setFeature',
    cName: 'cxlmi_cmd_set_feature',
    opcode: 0x0502,
    spec: 'CXL r3.1 §8.2.9.6.3',
    doc: 'Write all or part of a feature, optionally saved across reset',
    request: setFeatureReq,
  },
] as const satisfies readonly CxlCommandDef[];
