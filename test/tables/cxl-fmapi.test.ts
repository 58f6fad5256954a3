/**
 * FM-API tables (CXL r3.1 §7.6.7, command sets 51h-56h): byte-exact request / response vectors
 * written field by field from the specification, variable-length payloads at 0, 1 and many
 * elements, truncation errors, the protocol-layer walk of nested variable data (5200h, 5601h),
 * and the command list against ../shared/reference/cxl-commands.tsv. Every field offset and size
 * is cross-checked against libcxlmi's measured layouts (cxl-struct-layouts.tsv), with the libcxlmi
 * defects listed explicitly, in test/structs/reference-layouts.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vector as sharedVector, withDerived } from './table-structs.js';
import * as fm from '../../spec-tables/cxl/fmapi.js';
import { memdevGetDcConfigRspTrailer } from '../../spec-tables/cxl/memdev.js';
import { cxlCommands } from '../../spec-tables/cxl/index.js';
import { CxlNvmeError } from '../../src/errors.js';
import { type Codec, codecs, } from '../../src/structs/index.js';

type AnyCodec = Codec<unknown, unknown>;
const any = (c: unknown) => c as AnyCodec;

/** Decode `raw` with the generated codec and the interpreter, expect `value`; encode back to `raw`. */
function vector(codec: unknown, raw: number[] | Uint8Array, value: unknown): void {
  sharedVector(any(codec) as never, raw, value);
}

/** Decode `raw`, expect `value`, and expect re-encoding to give `canonical` (reserved bits zeroed). */
function decodeCanonical(codec: unknown, raw: number[] | Uint8Array, value: unknown, canonical: number[] | Uint8Array): void {
  const c = any(codec);
  const bytes = raw instanceof Uint8Array ? raw : Uint8Array.from(raw);
  expect(c.decode(bytes)).toEqual(withDerived(c.def, value));
  expect(c.encode(value)).toEqual(canonical instanceof Uint8Array ? canonical : Uint8Array.from(canonical));
}

function codecError(f: () => unknown): CxlNvmeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CxlNvmeError);
    return e as CxlNvmeError;
  }
  throw new Error('expected a CxlNvmeError');
}

const u8 = (...b: number[]) => Uint8Array.from(b);
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);
const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const le64 = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
const UUID = '00112233-4455-6677-8899-aabbccddeeff';
const UUID_BYTES = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

// --- element vectors reused by the list tests -------------------------------------------------------

/** Port information block of a DSP with an MLD below it (CXL r3.1 Table 7-19). */
const portBlock = {
  bytes: [
    0x03, // portId = 3
    0x03, // configState bits 3:0 = 3 (DSP)
    0x02, // connDevCxlVer (Connected Device Mode) = 2 (68B flit and VH)
    0x00, // reserved
    0x05, // connDevType = 5 (Type 3 MLD)
    0x06, // portCxlVerBitmask: bit 1 68B flit/VH, bit 2 256B flit
    0x10, // maxLinkWidth = x16
    0x08, // negotiatedLinkWidth = x8
    0x1f, // supportedLinkSpeedsVector: 2.5, 5, 8, 16, 32 GT/s
    0x05, // maxLinkSpeed = 5 (32 GT/s)
    0x04, // currentLinkSpeed = 4 (16 GT/s)
    0x04, // ltssmState = 4 (L0)
    0x00, // firstLaneNum = 0
    0x02, 0x00, // linkState: bit 1 PERST# asserted
    0x03, // supportedLdCount = 3
  ],
  value: {
    portId: 3,
    configState: { state: 'dsp' },
    connDevCxlVer: 'flit68Vh',
    connDevType: 'type3Mld',
    portCxlVerBitmask: { rcd: false, flit68Vh: true, flit256: true, latencyOptimizedFlit256: false, pbr: false },
    maxLinkWidth: 16,
    negotiatedLinkWidth: 8,
    supportedLinkSpeedsVector: { gt2p5: true, gt5: true, gt8: true, gt16: true, gt32: true, gt64: false },
    maxLinkSpeed: 'gt32',
    currentLinkSpeed: 'gt16',
    ltssmState: 'l0',
    firstLaneNum: 0,
    linkState: { laneReversed: false, perstAsserted: true, presencePin: false, powerControl: false },
    supportedLdCount: 3,
  },
};

const ldAlloc = (r1: bigint, r2: bigint) => ({
  bytes: [...le64(r1), ...le64(r2)], // range1AllocationMult, range2AllocationMult
  value: { range1AllocationMult: r1, range2AllocationMult: r2 },
});

const headBlock = {
  bytes: [
    0x01, // portNum = 1
    0x08, // field1: maxLinkWidth = x8
    0x04, // field2: negotiatedLinkWidth = x4
    0x1f, // field3: supported speeds 2.5..32 GT/s
    0x05, // field4: maxLinkSpeed = 32 GT/s
    0x04, // field5: currentLinkSpeed = 16 GT/s
    0x04, // ltssmState = L0
    0x00, // firstNegotiatedLaneNum
    0x01, // linkStateFlags: lane reversed
  ],
  value: {
    portNum: 1,
    field1: { maxLinkWidth: 8 },
    field2: { negotiatedLinkWidth: 4 },
    field3: { gt2p5: true, gt5: true, gt8: true, gt16: true, gt32: true, gt64: false },
    field4: { maxLinkSpeed: 'gt32' },
    field5: { currentLinkSpeed: 'gt16' },
    ltssmState: 'l0',
    firstNegotiatedLaneNum: 0,
    linkStateFlags: { laneReversed: true, perstAsserted: false, presencePin: false, powerControl: false },
  },
};

const extent = (dpa: bigint, len: bigint, seq: number) => ({
  bytes: [...le64(dpa), ...le64(len), ...UUID_BYTES, ...le16(seq), 0, 0, 0, 0, 0, 0],
  value: { startDpa: dpa, len, tag: UUID, sharedSeq: seq },
});

const regionConfig = {
  bytes: [
    ...le64(0n), // base = DPA 0
    ...le64(0x10n), // decodeLen = 16 x 256 MiB
    ...le64(0x1_0000_0000n), // regionLen = 4 GiB
    ...le64(0x20_0000n), // blockSize = 2 MiB
    0x0c, // flags: bit 2 non-volatile, bit 3 sharable
    0, 0, 0, // reserved
    0x01, // sanitizeOnRelease bit 0
    0, 0, 0, // reserved
  ],
  value: {
    base: 0n,
    decodeLen: 0x10n,
    regionLen: 0x1_0000_0000n,
    blockSize: 0x20_0000n,
    flags: { nonVolatile: true, sharable: true, hwManagedCoherency: false, icSpecificDcManagement: false, readOnly: false },
    sanitizeOnRelease: { enabled: true },
  },
};

const tagInfo = {
  bytes: [
    ...UUID_BYTES, // tag
    0x00, // flags
    0, 0, 0, // reserved
    0x05, ...fill(31, 0), // refBitmap: hosts 0 and 2
    ...fill(32, 0), // pendingRefBitmap
  ],
  value: { tag: UUID, flags: 0, refBitmap: u8(0x05, ...fill(31, 0)), pendingRefBitmap: fill(32, 0) },
};

// --- 51h Physical Switch ---------------------------------------------------------------------------

describe('5100h Identify Switch Device', () => {
  const c = codecs.fmapiIdentifySwDeviceRsp;
  it('typical: 5 ports, 1 VCS', () => {
    vector(
      c,
      [
        0x02, // ingressPortId = 2
        0x00, // reserved
        0x05, // numPhysicalPorts = 5
        0x01, // numVcs = 1
        0x1f, ...fill(31, 0), // activePortBitmask: ports 0-4
        0x01, ...fill(31, 0), // activeVcsBitmask: VCS 0
        ...le16(5), // numTotalVppb = 5
        ...le16(3), // numActiveVppb = 3
        0x04, // numHdmDecoderPerUsp = 4
      ],
      {
        ingressPortId: 2,
        numPhysicalPorts: 5,
        numVcs: 1,
        activePortBitmask: u8(0x1f, ...fill(31, 0)),
        activeVcsBitmask: u8(0x01, ...fill(31, 0)),
        numTotalVppb: 5,
        numActiveVppb: 3,
        numHdmDecoderPerUsp: 4,
      },
    );
  });
  it('zero', () => {
    vector(c, fill(73, 0), {
      ingressPortId: 0,
      numPhysicalPorts: 0,
      numVcs: 0,
      activePortBitmask: fill(32, 0),
      activeVcsBitmask: fill(32, 0),
      numTotalVppb: 0,
      numActiveVppb: 0,
      numHdmDecoderPerUsp: 0,
    });
  });
  it('all ones: the reserved byte 1 is dropped', () => {
    const canonical = fill(73, 0xff);
    canonical[1] = 0; // reserved
    decodeCanonical(
      c,
      fill(73, 0xff),
      {
        ingressPortId: 255,
        numPhysicalPorts: 255,
        numVcs: 255,
        activePortBitmask: fill(32, 0xff),
        activeVcsBitmask: fill(32, 0xff),
        numTotalVppb: 0xffff,
        numActiveVppb: 0xffff,
        numHdmDecoderPerUsp: 255,
      },
      canonical,
    );
  });
  it('a 72-byte reply is CODEC_SHORT_BUFFER at numHdmDecoderPerUsp', () => {
    const e = codecError(() => c.decode(fill(72, 0)));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('numHdmDecoderPerUsp');
  });
});

describe('5101h Get Physical Port State', () => {
  it('request lists port ids from its own count', () => {
    vector(codecs.fmapiGetPhysPortStateReq, [0x02, /* numPorts = 2 */ 0x00, /* port 0 */ 0x07 /* port 7 */], { numPorts: 2, ports: u8(0, 7) });
    vector(codecs.fmapiGetPhysPortStateReq, [0x00 /* numPorts = 0 */], { numPorts: 0, ports: u8() });
    const all = Array.from({ length: 255 }, (_, i) => i);
    vector(codecs.fmapiGetPhysPortStateReq, [0xff, ...all], { numPorts: 255, ports: Uint8Array.from(all) });
  });
  it('port information block (Table 7-19)', () => {
    vector(codecs.fmapiPortStateInfoBlock, portBlock.bytes, portBlock.value);
  });
  it('port information block, all ones: reserved bits dropped, unknown enums pass through', () => {
    decodeCanonical(
      codecs.fmapiPortStateInfoBlock,
      fill(16, 0xff),
      {
        portId: 255,
        configState: { state: 'invalidPortId' },
        connDevCxlVer: 255,
        connDevType: 255,
        portCxlVerBitmask: { rcd: true, flit68Vh: true, flit256: true, latencyOptimizedFlit256: true, pbr: true },
        maxLinkWidth: 255,
        negotiatedLinkWidth: 255,
        supportedLinkSpeedsVector: { gt2p5: true, gt5: true, gt8: true, gt16: true, gt32: true, gt64: true },
        maxLinkSpeed: 255,
        currentLinkSpeed: 255,
        ltssmState: 255,
        firstLaneNum: 255,
        linkState: { laneReversed: true, perstAsserted: true, presencePin: true, powerControl: true },
        supportedLdCount: 255,
      },
      [0xff, 0x0f, 0xff, 0x00, 0xff, 0x1f, 0xff, 0xff, 0x3f, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0xff],
    );
  });
  it('port information block: every configuration state and LTSSM state has its name', () => {
    const names: [number, string][] = [
      [0, 'disabled'],
      [1, 'bindInProgress'],
      [2, 'unbindInProgress'],
      [3, 'dsp'],
      [4, 'usp'],
      [5, 'fabricPort'],
      [0xf, 'invalidPortId'],
    ];
    for (const [v, name] of names) {
      const b = Uint8Array.from(portBlock.bytes);
      b[1] = v;
      expect(codecs.fmapiPortStateInfoBlock.decode(b).configState.state).toBe(name);
    }
    const ltssm = ['detect', 'polling', 'configuration', 'recovery', 'l0', 'l0s', 'l1', 'l2', 'disabled', 'loopback', 'hotReset'];
    ltssm.forEach((name, v) => {
      const b = Uint8Array.from(portBlock.bytes);
      b[11] = v;
      expect(codecs.fmapiPortStateInfoBlock.decode(b).ltssmState).toBe(name);
    });
  });
  it('response with 0, 1 and 3 port blocks', () => {
    const c = codecs.fmapiGetPhysPortStateRsp;
    for (const n of [0, 1, 3]) {
      vector(
        c,
        [
          n, // numPorts
          0, 0, 0, // reserved
          ...Array.from({ length: n }, () => portBlock.bytes).flat(),
        ],
        { numPorts: n, ports: Array.from({ length: n }, () => portBlock.value) },
      );
    }
  });
  it('a reply claiming more ports than it carries is CODEC_SHORT_BUFFER at ports', () => {
    const e = codecError(() => codecs.fmapiGetPhysPortStateRsp.decode(u8(2, 0, 0, 0, ...portBlock.bytes)));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('ports');
  });
  it('encoding with a numPorts that disagrees with the list is CODEC_BAD_COUNT at numPorts', () => {
    const e = codecError(() => codecs.fmapiGetPhysPortStateReq.encode({ numPorts: 3, ports: u8(1) }));
    expect(e.code).toBe('CODEC_BAD_COUNT');
    expect(e.context.field).toBe('numPorts');
  });
});

describe('5102h Physical Port Control', () => {
  it('reset PPB 4, and every opcode name', () => {
    vector(codecs.fmapiPhysPortControlReq, [0x04, /* ppbId = 4 */ 0x02 /* portOpcode = reset PPB */], { ppbId: 4, portOpcode: 'resetPpb' });
    vector(codecs.fmapiPhysPortControlReq, [0x00, 0x00], { ppbId: 0, portOpcode: 'assertPerst' });
    vector(codecs.fmapiPhysPortControlReq, [0xff, 0x01], { ppbId: 255, portOpcode: 'deassertPerst' });
    vector(codecs.fmapiPhysPortControlReq, [0x01, 0x07], { ppbId: 1, portOpcode: 7 });
  });
});

describe('5103h Send PPB CXL.io Configuration Request', () => {
  it('write of register 104h (ext 1, reg 04h) with all byte enables', () => {
    vector(
      codecs.fmapiSendPpbCxlioConfigRequestReq,
      [
        0x01, // ppbId = 1
        0x04, // bits 7:0 registerNumber = 04h
        0xf1, // bits 11:8 extRegisterNumber = 1, bits 15:12 firstDwordBe = Fh
        0x80, // bit 23 transaction type = write
        ...le32(0x12345678), // transactionData
      ],
      { ppbId: 1, field1: { registerNumber: 4, extRegisterNumber: 1, firstDwordBe: 15, write: true }, transactionData: 0x12345678 },
    );
  });
  it('all ones: bits 22:16 are reserved', () => {
    decodeCanonical(
      codecs.fmapiSendPpbCxlioConfigRequestReq,
      fill(8, 0xff),
      { ppbId: 255, field1: { registerNumber: 255, extRegisterNumber: 15, firstDwordBe: 15, write: true }, transactionData: 0xffffffff },
      [0xff, 0xff, 0xff, 0x80, 0xff, 0xff, 0xff, 0xff],
    );
  });
  it('response carries the dword read', () => {
    vector(codecs.fmapiSendPpbCxlioConfigRequestRsp, le32(0xdeadbeef), { returnData: 0xdeadbeef });
    vector(codecs.fmapiSendPpbCxlioConfigRequestRsp, [0, 0, 0, 0], { returnData: 0 });
  });
});

describe('5104h-5107h domain validation secret value', () => {
  it('state replies', () => {
    vector(codecs.fmapiGetDomainValidationSvStateRsp, [0x01 /* set */], { secretValueState: 'set' });
    vector(codecs.fmapiGetDomainValidationSvStateRsp, [0x00 /* not set */], { secretValueState: 'notSet' });
    vector(codecs.fmapiGetVcsDomainValidationSvStateRsp, [0x00], { secretValueState: 'notSet' });
    vector(codecs.fmapiGetVcsDomainValidationSvStateRsp, [0xff], { secretValueState: 255 });
  });
  it('VCS selectors', () => {
    vector(codecs.fmapiGetVcsDomainValidationSvStateReq, [0x02 /* vcsId */], { vcsId: 2 });
    vector(codecs.fmapiGetDomainValidationSvReq, [0xff /* vcsId */], { vcsId: 255 });
  });
  it('secret value UUID in written byte order', () => {
    vector(codecs.fmapiSetDomainValidationSvReq, UUID_BYTES, { secretValueUuid: UUID });
    vector(codecs.fmapiGetDomainValidationSvRsp, UUID_BYTES, { secretValueUuid: UUID });
    vector(codecs.fmapiGetDomainValidationSvRsp, fill(16, 0), { secretValueUuid: ZERO_UUID });
    vector(codecs.fmapiGetDomainValidationSvRsp, fill(16, 0xff), { secretValueUuid: 'ffffffff-ffff-ffff-ffff-ffffffffffff' });
  });
});

// --- 52h Virtual Switch ----------------------------------------------------------------------------

/**
 * The walk the protocol layer performs on a Get Virtual CXL Switch Info reply: numVcs blocks, each
 * a 4-byte header and min(vppbListLimit, numVppbs - startVppb) 4-byte vPPB entries.
 */
function walkVcsInfo(req: { startVppb: number; vppbListLimit: number }, payload: Uint8Array) {
  const rsp = codecs.fmapiGetVcsInfoRsp.decode(payload);
  const list = rsp.vcsInfoList;
  const blocks = [];
  let at = 0;
  for (let i = 0; i < rsp.numVcs; i++) {
    const head = codecs.fmapiVcsInfoBlock.decode(list, at);
    at += codecs.fmapiVcsInfoBlock.def.size;
    const n = Math.min(req.vppbListLimit, Math.max(0, head.numVppbs - req.startVppb));
    const vppbs = [];
    for (let j = 0; j < n; j++) {
      vppbs.push(codecs.fmapiVppbInfo.decode(list, at));
      at += codecs.fmapiVppbInfo.def.size;
    }
    blocks.push({ ...head, vppbs });
  }
  return { numVcs: rsp.numVcs, blocks, trailing: list.length - at };
}

describe('5200h Get Virtual CXL Switch Info', () => {
  it('request lists VCS ids from its own count (0, 1, many)', () => {
    vector(codecs.fmapiGetVcsInfoReq, [0x00, /* startVppb */ 0x08, /* vppbListLimit */ 0x02, /* numVcs */ 0x00, 0x01], {
      startVppb: 0,
      vppbListLimit: 8,
      numVcs: 2,
      vcsIdList: u8(0, 1),
    });
    vector(codecs.fmapiGetVcsInfoReq, [0x00, 0x01, 0x00], { startVppb: 0, vppbListLimit: 1, numVcs: 0, vcsIdList: u8() });
    vector(codecs.fmapiGetVcsInfoReq, [0x03, 0x01, 0x01, 0x07], { startVppb: 3, vppbListLimit: 1, numVcs: 1, vcsIdList: u8(7) });
  });
  it('vPPB entry and VCS block header', () => {
    vector(codecs.fmapiVppbInfo, [0x03, /* boundLd */ 0x02, /* boundPortId */ 0x01, /* boundLdId */ 0x00], {
      bindingStatus: 'boundLd',
      boundPortId: 2,
      boundLdId: 1,
    });
    vector(codecs.fmapiVppbInfo, [0x00, 0xff, 0xff, 0x00], { bindingStatus: 'unbound', boundPortId: 255, boundLdId: 255 });
    vector(codecs.fmapiVppbInfo, [0x01, 0x00, 0x00, 0x00], { bindingStatus: 'bindOrUnbindInProgress', boundPortId: 0, boundLdId: 0 });
    vector(codecs.fmapiVppbInfo, [0x02, 0x04, 0xff, 0x00], { bindingStatus: 'boundPhysicalPort', boundPortId: 4, boundLdId: 255 });
    vector(codecs.fmapiVcsInfoBlock, [0x00, /* vcsId */ 0x01, /* enabled */ 0x00, /* uspId */ 0x04 /* numVppbs */], {
      vcsId: 0,
      vcsState: 'enabled',
      uspId: 0,
      numVppbs: 4,
    });
    vector(codecs.fmapiVcsInfoBlock, [0x09, 0xff, 0x00, 0x00], { vcsId: 9, vcsState: 'invalidVcsId', uspId: 0, numVppbs: 0 });
  });
  it('response keeps the nested blocks raw; the walk uses the request limits', () => {
    const payload = u8(
      0x02, // numVcs = 2
      0, 0, 0, // reserved
      // VCS 0: 4 vPPBs in total, request startVppb = 1, limit = 2 -> entries for vPPB 1 and 2
      0x00, 0x01, 0x00, 0x04, // vcsId 0, enabled, uspId 0, numVppbs 4
      0x02, 0x01, 0xff, 0x00, // vPPB 1: bound to physical port 1
      0x03, 0x02, 0x00, 0x00, // vPPB 2: bound to LD 0 of port 2
      // VCS 1: 1 vPPB in total -> 0 entries from startVppb 1
      0x01, 0x00, 0x05, 0x01, // vcsId 1, disabled, uspId 5, numVppbs 1
    );
    vector(codecs.fmapiGetVcsInfoRsp, payload, { numVcs: 2, vcsInfoList: payload.subarray(4) });
    expect(walkVcsInfo({ startVppb: 1, vppbListLimit: 2 }, payload)).toEqual({
      numVcs: 2,
      blocks: [
        {
          vcsId: 0,
          vcsState: 'enabled',
          uspId: 0,
          numVppbs: 4,
          vppbs: [
            { bindingStatus: 'boundPhysicalPort', boundPortId: 1, boundLdId: 255 },
            { bindingStatus: 'boundLd', boundPortId: 2, boundLdId: 0 },
          ],
        },
        { vcsId: 1, vcsState: 'disabled', uspId: 5, numVppbs: 1, vppbs: [] },
      ],
      trailing: 0,
    });
  });
  it('empty response', () => {
    vector(codecs.fmapiGetVcsInfoRsp, [0x00, 0, 0, 0], { numVcs: 0, vcsInfoList: u8() });
  });
});

describe('5201h / 5202h Bind / Unbind vPPB', () => {
  it('bind vPPB 1 of VCS 0 to LD 2 of port 3, and to a whole port (LD ID FFFFh)', () => {
    vector(
      codecs.fmapiBindVppbReq,
      [
        0x00, // vcsId
        0x01, // vppbId
        0x03, // portId
        0x00, // reserved
        ...le16(2), // ldId = 2
      ],
      { vcsId: 0, vppbId: 1, portId: 3, ldId: 2 },
    );
    vector(codecs.fmapiBindVppbReq, [0x00, 0x01, 0x03, 0x00, 0xff, 0xff], { vcsId: 0, vppbId: 1, portId: 3, ldId: 0xffff });
  });
  it('unbind options (bits 3:0)', () => {
    vector(codecs.fmapiUnbindVppbReq, [0x00, /* vcsId */ 0x01, /* vppbId */ 0x02 /* surprise hot-remove */], {
      vcsId: 0,
      vppbId: 1,
      option: { unbindOption: 'surpriseHotRemove' },
    });
    vector(codecs.fmapiUnbindVppbReq, [0x01, 0x00, 0x00], { vcsId: 1, vppbId: 0, option: { unbindOption: 'waitForLinkDown' } });
    vector(codecs.fmapiUnbindVppbReq, [0x01, 0x00, 0x01], { vcsId: 1, vppbId: 0, option: { unbindOption: 'managedHotRemove' } });
    decodeCanonical(codecs.fmapiUnbindVppbReq, [0xff, 0xff, 0xff], { vcsId: 255, vppbId: 255, option: { unbindOption: 15 } }, [0xff, 0xff, 0x0f]);
  });
});

// --- 53h MLD Port ----------------------------------------------------------------------------------

describe('5301h Send LD CXL.io Configuration Request', () => {
  it('read of register 10h of LD 1', () => {
    vector(
      codecs.fmapiSendLdCxlioConfigRequestReq,
      [
        0x02, // ppbId = 2
        0x10, // registerNumber = 10h
        0xf0, // extRegisterNumber = 0, firstDwordBe = Fh
        0x00, // read
        ...le16(1), // ldId = 1
        0x00, 0x00, // reserved
        ...le32(0), // transactionData
      ],
      { ppbId: 2, field1: { registerNumber: 0x10, extRegisterNumber: 0, firstDwordBe: 15, write: false }, ldId: 1, transactionData: 0 },
    );
    vector(codecs.fmapiSendLdCxlioConfigRequestRsp, le32(0x0d0d8086), { returnData: 0x0d0d8086 });
  });
});

describe('5302h Send LD CXL.io Memory Request (16-byte header, per spec)', () => {
  const header = (write: boolean, len: number) => [
    0x02, // portId = 2
    0x00, // bits 7:0 reserved
    0xf0, // bits 15:12 firstDwordBe = Fh
    write ? 0x8f : 0x0f, // bits 19:16 lastDwordBe = Fh, bit 23 write
    ...le16(1), // ldId = 1
    ...le16(len), // transactionLen
    ...le64(0x1000n), // transactionAddr = 1000h
  ];
  const fields = (write: boolean, len: number) => ({
    portId: 2,
    field1: { firstDwordBe: 15, lastDwordBe: 15, write },
    ldId: 1,
    transactionLen: len,
    transactionAddr: 0x1000n,
  });
  it('write of 8 bytes carries the data; read carries none', () => {
    const data = [1, 2, 3, 4, 5, 6, 7, 8];
    vector(codecs.fmapiSendLdCxlioMemRequestReq, [...header(true, 8), ...data], { ...fields(true, 8), transactionData: Uint8Array.from(data) });
    vector(codecs.fmapiSendLdCxlioMemRequestReq, header(false, 8), { ...fields(false, 8), transactionData: u8() });
    vector(codecs.fmapiSendLdCxlioMemRequestReq, [...header(true, 1), 0xaa], { ...fields(true, 1), transactionData: u8(0xaa) });
    const big = fill(4096, 0x5a);
    vector(codecs.fmapiSendLdCxlioMemRequestReq, [...header(true, 4096), ...big], { ...fields(true, 4096), transactionData: big });
  });
  it('LD ID sits at offset 4 and the address at 8 (libcxlmi puts them at 3 and 7)', () => {
    const b = codecs.fmapiSendLdCxlioMemRequestReq.encode({ portId: 0, ldId: 0xabcd, transactionLen: 0, transactionAddr: 0x1122334455667788n });
    expect(b.length).toBe(16);
    expect([...b.subarray(4, 6)]).toEqual([0xcd, 0xab]);
    expect([...b.subarray(8, 16)]).toEqual([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
  });
  it('more than 4 KiB of data is CODEC_BAD_COUNT at transactionData', () => {
    const e = codecError(() => codecs.fmapiSendLdCxlioMemRequestReq.decode(u8(...header(true, 4097), ...fill(4097, 0))));
    expect(e.code).toBe('CODEC_BAD_COUNT');
    expect(e.context.field).toBe('transactionData');
  });
  it('response: read data (0, 1, many bytes) or a write acknowledgement without data', () => {
    vector(codecs.fmapiSendLdCxlioMemRequestRsp, [...le16(8), 0, 0, 9, 8, 7, 6, 5, 4, 3, 2], { returnSize: 8, returnData: u8(9, 8, 7, 6, 5, 4, 3, 2) });
    vector(codecs.fmapiSendLdCxlioMemRequestRsp, [...le16(8), 0, 0], { returnSize: 8, returnData: u8() });
    vector(codecs.fmapiSendLdCxlioMemRequestRsp, [...le16(1), 0, 0, 0x42], { returnSize: 1, returnData: u8(0x42) });
  });
  it('a 15-byte header (libcxlmi layout) is CODEC_SHORT_BUFFER at transactionAddr', () => {
    const e = codecError(() => codecs.fmapiSendLdCxlioMemRequestReq.decode(fill(15, 0)));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('transactionAddr');
  });
});

// --- 54h MLD Component -----------------------------------------------------------------------------

describe('5400h Get LD Info', () => {
  it('16 GiB, 16 LDs, both QoS telemetry capabilities', () => {
    vector(
      codecs.fmapiGetLdInfoRsp,
      [
        ...le64(0x4_0000_0000n), // memorySize = 16 GiB
        ...le16(16), // ldCount
        0x03, // qosTelemetryCapability: egress congestion, temporary throughput reduction
      ],
      { memorySize: 0x4_0000_0000n, ldCount: 16, qosTelemetryCapability: { egressPortCongestion: true, temporaryThroughputReduction: true } },
    );
  });
  it('all ones', () => {
    decodeCanonical(
      codecs.fmapiGetLdInfoRsp,
      fill(11, 0xff),
      { memorySize: 0xffff_ffff_ffff_ffffn, ldCount: 0xffff, qosTelemetryCapability: { egressPortCongestion: true, temporaryThroughputReduction: true } },
      [...fill(10, 0xff), 0x03],
    );
  });
});

describe('5401h / 5402h LD allocations', () => {
  it('get request', () => {
    vector(codecs.fmapiGetLdAllocationsReq, [0x00, /* startLdId */ 0x04 /* ldAllocationListLimit */], { startLdId: 0, ldAllocationListLimit: 4 });
  });
  it('get response with 0, 1 and 4 entries; every granularity', () => {
    const entries = [ldAlloc(4n, 0n), ldAlloc(0n, 8n), ldAlloc(0xffff_ffff_ffff_ffffn, 1n), ldAlloc(2n, 2n)];
    for (const n of [0, 1, 4]) {
      vector(
        codecs.fmapiGetLdAllocationsRsp,
        [
          4, // numberLd = 4
          0x00, // memoryGranularity = 256 MiB
          0, // startLdId
          n, // ldAllocationListLen
          ...entries.slice(0, n).flatMap((e) => e.bytes),
        ],
        { numberLd: 4, memoryGranularity: 'mib256', startLdId: 0, ldAllocationListLen: n, ldAllocationList: entries.slice(0, n).map((e) => e.value) },
      );
    }
    expect(codecs.fmapiGetLdAllocationsRsp.decode(u8(1, 1, 0, 0)).memoryGranularity).toBe('mib512');
    expect(codecs.fmapiGetLdAllocationsRsp.decode(u8(1, 2, 0, 0)).memoryGranularity).toBe('gib1');
  });
  it('set request and response share the layout (0, 1, many)', () => {
    for (const c of [codecs.fmapiSetLdAllocationsReq, codecs.fmapiSetLdAllocationsRsp]) {
      for (const n of [0, 1, 3]) {
        const list = Array.from({ length: n }, (_, i) => ldAlloc(BigInt(i + 1), BigInt(2 * i)));
        vector(
          c,
          [
            n, // numberLd
            0x02, // startLdId = 2
            0, 0, // reserved
            ...list.flatMap((e) => e.bytes),
          ],
          { numberLd: n, startLdId: 2, ldAllocationList: list.map((e) => e.value) },
        );
      }
    }
  });
  it('a truncated allocation list is CODEC_SHORT_BUFFER at ldAllocationList', () => {
    const e = codecError(() => codecs.fmapiSetLdAllocationsRsp.decode(u8(2, 0, 0, 0, ...ldAlloc(1n, 1n).bytes, 0, 0)));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('ldAllocationList');
  });
});

describe('5403h-5405h QoS control and status', () => {
  const raw = [
    0x01, // qosTelemetryControl: egress port congestion enabled
    0x32, // egressModeratePercentage = 50
    0x5a, // egressSeverePercentage = 90
    0x08, // backpressureSampleInterval
    ...le16(0x1000), // recmpbasis
    0x0a, // completionCollectionInterval
  ];
  const value = {
    qosTelemetryControl: { egressPortCongestion: true, temporaryThroughputReduction: false },
    egressModeratePercentage: 50,
    egressSeverePercentage: 90,
    backpressureSampleInterval: 8,
    recmpbasis: 0x1000,
    completionCollectionInterval: 10,
  };
  it('get / set control share the 7-byte layout', () => {
    vector(codecs.fmapiGetQosControlRsp, raw, value);
    vector(codecs.fmapiSetQosControlReq, raw, value);
    vector(codecs.fmapiSetQosControlRsp, raw, value);
  });
  it('status', () => {
    vector(codecs.fmapiGetQosStatusRsp, [0x2d /* 45 % */], { backpressureAvgPercentage: 45 });
  });
});

describe('5406h-5409h QoS allocated bandwidth and limits (one byte per LD)', () => {
  it('get requests', () => {
    vector(codecs.fmapiGetQosAllocatedBwReq, [0x03, /* numberLd */ 0x01 /* startLdId */], { numberLd: 3, startLdId: 1 });
    vector(codecs.fmapiGetQosBwLimitReq, [0x10, 0x00], { numberLd: 16, startLdId: 0 });
  });
  const lists: [unknown, string][] = [
    [codecs.fmapiGetQosAllocatedBwRsp, 'qosAllocationFraction'],
    [codecs.fmapiSetQosAllocatedBwReq, 'qosAllocationFraction'],
    [codecs.fmapiSetQosAllocatedBwRsp, 'qosAllocationFraction'],
    [codecs.fmapiGetQosBwLimitRsp, 'qosLimitFraction'],
    [codecs.fmapiSetQosBwLimitReq, 'qosLimitFraction'],
    [codecs.fmapiSetQosBwLimitRsp, 'qosLimitFraction'],
  ];
  for (const [c, field] of lists) {
    it(`${any(c).name}: 0, 1 and 255 LDs from numberLd`, () => {
      vector(c, [0x00, 0x00], { numberLd: 0, startLdId: 0, [field]: u8() });
      vector(c, [0x01, /* numberLd */ 0x02, /* startLdId */ 0x80 /* LD 2: 128/256 */], { numberLd: 1, startLdId: 2, [field]: u8(0x80) });
      const many = Uint8Array.from({ length: 255 }, (_, i) => i);
      vector(c, [0xff, 0x00, ...many], { numberLd: 255, startLdId: 0, [field]: many });
      const e = codecError(() => any(c).decode(u8(3, 0, 1, 2)));
      expect(e.code).toBe('CODEC_SHORT_BUFFER');
      expect(e.context.field).toBe(field);
    });
  }
});

// --- 55h Multi-Headed Device -----------------------------------------------------------------------

describe('5500h Get Multi-Headed Info', () => {
  it('request', () => {
    vector(codecs.fmapiGetMultiheadedInfoReq, [0x00, /* startLdId */ 0x10 /* ldMapListLimit */], { startLdId: 0, ldMapListLimit: 16 });
  });
  it('LD map from its own length (0, 1, many)', () => {
    const make = (map: number[]) => [
      0x04, // numLds = 4
      0x02, // numHeads = 2
      0, 0, // reserved
      0x00, // startLdId
      map.length, // ldMapLen
      0, 0, // reserved
      ...map, // ldMap: head of each LD
    ];
    for (const map of [[], [1], [0, 1, 0, 1]]) {
      vector(codecs.fmapiGetMultiheadedInfoRsp, make(map), { numLds: 4, numHeads: 2, startLdId: 0, ldMapLen: map.length, ldMap: Uint8Array.from(map) });
    }
    const e = codecError(() => codecs.fmapiGetMultiheadedInfoRsp.decode(u8(...make([0, 1]).slice(0, 9))));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('ldMap');
  });
});

describe('5501h Get Head Info', () => {
  it('request', () => {
    vector(codecs.fmapiGetHeadInfoReq, [0x00, /* startHead */ 0x02 /* numHeads */], { startHead: 0, numHeads: 2 });
  });
  it('head block and all ones', () => {
    vector(codecs.fmapiGetHeadInfoBlkfmt, headBlock.bytes, headBlock.value);
    decodeCanonical(
      codecs.fmapiGetHeadInfoBlkfmt,
      fill(9, 0xff),
      {
        portNum: 255,
        field1: { maxLinkWidth: 63 },
        field2: { negotiatedLinkWidth: 63 },
        field3: { gt2p5: true, gt5: true, gt8: true, gt16: true, gt32: true, gt64: true },
        field4: { maxLinkSpeed: 63 },
        field5: { currentLinkSpeed: 63 },
        ltssmState: 255,
        firstNegotiatedLaneNum: 255,
        linkStateFlags: { laneReversed: true, perstAsserted: true, presencePin: true, powerControl: true },
      },
      [0xff, 0x3f, 0x3f, 0x3f, 0x3f, 0x3f, 0xff, 0xff, 0x0f],
    );
  });
  it('response with 0, 1 and 3 heads', () => {
    for (const n of [0, 1, 3]) {
      vector(
        codecs.fmapiGetHeadInfoRsp,
        [n, /* numHeads */ 0, 0, 0, /* reserved */ ...Array.from({ length: n }, () => headBlock.bytes).flat()],
        { numHeads: n, headInfoList: Array.from({ length: n }, () => headBlock.value) },
      );
    }
  });
});

// --- 56h DCD Management ----------------------------------------------------------------------------

describe('5600h Get DCD Info', () => {
  it('one host, two regions, prescriptive policies', () => {
    vector(
      codecs.fmapiGetDcdInfoRsp,
      [
        0x01, // numHosts
        0x02, // numSupportedDcRegions
        0, 0, // reserved
        ...le16(0x0004), // capacitySelectionPolicies: prescriptive
        0, 0, // reserved
        ...le16(0x0002), // capacityRemovalPolicies: prescriptive
        0x01, // sanitizeOnReleaseConfigMask: region 0
        0x00, // reserved
        ...le64(0x10n), // totalDynamicCapacity = 16 x 256 MiB
        ...le64(0x20_0000n), // region 0: 2 MiB blocks
        ...le64(0x1000_0000n), // region 1: 256 MiB blocks
        ...fill(48, 0), // regions 2-7
      ],
      {
        numHosts: 1,
        numSupportedDcRegions: 2,
        capacitySelectionPolicies: { free: false, contiguous: false, prescriptive: true, enableSharedAccess: false },
        capacityRemovalPolicies: { tagBased: false, prescriptive: true },
        sanitizeOnReleaseConfigMask: {
          region0: true,
          region1: false,
          region2: false,
          region3: false,
          region4: false,
          region5: false,
          region6: false,
          region7: false,
        },
        totalDynamicCapacity: 0x10n,
        region0SupportedBlkSzMask: 0x20_0000n,
        region1SupportedBlkSzMask: 0x1000_0000n,
        region2SupportedBlkSzMask: 0n,
        region3SupportedBlkSzMask: 0n,
        region4SupportedBlkSzMask: 0n,
        region5SupportedBlkSzMask: 0n,
        region6SupportedBlkSzMask: 0n,
        region7SupportedBlkSzMask: 0n,
      },
    );
  });
  it('all ones: reserved bytes and policy bits beyond the defined ones are dropped', () => {
    const canonical = [0xff, 0xff, 0, 0, 0x0f, 0x00, 0, 0, 0x03, 0x00, 0xff, 0x00, ...fill(72, 0xff)];
    const v = codecs.fmapiGetDcdInfoRsp.decode(fill(84, 0xff));
    expect(v.region7SupportedBlkSzMask).toBe(0xffff_ffff_ffff_ffffn);
    expect(v.sanitizeOnReleaseConfigMask.region7).toBe(true);
    expect(codecs.fmapiGetDcdInfoRsp.encode(v)).toEqual(Uint8Array.from(canonical));
  });
});

describe('5601h Get Host DC Region Configuration', () => {
  it('request', () => {
    vector(codecs.fmapiGetHostDcRegionConfigReq, [...le16(0), /* hostId */ 0x08, /* regionCnt */ 0x00 /* startRegionId */], {
      hostId: 0,
      regionCnt: 8,
      startRegionId: 0,
    });
  });
  it('region entry', () => {
    vector(codecs.fmapiDcRegionConfig, regionConfig.bytes, regionConfig.value);
  });
  it('regions from regionsReturned (0, 1, 8), then the trailer right after them', () => {
    const trailer = [
      ...le32(0x200), // numExtentsSupported
      ...le32(0x1ff), // numExtentsAvailable
      ...le32(4), // numTagsSupported
      ...le32(3), // numTagsAvailable
    ];
    for (const n of [0, 1, 8]) {
      const payload = u8(
        ...le16(1), // hostId = 1
        0x08, // numRegions = 8
        n, // regionsReturned
        ...Array.from({ length: n }, () => regionConfig.bytes).flat(),
        ...trailer,
      );
      const rsp = codecs.fmapiGetHostDcRegionConfigRsp.decode(payload);
      expect(rsp).toEqual(withDerived(codecs.fmapiGetHostDcRegionConfigRsp.def, {
        hostId: 1,
        numRegions: 8,
        regionsReturned: n,
        regionConfigs: Array.from({ length: n }, () => regionConfig.value),
        numExtentsSupported: 0x200,
        numExtentsAvailable: 0x1ff,
        numTagsSupported: 4,
        numTagsAvailable: 3,
      }));
      expect(codecs.fmapiGetHostDcRegionConfigRsp.sizeOf(rsp)).toBe(4 + 40 * n + 16);
      expect(codecs.fmapiGetHostDcRegionConfigRsp.encode(rsp)).toEqual(payload);
    }
  });
  it('more than 8 regions is CODEC_BAD_COUNT at regionConfigs', () => {
    const e = codecError(() => codecs.fmapiGetHostDcRegionConfigRsp.decode(u8(0, 0, 9, 9, ...fill(9 * 40 + 16, 0))));
    expect(e.code).toBe('CODEC_BAD_COUNT');
    expect(e.context.field).toBe('regionConfigs');
  });
  it('a reply cut inside the region list is CODEC_SHORT_BUFFER at regionConfigs', () => {
    const e = codecError(() => codecs.fmapiGetHostDcRegionConfigRsp.decode(u8(0, 0, 2, 2, ...regionConfig.bytes, ...fill(16, 0))));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('regionConfigs');
  });
});

describe('5602h Set DC Region Configuration', () => {
  it('region 1, 2 MiB blocks, sanitize on release', () => {
    vector(
      codecs.fmapiSetDcRegionConfigReq,
      [
        0x01, // regionId
        0, 0, 0, // reserved
        ...le64(0x20_0000n), // blockSz = 2 MiB
        0x01, // sanitizeOnRelease
        0, 0, 0, // reserved
      ],
      { regionId: 1, blockSz: 0x20_0000n, sanitizeOnRelease: { enabled: true } },
    );
  });
});

describe('5603h Get DC Region Extent Lists', () => {
  it('request', () => {
    vector(
      codecs.fmapiGetDcRegionExtListReq,
      [...le16(0), /* hostId */ 0, 0, /* reserved */ ...le32(16), /* extentCount */ ...le32(2) /* startExtIndex */],
      { hostId: 0, extentCount: 16, startExtIndex: 2 },
    );
  });
  it('extent entry', () => {
    const x = extent(0x1000_0000n, 0x20_0000n, 7);
    vector(codecs.fmapiDcExtent, x.bytes, x.value);
  });
  it('response with 0, 1 and 5 extents', () => {
    for (const n of [0, 1, 5]) {
      const list = Array.from({ length: n }, (_, i) => extent(BigInt(i) * 0x20_0000n, 0x20_0000n, i));
      vector(
        codecs.fmapiGetDcRegionExtListRsp,
        [
          ...le16(0), // hostId
          0, 0, // reserved
          ...le32(0), // startExtIndex
          ...le32(n), // extentsReturned
          ...le32(9), // totalExtents
          ...le32(3), // listGenerationNum
          0, 0, 0, 0, // reserved
          ...list.flatMap((e) => e.bytes),
        ],
        { hostId: 0, startExtIndex: 0, extentsReturned: n, totalExtents: 9, listGenerationNum: 3, extents: list.map((e) => e.value) },
      );
    }
  });
  it('an extent count of FFFFFFFFh with no extents is CODEC_SHORT_BUFFER at extents', () => {
    const e = codecError(() => codecs.fmapiGetDcRegionExtListRsp.decode(u8(0, 0, 0, 0, 0, 0, 0, 0, ...le32(0xffffffff), ...fill(12, 0))));
    expect(e.code).toBe('CODEC_SHORT_BUFFER');
    expect(e.context.field).toBe('extents');
  });
});

describe('5604h / 5605h Initiate Dynamic Capacity Add / Release', () => {
  const common = (flagsByte: number, n: number) => [
    ...le16(2), // hostId = 2
    flagsByte, // selection policy (add) / flags (release)
    0x00, // regionNum (add) / reserved (release)
    ...le64(0x4000_0000n), // length = 1 GiB
    ...UUID_BYTES, // tag
    ...le32(n), // extCount
  ];
  it('add: prescriptive with 0, 1, 3 extents', () => {
    for (const n of [0, 1, 3]) {
      const list = Array.from({ length: n }, (_, i) => extent(BigInt(i) * 0x1000_0000n, 0x1000_0000n, 0));
      vector(codecs.fmapiInitiateDcAddReq, [...common(0x02, n), ...list.flatMap((e) => e.bytes)], {
        hostId: 2,
        selectionPolicy: { policy: 'prescriptive' },
        regionNum: 0,
        length: 0x4000_0000n,
        tag: UUID,
        extCount: n,
        extents: list.map((e) => e.value),
      });
    }
    for (const [v, name] of [
      [0, 'free'],
      [1, 'contiguous'],
      [3, 'enableSharedAccess'],
    ] as const) {
      expect(codecs.fmapiInitiateDcAddReq.decode(u8(...common(v, 0))).selectionPolicy.policy).toBe(name);
    }
  });
  it('release: prescriptive, forced, sanitize', () => {
    const x = extent(0n, 0x1000_0000n, 0);
    vector(
      codecs.fmapiInitiateDcReleaseReq,
      [...common(0x31 /* policy 1 prescriptive | bit 4 forced | bit 5 sanitize */, 1), ...x.bytes],
      {
        hostId: 2,
        flags: { removalPolicy: 'prescriptive', forcedRemoval: true, sanitizeOnRelease: true },
        length: 0x4000_0000n,
        tag: UUID,
        extCount: 1,
        extents: [x.value],
      },
    );
    vector(codecs.fmapiInitiateDcReleaseReq, common(0x00 /* tag-based */, 0), {
      hostId: 2,
      flags: { removalPolicy: 'tagBased', forcedRemoval: false, sanitizeOnRelease: false },
      length: 0x4000_0000n,
      tag: UUID,
      extCount: 0,
      extents: [],
    });
  });
  it('encoding derives extCount from the list', () => {
    const x = extent(0n, 1n, 0);
    const b = codecs.fmapiInitiateDcAddReq.encode({ hostId: 0, tag: ZERO_UUID, extents: [x.value, x.value] });
    expect(b.length).toBe(32 + 80);
    expect([...b.subarray(28, 32)]).toEqual(le32(2));
  });
});

describe('5606h-5608h DC references and tags (CXL r3.2)', () => {
  it('add / remove reference', () => {
    vector(codecs.fmapiDcAddRefReq, UUID_BYTES, { tag: UUID });
    vector(codecs.fmapiDcRemoveRefReq, UUID_BYTES, { tag: UUID });
  });
  it('list tags request and 84-byte tag entries (0, 1, many)', () => {
    vector(codecs.fmapiDcListTagsReq, [...le32(0), /* startIdx */ ...le32(16) /* tagsCount */], { startIdx: 0, tagsCount: 16 });
    vector(codecs.fmapiDcTagInfo, tagInfo.bytes, tagInfo.value);
    for (const n of [0, 1, 4]) {
      vector(
        codecs.fmapiDcListTagsRsp,
        [
          ...le32(1), // generationNum
          ...le32(4), // totalNumTags
          ...le32(n), // numTagsReturned
          0x01, // validityBitmap
          0, 0, 0, // reserved
          ...Array.from({ length: n }, () => tagInfo.bytes).flat(),
        ],
        { generationNum: 1, totalNumTags: 4, numTagsReturned: n, validityBitmap: 1, tagsList: Array.from({ length: n }, () => tagInfo.value) },
      );
    }
  });
});

// --- every command ---------------------------------------------------------------------------------

describe('FM-API command rows', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const commandsTsv = join(here, '../../../shared/reference/cxl-commands.tsv');

  it('one row per libcxlmi FM-API function, opcodes 51xxh-56xxh, no duplicates', () => {
    expect(fm.commands).toHaveLength(34);
    expect(new Set(fm.commands.map((c) => c.opcode)).size).toBe(34);
    for (const c of fm.commands) {
      expect(c.opcode >> 8).toBeGreaterThanOrEqual(0x51);
      expect(c.opcode >> 8).toBeLessThanOrEqual(0x56);
      expect(Object.keys(fm.fmapiCommandSets).map(Number)).toContain(c.opcode >> 8);
      expect(c.cName).toBe(`cxlmi_cmd_${c.name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`);
      expect(cxlCommands as readonly unknown[]).toContain(c);
    }
  });

  it.runIf(existsSync(commandsTsv))('matches ../shared/reference/cxl-commands.tsv (functions, opcodes, struct names)', () => {
    const rows = new Map<string, string[]>();
    for (const line of readFileSync(commandsTsv, 'utf8').split('\n').slice(1)) {
      const cols = line.split('\t');
      if (cols[0]?.startsWith('cxlmi_cmd_fmapi_')) rows.set(cols[0], cols);
    }
    expect(rows.size).toBe(34);
    for (const [fn, cols] of rows) {
      const row = fm.commands.find((c) => c.cName === fn);
      expect(row, fn).toBeDefined();
      expect(row!.opcode, fn).toBe(Number.parseInt(cols[1]!, 16));
      const req = 'request' in row! ? row.request : undefined;
      const rsp = 'response' in row! ? row.response : undefined;
      expect(req?.cName ?? '-', fn).toBe(cols[3]);
      expect(rsp?.cName ?? '-', fn).toBe(cols[5]);
    }
  });

  it('background and destructive flags', () => {
    const bg = fm.commands.filter((c) => 'background' in c && c.background).map((c) => c.name);
    expect(bg.sort()).toEqual(['fmapiBindVppb', 'fmapiUnbindVppb']);
    const destructive = fm.commands.filter((c) => 'destructive' in c && c.destructive).map((c) => c.name);
    expect(destructive.sort()).toEqual(['fmapiInitiateDcRelease', 'fmapiSetLdAllocations']);
  });

  it('property: the variable lists round-trip for any length', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 255 }), fc.integer({ min: 0, max: 255 }), (ports, start) => {
        const v = { startVppb: start, vppbListLimit: 1, numVcs: ports.length, vcsIdList: Uint8Array.from(ports) };
        const b = codecs.fmapiGetVcsInfoReq.encode(v);
        expect(b.length).toBe(3 + ports.length);
        expect(codecs.fmapiGetVcsInfoReq.decode(b)).toEqual(v);
      }),
    );
  });
});

// Every layout is checked against libcxlmi's headers, with its defects listed, in
// test/structs/reference-layouts.test.ts (departures in ./layout-departures.ts).

describe('Get Host DC Region Configuration shares the Get DC Configuration trailer', () => {
  it('the trailer follows the returned regions, at the spec positions', () => {
    // The trailer's spec positions: right after the returned regions (the counters Get DC Configuration shares).
    expect(fm.fmapiGetHostDcRegionConfigRsp.fields.at(-1)).toMatchObject({ type: 'trailer', struct: { name: 'memdevGetDcConfigRspTrailer' } });
    expect(memdevGetDcConfigRspTrailer.fields.map((f) => [f.name, f.offset])).toEqual([
      ['numExtentsSupported', 0],
      ['numExtentsAvailable', 4],
      ['numTagsSupported', 8],
      ['numTagsAvailable', 12],
    ]);
  });
});
