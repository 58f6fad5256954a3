/**
 * Tunnel Management Command (opcode 5300h, CXL r3.1 §7.6.7.3.1) framing.
 *
 * A tunnelled command is a whole CCI request message (Figure 7-19) placed in the payload of a
 * 5300h request addressed to the next hop; the reply comes back the same way, one 5300h response
 * per level, each carrying the next level's whole response message:
 *
 *   request payload:  byte 0 Port or LD ID | byte 1 bits 3:0 Target Type | bytes 2-3 Command Size
 *                     (u16 little-endian, the tunnelled message's length) | bytes 4.. the message
 *   response payload: bytes 0-1 Response Length (u16 LE) | bytes 2-3 reserved | bytes 4.. the message
 *
 * Target Type 0 sends to a switch egress port (Port ID) or to an LD of an MLD (LD-ID, sent to the
 * MLD's FM-owned LD); Target Type 1 sends to the LD Pool CCI of a multi-headed device (the ID is
 * ignored). Hops compose: switch port -> LD is two levels, as in libcxlmi's
 * CXLMI_TUNNEL_SWITCH_MLD; LD Pool CCI -> LD is two levels.
 *
 * Every level's reply is checked like any reply (category, tag, opcode 5300h, header length,
 * return code: a non-zero code there is the tunnel's own failure) and its Response Length must
 * equal the bytes that follow the 4-byte tunnel header.
 */
import { CxlNvmeError, type ErrorContext } from '../../errors.js';
import { codecs } from '../../structs/index.js';
import { CCI_HEADER_SIZE, type CciMessage, decodeMessage, encodeMessage, validateResponse } from './messages.js';
import { TUNNEL_MANAGEMENT_OPCODE } from './registry.js';

/** One hop of a tunnel. */
export type TunnelHop =
  | { readonly kind: 'port'; readonly port: number }
  | { readonly kind: 'ld'; readonly ld: number }
  | { readonly kind: 'ldPool' };

/**
 * Where to send: `{ port }` a switch downstream port (one level), `{ ld }` an LD of the MLD behind
 * this CCI (one level), `{ port, ld }` an LD of the MLD behind a switch port (two levels),
 * `{ mhd: true }` the LD Pool CCI of a multi-headed device (target type 1), `{ mhd: true, ld }`
 * an LD behind that LD Pool CCI (two levels), or an explicit list of hops.
 */
export type TunnelPath =
  | { readonly port: number; readonly ld?: number; readonly mhd?: false }
  | { readonly ld: number; readonly port?: undefined; readonly mhd?: false }
  | { readonly mhd: true; readonly ld?: number; readonly port?: undefined }
  | readonly TunnelHop[];

/** Overhead per tunnel level on the request and reply: a CCI header and the 4-byte tunnel header. */
export const TUNNEL_LEVEL_OVERHEAD = CCI_HEADER_SIZE + 4;

const TARGET_PORT_OR_LD = 0;
const TARGET_LD_POOL = 1;

function checkId(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) {
    throw new CxlNvmeError('USAGE', `tunnel ${what} must be an integer 0..255, got ${String(v)}`, { [what]: v });
  }
  return v;
}

/** The hops of a path, outermost first. */
export function tunnelHops(path: TunnelPath): TunnelHop[] {
  if (Array.isArray(path)) {
    const hops = path as readonly TunnelHop[];
    if (hops.length === 0) throw new CxlNvmeError('USAGE', 'a tunnel path needs at least one hop', {});
    return hops.map((h) => {
      if (h.kind === 'port') return { kind: 'port', port: checkId('port', h.port) };
      if (h.kind === 'ld') return { kind: 'ld', ld: checkId('ld', h.ld) };
      if (h.kind === 'ldPool') return { kind: 'ldPool' };
      throw new CxlNvmeError('USAGE', `unknown tunnel hop ${JSON.stringify(h)}`, {});
    });
  }
  const p = path as { port?: number; ld?: number; mhd?: boolean };
  const hops: TunnelHop[] = [];
  if (p.mhd) {
    if (p.port !== undefined) throw new CxlNvmeError('USAGE', 'a multi-headed device tunnel takes no port', { path: p });
    hops.push({ kind: 'ldPool' });
  } else if (p.port !== undefined) {
    hops.push({ kind: 'port', port: checkId('port', p.port) });
  }
  if (p.ld !== undefined) hops.push({ kind: 'ld', ld: checkId('ld', p.ld) });
  if (hops.length === 0) throw new CxlNvmeError('USAGE', 'a tunnel path needs a port, an ld or mhd', { path: p });
  return hops;
}

/** A readable form of a path: 'port 3 > ld 1'. */
export function describeTunnel(path: TunnelPath): string {
  return tunnelHops(path)
    .map((h) => (h.kind === 'port' ? `port ${h.port}` : h.kind === 'ld' ? `ld ${h.ld}` : 'ld pool'))
    .join(' > ');
}

/** One level: a 5300h request message carrying `inner` to `hop`. */
export function encodeTunnelLevel(hop: TunnelHop, inner: Uint8Array, tag: number): Uint8Array {
  if (inner.length > 0xffff) {
    throw new CxlNvmeError('CXL_TUNNEL', `tunnelled message of ${inner.length} bytes exceeds the 16-bit Command Size`, { length: inner.length });
  }
  const payload = codecs.fmapiTunnelCommandReq.encode({
    id: hop.kind === 'port' ? hop.port : hop.kind === 'ld' ? hop.ld : 0,
    targetType: { targetType: hop.kind === 'ldPool' ? TARGET_LD_POOL : TARGET_PORT_OR_LD },
    // commandSize is derived from the message length by the codec, written little-endian.
    message: inner,
  });
  return encodeMessage({ category: 'request', tag, opcode: TUNNEL_MANAGEMENT_OPCODE, payload });
}

export interface EncodeTunnelOptions {
  /**
   * Tags for the 5300h messages, outermost first (one per hop). Default: each level reuses the
   * tunnelled message's tag.
   */
  readonly tags?: readonly number[];
}

/** Wrap a whole CCI request message for `path`; returns the outermost 5300h message. */
export function encodeTunnelled(path: TunnelPath, innerMessage: Uint8Array, options: EncodeTunnelOptions = {}): Uint8Array {
  const hops = tunnelHops(path);
  const innerTag = decodeMessage(innerMessage).tag;
  if (options.tags && options.tags.length !== hops.length) {
    throw new CxlNvmeError('USAGE', `tunnel of ${hops.length} level(s) needs ${hops.length} tag(s), got ${options.tags.length}`, {});
  }
  let msg = innerMessage;
  for (let i = hops.length - 1; i >= 0; i--) msg = encodeTunnelLevel(hops[i]!, msg, options.tags?.[i] ?? innerTag);
  return msg;
}

/** The request messages at each level of an outer tunnel request, outermost first; the last is the tunnelled command. */
export function unwrapTunnelRequest(path: TunnelPath, outerRequest: Uint8Array): CciMessage[] {
  const hops = tunnelHops(path);
  const out: CciMessage[] = [];
  let bytes = outerRequest;
  for (let i = 0; i < hops.length; i++) {
    const m = decodeMessage(bytes);
    if (m.opcode !== TUNNEL_MANAGEMENT_OPCODE) {
      throw new CxlNvmeError('CXL_TUNNEL', `tunnel level ${i} request is opcode ${m.opcode.toString(16)}h, not 5300h`, { level: i });
    }
    out.push(m);
    bytes = codecs.fmapiTunnelCommandReq.decode(m.payload).message;
  }
  out.push(decodeMessage(bytes));
  return out;
}

/**
 * Unwrap a tunnelled reply: check each level (against the matching request level when
 * `outerRequest` is given) and return the innermost response message, not yet validated.
 */
export function decodeTunnelled(path: TunnelPath, outerResponse: Uint8Array, outerRequest?: Uint8Array, context: ErrorContext = {}): Uint8Array {
  const hops = tunnelHops(path);
  const requests = outerRequest ? unwrapTunnelRequest(path, outerRequest) : undefined;
  const where = describeTunnel(path);
  let bytes = outerResponse;
  for (let i = 0; i < hops.length; i++) {
    const ctx = { ...context, tunnel: where, tunnelLevel: i };
    // Without the request, check against the reply's own tag (everything but the tag is checked).
    const req = requests?.[i] ?? { tag: bytes.length > 1 ? bytes[1]! : 0, opcode: TUNNEL_MANAGEMENT_OPCODE };
    const { message } = validateResponse(req, bytes, { commandName: 'tunnelManagementCommand', context: ctx });
    if (message.returnCode !== 0) {
      throw new CxlNvmeError('CXL_TUNNEL', `tunnel level ${i} (${where}) answered Background Command Started`, ctx);
    }
    const payload = message.payload;
    if (payload.length < 4) {
      throw new CxlNvmeError('CXL_TUNNEL', `tunnel level ${i} (${where}) reply payload of ${payload.length} bytes lacks the 4-byte tunnel header`, {
        ...ctx,
        length: payload.length,
      });
    }
    const responseLength = payload[0]! | (payload[1]! << 8);
    if (responseLength !== payload.length - 4) {
      throw new CxlNvmeError(
        'CXL_TUNNEL',
        `tunnel level ${i} (${where}): Response Length ${responseLength} disagrees with the ${payload.length - 4} bytes carried`,
        { ...ctx, responseLength, length: payload.length - 4 },
      );
    }
    bytes = codecs.fmapiTunnelCommandRsp.decode(payload).message;
  }
  return bytes;
}

/** Build one level's reply (for simulators and tests): a 5300h response wrapping `innerResponse`. */
export function encodeTunnelResponse(request: Uint8Array, innerResponse: Uint8Array): Uint8Array {
  const req = decodeMessage(request);
  const payload = codecs.fmapiTunnelCommandRsp.encode({ message: innerResponse });
  return encodeMessage({ category: 'response', tag: req.tag, opcode: TUNNEL_MANAGEMENT_OPCODE, payload });
}
