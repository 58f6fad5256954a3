/**
 * SimNvmeMi: an NVMe-MI 1.2 Management Endpoint over MCTP (message type 04h) in front of one or
 * more SimNvmeControllers, behind the MctpMessageTransport contract (`exchange` and `receive`).
 * It is the responder side of src/api/nvme/mi-transport.ts.
 *
 * - Requests must carry IC = 1 and a good CRC-32C MIC (NVMe-MI 1.2 §3.1.1, §3.2.1.1): anything
 *   else, a response message (ROR = 1) or a message too short for a header and MIC, is silently
 *   discarded. No reply ever comes for it, so `exchange` rejects with TRANSPORT_TIMEOUT at once
 *   (a real transport would wait out its timeout); `dropped` counts and explains them.
 * - Every reply has IC = 1 and a MIC. Errors are the 8-byte Response Message Status form (§4.1.2):
 *   Invalid Command Opcode (03h) for opcodes and message types not implemented and for the Admin
 *   commands NVMe-MI prohibits (§6: queue creation/deletion, Abort, Asynchronous Event Request,
 *   Keep Alive, Doorbell Buffer Config, Fabrics), Invalid Parameter (04h), Invalid Command Size
 *   (05h: the message body is not the command's size), Invalid Command Input Data Size (06h: the
 *   request data is not DLEN bytes).
 * - NVMe-MI commands (§5): Read NVMe-MI Data Structure (§5.7: NVM Subsystem Information, Port
 *   Information, Controller List, Controller Information), NVM Subsystem Health Status Poll (§5.6,
 *   Composite Controller Status latched from controller events and cleared by Clear Status or
 *   Configuration Set Health Status Change), Configuration Get / Set (§5.2, §5.3: SMBus/I2C
 *   Frequency, Health Status Change (Set only), MCTP Transmission Unit Size).
 * - NVMe Admin commands (§6) run on the controller named by the request's Controller ID, with the
 *   DOFF / DLEN rules of §6.1: dword aligned, DLEN at most 4096, the range inside the command's
 *   data; the NVMe status travels in the completion (MI status Success).
 * - `mprFirst` answers More Processing Required (§4.2.1) before the final reply, which `receive()`
 *   then delivers.
 *
 * The subsystem has two ports: port 0 PCIe (the controllers' port), port 1 SMBus/I2C.
 */
import { miNvmSsHealthStatus, miStatus } from '../../../spec-tables/nvme/mi.js';
import { CxlNvmeError } from '../../errors.js';
import type { NvmeCommand } from '../../protocol/nvme/command-types.js';
import { opcodeDirection } from '../../protocol/nvme/common.js';
import { crc32c } from '../../protocol/nvme/crc32c.js';
import { MCTP_TYPE_IC, MCTP_TYPE_NVME_MI, MI_ADMIN_MAX_DATA, NMIMT } from '../../protocol/nvme/mi.js';
import { byName } from '../../protocol/nvme/constants.js';
import { codecs } from '../../structs/index.js';
import type { MctpMessageTransport, SubmitOptions, TransportInfo } from '../types.js';
import type { SimNvmeController, SimNvmeEvent } from './nvme.js';

/** Response Message Status values (NVMe-MI 1.2 §4.1.2 Figure 29), from spec-tables/nvme/mi.ts. */
export const MI_STATUS = byName(miStatus);

type CcsField = Extract<(typeof miNvmSsHealthStatus.fields)[number], { readonly name: 'ccs' }>;
const ccsField = miNvmSsHealthStatus.fields.find((f): f is CcsField => f.name === 'ccs')!;

/** Composite Controller Status bit masks (NVMe-MI 1.2 §5.6 Figure 108), from the health status table. */
export const CCS = byName(ccsField.bits.map((r) => ({ name: r.name, value: 2 ** r.lsb })));
const CCS_ALL = Object.values(CCS).reduce((a, b) => a | b, 0);

/** Admin opcodes NVMe-MI prohibits (NVMe-MI 1.2 §6, "Prohibited" commands). */
const PROHIBITED_ADMIN = new Set([0x00, 0x01, 0x04, 0x05, 0x08, 0x0c, 0x18, 0x7c, 0x7f]);

const MI_REQ_HDR = 16;
const ADMIN_REQ_HDR = 68;

export interface SimNvmeMiOptions {
  /** Name in `info.device` ('sim:<name>'). Default: the first controller's name + '-mi'. */
  readonly name?: string;
  /**
   * Answer More Processing Required first: the first `times` requests (default: every request)
   * each get `replies` MPR responses (default 1) with MPRT `mprtMs` (rounded up to 100 ms units,
   * default 100) before the final reply, which `receive()` delivers.
   */
  readonly mprFirst?: { readonly times?: number; readonly mprtMs?: number; readonly replies?: number };
  /** Maximum MCTP Transmission Unit Size of the ports (Port Information MMCTPTUS). Default 64 (SMBus) / 4224 (PCIe). */
  readonly smbusMaxMtu?: number;
  readonly pcieMaxMtu?: number;
  /** PCI Device ID / Subsystem ID reported in Controller Information. */
  readonly pciDeviceId?: number;
  readonly pciSubsystemId?: number;
}

interface Port {
  readonly type: 'pcie' | 'smbus';
  readonly maxMtu: number;
  mtu: number;
  /** SMBus/I2C frequency (1 = 100 kHz, 2 = 400 kHz, 3 = 1 MHz). */
  freq: number;
  readonly maxFreq: number;
}

type Reply = Uint8Array | undefined;

export class SimNvmeMi implements MctpMessageTransport {
  readonly info: TransportInfo;
  readonly controllers: readonly SimNvmeController[];
  private readonly opts: SimNvmeMiOptions;
  private readonly ports: Port[];
  private ccs = CCS.rdy; // the controllers became ready at power-on
  private last: { ctempC: number; pdlu: number; spare: number; cw: number };
  private closed = false;
  private mprLeft: number;
  /** Replies held back by More Processing Required, each preceded by `mprs` further MPR responses. */
  private pending: { final: Uint8Array; mprs: number; mpr: Uint8Array } | undefined;
  /** Requests discarded without a reply, with the reason (tests). */
  readonly dropped: string[] = [];

  constructor(controllers: SimNvmeController | readonly SimNvmeController[], options: SimNvmeMiOptions = {}) {
    this.controllers = Array.isArray(controllers) ? [...controllers] : [controllers as SimNvmeController];
    if (this.controllers.length === 0) throw new CxlNvmeError('USAGE', 'SimNvmeMi needs at least one controller', {});
    const ids = new Set(this.controllers.map((c) => c.cntlid));
    if (ids.size !== this.controllers.length) throw new CxlNvmeError('USAGE', 'SimNvmeMi: controller IDs must be unique', { ids: [...ids] });
    this.opts = options;
    const first = this.controllers[0]!;
    this.info = { kind: 'nvme-mi-mctp', device: `sim:${options.name ?? `${first.info.device.replace(/^sim:/, '')}-mi`}`, maxPayload: MI_ADMIN_MAX_DATA };
    this.ports = [
      { type: 'pcie', maxMtu: options.pcieMaxMtu ?? 4224, mtu: 64, freq: 0, maxFreq: 0 },
      { type: 'smbus', maxMtu: options.smbusMaxMtu ?? 64, mtu: 64, freq: 1, maxFreq: 3 },
    ];
    this.mprLeft = options.mprFirst ? (options.mprFirst.times ?? -1) : 0;
    this.last = this.snapshot();
    for (const c of this.controllers) c.onEvent((e) => this.onControllerEvent(e));
  }

  // --- the transport contract ---------------------------------------------------------------------

  exchange(message: Uint8Array, options: SubmitOptions = {}): Promise<Uint8Array> {
    const device = this.info.device;
    if (this.closed) return Promise.reject(new CxlNvmeError('TRANSPORT_CLOSED', `${device} is closed`, { device }));
    if (options.signal?.aborted) return Promise.reject(new CxlNvmeError('TRANSPORT_ABORTED', 'aborted before sending', { device }));
    let reply: Reply;
    try {
      reply = this.handle(message.slice());
    } catch (e) {
      return Promise.reject(e);
    }
    if (reply === undefined) {
      const why = this.dropped[this.dropped.length - 1] ?? 'discarded';
      return Promise.reject(new CxlNvmeError('TRANSPORT_TIMEOUT', `${device}: no reply (the Management Endpoint discarded the request: ${why})`, { device, reason: why }));
    }
    if (this.mprLeft !== 0) {
      if (this.mprLeft > 0) this.mprLeft--;
      const mpr = this.mprReply(reply);
      this.pending = { final: reply, mprs: (this.opts.mprFirst?.replies ?? 1) - 1, mpr };
      reply = mpr;
    } else {
      this.pending = undefined;
    }
    return this.later(reply, options);
  }

  /** The next reply to the last request: a further MPR, or the final response (§4.2.1). */
  receive(options: SubmitOptions = {}): Promise<Uint8Array> {
    const device = this.info.device;
    if (this.closed) return Promise.reject(new CxlNvmeError('TRANSPORT_CLOSED', `${device} is closed`, { device }));
    const p = this.pending;
    if (!p) return Promise.reject(new CxlNvmeError('TRANSPORT_TIMEOUT', `${device}: no further reply is coming`, { device }));
    let reply: Uint8Array;
    if (p.mprs > 0) {
      p.mprs--;
      reply = p.mpr;
    } else {
      reply = p.final;
      this.pending = undefined;
    }
    return this.later(reply, options);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private later(reply: Uint8Array, options: SubmitOptions): Promise<Uint8Array> {
    const device = this.info.device;
    return new Promise((resolve, reject) => {
      queueMicrotask(() => {
        if (this.closed) reject(new CxlNvmeError('TRANSPORT_CLOSED', `${device} closed while the request was in flight`, { device }));
        else if (options.signal?.aborted) reject(new CxlNvmeError('TRANSPORT_ABORTED', 'request aborted', { device }));
        else resolve(reply);
      });
    });
  }

  // --- state --------------------------------------------------------------------------------------

  /** Composite Controller Status as the next poll would report it. */
  get compositeControllerStatus(): number {
    this.update();
    return this.ccs;
  }

  /** Current SMBus/I2C frequency and MCTP Transmission Unit Size of a port. */
  port(id: number): { readonly type: 'pcie' | 'smbus'; readonly mtu: number; readonly freq: number } | undefined {
    const p = this.ports[id];
    return p ? { type: p.type, mtu: p.mtu, freq: p.freq } : undefined;
  }

  private onControllerEvent(e: SimNvmeEvent): void {
    if (e === 'namespaceAttributeChanged') this.ccs |= CCS.nac;
    else if (e === 'firmwareActivated') this.ccs |= CCS.fa;
    else if (e === 'reset') this.ccs |= CCS.ceco | CCS.rdy | CCS.csts;
  }

  /** Health of the subsystem: the worst of the controllers (they share the media). */
  private snapshot(): { ctempC: number; pdlu: number; spare: number; cw: number } {
    const hs = this.controllers.map((c) => c.health());
    return {
      ctempC: Math.max(...hs.map((h) => h.temperatureK - 273)),
      pdlu: Math.max(...hs.map((h) => h.percentUsed)),
      spare: Math.min(...hs.map((h) => h.availSpare)),
      cw: hs.reduce((a, h) => a | h.criticalWarning, 0),
    };
  }

  /** Latch the change bits of CCS (§5.6) when what the poll reports has changed since the last look. */
  private update(): void {
    const now = this.snapshot();
    if (now.ctempC !== this.last.ctempC) this.ccs |= CCS.ctemp;
    if (now.pdlu !== this.last.pdlu) this.ccs |= CCS.pdlu;
    if (now.spare !== this.last.spare) this.ccs |= CCS.spare;
    if (now.cw !== this.last.cw) this.ccs |= CCS.ccwarn;
    this.last = now;
  }

  // --- message handling ---------------------------------------------------------------------------

  /** Handle one request message; undefined when it is discarded without a reply. */
  handle(message: Uint8Array): Reply {
    const drop = (why: string): undefined => {
      this.dropped.push(why);
      return undefined;
    };
    if (message.length < 8) return drop(`message of ${message.length} bytes is shorter than a header and MIC`);
    const t = message[0]!;
    if ((t & 0x7f) !== MCTP_TYPE_NVME_MI) return drop(`MCTP message type ${t & 0x7f} is not NVMe-MI (04h)`);
    if ((t & MCTP_TYPE_IC) === 0) return drop('IC is clear (NVMe-MI over MCTP requires the MIC)');
    const body = message.subarray(0, message.length - 4);
    const mic = new DataView(message.buffer, message.byteOffset, message.length).getUint32(message.length - 4, true);
    if (mic !== crc32c(body)) return drop('bad MIC');
    const nmp = body[1]!;
    if (nmp & 0x80) return drop('ROR set: a response, not a request');
    const nmimt = (nmp >> 3) & 0xf;
    const csi = nmp & 1;
    this.update();
    const hdr = new Uint8Array([MCTP_TYPE_NVME_MI | MCTP_TYPE_IC, 0x80 | (nmimt << 3) | csi, 0, 0]);
    const error = (status: number) => this.frame(hdr, new Uint8Array([status, 0, 0, 0]));
    // MEB (byte 2 bit 0): this endpoint has no Management Endpoint Buffer (Port Information MEB 0).
    if (body[2]! & 1) return error(MI_STATUS.invalidParam);
    if (nmimt === NMIMT.mi) return this.miCommand(body, hdr, error);
    if (nmimt === NMIMT.admin) return this.adminCommand(body, hdr, error);
    // Control Primitives, PCIe commands and the rest: not implemented here.
    return error(MI_STATUS.invalidOpcode);
  }

  /** Header, payload, MIC. */
  private frame(hdr: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
    const len = hdr.length + parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(len + 4);
    out.set(hdr);
    let at = hdr.length;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    new DataView(out.buffer).setUint32(len, crc32c(out.subarray(0, len)), true);
    return out;
  }

  /** The 8-byte More Processing Required response (§4.2.1) for the request a reply answers. */
  private mprReply(reply: Uint8Array): Uint8Array {
    const units = Math.min(0xffff, Math.ceil((this.opts.mprFirst?.mprtMs ?? 100) / 100));
    return this.frame(reply.subarray(0, 4), new Uint8Array([MI_STATUS.mpr, 0, units & 0xff, units >> 8]));
  }

  /** An NVMe-MI command response: status 0, NMRESP (24 bits), response data. */
  private miOk(hdr: Uint8Array, nmresp: number, data?: Uint8Array): Uint8Array {
    const status = new Uint8Array([0, nmresp & 0xff, (nmresp >> 8) & 0xff, (nmresp >> 16) & 0xff]);
    return data ? this.frame(hdr, status, data) : this.frame(hdr, status);
  }

  // NVMe-MI commands (§5)
  private miCommand(body: Uint8Array, hdr: Uint8Array, error: (s: number) => Uint8Array): Uint8Array {
    if (body.length < MI_REQ_HDR) return error(MI_STATUS.invalidCmdSize);
    const h = codecs.miMiReqHdr.decode(body);
    const opcode = body[4]!; // raw: the table names the known opcodes
    const nmd0 = h.cdw0 >>> 0;
    const nmd1 = h.cdw1 >>> 0;
    // None of the commands implemented here takes request data (§5.2, §5.3, §5.6, §5.7).
    const known = opcode === 0x00 || opcode === 0x01 || opcode === 0x03 || opcode === 0x04;
    if (!known) return error(MI_STATUS.invalidOpcode);
    if (body.length !== MI_REQ_HDR) return error(MI_STATUS.invalidCmdSize);
    switch (opcode) {
      case 0x00:
        return this.readDataStructure(nmd0, hdr, error);
      case 0x01:
        return this.healthPoll(nmd1, hdr);
      case 0x03:
        return this.configSet(nmd0, nmd1, hdr, error);
      default:
        return this.configGet(nmd0, hdr, error);
    }
  }

  // Read NVMe-MI Data Structure (§5.7): NMD0 = DTYP 31:24, PORTID 23:16, CTRLID 15:0; NMRESP = length.
  private readDataStructure(nmd0: number, hdr: Uint8Array, error: (s: number) => Uint8Array): Uint8Array {
    const dtyp = nmd0 >>> 24;
    const portid = (nmd0 >>> 16) & 0xff;
    const ctrlid = nmd0 & 0xffff;
    let data: Uint8Array;
    switch (dtyp) {
      case 0x00:
        // NUMP is 0-based; NVMe-MI 1.2.
        data = codecs.miReadNvmSsInfo.encode({ nump: this.ports.length - 1, mjr: 1, mnr: 2 });
        break;
      case 0x01: {
        const p = this.ports[portid];
        if (!p) return error(MI_STATUS.invalidParam);
        const portData =
          p.type === 'pcie'
            ? codecs.miPortPcie.encode({ mps: 1, sls: 0x0f, cls: 4, mlw: 4, nlw: 4, pn: portid })
            : codecs.miPortSmb.encode({ vpdAddr: 0x53, mvpdFreq: 1, mmeAddr: 0x1d, mmeFreq: p.maxFreq, nvmebm: 1 });
        data = codecs.miReadPortInfo.encode({ portt: p.type, mmctptus: p.maxMtu, meb: 0, portData });
        break;
      }
      case 0x02:
        data = codecs.ctrlList.encode({ identifier: this.controllers.map((c) => c.cntlid).filter((id) => id >= ctrlid).sort((a, b) => a - b) });
        break;
      case 0x03: {
        const i = this.controllers.findIndex((c) => c.cntlid === ctrlid);
        if (i < 0) return error(MI_STATUS.invalidParam);
        const id = codecs.idCtrl.decode(this.controllers[i]!.execute(identifyCtrl()).data!);
        data = codecs.miReadCtrlInfo.encode({
          portid: 0,
          prii: { pcieriv: true },
          pri: (1 << 8) | i, // bus 1, device 0, function i
          vid: id.vid,
          did: this.opts.pciDeviceId ?? 0x0010,
          ssvid: id.ssvid,
          ssid: this.opts.pciSubsystemId ?? 0x1100,
        });
        break;
      }
      default:
        // Optionally Supported Command List and MEB Support List are not kept by this endpoint.
        return error(MI_STATUS.invalidParam);
    }
    return this.miOk(hdr, data.length, data);
  }

  // NVM Subsystem Health Status Poll (§5.6): NMD1 bit 31 Clear Status.
  private healthPoll(nmd1: number, hdr: Uint8Array): Uint8Array {
    const s = this.last;
    const sanitizeFailed = this.controllers.some((c) => c.health().sanitizeFailed);
    // CTEMP: °C in two's complement; 7Fh = 127 °C or more, C4h = -60 °C or less (Figure 108).
    const ctemp = Math.max(-60, Math.min(127, s.ctempC)) & 0xff;
    const data = codecs.miNvmSsHealthStatus.encode({
      // NSS: drive functional unless a sanitize failed, no reset required, port 0 PCIe link up.
      nss: { df: !sanitizeFailed, rnr: true, p0la: true },
      // SW: the SMART Critical Warning bits, inverted (a bit cleared to 0 flags the warning).
      sw: ~s.cw & 0x3f,
      ctemp,
      pdlu: Math.min(255, s.pdlu),
      ccs: {},
    });
    new DataView(data.buffer, data.byteOffset).setUint16(4, this.ccs, true);
    if (nmd1 & 0x80000000) this.ccs = 0;
    return this.miOk(hdr, 0, data);
  }

  // Configuration Set (§5.3): NMD0 = PORT 31:24, config-specific 23:8, ID 7:0.
  private configSet(nmd0: number, nmd1: number, hdr: Uint8Array, error: (s: number) => Uint8Array): Uint8Array {
    const id = nmd0 & 0xff;
    const port = this.ports[nmd0 >>> 24];
    switch (id) {
      case 0x01: {
        // SMBus/I2C Frequency: NMD0 bits 9:8; at most the port's maximum, 0 is reserved.
        const freq = (nmd0 >>> 8) & 0x3;
        if (port?.type !== 'smbus' || freq === 0 || freq > port.maxFreq) return error(MI_STATUS.invalidParam);
        port.freq = freq;
        return this.miOk(hdr, 0);
      }
      case 0x02:
        // Health Status Change: NMD1 holds the Composite Controller Status bits to clear.
        if ((nmd1 & ~CCS_ALL) !== 0) return error(MI_STATUS.invalidParam);
        this.ccs &= ~nmd1;
        return this.miOk(hdr, 0);
      case 0x03: {
        // MCTP Transmission Unit Size: NMD1 bits 15:0, 64 bytes up to the port's maximum.
        const mtu = nmd1 & 0xffff;
        if (!port || mtu < 64 || mtu > port.maxMtu || nmd1 >>> 16 !== 0) return error(MI_STATUS.invalidParam);
        port.mtu = mtu;
        return this.miOk(hdr, 0);
      }
      default:
        return error(MI_STATUS.invalidParam);
    }
  }

  // Configuration Get (§5.2): the value comes back in NMRESP.
  private configGet(nmd0: number, hdr: Uint8Array, error: (s: number) => Uint8Array): Uint8Array {
    const id = nmd0 & 0xff;
    const port = this.ports[nmd0 >>> 24];
    switch (id) {
      case 0x01:
        if (port?.type !== 'smbus') return error(MI_STATUS.invalidParam);
        return this.miOk(hdr, port.freq);
      case 0x03:
        if (!port) return error(MI_STATUS.invalidParam);
        return this.miOk(hdr, port.mtu);
      default:
        // 02h Health Status Change is Set only; 04h Asynchronous Event is not supported here.
        return error(MI_STATUS.invalidParam);
    }
  }

  // NVMe Admin commands (§6)
  private adminCommand(body: Uint8Array, hdr: Uint8Array, error: (s: number) => Uint8Array): Uint8Array {
    if (body.length < ADMIN_REQ_HDR) return error(MI_STATUS.invalidCmdSize);
    const h = codecs.miAdminReqHdr.decode(body);
    const ctrl = this.controllers.find((c) => c.cntlid === h.ctrlId);
    if (PROHIBITED_ADMIN.has(h.opcode)) return error(MI_STATUS.invalidOpcode);
    if (!ctrl) return error(MI_STATUS.invalidParam);
    const dlen = h.flags.dlenValid ? h.dlen >>> 0 : 0;
    const doff = h.flags.doffValid ? h.doff >>> 0 : 0;
    if (dlen > MI_ADMIN_MAX_DATA || dlen % 4 !== 0 || doff % 4 !== 0) return error(MI_STATUS.invalidParam);
    const direction = opcodeDirection(h.opcode);
    if (direction === 'bidirectional') return error(MI_STATUS.invalidParam);
    const input = body.subarray(ADMIN_REQ_HDR);
    let dataLength = 0;
    if (direction === 'toDevice') {
      // Host-to-controller data: exactly DLEN bytes, no offset (§6.1).
      if (doff !== 0) return error(MI_STATUS.invalidParam);
      if (input.length !== dlen) return error(MI_STATUS.invalidInputSize);
      dataLength = dlen;
    } else {
      if (input.length !== 0) return error(MI_STATUS.invalidInputSize);
      if (direction === 'fromDevice') {
        // The response carries DLEN bytes of the command's data from DOFF: inside the data.
        const natural = naturalLength(h.opcode, h.cdw10 >>> 0, h.cdw11 >>> 0);
        dataLength = natural ?? doff + dlen;
        if (dataLength === 0 ? dlen !== 0 || doff !== 0 : dlen === 0 || doff >= dataLength || doff + dlen > dataLength) return error(MI_STATUS.invalidParam);
      } else if (dlen !== 0 || doff !== 0) {
        return error(MI_STATUS.invalidParam);
      }
    }
    const command: NvmeCommand = {
      name: 'miAdmin',
      queue: 'admin',
      opcode: h.opcode,
      nsid: h.cdw1 >>> 0,
      cdw2: h.cdw2 >>> 0,
      cdw3: h.cdw3 >>> 0,
      cdw10: h.cdw10 >>> 0,
      cdw11: h.cdw11 >>> 0,
      cdw12: h.cdw12 >>> 0,
      cdw13: h.cdw13 >>> 0,
      cdw14: h.cdw14 >>> 0,
      cdw15: h.cdw15 >>> 0,
      direction,
      dataLength,
      ...(direction === 'toDevice' ? { data: input.slice() } : {}),
      metadataLength: 0,
      timeoutMs: 0,
    };
    const c = ctrl.execute(command);
    const resp = codecs.miAdminRespHdr.encode({
      hdr: { type: { mt: MCTP_TYPE_NVME_MI, ic: true }, nmp: { csi: (hdr[1]! & 1) === 1, nmimt: NMIMT.admin, ror: true }, meb: { meb: false } },
      status: 0,
      cdw0: Number(c.result & 0xffffffffn),
      cdw1: Number((c.result >> 32n) & 0xffffffffn),
      // CQE DW3: Status Field in bits 31:17 (the CID and phase tag mean nothing here).
      cdw3: (c.status << 17) >>> 0,
    });
    const body2 = resp.subarray(4);
    if (direction === 'fromDevice' && c.status === 0 && c.data && dlen > 0) return this.frame(hdr, body2, c.data.subarray(doff, doff + dlen));
    return this.frame(hdr, body2);
  }
}

/**
 * How many bytes an Admin command returns (what DOFF / DLEN select from): Get Log Page from NUMD,
 * Identify 4096, Get Features the data of Timestamp (8); undefined when the command does not say.
 */
function naturalLength(opcode: number, cdw10: number, cdw11: number): number | undefined {
  switch (opcode) {
    case 0x02:
      return ((cdw10 >>> 16) + (cdw11 & 0xffff) * 0x10000 + 1) * 4;
    case 0x06:
      return 4096;
    case 0x0a:
      return (cdw10 & 0xff) === 0x0e ? 8 : 0;
    default:
      return undefined;
  }
}

/** Identify Controller, built here to avoid a dependency on the command builders' layer above. */
function identifyCtrl(): NvmeCommand {
  return {
    name: 'identifyCtrl',
    queue: 'admin',
    opcode: 0x06,
    nsid: 0,
    cdw2: 0,
    cdw3: 0,
    cdw10: 1,
    cdw11: 0,
    cdw12: 0,
    cdw13: 0,
    cdw14: 0,
    cdw15: 0,
    direction: 'fromDevice',
    dataLength: 4096,
    metadataLength: 0,
    timeoutMs: 0,
  };
}
