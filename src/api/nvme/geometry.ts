/**
 * Namespace geometry in the manner of xNVMe's `struct xnvme_geo` (libxnvme_geo.h), computed from
 * Identify data: NVM Command Set 1.0c §4.1.5 (FLBAS, LBA Format, DPS), the ZNS 1.1 Zone Format
 * (zone size) and Identify Controller MDTS (NVMe Base 2.0c §5.17.2.1).
 */
import type { IdCtrl, IdNs, NvmIdNs, ZnsIdNs } from '../../structs/index.js';
import { mdtsBytes } from '../../protocol/nvme/log-chunks.js';

export interface NvmeGeometry {
  readonly type: 'conventional' | 'zoned';
  /** Parallel unit groups and units (always 1 for NVMe namespaces). */
  readonly npugrp: number;
  readonly npunit: number;
  /** Zones (1 for a conventional namespace). */
  readonly nzone: bigint;
  /** Sectors (logical blocks) per zone; the whole namespace when conventional. */
  readonly nsect: bigint;
  /** Bytes of data per logical block. */
  readonly nbytes: number;
  /** Bytes of metadata per logical block. */
  readonly nbytesOob: number;
  /** Total data bytes (npugrp * npunit * nzone * nsect * nbytes). */
  readonly tbytes: bigint;
  /** log2(nbytes): shift between LBAs and byte offsets. */
  readonly ssw: number;
  /** Largest transfer in bytes (MDTS; 1 MiB when MDTS is 0; capped by the queue limit when given). */
  readonly mdtsNbytes: number;
  /** Bytes per LBA as transferred: nbytes plus metadata when it is extended (interleaved). */
  readonly lbaNbytes: number;
  readonly lbaExtended: boolean;
  /** LBA format index in use. */
  readonly lbaf: number;
  /** Protection Information type (0 = none, 1-3). */
  readonly piType: number;
  /** Where the PI sits in the metadata, when PI is on. */
  readonly piLoc?: 'start' | 'end';
  /** Protection Information Format (16b guard unless extended LBA formats say otherwise). */
  readonly piFormat?: string | number;
}

export interface GeometryInput {
  readonly idCtrl: IdCtrl;
  readonly idNs: IdNs;
  /** Command set of the namespace (0 NVM, 2 ZNS). */
  readonly csi: number;
  readonly znsIdNs?: ZnsIdNs;
  readonly nvmIdNs?: NvmIdNs;
  /** CAP.MPSMIN (minimum page size 2^(12 + mpsmin)); 0 when unknown. */
  readonly mpsmin?: number;
  /** Cap on the transfer size from the OS queue (e.g. max_hw_sectors_kb * 1024). */
  readonly queueLimitBytes?: number;
}

/** The LBA format index FLBAS selects (bits 6:5 extend it when more than 16 formats exist). */
export function lbafIndex(ns: IdNs): number {
  return ns.flbas.lbafLo | (ns.nlbaf >= 16 ? ns.flbas.lbafHi << 4 : 0);
}

const CTRATT_ELBAS = 1 << 15;

export function computeGeometry(g: GeometryInput): NvmeGeometry {
  const fmt = lbafIndex(g.idNs);
  const lbaf = g.idNs.lbaf[fmt]!;
  const nbytes = 2 ** lbaf.ds;
  const nbytesOob = lbaf.ms;
  const lbaExtended = g.idNs.flbas.extendedMetadata && nbytesOob > 0;
  let type: NvmeGeometry['type'] = 'conventional';
  let nzone = 1n;
  let nsect = g.idNs.nsze;
  if (g.csi === 2 && g.znsIdNs) {
    const zsze = g.znsIdNs.lbafe[fmt]!.zsze;
    if (zsze > 0n) {
      type = 'zoned';
      nsect = zsze;
      nzone = g.idNs.nsze / zsze;
    }
  }
  let mdtsNbytes = g.idCtrl.mdts === 0 ? 1 << 20 : mdtsBytes(g.idCtrl.mdts, g.mpsmin ?? 0);
  if (g.queueLimitBytes !== undefined && g.queueLimitBytes > 0) mdtsNbytes = Math.min(mdtsNbytes, g.queueLimitBytes);
  const piType = g.idNs.dps & 0x7;
  const out: NvmeGeometry = {
    type,
    npugrp: 1,
    npunit: 1,
    nzone,
    nsect,
    nbytes,
    nbytesOob,
    tbytes: nzone * nsect * BigInt(nbytes),
    ssw: lbaf.ds,
    mdtsNbytes,
    lbaNbytes: nbytes + (lbaExtended ? nbytesOob : 0),
    lbaExtended,
    lbaf: fmt,
    piType,
  };
  if (!piType) return out;
  const piFormat = g.idCtrl.ctratt & CTRATT_ELBAS && g.nvmIdNs ? g.nvmIdNs.elbaf[fmt]!.elbaf.pif : 'guard16';
  return { ...out, piLoc: g.idNs.dps & 0x8 ? 'start' : 'end', piFormat };
}
