/**
 * NVMe Management Interface 1.2 over MCTP (message type 04h): message framing with the Message
 * Integrity Check, NVMe-MI command requests (Read NVMe-MI Data Structure, NVM Subsystem Health
 * Status Poll, Configuration Get / Set), NVMe Admin commands tunnelled in MI messages, response
 * parsing including More Processing Required, and MI status errors. Pure encode / decode: the
 * exchange loop lives in src/api/nvme/mi-transport.ts.
 *
 * Message layout (NVMe-MI 1.2 §3.1.1): byte 0 MCTP message type (bit 7 IC, bits 6:0 = 04h),
 * byte 1 NMP (bit 7 ROR, bits 6:3 NMIMT, bit 0 CSI), byte 2 MEB, byte 3 reserved, message data,
 * then (IC = 1) a 4-byte little-endian CRC-32C over every preceding byte, type byte included.
 */
import { miStatus } from '../../../spec-tables/nvme/mi.js';
import { CxlNvmeError, type ErrorContext, NvmeMiStatusError } from '../../errors.js';
import { codecs } from '../../structs/index.js';
import type { NvmeCommand, NvmeCompletion } from './command-types.js';
import { badArg, uint } from './common.js';
import { crc32c } from './crc32c.js';

export const MCTP_TYPE_NVME_MI = 0x04;
/** Integrity Check bit of the MCTP message type byte. */
export const MCTP_TYPE_IC = 0x80;
/** NVMe-MI Message Types (NMIMT, §3.1.1). */
export const NMIMT = { control: 0, mi: 1, admin: 2, pcie: 4, ae: 5 } as const;
/** NVMe-MI command opcodes (§5). */
export const MI_OPCODE = { miDataRead: 0x00, subsysHealthStatusPoll: 0x01, ctrlHealthStatusPoll: 0x02, configSet: 0x03, configGet: 0x04 } as const;
/** Read NVMe-MI Data Structure types (§5.7). */
export const MI_DTYP = { subsysInfo: 0x00, portInfo: 0x01, ctrlList: 0x02, ctrlInfo: 0x03, optCmdSupport: 0x04, mebSupport: 0x05 } as const;
/** Configuration identifiers (§5.2, §5.3). */
export const MI_CONFIG = { smbusFreq: 0x01, healthStatusChange: 0x02, mctpMtu: 0x03, ae: 0x04 } as const;
/** Response Message Status: More Processing Required (§4.1.2). */
export const MI_STATUS_MPR = 0x01;
/** Largest data an Admin command carries in one NVMe-MI message (DLEN limit, §6.1). */
export const MI_ADMIN_MAX_DATA = 4096;

const ADMIN_REQ_HDR = 68;
const ADMIN_RESP_HDR = 20;
const MI_REQ_HDR = 16;
const MI_RESP_HDR = 8;

// --- MIC -----------------------------------------------------------------------------------------

/** `body` followed by its CRC-32C Message Integrity Check, little-endian. */
export function appendMic(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32c(body), true);
  return out;
}

/** Verify the trailing MIC and return the message without it. Bad MIC: NVME_MI_INTEGRITY. */
export function checkMic(message: Uint8Array, context: ErrorContext = {}): Uint8Array {
  if (message.length < 8) throw new CxlNvmeError('NVME_MI_MESSAGE', `NVMe-MI message too short for a header and MIC (${message.length} bytes)`, { ...context, length: message.length });
  const body = message.subarray(0, message.length - 4);
  const got = new DataView(message.buffer, message.byteOffset, message.length).getUint32(message.length - 4, true);
  const want = crc32c(body);
  if (got !== want) {
    throw new CxlNvmeError('NVME_MI_INTEGRITY', `NVMe-MI message integrity check failed: MIC ${hex32(got)}, computed ${hex32(want)}`, {
      ...context,
      mic: got,
      computed: want,
    });
  }
  return body;
}

const hex32 = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;

// --- requests -----------------------------------------------------------------------------------

export interface MiFrameOptions {
  /** Command Slot Identifier (0 or 1). */
  readonly csi?: number;
}

function msgHdr(nmimt: number, csi: number | undefined) {
  return { type: { mt: MCTP_TYPE_NVME_MI, ic: true }, nmp: { csi: uint(csi, 1, 'csi') === 1, nmimt, ror: false }, meb: { meb: false } };
}

/** An NVMe-MI command request (§5): opcode, NMD0, NMD1 and optional request data. */
export interface MiCommandRequest {
  readonly name: string;
  readonly opcode: number;
  readonly cdw0: number;
  readonly cdw1: number;
  readonly data?: Uint8Array;
  /** Codec for the response data. */
  readonly decodeAs?: string;
}

/** Frame an NVMe-MI command request, MIC included. */
export function encodeMiRequest(req: MiCommandRequest, opts: MiFrameOptions = {}): Uint8Array {
  const data = req.data ?? new Uint8Array(0);
  const body = new Uint8Array(MI_REQ_HDR + data.length);
  codecs.miMiReqHdr.encodeInto(
    { hdr: msgHdr(NMIMT.mi, opts.csi), opcode: uint(req.opcode, 8, 'opcode'), cdw0: uint(req.cdw0, 32, 'cdw0'), cdw1: uint(req.cdw1, 32, 'cdw1') },
    body,
    0,
  );
  body.set(data, MI_REQ_HDR);
  return appendMic(body);
}

export interface MiAdminOptions extends MiFrameOptions {
  /** Controller ID the command is for. */
  readonly ctrlId: number;
  /** Data Offset into the response data (sets the DOFF valid flag when non-zero). */
  readonly doff?: number;
}

/**
 * Frame an NVMe Admin command for the NVMe-MI tunnel (§6.1), MIC included: the SQE dwords in the
 * request header, DLEN = the data length (flag bit 0), host-to-controller data appended.
 */
export function encodeAdminRequest(c: NvmeCommand, opts: MiAdminOptions): Uint8Array {
  if (c.queue !== 'admin') throw badArg('only admin commands are carried by NVMe-MI', { command: c.name, queue: c.queue });
  if (c.direction === 'bidirectional') throw badArg('NVMe-MI cannot carry a bidirectional admin command', { command: c.name });
  if (c.dataLength > MI_ADMIN_MAX_DATA || c.dataLength % 4 !== 0) {
    throw badArg(`NVMe-MI admin data is a multiple of 4 bytes up to ${MI_ADMIN_MAX_DATA}`, { command: c.name, dataLength: c.dataLength });
  }
  if (c.metadataLength) throw badArg('NVMe-MI admin commands carry no metadata buffer', { command: c.name });
  const doff = uint(opts.doff, 32, 'doff');
  if (doff % 4 !== 0) throw badArg('the data offset must be dword aligned', { doff });
  const out = c.direction === 'toDevice' ? (c.data ?? new Uint8Array(0)) : new Uint8Array(0);
  if (c.direction === 'toDevice' && out.length !== c.dataLength) throw badArg('data length does not match dataLength', { command: c.name });
  const body = new Uint8Array(ADMIN_REQ_HDR + out.length);
  codecs.miAdminReqHdr.encodeInto(
    {
      hdr: msgHdr(NMIMT.admin, opts.csi),
      opcode: c.opcode,
      flags: { dlenValid: c.dataLength > 0, doffValid: doff > 0 },
      ctrlId: uint(opts.ctrlId, 16, 'ctrlId'),
      cdw1: c.nsid,
      cdw2: c.cdw2,
      cdw3: c.cdw3,
      cdw4: 0,
      cdw5: 0,
      doff,
      dlen: c.dataLength,
      cdw10: c.cdw10,
      cdw11: c.cdw11,
      cdw12: c.cdw12,
      cdw13: c.cdw13,
      cdw14: c.cdw14,
      cdw15: c.cdw15,
    },
    body,
    0,
  );
  body.set(out, ADMIN_REQ_HDR);
  return appendMic(body);
}

// --- responses ----------------------------------------------------------------------------------

export type MiReply =
  | { readonly kind: 'mpr'; /** More Processing Required Time in ms (0 = not given). */ readonly mprtMs: number }
  | { readonly kind: 'response'; readonly status: number; /** The message without its MIC. */ readonly body: Uint8Array };

/**
 * Check a reply's MIC and header against the request it answers. Replies that are not NVMe-MI
 * responses of the expected type and slot: NVME_MI_MESSAGE.
 */
export function parseReply(message: Uint8Array, expect: { readonly nmimt: number; readonly csi?: number }, context: ErrorContext = {}): MiReply {
  const body = checkMic(message, context);
  const t = body[0]!;
  const nmp = body[1]!;
  const bad = (why: string, extra: ErrorContext = {}) => new CxlNvmeError('NVME_MI_MESSAGE', `bad NVMe-MI reply: ${why}`, { ...context, ...extra });
  if ((t & 0x7f) !== MCTP_TYPE_NVME_MI || (t & MCTP_TYPE_IC) === 0) throw bad(`message type byte 0x${t.toString(16)}`, { type: t });
  if ((nmp & 0x80) === 0) throw bad('ROR says request');
  const nmimt = (nmp >> 3) & 0xf;
  if (nmimt !== expect.nmimt) throw bad(`NMIMT ${nmimt}, expected ${expect.nmimt}`, { nmimt });
  if ((nmp & 1) !== (expect.csi ?? 0)) throw bad('command slot mismatch', { csi: nmp & 1 });
  const status = body[4]!;
  // §4.2.1: an MPR response is the 8-byte minimal form (some devices send a full Admin header).
  if (status === MI_STATUS_MPR && (body.length === 8 || (nmimt === NMIMT.admin && body.length === ADMIN_RESP_HDR))) {
    return { kind: 'mpr', mprtMs: new DataView(body.buffer, body.byteOffset, body.length).getUint16(6, true) * 100 };
  }
  return { kind: 'response', status, body };
}

/** Name and description of an MI Response Message Status. */
export function describeMiStatus(status: number): { name: string; description: string } {
  const row = miStatus.find((r) => r.value === status);
  if (row) return { name: row.name, description: row.description };
  if (status >= 0xe0) return { name: 'vendorSpecific', description: 'Vendor specific NVMe-MI status' };
  return { name: 'unknown', description: `NVMe-MI status 0x${status.toString(16).padStart(2, '0')} is reserved` };
}

/** NvmeMiStatusError for a non-zero MI Response Message Status. */
export function miStatusError(status: number, context: ErrorContext = {}): NvmeMiStatusError {
  const d = describeMiStatus(status);
  return new NvmeMiStatusError({ miStatus: status, name: d.name, description: d.description }, context);
}

/** An NVMe-MI command response: NMRESP and the response data. Non-zero status throws. */
export function decodeMiResponse(reply: MiReply & { kind: 'response' }, context: ErrorContext = {}): { nmresp: number; data: Uint8Array } {
  if (reply.status !== 0) throw miStatusError(reply.status, context);
  if (reply.body.length < MI_RESP_HDR) throw new CxlNvmeError('NVME_MI_MESSAGE', 'NVMe-MI response shorter than its header', { ...context, length: reply.body.length });
  const h = codecs.miMiRespHdr.decode(reply.body);
  return { nmresp: h.nmresp, data: reply.body.subarray(MI_RESP_HDR) };
}

/**
 * The completion of a tunnelled Admin command (§6.2). MI status non-zero: NvmeMiStatusError.
 * NVMe status is returned in the completion (CQE DW3 31:17), never thrown here. Response data must
 * be dword aligned and, on success, exactly the length asked for.
 */
export function decodeAdminResponse(reply: MiReply & { kind: 'response' }, c: NvmeCommand, context: ErrorContext = {}): NvmeCompletion {
  const ctx = { ...context, command: c.name, opcode: c.opcode };
  if (reply.status !== 0) throw miStatusError(reply.status, ctx);
  if (reply.body.length < ADMIN_RESP_HDR) throw new CxlNvmeError('NVME_MI_MESSAGE', 'NVMe-MI Admin response shorter than its header', { ...ctx, length: reply.body.length });
  const h = codecs.miAdminRespHdr.decode(reply.body);
  const data = reply.body.subarray(ADMIN_RESP_HDR);
  if (data.length % 4 !== 0) {
    throw new CxlNvmeError('NVME_MI_MESSAGE', `NVMe-MI Admin response data is not dword aligned (${data.length} bytes)`, { ...ctx, length: data.length });
  }
  const status = h.cdw3 >>> 17;
  const result = (BigInt(h.cdw1) << 32n) | BigInt(h.cdw0);
  const wants = c.direction === 'fromDevice' ? c.dataLength : 0;
  if (data.length > wants) {
    throw new CxlNvmeError('NVME_MI_MESSAGE', `NVMe-MI Admin response carries ${data.length} data bytes, ${wants} were asked for`, { ...ctx, length: data.length, expected: wants });
  }
  if (status === 0 && data.length < wants) {
    throw new CxlNvmeError('TRANSPORT_TRUNCATED', `NVMe-MI Admin response carries ${data.length} of ${wants} data bytes`, { ...ctx, length: data.length, expected: wants });
  }
  return wants > 0 && data.length > 0 ? { result, status, data: data.slice() } : { result, status };
}

// --- NVMe-MI command builders (names follow libnvme's nvme_mi_mi_* without `nvme_`) ---------

/** Read NVMe-MI Data Structure (§5.7): NMD0 = DTYP << 24 | PORTID << 16 | CTRLID. */
export function miMiReadMiData(a: { readonly dtyp: number; readonly portid?: number; readonly ctrlId?: number; readonly decodeAs?: string; readonly name?: string }): MiCommandRequest {
  return {
    name: a.name ?? 'miMiReadMiData',
    opcode: MI_OPCODE.miDataRead,
    cdw0: uint(a.dtyp, 8, 'dtyp') * 0x1000000 + (uint(a.portid, 8, 'portid') << 16) + uint(a.ctrlId, 16, 'ctrlId'),
    cdw1: 0,
    ...(a.decodeAs ? { decodeAs: a.decodeAs } : {}),
  };
}
/** NVM Subsystem Information -> miReadNvmSsInfo. */
export const miMiReadMiDataSubsys = () => miMiReadMiData({ dtyp: MI_DTYP.subsysInfo, decodeAs: 'miReadNvmSsInfo', name: 'miMiReadMiDataSubsys' });
/** Port Information -> miReadPortInfo. */
export const miMiReadMiDataPort = (a: { readonly portid: number }) =>
  miMiReadMiData({ dtyp: MI_DTYP.portInfo, portid: a.portid, decodeAs: 'miReadPortInfo', name: 'miMiReadMiDataPort' });
/** Controller List from `startCtrlid` -> ctrlList. */
export const miMiReadMiDataCtrlList = (a: { readonly startCtrlid?: number } = {}) =>
  miMiReadMiData({ dtyp: MI_DTYP.ctrlList, ctrlId: a.startCtrlid ?? 0, decodeAs: 'ctrlList', name: 'miMiReadMiDataCtrlList' });
/** Controller Information -> miReadCtrlInfo. */
export const miMiReadMiDataCtrl = (a: { readonly ctrlId: number }) =>
  miMiReadMiData({ dtyp: MI_DTYP.ctrlInfo, ctrlId: a.ctrlId, decodeAs: 'miReadCtrlInfo', name: 'miMiReadMiDataCtrl' });

/** NVM Subsystem Health Status Poll (§5.6): NMD1 bit 31 = Clear Status -> miNvmSsHealthStatus. */
export const miMiSubsystemHealthStatusPoll = (a: { readonly clear?: boolean } = {}): MiCommandRequest => ({
  name: 'miMiSubsystemHealthStatusPoll',
  opcode: MI_OPCODE.subsysHealthStatusPoll,
  cdw0: 0,
  cdw1: a.clear ? 0x80000000 : 0,
  decodeAs: 'miNvmSsHealthStatus',
});

/** Configuration Get (§5.2): NMD0/NMD1 as given; the value comes back in NMRESP. */
export const miMiConfigGet = (a: { readonly dw0: number; readonly dw1?: number }): MiCommandRequest => ({
  name: 'miMiConfigGet',
  opcode: MI_OPCODE.configGet,
  cdw0: uint(a.dw0, 32, 'dw0'),
  cdw1: uint(a.dw1, 32, 'dw1'),
});
/** Configuration Set (§5.3). */
export const miMiConfigSet = (a: { readonly dw0: number; readonly dw1?: number; readonly data?: Uint8Array }): MiCommandRequest => ({
  name: 'miMiConfigSet',
  opcode: MI_OPCODE.configSet,
  cdw0: uint(a.dw0, 32, 'dw0'),
  cdw1: uint(a.dw1, 32, 'dw1'),
  ...(a.data ? { data: a.data } : {}),
});

/** SMBus/I2C Frequency of a port: NMD0 = PORT << 24 | 01h; NMRESP bits 1:0 = frequency. */
export const miMiConfigGetSmbusFreq = (a: { readonly port: number }) => ({
  ...miMiConfigGet({ dw0: uint(a.port, 8, 'port') * 0x1000000 + MI_CONFIG.smbusFreq }),
  name: 'miMiConfigGetSmbusFreq',
});
/** Set SMBus/I2C Frequency: NMD0 = PORT << 24 | FREQ << 8 | 01h (1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz). */
export const miMiConfigSetSmbusFreq = (a: { readonly port: number; readonly freq: number }) => ({
  ...miMiConfigSet({ dw0: uint(a.port, 8, 'port') * 0x1000000 + (uint(a.freq, 2, 'freq') << 8) + MI_CONFIG.smbusFreq }),
  name: 'miMiConfigSetSmbusFreq',
});
/** Clear Health Status Change bits: NMD0 = 02h, NMD1 = the bits to clear. */
export const miMiConfigSetHealthStatusChange = (a: { readonly mask: number }) => ({
  ...miMiConfigSet({ dw0: MI_CONFIG.healthStatusChange, dw1: a.mask }),
  name: 'miMiConfigSetHealthStatusChange',
});
/** MCTP Transmission Unit Size of a port: NMD0 = PORT << 24 | 03h; NMRESP bits 15:0 = MTU. */
export const miMiConfigGetMctpMtu = (a: { readonly port: number }) => ({
  ...miMiConfigGet({ dw0: uint(a.port, 8, 'port') * 0x1000000 + MI_CONFIG.mctpMtu }),
  name: 'miMiConfigGetMctpMtu',
});
/** Set MCTP Transmission Unit Size: NMD0 = PORT << 24 | 03h, NMD1 = MTU. */
export const miMiConfigSetMctpMtu = (a: { readonly port: number; readonly mtu: number }) => ({
  ...miMiConfigSet({ dw0: uint(a.port, 8, 'port') * 0x1000000 + MI_CONFIG.mctpMtu, dw1: uint(a.mtu, 16, 'mtu') }),
  name: 'miMiConfigSetMctpMtu',
});
