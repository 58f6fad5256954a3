/**
 * CXL vendor-specific commands (opcodes C000h-FFFFh, CXL r3.1 §8.2.9.1): filled in by the CXL command-surface work.
 */
import type { CxlCommandDef } from '../schema.js';

export const commands = [] as const satisfies readonly CxlCommandDef[];
