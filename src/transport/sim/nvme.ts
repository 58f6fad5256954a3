/**
 * SimNvmeController: an NVMe I/O controller behind the NvmeTransport contract (NvmeCommand in,
 * NvmeCompletion out), with namespaces backed by memory. Namespace data lives in 64 KiB pages
 * allocated on first write, so a large namespace costs only what is written.
 *
 * Admin (NVMe Base 2.0c §5): Identify (CNS 00h namespace, 01h controller, 02h active namespace
 * list, 03h namespace identification descriptors), Get Log Page (01h error information, 02h SMART
 * / health, 03h firmware slot), Get / Set Features (select current / default / saved / supported
 * capabilities; save where the feature is saveable), Format NVM (changes the LBA format, erases).
 * I/O (NVM Command Set 1.0c §3): Flush, Write, Read, Compare, Write Zeroes, Dataset Management
 * (deallocate). Errors carry the status codes of NVMe Base 2.0c §4.2.3 (Invalid Opcode 01h,
 * Invalid Field 02h, Invalid Namespace 0Bh, LBA Out of Range 80h, Invalid Log Page 1/09h, Invalid
 * Format 1/0Ah, Feature Not Saveable 1/0Dh, Compare Failure 2/85h), looked up by name in the status
 * table. Every structure is encoded with the table codecs.
 */
import { statusCodes } from '../../../spec-tables/nvme/status.js';
import { CxlNvmeError } from '../../errors.js';
import type { NvmeCommand, NvmeCompletion } from '../../protocol/nvme/command-types.js';
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
} as const;

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
}

class Namespace {
  readonly pages = new Map<number, Uint8Array>();
  constructor(
    readonly nsid: number,
    readonly sizeBytes: bigint,
    public lbaf: number,
  ) {}

  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const at = offset + done;
      const p = Math.floor(at / PAGE);
      const inPage = at % PAGE;
      const n = Math.min(PAGE - inPage, length - done);
      const page = this.pages.get(p);
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
          page = new Uint8Array(PAGE);
          this.pages.set(p, page);
        }
        page.set(data.subarray(done, done + n), inPage);
      } else if (page) {
        if (n === PAGE) this.pages.delete(p);
        else page.fill(0, inPage, inPage + n);
      }
      done += n;
    }
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

export class SimNvmeController implements NvmeTransport {
  readonly info: TransportInfo;
  readonly clock: SimClock;
  readonly lbaFormats: readonly SimLbaFormat[];
  private readonly opts: SimNvmeControllerOptions;
  private readonly namespaces = new Map<number, Namespace>();
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
  /** Every command handled, for tests. */
  readonly log: { name: string; opcode: number; queue: string; status: number }[] = [];

  constructor(options: SimNvmeControllerOptions = {}) {
    this.opts = options;
    this.info = { kind: 'simulator', device: `sim:${options.name ?? 'nvme'}`, maxPayload: 1 << 20 };
    this.clock = typeof options.clock === 'object' ? options.clock : createClock(options.clock ?? 'real');
    this.startedAt = this.clock.now();
    this.lbaFormats = options.lbaFormats ?? [{ ds: 9 }, { ds: 12 }];
    this.temperatureK = options.temperatureK ?? 308;
    (options.namespaces ?? [{ sizeBytes: 1 << 30 }]).forEach((n, i) => {
      const nsid = n.nsid ?? i + 1;
      const lbaf = n.lbaFormat ?? 0;
      if (!this.lbaFormats[lbaf]) throw new CxlNvmeError('USAGE', `namespace ${nsid}: no LBA format ${lbaf}`, { nsid, lbaf });
      if (this.namespaces.has(nsid) || nsid < 1 || nsid === NSID_ALL) throw new CxlNvmeError('USAGE', `namespace id ${nsid} is invalid or repeated`, { nsid });
      this.namespaces.set(nsid, new Namespace(nsid, BigInt(n.sizeBytes), lbaf));
    });
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

  /** Bytes of namespace memory actually allocated. */
  allocatedBytes(nsid: number): number {
    return this.namespaces.get(nsid)?.allocatedBytes ?? 0;
  }

  /** Active namespace ids. */
  get nsids(): number[] {
    return [...this.namespaces.keys()].sort((a, b) => a - b);
  }

  /** LBA data size of a namespace in bytes. */
  lbaSize(nsid: number): number {
    const ns = this.namespaces.get(nsid);
    if (!ns) throw new CxlNvmeError('USAGE', `no namespace ${nsid}`, { nsid });
    return 2 ** this.lbaFormats[ns.lbaf]!.ds;
  }

  // --- execution ----------------------------------------------------------------------------------

  /** Run one command synchronously. */
  execute(c: NvmeCommand): NvmeCompletion {
    const fault = this.faults.find((f) => f.opcode === c.opcode && (f.queue === undefined || f.queue === c.queue) && f.left !== 0);
    let out: NvmeCompletion;
    if (fault) {
      if (fault.left > 0) fault.left--;
      out = { result: 0n, status: fault.status };
    } else {
      out = c.queue === 'admin' ? this.admin(c) : this.io(c);
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
      case 0x06:
        return this.identify(c);
      case 0x02:
        return this.getLogPage(c);
      case 0x09:
        return this.setFeatures(c);
      case 0x0a:
        return this.getFeatures(c);
      case 0x80:
        return this.format(c);
      default:
        return this.fail(NVME_STATUS.invalidOpcode);
    }
  }

  // Identify (NVMe Base 2.0c §5.17)
  private identify(c: NvmeCommand): NvmeCompletion {
    const cns = c.cdw10 & 0xff;
    switch (cns) {
      case 0x00: {
        const ns = this.namespaces.get(c.nsid);
        if (!ns) return c.nsid >= 1 && c.nsid <= this.maxNsid ? this.ok(new Uint8Array(4096)) : this.fail(NVME_STATUS.invalidNs);
        return this.ok(codecs.idNs.encode(this.idNs(ns)));
      }
      case 0x01:
        return this.ok(codecs.idCtrl.encode(this.idCtrl()));
      case 0x02: {
        if (c.nsid >= 0xfffffffe) return this.fail(NVME_STATUS.invalidNs);
        const ids = this.nsids.filter((n) => n > c.nsid).slice(0, 1024);
        const ns = new Array<number>(1024).fill(0);
        ids.forEach((n, i) => {
          ns[i] = n;
        });
        return this.ok(codecs.nsList.encode({ ns }));
      }
      case 0x03: {
        const ns = this.namespaces.get(c.nsid);
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
      default:
        return this.fail(NVME_STATUS.invalidField);
    }
  }

  private get maxNsid(): number {
    return Math.max(16, ...this.nsids);
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

  private idCtrl(): Record<string, unknown> {
    const total = [...this.namespaces.values()].reduce((n, ns) => n + ns.sizeBytes, 0n);
    return {
      vid: this.opts.vid ?? 0x1b36,
      ssvid: this.opts.vid ?? 0x1af4,
      sn: this.opts.serial ?? 'SIMNVME0001',
      mn: this.opts.model ?? 'cxl-nvme simulated controller',
      fr: this.opts.firmware ?? '1.0',
      rab: 6,
      ieee: 0x525400,
      mdts: 7,
      cntlid: this.opts.cntlid ?? 1,
      ver: 0x00020000,
      cntrltype: 'io',
      oacs: 1 << 1, // Format NVM
      acl: 3,
      aerl: 3,
      frmw: (1 << 1) | 1, // one slot, slot 1 read-only
      lpa: 1 << 1, // Command Effects log not claimed; extended data for Get Log Page
      elpe: 63,
      wctemp: 343,
      cctemp: 373,
      tnvmcap: total,
      unvmcap: 0n,
      sqes: 0x66,
      cqes: 0x44,
      nn: this.maxNsid,
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
      nuse: used > nsze ? nsze : used,
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
    let page: Uint8Array;
    switch (lid) {
      case 0x01:
        page = this.errorLog();
        break;
      case 0x02:
        if (c.nsid !== NSID_ALL && c.nsid !== 0 && !this.namespaces.has(c.nsid)) return this.fail(NVME_STATUS.invalidNs);
        page = codecs.smartLog.encode(this.smartLog());
        break;
      case 0x03:
        page = codecs.firmwareSlot.encode({ afi: { activeSlot: 1, nextResetSlot: 0 }, frs: [this.opts.firmware ?? '1.0', '', '', '', '', '', ''] });
        break;
      default:
        return this.fail(NVME_STATUS.invalidLogPage);
    }
    if (offset > page.length || offset % 4 !== 0) return this.fail(NVME_STATUS.invalidField);
    return this.ok(page.subarray(offset, offset + c.dataLength));
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

  private smartLog(): Record<string, unknown> {
    const over = this.tempThresh.get('0:0') ?? 343;
    const under = this.tempThresh.get('0:1') ?? 0;
    const hours = BigInt(Math.floor((this.clock.now() - this.startedAt) / 3_600_000));
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
      powerOnHours: hours,
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

  /** A controller reset: features return to saved (or default) values. */
  reset(): void {
    for (const f of FEATURES) this.current.set(f.fid, this.saved.get(f.fid) ?? f.def);
    this.tempThresh.clear();
    for (const [k, v] of this.savedTempThresh) this.tempThresh.set(k, v);
    if (!this.tempThresh.has('0:0')) this.tempThresh.set('0:0', 343);
    this.smart.powerCycles++;
  }

  // Format NVM (NVMe Base 2.0c §5.23)
  private format(c: NvmeCommand): NvmeCompletion {
    const lbaf = (c.cdw10 & 0xf) | (((c.cdw10 >>> 12) & 0x3) << 4);
    if (!this.lbaFormats[lbaf]) return this.fail(NVME_STATUS.invalidFormat);
    if ((c.cdw10 >>> 5) & 0x7) return this.fail(NVME_STATUS.invalidFormat); // no protection information
    const targets = c.nsid === NSID_ALL ? [...this.namespaces.values()] : [this.namespaces.get(c.nsid)];
    if (targets.some((n) => n === undefined)) return this.fail(NVME_STATUS.invalidNs);
    for (const ns of targets as Namespace[]) {
      ns.pages.clear();
      ns.lbaf = lbaf;
    }
    return this.ok();
  }

  // --- I/O (NVM Command Set 1.0c §3) ---------------------------------------------------------------

  private io(c: NvmeCommand): NvmeCompletion {
    const ns = this.namespaces.get(c.nsid);
    if (!ns) return this.fail(NVME_STATUS.invalidNs);
    const size = 2 ** this.lbaFormats[ns.lbaf]!.ds;
    const nsze = ns.sizeBytes / BigInt(size);
    const slba = (BigInt(c.cdw11 >>> 0) << 32n) | BigInt(c.cdw10 >>> 0);
    const nlb = (c.cdw12 & 0xffff) + 1;
    const range = (): NvmeCompletion | undefined => (slba + BigInt(nlb) > nsze ? this.fail(NVME_STATUS.lbaRange) : undefined);
    const offset = Number(slba) * size;
    const bytes = nlb * size;
    switch (c.opcode) {
      case 0x00: // Flush
        return this.ok();
      case 0x01: {
        // Write
        const bad = range();
        if (bad) return bad;
        if (!c.data || c.data.length !== bytes) return this.fail(NVME_STATUS.invalidField);
        ns.write(offset, c.data);
        this.smart.hostWrites++;
        this.smart.bytesWritten += BigInt(bytes);
        return this.ok();
      }
      case 0x02: {
        // Read
        const bad = range();
        if (bad) return bad;
        if (c.dataLength !== bytes) return this.fail(NVME_STATUS.invalidField);
        this.smart.hostReads++;
        this.smart.bytesRead += BigInt(bytes);
        return this.ok(ns.read(offset, bytes));
      }
      case 0x05: {
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
      case 0x08: {
        // Write Zeroes
        const bad = range();
        if (bad) return bad;
        ns.write(offset, undefined, bytes);
        return this.ok();
      }
      case 0x09: {
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
