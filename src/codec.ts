/**
 * `cxl-nvme/codec`: tables, codec and protocol only. Never loads native code and never touches
 * Node built-ins, so it runs in an Electron renderer or a browser bundle under a strict CSP.
 */
export * as tables from '../spec-tables/index.js';
export type * from '../spec-tables/schema.js';
export * from './errors.js';
export { type Codec, codecByName, codecFor, codecs, interpretedCodec, interpreter, toJSON, toText, validateTable } from './structs/index.js';
export type * from './structs/generated/index.js';
// The protocol layers are pure encode / decode (no node: imports, no native code), checked by
// test/api/open.test.ts. `cxl-nvme` itself replaces these namespaces with fuller ones.
export * as cxl from './protocol/cxl/index.js';
export * as nvme from './protocol/nvme/index.js';
