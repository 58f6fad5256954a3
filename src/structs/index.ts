/**
 * The codec engine's public face: generated codecs by name, `codecFor` for any table (generated
 * when the table is one of ours, interpreted otherwise), and the interpreter itself.
 */
import type { StructDef } from '../../spec-tables/schema.js';
import { CxlNvmeError } from '../errors.js';
import type { Codec } from './codec-type.js';
import { generatedCodecs } from './generated/index.js';
import * as interpreter from './interpreter.js';
import { validateTable } from './validate.js';

export type { Codec } from './codec-type.js';
export type * from './generated/index.js';
export { generatedCodecs as codecs } from './generated/index.js';
export { interpreter };
export { hasFlex, validateTable } from './validate.js';

const byDef = new Map<StructDef, Codec<unknown, unknown>>();
for (const c of Object.values(generatedCodecs)) byDef.set(c.def, c as unknown as Codec<unknown, unknown>);

const interpreted = new WeakMap<StructDef, Codec<unknown, unknown>>();

/** A codec backed by the interpreter (also used to cross-check the generated code). */
export function interpretedCodec(def: StructDef): Codec<Record<string, unknown>, Record<string, unknown>> {
  validateTable(def);
  let c = interpreted.get(def);
  if (!c) {
    c = {
      name: def.name,
      def,
      decode: (bytes: Uint8Array, offset?: number) => interpreter.decode(def, bytes, offset),
      encode: (v: unknown) => interpreter.encode(def, v),
      encodeInto: (v: unknown, t: Uint8Array, o?: number) => interpreter.encodeInto(def, v, t, o),
      sizeOf: (v: unknown) => interpreter.sizeOf(def, v),
    };
    interpreted.set(def, c);
  }
  return c as Codec<Record<string, unknown>, Record<string, unknown>>;
}

/** The generated codec for one of the project's tables, or an interpreter for any other table. */
export function codecFor<T = Record<string, unknown>, I = T>(def: StructDef): Codec<T, I> {
  return (byDef.get(def) ?? interpretedCodec(def)) as unknown as Codec<T, I>;
}

/** A generated codec by struct name ('idCtrl', 'memdevIdentifyRsp' ...). */
export function codecByName(name: string): Codec<Record<string, unknown>, Record<string, unknown>> {
  const c = (generatedCodecs as Record<string, unknown>)[name];
  if (!c) throw new CxlNvmeError('CODEC_UNKNOWN_STRUCT', `no struct named '${name}'`, { name });
  return c as Codec<Record<string, unknown>, Record<string, unknown>>;
}

export { toJSON, toText } from './format.js';
