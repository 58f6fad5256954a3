/**
 * Codec benchmark (issue 2): decode-and-read-every-field and encode, in ns/op and ops/s, for
 *   NVMe Identify Controller (4096 B), CXL Memory Device Identify (69 B) and CXL Get Event Records
 *   with 20 records (32 + 20 * 128 = 2592 B),
 * side by side, in one run, for:
 *   C            packed structs, `cc -O2`, compiled here into a temp dir and timed in C (bench/c/decode.c)
 *   ctypes       Python `LittleEndianStructure` + `from_buffer_copy` (bench/py/ctypes_decode.py)
 *   hand-written DataView decoders/encoders in JavaScript (bench/handwritten.ts): the floor for any JS codec
 *   generated    `codecs.X.decode` / `codecs.X.encode` (src/structs/generated/)
 * Every decode result goes through the same per-struct touch function (bench/touch.ts).
 *
 * Before timing, the C, ctypes, hand-written and generated decoders must agree on a canonical digest
 * of one sample payload (the "check" lines), and the hand-written results must deep-equal the
 * generated ones, or the run fails.
 *
 * usage: tsx bench/codec.bench.ts [--json] [--rounds N] [--round-ms MS] [--cpu-time] [--no-c] [--no-python]
 *        (npm run bench regenerates the codecs first)
 * --cpu-time times all three languages by process CPU time instead of wall time (a shared,
 * loaded machine: time spent preempted is not counted).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deepStrictEqual } from 'node:assert/strict';
import { codecs } from '../src/structs/index.js';
import {
  decodeGetEventRecordsRsp,
  decodeIdCtrl,
  decodeMemdevIdentifyRsp,
  encodeGetEventRecordsRsp,
  encodeIdCtrl,
  encodeMemdevIdentifyRsp,
} from './handwritten.js';
import { digest } from './digest.js';
import { EVENT_RECORDS, getEventRecordsPayload, idCtrlPayload, memdevIdentifyPayload } from './payloads.js';
import { touchGetEventRecordsRsp, touchIdCtrl, touchMemdevIdentifyRsp } from './touch.js';

// --- options -------------------------------------------------------------------------------------

interface Options {
  json: boolean;
  rounds: number;
  roundMs: number;
  c: boolean;
  python: boolean;
  cpuTime: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { json: false, rounds: 7, roundMs: 200, c: true, python: true, cpuTime: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--rounds') o.rounds = Math.round(num());
    else if (a === '--round-ms') o.roundMs = num();
    else if (a === '--no-c') o.c = false;
    else if (a === '--no-python') o.python = false;
    else if (a === '--cpu-time') o.cpuTime = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: tsx bench/codec.bench.ts [--json] [--rounds N] [--round-ms MS] [--cpu-time] [--no-c] [--no-python]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (s: string) => {
  if (!opts.json) console.log(s);
};
const progress = (s: string) => {
  process.stderr.write(`${s}\n`);
};

// --- payloads ----------------------------------------------------------------------------------

const STRUCTS = ['idCtrl', 'memdevIdentifyRsp', 'getEventRecordsRsp'] as const;
type StructName = (typeof STRUCTS)[number];

const pC = idCtrlPayload();
const pM = memdevIdentifyPayload();
const pE = getEventRecordsPayload(EVENT_RECORDS);
const PAYLOAD: Record<StructName, Uint8Array> = { idCtrl: pC, memdevIdentifyRsp: pM, getEventRecordsRsp: pE };
const LABEL: Record<StructName, string> = {
  idCtrl: 'NVMe Identify Controller (4096 B)',
  memdevIdentifyRsp: 'CXL Memory Device Identify (69 B)',
  getEventRecordsRsp: `CXL Get Event Records, ${EVENT_RECORDS} records (${pE.length} B)`,
};

// --- C and Python baselines ----------------------------------------------------------------------
// Each runs as a child process that calibrates, then times one round per request. The driver asks
// for those rounds between its own, so slow drift in machine speed (a shared VM's neighbours, clock
// changes) lands on every implementation in the same round instead of skewing one whole column.

interface External {
  checks: Partial<Record<StructName, string>>;
  /** ns/op of each timed round, in round order. */
  samples: Partial<Record<StructName, number[]>>;
  iterations: Partial<Record<StructName, number>>;
  error?: string;
  version?: string;
  /** Time one round of `s` (absent when the process could not start). */
  round?: (s: StructName) => Promise<void>;
  close?: () => void;
}

const none = (why: string): External => ({ checks: {}, samples: {}, iterations: {}, error: why });

/** Start a baseline process and wait until it has printed its checks and calibrated. */
async function startExternal(cmd: string, args: string[], version: string): Promise<External> {
  const r: External = { checks: {}, samples: {}, iterations: {}, version };
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const failed = new Promise<Error>((resolve) => child.on('error', resolve));
  const next = async (): Promise<string> => {
    const got = await Promise.race([lines.next(), failed]);
    if (got instanceof Error) throw got;
    if (got.done) throw new Error(`${cmd} exited${stderr ? `: ${stderr.trim()}` : ''}`);
    return got.value.trim();
  };
  try {
    for (;;) {
      const [tag, name, value] = (await next()).split(/\s+/);
      if (tag === 'ready') break;
      if (tag === 'check' && STRUCTS.includes(name as StructName)) r.checks[name as StructName] = value!;
    }
  } catch (e) {
    child.kill();
    return { ...none(`${cmd} failed: ${(e as Error).message}`), version };
  }
  r.round = async (s) => {
    child.stdin.write(`round ${s}\n`);
    const [tag, name, ns, iters] = (await next()).split(/\s+/);
    if (tag !== 'round' || name !== s) throw new Error(`${cmd}: unexpected reply to "round ${s}"`);
    r.samples[s] = [...(r.samples[s] ?? []), Number(ns)];
    r.iterations[s] = Number(iters);
  };
  r.close = () => child.stdin.end();
  return r;
}

const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'cxl-nvme-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const files = [join(tmp, 'idctrl.bin'), join(tmp, 'memdev.bin'), join(tmp, 'events.bin')];
writeFileSync(files[0]!, pC);
writeFileSync(files[1]!, pM);
writeFileSync(files[2]!, pE);
const extArgs = [...files, String(opts.roundMs), opts.cpuTime ? 'cpu' : 'wall'];

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!.trim();
  } catch {
    return '?';
  }
}

async function startC(): Promise<External> {
  const exe = join(tmp, 'decode');
  const cc = process.env.CC ?? 'cc';
  const build = spawnSync(cc, ['-O2', '-o', exe, join(here, 'c', 'decode.c')], { encoding: 'utf8' });
  if (build.status !== 0) return none(`${cc} failed: ${build.error?.message ?? build.stderr.trim()}`);
  progress(`C: compiled with ${cc} -O2, calibrating...`);
  return startExternal(exe, extArgs, firstLine(cc, ['--version']));
}

async function startPython(): Promise<External> {
  progress('ctypes: calibrating...');
  return startExternal('python3', [join(here, 'py', 'ctypes_decode.py'), ...extArgs], firstLine('python3', ['--version']));
}

// One after the other: two calibrating at once would slow each other down.
const cRes = opts.c ? await startC() : none('skipped (--no-c)');
const pyRes = opts.python ? await startPython() : none('skipped (--no-python)');

// --- agreement checks ----------------------------------------------------------------------------

const genC = codecs.idCtrl.decode(pC);
const genM = codecs.memdevIdentifyRsp.decode(pM);
const genE = codecs.getEventRecordsRsp.decode(pE);
const handC = decodeIdCtrl(pC);
const handM = decodeMemdevIdentifyRsp(pM);
const handE = decodeGetEventRecordsRsp(pE);

deepStrictEqual(handC, genC, 'hand-written idCtrl decode differs from the generated one');
deepStrictEqual(handM, genM, 'hand-written memdevIdentifyRsp decode differs from the generated one');
deepStrictEqual(handE, genE, 'hand-written getEventRecordsRsp decode differs from the generated one');
deepStrictEqual(encodeIdCtrl(genC), codecs.idCtrl.encode(genC), 'hand-written idCtrl encode differs');
deepStrictEqual(encodeMemdevIdentifyRsp(genM), codecs.memdevIdentifyRsp.encode(genM), 'hand-written memdev encode differs');
deepStrictEqual(encodeGetEventRecordsRsp(genE), codecs.getEventRecordsRsp.encode(genE), 'hand-written events encode differs');
if (touchIdCtrl(handC, 0) !== touchIdCtrl(genC, 0) || touchGetEventRecordsRsp(handE, 0) !== touchGetEventRecordsRsp(genE, 0)) {
  throw new Error('touch sums differ between hand-written and generated results');
}

const GEN: Record<StructName, unknown> = { idCtrl: genC, memdevIdentifyRsp: genM, getEventRecordsRsp: genE };
const HAND: Record<StructName, unknown> = { idCtrl: handC, memdevIdentifyRsp: handM, getEventRecordsRsp: handE };
interface Check {
  struct: StructName;
  c: string | null;
  ctypes: string | null;
  handwritten: string;
  generated: string;
  equal: boolean;
}
const checks: Check[] = STRUCTS.map((s) => {
  const g = digest(GEN[s]).toString();
  const h = digest(HAND[s]).toString();
  const c = cRes.checks[s] ?? null;
  const py = pyRes.checks[s] ?? null;
  return { struct: s, c, ctypes: py, handwritten: h, generated: g, equal: g === h && (c === null || c === g) && (py === null || py === g) };
});

// --- JS timing -----------------------------------------------------------------------------------
// One loop per case, each its own function literal, so every call site inside stays monomorphic.

type Impl = 'handwritten' | 'generated';
type Op = 'decode' | 'encode';
interface Case {
  struct: StructName;
  impl: Impl;
  op: Op;
  loop: (n: number) => number;
  iters: number;
  samples: number[];
}

const encC = genC;
const encM = genM;
const encE = genE;

const cases: Case[] = [
  {
    struct: 'idCtrl',
    impl: 'handwritten',
    op: 'decode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = touchIdCtrl(decodeIdCtrl(pC), a);
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'idCtrl',
    impl: 'generated',
    op: 'decode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = touchIdCtrl(codecs.idCtrl.decode(pC), a);
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'idCtrl',
    impl: 'handwritten',
    op: 'encode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = (a + encodeIdCtrl(encC)[i & 4095]!) | 0;
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'idCtrl',
    impl: 'generated',
    op: 'encode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = (a + codecs.idCtrl.encode(encC)[i & 4095]!) | 0;
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'memdevIdentifyRsp',
    impl: 'handwritten',
    op: 'decode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = touchMemdevIdentifyRsp(decodeMemdevIdentifyRsp(pM), a);
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'memdevIdentifyRsp',
    impl: 'generated',
    op: 'decode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = touchMemdevIdentifyRsp(codecs.memdevIdentifyRsp.decode(pM), a);
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'memdevIdentifyRsp',
    impl: 'handwritten',
    op: 'encode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = (a + encodeMemdevIdentifyRsp(encM)[i & 63]!) | 0;
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'memdevIdentifyRsp',
    impl: 'generated',
    op: 'encode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = (a + codecs.memdevIdentifyRsp.encode(encM)[i & 63]!) | 0;
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'getEventRecordsRsp',
    impl: 'handwritten',
    op: 'decode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = touchGetEventRecordsRsp(decodeGetEventRecordsRsp(pE), a);
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'getEventRecordsRsp',
    impl: 'generated',
    op: 'decode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = touchGetEventRecordsRsp(codecs.getEventRecordsRsp.decode(pE), a);
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'getEventRecordsRsp',
    impl: 'handwritten',
    op: 'encode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = (a + encodeGetEventRecordsRsp(encE)[i & 2047]!) | 0;
      return a;
    },
    iters: 0,
    samples: [],
  },
  {
    struct: 'getEventRecordsRsp',
    impl: 'generated',
    op: 'encode',
    loop: (n) => {
      let a = 0;
      for (let i = 0; i < n; i++) a = (a + codecs.getEventRecordsRsp.encode(encE)[i & 2047]!) | 0;
      return a;
    },
    iters: 0,
    samples: [],
  },
];

/** Accumulators end up here, so no loop's work is dead. */
let sink = 0;

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

function time(c: Case, n: number): number {
  if (opts.cpuTime) {
    const t0 = cpuNs();
    sink = (sink + c.loop(n)) | 0;
    return cpuNs() - t0;
  }
  const t0 = process.hrtime.bigint();
  sink = (sink + c.loop(n)) | 0;
  return Number(process.hrtime.bigint() - t0);
}

// Warm-up and calibration: grow each case's batch until it takes about one round.
for (const c of cases) {
  progress(`JS: warming up ${c.impl} ${c.struct} ${c.op}...`);
  let n = 16;
  const warmUntil = Date.now() + opts.roundMs;
  while (Date.now() < warmUntil) time(c, n);
  for (;;) {
    const t = time(c, n);
    if (t >= opts.roundMs * 1e6) break;
    n = Math.ceil(n * Math.min(100, Math.max(2, ((opts.roundMs * 1e6) / Math.max(t, 1)) * 1.1)));
  }
  c.iters = n;
}
// Each round times every implementation of one structure back to back (JS cases, then the C and
// Python processes), so machine noise hits them alike; the ratios pair samples of the same round.
for (let r = 0; r < opts.rounds; r++) {
  progress(`round ${r + 1}/${opts.rounds}`);
  for (const s of STRUCTS) {
    for (const c of cases) if (c.struct === s) c.samples.push(time(c, c.iters) / c.iters);
    await cRes.round?.(s);
    await pyRes.round?.(s);
  }
}
cRes.close?.();
pyRes.close?.();

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

// --- results -------------------------------------------------------------------------------------

type ImplName = 'c' | 'ctypes' | 'handwritten' | 'generated';
interface Result {
  struct: StructName;
  impl: ImplName;
  op: Op;
  /** Median over the rounds. */
  nsPerOp: number;
  opsPerSec: number;
  iterationsPerRound: number;
  spread: { min: number; max: number };
  /** ns/op of each round, in round order. */
  samples: number[];
}
const results: Result[] = [];
const add = (struct: StructName, impl: ImplName, op: Op, samples: number[] | undefined, iters: number | undefined) => {
  if (samples === undefined || samples.length === 0) return;
  const ns = median(samples);
  results.push({
    struct,
    impl,
    op,
    nsPerOp: ns,
    opsPerSec: 1e9 / ns,
    iterationsPerRound: iters ?? 0,
    spread: { min: Math.min(...samples), max: Math.max(...samples) },
    samples,
  });
};
for (const s of STRUCTS) {
  add(s, 'c', 'decode', cRes.samples[s], cRes.iterations[s]);
  add(s, 'ctypes', 'decode', pyRes.samples[s], pyRes.iterations[s]);
  for (const c of cases.filter((k) => k.struct === s)) add(s, c.impl, c.op, c.samples, c.iters);
}
const find = (s: StructName, impl: ImplName, op: Op) => results.find((r) => r.struct === s && r.impl === impl && r.op === op);
const get = (s: StructName, impl: ImplName, op: Op) => find(s, impl, op)?.nsPerOp;
/** Median over the rounds of a's ns/op over b's in the same round (undefined if either is missing). */
const paired = (s: StructName, a: [ImplName, Op], b: [ImplName, Op]): number | undefined => {
  const x = find(s, ...a)?.samples;
  const y = find(s, ...b)?.samples;
  return x && y ? median(x.map((v, i) => v / y[i]!)) : undefined;
};

interface Ratios {
  struct: StructName;
  /** generated decode ns / hand-written decode ns (target <= 1.2). */
  decodeVsHandwritten: number;
  /** generated decode ops/s over ctypes ops/s (target >= 4). */
  decodeVsCtypes: number | null;
  /** generated decode ns / C ns (information only). */
  decodeVsC: number | null;
  /** generated encode ns / hand-written encode ns (information only). */
  encodeVsHandwritten: number;
}
const TARGET_HAND = 1.2;
const TARGET_CTYPES = 4;
const ratios: Ratios[] = STRUCTS.map((s) => ({
  struct: s,
  decodeVsHandwritten: paired(s, ['generated', 'decode'], ['handwritten', 'decode'])!,
  decodeVsCtypes: paired(s, ['ctypes', 'decode'], ['generated', 'decode']) ?? null,
  decodeVsC: paired(s, ['generated', 'decode'], ['c', 'decode']) ?? null,
  encodeVsHandwritten: paired(s, ['generated', 'encode'], ['handwritten', 'encode'])!,
}));

const allChecksEqual = checks.every((c) => c.equal);

if (opts.json) {
  console.log(
    JSON.stringify(
      {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cc: cRes.version ?? null,
        python: pyRes.version ?? null,
        payloadBytes: Object.fromEntries(STRUCTS.map((s) => [s, PAYLOAD[s].length])),
        rounds: opts.rounds,
        roundMs: opts.roundMs,
        clock: opts.cpuTime ? 'process CPU time' : 'wall (monotonic)',
        errors: { c: cRes.error ?? null, ctypes: pyRes.error ?? null },
        checks,
        results,
        ratios,
        targets: { decodeVsHandwrittenMax: TARGET_HAND, decodeVsCtypesMin: TARGET_CTYPES },
        targetsMet: ratios.map((r) => ({
          struct: r.struct,
          handwritten: r.decodeVsHandwritten <= TARGET_HAND,
          ctypes: r.decodeVsCtypes === null ? null : r.decodeVsCtypes >= TARGET_CTYPES,
        })),
        sink,
      },
      null,
      2,
    ),
  );
} else {
  const ns = (x: number | undefined) => {
    if (x === undefined) return 'n/a';
    if (x >= 1e6) return `${(x / 1e6).toFixed(2)} ms`;
    if (x >= 1e3) return `${(x / 1e3).toFixed(2)} us`;
    return `${x.toFixed(1)} ns`;
  };
  const rate = (x: number | undefined) => {
    if (x === undefined) return 'n/a';
    const r = 1e9 / x;
    if (r >= 1e6) return `${(r / 1e6).toFixed(2)} M/s`;
    if (r >= 1e3) return `${(r / 1e3).toFixed(1)} k/s`;
    return `${r.toFixed(0)} /s`;
  };
  const pad = (s: string, n: number) => s.padEnd(n);
  const lpad = (s: string, n: number) => s.padStart(n);
  log('');
  log(`cxl-nvme codec benchmark: node ${process.version}, ${cRes.version ?? 'cc n/a'}, ${pyRes.version ?? 'python3 n/a'}`);
  log(
    `median of ${opts.rounds} rounds x ~${opts.roundMs} ms (${opts.cpuTime ? 'process CPU time' : 'wall clock'}); decode = decode + read every field; ns/op (lower is better); ratios: median of the per-round ratios`,
  );
  for (const c of checks) {
    log(
      `check ${pad(c.struct, 19)} C=${c.c ?? 'n/a'} ctypes=${c.ctypes ?? 'n/a'} handwritten=${c.handwritten} generated=${c.generated}: ${c.equal ? 'sums equal' : 'MISMATCH'}`,
    );
  }
  if (cRes.error) log(`C: ${cRes.error}`);
  if (pyRes.error) log(`ctypes: ${pyRes.error}`);
  const rows: [string, ImplName, Op][] = [
    ['C packed struct (cc -O2)', 'c', 'decode'],
    ['Python ctypes', 'ctypes', 'decode'],
    ['hand-written JS decode', 'handwritten', 'decode'],
    ['generated decode', 'generated', 'decode'],
    ['hand-written JS encode', 'handwritten', 'encode'],
    ['generated encode', 'generated', 'encode'],
  ];
  for (const s of STRUCTS) {
    log('');
    log(`${LABEL[s]}`);
    log(`  ${pad('implementation', 28)}${lpad('ns/op', 12)}${lpad('ops/s', 14)}`);
    for (const [label, impl, op] of rows) {
      const x = get(s, impl, op);
      log(`  ${pad(label, 28)}${lpad(ns(x), 12)}${lpad(rate(x), 14)}`);
    }
  }
  log('');
  log(`${pad('ratios', 21)}${lpad('gen/hand decode', 17)}${lpad('gen rate/ctypes', 17)}${lpad('gen/C decode', 14)}${lpad('gen/hand encode', 17)}`);
  log(`${pad('(target)', 21)}${lpad(`<= ${TARGET_HAND}`, 17)}${lpad(`>= ${TARGET_CTYPES}`, 17)}${lpad('-', 14)}${lpad('-', 17)}`);
  const mark = (ok: boolean) => (ok ? ' ok' : ' MISS');
  for (const r of ratios) {
    const h = `${r.decodeVsHandwritten.toFixed(2)}x${mark(r.decodeVsHandwritten <= TARGET_HAND)}`;
    const p = r.decodeVsCtypes === null ? 'n/a' : `${r.decodeVsCtypes.toFixed(1)}x${mark(r.decodeVsCtypes >= TARGET_CTYPES)}`;
    const c = r.decodeVsC === null ? 'n/a' : `${r.decodeVsC.toFixed(1)}x`;
    log(`${pad(r.struct, 21)}${lpad(h, 17)}${lpad(p, 17)}${lpad(c, 14)}${lpad(`${r.encodeVsHandwritten.toFixed(2)}x`, 17)}`);
  }
  log('');
}

if (!allChecksEqual) {
  console.error('codec bench: the implementations disagree on the sample payloads (see the check lines)');
  process.exitCode = 1;
}
