/**
 * Command builders: exact dwords per NVMe Base 2.0c §5 / NVM Command Set 1.0c §3 (the same
 * layouts libnvme's ioctl.c builds), confirmation of destructive commands, and log chunking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NvmeCommand } from '../../../src/protocol/nvme/command-types.js';
import * as nvme from '../../../src/protocol/nvme/index.js';

const dw = (c: NvmeCommand) => ({ opcode: c.opcode, nsid: c.nsid, cdw2: c.cdw2, cdw3: c.cdw3, cdw10: c.cdw10, cdw11: c.cdw11, cdw12: c.cdw12, cdw13: c.cdw13, cdw14: c.cdw14, cdw15: c.cdw15 });
const Z = { nsid: 0, cdw2: 0, cdw3: 0, cdw10: 0, cdw11: 0, cdw12: 0, cdw13: 0, cdw14: 0, cdw15: 0 };

describe('identify', () => {
  it('identifyCtrl: CNS 01h, 4096 bytes from the device', () => {
    const c = nvme.identifyCtrl();
    expect(dw(c)).toEqual({ ...Z, opcode: 0x06, cdw10: 0x01 });
    expect([c.queue, c.direction, c.dataLength, c.decodeAs, c.name]).toEqual(['admin', 'fromDevice', 4096, 'idCtrl', 'identifyCtrl']);
  });
  it('identifyNs / active list / descriptors / controller lists', () => {
    expect(dw(nvme.identifyNs({ nsid: 7 }))).toEqual({ ...Z, opcode: 6, nsid: 7, cdw10: 0x00 });
    expect(dw(nvme.identifyActiveNsList({ nsid: 0x10 }))).toEqual({ ...Z, opcode: 6, nsid: 0x10, cdw10: 0x02 });
    expect(dw(nvme.identifyNsDescs({ nsid: 1 }))).toEqual({ ...Z, opcode: 6, nsid: 1, cdw10: 0x03 });
    expect(dw(nvme.identifyCtrlList({ cntid: 0x0102 }))).toEqual({ ...Z, opcode: 6, cdw10: 0x01020013 });
    expect(dw(nvme.identifyNsidCtrlList({ nsid: 3, cntid: 1 }))).toEqual({ ...Z, opcode: 6, nsid: 3, cdw10: 0x00010012 });
  });
  it('CSI specific: CNS 05h/06h with CSI in CDW11 31:24', () => {
    expect(dw(nvme.identifyCsiNs({ nsid: 2, csi: 2, uuidx: 5 }))).toEqual({ ...Z, opcode: 6, nsid: 2, cdw10: 0x05, cdw11: 0x02000000, cdw14: 5 });
    expect(dw(nvme.identifyCsiCtrl({ csi: 2 }))).toEqual({ ...Z, opcode: 6, cdw10: 0x06, cdw11: 0x02000000 });
    expect(nvme.znsIdentifyNs({ nsid: 1 }).decodeAs).toBe('znsIdNs');
    expect(nvme.znsIdentifyCtrl().decodeAs).toBe('znsIdCtrl');
    expect(dw(nvme.nvmIdentifyCtrl())).toEqual({ ...Z, opcode: 6, cdw10: 0x06 });
    expect(nvme.nvmIdentifyCtrl().decodeAs).toBe('idCtrlNvm');
  });
  it('generic identify packs every field', () => {
    expect(dw(nvme.identify({ cns: 0x1c, nsid: 9, cntid: 0xffff, cnsSpecificId: 0xabcd, csi: 0xff, uuidx: 0x7f }))).toEqual({
      ...Z,
      opcode: 6,
      nsid: 9,
      cdw10: 0xffff001c,
      cdw11: 0xff00abcd,
      cdw14: 0x7f,
    });
    expect(() => nvme.identify({ cns: 0x100 })).toThrow(/cns/);
  });
});

describe('get log page', () => {
  it('generic: NUMDL/NUMDU, RAE, LSP, LSI, LPO, UUID, OT, CSI', () => {
    const c = nvme.getLogPage({ lid: 0x0d, nsid: 1, lsp: 0x7f, lsi: 0x1234, rae: true, lpo: 0x1_0000_0008n, uuidx: 3, csi: 2, len: (0x12345 + 1) * 4 });
    expect(dw(c)).toEqual({ ...Z, opcode: 0x02, nsid: 1, cdw10: 0x2345_ff0d, cdw11: 0x1234_0001, cdw12: 8, cdw13: 1, cdw14: 0x0200_0003 });
    expect(c.dataLength).toBe(0x12346 * 4);
    expect(dw(nvme.getLogPage({ lid: 2, len: 512, offset: 64, ot: true }))).toMatchObject({ cdw10: (127 << 16) | 2, cdw12: 64, cdw14: 0x800000 });
  });
  it('rejects lengths and offsets that are not dwords', () => {
    expect(() => nvme.getLogPage({ lid: 2, len: 510 })).toThrow(expect.objectContaining({ code: 'NVME_BAD_ARGUMENT' }));
    expect(() => nvme.getLogPage({ lid: 2, len: 0 })).toThrow();
    expect(() => nvme.getLogPage({ lid: 2, len: 8, lpo: 2 })).toThrow(/aligned/);
    expect(() => nvme.getLogPage({ lid: 2, len: 8, lpo: 4, offset: 8 })).toThrow(/same field/);
  });
  it('typed log builders', () => {
    expect(dw(nvme.getLogSmart())).toEqual({ ...Z, opcode: 2, nsid: 0xffffffff, cdw10: (127 << 16) | 0x02 });
    expect(dw(nvme.getLogSmart({ nsid: 1, rae: true }))).toEqual({ ...Z, opcode: 2, nsid: 1, cdw10: (127 << 16) | 0x8000 | 0x02 });
    expect(dw(nvme.getLogError({ nrEntries: 4 }))).toEqual({ ...Z, opcode: 2, nsid: 0xffffffff, cdw10: (63 << 16) | 0x01 });
    expect(dw(nvme.getLogFwSlot())).toEqual({ ...Z, opcode: 2, nsid: 0xffffffff, cdw10: (127 << 16) | 0x03 });
    expect(dw(nvme.getLogCmdEffects({ csi: 2 }))).toEqual({ ...Z, opcode: 2, nsid: 0xffffffff, cdw10: (1023 << 16) | 0x05, cdw14: 0x02000000 });
    expect(dw(nvme.getLogDeviceSelfTest())).toEqual({ ...Z, opcode: 2, nsid: 0xffffffff, cdw10: (140 << 16) | 0x06 });
    expect(dw(nvme.getLogTelemetryHost({ offset: 512, len: 4096 }))).toEqual({ ...Z, opcode: 2, cdw10: (1023 << 16) | 0x07, cdw12: 512 });
    expect(dw(nvme.getLogCreateTelemetryHost())).toEqual({ ...Z, opcode: 2, cdw10: (127 << 16) | 0x0100 | 0x07 });
    expect(dw(nvme.getLogSanitize())).toEqual({ ...Z, opcode: 2, nsid: 0xffffffff, cdw10: (127 << 16) | 0x81 });
    expect(nvme.getLogDeviceSelfTest().dataLength).toBe(564);
  });
  it('parseGetLogPage inverts getLogPage', () => {
    fc.assert(
      fc.property(
        fc.record({
          lid: fc.integer({ min: 0, max: 255 }),
          nsid: fc.integer({ min: 0, max: 0xffffffff }),
          lsp: fc.integer({ min: 0, max: 127 }),
          lsi: fc.integer({ min: 0, max: 0xffff }),
          rae: fc.boolean(),
          lpo: fc.bigInt({ min: 0n, max: (1n << 62n) - 1n }).map((x) => x * 4n),
          uuidx: fc.integer({ min: 0, max: 127 }),
          csi: fc.integer({ min: 0, max: 255 }),
          len: fc.integer({ min: 1, max: 1 << 20 }).map((x) => x * 4),
        }),
        (a) => {
          const p = nvme.parseGetLogPage(nvme.getLogPage(a));
          expect(p).toMatchObject({ ...a, ot: false });
        },
      ),
    );
  });
});

describe('chunked log reads', () => {
  it('splits within the limit, advances LPO, keeps RAE until the last chunk', () => {
    const cs = nvme.getLogPageChunks({ lid: 0x07, len: 10_000, lpo: 512 }, 4096);
    expect(cs.map((c) => c.dataLength)).toEqual([4096, 4096, 1808]);
    expect(cs.map((c) => [c.cdw12, c.cdw13])).toEqual([[512, 0], [512 + 4096, 0], [512 + 8192, 0]]);
    expect(cs.map((c) => (c.cdw10 >>> 15) & 1)).toEqual([1, 1, 0]);
    expect(cs.map((c) => c.cdw10 >>> 16)).toEqual([1023, 1023, 451]);
    // caller asked RAE=1: every chunk keeps it
    expect(nvme.getLogPageChunks({ lid: 7, len: 8192, rae: true }, 4096).map((c) => (c.cdw10 >>> 15) & 1)).toEqual([1, 1]);
    // a limit that is not a dword multiple is rounded down
    expect(nvme.getLogPageChunks({ lid: 7, len: 12, rae: false }, 7).map((c) => c.dataLength)).toEqual([4, 4, 4]);
    expect(() => nvme.getLogPageChunks({ lid: 7, len: 8192, ot: true }, 4096)).toThrow(/index/);
  });
  it('chunks cover the log exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 2000 }), fc.boolean(), (dwords, maxDw, rae) => {
        const cs = nvme.getLogPageChunks({ lid: 1, len: dwords * 4, lpo: 8, rae }, maxDw * 4);
        let at = 8;
        cs.forEach((c, i) => {
          expect(c.dataLength).toBeLessThanOrEqual(maxDw * 4);
          expect(c.cdw12).toBe(at);
          expect(((c.cdw10 >>> 16) + 1) * 4).toBe(c.dataLength);
          expect((c.cdw10 & 0x8000) !== 0).toBe(i === cs.length - 1 ? rae : true);
          at += c.dataLength;
        });
        expect(at - 8).toBe(dwords * 4);
      }),
    );
  });
  it('mdtsBytes', () => {
    expect(nvme.mdtsBytes(5)).toBe(128 * 1024);
    expect(nvme.mdtsBytes(5, 1)).toBe(256 * 1024);
    expect(nvme.mdtsBytes(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('features', () => {
  it('generic get / set', () => {
    expect(dw(nvme.getFeatures({ fid: 0x0b, sel: 'supported', nsid: 1, cdw11: 5, uuidx: 2 }))).toEqual({ ...Z, opcode: 0x0a, nsid: 1, cdw10: 0x30b, cdw11: 5, cdw14: 2 });
    expect(dw(nvme.setFeatures({ fid: 0x06, save: true, cdw11: 1, cdw12: 2, cdw13: 3, cdw15: 4, uuidx: 1 }))).toEqual({
      ...Z,
      opcode: 0x09,
      cdw10: 0x80000006,
      cdw11: 1,
      cdw12: 2,
      cdw13: 3,
      cdw14: 1,
      cdw15: 4,
    });
  });
  it('typed get', () => {
    expect(nvme.getFeaturesArbitration({ sel: 'saved' }).cdw10).toBe(0x201);
    expect(nvme.getFeaturesPowerMgmt().cdw10).toBe(0x02);
    expect(dw(nvme.getFeaturesTempThresh({ tmpsel: 2, thsel: 1 }))).toMatchObject({ cdw10: 0x04, cdw11: 0x00120000 });
    expect(dw(nvme.getFeaturesErrRecovery({ nsid: 1 }))).toMatchObject({ cdw10: 0x05, nsid: 1 });
    expect(nvme.getFeaturesVolatileWc({ sel: 'default' }).cdw10).toBe(0x106);
    expect(nvme.getFeaturesNumQueues().cdw10).toBe(0x07);
    expect(nvme.getFeaturesIrqCoalesce().cdw10).toBe(0x08);
    expect(nvme.getFeaturesAsyncEvent().cdw10).toBe(0x0b);
    expect([nvme.getFeaturesAutoPst().cdw10, nvme.getFeaturesAutoPst().dataLength]).toEqual([0x0c, 256]);
    expect([nvme.getFeaturesTimestamp().cdw10, nvme.getFeaturesTimestamp().dataLength]).toEqual([0x0e, 8]);
    expect(dw(nvme.getFeaturesHostId({ exhid: true }))).toMatchObject({ cdw10: 0x81, cdw11: 1 });
    expect(nvme.getFeaturesHostId({ exhid: true }).dataLength).toBe(16);
  });
  it('typed set', () => {
    expect(dw(nvme.setFeaturesArbitration({ ab: 3, lpw: 1, mpw: 2, hpw: 0xff, save: true }))).toMatchObject({ cdw10: 0x80000001, cdw11: 0xff020103 });
    expect(nvme.setFeaturesPowerMgmt({ ps: 4, wh: 2 }).cdw11).toBe(0x44);
    expect(nvme.setFeaturesTempThresh({ tmpth: 0x157, tmpsel: 1, thsel: 1, tmpthh: 2 }).cdw11).toBe((2 << 22) | (1 << 20) | (1 << 16) | 0x157);
    expect(dw(nvme.setFeaturesErrRecovery({ nsid: 1, tler: 30, dulbe: true }))).toMatchObject({ nsid: 1, cdw10: 0x05, cdw11: 0x1001e });
    expect(nvme.setFeaturesVolatileWc({ wce: true }).cdw11).toBe(1);
    expect(nvme.setFeaturesNumQueues({ nsqr: 7, ncqr: 3 }).cdw11).toBe(0x00030007);
    expect(nvme.setFeaturesIrqCoalesce({ thr: 4, time: 10 }).cdw11).toBe(0x0a04);
    expect(nvme.setFeaturesAsyncEvent({ events: 0x80000001 }).cdw11).toBe(0x80000001);
    const apst = nvme.setFeaturesAutoPst({ apste: true, apst: { apstEntry: [{ entry: { itps: 3, itpt: 100 } }] } });
    expect([apst.cdw10, apst.cdw11, apst.dataLength, apst.direction]).toEqual([0x0c, 1, 256, 'toDevice']);
    expect(Array.from(apst.data!.subarray(0, 8))).toEqual([3 << 3, 100, 0, 0, 0, 0, 0, 0]);
    const ts = nvme.setFeaturesTimestamp({ timestamp: 0x0102030405n });
    expect(Array.from(ts.data!)).toEqual([5, 4, 3, 2, 1, 0, 0, 0]);
    expect(() => nvme.setFeaturesTimestamp({ timestamp: 2n ** 48n })).toThrow();
    expect(nvme.setFeaturesHostId({ hostid: new Uint8Array(8) }).cdw11).toBe(0);
    expect(() => nvme.setFeaturesHostId({ exhid: true, hostid: new Uint8Array(8) })).toThrow(/16 bytes/);
  });
});

describe('management', () => {
  it('destructive commands need { confirm: true } before any building', () => {
    const need = [
      () => nvme.formatNvm({ nsid: 1, lbaf: 0 }),
      () => nvme.sanitizeNvm({ sanact: 2 }),
      () => nvme.fwCommit({ slot: 1, action: 1 }),
      () => nvme.nsMgmtDelete({ nsid: 1 }),
      () => nvme.nsDetachCtrls({ nsid: 1, ctrlist: [1] }),
      () => nvme.formatNvm({ nsid: 1, lbaf: 0, confirm: 'yes' as unknown as boolean }),
    ];
    for (const f of need) expect(f).toThrow(expect.objectContaining({ code: 'NVME_CONFIRMATION_REQUIRED', layer: 'nvme' }));
  });
  it('formatNvm: LBAF split, MSET, PI, PIL, SES', () => {
    expect(dw(nvme.formatNvm({ nsid: 1, lbaf: 0x25, mset: true, pi: 3, pil: true, ses: 2, confirm: true }))).toEqual({
      ...Z,
      opcode: 0x80,
      nsid: 1,
      cdw10: (2 << 12) | (2 << 9) | (1 << 8) | (3 << 5) | (1 << 4) | 0x5,
    });
    expect(nvme.formatNvm({ nsid: 1, lbaf: 1, confirm: true }).direction).toBe('none');
  });
  it('sanitizeNvm', () => {
    expect(dw(nvme.sanitizeNvm({ sanact: 3, ause: true, owpass: 15, oipbp: true, nodas: true, emvs: true, ovrpat: 0xdeadbeef, confirm: true }))).toEqual({
      ...Z,
      opcode: 0x84,
      cdw10: (1 << 10) | (1 << 9) | (1 << 8) | (15 << 4) | (1 << 3) | 3,
      cdw11: 0xdeadbeef,
    });
  });
  it('firmware download / commit', () => {
    const d = nvme.fwDownload({ offset: 4096, data: new Uint8Array(1024) });
    expect(dw(d)).toEqual({ ...Z, opcode: 0x11, cdw10: 255, cdw11: 1024 });
    expect(d.direction).toBe('toDevice');
    expect(() => nvme.fwDownload({ offset: 2, data: new Uint8Array(4) })).toThrow();
    expect(nvme.fwDownloadChunks({ data: new Uint8Array(10_000), xfer: 4096 }).map((c) => [c.cdw10, c.cdw11])).toEqual([[1023, 0], [1023, 1024], [451, 2048]]);
    expect(dw(nvme.fwCommit({ slot: 2, action: 3, bpid: true, confirm: true }))).toEqual({ ...Z, opcode: 0x10, cdw10: 0x80000000 + (3 << 3) + 2 });
  });
  it('namespace management and attachment', () => {
    const c = nvme.nsMgmtCreate({ csi: 2, ns: { nsze: 0x1000n, ncap: 0x1000n, flbas: { lbafLo: 1 } } });
    expect(dw(c)).toEqual({ ...Z, opcode: 0x0d, cdw11: 0x02000000 });
    expect([c.dataLength, c.data![0], c.data![1], c.data![8], c.data![26]]).toEqual([4096, 0x00, 0x10, 0x00, 1]);
    expect(dw(nvme.nsMgmtDelete({ nsid: 5, confirm: true }))).toEqual({ ...Z, opcode: 0x0d, nsid: 5, cdw10: 1 });
    const at = nvme.nsAttachCtrls({ nsid: 5, ctrlist: [1, 0x203] });
    expect(dw(at)).toEqual({ ...Z, opcode: 0x15, nsid: 5, cdw10: 0 });
    expect(Array.from(at.data!.subarray(0, 8))).toEqual([2, 0, 1, 0, 3, 2, 0, 0]);
    expect(at.dataLength).toBe(4096);
    expect(nvme.nsDetachCtrls({ nsid: 5, ctrlist: [1], confirm: true }).cdw10).toBe(1);
  });
  it('device self-test', () => {
    expect(dw(nvme.devSelfTest({ stc: 2 }))).toEqual({ ...Z, opcode: 0x14, nsid: 0xffffffff, cdw10: 2 });
    expect(dw(nvme.devSelfTest({ nsid: 1, stc: 0xf }))).toEqual({ ...Z, opcode: 0x14, nsid: 1, cdw10: 0xf });
  });
});

describe('NVM I/O', () => {
  it('read: SLBA, NLB, control, DSM, DSPEC, tags, buffers', () => {
    const c = nvme.read({ nsid: 1, slba: 0x1_2345_6789n, nlb: 7, fua: true, lr: true, prinfo: 0xf, dsm: 0x7, dspec: 0x1234, reftag: 0xabcdef01, apptag: 0x1111, appmask: 0xffff, storageTag: 0xaabb_ccddeeffn, dataLen: 4096, metadataLen: 64 });
    expect(dw(c)).toEqual({
      opcode: 0x02,
      nsid: 1,
      cdw2: 0xaabb,
      cdw3: 0xccddeeff,
      cdw10: 0x23456789,
      cdw11: 1,
      cdw12: ((1 << 15) | (1 << 14) | (0xf << 10)) * 0x10000 + 7,
      cdw13: 0x12340007,
      cdw14: 0xabcdef01,
      cdw15: 0xffff1111,
    });
    expect([c.queue, c.direction, c.dataLength, c.metadataLength]).toEqual(['io', 'fromDevice', 4096, 64]);
  });
  it('write / compare carry data and metadata', () => {
    const w = nvme.write({ nsid: 2, slba: 8, nlb: 0, data: new Uint8Array(512), metadata: new Uint8Array(8) });
    expect(dw(w)).toEqual({ ...Z, opcode: 0x01, nsid: 2, cdw10: 8 });
    expect([w.direction, w.dataLength, w.metadataLength]).toEqual(['toDevice', 512, 8]);
    expect(dw(nvme.compare({ nsid: 2, slba: 8, nlb: 1, data: new Uint8Array(1024) }))).toEqual({ ...Z, opcode: 0x05, nsid: 2, cdw10: 8, cdw12: 1 });
  });
  it('flush, write zeroes, write uncorrectable', () => {
    expect(dw(nvme.flush({ nsid: 0xffffffff }))).toEqual({ ...Z, opcode: 0x00, nsid: 0xffffffff });
    expect(dw(nvme.writeZeroes({ nsid: 1, slba: 0, nlb: 255, deac: true }))).toEqual({ ...Z, opcode: 0x08, nsid: 1, cdw12: (1 << 25) | 255 });
    expect(dw(nvme.writeUncorrectable({ nsid: 1, slba: 16, nlb: 3 }))).toEqual({ ...Z, opcode: 0x04, nsid: 1, cdw10: 16, cdw12: 3 });
  });
  it('dsm / deallocate: NR 0-based, AD bit, 16-byte ranges', () => {
    const c = nvme.deallocate({ nsid: 1, ranges: [{ slba: 0x100, nlb: 8 }, { slba: 0x1_0000_0000n, nlb: 1 }] });
    expect(dw(c)).toEqual({ ...Z, opcode: 0x09, nsid: 1, cdw10: 1, cdw11: 4 });
    expect(Array.from(c.data!)).toEqual([
      ...[0, 0, 0, 0], // range 0 cattr
      ...[8, 0, 0, 0], // range 0 nlb
      ...[0, 1, 0, 0, 0, 0, 0, 0], // range 0 slba 100h
      ...[0, 0, 0, 0], // range 1 cattr
      ...[1, 0, 0, 0], // range 1 nlb
      ...[0, 0, 0, 0, 1, 0, 0, 0], // range 1 slba 1_0000_0000h
    ]);
    expect(nvme.dsm({ nsid: 1, ranges: [{ nlb: 1, slba: 0 }], idr: true, idw: true }).cdw11).toBe(3);
    expect(() => nvme.dsm({ nsid: 1, ranges: [] })).toThrow();
  });
  it('argument ranges are checked', () => {
    expect(() => nvme.read({ nsid: 1, slba: -1, nlb: 0, dataLen: 512 })).toThrow(expect.objectContaining({ code: 'NVME_BAD_ARGUMENT' }));
    expect(() => nvme.read({ nsid: 1, slba: 0, nlb: 0x10000, dataLen: 512 })).toThrow(/nlb/);
  });
});
