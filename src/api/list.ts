/**
 * Every CXL memory device and NVMe controller / namespace on this machine (from sysfs, without
 * opening anything, so without root), plus the simulated fleet of a scenario when asked. The
 * simulated devices are asked over their own protocol (Identify, Memory Device Identify, Identify
 * Controller / Namespace), so the listing shows what a host would read from them. MCTP endpoints
 * come from mctpd over D-Bus (src/transport/mctpd.ts), best effort: no bus or no mctpd is an empty
 * list and a warning, never a failure of the listing.
 */
import { isCxlCommandError, isCxlNvmeError } from '../errors.js';
import { type CxlMemdevInfo, scanCxlMemdevs } from '../transport/cxl-sysfs.js';
import { type DiscoverMctpOptions, discoverMctpEndpoints, type MctpdEndpoint } from '../transport/mctpd.js';
import { type NvmeScan, scanNvme } from '../transport/nvme-sysfs.js';
import { SimCxlMld, SimCxlSwitch, SimCxlType3 } from '../transport/sim/index.js';
import { Endpoint } from './cxl/endpoint.js';
import { NvmeDevice } from './nvme/device.js';
import { type ScenarioSource, resolveScenario } from './open.js';

export interface SimCxlEntry {
  /** 'sim:mem0' */
  readonly device: string;
  readonly type: 'type3' | 'switch' | 'mld';
  readonly serial?: bigint;
  readonly vendorId?: number;
  readonly deviceId?: number;
  /** Type 3: Memory Device Identify. */
  readonly fwRevision?: string;
  readonly totalBytes?: bigint;
  readonly volatileBytes?: bigint;
  readonly persistentBytes?: bigint;
  /** Switch: devices behind its downstream ports, reached with a tunnel ('port 1: mld, 2 LDs'). */
  readonly ports?: readonly { readonly port: number; readonly type: string; readonly lds?: number }[];
  /** MLD: number of logical devices. */
  readonly lds?: number;
}

export interface SimNvmeEntry {
  /** 'sim:nvme0' */
  readonly device: string;
  readonly serial: string;
  readonly model: string;
  readonly firmware: string;
  readonly namespaces: readonly { readonly device: string; readonly nsid: number; readonly sizeBytes: bigint; readonly lbaBytes: number }[];
}

export interface DeviceList {
  readonly cxl: readonly CxlMemdevInfo[];
  readonly nvme: NvmeScan;
  /** MCTP endpoints advertising CXL (07h, 08h) or NVMe-MI (04h), from mctpd over D-Bus. */
  readonly mctp: readonly MctpdEndpoint[];
  /** What could not be listed and why (no D-Bus bus, no mctpd, a malformed endpoint object). */
  readonly warnings: readonly string[];
  /** Present when a scenario was asked for. */
  readonly simulated?: { readonly cxl: readonly SimCxlEntry[]; readonly nvme: readonly SimNvmeEntry[] };
}

export interface ListOptions {
  readonly sysfsRoot?: string;
  readonly devRoot?: string;
  /** List the simulated fleet of this scenario too (`true`: the default scenario). */
  readonly scenario?: ScenarioSource | true;
  /** Skip the host's own devices (sysfs and mctpd). */
  readonly simOnly?: boolean;
  /** MCTP discovery through mctpd (bus, timeout ...), or false to skip it. Default: the system bus. */
  readonly mctp?: false | Omit<DiscoverMctpOptions, 'onWarning'>;
}

const MiB256 = 256n << 20n;

/** CXL memory devices, NVMe controllers and namespaces, and the simulated fleet when asked. */
export async function listDevices(options: ListOptions = {}): Promise<DeviceList> {
  const scan = { ...(options.sysfsRoot ? { sysfsRoot: options.sysfsRoot } : {}), ...(options.devRoot ? { devRoot: options.devRoot } : {}) };
  const skipMctp = options.simOnly || options.mctp === false;
  const [cxl, nvme, { mctp, warnings }] = await Promise.all([
    options.simOnly ? [] : scanCxlMemdevs(scan),
    options.simOnly ? { controllers: [], namespaces: [] } : scanNvme(scan),
    skipMctp ? { mctp: [], warnings: [] } : listMctp(options.mctp || {}),
  ]);
  if (options.scenario === undefined) return { cxl, nvme, mctp, warnings };
  return { cxl, nvme, mctp, warnings, simulated: await listSimulated(options.scenario === true ? undefined : options.scenario) };
}

/** mctpd's endpoints; a discovery failure (no bus, timeout ...) becomes a warning. */
async function listMctp(options: Omit<DiscoverMctpOptions, 'onWarning'>): Promise<{ mctp: MctpdEndpoint[]; warnings: string[] }> {
  const warnings: string[] = [];
  try {
    const mctp = await discoverMctpEndpoints({ ...options, onWarning: (w) => warnings.push(w) });
    return { mctp, warnings };
  } catch (e) {
    if (!isCxlNvmeError(e) || e.layer === 'usage') throw e;
    return { mctp: [], warnings: [...warnings, `MCTP endpoints: ${e.message}${typeof e.context.advice === 'string' ? `; ${e.context.advice}` : ''}`] };
  }
}

/** Ask every simulated device of a scenario who it is. The simulators are left open. */
export async function listSimulated(source?: ScenarioSource): Promise<{ cxl: SimCxlEntry[]; nvme: SimNvmeEntry[] }> {
  const fleet = resolveScenario(source);
  const cxl: SimCxlEntry[] = [];
  for (const [name, t] of fleet.cxl) {
    const dev = fleet.devices.get(name);
    const type = dev instanceof SimCxlSwitch ? 'switch' : dev instanceof SimCxlMld ? 'mld' : 'type3';
    // Not closed: closing the endpoint would close a simulator the caller may still use.
    const ep = await Endpoint.open(t);
    const id = ep.identity;
    const entry: Record<string, unknown> = { device: t.info.device, type };
    if (id) Object.assign(entry, { serial: id.serialNum, vendorId: id.vendorId, deviceId: id.deviceId });
    if (dev instanceof SimCxlType3) {
      try {
        const m = await ep.memdevIdentify();
        Object.assign(entry, {
          fwRevision: m.fwRevision,
          totalBytes: m.totalCapacity * MiB256,
          volatileBytes: m.volatileCapacity * MiB256,
          persistentBytes: m.persistentCapacity * MiB256,
        });
      } catch (e) {
        if (!isCxlCommandError(e)) throw e;
      }
    }
    if (dev instanceof SimCxlMld) entry.lds = dev.lds.length;
    if (dev instanceof SimCxlSwitch) {
      const ports: { port: number; type: string; lds?: number }[] = [];
      for (const [n, d] of fleet.devices) {
        const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.port(\\d+)$`).exec(n);
        if (!m) continue;
        ports.push({ port: Number(m[1]), type: d instanceof SimCxlMld ? 'mld' : d instanceof SimCxlSwitch ? 'switch' : 'type3', ...(d instanceof SimCxlMld ? { lds: d.lds.length } : {}) });
      }
      entry.ports = ports.sort((a, b) => a.port - b.port);
    }
    cxl.push(entry as unknown as SimCxlEntry);
  }
  const nvme: SimNvmeEntry[] = [];
  for (const [, t] of fleet.nvme) {
    const dev = new NvmeDevice(t);
    const id = await dev.idCtrl();
    const namespaces: SimNvmeEntry['namespaces'][number][] = [];
    for (const nsid of await dev.activeNsList()) {
      const g = await dev.geometry(nsid);
      namespaces.push({ device: `${t.info.device}n${nsid}`, nsid, sizeBytes: g.tbytes, lbaBytes: g.nbytes });
    }
    nvme.push({ device: t.info.device, serial: id.sn.trim(), model: id.mn.trim(), firmware: id.fr.trim(), namespaces });
  }
  return { cxl, nvme };
}
