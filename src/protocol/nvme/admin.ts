/**
 * NVMe Admin command builders. Each is named after the libnvme function without `nvme_`, takes an
 * object with libnvme's argument names camelCased, and returns a plain NvmeCommand with the dwords
 * laid out as NVMe Base 2.0c §5 defines them. Nothing here talks to a device.
 */
import type { CtrlListInput, IdNsInput } from '../../structs/index.js';
import { codecs } from '../../structs/index.js';
import type { NvmeCommand } from './command-types.js';
import { badArg, bit, command, hi32, lo32, NSID_ALL, NSID_NONE, requireConfirm, uint, uint64 } from './common.js';
import { ADMIN, CNS, CSI, LID } from './constants.js';

interface Common {
  /** Command timeout in ms (0 = transport default). */
  readonly timeoutMs?: number;
}

// --- Identify (NVMe Base 2.0c §5.17) ----------------------------------------------------------

export interface IdentifyArgs extends Common {
  readonly cns: number;
  readonly nsid?: number;
  /** Controller Identifier (CDW10 31:16). */
  readonly cntid?: number;
  /** CNS Specific Identifier (CDW11 15:0). */
  readonly cnsSpecificId?: number;
  /** Command Set Identifier (CDW11 31:24). */
  readonly csi?: number;
  /** UUID Index (CDW14 6:0). */
  readonly uuidx?: number;
  /** Codec name for the 4096-byte result. */
  readonly decodeAs?: string;
  readonly name?: string;
}

/** Identify with any CNS: CDW10 = CNTID << 16 | CNS, CDW11 = CSI << 24 | CNSSID, CDW14 = UUIDX. */
export function identify(a: IdentifyArgs): NvmeCommand {
  return command({
    name: a.name ?? 'identify',
    queue: 'admin',
    opcode: ADMIN.identify,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: ((uint(a.cntid, 16, 'cntid') << 16) >>> 0) | uint(a.cns, 8, 'cns'),
    cdw11: ((uint(a.csi, 8, 'csi') << 24) >>> 0) | uint(a.cnsSpecificId, 16, 'cnsSpecificId'),
    cdw14: uint(a.uuidx, 7, 'uuidx'),
    dataLength: 4096,
    timeoutMs: a.timeoutMs,
    decodeAs: a.decodeAs,
  });
}

/** Identify Controller (CNS 01h) -> idCtrl. */
export const identifyCtrl = (a: Common = {}): NvmeCommand => identify({ ...a, cns: CNS.ctrl, name: 'identifyCtrl', decodeAs: 'idCtrl' });

/** Identify Namespace, NVM Command Set (CNS 00h) -> idNs. */
export const identifyNs = (a: Common & { readonly nsid: number }): NvmeCommand =>
  identify({ ...a, cns: CNS.ns, nsid: a.nsid, name: 'identifyNs', decodeAs: 'idNs' });

/** Active Namespace ID list (CNS 02h): NSIDs greater than `nsid` -> nsList. */
export const identifyActiveNsList = (a: Common & { readonly nsid?: number } = {}): NvmeCommand =>
  identify({ ...a, cns: CNS.nsActiveList, nsid: a.nsid ?? 0, name: 'identifyActiveNsList', decodeAs: 'nsList' });

/** Allocated Namespace ID list (CNS 10h) -> nsList. */
export const identifyAllocatedNsList = (a: Common & { readonly nsid?: number } = {}): NvmeCommand =>
  identify({ ...a, cns: CNS.allocatedNsList, nsid: a.nsid ?? 0, name: 'identifyAllocatedNsList', decodeAs: 'nsList' });

/** Namespace Identification Descriptor list (CNS 03h): a sequence of nsIdDesc. */
export const identifyNsDescs = (a: Common & { readonly nsid: number }): NvmeCommand =>
  identify({ ...a, cns: CNS.nsDescList, nsid: a.nsid, name: 'identifyNsDescs' });

/** Controllers in the subsystem with ID >= cntid (CNS 13h) -> ctrlList. */
export const identifyCtrlList = (a: Common & { readonly cntid?: number } = {}): NvmeCommand =>
  identify({ ...a, cns: CNS.ctrlList, cntid: a.cntid ?? 0, name: 'identifyCtrlList', decodeAs: 'ctrlList' });

/** Controllers attached to `nsid` with ID >= cntid (CNS 12h) -> ctrlList. */
export const identifyNsidCtrlList = (a: Common & { readonly nsid: number; readonly cntid?: number }): NvmeCommand =>
  identify({ ...a, cns: CNS.nsCtrlList, nsid: a.nsid, cntid: a.cntid ?? 0, name: 'identifyNsidCtrlList', decodeAs: 'ctrlList' });

/** I/O Command Set specific Identify Namespace (CNS 05h). */
export const identifyCsiNs = (a: Common & { readonly nsid: number; readonly csi: number; readonly uuidx?: number }): NvmeCommand =>
  identify({
    ...a,
    cns: CNS.csiNs,
    name: 'identifyCsiNs',
    decodeAs: a.csi === CSI.zns ? 'znsIdNs' : a.csi === CSI.nvm ? 'nvmIdNs' : undefined,
  });

/** I/O Command Set specific Identify Controller (CNS 06h). */
export const identifyCsiCtrl = (a: Common & { readonly csi: number }): NvmeCommand =>
  identify({
    ...a,
    cns: CNS.csiCtrl,
    name: 'identifyCsiCtrl',
    decodeAs: a.csi === CSI.zns ? 'znsIdCtrl' : a.csi === CSI.nvm ? 'idCtrlNvm' : undefined,
  });

/** libnvme nvme_nvm_identify_ctrl: CNS 06h, CSI 00h -> idCtrlNvm. */
export const nvmIdentifyCtrl = (a: Common = {}): NvmeCommand => ({ ...identifyCsiCtrl({ ...a, csi: CSI.nvm }), name: 'nvmIdentifyCtrl' });
/** libnvme nvme_zns_identify_ctrl: CNS 06h, CSI 02h -> znsIdCtrl. */
export const znsIdentifyCtrl = (a: Common = {}): NvmeCommand => ({ ...identifyCsiCtrl({ ...a, csi: CSI.zns }), name: 'znsIdentifyCtrl' });
/** libnvme nvme_zns_identify_ns: CNS 05h, CSI 02h -> znsIdNs. */
export const znsIdentifyNs = (a: Common & { readonly nsid: number }): NvmeCommand => ({
  ...identifyCsiNs({ ...a, csi: CSI.zns }),
  name: 'znsIdentifyNs',
});

// --- Get Log Page (NVMe Base 2.0c §5.16) -------------------------------------------------------

export interface GetLogPageArgs extends Common {
  readonly lid: number;
  readonly nsid?: number;
  /** Log Specific Parameter (CDW10 14:8, 7 bits). */
  readonly lsp?: number;
  /** Log Specific Identifier (CDW11 31:16). */
  readonly lsi?: number;
  /** Retain Asynchronous Event (CDW10 15). */
  readonly rae?: boolean;
  /** Log Page Offset in bytes (CDW12/13); dword aligned unless `ot`. */
  readonly lpo?: number | bigint;
  /** Alias of `lpo`. */
  readonly offset?: number | bigint;
  readonly uuidx?: number;
  readonly csi?: number;
  /** Offset Type: `lpo` is an index into a list rather than a byte offset (CDW14 23). */
  readonly ot?: boolean;
  /** Bytes to read: a positive multiple of 4 (NUMD = len / 4 - 1). */
  readonly len: number;
  readonly decodeAs?: string;
  readonly name?: string;
}

function logOffset(a: GetLogPageArgs): bigint {
  if (a.lpo !== undefined && a.offset !== undefined && BigInt(a.lpo) !== BigInt(a.offset)) {
    throw badArg('lpo and offset are the same field; give one', { lpo: a.lpo, offset: a.offset });
  }
  return uint64(a.lpo ?? a.offset, 'lpo');
}

/**
 * Get Log Page: CDW10 = NUMDL << 16 | RAE << 15 | LSP << 8 | LID, CDW11 = LSI << 16 | NUMDU,
 * CDW12/13 = LPO, CDW14 = CSI << 24 | OT << 23 | UUIDX.
 */
export function getLogPage(a: GetLogPageArgs): NvmeCommand {
  if (!Number.isInteger(a.len) || a.len < 4 || a.len % 4 !== 0 || a.len > 2 ** 34) {
    throw badArg('len must be a positive multiple of 4 bytes (at most 2^34)', { len: a.len });
  }
  const lpo = logOffset(a);
  if (!a.ot && lpo % 4n !== 0n) throw badArg('the log page offset must be dword aligned', { lpo });
  const numd = a.len / 4 - 1;
  const numdl = numd % 0x10000;
  const numdu = Math.floor(numd / 0x10000);
  return command({
    name: a.name ?? 'getLogPage',
    queue: 'admin',
    opcode: ADMIN.getLogPage,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: numdl * 0x10000 + bit(a.rae, 15) + (uint(a.lsp, 7, 'lsp') << 8) + uint(a.lid, 8, 'lid'),
    cdw11: uint(a.lsi, 16, 'lsi') * 0x10000 + numdu,
    cdw12: lo32(lpo),
    cdw13: hi32(lpo),
    cdw14: uint(a.csi, 8, 'csi') * 0x1000000 + bit(a.ot, 23) + uint(a.uuidx, 7, 'uuidx'),
    dataLength: a.len,
    timeoutMs: a.timeoutMs,
    decodeAs: a.decodeAs,
  });
}

/** Recover the Get Log Page arguments from a built command (inverse of getLogPage). */
export function parseGetLogPage(c: NvmeCommand): GetLogPageArgs & { lpo: bigint } {
  if (c.opcode !== ADMIN.getLogPage || c.queue !== 'admin') throw badArg('not a Get Log Page command', { opcode: c.opcode });
  const numd = (c.cdw10 >>> 16) + (c.cdw11 & 0xffff) * 0x10000;
  return {
    lid: c.cdw10 & 0xff,
    lsp: (c.cdw10 >>> 8) & 0x7f,
    rae: (c.cdw10 & 0x8000) !== 0,
    lsi: c.cdw11 >>> 16,
    lpo: (BigInt(c.cdw13 >>> 0) << 32n) | BigInt(c.cdw12 >>> 0),
    uuidx: c.cdw14 & 0x7f,
    ot: (c.cdw14 & 0x800000) !== 0,
    csi: c.cdw14 >>> 24,
    nsid: c.nsid,
    len: (numd + 1) * 4,
    timeoutMs: c.timeoutMs,
    ...(c.decodeAs ? { decodeAs: c.decodeAs } : {}),
    name: c.name,
  };
}

/** SMART / Health Information (LID 02h), 512 bytes; NSID FFFFFFFFh = controller-wide. */
export const getLogSmart = (a: Common & { readonly nsid?: number; readonly rae?: boolean } = {}): NvmeCommand =>
  getLogPage({ ...a, lid: LID.smart, nsid: a.nsid ?? NSID_ALL, len: 512, name: 'getLogSmart', decodeAs: 'smartLog' });

/** Error Information (LID 01h): `nrEntries` 64-byte errorLogPage entries. */
export function getLogError(a: Common & { readonly nrEntries: number; readonly rae?: boolean }): NvmeCommand {
  const n = uint(a.nrEntries, 12, 'nrEntries');
  if (n < 1) throw badArg('nrEntries must be at least 1', { nrEntries: n });
  return getLogPage({ ...a, lid: LID.error, nsid: NSID_ALL, len: n * 64, name: 'getLogError', decodeAs: 'errorLogPage' });
}

/** Firmware Slot Information (LID 03h), 512 bytes. */
export const getLogFwSlot = (a: Common & { readonly rae?: boolean } = {}): NvmeCommand =>
  getLogPage({ ...a, lid: LID.fwSlot, nsid: NSID_ALL, len: 512, name: 'getLogFwSlot', decodeAs: 'firmwareSlot' });

/** Commands Supported and Effects (LID 05h) of a command set, 4096 bytes. */
export const getLogCmdEffects = (a: Common & { readonly csi?: number } = {}): NvmeCommand =>
  getLogPage({ ...a, lid: LID.cmdEffects, nsid: NSID_ALL, csi: a.csi ?? CSI.nvm, len: 4096, name: 'getLogCmdEffects', decodeAs: 'cmdEffectsLog' });

/** Device Self-test (LID 06h), 564 bytes. */
export const getLogDeviceSelfTest = (a: Common & { readonly nsid?: number } = {}): NvmeCommand =>
  getLogPage({ ...a, lid: LID.deviceSelfTest, nsid: a.nsid ?? NSID_ALL, len: 564, name: 'getLogDeviceSelfTest', decodeAs: 'selfTestLog' });

/** Telemetry Host-Initiated (LID 07h), LSP 0 (read without creating new data): `len` bytes at `offset`. */
export const getLogTelemetryHost = (a: Common & { readonly offset?: number | bigint; readonly len: number }): NvmeCommand =>
  getLogPage({ ...a, lid: LID.telemetryHost, nsid: NSID_NONE, lsp: 0, lpo: a.offset ?? 0, offset: undefined, len: a.len, name: 'getLogTelemetryHost' });

/** Telemetry Host-Initiated with Create Telemetry Host-Initiated Data (LSP 1): the 512-byte header. */
export const getLogCreateTelemetryHost = (a: Common = {}): NvmeCommand =>
  getLogPage({ ...a, lid: LID.telemetryHost, nsid: NSID_NONE, lsp: 1, len: 512, name: 'getLogCreateTelemetryHost', decodeAs: 'telemetryLog' });

/** Sanitize Status (LID 81h), 512 bytes. */
export const getLogSanitize = (a: Common & { readonly rae?: boolean } = {}): NvmeCommand =>
  getLogPage({ ...a, lid: LID.sanitize, nsid: NSID_ALL, len: 512, name: 'getLogSanitize', decodeAs: 'sanitizeLogPage' });

// --- Namespace management and attachment (§5.22, §5.23) --------------------------------------

/**
 * Namespace Management, create (SEL 0): the host-specified fields travel in an Identify Namespace
 * layout (4096 bytes). Completion DW0 holds the new NSID.
 */
export function nsMgmtCreate(a: Common & { readonly csi?: number; readonly ns?: IdNsInput; readonly data?: Uint8Array }): NvmeCommand {
  if ((a.ns === undefined) === (a.data === undefined)) throw badArg('nsMgmtCreate needs exactly one of ns (fields) or data (4096 bytes)');
  const data = a.data ?? codecs.idNs.encode(a.ns!);
  if (data.length !== 4096) throw badArg('namespace management data is 4096 bytes', { length: data.length });
  return command({
    name: 'nsMgmtCreate',
    queue: 'admin',
    opcode: ADMIN.nsMgmt,
    nsid: NSID_NONE,
    cdw10: 0,
    cdw11: uint(a.csi, 8, 'csi') * 0x1000000,
    data,
    timeoutMs: a.timeoutMs,
  });
}

/** Namespace Management, delete (SEL 1). Destructive: needs `confirm`. NSID FFFFFFFFh = all. */
export function nsMgmtDelete(a: Common & { readonly nsid: number; readonly confirm?: boolean }): NvmeCommand {
  requireConfirm(a, 'nsMgmtDelete');
  return command({ name: 'nsMgmtDelete', queue: 'admin', opcode: ADMIN.nsMgmt, nsid: uint(a.nsid, 32, 'nsid'), cdw10: 1, timeoutMs: a.timeoutMs });
}

function ctrlListData(ctrlist: readonly number[]): Uint8Array {
  if (ctrlist.length > 2047) throw badArg('a controller list holds at most 2047 identifiers', { count: ctrlist.length });
  const input: CtrlListInput = { identifier: ctrlist.map((c, i) => uint(c, 16, `ctrlist[${i}]`)) };
  const out = new Uint8Array(4096);
  out.set(codecs.ctrlList.encode(input));
  return out;
}

/** Namespace Attachment, attach (SEL 0) to the listed controllers. */
export function nsAttachCtrls(a: Common & { readonly nsid: number; readonly ctrlist: readonly number[] }): NvmeCommand {
  return command({
    name: 'nsAttachCtrls',
    queue: 'admin',
    opcode: ADMIN.nsAttach,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: 0,
    data: ctrlListData(a.ctrlist),
    timeoutMs: a.timeoutMs,
  });
}

/** Namespace Attachment, detach (SEL 1). The namespace disappears from those hosts: needs `confirm`. */
export function nsDetachCtrls(a: Common & { readonly nsid: number; readonly ctrlist: readonly number[]; readonly confirm?: boolean }): NvmeCommand {
  requireConfirm(a, 'nsDetachCtrls');
  return command({
    name: 'nsDetachCtrls',
    queue: 'admin',
    opcode: ADMIN.nsAttach,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: 1,
    data: ctrlListData(a.ctrlist),
    timeoutMs: a.timeoutMs,
  });
}

// --- Format, sanitize, firmware, self-test ------------------------------------------------------

export interface FormatNvmArgs extends Common {
  readonly nsid: number;
  /** LBA Format index 0-63 (low 4 bits in CDW10 3:0, high 2 bits in CDW10 13:12). */
  readonly lbaf: number;
  /** Metadata Settings: true = extended LBA (metadata with the data). */
  readonly mset?: boolean;
  /** Protection Information type 0-3. */
  readonly pi?: number;
  /** Protection Information Location: true = first bytes of metadata. */
  readonly pil?: boolean;
  /** Secure Erase Settings: 0 none, 1 user data erase, 2 cryptographic erase. */
  readonly ses?: number;
  readonly confirm?: boolean;
}

/** Format NVM (§5.23): CDW10 = LBAFU << 12 | SES << 9 | PIL << 8 | PI << 5 | MSET << 4 | LBAFL. */
export function formatNvm(a: FormatNvmArgs): NvmeCommand {
  requireConfirm(a, 'formatNvm');
  const lbaf = uint(a.lbaf, 6, 'lbaf');
  return command({
    name: 'formatNvm',
    queue: 'admin',
    opcode: ADMIN.formatNvm,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: ((lbaf >> 4) << 12) | (uint(a.ses, 3, 'ses') << 9) | bit(a.pil, 8) | (uint(a.pi, 3, 'pi') << 5) | bit(a.mset, 4) | (lbaf & 0xf),
    timeoutMs: a.timeoutMs,
  });
}

export interface SanitizeNvmArgs extends Common {
  /** Sanitize Action: 1 exit failure mode, 2 block erase, 3 overwrite, 4 crypto erase. */
  readonly sanact: number;
  /** Allow Unrestricted Sanitize Exit. */
  readonly ause?: boolean;
  /** Overwrite Pass Count (0 = 16). */
  readonly owpass?: number;
  /** Overwrite Invert Pattern Between Passes. */
  readonly oipbp?: boolean;
  /** No Deallocate After Sanitize. */
  readonly nodas?: boolean;
  /** Enter Media Verification State. */
  readonly emvs?: boolean;
  /** Overwrite Pattern (CDW11). */
  readonly ovrpat?: number;
  readonly confirm?: boolean;
}

/** Sanitize (§5.24): CDW10 = EMVS << 10 | NDAS << 9 | OIPBP << 8 | OWPASS << 4 | AUSE << 3 | SANACT. */
export function sanitizeNvm(a: SanitizeNvmArgs): NvmeCommand {
  requireConfirm(a, 'sanitizeNvm');
  return command({
    name: 'sanitizeNvm',
    queue: 'admin',
    opcode: ADMIN.sanitizeNvm,
    nsid: NSID_NONE,
    cdw10: bit(a.emvs, 10) | bit(a.nodas, 9) | bit(a.oipbp, 8) | (uint(a.owpass, 4, 'owpass') << 4) | bit(a.ause, 3) | uint(a.sanact, 3, 'sanact'),
    cdw11: uint(a.ovrpat, 32, 'ovrpat'),
    timeoutMs: a.timeoutMs,
  });
}

/** Firmware Image Download (§5.13): CDW10 = NUMD (0-based dwords), CDW11 = OFST (dwords). */
export function fwDownload(a: Common & { readonly offset: number; readonly data: Uint8Array }): NvmeCommand {
  if (a.data.length < 4 || a.data.length % 4 !== 0) throw badArg('firmware data must be a positive multiple of 4 bytes', { length: a.data.length });
  const offset = uint(a.offset, 34, 'offset');
  if (offset % 4 !== 0) throw badArg('firmware offset must be dword aligned', { offset });
  return command({
    name: 'fwDownload',
    queue: 'admin',
    opcode: ADMIN.fwDownload,
    cdw10: a.data.length / 4 - 1,
    cdw11: offset / 4,
    data: a.data,
    timeoutMs: a.timeoutMs,
  });
}

/** Split a firmware image into fwDownload commands of at most `xfer` bytes (a multiple of 4). */
export function fwDownloadChunks(a: Common & { readonly data: Uint8Array; readonly xfer: number }): NvmeCommand[] {
  if (!Number.isInteger(a.xfer) || a.xfer < 4 || a.xfer % 4 !== 0) throw badArg('xfer must be a positive multiple of 4', { xfer: a.xfer });
  if (a.data.length % 4 !== 0) throw badArg('a firmware image is a whole number of dwords', { length: a.data.length });
  const out: NvmeCommand[] = [];
  for (let o = 0; o < a.data.length; o += a.xfer) out.push(fwDownload({ offset: o, data: a.data.subarray(o, Math.min(o + a.xfer, a.data.length)), timeoutMs: a.timeoutMs }));
  return out;
}

/** Firmware Commit (§5.12): CDW10 = BPID << 31 | CA << 3 | FS. Activation changes firmware: needs `confirm`. */
export function fwCommit(a: Common & { readonly slot: number; readonly action: number; readonly bpid?: boolean; readonly confirm?: boolean }): NvmeCommand {
  requireConfirm(a, 'fwCommit');
  return command({
    name: 'fwCommit',
    queue: 'admin',
    opcode: ADMIN.fwCommit,
    cdw10: bit(a.bpid, 31) + (uint(a.action, 3, 'action') << 3) + uint(a.slot, 3, 'slot'),
    timeoutMs: a.timeoutMs,
  });
}

/** Device Self-test (§5.9): CDW10 = STC (1 short, 2 extended, Eh vendor, Fh abort). */
export function devSelfTest(a: Common & { readonly nsid?: number; readonly stc: number }): NvmeCommand {
  return command({ name: 'devSelfTest', queue: 'admin', opcode: ADMIN.devSelfTest, nsid: uint(a.nsid, 32, 'nsid', NSID_ALL), cdw10: uint(a.stc, 4, 'stc'), timeoutMs: a.timeoutMs });
}

