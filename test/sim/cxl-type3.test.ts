/**
 * SimCxlType3 against CXL r3.1 §8.2.9: replies decoded with the library's codecs, driven through
 * the Endpoint (src/api/cxl/endpoint.ts) and with raw CCI messages for the error paths.
 */
import { describe, expect, it } from 'vitest';
import { eventRecordUuids, logUuids } from '../../spec-tables/cxl/generic.js';
import { Endpoint } from '../../src/api/cxl/endpoint.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/cxl/messages.js';
import { codecs } from '../../src/structs/index.js';
import { RC } from '../../src/transport/sim/cci-device.js';
import { createClock } from '../../src/transport/sim/clock.js';
import { PATROL_SCRUB_UUID, SimCxlType3 } from '../../src/transport/sim/type3.js';
import { raw, rcOf } from './cxl-helpers.js';

const GiB = 1n << 30n;

describe('SimCxlType3: identify and information', () => {
  it('answers Identify (0001h) with component type 03h and its serial', async () => {
    const sim = new SimCxlType3({ serial: 0xabcdn });
    const ep = await Endpoint.open(sim);
    expect(ep.identity?.componentType).toBe('type3');
    expect(ep.identity?.serialNum).toBe(0xabcdn);
    expect(ep.identity?.maxMsgSize).toBe(11);
    const m = await raw(sim, 0x0001);
    expect(m.category).toBe('response');
    expect(m.tag).toBe(7);
    expect(m.payload.length).toBe(18);
  });

  it('reports capacities in 256 MiB units in Identify Memory Device (4000h)', async () => {
    const sim = new SimCxlType3({ volatileOnlyBytes: 2n * GiB, persistentOnlyBytes: GiB, partitionableBytes: GiB, lsaSize: 2048, fwRevision: 'FW-9' });
    const ep = await Endpoint.open(sim);
    const id = await ep.memdevIdentify();
    expect(id).toMatchObject({ fwRevision: 'FW-9', totalCapacity: 16n, volatileCapacity: 8n, persistentCapacity: 4n, partitionAlign: 1n, lsaSize: 2048 });
  });

  it('answers unknown opcodes Unsupported (03h), bad lengths Invalid Payload Length (16h), wrong channel 15h', async () => {
    const sim = new SimCxlType3();
    expect((await raw(sim, 0x4f00)).returnCode).toBe(RC.unsupported);
    expect((await raw(sim, 0x0001, new Uint8Array(1))).returnCode).toBe(RC.invalidPayloadLength);
    expect((await raw(sim, 0x4102, new Uint8Array(7))).returnCode).toBe(RC.invalidPayloadLength);
    expect((await raw(sim, 0x4200, undefined, true)).returnCode).toBe(RC.unsupportedMailboxOrCci);
    // Header length disagreeing with the bytes present.
    const req = encodeMessage({ category: 'request', tag: 1, opcode: 0x0001 });
    req[5] = 4;
    expect(decodeMessage(await sim.submit(req)).returnCode).toBe(RC.invalidPayloadLength);
  });

  it('answers an injected fault with its return code, a given number of times', async () => {
    const sim = new SimCxlType3({ faults: [{ opcode: 0x4200, returnCode: RC.busy, times: 1 }] });
    const ep = await Endpoint.open(sim);
    expect(await rcOf(ep.memdevGetHealthInfo())).toBe(RC.busy);
    expect(await rcOf(ep.memdevGetHealthInfo())).toBe(0);
  });

  it('follows the transport contract: abort and close', async () => {
    const sim = new SimCxlType3();
    const ac = new AbortController();
    ac.abort();
    await expect(sim.submit(encodeMessage({ category: 'request', tag: 0, opcode: 1 }), { signal: ac.signal })).rejects.toMatchObject({ code: 'TRANSPORT_ABORTED' });
    await sim.close();
    await sim.close();
    await expect(sim.submit(encodeMessage({ category: 'request', tag: 0, opcode: 1 }))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });
});

describe('SimCxlType3: health and alerts (§8.2.9.9.3)', () => {
  it('raises the temperature warning and logs a Memory Module event when a threshold is crossed', async () => {
    const sim = new SimCxlType3({ temperature: 30 });
    const ep = await Endpoint.open(sim);
    await ep.memdevSetAlertConfig({
      validAlertActions: { deviceOverTemperatureProgrammableWarning: true },
      enableAlertActions: { deviceOverTemperatureProgrammableWarning: true },
      deviceOverTemperatureProgrammableWarningThreshold: 60,
    });
    const cfg = await ep.memdevGetAlertConfig();
    expect(cfg.validAlerts.deviceOverTemperatureProgrammableWarning).toBe(true);
    expect(cfg.deviceOverTemperatureProgrammableWarningThreshold).toBe(60);
    expect((await ep.getEventRecords({ eventLog: 'warning' })).recordCount).toBe(0);

    sim.setTemperature(65);
    const h = await ep.memdevGetHealthInfo();
    expect(h.deviceTemperature).toBe(65);
    expect(h.additionalStatus.deviceTemperature).toBe('warning');
    const ev = await ep.getEventRecords({ eventLog: 'warning' });
    expect(ev.recordCount).toBe(1);
    expect(ev.records[0]!.uuid).toBe(eventRecordUuids.memoryModule);
    const data = codecs.memoryModuleEventData.decode(ev.records[0]!.data);
    expect(data.eventType).toBe('temperatureChange');
    expect(data.healthInfo.deviceTemperature).toBe(65);

    sim.setTemperature(90); // over the 85 °C critical threshold
    expect((await ep.memdevGetHealthInfo()).additionalStatus.deviceTemperature).toBe('critical');
    expect((await ep.getEventRecords({ eventLog: 'failure' })).recordCount).toBe(1);
  });

  it('raises life-used critical status and maintenance needed', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    sim.setLifeUsed(95);
    const h = await ep.memdevGetHealthInfo();
    expect(h.lifeUsed).toBe(95);
    expect(h.additionalStatus.lifeUsed).toBe('critical');
    expect(h.healthStatus.maintenanceNeeded).toBe(true);
  });

  it('refuses warning thresholds past the critical ones (Invalid Input)', async () => {
    const ep = await Endpoint.open(new SimCxlType3());
    const rc = await rcOf(
      ep.memdevSetAlertConfig({
        validAlertActions: { lifeUsedProgrammableWarning: true },
        enableAlertActions: { lifeUsedProgrammableWarning: true },
        lifeUsedProgrammableWarningThreshold: 95,
      }),
    );
    expect(rc).toBe(RC.invalidInput);
  });

  it('gets and sets the shutdown state; a dirty reset counts', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    expect((await ep.memdevGetShutdownState()).state.dirty).toBe(false);
    await ep.memdevSetShutdownState({ state: { dirty: true } });
    expect((await ep.memdevGetShutdownState()).state.dirty).toBe(true);
    sim.coldReset();
    expect((await ep.memdevGetHealthInfo()).dirtyShutdownCount).toBe(1);
  });
});

describe('SimCxlType3: partitions and LSA (§8.2.9.9.2)', () => {
  it('sets the partition for the next reset or immediately', async () => {
    const sim = new SimCxlType3({ volatileOnlyBytes: GiB, partitionableBytes: 2n * GiB });
    const ep = await Endpoint.open(sim);
    expect(await ep.memdevGetPartitionInfo()).toMatchObject({ activeVmem: 4n, activePmem: 8n, nextVmem: 0n, nextPmem: 0n });
    await ep.memdevSetPartitionInfo({ volatileCapacity: 4n, flags: { immediate: false } });
    expect(await ep.memdevGetPartitionInfo()).toMatchObject({ activeVmem: 4n, activePmem: 8n, nextVmem: 8n, nextPmem: 4n });
    sim.coldReset();
    expect(await ep.memdevGetPartitionInfo()).toMatchObject({ activeVmem: 8n, activePmem: 4n, nextVmem: 0n, nextPmem: 0n, activeVmemBytes: 8n << 28n });
    await ep.memdevSetPartitionInfo({ volatileCapacity: 0n, flags: { immediate: true } });
    expect((await ep.memdevGetPartitionInfo()).activeVmem).toBe(4n);
    expect(await rcOf(ep.memdevSetPartitionInfo({ volatileCapacity: 9n, flags: { immediate: true } }))).toBe(RC.invalidInput);
  });

  it('writes the LSA and reads it back; out-of-range is Invalid Input', async () => {
    const ep = await Endpoint.open(new SimCxlType3({ lsaSize: 256 }));
    await ep.memdevSetLsa({ offset: 10, data: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) });
    const r = await ep.memdevGetLsa({ offset: 8, length: 8 });
    expect(Array.from(r.data)).toEqual([0, 0, 0xde, 0xad, 0xbe, 0xef, 0, 0]);
    expect(await rcOf(ep.memdevGetLsa({ offset: 250, length: 8 }))).toBe(RC.invalidInput);
    expect(await rcOf(ep.memdevSetLsa({ offset: 255, data: new Uint8Array(2) }))).toBe(RC.invalidInput);
  });
});

describe('SimCxlType3: poison and scan media (§8.2.9.9.4)', () => {
  it('injects, lists and clears poison', async () => {
    const sim = new SimCxlType3({ poison: [{ dpa: 0x2000, length: 192 }] });
    const ep = await Endpoint.open(sim);
    await ep.memdevInjectPoison({ injectPoisonPhyAddr: 0x1000n });
    const list = await ep.getPoisonList({ getPoisonListPhyAddr: { cacheline: 0n }, getPoisonListPhyAddrLen: 0x1000n });
    expect(list.moreErrMediaRecordCnt).toBe(2);
    expect(list.records.map((r) => [r.mediaErrAddr.cacheline, r.mediaErrAddr.errorSource, r.mediaErrLen])).toEqual([
      [0x40n, 'injected', 1],
      [0x80n, 'internal', 3],
    ]);
    await ep.memdevClearPoison({ clearPoisonPhyAddr: 0x1000n, clearPoisonWriteData: new Uint8Array(64) });
    await ep.memdevClearPoison({ clearPoisonPhyAddr: 0x2040n, clearPoisonWriteData: new Uint8Array(64) });
    expect(sim.poisonList.map((p) => [p.dpa, p.length])).toEqual([
      [0x2000n, 64n],
      [0x2080n, 64n],
    ]);
    expect(await rcOf(ep.memdevInjectPoison({ injectPoisonPhyAddr: 1n << 40n }))).toBe(RC.invalidPhysicalAddress);
  });

  it('stops at the inject poison limit', async () => {
    const ep = await Endpoint.open(new SimCxlType3({ injectPoisonLimit: 1 }));
    await ep.memdevInjectPoison({ injectPoisonPhyAddr: 0n });
    expect(await rcOf(ep.memdevInjectPoison({ injectPoisonPhyAddr: 64n }))).toBe(RC.injectPoisonLimitReached);
  });

  it('runs scan media in the background with progress, then reports results', async () => {
    const sim = new SimCxlType3({ poison: [{ dpa: 0x4000 }] });
    const ep = await Endpoint.open(sim);
    const seen: number[] = [];
    const op = await ep.memdevScanMedia(
      { scanMediaPhysaddr: 0n, scanMediaPhysaddrLength: 0x1000n, scanMediaFlags: { noEventLog: true } },
      { pollIntervalMs: 1, onProgress: (p) => seen.push(p.percentComplete) },
    );
    await op.done;
    expect(seen).toEqual([25, 50, 75, 100]);
    const res = await ep.memdevGetScanMediaResults();
    expect(res.mediaErrorCount).toBe(1);
    expect(res.record[0]!.mediaErrorAddress.cacheline).toBe(0x100n);
  });

  it('answers Background Command Started, Busy for a second one, and aborts on request', async () => {
    const sim = new SimCxlType3({ poison: [{ dpa: 0 }] });
    const req = codecs.memdevScanMediaReq.encode({ scanMediaPhysaddr: 0n, scanMediaPhysaddrLength: 1024n });
    const started = await raw(sim, 0x4304, req);
    expect(started.returnCode).toBe(RC.backgroundCommandStarted);
    expect(started.bo).toBe(true);
    expect((await raw(sim, 0x4304, req)).returnCode).toBe(RC.busy);
    const s1 = codecs.bgOpStatusRsp.decode((await raw(sim, 0x0002)).payload);
    expect(s1).toMatchObject({ status: { inProgress: true, percentComplete: 25 }, opcode: 0x4304 });
    expect((await raw(sim, 0x4305)).returnCode).toBe(RC.busy);
    expect((await raw(sim, 0x0005)).returnCode).toBe(RC.success);
    const s2 = codecs.bgOpStatusRsp.decode((await raw(sim, 0x0002)).payload);
    expect(s2).toMatchObject({ status: { inProgress: false }, opcode: 0x4304, returncode: RC.aborted });
    const res = codecs.memdevGetScanMediaResultsRsp.decode((await raw(sim, 0x4305)).payload);
    expect(res.scanMediaFlags.scanStoppedPrematurely).toBe(true);
    expect(res.scanMediaRestartPhysaddr).toBe(256n * 64n);
  });

  it('progresses with the clock in time mode and refuses to abort a sanitize', async () => {
    const clock = createClock('manual');
    const sim = new SimCxlType3({ clock, background: { mode: 'time', durationMs: 1000 } });
    expect((await raw(sim, 0x4400)).returnCode).toBe(RC.backgroundCommandStarted);
    clock.advance(400);
    expect(codecs.bgOpStatusRsp.decode((await raw(sim, 0x0002)).payload).status.percentComplete).toBe(40);
    expect((await raw(sim, 0x0005)).returnCode).toBe(RC.requestAbortNotSupported);
    expect((await raw(sim, 0x4301, codecs.memdevInjectPoisonReq.encode({ injectPoisonPhyAddr: 0n }))).returnCode).toBe(RC.busy);
    clock.advance(600);
    expect(codecs.bgOpStatusRsp.decode((await raw(sim, 0x0002)).payload)).toMatchObject({ status: { inProgress: false, percentComplete: 100 }, returncode: 0 });
    expect(sim.mediaErasures).toBe(1);
  });

  it('completes secure erase before replying (r3.1 §8.2.9.9.5.2 has no background start for it)', async () => {
    const sim = new SimCxlType3({ poison: [{ dpa: 0 }] });
    const ep = await Endpoint.open(sim);
    expect(sim.poisonList).toHaveLength(1);
    await ep.memdevSecureErase();
    expect(sim.poisonList).toEqual([]);
    expect(sim.mediaErasures).toBe(1);
  });
});

describe('SimCxlType3: events, timestamp, logs (§8.2.9.2, §8.2.9.4, §8.2.9.5)', () => {
  it('gets event records and clears them by handle, in order only', async () => {
    const sim = new SimCxlType3();
    for (let i = 0; i < 3; i++) sim.addEvent('informational', { uuid: eventRecordUuids.generalMedia });
    const ep = await Endpoint.open(sim);
    const ev = await ep.getEventRecords({ eventLog: 'informational' });
    expect(ev.recordCount).toBe(3);
    const handles = ev.records.map((r) => r.handle);
    expect(await rcOf(ep.clearEventRecords({ eventLog: 'informational', nrRecs: 1, handles: [handles[1]!] }))).toBe(RC.invalidHandle);
    await ep.clearEventRecords({ eventLog: 'informational', handles: handles.slice(0, 2) });
    const after = await ep.getEventRecords({ eventLog: 'informational' });
    expect(after.records.map((r) => r.handle)).toEqual([handles[2]]);
    await ep.clearEventRecords({ eventLog: 'informational', clearFlags: { clearAllEvents: true } });
    expect((await ep.getEventRecords({ eventLog: 'informational' })).recordCount).toBe(0);
  });

  it('reports overflow when a log is full and more records remain', async () => {
    const sim = new SimCxlType3({ eventLogSize: 20 });
    for (let i = 0; i < 22; i++) sim.addEvent('warning', { uuid: eventRecordUuids.dram });
    const ep = await Endpoint.open(sim);
    const ev = await ep.getEventRecords({ eventLog: 'warning' });
    expect(ev.flags).toMatchObject({ overflow: true, moreRecords: true });
    expect(ev.overflowErrCount).toBe(2);
    expect(ev.recordCount).toBe(15); // (2048 - 12 - 32) / 128 records fit the payload
  });

  it('keeps a timestamp that advances after Set Timestamp', async () => {
    const clock = createClock('manual');
    const ep = await Endpoint.open(new SimCxlType3({ clock }));
    expect((await ep.getTimestamp()).timestamp).toBe(0n);
    await ep.setTimestamp({ timestamp: 1_000_000_000n });
    clock.advance(5);
    expect((await ep.getTimestamp()).timestamp).toBe(1_005_000_000n);
  });

  it('lists the CEL in Get Supported Logs and returns exactly the implemented opcodes', async () => {
    const sim = new SimCxlType3();
    const ep = await Endpoint.open(sim);
    const logs = await ep.getSupportedLogs();
    expect(logs.entries[0]).toEqual({ uuid: logUuids.cel, logSize: sim.supportedOpcodes.length * 4 });
    const cel = (await ep.getLogCel({ uuid: logUuids.cel, offset: 0, length: logs.entries[0]!.logSize })) as unknown as { entries: { opcode: number }[] };
    expect(cel.entries.map((e) => e.opcode)).toEqual(sim.supportedOpcodes);
    // Every CEL opcode answers something other than Unsupported.
    for (const op of sim.supportedOpcodes) expect((await raw(sim, op)).returnCode).not.toBe(RC.unsupported);
    // A log the device does not keep: Invalid Log.
    expect((await raw(sim, 0x0401, codecs.getLogReq.encode({ uuid: logUuids.componentStateDump, offset: 0, length: 4 }))).returnCode).toBe(RC.invalidLog);
    expect((await raw(sim, 0x0401, codecs.getLogReq.encode({ uuid: logUuids.cel, offset: 4, length: 4096 }))).returnCode).toBe(RC.invalidInput);
  });
});

describe('SimCxlType3: firmware, features, security', () => {
  it('transfers firmware in parts, activates it online, reports it', async () => {
    const ep = await Endpoint.open(new SimCxlType3({ fwRevision: 'OLD' }));
    const image = new Uint8Array(256);
    image.set(new TextEncoder().encode('NEW-2.0'));
    // Transfer / Activate FW may run in the background (table rows): the methods return operations.
    await (await ep.transferFw({ action: 'initiate', slot: 0, offset: 0, data: image.subarray(0, 128) })).done;
    expect(await rcOf(ep.transferFw({ action: 'continue', slot: 0, offset: 5, data: image.subarray(128) }))).toBe(RC.fwTransferOutOfOrder);
    const full = await ep.transferFw({ action: 'full', slot: 2, offset: 0, data: image });
    expect((await full.done).immediate).toBe(true);
    expect((await ep.getFwInfo()).fwRev2).toBe('NEW-2.0');
    expect(await rcOf(ep.activateFw({ action: 'online', slot: 3 }))).toBe(RC.invalidSlot);
    await (await ep.activateFw({ action: 'online', slot: 2 })).done;
    expect((await ep.getFwInfo()).slotInfo.activeSlot).toBe(2);
    expect((await ep.memdevIdentify()).fwRevision).toBe('NEW-2.0');
  });

  it('lists, gets and sets the patrol scrub feature', async () => {
    const ep = await Endpoint.open(new SimCxlType3());
    const sup = await ep.getSupportedFeatures({ count: 8 + 48, startingFeatureIndex: 0 });
    expect(sup.numSupportedFeatureEntries).toBe(1);
    expect(sup.supportedFeatureEntries[0]!.featureId).toBe(PATROL_SCRUB_UUID);
    await ep.setFeature({ featureId: PATROL_SCRUB_UUID, setFeatureFlags: { action: 'fullDataTransfer', savedAcrossReset: false }, version: 1, featureData: new Uint8Array([24, 0]) });
    const cur = await ep.getFeature({ featureId: PATROL_SCRUB_UUID, offset: 0, count: 4, selection: 'current' });
    expect(Array.from(cur.featureData)).toEqual([1, 24, 1, 0]);
    const def = await ep.getFeature({ featureId: PATROL_SCRUB_UUID, offset: 0, count: 4, selection: 'default' });
    expect(Array.from(def.featureData)).toEqual([1, 12, 1, 1]);
    expect(await rcOf(ep.setFeature({ featureId: PATROL_SCRUB_UUID, setFeatureFlags: { action: 'fullDataTransfer' }, version: 9, featureData: new Uint8Array(2) }))).toBe(RC.unsupportedFeatureVersion);
  });

  it('sets a passphrase, locks on reset, unlocks, counts wrong passphrases, freezes', async () => {
    const sim = new SimCxlType3({ passphraseAttempts: 2 });
    const ep = await Endpoint.open(sim);
    const pass = new Uint8Array(32).fill(7);
    const wrong = new Uint8Array(32).fill(1);
    await ep.memdevSetPassphrase({ passphraseType: 'user', currentPassphrase: new Uint8Array(32), newPassphrase: pass });
    expect((await ep.memdevGetSecurityState()).securityState).toMatchObject({ userPassphraseSet: true, locked: false });
    sim.coldReset();
    expect((await ep.memdevGetSecurityState()).securityState.locked).toBe(true);
    expect(await rcOf(ep.memdevUnlock({ currentPassphrase: wrong }))).toBe(RC.incorrectPassphrase);
    await ep.memdevUnlock({ currentPassphrase: pass });
    expect((await ep.memdevGetSecurityState()).securityState.locked).toBe(false);
    expect(await rcOf(ep.memdevDisablePassphrase({ passphraseType: 'user', passphrase: wrong }))).toBe(RC.incorrectPassphrase);
    expect(await rcOf(ep.memdevDisablePassphrase({ passphraseType: 'user', passphrase: wrong }))).toBe(RC.incorrectPassphrase);
    expect((await ep.memdevGetSecurityState()).securityState.userPassphraseAttemptCountReached).toBe(true);
    expect(await rcOf(ep.memdevDisablePassphrase({ passphraseType: 'user', passphrase: pass }))).toBe(RC.invalidSecurityState);
    sim.coldReset();
    await ep.memdevUnlock({ currentPassphrase: pass });
    await ep.memdevFreezeSecurityState();
    expect(await rcOf(ep.memdevSetPassphrase({ passphraseType: 'master', currentPassphrase: pass, newPassphrase: pass }))).toBe(RC.invalidSecurityState);
  });
});

describe('SimCxlType3: dynamic capacity (§8.2.9.9.9, §7.6.7.6)', () => {
  const region = { base: 8n * GiB, length: GiB, blockSize: 2n << 20n };

  it('offers extents with DC events; the host accepts, lists and releases them', async () => {
    const sim = new SimCxlType3({ dcRegions: [region] });
    const ep = await Endpoint.open(sim);
    const cfg = (await raw(sim, 0x4800, codecs.memdevGetDcConfigReq.encode({ regionCnt: 1, startRegionId: 0 }))).payload;
    const head = codecs.memdevGetDcConfigRsp.decode(cfg);
    expect(head).toMatchObject({ numRegions: 1, regionsReturned: 1 });
    expect(head.regionConfigs[0]).toMatchObject({ base: region.base, decodeLen: 4n, regionLen: GiB, blockSize: region.blockSize });
    expect(codecs.memdevGetDcConfigRspTrailer.decode(cfg, 8 + 40)).toMatchObject({ numExtentsSupported: 64, numExtentsAvailable: 64 });

    // The FM offers 4 MiB (Initiate Dynamic Capacity Add, prescriptive) over the FM-API channel.
    const add = codecs.fmapiInitiateDcAddReq.encode({
      hostId: 0,
      selectionPolicy: { policy: 'prescriptive' },
      regionNum: 0,
      length: 4n << 20n,
      extents: [{ startDpa: region.base, len: 4n << 20n }],
    });
    expect((await raw(sim, 0x5604, add, true)).returnCode).toBe(0);
    const ev = await ep.getEventRecords({ eventLog: 'dynamicCapacity' });
    expect(ev.recordCount).toBe(1);
    expect(codecs.dcEventData.decode(ev.records[0]!.data)).toMatchObject({ eventType: 'addCapacity', extent: { startDpa: region.base, len: 4n << 20n } });

    expect(await rcOf(ep.memdevAddDcResponse({ extents: [{ startDpa: region.base + GiB, len: 2n << 20n }] }))).toBe(RC.invalidPhysicalAddress);
    await ep.memdevAddDcResponse({ extents: [{ startDpa: region.base, len: 4n << 20n }] });
    const list = await ep.memdevGetDcExtentList({ extentCnt: 8, startExtentIdx: 0 });
    expect(list).toMatchObject({ numExtentsReturned: 1, totalNumExtents: 1, generationNum: 1 });
    await ep.memdevReleaseDc({ extents: [{ startDpa: region.base, len: 2n << 20n }] });
    expect(sim.dcExtents).toEqual([{ startDpa: region.base + (2n << 20n), len: 2n << 20n }]);
    expect(await rcOf(ep.memdevReleaseDc({ extents: [{ startDpa: region.base, len: 2n << 20n }] }))).toBe(RC.invalidPhysicalAddress);
  });

  it('has no DCD commands without regions (the CEL says so)', async () => {
    const sim = new SimCxlType3();
    expect(sim.supportedOpcodes).not.toContain(0x4800);
    expect((await raw(sim, 0x4800, new Uint8Array(2))).returnCode).toBe(RC.unsupported);
  });
});
