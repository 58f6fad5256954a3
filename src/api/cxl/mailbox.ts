/**
 * One mailbox: a transport, a FIFO of calls with one in flight at a time, the message tag counter,
 * timeouts, abort and close. Shared by an Endpoint and every tunnel view made from it (a tunnelled
 * command occupies the same CCI as a direct one).
 *
 * - Calls run in the order they were made. A call's timeout starts when it is sent; its AbortSignal
 *   applies while queued and while in flight.
 * - A call that times out or is aborted rejects at once; the transport is told to drop the reply
 *   (the internal signal it was given aborts), and the next call starts when the transport has let
 *   go of the exchange.
 * - `close()` rejects the call in flight and every queued call with TRANSPORT_CLOSED, then closes
 *   the transport; later calls reject with TRANSPORT_CLOSED without touching the device.
 */
import { CxlNvmeError } from '../../errors.js';
import type { CxlSubmitOptions, CxlTransport } from '../../transport/types.js';

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Bound on this call's exchange with the device, from when it is sent (0 = none). */
  readonly timeoutMs?: number;
}

/** What a job gets to run its exchange. */
export interface JobContext {
  /** The next message tag (0-255, wrapping). */
  nextTag(): number;
  /** Send one message, as a whole, on this mailbox's transport. */
  submit(request: Uint8Array, fmApi: boolean): Promise<Uint8Array>;
}

interface Job {
  run(): void;
  fail(e: CxlNvmeError): void;
}

export class Mailbox {
  readonly transport: CxlTransport;
  readonly defaultTimeoutMs: number;
  private tag: number;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private closing: Promise<void> | undefined;
  private readonly closer = new AbortController();

  constructor(transport: CxlTransport, options: { timeoutMs?: number; firstTag?: number } = {}) {
    this.transport = transport;
    this.defaultTimeoutMs = options.timeoutMs ?? 0;
    this.tag = (options.firstTag ?? 0) & 0xff;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Aborts when the mailbox closes (long-running helpers such as background polls listen to it). */
  get closeSignal(): AbortSignal {
    return this.closer.signal;
  }

  /** Calls waiting behind the one in flight. */
  get queued(): number {
    return this.queue.length;
  }

  private closedError(): CxlNvmeError {
    return new CxlNvmeError('TRANSPORT_CLOSED', 'the CXL endpoint is closed', { device: this.transport.info.device });
  }

  /** Run `exchange` when the mailbox is free; resolves with its result. */
  enqueue<T>(exchange: (ctx: JobContext) => Promise<T>, options: CallOptions = {}): Promise<T> {
    if (this.closing) return Promise.reject(this.closedError());
    const device = this.transport.info.device;
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new CxlNvmeError('TRANSPORT_ABORTED', 'aborted before it was sent', { device }));
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;

    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let started = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const inner = new AbortController();
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const fail = (e: CxlNvmeError): void => {
        if (!settle()) return;
        if (!started) {
          const i = this.queue.indexOf(job);
          if (i >= 0) this.queue.splice(i, 1);
        }
        inner.abort(e);
        reject(e);
      };
      const onAbort = (): void => fail(new CxlNvmeError('TRANSPORT_ABORTED', started ? 'aborted while in flight' : 'aborted while queued', { device }));
      signal?.addEventListener('abort', onAbort, { once: true });

      const job: Job = {
        fail,
        run: () => {
          started = true;
          if (timeoutMs > 0) {
            timer = setTimeout(
              () => fail(new CxlNvmeError('TRANSPORT_TIMEOUT', `no reply within ${timeoutMs} ms`, { device, timeoutMs })),
              timeoutMs,
            );
          }
          const ctx: JobContext = {
            nextTag: () => {
              const t = this.tag;
              this.tag = (this.tag + 1) & 0xff;
              return t;
            },
            submit: (request, fmApi) => {
              if (inner.signal.aborted) return Promise.reject(inner.signal.reason);
              const opts: CxlSubmitOptions = { fmApi, signal: inner.signal, ...(timeoutMs > 0 ? { timeoutMs } : {}) };
              return this.transport.submit(request, opts);
            },
          };
          let p: Promise<T>;
          try {
            p = exchange(ctx);
          } catch (e) {
            p = Promise.reject(e);
          }
          p.then(
            (v) => {
              if (settle()) resolve(v);
            },
            (e: unknown) => {
              if (settle()) reject(e);
            },
          ).finally(() => {
            this.running = undefined;
            this.pump();
          });
        },
      };
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.closing) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = next;
    next.run();
  }

  /** Reject everything pending and close the transport. Idempotent. */
  close(): Promise<void> {
    if (!this.closing) {
      const err = this.closedError();
      const pending = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
      for (const j of pending) j.fail(err);
      this.closing = this.transport.close();
      this.closer.abort(err);
    }
    return this.closing;
  }
}
