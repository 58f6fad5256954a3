/**
 * A scripted stand-in for the native syscall layer: records every call with a copy of the bytes
 * handed to the "kernel", lets each test answer ioctls (mutating the argument and the patched
 * buffers like the kernel would, or failing with an errno), and plays the AF_MCTP socket peer.
 */
import { CxlNvmeError, type ErrorCode } from '../../src/errors.js';
import type {
  IoctlOptions,
  IoctlPatch,
  MctpAddress,
  MctpBindAddress,
  MctpDatagram,
  ReadableWatch,
  Syscalls,
} from '../../src/transport/native/syscalls.js';

const ERRNO: Record<string, number> = {
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  ENODEV: 19,
  EINVAL: 22,
  ENOTTY: 25,
  EROFS: 30,
  EMSGSIZE: 90,
  EAFNOSUPPORT: 97,
  ENETUNREACH: 101,
  EHOSTUNREACH: 113,
};

/** The error the real syscall layer throws for an errno. */
export function sysError(code: string, syscall = 'ioctl', path?: string): CxlNvmeError {
  const errno = ERRNO[code];
  if (errno === undefined) throw new Error(`fake: unknown errno ${code}`);
  return new CxlNvmeError(code as ErrorCode, `${code}: (fake), ${syscall}${path ? ` '${path}'` : ''}`, {
    errno,
    syscall,
    ...(path ? { path } : {}),
  });
}

export interface IoctlCall {
  readonly fd: number;
  readonly request: number;
  /** The argument as it was when the call was made. */
  readonly argBefore: Uint8Array | number | null;
  /** The live argument (the handler writes results into it). */
  readonly arg: Uint8Array | null;
  readonly patches: readonly IoctlPatch[];
  readonly options: IoctlOptions | undefined;
  readonly sync: boolean;
}

/** Answer an ioctl: return the ioctl's return value, throw a sysError, or return a promise. */
export type IoctlHandler = (call: IoctlCall) => number | Promise<number>;

export class FakeSyscalls implements Syscalls {
  readonly opens: { path: string; flags: number }[] = [];
  readonly closes: number[] = [];
  readonly ioctls: IoctlCall[] = [];
  readonly sent: { fd: number; data: Uint8Array; addr: MctpAddress }[] = [];
  readonly binds: MctpBindAddress[] = [];
  /** Errors to throw from successive open() calls (undefined = succeed). */
  openErrors: (CxlNvmeError | undefined)[] = [];
  mctpSocketError: CxlNvmeError | undefined;
  sendError: CxlNvmeError | undefined;
  nextFd = 10;
  #handlers: IoctlHandler[] = [];
  #defaultHandler: IoctlHandler | undefined;
  #rx: MctpDatagram[] = [];
  #watch: { fd: number; cb: (err: CxlNvmeError | null) => void; closed: boolean } | undefined;
  watchesOpened = 0;

  /** Queue handlers for the next ioctls, in order. */
  onIoctl(...h: IoctlHandler[]): this {
    this.#handlers.push(...h);
    return this;
  }

  /** Handler for ioctls once the queue is empty. */
  onAnyIoctl(h: IoctlHandler): this {
    this.#defaultHandler = h;
    return this;
  }

  open(path: string, flags: number): number {
    this.opens.push({ path, flags });
    const e = this.openErrors.shift();
    if (e) throw e;
    return this.nextFd++;
  }

  close(fd: number): void {
    this.closes.push(fd);
  }

  #call(fd: number, request: number, arg: Uint8Array | number | null, patches: readonly IoctlPatch[] | undefined, options: IoctlOptions | undefined, sync: boolean) {
    const call: IoctlCall = {
      fd,
      request,
      argBefore: arg instanceof Uint8Array ? arg.slice() : arg,
      arg: arg instanceof Uint8Array ? arg : null,
      patches: patches ?? [],
      options,
      sync,
    };
    this.ioctls.push(call);
    const h = this.#handlers.shift() ?? this.#defaultHandler;
    if (!h) throw new Error(`fake: unexpected ioctl 0x${request.toString(16)}`);
    return h(call);
  }

  ioctl(fd: number, request: number, arg: Uint8Array | number | null, patches?: readonly IoctlPatch[], options?: IoctlOptions): Promise<number> {
    try {
      return Promise.resolve(this.#call(fd, request, arg, patches, options, false));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  ioctlSync(fd: number, request: number, arg: Uint8Array | number | null, patches?: readonly IoctlPatch[]): number {
    const r = this.#call(fd, request, arg, patches, undefined, true);
    if (typeof r !== 'number') throw new Error('fake: sync handler returned a promise');
    return r;
  }

  mctpSocket(): number {
    if (this.mctpSocketError) throw this.mctpSocketError;
    return this.nextFd++;
  }

  mctpBind(_fd: number, addr: MctpBindAddress): void {
    this.binds.push(addr);
  }

  mctpSetAddrExt(): void {}

  mctpSendTo(fd: number, data: Uint8Array, addr: MctpAddress): number {
    if (this.sendError) throw this.sendError;
    this.sent.push({ fd, data: data.slice(), addr });
    return data.length;
  }

  mctpRecvFrom(_fd: number, maxLen: number): MctpDatagram | null {
    const d = this.#rx.shift();
    if (!d) return null;
    if (d.data.length <= maxLen) return d;
    return { ...d, data: d.data.slice(0, maxLen), truncated: true, length: d.data.length };
  }

  watchReadable(fd: number, cb: (err: CxlNvmeError | null) => void): ReadableWatch {
    const w = { fd, cb, closed: false };
    this.#watch = w;
    this.watchesOpened++;
    if (this.#rx.length) setImmediate(() => this.#fire());
    return {
      close: () => {
        w.closed = true;
      },
    };
  }

  get watching(): boolean {
    return this.#watch !== undefined && !this.#watch.closed;
  }

  #fire(): void {
    const w = this.#watch;
    if (w && !w.closed && this.#rx.length) w.cb(null);
  }

  /** The peer sends a datagram to our socket. */
  deliver(d: Partial<MctpDatagram> & { data: Uint8Array; eid: number; type: number }): void {
    this.#rx.push({ net: 1, tag: 3, tagOwner: false, truncated: false, length: d.data.length, ...d });
    setImmediate(() => this.#fire());
  }

  /** The poll watcher reports an error. */
  pollError(e: CxlNvmeError): void {
    this.#watch?.cb(e);
  }
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** Bytes from a commented hex listing: whitespace and `//` comments are ignored. */
export function bytes(listing: string): Uint8Array {
  const clean = listing.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  if (clean.length % 2) throw new Error('odd hex length');
  return Uint8Array.from(clean.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<CxlNvmeError> {
  try {
    await p;
  } catch (e) {
    return e as CxlNvmeError;
  }
  throw new Error('expected a rejection, the promise resolved');
}
