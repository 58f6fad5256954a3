/** NvmeDevice over a fake NvmeTransport: decoding, status errors, chunking by MDTS, geometry, info. */
import { describe, expect, it } from 'vitest';
import { computeGeometry, NvmeDevice } from '../../../src/api/nvme/index.js';
import type { NvmeCommand, NvmeCompletion } from '../../../src/protocol/nvme/command-types.js';
import { codecs } from '../../../src/structs/index.js';
import type { NvmeTransport } from '../../../src/transport/types.js';

type Handler = (c: NvmeCommand) => NvmeCompletion | undefined;

class FakeNvme implements NvmeTransport {
  readonly info = { kind: 'simulator' as const, device: 'sim:nvme0' };
  readonly sent: NvmeCommand[] = [];
  constructor(readonly handler: Handler) {}
  async submit(c: NvmeCommand): Promise<NvmeCompletion> {
    this.sent.push(c);
    const r = this.handler(c);
    if (!r) return { result: 0n, status: 0x0001 }; // invalid opcode
    return r;
  }
  async close() {}
}

const ok = (data?: Uint8Array, result = 0n): NvmeCompletion => (data ? { result, status: 0, data } : { result, status: 0 });

function idCtrlBytes(mdts: number, ctratt = 0) {
  return codecs.idCtrl.encode({ vid: 0x1b36, sn: 'SIM1', mn: 'QEMU NVMe Ctrl', fr: '9.0', mdts, cntlid: 0, ver: 0x00020000, nn: 256, elpe: 3, ctratt });
}
function idNsBytes(o: { nsze: bigint; fmt: number; ext?: boolean; dps?: number; lbafs: { ms: number; ds: number }[] }) {
  return codecs.idNs.encode({ nsze: o.nsze, ncap: o.nsze, nlbaf: o.lbafs.length - 1, flbas: { lbafLo: o.fmt, extendedMetadata: !!o.ext }, dps: o.dps ?? 0, lbaf: o.lbafs.map((l) => ({ ms: l.ms, ds: l.ds, rp: { rp: 0 } })) });
}
function nsDescCsi(csi: number) {
  const b = new Uint8Array(4096);
  b.set([4, 1, 0, 0, csi]);
  return b;
}

/** A controller with NS 1 (NVM, 4096+8 extended, PI type 1 at start) and NS 2 (ZNS). */
function sim(mdts = 1) {
  return new FakeNvme((c) => {
    if (c.opcode === 0x06) {
      const cns = c.cdw10 & 0xff;
      const csi = c.cdw11 >>> 24;
      if (cns === 1) return ok(idCtrlBytes(mdts));
      if (cns === 0 && c.nsid === 1) return ok(idNsBytes({ nsze: 1000n, fmt: 1, ext: true, dps: 0x9, lbafs: [{ ms: 0, ds: 9 }, { ms: 8, ds: 12 }] }));
      if (cns === 0 && c.nsid === 2) return ok(idNsBytes({ nsze: 0x8000n, fmt: 0, lbafs: [{ ms: 0, ds: 12 }] }));
      if (cns === 0) return { result: 0n, status: 0x400b };
      if (cns === 2) {
        const b = new Uint8Array(4096);
        b.set([1, 0, 0, 0, 2, 0, 0, 0]);
        return ok(b);
      }
      if (cns === 3) return ok(nsDescCsi(c.nsid === 2 ? 2 : 0));
      if (cns === 5 && csi === 2) return ok(codecs.znsIdNs.encode({ lbafe: [{ zsze: 0x1000n }] }));
      if (cns === 0x13) {
        const b = new Uint8Array(4096);
        b.set(codecs.ctrlList.encode({ identifier: [0, 1] }));
        return ok(b);
      }
    }
    if (c.opcode === 0x02) {
      const lid = c.cdw10 & 0xff;
      const out = new Uint8Array(c.dataLength);
      if (lid === 0x02) out.set([0x01, 0x36, 0x01, 100]);
      if (lid === 0x01) for (let i = 0; i < c.dataLength / 64; i++) out[i * 64] = i + 1;
      if (lid === 0x07) out.fill((c.cdw12 / 4096) & 0xff);
      return ok(out);
    }
    if (c.opcode === 0x0a) {
      const fid = c.cdw10 & 0xff;
      if (fid === 0x07) return ok(undefined, 0x001f003fn);
      if (fid === 0x0e) return ok(new Uint8Array([1, 0, 0, 0, 0, 0, 2, 0]), 0n);
    }
    if (c.opcode === 0x09) return ok(undefined, 0x1n);
    if (c.queue === 'io' && c.opcode === 0x02) return ok(new Uint8Array(c.dataLength).fill(0x5a));
    if (c.queue === 'io') return ok();
    return undefined;
  });
}

describe('NvmeDevice', () => {
  it('identify, logs and status errors', async () => {
    const t = sim();
    const d = new NvmeDevice(t);
    expect(await d.idCtrl()).toMatchObject({ vid: 0x1b36, mn: 'QEMU NVMe Ctrl', mdts: 1 });
    await d.idCtrl();
    expect(t.sent.filter((c) => c.name === 'identifyCtrl')).toHaveLength(1); // cached
    expect(await d.activeNsList()).toEqual([1, 2]);
    expect(await d.ctrlList()).toEqual([0, 1]);
    expect(await d.smartLog()).toMatchObject({ criticalWarning: { spare: true }, temperature: 0x136, availSpare: 100 });
    expect((await d.errorLog()).map((e) => e.errorCount)).toEqual([1n, 2n, 3n, 4n]); // ELPE 3 -> 4 entries
    await expect(d.idNs(9)).rejects.toMatchObject({ code: 'NVME_STATUS', statusName: 'invalidNs', context: { command: 'identifyNs', nsid: 9 } });
  });

  it('reads a long log in MDTS-sized chunks (mdts 1 = 8 KiB)', async () => {
    const t = sim(1);
    const d = new NvmeDevice(t);
    const b = await d.getLogPage({ lid: 0x07, len: 20_480 });
    const logCmds = t.sent.filter((c) => c.opcode === 0x02);
    expect(logCmds.map((c) => c.dataLength)).toEqual([8192, 8192, 4096]);
    expect(logCmds.map((c) => (c.cdw10 >>> 15) & 1)).toEqual([1, 1, 0]);
    expect([b[0], b[8192], b[16384]]).toEqual([0, 2, 4]);
  });

  it('features: DW0 decoded by table, data decoded by table', async () => {
    const d = new NvmeDevice(sim());
    expect(await d.getFeature(0x07)).toMatchObject({ fid: 7, result: 0x1f003f, value: { nsqr: 0x3f, ncqr: 0x1f } });
    const ts = await d.getFeature({ fid: 0x0e, dataLen: 8, decodeAs: 'timestamp' });
    expect(ts.decoded).toMatchObject({ timestamp: { ms: 1n }, attr: { origin: 'setFeatures' } });
    expect(await d.setFeature({ fid: 6, cdw11: 1 })).toEqual({ result: 1 });
  });

  it('geometry: conventional with extended metadata and PI; zoned from the zone format', async () => {
    const d = new NvmeDevice(sim(5), { queueLimitBytes: 65536 });
    expect(await d.geometry(1)).toEqual({
      type: 'conventional',
      npugrp: 1,
      npunit: 1,
      nzone: 1n,
      nsect: 1000n,
      nbytes: 4096,
      nbytesOob: 8,
      tbytes: 4096000n,
      ssw: 12,
      mdtsNbytes: 65536,
      lbaNbytes: 4104,
      lbaExtended: true,
      lbaf: 1,
      piType: 1,
      piLoc: 'start',
      piFormat: 'guard16',
    });
    expect(await d.geometry(2)).toMatchObject({ type: 'zoned', nzone: 8n, nsect: 0x1000n, nbytes: 4096, tbytes: 0x8000n * 4096n, lbaExtended: false, piType: 0 });
  });

  it('read sizes buffers from the geometry; write / dsm go through', async () => {
    const t = sim(5);
    const d = new NvmeDevice(t);
    const r = await d.read({ nsid: 1, slba: 0, nlb: 1 });
    expect(r.data.length).toBe(2 * 4104);
    await d.write({ nsid: 1, slba: 0, nlb: 0, data: new Uint8Array(4104) });
    await d.deallocate(1, [{ slba: 0, nlb: 8 }]);
    expect(t.sent.filter((c) => c.queue === 'io').map((c) => c.name)).toEqual(['read', 'write', 'deallocate']);
  });

  it('destructive operations need confirm before anything is sent', async () => {
    const t = sim();
    const d = new NvmeDevice(t);
    await expect(d.format({ nsid: 1, lbaf: 0 })).rejects.toMatchObject({ code: 'NVME_CONFIRMATION_REQUIRED' });
    expect(t.sent).toHaveLength(0);
  });

  it('info() is printable and JSON', async () => {
    const info = await new NvmeDevice(sim(5)).info();
    const j = info.toJSON() as { controller: Record<string, unknown>; namespaces: { nsid: number; geometry: Record<string, unknown> }[] };
    expect(j.controller).toMatchObject({ mn: 'QEMU NVMe Ctrl', version: '2.0.0', mdts: 5 });
    expect(j.namespaces.map((n) => [n.nsid, n.geometry.type, n.geometry.tbytes])).toEqual([
      [1, 'conventional', '4096000'],
      [2, 'zoned', String(0x8000 * 4096)],
    ]);
    expect(JSON.parse(JSON.stringify(info))).toEqual(j);
    const text = String(info);
    expect(text).toContain('QEMU NVMe Ctrl');
    expect(text).toContain('namespace 2: zoned');
  });

  it('computeGeometry: MDTS 0 means 1 MiB; unknown CSI stays conventional', () => {
    const idCtrl = codecs.idCtrl.decode(idCtrlBytes(0));
    const idNs = codecs.idNs.decode(idNsBytes({ nsze: 8n, fmt: 0, lbafs: [{ ms: 16, ds: 9 }] }));
    expect(computeGeometry({ idCtrl, idNs, csi: 0 })).toMatchObject({ mdtsNbytes: 1 << 20, nbytesOob: 16, lbaExtended: false, lbaNbytes: 512, tbytes: 4096n });
  });
});
