// Helpers for live tests: where the guest may write, and how to record fixtures the harness copies out.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Inside the guest: the read-write share with the host's run dir (`<run dir>/out`). */
export const liveOutDir = process.env['CXL_NVME_LIVE_OUT'] ?? '';
/** Files written here are copied to $CXL_NVME_RECORD_DIR on the host when that is set. */
export const recordDir = process.env['CXL_NVME_LIVE_RECORD'] ?? (liveOutDir ? join(liveOutDir, 'record') : '');
/** True when the developer asked for fixtures (`CXL_NVME_RECORD_DIR=... npm run test:live`). */
export const recording = Boolean(process.env['CXL_NVME_RECORD_DIR']);

/**
 * Writes a fixture (bytes or text) under the record dir; `name` may contain subdirectories. Returns the guest
 * path. Cheap enough to call unconditionally; the host keeps the files only when recording.
 */
export function recordFixture(name: string, data: Uint8Array | string): string {
  if (!recordDir) throw new Error('recordFixture: not running under npm run test:live (no CXL_NVME_LIVE_RECORD)');
  const path = resolve(recordDir, name);
  if (!path.startsWith(`${resolve(recordDir)}/`)) throw new Error(`recordFixture: ${name} escapes the record dir`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

/**
 * The /dev/cxl/memN node of the device with this serial. Probe order decides N and it differs between boots,
 * so tests must find a device by its serial, never assume mem0 is a given device.
 */
export function cxlMemdevBySerial(serial: number): string {
  const want = `0x${serial.toString(16)}`;
  const sysfs = '/sys/bus/cxl/devices';
  for (const name of readdirSync(sysfs)) {
    if (!/^mem\d+$/.test(name)) continue;
    if (readFileSync(join(sysfs, name, 'serial'), 'utf8').trim() === want) return `/dev/cxl/${name}`;
  }
  throw new Error(`no CXL memdev with serial ${want} in ${sysfs}`);
}
