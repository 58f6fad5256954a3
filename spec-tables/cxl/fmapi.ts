/**
 * CXL FM-API command sets 51h-56h (CXL r3.1 §7.6.7): filled in by the CXL command-surface work.
 */
import type { CxlCommandDef } from '../schema.js';

export const commands = [] as const satisfies readonly CxlCommandDef[];
