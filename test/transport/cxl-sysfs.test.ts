/** scanCxlMemdevs on a sysfs tree laid out like the kernel's (formats from drivers/cxl/core/memdev.c). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanCxlMemdevs } from '../../src/transport/cxl-sysfs.js';

const root = mkdtempSync(join(tmpdir(), 'cxl-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function memdev(name: string, attrs: Record<string, string>) {
  const dir = join(root, 'bus/cxl/devices', name);
  mkdirSync(join(dir, 'ram'), { recursive: true });
  mkdirSync(join(dir, 'pmem'), { recursive: true });
  for (const [k, v] of Object.entries(attrs)) writeFileSync(join(dir, k), v);
}

describe('scanCxlMemdevs', () => {
  it('reads every memN in numeric order with typed attributes', async () => {
    memdev('mem0', {
      serial: '0x1a2b3c4d5e6f7788\n', // "%#llx"
      firmware_version: 'BWFW VERSION 00\n',
      payload_max: '2048\n', // "%zu"
      label_storage_size: '131072\n',
      'ram/size': '0x10000000\n',
      'pmem/size': '0\n', // %#llx prints 0 without a prefix
      numa_node: '-1\n',
    });
    memdev('mem10', { serial: '0x0\n', payload_max: '1048576\n' });
    memdev('mem2', { firmware_version: '\n' });
    mkdirSync(join(root, 'bus/cxl/devices/decoder0.0'), { recursive: true });
    mkdirSync(join(root, 'bus/cxl/devices/port1'), { recursive: true });
    mkdirSync(join(root, 'bus/cxl/devices/memdev'), { recursive: true });

    const devs = await scanCxlMemdevs({ sysfsRoot: root, devRoot: '/devx' });
    expect(devs.map((d) => d.name)).toEqual(['mem0', 'mem2', 'mem10']);
    expect(devs[0]).toEqual({
      name: 'mem0',
      devPath: '/devx/cxl/mem0',
      sysfsPath: join(root, 'bus/cxl/devices/mem0'),
      serial: 0x1a2b3c4d5e6f7788n,
      firmwareVersion: 'BWFW VERSION 00',
      payloadMax: 2048,
      labelStorageSize: 131072,
      ramSize: 0x10000000n,
      pmemSize: 0n,
      numaNode: -1,
    });
    expect(devs[1]).toEqual({ name: 'mem2', devPath: '/devx/cxl/mem2', sysfsPath: join(root, 'bus/cxl/devices/mem2') });
    expect(devs[2]).toMatchObject({ serial: 0n, payloadMax: 1048576 });
  });

  it('returns nothing when there is no CXL bus', async () => {
    expect(await scanCxlMemdevs({ sysfsRoot: join(root, 'absent') })).toEqual([]);
  });
});
