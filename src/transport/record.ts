/**
 * Recording wrappers: put one around any CxlTransport, NvmeTransport or MctpMessageTransport and
 * every exchange is written as one JSON line (format v1, documented in test/fixtures/README.md) to
 * a file or to a sink callback. The wrapper is itself a transport of the same kind and changes
 * nothing about the exchange: the inner transport's replies and errors pass through unchanged.
 *
 *   const rec = recordCxl(transport, { file: 'session.jsonl' });
 *   const ep = await Endpoint.open(rec);
 *
 * Volatile request bytes (a Set Timestamp value) are listed in the line's `mask` so replay ignores
 * them; `defaultMask` covers CXL Set Timestamp (0301h) and NVMe Set Features Timestamp (FID 0Eh),
 * and `options.mask` can add more.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { CxlNvmeError } from '../errors.js';
import { TUNNEL_MANAGEMENT_OPCODE } from '../protocol/cxl/registry.js';
import { opcodeOf } from '../protocol/cxl/request.js';
import type { NvmeCommand, NvmeCompletion } from '../protocol/nvme/command-types.js';
import type { CxlSubmitOptions, CxlTransport, MctpMessageTransport, NvmeTransport, SubmitOptions, TransportInfo } from './types.js';

/** Set Timestamp: its 8-byte time is masked in recordings (it differs on every run). */
const SET_TIMESTAMP = opcodeOf('setTimestamp');

export const RECORDING_VERSION = 1;

/** What a recording holds: CXL CCI messages, NVMe commands, or raw NVMe-MI MCTP messages. */
export type RecordingKind = 'cxl' | 'nvme' | 'mctp';

/** A byte range [offset, length] of the request that replay does not compare. */
export type MaskRange = readonly [number, number];

export interface RecordingHeader {
  readonly v: 1;
  readonly type: 'header';
  readonly kind: RecordingKind;
  readonly transport: string;
  readonly device: string;
  readonly maxPayload?: number;
  /** Anything the recorder was given in `RecordOptions.header` (versions, fixture name...). */
  readonly [extra: string]: unknown;
}

/** An NVMe command as recorded: every field of NvmeCommand, with data and metadata as hex. */
export type RecordedNvmeCommand = Omit<NvmeCommand, 'data' | 'metadata'> & {
  readonly data?: string;
  readonly metadata?: string;
};

export interface RecordedNvmeCompletion {
  /** DW0/DW1 as a hex string ('0x...'). */
  readonly result: string;
  readonly status: number;
  readonly data?: string;
  readonly metadata?: string;
}

export interface RecordedError {
  readonly code: string;
  readonly message: string;
}

export interface RecordingEntry {
  readonly v: 1;
  readonly type: 'exchange';
  readonly i: number;
  readonly kind: RecordingKind;
  readonly device: string;
  /** CXL and MCTP: the request message as hex; NVMe: the command. */
  readonly req: string | RecordedNvmeCommand;
  /** CXL: whether the request went on the FM-API channel. */
  readonly fmApi?: boolean;
  /** MCTP: a further reply waited for with `receive()` (after More Processing Required); `req` is empty. */
  readonly receive?: boolean;
  /** The reply (hex, or the NVMe completion); absent when `error` is present. */
  readonly rep?: string | RecordedNvmeCompletion;
  readonly error?: RecordedError;
  readonly ms: number;
  /** Request byte ranges replay ignores (NVMe: ranges of `req.data`). */
  readonly mask?: readonly MaskRange[];
}

export type RecordingLine = RecordingHeader | RecordingEntry;

// --- hex -------------------------------------------------------------------------------------------

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Parse lowercase/uppercase hex without separators; undefined when malformed. */
export function fromHex(s: string): Uint8Array | undefined {
  if (typeof s !== 'string' || s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// --- masks -----------------------------------------------------------------------------------------

export type MaskFunction = (kind: RecordingKind, request: Uint8Array, command?: NvmeCommand) => readonly MaskRange[];

/**
 * Volatile values masked by default: the timestamp in a CXL Set Timestamp (0301h) request
 * (payload bytes 0-7, CXL r3.1 §8.2.9.4.2), also inside a Tunnel Management request; the
 * timestamp in an NVMe Set Features Timestamp (FID 0Eh, data bytes 0-5, NVMe Base 2.0c
 * §5.27.1.10).
 */
export const defaultMask: MaskFunction = (kind, request, command) => {
  if (kind === 'nvme') {
    if (command && command.queue === 'admin' && command.opcode === 0x09 && (command.cdw10 & 0xff) === 0x0e) return [[0, 6]];
    return [];
  }
  if (kind !== 'cxl') return [];
  // Walk tunnel levels: 5300h payload = 4-byte tunnel header, then the inner message.
  let at = 0;
  while (request.length - at >= 12) {
    const opcode = request[at + 3]! | (request[at + 4]! << 8);
    if (opcode === SET_TIMESTAMP) return [[at + 12, 8]];
    if (opcode !== TUNNEL_MANAGEMENT_OPCODE) return [];
    at += 12 + 4;
  }
  return [];
};

// --- sinks -----------------------------------------------------------------------------------------

export interface RecordOptions {
  /** Write lines to this file (created or truncated). */
  readonly file?: string;
  /** Receive each line (without the newline). */
  readonly sink?: (line: string) => void;
  /** Extra masks, merged with `defaultMask` unless `noDefaultMask`. */
  readonly mask?: MaskFunction;
  readonly noDefaultMask?: boolean;
  /**
   * Extra keys for the header line (e.g. kernel and QEMU versions, a fixture name). Replay ignores
   * keys it does not know; the format's own keys win over these.
   */
  readonly header?: Readonly<Record<string, unknown>>;
}

function makeWriter(options: RecordOptions): (line: RecordingLine) => void {
  if (!options.file && !options.sink) {
    throw new CxlNvmeError('USAGE', 'a recording needs a file or a sink', {});
  }
  const file = options.file;
  if (file) writeFileSync(file, '');
  return (line) => {
    const text = JSON.stringify(line);
    if (file) appendFileSync(file, `${text}\n`);
    options.sink?.(text);
  };
}

function masksFor(options: RecordOptions, kind: RecordingKind, request: Uint8Array, command?: NvmeCommand): MaskRange[] | undefined {
  const out: MaskRange[] = [];
  if (!options.noDefaultMask) out.push(...defaultMask(kind, request, command));
  if (options.mask) out.push(...options.mask(kind, request, command));
  return out.length > 0 ? out : undefined;
}

function errorOf(e: unknown): RecordedError {
  if (e instanceof CxlNvmeError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: (e as { code?: string }).code ?? 'TRANSPORT_PROTOCOL', message: e.message };
  return { code: 'TRANSPORT_PROTOCOL', message: String(e) };
}

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000;
}

abstract class Recorder<I extends { readonly info: TransportInfo; close(): Promise<void> }> {
  readonly info: TransportInfo;
  protected index = 0;
  protected readonly write: (line: RecordingLine) => void;

  constructor(
    protected readonly inner: I,
    protected readonly kind: RecordingKind,
    protected readonly options: RecordOptions,
  ) {
    this.info = inner.info;
    this.write = makeWriter(options);
    this.write({
      ...options.header,
      v: 1,
      type: 'header',
      kind,
      transport: inner.info.kind,
      device: inner.info.device,
      ...(inner.info.maxPayload !== undefined ? { maxPayload: inner.info.maxPayload } : {}),
    });
  }

  /** Run one exchange and write its line: the reply (as `show` renders it) or the error, and the time taken. */
  protected async record<T>(
    fields: { readonly req: RecordingEntry['req']; readonly fmApi?: boolean; readonly receive?: boolean },
    mask: MaskRange[] | undefined,
    run: () => Promise<T>,
    show: (reply: T) => RecordingEntry['rep'],
  ): Promise<T> {
    const base = { v: 1 as const, type: 'exchange' as const, i: this.index++, kind: this.kind, device: this.info.device, ...fields };
    const start = performance.now();
    try {
      const rep = await run();
      this.write({ ...base, rep: show(rep), ms: elapsed(start), ...(mask ? { mask } : {}) });
      return rep;
    } catch (e) {
      this.write({ ...base, error: errorOf(e), ms: elapsed(start), ...(mask ? { mask } : {}) });
      throw e;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

// --- CXL -------------------------------------------------------------------------------------------

export class RecordingCxlTransport extends Recorder<CxlTransport> implements CxlTransport {
  constructor(inner: CxlTransport, options: RecordOptions) {
    super(inner, 'cxl', options);
  }

  submit(request: Uint8Array, options: CxlSubmitOptions = {}): Promise<Uint8Array> {
    const req = request.slice();
    const fields = { req: toHex(req), ...(options.fmApi ? { fmApi: true } : {}) };
    return this.record(fields, masksFor(this.options, 'cxl', req), () => this.inner.submit(request, options), toHex);
  }
}

// --- NVMe ------------------------------------------------------------------------------------------

export function recordNvmeCommand(c: NvmeCommand): RecordedNvmeCommand {
  return {
    name: c.name,
    queue: c.queue,
    opcode: c.opcode,
    ...(c.flags !== undefined ? { flags: c.flags } : {}),
    nsid: c.nsid,
    cdw2: c.cdw2,
    cdw3: c.cdw3,
    cdw10: c.cdw10,
    cdw11: c.cdw11,
    cdw12: c.cdw12,
    cdw13: c.cdw13,
    cdw14: c.cdw14,
    cdw15: c.cdw15,
    direction: c.direction,
    dataLength: c.dataLength,
    metadataLength: c.metadataLength,
    timeoutMs: c.timeoutMs,
    ...(c.decodeAs !== undefined ? { decodeAs: c.decodeAs } : {}),
    ...(c.data ? { data: toHex(c.data) } : {}),
    ...(c.metadata ? { metadata: toHex(c.metadata) } : {}),
  };
}

export function recordNvmeCompletion(c: NvmeCompletion): RecordedNvmeCompletion {
  return {
    result: `0x${c.result.toString(16)}`,
    status: c.status,
    ...(c.data ? { data: toHex(c.data) } : {}),
    ...(c.metadata ? { metadata: toHex(c.metadata) } : {}),
  };
}

export class RecordingNvmeTransport extends Recorder<NvmeTransport> implements NvmeTransport {
  constructor(inner: NvmeTransport, options: RecordOptions) {
    super(inner, 'nvme', options);
  }

  submit(command: NvmeCommand, options: SubmitOptions = {}): Promise<NvmeCompletion> {
    const mask = masksFor(this.options, 'nvme', command.data ?? new Uint8Array(0), command);
    return this.record({ req: recordNvmeCommand(command) }, mask, () => this.inner.submit(command, options), recordNvmeCompletion);
  }
}

// --- NVMe-MI over MCTP -----------------------------------------------------------------------------

export class RecordingMctpTransport extends Recorder<MctpMessageTransport> implements MctpMessageTransport {
  constructor(inner: MctpMessageTransport, options: RecordOptions) {
    super(inner, 'mctp', options);
    // Offer receive() only when the transport under us has it, as the contract says.
    if (!inner.receive) this.receive = undefined;
  }

  exchange(message: Uint8Array, options: SubmitOptions = {}): Promise<Uint8Array> {
    const req = message.slice();
    return this.record({ req: toHex(req) }, masksFor(this.options, 'mctp', req), () => this.inner.exchange(message, options), toHex);
  }

  receive?: (options?: SubmitOptions) => Promise<Uint8Array> = (options = {}) =>
    this.record({ req: '', receive: true }, undefined, () => this.inner.receive!(options), toHex);
}

export function recordCxl(inner: CxlTransport, options: RecordOptions): RecordingCxlTransport {
  return new RecordingCxlTransport(inner, options);
}
export function recordNvme(inner: NvmeTransport, options: RecordOptions): RecordingNvmeTransport {
  return new RecordingNvmeTransport(inner, options);
}
export function recordMctp(inner: MctpMessageTransport, options: RecordOptions): RecordingMctpTransport {
  return new RecordingMctpTransport(inner, options);
}
