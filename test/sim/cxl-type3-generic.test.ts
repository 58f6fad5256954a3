/**
 * SimCxlType3 generic-set and SLD QoS commands beyond the basics: Response Message Limit
 * (CXL r3.1 §8.2.9.1.3-4), Event Interrupt Policy (§8.2.9.2.4-5), log management (§8.2.9.5.3-6)
 * and SLD QoS Telemetry (§8.2.9.9.8). Replies decoded by the Endpoint; error paths by return code.
 */
import { describe, expect, it } from 'vitest';
import { logUuids } from '../../spec-tables/cxl/generic.js';
import { Endpoint } from '../../src/api/cxl/endpoint.js';
import { RC } from '../../src/transport/sim/cci-device.js';
import { SimCxlType3 } from '../../src/transport/sim/type3.js';
import { raw, rcOf } from './cxl-helpers.js';

const CEL = logUuids.cel;
const UNKNOWN = '11111111-2222-3333-4444-555555555555';

describe('SimCxlType3: Response Message Limit (0003h, 0004h)', () => {
  it('reports the limit, lowers it, caps it at the max message size and bounds Get Log by it', async () => {
    const sim = new SimCxlType3({ maxMsgSizeLog2: 12 });
    const ep = await Endpoint.open(sim);
    expect((await ep.getResponseMsgLimit()).limit).toBe(12);
    expect((await ep.setResponseMsgLimit({ limit: 9 })).limit).toBe(9);
    expect((await ep.getResponseMsgLimit()).limit).toBe(9);
    expect((await ep.setResponseMsgLimit({ limit: 20 })).limit).toBe(12);
    expect(await rcOf(ep.setResponseMsgLimit({ limit: 7 }))).toBe(RC.invalidInput);
    expect(await rcOf(ep.setResponseMsgLimit({ limit: 21 }))).toBe(RC.invalidInput);
    await ep.setResponseMsgLimit({ limit: 8 });
    // 256-byte responses: 244 payload bytes at most.
    expect(await rcOf(ep.getLog({ uuid: CEL, offset: 0, length: 248 }))).toBe(RC.invalidInput);
    const n = Math.min(240, sim.celBytes().length);
    expect((await ep.getLog({ uuid: CEL, offset: 0, length: n })).data.length).toBe(n);
  });
});

describe('SimCxlType3: Event Interrupt Policy (0102h, 0103h)', () => {
  it('stores the settings of each log; the DCD byte is optional; reserved modes are Invalid Input', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    expect(await ep.getEventInterruptPolicy()).toMatchObject({ informationalSettings: { interruptMode: 'none' }, dcdSettings: { interruptMode: 'none' } });
    await ep.setEventInterruptPolicy({
      informationalSettings: { interruptMode: 'msiMsix', interruptMessageNumber: 3 },
      warningSettings: { interruptMode: 'fwInterrupt', interruptMessageNumber: 1 },
      failureSettings: { interruptMode: 'none' },
      fatalSettings: { interruptMode: 'msiMsix', interruptMessageNumber: 15 },
      dcdSettings: { interruptMode: 'msiMsix' },
    });
    expect(await ep.getEventInterruptPolicy()).toMatchObject({
      informationalSettings: { interruptMode: 'msiMsix', interruptMessageNumber: 3 },
      warningSettings: { interruptMode: 'fwInterrupt', interruptMessageNumber: 1 },
      fatalSettings: { interruptMessageNumber: 15 },
      dcdSettings: { interruptMode: 'msiMsix' },
    });
    // Four bytes (no DCD settings) are accepted and leave the DCD setting alone.
    expect((await raw(sim, 0x0103, new Uint8Array([0, 0, 0, 0]))).returnCode).toBe(RC.success);
    expect((await ep.getEventInterruptPolicy()).dcdSettings.interruptMode).toBe('msiMsix');
    expect((await raw(sim, 0x0103, new Uint8Array([3, 0, 0, 0]))).returnCode).toBe(RC.invalidInput);
    expect((await raw(sim, 0x0103, new Uint8Array([0, 0, 0, 0, 2]))).returnCode).toBe(RC.invalidInput); // DCD: no FW interrupt
    expect((await raw(sim, 0x0103, new Uint8Array([0, 0, 0]))).returnCode).toBe(RC.invalidPayloadLength);
    expect((await raw(sim, 0x0103, new Uint8Array(6))).returnCode).toBe(RC.invalidPayloadLength);
  });
});

describe('SimCxlType3: log management (0402h-0405h)', () => {
  it('reports the CEL capabilities; Clear and Populate of the CEL are Unsupported, unknown logs Invalid Log', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    expect((await ep.getLogCapabilities({ uuid: CEL })).parameterFlags).toEqual({
      clearLogSupported: false,
      populateLogSupported: false,
      autoPopulateSupported: false,
      persistentAcrossColdReset: true,
    });
    expect(await rcOf(ep.getLogCapabilities({ uuid: UNKNOWN }))).toBe(RC.invalidLog);
    expect(await rcOf(ep.clearLog({ uuid: CEL }))).toBe(RC.unsupported);
    expect(await rcOf(ep.clearLog({ uuid: UNKNOWN }))).toBe(RC.invalidLog);
    expect((await raw(sim, 0x0404, new Uint8Array(16))).returnCode).toBe(RC.invalidLog);
    expect((await raw(sim, 0x0404, encodeUuid(CEL))).returnCode).toBe(RC.unsupported);
  });

  it('clears and populates the Vendor Debug Log: a snapshot line per completed Populate Log', async () => {
    const sim = new SimCxlType3({ fwRevision: 'FW-7', temperature: 31, clock: 'manual' });
    const ep = await Endpoint.open(sim);
    const VDL = logUuids.vendorDebug;
    const sizeOf = async () => (await ep.getSupportedLogs()).entries.find((e) => e.uuid === VDL)?.logSize;
    const text = async (length: number) => new TextDecoder().decode((await ep.getLog({ uuid: VDL, offset: 0, length })).data);
    expect((await ep.getLogCapabilities({ uuid: VDL })).parameterFlags).toEqual({
      clearLogSupported: true,
      populateLogSupported: true,
      autoPopulateSupported: false,
      persistentAcrossColdReset: false,
    });
    expect(await sizeOf()).toBe(0);
    // Populate Log runs in the background; the line appears when it completes.
    const op = await ep.populateLog({ uuid: VDL }, { pollIntervalMs: 0 });
    await op.done;
    const line = 'ts=0 fw=FW-7 temp=31C life=0% poison=0 dirty=0\n';
    expect(await sizeOf()).toBe(line.length);
    expect(await text(line.length)).toBe(line);
    // A later snapshot shows the state then: the device timestamp once set, the injected poison.
    await ep.setTimestamp({ timestamp: 1_700_000_000_000_000_000n });
    await ep.memdevInjectPoison({ injectPoisonPhyAddr: 0x1000n });
    await (await ep.populateLog({ uuid: VDL }, { pollIntervalMs: 0 })).done;
    const second = line.replace('ts=0', 'ts=1700000000000000000').replace('poison=0', 'poison=1');
    expect(await text(line.length + second.length)).toBe(`${line}${second}`);
    // Bounded like a device's debug buffer: 64 lines, the oldest dropped.
    for (let i = 0; i < 70; i++) await (await ep.populateLog({ uuid: VDL }, { pollIntervalMs: 0 })).done;
    expect(await sizeOf()).toBe(64 * second.length);
    await ep.clearLog({ uuid: VDL });
    expect(await sizeOf()).toBe(0);
    expect((await ep.getLog({ uuid: VDL, offset: 0, length: 0 })).data).toEqual(new Uint8Array(0));
    // The CEL is still neither clearable nor populatable.
    expect(await rcOf(ep.clearLog({ uuid: CEL }))).toBe(RC.unsupported);
  });

  it('answers the supported log sub-list windowed by index and count', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    const all = await ep.getSupportedLogs();
    const sub = await ep.getSupportedLogsSublist({ maxSupportedLogEntries: 5, startLogEntryIndex: 0 });
    expect(sub).toMatchObject({ numSupportedLogEntries: all.entries.length, totalNumSupportedLogEntries: all.entries.length, startLogEntryIndex: 0 });
    expect(sub.entries).toEqual(all.entries);
    expect(await rcOf(ep.getSupportedLogsSublist({ maxSupportedLogEntries: 0, startLogEntryIndex: 0 }))).toBe(RC.invalidInput);
    expect(await rcOf(ep.getSupportedLogsSublist({ maxSupportedLogEntries: 1, startLogEntryIndex: 9 }))).toBe(RC.invalidInput);
  });

  it('lists the new commands in the CEL with their effects', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    const cel = await ep.getLogCel({ uuid: CEL, offset: 0, length: sim.celBytes().length });
    const ops = new Map(cel.entries.map((e) => [e.opcode, e]));
    for (const op of [0x0003, 0x0004, 0x0102, 0x0103, 0x0402, 0x0403, 0x0404, 0x0405, 0x4700, 0x4701, 0x4702]) expect(ops.has(op), op.toString(16)).toBe(true);
    expect(sim.supportedOpcodes).toContain(0x4702);
  });
});

describe('SimCxlType3: SLD QoS Telemetry (4700h-4702h)', () => {
  it('keeps the control settings, checks their ranges and reports backpressure when enabled', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    expect((await ep.memdevIdentify()).qosTelemetryCaps).toBe(0b11);
    expect(await ep.memdevGetSldQosControl()).toMatchObject({ egressModeratePercentage: 10, egressSeverePercentage: 25, backpressureSampleInterval: 8 });
    sim.setBackpressure(37);
    expect((await ep.memdevGetSldQosStatus()).backpressureAvgPercentage).toBe(0); // telemetry off
    const on = {
      qosTelemetryControl: { egressPortCongestionEnable: true, temporaryThroughputReductionEnable: true },
      egressModeratePercentage: 20,
      egressSeverePercentage: 60,
      backpressureSampleInterval: 15,
    };
    await ep.memdevSetSldQosControl(on);
    expect(await ep.memdevGetSldQosControl()).toMatchObject(on);
    expect((await ep.memdevGetSldQosStatus()).backpressureAvgPercentage).toBe(37);
    expect(await rcOf(ep.memdevSetSldQosControl({ ...on, egressModeratePercentage: 0 }))).toBe(RC.invalidInput);
    expect(await rcOf(ep.memdevSetSldQosControl({ ...on, egressSeverePercentage: 101 }))).toBe(RC.invalidInput);
    expect(await rcOf(ep.memdevSetSldQosControl({ ...on, backpressureSampleInterval: 16 }))).toBe(RC.invalidInput);
  });
});

/** A UUID string in the byte order the CXL tables use (the codec's own encoding). */
function encodeUuid(uuid: string): Uint8Array {
  return new Uint8Array(16).map((_, i) => Number.parseInt(uuid.replace(/-/g, '').slice(i * 2, i * 2 + 2), 16));
}
