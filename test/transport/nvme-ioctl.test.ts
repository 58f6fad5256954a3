/**
 * NVMe passthrough transport against a scripted kernel: the exact 80-byte nvme_passthru_cmd64 and
 * 72-byte nvme_passthru_cmd (include/uapi/linux/nvme_ioctl.h), the 64 -> 32-bit fallback, status
 * and result handling, long-command threading, NVME_IOCTL_ID, and errno explanations.
 */
import { describe, expect, it } from 'vitest';
import { CxlNvmeError } from '../../src/errors.js';
import type { NvmeCommand } from '../../src/protocol/nvme/command-types.js';
import { nvmeNodeKind, openNvmeIoctl } from '../../src/transport/nvme-ioctl.js';
import { bytes, FakeSyscalls, hex, type IoctlCall, rejection, sysError } from './fake-syscalls.js';

const ADMIN = 0xc0484e41;
const IO = 0xc0484e43;
const ADMIN64 = 0xc0504e47;
const IO64 = 0xc0504e48;
const ID = 0x4e40;

function cmd(over: Partial<NvmeCommand>): NvmeCommand {
  return {
    name: 'test',
    queue: 'admin',
    opcode: 0,
    nsid: 0,
    cdw2: 0,
    cdw3: 0,
    cdw10: 0,
    cdw11: 0,
    cdw12: 0,
    cdw13: 0,
    cdw14: 0,
    cdw15: 0,
    direction: 'none',
    dataLength: 0,
    metadataLength: 0,
    timeoutMs: 0,
    ...over,
  };
}

const identifyCtrl = cmd({ name: 'identifyCtrl', opcode: 0x06, cdw10: 1, direction: 'fromDevice', dataLength: 4096, timeoutMs: 5000 });

function fail(code: string) {
  return () => {
    throw sysError(code);
  };
}

describe('admin commands', () => {
  it('Identify Controller: the exact 80-byte nvme_passthru_cmd64, data and 64-bit result', async () => {
    const fake = new FakeSyscalls().onIoctl((c: IoctlCall) => {
      expect(c.request).toBe(ADMIN64);
      const data = c.patches[1]!.buffer;
      data.set([0x36, 0x1b, 0xf4, 0x1a]); // VID 1B36h, SSVID 1AF4h
      new DataView(c.arg!.buffer).setBigUint64(72, 0x0000000100000002n, true);
      return 0;
    });
    const t = await openNvmeIoctl('/dev/nvme0', { syscalls: fake });
    expect(fake.opens).toEqual([{ path: '/dev/nvme0', flags: 2 /* O_RDWR */ }]);
    const c = await t.submit(identifyCtrl);
    const call = fake.ioctls[0]!;
    expect(hex(call.argBefore as Uint8Array)).toBe(
      hex(
        bytes(`
          06                       // opcode: Identify
          00                       // flags (must be 0)
          00 00                    // rsvd1
          00 00 00 00              // nsid
          00 00 00 00              // cdw2
          00 00 00 00              // cdw3
          00 00 00 00 00 00 00 00  // metadata pointer (patched by the addon)
          00 00 00 00 00 00 00 00  // addr pointer (patched by the addon)
          00 00 00 00              // metadata_len
          00 10 00 00              // data_len = 4096
          01 00 00 00              // cdw10: CNS 01h Identify Controller
          00 00 00 00              // cdw11
          00 00 00 00              // cdw12
          00 00 00 00              // cdw13
          00 00 00 00              // cdw14
          00 00 00 00              // cdw15
          88 13 00 00              // timeout_ms = 5000
          00 00 00 00              // rsvd2
          00 00 00 00 00 00 00 00  // result (kernel writes)
        `),
      ),
    );
    expect(call.patches.map((p) => [p.offset, p.buffer.length])).toEqual([
      [16, 0],
      [24, 4096],
    ]);
    expect(call.options).toEqual({ long: false });
    expect(c.status).toBe(0);
    expect(c.result).toBe(0x100000002n);
    expect(c.data!.length).toBe(4096);
    expect(hex(c.data!.subarray(0, 4))).toBe('361bf41a');
    expect(c.metadata).toBeUndefined();
  });

  it('a positive return is the NVMe status: resolved, not thrown', async () => {
    const fake = new FakeSyscalls().onIoctl(() => 0x4002); // DNR | SC 02h Invalid Field in Command
    const t = await openNvmeIoctl('/dev/nvme0', { syscalls: fake });
    const c = await t.submit(cmd({ opcode: 0x0a, cdw10: 0x07 })); // Get Features: Number of Queues
    expect(c.status).toBe(0x4002);
    expect(c.result).toBe(0n);
    expect(c.data).toBeUndefined();
  });

  it('ENOTTY on the 64-bit ioctl falls back to the 72-byte nvme_passthru_cmd for good', async () => {
    const fake = new FakeSyscalls().onIoctl(
      (c) => {
        expect(c.request).toBe(ADMIN64);
        throw sysError('ENOTTY');
      },
      (c) => {
        expect(c.request).toBe(ADMIN);
        new DataView(c.arg!.buffer).setUint32(68, 0xdeadbeef, true);
        return 0;
      },
      (c) => {
        expect(c.request).toBe(ADMIN);
        return 0;
      },
    );
    const t = await openNvmeIoctl('/dev/nvme0', { syscalls: fake });
    const c = await t.submit(cmd({ opcode: 0x02, nsid: 0xffffffff, cdw10: 0x007f0002, direction: 'fromDevice', dataLength: 512 }));
    expect(hex(fake.ioctls[1]!.argBefore as Uint8Array)).toBe(
      hex(
        bytes(`
          02                       // opcode: Get Log Page
          00 00 00                 // flags, rsvd1
          ff ff ff ff              // nsid = FFFFFFFFh (controller)
          00 00 00 00 00 00 00 00  // cdw2, cdw3
          00 00 00 00 00 00 00 00  // metadata pointer
          00 00 00 00 00 00 00 00  // addr pointer
          00 00 00 00              // metadata_len
          00 02 00 00              // data_len = 512
          02 00 7f 00              // cdw10: LID 02h SMART, NUMDL 7Fh (128 dwords)
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // cdw11..cdw15
          00 00 00 00              // timeout_ms = 0: driver default
          00 00 00 00              // result (kernel writes)
        `),
      ),
    );
    expect(c.result).toBe(0xdeadbeefn);
    expect(t.uses64BitResult).toBe(false);
    await t.submit(cmd({ opcode: 0x0a }));
    expect(fake.ioctls.length).toBe(3);
  });

  it('Format NVM runs on a dedicated thread (long), and so does a long timeout', async () => {
    const fake = new FakeSyscalls().onAnyIoctl(() => 0);
    const t = await openNvmeIoctl('/dev/nvme0', { syscalls: fake });
    await t.submit(cmd({ opcode: 0x80, nsid: 1 }));
    await t.submit(cmd({ opcode: 0x84, cdw10: 2 }));
    await t.submit(cmd({ opcode: 0x06, timeoutMs: 120_000 }));
    await t.submit(cmd({ opcode: 0x06 }));
    expect(fake.ioctls.map((c) => c.options?.long)).toEqual([true, true, true, false]);
  });
});

describe('I/O commands on a namespace node', () => {
  it('Write on /dev/ng0n1: IO64, the caller data as the buffer, data and metadata lengths', async () => {
    const fake = new FakeSyscalls().onIoctl((c) => {
      expect(c.request).toBe(IO64);
      return 0;
    });
    const t = await openNvmeIoctl('/dev/ng0n1', { syscalls: fake });
    const data = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);
    const md = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const c = await t.submit(
      cmd({ name: 'write', queue: 'io', opcode: 0x01, nsid: 1, cdw10: 0x10, cdw12: 0, direction: 'toDevice', dataLength: 512, data, metadataLength: 8, metadata: md }),
    );
    const call = fake.ioctls[0]!;
    const arg = call.argBefore as Uint8Array;
    expect(arg.length).toBe(80);
    expect(hex(arg.subarray(0, 16))).toBe('01000000' + '01000000' + '00000000' + '00000000'); // opcode 01h, nsid 1
    expect(hex(arg.subarray(32, 44))).toBe('08000000' + '00020000' + '10000000'); // metadata_len 8, data_len 512, cdw10 SLBA 10h
    expect(call.patches[1]!.buffer.buffer).toBe(data.buffer); // no copy for host-to-device data
    expect(hex(call.patches[1]!.buffer)).toBe(hex(data));
    expect(hex(call.patches[0]!.buffer)).toBe('0102030405060708');
    expect(c.data).toBeUndefined();
  });

  it('Read on /dev/nvme0n1 with metadata returns both buffers', async () => {
    const fake = new FakeSyscalls().onIoctl((c) => {
      c.patches[1]!.buffer.fill(0xab);
      c.patches[0]!.buffer.fill(0xcd);
      return 0;
    });
    const t = await openNvmeIoctl('/dev/nvme0n1', { syscalls: fake });
    const c = await t.submit(cmd({ queue: 'io', opcode: 0x02, nsid: 1, direction: 'fromDevice', dataLength: 8, metadataLength: 2 }));
    expect(fake.ioctls[0]!.request).toBe(IO64);
    expect(hex(c.data!)).toBe('abababababababab');
    expect(hex(c.metadata!)).toBe('cdcd');
  });

  it('32-bit I/O ioctl when asked for the legacy ioctls', async () => {
    const fake = new FakeSyscalls().onIoctl(() => 0);
    const t = await openNvmeIoctl('/dev/nvme0n1', { syscalls: fake, legacyIoctls: true });
    await t.submit(cmd({ queue: 'io', opcode: 0x00, nsid: 1 })); // Flush
    expect(fake.ioctls[0]!.request).toBe(IO);
    expect((fake.ioctls[0]!.argBefore as Uint8Array).length).toBe(72);
  });

  it('NVME_IOCTL_ID returns the namespace id', async () => {
    const fake = new FakeSyscalls().onIoctl((c) => {
      expect(c.request).toBe(ID);
      expect(c.sync).toBe(true);
      expect(c.argBefore).toBeNull();
      return 3;
    }, fail('ENOTTY'));
    const t = await openNvmeIoctl('/dev/ng0n3', { syscalls: fake });
    expect(t.namespaceId()).toBe(3);
    expect(() => t.namespaceId()).toThrow(expect.objectContaining({ code: 'ENOTTY', message: expect.stringContaining('namespace nodes only') }));
  });

  it('classifies device nodes', () => {
    expect(nvmeNodeKind('/dev/nvme0')).toBe('controller');
    expect(nvmeNodeKind('/dev/nvme12n3')).toBe('namespace');
    expect(nvmeNodeKind('/dev/ng1n1')).toBe('namespace');
    expect(nvmeNodeKind('/dev/nvme0c1n1')).toBe('namespace');
    expect(nvmeNodeKind('/dev/sda')).toBe('unknown');
  });
});

describe('argument checks', () => {
  it('a write without enough data is a usage error, before the kernel', async () => {
    const fake = new FakeSyscalls();
    const t = await openNvmeIoctl('/dev/nvme0n1', { syscalls: fake });
    await expect(t.submit(cmd({ queue: 'io', opcode: 0x01, direction: 'toDevice', dataLength: 512, data: new Uint8Array(100) }))).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(t.submit(cmd({ opcode: 0x06, direction: 'fromDevice', dataLength: -1 }))).rejects.toMatchObject({ code: 'USAGE' });
    expect(fake.ioctls.length).toBe(0);
  });

  it('bidirectional commands never hand the caller buffer to the kernel', async () => {
    const fake = new FakeSyscalls().onIoctl((c) => {
      c.patches[1]!.buffer.fill(9);
      return 0;
    });
    const t = await openNvmeIoctl('/dev/nvme0', { syscalls: fake });
    const mine = new Uint8Array(4).fill(1);
    const c = await t.submit(cmd({ opcode: 0x03, direction: 'bidirectional', dataLength: 4, data: mine }));
    expect(hex(mine)).toBe('01010101');
    expect(hex(c.data!)).toBe('09090909');
  });
});

describe('errors', () => {
  it('EACCES opening read-write retries read-only', async () => {
    const fake = new FakeSyscalls();
    fake.openErrors = [sysError('EACCES', 'open', '/dev/nvme0n1')];
    await openNvmeIoctl('/dev/nvme0n1', { syscalls: fake });
    expect(fake.opens.map((o) => o.flags)).toEqual([2, 0]);
  });

  it('EACCES on both opens explains permissions', async () => {
    const fake = new FakeSyscalls();
    fake.openErrors = [sysError('EACCES', 'open', '/dev/nvme0'), sysError('EACCES', 'open', '/dev/nvme0')];
    const err = await rejection(openNvmeIoctl('/dev/nvme0', { syscalls: fake }));
    expect(err.code).toBe('EACCES');
    expect(err.context).toMatchObject({ errno: 13, syscall: 'open', path: '/dev/nvme0' });
    expect(err.message).toMatch(/root.*udev rule.*SUBSYSTEM=="nvme"/);
  });

  it('ENOENT at open', async () => {
    const fake = new FakeSyscalls();
    fake.openErrors = [sysError('ENOENT', 'open', '/dev/nvme7')];
    await expect(openNvmeIoctl('/dev/nvme7', { syscalls: fake })).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining('/sys/class/nvme') });
  });

  const cases: [string, string, RegExp][] = [
    ['EPERM', '/dev/nvme0', /CAP_SYS_ADMIN/],
    ['EACCES', '/dev/nvme0', /CAP_SYS_ADMIN/],
    ['EINVAL', '/dev/nvme0n1', /NSID must be that namespace's \(got 0\)/],
    ['EINTR', '/dev/nvme0', /timed out in the kernel \(timeout_ms 5000\)/],
    ['ENODEV', '/dev/nvme0', /controller is gone/],
    ['EIO', '/dev/nvme0', /without a status/],
    ['ENOMEM', '/dev/nvme0', /max_hw_sectors_kb/],
  ];
  for (const [code, path, message] of cases) {
    it(`${code} from the passthrough ioctl`, async () => {
      const fake = new FakeSyscalls().onIoctl(fail(code));
      const t = await openNvmeIoctl(path, { syscalls: fake });
      const err = await rejection(t.submit(identifyCtrl));
      expect(err).toBeInstanceOf(CxlNvmeError);
      expect(err.code).toBe(code);
      expect(err.layer).toBe('system');
      expect(err.message).toMatch(message);
      expect(err.context).toMatchObject({ path, opcode: 6, queue: 'admin', syscall: 'ioctl' });
      expect(fake.ioctls.length).toBe(1); // no fallback for anything but ENOTTY
    });
  }

  it('ENOTTY from both ioctl sizes: not an NVMe node', async () => {
    const fake = new FakeSyscalls().onIoctl(fail('ENOTTY'), fail('ENOTTY'));
    const t = await openNvmeIoctl('/dev/sda', { syscalls: fake });
    await expect(t.submit(identifyCtrl)).rejects.toMatchObject({ code: 'ENOTTY', message: expect.stringContaining('not an NVMe device node') });
    expect(fake.ioctls.map((c) => c.request)).toEqual([ADMIN64, ADMIN]);
  });

  it('timeout, abort and close follow the contract', async () => {
    let finish!: (v: number) => void;
    const fake = new FakeSyscalls().onIoctl(
      () => new Promise<number>((r) => (finish = r)),
      () => new Promise<number>(() => {}),
    );
    const t = await openNvmeIoctl('/dev/nvme0', { syscalls: fake });
    await expect(t.submit(identifyCtrl, { timeoutMs: 15 })).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    const ac = new AbortController();
    const p = t.submit(identifyCtrl, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'TRANSPORT_ABORTED' });
    const closing = t.close();
    await expect(t.submit(identifyCtrl)).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    finish(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(fake.closes).toEqual([]); // the aborted call is still "in the kernel"
    void closing;
  });
});
