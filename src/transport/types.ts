/**
 * The transport contract. Every way of reaching a device (Linux mailbox ioctl, NVMe passthrough
 * ioctl, AF_MCTP, fixture replay, recording wrapper, in-process simulator) implements one of the two
 * interfaces below, and nothing else is needed by the layers above.
 *
 * Rules every implementation follows:
 * - `submit` resolves with the device's reply or rejects with a `CxlNvmeError` (layer `transport`
 *   or `system`). It never resolves with a partial reply: a reply cut short rejects with
 *   TRANSPORT_TRUNCATED.
 * - A device-reported failure is not a transport failure. A CXL reply with a non-zero return code is
 *   resolved (the endpoint turns it into CxlCommandError); an NVMe completion with a non-zero status
 *   is resolved (the caller turns it into NvmeStatusError).
 * - `options.signal` aborts the wait: the promise rejects with TRANSPORT_ABORTED at once. What the
 *   device does with a command already sent is up to the device; the transport drops a late reply.
 * - `options.timeoutMs` bounds the wait (0 or absent = the transport's default); expiry rejects with
 *   TRANSPORT_TIMEOUT.
 * - Transports do not serialise: the caller (Endpoint / NvmeDevice) keeps one command in flight per
 *   mailbox. A transport that can only carry one exchange at a time may reject a second.
 * - `close()` is idempotent. Calls in flight when it is called reject with TRANSPORT_CLOSED; calls
 *   after it reject with TRANSPORT_CLOSED without touching the device.
 */
import type { NvmeCommand, NvmeCompletion } from '../protocol/nvme/command-types.js';

export interface SubmitOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface CxlSubmitOptions extends SubmitOptions {
  /**
   * Carry this on the FM-API channel (MCTP message type 07h) rather than the CCI (08h). The
   * endpoint sets it for command sets 51h-56h, including Tunnel Management.
   */
  readonly fmApi?: boolean;
}

/** Transport kinds, as written in recordings. */
export type TransportKind = 'cxl-mailbox' | 'cxl-mctp' | 'nvme-ioctl' | 'nvme-mi-mctp' | 'simulator' | 'replay' | 'scripted';

export interface TransportInfo {
  readonly kind: TransportKind;
  /** Device path or address: '/dev/cxl/mem0', 'mctp:1,8', 'sim:type3-0'. */
  readonly device: string;
  /** Largest CCI payload the path carries (mailbox `payload_max`, MCTP message limit). */
  readonly maxPayload?: number;
}

/**
 * CXL: a request message in, a response message out. Both are whole CCI messages (the 12-byte
 * header of CXL r3.1 Figure 7-19 plus payload). A transport that carries only payloads (the Linux
 * mailbox ioctl) builds the response header itself from the request's tag and opcode and the return
 * code the kernel reports.
 */
export interface CxlTransport {
  readonly info: TransportInfo;
  submit(request: Uint8Array, options?: CxlSubmitOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** NVMe: a command description in, a completion out (NVMe-MI transports tunnel admin commands). */
export interface NvmeTransport {
  readonly info: TransportInfo;
  submit(command: NvmeCommand, options?: SubmitOptions): Promise<NvmeCompletion>;
  close(): Promise<void>;
}

/** A raw NVMe-MI message exchange over MCTP message type 04h (NVMe-MI 1.2 §3.1). */
export interface MctpMessageTransport {
  readonly info: TransportInfo;
  /** Send one MCTP message body (type byte first) and resolve with the matching reply body. */
  exchange(message: Uint8Array, options?: SubmitOptions): Promise<Uint8Array>;
  /**
   * Wait for a further reply to the last exchange without sending anything: what an NVMe-MI
   * requester does after a More Processing Required reply (NVMe-MI 1.2 §4.2.1). Optional; a
   * transport that cannot wait leaves it out and MPR exchanges fail with TRANSPORT_UNSUPPORTED.
   */
  receive?(options?: SubmitOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}
