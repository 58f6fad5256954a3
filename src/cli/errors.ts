/**
 * CLI failure handling: every error becomes an exit code, the cause in one line, and what to do.
 *
 *   0 ok, 2 usage (bad arguments, missing --yes), 3 the device refused the command (CXL return
 *   code, NVMe status, NVMe-MI status), 4 transport or system (no such device, permission, timeout,
 *   replay mismatch, native addon missing), 1 anything else (a bug, a malformed reply).
 */
import { CxlNvmeError, isCxlCommandError, isNvmeMiStatusError, isNvmeStatusError } from '../errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, device: 3, transport: 4 } as const;

/** A usage error raised by the CLI itself (code USAGE); `help` names the command whose usage to show. */
export class UsageError extends CxlNvmeError {
  readonly help: string | undefined;

  constructor(message: string, help?: string) {
    super('USAGE', message, help ? { help } : {});
    this.name = 'UsageError';
    this.help = help;
  }
}

/** Codec errors that come from values the user typed (a number out of range, an unknown name). */
const USER_VALUE_CODES = new Set(['CODEC_RANGE', 'CODEC_BAD_TYPE', 'CODEC_UNKNOWN_FIELD', 'CODEC_MISSING_FIELD', 'NVME_BAD_ARGUMENT', 'NVME_CONFIRMATION_REQUIRED']);

export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return EXIT.usage;
  if (isCxlCommandError(e) || isNvmeStatusError(e) || isNvmeMiStatusError(e)) return EXIT.device;
  if (e instanceof CxlNvmeError) {
    if (e.layer === 'usage' || USER_VALUE_CODES.has(e.code)) return EXIT.usage;
    if (e.layer === 'transport' || e.layer === 'system') return EXIT.transport;
  }
  return EXIT.failure;
}

const CXL_RC_ADVICE: Record<string, string> = {
  unsupported: 'the device does not implement this command; `cxl-nvme logs cel` lists the opcodes it supports',
  unsupportedMailboxOrCci: 'this command is not accepted on this interface: FM-API commands need an MCTP/FM-owned CCI or a --tunnel, memory-device commands the mailbox',
  busy: 'a background operation is running; wait for it to finish (it shows in Background Operation Status) and retry',
  mediaDisabled: 'media is disabled (a sanitize may be running, or the device failed); check `cxl-nvme health`',
  invalidSecurityState: 'the persistent memory is locked or frozen; check `cxl-nvme security state`',
  invalidInput: 'the device rejected a field of the request; check the arguments against the device limits (`cxl-nvme identify`)',
  invalidPayloadLength: 'the request is longer than the device accepts (Identify Max Message Size)',
  invalidSlot: 'pick a firmware slot other than the active one, within the slots `cxl-nvme fw info` reports',
  invalidPhysicalAddress: 'the DPA must be 64-byte aligned and inside the device capacity (`cxl-nvme identify`)',
  injectPoisonLimitReached: 'clear injected poison (`cxl-nvme poison clear`) before injecting more',
  retryRequired: 'a temporary condition: retry once',
  invalidLog: 'the log UUID is not supported; `cxl-nvme logs supported` lists the ones the device has',
};

/** What to tell the user to do about an error, when there is something useful to say. */
export function adviceFor(e: unknown): string | undefined {
  if (e instanceof UsageError) return e.help ? `see: cxl-nvme ${e.help} --help` : 'see: cxl-nvme --help';
  if (isCxlCommandError(e)) return CXL_RC_ADVICE[e.returnCodeName];
  if (isNvmeStatusError(e)) {
    if (e.statusName === 'invalidOpcode') return 'the controller does not implement this command (see the OACS / ONCS fields of `cxl-nvme id-ctrl`)';
    if (e.statusName === 'invalidNs') return 'no such namespace: list the active ones with `cxl-nvme list` or `cxl-nvme id-ctrl` (nn)';
    if (e.statusName === 'lbaRange') return 'the LBA range ends past the namespace size (`cxl-nvme id-ns` nsze)';
    return e.dnr ? 'the controller says retrying will not help (DNR set)' : undefined;
  }
  if (!(e instanceof CxlNvmeError)) return undefined;
  const given = e.context.advice;
  if (typeof given === 'string') return given;
  switch (e.code) {
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return 'check the device name: `cxl-nvme list` shows the CXL and NVMe devices of this machine, `cxl-nvme list --sim` the simulated ones';
    case 'EACCES':
    case 'EPERM':
      return 'device nodes belong to root: run with sudo, or give your group access with a udev rule (MODE="0660") and re-login';
    case 'EBUSY':
      return 'the device is in use by the kernel or another process; retry when it is idle';
    case 'TRANSPORT_TIMEOUT':
      return 'the device did not answer in time: check that it is present and responsive (dmesg), or raise --timeout';
    case 'TRANSPORT_NATIVE_UNAVAILABLE':
      return 'the native addon is not available on this machine: use --sim for the simulator, or build it with `npm run build:native`';
    case 'TRANSPORT_REPLAY_MISMATCH':
      return 'the command asked for something other than what was recorded: replay with the same command line used with --record';
    case 'TRANSPORT_REPLAY_FORMAT':
      return 'the recording file is damaged or not a cxl-nvme recording (format v1, one JSON object per line)';
    case 'TRANSPORT_UNSUPPORTED':
      return 'this path cannot carry the command (NVMe-MI carries Admin commands only: use the /dev node for I/O)';
    case 'NVME_CONFIRMATION_REQUIRED':
      return 'add --yes to confirm the destructive operation';
    default:
      return undefined;
  }
}

/** Errors as the JSON output shows them. */
export function errorJson(e: unknown): Record<string, unknown> {
  const advice = adviceFor(e);
  const base: Record<string, unknown> = {
    code: e instanceof CxlNvmeError ? e.code : e instanceof UsageError ? 'USAGE' : 'INTERNAL',
    message: e instanceof Error ? e.message : String(e),
    exitCode: exitCodeOf(e),
  };
  if (advice) base.advice = advice;
  if (isCxlCommandError(e)) Object.assign(base, { returnCode: e.returnCode, returnCodeName: e.returnCodeName, opcode: e.opcode, command: e.commandName });
  if (isNvmeStatusError(e)) Object.assign(base, { status: e.status, sct: e.sct, sc: e.sc, statusName: e.statusName, dnr: e.dnr });
  if (isNvmeMiStatusError(e)) Object.assign(base, { miStatus: e.miStatus, miStatusName: e.miStatusName });
  return base;
}
