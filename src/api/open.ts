/**
 * Open a CXL or NVMe device from a short spec, the way a person names it:
 *
 *   await cxl.open('mem0')                 // /dev/cxl/mem0, Linux mailbox ioctl
 *   await cxl.open('mctp:1,8')             // AF_MCTP network 1, endpoint 8
 *   await cxl.open('sim:mem0')             // a simulator from scenarios/default.json
 *   await nvme.open('/dev/ng0n1')          // namespace node: nsid from NVME_IOCTL_ID
 *   await nvme.open('mctp:1,9', { ctrlId: 0 })   // NVMe-MI, Admin commands tunnelled
 *   await cxl.open('mem0', { record: 's.jsonl' }); await cxl.open(undefined, { replay: 's.jsonl' })
 *
 * The native transports are imported dynamically, only once a real device node or socket is about
 * to be opened, so simulators, replays and the codec work where the addon is absent. A device path
 * that does not exist rejects with code ENOENT before any native code is loaded.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CxlNvmeError } from '../errors.js';
import { recordCxl, recordMctp, recordNvme } from '../transport/record.js';
import { loadRecording, openReplay } from '../transport/replay.js';
import { type LoadedScenario, loadScenario } from '../transport/sim/index.js';
import type { CxlTransport, MctpMessageTransport, NvmeTransport } from '../transport/types.js';
import { Endpoint, type EndpointOptions } from './cxl/endpoint.js';
import { NvmeDevice, type NvmeDeviceOptions } from './nvme/device.js';
import { NvmeMiEndpoint, type NvmeMiOptions } from './nvme/mi-transport.js';

/** A scenario: a loaded fleet, a parsed object, JSON text, or a path to a .json file. */
export type ScenarioSource = LoadedScenario | object | string;

export interface OpenCommonOptions {
  /** Scenario for 'sim:' specs (default: the package's scenarios/default.json). */
  readonly scenario?: ScenarioSource;
  /** Record every exchange to this file (JSON lines, format v1). */
  readonly record?: string;
  /** Answer from this recording instead of a device; the spec may then be omitted. */
  readonly replay?: string;
  /** Where device nodes live (default '/dev'). */
  readonly devRoot?: string;
  /** Where sysfs is mounted (default '/sys'); the mailbox reads payload_max there. */
  readonly sysfsRoot?: string;
}

export interface OpenCxlOptions extends OpenCommonOptions, EndpointOptions {}

export interface OpenNvmeOptions extends OpenCommonOptions, NvmeDeviceOptions, NvmeMiOptions {
  /** NVMe-MI: the controller to tunnel Admin commands to (default 0). */
  readonly ctrlId?: number;
  /** Open device nodes read-only. */
  readonly readOnly?: boolean;
}

/** What a spec names. */
export type DeviceSpec =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'mctp'; readonly net: number; readonly eid: number }
  | { readonly kind: 'sim'; readonly name: string };

/** Parse 'mem0', '/dev/cxl/mem0', 'nvme0n1', 'mctp:1,8', 'sim:mem0'. */
export function parseDeviceSpec(spec: string, devRoot = '/dev'): DeviceSpec {
  const s = spec.trim();
  if (s === '') throw new CxlNvmeError('USAGE', 'empty device name', {});
  if (s.startsWith('sim:')) {
    const name = s.slice(4);
    if (!name) throw new CxlNvmeError('USAGE', `'${spec}': name the simulated device, e.g. sim:mem0`, { spec });
    return { kind: 'sim', name };
  }
  if (s.startsWith('mctp:')) {
    const m = /^mctp:(\d+),(\d+)$/.exec(s);
    if (!m) throw new CxlNvmeError('USAGE', `'${spec}' is not an MCTP address: write mctp:<net>,<eid> (e.g. mctp:1,8)`, { spec });
    const net = Number(m[1]);
    const eid = Number(m[2]);
    if (net > 0xffffffff) throw new CxlNvmeError('USAGE', `MCTP network ${net} is out of range`, { spec });
    if (eid < 1 || eid > 254) throw new CxlNvmeError('USAGE', `MCTP endpoint id must be 1..254, got ${eid}`, { spec });
    return { kind: 'mctp', net, eid };
  }
  if (s.includes('/')) return { kind: 'path', path: s };
  if (/^mem\d+$/.test(s)) return { kind: 'path', path: join(devRoot, 'cxl', s) };
  return { kind: 'path', path: join(devRoot, s) };
}

/** Does the spec name an NVMe node ('nvme0', '/dev/ng0n1', 'sim:nvme0n1')? Undefined when it cannot tell. */
export function isNvmeName(spec: string): boolean | undefined {
  const base = spec.replace(/^sim:/, '').split('/').pop() ?? '';
  if (/^(nvme|ng)\d+((c\d+)?n\d+)?(-mi)?$/.test(base)) return true;
  if (/^mem\d+$/.test(base) || spec.startsWith('/dev/cxl/')) return false;
  return undefined;
}

// --- scenarios -----------------------------------------------------------------------------------

/** The package's scenarios/default.json, found from this module in src/ or in dist/src/. */
export function defaultScenarioPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const p = join(here, up, 'scenarios', 'default.json');
    if (existsSync(p)) return p;
  }
  throw new CxlNvmeError('USAGE', 'the default simulator scenario (scenarios/default.json) is not installed with this package; pass a scenario file', {});
}

function isLoaded(s: ScenarioSource): s is LoadedScenario {
  return typeof s === 'object' && s !== null && 'devices' in s && s.devices instanceof Map;
}

/** A loaded fleet from any scenario source (default scenario when none). */
export function resolveScenario(s: ScenarioSource | undefined): LoadedScenario {
  if (s === undefined) return loadScenario(defaultScenarioPath());
  return isLoaded(s) ? s : loadScenario(s);
}

function unknownSim(name: string, kind: 'CXL' | 'NVMe', names: readonly string[]): CxlNvmeError {
  return new CxlNvmeError('ENOENT', `no simulated ${kind} device '${name}' in the scenario (it has: ${names.join(', ') || 'none'})`, {
    path: `sim:${name}`,
    advice: `pick one of ${names.map((n) => `sim:${n}`).join(', ') || '(none)'}; list them with: cxl-nvme list --sim`,
  });
}

// --- helpers -------------------------------------------------------------------------------------

async function mustExist(path: string, what: string, advice: string): Promise<void> {
  try {
    await stat(path);
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'ENOENT';
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new CxlNvmeError('ENOENT', `${path}: no such ${what}`, { path, advice }, { cause: e });
    }
    // EACCES on a parent directory and the like: let the open itself report it with its advice.
  }
}

const CXL_ADVICE = 'list CXL memory devices with `cxl-nvme list` (or ls /sys/bus/cxl/devices); check that the cxl_pci and cxl_mem drivers are loaded';
const NVME_ADVICE = 'list NVMe devices with `cxl-nvme list` (or ls /sys/class/nvme)';

// --- CXL -----------------------------------------------------------------------------------------

/** The CxlTransport a spec names, before recording. */
async function cxlTransport(spec: string | CxlTransport | undefined, options: OpenCxlOptions): Promise<CxlTransport> {
  if (options.replay) {
    const rec = loadRecording(options.replay);
    if (rec.header.kind !== 'cxl') {
      throw new CxlNvmeError('USAGE', `${options.replay} records ${rec.header.kind === 'nvme' ? 'NVMe commands' : 'NVMe-MI messages'}, not CXL exchanges`, { path: options.replay });
    }
    return openReplay(rec) as CxlTransport;
  }
  if (spec === undefined) throw new CxlNvmeError('USAGE', 'no CXL device given (mem0, /dev/cxl/mem0, mctp:<net>,<eid> or sim:<name>)', {});
  if (typeof spec !== 'string') return spec;
  const d = parseDeviceSpec(spec, options.devRoot);
  if (d.kind === 'sim') {
    const fleet = resolveScenario(options.scenario);
    const t = fleet.cxl.get(d.name);
    if (!t) throw unknownSim(d.name, 'CXL', [...fleet.cxl.keys()]);
    return t;
  }
  if (d.kind === 'mctp') {
    const { openCxlMctp } = await import('../transport/mctp.js');
    return openCxlMctp({ net: d.net, eid: d.eid });
  }
  await mustExist(d.path, 'CXL memory device', CXL_ADVICE);
  const { openCxlMailbox } = await import('../transport/cxl-mailbox.js');
  return openCxlMailbox(d.path, options.sysfsRoot ? { sysfsRoot: options.sysfsRoot } : {});
}

/**
 * Open a CXL component: 'mem0' | '/dev/cxl/mem0' (mailbox ioctl), 'mctp:<net>,<eid>' (AF_MCTP),
 * 'sim:<name>' (simulator), or a CxlTransport as is. `record` wraps the transport in a recorder;
 * `replay` answers from a recording.
 */
export async function openCxl(spec: string | CxlTransport | undefined, options: OpenCxlOptions = {}): Promise<Endpoint> {
  let t = await cxlTransport(spec, options);
  if (options.record) t = recordCxl(t, { file: options.record });
  const { probe, timeoutMs, firstTag } = options;
  return Endpoint.open(t, {
    ...(probe !== undefined ? { probe } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(firstTag !== undefined ? { firstTag } : {}),
  });
}

// --- NVMe ----------------------------------------------------------------------------------------

/** An NvmeDevice that also knows which node it was opened from. */
export class OpenedNvmeDevice extends NvmeDevice {
  /** The namespace of a namespace node ('/dev/nvme0n1', 'sim:nvme0n1'); undefined for a controller. */
  readonly nsid: number | undefined;
  /** The spec it was opened with ('sim:nvme0', '/dev/ng0n1', 'mctp:1,9', a recording path). */
  readonly spec: string;

  constructor(transport: NvmeTransport, options: NvmeDeviceOptions, nsid: number | undefined, spec: string) {
    super(transport, options);
    this.nsid = nsid;
    this.spec = spec;
  }
}

function miOptions(o: OpenNvmeOptions): NvmeMiOptions {
  return {
    ...(o.csi !== undefined ? { csi: o.csi } : {}),
    ...(o.mprtMaxMs !== undefined ? { mprtMaxMs: o.mprtMaxMs } : {}),
    ...(o.mprtDefaultMs !== undefined ? { mprtDefaultMs: o.mprtDefaultMs } : {}),
    ...(o.maxMpr !== undefined ? { maxMpr: o.maxMpr } : {}),
  };
}

function miTransport(mctp: MctpMessageTransport, options: OpenNvmeOptions): NvmeTransport {
  const t = options.record ? recordMctp(mctp, { file: options.record }) : mctp;
  return new NvmeMiEndpoint(t, miOptions(options)).admin(options.ctrlId ?? 0);
}

/**
 * Open an NVMe controller or namespace: '/dev/nvme0', 'nvme0', '/dev/nvme0n1', '/dev/ng0n1'
 * (namespace nodes: the nsid comes from NVME_IOCTL_ID), 'mctp:<net>,<eid>' (NVMe-MI: Admin
 * commands tunnelled to `ctrlId`), 'sim:nvme0' / 'sim:nvme0n1', or an NvmeTransport as is.
 */
export async function openNvme(spec: string | NvmeTransport | undefined, options: OpenNvmeOptions = {}): Promise<OpenedNvmeDevice> {
  const devOpts: NvmeDeviceOptions = {
    ...(options.mpsmin !== undefined ? { mpsmin: options.mpsmin } : {}),
    ...(options.queueLimitBytes !== undefined ? { queueLimitBytes: options.queueLimitBytes } : {}),
  };
  const wrap = (t: NvmeTransport): NvmeTransport => (options.record ? recordNvme(t, { file: options.record }) : t);
  if (options.replay) {
    const rec = loadRecording(options.replay);
    if (rec.header.kind === 'cxl') throw new CxlNvmeError('USAGE', `${options.replay} records CXL exchanges, not NVMe`, { path: options.replay });
    const t = openReplay(rec);
    const nsid = typeof spec === 'string' ? nsidFromName(spec) : undefined;
    if (rec.header.kind === 'mctp') return new OpenedNvmeDevice(miTransport(t as MctpMessageTransport, options), devOpts, nsid, options.replay);
    return new OpenedNvmeDevice(wrap(t as NvmeTransport), devOpts, nsid ?? nsidFromName(rec.header.device), options.replay);
  }
  if (spec === undefined) throw new CxlNvmeError('USAGE', 'no NVMe device given (/dev/nvme0, /dev/nvme0n1, /dev/ng0n1, mctp:<net>,<eid> or sim:<name>)', {});
  if (typeof spec !== 'string') return new OpenedNvmeDevice(wrap(spec), devOpts, undefined, spec.info.device);
  const d = parseDeviceSpec(spec, options.devRoot);
  if (d.kind === 'sim') {
    const fleet = resolveScenario(options.scenario);
    // 'sim:nvme0-mi': the controller's NVMe-MI endpoint, reached through the MI admin tunnel.
    const mi = fleet.mi.get(d.name);
    if (mi) return new OpenedNvmeDevice(miTransport(mi, options), devOpts, undefined, spec);
    const m = /^(.*?)n(\d+)$/.exec(d.name);
    const ctrl = fleet.nvme.get(d.name) ? d.name : m && fleet.nvme.get(m[1]!) ? m[1]! : undefined;
    if (!ctrl) throw unknownSim(d.name, 'NVMe', [...fleet.nvme.keys()]);
    const nsid = ctrl === d.name ? undefined : Number(m![2]);
    return new OpenedNvmeDevice(wrap(fleet.nvme.get(ctrl)!), devOpts, nsid, spec);
  }
  if (d.kind === 'mctp') {
    const { openNvmeMiMctp } = await import('../transport/mctp.js');
    return new OpenedNvmeDevice(miTransport(openNvmeMiMctp({ net: d.net, eid: d.eid }), options), devOpts, undefined, spec);
  }
  await mustExist(d.path, 'NVMe device node', NVME_ADVICE);
  const { openNvmeIoctl, nvmeNodeKind } = await import('../transport/nvme-ioctl.js');
  const t = await openNvmeIoctl(d.path, options.readOnly ? { readOnly: true } : {});
  let nsid: number | undefined;
  if (nvmeNodeKind(d.path) !== 'controller') {
    try {
      nsid = t.namespaceId() || undefined;
    } catch (e) {
      // A controller node answers NVME_IOCTL_ID with ENOTTY: it simply is not a namespace.
      if ((e as { code?: string }).code !== 'ENOTTY') {
        await t.close();
        throw e;
      }
    }
  }
  return new OpenedNvmeDevice(wrap(t), devOpts, nsid, spec);
}

/** 'nvme0n1', '/dev/ng0n2', 'sim:nvme0n1' -> the namespace number; undefined for a controller. */
function nsidFromName(name: string): number | undefined {
  const m = /(?:nvme|ng)\d+(?:c\d+)?n(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
