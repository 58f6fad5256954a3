/**
 * Endpoint: a CXL component reached through one CCI (a Linux mailbox, an MCTP endpoint, a
 * simulator), with one typed async method per command in the tables.
 *
 *   await using ep = await Endpoint.open(transport);
 *   const health = await ep.memdevGetHealthInfo();
 *   const log = await ep.getLog({ uuid, offset: 0, length: 256 });
 *   const ld1 = ep.tunnel({ port: 2, ld: 1 });      // switch port 2, then LD 1 of the MLD there
 *   const id = await ld1.memdevIdentify();
 *   const scan = await ep.memdevScanMedia({ ... }, { onProgress: (p) => ... });
 *   await scan.done;
 *
 * Methods are attached to the prototype from the command registry at load time; their types come
 * from `CxlCommandTypes` (generated from the same tables) through declaration merging.
 *
 * Routing follows libcxlmi: command sets 51h-56h and every tunnelled command (5300h) go on the
 * FM-API channel (`fmApi: true`, MCTP message type 07h); the rest on the CCI channel (08h).
 */
import { CxlNvmeError, isCxlCommandError } from '../../errors.js';
import { type BackgroundStatus, bgOpStatusEntry, decodeBackgroundStatus } from '../../protocol/cxl/background.js';
import { encodeMessage, validateResponse } from '../../protocol/cxl/messages.js';
import {
  type CommandEntry,
  commandEntry,
  commandNameOf,
  commands,
  commandsByOpcode,
  hex4,
  isFmApiOpcode,
} from '../../protocol/cxl/registry.js';
import {
  type CxlBackgroundCommandKey,
  type CxlCommandKey,
  type CxlRequest,
  type CxlResponse,
  encodeRequest,
} from '../../protocol/cxl/request.js';
import { decodeTunnelled, describeTunnel, encodeTunnelled, TUNNEL_LEVEL_OVERHEAD, type TunnelHop, type TunnelPath, tunnelHops } from '../../protocol/cxl/tunnel.js';
import type { IdentifyRsp } from '../../structs/index.js';
import type { CxlTransport } from '../../transport/types.js';
import { type BackgroundHost, BackgroundOperation, type BackgroundOptions } from './background.js';
import { type CallOptions, Mailbox } from './mailbox.js';

export type { CallOptions } from './mailbox.js';

/** What a command method resolves with: the decoded reply, or a BackgroundOperation for background commands. */
export type CxlCommandResult<K extends CxlCommandKey> = K extends CxlBackgroundCommandKey
  ? BackgroundOperation<CxlResponse<K>>
  : CxlResponse<K>;

/** Options of a command method: background commands also take polling options. */
export type CxlCommandOptions<K extends CxlCommandKey> = K extends CxlBackgroundCommandKey ? BackgroundOptions : CallOptions;

/** One method per command: `(request, options?)`, or `(options?)` when the command takes no payload. */
export type CxlCommandMethod<K extends CxlCommandKey> = [CxlRequest<K>] extends [undefined]
  ? (options?: CxlCommandOptions<K>) => Promise<CxlCommandResult<K>>
  : (request: CxlRequest<K>, options?: CxlCommandOptions<K>) => Promise<CxlCommandResult<K>>;

export type CxlCommandMethods = { [K in CxlCommandKey]: CxlCommandMethod<K> };

export type ComponentType = IdentifyRsp['componentType'];

export interface EndpointOptions {
  /** Send Identify (0001h) at open to learn the component type (default true). */
  readonly probe?: boolean;
  /** Default bound on each exchange, in ms (0 = none beyond the transport's own). */
  readonly timeoutMs?: number;
  /** First message tag (default 0). */
  readonly firstTag?: number;
}

/** Long reads: chunk size override (default: the transport's maxPayload, else 256). */
export interface ReadOptions extends CallOptions {
  readonly chunkSize?: number;
}

/** Smallest mailbox payload a CXL device supports (CXL r3.1 §8.2.8.4.3: Payload Size >= 256 bytes). */
const MIN_MAILBOX_PAYLOAD = 256;

interface Exchanged {
  readonly background: boolean;
  readonly value: unknown;
  readonly vendorExtStatus: number;
}

// The class and the interface of the same name merge: the interface carries the generated methods,
// which are attached to the prototype from the registry at the end of this module.
export interface CciTarget extends CxlCommandMethods {}

/**
 * Commands addressed to one CCI: the endpoint itself or a tunnel view through it. Every command of
 * the tables is a method; see Endpoint.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: methods are attached to the prototype from the registry below.
export class CciTarget {
  /** @internal */
  protected readonly mailbox: Mailbox;
  /** Tunnel hops from the endpoint to this target (empty: the endpoint itself). */
  readonly hops: readonly TunnelHop[];

  /** @internal */
  protected constructor(mailbox: Mailbox, hops: readonly TunnelHop[]) {
    this.mailbox = mailbox;
    this.hops = hops;
  }

  /** The transport this target's commands travel on. */
  get transport(): CxlTransport {
    return this.mailbox.transport;
  }

  /** A view of the component reached through `path` from this target, with the same methods. */
  tunnel(path: TunnelPath): TunnelView {
    const hops = [...this.hops, ...tunnelHops(path)];
    return new TunnelView(this.mailbox, hops, this.root());
  }

  /** @internal */
  protected root(): Endpoint {
    throw new CxlNvmeError('USAGE', 'no endpoint', {});
  }

  /** Run one command by name. Background commands give a BackgroundOperation. */
  call<K extends CxlCommandKey>(
    name: K,
    ...args: [CxlRequest<K>] extends [undefined]
      ? [request?: undefined, options?: CxlCommandOptions<K>]
      : [request: CxlRequest<K>, options?: CxlCommandOptions<K>]
  ): Promise<CxlCommandResult<K>> {
    const [request, options] = args as [unknown, CallOptions | undefined];
    const entry = commandEntry(name);
    if (entry.def.background) return this.startBackground(name, request as never, options) as Promise<CxlCommandResult<K>>;
    return this.exchange(entry, request, options ?? {}).then((r) => {
      if (r.background) {
        throw new CxlNvmeError(
          'CXL_BACKGROUND',
          `${name} (${hex4(entry.opcode)}) started in the background, which its table row does not allow; use startBackground()`,
          { command: name, opcode: entry.opcode },
        );
      }
      return r.value as CxlCommandResult<K>;
    });
  }

  /**
   * Run a command that may continue in the background. Resolves once the device has answered the
   * command itself, with an operation that tracks it to the end (already finished when the device
   * completed it at once).
   */
  async startBackground<K extends CxlCommandKey>(
    name: K,
    request: CxlRequest<K>,
    options: BackgroundOptions = {},
  ): Promise<BackgroundOperation<CxlResponse<K>>> {
    const entry = commandEntry(name);
    const r = await this.exchange(entry, request, options);
    if (!r.background) {
      return new BackgroundOperation<CxlResponse<K>>(undefined, {
        command: name,
        opcode: entry.opcode,
        immediate: { vendorExtStatus: r.vendorExtStatus, value: r.value as CxlResponse<K> },
      });
    }
    return new BackgroundOperation<CxlResponse<K>>(this.backgroundHost(), { command: name, opcode: entry.opcode }, options);
  }

  /** Background Operation Status (0002h), decoded. */
  async backgroundStatus(options: CallOptions = {}): Promise<BackgroundStatus> {
    const r = await this.exchange(bgOpStatusEntry(), undefined, options, true);
    return decodeBackgroundStatus(r.value as Uint8Array);
  }

  /** Request Abort Background Operation (0005h). */
  async abortBackground(options: CallOptions = {}): Promise<void> {
    await this.exchange(commandEntry('requestBgOpAbort'), undefined, options);
  }

  /** A vendor-specific command (opcode C000h-FFFFh): raw payload in, raw payload out. */
  async vendorCommand(opcode: number, payload: Uint8Array = new Uint8Array(0), options: CallOptions = {}): Promise<Uint8Array> {
    encodeRequest(opcode, payload); // checks the opcode range
    return this.exchangeRaw(opcode, payload, options, 'vendorSpecific');
  }

  /** Read a whole log (Get Log, 0401h) of `size` bytes in chunks the path can carry. */
  async readLog(uuid: string | Uint8Array, size: number, options: ReadOptions = {}): Promise<Uint8Array> {
    return this.readChunked('getLog', size, options, (offset, length) => ({ uuid, offset, length }));
  }

  /** Read `length` bytes of the Label Storage Area from `offset` (Get LSA, 4102h) in chunks. */
  async readLsa(offset: number, length: number, options: ReadOptions = {}): Promise<Uint8Array> {
    return this.readChunked('memdevGetLsa', length, options, (o, l) => ({ offset: offset + o, length: l }));
  }

  /** Largest payload per exchange on this path: the transport's limit less the tunnel overhead. */
  get maxPayload(): number {
    const base = this.transport.info.maxPayload ?? MIN_MAILBOX_PAYLOAD;
    return Math.max(1, base - this.hops.length * TUNNEL_LEVEL_OVERHEAD);
  }

  private async readChunked(
    name: string,
    total: number,
    options: ReadOptions,
    fields: (offset: number, length: number) => Record<string, unknown>,
  ): Promise<Uint8Array> {
    if (!Number.isInteger(total) || total < 0) throw new CxlNvmeError('USAGE', `read size must be a non-negative integer, got ${total}`, {});
    const entry = commandEntry(name);
    const chunk = options.chunkSize ?? this.maxPayload;
    if (!Number.isInteger(chunk) || chunk <= 0) throw new CxlNvmeError('USAGE', `chunk size must be a positive integer, got ${chunk}`, {});
    const out = new Uint8Array(total);
    for (let off = 0; off < total; off += chunk) {
      const len = Math.min(chunk, total - off);
      const r = await this.exchange(entry, fields(off, len), options);
      const bytes = bytesOf(r.value);
      if (bytes.length !== len) {
        throw new CxlNvmeError('CXL_PAYLOAD_LENGTH', `${name} returned ${bytes.length} bytes at offset ${off}, asked for ${len}`, {
          command: name,
          offset: off,
          length: bytes.length,
          expected: len,
        });
      }
      out.set(bytes, off);
    }
    return out;
  }

  private backgroundHost(): BackgroundHost {
    return {
      status: (o) => this.backgroundStatus(o),
      requestAbort: (o) => this.abortBackground(o),
      closeSignal: this.mailbox.closeSignal,
    };
  }

  /** One exchange for a registered command; `raw` skips payload decoding (returns the bytes). */
  private exchange(entry: CommandEntry, request: unknown, options: CallOptions, raw = false): Promise<Exchanged> {
    const payload = encodeRequest(entry.name as CxlCommandKey, request as never);
    return this.send(entry.opcode, payload, options, (reqMsg, rspMsg, context) => {
      const v = validateResponse(reqMsg, rspMsg, raw ? { commandName: entry.name, context } : { command: entry, requestFields: request, context });
      return { background: v.background, value: v.value, vendorExtStatus: v.message.vendorExtStatus };
    });
  }

  private async exchangeRaw(opcode: number, payload: Uint8Array, options: CallOptions, name: string): Promise<Uint8Array> {
    const r = await this.send(opcode, payload, options, (reqMsg, rspMsg, context) => {
      const v = validateResponse(reqMsg, rspMsg, { commandName: commandsByOpcode.has(opcode) ? commandNameOf(opcode) : name, context });
      return { background: v.background, value: v.value, vendorExtStatus: v.message.vendorExtStatus };
    });
    return r.value as Uint8Array;
  }

  private send(
    opcode: number,
    payload: Uint8Array,
    options: CallOptions,
    check: (request: Uint8Array, response: Uint8Array, context: Record<string, unknown>) => Exchanged,
  ): Promise<Exchanged> {
    const hops = this.hops;
    return this.mailbox.enqueue(async (ctx) => {
      const inner = encodeMessage({ category: 'request', tag: ctx.nextTag(), opcode, payload });
      if (hops.length === 0) {
        const rsp = await ctx.submit(inner, isFmApiOpcode(opcode));
        return check(inner, rsp, {});
      }
      const tags = hops.map(() => ctx.nextTag());
      const outer = encodeTunnelled(hops, inner, { tags });
      const rsp = await ctx.submit(outer, true);
      const context = { tunnel: describeTunnel(hops) };
      const innerRsp = decodeTunnelled(hops, rsp, outer, context);
      return check(inner, innerRsp, context);
    }, options);
  }
}

/** A raw byte payload out of a decoded reply: the bytes themselves, or a struct's only byte field. */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value && typeof value === 'object') {
    const arrays = Object.values(value).filter((v): v is Uint8Array => v instanceof Uint8Array);
    if (arrays.length === 1) return arrays[0]!;
  }
  throw new CxlNvmeError('CXL_UNSUPPORTED', 'the reply has no raw data field to read', {});
}

/** A CciTarget reached through Tunnel Management Command (5300h) hops. */
export class TunnelView extends CciTarget {
  private readonly endpoint: Endpoint;

  /** @internal */
  constructor(mailbox: Mailbox, hops: readonly TunnelHop[], endpoint: Endpoint) {
    if (hops.length === 0) throw new CxlNvmeError('USAGE', 'a tunnel needs at least one hop', {});
    super(mailbox, hops);
    this.endpoint = endpoint;
  }

  protected override root(): Endpoint {
    return this.endpoint;
  }

  /** 'port 2 > ld 1'. */
  get path(): string {
    return describeTunnel(this.hops);
  }
}

export class Endpoint extends CciTarget implements AsyncDisposable {
  /** Identify (0001h) reply from the probe at open; undefined when not probed or not answered. */
  identity: IdentifyRsp | undefined;

  /** @internal Use Endpoint.open(). */
  constructor(transport: CxlTransport, options: EndpointOptions = {}) {
    super(new Mailbox(transport, { ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.firstTag !== undefined ? { firstTag: options.firstTag } : {}) }), []);
  }

  /**
   * Open an endpoint over a transport. Unless `probe: false`, sends Identify (0001h) to learn the
   * component type, as libcxlmi does; a device that answers with an error return code (QEMU's
   * Type 3 mailbox answers Unsupported) leaves the type unknown. Transport failures reject.
   */
  static async open(transport: CxlTransport, options: EndpointOptions = {}): Promise<Endpoint> {
    const ep = new Endpoint(transport, options);
    if (options.probe !== false && commands.has('identify')) {
      try {
        ep.identity = (await ep.call('identify' as CxlCommandKey, undefined as never)) as IdentifyRsp;
      } catch (e) {
        if (!isCxlCommandError(e)) {
          await ep.close().catch(() => undefined);
          throw e;
        }
      }
    }
    return ep;
  }

  protected override root(): Endpoint {
    return this;
  }

  /** 'switch', 'type3', another number, or undefined when unknown. */
  get componentType(): ComponentType | undefined {
    return this.identity?.componentType;
  }

  override tunnel(path: TunnelPath): TunnelView {
    const hops = tunnelHops(path);
    const first = hops[0]!;
    // A switch CCI tunnels to its ports; a Type 3 (MLD / MHD) CCI to its LDs or LD Pool.
    if (this.componentType === 'switch' && first.kind !== 'port') {
      throw new CxlNvmeError('USAGE', `a switch tunnels to a port first, not to ${describeTunnel(hops)}`, { path: describeTunnel(hops) });
    }
    if (this.componentType === 'type3' && first.kind === 'port') {
      throw new CxlNvmeError('USAGE', `a Type 3 device has no switch ports to tunnel to (${describeTunnel(hops)})`, { path: describeTunnel(hops) });
    }
    return super.tunnel(hops);
  }

  get closed(): boolean {
    return this.mailbox.closed;
  }

  /** Reject the call in flight and every queued call (TRANSPORT_CLOSED), then close the transport. */
  close(): Promise<void> {
    return this.mailbox.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

// --- one method per table row ----------------------------------------------------------------------

for (const [name, entry] of commands) {
  if (name in CciTarget.prototype || name in Endpoint.prototype || name === 'constructor') {
    throw new CxlNvmeError('CODEC_BAD_TABLE', `CXL command name '${name}' collides with an Endpoint member`, { name });
  }
  const takesRequest = entry.request !== undefined;
  Object.defineProperty(CciTarget.prototype, name, {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function (this: CciTarget, a?: unknown, b?: unknown) {
      return takesRequest
        ? (this.call as (n: string, r: unknown, o: unknown) => Promise<unknown>)(name, a, b)
        : (this.call as (n: string, r: unknown, o: unknown) => Promise<unknown>)(name, undefined, a);
    },
  });
}


