/**
 * SimNvmeController: an NVMe I/O controller behind the NvmeTransport contract (NvmeCommand in,
 * NvmeCompletion out), with namespaces backed by memory. Namespace data lives in 64 KiB pages
 * allocated on first write, so a large namespace costs only what is written.
 *
 * Admin (NVMe Base 2.0c §5): Identify (CNS 00h namespace, 01h controller, 02h active namespace
 * list, 03h namespace identification descriptors, 10h allocated namespace list, 11h allocated
 * namespace, 12h controllers attached to a namespace, 13h controllers in the subsystem), Get Log
 * Page (01h error information, 02h SMART / health, 03h firmware slot, 05h commands supported and
 * effects, 06h device self-test, 81h sanitize status), Get / Set Features (select current /
 * default / saved / supported capabilities; save where the feature is saveable), Format NVM
 * (changes the LBA format, erases), Sanitize (§5.24: block erase, crypto erase, overwrite,
 * No-Deallocate After Sanitize, exit failure mode), Firmware Image Download / Commit (§5.12, §5.13:
 * slots, commit actions 0-3, activation at reset or immediately), Device Self-test (§5.9: short,
 * extended, abort), Namespace Management (§5.23: create, delete) and Namespace Attachment (§5.22:
 * attach, detach). I/O (NVM Command Set 1.0c §3): Flush, Write, Read, Compare, Write Zeroes,
 * Dataset Management (deallocate).
 *
 * Sanitize and device self-test run in the background (like the CXL simulator's background
 * operations): `operations` says whether they advance per log read ('poll'), with the simulator
 * clock ('time') or finish at once ('instant'). While a sanitize runs, commands other than those
 * NVMe Base 2.0c §8.21 allows complete with Sanitize In Progress (0/1Dh).
 *
 * Errors carry the status codes of NVMe Base 2.0c §4.2.3, looked up by name in the status table.
 * Every structure is encoded with the table codecs. `onEvent` reports what an NVMe-MI Management
 * Endpoint latches in its Composite Controller Status (namespace attribute changed, firmware
 * activated, controller reset).
 */
import { statusCodes } from '../../../spec-tables/nvme/status.js';
import { CxlNvmeError } from '../../errors.js';
import type { NvmeCommand, NvmeCompletion } from '../../protocol/nvme/command-types.js';
import { ADMIN, CNS, LID, NVM } from '../../protocol/nvme/constants.js';
import { crc32c } from '../../protocol/nvme/crc32c.js';
import { codecs } from '../../structs/index.js';
import type { NvmeTransport, SubmitOptions, TransportInfo } from '../types.js';
import { type SimClock, createClock } from './clock.js';

const PAGE = 65536;
const NSID_ALL = 0xffffffff;

function status(name: string): number {
  const row = statusCodes.find((r) => r.name === name);
  if (!row) throw new CxlNvmeError('USAGE', `simulator: no NVMe status named '${name}'`, { name });
  return (row.sct << 8) | row.sc;
}

/** NVMe status values used by the simulator (15-bit Status Field, no DNR). */
export const NVME_STATUS = {
  success: 0,
  invalidOpcode: status('invalidOpcode'),
  invalidField: status('invalidField'),
  invalidNs: status('invalidNs'),
  lbaRange: status('lbaRange'),
  invalidLogPage: status('invalidLogPage'),
  invalidFormat: status('invalidFormat'),
  featureNotSaveable: status('featureNotSaveable'),
  compareFailed: status('compareFailed'),
  internal: status('internal'),
  cmdSeqError: status('cmdSeqError'),
  sanitizeFailed: status('sanitizeFailed'),
  sanitizeInProgress: status('sanitizeInProgress'),
  firmwareSlot: status('firmwareSlot'),
  firmwareImage: status('firmwareImage'),
  fwNeedsReset: status('fwNeedsReset'),
  overlappingRange: status('overlappingRange'),
  nsInsufficientCap: status('nsInsufficientCap'),
  nsIdUnavailable: status('nsIdUnavailable'),
  nsAlreadyAttached: status('nsAlreadyAttached'),
  nsNotAttached: status('nsNotAttached'),
  thinProvNotSupp: status('thinProvNotSupp'),
  ctrlListInvalid: status('ctrlListInvalid'),
  selfTestInProgress: status('selfTestInProgress'),
  iocsNotSupported: status('iocsNotSupported'),
} as const;

/** How sanitize and device self-test advance (the CXL simulator's background modes). */
export type SimOperationProgress =
  /** `step` percent per read of the operation's log page (Sanitize Status, Device Self-test); default 25. */
  | { readonly mode: 'poll'; readonly step?: number }
  /** Linear over `durationMs` of the simulator clock. */
  | { readonly mode: 'time'; readonly durationMs: number }
  /** Done before the command that starts it completes. */
  | { readonly mode: 'instant' };

/** Sanitize actions of SANICAP (NVMe Base 2.0c Figure 275 bytes 331:328). */
export type SimSanitizeAction = 'blockErase' | 'overwrite' | 'cryptoErase';

/** What a Management Endpoint latches in Composite Controller Status (NVMe-MI 1.2 §5.6). */
export type SimNvmeEvent = 'namespaceAttributeChanged' | 'firmwareActivated' | 'reset' | 'sanitizeStarted';

/** A self-test segment failure to report (Device Self-test log, NVMe Base 2.0c §5.16.1.7). */
export interface SimSelfTestFailure {
  readonly segment: number;
  readonly nsid?: number;
  readonly lba?: bigint;
}

/** LBA format: data size 2^ds bytes, `ms` metadata bytes (NVM Command Set 1.0c Figure 98). */
export interface SimLbaFormat {
  readonly ds: number;
  readonly ms?: number;
}

export interface SimNamespaceOptions {
  /** Default: 1, 2, ... in order. */
  readonly nsid?: number;
  /** Size in bytes (the namespace keeps it across formats). */
  readonly sizeBytes: bigint | number;
  /** Index into the controller's LBA formats. Default 0. */
  readonly lbaFormat?: number;
}

export interface NvmeFault {
  readonly opcode: number;
  readonly queue?: 'admin' | 'io';
  /** 15-bit status to complete with. */
  readonly status: number;
  readonly times?: number;
}

export interface SimNvmeControllerOptions {
  readonly name?: string;
  readonly serial?: string;
  readonly model?: string;
  readonly firmware?: string;
  readonly vid?: number;
  readonly cntlid?: number;
  /** Supported LBA formats. Default: 512 B and 4096 B, no metadata. */
  readonly lbaFormats?: readonly SimLbaFormat[];
  readonly namespaces?: readonly SimNamespaceOptions[];
  /** Composite temperature in kelvin. Default 308 (35 °C). */
  readonly temperatureK?: number;
  readonly clock?: SimClock | 'real' | 'manual';
  readonly faults?: readonly NvmeFault[];
  /** Number of Namespaces (Identify NN): the largest NSID. Default max(16, highest configured). */
  readonly maxNamespaces?: number;
  /** Total NVM capacity in bytes (TNVMCAP). Default: the configured namespaces plus 4 GiB. */
  readonly capacityBytes?: bigint | number;
  /** Firmware slots 1-7 (FRMW). Default 3; slot 1 is read-only and holds `firmware`. */
  readonly fwSlots?: number;
  /** Firmware Update Granularity in 4 KiB units (FWUG); 0xFF = no restriction (default). */
  readonly fwUpdateGranularity?: number;
  /** FRMW bit 4: Commit Action 011b activates without a reset. Default true. */
  readonly fwActivateWithoutReset?: boolean;
  /** Sanitize actions supported. Default all three. */
  readonly sanitizeActions?: readonly SimSanitizeAction[];
  /** SANICAP No-Deallocate Inhibited: No-Deallocate After Sanitize is refused. Default false. */
  readonly noDeallocateInhibited?: boolean;
  /** How sanitize and self-test progress. Default { mode: 'poll', step: 25 }. */
  readonly operations?: SimOperationProgress;
}

class Namespace {
  readonly pages = new Map<number, Uint8Array>();
  /**
   * What unwritten blocks read as: 0 (deallocated, DLFEAT 001b) or, after a sanitize with
   * No-Deallocate After Sanitize, the 32-bit pattern the sanitize action left on the media.
   */
  fill = 0;
  constructor(
    readonly nsid: number,
    readonly sizeBytes: bigint,
    public lbaf: number,
  ) {}

  private blank(): Uint8Array {
    const page = new Uint8Array(PAGE);
    if (this.fill !== 0) {
      const dv = new DataView(page.buffer);
      for (let i = 0; i < PAGE; i += 4) dv.setUint32(i, this.fill, true);
    }
    return page;
  }

  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const at = offset + done;
      const p = Math.floor(at / PAGE);
      const inPage = at % PAGE;
      const n = Math.min(PAGE - inPage, length - done);
      const page = this.pages.get(p) ?? (this.fill !== 0 ? this.blank() : undefined);
      if (page) out.set(page.subarray(inPage, inPage + n), done);
      done += n;
    }
    return out;
  }

  write(offset: number, data: Uint8Array | undefined, length = data?.length ?? 0): void {
    let done = 0;
    while (done < length) {
      const at = offset + done;
      const p = Math.floor(at / PAGE);
      const inPage = at % PAGE;
      const n = Math.min(PAGE - inPage, length - done);
      let page = this.pages.get(p);
      if (data) {
        if (!page) {
          page = this.blank();
          this.pages.set(p, page);
        }
        page.set(data.subarray(done, done + n), inPage);
      } else if (page) {
        if (n === PAGE && this.fill === 0) this.pages.delete(p);
        else page.fill(0, inPage, inPage + n);
      } else if (this.fill !== 0) {
        page = this.blank();
        page.fill(0, inPage, inPage + n);
        this.pages.set(p, page);
      }
      done += n;
    }
  }

  /** Forget every block: they read as `fill` again. */
  erase(fill = 0): void {
    this.pages.clear();
    this.fill = fill >>> 0;
  }

  /** Bytes allocated in memory. */
  get allocatedBytes(): number {
    return this.pages.size * PAGE;
  }
}

interface FeatureDef {
  readonly fid: number;
  readonly def: number;
  readonly saveable: boolean;
  readonly changeable: boolean;
  readonly nsSpecific?: boolean;
}

/** Dword-valued features (NVMe Base 2.0c §5.27.1): default values. */
const FEATURES: readonly FeatureDef[] = [
  { fid: 0x01, def: 0x00000003, saveable: true, changeable: true }, // Arbitration
  { fid: 0x02, def: 0, saveable: true, changeable: true }, // Power Management
  { fid: 0x05, def: 0, saveable: true, changeable: true }, // Error Recovery
  { fid: 0x06, def: 1, saveable: true, changeable: true }, // Volatile Write Cache (enabled)
  { fid: 0x07, def: 0x003f003f, saveable: false, changeable: true }, // Number of Queues (64/64, 0-based)
  { fid: 0x08, def: 0, saveable: true, changeable: true }, // Interrupt Coalescing
  { fid: 0x0b, def: 0, saveable: true, changeable: true }, // Asynchronous Event Configuration
];

interface ErrorEntry {
  readonly count: bigint;
  readonly status: number;
  readonly opcode: number;
  readonly nsid: number;
  readonly lba: bigint;
}

/**
 * Commands Supported and Effects entry bits (NVMe Base 2.0c §5.16.1.6 Figure 210): CSUPP, LBCC
 * (logical block content change), NCC (namespace capability change), NIC (namespace inventory
 * change), CCC (controller capability change), CSE 18:16 (1: no other command to the same
 * namespace at the same time, 2: to any namespace).
 */
const CSUPP = 1 << 0;
const LBCC = 1 << 1;
const NCC = 1 << 2;
const NIC = 1 << 3;
const CCC = 1 << 4;
const CSE_ANY_NS = 2 << 16;

/** Admin commands the simulator implements, with their effects. */
export const SIM_ADMIN_EFFECTS: ReadonlyMap<number, number> = new Map([
  [0x02, CSUPP], // Get Log Page
  [0x06, CSUPP], // Identify
  [0x09, CSUPP], // Set Features
  [0x0a, CSUPP], // Get Features
  [0x0d, CSUPP | NIC | CCC | CSE_ANY_NS], // Namespace Management
  [0x10, CSUPP | CCC], // Firmware Commit (activation changes what Identify reports)
  [0x11, CSUPP], // Firmware Image Download
  [0x14, CSUPP], // Device Self-test
  [0x15, CSUPP | NIC | CCC], // Namespace Attachment
  [0x80, CSUPP | LBCC | NCC | CSE_ANY_NS], // Format NVM
  [0x84, CSUPP | LBCC | NCC | CSE_ANY_NS], // Sanitize
]);

/** NVM I/O commands the simulator implements, with their effects. */
export const SIM_IO_EFFECTS: ReadonlyMap<number, number> = new Map([
  [0x00, CSUPP], // Flush
  [0x01, CSUPP | LBCC], // Write
  [0x02, CSUPP], // Read
  [0x05, CSUPP], // Compare
  [0x08, CSUPP | LBCC], // Write Zeroes
  [0x09, CSUPP | LBCC], // Dataset Management
]);

/**
 * Admin commands allowed while a sanitize runs (NVMe Base 2.0c §8.21): Get Log Page, Identify,
 * Get / Set Features. Every other command completes with Sanitize In Progress; of the I/O
 * commands only Flush (it touches no user data) runs.
 */
const ALLOWED_DURING_SANITIZE = new Set([0x02, 0x06, 0x09, 0x0a]);

const SANACT = { exitFailureMode: 1, blockErase: 2, overwrite: 3, cryptoErase: 4 } as const;
/** Sanitize Status (SSTAT bits 2:0, Sanitize Status log page). */
const SSTAT = { never: 0, success: 1, inProgress: 2, failed: 3 } as const;
/** What blocks read as after a sanitize with No-Deallocate After Sanitize (vendor specific; the simulator's choice). */
const NODEALLOC_FILL = { blockErase: 0xffffffff, cryptoErase: 0x5a5a5a5a } as const;

interface SanitizeState {
  status: number;
  cdw10: number;
  passes: number;
  globalDataErased: boolean;
  /** Running operation. */
  op?: { action: number; startedAt: number; percent: number; ndas: boolean; ause: boolean; pattern: number; oipbp: boolean; owpass: number; fail: boolean };
  /** The last sanitize failed: only Sanitize may run until a sanitize succeeds or failure mode is exited. */
  failureMode: boolean;
  /** AUSE of the failed operation (exit failure mode allowed). */
  unrestrictedExit: boolean;
}

interface SelfTestResult {
  readonly result: number;
  readonly stc: number;
  readonly seg: number;
  readonly poh: bigint;
  readonly nsid: number;
  readonly flba: bigint;
  readonly nsidValid: boolean;
  readonly flbaValid: boolean;
}

/** Device Self-test Status result codes (NVMe Base 2.0c Figure 215). */
const DST = { ok: 0, abortedByCommand: 1, abortedByReset: 2, abortedByNsRemoval: 3, abortedByFormat: 4, segmentFailed: 7, abortedBySanitize: 9 } as const;

export class SimNvmeController implements NvmeTransport {
  readonly info: TransportInfo;
  readonly clock: SimClock;
  readonly lbaFormats: readonly SimLbaFormat[];
  private readonly opts: SimNvmeControllerOptions;
  /** Allocated namespaces (NVM subsystem). */
  private readonly namespaces = new Map<number, Namespace>();
  /** Namespaces attached to this controller (the active ones). */
  private readonly attached = new Set<number>();
  private readonly faults: { opcode: number; queue: 'admin' | 'io' | undefined; status: number; left: number }[] = [];
  private closed = false;
  private readonly current = new Map<number, number>();
  private readonly saved = new Map<number, number>();
  /** Temperature thresholds: key `${tmpsel}:${thsel}` (NVMe Base 2.0c §5.27.1.3). */
  private readonly tempThresh = new Map<string, number>();
  private readonly savedTempThresh = new Map<string, number>();
  private temperatureK: number;
  private readonly startedAt: number;
  private timestamp: { base: bigint; at: number } | undefined;
  private readonly smart = { unitsRead: 0n, unitsWritten: 0n, bytesRead: 0n, bytesWritten: 0n, hostReads: 0n, hostWrites: 0n, mediaErrors: 0n, powerCycles: 1n, unsafeShutdowns: 0n, percentUsed: 0, availSpare: 100 };
  private errorCount = 0n;
  private readonly errors: ErrorEntry[] = [];
  private readonly nn: number;
  private readonly capacity: bigint;
  private readonly progress: SimOperationProgress;
  // firmware
  private readonly fwSlots: (string | undefined)[];
  private activeSlot = 1;
  private nextResetSlot = 0;
  private fwImage: { parts: Map<number, Uint8Array> } | undefined;
  // sanitize
  private readonly san: SanitizeState = { status: SSTAT.never, cdw10: 0, passes: 0, globalDataErased: false, failureMode: false, unrestrictedExit: false };
  private failNextSanitizeFlag = false;
  // device self-test
  private dst: { stc: number; nsid: number; startedAt: number; percent: number; fail?: SimSelfTestFailure } | undefined;
  private readonly dstResults: SelfTestResult[] = [];
  private nextSelfTestFailure: SimSelfTestFailure | undefined;
  private readonly listeners: ((e: SimNvmeEvent) => void)[] = [];
  /** Every command handled, for tests. */
  readonly log: { name: string; opcode: number; queue: string; status: number }[] = [];

  constructor(options: SimNvmeControllerOptions = {}) {
    this.opts = options;
    this.info = { kind: 'simulator', device: `sim:${options.name ?? 'nvme'}`, maxPayload: 1 << 20 };
    this.clock = typeof options.clock === 'object' ? options.clock : createClock(options.clock ?? 'real');
    this.startedAt = this.clock.now();
    this.lbaFormats = options.lbaFormats ?? [{ ds: 9 }, { ds: 12 }];
    this.temperatureK = options.temperatureK ?? 308;
    this.progress = options.operations ?? { mode: 'poll', step: 25 };
    (options.namespaces ?? [{ sizeBytes: 1 << 30 }]).forEach((n, i) => {
      const nsid = n.nsid ?? i + 1;
      const lbaf = n.lbaFormat ?? 0;
      if (!this.lbaFormats[lbaf]) throw new CxlNvmeError('USAGE', `namespace ${nsid}: no LBA format ${lbaf}`, { nsid, lbaf });
      if (this.namespaces.has(nsid) || nsid < 1 || nsid === NSID_ALL) throw new CxlNvmeError('USAGE', `namespace id ${nsid} is invalid or repeated`, { nsid });
      this.namespaces.set(nsid, new Namespace(nsid, BigInt(n.sizeBytes), lbaf));
      this.attached.add(nsid);
    });
    this.nn = options.maxNamespaces ?? Math.max(16, ...this.namespaces.keys());
    if (this.nn < Math.max(0, ...this.namespaces.keys()) || this.nn >= NSID_ALL - 1) throw new CxlNvmeError('USAGE', `maxNamespaces ${this.nn} is below a configured NSID or too large`, { maxNamespaces: this.nn });
    const used = this.allocatedCapacity();
    this.capacity = options.capacityBytes !== undefined ? BigInt(options.capacityBytes) : used + (4n << 30n);
    if (this.capacity < used) throw new CxlNvmeError('USAGE', `capacityBytes ${this.capacity} is below the configured namespaces (${used})`, { capacityBytes: this.capacity });
    const slots = options.fwSlots ?? 3;
    if (!Number.isInteger(slots) || slots < 1 || slots > 7) throw new CxlNvmeError('USAGE', `fwSlots must be 1..7, got ${slots}`, { fwSlots: slots });
    this.fwSlots = Array.from({ length: slots }, (_, i) => (i === 0 ? (options.firmware ?? '1.0') : undefined));
    for (const f of FEATURES) this.current.set(f.fid, f.def);
    this.tempThresh.set('0:0', 343); // Composite over-temperature threshold = WCTEMP
    for (const f of options.faults ?? []) this.injectFault(f);
  }

  // --- the transport contract ---------------------------------------------------------------------

  submit(command: NvmeCommand, options: SubmitOptions = {}): Promise<NvmeCompletion> {
    const device = this.info.device;
    if (this.closed) return Promise.reject(new CxlNvmeError('TRANSPORT_CLOSED', `${device} is closed`, { device }));
    if (options.signal?.aborted) return Promise.reject(new CxlNvmeError('TRANSPORT_ABORTED', 'aborted before sending', { device }));
    let done: NvmeCompletion;
    try {
      done = this.execute(command);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      queueMicrotask(() => {
        if (this.closed) reject(new CxlNvmeError('TRANSPORT_CLOSED', `${device} closed while the command was in flight`, { device }));
        else if (options.signal?.aborted) reject(new CxlNvmeError('TRANSPORT_ABORTED', 'request aborted', { device }));
        else resolve(done);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  // --- test controls ------------------------------------------------------------------------------

  injectFault(f: NvmeFault): void {
    this.faults.push({ opcode: f.opcode, queue: f.queue, status: f.status, left: f.times ?? -1 });
  }

  setTemperature(kelvin: number): void {
    this.temperatureK = kelvin;
  }

  /** Set Percentage Used and Available Spare of the SMART log. */
  setWear(a: { percentUsed?: number; availSpare?: number }): void {
    if (a.percentUsed !== undefined) this.smart.percentUsed = Math.max(0, Math.min(255, Math.round(a.percentUsed)));
    if (a.availSpare !== undefined) this.smart.availSpare = Math.max(0, Math.min(100, Math.round(a.availSpare)));
  }

  /** The next sanitize operation fails (Sanitize Status 011b; the controller enters failure mode). */
  failNextSanitize(): void {
    this.failNextSanitizeFlag = true;
  }

  /** The next device self-test fails in `segment` (result 7h, Segment Failed). */
  failNextSelfTest(f: SimSelfTestFailure): void {
    this.nextSelfTestFailure = f;
  }

  /** Finish a running sanitize or self-test now. */
  completeOperations(): void {
    if (this.san.op) this.finishSanitize();
    if (this.dst) this.finishSelfTest(this.dst.fail ? DST.segmentFailed : DST.ok);
  }

  /** Listen for what an NVMe-MI Management Endpoint latches in Composite Controller Status. */
  onEvent(listener: (e: SimNvmeEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(e: SimNvmeEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Bytes of namespace memory actually allocated. */
  allocatedBytes(nsid: number): number {
    return this.namespaces.get(nsid)?.allocatedBytes ?? 0;
  }

  /** Active (attached) namespace ids. */
  get nsids(): number[] {
    return [...this.attached].sort((a, b) => a - b);
  }

  /** Allocated namespace ids (attached or not). */
  get allocatedNsids(): number[] {
    return [...this.namespaces.keys()].sort((a, b) => a - b);
  }

  /** Controller ID (CNTLID). */
  get cntlid(): number {
    return this.opts.cntlid ?? 1;
  }

  /** The running firmware revision. */
  get firmwareRevision(): string {
    return this.fwSlots[this.activeSlot - 1] ?? '';
  }

  /** LBA data size of a namespace in bytes. */
  lbaSize(nsid: number): number {
    const ns = this.namespaces.get(nsid);
    if (!ns) throw new CxlNvmeError('USAGE', `no namespace ${nsid}`, { nsid });
    return 2 ** this.lbaFormats[ns.lbaf]!.ds;
  }

  /**
   * Health as an NVMe-MI Management Endpoint reads it (NVMe-MI 1.2 §5.6): composite temperature
   * in kelvin, the SMART Critical Warning byte, Percentage Used, and whether the controller is in
   * sanitize failure mode.
   */
  health(): { temperatureK: number; criticalWarning: number; percentUsed: number; availSpare: number; sanitizeFailed: boolean } {
    return {
      temperatureK: this.temperatureK,
      criticalWarning: codecs.smartLog.encode(this.smartLog())[0]!,
      percentUsed: this.smart.percentUsed,
      availSpare: this.smart.availSpare,
      sanitizeFailed: this.san.failureMode,
    };
  }

  // --- execution ----------------------------------------------------------------------------------

  /** Run one command synchronously. */
  execute(c: NvmeCommand): NvmeCompletion {
    this.tick();
    const fault = this.faults.find((f) => f.opcode === c.opcode && (f.queue === undefined || f.queue === c.queue) && f.left !== 0);
    let out: NvmeCompletion;
    if (fault) {
      if (fault.left > 0) fault.left--;
      out = { result: 0n, status: fault.status };
    } else {
      out = this.gate(c) ?? (c.queue === 'admin' ? this.admin(c) : this.io(c));
    }
    if (out.status !== 0) this.recordError(c, out.status);
    this.log.push({ name: c.name, opcode: c.opcode, queue: c.queue, status: out.status });
    // A read-direction command always returns exactly dataLength bytes (zeros on error).
    if ((c.direction === 'fromDevice' || c.direction === 'bidirectional') && c.dataLength > 0) {
      const data = new Uint8Array(c.dataLength);
      if (out.data) data.set(out.data.subarray(0, c.dataLength));
      return { ...out, data };
    }
    return out;
  }

  /** Sanitize restrictions (NVMe Base 2.0c §8.21): in progress, or failed and not yet recovered. */
  private gate(c: NvmeCommand): NvmeCompletion | undefined {
    const known = c.queue === 'admin' ? SIM_ADMIN_EFFECTS.has(c.opcode) : SIM_IO_EFFECTS.has(c.opcode);
    if (!known) return undefined; // Invalid Command Opcode wins
    if (this.san.op) {
      const allowed = c.queue === 'admin' ? ALLOWED_DURING_SANITIZE.has(c.opcode) : c.opcode === 0x00;
      return allowed ? undefined : this.fail(NVME_STATUS.sanitizeInProgress);
    }
    if (this.san.failureMode) {
      const allowed = c.queue === 'admin' ? ALLOWED_DURING_SANITIZE.has(c.opcode) || c.opcode === 0x84 : c.opcode === 0x00;
      return allowed ? undefined : this.fail(NVME_STATUS.sanitizeFailed);
    }
    return undefined;
  }

  private recordError(c: NvmeCommand, st: number): void {
    this.errorCount++;
    const lba = c.queue === 'io' ? (BigInt(c.cdw11 >>> 0) << 32n) | BigInt(c.cdw10 >>> 0) : 0n;
    this.errors.unshift({ count: this.errorCount, status: st, opcode: c.opcode, nsid: c.nsid, lba });
    if (this.errors.length > 64) this.errors.length = 64;
  }

  private fail(st: number): NvmeCompletion {
    return { result: 0n, status: st };
  }

  private ok(data?: Uint8Array, result = 0n): NvmeCompletion {
    return data ? { result, status: 0, data } : { result, status: 0 };
  }

  private admin(c: NvmeCommand): NvmeCompletion {
    switch (c.opcode) {
      case ADMIN.identify:
        return this.identify(c);
      case ADMIN.getLogPage:
        return this.getLogPage(c);
      case ADMIN.setFeatures:
        return this.setFeatures(c);
      case ADMIN.getFeatures:
        return this.getFeatures(c);
      case ADMIN.nsMgmt:
        return this.nsManagement(c);
      case ADMIN.fwCommit:
        return this.fwCommit(c);
      case ADMIN.fwDownload:
        return this.fwDownload(c);
      case ADMIN.devSelfTest:
        return this.selfTest(c);
      case ADMIN.nsAttach:
        return this.nsAttachment(c);
      case ADMIN.formatNvm:
        return this.format(c);
      case ADMIN.sanitizeNvm:
        return this.sanitize(c);
      default:
        return this.fail(NVME_STATUS.invalidOpcode);
    }
  }

  // Identify (NVMe Base 2.0c §5.17)
  private identify(c: NvmeCommand): NvmeCompletion {
    const cns = c.cdw10 & 0xff;
    const cntid = c.cdw10 >>> 16;
    const validNsid = (n: number) => n >= 1 && n <= this.nn;
    const nsList = (ids: number[]) => {
      const ns = new Array<number>(1024).fill(0);
      ids
        .filter((n) => n > c.nsid)
        .slice(0, 1024)
        .forEach((n, i) => {
          ns[i] = n;
        });
      return this.ok(codecs.nsList.encode({ ns }));
    };
    const ctrlList = (ids: number[]) => this.ok(codecs.ctrlList.encode({ identifier: ids.filter((x) => x >= cntid) }));
    switch (cns) {
      case CNS.ns: {
        // Active namespace: an allocated but unattached (inactive) NSID reads as zeroes.
        if (!validNsid(c.nsid)) return this.fail(NVME_STATUS.invalidNs);
        const ns = this.attached.has(c.nsid) ? this.namespaces.get(c.nsid) : undefined;
        return this.ok(ns ? codecs.idNs.encode(this.idNs(ns)) : new Uint8Array(4096));
      }
      case CNS.ctrl:
        return this.ok(codecs.idCtrl.encode(this.idCtrl()));
      case CNS.nsActiveList:
        if (c.nsid >= 0xfffffffe) return this.fail(NVME_STATUS.invalidNs);
        return nsList(this.nsids);
      case CNS.nsDescList: {
        const ns = this.attached.has(c.nsid) ? this.namespaces.get(c.nsid) : undefined;
        if (!ns) return this.fail(NVME_STATUS.invalidNs);
        const parts = [
          codecs.nsIdDesc.encode({ nidt: 'eui64', nid: this.eui64(ns.nsid) }),
          codecs.nsIdDesc.encode({ nidt: 'nguid', nid: this.nguid(ns.nsid) }),
          codecs.nsIdDesc.encode({ nidt: 'csi', nid: new Uint8Array([0]) }),
        ];
        const out = new Uint8Array(4096);
        let at = 0;
        for (const p of parts) {
          out.set(p, at);
          at += p.length;
        }
        return this.ok(out);
      }
      case CNS.allocatedNsList: // Allocated Namespace ID list
        if (c.nsid >= 0xfffffffe) return this.fail(NVME_STATUS.invalidNs);
        return nsList(this.allocatedNsids);
      case CNS.allocatedNs: {
        // Identify Namespace of an allocated NSID (attached or not); unallocated reads as zeroes.
        if (!validNsid(c.nsid)) return this.fail(NVME_STATUS.invalidNs);
        const ns = this.namespaces.get(c.nsid);
        return this.ok(ns ? codecs.idNs.encode(this.idNs(ns)) : new Uint8Array(4096));
      }
      case CNS.nsCtrlList: // Controllers attached to the namespace
        if (!validNsid(c.nsid)) return this.fail(NVME_STATUS.invalidNs);
        return ctrlList(this.attached.has(c.nsid) ? [this.cntlid] : []);
      case CNS.ctrlList: // Controllers in the NVM subsystem
        return ctrlList([this.cntlid]);
      default:
        return this.fail(NVME_STATUS.invalidField);
    }
  }

  private eui64(nsid: number): Uint8Array {
    const b = new Uint8Array(8);
    b.set([0x00, 0x25, 0x38], 0); // an IEEE OUI-style prefix
    new DataView(b.buffer).setUint32(4, nsid);
    return b;
  }

  private nguid(nsid: number): Uint8Array {
    const b = new Uint8Array(16);
    const serial = new TextEncoder().encode(this.opts.serial ?? 'SIMNVME0001');
    b.set(serial.subarray(0, 12));
    new DataView(b.buffer).setUint32(12, nsid);
    return b;
  }

  private allocatedCapacity(): bigint {
    return [...this.namespaces.values()].reduce((n, ns) => n + ns.sizeBytes, 0n);
  }

  private get sanitizeActions(): readonly SimSanitizeAction[] {
    return this.opts.sanitizeActions ?? ['blockErase', 'overwrite', 'cryptoErase'];
  }

  private idCtrl(): Record<string, unknown> {
    const acts = this.sanitizeActions;
    const fwug = this.opts.fwUpdateGranularity ?? 0xff;
    const edsttMin = this.progress.mode === 'time' ? Math.max(1, Math.ceil(this.progress.durationMs / 60_000)) : 1;
    return {
      vid: this.opts.vid ?? 0x1b36,
      ssvid: this.opts.vid ?? 0x1af4,
      sn: this.opts.serial ?? 'SIMNVME0001',
      mn: this.opts.model ?? 'cxl-nvme simulated controller',
      fr: this.firmwareRevision,
      rab: 6,
      ieee: 0x525400,
      mdts: 7,
      cntlid: this.cntlid,
      ver: 0x00020000,
      cntrltype: 'io',
      // Format NVM, Firmware Download/Commit, Namespace Management, Device Self-test (Figure 275 OACS)
      oacs: (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4),
      acl: 3,
      aerl: 3,
      // FRMW: slot 1 read-only, number of slots, activation without reset
      frmw: 1 | (this.fwSlots.length << 1) | ((this.opts.fwActivateWithoutReset ?? true) ? 1 << 4 : 0),
      // LPA: Commands Supported and Effects log (bit 1), extended data for Get Log Page (bit 2)
      lpa: (1 << 1) | (1 << 2),
      elpe: 63,
      wctemp: 343,
      cctemp: 373,
      mtfa: 0,
      edstt: edsttMin,
      dsto: 1, // one device self-test at a time in the NVM subsystem
      fwug,
      tnvmcap: this.capacity,
      unvmcap: this.capacity - this.allocatedCapacity(),
      // SANICAP: CES bit 0, BES bit 1, OWS bit 2, NDI bit 29
      sanicap:
        (acts.includes('cryptoErase') ? 1 : 0) |
        (acts.includes('blockErase') ? 2 : 0) |
        (acts.includes('overwrite') ? 4 : 0) |
        (this.opts.noDeallocateInhibited ? 1 << 29 : 0),
      sqes: 0x66,
      cqes: 0x44,
      nn: this.nn,
      // Compare, Dataset Management, Write Zeroes, Save/Select, Timestamp (§5.17.2.1 Figure 275 ONCS)
      oncs: (1 << 0) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 6),
      fna: 0,
      vwc: 1,
      subnqn: `nqn.2014-08.org.nvmexpress:uuid:sim-${this.opts.serial ?? 'SIMNVME0001'}`,
      psd: [{ mp: 2500, enlat: 0, exlat: 0 }],
    };
  }

  private idNs(ns: Namespace): Record<string, unknown> {
    const size = 2 ** this.lbaFormats[ns.lbaf]!.ds;
    const nsze = ns.sizeBytes / BigInt(size);
    const used = BigInt(Math.ceil(ns.allocatedBytes / size));
    return {
      nsze,
      ncap: nsze,
      nuse: ns.fill !== 0 ? nsze : used > nsze ? nsze : used,
      nsfeat: 0,
      nlbaf: this.lbaFormats.length - 1,
      flbas: { lbafLo: ns.lbaf & 0xf, lbafHi: ns.lbaf >> 4 },
      dlfeat: 1, // deallocated blocks read as zeroes
      nvmcap: ns.sizeBytes,
      nguid: this.nguid(ns.nsid),
      eui64: this.eui64(ns.nsid),
      lbaf: this.lbaFormats.map((f) => ({ ms: f.ms ?? 0, ds: f.ds, rp: { rp: 'best' } })),
    };
  }

  // Get Log Page (NVMe Base 2.0c §5.16)
  private getLogPage(c: NvmeCommand): NvmeCompletion {
    const lid = c.cdw10 & 0xff;
    const offset = Number((BigInt(c.cdw13 >>> 0) << 32n) | BigInt(c.cdw12 >>> 0));
    const ot = (c.cdw14 & 0x800000) !== 0;
    let page: Uint8Array;
    switch (lid) {
      case LID.error:
        page = this.errorLog();
        break;
      case LID.smart:
        if (c.nsid !== NSID_ALL && c.nsid !== 0 && !this.attached.has(c.nsid)) return this.fail(NVME_STATUS.invalidNs);
        page = codecs.smartLog.encode(this.smartLog());
        break;
      case LID.fwSlot:
        page = codecs.firmwareSlot.encode({
          afi: { activeSlot: this.activeSlot, nextResetSlot: this.nextResetSlot },
          frs: Array.from({ length: 7 }, (_, i) => this.fwSlots[i] ?? ''),
        });
        break;
      case LID.cmdEffects: {
        // CSI in CDW14 31:24: the NVM command set (00h) lists the I/O commands; others have none.
        const csi = c.cdw14 >>> 24;
        if (csi !== 0 && csi !== 2) return this.fail(NVME_STATUS.invalidField);
        page = this.cmdEffectsLog(csi);
        break;
      }
      case LID.deviceSelfTest:
        this.pollProgress('dst');
        page = this.selfTestLog();
        break;
      case LID.sanitize:
        this.pollProgress('sanitize');
        page = this.sanitizeLog();
        break;
      default:
        return this.fail(NVME_STATUS.invalidLogPage);
    }
    // LPO is a byte offset, dword aligned, within the page (§5.16: Invalid Field otherwise); no
    // page here is a list indexed by the Offset Type.
    if (ot || offset > page.length || offset % 4 !== 0) return this.fail(NVME_STATUS.invalidField);
    return this.ok(page.subarray(offset, offset + c.dataLength));
  }

  private cmdEffectsLog(csi: number): Uint8Array {
    const acs = new Array<number>(256).fill(0);
    const iocs = new Array<number>(256).fill(0);
    for (const [op, e] of SIM_ADMIN_EFFECTS) acs[op] = e;
    if (csi === 0) for (const [op, e] of SIM_IO_EFFECTS) iocs[op] = e;
    return codecs.cmdEffectsLog.encode({ acs, iocs });
  }

  private errorLog(): Uint8Array {
    const out = new Uint8Array(64 * 64);
    this.errors.forEach((e, i) => {
      codecs.errorLogPage.encodeInto(
        { errorCount: e.count, sqid: 0, cmdid: 0, statusField: e.status << 1, parmErrorLocation: 0xffff, lba: e.lba, nsid: e.nsid, opcode: e.opcode },
        out,
        i * 64,
      );
    });
    return out;
  }

  private powerOnHours(): bigint {
    return BigInt(Math.floor((this.clock.now() - this.startedAt) / 3_600_000));
  }

  private smartLog(): Record<string, unknown> {
    const over = this.tempThresh.get('0:0') ?? 343;
    const under = this.tempThresh.get('0:1') ?? 0;
    return {
      criticalWarning: { tempThreshold: this.temperatureK > over || this.temperatureK < under, spare: this.smart.availSpare < 10 },
      temperature: this.temperatureK,
      availSpare: this.smart.availSpare,
      spareThresh: 10,
      percentUsed: this.smart.percentUsed,
      // Data units: thousands of 512-byte units, rounded up (NVMe Base 2.0c §5.16.1.3).
      dataUnitsRead: (this.smart.bytesRead / 512n + 999n) / 1000n,
      dataUnitsWritten: (this.smart.bytesWritten / 512n + 999n) / 1000n,
      hostReads: this.smart.hostReads,
      hostWrites: this.smart.hostWrites,
      powerCycles: this.smart.powerCycles,
      powerOnHours: this.powerOnHours(),
      unsafeShutdowns: this.smart.unsafeShutdowns,
      mediaErrors: this.smart.mediaErrors,
      numErrLogEntries: this.errorCount,
      tempSensor: [this.temperatureK, 0, 0, 0, 0, 0, 0, 0],
    };
  }

  // Features (NVMe Base 2.0c §5.15 Get Features, §5.27 Set Features)
  private getFeatures(c: NvmeCommand): NvmeCompletion {
    const fid = c.cdw10 & 0xff;
    const sel = (c.cdw10 >>> 8) & 0x7;
    if (fid === 0x04) {
      const key = `${(c.cdw11 >>> 16) & 0xf}:${(c.cdw11 >>> 20) & 0x3}`;
      const def = key === '0:0' ? 343 : key === '0:1' ? 0 : 0xffff;
      if (sel === 3) return this.ok(undefined, 0b101n);
      const v = sel === 1 ? def : sel === 2 ? (this.savedTempThresh.get(key) ?? def) : (this.tempThresh.get(key) ?? def);
      return this.ok(undefined, BigInt(v | (c.cdw11 & 0x3f0000)));
    }
    if (fid === 0x0e) {
      if (sel === 3) return this.ok(undefined, 0b100n);
      const data = codecs.timestamp.encode({ timestamp: { ms: this.timestampMs() }, attr: { synch: false, origin: this.timestamp ? 'setFeatures' : 'reset' } });
      return this.ok(data);
    }
    const f = FEATURES.find((x) => x.fid === fid);
    if (!f) return this.fail(NVME_STATUS.invalidField);
    switch (sel) {
      case 0:
        return this.ok(undefined, BigInt(this.current.get(fid) ?? f.def));
      case 1:
        return this.ok(undefined, BigInt(f.def));
      case 2:
        return this.ok(undefined, BigInt(this.saved.get(fid) ?? f.def));
      case 3:
        return this.ok(undefined, BigInt((f.saveable ? 1 : 0) | (f.nsSpecific ? 2 : 0) | (f.changeable ? 4 : 0)));
      default:
        return this.fail(NVME_STATUS.invalidField);
    }
  }

  private timestampMs(): bigint {
    const now = this.clock.now();
    if (!this.timestamp) return BigInt(Math.floor(now - this.startedAt));
    return this.timestamp.base + BigInt(Math.floor(now - this.timestamp.at));
  }

  private setFeatures(c: NvmeCommand): NvmeCompletion {
    const fid = c.cdw10 & 0xff;
    const save = (c.cdw10 & 0x80000000) !== 0;
    if (fid === 0x04) {
      const key = `${(c.cdw11 >>> 16) & 0xf}:${(c.cdw11 >>> 20) & 0x3}`;
      if (((c.cdw11 >>> 20) & 0x3) > 1) return this.fail(NVME_STATUS.invalidField);
      this.tempThresh.set(key, c.cdw11 & 0xffff);
      if (save) this.savedTempThresh.set(key, c.cdw11 & 0xffff);
      return this.ok();
    }
    if (fid === 0x0e) {
      if (save) return this.fail(NVME_STATUS.featureNotSaveable);
      if (!c.data || c.data.length < 8) return this.fail(NVME_STATUS.invalidField);
      const v = codecs.timestamp.decode(c.data);
      this.timestamp = { base: BigInt(v.timestamp.ms), at: this.clock.now() };
      return this.ok();
    }
    const f = FEATURES.find((x) => x.fid === fid);
    if (!f) return this.fail(NVME_STATUS.invalidField);
    if (save && !f.saveable) return this.fail(NVME_STATUS.featureNotSaveable);
    let v = c.cdw11 >>> 0;
    if (fid === 0x07) {
      // Number of Queues: 0xFFFF in either half is invalid; the reply gives what was allocated.
      if ((v & 0xffff) === 0xffff || v >>> 16 === 0xffff) return this.fail(NVME_STATUS.invalidField);
      v = (Math.min(v >>> 16, 63) << 16) | Math.min(v & 0xffff, 63);
      this.current.set(fid, v);
      return this.ok(undefined, BigInt(v >>> 0));
    }
    this.current.set(fid, v);
    if (save) this.saved.set(fid, v);
    return this.ok();
  }

  /**
   * A Controller Level Reset: features return to saved (or default) values, a device self-test is
   * aborted (result 2h), firmware committed for activation at reset becomes the running image
   * (NVMe Base 2.0c §5.12). A sanitize carries on (§8.21).
   */
  reset(): void {
    for (const f of FEATURES) this.current.set(f.fid, this.saved.get(f.fid) ?? f.def);
    this.tempThresh.clear();
    for (const [k, v] of this.savedTempThresh) this.tempThresh.set(k, v);
    if (!this.tempThresh.has('0:0')) this.tempThresh.set('0:0', 343);
    this.smart.powerCycles++;
    if (this.dst) this.finishSelfTest(DST.abortedByReset);
    if (this.nextResetSlot !== 0) {
      this.activeSlot = this.nextResetSlot;
      this.nextResetSlot = 0;
      this.emit('firmwareActivated');
    }
    this.emit('reset');
  }

  // Format NVM (NVMe Base 2.0c §5.23)
  private format(c: NvmeCommand): NvmeCompletion {
    const lbaf = (c.cdw10 & 0xf) | (((c.cdw10 >>> 12) & 0x3) << 4);
    if (!this.lbaFormats[lbaf]) return this.fail(NVME_STATUS.invalidFormat);
    if ((c.cdw10 >>> 5) & 0x7) return this.fail(NVME_STATUS.invalidFormat); // no protection information
    const targets = c.nsid === NSID_ALL ? this.nsids.map((n) => this.namespaces.get(n)) : [this.attached.has(c.nsid) ? this.namespaces.get(c.nsid) : undefined];
    if (targets.some((n) => n === undefined)) return this.fail(NVME_STATUS.invalidNs);
    // A self-test that includes a namespace being formatted is aborted (result 4h).
    if (this.dst && (c.nsid === NSID_ALL || this.dst.nsid === NSID_ALL || this.dst.nsid === c.nsid)) this.finishSelfTest(DST.abortedByFormat);
    for (const ns of targets as Namespace[]) {
      ns.erase();
      ns.lbaf = lbaf;
    }
    return this.ok();
  }

  // --- background operations: sanitize and device self-test ---------------------------------------

  /** Advance time-based progress. */
  private tick(): void {
    const p = this.progress;
    if (p.mode !== 'time') return;
    const pct = (startedAt: number) => (p.durationMs <= 0 ? 100 : Math.floor(((this.clock.now() - startedAt) * 100) / p.durationMs));
    if (this.san.op) {
      const v = pct(this.san.op.startedAt);
      if (v >= 100) this.finishSanitize();
      else this.san.op.percent = Math.max(this.san.op.percent, v);
    }
    if (this.dst) {
      const v = pct(this.dst.startedAt);
      if (v >= 100) this.finishSelfTest(this.dst.fail ? DST.segmentFailed : DST.ok);
      else this.dst.percent = Math.max(this.dst.percent, v);
    }
  }

  /** 'poll' mode: reading an operation's log page advances it by `step` percent. */
  private pollProgress(which: 'sanitize' | 'dst'): void {
    const p = this.progress;
    if (p.mode !== 'poll') return;
    const step = p.step ?? 25;
    if (which === 'sanitize' && this.san.op) {
      this.san.op.percent += step;
      if (this.san.op.percent >= 100) this.finishSanitize();
    }
    if (which === 'dst' && this.dst) {
      this.dst.percent += step;
      if (this.dst.percent >= 100) this.finishSelfTest(this.dst.fail ? DST.segmentFailed : DST.ok);
    }
  }

  // Sanitize (NVMe Base 2.0c §5.24, §8.21)
  private sanitize(c: NvmeCommand): NvmeCompletion {
    const sanact = c.cdw10 & 0x7;
    const ause = (c.cdw10 & 0x8) !== 0;
    const owpass = (c.cdw10 >>> 4) & 0xf;
    const oipbp = (c.cdw10 & 0x100) !== 0;
    const ndas = (c.cdw10 & 0x200) !== 0;
    if (this.san.op) return this.fail(NVME_STATUS.sanitizeInProgress);
    if (sanact === SANACT.exitFailureMode) {
      // Exit Failure Mode: only after a failed sanitize started with AUSE set (§8.21.2);
      // otherwise a sanitize must be run again to recover.
      if (!this.san.failureMode) return this.ok();
      if (!this.san.unrestrictedExit) return this.fail(NVME_STATUS.sanitizeFailed);
      this.san.failureMode = false;
      return this.ok();
    }
    const name = sanact === SANACT.blockErase ? 'blockErase' : sanact === SANACT.overwrite ? 'overwrite' : sanact === SANACT.cryptoErase ? 'cryptoErase' : undefined;
    if (!name || !this.sanitizeActions.includes(name)) return this.fail(NVME_STATUS.invalidField);
    if (ndas && this.opts.noDeallocateInhibited) return this.fail(NVME_STATUS.invalidField);
    // A failed sanitize started with AUSE cleared may only be recovered with the same restriction (§8.21.2).
    if (this.san.failureMode && !this.san.unrestrictedExit && ause) return this.fail(NVME_STATUS.sanitizeFailed);
    if (this.dst) this.finishSelfTest(DST.abortedBySanitize);
    this.san.op = {
      action: sanact,
      startedAt: this.clock.now(),
      percent: 0,
      ndas,
      ause,
      pattern: c.cdw11 >>> 0,
      oipbp,
      owpass: owpass === 0 ? 16 : owpass,
      fail: this.failNextSanitizeFlag,
    };
    this.failNextSanitizeFlag = false;
    this.san.status = SSTAT.inProgress;
    this.san.cdw10 = c.cdw10 >>> 0;
    this.san.passes = 0;
    this.san.globalDataErased = false;
    this.emit('sanitizeStarted');
    if (this.progress.mode === 'instant') this.finishSanitize();
    return this.ok();
  }

  private finishSanitize(): void {
    const op = this.san.op;
    if (!op) return;
    this.san.op = undefined;
    if (op.fail) {
      this.san.status = SSTAT.failed;
      this.san.failureMode = true;
      this.san.unrestrictedExit = op.ause;
      return;
    }
    // Overwrite: the last pass writes the pattern, inverted when OIPBP is set and the pass count is even.
    let fill = 0;
    if (op.ndas) {
      if (op.action === SANACT.overwrite) fill = op.oipbp && op.owpass % 2 === 0 ? ~op.pattern >>> 0 : op.pattern;
      else fill = op.action === SANACT.blockErase ? NODEALLOC_FILL.blockErase : NODEALLOC_FILL.cryptoErase;
    }
    for (const ns of this.namespaces.values()) ns.erase(fill);
    this.san.status = SSTAT.success;
    this.san.passes = op.action === SANACT.overwrite ? op.owpass : 0;
    this.san.globalDataErased = true;
    this.san.failureMode = false;
  }

  private sanitizeLog(): Uint8Array {
    const s = this.san;
    const est = this.progress.mode === 'time' ? Math.ceil(this.progress.durationMs / 1000) : 0xffffffff;
    return codecs.sanitizeLogPage.encode({
      // SPROG: fraction of 65536 complete; FFFFh when no sanitize is in progress (Figure 258).
      sprog: s.op ? Math.min(0xfffe, Math.floor((s.op.percent * 65536) / 100)) : 0xffff,
      sstat: { status: s.status, completedPasses: s.passes, globalDataErased: s.globalDataErased },
      scdw10: s.cdw10,
      eto: this.sanitizeActions.includes('overwrite') ? est : 0xffffffff,
      etbe: this.sanitizeActions.includes('blockErase') ? est : 0xffffffff,
      etce: this.sanitizeActions.includes('cryptoErase') ? est : 0xffffffff,
      etond: this.sanitizeActions.includes('overwrite') ? est : 0xffffffff,
      etbend: this.sanitizeActions.includes('blockErase') ? est : 0xffffffff,
      etcend: this.sanitizeActions.includes('cryptoErase') ? est : 0xffffffff,
      etpvds: 0xffffffff,
    });
  }

  // Device Self-test (NVMe Base 2.0c §5.9)
  private selfTest(c: NvmeCommand): NvmeCompletion {
    const stc = c.cdw10 & 0xf;
    if (stc === 0xf) {
      // Abort: the running test ends with result 1h; nothing running is not an error.
      if (this.dst) this.finishSelfTest(DST.abortedByCommand);
      return this.ok();
    }
    if (stc !== 1 && stc !== 2) return this.fail(NVME_STATUS.invalidField);
    // NSID 0: the controller only; FFFFFFFFh: the controller and every active namespace.
    if (c.nsid !== 0 && c.nsid !== NSID_ALL && !this.attached.has(c.nsid)) return this.fail(NVME_STATUS.invalidNs);
    if (this.dst) return this.fail(NVME_STATUS.selfTestInProgress);
    this.dst = { stc, nsid: c.nsid, startedAt: this.clock.now(), percent: 0, ...(this.nextSelfTestFailure ? { fail: this.nextSelfTestFailure } : {}) };
    this.nextSelfTestFailure = undefined;
    if (this.progress.mode === 'instant') this.finishSelfTest(this.dst.fail ? DST.segmentFailed : DST.ok);
    return this.ok();
  }

  private finishSelfTest(result: number): void {
    const t = this.dst;
    if (!t) return;
    this.dst = undefined;
    const f = result === DST.segmentFailed ? t.fail : undefined;
    this.dstResults.unshift({
      result,
      stc: t.stc,
      seg: f?.segment ?? 0,
      poh: this.powerOnHours(),
      nsid: f?.nsid ?? 0,
      flba: f?.lba ?? 0n,
      nsidValid: f?.nsid !== undefined,
      flbaValid: f?.lba !== undefined,
    });
    if (this.dstResults.length > 20) this.dstResults.length = 20;
  }

  private selfTestLog(): Uint8Array {
    const unused = { dsts: { result: 'unused' as const, stc: 0 } };
    const result = Array.from({ length: 20 }, (_, i) => {
      const r = this.dstResults[i];
      if (!r) return unused;
      return {
        dsts: { result: r.result, stc: r.stc },
        seg: r.seg,
        vdi: { nsidValid: r.nsidValid, flbaValid: r.flbaValid, sctValid: false, scValid: false },
        poh: r.poh,
        nsid: r.nsid,
        flba: r.flba,
      };
    });
    return codecs.selfTestLog.encode({
      currentOperation: { stc: this.dst?.stc ?? 0 },
      completion: { percent: this.dst ? Math.min(99, this.dst.percent) : 0 },
      result,
    });
  }

  // --- firmware (NVMe Base 2.0c §5.12 Firmware Commit, §5.13 Firmware Image Download) -------------

  private fwDownload(c: NvmeCommand): NvmeCompletion {
    const bytes = ((c.cdw10 >>> 0) + 1) * 4;
    const offset = (c.cdw11 >>> 0) * 4;
    if (!c.data || c.data.length !== bytes) return this.fail(NVME_STATUS.invalidField);
    // FWUG (Identify byte 319): offsets and sizes in multiples of the granularity (4 KiB units).
    const g = this.opts.fwUpdateGranularity ?? 0xff;
    if (g !== 0 && g !== 0xff && (offset % (g * 4096) !== 0 || bytes % (g * 4096) !== 0)) return this.fail(NVME_STATUS.invalidField);
    this.fwImage ??= { parts: new Map() };
    for (const [at, part] of this.fwImage.parts) {
      if (offset < at + part.length && at < offset + bytes) return this.fail(NVME_STATUS.overlappingRange);
    }
    this.fwImage.parts.set(offset, c.data.slice());
    return this.ok();
  }

  /** The downloaded image, or undefined when pieces are missing or nothing was downloaded. */
  private assembledImage(): Uint8Array | undefined {
    const parts = [...(this.fwImage?.parts ?? new Map<number, Uint8Array>())].sort((a, b) => a[0] - b[0]);
    if (parts.length === 0 || parts[0]![0] !== 0) return undefined;
    let end = 0;
    for (const [at, p] of parts) {
      if (at !== end) return undefined; // a hole
      end = at + p.length;
    }
    const out = new Uint8Array(end);
    for (const [at, p] of parts) out.set(p, at);
    return out;
  }

  /**
   * The revision of an image (the simulator's image format): its first 8 bytes when they are
   * printable ASCII, else the CRC-32C of the image in hex. An image of only zero bytes is invalid.
   */
  static imageRevision(image: Uint8Array): string | undefined {
    if (image.length === 0 || image.every((b) => b === 0)) return undefined;
    const head = image.subarray(0, 8);
    if (head.length === 8 && head.every((b) => b >= 0x20 && b <= 0x7e)) return new TextDecoder().decode(head).trimEnd();
    return crc32c(image).toString(16).padStart(8, '0');
  }

  private fwCommit(c: NvmeCommand): NvmeCompletion {
    const fs = c.cdw10 & 0x7;
    const ca = (c.cdw10 >>> 3) & 0x7;
    const bpid = (c.cdw10 >>> 31) !== 0;
    // CA 110b / 111b work on boot partitions, which this controller does not have; 100b, 101b reserved.
    if (ca > 3 || bpid) return this.fail(NVME_STATUS.invalidField);
    const n = this.fwSlots.length;
    let slot = fs;
    if (slot === 0) {
      // The controller picks: for a replace, a writable slot that is not running (the first empty one if any).
      if (ca === 2) return this.fail(NVME_STATUS.firmwareSlot);
      const writable = Array.from({ length: n - 1 }, (_, i) => i + 2).filter((s) => s !== this.activeSlot);
      slot = writable.find((s) => this.fwSlots[s - 1] === undefined) ?? writable[0] ?? 0;
      if (slot === 0) return this.fail(NVME_STATUS.firmwareSlot);
    }
    if (slot > n) return this.fail(NVME_STATUS.firmwareSlot);
    if (ca !== 2) {
      if (slot === 1) return this.fail(NVME_STATUS.firmwareSlot); // FRMW bit 0: slot 1 is read-only
      const image = this.assembledImage();
      const rev = image ? SimNvmeController.imageRevision(image) : undefined;
      this.fwImage = undefined; // a commit consumes the download; the next one starts at offset 0
      if (!rev) return this.fail(NVME_STATUS.firmwareImage);
      this.fwSlots[slot - 1] = rev;
    } else if (this.fwSlots[slot - 1] === undefined) {
      return this.fail(NVME_STATUS.firmwareImage);
    }
    if (ca === 0) return this.ok();
    if (ca === 1 || ca === 2) {
      this.nextResetSlot = slot;
      return this.ok();
    }
    // CA 011b: activate now when FRMW bit 4 allows it, else at the next Controller Level Reset.
    if (this.opts.fwActivateWithoutReset ?? true) {
      this.activeSlot = slot;
      this.nextResetSlot = 0;
      this.emit('firmwareActivated');
      return this.ok();
    }
    this.nextResetSlot = slot;
    return this.fail(NVME_STATUS.fwNeedsReset);
  }

  // --- namespace management (NVMe Base 2.0c §5.23) and attachment (§5.22) -----------------------

  private nsManagement(c: NvmeCommand): NvmeCompletion {
    const sel = c.cdw10 & 0xf;
    if (sel === 0) return this.nsCreate(c);
    if (sel === 1) return this.nsDelete(c);
    return this.fail(NVME_STATUS.invalidField);
  }

  private nsCreate(c: NvmeCommand): NvmeCompletion {
    if ((c.cdw11 >>> 24) !== 0) return this.fail(NVME_STATUS.iocsNotSupported); // only the NVM command set
    if (!c.data || c.data.length < 384) return this.fail(NVME_STATUS.invalidField);
    const id = codecs.idNs.decode(c.data);
    const lbaf = id.flbas.lbafLo | (id.flbas.lbafHi << 4);
    const fmt = this.lbaFormats[lbaf];
    if (!fmt) return this.fail(NVME_STATUS.invalidFormat);
    if (id.dps !== 0) return this.fail(NVME_STATUS.invalidFormat); // no protection information
    if (id.nsze === 0n || id.ncap > id.nsze) return this.fail(NVME_STATUS.invalidField);
    if (id.ncap < id.nsze) return this.fail(NVME_STATUS.thinProvNotSupp); // NSFEAT bit 0 is clear
    const bytes = id.nsze * BigInt(2 ** fmt.ds);
    if (bytes > this.capacity - this.allocatedCapacity()) return this.fail(NVME_STATUS.nsInsufficientCap);
    let nsid = 0;
    for (let n = 1; n <= this.nn; n++) {
      if (!this.namespaces.has(n)) {
        nsid = n;
        break;
      }
    }
    if (nsid === 0) return this.fail(NVME_STATUS.nsIdUnavailable);
    // A new namespace is allocated but attached to no controller.
    this.namespaces.set(nsid, new Namespace(nsid, bytes, lbaf));
    return this.ok(undefined, BigInt(nsid));
  }

  private nsDelete(c: NvmeCommand): NvmeCompletion {
    let targets: number[];
    if (c.nsid === NSID_ALL) targets = this.allocatedNsids;
    else if (c.nsid === 0 || c.nsid > this.nn) return this.fail(NVME_STATUS.invalidNs);
    else if (!this.namespaces.has(c.nsid)) return this.fail(NVME_STATUS.invalidField);
    else targets = [c.nsid];
    let changed = false;
    for (const n of targets) {
      if (this.dst && (this.dst.nsid === n || (this.dst.nsid === NSID_ALL && this.attached.has(n)))) this.finishSelfTest(DST.abortedByNsRemoval);
      changed ||= this.attached.delete(n);
      this.namespaces.delete(n);
    }
    if (changed) this.emit('namespaceAttributeChanged');
    return this.ok();
  }

  private nsAttachment(c: NvmeCommand): NvmeCompletion {
    const sel = c.cdw10 & 0xf;
    if (sel > 1) return this.fail(NVME_STATUS.invalidField);
    if (c.nsid === 0 || c.nsid === NSID_ALL) return this.fail(NVME_STATUS.invalidField);
    if (c.nsid > this.nn) return this.fail(NVME_STATUS.invalidNs);
    if (!this.namespaces.has(c.nsid)) return this.fail(NVME_STATUS.invalidField);
    if (!c.data || c.data.length < 2) return this.fail(NVME_STATUS.ctrlListInvalid);
    let ids: number[];
    try {
      ids = codecs.ctrlList.decode(c.data).identifier;
    } catch {
      return this.fail(NVME_STATUS.ctrlListInvalid);
    }
    // This NVM subsystem has one controller: the list must name it, once.
    if (ids.length !== 1 || ids[0] !== this.cntlid) return this.fail(NVME_STATUS.ctrlListInvalid);
    if (sel === 0) {
      if (this.attached.has(c.nsid)) return this.fail(NVME_STATUS.nsAlreadyAttached);
      this.attached.add(c.nsid);
    } else {
      if (!this.attached.has(c.nsid)) return this.fail(NVME_STATUS.nsNotAttached);
      if (this.dst && this.dst.nsid === c.nsid) this.finishSelfTest(DST.abortedByNsRemoval);
      this.attached.delete(c.nsid);
    }
    this.emit('namespaceAttributeChanged');
    return this.ok();
  }

  // --- I/O (NVM Command Set 1.0c §3) ---------------------------------------------------------------

  private io(c: NvmeCommand): NvmeCompletion {
    const ns = this.attached.has(c.nsid) ? this.namespaces.get(c.nsid) : undefined;
    if (!ns) return this.fail(NVME_STATUS.invalidNs);
    const size = 2 ** this.lbaFormats[ns.lbaf]!.ds;
    const nsze = ns.sizeBytes / BigInt(size);
    const slba = (BigInt(c.cdw11 >>> 0) << 32n) | BigInt(c.cdw10 >>> 0);
    const nlb = (c.cdw12 & 0xffff) + 1;
    const range = (): NvmeCompletion | undefined => (slba + BigInt(nlb) > nsze ? this.fail(NVME_STATUS.lbaRange) : undefined);
    const offset = Number(slba) * size;
    const bytes = nlb * size;
    switch (c.opcode) {
      case NVM.flush: // Flush
        return this.ok();
      case NVM.write: {
        // Write
        const bad = range();
        if (bad) return bad;
        if (!c.data || c.data.length !== bytes) return this.fail(NVME_STATUS.invalidField);
        ns.write(offset, c.data);
        this.san.globalDataErased = false;
        this.smart.hostWrites++;
        this.smart.bytesWritten += BigInt(bytes);
        return this.ok();
      }
      case NVM.read: {
        // Read
        const bad = range();
        if (bad) return bad;
        if (c.dataLength !== bytes) return this.fail(NVME_STATUS.invalidField);
        this.smart.hostReads++;
        this.smart.bytesRead += BigInt(bytes);
        return this.ok(ns.read(offset, bytes));
      }
      case NVM.compare: {
        // Compare (NVM Command Set 1.0c §3.2.1)
        const bad = range();
        if (bad) return bad;
        if (!c.data || c.data.length !== bytes) return this.fail(NVME_STATUS.invalidField);
        this.smart.hostReads++;
        this.smart.bytesRead += BigInt(bytes);
        const have = ns.read(offset, bytes);
        for (let i = 0; i < bytes; i++) if (have[i] !== c.data[i]) return this.fail(NVME_STATUS.compareFailed);
        return this.ok();
      }
      case NVM.writeZeroes: {
        // Write Zeroes
        const bad = range();
        if (bad) return bad;
        ns.write(offset, undefined, bytes);
        this.san.globalDataErased = false;
        return this.ok();
      }
      case NVM.dsm: {
        // Dataset Management (§3.2.3): NR+1 ranges; AD (CDW11 bit 2) deallocates.
        const nr = (c.cdw10 & 0xff) + 1;
        if (!c.data || c.data.length < nr * 16) return this.fail(NVME_STATUS.invalidField);
        const ranges = Array.from({ length: nr }, (_, i) => codecs.dsmRange.decode(c.data!, i * 16) as { nlb: number; slba: bigint });
        if (ranges.some((r) => r.slba + BigInt(r.nlb) > nsze)) return this.fail(NVME_STATUS.lbaRange);
        if (c.cdw11 & 0x4) for (const r of ranges) ns.write(Number(r.slba) * size, undefined, r.nlb * size);
        return this.ok();
      }
      default:
        return this.fail(NVME_STATUS.invalidOpcode);
    }
  }
}
