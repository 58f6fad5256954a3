/**
 * One error class for the whole library. Every code belongs to one layer; the layer says where the
 * fault was found (the codec, the CXL or NVMe protocol, a transport, the operating system, or the
 * caller's arguments). `context` carries the facts needed to act on it (struct, field, offset,
 * opcode, device path ...). Subclasses add typed fields for device-reported statuses.
 */

export type ErrorLayer = 'codec' | 'cxl' | 'nvme' | 'transport' | 'system' | 'usage';

/** Every library error code with its layer. Built once; reverse lookups derive from it. */
export const ERROR_CODES = {
  // codec: table-driven encode / decode
  CODEC_SHORT_BUFFER: 'codec', // decode needed more bytes than were given
  CODEC_BAD_COUNT: 'codec', // a flexible-array count is inconsistent or over its maximum
  CODEC_UNKNOWN_FIELD: 'codec', // encode got a field the table does not have
  CODEC_MISSING_FIELD: 'codec', // encode lacked a required field
  CODEC_RANGE: 'codec', // a value does not fit its field
  CODEC_BAD_TYPE: 'codec', // a value of the wrong JS type
  CODEC_BAD_TABLE: 'codec', // a schema table is inconsistent (caught at build time)
  CODEC_UNKNOWN_STRUCT: 'codec', // no codec by that name
  // cxl: CCI messages and commands
  CXL_SHORT_MESSAGE: 'cxl',
  CXL_NOT_RESPONSE: 'cxl',
  CXL_TAG_MISMATCH: 'cxl',
  CXL_OPCODE_MISMATCH: 'cxl',
  CXL_PAYLOAD_LENGTH: 'cxl',
  CXL_COMMAND_FAILED: 'cxl',
  CXL_UNKNOWN_COMMAND: 'cxl',
  CXL_TUNNEL: 'cxl',
  CXL_BACKGROUND: 'cxl',
  CXL_UNSUPPORTED: 'cxl',
  // nvme: commands, completions, NVMe-MI
  NVME_STATUS: 'nvme',
  NVME_MI_STATUS: 'nvme',
  NVME_MI_INTEGRITY: 'nvme',
  NVME_MI_MESSAGE: 'nvme',
  NVME_CONFIRMATION_REQUIRED: 'nvme',
  NVME_BAD_ARGUMENT: 'nvme',
  // transport: anything between a request and its reply
  TRANSPORT_TIMEOUT: 'transport',
  TRANSPORT_CLOSED: 'transport',
  TRANSPORT_ABORTED: 'transport',
  TRANSPORT_TRUNCATED: 'transport',
  TRANSPORT_REPLAY_MISMATCH: 'transport',
  TRANSPORT_REPLAY_FORMAT: 'transport',
  TRANSPORT_NATIVE_UNAVAILABLE: 'transport',
  TRANSPORT_UNSUPPORTED: 'transport',
  TRANSPORT_PROTOCOL: 'transport',
  // usage: the caller's arguments
  USAGE: 'usage',
} as const satisfies Record<string, ErrorLayer>;

export type LibraryErrorCode = keyof typeof ERROR_CODES;
/** System errors carry the errno name (`ENOENT`, `EPERM` ...) as their code. */
export type ErrorCode = LibraryErrorCode | `E${Uppercase<string>}`;

export type ErrorContext = Readonly<Record<string, unknown>>;

function layerOf(code: string): ErrorLayer {
  return (ERROR_CODES as Record<string, ErrorLayer>)[code] ?? 'system';
}

export class CxlNvmeError extends Error {
  readonly code: ErrorCode;
  readonly layer: ErrorLayer;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CxlNvmeError';
    this.code = code;
    this.layer = layerOf(code);
    this.context = context;
  }
}

/** A CXL command completed with a non-zero return code (CXL r3.1 §8.2.9.1 Table 8-34). */
export class CxlCommandError extends CxlNvmeError {
  readonly returnCode: number;
  readonly returnCodeName: string;
  readonly opcode: number;
  readonly commandName: string;
  readonly vendorExtendedStatus: number;

  constructor(
    info: {
      returnCode: number;
      returnCodeName: string;
      description: string;
      opcode: number;
      commandName: string;
      vendorExtendedStatus: number;
    },
    context: ErrorContext = {},
  ) {
    const hex = info.opcode.toString(16).padStart(4, '0');
    super(
      'CXL_COMMAND_FAILED',
      `${info.commandName} (${hex}h) failed: ${info.returnCodeName} (${info.returnCode
        .toString(16)
        .padStart(2, '0')}h): ${info.description}`,
      { ...context, ...info },
    );
    this.name = 'CxlCommandError';
    this.returnCode = info.returnCode;
    this.returnCodeName = info.returnCodeName;
    this.opcode = info.opcode;
    this.commandName = info.commandName;
    this.vendorExtendedStatus = info.vendorExtendedStatus;
  }
}

/** An NVMe command completed with a non-zero status (NVMe Base 2.0 §4.2.3). */
export class NvmeStatusError extends CxlNvmeError {
  readonly status: number;
  readonly sct: number;
  readonly sc: number;
  readonly crd: number;
  readonly more: boolean;
  readonly dnr: boolean;
  readonly statusName: string;

  constructor(
    info: { status: number; sct: number; sc: number; crd: number; more: boolean; dnr: boolean; name: string; description: string },
    context: ErrorContext = {},
  ) {
    super('NVME_STATUS', `NVMe status ${info.name} (sct ${info.sct}, sc 0x${info.sc.toString(16).padStart(2, '0')}): ${info.description}`, {
      ...context,
      ...info,
    });
    this.name = 'NvmeStatusError';
    this.status = info.status;
    this.sct = info.sct;
    this.sc = info.sc;
    this.crd = info.crd;
    this.more = info.more;
    this.dnr = info.dnr;
    this.statusName = info.name;
  }
}

/** An NVMe-MI response with a non-success MI status (NVMe-MI 1.2 §4.1.2 Figure 29). */
export class NvmeMiStatusError extends CxlNvmeError {
  readonly miStatus: number;
  readonly miStatusName: string;

  constructor(info: { miStatus: number; name: string; description: string }, context: ErrorContext = {}) {
    super('NVME_MI_STATUS', `NVMe-MI status ${info.name} (0x${info.miStatus.toString(16).padStart(2, '0')}): ${info.description}`, {
      ...context,
      ...info,
    });
    this.name = 'NvmeMiStatusError';
    this.miStatus = info.miStatus;
    this.miStatusName = info.name;
  }
}

export function isCxlNvmeError(e: unknown): e is CxlNvmeError {
  return e instanceof CxlNvmeError;
}
export function isCodecError(e: unknown): e is CxlNvmeError {
  return e instanceof CxlNvmeError && e.layer === 'codec';
}
export function isTransportError(e: unknown): e is CxlNvmeError {
  return e instanceof CxlNvmeError && e.layer === 'transport';
}
export function isSystemError(e: unknown): e is CxlNvmeError & { context: { errno?: number; syscall?: string } } {
  return e instanceof CxlNvmeError && e.layer === 'system';
}
export function isUsageError(e: unknown): e is CxlNvmeError {
  return e instanceof CxlNvmeError && e.layer === 'usage';
}
export function isCxlCommandError(e: unknown): e is CxlCommandError {
  return e instanceof CxlCommandError;
}
export function isNvmeStatusError(e: unknown): e is NvmeStatusError {
  return e instanceof NvmeStatusError;
}
export function isNvmeMiStatusError(e: unknown): e is NvmeMiStatusError {
  return e instanceof NvmeMiStatusError;
}
