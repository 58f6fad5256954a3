/**
 * The native addon against real kernel objects on this machine: a FIFO (FIONREAD, poll
 * readiness, ENOTTY, ENOTSOCK), a pseudo-terminal (TIOCSWINSZ / TIOCGWINSZ), a TCP socket
 * (SIOCGIFCONF, whose argument holds a user pointer: the patch mechanism), and AF_MCTP (absent
 * from this kernel: EAFNOSUPPORT).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIONREAD, TIOCGWINSZ, TIOCSWINSZ } from '../../spec-tables/linux/ioctl.js';
import { CxlNvmeError } from '../../src/errors.js';
import type { NativeAddon } from '../../src/transport/native/addon-types.js';
import { loadNative } from '../../src/transport/native/load.js';
import { nativeSyscalls } from '../../src/transport/native/syscalls.js';

const SIOCGIFCONF = 0x8912; // include/uapi/linux/sockios.h
const TCXONC = 0x540a; // include/uapi/asm-generic/ioctls.h: takes its argument by value

let addon: NativeAddon;
let dir: string;
let fifo: string;

function openFifo(): number {
  // O_RDWR on a FIFO opens both ends at once on Linux (fifo(7)); O_NONBLOCK for poll tests.
  return addon.open(fifo, constants.O_RDWR | constants.O_NONBLOCK);
}

function int32(b: Uint8Array, off = 0): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(off, true);
}

function expectErrno(f: () => unknown, code: string, errno: number, syscall: string): Error {
  try {
    f();
  } catch (e) {
    const err = e as Error & { code: string; errno: number; syscall: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(code);
    expect(err.errno).toBe(errno);
    expect(err.syscall).toBe(syscall);
    expect(err.message).toMatch(new RegExp(`^${code}: `));
    return err;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

beforeAll(() => {
  addon = loadNative();
  dir = mkdtempSync(join(tmpdir(), 'cxl-nvme-native-'));
  fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('load', () => {
  it('loads the addon with the expected ABI and functions', () => {
    expect(addon.abiVersion).toBe(1);
    for (const f of ['open', 'close', 'ioctlSync', 'ioctl', 'mctpSocket', 'mctpBind', 'mctpSendTo', 'mctpRecvFrom', 'watchReadable'])
      expect(typeof (addon as unknown as Record<string, unknown>)[f]).toBe('function');
  });
});

describe('open / close', () => {
  it('reports ENOENT with errno, syscall and path', () => {
    const err = expectErrno(() => addon.open(join(dir, 'missing'), constants.O_RDONLY), 'ENOENT', 2, 'open') as Error & { path: string };
    expect(err.path).toBe(join(dir, 'missing'));
  });

  it('reports EISDIR opening a directory for writing', () => {
    expectErrno(() => addon.open(dir, constants.O_RDWR), 'EISDIR', 21, 'open');
  });

  it('turns errno into a system-layer CxlNvmeError through the syscall layer', () => {
    const sys = nativeSyscalls(addon);
    try {
      sys.open(join(dir, 'missing'), constants.O_RDONLY);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CxlNvmeError);
      const err = e as CxlNvmeError;
      expect(err.code).toBe('ENOENT');
      expect(err.layer).toBe('system');
      expect(err.context).toMatchObject({ errno: 2, syscall: 'open', path: join(dir, 'missing') });
    }
  });

  it('closes a descriptor, and a second close fails with EBADF', () => {
    const fd = openFifo();
    addon.close(fd);
    expectErrno(() => addon.close(fd), 'EBADF', 9, 'close');
  });
});

describe('ioctl on a FIFO (FIONREAD)', () => {
  it('sync: reports the bytes queued', () => {
    const fd = openFifo();
    try {
      writeSync(fd, Buffer.from('hello'));
      const n = new Uint8Array(4);
      expect(addon.ioctlSync(fd, FIONREAD.value, n)).toBe(0);
      expect(int32(n)).toBe(5);
      writeSync(fd, Buffer.from('!!'));
      expect(addon.ioctlSync(fd, FIONREAD.value, n)).toBe(0);
      expect(int32(n)).toBe(7);
    } finally {
      addon.close(fd);
    }
  });

  it('async on the thread pool and on a dedicated thread', async () => {
    const fd = openFifo();
    try {
      writeSync(fd, Buffer.alloc(123));
      const a = new Uint8Array(4);
      await expect(addon.ioctl(fd, FIONREAD.value, a)).resolves.toEqual({ ret: 0 });
      expect(int32(a)).toBe(123);
      const b = new Uint8Array(4);
      await expect(addon.ioctl(fd, FIONREAD.value, b, null, { long: true })).resolves.toEqual({ ret: 0 });
      expect(int32(b)).toBe(123);
    } finally {
      addon.close(fd);
    }
  });

  it('64 calls in flight each fill their own buffer (a view into a shared ArrayBuffer)', async () => {
    const fd = openFifo();
    try {
      writeSync(fd, Buffer.alloc(4321));
      const backing = new ArrayBuffer(64 * 8);
      const views = Array.from({ length: 64 }, (_, i) => new Uint8Array(backing, i * 8 + 4, 4));
      const results = await Promise.all(views.map((v, i) => addon.ioctl(fd, FIONREAD.value, v, null, { long: i % 8 === 0 })));
      expect(results.every((r) => r.ret === 0)).toBe(true);
      const all = new DataView(backing);
      for (let i = 0; i < 64; i++) {
        expect(all.getInt32(i * 8 + 4, true)).toBe(4321);
        expect(all.getInt32(i * 8, true)).toBe(0); // nothing written outside each view
      }
    } finally {
      addon.close(fd);
    }
  });

  it('ENOTTY for a terminal ioctl on a FIFO, sync and async', async () => {
    const fd = openFifo();
    try {
      expectErrno(() => addon.ioctlSync(fd, TIOCGWINSZ.value, new Uint8Array(8)), 'ENOTTY', 25, 'ioctl');
      await expect(addon.ioctl(fd, TIOCGWINSZ.value, new Uint8Array(8))).rejects.toMatchObject({ code: 'ENOTTY', errno: 25, syscall: 'ioctl' });
      await expect(nativeSyscalls(addon).ioctl(fd, TIOCGWINSZ.value, new Uint8Array(8))).rejects.toSatisfy(
        (e: unknown) => e instanceof CxlNvmeError && e.code === 'ENOTTY' && e.layer === 'system',
      );
    } finally {
      addon.close(fd);
    }
  });

  it('EBADF on a closed descriptor', async () => {
    const fd = openFifo();
    addon.close(fd);
    expectErrno(() => addon.ioctlSync(fd, FIONREAD.value, new Uint8Array(4)), 'EBADF', 9, 'ioctl');
    await expect(addon.ioctl(fd, FIONREAD.value, new Uint8Array(4), null, { long: true })).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('refuses bad arguments before calling the kernel', () => {
    const fd = openFifo();
    try {
      expect(() => addon.ioctlSync(fd, 'x' as unknown as number, null)).toThrow(TypeError);
      expect(() => addon.ioctlSync(fd, FIONREAD.value, 'x' as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => addon.ioctlSync(fd, FIONREAD.value, new Uint8Array(16), [{ offset: 12, buffer: new Uint8Array(1) }])).toThrow(RangeError);
      expect(() => addon.ioctlSync(fd, FIONREAD.value, null, [{ offset: 0, buffer: new Uint8Array(1) }])).toThrow(TypeError);
      const sys = nativeSyscalls(addon);
      expect(() => sys.ioctlSync(fd, FIONREAD.value, new Uint8Array(16), [{ offset: 9, buffer: new Uint8Array(1) }])).toThrow(
        expect.objectContaining({ code: 'USAGE' }),
      );
    } finally {
      addon.close(fd);
    }
  });
});

describe('poll readiness watcher', () => {
  it('calls back when the FIFO becomes readable, and not after close()', async () => {
    const fd = openFifo();
    try {
      let calls = 0;
      const fired = new Promise<Error | null>((resolve) => {
        const w = addon.watchReadable(fd, (err) => {
          calls++;
          w.close();
          resolve(err);
        });
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(calls).toBe(0); // nothing to read yet
      writeSync(fd, Buffer.from('x'));
      await expect(fired).resolves.toBeNull();
      await new Promise((r) => setTimeout(r, 20));
      expect(calls).toBe(1); // level-triggered, but closed after the first call
    } finally {
      addon.close(fd);
    }
  });
});

describe('ioctl on a pseudo-terminal', () => {
  it('TIOCSWINSZ then TIOCGWINSZ round-trips the window size', async () => {
    const fd = addon.open('/dev/ptmx', constants.O_RDWR | constants.O_NOCTTY);
    try {
      // struct winsize { u16 ws_row, ws_col, ws_xpixel, ws_ypixel } (include/uapi/asm-generic/termios.h)
      const set = new Uint8Array([33, 0, 111, 0, 0x20, 0x03, 0x58, 0x02]); // 33 rows, 111 cols, 800x600
      expect(addon.ioctlSync(fd, TIOCSWINSZ.value, set)).toBe(0);
      const got = new Uint8Array(8);
      await expect(addon.ioctl(fd, TIOCGWINSZ.value, got)).resolves.toEqual({ ret: 0 });
      expect([...got]).toEqual([33, 0, 111, 0, 0x20, 0x03, 0x58, 0x02]);
      // TCXONC takes its argument by value (TCOON = 1): the integer-argument path.
      expect(addon.ioctlSync(fd, TCXONC, 1)).toBe(0);
    } finally {
      addon.close(fd);
    }
  });
});

describe('pointer patches (SIOCGIFCONF on a TCP socket)', () => {
  let server: Server;
  let sockFd: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    sockFd = (server as unknown as { _handle: { fd: number } })._handle.fd;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function ifconf(): { arg: Uint8Array; buf: Uint8Array } {
    // struct ifconf { int ifc_len; (4 pad) union { char *ifc_buf; ... } } on LP64: 16 bytes,
    // the pointer at offset 8. The kernel fills ifc_buf with struct ifreq (40 bytes each).
    const buf = new Uint8Array(40 * 16);
    const arg = new Uint8Array(16);
    new DataView(arg.buffer).setInt32(0, buf.length, true);
    return { arg, buf };
  }

  function names(buf: Uint8Array, len: number): string[] {
    const out: string[] = [];
    for (let o = 0; o + 40 <= len; o += 40) out.push(Buffer.from(buf.subarray(o, o + 16)).toString('latin1').replace(/\0.*$/s, ''));
    return out;
  }

  it('sync: the kernel writes interface records through the patched pointer', () => {
    expect(sockFd).toBeGreaterThan(2);
    const { arg, buf } = ifconf();
    expect(addon.ioctlSync(sockFd, SIOCGIFCONF, arg, [{ offset: 8, buffer: buf }])).toBe(0);
    const len = int32(arg);
    expect(len % 40).toBe(0);
    expect(len).toBeGreaterThanOrEqual(40);
    expect(names(buf, len)).toContain('lo');
    // The address of buf's bytes was written into the argument (little-endian u64 at offset 8).
    expect(new DataView(arg.buffer).getBigUint64(8, true)).not.toBe(0n);
  });

  it('async: the patched buffer is kept alive and filled', async () => {
    const { arg, buf } = ifconf();
    const p = addon.ioctl(sockFd, SIOCGIFCONF, arg, [{ offset: 8, buffer: buf }]);
    await expect(p).resolves.toEqual({ ret: 0 });
    expect(names(buf, int32(arg))).toContain('lo');
  });

  it('a zero-length patch passes a NULL pointer: the kernel then only reports the size needed', () => {
    const arg = new Uint8Array(16);
    expect(addon.ioctlSync(sockFd, SIOCGIFCONF, arg, [{ offset: 8, buffer: new Uint8Array(0) }])).toBe(0);
    expect(new DataView(arg.buffer).getBigUint64(8, true)).toBe(0n);
    expect(int32(arg) % 40).toBe(0);
    expect(int32(arg)).toBeGreaterThanOrEqual(40);
  });
});

describe('AF_MCTP', () => {
  it('socket() fails with EAFNOSUPPORT on a kernel without CONFIG_MCTP', () => {
    let fd: number | undefined;
    try {
      fd = addon.mctpSocket();
    } catch (e) {
      expect(e).toMatchObject({ code: 'EAFNOSUPPORT', errno: 97, syscall: 'socket' });
      return;
    }
    // A kernel with MCTP: the socket is real.
    expect(fd).toBeGreaterThan(2);
    addon.close(fd);
  });

  it('recvmsg / sendto on a non-socket report ENOTSOCK; bad addresses are refused', () => {
    const fd = openFifo();
    try {
      expectErrno(() => addon.mctpRecvFrom(fd, 64), 'ENOTSOCK', 88, 'recvmsg');
      expectErrno(() => addon.mctpSendTo(fd, new Uint8Array(4), { net: 1, eid: 8, type: 8, tagOwner: true }), 'ENOTSOCK', 88, 'sendto');
      expect(() => addon.mctpSendTo(fd, new Uint8Array(4), { net: 1, eid: 300, type: 8 })).toThrow(RangeError);
      expect(() => addon.mctpSendTo(fd, new Uint8Array(4), { net: 1, type: 8 } as never)).toThrow(TypeError);
    } finally {
      addon.close(fd);
    }
  });
});

describe('descriptors from the addon work with node:fs', () => {
  it('closeSync accepts an addon descriptor', () => {
    const fd = openFifo();
    closeSync(fd);
    expectErrno(() => addon.ioctlSync(fd, FIONREAD.value, new Uint8Array(4)), 'EBADF', 9, 'ioctl');
  });
});
