/**
 * Memory device command tables (CXL r3.1 §8.2.9.9): one block per command with byte-exact vectors
 * written field by field from the spec tables, decoded and re-encoded by the generated codec and by
 * the interpreter; variable-length payloads at 0, 1 and many elements decoded from their own
 * counts; zero / all-ones sweeps and truncation errors over every struct. Every layout is
 * cross-checked against ../shared/reference/cxl-struct-layouts.tsv in test/structs/reference-layouts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { CxlCommandDef } from '../../spec-tables/schema.js';
import * as M from '../../spec-tables/cxl/memdev.js';
import { codecError, vector } from './table-structs.js';
import { codecs, } from '../../src/structs/index.js';

// --- helpers -----------------------------------------------------------------------------------

const z = (n: number): number[] => new Array<number>(n).fill(0);
const ff = (n: number): number[] => new Array<number>(n).fill(0xff);
const ascii = (s: string, n: number): number[] => [...[...s].map((c) => c.charCodeAt(0)), ...z(n - s.length)];
const seq = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => (from + i) & 0xff);




const command = (name: string): CxlCommandDef => {
  const c = (M.commands as readonly CxlCommandDef[]).find((x) => x.name === name);
  if (!c) throw new Error(`no command ${name}`);
  return c;
};

// --- the command list ------------------------------------------------------------------------------

describe('memory device command rows', () => {
  it('has one row per libcxlmi memory-device function (35) with its opcode', () => {
    expect(Object.fromEntries(M.commands.map((c) => [c.name, c.opcode]))).toEqual({
      memdevIdentify: 0x4000,
      memdevGetPartitionInfo: 0x4100,
      memdevSetPartitionInfo: 0x4101,
      memdevGetLsa: 0x4102,
      memdevSetLsa: 0x4103,
      memdevGetHealthInfo: 0x4200,
      memdevGetAlertConfig: 0x4201,
      memdevSetAlertConfig: 0x4202,
      memdevGetShutdownState: 0x4203,
      memdevSetShutdownState: 0x4204,
      getPoisonList: 0x4300,
      memdevInjectPoison: 0x4301,
      memdevClearPoison: 0x4302,
      memdevGetScanMediaCapabilities: 0x4303,
      memdevScanMedia: 0x4304,
      memdevGetScanMediaResults: 0x4305,
      memdevSanitize: 0x4400,
      memdevSecureErase: 0x4401,
      memdevMediaOperationsDiscovery: 0x4402,
      memdevMediaOperationsSanitize: 0x4402,
      memdevGetSecurityState: 0x4500,
      memdevSetPassphrase: 0x4501,
      memdevDisablePassphrase: 0x4502,
      memdevUnlock: 0x4503,
      memdevFreezeSecurityState: 0x4504,
      memdevPassphraseSecureErase: 0x4505,
      memdevSecuritySend: 0x4600,
      memdevSecurityReceive: 0x4601,
      memdevGetSldQosControl: 0x4700,
      memdevSetSldQosControl: 0x4701,
      memdevGetSldQosStatus: 0x4702,
      memdevGetDcConfig: 0x4800,
      memdevGetDcExtentList: 0x4801,
      memdevAddDcResponse: 0x4802,
      memdevReleaseDc: 0x4803,
    });
    expect(M.commands).toHaveLength(35);
    for (const c of M.commands) {
      const camel = c.cName.replace(/^cxlmi_cmd_/, '').replace(/_([a-z0-9])/g, (_m, x: string) => x.toUpperCase());
      expect(c.name).toBe(camel);
      expect(c.spec).toMatch(/^CXL r3\.1 §8\.2\.9\.9\./);
      expect(c.doc.length).toBeGreaterThan(10);
    }
  });

  it('marks the background commands of r3.1 (return code 01h allowed)', () => {
    const bg = M.commands.filter((c) => 'background' in c && c.background).map((c) => c.name);
    expect(bg).toEqual(['memdevScanMedia', 'memdevSanitize', 'memdevMediaOperationsSanitize']);
  });

  it('marks the commands that destroy data', () => {
    const d = M.commands.filter((c) => 'destructive' in c && c.destructive).map((c) => c.name);
    expect(d).toEqual([
      'memdevSetPartitionInfo',
      'memdevSetLsa',
      'memdevInjectPoison',
      'memdevClearPoison',
      'memdevSanitize',
      'memdevSecureErase',
      'memdevMediaOperationsSanitize',
      'memdevPassphraseSecureErase',
    ]);
  });

  it('has no payload where the spec has none, and sizes Get LSA from its request', () => {
    for (const n of ['memdevSanitize', 'memdevSecureErase', 'memdevFreezeSecurityState']) {
      expect(command(n).request).toBeUndefined();
      expect(command(n).response).toBeUndefined();
    }
    expect(command('memdevGetLsa').responseLengthFrom).toBe('length');
  });
});

// --- 40h / 41h --------------------------------------------------------------------------------------

describe('Identify Memory Device 4000h (Table 8-127)', () => {
  it('decodes a 2 GiB volatile device', () => {
    vector(
      codecs.memdevIdentifyRsp,
      [
        ...ascii('BWFW VERSION 00', 16), // fwRevision
        0x08, 0, 0, 0, 0, 0, 0, 0, // totalCapacity = 8 x 256 MiB
        0x08, 0, 0, 0, 0, 0, 0, 0, // volatileCapacity = 8
        ...z(8), // persistentCapacity = 0
        ...z(8), // partitionAlign = 0
        0x01, 0x00, // infoEventLogSize
        0x02, 0x00, // warningEventLogSize
        0x03, 0x00, // failureEventLogSize
        0x04, 0x00, // fatalEventLogSize
        0x00, 0x00, 0x00, 0x00, // lsaSize = 0
        0x00, 0x01, 0x00, // poisonListMaxMer = 256
        0x00, 0x00, // injectPoisonLimit = none
        0x00, // poisonCaps
        0x00, // qosTelemetryCaps
        0x05, 0x00, // dcEventLogSize = 5
      ],
      {
        fwRevision: 'BWFW VERSION 00',
        totalCapacity: 8n,
        volatileCapacity: 8n,
        persistentCapacity: 0n,
        partitionAlign: 0n,
        infoEventLogSize: 1,
        warningEventLogSize: 2,
        failureEventLogSize: 3,
        fatalEventLogSize: 4,
        lsaSize: 0,
        poisonListMaxMer: 256,
        injectPoisonLimit: 0,
        poisonCaps: { injectsPersistentPoison: false, scansForPoison: false },
        qosTelemetryCaps: 0,
        dcEventLogSize: 5,
      },
    );
  });
  it('reports the missing dcEventLogSize of a 67-byte (CXL 2.0) reply', () => {
    codecError(() => codecs.memdevIdentifyRsp.decode(new Uint8Array(67)), 'CODEC_SHORT_BUFFER', 'dcEventLogSize');
  });
});

describe('Get / Set Partition Info 4100h-4101h (Tables 8-128, 8-129)', () => {
  it('decodes active and next capacities in 256 MiB units', () => {
    vector(
      codecs.memdevGetPartitionInfoRsp,
      [
        0x04, 0, 0, 0, 0, 0, 0, 0, // activeVmem = 4 (1 GiB)
        0x0c, 0, 0, 0, 0, 0, 0, 0, // activePmem = 12
        0x08, 0, 0, 0, 0, 0, 0, 0, // nextVmem = 8
        0x08, 0, 0, 0, 0, 0, 0, 0, // nextPmem = 8
      ],
      { activeVmem: 4n, activePmem: 12n, nextVmem: 8n, nextPmem: 8n },
    );
  });
  it('encodes the volatile capacity and the immediate flag', () => {
    vector(
      codecs.memdevSetPartitionInfoReq,
      [
        0x08, 0, 0, 0, 0, 0, 0, 0, // volatileCapacity = 8 x 256 MiB
        0x01, // flags: immediate
      ],
      { volatileCapacity: 8n, flags: { immediate: true } },
    );
    expect(codecs.memdevSetPartitionInfoReq.encode({ volatileCapacity: 2 })).toEqual(Uint8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0]));
  });
});

describe('Get / Set LSA 4102h-4103h (Tables 8-130 to 8-132)', () => {
  it('encodes the Get LSA request and returns exactly the bytes sent', () => {
    vector(
      codecs.memdevGetLsaReq,
      [
        0x00, 0x01, 0x00, 0x00, // offset = 256
        0x80, 0x00, 0x00, 0x00, // length = 128
      ],
      { offset: 256, length: 128 },
    );
    vector(codecs.memdevGetLsaRsp, [], { data: new Uint8Array(0) });
    vector(codecs.memdevGetLsaRsp, [0x4e], { data: Uint8Array.of(0x4e) });
    vector(codecs.memdevGetLsaRsp, seq(128), { data: Uint8Array.from(seq(128)) });
  });
  it('carries 0, 1 and many bytes of Set LSA data', () => {
    const head = [
      0x40, 0x00, 0x00, 0x00, // offset = 64
      0x00, 0x00, 0x00, 0x00, // rsvd4
    ];
    vector(codecs.memdevSetLsaReq, head, { offset: 64, data: new Uint8Array(0) });
    vector(codecs.memdevSetLsaReq, [...head, 0xab], { offset: 64, data: Uint8Array.of(0xab) });
    vector(codecs.memdevSetLsaReq, [...head, ...seq(300)], { offset: 64, data: Uint8Array.from(seq(300)) });
  });
});

// --- 42h Health Info and Alerts --------------------------------------------------------------------

describe('Get Health Info 4200h (Table 8-133)', () => {
  it('decodes status bits, media status, and a negative temperature', () => {
    vector(
      codecs.memdevGetHealthInfoRsp,
      [
        0x0a, // healthStatus: performanceDegraded | memoryCapacityDegraded
        0x06, // mediaStatus = writePersistencyLossImminent
        0x39, // additionalStatus: lifeUsed warning (01b), deviceTemperature critical (10b), correctedVolatile (bit 4), correctedPersistent (bit 5)
        0x5a, // lifeUsed = 90%
        0xf6, 0xff, // deviceTemperature = -10 C
        0x02, 0x00, 0x00, 0x00, // dirtyShutdownCount = 2
        0xe8, 0x03, 0x00, 0x00, // correctedVolatileErrorCount = 1000
        0xff, 0xff, 0xff, 0xff, // correctedPersistentErrorCount = saturated
      ],
      {
        healthStatus: { maintenanceNeeded: false, performanceDegraded: true, hardwareReplacementNeeded: false, memoryCapacityDegraded: true },
        mediaStatus: 'writePersistencyLossImminent',
        additionalStatus: { lifeUsed: 'warning', deviceTemperature: 'critical', correctedVolatileErrorCount: true, correctedPersistentErrorCount: true },
        lifeUsed: 90,
        deviceTemperature: -10,
        dirtyShutdownCount: 2,
        correctedVolatileErrorCount: 1000,
        correctedPersistentErrorCount: 0xffffffff,
      },
    );
  });
  it('keeps the not-implemented markers and unknown media status as numbers', () => {
    const d = codecs.memdevGetHealthInfoRsp.decode(Uint8Array.from([0, 0x0a, 0, 0xff, 0xff, 0x7f, ...z(12)]));
    expect(d.mediaStatus).toBe(10);
    expect(d.lifeUsed).toBe(M.lifeUsedNotImplemented);
    expect(d.deviceTemperature).toBe(M.deviceTemperatureNotImplemented);
  });
  it('names the field where a short reply ends', () => {
    codecError(() => codecs.memdevGetHealthInfoRsp.decode(new Uint8Array(5)), 'CODEC_SHORT_BUFFER', 'deviceTemperature');
  });
});

describe('Get / Set Alert Configuration 4201h-4202h (Tables 8-134, 8-135)', () => {
  const alerts = (on: boolean[]) => ({
    lifeUsedProgrammableWarning: on[0],
    deviceOverTemperatureProgrammableWarning: on[1],
    deviceUnderTemperatureProgrammableWarning: on[2],
    correctedVolatileMemErrorProgrammableWarning: on[3],
    correctedPersistentMemErrorProgrammableWarning: on[4],
  });
  it("decodes thresholds with 2's complement temperatures (libcxlmi: unsigned)", () => {
    vector(
      codecs.memdevGetAlertConfigRsp,
      [
        0x1f, // validAlerts: all five
        0x07, // programmableAlerts: life used, over- and under-temperature
        0x5f, // lifeUsedCriticalAlertThreshold = 95%
        0x50, // lifeUsedProgrammableWarningThreshold = 80%
        0x69, 0x00, // deviceOverTemperatureCriticalAlertThreshold = 105 C
        0xe2, 0xff, // deviceUnderTemperatureCriticalAlertThreshold = -30 C
        0x5a, 0x00, // deviceOverTemperatureProgrammableWarningThreshold = 90 C
        0xf6, 0xff, // deviceUnderTemperatureProgrammableWarningThreshold = -10 C
        0x64, 0x00, // correctedVolatileMemErrorProgrammableWarningThreshold = 100
        0xc8, 0x00, // correctedPersistentMemErrorProgrammableWarningThreshold = 200
      ],
      {
        validAlerts: alerts([true, true, true, true, true]),
        programmableAlerts: alerts([true, true, true, false, false]),
        lifeUsedCriticalAlertThreshold: 95,
        lifeUsedProgrammableWarningThreshold: 80,
        deviceOverTemperatureCriticalAlertThreshold: 105,
        deviceUnderTemperatureCriticalAlertThreshold: -30,
        deviceOverTemperatureProgrammableWarningThreshold: 90,
        deviceUnderTemperatureProgrammableWarningThreshold: -10,
        correctedVolatileMemErrorProgrammableWarningThreshold: 100,
        correctedPersistentMemErrorProgrammableWarningThreshold: 200,
      },
    );
  });
  it('encodes the set request', () => {
    vector(
      codecs.memdevSetAlertConfigReq,
      [
        0x03, // validAlertActions: life used, over-temperature
        0x01, // enableAlertActions: life used only
        0x4b, // lifeUsedProgrammableWarningThreshold = 75%
        0x00, // rsvd3
        0x55, 0x00, // deviceOverTemperatureProgrammableWarningThreshold = 85 C
        0xfb, 0xff, // deviceUnderTemperatureProgrammableWarningThreshold = -5 C
        0x00, 0x00, // correctedVolatileMemErrorProgrammableWarningThreshold
        0x00, 0x00, // correctedPersistentMemErrorProgrammableWarningThreshold
      ],
      {
        validAlertActions: alerts([true, true, false, false, false]),
        enableAlertActions: alerts([true, false, false, false, false]),
        lifeUsedProgrammableWarningThreshold: 75,
        deviceOverTemperatureProgrammableWarningThreshold: 85,
        deviceUnderTemperatureProgrammableWarningThreshold: -5,
        correctedVolatileMemErrorProgrammableWarningThreshold: 0,
        correctedPersistentMemErrorProgrammableWarningThreshold: 0,
      },
    );
    codecError(() => codecs.memdevSetAlertConfigReq.encode({ deviceOverTemperatureProgrammableWarningThreshold: 40000 }), 'CODEC_RANGE', 'deviceOverTemperatureProgrammableWarningThreshold');
  });
});

describe('Get / Set Shutdown State 4203h-4204h (Tables 8-136, 8-137)', () => {
  it('carries the dirty bit', () => {
    vector(codecs.memdevGetShutdownStateRsp, [0x01 /* dirty */], { state: { dirty: true } });
    vector(codecs.memdevSetShutdownStateReq, [0x00 /* clean */], { state: { dirty: false } });
  });
});

// --- 43h Media and Poison Management ------------------------------------------------------------------

describe('Get Poison List 4300h (Tables 8-138 to 8-140)', () => {
  it('encodes the request: restart flag and DPA[63:6] share the first word', () => {
    vector(
      codecs.memdevGetPoisonListReq,
      [
        0x01, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // getPoisonListPhyAddr: restartRequest, DPA 1000h (cacheline 40h)
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // getPoisonListPhyAddrLen = 1000000h x 64 B (1 GiB)
      ],
      { getPoisonListPhyAddr: { restartRequest: true, cacheline: 0x40n }, getPoisonListPhyAddrLen: 0x1000000n },
    );
  });

  const head = (n: number) => [
    0x05, // poisonListFlags: moreMediaErrorRecords | scanMediaInProgress
    0x00, // rsvd1
    ...z(8), // overflowTimestamp
    n & 0xff, n >> 8, // moreErrMediaRecordCnt
    ...z(20), // rsvd12
  ];
  const top = { poisonListFlags: { moreMediaErrorRecords: true, poisonListOverflow: false, scanMediaInProgress: true, restartAck: false }, overflowTimestamp: 0n };
  const rec = (src: number, line: number) => [
    (line << 6) & 0xc0 | src, (line >> 2) & 0xff, 0, 0, 0, 0, 0, 0, // mediaErrAddr: errorSource, cacheline
    0x01, 0x00, 0x00, 0x00, // mediaErrLen = 1 x 64 B
    0x00, 0x00, 0x00, 0x00, // rsvd12
  ];
  it('decodes 0, 1 and 3 records from the record count', () => {
    vector(codecs.memdevGetPoisonListRsp, head(0), { ...top, moreErrMediaRecordCnt: 0, records: [] });
    vector(codecs.memdevGetPoisonListRsp, [...head(1), ...rec(3, 0x40)], {
      ...top,
      moreErrMediaRecordCnt: 1,
      records: [{ mediaErrAddr: { errorSource: 'injected', cacheline: 0x40n }, mediaErrLen: 1 }],
    });
    vector(codecs.memdevGetPoisonListRsp, [...head(3), ...rec(1, 1), ...rec(2, 2), ...rec(7, 3)], {
      ...top,
      moreErrMediaRecordCnt: 3,
      records: [
        { mediaErrAddr: { errorSource: 'external', cacheline: 1n }, mediaErrLen: 1 },
        { mediaErrAddr: { errorSource: 'internal', cacheline: 2n }, mediaErrLen: 1 },
        { mediaErrAddr: { errorSource: 'vendorSpecific', cacheline: 3n }, mediaErrLen: 1 },
      ],
    });
  });
  it('decodes a reserved error source as a number, and more than 256 records', () => {
    const d = codecs.memdevGetPoisonListRsp.decode(Uint8Array.from([...head(1), ...rec(5, 9)]));
    expect(d.records[0]!.mediaErrAddr).toEqual({ errorSource: 5, cacheline: 9n });
    const many = 300;
    const raw = [...head(many), ...Array.from({ length: many }, (_, i) => rec(0, i)).flat()];
    const big = codecs.memdevGetPoisonListRsp.decode(Uint8Array.from(raw));
    expect(big.records).toHaveLength(300);
    expect(big.records[299]!.mediaErrAddr.cacheline).toBe(299n);
  });
  it('rejects a reply shorter than its record count', () => {
    codecError(() => codecs.memdevGetPoisonListRsp.decode(Uint8Array.from([...head(2), ...rec(0, 0)])), 'CODEC_SHORT_BUFFER', 'records');
    codecError(() => codecs.memdevGetPoisonListRsp.decode(Uint8Array.from(head(0).slice(0, 11))), 'CODEC_SHORT_BUFFER', 'moreErrMediaRecordCnt');
  });
  it('keeps the full 64-bit DPA range', () => {
    const v = { errorSource: 'unknown', cacheline: (1n << 58n) - 1n } as const;
    const raw = codecs.memdevMediaErrRecord.encode({ mediaErrAddr: v, mediaErrLen: 2 });
    expect([...raw.subarray(0, 8)]).toEqual([0xc0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });
});

describe('Inject / Clear Poison 4301h-4302h (Tables 8-141, 8-142)', () => {
  it('encodes the DPA and the 64 bytes of replacement data', () => {
    vector(codecs.memdevInjectPoisonReq, [0x40, 0x10, 0, 0, 0, 0, 0, 0 /* injectPoisonPhyAddr = 1040h */], { injectPoisonPhyAddr: 0x1040n });
    vector(
      codecs.memdevClearPoisonReq,
      [
        0x40, 0x10, 0, 0, 0, 0, 0, 0, // clearPoisonPhyAddr = 1040h
        ...seq(64, 0x80), // clearPoisonWriteData
      ],
      { clearPoisonPhyAddr: 0x1040n, clearPoisonWriteData: Uint8Array.from(seq(64, 0x80)) },
    );
    codecError(() => codecs.memdevClearPoisonReq.encode({ clearPoisonWriteData: new Uint8Array(65) }), 'CODEC_RANGE', 'clearPoisonWriteData');
  });
});

describe('Scan Media 4303h-4305h (Tables 8-143 to 8-146)', () => {
  it('encodes Get Scan Media Capabilities and decodes the estimate', () => {
    vector(
      codecs.memdevGetScanMediaCapabilitiesReq,
      [
        0x00, 0x00, 0x00, 0x10, 0, 0, 0, 0, // getScanMediaCapabilitiesStartPhysaddr = 10000000h
        0x00, 0x00, 0x40, 0x00, 0, 0, 0, 0, // getScanMediaCapabilitiesPhysaddrLength = 400000h x 64 B (256 MiB)
      ],
      { getScanMediaCapabilitiesStartPhysaddr: 0x10000000n, getScanMediaCapabilitiesPhysaddrLength: 0x400000n },
    );
    vector(codecs.memdevGetScanMediaCapabilitiesRsp, [0x10, 0x27, 0x00, 0x00 /* estimatedScanMediaTime = 10000 ms */], { estimatedScanMediaTime: 10000 });
  });
  it('encodes Scan Media with its one-byte flags (libcxlmi writes it with cpu_to_le16)', () => {
    vector(
      codecs.memdevScanMediaReq,
      [
        ...z(8), // scanMediaPhysaddr = 0
        0x00, 0x00, 0x40, 0x00, 0, 0, 0, 0, // scanMediaPhysaddrLength = 400000h x 64 B
        0x01, // scanMediaFlags: noEventLog
      ],
      { scanMediaPhysaddr: 0n, scanMediaPhysaddrLength: 0x400000n, scanMediaFlags: { noEventLog: true } },
    );
    expect(M.memdevScanMediaReq.size).toBe(17);
  });
  const head = (n: number, flags: number) => [
    0x00, 0x00, 0x00, 0x20, 0, 0, 0, 0, // scanMediaRestartPhysaddr = 20000000h
    0x00, 0x00, 0x20, 0x00, 0, 0, 0, 0, // scanMediaRestartPhysaddrLength = 200000h x 64 B
    flags, // scanMediaFlags
    0x00, // rsvd17
    n, 0x00, // mediaErrorCount
    ...z(12), // rsvd20
  ];
  const top = { scanMediaRestartPhysaddr: 0x20000000n, scanMediaRestartPhysaddrLength: 0x200000n };
  const rec = [
    0x02, 0x01, 0, 0, 0, 0, 0, 0, // mediaErrorAddress: internal, cacheline 4
    0x08, 0x00, 0x00, 0x00, // mediaErrorLength = 8 x 64 B
    0x00, 0x00, 0x00, 0x00, // rsvd12
  ];
  const recValue = { mediaErrorAddress: { errorSource: 'internal', cacheline: 4n }, mediaErrorLength: 8 };
  it('decodes Get Scan Media Results with 0, 1 and 4 records', () => {
    vector(codecs.memdevGetScanMediaResultsRsp, head(0, 0x02), {
      ...top,
      scanMediaFlags: { moreMediaErrorRecords: false, scanStoppedPrematurely: true },
      mediaErrorCount: 0,
      record: [],
    });
    vector(codecs.memdevGetScanMediaResultsRsp, [...head(1, 0x01), ...rec], {
      ...top,
      scanMediaFlags: { moreMediaErrorRecords: true, scanStoppedPrematurely: false },
      mediaErrorCount: 1,
      record: [recValue],
    });
    vector(codecs.memdevGetScanMediaResultsRsp, [...head(4, 0x00), ...rec, ...rec, ...rec, ...rec], {
      ...top,
      scanMediaFlags: { moreMediaErrorRecords: false, scanStoppedPrematurely: false },
      mediaErrorCount: 4,
      record: [recValue, recValue, recValue, recValue],
    });
    codecError(() => codecs.memdevGetScanMediaResultsRsp.decode(Uint8Array.from([...head(4, 0), ...rec, ...rec])), 'CODEC_SHORT_BUFFER', 'record');
  });
});

// --- 44h Sanitize and Media Operations ----------------------------------------------------------------

describe('Media Operations 4402h (Tables 8-147 to 8-152)', () => {
  it('encodes the Discovery request (class 0, subclass 0, no ranges, then start index and count)', () => {
    vector(
      codecs.memdevMediaOperationsDiscoveryReq,
      [
        0x00, // mediaOperationClass = general
        0x00, // mediaOperationSubclass = discovery
        0x00, 0x00, // rsvd2
        0x00, 0x00, 0x00, 0x00, // dpaRangeCount = 0
        0x00, 0x00, // discoveryOsa.startIndex = 0
        0x08, 0x00, // discoveryOsa.numOps = 8
      ],
      { mediaOperationClass: 'general', mediaOperationSubclass: 0, dpaRangeCount: 0, discoveryOsa: { startIndex: 0, numOps: 8 } },
    );
  });
  it('decodes 0, 1 and 2 supported operations from numSupportedOps', () => {
    const head = (n: number) => [
      0x00, 0x00, 0x00, 0x10, 0, 0, 0, 0, // dpaRangeGranularity = 256 MiB
      0x02, 0x00, // totalSupportedOps = 2
      n, 0x00, // numSupportedOps
    ];
    const top = { dpaRangeGranularity: 0x10000000n, totalSupportedOps: 2 };
    vector(codecs.memdevMediaOperationsDiscoveryRsp, head(0), { ...top, numSupportedOps: 0, entry: [] });
    vector(codecs.memdevMediaOperationsDiscoveryRsp, [...head(1), 0x01, 0x00 /* sanitize / sanitize */], {
      ...top,
      numSupportedOps: 1,
      entry: [{ mediaOpClass: 'sanitize', mediaOpSubclass: 0 }],
    });
    vector(codecs.memdevMediaOperationsDiscoveryRsp, [...head(2), 0x01, 0x00, 0x01, 0x01 /* sanitize; zero */], {
      ...top,
      numSupportedOps: 2,
      entry: [
        { mediaOpClass: 'sanitize', mediaOpSubclass: 0 },
        { mediaOpClass: 'sanitize', mediaOpSubclass: 1 },
      ],
    });
    codecError(() => codecs.memdevMediaOperationsDiscoveryRsp.decode(Uint8Array.from([...head(2), 1, 0])), 'CODEC_SHORT_BUFFER', 'entry');
  });
  it('encodes sanitize / zero over 0, 1 and 3 DPA ranges', () => {
    const head = (sub: number, n: number) => [
      0x01, // mediaOperationClass = sanitize
      sub, // mediaOperationSubclass
      0x00, 0x00, // rsvd2
      n, 0x00, 0x00, 0x00, // dpaRangeCount
    ];
    const range = (start: number[], len: number[]) => [...start, ...len];
    vector(codecs.memdevMediaOperationsSanitizeReq, head(0, 0), { mediaOperationClass: 'sanitize', mediaOperationSubclass: 'sanitize', dpaRangeCount: 0, dpaRangeList: [] });
    vector(
      codecs.memdevMediaOperationsSanitizeReq,
      [...head(1, 1), ...range([0, 0, 0, 0x10, 0, 0, 0, 0], [0, 0, 0, 0x10, 0, 0, 0, 0])], // start 10000000h, length 256 MiB
      { mediaOperationClass: 'sanitize', mediaOperationSubclass: 'zero', dpaRangeCount: 1, dpaRangeList: [{ startingDpa: 0x10000000n, length: 0x10000000n }] },
    );
    const r = range([0x40, 0, 0, 0, 0, 0, 0, 0], [0x40, 0, 0, 0, 0, 0, 0, 0]);
    vector(codecs.memdevMediaOperationsSanitizeReq, [...head(0, 3), ...r, ...r, ...r], {
      mediaOperationClass: 'sanitize',
      mediaOperationSubclass: 'sanitize',
      dpaRangeCount: 3,
      dpaRangeList: [
        { startingDpa: 0x40n, length: 0x40n },
        { startingDpa: 0x40n, length: 0x40n },
        { startingDpa: 0x40n, length: 0x40n },
      ],
    });
    codecError(() => codecs.memdevMediaOperationsSanitizeReq.encode({ dpaRangeCount: 2, dpaRangeList: [] }), 'CODEC_BAD_COUNT', 'dpaRangeCount');
  });
});

// --- 45h / 46h Security ------------------------------------------------------------------------------------

describe('Persistent Memory Security 4500h-4505h (Tables 8-153 to 8-157)', () => {
  const pass = (c: number) => new Array<number>(32).fill(c);
  it('decodes the security state bits', () => {
    vector(codecs.memdevGetSecurityStateRsp, [0x25, 0x00, 0x00, 0x00 /* userPassphraseSet | locked | masterPassphraseAttemptCountReached */], {
      securityState: {
        userPassphraseSet: true,
        masterPassphraseSet: false,
        locked: true,
        frozen: false,
        userPassphraseAttemptCountReached: false,
        masterPassphraseAttemptCountReached: true,
      },
    });
  });
  it('encodes the passphrase requests', () => {
    vector(
      codecs.memdevSetPassphraseReq,
      [
        0x01, // passphraseType = user
        ...z(31), // rsvd1
        ...pass(0x61), // currentPassphrase
        ...pass(0x62), // newPassphrase
      ],
      { passphraseType: 'user', currentPassphrase: Uint8Array.from(pass(0x61)), newPassphrase: Uint8Array.from(pass(0x62)) },
    );
    vector(
      codecs.memdevDisablePassphraseReq,
      [
        0x00, // passphraseType = master
        ...z(31), // rsvd1
        ...pass(0x63), // passphrase
      ],
      { passphraseType: 'master', passphrase: Uint8Array.from(pass(0x63)) },
    );
    vector(codecs.memdevUnlockReq, pass(0x64) /* currentPassphrase */, { currentPassphrase: Uint8Array.from(pass(0x64)) });
    vector(
      codecs.memdevPassphraseSecureEraseReq,
      [
        0x00, // passphraseType = master
        ...z(31), // rsvd1
        ...pass(0x65), // passphrase
      ],
      { passphraseType: 'master', passphrase: Uint8Array.from(pass(0x65)) },
    );
    expect(M.passphraseSize).toBe(32);
  });
});

describe('Security Send / Receive 4600h-4601h (Tables 8-158 to 8-160)', () => {
  const head = (proto: number, sp: number[]) => [
    proto, // securityProtocol
    ...sp, // spSpecific (u16)
    0x00, 0x00, 0x00, 0x00, 0x00, // rsvd3
  ];
  it('sends 0, 1 and many bytes of protocol data', () => {
    vector(codecs.memdevSecuritySendReq, head(0xea, [0x01, 0x00]), { securityProtocol: 0xea, spSpecific: 1, data: new Uint8Array(0) });
    vector(codecs.memdevSecuritySendReq, [...head(0xea, [0x01, 0x00]), 0x99], { securityProtocol: 0xea, spSpecific: 1, data: Uint8Array.of(0x99) });
    vector(codecs.memdevSecuritySendReq, [...head(0xef, [0x34, 0x12]), ...seq(512)], { securityProtocol: 0xef, spSpecific: 0x1234, data: Uint8Array.from(seq(512)) });
  });
  it('receives any protocol with any length (libcxlmi: protocol 0 only, 264 bytes)', () => {
    vector(codecs.memdevSecurityReceiveReq, head(0xea, [0x00, 0x01]), { securityProtocol: 0xea, spSpecific: 0x100 });
    vector(codecs.memdevSecurityReceiveRsp, [], { data: new Uint8Array(0) });
    vector(codecs.memdevSecurityReceiveRsp, [0x00], { data: Uint8Array.of(0) });
    vector(codecs.memdevSecurityReceiveRsp, seq(10), { data: Uint8Array.from(seq(10)) });
  });
});

// --- 47h SLD QoS Telemetry -------------------------------------------------------------------------------

describe('SLD QoS Telemetry 4700h-4702h (Tables 8-161, 8-162)', () => {
  it('carries the control block both ways and the status', () => {
    const raw = [
      0x03, // qosTelemetryControl: egressPortCongestionEnable | temporaryThroughputReductionEnable
      0x0a, // egressModeratePercentage = 10
      0x19, // egressSeverePercentage = 25
      0x08, // backpressureSampleInterval = 8
    ];
    const value = {
      qosTelemetryControl: { egressPortCongestionEnable: true, temporaryThroughputReductionEnable: true },
      egressModeratePercentage: 10,
      egressSeverePercentage: 25,
      backpressureSampleInterval: 8,
    };
    vector(codecs.memdevGetSldQosControlRsp, raw, value);
    vector(codecs.memdevSetSldQosControlReq, raw, value);
    vector(codecs.memdevGetSldQosStatusRsp, [0x21 /* backpressureAvgPercentage = 33 */], { backpressureAvgPercentage: 33 });
  });
});

// --- 48h Dynamic Capacity -----------------------------------------------------------------------------------

describe('Get Dynamic Capacity Configuration 4800h (Tables 8-163 to 8-165)', () => {
  it('encodes the request', () => {
    vector(codecs.memdevGetDcConfigReq, [0x08 /* regionCnt */, 0x00 /* startRegionId */], { regionCnt: 8, startRegionId: 0 });
  });
  const head = (n: number) => [
    0x02, // numRegions = 2
    n, // regionsReturned
    ...z(6), // rsvd2
  ];
  const region = (base: number) => [
    0x00, 0x00, 0x00, base, 0, 0, 0, 0, // base
    0x01, 0, 0, 0, 0, 0, 0, 0, // decodeLen = 1 x 256 MiB (kept in units; libcxlmi multiplies)
    0x00, 0x00, 0x00, 0x10, 0, 0, 0, 0, // regionLen = 256 MiB
    0x00, 0x00, 0x20, 0x00, 0, 0, 0, 0, // blockSize = 2 MiB
    0x07, 0x00, 0x00, 0x00, // dsmadhandle = 7
    0x01, // flags: sanitizeOnRelease
    0x00, 0x00, 0x00, // rsvd37
  ];
  const regionValue = (base: number) => ({
    base: BigInt(base) << 24n,
    decodeLen: 1n,
    regionLen: 0x10000000n,
    blockSize: 0x200000n,
    dsmadhandle: 7,
    flags: { sanitizeOnRelease: true },
  });
  const trailer = [
    0x00, 0x01, 0x00, 0x00, // numExtentsSupported = 256
    0xfe, 0x00, 0x00, 0x00, // numExtentsAvailable = 254
    0x10, 0x00, 0x00, 0x00, // numTagsSupported = 16
    0x0f, 0x00, 0x00, 0x00, // numTagsAvailable = 15
  ];
  const trailerValue = { numExtentsSupported: 256, numExtentsAvailable: 254, numTagsSupported: 16, numTagsAvailable: 15 };

  it('decodes 0, 1 and 2 regions, then the counters right after the last returned region', () => {
    for (const n of [0, 1, 2]) {
      const regions = Array.from({ length: n }, (_, i) => region(0x10 * (i + 1)));
      const raw = [...head(n), ...regions.flat(), ...trailer];
      const value = { numRegions: 2, regionsReturned: n, regionConfigs: regions.map((_, i) => regionValue(0x10 * (i + 1))), ...trailerValue };
      vector(codecs.memdevGetDcConfigRsp, raw, value);
      expect(codecs.memdevGetDcConfigRsp.sizeOf(value)).toBe(8 + 40 * n + 16);
    }
    vector(codecs.memdevGetDcConfigRspTrailer, trailer, trailerValue);
  });
  it('rejects more than 8 regions, a reply cut inside a region, and a missing trailer', () => {
    codecError(() => codecs.memdevGetDcConfigRsp.decode(Uint8Array.from([...head(9), ...z(9 * 40), ...trailer])), 'CODEC_BAD_COUNT', 'regionConfigs');
    codecError(() => codecs.memdevGetDcConfigRsp.decode(Uint8Array.from([...head(2), ...region(0x10), ...trailer])), 'CODEC_SHORT_BUFFER', 'regionConfigs');
    codecError(() => codecs.memdevGetDcConfigRsp.decode(Uint8Array.from([...head(1), ...region(0x10)])), 'CODEC_SHORT_BUFFER', 'regionConfigs');
    expect(command('memdevGetDcConfig').doc).toMatch(/counters/i);
  });
});

describe('Get Dynamic Capacity Extent List 4801h (Tables 8-166, 8-167, 8-51)', () => {
  it('encodes the request, including extentCnt 0 (totals only; libcxlmi sends 8)', () => {
    vector(codecs.memdevGetDcExtentListReq, [0x00, 0x00, 0x00, 0x00 /* extentCnt = 0 */, 0x05, 0x00, 0x00, 0x00 /* startExtentIdx = 5 */], {
      extentCnt: 0,
      startExtentIdx: 5,
    });
  });
  const TAG = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00];
  const extent = (i: number) => [
    0x00, 0x00, 0x00, 0x10 + i, 0, 0, 0, 0, // startDpa
    0x00, 0x00, 0x20, 0x00, 0, 0, 0, 0, // len = 2 MiB
    ...TAG, // tag
    i, 0x00, // sharedSeq
    ...z(6), // rsvd34
  ];
  const extentValue = (i: number) => ({
    startDpa: BigInt(0x10 + i) << 24n,
    len: 0x200000n,
    tag: '11223344-5566-7788-99aa-bbccddeeff00',
    sharedSeq: i,
  });
  const head = (n: number) => [
    n, 0x00, 0x00, 0x00, // numExtentsReturned
    0x0a, 0x00, 0x00, 0x00, // totalNumExtents = 10
    0x2a, 0x00, 0x00, 0x00, // generationNum = 42
    ...z(4), // rsvd12
  ];
  it('decodes 0, 1 and 10 extents (more than libcxlmi 8)', () => {
    vector(codecs.memdevGetDcExtentListRsp, head(0), { numExtentsReturned: 0, totalNumExtents: 10, generationNum: 42, extents: [] });
    vector(codecs.memdevGetDcExtentListRsp, [...head(1), ...extent(0)], { numExtentsReturned: 1, totalNumExtents: 10, generationNum: 42, extents: [extentValue(0)] });
    const ten = Array.from({ length: 10 }, (_, i) => i);
    vector(codecs.memdevGetDcExtentListRsp, [...head(10), ...ten.flatMap(extent)], {
      numExtentsReturned: 10,
      totalNumExtents: 10,
      generationNum: 42,
      extents: ten.map(extentValue),
    });
    codecError(() => codecs.memdevGetDcExtentListRsp.decode(Uint8Array.from([...head(3), ...extent(0)])), 'CODEC_SHORT_BUFFER', 'extents');
  });
});

describe('Add Dynamic Capacity Response / Release Dynamic Capacity 4802h-4803h (Tables 8-168 to 8-170)', () => {
  const head = (n: number, more: boolean) => [
    n, 0x00, 0x00, 0x00, // updatedExtentListSize
    more ? 0x01 : 0x00, // flags: more
    0x00, 0x00, 0x00, // rsvd5
  ];
  const ext = (i: number) => [
    0x00, 0x00, 0x00, 0x10 + i, 0, 0, 0, 0, // startDpa
    0x00, 0x00, 0x20, 0x00, 0, 0, 0, 0, // len = 2 MiB
    ...z(8), // rsvd16
  ];
  const extValue = (i: number) => ({ startDpa: BigInt(0x10 + i) << 24n, len: 0x200000n });
  it.each([
    ['memdevAddDcResponseReq', codecs.memdevAddDcResponseReq],
    ['memdevReleaseDcReq', codecs.memdevReleaseDcReq],
  ] as const)('%s carries 0, 1 and 3 updated extents', (_n, codec) => {
    vector(codec, head(0, false), { updatedExtentListSize: 0, flags: { more: false }, extents: [] });
    vector(codec, [...head(1, true), ...ext(0)], { updatedExtentListSize: 1, flags: { more: true }, extents: [extValue(0)] });
    vector(codec, [...head(3, false), ...ext(0), ...ext(1), ...ext(2)], { updatedExtentListSize: 3, flags: { more: false }, extents: [extValue(0), extValue(1), extValue(2)] });
    expect(codec.encode({ extents: [extValue(1)] })).toEqual(Uint8Array.from([...head(1, false), ...ext(1)]));
    codecError(() => codec.decode(Uint8Array.from([...head(2, false), ...ext(0)])), 'CODEC_SHORT_BUFFER', 'extents');
  });
});

// Zero / all-ones / truncation sweeps for every struct live in test/structs/properties.test.ts.

describe('all-ones spot checks', () => {
  it('decodes signed temperatures as -1 and the 58-bit DPA as a bigint', () => {
    expect(codecs.memdevGetHealthInfoRsp.decode(Uint8Array.from(ff(18))).deviceTemperature).toBe(-1);
    expect(codecs.memdevMediaErrRecord.decode(Uint8Array.from(ff(16))).mediaErrAddr).toEqual({ errorSource: 'vendorSpecific', cacheline: (1n << 58n) - 1n });
    expect(codecs.memdevGetDcConfigRspTrailer.decode(Uint8Array.from(ff(16))).numTagsAvailable).toBe(0xffffffff);
  });
});

// Every layout is checked against libcxlmi's headers in test/structs/reference-layouts.test.ts.

describe('Patrol Scrub feature data (CXL r3.1 §8.2.9.9.11.1 Tables 8-222, 8-223)', () => {
  it('readable attributes: capabilities, current and minimum cycle, enabled flag', () => {
    vector(
      codecs.patrolScrubReadAttrs,
      [
        0x01, // scrubCycleCap: cycleChangeable (bit 0)
        0x0c, // currentCycleHours = 12
        0x01, // minCycleHours = 1
        0x01, // scrubFlags: enabled (bit 0)
      ],
      { scrubCycleCap: { cycleChangeable: true, realtimeReport: false }, currentCycleHours: 12, minCycleHours: 1, scrubFlags: { enabled: true } },
    );
  });
  it('writable attributes: cycle and enable', () => {
    vector(
      codecs.patrolScrubWriteAttrs,
      [
        0x18, // cycleHours = 24
        0x00, // scrubFlags: enable clear
      ],
      { cycleHours: 24, scrubFlags: { enable: false } },
    );
  });
});
