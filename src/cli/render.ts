/** Small human-output helpers shared by the CLI commands: units, flags, hex. */
import { formatBytes } from '../structs/format.js';

export { formatBytes };

/** 4294967296n -> '4294967296 B (4.00 GiB)'. */
export function bytesText(n: bigint | number): string {
  return `${n.toString()} B${Number(n) >= 1024 ? ` (${formatBytes(n)})` : ''}`;
}

/** 0x1234 with a fixed number of hex digits. */
export function hexN(n: number | bigint, digits = 0): string {
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

/** Names of the true flags of a decoded bits word, or `none`. */
export function flagNames(bits: unknown, none = 'none'): string {
  if (!bits || typeof bits !== 'object') return String(bits);
  const on = Object.entries(bits as Record<string, unknown>)
    .filter(([, v]) => v !== false && v !== 0)
    .map(([k, v]) => (v === true ? k : `${k}=${String(v)}`));
  return on.length ? on.join(', ') : none;
}

/** Kelvin (NVMe) to '308 K (35 °C)'. */
export function kelvinText(k: number): string {
  return k === 0 ? 'not reported' : `${k - 273} °C (${k} K)`;
}

/** A classic hex dump: offset, 16 bytes, ASCII. */
export function hexdump(bytes: Uint8Array, base = 0): string {
  const lines: string[] = [];
  for (let o = 0; o < bytes.length; o += 16) {
    const row = bytes.subarray(o, o + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${(base + o).toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

/** Nanoseconds since the epoch as ISO text ('never set' for 0). */
export function nsText(ns: bigint): string {
  if (ns === 0n) return '0 (never set)';
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ns} ns` : `${ns} ns (${d.toISOString()})`;
}

/** A titled section for multi-part human output. */
export function section(title: string, body: string): string {
  return `${title}\n${'='.repeat(title.length)}\n${body}`;
}
