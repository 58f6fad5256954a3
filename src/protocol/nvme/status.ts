/**
 * NVMe completion status decoding (NVMe Base 2.0c §4.2.3). The status is the 15-bit Status Field as
 * transports report it (CQE DW3 bits 31:17, the Linux ioctl return value): SC bits 7:0, SCT bits
 * 10:8, CRD bits 12:11, M bit 13, DNR bit 14.
 */
import { type NvmeStatusRow, statusCodes } from '../../../spec-tables/nvme/status.js';
import { type ErrorContext, NvmeStatusError } from '../../errors.js';

export interface DecodedStatus {
  readonly status: number;
  readonly sct: number;
  readonly sc: number;
  readonly crd: number;
  readonly more: boolean;
  readonly dnr: boolean;
  /** libnvme-style name ('invalidField', 'lbaRange' ...); 'unknown' or 'vendorSpecific' otherwise. */
  readonly name: string;
  /** The spec's title for the status. */
  readonly title: string;
  readonly description: string;
}

const byCode = new Map<number, NvmeStatusRow>();
for (const r of statusCodes) byCode.set((r.sct << 8) | r.sc, r);

const SCT_NAMES: Record<number, string> = { 0: 'generic', 1: 'command specific', 2: 'media and data integrity', 3: 'path related', 7: 'vendor specific' };

/** Split and name a 15-bit status. */
export function decodeStatus(status: number): DecodedStatus {
  const s = status & 0x7fff;
  const sc = s & 0xff;
  const sct = (s >> 8) & 0x7;
  const crd = (s >> 11) & 0x3;
  const more = (s & 0x2000) !== 0;
  const dnr = (s & 0x4000) !== 0;
  const row = byCode.get((sct << 8) | sc);
  if (row) return { status: s, sct, sc, crd, more, dnr, name: row.name, title: row.title, description: row.description };
  const hex = sc.toString(16).padStart(2, '0');
  if (sct === 7) return { status: s, sct, sc, crd, more, dnr, name: 'vendorSpecific', title: `Vendor Specific ${hex}h`, description: 'Vendor specific status' };
  return {
    status: s,
    sct,
    sc,
    crd,
    more,
    dnr,
    name: 'unknown',
    title: `Unknown ${SCT_NAMES[sct] ?? `SCT ${sct}`} status ${hex}h`,
    description: `Status code ${hex}h of status code type ${sct} is not defined by the specifications this library implements`,
  };
}

/** The NvmeStatusError for a non-zero status; `context` says which command failed. */
export function statusError(status: number, context: ErrorContext = {}): NvmeStatusError {
  const d = decodeStatus(status);
  return new NvmeStatusError(
    { status: d.status, sct: d.sct, sc: d.sc, crd: d.crd, more: d.more, dnr: d.dnr, name: d.name, description: d.description },
    context,
  );
}

/** True when the status reports success (SCT 0, SC 0; CRD/M/DNR ignored). */
export function isSuccess(status: number): boolean {
  return (status & 0x7ff) === 0;
}
