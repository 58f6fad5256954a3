/**
 * Hand-written DataView decoders (and encoders) for the three benchmark structs: the floor for any
 * JavaScript codec. Written by hand from the spec tables, without the library's runtime: they return
 * objects of exactly the generated codec's shape (same keys in the same order, bit words as nested
 * objects, enum names, u64/u128 as bigint, trimmed strings, byte fields as `subarray` views of one
 * private copy of the payload), so `codecs.X.decode` can be compared with them field for field.
 */
import type {
  EventRecord,
  EventRecordInput,
  GetEventRecordsRsp,
  GetEventRecordsRspInput,
  IdCtrl,
  IdCtrlInput,
  IdPsd,
  IdPsdInput,
  MemdevIdentifyRsp,
  MemdevIdentifyRspInput,
} from '../src/structs/index.js';

// --- strings ---------------------------------------------------------------------------------

/** Latin-1 text of b[s..e): Buffer's latin1 slice for long strings, a char loop for short ones. */
function text(b: Uint8Array, s: number, e: number): string {
  if (e - s > 16) return Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1');
  let r = '';
  for (let i = s; i < e; i++) r += String.fromCharCode(b[i]!);
  return r;
}

/** NVMe string: trailing spaces (and NULs) dropped. */
function spacePadded(b: Uint8Array, o: number, n: number): string {
  let e = o + n;
  while (e > o && (b[e - 1] === 0x20 || b[e - 1] === 0)) e--;
  return text(b, o, e);
}

/** C string in a fixed field: ends at the first NUL. */
function nulPadded(b: Uint8Array, o: number, n: number): string {
  let e = o;
  const lim = o + n;
  while (e < lim && b[e] !== 0) e++;
  return text(b, o, e);
}

// UUID text: one String.fromCharCode call over 36 character codes gives one flat string. (Concatenating
// 20 pieces makes a rope that V8 must flatten on first use, at ~4x the cost; writing into a scratch
// Buffer and calling toString('latin1') costs ~2x.)
const HI = new Uint8Array(256);
const LO = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  HI[i] = (i >> 4) + ((i >> 4) < 10 ? 48 : 87);
  LO[i] = (i & 15) + ((i & 15) < 10 ? 48 : 87);
}

function uuid(b: Uint8Array, o: number): string {
  const x0 = b[o]!;
  const x1 = b[o + 1]!;
  const x2 = b[o + 2]!;
  const x3 = b[o + 3]!;
  const x4 = b[o + 4]!;
  const x5 = b[o + 5]!;
  const x6 = b[o + 6]!;
  const x7 = b[o + 7]!;
  const x8 = b[o + 8]!;
  const x9 = b[o + 9]!;
  const x10 = b[o + 10]!;
  const x11 = b[o + 11]!;
  const x12 = b[o + 12]!;
  const x13 = b[o + 13]!;
  const x14 = b[o + 14]!;
  const x15 = b[o + 15]!;
  return String.fromCharCode(
    HI[x0]!, LO[x0]!, HI[x1]!, LO[x1]!, HI[x2]!, LO[x2]!, HI[x3]!, LO[x3]!, 45,
    HI[x4]!, LO[x4]!, HI[x5]!, LO[x5]!, 45,
    HI[x6]!, LO[x6]!, HI[x7]!, LO[x7]!, 45,
    HI[x8]!, LO[x8]!, HI[x9]!, LO[x9]!, 45,
    HI[x10]!, LO[x10]!, HI[x11]!, LO[x11]!, HI[x12]!, LO[x12]!, HI[x13]!, LO[x13]!, HI[x14]!, LO[x14]!, HI[x15]!, LO[x15]!,
  );
}

function u128(dv: DataView, o: number): bigint {
  return (dv.getBigUint64(o + 8, true) << 64n) | dv.getBigUint64(o, true);
}

function short(what: string, need: number, have: number): RangeError {
  return new RangeError(`${what}: need ${need} bytes, have ${have}`);
}

// --- NVMe Identify Controller ------------------------------------------------------------------

const CNTRLTYPE = ['reserved', 'io', 'discovery', 'admin'] as const;

function readPsd(dv: DataView, b: Uint8Array, o: number): IdPsd {
  const f = b[o + 3]!;
  return {
    mp: dv.getUint16(o, true),
    flags: { mps: (f & 1) !== 0, nops: (f & 2) !== 0 },
    enlat: dv.getUint32(o + 4, true),
    exlat: dv.getUint32(o + 8, true),
    rrt: b[o + 12]!,
    rrl: b[o + 13]!,
    rwt: b[o + 14]!,
    rwl: b[o + 15]!,
    idlp: dv.getUint16(o + 16, true),
    ips: b[o + 18]!,
    actp: dv.getUint16(o + 20, true),
    apws: b[o + 22]!,
    epfrt: b[o + 23]!,
    fqvt: b[o + 24]!,
    epfvt: b[o + 25]!,
    epfrFqvTs: b[o + 26]!,
    epfvts: b[o + 27]!,
  };
}

export function decodeIdCtrl(bytes: Uint8Array, offset = 0): IdCtrl {
  if (offset < 0 || bytes.length - offset < 4096) throw short('idCtrl', 4096, bytes.length - offset);
  const b = bytes.slice(offset, offset + 4096);
  const dv = new DataView(b.buffer);
  const psd: IdPsd[] = new Array(32);
  for (let i = 0; i < 32; i++) psd[i] = readPsd(dv, b, 2048 + i * 32);
  const ct = b[111]!;
  return {
    vid: dv.getUint16(0, true),
    ssvid: dv.getUint16(2, true),
    sn: spacePadded(b, 4, 20),
    mn: spacePadded(b, 24, 40),
    fr: spacePadded(b, 64, 8),
    rab: b[72]!,
    ieee: b[73]! | (b[74]! << 8) | (b[75]! << 16),
    cmic: b[76]!,
    mdts: b[77]!,
    cntlid: dv.getUint16(78, true),
    ver: dv.getUint32(80, true),
    rtd3r: dv.getUint32(84, true),
    rtd3e: dv.getUint32(88, true),
    oaes: dv.getUint32(92, true),
    ctratt: dv.getUint32(96, true),
    rrls: dv.getUint16(100, true),
    bpcap: b[102]!,
    nssl: dv.getUint32(104, true),
    plsi: b[110]!,
    cntrltype: ct < 4 ? CNTRLTYPE[ct]! : ct,
    fguid: uuid(b, 112),
    crdt1: dv.getUint16(128, true),
    crdt2: dv.getUint16(130, true),
    crdt3: dv.getUint16(132, true),
    crcap: b[134]!,
    nvmsr: b[253]!,
    vwci: b[254]!,
    mec: b[255]!,
    oacs: dv.getUint16(256, true),
    acl: b[258]!,
    aerl: b[259]!,
    frmw: b[260]!,
    lpa: b[261]!,
    elpe: b[262]!,
    npss: b[263]!,
    avscc: b[264]!,
    apsta: b[265]!,
    wctemp: dv.getUint16(266, true),
    cctemp: dv.getUint16(268, true),
    mtfa: dv.getUint16(270, true),
    hmpre: dv.getUint32(272, true),
    hmmin: dv.getUint32(276, true),
    tnvmcap: u128(dv, 280),
    unvmcap: u128(dv, 296),
    rpmbs: dv.getUint32(312, true),
    edstt: dv.getUint16(316, true),
    dsto: b[318]!,
    fwug: b[319]!,
    kas: dv.getUint16(320, true),
    hctma: dv.getUint16(322, true),
    mntmt: dv.getUint16(324, true),
    mxtmt: dv.getUint16(326, true),
    sanicap: dv.getUint32(328, true),
    hmminds: dv.getUint32(332, true),
    hmmaxd: dv.getUint16(336, true),
    nsetidmax: dv.getUint16(338, true),
    endgidmax: dv.getUint16(340, true),
    anatt: b[342]!,
    anacap: b[343]!,
    anagrpmax: dv.getUint32(344, true),
    nanagrpid: dv.getUint32(348, true),
    pels: dv.getUint32(352, true),
    domainid: dv.getUint16(356, true),
    kpioc: b[358]!,
    mptfawr: dv.getUint16(360, true),
    megcap: u128(dv, 368),
    tmpthha: b[384]!,
    cqt: dv.getUint16(386, true),
    sqes: b[512]!,
    cqes: b[513]!,
    maxcmd: dv.getUint16(514, true),
    nn: dv.getUint32(516, true),
    oncs: dv.getUint16(520, true),
    fuses: dv.getUint16(522, true),
    fna: b[524]!,
    vwc: b[525]!,
    awun: dv.getUint16(526, true),
    awupf: dv.getUint16(528, true),
    icsvscc: b[530]!,
    nwpc: b[531]!,
    acwu: dv.getUint16(532, true),
    ocfs: dv.getUint16(534, true),
    sgls: dv.getUint32(536, true),
    mnan: dv.getUint32(540, true),
    maxdna: u128(dv, 544),
    maxcna: dv.getUint32(560, true),
    oaqd: dv.getUint32(564, true),
    rhiri: b[568]!,
    hirt: b[569]!,
    cmmrtd: dv.getUint16(570, true),
    nmmrtd: dv.getUint16(572, true),
    minmrtg: b[574]!,
    maxmrtg: b[575]!,
    trattr: b[576]!,
    mcudmq: dv.getUint16(578, true),
    mnsudmq: dv.getUint16(580, true),
    mcmr: dv.getUint16(582, true),
    nmcmr: dv.getUint16(584, true),
    mcdqpc: dv.getUint16(586, true),
    subnqn: nulPadded(b, 768, 256),
    ioccsz: dv.getUint32(1792, true),
    iorcsz: dv.getUint32(1796, true),
    icdoff: dv.getUint16(1800, true),
    fcatt: b[1802]!,
    msdbd: b[1803]!,
    ofcs: dv.getUint16(1804, true),
    dctype: b[1806]!,
    psd,
    vs: b.subarray(3072, 4096),
  };
}

// --- CXL Memory Device Identify ------------------------------------------------------------------

export function decodeMemdevIdentifyRsp(bytes: Uint8Array, offset = 0): MemdevIdentifyRsp {
  if (offset < 0 || bytes.length - offset < 69) throw short('memdevIdentifyRsp', 69, bytes.length - offset);
  // No byte-array fields: nothing keeps a reference to the payload, so no copy (as generated).
  const b = bytes;
  const o = offset;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const pc = b[o + 65]!;
  const total = dv.getBigUint64(o + 16, true);
  const vol = dv.getBigUint64(o + 24, true);
  const pers = dv.getBigUint64(o + 32, true);
  const align = dv.getBigUint64(o + 40, true);
  return {
    fwRevision: nulPadded(b, o, 16),
    totalCapacity: total,
    volatileCapacity: vol,
    persistentCapacity: pers,
    partitionAlign: align,
    infoEventLogSize: dv.getUint16(o + 48, true),
    warningEventLogSize: dv.getUint16(o + 50, true),
    failureEventLogSize: dv.getUint16(o + 52, true),
    fatalEventLogSize: dv.getUint16(o + 54, true),
    lsaSize: dv.getUint32(o + 56, true),
    poisonListMaxMer: b[o + 60]! | (b[o + 61]! << 8) | (b[o + 62]! << 16),
    injectPoisonLimit: dv.getUint16(o + 63, true),
    poisonCaps: { injectsPersistentPoison: (pc & 1) !== 0, scansForPoison: (pc & 2) !== 0 },
    qosTelemetryCaps: b[o + 66]!,
    dcEventLogSize: dv.getUint16(o + 67, true),
    totalCapacityBytes: total << 28n,
    volatileCapacityBytes: vol << 28n,
    persistentCapacityBytes: pers << 28n,
    partitionAlignBytes: align << 28n,
  };
}

// --- CXL Get Event Records -----------------------------------------------------------------------

const SEVERITY = ['informational', 'warning', 'failure', 'fatal'] as const;

function readEventRecord(dv: DataView, b: Uint8Array, o: number): EventRecord {
  const f = b[o + 17]! | (b[o + 18]! << 8);
  return {
    uuid: uuid(b, o),
    length: b[o + 16]!,
    flags: {
      severity: SEVERITY[f & 3]!,
      permanentCondition: (f & 4) !== 0,
      maintenanceNeeded: (f & 8) !== 0,
      performanceDegraded: (f & 16) !== 0,
      hardwareReplacementNeeded: (f & 32) !== 0,
      maintOpSubclassValid: (f & 64) !== 0,
      ldIdValid: (f & 128) !== 0,
      headIdValid: (f & 256) !== 0,
    },
    handle: dv.getUint16(o + 20, true),
    relatedHandle: dv.getUint16(o + 22, true),
    timestamp: dv.getBigUint64(o + 24, true),
    maintOpClass: b[o + 32]!,
    maintOpSubclass: b[o + 33]!,
    ldId: dv.getUint16(o + 34, true),
    headId: b[o + 36]!,
    data: b.subarray(o + 48, o + 128),
  };
}

export function decodeGetEventRecordsRsp(bytes: Uint8Array, offset = 0): GetEventRecordsRsp {
  const have = bytes.length - offset;
  if (offset < 0 || have < 32) throw short('getEventRecordsRsp', 32, have);
  const n = bytes[offset + 20]! | (bytes[offset + 21]! << 8);
  const size = 32 + n * 128;
  if (have < size) throw short('getEventRecordsRsp.records', size, have);
  const b = bytes.slice(offset, offset + size);
  const dv = new DataView(b.buffer);
  const records: EventRecord[] = new Array(n);
  for (let i = 0; i < n; i++) records[i] = readEventRecord(dv, b, 32 + i * 128);
  const f = b[0]!;
  return {
    flags: { overflow: (f & 1) !== 0, moreRecords: (f & 2) !== 0 },
    overflowErrCount: dv.getUint16(2, true),
    firstOverflowTimestamp: dv.getBigUint64(4, true),
    lastOverflowTimestamp: dv.getBigUint64(12, true),
    recordCount: n,
    records,
  };
}

// --- encoders ------------------------------------------------------------------------------------
// The same job as the generated encoders, with comparable validation (integer range checks, known
// keys only, enum names, ASCII only), written by hand with no BigInt on the bit-word path.

function bad(field: string, v: unknown): RangeError {
  return new RangeError(`${field}: bad value ${String(v)}`);
}

function uint(v: unknown, max: number, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw bad(field, v);
  return v;
}

function big(v: unknown, max: bigint, field: string): bigint {
  const x = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof x !== 'bigint' || x < 0n || x > max) throw bad(field, v);
  return x;
}

function bool(v: unknown, field: string): number {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0 || v === undefined) return 0;
  throw bad(field, v);
}

function putAscii(b: Uint8Array, o: number, n: number, pad: number, s: unknown, field: string): void {
  if (typeof s !== 'string' || s.length > n) throw bad(field, s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw bad(field, s);
    b[o + i] = c;
  }
  if (pad !== 0) b.fill(pad, o + s.length, o + n);
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 0x20;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function putUuid(b: Uint8Array, o: number, v: unknown, field: string): void {
  if (v instanceof Uint8Array && v.length === 16) {
    b.set(v, o);
    return;
  }
  if (typeof v !== 'string' || (v.length !== 36 && v.length !== 32)) throw bad(field, v);
  let j = 0;
  for (let i = 0; i < 16; i++) {
    if (v.length === 36 && (i === 4 || i === 6 || i === 8 || i === 10)) {
      if (v.charCodeAt(j) !== 45) throw bad(field, v);
      j++;
    }
    const hi = hexDigit(v.charCodeAt(j));
    const lo = hexDigit(v.charCodeAt(j + 1));
    if (hi < 0 || lo < 0) throw bad(field, v);
    b[o + i] = (hi << 4) | lo;
    j += 2;
  }
}

const U64 = (1n << 64n) - 1n;
const U128 = (1n << 128n) - 1n;

function putU128(dv: DataView, o: number, v: bigint): void {
  dv.setBigUint64(o, v & U64, true);
  dv.setBigUint64(o + 8, v >> 64n, true);
}

function putBytes(b: Uint8Array, o: number, n: number, v: unknown, field: string): void {
  if (!(v instanceof Uint8Array) || v.length > n) throw bad(field, v);
  b.set(v, o);
}

function obj(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(field, v);
  return v as Record<string, unknown>;
}

function onlyKeys(r: Record<string, unknown>, known: ReadonlySet<string>, struct: string): void {
  for (const k in r) if (r[k] !== undefined && !known.has(k)) throw new RangeError(`${struct} has no field '${k}'`);
}

const PSD_KEYS = new Set(['mp', 'flags', 'enlat', 'exlat', 'rrt', 'rrl', 'rwt', 'rwl', 'idlp', 'ips', 'actp', 'apws', 'epfrt', 'fqvt', 'epfvt', 'epfrFqvTs', 'epfvts']);
const PSD_FLAG_KEYS = new Set(['mps', 'nops']);

function writePsd(dv: DataView, b: Uint8Array, o: number, v: IdPsdInput): void {
  const r = obj(v, 'psd');
  onlyKeys(r, PSD_KEYS, 'idPsd');
  if (v.mp !== undefined) dv.setUint16(o, uint(v.mp, 0xffff, 'mp'), true);
  if (v.flags !== undefined) {
    const f = obj(v.flags, 'flags');
    onlyKeys(f, PSD_FLAG_KEYS, 'idPsd.flags');
    b[o + 3] = bool(v.flags.mps, 'mps') | (bool(v.flags.nops, 'nops') << 1);
  }
  if (v.enlat !== undefined) dv.setUint32(o + 4, uint(v.enlat, 0xffffffff, 'enlat'), true);
  if (v.exlat !== undefined) dv.setUint32(o + 8, uint(v.exlat, 0xffffffff, 'exlat'), true);
  if (v.rrt !== undefined) b[o + 12] = uint(v.rrt, 0xff, 'rrt');
  if (v.rrl !== undefined) b[o + 13] = uint(v.rrl, 0xff, 'rrl');
  if (v.rwt !== undefined) b[o + 14] = uint(v.rwt, 0xff, 'rwt');
  if (v.rwl !== undefined) b[o + 15] = uint(v.rwl, 0xff, 'rwl');
  if (v.idlp !== undefined) dv.setUint16(o + 16, uint(v.idlp, 0xffff, 'idlp'), true);
  if (v.ips !== undefined) b[o + 18] = uint(v.ips, 0xff, 'ips');
  if (v.actp !== undefined) dv.setUint16(o + 20, uint(v.actp, 0xffff, 'actp'), true);
  if (v.apws !== undefined) b[o + 22] = uint(v.apws, 0xff, 'apws');
  if (v.epfrt !== undefined) b[o + 23] = uint(v.epfrt, 0xff, 'epfrt');
  if (v.fqvt !== undefined) b[o + 24] = uint(v.fqvt, 0xff, 'fqvt');
  if (v.epfvt !== undefined) b[o + 25] = uint(v.epfvt, 0xff, 'epfvt');
  if (v.epfrFqvTs !== undefined) b[o + 26] = uint(v.epfrFqvTs, 0xff, 'epfrFqvTs');
  if (v.epfvts !== undefined) b[o + 27] = uint(v.epfvts, 0xff, 'epfvts');
}

const ID_CTRL_KEYS = new Set([
  'vid', 'ssvid', 'sn', 'mn', 'fr', 'rab', 'ieee', 'cmic', 'mdts', 'cntlid', 'ver', 'rtd3r', 'rtd3e', 'oaes', 'ctratt', 'rrls',
  'bpcap', 'nssl', 'plsi', 'cntrltype', 'fguid', 'crdt1', 'crdt2', 'crdt3', 'crcap', 'nvmsr', 'vwci', 'mec', 'oacs', 'acl',
  'aerl', 'frmw', 'lpa', 'elpe', 'npss', 'avscc', 'apsta', 'wctemp', 'cctemp', 'mtfa', 'hmpre', 'hmmin', 'tnvmcap', 'unvmcap',
  'rpmbs', 'edstt', 'dsto', 'fwug', 'kas', 'hctma', 'mntmt', 'mxtmt', 'sanicap', 'hmminds', 'hmmaxd', 'nsetidmax', 'endgidmax',
  'anatt', 'anacap', 'anagrpmax', 'nanagrpid', 'pels', 'domainid', 'kpioc', 'mptfawr', 'megcap', 'tmpthha', 'cqt', 'sqes',
  'cqes', 'maxcmd', 'nn', 'oncs', 'fuses', 'fna', 'vwc', 'awun', 'awupf', 'icsvscc', 'nwpc', 'acwu', 'ocfs', 'sgls', 'mnan',
  'maxdna', 'maxcna', 'oaqd', 'rhiri', 'hirt', 'cmmrtd', 'nmmrtd', 'minmrtg', 'maxmrtg', 'trattr', 'mcudmq', 'mnsudmq', 'mcmr',
  'nmcmr', 'mcdqpc', 'subnqn', 'ioccsz', 'iorcsz', 'icdoff', 'fcatt', 'msdbd', 'ofcs', 'dctype', 'psd', 'vs',
]);

function cntrltypeValue(v: unknown): number {
  switch (v) {
    case 'reserved':
      return 0;
    case 'io':
      return 1;
    case 'discovery':
      return 2;
    case 'admin':
      return 3;
    default:
      return uint(v, 0xff, 'cntrltype');
  }
}

export function encodeIdCtrl(v: IdCtrlInput): Uint8Array {
  onlyKeys(obj(v, 'idCtrl'), ID_CTRL_KEYS, 'idCtrl');
  const b = new Uint8Array(4096);
  const dv = new DataView(b.buffer);
  const u8 = (o: number, x: number | undefined, f: string) => {
    if (x !== undefined) b[o] = uint(x, 0xff, f);
  };
  const u16 = (o: number, x: number | undefined, f: string) => {
    if (x !== undefined) dv.setUint16(o, uint(x, 0xffff, f), true);
  };
  const u32 = (o: number, x: number | undefined, f: string) => {
    if (x !== undefined) dv.setUint32(o, uint(x, 0xffffffff, f), true);
  };
  const u128 = (o: number, x: bigint | number | undefined, f: string) => {
    if (x !== undefined) putU128(dv, o, big(x, U128, f));
  };
  u16(0, v.vid, 'vid');
  u16(2, v.ssvid, 'ssvid');
  if (v.sn !== undefined) putAscii(b, 4, 20, 0x20, v.sn, 'sn');
  if (v.mn !== undefined) putAscii(b, 24, 40, 0x20, v.mn, 'mn');
  if (v.fr !== undefined) putAscii(b, 64, 8, 0x20, v.fr, 'fr');
  u8(72, v.rab, 'rab');
  if (v.ieee !== undefined) {
    const x = uint(v.ieee, 0xffffff, 'ieee');
    b[73] = x & 0xff;
    b[74] = (x >>> 8) & 0xff;
    b[75] = x >>> 16;
  }
  u8(76, v.cmic, 'cmic');
  u8(77, v.mdts, 'mdts');
  u16(78, v.cntlid, 'cntlid');
  u32(80, v.ver, 'ver');
  u32(84, v.rtd3r, 'rtd3r');
  u32(88, v.rtd3e, 'rtd3e');
  u32(92, v.oaes, 'oaes');
  u32(96, v.ctratt, 'ctratt');
  u16(100, v.rrls, 'rrls');
  u8(102, v.bpcap, 'bpcap');
  u32(104, v.nssl, 'nssl');
  u8(110, v.plsi, 'plsi');
  if (v.cntrltype !== undefined) b[111] = cntrltypeValue(v.cntrltype);
  if (v.fguid !== undefined) putUuid(b, 112, v.fguid, 'fguid');
  u16(128, v.crdt1, 'crdt1');
  u16(130, v.crdt2, 'crdt2');
  u16(132, v.crdt3, 'crdt3');
  u8(134, v.crcap, 'crcap');
  u8(253, v.nvmsr, 'nvmsr');
  u8(254, v.vwci, 'vwci');
  u8(255, v.mec, 'mec');
  u16(256, v.oacs, 'oacs');
  u8(258, v.acl, 'acl');
  u8(259, v.aerl, 'aerl');
  u8(260, v.frmw, 'frmw');
  u8(261, v.lpa, 'lpa');
  u8(262, v.elpe, 'elpe');
  u8(263, v.npss, 'npss');
  u8(264, v.avscc, 'avscc');
  u8(265, v.apsta, 'apsta');
  u16(266, v.wctemp, 'wctemp');
  u16(268, v.cctemp, 'cctemp');
  u16(270, v.mtfa, 'mtfa');
  u32(272, v.hmpre, 'hmpre');
  u32(276, v.hmmin, 'hmmin');
  u128(280, v.tnvmcap, 'tnvmcap');
  u128(296, v.unvmcap, 'unvmcap');
  u32(312, v.rpmbs, 'rpmbs');
  u16(316, v.edstt, 'edstt');
  u8(318, v.dsto, 'dsto');
  u8(319, v.fwug, 'fwug');
  u16(320, v.kas, 'kas');
  u16(322, v.hctma, 'hctma');
  u16(324, v.mntmt, 'mntmt');
  u16(326, v.mxtmt, 'mxtmt');
  u32(328, v.sanicap, 'sanicap');
  u32(332, v.hmminds, 'hmminds');
  u16(336, v.hmmaxd, 'hmmaxd');
  u16(338, v.nsetidmax, 'nsetidmax');
  u16(340, v.endgidmax, 'endgidmax');
  u8(342, v.anatt, 'anatt');
  u8(343, v.anacap, 'anacap');
  u32(344, v.anagrpmax, 'anagrpmax');
  u32(348, v.nanagrpid, 'nanagrpid');
  u32(352, v.pels, 'pels');
  u16(356, v.domainid, 'domainid');
  u8(358, v.kpioc, 'kpioc');
  u16(360, v.mptfawr, 'mptfawr');
  u128(368, v.megcap, 'megcap');
  u8(384, v.tmpthha, 'tmpthha');
  u16(386, v.cqt, 'cqt');
  u8(512, v.sqes, 'sqes');
  u8(513, v.cqes, 'cqes');
  u16(514, v.maxcmd, 'maxcmd');
  u32(516, v.nn, 'nn');
  u16(520, v.oncs, 'oncs');
  u16(522, v.fuses, 'fuses');
  u8(524, v.fna, 'fna');
  u8(525, v.vwc, 'vwc');
  u16(526, v.awun, 'awun');
  u16(528, v.awupf, 'awupf');
  u8(530, v.icsvscc, 'icsvscc');
  u8(531, v.nwpc, 'nwpc');
  u16(532, v.acwu, 'acwu');
  u16(534, v.ocfs, 'ocfs');
  u32(536, v.sgls, 'sgls');
  u32(540, v.mnan, 'mnan');
  u128(544, v.maxdna, 'maxdna');
  u32(560, v.maxcna, 'maxcna');
  u32(564, v.oaqd, 'oaqd');
  u8(568, v.rhiri, 'rhiri');
  u8(569, v.hirt, 'hirt');
  u16(570, v.cmmrtd, 'cmmrtd');
  u16(572, v.nmmrtd, 'nmmrtd');
  u8(574, v.minmrtg, 'minmrtg');
  u8(575, v.maxmrtg, 'maxmrtg');
  u8(576, v.trattr, 'trattr');
  u16(578, v.mcudmq, 'mcudmq');
  u16(580, v.mnsudmq, 'mnsudmq');
  u16(582, v.mcmr, 'mcmr');
  u16(584, v.nmcmr, 'nmcmr');
  u16(586, v.mcdqpc, 'mcdqpc');
  if (v.subnqn !== undefined) putAscii(b, 768, 256, 0, v.subnqn, 'subnqn');
  u32(1792, v.ioccsz, 'ioccsz');
  u32(1796, v.iorcsz, 'iorcsz');
  u16(1800, v.icdoff, 'icdoff');
  u8(1802, v.fcatt, 'fcatt');
  u8(1803, v.msdbd, 'msdbd');
  u16(1804, v.ofcs, 'ofcs');
  u8(1806, v.dctype, 'dctype');
  if (v.psd !== undefined) {
    if (!Array.isArray(v.psd) || v.psd.length > 32) throw bad('psd', v.psd);
    for (let i = 0; i < v.psd.length; i++) writePsd(dv, b, 2048 + i * 32, v.psd[i]!);
  }
  if (v.vs !== undefined) putBytes(b, 3072, 1024, v.vs, 'vs');
  return b;
}

const MEMDEV_KEYS = new Set([
  'fwRevision', 'totalCapacity', 'volatileCapacity', 'persistentCapacity', 'partitionAlign', 'infoEventLogSize',
  'warningEventLogSize', 'failureEventLogSize', 'fatalEventLogSize', 'lsaSize', 'poisonListMaxMer', 'injectPoisonLimit',
  'poisonCaps', 'qosTelemetryCaps', 'dcEventLogSize',
  // Derived byte counts the decoder adds; accepted back (the values above are what is written).
  'totalCapacityBytes', 'volatileCapacityBytes', 'persistentCapacityBytes', 'partitionAlignBytes',
]);
const POISON_CAPS_KEYS = new Set(['injectsPersistentPoison', 'scansForPoison']);

export function encodeMemdevIdentifyRsp(v: MemdevIdentifyRspInput): Uint8Array {
  onlyKeys(obj(v, 'memdevIdentifyRsp'), MEMDEV_KEYS, 'memdevIdentifyRsp');
  const b = new Uint8Array(69);
  const dv = new DataView(b.buffer);
  if (v.fwRevision !== undefined) putAscii(b, 0, 16, 0, v.fwRevision, 'fwRevision');
  if (v.totalCapacity !== undefined) dv.setBigUint64(16, big(v.totalCapacity, U64, 'totalCapacity'), true);
  if (v.volatileCapacity !== undefined) dv.setBigUint64(24, big(v.volatileCapacity, U64, 'volatileCapacity'), true);
  if (v.persistentCapacity !== undefined) dv.setBigUint64(32, big(v.persistentCapacity, U64, 'persistentCapacity'), true);
  if (v.partitionAlign !== undefined) dv.setBigUint64(40, big(v.partitionAlign, U64, 'partitionAlign'), true);
  if (v.infoEventLogSize !== undefined) dv.setUint16(48, uint(v.infoEventLogSize, 0xffff, 'infoEventLogSize'), true);
  if (v.warningEventLogSize !== undefined) dv.setUint16(50, uint(v.warningEventLogSize, 0xffff, 'warningEventLogSize'), true);
  if (v.failureEventLogSize !== undefined) dv.setUint16(52, uint(v.failureEventLogSize, 0xffff, 'failureEventLogSize'), true);
  if (v.fatalEventLogSize !== undefined) dv.setUint16(54, uint(v.fatalEventLogSize, 0xffff, 'fatalEventLogSize'), true);
  if (v.lsaSize !== undefined) dv.setUint32(56, uint(v.lsaSize, 0xffffffff, 'lsaSize'), true);
  if (v.poisonListMaxMer !== undefined) {
    const x = uint(v.poisonListMaxMer, 0xffffff, 'poisonListMaxMer');
    b[60] = x & 0xff;
    b[61] = (x >>> 8) & 0xff;
    b[62] = x >>> 16;
  }
  if (v.injectPoisonLimit !== undefined) dv.setUint16(63, uint(v.injectPoisonLimit, 0xffff, 'injectPoisonLimit'), true);
  if (v.poisonCaps !== undefined) {
    onlyKeys(obj(v.poisonCaps, 'poisonCaps'), POISON_CAPS_KEYS, 'memdevIdentifyRsp.poisonCaps');
    b[65] = bool(v.poisonCaps.injectsPersistentPoison, 'injectsPersistentPoison') | (bool(v.poisonCaps.scansForPoison, 'scansForPoison') << 1);
  }
  if (v.qosTelemetryCaps !== undefined) b[66] = uint(v.qosTelemetryCaps, 0xff, 'qosTelemetryCaps');
  if (v.dcEventLogSize !== undefined) dv.setUint16(67, uint(v.dcEventLogSize, 0xffff, 'dcEventLogSize'), true);
  return b;
}

const RECORD_KEYS = new Set(['uuid', 'length', 'flags', 'handle', 'relatedHandle', 'timestamp', 'maintOpClass', 'maintOpSubclass', 'ldId', 'headId', 'data']);
const RECORD_FLAG_KEYS = new Set([
  'severity', 'permanentCondition', 'maintenanceNeeded', 'performanceDegraded', 'hardwareReplacementNeeded', 'maintOpSubclassValid',
  'ldIdValid', 'headIdValid',
]);
const RSP_KEYS = new Set(['flags', 'overflowErrCount', 'firstOverflowTimestamp', 'lastOverflowTimestamp', 'recordCount', 'records']);
const RSP_FLAG_KEYS = new Set(['overflow', 'moreRecords']);

function severityValue(v: unknown): number {
  switch (v) {
    case undefined:
    case 'informational':
      return 0;
    case 'warning':
      return 1;
    case 'failure':
      return 2;
    case 'fatal':
      return 3;
    default:
      return uint(v, 3, 'severity');
  }
}

function writeEventRecord(dv: DataView, b: Uint8Array, o: number, v: EventRecordInput): void {
  onlyKeys(obj(v, 'records[]'), RECORD_KEYS, 'eventRecord');
  if (v.uuid !== undefined) putUuid(b, o, v.uuid, 'uuid');
  if (v.length !== undefined) b[o + 16] = uint(v.length, 0xff, 'length');
  const f = v.flags;
  if (f !== undefined) {
    onlyKeys(obj(f, 'flags'), RECORD_FLAG_KEYS, 'eventRecord.flags');
    const w =
      severityValue(f.severity) |
      (bool(f.permanentCondition, 'permanentCondition') << 2) |
      (bool(f.maintenanceNeeded, 'maintenanceNeeded') << 3) |
      (bool(f.performanceDegraded, 'performanceDegraded') << 4) |
      (bool(f.hardwareReplacementNeeded, 'hardwareReplacementNeeded') << 5) |
      (bool(f.maintOpSubclassValid, 'maintOpSubclassValid') << 6) |
      (bool(f.ldIdValid, 'ldIdValid') << 7) |
      (bool(f.headIdValid, 'headIdValid') << 8);
    b[o + 17] = w & 0xff;
    b[o + 18] = w >>> 8;
    b[o + 19] = 0;
  }
  if (v.handle !== undefined) dv.setUint16(o + 20, uint(v.handle, 0xffff, 'handle'), true);
  if (v.relatedHandle !== undefined) dv.setUint16(o + 22, uint(v.relatedHandle, 0xffff, 'relatedHandle'), true);
  if (v.timestamp !== undefined) dv.setBigUint64(o + 24, big(v.timestamp, U64, 'timestamp'), true);
  if (v.maintOpClass !== undefined) b[o + 32] = uint(v.maintOpClass, 0xff, 'maintOpClass');
  if (v.maintOpSubclass !== undefined) b[o + 33] = uint(v.maintOpSubclass, 0xff, 'maintOpSubclass');
  if (v.ldId !== undefined) dv.setUint16(o + 34, uint(v.ldId, 0xffff, 'ldId'), true);
  if (v.headId !== undefined) b[o + 36] = uint(v.headId, 0xff, 'headId');
  if (v.data !== undefined) putBytes(b, o + 48, 80, v.data, 'data');
}

export function encodeGetEventRecordsRsp(v: GetEventRecordsRspInput): Uint8Array {
  onlyKeys(obj(v, 'getEventRecordsRsp'), RSP_KEYS, 'getEventRecordsRsp');
  const records = v.records ?? [];
  if (!Array.isArray(records) || records.length > 0xffff) throw bad('records', records);
  const n = records.length;
  if (v.recordCount !== undefined && v.recordCount !== n) throw bad('recordCount', v.recordCount);
  const b = new Uint8Array(32 + n * 128);
  const dv = new DataView(b.buffer);
  if (v.flags !== undefined) {
    onlyKeys(obj(v.flags, 'flags'), RSP_FLAG_KEYS, 'getEventRecordsRsp.flags');
    b[0] = bool(v.flags.overflow, 'overflow') | (bool(v.flags.moreRecords, 'moreRecords') << 1);
  }
  if (v.overflowErrCount !== undefined) dv.setUint16(2, uint(v.overflowErrCount, 0xffff, 'overflowErrCount'), true);
  if (v.firstOverflowTimestamp !== undefined) dv.setBigUint64(4, big(v.firstOverflowTimestamp, U64, 'firstOverflowTimestamp'), true);
  if (v.lastOverflowTimestamp !== undefined) dv.setBigUint64(12, big(v.lastOverflowTimestamp, U64, 'lastOverflowTimestamp'), true);
  dv.setUint16(20, n, true);
  for (let i = 0; i < n; i++) writeEventRecord(dv, b, 32 + i * 128, records[i]!);
  return b;
}
