/**
 * The CLI's command model and per-run context: what a command declares (name, options, arguments,
 * whether it is destructive), and what it gets when it runs (parsed options, the device opened
 * with --sim / --replay / --record / --tunnel applied, output helpers).
 */
import { readFile } from 'node:fs/promises';
import type { BackgroundOptions, CciTarget, Endpoint } from '../api/cxl/index.js';
import { NvmeMiEndpoint } from '../api/nvme/mi-transport.js';
import { isNvmeName, type OpenedNvmeDevice, openCxl, openNvme, parseDeviceSpec } from '../api/open.js';
import { CxlNvmeError } from '../errors.js';
import type { TunnelPath } from '../protocol/cxl/tunnel.js';
import { loadRecording } from '../transport/replay.js';
import { type LoadedScenario, SimCxlSwitch } from '../transport/sim/index.js';
import type { CxlTransport, MctpMessageTransport } from '../transport/types.js';
import { UsageError } from './errors.js';
import { type Out, type Progress, progress } from './output.js';

export type OptionSpec = {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** '--slot N: firmware slot (default: the first inactive one)'. */
  readonly help: string;
};

export type Family = 'cxl' | 'nvme' | 'host';

/** What a command hands back: the JSON `result` object and the human text. */
export interface CommandResult {
  readonly json: Record<string, unknown>;
  readonly text: string;
}

export interface CommandDef {
  /** 'health', 'fw update', 'switch identify'. */
  readonly name: string;
  readonly family: Family;
  readonly summary: string;
  /** Positional arguments after the device, as shown in usage: 'FILE', 'UUID', 'DPA'. */
  readonly args?: string;
  readonly minArgs?: number;
  readonly maxArgs?: number;
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** Refuses to run without --yes. */
  readonly destructive?: string;
  /** With --sim and no device: default to the first switch instead of the first Type 3. */
  readonly wantsSwitch?: boolean;
  /** Example command line for help and docs/cli.md. */
  readonly example: string;
  run(ctx: Ctx): Promise<CommandResult>;
}

/** Test seams and environment of one run. */
export interface CliIo {
  readonly stdout: Out;
  readonly stderr: Out;
  /** Read standard input to the end (the write command's data). */
  readonly readStdin?: () => Promise<Uint8Array>;
  /** Where sysfs and /dev are (list and device paths); default '/sys' and '/dev'. */
  readonly sysfsRoot?: string;
  readonly devRoot?: string;
  /**
   * A fleet that outlives this run (tests, embedding): --sim uses it instead of loading a scenario,
   * and the simulators are not closed at the end, so state carries over to the next run.
   */
  readonly fleet?: LoadedScenario;
  /** Build MCTP transports instead of opening AF_MCTP sockets (tests). */
  readonly mctp?: {
    readonly cxl?: (net: number, eid: number) => CxlTransport;
    readonly nvmeMi?: (net: number, eid: number) => MctpMessageTransport;
  };
}

export interface Globals {
  readonly device?: string;
  readonly sim: boolean;
  readonly scenario?: string;
  readonly replay?: string;
  readonly record?: string;
  readonly json: boolean;
  readonly tunnel?: string;
  readonly yes: boolean;
  readonly timeoutMs?: number;
  readonly verbose: boolean;
}

// --- argument values ---------------------------------------------------------------------------------

/** An integer argument: decimal or 0x hex, optional size suffix (KiB, MiB, GiB, TiB, k, M, G). */
export function parseBig(v: string, what: string): bigint {
  const s = v.trim().toLowerCase().replace(/_/g, '');
  const m = /^(0x[0-9a-f]+|\d+)\s*(b|kib|mib|gib|tib|k|m|g|t)?$/.exec(s);
  if (!m) throw new UsageError(`${what}: '${v}' is not a number (decimal, 0x hex, or a size such as 4GiB)`);
  const unit = { b: 1n, kib: 1n << 10n, mib: 1n << 20n, gib: 1n << 30n, tib: 1n << 40n, k: 1000n, m: 1000n ** 2n, g: 1000n ** 3n, t: 1000n ** 4n }[m[2] ?? 'b'] ?? 1n;
  return BigInt(m[1]!) * unit;
}

export function parseNum(v: string, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const b = parseBig(v, what);
  if (b < BigInt(min) || b > BigInt(max)) throw new UsageError(`${what} must be ${min}..${max}, got ${v}`);
  return Number(b);
}

/** 'port=1,ld=0' | 'ld=2' | 'mhd' | 'mhd,ld=1' -> a tunnel path. */
export function parseTunnel(spec: string): TunnelPath {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  let port: number | undefined;
  let ld: number | undefined;
  let mhd = false;
  for (const p of parts) {
    const [k, v] = p.split('=');
    if (k === 'mhd' && v === undefined) mhd = true;
    else if (k === 'port' && v !== undefined) port = parseNum(v, '--tunnel port', 0, 255);
    else if (k === 'ld' && v !== undefined) ld = parseNum(v, '--tunnel ld', 0, 255);
    else throw new UsageError(`--tunnel: '${p}' is not port=N, ld=N or mhd (e.g. --tunnel port=1,ld=0)`);
  }
  if (mhd) {
    if (port !== undefined) throw new UsageError('--tunnel: mhd (LD Pool CCI) takes no port');
    return ld === undefined ? { mhd: true } : { mhd: true, ld };
  }
  if (port !== undefined) return ld === undefined ? { port } : { port, ld };
  if (ld !== undefined) return { ld };
  throw new UsageError('--tunnel needs port=N, ld=N or mhd');
}

// --- the run context -----------------------------------------------------------------------------------

export class Ctx {
  #endpoint: Endpoint | undefined;
  #nvme: OpenedNvmeDevice | undefined;

  constructor(
    readonly io: CliIo,
    readonly g: Globals,
    readonly command: CommandDef,
    /** Command options by long name. */
    readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>,
    /** Positional arguments after the device. */
    readonly args: readonly string[],
    /** Device spec after --sim mapping ('sim:mem0', '/dev/nvme0', 'mctp:1,8'); undefined with --replay. */
    readonly spec: string | undefined,
    readonly fleet: LoadedScenario | undefined,
  ) {}

  get json(): boolean {
    return this.g.json;
  }

  str(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  list(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  num(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.str(name);
    return v === undefined ? fallback : parseNum(v, `--${name}`, min, max);
  }

  /** A number option the command cannot run without: a usage error naming it when absent. */
  requiredNum(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.str(name);
    if (v === undefined) throw new UsageError(`${this.command.name} needs --${name}`, this.command.name);
    return parseNum(v, `--${name}`, min, max);
  }

  big(name: string, fallback: bigint): bigint {
    const v = this.str(name);
    return v === undefined ? fallback : parseBig(v, `--${name}`);
  }

  /** Positional argument `i` (already checked present by the arg count). */
  arg(i: number): string {
    return this.args[i]!;
  }

  /** Is the device a simulator (fast background polling)? */
  get simulated(): boolean {
    return this.spec?.startsWith('sim:') === true;
  }

  /** Background command options: progress callback and a poll interval suited to the device. */
  background(onProgress?: (percent: number) => void): BackgroundOptions {
    return {
      pollIntervalMs: this.simulated || this.g.replay ? 5 : 1000,
      ...(this.g.timeoutMs !== undefined ? { timeoutMs: this.g.timeoutMs } : {}),
      ...(onProgress ? { onProgress: (p) => onProgress(p.percentComplete) } : {}),
    };
  }

  /** A progress display on stderr (stdout stays clean for --json); silent with --json. */
  progress(label: string): Progress {
    if (this.json) return { update() {}, done() {} };
    return progress(this.io.stderr, label);
  }

  async readInput(path: string | undefined): Promise<Uint8Array> {
    if (path === undefined || path === '-') {
      if (!this.io.readStdin) throw new UsageError('no data: give a file (--data FILE) or pipe it on standard input', this.command.name);
      return this.io.readStdin();
    }
    try {
      return new Uint8Array(await readFile(path));
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'EIO';
      throw new CxlNvmeError(code as `E${Uppercase<string>}`, `cannot read ${path}: ${(e as Error).message}`, { path, advice: 'check the file name and its permissions' });
    }
  }

  // --- devices ---------------------------------------------------------------------------------------

  /** The CXL endpoint (opened once). */
  async endpoint(): Promise<Endpoint> {
    if (this.#endpoint) return this.#endpoint;
    const opts = {
      ...(this.g.record ? { record: this.g.record } : {}),
      ...(this.g.replay ? { replay: this.g.replay } : {}),
      ...(this.fleet ? { scenario: this.fleet } : {}),
      ...(this.g.timeoutMs !== undefined ? { timeoutMs: this.g.timeoutMs } : {}),
      ...(this.io.devRoot ? { devRoot: this.io.devRoot } : {}),
      ...(this.io.sysfsRoot ? { sysfsRoot: this.io.sysfsRoot } : {}),
    };
    const seam = this.mctpAddress();
    const spec = seam && this.io.mctp?.cxl && !this.g.replay ? this.io.mctp.cxl(seam.net, seam.eid) : this.spec;
    this.#endpoint = await openCxl(spec, opts);
    return this.#endpoint;
  }

  /** The CCI the command goes to: the endpoint, or the --tunnel view through it. */
  async target(): Promise<CciTarget> {
    const ep = await this.endpoint();
    return this.g.tunnel ? ep.tunnel(parseTunnel(this.g.tunnel)) : ep;
  }

  /** The NVMe device (opened once). */
  async nvme(): Promise<OpenedNvmeDevice> {
    if (this.#nvme) return this.#nvme;
    const opts = {
      ...(this.g.record ? { record: this.g.record } : {}),
      ...(this.g.replay ? { replay: this.g.replay } : {}),
      ...(this.fleet ? { scenario: this.fleet } : {}),
      ...(this.io.devRoot ? { devRoot: this.io.devRoot } : {}),
      ...(this.str('ctrl') !== undefined ? { ctrlId: this.num('ctrl', 0, 0, 0xffff) } : {}),
    };
    const seam = this.mctpAddress();
    if (seam && this.io.mctp?.nvmeMi && !this.g.replay) {
      const t = new NvmeMiEndpoint(this.io.mctp.nvmeMi(seam.net, seam.eid)).admin(opts.ctrlId ?? 0);
      this.#nvme = await openNvme(t, opts);
    } else {
      this.#nvme = await openNvme(this.spec, opts);
    }
    return this.#nvme;
  }

  private mctpAddress(): { net: number; eid: number } | undefined {
    if (!this.spec?.startsWith('mctp:')) return undefined;
    const d = parseDeviceSpec(this.spec);
    return d.kind === 'mctp' ? { net: d.net, eid: d.eid } : undefined;
  }

  /** The device's name for output: the transport's own ('sim:mem0', '/dev/cxl/mem0', 'mctp:1,8'). */
  deviceName(): string {
    if (this.#endpoint) return this.#endpoint.transport.info.device;
    if (this.#nvme) return this.#nvme.transport.info.device;
    return this.spec ?? '-';
  }

  /** The namespace to use: --namespace-id, else the node's own, else `fallback` (or a usage error). */
  async nsid(fallback?: number): Promise<number> {
    const given = this.str('namespace-id');
    if (given !== undefined) return parseNum(given, '--namespace-id', 1, 0xffffffff);
    const dev = await this.nvme();
    if (dev.nsid !== undefined) return dev.nsid;
    if (fallback !== undefined) return fallback;
    throw new UsageError(`${this.command.name} needs a namespace: open a namespace node (nvme0n1, ng0n1, sim:nvme0n1) or pass --namespace-id N`, this.command.name);
  }

  async close(): Promise<void> {
    // A fleet handed in by the caller stays open for its next run (closing a simulator is final).
    if (this.fleet && this.fleet === this.io.fleet) return;
    const closing: Promise<void>[] = [];
    if (this.#endpoint) closing.push(this.#endpoint.close());
    if (this.#nvme) closing.push(this.#nvme.close());
    await Promise.allSettled(closing);
  }
}

// --- device selection ------------------------------------------------------------------------------------

/** Does a positional look like a device name (rather than a file, UUID or number)? */
export function looksLikeDevice(s: string, fleet: LoadedScenario | undefined): boolean {
  if (s.startsWith('sim:') || s.startsWith('mctp:') || s.startsWith('/dev/')) return true;
  if (isNvmeName(s) !== undefined) return true;
  if (fleet && (fleet.cxl.has(s) || fleet.nvme.has(s))) return true;
  return false;
}

/** Map a device name given with --sim to its 'sim:' spec. */
export function simSpec(s: string): string {
  return s.startsWith('sim:') ? s : `sim:${s}`;
}

/** The family a device spec belongs to, for commands both families have (info, sanitize). */
export function familyOf(spec: string | undefined, g: Globals, fleet: LoadedScenario | undefined): 'cxl' | 'nvme' {
  if (g.replay) return loadRecording(g.replay).header.kind === 'cxl' ? 'cxl' : 'nvme';
  if (!spec) return 'cxl';
  if (spec.startsWith('sim:') && fleet) {
    const name = spec.slice(4);
    if (fleet.nvme.has(name) || fleet.nvme.has(name.replace(/n\d+$/, ''))) return 'nvme';
    return 'cxl';
  }
  return isNvmeName(spec) ? 'nvme' : 'cxl';
}

/** With --sim and no device: the first simulator the command can use. */
export function defaultSimDevice(family: 'cxl' | 'nvme', wantsSwitch: boolean, fleet: LoadedScenario): string | undefined {
  if (family === 'nvme') {
    const first = fleet.nvme.keys().next();
    return first.done ? undefined : `sim:${first.value}`;
  }
  for (const [name] of fleet.cxl) {
    const isSwitch = fleet.devices.get(name) instanceof SimCxlSwitch;
    if (isSwitch === wantsSwitch) return `sim:${name}`;
  }
  return undefined;
}
