/**
 * The common part of every simulated CXL component: a CCI responder (CXL r3.1 §7.6.3 Figure 7-19
 * messages in, response messages out) behind the CxlTransport contract, with
 *
 * - command dispatch by opcode, request payload checks from the command's table row (no request
 *   struct: empty; fixed struct: exact size; variable struct: its own counts) answering Invalid
 *   Payload Length (16h), and unknown opcodes answering Unsupported (03h);
 * - the channel rule of CXL r3.1 §7.6.7: FM-API command sets 51h-56h only on the FM-API channel,
 *   memory-device command sets 40h-48h only on the CCI channel, otherwise Unsupported Mailbox or
 *   CCI (15h); tunnelled messages (§7.6.7.3.1) reach the target's CCI and may carry either;
 * - one background operation at a time (§8.2.9.1.2 Background Operation Status, §8.2.9.1.5
 *   Request Abort Background Operation), progressing per status poll or with the clock;
 * - the Command Effects Log (§8.2.9.5.2.1), listing exactly the opcodes registered;
 * - timestamps (§8.2.9.4) that advance with the simulator clock;
 * - event logs (§8.2.9.2) with handles, overflow and in-order clearing;
 * - injected faults: an opcode answered with a given return code.
 *
 * Every payload is encoded and decoded with the library's own table codecs (the command registry
 * in src/protocol/cxl/registry.ts); nothing here loads native code.
 */
import { type eventLog, eventRecordUuids, logUuids } from '../../../spec-tables/cxl/generic.js';
import { CxlNvmeError } from '../../errors.js';
import { CCI_HEADER_SIZE, type CciMessage, decodeMessage, encodeMessage } from '../../protocol/cxl/messages.js';
import { type CommandEntry, commandsByOpcode, hex4, isFmApiOpcode, returnCodeValue } from '../../protocol/cxl/registry.js';
import { opcodeOf } from '../../protocol/cxl/request.js';
import type { Codec } from '../../structs/index.js';
import { codecs } from '../../structs/index.js';
import type { CxlSubmitOptions, CxlTransport, TransportInfo } from '../types.js';
import { type SimClock, createClock } from './clock.js';

/** Return codes (CXL r3.1 §8.2.9.1 Table 8-34), by name from the return-code table. */
export const RC = {
  success: returnCodeValue('success'),
  backgroundCommandStarted: returnCodeValue('backgroundCommandStarted'),
  invalidInput: returnCodeValue('invalidInput'),
  unsupported: returnCodeValue('unsupported'),
  internalError: returnCodeValue('internalError'),
  retryRequired: returnCodeValue('retryRequired'),
  busy: returnCodeValue('busy'),
  mediaDisabled: returnCodeValue('mediaDisabled'),
  fwTransferInProgress: returnCodeValue('fwTransferInProgress'),
  fwTransferOutOfOrder: returnCodeValue('fwTransferOutOfOrder'),
  fwVerificationFailed: returnCodeValue('fwVerificationFailed'),
  invalidSlot: returnCodeValue('invalidSlot'),
  invalidHandle: returnCodeValue('invalidHandle'),
  invalidPhysicalAddress: returnCodeValue('invalidPhysicalAddress'),
  injectPoisonLimitReached: returnCodeValue('injectPoisonLimitReached'),
  aborted: returnCodeValue('aborted'),
  invalidSecurityState: returnCodeValue('invalidSecurityState'),
  incorrectPassphrase: returnCodeValue('incorrectPassphrase'),
  unsupportedMailboxOrCci: returnCodeValue('unsupportedMailboxOrCci'),
  invalidPayloadLength: returnCodeValue('invalidPayloadLength'),
  invalidLog: returnCodeValue('invalidLog'),
  unsupportedFeatureVersion: returnCodeValue('unsupportedFeatureVersion'),
  unsupportedFeatureSelectionValue: returnCodeValue('unsupportedFeatureSelectionValue'),
  featureTransferInProgress: returnCodeValue('featureTransferInProgress'),
  featureTransferOutOfOrder: returnCodeValue('featureTransferOutOfOrder'),
  resourcesExhausted: returnCodeValue('resourcesExhausted'),
  invalidExtentList: returnCodeValue('invalidExtentList'),
  requestAbortNotSupported: returnCodeValue('requestAbortNotSupported'),
} as const;

/** Command Effect bits of a CEL entry (CXL r3.1 §8.2.9.5.2.1 Table 8-66). */
export const EFFECT = {
  configChangeAfterColdReset: 1 << 0,
  immediateConfigChange: 1 << 1,
  immediateDataChange: 1 << 2,
  immediatePolicyChange: 1 << 3,
  immediateLogChange: 1 << 4,
  securityStateChange: 1 << 5,
  backgroundOperation: 1 << 6,
  secondaryMailboxSupported: 1 << 7,
  requestAbortSupported: 1 << 8,
} as const;

/** What a handler answers: a return code (default success) and a payload (default none). */
export interface CciReply {
  readonly rc?: number;
  readonly payload?: Uint8Array;
  readonly vendorExtStatus?: number;
}

/** A request as a handler sees it. */
export interface CciRequest {
  readonly message: CciMessage;
  readonly opcode: number;
  readonly payload: Uint8Array;
  /** The decoded request struct (table codec), or undefined when the command has none. */
  readonly fields: Record<string, unknown>;
  readonly channel: CciChannel;
}

/** 'cci' (MCTP type 08h / mailbox), 'fmApi' (MCTP type 07h), 'tunnel' (delivered by a Tunnel Management Command). */
export type CciChannel = 'cci' | 'fmApi' | 'tunnel';

export interface SimCommand {
  /** Table command name (spec-tables/cxl): gives the opcode and the request/response codecs. */
  readonly name: string;
  /**
   * For framing that is not a table row (Tunnel Management 5300h): the opcode. The handler then
   * gets `fields` empty and checks the payload itself.
   */
  readonly opcode?: number;
  readonly handler: (req: CciRequest) => CciReply;
  /** CEL Command Effect bits. */
  readonly effects?: number;
  /** Refused with Busy (06h) while a sanitize / secure erase runs (media access). */
  readonly media?: boolean;
}

export interface InjectedFault {
  readonly opcode: number;
  readonly returnCode: number;
  readonly vendorExtStatus?: number;
  /** How many times to answer with the fault (default: every time). */
  readonly times?: number;
}

/** How a background operation advances. */
export type BackgroundProgress =
  /** `step` percent per Background Operation Status poll (default 25). */
  | { readonly mode: 'poll'; readonly step?: number }
  /** Linear over `durationMs` of the simulator clock. */
  | { readonly mode: 'time'; readonly durationMs: number }
  /** Finishes before the reply to the command that started it (still answers 01h). */
  | { readonly mode: 'instant' };

export interface SimCciOptions {
  /** Name used in `info.device` ('sim:<name>'). */
  readonly name?: string;
  readonly vendorId?: number;
  readonly deviceId?: number;
  readonly subsysVendorId?: number;
  readonly subsysId?: number;
  readonly serial?: bigint | number | string;
  /** Identify Max Message Size n: messages up to 2^n bytes (8..20, default 11 = 2048, QEMU's mailbox). */
  readonly maxMsgSizeLog2?: number;
  readonly clock?: SimClock | 'real' | 'manual';
  readonly background?: BackgroundProgress;
  readonly faults?: readonly InjectedFault[];
  /** Event log capacity per log (records), default 32. */
  readonly eventLogSize?: number;
}

interface BgOp {
  readonly opcode: number;
  readonly abortable: boolean;
  readonly startedAt: number;
  percent: number;
  done: boolean;
  rc: number;
  readonly finish: () => number;
}

export type EventLogName = (typeof eventLog)[keyof typeof eventLog];
/** Commands that erase media (CXL r3.1 §8.2.9.9.5): busy while a sanitize runs. */
const SANITIZE_OPCODES = new Set(['memdevSanitize', 'memdevSecureErase', 'memdevMediaOperationsSanitize'].map(opcodeOf));

const EVENT_LOGS: readonly EventLogName[] = ['informational', 'warning', 'failure', 'fatal', 'dynamicCapacity'];

/** One queued event record, before encoding. */
export interface SimEventRecord {
  readonly uuid: string;
  readonly severity?: 'informational' | 'warning' | 'failure' | 'fatal';
  readonly maintenanceNeeded?: boolean;
  readonly performanceDegraded?: boolean;
  readonly hardwareReplacementNeeded?: boolean;
  /** The 80-byte event-specific part (shorter is zero-padded). */
  readonly data?: Uint8Array;
}

interface StoredEvent {
  readonly handle: number;
  readonly bytes: Uint8Array;
}

interface EventLogState {
  records: StoredEvent[];
  overflowCount: number;
  firstOverflow: bigint;
  lastOverflow: bigint;
}

function toBigSerial(v: bigint | number | string | undefined, fallback: bigint): bigint {
  if (v === undefined) return fallback;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  return BigInt(v.startsWith('0x') ? v : `0x${v}`);
}

function reject(code: 'TRANSPORT_CLOSED' | 'TRANSPORT_ABORTED' | 'TRANSPORT_PROTOCOL', message: string, device: string): Promise<never> {
  return Promise.reject(new CxlNvmeError(code, message, { device }));
}

/** The base of SimCxlType3, SimCxlSwitch and the simulated MLD. */
export abstract class SimCciDevice implements CxlTransport {
  readonly info: TransportInfo;
  readonly clock: SimClock;
  protected readonly opts: SimCciOptions;
  protected readonly handlers = new Map<number, SimCommand>();
  protected readonly faults: { opcode: number; returnCode: number; vendorExtStatus: number; left: number }[] = [];
  protected bg: BgOp | undefined;
  protected readonly backgroundProgress: BackgroundProgress;
  private closed = false;
  private timestampBase: bigint | undefined;
  private timestampSetAt = 0;
  protected readonly eventLogs = new Map<EventLogName, EventLogState>();
  private nextHandle = 1;
  /** Every request handled (opcode and channel), for tests. */
  readonly log: { opcode: number; channel: CciChannel; returnCode: number }[] = [];

  constructor(opts: SimCciOptions, defaultName: string) {
    this.opts = opts;
    this.info = { kind: 'simulator', device: `sim:${opts.name ?? defaultName}`, maxPayload: this.maxPayload };
    this.clock = typeof opts.clock === 'object' ? opts.clock : createClock(opts.clock ?? 'real');
    this.backgroundProgress = opts.background ?? { mode: 'poll', step: 25 };
    for (const f of opts.faults ?? []) this.injectFault(f);
    for (const l of EVENT_LOGS) this.eventLogs.set(l, { records: [], overflowCount: 0, firstOverflow: 0n, lastOverflow: 0n });
    this.registerGeneric();
  }

  /** Largest payload in a message: 2^n minus the 12-byte header. */
  get maxPayload(): number {
    return 2 ** (this.opts.maxMsgSizeLog2 ?? 11) - CCI_HEADER_SIZE;
  }

  /** Serial number reported by Identify. */
  get serial(): bigint {
    return toBigSerial(this.opts.serial, 0x1234_5678n);
  }

  // --- the transport contract -------------------------------------------------------------------

  submit(request: Uint8Array, options: CxlSubmitOptions = {}): Promise<Uint8Array> {
    const device = this.info.device;
    if (this.closed) return reject('TRANSPORT_CLOSED', `${device} is closed`, device);
    if (options.signal?.aborted) return reject('TRANSPORT_ABORTED', 'aborted before sending', device);
    if (request.length < CCI_HEADER_SIZE) {
      return reject('TRANSPORT_PROTOCOL', `CCI request of ${request.length} bytes is shorter than the 12-byte header`, device);
    }
    let reply: Uint8Array;
    try {
      reply = this.handleMessage(request.slice(), options.fmApi ? 'fmApi' : 'cci');
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, rejectP) => {
      queueMicrotask(() => {
        if (this.closed) rejectP(new CxlNvmeError('TRANSPORT_CLOSED', `${device} closed while the command was in flight`, { device }));
        else if (options.signal?.aborted) rejectP(new CxlNvmeError('TRANSPORT_ABORTED', 'request aborted', { device }));
        else resolve(reply);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // --- dispatch ---------------------------------------------------------------------------------

  /** Handle one whole request message synchronously and return the whole response message. */
  handleMessage(request: Uint8Array, channel: CciChannel): Uint8Array {
    const msg = decodeMessage(request);
    const answer = (r: CciReply): Uint8Array => {
      const rc = r.rc ?? RC.success;
      this.log.push({ opcode: msg.opcode, channel, returnCode: rc });
      return encodeMessage({
        category: 'response',
        tag: msg.tag,
        opcode: msg.opcode,
        // Error replies carry no payload (CXL r3.1 §8.2.9.1).
        payload: rc === RC.success ? r.payload : undefined,
        returnCode: rc,
        vendorExtStatus: r.vendorExtStatus ?? 0,
        bo: rc === RC.backgroundCommandStarted,
      });
    };
    this.tick();
    if (msg.category !== 'request') return answer({ rc: RC.invalidInput });
    if (msg.payloadLength !== msg.payload.length || msg.payload.length > this.maxPayload) {
      return answer({ rc: RC.invalidPayloadLength });
    }
    const fault = this.faults.find((f) => f.opcode === msg.opcode && f.left !== 0);
    if (fault) {
      if (fault.left > 0) fault.left--;
      return answer({ rc: fault.returnCode, vendorExtStatus: fault.vendorExtStatus });
    }
    const cmd = this.handlers.get(msg.opcode);
    if (!cmd) return answer({ rc: RC.unsupported });
    if (!this.channelAllows(msg.opcode, channel)) return answer({ rc: RC.unsupportedMailboxOrCci });
    if (cmd.media && this.bg && !this.bg.done && this.isSanitizeOpcode(this.bg.opcode)) return answer({ rc: RC.busy });
    const fields = cmd.opcode !== undefined ? {} : decodeRequest(entryFor(cmd.name), msg.payload);
    if (fields === undefined) return answer({ rc: RC.invalidPayloadLength });
    return answer(cmd.handler({ message: msg, opcode: msg.opcode, payload: msg.payload, fields, channel }));
  }

  /** CXL r3.1 §7.6.7: FM-API sets only on the FM-API channel, memory-device sets only on the CCI. */
  protected channelAllows(opcode: number, channel: CciChannel): boolean {
    if (channel === 'tunnel') return true;
    const set = opcode >>> 8;
    if (isFmApiOpcode(opcode)) return channel === 'fmApi';
    if (set >= 0x40 && set <= 0x48) return channel === 'cci';
    return true;
  }

  protected isSanitizeOpcode(opcode: number): boolean {
    return SANITIZE_OPCODES.has(opcode);
  }

  protected register(...cmds: SimCommand[]): void {
    for (const c of cmds) this.handlers.set(c.opcode ?? entryFor(c.name).opcode, c);
  }

  /** Opcodes this device implements, ascending (what its CEL lists). */
  get supportedOpcodes(): number[] {
    return [...this.handlers.keys()].sort((a, b) => a - b);
  }

  // --- faults -------------------------------------------------------------------------------------

  /** Answer `opcode` with `returnCode` (every time, or `times` times). */
  injectFault(f: InjectedFault): void {
    this.faults.push({ opcode: f.opcode, returnCode: f.returnCode, vendorExtStatus: f.vendorExtStatus ?? 0, left: f.times ?? -1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  // --- background operations (CXL r3.1 §8.2.9.1.2, §8.2.9.1.5) ----------------------------------

  /**
   * Start a background operation; `finish` runs when it reaches 100% and returns its return code.
   * Returns the reply for the starting command: Background Command Started (01h), or Busy (06h)
   * when another one is running.
   */
  protected startBackground(opcode: number, finish: () => number, abortable: boolean): CciReply {
    if (this.bg && !this.bg.done) return { rc: RC.busy };
    this.bg = { opcode, abortable, startedAt: this.clock.now(), percent: 0, done: false, rc: RC.success, finish };
    if (this.backgroundProgress.mode === 'instant') this.completeBackground();
    return { rc: RC.backgroundCommandStarted };
  }

  /** True while a background operation runs. */
  get backgroundBusy(): boolean {
    return this.bg !== undefined && !this.bg.done;
  }

  /** Finish the running background operation now. */
  completeBackground(): void {
    const op = this.bg;
    if (!op || op.done) return;
    op.percent = 100;
    op.done = true;
    op.rc = op.finish();
  }

  /** Advance time-based progress. */
  protected tick(): void {
    const op = this.bg;
    const p = this.backgroundProgress;
    if (!op || op.done || p.mode !== 'time') return;
    const pct = p.durationMs <= 0 ? 100 : Math.floor(((this.clock.now() - op.startedAt) * 100) / p.durationMs);
    if (pct >= 100) this.completeBackground();
    else op.percent = Math.max(op.percent, pct);
  }

  /** CXL r3.1 §8.2.9.1.2 Table 8-37. In 'poll' mode each poll first advances the operation. */
  private bgStatus(): CciReply {
    const op = this.bg;
    const p = this.backgroundProgress;
    if (op && !op.done && p.mode === 'poll') {
      const next = op.percent + (p.step ?? 25);
      if (next >= 100) this.completeBackground();
      else op.percent = next;
    }
    return {
      payload: codecs.bgOpStatusRsp.encode({
        status: { inProgress: op !== undefined && !op.done, percentComplete: op?.percent ?? 0 },
        opcode: op?.opcode ?? 0,
        returncode: op?.done ? op.rc : 0,
      }),
    };
  }

  private bgAbort(): CciReply {
    const op = this.bg;
    if (!op || op.done) return {};
    if (!op.abortable) return { rc: RC.requestAbortNotSupported };
    op.done = true;
    op.rc = RC.aborted;
    this.onAborted(op.opcode, op.percent);
    return {};
  }

  /** Hook: a background operation was aborted at `percent`. */
  protected onAborted(_opcode: number, _percent: number): void {}

  // --- timestamp (CXL r3.1 §8.2.9.4) ----------------------------------------------------------------

  /** The device timestamp in ns since the epoch: 0 until set, then advancing with the clock. */
  get timestampNs(): bigint {
    if (this.timestampBase === undefined) return 0n;
    return this.timestampBase + BigInt(Math.round((this.clock.now() - this.timestampSetAt) * 1e6));
  }

  setTimestamp(ns: bigint): void {
    this.timestampBase = ns;
    this.timestampSetAt = this.clock.now();
  }

  // --- event logs (CXL r3.1 §8.2.9.2) -------------------------------------------------------------

  /** Capacity of each event log in records. */
  get eventLogSize(): number {
    return this.opts.eventLogSize ?? 32;
  }

  /** Append an event record to a log (overflowing when full); returns its handle. */
  addEvent(log: EventLogName, ev: SimEventRecord): number {
    const state = this.eventLogs.get(log)!;
    const now = this.timestampNs;
    if (state.records.length >= this.eventLogSize) {
      if (state.overflowCount === 0) state.firstOverflow = now;
      state.overflowCount = Math.min(0xffff, state.overflowCount + 1);
      state.lastOverflow = now;
      return 0;
    }
    const handle = this.nextHandle;
    this.nextHandle = this.nextHandle >= 0xffff ? 1 : this.nextHandle + 1;
    const data = new Uint8Array(80);
    if (ev.data) data.set(ev.data.subarray(0, 80));
    const severity = ev.severity ?? (log === 'dynamicCapacity' ? 'informational' : log);
    const bytes = codecs.eventRecord.encode({
      uuid: ev.uuid,
      length: 128,
      flags: {
        severity,
        maintenanceNeeded: ev.maintenanceNeeded ?? false,
        performanceDegraded: ev.performanceDegraded ?? false,
        hardwareReplacementNeeded: ev.hardwareReplacementNeeded ?? false,
      },
      handle,
      timestamp: now,
      data,
    });
    state.records.push({ handle, bytes });
    return handle;
  }

  /** Records currently held in a log (handles, oldest first). */
  eventHandles(log: EventLogName): number[] {
    return this.eventLogs.get(log)!.records.map((r) => r.handle);
  }

  private getEventRecords(req: CciRequest): CciReply {
    const log = req.fields.eventLog;
    if (typeof log !== 'string' || !this.eventLogs.has(log as EventLogName)) return { rc: RC.invalidInput };
    const state = this.eventLogs.get(log as EventLogName)!;
    const fit = Math.max(1, Math.floor((this.maxPayload - 32) / 128));
    const out = state.records.slice(0, fit);
    const payload = codecs.getEventRecordsRsp.encode({
      flags: { overflow: state.overflowCount > 0, moreRecords: state.records.length > out.length },
      overflowErrCount: state.overflowCount,
      firstOverflowTimestamp: state.firstOverflow,
      lastOverflowTimestamp: state.lastOverflow,
      records: out.map((r) => codecs.eventRecord.decode(r.bytes)),
    });
    return { payload };
  }

  /** CXL r3.1 §8.2.9.2.3: handles must be the oldest records, in order; all or nothing. */
  private clearEventRecords(req: CciRequest): CciReply {
    const f = req.fields as { eventLog: unknown; clearFlags: { clearAllEvents: boolean }; nrRecs: number; handles: number[] };
    if (typeof f.eventLog !== 'string' || !this.eventLogs.has(f.eventLog as EventLogName)) return { rc: RC.invalidInput };
    const state = this.eventLogs.get(f.eventLog as EventLogName)!;
    if (f.clearFlags.clearAllEvents) {
      if (f.nrRecs !== 0) return { rc: RC.invalidInput };
      state.records = [];
    } else {
      if (f.nrRecs === 0) return { rc: RC.invalidInput };
      for (let i = 0; i < f.handles.length; i++) {
        if (state.records[i]?.handle !== f.handles[i]) return { rc: RC.invalidHandle };
      }
      state.records = state.records.slice(f.handles.length);
    }
    if (state.records.length === 0) {
      state.overflowCount = 0;
      state.firstOverflow = 0n;
      state.lastOverflow = 0n;
    }
    return {};
  }

  // --- logs (CXL r3.1 §8.2.9.5) ---------------------------------------------------------------------

  /** The CEL: one 4-byte entry per implemented opcode (§8.2.9.5.2.1 Table 8-65). */
  celBytes(): Uint8Array {
    const ops = this.supportedOpcodes;
    const out = new Uint8Array(ops.length * 4);
    const dv = new DataView(out.buffer);
    ops.forEach((op, i) => {
      dv.setUint16(i * 4, op, true);
      dv.setUint16(i * 4 + 2, this.handlers.get(op)!.effects ?? 0, true);
    });
    return out;
  }

  /** Logs this device offers: uuid -> contents. Subclasses may add (vendor debug ...). */
  protected logs(): Map<string, Uint8Array> {
    return new Map([[logUuids.cel, this.celBytes()]]);
  }

  private getLog(req: CciRequest): CciReply {
    const f = req.fields as { uuid: string; offset: number; length: number };
    const log = this.logs().get(f.uuid);
    if (!log) return { rc: RC.invalidLog };
    if (f.length > this.maxPayload || f.offset + f.length > log.length) return { rc: RC.invalidInput };
    return { payload: log.slice(f.offset, f.offset + f.length) };
  }

  // --- identify and the generic set ---------------------------------------------------------------

  /** Identify component type (CXL r3.1 §8.2.9.1.1 Table 8-38). */
  protected abstract readonly componentType: 'switch' | 'type3';

  private registerGeneric(): void {
    this.register(
      {
        name: 'identify',
        handler: () => ({
          payload: codecs.identifyRsp.encode({
            vendorId: this.opts.vendorId ?? 0x8086,
            deviceId: this.opts.deviceId ?? 0x0d93,
            subsysVendorId: this.opts.subsysVendorId ?? 0,
            subsysId: this.opts.subsysId ?? 0,
            serialNum: this.serial,
            maxMsgSize: this.opts.maxMsgSizeLog2 ?? 11,
            componentType: this.componentType,
          }),
        }),
      },
      { name: 'bgOpStatus', handler: () => this.bgStatus() },
      { name: 'requestBgOpAbort', handler: () => this.bgAbort() },
      { name: 'getEventRecords', handler: (r) => this.getEventRecords(r) },
      { name: 'clearEventRecords', handler: (r) => this.clearEventRecords(r), effects: EFFECT.immediateLogChange },
      { name: 'getTimestamp', handler: () => ({ payload: codecs.getTimestampRsp.encode({ timestamp: this.timestampNs }) }) },
      {
        name: 'setTimestamp',
        effects: EFFECT.immediatePolicyChange,
        handler: (r) => {
          this.setTimestamp(r.fields.timestamp as bigint);
          return {};
        },
      },
      {
        name: 'getSupportedLogs',
        handler: () => ({
          payload: codecs.getSupportedLogsRsp.encode({
            entries: [...this.logs()].map(([uuid, b]) => ({ uuid, logSize: b.length })),
          }),
        }),
      },
      { name: 'getLog', handler: (r) => this.getLog(r) },
    );
  }

  /** Event record UUIDs, re-exported for subclasses and tests. */
  static readonly eventUuids = eventRecordUuids;
}

// --- helpers ---------------------------------------------------------------------------------------

const byName = new Map<string, CommandEntry>();
for (const list of commandsByOpcode.values()) for (const e of list) byName.set(e.name, e);

/** The registry entry of a table command (throws for a name the tables do not have). */
export function entryFor(name: string): CommandEntry {
  const e = byName.get(name);
  if (!e) throw new CxlNvmeError('CXL_UNKNOWN_COMMAND', `simulator: no CXL command named '${name}' in the tables`, { name });
  return e;
}

/** Decode a request payload against the table row; undefined when its length is wrong. */
function decodeRequest(entry: CommandEntry, payload: Uint8Array): Record<string, unknown> | undefined {
  const c = entry.request;
  if (!c) return payload.length === 0 ? {} : undefined;
  if (payload.length < c.def.size) return undefined;
  const last = c.def.fields[c.def.fields.length - 1];
  const variable = last?.type === 'flex';
  if (!variable && payload.length !== c.def.size) return undefined;
  try {
    const v = c.decode(payload, 0);
    if (c.sizeOf(v) !== payload.length) return undefined;
    return v;
  } catch {
    return undefined;
  }
}

/** The response codec of a table command. */
export function responseCodec(name: string): Codec<Record<string, unknown>, Record<string, unknown>> {
  const c = entryFor(name).response;
  if (!c) throw new CxlNvmeError('CXL_UNKNOWN_COMMAND', `simulator: ${name} has no response struct`, { name });
  return c;
}

export { hex4 };
