// Small process and logging helpers shared by the live-test harness.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { join } from 'node:path';

const started = Date.now();

/** Harness progress lines carry the elapsed time so slow phases stand out in CI logs. */
export function log(message: string): void {
  const secs = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[live ${secs}s] ${message}\n`);
}

export function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}

/** Kernel builds and run dirs live here, outside the repo: `$XDG_CACHE_HOME/cxl-nvme` or `~/.cache/cxl-nvme`. */
export function cacheRoot(): string {
  const base = process.env['XDG_CACHE_HOME'] || join(process.env['HOME'] || '/root', '.cache');
  return join(base, 'cxl-nvme');
}

export class HarnessError extends Error {
  override name = 'HarnessError';
}

/** True when `name` resolves on PATH; used to decide whether an install step can be skipped. */
export function haveCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command to completion and returns its stdout; throws with stderr on failure. */
export function capture(cmd: string, args: readonly string[], opts: SpawnOptions = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw new HarnessError(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new HarnessError(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).trim().slice(-2000)}`);
  }
  return String(r.stdout);
}

const children = new Set<ChildProcess>();

/** Kills whatever `run` still has going (a timeout or Ctrl-C must not leave a kernel build behind). */
export function killChildren(): void {
  for (const c of children) {
    try {
      if (c.pid !== undefined) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Runs a command with output going to our stdout/stderr (or a file), resolving on exit 0.
 * Async so long steps (kernel build) keep the overall-timeout timer alive.
 */
export function run(cmd: string, args: readonly string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    // detached = its own process group, so killChildren also reaches make's and the pipeline's children.
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts, detached: true });
    children.add(child);
    child.on('error', (e) => reject(new HarnessError(`${cmd}: ${e.message}`)));
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new HarnessError(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Single-quotes a value for a POSIX shell (the guest init sources a file we write). */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
