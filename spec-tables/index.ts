/** All schema tables: the single source of truth for layouts, opcodes and constants. */
export * as cxl from './cxl/index.js';
export * as nvme from './nvme/index.js';
export type * from './schema.js';
