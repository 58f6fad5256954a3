/**
 * NvmeTransport over the Linux NVMe passthrough ioctls (include/uapi/linux/nvme_ioctl.h):
 * /dev/nvmeN (controller: admin), /dev/nvmeNnM (namespace block node) and /dev/ngNnM (generic
 * namespace char node, kernel 5.13+) for admin and I/O.
 *
 * The 64-bit-result ioctls (NVME_IOCTL_ADMIN64_CMD / NVME_IOCTL_IO64_CMD, kernel 5.4+) are tried
 * first; ENOTTY switches this transport to the 72-byte ones for good, as libnvme does.
 * Return convention (nvme_user_cmd, drivers/nvme/host/ioctl.c): 0 = success, > 0 = the NVMe
 * status field without the phase bit (resolved, not thrown), -1 = errno (thrown).
 */
import { constants } from 'node:fs';
import {
  NVME_IOCTL_ADMIN64_CMD,
  NVME_IOCTL_ADMIN_CMD,
  NVME_IOCTL_ID,
  NVME_IOCTL_IO64_CMD,
  NVME_IOCTL_IO_CMD,
  nvmePassthruPointers,
} from '../../spec-tables/linux/nvme-ioctl.js';
import { CxlNvmeError, type ErrorContext } from '../errors.js';
import type { NvmeCommand, NvmeCompletion } from '../protocol/nvme/command-types.js';
import { codecs } from '../structs/index.js';
import { CallGate } from './native/call-gate.js';
import { accessAdvice, explained } from './native/explain.js';
import { ioctlNumber } from './native/ioctl-number.js';
import { type IoctlPatch, nativeSyscalls, type Syscalls } from './native/syscalls.js';
import type { NvmeTransport, SubmitOptions, TransportInfo } from './types.js';

/**
 * Admin opcodes that can hold the ioctl for minutes (NVMe Base 2.0c §5): Firmware Commit (10h,
 * may reset the controller), Format NVM (80h), Sanitize (84h). They run on a dedicated thread so
 * they do not occupy one of libuv's 4 pool threads.
 */
const LONG_ADMIN_OPCODES = new Set([0x10, 0x80, 0x84]);
/** Any command given a kernel timeout above this also gets its own thread. */
const LONG_TIMEOUT_MS = 30_000;

export interface NvmeIoctlOptions {
  readonly syscalls?: Syscalls;
  /** Open read-only (commands that write data then need CAP_SYS_ADMIN or fail with EACCES). */
  readonly readOnly?: boolean;
  /** Start with the 72-byte ioctls (skip the 64-bit-result probe). */
  readonly legacyIoctls?: boolean;
}

/** /dev/nvme0 -> controller; /dev/nvme0n1, /dev/ng0n1 (and partitions' parents) -> namespace. */
export function nvmeNodeKind(path: string): 'controller' | 'namespace' | 'unknown' {
  const b = path.split('/').pop() ?? '';
  if (/^nvme\d+$/.test(b)) return 'controller';
  if (/^(nvme|ng)\d+(c\d+)?n\d+$/.test(b)) return 'namespace';
  return 'unknown';
}

export async function openNvmeIoctl(path: string, options: NvmeIoctlOptions = {}): Promise<NvmeIoctlTransport> {
  const sys = options.syscalls ?? nativeSyscalls();
  let fd: number;
  try {
    fd = sys.open(path, options.readOnly ? constants.O_RDONLY : constants.O_RDWR);
  } catch (e) {
    const code = (e as { code?: string }).code;
    // A read-only node (EROFS, or write permission missing) can still take admin commands.
    if (!options.readOnly && (code === 'EACCES' || code === 'EROFS' || code === 'EPERM')) {
      try {
        fd = sys.open(path, constants.O_RDONLY);
      } catch (e2) {
        throw explained(e2, `open ${path}`, openAdvice(e2, path), { path });
      }
    } else {
      throw explained(e, `open ${path}`, openAdvice(e, path), { path });
    }
  }
  return new NvmeIoctlTransport(sys, fd, path, !options.legacyIoctls);
}

function openAdvice(e: unknown, path: string): string | undefined {
  const code = (e as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM')
    return `${accessAdvice(path, 'nvme', 'nvme[0-9]*')}. Namespace block nodes are group "disk" by default`;
  if (code === 'ENOENT' || code === 'ENXIO' || code === 'ENODEV') return 'no such NVMe device node (ls /sys/class/nvme)';
  return undefined;
}

/** NVME_IOCTL_ID: the namespace id of a namespace node. */
export function nvmeNamespaceId(sys: Syscalls, fd: number): number {
  return sys.ioctlSync(fd, ioctlNumber(NVME_IOCTL_ID), null) >>> 0;
}

export class NvmeIoctlTransport implements NvmeTransport {
  readonly info: TransportInfo;
  readonly #sys: Syscalls;
  readonly #fd: number;
  readonly #path: string;
  readonly #gate = new CallGate();
  #use64: boolean;
  #closing: Promise<void> | undefined;

  constructor(sys: Syscalls, fd: number, path: string, use64: boolean) {
    this.#sys = sys;
    this.#fd = fd;
    this.#path = path;
    this.#use64 = use64;
    this.info = { kind: 'nvme-ioctl', device: path };
  }

  /** Whether the 64-bit-result ioctls are in use (false after the kernel refused them). */
  get uses64BitResult(): boolean {
    return this.#use64;
  }

  /** The namespace id of this node (NVME_IOCTL_ID); ENOTTY on a controller node. */
  namespaceId(): number {
    try {
      return nvmeNamespaceId(this.#sys, this.#fd);
    } catch (e) {
      const why = (e as { code?: string }).code === 'ENOTTY' ? 'NVME_IOCTL_ID answers on namespace nodes only (nvmeXnY, ngXnY)' : undefined;
      throw explained(e, `NVME_IOCTL_ID on ${this.#path}`, why, { path: this.#path });
    }
  }

  async submit(command: NvmeCommand, options: SubmitOptions = {}): Promise<NvmeCompletion> {
    const what = `NVMe ${command.queue} ${command.name} (opcode ${hex2(command.opcode)}h) on ${this.#path}`;
    if (this.#gate.closed) throw this.#gate.closedError(what, { path: this.#path });
    const bufs = dataBuffers(command, what);
    const context: ErrorContext = { path: this.#path, opcode: command.opcode, queue: command.queue, nsid: command.nsid };
    const isLong = (command.queue === 'admin' && LONG_ADMIN_OPCODES.has(command.opcode)) || command.timeoutMs > LONG_TIMEOUT_MS;
    const attempt = (use64: boolean) => {
      const arg = encodePassthru(command, use64);
      const patches: IoctlPatch[] = [
        { offset: nvmePassthruPointers.metadata, buffer: bufs.metadata },
        { offset: nvmePassthruPointers.addr, buffer: bufs.data },
      ];
      const request = ioctlNumber(
        command.queue === 'admin' ? (use64 ? NVME_IOCTL_ADMIN64_CMD : NVME_IOCTL_ADMIN_CMD) : use64 ? NVME_IOCTL_IO64_CMD : NVME_IOCTL_IO_CMD,
      );
      return this.#gate.run(
        async () => ({ ret: await this.#sys.ioctl(this.#fd, request, arg, patches, { long: isLong }), arg }),
        // No timer unless asked: the kernel enforces timeout_ms (or nvme_core admin_timeout /
        // io_timeout) and then fails the call with EINTR.
        { signal: options.signal, timeoutMs: options.timeoutMs, what, context },
      );
    };
    let done: { ret: number; arg: Uint8Array };
    try {
      try {
        done = await attempt(this.#use64);
      } catch (e) {
        if (!this.#use64 || (e as { code?: string }).code !== 'ENOTTY') throw e;
        // Kernels before 5.4 have no 64-bit-result ioctls.
        this.#use64 = false;
        done = await attempt(false);
      }
    } catch (e) {
      if (e instanceof CxlNvmeError && e.layer === 'transport') throw e;
      throw explained(e, what, this.#why(e, command), context);
    }
    const result = this.#resultOf(done.arg);
    return {
      result,
      status: done.ret,
      ...(command.direction === 'fromDevice' || command.direction === 'bidirectional' ? { data: bufs.data } : {}),
      ...(command.metadataLength > 0 && command.direction !== 'toDevice' ? { metadata: bufs.metadata } : {}),
    };
  }

  #resultOf(arg: Uint8Array): bigint {
    if (arg.length === 80) return codecs.nvmePassthruCmd64.decode(arg).result;
    return BigInt(codecs.nvmePassthruCmd.decode(arg).result);
  }

  #why(e: unknown, command: NvmeCommand): string | undefined {
    switch ((e as { code?: string }).code) {
      case 'EACCES':
      case 'EPERM':
        return (
          'the kernel requires CAP_SYS_ADMIN for this command (unprivileged passthrough, kernel 6.2+, allows only ' +
          'Identify CNS 00h/01h/05h/06h/08h and I/O commands without side effects on a node opened for writing). Run as root'
        );
      case 'EINVAL':
        return command.flags
          ? `flags must be 0 (got ${command.flags})`
          : nvmeNodeKind(this.#path) === 'namespace'
            ? `the kernel rejected the command: on a namespace node the NSID must be that namespace's (got ${command.nsid}), and lengths must fit the queue limits`
            : 'the kernel rejected the command (lengths beyond the queue limits, or a bad field)';
      case 'ENOTTY':
        return nvmeNodeKind(this.#path) === 'unknown' ? `${this.#path} is not an NVMe device node` : 'this node does not take that ioctl';
      case 'EINTR':
        return `the command timed out in the kernel (timeout_ms ${command.timeoutMs || 'default: nvme_core admin_timeout / io_timeout'}) or was cancelled`;
      case 'ENODEV':
      case 'ENXIO':
        return 'the controller is gone or not live (reset, removal)';
      case 'EIO':
        return 'the controller failed the command without a status (transport error or reset)';
      case 'ENOMEM':
        return 'the kernel could not map the data buffer (too large for this queue: see queue/max_hw_sectors_kb)';
      default:
        return undefined;
    }
  }

  close(): Promise<void> {
    if (!this.#closing) {
      this.#closing = this.#gate.close(`NVMe ${this.#path}`, { path: this.#path }).then(() => {
        try {
          this.#sys.close(this.#fd);
        } catch {
          // the descriptor is released even when close(2) reports an error
        }
      });
    }
    return this.#closing;
  }
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** The data and metadata buffers the kernel reads from or writes to. */
function dataBuffers(command: NvmeCommand, what: string): { data: Uint8Array; metadata: Uint8Array } {
  const pick = (len: number, given: Uint8Array | undefined, field: string): Uint8Array => {
    if (!Number.isInteger(len) || len < 0 || len > 0xffffffff)
      throw new CxlNvmeError('USAGE', `${what}: ${field}Length ${len} is not a u32`, { [`${field}Length`]: len });
    const sends = command.direction === 'toDevice' || command.direction === 'bidirectional';
    if (!sends || len === 0) return new Uint8Array(len);
    if (!given || given.length < len)
      throw new CxlNvmeError('USAGE', `${what}: ${field}Length is ${len} but ${given?.length ?? 0} bytes of ${field} were given`, {
        [`${field}Length`]: len,
      });
    // Bidirectional: the device writes back into the buffer, so never the caller's own bytes.
    return command.direction === 'bidirectional' ? given.slice(0, len) : given.subarray(0, len);
  };
  return {
    data: pick(command.dataLength, command.data, 'data'),
    metadata: pick(command.metadataLength, command.metadata, 'metadata'),
  };
}

/** struct nvme_passthru_cmd (72 B) or nvme_passthru_cmd64 (80 B); pointers are patched by the addon. */
function encodePassthru(c: NvmeCommand, use64: boolean): Uint8Array {
  const fields = {
    opcode: c.opcode,
    flags: c.flags ?? 0,
    nsid: c.nsid,
    cdw2: c.cdw2,
    cdw3: c.cdw3,
    metadata: 0n,
    addr: 0n,
    metadataLen: c.metadataLength,
    dataLen: c.dataLength,
    cdw10: c.cdw10,
    cdw11: c.cdw11,
    cdw12: c.cdw12,
    cdw13: c.cdw13,
    cdw14: c.cdw14,
    cdw15: c.cdw15,
    timeoutMs: c.timeoutMs,
  };
  return use64 ? codecs.nvmePassthruCmd64.encode({ ...fields, result: 0n }) : codecs.nvmePassthruCmd.encode({ ...fields, result: 0 });
}
