/**
 * The syscall layer every native transport is written against. `nativeSyscalls()` backs it with
 * the addon; tests pass a fake that checks the exact bytes handed to the kernel and answers with
 * canned data or any errno. Every failure is a `CxlNvmeError` in the `system` layer whose code is
 * the errno name ('ENOENT', 'ENOTTY' ...) with context { errno, syscall, path? }, or a `USAGE`
 * error for arguments the addon refused before making a call.
 */
import { CxlNvmeError, type ErrorCode } from '../../errors.js';
import type { AddonPatch, NativeAddon } from './addon-types.js';
import { loadNative } from './load.js';

/** "Write the address of `buffer`'s bytes as a u64 at `offset` of the ioctl argument." */
export interface IoctlPatch {
  readonly offset: number;
  readonly buffer: Uint8Array;
}

export interface IoctlOptions {
  /**
   * Run on a dedicated thread instead of the libuv pool (4 threads by default): for commands that
   * can hold the call for minutes (NVMe Format NVM, Sanitize, firmware commit).
   */
  readonly long?: boolean;
}

export interface MctpAddress {
  /** MCTP network id; 0 = MCTP_NET_ANY. */
  readonly net: number;
  readonly eid: number;
  /** Message-type byte, IC bit included. */
  readonly type: number;
  /** Tag bits (0-7), plus PREALLOC (0x10) for a SIOCMCTPALLOCTAG tag. */
  readonly tag?: number;
  /** Set for requests: the kernel allocates a tag and routes the reply back to this socket. */
  readonly tagOwner?: boolean;
  /** Extended addressing (after mctpSetAddrExt): interface index and physical address. */
  readonly ifindex?: number;
  readonly haddr?: Uint8Array;
}

export interface MctpBindAddress {
  readonly net?: number;
  /** Local EID to accept; default MCTP_ADDR_ANY. */
  readonly eid?: number;
  readonly type: number;
}

/** One received datagram with its source address. */
export interface MctpDatagram {
  /** The bytes received (at most the maxLen asked for). */
  readonly data: Uint8Array;
  /** The datagram's real length (larger than data.length when truncated). */
  readonly length: number;
  readonly truncated: boolean;
  readonly net: number;
  readonly eid: number;
  /** Message-type byte, IC bit included. */
  readonly type: number;
  /** Tag value 0-7. */
  readonly tag: number;
  /** The peer owns the tag: this is a request to us. */
  readonly tagOwner: boolean;
  readonly ifindex?: number;
  readonly haddr?: Uint8Array;
}

export interface ReadableWatch {
  close(): void;
}

export interface Syscalls {
  open(path: string, flags: number): number;
  close(fd: number): void;
  /** ioctl on a worker thread; resolves with the (non-negative) return value. */
  ioctl(fd: number, request: number, arg: Uint8Array | number | null, patches?: readonly IoctlPatch[], options?: IoctlOptions): Promise<number>;
  ioctlSync(fd: number, request: number, arg: Uint8Array | number | null, patches?: readonly IoctlPatch[]): number;
  /** A non-blocking AF_MCTP datagram socket. */
  mctpSocket(): number;
  mctpBind(fd: number, addr: MctpBindAddress): void;
  mctpSetAddrExt(fd: number, on: boolean): void;
  mctpSendTo(fd: number, data: Uint8Array, addr: MctpAddress): number;
  /** One datagram, or null when none is queued. */
  mctpRecvFrom(fd: number, maxLen: number): MctpDatagram | null;
  /** Call `onReadable` on the event loop whenever fd is readable (level-triggered). */
  watchReadable(fd: number, onReadable: (err: CxlNvmeError | null) => void): ReadableWatch;
}

interface NodeSystemError {
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  path?: unknown;
  message?: unknown;
}

/** Turn what the addon threw into a CxlNvmeError (system layer for errno, USAGE for bad arguments). */
export function toSystemError(e: unknown): CxlNvmeError {
  if (e instanceof CxlNvmeError) return e;
  const x = (typeof e === 'object' && e !== null ? e : {}) as NodeSystemError;
  if (typeof x.code === 'string' && /^E[A-Z0-9]+$/.test(x.code) && typeof x.errno === 'number') {
    const context: Record<string, unknown> = { errno: x.errno, syscall: x.syscall };
    if (typeof x.path === 'string') context.path = x.path;
    return new CxlNvmeError(x.code as ErrorCode, String(x.message), context, { cause: e });
  }
  return new CxlNvmeError('USAGE', e instanceof Error ? e.message : String(e), {}, { cause: e });
}

function wrap<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R {
  return (...a: A) => {
    try {
      return f(...a);
    } catch (e) {
      throw toSystemError(e);
    }
  };
}

/** Syscalls backed by the native addon (loaded now, on first use). */
export function nativeSyscalls(addon: NativeAddon = loadNative()): Syscalls {
  const patches = (p?: readonly IoctlPatch[]): readonly AddonPatch[] | null => (p && p.length > 0 ? p : null);
  return {
    open: wrap((path: string, flags: number) => addon.open(path, flags)),
    close: wrap((fd: number) => addon.close(fd)),
    ioctlSync: wrap((fd: number, request: number, arg: Uint8Array | number | null, p?: readonly IoctlPatch[]) =>
      addon.ioctlSync(fd, request, arg, patches(p)),
    ),
    async ioctl(fd, request, arg, p, options) {
      try {
        return (await addon.ioctl(fd, request, arg, patches(p), options)).ret;
      } catch (e) {
        throw toSystemError(e);
      }
    },
    mctpSocket: wrap(() => addon.mctpSocket()),
    mctpBind: wrap((fd: number, addr: MctpBindAddress) => addon.mctpBind(fd, addr)),
    mctpSetAddrExt: wrap((fd: number, on: boolean) => addon.mctpSetAddrExt(fd, on)),
    mctpSendTo: wrap((fd: number, data: Uint8Array, addr: MctpAddress) => addon.mctpSendTo(fd, data, addr)),
    mctpRecvFrom: wrap((fd: number, maxLen: number): MctpDatagram | null => {
      const d = addon.mctpRecvFrom(fd, maxLen);
      if (!d) return null;
      // Buffer -> plain Uint8Array views over the same memory: library code stays Buffer-free.
      const data = new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.byteLength);
      const haddr = d.haddr ? new Uint8Array(d.haddr.buffer, d.haddr.byteOffset, d.haddr.byteLength) : undefined;
      return { ...d, data, ...(haddr ? { haddr } : {}) };
    }),
    watchReadable: wrap((fd: number, onReadable: (err: CxlNvmeError | null) => void) =>
      addon.watchReadable(fd, (err) => onReadable(err ? toSystemError(err) : null)),
    ),
  };
}
