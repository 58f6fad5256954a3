/**
 * Discovery through a real bus: a private dbus-daemon (temporary config, its own socket), the mock
 * mctpd of mock-mctpd.ts owning the CodeConstruct and / or OpenBMC names on it, and
 * discoverMctpEndpoints / `cxl-nvme list` asking it over the wire. Skipped, saying so, only when
 * dbus-daemon is not installed (Debian: apt-get install dbus-daemon; .ci/run installs it).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDevices } from '../../src/api/list.js';
import { discoverMctpEndpoints } from '../../src/transport/mctpd.js';
import { run } from '../cli/harness.js';
import { type MockEndpoint, type MockMctpd, startMockMctpd } from './mock-mctpd.js';

const daemonPath = spawnSync('sh', ['-c', 'command -v dbus-daemon'], { encoding: 'utf8' }).stdout.trim();
const SKIP = 'skipped: dbus-daemon is not installed (apt-get install dbus-daemon)';
if (!daemonPath) console.warn(`mctpd-dbus.test.ts: ${SKIP}`);

const EPS: MockEndpoint[] = [
  { net: 1, eid: 9, types: [0x00, 0x04], uuid: '8b6a3f4e-2c1d-4e5f-9a0b-1c2d3e4f5a6b' },
  { net: 1, eid: 10, types: [0x00, 0x07, 0x08] },
  { net: 1, eid: 12, types: [0x00, 0x01] },
];
const OLD_EPS: MockEndpoint[] = [{ net: 2, eid: 20, types: [0x00, 0x08], uuid: '11111111-2222-4333-8444-555555555555' }];

let dir = '';
let daemon: ChildProcess | undefined;
let address = '';

/** Start dbus-daemon on a private socket with a config that lets anyone own any name. */
async function startDaemon(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'cxl-nvme-dbus-'));
  const config = join(dir, 'bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(dir, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const p = spawn(daemonPath, [`--config-file=${config}`, '--print-address', '--nofork'], { stdio: ['ignore', 'pipe', 'pipe'] });
  daemon = p;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`dbus-daemon printed no address in 5 s: ${err}`)), 5000);
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl).trim());
      }
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon exited with ${code}: ${err}`));
    });
  });
}

describe.skipIf(!daemonPath)(`mctpd discovery through a real dbus-daemon${daemonPath ? '' : ` (${SKIP})`}`, () => {
  beforeAll(async () => {
    address = await startDaemon();
  });

  afterAll(() => {
    daemon?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function withMock<T>(options: Parameters<typeof startMockMctpd>[1], f: () => Promise<T>): Promise<T> {
    const mock: MockMctpd = await startMockMctpd(address, options);
    try {
      return await f();
    } finally {
      await mock.close();
    }
  }

  it('the daemon prints a unix:path address', () => {
    expect(address).toMatch(/^unix:path=/);
  });

  it('both services: endpoints from each layout, properties over the wire', async () => {
    await withMock({ codeconstruct: EPS, openbmc: OLD_EPS }, async () => {
      const warnings: string[] = [];
      const eps = await discoverMctpEndpoints({ bus: address, onWarning: (w) => warnings.push(w) });
      expect(warnings).toEqual([]);
      expect(eps).toEqual([
        {
          service: 'codeconstruct',
          path: '/au/com/codeconstruct/mctp1/networks/1/endpoints/9',
          net: 1,
          eid: 9,
          messageTypes: [0, 4],
          uuid: '8b6a3f4e-2c1d-4e5f-9a0b-1c2d3e4f5a6b',
          kinds: ['nvme-mi'],
          address: 'mctp:1,9',
        },
        { service: 'codeconstruct', path: '/au/com/codeconstruct/mctp1/networks/1/endpoints/10', net: 1, eid: 10, messageTypes: [0, 7, 8], kinds: ['cxl-cci', 'cxl-fmapi'], address: 'mctp:1,10' },
        {
          service: 'openbmc',
          path: '/xyz/openbmc_project/mctp/2/20',
          net: 2,
          eid: 20,
          messageTypes: [0, 8],
          uuid: '11111111-2222-4333-8444-555555555555',
          kinds: ['cxl-cci'],
          address: 'mctp:2,20',
        },
      ]);
    });
  });

  it('only the older OpenBMC-named service on the bus', async () => {
    await withMock({ openbmc: OLD_EPS }, async () => {
      const warnings: string[] = [];
      const eps = await discoverMctpEndpoints({ bus: address, onWarning: (w) => warnings.push(w), all: true });
      expect(eps.map((e) => [e.service, e.address])).toEqual([['openbmc', 'mctp:2,20']]);
      expect(warnings).toEqual([]);
    });
  });

  it('no mctpd on the bus: empty, one warning', async () => {
    const warnings: string[] = [];
    expect(await discoverMctpEndpoints({ bus: address, onWarning: (w) => warnings.push(w) })).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('neither au.com.codeconstruct.MCTP1 nor xyz.openbmc_project.MCTP has an owner');
  });

  it('a wedged mctpd: TRANSPORT_TIMEOUT at the bound', async () => {
    await withMock({ codeconstruct: EPS, hang: true }, async () => {
      const t0 = Date.now();
      await expect(discoverMctpEndpoints({ bus: address, timeoutMs: 300 })).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
      expect(Date.now() - t0).toBeLessThan(2000);
    });
  });

  it('listDevices and `cxl-nvme list --dbus` show the endpoints', async () => {
    await withMock({ codeconstruct: EPS, openbmc: OLD_EPS }, async () => {
      const l = await listDevices({ sysfsRoot: dir, devRoot: dir, mctp: { bus: address } });
      expect(l.mctp.map((e) => e.address)).toEqual(['mctp:1,9', 'mctp:1,10', 'mctp:2,20']);
      expect(l.warnings).toEqual([]);
      const h = await run(['list', '--dbus', address], { sysfsRoot: dir, devRoot: dir });
      expect(h.code).toBe(0);
      expect(h.out).toContain('MCTP endpoints (mctpd)');
      expect(h.out).toMatch(/mctp:1,9\s+nvme-mi\s+00h 04h\s+8b6a3f4e-2c1d-4e5f-9a0b-1c2d3e4f5a6b\s+codeconstruct/);
      expect(h.out).toMatch(/mctp:1,10\s+cxl-cci, cxl-fmapi\s+00h 07h 08h\s+-\s+codeconstruct/);
      expect(h.out).toMatch(/mctp:2,20\s+cxl-cci\s+00h 08h\s+11111111-2222-4333-8444-555555555555\s+openbmc/);
      const j = await run(['list', '--json', '--dbus', address], { sysfsRoot: dir, devRoot: dir });
      const r = j.json().result as { mctp: { address: string; kinds: string[]; messageTypes: number[] }[]; warnings: string[] };
      expect(r.mctp.map((e) => [e.address, e.kinds, e.messageTypes])).toEqual([
        ['mctp:1,9', ['nvme-mi'], [0, 4]],
        ['mctp:1,10', ['cxl-cci', 'cxl-fmapi'], [0, 7, 8]],
        ['mctp:2,20', ['cxl-cci'], [0, 8]],
      ]);
      expect(r.warnings).toEqual([]);
    });
  });
});
