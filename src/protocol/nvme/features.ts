/**
 * Get Features / Set Features builders (NVMe Base 2.0c §5.15 and §5.27): generic forms with
 * libnvme's argument names and one typed builder per common feature, encoding CDW11 with the bit
 * layout of the feature's table in spec-tables/nvme/features.ts.
 */
import type { FeatAutoPstInput } from '../../structs/index.js';
import { codecs } from '../../structs/index.js';
import type { NvmeCommand } from './command-types.js';
import { badArg, bit, command, NSID_NONE, uint, uint64 } from './common.js';
import { ADMIN, FID } from './constants.js';

/** Get Features Select (CDW10 10:8). */
export const FEATURE_SEL = { current: 0, default: 1, saved: 2, supported: 3 } as const;
export type FeatureSel = keyof typeof FEATURE_SEL | number;

function selValue(sel: FeatureSel | undefined): number {
  if (sel === undefined) return 0;
  if (typeof sel === 'string') {
    const v = (FEATURE_SEL as Record<string, number>)[sel];
    if (v === undefined) throw badArg(`unknown select '${sel}'`, { sel });
    return v;
  }
  return uint(sel, 3, 'sel');
}

interface Common {
  readonly timeoutMs?: number;
}

export interface GetFeaturesArgs extends Common {
  readonly fid: number;
  readonly sel?: FeatureSel;
  readonly nsid?: number;
  readonly cdw11?: number;
  readonly uuidx?: number;
  /** Bytes of feature data the controller returns (0 for dword-only features). */
  readonly dataLen?: number;
  readonly decodeAs?: string;
  readonly name?: string;
}

/** Get Features: CDW10 = SEL << 8 | FID, CDW11 feature specific, CDW14 = UUIDX. Value in DW0. */
export function getFeatures(a: GetFeaturesArgs): NvmeCommand {
  return command({
    name: a.name ?? 'getFeatures',
    queue: 'admin',
    opcode: ADMIN.getFeatures,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: (selValue(a.sel) << 8) | uint(a.fid, 8, 'fid'),
    cdw11: uint(a.cdw11, 32, 'cdw11'),
    cdw14: uint(a.uuidx, 7, 'uuidx'),
    dataLength: uint(a.dataLen, 32, 'dataLen'),
    timeoutMs: a.timeoutMs,
    decodeAs: a.decodeAs,
  });
}

export interface SetFeaturesArgs extends Common {
  readonly fid: number;
  readonly nsid?: number;
  readonly cdw11?: number;
  readonly cdw12?: number;
  readonly cdw13?: number;
  readonly cdw15?: number;
  /** Save across power cycles (CDW10 31). */
  readonly save?: boolean;
  readonly uuidx?: number;
  readonly data?: Uint8Array;
  readonly name?: string;
}

/** Set Features: CDW10 = SV << 31 | FID, CDW11-13/15 feature specific, CDW14 = UUIDX. */
export function setFeatures(a: SetFeaturesArgs): NvmeCommand {
  return command({
    name: a.name ?? 'setFeatures',
    queue: 'admin',
    opcode: ADMIN.setFeatures,
    nsid: uint(a.nsid, 32, 'nsid'),
    cdw10: bit(a.save, 31) + uint(a.fid, 8, 'fid'),
    cdw11: uint(a.cdw11, 32, 'cdw11'),
    cdw12: uint(a.cdw12, 32, 'cdw12'),
    cdw13: uint(a.cdw13, 32, 'cdw13'),
    cdw14: uint(a.uuidx, 7, 'uuidx'),
    cdw15: uint(a.cdw15, 32, 'cdw15'),
    ...(a.data ? { data: a.data } : {}),
    timeoutMs: a.timeoutMs,
  });
}

type Sel = Common & { readonly sel?: FeatureSel };
type Save = Common & { readonly save?: boolean };

// Get, typed ---------------------------------------------------------------------------------

export const getFeaturesArbitration = (a: Sel = {}) => getFeatures({ ...a, fid: FID.arbitration, name: 'getFeaturesArbitration' });
export const getFeaturesPowerMgmt = (a: Sel = {}) => getFeatures({ ...a, fid: FID.powerMgmt, name: 'getFeaturesPowerMgmt' });
/** CDW11 selects the sensor (TMPSEL 19:16) and threshold type (THSEL 21:20). */
export const getFeaturesTempThresh = (a: Sel & { readonly tmpsel?: number; readonly thsel?: number } = {}) =>
  getFeatures({ ...a, fid: FID.tempThresh, cdw11: (uint(a.tmpsel, 4, 'tmpsel') << 16) | (uint(a.thsel, 2, 'thsel') << 20), name: 'getFeaturesTempThresh' });
export const getFeaturesErrRecovery = (a: Sel & { readonly nsid?: number } = {}) =>
  getFeatures({ ...a, fid: FID.errRecovery, nsid: a.nsid ?? NSID_NONE, name: 'getFeaturesErrRecovery' });
export const getFeaturesVolatileWc = (a: Sel = {}) => getFeatures({ ...a, fid: FID.volatileWc, name: 'getFeaturesVolatileWc' });
export const getFeaturesNumQueues = (a: Sel = {}) => getFeatures({ ...a, fid: FID.numQueues, name: 'getFeaturesNumQueues' });
export const getFeaturesIrqCoalesce = (a: Sel = {}) => getFeatures({ ...a, fid: FID.irqCoalesce, name: 'getFeaturesIrqCoalesce' });
export const getFeaturesAsyncEvent = (a: Sel = {}) => getFeatures({ ...a, fid: FID.asyncEvent, name: 'getFeaturesAsyncEvent' });
/** Returns the 256-byte featAutoPst table; DW0 bit 0 = APSTE. */
export const getFeaturesAutoPst = (a: Sel = {}) => getFeatures({ ...a, fid: FID.autoPst, dataLen: 256, decodeAs: 'featAutoPst', name: 'getFeaturesAutoPst' });
/** Returns the 8-byte timestamp structure. */
export const getFeaturesTimestamp = (a: Sel = {}) => getFeatures({ ...a, fid: FID.timestamp, dataLen: 8, decodeAs: 'timestamp', name: 'getFeaturesTimestamp' });
/** Host Identifier: 8 bytes, or 16 with `exhid` (CDW11 bit 0). */
export const getFeaturesHostId = (a: Sel & { readonly exhid?: boolean } = {}) =>
  getFeatures({
    ...a,
    fid: FID.hostId,
    cdw11: bit(a.exhid, 0),
    dataLen: a.exhid ? 16 : 8,
    decodeAs: a.exhid ? 'featHostIdExt' : 'featHostId',
    name: 'getFeaturesHostId',
  });

// Set, typed ---------------------------------------------------------------------------------

/** CDW11 = HPW << 24 | MPW << 16 | LPW << 8 | AB. */
export const setFeaturesArbitration = (a: Save & { readonly ab: number; readonly lpw?: number; readonly mpw?: number; readonly hpw?: number }) =>
  setFeatures({
    ...a,
    fid: FID.arbitration,
    cdw11: uint(a.hpw, 8, 'hpw') * 0x1000000 + (uint(a.mpw, 8, 'mpw') << 16) + (uint(a.lpw, 8, 'lpw') << 8) + uint(a.ab, 3, 'ab'),
    name: 'setFeaturesArbitration',
  });
/** CDW11 = WH << 5 | PS. */
export const setFeaturesPowerMgmt = (a: Save & { readonly ps: number; readonly wh?: number }) =>
  setFeatures({ ...a, fid: FID.powerMgmt, cdw11: (uint(a.wh, 3, 'wh') << 5) | uint(a.ps, 5, 'ps'), name: 'setFeaturesPowerMgmt' });
/** CDW11 = TMPTHH << 22 | THSEL << 20 | TMPSEL << 16 | TMPTH (kelvin). */
export const setFeaturesTempThresh = (a: Save & { readonly tmpth: number; readonly tmpsel?: number; readonly thsel?: number; readonly tmpthh?: number }) =>
  setFeatures({
    ...a,
    fid: FID.tempThresh,
    cdw11: (uint(a.tmpthh, 3, 'tmpthh') << 22) | (uint(a.thsel, 2, 'thsel') << 20) | (uint(a.tmpsel, 4, 'tmpsel') << 16) | uint(a.tmpth, 16, 'tmpth'),
    name: 'setFeaturesTempThresh',
  });
/** CDW11 = DULBE << 16 | TLER. */
export const setFeaturesErrRecovery = (a: Save & { readonly nsid?: number; readonly tler: number; readonly dulbe?: boolean }) =>
  setFeatures({ ...a, fid: FID.errRecovery, nsid: a.nsid ?? NSID_NONE, cdw11: bit(a.dulbe, 16) | uint(a.tler, 16, 'tler'), name: 'setFeaturesErrRecovery' });
/** CDW11 = WCE. */
export const setFeaturesVolatileWc = (a: Save & { readonly wce: boolean }) =>
  setFeatures({ ...a, fid: FID.volatileWc, cdw11: bit(a.wce, 0), name: 'setFeaturesVolatileWc' });
/** CDW11 = NCQR << 16 | NSQR (both 0-based). Only valid before I/O queues exist. */
export const setFeaturesNumQueues = (a: Save & { readonly nsqr: number; readonly ncqr: number }) =>
  setFeatures({ ...a, fid: FID.numQueues, cdw11: uint(a.ncqr, 16, 'ncqr') * 0x10000 + uint(a.nsqr, 16, 'nsqr'), name: 'setFeaturesNumQueues' });
/** CDW11 = TIME << 8 | THR. */
export const setFeaturesIrqCoalesce = (a: Save & { readonly thr: number; readonly time: number }) =>
  setFeatures({ ...a, fid: FID.irqCoalesce, cdw11: (uint(a.time, 8, 'time') << 8) | uint(a.thr, 8, 'thr'), name: 'setFeaturesIrqCoalesce' });
/** CDW11 = the event mask (featAsyncEvent layout). */
export const setFeaturesAsyncEvent = (a: Save & { readonly events: number }) =>
  setFeatures({ ...a, fid: FID.asyncEvent, cdw11: uint(a.events, 32, 'events'), name: 'setFeaturesAsyncEvent' });
/** CDW11 = APSTE; data = the 256-byte featAutoPst table. */
export const setFeaturesAutoPst = (a: Save & { readonly apste: boolean; readonly apst: FeatAutoPstInput | Uint8Array }) => {
  const data = a.apst instanceof Uint8Array ? a.apst : codecs.featAutoPst.encode(a.apst);
  if (data.length !== 256) throw badArg('the APST table is 256 bytes', { length: data.length });
  return setFeatures({ ...a, fid: FID.autoPst, cdw11: bit(a.apste, 0), data, name: 'setFeaturesAutoPst' });
};
/** Data = timestamp (ms since the epoch, 48 bits) with attributes zero. */
export const setFeaturesTimestamp = (a: Save & { readonly timestamp: number | bigint }) => {
  const ms = uint64(a.timestamp, 'timestamp');
  if (ms >= 2n ** 48n) throw badArg('timestamp is 48 bits of milliseconds', { timestamp: a.timestamp });
  return setFeatures({ ...a, fid: FID.timestamp, data: codecs.timestamp.encode({ timestamp: { ms } }), name: 'setFeaturesTimestamp' });
};
/** Host Identifier: 8 bytes, or 16 with `exhid` (CDW11 bit 0). */
export const setFeaturesHostId = (a: Save & { readonly exhid?: boolean; readonly hostid: Uint8Array }) => {
  const want = a.exhid ? 16 : 8;
  if (a.hostid.length !== want) throw badArg(`the host identifier is ${want} bytes here`, { length: a.hostid.length, exhid: !!a.exhid });
  return setFeatures({ ...a, fid: FID.hostId, cdw11: bit(a.exhid, 0), data: a.hostid, name: 'setFeaturesHostId' });
};

/** Table that decodes the DW0 / CDW11 value of a dword feature, by FID. */
export const FEATURE_VALUE_CODEC: Readonly<Record<number, string>> = {
  [FID.arbitration]: 'featArbitration',
  [FID.powerMgmt]: 'featPowerMgmt',
  [FID.tempThresh]: 'featTempThresh',
  [FID.errRecovery]: 'featErrRecovery',
  [FID.volatileWc]: 'featVolatileWc',
  [FID.numQueues]: 'featNumQueues',
  [FID.irqCoalesce]: 'featIrqCoalesce',
  [FID.asyncEvent]: 'featAsyncEvent',
};
