/**
 * NVMe-MI framing (NVMe-MI 1.2 §3.1.1, §5, §6): CRC-32C MIC, exact request bytes, response parsing,
 * More Processing Required, MI status errors.
 */
import { describe, expect, it } from 'vitest';
import { NvmeMiStatusError } from '../../../src/errors.js';
import { crc32c } from '../../../src/protocol/nvme/crc32c.js';
import * as nvme from '../../../src/protocol/nvme/index.js';
import * as mi from '../../../src/protocol/nvme/mi.js';

const te = new TextEncoder();
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const withMic = (b: number[]) => [...b, ...le32(crc32c(new Uint8Array(b)))];

describe('CRC-32C', () => {
  it('standard check value over "123456789" is E3069283h', () => {
    expect(crc32c(te.encode('123456789'))).toBe(0xe3069283);
  });
  it('known vectors (RFC 3720 B.4): 32 zero bytes, 32 0xFF bytes', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });
});

describe('MIC', () => {
  it('appends the CRC little-endian and checks it', () => {
    const m = mi.appendMic(te.encode('123456789'));
    expect(Array.from(m.subarray(9))).toEqual([0x83, 0x92, 0x06, 0xe3]);
    expect(mi.checkMic(m)).toEqual(te.encode('123456789'));
    m[0]! ^= 1;
    expect(() => mi.checkMic(m)).toThrow(expect.objectContaining({ code: 'NVME_MI_INTEGRITY' }));
  });
});

describe('requests', () => {
  it('Read NVMe-MI Data Structure, controller information for controller 0102h', () => {
    const bytes = mi.encodeMiRequest(mi.miMiReadMiDataCtrl({ ctrlId: 0x0102 }));
    expect(Array.from(bytes)).toEqual(
      withMic([
        0x84, // MCTP type 04h with IC
        0x08, // NMP: request, NMIMT 1 (MI command), CSI 0
        0x00, // MEB
        0x00, // reserved
        0x00, // opcode: Read NVMe-MI Data Structure
        0x00, 0x00, 0x00, // reserved
        0x02, 0x01, 0x00, 0x03, // NMD0: CTRLID 0102h, PORTID 0, DTYP 03h
        0x00, 0x00, 0x00, 0x00, // NMD1
      ]),
    );
  });
  it('health status poll with clear, on command slot 1', () => {
    const bytes = mi.encodeMiRequest(mi.miMiSubsystemHealthStatusPoll({ clear: true }), { csi: 1 });
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0x84, 0x09, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]);
  });
  it('configuration get / set dwords', () => {
    expect(mi.miMiConfigGetMctpMtu({ port: 1 })).toMatchObject({ opcode: 4, cdw0: 0x01000003, cdw1: 0 });
    expect(mi.miMiConfigSetMctpMtu({ port: 0, mtu: 250 })).toMatchObject({ opcode: 3, cdw0: 0x03, cdw1: 250 });
    expect(mi.miMiConfigSetSmbusFreq({ port: 2, freq: 2 })).toMatchObject({ opcode: 3, cdw0: 0x02000201 });
    expect(mi.miMiConfigSetHealthStatusChange({ mask: 0x1fff })).toMatchObject({ opcode: 3, cdw0: 2, cdw1: 0x1fff });
    expect(mi.miMiReadMiDataSubsys()).toMatchObject({ cdw0: 0 });
    expect(mi.miMiReadMiDataPort({ portid: 1 })).toMatchObject({ cdw0: 0x01010000 });
    expect(mi.miMiReadMiDataCtrlList({ startCtrlid: 5 })).toMatchObject({ cdw0: 0x02000005 });
  });
  it('Admin Identify Controller tunnelled to controller 1', () => {
    const bytes = mi.encodeAdminRequest(nvme.identifyCtrl(), { ctrlId: 1 });
    expect(bytes.length).toBe(68 + 4);
    expect(Array.from(bytes)).toEqual(
      withMic([
        0x84, 0x10, 0x00, 0x00, // header: NMIMT 2 (Admin), request
        0x06, // opcode Identify
        0x01, // flags: DLEN valid
        0x01, 0x00, // controller 1
        ...le32(0), // cdw1 NSID
        ...le32(0), ...le32(0), ...le32(0), ...le32(0), // cdw2-5
        ...le32(0), // DOFF
        ...le32(4096), // DLEN
        ...le32(0), ...le32(0), // reserved
        ...le32(1), // cdw10 CNS 01h
        ...le32(0), ...le32(0), ...le32(0), ...le32(0), ...le32(0), // cdw11-15
      ]),
    );
  });
  it('Admin Set Features with data appends the data; bad sizes are refused', () => {
    const c = nvme.setFeaturesTimestamp({ timestamp: 1 });
    const b = mi.encodeAdminRequest(c, { ctrlId: 0 });
    expect(b.length).toBe(68 + 8 + 4);
    expect(Array.from(b.subarray(32, 36))).toEqual(le32(8));
    expect(Array.from(b.subarray(68, 76))).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => mi.encodeAdminRequest(nvme.getLogPage({ lid: 2, len: 8192 }), { ctrlId: 0 })).toThrow(/4096/);
    expect(() => mi.encodeAdminRequest(nvme.read({ nsid: 1, slba: 0, nlb: 0, dataLen: 512 }), { ctrlId: 0 })).toThrow(/admin/);
  });
});

describe('responses', () => {
  const adminResp = (status: number, cdw0: number, cdw3: number, data: number[] = []) =>
    new Uint8Array(withMic([0x84, 0x90, 0, 0, status, 0, 0, 0, ...le32(cdw0), ...le32(0), ...le32(cdw3), ...data]));

  it('decodes an Admin completion with data', () => {
    const r = mi.parseReply(adminResp(0, 7, 0, [1, 2, 3, 4]), { nmimt: 2 });
    expect(r.kind).toBe('response');
    const c = mi.decodeAdminResponse(r as mi.MiReply & { kind: 'response' }, nvme.getLogPage({ lid: 2, len: 4 }));
    expect(c).toEqual({ result: 7n, status: 0, data: new Uint8Array([1, 2, 3, 4]) });
  });
  it('returns the NVMe status from CQE DW3 31:17 without throwing', () => {
    const r = mi.parseReply(adminResp(0, 0, (0x4002 << 17) >>> 0), { nmimt: 2 }) as mi.MiReply & { kind: 'response' };
    expect(mi.decodeAdminResponse(r, nvme.identifyCtrl())).toEqual({ result: 0n, status: 0x4002 });
  });
  it('MI status -> NvmeMiStatusError', () => {
    const msg = new Uint8Array(withMic([0x84, 0x90, 0, 0, 0x04, 0, 0, 0]));
    const r = mi.parseReply(msg, { nmimt: 2 }) as mi.MiReply & { kind: 'response' };
    expect(() => mi.decodeAdminResponse(r, nvme.identifyCtrl())).toThrow(NvmeMiStatusError);
    expect(() => mi.decodeAdminResponse(r, nvme.identifyCtrl())).toThrow(expect.objectContaining({ code: 'NVME_MI_STATUS', miStatus: 4, miStatusName: 'invalidParam' }));
  });
  it('More Processing Required carries MPRT in 100 ms units', () => {
    const r = mi.parseReply(new Uint8Array(withMic([0x84, 0x90, 0, 0, 0x01, 0, 25, 0])), { nmimt: 2 });
    expect(r).toEqual({ kind: 'mpr', mprtMs: 2500 });
  });
  it('rejects replies that are not the answer', () => {
    expect(() => mi.parseReply(new Uint8Array(withMic([0x84, 0x10, 0, 0, 0, 0, 0, 0])), { nmimt: 2 })).toThrow(/ROR/);
    expect(() => mi.parseReply(new Uint8Array(withMic([0x84, 0x88, 0, 0, 0, 0, 0, 0])), { nmimt: 2 })).toThrow(/NMIMT/);
    expect(() => mi.parseReply(new Uint8Array(withMic([0x84, 0x91, 0, 0, 0, 0, 0, 0])), { nmimt: 2 })).toThrow(/slot/);
    expect(() => mi.parseReply(new Uint8Array(withMic([0x04, 0x90, 0, 0, 0, 0, 0, 0])), { nmimt: 2 })).toThrow(/type/);
  });
  it('Admin data must be dword aligned and as long as asked', () => {
    const odd = mi.parseReply(adminResp(0, 0, 0, [1, 2, 3]), { nmimt: 2 }) as mi.MiReply & { kind: 'response' };
    expect(() => mi.decodeAdminResponse(odd, nvme.getLogPage({ lid: 2, len: 4 }))).toThrow(expect.objectContaining({ code: 'NVME_MI_MESSAGE' }));
    const short = mi.parseReply(adminResp(0, 0, 0, [1, 2, 3, 4]), { nmimt: 2 }) as mi.MiReply & { kind: 'response' };
    expect(() => mi.decodeAdminResponse(short, nvme.getLogPage({ lid: 2, len: 8 }))).toThrow(expect.objectContaining({ code: 'TRANSPORT_TRUNCATED' }));
  });
  it('describes every MI status', () => {
    expect(mi.describeMiStatus(0x2a).name).toBe('sanitizeInProgress');
    expect(mi.describeMiStatus(0xe5).name).toBe('vendorSpecific');
    expect(mi.describeMiStatus(0x10).name).toBe('unknown');
  });
});
