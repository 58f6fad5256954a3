/**
 * A stand-in for mctpd on a D-Bus bus, built with the same client library as discovery
 * (@homebridge/dbus-native). It owns the CodeConstruct (mctpd v2) and / or the older OpenBMC bus
 * name and publishes the object trees mctpd publishes (mctpd docs/mctpd.md; phosphor-dbus-interfaces
 * yaml/xyz/openbmc_project/MCTP/README.md), interface, network and local objects included, so
 * discovery must pick the endpoints out of them:
 *
 *   au.com.codeconstruct.MCTP1  /au/com/codeconstruct/mctp1  (ObjectManager)
 *     .../interfaces/<ifname>            au.com.codeconstruct.MCTP.Interface1 (+ BusOwner1)
 *     .../networks/<net>                 au.com.codeconstruct.MCTP.Network1
 *     .../networks/<net>/endpoints/<eid> xyz.openbmc_project.MCTP.Endpoint, Common.UUID, MCTP.Endpoint1
 *   xyz.openbmc_project.MCTP    /xyz/openbmc_project/mctp    (ObjectManager)
 *     .../<net>                          xyz.openbmc_project.Common.UUID (the network id)
 *     .../<net>/<eid>                    xyz.openbmc_project.MCTP.Endpoint, Common.UUID
 *
 * Every object is exported with its properties, so `busctl --address=... tree / introspect` works
 * against it as against mctpd. `managedObjects()` and `toDbusDict()` are also what the unit tests'
 * fake connection answers with.
 *
 * Run by hand: npx tsx test/transport/mock-mctpd.ts <bus address>
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface MockEndpoint {
  readonly net: number;
  readonly eid: number;
  readonly types: readonly number[];
  readonly uuid?: string;
}

/** path -> interface -> property -> [D-Bus signature, value] */
export type ObjectTree = Record<string, Record<string, Record<string, readonly [string, unknown]>>>;

export const CC = { busName: 'au.com.codeconstruct.MCTP1', root: '/au/com/codeconstruct/mctp1' } as const;
export const OBMC = { busName: 'xyz.openbmc_project.MCTP', root: '/xyz/openbmc_project/mctp' } as const;

const ENDPOINT = 'xyz.openbmc_project.MCTP.Endpoint';
const UUID = 'xyz.openbmc_project.Common.UUID';

function endpointIfaces(ep: MockEndpoint): Record<string, Record<string, readonly [string, unknown]>> {
  return {
    [ENDPOINT]: {
      NetworkId: ['u', ep.net],
      EID: ['y', ep.eid],
      SupportedMessageTypes: ['ay', [...ep.types]],
    },
    ...(ep.uuid ? { [UUID]: { UUID: ['s', ep.uuid] } } : {}),
  };
}

/** The tree mctpd v2 publishes for these endpoints, with its local endpoint 8 on each network. */
export function codeconstructTree(endpoints: readonly MockEndpoint[]): ObjectTree {
  const nets = [...new Set(endpoints.map((e) => e.net))];
  const tree: ObjectTree = {
    [`${CC.root}/interfaces/mctpi2c1`]: {
      'au.com.codeconstruct.MCTP.Interface1': { NetworkId: ['u', nets[0] ?? 1], Role: ['s', 'BusOwner'] },
    },
  };
  for (const net of nets) {
    tree[`${CC.root}/networks/${net}`] = { 'au.com.codeconstruct.MCTP.Network1': { LocalEIDs: ['ay', [8]] } };
    // The local endpoint: MCTP control only (it answers Get Message Type Support with 00h).
    tree[`${CC.root}/networks/${net}/endpoints/8`] = endpointIfaces({ net, eid: 8, types: [0x00] });
  }
  for (const ep of endpoints) {
    tree[`${CC.root}/networks/${ep.net}/endpoints/${ep.eid}`] = {
      ...endpointIfaces(ep),
      [ENDPOINT]: { ...endpointIfaces(ep)[ENDPOINT]!, VendorDefinedMessageTypes: ['a(yvq)', []] },
      'au.com.codeconstruct.MCTP.Endpoint1': { Connectivity: ['s', 'Available'] },
    };
  }
  return tree;
}

/** The tree of the older, OpenBMC-named service: network UUID objects and endpoints. */
export function openbmcTree(endpoints: readonly MockEndpoint[]): ObjectTree {
  const tree: ObjectTree = {};
  for (const net of new Set(endpoints.map((e) => e.net))) {
    tree[`${OBMC.root}/${net}`] = { [UUID]: { UUID: ['s', `00000000-0000-4000-8000-0000000000${net.toString(16).padStart(2, '0')}`] } };
  }
  for (const ep of endpoints) tree[`${OBMC.root}/${ep.net}/${ep.eid}`] = endpointIfaces(ep);
  return tree;
}

/** A tree as the body of GetManagedObjects (a{oa{sa{sv}}}) in dbus-native's marshalling form. */
export function toDbusDict(tree: ObjectTree): unknown[] {
  return Object.entries(tree).map(([path, ifaces]) => [path, Object.entries(ifaces).map(([iface, props]) => [iface, Object.entries(props).map(([k, [sig, v]]) => [k, [sig, v]])])]);
}

// --- the library, untyped deep modules included ----------------------------------------------------

interface Bus {
  readonly name?: string;
  readonly connection: { on(e: string, l: (...a: unknown[]) => void): void; stream: { destroy(): void }; end(): void };
  requestName(name: string, flags: number, cb: (err: unknown, reply: number) => void): void;
  releaseName(name: string, cb: (err: unknown, reply: number) => void): void;
  exportInterface(impl: object, path: string, iface: { name: string; methods?: Record<string, [string, string]>; properties?: Record<string, string> }): void;
}

interface DbusNative {
  createClient(opts: { busAddress: string }): Bus;
}

const require = createRequire(import.meta.url);
export const dbusNative = require('@homebridge/dbus-native') as DbusNative;

/**
 * Marshal a body to wire bytes and decode it back exactly as @homebridge/dbus-native decodes a
 * received message, so a fake connection hands discovery what a real bus would.
 */
export function overTheWire(signature: string, body: unknown[]): unknown[] {
  const marshall = require('@homebridge/dbus-native/lib/marshall.js') as (sig: string, data: unknown[]) => Buffer;
  const DBusBuffer = require('@homebridge/dbus-native/lib/dbus-buffer.js') as new (b: Buffer, start: number, opts: object) => { read(sig: string): unknown[] };
  return new DBusBuffer(marshall(signature, body), 0, { ayBuffer: true }).read(signature);
}

// --- the service -----------------------------------------------------------------------------------

export interface MockMctpdOptions {
  /** Publish the mctpd v2 service with these endpoints (absent: not on the bus). */
  readonly codeconstruct?: readonly MockEndpoint[];
  /** Publish the OpenBMC-named service with these endpoints (absent: not on the bus). */
  readonly openbmc?: readonly MockEndpoint[];
  /** Take the names but never answer GetManagedObjects (a wedged daemon). */
  readonly hang?: boolean;
}

export interface MockMctpd {
  /** Unique name of the mock's connection (':1.5'). */
  readonly uniqueName: string | undefined;
  close(): Promise<void>;
}

function call<T>(f: (cb: (err: unknown, v: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => f((err, v) => (err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(v))));
}

/** Connect to `address`, export the trees and take the bus names. */
export async function startMockMctpd(address: string, options: MockMctpdOptions): Promise<MockMctpd> {
  const bus = dbusNative.createClient({ busAddress: address });
  let failure: unknown;
  bus.connection.on('error', (e) => {
    failure = e;
  });
  const services: { busName: string; root: string; tree: ObjectTree }[] = [];
  if (options.codeconstruct) services.push({ ...CC, tree: codeconstructTree(options.codeconstruct) });
  if (options.openbmc) services.push({ ...OBMC, tree: openbmcTree(options.openbmc) });
  for (const s of services) {
    for (const [path, ifaces] of Object.entries(s.tree)) {
      for (const [name, props] of Object.entries(ifaces)) {
        const impl = Object.fromEntries(Object.entries(props).map(([k, [, v]]) => [k, v]));
        bus.exportInterface(impl, path, { name, methods: {}, properties: Object.fromEntries(Object.entries(props).map(([k, [sig]]) => [k, sig])) });
      }
    }
    const tree = s.tree;
    bus.exportInterface(
      {
        GetManagedObjects: () => (options.hang ? new Promise(() => {}) : toDbusDict(tree)),
      },
      s.root,
      { name: 'org.freedesktop.DBus.ObjectManager', methods: { GetManagedObjects: ['', 'a{oa{sa{sv}}}'] } },
    );
    // DBUS_NAME_FLAG_DO_NOT_QUEUE (4); reply 1 = DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER.
    const reply = await call<number>((cb) => bus.requestName(s.busName, 4, cb));
    if (reply !== 1) throw new Error(`mock mctpd: could not own ${s.busName} (RequestName reply ${reply})`);
  }
  if (failure) throw failure;
  return {
    get uniqueName() {
      return bus.name;
    },
    async close() {
      bus.connection.stream.destroy();
    },
  };
}

// npx tsx test/transport/mock-mctpd.ts <address>: both services until interrupted.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const address = process.argv[2] ?? process.env.DBUS_SESSION_BUS_ADDRESS;
  if (!address) {
    process.stderr.write('usage: tsx test/transport/mock-mctpd.ts <D-Bus address>\n');
    process.exit(2);
  }
  const eps = [
    { net: 1, eid: 9, types: [0x00, 0x04], uuid: '8b6a3f4e-2c1d-4e5f-9a0b-1c2d3e4f5a6b' },
    { net: 1, eid: 10, types: [0x00, 0x07, 0x08] },
  ];
  startMockMctpd(address, { codeconstruct: eps, openbmc: eps }).then(
    () => process.stderr.write(`mock mctpd on ${address}: ${CC.busName} and ${OBMC.busName}\n`),
    (e: unknown) => {
      process.stderr.write(`mock mctpd: ${String(e)}\n`);
      process.exit(1);
    },
  );
}
