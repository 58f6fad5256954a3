/**
 * NVM Command Set I/O command builders (NVM Command Set 1.0c §3): Read, Write, Compare, Flush,
 * Write Zeroes, Write Uncorrectable, Dataset Management. Layout per libnvme `nvme_io`:
 * CDW10/11 = SLBA, CDW12 = control << 16 | NLB (0-based), CDW13 = DSPEC << 16 | DSM,
 * CDW14 = initial reference tag, CDW15 = APPMASK << 16 | APPTAG, CDW2/3 = storage tag.
 */
import type { DsmRangeInput } from '../../structs/index.js';
import { codecs } from '../../structs/index.js';
import type { NvmeCommand } from './command-types.js';
import { badArg, bit, command, hi32, lo32, uint, uint64 } from './common.js';
import { NVM } from './constants.js';

export interface IoArgs {
  readonly nsid: number;
  readonly slba: number | bigint;
  /** Number of logical blocks, 0-based (0 = one block), as in libnvme. */
  readonly nlb: number;
  /** CDW12 bits 31:16 as one value (LR 15, FUA 14, PRINFO 13:10, DEAC 9, STC 8, DTYPE 7:4). */
  readonly control?: number;
  /** Force Unit Access (control bit 14). */
  readonly fua?: boolean;
  /** Limited Retry (control bit 15). */
  readonly lr?: boolean;
  /** Protection Information field (control bits 13:10). */
  readonly prinfo?: number;
  readonly dsm?: number;
  readonly dspec?: number;
  readonly reftag?: number;
  readonly apptag?: number;
  readonly appmask?: number;
  /** Storage tag (48 bits: CDW2 15:0 high, CDW3 low). */
  readonly storageTag?: number | bigint;
  readonly timeoutMs?: number;
}

function ioCommand(name: string, opcode: number, a: IoArgs, extra: { data?: Uint8Array; dataLength?: number; metadata?: Uint8Array; metadataLength?: number; control?: number }): NvmeCommand {
  const slba = uint64(a.slba, 'slba');
  const st = uint64(a.storageTag, 'storageTag');
  const control = uint(a.control, 16, 'control') | bit(a.lr, 15) | bit(a.fua, 14) | (uint(a.prinfo, 4, 'prinfo') << 10) | (extra.control ?? 0);
  return command({
    name,
    queue: 'io',
    opcode,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw2: Number((st >> 32n) & 0xffffn),
    cdw3: lo32(st),
    cdw10: lo32(slba),
    cdw11: hi32(slba),
    cdw12: control * 0x10000 + uint(a.nlb, 16, 'nlb'),
    cdw13: uint(a.dspec, 16, 'dspec') * 0x10000 + uint(a.dsm, 8, 'dsm'),
    cdw14: uint(a.reftag, 32, 'reftag'),
    cdw15: uint(a.appmask, 16, 'appmask') * 0x10000 + uint(a.apptag, 16, 'apptag'),
    data: extra.data,
    dataLength: extra.dataLength,
    metadata: extra.metadata,
    metadataLength: extra.metadataLength,
    timeoutMs: a.timeoutMs,
  });
}

/** Read (02h) into a `dataLen`-byte buffer, with an optional separate metadata buffer. */
export function read(a: IoArgs & { readonly dataLen: number; readonly metadataLen?: number }): NvmeCommand {
  return ioCommand('read', NVM.read, a, { dataLength: uint(a.dataLen, 32, 'dataLen'), metadataLength: uint(a.metadataLen, 32, 'metadataLen') });
}

/** Write (01h) of `data`, with optional separate `metadata`. */
export function write(a: IoArgs & { readonly data: Uint8Array; readonly metadata?: Uint8Array }): NvmeCommand {
  return ioCommand('write', NVM.write, a, { data: a.data, metadata: a.metadata });
}

/** Compare (05h) the blocks with `data`. */
export function compare(a: IoArgs & { readonly data: Uint8Array; readonly metadata?: Uint8Array }): NvmeCommand {
  return ioCommand('compare', NVM.compare, a, { data: a.data, metadata: a.metadata });
}

/** Write Zeroes (08h); `deac` (control bit 9) deallocates as well. */
export function writeZeroes(a: IoArgs & { readonly deac?: boolean }): NvmeCommand {
  return ioCommand('writeZeroes', NVM.writeZeroes, a, { control: bit(a.deac, 9) });
}

/** Write Uncorrectable (04h): marks the blocks invalid. CDW12 = NLB only. */
export function writeUncorrectable(a: { readonly nsid: number; readonly slba: number | bigint; readonly nlb: number; readonly timeoutMs?: number }): NvmeCommand {
  return ioCommand('writeUncorrectable', NVM.writeUncor, { nsid: a.nsid, slba: a.slba, nlb: a.nlb, timeoutMs: a.timeoutMs }, {});
}

/** Flush (00h) the volatile write cache of `nsid` (FFFFFFFFh = all namespaces). */
export function flush(a: { readonly nsid: number; readonly timeoutMs?: number }): NvmeCommand {
  return command({ name: 'flush', queue: 'io', opcode: NVM.flush, nsid: uint(a.nsid, 32, 'nsid'), timeoutMs: a.timeoutMs });
}

export interface DsmArgs {
  readonly nsid: number;
  readonly ranges: readonly DsmRangeInput[];
  /** Raw CDW11 attributes; or use the flags below. */
  readonly attrs?: number;
  /** Attribute - Deallocate (CDW11 bit 2). */
  readonly ad?: boolean;
  /** Integral Dataset for Write (bit 1). */
  readonly idw?: boolean;
  /** Integral Dataset for Read (bit 0). */
  readonly idr?: boolean;
  readonly timeoutMs?: number;
}

/** Dataset Management (09h): CDW10 = NR (0-based), CDW11 = attributes, data = 16-byte dsmRange x NR+1. */
export function dsm(a: DsmArgs): NvmeCommand {
  const n = a.ranges.length;
  if (n < 1 || n > 256) throw badArg('Dataset Management takes 1 to 256 ranges', { ranges: n });
  const data = new Uint8Array(n * 16);
  a.ranges.forEach((r, i) => {
    codecs.dsmRange.encodeInto(r, data, i * 16);
  });
  return command({
    name: 'dsm',
    queue: 'io',
    opcode: NVM.dsm,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: n - 1,
    cdw11: uint(a.attrs, 32, 'attrs') | bit(a.ad, 2) | bit(a.idw, 1) | bit(a.idr, 0),
    data,
    timeoutMs: a.timeoutMs,
  });
}

/** Deallocate (trim) ranges: Dataset Management with AD set. */
export const deallocate = (a: { readonly nsid: number; readonly ranges: readonly { slba: number | bigint; nlb: number }[]; readonly timeoutMs?: number }): NvmeCommand => ({
  ...dsm({ nsid: a.nsid, ranges: a.ranges.map((r) => ({ slba: r.slba, nlb: r.nlb })), ad: true, timeoutMs: a.timeoutMs }),
  name: 'deallocate',
});
