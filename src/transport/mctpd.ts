/**
 * MCTP endpoint discovery through mctpd over D-Bus.
 *
 * mctpd (CodeConstruct/mctp) enumerates the MCTP endpoints of the platform and publishes one D-Bus
 * object per endpoint. Two layouts are in use (mctpd docs/mctpd.md; OpenBMC
 * phosphor-dbus-interfaces yaml/xyz/openbmc_project/MCTP/README.md):
 *
 * | service         | bus name                     | ObjectManager root            | endpoint objects                 |
 * |-----------------|------------------------------|-------------------------------|----------------------------------|
 * | mctpd v2        | `au.com.codeconstruct.MCTP1` | `/au/com/codeconstruct/mctp1` | `<root>/networks/<net>/endpoints/<eid>` |
 * | OpenBMC (older) | `xyz.openbmc_project.MCTP`   | `/xyz/openbmc_project/mctp`   | `<root>/<net>/<eid>`             |
 *
 * Both roots implement `org.freedesktop.DBus.ObjectManager`, so one `GetManagedObjects` call per
 * service returns every endpoint with its properties. An endpoint object carries the interface
 * `xyz.openbmc_project.MCTP.Endpoint` (`NetworkId` u, `EID` y, `SupportedMessageTypes` ay) and
 * optionally `xyz.openbmc_project.Common.UUID` (`UUID` s). Other objects under the roots (mctpd's
 * interface and network objects, OpenBMC's per-network UUID objects) lack the Endpoint interface
 * and are ignored.
 *
 * Message types of interest (DSP0239, MCTP message type codes): 04h NVMe-MI (NVMe Management
 * Messages over MCTP), 07h CXL FM-API (DSP0234), 08h CXL CCI (DSP0281). DSP0236: the message type
 * field is 7 bits; bit 7 is the Integrity Check flag, never part of a type number.
 *
 * The D-Bus client (@homebridge/dbus-native, pure JavaScript) is imported dynamically on first
 * use, so nothing else in the package loads it. Tests inject a `DbusConnection` instead.
 */
import { existsSync } from 'node:fs';
import { mctpMessageType } from '../../spec-tables/linux/mctp.js';
import { CxlNvmeError, type ErrorContext } from '../errors.js';

/** The two mctpd D-Bus services, tried in this order. */
export const MCTPD_SERVICES = [
  // mctpd >= v2.0 (the D-Bus interface rework, CodeConstruct/mctp CHANGELOG 2.0): docs/mctpd.md.
  { service: 'codeconstruct', busName: 'au.com.codeconstruct.MCTP1', root: '/au/com/codeconstruct/mctp1' },
  // mctpd before v2.0, and OpenBMC's documented layout: phosphor-dbus-interfaces MCTP/README.md.
  { service: 'openbmc', busName: 'xyz.openbmc_project.MCTP', root: '/xyz/openbmc_project/mctp' },
] as const;

export type MctpdService = (typeof MCTPD_SERVICES)[number]['service'];

/** phosphor-dbus-interfaces yaml/xyz/openbmc_project/MCTP/Endpoint.interface.yaml */
export const MCTP_ENDPOINT_INTERFACE = 'xyz.openbmc_project.MCTP.Endpoint';
/** phosphor-dbus-interfaces yaml/xyz/openbmc_project/Common/UUID.interface.yaml (property `UUID`, string). */
export const COMMON_UUID_INTERFACE = 'xyz.openbmc_project.Common.UUID';
export const OBJECT_MANAGER_INTERFACE = 'org.freedesktop.DBus.ObjectManager';

/** D-Bus specification, "Well-known Message Bus Instances": the system bus when none is configured. */
export const DEFAULT_SYSTEM_BUS_ADDRESS = 'unix:path=/var/run/dbus/system_bus_socket';
/** Whole-discovery bound (connect, authenticate, both GetManagedObjects calls) when none is given. */
export const MCTPD_TIMEOUT_MS = 3000;
/** D-Bus message header flag NO_AUTO_START (D-Bus specification, "Message Format"): a listing never starts a daemon. */
const NO_AUTO_START = 0x2;

/** What a host can do with an endpoint, from the message types it advertises. */
export type MctpEndpointKind = 'cxl-cci' | 'cxl-fmapi' | 'nvme-mi';

const KIND_OF_TYPE: ReadonlyMap<number, MctpEndpointKind> = new Map([
  [mctpMessageType.cxlCci, 'cxl-cci'],
  [mctpMessageType.cxlFmApi, 'cxl-fmapi'],
  [mctpMessageType.nvmeMi, 'nvme-mi'],
]);

export interface MctpdEndpoint {
  /** Which mctpd layout published it. */
  readonly service: MctpdService;
  /** The D-Bus object ('/au/com/codeconstruct/mctp1/networks/1/endpoints/8'). */
  readonly path: string;
  readonly net: number;
  readonly eid: number;
  /** `SupportedMessageTypes`, as published (DSP0239 type numbers). */
  readonly messageTypes: readonly number[];
  /** `xyz.openbmc_project.Common.UUID`, when the endpoint has one. */
  readonly uuid?: string;
  /** CXL CCI (08h), CXL FM-API (07h), NVMe-MI (04h), in that order. */
  readonly kinds: readonly MctpEndpointKind[];
  /** What `cxl.open()` / `nvme.open()` take: 'mctp:1,8'. */
  readonly address: string;
}

// --- the D-Bus connection seam ---------------------------------------------------------------------

/** One method call, in @homebridge/dbus-native's message form. */
export interface DbusMethodCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature?: string;
  readonly body?: readonly unknown[];
  readonly flags?: number;
}

/** A D-Bus error reply as @homebridge/dbus-native reports it ({ name: errorName, message }). */
export interface DbusErrorReply {
  readonly name?: string;
  readonly message?: unknown;
}

/**
 * What discovery needs from a D-Bus connection: @homebridge/dbus-native's `MessageBus` satisfies it
 * as is. Reply bodies arrive decoded the library's way: a dict is an array of [key, value] pairs,
 * a variant is [signature tree, [value]], `ay` is a Buffer.
 */
export interface DbusConnection {
  invoke(call: DbusMethodCall, callback: (error: DbusErrorReply | Error | null | undefined, ...body: unknown[]) => void): void;
}

export interface DiscoverMctpOptions {
  /**
   * The bus: 'system' (default: $DBUS_SYSTEM_BUS_ADDRESS, else the D-Bus specification's
   * /var/run/dbus/system_bus_socket), 'session' ($DBUS_SESSION_BUS_ADDRESS), or a D-Bus address
   * ('unix:path=/run/dbus/system_bus_socket').
   */
  readonly bus?: 'system' | 'session' | string;
  /** Bound on the whole discovery, ms (default MCTPD_TIMEOUT_MS). Expiry rejects with TRANSPORT_TIMEOUT. */
  readonly timeoutMs?: number;
  /** Return every endpoint, not only those advertising 04h, 07h or 08h. */
  readonly all?: boolean;
  /** Told about what was skipped: a missing service, an endpoint object with malformed properties. */
  readonly onWarning?: (message: string) => void;
  /** Use this connection instead of opening one (tests, embedding); it is left open. */
  readonly connection?: DbusConnection;
  readonly signal?: AbortSignal;
}

/**
 * Every MCTP endpoint mctpd knows, from both service layouts; one missing service is normal (a
 * machine runs one mctpd). Endpoints seen by both are reported once, from the first service.
 *
 * Rejects with CxlNvmeError: TRANSPORT_UNSUPPORTED when there is no D-Bus bus to talk to (with
 * `context.advice`), TRANSPORT_TIMEOUT past `timeoutMs`, TRANSPORT_PROTOCOL when the bus refuses the
 * connection, EACCES when its socket is not ours to open, TRANSPORT_ABORTED on `signal`, USAGE for
 * a malformed address. A service that answers with something else than an object tree is a warning.
 */
export async function discoverMctpEndpoints(options: DiscoverMctpOptions = {}): Promise<MctpdEndpoint[]> {
  const timeoutMs = options.timeoutMs ?? MCTPD_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new CxlNvmeError('USAGE', `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`, { timeoutMs });
  const warn = options.onWarning ?? (() => {});
  const session = new Session(timeoutMs, options.signal);
  let owned: OwnedBus | undefined;
  try {
    let conn = options.connection;
    let address = '(injected connection)';
    if (!conn) {
      address = resolveBusAddress(options.bus ?? 'system');
      owned = await openBus(address, session);
      conn = owned.bus;
    }
    const replies = await Promise.all(MCTPD_SERVICES.map((s) => session.race(getManagedObjects(conn, s.busName, s.root, address))));
    const found: MctpdEndpoint[] = [];
    const seen = new Set<string>();
    let present = 0;
    MCTPD_SERVICES.forEach((s, i) => {
      const r = replies[i]!;
      if (r.kind === 'absent') return;
      present++;
      if (r.kind === 'failed') {
        warn(`mctpd service ${s.busName}: ${r.message}`);
        return;
      }
      for (const ep of parseManagedObjects(s.service, r.body, warn)) {
        const key = `${ep.net},${ep.eid}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (options.all || ep.kinds.length > 0) found.push(ep);
      }
    });
    if (present === 0) {
      warn(`no mctpd on the D-Bus bus ${address}: neither ${MCTPD_SERVICES.map((s) => s.busName).join(' nor ')} has an owner (start it with: systemctl start mctpd)`);
    }
    return found.sort((a, b) => a.net - b.net || a.eid - b.eid);
  } finally {
    session.done();
    owned?.close();
  }
}

/** The endpoint kinds of a list of message types (DSP0239), in a fixed order. */
export function endpointKinds(messageTypes: readonly number[]): MctpEndpointKind[] {
  const have = new Set(messageTypes.map((t) => KIND_OF_TYPE.get(t & 0x7f)).filter((k) => k !== undefined));
  return (['cxl-cci', 'cxl-fmapi', 'nvme-mi'] as const).filter((k) => have.has(k));
}

// --- reply parsing ---------------------------------------------------------------------------------

function isPair(x: unknown): x is [unknown, unknown] {
  return Array.isArray(x) && x.length === 2;
}

/** A decoded D-Bus dict (array of [key, value] pairs) with string keys; undefined when it is not one. */
function dictEntries(x: unknown): [string, unknown][] | undefined {
  if (!Array.isArray(x)) return undefined;
  const out: [string, unknown][] = [];
  for (const e of x) {
    if (!isPair(e) || typeof e[0] !== 'string') return undefined;
    out.push([e[0], e[1]]);
  }
  return out;
}

interface SigNode {
  readonly type: string;
  readonly child?: readonly SigNode[];
}

function signatureOf(tree: readonly SigNode[]): string {
  return tree
    .map((n) => {
      const inner = signatureOf(n.child ?? []);
      if (n.type === '(') return `(${inner})`;
      if (n.type === '{') return `{${inner}}`;
      return `${n.type}${inner}`;
    })
    .join('');
}

function isSigTree(x: unknown): x is SigNode[] {
  return Array.isArray(x) && x.every((n) => typeof n === 'object' && n !== null && typeof (n as SigNode).type === 'string' && ((n as SigNode).child === undefined || isSigTree((n as SigNode).child)));
}

/** A decoded variant: dbus-native gives [signature tree, [value]]. */
function variant(x: unknown): { signature: string; value: unknown } | undefined {
  if (!isPair(x) || !isSigTree(x[0]) || !Array.isArray(x[1]) || x[1].length !== 1) return undefined;
  return { signature: signatureOf(x[0]), value: x[1][0] };
}

function uint(v: { signature: string; value: unknown } | undefined, signatures: readonly string[], max: number): number | undefined {
  if (!v || !signatures.includes(v.signature)) return undefined;
  return typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0 && v.value <= max ? v.value : undefined;
}

function byteArray(v: { signature: string; value: unknown } | undefined): number[] | undefined {
  if (v?.signature !== 'ay') return undefined;
  const a = v.value;
  if (a instanceof Uint8Array) return [...a];
  if (Array.isArray(a) && a.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 0xff)) return [...(a as number[])];
  return undefined;
}

/**
 * The endpoints of one GetManagedObjects reply (`a{oa{sa{sv}}}`). An object whose Endpoint
 * properties are missing or of the wrong type is skipped with a warning; a reply that is not an
 * object tree at all is one warning and no endpoints.
 */
export function parseManagedObjects(service: MctpdService, body: unknown, warn: (message: string) => void = () => {}): MctpdEndpoint[] {
  const busName = MCTPD_SERVICES.find((s) => s.service === service)!.busName;
  const objects = dictEntries(body);
  if (!objects) {
    warn(`mctpd service ${busName}: GetManagedObjects did not return an object tree (a{oa{sa{sv}}}); ignored`);
    return [];
  }
  const out: MctpdEndpoint[] = [];
  for (const [path, ifacesRaw] of objects) {
    const ifaces = dictEntries(ifacesRaw);
    if (!ifaces) {
      warn(`mctpd ${busName} ${path}: interfaces are not a dict (a{sa{sv}}); skipped`);
      continue;
    }
    const ep = ifaces.find(([name]) => name === MCTP_ENDPOINT_INTERFACE);
    if (!ep) continue; // an interface, network or UUID-only object: not an endpoint
    const props = dictEntries(ep[1]);
    if (!props) {
      warn(`mctpd ${busName} ${path}: ${MCTP_ENDPOINT_INTERFACE} properties are not a dict (a{sv}); skipped`);
      continue;
    }
    const get = (name: string) => variant(props.find(([k]) => k === name)?.[1]);
    // NetworkId is 'u' (Endpoint.interface.yaml uint32) and EID 'y' (byte). mctpd before v2.0 sent
    // network ids as 'i' (CodeConstruct/mctp CHANGELOG, 2.0 "Changed" 1), so any integer signature
    // with an in-range value is taken.
    const net = uint(get('NetworkId'), ['u', 'i', 'q', 'y', 't'], 0xffffffff);
    const eid = uint(get('EID'), ['y', 'u', 'i', 'q'], 0xff);
    const types = byteArray(get('SupportedMessageTypes'));
    const bad = [net === undefined && 'NetworkId (u)', eid === undefined && 'EID (y)', types === undefined && 'SupportedMessageTypes (ay)'].filter(Boolean);
    if (bad.length) {
      warn(`mctpd ${busName} ${path}: missing or malformed ${bad.join(', ')}; skipped`);
      continue;
    }
    // DSP0236, special endpoint IDs: 00h (null) and FFh (broadcast) never name an endpoint.
    if (eid === 0 || eid === 0xff) {
      warn(`mctpd ${busName} ${path}: EID ${eid} is not an endpoint address (DSP0236 special EID); skipped`);
      continue;
    }
    const uuidIface = ifaces.find(([name]) => name === COMMON_UUID_INTERFACE);
    let uuid: string | undefined;
    if (uuidIface) {
      const u = variant(dictEntries(uuidIface[1])?.find(([k]) => k === 'UUID')?.[1]);
      if (u?.signature === 's' && typeof u.value === 'string' && u.value !== '') uuid = u.value;
      else if (u !== undefined) warn(`mctpd ${busName} ${path}: ${COMMON_UUID_INTERFACE}.UUID is not a string; left out`);
    }
    out.push({
      service,
      path,
      net: net!,
      eid: eid!,
      messageTypes: types!,
      ...(uuid !== undefined ? { uuid } : {}),
      kinds: endpointKinds(types!),
      address: `mctp:${net},${eid}`,
    });
  }
  return out;
}

// --- calls -----------------------------------------------------------------------------------------

type ServiceReply = { kind: 'ok'; body: unknown } | { kind: 'absent' } | { kind: 'failed'; message: string };

/** D-Bus errors that mean "nobody owns that name" (D-Bus specification, "Message Bus Messages"). */
const ABSENT = new Set(['org.freedesktop.DBus.Error.ServiceUnknown', 'org.freedesktop.DBus.Error.NameHasNoOwner']);

function getManagedObjects(conn: DbusConnection, busName: string, root: string, address: string): Promise<ServiceReply> {
  return new Promise((resolve) => {
    const call: DbusMethodCall = { destination: busName, path: root, interface: OBJECT_MANAGER_INTERFACE, member: 'GetManagedObjects', flags: NO_AUTO_START };
    try {
      conn.invoke(call, (error, ...body) => {
        if (error) {
          const name = (error as DbusErrorReply).name;
          if (typeof name === 'string' && ABSENT.has(name)) return resolve({ kind: 'absent' });
          const text = typeof error.message === 'string' && error.message ? error.message : String(name ?? error);
          return resolve({ kind: 'failed', message: `GetManagedObjects on ${root} failed: ${typeof name === 'string' && name !== 'Error' ? `${name}: ` : ''}${text}` });
        }
        resolve({ kind: 'ok', body: body[0] });
      });
    } catch (e) {
      resolve({ kind: 'failed', message: `GetManagedObjects on ${root} could not be sent over ${address}: ${(e as Error).message}` });
    }
  });
}

/** One deadline and abort signal for the whole discovery. */
class Session {
  readonly #failed: Promise<never>;
  #fail!: (e: unknown) => void;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#fail(new CxlNvmeError('TRANSPORT_ABORTED', 'MCTP endpoint discovery aborted', {}));

  constructor(timeoutMs: number, signal: AbortSignal | undefined) {
    this.#failed = new Promise<never>((_resolve, reject) => {
      this.#fail = reject;
    });
    this.#failed.catch(() => {});
    this.#timer = setTimeout(
      () =>
        this.#fail(
          new CxlNvmeError('TRANSPORT_TIMEOUT', `mctpd did not answer over D-Bus within ${timeoutMs} ms`, {
            timeoutMs,
            advice: 'check that mctpd is running and responsive (systemctl status mctpd; busctl tree au.com.codeconstruct.MCTP1)',
          }),
        ),
      timeoutMs,
    );
    this.#signal = signal;
    if (signal?.aborted) this.#onAbort();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Reject the pending race with `e` (connection errors). */
  fail(e: unknown): void {
    this.#fail(e);
  }

  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.#failed]);
  }

  done(): void {
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }
}

// --- the bus ---------------------------------------------------------------------------------------

/** 'system' | 'session' | an address -> a D-Bus address. */
export function resolveBusAddress(bus: string): string {
  if (bus === 'system') return process.env.DBUS_SYSTEM_BUS_ADDRESS || DEFAULT_SYSTEM_BUS_ADDRESS;
  if (bus === 'session') {
    const a = process.env.DBUS_SESSION_BUS_ADDRESS;
    if (!a)
      throw new CxlNvmeError('TRANSPORT_UNSUPPORTED', 'no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set', {
        bus,
        advice: "mctpd runs on the system bus: leave the bus at 'system', or pass its address",
      });
    return a;
  }
  if (!/^[a-z]+:/.test(bus)) throw new CxlNvmeError('USAGE', `'${bus}' is not a D-Bus address: write system, session or e.g. unix:path=/run/dbus/system_bus_socket`, { bus });
  return bus;
}

/** The unix socket paths of an address list (D-Bus specification, "Server Addresses"); values are percent-decoded. */
function unixEntries(address: string): { path?: string; abstract?: boolean }[] {
  return address
    .split(';')
    .filter((a) => a.startsWith('unix:'))
    .map((a) => {
      const params = new Map(
        a
          .slice(5)
          .split(',')
          .map((kv) => {
            const i = kv.indexOf('=');
            return [kv.slice(0, i), decodeURIComponent(kv.slice(i + 1))] as const;
          }),
      );
      return params.has('path') ? { path: params.get('path')! } : params.has('abstract') ? { abstract: true } : {};
    });
}

function noBus(address: string, detail: string, cause?: unknown): CxlNvmeError {
  return new CxlNvmeError(
    'TRANSPORT_UNSUPPORTED',
    `no D-Bus bus at ${address} (${detail}): MCTP endpoints cannot be discovered through mctpd`,
    {
      bus: address,
      advice:
        'mctpd publishes endpoints on the D-Bus system bus: start D-Bus and mctpd (systemctl start dbus mctpd), or name endpoints directly as mctp:<net>,<eid> (see `mctp addr` / `mctp route`)',
    },
    cause === undefined ? undefined : { cause },
  );
}

interface DbusNativeBus extends DbusConnection {
  readonly connection: {
    on(event: 'error' | 'end', listener: (e?: unknown) => void): void;
    readonly stream?: { destroy(): void };
    end?(): void;
  };
}

interface DbusNative {
  createClient(options: { busAddress: string }): DbusNativeBus;
}

let dbusNative: Promise<DbusNative> | undefined;

/** @homebridge/dbus-native, imported on first use. */
function loadDbusNative(): Promise<DbusNative> {
  dbusNative ??= import('@homebridge/dbus-native').then(
    (ns) => {
      const m = ns as unknown as Partial<DbusNative> & { default?: DbusNative };
      const lib = typeof m.createClient === 'function' ? (m as DbusNative) : m.default;
      if (typeof lib?.createClient !== 'function') {
        dbusNative = undefined;
        throw new CxlNvmeError('TRANSPORT_UNSUPPORTED', 'the D-Bus client library @homebridge/dbus-native has no createClient(): an incompatible version is installed', {
          advice: 'reinstall cxl-nvme with its dependencies (npm install)',
        });
      }
      return lib;
    },
    (e: unknown) => {
      dbusNative = undefined;
      throw new CxlNvmeError('TRANSPORT_UNSUPPORTED', `the D-Bus client library @homebridge/dbus-native cannot be loaded: ${(e as Error).message}`, { advice: 'reinstall cxl-nvme with its dependencies (npm install)' }, { cause: e });
    },
  );
  return dbusNative;
}

interface OwnedBus {
  readonly bus: DbusNativeBus;
  close(): void;
}

function socketError(address: string, e: unknown): CxlNvmeError {
  const code = (e as { code?: unknown }).code;
  const ctx: ErrorContext = { bus: address };
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTDIR') return noBus(address, `${code}`, e);
  if (code === 'EACCES' || code === 'EPERM')
    return new CxlNvmeError(code, `D-Bus socket ${address}: permission denied`, { ...ctx, advice: 'the D-Bus socket is not open to this user: run as a user the bus policy admits' }, { cause: e });
  const msg = e instanceof Error ? e.message : String((e as DbusErrorReply)?.message ?? e);
  return new CxlNvmeError('TRANSPORT_PROTOCOL', `D-Bus connection to ${address} failed: ${msg}`, { ...ctx, ...(typeof code === 'string' ? { errno: code } : {}) }, { cause: e });
}

/**
 * Connect to a bus. Messages queued before the handshake completes are sent once it does; a socket
 * or authentication failure fails the session (so every pending call rejects at once).
 */
async function openBus(address: string, session: Session): Promise<OwnedBus> {
  const unix = unixEntries(address);
  if (unix.length > 0 && unix.every((u) => u.abstract)) throw noBus(address, 'abstract-namespace sockets are not supported by the D-Bus client; give a unix:path= address');
  if (unix.length > 0 && unix.length === address.split(';').length && unix.every((u) => u.path !== undefined && !existsSync(u.path))) {
    throw noBus(address, 'no such socket');
  }
  const lib = await session.race(loadDbusNative());
  let bus: DbusNativeBus;
  try {
    bus = lib.createClient({ busAddress: address });
  } catch (e) {
    throw noBus(address, (e as Error).message, e);
  }
  let closed = false;
  bus.connection.on('error', (e) => {
    if (!closed) session.fail(socketError(address, e));
  });
  bus.connection.on('end', () => {
    if (!closed) session.fail(new CxlNvmeError('TRANSPORT_CLOSED', `the D-Bus bus at ${address} closed the connection`, { bus: address }));
  });
  return {
    bus,
    close() {
      if (closed) return;
      closed = true;
      try {
        bus.connection.stream?.destroy();
      } catch {
        // already gone
      }
    },
  };
}
