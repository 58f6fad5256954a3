/**
 * NVMe log pages (Get Log Page, NVMe Base 2.0c §5.16).
 * SMART / Health Information (LID 02h): Figure 207. Error Information (LID 01h): Figure 205.
 * Firmware Slot Information (LID 03h): Figure 209. Field names are libnvme's
 * (`struct nvme_smart_log`, `nvme_error_log_page`, `nvme_firmware_slot`).
 */
import type { StructDef } from '../schema.js';

export const smartLog = {
  name: 'smartLog',
  cName: 'nvme_smart_log',
  size: 512,
  spec: 'NVMe Base 2.0c §5.16.1.3 Figure 207',
  doc: 'SMART / Health Information log page (LID 02h)',
  fields: [
    {
      name: 'criticalWarning',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'spare', lsb: 0, width: 1, doc: 'Available spare below threshold' },
        { name: 'tempThreshold', lsb: 1, width: 1, doc: 'Temperature over or under a threshold' },
        { name: 'reliability', lsb: 2, width: 1, doc: 'NVM subsystem reliability degraded' },
        { name: 'readOnly', lsb: 3, width: 1, doc: 'Media placed in read-only mode' },
        { name: 'volatileMemoryBackup', lsb: 4, width: 1, doc: 'Volatile memory backup device failed' },
        { name: 'pmrReadOnly', lsb: 5, width: 1, doc: 'Persistent Memory Region read-only or unreliable' },
      ],
    },
    { name: 'temperature', offset: 1, type: 'u16', unit: 'kelvin', doc: 'Composite Temperature' },
    { name: 'availSpare', offset: 3, type: 'u8', unit: 'percent', doc: 'Available Spare' },
    { name: 'spareThresh', offset: 4, type: 'u8', unit: 'percent', doc: 'Available Spare Threshold' },
    { name: 'percentUsed', offset: 5, type: 'u8', unit: 'percent', doc: 'Percentage Used' },
    { name: 'enduGrpCritWarnSumry', offset: 6, type: 'u8', doc: 'Endurance Group Critical Warning Summary' },
    { name: 'rsvd7', offset: 7, type: 'reserved', size: 25 },
    { name: 'dataUnitsRead', offset: 32, type: 'u128', unit: '512000B', doc: 'Data Units Read (thousands of 512 B)' },
    { name: 'dataUnitsWritten', offset: 48, type: 'u128', unit: '512000B', doc: 'Data Units Written (thousands of 512 B)' },
    { name: 'hostReads', offset: 64, type: 'u128', doc: 'Host Read Commands' },
    { name: 'hostWrites', offset: 80, type: 'u128', doc: 'Host Write Commands' },
    { name: 'ctrlBusyTime', offset: 96, type: 'u128', unit: 'minutes', doc: 'Controller Busy Time' },
    { name: 'powerCycles', offset: 112, type: 'u128', doc: 'Power Cycles' },
    { name: 'powerOnHours', offset: 128, type: 'u128', unit: 'hours', doc: 'Power On Hours' },
    { name: 'unsafeShutdowns', offset: 144, type: 'u128', doc: 'Unsafe Shutdowns' },
    { name: 'mediaErrors', offset: 160, type: 'u128', doc: 'Media and Data Integrity Errors' },
    { name: 'numErrLogEntries', offset: 176, type: 'u128', doc: 'Number of Error Information Log Entries' },
    { name: 'warningTempTime', offset: 192, type: 'u32', unit: 'minutes', doc: 'Warning Composite Temperature Time' },
    { name: 'criticalCompTime', offset: 196, type: 'u32', unit: 'minutes', doc: 'Critical Composite Temperature Time' },
    { name: 'tempSensor', offset: 200, type: 'array', of: 'u16', count: 8, unit: 'kelvin', doc: 'Temperature Sensors 1-8 (0 = not implemented)' },
    { name: 'thmTemp1TransCount', offset: 216, type: 'u32', doc: 'Thermal Management Temperature 1 Transition Count' },
    { name: 'thmTemp2TransCount', offset: 220, type: 'u32', doc: 'Thermal Management Temperature 2 Transition Count' },
    { name: 'thmTemp1TotalTime', offset: 224, type: 'u32', unit: 'seconds', doc: 'Total Time For Thermal Management Temperature 1' },
    { name: 'thmTemp2TotalTime', offset: 228, type: 'u32', unit: 'seconds', doc: 'Total Time For Thermal Management Temperature 2' },
    { name: 'rsvd232', offset: 232, type: 'reserved', size: 280 },
  ],
} as const satisfies StructDef;

export const errorLogPage = {
  name: 'errorLogPage',
  cName: 'nvme_error_log_page',
  size: 64,
  spec: 'NVMe Base 2.0c §5.16.1.2 Figure 205',
  doc: 'Error Information log entry (LID 01h returns N of these)',
  fields: [
    { name: 'errorCount', offset: 0, type: 'u64', doc: 'Error Count (unique, increasing; 0 = invalid entry)' },
    { name: 'sqid', offset: 8, type: 'u16', doc: 'Submission Queue ID' },
    { name: 'cmdid', offset: 10, type: 'u16', doc: 'Command ID' },
    { name: 'statusField', offset: 12, type: 'u16', doc: 'Status Field: bit 0 phase tag, bits 15:1 status' },
    { name: 'parmErrorLocation', offset: 14, type: 'u16', doc: 'Parameter Error Location' },
    { name: 'lba', offset: 16, type: 'u64', doc: 'LBA' },
    { name: 'nsid', offset: 24, type: 'u32', doc: 'Namespace' },
    { name: 'vs', offset: 28, type: 'u8', doc: 'Vendor Specific Information Available (log page id)' },
    { name: 'trtype', offset: 29, type: 'u8', doc: 'Transport Type' },
    { name: 'csi', offset: 30, type: 'u8', doc: 'Command Set Indicator' },
    { name: 'opcode', offset: 31, type: 'u8', doc: 'Opcode of the command in error' },
    { name: 'cs', offset: 32, type: 'u64', doc: 'Command Specific Information' },
    { name: 'trtypeSpecInfo', offset: 40, type: 'u16', doc: 'Transport Type Specific Information' },
    { name: 'rsvd42', offset: 42, type: 'reserved', size: 21 },
    { name: 'logPageVersion', offset: 63, type: 'u8', doc: 'Log Page Version' },
  ],
} as const satisfies StructDef;

export const firmwareSlot = {
  name: 'firmwareSlot',
  cName: 'nvme_firmware_slot',
  size: 512,
  spec: 'NVMe Base 2.0c §5.16.1.4 Figure 209',
  doc: 'Firmware Slot Information log page (LID 03h)',
  fields: [
    {
      name: 'afi',
      offset: 0,
      type: 'bits',
      bytes: 1,
      doc: 'Active Firmware Info',
      bits: [
        { name: 'activeSlot', lsb: 0, width: 3, doc: 'Slot of the running firmware' },
        { name: 'nextResetSlot', lsb: 4, width: 3, doc: 'Slot activated at next reset (0 = none)' },
      ],
    },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 7 },
    { name: 'frs', offset: 8, type: 'array', of: { type: 'ascii', size: 8, pad: 'space' }, count: 7, doc: 'Firmware Revision for Slots 1-7' },
    { name: 'rsvd64', offset: 64, type: 'reserved', size: 448 },
  ],
} as const satisfies StructDef;

export const cmdEffectsLog = {
  name: 'cmdEffectsLog',
  cName: 'nvme_cmd_effects_log',
  size: 4096,
  spec: 'NVMe Base 2.0c §5.16.1.6 (LID 05h)',
  doc: 'Commands Supported and Effects log page (LID 05h): one Commands Supported and Effects entry per opcode',
  fields: [
    { name: 'acs', offset: 0, type: 'array', of: 'u32', count: 256, doc: 'Admin Command Supported, indexed by opcode (bit 0 CSUPP, 1 LBCC, 2 NCC, 3 NIC, 4 CCC, 18:16 CSE)' },
    { name: 'iocs', offset: 1024, type: 'array', of: 'u32', count: 256, doc: 'I/O Command Supported, indexed by opcode' },
    { name: 'rsvd2048', offset: 2048, type: 'reserved', size: 2048 },
  ],
} as const satisfies StructDef;

export const stResult = {
  name: 'stResult',
  cName: 'nvme_st_result',
  size: 28,
  spec: 'NVMe Base 2.0c §5.16.1.7 (LID 06h)',
  doc: 'Self-test Result Data Structure',
  fields: [
    {
      name: 'dsts',
      offset: 0,
      type: 'bits',
      bytes: 1,
      doc: 'Device Self-test Status',
      bits: [
        {
          name: 'result',
          lsb: 0,
          width: 4,
          enum: {
            0: 'noError',
            1: 'aborted',
            2: 'abortedByReset',
            3: 'abortedByNsRemoval',
            4: 'abortedByFormat',
            5: 'fatalError',
            6: 'unknownSegmentFailed',
            7: 'segmentFailed',
            8: 'abortedUnknownReason',
            9: 'abortedBySanitize',
            15: 'unused',
          },
          doc: 'Result of the device self-test operation',
        },
        { name: 'stc', lsb: 4, width: 4, enum: { 1: 'short', 2: 'extended', 14: 'vendorSpecific' }, doc: 'Self-test Code of the operation' },
      ],
    },
    { name: 'seg', offset: 1, type: 'u8', doc: 'Segment Number that failed' },
    {
      name: 'vdi',
      offset: 2,
      type: 'bits',
      bytes: 1,
      doc: 'Valid Diagnostic Information',
      bits: [
        { name: 'nsidValid', lsb: 0, width: 1, doc: 'NSID field valid' },
        { name: 'flbaValid', lsb: 1, width: 1, doc: 'FLBA field valid' },
        { name: 'sctValid', lsb: 2, width: 1, doc: 'SCT field valid' },
        { name: 'scValid', lsb: 3, width: 1, doc: 'SC field valid' },
      ],
    },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
    { name: 'poh', offset: 4, type: 'u64', unit: 'hours', doc: 'Power On Hours when the operation completed' },
    { name: 'nsid', offset: 12, type: 'u32', doc: 'Namespace Identifier of the failing LBA' },
    { name: 'flba', offset: 16, type: 'u64', doc: 'Failing LBA' },
    { name: 'sct', offset: 24, type: 'u8', doc: 'Status Code Type (bits 2:0)' },
    { name: 'sc', offset: 25, type: 'u8', doc: 'Status Code' },
    { name: 'vs', offset: 26, type: 'u16', doc: 'Vendor Specific' },
  ],
} as const satisfies StructDef;

export const selfTestLog = {
  name: 'selfTestLog',
  cName: 'nvme_self_test_log',
  size: 564,
  spec: 'NVMe Base 2.0c §5.16.1.7 (LID 06h)',
  doc: 'Device Self-test log page (LID 06h): current operation and the last 20 results, newest first',
  fields: [
    {
      name: 'currentOperation',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'stc', lsb: 0, width: 4, enum: { 0: 'none', 1: 'short', 2: 'extended', 14: 'vendorSpecific' }, doc: 'Self-test in progress' }],
    },
    {
      name: 'completion',
      offset: 1,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'percent', lsb: 0, width: 7, doc: 'Percent complete of the operation in progress' }],
    },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'result', offset: 4, type: 'array', of: stResult, count: 20, doc: 'Newest Self-test Result Data Structures' },
  ],
} as const satisfies StructDef;

export const telemetryLog = {
  name: 'telemetryLog',
  cName: 'nvme_telemetry_log',
  size: 512,
  spec: 'NVMe Base 2.0c §5.16.1.8 (LID 07h, 08h)',
  doc: 'Telemetry Host-Initiated (LID 07h) / Controller-Initiated (LID 08h) log header; data blocks follow in 512-byte units',
  fields: [
    { name: 'lpi', offset: 0, type: 'u8', doc: 'Log Identifier' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 4 },
    { name: 'ieee', offset: 5, type: 'u24', doc: 'IEEE OUI Identifier' },
    { name: 'dalb1', offset: 8, type: 'u16', doc: 'Data Area 1 Last Block' },
    { name: 'dalb2', offset: 10, type: 'u16', doc: 'Data Area 2 Last Block' },
    { name: 'dalb3', offset: 12, type: 'u16', doc: 'Data Area 3 Last Block' },
    { name: 'rsvd14', offset: 14, type: 'reserved', size: 2 },
    { name: 'dalb4', offset: 16, type: 'u32', doc: 'Data Area 4 Last Block' },
    { name: 'rsvd20', offset: 20, type: 'reserved', size: 360 },
    { name: 'ths', offset: 380, type: 'u8', doc: 'Telemetry Host-Initiated Scope' },
    { name: 'hostdgn', offset: 381, type: 'u8', doc: 'Host-Initiated Data Generation Number (LID 07h) / Controller-Initiated Scope, tcs (LID 08h)' },
    { name: 'ctrlavail', offset: 382, type: 'u8', doc: 'Controller-Initiated Data Available' },
    { name: 'ctrldgn', offset: 383, type: 'u8', doc: 'Controller-Initiated Data Generation Number' },
    { name: 'rsnident', offset: 384, type: 'bytes', size: 128, doc: 'Reason Identifier' },
    { name: 'dataArea', offset: 512, type: 'flex', of: 'u8', count: 'rest', doc: 'Telemetry data blocks read with the header' },
  ],
} as const satisfies StructDef;

export const sanitizeLogPage = {
  name: 'sanitizeLogPage',
  cName: 'nvme_sanitize_log_page',
  size: 512,
  spec: 'NVMe Base 2.0c §5.16.1 (LID 81h)',
  doc: 'Sanitize Status log page (LID 81h)',
  fields: [
    { name: 'sprog', offset: 0, type: 'u16', doc: 'Sanitize Progress (n/65536 complete)' },
    {
      name: 'sstat',
      offset: 2,
      type: 'bits',
      bytes: 2,
      doc: 'Sanitize Status',
      bits: [
        {
          name: 'status',
          lsb: 0,
          width: 3,
          enum: { 0: 'neverSanitized', 1: 'completeSuccess', 2: 'inProgress', 3: 'completedFailed', 4: 'completedNoDeallocate' },
          doc: 'Status of the most recent sanitize operation',
        },
        { name: 'completedPasses', lsb: 3, width: 5, doc: 'Overwrite passes completed' },
        { name: 'globalDataErased', lsb: 8, width: 1, doc: 'Global Data Erased' },
      ],
    },
    { name: 'scdw10', offset: 4, type: 'u32', doc: 'Sanitize Command Dword 10 of the most recent sanitize' },
    { name: 'eto', offset: 8, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Overwrite (FFFFFFFFh = none)' },
    { name: 'etbe', offset: 12, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Block Erase' },
    { name: 'etce', offset: 16, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Crypto Erase' },
    { name: 'etond', offset: 20, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Overwrite With No-Deallocate' },
    { name: 'etbend', offset: 24, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Block Erase With No-Deallocate' },
    { name: 'etcend', offset: 28, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Crypto Erase With No-Deallocate' },
    { name: 'etpvds', offset: 32, type: 'u32', unit: 'seconds', doc: 'Estimated Time For Post-Verification Deallocation State' },
    { name: 'ssi', offset: 36, type: 'u8', doc: 'Sanitize State Information' },
    { name: 'rsvd37', offset: 37, type: 'reserved', size: 475 },
  ],
} as const satisfies StructDef;
