/**
 * Transports over AF_MCTP (Linux 5.15+, CONFIG_MCTP):
 * - `CxlMctpTransport`: whole CCI messages (CXL r3.1 §7.6.3 Figure 7-19) as MCTP message type
 *   08h (CXL CCI, DSP0281) or 07h (CXL FM-API, DSP0234) when `options.fmApi` is set. The reply is
 *   matched by the CCI header's tag and opcode and category response; anything else from the
 *   socket is dropped.
 * - `NvmeMiMctpTransport`: raw NVMe-MI messages, MCTP message type 04h (NVMe-MI 1.2 §3.1),
 *   matched by peer, type and the response (ROR) bit.
 *
 * The MCTP message-type byte is not part of an AF_MCTP datagram: it travels in the address.
 */
import { MCTP_NET_ANY, MCTP_TYPE_IC, mctpMessageType } from '../../spec-tables/linux/mctp.js';
import { MI_STATUS_MPR } from '../protocol/nvme/mi.js';
import { CxlNvmeError, type ErrorContext } from '../errors.js';
import { codecs } from '../structs/index.js';
import { CallGate } from './native/call-gate.js';
import { nativeSyscalls, type MctpDatagram, type Syscalls } from './native/syscalls.js';
import { MctpSocket } from './mctp-socket.js';
import type { CxlSubmitOptions, CxlTransport, MctpMessageTransport, SubmitOptions, TransportInfo } from './types.js';

/**
 * 2 s: the longest a CCI over MCTP may take to answer before the requester gives up (CXL r3.1
 * §9.20.2, the figure libcxlmi's MCTP transport uses as its maximum).
 */
export const CXL_MCTP_TIMEOUT_MS = 2000;
/** NVMe-MI default wait (libnvme-mi's default timeout). */
export const NVME_MI_TIMEOUT_MS = 5000;

export interface MctpEndpointOptions {
  /** MCTP network id (default MCTP_NET_ANY). */
  readonly net?: number;
  /** Endpoint id of the device. */
  readonly eid: number;
  readonly syscalls?: Syscalls;
  /** Largest reply accepted; a longer one rejects with TRANSPORT_TRUNCATED. */
  readonly maxMessage?: number;
  /** Wait bound when a submit gives none (ms). */
  readonly defaultTimeoutMs?: number;
}

function fromPeer(d: MctpDatagram, net: number, eid: number): boolean {
  return d.eid === eid && (net === MCTP_NET_ANY || d.net === net) && !d.tagOwner;
}

function checkEid(eid: number): void {
  if (!Number.isInteger(eid) || eid < 1 || eid > 0xfe)
    throw new CxlNvmeError('USAGE', `MCTP endpoint id must be 1..254, got ${eid}`, { eid });
}

/** The socket and addressing both MCTP transports start from. */
function openPeer(options: MctpEndpointOptions): { socket: MctpSocket; net: number } {
  checkEid(options.eid);
  const sys = options.syscalls ?? nativeSyscalls();
  const socket = MctpSocket.open(sys, options.maxMessage !== undefined ? { maxMessage: options.maxMessage } : {});
  return { socket, net: options.net ?? MCTP_NET_ANY };
}

export function openCxlMctp(options: MctpEndpointOptions): CxlMctpTransport {
  const { socket, net } = openPeer(options);
  return new CxlMctpTransport(socket, net, options.eid, options.defaultTimeoutMs ?? CXL_MCTP_TIMEOUT_MS);
}

export class CxlMctpTransport implements CxlTransport {
  readonly info: TransportInfo;
  readonly #socket: MctpSocket;
  readonly #gate = new CallGate();
  readonly #net: number;
  readonly #eid: number;
  readonly #defaultTimeoutMs: number;

  constructor(socket: MctpSocket, net: number, eid: number, defaultTimeoutMs: number) {
    this.#socket = socket;
    this.#net = net;
    this.#eid = eid;
    this.#defaultTimeoutMs = defaultTimeoutMs;
    // The CCI header rides inside the MCTP message; the payload limit is the socket's receive size.
    this.info = { kind: 'cxl-mctp', device: `mctp:${net},${eid}`, maxPayload: socket.maxMessage - 12 };
  }

  /** Datagrams received and dropped because they answered nothing waiting. */
  get dropped(): number {
    return this.#socket.dropped;
  }

  submit(request: Uint8Array, options: CxlSubmitOptions = {}): Promise<Uint8Array> {
    const device = this.info.device;
    if (this.#gate.closed) return Promise.reject(this.#gate.closedError(`CXL over MCTP ${device}`, { device }));
    if (request.length < 12)
      return Promise.reject(
        new CxlNvmeError('CXL_SHORT_MESSAGE', `CXL over MCTP ${device}: a CCI request needs a 12-byte header, got ${request.length}`, {
          length: request.length,
        }),
      );
    const hdr = codecs.cciMsg.decode(request);
    const opcode = (hdr.commandSet << 8) | hdr.command;
    const type = options.fmApi ? mctpMessageType.cxlFmApi : mctpMessageType.cxlCci;
    const what = `CXL command ${opcode.toString(16).padStart(4, '0')}h (tag ${hdr.tag}) over MCTP ${device} type ${type.toString(16).padStart(2, '0')}h`;
    const context: ErrorContext = { device, net: this.#net, eid: this.#eid, opcode, tag: hdr.tag, mctpType: type };
    const match = (d: MctpDatagram) =>
      fromPeer(d, this.#net, this.#eid) &&
      (d.type & ~MCTP_TYPE_IC) === type &&
      d.data.length >= 12 &&
      (d.data[0]! & 0x0f) === 1 && // category: response
      d.data[1] === hdr.tag &&
      d.data[3] === hdr.command &&
      d.data[4] === hdr.commandSet;
    let cancel = () => {};
    const exchange = async (): Promise<Uint8Array> => {
      const rx = this.#socket.receive(match);
      cancel = rx.cancel;
      try {
        this.#socket.send(request, { net: this.#net, eid: this.#eid, type, tag: 0, tagOwner: true });
      } catch (e) {
        // The send failed: withdraw the wait, whose rejection nobody else will observe.
        rx.promise.catch(() => {});
        rx.cancel();
        throw e;
      }
      const d = await rx.promise;
      if (d.truncated)
        throw new CxlNvmeError('TRANSPORT_TRUNCATED', `${what}: reply of ${d.length} bytes exceeds the ${this.#socket.maxMessage}-byte receive buffer`, {
          ...context,
          length: d.length,
          maxMessage: this.#socket.maxMessage,
        });
      const plLength = codecs.cciMsg.decode(d.data).plLength.length;
      if (d.data.length < 12 + plLength)
        throw new CxlNvmeError('TRANSPORT_TRUNCATED', `${what}: reply header announces ${plLength} payload bytes, ${d.data.length - 12} arrived`, {
          ...context,
          plLength,
          length: d.data.length,
        });
      return d.data;
    };
    const p = this.#gate.run(exchange, {
      signal: options.signal,
      timeoutMs: options.timeoutMs || this.#defaultTimeoutMs,
      what,
      context,
    });
    // On timeout, abort or close, stop waiting: a late reply is then dropped by the socket.
    p.catch(() => cancel());
    return p;
  }

  async close(): Promise<void> {
    // Reject waiters first, then close the socket (which ends the exchanges still running).
    const idle = this.#gate.close(`CXL over MCTP ${this.info.device}`, { device: this.info.device });
    this.#socket.close();
    await idle;
  }
}

export function openNvmeMiMctp(options: MctpEndpointOptions): NvmeMiMctpTransport {
  const { socket, net } = openPeer(options);
  return new NvmeMiMctpTransport(socket, net, options.eid, options.defaultTimeoutMs ?? NVME_MI_TIMEOUT_MS);
}

export class NvmeMiMctpTransport implements MctpMessageTransport {
  readonly info: TransportInfo;
  readonly #socket: MctpSocket;
  readonly #gate = new CallGate();
  readonly #net: number;
  readonly #eid: number;
  readonly #defaultTimeoutMs: number;
  /** The tag reserved for the exchange in progress (SIOCMCTPALLOCTAG), until its final reply. */
  #tag: number | undefined;
  /** A wait armed after a More Processing Required reply, so the final reply is not dropped. */
  #followUp:
    | { promise: Promise<MctpDatagram>; cancel: () => void; timer: ReturnType<typeof setTimeout>; match: (d: MctpDatagram) => boolean }
    | undefined;

  constructor(socket: MctpSocket, net: number, eid: number, defaultTimeoutMs: number) {
    this.#socket = socket;
    this.#net = net;
    this.#eid = eid;
    this.#defaultTimeoutMs = defaultTimeoutMs;
    this.info = { kind: 'nvme-mi-mctp', device: `mctp:${net},${eid}`, maxPayload: socket.maxMessage };
  }

  get dropped(): number {
    return this.#socket.dropped;
  }

  /**
   * `message` is the MCTP message body with its type byte first (04h, or 84h with the IC bit and a
   * trailing CRC-32C the caller computed). The reply comes back in the same form.
   */
  exchange(message: Uint8Array, options: SubmitOptions = {}): Promise<Uint8Array> {
    const device = this.info.device;
    if (this.#gate.closed) return Promise.reject(this.#gate.closedError(`NVMe-MI over MCTP ${device}`, { device }));
    if (message.length < 2 || (message[0]! & ~MCTP_TYPE_IC) !== mctpMessageType.nvmeMi)
      return Promise.reject(
        new CxlNvmeError('USAGE', `NVMe-MI over MCTP ${device}: the message must start with MCTP type 04h (or 84h)`, {
          first: message[0],
        }),
      );
    const type = message[0]!;
    // NVMe-MI 1.2 §3.1.1 Figure 20, byte 1: ROR (bit 7), NMIMT (bits 6:3), CSI (bit 0).
    const nmimt = (message[1]! >> 3) & 0x0f;
    const csi = message[1]! & 0x01;
    const what = `NVMe-MI message (NMIMT ${nmimt}) over MCTP ${device}`;
    const context: ErrorContext = { device, net: this.#net, eid: this.#eid, nmimt };
    const match = (d: MctpDatagram) =>
      fromPeer(d, this.#net, this.#eid) &&
      (d.type & ~MCTP_TYPE_IC) === mctpMessageType.nvmeMi &&
      d.data.length >= 1 &&
      (d.data[0]! & 0x80) !== 0 && // ROR: a response
      ((d.data[0]! >> 3) & 0x0f) === nmimt &&
      (d.data[0]! & 0x01) === csi;
    let cancel = () => {};
    this.#dropFollowUp();
    this.#releaseTag();
    const exchange = async (): Promise<Uint8Array> => {
      const rx = this.#socket.receive(match);
      cancel = rx.cancel;
      // A reserved tag stays valid for the further replies More Processing Required promises; a
      // kernel-allocated one (tag 0 with owner, the fallback) is released at the first reply.
      this.#tag = this.#socket.allocTag(this.#eid);
      try {
        this.#socket.send(message.subarray(1), { net: this.#net, eid: this.#eid, type, tag: this.#tag ?? 0, tagOwner: true });
      } catch (e) {
        // The send failed: withdraw the wait, whose rejection nobody else will observe.
        rx.promise.catch(() => {});
        rx.cancel();
        throw e;
      }
      return this.#armIfMpr(this.#replyOf(await rx.promise, what, context), match);
    };
    const p = this.#gate.run(exchange, { signal: options.signal, timeoutMs: options.timeoutMs || this.#defaultTimeoutMs, what, context });
    p.catch(() => {
      cancel();
      this.#releaseTag();
    });
    return p;
  }

  /**
   * The next reply to the last exchange, after it answered More Processing Required. Rejects with
   * USAGE when the last reply promised nothing more.
   */
  receive(options: SubmitOptions = {}): Promise<Uint8Array> {
    const device = this.info.device;
    if (this.#gate.closed) return Promise.reject(this.#gate.closedError(`NVMe-MI over MCTP ${device}`, { device }));
    const pending = this.#followUp;
    if (!pending)
      return Promise.reject(new CxlNvmeError('USAGE', `NVMe-MI over MCTP ${device}: no More Processing Required reply is waiting for its final reply`, { device }));
    const what = `final NVMe-MI reply over MCTP ${device}`;
    const context: ErrorContext = { device, net: this.#net, eid: this.#eid };
    const p = this.#gate.run(async () => {
      const reply = this.#replyOf(await pending.promise, what, context);
      if (this.#followUp === pending) this.#dropFollowUp();
      return this.#armIfMpr(reply, pending.match);
    }, {
      signal: options.signal,
      timeoutMs: options.timeoutMs || this.#defaultTimeoutMs,
      what,
      context,
    });
    p.catch(() => {
      if (this.#followUp === pending) this.#dropFollowUp();
      this.#releaseTag();
    });
    return p;
  }

  #replyOf(d: MctpDatagram, what: string, context: ErrorContext): Uint8Array {
    if (d.truncated)
      throw new CxlNvmeError('TRANSPORT_TRUNCATED', `${what}: reply of ${d.length} bytes exceeds the ${this.#socket.maxMessage}-byte receive buffer`, {
        ...context,
        length: d.length,
      });
    const reply = new Uint8Array(1 + d.data.length);
    reply[0] = d.type;
    reply.set(d.data, 1);
    return reply;
  }

  /**
   * NVMe-MI 1.2 §4.2.1: status 01h (More Processing Required) promises a later reply to the same
   * request; start waiting for it at once so it is not dropped before receive() is called.
   */
  #armIfMpr(reply: Uint8Array, match: (d: MctpDatagram) => boolean): Uint8Array {
    if (reply.length > 4 && reply[4] === MI_STATUS_MPR) {
      const next = this.#socket.receive(match);
      next.promise.catch(() => {});
      // Bounded: a caller that never asks for the final reply does not keep a waiter forever.
      const timer = setTimeout(() => {
        this.#dropFollowUp();
        this.#releaseTag();
      }, 120_000);
      timer.unref?.();
      this.#followUp = { promise: next.promise, cancel: next.cancel, timer, match };
    } else this.#releaseTag();
    return reply;
  }

  #releaseTag(): void {
    if (this.#tag === undefined) return;
    this.#socket.dropTag(this.#eid, this.#tag);
    this.#tag = undefined;
  }

  #dropFollowUp(): void {
    const f = this.#followUp;
    if (!f) return;
    this.#followUp = undefined;
    clearTimeout(f.timer);
    f.cancel();
  }

  async close(): Promise<void> {
    this.#dropFollowUp();
    this.#releaseTag();
    // Reject waiters first, then close the socket (which ends the exchanges still running).
    const idle = this.#gate.close(`NVMe-MI over MCTP ${this.info.device}`, { device: this.info.device });
    this.#socket.close();
    await idle;
  }
}
