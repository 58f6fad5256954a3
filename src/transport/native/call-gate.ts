/**
 * The waiting rules of the transport contract (src/transport/types.ts), shared by the native
 * transports: abort rejects at once with TRANSPORT_ABORTED, expiry with TRANSPORT_TIMEOUT,
 * close() rejects everything in flight with TRANSPORT_CLOSED, and a result that arrives after any
 * of those is dropped.
 *
 * It also tracks operations still running in the kernel (an ioctl on a worker thread cannot be
 * cancelled), so the owner closes its file descriptor only once none is left: closing earlier
 * would let the number be reused by an unrelated open() while a worker still uses it.
 */
import { CxlNvmeError, type ErrorContext } from '../../errors.js';

export interface GateWait {
  readonly signal?: AbortSignal | undefined;
  /** 0 or undefined: no timer. */
  readonly timeoutMs?: number | undefined;
  /** For messages: 'CXL command 4200h on /dev/cxl/mem0'. */
  readonly what: string;
  readonly context?: ErrorContext;
}

export class CallGate {
  #closed = false;
  readonly #pending = new Set<(e: CxlNvmeError) => void>();
  #running = 0;
  #idle: (() => void)[] = [];

  get closed(): boolean {
    return this.#closed;
  }

  closedError(what: string, context: ErrorContext = {}): CxlNvmeError {
    return new CxlNvmeError('TRANSPORT_CLOSED', `${what}: the transport is closed`, context);
  }

  /**
   * Start `op` (unless closed or already aborted) and settle with it, or earlier by abort, timeout
   * or close. `op` runs to completion regardless; its late outcome is ignored.
   */
  run<T>(op: () => Promise<T>, wait: GateWait): Promise<T> {
    const ctx = wait.context ?? {};
    if (this.#closed) return Promise.reject(this.closedError(wait.what, ctx));
    if (wait.signal?.aborted) return Promise.reject(abortedError(wait.what, wait.signal, ctx));
    let started: Promise<T>;
    try {
      started = op();
    } catch (e) {
      return Promise.reject(e);
    }
    this.#running++;
    const done = () => {
      this.#running--;
      if (this.#running === 0) for (const f of this.#idle.splice(0)) f();
    };
    started.then(done, done);

    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => finish(() => reject(abortedError(wait.what, wait.signal!, ctx)));
      const onClose = (e: CxlNvmeError) => finish(() => reject(e));
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        wait.signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(onClose);
        f();
      };
      this.#pending.add(onClose);
      wait.signal?.addEventListener('abort', onAbort, { once: true });
      if (wait.timeoutMs && wait.timeoutMs > 0) {
        const ms = wait.timeoutMs;
        timer = setTimeout(
          () =>
            finish(() =>
              reject(new CxlNvmeError('TRANSPORT_TIMEOUT', `${wait.what}: no reply within ${ms} ms`, { ...ctx, timeoutMs: ms })),
            ),
          ms,
        );
      }
      started.then(
        (v) => finish(() => resolve(v)),
        (e: unknown) => finish(() => reject(e)),
      );
    });
  }

  /** Reject everything waiting with TRANSPORT_CLOSED; resolves when no operation is still running. */
  close(what: string, context: ErrorContext = {}): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      for (const reject of [...this.#pending]) reject(this.closedError(what, context));
    }
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}

function abortedError(what: string, signal: AbortSignal, context: ErrorContext): CxlNvmeError {
  return new CxlNvmeError('TRANSPORT_ABORTED', `${what}: aborted`, context, { cause: signal.reason });
}
