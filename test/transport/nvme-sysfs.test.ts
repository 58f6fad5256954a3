/**
 * scanNvme on a temporary sysfs tree laid out like the kernel's: attribute names and formats from
 * drivers/nvme/host/sysfs.c (strings "%.*s\n" with the device's space padding, ints "%d\n"), block
 * queue limits from block/blk-sysfs.c, `size` in 512-byte sectors (block/genhd.c).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanNvme } from '../../src/transport/nvme-sysfs.js';

const root = mkdtempSync(join(tmpdir(), 'nvme-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sys = join(root, 'sys');
const dev = join(root, 'dev');

function files(dir: string, attrs: Record<string, string>) {
  for (const [k, v] of Object.entries(attrs)) {
    const p = join(dir, k);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, v);
  }
}

function namespace(dir: string, nsid: number, sectors: bigint, lbs: number) {
  files(dir, {
    nsid: `${nsid}\n`,
    size: `${sectors}\n`,
    wwid: 'eui.0025388b91d1e0a1\n',
    'queue/logical_block_size': `${lbs}\n`,
    'queue/max_hw_sectors_kb': '128\n',
    'queue/max_segments': '33\n',
  });
}

describe('scanNvme', () => {
  it('controllers with attributes, their namespaces, generic nodes, multipath heads', async () => {
    const c0 = join(sys, 'class/nvme/nvme0');
    files(c0, {
      model: 'Samsung SSD 980 PRO 1TB                 \n',
      serial: 'S5GXNF0R123456      \n',
      firmware_rev: '5B2QGXA7\n',
      transport: 'pcie\n',
      address: '0000:01:00.0\n',
      cntlid: '6\n',
      state: 'live\n',
      subsysnqn: 'nqn.1994-11.com.samsung:nvme:980PRO:M.2:S5GXNF0R123456\n',
      numa_node: '-1\n',
    });
    namespace(join(c0, 'nvme0n1'), 1, 1953525168n, 512);
    namespace(join(c0, 'nvme0n10'), 10, 8n * 1024n * 1024n, 4096);
    namespace(join(c0, 'nvme0n2'), 2, 2048n, 512);
    const c10 = join(sys, 'class/nvme/nvme10');
    files(c10, { model: 'QEMU NVMe Ctrl\n', transport: 'tcp\n', address: 'traddr=10.0.0.1,trsvcid=4420\n', cntlid: '1\n', numa_node: '0\n' });
    // Native multipath: the controller holds the per-path node, the head lives in /sys/block.
    namespace(join(c10, 'nvme1c10n1'), 1, 4096n, 512);
    namespace(join(sys, 'block/nvme1n1'), 1, 4096n, 512);
    namespace(join(sys, 'block/nvme0n1'), 1, 1953525168n, 512); // the same disk seen from /sys/block
    mkdirSync(join(sys, 'block/sda'), { recursive: true });
    mkdirSync(join(sys, 'class/nvme/nvme-fabrics'), { recursive: true });
    mkdirSync(dev, { recursive: true });
    writeFileSync(join(dev, 'ng0n1'), '');

    const scan = await scanNvme({ sysfsRoot: sys, devRoot: dev });
    expect(scan.controllers.map((c) => c.name)).toEqual(['nvme0', 'nvme10']);
    const n0 = scan.controllers[0]!;
    expect(n0).toMatchObject({
      devPath: join(dev, 'nvme0'),
      model: 'Samsung SSD 980 PRO 1TB',
      serial: 'S5GXNF0R123456',
      firmwareRev: '5B2QGXA7',
      transport: 'pcie',
      address: '0000:01:00.0',
      cntlid: 6,
      state: 'live',
      subsysnqn: 'nqn.1994-11.com.samsung:nvme:980PRO:M.2:S5GXNF0R123456',
    });
    expect(n0.numaNode).toBeUndefined(); // -1: no NUMA affinity
    expect(n0.namespaces.map((n) => n.name)).toEqual(['nvme0n1', 'nvme0n2', 'nvme0n10']);
    expect(n0.namespaces[0]).toEqual({
      name: 'nvme0n1',
      devPath: join(dev, 'nvme0n1'),
      genericPath: join(dev, 'ng0n1'),
      sysfsPath: join(c0, 'nvme0n1'),
      nsid: 1,
      controller: 'nvme0',
      sizeBytes: 1953525168n * 512n,
      logicalBlockSize: 512,
      maxTransferBytes: 128 * 1024,
      maxSegments: 33,
      wwid: 'eui.0025388b91d1e0a1',
    });
    expect(n0.namespaces[2]).toMatchObject({ nsid: 10, sizeBytes: 4n << 30n, logicalBlockSize: 4096 });
    expect(n0.namespaces[2]!.genericPath).toBeUndefined();
    const n10 = scan.controllers[1]!;
    expect(n10).toMatchObject({ transport: 'tcp', address: 'traddr=10.0.0.1,trsvcid=4420', numaNode: 0 });
    // nvme1c10n1 is a path of the head nvme1n1: reported as the head, once.
    expect(n10.namespaces.map((n) => [n.name, n.devPath, n.controller])).toEqual([['nvme1n1', join(dev, 'nvme1n1'), 'nvme10']]);
    expect(scan.namespaces.map((n) => n.name)).toEqual(['nvme0n1', 'nvme0n2', 'nvme0n10', 'nvme1n1']);
  });

  it('an orphan head (multipath, no controller listing it) comes from /sys/block', async () => {
    const r2 = mkdtempSync(join(root, 'b-'));
    namespace(join(r2, 'block/nvme3n1'), 1, 8n, 512);
    const scan = await scanNvme({ sysfsRoot: r2, devRoot: '/devx' });
    expect(scan.controllers).toEqual([]);
    expect(scan.namespaces).toEqual([expect.objectContaining({ name: 'nvme3n1', devPath: '/devx/nvme3n1', nsid: 1, sizeBytes: 4096n })]);
    expect(scan.namespaces[0]!.controller).toBeUndefined();
  });

  it('no NVMe at all: empty lists, no error', async () => {
    expect(await scanNvme({ sysfsRoot: join(root, 'missing') })).toEqual({ controllers: [], namespaces: [] });
  });
});
