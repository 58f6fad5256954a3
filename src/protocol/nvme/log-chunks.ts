/**
 * Reading a log page longer than one transfer allows (NVMe Base 2.0c §5.16: NUMDL/NUMDU and
 * LPOL/LPOU let a host read a log page in pieces). Each chunk is dword aligned and at most the
 * transfer limit (MDTS, or 4096 bytes through NVMe-MI). Retain Asynchronous Event is set on every
 * chunk but the last, so a log whose read clears an event is only cleared once it is fully read;
 * the last chunk carries the caller's RAE.
 */
import type { NvmeCommand } from './command-types.js';
import { badArg } from './common.js';
import { type GetLogPageArgs, getLogPage, parseGetLogPage } from './admin.js';

/**
 * Largest transfer in bytes for MDTS (Identify Controller byte 77): 2^MDTS units of the minimum
 * memory page size 2^(12 + CAP.MPSMIN). MDTS 0 means no limit (Infinity).
 */
export function mdtsBytes(mdts: number, mpsmin = 0): number {
  if (!Number.isInteger(mdts) || mdts < 0 || mdts > 255) throw badArg('mdts is a byte', { mdts });
  return mdts === 0 ? Number.POSITIVE_INFINITY : 2 ** (12 + mpsmin + mdts);
}

/** The Get Log Page arguments of each chunk, in order. */
export function splitLogPage(args: GetLogPageArgs, maxBytes: number): GetLogPageArgs[] {
  const max = Number.isFinite(maxBytes) ? Math.floor(maxBytes / 4) * 4 : args.len;
  if (max < 4) throw badArg('the chunk size must be at least 4 bytes', { maxBytes });
  if (args.len <= max) return [args];
  if (args.ot) throw badArg('a log page addressed by index (ot) cannot be split', { len: args.len, maxBytes });
  const base = BigInt(args.lpo ?? args.offset ?? 0);
  const out: GetLogPageArgs[] = [];
  for (let done = 0; done < args.len; done += max) {
    const len = Math.min(max, args.len - done);
    const last = done + len >= args.len;
    out.push({ ...args, offset: undefined, lpo: base + BigInt(done), len, rae: last ? args.rae : true });
  }
  return out;
}

/** Get Log Page commands reading `args.len` bytes in chunks of at most `maxBytes`. */
export function getLogPageChunks(args: GetLogPageArgs, maxBytes: number): NvmeCommand[] {
  return splitLogPage(args, maxBytes).map((a) => getLogPage(a));
}

/** Split an already built Get Log Page command (used by transports with a transfer limit). */
export function splitGetLogPageCommand(c: NvmeCommand, maxBytes: number): NvmeCommand[] {
  if (c.dataLength <= maxBytes) return [c];
  return getLogPageChunks(parseGetLogPage(c), maxBytes).map((x) => ({ ...x, name: c.name }));
}
