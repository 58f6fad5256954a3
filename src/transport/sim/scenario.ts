/**
 * Scenarios: a fleet of simulated devices described as plain JSON (see scenarios/default.json and
 * test/fixtures/README.md). `loadScenario` validates the description and builds the simulators;
 * a mistake is reported as CxlNvmeError 'USAGE' naming the JSON path ($.cxl.mem0.temperature).
 *
 *   { "v": 1, "clock": "real" | "manual",
 *     "cxl":  { "<name>": { "type": "type3" | "switch" | "mld", ...options } },
 *     "nvme": { "<name>": { "namespaces": [{ "size": "1GiB", "lbaFormat": 0 }], ...,
 *                           "mi": { "mprFirst": { "times": 1, "mprtMs": 200 } } | false } } }
 *
 * Every NVMe controller gets an NVMe-MI Management Endpoint (SimNvmeMi) in `mi`, named
 * '<name>-mi' ('nvme0-mi'), unless its "mi" is false. NVMe options beyond the namespaces:
 * cntlid, maxNamespaces, capacity, fwSlots, fwUpdateGranularity, fwActivateWithoutReset,
 * sanitizeActions, noDeallocateInhibited, operations ({ "mode": "poll" | "time" | "instant", ... }).
 *
 * Sizes are numbers of bytes or strings ("512MiB", "4GiB", "0x10000000"); 64-bit values (serial,
 * DPA) may be hex strings. Faults: { "opcode": "0x4200", "returnCode": "busy" | 6, "times"?: n }
 * (CXL, return codes by Table 8-34 name or number) and { "opcode": 2, "queue": "io", "status":
 * "lbaRange" | 0x80, "times"?: n } (NVMe).
 */
import { readFileSync } from 'node:fs';
import { statusCodes } from '../../../spec-tables/nvme/status.js';
import { CxlNvmeError } from '../../errors.js';
import { returnCodesByName } from '../../protocol/cxl/registry.js';
import { fromHex } from '../record.js';
import type { CxlTransport, MctpMessageTransport, NvmeTransport } from '../types.js';
import type { InjectedFault, SimCciDevice } from './cci-device.js';
import { type SimClock, createClock } from './clock.js';
import { type NvmeFault, SimNvmeController, type SimNvmeControllerOptions, type SimSanitizeAction } from './nvme.js';
import { SimNvmeMi, type SimNvmeMiOptions } from './nvme-mi.js';
import { SimCxlMld, SimCxlSwitch } from './switch.js';
import { type PoisonSource, SimCxlType3, type SimCxlType3Options } from './type3.js';

export interface LoadedScenario {
  readonly cxl: Map<string, CxlTransport>;
  readonly nvme: Map<string, NvmeTransport>;
  /** NVMe-MI Management Endpoints over MCTP, one per NVMe controller: 'nvme0-mi' fronts 'nvme0'. */
  readonly mi: Map<string, MctpMessageTransport>;
  /** Every simulator by name, nested ones as 'sw0.port1' and 'sw0.port1.ld0', for state changes. */
  readonly devices: Map<string, SimCciDevice | SimNvmeController | SimNvmeMi>;
  readonly clock: SimClock;
}

type Json = unknown;

function fail(path: string, why: string, value?: unknown): never {
  throw new CxlNvmeError('USAGE', `scenario ${path}: ${why}`, { path, ...(value !== undefined ? { value } : {}) });
}

function obj(v: Json, path: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object', v);
  return v as Record<string, Json>;
}

function only(o: Record<string, Json>, path: string, keys: readonly string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}.${k}`, `unknown key (known: ${keys.join(', ')})`);
}

const UNITS: Record<string, bigint> = { '': 1n, b: 1n, kib: 1n << 10n, mib: 1n << 20n, gib: 1n << 30n, tib: 1n << 40n, k: 1000n, m: 1000n ** 2n, g: 1000n ** 3n };

/** A non-negative integer (bytes, serial, address) from a number or string with an optional unit. */
function bigVal(v: Json, path: string): bigint {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) fail(path, 'must be a non-negative integer', v);
    return BigInt(v);
  }
  if (typeof v !== 'string') fail(path, 'must be a number or a string', v);
  const s = v.trim().toLowerCase();
  if (/^0x[0-9a-f]+$/.test(s)) return BigInt(s);
  const m = /^(\d+)\s*([a-z]*)$/.exec(s);
  const unit = m ? UNITS[m[2]!] : undefined;
  if (!m || unit === undefined) fail(path, `not a size or number ('4GiB', '512MiB', '0x1000', 4096)`, v);
  return BigInt(m[1]!) * unit;
}

function intVal(v: Json, path: string, min: number, max: number): number {
  const n = typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail(path, `must be an integer ${min}..${max}`, v);
  return n;
}

function numVal(v: Json, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a number', v);
  return v;
}

function strVal(v: Json, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string', v);
  return v;
}

function arr(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) fail(path, 'must be an array', v);
  return v;
}

function cxlFaults(v: Json, path: string): InjectedFault[] {
  return arr(v, path).map((f, i) => {
    const p = `${path}[${i}]`;
    const o = obj(f, p);
    only(o, p, ['opcode', 'returnCode', 'times', 'vendorExtStatus']);
    const rcv = o.returnCode;
    const rc = typeof rcv === 'string' && !/^0x/i.test(rcv) ? returnCodesByName.get(rcv)?.value : intVal(rcv, `${p}.returnCode`, 0, 0xffff);
    if (rc === undefined) fail(`${p}.returnCode`, `unknown return code name (CXL r3.1 Table 8-34: ${[...returnCodesByName.keys()].join(', ')})`, rcv);
    return {
      opcode: intVal(o.opcode, `${p}.opcode`, 0, 0xffff),
      returnCode: rc,
      ...(o.times !== undefined ? { times: intVal(o.times, `${p}.times`, 0, 1e9) } : {}),
      ...(o.vendorExtStatus !== undefined ? { vendorExtStatus: intVal(o.vendorExtStatus, `${p}.vendorExtStatus`, 0, 0xffff) } : {}),
    };
  });
}

const TYPE3_KEYS = [
  'type',
  'serial',
  'vendorId',
  'deviceId',
  'fwRevision',
  'volatileBytes',
  'persistentBytes',
  'partitionableBytes',
  'partitionAlignBytes',
  'lsaSize',
  'temperature',
  'lifeUsed',
  'dirtyShutdownCount',
  'poison',
  'injectPoisonLimit',
  'events',
  'faults',
  'dcRegions',
  'maxMsgSizeLog2',
  'background',
] as const;

const POISON_SOURCES: readonly PoisonSource[] = ['unknown', 'external', 'internal', 'injected', 'vendor'];
const EVENT_LOGS = ['informational', 'warning', 'failure', 'fatal', 'dynamicCapacity'] as const;

function commonOptions(o: Record<string, Json>, path: string, name: string, clock: SimClock): Record<string, unknown> {
  const out: Record<string, unknown> = { name, clock };
  if (o.serial !== undefined) out.serial = bigVal(o.serial, `${path}.serial`);
  if (o.vendorId !== undefined) out.vendorId = intVal(o.vendorId, `${path}.vendorId`, 0, 0xffff);
  if (o.deviceId !== undefined) out.deviceId = intVal(o.deviceId, `${path}.deviceId`, 0, 0xffff);
  if (o.maxMsgSizeLog2 !== undefined) out.maxMsgSizeLog2 = intVal(o.maxMsgSizeLog2, `${path}.maxMsgSizeLog2`, 8, 20);
  if (o.faults !== undefined) out.faults = cxlFaults(o.faults, `${path}.faults`);
  if (o.background !== undefined) {
    const b = obj(o.background, `${path}.background`);
    const mode = b.mode;
    if (mode === 'poll') out.background = { mode, ...(b.step !== undefined ? { step: intVal(b.step, `${path}.background.step`, 1, 100) } : {}) };
    else if (mode === 'time') out.background = { mode, durationMs: numVal(b.durationMs, `${path}.background.durationMs`) };
    else if (mode === 'instant') out.background = { mode };
    else fail(`${path}.background.mode`, "must be 'poll', 'time' or 'instant'", mode);
  }
  return out;
}

function type3Options(o: Record<string, Json>, path: string, name: string, clock: SimClock): SimCxlType3Options {
  only(o, path, TYPE3_KEYS);
  const out: Record<string, unknown> = commonOptions(o, path, name, clock);
  const MiB256 = 256n << 20n;
  for (const [key, opt] of [
    ['volatileBytes', 'volatileOnlyBytes'],
    ['persistentBytes', 'persistentOnlyBytes'],
    ['partitionableBytes', 'partitionableBytes'],
    ['partitionAlignBytes', 'partitionAlignBytes'],
  ] as const) {
    if (o[key] === undefined) continue;
    const v = bigVal(o[key], `${path}.${key}`);
    if (v % MiB256 !== 0n) fail(`${path}.${key}`, 'must be a multiple of 256 MiB (CXL capacities are in 256 MiB units)', o[key]);
    out[opt] = v;
  }
  if (o.fwRevision !== undefined) out.fwRevision = strVal(o.fwRevision, `${path}.fwRevision`);
  if (o.lsaSize !== undefined) out.lsaSize = intVal(o.lsaSize, `${path}.lsaSize`, 0, 1 << 24);
  if (o.temperature !== undefined) out.temperature = intVal(o.temperature, `${path}.temperature`, -273, 32767);
  if (o.lifeUsed !== undefined) out.lifeUsed = intVal(o.lifeUsed, `${path}.lifeUsed`, 0, 100);
  if (o.dirtyShutdownCount !== undefined) out.dirtyShutdownCount = intVal(o.dirtyShutdownCount, `${path}.dirtyShutdownCount`, 0, 0xffffffff);
  if (o.injectPoisonLimit !== undefined) out.injectPoisonLimit = intVal(o.injectPoisonLimit, `${path}.injectPoisonLimit`, 0, 0xffff);
  if (o.poison !== undefined) {
    out.poison = arr(o.poison, `${path}.poison`).map((p, i) => {
      const pp = `${path}.poison[${i}]`;
      const po = obj(p, pp);
      only(po, pp, ['dpa', 'length', 'source']);
      const dpa = bigVal(po.dpa, `${pp}.dpa`);
      if (dpa % 64n !== 0n) fail(`${pp}.dpa`, 'must be 64-byte aligned', po.dpa);
      const length = po.length === undefined ? 64n : bigVal(po.length, `${pp}.length`);
      if (length === 0n || length % 64n !== 0n) fail(`${pp}.length`, 'must be a non-zero multiple of 64', po.length);
      const source = po.source === undefined ? 'internal' : strVal(po.source, `${pp}.source`);
      if (!POISON_SOURCES.includes(source as PoisonSource)) fail(`${pp}.source`, `must be one of ${POISON_SOURCES.join(', ')}`, po.source);
      return { dpa, length, source };
    });
  }
  if (o.events !== undefined) {
    out.events = arr(o.events, `${path}.events`).map((e, i) => {
      const ep = `${path}.events[${i}]`;
      const eo = obj(e, ep);
      only(eo, ep, ['log', 'uuid', 'data']);
      const log = strVal(eo.log, `${ep}.log`);
      if (!(EVENT_LOGS as readonly string[]).includes(log)) fail(`${ep}.log`, `must be one of ${EVENT_LOGS.join(', ')}`, eo.log);
      const data = eo.data === undefined ? undefined : fromHex(strVal(eo.data, `${ep}.data`));
      if (eo.data !== undefined && (!data || data.length > 80)) fail(`${ep}.data`, 'must be hex of at most 80 bytes (the event-specific part)', eo.data);
      return { log, ...(eo.uuid !== undefined ? { uuid: strVal(eo.uuid, `${ep}.uuid`) } : {}), ...(data ? { data } : {}) };
    });
  }
  if (o.dcRegions !== undefined) {
    out.dcRegions = arr(o.dcRegions, `${path}.dcRegions`).map((r, i) => {
      const rp = `${path}.dcRegions[${i}]`;
      const ro = obj(r, rp);
      only(ro, rp, ['base', 'length', 'blockSize']);
      return {
        base: bigVal(ro.base, `${rp}.base`),
        length: bigVal(ro.length, `${rp}.length`),
        ...(ro.blockSize !== undefined ? { blockSize: bigVal(ro.blockSize, `${rp}.blockSize`) } : {}),
      };
    });
  }
  return out as SimCxlType3Options;
}

function buildCxl(v: Json, path: string, name: string, clock: SimClock, devices: Map<string, SimCciDevice | SimNvmeController | SimNvmeMi>): SimCciDevice {
  const o = obj(v, path);
  const type = o.type;
  let dev: SimCciDevice;
  if (type === 'type3') {
    dev = new SimCxlType3(type3Options(o, path, name, clock));
  } else if (type === 'mld') {
    only(o, path, ['type', 'serial', 'vendorId', 'deviceId', 'lds', 'faults', 'maxMsgSizeLog2', 'background']);
    const lds = o.lds === undefined ? [{}, {}] : arr(o.lds, `${path}.lds`);
    const ldOpts = lds.map((l, i) => type3Options({ type: 'type3', ...obj(l, `${path}.lds[${i}]`) }, `${path}.lds[${i}]`, `${name}.ld${i}`, clock));
    const mld = new SimCxlMld({ ...commonOptions(o, path, name, clock), lds: ldOpts });
    mld.lds.forEach((ld, i) => {
      devices.set(`${name}.ld${i}`, ld);
    });
    dev = mld;
  } else if (type === 'switch') {
    only(o, path, ['type', 'serial', 'vendorId', 'deviceId', 'numPorts', 'ports', 'vppbs', 'faults', 'maxMsgSizeLog2', 'background']);
    const numPorts = o.numPorts === undefined ? 8 : intVal(o.numPorts, `${path}.numPorts`, 2, 256);
    const ports = Object.entries(o.ports === undefined ? {} : obj(o.ports, `${path}.ports`)).map(([k, pv]) => {
      const id = /^\d+$/.test(k) ? Number(k) : Number.NaN;
      if (!(id >= 1 && id < numPorts)) fail(`${path}.ports.${k}`, `port ids are downstream ports 1..${numPorts - 1}`);
      return { id, device: buildCxl(pv, `${path}.ports.${k}`, `${name}.port${id}`, clock, devices) };
    });
    dev = new SimCxlSwitch({
      ...commonOptions(o, path, name, clock),
      numPorts,
      ports,
      ...(o.vppbs !== undefined ? { vppbs: intVal(o.vppbs, `${path}.vppbs`, 1, 255) } : {}),
    });
  } else {
    fail(`${path}.type`, "must be 'type3', 'switch' or 'mld'", type);
  }
  devices.set(name, dev);
  return dev;
}

function nvmeStatus(v: Json, path: string): number {
  if (typeof v === 'string' && !/^0x/i.test(v)) {
    const row = statusCodes.find((r) => r.name === v);
    if (!row) fail(path, 'unknown NVMe status name', v);
    return (row.sct << 8) | row.sc;
  }
  return intVal(v, path, 0, 0x7fff);
}

const NVME_KEYS = [
  'serial',
  'model',
  'firmware',
  'vid',
  'cntlid',
  'lbaFormats',
  'namespaces',
  'temperatureK',
  'faults',
  'maxNamespaces',
  'capacity',
  'fwSlots',
  'fwUpdateGranularity',
  'fwActivateWithoutReset',
  'sanitizeActions',
  'noDeallocateInhibited',
  'operations',
  'mi',
] as const;
const SANITIZE_ACTIONS: readonly SimSanitizeAction[] = ['blockErase', 'overwrite', 'cryptoErase'];

function boolVal(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'must be true or false', v);
  return v;
}

/** The NVMe-MI endpoint options of a controller, or undefined for "mi": false. */
function miOptions(v: Json, path: string): SimNvmeMiOptions | undefined {
  if (v === undefined) return {};
  if (v === false) return undefined;
  const o = obj(v, path);
  only(o, path, ['mprFirst', 'smbusMaxMtu', 'pcieMaxMtu']);
  const out: Record<string, unknown> = {};
  if (o.mprFirst !== undefined) {
    const m = obj(o.mprFirst, `${path}.mprFirst`);
    only(m, `${path}.mprFirst`, ['times', 'mprtMs', 'replies']);
    out.mprFirst = {
      ...(m.times !== undefined ? { times: intVal(m.times, `${path}.mprFirst.times`, 0, 1e9) } : {}),
      ...(m.mprtMs !== undefined ? { mprtMs: intVal(m.mprtMs, `${path}.mprFirst.mprtMs`, 0, 6_553_500) } : {}),
      ...(m.replies !== undefined ? { replies: intVal(m.replies, `${path}.mprFirst.replies`, 1, 1000) } : {}),
    };
  }
  if (o.smbusMaxMtu !== undefined) out.smbusMaxMtu = intVal(o.smbusMaxMtu, `${path}.smbusMaxMtu`, 64, 0xffff);
  if (o.pcieMaxMtu !== undefined) out.pcieMaxMtu = intVal(o.pcieMaxMtu, `${path}.pcieMaxMtu`, 64, 0xffff);
  return out as SimNvmeMiOptions;
}

function buildNvme(v: Json, path: string, name: string, clock: SimClock): SimNvmeController {
  const o = obj(v, path);
  only(o, path, NVME_KEYS);
  const opts: Record<string, unknown> = { name, clock };
  if (o.cntlid !== undefined) opts.cntlid = intVal(o.cntlid, `${path}.cntlid`, 0, 0xffef);
  if (o.maxNamespaces !== undefined) opts.maxNamespaces = intVal(o.maxNamespaces, `${path}.maxNamespaces`, 1, 0xfffffffd);
  if (o.capacity !== undefined) opts.capacityBytes = bigVal(o.capacity, `${path}.capacity`);
  if (o.fwSlots !== undefined) opts.fwSlots = intVal(o.fwSlots, `${path}.fwSlots`, 1, 7);
  if (o.fwUpdateGranularity !== undefined) opts.fwUpdateGranularity = intVal(o.fwUpdateGranularity, `${path}.fwUpdateGranularity`, 0, 0xff);
  if (o.fwActivateWithoutReset !== undefined) opts.fwActivateWithoutReset = boolVal(o.fwActivateWithoutReset, `${path}.fwActivateWithoutReset`);
  if (o.noDeallocateInhibited !== undefined) opts.noDeallocateInhibited = boolVal(o.noDeallocateInhibited, `${path}.noDeallocateInhibited`);
  if (o.sanitizeActions !== undefined) {
    opts.sanitizeActions = arr(o.sanitizeActions, `${path}.sanitizeActions`).map((a, i) => {
      const s = strVal(a, `${path}.sanitizeActions[${i}]`);
      if (!(SANITIZE_ACTIONS as readonly string[]).includes(s)) fail(`${path}.sanitizeActions[${i}]`, `must be one of ${SANITIZE_ACTIONS.join(', ')}`, a);
      return s;
    });
  }
  if (o.operations !== undefined) {
    const b = obj(o.operations, `${path}.operations`);
    const mode = b.mode;
    if (mode === 'poll') opts.operations = { mode, ...(b.step !== undefined ? { step: intVal(b.step, `${path}.operations.step`, 1, 100) } : {}) };
    else if (mode === 'time') opts.operations = { mode, durationMs: numVal(b.durationMs, `${path}.operations.durationMs`) };
    else if (mode === 'instant') opts.operations = { mode };
    else fail(`${path}.operations.mode`, "must be 'poll', 'time' or 'instant'", mode);
  }
  if (o.serial !== undefined) opts.serial = strVal(o.serial, `${path}.serial`);
  if (o.model !== undefined) opts.model = strVal(o.model, `${path}.model`);
  if (o.firmware !== undefined) opts.firmware = strVal(o.firmware, `${path}.firmware`);
  if (o.vid !== undefined) opts.vid = intVal(o.vid, `${path}.vid`, 0, 0xffff);
  if (o.temperatureK !== undefined) opts.temperatureK = intVal(o.temperatureK, `${path}.temperatureK`, 0, 0xffff);
  const formats =
    o.lbaFormats === undefined
      ? undefined
      : arr(o.lbaFormats, `${path}.lbaFormats`).map((f, i) => {
          const fp = `${path}.lbaFormats[${i}]`;
          const fo = obj(f, fp);
          only(fo, fp, ['ds', 'ms']);
          return { ds: intVal(fo.ds, `${fp}.ds`, 9, 16), ...(fo.ms !== undefined ? { ms: intVal(fo.ms, `${fp}.ms`, 0, 0xffff) } : {}) };
        });
  if (formats) opts.lbaFormats = formats;
  const nformats = formats?.length ?? 2;
  if (o.namespaces !== undefined) {
    opts.namespaces = arr(o.namespaces, `${path}.namespaces`).map((n, i) => {
      const np = `${path}.namespaces[${i}]`;
      const no = obj(n, np);
      only(no, np, ['nsid', 'size', 'lbaFormat']);
      const size = bigVal(no.size, `${np}.size`);
      const lbaFormat = no.lbaFormat === undefined ? 0 : intVal(no.lbaFormat, `${np}.lbaFormat`, 0, nformats - 1);
      const ds = formats?.[lbaFormat]?.ds ?? (lbaFormat === 0 ? 9 : 12);
      if (size === 0n || size % (1n << BigInt(Math.max(ds, 12))) !== 0n) fail(`${np}.size`, 'must be a non-zero multiple of 4096 and of the LBA size', no.size);
      return { size, lbaFormat, ...(no.nsid !== undefined ? { nsid: intVal(no.nsid, `${np}.nsid`, 1, 0xfffffffe) } : {}) };
    });
    opts.namespaces = (opts.namespaces as { size: bigint; lbaFormat: number; nsid?: number }[]).map((n) => ({ sizeBytes: n.size, lbaFormat: n.lbaFormat, ...(n.nsid !== undefined ? { nsid: n.nsid } : {}) }));
  }
  if (o.faults !== undefined) {
    opts.faults = arr(o.faults, `${path}.faults`).map((f, i): NvmeFault => {
      const fp = `${path}.faults[${i}]`;
      const fo = obj(f, fp);
      only(fo, fp, ['opcode', 'queue', 'status', 'times']);
      const queue = fo.queue === undefined ? undefined : strVal(fo.queue, `${fp}.queue`);
      if (queue !== undefined && queue !== 'admin' && queue !== 'io') fail(`${fp}.queue`, "must be 'admin' or 'io'", queue);
      return {
        opcode: intVal(fo.opcode, `${fp}.opcode`, 0, 0xff),
        status: nvmeStatus(fo.status, `${fp}.status`),
        ...(queue ? { queue } : {}),
        ...(fo.times !== undefined ? { times: intVal(fo.times, `${fp}.times`, 0, 1e9) } : {}),
      };
    });
  }
  try {
    return new SimNvmeController(opts as SimNvmeControllerOptions);
  } catch (e) {
    if (e instanceof CxlNvmeError) fail(path, e.message);
    throw e;
  }
}

/** Build the simulators of a scenario: a JSON text, a parsed object, or a path to a .json file. */
export function loadScenario(jsonOrPath: string | object): LoadedScenario {
  let data: Json = jsonOrPath;
  if (typeof jsonOrPath === 'string') {
    let text = jsonOrPath;
    if (!jsonOrPath.trimStart().startsWith('{')) {
      try {
        text = readFileSync(jsonOrPath, 'utf8');
      } catch (e) {
        throw new CxlNvmeError('USAGE', `cannot read scenario ${jsonOrPath}: ${(e as Error).message}`, { path: jsonOrPath }, { cause: e });
      }
    }
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CxlNvmeError('USAGE', `scenario is not JSON: ${(e as Error).message}`, { path: '$' }, { cause: e });
    }
  }
  const root = obj(data, '$');
  only(root, '$', ['v', 'description', 'clock', 'cxl', 'nvme']);
  if (root.v !== 1) fail('$.v', 'must be 1 (scenario format version)', root.v);
  if (root.clock !== undefined && root.clock !== 'real' && root.clock !== 'manual') fail('$.clock', "must be 'real' or 'manual'", root.clock);
  const clock = createClock((root.clock as 'real' | 'manual' | undefined) ?? 'real');
  const devices = new Map<string, SimCciDevice | SimNvmeController | SimNvmeMi>();
  const cxl = new Map<string, CxlTransport>();
  const nvme = new Map<string, NvmeTransport>();
  const mi = new Map<string, MctpMessageTransport>();
  for (const [name, v] of Object.entries(root.cxl === undefined ? {} : obj(root.cxl, '$.cxl'))) {
    cxl.set(name, buildCxl(v, `$.cxl.${name}`, name, clock, devices));
  }
  for (const [name, v] of Object.entries(root.nvme === undefined ? {} : obj(root.nvme, '$.nvme'))) {
    if (devices.has(name)) fail(`$.nvme.${name}`, 'name already used by a CXL device');
    const c = buildNvme(v, `$.nvme.${name}`, name, clock);
    devices.set(name, c);
    nvme.set(name, c);
    const mo = miOptions((v as Record<string, Json>).mi, `$.nvme.${name}.mi`);
    if (mo) {
      const miName = `${name}-mi`;
      if (devices.has(miName)) fail(`$.nvme.${name}.mi`, `the endpoint name ${miName} is already used`);
      const ep = new SimNvmeMi(c, { ...mo, name: miName });
      devices.set(miName, ep);
      mi.set(miName, ep);
    }
  }
  return { cxl, nvme, mi, devices, clock };
}
