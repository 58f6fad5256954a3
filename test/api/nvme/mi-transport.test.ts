/**
 * NvmeMiTransport / NvmeMiEndpoint against a fake MCTP peer that checks every request byte,
 * MIC included, and answers with canned replies (good, bad MIC, unaligned, MI error, MPR).
 */
import { describe, expect, it } from 'vitest';
import { NvmeDevice, NvmeMiEndpoint, NvmeMiTransport } from '../../../src/api/nvme/index.js';
import { CxlNvmeError, NvmeMiStatusError } from '../../../src/errors.js';
import { crc32c } from '../../../src/protocol/nvme/crc32c.js';
import * as nvme from '../../../src/protocol/nvme/index.js';
import type { MctpMessageTransport, SubmitOptions } from '../../../src/transport/types.js';

const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const withMic = (b: readonly number[]) => new Uint8Array([...b, ...le32(crc32c(new Uint8Array(b)))]);

/** An Admin request as the spec lays it out (§6.1), MIC appended. */
function adminReq(o: { opcode: number; ctrlId?: number; nsid?: number; dlen: number; cdw: number[] }) {
  return withMic([0x84, 0x10, 0, 0, o.opcode, o.dlen ? 1 : 0, (o.ctrlId ?? 0) & 0xff, (o.ctrlId ?? 0) >> 8, ...le32(o.nsid ?? 0), ...Array(16).fill(0), ...le32(0), ...le32(o.dlen), ...Array(8).fill(0), ...o.cdw.flatMap(le32)]);
}
const adminResp = (o: { status?: number; cdw0?: number; nvmeStatus?: number; data?: number[] }) =>
  withMic([0x84, 0x90, 0, 0, o.status ?? 0, 0, 0, 0, ...le32(o.cdw0 ?? 0), ...le32(0), ...le32(((o.nvmeStatus ?? 0) << 17) >>> 0), ...(o.data ?? [])]);

interface Step {
  expect: Uint8Array;
  replies: Uint8Array[];
}

/** Fake MCTP peer: each exchange must match the next expected request exactly. */
class FakePeer implements MctpMessageTransport {
  readonly info = { kind: 'nvme-mi-mctp' as const, device: 'mctp:1,8' };
  readonly steps: Step[];
  readonly waits: (number | undefined)[] = [];
  #pending: Uint8Array[] = [];
  closed = false;
  constructor(steps: Step[], readonly withReceive = true) {
    this.steps = steps;
    if (!withReceive) (this as { receive?: unknown }).receive = undefined;
  }
  async exchange(message: Uint8Array): Promise<Uint8Array> {
    const step = this.steps.shift();
    if (!step) throw new Error('unexpected request');
    expect(Array.from(message)).toEqual(Array.from(step.expect));
    this.#pending = [...step.replies];
    return this.#pending.shift()!;
  }
  async receive(options?: SubmitOptions): Promise<Uint8Array> {
    this.waits.push(options?.timeoutMs);
    const r = this.#pending.shift();
    if (!r) throw new CxlNvmeError('TRANSPORT_TIMEOUT', 'no more replies');
    return r;
  }
  async close() {
    this.closed = true;
  }
}

describe('NvmeMiTransport (Admin tunnel)', () => {
  it('Identify Controller: exact request bytes, data back, NvmeDevice decodes it', async () => {
    const id = new Uint8Array(4096);
    id.set([0x86, 0x80], 0);
    id[77] = 5;
    const peer = new FakePeer([{ expect: adminReq({ opcode: 6, ctrlId: 1, dlen: 4096, cdw: [1, 0, 0, 0, 0, 0] }), replies: [adminResp({ data: Array.from(id) })] }]);
    const dev = new NvmeDevice(new NvmeMiTransport(peer, { ctrlId: 1 }));
    const ctrl = await dev.idCtrl();
    expect([ctrl.vid, ctrl.mdts]).toEqual([0x8086, 5]);
    expect(peer.steps).toHaveLength(0);
  });

  it('splits a long Get Log Page into 4096-byte pieces with LPO and RAE', async () => {
    const len = 4096 + 1024;
    const part = (n: number, v: number) => Array(n).fill(v);
    const peer = new FakePeer([
      { expect: adminReq({ opcode: 2, nsid: 0, dlen: 4096, cdw: [(1023 << 16) | 0x8000 | 0x07, 0, 0, 0, 0, 0] }), replies: [adminResp({ data: part(4096, 0xaa) })] },
      { expect: adminReq({ opcode: 2, nsid: 0, dlen: 1024, cdw: [(255 << 16) | 0x07, 0, 4096, 0, 0, 0] }), replies: [adminResp({ data: part(1024, 0xbb) })] },
    ]);
    const t = new NvmeMiTransport(peer, { ctrlId: 0 });
    const c = await t.submit(nvme.getLogTelemetryHost({ len }));
    expect(c.status).toBe(0);
    expect([c.data!.length, c.data![4095], c.data![4096]]).toEqual([len, 0xaa, 0xbb]);
  });

  it('reports NVMe status in the completion and NvmeDevice throws NvmeStatusError', async () => {
    const peer = new FakePeer([{ expect: adminReq({ opcode: 6, dlen: 4096, cdw: [0, 0, 0, 0, 0, 0], nsid: 9 }), replies: [adminResp({ nvmeStatus: 0x400b })] }]);
    const dev = new NvmeDevice(new NvmeMiTransport(peer, { ctrlId: 0 }));
    await expect(dev.idNs(9)).rejects.toMatchObject({ code: 'NVME_STATUS', statusName: 'invalidNs', dnr: true });
  });

  it('bad MIC -> NVME_MI_INTEGRITY', async () => {
    const bad = adminResp({ data: Array(4096).fill(0) });
    bad[bad.length - 1]! ^= 0xff;
    const peer = new FakePeer([{ expect: adminReq({ opcode: 6, dlen: 4096, cdw: [1, 0, 0, 0, 0, 0] }), replies: [bad] }]);
    await expect(new NvmeMiTransport(peer, { ctrlId: 0 }).submit(nvme.identifyCtrl())).rejects.toMatchObject({ code: 'NVME_MI_INTEGRITY' });
  });

  it('non-dword-aligned reply data -> NVME_MI_MESSAGE', async () => {
    const peer = new FakePeer([{ expect: adminReq({ opcode: 2, nsid: 0xffffffff, dlen: 512, cdw: [(127 << 16) | 3, 0, 0, 0, 0, 0] }), replies: [adminResp({ data: Array(510).fill(1) })] }]);
    await expect(new NvmeMiTransport(peer, { ctrlId: 0 }).submit(nvme.getLogFwSlot())).rejects.toMatchObject({ code: 'NVME_MI_MESSAGE' });
  });

  it('MI error status -> NvmeMiStatusError (not NvmeStatusError)', async () => {
    const peer = new FakePeer([{ expect: adminReq({ opcode: 6, dlen: 4096, cdw: [1, 0, 0, 0, 0, 0] }), replies: [withMic([0x84, 0x90, 0, 0, 0x07, 0, 0, 0])] }]);
    const err = await new NvmeMiTransport(peer, { ctrlId: 0 }).submit(nvme.identifyCtrl()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NvmeMiStatusError);
    expect(err).toMatchObject({ code: 'NVME_MI_STATUS', miStatus: 7, miStatusName: 'accessDenied' });
  });

  it('More Processing Required: waits MPRT (bounded) and takes the final reply', async () => {
    const mpr = withMic([0x84, 0x90, 0, 0, 0x01, 0, 20, 0]); // MPRT 2 s
    const mprLong = withMic([0x84, 0x90, 0, 0, 0x01, 0, 0xff, 0xff]); // MPRT ~6553 s, clamped
    const peer = new FakePeer([
      { expect: adminReq({ opcode: 0x14, nsid: 0xffffffff, dlen: 0, cdw: [1, 0, 0, 0, 0, 0] }), replies: [mpr, mprLong, adminResp({})] },
    ]);
    const c = await new NvmeMiTransport(peer, { ctrlId: 0, mprtMaxMs: 10_000 }).submit(nvme.devSelfTest({ stc: 1 }));
    expect(c).toEqual({ result: 0n, status: 0 });
    expect(peer.waits).toEqual([2000, 10_000]);
  });

  it('More Processing Required forever: gives up after maxMpr', async () => {
    const mpr = withMic([0x84, 0x90, 0, 0, 0x01, 0, 1, 0]);
    const peer = new FakePeer([{ expect: adminReq({ opcode: 0x14, nsid: 0xffffffff, dlen: 0, cdw: [1, 0, 0, 0, 0, 0] }), replies: [mpr, mpr, mpr, mpr] }]);
    await expect(new NvmeMiTransport(peer, { ctrlId: 0, maxMpr: 2 }).submit(nvme.devSelfTest({ stc: 1 }))).rejects.toMatchObject({ code: 'NVME_MI_MESSAGE' });
  });

  it('MPR on a transport that cannot wait -> TRANSPORT_UNSUPPORTED', async () => {
    const mpr = withMic([0x84, 0x90, 0, 0, 0x01, 0, 1, 0]);
    const peer = new FakePeer([{ expect: adminReq({ opcode: 0x14, nsid: 0xffffffff, dlen: 0, cdw: [1, 0, 0, 0, 0, 0] }), replies: [mpr] }], false);
    await expect(new NvmeMiTransport(peer, { ctrlId: 0 }).submit(nvme.devSelfTest({ stc: 1 }))).rejects.toMatchObject({ code: 'TRANSPORT_UNSUPPORTED' });
  });

  it('refuses I/O commands', async () => {
    const t = new NvmeMiTransport(new FakePeer([]), { ctrlId: 0 });
    await expect(t.submit(nvme.flush({ nsid: 1 }))).rejects.toMatchObject({ code: 'TRANSPORT_UNSUPPORTED' });
  });
});

describe('NvmeMiEndpoint (MI command set)', () => {
  const miReq = (opcode: number, cdw0: number, cdw1 = 0) => withMic([0x84, 0x08, 0, 0, opcode, 0, 0, 0, ...le32(cdw0), ...le32(cdw1)]);
  const miResp = (status: number, nmresp: number, data: number[] = []) => withMic([0x84, 0x88, 0, 0, status, nmresp & 0xff, (nmresp >> 8) & 0xff, nmresp >> 16, ...data]);

  it('reads subsystem, port, controller list and controller info', async () => {
    const peer = new FakePeer([
      { expect: miReq(0, 0), replies: [miResp(0, 32, [1, 1, 2, ...Array(29).fill(0)])] },
      { expect: miReq(0, 0x01010000), replies: [miResp(0, 32, [1, 0, 64, 0, ...le32(4096), 2, 0x1f, 4, 8, 4, 0, ...Array(18).fill(0)])] },
      { expect: miReq(0, 0x02000000), replies: [miResp(0, 6, [2, 0, 1, 0, 2, 0])] },
      { expect: miReq(0, 0x03000001), replies: [miResp(0, 32, [0, 0, 0, 0, 0, 1, 0, 1, 0x4d, 0x14, 0x08, 0xa8, ...Array(20).fill(0)])] },
    ]);
    const ep = new NvmeMiEndpoint(peer);
    expect(await ep.readSubsysInfo()).toMatchObject({ nump: 1, mjr: 1, mnr: 2 });
    expect(await ep.readPortInfo(1)).toMatchObject({ portt: 'pcie', mmctptus: 64, meb: 4096, port: { mps: 2, cls: 4, mlw: 8, nlw: 4 } });
    expect(await ep.readCtrlList()).toEqual([1, 2]);
    expect(await ep.readCtrlInfo(1)).toMatchObject({ prii: { pcieriv: true }, pri: 0x100, vid: 0x144d, did: 0xa808 });
  });

  it('health status poll and configuration get / set', async () => {
    const peer = new FakePeer([
      { expect: miReq(1, 0, 0x80000000), replies: [miResp(0, 0, [0x38, 0xff, 35, 4, 0x01, 0x10, 0, 0])] },
      { expect: miReq(4, 0x00000003), replies: [miResp(0, 64)] },
      { expect: miReq(3, 0x00000003, 250), replies: [miResp(0, 0)] },
      { expect: miReq(4, 0x01000001), replies: [miResp(0, 2)] },
    ]);
    const ep = new NvmeMiEndpoint(peer);
    expect(await ep.subsystemHealthStatusPoll(true)).toMatchObject({ nss: { p0la: true, p1la: false, rnr: true, df: true }, ctemp: 35, pdlu: 4, ccs: { rdy: true, ccwarn: true } });
    expect(await ep.getMctpMtu(0)).toBe(64);
    await ep.setMctpMtu(0, 250);
    expect(await ep.getSmbusFreq(1)).toBe(2);
  });

  it('MI error -> NvmeMiStatusError; endpoint builds an admin tunnel', async () => {
    const peer = new FakePeer([{ expect: miReq(0, 0x01050000), replies: [miResp(0x04, 0)] }]);
    const ep = new NvmeMiEndpoint(peer);
    await expect(ep.readPortInfo(5)).rejects.toBeInstanceOf(NvmeMiStatusError);
    expect(ep.admin(3).info).toMatchObject({ kind: 'nvme-mi-mctp', device: 'mctp:1,8/ctrl3', maxPayload: 4096 });
    await ep.admin(3).close();
    expect(peer.closed).toBe(true);
  });
});
