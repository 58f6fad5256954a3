/**
 * Endpoint over a ScriptedTransport: typed methods, the Identify probe, FIFO queueing with tags,
 * timeouts, abort, close / Symbol.asyncDispose, FM-API routing, tunnels, background operations and
 * chunked reads.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BackgroundOperation } from '../../../src/api/cxl/background.js';
import { Endpoint } from '../../../src/api/cxl/endpoint.js';
import { respondTo, ScriptedTransport } from '../../../src/api/cxl/scripted-transport.js';
import { CxlCommandError, CxlNvmeError } from '../../../src/errors.js';
import { encodeBackgroundStatus } from '../../../src/protocol/cxl/background.js';
import { decodeMessage, encodeMessage } from '../../../src/protocol/cxl/messages.js';
import { encodeTunnelResponse, unwrapTunnelRequest } from '../../../src/protocol/cxl/tunnel.js';
import { codecs, type MemdevGetHealthInfoRsp } from '../../../src/structs/index.js';

const u8 = (...b: number[]) => new Uint8Array(b);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const opcodeOf = (req: Uint8Array) => decodeMessage(req).opcode;
const isOp = (op: number) => (req: Uint8Array) => opcodeOf(req) === op;

const identifyPayload = (type: number) => codecs.identifyRsp.encode({ vendorId: 0x8086, deviceId: 1, serialNum: 7n, maxMsgSize: 12, componentType: type });
const healthPayload = new Uint8Array(18);
healthPayload[2] = 0x55; // life used (byte 2) - any bytes decode

async function rejection(p: Promise<unknown>): Promise<CxlNvmeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CxlNvmeError);
    return e as CxlNvmeError;
  }
  throw new Error('expected a rejection');
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const status = (inProgress: boolean, percentComplete: number, opcode: number, returnCode = 0) =>
  encodeBackgroundStatus({ inProgress, percentComplete, opcode, returnCode, vendorExtStatus: 0 });

describe('Endpoint.open and the Identify probe', () => {
  it('probes with Identify (0001h) on the CCI channel and learns the component type', async () => {
    const t = new ScriptedTransport().expect(u8(0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0), (r) => respondTo(r, { payload: identifyPayload(0) }), {
      fmApi: false,
    });
    const ep = await Endpoint.open(t);
    expect(ep.componentType).toBe('switch');
    expect(ep.identity).toMatchObject({ vendorId: 0x8086, serialNum: 7n });
    t.assertDone();
  });

  it('sends nothing with probe: false', async () => {
    const t = new ScriptedTransport();
    const ep = await Endpoint.open(t, { probe: false });
    expect(ep.componentType).toBeUndefined();
    expect(t.sent).toHaveLength(0);
  });

  it('leaves the type unknown when the device answers Unsupported (QEMU Type 3 mailbox)', async () => {
    const t = new ScriptedTransport().any((r) => respondTo(r, { returnCode: 0x03 }));
    const ep = await Endpoint.open(t);
    expect(ep.componentType).toBeUndefined();
  });

  it('rejects and closes the transport on a transport failure during the probe', async () => {
    const t = new ScriptedTransport().any(new CxlNvmeError('TRANSPORT_PROTOCOL', 'broken'));
    expect((await rejection(Endpoint.open(t))).code).toBe('TRANSPORT_PROTOCOL');
    expect(t.isClosed).toBe(true);
  });
});

describe('typed command methods', () => {
  it('sends the table opcode and decodes the reply', async () => {
    const t = new ScriptedTransport().expect(u8(0, 0, 0, 0x00, 0x42, 0, 0, 0, 0, 0, 0, 0), (r) => respondTo(r, { payload: healthPayload }));
    const ep = await Endpoint.open(t, { probe: false });
    const h = await ep.memdevGetHealthInfo();
    expectTypeOf(h).toEqualTypeOf<MemdevGetHealthInfoRsp>();
    expect(h).toEqual(codecs.memdevGetHealthInfoRsp.decode(healthPayload));
  });

  it('encodes request fields (getLog) and returns the raw log bytes', async () => {
    const uuid = '0da9c0b5-bf41-4b78-8f79-96b1623b3f17';
    const t = new ScriptedTransport().any((r) => {
      const m = decodeMessage(r);
      expect(m.opcode).toBe(0x0401);
      expect(codecs.getLogReq.decode(m.payload)).toEqual({ uuid, offset: 16, length: 4 });
      return respondTo(r, { payload: u8(1, 2, 3, 4) });
    });
    const ep = await Endpoint.open(t, { probe: false });
    const log = await ep.getLog({ uuid, offset: 16, length: 4 });
    expect(log.data).toEqual(u8(1, 2, 3, 4));
  });

  it('surfaces device errors as CxlCommandError', async () => {
    const t = new ScriptedTransport().any((r) => respondTo(r, { returnCode: 0x13, vendorExtStatus: 0x77 }));
    const ep = await Endpoint.open(t, { probe: false });
    const e = (await rejection(ep.memdevGetSecurityState())) as CxlCommandError;
    expect(e).toBeInstanceOf(CxlCommandError);
    expect(e.returnCodeName).toBe('invalidSecurityState');
    expect(e.commandName).toBe('memdevGetSecurityState');
    expect(e.vendorExtendedStatus).toBe(0x77);
  });

  it('routes FM-API command sets 51h-56h with fmApi: true, others without', async () => {
    const ldInfo = codecs.fmapiGetLdInfoRsp.encode({});
    const t = new ScriptedTransport()
      .expect(isOp(0x5400), (r) => respondTo(r, { payload: ldInfo }), { fmApi: true })
      .expect(isOp(0x4200), (r) => respondTo(r, { payload: healthPayload }), { fmApi: false });
    const ep = await Endpoint.open(t, { probe: false });
    await ep.fmapiGetLdInfo();
    await ep.memdevGetHealthInfo();
    expect(t.sent.map((s) => s.fmApi)).toEqual([true, false]);
  });

  it('sends vendor-specific opcodes with raw payloads', async () => {
    const t = new ScriptedTransport().expect(u8(0, 0, 0, 0x34, 0xc1, 2, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb), (r) => respondTo(r, { payload: u8(9) }));
    const ep = await Endpoint.open(t, { probe: false });
    expect(await ep.vendorCommand(0xc134, u8(0xaa, 0xbb))).toEqual(u8(9));
    expect((await rejection(ep.vendorCommand(0x4000))).code).toBe('USAGE');
  });

  it('fails with TRANSPORT_REPLAY_MISMATCH on an unexpected request', async () => {
    const t = new ScriptedTransport().expect(isOp(0x4000), (r) => respondTo(r), { label: 'memdevIdentify' });
    const ep = await Endpoint.open(t, { probe: false });
    const e = await rejection(ep.memdevGetHealthInfo());
    expect(e.code).toBe('TRANSPORT_REPLAY_MISMATCH');
    expect(e.message).toContain('memdevIdentify');
    expect((await rejection(ep.memdevGetHealthInfo())).code).toBe('TRANSPORT_REPLAY_MISMATCH');
  });
});

describe('one command in flight, FIFO, tags incrementing', () => {
  it('queues calls in order and never overlaps them', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    let n = 0;
    const t = new ScriptedTransport();
    for (let i = 0; i < 3; i++) {
      t.any(async (r) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await gates[n++]!.promise;
        inFlight--;
        return respondTo(r, { payload: opcodeOf(r) === 0x4200 ? healthPayload : new Uint8Array(0) });
      });
    }
    const ep = await Endpoint.open(t, { probe: false, firstTag: 0xfe });
    const order: string[] = [];
    const a = ep.memdevGetHealthInfo().then(() => order.push('a'));
    const b = ep.memdevFreezeSecurityState().then(() => order.push('b'));
    const c = ep.memdevGetHealthInfo().then(() => order.push('c'));
    await new Promise((r) => setTimeout(r, 5));
    expect(t.sent).toHaveLength(1);
    gates[0]!.resolve();
    gates[1]!.resolve();
    gates[2]!.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(maxInFlight).toBe(1);
    expect(t.sent.map((s) => decodeMessage(s.request).tag)).toEqual([0xfe, 0xff, 0x00]);
    expect(t.sent.map((s) => opcodeOf(s.request))).toEqual([0x4200, 0x4504, 0x4200]);
  });
});

describe('timeouts and abort', () => {
  it('times out a call and goes on with the next', async () => {
    const t = new ScriptedTransport().any({ hang: true }).any((r) => respondTo(r, { payload: healthPayload }));
    const ep = await Endpoint.open(t, { probe: false });
    const slow = ep.memdevGetHealthInfo({ timeoutMs: 20 });
    const next = ep.memdevGetHealthInfo();
    expect((await rejection(slow)).code).toBe('TRANSPORT_TIMEOUT');
    await expect(next).resolves.toBeDefined();
  });

  it('applies the endpoint default timeout', async () => {
    const t = new ScriptedTransport().any({ hang: true });
    const ep = await Endpoint.open(t, { probe: false, timeoutMs: 15 });
    expect((await rejection(ep.memdevGetHealthInfo())).code).toBe('TRANSPORT_TIMEOUT');
    expect(t.sent[0]!.timeoutMs).toBe(15);
  });

  it('aborts in flight and while queued; a queued call aborted is never sent', async () => {
    const t = new ScriptedTransport().any({ hang: true }).any((r) => respondTo(r, { payload: healthPayload }));
    const ep = await Endpoint.open(t, { probe: false });
    const c1 = new AbortController();
    const c2 = new AbortController();
    const first = ep.memdevGetHealthInfo({ signal: c1.signal });
    const queued = ep.memdevGetHealthInfo({ signal: c2.signal });
    const third = ep.memdevGetHealthInfo();
    c2.abort();
    expect((await rejection(queued)).code).toBe('TRANSPORT_ABORTED');
    c1.abort();
    expect((await rejection(first)).code).toBe('TRANSPORT_ABORTED');
    await expect(third).resolves.toBeDefined();
    expect(t.sent).toHaveLength(2);
    const pre = new AbortController();
    pre.abort();
    expect((await rejection(ep.memdevGetHealthInfo({ signal: pre.signal }))).code).toBe('TRANSPORT_ABORTED');
    expect(t.sent).toHaveLength(2);
  });
});

describe('close and Symbol.asyncDispose', () => {
  it('rejects the call in flight, queued calls and later calls with TRANSPORT_CLOSED', async () => {
    const t = new ScriptedTransport().any({ hang: true });
    const ep = await Endpoint.open(t, { probe: false });
    const inFlight = ep.memdevGetHealthInfo();
    const queued = ep.memdevGetHealthInfo();
    await new Promise((r) => setTimeout(r, 1));
    await ep.close();
    expect((await rejection(inFlight)).code).toBe('TRANSPORT_CLOSED');
    expect((await rejection(queued)).code).toBe('TRANSPORT_CLOSED');
    expect((await rejection(ep.memdevGetHealthInfo())).code).toBe('TRANSPORT_CLOSED');
    expect(t.sent).toHaveLength(1);
    expect(t.isClosed).toBe(true);
    expect(ep.closed).toBe(true);
    await ep.close(); // idempotent
  });

  it('closes on asyncDispose (await using)', async () => {
    const t = new ScriptedTransport();
    {
      await using ep = await Endpoint.open(t, { probe: false });
      expect(ep.closed).toBe(false);
    }
    expect(t.isClosed).toBe(true);
    const ep2 = await Endpoint.open(new ScriptedTransport(), { probe: false });
    await ep2[Symbol.asyncDispose]();
    expect(ep2.closed).toBe(true);
  });
});

describe('tunnels', () => {
  it('sends through switch port then LD with fmApi: true and returns the inner reply', async () => {
    const idPayload = new Uint8Array(69);
    const t = new ScriptedTransport().any((r, opts) => {
      expect(opts.fmApi).toBe(true);
      const [outer, mid, inner] = unwrapTunnelRequest({ port: 2, ld: 1 }, r);
      const innerReq = encodeMessage({ category: 'request', tag: inner!.tag, opcode: inner!.opcode });
      const innerRsp = respondTo(innerReq, { payload: idPayload });
      const level1 = encodeTunnelResponse(encodeMessage({ category: 'request', tag: mid!.tag, opcode: 0x5300 }), innerRsp);
      return encodeTunnelResponse(encodeMessage({ category: 'request', tag: outer!.tag, opcode: 0x5300 }), level1);
    });
    const ep = await Endpoint.open(t, { probe: false });
    const ld = ep.tunnel({ port: 2, ld: 1 });
    expect(ld.path).toBe('port 2 > ld 1');
    const id = await ld.memdevIdentify();
    expect(id).toEqual(codecs.memdevIdentifyRsp.decode(idPayload));
    expect(hex(t.sent[0]!.request)).toBe(
      [
        '00 01 00 00 53 20 00 00 00 00 00 00', // outer 5300h, tag 1
        '02 00 1c 00', // port 2, type 0, 28 bytes
        '00 02 00 00 53 10 00 00 00 00 00 00', // inner 5300h, tag 2
        '01 00 0c 00', // LD 1, type 0, 12 bytes
        '00 00 00 00 40 00 00 00 00 00 00 00', // Identify Memory Device, tag 0
      ].join(' '),
    );
  });

  it('reports an inner command failure as CxlCommandError of the inner command, with the path', async () => {
    const t = new ScriptedTransport().any((r) => {
      const [outer, inner] = unwrapTunnelRequest({ mhd: true }, r);
      const innerRsp = encodeMessage({ category: 'response', tag: inner!.tag, opcode: inner!.opcode, returnCode: 0x15 });
      return encodeTunnelResponse(encodeMessage({ category: 'request', tag: outer!.tag, opcode: 0x5300 }), innerRsp);
    });
    const ep = await Endpoint.open(t, { probe: false });
    const e = (await rejection(ep.tunnel({ mhd: true }).fmapiGetLdInfo())) as CxlCommandError;
    expect(e.commandName).toBe('fmapiGetLdInfo');
    expect(e.returnCodeName).toBe('unsupportedMailboxOrCci');
    expect(e.context.tunnel).toBe('ld pool');
    expect(hex(t.sent[0]!.request.subarray(12, 16))).toBe('00 01 0c 00'); // LD Pool CCI, target type 1
  });

  it('checks the path against the probed component type', async () => {
    const t = new ScriptedTransport().any((r) => respondTo(r, { payload: identifyPayload(0) }));
    const sw = await Endpoint.open(t);
    expect(() => sw.tunnel({ ld: 1 })).toThrow(CxlNvmeError);
    expect(sw.tunnel({ port: 1 }).hops).toEqual([{ kind: 'port', port: 1 }]);
    const t3 = await Endpoint.open(new ScriptedTransport().any((r) => respondTo(r, { payload: identifyPayload(3) })));
    expect(() => t3.tunnel({ port: 1 })).toThrow(CxlNvmeError);
    expect(t3.tunnel({ ld: 0 }).tunnel({ ld: 1 }).hops).toHaveLength(2);
  });
});

describe('background operations', () => {
  const scanReq = { scanMediaPhysaddr: 0n, scanMediaPhysaddrLength: 16n, scanMediaFlags: { noEventLog: false } };

  function bgScript(statuses: Uint8Array[], extra?: (t: ScriptedTransport) => void) {
    const t = new ScriptedTransport().expect(isOp(0x4304), (r) => respondTo(r, { returnCode: 0x01, bo: true }));
    extra?.(t);
    for (const s of statuses) t.expect(isOp(0x0002), (r) => respondTo(r, { payload: s }));
    return t;
  }

  it('reports progress, then finishes with return code 0', async () => {
    const t = bgScript([status(true, 30, 0x4304), status(true, 70, 0x4304), status(false, 100, 0x4304, 0)]);
    const ep = await Endpoint.open(t, { probe: false });
    const seen: number[] = [];
    const op = await ep.memdevScanMedia(scanReq, { pollIntervalMs: 1, onProgress: (p) => seen.push(p.percentComplete) });
    expect(op).toBeInstanceOf(BackgroundOperation);
    expectTypeOf(op).toMatchTypeOf<BackgroundOperation<undefined>>();
    const iterated: number[] = [];
    for await (const p of op) iterated.push(p.percentComplete);
    const r = await op.done;
    expect(r).toMatchObject({ returnCode: 0, returnCodeName: 'success', immediate: false });
    expect(seen).toEqual([30, 70, 100]);
    expect(iterated).toEqual([30, 70, 100]);
    expect(op.finished).toBe(true);
    t.assertDone();
  });

  it('fails with the final return code as a CxlCommandError of the background command', async () => {
    const t = bgScript([status(true, 50, 0x4304), status(false, 100, 0x4304, 0x11)]);
    const ep = await Endpoint.open(t, { probe: false });
    const op = await ep.memdevScanMedia(scanReq, { pollIntervalMs: 1 });
    const e = (await rejection(op.done)) as CxlCommandError;
    expect(e).toBeInstanceOf(CxlCommandError);
    expect(e.returnCodeName).toBe('permanentMediaFailure');
    expect(e.opcode).toBe(0x4304);
    expect(e.commandName).toBe('memdevScanMedia');
    await expect(async () => {
      for await (const _ of op) {
        // drain
      }
    }).rejects.toBe(e);
  });

  it('on abort sends Request Abort Background Operation (0005h) and reports Aborted', async () => {
    const controller = new AbortController();
    const t = new ScriptedTransport()
      .expect(isOp(0x4304), (r) => respondTo(r, { returnCode: 0x01 }))
      .expect(isOp(0x0002), (r) => {
        queueMicrotask(() => controller.abort());
        return respondTo(r, { payload: status(true, 10, 0x4304) });
      })
      .expect(isOp(0x0005), (r) => respondTo(r))
      .expect(isOp(0x0002), (r) => respondTo(r, { payload: status(false, 10, 0x4304, 0x12) }));
    const ep = await Endpoint.open(t, { probe: false });
    const op = await ep.memdevScanMedia(scanReq, { pollIntervalMs: 1, signal: controller.signal });
    const e = (await rejection(op.done)) as CxlCommandError;
    expect(e.returnCodeName).toBe('aborted');
    expect(t.sent.map((s) => opcodeOf(s.request))).toEqual([0x4304, 0x0002, 0x0005, 0x0002]);
    t.assertDone();
  });

  it('rejects when the device refuses the abort (20h)', async () => {
    const t = bgScript([]).expect(isOp(0x0005), (r) => respondTo(r, { returnCode: 0x20 }));
    const ep = await Endpoint.open(t, { probe: false });
    const op = await ep.memdevScanMedia(scanReq, { pollIntervalMs: 10_000 });
    const e = (await rejection(op.abort())) as CxlCommandError;
    expect(e.returnCodeName).toBe('requestAbortNotSupported');
    expect(await rejection(op.done)).toBe(e);
  });

  it('finishes at once when the device completes the command immediately', async () => {
    const t = new ScriptedTransport().any((r) => respondTo(r));
    const ep = await Endpoint.open(t, { probe: false });
    const op = await ep.memdevSanitize();
    expect(op.finished).toBe(true);
    await expect(op.done).resolves.toMatchObject({ returnCode: 0, immediate: true });
  });

  it('startBackground works for any command and polls through a tunnel', async () => {
    const t = new ScriptedTransport();
    const wrap = (r: Uint8Array, innerRsp: (inner: Uint8Array) => Uint8Array) => {
      const [outer, inner] = unwrapTunnelRequest({ ld: 3 }, r);
      const innerReq = encodeMessage({ category: 'request', tag: inner!.tag, opcode: inner!.opcode });
      return encodeTunnelResponse(encodeMessage({ category: 'request', tag: outer!.tag, opcode: 0x5300 }), innerRsp(innerReq));
    };
    t.any((r) => wrap(r, (i) => respondTo(i, { returnCode: 0x01 })));
    t.any((r) => wrap(r, (i) => respondTo(i, { payload: status(false, 100, 0x4400, 0) })));
    const ep = await Endpoint.open(t, { probe: false });
    const op = await ep.tunnel({ ld: 3 }).startBackground('memdevSanitize', undefined, { pollIntervalMs: 1 });
    await expect(op.done).resolves.toMatchObject({ returnCode: 0 });
    expect(t.sent.every((s) => s.fmApi)).toBe(true);
  });

  it('fails the operation when the endpoint closes', async () => {
    const t = bgScript([]);
    const ep = await Endpoint.open(t, { probe: false });
    const op = await ep.memdevScanMedia(scanReq, { pollIntervalMs: 10_000 });
    await ep.close();
    expect((await rejection(op.done)).code).toBe('TRANSPORT_CLOSED');
  });

  it('a non-background command that answers 01h is reported', async () => {
    const t = new ScriptedTransport().any((r) => respondTo(r, { returnCode: 0x01 }));
    const ep = await Endpoint.open(t, { probe: false });
    expect((await rejection(ep.memdevGetHealthInfo())).code).toBe('CXL_BACKGROUND');
  });
});

describe('long reads', () => {
  it('readLog splits into chunks of the transport maxPayload', async () => {
    const uuid = '0da9c0b5-bf41-4b78-8f79-96b1623b3f17';
    const log = Uint8Array.from({ length: 20 }, (_, i) => i);
    const t = new ScriptedTransport({ maxPayload: 8 });
    const asked: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
      t.any((r) => {
        const q = codecs.getLogReq.decode(decodeMessage(r).payload);
        asked.push([q.offset, q.length]);
        return respondTo(r, { payload: log.slice(q.offset, q.offset + q.length) });
      });
    }
    const ep = await Endpoint.open(t, { probe: false });
    expect(await ep.readLog(uuid, 20)).toEqual(log);
    expect(asked).toEqual([
      [0, 8],
      [8, 8],
      [16, 4],
    ]);
  });

  it('readLsa reads from an offset in chunks', async () => {
    const lsa = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    const t = new ScriptedTransport();
    for (let i = 0; i < 2; i++) {
      t.any((r) => {
        const q = codecs.memdevGetLsaReq.decode(decodeMessage(r).payload);
        return respondTo(r, { payload: lsa.slice(q.offset, q.offset + q.length) });
      });
    }
    const ep = await Endpoint.open(t, { probe: false });
    expect(await ep.readLsa(10, 30, { chunkSize: 16 })).toEqual(lsa.slice(10, 40));
  });

  it('leaves room for the tunnel headers', async () => {
    const ep = await Endpoint.open(new ScriptedTransport({ maxPayload: 256 }), { probe: false });
    expect(ep.maxPayload).toBe(256);
    expect(ep.tunnel({ ld: 1 }).maxPayload).toBe(240);
  });
});
