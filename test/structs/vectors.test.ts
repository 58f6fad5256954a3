/**
 * Byte-exact vectors for the foundation tables. Every byte is written out with the field it
 * belongs to, from the layouts in the CXL r3.1 and NVMe 2.0c specifications; each vector is
 * decoded by the generated codec and by the interpreter, and re-encoded to the same bytes.
 */
import { describe, expect, it } from 'vitest';
import type { StructDef } from '../../spec-tables/schema.js';
import { codecs, interpretedCodec } from '../../src/structs/index.js';

function bytes(n: number, ...parts: [number, number[]][]): Uint8Array {
  const b = new Uint8Array(n);
  for (const [at, v] of parts) b.set(v, at);
  return b;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Decode with both engines, expect `value`, re-encode with both and expect `raw` back. */
function roundTrip(def: StructDef, raw: Uint8Array, value: Record<string, unknown>, gen: { decode(b: Uint8Array): unknown; encode(v: never): Uint8Array }) {
  const interp = interpretedCodec(def);
  expect(gen.decode(raw)).toEqual(value);
  expect(interp.decode(raw)).toEqual(value);
  expect(gen.encode(value as never)).toEqual(raw);
  expect(interp.encode(value)).toEqual(raw);
}

describe('CXL CCI message header (r3.1 Figure 7-19)', () => {
  it('request for Get Event Records with a 1-byte payload', () => {
    const raw = new Uint8Array([
      0x00, // category: request (bits 3:0 = 0)
      0x2a, // tag
      0x00, // reserved
      0x00, // command = 00h
      0x01, // command set = 01h (Events) -> opcode 0100h
      0x01, 0x00, 0x00, // payload length = 1, BO = 0
      0x00, 0x00, // return code
      0x00, 0x00, // vendor specific extended status
    ]);
    roundTrip(codecs.cciMsg.def, raw, {
      category: { category: 'request' },
      tag: 0x2a,
      command: 0x00,
      commandSet: 0x01,
      plLength: { length: 1, bo: false },
      returnCode: 0,
      vendorExtStatus: 0,
    }, codecs.cciMsg);
  });

  it('response with the background-operation bit and a 21-bit length', () => {
    const raw = new Uint8Array([
      0x01, // category: response
      0xff, // tag
      0x00, // reserved
      0x04, // command 04h
      0x44, // command set 44h -> opcode 4404h
      0xff, 0xff, 0x9f, // length bits 20:0 = 0x1fffff, bits 22:21 reserved 0, bit 23 BO = 1
      0x01, 0x00, // return code 01h (Background Command Started)
      0x34, 0x12, // vendor extended status 1234h
    ]);
    roundTrip(codecs.cciMsg.def, raw, {
      category: { category: 'response' },
      tag: 0xff,
      command: 0x04,
      commandSet: 0x44,
      plLength: { length: 0x1fffff, bo: true },
      returnCode: 1,
      vendorExtStatus: 0x1234,
    }, codecs.cciMsg);
  });
});

describe('CXL Identify response (r3.1 §8.2.9.1.1, 18 bytes)', () => {
  it('decodes a Type 3 device', () => {
    const raw = new Uint8Array([
      0xd5, 0x1d, // vendorId = 1dd5h
      0x34, 0x12, // deviceId = 1234h
      0x86, 0x80, // subsysVendorId = 8086h
      0x01, 0x00, // subsysId = 0001h
      0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // serialNum = 0102030405060708h
      0x0b, // maxMsgSize = 2^11 = 2048 bytes
      0x03, // componentType = 03h (type 3)
    ]);
    roundTrip(codecs.identifyRsp.def, raw, {
      vendorId: 0x1dd5,
      deviceId: 0x1234,
      subsysVendorId: 0x8086,
      subsysId: 1,
      serialNum: 0x0102030405060708n,
      maxMsgSize: 11,
      componentType: 'type3',
    }, codecs.identifyRsp);
  });

  it('passes an unknown component type through as a number', () => {
    const raw = bytes(18, [17, [0x07]]);
    expect(codecs.identifyRsp.decode(raw).componentType).toBe(7);
    expect(codecs.identifyRsp.encode({ componentType: 7 })).toEqual(raw);
    expect(codecs.identifyRsp.encode({ componentType: 'switch' })[17]).toBe(0);
  });
});

describe('CXL Memory Device Identify (r3.1 §8.2.9.9.1.1, 69 bytes)', () => {
  it('decodes every field including the 3-byte poison list maximum', () => {
    const raw = new Uint8Array([
      ...ascii('FW 1.2.3'), 0, 0, 0, 0, 0, 0, 0, 0, // fwRevision, 16 bytes NUL padded
      0x10, 0, 0, 0, 0, 0, 0, 0, // totalCapacity = 16 x 256 MiB = 4 GiB
      0x08, 0, 0, 0, 0, 0, 0, 0, // volatileCapacity = 8
      0x04, 0, 0, 0, 0, 0, 0, 0, // persistentCapacity = 4
      0x01, 0, 0, 0, 0, 0, 0, 0, // partitionAlign = 1
      0x20, 0x00, // infoEventLogSize = 32
      0x10, 0x00, // warningEventLogSize = 16
      0x08, 0x00, // failureEventLogSize = 8
      0x04, 0x00, // fatalEventLogSize = 4
      0x00, 0x00, 0x02, 0x00, // lsaSize = 0x20000 (128 KiB)
      0x56, 0x34, 0x12, // poisonListMaxMer = 123456h (u24)
      0x00, 0x01, // injectPoisonLimit = 256
      0x03, // poisonCaps: injectsPersistentPoison | scansForPoison
      0x01, // qosTelemetryCaps
      0x40, 0x00, // dcEventLogSize = 64
    ]);
    expect(raw.length).toBe(69);
    roundTrip(codecs.memdevIdentifyRsp.def, raw, {
      fwRevision: 'FW 1.2.3',
      totalCapacity: 16n,
      volatileCapacity: 8n,
      persistentCapacity: 4n,
      partitionAlign: 1n,
      infoEventLogSize: 32,
      warningEventLogSize: 16,
      failureEventLogSize: 8,
      fatalEventLogSize: 4,
      lsaSize: 0x20000,
      poisonListMaxMer: 0x123456,
      injectPoisonLimit: 256,
      poisonCaps: { injectsPersistentPoison: true, scansForPoison: true },
      qosTelemetryCaps: 1,
      dcEventLogSize: 64,
      // Byte counts derived from the 256 MiB units (CXL r3.1 §8.2.9.9.1.1): 16 x 256 MiB = 4 GiB.
      totalCapacityBytes: 4n << 30n,
      volatileCapacityBytes: 2n << 30n,
      persistentCapacityBytes: 1n << 30n,
      partitionAlignBytes: 256n << 20n,
    }, codecs.memdevIdentifyRsp);
  });
});

describe('CXL Get Event Records response (r3.1 §8.2.9.2.2, 32 + N x 128 bytes)', () => {
  const header = (count: number, flags: number) => [
    flags, // flags: bit 0 overflow, bit 1 more records
    0x00, // reserved
    0x02, 0x00, // overflowErrCount = 2
    0x01, 0, 0, 0, 0, 0, 0, 0, // firstOverflowTimestamp = 1
    0x02, 0, 0, 0, 0, 0, 0, 0, // lastOverflowTimestamp = 2
    count, 0x00, // recordCount
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // reserved
  ];
  // General Media Event Record UUID fbcd0a77-c260-417f-85a9-088b1621eba6 (r3.1 §8.2.9.2.1.1)
  const gmUuid = [0xfb, 0xcd, 0x0a, 0x77, 0xc2, 0x60, 0x41, 0x7f, 0x85, 0xa9, 0x08, 0x8b, 0x16, 0x21, 0xeb, 0xa6];
  const record = (handle: number) => [
    ...gmUuid, // uuid
    0x80, // length = 128
    0x82, 0x01, 0x00, // flags: severity 2 (failure), ldIdValid (bit 7), headIdValid (bit 8)
    handle, 0x00, // handle
    0x00, 0x00, // relatedHandle
    0x00, 0xca, 0x9a, 0x3b, 0, 0, 0, 0, // timestamp = 1_000_000_000 ns
    0x01, // maintOpClass
    0x02, // maintOpSubclass
    0x05, 0x00, // ldId = 5
    0x03, // headId = 3
    ...new Array(11).fill(0), // reserved
    ...new Array(80).fill(handle), // event-specific data
  ];
  const recordValue = (handle: number) => ({
    uuid: 'fbcd0a77-c260-417f-85a9-088b1621eba6',
    length: 128,
    flags: {
      severity: 'failure',
      permanentCondition: false,
      maintenanceNeeded: false,
      performanceDegraded: false,
      hardwareReplacementNeeded: false,
      maintOpSubclassValid: false,
      ldIdValid: true,
      headIdValid: true,
    },
    handle,
    relatedHandle: 0,
    timestamp: 1_000_000_000n,
    maintOpClass: 1,
    maintOpSubclass: 2,
    ldId: 5,
    headId: 3,
    data: new Uint8Array(80).fill(handle),
  });
  const value = (n: number, flags: { overflow: boolean; moreRecords: boolean }) => ({
    flags,
    overflowErrCount: 2,
    firstOverflowTimestamp: 1n,
    lastOverflowTimestamp: 2n,
    recordCount: n,
    records: Array.from({ length: n }, (_, i) => recordValue(i + 1)),
  });

  it('zero records', () => {
    roundTrip(codecs.getEventRecordsRsp.def, new Uint8Array(header(0, 0x01)), value(0, { overflow: true, moreRecords: false }), codecs.getEventRecordsRsp);
  });
  it('one record', () => {
    const raw = new Uint8Array([...header(1, 0x02), ...record(1)]);
    expect(raw.length).toBe(160);
    roundTrip(codecs.getEventRecordsRsp.def, raw, value(1, { overflow: false, moreRecords: true }), codecs.getEventRecordsRsp);
  });
  it('three records, and sizeOf tells the exact payload length', () => {
    const raw = new Uint8Array([...header(3, 0x00), ...record(1), ...record(2), ...record(3)]);
    roundTrip(codecs.getEventRecordsRsp.def, raw, value(3, { overflow: false, moreRecords: false }), codecs.getEventRecordsRsp);
    expect(codecs.getEventRecordsRsp.sizeOf(codecs.getEventRecordsRsp.decode(raw))).toBe(32 + 3 * 128);
  });
  it('a count larger than the payload is a typed error naming the records field', () => {
    const raw = new Uint8Array([...header(2, 0), ...record(1)]);
    expect(() => codecs.getEventRecordsRsp.decode(raw)).toThrowError(expect.objectContaining({ code: 'CODEC_SHORT_BUFFER', context: expect.objectContaining({ field: 'records', needed: 288, available: 160 }) }));
  });
});

describe('NVMe Identify Controller (2.0c Figure 275, 4096 bytes)', () => {
  const raw = bytes(
    4096,
    [0, [0x86, 0x80]], // vid = 8086h
    [2, [0x86, 0x80]], // ssvid = 8086h
    [4, ascii('CXLNVME0001         ')], // sn, 20 bytes space padded
    [24, ascii('QEMU NVMe Ctrl'.padEnd(40, ' '))], // mn, 40 bytes space padded
    [64, ascii('10.0.0  ')], // fr, 8 bytes
    [72, [0x06]], // rab
    [73, [0x00, 0x54, 0x52]], // ieee = 525400h (u24, LSB first)
    [77, [0x07]], // mdts = 7 -> 2^7 min pages
    [78, [0x01, 0x00]], // cntlid = 1
    [80, [0x00, 0x04, 0x01, 0x00]], // ver = 00010400h (1.4)
    [111, [0x01]], // cntrltype = 1 (I/O controller)
    [112, [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00]], // fguid
    [256, [0x0a, 0x00]], // oacs
    [266, [0x57, 0x01]], // wctemp = 343 K
    [268, [0x73, 0x01]], // cctemp = 371 K
    [280, [0x00, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]], // tnvmcap = 2^120 + 2^32 (u128)
    [512, [0x66]], // sqes
    [513, [0x44]], // cqes
    [516, [0x02, 0x00, 0x00, 0x00]], // nn = 2
    [768, ascii('nqn.2019-08.org.qemu:CXLNVME0001')], // subnqn, NUL padded
    // psd[0] at 2048: mp = 25.00 W (2500 x 0.01 W), enlat 16 us, exlat 4 us
    [2048, [0xc4, 0x09, 0x00, 0x00, 0x10, 0, 0, 0, 0x04, 0, 0, 0]],
    // psd[31] at 2048 + 31*32 = 3040: flags = nops (bit 1)
    [3043, [0x02]],
    [3072, [0xde, 0xad]], // vs[0..1]
  );
  it('decodes identity strings, 24/128-bit fields and power states', () => {
    const ctrl = codecs.idCtrl.decode(raw);
    expect(ctrl.vid).toBe(0x8086);
    expect(ctrl.sn).toBe('CXLNVME0001');
    expect(ctrl.mn).toBe('QEMU NVMe Ctrl');
    expect(ctrl.fr).toBe('10.0.0');
    expect(ctrl.ieee).toBe(0x525400);
    expect(ctrl.mdts).toBe(7);
    expect(ctrl.ver).toBe(0x10400);
    expect(ctrl.cntrltype).toBe('io');
    expect(ctrl.fguid).toBe('11223344-5566-7788-99aa-bbccddeeff00');
    expect(ctrl.wctemp).toBe(343);
    expect(ctrl.tnvmcap).toBe((1n << 120n) + (1n << 32n));
    expect(ctrl.nn).toBe(2);
    expect(ctrl.subnqn).toBe('nqn.2019-08.org.qemu:CXLNVME0001');
    expect(ctrl.psd).toHaveLength(32);
    expect(ctrl.psd[0]).toMatchObject({ mp: 2500, enlat: 16, exlat: 4, flags: { mps: false, nops: false } });
    expect(ctrl.psd[31]!.flags).toEqual({ mps: false, nops: true });
    expect(ctrl.vs.subarray(0, 3)).toEqual(new Uint8Array([0xde, 0xad, 0]));
    expect(interpretedCodec(codecs.idCtrl.def).decode(raw)).toEqual(ctrl);
    expect(codecs.idCtrl.encode(ctrl)).toEqual(raw);
  });
  it('byte views are private copies', () => {
    const copy = raw.slice();
    const ctrl = codecs.idCtrl.decode(copy);
    copy[3072] = 0;
    expect(ctrl.vs[0]).toBe(0xde);
  });
});

describe('NVMe Identify Namespace (NVM 1.0c Figure 97): split FLBAS index and 64 LBA formats', () => {
  const raw = bytes(
    4096,
    [0, [0x00, 0x00, 0x10, 0, 0, 0, 0, 0]], // nsze = 0x100000 blocks
    [8, [0x00, 0x00, 0x10, 0, 0, 0, 0, 0]], // ncap
    [16, [0x00, 0x10, 0, 0, 0, 0, 0, 0]], // nuse = 0x1000
    [25, [0x13]], // nlbaf = 19 (20 formats, zero-based)
    [26, [0x32]], // flbas = 0011_0010b: lbafLo = 2, extendedMetadata = 1, lbafHi = 1 -> format 18
    [104, [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10]], // nguid
    [120, [0x00, 0x25, 0x38, 0xb1, 0x00, 0x00, 0x00, 0x01]], // eui64
    [128, [0x00, 0x00, 0x09, 0x00]], // lbaf[0]: ms 0, ds 9 (512 B), rp 0 (best)
    [128 + 18 * 4, [0x08, 0x00, 0x0c, 0x02]], // lbaf[18]: ms 8, ds 12 (4 KiB), rp 2 (good)
    [128 + 63 * 4, [0x40, 0x00, 0x0c, 0x03]], // lbaf[63]: ms 64, ds 12, rp 3 (degraded)
  );
  it('decodes the FLBAS halves and the format table', () => {
    const ns = codecs.idNs.decode(raw);
    expect(ns.nsze).toBe(0x100000n);
    expect(ns.nlbaf).toBe(19);
    expect(ns.flbas).toEqual({ lbafLo: 2, extendedMetadata: true, lbafHi: 1 });
    const index = ns.flbas.lbafLo | (ns.flbas.lbafHi << 4);
    expect(index).toBe(18);
    expect(ns.lbaf).toHaveLength(64);
    expect(ns.lbaf[index]).toEqual({ ms: 8, ds: 12, rp: { rp: 'good' } });
    expect(ns.lbaf[63]).toEqual({ ms: 64, ds: 12, rp: { rp: 'degraded' } });
    expect(ns.lbaf[0]).toEqual({ ms: 0, ds: 9, rp: { rp: 'best' } });
    expect(ns.nguid).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
    expect(ns.eui64).toEqual(new Uint8Array([0x00, 0x25, 0x38, 0xb1, 0, 0, 0, 1]));
    expect(codecs.idNs.encode(ns)).toEqual(raw);
    expect(interpretedCodec(codecs.idNs.def).decode(raw)).toEqual(ns);
  });
});

describe('NVMe SMART / Health log (2.0c Figure 207, 512 bytes)', () => {
  it('decodes 128-bit counters and temperature sensors', () => {
    const raw = bytes(
      512,
      [0, [0x05]], // criticalWarning: spare (bit 0) + reliability (bit 2)
      [1, [0x3c, 0x01]], // temperature = 316 K
      [3, [0x64]], // availSpare = 100%
      [4, [0x0a]], // spareThresh = 10%
      [5, [0x03]], // percentUsed = 3%
      [32, [0xe8, 0x03]], // dataUnitsRead = 1000
      [48, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]], // dataUnitsWritten = 2^64 + 2^64 - 1
      [128, [0x10, 0x27]], // powerOnHours = 10000
      [160, new Array(16).fill(0xff)], // mediaErrors = 2^128 - 1
      [192, [0x05, 0, 0, 0]], // warningTempTime = 5 min
      [200, [0x3c, 0x01, 0x3d, 0x01]], // tempSensor[0] = 316 K, [1] = 317 K
    );
    const log = codecs.smartLog.decode(raw);
    expect(log.criticalWarning).toEqual({ spare: true, tempThreshold: false, reliability: true, readOnly: false, volatileMemoryBackup: false, pmrReadOnly: false });
    expect(log.temperature).toBe(316);
    expect(log.availSpare).toBe(100);
    expect(log.percentUsed).toBe(3);
    expect(log.dataUnitsRead).toBe(1000n);
    expect(log.dataUnitsReadBytes).toBe(512_000_000n); // 1000 units of 1000 x 512 B (NVMe 2.0c Figure 207)
    expect(log.dataUnitsWritten).toBe((1n << 64n) + (1n << 64n) - 1n);
    expect(log.powerOnHours).toBe(10000n);
    expect(log.mediaErrors).toBe((1n << 128n) - 1n);
    expect(log.warningTempTime).toBe(5);
    expect(log.tempSensor).toEqual([316, 317, 0, 0, 0, 0, 0, 0]);
    expect(codecs.smartLog.encode(log)).toEqual(raw);
  });
});

describe('NVMe Error Information log entry (2.0c Figure 205, 64 bytes)', () => {
  it('decodes one entry', () => {
    const raw = bytes(
      64,
      [0, [0x07, 0, 0, 0, 0, 0, 0, 0]], // errorCount = 7
      [8, [0x01, 0x00]], // sqid = 1
      [10, [0x34, 0x12]], // cmdid = 1234h
      [12, [0x05, 0x40]], // statusField = 4005h: phase 1, status 2002h (sc 02h, sct 0, more)
      [14, [0xff, 0xff]], // parmErrorLocation = ffffh (not specific)
      [16, [0x00, 0x10, 0, 0, 0, 0, 0, 0]], // lba = 4096
      [24, [0x01, 0, 0, 0]], // nsid = 1
      [31, [0x02]], // opcode = 02h (Read)
      [63, [0x01]], // logPageVersion = 1
    );
    const e = codecs.errorLogPage.decode(raw);
    expect(e).toEqual({
      errorCount: 7n,
      sqid: 1,
      cmdid: 0x1234,
      statusField: 0x4005,
      parmErrorLocation: 0xffff,
      lba: 4096n,
      nsid: 1,
      vs: 0,
      trtype: 0,
      csi: 0,
      opcode: 2,
      cs: 0n,
      trtypeSpecInfo: 0,
      logPageVersion: 1,
    });
    expect(codecs.errorLogPage.encode(e)).toEqual(raw);
  });
});

describe('NVMe Firmware Slot log (2.0c Figure 209, 512 bytes)', () => {
  it('decodes the active slot and seven revisions', () => {
    const raw = bytes(
      512,
      [0, [0x21]], // afi: activeSlot = 1, nextResetSlot = 2
      [8, ascii('1.0.0   ')], // frs[0] (slot 1)
      [16, ascii('1.1.0   ')], // frs[1] (slot 2)
      [56, ascii('ROM')], // frs[6] (slot 7), padded with NULs: trimmed too
    );
    const fw = codecs.firmwareSlot.decode(raw);
    expect(fw.afi).toEqual({ activeSlot: 1, nextResetSlot: 2 });
    expect(fw.frs).toEqual(['1.0.0', '1.1.0', '', '', '', '', 'ROM']);
    // Re-encoding pads with spaces, the NVMe convention.
    const again = codecs.firmwareSlot.encode(fw);
    expect(again.subarray(56, 64)).toEqual(new Uint8Array(ascii('ROM     ')));
    expect(again.subarray(0, 24)).toEqual(raw.subarray(0, 24));
  });
});

describe('NVMe completion queue entry (2.0c Figure 89 / 93)', () => {
  it('splits the status field', () => {
    const raw = new Uint8Array([
      0x78, 0x56, 0x34, 0x12, // result (DW0) = 12345678h
      0x00, 0x00, 0x00, 0x00, // dw1
      0x05, 0x00, // sqHead = 5
      0x01, 0x00, // sqId = 1
      0x2a, 0x00, // commandId = 42
      // status: p=1, sc=02h (Invalid Field... no: 02h = Invalid Field in Command), sct=0, crd=1, m=1, dnr=1
      // = 1 | 0x02<<1 | 0<<9 | 1<<12 | 1<<14 | 1<<15 = 0xd005
      0x05, 0xd0,
    ]);
    const c = codecs.completion.decode(raw);
    expect(c).toEqual({
      result: 0x12345678,
      dw1: 0,
      sqHead: 5,
      sqId: 1,
      commandId: 42,
      status: { p: true, sc: 2, sct: 'generic', crd: 1, m: true, dnr: true },
    });
    expect(codecs.completion.encode(c)).toEqual(raw);
  });
});
