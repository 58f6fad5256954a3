/**
 * CXL mailbox transport against a scripted kernel: the exact 48-byte struct cxl_send_command
 * (include/uapi/linux/cxl_mem.h), the query handshake, response building, every errno the
 * kernel's cxl_send_cmd()/cxl_validate_cmd_from_user() produce, and the contract's
 * timeout / abort / close rules.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CxlNvmeError } from '../../src/errors.js';
import { type CxlMailboxOptions, openCxlMailbox } from '../../src/transport/cxl-mailbox.js';
import { bytes, FakeSyscalls, hex, type IoctlCall, rejection, sysError } from './fake-syscalls.js';

const QUERY = 0x8008ce01; // _IOR(0xCE, 1, struct cxl_mem_query_commands)
const SEND = 0xc030ce02; // _IOWR(0xCE, 2, struct cxl_send_command)

let sysfs: string;
beforeAll(() => {
  sysfs = mkdtempSync(join(tmpdir(), 'cxl-sysfs-'));
  mkdirSync(join(sysfs, 'bus/cxl/devices/mem0'), { recursive: true });
  writeFileSync(join(sysfs, 'bus/cxl/devices/mem0/payload_max'), '4096\n');
});
afterAll(() => rmSync(sysfs, { recursive: true, force: true }));

/** One struct cxl_command_info row: id, flags, size_in, size_out (little-endian u32s). */
function info(id: number, flags: number, sizeIn: number, sizeOut: number): number[] {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, id, true);
  dv.setUint32(4, flags, true);
  dv.setUint32(8, sizeIn >>> 0, true);
  dv.setUint32(12, sizeOut >>> 0, true);
  return [...b];
}

const VAR = 0xffffffff;
/** What a 6.8 kernel without raw commands answers: RAW's slot comes back zeroed. */
const KERNEL_COMMANDS = [
  info(1, 1, 0, 0x43), // IDENTIFY, enabled
  info(0, 0, 0, 0), // RAW not compiled in: zeroed slot
  info(3, 1, 0, VAR), // GET_SUPPORTED_LOGS
  info(7, 1, 0, 0x12), // GET_HEALTH_INFO
  info(8, 1, 0x18, VAR), // GET_LOG
  info(10, 3, VAR, 0), // SET_LSA: enabled + exclusive
  info(13, 0, 0, 1), // GET_SHUTDOWN_STATE: not enabled on this device
];

/** Handlers for the two CXL_MEM_QUERY_COMMANDS calls made at open. */
function queryHandlers(rows: number[][] = KERNEL_COMMANDS) {
  return [
    (c: IoctlCall) => {
      expect(c.request).toBe(QUERY);
      // n_commands = 0: "how many?" (8 bytes, nothing else)
      expect(hex(c.argBefore as Uint8Array)).toBe('0000000000000000');
      new DataView(c.arg!.buffer).setUint32(0, rows.length, true);
      return 0;
    },
    (c: IoctlCall) => {
      expect(c.request).toBe(QUERY);
      expect(c.arg!.length).toBe(8 + 16 * rows.length);
      expect(new DataView(c.arg!.buffer).getUint32(0, true)).toBe(rows.length);
      c.arg!.set(rows.flat(), 8);
      return 0;
    },
  ];
}

async function open(fake: FakeSyscalls, opts: Partial<CxlMailboxOptions> = {}) {
  fake.onIoctl(...queryHandlers());
  return openCxlMailbox('/dev/cxl/mem0', { syscalls: fake, sysfsRoot: sysfs, ...opts });
}

/** The kernel's side of a successful send: retval, out.size, output bytes. */
function reply(retval: number, out: number[]) {
  return (c: IoctlCall) => {
    expect(c.request).toBe(SEND);
    const dv = new DataView(c.arg!.buffer);
    dv.setUint32(12, retval, true);
    dv.setUint32(32, out.length, true);
    c.patches[1]!.buffer.set(out);
    return 0;
  };
}

function fail(code: string) {
  return () => {
    throw sysError(code);
  };
}

const getHealthInfo = bytes(`
  00        // category 0: request
  2a        // tag
  00        // reserved
  00 42     // opcode 4200h: command 00h, command set 42h
  00 00 00  // payload length 0, BO 0
  00 00     // return code
  00 00     // vendor extended status
`);

describe('open', () => {
  it('queries the command set and reads payload_max', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    expect(fake.opens).toEqual([{ path: '/dev/cxl/mem0', flags: 2 /* O_RDWR */ }]);
    expect(t.info).toEqual({ kind: 'cxl-mailbox', device: '/dev/cxl/mem0', maxPayload: 4096 });
    expect(t.payloadMax).toBe(4096);
    expect(t.commands.map((c) => c.id)).toEqual([1, 3, 7, 8, 10, 13]);
    expect(t.commands.find((c) => c.id === 7)).toEqual({ id: 7, name: 'GET_HEALTH_INFO', opcode: 0x4200, enabled: true, exclusive: false, sizeOut: 0x12, sizeIn: 0 });
    expect(t.commands.find((c) => c.id === 10)).toMatchObject({ name: 'SET_LSA', exclusive: true });
    expect(t.commands.find((c) => c.id === 8)).not.toHaveProperty('sizeOut');
    expect(t.route(0x4200)).toMatchObject({ id: 7, rawOpcode: 0 });
    expect(t.route(0x0001)).toEqual({ id: 2, rawOpcode: 0x0001 });
  });

  it('EACCES at open says how to get access', async () => {
    const fake = new FakeSyscalls();
    fake.openErrors = [sysError('EACCES', 'open', '/dev/cxl/mem0')];
    const err = await rejection(openCxlMailbox('/dev/cxl/mem0', { syscalls: fake }));
    expect(err).toBeInstanceOf(CxlNvmeError);
    expect(err.code).toBe('EACCES');
    expect(err.layer).toBe('system');
    expect(err.context).toMatchObject({ errno: 13, syscall: 'open', path: '/dev/cxl/mem0' });
    expect(err.message).toMatch(/root/);
    expect(err.message).toMatch(/udev rule/);
  });

  it('ENOENT at open points at the driver and the scan', async () => {
    const fake = new FakeSyscalls();
    fake.openErrors = [sysError('ENOENT', 'open', '/dev/cxl/mem9')];
    await expect(openCxlMailbox('/dev/cxl/mem9', { syscalls: fake })).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringMatching(/cxl_pci.*scanCxlMemdevs/),
    });
  });

  it('ENOTTY on the query: not a CXL memdev; the descriptor is closed', async () => {
    const fake = new FakeSyscalls().onIoctl(fail('ENOTTY'));
    await expect(openCxlMailbox('/dev/null', { syscalls: fake })).rejects.toMatchObject({
      code: 'ENOTTY',
      message: expect.stringContaining('not a CXL memory device'),
    });
    expect(fake.closes).toEqual([10]);
  });
});

describe('submit', () => {
  it('sends a known opcode by command id: the exact 48-byte cxl_send_command', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    const health = Array.from({ length: 0x12 }, (_, i) => i + 1);
    fake.onIoctl(reply(0, health));
    const rsp = await t.submit(getHealthInfo);
    const call = fake.ioctls[2]!;
    expect(call.fd).toBe(10);
    expect(hex(call.argBefore as Uint8Array)).toBe(
      hex(
        bytes(`
          07 00 00 00              // id = 7 CXL_MEM_COMMAND_ID_GET_HEALTH_INFO
          00 00 00 00              // flags = 0
          00 00                    // raw.opcode = 0 (not RAW)
          00 00                    // raw.rsvd
          00 00 00 00              // retval (kernel writes)
          00 00 00 00              // in.size = 0
          00 00 00 00              // in.rsvd
          00 00 00 00 00 00 00 00  // in.payload: patched with the address by the addon
          00 10 00 00              // out.size = 4096 (payload_max)
          00 00 00 00              // out.rsvd
          00 00 00 00 00 00 00 00  // out.payload: patched by the addon
        `),
      ),
    );
    expect(call.patches.map((p) => [p.offset, p.buffer.length])).toEqual([
      [24, 0],
      [40, 4096],
    ]);
    expect(hex(rsp)).toBe(
      hex(
        bytes(`
          01        // category: response
          2a        // same tag
          00
          00 42     // same opcode
          12 00 00  // payload length = out.size from the kernel
          00 00     // return code = retval
          00 00
        `),
      ) + hex(Uint8Array.from(health)),
    );
  });

  it('sends an unknown opcode as RAW with its payload, and resolves a device failure', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    fake.onIoctl(reply(0x15, [])); // 15h Invalid Payload Length? any non-zero Return Code
    const req = bytes(`
      00 07 00     // request, tag 7
      02 04        // opcode 0402h Get Log Capabilities (no id for it in this kernel's query)
      10 00 00     // 16 payload bytes
      00 00 00 00
      0d a9 c0 b5 bf 41 4b 78 8f 79 96 b1 62 3b 3f 17  // CEL UUID
    `);
    const rsp = await t.submit(req);
    const call = fake.ioctls[2]!;
    expect(hex(call.argBefore as Uint8Array)).toBe(
      hex(
        bytes(`
          02 00 00 00              // id = 2 CXL_MEM_COMMAND_ID_RAW
          00 00 00 00              // flags
          02 04                    // raw.opcode = 0402h
          00 00                    // raw.rsvd
          00 00 00 00              // retval
          10 00 00 00              // in.size = 16
          00 00 00 00
          00 00 00 00 00 00 00 00  // in.payload (patched)
          00 10 00 00              // out.size = payload_max: the RAW limit
          00 00 00 00
          00 00 00 00 00 00 00 00  // out.payload (patched)
        `),
      ),
    );
    expect(hex(call.patches[0]!.buffer)).toBe('0da9c0b5bf414b788f7996b1623b3f17');
    expect(hex(rsp)).toBe('01070002040000001500' + '0000');
  });

  it('with raw: true sends a command the kernel knows by id as RAW', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake, { raw: true });
    fake.onIoctl(reply(0, new Array(0x12).fill(0)));
    await t.submit(getHealthInfo);
    const arg = fake.ioctls[2]!.argBefore as Uint8Array;
    expect(hex(arg.subarray(0, 12))).toBe(hex(bytes('02 00 00 00  00 00 00 00  00 42 00 00'))); // id RAW, raw.opcode 4200h
  });

  it('an error reply carries no payload, whatever out.size the kernel leaves (CXL r3.1 §8.2.9)', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    fake.onIoctl(reply(0x15, new Array(64).fill(0xee))); // 15h Unsupported Mailbox, stale output bytes
    const rsp = await t.submit(getHealthInfo);
    expect(hex(rsp)).toBe(hex(bytes('01 2a 00 00 42  00 00 00  15 00  00 00')));
  });

  it('marks Background Command Started (01h) with the BO bit', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    fake.onIoctl(reply(1, []));
    const rsp = await t.submit(bytes('00 01 00 04 43 00 00 00 00 00 00 00')); // 4304h Scan Media via RAW
    expect(rsp[7]).toBe(0x80); // plLength bits 23: BO
    expect(rsp[8]).toBe(1);
  });

  it('without payload_max: RAW gets the 256-byte minimum, id commands the 1 MiB maximum', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake, { sysfsRoot: join(sysfs, 'nowhere') });
    expect(t.payloadMax).toBeUndefined();
    expect(t.info.maxPayload).toBeUndefined();
    fake.onIoctl(reply(0, []), reply(0, []));
    await t.submit(bytes('00 01 00 01 00 00 00 00 00 00 00 00')); // 0001h Identify: RAW
    await t.submit(getHealthInfo);
    const outSize = (i: number) => new DataView((fake.ioctls[i]!.argBefore as Uint8Array).buffer).getUint32(32, true);
    expect(outSize(2)).toBe(256);
    expect(outSize(3)).toBe(1 << 20);
  });

  it('rejects malformed requests without calling the kernel', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    await expect(t.submit(new Uint8Array(5))).rejects.toMatchObject({ code: 'CXL_SHORT_MESSAGE' });
    await expect(t.submit(bytes('00 01 00 00 42 04 00 00 00 00 00 00 aa'))).rejects.toMatchObject({ code: 'CXL_PAYLOAD_LENGTH' });
    await expect(t.submit(bytes('01 01 00 00 42 00 00 00 00 00 00 00'))).rejects.toMatchObject({ code: 'USAGE' });
    expect(fake.ioctls.length).toBe(2); // only the two queries
  });

  it('never resolves with a partial reply', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    fake.onIoctl((c) => {
      new DataView(c.arg!.buffer).setUint32(32, 5000, true); // more than the 4096 buffer
      return 0;
    });
    await expect(t.submit(getHealthInfo)).rejects.toMatchObject({ code: 'TRANSPORT_TRUNCATED', layer: 'transport' });
  });
});

describe('errno from CXL_MEM_SEND_COMMAND', () => {
  const cases: { name: string; code: string; request: Uint8Array; message: RegExp }[] = [
    {
      name: 'EPERM on RAW: raw commands disabled',
      code: 'EPERM',
      request: bytes('00 01 00 01 00 00 00 00 00 00 00 00'), // 0001h Identify
      message: /RAW.*CONFIG_CXL_MEM_RAW_COMMANDS/,
    },
    {
      name: 'EPERM on RAW: opcode on the kernel block list',
      code: 'EPERM',
      request: bytes('00 01 00 04 42 01 00 00 00 00 00 00 01'), // 4204h Set Shutdown State
      message: /blocks opcode 4204h.*cxl_disabled_raw_commands/,
    },
    {
      name: 'EPERM on RAW: security command set',
      code: 'EPERM',
      request: bytes('00 01 00 00 44 00 00 00 00 00 00 00'), // 4400h Sanitize
      message: /command set 44h/,
    },
    {
      name: 'ENOTTY: known id not enabled for this device',
      code: 'ENOTTY',
      request: bytes('00 01 00 03 42 00 00 00 00 00 00 00'), // 4203h Get Shutdown State (id 13)
      message: /CXL_MEM_COMMAND_ID_GET_SHUTDOWN_STATE but has not enabled it for this device/,
    },
    {
      name: 'EBUSY: exclusive to the kernel',
      code: 'EBUSY',
      request: bytes('00 01 00 03 41 08 00 00 00 00 00 00 00 00 00 00 00 00 00 00'), // 4103h Set LSA (id 10)
      message: /CXL_MEM_COMMAND_ID_SET_LSA.*exclusive/,
    },
    {
      name: 'EINVAL: sizes or flags',
      code: 'EINVAL',
      request: getHealthInfo,
      message: /rejected the sizes or flags.*payload_max 4096/,
    },
    {
      name: 'ENOMEM: size_in mismatch for a fixed-size command',
      code: 'ENOMEM',
      request: bytes('00 01 00 01 04 02 00 00 00 00 00 00 00 00'), // 0401h Get Log with 2 bytes, needs 0x18
      message: /exactly 24 input bytes for CXL_MEM_COMMAND_ID_GET_LOG \(got 2\)/,
    },
    {
      name: 'EACCES: permissions',
      code: 'EACCES',
      request: getHealthInfo,
      message: /root.*udev/,
    },
    {
      name: 'ENOENT: device gone',
      code: 'ENOENT',
      request: getHealthInfo,
      message: /device is gone/,
    },
    {
      name: 'EIO: mailbox failure',
      code: 'EIO',
      request: getHealthInfo,
      message: /mailbox transaction failed/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const fake = new FakeSyscalls();
      const t = await open(fake);
      fake.onIoctl(fail(c.code));
      const err = await rejection(t.submit(c.request));
      expect(err).toBeInstanceOf(CxlNvmeError);
      expect(err.code).toBe(c.code);
      expect(err.layer).toBe('system');
      expect(err.message).toMatch(c.message);
      expect(err.context).toMatchObject({ path: '/dev/cxl/mem0', syscall: 'ioctl' });
      expect(err.cause).toBeInstanceOf(CxlNvmeError);
    });
  }
});

describe('waiting rules', () => {
  it('times out, keeps the descriptor open until the kernel returns, then closes it', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    let finish!: (v: number) => void;
    fake.onIoctl(() => new Promise<number>((r) => (finish = r)));
    await expect(t.submit(getHealthInfo, { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT', context: { timeoutMs: 20 } });
    const closed = t.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.closes).toEqual([]); // the worker thread still uses fd 10
    finish(0);
    await closed;
    expect(fake.closes).toEqual([10]);
  });

  it('aborts at once, and refuses an already-aborted signal without calling the kernel', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    fake.onIoctl(() => new Promise<number>(() => {}));
    const ac = new AbortController();
    const p = t.submit(getHealthInfo, { signal: ac.signal });
    ac.abort(new Error('user'));
    await expect(p).rejects.toMatchObject({ code: 'TRANSPORT_ABORTED' });
    const before = fake.ioctls.length;
    await expect(t.submit(getHealthInfo, { signal: ac.signal })).rejects.toMatchObject({ code: 'TRANSPORT_ABORTED' });
    expect(fake.ioctls.length).toBe(before);
  });

  it('close rejects calls in flight and later calls with TRANSPORT_CLOSED; close is idempotent', async () => {
    const fake = new FakeSyscalls();
    const t = await open(fake);
    let finish!: (v: number) => void;
    fake.onIoctl(() => new Promise<number>((r) => (finish = r)));
    const inflight = t.submit(getHealthInfo);
    const c1 = t.close();
    const c2 = t.close();
    await expect(inflight).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    await expect(t.submit(getHealthInfo)).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    expect(fake.ioctls.length).toBe(3);
    finish(0);
    await Promise.all([c1, c2]);
    expect(fake.closes).toEqual([10]);
  });
});
