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
