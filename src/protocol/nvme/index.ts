/** NVMe protocol: command builders, status decoding, chunked log reads, NVMe-MI framing. */
export type { NvmeCommand, NvmeCompletion, NvmeDataDirection, NvmeQueue } from './command-types.js';
export * from './admin.js';
export { NSID_ALL, NSID_NONE, opcodeDirection } from './common.js';
export { ADMIN, CNS, CSI, FID, LID, NVM, opcodeName, ZNS } from './constants.js';
export { crc32c, crc32cUpdate } from './crc32c.js';
export * from './features.js';
export * from './io.js';
export * from './log-chunks.js';
export * as mi from './mi.js';
export * from './status.js';
export * from './zns.js';
