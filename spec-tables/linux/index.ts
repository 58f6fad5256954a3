/** Linux kernel uapi layouts and ioctl numbers used by the native transports. */
export * from './cxl-mem.js';
export * from './ioctl.js';
export * from './mctp.js';
export * from './nvme-ioctl.js';
