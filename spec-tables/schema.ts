/**
 * The schema-table format. Types only: tables are plain `as const` data that satisfy these
 * shapes, and the codec (src/structs/) turns them into encoders and decoders.
 *
 * Conventions for every table:
 * - All layouts are packed and little-endian (CXL r3.1 §8.2.9 "all fields little-endian";
 *   NVMe Base 2.0 §1.4 "little-endian unless stated").
 * - Every struct states its total `size` (of the fixed part) and the `spec` section it comes from.
 *   Every field states its `offset`; fields must tile the struct exactly, with reserved spans
 *   written out. The generator (scripts/gen-codec.ts) refuses a table where offsets, widths and
 *   sizes disagree, so the build fails.
 * - Names are the libcxlmi / libnvme C names without the library prefix, camelCased.
 *   Reserved fields are named `rsvdN` (N = byte offset) and never exposed.
 */

/** Scalar kinds. 64- and 128-bit kinds decode as bigint, the rest as number. */
export type ScalarKind = 'u8' | 'u16' | 'u24' | 'u32' | 'u64' | 'u128' | 'i8' | 'i16' | 'i32' | 'i64';

/** Names for known values of a scalar or bit range; unknown values pass through as numbers. */
export type EnumDef = Readonly<Record<number, string>>;

interface FieldBase {
  readonly name: string;
  /** Byte offset from the start of the struct. */
  readonly offset: number;
  /** Spec section / figure when it differs from the struct's. */
  readonly spec?: string;
  /** One-line meaning, for docs and text output. */
  readonly doc?: string;
}

export interface ScalarField extends FieldBase {
  readonly type: ScalarKind;
  readonly enum?: EnumDef;
  /** Text output unit hint (e.g. 'kelvin', '256MiB', 'bytes', 'percent'). Display only. */
  readonly unit?: string;
}

/** A named range of bits inside a little-endian word. Width 1 decodes as boolean. */
export interface BitRange {
  readonly name: string;
  /** Least significant bit number within the word (bit 0 = LSB of the first byte). */
  readonly lsb: number;
  readonly width: number;
  readonly enum?: EnumDef;
  readonly doc?: string;
}

/** A little-endian word of `bytes` (1..8) split into named ranges; unnamed bits are reserved. */
export interface BitsField extends FieldBase {
  readonly type: 'bits';
  readonly bytes: number;
  readonly bits: readonly BitRange[];
}

export interface BytesField extends FieldBase {
  readonly type: 'bytes';
  readonly size: number;
}

/** Fixed-width ASCII: decoded with trailing pad trimmed, encoded padded. */
export interface AsciiField extends FieldBase {
  readonly type: 'ascii';
  readonly size: number;
  /** Pad byte: NVMe strings use space (0x20), CXL strings NUL. */
  readonly pad: 'space' | 'nul';
}

/** 16-byte UUID in the byte order it is written (RFC 4122 string order). */
export interface UuidField extends FieldBase {
  readonly type: 'uuid';
}

export interface StructField extends FieldBase {
  readonly type: 'struct';
  readonly struct: StructDef;
}

/** An array element that is a fixed-width ASCII string (e.g. NVMe firmware slot revisions). */
export interface AsciiElement {
  readonly type: 'ascii';
  readonly size: number;
  readonly pad: 'space' | 'nul';
}

/** Fixed-length array of scalars, ASCII strings or structs. */
export interface ArrayField extends FieldBase {
  readonly type: 'array';
  readonly of: ScalarKind | AsciiElement | StructDef;
  readonly count: number;
  readonly unit?: string;
}

export interface ReservedField extends FieldBase {
  readonly type: 'reserved';
  readonly size: number;
}

/**
 * How a flexible trailing array learns its length.
 * - `{ field, unit: 'elements' }`: an earlier scalar field holds the element count.
 * - `{ field, unit: 'bytes' }`: an earlier scalar field holds the length in bytes (must be a
 *   multiple of the element size).
 * - `'rest'`: everything after the fixed part (must be a whole number of elements).
 * A count field named here is filled in by the encoder from the array length, and checked on
 * decode against the buffer (never read past it) and against `max` when given.
 */
export type FlexCount =
  | { readonly field: string; readonly unit: 'elements' | 'bytes' }
  | 'rest';

/** Flexible trailing array (C `type name[]`). Must be the last field; offset == struct size. */
export interface FlexField extends FieldBase {
  readonly type: 'flex';
  /** Element kind; 'u8' decodes as a Uint8Array. */
  readonly of: ScalarKind | StructDef;
  readonly count: FlexCount;
  /** Largest element count the spec allows. */
  readonly max?: number;
}

/**
 * A fixed struct that directly follows a flexible array: Get DC Configuration's four counters
 * after the regions returned (CXL r3.1 Table 8-164), Get Host DC Region Configuration's (§7.6.7.6.2).
 * Must be the last field, right after the flex field, with `offset` equal to the struct size (it
 * floats after the elements). Its fields are decoded into the parent object, as the C members
 * they are; their names must not clash with the parent's.
 */
export interface TrailerField extends FieldBase {
  readonly type: 'trailer';
  readonly struct: StructDef;
}

export type FieldDef =
  | TrailerField
  | ScalarField
  | BitsField
  | BytesField
  | AsciiField
  | UuidField
  | StructField
  | ArrayField
  | ReservedField
  | FlexField;

export interface StructDef {
  /** camelCased C name without library prefix: `nvme_id_ctrl` -> `idCtrl`. Unique project-wide. */
  readonly name: string;
  /** The C struct name in libcxlmi / libnvme, for cross-reference. */
  readonly cName?: string;
  /** Size in bytes of the fixed part (C `sizeof`, flexible array excluded). */
  readonly size: number;
  /** Spec section / figure, e.g. 'CXL r3.1 §8.2.9.9.1.1 Table 8-127'. */
  readonly spec: string;
  readonly doc?: string;
  readonly fields: readonly FieldDef[];
}

/**
 * One CXL command (CXL r3.1 §8.2.9 and §7.6.7). The command set is the opcode's high byte; FM-API
 * commands are command sets 51h-56h. Both are derived from `opcode`, never stored.
 */
export interface CxlCommandDef {
  /** libcxlmi function name without `cxlmi_cmd_`, camelCased: `memdevGetHealthInfo`. */
  readonly name: string;
  /** The libcxlmi function, for cross-reference. */
  readonly cName: string;
  readonly opcode: number;
  readonly spec: string;
  /** What the command does / returns, one line (used in docs/commands.md and --help). */
  readonly doc: string;
  /** Request payload layout; absent when the request carries no payload. */
  readonly request?: StructDef;
  /** Response payload layout; absent when the response carries no payload. */
  readonly response?: StructDef;
  /**
   * When the response length is set by a request field (Get Log: `length`; Get Feature: `count`),
   * that field's name. The reply must then be exactly that many bytes (or at most, see below).
   */
  readonly responseLengthFrom?: string;
  /** With `responseLengthFrom`: the reply may be shorter than asked (Get Feature at end of data). */
  readonly responseMayBeShorter?: boolean;
  /** The device may answer Background Command Started (01h) and finish in the background. */
  readonly background?: boolean;
  /** Changes media contents or security state irreversibly: APIs and CLI ask for confirmation. */
  readonly destructive?: boolean;
}
