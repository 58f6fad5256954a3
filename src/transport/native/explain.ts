/**
 * Re-issue a system error with the transport's reading of it: what was being done, why the kernel
 * most likely refused, and what to do about it. The code (errno name), errno and syscall stay as
 * they were; the original error becomes the cause.
 */
import { CxlNvmeError, type ErrorContext } from '../../errors.js';
import { toSystemError } from './syscalls.js';

export function explained(e: unknown, what: string, why: string | undefined, context: ErrorContext = {}): CxlNvmeError {
  const base = toSystemError(e);
  if (base.layer !== 'system') return base;
  const errno = typeof base.context.errno === 'number' ? base.context.errno : undefined;
  const detail = `${base.code}${errno !== undefined ? ` (errno ${errno})` : ''}`;
  return new CxlNvmeError(base.code, `${what}: ${detail}${why ? `: ${why}` : ''}`, { ...base.context, ...context }, { cause: base });
}

/** How to get access to a root-only device node. */
export function accessAdvice(path: string, subsystem: string, kernelPattern: string): string {
  return (
    `${path} is readable and writable by root only by default. Run as root (sudo), or grant a group ` +
    `access with a udev rule such as SUBSYSTEM=="${subsystem}", KERNEL=="${kernelPattern}", GROUP="${subsystem}", MODE="0660" ` +
    `in /etc/udev/rules.d/ (then udevadm trigger) and add your user to that group`
  );
}
