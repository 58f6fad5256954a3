/**
 * The codec benchmark's decoders, checked in `npm test` rather than only when someone runs the
 * benchmark: on its three sample payloads (NVMe Identify Controller, CXL Memory Device Identify, Get
 * Event Records with 20 records), the generated codec must give the hand-written decoders' exact
 * values and bytes, and the same canonical digest as the C packed-struct decoder and the Python
 * ctypes decoder, two independent readings of the same C layouts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { digest } from '../../bench/digest.js';
import {
  decodeGetEventRecordsRsp,
  decodeIdCtrl,
  decodeMemdevIdentifyRsp,
  encodeGetEventRecordsRsp,
  encodeIdCtrl,
  encodeMemdevIdentifyRsp,
} from '../../bench/handwritten.js';
import { EVENT_RECORDS, getEventRecordsPayload, idCtrlPayload, memdevIdentifyPayload } from '../../bench/payloads.js';
import { codecs } from '../../src/structs/index.js';

const payloads = { idCtrl: idCtrlPayload(), memdevIdentifyRsp: memdevIdentifyPayload(), getEventRecordsRsp: getEventRecordsPayload(EVENT_RECORDS) };
const generated = {
  idCtrl: codecs.idCtrl.decode(payloads.idCtrl),
  memdevIdentifyRsp: codecs.memdevIdentifyRsp.decode(payloads.memdevIdentifyRsp),
  getEventRecordsRsp: codecs.getEventRecordsRsp.decode(payloads.getEventRecordsRsp),
};

const tmp = mkdtempSync(join(tmpdir(), 'cxl-nvme-bench-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const files = Object.entries(payloads).map(([name, b]) => {
  const f = join(tmp, `${name}.bin`);
  writeFileSync(f, b);
  return f;
});

/** Run a baseline with a 1 ms round and no requests: it prints its check lines, calibrates, exits. */
function checksOf(cmd: string, args: string[]): Record<string, string> {
  const run = spawnSync(cmd, [...args, ...files, '1'], { input: '', encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  const out: Record<string, string> = {};
  for (const line of run.stdout.split('\n')) {
    const [tag, name, value] = line.trim().split(/\s+/);
    if (tag === 'check') out[name!] = value!;
  }
  return out;
}

const expected = Object.fromEntries(Object.entries(generated).map(([k, v]) => [k, digest(v).toString()]));

describe('benchmark decoders agree with the generated codec', () => {
  it('hand-written JS: same values, same encoded bytes', () => {
    expect(decodeIdCtrl(payloads.idCtrl)).toStrictEqual(generated.idCtrl);
    expect(decodeMemdevIdentifyRsp(payloads.memdevIdentifyRsp)).toStrictEqual(generated.memdevIdentifyRsp);
    expect(decodeGetEventRecordsRsp(payloads.getEventRecordsRsp)).toStrictEqual(generated.getEventRecordsRsp);
    expect(encodeIdCtrl(generated.idCtrl)).toEqual(codecs.idCtrl.encode(generated.idCtrl));
    expect(encodeMemdevIdentifyRsp(generated.memdevIdentifyRsp)).toEqual(codecs.memdevIdentifyRsp.encode(generated.memdevIdentifyRsp));
    expect(encodeGetEventRecordsRsp(generated.getEventRecordsRsp)).toEqual(codecs.getEventRecordsRsp.encode(generated.getEventRecordsRsp));
  });

  it('C packed structs (cc -O2): same digests', () => {
    const exe = join(tmp, 'decode');
    const build = spawnSync(process.env.CC ?? 'cc', ['-O2', '-o', exe, join(import.meta.dirname, '../../bench/c/decode.c')], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(checksOf(exe, [])).toEqual(expected);
  });

  it('Python ctypes: same digests', () => {
    expect(checksOf('python3', [join(import.meta.dirname, '../../bench/py/ctypes_decode.py')])).toEqual(expected);
  });
});
