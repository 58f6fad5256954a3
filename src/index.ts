/**
 * `cxl-nvme`: everything. The `cxl` and `nvme` namespaces hold the device APIs; the codec surface
 * of `cxl-nvme/codec` is re-exported as well. Native code loads only when a device is opened.
 */
export * from './codec.js';
