/**
 * SimCxlType3: a stateful CXL Type 3 memory device (component type 03h) behind the CxlTransport
 * contract. It answers the generic command set (SimCciDevice) plus the memory device command set
 * of CXL r3.1 §8.2.9.9 and, when it has dynamic capacity, the DCD Management FM-API commands of
 * §7.6.7.6. Every payload goes through the table codecs; see cci-device.ts for dispatch rules.
 *
 * Alerts (§8.2.9.9.3): `setTemperature`, `setLifeUsed`, `addCorrectedErrors` re-evaluate the
 * Additional Status of Get Health Info against the alert configuration and, when a level rises,
 * append a Memory Module Event Record (§8.2.9.2.1.3) to the Warning (programmable warning) or
 * Failure (critical) event log.
 */
import { eventRecordUuids, logUuids } from '../../../spec-tables/cxl/generic.js';
import { memdevFeatureUuids } from '../../../spec-tables/cxl/memdev.js';
import { opcodeOf } from '../../protocol/cxl/request.js';
import { codecs } from '../../structs/index.js';
import { BYTE_UNITS } from '../../structs/runtime.js';
import { type CciReply, EFFECT, RC, SimCciDevice, type SimCciOptions, responseCodec } from './cci-device.js';

const MiB256 = BYTE_UNITS['256MiB']!;
const CACHELINE = BYTE_UNITS['64B']!;
const OP_SCAN_MEDIA = opcodeOf('memdevScanMedia');

/** Error Source of a media error record (CXL r3.1 §8.2.9.9.4.1 Table 8-144 bits 2:0). */
export type PoisonSource = 'unknown' | 'external' | 'internal' | 'injected' | 'vendor';
const SOURCE_CODE: Record<PoisonSource, number> = { unknown: 0, external: 1, internal: 2, injected: 3, vendor: 7 };
const SOURCE_NAME = new Map<number, PoisonSource>(Object.entries(SOURCE_CODE).map(([k, v]) => [v, k as PoisonSource]));

export interface PoisonRecord {
  /** Device physical address, 64-byte aligned. */
  readonly dpa: bigint;
  /** Length in bytes (a multiple of 64). */
  readonly length: bigint;
  readonly source: PoisonSource;
}

export interface DcRegionOptions {
  /** DPA base (bytes, 256 MiB aligned). */
  readonly base: bigint | number;
  /** Region length in bytes (multiple of 256 MiB). */
  readonly length: bigint | number;
  /** Block size in bytes (power of two, >= 64). */
  readonly blockSize?: bigint | number;
}

export interface DcExtent {
  readonly startDpa: bigint;
  readonly len: bigint;
  /** 16-byte tag as a UUID string (all zero when untagged). */
  readonly tag?: string;
}

export interface SimCxlType3Options extends SimCciOptions {
  readonly fwRevision?: string;
  /** Volatile-only capacity in bytes (multiple of 256 MiB). Default 1 GiB. */
  readonly volatileOnlyBytes?: bigint | number;
  /** Persistent-only capacity in bytes. Default 0. */
  readonly persistentOnlyBytes?: bigint | number;
  /** Partitionable capacity in bytes (split by Set Partition Info). Default 0. */
  readonly partitionableBytes?: bigint | number;
  /** Partition alignment in bytes (0 = not partitionable). Default 256 MiB when partitionable. */
  readonly partitionAlignBytes?: bigint | number;
  /** Label Storage Area size in bytes. Default 1024. */
  readonly lsaSize?: number;
  /** Device temperature in °C. Default 25. */
  readonly temperature?: number;
  /** Percentage of life used. Default 0. */
  readonly lifeUsed?: number;
  readonly dirtyShutdownCount?: number;
  /** Poison present at start. */
  readonly poison?: readonly { dpa: bigint | number; length?: bigint | number; source?: PoisonSource }[];
  /** Inject Poison Limit (0 = no limit). Default 16. */
  readonly injectPoisonLimit?: number;
  /** Poison List Maximum Media Error Records. Default 256. */
  readonly poisonListMaxRecords?: number;
  /** Firmware slots (2..4), default 3; slot 1 holds `fwRevision` and is active. */
  readonly fwSlots?: number;
  /** Dynamic capacity regions: makes this a DCD (4800h-4803h, 5600h-5605h). */
  readonly dcRegions?: readonly DcRegionOptions[];
  /** Estimated scan media time reported by Get Scan Media Capabilities, ms. Default 1000. */
  readonly scanMediaTimeMs?: number;
  /** Passphrase attempt limit before the attempt-count-reached bits are set. Default 5. */
  readonly passphraseAttempts?: number;
  /** Initial event records. */
  readonly events?: readonly { log: 'informational' | 'warning' | 'failure' | 'fatal' | 'dynamicCapacity'; uuid?: string; data?: Uint8Array }[];
}

/** Patrol Scrub Control feature (CXL r3.1 §8.2.9.9.11.1). */
export const PATROL_SCRUB_UUID = memdevFeatureUuids.patrolScrub;
const patrolScrubRead = codecs.patrolScrubReadAttrs;
const patrolScrubWrite = codecs.patrolScrubWriteAttrs;

interface FeatureState {
  cycleHours: number;
  enabled: boolean;
}

interface AlertConfig {
  valid: number;
  lifeUsedCritical: number;
  lifeUsedWarning: number;
  overTempCritical: number;
  underTempCritical: number;
  overTempWarning: number;
  underTempWarning: number;
  correctedVolatileWarning: number;
  correctedPersistentWarning: number;
}

/** validAlerts bit positions (r3.1 Table 8-138). */
const ALERT = { lifeUsed: 1, overTemp: 2, underTemp: 4, correctedVolatile: 8, correctedPersistent: 16 } as const;

function big(v: bigint | number | undefined, d: bigint): bigint {
  return v === undefined ? d : BigInt(v);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Interrupt Mode of an event log (CXL r3.1 Table 8-55). */
type InterruptMode = 'none' | 'msiMsix' | 'fwInterrupt';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export class SimCxlType3 extends SimCciDevice {
  protected readonly componentType = 'type3' as const;
  protected readonly t3: SimCxlType3Options;

  // identity and capacity (256 MiB units internally as bigint bytes)
  readonly volatileOnly: bigint;
  readonly persistentOnly: bigint;
  readonly partitionable: bigint;
  readonly partitionAlign: bigint;
  private activeVolatilePart = 0n;
  private nextVolatilePart: bigint | undefined;

  // health
  private temperature: number;
  private lifeUsed: number;
  private dirtyShutdownCount: number;
  private correctedVolatile = 0;
  private correctedPersistent = 0;
  private mediaStatus = 0;
  private shutdownDirty = false;
  private readonly alerts: AlertConfig;
  private lastLevels = { life: 0, temp: 0, vol: 0, pers: 0 };

  // LSA
  readonly lsa: Uint8Array;

  // poison and scan media
  private poison: PoisonRecord[] = [];
  private injectedCount = 0;
  private poisonOverflow: bigint | undefined;
  private scanResults: PoisonRecord[] | undefined;
  private scanRestart: { dpa: bigint; length: bigint } | undefined;

  // firmware
  private readonly fwSlots: (string | undefined)[];
  private activeSlot = 1;
  private stagedSlot = 0;
  private fwTransfer: { parts: Uint8Array[]; next: number } | undefined;

  // security
  private userPassphrase: Uint8Array | undefined;
  private masterPassphrase: Uint8Array | undefined;
  private locked = false;
  private frozen = false;
  private userAttempts = 0;
  private masterAttempts = 0;

  // features
  private scrub: FeatureState = { cycleHours: 12, enabled: true };
  private scrubSaved: FeatureState = { cycleHours: 12, enabled: true };
  private readonly scrubDefault: FeatureState = { cycleHours: 12, enabled: true };
  private featureTransfer: { parts: Uint8Array[]; next: number } | undefined;

  // dynamic capacity
  private readonly dcRegions: { base: bigint; length: bigint; blockSize: bigint }[];
  private dcPending: DcExtent[] = [];
  private dcAccepted: DcExtent[] = [];
  private dcGeneration = 0;

  // generic set extras (§8.2.9.1.3-4, §8.2.9.2.4-5)
  private responseLimitLog2: number;
  private eventInterrupts: Record<'informational' | 'warning' | 'failure' | 'fatal' | 'dcd', { mode: InterruptMode; msg: number }> = {
    informational: { mode: 'none', msg: 0 },
    warning: { mode: 'none', msg: 0 },
    failure: { mode: 'none', msg: 0 },
    fatal: { mode: 'none', msg: 0 },
    dcd: { mode: 'none', msg: 0 },
  };

  // Vendor Debug Log (CXL r3.1 §8.2.9.5.2: vendor-specific contents): here ASCII lines, one per
  // Populate Log snapshot, so Clear Log and Populate Log (§8.2.9.5.4-5) have a log to act on. Like a
  // device's debug buffer it is bounded: the oldest lines go first.
  private vendorDebug: string[] = [];
  private static readonly VENDOR_DEBUG_LINES = 64;

  // SLD QoS telemetry (§8.2.9.9.8): defaults of Table 8-161
  private qos = { egressPortCongestionEnable: false, temporaryThroughputReductionEnable: false, moderate: 10, severe: 25, interval: 8 };
  private backpressure = 0;

  /** Times media was sanitized or securely erased (tests). */
  mediaErasures = 0;

  constructor(options: SimCxlType3Options = {}) {
    super(options, 'type3');
    this.t3 = options;
    this.volatileOnly = big(options.volatileOnlyBytes, 4n * MiB256);
    this.persistentOnly = big(options.persistentOnlyBytes, 0n);
    this.partitionable = big(options.partitionableBytes, 0n);
    this.partitionAlign = this.partitionable > 0n ? big(options.partitionAlignBytes, MiB256) : 0n;
    this.lsa = new Uint8Array(options.lsaSize ?? 1024);
    this.responseLimitLog2 = options.maxMsgSizeLog2 ?? 11;
    this.temperature = options.temperature ?? 25;
    this.lifeUsed = options.lifeUsed ?? 0;
    this.dirtyShutdownCount = options.dirtyShutdownCount ?? 0;
    this.alerts = {
      valid: 0,
      lifeUsedCritical: 90,
      lifeUsedWarning: 75,
      overTempCritical: 85,
      underTempCritical: -10,
      overTempWarning: 70,
      underTempWarning: 0,
      correctedVolatileWarning: 100,
      correctedPersistentWarning: 100,
    };
    const slots = Math.min(4, Math.max(2, options.fwSlots ?? 3));
    this.fwSlots = Array.from({ length: slots }, (_, i) => (i === 0 ? (options.fwRevision ?? 'SIM-1.0.0') : undefined));
    for (const p of options.poison ?? []) {
      this.poison.push({ dpa: BigInt(p.dpa), length: big(p.length, CACHELINE), source: p.source ?? 'internal' });
    }
    this.dcRegions = (options.dcRegions ?? []).map((r) => ({ base: BigInt(r.base), length: BigInt(r.length), blockSize: big(r.blockSize, 2n * 1024n * 1024n) }));
    for (const e of options.events ?? []) {
      this.addEvent(e.log, { uuid: e.uuid ?? eventRecordUuids.memoryModule, ...(e.data ? { data: e.data } : {}) });
    }
    this.registerMemdev();
    this.registerGenericExtras();
    this.lastLevels = this.levels();
  }

  /** Total capacity in bytes. */
  get totalBytes(): bigint {
    return this.volatileOnly + this.persistentOnly + this.partitionable;
  }

  // --- state changes driven by tests and scenarios -----------------------------------------------

  /** Set the device temperature (°C) and fire alerts. */
  setTemperature(celsius: number): void {
    this.temperature = Math.round(celsius);
    this.evaluateAlerts();
  }

  /** Set the percentage of life used and fire alerts. */
  setLifeUsed(percent: number): void {
    this.lifeUsed = Math.max(0, Math.min(100, Math.round(percent)));
    this.evaluateAlerts();
  }

  /** Count corrected errors and fire alerts. */
  addCorrectedErrors(volatile: number, persistent = 0): void {
    this.correctedVolatile += volatile;
    this.correctedPersistent += persistent;
    this.evaluateAlerts();
  }

  /** Media Status of Get Health Info (r3.1 Table 8-136 byte 1). */
  setMediaStatus(status: number): void {
    this.mediaStatus = status;
  }

  /** Poison a range directly (as the media would), source 'internal' by default. */
  addPoison(dpa: bigint | number, length: bigint | number = CACHELINE, source: PoisonSource = 'internal'): void {
    this.poison.push({ dpa: BigInt(dpa), length: BigInt(length), source });
  }

  /** The current poison list. */
  get poisonList(): readonly PoisonRecord[] {
    return [...this.poison].sort((a, b) => (a.dpa < b.dpa ? -1 : a.dpa > b.dpa ? 1 : 0));
  }

  /**
   * A power cycle: the next partition and staged firmware take effect, a user passphrase locks
   * the device again, freeze ends; a dirty shutdown state counts as a dirty shutdown.
   */
  coldReset(): void {
    if (this.nextVolatilePart !== undefined) this.activeVolatilePart = this.nextVolatilePart;
    this.nextVolatilePart = undefined;
    if (this.stagedSlot !== 0) {
      this.activeSlot = this.stagedSlot;
      this.stagedSlot = 0;
    }
    if (this.shutdownDirty) this.dirtyShutdownCount++;
    this.shutdownDirty = false;
    this.locked = this.userPassphrase !== undefined;
    this.frozen = false;
    this.userAttempts = 0;
    this.masterAttempts = 0;
    this.scrub = { ...this.scrubSaved };
  }

  /** Offer dynamic capacity to the host (what an FM's Initiate Dynamic Capacity Add does). */
  offerDcExtents(extents: readonly DcExtent[]): number {
    for (const e of extents) {
      if (!this.inDcRegion(e.startDpa, e.len)) return RC.invalidPhysicalAddress;
    }
    extents.forEach((e, i) => {
      this.dcPending.push(e);
      this.dcEvent('addCapacity', e, i < extents.length - 1);
    });
    return RC.success;
  }

  /** Extents the host accepted. */
  get dcExtents(): readonly DcExtent[] {
    return this.dcAccepted;
  }

  // --- alerts -------------------------------------------------------------------------------------

  private levels(): { life: number; temp: number; vol: number; pers: number } {
    const a = this.alerts;
    const life = this.lifeUsed >= a.lifeUsedCritical ? 2 : a.valid & ALERT.lifeUsed && this.lifeUsed >= a.lifeUsedWarning ? 1 : 0;
    const t = this.temperature;
    const temp =
      t >= a.overTempCritical || t <= a.underTempCritical
        ? 2
        : (a.valid & ALERT.overTemp && t >= a.overTempWarning) || (a.valid & ALERT.underTemp && t <= a.underTempWarning)
          ? 1
          : 0;
    const vol = a.valid & ALERT.correctedVolatile && this.correctedVolatile >= a.correctedVolatileWarning ? 1 : 0;
    const pers = a.valid & ALERT.correctedPersistent && this.correctedPersistent >= a.correctedPersistentWarning ? 1 : 0;
    return { life, temp, vol, pers };
  }

  private evaluateAlerts(): void {
    const now = this.levels();
    const before = this.lastLevels;
    this.lastLevels = now;
    const fire = (type: 'lifeUsedChange' | 'temperatureChange' | 'healthStatusChange', level: number): void => {
      this.addEvent(level >= 2 ? 'failure' : 'warning', {
        uuid: eventRecordUuids.memoryModule,
        severity: level >= 2 ? 'failure' : 'warning',
        maintenanceNeeded: level >= 2,
        data: codecs.memoryModuleEventData.encode({ eventType: type, healthInfo: this.healthInfo() }),
      });
    };
    if (now.life > before.life) fire('lifeUsedChange', now.life);
    if (now.temp > before.temp) fire('temperatureChange', now.temp);
    if (now.vol > before.vol || now.pers > before.pers) fire('healthStatusChange', 1);
  }

  private healthInfo(): Record<string, unknown> {
    const l = this.levels();
    return {
      healthStatus: { maintenanceNeeded: l.life >= 2, performanceDegraded: false, hardwareReplacementNeeded: false },
      mediaStatus: this.mediaStatus,
      additionalStatus: {
        lifeUsed: l.life,
        deviceTemperature: l.temp,
        correctedVolatileErrorCount: l.vol === 1,
        correctedPersistentErrorCount: l.pers === 1,
      },
      lifeUsed: this.lifeUsed,
      deviceTemperature: this.temperature,
      dirtyShutdownCount: this.dirtyShutdownCount,
      correctedVolatileErrorCount: this.correctedVolatile,
      correctedPersistentErrorCount: this.correctedPersistent,
    };
  }

  private alertConfigBits(mask: number): Record<string, boolean> {
    return {
      lifeUsedProgrammableWarning: (mask & ALERT.lifeUsed) !== 0,
      deviceOverTemperatureProgrammableWarning: (mask & ALERT.overTemp) !== 0,
      deviceUnderTemperatureProgrammableWarning: (mask & ALERT.underTemp) !== 0,
      correctedVolatileMemErrorProgrammableWarning: (mask & ALERT.correctedVolatile) !== 0,
      correctedPersistentMemErrorProgrammableWarning: (mask & ALERT.correctedPersistent) !== 0,
    };
  }

  private static maskOf(bits: Record<string, unknown>): number {
    return (
      (bits.lifeUsedProgrammableWarning ? ALERT.lifeUsed : 0) |
      (bits.deviceOverTemperatureProgrammableWarning ? ALERT.overTemp : 0) |
      (bits.deviceUnderTemperatureProgrammableWarning ? ALERT.underTemp : 0) |
      (bits.correctedVolatileMemErrorProgrammableWarning ? ALERT.correctedVolatile : 0) |
      (bits.correctedPersistentMemErrorProgrammableWarning ? ALERT.correctedPersistent : 0)
    );
  }

  /** CXL r3.1 §8.2.9.9.3.3: thresholds must stay inside the critical ones, else Invalid Input. */
  private setAlertConfig(f: Record<string, unknown>): CciReply {
    const validActions = SimCxlType3.maskOf(f.validAlertActions as Record<string, unknown>);
    const enable = SimCxlType3.maskOf(f.enableAlertActions as Record<string, unknown>);
    const a = { ...this.alerts };
    const lifeW = f.lifeUsedProgrammableWarningThreshold as number;
    const overW = f.deviceOverTemperatureProgrammableWarningThreshold as number;
    const underW = f.deviceUnderTemperatureProgrammableWarningThreshold as number;
    if (validActions & ALERT.lifeUsed) {
      if (lifeW >= a.lifeUsedCritical) return { rc: RC.invalidInput };
      a.lifeUsedWarning = lifeW;
    }
    if (validActions & ALERT.overTemp) {
      if (overW >= a.overTempCritical || overW <= a.underTempCritical) return { rc: RC.invalidInput };
      a.overTempWarning = overW;
    }
    if (validActions & ALERT.underTemp) {
      if (underW <= a.underTempCritical || underW >= a.overTempCritical) return { rc: RC.invalidInput };
      a.underTempWarning = underW;
    }
    if (validActions & ALERT.correctedVolatile) a.correctedVolatileWarning = f.correctedVolatileMemErrorProgrammableWarningThreshold as number;
    if (validActions & ALERT.correctedPersistent) a.correctedPersistentWarning = f.correctedPersistentMemErrorProgrammableWarningThreshold as number;
    a.valid = (a.valid & ~validActions) | (enable & validActions);
    Object.assign(this.alerts, a);
    this.evaluateAlerts();
    return {};
  }

  // --- poison (CXL r3.1 §8.2.9.9.4) ----------------------------------------------------------------

  private dpaValid(dpa: bigint, length = CACHELINE): boolean {
    return dpa % CACHELINE === 0n && dpa >= 0n && dpa + length <= this.totalBytes;
  }

  private poisonInRange(start: bigint, end: bigint): PoisonRecord[] {
    return this.poisonList.filter((p) => p.dpa < end && p.dpa + p.length > start);
  }

  private recordOut(p: PoisonRecord): Record<string, unknown> {
    return { cacheline: p.dpa >> 6n, errorSource: SOURCE_CODE[p.source] };
  }

  private getPoisonList(f: Record<string, unknown>): CciReply {
    const addr = f.getPoisonListPhyAddr as { cacheline: bigint | number };
    const start = BigInt(addr.cacheline) << 6n;
    const len = BigInt(f.getPoisonListPhyAddrLen as bigint) * CACHELINE;
    if (len === 0n) return { rc: RC.invalidInput };
    if (!this.dpaValid(start, len)) return { rc: RC.invalidPhysicalAddress };
    const found = this.poisonInRange(start, start + len);
    const fit = Math.floor((this.maxPayload - 32) / 16);
    const out = found.slice(0, fit);
    return {
      payload: responseCodec('getPoisonList').encode({
        poisonListFlags: {
          moreMediaErrorRecords: found.length > out.length,
          poisonListOverflow: this.poisonOverflow !== undefined,
          scanMediaInProgress: this.backgroundBusy && this.bg?.opcode === OP_SCAN_MEDIA,
        },
        overflowTimestamp: this.poisonOverflow ?? 0n,
        records: out.map((p) => ({ mediaErrAddr: this.recordOut(p), mediaErrLen: Number(p.length / CACHELINE) })),
      }),
    };
  }

  private injectPoison(f: Record<string, unknown>): CciReply {
    const dpa = f.injectPoisonPhyAddr as bigint;
    if (!this.dpaValid(dpa)) return { rc: RC.invalidPhysicalAddress };
    if (this.poisonInRange(dpa, dpa + CACHELINE).length > 0) return {};
    const limit = this.t3.injectPoisonLimit ?? 16;
    if (limit > 0 && this.injectedCount >= limit) return { rc: RC.injectPoisonLimitReached };
    const max = this.t3.poisonListMaxRecords ?? 256;
    if (this.poison.length >= max) {
      this.poisonOverflow ??= this.timestampNs;
      return {};
    }
    this.poison.push({ dpa, length: CACHELINE, source: 'injected' });
    this.injectedCount++;
    return {};
  }

  /** Clear one cache line, splitting a longer record around it (§8.2.9.9.4.3). */
  private clearPoison(f: Record<string, unknown>): CciReply {
    const dpa = f.clearPoisonPhyAddr as bigint;
    if (!this.dpaValid(dpa)) return { rc: RC.invalidPhysicalAddress };
    const next: PoisonRecord[] = [];
    for (const p of this.poison) {
      const end = p.dpa + p.length;
      if (dpa < p.dpa || dpa >= end) {
        next.push(p);
        continue;
      }
      if (p.source === 'injected') this.injectedCount = Math.max(0, this.injectedCount - 1);
      if (dpa > p.dpa) next.push({ ...p, length: dpa - p.dpa });
      if (dpa + CACHELINE < end) next.push({ ...p, dpa: dpa + CACHELINE, length: end - dpa - CACHELINE });
    }
    this.poison = next;
    if (this.poison.length < (this.t3.poisonListMaxRecords ?? 256)) this.poisonOverflow = undefined;
    return {};
  }

  private scanMedia(f: Record<string, unknown>): CciReply {
    const start = f.scanMediaPhysaddr as bigint;
    const len = (f.scanMediaPhysaddrLength as bigint) * CACHELINE;
    if (len === 0n) return { rc: RC.invalidInput };
    if (!this.dpaValid(start, len)) return { rc: RC.invalidPhysicalAddress };
    const noEvents = (f.scanMediaFlags as { noEventLog: boolean }).noEventLog;
    const reply = this.startBackground(
      OP_SCAN_MEDIA,
      () => {
        this.scanResults = this.poisonInRange(start, start + len);
        this.scanRestart = undefined;
        if (!noEvents && this.scanResults.length > 0) {
          this.addEvent('failure', { uuid: eventRecordUuids.generalMedia, severity: 'failure' });
        }
        return RC.success;
      },
      true,
    );
    if (reply.rc === RC.backgroundCommandStarted) this.scanRange = { start, len };
    return reply;
  }

  private scanRange: { start: bigint; len: bigint } | undefined;

  protected override onAborted(opcode: number, percent: number): void {
    if (opcode !== OP_SCAN_MEDIA || !this.scanRange) return;
    const { start, len } = this.scanRange;
    const lines = len / CACHELINE;
    const doneLines = (lines * BigInt(percent)) / 100n;
    const scannedEnd = start + doneLines * CACHELINE;
    this.scanResults = this.poisonInRange(start, scannedEnd);
    this.scanRestart = { dpa: scannedEnd, length: len - doneLines * CACHELINE };
  }

  private scanMediaResults(): CciReply {
    if (this.backgroundBusy && this.bg?.opcode === OP_SCAN_MEDIA) return { rc: RC.busy };
    const all = this.scanResults ?? [];
    const fit = Math.floor((this.maxPayload - 32) / 16);
    const out = all.slice(0, fit);
    this.scanResults = all.slice(out.length);
    return {
      payload: responseCodec('memdevGetScanMediaResults').encode({
        scanMediaRestartPhysaddr: this.scanRestart?.dpa ?? 0n,
        scanMediaRestartPhysaddrLength: (this.scanRestart?.length ?? 0n) / CACHELINE,
        scanMediaFlags: { moreMediaErrorRecords: this.scanResults.length > 0, scanStoppedPrematurely: this.scanRestart !== undefined },
        record: out.map((p) => ({ mediaErrorAddress: this.recordOut(p), mediaErrorLength: Number(p.length / CACHELINE) })),
      }),
    };
  }

  // --- firmware (CXL r3.1 §8.2.9.3) ----------------------------------------------------------------

  private static revisionOf(image: Uint8Array): string {
    const head = image.subarray(0, 16);
    const end = head.indexOf(0);
    const text = head.subarray(0, end < 0 ? head.length : end);
    const printable = text.length > 0 && text.every((c) => c >= 0x20 && c < 0x7f);
    return printable ? new TextDecoder().decode(text) : `img-${image.length}`;
  }

  private slotValid(slot: number): boolean {
    return slot >= 1 && slot <= this.fwSlots.length && slot !== this.activeSlot;
  }

  private transferFw(f: Record<string, unknown>): CciReply {
    const action = f.action as string;
    const slot = f.slot as number;
    const offset = f.offset as number;
    const data = f.data as Uint8Array;
    const store = (parts: Uint8Array[]): CciReply => {
      if (!this.slotValid(slot)) return { rc: RC.invalidSlot };
      const image = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        image.set(p, at);
        at += p.length;
      }
      if (image.length === 0) return { rc: RC.fwVerificationFailed };
      this.fwSlots[slot - 1] = SimCxlType3.revisionOf(image);
      return {};
    };
    switch (action) {
      case 'full':
        if (this.fwTransfer) return { rc: RC.fwTransferInProgress };
        if (offset !== 0) return { rc: RC.invalidInput };
        return store([data]);
      case 'initiate':
        if (this.fwTransfer) return { rc: RC.fwTransferInProgress };
        if (offset !== 0) return { rc: RC.invalidInput };
        this.fwTransfer = { parts: [data.slice()], next: data.length / 128 };
        return {};
      case 'continue':
      case 'end': {
        const t = this.fwTransfer;
        if (!t || offset !== t.next) {
          this.fwTransfer = undefined;
          return { rc: RC.fwTransferOutOfOrder };
        }
        t.parts.push(data.slice());
        t.next += data.length / 128;
        if (action === 'continue') return {};
        this.fwTransfer = undefined;
        return store(t.parts);
      }
      case 'abort':
        this.fwTransfer = undefined;
        return {};
      default:
        return { rc: RC.invalidInput };
    }
  }

  private activateFw(f: Record<string, unknown>): CciReply {
    const slot = f.slot as number;
    if (!this.slotValid(slot) || this.fwSlots[slot - 1] === undefined) return { rc: RC.invalidSlot };
    if (f.action === 'online') {
      this.activeSlot = slot;
      this.stagedSlot = 0;
    } else if (f.action === 'onNextReset') {
      this.stagedSlot = slot;
    } else {
      return { rc: RC.invalidInput };
    }
    return {};
  }

  // --- features (CXL r3.1 §8.2.9.6) ----------------------------------------------------------------

  private features(): Record<string, unknown>[] {
    return [
      {
        featureId: PATROL_SCRUB_UUID,
        featureIndex: 0,
        getFeatureSize: patrolScrubRead.def.size,
        setFeatureSize: patrolScrubWrite.def.size,
        attributeFlags: { changeable: true, deepestResetPersistence: 0, defaultSelectionSupported: true, savedSelectionSupported: true },
        getFeatureVersion: 1,
        setFeatureVersion: 1,
        setFeatureEffects: { immediateConfigChange: true },
      },
    ];
  }

  private getSupportedFeatures(f: Record<string, unknown>): CciReply {
    const count = f.count as number;
    const start = f.startingFeatureIndex as number;
    const all = this.features();
    if (count < 8 || start > all.length) return { rc: RC.invalidInput };
    const n = Math.min(Math.floor((Math.min(count, this.maxPayload) - 8) / 48), all.length - start);
    return {
      payload: codecs.getSupportedFeaturesRsp.encode({
        deviceSupportedFeatures: all.length,
        supportedFeatureEntries: all.slice(start, start + n) as never,
      }),
    };
  }

  private scrubBytes(s: FeatureState): Uint8Array {
    return patrolScrubRead.encode({
      scrubCycleCap: { cycleChangeable: true, realtimeReport: false },
      currentCycleHours: s.cycleHours,
      minCycleHours: 1,
      scrubFlags: { enabled: s.enabled },
    });
  }

  private getFeature(f: Record<string, unknown>): CciReply {
    if (f.featureId !== PATROL_SCRUB_UUID) return { rc: RC.unsupported };
    const sel = f.selection;
    const state = sel === 'current' ? this.scrub : sel === 'default' ? this.scrubDefault : sel === 'saved' ? this.scrubSaved : undefined;
    if (!state) return { rc: RC.unsupportedFeatureSelectionValue };
    const data = this.scrubBytes(state);
    const offset = f.offset as number;
    const count = f.count as number;
    if (offset > data.length || count > this.maxPayload) return { rc: RC.invalidInput };
    return { payload: data.slice(offset, offset + count) };
  }

  private setFeature(f: Record<string, unknown>): CciReply {
    if (f.featureId !== PATROL_SCRUB_UUID) return { rc: RC.unsupported };
    if (f.version !== 1) return { rc: RC.unsupportedFeatureVersion };
    const flags = f.setFeatureFlags as { action: string | number; savedAcrossReset: boolean };
    const offset = f.offset as number;
    const data = f.featureData as Uint8Array;
    const size = patrolScrubWrite.def.size;
    const apply = (bytes: Uint8Array): CciReply => {
      if (bytes.length !== size) return { rc: RC.invalidInput };
      const v = patrolScrubWrite.decode(bytes) as { cycleHours: number; scrubFlags: { enable: boolean } };
      if (v.cycleHours < 1) return { rc: RC.invalidInput };
      this.scrub = { cycleHours: v.cycleHours, enabled: v.scrubFlags.enable };
      if (flags.savedAcrossReset) this.scrubSaved = { ...this.scrub };
      return {};
    };
    switch (flags.action) {
      case 'fullDataTransfer':
        if (this.featureTransfer) return { rc: RC.featureTransferInProgress };
        if (offset !== 0) return { rc: RC.invalidInput };
        return apply(data);
      case 'initiateDataTransfer':
        if (this.featureTransfer) return { rc: RC.featureTransferInProgress };
        if (offset !== 0) return { rc: RC.invalidInput };
        this.featureTransfer = { parts: [data.slice()], next: data.length };
        return {};
      case 'continueDataTransfer':
      case 'finishDataTransfer': {
        const t = this.featureTransfer;
        if (!t || offset !== t.next) {
          this.featureTransfer = undefined;
          return { rc: RC.featureTransferOutOfOrder };
        }
        t.parts.push(data.slice());
        t.next += data.length;
        if (flags.action === 'continueDataTransfer') return {};
        this.featureTransfer = undefined;
        const all = new Uint8Array(t.next);
        let at = 0;
        for (const p of t.parts) {
          all.set(p, at);
          at += p.length;
        }
        return apply(all);
      }
      case 'abortDataTransfer':
        this.featureTransfer = undefined;
        return {};
      default:
        return { rc: RC.invalidInput };
    }
  }

  // --- security (CXL r3.1 §8.2.9.9.6) --------------------------------------------------------------

  private get attemptLimit(): number {
    return this.t3.passphraseAttempts ?? 5;
  }

  /** Check a passphrase, counting failures; returns the reply on failure. */
  private checkPassphrase(type: 'user' | 'master', given: Uint8Array): CciReply | undefined {
    const want = type === 'user' ? this.userPassphrase : this.masterPassphrase;
    const attempts = type === 'user' ? this.userAttempts : this.masterAttempts;
    if (!want) return { rc: RC.invalidSecurityState };
    if (attempts >= this.attemptLimit) return { rc: RC.invalidSecurityState };
    if (bytesEqual(want, given)) {
      if (type === 'user') this.userAttempts = 0;
      else this.masterAttempts = 0;
      return undefined;
    }
    if (type === 'user') this.userAttempts++;
    else this.masterAttempts++;
    return { rc: RC.incorrectPassphrase };
  }

  private securityState(): Uint8Array {
    return codecs.memdevGetSecurityStateRsp.encode({
      securityState: {
        userPassphraseSet: this.userPassphrase !== undefined,
        masterPassphraseSet: this.masterPassphrase !== undefined,
        locked: this.locked,
        frozen: this.frozen,
        userPassphraseAttemptCountReached: this.userAttempts >= this.attemptLimit,
        masterPassphraseAttemptCountReached: this.masterAttempts >= this.attemptLimit,
      },
    });
  }

  private setPassphrase(f: Record<string, unknown>): CciReply {
    if (this.frozen || this.locked) return { rc: RC.invalidSecurityState };
    const type = f.passphraseType;
    if (type !== 'user' && type !== 'master') return { rc: RC.invalidInput };
    const current = type === 'user' ? this.userPassphrase : this.masterPassphrase;
    if (current) {
      const bad = this.checkPassphrase(type, f.currentPassphrase as Uint8Array);
      if (bad) return bad;
    }
    const next = (f.newPassphrase as Uint8Array).slice();
    if (type === 'user') this.userPassphrase = next;
    else this.masterPassphrase = next;
    return {};
  }

  private disablePassphrase(f: Record<string, unknown>): CciReply {
    if (this.frozen || this.locked) return { rc: RC.invalidSecurityState };
    const type = f.passphraseType;
    if (type !== 'user' && type !== 'master') return { rc: RC.invalidInput };
    const bad = this.checkPassphrase(type, f.passphrase as Uint8Array);
    if (bad) return bad;
    if (type === 'user') this.userPassphrase = undefined;
    else this.masterPassphrase = undefined;
    return {};
  }

  private unlock(f: Record<string, unknown>): CciReply {
    if (this.frozen || !this.locked) return { rc: RC.invalidSecurityState };
    const bad = this.checkPassphrase('user', f.currentPassphrase as Uint8Array);
    if (bad) return bad;
    this.locked = false;
    return {};
  }

  private passphraseSecureErase(f: Record<string, unknown>): CciReply {
    if (this.frozen) return { rc: RC.invalidSecurityState };
    const type = f.passphraseType;
    if (type !== 'user' && type !== 'master') return { rc: RC.invalidInput };
    if (type === 'user' && this.locked) return { rc: RC.invalidSecurityState };
    const bad = this.checkPassphrase(type, f.passphrase as Uint8Array);
    if (bad) return bad;
    this.eraseMedia();
    if (type === 'master') {
      this.userPassphrase = undefined;
      this.locked = false;
    }
    return {};
  }

  private eraseAndSucceed(): number {
    this.eraseMedia();
    return RC.success;
  }

  private eraseMedia(): void {
    this.poison = [];
    this.injectedCount = 0;
    this.poisonOverflow = undefined;
    this.scanResults = undefined;
    this.mediaErasures++;
  }

  // --- dynamic capacity (CXL r3.1 §8.2.9.9.9, §7.6.7.6) -------------------------------------------

  private inDcRegion(start: bigint, len: bigint): boolean {
    return this.dcRegions.some((r) => len > 0n && start >= r.base && start + len <= r.base + r.length && start % r.blockSize === 0n && len % r.blockSize === 0n);
  }

  private dcEvent(type: 'addCapacity' | 'releaseCapacity' | 'capacityReleased', e: DcExtent, more: boolean): void {
    this.addEvent('dynamicCapacity', {
      uuid: eventRecordUuids.dynamicCapacity,
      data: codecs.dcEventData.encode({
        eventType: type,
        validityFlags: { availableCounts: true },
        flags: { more },
        extent: { startDpa: e.startDpa, len: e.len, tag: e.tag ?? ZERO_UUID },
        numExtentsAvailable: this.extentsAvailable,
        numTagsAvailable: 0,
      }),
    });
  }

  private get extentsAvailable(): number {
    return Math.max(0, 64 - this.dcAccepted.length - this.dcPending.length);
  }

  private dcRegionEntries(start: number, count: number): Record<string, unknown>[] {
    return this.dcRegions.slice(start, start + count).map((r) => ({
      base: r.base,
      decodeLen: r.length / MiB256,
      regionLen: r.length,
      blockSize: r.blockSize,
      dsmadhandle: 0,
      flags: {},
    }));
  }

  /** Get DC Config (§8.2.9.9.9.1): header, regions, then the 16-byte extent/tag trailer. */
  private getDcConfig(f: Record<string, unknown>): CciReply {
    const start = f.startRegionId as number;
    const cnt = f.regionCnt as number;
    if (start >= this.dcRegions.length || cnt === 0) return { rc: RC.invalidInput };
    const regions = this.dcRegionEntries(start, cnt);
    const out = codecs.memdevGetDcConfigRsp.encode({
      numRegions: this.dcRegions.length,
      regionConfigs: regions as never,
      numExtentsSupported: 64,
      numExtentsAvailable: this.extentsAvailable,
      numTagsSupported: 0,
      numTagsAvailable: 0,
    });
    return { payload: out };
  }

  private extentOut(e: DcExtent): Record<string, unknown> {
    return { startDpa: e.startDpa, len: e.len, tag: e.tag ?? ZERO_UUID, sharedSeq: 0 };
  }

  private getDcExtentList(f: Record<string, unknown>): CciReply {
    const start = f.startExtentIdx as number;
    if (start > this.dcAccepted.length) return { rc: RC.invalidInput };
    const fit = Math.floor((this.maxPayload - 16) / 40);
    const n = Math.min(f.extentCnt as number, fit, this.dcAccepted.length - start);
    return {
      payload: codecs.memdevGetDcExtentListRsp.encode({
        totalNumExtents: this.dcAccepted.length,
        generationNum: this.dcGeneration,
        extents: this.dcAccepted.slice(start, start + n).map((e) => this.extentOut(e)) as never,
      }),
    };
  }

  private static overlaps(list: readonly { startDpa: bigint; len: bigint }[]): boolean {
    const s = [...list].sort((a, b) => (a.startDpa < b.startDpa ? -1 : 1));
    for (let i = 1; i < s.length; i++) if (s[i]!.startDpa < s[i - 1]!.startDpa + s[i - 1]!.len) return true;
    return false;
  }

  /** Add Dynamic Capacity Response (§8.2.9.9.9.3): accept some of the pending extents. */
  private addDcResponse(f: Record<string, unknown>): CciReply {
    const list = f.extents as { startDpa: bigint; len: bigint }[];
    if (SimCxlType3.overlaps(list)) return { rc: RC.invalidExtentList };
    for (const e of list) {
      const within = this.dcPending.some((p) => e.startDpa >= p.startDpa && e.startDpa + e.len <= p.startDpa + p.len);
      if (!within) return { rc: RC.invalidPhysicalAddress };
      if (this.dcAccepted.some((a) => e.startDpa < a.startDpa + a.len && a.startDpa < e.startDpa + e.len)) return { rc: RC.invalidExtentList };
    }
    for (const e of list) {
      const p = this.dcPending.find((x) => e.startDpa >= x.startDpa && e.startDpa + e.len <= x.startDpa + x.len)!;
      this.dcAccepted.push({ startDpa: e.startDpa, len: e.len, ...(p.tag ? { tag: p.tag } : {}) });
    }
    if (!(f.flags as { more: boolean }).more) this.dcPending = [];
    this.dcGeneration++;
    return {};
  }

  /** Release Dynamic Capacity (§8.2.9.9.9.4): each extent must be (part of) an accepted one. */
  private releaseDc(f: Record<string, unknown>): CciReply {
    const list = f.extents as { startDpa: bigint; len: bigint }[];
    if (list.length === 0 || SimCxlType3.overlaps(list)) return { rc: RC.invalidExtentList };
    for (const e of list) {
      if (!this.dcAccepted.some((a) => e.startDpa >= a.startDpa && e.startDpa + e.len <= a.startDpa + a.len)) return { rc: RC.invalidPhysicalAddress };
    }
    for (const e of list) {
      const next: DcExtent[] = [];
      for (const a of this.dcAccepted) {
        const aEnd = a.startDpa + a.len;
        const eEnd = e.startDpa + e.len;
        if (eEnd <= a.startDpa || e.startDpa >= aEnd) {
          next.push(a);
          continue;
        }
        if (e.startDpa > a.startDpa) next.push({ ...a, len: e.startDpa - a.startDpa });
        if (eEnd < aEnd) next.push({ ...a, startDpa: eEnd, len: aEnd - eEnd });
      }
      this.dcAccepted = next;
    }
    this.dcGeneration++;
    return {};
  }

  private fmInitiateDc(f: Record<string, unknown>, add: boolean): CciReply {
    const list = (f.extents as { startDpa: bigint; len: bigint; tag: string }[]).map((e) => ({
      startDpa: e.startDpa,
      len: e.len,
      ...(e.tag !== ZERO_UUID ? { tag: e.tag } : {}),
    }));
    if (add) {
      const policy = (f.selectionPolicy as { policy: string | number }).policy;
      let extents: DcExtent[] = list;
      if (policy === 'free') {
        // Free: the device picks the lowest free block-aligned range of `length` in the region.
        const r = this.dcRegions[f.regionNum as number];
        const length = f.length as bigint;
        if (!r || length === 0n || length % r.blockSize !== 0n) return { rc: RC.invalidInput };
        let at = r.base;
        const used = [...this.dcAccepted, ...this.dcPending].sort((a, b) => (a.startDpa < b.startDpa ? -1 : 1));
        for (const u of used) if (u.startDpa < at + length && at < u.startDpa + u.len) at = u.startDpa + u.len;
        if (at + length > r.base + r.length) return { rc: RC.resourcesExhausted };
        extents = [{ startDpa: at, len: length }];
      } else if (policy !== 'prescriptive' || list.length === 0) {
        return { rc: RC.unsupported };
      }
      const rc = this.offerDcExtents(extents);
      return rc === RC.success ? {} : { rc };
    }
    for (const e of list) {
      if (!this.dcAccepted.some((a) => e.startDpa >= a.startDpa && e.startDpa + e.len <= a.startDpa + a.len)) return { rc: RC.invalidPhysicalAddress };
    }
    list.forEach((e, i) => {
      this.dcEvent('releaseCapacity', e, i < list.length - 1);
    });
    return {};
  }

  // --- registration ------------------------------------------------------------------------------

  private registerMemdev(): void {
    const E = EFFECT;
    this.register(
      {
        name: 'memdevIdentify',
        handler: () => ({
          payload: codecs.memdevIdentifyRsp.encode({
            fwRevision: this.fwSlots[this.activeSlot - 1] ?? '',
            totalCapacity: this.totalBytes / MiB256,
            volatileCapacity: this.volatileOnly / MiB256,
            persistentCapacity: this.persistentOnly / MiB256,
            partitionAlign: this.partitionAlign / MiB256,
            infoEventLogSize: this.eventLogSize,
            warningEventLogSize: this.eventLogSize,
            failureEventLogSize: this.eventLogSize,
            fatalEventLogSize: this.eventLogSize,
            lsaSize: this.lsa.length,
            poisonListMaxMer: this.t3.poisonListMaxRecords ?? 256,
            injectPoisonLimit: this.t3.injectPoisonLimit ?? 16,
            poisonCaps: { injectsPersistentPoison: true, scansForPoison: true },
            // SLD QoS Telemetry (§8.2.9.9.8): bit 0 Egress Port Congestion, bit 1 Temporary Throughput Reduction
            qosTelemetryCaps: 0b11,
            dcEventLogSize: this.dcRegions.length > 0 ? this.eventLogSize : 0,
          }),
        }),
      },
      // Firmware (§8.2.9.3)
      {
        name: 'getFwInfo',
        handler: () => ({
          payload: codecs.getFwInfoRsp.encode({
            slotsSupported: this.fwSlots.length,
            slotInfo: { activeSlot: this.activeSlot, stagedSlot: this.stagedSlot },
            caps: { onlineActivation: true },
            fwRev1: this.fwSlots[0] ?? '',
            fwRev2: this.fwSlots[1] ?? '',
            fwRev3: this.fwSlots[2] ?? '',
            fwRev4: this.fwSlots[3] ?? '',
          }),
        }),
      },
      { name: 'transferFw', effects: E.configChangeAfterColdReset, handler: (r) => this.transferFw(r.fields) },
      { name: 'activateFw', effects: E.configChangeAfterColdReset | E.immediateConfigChange, handler: (r) => this.activateFw(r.fields) },
      // Features (§8.2.9.6)
      { name: 'getSupportedFeatures', handler: (r) => this.getSupportedFeatures(r.fields) },
      { name: 'getFeature', handler: (r) => this.getFeature(r.fields) },
      { name: 'setFeature', effects: E.immediateConfigChange, handler: (r) => this.setFeature(r.fields) },
      // Capacity configuration and label storage (§8.2.9.9.2)
      {
        name: 'memdevGetPartitionInfo',
        handler: () => {
          const nextV = this.nextVolatilePart;
          return {
            payload: codecs.memdevGetPartitionInfoRsp.encode({
              activeVmem: (this.volatileOnly + this.activeVolatilePart) / MiB256,
              activePmem: (this.persistentOnly + this.partitionable - this.activeVolatilePart) / MiB256,
              nextVmem: nextV === undefined ? 0n : (this.volatileOnly + nextV) / MiB256,
              nextPmem: nextV === undefined ? 0n : (this.persistentOnly + this.partitionable - nextV) / MiB256,
            }),
          };
        },
      },
      {
        name: 'memdevSetPartitionInfo',
        effects: E.configChangeAfterColdReset | E.immediateConfigChange | E.immediateDataChange,
        handler: (r) => {
          const v = (r.fields.volatileCapacity as bigint) * MiB256;
          if (this.partitionAlign === 0n || v > this.partitionable || v % this.partitionAlign !== 0n) return { rc: RC.invalidInput };
          if ((r.fields.flags as { immediate: boolean }).immediate) {
            this.activeVolatilePart = v;
            this.nextVolatilePart = undefined;
          } else {
            this.nextVolatilePart = v;
          }
          return {};
        },
      },
      {
        name: 'memdevGetLsa',
        handler: (r) => {
          const offset = r.fields.offset as number;
          const length = r.fields.length as number;
          if (length > this.maxPayload || offset + length > this.lsa.length) return { rc: RC.invalidInput };
          return { payload: this.lsa.slice(offset, offset + length) };
        },
      },
      {
        name: 'memdevSetLsa',
        effects: E.immediateConfigChange | E.immediateDataChange,
        handler: (r) => {
          const offset = r.fields.offset as number;
          const data = r.fields.data as Uint8Array;
          if (offset + data.length > this.lsa.length) return { rc: RC.invalidInput };
          this.lsa.set(data, offset);
          return {};
        },
      },
      // Health information and alerts (§8.2.9.9.3)
      { name: 'memdevGetHealthInfo', handler: () => ({ payload: codecs.memdevGetHealthInfoRsp.encode(this.healthInfo()) }) },
      {
        name: 'memdevGetAlertConfig',
        handler: () => {
          const a = this.alerts;
          return {
            payload: codecs.memdevGetAlertConfigRsp.encode({
              validAlerts: this.alertConfigBits(a.valid),
              programmableAlerts: this.alertConfigBits(0x1f),
              lifeUsedCriticalAlertThreshold: a.lifeUsedCritical,
              lifeUsedProgrammableWarningThreshold: a.lifeUsedWarning,
              deviceOverTemperatureCriticalAlertThreshold: a.overTempCritical,
              deviceUnderTemperatureCriticalAlertThreshold: a.underTempCritical,
              deviceOverTemperatureProgrammableWarningThreshold: a.overTempWarning,
              deviceUnderTemperatureProgrammableWarningThreshold: a.underTempWarning,
              correctedVolatileMemErrorProgrammableWarningThreshold: a.correctedVolatileWarning,
              correctedPersistentMemErrorProgrammableWarningThreshold: a.correctedPersistentWarning,
            }),
          };
        },
      },
      { name: 'memdevSetAlertConfig', effects: E.immediatePolicyChange, handler: (r) => this.setAlertConfig(r.fields) },
      { name: 'memdevGetShutdownState', handler: () => ({ payload: codecs.memdevGetShutdownStateRsp.encode({ state: { dirty: this.shutdownDirty } }) }) },
      {
        name: 'memdevSetShutdownState',
        effects: E.immediatePolicyChange,
        handler: (r) => {
          this.shutdownDirty = (r.fields.state as { dirty: boolean }).dirty;
          return {};
        },
      },
      // Media and poison management (§8.2.9.9.4)
      { name: 'getPoisonList', media: true, handler: (r) => this.getPoisonList(r.fields) },
      { name: 'memdevInjectPoison', media: true, effects: E.immediateDataChange, handler: (r) => this.injectPoison(r.fields) },
      { name: 'memdevClearPoison', media: true, effects: E.immediateDataChange, handler: (r) => this.clearPoison(r.fields) },
      {
        name: 'memdevGetScanMediaCapabilities',
        media: true,
        handler: (r) => {
          const start = r.fields.getScanMediaCapabilitiesStartPhysaddr as bigint;
          const len = (r.fields.getScanMediaCapabilitiesPhysaddrLength as bigint) * CACHELINE;
          if (!this.dpaValid(start, len)) return { rc: RC.invalidPhysicalAddress };
          return { payload: codecs.memdevGetScanMediaCapabilitiesRsp.encode({ estimatedScanMediaTime: this.t3.scanMediaTimeMs ?? 1000 }) };
        },
      },
      { name: 'memdevScanMedia', media: true, effects: E.backgroundOperation | E.requestAbortSupported, handler: (r) => this.scanMedia(r.fields) },
      { name: 'memdevGetScanMediaResults', media: true, handler: () => this.scanMediaResults() },
      // Sanitize (§8.2.9.9.5)
      {
        name: 'memdevSanitize',
        media: true,
        effects: E.immediateDataChange | E.securityStateChange | E.backgroundOperation,
        handler: () => (this.locked || this.frozen ? { rc: RC.invalidSecurityState } : this.startBackground(opcodeOf('memdevSanitize'), () => this.eraseAndSucceed(), false)),
      },
      {
        // CXL r3.1 §8.2.9.9.5.2 lists no Background Command Started for Secure Erase: it completes
        // before the reply, as the spec table row says.
        name: 'memdevSecureErase',
        media: true,
        effects: E.immediateDataChange | E.securityStateChange,
        handler: () => (this.locked || this.frozen ? { rc: RC.invalidSecurityState } : { rc: this.eraseAndSucceed() }),
      },
      // Persistent memory data-at-rest security (§8.2.9.9.6)
      { name: 'memdevGetSecurityState', handler: () => ({ payload: this.securityState() }) },
      { name: 'memdevSetPassphrase', effects: E.securityStateChange, handler: (r) => this.setPassphrase(r.fields) },
      { name: 'memdevDisablePassphrase', effects: E.securityStateChange, handler: (r) => this.disablePassphrase(r.fields) },
      { name: 'memdevUnlock', effects: E.securityStateChange, handler: (r) => this.unlock(r.fields) },
      {
        name: 'memdevFreezeSecurityState',
        effects: E.securityStateChange,
        handler: () => {
          this.frozen = true;
          return {};
        },
      },
      { name: 'memdevPassphraseSecureErase', media: true, effects: E.immediateDataChange | E.securityStateChange, handler: (r) => this.passphraseSecureErase(r.fields) },
    );
    if (this.dcRegions.length > 0) {
      this.register(
        { name: 'memdevGetDcConfig', handler: (r) => this.getDcConfig(r.fields) },
        { name: 'memdevGetDcExtentList', handler: (r) => this.getDcExtentList(r.fields) },
        { name: 'memdevAddDcResponse', effects: E.immediateConfigChange, handler: (r) => this.addDcResponse(r.fields) },
        { name: 'memdevReleaseDc', effects: E.immediateConfigChange, handler: (r) => this.releaseDc(r.fields) },
        {
          name: 'fmapiGetDcdInfo',
          handler: () => ({
            payload: codecs.fmapiGetDcdInfoRsp.encode({
              numHosts: 1,
              numSupportedDcRegions: this.dcRegions.length,
              capacitySelectionPolicies: { free: true, prescriptive: true },
              capacityRemovalPolicies: { prescriptive: true },
              totalDynamicCapacity: this.dcRegions.reduce((n, r) => n + r.length, 0n) / MiB256,
              ...Object.fromEntries(this.dcRegions.map((r, i) => [`region${i}SupportedBlkSzMask`, r.blockSize])),
            }),
          }),
        },
        {
          name: 'fmapiGetDcRegConfig',
          handler: (r) => {
            const start = r.fields.startRegionId as number;
            if (r.fields.hostId !== 0 || start >= this.dcRegions.length) return { rc: RC.invalidInput };
            const regions = this.dcRegions.slice(start, start + (r.fields.regionCnt as number)).map((x) => ({
              base: x.base,
              decodeLen: x.length / MiB256,
              regionLen: x.length,
              blockSize: x.blockSize,
            }));
            return {
              payload: responseCodec('fmapiGetDcRegConfig').encode({
                hostId: 0,
                numRegions: this.dcRegions.length,
                regionConfigs: regions,
                numExtentsSupported: 64,
                numExtentsAvailable: this.extentsAvailable,
              }),
            };
          },
        },
        {
          name: 'fmapiGetDcRegionExtList',
          handler: (r) => {
            const start = r.fields.startExtIndex as number;
            if (r.fields.hostId !== 0 || start > this.dcAccepted.length) return { rc: RC.invalidInput };
            const fit = Math.floor((this.maxPayload - 24) / 40);
            const list = this.dcAccepted.slice(start, start + Math.min(fit, r.fields.extentCount as number));
            return {
              payload: codecs.fmapiGetDcRegionExtListRsp.encode({
                hostId: 0,
                startExtIndex: start,
                totalExtents: this.dcAccepted.length,
                listGenerationNum: this.dcGeneration,
                extents: list.map((e) => this.extentOut(e)) as never,
              }),
            };
          },
        },
        { name: 'fmapiInitiateDcAdd', effects: E.immediateConfigChange, handler: (r) => this.fmInitiateDc(r.fields, true) },
        { name: 'fmapiInitiateDcRelease', effects: E.immediateConfigChange, handler: (r) => this.fmInitiateDc(r.fields, false) },
      );
    }
  }

  protected override logs(): Map<string, Uint8Array> {
    const logs = super.logs();
    logs.set(logUuids.vendorDebug, new TextEncoder().encode(this.vendorDebug.join('')));
    return logs;
  }

  /** One Vendor Debug Log line: the device state Populate Log captures (vendor-defined content). */
  private debugSnapshot(): string {
    // Stamped with the device timestamp (§8.2.9.4: ns since the epoch, 0 until set).
    return `ts=${this.timestampNs} fw=${this.fwSlots[this.activeSlot - 1] ?? ''} temp=${this.temperature}C life=${this.lifeUsed}% poison=${this.poison.length} dirty=${this.dirtyShutdownCount}\n`;
  }

  /** Measured egress port average congestion reported by Get SLD QoS Status (tests). */
  setBackpressure(percent: number): void {
    this.backpressure = Math.max(0, Math.min(100, Math.round(percent)));
  }

  /** Largest output payload the Response Message Limit allows (§8.2.9.1.3): 2^n minus the header. */
  get responsePayloadLimit(): number {
    return Math.min(this.maxPayload, 2 ** this.responseLimitLog2 - 12);
  }

  /** Log Capabilities (CXL r3.1 §8.2.9.5.3 Table 8-90) of the logs this device keeps. */
  private logCapabilities(uuid: string): Record<string, boolean> | undefined {
    if (!this.logs().has(uuid)) return undefined;
    // The Vendor Debug Log can be cleared and populated, and is lost on a cold reset.
    if (uuid === logUuids.vendorDebug) return { clearLogSupported: true, populateLogSupported: true, autoPopulateSupported: false, persistentAcrossColdReset: false };
    // The CEL describes the fixed command set: it can be neither cleared nor populated and is the
    // same after a cold reset.
    return { clearLogSupported: false, populateLogSupported: false, autoPopulateSupported: false, persistentAcrossColdReset: uuid === logUuids.cel };
  }

  /**
   * Generic-set commands beyond the base (CXL r3.1 §8.2.9.1.3-4, §8.2.9.2.4-5, §8.2.9.5.2-6) and
   * the SLD QoS telemetry set (§8.2.9.9.8). Registering them puts them in the CEL.
   */
  private registerGenericExtras(): void {
    const E = EFFECT;
    const interruptOut = (s: { mode: InterruptMode; msg: number }) => ({ interruptMode: s.mode, interruptMessageNumber: s.msg });
    this.register(
      // Response Message Limit (§8.2.9.1.3, §8.2.9.1.4): 2^n bytes, n = 8 up to the max message size.
      { name: 'getResponseMsgLimit', handler: () => ({ payload: codecs.getResponseMsgLimitRsp.encode({ limit: this.responseLimitLog2 }) }) },
      {
        name: 'setResponseMsgLimit',
        effects: E.immediatePolicyChange,
        handler: (r) => {
          const n = r.fields.limit as number;
          if (n < 8 || n > 20) return { rc: RC.invalidInput };
          // The limit in effect never exceeds what the device can send (Identify Max Message Size).
          this.responseLimitLog2 = Math.min(n, this.opts.maxMsgSizeLog2 ?? 11);
          return { payload: codecs.setResponseMsgLimitRsp.encode({ limit: this.responseLimitLog2 }) };
        },
      },
      // Get Log, bounded by the Response Message Limit as well as the mailbox (§8.2.9.5.2).
      {
        name: 'getLog',
        handler: (r) => {
          const f = r.fields as { uuid: string; offset: number; length: number };
          const log = this.logs().get(f.uuid);
          if (!log) return { rc: RC.invalidLog };
          if (f.length > this.responsePayloadLimit || f.offset + f.length > log.length) return { rc: RC.invalidInput };
          return { payload: log.slice(f.offset, f.offset + f.length) };
        },
      },
      // Event Interrupt Policy (§8.2.9.2.4 Table 8-55, §8.2.9.2.5 Table 8-56).
      {
        name: 'getEventInterruptPolicy',
        handler: () => {
          const p = this.eventInterrupts;
          return {
            payload: codecs.getEventInterruptPolicyRsp.encode({
              informationalSettings: interruptOut(p.informational),
              warningSettings: interruptOut(p.warning),
              failureSettings: interruptOut(p.failure),
              fatalSettings: interruptOut(p.fatal),
              dcdSettings: interruptOut(p.dcd),
            }),
          };
        },
      },
      {
        // The input is 4 bytes, or 5 with the Dynamic Capacity settings (Table 8-56): framed by hand.
        name: 'setEventInterruptPolicy',
        opcode: opcodeOf('setEventInterruptPolicy'),
        effects: E.immediatePolicyChange,
        handler: (r) => {
          if (r.payload.length !== 4 && r.payload.length !== 5) return { rc: RC.invalidPayloadLength };
          const padded = new Uint8Array(5);
          padded.set(r.payload);
          const f = codecs.setEventInterruptPolicyReq.decode(padded) as unknown as Record<string, { interruptMode: InterruptMode | number; interruptMessageNumber: number }>;
          const keys: ('informational' | 'warning' | 'failure' | 'fatal' | 'dcd')[] = ['informational', 'warning', 'failure', 'fatal'];
          if (r.payload.length === 5) keys.push('dcd');
          const next = { ...this.eventInterrupts };
          for (const k of keys) {
            const v = f[`${k}Settings`]!;
            // Mode 3 is reserved; the Dynamic Capacity log has no FW interrupt and no message number.
            if (typeof v.interruptMode === 'number') return { rc: RC.invalidInput };
            if (k === 'dcd' && (v.interruptMode === 'fwInterrupt' || v.interruptMessageNumber !== 0)) return { rc: RC.invalidInput };
            next[k] = { mode: v.interruptMode, msg: v.interruptMessageNumber };
          }
          this.eventInterrupts = next;
          return {};
        },
      },
      // Log management (§8.2.9.5.3-6).
      {
        name: 'getLogCapabilities',
        handler: (r) => {
          const caps = this.logCapabilities(r.fields.uuid as string);
          if (!caps) return { rc: RC.invalidLog };
          return { payload: codecs.getLogCapabilitiesRsp.encode({ parameterFlags: caps }) };
        },
      },
      {
        name: 'clearLog',
        effects: E.immediateLogChange,
        handler: (r) => {
          const caps = this.logCapabilities(r.fields.uuid as string);
          if (!caps) return { rc: RC.invalidLog };
          // A log whose capabilities do not include Clear Log Supported cannot be cleared.
          if (!caps.clearLogSupported) return { rc: RC.unsupported };
          if (r.fields.uuid === logUuids.vendorDebug) this.vendorDebug = [];
          return {};
        },
      },
      {
        name: 'populateLog',
        effects: E.immediateLogChange | E.backgroundOperation,
        handler: (r) => {
          const caps = this.logCapabilities(r.fields.uuid as string);
          if (!caps) return { rc: RC.invalidLog };
          if (!caps.populateLogSupported) return { rc: RC.unsupported };
          // The snapshot is taken when the operation completes, as a device would when done.
          return this.startBackground(
            opcodeOf('populateLog'),
            () => {
              this.vendorDebug = [...this.vendorDebug, this.debugSnapshot()].slice(-SimCxlType3.VENDOR_DEBUG_LINES);
              return RC.success;
            },
            false,
          );
        },
      },
      {
        name: 'getSupportedLogsSublist',
        handler: (r) => {
          const max = r.fields.maxSupportedLogEntries as number;
          const start = r.fields.startLogEntryIndex as number;
          const all = [...this.logs()].map(([uuid, b]) => ({ uuid, logSize: b.length }));
          if (max === 0 || start >= all.length) return { rc: RC.invalidInput };
          const fit = Math.floor((this.responsePayloadLimit - 8) / 20);
          const entries = all.slice(start, start + Math.min(max, fit));
          return {
            payload: codecs.getSupportedLogsSublistRsp.encode({ totalNumSupportedLogEntries: all.length, startLogEntryIndex: start, entries }),
          };
        },
      },
      // SLD QoS Telemetry (§8.2.9.9.8 Tables 8-161, 8-162).
      {
        name: 'memdevGetSldQosControl',
        handler: () => ({
          payload: codecs.memdevGetSldQosControlRsp.encode({
            qosTelemetryControl: { egressPortCongestionEnable: this.qos.egressPortCongestionEnable, temporaryThroughputReductionEnable: this.qos.temporaryThroughputReductionEnable },
            egressModeratePercentage: this.qos.moderate,
            egressSeverePercentage: this.qos.severe,
            backpressureSampleInterval: this.qos.interval,
          }),
        }),
      },
      {
        name: 'memdevSetSldQosControl',
        effects: E.immediatePolicyChange,
        handler: (r) => {
          const f = r.fields as {
            qosTelemetryControl: { egressPortCongestionEnable: boolean; temporaryThroughputReductionEnable: boolean };
            egressModeratePercentage: number;
            egressSeverePercentage: number;
            backpressureSampleInterval: number;
          };
          const pct = (v: number) => v >= 1 && v <= 100;
          // Thresholds are 1-100 percent, the sample interval 0-15 ns (Table 8-161).
          if (!pct(f.egressModeratePercentage) || !pct(f.egressSeverePercentage) || f.backpressureSampleInterval > 15) return { rc: RC.invalidInput };
          this.qos = {
            egressPortCongestionEnable: f.qosTelemetryControl.egressPortCongestionEnable,
            temporaryThroughputReductionEnable: f.qosTelemetryControl.temporaryThroughputReductionEnable,
            moderate: f.egressModeratePercentage,
            severe: f.egressSeverePercentage,
            interval: f.backpressureSampleInterval,
          };
          return {};
        },
      },
      {
        name: 'memdevGetSldQosStatus',
        handler: () => ({
          // Sampling disabled (interval 0) or congestion telemetry off: nothing is measured.
          payload: codecs.memdevGetSldQosStatusRsp.encode({
            backpressureAvgPercentage: this.qos.egressPortCongestionEnable && this.qos.interval > 0 ? this.backpressure : 0,
          }),
        }),
      },
    );
  }

  /** Exposed for tests: the poison source names. */
  static readonly poisonSources = SOURCE_NAME;
  static readonly logUuids = logUuids;
}
