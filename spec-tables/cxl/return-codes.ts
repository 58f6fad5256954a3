/**
 * CXL command return codes: CXL r3.1 §8.2.9.1 Table 8-34 (Command Return Codes), values 00h-20h.
 * Carried in the Return Code field of a CCI response message (Figure 7-19 bytes 8-9) and in the
 * mailbox Status register. Data only: the lookup maps are built from this list in
 * src/protocol/cxl/registry.ts.
 *
 * `name` is the spec's name camelCased; `cName` is the libcxlmi enumerator (`enum cxlmi_cmd_retcode`),
 * which matches the Linux `CXL_MBOX_CMD_RC_*` suffixes, for cross-reference.
 */

export interface CxlReturnCodeDef {
  /** Return Code field value. */
  readonly value: number;
  /** Spec name, camelCased. */
  readonly name: string;
  /** libcxlmi `CXLMI_RET_*` enumerator. */
  readonly cName: string;
  /** The spec's description, one sentence. */
  readonly description: string;
}

export const returnCodes = [
  { value: 0x00, name: 'success', cName: 'CXLMI_RET_SUCCESS', description: 'The command completed successfully.' },
  {
    value: 0x01,
    name: 'backgroundCommandStarted',
    cName: 'CXLMI_RET_BACKGROUND',
    description: 'The background command started successfully; poll Background Operation Status (0002h) for its completion.',
  },
  { value: 0x02, name: 'invalidInput', cName: 'CXLMI_RET_INPUT', description: 'A command input was invalid.' },
  { value: 0x03, name: 'unsupported', cName: 'CXLMI_RET_UNSUPPORTED', description: 'The command is not supported.' },
  {
    value: 0x04,
    name: 'internalError',
    cName: 'CXLMI_RET_INTERNAL',
    description: 'The command was not completed because of an internal device error.',
  },
  {
    value: 0x05,
    name: 'retryRequired',
    cName: 'CXLMI_RET_RETRY',
    description: 'The command was not completed because of a temporary error; an optional single retry may resolve the issue.',
  },
  {
    value: 0x06,
    name: 'busy',
    cName: 'CXLMI_RET_BUSY',
    description: 'The device is busy processing a background operation; wait until it completes, then retry the command.',
  },
  {
    value: 0x07,
    name: 'mediaDisabled',
    cName: 'CXLMI_RET_MEDIADISABLED',
    description: 'The command could not be completed because it requires media access and media is disabled.',
  },
  {
    value: 0x08,
    name: 'fwTransferInProgress',
    cName: 'CXLMI_RET_FWINPROGRESS',
    description: 'Only one FW package can be transferred at a time; complete the current transfer before starting a new one.',
  },
  {
    value: 0x09,
    name: 'fwTransferOutOfOrder',
    cName: 'CXLMI_RET_FWOOO',
    description: 'The FW package transfer was aborted because the FW package content was transferred out of order.',
  },
  {
    value: 0x0a,
    name: 'fwVerificationFailed',
    cName: 'CXLMI_RET_FWAUTH',
    description: 'The FW package was not saved to the device because the FW package verification failed.',
  },
  {
    value: 0x0b,
    name: 'invalidSlot',
    cName: 'CXLMI_RET_FWSLOT',
    description: 'The FW slot specified is not supported or not valid for the requested operation.',
  },
  {
    value: 0x0c,
    name: 'activationFailedFwRolledBack',
    cName: 'CXLMI_RET_FWROLLBACK',
    description: 'The new FW failed to activate and rolled back to the previous active FW.',
  },
  {
    value: 0x0d,
    name: 'activationFailedColdResetRequired',
    cName: 'CXLMI_RET_FWRESET',
    description: 'The new FW failed to activate; a cold reset is required.',
  },
  {
    value: 0x0e,
    name: 'invalidHandle',
    cName: 'CXLMI_RET_HANDLE',
    description: 'One or more Event Record Handles were invalid or specified out of order.',
  },
  { value: 0x0f, name: 'invalidPhysicalAddress', cName: 'CXLMI_RET_PADDR', description: 'The physical address specified is invalid.' },
  {
    value: 0x10,
    name: 'injectPoisonLimitReached',
    cName: 'CXLMI_RET_POISONLMT',
    description: "The device's limit on allowed poison injection has been reached; clear injected poison before injecting more.",
  },
  {
    value: 0x11,
    name: 'permanentMediaFailure',
    cName: 'CXLMI_RET_MEDIAFAILURE',
    description: 'The device could not clear poison because of a permanent issue with the media.',
  },
  {
    value: 0x12,
    name: 'aborted',
    cName: 'CXLMI_RET_ABORT',
    description: 'The background command was aborted by the device, on its own or after a Request Abort Background Operation.',
  },
  {
    value: 0x13,
    name: 'invalidSecurityState',
    cName: 'CXLMI_RET_SECURITY',
    description: 'The command is not valid in the current security state.',
  },
  {
    value: 0x14,
    name: 'incorrectPassphrase',
    cName: 'CXLMI_RET_PASSPHRASE',
    description: 'The passphrase does not match the currently set passphrase.',
  },
  {
    value: 0x15,
    name: 'unsupportedMailboxOrCci',
    cName: 'CXLMI_RET_MBUNSUPPORTED',
    description: 'The command is not supported on the mailbox or CCI it was issued on.',
  },
  {
    value: 0x16,
    name: 'invalidPayloadLength',
    cName: 'CXLMI_RET_PAYLOADLEN',
    description: "The input payload length is invalid or exceeds the component's Maximum Supported Message Size.",
  },
  { value: 0x17, name: 'invalidLog', cName: 'CXLMI_RET_LOG', description: 'The log page is not supported or not valid.' },
  {
    value: 0x18,
    name: 'interrupted',
    cName: 'CXLMI_RET_INTERRUPTED',
    description: 'The command could not be successfully completed because of an asynchronous event.',
  },
  {
    value: 0x19,
    name: 'unsupportedFeatureVersion',
    cName: 'CXLMI_RET_FEATUREVERSION',
    description: 'The Feature version in the input payload is not supported.',
  },
  {
    value: 0x1a,
    name: 'unsupportedFeatureSelectionValue',
    cName: 'CXLMI_RET_FEATURESELVALUE',
    description: 'The selection value in the input payload is not supported.',
  },
  {
    value: 0x1b,
    name: 'featureTransferInProgress',
    cName: 'CXLMI_RET_FEATURETRANSFERIP',
    description: 'Only one Feature data transfer can be in progress per Feature; complete it before starting a new one.',
  },
  {
    value: 0x1c,
    name: 'featureTransferOutOfOrder',
    cName: 'CXLMI_RET_FEATURETRANSFEROOO',
    description: 'The Feature data transfer was aborted because the Feature data content was transferred out of order.',
  },
  {
    value: 0x1d,
    name: 'resourcesExhausted',
    cName: 'CXLMI_RET_RESOURCEEXHAUSTED',
    description: 'The device cannot perform the operation because its resources are exhausted.',
  },
  {
    value: 0x1e,
    name: 'invalidExtentList',
    cName: 'CXLMI_RET_EXTLIST',
    description: 'The Dynamic Capacity Extent List contains an invalid starting DPA and length.',
  },
  {
    value: 0x1f,
    name: 'transferOutOfOrder',
    cName: 'CXLMI_RET_TRANSFEROOO',
    description: 'The input parameters data transfer was aborted because it occurred out of order.',
  },
  {
    value: 0x20,
    name: 'requestAbortNotSupported',
    cName: 'CXLMI_RET_NO_BGABORT',
    description: 'The ongoing background operation does not support the Request Abort Background Operation command.',
  },
] as const satisfies readonly CxlReturnCodeDef[];

/** A return code name from Table 8-34. */
export type CxlReturnCodeName = (typeof returnCodes)[number]['name'];
