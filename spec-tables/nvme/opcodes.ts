/**
 * NVMe constants as data rows: admin opcodes (NVMe Base 2.0c §5 Figure "Opcodes for Admin
 * Commands"), NVM and ZNS I/O opcodes (NVM Command Set 1.0c §3, ZNS 1.1 §3), Identify CNS values
 * (Base §5.17.2), log page identifiers (Base §5.16), feature identifiers (Base §5.27.1) and command
 * set identifiers (Base §5.17 CSI). Names are libnvme's enum names without prefix, camelCased;
 * `cName` is the libnvme enumerator. Values are checked against ../shared/reference/nvme-opcodes.tsv.
 */

/** One named constant. */
export interface NvmeValueRow {
  readonly value: number;
  /** libnvme enumerator without prefix, camelCased. */
  readonly name: string;
  /** The libnvme enumerator. */
  readonly cName: string;
  readonly doc: string;
}

/** Admin opcodes (libnvme `enum nvme_admin_opcode`). Bits 1:0 give the data direction. */
export const adminOpcodes = [
  { value: 0x00, name: 'deleteSq', cName: 'nvme_admin_delete_sq', doc: 'Delete I/O Submission Queue' },
  { value: 0x01, name: 'createSq', cName: 'nvme_admin_create_sq', doc: 'Create I/O Submission Queue' },
  { value: 0x02, name: 'getLogPage', cName: 'nvme_admin_get_log_page', doc: 'Get Log Page' },
  { value: 0x04, name: 'deleteCq', cName: 'nvme_admin_delete_cq', doc: 'Delete I/O Completion Queue' },
  { value: 0x05, name: 'createCq', cName: 'nvme_admin_create_cq', doc: 'Create I/O Completion Queue' },
  { value: 0x06, name: 'identify', cName: 'nvme_admin_identify', doc: 'Identify' },
  { value: 0x08, name: 'abortCmd', cName: 'nvme_admin_abort_cmd', doc: 'Abort' },
  { value: 0x09, name: 'setFeatures', cName: 'nvme_admin_set_features', doc: 'Set Features' },
  { value: 0x0a, name: 'getFeatures', cName: 'nvme_admin_get_features', doc: 'Get Features' },
  { value: 0x0c, name: 'asyncEvent', cName: 'nvme_admin_async_event', doc: 'Asynchronous Event Request' },
  { value: 0x0d, name: 'nsMgmt', cName: 'nvme_admin_ns_mgmt', doc: 'Namespace Management' },
  { value: 0x10, name: 'fwCommit', cName: 'nvme_admin_fw_commit', doc: 'Firmware Commit' },
  { value: 0x11, name: 'fwDownload', cName: 'nvme_admin_fw_download', doc: 'Firmware Image Download' },
  { value: 0x14, name: 'devSelfTest', cName: 'nvme_admin_dev_self_test', doc: 'Device Self-test' },
  { value: 0x15, name: 'nsAttach', cName: 'nvme_admin_ns_attach', doc: 'Namespace Attachment' },
  { value: 0x18, name: 'keepAlive', cName: 'nvme_admin_keep_alive', doc: 'Keep Alive' },
  { value: 0x19, name: 'directiveSend', cName: 'nvme_admin_directive_send', doc: 'Directive Send' },
  { value: 0x1a, name: 'directiveRecv', cName: 'nvme_admin_directive_recv', doc: 'Directive Receive' },
  { value: 0x1c, name: 'virtualMgmt', cName: 'nvme_admin_virtual_mgmt', doc: 'Virtualization Management' },
  { value: 0x1d, name: 'nvmeMiSend', cName: 'nvme_admin_nvme_mi_send', doc: 'NVMe-MI Send' },
  { value: 0x1e, name: 'nvmeMiRecv', cName: 'nvme_admin_nvme_mi_recv', doc: 'NVMe-MI Receive' },
  { value: 0x20, name: 'capacityMgmt', cName: 'nvme_admin_capacity_mgmt', doc: 'Capacity Management' },
  { value: 0x24, name: 'lockdown', cName: 'nvme_admin_lockdown', doc: 'Lockdown' },
  { value: 0x7c, name: 'dbbuf', cName: 'nvme_admin_dbbuf', doc: 'Doorbell Buffer Config' },
  { value: 0x7f, name: 'fabrics', cName: 'nvme_admin_fabrics', doc: 'Fabrics Commands' },
  { value: 0x80, name: 'formatNvm', cName: 'nvme_admin_format_nvm', doc: 'Format NVM' },
  { value: 0x81, name: 'securitySend', cName: 'nvme_admin_security_send', doc: 'Security Send' },
  { value: 0x82, name: 'securityRecv', cName: 'nvme_admin_security_recv', doc: 'Security Receive' },
  { value: 0x84, name: 'sanitizeNvm', cName: 'nvme_admin_sanitize_nvm', doc: 'Sanitize' },
  { value: 0x86, name: 'getLbaStatus', cName: 'nvme_admin_get_lba_status', doc: 'Get LBA Status' },
] as const satisfies readonly NvmeValueRow[];

/** NVM Command Set I/O opcodes (libnvme `enum nvme_io_opcode`). */
export const nvmOpcodes = [
  { value: 0x00, name: 'flush', cName: 'nvme_cmd_flush', doc: 'Flush' },
  { value: 0x01, name: 'write', cName: 'nvme_cmd_write', doc: 'Write' },
  { value: 0x02, name: 'read', cName: 'nvme_cmd_read', doc: 'Read' },
  { value: 0x04, name: 'writeUncor', cName: 'nvme_cmd_write_uncor', doc: 'Write Uncorrectable' },
  { value: 0x05, name: 'compare', cName: 'nvme_cmd_compare', doc: 'Compare' },
  { value: 0x08, name: 'writeZeroes', cName: 'nvme_cmd_write_zeroes', doc: 'Write Zeroes' },
  { value: 0x09, name: 'dsm', cName: 'nvme_cmd_dsm', doc: 'Dataset Management' },
  { value: 0x0c, name: 'verify', cName: 'nvme_cmd_verify', doc: 'Verify' },
  { value: 0x0d, name: 'resvRegister', cName: 'nvme_cmd_resv_register', doc: 'Reservation Register' },
  { value: 0x0e, name: 'resvReport', cName: 'nvme_cmd_resv_report', doc: 'Reservation Report' },
  { value: 0x11, name: 'resvAcquire', cName: 'nvme_cmd_resv_acquire', doc: 'Reservation Acquire' },
  { value: 0x15, name: 'resvRelease', cName: 'nvme_cmd_resv_release', doc: 'Reservation Release' },
  { value: 0x19, name: 'copy', cName: 'nvme_cmd_copy', doc: 'Copy' },
] as const satisfies readonly NvmeValueRow[];

/** Zoned Namespace Command Set I/O opcodes (ZNS 1.1 §3; libnvme `enum nvme_io_opcode`). */
export const znsOpcodes = [
  { value: 0x79, name: 'znsMgmtSend', cName: 'nvme_zns_cmd_mgmt_send', doc: 'Zone Management Send' },
  { value: 0x7a, name: 'znsMgmtRecv', cName: 'nvme_zns_cmd_mgmt_recv', doc: 'Zone Management Receive' },
  { value: 0x7d, name: 'znsAppend', cName: 'nvme_zns_cmd_append', doc: 'Zone Append' },
] as const satisfies readonly NvmeValueRow[];

/** Identify CNS values (libnvme `enum nvme_identify_cns`). */
export const identifyCns = [
  { value: 0x00, name: 'ns', cName: 'NVME_IDENTIFY_CNS_NS', doc: 'Identify Namespace (NVM Command Set)' },
  { value: 0x01, name: 'ctrl', cName: 'NVME_IDENTIFY_CNS_CTRL', doc: 'Identify Controller' },
  { value: 0x02, name: 'nsActiveList', cName: 'NVME_IDENTIFY_CNS_NS_ACTIVE_LIST', doc: 'Active Namespace ID list' },
  { value: 0x03, name: 'nsDescList', cName: 'NVME_IDENTIFY_CNS_NS_DESC_LIST', doc: 'Namespace Identification Descriptor list' },
  { value: 0x04, name: 'nvmsetList', cName: 'NVME_IDENTIFY_CNS_NVMSET_LIST', doc: 'NVM Set List' },
  { value: 0x05, name: 'csiNs', cName: 'NVME_IDENTIFY_CNS_CSI_NS', doc: 'I/O Command Set specific Identify Namespace' },
  { value: 0x06, name: 'csiCtrl', cName: 'NVME_IDENTIFY_CNS_CSI_CTRL', doc: 'I/O Command Set specific Identify Controller' },
  { value: 0x07, name: 'csiNsActiveList', cName: 'NVME_IDENTIFY_CNS_CSI_NS_ACTIVE_LIST', doc: 'Active Namespace ID list of a command set' },
  { value: 0x08, name: 'csiIndependentIdNs', cName: 'NVME_IDENTIFY_CNS_CSI_INDEPENDENT_ID_NS', doc: 'I/O Command Set Independent Identify Namespace' },
  { value: 0x09, name: 'nsUserDataFormat', cName: 'NVME_IDENTIFY_CNS_NS_USER_DATA_FORMAT', doc: 'Format Index specific Identify Namespace' },
  { value: 0x0a, name: 'csiNsUserDataFormat', cName: 'NVME_IDENTIFY_CNS_CSI_NS_USER_DATA_FORMAT', doc: 'Format Index specific I/O Command Set Identify Namespace' },
  { value: 0x10, name: 'allocatedNsList', cName: 'NVME_IDENTIFY_CNS_ALLOCATED_NS_LIST', doc: 'Allocated Namespace ID list' },
  { value: 0x11, name: 'allocatedNs', cName: 'NVME_IDENTIFY_CNS_ALLOCATED_NS', doc: 'Identify Namespace of an allocated NSID' },
  { value: 0x12, name: 'nsCtrlList', cName: 'NVME_IDENTIFY_CNS_NS_CTRL_LIST', doc: 'Controllers attached to a namespace' },
  { value: 0x13, name: 'ctrlList', cName: 'NVME_IDENTIFY_CNS_CTRL_LIST', doc: 'Controllers in the NVM subsystem' },
  { value: 0x14, name: 'primaryCtrlCap', cName: 'NVME_IDENTIFY_CNS_PRIMARY_CTRL_CAP', doc: 'Primary Controller Capabilities' },
  { value: 0x15, name: 'secondaryCtrlList', cName: 'NVME_IDENTIFY_CNS_SECONDARY_CTRL_LIST', doc: 'Secondary Controller list' },
  { value: 0x16, name: 'nsGranularity', cName: 'NVME_IDENTIFY_CNS_NS_GRANULARITY', doc: 'Namespace Granularity List' },
  { value: 0x17, name: 'uuidList', cName: 'NVME_IDENTIFY_CNS_UUID_LIST', doc: 'UUID List' },
  { value: 0x18, name: 'domainList', cName: 'NVME_IDENTIFY_CNS_DOMAIN_LIST', doc: 'Domain List' },
  { value: 0x19, name: 'enduranceGroupId', cName: 'NVME_IDENTIFY_CNS_ENDURANCE_GROUP_ID', doc: 'Endurance Group List' },
  { value: 0x1a, name: 'csiAllocatedNsList', cName: 'NVME_IDENTIFY_CNS_CSI_ALLOCATED_NS_LIST', doc: 'Allocated Namespace ID list of a command set' },
  { value: 0x1b, name: 'csiIdNsDataStructure', cName: 'NVME_IDENTIFY_CNS_CSI_ID_NS_DATA_STRUCTURE', doc: 'I/O Command Set specific Identify Namespace of an allocated NSID' },
  { value: 0x1c, name: 'commandSetStructure', cName: 'NVME_IDENTIFY_CNS_COMMAND_SET_STRUCTURE', doc: 'Identify I/O Command Set data structure' },
] as const satisfies readonly NvmeValueRow[];

/** Log page identifiers (libnvme `enum nvme_cmd_get_log_lid`). */
export const logPageIds = [
  { value: 0x00, name: 'supportedLogPages', cName: 'NVME_LOG_LID_SUPPORTED_LOG_PAGES', doc: 'Supported Log Pages' },
  { value: 0x01, name: 'error', cName: 'NVME_LOG_LID_ERROR', doc: 'Error Information' },
  { value: 0x02, name: 'smart', cName: 'NVME_LOG_LID_SMART', doc: 'SMART / Health Information' },
  { value: 0x03, name: 'fwSlot', cName: 'NVME_LOG_LID_FW_SLOT', doc: 'Firmware Slot Information' },
  { value: 0x04, name: 'changedNs', cName: 'NVME_LOG_LID_CHANGED_NS', doc: 'Changed Namespace List' },
  { value: 0x05, name: 'cmdEffects', cName: 'NVME_LOG_LID_CMD_EFFECTS', doc: 'Commands Supported and Effects' },
  { value: 0x06, name: 'deviceSelfTest', cName: 'NVME_LOG_LID_DEVICE_SELF_TEST', doc: 'Device Self-test' },
  { value: 0x07, name: 'telemetryHost', cName: 'NVME_LOG_LID_TELEMETRY_HOST', doc: 'Telemetry Host-Initiated' },
  { value: 0x08, name: 'telemetryCtrl', cName: 'NVME_LOG_LID_TELEMETRY_CTRL', doc: 'Telemetry Controller-Initiated' },
  { value: 0x09, name: 'enduranceGroup', cName: 'NVME_LOG_LID_ENDURANCE_GROUP', doc: 'Endurance Group Information' },
  { value: 0x0a, name: 'predictableLatNvmset', cName: 'NVME_LOG_LID_PREDICTABLE_LAT_NVMSET', doc: 'Predictable Latency Per NVM Set' },
  { value: 0x0b, name: 'predictableLatAgg', cName: 'NVME_LOG_LID_PREDICTABLE_LAT_AGG', doc: 'Predictable Latency Event Aggregate' },
  { value: 0x0c, name: 'ana', cName: 'NVME_LOG_LID_ANA', doc: 'Asymmetric Namespace Access' },
  { value: 0x0d, name: 'persistentEvent', cName: 'NVME_LOG_LID_PERSISTENT_EVENT', doc: 'Persistent Event Log' },
  { value: 0x0e, name: 'lbaStatus', cName: 'NVME_LOG_LID_LBA_STATUS', doc: 'LBA Status Information' },
  { value: 0x0f, name: 'enduranceGrpEvt', cName: 'NVME_LOG_LID_ENDURANCE_GRP_EVT', doc: 'Endurance Group Event Aggregate' },
  { value: 0x10, name: 'mediaUnitStatus', cName: 'NVME_LOG_LID_MEDIA_UNIT_STATUS', doc: 'Media Unit Status' },
  { value: 0x11, name: 'supportedCapConfigList', cName: 'NVME_LOG_LID_SUPPORTED_CAP_CONFIG_LIST', doc: 'Supported Capacity Configuration List' },
  { value: 0x12, name: 'fidSupportedEffects', cName: 'NVME_LOG_LID_FID_SUPPORTED_EFFECTS', doc: 'Feature Identifiers Supported and Effects' },
  { value: 0x13, name: 'miCmdSupportedEffects', cName: 'NVME_LOG_LID_MI_CMD_SUPPORTED_EFFECTS', doc: 'NVMe-MI Commands Supported and Effects' },
  { value: 0x14, name: 'cmdAndFeatLockdown', cName: 'NVME_LOG_LID_CMD_AND_FEAT_LOCKDOWN', doc: 'Command and Feature Lockdown' },
  { value: 0x15, name: 'bootPartition', cName: 'NVME_LOG_LID_BOOT_PARTITION', doc: 'Boot Partition' },
  { value: 0x16, name: 'rotationalMediaInfo', cName: 'NVME_LOG_LID_ROTATIONAL_MEDIA_INFO', doc: 'Rotational Media Information' },
  { value: 0x70, name: 'discover', cName: 'NVME_LOG_LID_DISCOVER', doc: 'Discovery' },
  { value: 0x80, name: 'reservation', cName: 'NVME_LOG_LID_RESERVATION', doc: 'Reservation Notification' },
  { value: 0x81, name: 'sanitize', cName: 'NVME_LOG_LID_SANITIZE', doc: 'Sanitize Status' },
  { value: 0xbf, name: 'znsChangedZones', cName: 'NVME_LOG_LID_ZNS_CHANGED_ZONES', doc: 'Changed Zone List (ZNS)' },
] as const satisfies readonly NvmeValueRow[];

/** Feature identifiers (libnvme `enum nvme_features_id`). */
export const featureIds = [
  { value: 0x01, name: 'arbitration', cName: 'NVME_FEAT_FID_ARBITRATION', doc: 'Arbitration' },
  { value: 0x02, name: 'powerMgmt', cName: 'NVME_FEAT_FID_POWER_MGMT', doc: 'Power Management' },
  { value: 0x03, name: 'lbaRange', cName: 'NVME_FEAT_FID_LBA_RANGE', doc: 'LBA Range Type' },
  { value: 0x04, name: 'tempThresh', cName: 'NVME_FEAT_FID_TEMP_THRESH', doc: 'Temperature Threshold' },
  { value: 0x05, name: 'errRecovery', cName: 'NVME_FEAT_FID_ERR_RECOVERY', doc: 'Error Recovery' },
  { value: 0x06, name: 'volatileWc', cName: 'NVME_FEAT_FID_VOLATILE_WC', doc: 'Volatile Write Cache' },
  { value: 0x07, name: 'numQueues', cName: 'NVME_FEAT_FID_NUM_QUEUES', doc: 'Number of Queues' },
  { value: 0x08, name: 'irqCoalesce', cName: 'NVME_FEAT_FID_IRQ_COALESCE', doc: 'Interrupt Coalescing' },
  { value: 0x09, name: 'irqConfig', cName: 'NVME_FEAT_FID_IRQ_CONFIG', doc: 'Interrupt Vector Configuration' },
  { value: 0x0a, name: 'writeAtomic', cName: 'NVME_FEAT_FID_WRITE_ATOMIC', doc: 'Write Atomicity Normal' },
  { value: 0x0b, name: 'asyncEvent', cName: 'NVME_FEAT_FID_ASYNC_EVENT', doc: 'Asynchronous Event Configuration' },
  { value: 0x0c, name: 'autoPst', cName: 'NVME_FEAT_FID_AUTO_PST', doc: 'Autonomous Power State Transition' },
  { value: 0x0d, name: 'hostMemBuf', cName: 'NVME_FEAT_FID_HOST_MEM_BUF', doc: 'Host Memory Buffer' },
  { value: 0x0e, name: 'timestamp', cName: 'NVME_FEAT_FID_TIMESTAMP', doc: 'Timestamp' },
  { value: 0x0f, name: 'kato', cName: 'NVME_FEAT_FID_KATO', doc: 'Keep Alive Timer' },
  { value: 0x10, name: 'hctm', cName: 'NVME_FEAT_FID_HCTM', doc: 'Host Controlled Thermal Management' },
  { value: 0x11, name: 'nopsc', cName: 'NVME_FEAT_FID_NOPSC', doc: 'Non-Operational Power State Config' },
  { value: 0x12, name: 'rrl', cName: 'NVME_FEAT_FID_RRL', doc: 'Read Recovery Level Config' },
  { value: 0x13, name: 'plmConfig', cName: 'NVME_FEAT_FID_PLM_CONFIG', doc: 'Predictable Latency Mode Config' },
  { value: 0x14, name: 'plmWindow', cName: 'NVME_FEAT_FID_PLM_WINDOW', doc: 'Predictable Latency Mode Window' },
  { value: 0x15, name: 'lbaStsInterval', cName: 'NVME_FEAT_FID_LBA_STS_INTERVAL', doc: 'LBA Status Information Report Interval' },
  { value: 0x16, name: 'hostBehavior', cName: 'NVME_FEAT_FID_HOST_BEHAVIOR', doc: 'Host Behavior Support' },
  { value: 0x17, name: 'sanitize', cName: 'NVME_FEAT_FID_SANITIZE', doc: 'Sanitize Config' },
  { value: 0x18, name: 'enduranceEvtCfg', cName: 'NVME_FEAT_FID_ENDURANCE_EVT_CFG', doc: 'Endurance Group Event Configuration' },
  { value: 0x19, name: 'iocsProfile', cName: 'NVME_FEAT_FID_IOCS_PROFILE', doc: 'I/O Command Set Profile' },
  { value: 0x1a, name: 'spinupControl', cName: 'NVME_FEAT_FID_SPINUP_CONTROL', doc: 'Spinup Control' },
  { value: 0x78, name: 'embMgmtCtrlAddr', cName: 'NVME_FEAT_FID_EMB_MGMT_CTRL_ADDR', doc: 'Embedded Management Controller Address' },
  { value: 0x79, name: 'hostMgmtAgentAddr', cName: 'NVME_FEAT_FID_HOST_MGMT_AGENT_ADDR', doc: 'Host Management Agent Address' },
  { value: 0x7d, name: 'enhCtrlMetadata', cName: 'NVME_FEAT_FID_ENH_CTRL_METADATA', doc: 'Enhanced Controller Metadata' },
  { value: 0x7e, name: 'ctrlMetadata', cName: 'NVME_FEAT_FID_CTRL_METADATA', doc: 'Controller Metadata' },
  { value: 0x7f, name: 'nsMetadata', cName: 'NVME_FEAT_FID_NS_METADATA', doc: 'Namespace Metadata' },
  { value: 0x80, name: 'swProgress', cName: 'NVME_FEAT_FID_SW_PROGRESS', doc: 'Software Progress Marker' },
  { value: 0x81, name: 'hostId', cName: 'NVME_FEAT_FID_HOST_ID', doc: 'Host Identifier' },
  { value: 0x82, name: 'resvMask', cName: 'NVME_FEAT_FID_RESV_MASK', doc: 'Reservation Notification Mask' },
  { value: 0x83, name: 'resvPersist', cName: 'NVME_FEAT_FID_RESV_PERSIST', doc: 'Reservation Persistence' },
  { value: 0x84, name: 'writeProtect', cName: 'NVME_FEAT_FID_WRITE_PROTECT', doc: 'Namespace Write Protection Config' },
  { value: 0x85, name: 'bpWriteProtect', cName: 'NVME_FEAT_FID_BP_WRITE_PROTECT', doc: 'Boot Partition Write Protection Config' },
] as const satisfies readonly NvmeValueRow[];

/** Command Set Identifiers (libnvme `enum nvme_csi`). */
export const commandSets = [
  { value: 0x00, name: 'nvm', cName: 'NVME_CSI_NVM', doc: 'NVM Command Set' },
  { value: 0x01, name: 'kv', cName: 'NVME_CSI_KV', doc: 'Key Value Command Set' },
  { value: 0x02, name: 'zns', cName: 'NVME_CSI_ZNS', doc: 'Zoned Namespace Command Set' },
] as const satisfies readonly NvmeValueRow[];
