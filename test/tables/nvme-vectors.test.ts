/**
 * Field-by-field vectors for every NVMe struct table. Each vector lists the bytes of each field
 * with a comment; decode must give the expected values and encode must give the bytes back.
 * Values are chosen so that a wrong offset, width or byte order changes the result.
 */
import { describe, expect, it } from 'vitest';
import * as tables from '../../spec-tables/nvme/index.js';
import type { StructDef } from '../../spec-tables/schema.js';
import { codecByName } from '../../src/structs/index.js';

type Part = readonly [offset: number, bytes: readonly number[], comment: string];

/** A zeroed buffer of `size` bytes with each part written at its offset. */
function vec(size: number, parts: readonly Part[]): Uint8Array {
  const b = new Uint8Array(size);
  for (const [o, bytes] of parts) b.set(bytes, o);
  return b;
}
const le = (v: bigint | number, n: number): number[] => {
  let x = BigInt(v);
  return Array.from({ length: n }, () => {
    const r = Number(x & 0xffn);
    x >>= 8n;
    return r;
  });
};
const ascii = (s: string, n: number, pad = 0x20) => Array.from({ length: n }, (_, i) => (i < s.length ? s.charCodeAt(i) : pad));

interface Vector {
  bytes: Uint8Array;
  /** Expected decoded values (subset match). */
  want: Record<string, unknown>;
  /** Encode the full decoded value back to `bytes` (false for tables with fields that lose data). */
  roundTrip?: boolean;
}

const V: Record<string, Vector> = {
  completion: {
    bytes: vec(16, [
      [0, le(0x11223344, 4), 'result'],
      [4, le(0x55667788, 4), 'dw1'],
      [8, le(0x0102, 2), 'sqHead'],
      [10, le(0x0003, 2), 'sqId'],
      [12, le(0xbeef, 2), 'commandId'],
      [14, le((1 << 15) | (1 << 14) | (2 << 12) | (1 << 9) | (0x0b << 1) | 1, 2), 'status: p=1 sc=0Bh sct=1 crd=2 m dnr'],
    ]),
    want: { result: 0x11223344, dw1: 0x55667788, sqHead: 0x102, sqId: 3, commandId: 0xbeef, status: { p: true, sc: 0x0b, sct: 'commandSpecific', crd: 2, m: true, dnr: true } },
  },
  idPsd: {
    bytes: vec(32, [
      [0, le(2500, 2), 'mp 25.00 W'],
      [3, [0b11], 'flags: mps, nops'],
      [4, le(5, 4), 'enlat'],
      [8, le(7, 4), 'exlat'],
      [12, [1, 2, 3, 4], 'rrt rrl rwt rwl'],
      [16, le(300, 2), 'idlp'],
      [18, [0x40], 'ips'],
      [20, le(900, 2), 'actp'],
      [22, [0x41, 9, 10, 11, 12, 13], 'apws epfrt fqvt epfvt epfrFqvTs epfvts'],
    ]),
    want: { mp: 2500, flags: { mps: true, nops: true }, enlat: 5, exlat: 7, rrt: 1, rrl: 2, rwt: 3, rwl: 4, idlp: 300, ips: 0x40, actp: 900, apws: 0x41, epfrt: 9, fqvt: 10, epfvt: 11, epfrFqvTs: 12, epfvts: 13 },
  },
  idCtrl: {
    bytes: vec(4096, [
      [0, le(0x8086, 2), 'vid'],
      [2, le(0x1af4, 2), 'ssvid'],
      [4, ascii('SN123', 20), 'sn'],
      [24, ascii('Model X', 40), 'mn'],
      [64, ascii('1.0', 8), 'fr'],
      [73, [0x5c, 0xd2, 0xe4], 'ieee E4D25Ch'],
      [77, [5], 'mdts'],
      [78, le(0x41, 2), 'cntlid'],
      [80, le(0x00020000, 4), 'ver 2.0.0'],
      [96, le(1 << 15, 4), 'ctratt ELBAS'],
      [111, [1], 'cntrltype io'],
      [262, [63], 'elpe'],
      [266, le(343, 2), 'wctemp'],
      [280, le(1n << 40n, 16), 'tnvmcap 1 TiB'],
      [516, le(32, 4), 'nn'],
      [768, ascii('nqn.2014-08.org.nvmexpress:x', 256, 0), 'subnqn'],
      [2048, le(2500, 2), 'psd[0].mp'],
      [3072, [0xaa], 'vs[0]'],
    ]),
    want: { vid: 0x8086, ssvid: 0x1af4, sn: 'SN123', mn: 'Model X', fr: '1.0', ieee: 0xe4d25c, mdts: 5, cntlid: 0x41, ver: 0x20000, ctratt: 0x8000, cntrltype: 'io', elpe: 63, wctemp: 343, tnvmcap: 1n << 40n, nn: 32, subnqn: 'nqn.2014-08.org.nvmexpress:x' },
  },
  lbaf: {
    bytes: vec(4, [
      [0, le(8, 2), 'ms'],
      [2, [12], 'ds 4096'],
      [3, [2], 'rp good'],
    ]),
    want: { ms: 8, ds: 12, rp: { rp: 'good' } },
  },
  idNs: {
    bytes: vec(4096, [
      [0, le(0x100000, 8), 'nsze'],
      [8, le(0xf0000, 8), 'ncap'],
      [16, le(0x1000, 8), 'nuse'],
      [25, [17], 'nlbaf (18 formats)'],
      [26, [0x31], 'flbas: lbafLo 1, extended, lbafHi 1'],
      [29, [0x09], 'dps: type 1, first bytes'],
      [48, le(1n << 32n, 16), 'nvmcap'],
      [104, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 'nguid'],
      [120, [0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x10, 0x11], 'eui64'],
      [128 + 17 * 4, [...le(16, 2), 12, 0], 'lbaf[17]: ms 16, 4096 B'],
    ]),
    want: { nsze: 0x100000n, ncap: 0xf0000n, nuse: 0x1000n, nlbaf: 17, flbas: { lbafLo: 1, extendedMetadata: true, lbafHi: 1 }, dps: 9, nvmcap: 1n << 32n },
  },
  nsList: {
    bytes: vec(4096, [
      [0, le(1, 4), 'ns[0]'],
      [4, le(2, 4), 'ns[1]'],
      [8, le(0x10, 4), 'ns[2]'],
    ]),
    want: {},
  },
  nsIdDesc: {
    bytes: vec(20, [
      [0, [3], 'nidt uuid'],
      [1, [16], 'nidl'],
      [4, [...Array(16).keys()], 'nid'],
    ]),
    want: { nidt: 'uuid', nidl: 16, nid: new Uint8Array([...Array(16).keys()]) },
  },
  ctrlList: {
    bytes: vec(8, [
      [0, le(3, 2), 'num'],
      [2, [...le(1, 2), ...le(2, 2), ...le(0x301, 2)], 'identifier'],
    ]),
    want: { num: 3, identifier: [1, 2, 0x301] },
  },
  idCtrlNvm: {
    bytes: vec(4096, [
      [0, [1, 2, 3, 4], 'vsl wzsl wusl dmrl'],
      [4, le(0x10000, 4), 'dmrsl'],
      [8, le(0x123456789n, 8), 'dmsl'],
      [16, [5, 6], 'kpiocap wzdsl'],
      [18, le(0x0102, 2), 'aocs'],
      [20, le(0x00010000, 4), 'ver'],
      [24, [0xc0], 'lbamqf'],
    ]),
    want: { vsl: 1, wzsl: 2, wusl: 3, dmrl: 4, dmrsl: 0x10000, dmsl: 0x123456789n, kpiocap: 5, wzdsl: 6, aocs: 0x102, ver: 0x10000, lbamqf: 0xc0 },
  },
  nvmElbaf: {
    bytes: vec(4, [[0, le((2 << 9) | (1 << 7) | 48, 4), 'sts 48, pif guard32, qpif 2']]),
    want: { elbaf: { sts: 48, pif: 'guard32', qpif: 2 } },
  },
  nvmIdNs: {
    bytes: vec(4096, [
      [0, le(0xffffn, 8), 'lbstm'],
      [8, [0b1011], 'pic'],
      [9, [1], 'pifa'],
      [12 + 4, le(2 << 7, 4), 'elbaf[1].pif guard64'],
      [268, le(1, 4), 'npdgl'],
      [272, le(2, 4), 'nprg'],
      [276, le(3, 4), 'npra'],
      [280, le(4, 4), 'nors'],
      [284, le(5, 4), 'npdal'],
      [288, le(6, 4), 'lbapss'],
      [292, le(7, 4), 'tlbaag'],
    ]),
    want: { lbstm: 0xffffn, pic: { pic16bpistm: true, pic16bpists: true, stcrs: false, qpifs: true }, pifa: 1, npdgl: 1, nprg: 2, npra: 3, nors: 4, npdal: 5, lbapss: 6, tlbaag: 7 },
  },
  smartLog: {
    bytes: vec(512, [
      [0, [0b100101], 'criticalWarning: spare, reliability, pmrReadOnly'],
      [1, le(310, 2), 'temperature'],
      [3, [95, 10, 3, 1], 'availSpare spareThresh percentUsed enduGrpCritWarnSumry'],
      [32, le(1000, 16), 'dataUnitsRead'],
      [48, le(2000, 16), 'dataUnitsWritten'],
      [128, le(1234, 16), 'powerOnHours'],
      [176, le(7, 16), 'numErrLogEntries'],
      [192, le(11, 4), 'warningTempTime'],
      [196, le(12, 4), 'criticalCompTime'],
      [200, le(300, 2), 'tempSensor[0]'],
      [216, le(13, 4), 'thmTemp1TransCount'],
      [228, le(14, 4), 'thmTemp2TotalTime'],
    ]),
    want: {
      criticalWarning: { spare: true, tempThreshold: false, reliability: true, readOnly: false, volatileMemoryBackup: false, pmrReadOnly: true },
      temperature: 310,
      availSpare: 95,
      spareThresh: 10,
      percentUsed: 3,
      enduGrpCritWarnSumry: 1,
      dataUnitsRead: 1000n,
      dataUnitsWritten: 2000n,
      powerOnHours: 1234n,
      numErrLogEntries: 7n,
      warningTempTime: 11,
      criticalCompTime: 12,
      thmTemp1TransCount: 13,
      thmTemp2TotalTime: 14,
    },
  },
  errorLogPage: {
    bytes: vec(64, [
      [0, le(42, 8), 'errorCount'],
      [8, le(1, 2), 'sqid'],
      [10, le(0x1234, 2), 'cmdid'],
      [12, le(0x0004, 2), 'statusField'],
      [14, le(0x0210, 2), 'parmErrorLocation'],
      [16, le(0x1000, 8), 'lba'],
      [24, le(1, 4), 'nsid'],
      [28, [0xc0, 0, 0, 0x02], 'vs trtype csi opcode'],
      [32, le(0xdead, 8), 'cs'],
      [40, le(5, 2), 'trtypeSpecInfo'],
      [63, [1], 'logPageVersion'],
    ]),
    want: { errorCount: 42n, sqid: 1, cmdid: 0x1234, statusField: 4, parmErrorLocation: 0x210, lba: 0x1000n, nsid: 1, vs: 0xc0, trtype: 0, csi: 0, opcode: 2, cs: 0xdeadn, trtypeSpecInfo: 5, logPageVersion: 1 },
  },
  firmwareSlot: {
    bytes: vec(512, [
      [0, [0x21], 'afi: active 1, next 2'],
      [8, ascii('FW1', 8), 'frs[0]'],
      [16, ascii('FW2', 8), 'frs[1]'],
      [24, ascii('', 8), 'frs[2] empty (space padded, so encode gives it back)'],
      [32, ascii('4', 8), 'frs[3]'],
      [40, ascii('', 24), 'frs[4-6] empty'],
    ]),
    want: { afi: { activeSlot: 1, nextResetSlot: 2 } },
  },
  cmdEffectsLog: {
    bytes: vec(4096, [
      [0x06 * 4, le(0x1, 4), 'acs[06h] identify: CSUPP'],
      [0x80 * 4, le((1 << 16) | 0b10011, 4), 'acs[80h] format: CSUPP LBCC NIC, CSE 1'],
      [1024 + 0x01 * 4, le(0b11, 4), 'iocs[01h] write: CSUPP LBCC'],
    ]),
    want: {},
  },
  stResult: {
    bytes: vec(28, [
      [0, [0x27], 'dsts: extended, segment failed'],
      [1, [3], 'seg'],
      [2, [0b1111], 'vdi: all valid'],
      [4, le(999, 8), 'poh'],
      [12, le(1, 4), 'nsid'],
      [16, le(0x4242, 8), 'flba'],
      [24, [2, 0x81], 'sct sc'],
      [26, le(0x0102, 2), 'vs'],
    ]),
    want: { dsts: { result: 'segmentFailed', stc: 'extended' }, seg: 3, vdi: { nsidValid: true, flbaValid: true, sctValid: true, scValid: true }, poh: 999n, nsid: 1, flba: 0x4242n, sct: 2, sc: 0x81, vs: 0x102 },
  },
  selfTestLog: {
    bytes: vec(564, [
      [0, [1], 'currentOperation short'],
      [1, [40], 'completion 40%'],
      [4, [0x10], 'result[0].dsts: short, no error'],
      [4 + 28, [0x2f], 'result[1].dsts: extended, unused'],
    ]),
    want: { currentOperation: { stc: 'short' }, completion: { percent: 40 } },
  },
  telemetryLog: {
    bytes: vec(512, [
      [0, [7], 'lpi'],
      [5, [0x5c, 0xd2, 0xe4], 'ieee'],
      [8, [...le(1, 2), ...le(5, 2), ...le(9, 2)], 'dalb1 dalb2 dalb3'],
      [16, le(100, 4), 'dalb4'],
      [380, [1, 3, 1, 2], 'ths hostdgn ctrlavail ctrldgn'],
      [384, [0xab], 'rsnident[0]'],
    ]),
    want: { lpi: 7, ieee: 0xe4d25c, dalb1: 1, dalb2: 5, dalb3: 9, dalb4: 100, ths: 1, hostdgn: 3, ctrlavail: 1, ctrldgn: 2 },
  },
  sanitizeLogPage: {
    bytes: vec(512, [
      [0, le(0x8000, 2), 'sprog 50%'],
      [2, le((1 << 8) | (3 << 3) | 2, 2), 'sstat: in progress, 3 passes, global data erased'],
      [4, le(0x12, 4), 'scdw10'],
      [8, [...le(1, 4), ...le(2, 4), ...le(3, 4), ...le(4, 4), ...le(5, 4), ...le(6, 4), ...le(7, 4)], 'eto etbe etce etond etbend etcend etpvds'],
      [36, [4], 'ssi'],
    ]),
    want: { sprog: 0x8000, sstat: { status: 'inProgress', completedPasses: 3, globalDataErased: true }, scdw10: 0x12, eto: 1, etbe: 2, etce: 3, etond: 4, etbend: 5, etcend: 6, etpvds: 7, ssi: 4 },
  },
  featArbitration: {
    bytes: vec(4, [[0, [0x03, 0x10, 0x20, 0x30], 'ab 3, lpw 10h, mpw 20h, hpw 30h']]),
    want: { value: { ab: 3, lpw: 0x10, mpw: 0x20, hpw: 0x30 } },
  },
  featPowerMgmt: { bytes: vec(4, [[0, [(2 << 5) | 4], 'ps 4, wh 2']]), want: { value: { ps: 4, wh: 2 } } },
  featTempThresh: {
    bytes: vec(4, [[0, le((5 << 22) | (1 << 20) | (2 << 16) | 273, 4), 'tmpth 273, tmpsel 2, thsel under, tmpthh 5']]),
    want: { value: { tmpth: 273, tmpsel: 2, thsel: 'under', tmpthh: 5 } },
  },
  featErrRecovery: { bytes: vec(4, [[0, le((1 << 16) | 50, 4), 'tler 50, dulbe']]), want: { value: { tler: 50, dulbe: true } } },
  featVolatileWc: { bytes: vec(4, [[0, [1], 'wce']]), want: { value: { wce: true } } },
  featNumQueues: { bytes: vec(4, [[0, le((31 << 16) | 63, 4), 'nsqr 63, ncqr 31']]), want: { value: { nsqr: 63, ncqr: 31 } } },
  featIrqCoalesce: { bytes: vec(4, [[0, [9, 10], 'thr 9, time 10']]), want: { value: { thr: 9, time: 10 } } },
  featAsyncEvent: {
    bytes: vec(4, [[0, le(0x80000000 | (1 << 27) | (1 << 9) | 0x1f, 4), 'smart 1Fh, fw, zdcn, dlpcn']]),
    want: { value: { smart: 0x1f, nan: false, fw: true, zdcn: true, dlpcn: true } },
  },
  featAutoPstEntry: { bytes: vec(8, [[0, le((100 << 8) | (3 << 3), 8), 'itps 3, itpt 100 ms']]), want: { entry: { itps: 3, itpt: 100 } } },
  featAutoPst: {
    bytes: vec(256, [
      [0, le((50 << 8) | (3 << 3), 8), 'apstEntry[0]: ps3 after 50 ms'],
      [8, le((2000 << 8) | (4 << 3), 8), 'apstEntry[1]: ps4 after 2000 ms'],
    ]),
    want: {},
  },
  timestamp: {
    bytes: vec(8, [
      [0, le(1700000000000, 6), 'timestamp ms'],
      [6, [0b011], 'attr: synch, origin setFeatures'],
    ]),
    want: { timestamp: { ms: 1700000000000n }, attr: { synch: true, origin: 'setFeatures' } },
  },
  featHostId: { bytes: vec(8, [[0, [1, 2, 3, 4, 5, 6, 7, 8], 'hostid']]), want: { hostid: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) } },
  featHostIdExt: { bytes: vec(16, [[0, [...Array(16).keys()].map((i) => i + 0x10), 'hostid']]), want: {} },
  dsmRange: {
    bytes: vec(16, [
      [0, le((8 << 24) | (1 << 8) | 2, 4), 'cattr: af 2, sr, cas 8'],
      [4, le(256, 4), 'nlb'],
      [8, le(0x123456789an, 8), 'slba'],
    ]),
    want: { cattr: { af: 2, al: 0, sr: true, sw: false, wp: false, cas: 8 }, nlb: 256, slba: 0x123456789an },
  },
  znsIdCtrl: { bytes: vec(4096, [[0, [5], 'zasl']]), want: { zasl: 5 } },
  znsLbafe: { bytes: vec(16, [[0, le(0x80000, 8), 'zsze'], [8, [2], 'zdes']]), want: { zsze: 0x80000n, zdes: 2 } },
  znsIdNs: {
    bytes: vec(4096, [
      [0, le(0b11, 2), 'zoc: vzcap zae'],
      [2, le(0b01, 2), 'ozcs: razb'],
      [4, le(13, 4), 'mar'],
      [8, le(14, 4), 'mor'],
      [12, [...le(1, 4), ...le(2, 4), ...le(3, 4), ...le(4, 4), ...le(5, 4), ...le(6, 4), ...le(7, 4), ...le(8, 4)], 'rrl frl rrl1-3 frl1-3'],
      [44, le(9, 4), 'numzrwa'],
      [48, [...le(16, 2), ...le(1024, 2), 1], 'zrwafg zrwasz zrwacap'],
      [2816 + 16, le(0x4000, 8), 'lbafe[1].zsze'],
      [3840, [0xee], 'vs[0]'],
    ]),
    want: { zoc: { vzcap: true, zae: true }, ozcs: { razb: true, zrwasup: false }, mar: 13, mor: 14, rrl: 1, frl: 2, rrl1: 3, rrl2: 4, rrl3: 5, frl1: 6, frl2: 7, frl3: 8, numzrwa: 9, zrwafg: 16, zrwasz: 1024, zrwacap: 1 },
  },
  znsDesc: {
    bytes: vec(64, [
      [0, [2], 'zt seqWriteRequired'],
      [1, [0x20], 'zs implicitlyOpened'],
      [2, [0x84], 'za: rzr, zdev'],
      [3, [1], 'zai'],
      [8, le(0x3000, 8), 'zcap'],
      [16, le(0x4000, 8), 'zslba'],
      [24, le(0x4010, 8), 'wp'],
    ]),
    want: { zt: { zt: 'seqWriteRequired' }, zs: { zs: 'implicitlyOpened' }, za: { zfc: false, fzr: false, rzr: true, zrwav: false, zdev: true }, zai: 1, zcap: 0x3000n, zslba: 0x4000n, wp: 0x4010n },
  },
  zoneReport: {
    bytes: vec(128, [
      [0, le(1, 8), 'nrZones'],
      [64, [2, 0xe0], 'entries[0]: zt, zs full'],
      [64 + 16, le(0x8000, 8), 'entries[0].zslba'],
    ]),
    want: { nrZones: 1n },
  },
  miMsgHdr: { bytes: vec(4, [[0, [0x84, 0x88, 0x01], 'type 04h+IC, nmp ror nmimt 1, meb']]), want: { type: { mt: 4, ic: true }, nmp: { csi: false, nmimt: 'mi', ror: true }, meb: { meb: true } } },
  miMiReqHdr: {
    bytes: vec(16, [
      [0, [0x84, 0x09], 'hdr: NVMe-MI, IC, NMIMT mi, csi 1'],
      [4, [0x04], 'opcode configGet'],
      [8, le(0x01000003, 4), 'cdw0: port 1, MCTP MTU'],
      [12, le(0x80000000, 4), 'cdw1'],
    ]),
    want: { opcode: 'configGet', cdw0: 0x01000003, cdw1: 0x80000000, hdr: { nmp: { csi: true, nmimt: 'mi', ror: false } } },
  },
  miMiRespHdr: { bytes: vec(8, [[0, [0x84, 0x88], 'hdr'], [4, [0x04], 'status invalidParam'], [5, [0x40, 0x00, 0x01], 'nmresp 010040h']]), want: { status: 4, nmresp: 0x010040 } },
  miMprResp: { bytes: vec(8, [[0, [0x84, 0x90], 'hdr admin response'], [4, [0x01], 'status MPR'], [6, le(25, 2), 'mprt 2.5 s']]), want: { status: 1, mprt: 25 } },
  miAdminReqHdr: {
    bytes: vec(68, [
      [0, [0x84, 0x10], 'hdr: NMIMT admin'],
      [4, [0x06, 0x01], 'opcode identify, flags dlenValid'],
      [6, le(0x0123, 2), 'ctrlId'],
      [8, le(1, 4), 'cdw1 nsid'],
      [12, [...le(2, 4), ...le(3, 4), ...le(4, 4), ...le(5, 4)], 'cdw2-5'],
      [28, le(0, 4), 'doff'],
      [32, le(4096, 4), 'dlen'],
      [44, [...le(0x10, 4), ...le(0x11, 4), ...le(0x12, 4), ...le(0x13, 4), ...le(0x14, 4), ...le(0x15, 4)], 'cdw10-15'],
    ]),
    want: { opcode: 6, flags: { dlenValid: true, doffValid: false }, ctrlId: 0x123, cdw1: 1, cdw2: 2, cdw3: 3, cdw4: 4, cdw5: 5, doff: 0, dlen: 4096, cdw10: 0x10, cdw15: 0x15 },
  },
  miAdminRespHdr: {
    bytes: vec(20, [
      [0, [0x84, 0x90], 'hdr admin response'],
      [4, [0], 'status'],
      [8, le(0xcafe, 4), 'cdw0'],
      [12, le(1, 4), 'cdw1'],
      [16, le(0x0002 << 17, 4), 'cdw3: status invalid field'],
    ]),
    want: { status: 0, cdw0: 0xcafe, cdw1: 1, cdw3: 0x40000 },
  },
  miReadNvmSsInfo: { bytes: vec(32, [[0, [1, 1, 2], 'nump mjr mnr']]), want: { nump: 1, mjr: 1, mnr: 2 } },
  miReadPortInfo: {
    bytes: vec(32, [
      [0, [1], 'portt pcie'],
      [2, le(64, 2), 'mmctptus'],
      [4, le(4096, 4), 'meb'],
      [8, [1, 0x1f, 4, 4, 4, 0], 'portData (pcie)'],
    ]),
    want: { portt: 'pcie', mmctptus: 64, meb: 4096 },
  },
  miPortPcie: { bytes: vec(24, [[0, [2, 0x1f, 4, 8, 4, 1], 'mps sls cls mlw nlw pn']]), want: { mps: 2, sls: 0x1f, cls: 4, mlw: 8, nlw: 4, pn: 1 } },
  miPortSmb: { bytes: vec(24, [[0, [0xa6, 1, 0x3a, 2, 1], 'vpdAddr mvpdFreq mmeAddr mmeFreq nvmebm']]), want: { vpdAddr: 0xa6, mvpdFreq: 1, mmeAddr: 0x3a, mmeFreq: 2, nvmebm: 1 } },
  miReadCtrlInfo: {
    bytes: vec(32, [
      [0, [0], 'portid'],
      [5, [1], 'prii: valid'],
      [6, le(0x0100, 2), 'pri bus 1'],
      [8, [...le(0x144d, 2), ...le(0xa808, 2), ...le(0x144d, 2), ...le(0xa801, 2)], 'vid did ssvid ssid'],
    ]),
    want: { portid: 0, prii: { pcieriv: true }, pri: 0x100, vid: 0x144d, did: 0xa808, ssvid: 0x144d, ssid: 0xa801 },
  },
  miNvmSsHealthStatus: {
    bytes: vec(8, [
      [0, [0x38], 'nss: p0la (bit 3), rnr (bit 4), df (bit 5)'],
      [1, [0xff], 'sw'],
      [2, [35], 'ctemp'],
      [3, [4], 'pdlu'],
      [4, le((1 << 12) | (1 << 4) | 1, 2), 'ccs: rdy nssro ccwarn'],
    ]),
    want: { nss: { p1la: false, p0la: true, rnr: true, df: true, sfm: false, atf: false }, sw: 0xff, ctemp: 35, pdlu: 4, ccs: { rdy: true, cfs: false, nssro: true, ccwarn: true } },
  },
};

const isStruct = (x: unknown): x is StructDef => typeof x === 'object' && x !== null && 'fields' in x && 'size' in x;
const structs: StructDef[] = Object.values(tables).flatMap((m) => Object.values(m).filter(isStruct));

describe('NVMe struct vectors', () => {
  it('every NVMe table has a vector', () => {
    const missing = structs.map((s) => s.name).filter((n) => !(n in V));
    expect(missing).toEqual([]);
  });

  for (const [name, v] of Object.entries(V)) {
    it(name, () => {
      const codec = codecByName(name);
      const d = codec.decode(v.bytes);
      expect(d).toMatchObject(v.want);
      if (v.roundTrip !== false) expect(codec.encode(d)).toEqual(v.bytes);
    });
  }

  it('list-shaped tables decode their elements', () => {
    expect((codecByName('nsList').decode(V.nsList!.bytes).ns as number[]).slice(0, 4)).toEqual([1, 2, 0x10, 0]);
    const ce = codecByName('cmdEffectsLog').decode(V.cmdEffectsLog!.bytes) as { acs: number[]; iocs: number[] };
    expect([ce.acs[6], ce.acs[0x80], ce.iocs[1], ce.acs[0]]).toEqual([1, 0x10013, 3, 0]);
    const fw = codecByName('firmwareSlot').decode(V.firmwareSlot!.bytes) as { frs: string[] };
    expect(fw.frs).toEqual(['FW1', 'FW2', '', '4', '', '', '']);
    const st = codecByName('selfTestLog').decode(V.selfTestLog!.bytes) as { result: { dsts: unknown }[] };
    expect(st.result[0]!.dsts).toEqual({ result: 'noError', stc: 'short' });
    expect(st.result[1]!.dsts).toEqual({ result: 'unused', stc: 'extended' });
    const ns = codecByName('idNs').decode(V.idNs!.bytes) as { lbaf: unknown[]; nguid: Uint8Array; eui64: Uint8Array };
    expect(ns.lbaf[17]).toEqual({ ms: 16, ds: 12, rp: { rp: 'best' } });
    expect(ns.eui64).toEqual(new Uint8Array([0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x10, 0x11]));
    const zns = codecByName('znsIdNs').decode(V.znsIdNs!.bytes) as { lbafe: { zsze: bigint }[] };
    expect(zns.lbafe[1]!.zsze).toBe(0x4000n);
    const apst = codecByName('featAutoPst').decode(V.featAutoPst!.bytes) as { apstEntry: { entry: unknown }[] };
    expect(apst.apstEntry.slice(0, 3).map((e) => e.entry)).toEqual([{ itps: 3, itpt: 50 }, { itps: 4, itpt: 2000 }, { itps: 0, itpt: 0 }]);
    const zr = codecByName('zoneReport').decode(V.zoneReport!.bytes) as { entries: { zs: unknown; zslba: bigint }[] };
    expect(zr.entries).toHaveLength(1);
    expect(zr.entries[0]).toMatchObject({ zs: { zs: 'full' }, zslba: 0x8000n });
    const id = codecByName('idCtrl').decode(V.idCtrl!.bytes) as { psd: { mp: number }[]; vs: Uint8Array };
    expect([id.psd[0]!.mp, id.vs[0]]).toEqual([2500, 0xaa]);
    const nvm = codecByName('nvmIdNs').decode(V.nvmIdNs!.bytes) as { elbaf: { elbaf: { pif: unknown } }[] };
    expect(nvm.elbaf[1]!.elbaf.pif).toBe('guard64');
  });
});
