/**
 * Enumerate NVMe controllers and namespaces from sysfs, without opening any device node (so
 * without root). Attribute names are those of drivers/nvme/host/sysfs.c:
 * - controller (/sys/class/nvme/nvmeN): model, serial, firmware_rev (the Identify strings, space
 *   padded by the device, "%.*s\n"), cntlid and numa_node ("%d\n"), transport (pcie, tcp, rdma, fc,
 *   loop), address (the PCI BDF for pcie), state (live, resetting ...), subsysnqn;
 * - namespace block device (/sys/block/nvmeXnY, also a child of its controller's directory, or
 *   nvmeXcZnY per path when native multipath is on): nsid, wwid, size (in 512-byte sectors,
 *   whatever the LBA size, block/genhd.c), queue/logical_block_size, queue/max_hw_sectors_kb,
 *   queue/max_segments (block/blk-sysfs.c);
 * - the generic char node /dev/ngXnY (kernel 5.13+, class nvme-generic) has the same X and Y as
 *   the block node's head namespace.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface NvmeNamespaceInfo {
  /** Block device name: 'nvme0n1'. */
  readonly name: string;
  /** '/dev/nvme0n1'. */
  readonly devPath: string;
  /** '/dev/ng0n1' when that node exists. */
  readonly genericPath?: string;
  readonly sysfsPath: string;
  /** Namespace id (sysfs `nsid`, else the number after 'n'). */
  readonly nsid: number;
  /** The controller this namespace was found under ('nvme0'); undefined when only /sys/block had it. */
  readonly controller?: string;
  /** Size in bytes (sysfs `size` x 512). */
  readonly sizeBytes?: bigint;
  readonly logicalBlockSize?: number;
  /** Largest transfer the block layer allows, bytes (max_hw_sectors_kb x 1024). */
  readonly maxTransferBytes?: number;
  readonly maxSegments?: number;
  readonly wwid?: string;
}

export interface NvmeControllerInfo {
  /** 'nvme0' */
  readonly name: string;
  /** The admin char node: '/dev/nvme0'. */
  readonly devPath: string;
  readonly sysfsPath: string;
  readonly model?: string;
  readonly serial?: string;
  readonly firmwareRev?: string;
  /** 'pcie', 'tcp', 'rdma', 'fc', 'loop'. */
  readonly transport?: string;
  /** PCI address for pcie, traddr=... for fabrics. */
  readonly address?: string;
  readonly cntlid?: number;
  readonly state?: string;
  readonly subsysnqn?: string;
  readonly numaNode?: number;
  readonly namespaces: readonly NvmeNamespaceInfo[];
}

export interface ScanNvmeOptions {
  /** Where sysfs is mounted (default '/sys'). */
  readonly sysfsRoot?: string;
  /** Where device nodes live (default '/dev'). */
  readonly devRoot?: string;
}

export interface NvmeScan {
  readonly controllers: readonly NvmeControllerInfo[];
  /** Every namespace once, controller-owned ones first, in name order. */
  readonly namespaces: readonly NvmeNamespaceInfo[];
}

async function attr(dir: string, name: string): Promise<string | undefined> {
  try {
    const v = (await readFile(join(dir, name), 'utf8')).trim();
    return v === '' ? undefined : v;
  } catch {
    return undefined;
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function int(v: string | undefined): number | undefined {
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Natural order: nvme2 before nvme10, nvme0n2 before nvme0n10. */
function byNumbers(a: string, b: string): number {
  const na = a.match(/\d+/g)?.map(Number) ?? [];
  const nb = b.match(/\d+/g)?.map(Number) ?? [];
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

const CTRL_RE = /^nvme\d+$/;
/** nvme0n1 (head or non-multipath), nvme0c1n1 (one path of a multipath namespace). */
const NS_RE = /^nvme(\d+)(?:c\d+)?n(\d+)$/;

async function namespaceInfo(dir: string, name: string, devRoot: string, controller: string | undefined): Promise<NvmeNamespaceInfo> {
  const m = NS_RE.exec(name)!;
  // A per-path node (nvme0c1n1) has no /dev entry: I/O goes through the head, nvme0n1.
  const head = `nvme${m[1]}n${m[2]}`;
  const [nsid, size, lbs, maxKb, maxSeg, wwid] = await Promise.all([
    attr(dir, 'nsid'),
    attr(dir, 'size'),
    attr(dir, 'queue/logical_block_size'),
    attr(dir, 'queue/max_hw_sectors_kb'),
    attr(dir, 'queue/max_segments'),
    attr(dir, 'wwid'),
  ]);
  const ng = join(devRoot, `ng${m[1]}n${m[2]}`);
  const info: Record<string, unknown> = {
    name: head,
    devPath: join(devRoot, head),
    sysfsPath: dir,
    nsid: int(nsid) ?? Number(m[2]),
  };
  const set = (k: string, v: unknown) => {
    if (v !== undefined) info[k] = v;
  };
  if (await exists(ng)) info.genericPath = ng;
  set('controller', controller);
  set('sizeBytes', size !== undefined && /^\d+$/.test(size) ? BigInt(size) * 512n : undefined);
  set('logicalBlockSize', int(lbs));
  const kb = int(maxKb);
  set('maxTransferBytes', kb === undefined ? undefined : kb * 1024);
  set('maxSegments', int(maxSeg));
  set('wwid', wwid);
  return info as unknown as NvmeNamespaceInfo;
}

/** Every NVMe controller under <sysfsRoot>/class/nvme with its namespaces, plus namespaces only /sys/block lists. */
export async function scanNvme(options: ScanNvmeOptions = {}): Promise<NvmeScan> {
  const sysfsRoot = options.sysfsRoot ?? '/sys';
  const devRoot = options.devRoot ?? '/dev';
  const classDir = join(sysfsRoot, 'class', 'nvme');
  const ctrlNames = (await list(classDir)).filter((n) => CTRL_RE.test(n)).sort(byNumbers);
  const seen = new Set<string>();
  const controllers = await Promise.all(
    ctrlNames.map(async (name): Promise<NvmeControllerInfo> => {
      const dir = join(classDir, name);
      const [model, serial, fw, transport, address, cntlid, state, nqn, numa] = await Promise.all(
        ['model', 'serial', 'firmware_rev', 'transport', 'address', 'cntlid', 'state', 'subsysnqn', 'numa_node'].map((a) => attr(dir, a)),
      );
      const nsNames = (await list(dir)).filter((n) => NS_RE.test(n)).sort(byNumbers);
      const namespaces = await Promise.all(nsNames.map((n) => namespaceInfo(join(dir, n), n, devRoot, name)));
      const unique = namespaces.filter((n) => !seen.has(n.name) && seen.add(n.name));
      const info: Record<string, unknown> = { name, devPath: join(devRoot, name), sysfsPath: dir, namespaces: unique };
      const set = (k: string, v: unknown) => {
        if (v !== undefined) info[k] = v;
      };
      set('model', model);
      set('serial', serial);
      set('firmwareRev', fw);
      set('transport', transport);
      set('address', address);
      set('cntlid', int(cntlid));
      set('state', state);
      set('subsysnqn', nqn);
      const n = int(numa);
      set('numaNode', n !== undefined && n >= 0 ? n : undefined);
      return info as unknown as NvmeControllerInfo;
    }),
  );
  // Multipath heads live under the subsystem, not a controller: pick them up from /sys/block.
  const blockDir = join(sysfsRoot, 'block');
  const orphanNames = (await list(blockDir)).filter((n) => /^nvme\d+n\d+$/.test(n) && !seen.has(n)).sort(byNumbers);
  const orphans = await Promise.all(orphanNames.map((n) => namespaceInfo(join(blockDir, n), n, devRoot, undefined)));
  return { controllers, namespaces: [...controllers.flatMap((c) => c.namespaces), ...orphans] };
}
