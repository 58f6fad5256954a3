/**
 * Zoned Namespace Command Set tables (NVMe ZNS Command Set Specification 1.1).
 * Identify Controller (CNS 06h, CSI 02h), Identify Namespace (CNS 05h, CSI 02h) and the Zone
 * Format (LBA Format Extension): §4.1.5. Zone Descriptor and Report Zones data structure (Zone
 * Management Receive): §3.4.2. Names are libnvme's
 * (`struct nvme_zns_id_ctrl`, `nvme_zns_id_ns`, `nvme_zns_lbafe`, `nvme_zns_desc`, `nvme_zone_report`).
 */
import type { StructDef } from '../schema.js';
import type { NvmeValueRow } from './opcodes.js';

export const znsIdCtrl = {
  name: 'znsIdCtrl',
  cName: 'nvme_zns_id_ctrl',
  size: 4096,
  spec: 'NVMe ZNS 1.1 §4.1.5 (CNS 06h, CSI 02h)',
  doc: 'ZNS I/O Command Set Specific Identify Controller data structure',
  fields: [
    { name: 'zasl', offset: 0, type: 'u8', doc: 'Zone Append Size Limit (2^n min pages; 0 = MDTS)' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 4095 },
  ],
} as const satisfies StructDef;

export const znsLbafe = {
  name: 'znsLbafe',
  cName: 'nvme_zns_lbafe',
  size: 16,
  spec: 'NVMe ZNS 1.1 §4.1.5 (Zone Format)',
  doc: 'Zone Format (LBA Format Extension)',
  fields: [
    { name: 'zsze', offset: 0, type: 'u64', unit: 'blocks', doc: 'Zone Size' },
    { name: 'zdes', offset: 8, type: 'u8', doc: 'Zone Descriptor Extension Size (64-byte units)' },
    { name: 'rsvd9', offset: 9, type: 'reserved', size: 7 },
  ],
} as const satisfies StructDef;

export const znsIdNs = {
  name: 'znsIdNs',
  cName: 'nvme_zns_id_ns',
  size: 4096,
  spec: 'NVMe ZNS 1.1 §4.1.5 (CNS 05h, CSI 02h)',
  doc: 'ZNS I/O Command Set Specific Identify Namespace data structure',
  fields: [
    {
      name: 'zoc',
      offset: 0,
      type: 'bits',
      bytes: 2,
      doc: 'Zone Operation Characteristics',
      bits: [
        { name: 'vzcap', lsb: 0, width: 1, doc: 'Variable Zone Capacity' },
        { name: 'zae', lsb: 1, width: 1, doc: 'Zone Active Excursions' },
      ],
    },
    {
      name: 'ozcs',
      offset: 2,
      type: 'bits',
      bytes: 2,
      doc: 'Optional Zoned Command Support',
      bits: [
        { name: 'razb', lsb: 0, width: 1, doc: 'Read Across Zone Boundaries' },
        { name: 'zrwasup', lsb: 1, width: 1, doc: 'Zone Random Write Area Supported' },
      ],
    },
    { name: 'mar', offset: 4, type: 'u32', doc: 'Maximum Active Resources (0-based; FFFFFFFFh = no limit)' },
    { name: 'mor', offset: 8, type: 'u32', doc: 'Maximum Open Resources (0-based; FFFFFFFFh = no limit)' },
    { name: 'rrl', offset: 12, type: 'u32', unit: 'seconds', doc: 'Reset Recommended Limit' },
    { name: 'frl', offset: 16, type: 'u32', unit: 'seconds', doc: 'Finish Recommended Limit' },
    { name: 'rrl1', offset: 20, type: 'u32', unit: 'seconds', doc: 'Reset Recommended Limit 1' },
    { name: 'rrl2', offset: 24, type: 'u32', unit: 'seconds', doc: 'Reset Recommended Limit 2' },
    { name: 'rrl3', offset: 28, type: 'u32', unit: 'seconds', doc: 'Reset Recommended Limit 3' },
    { name: 'frl1', offset: 32, type: 'u32', unit: 'seconds', doc: 'Finish Recommended Limit 1' },
    { name: 'frl2', offset: 36, type: 'u32', unit: 'seconds', doc: 'Finish Recommended Limit 2' },
    { name: 'frl3', offset: 40, type: 'u32', unit: 'seconds', doc: 'Finish Recommended Limit 3' },
    { name: 'numzrwa', offset: 44, type: 'u32', doc: 'Number of ZRWA Resources (0-based)' },
    { name: 'zrwafg', offset: 48, type: 'u16', unit: 'blocks', doc: 'ZRWA Flush Granularity' },
    { name: 'zrwasz', offset: 50, type: 'u16', unit: 'blocks', doc: 'ZRWA Size' },
    { name: 'zrwacap', offset: 52, type: 'u8', doc: 'ZRWA Capability' },
    { name: 'rsvd53', offset: 53, type: 'reserved', size: 2763 },
    { name: 'lbafe', offset: 2816, type: 'array', of: znsLbafe, count: 64, doc: 'Zone Formats 0-63 (index = LBA format)' },
    { name: 'vs', offset: 3840, type: 'bytes', size: 256, doc: 'Vendor Specific' },
  ],
} as const satisfies StructDef;

export const znsDesc = {
  name: 'znsDesc',
  cName: 'nvme_zns_desc',
  size: 64,
  spec: 'NVMe ZNS 1.1 §3.4.2 (Zone Descriptor)',
  doc: 'Zone Descriptor',
  fields: [
    {
      name: 'zt',
      offset: 0,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'zt', lsb: 0, width: 4, enum: { 2: 'seqWriteRequired' }, doc: 'Zone Type' }],
    },
    {
      name: 'zs',
      offset: 1,
      type: 'bits',
      bytes: 1,
      bits: [
        {
          name: 'zs',
          lsb: 4,
          width: 4,
          enum: { 1: 'empty', 2: 'implicitlyOpened', 3: 'explicitlyOpened', 4: 'closed', 13: 'readOnly', 14: 'full', 15: 'offline' },
          doc: 'Zone State',
        },
      ],
    },
    {
      name: 'za',
      offset: 2,
      type: 'bits',
      bytes: 1,
      doc: 'Zone Attributes',
      bits: [
        { name: 'zfc', lsb: 0, width: 1, doc: 'Zone Finished by Controller' },
        { name: 'fzr', lsb: 1, width: 1, doc: 'Finish Zone Recommended' },
        { name: 'rzr', lsb: 2, width: 1, doc: 'Reset Zone Recommended' },
        { name: 'zrwav', lsb: 3, width: 1, doc: 'Zone Random Write Area Valid' },
        { name: 'zdev', lsb: 7, width: 1, doc: 'Zone Descriptor Extension Valid' },
      ],
    },
    { name: 'zai', offset: 3, type: 'u8', doc: 'Zone Attributes Information' },
    { name: 'rsvd4', offset: 4, type: 'reserved', size: 4 },
    { name: 'zcap', offset: 8, type: 'u64', unit: 'blocks', doc: 'Zone Capacity' },
    { name: 'zslba', offset: 16, type: 'u64', doc: 'Zone Start LBA' },
    { name: 'wp', offset: 24, type: 'u64', doc: 'Write Pointer' },
    { name: 'rsvd32', offset: 32, type: 'reserved', size: 32 },
  ],
} as const satisfies StructDef;

export const zoneReport = {
  name: 'zoneReport',
  cName: 'nvme_zone_report',
  size: 64,
  spec: 'NVMe ZNS 1.1 §3.4.2 (Report Zones data)',
  doc: 'Report Zones data structure: header and zone descriptors (as many as the buffer holds)',
  fields: [
    { name: 'nrZones', offset: 0, type: 'u64', doc: 'Number of Zones (matching, or reported when Partial Report is set)' },
    { name: 'rsvd8', offset: 8, type: 'reserved', size: 56 },
    { name: 'entries', offset: 64, type: 'flex', of: znsDesc, count: 'rest', doc: 'Zone Descriptors' },
  ],
} as const satisfies StructDef;

/**
 * Zone Send Action (Zone Management Send CDW13 bits 7:0; ZNS 1.1 §3.4.3 Figure "Zone Send Action";
 * libnvme `enum nvme_zns_send_action`, names without `NVME_ZNS_ZSA_`).
 */
export const znsSendActions = [
  { value: 0x01, name: 'close', cName: 'NVME_ZNS_ZSA_CLOSE', doc: 'Close Zone' },
  { value: 0x02, name: 'finish', cName: 'NVME_ZNS_ZSA_FINISH', doc: 'Finish Zone' },
  { value: 0x03, name: 'open', cName: 'NVME_ZNS_ZSA_OPEN', doc: 'Open Zone' },
  { value: 0x04, name: 'reset', cName: 'NVME_ZNS_ZSA_RESET', doc: 'Reset Zone (destroys the zone data)' },
  { value: 0x05, name: 'offline', cName: 'NVME_ZNS_ZSA_OFFLINE', doc: 'Offline Zone (zone data no longer accessible)' },
  { value: 0x10, name: 'setDescExt', cName: 'NVME_ZNS_ZSA_SET_DESC_EXT', doc: 'Set Zone Descriptor Extension (host-to-controller data)' },
  { value: 0x11, name: 'zrwaFlush', cName: 'NVME_ZNS_ZSA_ZRWA_FLUSH', doc: 'Flush Explicit Zone Random Write Area Range' },
] as const satisfies readonly NvmeValueRow[];

/**
 * Zone Receive Action (Zone Management Receive CDW13 bits 7:0; ZNS 1.1 §3.4.2; libnvme
 * `enum nvme_zns_recv_action`, names without `NVME_ZNS_ZRA_`).
 */
export const znsRecvActions = [
  { value: 0x00, name: 'reportZones', cName: 'NVME_ZNS_ZRA_REPORT_ZONES', doc: 'Report Zones (64-byte zone descriptors)' },
  { value: 0x01, name: 'extendedReportZones', cName: 'NVME_ZNS_ZRA_EXTENDED_REPORT_ZONES', doc: 'Extended Report Zones (descriptor followed by its extension)' },
] as const satisfies readonly NvmeValueRow[];

/**
 * Zone Receive Action Specific Field for (Extended) Report Zones: which zone states to list
 * (CDW13 bits 15:8; ZNS 1.1 §3.4.2; libnvme `enum nvme_zns_report_options`, names without
 * `NVME_ZNS_ZRAS_REPORT_`).
 */
export const znsReportOptions = [
  { value: 0x00, name: 'all', cName: 'NVME_ZNS_ZRAS_REPORT_ALL', doc: 'List all zones' },
  { value: 0x01, name: 'empty', cName: 'NVME_ZNS_ZRAS_REPORT_EMPTY', doc: 'Zones in ZSE:Empty' },
  { value: 0x02, name: 'implOpened', cName: 'NVME_ZNS_ZRAS_REPORT_IMPL_OPENED', doc: 'Zones in ZSIO:Implicitly Opened' },
  { value: 0x03, name: 'explOpened', cName: 'NVME_ZNS_ZRAS_REPORT_EXPL_OPENED', doc: 'Zones in ZSEO:Explicitly Opened' },
  { value: 0x04, name: 'closed', cName: 'NVME_ZNS_ZRAS_REPORT_CLOSED', doc: 'Zones in ZSC:Closed' },
  { value: 0x05, name: 'full', cName: 'NVME_ZNS_ZRAS_REPORT_FULL', doc: 'Zones in ZSF:Full' },
  { value: 0x06, name: 'readOnly', cName: 'NVME_ZNS_ZRAS_REPORT_READ_ONLY', doc: 'Zones in ZSRO:Read Only' },
  { value: 0x07, name: 'offline', cName: 'NVME_ZNS_ZRAS_REPORT_OFFLINE', doc: 'Zones in ZSO:Offline' },
] as const satisfies readonly NvmeValueRow[];
