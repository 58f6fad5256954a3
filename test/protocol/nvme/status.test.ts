/** Status decoding (NVMe Base 2.0c §4.2.3) for every status in the table, and NvmeStatusError. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusCodes } from '../../../spec-tables/nvme/status.js';
import { isNvmeStatusError, NvmeStatusError } from '../../../src/errors.js';
import { decodeStatus, isSuccess, statusError } from '../../../src/protocol/nvme/status.js';

describe('decodeStatus', () => {
  it.each(statusCodes.map((r) => [r.sct, r.sc, r.name, r.description] as const))('sct %i sc 0x%s -> %s', (sct, sc, name, description) => {
    const s = decodeStatus((sct << 8) | sc);
    expect(s).toMatchObject({ sct, sc, name, description, crd: 0, more: false, dnr: false });
  });

  it('covers all four status code types', () => {
    expect(new Set(statusCodes.map((r) => r.sct))).toEqual(new Set([0, 1, 2, 3]));
    expect(statusCodes.length).toBeGreaterThan(130);
  });

  it('splits CRD, More and DNR (status 0x7802 = DNR, M, CRD 3, invalid field)', () => {
    expect(decodeStatus(0x7802)).toMatchObject({ sct: 0, sc: 2, crd: 3, more: true, dnr: true, name: 'invalidField' });
    expect(decodeStatus(0x4281)).toMatchObject({ sct: 2, sc: 0x81, dnr: true, name: 'readError' });
    expect(decodeStatus(0x0302)).toMatchObject({ sct: 3, sc: 2, name: 'anaInaccessible' });
    expect(decodeStatus(0x01b9)).toMatchObject({ sct: 1, sc: 0xb9, name: 'znsFull' });
    expect(decodeStatus(0x0106)).toMatchObject({ sct: 1, sc: 0x06, name: 'firmwareSlot' });
    // the phase bit is not part of the 15-bit status: bit 15 is ignored
    expect(decodeStatus(0x8000 | 0x0b).name).toBe('invalidNs');
  });

  it('names vendor-specific and unknown codes', () => {
    expect(decodeStatus(0x07c0)).toMatchObject({ sct: 7, sc: 0xc0, name: 'vendorSpecific' });
    expect(decodeStatus(0x00fe)).toMatchObject({ sct: 0, sc: 0xfe, name: 'unknown' });
    expect(decodeStatus(0x05_01).name).toBe('unknown');
  });

  it('round-trips every field (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fff }), (st) => {
        const d = decodeStatus(st);
        expect((d.dnr ? 0x4000 : 0) | (d.more ? 0x2000 : 0) | (d.crd << 11) | (d.sct << 8) | d.sc).toBe(st);
      }),
    );
  });

  it('isSuccess ignores CRD/M/DNR', () => {
    expect(isSuccess(0)).toBe(true);
    expect(isSuccess(0x6000)).toBe(true);
    expect(isSuccess(0x0002)).toBe(false);
  });
});

describe('statusError', () => {
  it('builds an NvmeStatusError with the command context', () => {
    const e = statusError(0x4002, { command: 'identifyNs', nsid: 9 });
    expect(e).toBeInstanceOf(NvmeStatusError);
    expect(isNvmeStatusError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'NVME_STATUS', layer: 'nvme', status: 0x4002, sct: 0, sc: 2, dnr: true, statusName: 'invalidField' });
    expect(e.context).toMatchObject({ command: 'identifyNs', nsid: 9 });
    expect(e.message).toContain('invalidField');
  });
});
