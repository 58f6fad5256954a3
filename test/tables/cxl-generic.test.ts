/**
 * Generic component command tables (CXL r3.1 §8.2.9.1-§8.2.9.6): one block per command with
 * byte-exact vectors written field by field from the spec tables, decoded and re-encoded by the
 * generated codec and by the interpreter; zero / all-ones sweeps over every struct; truncation
 * errors; and the event record data formats. Every layout is cross-checked against
 * ../shared/reference/cxl-struct-layouts.tsv (libcxlmi's headers) in test/structs/reference-layouts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { CxlCommandDef } from '../../spec-tables/schema.js';
import * as G from '../../spec-tables/cxl/generic.js';
import { codecError, vector } from './table-structs.js';
import { codecFor, codecs, } from '../../src/structs/index.js';

// --- helpers -----------------------------------------------------------------------------------

const z = (n: number): number[] => new Array<number>(n).fill(0);
const ff = (n: number): number[] => new Array<number>(n).fill(0xff);
const ascii = (s: string, n: number): number[] => [...[...s].map((c) => c.charCodeAt(0)), ...z(n - s.length)];




const command = (name: string): CxlCommandDef => {
  const c = (G.commands as readonly CxlCommandDef[]).find((x) => x.name === name);
  if (!c) throw new Error(`no command ${name}`);
  return c;
};

const CEL = [0x0d, 0xa9, 0xc0, 0xb5, 0xbf, 0x41, 0x4b, 0x78, 0x8f, 0x79, 0x96, 0xb1, 0x62, 0x3b, 0x3f, 0x17];
const CSDL = [0xb3, 0xfa, 0xb4, 0xcf, 0x01, 0xb6, 0x43, 0x32, 0x94, 0x3e, 0x5e, 0x99, 0x62, 0xf2, 0x35, 0x67];
const VDL = [0x5e, 0x18, 0x19, 0xd9, 0x11, 0xa9, 0x40, 0x0c, 0x81, 0x1f, 0xd6, 0x07, 0x19, 0x40, 0x3d, 0x86];

// --- the command list ------------------------------------------------------------------------------

describe('generic command rows', () => {
  it('has one row per libcxlmi generic-component function (27)', () => {
    const names = G.commands.map((c) => c.name);
    expect(names).toEqual([
      'identify',
      'bgOpStatus',
      'getResponseMsgLimit',
      'setResponseMsgLimit',
      'requestBgOpAbort',
      'getEventRecords',
      'clearEventRecords',
      'getEventInterruptPolicy',
      'setEventInterruptPolicy',
      'getMctpEventInterruptPolicy',
      'setMctpEventInterruptPolicy',
      'eventNotification',
      'getFwInfo',
      'transferFw',
      'activateFw',
      'getTimestamp',
      'setTimestamp',
      'getSupportedLogs',
      'getLog',
      'getLogCel',
      'getLogCapabilities',
      'clearLog',
      'populateLog',
      'getSupportedLogsSublist',
      'getSupportedFeatures',
      'getFeature',
      'setFeature',
    ]);
    for (const c of G.commands) {
      // name = libcxlmi function without cxlmi_cmd_, camelCased
      const camel = c.cName.replace(/^cxlmi_cmd_/, '').replace(/_([a-z0-9])/g, (_m, x: string) => x.toUpperCase());
      expect(c.name).toBe(camel);
      expect(c.spec).toMatch(/^CXL r3\.1 §8\.2\.9\.[1-6]/);
      expect(c.opcode >> 8).toBeLessThan(0x06);
      expect(c.doc.length).toBeGreaterThan(10);
    }
  });

  it('has the libcxlmi opcodes', () => {
    const ops = Object.fromEntries(G.commands.map((c) => [c.name, c.opcode]));
    expect(ops).toEqual({
      identify: 0x0001,
      bgOpStatus: 0x0002,
      getResponseMsgLimit: 0x0003,
      setResponseMsgLimit: 0x0004,
      requestBgOpAbort: 0x0005,
      getEventRecords: 0x0100,
      clearEventRecords: 0x0101,
      getEventInterruptPolicy: 0x0102,
      setEventInterruptPolicy: 0x0103,
      getMctpEventInterruptPolicy: 0x0104,
      setMctpEventInterruptPolicy: 0x0105,
      eventNotification: 0x0106,
      getFwInfo: 0x0200,
      transferFw: 0x0201,
      activateFw: 0x0202,
      getTimestamp: 0x0300,
      setTimestamp: 0x0301,
      getSupportedLogs: 0x0400,
      getLog: 0x0401,
      getLogCel: 0x0401,
      getLogCapabilities: 0x0402,
      clearLog: 0x0403,
      populateLog: 0x0404,
      getSupportedLogsSublist: 0x0405,
      getSupportedFeatures: 0x0500,
      getFeature: 0x0501,
      setFeature: 0x0502,
    });
  });

  it('marks background commands (return code 01h allowed by r3.1) and no destructive ones', () => {
    const bg = G.commands.filter((c) => 'background' in c && c.background).map((c) => c.name);
    expect(bg).toEqual(['transferFw', 'activateFw', 'populateLog']);
    expect(G.commands.filter((c) => 'destructive' in c && c.destructive)).toEqual([]);
  });

  it('sizes replies of Get Log and Get Feature from the request', () => {
    expect(command('getLog').responseLengthFrom).toBe('length');
    expect(command('getLogCel').responseLengthFrom).toBe('length');
    expect(command('getFeature').responseLengthFrom).toBe('count');
    expect(command('getFeature').responseMayBeShorter).toBe(true);
    expect(command('getLog').responseMayBeShorter).toBeUndefined();
  });

  it('has no payload for Request Abort Background Operation', () => {
    expect(command('requestBgOpAbort').request).toBeUndefined();
    expect(command('requestBgOpAbort').response).toBeUndefined();
  });
});

// --- 00h Information and Status ----------------------------------------------------------------

describe('Identify 0001h (Table 8-38)', () => {
  it('decodes a GFD', () => {
    vector(
      codecs.identifyRsp,
      [
        0x86, 0x80, // vendorId = 8086h
        0x0d, 0x0d, // deviceId = 0d0dh
        0xd5, 0x1d, // subsysVendorId = 1dd5h
        0x02, 0x00, // subsysId = 2
        0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, // serialNum = 0123456789abcdefh
        0x0a, // maxMsgSize = 2^10
        0x04, // componentType = 04h GFD
      ],
      { vendorId: 0x8086, deviceId: 0x0d0d, subsysVendorId: 0x1dd5, subsysId: 2, serialNum: 0x0123456789abcdefn, maxMsgSize: 10, componentType: 'gfd' },
    );
  });
});

describe('Background Operation Status 0002h (Table 8-39)', () => {
  it('decodes an operation at 50%', () => {
    vector(
      codecs.bgOpStatusRsp,
      [
        0x65, // status: bit 0 inProgress = 1, bits 7:1 percentComplete = 50
        0x00, // rsvd1
        0x00, 0x44, // opcode = 4400h (Sanitize)
        0x00, 0x00, // returncode = 0
        0x34, 0x12, // vendorExtStatus = 1234h
      ],
      { status: { inProgress: true, percentComplete: 50 }, opcode: 0x4400, returncode: 0, vendorExtStatus: 0x1234 },
    );
  });

  it('decodes a completed operation with its return code', () => {
    vector(
      codecs.bgOpStatusRsp,
      [
        0xc8, // status: inProgress = 0, percentComplete = 100
        0x00, // rsvd1
        0x04, 0x43, // opcode = 4304h (Scan Media)
        0x12, 0x00, // returncode = 0012h (Aborted)
        0x00, 0x00, // vendorExtStatus
      ],
      { status: { inProgress: false, percentComplete: 100 }, opcode: 0x4304, returncode: 0x12, vendorExtStatus: 0 },
    );
  });
});

describe('Get / Set Response Message Limit 0003h-0004h (Tables 8-40 to 8-42)', () => {
  it('encodes and decodes the 2^n limit', () => {
    vector(codecs.getResponseMsgLimitRsp, [0x0a /* limit = 2^10 */], { limit: 10 });
    vector(codecs.setResponseMsgLimitReq, [0x09 /* limit = 2^9 */], { limit: 9 });
    vector(codecs.setResponseMsgLimitRsp, [0x08 /* limit in effect = 2^8 */], { limit: 8 });
    expect(command('setResponseMsgLimit').response).toBe(G.setResponseMsgLimitRsp);
  });
});

// --- 01h Events -----------------------------------------------------------------------------------

describe('Get Event Records 0100h (Tables 8-52, 8-53)', () => {
  it('encodes the event log selector', () => {
    vector(codecs.getEventRecordsReq, [0x04 /* eventLog = dynamicCapacity */], { eventLog: 'dynamicCapacity' });
    vector(codecs.getEventRecordsReq, [0x00 /* eventLog = informational */], { eventLog: 'informational' });
  });

  const header = (count: number) => [
    0x02, // flags: moreRecords
    0x00, // rsvd1
    0x00, 0x00, // overflowErrCount
    ...z(8), // firstOverflowTimestamp
    ...z(8), // lastOverflowTimestamp
    count, 0x00, // recordCount
    ...z(10), // rsvd22
  ];
  const record = (handle: number) => [
    ...[0xfe, 0x92, 0x74, 0x75, 0xdd, 0x59, 0x43, 0x39, 0xa5, 0x86, 0x79, 0xba, 0xb1, 0x13, 0xb7, 0x74], // uuid: memory module
    0x80, // length = 128
    0x01, 0x00, 0x00, // flags: severity warning
    handle, 0x00, // handle
    0x00, 0x00, // relatedHandle
    ...z(8), // timestamp
    0x00, 0x00, // maintOpClass, maintOpSubclass
    0x00, 0x00, // ldId
    0x00, // headId
    ...z(11), // rsvd37
    ...z(80), // data
  ];
  const decoded = (handle: number) => ({
    uuid: G.eventRecordUuids.memoryModule,
    length: 128,
    flags: {
      severity: 'warning',
      permanentCondition: false,
      maintenanceNeeded: false,
      performanceDegraded: false,
      hardwareReplacementNeeded: false,
      maintOpSubclassValid: false,
      ldIdValid: false,
      headIdValid: false,
    },
    handle,
    relatedHandle: 0,
    timestamp: 0n,
    maintOpClass: 0,
    maintOpSubclass: 0,
    ldId: 0,
    headId: 0,
    data: new Uint8Array(80),
  });
  const top = { flags: { overflow: false, moreRecords: true }, overflowErrCount: 0, firstOverflowTimestamp: 0n, lastOverflowTimestamp: 0n };

  it('decodes 0, 1 and 4 records from the record count', () => {
    vector(codecs.getEventRecordsRsp, header(0), { ...top, recordCount: 0, records: [] });
    vector(codecs.getEventRecordsRsp, [...header(1), ...record(7)], { ...top, recordCount: 1, records: [decoded(7)] });
    vector(codecs.getEventRecordsRsp, [...header(4), ...record(1), ...record(2), ...record(3), ...record(4)], {
      ...top,
      recordCount: 4,
      records: [decoded(1), decoded(2), decoded(3), decoded(4)],
    });
  });

  it('rejects a reply shorter than its record count', () => {
    codecError(() => codecs.getEventRecordsRsp.decode(Uint8Array.from([...header(2), ...record(1)])), 'CODEC_SHORT_BUFFER', 'records');
    codecError(() => codecs.getEventRecordsRsp.decode(Uint8Array.from(header(0).slice(0, 21))), 'CODEC_SHORT_BUFFER', 'recordCount');
  });
});

describe('Clear Event Records 0101h (Table 8-54)', () => {
  it('clears all events (no handles)', () => {
    vector(
      codecs.clearEventRecordsReq,
      [
        0x02, // eventLog = failure
        0x01, // clearFlags: clearAllEvents
        0x00, // nrRecs = 0
        0x00, 0x00, 0x00, // rsvd3
      ],
      { eventLog: 'failure', clearFlags: { clearAllEvents: true }, nrRecs: 0, handles: [] },
    );
  });

  it('clears 1 and 3 handles, the count derived from the list', () => {
    vector(
      codecs.clearEventRecordsReq,
      [
        0x01, // eventLog = warning
        0x00, // clearFlags
        0x01, // nrRecs = 1
        0x00, 0x00, 0x00, // rsvd3
        0x34, 0x12, // handles[0] = 1234h
      ],
      { eventLog: 'warning', clearFlags: { clearAllEvents: false }, nrRecs: 1, handles: [0x1234] },
    );
    const three = [
      0x04, // eventLog = dynamicCapacity
      0x00, // clearFlags
      0x03, // nrRecs = 3
      0x00, 0x00, 0x00, // rsvd3
      0x01, 0x00, // handles[0] = 1
      0x02, 0x00, // handles[1] = 2
      0xff, 0xff, // handles[2] = ffffh
    ];
    vector(codecs.clearEventRecordsReq, three, { eventLog: 'dynamicCapacity', clearFlags: { clearAllEvents: false }, nrRecs: 3, handles: [1, 2, 0xffff] });
    expect(codecs.clearEventRecordsReq.encode({ eventLog: 'dynamicCapacity', handles: [1, 2, 0xffff] })).toEqual(Uint8Array.from(three));
  });

  it('rejects a count that disagrees with the list, and a short list', () => {
    codecError(() => codecs.clearEventRecordsReq.encode({ nrRecs: 2, handles: [1] }), 'CODEC_BAD_COUNT', 'nrRecs');
    codecError(() => codecs.clearEventRecordsReq.decode(Uint8Array.from([0, 0, 2, 0, 0, 0, 1, 0])), 'CODEC_SHORT_BUFFER', 'handles');
    codecError(() => codecs.clearEventRecordsReq.encode({ handles: new Array<number>(256).fill(1) }), 'CODEC_RANGE', 'nrRecs');
  });
});

describe('Get / Set Event Interrupt Policy 0102h-0103h (Tables 8-55, 8-56)', () => {
  const raw = [
    0x51, // informationalSettings: mode 01b MSI/MSI-X, message number 5
    0x00, // warningSettings: no interrupts
    0x22, // failureSettings: mode 10b FW interrupt, message number 2
    0xf1, // fatalSettings: MSI/MSI-X, message number 15
    0x01, // dcdSettings: MSI/MSI-X, message number 0
  ];
  const value = {
    informationalSettings: { interruptMode: 'msiMsix', interruptMessageNumber: 5 },
    warningSettings: { interruptMode: 'none', interruptMessageNumber: 0 },
    failureSettings: { interruptMode: 'fwInterrupt', interruptMessageNumber: 2 },
    fatalSettings: { interruptMode: 'msiMsix', interruptMessageNumber: 15 },
    dcdSettings: { interruptMode: 'msiMsix', interruptMessageNumber: 0 },
  };
  it('decodes mode and message number per log', () => {
    vector(codecs.getEventInterruptPolicyRsp, raw, value);
    vector(codecs.setEventInterruptPolicyReq, raw, value);
  });
  it('passes the reserved mode 11b through as a number and drops reserved bits 3:2', () => {
    const d = codecs.getEventInterruptPolicyRsp.decode(Uint8Array.from([0x0f, 0, 0, 0, 0]));
    expect(d.informationalSettings).toEqual({ interruptMode: 3, interruptMessageNumber: 0 });
    expect(codecs.getEventInterruptPolicyRsp.encode(d)[0]).toBe(0x03);
  });
  it('reports the missing dcdSettings byte of a 4-byte (CXL 2.0) reply', () => {
    codecError(() => codecs.getEventInterruptPolicyRsp.decode(Uint8Array.from(raw.slice(0, 4))), 'CODEC_SHORT_BUFFER', 'dcdSettings');
  });
});

describe('MCTP Event Interrupt Policy 0104h-0105h and Event Notification 0106h (Tables 8-57, 8-58)', () => {
  const all = {
    informational: true,
    warning: true,
    failure: true,
    fatal: true,
    dynamicCapacity: true,
    backgroundOperation: true,
  };
  it('decodes the log bitmask and the background-operation bit 15', () => {
    vector(codecs.getMctpEventInterruptPolicyRsp, [0x1f, 0x80 /* bits 0-4 and 15 */], { eventInterruptSettings: all });
    vector(codecs.setMctpEventInterruptPolicyReq, [0x02, 0x00 /* warning only */], {
      eventInterruptSettings: { ...all, informational: false, failure: false, fatal: false, dynamicCapacity: false, backgroundOperation: false },
    });
    vector(codecs.setMctpEventInterruptPolicyRsp, [0x00, 0x00 /* none */], {
      eventInterruptSettings: { informational: false, warning: false, failure: false, fatal: false, dynamicCapacity: false, backgroundOperation: false },
    });
    vector(codecs.eventNotificationReq, [0x05, 0x00 /* informational | failure */], {
      event: { informational: true, warning: false, failure: true, fatal: false, dynamicCapacity: false, backgroundOperation: false },
    });
  });
  it('gives Set MCTP Event Interrupt Policy its spec output payload (libcxlmi expects none)', () => {
    expect(command('setMctpEventInterruptPolicy').response).toBe(G.setMctpEventInterruptPolicyRsp);
    expect(G.setMctpEventInterruptPolicyRsp.size).toBe(2);
  });
});

// --- 02h Firmware Update ------------------------------------------------------------------------------

describe('Get FW Info 0200h (Table 8-65)', () => {
  it('decodes slots, activation capability and the four revisions', () => {
    vector(
      codecs.getFwInfoRsp,
      [
        0x02, // slotsSupported = 2
        0x11, // slotInfo: bits 2:0 activeSlot = 1, bits 5:3 stagedSlot = 2
        0x01, // caps: onlineActivation
        ...z(13), // rsvd3
        ...ascii('1.0.0', 16), // fwRev1
        ...ascii('2.0.0-rc1', 16), // fwRev2
        ...z(16), // fwRev3: empty slot
        ...ascii('ABCDEFGHIJKLMNOP', 16), // fwRev4: all 16 bytes used, no NUL
      ],
      {
        slotsSupported: 2,
        slotInfo: { activeSlot: 1, stagedSlot: 2 },
        caps: { onlineActivation: true },
        fwRev1: '1.0.0',
        fwRev2: '2.0.0-rc1',
        fwRev3: '',
        fwRev4: 'ABCDEFGHIJKLMNOP',
      },
    );
  });
  it('rejects a revision that does not fit 16 bytes', () => {
    codecError(() => codecs.getFwInfoRsp.encode({ fwRev1: 'x'.repeat(17) }), 'CODEC_RANGE', 'fwRev1');
  });
});

describe('Transfer FW 0201h (Table 8-66)', () => {
  const head = (action: number, slot: number, offset: number[]) => [
    action, // action
    slot, // slot
    0x00, 0x00, // rsvd2
    ...offset, // offset (u32, 128-byte units)
    ...z(120), // rsvd8
  ];
  it('carries 0, 1 and 256 bytes of package data after the 128-byte header', () => {
    vector(codecs.transferFwReq, head(4, 0, [0, 0, 0, 0]), { action: 'abort', slot: 0, offset: 0, data: new Uint8Array(0) });
    vector(codecs.transferFwReq, [...head(1, 0, [0, 0, 0, 0]), 0xaa], { action: 'initiate', slot: 0, offset: 0, data: Uint8Array.of(0xaa) });
    const part = Array.from({ length: 256 }, (_, i) => i & 0xff);
    vector(codecs.transferFwReq, [...head(2, 0, [0x02, 0, 0, 0]), ...part], { action: 'continue', slot: 0, offset: 2, data: Uint8Array.from(part) });
    vector(codecs.transferFwReq, [...head(3, 2, [0x04, 0, 0, 0]), ...part.slice(0, 128)], { action: 'end', slot: 2, offset: 4, data: Uint8Array.from(part.slice(0, 128)) });
    vector(codecs.transferFwReq, [...head(0, 3, ff(4)), 0x01], { action: 'full', slot: 3, offset: 0xffffffff, data: Uint8Array.of(1) });
  });
  it('rejects a header cut short', () => {
    codecError(() => codecs.transferFwReq.decode(new Uint8Array(100)), 'CODEC_SHORT_BUFFER', 'rsvd8');
  });
});

describe('Activate FW 0202h (Table 8-67)', () => {
  it('encodes action and slot', () => {
    vector(codecs.activateFwReq, [0x01 /* action = onNextReset */, 0x02 /* slot 2 */], { action: 'onNextReset', slot: 2 });
    vector(codecs.activateFwReq, [0x00 /* action = online */, 0x04 /* slot 4 */], { action: 'online', slot: 4 });
  });
});

// --- 03h Timestamp ------------------------------------------------------------------------------------

describe('Get / Set Timestamp 0300h-0301h (Tables 8-68, 8-69)', () => {
  it('carries nanoseconds since the epoch as a u64', () => {
    const raw = [0x15, 0x81, 0xe9, 0x7d, 0xf4, 0x10, 0x22, 0x11]; // timestamp = 112210f47de98115h ns
    const value = 0x112210f47de98115n;
    vector(codecs.getTimestampRsp, raw, { timestamp: value });
    vector(codecs.setTimestampReq, raw, { timestamp: value });
    vector(codecs.setTimestampReq, ff(8), { timestamp: 0xffffffffffffffffn });
  });
});

// --- 04h Logs -------------------------------------------------------------------------------------------

describe('Get Supported Logs 0400h (Tables 8-70, 8-71)', () => {
  const entry = (uuid: number[], size: number[]) => [...uuid, ...size];
  it('decodes 0, 1 and 3 entries from numSupportedLogEntries', () => {
    vector(codecs.getSupportedLogsRsp, [0x00, 0x00, ...z(6)], { numSupportedLogEntries: 0, entries: [] });
    vector(
      codecs.getSupportedLogsRsp,
      [
        0x01, 0x00, // numSupportedLogEntries = 1
        ...z(6), // rsvd2
        ...entry(CEL, [0x68, 0x00, 0x00, 0x00]), // CEL, logSize = 104 (26 entries)
      ],
      { numSupportedLogEntries: 1, entries: [{ uuid: G.logUuids.cel, logSize: 104 }] },
    );
    vector(
      codecs.getSupportedLogsRsp,
      [
        0x03, 0x00, // numSupportedLogEntries = 3
        ...z(6), // rsvd2
        ...entry(CEL, [0x78, 0x00, 0x00, 0x00]), // CEL, 120 bytes
        ...entry(VDL, [0x00, 0x00, 0x01, 0x00]), // vendor debug log, 64 KiB
        ...entry(CSDL, [0x40, 0x00, 0x00, 0x00]), // component state dump, 64 bytes
      ],
      {
        numSupportedLogEntries: 3,
        entries: [
          { uuid: G.logUuids.cel, logSize: 120 },
          { uuid: G.logUuids.vendorDebug, logSize: 0x10000 },
          { uuid: G.logUuids.componentStateDump, logSize: 64 },
        ],
      },
    );
  });
  it('does not need libcxlmi maximum of 7 entries, and rejects a short list', () => {
    const n = 9;
    const raw = [n, 0, ...z(6), ...Array.from({ length: n }, () => entry(CEL, [4, 0, 0, 0])).flat()];
    expect(codecs.getSupportedLogsRsp.decode(Uint8Array.from(raw)).entries).toHaveLength(9);
    codecError(() => codecs.getSupportedLogsRsp.decode(Uint8Array.from(raw.slice(0, raw.length - 1))), 'CODEC_SHORT_BUFFER', 'entries');
  });
});

describe('Get Log 0401h (Tables 8-72, 8-73) and the CEL (Tables 8-74, 8-75)', () => {
  it('encodes the request', () => {
    vector(
      codecs.getLogReq,
      [
        ...CEL, // uuid = CEL
        0x10, 0x00, 0x00, 0x00, // offset = 16
        0x00, 0x01, 0x00, 0x00, // length = 256
      ],
      { uuid: G.logUuids.cel, offset: 16, length: 256 },
    );
    expect(codecs.getLogReq.encode({ uuid: Uint8Array.from(CEL) })).toEqual(Uint8Array.from([...CEL, ...z(8)]));
  });
  it('returns the raw log bytes', () => {
    vector(codecs.getLogRsp, [], { data: new Uint8Array(0) });
    vector(codecs.getLogRsp, [0x42], { data: Uint8Array.of(0x42) });
    vector(codecs.getLogRsp, [1, 2, 3, 4, 5, 6, 7], { data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7) });
  });

  const noEffect = {
    configChangeAfterColdReset: false,
    immediateConfigChange: false,
    immediateDataChange: false,
    immediatePolicyChange: false,
    immediateLogChange: false,
    securityStateChange: false,
    backgroundOperation: false,
    secondaryMailboxSupported: false,
    requestAbortBackgroundOpSupported: false,
    resetEffectsValid: false,
    configChangeAfterConventionalReset: false,
    configChangeAfterCxlReset: false,
  };
  it('decodes CEL entries from the reply length: 0, 1 and 3 entries', () => {
    vector(codecs.getLogCelList, [], { entries: [] });
    vector(
      codecs.getLogCelList,
      [
        0x01, 0x00, // opcode = 0001h (Identify)
        0x00, 0x00, // commandEffect: none
      ],
      { entries: [{ opcode: 0x0001, commandEffect: noEffect }] },
    );
    vector(
      codecs.getLogCelList,
      [
        0x00, 0x44, // opcode = 4400h (Sanitize)
        0x44, 0x01, // commandEffect: immediateDataChange | backgroundOperation | requestAbortBackgroundOpSupported
        0x01, 0x02, // opcode = 0201h (Transfer FW)
        0x41, 0x0f, // commandEffect: coldReset | background | abort | resetEffectsValid | conventional | cxlReset
        0x01, 0x01, // opcode = 0101h (Clear Event Records)
        0x90, 0x00, // commandEffect: immediateLogChange | secondaryMailboxSupported
      ],
      {
        entries: [
          { opcode: 0x4400, commandEffect: { ...noEffect, immediateDataChange: true, backgroundOperation: true, requestAbortBackgroundOpSupported: true } },
          {
            opcode: 0x0201,
            commandEffect: {
              ...noEffect,
              configChangeAfterColdReset: true,
              backgroundOperation: true,
              requestAbortBackgroundOpSupported: true,
              resetEffectsValid: true,
              configChangeAfterConventionalReset: true,
              configChangeAfterCxlReset: true,
            },
          },
          { opcode: 0x0101, commandEffect: { ...noEffect, immediateLogChange: true, secondaryMailboxSupported: true } },
        ],
      },
    );
  });
  it('rejects a CEL that is not a whole number of 4-byte entries', () => {
    codecError(() => codecs.getLogCelList.decode(new Uint8Array(5)), 'CODEC_BAD_COUNT', 'entries');
  });
});

describe('Get Log Capabilities, Clear Log, Populate Log 0402h-0404h (Tables 8-89 to 8-92)', () => {
  it('encodes the log identifier', () => {
    vector(codecs.getLogCapabilitiesReq, CSDL, { uuid: G.logUuids.componentStateDump });
    vector(codecs.clearLogReq, CSDL, { uuid: G.logUuids.componentStateDump });
    vector(codecs.populateLogReq, VDL, { uuid: G.logUuids.vendorDebug });
  });
  it('decodes the parameter flags', () => {
    vector(codecs.getLogCapabilitiesRsp, [0x0b, 0x00, 0x00, 0x00 /* clear, populate, persistent */], {
      parameterFlags: { clearLogSupported: true, populateLogSupported: true, autoPopulateSupported: false, persistentAcrossColdReset: true },
    });
  });
});

describe('Get Supported Logs Sub-List 0405h (Tables 8-93, 8-94)', () => {
  it('encodes the request', () => {
    vector(codecs.getSupportedLogsSublistReq, [0x02 /* max 2 entries */, 0x01 /* from index 1 */], { maxSupportedLogEntries: 2, startLogEntryIndex: 1 });
  });
  it('decodes 0, 1 and 2 entries from its own count (not libcxlmi fixed 7)', () => {
    const head = (n: number) => [
      n, // numSupportedLogEntries
      0x00, // rsvd1
      0x03, 0x00, // totalNumSupportedLogEntries = 3
      0x01, // startLogEntryIndex = 1
      0x00, 0x00, 0x00, // rsvd5
    ];
    const top = { totalNumSupportedLogEntries: 3, startLogEntryIndex: 1 };
    vector(codecs.getSupportedLogsSublistRsp, head(0), { numSupportedLogEntries: 0, ...top, entries: [] });
    vector(codecs.getSupportedLogsSublistRsp, [...head(1), ...VDL, 0x00, 0x10, 0x00, 0x00], {
      numSupportedLogEntries: 1,
      ...top,
      entries: [{ uuid: G.logUuids.vendorDebug, logSize: 0x1000 }],
    });
    vector(codecs.getSupportedLogsSublistRsp, [...head(2), ...VDL, 0x00, 0x10, 0x00, 0x00, ...CSDL, 0xff, 0xff, 0xff, 0xff], {
      numSupportedLogEntries: 2,
      ...top,
      entries: [
        { uuid: G.logUuids.vendorDebug, logSize: 0x1000 },
        { uuid: G.logUuids.componentStateDump, logSize: 0xffffffff },
      ],
    });
    codecError(() => codecs.getSupportedLogsSublistRsp.decode(Uint8Array.from(head(1))), 'CODEC_SHORT_BUFFER', 'entries');
  });
});

// --- 05h Features ----------------------------------------------------------------------------------------

describe('Get Supported Features 0500h (Tables 8-95 to 8-97)', () => {
  const FEAT = [0x96, 0xdd, 0xa6, 0x2d, 0xb7, 0xaa, 0x4d, 0x4b, 0x8a, 0xa4, 0x0d, 0x4c, 0xf1, 0x7c, 0xde, 0x4a]; // a feature UUID
  const FEAT_S = '96dda62d-b7aa-4d4b-8aa4-0d4cf17cde4a';
  it('encodes the request; its count is in bytes', () => {
    vector(
      codecs.getSupportedFeaturesReq,
      [
        0x60, 0x00, 0x00, 0x00, // count = 96 bytes (two entries)
        0x01, 0x00, // startingFeatureIndex = 1
        0x00, 0x00, // rsvd6
      ],
      { count: 96, startingFeatureIndex: 1 },
    );
  });
  const entry = [
    ...FEAT, // featureId
    0x01, 0x00, // featureIndex = 1
    0x10, 0x00, // getFeatureSize = 16
    0x08, 0x00, // setFeatureSize = 8
    0x69, 0x00, 0x00, 0x00, // attributeFlags: changeable, deepestResetPersistence = 4 (cold), defaultSelectionSupported, savedSelectionSupported
    0x01, // getFeatureVersion = 1
    0x02, // setFeatureVersion = 2
    0x08, 0x00, // setFeatureEffects: immediatePolicyChange
    ...z(18), // rsvd30
  ];
  const value = {
    featureId: FEAT_S,
    featureIndex: 1,
    getFeatureSize: 16,
    setFeatureSize: 8,
    attributeFlags: { changeable: true, deepestResetPersistence: 'coldReset', persistAcrossFwUpdate: false, defaultSelectionSupported: true, savedSelectionSupported: true },
    getFeatureVersion: 1,
    setFeatureVersion: 2,
    setFeatureEffects: {
      configChangeAfterColdReset: false,
      immediateConfigChange: false,
      immediateDataChange: false,
      immediatePolicyChange: true,
      immediateLogChange: false,
      securityStateChange: false,
      backgroundOperation: false,
      secondaryMailboxSupported: false,
      requestAbortBackgroundOpSupported: false,
      resetEffectsValid: false,
      configChangeAfterConventionalReset: false,
      configChangeAfterCxlReset: false,
    },
  };
  it('decodes a 48-byte entry', () => {
    vector(codecs.supportedFeatureEntry, entry, value);
  });
  it('decodes 0, 1 and 3 entries from numSupportedFeatureEntries', () => {
    const head = (n: number) => [
      n, 0x00, // numSupportedFeatureEntries
      0x05, 0x00, // deviceSupportedFeatures = 5
      ...z(4), // rsvd4
    ];
    vector(codecs.getSupportedFeaturesRsp, head(0), { numSupportedFeatureEntries: 0, deviceSupportedFeatures: 5, supportedFeatureEntries: [] });
    vector(codecs.getSupportedFeaturesRsp, [...head(1), ...entry], { numSupportedFeatureEntries: 1, deviceSupportedFeatures: 5, supportedFeatureEntries: [value] });
    vector(codecs.getSupportedFeaturesRsp, [...head(3), ...entry, ...entry, ...entry], {
      numSupportedFeatureEntries: 3,
      deviceSupportedFeatures: 5,
      supportedFeatureEntries: [value, value, value],
    });
    codecError(() => codecs.getSupportedFeaturesRsp.decode(Uint8Array.from([...head(2), ...entry])), 'CODEC_SHORT_BUFFER', 'supportedFeatureEntries');
  });
});

describe('Get / Set Feature 0501h-0502h (Tables 8-99 to 8-101)', () => {
  const FEAT = [0x96, 0xdd, 0xa6, 0x2d, 0xb7, 0xaa, 0x4d, 0x4b, 0x8a, 0xa4, 0x0d, 0x4c, 0xf1, 0x7c, 0xde, 0x4a];
  const FEAT_S = '96dda62d-b7aa-4d4b-8aa4-0d4cf17cde4a';
  it('encodes the 21-byte Get Feature request', () => {
    vector(
      codecs.getFeatureReq,
      [
        ...FEAT, // featureId
        0x04, 0x00, // offset = 4
        0x0c, 0x00, // count = 12
        0x02, // selection = saved
      ],
      { featureId: FEAT_S, offset: 4, count: 12, selection: 'saved' },
    );
    expect(G.getFeatureReq.size).toBe(21);
  });
  it('returns the feature data as sent (0, 1, many bytes)', () => {
    vector(codecs.getFeatureRsp, [], { featureData: new Uint8Array(0) });
    vector(codecs.getFeatureRsp, [0x01], { featureData: Uint8Array.of(1) });
    vector(codecs.getFeatureRsp, ff(3000), { featureData: Uint8Array.from(ff(3000)) });
  });
  it('encodes Set Feature with its transfer action and data', () => {
    const head = [
      ...FEAT, // featureId
      0x09, 0x00, 0x00, 0x00, // setFeatureFlags: action 001b initiate, bit 3 savedAcrossReset
      0x00, 0x00, // offset = 0
      0x02, // version = 2
      ...z(9), // rsvd23
    ];
    const top = { featureId: FEAT_S, setFeatureFlags: { action: 'initiateDataTransfer', savedAcrossReset: true }, offset: 0, version: 2 };
    vector(codecs.setFeatureReq, head, { ...top, featureData: new Uint8Array(0) });
    vector(codecs.setFeatureReq, [...head, 0x7f], { ...top, featureData: Uint8Array.of(0x7f) });
    vector(codecs.setFeatureReq, [...head, 1, 2, 3, 4, 5, 6, 7, 8], { ...top, featureData: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) });
    const abort = codecs.setFeatureReq.encode({ featureId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', setFeatureFlags: { action: 'abortDataTransfer' } });
    expect([...abort.subarray(16, 20)]).toEqual([0x04, 0, 0, 0]);
  });
});

// --- event record formats ------------------------------------------------------------------------------

describe('event record data formats (§8.2.9.2.1)', () => {
  it('maps every event record UUID (memory device and FM-API) to an 80-byte layout', () => {
    expect(Object.keys(G.eventDataByUuid).sort()).toEqual(
      Object.values(G.eventRecordUuids).sort(),
    );
    for (const def of Object.values(G.eventDataByUuid)) expect(def.size).toBe(G.eventRecordDataSize);
    expect(G.eventRecord.size).toBe(G.eventRecordSize);
  });

  it('decodes a General Media record (Table 8-45)', () => {
    vector(
      codecs.generalMediaEventData,
      [
        0x41, 0x20, 0, 0, 0, 0, 0, 0, // physAddr: volatile, DPA 2040h -> cacheline 81h
        0x03, // descriptor: uncorrectable | threshold
        0x04, // type = scrubMediaEccError
        0x05, // transactionType = mediaPatrolScrub
        0x1b, 0x00, // validityFlags: channel, rank, componentId, componentIdPldmFormat
        0x02, // channel = 2
        0x01, // rank = 1
        0x03, 0x00, 0x80, // device bitmask = 800003h
        ...z(16), // componentId
        0x02, // cmeThresholdEvFlags: thresholdExceeded
        0x10, 0x00, 0x00, // cmeCount = 16
        0x00, // subType
        ...z(41), // rsvd39
      ],
      {
        physAddr: { volatile: true, dpaNotRepairable: false, cacheline: 0x81n },
        descriptor: { uncorrectableEvent: true, thresholdEvent: true, poisonListOverflowEvent: false },
        type: 'scrubMediaEccError',
        transactionType: 'mediaPatrolScrub',
        validityFlags: { channel: true, rank: true, device: false, componentId: true, componentIdPldmFormat: true },
        channel: 2,
        rank: 1,
        device: 0x800003,
        componentId: new Uint8Array(16),
        cmeThresholdEvFlags: { multipleComponents: false, thresholdExceeded: true },
        cmeCount: 16,
        subType: 0,
      },
    );
  });

  it('decodes a DRAM record (Table 8-46), whose event type numbering differs', () => {
    vector(
      codecs.dramEventData,
      [
        0x02, 0x10, 0, 0, 0, 0, 0, 0, // physAddr: dpaNotRepairable, DPA 1000h -> cacheline 40h
        0x00, // descriptor
        0x01, // type = scrubMediaEccError (01h for DRAM)
        0x01, // transactionType = hostRead
        0xff, 0x07, // validityFlags: bits 0-10
        0x01, // channel
        0x02, // rank
        0x08, 0x02, 0x00, // nibbleMask = 000208h
        0x03, // bankGroup
        0x04, // bank
        0x56, 0x34, 0x12, // row = 123456h
        0x34, 0x02, // column = 0234h
        0x10, 0x60, 0x08, 0x09, 0x00, 0x00, 0x00, 0x00, // correctionMask[0] = 09086010h
        0x20, 0xf0, 0x05, 0x03, 0x00, 0x00, 0x00, 0x00, // correctionMask[1] = 0305f020h
        ...z(16), // correctionMask[2], [3]
        ...z(16), // componentId
        0x01, // subChannel
        0x00, // cmeThresholdEvFlags
        0x00, 0x00, 0x00, // cvmeCount
        0x05, // subType = media link CRC error
        0x00, // rsvd79
      ],
      {
        physAddr: { volatile: false, dpaNotRepairable: true, cacheline: 0x40n },
        descriptor: { uncorrectableEvent: false, thresholdEvent: false, poisonListOverflowEvent: false },
        type: 'scrubMediaEccError',
        transactionType: 'hostRead',
        validityFlags: {
          channel: true,
          rank: true,
          nibbleMask: true,
          bankGroup: true,
          bank: true,
          row: true,
          column: true,
          correctionMask: true,
          componentId: true,
          componentIdPldmFormat: true,
          subChannel: true,
        },
        channel: 1,
        rank: 2,
        nibbleMask: 0x000208,
        bankGroup: 3,
        bank: 4,
        row: 0x123456,
        column: 0x0234,
        correctionMask: [0x09086010n, 0x0305f020n, 0n, 0n],
        componentId: new Uint8Array(16),
        subChannel: 1,
        cmeThresholdEvFlags: { multipleComponents: false, thresholdExceeded: false },
        cvmeCount: 0,
        subType: 5,
      },
    );
  });

  it('decodes a Memory Module record (Table 8-47) with the nested health info', () => {
    vector(
      codecs.memoryModuleEventData,
      [
        0x03, // eventType = temperatureChange
        0x00, // healthInfo.healthStatus
        0x00, // healthInfo.mediaStatus = normal
        0x04, // healthInfo.additionalStatus: deviceTemperature = warning
        0x0a, // healthInfo.lifeUsed = 10%
        0x55, 0x00, // healthInfo.deviceTemperature = 85 C
        0x00, 0x00, 0x00, 0x00, // healthInfo.dirtyShutdownCount
        0x00, 0x00, 0x00, 0x00, // healthInfo.correctedVolatileErrorCount
        0x00, 0x00, 0x00, 0x00, // healthInfo.correctedPersistentErrorCount
        0x00, 0x00, // validityFlags
        ...z(16), // componentId
        0x00, // eventSubType
        ...z(42), // rsvd38
      ],
      {
        eventType: 'temperatureChange',
        healthInfo: {
          healthStatus: { maintenanceNeeded: false, performanceDegraded: false, hardwareReplacementNeeded: false, memoryCapacityDegraded: false },
          mediaStatus: 'normal',
          additionalStatus: { lifeUsed: 'normal', deviceTemperature: 'warning', correctedVolatileErrorCount: false, correctedPersistentErrorCount: false },
          lifeUsed: 10,
          deviceTemperature: 85,
          dirtyShutdownCount: 0,
          correctedVolatileErrorCount: 0,
          correctedPersistentErrorCount: 0,
        },
        validityFlags: { componentId: false, componentIdPldmFormat: false },
        componentId: new Uint8Array(16),
        eventSubType: 0,
      },
    );
  });

  it('decodes a Memory Sparing record (Table 8-48)', () => {
    const d = codecs.memorySparingEventData.decode(
      Uint8Array.from([
        0x02, // maintOpClass = 02h memory sparing
        0x01, // maintOpSubclass
        0x06, // flags: hardSparing | deviceInitiated
        0xff, // result = generalFailure
        0x01, 0x02, // validityFlags: channel, subChannel (bit 9)
        ...z(6), // rsvd6
        0x03, 0x00, // spareResourceAvailable = 3
        0x07, // channel
        ...z(65), // rank .. rsvd43
      ]),
    );
    expect(d.flags).toEqual({ queryResources: false, hardSparing: true, deviceInitiated: true });
    expect(d.result).toBe('generalFailure');
    expect(d.validityFlags.channel).toBe(true);
    expect(d.validityFlags.subChannel).toBe(true);
    expect(d.spareResourceAvailable).toBe(3);
    expect(d.channel).toBe(7);
  });

  it('decodes a Dynamic Capacity record (Table 8-50) and a whole record via the UUID map', () => {
    const data = [
      0x00, // eventType = addCapacity
      0x01, // validityFlags: availableCounts
      0x00, 0x00, // hostId
      0x00, // updatedRegionIndex
      0x01, // flags: more
      0x00, 0x00, // rsvd6
      0x00, 0x00, 0x00, 0x10, 0, 0, 0, 0, // extent.startDpa = 10000000h
      0x00, 0x00, 0x00, 0x08, 0, 0, 0, 0, // extent.len = 128 MiB
      ...z(16), // extent.tag
      0x00, 0x00, // extent.sharedSeq
      ...z(6), // extent.rsvd34
      ...z(24), // rsvd48
      0x7f, 0x00, 0x00, 0x00, // numExtentsAvailable = 127
      0x20, 0x00, 0x00, 0x00, // numTagsAvailable = 32
    ];
    const value = {
      eventType: 'addCapacity',
      validityFlags: { availableCounts: true },
      hostId: 0,
      updatedRegionIndex: 0,
      flags: { more: true },
      extent: { startDpa: 0x10000000n, len: 0x8000000n, tag: '00000000-0000-0000-0000-000000000000', sharedSeq: 0 },
      numExtentsAvailable: 127,
      numTagsAvailable: 32,
    };
    vector(codecs.dcEventData, data, value);
    const rec = codecs.eventRecord.encode({ uuid: G.eventRecordUuids.dynamicCapacity, length: 128, handle: 1, data: Uint8Array.from(data) });
    const hdr = codecs.eventRecord.decode(rec);
    const layout = G.eventDataByUuid[hdr.uuid];
    expect(layout).toBe(G.dcEventData);
    expect(codecFor(layout!).decode(hdr.data)).toEqual(value);
  });
});

describe('FM-API event record data formats (§7.6.8, r3.1 Tables 7-77 to 7-79)', () => {
  it('decodes a Physical Switch record (Table 7-77)', () => {
    vector(
      codecs.physicalSwitchEventData,
      [
        0x05, // physPortId = 5
        0x00, // eventType = linkStateChange
        0x40, 0x01, // slotStatusReg = 0140h
        0x00, // rsvd4
        0x03, // configState: state = dsp
        0x03, // connDevMode: mode = flit256
        0x00, // rsvd7
        0x05, // connDevType = type3Mld
        0x06, // supportedCxlModes: flit68Vh | flit256
        0x10, // maxLinkWidth = 16
        0x08, // negotiatedLinkWidth = 8
        0x1f, // supportedLinkSpeedsVector: 2.5-32 GT/s
        0x05, // maxLinkSpeed = gt32
        0x04, // currentLinkSpeed = gt16
        0x04, // ltssmState = l0
        0x00, // firstLaneNum = 0
        0x05, 0x00, // linkState: laneReversed | presencePin
        ...z(61), // rsvd19 (record bytes 43h-7Fh)
      ],
      {
        physPortId: 5,
        eventType: 'linkStateChange',
        slotStatusReg: 0x0140,
        configState: { state: 'dsp' },
        connDevMode: { mode: 'flit256' },
        connDevType: 'type3Mld',
        supportedCxlModes: { rcd: false, flit68Vh: true, flit256: true, latencyOptimizedFlit256: false, pbr: false },
        maxLinkWidth: 16,
        negotiatedLinkWidth: 8,
        supportedLinkSpeedsVector: { gt2p5: true, gt5: true, gt8: true, gt16: true, gt32: true, gt64: false },
        maxLinkSpeed: 'gt32',
        currentLinkSpeed: 'gt16',
        ltssmState: 'l0',
        firstLaneNum: 0,
        linkState: { laneReversed: true, perstAsserted: false, presencePin: true, powerControl: false },
      },
    );
  });

  it('decodes a Virtual CXL Switch record (Table 7-78)', () => {
    vector(
      codecs.virtualSwitchEventData,
      [
        0x01, // vcsId = 1
        0x02, // vppbId = 2
        0x00, // eventType = bindingChange
        0x03, // bindingStatus = boundLd
        0x07, // boundPortId = 7
        0x04, // boundLdId = 4
        0x40, 0x00, // linkControlReg = 0040h
        0x08, 0x10, // slotControlReg = 1008h
        ...z(70), // rsvd10 (record bytes 3Ah-7Fh)
      ],
      {
        vcsId: 1,
        vppbId: 2,
        eventType: 'bindingChange',
        bindingStatus: 'boundLd',
        boundPortId: 7,
        boundLdId: 4,
        linkControlReg: 0x0040,
        slotControlReg: 0x1008,
      },
    );
  });

  it('decodes an MLD Port record (Table 7-79)', () => {
    const msg = [0x30, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x31];
    vector(
      codecs.mldPortEventData,
      [
        0x01, // eventType = nonFatalMsgReceived
        0x09, // portId = 9
        0x00, 0x00, // rsvd2
        ...msg, // errorMessage: first 8 bytes of the ERR_NONFATAL message
        ...z(68), // rsvd12 (record bytes 3Ch-7Fh)
      ],
      { eventType: 'nonFatalMsgReceived', portId: 9, errorMessage: Uint8Array.from(msg) },
    );
  });

  it('looks up the FM-API layouts by record UUID and decodes a whole record', () => {
    expect(G.eventDataByUuid[G.eventRecordUuids.physicalSwitch]).toBe(G.physicalSwitchEventData);
    expect(G.eventDataByUuid[G.eventRecordUuids.virtualSwitch]).toBe(G.virtualSwitchEventData);
    expect(G.eventDataByUuid[G.eventRecordUuids.mldPort]).toBe(G.mldPortEventData);
    const data = [0x02 /* eventType = fatalMsgReceived */, 0x03 /* portId */, ...z(78)];
    const rec = codecs.eventRecord.encode({ uuid: G.eventRecordUuids.mldPort, length: 128, handle: 2, data: Uint8Array.from(data) });
    const hdr = codecs.eventRecord.decode(rec);
    expect(codecFor(G.eventDataByUuid[hdr.uuid]!).decode(hdr.data)).toEqual({ eventType: 'fatalMsgReceived', portId: 3, errorMessage: new Uint8Array(8) });
  });
});

// --- constants ---------------------------------------------------------------------------------------

describe('constants', () => {
  it('carries the spec mailbox and message limits', () => {
    expect(G.mailboxPayloadSize).toEqual({ min: 256, max: 1048576, libcxlmi: 2048 });
    expect(G.cciMessagePayloadSize).toEqual({ min: 256, max: 1024 });
    expect(G.clearEventRecordsMaxHandles).toBe(255);
    expect(G.supportedLogsSublistMaxEntries).toBe(255);
  });
  it('carries the log and event record UUIDs of r3.1 Tables 8-71 and 8-43', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const u of [...Object.values(G.logUuids), ...Object.values(G.eventRecordUuids)]) expect(u).toMatch(uuid);
    expect(G.logUuids.cel).toBe('0da9c0b5-bf41-4b78-8f79-96b1623b3f17');
    expect(G.eventRecordUuids.generalMedia).toBe('fbcd0a77-c260-417f-85a9-088b1621eba6');
    expect(new Set([...Object.values(G.logUuids), ...Object.values(G.eventRecordUuids)]).size).toBe(15);
  });
});

// Zero / all-ones / truncation sweeps for every struct live in test/structs/properties.test.ts.
// Every layout is checked against libcxlmi's headers in test/structs/reference-layouts.test.ts.
