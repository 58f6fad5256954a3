/**
 * Record a simulator session, replay it byte for byte; mismatches and malformed recordings fail
 * loudly (TRANSPORT_REPLAY_MISMATCH / TRANSPORT_REPLAY_FORMAT).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Endpoint } from '../../src/api/cxl/endpoint.js';
import * as nvme from '../../src/protocol/nvme/index.js';
import { recordCxl, recordNvme } from '../../src/transport/record.js';
import { openReplay, parseRecording, ReplayCxlTransport, ReplayNvmeTransport } from '../../src/transport/replay.js';
import { SimNvmeController } from '../../src/transport/sim/nvme.js';
import { SimNvmeMi } from '../../src/transport/sim/nvme-mi.js';
import { NvmeMiEndpoint } from '../../src/api/nvme/mi-transport.js';
import { recordMctp } from '../../src/transport/record.js';
import { ReplayMctpTransport } from '../../src/transport/replay.js';
import { SimCxlSwitch } from '../../src/transport/sim/switch.js';
import { SimCxlType3 } from '../../src/transport/sim/type3.js';

async function cxlSession(ep: Endpoint, ts: bigint) {
  const out: unknown[] = [];
  out.push(await ep.memdevIdentify());
  await ep.setTimestamp({ timestamp: ts });
  await ep.memdevSetLsa({ offset: 0, data: new Uint8Array([1, 2, 3, 4]) });
  out.push(await ep.memdevGetLsa({ offset: 0, length: 4 }));
  out.push(await ep.memdevGetHealthInfo().catch((e: Error) => e.message));
  out.push(await ep.getEventRecords({ eventLog: 'warning' }));
  return out;
}

describe('record and replay: CXL', () => {
  it('records a simulator session to a file and replays it byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxl-rec-'));
    const file = join(dir, 'session.jsonl');
    const sim = new SimCxlType3({ serial: 42n, faults: [{ opcode: 0x4200, returnCode: 0x06, times: 1 }] });
    const rec = recordCxl(sim, { file });
    const live = await cxlSession(await Endpoint.open(rec), 1_700_000_000_000_000_000n);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ v: 1, type: 'header', kind: 'cxl', transport: 'simulator', device: 'sim:type3' });
    expect(lines).toHaveLength(1 + 7);
    expect(lines[1]).toMatchObject({ v: 1, type: 'exchange', i: 0, kind: 'cxl' });
    expect(typeof lines[1].ms).toBe('number');
    const setTs = lines.find((l) => l.req?.slice(6, 10) === '0103');
    expect(setTs.mask).toEqual([[12, 8]]);

    // Replay, with a different timestamp: masked, so it still matches.
    const replay = new ReplayCxlTransport(file);
    const again = await cxlSession(await Endpoint.open(replay), 5n);
    expect(again).toEqual(live);
    expect(replay.remaining).toBe(0);
    replay.assertDone();
  });

  it('writes extra header keys, which replay accepts, and keeps the format keys authoritative', async () => {
    const lines: string[] = [];
    const rec = recordCxl(new SimCxlType3(), { sink: (l) => lines.push(l), header: { fixture: 'x.jsonl', env: { kernel: '6.1' }, v: 99 } });
    await (await Endpoint.open(rec, { probe: false })).memdevIdentify();
    expect(JSON.parse(lines[0]!)).toMatchObject({ v: 1, type: 'header', kind: 'cxl', fixture: 'x.jsonl', env: { kernel: '6.1' } });
    const replay = new ReplayCxlTransport(lines.join('\n'));
    await (await Endpoint.open(replay, { probe: false })).memdevIdentify();
    replay.assertDone();
  });

  it('records tunnelled FM-API exchanges with their channel', async () => {
    const lines: string[] = [];
    const sw = new SimCxlSwitch({ ports: [{ id: 3, device: new SimCxlType3() }] });
    const ep = await Endpoint.open(recordCxl(sw, { sink: (l) => lines.push(l) }));
    const id = await ep.tunnel({ port: 3 }).memdevIdentify();
    const replay = await Endpoint.open(new ReplayCxlTransport(lines.join('\n')));
    expect(await replay.tunnel({ port: 3 }).memdevIdentify()).toEqual(id);
    expect(JSON.parse(lines[2]!).fmApi).toBe(true);
  });

  it('reports a mismatch with the exchange index, position and both requests', async () => {
    const lines: string[] = [];
    const ep = await Endpoint.open(recordCxl(new SimCxlType3(), { sink: (l) => lines.push(l) }));
    await ep.memdevGetLsa({ offset: 0, length: 16 });
    const replay = new ReplayCxlTransport(lines.join('\n'));
    const ep2 = await Endpoint.open(replay);
    const err = await ep2.memdevGetLsa({ offset: 0, length: 32 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TRANSPORT_REPLAY_MISMATCH', context: { index: 1, position: 16 } });
    expect((err as Error).message).toMatch(/exchange #1 \(line 3\): request differs at byte 16: expected 10h, got 20h/);
    expect((err as { context: { expected: string; actual: string } }).context.expected).toMatch(/^00/);
    // Past the end.
    const r2 = new ReplayCxlTransport(lines.join('\n'));
    await Endpoint.open(r2);
    expect(() => r2.assertDone()).toThrow(expect.objectContaining({ code: 'TRANSPORT_REPLAY_MISMATCH' }));
  });

  it('replays a recorded transport error', async () => {
    const text = [
      JSON.stringify({ v: 1, type: 'header', kind: 'cxl', transport: 'cxl-mailbox', device: '/dev/cxl/mem0' }),
      JSON.stringify({ v: 1, type: 'exchange', i: 0, kind: 'cxl', device: '/dev/cxl/mem0', req: '000000010000000000000000', error: { code: 'EPERM', message: 'raw command refused' }, ms: 0.1 }),
    ].join('\n');
    await expect(Endpoint.open(new ReplayCxlTransport(text))).rejects.toMatchObject({ code: 'EPERM', message: 'raw command refused' });
  });
});

describe('record and replay: NVMe', () => {
  it('records commands with their data and replays completions', async () => {
    const lines: string[] = [];
    const rec = recordNvme(new SimNvmeController(), { sink: (l) => lines.push(l) });
    const data = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);
    await rec.submit(nvme.write({ nsid: 1, slba: 4, nlb: 0, data }));
    const live = await rec.submit(nvme.read({ nsid: 1, slba: 4, nlb: 0, dataLen: 512 }));
    await rec.submit(nvme.setFeaturesTimestamp({ timestamp: Date.now() }));
    const entry = JSON.parse(lines[1]!);
    expect(entry.req).toMatchObject({ name: 'write', queue: 'io', opcode: 1, nsid: 1, cdw10: 4 });
    expect(entry.req.data.slice(0, 8)).toBe('00010203');
    expect(entry.rep).toEqual({ result: '0x0', status: 0 });
    expect(JSON.parse(lines[3]!).mask).toEqual([[0, 6]]);

    const replay = openReplay(lines.join('\n')) as ReplayNvmeTransport;
    await replay.submit(nvme.write({ nsid: 1, slba: 4, nlb: 0, data }));
    const again = await replay.submit(nvme.read({ nsid: 1, slba: 4, nlb: 0, dataLen: 512 }));
    expect(again).toEqual(live);
    await replay.submit(nvme.setFeaturesTimestamp({ timestamp: 12345 }));
    replay.assertDone();
  });

  it('reports a field mismatch and a data mismatch', async () => {
    const lines: string[] = [];
    const rec = recordNvme(new SimNvmeController(), { sink: (l) => lines.push(l) });
    await rec.submit(nvme.write({ nsid: 1, slba: 0, nlb: 0, data: new Uint8Array(512) }));
    const r1 = new ReplayNvmeTransport(lines.join('\n'));
    await expect(r1.submit(nvme.write({ nsid: 1, slba: 1, nlb: 0, data: new Uint8Array(512) }))).rejects.toMatchObject({
      code: 'TRANSPORT_REPLAY_MISMATCH',
      context: { index: 0, field: 'cdw10', expected: 0, actual: 1 },
    });
    const r2 = new ReplayNvmeTransport(lines.join('\n'));
    const d = new Uint8Array(512);
    d[300] = 1;
    await expect(r2.submit(nvme.write({ nsid: 1, slba: 0, nlb: 0, data: d }))).rejects.toMatchObject({ code: 'TRANSPORT_REPLAY_MISMATCH', context: { position: 300 } });
  });
});

describe('malformed recordings', () => {
  const header = JSON.stringify({ v: 1, type: 'header', kind: 'cxl', transport: 'simulator', device: 'sim:x' });
  const ok = { v: 1, type: 'exchange', i: 0, kind: 'cxl', device: 'sim:x', req: '00', rep: '01', ms: 1 };
  it.each([
    ['', 1, /no header/],
    ['{not json', 1, /not JSON/],
    [JSON.stringify({ v: 2, type: 'header' }), 1, /version/],
    [JSON.stringify(ok), 1, /header/],
    [`${header}\n${JSON.stringify({ ...ok, req: 'xyz' })}`, 2, /hex/],
    [`${header}\n${JSON.stringify({ ...ok, i: 3 })}`, 2, /sequence/],
    [`${header}\n${JSON.stringify({ ...ok, error: { code: 'E', message: 'm' } })}`, 2, /exactly one/],
    [`${header}\n${JSON.stringify({ ...ok, mask: [[1]] })}`, 2, /mask/],
    [`${header}\n\n${JSON.stringify(ok)}\n${JSON.stringify({ ...ok, i: 1, kind: 'nvme' })}`, 4, /kind/],
  ])('%j fails at line %i', (text, line, msg) => {
    expect(() => parseRecording(text)).toThrow(expect.objectContaining({ code: 'TRANSPORT_REPLAY_FORMAT', context: expect.objectContaining({ line }), message: expect.stringMatching(msg) }));
  });
});

describe('record and replay: NVMe-MI with More Processing Required', () => {
  it('records the receive() after an MPR reply and replays it in order', async () => {
    const lines: string[] = [];
    const mi = new SimNvmeMi(new SimNvmeController({ serial: 'MPR1' }), { mprFirst: { times: 1, mprtMs: 100, replies: 2 } });
    const rec = recordMctp(mi, { sink: (l) => lines.push(l) });
    const live = await new NvmeMiEndpoint(rec).readSubsysInfo();
    const entries = lines.slice(1).map((l) => JSON.parse(l));
    // One exchange answered MPR, then two receive() calls: a second MPR and the final reply.
    expect(entries.map((e) => !!e.receive)).toEqual([false, true, true]);
    const replay = new ReplayMctpTransport(lines.join('\n'));
    expect(await new NvmeMiEndpoint(replay).readSubsysInfo()).toEqual(live);
    replay.assertDone();
    // Asking for an exchange where the recording has a receive() is a mismatch, not a wrong answer.
    const again = new ReplayMctpTransport(lines.join('\n'));
    await again.exchange(new Uint8Array(fromHexLine(entries[0].req)));
    await expect(again.exchange(new Uint8Array(fromHexLine(entries[0].req)))).rejects.toMatchObject({ code: 'TRANSPORT_REPLAY_MISMATCH' });
  });
});

function fromHexLine(h: string): number[] {
  return h.match(/../g)!.map((x) => Number.parseInt(x, 16));
}
