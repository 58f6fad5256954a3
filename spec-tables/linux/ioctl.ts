/**
 * Linux ioctl request numbers as data. An ioctl number packs direction, argument size, a type
 * letter and a command number (include/uapi/asm-generic/ioctl.h `_IOC`). Most architectures use the
 * generic packing; powerpc and mips use 3 direction bits and 13 size bits with different direction
 * values (arch/powerpc/include/uapi/asm/ioctl.h, arch/mips/include/uapi/asm/ioctl.h), so the same
 * ioctl has a different number there. `value` is the generic number (x86_64, arm64, riscv64,
 * s390x, loongarch64); src/transport/native/ioctl-number.ts computes it for the running arch.
 */

export type IoctlDirection = 'none' | 'read' | 'write' | 'readWrite';

export interface IoctlDef {
  readonly name: string;
  /** `_IOC` type (the "magic" letter). */
  readonly type: number;
  /** `_IOC` number. */
  readonly nr: number;
  readonly dir: IoctlDirection;
  /** sizeof the argument struct (0 for `_IO`). */
  readonly size: number;
  /** The number with the generic `_IOC` packing. */
  readonly value: number;
  readonly spec: string;
  readonly doc?: string;
  /** A pre-`_IOC` number (type/nr/dir describe nothing): valid only with the asm-generic headers. */
  readonly legacy?: boolean;
}

export interface IocEncoding {
  readonly nrBits: number;
  readonly typeBits: number;
  readonly sizeBits: number;
  readonly dirBits: number;
  readonly none: number;
  readonly read: number;
  readonly write: number;
}

/** include/uapi/asm-generic/ioctl.h: _IOC_NONE 0, _IOC_WRITE 1, _IOC_READ 2, 14 size bits. */
export const iocGeneric = { nrBits: 8, typeBits: 8, sizeBits: 14, dirBits: 2, none: 0, write: 1, read: 2 } as const satisfies IocEncoding;

/** arch/powerpc/include/uapi/asm/ioctl.h and arch/mips/include/uapi/asm/ioctl.h: _IOC_NONE 1, _IOC_READ 2, _IOC_WRITE 4, 13 size bits. */
export const iocPowerpcMips = { nrBits: 8, typeBits: 8, sizeBits: 13, dirBits: 3, none: 1, write: 4, read: 2 } as const satisfies IocEncoding;

/** Node `process.arch` values whose kernel uses the powerpc/mips packing. */
export const iocPowerpcMipsArches = ['ppc', 'ppc64', 'mips', 'mipsel', 'mips64', 'mips64el'] as const;

/** Terminal and file ioctls used by tests and the benchmark (include/uapi/asm-generic/ioctls.h). */
export const FIONREAD = {
  name: 'FIONREAD',
  type: 0x54,
  nr: 0x1b,
  dir: 'none',
  size: 0,
  value: 0x541b,
  spec: 'Linux include/uapi/asm-generic/ioctls.h',
  legacy: true,
  doc: 'bytes ready to read (int *); a legacy number outside _IOC packing',
} as const satisfies IoctlDef;

export const TIOCGWINSZ = {
  name: 'TIOCGWINSZ',
  type: 0x54,
  nr: 0x13,
  dir: 'none',
  size: 0,
  value: 0x5413,
  spec: 'Linux include/uapi/asm-generic/ioctls.h',
  legacy: true,
  doc: 'get the terminal window size (struct winsize *)',
} as const satisfies IoctlDef;

export const TIOCSWINSZ = {
  name: 'TIOCSWINSZ',
  type: 0x54,
  nr: 0x14,
  dir: 'none',
  size: 0,
  value: 0x5414,
  spec: 'Linux include/uapi/asm-generic/ioctls.h',
  legacy: true,
  doc: 'set the terminal window size (const struct winsize *)',
} as const satisfies IoctlDef;
