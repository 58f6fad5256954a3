/**
 * The `cxl` namespace: command registry, message and request codecs, tunnelling (transport-free),
 * and the Endpoint API. Opening a device lives in `open` (native transports load lazily there).
 */
export * from './api/cxl/index.js';
export { type OpenCxlOptions, openCxl, openCxl as open } from './api/open.js';
export * from './protocol/cxl/index.js';
export { type CxlMemdevInfo, type ScanCxlOptions, scanCxlMemdevs, scanCxlMemdevs as scan } from './transport/cxl-sysfs.js';
