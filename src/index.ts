/**
 * `cxl-nvme`: everything. The `cxl` and `nvme` namespaces hold the device APIs; the codec surface
 * of `cxl-nvme/codec` is re-exported as well. Native code loads only when a device is opened.
 */
export * from './codec.js';
// These two shadow the protocol-only `cxl` / `nvme` namespaces of the codec entry point: they hold
// the same protocol layer plus the device APIs.
export * as cxl from './cxl.js';
export * as nvme from './nvme.js';
export { type DeviceList, type ListOptions, listDevices, listSimulated, type SimCxlEntry, type SimNvmeEntry } from './api/list.js';
export { type DeviceSpec, defaultScenarioPath, parseDeviceSpec, resolveScenario, type ScenarioSource } from './api/open.js';
export { discoverMctpEndpoints, type MctpdEndpoint } from './transport/mctpd.js';
export * as sim from './transport/sim/index.js';
export {
  type LoadedScenario,
  loadScenario,
  SimCxlMld,
  SimCxlSwitch,
  SimCxlType3,
  SimNvmeController,
} from './transport/sim/index.js';
export {
  defaultMask,
  type MaskFunction,
  type RecordingEntry,
  type RecordingHeader,
  type RecordOptions,
  RecordingCxlTransport,
  RecordingMctpTransport,
  RecordingNvmeTransport,
  recordCxl,
  recordMctp,
  recordNvme,
} from './transport/record.js';
export {
  loadRecording,
  openReplay,
  parseRecording,
  type Recording,
  ReplayCxlTransport,
  ReplayMctpTransport,
  ReplayNvmeTransport,
} from './transport/replay.js';
export type { CxlSubmitOptions, CxlTransport, MctpMessageTransport, NvmeTransport, SubmitOptions, TransportInfo, TransportKind } from './transport/types.js';
