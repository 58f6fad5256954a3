/**
 * SimNvmeMi (NVMe-MI 1.2 Management Endpoint) driven by the library's requester classes
 * (NvmeMiEndpoint, NvmeMiTransport, NvmeDevice over it) and by raw messages for the error paths:
 * MIC and framing (§3.1), Response Message Status (§4.1.2), More Processing Required (§4.2.1),
 * NVMe-MI commands (§5) and the Admin command tunnel (§6).
 */
import { describe, expect, it } from 'vitest';
import { NvmeDevice } from '../../src/api/nvme/device.js';
import { NvmeMiEndpoint } from '../../src/api/nvme/mi-transport.js';
import { isCxlNvmeError, isNvmeMiStatusError } from '../../src/errors.js';
import type { NvmeCommand } from '../../src/protocol/nvme/index.js';
import * as nvme from '../../src/protocol/nvme/index.js';
import { codecs } from '../../src/structs/index.js';
import { CCS, MI_STATUS, SimNvmeMi, type SimNvmeMiOptions } from '../../src/transport/sim/nvme-mi.js';
import { SimNvmeController } from '../../src/transport/sim/nvme.js';
import { loadScenario } from '../../src/transport/sim/scenario.js';

const { mi } = nvme;

function setup(o: SimNvmeMiOptions = {}) {
  const ctrl = new SimNvmeController({ name: 'n0', serial: 'SN-MI', cntlid: 3, namespaces: [{ sizeBytes: 1n << 24n }], operations: { mode: 'instant' } });
  const ep = new SimNvmeMi(ctrl, o);
  return { ctrl, ep, me: new NvmeMiEndpoint(ep), dev: new NvmeDevice(new NvmeMiEndpoint(ep).admin(3)) };
}

async function miStatusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    if (isNvmeMiStatusError(e)) return e.miStatus;
    throw e;
  }
}

/** Re-frame a request after patching its body (the MIC is recomputed). */
function patch(msg: Uint8Array, f: (body: Uint8Array) => void): Uint8Array {
  const body = msg.slice(0, msg.length - 4);
  f(body);
  return mi.appendMic(body);
}

/** Send a raw request and return the reply's MI status and body. */
async function raw(ep: SimNvmeMi, msg: Uint8Array, nmimt: number) {
  const r = mi.parseReply(await ep.exchange(msg), { nmimt });
  if (r.kind !== 'response') throw new Error('unexpected MPR');
  return r;
}

describe('SimNvmeMi: message integrity and framing (§3.1)', () => {
  it('answers with IC set and a good MIC, and discards requests with a bad MIC, IC clear or ROR set', async () => {
    const { ep } = setup();
    const req = mi.encodeMiRequest(mi.miMiReadMiDataSubsys());
    const reply = await ep.exchange(req);
    expect(reply[0]).toBe(0x84);
    expect(reply[1]! & 0x80).toBe(0x80);
    expect(() => mi.checkMic(reply)).not.toThrow();
    const bad = req.slice();
    bad[bad.length - 1]! ^= 0xff;
    await expect(ep.exchange(bad)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    expect(ep.dropped.at(-1)).toBe('bad MIC');
    const noIc = patch(req, (b) => {
      b[0] = 0x04;
    });
    await expect(ep.exchange(noIc)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    const ror = patch(req, (b) => {
      b[1]! |= 0x80;
    });
    await expect(ep.exchange(ror)).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    await expect(ep.exchange(new Uint8Array(5))).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    expect(ep.dropped).toHaveLength(4);
  });

  it('answers the command slot of the request and refuses what it does not implement', async () => {
    const { ep } = setup();
    const r = mi.parseReply(await ep.exchange(mi.encodeMiRequest(mi.miMiReadMiDataSubsys(), { csi: 1 })), { nmimt: mi.NMIMT.mi, csi: 1 });
    expect(r.kind === 'response' && r.status).toBe(0);
    // Controller Health Status Poll (02h) and VPD Read (05h): Invalid Command Opcode.
    for (const opcode of [0x02, 0x05]) {
      const x = await raw(ep, mi.encodeMiRequest({ name: 'x', opcode, cdw0: 0, cdw1: 0 }), mi.NMIMT.mi);
      expect(x.status).toBe(MI_STATUS.invalidOpcode);
      expect(x.body.length).toBe(8);
    }
    // A PCIe command message type.
    const pcie = patch(mi.encodeMiRequest(mi.miMiReadMiDataSubsys()), (b) => {
      b[1] = mi.NMIMT.pcie << 3;
    });
    expect((await raw(ep, pcie, mi.NMIMT.pcie)).status).toBe(MI_STATUS.invalidOpcode);
    // Request data on a command that takes none, and a short header: Invalid Command Size.
    const extra = mi.encodeMiRequest({ ...mi.miMiSubsystemHealthStatusPoll(), data: new Uint8Array(4) });
    expect((await raw(ep, extra, mi.NMIMT.mi)).status).toBe(MI_STATUS.invalidCmdSize);
    const short = mi.appendMic(mi.encodeMiRequest(mi.miMiReadMiDataSubsys()).subarray(0, 12));
    expect((await raw(ep, short, mi.NMIMT.mi)).status).toBe(MI_STATUS.invalidCmdSize);
    // MEB set: this endpoint has no Management Endpoint Buffer.
    const meb = patch(mi.encodeMiRequest(mi.miMiReadMiDataSubsys()), (b) => {
      b[2] = 1;
    });
    expect((await raw(ep, meb, mi.NMIMT.mi)).status).toBe(MI_STATUS.invalidParam);
  });
});

describe('SimNvmeMi: Read NVMe-MI Data Structure (§5.7)', () => {
  it('answers subsystem, port, controller list and controller information; unknown ones are Invalid Parameter', async () => {
    const { me } = setup();
    expect(await me.readSubsysInfo()).toMatchObject({ nump: 1, mjr: 1, mnr: 2 });
    const p0 = await me.readPortInfo(0);
    expect(p0).toMatchObject({ portt: 'pcie', mmctptus: 4224, meb: 0, port: { pn: 0, cls: 4, nlw: 4 } });
    const p1 = await me.readPortInfo(1);
    expect(p1).toMatchObject({ portt: 'smbus', port: { mmeAddr: 0x1d, mmeFreq: 3 } });
    expect(await miStatusOf(me.readPortInfo(2))).toBe(MI_STATUS.invalidParam);
    expect(await me.readCtrlList()).toEqual([3]);
    expect(await me.readCtrlList(4)).toEqual([]);
    expect(await me.readCtrlInfo(3)).toMatchObject({ portid: 0, prii: { pcieriv: true }, vid: 0x1b36, ssvid: 0x1af4 });
    expect(await miStatusOf(me.readCtrlInfo(0))).toBe(MI_STATUS.invalidParam);
    expect(await miStatusOf(me.miCommand(mi.miMiReadMiData({ dtyp: 0x07 })))).toBe(MI_STATUS.invalidParam);
    // NMRESP carries the response data length.
    expect((await me.miCommand(mi.miMiReadMiDataSubsys())).nmresp).toBe(32);
  });
});

describe('SimNvmeMi: NVM Subsystem Health Status Poll (§5.6) and Configuration Get / Set (§5.2, §5.3)', () => {
  it('reports status, inverted SMART warnings, temperature and latched CCS bits, cleared by CS', async () => {
    const { ep, me, ctrl, dev } = setup();
    const first = await me.miCommand(mi.miMiSubsystemHealthStatusPoll());
    // NSS 38h: P0LA (bit 3), RNR (bit 4), DF (bit 5) per NVMe-MI 1.2 Figure 108.
    expect(first.data[0]).toBe(0x38);
    expect(first.data[1]).toBe(0x3f); // no warning: every SW bit set
    const h = await me.subsystemHealthStatusPoll(true);
    expect(h).toMatchObject({ ctemp: 35, pdlu: 0 });
    expect(h.ccs.rdy).toBe(true);
    expect((await me.subsystemHealthStatusPoll()).ccs.rdy).toBe(false); // cleared by the previous poll
    ctrl.setTemperature(380); // over WCTEMP: temperature warning
    ctrl.setWear({ percentUsed: 7 });
    const w = await me.miCommand(mi.miMiSubsystemHealthStatusPoll());
    expect(w.data[1]).toBe(0x3f & ~0b10);
    const hw = codecs.miNvmSsHealthStatus.decode(w.data);
    expect(hw).toMatchObject({ ctemp: 107, pdlu: 7, ccs: { ctemp: true, pdlu: true, ccwarn: true, nac: false } });
    // Namespace attachment and firmware activation latch NAC and FA (through the Admin tunnel).
    const nsid = await dev.nsCreate({ ns: { nsze: 8n, ncap: 8n } });
    await dev.nsAttach({ nsid, ctrlist: [3] });
    await dev.fwDownload(new TextEncoder().encode('FW-MI-01'));
    await dev.fwCommit({ slot: 2, action: 3, confirm: true });
    expect(ep.compositeControllerStatus & (CCS.nac | CCS.fa)).toBe(CCS.nac | CCS.fa);
    // Configuration Set Health Status Change clears the named bits only.
    await me.setHealthStatusChange(CCS.nac);
    expect(ep.compositeControllerStatus & (CCS.nac | CCS.fa)).toBe(CCS.fa);
    expect(await miStatusOf(me.setHealthStatusChange(1 << 3))).toBe(MI_STATUS.invalidParam);
    // The temperature is clamped to 127 °C.
    ctrl.setTemperature(500);
    expect((await me.subsystemHealthStatusPoll()).ctemp).toBe(127);
  });

  it('gets and sets the SMBus frequency and MCTP transmission unit size of a port', async () => {
    const { me, ep } = setup();
    expect(await me.getSmbusFreq(1)).toBe(1);
    await me.setSmbusFreq(1, 3);
    expect(await me.getSmbusFreq(1)).toBe(3);
    expect(ep.port(1)).toMatchObject({ type: 'smbus', freq: 3 });
    expect(await miStatusOf(me.setSmbusFreq(1, 0))).toBe(MI_STATUS.invalidParam);
    expect(await miStatusOf(me.getSmbusFreq(0))).toBe(MI_STATUS.invalidParam); // PCIe port
    expect(await miStatusOf(me.getSmbusFreq(5))).toBe(MI_STATUS.invalidParam);
    expect(await me.getMctpMtu(0)).toBe(64);
    await me.setMctpMtu(0, 1024);
    expect(await me.getMctpMtu(0)).toBe(1024);
    expect(await miStatusOf(me.setMctpMtu(0, 32))).toBe(MI_STATUS.invalidParam);
    expect(await miStatusOf(me.setMctpMtu(1, 128))).toBe(MI_STATUS.invalidParam); // SMBus port max 64
    // Health Status Change is Set only; unknown configuration identifiers are Invalid Parameter.
    expect(await miStatusOf(me.configGet(0x02))).toBe(MI_STATUS.invalidParam);
    expect(await miStatusOf(me.configGet(0x09))).toBe(MI_STATUS.invalidParam);
    expect(await miStatusOf(me.configSet(0x09))).toBe(MI_STATUS.invalidParam);
  });
});

describe('SimNvmeMi: the Admin command tunnel (§6)', () => {
  it('runs admin commands on the controller: identify, logs (split at 4096 bytes), features, sanitize', async () => {
    const { dev, ctrl } = setup();
    const id = await dev.idCtrl();
    expect(id).toMatchObject({ sn: 'SN-MI', cntlid: 3 });
    expect((await dev.smartLog()).temperature).toBe(308);
    const direct = new NvmeDevice(ctrl);
    // An 8 KiB read of the error log goes as two 4096-byte pieces with LPO.
    const tunnelled = () => ctrl.log.filter((l) => l.opcode === 0x02 && l.name === 'miAdmin').length;
    const before = tunnelled();
    const big = await dev.getLogPage({ lid: 0x01, nsid: 0xffffffff, len: 8192 });
    expect(tunnelled() - before).toBe(2);
    expect(big).toEqual(await direct.getLogPage({ lid: 0x01, nsid: 0xffffffff, len: 8192 }));
    const smartTail = await dev.getLogPage({ lid: 0x02, nsid: 0xffffffff, len: 256, lpo: 256 });
    expect(smartTail).toEqual((await direct.getLogPage({ lid: 0x02, nsid: 0xffffffff, len: 512 })).subarray(256));
    // NVMe errors come back in the completion, not as an MI status.
    await expect(dev.getLogPage({ lid: 0x02, nsid: 0xffffffff, len: 4, lpo: 1024 })).rejects.toMatchObject({ code: 'NVME_STATUS', statusName: 'invalidField' });
    await expect(dev.getLogPage({ lid: 0x42, len: 4 })).rejects.toMatchObject({ statusName: 'invalidLogPage' });
    await dev.setFeature(nvme.setFeaturesArbitration({ ab: 5 }));
    expect((await dev.getFeature(0x01)).result & 7).toBe(5);
    const ts = await dev.submit(nvme.getFeaturesTimestamp());
    expect(ts.data?.length).toBe(8);
    // Timestamp returns 8 bytes: asking for none (DLEN 0) is an Invalid Parameter (§6.1).
    await expect(dev.getFeature({ fid: 0x0e })).rejects.toMatchObject({ code: 'NVME_MI_STATUS', miStatus: MI_STATUS.invalidParam });
    await dev.sanitize({ sanact: 4, confirm: true });
    expect((await dev.sanitizeLog()).sstat.status).toBe('completeSuccess');
  });

  it('applies DOFF / DLEN (§6.1) and the MI status errors of the tunnel', async () => {
    const { ep, ctrl } = setup();
    const idc = nvme.identifyCtrl();
    const whole = codecs.idCtrl.encode(codecs.idCtrl.decode((await new NvmeDevice(ctrl).submit(idc)).data!));
    // DOFF 4092, DLEN 4: the last dword of the Identify data.
    const tail: NvmeCommand = { ...idc, dataLength: 4 };
    const r = await raw(ep, mi.encodeAdminRequest(tail, { ctrlId: 3, doff: 4092 }), mi.NMIMT.admin);
    expect(r.status).toBe(0);
    expect(mi.decodeAdminResponse(r, tail).data).toEqual(whole.subarray(4092));
    const status = async (m: Uint8Array) => (await raw(ep, m, mi.NMIMT.admin)).status;
    // Past the end of the data, not dword aligned, over 4096: Invalid Parameter.
    expect(await status(mi.encodeAdminRequest({ ...idc, dataLength: 8 }, { ctrlId: 3, doff: 4092 }))).toBe(MI_STATUS.invalidParam);
    const setDlen = (v: number) =>
      patch(mi.encodeAdminRequest(idc, { ctrlId: 3 }), (b) => {
        new DataView(b.buffer).setUint32(32, v, true);
      });
    expect(await status(setDlen(4094))).toBe(MI_STATUS.invalidParam);
    expect(await status(setDlen(8192))).toBe(MI_STATUS.invalidParam);
    expect(await status(setDlen(0))).toBe(MI_STATUS.invalidParam); // Identify returns data
    // Unknown controller: Invalid Parameter. Prohibited opcode (Asynchronous Event Request): Invalid Command Opcode.
    expect(await status(mi.encodeAdminRequest(idc, { ctrlId: 9 }))).toBe(MI_STATUS.invalidParam);
    const aer = patch(mi.encodeAdminRequest(idc, { ctrlId: 3 }), (b) => {
      b[4] = 0x0c;
    });
    expect(await status(aer)).toBe(MI_STATUS.invalidOpcode);
    // Header cut short: Invalid Command Size; host data that is not DLEN bytes: Invalid Command Input Data Size.
    expect(await status(mi.appendMic(mi.encodeAdminRequest(idc, { ctrlId: 3 }).subarray(0, 40)))).toBe(MI_STATUS.invalidCmdSize);
    const ts = nvme.setFeaturesTimestamp({ timestamp: 1234n });
    const tsMsg = mi.encodeAdminRequest(ts, { ctrlId: 3 });
    const cut = mi.appendMic(tsMsg.subarray(0, tsMsg.length - 8));
    expect(await status(cut)).toBe(MI_STATUS.invalidInputSize);
    expect(await status(tsMsg)).toBe(0);
    // An NVMe opcode the controller lacks is an NVMe status (Invalid Command Opcode) in the completion.
    const vendor = patch(mi.encodeAdminRequest({ ...idc, dataLength: 0, direction: 'none' }, { ctrlId: 3 }), (b) => {
      b[4] = 0xc0;
    });
    const v = await raw(ep, vendor, mi.NMIMT.admin);
    expect(v.status).toBe(0);
    expect(codecs.miAdminRespHdr.decode(v.body).cdw3 >>> 17).toBe(0x01);
  });
});

describe('SimNvmeMi: More Processing Required (§4.2.1)', () => {
  it('answers MPR with its time first; receive() delivers further MPRs, then the final reply', async () => {
    const { ep } = setup({ mprFirst: { times: 1, mprtMs: 250, replies: 2 } });
    const req = mi.encodeMiRequest(mi.miMiReadMiDataSubsys());
    const a = mi.parseReply(await ep.exchange(req), { nmimt: mi.NMIMT.mi });
    expect(a).toEqual({ kind: 'mpr', mprtMs: 300 });
    const b = mi.parseReply(await ep.receive(), { nmimt: mi.NMIMT.mi });
    expect(b.kind).toBe('mpr');
    const c = mi.parseReply(await ep.receive(), { nmimt: mi.NMIMT.mi });
    expect(c.kind === 'response' && codecs.miReadNvmSsInfo.decode(mi.decodeMiResponse(c).data).mjr).toBe(1);
    await expect(ep.receive()).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    // `times` used up: the next request is answered at once.
    expect(mi.parseReply(await ep.exchange(req), { nmimt: mi.NMIMT.mi }).kind).toBe('response');
  });

  it('the requester classes wait MPR out, for MI and Admin commands alike', async () => {
    const { me, dev } = setup({ mprFirst: { mprtMs: 100 } });
    expect((await me.readSubsysInfo()).mnr).toBe(2);
    expect((await dev.idCtrl()).sn.trim()).toBe('SN-MI');
    expect((await dev.smartLog()).temperature).toBe(308);
  });

  it('a transport without receive() cannot finish an MPR exchange (TRANSPORT_UNSUPPORTED)', async () => {
    const { ep } = setup({ mprFirst: {} });
    const noReceive = { info: ep.info, exchange: ep.exchange.bind(ep), close: ep.close.bind(ep) };
    await expect(new NvmeMiEndpoint(noReceive).readSubsysInfo()).rejects.toMatchObject({ code: 'TRANSPORT_UNSUPPORTED' });
  });

  it('close() ends the endpoint', async () => {
    const { ep, me } = setup();
    await ep.close();
    await expect(me.readSubsysInfo()).rejects.toSatisfy((e: unknown) => isCxlNvmeError(e) && e.code === 'TRANSPORT_CLOSED');
  });
});

describe('loadScenario: one Management Endpoint per NVMe controller', () => {
  it("builds '<name>-mi' in front of each controller, with options; \"mi\": false leaves it out", async () => {
    const s = loadScenario({
      v: 1,
      nvme: { a: { cntlid: 0, mi: { mprFirst: { times: 1, mprtMs: 100 } } }, b: { mi: false } },
    });
    expect([...s.mi.keys()]).toEqual(['a-mi']);
    const ep = s.mi.get('a-mi')!;
    expect(ep.info.device).toBe('sim:a-mi');
    expect(s.devices.get('a-mi')).toBeInstanceOf(SimNvmeMi);
    const first = mi.parseReply(await ep.exchange(mi.encodeMiRequest(mi.miMiReadMiDataCtrlList())), { nmimt: mi.NMIMT.mi });
    expect(first.kind).toBe('mpr');
    const dev = new NvmeDevice(new NvmeMiEndpoint(ep).admin(0));
    expect((await dev.idCtrl()).cntlid).toBe(0);
    expect(() => loadScenario({ v: 1, nvme: { a: { mi: { mprFirst: { times: -1 } } } } })).toThrow(
      expect.objectContaining({ code: 'USAGE', context: expect.objectContaining({ path: '$.nvme.a.mi.mprFirst.times' }) }),
    );
  });
});
