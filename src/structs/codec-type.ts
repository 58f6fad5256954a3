import type { StructDef } from '../../spec-tables/schema.js';

/** A table's encoder and decoder. Generated for every table; the interpreter provides the same shape. */
export interface Codec<T = Record<string, unknown>, I = T> {
  readonly name: string;
  readonly def: StructDef;
  /** Decode from `bytes` at `offset`; bytes past the struct are ignored (check with `sizeOf`). */
  decode(bytes: Uint8Array, offset?: number): T;
  encode(value: I): Uint8Array;
  /** Encode into `target` at `offset`; returns the bytes written. */
  encodeInto(value: I, target: Uint8Array, offset?: number): number;
  /** Encoded size of `value` (fixed size plus flexible elements). */
  sizeOf(value: I): number;
}
