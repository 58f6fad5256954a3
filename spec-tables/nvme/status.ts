/**
 * NVMe completion status codes (NVMe Base 2.0c §4.2.3 Status Field): generic (SCT 0, §4.2.3.1),
 * command specific (SCT 1, §4.2.3.2; SC 80h-BFh as defined by the NVM Command Set 1.0c §3.3 and
 * ZNS 1.1 §3.3, not the Fabrics meanings), media and data integrity (SCT 2, §4.2.3.3) and path
 * related (SCT 3, §4.2.3.4). `name` is the libnvme `NVME_SC_*` enumerator without prefix,
 * camelCased; `title` is the spec's name; `description` says what it means for the caller.
 */

/** One status code. */
export interface NvmeStatusRow {
  readonly sct: number;
  readonly sc: number;
  readonly name: string;
  readonly cName: string;
  readonly title: string;
  readonly description: string;
  readonly spec: string;
}

/** Status Code Type names (NVMe Base 2.0c §4.2.3 Figure "Status Code Type Values"). */
export const statusCodeTypes = [
  { value: 0, name: 'generic', cName: 'NVME_SCT_GENERIC', doc: 'Generic Command Status' },
  { value: 1, name: 'commandSpecific', cName: 'NVME_SCT_CMD_SPECIFIC', doc: 'Command Specific Status' },
  { value: 2, name: 'mediaAndDataIntegrity', cName: 'NVME_SCT_MEDIA', doc: 'Media and Data Integrity Errors' },
  { value: 3, name: 'pathRelated', cName: 'NVME_SCT_PATH', doc: 'Path Related Status' },
  { value: 7, name: 'vendorSpecific', cName: 'NVME_SCT_VS', doc: 'Vendor Specific' },
] as const;


/** SCT 0: generic. */
export const genericStatus = [
  { sct: 0, sc: 0x00, name: 'success', cName: 'NVME_SC_SUCCESS', title: 'Successful Completion', description: 'The command completed without error', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x01, name: 'invalidOpcode', cName: 'NVME_SC_INVALID_OPCODE', title: 'Invalid Command Opcode', description: 'The opcode is reserved or not supported', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x02, name: 'invalidField', cName: 'NVME_SC_INVALID_FIELD', title: 'Invalid Field in Command', description: 'A reserved or unsupported value is set in a command field', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x03, name: 'cmdidConflict', cName: 'NVME_SC_CMDID_CONFLICT', title: 'Command ID Conflict', description: 'The command identifier is already in use', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x04, name: 'dataXferError', cName: 'NVME_SC_DATA_XFER_ERROR', title: 'Data Transfer Error', description: 'Transferring the data or metadata failed', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x05, name: 'powerLoss', cName: 'NVME_SC_POWER_LOSS', title: 'Commands Aborted due to Power Loss Notification', description: 'The command was aborted because of a power loss notification', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x06, name: 'internal', cName: 'NVME_SC_INTERNAL', title: 'Internal Error', description: 'The command was not completed because of an internal error', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x07, name: 'abortReq', cName: 'NVME_SC_ABORT_REQ', title: 'Command Abort Requested', description: 'The command was aborted by an Abort command', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x08, name: 'abortQueue', cName: 'NVME_SC_ABORT_QUEUE', title: 'Command Aborted due to SQ Deletion', description: 'The submission queue holding the command was deleted', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x09, name: 'fusedFail', cName: 'NVME_SC_FUSED_FAIL', title: 'Command Aborted due to Failed Fused Command', description: 'The other command of a fused pair failed', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x0a, name: 'fusedMissing', cName: 'NVME_SC_FUSED_MISSING', title: 'Command Aborted due to Missing Fused Command', description: 'The matching fused command was not submitted next', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x0b, name: 'invalidNs', cName: 'NVME_SC_INVALID_NS', title: 'Invalid Namespace or Format', description: 'The namespace or its format is not valid for this command', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x0c, name: 'cmdSeqError', cName: 'NVME_SC_CMD_SEQ_ERROR', title: 'Command Sequence Error', description: 'The command breaks a required command sequence', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x0d, name: 'sglInvalidLast', cName: 'NVME_SC_SGL_INVALID_LAST', title: 'Invalid SGL Segment Descriptor', description: 'An SGL Last Segment descriptor is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x0e, name: 'sglInvalidCount', cName: 'NVME_SC_SGL_INVALID_COUNT', title: 'Invalid Number of SGL Descriptors', description: 'The number of SGL descriptors is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x0f, name: 'sglInvalidData', cName: 'NVME_SC_SGL_INVALID_DATA', title: 'Data SGL Length Invalid', description: 'The data SGL length is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x10, name: 'sglInvalidMetadata', cName: 'NVME_SC_SGL_INVALID_METADATA', title: 'Metadata SGL Length Invalid', description: 'The metadata SGL length is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x11, name: 'sglInvalidType', cName: 'NVME_SC_SGL_INVALID_TYPE', title: 'SGL Descriptor Type Invalid', description: 'An SGL descriptor type is invalid or unsupported', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x12, name: 'cmbInvalidUse', cName: 'NVME_SC_CMB_INVALID_USE', title: 'Invalid Use of Controller Memory Buffer', description: 'The Controller Memory Buffer was used in an invalid way', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x13, name: 'prpInvalidOffset', cName: 'NVME_SC_PRP_INVALID_OFFSET', title: 'PRP Offset Invalid', description: 'A PRP entry offset is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x14, name: 'awuExceeded', cName: 'NVME_SC_AWU_EXCEEDED', title: 'Atomic Write Unit Exceeded', description: 'The write exceeds the atomic write unit', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x15, name: 'opDenied', cName: 'NVME_SC_OP_DENIED', title: 'Operation Denied', description: 'The command was denied by a security or access policy', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x16, name: 'sglInvalidOffset', cName: 'NVME_SC_SGL_INVALID_OFFSET', title: 'SGL Offset Invalid', description: 'An SGL offset is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x18, name: 'hostidFormat', cName: 'NVME_SC_HOSTID_FORMAT', title: 'Host Identifier Inconsistent Format', description: 'The host identifier format does not match the controller state', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x19, name: 'katExpired', cName: 'NVME_SC_KAT_EXPIRED', title: 'Keep Alive Timer Expired', description: 'The keep alive timer expired', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x1a, name: 'katInvalid', cName: 'NVME_SC_KAT_INVALID', title: 'Keep Alive Timeout Invalid', description: 'The keep alive timeout value is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x1b, name: 'cmdAbortedPremept', cName: 'NVME_SC_CMD_ABORTED_PREMEPT', title: 'Command Aborted due to Preempt and Abort', description: 'A Reservation Acquire with preempt-and-abort aborted the command', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x1c, name: 'sanitizeFailed', cName: 'NVME_SC_SANITIZE_FAILED', title: 'Sanitize Failed', description: 'The most recent sanitize operation failed; recovery is required', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x1d, name: 'sanitizeInProgress', cName: 'NVME_SC_SANITIZE_IN_PROGRESS', title: 'Sanitize In Progress', description: 'The command is prohibited while a sanitize operation runs', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x1e, name: 'sglInvalidGranularity', cName: 'NVME_SC_SGL_INVALID_GRANULARITY', title: 'SGL Data Block Granularity Invalid', description: 'An SGL data block does not meet the required granularity', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x1f, name: 'cmdInCmbqNotSupp', cName: 'NVME_SC_CMD_IN_CMBQ_NOT_SUPP', title: 'Command Not Supported for Queue in CMB', description: 'The command cannot be issued on a queue in the Controller Memory Buffer', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x20, name: 'nsWriteProtected', cName: 'NVME_SC_NS_WRITE_PROTECTED', title: 'Namespace is Write Protected', description: 'The namespace is write protected', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x21, name: 'cmdInterrupted', cName: 'NVME_SC_CMD_INTERRUPTED', title: 'Command Interrupted', description: 'The command was interrupted and may be retried', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x22, name: 'tranTportError', cName: 'NVME_SC_TRAN_TPORT_ERROR', title: 'Transient Transport Error', description: 'A transient transport error occurred', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x23, name: 'prohibitedByCmdAndFeat', cName: 'NVME_SC_PROHIBITED_BY_CMD_AND_FEAT', title: 'Command Prohibited by Command and Feature Lockdown', description: 'The command is prohibited by Command and Feature Lockdown', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x24, name: 'adminCmdMediaNotReady', cName: 'NVME_SC_ADMIN_CMD_MEDIA_NOT_READY', title: 'Admin Command Media Not Ready', description: 'The admin command needs media that is not ready', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x25, name: 'invalidKeyTag', cName: 'NVME_SC_INVALID_KEY_TAG', title: 'Invalid Key Tag', description: 'The key tag is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x26, name: 'hostDispersedNsNotEnabled', cName: 'NVME_SC_HOST_DISPERSED_NS_NOT_ENABLED', title: 'Host Dispersed Namespace Support Not Enabled', description: 'Host dispersed namespace support is not enabled', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x27, name: 'hostIdNotInitialized', cName: 'NVME_SC_HOST_ID_NOT_INITIALIZED', title: 'Host Identifier Not Initialized', description: 'The host identifier has not been set', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x28, name: 'incorrectKey', cName: 'NVME_SC_INCORRECT_KEY', title: 'Incorrect Key', description: 'The key is incorrect', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x29, name: 'fdpDisabled', cName: 'NVME_SC_FDP_DISABLED', title: 'FDP Disabled', description: 'Flexible Data Placement is disabled', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x2a, name: 'invalidPlacementHandleList', cName: 'NVME_SC_INVALID_PLACEMENT_HANDLE_LIST', title: 'Invalid Placement Handle List', description: 'The placement handle list is invalid', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x80, name: 'lbaRange', cName: 'NVME_SC_LBA_RANGE', title: 'LBA Out of Range', description: 'The LBA range exceeds the namespace size', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x81, name: 'capExceeded', cName: 'NVME_SC_CAP_EXCEEDED', title: 'Capacity Exceeded', description: 'The command would exceed the namespace capacity', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x82, name: 'nsNotReady', cName: 'NVME_SC_NS_NOT_READY', title: 'Namespace Not Ready', description: 'The namespace is not ready; retry may succeed', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x83, name: 'reservationConflict', cName: 'NVME_SC_RESERVATION_CONFLICT', title: 'Reservation Conflict', description: 'The command conflicts with a reservation on the namespace', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x84, name: 'formatInProgress', cName: 'NVME_SC_FORMAT_IN_PROGRESS', title: 'Format In Progress', description: 'A Format NVM command is in progress on the namespace', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x85, name: 'invalidValueSize', cName: 'NVME_SC_INVALID_VALUE_SIZE', title: 'Invalid Value Size', description: 'The value size is invalid (Key Value)', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x86, name: 'invalidKeySize', cName: 'NVME_SC_INVALID_KEY_SIZE', title: 'Invalid Key Size', description: 'The key size is invalid (Key Value)', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x87, name: 'kvKeyNotExists', cName: 'NVME_SC_KV_KEY_NOT_EXISTS', title: 'KV Key Does Not Exist', description: 'The key does not exist (Key Value)', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x88, name: 'unrecoveredError', cName: 'NVME_SC_UNRECOVERED_ERROR', title: 'Unrecovered Error', description: 'An unrecovered error occurred (Key Value)', spec: 'NVMe Base 2.0c §4.2.3.1' },
  { sct: 0, sc: 0x89, name: 'keyExists', cName: 'NVME_SC_KEY_EXISTS', title: 'Key Exists', description: 'The key already exists (Key Value)', spec: 'NVMe Base 2.0c §4.2.3.1' },
] as const satisfies readonly NvmeStatusRow[];

/** SCT 1: commandSpecific. */
export const commandSpecificStatus = [
  { sct: 1, sc: 0x00, name: 'cqInvalid', cName: 'NVME_SC_CQ_INVALID', title: 'Completion Queue Invalid', description: 'The completion queue identifier is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x01, name: 'qidInvalid', cName: 'NVME_SC_QID_INVALID', title: 'Invalid Queue Identifier', description: 'The queue identifier is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x02, name: 'queueSize', cName: 'NVME_SC_QUEUE_SIZE', title: 'Invalid Queue Size', description: 'The queue size is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x03, name: 'abortLimit', cName: 'NVME_SC_ABORT_LIMIT', title: 'Abort Command Limit Exceeded', description: 'Too many Abort commands are outstanding', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x04, name: 'abortMissing', cName: 'NVME_SC_ABORT_MISSING', title: 'Reserved (Abort Command Missing)', description: 'Reserved since NVMe 1.1', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x05, name: 'asyncLimit', cName: 'NVME_SC_ASYNC_LIMIT', title: 'Asynchronous Event Request Limit Exceeded', description: 'Too many Asynchronous Event Requests are outstanding', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x06, name: 'firmwareSlot', cName: 'NVME_SC_FIRMWARE_SLOT', title: 'Invalid Firmware Slot', description: 'The firmware slot is invalid or read-only', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x07, name: 'firmwareImage', cName: 'NVME_SC_FIRMWARE_IMAGE', title: 'Invalid Firmware Image', description: 'The firmware image is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x08, name: 'invalidVector', cName: 'NVME_SC_INVALID_VECTOR', title: 'Invalid Interrupt Vector', description: 'The interrupt vector is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x09, name: 'invalidLogPage', cName: 'NVME_SC_INVALID_LOG_PAGE', title: 'Invalid Log Page', description: 'The log page is invalid or unsupported', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x0a, name: 'invalidFormat', cName: 'NVME_SC_INVALID_FORMAT', title: 'Invalid Format', description: 'The LBA format or protection settings are invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x0b, name: 'fwNeedsConvReset', cName: 'NVME_SC_FW_NEEDS_CONV_RESET', title: 'Firmware Activation Requires Conventional Reset', description: 'The new firmware activates on the next conventional reset', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x0c, name: 'invalidQueue', cName: 'NVME_SC_INVALID_QUEUE', title: 'Invalid Queue Deletion', description: 'The I/O completion queue still has submission queues', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x0d, name: 'featureNotSaveable', cName: 'NVME_SC_FEATURE_NOT_SAVEABLE', title: 'Feature Identifier Not Saveable', description: 'The feature cannot be saved', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x0e, name: 'featureNotChangeable', cName: 'NVME_SC_FEATURE_NOT_CHANGEABLE', title: 'Feature Not Changeable', description: 'The feature cannot be changed', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x0f, name: 'featureNotPerNs', cName: 'NVME_SC_FEATURE_NOT_PER_NS', title: 'Feature Not Namespace Specific', description: 'The feature is not namespace specific', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x10, name: 'fwNeedsSubsysReset', cName: 'NVME_SC_FW_NEEDS_SUBSYS_RESET', title: 'Firmware Activation Requires NVM Subsystem Reset', description: 'The new firmware activates on the next NVM subsystem reset', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x11, name: 'fwNeedsReset', cName: 'NVME_SC_FW_NEEDS_RESET', title: 'Firmware Activation Requires Controller Level Reset', description: 'The new firmware activates on the next controller level reset', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x12, name: 'fwNeedsMaxTime', cName: 'NVME_SC_FW_NEEDS_MAX_TIME', title: 'Firmware Activation Requires Maximum Time Violation', description: 'Activation would exceed the maximum time for firmware activation', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x13, name: 'fwActivateProhibited', cName: 'NVME_SC_FW_ACTIVATE_PROHIBITED', title: 'Firmware Activation Prohibited', description: 'Activation of this firmware image is prohibited', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x14, name: 'overlappingRange', cName: 'NVME_SC_OVERLAPPING_RANGE', title: 'Overlapping Range', description: 'The firmware image or boot partition range overlaps', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x15, name: 'nsInsufficientCap', cName: 'NVME_SC_NS_INSUFFICIENT_CAP', title: 'Namespace Insufficient Capacity', description: 'There is not enough capacity to create the namespace', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x16, name: 'nsIdUnavailable', cName: 'NVME_SC_NS_ID_UNAVAILABLE', title: 'Namespace Identifier Unavailable', description: 'No namespace identifier is available', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x18, name: 'nsAlreadyAttached', cName: 'NVME_SC_NS_ALREADY_ATTACHED', title: 'Namespace Already Attached', description: 'The namespace is already attached to the controller', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x19, name: 'nsIsPrivate', cName: 'NVME_SC_NS_IS_PRIVATE', title: 'Namespace Is Private', description: 'The namespace is private and cannot be attached to more controllers', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x1a, name: 'nsNotAttached', cName: 'NVME_SC_NS_NOT_ATTACHED', title: 'Namespace Not Attached', description: 'The namespace is not attached to the controller', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x1b, name: 'thinProvNotSupp', cName: 'NVME_SC_THIN_PROV_NOT_SUPP', title: 'Thin Provisioning Not Supported', description: 'Thin provisioning is not supported', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x1c, name: 'ctrlListInvalid', cName: 'NVME_SC_CTRL_LIST_INVALID', title: 'Controller List Invalid', description: 'The controller list is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x1d, name: 'selfTestInProgress', cName: 'NVME_SC_SELF_TEST_IN_PROGRESS', title: 'Device Self-test In Progress', description: 'A device self-test is already in progress', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x1e, name: 'bpWriteProhibited', cName: 'NVME_SC_BP_WRITE_PROHIBITED', title: 'Boot Partition Write Prohibited', description: 'Writing the boot partition is prohibited', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x1f, name: 'invalidCtrlId', cName: 'NVME_SC_INVALID_CTRL_ID', title: 'Invalid Controller Identifier', description: 'The controller identifier is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x20, name: 'invalidSecCtrlState', cName: 'NVME_SC_INVALID_SEC_CTRL_STATE', title: 'Invalid Secondary Controller State', description: 'The secondary controller state is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x21, name: 'invalidCtrlResources', cName: 'NVME_SC_INVALID_CTRL_RESOURCES', title: 'Invalid Number of Controller Resources', description: 'The number of controller resources is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x22, name: 'invalidResourceId', cName: 'NVME_SC_INVALID_RESOURCE_ID', title: 'Invalid Resource Identifier', description: 'The resource identifier is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x23, name: 'pmrSanProhibited', cName: 'NVME_SC_PMR_SAN_PROHIBITED', title: 'Sanitize Prohibited While Persistent Memory Region is Enabled', description: 'Sanitize is prohibited while the PMR is enabled', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x24, name: 'anaGroupIdInvalid', cName: 'NVME_SC_ANA_GROUP_ID_INVALID', title: 'ANA Group Identifier Invalid', description: 'The ANA group identifier is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x25, name: 'anaAttachFailed', cName: 'NVME_SC_ANA_ATTACH_FAILED', title: 'ANA Attach Failed', description: 'The namespace could not be attached because of its ANA state', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x26, name: 'insufficientCap', cName: 'NVME_SC_INSUFFICIENT_CAP', title: 'Insufficient Capacity', description: 'There is not enough capacity for the operation', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x27, name: 'nsAttachmentLimitExceeded', cName: 'NVME_SC_NS_ATTACHMENT_LIMIT_EXCEEDED', title: 'Namespace Attachment Limit Exceeded', description: 'The namespace attachment limit was exceeded', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x28, name: 'prohibitCmdExecNotSupported', cName: 'NVME_SC_PROHIBIT_CMD_EXEC_NOT_SUPPORTED', title: 'Prohibition of Command Execution Not Supported', description: 'Prohibiting command execution is not supported', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x29, name: 'iocsNotSupported', cName: 'NVME_SC_IOCS_NOT_SUPPORTED', title: 'I/O Command Set Not Supported', description: 'The I/O command set is not supported', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x2a, name: 'iocsNotEnabled', cName: 'NVME_SC_IOCS_NOT_ENABLED', title: 'I/O Command Set Not Enabled', description: 'The I/O command set is not enabled', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x2b, name: 'iocsCombinationRejected', cName: 'NVME_SC_IOCS_COMBINATION_REJECTED', title: 'I/O Command Set Combination Rejected', description: 'The combination of I/O command sets was rejected', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x2c, name: 'invalidIocs', cName: 'NVME_SC_INVALID_IOCS', title: 'Invalid I/O Command Set', description: 'The I/O command set is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x2d, name: 'idUnavailable', cName: 'NVME_SC_ID_UNAVAILABLE', title: 'Identifier Unavailable', description: 'The identifier is unavailable', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x2f, name: 'invalidDiscoveryInfo', cName: 'NVME_SC_INVALID_DISCOVERY_INFO', title: 'Invalid Discovery Information', description: 'The discovery information is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x30, name: 'zoningDataStructLocked', cName: 'NVME_SC_ZONING_DATA_STRUCT_LOCKED', title: 'Zoning Data Structure Locked', description: 'The zoning data structure is locked', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x31, name: 'zoningDataStructNotfnd', cName: 'NVME_SC_ZONING_DATA_STRUCT_NOTFND', title: 'Zoning Data Structure Not Found', description: 'The zoning data structure was not found', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x32, name: 'insufficientDiscRes', cName: 'NVME_SC_INSUFFICIENT_DISC_RES', title: 'Insufficient Discovery Resources', description: 'There are not enough discovery resources', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x33, name: 'reqstdFunctionDisabled', cName: 'NVME_SC_REQSTD_FUNCTION_DISABLED', title: 'Requested Function Disabled', description: 'The requested function is disabled', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x34, name: 'zonegrpOriginatorInvld', cName: 'NVME_SC_ZONEGRP_ORIGINATOR_INVLD', title: 'Zone Group Originator Invalid', description: 'The zone group originator is invalid', spec: 'NVMe Base 2.0c §4.2.3.2' },
  { sct: 1, sc: 0x80, name: 'badAttributes', cName: 'NVME_SC_BAD_ATTRIBUTES', title: 'Conflicting Attributes', description: 'The command attributes conflict (NVM I/O)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x81, name: 'invalidPi', cName: 'NVME_SC_INVALID_PI', title: 'Invalid Protection Information', description: 'The protection information settings are invalid (NVM I/O)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x82, name: 'readOnly', cName: 'NVME_SC_READ_ONLY', title: 'Attempted Write to Read Only Range', description: 'The write targets a read-only LBA range (NVM I/O)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x83, name: 'cmdSizeLimitExceeded', cName: 'NVME_SC_CMD_SIZE_LIMIT_EXCEEDED', title: 'Command Size Limit Exceeded', description: 'The command exceeds a size limit (NVM I/O)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x85, name: 'incompatibleNs', cName: 'NVME_SC_INCOMPATIBLE_NS', title: 'Incompatible Namespace or Format', description: 'The source namespace or format is incompatible (Copy)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x86, name: 'fastCopyNotPossible', cName: 'NVME_SC_FAST_COPY_NOT_POSSIBLE', title: 'Fast Copy Not Possible', description: 'A fast copy is not possible (Copy)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x87, name: 'overlappingIoRange', cName: 'NVME_SC_OVERLAPPING_IO_RANGE', title: 'Overlapping I/O Range', description: 'The I/O ranges overlap (Copy)', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0x89, name: 'insufficientResources', cName: 'NVME_SC_INSUFFICIENT_RESOURCES', title: 'Insufficient Resources', description: 'The controller lacks resources for the command', spec: 'NVM Command Set 1.0c §3.3 (command specific status)' },
  { sct: 1, sc: 0xb6, name: 'znsInvalidOpRequest', cName: 'NVME_SC_ZNS_INVALID_OP_REQUEST', title: 'Invalid Zone Operation Request', description: 'The zone operation request is invalid (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xb7, name: 'znsZrwaResourcesUnavailable', cName: 'NVME_SC_ZNS_ZRWA_RESOURCES_UNAVAILABLE', title: 'ZRWA Resources Unavailable', description: 'No Zone Random Write Area resources are available (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xb8, name: 'znsBoundaryError', cName: 'NVME_SC_ZNS_BOUNDARY_ERROR', title: 'Zone Boundary Error', description: 'The command crosses a zone boundary (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xb9, name: 'znsFull', cName: 'NVME_SC_ZNS_FULL', title: 'Zone Is Full', description: 'The zone is full (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xba, name: 'znsReadOnly', cName: 'NVME_SC_ZNS_READ_ONLY', title: 'Zone Is Read Only', description: 'The zone is read only (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xbb, name: 'znsOffline', cName: 'NVME_SC_ZNS_OFFLINE', title: 'Zone Is Offline', description: 'The zone is offline (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xbc, name: 'znsInvalidWrite', cName: 'NVME_SC_ZNS_INVALID_WRITE', title: 'Zone Invalid Write', description: 'The write is not at the write pointer (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xbd, name: 'znsTooManyActive', cName: 'NVME_SC_ZNS_TOO_MANY_ACTIVE', title: 'Too Many Active Zones', description: 'The active zone limit would be exceeded (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xbe, name: 'znsTooManyOpens', cName: 'NVME_SC_ZNS_TOO_MANY_OPENS', title: 'Too Many Open Zones', description: 'The open zone limit would be exceeded (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
  { sct: 1, sc: 0xbf, name: 'znsInvalTransition', cName: 'NVME_SC_ZNS_INVAL_TRANSITION', title: 'Invalid Zone State Transition', description: 'The zone state transition is invalid (ZNS)', spec: 'NVMe ZNS 1.1 §3.3 (command specific status)' },
] as const satisfies readonly NvmeStatusRow[];

/** SCT 2: mediaAndDataIntegrity. */
export const mediaAndDataIntegrityStatus = [
  { sct: 2, sc: 0x80, name: 'writeFault', cName: 'NVME_SC_WRITE_FAULT', title: 'Write Fault', description: 'The write could not be completed because of a media error', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x81, name: 'readError', cName: 'NVME_SC_READ_ERROR', title: 'Unrecovered Read Error', description: 'The read data could not be recovered from the media', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x82, name: 'guardCheck', cName: 'NVME_SC_GUARD_CHECK', title: 'End-to-end Guard Check Error', description: 'The protection information guard check failed', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x83, name: 'apptagCheck', cName: 'NVME_SC_APPTAG_CHECK', title: 'End-to-end Application Tag Check Error', description: 'The protection information application tag check failed', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x84, name: 'reftagCheck', cName: 'NVME_SC_REFTAG_CHECK', title: 'End-to-end Reference Tag Check Error', description: 'The protection information reference tag check failed', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x85, name: 'compareFailed', cName: 'NVME_SC_COMPARE_FAILED', title: 'Compare Failure', description: 'The Compare command found a miscompare', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x86, name: 'accessDenied', cName: 'NVME_SC_ACCESS_DENIED', title: 'Access Denied', description: 'Access to the namespace or LBA range is denied', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x87, name: 'unwrittenBlock', cName: 'NVME_SC_UNWRITTEN_BLOCK', title: 'Deallocated or Unwritten Logical Block', description: 'The command read a deallocated or unwritten block with DULBE set', spec: 'NVMe Base 2.0c §4.2.3.3' },
  { sct: 2, sc: 0x88, name: 'storageTagCheck', cName: 'NVME_SC_STORAGE_TAG_CHECK', title: 'End-to-end Storage Tag Check Error', description: 'The protection information storage tag check failed', spec: 'NVMe Base 2.0c §4.2.3.3' },
] as const satisfies readonly NvmeStatusRow[];

/** SCT 3: pathRelated. */
export const pathRelatedStatus = [
  { sct: 3, sc: 0x00, name: 'anaInternalPathError', cName: 'NVME_SC_ANA_INTERNAL_PATH_ERROR', title: 'Internal Path Error', description: 'An error internal to the controller path occurred', spec: 'NVMe Base 2.0c §4.2.3.4' },
  { sct: 3, sc: 0x01, name: 'anaPersistentLoss', cName: 'NVME_SC_ANA_PERSISTENT_LOSS', title: 'Asymmetric Access Persistent Loss', description: 'The namespace is persistently inaccessible through this controller', spec: 'NVMe Base 2.0c §4.2.3.4' },
  { sct: 3, sc: 0x02, name: 'anaInaccessible', cName: 'NVME_SC_ANA_INACCESSIBLE', title: 'Asymmetric Access Inaccessible', description: 'The namespace is inaccessible through this controller', spec: 'NVMe Base 2.0c §4.2.3.4' },
  { sct: 3, sc: 0x03, name: 'anaTransition', cName: 'NVME_SC_ANA_TRANSITION', title: 'Asymmetric Access Transition', description: 'The ANA state is changing; retry later', spec: 'NVMe Base 2.0c §4.2.3.4' },
  { sct: 3, sc: 0x60, name: 'ctrlPathError', cName: 'NVME_SC_CTRL_PATH_ERROR', title: 'Controller Pathing Error', description: 'A controller-detected pathing error occurred', spec: 'NVMe Base 2.0c §4.2.3.4' },
  { sct: 3, sc: 0x70, name: 'hostPathError', cName: 'NVME_SC_HOST_PATH_ERROR', title: 'Host Pathing Error', description: 'A host-detected pathing error occurred', spec: 'NVMe Base 2.0c §4.2.3.4' },
  { sct: 3, sc: 0x71, name: 'cmdAbortedByHost', cName: 'NVME_SC_CMD_ABORTED_BY_HOST', title: 'Command Aborted By Host', description: 'The host aborted the command', spec: 'NVMe Base 2.0c §4.2.3.4' },
] as const satisfies readonly NvmeStatusRow[];

/** Every status row. */
export const statusCodes: readonly NvmeStatusRow[] = [...genericStatus, ...commandSpecificStatus, ...mediaAndDataIntegrityStatus, ...pathRelatedStatus];
