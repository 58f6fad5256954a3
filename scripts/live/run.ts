// `npm run test:live [-- <vitest args>]`: runs test/live/**/*.live.test.ts inside a QEMU guest whose kernel
// drives emulated CXL and NVMe devices. Steps: Debian deps, guest kernel, initramfs, boot paused, QMP
// injections, resume, wait for the guest's exit code, copy recordings, report. See test/live/README.md.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cxlMemdevs,
  generalMediaInjections,
  mctpLoopbackEids,
  nvme,
  poisonInjections,
} from '../../test/live/topology.js';
import { ensureDependencies } from './deps.js';
import { buildInitramfs } from './initramfs.js';
import { pickKernel } from './kernel.js';
import { qemuArgs } from './qemu.js';
import { QmpClient } from './qmp.js';
import { HarnessError, cacheRoot, elapsedSeconds, killChildren, log, shellQuote } from './util.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the cxlout share appears inside the guest's root; tests get it as $CXL_NVME_LIVE_OUT. */
const GUEST_OUT = '/tmp/cxl-nvme-live';
const KEEP_RUNS = 5;

function envSeconds(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}


/** A fresh directory per run (concurrent runs must not share backing files); old ones are pruned. */
function makeRunDir(): string {
  const runsDir = process.env['CXL_NVME_LIVE_WORKDIR'] || join(cacheRoot(), 'live', 'runs');
  mkdirSync(runsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(runsDir, `${stamp}-${process.pid}`);
  mkdirSync(join(dir, 'out', 'record'), { recursive: true });
  mkdirSync(join(dir, 'images'), { recursive: true });
  const runs = readdirSync(runsDir).filter((d) => d !== 'last');
  for (const d of runs.sort().slice(0, -KEEP_RUNS)) rmSync(join(runsDir, d), { recursive: true, force: true });
  const last = join(runsDir, 'last');
  rmSync(last, { force: true });
  symlinkSync(dir, last);
  return dir;
}

function writeJob(outDir: string, vitestArgs: readonly string[]): void {
  const waitFor = [
    ...cxlMemdevs.map((_, i) => `/dev/cxl/mem${i}`),
    `/dev/${nvme.id}`,
    ...nvme.namespaces.map((ns) => `/dev/${nvme.id}n${ns.nsid}`),
  ];
  const exported: Record<string, string> = {};
  // Forward the developer's CXL_NVME_* settings (e.g. CXL_NVME_RECORD_DIR, to tell tests recording is wanted).
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('CXL_NVME_') && v !== undefined) exported[k] = v;
  Object.assign(exported, {
    CXL_NVME_LIVE_OUT: GUEST_OUT,
    CXL_NVME_LIVE_RECORD: `${GUEST_OUT}/record`,
    NO_COLOR: '1',
  });
  if (process.env['CI']) exported['CI'] = process.env['CI'];
  const lines = [
    `REPO=${shellQuote(repo)}`,
    `NODE=${shellQuote(process.execPath)}`,
    // Quoted twice: init.sh runs `eval "set -- $VITEST_ARGS"` to get the words back intact.
    `VITEST_ARGS=${shellQuote(vitestArgs.map(shellQuote).join(' '))}`,
    `MCTP_EIDS=${shellQuote(mctpLoopbackEids.join(' '))}`,
    `WAIT_FOR=${shellQuote(waitFor.join(' '))}`,
    `WAIT_SECS=${envSeconds('CXL_NVME_LIVE_DEVICE_WAIT', 20)}`,
    ...Object.entries(exported).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    '',
  ];
  writeFileSync(join(outDir, 'job.env'), lines.join('\n'));
}

async function inject(qmp: QmpClient): Promise<void> {
  for (const p of poisonInjections) {
    await qmp.execute('cxl-inject-poison', { path: `/machine/peripheral/${p.device}`, start: p.dpa, length: p.length });
  }
  for (const e of generalMediaInjections) {
    await qmp.execute('cxl-inject-general-media-event', {
      path: `/machine/peripheral/${e.device}`,
      log: e.log,
      flags: e.flags,
      dpa: e.dpa,
      descriptor: e.descriptor,
      type: e.type,
      'transaction-type': e.transactionType,
    });
  }
  log(`injected ${poisonInjections.length} poison record(s), ${generalMediaInjections.length} general media event(s)`);
}

/** Tail of a text file, for failure reports. */
function tail(path: string, lines: number): string {
  if (!existsSync(path)) return '(no console log)';
  return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
}

interface VitestJson {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
}

function summary(outDir: string): string | undefined {
  const file = join(outDir, 'vitest-report.json');
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    return `${r.numPassedTests ?? 0} passed, ${r.numFailedTests ?? 0} failed${skipped ? `, ${skipped} skipped` : ''}`;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const vitestArgs = process.argv.slice(2);
  const overall = envSeconds('CXL_NVME_LIVE_TIMEOUT', 1800);
  const guestTimeout = envSeconds('CXL_NVME_LIVE_GUEST_TIMEOUT', 300);
  let qemu: ChildProcess | undefined;
  const stopQemu = () => {
    if (qemu && qemu.exitCode === null) qemu.kill('SIGKILL');
  };
  const stopAll = () => {
    stopQemu();
    killChildren();
  };
  // One deadline for everything, so a hung apt, build or guest can never hold CI.
  const overallTimer = setTimeout(() => {
    log(`overall timeout (${overall}s, CXL_NVME_LIVE_TIMEOUT) reached`);
    stopAll();
    process.exit(124);
  }, overall * 1000);
  overallTimer.unref();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      stopAll();
      process.exit(130);
    });
  }

  await ensureDependencies();
  const kernel = await pickKernel(repo);
  log(`kernel: ${kernel.source}`);
  const runDir = makeRunDir();
  const outDir = join(runDir, 'out');
  const initrd = await buildInitramfs(repo, runDir);
  writeJob(outDir, vitestArgs);
  const sockDir = mkdtempSync(join(tmpdir(), 'cxl-nvme-qmp-')); // unix socket paths must stay under 108 bytes
  const consoleLog = join(runDir, 'console.log');
  const args = qemuArgs({
    kernel: kernel.path,
    initrd,
    outDir,
    imageDir: join(runDir, 'images'),
    qmpSocket: join(sockDir, 'qmp.sock'),
  });
  writeFileSync(join(runDir, 'qemu-args.txt'), `qemu-system-x86_64 ${args.map(shellQuote).join(' ')}\n`);
  log(`run dir: ${runDir}`);

  const bootStart = Date.now();
  qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const consoleFile = createWriteStream(consoleLog);
  // The console goes to the log file; the vitest part and our init's markers are also echoed live.
  let echo = process.env['CXL_NVME_LIVE_VERBOSE'] === '1';
  let partial = '';
  // Decode as a stream: a chunk boundary may split a multi-byte character (vitest prints ✓).
  qemu.stdout!.setEncoding('utf8');
  qemu.stdout!.on('data', (chunk: string) => {
    consoleFile.write(chunk);
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (line.startsWith('CXLNVME: running vitest')) echo = true;
      if (echo || line.startsWith('CXLNVME:')) process.stdout.write(`  | ${line}\n`);
    }
  });
  qemu.stderr!.on('data', (chunk: Buffer) => consoleFile.write(chunk));
  const exited = new Promise<number | null>((res) => qemu!.on('exit', (code) => res(code)));
  qemu.on('error', (e) => log(`qemu: ${e.message}`));

  let qmpError: Error | undefined;
  try {
    const qmp = await QmpClient.connect(join(sockDir, 'qmp.sock'));
    await inject(qmp);
    await qmp.execute('cont');
    qmp.close();
  } catch (e) {
    qmpError = e as Error;
    stopQemu();
  }

  let timedOut = false;
  const guestTimer = setTimeout(() => {
    timedOut = true;
    stopQemu();
  }, guestTimeout * 1000);
  const qemuCode = await exited;
  clearTimeout(guestTimer);
  await new Promise<void>((res) => consoleFile.end(res));
  rmSync(sockDir, { recursive: true, force: true });
  if (process.env['CXL_NVME_LIVE_KEEP_IMAGES'] !== '1') rmSync(join(runDir, 'images'), { recursive: true, force: true });
  const guestSecs = ((Date.now() - bootStart) / 1000).toFixed(1);

  const recordDir = process.env['CXL_NVME_RECORD_DIR'];
  if (recordDir) {
    const from = join(outDir, 'record');
    const files = existsSync(from)
      ? readdirSync(from, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).length
      : 0;
    mkdirSync(recordDir, { recursive: true });
    cpSync(from, recordDir, { recursive: true });
    log(`copied ${files} recorded file(s) to ${recordDir}`);
  }

  const codeFile = join(outDir, 'exit-code');
  const guestRc = existsSync(codeFile) ? Number(readFileSync(codeFile, 'utf8').trim()) : undefined;
  let problem: string | undefined;
  if (qmpError) problem = `QMP setup failed: ${qmpError.message}`;
  else if (timedOut) problem = `guest did not finish within ${guestTimeout}s (CXL_NVME_LIVE_GUEST_TIMEOUT)`;
  else if (guestRc === undefined) {
    const fatal = join(outDir, 'fatal');
    problem = existsSync(fatal)
      ? `guest init failed: ${readFileSync(fatal, 'utf8').trim()}`
      : `guest stopped without an exit code (qemu exit ${qemuCode})`;
  } else if (guestRc !== 0) problem = `vitest exited ${guestRc} in the guest`;

  const counts = summary(outDir);
  if (problem) {
    process.stdout.write(`\n---- guest console tail (${consoleLog}) ----\n${tail(consoleLog, 60)}\n----\n`);
    log(`FAIL: ${problem}`);
  }
  log(`guest ${guestSecs}s, total wall time ${elapsedSeconds().toFixed(1)}s; logs in ${runDir}`);
  if (counts) process.stdout.write(`live: ${counts}\n`);
  if (problem) return timedOut ? 124 : guestRc !== undefined && guestRc !== 0 ? 1 : 2;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(e instanceof HarnessError ? `FAIL: ${e.message}` : `FAIL: ${(e as Error).stack ?? String(e)}`);
    log(`total wall time ${elapsedSeconds().toFixed(1)}s`);
    process.exit(2);
  },
);
