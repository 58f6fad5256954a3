/**
 * The CLI end to end against the simulated fleet of scenarios/default.json, in-process: human and
 * JSON output checked against the values the scenario gives the devices (serials, capacities,
 * temperatures), every command run at least once, usage errors, exit codes, record / replay.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultScenarioPath, resolveScenario } from '../../src/api/open.js';
import { commands } from '../../src/cli/main.js';
import { toHex } from '../../src/transport/record.js';
import { type LoadedScenario, type SimNvmeController, SimNvmeMi } from '../../src/transport/sim/index.js';
import { run } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cxl-nvme-cli-'));
const covered = new Set<string>();

/** Run with --sim and note which command ran. */
async function sim(argv: string[], extra: Parameters<typeof run>[1] = {}) {
  const r = await run(['--sim', ...argv], extra);
  const name = [`${argv[0]} ${argv[1]}`, argv[0]!].find((n) => commands.some((c) => c.name === n));
  if (name && r.code !== 2) covered.add(name);
  return r;
}

const SERIAL_MEM0 = (0x1000000000000001n).toString();

describe('list, info, demo', () => {
  it('list --sim: the fleet with serials, capacities and namespaces', async () => {
    const r = await sim(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sim:mem0\s+type3\s+0x1000000000000001\s+SIM-T3-1\.0\s+4294967296 B \(4\.00 GiB\)/);
    expect(r.out).toMatch(/sim:sw0\s+switch\s+0x2000000000000001/);
    expect(r.out).toContain('port 1: mld (2 LDs); port 2: type3');
    expect(r.out).toMatch(/sim:nvme0\s+cxl-nvme simulated NVMe\s+SIMNVME0001\s+1\.0/);
    expect(r.out).toMatch(/sim:nvme0n2\s+4294967296 B \(4\.00 GiB\)\s+4096/);
    const j = (await sim(['list', '--json'])).json();
    expect(j.command).toBe('list');
    const s = (j.result as { simulated: { cxl: Record<string, unknown>[]; nvme: { serial: string; namespaces: { sizeBytes: string }[] }[] } }).simulated;
    expect(s.cxl[0]).toMatchObject({ device: 'sim:mem0', type: 'type3', serial: SERIAL_MEM0, totalBytes: '4294967296' });
    expect(s.nvme[0]!.serial).toBe('SIMNVME0001');
    expect(s.nvme[0]!.namespaces.map((n) => n.sizeBytes)).toEqual(['1073741824', '4294967296']);
  });

  it('list without --sim reads sysfs (an empty tree here)', async () => {
    const root = mkdtempSync(join(dir, 'sys-'));
    // A bus address where nothing listens: the result must not depend on this machine's D-Bus.
    const noBus = `unix:path=${join(root, 'no-bus')}`;
    const r = await run(['list', '--json', '--dbus', noBus], { sysfsRoot: root, devRoot: root });
    expect(r.code).toBe(0);
    expect(r.json().result).toMatchObject({ cxl: [], nvme: { controllers: [], namespaces: [] }, mctp: [] });
    const h = await run(['list', '--dbus', noBus], { sysfsRoot: root, devRoot: root });
    expect(h.out).toContain('CXL memory devices');
    expect(h.out).toContain('(none)');
  });

  it('info: CXL identify + health; NVMe controller + namespace geometry', async () => {
    const c = await sim(['info', 'mem0']);
    expect(c.code).toBe(0);
    expect(c.out).toContain('serial number       : 0x1000000000000001');
    expect(c.out).toContain('temperature                 : 38 °C (normal)');
    const n = await sim(['info', 'nvme0', '--json']);
    const res = n.json().result as { controller: { sn: string }; namespaces: { nsid: number; geometry: { nbytes: number; tbytes: string } }[] };
    expect(res.controller.sn.trim()).toBe('SIMNVME0001');
    expect(res.namespaces.map((x) => [x.nsid, x.geometry.nbytes, x.geometry.tbytes])).toEqual([
      [1, 512, '1073741824'],
      [2, 4096, '4294967296'],
    ]);
  });

  it('demo: fleet, CXL health reports and an NVMe SMART log', async () => {
    const r = await run(['demo']);
    covered.add('demo');
    expect(r.code).toBe(0);
    expect(r.out).toContain('CXL health report: sim:mem0');
    expect(r.out).toContain('CXL health report: sim:mem1');
    expect(r.out).toMatch(/temperature\s+: 41 °C \(normal\)/);
    expect(r.out).toContain('NVMe SMART log: sim:nvme0 (cxl-nvme simulated NVMe, serial SIMNVME0001)');
    expect(r.out).toMatch(/temperature\s+: 35 °C \(308 K\)/);
  });

  it('help: general, per command, and `help <command>`', async () => {
    const g = await run(['--help']);
    expect(g.code).toBe(0);
    expect(g.out).toContain('usage: cxl-nvme');
    for (const c of commands) expect(g.out).toContain(c.name);
    const f = await run(['fw', 'update', '--help']);
    expect(f.out).toContain('usage: cxl-nvme fw update [device] FILE');
    expect(f.out).toContain('--slot');
    const h = await run(['help', 'poison', 'list']);
    covered.add('help');
    expect(h.out).toContain('Get Poison List');
  });
});

describe('CXL memory device commands', () => {
  it('identify: human and JSON', async () => {
    const r = await sim(['identify', 'mem0']);
    expect(r.out).toContain('component type      : type3');
    expect(r.out).toContain('firmware revision       : SIM-T3-1.0');
    expect(r.out).toContain('volatile only           : 2147483648 B (2.00 GiB)');
    const j = (await sim(['identify', 'mem0', '--json'])).json();
    expect(j.device).toBe('sim:mem0');
    const res = j.result as { identify: Record<string, unknown>; memdev: Record<string, unknown> };
    expect(res.identify).toMatchObject({ serialNum: SERIAL_MEM0, componentType: 'type3' });
    expect(res.memdev).toMatchObject({ fwRevision: 'SIM-T3-1.0', totalCapacity: '16', volatileCapacity: '8', persistentCapacity: '8', lsaSize: 4096 });
  });

  it('health: units in human output, raw fields in JSON', async () => {
    const r = await sim(['health', 'mem1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('life used                   : 12% (normal)');
    expect(r.out).toContain('temperature                 : 41 °C (normal)');
    const j = (await sim(['health', 'mem1', '--json'])).json();
    expect(j.result).toMatchObject({ mediaStatus: 'normal', lifeUsed: 12, deviceTemperature: 41, dirtyShutdownCount: 0 });
  });

  it('alerts get / set', async () => {
    const g = await sim(['alerts', 'get', 'mem0', '--json']);
    expect(g.code).toBe(0);
    expect((g.json().result as Record<string, unknown>).lifeUsedCriticalAlertThreshold).toBeTypeOf('number');
    const s = await sim(['alerts', 'set', 'mem0', '--life-used', '80', '--over-temp', '70', '--json']);
    expect(s.code).toBe(0);
    expect((s.json().result as { config: Record<string, unknown> }).config).toMatchObject({
      lifeUsedProgrammableWarningThreshold: 80,
      deviceOverTemperatureProgrammableWarningThreshold: 70,
    });
    expect((await sim(['alerts', 'set', 'mem0'])).code).toBe(2);
  });

  it('partition', async () => {
    const r = await sim(['partition', 'mem1']);
    expect(r.out).toContain('active volatile   : 1073741824 B (1.00 GiB)');
    expect(r.out).toContain('active persistent : 4294967296 B (4.00 GiB)');
  });

  it('fw info, fw update (progress), fw activate on one fleet', async () => {
    const fleet = resolveScenario(undefined);
    const image = join(dir, 'fw.bin');
    const bytes = new Uint8Array(5000);
    bytes.set(new TextEncoder().encode('SIM-T3-2.0'));
    writeFileSync(image, bytes);
    const u = await sim(['fw', 'update', 'mem0', image, '--slot', '2'], { fleet });
    expect(u.code).toBe(0);
    expect(u.out).toContain('wrote 5000 B (4.88 KiB) to slot 2 in 3 part(s)');
    expect(u.err).toContain('transfer 5000 bytes to slot 2: done');
    const a = await sim(['fw', 'activate', 'mem0', '--slot', '2', '--online'], { fleet });
    expect(a.code).toBe(0);
    const i = await sim(['fw', 'info', 'mem0', '--json'], { fleet });
    expect(i.json().result).toMatchObject({ slotInfo: { activeSlot: 2 }, fwRev2: 'SIM-T3-2.0' });
    const t = await run(['--sim', 'fw', 'update', 'mem0', image, '--slot', '3'], { tty: true });
    expect(t.err).toContain('\rtransfer 5000 bytes to slot 3 [');
  });

  it('timestamp get / set', async () => {
    const fleet = resolveScenario(undefined);
    expect((await sim(['timestamp', 'get', 'mem0'], { fleet })).out).toContain('0 (never set)');
    const s = await sim(['timestamp', 'set', 'mem0', '--ns', '1700000000000000000'], { fleet });
    expect(s.out).toContain('2023-11-14T22:13:20.000Z');
    const g = await sim(['timestamp', 'get', 'mem0', '--json'], { fleet });
    expect(BigInt((g.json().result as { timestamp: string }).timestamp)).toBeGreaterThanOrEqual(1700000000000000000n);
  });

  it('logs supported, cel, get', async () => {
    expect((await sim(['logs', 'supported', 'mem0'])).out).toMatch(/0da9c0b5-bf41-4b78-8f79-96b1623b3f17\s+cel/);
    const cel = await sim(['logs', 'cel', 'mem0']);
    expect(cel.out).toMatch(/4200h\s+memdevGetHealthInfo/);
    const j = await sim(['logs', 'get', 'mem0', '0da9c0b5-bf41-4b78-8f79-96b1623b3f17', '--length', '8', '--json']);
    expect((j.json().result as { data: string }).data).toBe('0100000002000000');
    expect((await sim(['logs', 'get', 'mem0', 'not-a-uuid'])).code).toBe(2);
  });

  it('logs populate / get by name / clear (the Vendor Debug Log); the CEL cannot be cleared', async () => {
    const fleet = resolveScenario(undefined);
    const p = await sim(['logs', 'populate', 'mem0', 'vendorDebug', '--json'], { fleet });
    expect(p.code).toBe(0);
    const { uuid, size } = p.json().result as { uuid: string; size: number };
    expect(uuid).toBe('5e1819d9-11a9-400c-811f-d60719403d86');
    const g = await sim(['logs', 'get', 'mem0', 'vendorDebug'], { fleet });
    // One snapshot line of the device's state: the scenario's firmware revision, no poison.
    expect(g.out).toContain(`(vendorDebug), ${size} bytes from offset 0`);
    const text = await sim(['logs', 'get', 'mem0', 'vendorDebug', '--json'], { fleet });
    const line = Buffer.from((text.json().result as { data: string }).data, 'hex').toString('latin1');
    expect(line).toMatch(/^ts=\d+ fw=SIM-T3-1\.0 temp=\d+C life=\d+% poison=0 dirty=\d+\n$/);
    expect(line.length).toBe(size);
    const refused = await sim(['logs', 'clear', 'mem0', 'vendorDebug'], { fleet });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('add --yes to confirm');
    expect((await sim(['logs', 'clear', 'mem0', 'vendorDebug', '--yes'], { fleet })).out.trim()).toBe('log 5e1819d9-11a9-400c-811f-d60719403d86 (vendorDebug) cleared');
    expect((await sim(['logs', 'supported', 'mem0', '--json'], { fleet })).json().result).toMatchObject({ logs: [{ name: 'cel' }, { name: 'vendorDebug', size: 0 }] });
    const cel = await sim(['logs', 'clear', 'mem0', 'cel', '--yes'], { fleet });
    expect(cel.code).not.toBe(0);
    expect(cel.err).toMatch(/Unsupported/i);
    expect((await sim(['logs', 'populate', 'mem0', 'nonsense'])).code).toBe(2);
  });

  it('events get / clear', async () => {
    const fleet = resolveScenario(undefined);
    const g = await sim(['events', 'get', 'mem1', '--log', 'informational'], { fleet });
    expect(g.out).toMatch(/informational\s+1\s+informational/);
    const c = await sim(['events', 'clear', 'mem1', '--log', 'informational'], { fleet });
    expect(c.out).toContain('informational: cleared handles 1');
    const after = await sim(['events', 'get', 'mem1', '--log', 'informational', '--json'], { fleet });
    expect((after.json().result as { logs: { records: unknown[] }[] }).logs[0]!.records).toEqual([]);
  });

  it('poison list / inject / clear', async () => {
    const fleet = resolveScenario(undefined);
    const l = await sim(['poison', 'list', 'mem1', '--json'], { fleet });
    expect((l.json().result as { records: unknown[] }).records).toEqual([{ dpa: String(0x40000), length: '128', source: 'internal' }]);
    expect((await sim(['poison', 'inject', 'mem1', '0x1000'], { fleet })).code).toBe(2);
    expect((await sim(['poison', 'inject', 'mem1', '0x1000', '--yes'], { fleet })).code).toBe(0);
    expect((await sim(['poison', 'list', 'mem1'], { fleet })).out).toMatch(/0x000000001000\s+64 B\s+injected/);
    expect((await sim(['poison', 'clear', 'mem1', '0x40000', '--yes'], { fleet })).code).toBe(0);
    const after = await sim(['poison', 'list', 'mem1', '--json'], { fleet });
    // Clear Poison clears one 64-byte line: the second line of the 128-byte range stays poisoned.
    expect((after.json().result as { records: { dpa: string }[] }).records.map((r) => r.dpa)).toEqual([String(0x1000), String(0x40040)]);
    expect((await sim(['poison', 'inject', 'mem1', '0x1001', '--yes'], { fleet })).code).toBe(2);
  });

  it('scan-media with progress lines, then the results', async () => {
    const r = await sim(['scan-media', 'mem1', '--length', '1GiB']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('scan media: 50%');
    expect(r.out).toContain('1 media error record(s)');
    expect(r.out).toMatch(/0x000000040000\s+128 B\s+internal/);
  });

  it('sanitize and secure-erase need --yes (exit 2, nothing sent), then run', async () => {
    const no = await sim(['sanitize', 'mem0']);
    expect(no.code).toBe(2);
    expect(no.err).toContain('Nothing was sent to the device; add --yes to confirm');
    expect((await sim(['secure-erase', 'mem0'])).code).toBe(2);
    const s = await sim(['sanitize', 'mem0', '--yes']);
    expect([s.code, s.out.trim()]).toEqual([0, 'sim:mem0 sanitized']);
    expect(s.err).toContain('sanitize: done');
    expect((await sim(['secure-erase', 'mem0', '--yes'])).out.trim()).toBe('sim:mem0 securely erased');
  });

  it('security state, features list / get', async () => {
    expect((await sim(['security', 'state', 'mem0'])).out).toContain('no passphrase set, unlocked');
    const f = await sim(['features', 'list', 'mem0', '--json']);
    const feats = (f.json().result as { features: { featureId: string; getFeatureSize: number }[] }).features;
    expect(feats.length).toBeGreaterThan(0);
    const g = await sim(['features', 'get', 'mem0', feats[0]!.featureId, '--json']);
    expect(g.code).toBe(0);
    expect((g.json().result as { data: string }).data).toHaveLength(feats[0]!.getFeatureSize * 2);
  });

  it('dc config / extents', async () => {
    const e = await sim(['dc', 'extents', 'mem1']);
    expect([e.code, e.out]).toEqual([0, expect.stringContaining('0 extent(s)')]);
    // Get DC Configuration replies carry the extent / tag counters after the regions.
    const c = await sim(['dc', 'config', 'mem1']);
    covered.add('dc config');
    expect(c.code).toBe(0);
    expect(c.out).toContain('0x200000000');
  });
});

describe('FM-API commands', () => {
  it('switch identify, ports, vcs', async () => {
    const s = await sim(['switch', 'identify', 'sw0']);
    expect(s.out).toContain('physical ports         : 8');
    expect(s.out).toContain('active ports           : 0, 1, 2');
    const p = await sim(['ports', 'sw0']);
    expect(p.out).toMatch(/1\s+dsp\s+type3Mld/);
    const v = await sim(['vcs', 'sw0', '--json']);
    expect((v.json().result as { vcs: { vcsId: number; state: string }[] }).vcs[0]).toMatchObject({ vcsId: 0, state: 'enabled' });
  });

  it('bind then unbind on one fleet (background, progress)', async () => {
    const fleet = resolveScenario(undefined);
    const b = await sim(['bind', 'sw0', '--vcs', '0', '--vppb', '1', '--port', '2'], { fleet });
    expect([b.code, b.out.trim()]).toEqual([0, 'VCS 0 vPPB 1 bound to port 2']);
    const v = await sim(['vcs', 'sw0', '--json'], { fleet });
    expect((v.json().result as { vcs: { vppbs: { status: string; port: number }[] }[] }).vcs[0]!.vppbs[1]).toMatchObject({ status: 'boundPort', port: 2 });
    const u = await sim(['unbind', 'sw0', '--vcs', '0', '--vppb', '1'], { fleet });
    expect(u.code).toBe(0);
    expect((await sim(['bind', 'sw0', '--vcs', '0'])).code).toBe(2);
  });

  it('ld info / allocations and qos through --tunnel port=1', async () => {
    const i = await sim(['ld', 'info', 'sw0', '--tunnel', 'port=1']);
    expect(i.out).toContain('memory size     : 2147483648 B (2.00 GiB)');
    expect(i.out).toContain('logical devices : 2');
    const a = await sim(['ld', 'allocations', 'sw0', '--tunnel', 'port=1']);
    expect(a.out).toMatch(/0\s+1073741824 B \(1\.00 GiB\)/);
    const q = await sim(['qos', 'sw0', '--tunnel', 'port=1', '--json']);
    expect(q.json().result).toHaveProperty('status.backpressureAvgPercentage');
  });

  it('memory device commands through a switch: --tunnel port=2 and port=1,ld=0', async () => {
    const t = await sim(['identify', 'sw0', '--tunnel', 'port=2', '--json']);
    expect((t.json().result as { identify: { serialNum: string } }).identify.serialNum).toBe((0x3000000000000002n).toString());
    const ld = await sim(['health', 'sw0', '--tunnel', 'port=1,ld=0']);
    expect(ld.code).toBe(0);
    expect((await sim(['health', 'sw0', '--tunnel', 'bogus=1'])).code).toBe(2);
  });

  it('dcd info / config / extents / add / release', async () => {
    const fleet = resolveScenario(undefined);
    const i = await sim(['dcd', 'info', 'mem1'], { fleet });
    expect(i.out).toContain('DC regions             : 1');
    const add = await sim(['dcd', 'add', 'mem1', '--length', '256MiB'], { fleet });
    expect(add.out).toContain('offered 268435456 B (256.00 MiB) of region 0 to host 0');
    const e = await sim(['dcd', 'extents', 'mem1', '--json'], { fleet });
    expect(e.code).toBe(0);
    expect((await sim(['dcd', 'release', 'mem1', '--length', '2MiB'], { fleet })).code).toBe(2);
    expect((await sim(['dcd', 'release', 'mem1', '--length', '2MiB', '--yes'], { fleet })).code).toBe(0);
    const c = await sim(['dcd', 'config', 'mem1']);
    covered.add('dcd config');
    expect(c.code).toBe(0);
  });
});

describe('NVMe commands', () => {
  it('id-ctrl: summary, --verbose every field, JSON', async () => {
    const r = await sim(['id-ctrl', 'nvme0']);
    expect(r.out).toMatch(/sn\s+: SIMNVME0001/);
    expect(r.out).toMatch(/mn\s+: cxl-nvme simulated NVMe/);
    expect((await sim(['id-ctrl', 'nvme0', '--verbose'])).out).toContain('oacs');
    const j = (await sim(['id-ctrl', 'nvme0', '--json'])).json().result as Record<string, string>;
    expect(j.sn!.trim()).toBe('SIMNVME0001');
    expect(j.fr!.trim()).toBe('1.0');
  });

  it('id-ns from a namespace node or -n; a controller without -n is a usage error', async () => {
    const r = await sim(['id-ns', 'nvme0n2']);
    expect(r.out).toContain('nsze  : 1048576 blocks (4294967296 B (4.00 GiB))');
    expect(r.out).toMatch(/1\s+4096 B\s+0 B\s+\S+\s+yes/);
    const j = (await sim(['id-ns', 'nvme0', '-n', '1', '--json'])).json().result as { nsid: number; nsze: string };
    expect([j.nsid, j.nsze]).toEqual([1, '2097152']);
    const u = await sim(['id-ns', 'nvme0']);
    expect(u.code).toBe(2);
    expect(u.err).toContain('--namespace-id');
  });

  it('smart-log: °C and percentages; JSON keeps kelvin and 128-bit counters as strings', async () => {
    const r = await sim(['smart-log', 'nvme0']);
    expect(r.out).toContain('temperature               : 35 °C (308 K)');
    expect(r.out).toContain('available spare           : 100%');
    const j = (await sim(['smart-log', 'nvme0', '--json'])).json().result as Record<string, unknown>;
    expect(j).toMatchObject({ temperature: 308, availSpare: 100, powerCycles: '1' });
  });

  it('error-log, fw-log', async () => {
    expect((await sim(['error-log', 'nvme0'])).out).toContain('0 error(s) in 64 entries');
    expect((await sim(['fw-log', 'nvme0'])).out).toMatch(/1\s+1\.0\s+active/);
  });

  it('get-feature / set-feature (by number and by name)', async () => {
    const fleet = resolveScenario(undefined);
    const g = await sim(['get-feature', 'nvme0', '-f', '4'], { fleet });
    expect(g.out).toContain('value    : 0x00000157');
    const s = await sim(['set-feature', 'nvme0', '-f', 'tempThresh', '--value', '0x160'], { fleet });
    expect(s.out).toContain('current value now 0x00000160');
    const j = await sim(['get-feature', 'nvme0', '-f', '4', '--json'], { fleet });
    expect(j.json().result).toMatchObject({ fid: 4, result: 0x160, value: { tmpth: 0x160 } });
    expect((await sim(['get-feature', 'nvme0'])).code).toBe(2);
  });

  it('write (from stdin and a file) then read back; format changes the block size', async () => {
    const fleet = resolveScenario(undefined);
    const w = await sim(['write', 'nvme0n1', '--start-block', '4'], { fleet, stdin: new TextEncoder().encode('hello cxl-nvme') });
    expect(w.out).toContain('wrote 1 block(s) at LBA 4 of namespace 1 (14 bytes, 498 bytes of zero padding)');
    const r = await sim(['read', 'nvme0n1', '--start-block', '4', '--json'], { fleet });
    expect((r.json().result as { data: string }).data.slice(0, 28)).toBe(toHex(new TextEncoder().encode('hello cxl-nvme')));
    const file = join(dir, 'blocks.bin');
    writeFileSync(file, new Uint8Array(1024).fill(0xab));
    expect((await sim(['write', 'nvme0n1', '--data', file], { fleet })).out).toContain('wrote 2 block(s)');
    const out = join(dir, 'read.bin');
    expect((await sim(['read', 'nvme0n1', '-c', '1', '-o', out], { fleet })).code).toBe(0);
    expect(readFileSync(out)).toEqual(Buffer.alloc(1024, 0xab));
    expect((await sim(['format', 'nvme0n1', '--lbaf', '1'], { fleet })).code).toBe(2);
    const f = await sim(['format', 'nvme0n1', '--lbaf', '1', '--yes'], { fleet });
    expect(f.out).toContain('4096-byte blocks');
  });

  it('sim:nvme0-mi reaches the same controller through the NVMe-MI admin tunnel', async () => {
    const r = await sim(['id-ctrl', 'nvme0-mi', '--json']);
    expect(r.code).toBe(0);
    expect(r.json().result).toMatchObject({ sn: 'SIMNVME0001', mn: 'cxl-nvme simulated NVMe' });
  });

  it('sanitize: --yes required; the simulator runs it and a second one is refused while it runs', async () => {
    const fleet = resolveScenario(undefined);
    expect((await sim(['sanitize', 'nvme0'], { fleet })).code).toBe(2);
    const r = await sim(['sanitize', 'nvme0', '--action', 'crypto', '--yes'], { fleet });
    expect(r.code).toBe(0);
    expect(r.out).toContain('sanitize (crypto) started on');
    const busy = await sim(['sanitize', 'nvme0', '--yes', '--json'], { fleet });
    expect(busy.json().error).toMatchObject({ code: 'NVME_STATUS', exitCode: 3, statusName: 'sanitizeInProgress' });
    expect((await sim(['sanitize', 'nvme0', '--action', 'shred', '--yes'], { fleet })).code).toBe(2);
  });
});

describe('usage errors (exit 2)', () => {
  it.each([
    [['bogus'], "unknown command 'bogus'"],
    [['fw'], "'fw' needs a subcommand: fw info, fw update, fw activate"],
    [[], 'no command given'],
    [['health', 'mem0', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['fw', 'update', 'mem0'], 'fw update needs FILE'],
    [['health', 'mem0', 'extra'], "unexpected argument 'extra'"],
    [['--sim', 'poison', 'list', 'mem1', '--start', 'lots'], "'lots' is not a number"],
    [['--sim', 'identify', 'sim:nope'], ''],
  ])('%j', async (argv, msg) => {
    const r = await run(argv);
    if (argv.includes('sim:nope')) {
      expect(r.code).toBe(4);
      expect(r.err).toContain("no simulated CXL device 'nope'");
      expect(r.err).toContain('sim:mem0');
      return;
    }
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg);
    expect(r.err).toContain('what to do: see: cxl-nvme');
  });

  it('a device is required without --sim', async () => {
    const r = await run(['health']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('health needs a device');
  });

  it('--json errors are one JSON object on stdout', async () => {
    const r = await run(['--json', 'health', 'mem0', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.json().error).toMatchObject({ code: 'USAGE', exitCode: 2 });
  });
});

describe('devices that do not exist, transports (exit 4)', () => {
  it('ENOENT for a missing device path, with advice', async () => {
    const devRoot = mkdtempSync(join(dir, 'dev-'));
    const c = await run(['health', 'mem7'], { devRoot });
    expect(c.code).toBe(4);
    expect(c.err).toContain(`${devRoot}/cxl/mem7: no such CXL memory device`);
    expect(c.err).toContain('what to do: list CXL memory devices with `cxl-nvme list`');
    const n = await run(['smart-log', '/nonexistent/nvme9', '--json']);
    expect(n.code).toBe(4);
    expect(n.json().error).toMatchObject({ code: 'ENOENT', exitCode: 4 });
  });

  it('NVMe-MI over an MCTP endpoint (simulated peer): admin works, I/O is refused', async () => {
    const fleet: LoadedScenario = resolveScenario(undefined);
    // A fresh NVMe-MI Management Endpoint in front of nvme0 for each run (the CLI closes it).
    const ctrl = fleet.nvme.get('nvme0') as SimNvmeController;
    const mctp = { nvmeMi: () => new SimNvmeMi(ctrl), cxl: () => fleet.cxl.get('sw0')! };
    const r = await run(['id-ctrl', 'mctp:1,9', '--json'], { mctp });
    covered.add('id-ctrl');
    expect(r.code).toBe(0);
    expect((r.json().result as { sn: string }).sn.trim()).toBe('SIMNVME0001');
    const s = await run(['smart-log', 'mctp:1,9'], { mctp });
    expect(s.out).toContain('35 °C (308 K)');
    const io = await run(['read', 'mctp:1,9', '-n', '1'], { mctp });
    expect(io.code).toBe(4);
    expect(io.err).toContain('NVMe-MI carries admin commands only');
    const sw = await run(['switch', 'identify', 'mctp:1,8'], { mctp });
    expect(sw.out).toContain('physical ports         : 8');
  });
});

describe('record and replay', () => {
  it('--record then --replay gives byte-identical output (CXL human, NVMe JSON, background op)', async () => {
    for (const argv of [['health', 'mem0'], ['id-ns', 'nvme0n2', '--json'], ['scan-media', 'mem1', '--length', '256MiB'], ['ld', 'allocations', 'sw0', '--tunnel', 'port=1']]) {
      const file = join(dir, `${argv[0]}.jsonl`);
      const a = await run(['--sim', '--record', file, ...argv]);
      const b = await run(['--replay', file, ...argv]);
      expect(a.code).toBe(0);
      expect(b.code).toBe(0);
      expect(b.out).toBe(a.out);
    }
  });

  it('a replay mismatch is reported with the exchange and differing byte (exit 4)', async () => {
    const file = join(dir, 'mismatch.jsonl');
    await run(['--sim', '--record', file, 'health', 'mem0']);
    const r = await run(['--replay', file, 'partition']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/exchange #1 \(line 3\): request differs at byte \d+: expected 42h, got 41h/);
    expect(r.err).toContain('what to do: the command asked for something other than what was recorded');
  });

  it('the recording names the simulated device', async () => {
    const file = join(dir, 'header.jsonl');
    await run(['--sim', '--record', file, 'identify', 'mem0']);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!)).toMatchObject({ type: 'header', kind: 'cxl', device: 'sim:mem0' });
    expect(defaultScenarioPath()).toMatch(/scenarios[/\\]default\.json$/);
  });
});

afterAll(() => {
  // Every command of the CLI ran against the simulator at least once.
  const missing = commands.map((c) => c.name).filter((n) => !covered.has(n));
  expect(missing).toEqual([]);
});
