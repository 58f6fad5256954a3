/**
 * openCxl / openNvme / listDevices and the package entry points: every kind of spec, record and
 * replay, ENOENT before any native code, and the import graphs (cxl-nvme/codec touches no Node
 * built-in and no native code; cxl-nvme loads native code only through dynamic imports).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDevices } from '../../src/api/list.js';
import { isNvmeName, OpenedNvmeDevice, openCxl, openNvme, parseDeviceSpec, resolveScenario } from '../../src/api/open.js';
import * as codecEntry from '../../src/codec.js';
import * as pkg from '../../src/index.js';
import { scanCxlMemdevs } from '../../src/transport/cxl-sysfs.js';
import { scanNvme } from '../../src/transport/nvme-sysfs.js';

const dir = mkdtempSync(join(tmpdir(), 'cxl-nvme-open-'));

describe('parseDeviceSpec', () => {
  it.each([
    ['mem0', { kind: 'path', path: '/dev/cxl/mem0' }],
    ['/dev/cxl/mem3', { kind: 'path', path: '/dev/cxl/mem3' }],
    ['nvme0', { kind: 'path', path: '/dev/nvme0' }],
    ['ng1n2', { kind: 'path', path: '/dev/ng1n2' }],
    ['mctp:1,8', { kind: 'mctp', net: 1, eid: 8 }],
    ['sim:mem0', { kind: 'sim', name: 'mem0' }],
  ])('%s', (spec, want) => expect(parseDeviceSpec(spec)).toEqual(want));

  it.each(['mctp:1', 'mctp:1,0', 'mctp:1,255', 'sim:', ''])('rejects %j', (spec) => expect(() => parseDeviceSpec(spec)).toThrow(expect.objectContaining({ code: 'USAGE' })));

  it('tells NVMe names from CXL ones', () => {
    expect([isNvmeName('/dev/nvme0n1'), isNvmeName('ng0n1'), isNvmeName('sim:nvme0'), isNvmeName('mem0'), isNvmeName('sw0')]).toEqual([true, true, true, false, undefined]);
  });
});

describe('openCxl', () => {
  it('sim:<name> from the default scenario, probed', async () => {
    const ep = await openCxl('sim:mem0');
    expect(ep.identity).toMatchObject({ serialNum: 0x1000000000000001n, componentType: 'type3' });
    expect((await ep.memdevGetHealthInfo()).deviceTemperature).toBe(38);
    await ep.close();
  });

  it('a scenario of its own, and a CxlTransport as is', async () => {
    const fleet = resolveScenario({ v: 1, cxl: { a: { type: 'type3', serial: '0x42', temperature: 55 } } });
    const ep = await openCxl('sim:a', { scenario: fleet });
    expect(ep.identity?.serialNum).toBe(0x42n);
    const direct = await openCxl(resolveScenario(undefined).cxl.get('sw0')!);
    expect(direct.componentType).toBe('switch');
  });

  it('ENOENT for a missing node, an unknown simulator, before loading native code', async () => {
    await expect(openCxl('mem7', { devRoot: dir })).rejects.toMatchObject({ code: 'ENOENT', layer: 'system', message: `${dir}/cxl/mem7: no such CXL memory device` });
    await expect(openCxl('/nonexistent/cxl/mem0')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(openCxl('sim:nope')).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining('mem0, mem1, sw0') });
    await expect(openCxl(undefined)).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('record then replay gives the same replies', async () => {
    const file = join(dir, 'cxl.jsonl');
    const a = await openCxl('sim:mem1', { record: file });
    const h1 = await a.memdevGetHealthInfo();
    await a.close();
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('"device":"sim:mem1"');
    const b = await openCxl(undefined, { replay: file });
    expect(b.identity?.serialNum).toBe(0x1000000000000002n);
    expect(await b.memdevGetHealthInfo()).toEqual(h1);
    await expect(b.memdevGetHealthInfo()).rejects.toMatchObject({ code: 'TRANSPORT_REPLAY_MISMATCH' });
    await expect(openNvme(undefined, { replay: file })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('openNvme', () => {
  it('controller and namespace specs of the simulator', async () => {
    const c = await openNvme('sim:nvme0');
    expect(c).toBeInstanceOf(OpenedNvmeDevice);
    expect(c.nsid).toBeUndefined();
    expect((await c.idCtrl()).sn.trim()).toBe('SIMNVME0001');
    const n = await openNvme('sim:nvme0n2');
    expect(n.nsid).toBe(2);
    expect((await n.geometry(2)).nbytes).toBe(4096);
    await expect(openNvme('sim:nvme9')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ENOENT for missing nodes', async () => {
    await expect(openNvme('nvme9n1', { devRoot: dir })).rejects.toMatchObject({ code: 'ENOENT', message: `${dir}/nvme9n1: no such NVMe device node` });
    await expect(openNvme('/nonexistent/ng0n1')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('record then replay; the namespace comes from the recorded device name', async () => {
    const file = join(dir, 'nvme.jsonl');
    const a = await openNvme('sim:nvme0n1', { record: file });
    const s1 = await a.smartLog();
    const b = await openNvme(undefined, { replay: file });
    expect(b.nsid).toBeUndefined(); // the recording names the controller transport 'sim:nvme0'
    expect(await b.smartLog()).toEqual(s1);
    await expect(openCxl(undefined, { replay: file })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('listDevices', () => {
  it('sysfs devices plus the simulated fleet', async () => {
    const l = await listDevices({ sysfsRoot: dir, scenario: true });
    expect(l.cxl).toEqual([]);
    expect(l.nvme).toEqual({ controllers: [], namespaces: [] });
    expect(l.simulated?.cxl.map((c) => [c.device, c.type])).toEqual([
      ['sim:mem0', 'type3'],
      ['sim:mem1', 'type3'],
      ['sim:sw0', 'switch'],
    ]);
    expect(l.simulated?.cxl[1]).toMatchObject({ totalBytes: 5n << 30n, volatileBytes: 1n << 30n });
    expect(l.simulated?.nvme[0]).toMatchObject({ device: 'sim:nvme0', serial: 'SIMNVME0001', namespaces: [{ nsid: 1, lbaBytes: 512 }, { nsid: 2, lbaBytes: 4096 }] });
    expect((await listDevices({ sysfsRoot: dir })).simulated).toBeUndefined();
  });
});

describe('entry points', () => {
  it('cxl-nvme: cxl and nvme namespaces, simulator and record / replay classes', () => {
    expect(pkg.cxl.open).toBe(openCxl);
    expect(pkg.cxl.scan).toBe(scanCxlMemdevs);
    expect(pkg.nvme.open).toBe(openNvme);
    expect(pkg.nvme.scan).toBe(scanNvme);
    expect(typeof pkg.cxl.Endpoint).toBe('function');
    expect(typeof pkg.cxl.encodeMessage).toBe('function');
    expect(typeof pkg.nvme.NvmeDevice).toBe('function');
    expect(typeof pkg.nvme.identifyCtrl).toBe('function');
    for (const k of ['SimCxlType3', 'SimCxlSwitch', 'SimNvmeController', 'loadScenario', 'RecordingCxlTransport', 'ReplayNvmeTransport', 'openReplay', 'listDevices']) {
      expect(pkg, k).toHaveProperty(k);
    }
    expect(typeof pkg.codecs.idCtrl.decode).toBe('function');
  });

  it('nvme.decode / encode by struct name', () => {
    const bytes = pkg.nvme.encode('smartLog', { temperature: 310, availSpare: 99 });
    expect(bytes).toHaveLength(512);
    expect(pkg.nvme.decode('smartLog', bytes)).toMatchObject({ temperature: 310, availSpare: 99 });
    expect(() => pkg.nvme.decode('noSuchStruct', bytes)).toThrow(expect.objectContaining({ code: 'CODEC_UNKNOWN_STRUCT' }));
  });

  it('cxl-nvme/codec carries the protocol layers', () => {
    expect(typeof codecEntry.cxl.encodeMessage).toBe('function');
    expect(typeof codecEntry.nvme.identifyCtrl).toBe('function');
    expect(codecEntry.nvme.decodeStatus(0x0002).name).toBe('invalidField');
  });
});

/** Static imports reachable from `entries` (dynamic `import()` calls are not followed). */
function staticGraph(entries: string[]): { files: Set<string>; external: string[] } {
  const files = new Set<string>();
  const external: string[] = [];
  const stack = entries.map((e) => resolve(e));
  while (stack.length) {
    const f = stack.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    const src = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      if (m[2]) continue; // type-only: erased
      const spec = (m[3] ?? m[4])!;
      if (!spec.startsWith('.')) {
        external.push(`${f}: ${spec}`);
        continue;
      }
      const ts = resolve(dirname(f), spec).replace(/\.js$/, '.ts');
      if (existsSync(ts)) stack.push(ts);
      else external.push(`${f}: unresolved ${spec}`);
    }
  }
  return { files, external };
}

describe('import graphs', () => {
  it('src/codec.ts reaches no node: builtin, no package and no native code', () => {
    const g = staticGraph(['src/codec.ts']);
    expect(g.files.size).toBeGreaterThan(20);
    expect(g.external).toEqual([]);
    expect([...g.files].filter((f) => /[/\\](native|transport)[/\\]/.test(f))).toEqual([]);
  });

  it('src/index.ts and the CLI reach the native addon only through dynamic imports', () => {
    for (const entry of ['src/index.ts', 'src/cli/main.ts']) {
      const g = staticGraph([entry]);
      expect([...g.files].filter((f) => /src[/\\]transport[/\\](native[/\\]|cxl-mailbox|nvme-ioctl|mctp\.ts$|mctp-socket)/.test(f))).toEqual([]);
      expect(g.external.filter((x) => !/: node:/.test(x))).toEqual([]);
    }
  });
});
