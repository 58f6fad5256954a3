/**
 * The `cxl` namespace: command registry, message and request codecs, tunnelling (transport-free),
 * and the Endpoint API. Opening a device lives in `open` (native transports load lazily there).
 */
export * from './api/cxl/index.js';
export * from './protocol/cxl/index.js';
