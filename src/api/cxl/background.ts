/**
 * BackgroundOperation: a command that answered Background Command Started (Return Code 01h, CXL
 * r3.1 §8.2.9.1 Table 8-34) and now runs on the device. It polls Background Operation Status
 * (0002h, §8.2.9.1.2) until the In Progress bit clears, reporting Percentage Complete through a
 * callback and an async iterator, and settles `done` with the final Return Code: 0 resolves, any
 * other rejects with CxlCommandError for the original command. An AbortSignal (or `abort()`) sends
 * Request Abort Background Operation (0005h, §8.2.9.1.5) and keeps polling for the outcome (the
 * device then usually reports 12h Aborted).
 *
 * Not a thenable on purpose (so `await ep.scanMedia(...)` gives the operation, not its end):
 * `await op.done` waits for the end.
 */
import { CxlCommandError, CxlNvmeError } from '../../errors.js';
import type { BackgroundStatus } from '../../protocol/cxl/background.js';
import { commandNameOf, hex4, returnCodeInfo } from '../../protocol/cxl/registry.js';
import type { CallOptions } from './mailbox.js';

export interface BackgroundProgress {
  readonly percentComplete: number;
  readonly opcode: number;
  readonly inProgress: boolean;
}

export interface BackgroundResult<T = unknown> {
  readonly returnCode: 0;
  readonly returnCodeName: 'success';
  readonly vendorExtStatus: number;
  /** True when the command completed at once (Return Code 00h) instead of starting in the background. */
  readonly immediate: boolean;
  /** The reply payload of an immediate completion, decoded; undefined otherwise. */
  readonly value: T | undefined;
}

export interface BackgroundOptions extends CallOptions {
  /** Time between Background Operation Status polls (default 1000 ms). */
  readonly pollIntervalMs?: number;
  readonly onProgress?: (p: BackgroundProgress) => void;
}

/** What a background operation needs from its endpoint or tunnel view. */
export interface BackgroundHost {
  status(options: CallOptions): Promise<BackgroundStatus>;
  requestAbort(options: CallOptions): Promise<void>;
  readonly closeSignal: AbortSignal;
}

export class BackgroundOperation<T = unknown> implements AsyncIterable<BackgroundProgress> {
  /** The command that runs in the background. */
  readonly command: string;
  readonly opcode: number;
  /** Settles when the operation ends: resolves on Return Code 0, rejects otherwise. */
  readonly done: Promise<BackgroundResult<T>>;
  private readonly history: BackgroundProgress[] = [];
  private finishedFlag = false;
  private failure: unknown;
  private wake: (() => void) | undefined;
  private changed: { promise: Promise<void>; resolve: () => void };
  private abortRequested = false;
  private abortPromise: Promise<void> | undefined;
  private resolveDone!: (r: BackgroundResult<T>) => void;
  private rejectDone!: (e: unknown) => void;

  /** @internal Use Endpoint methods / startBackground. */
  constructor(
    private readonly host: BackgroundHost | undefined,
    info: { command: string; opcode: number; immediate?: { vendorExtStatus: number; value: T | undefined } },
    private readonly options: BackgroundOptions = {},
  ) {
    this.command = info.command;
    this.opcode = info.opcode;
    this.changed = deferred();
    this.done = new Promise<BackgroundResult<T>>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // A failure is reported through `done` and the iterator; never as an unhandled rejection.
    this.done.catch(() => undefined);
    if (info.immediate) {
      this.finish({ returnCode: 0, returnCodeName: 'success', vendorExtStatus: info.immediate.vendorExtStatus, immediate: true, value: info.immediate.value });
      return;
    }
    if (!host) throw new CxlNvmeError('USAGE', 'a background operation needs a host to poll', {});
    const { signal } = options;
    if (signal) {
      if (signal.aborted) queueMicrotask(() => void this.abort().catch(() => undefined));
      else signal.addEventListener('abort', () => void this.abort().catch(() => undefined), { once: true });
    }
    void this.poll(host);
  }

  /** True once `done` has settled. */
  get finished(): boolean {
    return this.finishedFlag;
  }

  /** The last Percentage Complete seen (0 before the first poll). */
  get percentComplete(): number {
    return this.history[this.history.length - 1]?.percentComplete ?? 0;
  }

  /** Every progress report so far. */
  get progress(): readonly BackgroundProgress[] {
    return this.history;
  }

  /**
   * Ask the device to abort (0005h). Resolves when the request was accepted; `done` then settles
   * with what the device reports. Rejects (and so does `done`) when the device refuses.
   */
  abort(): Promise<void> {
    if (this.finishedFlag) return Promise.resolve();
    if (!this.abortPromise) {
      this.abortRequested = true;
      this.wake?.();
      this.abortPromise = this.host!.requestAbort(this.callOptions()).catch((e: unknown) => {
        this.fail(e);
        throw e;
      });
    }
    return this.abortPromise;
  }

  /** Per-exchange options for polls and the abort request: the caller's timeout, else the endpoint's. */
  private callOptions(): CallOptions {
    return this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {};
  }

  async *[Symbol.asyncIterator](): AsyncIterator<BackgroundProgress> {
    let i = 0;
    for (;;) {
      while (i < this.history.length) yield this.history[i++]!;
      if (this.finishedFlag) break;
      await this.changed.promise;
    }
    if (this.failure !== undefined) throw this.failure;
  }

  private emit(p: BackgroundProgress): void {
    this.history.push(p);
    try {
      this.options.onProgress?.(p);
    } catch {
      // A throwing callback must not stop the poll.
    }
    const c = this.changed;
    this.changed = deferred();
    c.resolve();
  }

  private finish(r: BackgroundResult<T>): void {
    if (this.finishedFlag) return;
    this.finishedFlag = true;
    this.resolveDone(r);
    this.changed.resolve();
  }

  private fail(e: unknown): void {
    if (this.finishedFlag) return;
    this.finishedFlag = true;
    this.failure = e;
    this.rejectDone(e);
    this.changed.resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const close = this.host!.closeSignal;
      const done = (): void => {
        clearTimeout(t);
        close.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const t = setTimeout(done, ms);
      close.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  private async poll(host: BackgroundHost): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 1000;
    const callOpts = this.callOptions();
    try {
      for (;;) {
        if (!this.abortRequested) await this.sleep(interval);
        if (this.finishedFlag) return;
        if (host.closeSignal.aborted) throw host.closeSignal.reason;
        if (this.abortPromise) await this.abortPromise.catch(() => undefined);
        if (this.finishedFlag) return;
        const s = await host.status(callOpts);
        if (s.opcode !== this.opcode) {
          throw new CxlNvmeError(
            'CXL_BACKGROUND',
            `${this.command} (${hex4(this.opcode)}): Background Operation Status reports ${s.inProgress ? 'a running' : 'a finished'} ${commandNameOf(s.opcode)} (${hex4(s.opcode)}) instead`,
            { command: this.command, opcode: this.opcode, statusOpcode: s.opcode },
          );
        }
        this.emit({ percentComplete: s.percentComplete, opcode: s.opcode, inProgress: s.inProgress });
        if (s.inProgress) {
          // After an accepted abort, poll at the normal pace for the device to wind down.
          if (this.abortRequested) await this.sleep(interval);
          continue;
        }
        if (s.returnCode === 0) {
          this.finish({ returnCode: 0, returnCodeName: 'success', vendorExtStatus: s.vendorExtStatus, immediate: false, value: undefined });
        } else {
          const rc = returnCodeInfo(s.returnCode);
          this.fail(
            new CxlCommandError(
              {
                returnCode: s.returnCode,
                returnCodeName: rc.name,
                description: rc.description,
                opcode: this.opcode,
                commandName: this.command,
                vendorExtendedStatus: s.vendorExtStatus,
              },
              { background: true, abortRequested: this.abortRequested },
            ),
          );
        }
        return;
      }
    } catch (e) {
      this.fail(e);
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
