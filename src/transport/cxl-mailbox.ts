/**
 * CxlTransport over the Linux CXL memory-device mailbox: ioctls on /dev/cxl/memN
 * (include/uapi/linux/cxl_mem.h, drivers/cxl/core/mbox.c).
 *
 * The kernel carries payloads only, so this transport takes the request's CCI header apart
 * (CXL r3.1 §7.6.3 Figure 7-19), sends the payload with CXL_MEM_SEND_COMMAND, and builds the
 * response header itself: category response, the request's tag and opcode, Return Code from
 * `retval`, payload = the output buffer cut to the `out.size` the kernel reports.
 *
 * Routing: an opcode the kernel knows by command id (and lists in CXL_MEM_QUERY_COMMANDS) goes by
 * that id; anything else goes as CXL_MEM_COMMAND_ID_RAW with the raw opcode, which only kernels
 * built with CONFIG_CXL_MEM_RAW_COMMANDS accept (and never for the opcodes they block).
 */
import { constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  CXL_MEM_COMMAND_ID_RAW,
  CXL_MEM_QUERY_COMMANDS,
  CXL_MEM_SEND_COMMAND,
  CXL_VARIABLE_PAYLOAD,
  cxlKernelCommands,
  cxlRawDisabledCommandSets,
  cxlRawDisabledOpcodes,
  cxlSendCommandPointers,
} from '../../spec-tables/linux/cxl-mem.js';
import { CxlNvmeError, type ErrorContext } from '../errors.js';
import { codecs } from '../structs/index.js';
import { CallGate } from './native/call-gate.js';
import { accessAdvice, explained } from './native/explain.js';
import { ioctlNumber } from './native/ioctl-number.js';
import { nativeSyscalls, type Syscalls } from './native/syscalls.js';
import type { CxlSubmitOptions, CxlTransport, TransportInfo } from './types.js';

/** Smallest mailbox payload a device may have: Payload Size 2^8 (CXL r3.1 §8.2.8.4.3). */
const MIN_PAYLOAD = 256;
/** Largest: 2^20 bytes (CXL r3.1 §8.2.8.4.3, Payload Size field up to 20). */
const MAX_PAYLOAD = 1 << 20;
/** The kernel's own mailbox timeout is 2 s per command; background commands return at once. */
const DEFAULT_TIMEOUT_MS = 60_000;

export interface CxlMailboxOptions {
  /** System calls (default: the native addon, loaded now). */
  readonly syscalls?: Syscalls;
  /** Where sysfs is mounted (default '/sys'); `payload_max` is read from it. */
  readonly sysfsRoot?: string;
  /** Override the payload size instead of reading sysfs `payload_max`. */
  readonly payloadMax?: number;
  /** Wait bound when a submit gives none (ms). */
  readonly defaultTimeoutMs?: number;
  /**
   * Send every command RAW, even those the kernel knows by id (kernels with
   * CONFIG_CXL_MEM_RAW_COMMANDS; testing the RAW path). Default: ids where the kernel has them.
   */
  readonly raw?: boolean;
}

/** One row of the kernel's CXL_MEM_QUERY_COMMANDS answer. */
export interface CxlKernelCommandInfo {
  readonly id: number;
  /** CXL_MEM_COMMAND_ID_<name>, when this code knows the id. */
  readonly name?: string;
  /** The opcode the id sends (RAW: none). */
  readonly opcode?: number;
  readonly enabled: boolean;
  readonly exclusive: boolean;
  /** Required input size, or undefined when variable. */
  readonly sizeIn?: number;
  /** Minimum output size, or undefined when variable. */
  readonly sizeOut?: number;
}

interface Route {
  readonly id: number;
  readonly rawOpcode: number;
  readonly info?: CxlKernelCommandInfo;
}

const byId = new Map<number, (typeof cxlKernelCommands)[number]>(cxlKernelCommands.map((c) => [c.id, c]));
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** Open /dev/cxl/memN, learn its command set and payload size. */
export async function openCxlMailbox(path: string, options: CxlMailboxOptions = {}): Promise<CxlMailboxTransport> {
  const sys = options.syscalls ?? nativeSyscalls();
  let fd: number;
  try {
    fd = sys.open(path, constants.O_RDWR);
  } catch (e) {
    throw explained(e, `open ${path}`, openAdvice(e, path), { path });
  }
  try {
    const commands = await queryCommands(sys, fd, path);
    const payloadMax = options.payloadMax ?? (await readPayloadMax(options.sysfsRoot ?? '/sys', path));
    return new CxlMailboxTransport(sys, fd, path, commands, payloadMax, options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, options.raw ?? false);
  } catch (e) {
    try {
      sys.close(fd);
    } catch {
      // already failing; the first error is the one to report
    }
    throw e;
  }
}

function openAdvice(e: unknown, path: string): string | undefined {
  const code = (e as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return accessAdvice(path, 'cxl', 'mem[0-9]*');
  if (code === 'ENOENT' || code === 'ENXIO' || code === 'ENODEV')
    return 'no such CXL memory device: check that the cxl_pci and cxl_mem drivers are bound (ls /sys/bus/cxl/devices, or scanCxlMemdevs())';
  return undefined;
}

async function queryCommands(sys: Syscalls, fd: number, path: string): Promise<CxlKernelCommandInfo[]> {
  const request = ioctlNumber(CXL_MEM_QUERY_COMMANDS);
  const q = codecs.cxlMemQueryCommands;
  const what = `CXL_MEM_QUERY_COMMANDS on ${path}`;
  // n_commands = 0 asks only for the count (cxl_query_cmd, drivers/cxl/core/mbox.c).
  const head = q.encode({ nCommands: 0, commands: [] });
  try {
    await sys.ioctl(fd, request, head);
  } catch (e) {
    const why =
      (e as { code?: string }).code === 'ENOTTY' ? `${path} does not answer the CXL mailbox ioctls: it is not a CXL memory device node` : undefined;
    throw explained(e, what, why, { path });
  }
  const n = q.decode(head).nCommands;
  if (n === 0) return [];
  if (n > 4096) throw new CxlNvmeError('TRANSPORT_PROTOCOL', `${what}: implausible command count ${n}`, { path, nCommands: n });
  const all = new Uint8Array(8 + 16 * n);
  new DataView(all.buffer).setUint32(0, n, true);
  try {
    await sys.ioctl(fd, request, all);
  } catch (e) {
    throw explained(e, what, undefined, { path });
  }
  const out: CxlKernelCommandInfo[] = [];
  for (const c of q.decode(all).commands) {
    // Unused slots (RAW when not compiled in, deprecated ids on newer kernels) come back zeroed.
    if (c.id === 0) continue;
    const known = byId.get(c.id);
    out.push({
      id: c.id,
      ...(known ? { name: known.name } : {}),
      ...(known && c.id !== CXL_MEM_COMMAND_ID_RAW ? { opcode: known.opcode } : {}),
      enabled: c.flags.enabled,
      exclusive: c.flags.exclusive,
      ...(c.sizeIn !== CXL_VARIABLE_PAYLOAD ? { sizeIn: c.sizeIn } : {}),
      ...(c.sizeOut !== CXL_VARIABLE_PAYLOAD ? { sizeOut: c.sizeOut } : {}),
    });
  }
  return out;
}

async function readPayloadMax(sysfsRoot: string, path: string): Promise<number | undefined> {
  // payload_max_show() prints the mailbox payload size in decimal (drivers/cxl/core/memdev.c).
  const file = join(sysfsRoot, 'bus', 'cxl', 'devices', basename(path), 'payload_max');
  try {
    const v = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
    return Number.isInteger(v) && v >= MIN_PAYLOAD && v <= MAX_PAYLOAD ? v : undefined;
  } catch {
    return undefined;
  }
}

export class CxlMailboxTransport implements CxlTransport {
  readonly info: TransportInfo;
  /** What CXL_MEM_QUERY_COMMANDS returned at open. */
  readonly commands: readonly CxlKernelCommandInfo[];
  /** The mailbox payload size from sysfs (undefined when it could not be read). */
  readonly payloadMax: number | undefined;
  readonly #sys: Syscalls;
  readonly #fd: number;
  readonly #path: string;
  readonly #gate = new CallGate();
  readonly #defaultTimeoutMs: number;
  readonly #byOpcode = new Map<number, CxlKernelCommandInfo>();
  readonly #send = ioctlNumber(CXL_MEM_SEND_COMMAND);
  #closing: Promise<void> | undefined;

  constructor(
    sys: Syscalls,
    fd: number,
    path: string,
    commands: readonly CxlKernelCommandInfo[],
    payloadMax: number | undefined,
    defaultTimeoutMs: number,
    raw = false,
  ) {
    this.#sys = sys;
    this.#fd = fd;
    this.#path = path;
    this.commands = commands;
    this.payloadMax = payloadMax;
    this.#defaultTimeoutMs = defaultTimeoutMs;
    if (!raw) for (const c of commands) if (c.opcode !== undefined) this.#byOpcode.set(c.opcode, c);
    this.info = { kind: 'cxl-mailbox', device: path, ...(payloadMax !== undefined ? { maxPayload: payloadMax } : {}) };
  }

  /** How an opcode would be sent: by the kernel's command id, or RAW. */
  route(opcode: number): Route {
    const info = this.#byOpcode.get(opcode);
    return info ? { id: info.id, rawOpcode: 0, info } : { id: CXL_MEM_COMMAND_ID_RAW, rawOpcode: opcode };
  }

  /**
   * The output buffer size. The kernel refuses a RAW out.size above payload_max (EINVAL) and
   * cuts any reply to out.size, so: payload_max when known; otherwise the largest payload CXL
   * allows for id commands (the kernel accepts any size there) and the smallest for RAW.
   */
  #outSize(route: Route): number {
    if (route.id === CXL_MEM_COMMAND_ID_RAW) return this.payloadMax ?? MIN_PAYLOAD;
    return Math.max(this.payloadMax ?? MAX_PAYLOAD, route.info?.sizeOut ?? 0);
  }

  async submit(request: Uint8Array, options: CxlSubmitOptions = {}): Promise<Uint8Array> {
    // FM-API (options.fmApi) needs no special channel here: the mailbox carries every command set
    // the device implements, and the kernel decides which opcodes userspace may send.
    const what0 = `CXL mailbox command on ${this.#path}`;
    if (this.#gate.closed) throw this.#gate.closedError(what0, { path: this.#path });
    if (request.length < 12)
      throw new CxlNvmeError('CXL_SHORT_MESSAGE', `${what0}: a CCI request needs a 12-byte header, got ${request.length} bytes`, {
        length: request.length,
      });
    const hdr = codecs.cciMsg.decode(request);
    const opcode = (hdr.commandSet << 8) | hdr.command;
    const what = `CXL command ${hex4(opcode)}h on ${this.#path}`;
    if (hdr.category.category !== 'request')
      throw new CxlNvmeError('USAGE', `${what}: message category is ${String(hdr.category.category)}, not a request`, { opcode });
    if (request.length !== 12 + hdr.plLength.length)
      throw new CxlNvmeError(
        'CXL_PAYLOAD_LENGTH',
        `${what}: header says ${hdr.plLength.length} payload bytes, message carries ${request.length - 12}`,
        { opcode, plLength: hdr.plLength.length, length: request.length },
      );
    const payload = request.subarray(12);
    const route = this.route(opcode);
    const out = new Uint8Array(this.#outSize(route));
    const arg = codecs.cxlSendCommand.encode({
      id: route.id,
      flags: 0,
      rawOpcode: route.rawOpcode,
      retval: 0,
      inSize: payload.length,
      inPayload: 0n,
      outSize: out.length,
      outPayload: 0n,
    });
    const context: ErrorContext = {
      path: this.#path,
      opcode,
      commandId: route.id,
      ...(route.info?.name ? { kernelCommand: route.info.name } : {}),
      inSize: payload.length,
      outSize: out.length,
    };
    const patches = [
      { offset: cxlSendCommandPointers.inPayload, buffer: payload },
      { offset: cxlSendCommandPointers.outPayload, buffer: out },
    ];
    try {
      await this.#gate.run(() => this.#sys.ioctl(this.#fd, this.#send, arg, patches), {
        signal: options.signal,
        timeoutMs: options.timeoutMs || this.#defaultTimeoutMs,
        what,
        context,
      });
    } catch (e) {
      if (e instanceof CxlNvmeError && e.layer === 'transport') throw e;
      throw explained(e, what, this.#why(e, route, opcode, payload.length, out.length), context);
    }
    const done = codecs.cxlSendCommand.decode(arg);
    if (done.outSize > out.length)
      throw new CxlNvmeError('TRANSPORT_TRUNCATED', `${what}: the kernel reports ${done.outSize} output bytes, buffer held ${out.length}`, {
        ...context,
        returned: done.outSize,
      });
    // CXL r3.1 §8.2.9: a reply with a non-zero Return Code carries no payload. Linux 6.1 leaves
    // out.size at the whole buffer on such replies, so drop it rather than pass on stale bytes.
    const returnCode = done.retval & 0xffff;
    const outSize = returnCode === 0 ? done.outSize : 0;
    const response = new Uint8Array(12 + outSize);
    codecs.cciMsg.encodeInto(
      {
        category: { category: 'response' },
        tag: hdr.tag,
        command: hdr.command,
        commandSet: hdr.commandSet,
        // The kernel does not pass the mailbox's Background Operation bit; Return Code 01h
        // (Background Command Started, CXL r3.1 Table 8-34) is what it signals.
        plLength: { length: outSize, bo: returnCode === 0x01 },
        returnCode,
        // Not reported by the kernel ioctl.
        vendorExtStatus: 0,
      },
      response,
      0,
    );
    response.set(out.subarray(0, outSize), 12);
    return response;
  }

  #why(e: unknown, route: Route, opcode: number, inSize: number, outSize: number): string | undefined {
    const code = (e as { code?: string }).code;
    const name = route.info?.name ? `CXL_MEM_COMMAND_ID_${route.info.name}` : `opcode ${hex4(opcode)}h`;
    const raw = route.id === CXL_MEM_COMMAND_ID_RAW;
    switch (code) {
      case 'EPERM':
        if (!raw) return `the kernel refused ${name}`;
        if ((cxlRawDisabledOpcodes as readonly number[]).includes(opcode))
          return `the kernel blocks opcode ${hex4(opcode)}h on the raw path even with raw commands enabled (cxl_disabled_raw_commands in drivers/cxl/core/mbox.c); it is only reachable through the kernel's own interfaces`;
        if ((cxlRawDisabledCommandSets as readonly number[]).includes(opcode >> 8))
          return `the kernel blocks command set ${(opcode >> 8).toString(16)}h (sanitize / security) on the raw path; use the kernel's security and sanitize sysfs interfaces`;
        return (
          `opcode ${hex4(opcode)}h is not one the kernel knows by id, so it went as a RAW command, and raw commands are refused: ` +
          'the kernel was built without CONFIG_CXL_MEM_RAW_COMMANDS (distribution kernels are), or kernel lockdown is active. ' +
          'Use a kernel with CONFIG_CXL_MEM_RAW_COMMANDS=y, or reach the device over MCTP'
        );
      case 'ENOTTY':
        return raw
          ? 'the kernel does not accept this command id'
          : `the kernel knows ${name} but has not enabled it for this device (the device does not list the opcode in its Command Effects Log)`;
      case 'EBUSY':
        return `the kernel holds ${name} for its own exclusive use (for example the label area while regions use it, or a payload the kernel will not pass through)`;
      case 'EINVAL':
        return raw && this.payloadMax !== undefined && outSize > this.payloadMax
          ? `the RAW output buffer (${outSize}) exceeds payload_max (${this.payloadMax})`
          : `the kernel rejected the sizes or flags (input ${inSize} bytes, payload_max ${this.payloadMax ?? 'unknown'})`;
      case 'ENOMEM':
        return route.info
          ? `size mismatch: the kernel requires ${route.info.sizeIn === undefined ? 'any' : `exactly ${route.info.sizeIn}`} input bytes for ${name} (got ${inSize}) and an output buffer of at least ${route.info.sizeOut ?? 0} (gave ${outSize})`
          : 'the kernel could not allocate the bounce buffers';
      case 'EACCES':
        return accessAdvice(this.#path, 'cxl', 'mem[0-9]*');
      case 'ENOENT':
      case 'ENXIO':
      case 'ENODEV':
        return 'the device is gone (unbound or removed)';
      case 'EIO':
      case 'ETIMEDOUT':
      case 'EFAULT':
      case 'EINTR':
        return 'the mailbox transaction failed in the kernel (device not ready, doorbell timeout or interrupted wait)';
      default:
        return undefined;
    }
  }

  close(): Promise<void> {
    if (!this.#closing) {
      this.#closing = this.#gate.close(`CXL mailbox ${this.#path}`, { path: this.#path }).then(() => {
        try {
          this.#sys.close(this.#fd);
        } catch {
          // close(2) releases the descriptor even when it reports an error; nothing to retry
        }
      });
    }
    return this.#closing;
  }
}
