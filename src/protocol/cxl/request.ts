/**
 * Typed request payloads and response decoding per command, driven by the registry (one table row
 * per command, CXL r3.1 §8.2.9 and §7.6.7). Vendor-specific opcodes C000h-FFFFh (CXL r3.1 §8.2.9)
 * carry raw bytes both ways.
 */
import type { cxlCommands } from '../../../spec-tables/cxl/index.js';
import { CxlNvmeError } from '../../errors.js';
import type { CxlCommandTypes } from '../../structs/index.js';
import { checkResponsePayload, encodeMessage } from './messages.js';
import { commandEntry, hex4, isVendorOpcode } from './registry.js';

type Row<K> = Extract<(typeof cxlCommands)[number], { readonly name: K }>;

/** A command name with generated types. */
export type CxlCommandKey = keyof CxlCommandTypes & string;

/** What a command's request takes: its input struct, or nothing. */
export type CxlRequest<K extends CxlCommandKey> = CxlCommandTypes[K]['request'];

/**
 * What a command's reply decodes to: its response struct; the raw bytes when the reply is sized by
 * the request and has no struct (Get Log, Get LSA); undefined when there is no response payload.
 */
export type CxlResponse<K extends CxlCommandKey> = [CxlCommandTypes[K]['response']] extends [undefined]
  ? Row<K> extends { readonly responseLengthFrom: string }
    ? Uint8Array
    : undefined
  : CxlCommandTypes[K]['response'];

/** Commands whose table row says they may run in the background (Return Code 01h). */
export type CxlBackgroundCommandKey = {
  [K in CxlCommandKey]: Row<K> extends { readonly background: true } ? K : never;
}[CxlCommandKey];

function checkVendorOpcode(opcode: number): void {
  if (!isVendorOpcode(opcode)) {
    throw new CxlNvmeError('USAGE', `raw opcodes are only allowed for vendor-specific commands C000h-FFFFh, got ${String(opcode)}`, { opcode });
  }
}

/** The CCI request payload for a command (no header). */
export function encodeRequest<K extends CxlCommandKey>(name: K, fields: CxlRequest<K>): Uint8Array;
/** A vendor-specific command (opcode C000h-FFFFh): the payload is passed through. */
export function encodeRequest(opcode: number, payload?: Uint8Array): Uint8Array;
export function encodeRequest(name: string | number, fields?: unknown): Uint8Array {
  if (typeof name === 'number') {
    checkVendorOpcode(name);
    if (fields !== undefined && !(fields instanceof Uint8Array)) {
      throw new CxlNvmeError('USAGE', `vendor command ${hex4(name)} takes a Uint8Array payload`, { opcode: name });
    }
    return fields ? fields.slice() : new Uint8Array(0);
  }
  const e = commandEntry(name);
  if (!e.request) {
    const empty = fields === undefined || (typeof fields === 'object' && fields !== null && Object.keys(fields).length === 0);
    if (!empty) {
      throw new CxlNvmeError('USAGE', `${name} (${hex4(e.opcode)}) takes no request payload`, { command: name, opcode: e.opcode });
    }
    return new Uint8Array(0);
  }
  if (fields === undefined) {
    throw new CxlNvmeError('USAGE', `${name} (${hex4(e.opcode)}) needs request fields (${e.request.name})`, { command: name, opcode: e.opcode });
  }
  return e.request.encode(fields as Record<string, unknown>);
}

/** Opcode of a command name, or the vendor opcode itself. */
export function opcodeOf(name: string | number): number {
  if (typeof name === 'number') {
    checkVendorOpcode(name);
    return name;
  }
  return commandEntry(name).opcode;
}

/** A whole CCI request message for a command. */
export function encodeRequestMessage<K extends CxlCommandKey>(name: K, fields: CxlRequest<K>, tag: number): Uint8Array;
export function encodeRequestMessage(opcode: number, payload: Uint8Array | undefined, tag: number): Uint8Array;
export function encodeRequestMessage(name: string | number, fields: unknown, tag: number): Uint8Array {
  const payload = (encodeRequest as (n: string | number, f: unknown) => Uint8Array)(name, fields);
  return encodeMessage({ category: 'request', tag, opcode: opcodeOf(name), payload });
}

/**
 * Check and decode a successful reply's payload (header already validated). `requestFields` is
 * needed for commands whose reply length comes from the request (`responseLengthFrom`).
 * Throws CXL_PAYLOAD_LENGTH when the payload's size disagrees with the table.
 */
export function decodeResponse<K extends CxlCommandKey>(name: K, payload: Uint8Array, requestFields?: CxlRequest<K>): CxlResponse<K>;
/** A vendor-specific reply: a copy of the payload bytes. */
export function decodeResponse(opcode: number, payload: Uint8Array): Uint8Array;
export function decodeResponse(name: string | number, payload: Uint8Array, requestFields?: unknown): unknown {
  if (typeof name === 'number') {
    checkVendorOpcode(name);
    return payload.slice();
  }
  return checkResponsePayload(commandEntry(name), payload, requestFields);
}
