/** Every CXL table. The command list is the concatenation of each command-set file's rows. */
import { commands as fmapi } from './fmapi.js';
import { commands as generic } from './generic.js';
import { commands as memdev } from './memdev.js';
import { commands as vendor } from './vendor.js';

export * as cci from './cci.js';
export * as fmapiTables from './fmapi.js';
export * as genericTables from './generic.js';
export * as memdevTables from './memdev.js';
export * as returnCodes from './return-codes.js';
export * as tunnelTables from './tunnel.js';
export * as vendorTables from './vendor.js';

export const cxlCommands = [...generic, ...memdev, ...fmapi, ...vendor] as const;
