/**
 * CCI message framing (CXL r3.1 §7.6.3 Figure 7-19) and reply validation, in the documented order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { returnCodes } from '../../../spec-tables/cxl/return-codes.js';
import { CxlCommandError, CxlNvmeError } from '../../../src/errors.js';
import { checkResponsePayload, decodeMessage, encodeMessage, validateResponse } from '../../../src/protocol/cxl/messages.js';
import { commandEntry, commands } from '../../../src/protocol/cxl/registry.js';
import { decodeResponse, encodeRequest, encodeRequestMessage } from '../../../src/protocol/cxl/request.js';
import { codecs } from '../../../src/structs/index.js';

const u8 = (...b: number[]) => new Uint8Array(b);

function errOf(f: () => unknown): CxlNvmeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CxlNvmeError);
    return e as CxlNvmeError;
  }
  throw new Error('expected a throw');
}

// Identify (0001h) request, tag 2Ah, no payload.
const identifyReq = u8(
  0x00, // byte 0: category 0 = request
  0x2a, // byte 1: message tag
  0x00, // byte 2: reserved
  0x01, // byte 3: command (opcode bits 7:0)
  0x00, // byte 4: command set (opcode bits 15:8)
  0x00, 0x00, 0x00, // bytes 5-7: payload length 0, BO 0
  0x00, 0x00, // bytes 8-9: return code
  0x00, 0x00, // bytes 10-11: vendor specific extended status
);

// Identify reply payload (CXL r3.1 §8.2.9.1.1 Table 8-36), 18 bytes.
const identifyPayload = u8(
  0x86, 0x80, // vendor id 8086h
  0x0d, 0x0d, // device id 0D0Dh
  0x86, 0x80, // subsystem vendor id
  0x00, 0x00, // subsystem id
  0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // serial 0102030405060708h
  0x0c, // max message size 2^12
  0x03, // component type 03h = type 3
);

function identifyRsp(over: Partial<{ b0: number; tag: number; cmd: number; set: number; len: number; rc: number; payload: Uint8Array }> = {}) {
  const payload = over.payload ?? identifyPayload;
  const len = over.len ?? payload.length;
  return u8(
    over.b0 ?? 0x01, // category 1 = response
    over.tag ?? 0x2a,
    0x00,
    over.cmd ?? 0x01,
    over.set ?? 0x00,
    len & 0xff,
    (len >> 8) & 0xff,
    (len >> 16) & 0x1f,
    (over.rc ?? 0) & 0xff,
    (over.rc ?? 0) >> 8,
    0x34, // vendor ext status 1234h
    0x12,
    ...payload,
  );
}

describe('encodeMessage / decodeMessage', () => {
  it('encodes the Figure 7-19 header field by field', () => {
    expect(encodeMessage({ category: 'request', tag: 0x2a, opcode: 0x0001 })).toEqual(identifyReq);
    expect(encodeRequestMessage('identify', undefined, 0x2a)).toEqual(identifyReq);
  });

  it('puts the opcode low byte at byte 3 and the command set at byte 4', () => {
    const m = encodeMessage({ category: 'request', tag: 0xff, opcode: 0x4304, payload: u8(1, 2, 3) });
    expect(Array.from(m)).toEqual([0x00, 0xff, 0x00, 0x04, 0x43, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 1, 2, 3]);
  });

  it('encodes a response with return code, vendor status and the BO bit', () => {
    const m = encodeMessage({ category: 'response', tag: 7, opcode: 0x4400, returnCode: 0x0001, vendorExtStatus: 0xbeef, bo: true });
    expect(Array.from(m)).toEqual([
      0x01, // response
      0x07, // tag
      0x00,
      0x00, // command
      0x44, // command set
      0x00,
      0x00,
      0x80, // length 0, bit 23 BO set
      0x01,
      0x00, // return code 0001h
      0xef,
      0xbe, // vendor ext status BEEFh
    ]);
  });

  it('uses all 21 bits of the payload length, apart from BO (bit 23)', () => {
    const h = u8(0x01, 0x00, 0x00, 0x01, 0x00, 0x45, 0x23, 0x81, 0, 0, 0, 0); // 12345h, BO
    const m = decodeMessage(h);
    expect(m.payloadLength).toBe(0x12345);
    expect(m.bo).toBe(true);
    const h2 = u8(0x01, 0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0x1f, 0, 0, 0, 0); // 1FFFFFh, no BO
    expect(decodeMessage(h2).payloadLength).toBe(0x1fffff);
    expect(decodeMessage(h2).bo).toBe(false);
  });

  it('decodes header and payload', () => {
    const m = decodeMessage(identifyRsp());
    expect(m).toMatchObject({ category: 'response', tag: 0x2a, opcode: 1, commandSet: 0, command: 1, payloadLength: 18, bo: false, returnCode: 0, vendorExtStatus: 0x1234 });
    expect(m.payload).toEqual(identifyPayload);
  });

  it('rejects short messages and bad fields', () => {
    expect(errOf(() => decodeMessage(new Uint8Array(11))).code).toBe('CXL_SHORT_MESSAGE');
    expect(errOf(() => encodeMessage({ category: 'request', tag: 256, opcode: 1 })).code).toBe('USAGE');
    expect(errOf(() => encodeMessage({ category: 'request', tag: 0, opcode: 0x10000 })).code).toBe('USAGE');
  });

  it('round-trips any header and payload (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('request' as const, 'response' as const),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.boolean(),
        (category, tag, opcode, payload, returnCode, vendorExtStatus, bo) => {
          const m = decodeMessage(encodeMessage({ category, tag, opcode, payload, returnCode, vendorExtStatus, bo }));
          expect(m).toMatchObject({ category, tag, opcode, returnCode, vendorExtStatus, bo, payloadLength: payload.length });
          expect(m.payload).toEqual(payload);
        },
      ),
    );
  });
});

describe('validateResponse: checks in order', () => {
  const identify = commandEntry('identify');
  const check = (rsp: Uint8Array) => () => validateResponse(identifyReq, rsp, { command: identify });

  it('accepts a good reply and decodes it', () => {
    const v = validateResponse(identifyReq, identifyRsp(), { command: identify });
    expect(v.background).toBe(false);
    expect(v.value).toMatchObject({ vendorId: 0x8086, deviceId: 0x0d0d, serialNum: 0x0102030405060708n, maxMsgSize: 12, componentType: 'type3' });
  });

  it('1. shorter than the header', () => {
    for (let n = 0; n < 12; n++) expect(errOf(check(identifyRsp().subarray(0, n))).code).toBe('CXL_SHORT_MESSAGE');
  });

  it('2. not a response (checked before the tag)', () => {
    const e = errOf(check(identifyRsp({ b0: 0x00, tag: 0x99 })));
    expect(e.code).toBe('CXL_NOT_RESPONSE');
    expect(errOf(check(identifyRsp({ b0: 0x02 }))).code).toBe('CXL_NOT_RESPONSE');
  });

  it('3. tag mismatch (checked before the opcode)', () => {
    const e = errOf(check(identifyRsp({ tag: 0x2b, cmd: 0x02 })));
    expect(e.code).toBe('CXL_TAG_MISMATCH');
    expect(e.context).toMatchObject({ tag: 0x2a, replyTag: 0x2b });
  });

  it('4. opcode mismatch, command or command set (checked before the length)', () => {
    expect(errOf(check(identifyRsp({ cmd: 0x02, len: 99 }))).code).toBe('CXL_OPCODE_MISMATCH');
    expect(errOf(check(identifyRsp({ set: 0x40 }))).code).toBe('CXL_OPCODE_MISMATCH');
  });

  it('5. header payload length differs from the bytes present (checked before the return code)', () => {
    const e = errOf(check(identifyRsp({ len: 17, rc: 3 })));
    expect(e.code).toBe('CXL_PAYLOAD_LENGTH');
    expect(e.context).toMatchObject({ headerLength: 17, length: 18 });
    expect(errOf(check(identifyRsp({ len: 19 }))).code).toBe('CXL_PAYLOAD_LENGTH');
  });

  it('6. every non-zero return code but 01h is a CxlCommandError with its name and description', () => {
    expect(returnCodes).toHaveLength(33);
    for (const rc of returnCodes) {
      const rsp = identifyRsp({ rc: rc.value, payload: new Uint8Array(0) });
      if (rc.value === 0) {
        expect(errOf(check(rsp)).code).toBe('CXL_PAYLOAD_LENGTH'); // success needs the 18-byte payload
        continue;
      }
      if (rc.value === 1) {
        expect(validateResponse(identifyReq, rsp, { command: identify })).toMatchObject({ background: true, value: undefined });
        continue;
      }
      const e = errOf(check(rsp)) as CxlCommandError;
      expect(e).toBeInstanceOf(CxlCommandError);
      expect(e.code).toBe('CXL_COMMAND_FAILED');
      expect(e.returnCode).toBe(rc.value);
      expect(e.returnCodeName).toBe(rc.name);
      expect(e.context.description).toBe(rc.description);
      expect(e.opcode).toBe(0x0001);
      expect(e.commandName).toBe('identify');
      expect(e.vendorExtendedStatus).toBe(0x1234);
      expect(e.message).toContain(rc.name);
    }
  });

  it('6. an unknown return code still fails, with a generic name', () => {
    const e = errOf(check(identifyRsp({ rc: 0x0021, payload: new Uint8Array(0) }))) as CxlCommandError;
    expect(e.returnCode).toBe(0x21);
    expect(e.returnCodeName).toBe('returnCode0021h');
  });

  it('7. fixed-size reply: over-long and truncated payloads', () => {
    expect(errOf(check(identifyRsp({ payload: new Uint8Array(19) }))).code).toBe('CXL_PAYLOAD_LENGTH');
    expect(errOf(check(identifyRsp({ payload: identifyPayload.subarray(0, 17) }))).code).toBe('CXL_PAYLOAD_LENGTH');
  });
});

describe('payload length rules', () => {
  const getEvents = commandEntry('getEventRecords');
  const record = (handle: number) => codecs.eventRecord.encode({ uuid: '00000000-0000-0000-0000-000000000000', length: 128, handle });
  const eventsPayload = (count: number, present: number) => {
    const head = codecs.getEventRecordsRsp.encode({ records: [] });
    head[20] = count; // recordCount
    const out = new Uint8Array(32 + present * 128);
    out.set(head);
    for (let i = 0; i < present; i++) out.set(record(i + 1), 32 + i * 128);
    return out;
  };

  it('variable reply: exactly what its own counts say', () => {
    const v = checkResponsePayload(getEvents, eventsPayload(2, 2)) as { records: unknown[] };
    expect(v.records).toHaveLength(2);
    expect(checkResponsePayload(getEvents, eventsPayload(0, 0))).toMatchObject({ recordCount: 0 });
  });

  it('variable reply: truncated (count says more than present) and over-long', () => {
    expect(errOf(() => checkResponsePayload(getEvents, eventsPayload(3, 2))).code).toBe('CXL_PAYLOAD_LENGTH');
    expect(errOf(() => checkResponsePayload(getEvents, eventsPayload(1, 2))).code).toBe('CXL_PAYLOAD_LENGTH');
    expect(errOf(() => checkResponsePayload(getEvents, eventsPayload(0, 0).subarray(0, 31))).code).toBe('CXL_PAYLOAD_LENGTH');
    const extra = new Uint8Array(33);
    expect(errOf(() => checkResponsePayload(getEvents, extra)).code).toBe('CXL_PAYLOAD_LENGTH');
  });

  it('no response payload: must be empty', () => {
    const abort = commandEntry('requestBgOpAbort');
    expect(checkResponsePayload(abort, new Uint8Array(0))).toBeUndefined();
    expect(errOf(() => checkResponsePayload(abort, new Uint8Array(1))).code).toBe('CXL_PAYLOAD_LENGTH');
  });

  it('responseLengthFrom: exactly the requested length', () => {
    const req = { uuid: '0da9c0b5-bf41-4b78-8f79-96b1623b3f17', offset: 0, length: 4 };
    expect(decodeResponse('getLog', u8(1, 2, 3, 4), req)).toMatchObject({ data: u8(1, 2, 3, 4) });
    expect(errOf(() => decodeResponse('getLog', u8(1, 2, 3), req)).code).toBe('CXL_PAYLOAD_LENGTH');
    expect(errOf(() => decodeResponse('getLog', u8(1, 2, 3, 4, 5), req)).code).toBe('CXL_PAYLOAD_LENGTH');
    expect(errOf(() => decodeResponse('getLog', u8(1, 2, 3, 4))).code).toBe('USAGE'); // request fields needed
  });

  it('responseMayBeShorter: at most the requested length', () => {
    const shorter = [...commands.values()].filter((e) => e.def.responseMayBeShorter);
    expect(shorter.length).toBeGreaterThan(0);
    for (const e of shorter) {
      const key = e.def.responseLengthFrom!;
      expect(() => checkResponsePayload(e, new Uint8Array(2), { [key]: 4 })).not.toThrow();
      expect(errOf(() => checkResponsePayload(e, new Uint8Array(5), { [key]: 4 })).code).toBe('CXL_PAYLOAD_LENGTH');
    }
  });

  it('error replies are checked before the payload (no payload needed)', () => {
    const req = encodeRequestMessage('getLog', { uuid: '0da9c0b5-bf41-4b78-8f79-96b1623b3f17', offset: 0, length: 64 }, 5);
    const rsp = encodeMessage({ category: 'response', tag: 5, opcode: 0x0401, returnCode: 0x17 });
    const e = errOf(() => validateResponse(req, rsp, { command: commandEntry('getLog') })) as CxlCommandError;
    expect(e.returnCodeName).toBe('invalidLog');
  });
});

describe('requests', () => {
  it('encodes a typed request payload through the table codec', () => {
    const p = encodeRequest('getEventRecords', { eventLog: 'failure' });
    expect(Array.from(p)).toEqual([0x02]);
  });

  it('refuses a payload for a command that takes none, and missing fields', () => {
    expect(errOf(() => encodeRequest('identify', { x: 1 } as never)).code).toBe('USAGE');
    expect(errOf(() => encodeRequest('getEventRecords', undefined as never)).code).toBe('USAGE');
    expect(errOf(() => encodeRequest('noSuchCommand' as never, undefined as never)).code).toBe('CXL_UNKNOWN_COMMAND');
  });

  it('vendor opcodes C000h-FFFFh pass raw bytes both ways', () => {
    expect(encodeRequest(0xc123, u8(9, 8))).toEqual(u8(9, 8));
    expect(encodeRequest(0xffff)).toEqual(new Uint8Array(0));
    expect(decodeResponse(0xc123, u8(1, 2))).toEqual(u8(1, 2));
    expect(errOf(() => encodeRequest(0xbfff, u8())).code).toBe('USAGE');
    expect(errOf(() => encodeRequest(0x10000, u8())).code).toBe('USAGE');
    const m = encodeRequestMessage(0xc001, u8(0xaa), 3);
    expect(Array.from(m)).toEqual([0, 3, 0, 0x01, 0xc0, 1, 0, 0, 0, 0, 0, 0, 0xaa]);
  });
});
