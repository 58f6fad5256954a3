/** Every NVMe table. */
export * as completionTables from './completion.js';
export * as featureTables from './features.js';
export * as identifyTables from './identify.js';
export * as ioTables from './io.js';
export * as logTables from './logs.js';
export * as miTables from './mi.js';
export * as opcodeTables from './opcodes.js';
export * as statusTables from './status.js';
export * as znsTables from './zns.js';
