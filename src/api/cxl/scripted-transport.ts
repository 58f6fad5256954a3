/**
 * ScriptedTransport: a CxlTransport that plays a script. Each step names the request it expects
 * (exact bytes, or a matcher) and what to answer (response bytes, a function of the request, an
 * error, or "never answer"). A request that does not match the next step, or arrives after the
 * script is used up, rejects with TRANSPORT_REPLAY_MISMATCH. Everything sent is recorded.
 *
 * It follows the transport contract (src/transport/types.ts): `signal` rejects at once with
 * TRANSPORT_ABORTED, `timeoutMs` with TRANSPORT_TIMEOUT, `close()` rejects calls in flight and
 * later calls with TRANSPORT_CLOSED. It does not serialise: that is the endpoint's job, and a
 * script makes any overlap visible.
 *
 * `respondTo(request, ...)` builds a reply header from a request (tag and opcode echoed), which is
 * what a device does (CXL r3.1 §7.6.3 Figure 7-19).
 */
import { CxlNvmeError } from '../../errors.js';
import { decodeMessage, encodeMessage } from '../../protocol/cxl/messages.js';
import type { CxlSubmitOptions, CxlTransport, TransportInfo } from '../../transport/types.js';

export type RequestMatcher = Uint8Array | ((request: Uint8Array, options: CxlSubmitOptions) => boolean);

export type ScriptedReply =
  | Uint8Array
  | Error
  | { readonly hang: true }
  | ((request: Uint8Array, options: CxlSubmitOptions) => Uint8Array | Error | Promise<Uint8Array>);

export interface ScriptStep {
  readonly request: RequestMatcher;
  readonly reply: ScriptedReply;
  /** When set, the request must (true) or must not (false) be on the FM-API channel. */
  readonly fmApi?: boolean;
  /** Free text shown in mismatch errors. */
  readonly label?: string;
}

export interface SentRecord {
  readonly request: Uint8Array;
  readonly fmApi: boolean;
  readonly timeoutMs: number | undefined;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A reply message to `request`: same tag and opcode, category response, with the given return
 * code, vendor status and payload.
 */
export function respondTo(
  request: Uint8Array,
  reply: { payload?: Uint8Array; returnCode?: number; vendorExtStatus?: number; bo?: boolean } = {},
): Uint8Array {
  const req = decodeMessage(request);
  return encodeMessage({
    category: 'response',
    tag: req.tag,
    opcode: req.opcode,
    payload: reply.payload,
    returnCode: reply.returnCode ?? 0,
    vendorExtStatus: reply.vendorExtStatus ?? 0,
    bo: reply.bo ?? false,
  });
}

export class ScriptedTransport implements CxlTransport {
  readonly info: TransportInfo;
  /** Every request submitted, in order (including mismatches). */
  readonly sent: SentRecord[] = [];
  private readonly steps: ScriptStep[] = [];
  private readonly inFlight = new Set<(e: CxlNvmeError) => void>();
  private closed = false;

  constructor(info: Partial<Omit<TransportInfo, 'kind'>> = {}, steps: readonly ScriptStep[] = []) {
    this.info = { kind: 'scripted', device: info.device ?? 'scripted', ...(info.maxPayload !== undefined ? { maxPayload: info.maxPayload } : {}) };
    this.steps.push(...steps);
  }

  /** Add a step: expect `request`, answer with `reply`. Returns this for chaining. */
  expect(request: RequestMatcher, reply: ScriptedReply, options: { fmApi?: boolean; label?: string } = {}): this {
    this.steps.push({ request, reply, ...options });
    return this;
  }

  /** Add a step that accepts any request and answers with `reply` (often a function of the request). */
  any(reply: ScriptedReply, options: { fmApi?: boolean; label?: string } = {}): this {
    return this.expect(() => true, reply, options);
  }

  /** Steps not yet used. */
  get remaining(): number {
    return this.steps.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Throw TRANSPORT_REPLAY_MISMATCH unless every step was used. */
  assertDone(): void {
    if (this.steps.length > 0) {
      throw new CxlNvmeError('TRANSPORT_REPLAY_MISMATCH', `${this.steps.length} scripted exchange(s) were never requested`, {
        remaining: this.steps.map((s) => s.label ?? (s.request instanceof Uint8Array ? toHex(s.request) : 'matcher')),
      });
    }
  }

  submit(request: Uint8Array, options: CxlSubmitOptions = {}): Promise<Uint8Array> {
    const copy = request.slice();
    this.sent.push({ request: copy, fmApi: options.fmApi ?? false, timeoutMs: options.timeoutMs });
    if (this.closed) return Promise.reject(new CxlNvmeError('TRANSPORT_CLOSED', 'scripted transport is closed', { device: this.info.device }));
    if (options.signal?.aborted) return Promise.reject(new CxlNvmeError('TRANSPORT_ABORTED', 'aborted before sending', { device: this.info.device }));
    const step = this.steps[0];
    const fmApi = options.fmApi ?? false;
    if (!step) {
      return Promise.reject(
        new CxlNvmeError('TRANSPORT_REPLAY_MISMATCH', `unexpected request (script is used up): ${toHex(copy)}`, { actual: toHex(copy), fmApi }),
      );
    }
    const matches = step.request instanceof Uint8Array ? sameBytes(step.request, copy) : step.request(copy, options);
    if (!matches || (step.fmApi !== undefined && step.fmApi !== fmApi)) {
      return Promise.reject(
        new CxlNvmeError(
          'TRANSPORT_REPLAY_MISMATCH',
          `request does not match scripted step${step.label ? ` '${step.label}'` : ''}: ${toHex(copy)}${
            step.request instanceof Uint8Array ? ` (expected ${toHex(step.request)})` : ''
          }${step.fmApi !== undefined && step.fmApi !== fmApi ? ` (expected fmApi ${step.fmApi})` : ''}`,
          {
            actual: toHex(copy),
            ...(step.request instanceof Uint8Array ? { expected: toHex(step.request) } : {}),
            fmApi,
            ...(step.label ? { step: step.label } : {}),
          },
        ),
      );
    }
    this.steps.shift();
    return this.answer(step.reply, copy, options);
  }

  private answer(reply: ScriptedReply, request: Uint8Array, options: CxlSubmitOptions): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (): void => {
        this.inFlight.delete(onClose);
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const onClose = (e: CxlNvmeError): void => {
        finish();
        reject(e);
      };
      const onAbort = (): void => {
        finish();
        reject(new CxlNvmeError('TRANSPORT_ABORTED', 'request aborted', { device: this.info.device }));
      };
      this.inFlight.add(onClose);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
        timer = setTimeout(() => {
          finish();
          reject(new CxlNvmeError('TRANSPORT_TIMEOUT', `no reply within ${options.timeoutMs} ms`, { device: this.info.device, timeoutMs: options.timeoutMs }));
        }, options.timeoutMs);
      }
      if (typeof reply === 'object' && reply !== null && 'hang' in reply) return;
      // Deliver asynchronously, as a device would.
      queueMicrotask(() => {
        if (!this.inFlight.has(onClose)) return;
        let out: Uint8Array | Error | Promise<Uint8Array>;
        try {
          out = typeof reply === 'function' ? reply(request, options) : reply;
        } catch (e) {
          out = e instanceof Error ? e : new CxlNvmeError('TRANSPORT_PROTOCOL', String(e));
        }
        Promise.resolve(out).then(
          (v) => {
            if (!this.inFlight.has(onClose)) return;
            finish();
            if (v instanceof Error) reject(v);
            else resolve(v.slice());
          },
          (e: unknown) => {
            if (!this.inFlight.has(onClose)) return;
            finish();
            reject(e);
          },
        );
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new CxlNvmeError('TRANSPORT_CLOSED', 'scripted transport closed', { device: this.info.device });
    for (const f of [...this.inFlight]) f(err);
  }
}
