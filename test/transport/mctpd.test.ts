/**
 * mctpd discovery against an injected D-Bus connection: GetManagedObjects replies for both service
 * layouts (encoded to wire bytes and decoded back by @homebridge/dbus-native, so the shapes are the
 * library's own), one or both services missing, malformed endpoint objects (skipped with a warning,
 * never a crash), D-Bus errors, the time bound, abort; then the real client against sockets that
 * are not a bus (no socket, a refused one, a peer that hangs up); then listDevices and `list`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listDevices } from '../../src/api/list.js';
import { CxlNvmeError } from '../../src/errors.js';
import {
  type DbusConnection,
  type DbusErrorReply,
  type DbusMethodCall,
  discoverMctpEndpoints,
  endpointKinds,
  MCTPD_TIMEOUT_MS,
  parseManagedObjects,
  resolveBusAddress,
} from '../../src/transport/mctpd.js';
import { run } from '../cli/harness.js';
import { CC, codeconstructTree, type MockEndpoint, OBMC, openbmcTree, overTheWire, toDbusDict } from './mock-mctpd.js';

const dir = mkdtempSync(join(tmpdir(), 'cxl-nvme-mctpd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UUID9 = '8b6a3f4e-2c1d-4e5f-9a0b-1c2d3e4f5a6b';
const CC_EPS: MockEndpoint[] = [
  { net: 1, eid: 9, types: [0x00, 0x04], uuid: UUID9 }, // NVMe-MI
  { net: 1, eid: 10, types: [0x00, 0x07, 0x08] }, // CXL switch: FM-API + CCI
  { net: 1, eid: 12, types: [0x00, 0x01] }, // PLDM only
];
const OBMC_EPS: MockEndpoint[] = [
  { net: 2, eid: 20, types: [0x00, 0x08] },
  { net: 1, eid: 9, types: [0x00, 0x04] }, // also seen by the other service: reported once
];

type Answer = unknown[] | DbusErrorReply | 'hang' | 'throw';

/** A connection answering GetManagedObjects per bus name; a tree is sent over the wire first. */
function fakeBus(answers: Record<string, Answer>): DbusConnection & { calls: DbusMethodCall[] } {
  const calls: DbusMethodCall[] = [];
  return {
    calls,
    invoke(call, callback) {
      calls.push(call);
      const a = answers[call.destination] ?? { name: 'org.freedesktop.DBus.Error.ServiceUnknown', message: `The name ${call.destination} was not provided by any .service files` };
      if (a === 'hang') return;
      if (a === 'throw') throw new Error('stream is gone');
      queueMicrotask(() => (Array.isArray(a) ? callback(null, ...a) : callback(a)));
    },
  };
}

const wire = (tree: Parameters<typeof toDbusDict>[0]) => overTheWire('a{oa{sa{sv}}}', [toDbusDict(tree)]);

async function discover(answers: Record<string, Answer>, extra: Parameters<typeof discoverMctpEndpoints>[0] = {}) {
  const warnings: string[] = [];
  const connection = fakeBus(answers);
  const endpoints = await discoverMctpEndpoints({ connection, onWarning: (w) => warnings.push(w), ...extra });
  return { endpoints, warnings, calls: connection.calls };
}

async function rejection(p: Promise<unknown>): Promise<CxlNvmeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CxlNvmeError);
    return e as CxlNvmeError;
  }
  throw new Error('expected a rejection');
}

describe('discoverMctpEndpoints over an injected connection', () => {
  it('both services: CXL and NVMe-MI endpoints, kinds, UUID, addresses; duplicates and other objects left out', async () => {
    const { endpoints, warnings, calls } = await discover({ [CC.busName]: wire(codeconstructTree(CC_EPS)), [OBMC.busName]: wire(openbmcTree(OBMC_EPS)) });
    expect(warnings).toEqual([]);
    expect(endpoints).toEqual([
      {
        service: 'codeconstruct',
        path: '/au/com/codeconstruct/mctp1/networks/1/endpoints/9',
        net: 1,
        eid: 9,
        messageTypes: [0x00, 0x04],
        uuid: UUID9,
        kinds: ['nvme-mi'],
        address: 'mctp:1,9',
      },
      {
        service: 'codeconstruct',
        path: '/au/com/codeconstruct/mctp1/networks/1/endpoints/10',
        net: 1,
        eid: 10,
        messageTypes: [0x00, 0x07, 0x08],
        kinds: ['cxl-cci', 'cxl-fmapi'],
        address: 'mctp:1,10',
      },
      { service: 'openbmc', path: '/xyz/openbmc_project/mctp/2/20', net: 2, eid: 20, messageTypes: [0x00, 0x08], kinds: ['cxl-cci'], address: 'mctp:2,20' },
    ]);
    // One ObjectManager call per service at its root, never starting a daemon (NO_AUTO_START).
    expect(calls).toEqual([
      { destination: 'au.com.codeconstruct.MCTP1', path: '/au/com/codeconstruct/mctp1', interface: 'org.freedesktop.DBus.ObjectManager', member: 'GetManagedObjects', flags: 2 },
      { destination: 'xyz.openbmc_project.MCTP', path: '/xyz/openbmc_project/mctp', interface: 'org.freedesktop.DBus.ObjectManager', member: 'GetManagedObjects', flags: 2 },
    ]);
  });

  it('all: every endpoint, the local one and PLDM-only ones with no kinds', async () => {
    const { endpoints } = await discover({ [CC.busName]: wire(codeconstructTree(CC_EPS)) }, { all: true });
    expect(endpoints.map((e) => [e.address, e.kinds])).toEqual([
      ['mctp:1,8', []],
      ['mctp:1,9', ['nvme-mi']],
      ['mctp:1,10', ['cxl-cci', 'cxl-fmapi']],
      ['mctp:1,12', []],
    ]);
  });

  it('one service missing is normal: no warning', async () => {
    const a = await discover({ [CC.busName]: wire(codeconstructTree(CC_EPS)) });
    expect(a.endpoints.map((e) => e.address)).toEqual(['mctp:1,9', 'mctp:1,10']);
    expect(a.warnings).toEqual([]);
    const b = await discover({ [CC.busName]: { name: 'org.freedesktop.DBus.Error.NameHasNoOwner', message: 'no owner' }, [OBMC.busName]: wire(openbmcTree(OBMC_EPS)) });
    expect(b.endpoints.map((e) => [e.service, e.address])).toEqual([
      ['openbmc', 'mctp:1,9'],
      ['openbmc', 'mctp:2,20'],
    ]);
    expect(b.warnings).toEqual([]);
  });

  it('no mctpd at all: no endpoints and one warning that says so', async () => {
    const { endpoints, warnings } = await discover({});
    expect(endpoints).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no mctpd on the D-Bus bus .*au\.com\.codeconstruct\.MCTP1 nor xyz\.openbmc_project\.MCTP has an owner/);
  });

  it('a service that fails otherwise is a warning; the other one still answers', async () => {
    const { endpoints, warnings } = await discover({
      [CC.busName]: { name: 'org.freedesktop.DBus.Error.AccessDenied', message: 'Rejected send message' },
      [OBMC.busName]: wire(openbmcTree(OBMC_EPS)),
    });
    expect(endpoints.map((e) => e.address)).toEqual(['mctp:1,9', 'mctp:2,20']);
    expect(warnings).toEqual(['mctpd service au.com.codeconstruct.MCTP1: GetManagedObjects on /au/com/codeconstruct/mctp1 failed: org.freedesktop.DBus.Error.AccessDenied: Rejected send message']);
    const t = await discover({ [CC.busName]: 'throw', [OBMC.busName]: wire(openbmcTree(OBMC_EPS)) });
    expect(t.endpoints).toHaveLength(2);
    expect(t.warnings[0]).toMatch(/could not be sent .*stream is gone/);
  });

  it('malformed endpoint objects are skipped with a warning each; good ones are kept', async () => {
    const v = (sig: string, value: unknown) => [[{ type: sig[0], child: sig.length > 1 ? [{ type: sig[1], child: [] }] : [] }], [value]];
    const ep = (props: [string, unknown][], extra: [string, unknown][] = []) => [['xyz.openbmc_project.MCTP.Endpoint', props], ...extra];
    const good: [string, unknown][] = [
      ['NetworkId', v('u', 1)],
      ['EID', v('y', 30)],
      ['SupportedMessageTypes', v('ay', [4])], // a plain array, not a Buffer: taken too
    ];
    const body = [
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/30', ep(good, [['xyz.openbmc_project.Common.UUID', [['UUID', v('u', 5)]]]])],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/31', ep([['NetworkId', v('u', 1)], ['EID', v('s', '31')], ['SupportedMessageTypes', v('ay', [8])]])],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/32', ep([['NetworkId', v('u', 1)], ['EID', v('y', 32)]])],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/33', ep([['NetworkId', v('s', 'one')], ['EID', v('y', 33)], ['SupportedMessageTypes', v('ay', [8, 300])]])],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/255', ep([['NetworkId', v('u', 1)], ['EID', v('y', 255)], ['SupportedMessageTypes', v('ay', [8])]])],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/34', 'not a dict'],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/35', [['xyz.openbmc_project.MCTP.Endpoint', 42]]],
      ['/au/com/codeconstruct/mctp1/networks/1/endpoints/36', ep([['NetworkId', 'no variant'], ['EID', v('y', 36)], ['SupportedMessageTypes', v('ay', [8])]])],
    ];
    const { endpoints, warnings } = await discover({ [CC.busName]: [body], [OBMC.busName]: ['garbage'] });
    expect(endpoints).toEqual([{ service: 'codeconstruct', path: '/au/com/codeconstruct/mctp1/networks/1/endpoints/30', net: 1, eid: 30, messageTypes: [4], kinds: ['nvme-mi'], address: 'mctp:1,30' }]);
    expect(warnings).toEqual([
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/30: xyz.openbmc_project.Common.UUID.UUID is not a string; left out',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/31: missing or malformed EID (y); skipped',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/32: missing or malformed SupportedMessageTypes (ay); skipped',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/33: missing or malformed NetworkId (u), SupportedMessageTypes (ay); skipped',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/255: EID 255 is not an endpoint address (DSP0236 special EID); skipped',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/34: interfaces are not a dict (a{sa{sv}}); skipped',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/35: xyz.openbmc_project.MCTP.Endpoint properties are not a dict (a{sv}); skipped',
      'mctpd au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/networks/1/endpoints/36: missing or malformed NetworkId (u); skipped',
      'mctpd service xyz.openbmc_project.MCTP: GetManagedObjects did not return an object tree (a{oa{sa{sv}}}); ignored',
    ]);
  });

  it('parseManagedObjects takes anything without throwing', () => {
    for (const junk of [undefined, null, 0, 'x', {}, [1], [[1, 2]], [['/a', [[1, 2]]]], [['/a', [['xyz.openbmc_project.MCTP.Endpoint', [['EID', [[], []]]]]]]]]) {
      expect(() => parseManagedObjects('openbmc', junk)).not.toThrow();
      expect(parseManagedObjects('openbmc', junk)).toEqual([]);
    }
  });

  it('a service that never answers: TRANSPORT_TIMEOUT at the bound, with advice', async () => {
    const t0 = Date.now();
    const e = await rejection(discover({ [CC.busName]: 'hang' }, { timeoutMs: 50 }));
    expect(e.code).toBe('TRANSPORT_TIMEOUT');
    expect(e.layer).toBe('transport');
    expect(e.context).toMatchObject({ timeoutMs: 50 });
    expect(String(e.context.advice)).toContain('mctpd');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(MCTPD_TIMEOUT_MS).toBe(3000);
  });

  it('abort: TRANSPORT_ABORTED; bad timeouts: USAGE', async () => {
    const ac = new AbortController();
    const p = discover({ [CC.busName]: 'hang' }, { signal: ac.signal });
    ac.abort();
    expect((await rejection(p)).code).toBe('TRANSPORT_ABORTED');
    expect((await rejection(discover({}, { timeoutMs: 0 }))).code).toBe('USAGE');
  });

  it('endpointKinds: DSP0239 04h, 07h, 08h; the IC bit ignored', () => {
    expect(endpointKinds([0x84, 0x08, 0x07, 0x01, 0x05])).toEqual(['cxl-cci', 'cxl-fmapi', 'nvme-mi']);
    expect(endpointKinds([0x00, 0x01])).toEqual([]);
  });
});

describe('the real D-Bus client where there is no bus', () => {
  it('no socket: TRANSPORT_UNSUPPORTED with advice, before loading anything', async () => {
    const e = await rejection(discoverMctpEndpoints({ bus: `unix:path=${join(dir, 'absent')}` }));
    expect(e.code).toBe('TRANSPORT_UNSUPPORTED');
    expect(e.message).toContain('no such socket');
    expect(String(e.context.advice)).toMatch(/systemctl start dbus mctpd/);
  });

  it("'system' follows DBUS_SYSTEM_BUS_ADDRESS", async () => {
    const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    const restore = () => {
      if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
      else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
    };
    try {
      process.env.DBUS_SYSTEM_BUS_ADDRESS = `unix:path=${join(dir, 'system_bus_socket')}`;
      expect(resolveBusAddress('system')).toBe(`unix:path=${join(dir, 'system_bus_socket')}`);
      expect((await rejection(discoverMctpEndpoints())).context.bus).toBe(`unix:path=${join(dir, 'system_bus_socket')}`);
      delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
      expect(resolveBusAddress('system')).toBe('unix:path=/var/run/dbus/system_bus_socket');
    } finally {
      restore();
    }
  });

  it('addresses: USAGE for nonsense, TRANSPORT_UNSUPPORTED for abstract sockets', async () => {
    expect((await rejection(discoverMctpEndpoints({ bus: 'nonsense' }))).code).toBe('USAGE');
    expect((await rejection(discoverMctpEndpoints({ bus: 'unix:abstract=/tmp/dbus-x' }))).code).toBe('TRANSPORT_UNSUPPORTED');
  });

  it('a socket nobody listens on: TRANSPORT_UNSUPPORTED (ECONNREFUSED)', async () => {
    const file = join(dir, 'stale-socket');
    writeFileSync(file, '');
    const e = await rejection(discoverMctpEndpoints({ bus: `unix:path=${file}` }));
    expect(e.code).toBe('TRANSPORT_UNSUPPORTED');
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('a peer that is not a bus and hangs up: TRANSPORT_CLOSED, no crash, no stray warning', async () => {
    const path = join(dir, 'not-a-bus');
    const server = createServer((s) => s.end('NOT D-BUS\r\n'));
    await new Promise<void>((r) => server.listen(path, r));
    try {
      const e = await rejection(discoverMctpEndpoints({ bus: `unix:path=${path}`, timeoutMs: 2000 }));
      expect(['TRANSPORT_CLOSED', 'TRANSPORT_PROTOCOL']).toContain(e.code);
    } finally {
      server.close();
    }
  });
});

describe('listDevices and `cxl-nvme list`', () => {
  it('listDevices: mctp from the connection; no bus is an empty list and a warning', async () => {
    const connection = fakeBus({ [CC.busName]: wire(codeconstructTree(CC_EPS)) });
    const l = await listDevices({ sysfsRoot: dir, devRoot: dir, mctp: { connection } });
    expect(l.mctp.map((e) => e.address)).toEqual(['mctp:1,9', 'mctp:1,10']);
    expect(l.warnings).toEqual([]);
    const none = await listDevices({ sysfsRoot: dir, devRoot: dir, mctp: { bus: `unix:path=${join(dir, 'absent')}` } });
    expect(none.mctp).toEqual([]);
    expect(none.warnings).toHaveLength(1);
    expect(none.warnings[0]).toMatch(/^MCTP endpoints: no D-Bus bus at .*; mctpd publishes endpoints/);
    expect(await listDevices({ sysfsRoot: dir, devRoot: dir, mctp: false })).toEqual({ cxl: [], nvme: { controllers: [], namespaces: [] }, mctp: [], warnings: [] });
    await expect(listDevices({ sysfsRoot: dir, mctp: { bus: 'nonsense' } })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('list --dbus: an MCTP section and, in JSON, mctp + warnings', async () => {
    const bus = `unix:path=${join(dir, 'absent')}`;
    const j = await run(['list', '--json', '--dbus', bus], { sysfsRoot: dir, devRoot: dir });
    expect(j.code).toBe(0);
    const r = j.json().result as { mctp: unknown[]; warnings: string[] };
    expect(r.mctp).toEqual([]);
    expect(r.warnings[0]).toContain(`no D-Bus bus at ${bus}`);
    const h = await run(['list', '--dbus', bus], { sysfsRoot: dir, devRoot: dir });
    expect(h.out).toMatch(/MCTP endpoints \(mctpd\)\n=+\n\(none\)\nwarning: MCTP endpoints: no D-Bus bus/);
    expect((await run(['list', '--dbus', 'nonsense'], { sysfsRoot: dir, devRoot: dir })).code).toBe(2);
  });
});
