/**
 * Zoned Namespace Command Set I/O command builders (NVMe ZNS Command Set 1.1 §3.4): Zone Management
 * Send (79h), Zone Management Receive (7Ah) with the Report Zones convenience, and Zone Append
 * (7Dh). Layouts per libnvme `nvme_zns_mgmt_send`, `nvme_zns_mgmt_recv`, `nvme_zns_report_zones`,
 * `nvme_zns_append`. Action values come from spec-tables/nvme/zns.ts.
 */
import type { NvmeValueRow } from '../../../spec-tables/nvme/opcodes.js';
import { znsRecvActions, znsReportOptions, znsSendActions } from '../../../spec-tables/nvme/zns.js';
import type { NvmeCommand } from './command-types.js';
import { badArg, bit, command, hi32, lo32, requireConfirm, uint, uint64 } from './common.js';
import { byName, ZNS } from './constants.js';

/** Zone Send Action values by name (`ZSA.reset` = 4). */
export const ZSA = byName(znsSendActions);
/** Zone Receive Action values by name (`ZRA.reportZones` = 0). */
export const ZRA = byName(znsRecvActions);
/** Report Zones state filter values by name (`ZRASF.full` = 5). */
export const ZRASF = byName(znsReportOptions);

type Names<T extends readonly NvmeValueRow[]> = T[number]['name'];

export type ZnsSendActionName = Names<typeof znsSendActions>;
export type ZnsRecvActionName = Names<typeof znsRecvActions>;
export type ZnsReportOptionName = Names<typeof znsReportOptions>;

/** A table value given as its name or as a number (numbers pass through, range-checked to `bits`). */
function tableValue(v: number | string, rows: readonly NvmeValueRow[], bits: number, arg: string): number {
  if (typeof v === 'number') return uint(v, bits, arg);
  const row = rows.find((r) => r.name === v);
  if (!row) throw badArg(`unknown ${arg} '${v}'`, { argument: arg, value: v, known: rows.map((r) => r.name) });
  return row.value;
}

/** Zone Send Actions that destroy or cut off zone data: need `{ confirm: true }`. */
const DESTRUCTIVE_ZSA: ReadonlySet<number> = new Set([ZSA.reset, ZSA.offline]);

export interface ZnsMgmtSendArgs {
  readonly nsid: number;
  /** Starting LBA of the zone (CDW10-11); ignored by the device when `selectAll` is set. */
  readonly slba?: number | bigint;
  /** Select All (CDW13 bit 8): apply the action to every zone it applies to. */
  readonly selectAll?: boolean;
  /** Zone Send Action (CDW13 bits 7:0), as a number or a name of `ZSA`. */
  readonly zsa: number | ZnsSendActionName;
  /** Zone Send Action Specific Option (CDW13 bit 9; e.g. ZRWA allocation on Open Zone). */
  readonly zsaso?: boolean;
  /** Zone descriptor extension data: required for Set Zone Descriptor Extension (10h), refused otherwise. */
  readonly data?: Uint8Array;
  /** Reset (04h) and Offline (05h) destroy zone data. */
  readonly confirm?: boolean;
  readonly timeoutMs?: number;
}

/**
 * Zone Management Send (79h; ZNS 1.1 §3.4.3): CDW10/11 = SLBA, CDW13 = ZSASO << 9 | SELECT ALL << 8 | ZSA.
 * Reset and Offline are destructive and need `{ confirm: true }`.
 */
export function znsMgmtSend(a: ZnsMgmtSendArgs): NvmeCommand {
  const zsa = tableValue(a.zsa, znsSendActions, 8, 'zsa');
  if (DESTRUCTIVE_ZSA.has(zsa)) requireConfirm(a, zsa === ZSA.reset ? 'znsMgmtSend (reset zone)' : 'znsMgmtSend (offline zone)');
  if (zsa === ZSA.setDescExt) {
    if (!a.data || a.data.length === 0) throw badArg('Set Zone Descriptor Extension needs the extension data', { argument: 'data' });
  } else if (a.data) {
    throw badArg('only Set Zone Descriptor Extension (10h) transfers data', { argument: 'data', zsa });
  }
  const slba = uint64(a.slba, 'slba');
  return command({
    name: 'znsMgmtSend',
    queue: 'io',
    opcode: ZNS.znsMgmtSend,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: lo32(slba),
    cdw11: hi32(slba),
    cdw13: bit(a.zsaso, 9) | bit(a.selectAll, 8) | zsa,
    data: a.data,
    timeoutMs: a.timeoutMs,
  });
}

export interface ZnsMgmtRecvArgs {
  readonly nsid: number;
  /** Starting LBA (CDW10-11): report zones from the zone holding this LBA. */
  readonly slba?: number | bigint;
  /** Zone Receive Action (CDW13 bits 7:0), as a number or a name of `ZRA`. */
  readonly zra: number | ZnsRecvActionName;
  /** Zone Receive Action Specific Field (CDW13 bits 15:8): for reports, a name or value of `ZRASF`. */
  readonly zrasf?: number | ZnsReportOptionName;
  /** Partial Report (CDW13 bit 16; libnvme `zras_feat`): Number of Zones counts only the descriptors returned. */
  readonly partial?: boolean;
  /** Buffer size in bytes: a non-zero multiple of 4 (CDW12 NUMD = dataLen / 4 - 1). */
  readonly dataLen: number;
  readonly timeoutMs?: number;
}

function recv(a: ZnsMgmtRecvArgs, name: string, decodeAs?: string): NvmeCommand {
  const dataLen = uint(a.dataLen, 32, 'dataLen');
  if (dataLen === 0 || dataLen % 4 !== 0) throw badArg('dataLen must be a non-zero multiple of 4 bytes', { argument: 'dataLen', value: dataLen });
  const slba = uint64(a.slba, 'slba');
  const zra = tableValue(a.zra, znsRecvActions, 8, 'zra');
  const zrasf = tableValue(a.zrasf ?? 0, znsReportOptions, 8, 'zrasf');
  return command({
    name,
    queue: 'io',
    opcode: ZNS.znsMgmtRecv,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: lo32(slba),
    cdw11: hi32(slba),
    cdw12: dataLen / 4 - 1,
    cdw13: bit(a.partial, 16) | (zrasf << 8) | zra,
    dataLength: dataLen,
    timeoutMs: a.timeoutMs,
    decodeAs,
  });
}

/**
 * Zone Management Receive (7Ah; ZNS 1.1 §3.4.2): CDW10/11 = SLBA, CDW12 = NUMD (0-based dwords),
 * CDW13 = PARTIAL << 16 | ZRASF << 8 | ZRA. Decoded as `zoneReport` when ZRA is Report Zones.
 */
export function znsMgmtRecv(a: ZnsMgmtRecvArgs): NvmeCommand {
  const zra = tableValue(a.zra, znsRecvActions, 8, 'zra');
  return recv(a, 'znsMgmtRecv', zra === ZRA.reportZones && a.dataLen >= 64 && a.dataLen % 64 === 0 ? 'zoneReport' : undefined);
}

export interface ZnsReportZonesArgs {
  readonly nsid: number;
  readonly slba?: number | bigint;
  /** Which zone states to list (libnvme `opts`); default all. */
  readonly opts?: number | ZnsReportOptionName;
  /** Extended Report Zones (descriptor + extension per zone; not decoded, its size depends on ZDES). */
  readonly extended?: boolean;
  /** Partial Report (CDW13 bit 16). */
  readonly partial?: boolean;
  /** Buffer size: for a plain report a multiple of 64 bytes (64-byte header + 64-byte descriptors). */
  readonly dataLen: number;
  readonly timeoutMs?: number;
}

/** Report Zones: Zone Management Receive with ZRA 0 (or 1 when `extended`), decoded as `zoneReport`. */
export function znsReportZones(a: ZnsReportZonesArgs): NvmeCommand {
  if (!a.extended && (a.dataLen < 64 || a.dataLen % 64 !== 0)) {
    throw badArg('Report Zones dataLen must be a multiple of 64 bytes (header + zone descriptors)', { argument: 'dataLen', value: a.dataLen });
  }
  const args: ZnsMgmtRecvArgs = {
    nsid: a.nsid,
    slba: a.slba,
    zra: a.extended ? ZRA.extendedReportZones : ZRA.reportZones,
    zrasf: a.opts ?? ZRASF.all,
    partial: a.partial,
    dataLen: a.dataLen,
    timeoutMs: a.timeoutMs,
  };
  return recv(args, 'znsReportZones', a.extended ? undefined : 'zoneReport');
}

export interface ZnsAppendArgs {
  readonly nsid: number;
  /** Zone Start LBA (CDW10-11) of the zone to append to. */
  readonly zslba: number | bigint;
  /** Number of logical blocks, 0-based (0 = one block), as in libnvme. */
  readonly nlb: number;
  readonly data: Uint8Array;
  readonly metadata?: Uint8Array;
  /** CDW12 bits 31:16 as one value (LR 15, FUA 14, PRINFO 13:10, PIREMAP 9, STC 8, DTYPE 7:4). */
  readonly control?: number;
  /** Force Unit Access (control bit 14). */
  readonly fua?: boolean;
  /** Limited Retry (control bit 15). */
  readonly lr?: boolean;
  /** Protection Information field (control bits 13:10). */
  readonly prinfo?: number;
  /** Initial Logical Block Reference Tag (CDW14). */
  readonly ilbrt?: number;
  /** Logical Block Application Tag (CDW15 15:0). */
  readonly lbat?: number;
  /** Logical Block Application Tag Mask (CDW15 31:16). */
  readonly lbatm?: number;
  readonly timeoutMs?: number;
}

/**
 * Zone Append (7Dh; ZNS 1.1 §3.4.1): CDW10/11 = ZSLBA, CDW12 = control << 16 | NLB (0-based),
 * CDW14 = ILBRT, CDW15 = LBATM << 16 | LBAT. The completion's 64-bit result is the LBA written.
 */
export function znsAppend(a: ZnsAppendArgs): NvmeCommand {
  const zslba = uint64(a.zslba, 'zslba');
  const control = uint(a.control, 16, 'control') | bit(a.lr, 15) | bit(a.fua, 14) | (uint(a.prinfo, 4, 'prinfo') << 10);
  return command({
    name: 'znsAppend',
    queue: 'io',
    opcode: ZNS.znsAppend,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: lo32(zslba),
    cdw11: hi32(zslba),
    cdw12: control * 0x10000 + uint(a.nlb, 16, 'nlb'),
    cdw14: uint(a.ilbrt, 32, 'ilbrt'),
    cdw15: uint(a.lbatm, 16, 'lbatm') * 0x10000 + uint(a.lbat, 16, 'lbat'),
    data: a.data,
    metadata: a.metadata,
    timeoutMs: a.timeoutMs,
  });
}
