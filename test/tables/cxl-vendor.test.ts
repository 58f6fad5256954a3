/**
 * Vendor-specific command table (CXL r3.1 §8.2.9, opcodes C000h-FFFFh): the representative row,
 * the opcode range the protocol layer accepts, and the raw payload codecs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cxlCommands } from '../../spec-tables/cxl/index.js';
import * as vendor from '../../spec-tables/cxl/vendor.js';
import { codecs, interpretedCodec } from '../../src/structs/index.js';

describe('vendor-specific command row', () => {
  it('one representative row at C000h with raw request and response payloads', () => {
    expect(vendor.commands).toHaveLength(1);
    const [row] = vendor.commands;
    expect(row.name).toBe('vendorSpecific');
    expect(row.cName).toBe('cxlmi_cmd_vendor_specific');
    expect(row.opcode).toBe(0xc000);
    expect(row.request).toBe(vendor.vendorSpecificReq);
    expect(row.response).toBe(vendor.vendorSpecificRsp);
    expect(cxlCommands as readonly unknown[]).toContain(row);
  });

  it('the accepted range is command sets C0h-FFh, and no other table claims an opcode in it', () => {
    expect(vendor.vendorOpcodeRange).toEqual({ first: 0xc000, last: 0xffff });
    expect(vendor.vendorOpcodeRange.first >> 8).toBe(0xc0);
    expect(vendor.vendorOpcodeRange.last >> 8).toBe(0xff);
    const inRange = cxlCommands.filter((c) => c.opcode >= vendor.vendorOpcodeRange.first && c.opcode <= vendor.vendorOpcodeRange.last);
    expect(inRange.map((c) => c.name)).toEqual(['vendorSpecific']);
  });

  const here = dirname(fileURLToPath(import.meta.url));
  const tsv = join(here, '../../../shared/reference/cxl-commands.tsv');
  it.runIf(existsSync(tsv))('matches libcxlmi: cxlmi_cmd_vendor_specific covers 0xC000-0xFFFF', () => {
    const line = readFileSync(tsv, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('cxlmi_cmd_vendor_specific\t'));
    expect(line?.split('\t')[1]).toBe('0xC000-0xFFFF');
  });
});

describe('vendor-specific payloads are raw bytes', () => {
  for (const [name, codec] of [
    ['request', codecs.vendorSpecificReq],
    ['response', codecs.vendorSpecificRsp],
  ] as const) {
    it(`${name}: 0, 1 and many bytes pass through unchanged`, () => {
      for (const raw of [new Uint8Array(0), Uint8Array.of(0xa5), Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff)]) {
        const v = codec.decode(raw);
        expect(v).toEqual({ payload: raw });
        expect(interpretedCodec(codec.def).decode(raw)).toEqual({ payload: raw });
        expect(codec.encode({ payload: raw })).toEqual(raw);
        expect(codec.sizeOf({ payload: raw })).toBe(raw.length);
      }
    });
    it(`${name}: decoding at an offset takes the rest of the buffer`, () => {
      const b = Uint8Array.of(0xff, 0xee, 1, 2, 3);
      expect(codec.decode(b, 2)).toEqual({ payload: Uint8Array.of(1, 2, 3) });
    });
    it(`${name}: property round-trip`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), (raw) => {
          expect(codec.encode(codec.decode(raw))).toEqual(raw);
        }),
      );
    });
  }

  it('encoding rejects a payload that is not bytes', () => {
    expect(() => codecs.vendorSpecificReq.encode({ payload: 'abc' as unknown as Uint8Array })).toThrow(/CODEC|payload|bytes/i);
  });
});
