/** NVMe device API: NvmeDevice over any NvmeTransport, geometry, NVMe-MI endpoint and tunnel. */
export { NvmeDevice, NvmeDeviceInfo, type FeatureValue, type NvmeDeviceOptions, type ReadResult, versionText } from './device.js';
export { computeGeometry, type GeometryInput, lbafIndex, type NvmeGeometry } from './geometry.js';
export { type MctpMessageReceiver, NvmeMiEndpoint, type NvmeMiOptions, NvmeMiTransport } from './mi-transport.js';
