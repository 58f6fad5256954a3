/**
 * Enumerate CXL memory devices from sysfs, without opening them: /sys/bus/cxl/devices/memN and
 * the attributes of Documentation/ABI/testing/sysfs-bus-cxl (serial, firmware_version, ram/size,
 * pmem/size, numa_node) plus payload_max and label_storage_size (drivers/cxl/core/memdev.c).
 * Formats, from memdev.c: serial, ram/size and pmem/size are "%#llx" (hex, "0" for zero);
 * payload_max and label_storage_size "%zu"; firmware_version "%.16s".
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CxlMemdevInfo {
  /** 'mem0' */
  readonly name: string;
  /** The mailbox node: '/dev/cxl/mem0'. */
  readonly devPath: string;
  readonly sysfsPath: string;
  /** PCIe Device Serial Number. */
  readonly serial?: bigint;
  readonly firmwareVersion?: string;
  /** Mailbox payload size in bytes. */
  readonly payloadMax?: number;
  /** Label Storage Area size in bytes. */
  readonly labelStorageSize?: number;
  /** Volatile-only capacity in bytes. */
  readonly ramSize?: bigint;
  /** Persistent-only capacity in bytes. */
  readonly pmemSize?: bigint;
  readonly numaNode?: number;
}

export interface ScanCxlOptions {
  /** Where sysfs is mounted (default '/sys'). */
  readonly sysfsRoot?: string;
  /** Where device nodes live (default '/dev'). */
  readonly devRoot?: string;
}

async function attr(dir: string, name: string): Promise<string | undefined> {
  try {
    const v = (await readFile(join(dir, name), 'utf8')).trim();
    return v === '' ? undefined : v;
  } catch {
    return undefined;
  }
}

function big(v: string | undefined): bigint | undefined {
  if (v === undefined) return undefined;
  try {
    return BigInt(v); // accepts "0x..." and decimal
  } catch {
    return undefined;
  }
}

function int(v: string | undefined): number | undefined {
  if (v === undefined || !/^-?(0x[0-9a-f]+|\d+)$/i.test(v)) return undefined;
  return Number(v);
}

/** Every memN under <sysfsRoot>/bus/cxl/devices, in numeric order. Empty when CXL is absent. */
export async function scanCxlMemdevs(options: ScanCxlOptions = {}): Promise<CxlMemdevInfo[]> {
  const sysfsRoot = options.sysfsRoot ?? '/sys';
  const devRoot = options.devRoot ?? '/dev';
  const base = join(sysfsRoot, 'bus', 'cxl', 'devices');
  let entries: string[];
  try {
    entries = await readdir(base);
  } catch {
    return [];
  }
  const names = entries.filter((e) => /^mem\d+$/.test(e)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  return Promise.all(
    names.map(async (name): Promise<CxlMemdevInfo> => {
      const dir = join(base, name);
      const [serial, fw, payloadMax, lsa, ram, pmem, numa] = await Promise.all([
        attr(dir, 'serial'),
        attr(dir, 'firmware_version'),
        attr(dir, 'payload_max'),
        attr(dir, 'label_storage_size'),
        attr(dir, 'ram/size'),
        attr(dir, 'pmem/size'),
        attr(dir, 'numa_node'),
      ]);
      const info: Record<string, unknown> = { name, devPath: join(devRoot, 'cxl', name), sysfsPath: dir };
      const set = (k: string, v: unknown) => {
        if (v !== undefined) info[k] = v;
      };
      set('serial', big(serial));
      set('firmwareVersion', fw);
      set('payloadMax', int(payloadMax));
      set('labelStorageSize', int(lsa));
      set('ramSize', big(ram));
      set('pmemSize', big(pmem));
      set('numaNode', int(numa));
      return info as unknown as CxlMemdevInfo;
    }),
  );
}
