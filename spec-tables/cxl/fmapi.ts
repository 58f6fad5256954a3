/**
 * CXL Fabric Manager API command sets 51h-56h (CXL r3.1 §7.6.7): Physical Switch (51h), Virtual
 * Switch (52h), MLD Port (53h), MLD Component (54h), Multi-Headed Device (55h) and DCD Management
 * (56h; 5606h-5608h are CXL r3.2 additions). One `commands` row per libcxlmi `cxlmi_cmd_fmapi_*`
 * function; struct and field names follow libcxlmi (`struct cxlmi_cmd_fmapi_*`), camelCased.
 *
 * Where libcxlmi's structs disagree with the specification the tables follow the specification
 * (each place is marked "libcxlmi defect" below). Variable-length payloads take their length from
 * their own count fields, never from a C maximum.
 *
 * Nested variable-length data the table format cannot express (a variable list inside a variable
 * list, or fixed fields after a variable list) is described on the command row and decoded by the
 * protocol layer from the element tables exported here:
 * - Get Virtual CXL Switch Info (5200h): see `fmapiGetVcsInfoRsp`.
 * - Get Host DC Region Configuration (5601h): see `fmapiGetHostDcRegionConfigRsp`.
 */
import type { CxlCommandDef, StructDef } from '../schema.js';
import { memdevGetDcConfigRspTrailer } from './memdev.js';

// --- constants ------------------------------------------------------------------------------------

/**
 * MCTP message type that carries FM-API commands (DSP0234 / CXL r3.1 §7.6.3): 07h. Command sets
 * 51h-56h travel as FM-API messages (type 07h); every other command set as CCI messages (type 08h).
 * libcxlmi routed 52h to type 08h until its PR #53; this project routes all of 51h-56h to 07h.
 */
export const fmapiMctpMessageType = 0x07;

/** FM-API command sets (CXL r3.1 §7.6.7, §8.2.9 command opcode table), by opcode high byte. */
export const fmapiCommandSets = {
  81: 'physicalSwitch',
  82: 'virtualSwitch',
  83: 'mldPort',
  84: 'mldComponent',
  85: 'multiHeadedDevice',
  86: 'dcdManagement',
} as const;

/** Current Port Configuration State, bits 3:0 (CXL r3.1 §7.6.7.1.2 Table 7-19). */
export const portConfigState = {
  0: 'disabled',
  1: 'bindInProgress',
  2: 'unbindInProgress',
  3: 'dsp',
  4: 'usp',
  5: 'fabricPort',
  15: 'invalidPortId',
} as const;

/** Connected Device Mode (libcxlmi `conn_dev_cxl_ver`; CXL r3.1 §7.6.7.1.2 Table 7-19). */
export const connectedDeviceMode = {
  0: 'notCxlOrDisconnected',
  1: 'rcd',
  2: 'flit68Vh',
  3: 'flit256',
  4: 'latencyOptimizedFlit256',
  5: 'pbr',
} as const;

/** Connected Device Type (CXL r3.1 §7.6.7.1.2 Table 7-19). */
export const connectedDeviceType = {
  0: 'none',
  1: 'pcie',
  2: 'type1',
  3: 'type2OrHbrSwitch',
  4: 'type3Sld',
  5: 'type3Mld',
  6: 'pbrComponent',
} as const;

/** Max / Current Link Speed encoding (PCIe Link Capabilities / Status encoding, bits 5:0). */
export const linkSpeed = { 1: 'gt2p5', 2: 'gt5', 3: 'gt8', 4: 'gt16', 5: 'gt32', 6: 'gt64' } as const;

/** LTSSM State (CXL r3.1 §7.6.7.1.2 Table 7-19). */
export const ltssmState = {
  0: 'detect',
  1: 'polling',
  2: 'configuration',
  3: 'recovery',
  4: 'l0',
  5: 'l0s',
  6: 'l1',
  7: 'l2',
  8: 'disabled',
  9: 'loopback',
  10: 'hotReset',
} as const;

/** Physical Port Control Port Opcode (CXL r3.1 §7.6.7.1.3). */
export const portOpcode = { 0: 'assertPerst', 1: 'deassertPerst', 2: 'resetPpb' } as const;

/** Domain Validation Secret Value State (CXL r3.1 §7.6.7.1.5, §7.6.7.1.7). */
export const secretValueState = { 0: 'notSet', 1: 'set' } as const;

/** VCS State (CXL r3.1 §7.6.7.2.1). */
export const vcsState = { 0: 'disabled', 1: 'enabled', 255: 'invalidVcsId' } as const;

/** vPPB Binding Status (CXL r3.1 §7.6.7.2.1). */
export const vppbBindingStatus = { 0: 'unbound', 1: 'bindOrUnbindInProgress', 2: 'boundPhysicalPort', 3: 'boundLd' } as const;

/** Unbind vPPB option, bits 3:0 (CXL r3.1 §7.6.7.2.3). */
export const unbindOption = { 0: 'waitForLinkDown', 1: 'managedHotRemove', 2: 'surpriseHotRemove' } as const;

/** Get LD Allocations Memory Granularity (CXL r3.1 §7.6.7.4.2). */
export const memoryGranularity = { 0: 'mib256', 1: 'mib512', 2: 'gib1' } as const;

/** Initiate Dynamic Capacity Add Selection Policy, bits 3:0 (CXL r3.1 §7.6.7.6.5). */
export const dcSelectionPolicy = { 0: 'free', 1: 'contiguous', 2: 'prescriptive', 3: 'enableSharedAccess' } as const;

/** Initiate Dynamic Capacity Release Removal Policy, bits 3:0 (CXL r3.1 §7.6.7.6.6). */
export const dcRemovalPolicy = { 0: 'tagBased', 1: 'prescriptive' } as const;

// --- shared bit layouts ---------------------------------------------------------------------------

/** Supported CXL Modes bits (CXL r3.1 §7.6.7.1.2 Table 7-19). */
export const supportedCxlModeBits = [
  { name: 'rcd', lsb: 0, width: 1, doc: 'RCD mode' },
  { name: 'flit68Vh', lsb: 1, width: 1, doc: 'CXL 68B Flit and VH' },
  { name: 'flit256', lsb: 2, width: 1, doc: 'Standard 256B Flit' },
  { name: 'latencyOptimizedFlit256', lsb: 3, width: 1, doc: 'CXL Latency-Optimized 256B Flit' },
  { name: 'pbr', lsb: 4, width: 1, doc: 'PBR capable' },
] as const;

/** Supported Link Speeds Vector bits (PCIe Link Capabilities 2 order, bit 0 = 2.5 GT/s). */
export const linkSpeedBits = [
  { name: 'gt2p5', lsb: 0, width: 1, doc: '2.5 GT/s' },
  { name: 'gt5', lsb: 1, width: 1, doc: '5.0 GT/s' },
  { name: 'gt8', lsb: 2, width: 1, doc: '8.0 GT/s' },
  { name: 'gt16', lsb: 3, width: 1, doc: '16.0 GT/s' },
  { name: 'gt32', lsb: 4, width: 1, doc: '32.0 GT/s' },
  { name: 'gt64', lsb: 5, width: 1, doc: '64.0 GT/s' },
] as const;

/** Link State Flags (CXL r3.1 §7.6.7.1.2 Table 7-19). */
export const linkStateBits = [
  { name: 'laneReversed', lsb: 0, width: 1, doc: 'Lane reversal state: 1 = reversed lane ordering' },
  { name: 'perstAsserted', lsb: 1, width: 1, doc: 'Port PCIe Reset (PERST#) state: 1 = asserted' },
  { name: 'presencePin', lsb: 2, width: 1, doc: 'Port presence pin (PRSNT#) state: 1 = device present' },
  { name: 'powerControl', lsb: 3, width: 1, doc: 'Power control (PWR_CTRL) state: 1 = power off' },
] as const;

/** QoS Telemetry capability / control bits (CXL r3.1 §7.6.7.4.1, §7.6.7.4.4). */
const qosTelemetryBits = [
  { name: 'egressPortCongestion', lsb: 0, width: 1, doc: 'Egress Port Congestion' },
  { name: 'temporaryThroughputReduction', lsb: 1, width: 1, doc: 'Temporary Throughput Reduction' },
] as const;

// --- 51h Physical Switch (CXL r3.1 §7.6.7.1) ------------------------------------------------------

export const fmapiIdentifySwDeviceRsp = {
  name: 'fmapiIdentifySwDeviceRsp',
  cName: 'cxlmi_cmd_fmapi_identify_sw_device_rsp',
  size: 73,
  spec: 'CXL r3.1 §7.6.7.1.1',
  fields: [
    { name: 'ingressPortId', offset: 0, type: 'u8', doc: 'Ingress Port ID: the physical port the request arrived on' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 1 },
    { name: 'numPhysicalPorts', offset: 2, type: 'u8', doc: 'Number of Physical Ports' },
    { name: 'numVcs', offset: 3, type: 'u8', doc: 'Number of Virtual CXL Switches' },
    { name: 'activePortBitmask', offset: 4, type: 'bytes', size: 32, doc: 'Active Port Bitmask: bit n of byte n/8 = port n active' },
    { name: 'activeVcsBitmask', offset: 36, type: 'bytes', size: 32, doc: 'Active VCS Bitmask: bit n of byte n/8 = VCS n active' },
    { name: 'numTotalVppb', offset: 68, type: 'u16', doc: 'Total Number of vPPBs' },
    { name: 'numActiveVppb', offset: 70, type: 'u16', doc: 'Number of Bound vPPBs' },
    { name: 'numHdmDecoderPerUsp', offset: 72, type: 'u8', doc: 'Number of HDM Decoders per USP' },
  ],
} as const satisfies StructDef;

export const fmapiGetPhysPortStateReq = {
  name: 'fmapiGetPhysPortStateReq',
  cName: 'cxlmi_cmd_fmapi_get_phys_port_state_req',
  size: 1,
  spec: 'CXL r3.1 §7.6.7.1.2 Table 7-17',
  fields: [
    { name: 'numPorts', offset: 0, type: 'u8', doc: 'Number of Ports requested' },
    { name: 'ports', offset: 1, type: 'flex', of: 'u8', count: { field: 'numPorts', unit: 'elements' }, doc: 'Port ID list' },
  ],
} as const satisfies StructDef;

export const fmapiPortStateInfoBlock = {
  name: 'fmapiPortStateInfoBlock',
  cName: 'cxlmi_cmd_fmapi_port_state_info_block',
  size: 16,
  spec: 'CXL r3.1 §7.6.7.1.2 Table 7-19',
  doc: 'Port Information Block',
  fields: [
    { name: 'portId', offset: 0, type: 'u8', doc: 'Port ID' },
    {
      name: 'configState',
      offset: 1,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'state', lsb: 0, width: 4, enum: portConfigState, doc: 'Current Port Configuration State' }],
    },
    { name: 'connDevCxlVer', offset: 2, type: 'u8', enum: connectedDeviceMode, doc: 'Connected Device Mode (CXL r3.0: Connected CXL Version)' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
    { name: 'connDevType', offset: 4, type: 'u8', enum: connectedDeviceType, doc: 'Connected Device Type' },
    {
      name: 'portCxlVerBitmask',
      offset: 5,
      type: 'bits',
      bytes: 1,
      doc: 'Supported CXL Modes',
      bits: supportedCxlModeBits,
    },
    { name: 'maxLinkWidth', offset: 6, type: 'u8', unit: 'lanes', doc: 'Maximum Link Width (bits 5:0)' },
    { name: 'negotiatedLinkWidth', offset: 7, type: 'u8', unit: 'lanes', doc: 'Negotiated Link Width (bits 5:0)' },
    { name: 'supportedLinkSpeedsVector', offset: 8, type: 'bits', bytes: 1, bits: linkSpeedBits, doc: 'Supported Link Speeds Vector' },
    { name: 'maxLinkSpeed', offset: 9, type: 'u8', enum: linkSpeed, doc: 'Max Link Speed' },
    { name: 'currentLinkSpeed', offset: 10, type: 'u8', enum: linkSpeed, doc: 'Current Link Speed' },
    { name: 'ltssmState', offset: 11, type: 'u8', enum: ltssmState, doc: 'LTSSM State' },
    { name: 'firstLaneNum', offset: 12, type: 'u8', doc: 'First Negotiated Lane Number' },
    { name: 'linkState', offset: 13, type: 'bits', bytes: 2, bits: linkStateBits, doc: 'Link State Flags' },
    { name: 'supportedLdCount', offset: 15, type: 'u8', doc: 'Supported LD Count (MLD ports)' },
  ],
} as const satisfies StructDef;

export const fmapiGetPhysPortStateRsp = {
  name: 'fmapiGetPhysPortStateRsp',
  cName: 'cxlmi_cmd_fmapi_get_phys_port_state_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.1.2 Table 7-18',
  fields: [
    { name: 'numPorts', offset: 0, type: 'u8', doc: 'Number of Ports returned' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 3 },
    { name: 'ports', offset: 4, type: 'flex', of: fmapiPortStateInfoBlock, count: { field: 'numPorts', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const fmapiPhysPortControlReq = {
  name: 'fmapiPhysPortControlReq',
  cName: 'cxlmi_cmd_fmapi_phys_port_control_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.1.3',
  fields: [
    { name: 'ppbId', offset: 0, type: 'u8', doc: 'PPB ID: physical PPB to control' },
    { name: 'portOpcode', offset: 1, type: 'u8', enum: portOpcode, doc: 'Port Opcode' },
  ],
} as const satisfies StructDef;

export const fmapiSendPpbCxlioConfigRequestReq = {
  name: 'fmapiSendPpbCxlioConfigRequestReq',
  cName: 'cxlmi_cmd_fmapi_send_ppb_cxlio_config_request_req',
  size: 8,
  spec: 'CXL r3.1 §7.6.7.1.4',
  fields: [
    { name: 'ppbId', offset: 0, type: 'u8', doc: 'PPB ID: target PPB physical port' },
    {
      name: 'field1',
      offset: 1,
      type: 'bits',
      bytes: 3,
      doc: 'Configuration request descriptor',
      bits: [
        { name: 'registerNumber', lsb: 0, width: 8, doc: 'Register Number (dword offset bits 7:0)' },
        { name: 'extRegisterNumber', lsb: 8, width: 4, doc: 'Extended Register Number' },
        { name: 'firstDwordBe', lsb: 12, width: 4, doc: 'First Dword Byte Enable' },
        { name: 'write', lsb: 23, width: 1, doc: 'Transaction Type: 0 = read, 1 = write' },
      ],
    },
    { name: 'transactionData', offset: 4, type: 'u32', doc: 'Transaction Data (writes only)' },
  ],
} as const satisfies StructDef;

export const fmapiSendPpbCxlioConfigRequestRsp = {
  name: 'fmapiSendPpbCxlioConfigRequestRsp',
  cName: 'cxlmi_cmd_fmapi_send_ppb_cxlio_config_request_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.1.4',
  fields: [{ name: 'returnData', offset: 0, type: 'u32', doc: 'Return Data (reads only)' }],
} as const satisfies StructDef;

export const fmapiGetDomainValidationSvStateRsp = {
  name: 'fmapiGetDomainValidationSvStateRsp',
  cName: 'cxlmi_cmd_fmapi_get_domain_validation_sv_state_rsp',
  size: 1,
  spec: 'CXL r3.1 §7.6.7.1.5',
  fields: [{ name: 'secretValueState', offset: 0, type: 'u8', enum: secretValueState, doc: 'Secret Value State' }],
} as const satisfies StructDef;

export const fmapiSetDomainValidationSvReq = {
  name: 'fmapiSetDomainValidationSvReq',
  cName: 'cxlmi_cmd_fmapi_set_domain_validation_sv_req',
  size: 16,
  spec: 'CXL r3.1 §7.6.7.1.6',
  fields: [{ name: 'secretValueUuid', offset: 0, type: 'uuid', doc: 'Secret Value UUID' }],
} as const satisfies StructDef;

export const fmapiGetVcsDomainValidationSvStateReq = {
  name: 'fmapiGetVcsDomainValidationSvStateReq',
  cName: 'cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state_req',
  size: 1,
  spec: 'CXL r3.1 §7.6.7.1.7',
  fields: [{ name: 'vcsId', offset: 0, type: 'u8', doc: 'VCS ID' }],
} as const satisfies StructDef;

export const fmapiGetVcsDomainValidationSvStateRsp = {
  name: 'fmapiGetVcsDomainValidationSvStateRsp',
  cName: 'cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state_rsp',
  size: 1,
  spec: 'CXL r3.1 §7.6.7.1.7',
  fields: [{ name: 'secretValueState', offset: 0, type: 'u8', enum: secretValueState, doc: 'Secret Value State' }],
} as const satisfies StructDef;

export const fmapiGetDomainValidationSvReq = {
  name: 'fmapiGetDomainValidationSvReq',
  cName: 'cxlmi_cmd_fmapi_get_domain_validation_sv_req',
  size: 1,
  spec: 'CXL r3.1 §7.6.7.1.8',
  fields: [{ name: 'vcsId', offset: 0, type: 'u8', doc: 'VCS ID' }],
} as const satisfies StructDef;

export const fmapiGetDomainValidationSvRsp = {
  name: 'fmapiGetDomainValidationSvRsp',
  cName: 'cxlmi_cmd_fmapi_get_domain_validation_sv_rsp',
  size: 16,
  spec: 'CXL r3.1 §7.6.7.1.8',
  fields: [{ name: 'secretValueUuid', offset: 0, type: 'uuid', doc: 'Secret Value UUID' }],
} as const satisfies StructDef;

// --- 52h Virtual Switch (CXL r3.1 §7.6.7.2) -------------------------------------------------------

export const fmapiGetVcsInfoReq = {
  name: 'fmapiGetVcsInfoReq',
  cName: 'cxlmi_cmd_fmapi_get_vcs_info_req',
  size: 3,
  spec: 'CXL r3.1 §7.6.7.2.1',
  fields: [
    { name: 'startVppb', offset: 0, type: 'u8', doc: 'Start vPPB: first vPPB reported in each VCS block' },
    { name: 'vppbListLimit', offset: 1, type: 'u8', doc: 'vPPB List Limit: most vPPB entries per VCS block (minimum 1)' },
    { name: 'numVcs', offset: 2, type: 'u8', doc: 'Number of VCSs requested' },
    { name: 'vcsIdList', offset: 3, type: 'flex', of: 'u8', count: { field: 'numVcs', unit: 'elements' }, doc: 'VCS ID list' },
  ],
} as const satisfies StructDef;

/** One vPPB entry of a VCS Information Block (4 bytes). */
export const fmapiVppbInfo = {
  name: 'fmapiVppbInfo',
  cName: 'cxlmi_cmd_fmapi_vppb_info',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.2.1',
  doc: 'vPPB information entry',
  fields: [
    { name: 'bindingStatus', offset: 0, type: 'u8', enum: vppbBindingStatus, doc: 'vPPB Binding Status' },
    { name: 'boundPortId', offset: 1, type: 'u8', doc: 'vPPB Bound Port ID' },
    { name: 'boundLdId', offset: 2, type: 'u8', doc: 'vPPB Bound LD ID (FFh when not bound to an LD)' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
  ],
} as const satisfies StructDef;

/**
 * The fixed 4-byte header of a VCS Information Block. In the payload it is followed by
 * min(vppbListLimit, max(0, numVppbs - startVppb)) `fmapiVppbInfo` entries, where vppbListLimit
 * and startVppb come from the REQUEST (CXL r3.1 §7.6.7.2.1): `numVppbs` is the VCS's total, not
 * the number of entries returned. libcxlmi's `vppbs[]` flexible member is decoded by the protocol
 * layer, not by this table.
 */
export const fmapiVcsInfoBlock = {
  name: 'fmapiVcsInfoBlock',
  cName: 'cxlmi_cmd_fmapi_vcs_info_block',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.2.1',
  doc: 'VCS Information Block header (vPPB entries follow)',
  fields: [
    { name: 'vcsId', offset: 0, type: 'u8', doc: 'Virtual CXL Switch ID' },
    { name: 'vcsState', offset: 1, type: 'u8', enum: vcsState, doc: 'VCS State' },
    { name: 'uspId', offset: 2, type: 'u8', doc: 'USP ID: physical port of the upstream port' },
    { name: 'numVppbs', offset: 3, type: 'u8', doc: 'Number of vPPBs in the VCS (total, not entries returned)' },
  ],
} as const satisfies StructDef;

/**
 * Get Virtual CXL Switch Info response. `vcsInfoList` is the raw byte list of `numVcs` VCS
 * Information Blocks, each = `fmapiVcsInfoBlock` (4 B) + n * `fmapiVppbInfo` (4 B) with
 * n = min(request.vppbListLimit, max(0, block.numVppbs - request.startVppb)); the protocol layer
 * walks it (the table format cannot nest a variable list inside a variable list).
 */
export const fmapiGetVcsInfoRsp = {
  name: 'fmapiGetVcsInfoRsp',
  cName: 'cxlmi_cmd_fmapi_get_vcs_info_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.2.1',
  fields: [
    { name: 'numVcs', offset: 0, type: 'u8', doc: 'Number of VCSs returned' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 3 },
    { name: 'vcsInfoList', offset: 4, type: 'flex', of: 'u8', count: 'rest', doc: 'VCS Information Blocks, undecoded (see fmapiVcsInfoBlock)' },
  ],
} as const satisfies StructDef;

export const fmapiBindVppbReq = {
  name: 'fmapiBindVppbReq',
  cName: 'cxlmi_cmd_fmapi_bind_vppb_req',
  size: 6,
  spec: 'CXL r3.1 §7.6.7.2.2',
  fields: [
    { name: 'vcsId', offset: 0, type: 'u8', doc: 'Virtual CXL Switch ID' },
    { name: 'vppbId', offset: 1, type: 'u8', doc: 'vPPB ID: index of the vPPB within the VCS' },
    { name: 'portId', offset: 2, type: 'u8', doc: 'Physical Port ID' },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
    { name: 'ldId', offset: 4, type: 'u16', doc: 'LD ID when the port is an MLD port; FFFFh otherwise' },
  ],
} as const satisfies StructDef;

export const fmapiUnbindVppbReq = {
  name: 'fmapiUnbindVppbReq',
  cName: 'cxlmi_cmd_fmapi_unbind_vppb_req',
  size: 3,
  spec: 'CXL r3.1 §7.6.7.2.3',
  fields: [
    { name: 'vcsId', offset: 0, type: 'u8', doc: 'Virtual CXL Switch ID' },
    { name: 'vppbId', offset: 1, type: 'u8', doc: 'vPPB ID' },
    {
      name: 'option',
      offset: 2,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'unbindOption', lsb: 0, width: 4, enum: unbindOption, doc: 'Unbind Option' }],
    },
  ],
} as const satisfies StructDef;

// --- 53h MLD Port (CXL r3.1 §7.6.7.3); 5300h Tunnel Management framing lives in tunnel.ts -----------

export const fmapiSendLdCxlioConfigRequestReq = {
  name: 'fmapiSendLdCxlioConfigRequestReq',
  cName: 'cxlmi_cmd_fmapi_send_ld_cxlio_config_request_req',
  size: 12,
  spec: 'CXL r3.1 §7.6.7.3.2',
  fields: [
    { name: 'ppbId', offset: 0, type: 'u8', doc: 'PPB ID: MLD port' },
    {
      name: 'field1',
      offset: 1,
      type: 'bits',
      bytes: 3,
      doc: 'Configuration request descriptor',
      bits: [
        { name: 'registerNumber', lsb: 0, width: 8, doc: 'Register Number' },
        { name: 'extRegisterNumber', lsb: 8, width: 4, doc: 'Extended Register Number' },
        { name: 'firstDwordBe', lsb: 12, width: 4, doc: 'First Dword Byte Enable' },
        { name: 'write', lsb: 23, width: 1, doc: 'Transaction Type: 0 = read, 1 = write' },
      ],
    },
    { name: 'ldId', offset: 4, type: 'u16', doc: 'LD ID of the target LD' },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 2 },
    { name: 'transactionData', offset: 8, type: 'u32', doc: 'Transaction Data (writes only)' },
  ],
} as const satisfies StructDef;

export const fmapiSendLdCxlioConfigRequestRsp = {
  name: 'fmapiSendLdCxlioConfigRequestRsp',
  cName: 'cxlmi_cmd_fmapi_send_ld_cxlio_config_request_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.3.2',
  fields: [{ name: 'returnData', offset: 0, type: 'u32', doc: 'Return Data (reads only)' }],
} as const satisfies StructDef;

/**
 * libcxlmi defect: libcxlmi declares a 15-byte header (`field_1` 2 bytes, `ld_id` at 3,
 * `transaction_len` at 5, `transaction_addr` at 7, data at 15). The specification's header is
 * 16 bytes: a 3-byte descriptor at 1, LD ID at 4, Transaction Length at 6, Transaction Address at
 * 8, data at 10h. Data is present for writes only, so its length is the rest of the payload.
 */
export const fmapiSendLdCxlioMemRequestReq = {
  name: 'fmapiSendLdCxlioMemRequestReq',
  cName: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req',
  size: 16,
  spec: 'CXL r3.1 §7.6.7.3.3',
  fields: [
    { name: 'portId', offset: 0, type: 'u8', doc: 'Port ID: MLD port' },
    {
      name: 'field1',
      offset: 1,
      type: 'bits',
      bytes: 3,
      doc: 'Memory request descriptor',
      bits: [
        { name: 'firstDwordBe', lsb: 12, width: 4, doc: 'First Dword Byte Enable' },
        { name: 'lastDwordBe', lsb: 16, width: 4, doc: 'Last Dword Byte Enable' },
        { name: 'write', lsb: 23, width: 1, doc: 'Transaction Type: 0 = read, 1 = write' },
      ],
    },
    { name: 'ldId', offset: 4, type: 'u16', doc: 'LD ID of the target LD' },
    { name: 'transactionLen', offset: 6, type: 'u16', unit: 'bytes', doc: 'Transaction Length (at most 4 KiB)' },
    { name: 'transactionAddr', offset: 8, type: 'u64', doc: 'Transaction Address (offset into the LD memory space)' },
    { name: 'transactionData', offset: 16, type: 'flex', of: 'u8', count: 'rest', max: 4096, doc: 'Transaction Data (writes only)' },
  ],
} as const satisfies StructDef;

export const fmapiSendLdCxlioMemRequestRsp = {
  name: 'fmapiSendLdCxlioMemRequestRsp',
  cName: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.3.3',
  fields: [
    { name: 'returnSize', offset: 0, type: 'u16', unit: 'bytes', doc: 'Return Size: bytes successfully transferred' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'returnData', offset: 4, type: 'flex', of: 'u8', count: 'rest', max: 4096, doc: 'Return Data (reads only)' },
  ],
} as const satisfies StructDef;

// --- 54h MLD Component (CXL r3.1 §7.6.7.4) --------------------------------------------------------

export const fmapiGetLdInfoRsp = {
  name: 'fmapiGetLdInfoRsp',
  cName: 'cxlmi_cmd_fmapi_get_ld_info_rsp',
  size: 11,
  spec: 'CXL r3.1 §7.6.7.4.1',
  fields: [
    { name: 'memorySize', offset: 0, type: 'u64', unit: 'bytes', doc: 'Memory Size: total device memory capacity' },
    { name: 'ldCount', offset: 8, type: 'u16', doc: 'LD Count: number of logical devices supported' },
    { name: 'qosTelemetryCapability', offset: 10, type: 'bits', bytes: 1, bits: qosTelemetryBits, doc: 'QoS Telemetry Capability (supported)' },
  ],
} as const satisfies StructDef;

export const fmapiGetLdAllocationsReq = {
  name: 'fmapiGetLdAllocationsReq',
  cName: 'cxlmi_cmd_fmapi_get_ld_allocations_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.2',
  fields: [
    { name: 'startLdId', offset: 0, type: 'u8', doc: 'Start LD ID' },
    { name: 'ldAllocationListLimit', offset: 1, type: 'u8', doc: 'LD Allocation List Limit: most entries to return' },
  ],
} as const satisfies StructDef;

export const fmapiLdAllocationsList = {
  name: 'fmapiLdAllocationsList',
  cName: 'cxlmi_cmd_fmapi_ld_allocations_list',
  size: 16,
  spec: 'CXL r3.1 §7.6.7.4.2',
  doc: 'LD Allocation List entry',
  fields: [
    { name: 'range1AllocationMult', offset: 0, type: 'u64', doc: 'Range 1 Allocation Multiplier (units of Memory Granularity)' },
    { name: 'range2AllocationMult', offset: 8, type: 'u64', doc: 'Range 2 Allocation Multiplier (units of Memory Granularity)' },
  ],
} as const satisfies StructDef;

export const fmapiGetLdAllocationsRsp = {
  name: 'fmapiGetLdAllocationsRsp',
  cName: 'cxlmi_cmd_fmapi_get_ld_allocations_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.4.2',
  fields: [
    { name: 'numberLd', offset: 0, type: 'u8', doc: 'Number of LDs enabled in the device' },
    { name: 'memoryGranularity', offset: 1, type: 'u8', enum: memoryGranularity, doc: 'Memory Granularity of the allocation multipliers' },
    { name: 'startLdId', offset: 2, type: 'u8', doc: 'Start LD ID of the list' },
    { name: 'ldAllocationListLen', offset: 3, type: 'u8', doc: 'LD Allocation List Length (entries returned)' },
    { name: 'ldAllocationList', offset: 4, type: 'flex', of: fmapiLdAllocationsList, count: { field: 'ldAllocationListLen', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const fmapiSetLdAllocationsReq = {
  name: 'fmapiSetLdAllocationsReq',
  cName: 'cxlmi_cmd_fmapi_set_ld_allocations_req',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.4.3',
  fields: [
    { name: 'numberLd', offset: 0, type: 'u8', doc: 'Number of LDs in the list' },
    { name: 'startLdId', offset: 1, type: 'u8', doc: 'Start LD ID' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'ldAllocationList', offset: 4, type: 'flex', of: fmapiLdAllocationsList, count: { field: 'numberLd', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const fmapiSetLdAllocationsRsp = {
  name: 'fmapiSetLdAllocationsRsp',
  cName: 'cxlmi_cmd_fmapi_set_ld_allocations_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.4.3',
  doc: 'The allocations in effect after the command (lets the FM detect partial success)',
  fields: [
    { name: 'numberLd', offset: 0, type: 'u8', doc: 'Number of LDs in the list' },
    { name: 'startLdId', offset: 1, type: 'u8', doc: 'Start LD ID' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'ldAllocationList', offset: 4, type: 'flex', of: fmapiLdAllocationsList, count: { field: 'numberLd', unit: 'elements' } },
  ],
} as const satisfies StructDef;

const qosControlFields = [
  { name: 'qosTelemetryControl', offset: 0, type: 'bits', bytes: 1, bits: qosTelemetryBits, doc: 'QoS Telemetry Control (enables)' },
  { name: 'egressModeratePercentage', offset: 1, type: 'u8', unit: 'percent', doc: 'Egress Moderate Percentage' },
  { name: 'egressSeverePercentage', offset: 2, type: 'u8', unit: 'percent', doc: 'Egress Severe Percentage' },
  { name: 'backpressureSampleInterval', offset: 3, type: 'u8', doc: 'Backpressure Sample Interval' },
  { name: 'recmpbasis', offset: 4, type: 'u16', doc: 'ReqCmpBasis: basis for the QoS limit fractions' },
  { name: 'completionCollectionInterval', offset: 6, type: 'u8', doc: 'Completion Collection Interval' },
] as const;

export const fmapiGetQosControlRsp = {
  name: 'fmapiGetQosControlRsp',
  cName: 'cxlmi_cmd_fmapi_get_qos_control_rsp',
  size: 7,
  spec: 'CXL r3.1 §7.6.7.4.4',
  fields: qosControlFields,
} as const satisfies StructDef;

export const fmapiSetQosControlReq = {
  name: 'fmapiSetQosControlReq',
  cName: 'cxlmi_cmd_fmapi_set_qos_control_req',
  size: 7,
  spec: 'CXL r3.1 §7.6.7.4.5',
  fields: qosControlFields,
} as const satisfies StructDef;

export const fmapiSetQosControlRsp = {
  name: 'fmapiSetQosControlRsp',
  cName: 'cxlmi_cmd_fmapi_set_qos_control_rsp',
  size: 7,
  spec: 'CXL r3.1 §7.6.7.4.5',
  fields: qosControlFields,
} as const satisfies StructDef;

export const fmapiGetQosStatusRsp = {
  name: 'fmapiGetQosStatusRsp',
  cName: 'cxlmi_cmd_fmapi_get_qos_status_rsp',
  size: 1,
  spec: 'CXL r3.1 §7.6.7.4.6',
  fields: [{ name: 'backpressureAvgPercentage', offset: 0, type: 'u8', unit: 'percent', doc: 'Backpressure Average Percentage' }],
} as const satisfies StructDef;

/** QoS Allocated BW / BW Limit request: which LDs (CXL r3.1 §7.6.7.4.7, §7.6.7.4.9). */
const qosLdRangeFields = [
  { name: 'numberLd', offset: 0, type: 'u8', doc: 'Number of LDs' },
  { name: 'startLdId', offset: 1, type: 'u8', doc: 'Start LD ID' },
] as const;

const qosFractionList = (name: string, doc: string) =>
  ({
    name,
    offset: 2,
    type: 'flex',
    of: 'u8',
    count: { field: 'numberLd', unit: 'elements' },
    doc: `${doc}, one byte per LD in units of 1/256`,
  }) as const;

export const fmapiGetQosAllocatedBwReq = {
  name: 'fmapiGetQosAllocatedBwReq',
  cName: 'cxlmi_cmd_fmapi_get_qos_allocated_bw_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.7',
  fields: qosLdRangeFields,
} as const satisfies StructDef;

export const fmapiGetQosAllocatedBwRsp = {
  name: 'fmapiGetQosAllocatedBwRsp',
  cName: 'cxlmi_cmd_fmapi_get_qos_allocated_bw_rsp',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.7',
  fields: [...qosLdRangeFields, qosFractionList('qosAllocationFraction', 'QoS Allocation Fraction')],
} as const satisfies StructDef;

export const fmapiSetQosAllocatedBwReq = {
  name: 'fmapiSetQosAllocatedBwReq',
  cName: 'cxlmi_cmd_fmapi_set_qos_allocated_bw_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.8',
  fields: [...qosLdRangeFields, qosFractionList('qosAllocationFraction', 'QoS Allocation Fraction')],
} as const satisfies StructDef;

export const fmapiSetQosAllocatedBwRsp = {
  name: 'fmapiSetQosAllocatedBwRsp',
  cName: 'cxlmi_cmd_fmapi_set_qos_allocated_bw_rsp',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.8',
  fields: [...qosLdRangeFields, qosFractionList('qosAllocationFraction', 'QoS Allocation Fraction')],
} as const satisfies StructDef;

export const fmapiGetQosBwLimitReq = {
  name: 'fmapiGetQosBwLimitReq',
  cName: 'cxlmi_cmd_fmapi_get_qos_bw_limit_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.9',
  fields: qosLdRangeFields,
} as const satisfies StructDef;

export const fmapiGetQosBwLimitRsp = {
  name: 'fmapiGetQosBwLimitRsp',
  cName: 'cxlmi_cmd_fmapi_get_qos_bw_limit_rsp',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.9',
  fields: [...qosLdRangeFields, qosFractionList('qosLimitFraction', 'QoS Limit Fraction')],
} as const satisfies StructDef;

export const fmapiSetQosBwLimitReq = {
  name: 'fmapiSetQosBwLimitReq',
  cName: 'cxlmi_cmd_fmapi_set_qos_bw_limit_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.10',
  fields: [...qosLdRangeFields, qosFractionList('qosLimitFraction', 'QoS Limit Fraction')],
} as const satisfies StructDef;

export const fmapiSetQosBwLimitRsp = {
  name: 'fmapiSetQosBwLimitRsp',
  cName: 'cxlmi_cmd_fmapi_set_qos_bw_limit_rsp',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.4.10',
  fields: [...qosLdRangeFields, qosFractionList('qosLimitFraction', 'QoS Limit Fraction')],
} as const satisfies StructDef;

// --- 55h Multi-Headed Device (CXL r3.1 §7.6.7.5) --------------------------------------------------

export const fmapiGetMultiheadedInfoReq = {
  name: 'fmapiGetMultiheadedInfoReq',
  cName: 'cxlmi_cmd_fmapi_get_multiheaded_info_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.5.1',
  fields: [
    { name: 'startLdId', offset: 0, type: 'u8', doc: 'Start LD ID' },
    { name: 'ldMapListLimit', offset: 1, type: 'u8', doc: 'LD Map List Limit: most LD map entries to return' },
  ],
} as const satisfies StructDef;

export const fmapiGetMultiheadedInfoRsp = {
  name: 'fmapiGetMultiheadedInfoRsp',
  cName: 'cxlmi_cmd_fmapi_get_multiheaded_info_rsp',
  size: 8,
  spec: 'CXL r3.1 §7.6.7.5.1',
  fields: [
    { name: 'numLds', offset: 0, type: 'u8', doc: 'Number of LDs in the device' },
    { name: 'numHeads', offset: 1, type: 'u8', doc: 'Number of Heads' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'startLdId', offset: 4, type: 'u8', doc: 'Start LD ID of the map' },
    { name: 'ldMapLen', offset: 5, type: 'u8', doc: 'LD Map Length (entries returned)' },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 2 },
    { name: 'ldMap', offset: 8, type: 'flex', of: 'u8', count: { field: 'ldMapLen', unit: 'elements' }, doc: 'LD Map: head each LD is mapped to, one byte per LD' },
  ],
} as const satisfies StructDef;

export const fmapiGetHeadInfoReq = {
  name: 'fmapiGetHeadInfoReq',
  cName: 'cxlmi_cmd_fmapi_get_head_info_req',
  size: 2,
  spec: 'CXL r3.1 §7.6.7.5.2',
  fields: [
    { name: 'startHead', offset: 0, type: 'u8', doc: 'Start Head' },
    { name: 'numHeads', offset: 1, type: 'u8', doc: 'Number of Heads requested' },
  ],
} as const satisfies StructDef;

/** Head Information block (9 bytes); libcxlmi names the link fields `field_1`..`field_5`. */
export const fmapiGetHeadInfoBlkfmt = {
  name: 'fmapiGetHeadInfoBlkfmt',
  cName: 'cxlmi_cmd_fmapi_get_head_info_blkfmt',
  size: 9,
  spec: 'CXL r3.1 §7.6.7.5.2',
  doc: 'Head Information block',
  fields: [
    { name: 'portNum', offset: 0, type: 'u8', doc: 'Port Number of the head' },
    { name: 'field1', offset: 1, type: 'bits', bytes: 1, bits: [{ name: 'maxLinkWidth', lsb: 0, width: 6, doc: 'Max Link Width (lanes)' }] },
    { name: 'field2', offset: 2, type: 'bits', bytes: 1, bits: [{ name: 'negotiatedLinkWidth', lsb: 0, width: 6, doc: 'Negotiated Link Width (lanes)' }] },
    { name: 'field3', offset: 3, type: 'bits', bytes: 1, bits: linkSpeedBits, doc: 'Supported Link Speeds Vector' },
    { name: 'field4', offset: 4, type: 'bits', bytes: 1, bits: [{ name: 'maxLinkSpeed', lsb: 0, width: 6, enum: linkSpeed, doc: 'Max Link Speed' }] },
    { name: 'field5', offset: 5, type: 'bits', bytes: 1, bits: [{ name: 'currentLinkSpeed', lsb: 0, width: 6, enum: linkSpeed, doc: 'Current Link Speed' }] },
    { name: 'ltssmState', offset: 6, type: 'u8', enum: ltssmState, doc: 'LTSSM State' },
    { name: 'firstNegotiatedLaneNum', offset: 7, type: 'u8', doc: 'First Negotiated Lane Number' },
    { name: 'linkStateFlags', offset: 8, type: 'bits', bytes: 1, bits: linkStateBits, doc: 'Link State Flags' },
  ],
} as const satisfies StructDef;

export const fmapiGetHeadInfoRsp = {
  name: 'fmapiGetHeadInfoRsp',
  cName: 'cxlmi_cmd_fmapi_get_head_info_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.5.2',
  fields: [
    { name: 'numHeads', offset: 0, type: 'u8', doc: 'Number of Heads returned' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 3 },
    { name: 'headInfoList', offset: 4, type: 'flex', of: fmapiGetHeadInfoBlkfmt, count: { field: 'numHeads', unit: 'elements' } },
  ],
} as const satisfies StructDef;

// --- 56h DCD Management (CXL r3.1 §7.6.7.6) -------------------------------------------------------

const blockSizeMaskDoc = 'Supported Block Size Mask: bit n set = block size 2^n bytes supported (valid for regions < numSupportedDcRegions)';

export const fmapiGetDcdInfoRsp = {
  name: 'fmapiGetDcdInfoRsp',
  cName: 'cxlmi_cmd_fmapi_get_dcd_info_rsp',
  size: 84,
  spec: 'CXL r3.1 §7.6.7.6.1',
  fields: [
    { name: 'numHosts', offset: 0, type: 'u8', doc: 'Number of Hosts' },
    { name: 'numSupportedDcRegions', offset: 1, type: 'u8', doc: 'Number of Supported DC Regions (0-8)' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    {
      name: 'capacitySelectionPolicies',
      offset: 4,
      type: 'bits',
      bytes: 2,
      doc: 'Supported Add Capacity Selection Policies',
      bits: [
        { name: 'free', lsb: 0, width: 1 },
        { name: 'contiguous', lsb: 1, width: 1 },
        { name: 'prescriptive', lsb: 2, width: 1 },
        { name: 'enableSharedAccess', lsb: 3, width: 1 },
      ],
    },
    { name: 'rsvd6', offset: 6, type: 'reserved', size: 2 },
    {
      name: 'capacityRemovalPolicies',
      offset: 8,
      type: 'bits',
      bytes: 2,
      doc: 'Supported Release Capacity Removal Policies',
      bits: [
        { name: 'tagBased', lsb: 0, width: 1 },
        { name: 'prescriptive', lsb: 1, width: 1 },
      ],
    },
    {
      name: 'sanitizeOnReleaseConfigMask',
      offset: 10,
      type: 'bits',
      bytes: 1,
      doc: 'Sanitize on Release Configuration Support Mask: region n can change its Sanitize on Release setting',
      bits: [
        { name: 'region0', lsb: 0, width: 1 },
        { name: 'region1', lsb: 1, width: 1 },
        { name: 'region2', lsb: 2, width: 1 },
        { name: 'region3', lsb: 3, width: 1 },
        { name: 'region4', lsb: 4, width: 1 },
        { name: 'region5', lsb: 5, width: 1 },
        { name: 'region6', lsb: 6, width: 1 },
        { name: 'region7', lsb: 7, width: 1 },
      ],
    },
    { name: 'rsvd11', offset: 11, type: 'reserved', size: 1 },
    { name: 'totalDynamicCapacity', offset: 12, type: 'u64', unit: '256MiB', doc: 'Total Dynamic Capacity' },
    { name: 'region0SupportedBlkSzMask', offset: 20, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region1SupportedBlkSzMask', offset: 28, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region2SupportedBlkSzMask', offset: 36, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region3SupportedBlkSzMask', offset: 44, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region4SupportedBlkSzMask', offset: 52, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region5SupportedBlkSzMask', offset: 60, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region6SupportedBlkSzMask', offset: 68, type: 'u64', doc: blockSizeMaskDoc },
    { name: 'region7SupportedBlkSzMask', offset: 76, type: 'u64', doc: blockSizeMaskDoc },
  ],
} as const satisfies StructDef;

export const fmapiGetHostDcRegionConfigReq = {
  name: 'fmapiGetHostDcRegionConfigReq',
  cName: 'cxlmi_cmd_fmapi_get_host_dc_region_config_req',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.6.2',
  fields: [
    { name: 'hostId', offset: 0, type: 'u16', doc: 'Host ID' },
    { name: 'regionCnt', offset: 2, type: 'u8', doc: 'Region Count: most regions to return' },
    { name: 'startRegionId', offset: 3, type: 'u8', doc: 'Starting Region Index' },
  ],
} as const satisfies StructDef;

/** One DC Region Configuration entry (40 bytes; anonymous struct in libcxlmi). */
export const fmapiDcRegionConfig = {
  name: 'fmapiDcRegionConfig',
  cName: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp.region_configs',
  size: 40,
  spec: 'CXL r3.1 §7.6.7.6.2',
  doc: 'DC Region Configuration',
  fields: [
    { name: 'base', offset: 0, type: 'u64', unit: 'bytes', doc: 'Region Base (DPA)' },
    { name: 'decodeLen', offset: 8, type: 'u64', unit: '256MiB', doc: 'Region Decode Length' },
    { name: 'regionLen', offset: 16, type: 'u64', unit: 'bytes', doc: 'Region Length' },
    { name: 'blockSize', offset: 24, type: 'u64', unit: 'bytes', doc: 'Region Block Size' },
    {
      name: 'flags',
      offset: 32,
      type: 'bits',
      bytes: 1,
      doc: 'Region flags (DSMAS flag layout)',
      bits: [
        { name: 'nonVolatile', lsb: 2, width: 1 },
        { name: 'sharable', lsb: 3, width: 1 },
        { name: 'hwManagedCoherency', lsb: 4, width: 1, doc: 'Hardware Managed Coherency' },
        { name: 'icSpecificDcManagement', lsb: 5, width: 1, doc: 'Interconnect Specific Dynamic Capacity Management' },
        { name: 'readOnly', lsb: 6, width: 1 },
      ],
    },
    { name: 'rsvd33', offset: 33, type: 'reserved', size: 3 },
    { name: 'sanitizeOnRelease', offset: 36, type: 'bits', bytes: 1, bits: [{ name: 'enabled', lsb: 0, width: 1, doc: 'Sanitize on Release' }] },
    { name: 'rsvd37', offset: 37, type: 'reserved', size: 3 },
  ],
} as const satisfies StructDef;

/**
 * Get Host DC Region Configuration response: 4-byte header + `regionsReturned` x 40-byte
 * `fmapiDcRegionConfig`, then the 16 bytes of extent / tag counters at offset
 * 4 + 40 * regionsReturned. libcxlmi defect: its struct fixes `region_configs[8]`, so its trailer
 * fields sit at 324..339 whatever the device returned; the trailer follows the returned regions.
 * The four counters are laid out as in Get DC Configuration (r3.1 Table 8-164), so the memory-device
 * table serves both.
 */
export const fmapiGetHostDcRegionConfigRsp = {
  name: 'fmapiGetHostDcRegionConfigRsp',
  cName: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.6.2',
  fields: [
    { name: 'hostId', offset: 0, type: 'u16', doc: 'Host ID' },
    { name: 'numRegions', offset: 2, type: 'u8', doc: 'Number of Available Regions' },
    { name: 'regionsReturned', offset: 3, type: 'u8', doc: 'Number of Regions Returned' },
    { name: 'regionConfigs', offset: 4, type: 'flex', of: fmapiDcRegionConfig, count: { field: 'regionsReturned', unit: 'elements' }, max: 8 },
    { name: 'trailer', offset: 4, type: 'trailer', struct: memdevGetDcConfigRspTrailer },
  ],
} as const satisfies StructDef;

export const fmapiSetDcRegionConfigReq = {
  name: 'fmapiSetDcRegionConfigReq',
  cName: 'cxlmi_cmd_fmapi_set_dc_region_config_req',
  size: 16,
  spec: 'CXL r3.1 §7.6.7.6.3',
  fields: [
    { name: 'regionId', offset: 0, type: 'u8', doc: 'Region ID' },
    { name: 'rsvd1', offset: 1, type: 'reserved', size: 3 },
    { name: 'blockSz', offset: 4, type: 'u64', unit: 'bytes', doc: 'Block Size (a power of two the region supports)' },
    { name: 'sanitizeOnRelease', offset: 12, type: 'bits', bytes: 1, bits: [{ name: 'enabled', lsb: 0, width: 1, doc: 'Sanitize on Release' }] },
    { name: 'rsvd13', offset: 13, type: 'reserved', size: 3 },
  ],
} as const satisfies StructDef;

export const fmapiGetDcRegionExtListReq = {
  name: 'fmapiGetDcRegionExtListReq',
  cName: 'cxlmi_cmd_fmapi_get_dc_region_ext_list_req',
  size: 12,
  spec: 'CXL r3.1 §7.6.7.6.4',
  fields: [
    { name: 'hostId', offset: 0, type: 'u16', doc: 'Host ID' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'extentCount', offset: 4, type: 'u32', doc: 'Extent Count: most extents to return' },
    { name: 'startExtIndex', offset: 8, type: 'u32', doc: 'Starting Extent Index' },
  ],
} as const satisfies StructDef;

/** Dynamic Capacity Extent (40 bytes; anonymous struct in libcxlmi). */
export const fmapiDcExtent = {
  name: 'fmapiDcExtent',
  cName: 'cxlmi_cmd_fmapi_get_dc_region_ext_list_rsp.extents',
  size: 40,
  spec: 'CXL r3.1 §7.6.7.6.4',
  doc: 'Dynamic Capacity Extent',
  fields: [
    { name: 'startDpa', offset: 0, type: 'u64', unit: 'bytes', doc: 'Starting DPA' },
    { name: 'len', offset: 8, type: 'u64', unit: 'bytes', doc: 'Length' },
    { name: 'tag', offset: 16, type: 'uuid', doc: 'Tag' },
    { name: 'sharedSeq', offset: 32, type: 'u16', doc: 'Shared Extent Sequence' },
    { name: 'rsvd34', offset: 34, type: 'reserved', size: 6 },
  ],
} as const satisfies StructDef;

export const fmapiGetDcRegionExtListRsp = {
  name: 'fmapiGetDcRegionExtListRsp',
  cName: 'cxlmi_cmd_fmapi_get_dc_region_ext_list_rsp',
  size: 24,
  spec: 'CXL r3.1 §7.6.7.6.4',
  fields: [
    { name: 'hostId', offset: 0, type: 'u16', doc: 'Host ID' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'startExtIndex', offset: 4, type: 'u32', doc: 'Starting Extent Index' },
    { name: 'extentsReturned', offset: 8, type: 'u32', doc: 'Number of Extents Returned' },
    { name: 'totalExtents', offset: 12, type: 'u32', doc: 'Total Number of Extents' },
    { name: 'listGenerationNum', offset: 16, type: 'u32', doc: 'Extent List Generation Number' },
    { name: 'rsvd20', offset: 20, type: 'reserved', size: 4 },
    { name: 'extents', offset: 24, type: 'flex', of: fmapiDcExtent, count: { field: 'extentsReturned', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const fmapiInitiateDcAddReq = {
  name: 'fmapiInitiateDcAddReq',
  cName: 'cxlmi_cmd_fmapi_initiate_dc_add_req',
  size: 32,
  spec: 'CXL r3.1 §7.6.7.6.5',
  fields: [
    { name: 'hostId', offset: 0, type: 'u16', doc: 'Host ID' },
    {
      name: 'selectionPolicy',
      offset: 2,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'policy', lsb: 0, width: 4, enum: dcSelectionPolicy, doc: 'Selection Policy' }],
    },
    { name: 'regionNum', offset: 3, type: 'u8', doc: 'Region Number' },
    { name: 'length', offset: 4, type: 'u64', unit: 'bytes', doc: 'Length to add (non-prescriptive policies)' },
    { name: 'tag', offset: 12, type: 'uuid', doc: 'Tag' },
    { name: 'extCount', offset: 28, type: 'u32', doc: 'Extent Count (prescriptive policy)' },
    { name: 'extents', offset: 32, type: 'flex', of: fmapiDcExtent, count: { field: 'extCount', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const fmapiInitiateDcReleaseReq = {
  name: 'fmapiInitiateDcReleaseReq',
  cName: 'cxlmi_cmd_fmapi_initiate_dc_release_req',
  size: 32,
  spec: 'CXL r3.1 §7.6.7.6.6',
  fields: [
    { name: 'hostId', offset: 0, type: 'u16', doc: 'Host ID' },
    {
      name: 'flags',
      offset: 2,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'removalPolicy', lsb: 0, width: 4, enum: dcRemovalPolicy, doc: 'Removal Policy' },
        { name: 'forcedRemoval', lsb: 4, width: 1, doc: 'Forced Removal: release without the host agreeing' },
        { name: 'sanitizeOnRelease', lsb: 5, width: 1, doc: 'Sanitize on Release' },
      ],
    },
    { name: 'rsvd3', offset: 3, type: 'reserved', size: 1 },
    { name: 'length', offset: 4, type: 'u64', unit: 'bytes', doc: 'Length to release (tag-based policy)' },
    { name: 'tag', offset: 12, type: 'uuid', doc: 'Tag' },
    { name: 'extCount', offset: 28, type: 'u32', doc: 'Extent Count (prescriptive policy)' },
    { name: 'extents', offset: 32, type: 'flex', of: fmapiDcExtent, count: { field: 'extCount', unit: 'elements' } },
  ],
} as const satisfies StructDef;

export const fmapiDcAddRefReq = {
  name: 'fmapiDcAddRefReq',
  cName: 'cxlmi_cmd_fmapi_dc_add_ref_req',
  size: 16,
  spec: 'CXL r3.2 §7.6.7.6.7',
  fields: [{ name: 'tag', offset: 0, type: 'uuid', doc: 'Tag of the shared extents' }],
} as const satisfies StructDef;

export const fmapiDcRemoveRefReq = {
  name: 'fmapiDcRemoveRefReq',
  cName: 'cxlmi_cmd_fmapi_dc_remove_ref_req',
  size: 16,
  spec: 'CXL r3.2 §7.6.7.6.8',
  fields: [{ name: 'tag', offset: 0, type: 'uuid', doc: 'Tag of the shared extents' }],
} as const satisfies StructDef;

export const fmapiDcListTagsReq = {
  name: 'fmapiDcListTagsReq',
  cName: 'cxlmi_cmd_fmapi_dc_list_tags_req',
  size: 8,
  spec: 'CXL r3.2 §7.6.7.6.9',
  fields: [
    { name: 'startIdx', offset: 0, type: 'u32', doc: 'Starting Index' },
    { name: 'tagsCount', offset: 4, type: 'u32', doc: 'Maximum number of tags to return' },
  ],
} as const satisfies StructDef;

/** Tag information entry of a DC List Tags response (84 bytes; anonymous struct in libcxlmi). */
export const fmapiDcTagInfo = {
  name: 'fmapiDcTagInfo',
  cName: 'cxlmi_cmd_fmapi_dc_list_tags_rsp.tags_list',
  size: 84,
  spec: 'CXL r3.2 §7.6.7.6.9',
  doc: 'Tag information',
  fields: [
    { name: 'tag', offset: 0, type: 'uuid', doc: 'Tag' },
    { name: 'flags', offset: 16, type: 'u8', doc: 'Flags' },
    { name: 'rsvd17', offset: 17, type: 'reserved', size: 3 },
    { name: 'refBitmap', offset: 20, type: 'bytes', size: 32, doc: 'Reference Bitmap: bit n = host n holds a reference' },
    { name: 'pendingRefBitmap', offset: 52, type: 'bytes', size: 32, doc: 'Pending Reference Bitmap' },
  ],
} as const satisfies StructDef;

export const fmapiDcListTagsRsp = {
  name: 'fmapiDcListTagsRsp',
  cName: 'cxlmi_cmd_fmapi_dc_list_tags_rsp',
  size: 16,
  spec: 'CXL r3.2 §7.6.7.6.9',
  fields: [
    { name: 'generationNum', offset: 0, type: 'u32', doc: 'Tag list Generation Number' },
    { name: 'totalNumTags', offset: 4, type: 'u32', doc: 'Total Number of Tags' },
    { name: 'numTagsReturned', offset: 8, type: 'u32', doc: 'Number of Tags Returned' },
    { name: 'validityBitmap', offset: 12, type: 'u8', doc: 'Validity Bitmap' },
    { name: 'rsvd13', offset: 13, type: 'reserved', size: 3 },
    { name: 'tagsList', offset: 16, type: 'flex', of: fmapiDcTagInfo, count: { field: 'numTagsReturned', unit: 'elements' } },
  ],
} as const satisfies StructDef;

// --- commands -------------------------------------------------------------------------------------

export const commands = [
  {
    name: 'fmapiIdentifySwDevice',
    cName: 'cxlmi_cmd_fmapi_identify_sw_device',
    opcode: 0x5100,
    spec: 'CXL r3.1 §7.6.7.1.1',
    doc: 'Switch port and VCS counts, active port / VCS bitmasks, vPPB counts and HDM decoders per USP',
    response: fmapiIdentifySwDeviceRsp,
  },
  {
    name: 'fmapiGetPhysPortState',
    cName: 'cxlmi_cmd_fmapi_get_phys_port_state',
    opcode: 0x5101,
    spec: 'CXL r3.1 §7.6.7.1.2',
    doc: 'State, connected device, link width/speed and LTSSM state of each requested physical port (16-byte blocks)',
    request: fmapiGetPhysPortStateReq,
    response: fmapiGetPhysPortStateRsp,
  },
  {
    name: 'fmapiPhysPortControl',
    cName: 'cxlmi_cmd_fmapi_phys_port_control',
    opcode: 0x5102,
    spec: 'CXL r3.1 §7.6.7.1.3',
    doc: 'Assert or deassert PERST# on a physical port, or reset its PPB',
    request: fmapiPhysPortControlReq,
  },
  {
    name: 'fmapiSendPpbCxlioConfigRequest',
    cName: 'cxlmi_cmd_fmapi_send_ppb_cxlio_config_request',
    opcode: 0x5103,
    spec: 'CXL r3.1 §7.6.7.1.4',
    doc: 'Read or write one dword of a PPB configuration space; returns the data read',
    request: fmapiSendPpbCxlioConfigRequestReq,
    response: fmapiSendPpbCxlioConfigRequestRsp,
  },
  {
    name: 'fmapiGetDomainValidationSvState',
    cName: 'cxlmi_cmd_fmapi_get_domain_validation_sv_state',
    opcode: 0x5104,
    spec: 'CXL r3.1 §7.6.7.1.5',
    doc: 'Whether the switch domain-validation secret value has been set',
    response: fmapiGetDomainValidationSvStateRsp,
  },
  {
    name: 'fmapiSetDomainValidationSv',
    cName: 'cxlmi_cmd_fmapi_set_domain_validation_sv',
    opcode: 0x5105,
    spec: 'CXL r3.1 §7.6.7.1.6',
    doc: 'Set the domain-validation secret value (a UUID)',
    request: fmapiSetDomainValidationSvReq,
  },
  {
    name: 'fmapiGetVcsDomainValidationSvState',
    cName: 'cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state',
    opcode: 0x5106,
    spec: 'CXL r3.1 §7.6.7.1.7',
    doc: 'Whether the host of one VCS has set its domain-validation secret value',
    request: fmapiGetVcsDomainValidationSvStateReq,
    response: fmapiGetVcsDomainValidationSvStateRsp,
  },
  {
    name: 'fmapiGetDomainValidationSv',
    cName: 'cxlmi_cmd_fmapi_get_domain_validation_sv',
    opcode: 0x5107,
    spec: 'CXL r3.1 §7.6.7.1.8',
    doc: 'The domain-validation secret value (UUID) set for one VCS',
    request: fmapiGetDomainValidationSvReq,
    response: fmapiGetDomainValidationSvRsp,
  },
  {
    name: 'fmapiGetVcsInfo',
    cName: 'cxlmi_cmd_fmapi_get_vcs_info',
    opcode: 0x5200,
    spec: 'CXL r3.1 §7.6.7.2.1',
    doc: 'VCS state, USP and vPPB bindings per VCS; vcsInfoList = numVcs x (4-byte VCS header + min(vppbListLimit, numVppbs - startVppb) x 4-byte vPPB entries), decoded by the protocol layer',
    request: fmapiGetVcsInfoReq,
    response: fmapiGetVcsInfoRsp,
  },
  {
    name: 'fmapiBindVppb',
    cName: 'cxlmi_cmd_fmapi_bind_vppb',
    opcode: 0x5201,
    spec: 'CXL r3.1 §7.6.7.2.2',
    doc: 'Bind a vPPB of a VCS to a physical port or to an LD of an MLD port',
    request: fmapiBindVppbReq,
    background: true,
  },
  {
    name: 'fmapiUnbindVppb',
    cName: 'cxlmi_cmd_fmapi_unbind_vppb',
    opcode: 0x5202,
    spec: 'CXL r3.1 §7.6.7.2.3',
    doc: 'Unbind a vPPB (wait for link down, managed or surprise hot-remove)',
    request: fmapiUnbindVppbReq,
    background: true,
  },
  {
    name: 'fmapiSendLdCxlioConfigRequest',
    cName: 'cxlmi_cmd_fmapi_send_ld_cxlio_config_request',
    opcode: 0x5301,
    spec: 'CXL r3.1 §7.6.7.3.2',
    doc: 'Read or write one dword of an MLD logical device configuration space; returns the data read',
    request: fmapiSendLdCxlioConfigRequestReq,
    response: fmapiSendLdCxlioConfigRequestRsp,
  },
  {
    name: 'fmapiSendLdCxlioMemRequest',
    cName: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request',
    opcode: 0x5302,
    spec: 'CXL r3.1 §7.6.7.3.3',
    doc: 'Read or write up to 4 KiB of an MLD logical device memory space (16-byte header; libcxlmi sends 15)',
    request: fmapiSendLdCxlioMemRequestReq,
    response: fmapiSendLdCxlioMemRequestRsp,
  },
  {
    name: 'fmapiGetLdInfo',
    cName: 'cxlmi_cmd_fmapi_get_ld_info',
    opcode: 0x5400,
    spec: 'CXL r3.1 §7.6.7.4.1',
    doc: 'MLD memory size, number of LDs and QoS telemetry capabilities',
    response: fmapiGetLdInfoRsp,
  },
  {
    name: 'fmapiGetLdAllocations',
    cName: 'cxlmi_cmd_fmapi_get_ld_allocations',
    opcode: 0x5401,
    spec: 'CXL r3.1 §7.6.7.4.2',
    doc: 'Memory granularity and per-LD range 1 / range 2 allocation multipliers',
    request: fmapiGetLdAllocationsReq,
    response: fmapiGetLdAllocationsRsp,
  },
  {
    name: 'fmapiSetLdAllocations',
    cName: 'cxlmi_cmd_fmapi_set_ld_allocations',
    opcode: 0x5402,
    spec: 'CXL r3.1 §7.6.7.4.3',
    doc: 'Set per-LD memory allocations; returns the allocations in effect afterwards',
    request: fmapiSetLdAllocationsReq,
    response: fmapiSetLdAllocationsRsp,
    destructive: true,
  },
  {
    name: 'fmapiGetQosControl',
    cName: 'cxlmi_cmd_fmapi_get_qos_control',
    opcode: 0x5403,
    spec: 'CXL r3.1 §7.6.7.4.4',
    doc: 'MLD QoS telemetry enables, egress thresholds and sampling intervals',
    response: fmapiGetQosControlRsp,
  },
  {
    name: 'fmapiSetQosControl',
    cName: 'cxlmi_cmd_fmapi_set_qos_control',
    opcode: 0x5404,
    spec: 'CXL r3.1 §7.6.7.4.5',
    doc: 'Set MLD QoS telemetry control; returns the values in effect',
    request: fmapiSetQosControlReq,
    response: fmapiSetQosControlRsp,
  },
  {
    name: 'fmapiGetQosStatus',
    cName: 'cxlmi_cmd_fmapi_get_qos_status',
    opcode: 0x5405,
    spec: 'CXL r3.1 §7.6.7.4.6',
    doc: 'Average egress backpressure percentage of the MLD',
    response: fmapiGetQosStatusRsp,
  },
  {
    name: 'fmapiGetQosAllocatedBw',
    cName: 'cxlmi_cmd_fmapi_get_qos_allocated_bw',
    opcode: 0x5406,
    spec: 'CXL r3.1 §7.6.7.4.7',
    doc: 'Allocated bandwidth fraction (1/256 units) of each requested LD',
    request: fmapiGetQosAllocatedBwReq,
    response: fmapiGetQosAllocatedBwRsp,
  },
  {
    name: 'fmapiSetQosAllocatedBw',
    cName: 'cxlmi_cmd_fmapi_set_qos_allocated_bw',
    opcode: 0x5407,
    spec: 'CXL r3.1 §7.6.7.4.8',
    doc: 'Set the allocated bandwidth fraction of LDs; returns the values in effect',
    request: fmapiSetQosAllocatedBwReq,
    response: fmapiSetQosAllocatedBwRsp,
  },
  {
    name: 'fmapiGetQosBwLimit',
    cName: 'cxlmi_cmd_fmapi_get_qos_bw_limit',
    opcode: 0x5408,
    spec: 'CXL r3.1 §7.6.7.4.9',
    doc: 'Bandwidth limit fraction (1/256 units) of each requested LD',
    request: fmapiGetQosBwLimitReq,
    response: fmapiGetQosBwLimitRsp,
  },
  {
    name: 'fmapiSetQosBwLimit',
    cName: 'cxlmi_cmd_fmapi_set_qos_bw_limit',
    opcode: 0x5409,
    spec: 'CXL r3.1 §7.6.7.4.10',
    doc: 'Set the bandwidth limit fraction of LDs; returns the values in effect',
    request: fmapiSetQosBwLimitReq,
    response: fmapiSetQosBwLimitRsp,
  },
  {
    name: 'fmapiGetMultiheadedInfo',
    cName: 'cxlmi_cmd_fmapi_get_multiheaded_info',
    opcode: 0x5500,
    spec: 'CXL r3.1 §7.6.7.5.1',
    doc: 'Number of LDs and heads of a multi-headed device, and the head each LD maps to',
    request: fmapiGetMultiheadedInfoReq,
    response: fmapiGetMultiheadedInfoRsp,
  },
  {
    name: 'fmapiGetHeadInfo',
    cName: 'cxlmi_cmd_fmapi_get_head_info',
    opcode: 0x5501,
    spec: 'CXL r3.1 §7.6.7.5.2',
    doc: 'Port number, link width/speed and LTSSM state of each requested head (9-byte blocks)',
    request: fmapiGetHeadInfoReq,
    response: fmapiGetHeadInfoRsp,
  },
  {
    name: 'fmapiGetDcdInfo',
    cName: 'cxlmi_cmd_fmapi_get_dcd_info',
    opcode: 0x5600,
    spec: 'CXL r3.1 §7.6.7.6.1',
    doc: 'Hosts, DC regions, supported add/release policies, total dynamic capacity (256 MiB units) and block sizes',
    response: fmapiGetDcdInfoRsp,
  },
  {
    name: 'fmapiGetDcRegConfig',
    cName: 'cxlmi_cmd_fmapi_get_dc_reg_config',
    opcode: 0x5601,
    spec: 'CXL r3.1 §7.6.7.6.2',
    doc: "A host's DC region configurations; 4-byte header, regionsReturned x 40-byte regions, then the extent / tag counters",
    request: fmapiGetHostDcRegionConfigReq,
    response: fmapiGetHostDcRegionConfigRsp,
  },
  {
    name: 'fmapiSetDcRegionConfig',
    cName: 'cxlmi_cmd_fmapi_set_dc_region_config',
    opcode: 0x5602,
    spec: 'CXL r3.1 §7.6.7.6.3',
    doc: 'Set the block size and sanitize-on-release setting of a DC region that holds no extents',
    request: fmapiSetDcRegionConfigReq,
  },
  {
    name: 'fmapiGetDcRegionExtList',
    cName: 'cxlmi_cmd_fmapi_get_dc_region_ext_list',
    opcode: 0x5603,
    spec: 'CXL r3.1 §7.6.7.6.4',
    doc: "A host's dynamic capacity extents (40-byte entries) with total count and list generation number",
    request: fmapiGetDcRegionExtListReq,
    response: fmapiGetDcRegionExtListRsp,
  },
  {
    name: 'fmapiInitiateDcAdd',
    cName: 'cxlmi_cmd_fmapi_initiate_dc_add',
    opcode: 0x5604,
    spec: 'CXL r3.1 §7.6.7.6.5',
    doc: 'Offer dynamic capacity to a host by policy (free, contiguous, prescriptive extent list, shared)',
    request: fmapiInitiateDcAddReq,
  },
  {
    name: 'fmapiInitiateDcRelease',
    cName: 'cxlmi_cmd_fmapi_initiate_dc_release',
    opcode: 0x5605,
    spec: 'CXL r3.1 §7.6.7.6.6',
    doc: 'Ask a host to release dynamic capacity (tag-based or prescriptive; forced removal and sanitize optional)',
    request: fmapiInitiateDcReleaseReq,
    destructive: true,
  },
  {
    name: 'fmapiDcAddReference',
    cName: 'cxlmi_cmd_fmapi_dc_add_reference',
    opcode: 0x5606,
    spec: 'CXL r3.2 §7.6.7.6.7',
    doc: 'Add an FM reference to the shared extents with a tag, keeping them allocated',
    request: fmapiDcAddRefReq,
  },
  {
    name: 'fmapiDcRemoveReference',
    cName: 'cxlmi_cmd_fmapi_dc_remove_reference',
    opcode: 0x5607,
    spec: 'CXL r3.2 §7.6.7.6.8',
    doc: 'Remove the FM reference to the shared extents with a tag',
    request: fmapiDcRemoveRefReq,
  },
  {
    name: 'fmapiDcListTags',
    cName: 'cxlmi_cmd_fmapi_dc_list_tags',
    opcode: 0x5608,
    spec: 'CXL r3.2 §7.6.7.6.9',
    doc: 'Tags of dynamic capacity with their host reference and pending-reference bitmaps (84-byte entries)',
    request: fmapiDcListTagsReq,
    response: fmapiDcListTagsRsp,
  },
] as const satisfies readonly CxlCommandDef[];
