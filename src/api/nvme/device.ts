/**
 * NvmeDevice: an NVMe controller reached through any NvmeTransport (passthrough ioctl, NVMe-MI,
 * simulator, replay), in the spirit of xNVMe's device handle. Commands come from
 * src/protocol/nvme; a non-zero completion status throws NvmeStatusError. One command is in
 * flight at a time (the transport contract leaves serialisation to the caller).
 */
import { CxlNvmeError } from '../../errors.js';
import * as admin from '../../protocol/nvme/admin.js';
import type { NvmeCommand, NvmeCompletion } from '../../protocol/nvme/command-types.js';
import { NSID_ALL } from '../../protocol/nvme/common.js';
import { CSI } from '../../protocol/nvme/constants.js';
import * as feat from '../../protocol/nvme/features.js';
import * as io from '../../protocol/nvme/io.js';
import { getLogPageChunks, mdtsBytes } from '../../protocol/nvme/log-chunks.js';
import { isSuccess, statusError } from '../../protocol/nvme/status.js';
import type {
  CmdEffectsLog,
  ErrorLogPage,
  FirmwareSlot,
  IdCtrl,
  IdCtrlNvm,
  IdNs,
  NsIdDesc,
  NvmIdNs,
  SanitizeLogPage,
  SelfTestLog,
  SmartLog,
  TelemetryLog,
  ZnsIdCtrl,
  ZnsIdNs,
} from '../../structs/index.js';
import { codecByName, codecs, toJSON, toText } from '../../structs/index.js';
import type { NvmeTransport, SubmitOptions } from '../../transport/types.js';
import { computeGeometry, type NvmeGeometry } from './geometry.js';

export interface NvmeDeviceOptions {
  /** CAP.MPSMIN of the controller when known (MDTS unit is 2^(12 + mpsmin)); default 0 (4 KiB). */
  readonly mpsmin?: number;
  /** Cap on one transfer from the OS queue limits, bytes. */
  readonly queueLimitBytes?: number;
}

export interface FeatureValue {
  readonly fid: number;
  /** Completion DW0. */
  readonly result: number;
  /** DW0 decoded with the feature's table, for dword features. */
  readonly value?: Record<string, unknown>;
  /** Feature data, when the feature has a buffer. */
  readonly data?: Uint8Array;
  /** `data` decoded with the feature's table. */
  readonly decoded?: Record<string, unknown>;
}

export interface ReadResult {
  readonly data: Uint8Array;
  readonly metadata?: Uint8Array;
}

type IoBase = Omit<io.IoArgs, 'nsid'> & { readonly nsid: number };

export class NvmeDevice {
  readonly transport: NvmeTransport;
  readonly options: NvmeDeviceOptions;
  #queue: Promise<unknown> = Promise.resolve();
  #idCtrl?: IdCtrl;
  readonly #geo = new Map<number, NvmeGeometry>();

  constructor(transport: NvmeTransport, options: NvmeDeviceOptions = {}) {
    this.transport = transport;
    this.options = options;
  }

  /** Submit a command; resolves with the completion whatever its status. */
  submitRaw(command: NvmeCommand, options?: SubmitOptions): Promise<NvmeCompletion> {
    const run = this.#queue.then(
      () => this.transport.submit(command, options),
      () => this.transport.submit(command, options),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Submit a command; a non-zero status throws NvmeStatusError naming the command. */
  async submit(command: NvmeCommand, options?: SubmitOptions): Promise<NvmeCompletion> {
    const c = await this.submitRaw(command, options);
    if (!isSuccess(c.status)) {
      throw statusError(c.status, { command: command.name, opcode: command.opcode, queue: command.queue, nsid: command.nsid, device: this.transport.info.device });
    }
    return c;
  }

  async #data(command: NvmeCommand, options?: SubmitOptions): Promise<Uint8Array> {
    const c = await this.submit(command, options);
    if (!c.data || c.data.length < command.dataLength) {
      throw new CxlNvmeError('TRANSPORT_TRUNCATED', `${command.name}: the transport returned ${c.data?.length ?? 0} of ${command.dataLength} bytes`, {
        command: command.name,
      });
    }
    return c.data;
  }

  async #decoded<T>(command: NvmeCommand, options?: SubmitOptions): Promise<T> {
    return codecByName(command.decodeAs!).decode(await this.#data(command, options)) as T;
  }

  // --- Identify ---------------------------------------------------------------------------------

  /** Identify Controller (cached after the first call; `refresh` re-reads it). */
  async idCtrl(options?: SubmitOptions & { refresh?: boolean }): Promise<IdCtrl> {
    if (!this.#idCtrl || options?.refresh) this.#idCtrl = await this.#decoded<IdCtrl>(admin.identifyCtrl(), options);
    return this.#idCtrl;
  }
  idNs(nsid: number, options?: SubmitOptions): Promise<IdNs> {
    return this.#decoded<IdNs>(admin.identifyNs({ nsid }), options);
  }
  /** Active NSIDs greater than `after`, in order (one Identify: at most 1024). */
  async activeNsList(after = 0, options?: SubmitOptions): Promise<number[]> {
    const l = await this.#decoded<{ ns: number[] }>(admin.identifyActiveNsList({ nsid: after }), options);
    const end = l.ns.indexOf(0);
    return end < 0 ? l.ns : l.ns.slice(0, end);
  }
  /** Namespace Identification Descriptors of `nsid`. */
  async nsDescs(nsid: number, options?: SubmitOptions): Promise<NsIdDesc[]> {
    const b = await this.#data(admin.identifyNsDescs({ nsid }), options);
    const out: NsIdDesc[] = [];
    for (let o = 0; o + 4 <= b.length; ) {
      if (b[o + 1] === 0) break;
      const d = codecs.nsIdDesc.decode(b.subarray(o, o + 4 + b[o + 1]!));
      out.push(d);
      o += 4 + d.nid.length;
    }
    return out;
  }
  /** Controller identifiers in the NVM subsystem, from `cntid` up. */
  async ctrlList(cntid = 0, options?: SubmitOptions): Promise<number[]> {
    return (await this.#decoded<{ identifier: number[] }>(admin.identifyCtrlList({ cntid }), options)).identifier;
  }
  idCtrlNvm(options?: SubmitOptions): Promise<IdCtrlNvm> {
    return this.#decoded<IdCtrlNvm>(admin.nvmIdentifyCtrl(), options);
  }
  nvmIdNs(nsid: number, options?: SubmitOptions): Promise<NvmIdNs> {
    return this.#decoded<NvmIdNs>(admin.identifyCsiNs({ nsid, csi: CSI.nvm }), options);
  }
  znsIdCtrl(options?: SubmitOptions): Promise<ZnsIdCtrl> {
    return this.#decoded<ZnsIdCtrl>(admin.znsIdentifyCtrl(), options);
  }
  znsIdNs(nsid: number, options?: SubmitOptions): Promise<ZnsIdNs> {
    return this.#decoded<ZnsIdNs>(admin.znsIdentifyNs({ nsid }), options);
  }

  // --- Logs -------------------------------------------------------------------------------------

  /** Largest transfer the controller takes (MDTS, capped by the queue limit), bytes. */
  async maxTransfer(options?: SubmitOptions): Promise<number> {
    const id = await this.idCtrl(options);
    const m = mdtsBytes(id.mdts, this.options.mpsmin ?? 0);
    return Math.min(m, this.options.queueLimitBytes ?? Number.POSITIVE_INFINITY);
  }

  /** Any log page, read in MDTS-sized chunks (RAE held until the last chunk). */
  async getLogPage(args: admin.GetLogPageArgs, options?: SubmitOptions): Promise<Uint8Array> {
    const max = args.len > 4096 ? await this.maxTransfer(options) : Number.POSITIVE_INFINITY;
    const chunks = getLogPageChunks(args, max);
    if (chunks.length === 1) return this.#data(chunks[0]!, options);
    const out = new Uint8Array(args.len);
    let at = 0;
    for (const c of chunks) {
      out.set((await this.#data(c, options)).subarray(0, c.dataLength), at);
      at += c.dataLength;
    }
    return out;
  }

  smartLog(nsid = NSID_ALL, options?: SubmitOptions): Promise<SmartLog> {
    return this.#decoded<SmartLog>(admin.getLogSmart({ nsid }), options);
  }
  /** The newest `n` Error Information entries (default ELPE + 1, all the controller keeps). */
  async errorLog(n?: number, options?: SubmitOptions): Promise<ErrorLogPage[]> {
    const count = n ?? (await this.idCtrl(options)).elpe + 1;
    const cmd = admin.getLogError({ nrEntries: count });
    const b = await this.getLogPage(admin.parseGetLogPage(cmd), options);
    return Array.from({ length: count }, (_, i) => codecs.errorLogPage.decode(b, i * 64));
  }
  fwLog(options?: SubmitOptions): Promise<FirmwareSlot> {
    return this.#decoded<FirmwareSlot>(admin.getLogFwSlot(), options);
  }
  cmdEffectsLog(csi = CSI.nvm, options?: SubmitOptions): Promise<CmdEffectsLog> {
    return this.#decoded<CmdEffectsLog>(admin.getLogCmdEffects({ csi }), options);
  }
  selfTestLog(options?: SubmitOptions): Promise<SelfTestLog> {
    return this.#decoded<SelfTestLog>(admin.getLogDeviceSelfTest(), options);
  }
  sanitizeLog(options?: SubmitOptions): Promise<SanitizeLogPage> {
    return this.#decoded<SanitizeLogPage>(admin.getLogSanitize(), options);
  }
  /** Telemetry Host-Initiated header; `create` captures new data first (LSP 1). */
  async telemetryHostHeader(create = false, options?: SubmitOptions): Promise<TelemetryLog> {
    const cmd = create ? admin.getLogCreateTelemetryHost() : admin.getLogTelemetryHost({ len: 512 });
    return codecs.telemetryLog.decode(await this.#data(cmd, options));
  }

  // --- Features -----------------------------------------------------------------------------------

  /** Get Features (a FID, or the full argument object); DW0 and any data decoded by table. */
  async getFeature(args: number | feat.GetFeaturesArgs, options?: SubmitOptions): Promise<FeatureValue> {
    const a = typeof args === 'number' ? { fid: args } : args;
    const cmd = feat.getFeatures(a);
    const c = await this.submit(cmd, options);
    const result = Number(c.result & 0xffffffffn);
    const valueCodec = feat.FEATURE_VALUE_CODEC[a.fid];
    const value = valueCodec ? (codecByName(valueCodec).decode(u32le(result)).value as Record<string, unknown>) : undefined;
    const data = cmd.dataLength > 0 ? c.data : undefined;
    const decoded = data && cmd.decodeAs ? codecByName(cmd.decodeAs).decode(data) : undefined;
    return { fid: a.fid, result, ...(value ? { value } : {}), ...(data ? { data } : {}), ...(decoded ? { decoded } : {}) };
  }

  /** Set Features (build the command with a typed builder or pass the generic arguments). */
  async setFeature(args: NvmeCommand | feat.SetFeaturesArgs, options?: SubmitOptions): Promise<{ result: number }> {
    const cmd = 'opcode' in args ? args : feat.setFeatures(args);
    const c = await this.submit(cmd, options);
    return { result: Number(c.result & 0xffffffffn) };
  }

  // --- I/O ----------------------------------------------------------------------------------------

  async #lengths(nsid: number, nlb: number, withMetadata: boolean, options?: SubmitOptions): Promise<{ data: number; meta: number }> {
    const g = await this.geometry(nsid, options);
    return { data: (nlb + 1) * g.lbaNbytes, meta: withMetadata && !g.lbaExtended ? (nlb + 1) * g.nbytesOob : 0 };
  }

  /** Read nlb + 1 blocks; buffer sizes come from the namespace geometry unless given. */
  async read(a: IoBase & { readonly dataLen?: number; readonly metadataLen?: number; readonly withMetadata?: boolean }, options?: SubmitOptions): Promise<ReadResult> {
    const len = a.dataLen === undefined ? await this.#lengths(a.nsid, a.nlb, !!a.withMetadata, options) : { data: a.dataLen, meta: a.metadataLen ?? 0 };
    const cmd = io.read({ ...a, dataLen: len.data, metadataLen: a.metadataLen ?? len.meta });
    const c = await this.submit(cmd, options);
    if (!c.data || c.data.length < cmd.dataLength) throw new CxlNvmeError('TRANSPORT_TRUNCATED', 'read: short data from the transport', { expected: cmd.dataLength });
    return { data: c.data, ...(cmd.metadataLength ? { metadata: c.metadata ?? new Uint8Array(0) } : {}) };
  }
  async write(a: IoBase & { readonly data: Uint8Array; readonly metadata?: Uint8Array }, options?: SubmitOptions): Promise<void> {
    await this.submit(io.write(a), options);
  }
  async compare(a: IoBase & { readonly data: Uint8Array; readonly metadata?: Uint8Array }, options?: SubmitOptions): Promise<void> {
    await this.submit(io.compare(a), options);
  }
  async flush(nsid: number, options?: SubmitOptions): Promise<void> {
    await this.submit(io.flush({ nsid }), options);
  }
  async writeZeroes(a: IoBase & { readonly deac?: boolean }, options?: SubmitOptions): Promise<void> {
    await this.submit(io.writeZeroes(a), options);
  }
  async writeUncorrectable(a: { nsid: number; slba: number | bigint; nlb: number }, options?: SubmitOptions): Promise<void> {
    await this.submit(io.writeUncorrectable(a), options);
  }
  async dsm(a: io.DsmArgs, options?: SubmitOptions): Promise<void> {
    await this.submit(io.dsm(a), options);
  }
  async deallocate(nsid: number, ranges: readonly { slba: number | bigint; nlb: number }[], options?: SubmitOptions): Promise<void> {
    await this.submit(io.deallocate({ nsid, ranges }), options);
  }

  // --- Management (destructive builders demand { confirm: true }) ---------------------------------

  async format(a: admin.FormatNvmArgs, options?: SubmitOptions): Promise<void> {
    const cmd = admin.formatNvm(a);
    this.#geo.delete(a.nsid);
    await this.submit(cmd, options);
  }
  async sanitize(a: admin.SanitizeNvmArgs, options?: SubmitOptions): Promise<void> {
    await this.submit(admin.sanitizeNvm(a), options);
  }
  /** Download a firmware image in pieces of at most `xfer` bytes (default: the MDTS limit, max 128 KiB). */
  async fwDownload(image: Uint8Array, opts: { xfer?: number } = {}, options?: SubmitOptions): Promise<void> {
    const xfer = opts.xfer ?? Math.min(128 * 1024, await this.maxTransfer(options));
    for (const c of admin.fwDownloadChunks({ data: image, xfer })) await this.submit(c, options);
  }
  async fwCommit(a: Parameters<typeof admin.fwCommit>[0], options?: SubmitOptions): Promise<{ result: number }> {
    const c = await this.submit(admin.fwCommit(a), options);
    return { result: Number(c.result & 0xffffffffn) };
  }
  /** Create a namespace; resolves with its NSID. */
  async nsCreate(a: Parameters<typeof admin.nsMgmtCreate>[0], options?: SubmitOptions): Promise<number> {
    return Number((await this.submit(admin.nsMgmtCreate(a), options)).result & 0xffffffffn);
  }
  async nsDelete(a: Parameters<typeof admin.nsMgmtDelete>[0], options?: SubmitOptions): Promise<void> {
    await this.submit(admin.nsMgmtDelete(a), options);
    this.#geo.delete(a.nsid);
  }
  async nsAttach(a: Parameters<typeof admin.nsAttachCtrls>[0], options?: SubmitOptions): Promise<void> {
    await this.submit(admin.nsAttachCtrls(a), options);
  }
  async nsDetach(a: Parameters<typeof admin.nsDetachCtrls>[0], options?: SubmitOptions): Promise<void> {
    await this.submit(admin.nsDetachCtrls(a), options);
  }
  async selfTest(a: Parameters<typeof admin.devSelfTest>[0], options?: SubmitOptions): Promise<void> {
    await this.submit(admin.devSelfTest(a), options);
  }

  // --- Geometry and info --------------------------------------------------------------------------

  /** Command set of a namespace from its CSI descriptor (NVM when the controller has none). */
  async nsCsi(nsid: number, options?: SubmitOptions): Promise<number> {
    try {
      const d = (await this.nsDescs(nsid, options)).find((x) => x.nidt === 'csi');
      return d?.nid[0] ?? CSI.nvm;
    } catch (e) {
      // Controllers before NVMe 1.3 reject CNS 03h: such namespaces are NVM.
      if (e instanceof CxlNvmeError && e.code === 'NVME_STATUS') return CSI.nvm;
      throw e;
    }
  }

  /** xnvme_geo-style geometry of a namespace (cached; format/delete drop the cache). */
  async geometry(nsid: number, options?: SubmitOptions & { refresh?: boolean }): Promise<NvmeGeometry> {
    const hit = this.#geo.get(nsid);
    if (hit && !options?.refresh) return hit;
    const idCtrl = await this.idCtrl(options);
    const idNs = await this.idNs(nsid, options);
    const csi = await this.nsCsi(nsid, options);
    const znsIdNs = csi === CSI.zns ? await this.znsIdNs(nsid, options) : undefined;
    const elbas = (idCtrl.ctratt & (1 << 15)) !== 0 && (idNs.dps & 7) !== 0;
    const nvmIdNs = elbas ? await this.nvmIdNs(nsid, options) : undefined;
    const g = computeGeometry({
      idCtrl,
      idNs,
      csi,
      ...(znsIdNs ? { znsIdNs } : {}),
      ...(nvmIdNs ? { nvmIdNs } : {}),
      mpsmin: this.options.mpsmin ?? 0,
      ...(this.options.queueLimitBytes !== undefined ? { queueLimitBytes: this.options.queueLimitBytes } : {}),
    });
    this.#geo.set(nsid, g);
    return g;
  }

  /** Controller summary and per-namespace geometry, printable (`toString`) and JSON (`toJSON`). */
  async info(options?: SubmitOptions): Promise<NvmeDeviceInfo> {
    const id = await this.idCtrl(options);
    const nsids = await this.activeNsList(0, options);
    const namespaces: { nsid: number; geometry: NvmeGeometry }[] = [];
    for (const nsid of nsids) namespaces.push({ nsid, geometry: await this.geometry(nsid, options) });
    return new NvmeDeviceInfo(this.transport.info.device, id, namespaces);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** `await using dev = await nvme.open(...)` closes the device at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

/** NVMe version register value as text: 0x00020000 -> '2.0.0'. */
export function versionText(ver: number): string {
  return `${ver >>> 16}.${(ver >>> 8) & 0xff}.${ver & 0xff}`;
}

const CTRL_FIELDS = ['vid', 'ssvid', 'sn', 'mn', 'fr', 'cntlid', 'ver', 'mdts', 'nn', 'oacs', 'oncs', 'elpe', 'npss', 'sanicap', 'subnqn'] as const;

/** What `NvmeDevice.info()` returns. */
export class NvmeDeviceInfo {
  readonly device: string;
  readonly controller: Readonly<Record<(typeof CTRL_FIELDS)[number], unknown>>;
  readonly version: string;
  readonly namespaces: readonly { readonly nsid: number; readonly geometry: NvmeGeometry }[];
  readonly #id: IdCtrl;

  constructor(device: string, id: IdCtrl, namespaces: readonly { nsid: number; geometry: NvmeGeometry }[]) {
    this.device = device;
    this.#id = id;
    this.controller = Object.fromEntries(CTRL_FIELDS.map((k) => [k, id[k]])) as NvmeDeviceInfo['controller'];
    this.version = versionText(id.ver);
    this.namespaces = namespaces;
  }

  toJSON(): Record<string, unknown> {
    const ctrl = toJSON(codecs.idCtrl.def, this.controller as Record<string, unknown>);
    return {
      device: this.device,
      controller: { ...ctrl, version: this.version },
      namespaces: this.namespaces.map((n) => ({ nsid: n.nsid, geometry: jsonGeo(n.geometry) })),
    };
  }

  toString(): string {
    const lines = [`device: ${this.device}`, `version: ${this.version}`];
    const sub = { ...this.#id };
    lines.push(
      toText(
        codecs.idCtrl.def,
        Object.fromEntries(CTRL_FIELDS.map((k) => [k, sub[k]])),
      ),
    );
    for (const n of this.namespaces) {
      const g = n.geometry;
      lines.push(
        `namespace ${n.nsid}: ${g.type}, ${g.nsect * g.nzone} x ${g.nbytes} B` +
          (g.nbytesOob ? ` + ${g.nbytesOob} B metadata${g.lbaExtended ? ' (extended)' : ''}` : '') +
          `, lbaf ${g.lbaf}, tbytes ${g.tbytes}, mdts ${g.mdtsNbytes} B` +
          (g.piType ? `, PI type ${g.piType} at ${g.piLoc} (${g.piFormat})` : ''),
      );
    }
    return lines.join('\n');
  }
}

function jsonGeo(g: NvmeGeometry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(g).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
}
