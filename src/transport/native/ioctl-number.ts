/**
 * ioctl request numbers for the running architecture, from the table rows in
 * spec-tables/linux/ (which carry the generic packing as `value`).
 */
import {
  type IocEncoding,
  type IoctlDef,
  iocGeneric,
  iocPowerpcMips,
  iocPowerpcMipsArches,
} from '../../../spec-tables/linux/ioctl.js';

/** The `_IOC` packing the kernel uses on a Node `process.arch`. */
export function iocEncodingFor(arch: string = process.arch): IocEncoding {
  return (iocPowerpcMipsArches as readonly string[]).includes(arch) ? iocPowerpcMips : iocGeneric;
}

/** `_IOC(dir, type, nr, size)` for an encoding (include/uapi/asm-generic/ioctl.h). */
export function ioc(def: Pick<IoctlDef, 'dir' | 'type' | 'nr' | 'size'>, enc: IocEncoding = iocGeneric): number {
  const dir = def.dir === 'none' ? enc.none : def.dir === 'read' ? enc.read : def.dir === 'write' ? enc.write : enc.read | enc.write;
  if (def.size >= 2 ** enc.sizeBits) throw new RangeError(`ioctl argument size ${def.size} does not fit ${enc.sizeBits} bits`);
  const typeShift = enc.nrBits;
  const sizeShift = typeShift + enc.typeBits;
  const dirShift = sizeShift + enc.sizeBits;
  // Multiplication, not <<: the direction bits reach bit 31 and JS shifts are signed 32-bit.
  return dir * 2 ** dirShift + def.size * 2 ** sizeShift + def.type * 2 ** typeShift + def.nr;
}

/**
 * The request number to pass to ioctl(2) here: `value` on generic-packing architectures, else
 * recomputed with the architecture's packing. Legacy numbers (FIONREAD, TIOC*) differ per
 * architecture in ways `_IOC` does not capture, so only their asm-generic value is known.
 */
export function ioctlNumber(def: IoctlDef, arch: string = process.arch): number {
  const enc = iocEncodingFor(arch);
  if (enc === iocGeneric) return def.value;
  if (def.legacy) throw new RangeError(`${def.name}: only the asm-generic number is known, not the one for ${arch}`);
  return ioc(def, enc);
}
