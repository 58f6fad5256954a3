/**
 * NVMe Management Interface 1.2 tables: the message header carried in MCTP message type 04h
 * (§3.1), NVMe-MI command request / response headers (§5), NVMe Admin command request / response
 * headers tunnelled over MI (§6), the More Processing Required response (§4.2), and the data
 * structures returned by Read NVMe-MI Data Structure (§5.7) and NVM Subsystem Health Status Poll
 * (§5.6). Names follow libnvme (`struct nvme_mi_msg_hdr`, `nvme_mi_admin_req_hdr`,
 * `nvme_mi_read_nvm_ss_info` ...), with the `nvme_` prefix dropped and camelCased.
 * Every message ends with a 4-byte Message Integrity Check (CRC-32C) when the IC bit is set.
 */
import type { StructDef } from '../schema.js';
import type { NvmeValueRow } from './opcodes.js';

export const miMsgHdr = {
  name: 'miMsgHdr',
  cName: 'nvme_mi_msg_hdr',
  size: 4,
  spec: 'NVMe-MI 1.2 §3.1.1 (NVMe-MI Message header)',
  doc: 'NVMe-MI message header: MCTP message type byte, NVMe-MI message parameters',
  fields: [
    {
      name: 'type',
      offset: 0,
      type: 'bits',
      bytes: 1,
      doc: 'MCTP message type',
      bits: [
        { name: 'mt', lsb: 0, width: 7, doc: 'Message Type (04h = NVMe-MI)' },
        { name: 'ic', lsb: 7, width: 1, doc: 'Integrity Check: a CRC-32C MIC ends the message' },
      ],
    },
    {
      name: 'nmp',
      offset: 1,
      type: 'bits',
      bytes: 1,
      doc: 'NVMe-MI Message Parameters',
      bits: [
        { name: 'csi', lsb: 0, width: 1, doc: 'Command Slot Identifier' },
        { name: 'nmimt', lsb: 3, width: 4, enum: { 0: 'control', 1: 'mi', 2: 'admin', 4: 'pcie', 5: 'ae' }, doc: 'NVMe-MI Message Type' },
        { name: 'ror', lsb: 7, width: 1, doc: 'Request or Response: 1 = response' },
      ],
    },
    { name: 'meb', offset: 2, type: 'bits', bytes: 1, bits: [{ name: 'meb', lsb: 0, width: 1, doc: 'Management Endpoint Buffer' }] },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
  ],
} as const satisfies StructDef;

export const miMiReqHdr = {
  name: 'miMiReqHdr',
  cName: 'nvme_mi_mi_req_hdr',
  size: 16,
  spec: 'NVMe-MI 1.2 §5 (NVMe-MI Command request)',
  doc: 'NVMe-MI command request header; request data (if any) follows',
  fields: [
    { name: 'hdr', offset: 0, type: 'struct', struct: miMsgHdr },
    { name: 'opcode', offset: 4, type: 'u8', enum: { 0: 'miDataRead', 1: 'subsysHealthStatusPoll', 2: 'ctrlHealthStatusPoll', 3: 'configSet', 4: 'configGet' } },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 3 },
    { name: 'cdw0', offset: 8, type: 'u32', doc: 'NVMe Management Dword 0 (NMD0)' },
    { name: 'cdw1', offset: 12, type: 'u32', doc: 'NVMe Management Dword 1 (NMD1)' },
  ],
} as const satisfies StructDef;

export const miMiRespHdr = {
  name: 'miMiRespHdr',
  cName: 'nvme_mi_mi_resp_hdr',
  size: 8,
  spec: 'NVMe-MI 1.2 §5 (NVMe-MI Command response)',
  doc: 'NVMe-MI command response header; response data follows',
  fields: [
    { name: 'hdr', offset: 0, type: 'struct', struct: miMsgHdr },
    { name: 'status', offset: 4, type: 'u8', doc: 'Response Message Status' },
    { name: 'nmresp', offset: 5, type: 'u24', doc: 'NVMe Management Response' },
  ],
} as const satisfies StructDef;

export const miMprResp = {
  name: 'miMprResp',
  size: 8,
  spec: 'NVMe-MI 1.2 §4.2.1 (More Processing Required response)',
  doc: 'More Processing Required response: the final response follows within MPRT x 100 ms',
  fields: [
    { name: 'hdr', offset: 0, type: 'struct', struct: miMsgHdr },
    { name: 'status', offset: 4, type: 'u8', doc: 'Response Message Status (01h)' },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 1 },
    { name: 'mprt', offset: 6, type: 'u16', doc: 'More Processing Required Time (100 ms units; 0 = not given)' },
  ],
} as const satisfies StructDef;

export const miAdminReqHdr = {
  name: 'miAdminReqHdr',
  cName: 'nvme_mi_admin_req_hdr',
  size: 68,
  spec: 'NVMe-MI 1.2 §6.1 (NVMe Admin Command request)',
  doc: 'NVMe Admin command tunnelled over NVMe-MI; request data (host to controller) follows',
  fields: [
    { name: 'hdr', offset: 0, type: 'struct', struct: miMsgHdr },
    { name: 'opcode', offset: 4, type: 'u8', doc: 'Admin opcode' },
    {
      name: 'flags',
      offset: 5,
      type: 'bits',
      bytes: 1,
      doc: 'Command Flags',
      bits: [
        { name: 'dlenValid', lsb: 0, width: 1, doc: 'Data Length field valid' },
        { name: 'doffValid', lsb: 1, width: 1, doc: 'Data Offset field valid' },
      ],
    },
    { name: 'ctrlId', offset: 6, type: 'u16', doc: 'Controller ID' },
    { name: 'cdw1', offset: 8, type: 'u32', doc: 'Submission Queue Entry DW1 (NSID)' },
    { name: 'cdw2', offset: 12, type: 'u32' },
    { name: 'cdw3', offset: 16, type: 'u32' },
    { name: 'cdw4', offset: 20, type: 'u32' },
    { name: 'cdw5', offset: 24, type: 'u32' },
    { name: 'doff', offset: 28, type: 'u32', unit: 'bytes', doc: 'Data Offset into the response data' },
    { name: 'dlen', offset: 32, type: 'u32', unit: 'bytes', doc: 'Data Length (at most 4096)' },
    { name: 'rsvd36', offset: 36, type: 'reserved', size: 8 },
    { name: 'cdw10', offset: 44, type: 'u32' },
    { name: 'cdw11', offset: 48, type: 'u32' },
    { name: 'cdw12', offset: 52, type: 'u32' },
    { name: 'cdw13', offset: 56, type: 'u32' },
    { name: 'cdw14', offset: 60, type: 'u32' },
    { name: 'cdw15', offset: 64, type: 'u32' },
  ],
} as const satisfies StructDef;

export const miAdminRespHdr = {
  name: 'miAdminRespHdr',
  cName: 'nvme_mi_admin_resp_hdr',
  size: 20,
  spec: 'NVMe-MI 1.2 §6.2 (NVMe Admin Command response)',
  doc: 'NVMe Admin command response over NVMe-MI: MI status and completion queue entry dwords; data follows',
  fields: [
    { name: 'hdr', offset: 0, type: 'struct', struct: miMsgHdr },
    { name: 'status', offset: 4, type: 'u8', doc: 'Response Message Status (NVMe-MI)' },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 3 },
    { name: 'cdw0', offset: 8, type: 'u32', doc: 'Completion Queue Entry DW0' },
    { name: 'cdw1', offset: 12, type: 'u32', doc: 'Completion Queue Entry DW1' },
    { name: 'cdw3', offset: 16, type: 'u32', doc: 'Completion Queue Entry DW3 (status in bits 31:17)' },
  ],
} as const satisfies StructDef;

export const miReadNvmSsInfo = {
  name: 'miReadNvmSsInfo',
  cName: 'nvme_mi_read_nvm_ss_info',
  size: 32,
  spec: 'NVMe-MI 1.2 §5.7.1 (NVM Subsystem Information, DTYP 00h)',
  doc: 'NVM Subsystem Information',
  fields: [
    { name: 'nump', offset: 0, type: 'u8', doc: 'Number of Ports (0-based)' },
    { name: 'mjr', offset: 1, type: 'u8', doc: 'NVMe-MI Major Version Number' },
    { name: 'mnr', offset: 2, type: 'u8', doc: 'NVMe-MI Minor Version Number' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 29 },
  ],
} as const satisfies StructDef;

export const miReadPortInfo = {
  name: 'miReadPortInfo',
  cName: 'nvme_mi_read_port_info',
  size: 32,
  spec: 'NVMe-MI 1.2 §5.7.2 (Port Information, DTYP 01h)',
  doc: 'Port Information; `portData` is a miPortPcie (portt 1) or miPortSmb (portt 2)',
  fields: [
    { name: 'portt', offset: 0, type: 'u8', enum: { 0: 'inactive', 1: 'pcie', 2: 'smbus' }, doc: 'Port Type' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 1 },
    { name: 'mmctptus', offset: 2, type: 'u16', unit: 'bytes', doc: 'Maximum MCTP Transmission Unit Size' },
    { name: 'meb', offset: 4, type: 'u32', doc: 'Management Endpoint Buffer Size (bytes)' },
    { name: 'portData', offset: 8, type: 'bytes', size: 24, doc: 'Port type specific data' },
  ],
} as const satisfies StructDef;

export const miPortPcie = {
  name: 'miPortPcie',
  cName: 'nvme_mi_port_pcie',
  size: 24,
  spec: 'NVMe-MI 1.2 §5.7.2 (PCIe Port Specific Data)',
  doc: 'PCIe port data of Port Information (bytes 8-31)',
  fields: [
    { name: 'mps', offset: 0, type: 'u8', doc: 'PCIe Maximum Payload Size (128 << n bytes)' },
    { name: 'sls', offset: 1, type: 'u8', doc: 'PCIe Supported Link Speeds (bit n-1 = Gen n)' },
    { name: 'cls', offset: 2, type: 'u8', doc: 'PCIe Current Link Speed' },
    { name: 'mlw', offset: 3, type: 'u8', doc: 'PCIe Maximum Link Width' },
    { name: 'nlw', offset: 4, type: 'u8', doc: 'PCIe Negotiated Link Width' },
    { name: 'pn', offset: 5, type: 'u8', doc: 'PCIe Port Number' },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 18 },
  ],
} as const satisfies StructDef;

export const miPortSmb = {
  name: 'miPortSmb',
  cName: 'nvme_mi_port_smb',
  size: 24,
  spec: 'NVMe-MI 1.2 §5.7.2 (SMBus/I2C Port Specific Data)',
  doc: 'SMBus/I2C port data of Port Information (bytes 8-31)',
  fields: [
    { name: 'vpdAddr', offset: 0, type: 'u8', doc: 'Current VPD SMBus/I2C Address' },
    { name: 'mvpdFreq', offset: 1, type: 'u8', doc: 'Maximum VPD Access SMBus/I2C Frequency' },
    { name: 'mmeAddr', offset: 2, type: 'u8', doc: 'Current Management Endpoint SMBus/I2C Address' },
    { name: 'mmeFreq', offset: 3, type: 'u8', doc: 'Maximum Management Endpoint SMBus/I2C Frequency' },
    { name: 'nvmebm', offset: 4, type: 'u8', doc: 'NVMe Basic Management' },
    { name: 'rsvd5', offset: 5, type: 'reserved', size: 19 },
  ],
} as const satisfies StructDef;

export const miReadCtrlInfo = {
  name: 'miReadCtrlInfo',
  cName: 'nvme_mi_read_ctrl_info',
  size: 32,
  spec: 'NVMe-MI 1.2 §5.7.4 (Controller Information, DTYP 03h)',
  doc: 'Controller Information',
  fields: [
    { name: 'portid', offset: 0, type: 'u8', doc: 'Port Identifier' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 4 },
    { name: 'prii', offset: 5, type: 'bits', bytes: 1, bits: [{ name: 'pcieriv', lsb: 0, width: 1, doc: 'PCIe Routing ID Valid' }], doc: 'PCIe Routing ID Information' },
    { name: 'pri', offset: 6, type: 'u16', doc: 'PCIe Routing ID' },
    { name: 'vid', offset: 8, type: 'u16', doc: 'PCI Vendor ID' },
    { name: 'did', offset: 10, type: 'u16', doc: 'PCI Device ID' },
    { name: 'ssvid', offset: 12, type: 'u16', doc: 'PCI Subsystem Vendor ID' },
    { name: 'ssid', offset: 14, type: 'u16', doc: 'PCI Subsystem Device ID' },
    { name: 'rsvd16', offset: 16, type: 'reserved', size: 16 },
  ],
} as const satisfies StructDef;

export const miNvmSsHealthStatus = {
  name: 'miNvmSsHealthStatus',
  cName: 'nvme_mi_nvm_ss_health_status',
  size: 8,
  spec: 'NVMe-MI 1.2 §5.6 (NVM Subsystem Health Data Structure)',
  doc: 'NVM Subsystem Health Status Poll response data',
  fields: [
    {
      name: 'nss',
      offset: 0,
      type: 'bits',
      bytes: 1,
      doc: 'NVM Subsystem Status',
      bits: [
        // NVMe-MI 1.2 Figure 108 (bit 5 Drive Functional agrees with OpenBMC's NVME_MI_NSS_DRIVE_FAULT).
        { name: 'p1la', lsb: 2, width: 1, doc: 'Port 1 PCIe Link Active' },
        { name: 'p0la', lsb: 3, width: 1, doc: 'Port 0 PCIe Link Active' },
        { name: 'rnr', lsb: 4, width: 1, doc: 'Reset Not Required' },
        { name: 'df', lsb: 5, width: 1, doc: 'Drive Functional' },
        { name: 'sfm', lsb: 6, width: 1, doc: 'Shared Functional Mode (NVMe-MI 2.0)' },
        { name: 'atf', lsb: 7, width: 1, doc: 'All Thermal Failures (NVMe-MI 2.0)' },
      ],
    },
    { name: 'sw', offset: 1, type: 'u8', doc: 'SMART Warnings' },
    { name: 'ctemp', offset: 2, type: 'u8', doc: 'Composite Temperature (°C, two\'s complement; 80h = no data)' },
    { name: 'pdlu', offset: 3, type: 'u8', unit: 'percent', doc: 'Percentage Drive Life Used' },
    {
      name: 'ccs',
      offset: 4,
      type: 'bits',
      bytes: 2,
      doc: 'Composite Controller Status',
      bits: [
        { name: 'rdy', lsb: 0, width: 1, doc: 'Ready' },
        { name: 'cfs', lsb: 1, width: 1, doc: 'Controller Fatal Status' },
        { name: 'shst', lsb: 2, width: 1, doc: 'Shutdown Status' },
        { name: 'nssro', lsb: 4, width: 1, doc: 'NVM Subsystem Reset Occurred' },
        { name: 'ceco', lsb: 5, width: 1, doc: 'Controller Enable Change Occurred' },
        { name: 'nac', lsb: 6, width: 1, doc: 'Namespace Attribute Changed' },
        { name: 'fa', lsb: 7, width: 1, doc: 'Firmware Activated' },
        { name: 'csts', lsb: 8, width: 1, doc: 'Controller Status Change' },
        { name: 'ctemp', lsb: 9, width: 1, doc: 'Composite Temperature Change' },
        { name: 'pdlu', lsb: 10, width: 1, doc: 'Percentage Used' },
        { name: 'spare', lsb: 11, width: 1, doc: 'Available Spare' },
        { name: 'ccwarn', lsb: 12, width: 1, doc: 'Critical Warning' },
      ],
    },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 2 },
  ],
} as const satisfies StructDef;

/** NVMe-MI message types (NMIMT; libnvme `enum nvme_mi_message_type`). */
export const miMessageTypes = [
  { value: 0x0, name: 'control', cName: 'NVME_MI_MT_CONTROL', doc: 'Control Primitive' },
  { value: 0x1, name: 'mi', cName: 'NVME_MI_MT_MI', doc: 'NVMe-MI Command' },
  { value: 0x2, name: 'admin', cName: 'NVME_MI_MT_ADMIN', doc: 'NVMe Admin Command' },
  { value: 0x4, name: 'pcie', cName: 'NVME_MI_MT_PCIE', doc: 'PCIe Command' },
  { value: 0x5, name: 'ae', cName: 'NVME_MI_MT_AE', doc: 'Asynchronous Event' },
] as const satisfies readonly NvmeValueRow[];

/** NVMe-MI command opcodes (libnvme `enum nvme_mi_mi_opcode`). */
export const miOpcodes = [
  { value: 0x00, name: 'miDataRead', cName: 'nvme_mi_mi_opcode_mi_data_read', doc: 'Read NVMe-MI Data Structure' },
  { value: 0x01, name: 'subsysHealthStatusPoll', cName: 'nvme_mi_mi_opcode_subsys_health_status_poll', doc: 'NVM Subsystem Health Status Poll' },
  { value: 0x02, name: 'ctrlHealthStatusPoll', cName: 'nvme_mi_mi_opcode_controller_health_status_poll', doc: 'Controller Health Status Poll' },
  { value: 0x03, name: 'configSet', cName: 'nvme_mi_mi_opcode_configuration_set', doc: 'Configuration Set' },
  { value: 0x04, name: 'configGet', cName: 'nvme_mi_mi_opcode_configuration_get', doc: 'Configuration Get' },
] as const satisfies readonly NvmeValueRow[];

/** Read NVMe-MI Data Structure types (DTYP; libnvme `enum nvme_mi_dtyp`). */
export const miDataTypes = [
  { value: 0x00, name: 'subsysInfo', cName: 'nvme_mi_dtyp_subsys_info', doc: 'NVM Subsystem Information' },
  { value: 0x01, name: 'portInfo', cName: 'nvme_mi_dtyp_port_info', doc: 'Port Information' },
  { value: 0x02, name: 'ctrlList', cName: 'nvme_mi_dtyp_ctrl_list', doc: 'Controller List' },
  { value: 0x03, name: 'ctrlInfo', cName: 'nvme_mi_dtyp_ctrl_info', doc: 'Controller Information' },
  { value: 0x04, name: 'optCmdSupport', cName: 'nvme_mi_dtyp_opt_cmd_support', doc: 'Optionally Supported Command List' },
  { value: 0x05, name: 'mebSupport', cName: 'nvme_mi_dtyp_meb_support', doc: 'Management Endpoint Buffer Command Support List' },
] as const satisfies readonly NvmeValueRow[];

/** Configuration identifiers (libnvme `enum nvme_mi_config_id`). */
export const miConfigIds = [
  { value: 0x01, name: 'smbusFreq', cName: 'NVME_MI_CONFIG_SMBUS_FREQ', doc: 'SMBus/I2C Frequency' },
  { value: 0x02, name: 'healthStatusChange', cName: 'NVME_MI_CONFIG_HEALTH_STATUS_CHANGE', doc: 'Health Status Change' },
  { value: 0x03, name: 'mctpMtu', cName: 'NVME_MI_CONFIG_MCTP_MTU', doc: 'MCTP Transmission Unit Size' },
  { value: 0x04, name: 'ae', cName: 'NVME_MI_CONFIG_AE', doc: 'Asynchronous Event' },
] as const satisfies readonly NvmeValueRow[];

/** One NVMe-MI Response Message Status value. */
export interface NvmeMiStatusRow {
  readonly value: number;
  readonly name: string;
  readonly cName: string;
  readonly description: string;
}

/** Response Message Status (NVMe-MI 1.2 §4.1.2; libnvme `enum nvme_mi_resp_status`). */
export const miStatus = [
  { value: 0x00, name: 'success', cName: 'NVME_MI_RESP_SUCCESS', description: 'The command completed successfully' },
  { value: 0x01, name: 'mpr', cName: 'NVME_MI_RESP_MPR', description: 'More Processing Required: the final response follows later' },
  { value: 0x02, name: 'internalErr', cName: 'NVME_MI_RESP_INTERNAL_ERR', description: 'The request could not be processed because of a vendor-specific error' },
  { value: 0x03, name: 'invalidOpcode', cName: 'NVME_MI_RESP_INVALID_OPCODE', description: 'The opcode is not valid' },
  { value: 0x04, name: 'invalidParam', cName: 'NVME_MI_RESP_INVALID_PARAM', description: 'A request parameter is invalid' },
  { value: 0x05, name: 'invalidCmdSize', cName: 'NVME_MI_RESP_INVALID_CMD_SIZE', description: 'The request message body has the wrong size' },
  { value: 0x06, name: 'invalidInputSize', cName: 'NVME_MI_RESP_INVALID_INPUT_SIZE', description: 'The request carries too much or too little data' },
  { value: 0x07, name: 'accessDenied', cName: 'NVME_MI_RESP_ACCESS_DENIED', description: 'Processing is prohibited (e.g. Command and Feature Lockdown)' },
  { value: 0x20, name: 'vpdUpdatesExceeded', cName: 'NVME_MI_RESP_VPD_UPDATES_EXCEEDED', description: 'The VPD update limit was exceeded' },
  { value: 0x21, name: 'pcieInaccessible', cName: 'NVME_MI_RESP_PCIE_INACCESSIBLE', description: 'PCIe functionality is not available at this time' },
  { value: 0x22, name: 'mebSanitized', cName: 'NVME_MI_RESP_MEB_SANITIZED', description: 'The Management Endpoint Buffer was cleared by a sanitize' },
  { value: 0x23, name: 'encServFailure', cName: 'NVME_MI_RESP_ENC_SERV_FAILURE', description: 'Enclosure services failed' },
  { value: 0x24, name: 'encServXferFailure', cName: 'NVME_MI_RESP_ENC_SERV_XFER_FAILURE', description: 'Communication with the enclosure services process failed' },
  { value: 0x25, name: 'encFailure', cName: 'NVME_MI_RESP_ENC_FAILURE', description: 'An unrecoverable enclosure failure was detected' },
  { value: 0x26, name: 'encXferRefused', cName: 'NVME_MI_RESP_ENC_XFER_REFUSED', description: 'The enclosure services transfer was refused' },
  { value: 0x27, name: 'encFuncUnsup', cName: 'NVME_MI_RESP_ENC_FUNC_UNSUP', description: 'The enclosure function is not supported' },
  { value: 0x28, name: 'encServUnavail', cName: 'NVME_MI_RESP_ENC_SERV_UNAVAIL', description: 'Enclosure services are unavailable for now' },
  { value: 0x29, name: 'encDegraded', cName: 'NVME_MI_RESP_ENC_DEGRADED', description: 'The enclosure is degraded' },
  { value: 0x2a, name: 'sanitizeInProgress', cName: 'NVME_MI_RESP_SANITIZE_IN_PROGRESS', description: 'The command is prohibited while a sanitize operation runs' },
] as const satisfies readonly NvmeMiStatusRow[];
