/**
 * The `nvme` namespace: NvmeDevice, geometry and NVMe-MI (src/api/nvme), command builders and
 * status decoding (src/protocol/nvme), `open` (native transports load lazily there), `scan`
 * (sysfs, no root needed), and `decode` / `encode` of any NVMe structure by name.
 */
import { codecByName } from './structs/index.js';

export * from './api/nvme/index.js';
export { type OpenNvmeOptions, OpenedNvmeDevice, openNvme, openNvme as open } from './api/open.js';
export * from './protocol/nvme/index.js';
export {
  type NvmeControllerInfo,
  type NvmeNamespaceInfo,
  type NvmeScan,
  type ScanNvmeOptions,
  scanNvme,
  scanNvme as scan,
} from './transport/nvme-sysfs.js';

/** Decode `bytes` as the struct named `name` ('idCtrl', 'smartLog', 'idNs' ...). */
export function decode(name: string, bytes: Uint8Array, offset = 0): Record<string, unknown> {
  return codecByName(name).decode(bytes, offset);
}

/** Encode `fields` as the struct named `name`. */
export function encode(name: string, fields: Record<string, unknown>): Uint8Array {
  return codecByName(name).encode(fields);
}
