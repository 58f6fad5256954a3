/**
 * ZNS builders: exact dwords per NVMe ZNS Command Set 1.1 §3.4 (the layouts libnvme's
 * nvme_zns_mgmt_send / _mgmt_recv / _report_zones / _append build), confirmation of the destructive
 * zone actions, and decoding a Report Zones buffer built with the codec.
 */
import { describe, expect, it } from 'vitest';
import type { NvmeCommand } from '../../../src/protocol/nvme/command-types.js';
import * as nvme from '../../../src/protocol/nvme/index.js';
import { codecByName, codecs } from '../../../src/structs/index.js';

const dw = (c: NvmeCommand) => ({ opcode: c.opcode, nsid: c.nsid, cdw2: c.cdw2, cdw3: c.cdw3, cdw10: c.cdw10, cdw11: c.cdw11, cdw12: c.cdw12, cdw13: c.cdw13, cdw14: c.cdw14, cdw15: c.cdw15 });
const Z = { nsid: 0, cdw2: 0, cdw3: 0, cdw10: 0, cdw11: 0, cdw12: 0, cdw13: 0, cdw14: 0, cdw15: 0 };

describe('action tables', () => {
  it('values per ZNS 1.1 / libnvme enums', () => {
    expect(nvme.ZSA).toEqual({ close: 1, finish: 2, open: 3, reset: 4, offline: 5, setDescExt: 0x10, zrwaFlush: 0x11 });
    expect(nvme.ZRA).toEqual({ reportZones: 0, extendedReportZones: 1 });
    expect(nvme.ZRASF).toEqual({ all: 0, empty: 1, implOpened: 2, explOpened: 3, closed: 4, full: 5, readOnly: 6, offline: 7 });
  });
});

describe('znsMgmtSend (79h)', () => {
  it('open one zone: SLBA split over CDW10/11, ZSA in CDW13 7:0', () => {
    const c = nvme.znsMgmtSend({ nsid: 1, slba: 0x1_2345_6789n, zsa: 'open' });
    expect(dw(c)).toEqual({
      ...Z,
      opcode: 0x79,
      nsid: 1,
      cdw10: 0x2345_6789, // SLBA bits 31:0
      cdw11: 0x0000_0001, // SLBA bits 63:32
      cdw13: 0x0000_0003, // ZSA 03h Open, Select All 0
    });
    expect([c.queue, c.direction, c.dataLength, c.name]).toEqual(['io', 'toDevice', 0, 'znsMgmtSend']);
  });
  it('close / finish all zones: Select All is CDW13 bit 8; ZSASO bit 9', () => {
    expect(dw(nvme.znsMgmtSend({ nsid: 2, zsa: nvme.ZSA.close, selectAll: true }))).toEqual({
      ...Z,
      opcode: 0x79,
      nsid: 2,
      cdw13: 0x0000_0101, // bit 8 Select All | ZSA 01h Close
    });
    expect(dw(nvme.znsMgmtSend({ nsid: 2, slba: 0x8000, zsa: 'finish' }))).toEqual({
      ...Z,
      opcode: 0x79,
      nsid: 2,
      cdw10: 0x8000, // SLBA
      cdw13: 0x0000_0002, // ZSA 02h Finish
    });
    expect(nvme.znsMgmtSend({ nsid: 1, zsa: 'open', zsaso: true }).cdw13).toBe(0x0000_0203); // bit 9 ZSASO | ZSA 03h
  });
  it('set zone descriptor extension carries the data', () => {
    const data = new Uint8Array(64).fill(0xa5);
    const c = nvme.znsMgmtSend({ nsid: 1, slba: 0x4000, zsa: 'setDescExt', data });
    expect(dw(c)).toEqual({ ...Z, opcode: 0x79, nsid: 1, cdw10: 0x4000, cdw13: 0x10 }); // ZSA 10h
    expect([c.dataLength, c.data]).toEqual([64, data]);
    expect(() => nvme.znsMgmtSend({ nsid: 1, zsa: 'setDescExt' })).toThrow(expect.objectContaining({ code: 'NVME_BAD_ARGUMENT' }));
    expect(() => nvme.znsMgmtSend({ nsid: 1, zsa: 'open', data })).toThrow(/only Set Zone Descriptor Extension/);
  });
  it('reset and offline need { confirm: true } before any building', () => {
    for (const zsa of ['reset', 'offline', 4, 5] as const) {
      expect(() => nvme.znsMgmtSend({ nsid: 1, zsa, selectAll: true })).toThrow(expect.objectContaining({ code: 'NVME_CONFIRMATION_REQUIRED' }));
      expect(() => nvme.znsMgmtSend({ nsid: 1, zsa, confirm: 'yes' as unknown as boolean })).toThrow(expect.objectContaining({ code: 'NVME_CONFIRMATION_REQUIRED' }));
    }
    expect(dw(nvme.znsMgmtSend({ nsid: 1, zsa: 'reset', selectAll: true, confirm: true }))).toEqual({
      ...Z,
      opcode: 0x79,
      nsid: 1,
      cdw13: 0x0000_0104, // Select All | ZSA 04h Reset
    });
    expect(nvme.znsMgmtSend({ nsid: 1, slba: 0x200000, zsa: 'offline', confirm: true }).cdw13).toBe(0x05); // ZSA 05h Offline
  });
  it('rejects unknown names and out-of-range values', () => {
    expect(() => nvme.znsMgmtSend({ nsid: 1, zsa: 'erase' as 'open' })).toThrow(/unknown zsa/);
    expect(() => nvme.znsMgmtSend({ nsid: 1, zsa: 0x100 })).toThrow(/zsa/);
    expect(() => nvme.znsMgmtSend({ nsid: 1, zsa: 'open', slba: -1 })).toThrow(/slba/);
  });
});

describe('znsMgmtRecv (7Ah) / znsReportZones', () => {
  it('packs SLBA, NUMD (0-based dwords), ZRA, ZRASF and Partial Report', () => {
    const c = nvme.znsMgmtRecv({ nsid: 3, slba: 0xffff_ffff_0000_0000n, zra: 'extendedReportZones', zrasf: 'readOnly', partial: true, dataLen: 4096 });
    expect(dw(c)).toEqual({
      ...Z,
      opcode: 0x7a,
      nsid: 3,
      cdw10: 0x0000_0000, // SLBA bits 31:0
      cdw11: 0xffff_ffff, // SLBA bits 63:32
      cdw12: 0x0000_03ff, // NUMD = 4096 / 4 - 1
      cdw13: 0x0001_0601, // Partial Report bit 16 | ZRASF 06h Read Only << 8 | ZRA 01h Extended
    });
    expect([c.queue, c.direction, c.dataLength, c.decodeAs]).toEqual(['io', 'fromDevice', 4096, undefined]);
    expect(nvme.znsMgmtRecv({ nsid: 1, zra: 0, dataLen: 128 }).decodeAs).toBe('zoneReport');
    expect(() => nvme.znsMgmtRecv({ nsid: 1, zra: 0, dataLen: 130 })).toThrow(/multiple of 4/);
    expect(() => nvme.znsMgmtRecv({ nsid: 1, zra: 0, dataLen: 0 })).toThrow(expect.objectContaining({ code: 'NVME_BAD_ARGUMENT' }));
  });
  it('znsReportZones: ZRA 0, every ZRASF filter in CDW13 15:8, decoded as zoneReport', () => {
    const c = nvme.znsReportZones({ nsid: 1, slba: 0x40000, opts: 'full', dataLen: 64 * 9 });
    expect(dw(c)).toEqual({
      ...Z,
      opcode: 0x7a,
      nsid: 1,
      cdw10: 0x0004_0000, // SLBA
      cdw12: 0x0000_008f, // NUMD = 576 / 4 - 1 = 143
      cdw13: 0x0000_0500, // ZRASF 05h Full << 8 | ZRA 00h Report Zones
    });
    expect([c.name, c.decodeAs, c.dataLength]).toEqual(['znsReportZones', 'zoneReport', 576]);
    const filters = ['all', 'empty', 'implOpened', 'explOpened', 'closed', 'full', 'readOnly', 'offline'] as const;
    expect(filters.map((opts) => nvme.znsReportZones({ nsid: 1, opts, dataLen: 64 }).cdw13)).toEqual([0x000, 0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0x700]);
    expect(nvme.znsReportZones({ nsid: 1, partial: true, dataLen: 64 }).cdw13).toBe(0x0001_0000); // Partial Report
    const ext = nvme.znsReportZones({ nsid: 1, extended: true, dataLen: 4096 });
    expect([ext.cdw13, ext.decodeAs]).toEqual([0x01, undefined]); // ZRA 01h, size depends on ZDES
    expect(() => nvme.znsReportZones({ nsid: 1, dataLen: 100 })).toThrow(/multiple of 64/);
  });
  it('decodes a Report Zones buffer built with the codec', () => {
    const report = codecs.zoneReport.encode({
      nrZones: 2n,
      entries: [
        { zt: { zt: 'seqWriteRequired' }, zs: { zs: 'full' }, za: { zfc: true }, zcap: 0x1000n, zslba: 0n, wp: 0x1000n },
        { zt: { zt: 'seqWriteRequired' }, zs: { zs: 'implicitlyOpened' }, zcap: 0x1000n, zslba: 0x2000n, wp: 0x2010n },
      ],
    });
    expect(report.length).toBe(64 * 3);
    // byte 64: first descriptor, ZT 2; byte 65: ZS Full (Eh) in bits 7:4; byte 66: ZFC
    expect([report[64], report[65], report[66]]).toEqual([0x02, 0xe0, 0x01]);
    const c = nvme.znsReportZones({ nsid: 1, dataLen: report.length });
    const decoded = codecByName(c.decodeAs!).decode(report) as { nrZones: bigint; entries: { zs: { zs: unknown }; zslba: bigint; wp: bigint; zcap: bigint }[] };
    expect(decoded.nrZones).toBe(2n);
    expect(decoded.entries.map((e) => [e.zs.zs, e.zslba, e.wp, e.zcap])).toEqual([
      ['full', 0n, 0x1000n, 0x1000n],
      ['implicitlyOpened', 0x2000n, 0x2010n, 0x1000n],
    ]);
  });
});

describe('znsAppend (7Dh)', () => {
  it('ZSLBA, NLB 0-based, control bits like write, ILBRT, LBAT / LBATM', () => {
    const data = new Uint8Array(8 * 512);
    const metadata = new Uint8Array(64);
    const c = nvme.znsAppend({ nsid: 1, zslba: 0x1_0000_0000n, nlb: 7, data, metadata, fua: true, lr: true, prinfo: 0xf, ilbrt: 0xdeadbeef, lbat: 0x1234, lbatm: 0xffff });
    expect(dw(c)).toEqual({
      ...Z,
      opcode: 0x7d,
      nsid: 1,
      cdw10: 0x0000_0000, // ZSLBA bits 31:0
      cdw11: 0x0000_0001, // ZSLBA bits 63:32
      cdw12: 0xfc00_0007, // LR bit 31 | FUA bit 30 | PRINFO Fh bits 29:26 | NLB 7 (eight blocks)
      cdw14: 0xdead_beef, // ILBRT
      cdw15: 0xffff_1234, // LBATM << 16 | LBAT
    });
    expect([c.queue, c.direction, c.dataLength, c.metadataLength, c.name]).toEqual(['io', 'toDevice', 4096, 64, 'znsAppend']);
    expect(nvme.znsAppend({ nsid: 1, zslba: 0x8000, nlb: 0, data: new Uint8Array(512), control: 0x0200 }).cdw12).toBe(0x0200_0000); // PIREMAP (control bit 9)
    expect(() => nvme.znsAppend({ nsid: 1, zslba: 0, nlb: 0x10000, data })).toThrow(/nlb/);
  });
});
