// Shared by the live suite (test/live/*.live.test.ts, run in the QEMU guest) and the fixture replay tests
// (test/replay/*.test.ts, run by plain `npm test`):
// - recording: every live exchange goes through the recorder of src/transport/record.ts into a JSON-lines file
//   under the guest's record dir, with a header that also names the kernel, QEMU and nvme-cli versions;
// - the mailbox paths: the kernel's known command ids (openCxlMailbox) and RAW for every opcode;
// - an AF_MCTP responder loop that puts a simulated device (src/transport/sim) behind a bound socket;
// - the scenarios themselves: ordered steps with their assertions. The live tests run them against the
//   devices; the replay tests run the very same steps against the recordings, so the request sequence matches
//   byte for byte and CI checks the decoding of real device bytes without QEMU.
//
// Device facts come from topology.ts only. Nothing here loads native code at import time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, } from 'node:fs';
import { release, version as osVersion } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { MCTP_NET_ANY, MCTP_TYPE_IC, mctpMessageType } from '../../spec-tables/linux/mctp.js';
import { eventRecordUuids, logUuids } from '../../spec-tables/cxl/generic.js';
import type { Endpoint } from '../../src/api/cxl/index.js';
import type { MctpMessageReceiver, NvmeDevice, NvmeMiEndpoint } from '../../src/api/nvme/index.js';
import { CxlCommandError, CxlNvmeError, NvmeStatusError } from '../../src/errors.js';
import type { NvmeCommand } from '../../src/protocol/nvme/command-types.js';
import * as admin from '../../src/protocol/nvme/admin.js';
import * as feat from '../../src/protocol/nvme/features.js';
import { FID } from '../../src/protocol/nvme/constants.js';
import { MI_STATUS_MPR } from '../../src/protocol/nvme/mi.js';
import { codecFor, codecs } from '../../src/structs/index.js';
import type { EventRecord, IdCtrl, IdNs, SmartLog } from '../../src/structs/index.js';
import { type CxlMailboxTransport, openCxlMailbox } from '../../src/transport/cxl-mailbox.js';
import { MctpSocket } from '../../src/transport/mctp-socket.js';
import type { MctpDatagram, Syscalls } from '../../src/transport/native/syscalls.js';
import { nativeSyscalls } from '../../src/transport/native/syscalls.js';
import { recordCxl, recordMctp, recordNvme } from '../../src/transport/record.js';
import { type SimCciDevice, SimCxlSwitch, SimCxlType3, type SimCxlType3Options, SimNvmeController, SimNvmeMi } from '../../src/transport/sim/index.js';
import { CXL_MCTP_TIMEOUT_MS, NVME_MI_TIMEOUT_MS } from '../../src/transport/mctp.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/cxl/messages.js';
import { commandsByOpcode, isFmApiOpcode, returnCodeInfo, TUNNEL_MANAGEMENT_OPCODE } from '../../src/protocol/cxl/registry.js';
import type { CxlTransport, MctpMessageTransport, NvmeTransport, SubmitOptions, TransportInfo } from '../../src/transport/types.js';
import { eventDataByUuid } from '../../spec-tables/cxl/generic.js';
import { type CxlType3, dcd, generalMediaInjections, memExpander, MiB, nvme, poisonInjections } from './topology.js';

// --- environment and recording ----------------------------------------------------------------------

/** Where the committed fixtures live (the host copies the guest's record dir here when recording). */
export const FIXTURE_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../fixtures/live');

/** Versions written into every recording header. */
export interface LiveVersions {
  readonly kernel: string;
  readonly kernelBuild: string;
  /** Debian version of qemu-system-x86 (the guest runs in the host's root, so this is the QEMU that boots it). */
  readonly qemu: string;
  readonly nvmeCli: string;
  readonly node: string;
}

function tryRun(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

let versions: LiveVersions | undefined;
export function liveVersions(): LiveVersions {
  versions ??= {
    kernel: release(),
    kernelBuild: osVersion(),
    // dpkg-query's format field (a literal dollar-brace, not a template).
    qemu: tryRun('dpkg-query', ['-W', '-f=$' + '{Version}', 'qemu-system-x86']),
    nvmeCli: tryRun('nvme', ['version']).split('\n')[0] ?? 'unknown',
    node: process.version,
  };
  return versions;
}

/** The guest's record dir ('' outside the guest). */
export function liveRecordDir(): string {
  const out = process.env['CXL_NVME_LIVE_OUT'] ?? '';
  return process.env['CXL_NVME_LIVE_RECORD'] ?? (out ? join(out, 'record') : '');
}

/** Record options writing `name` (relative, e.g. 'cxl/expander-ids.jsonl') under the record dir, with versions in the header. */
function recordTo(name: string, extra: Record<string, unknown> = {}): { file: string; header: Record<string, unknown> } {
  const dir = liveRecordDir();
  if (!dir) throw new Error(`recording ${name}: not running under npm run test:live (no CXL_NVME_LIVE_RECORD)`);
  const file = resolve(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  return { file, header: { fixture: name, env: liveVersions(), ...extra } };
}

export function recordedCxl<T extends CxlTransport>(inner: T, name: string, extra?: Record<string, unknown>): CxlTransport {
  return recordCxl(inner, { ...recordTo(name, extra) });
}

export function recordedNvme<T extends NvmeTransport>(inner: T, name: string, extra?: Record<string, unknown>): NvmeTransport {
  return recordNvme(inner, { ...recordTo(name, extra) });
}

/** Write a side file (e.g. nvme-cli JSON) next to the recordings. */
export function recordSide(name: string, text: string): void {
  const dir = liveRecordDir();
  if (!dir) throw new Error(`recording ${name}: no record dir`);
  const path = resolve(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Fixture files (relative names) under FIXTURE_DIR with a suffix, recursively. */
export function listFixtures(sub: string, suffix = '.jsonl'): string[] {
  const base = join(FIXTURE_DIR, sub);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(sub, f))
    .sort();
}

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

// --- mailbox paths --------------------------------------------------------------------------------

export type MailboxMode = 'ids' | 'raw';

/**
 * /dev/cxl/memN with every opcode sent as CXL_MEM_COMMAND_ID_RAW: a CxlMailboxTransport told the kernel
 * knows no command ids (openCxlMailbox has no option for this; its constructor takes the command list).
 */
export function openRawMailbox(path: string, syscalls: Syscalls = nativeSyscalls()): Promise<CxlMailboxTransport> {
  return openCxlMailbox(path, { syscalls, raw: true });
}

// --- AF_MCTP responder ----------------------------------------------------------------------------

export interface ResponderOptions {
  readonly eid: number;
  readonly net?: number;
  /** Message types to bind (one socket each). */
  readonly types: readonly number[];
  /**
   * Answer one request: its body, or with `typeByte` the whole message with the datagram's type byte
   * (IC bit included) first. The answer is one reply, several replies sent in order on the request's tag
   * (More Processing Required, then the final reply), or undefined to stay silent.
   */
  readonly handle: (data: Uint8Array, d: MctpDatagram) => Promise<MctpReplies> | MctpReplies;
  /**
   * The NVMe-MI form (SimNvmeMi's): requests are handed over with their type byte first, and each reply's
   * first byte is its type byte (04h or 84h), sent in the address as the kernel expects.
   */
  readonly typeByte?: boolean;
  readonly syscalls?: Syscalls;
}

export type MctpReplies = Uint8Array | readonly Uint8Array[] | undefined;

/** A responder on bound AF_MCTP sockets: every request datagram is handled and answered with the same tag. */
export class MctpResponder {
  readonly requests: { type: number; eid: number; tag: number; length: number }[] = [];
  /** Replies the kernel refused to send (errno name), with the request's tag. */
  readonly sendErrors: { tag: number; code: string }[] = [];
  readonly #sockets: MctpSocket[] = [];
  #closed = false;

  private constructor(private readonly opts: ResponderOptions) {
    const sys = opts.syscalls ?? nativeSyscalls();
    for (const type of opts.types) {
      const s = MctpSocket.open(sys, { bind: { net: opts.net ?? MCTP_NET_ANY, eid: opts.eid, type } });
      this.#sockets.push(s);
      this.#loop(s);
    }
  }

  static start(opts: ResponderOptions): MctpResponder {
    return new MctpResponder(opts);
  }

  #loop(s: MctpSocket): void {
    if (this.#closed) return;
    const rx = s.receive((d) => d.tagOwner);
    rx.promise.then(
      async (d) => {
        this.requests.push({ type: d.type, eid: d.eid, tag: d.tag, length: d.data.length });
        const typed = this.opts.typeByte === true;
        const msg = typed ? Uint8Array.of(d.type, ...d.data) : d.data.slice();
        const answer = await this.opts.handle(msg, d);
        const replies = answer === undefined ? [] : answer instanceof Uint8Array ? [answer] : answer;
        for (const r of replies) {
          if (this.#closed) break;
          try {
            if (typed) s.send(r.subarray(1), { net: d.net, eid: d.eid, type: r[0]!, tag: d.tag, tagOwner: false });
            else s.send(r, { net: d.net, eid: d.eid, type: d.type, tag: d.tag, tagOwner: false });
          } catch (e) {
            // On lo the reply is delivered inside sendto: the kernel's refusal (ENOENT when no socket holds
            // the requester's tag any more) comes back here. Kept for the tests; the loop goes on.
            this.sendErrors.push({ tag: d.tag, code: (e as { code?: string }).code ?? String(e) });
            break;
          }
        }
        this.#loop(s);
      },
      () => undefined, // closed
    );
  }

  close(): void {
    this.#closed = true;
    for (const s of this.#sockets) s.close();
  }
}

// --- steps ----------------------------------------------------------------------------------------

export interface Step<C> {
  readonly name: string;
  readonly run: (ctx: C) => Promise<void>;
}

/** Expect `p` to reject with a CxlCommandError of this return-code name. */
export async function expectCxlError(p: Promise<unknown>, returnCodeName: string): Promise<CxlCommandError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `expected CxlCommandError ${returnCodeName}`).toBeInstanceOf(CxlCommandError);
  expect((e as CxlCommandError).returnCodeName).toBe(returnCodeName);
  return e as CxlCommandError;
}

/** Expect `p` to reject with a CxlNvmeError of this code (errno names for kernel refusals). */
export async function expectCode(p: Promise<unknown>, code: string): Promise<CxlNvmeError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `expected error ${code}`).toBeInstanceOf(CxlNvmeError);
  expect((e as CxlNvmeError).code).toBe(code);
  return e as CxlNvmeError;
}

const UNIT_256M = 256n * BigInt(MiB);
const CACHELINE = 64;

/**
 * QEMU 10's Type 3 Command Effects Log, as measured: 26 opcodes -- events 0100h-0103h, firmware 0200h-0202h,
 * timestamp 0300h/0301h, logs 0400h/0401h (no Get Log Capabilities), features 0500h-0502h, Identify Memory
 * Device, Get Partition Info (no Set), LSA 4102h/4103h, poison 4300h-4302h, scan media 4303h-4305h, Sanitize
 * 4400h, Get Security State 4500h. Not listed (and answered Unsupported): 0001h, 0002h, 4200h-4204h.
 */
export const QEMU_TYPE3_CEL: readonly number[] = [
  0x0100, 0x0101, 0x0102, 0x0103, 0x0200, 0x0201, 0x0202, 0x0300, 0x0301, 0x0400, 0x0401, 0x0500, 0x0501, 0x0502,
  0x4000, 0x4100, 0x4102, 0x4103, 0x4300, 0x4301, 0x4302, 0x4303, 0x4304, 0x4305, 0x4400, 0x4500,
];

/** A fixed device time (2026-01-01T00:00:00Z in ns) so the Set Timestamp request is the same in every recording. */
export const FIXED_TIMESTAMP_NS = 1_767_225_600_000_000_000n;

export interface CxlCtx {
  readonly ep: Endpoint;
  readonly mode: MailboxMode;
  readonly device: CxlType3;
  /** Live: real sleep; replay: none. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Values steps hand to later steps. */
  readonly state: Map<string, unknown>;
}

function celOpcodes(entries: readonly { opcode: number }[]): number[] {
  return entries.map((e) => e.opcode).sort((a, b) => a - b);
}

async function poisonList(ep: Endpoint, bytes: number) {
  const r = await ep.getPoisonList({ getPoisonListPhyAddr: { cacheline: 0 }, getPoisonListPhyAddrLen: bytes / CACHELINE });
  expect(r.poisonListFlags.moreMediaErrorRecords).toBe(false);
  expect(r.poisonListFlags.poisonListOverflow).toBe(false);
  expect(r.moreErrMediaRecordCnt).toBe(r.records.length);
  return r.records
    .map((x) => ({ dpa: Number(x.mediaErrAddr.cacheline) * CACHELINE, length: x.mediaErrLen * CACHELINE, source: x.mediaErrAddr.errorSource }))
    .sort((a, b) => a.dpa - b.dpa);
}

const injected = poisonInjections.filter((p) => p.device === memExpander.id).map((p) => ({ dpa: p.dpa, length: p.length }));

/** The memory expander (Type 3 with volatile + persistent + LSA) over one mailbox path. */
export function expanderSteps(mode: MailboxMode): Step<CxlCtx>[] {
  const dev = memExpander;
  const total = dev.volatileBytes + dev.persistentBytes;
  const steps: Step<CxlCtx>[] = [
    {
      name: 'Identify (0001h) answers Unsupported on the Type 3 mailbox',
      run: async ({ ep }) => {
        const e = await expectCxlError(ep.identify(), 'unsupported');
        expect(e.opcode).toBe(0x0001);
      },
    },
    {
      name: 'Memory Device Identify (4000h) gives the capacities and LSA of the topology',
      run: async ({ ep, state }) => {
        const id = await ep.memdevIdentify();
        expect(id.totalCapacity * UNIT_256M).toBe(BigInt(total));
        expect(id.volatileCapacity * UNIT_256M).toBe(BigInt(dev.volatileBytes));
        expect(id.persistentCapacity * UNIT_256M).toBe(BigInt(dev.persistentBytes));
        expect(id.partitionAlign).toBe(0n);
        expect(id.lsaSize).toBe(dev.lsaBytes);
        // QEMU's fixed string (hw/cxl/cxl-mailbox-utils.c "BWFW VERSION %02d").
        expect(id.fwRevision).toBe('BWFW VERSION 00');
        expect(id.poisonListMaxMer).toBeGreaterThan(0);
        state.set('fwRevision', id.fwRevision);
      },
    },
    {
      name: 'Get FW Info (0200h): active slot holds the identify revision',
      run: async ({ ep, state }) => {
        const fw = await ep.getFwInfo();
        expect(fw.slotsSupported).toBeGreaterThanOrEqual(2);
        expect(fw.slotsSupported).toBeLessThanOrEqual(4);
        expect(fw.slotInfo.activeSlot).toBeGreaterThanOrEqual(1);
        expect(fw.slotInfo.activeSlot).toBeLessThanOrEqual(fw.slotsSupported);
        const revs = [fw.fwRev1, fw.fwRev2, fw.fwRev3, fw.fwRev4];
        // QEMU reports slot 1 as "BWFW VERSION 0", one digit fewer than Identify's revision.
        expect(fw.slotInfo.activeSlot).toBe(1);
        expect(revs[0]).toBe('BWFW VERSION 0');
        expect(String(state.get('fwRevision')).startsWith(revs[0]!)).toBe(true);
        for (const r of revs.slice(fw.slotsSupported)) expect(r).toBe('');
      },
    },
    {
      name: 'Set Timestamp (0301h) then Get Timestamp (0300h) runs from the value set',
      run: async ({ ep, sleep }) => {
        await ep.setTimestamp({ timestamp: FIXED_TIMESTAMP_NS });
        await sleep(20);
        const t = (await ep.getTimestamp()).timestamp;
        expect(t).toBeGreaterThanOrEqual(FIXED_TIMESTAMP_NS);
        expect(t - FIXED_TIMESTAMP_NS).toBeLessThan(600n * 1_000_000_000n);
      },
    },
    {
      name: 'Get Supported Logs (0400h) and the CEL (0401h) list the 26 opcodes QEMU implements',
      run: async ({ ep, state }) => {
        const logs = await ep.getSupportedLogs();
        expect(logs.numSupportedLogEntries).toBe(logs.entries.length);
        const cel = logs.entries.find((e) => e.uuid === logUuids.cel);
        expect(cel?.logSize).toBe(QEMU_TYPE3_CEL.length * 4);
        const list = await ep.getLogCel({ uuid: logUuids.cel, offset: 0, length: cel!.logSize });
        expect(celOpcodes(list.entries)).toEqual(QEMU_TYPE3_CEL);
        const scan = list.entries.find((e) => e.opcode === 0x4304)!;
        expect(scan.commandEffect.backgroundOperation).toBe(true);
        state.set('celSize', cel!.logSize);
      },
    },
    {
      name: 'Get Log (0401h) with an offset: QEMU counts the offset in 4-byte CEL entries, not bytes',
      run: async ({ ep, state }) => {
        const size = state.get('celSize') as number;
        const whole = await ep.readLog(logUuids.cel, size);
        expect(celOpcodes(codecs.getLogCelList.decode(whole).entries)).toEqual(QEMU_TYPE3_CEL);
        // CXL r3.1 §8.2.9.5.2: Offset is in bytes. QEMU 10 copies from `cci->cel_log + offset`, pointer
        // arithmetic on an array of 4-byte entries, so offset N returns the bytes of entry N (a QEMU bug).
        const at2 = await ep.getLog({ uuid: logUuids.cel, offset: 2, length: 8 });
        expect(at2.data).toEqual(whole.subarray(8, 16));
        const at8 = await ep.getLog({ uuid: logUuids.cel, offset: 8, length: 8 });
        expect(at8.data).toEqual(whole.subarray(32, 40));
        // So a chunked read (byte offsets, as the spec says) gets the first chunk right and the rest wrong.
        const pieces = await ep.readLog(logUuids.cel, size, { chunkSize: 32 });
        expect(pieces.subarray(0, 32)).toEqual(whole.subarray(0, 32));
        expect(pieces.subarray(32)).not.toEqual(whole.subarray(32));
      },
    },
    {
      name: 'Get Supported Features (0500h) and Get Feature (0501h) for each feature',
      run: async ({ ep }) => {
        const sup = await ep.getSupportedFeatures({ count: 1024, startingFeatureIndex: 0 });
        expect(sup.numSupportedFeatureEntries).toBe(sup.supportedFeatureEntries.length);
        expect(sup.deviceSupportedFeatures).toBe(sup.supportedFeatureEntries.length);
        expect(sup.deviceSupportedFeatures).toBeGreaterThan(0);
        for (const f of sup.supportedFeatureEntries) {
          expect(f.getFeatureSize).toBeGreaterThan(0);
          const got = await ep.getFeature({ featureId: f.featureId, offset: 0, count: f.getFeatureSize, selection: 'current' });
          expect(got.featureData.length).toBe(f.getFeatureSize);
        }
      },
    },
    {
      name: 'Get Partition Info (4100h) matches the static capacities',
      run: async ({ ep }) => {
        const p = await ep.memdevGetPartitionInfo();
        expect(p.activeVmem * UNIT_256M).toBe(BigInt(dev.volatileBytes));
        expect(p.activePmem * UNIT_256M).toBe(BigInt(dev.persistentBytes));
        expect(p.nextVmem).toBe(0n);
        expect(p.nextPmem).toBe(0n);
      },
    },
    mode === 'ids'
      ? {
          name: 'Set LSA (4103h) then Get LSA (4102h) reads the bytes back (restored after)',
          run: async ({ ep }) => {
            const off = dev.lsaBytes - 128;
            const before = await ep.readLsa(off, 128);
            const pattern = Uint8Array.from({ length: 128 }, (_, i) => (i * 7 + 0x5a) & 0xff);
            await ep.memdevSetLsa({ offset: off, data: pattern });
            expect(await ep.readLsa(off, 128)).toEqual(pattern);
            expect((await ep.memdevGetLsa({ offset: off + 16, length: 16 })).data).toEqual(pattern.subarray(16, 32));
            await ep.memdevSetLsa({ offset: off, data: before });
            expect(await ep.readLsa(off, 128)).toEqual(before);
          },
        }
      : {
          name: 'Get LSA (4102h) works raw; Set LSA (4103h) raw is refused with EPERM',
          run: async ({ ep }) => {
            const off = dev.lsaBytes - 128;
            const before = await ep.readLsa(off, 128);
            expect(before.length).toBe(128);
            const e = await expectCode(ep.memdevSetLsa({ offset: off, data: new Uint8Array(16) }), 'EPERM');
            expect(e.message).toMatch(/blocks opcode 4103h/);
          },
        },
    {
      name: 'Get Event Records (0100h) returns the injected General Media event',
      run: async ({ ep }) => {
        const inj = generalMediaInjections.filter((g) => g.device === dev.id);
        const r = await ep.getEventRecords({ eventLog: 'informational' });
        expect(r.flags.overflow).toBe(false);
        expect(r.recordCount).toBe(r.records.length);
        // Set Timestamp in an earlier step does not change records that were already logged.
        expect(r.records.length).toBe(inj.length);
        for (const [i, g] of inj.entries()) {
          const rec = r.records[i] as EventRecord;
          expect(rec.uuid).toBe(eventRecordUuids.generalMedia);
          expect(rec.length).toBe(128);
          const data = codecFor<Record<string, unknown>>(eventDataByUuid[rec.uuid]!).decode(rec.data) as {
            physAddr: { cacheline: bigint; volatile: boolean };
            descriptor: { uncorrectableEvent: boolean; thresholdEvent: boolean };
            type: unknown;
            transactionType: unknown;
          };
          expect(Number(data.physAddr.cacheline) * CACHELINE).toBe(g.dpa);
          expect(data.descriptor.uncorrectableEvent).toBe((g.descriptor & 1) !== 0);
          expect(data.descriptor.thresholdEvent).toBe((g.descriptor & 2) !== 0);
          expect(data.type).toBe('teStateViolation');
          expect(g.type).toBe(3);
          expect(data.transactionType).toBe(g.transactionType);
        }
        for (const log of ['warning', 'failure', 'fatal'] as const) {
          expect((await ep.getEventRecords({ eventLog: log })).records).toEqual([]);
        }
      },
    },
  ];
  if (mode === 'raw') {
    steps.push({
      name: 'Clear Event Records (0101h) by handle empties the informational log',
      run: async ({ ep }) => {
        const r = await ep.getEventRecords({ eventLog: 'informational' });
        expect(r.records.length).toBeGreaterThan(0);
        await ep.clearEventRecords({ eventLog: 'informational', clearFlags: { clearAllEvents: false }, nrRecs: r.records.length, handles: r.records.map((x) => x.handle) });
        const after = await ep.getEventRecords({ eventLog: 'informational' });
        expect(after.records).toEqual([]);
        expect(after.flags.moreRecords).toBe(false);
      },
    });
  }
  steps.push(
    {
      name: 'Get Poison List (4300h) holds the two injected records',
      run: async ({ ep }) => {
        const list = await poisonList(ep, total);
        expect(list.map(({ dpa, length }) => ({ dpa, length }))).toEqual(injected);
        for (const p of list) expect(p.source).toBe('internal');
      },
    },
    {
      name: 'Inject Poison (4301h) adds a record and Clear Poison (4302h) removes it',
      run: async ({ ep }) => {
        const dpa = mode === 'ids' ? 0x8000 : 0x9000;
        await ep.memdevInjectPoison({ injectPoisonPhyAddr: dpa });
        const withIt = await poisonList(ep, total);
        expect(withIt).toContainEqual({ dpa, length: CACHELINE, source: 'injected' });
        expect(withIt.length).toBe(injected.length + 1);
        await ep.memdevClearPoison({ clearPoisonPhyAddr: dpa, clearPoisonWriteData: new Uint8Array(64).fill(0xa5) });
        const after = await poisonList(ep, total);
        expect(after.map(({ dpa: d, length }) => ({ dpa: d, length }))).toEqual(injected);
      },
    },
    {
      name: 'Get Scan Media Capabilities (4303h) gives an estimate',
      run: async ({ ep }) => {
        const c = await ep.memdevGetScanMediaCapabilities({
          getScanMediaCapabilitiesStartPhysaddr: 0,
          getScanMediaCapabilitiesPhysaddrLength: total / CACHELINE,
        });
        expect(c.estimatedScanMediaTime).toBeGreaterThanOrEqual(0);
        // Outside the device's capacity.
        await expectCxlError(
          ep.memdevGetScanMediaCapabilities({ getScanMediaCapabilitiesStartPhysaddr: total, getScanMediaCapabilitiesPhysaddrLength: 1 }),
          'invalidPhysicalAddress',
        );
      },
    },
  );
  if (mode === 'ids') {
    steps.push({
      name: 'Scan Media (4304h) starts in the background; Get Scan Media Results (4305h) lists the poison',
      run: async ({ ep, sleep }) => {
        const est = await ep.memdevGetScanMediaCapabilities({ getScanMediaCapabilitiesStartPhysaddr: 0, getScanMediaCapabilitiesPhysaddrLength: total / CACHELINE });
        expect(est.estimatedScanMediaTime).toBeGreaterThan(0);
        const op = await ep.memdevScanMedia({ scanMediaPhysaddr: 0, scanMediaPhysaddrLength: total / CACHELINE, scanMediaFlags: { noEventLog: true } }, { pollIntervalMs: 50 });
        // QEMU's Type 3 mailbox does not implement Background Operation Status (0002h): progress is only in the
        // mailbox status register, which Linux 6.1 does not expose. So the poll fails with Unsupported.
        const polled = await op.done.then(
          () => undefined,
          (e: unknown) => e,
        );
        if (polled !== undefined) {
          expect(polled).toBeInstanceOf(CxlCommandError);
          expect((polled as CxlCommandError).opcode).toBe(0x0002);
          expect((polled as CxlCommandError).returnCodeName).toBe('unsupported');
        }
        // Results: QEMU answers Unsupported until the scan has run (its estimate is a few seconds), so poll.
        // While it runs the poison list reports Scan Media In Progress (checked once, below).
        let results: Awaited<ReturnType<Endpoint['memdevGetScanMediaResults']>> | undefined;
        let sawInProgress = false;
        for (let i = 0; ; i++) {
          try {
            results = await ep.memdevGetScanMediaResults();
            break;
          } catch (e) {
            if (!(e instanceof CxlCommandError) || !['busy', 'unsupported'].includes(e.returnCodeName) || i > 100) throw e;
            if (i === 0) {
              const r = await ep.getPoisonList({ getPoisonListPhyAddr: { cacheline: 0 }, getPoisonListPhyAddrLen: total / CACHELINE });
              sawInProgress = r.poisonListFlags.scanMediaInProgress;
            }
            await sleep(250);
          }
        }
        expect(sawInProgress).toBe(true);
        if (!results) throw new Error('no scan media results');
        expect(results.scanMediaFlags.scanStoppedPrematurely).toBe(false);
        expect(results.scanMediaFlags.moreMediaErrorRecords).toBe(false);
        // QEMU's scan only re-discovers poison that overflowed the poison list (its backup list); with the list
        // holding every injected record, the results are empty and the list is unchanged.
        expect(results.mediaErrorCount).toBe(0);
        expect(results.record).toEqual([]);
        expect((await poisonList(ep, total)).map(({ dpa, length }) => ({ dpa, length }))).toEqual(injected);
      },
    });
  } else {
    steps.push({
      name: 'Scan Media (4304h) and Get Scan Media Results (4305h) raw are refused with EPERM',
      run: async ({ ep }) => {
        await expectCode(ep.memdevScanMedia({ scanMediaPhysaddr: 0, scanMediaPhysaddrLength: 1, scanMediaFlags: { noEventLog: true } }), 'EPERM');
        await expectCode(ep.memdevGetScanMediaResults(), 'EPERM');
      },
    });
  }
  steps.push({
    name: mode === 'ids' ? 'refusals: Get Health Info id not enabled (ENOTTY), sanitize set blocked (EPERM)' : 'refusals: Get Health Info raw is Unsupported, sanitize and security sets blocked (EPERM)',
    run: async ({ ep }) => {
      if (mode === 'ids') {
        const e = await expectCode(ep.memdevGetHealthInfo(), 'ENOTTY');
        expect(e.message).toMatch(/GET_HEALTH_INFO/);
        await expectCode(ep.memdevGetAlertConfig(), 'ENOTTY');
      } else {
        await expectCxlError(ep.memdevGetHealthInfo(), 'unsupported');
      }
      const s = await expectCode(ep.memdevSanitize(), 'EPERM');
      expect(s.message).toMatch(/command set 44h/);
      await expectCode(ep.memdevGetSecurityState(), 'EPERM');
    },
  });
  return steps;
}

/** The dynamic-capacity device over one mailbox path. Linux 6.1 passes the DCD commands as RAW. */
export function dcdSteps(mode: MailboxMode): Step<CxlCtx>[] {
  const dev = dcd;
  return [
    {
      name: 'Memory Device Identify (4000h): no static capacity, a DC event log',
      run: async ({ ep }) => {
        const id = await ep.memdevIdentify();
        expect(id.totalCapacity).toBe(0n);
        expect(id.volatileCapacity).toBe(0n);
        expect(id.persistentCapacity).toBe(0n);
        expect(id.lsaSize).toBe(dev.lsaBytes);
        expect(id.dcEventLogSize).toBeGreaterThan(0);
      },
    },
    {
      name: 'the CEL adds the DCD opcodes 4800h-4803h',
      run: async ({ ep }) => {
        const logs = await ep.getSupportedLogs();
        const cel = logs.entries.find((e) => e.uuid === logUuids.cel)!;
        const list = await ep.getLogCel({ uuid: logUuids.cel, offset: 0, length: cel.logSize });
        expect(celOpcodes(list.entries)).toEqual([...QEMU_TYPE3_CEL, 0x4800, 0x4801, 0x4802, 0x4803].sort((a, b) => a - b));
      },
    },
    {
      name: 'Get Dynamic Capacity Configuration (4800h) shows the regions of the topology',
      run: async ({ ep }) => {
        // QEMU 10 answers with the CXL r3.1 layout: head, the regions, then the extent / tag counters.
        const c = await ep.memdevGetDcConfig({ regionCnt: 8, startRegionId: 0 });
        expect(c.numExtentsSupported).toBeGreaterThan(0);
        expect(c.numExtentsAvailable).toBe(c.numExtentsSupported);
        expect(c.numTagsSupported).toBe(0);
        expect(c.numRegions).toBe(dev.dcRegions);
        expect(c.regionsReturned).toBe(dev.dcRegions);
        const each = BigInt(dev.dynamicCapacityBytes / dev.dcRegions);
        let sum = 0n;
        for (const r of c.regionConfigs) {
          expect(r.decodeLen * UNIT_256M).toBe(each);
          expect(r.regionLen).toBe(each);
          expect(r.base % UNIT_256M).toBe(0n);
          expect(r.blockSize % 64n).toBe(0n);
          sum += r.regionLen;
        }
        expect(sum).toBe(BigInt(dev.dynamicCapacityBytes));
      },
    },
    {
      name: 'Get Dynamic Capacity Extent List (4801h) is empty (no extents added)',
      run: async ({ ep }) => {
        const l = await ep.memdevGetDcExtentList({ extentCnt: 16, startExtentIdx: 0 });
        expect(l.totalNumExtents).toBe(0);
        expect(l.numExtentsReturned).toBe(0);
        expect(l.extents).toEqual([]);
      },
    },
    {
      name: 'the DCD has no LSA and no static media to scan',
      run: async ({ ep }) => {
        await expectCxlError(ep.memdevGetLsa({ offset: 0, length: 64 }), 'invalidInput');
        await expectCxlError(
          ep.memdevGetScanMediaCapabilities({ getScanMediaCapabilitiesStartPhysaddr: 0, getScanMediaCapabilitiesPhysaddrLength: 4096 / CACHELINE }),
          'invalidPhysicalAddress',
        );
        if (mode === 'ids') await expectCode(ep.memdevGetShutdownState(), 'ENOTTY');
        else await expectCxlError(ep.memdevGetShutdownState(), 'unsupported');
      },
    },
  ];
}

// --- NVMe -----------------------------------------------------------------------------------------

export type NvmeNode = 'ctrl' | 'blk' | 'ng';

export interface NvmeCtx {
  readonly dev: NvmeDevice;
  readonly node: NvmeNode;
  /** nvme-cli JSON for these arguments: live runs nvme-cli (and records it), replay reads the recording. */
  readonly nvmeCli: (args: readonly string[]) => Promise<unknown>;
  readonly state: Map<string, unknown>;
}

/** nvme-cli side-file name for a command line. */
export function nvmeCliFixture(args: readonly string[]): string {
  return `nvme/nvme-cli/${args.map((a) => a.replace(/^\/dev\//, '').replace(/[^a-z0-9-]/gi, '_')).join('_')}.json`;
}

function trimStr(v: unknown): unknown {
  return typeof v === 'string' ? v.trim() : v;
}

function asBig(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  return undefined;
}

function hexOf(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

const RP = { best: 0, better: 1, good: 2, degraded: 3 } as const;
const CNTRLTYPE = { reserved: 0, io: 1, discovery: 2, admin: 3 } as const;

/** Compare one value pair: numbers/bigints/decimal strings numerically, strings trimmed. */
function same(ours: unknown, cli: unknown): boolean {
  const a = asBig(ours);
  const b = asBig(cli);
  if (a !== undefined && b !== undefined) return a === b;
  return trimStr(ours) === trimStr(cli);
}

export interface FieldComparison {
  readonly compared: string[];
  readonly mismatches: { key: string; ours: unknown; cli: unknown }[];
  /** nvme-cli keys with no counterpart here. */
  readonly unmapped: string[];
}

function compareFlat(ours: Record<string, unknown>, cli: Record<string, unknown>, rename: Record<string, string>, special: Record<string, (o: Record<string, unknown>) => unknown>, skip: readonly string[]): FieldComparison {
  const r: FieldComparison = { compared: [], mismatches: [], unmapped: [] };
  for (const [key, cliValue] of Object.entries(cli)) {
    if (skip.includes(key)) continue;
    let mine: unknown;
    if (key in special) mine = special[key]!(ours);
    else {
      const name = rename[key] ?? key;
      if (!(name in ours)) {
        r.unmapped.push(key);
        continue;
      }
      mine = ours[name];
    }
    if (typeof cliValue === 'object' && cliValue !== null) {
      r.unmapped.push(key);
      continue;
    }
    r.compared.push(key);
    if (!same(mine, cliValue)) r.mismatches.push({ key, ours: typeof mine === 'bigint' ? mine.toString() : mine, cli: cliValue });
  }
  return r;
}

/** Identify Controller decoded by cxl-nvme vs `nvme id-ctrl -o json`, every field both have. */
export function compareIdCtrl(id: IdCtrl, cli: Record<string, unknown>): FieldComparison {
  const o = id as unknown as Record<string, unknown>;
  const top = compareFlat(o, cli, {}, { cntrltype: (x) => (typeof x.cntrltype === 'string' ? CNTRLTYPE[x.cntrltype as keyof typeof CNTRLTYPE] : x.cntrltype) }, ['psds']);
  const psds = (cli['psds'] as Record<string, unknown>[] | undefined) ?? [];
  psds.forEach((p, i) => {
    const ours = id.psd[i]!;
    const psd = compareFlat(
      ours as unknown as Record<string, unknown>,
      p,
      { max_power: 'mp', entry_lat: 'enlat', exit_lat: 'exlat', read_tput: 'rrt', read_lat: 'rrl', write_tput: 'rwt', write_lat: 'rwl', idle_power: 'idlp', active_power: 'actp' },
      {
        // nvme-cli prints the raw flags byte, ips >> 6, apws & 7 and apws >> 6 (nvme-print-json.c).
        flags: (x) => ((x.flags as { mps: boolean; nops: boolean }).mps ? 1 : 0) | ((x.flags as { nops: boolean }).nops ? 2 : 0),
        idle_scale: (x) => ((x.ips as number) >> 6) & 3,
        active_power_work: (x) => (x.apws as number) & 7,
        active_scale: (x) => ((x.apws as number) >> 6) & 3,
      },
      [],
    );
    top.compared.push(...psd.compared.map((k) => `psds[${i}].${k}`));
    top.mismatches.push(...psd.mismatches.map((m) => ({ ...m, key: `psds[${i}].${m.key}` })));
    top.unmapped.push(...psd.unmapped.map((k) => `psds[${i}].${k}`));
  });
  return top;
}

/** Identify Namespace vs `nvme id-ns -o json`. */
export function compareIdNs(id: IdNs, cli: Record<string, unknown>): FieldComparison {
  const o = id as unknown as Record<string, unknown>;
  const r = compareFlat(
    o,
    cli,
    {},
    {
      flbas: (x) => {
        const f = x.flbas as IdNs['flbas'];
        return f.lbafLo | (f.extendedMetadata ? 0x10 : 0) | (f.lbafHi << 5);
      },
      eui64: (x) => hexOf(x.eui64 as Uint8Array),
      nguid: (x) => hexOf(x.nguid as Uint8Array),
    },
    ['lbafs'],
  );
  const lbafs = (cli['lbafs'] as Record<string, unknown>[] | undefined) ?? [];
  lbafs.forEach((l, i) => {
    const ours = id.lbaf[i]!;
    const rp = typeof ours.rp.rp === 'string' ? RP[ours.rp.rp as keyof typeof RP] : ours.rp.rp;
    for (const [k, mine] of [
      ['ms', ours.ms],
      ['ds', ours.ds],
      ['rp', rp],
    ] as const) {
      r.compared.push(`lbafs[${i}].${k}`);
      if (!same(mine, l[k])) r.mismatches.push({ key: `lbafs[${i}].${k}`, ours: mine, cli: l[k] });
    }
  });
  return r;
}

/** SMART / Health log vs `nvme smart-log -o json`. */
export function compareSmart(s: SmartLog, cli: Record<string, unknown>): FieldComparison {
  const o = s as unknown as Record<string, unknown>;
  const special: Record<string, (x: Record<string, unknown>) => unknown> = {
    critical_warning: (x) => {
      const c = x.criticalWarning as SmartLog['criticalWarning'];
      return (c.spare ? 1 : 0) | (c.tempThreshold ? 2 : 0) | (c.reliability ? 4 : 0) | (c.readOnly ? 8 : 0) | (c.volatileMemoryBackup ? 16 : 0) | (c.pmrReadOnly ? 32 : 0);
    },
  };
  for (let i = 1; i <= 8; i++) special[`temperature_sensor_${i}`] = (x) => (x.tempSensor as number[])[i - 1];
  return compareFlat(
    o,
    cli,
    {
      avail_spare: 'availSpare',
      spare_thresh: 'spareThresh',
      percent_used: 'percentUsed',
      endurance_grp_critical_warning_summary: 'enduGrpCritWarnSumry',
      data_units_read: 'dataUnitsRead',
      data_units_written: 'dataUnitsWritten',
      host_read_commands: 'hostReads',
      host_write_commands: 'hostWrites',
      controller_busy_time: 'ctrlBusyTime',
      power_cycles: 'powerCycles',
      power_on_hours: 'powerOnHours',
      unsafe_shutdowns: 'unsafeShutdowns',
      media_errors: 'mediaErrors',
      num_err_log_entries: 'numErrLogEntries',
      warning_temp_time: 'warningTempTime',
      critical_comp_time: 'criticalCompTime',
      thm_temp1_trans_count: 'thmTemp1TransCount',
      thm_temp2_trans_count: 'thmTemp2TransCount',
      thm_temp1_total_time: 'thmTemp1TotalTime',
      thm_temp2_total_time: 'thmTemp2TotalTime',
    },
    special,
    [],
  );
}

function expectAgreement(c: FieldComparison, minCompared: number): void {
  expect(c.mismatches).toEqual([]);
  expect(c.unmapped).toEqual([]);
  expect(c.compared.length).toBeGreaterThanOrEqual(minCompared);
}

/** A recognisable block pattern: byte i of LBA n. */
export function pattern(bytes: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: bytes }, (_, i) => (i * 31 + seed * 17 + (i >> 9)) & 0xff);
}

const ns1 = nvme.namespaces[0]!;

/** /dev/nvme0: the controller node (admin commands). */
export function nvmeCtrlSteps(): Step<NvmeCtx>[] {
  return [
    {
      name: 'Identify Controller: serial and model as given to QEMU; nvme-cli agrees field by field',
      run: async ({ dev, nvmeCli, state }) => {
        const id = await dev.idCtrl();
        expect(id.sn.trim()).toBe(nvme.serial);
        expect(id.mn.trim()).toBe(nvme.model);
        expect(id.nn).toBeGreaterThanOrEqual(nvme.namespaces.length);
        expect(id.subnqn).toBe(`nqn.2019-08.org.qemu:${nvme.serial}`);
        const cli = (await nvmeCli(['id-ctrl', `/dev/${nvme.id}`])) as Record<string, unknown>;
        expectAgreement(compareIdCtrl(id, cli), 90);
        state.set('fr', id.fr.trim());
      },
    },
    {
      name: 'Identify Namespace for every namespace: sizes and LBA formats; nvme-cli agrees',
      run: async ({ dev, nvmeCli }) => {
        expect(await dev.activeNsList()).toEqual(nvme.namespaces.map((n) => n.nsid));
        for (const ns of nvme.namespaces) {
          const id = await dev.idNs(ns.nsid);
          const lbaf = id.lbaf[id.flbas.lbafLo]!;
          expect(2 ** lbaf.ds).toBe(ns.lbaBytes);
          expect(id.nsze * BigInt(ns.lbaBytes)).toBe(BigInt(ns.sizeBytes));
          expect(id.ncap).toBe(id.nsze);
          const cli = (await nvmeCli(['id-ns', `/dev/${nvme.id}n${ns.nsid}`])) as Record<string, unknown>;
          expectAgreement(compareIdNs(id, cli), 40);
        }
      },
    },
    {
      name: 'geometry of both namespaces',
      run: async ({ dev }) => {
        for (const ns of nvme.namespaces) {
          const g = await dev.geometry(ns.nsid);
          expect(g.type).toBe('conventional');
          expect(g.nbytes).toBe(ns.lbaBytes);
          expect(g.lbaNbytes).toBe(ns.lbaBytes);
          expect(g.nbytesOob).toBe(0);
          expect(g.tbytes).toBe(BigInt(ns.sizeBytes));
          expect(2 ** g.ssw).toBe(ns.lbaBytes);
          expect(g.nsect * BigInt(g.nbytes)).toBe(BigInt(ns.sizeBytes));
          expect(g.piType).toBe(0);
          // QEMU MDTS 7 with 4 KiB pages: 512 KiB.
          expect(g.mdtsNbytes).toBe(512 * 1024);
        }
      },
    },
    {
      name: 'SMART / Health log: sane values; nvme-cli agrees field by field',
      run: async ({ dev, nvmeCli }) => {
        const s = await dev.smartLog();
        expect(s.temperature).toBeGreaterThan(273);
        expect(s.temperature).toBeLessThan(373);
        expect(s.percentUsed).toBe(0);
        expect(s.mediaErrors).toBe(0n);
        // No NVM command between our read and nvme-cli's: every counter must match.
        const cli = (await nvmeCli(['smart-log', `/dev/${nvme.id}`])) as Record<string, unknown>;
        expectAgreement(compareSmart(s, cli), 20);
      },
    },
    {
      name: 'Error log and Firmware Slot log',
      run: async ({ dev, state }) => {
        const errors = await dev.errorLog(4);
        expect(errors.length).toBe(4);
        for (const e of errors) expect(e.errorCount).toBe(0n);
        const fw = await dev.fwLog();
        expect(fw.afi.activeSlot).toBe(1);
        expect(fw.frs[0]!.trim().length).toBeGreaterThan(0);
        expect(typeof state.get('fr')).toBe('string');
      },
    },
    {
      name: 'Get/Set Features: temperature threshold set, read back, restored; other features read',
      run: async ({ dev }) => {
        const dw0 = async (c: NvmeCommand) => Number((await dev.submit(c)).result & 0xffffffffn);
        const tmpth = (await dw0(feat.getFeaturesTempThresh())) & 0xffff;
        expect(tmpth).toBeGreaterThan(273);
        await dev.setFeature(feat.setFeaturesTempThresh({ tmpth: tmpth - 5 }));
        expect((await dw0(feat.getFeaturesTempThresh())) & 0xffff).toBe(tmpth - 5);
        await dev.setFeature(feat.setFeaturesTempThresh({ tmpth }));
        expect((await dw0(feat.getFeaturesTempThresh())) & 0xffff).toBe(tmpth);
        // Number of Queues through the generic getFeature (FID 07h): NSQA / NCQA are 0-based.
        const q = await dev.getFeature(0x07);
        expect(q.fid).toBe(0x07);
        expect(q.result & 0xffff).toBeGreaterThan(0);
        expect((await dw0(feat.getFeaturesVolatileWc())) & 1).toBe(1);
        const arb = await dev.getFeature({ fid: 0x01 });
        expect(arb.fid).toBe(1);
      },
    },
    {
      name: 'an invalid Identify CNS is an NVMe status error, not a transport error',
      run: async ({ dev }) => {
        const c: NvmeCommand = { ...admin.identify({ cns: 0xfe, name: 'identifyBadCns' }) };
        const e = await dev.submit(c).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(NvmeStatusError);
        expect((e as NvmeStatusError).sct).toBe(0);
        expect((e as NvmeStatusError).sc).toBe(0x02);
      },
    },
  ];
}

/** A namespace node (/dev/nvme0n1 or /dev/ng0n1): admin and I/O. `base` keeps the two nodes on different LBAs. */
export function nvmeNsSteps(node: 'blk' | 'ng'): Step<NvmeCtx>[] {
  const base = node === 'blk' ? 1024 : 2048;
  const nsid = ns1.nsid;
  const lb = ns1.lbaBytes;
  return [
    {
      name: 'Identify Namespace through the namespace node',
      run: async ({ dev }) => {
        const id = await dev.idNs(nsid);
        expect(2 ** id.lbaf[id.flbas.lbafLo]!.ds).toBe(lb);
        const g = await dev.geometry(nsid);
        expect(g.nbytes).toBe(lb);
      },
    },
    {
      name: 'write then read back then compare (and a failing compare)',
      run: async ({ dev }) => {
        const data = pattern(8 * lb, base);
        await dev.write({ nsid, slba: base, nlb: 7, data });
        const back = await dev.read({ nsid, slba: base, nlb: 7 });
        expect(back.data).toEqual(data);
        await dev.compare({ nsid, slba: base, nlb: 7, data });
        const wrong = data.slice();
        wrong[100] = wrong[100]! ^ 0xff;
        const e = await dev.compare({ nsid, slba: base, nlb: 7, data: wrong }).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(NvmeStatusError);
        expect((e as NvmeStatusError).sct).toBe(2);
        expect((e as NvmeStatusError).sc).toBe(0x85);
      },
    },
    {
      name: 'write zeroes, deallocate, flush',
      run: async ({ dev }) => {
        await dev.writeZeroes({ nsid, slba: base, nlb: 1 });
        const z = await dev.read({ nsid, slba: base, nlb: 3 });
        expect(z.data.subarray(0, 2 * lb)).toEqual(new Uint8Array(2 * lb));
        expect(z.data.subarray(2 * lb, 4 * lb)).toEqual(pattern(8 * lb, base).subarray(2 * lb, 4 * lb));
        await dev.deallocate(nsid, [{ slba: base + 2, nlb: 6 }]);
        // Deallocate is advisory (QEMU passes it to its block layer, which may ignore it). DLFEAT 1: a block that
        // was deallocated reads as zeroes; one that was not keeps its data. Nothing else is allowed.
        const id = await dev.idNs(nsid);
        expect(id.dlfeat & 7).toBe(1);
        const d = await dev.read({ nsid, slba: base, nlb: 7 });
        const old = pattern(8 * lb, base);
        expect(d.data.subarray(0, 2 * lb)).toEqual(new Uint8Array(2 * lb));
        for (let b = 2; b < 8; b++) {
          const blk = d.data.subarray(b * lb, (b + 1) * lb);
          const zero = blk.every((x) => x === 0);
          if (!zero) expect(blk).toEqual(old.subarray(b * lb, (b + 1) * lb));
        }
        await dev.flush(nsid);
      },
    },
  ];
}

// --- CXL over AF_MCTP against simulated components ------------------------------------------------

/** What the live responder saw and answered, so the client's bytes can be checked end to end. */
export interface PeerLog {
  readonly exchanges: { readonly type: number; readonly req: Uint8Array; readonly rep: Uint8Array }[];
}

/** Wrap a simulated device so every exchange it answers is logged. */
export function loggingDevice(device: SimCciDevice, log: PeerLog): (data: Uint8Array, type: number) => Promise<Uint8Array> {
  return async (data, type) => {
    const rep = await device.submit(data, { fmApi: (type & 0x7f) === mctpMessageType.cxlFmApi });
    log.exchanges.push({ type: type & 0x7f, req: data, rep });
    return rep;
  };
}

/** The simulated Type 3 behind MCTP: fixed options, manual clock (so recordings are stable). */
export function simType3Options(): SimCxlType3Options {
  return {
    name: 'mctp-type3',
    serial: 0x5ea1_0003n,
    clock: 'manual',
    background: { mode: 'poll', step: 25 },
    volatileOnlyBytes: 2n * UNIT_256M,
    persistentOnlyBytes: 1n * UNIT_256M,
    lsaSize: 4096,
    poison: [
      { dpa: 0x1000, length: 128, source: 'internal' },
      { dpa: 0x40000, length: 64, source: 'external' },
    ],
    events: [{ log: 'warning', uuid: eventRecordUuids.memoryModule }],
  };
}

/** The Type 3 on switch port 2 (reached through Tunnel Management). */
export function simTunnelTarget(): SimCxlType3Options {
  return { name: 'mctp-behind-switch', serial: 0x5ea1_0002n, clock: 'manual', volatileOnlyBytes: UNIT_256M, lsaSize: 1024 };
}

export const SIM_SWITCH_SERIAL = 0x5ea1_0001n;
export const SIM_SWITCH_PORT = 2;

export function makeSimSwitch(): SimCxlSwitch {
  return new SimCxlSwitch({
    name: 'mctp-switch',
    serial: SIM_SWITCH_SERIAL,
    clock: 'manual',
    ports: [{ id: SIM_SWITCH_PORT, device: new SimCxlType3(simTunnelTarget()) }],
  });
}

export interface MctpCtx {
  readonly ep: Endpoint;
  readonly transport: CxlTransport;
  /** Live only: the responder's log. */
  readonly peer?: PeerLog;
}

/** The last exchange the responder handled, when live. */
function lastPeer(ctx: MctpCtx) {
  return ctx.peer?.exchanges[ctx.peer.exchanges.length - 1];
}

/**
 * Send every opcode the simulated component implements (Tunnel Management aside: the tunnel steps cover it),
 * each with a zeroed request of its table size, straight through the transport. Checks the reply matches
 * the request (category, tag, opcode), that the component recognised it (never Unsupported) and, live, that
 * the responder received exactly the bytes sent and the client exactly the bytes answered, on the MCTP message
 * type CXL r3.1 §7.6.7 asks for (FM-API sets 51h-56h on 07h, the rest on 08h).
 */
async function sweep(ctx: MctpCtx, opcodes: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let tag = 0x40;
  for (const opcode of opcodes) {
    if (opcode === TUNNEL_MANAGEMENT_OPCODE) continue;
    const entry = commandsByOpcode.get(opcode)![0]!;
    const size = entry.request?.def.size ?? 0;
    const fmApi = isFmApiOpcode(opcode);
    const req = encodeMessage({ category: 'request', tag: tag++ & 0xff, opcode, payload: new Uint8Array(size) });
    const rep = await ctx.transport.submit(req, { fmApi });
    const m = decodeMessage(rep);
    expect(m.category).toBe('response');
    expect(m.opcode).toBe(opcode);
    expect(m.tag).toBe(req[1]);
    out.set(opcode, returnCodeInfo(m.returnCode).name);
    const seen = lastPeer(ctx);
    if (ctx.peer) {
      expect(seen?.type).toBe(fmApi ? mctpMessageType.cxlFmApi : mctpMessageType.cxlCci);
      expect(seen?.req).toEqual(req);
      expect(seen?.rep).toEqual(rep);
    }
  }
  // Get/Set Feature with a zeroed request name the nil UUID, a feature no device has: Unsupported is right there.
  const unknownFeature = new Set([0x0501, 0x0502]);
  expect(
    [...out].filter(([op, rc]) => (rc === 'unsupported' && !unknownFeature.has(op)) || rc === 'unsupportedMailboxOrCci').map(([op]) => op.toString(16)),
  ).toEqual([]);
  for (const op of unknownFeature) if (out.has(op)) expect(out.get(op)).toBe('unsupported');
  return out;
}

export function mctpType3Steps(): Step<MctpCtx>[] {
  const o = simType3Options();
  const total = Number(BigInt(o.volatileOnlyBytes ?? 0) + BigInt(o.persistentOnlyBytes ?? 0));
  return [
    {
      name: 'Identify (0001h) over MCTP type 08h: a Type 3 with the simulated serial',
      run: async (ctx) => {
        const id = await ctx.ep.identify();
        expect(id.componentType).toBe('type3');
        expect(id.serialNum).toBe(o.serial);
        expect(lastPeer(ctx)?.type ?? mctpMessageType.cxlCci).toBe(mctpMessageType.cxlCci);
      },
    },
    {
      name: 'Memory Device Identify (4000h) and the CEL list what the simulator implements',
      run: async ({ ep }) => {
        const id = await ep.memdevIdentify();
        expect(id.volatileCapacity * UNIT_256M).toBe(BigInt(o.volatileOnlyBytes ?? 0));
        expect(id.persistentCapacity * UNIT_256M).toBe(BigInt(o.persistentOnlyBytes ?? 0));
        expect(id.lsaSize).toBe(o.lsaSize);
        const logs = await ep.getSupportedLogs();
        const cel = logs.entries.find((e) => e.uuid === logUuids.cel)!;
        const list = await ep.getLogCel({ uuid: logUuids.cel, offset: 0, length: cel.logSize });
        expect(celOpcodes(list.entries)).toEqual(new SimCxlType3(simType3Options()).supportedOpcodes);
      },
    },
    {
      name: 'Set/Get Timestamp: the manual clock keeps the value set',
      run: async ({ ep }) => {
        await ep.setTimestamp({ timestamp: FIXED_TIMESTAMP_NS });
        expect((await ep.getTimestamp()).timestamp).toBe(FIXED_TIMESTAMP_NS);
      },
    },
    {
      name: 'Set LSA then Get LSA reads the bytes back',
      run: async ({ ep }) => {
        const data = pattern(256, 3);
        await ep.memdevSetLsa({ offset: 512, data });
        expect(await ep.readLsa(512, 256)).toEqual(data);
        expect(await ep.readLsa(512, 256, { chunkSize: 64 })).toEqual(data);
      },
    },
    {
      name: 'Get Event Records then Clear Event Records',
      run: async ({ ep }) => {
        const r = await ep.getEventRecords({ eventLog: 'warning' });
        expect(r.records.map((x) => x.uuid)).toEqual([eventRecordUuids.memoryModule]);
        await ep.clearEventRecords({ eventLog: 'warning', clearFlags: { clearAllEvents: false }, nrRecs: 1, handles: [r.records[0]!.handle] });
        expect((await ep.getEventRecords({ eventLog: 'warning' })).records).toEqual([]);
      },
    },
    {
      name: 'Get Poison List, Inject Poison, Clear Poison',
      run: async ({ ep }) => {
        const want = (o.poison ?? []).map((p) => ({ dpa: Number(p.dpa), length: Number(p.length), source: p.source }));
        expect(await poisonList(ep, total)).toEqual(want);
        await ep.memdevInjectPoison({ injectPoisonPhyAddr: 0x2000 });
        expect(await poisonList(ep, total)).toContainEqual({ dpa: 0x2000, length: 64, source: 'injected' });
        await ep.memdevClearPoison({ clearPoisonPhyAddr: 0x2000, clearPoisonWriteData: new Uint8Array(64) });
        expect(await poisonList(ep, total)).toEqual(want);
      },
    },
    {
      name: 'Scan Media in the background with progress, then its results',
      run: async ({ ep }) => {
        const seen: number[] = [];
        const op = await ep.memdevScanMedia(
          { scanMediaPhysaddr: 0, scanMediaPhysaddrLength: total / CACHELINE, scanMediaFlags: { noEventLog: true } },
          { pollIntervalMs: 1, onProgress: (p) => seen.push(p.percentComplete) },
        );
        const done = await op.done;
        expect(done.immediate).toBe(false);
        expect(seen).toEqual([25, 50, 75, 100]);
        const res = await ep.memdevGetScanMediaResults();
        expect(res.record.map((r) => Number(r.mediaErrorAddress.cacheline) * CACHELINE)).toEqual((o.poison ?? []).map((p) => Number(p.dpa)));
        const idle = await ep.backgroundStatus();
        expect(idle.inProgress).toBe(false);
      },
    },
    {
      name: 'every simulated Type 3 command answers through the kernel MCTP stack byte for byte',
      run: async (ctx) => {
        const rcs = await sweep(ctx, new SimCxlType3(simType3Options()).supportedOpcodes);
        expect(rcs.get(0x4000)).toBe('success');
        expect(rcs.size).toBeGreaterThan(35);
      },
    },
  ];
}

export function mctpSwitchSteps(): Step<MctpCtx>[] {
  const behind = simTunnelTarget();
  return [
    {
      name: 'Identify (0001h): a switch with the simulated serial',
      run: async ({ ep }) => {
        const id = await ep.identify();
        expect(id.componentType).toBe('switch');
        expect(id.serialNum).toBe(SIM_SWITCH_SERIAL);
      },
    },
    {
      name: 'Identify Switch Device (5100h) and Get Physical Port State (5101h) on the FM-API type 07h',
      run: async (ctx) => {
        const sw = await ctx.ep.fmapiIdentifySwDevice();
        expect(sw.numPhysicalPorts).toBe(8);
        expect(sw.ingressPortId).toBe(0);
        if (ctx.peer) expect(lastPeer(ctx)?.type).toBe(mctpMessageType.cxlFmApi);
        const st = await ctx.ep.fmapiGetPhysPortState({ ports: Uint8Array.of(0, SIM_SWITCH_PORT) });
        expect(st.ports.map((p) => p.portId)).toEqual([0, SIM_SWITCH_PORT]);
        expect(st.ports[0]!.configState.state).toBe('usp');
        expect(st.ports[1]!.configState.state).toBe('dsp');
        expect(st.ports[1]!.connDevType).toBe('type3Sld');
      },
    },
    {
      name: 'Tunnel Management (5300h) to the Type 3 on a downstream port',
      run: async (ctx) => {
        const t3 = ctx.ep.tunnel({ port: SIM_SWITCH_PORT });
        const id = await t3.identify();
        expect(id.componentType).toBe('type3');
        expect(id.serialNum).toBe(behind.serial);
        if (ctx.peer) expect(lastPeer(ctx)?.type).toBe(mctpMessageType.cxlFmApi);
        const m = await t3.memdevIdentify();
        expect(m.volatileCapacity * UNIT_256M).toBe(BigInt(behind.volatileOnlyBytes ?? 0));
        const data = pattern(100, 9);
        await t3.memdevSetLsa({ offset: 0, data });
        expect(await t3.readLsa(0, 100, { chunkSize: 48 })).toEqual(data);
        await expectCxlError(ctx.ep.tunnel({ port: 5 }).identify(), 'invalidInput');
      },
    },
    {
      name: 'every simulated switch command answers through the kernel MCTP stack byte for byte',
      run: async (ctx) => {
        const rcs = await sweep(ctx, makeSimSwitch().supportedOpcodes);
        expect(rcs.get(0x5100)).toBe('success');
      },
    },
  ];
}

/** A bound socket that never answers: the request times out within the CXL 2 s limit. */
export function mctpTimeoutSteps(): Step<MctpCtx>[] {
  return [
    {
      name: 'no reply: TRANSPORT_TIMEOUT after the 2 s CXL MCTP limit',
      run: async ({ ep, peer }) => {
        const t0 = performance.now();
        const e = await expectCode(ep.getTimestamp(), 'TRANSPORT_TIMEOUT');
        expect(e.message).toMatch(/0300h/);
        if (peer) {
          const ms = performance.now() - t0;
          expect(ms).toBeGreaterThanOrEqual(CXL_MCTP_TIMEOUT_MS - 50);
          expect(ms).toBeLessThan(CXL_MCTP_TIMEOUT_MS + 1500);
        }
      },
    },
  ];
}

// --- NVMe-MI over AF_MCTP against a simulated Management Endpoint ---------------------------------

/** The simulated NVMe controller behind the NVMe-MI responder: fixed identity, manual clock (stable SMART). */
export const SIM_MI_SERIAL = 'SIMMI-LIVE-0008';
export const SIM_MI_MODEL = 'cxl-nvme simulated controller';
export const SIM_MI_CNTLID = 1;
/** What the controller reports as Composite Temperature (K) and the NVMe-MI poll as CTEMP (°C). */
export const SIM_MI_TEMPERATURE_K = 308;
/** MPRT of the More Processing Required responder (ms; it sends its final reply at once, this only bounds the wait). */
export const SIM_MI_MPRT_MS = 1000;

export function makeSimMiController(): SimNvmeController {
  return new SimNvmeController({
    name: 'mctp-nvme',
    serial: SIM_MI_SERIAL,
    model: SIM_MI_MODEL,
    cntlid: SIM_MI_CNTLID,
    clock: 'manual',
    temperatureK: SIM_MI_TEMPERATURE_K,
    namespaces: [{ sizeBytes: 1n << 24n }],
    operations: { mode: 'instant' },
  });
}

/** One NVMe-MI exchange as the library side saw it; `req` undefined is a receive() (no request sent). */
export interface MiClientExchange {
  readonly req: Uint8Array | undefined;
  readonly rep?: Uint8Array;
  readonly error?: string;
}

/**
 * A message transport that keeps every exchange and receive() in `log`, in order, over a recorder or
 * a replay (both carry receive(): src/transport/record.ts records it as an entry with `receive: true`).
 */
export class MiClientTap implements MctpMessageTransport, MctpMessageReceiver {
  readonly info: TransportInfo;
  readonly log: MiClientExchange[] = [];
  constructor(private readonly plain: MctpMessageTransport) {
    this.info = plain.info;
  }
  exchange(message: Uint8Array, options?: SubmitOptions): Promise<Uint8Array> {
    return this.#logged(message.slice(), this.plain.exchange(message, options));
  }
  receive(options?: SubmitOptions): Promise<Uint8Array> {
    if (!this.plain.receive) return Promise.reject(new Error('the transport under MiClientTap has no receive()'));
    return this.#logged(undefined, this.plain.receive(options));
  }
  close(): Promise<void> {
    return this.plain.close();
  }
  async #logged(req: Uint8Array | undefined, p: Promise<Uint8Array>): Promise<Uint8Array> {
    try {
      const rep = await p;
      this.log.push({ req, rep: rep.slice() });
      return rep;
    } catch (e) {
      this.log.push({ req, error: (e as { code?: string }).code ?? String(e) });
      throw e;
    }
  }
}

/** An NVMe-MI MCTP transport recorded under `name`, exchanges and receive() calls alike. */
export function recordedNvmeMi(inner: MctpMessageTransport & MctpMessageReceiver, name: string, extra: Record<string, unknown> = {}): MiClientTap {
  return new MiClientTap(recordMctp(inner, recordTo(name, extra)));
}

/** What the live NVMe-MI responder received and sent (type byte first, as SimNvmeMi takes and gives them). */
export interface MiPeerLog {
  readonly exchanges: { readonly req: Uint8Array; readonly reps: Uint8Array[] }[];
}

/**
 * The responder side: a SimNvmeMi behind an AF_MCTP socket bound to type 04h. The kernel hands the
 * datagram's type byte over in the address (84h: the IC bit set by the requester); the responder
 * puts it back in front of the body for SimNvmeMi and sends each reply's own first byte as its type.
 * After a More Processing Required reply it sends the further replies (SimNvmeMi.receive()) on the
 * same tag, as a device does.
 */
export class NvmeMiPeer {
  readonly log: MiPeerLog = { exchanges: [] };
  readonly controller = makeSimMiController();
  readonly plain = new SimNvmeMi(this.controller, { name: 'mctp-nvme-mi' });
  /** The same controller behind an endpoint that answers its next request with two MPRs before the final reply. */
  readonly mpr = new SimNvmeMi(this.controller, { name: 'mctp-nvme-mi-mpr', mprFirst: { times: 1, replies: 2, mprtMs: SIM_MI_MPRT_MS } });
  #current: SimNvmeMi = this.plain;
  readonly responder: MctpResponder;

  constructor(eid: number) {
    this.responder = MctpResponder.start({ eid, types: [mctpMessageType.nvmeMi], typeByte: true, handle: (msg) => this.#answer(msg) });
  }

  /** Serve the next request from the MPR endpoint (on: true) or the plain one. */
  useMpr(on: boolean): void {
    this.#current = on ? this.mpr : this.plain;
  }

  async #answer(msg: Uint8Array): Promise<Uint8Array[] | undefined> {
    const sim = this.#current;
    const reps: Uint8Array[] = [];
    this.log.exchanges.push({ req: msg, reps });
    let rep: Uint8Array;
    try {
      rep = await sim.exchange(msg);
    } catch {
      return undefined; // discarded (bad MIC, IC clear...): a device stays silent
    }
    reps.push(rep);
    while (rep.length > 4 && rep[4] === MI_STATUS_MPR) {
      rep = await sim.receive();
      reps.push(rep);
    }
    return reps;
  }

  close(): void {
    this.responder.close();
  }
}

export interface NvmeMiCtx {
  readonly me: NvmeMiEndpoint;
  readonly dev: NvmeDevice;
  /** The library side's exchanges, in order (live and replay). */
  readonly client: MiClientTap;
  /** Live only: the responder. */
  readonly peer?: NvmeMiPeer;
  /** Through the kernel (false: replaying a recording). */
  readonly live: boolean;
  /** Live only: bind a socket on the requester's EID for type 04h that never answers; returns its closer. */
  readonly bindSilent?: () => () => void;
}

const MI_HDR_MIC = 4 + 4; // message header (type byte included) + MIC
const MI_ADMIN_RESP = 20; // header, status, CQE DW0, DW1, DW3 (NVMe-MI 1.2 §6 Figure 136) without the MIC

/** Exchanges the library side made since `from` (index into the client log). */
function miSince(ctx: NvmeMiCtx, from: number): MiClientExchange[] {
  return ctx.client.log.slice(from);
}

export function nvmeMiSteps(): Step<NvmeMiCtx>[] {
  return [
    {
      name: 'Read NVMe-MI Data Structure: NVM Subsystem Information (NVMe-MI 1.2, two ports)',
      run: async (ctx) => {
        const s = await ctx.me.readSubsysInfo();
        expect(s).toMatchObject({ nump: 1, mjr: 1, mnr: 2 });
        // The request left with type byte 84h (IC) and the reply came back with it.
        const [x] = ctx.client.log.slice(-1);
        expect(x?.req?.[0]).toBe(mctpMessageType.nvmeMi | MCTP_TYPE_IC);
        expect(x?.rep?.[0]).toBe(mctpMessageType.nvmeMi | MCTP_TYPE_IC);
      },
    },
    {
      name: 'Port Information: port 0 PCIe, port 1 SMBus/I2C; port 2 is Invalid Parameter',
      run: async ({ me }) => {
        const p0 = await me.readPortInfo(0);
        expect(p0).toMatchObject({ portt: 'pcie', mmctptus: 4224, meb: 0, port: { pn: 0, cls: 4, nlw: 4 } });
        const p1 = await me.readPortInfo(1);
        expect(p1).toMatchObject({ portt: 'smbus', mmctptus: 64, port: { mmeAddr: 0x1d, mmeFreq: 3 } });
        const e = await me.readPortInfo(2).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toMatchObject({ code: 'NVME_MI_STATUS', miStatus: 0x04 });
      },
    },
    {
      name: 'Controller List and Controller Information of the simulated controller',
      run: async ({ me }) => {
        expect(await me.readCtrlList()).toEqual([SIM_MI_CNTLID]);
        expect(await me.readCtrlList(SIM_MI_CNTLID + 1)).toEqual([]);
        const ci = await me.readCtrlInfo(SIM_MI_CNTLID);
        expect(ci).toMatchObject({ portid: 0, prii: { pcieriv: true }, did: 0x0010, ssid: 0x1100 });
        const id = codecs.idCtrl.decode(makeSimMiController().execute(admin.identifyCtrl()).data!);
        expect(ci.vid).toBe(id.vid);
        expect(ci.ssvid).toBe(id.ssvid);
      },
    },
    {
      name: 'NVM Subsystem Health Status Poll: CTEMP, PDLU, NSS and Composite Controller Status cleared by CS',
      run: async (ctx) => {
        const from = ctx.client.log.length;
        const h = await ctx.me.subsystemHealthStatusPoll();
        expect(h).toMatchObject({ ctemp: SIM_MI_TEMPERATURE_K - 273, pdlu: 0 });
        expect(h.ccs.rdy).toBe(true);
        // Raw bytes: NSS = DF | RNR | P0LA (0x38), SW = 3Fh (no SMART warning; bits are inverted).
        const data = miSince(ctx, from)[0]!.rep!.subarray(8, 8 + 8);
        expect(data[0]).toBe(0x38);
        expect(data[1]).toBe(0x3f);
        expect((await ctx.me.subsystemHealthStatusPoll(true)).ccs.rdy).toBe(true);
        expect((await ctx.me.subsystemHealthStatusPoll()).ccs.rdy).toBe(false);
      },
    },
    {
      name: 'Configuration Get / Set: MCTP Transmission Unit Size and SMBus frequency',
      run: async ({ me }) => {
        expect(await me.getMctpMtu(0)).toBe(64);
        await me.setMctpMtu(0, 1024);
        expect(await me.getMctpMtu(0)).toBe(1024);
        await me.setMctpMtu(0, 64);
        expect(await me.getMctpMtu(0)).toBe(64);
        expect(await me.getSmbusFreq(1)).toBe(1);
        const e = await me.setMctpMtu(1, 128).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toMatchObject({ code: 'NVME_MI_STATUS', miStatus: 0x04 }); // SMBus port: at most 64
      },
    },
    {
      name: 'NvmeDevice over NvmeMiTransport: Identify Controller carries the simulated serial and model',
      run: async ({ dev }) => {
        const id = await dev.idCtrl();
        expect(id.sn).toBe(SIM_MI_SERIAL);
        expect(id.mn).toBe(SIM_MI_MODEL);
        expect(id.cntlid).toBe(SIM_MI_CNTLID);
        expect(id.elpe).toBe(63);
      },
    },
    {
      name: 'SMART / Health log through the Admin tunnel: temperature, no warnings',
      run: async ({ dev }) => {
        const s = await dev.smartLog();
        expect(s.temperature).toBe(SIM_MI_TEMPERATURE_K);
        expect(s.criticalWarning.tempThreshold).toBe(false);
        expect(s.availSpare).toBe(100);
        expect(s.percentUsed).toBe(0);
        expect(s.powerOnHours).toBe(0n);
      },
    },
    {
      name: 'an unknown log page fails with an NVMe status, then the 8 KiB error log travels as two 4096-byte pieces',
      run: async (ctx) => {
        const e = await ctx.dev.getLogPage({ lid: 0x42, len: 4 }).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(NvmeStatusError);
        expect((e as NvmeStatusError).statusName).toBe('invalidLogPage');
        const from = ctx.client.log.length;
        const log = await ctx.dev.getLogPage({ lid: 0x01, nsid: 0xffffffff, len: 8192 });
        expect(log.length).toBe(8192);
        const pieces = miSince(ctx, from);
        expect(pieces).toHaveLength(2);
        for (const [i, p] of pieces.entries()) {
          const req = p.req!;
          expect(req[4]).toBe(0x02); // Get Log Page
          const dv = new DataView(req.buffer, req.byteOffset, req.length);
          expect(dv.getUint32(32, true)).toBe(4096); // DLEN
          // LPOL (CDW12): the second piece starts at 4096.
          expect(dv.getUint32(52, true)).toBe(i * 4096);
          expect(p.rep!.length).toBe(MI_ADMIN_RESP + 4096 + 4);
        }
        const first = codecs.errorLogPage.decode(log, 0);
        expect(first.errorCount).toBe(1n);
        expect(first.opcode).toBe(0x02);
        expect(first.statusField >> 1).toBe(0x109); // command specific 09h: Invalid Log Page
        expect(codecs.errorLogPage.decode(log, 64).errorCount).toBe(0n);
        expect((await ctx.dev.smartLog()).numErrLogEntries).toBe(1n);
      },
    },
    {
      name: 'Get / Set Features through the Admin tunnel: arbitration burst, temperature threshold',
      run: async ({ dev }) => {
        expect((await dev.getFeature(FID.tempThresh)).result & 0xffff).toBe(343);
        await dev.setFeature(feat.setFeaturesArbitration({ ab: 5 }));
        expect((await dev.getFeature(FID.arbitration)).result & 7).toBe(5);
        await dev.setFeature(feat.setFeaturesTempThresh({ tmpth: 350 }));
        expect((await dev.getFeature(FID.tempThresh)).result & 0xffff).toBe(350);
      },
    },
    {
      name: 'every message crossed the kernel byte for byte, type byte 84h included',
      run: async (ctx) => {
        if (!ctx.peer) return;
        const sent = ctx.client.log.filter((e) => e.req !== undefined);
        expect(ctx.peer.log.exchanges.map((e) => e.req)).toEqual(sent.map((e) => e.req));
        expect(ctx.peer.log.exchanges.flatMap((e) => e.reps)).toEqual(ctx.client.log.map((e) => e.rep));
        expect(ctx.peer.responder.requests.every((r) => r.type === (mctpMessageType.nvmeMi | MCTP_TYPE_IC))).toBe(true);
      },
    },
  ];
}

/**
 * More Processing Required (NVMe-MI 1.2 §4.2.1) through the kernel. Linux drops a kernel-allocated tag's key
 * when the first reply arrives (net/mctp/route.c __mctp_key_done_in), so NvmeMiMctpTransport reserves the tag
 * with SIOCMCTPALLOCTAG and keeps it until the final reply: the responder's MPR, MPR and final reply all
 * reach the requester, and Identify completes.
 */
export function nvmeMiMprSteps(): Step<NvmeMiCtx>[] {
  return [
    {
      name: 'after More Processing Required (twice) the final reply arrives on the reserved tag and Identify completes',
      run: async (ctx) => {
        ctx.peer?.useMpr(true);
        const from = ctx.client.log.length;
        let id: Awaited<ReturnType<typeof ctx.dev.idCtrl>>;
        try {
          id = await ctx.dev.idCtrl({ refresh: true });
        } finally {
          ctx.peer?.useMpr(false);
        }
        expect(id.sn).toBe(SIM_MI_SERIAL);
        const x = miSince(ctx, from);
        expect(x.map((e) => (e.req === undefined ? 'receive' : 'exchange'))).toEqual(['exchange', 'receive', 'receive']);
        // The MPR replies: header, status 01h, MPRT in 100 ms units, MIC.
        for (const mpr of [x[0]!.rep!, x[1]!.rep!]) {
          expect(mpr.length).toBe(MI_HDR_MIC + 4);
          expect(mpr[4]).toBe(MI_STATUS_MPR);
          expect(mpr[6]! | (mpr[7]! << 8)).toBe(SIM_MI_MPRT_MS / 100);
        }
        expect(x[2]!.rep!.length).toBe(MI_ADMIN_RESP + 4096 + 4);
        if (ctx.peer) {
          const seen = ctx.peer.log.exchanges.at(-1)!;
          expect(seen.req).toEqual(x[0]!.req);
          expect(seen.reps).toEqual([x[0]!.rep, x[1]!.rep, x[2]!.rep]);
          expect(ctx.peer.responder.sendErrors).toEqual([]);
        }
      },
    },
  ];
}

/**
 * The EID with no NVMe-MI responder. On `lo` the kernel delivers a locally addressed request inside sendto,
 * so with no socket bound to type 04h the send itself fails with ENOENT (net/mctp/route.c mctp_route_input);
 * with a bound socket that never answers, the request waits out the NVMe-MI default and gives TRANSPORT_TIMEOUT.
 */
export function nvmeMiTimeoutSteps(): Step<NvmeMiCtx>[] {
  return [
    {
      name: 'nothing bound to type 04h on lo: the send fails at once with ENOENT',
      run: async ({ me, live, client }) => {
        const t0 = performance.now();
        const e = await expectCode(me.readSubsysInfo(), 'ENOENT');
        expect(e.message).toMatch(/MCTP send to net \d+ eid \d+ type 84h/);
        expect(client.log.at(-1)?.error).toBe('ENOENT');
        if (live) expect(performance.now() - t0).toBeLessThan(1000);
      },
    },
    {
      name: `a bound socket that never answers: TRANSPORT_TIMEOUT after the ${NVME_MI_TIMEOUT_MS} ms NVMe-MI default`,
      run: async ({ me, live, client, bindSilent }) => {
        const unbind = bindSilent?.();
        try {
          const t0 = performance.now();
          const e = await expectCode(me.readSubsysInfo(), 'TRANSPORT_TIMEOUT');
          expect(e.message).toMatch(/NVMe-MI message \(NMIMT 1\) over MCTP .*no reply within 5000 ms/);
          expect(client.log.at(-1)?.error).toBe('TRANSPORT_TIMEOUT');
          if (live) {
            const ms = performance.now() - t0;
            expect(ms).toBeGreaterThanOrEqual(NVME_MI_TIMEOUT_MS - 50);
            expect(ms).toBeLessThan(NVME_MI_TIMEOUT_MS + 1500);
          }
        } finally {
          unbind?.();
        }
      },
    },
  ];
}
