/**
 * Replay transports: answer from a recording (format v1, test/fixtures/README.md), in order, and
 * fail loudly when the caller does something else.
 *
 * - A request that differs from the recorded one (outside its masked ranges) rejects with
 *   TRANSPORT_REPLAY_MISMATCH naming the exchange index, the first differing byte and both
 *   requests in hex. So does a request after the recording is used up, or a CXL request on the
 *   other channel (FM-API vs CCI).
 * - A malformed recording throws TRANSPORT_REPLAY_FORMAT with its line number when parsed.
 * - A recorded error is replayed as a CxlNvmeError with the recorded code and message.
 *
 * Replay follows the transport contract: `signal` and `close()` behave as for a device.
 */
import { readFileSync } from 'node:fs';
import { CxlNvmeError, type ErrorCode } from '../errors.js';
import type { NvmeCommand, NvmeCompletion } from '../protocol/nvme/command-types.js';
import {
  fromHex,
  type MaskRange,
  type RecordedNvmeCommand,
  type RecordedNvmeCompletion,
  type RecordingEntry,
  type RecordingHeader,
  type RecordingKind,
  recordNvmeCommand,
  toHex,
} from './record.js';
import type { CxlSubmitOptions, CxlTransport, MctpMessageTransport, NvmeTransport, SubmitOptions, TransportInfo } from './types.js';

export interface Recording {
  readonly header: RecordingHeader;
  readonly entries: readonly (RecordingEntry & { readonly line: number })[];
}

function formatError(line: number, why: string, extra: Record<string, unknown> = {}): CxlNvmeError {
  return new CxlNvmeError('TRANSPORT_REPLAY_FORMAT', `recording line ${line}: ${why}`, { line, ...extra });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NVME_CMD_NUMBERS = ['opcode', 'nsid', 'cdw2', 'cdw3', 'cdw10', 'cdw11', 'cdw12', 'cdw13', 'cdw14', 'cdw15', 'dataLength', 'metadataLength', 'timeoutMs'] as const;

function checkHexField(line: number, where: string, v: unknown): void {
  if (typeof v !== 'string' || fromHex(v) === undefined) throw formatError(line, `${where} is not a hex string`);
}

function checkEntry(line: number, o: Record<string, unknown>, kind: RecordingKind, index: number): void {
  if (o.type !== 'exchange') throw formatError(line, `expected an exchange line, got type ${JSON.stringify(o.type)}`);
  if (o.i !== index) throw formatError(line, `exchange index ${JSON.stringify(o.i)} out of sequence (expected ${index})`);
  if (o.kind !== kind) throw formatError(line, `exchange kind ${JSON.stringify(o.kind)} differs from the header's '${kind}'`);
  if (typeof o.ms !== 'number' || !(o.ms >= 0)) throw formatError(line, "'ms' must be a non-negative number");
  if (o.mask !== undefined) {
    if (!Array.isArray(o.mask) || !o.mask.every((m) => Array.isArray(m) && m.length === 2 && m.every((x) => Number.isInteger(x) && x >= 0))) {
      throw formatError(line, "'mask' must be a list of [offset, length] pairs of non-negative integers");
    }
  }
  const hasRep = o.rep !== undefined;
  const hasErr = o.error !== undefined;
  if (hasRep === hasErr) throw formatError(line, "an exchange has exactly one of 'rep' and 'error'");
  if (hasErr && (!isObj(o.error) || typeof o.error.code !== 'string' || typeof o.error.message !== 'string')) {
    throw formatError(line, "'error' must be { code, message }");
  }
  if (kind === 'nvme') {
    if (!isObj(o.req)) throw formatError(line, "NVMe 'req' must be an object");
    for (const k of NVME_CMD_NUMBERS) if (typeof o.req[k] !== 'number') throw formatError(line, `NVMe 'req.${k}' must be a number`);
    if (o.req.queue !== 'admin' && o.req.queue !== 'io') throw formatError(line, "NVMe 'req.queue' must be 'admin' or 'io'");
    if (o.req.data !== undefined) checkHexField(line, 'req.data', o.req.data);
    if (hasRep) {
      if (!isObj(o.rep) || typeof o.rep.status !== 'number' || typeof o.rep.result !== 'string' || !/^0x[0-9a-fA-F]+$/.test(o.rep.result)) {
        throw formatError(line, "NVMe 'rep' must be { result: '0x..', status, data? }");
      }
      if (o.rep.data !== undefined) checkHexField(line, 'rep.data', o.rep.data);
    }
  } else {
    checkHexField(line, "'req'", o.req);
    if (hasRep) checkHexField(line, "'rep'", o.rep);
  }
}

/** Parse a recording's text; throws TRANSPORT_REPLAY_FORMAT (with the line number) when malformed. */
export function parseRecording(text: string): Recording {
  const lines = text.split('\n');
  let header: RecordingHeader | undefined;
  const entries: (RecordingEntry & { line: number })[] = [];
  lines.forEach((raw, n) => {
    const line = n + 1;
    if (raw.trim() === '') return;
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch (e) {
      throw formatError(line, `not JSON: ${(e as Error).message}`);
    }
    if (!isObj(o)) throw formatError(line, 'each line is a JSON object');
    if (o.v !== 1) throw formatError(line, `unsupported format version ${JSON.stringify(o.v)} (this library reads v1)`, { v: o.v });
    if (!header) {
      if (o.type !== 'header') throw formatError(line, "the first line must be the header (type 'header')");
      if (o.kind !== 'cxl' && o.kind !== 'nvme' && o.kind !== 'mctp') throw formatError(line, `unknown recording kind ${JSON.stringify(o.kind)}`);
      if (typeof o.device !== 'string' || typeof o.transport !== 'string') throw formatError(line, "the header needs 'device' and 'transport' strings");
      header = o as unknown as RecordingHeader;
      return;
    }
    checkEntry(line, o, header.kind, entries.length);
    entries.push({ ...(o as unknown as RecordingEntry), line });
  });
  if (!header) throw formatError(1, 'empty recording (no header line)');
  return { header, entries };
}

/** Read and parse a recording file. */
export function loadRecording(path: string): Recording {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CxlNvmeError('USAGE', `cannot read recording ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
  try {
    return parseRecording(text);
  } catch (e) {
    if (e instanceof CxlNvmeError) throw new CxlNvmeError(e.code, `${path}: ${e.message}`, { ...e.context, path });
    throw e;
  }
}

function masked(mask: readonly MaskRange[] | undefined, i: number): boolean {
  return mask?.some(([o, l]) => i >= o && i < o + l) ?? false;
}

/** First differing byte index outside the masks, -1 when equal. */
export function firstDifference(expected: Uint8Array, actual: Uint8Array, mask?: readonly MaskRange[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (i >= expected.length || i >= actual.length) return i;
    if (expected[i] !== actual[i] && !masked(mask, i)) return i;
  }
  return -1;
}

function source(r: Recording | string): Recording {
  return typeof r === 'string' ? (r.includes('\n') || r.trimStart().startsWith('{') ? parseRecording(r) : loadRecording(r)) : r;
}

abstract class Replayer {
  readonly info: TransportInfo;
  protected next = 0;
  private closed = false;
  private readonly inFlight = new Set<(e: CxlNvmeError) => void>();

  constructor(
    protected readonly recording: Recording,
    kind: RecordingKind,
  ) {
    if (recording.header.kind !== kind) {
      throw new CxlNvmeError('USAGE', `recording holds '${recording.header.kind}' exchanges, not '${kind}'`, { kind: recording.header.kind });
    }
    const h = recording.header;
    this.info = { kind: 'replay', device: h.device, ...(h.maxPayload !== undefined ? { maxPayload: h.maxPayload } : {}) };
  }

  /** Exchanges not yet replayed. */
  get remaining(): number {
    return this.recording.entries.length - this.next;
  }

  /** Throw TRANSPORT_REPLAY_MISMATCH unless every recorded exchange was requested. */
  assertDone(): void {
    if (this.remaining > 0) {
      const e = this.recording.entries[this.next]!;
      throw new CxlNvmeError('TRANSPORT_REPLAY_MISMATCH', `${this.remaining} recorded exchange(s) never requested, starting with #${e.i} (line ${e.line})`, {
        index: e.i,
        line: e.line,
        remaining: this.remaining,
      });
    }
  }

  protected take(actualHex: string): RecordingEntry & { line: number } {
    const e = this.recording.entries[this.next];
    if (!e) {
      throw new CxlNvmeError('TRANSPORT_REPLAY_MISMATCH', `request #${this.next} is past the end of the recording (${this.recording.entries.length} exchanges): ${actualHex}`, {
        index: this.next,
        actual: actualHex,
      });
    }
    return e;
  }

  protected mismatchKind(e: RecordingEntry & { line: number }, recorded: string, asked: string): CxlNvmeError {
    return new CxlNvmeError('TRANSPORT_REPLAY_MISMATCH', `exchange #${e.i} (line ${e.line}): the recording has ${recorded} here, the caller asked for ${asked}`, {
      index: e.i,
      line: e.line,
    });
  }

  protected mismatch(e: RecordingEntry & { line: number }, what: string, expected: Uint8Array, actual: Uint8Array, pos: number): CxlNvmeError {
    const exp = toHex(expected);
    const act = toHex(actual);
    const at = (b: Uint8Array): string => (pos < b.length ? `${b[pos]!.toString(16).padStart(2, '0')}h` : 'end');
    return new CxlNvmeError(
      'TRANSPORT_REPLAY_MISMATCH',
      `exchange #${e.i} (line ${e.line}): ${what} differs at byte ${pos}: expected ${at(expected)}, got ${at(actual)}\n  expected ${exp}\n  actual   ${act}\n           ${' '.repeat(pos * 2)}^^`,
      { index: e.i, line: e.line, position: pos, expected: exp, actual: act },
    );
  }

  protected deliver<T>(make: () => T, options: SubmitOptions): Promise<T> {
    const device = this.info.device;
    if (this.closed) return Promise.reject(new CxlNvmeError('TRANSPORT_CLOSED', `replay of ${device} is closed`, { device }));
    if (options.signal?.aborted) return Promise.reject(new CxlNvmeError('TRANSPORT_ABORTED', 'aborted before sending', { device }));
    let value: T;
    try {
      value = make();
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<T>((resolve, reject) => {
      const onClose = (e: CxlNvmeError): void => reject(e);
      this.inFlight.add(onClose);
      queueMicrotask(() => {
        if (!this.inFlight.delete(onClose)) return;
        if (options.signal?.aborted) reject(new CxlNvmeError('TRANSPORT_ABORTED', 'request aborted', { device }));
        else resolve(value);
      });
    });
  }

  protected replayError(e: RecordingEntry): CxlNvmeError {
    return new CxlNvmeError(e.error!.code as ErrorCode, e.error!.message, { replayed: true, index: e.i });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new CxlNvmeError('TRANSPORT_CLOSED', `replay of ${this.info.device} closed`, { device: this.info.device });
    for (const f of [...this.inFlight]) f(err);
    this.inFlight.clear();
  }
}

/** Answers CXL requests from a recording. */
export class ReplayCxlTransport extends Replayer implements CxlTransport {
  constructor(recording: Recording | string) {
    super(source(recording), 'cxl');
  }

  submit(request: Uint8Array, options: CxlSubmitOptions = {}): Promise<Uint8Array> {
    return this.deliver(() => {
      const e = this.take(toHex(request));
      const expected = fromHex(e.req as string)!;
      const pos = firstDifference(expected, request, e.mask);
      if (pos >= 0) throw this.mismatch(e, 'request', expected, request, pos);
      if ((e.fmApi ?? false) !== (options.fmApi ?? false)) {
        throw new CxlNvmeError('TRANSPORT_REPLAY_MISMATCH', `exchange #${e.i} (line ${e.line}): recorded on the ${e.fmApi ? 'FM-API' : 'CCI'} channel, requested on the ${options.fmApi ? 'FM-API' : 'CCI'} channel`, {
          index: e.i,
          line: e.line,
        });
      }
      this.next++;
      if (e.error) throw this.replayError(e);
      return fromHex(e.rep as string)!;
    }, options);
  }
}

/** Answers NVMe-MI MCTP messages from a recording. */
export class ReplayMctpTransport extends Replayer implements MctpMessageTransport {
  constructor(recording: Recording | string) {
    super(source(recording), 'mctp');
  }

  exchange(message: Uint8Array, options: SubmitOptions = {}): Promise<Uint8Array> {
    return this.deliver(() => {
      const e = this.take(toHex(message));
      if (e.receive) throw this.mismatchKind(e, 'a receive() (a wait after More Processing Required)', 'an exchange');
      const expected = fromHex(e.req as string)!;
      const pos = firstDifference(expected, message, e.mask);
      if (pos >= 0) throw this.mismatch(e, 'message', expected, message, pos);
      this.next++;
      if (e.error) throw this.replayError(e);
      return fromHex(e.rep as string)!;
    }, options);
  }

  /** The recorded further reply of a More Processing Required exchange. */
  receive(options: SubmitOptions = {}): Promise<Uint8Array> {
    return this.deliver(() => {
      const e = this.take('(receive)');
      if (!e.receive) throw this.mismatchKind(e, 'an exchange', 'a receive()');
      this.next++;
      if (e.error) throw this.replayError(e);
      return fromHex(e.rep as string)!;
    }, options);
  }
}

/** Answers NVMe commands from a recording: every command field and the data must match. */
export class ReplayNvmeTransport extends Replayer implements NvmeTransport {
  constructor(recording: Recording | string) {
    super(source(recording), 'nvme');
  }

  submit(command: NvmeCommand, options: SubmitOptions = {}): Promise<NvmeCompletion> {
    return this.deliver(() => {
      const actual = recordNvmeCommand(command);
      const e = this.take(JSON.stringify(actual));
      const want = e.req as RecordedNvmeCommand;
      for (const k of ['queue', 'opcode', 'flags', 'nsid', 'cdw2', 'cdw3', 'cdw10', 'cdw11', 'cdw12', 'cdw13', 'cdw14', 'cdw15', 'dataLength', 'metadataLength'] as const) {
        if ((want[k] ?? 0) !== (actual[k] ?? 0)) {
          throw new CxlNvmeError(
            'TRANSPORT_REPLAY_MISMATCH',
            `exchange #${e.i} (line ${e.line}): NVMe ${actual.name} differs in ${k}: expected ${JSON.stringify(want[k])}, got ${JSON.stringify(actual[k])}`,
            { index: e.i, line: e.line, field: k, expected: want[k], actual: actual[k] },
          );
        }
      }
      const wantData = fromHex(want.data ?? '')!;
      const gotData = command.data ?? new Uint8Array(0);
      const pos = firstDifference(wantData, gotData, e.mask);
      if (pos >= 0) throw this.mismatch(e, `NVMe ${actual.name} data`, wantData, gotData, pos);
      this.next++;
      if (e.error) throw this.replayError(e);
      const rep = e.rep as RecordedNvmeCompletion;
      return {
        result: BigInt(rep.result),
        status: rep.status,
        ...(rep.data !== undefined ? { data: fromHex(rep.data)! } : {}),
        ...(rep.metadata !== undefined ? { metadata: fromHex(rep.metadata)! } : {}),
      };
    }, options);
  }
}

/** A replay transport of the recording's own kind. */
export function openReplay(recording: Recording | string): ReplayCxlTransport | ReplayNvmeTransport | ReplayMctpTransport {
  const r = source(recording);
  switch (r.header.kind) {
    case 'cxl':
      return new ReplayCxlTransport(r);
    case 'nvme':
      return new ReplayNvmeTransport(r);
    default:
      return new ReplayMctpTransport(r);
  }
}
