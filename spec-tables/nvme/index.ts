/** Every NVMe table. */
export * as completionTables from './completion.js';
export * as identifyTables from './identify.js';
export * as logTables from './logs.js';
