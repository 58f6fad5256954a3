/** The uapi tables: sizes and offsets, ioctl numbers (generic and powerpc/mips packing), command ids. */
import { describe, expect, it } from 'vitest';
import * as linux from '../../spec-tables/linux/index.js';
import { codecs } from '../../src/structs/index.js';
import { ioc, ioctlNumber } from '../../src/transport/native/ioctl-number.js';

const ioctls = [
  linux.CXL_MEM_QUERY_COMMANDS,
  linux.CXL_MEM_SEND_COMMAND,
  linux.NVME_IOCTL_ID,
  linux.NVME_IOCTL_ADMIN_CMD,
  linux.NVME_IOCTL_IO_CMD,
  linux.NVME_IOCTL_ADMIN64_CMD,
  linux.NVME_IOCTL_IO64_CMD,
];

describe('ioctl numbers', () => {
  it('every _IOC row recomputes to its generic value (linux-abi reference values)', () => {
    for (const d of ioctls) expect([d.name, ioc(d)]).toEqual([d.name, d.value]);
    expect(linux.CXL_MEM_SEND_COMMAND.value).toBe(0xc030ce02);
    expect(linux.NVME_IOCTL_ADMIN64_CMD.value).toBe(0xc0504e47);
  });

  it('uses the powerpc/mips packing there', () => {
    expect(ioctlNumber(linux.NVME_IOCTL_ID, 'ppc64')).toBe(0x20004e40); // _IOC_NONE = 1 << 29
    expect(ioctlNumber(linux.CXL_MEM_QUERY_COMMANDS, 'ppc64')).toBe(0x4008ce01); // _IOC_READ = 2 << 29
    expect(ioctlNumber(linux.CXL_MEM_SEND_COMMAND, 'mips')).toBe(0xc030ce02); // READ|WRITE = 6 << 29
    expect(ioctlNumber(linux.NVME_IOCTL_ID, 'arm64')).toBe(0x4e40);
    expect(() => ioctlNumber(linux.FIONREAD, 'ppc64')).toThrow(/asm-generic/);
  });
});

describe('struct layouts', () => {
  it('sizes match the uapi headers', () => {
    expect(codecs.cxlSendCommand.encode({}).length).toBe(48);
    expect(codecs.cxlCommandInfo.encode({}).length).toBe(16);
    expect(codecs.cxlMemQueryCommands.encode({ commands: [{ id: 1 }, { id: 2 }] }).length).toBe(8 + 32);
    expect(codecs.nvmePassthruCmd.encode({}).length).toBe(72);
    expect(codecs.nvmePassthruCmd64.encode({}).length).toBe(80);
    expect(codecs.sockaddrMctp.encode({}).length).toBe(12);
    expect(codecs.sockaddrMctpExt.encode({}).length).toBe(52);
    expect(codecs.mctpIocTagCtl.encode({}).length).toBe(4);
  });

  it('sockaddr_mctp field offsets', () => {
    const b = codecs.sockaddrMctp.encode({ family: 45, network: 0x01020304, addr: 9, type: 0x84, tag: { value: 5, owner: true } });
    expect(Buffer.from(b).toString('hex')).toBe('2d000000' + '04030201' + '09' + '84' + '0d' + '00');
  });

  it('cxl_command_info decodes flags and variable sizes', () => {
    const b = Uint8Array.from([8, 0, 0, 0, 3, 0, 0, 0, 0x18, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    expect(codecs.cxlCommandInfo.decode(b)).toEqual({ id: 8, flags: { enabled: true, exclusive: true }, sizeIn: 0x18, sizeOut: 0xffffffff });
  });
});

describe('CXL_CMDS', () => {
  it('ids are the enum positions 1..24 and opcodes are unique', () => {
    expect(linux.cxlKernelCommands.map((c) => c.id)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const ops = linux.cxlKernelCommands.filter((c) => c.id !== linux.CXL_MEM_COMMAND_ID_RAW).map((c) => c.opcode);
    expect(new Set(ops).size).toBe(ops.length);
    expect(linux.cxlKernelCommands.find((c) => c.name === 'GET_HEALTH_INFO')).toEqual({ id: 7, name: 'GET_HEALTH_INFO', opcode: 0x4200 });
  });
});
