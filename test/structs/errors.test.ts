/**
 * Bad tables fail validation (so the generator fails the build); bad values fail encoding; bad
 * buffers fail decoding. Each with the one error class, a code, and the struct/field in context.
 */
import { describe, expect, it } from 'vitest';
import type { StructDef } from '../../spec-tables/schema.js';
import { CxlNvmeError, isCodecError } from '../../src/errors.js';
import { codecFor, codecs, interpretedCodec, validateTable } from '../../src/structs/index.js';

function tableError(def: StructDef): CxlNvmeError {
  try {
    validateTable(def);
  } catch (e) {
    return e as CxlNvmeError;
  }
  throw new Error('table was accepted');
}

describe('table validation (the build fails on these)', () => {
  const base = { name: 'demo', spec: 'test', size: 4 };
  it('rejects a gap', () => {
    const e = tableError({ ...base, fields: [{ name: 'a', offset: 0, type: 'u8' }, { name: 'b', offset: 2, type: 'u16' }] });
    expect(e.code).toBe('CODEC_BAD_TABLE');
    expect(e.message).toContain('gap: bytes 1..1');
  });
  it('rejects an overlap', () => {
    const e = tableError({ ...base, fields: [{ name: 'a', offset: 0, type: 'u16' }, { name: 'b', offset: 1, type: 'u16' }] });
    expect(e.message).toContain('overlaps');
    expect(e.context.field).toBe('b');
  });
  it('rejects a size that disagrees with the fields', () => {
    const e = tableError({ ...base, size: 5, fields: [{ name: 'a', offset: 0, type: 'u32' }] });
    expect(e.message).toContain('cover 4 bytes but the struct size is 5');
  });
  it('rejects a flexible array that is not last or not at the struct size', () => {
    expect(tableError({ ...base, size: 2, fields: [{ name: 'n', offset: 0, type: 'u8' }, { name: 'x', offset: 1, type: 'flex', of: 'u8', count: 'rest' }] }).message).toContain(
      'starts at the struct size',
    );
  });
  it('rejects a count field that does not exist or is not an earlier scalar', () => {
    expect(tableError({ ...base, size: 1, fields: [{ name: 'n', offset: 0, type: 'u8' }, { name: 'x', offset: 1, type: 'flex', of: 'u8', count: { field: 'm', unit: 'elements' } }] }).message).toContain(
      "count field 'm'",
    );
  });
  it('rejects overlapping bit ranges and ranges past the word', () => {
    expect(tableError({ ...base, size: 1, fields: [{ name: 'w', offset: 0, type: 'bits', bytes: 1, bits: [{ name: 'a', lsb: 0, width: 4 }, { name: 'b', lsb: 3, width: 2 }] }] }).message).toContain('overlap');
    expect(tableError({ ...base, size: 1, fields: [{ name: 'w', offset: 0, type: 'bits', bytes: 1, bits: [{ name: 'a', lsb: 6, width: 4 }] }] }).message).toContain('do not fit');
  });
  it('rejects an enum value wider than its field', () => {
    expect(tableError({ ...base, size: 1, fields: [{ name: 'e', offset: 0, type: 'u8', enum: { 256: 'big' } }] }).message).toContain('does not fit 8 bits');
  });
  it('rejects a trailer that does not follow a flexible array, or clashes with a field name', () => {
    const t: StructDef = { name: 'tail', spec: 'test', size: 1, fields: [{ name: 'n', offset: 0, type: 'u8' }] };
    expect(tableError({ ...base, size: 1, fields: [{ name: 'm', offset: 0, type: 'u8' }, { name: 'tr', offset: 1, type: 'trailer', struct: t }] }).message).toContain('directly follow a flexible array');
    expect(
      tableError({
        ...base,
        size: 1,
        fields: [
          { name: 'n', offset: 0, type: 'u8' },
          { name: 'x', offset: 1, type: 'flex', of: 'u8', count: { field: 'n', unit: 'elements' } },
          { name: 'tr', offset: 1, type: 'trailer', struct: t },
        ],
      }).message,
    ).toContain("trailer field 'n' clashes");
  });
  it('rejects a table without a spec citation', () => {
    expect(tableError({ name: 'demo', spec: '', size: 1, fields: [{ name: 'a', offset: 0, type: 'u8' }] }).message).toContain('cites its spec');
  });
});

function encodeError(fn: () => unknown): CxlNvmeError {
  try {
    fn();
  } catch (e) {
    expect(isCodecError(e)).toBe(true);
    return e as CxlNvmeError;
  }
  throw new Error('encode accepted the value');
}

describe('encoding rejects out-of-range and unknown input (generated and interpreted alike)', () => {
  const engines = [
    ['generated', <T>(c: T) => c],
    ['interpreter', (c: { def: StructDef }) => interpretedCodec(c.def)],
  ] as const;
  describe.each(engines)('%s', (_n, pick) => {
    const id = pick(codecs.identifyRsp) as typeof codecs.identifyRsp;
    const mem = pick(codecs.memdevIdentifyRsp) as typeof codecs.memdevIdentifyRsp;
    const ev = pick(codecs.getEventRecordsRsp) as typeof codecs.getEventRecordsRsp;
    const ctrl = pick(codecs.idCtrl) as typeof codecs.idCtrl;
    const smart = pick(codecs.smartLog) as typeof codecs.smartLog;

    it('300 in a u8', () => {
      const e = encodeError(() => id.encode({ maxMsgSize: 300 }));
      expect(e.code).toBe('CODEC_RANGE');
      expect(e.context).toMatchObject({ struct: 'identifyRsp', field: 'maxMsgSize', offset: 16, value: 300 });
    });
    it('a negative count', () => {
      const e = encodeError(() => ev.encode({ recordCount: -1 }));
      expect(e.code).toBe('CODEC_BAD_COUNT');
    });
    it('a count that disagrees with the records given', () => {
      const e = encodeError(() => ev.encode({ recordCount: 2, records: [{}] }));
      expect(e.code).toBe('CODEC_BAD_COUNT');
      expect(e.context.field).toBe('recordCount');
    });
    it('21 characters in ascii(20)', () => {
      const e = encodeError(() => ctrl.encode({ sn: 'X'.repeat(21) }));
      expect(e.code).toBe('CODEC_RANGE');
      expect(e.context).toMatchObject({ field: 'sn', offset: 4 });
    });
    it('a non-ASCII character', () => {
      expect(encodeError(() => mem.encode({ fwRevision: 'fw-é' })).code).toBe('CODEC_RANGE');
    });
    it('a bigint above 2^64-1 and a negative bigint', () => {
      expect(encodeError(() => id.encode({ serialNum: 1n << 64n })).code).toBe('CODEC_RANGE');
      expect(encodeError(() => id.encode({ serialNum: -1n })).code).toBe('CODEC_RANGE');
      expect(encodeError(() => smart.encode({ mediaErrors: 1n << 128n })).code).toBe('CODEC_RANGE');
    });
    it('a fraction, a string and an unsafe number where integers go', () => {
      expect(encodeError(() => id.encode({ vendorId: 1.5 })).code).toBe('CODEC_BAD_TYPE');
      expect(encodeError(() => id.encode({ vendorId: '1' as unknown as number })).code).toBe('CODEC_BAD_TYPE');
      expect(encodeError(() => id.encode({ serialNum: 2 ** 60 })).code).toBe('CODEC_BAD_TYPE');
    });
    it('an unknown field, an unknown bit range and an unknown enum name', () => {
      expect(encodeError(() => id.encode({ vendorID: 1 } as never)).code).toBe('CODEC_UNKNOWN_FIELD');
      expect(encodeError(() => mem.encode({ poisonCaps: { scanMedia: true } as never })).code).toBe('CODEC_UNKNOWN_FIELD');
      expect(encodeError(() => id.encode({ componentType: 'type2' as never })).code).toBe('CODEC_RANGE');
    });
    it('reserved fields cannot be written', () => {
      expect(encodeError(() => ev.encode({ rsvd1: 1 } as never)).code).toBe('CODEC_UNKNOWN_FIELD');
    });
    it('a nested error names the path', () => {
      const e = encodeError(() => ctrl.encode({ psd: [{}, { mp: 70000 }] }));
      expect(e.context.field).toBe('psd[1].mp');
      expect(e.message).toContain('idCtrl.psd[1].mp');
    });
    it('too many array elements', () => {
      expect(encodeError(() => ctrl.encode({ psd: new Array(33).fill({}) })).code).toBe('CODEC_RANGE');
    });
    it('not an object', () => {
      expect(encodeError(() => id.encode(null as never)).code).toBe('CODEC_BAD_TYPE');
    });
  });

  it('a capacity given in bytes is written in its 256 MiB units; a disagreeing pair or a partial unit is refused', () => {
    const two = codecs.memdevIdentifyRsp.encode({ totalCapacityBytes: 2n << 30n }); // 2 GiB = 8 x 256 MiB
    expect(two.subarray(16, 24)).toEqual(new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0]));
    expect(codecs.memdevIdentifyRsp.encode({ totalCapacity: 8n, totalCapacityBytes: 2n << 30n })).toEqual(two);
    expect(encodeError(() => codecs.memdevIdentifyRsp.encode({ totalCapacity: 7n, totalCapacityBytes: 2n << 30n })).context).toMatchObject({ field: 'totalCapacityBytes' });
    expect(encodeError(() => codecs.memdevIdentifyRsp.encode({ totalCapacityBytes: (2n << 30n) + 1n })).code).toBe('CODEC_RANGE');
    expect(encodeError(() => interpretedCodec(codecs.memdevIdentifyRsp.def).encode({ totalCapacityBytes: 100 })).code).toBe('CODEC_RANGE');
  });

  it('unsupplied fields are zero, like a zeroed C struct', () => {
    expect(codecs.identifyRsp.encode({})).toEqual(new Uint8Array(18));
  });
});

describe('decoding a short buffer says what was wrong and where', () => {
  it('names the struct, the first missing field, the offset, and the bytes needed and available', () => {
    try {
      codecs.idCtrl.decode(new Uint8Array(4096), 2000);
    } catch (e) {
      expect(e).toBeInstanceOf(CxlNvmeError);
      const err = e as CxlNvmeError;
      expect(err.code).toBe('CODEC_SHORT_BUFFER');
      expect(err.context).toMatchObject({ struct: 'idCtrl', offset: 2000, needed: 4096, available: 2096, field: 'psd' });
      return;
    }
    throw new Error('no error');
  });
  it('something other than bytes, in both engines', () => {
    for (const c of [codecs.identifyRsp, interpretedCodec(codecs.identifyRsp.def)]) {
      for (const bad of [undefined, null, 'abc', [1, 2, 3], new ArrayBuffer(18)]) {
        expect(() => c.decode(bad as never)).toThrowError(expect.objectContaining({ code: 'CODEC_BAD_TYPE', context: expect.objectContaining({ struct: 'identifyRsp' }) }));
      }
    }
  });
  it('a negative offset', () => {
    expect(() => codecs.identifyRsp.decode(new Uint8Array(18), -1)).toThrowError(expect.objectContaining({ code: 'CODEC_SHORT_BUFFER' }));
  });
  it('a flex maximum is enforced', () => {
    const def: StructDef = {
      name: 'boundedList',
      spec: 'test',
      size: 1,
      fields: [
        { name: 'n', offset: 0, type: 'u8' },
        { name: 'items', offset: 1, type: 'flex', of: 'u16', count: { field: 'n', unit: 'elements' }, max: 2 },
      ],
    };
    const c = codecFor(def);
    expect(c.decode(new Uint8Array([2, 1, 0, 2, 0]))).toEqual({ n: 2, items: [1, 2] });
    expect(() => c.decode(new Uint8Array([3, 1, 0, 2, 0, 3, 0]))).toThrowError(expect.objectContaining({ code: 'CODEC_BAD_COUNT' }));
    expect(() => c.encode({ items: [1, 2, 3] })).toThrowError(expect.objectContaining({ code: 'CODEC_RANGE' }));
  });
  it('a trailer after the flexible elements: decoded flat, and required on the wire', () => {
    const tail: StructDef = { name: 'tailCounts', spec: 'test', size: 2, fields: [{ name: 'total', offset: 0, type: 'u16' }] };
    const def: StructDef = {
      name: 'withTrailer',
      spec: 'test',
      size: 1,
      fields: [
        { name: 'n', offset: 0, type: 'u8' },
        { name: 'items', offset: 1, type: 'flex', of: 'u16', count: { field: 'n', unit: 'elements' } },
        { name: 'counts', offset: 1, type: 'trailer', struct: tail },
      ],
    };
    const c = codecFor(def);
    // n = 2, items 1 and 2, then the trailer's total = 0x1234.
    const raw = new Uint8Array([2, 1, 0, 2, 0, 0x34, 0x12]);
    expect(c.decode(raw)).toEqual({ n: 2, items: [1, 2], total: 0x1234 });
    expect(c.encode({ items: [1, 2], total: 0x1234 })).toEqual(raw);
    expect(c.sizeOf({ items: [1, 2] })).toBe(7);
    expect(() => c.decode(raw.subarray(0, 6))).toThrowError(expect.objectContaining({ code: 'CODEC_SHORT_BUFFER', context: expect.objectContaining({ field: 'items' }) }));
    expect(() => c.encode({ bogus: 1 } as never)).toThrowError(expect.objectContaining({ code: 'CODEC_UNKNOWN_FIELD' }));
  });
  it('a byte-unit count that is not a whole number of elements', () => {
    const def: StructDef = {
      name: 'byteCounted',
      spec: 'test',
      size: 2,
      fields: [
        { name: 'len', offset: 0, type: 'u16' },
        { name: 'items', offset: 2, type: 'flex', of: 'u32', count: { field: 'len', unit: 'bytes' } },
      ],
    };
    const c = codecFor(def);
    expect(c.decode(new Uint8Array([8, 0, 1, 0, 0, 0, 2, 0, 0, 0]))).toEqual({ len: 8, items: [1, 2] });
    expect(c.encode({ items: [1] })).toEqual(new Uint8Array([4, 0, 1, 0, 0, 0]));
    expect(() => c.decode(new Uint8Array([6, 0, 1, 0, 0, 0, 2, 0]))).toThrowError(expect.objectContaining({ code: 'CODEC_BAD_COUNT' }));
  });
});
