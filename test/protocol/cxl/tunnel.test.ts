/**
 * Tunnel Management Command (5300h, CXL r3.1 §7.6.7.3.1) framing with exact bytes, at one and two
 * levels and to the LD Pool CCI, and the per-level checks on the way back.
 */
import { describe, expect, it } from 'vitest';
import { CxlCommandError, CxlNvmeError } from '../../../src/errors.js';
import { decodeBackgroundStatus, encodeBackgroundStatus } from '../../../src/protocol/cxl/background.js';
import { encodeMessage, validateResponse } from '../../../src/protocol/cxl/messages.js';
import {
  decodeTunnelled,
  describeTunnel,
  encodeTunnelled,
  encodeTunnelResponse,
  tunnelHops,
  unwrapTunnelRequest,
} from '../../../src/protocol/cxl/tunnel.js';

const u8 = (...b: number[]) => new Uint8Array(b);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

function errOf(f: () => unknown): CxlNvmeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CxlNvmeError);
    return e as CxlNvmeError;
  }
  throw new Error('expected a throw');
}

// Inner command: Identify Memory Device (4000h), tag 05h, no payload.
const inner = encodeMessage({ category: 'request', tag: 0x05, opcode: 0x4000 });
const innerHex = '00 05 00 00 40 00 00 00 00 00 00 00';

describe('encodeTunnelled', () => {
  it('one level to a switch port', () => {
    const out = encodeTunnelled({ port: 3 }, inner, { tags: [0x10] });
    expect(hex(out)).toBe(
      [
        '00 10 00 00 53', // request, tag 10h, opcode 5300h
        '10 00 00', // payload length 16 = 4 + 12
        '00 00 00 00', // return code, vendor status
        '03', // Port or LD ID = port 3
        '00', // target type 0 (port or LD)
        '0c 00', // command size 12, little-endian
        innerHex,
      ].join(' '),
    );
  });

  it('one level to an LD of an MLD', () => {
    const out = encodeTunnelled({ ld: 2 }, inner, { tags: [0x11] });
    expect(hex(out.subarray(12, 16))).toBe('02 00 0c 00');
    expect(hex(out.subarray(16))).toBe(innerHex);
  });

  it('two levels: switch port, then LD', () => {
    const out = encodeTunnelled({ port: 1, ld: 4 }, inner, { tags: [0x20, 0x21] });
    expect(hex(out)).toBe(
      [
        '00 20 00 00 53 20 00 00 00 00 00 00', // outer 5300h, tag 20h, payload 32
        '01 00 1c 00', // port 1, type 0, command size 28
        '00 21 00 00 53 10 00 00 00 00 00 00', // inner 5300h, tag 21h, payload 16
        '04 00 0c 00', // LD 4, type 0, command size 12
        innerHex,
      ].join(' '),
    );
  });

  it('to the LD Pool CCI of a multi-headed device (target type 1), and an LD behind it', () => {
    const pool = encodeTunnelled({ mhd: true }, inner, { tags: [0x30] });
    expect(hex(pool.subarray(0, 16))).toBe('00 30 00 00 53 10 00 00 00 00 00 00 00 01 0c 00');
    const ld = encodeTunnelled({ mhd: true, ld: 7 }, inner, { tags: [0x31, 0x32] });
    expect(hex(ld.subarray(12, 16))).toBe('00 01 1c 00'); // LD pool, type 1
    expect(hex(ld.subarray(28, 32))).toBe('07 00 0c 00'); // LD 7, type 0
  });

  it('writes the command size little-endian whatever the host', () => {
    const big = encodeMessage({ category: 'request', tag: 1, opcode: 0x4103, payload: new Uint8Array(0x1234 - 12) });
    const out = encodeTunnelled({ ld: 0 }, big);
    expect(hex(out.subarray(14, 16))).toBe('34 12');
  });

  it('defaults each level tag to the inner tag; unwraps its own requests', () => {
    const out = encodeTunnelled({ port: 1, ld: 2 }, inner);
    const levels = unwrapTunnelRequest({ port: 1, ld: 2 }, out);
    expect(levels.map((l) => [l.tag, l.opcode])).toEqual([
      [5, 0x5300],
      [5, 0x5300],
      [5, 0x4000],
    ]);
  });

  it('normalises paths and rejects bad ones', () => {
    expect(tunnelHops({ port: 1, ld: 2 })).toEqual([
      { kind: 'port', port: 1 },
      { kind: 'ld', ld: 2 },
    ]);
    expect(describeTunnel({ mhd: true, ld: 3 })).toBe('ld pool > ld 3');
    expect(errOf(() => tunnelHops({ port: 256 })).code).toBe('USAGE');
    expect(errOf(() => tunnelHops([])).code).toBe('USAGE');
    expect(errOf(() => encodeTunnelled({ port: 1 }, inner, { tags: [1, 2] })).code).toBe('USAGE');
    expect(errOf(() => encodeTunnelled({ ld: 1 }, new Uint8Array(0x10000 + 12))).code).toBe('CXL_TUNNEL');
  });
});

describe('decodeTunnelled', () => {
  const innerRsp = encodeMessage({ category: 'response', tag: 0x05, opcode: 0x4000, payload: new Uint8Array(69) });

  it('unwraps one level with the exact outer bytes', () => {
    const req = encodeTunnelled({ port: 3 }, inner, { tags: [0x10] });
    const rsp = encodeTunnelResponse(req, innerRsp);
    expect(hex(rsp.subarray(0, 16))).toBe('01 10 00 00 53 55 00 00 00 00 00 00 51 00 00 00'); // length 85 = 4 + 81; response length 81
    expect(decodeTunnelled({ port: 3 }, rsp, req)).toEqual(innerRsp);
    expect(decodeTunnelled({ port: 3 }, rsp)).toEqual(innerRsp); // without the request: all but the tags
  });

  it('unwraps two levels', () => {
    const path = { port: 1, ld: 4 };
    const req = encodeTunnelled(path, inner, { tags: [0x20, 0x21] });
    const [outerReq, innerTunnelReq] = unwrapTunnelRequest(path, req);
    const level1 = encodeTunnelResponse(encodeMessage({ category: 'request', tag: innerTunnelReq!.tag, opcode: 0x5300 }), innerRsp);
    const level0 = encodeTunnelResponse(encodeMessage({ category: 'request', tag: outerReq!.tag, opcode: 0x5300 }), level1);
    const got = decodeTunnelled(path, level0, req);
    expect(got).toEqual(innerRsp);
    expect(validateResponse(inner, got).message.payload.length).toBe(69);
  });

  it('checks each level: tag, opcode, Response Length, the tunnel return code', () => {
    const path = { port: 1, ld: 4 };
    const req = encodeTunnelled(path, inner, { tags: [0x20, 0x21] });
    const wrap = (tag: number, body: Uint8Array) => encodeTunnelResponse(encodeMessage({ category: 'request', tag, opcode: 0x5300 }), body);
    // Wrong tag on level 1.
    const e1 = errOf(() => decodeTunnelled(path, wrap(0x20, wrap(0x99, innerRsp)), req));
    expect(e1.code).toBe('CXL_TAG_MISMATCH');
    expect(e1.context).toMatchObject({ tunnelLevel: 1 });
    // Response Length disagrees with the bytes carried at level 0.
    const bad = wrap(0x20, wrap(0x21, innerRsp));
    bad[12] = (bad[12]! + 1) & 0xff;
    const e2 = errOf(() => decodeTunnelled(path, bad, req));
    expect(e2.code).toBe('CXL_TUNNEL');
    expect(e2.context).toMatchObject({ tunnelLevel: 0 });
    // Level 1 reply too short for the tunnel header.
    const short = wrap(0x20, encodeMessage({ category: 'response', tag: 0x21, opcode: 0x5300, payload: u8(0, 0) }));
    expect(errOf(() => decodeTunnelled(path, short, req)).code).toBe('CXL_TUNNEL');
    // The tunnel command itself failed at level 0.
    const failed = encodeMessage({ category: 'response', tag: 0x20, opcode: 0x5300, returnCode: 0x15 });
    const e3 = errOf(() => decodeTunnelled(path, failed, req)) as CxlCommandError;
    expect(e3).toBeInstanceOf(CxlCommandError);
    expect(e3.commandName).toBe('tunnelManagementCommand');
    expect(e3.returnCodeName).toBe('unsupportedMailboxOrCci');
    // Level 0 reply is for another opcode.
    const other = encodeMessage({ category: 'response', tag: 0x20, opcode: 0x4000 });
    expect(errOf(() => decodeTunnelled(path, other, req)).code).toBe('CXL_OPCODE_MISMATCH');
  });

  it('passes an inner error reply through for the caller to report', () => {
    const req = encodeTunnelled({ ld: 1 }, inner, { tags: [0x40] });
    const errRsp = encodeMessage({ category: 'response', tag: 0x05, opcode: 0x4000, returnCode: 0x03 });
    const got = decodeTunnelled({ ld: 1 }, encodeTunnelResponse(req, errRsp), req);
    const e = errOf(() => validateResponse(inner, got)) as CxlCommandError;
    expect(e.returnCodeName).toBe('unsupported');
  });
});

describe('Background Operation Status (0002h)', () => {
  it('decodes in-progress bit 0, percent bits 7:1, opcode, return code, vendor status', () => {
    const s = decodeBackgroundStatus(
      u8(
        (42 << 1) | 1, // in progress, 42 %
        0x00, // reserved
        0x04, 0x43, // opcode 4304h (Scan Media)
        0x00, 0x00, // return code
        0x22, 0x11, // vendor ext status 1122h
      ),
    );
    expect(s).toEqual({ inProgress: true, percentComplete: 42, opcode: 0x4304, returnCode: 0, vendorExtStatus: 0x1122 });
    const done = { inProgress: false, percentComplete: 100, opcode: 0x4400, returnCode: 0x12, vendorExtStatus: 0 };
    expect(hex(encodeBackgroundStatus(done))).toBe('c8 00 00 44 12 00 00 00');
    expect(decodeBackgroundStatus(encodeBackgroundStatus(done))).toEqual(done);
    expect(errOf(() => decodeBackgroundStatus(new Uint8Array(7))).code).toBe('CXL_PAYLOAD_LENGTH');
  });
});
