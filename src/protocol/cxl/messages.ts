/**
 * CCI messages (CXL r3.1 §7.6.3, Figure 7-19): a 12-byte header and the payload.
 *
 *   byte 0     bits 3:0 Message Category (0 request, 1 response), bits 7:4 reserved
 *   byte 1     Message Tag (echoed in the response)
 *   byte 2     reserved
 *   byte 3     Command Opcode bits 7:0   (Command)
 *   byte 4     Command Opcode bits 15:8  (Command Set)
 *   bytes 5-7  bits 20:0 Message Payload Length, bits 22:21 reserved, bit 23 Background Operation (BO)
 *   bytes 8-9  Return Code (responses; CXL r3.1 §8.2.9.1 Table 8-34)
 *   bytes 10-11 Vendor Specific Extended Status
 *
 * Encoding and decoding go through the `cciMsg` table codec. `validateResponse` is the two-stage
 * check of a reply: first the header against the request, then the payload against the command's
 * table row.
 */
import type { CxlCommandDef, } from '../../../spec-tables/schema.js';
import { CxlCommandError, CxlNvmeError, type ErrorContext } from '../../errors.js';
import { codecs, hasFlex } from '../../structs/index.js';
import { type CommandEntry, commandNameOf, hex4, RC_BACKGROUND_STARTED, RC_SUCCESS, returnCodeInfo } from './registry.js';

export const CCI_HEADER_SIZE = 12;
/** Largest value of the 21-bit Message Payload Length field. */
export const CCI_MAX_PAYLOAD = 0x1f_ffff;

export type CciCategory = 'request' | 'response';

export interface CciMessageInput {
  readonly category: CciCategory;
  readonly tag: number;
  readonly opcode: number;
  readonly payload?: Uint8Array;
  readonly returnCode?: number;
  readonly vendorExtStatus?: number;
  /** Background Operation bit (byte 7 bit 7). */
  readonly bo?: boolean;
}

export interface CciMessage {
  /** 'request', 'response', or the raw number for a reserved category. */
  readonly category: CciCategory | number;
  readonly tag: number;
  readonly opcode: number;
  readonly commandSet: number;
  readonly command: number;
  /** The header's Message Payload Length field (may disagree with `payload.length` in a bad message). */
  readonly payloadLength: number;
  readonly bo: boolean;
  readonly returnCode: number;
  readonly vendorExtStatus: number;
  /** The bytes after the header, as received (a view, not a copy). */
  readonly payload: Uint8Array;
}

const EMPTY = new Uint8Array(0);

function checkByte(name: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new CxlNvmeError('USAGE', `CCI ${name} must be an integer 0..${max}, got ${String(v)}`, { field: name, value: v });
  }
}

/** Build a whole CCI message: header followed by `payload`. */
export function encodeMessage(m: CciMessageInput): Uint8Array {
  const payload = m.payload ?? EMPTY;
  checkByte('tag', m.tag, 0xff);
  checkByte('opcode', m.opcode, 0xffff);
  if (payload.length > CCI_MAX_PAYLOAD) {
    throw new CxlNvmeError('CXL_PAYLOAD_LENGTH', `CCI payload of ${payload.length} bytes exceeds the 21-bit length field`, {
      length: payload.length,
      max: CCI_MAX_PAYLOAD,
    });
  }
  const out = new Uint8Array(CCI_HEADER_SIZE + payload.length);
  codecs.cciMsg.encodeInto(
    {
      category: { category: m.category },
      tag: m.tag,
      command: m.opcode & 0xff,
      commandSet: m.opcode >>> 8,
      plLength: { length: payload.length, bo: m.bo ?? false },
      returnCode: m.returnCode ?? 0,
      vendorExtStatus: m.vendorExtStatus ?? 0,
    },
    out,
    0,
  );
  out.set(payload, CCI_HEADER_SIZE);
  return out;
}

/** Split a CCI message into header fields and payload. Throws CXL_SHORT_MESSAGE under 12 bytes. */
export function decodeMessage(bytes: Uint8Array): CciMessage {
  if (bytes.length < CCI_HEADER_SIZE) {
    throw new CxlNvmeError('CXL_SHORT_MESSAGE', `CCI message of ${bytes.length} bytes is shorter than the 12-byte header`, {
      length: bytes.length,
    });
  }
  const h = codecs.cciMsg.decode(bytes, 0);
  return {
    category: h.category.category,
    tag: h.tag,
    opcode: (h.commandSet << 8) | h.command,
    commandSet: h.commandSet,
    command: h.command,
    payloadLength: h.plLength.length,
    bo: h.plLength.bo,
    returnCode: h.returnCode,
    vendorExtStatus: h.vendorExtStatus,
    payload: bytes.subarray(CCI_HEADER_SIZE),
  };
}

// --- response validation ---------------------------------------------------------------------------

export interface ValidateOptions {
  /** The command's registry entry: enables the payload checks and decoding. */
  readonly command?: CommandEntry;
  /** The request's fields, for `responseLengthFrom` rules. */
  readonly requestFields?: unknown;
  /** Name for errors when no entry is given (vendor commands, tunnel framing). */
  readonly commandName?: string;
  /** Extra facts for errors (tunnel path ...). */
  readonly context?: ErrorContext;
}

export interface ValidatedResponse {
  readonly message: CciMessage;
  /** Return Code 01h: the command continues in the background (CXL r3.1 §8.2.9.1 Table 8-34). */
  readonly background: boolean;
  /**
   * The decoded payload when a command entry was given: the response struct, raw bytes for
   * commands whose reply is sized by the request and has no struct, undefined when the command has
   * no response payload or started in the background. Without an entry: the payload bytes (a copy).
   */
  readonly value: unknown;
}

function lengthError(message: string, context: ErrorContext, cause?: unknown): CxlNvmeError {
  return new CxlNvmeError('CXL_PAYLOAD_LENGTH', message, context, cause === undefined ? undefined : { cause });
}


/** The request field named by `responseLengthFrom`, as a byte count. */
function requestedLength(def: CxlCommandDef, fields: unknown): number {
  const key = def.responseLengthFrom!;
  const v = fields && typeof fields === 'object' ? (fields as Record<string, unknown>)[key] : undefined;
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new CxlNvmeError('USAGE', `${def.name}: the reply length comes from request field '${key}', which was not given`, {
      command: def.name,
      field: key,
    });
  }
  return n;
}

/**
 * Check a successful reply's payload against the command's table row and decode it.
 * - `responseLengthFrom`: the payload is exactly the requested length (at most, with
 *   `responseMayBeShorter`);
 * - no response struct: empty (unless sized by the request: then raw bytes);
 * - fixed-size struct: exactly its size;
 * - variable struct: at least the fixed part, and exactly what its own counts say
 *   (`codec.sizeOf(decoded) === payload.length`).
 */
export function checkResponsePayload(entry: CommandEntry, payload: Uint8Array, requestFields?: unknown, context: ErrorContext = {}): unknown {
  const def = entry.def;
  const ctx = { ...context, command: entry.name, opcode: entry.opcode, length: payload.length };
  if (def.responseLengthFrom !== undefined) {
    const want = requestedLength(def, requestFields);
    const ok = def.responseMayBeShorter ? payload.length <= want : payload.length === want;
    if (!ok) {
      throw lengthError(
        `${entry.name} (${hex4(entry.opcode)}) reply payload is ${payload.length} bytes, ${def.responseMayBeShorter ? 'more than' : 'not'} the ${want} requested`,
        { ...ctx, expected: want },
      );
    }
    if (!entry.response) return payload.slice();
  }
  const codec = entry.response;
  if (!codec) {
    if (payload.length !== 0) {
      throw lengthError(`${entry.name} (${hex4(entry.opcode)}) has no response payload but the reply carries ${payload.length} bytes`, {
        ...ctx,
        expected: 0,
      });
    }
    return undefined;
  }
  const rdef = codec.def;
  if (!hasFlex(rdef)) {
    if (payload.length !== rdef.size) {
      throw lengthError(`${entry.name} (${hex4(entry.opcode)}) reply payload is ${payload.length} bytes, expected exactly ${rdef.size}`, {
        ...ctx,
        expected: rdef.size,
      });
    }
    return codec.decode(payload, 0);
  }
  if (payload.length < rdef.size) {
    throw lengthError(`${entry.name} (${hex4(entry.opcode)}) reply payload is ${payload.length} bytes, shorter than its ${rdef.size}-byte fixed part`, {
      ...ctx,
      expected: rdef.size,
    });
  }
  let value: Record<string, unknown>;
  try {
    value = codec.decode(payload, 0);
  } catch (e) {
    if (e instanceof CxlNvmeError && e.layer === 'codec') {
      throw lengthError(`${entry.name} (${hex4(entry.opcode)}) reply payload of ${payload.length} bytes disagrees with its own counts: ${e.message}`, ctx, e);
    }
    throw e;
  }
  const size = codec.sizeOf(value);
  if (size !== payload.length) {
    throw lengthError(`${entry.name} (${hex4(entry.opcode)}) reply payload is ${payload.length} bytes but its counts describe ${size}`, {
      ...ctx,
      expected: size,
    });
  }
  return value;
}

function requestHeader(request: Uint8Array | Pick<CciMessage, 'tag' | 'opcode'>): Pick<CciMessage, 'tag' | 'opcode'> {
  return request instanceof Uint8Array ? decodeMessage(request) : request;
}

/**
 * Validate a reply against its request, in this order (each failure a CxlNvmeError):
 *  1. at least the 12-byte header                          CXL_SHORT_MESSAGE
 *  2. Message Category is response                        CXL_NOT_RESPONSE
 *  3. tag equals the request's                            CXL_TAG_MISMATCH
 *  4. opcode equals the request's                         CXL_OPCODE_MISMATCH
 *  5. header payload length equals the bytes present      CXL_PAYLOAD_LENGTH
 *  6. return code 0 (or 01h Background Command Started)   CxlCommandError (error replies carry no payload)
 *  7. payload length against the command's table row      CXL_PAYLOAD_LENGTH (see checkResponsePayload)
 */
export function validateResponse(
  request: Uint8Array | Pick<CciMessage, 'tag' | 'opcode'>,
  response: Uint8Array,
  options: ValidateOptions = {},
): ValidatedResponse {
  const req = requestHeader(request);
  const name = options.command?.name ?? options.commandName ?? commandNameOf(req.opcode);
  const base: ErrorContext = { ...options.context, command: name, opcode: req.opcode, tag: req.tag };
  if (response.length < CCI_HEADER_SIZE) {
    throw new CxlNvmeError('CXL_SHORT_MESSAGE', `${name} (${hex4(req.opcode)}): reply of ${response.length} bytes is shorter than the 12-byte CCI header`, {
      ...base,
      length: response.length,
    });
  }
  const msg = decodeMessage(response);
  if (msg.category !== 'response') {
    throw new CxlNvmeError('CXL_NOT_RESPONSE', `${name} (${hex4(req.opcode)}): reply has message category ${String(msg.category)}, not response`, {
      ...base,
      category: msg.category,
    });
  }
  if (msg.tag !== req.tag) {
    throw new CxlNvmeError('CXL_TAG_MISMATCH', `${name} (${hex4(req.opcode)}): reply tag ${msg.tag} does not match request tag ${req.tag}`, {
      ...base,
      replyTag: msg.tag,
    });
  }
  if (msg.opcode !== req.opcode) {
    throw new CxlNvmeError(
      'CXL_OPCODE_MISMATCH',
      `${name} (${hex4(req.opcode)}): reply is for opcode ${hex4(msg.opcode)} (${commandNameOf(msg.opcode)})`,
      { ...base, replyOpcode: msg.opcode },
    );
  }
  if (msg.payloadLength !== msg.payload.length) {
    throw new CxlNvmeError(
      'CXL_PAYLOAD_LENGTH',
      `${name} (${hex4(req.opcode)}): header says ${msg.payloadLength} payload bytes but ${msg.payload.length} are present`,
      { ...base, headerLength: msg.payloadLength, length: msg.payload.length },
    );
  }
  if (msg.returnCode !== RC_SUCCESS && msg.returnCode !== RC_BACKGROUND_STARTED) {
    const rc = returnCodeInfo(msg.returnCode);
    throw new CxlCommandError(
      {
        returnCode: msg.returnCode,
        returnCodeName: rc.name,
        description: rc.description,
        opcode: req.opcode,
        commandName: name,
        vendorExtendedStatus: msg.vendorExtStatus,
      },
      { ...options.context, tag: req.tag, payloadLength: msg.payload.length },
    );
  }
  if (msg.returnCode === RC_BACKGROUND_STARTED) return { message: msg, background: true, value: undefined };
  const value = options.command
    ? checkResponsePayload(options.command, msg.payload, options.requestFields, options.context)
    : msg.payload.slice();
  return { message: msg, background: false, value };
}
