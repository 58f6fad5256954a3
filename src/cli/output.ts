/**
 * CLI output: aligned tables for people, a stable JSON form for scripts, progress that draws a bar
 * on a terminal and prints plain lines otherwise. JSON rules (documented in docs/cli-json.md):
 * one object per command, 64-bit values as decimal strings, byte arrays as hex strings.
 */
import { jsonValue } from '../structs/format.js';

export interface Out {
  write(s: string): void;
  readonly isTTY: boolean;
}

/** Render rows as an aligned table; numbers right-aligned. */
export function table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  if (rows.length === 0) return '(none)';
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === undefined || v === null ? '-' : typeof v === 'bigint' ? v.toString() : String(v));
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const numeric = cols.map((_c, i) => rows.every((r) => typeof r[cols[i]!] === 'number' || typeof r[cols[i]!] === 'bigint'));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => (numeric[i] ? v.padStart(width[i]!) : v.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** `key : value` lines, keys aligned. */
export function keyValues(entries: readonly [string, unknown][]): string {
  const w = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(w)} : ${typeof v === 'bigint' ? v.toString() : String(v)}`).join('\n');
}

/** The JSON form of any value: bigint as decimal string, Uint8Array as hex. */
export function toJsonText(v: unknown): string {
  return JSON.stringify(jsonValue(v), null, 2);
}

export interface Progress {
  update(percent: number, note?: string): void;
  done(note?: string): void;
}

/** A progress bar on a terminal; a plain line per 10% step otherwise (logs stay readable). */
export function progress(out: Out, label: string): Progress {
  let lastStep = -1;
  const width = 30;
  return {
    update(percent, note) {
      const p = Math.max(0, Math.min(100, Math.round(percent)));
      if (out.isTTY) {
        const fill = Math.round((p / 100) * width);
        out.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(p).padStart(3)}%${note ? ` ${note}` : ''}`);
      } else {
        const step = Math.floor(p / 10);
        if (step !== lastStep) {
          lastStep = step;
          out.write(`${label}: ${p}%${note ? ` ${note}` : ''}\n`);
        }
      }
    },
    done(note) {
      if (out.isTTY) out.write(`\r${label} [${'#'.repeat(width)}] 100%${note ? ` ${note}` : ''}\n`);
      else out.write(`${label}: done${note ? ` (${note})` : ''}\n`);
    },
  };
}
