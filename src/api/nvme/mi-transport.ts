/**
 * NVMe-MI over an MCTP message transport (NVMe-MI 1.2): `NvmeMiEndpoint` speaks the NVMe-MI
 * command set, and `NvmeMiTransport` is an NvmeTransport that tunnels Admin commands in NVMe-MI
 * messages (§6), splitting Get Log Page reads into 4096-byte, dword aligned pieces. More
 * Processing Required replies (§4.2.1) are waited out within a bound.
 */
import { CxlNvmeError } from '../../errors.js';
import type { NvmeCommand, NvmeCompletion } from '../../protocol/nvme/command-types.js';
import { ADMIN } from '../../protocol/nvme/constants.js';
import { splitGetLogPageCommand } from '../../protocol/nvme/log-chunks.js';
import * as mi from '../../protocol/nvme/mi.js';
import type { CtrlList, MiNvmSsHealthStatus, MiReadCtrlInfo, MiReadNvmSsInfo, MiReadPortInfo } from '../../structs/index.js';
import { codecByName } from '../../structs/index.js';
import type { MctpMessageTransport, NvmeTransport, SubmitOptions, TransportInfo } from '../../transport/types.js';

/**
 * A message transport that can also wait for a further reply to the last request without sending
 * (what More Processing Required needs). Transports without `receive` cannot finish an MPR exchange.
 */
export interface MctpMessageReceiver {
  receive(options?: SubmitOptions): Promise<Uint8Array>;
}

function canReceive(t: MctpMessageTransport): t is MctpMessageTransport & MctpMessageReceiver {
  return typeof (t as Partial<MctpMessageReceiver>).receive === 'function';
}

export interface NvmeMiOptions {
  /** Command Slot Identifier for requests (0 or 1). */
  readonly csi?: number;
  /** Longest single wait after a More Processing Required reply, ms (default 30000). */
  readonly mprtMaxMs?: number;
  /** Wait used when a device gives MPRT 0 (default 5000 ms). */
  readonly mprtDefaultMs?: number;
  /** Most MPR replies accepted for one request before giving up (default 16). */
  readonly maxMpr?: number;
}

/** One request/response exchange, waiting out More Processing Required within the bounds. */
async function exchange(
  mctp: MctpMessageTransport,
  request: Uint8Array,
  nmimt: number,
  opts: NvmeMiOptions,
  options: SubmitOptions | undefined,
  context: Record<string, unknown>,
): Promise<mi.MiReply & { kind: 'response' }> {
  const maxMpr = opts.maxMpr ?? 16;
  let reply = mi.parseReply(await mctp.exchange(request, options), { nmimt, csi: opts.csi ?? 0 }, context);
  let mprs = 0;
  while (reply.kind === 'mpr') {
    mprs++;
    if (mprs > maxMpr) {
      throw new CxlNvmeError('NVME_MI_MESSAGE', `NVMe-MI device answered More Processing Required ${mprs} times; giving up`, { ...context, mprs });
    }
    if (!canReceive(mctp)) {
      throw new CxlNvmeError('TRANSPORT_UNSUPPORTED', 'NVMe-MI device needs more processing time but the MCTP transport cannot wait for a later reply', {
        ...context,
        device: mctp.info.device,
      });
    }
    const wait = Math.min(reply.mprtMs || (opts.mprtDefaultMs ?? 5000), opts.mprtMaxMs ?? 30_000);
    const next = await mctp.receive({ ...(options?.signal ? { signal: options.signal } : {}), timeoutMs: wait });
    reply = mi.parseReply(next, { nmimt, csi: opts.csi ?? 0 }, context);
  }
  return reply;
}

/** The NVMe-MI command set of one Management Endpoint. */
export class NvmeMiEndpoint {
  readonly mctp: MctpMessageTransport;
  readonly options: NvmeMiOptions;

  constructor(mctp: MctpMessageTransport, options: NvmeMiOptions = {}) {
    this.mctp = mctp;
    this.options = options;
  }

  /** Send an NVMe-MI command; resolves with NMRESP and the response data. MI errors throw NvmeMiStatusError. */
  async miCommand(req: mi.MiCommandRequest, options?: SubmitOptions): Promise<{ nmresp: number; data: Uint8Array }> {
    const context = { command: req.name, miOpcode: req.opcode };
    const reply = await exchange(this.mctp, mi.encodeMiRequest(req, this.options), mi.NMIMT.mi, this.options, options, context);
    return mi.decodeMiResponse(reply, context);
  }

  async #read<T>(req: mi.MiCommandRequest, options?: SubmitOptions): Promise<T> {
    const { data } = await this.miCommand(req, options);
    return codecByName(req.decodeAs!).decode(data) as T;
  }

  /** Read NVMe-MI Data Structure: NVM Subsystem Information. */
  readSubsysInfo(options?: SubmitOptions) {
    return this.#read<MiReadNvmSsInfo>(mi.miMiReadMiDataSubsys(), options);
  }
  /** Read NVMe-MI Data Structure: Port Information; PCIe / SMBus details decoded in `port`. */
  async readPortInfo(portid: number, options?: SubmitOptions) {
    const p = await this.#read<MiReadPortInfo>(mi.miMiReadMiDataPort({ portid }), options);
    const port = p.portt === 'pcie' ? codecByName('miPortPcie').decode(p.portData) : p.portt === 'smbus' ? codecByName('miPortSmb').decode(p.portData) : undefined;
    return { ...p, port };
  }
  /** Read NVMe-MI Data Structure: Controller List (IDs >= startCtrlid). */
  async readCtrlList(startCtrlid = 0, options?: SubmitOptions): Promise<number[]> {
    const l = await this.#read<CtrlList>(mi.miMiReadMiDataCtrlList({ startCtrlid }), options);
    return l.identifier;
  }
  /** Read NVMe-MI Data Structure: Controller Information. */
  readCtrlInfo(ctrlId: number, options?: SubmitOptions) {
    return this.#read<MiReadCtrlInfo>(mi.miMiReadMiDataCtrl({ ctrlId }), options);
  }
  /** NVM Subsystem Health Status Poll; `clear` clears the Composite Controller Status bits. */
  subsystemHealthStatusPoll(clear = false, options?: SubmitOptions) {
    return this.#read<MiNvmSsHealthStatus>(mi.miMiSubsystemHealthStatusPoll({ clear }), options);
  }
  /** Configuration Get: resolves with NMRESP. */
  async configGet(dw0: number, dw1 = 0, options?: SubmitOptions): Promise<number> {
    return (await this.miCommand(mi.miMiConfigGet({ dw0, dw1 }), options)).nmresp;
  }
  /** Configuration Set. */
  async configSet(dw0: number, dw1 = 0, options?: SubmitOptions): Promise<void> {
    await this.miCommand(mi.miMiConfigSet({ dw0, dw1 }), options);
  }
  /** MCTP Transmission Unit Size of a port (Configuration Get, ID 03h). */
  async getMctpMtu(port: number, options?: SubmitOptions): Promise<number> {
    return (await this.miCommand(mi.miMiConfigGetMctpMtu({ port }), options)).nmresp & 0xffff;
  }
  async setMctpMtu(port: number, mtu: number, options?: SubmitOptions): Promise<void> {
    await this.miCommand(mi.miMiConfigSetMctpMtu({ port, mtu }), options);
  }
  /** SMBus/I2C frequency of a port (1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz). */
  async getSmbusFreq(port: number, options?: SubmitOptions): Promise<number> {
    return (await this.miCommand(mi.miMiConfigGetSmbusFreq({ port }), options)).nmresp & 0x3;
  }
  async setSmbusFreq(port: number, freq: number, options?: SubmitOptions): Promise<void> {
    await this.miCommand(mi.miMiConfigSetSmbusFreq({ port, freq }), options);
  }
  /** Clear Composite Controller Status bits (Configuration Set, Health Status Change). */
  async setHealthStatusChange(mask: number, options?: SubmitOptions): Promise<void> {
    await this.miCommand(mi.miMiConfigSetHealthStatusChange({ mask }), options);
  }

  /** An NvmeTransport tunnelling Admin commands to controller `ctrlId` through this endpoint. */
  admin(ctrlId: number): NvmeMiTransport {
    return new NvmeMiTransport(this.mctp, { ...this.options, ctrlId });
  }

  /** Close the MCTP transport under this endpoint. */
  async close(): Promise<void> {
    await this.mctp.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** NvmeTransport over NVMe-MI: Admin commands only, at most 4096 data bytes per message. */
export class NvmeMiTransport implements NvmeTransport {
  readonly info: TransportInfo;
  readonly #mctp: MctpMessageTransport;
  readonly #opts: NvmeMiOptions & { readonly ctrlId: number };

  constructor(mctp: MctpMessageTransport, options: NvmeMiOptions & { readonly ctrlId: number }) {
    this.#mctp = mctp;
    this.#opts = options;
    this.info = { kind: 'nvme-mi-mctp', device: `${mctp.info.device}/ctrl${options.ctrlId}`, maxPayload: mi.MI_ADMIN_MAX_DATA };
  }

  async submit(command: NvmeCommand, options?: SubmitOptions): Promise<NvmeCompletion> {
    if (command.queue !== 'admin') {
      throw new CxlNvmeError('TRANSPORT_UNSUPPORTED', `NVMe-MI carries admin commands only; ${command.name} is an I/O command`, { command: command.name });
    }
    if (command.opcode === ADMIN.getLogPage && command.dataLength > mi.MI_ADMIN_MAX_DATA) return this.#chunkedLog(command, options);
    return this.#one(command, options);
  }

  async #one(command: NvmeCommand, options?: SubmitOptions): Promise<NvmeCompletion> {
    const context = { command: command.name, opcode: command.opcode, ctrlId: this.#opts.ctrlId };
    const request = mi.encodeAdminRequest(command, this.#opts);
    const reply = await exchange(this.#mctp, request, mi.NMIMT.admin, this.#opts, options, context);
    return mi.decodeAdminResponse(reply, command, context);
  }

  async #chunkedLog(command: NvmeCommand, options?: SubmitOptions): Promise<NvmeCompletion> {
    const data = new Uint8Array(command.dataLength);
    let at = 0;
    let last: NvmeCompletion = { result: 0n, status: 0 };
    for (const chunk of splitGetLogPageCommand(command, mi.MI_ADMIN_MAX_DATA)) {
      last = await this.#one(chunk, options);
      if (last.status !== 0) return { result: last.result, status: last.status };
      data.set(last.data ?? new Uint8Array(chunk.dataLength), at);
      at += chunk.dataLength;
    }
    return { result: last.result, status: 0, data };
  }

  async close(): Promise<void> {
    await this.#mctp.close();
  }
}
