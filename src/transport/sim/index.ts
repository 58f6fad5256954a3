/**
 * Simulated CXL and NVMe devices behind the transport contract (src/transport/types.ts), built on
 * the library's own codecs; no native code. See scenario.ts for the JSON fleet description.
 */
export {
  type BackgroundProgress,
  type CciChannel,
  type CciReply,
  type CciRequest,
  EFFECT,
  type EventLogName,
  type InjectedFault,
  RC,
  SimCciDevice,
  type SimCciOptions,
  type SimCommand,
  type SimEventRecord,
} from './cci-device.js';
export { createClock, type SimClock } from './clock.js';
export {
  NVME_STATUS,
  type NvmeFault,
  SIM_ADMIN_EFFECTS,
  SIM_IO_EFFECTS,
  type SimLbaFormat,
  type SimNamespaceOptions,
  SimNvmeController,
  type SimNvmeControllerOptions,
  type SimNvmeEvent,
  type SimOperationProgress,
  type SimSanitizeAction,
  type SimSelfTestFailure,
} from './nvme.js';
export { CCS, MI_STATUS, SimNvmeMi, type SimNvmeMiOptions } from './nvme-mi.js';
export { type LoadedScenario, loadScenario } from './scenario.js';
export { SimCxlMld, type SimCxlMldOptions, SimCxlSwitch, type SimCxlSwitchOptions, type SimSwitchPortOptions } from './switch.js';
export { type DcExtent, type DcRegionOptions, PATROL_SCRUB_UUID, type PoisonRecord, type PoisonSource, SimCxlType3, type SimCxlType3Options } from './type3.js';
