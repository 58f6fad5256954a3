/**
 * Build-time code generator: turns every schema table under spec-tables/ into a plain TypeScript
 * module of decoders, encoders and exact types in src/structs/generated/. Nothing is evaluated at
 * run time (no `new Function`), so the output runs under a strict Content-Security-Policy.
 *
 * Every table is validated first; an inconsistent table (gap, overlap, wrong size, bad count field)
 * makes this script exit non-zero, which fails `npm run build` and `npm test`.
 *
 * Usage: tsx scripts/gen-codec.ts [--check]   (--check: fail if the output on disk is stale)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  ArrayField,
  AsciiElement,
  BitsField,
  CxlCommandDef,
  EnumDef,
  FieldDef,
  FlexField,
  ScalarKind,
  StructDef,
} from '../spec-tables/schema.js';
import { derivedBytes, elementSize, fieldSize, trailerOf, visibleFields } from '../src/structs/runtime.js';
import { hasFlex, validateTable } from '../src/structs/validate.js';
import { off, scalarRead } from './gen-reads.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tablesDir = join(root, 'spec-tables');
const outDir = join(root, 'src/structs/generated');

// --- discovery --------------------------------------------------------------------------------

interface Home {
  /** Table module path relative to spec-tables, without extension: 'nvme/identify'. */
  module: string;
  /** Expression reaching the def from the module namespace `T`: 'T.idNs.fields[45].of'. */
  access: string;
}

function isStruct(x: unknown): x is StructDef {
  return typeof x === 'object' && x !== null && 'fields' in x && 'size' in x && 'name' in x && Array.isArray((x as StructDef).fields);
}

function isCommand(x: unknown): x is CxlCommandDef {
  return typeof x === 'object' && x !== null && 'opcode' in x && 'cName' in x && 'name' in x && !('fields' in x);
}

function tableFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...tableFiles(p));
    else if (e.endsWith('.ts') && e !== 'index.ts' && e !== 'schema.ts' && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const homes = new Map<StructDef, Home>();
const byName = new Map<string, StructDef>();
const moduleStructs = new Map<string, StructDef[]>();
const commands: { def: CxlCommandDef; module: string; access: string }[] = [];

function claim(def: StructDef, module: string, access: string): void {
  if (homes.has(def)) return;
  validateTable(def);
  const other = byName.get(def.name);
  if (other && other !== def) throw new Error(`struct name '${def.name}' is declared twice (${homes.get(other)?.module} and ${module})`);
  // Nested structs first, so a module's functions are declared before use (not required, but tidy).
  def.fields.forEach((f, i) => {
    const inner = f.type === 'struct' || f.type === 'trailer' ? f.struct : (f.type === 'array' || f.type === 'flex') && isStruct(f.of) ? f.of : undefined;
    if (inner) claim(inner, module, `${access}.fields[${i}]${f.type === 'struct' || f.type === 'trailer' ? '.struct' : '.of'}`);
  });
  homes.set(def, { module, access });
  byName.set(def.name, def);
  moduleStructs.get(module)!.push(def);
}

async function discover(): Promise<void> {
  const files = tableFiles(tablesDir);
  const loaded: { module: string; ns: Record<string, unknown> }[] = [];
  for (const file of files) {
    const module = relative(tablesDir, file).replace(/\.ts$/, '');
    moduleStructs.set(module, []);
    loaded.push({ module, ns: (await import(pathToFileURL(file).href)) as Record<string, unknown> });
  }
  // Exported structs claim their home before any nested use elsewhere does.
  for (const { module, ns } of loaded) {
    for (const [k, v] of Object.entries(ns)) if (isStruct(v)) claim(v, module, `T.${k}`);
  }
  for (const { module, ns } of loaded) {
    for (const [k, v] of Object.entries(ns)) {
      if (!Array.isArray(v)) continue;
      v.forEach((c, i) => {
        if (!isCommand(c)) return;
        for (const s of [c.request, c.response]) if (s && !homes.has(s)) claim(s, module, `T.${k}[${i}].${s === c.request ? 'request' : 'response'}`);
        commands.push({ def: c, module, access: `T.${k}[${i}]` });
      });
    }
  }
}

// --- naming -------------------------------------------------------------------------------------

const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const typeName = (d: StructDef) => pascal(d.name);
const inputName = (d: StructDef) => `${pascal(d.name)}Input`;
const tsStr = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function enumType(e: EnumDef | undefined, base: string): string {
  if (!e) return base;
  return `${Object.values(e)
    .map((n) => tsStr(n))
    .join(' | ')} | ${base}`;
}

const BIG = new Set<ScalarKind>(['u64', 'i64', 'u128']);

function isAsciiEl(of: unknown): of is AsciiElement {
  return typeof of === 'object' && of !== null && (of as AsciiElement).type === 'ascii' && !('fields' in of);
}

function elemType(of: ArrayField['of'] | FlexField['of'], input: boolean): string {
  if (typeof of === 'string') return BIG.has(of) ? (input ? 'bigint | number' : 'bigint') : 'number';
  if (isAsciiEl(of)) return 'string';
  return input ? inputName(of as StructDef) : typeName(of as StructDef);
}

function fieldType(f: FieldDef, input: boolean): string {
  switch (f.type) {
    case 'bits':
      return `{ ${f.bits
        .map((r) => `${r.name}${input ? '?' : ''}: ${r.width === 1 ? (input ? 'boolean | 0 | 1' : 'boolean') : r.width > 32 ? (input ? 'bigint | number' : 'bigint') : enumType(r.enum, 'number')}`)
        .join('; ')} }`;
    case 'bytes':
      return 'Uint8Array';
    case 'ascii':
      return 'string';
    case 'uuid':
      return input ? 'string | Uint8Array' : 'string';
    case 'struct':
      return input ? inputName(f.struct) : typeName(f.struct);
    case 'array':
      return input ? `readonly (${elemType(f.of, true)})[]` : `(${elemType(f.of, false)})[]`;
    case 'flex':
      if (f.of === 'u8') return 'Uint8Array';
      return input ? `readonly (${elemType(f.of, true)})[]` : `(${elemType(f.of, false)})[]`;
    case 'reserved':
    case 'trailer':
      return 'never';
    default:
      if (BIG.has(f.type)) return input ? 'bigint | number' : 'bigint';
      return enumType(f.enum, 'number');
  }
}

function docComment(f: { doc?: string; unit?: string; spec?: string }, indent: string): string {
  const parts = [f.doc, f.unit ? `Unit: ${f.unit}.` : undefined, f.spec].filter(Boolean);
  return parts.length ? `${indent}/** ${parts.join(' ')} */\n` : '';
}

// --- decode emission ------------------------------------------------------------------------------

/**
 * Up to 16 bytes: runtime.readAsciiShort, one String.fromCharCode with exactly the text's codes. Up to
 * 64: one inline String.fromCharCode(b[o], ...) of the whole field then a trim (3-5x faster than a
 * loop or apply). Longer: apply over a subarray.
 */
function asciiRead(o: string, size: number, nul: boolean): string {
  if (size > 64) return `readAscii(b, ${o}, ${size}, ${nul})`;
  if (size <= 16) return `readAsciiShort(b, ${o}, ${size}, ${nul})`;
  const codes = Array.from({ length: size }, (_, i) => `b[${o} + ${i}]!`).join(', ');
  return `trimAscii(String.fromCharCode(${codes}), b, ${o}, ${size}, ${nul})`;
}

class Emitter {
  consts: string[] = [];
  private n = 0;
  /** A module-level constant; returns its name. */
  constant(prefix: string, expr: string): string {
    const name = `${prefix}${this.n++}`;
    this.consts.push(`const ${name} = ${expr};`);
    return name;
  }
}

function emitRead(def: StructDef, em: Emitter, dname: string): string {
  const pre: string[] = [];
  const props: string[] = [];
  def.fields.forEach((f, i) => {
    const o = off('o', f.offset);
    const fAccess = `${dname}.fields[${i}]!`;
    switch (f.type) {
      case 'reserved':
      case 'trailer':
        return;
      case 'bits': {
        const w = `w${f.offset}`;
        const wide = f.bytes > 4;
        pre.push(
          wide
            ? `const ${w} = readWordBig(b, ${o}, ${f.bytes});`
            : `const ${w} = ${scalarRead(f.bytes === 1 ? 'u8' : f.bytes === 2 ? 'u16' : f.bytes === 3 ? 'u24' : 'u32', o)};`,
        );
        const parts = f.bits.map((r, j) => {
          let e: string;
          if (wide) {
            const x = `((${w} >> ${r.lsb}n) & ${((1n << BigInt(r.width)) - 1n).toString()}n)`;
            e = r.width === 1 ? `${x} === 1n` : r.width <= 32 ? `Number(${x})` : x;
          } else if (r.width === 1) e = `(${w} & ${2 ** r.lsb >>> 0}) !== 0`;
          else if (r.width === 32) e = `${w} >>> 0`;
          else e = r.lsb === 0 ? `${w} & ${2 ** r.width - 1}` : `(${w} >>> ${r.lsb}) & ${2 ** r.width - 1}`;
          if (r.enum && r.width > 1 && r.width <= 32) {
            const en = em.constant('E', `(${fAccess} as BitsField).bits[${j}]!.enum as EnumDef`);
            e = `((${en}[${e}] ?? ${e}) as ${enumType(r.enum, 'number')})`;
          }
          return `${r.name}: ${e}`;
        });
        props.push(`${f.name}: { ${parts.join(', ')} }`);
        return;
      }
      case 'bytes':
        props.push(`${f.name}: b.subarray(${o}, ${off('o', f.offset + f.size)})`);
        return;
      case 'ascii':
        props.push(`${f.name}: ${asciiRead(o, f.size, f.pad === 'nul')}`);
        return;
      case 'uuid':
        props.push(`${f.name}: readUuid(b, ${o})`);
        return;
      case 'struct':
        props.push(`${f.name}: read_${f.struct.name}(b, ${o}, lim)`);
        return;
      case 'array': {
        const n = elementSize(f.of);
        const el = (at: string) =>
          typeof f.of === 'string'
            ? scalarRead(f.of, at)
            : isAsciiEl(f.of)
              ? `readAscii(b, ${at}, ${f.of.size}, ${f.of.pad === 'nul'})`
              : `read_${(f.of as StructDef).name}(b, ${at}, lim)`;
        if (f.count <= 8) {
          props.push(`${f.name}: [${Array.from({ length: f.count }, (_, k) => el(off('o', f.offset + k * n))).join(', ')}]`);
        } else {
          const a = `a${f.offset}`;
          pre.push(`const ${a}: ${elemType(f.of, false)}[] = new Array(${f.count});`);
          pre.push(`for (let i = 0; i < ${f.count}; i++) ${a}[i] = ${el(`o + ${f.offset} + i * ${n}`)};`);
          props.push(`${f.name}: ${a}`);
        }
        return;
      }
      case 'flex': {
        const cnt = f.count === 'rest' ? 'undefined' : `Number(${scalarRead(def.fields.find((x) => x.name === (f.count as { field: string }).field)!.type as ScalarKind, off('o', def.fields.find((x) => x.name === (f.count as { field: string }).field)!.offset))})`;
        const tr = trailerOf(def);
        pre.push(`const n${f.offset} = flexCount(${dname}, ${fAccess} as FlexField, ${cnt}, lim - o - ${def.size + (tr?.struct.size ?? 0)});`);
        if (tr) props.push(`...read_${tr.struct.name}(b, ${off('o', f.offset)} + n${f.offset} * ${elementSize(f.of)}, lim)`);
        const at = off('o', f.offset);
        if (f.of === 'u8') {
          props.push(`${f.name}: b.subarray(${at}, ${at} + n${f.offset})`);
        } else {
          const n = elementSize(f.of);
          const a = `a${f.offset}`;
          const el = (x: string) =>
            typeof f.of === 'string' ? scalarRead(f.of, x) : isAsciiEl(f.of) ? `readAscii(b, ${x}, ${f.of.size}, ${f.of.pad === 'nul'})` : `read_${(f.of as StructDef).name}(b, ${x}, lim)`;
          pre.push(`const ${a}: ${elemType(f.of, false)}[] = new Array(n${f.offset});`);
          pre.push(`for (let i = 0; i < n${f.offset}; i++) ${a}[i] = ${el(`${at} + i * ${n}`)};`);
          props.push(`${f.name}: ${a}`);
        }
        return;
      }
      default: {
        let e = scalarRead(f.type, o);
        if (f.enum && !BIG.has(f.type)) {
          const en = em.constant('E', `(${fAccess} as ScalarField).enum as EnumDef`);
          pre.push(`const v${f.offset} = ${e};`);
          e = `(${en}[v${f.offset}] ?? v${f.offset}) as ${enumType(f.enum, 'number')}`;
        }
        props.push(`${f.name}: ${e}`);
      }
    }
  });
  // Byte counts derived from unit-scaled fields (own fields; a trailer's come with its spread).
  const tr = trailerOf(def);
  for (const d of derivedBytes(def)) {
    if (tr?.struct.fields.some((f) => f.name === d.from)) continue;
    const f = def.fields.find((x) => x.name === d.from)!;
    const v = `s${f.offset}`;
    const idx = props.findIndex((p) => p.startsWith(`${d.from}: `));
    pre.push(`const ${v} = ${props[idx]!.slice(d.from.length + 2)};`);
    props[idx] = `${d.from}: ${v}`;
    // A power-of-two unit is a shift: several times cheaper than a BigInt multiply (measured in bench/).
    const shift = (d.scale & (d.scale - 1n)) === 0n ? d.scale.toString(2).length - 1 : -1;
    const raw = d.big ? v : `BigInt(${v})`;
    props.push(`${d.name}: ${shift >= 0 ? `${raw} << ${shift}n` : `${raw} * ${d.scale}n`}`);
  }
  return `function read_${def.name}(b: Uint8Array, o: number, lim: number): ${typeName(def)} {
${pre.map((l) => `  ${l}`).join('\n')}${pre.length ? '\n' : ''}  return {
${props.map((p) => `    ${p},`).join('\n')}
  };
}`;
}

function hasViews(def: StructDef): boolean {
  return def.fields.some(
    (f) =>
      f.type === 'bytes' ||
      (f.type === 'flex' && (f.of === 'u8' || isStruct(f.of) ? f.of === 'u8' || hasViews(f.of as StructDef) : false)) ||
      ((f.type === 'struct' || f.type === 'trailer') && hasViews(f.struct)) ||
      ((f.type === 'array' || f.type === 'flex') && isStruct(f.of) && hasViews(f.of)),
  );
}

// --- encode emission ------------------------------------------------------------------------------

function scalarWrite(kind: ScalarKind, o: string, x: string, w: string): string {
  switch (kind) {
    case 'u8':
      return `b[${o}] = checkUint(${x}, 0xff, ${w});`;
    case 'i8':
      return `dv.setInt8(${o}, checkInt(${x}, 8, ${w}));`;
    case 'u16':
      return `dv.setUint16(${o}, checkUint(${x}, 0xffff, ${w}), true);`;
    case 'i16':
      return `dv.setInt16(${o}, checkInt(${x}, 16, ${w}), true);`;
    case 'u24':
      return `writeU24(b, ${o}, checkUint(${x}, 0xffffff, ${w}));`;
    case 'u32':
      return `dv.setUint32(${o}, checkUint(${x}, 0xffffffff, ${w}), true);`;
    case 'i32':
      return `dv.setInt32(${o}, checkInt(${x}, 32, ${w}), true);`;
    case 'u64':
      return `dv.setBigUint64(${o}, checkBigUint(${x}, U64_MAX, ${w}), true);`;
    case 'i64':
      return `dv.setBigInt64(${o}, checkBigInt64(${x}, ${w}), true);`;
    case 'u128':
      return `writeU128(dv, ${o}, checkBigUint(${x}, U128_MAX, ${w}));`;
  }
}

/**
 * Straight-line encoding of a bits word of up to 32 bits: number arithmetic only (the generic
 * writeBits uses BigInt and name lookups, several times slower).
 */
function bitsWrite(f: BitsField, i: number, o: string, W: string, dname: string, em: Emitter): string {
  const BK = em.constant('BK', `new Set<string>([${f.bits.map((r) => tsStr(r.name)).join(', ')}])`);
  const parts: string[] = [
    `if (typeof x !== 'object' || x === null || Array.isArray(x)) throw notAnObject(${dname}, ${tsStr(f.name)}, x);`,
    'const bv = x as Record<string, unknown>;',
    `for (const k in bv) if (bv[k] !== undefined && !${BK}.has(k)) throw unknownField(${dname}, \`${f.name}.\${k}\`);`,
    'let w = 0;',
    'let y: unknown;',
  ];
  f.bits.forEach((r, j) => {
    const RW = em.constant('W', `{ ...${W}, field: ${tsStr(`${f.name}.${r.name}`)} } as Where`);
    parts.push(`y = bv.${r.name};`);
    if (r.width === 1) parts.push(`if (y !== undefined && checkBool(y, ${RW})) w |= ${2 ** r.lsb >>> 0};`);
    else {
      const val = r.enum ? `enumValue(y, namesOf((${dname}.fields[${i}] as BitsField).bits[${j}]!.enum as EnumDef), ${RW})` : 'y';
      parts.push(`if (y !== undefined) w |= checkUint(${val}, ${2 ** r.width - 1}, ${RW}) * ${2 ** r.lsb};`);
    }
  });
  const word = ({ 1: `b[${o}] = w;`, 2: `dv.setUint16(${o}, w, true);`, 3: `writeU24(b, ${o}, w);`, 4: `dv.setUint32(${o}, w >>> 0, true);` } as Record<number, string>)[f.bytes]!;
  parts.push(word);
  return `{ ${parts.join(' ')} }`;
}

function emitWrite(def: StructDef, em: Emitter, dname: string): string {
  const lines: string[] = [];
  const keys = [...visibleFields(def).map((f) => f.name), ...derivedBytes(def).map((d) => d.name)];
  const K = em.constant('K', `new Set<string>([${keys.map(tsStr).join(', ')}])`);
  lines.push(`if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) throw notAnObject(${dname}, '', v);`);
  lines.push(`const r = v as Record<string, unknown>;`);
  lines.push(`for (const k in r) if (r[k] !== undefined && !${K}.has(k)) throw unknownField(${dname}, k);`);
  const flex = def.fields.find((f): f is FlexField => f.type === 'flex');
  const flexIdx = def.fields.findIndex((f) => f.type === 'flex');
  if (flex) {
    lines.push(`const items = flexItems(${dname}, ${dname}.fields[${flexIdx}] as FlexField, r.${flex.name});`);
    if (flex.count !== 'rest') {
      lines.push(`const count = derivedCount(${dname}, ${dname}.fields[${flexIdx}] as FlexField, items.length, r.${flex.count.field});`);
    }
  }
  lines.push('let x: unknown;');
  def.fields.forEach((f, i) => {
    if (f.type === 'reserved' || f.type === 'flex' || f.type === 'trailer') return;
    const o = off('o', f.offset);
    const W = em.constant('W', `{ struct: ${tsStr(def.name)}, field: ${tsStr(f.name)}, offset: ${f.offset} } as Where`);
    const isCount = flex && flex.count !== 'rest' && flex.count.field === f.name;
    const sd = derivedBytes(def).find((d) => d.from === f.name);
    const DB = sd ? em.constant('DB', `derivedBytes(${dname}).find((d) => d.name === ${tsStr(sd.name)})!`) : '';
    lines.push(isCount ? 'x = count;' : sd ? `x = fromBytes(r.${f.name}, r.${sd.name}, ${DB}, ${W});` : `x = r.${f.name};`);
    let body: string;
    switch (f.type) {
      case 'bits':
        body = f.bytes <= 4 ? bitsWrite(f, i, o, W, dname, em) : `writeBits(${dname}, ${dname}.fields[${i}] as BitsField, b, ${o}, x, ${W});`;
        break;
      case 'bytes':
        body = `b.set(checkBytes(x, ${f.size}, ${W}), ${o});`;
        break;
      case 'ascii':
        body = `writeAscii(b, ${o}, ${f.size}, ${f.pad === 'nul'}, x as string, ${W});`;
        break;
      case 'uuid':
        body = `writeUuid(b, ${o}, x as string, ${W});`;
        break;
      case 'struct':
        body = `try { write_${f.struct.name}(dv, b, ${o}, x); } catch (e) { throw withPath(e, ${dname}, ${tsStr(f.name)}); }`;
        break;
      case 'array': {
        const n = elementSize(f.of);
        const el =
          typeof f.of === 'string'
            ? scalarWrite(f.of, `${o} + i * ${n}`, 'arr[i]', `{ ...${W}, field: \`${f.name}[\${i}]\` }`)
            : isAsciiEl(f.of)
              ? `writeAscii(b, ${o} + i * ${n}, ${f.of.size}, ${f.of.pad === 'nul'}, arr[i] as string, { ...${W}, field: \`${f.name}[\${i}]\` });`
              : `try { write_${(f.of as StructDef).name}(dv, b, ${o} + i * ${n}, arr[i]); } catch (e) { throw withPath(e, ${dname}, \`${f.name}[\${i}]\`); }`;
        body = `{ const arr = checkArray(x, ${f.count}, ${W}); for (let i = 0; i < arr.length; i++) { ${el} } }`;
        break;
      }
      default:
        body = scalarWrite(f.type, o, f.enum ? `enumValue(x, namesOf((${dname}.fields[${i}] as ScalarField).enum as EnumDef), ${W})` : 'x', W);
    }
    lines.push(`if (x !== undefined) ${body}`);
  });
  if (flex) {
    const at = off('o', flex.offset);
    if (flex.of === 'u8') lines.push(`b.set(items as Uint8Array, ${at});`);
    else {
      const n = elementSize(flex.of);
      const W = em.constant('W', `{ struct: ${tsStr(def.name)}, field: ${tsStr(flex.name)}, offset: ${flex.offset} } as Where`);
      const el =
        typeof flex.of === 'string'
          ? scalarWrite(flex.of, `${at} + i * ${n}`, 'items[i]', `{ ...${W}, field: \`${flex.name}[\${i}]\` }`)
          : isAsciiEl(flex.of)
            ? `writeAscii(b, ${at} + i * ${n}, ${flex.of.size}, ${flex.of.pad === 'nul'}, items[i] as string, { ...${W}, field: \`${flex.name}[\${i}]\` });`
            : `try { write_${(flex.of as StructDef).name}(dv, b, ${at} + i * ${n}, items[i]); } catch (e) { throw withPath(e, ${dname}, \`${flex.name}[\${i}]\`); }`;
      lines.push(`for (let i = 0; i < items.length; i++) { ${el} }`);
    }
    const tr = trailerOf(def);
    if (tr) {
      const tkeys = [...tr.struct.fields.filter((f) => f.type !== 'reserved').map((f) => f.name), ...derivedBytes(tr.struct).map((d) => d.name)];
      const TK = em.constant('TK', `[${tkeys.map(tsStr).join(', ')}] as const`);
      lines.push(`write_${tr.struct.name}(dv, b, ${at} + items.length * ${elementSize(flex.of)}, pick(r, ${TK}));`);
    }
  }
  return `function write_${def.name}(dv: DataView, b: Uint8Array, o: number, v: unknown): void {
${lines.map((l) => `  ${l}`).join('\n')}
}`;
}

// --- module emission ------------------------------------------------------------------------------

function emitInterfaces(def: StructDef): string {
  const fields = visibleFields(def);
  const out: string[] = [];
  out.push(`/** ${def.doc ? `${def.doc}. ` : ''}${def.spec}${def.cName ? ` (C: \`${def.cName}\`)` : ''}. ${def.size} bytes${hasFlex(def) ? ' + flexible array' : ''}. */`);
  out.push(`export interface ${typeName(def)} {`);
  for (const f of fields) out.push(`${docComment(f as { doc?: string }, '  ')}  ${f.name}: ${fieldType(f, false)};`);
  for (const d of derivedBytes(def)) out.push(`  /** ${d.from} in bytes (x ${d.scale}). */\n  ${d.name}: bigint;`);
  out.push('}');
  out.push(`/** Encoder input for ${def.name}: absent fields are zero; a flexible array's count field is derived. */`);
  out.push(`export interface ${inputName(def)} {`);
  for (const f of fields) out.push(`  ${f.name}?: ${fieldType(f, true)};`);
  for (const d of derivedBytes(def)) out.push(`  /** ${d.from} given in bytes (a whole number of ${d.scale}-byte units). */\n  ${d.name}?: bigint | number;`);
  out.push('}');
  return out.join('\n');
}

function importPath(fromModule: string, toFileNoExt: string): string {
  let p = relative(dirname(join(outDir, fromModule)), toFileNoExt);
  if (!p.startsWith('.')) p = `./${p}`;
  return `${p}.js`;
}

function emitModule(module: string, structs: StructDef[]): string {
  const em = new Emitter();
  const bodies: string[] = [];
  const foreign = new Map<string, Set<StructDef>>();
  for (const def of structs) {
    for (const f of def.fields) {
      const inner = f.type === 'struct' || f.type === 'trailer' ? f.struct : (f.type === 'array' || f.type === 'flex') && isStruct(f.of) ? f.of : undefined;
      if (inner && homes.get(inner)!.module !== module) {
        const m = homes.get(inner)!.module;
        if (!foreign.has(m)) foreign.set(m, new Set());
        foreign.get(m)!.add(inner);
      }
    }
  }
  const defConsts = new Map<StructDef, string>();
  for (const def of structs) defConsts.set(def, `D_${def.name}`);
  for (const def of structs) {
    const d = defConsts.get(def)!;
    const views = hasViews(def);
    const flex = def.fields.find((f): f is FlexField => f.type === 'flex');
    const flexIdx = def.fields.findIndex((f) => f.type === 'flex');
    const tsize = trailerOf(def)?.struct.size ?? 0;
    const min = def.size + tsize;
    let extent = `${def.size}`;
    const pre: string[] = [];
    if (flex) {
      if (flex.count === 'rest') extent = 'lim - offset';
      else {
        const cf = def.fields.find((x) => x.name === (flex.count as { field: string }).field)!;
        const n = elementSize(flex.of);
        pre.push(`const cv = ${scalarRead(cf.type as ScalarKind, `offset + ${cf.offset}`, 'bytes')};`);
        extent = `${def.size} + flexCount(${d}, ${d}.fields[${flexIdx}] as FlexField, Number(cv), lim - offset - ${min}) * ${n}${tsize ? ` + ${tsize}` : ''}`;
      }
    }
    bodies.push(emitInterfaces(def));
    bodies.push(emitRead(def, em, d));
    bodies.push(emitWrite(def, em, d));
    bodies.push(`/** Decode ${def.name} from \`bytes\` at \`offset\`. Throws CODEC_SHORT_BUFFER / CODEC_BAD_COUNT, never reads past \`bytes\`. */
export function decode_${def.name}(bytes: Uint8Array, offset = 0): ${typeName(def)} {
  if (!(bytes instanceof Uint8Array)) throw notBytes(${d}, bytes);
  const lim = bytes.length;
  if (offset < 0 || lim - offset < ${min}) throw shortBuffer(${d}, offset, Math.max(0, lim - offset), ${min});
${pre.map((l) => `  ${l}\n`).join('')}${
      views
        ? `  const b = copyOut(bytes, offset, offset + ${extent});
  return read_${def.name}(b, 0, b.length);`
        : flex
          ? `  return read_${def.name}(bytes, offset, offset + ${extent});`
          : `  return read_${def.name}(bytes, offset, lim);`
    }
}

/** Encoded size of a ${def.name} value. */
export function sizeOf_${def.name}(v: ${inputName(def)}): number {
${
  flex
    ? `  if (typeof v !== 'object' || v === null) throw notAnObject(${d}, '', v);
  return ${min} + flexItems(${d}, ${d}.fields[${flexIdx}] as FlexField, (v as Record<string, unknown>).${flex.name}).length * ${elementSize(flex.of)};`
    : `  return ${def.size};`
}
}

/** Encode a ${def.name}: reserved bytes and absent fields are zero. Throws CODEC_* errors on bad input. */
export function encode_${def.name}(v: ${inputName(def)}): Uint8Array {
  const b = new Uint8Array(sizeOf_${def.name}(v));
  write_${def.name}(new DataView(b.buffer), b, 0, v);
  return b;
}

/** Encode into \`target\` at \`offset\`; returns the number of bytes written. */
export function encodeInto_${def.name}(v: ${inputName(def)}, target: Uint8Array, offset = 0): number {
  const n = sizeOf_${def.name}(v);
  if (offset < 0 || target.length - offset < n) throw shortBuffer(${d}, offset, Math.max(0, target.length - offset), n);
  target.fill(0, offset, offset + n);
  write_${def.name}(new DataView(target.buffer, target.byteOffset, target.byteLength), target, offset, v);
  return n;
}`);
  }
  const imports: string[] = [];
  imports.push(`// Generated by scripts/gen-codec.ts from spec-tables/${module}.ts. Do not edit.`);
  imports.push('/* eslint-disable */');
  imports.push(`import * as T from '${importPath(module, join(tablesDir, module))}';`);
  imports.push(`import type { BitsField, EnumDef, FlexField, ScalarField, StructDef } from '${importPath(module, join(tablesDir, 'schema'))}';`);
  imports.push(`import {
  U64_MAX,
  U128_MAX,
  type Where,
  checkArray,
  checkBigInt64,
  checkBigUint,
  checkBool,
  checkBytes,
  checkInt,
  checkUint,
  copyOut,
  derivedBytes,
  derivedCount,
  enumValue,
  flexCount,
  flexItems,
  fromBytes,
  namesOf,
  notAnObject,
  notBytes,
  pick,
  readAscii,
  readAsciiShort,
  readI64,
  readU24,
  readU64,
  readU128,
  readUuid,
  readWordBig,
  shortBuffer,
  trimAscii,
  unknownField,
  withPath,
  writeAscii,
  writeBits,
  writeU24,
  writeU128,
  writeUuid,
} from '${importPath(module, join(root, 'src/structs/runtime'))}';`);
  for (const [m, set] of foreign) {
    const names = [...set].flatMap((s) => [`type ${typeName(s)}`, `type ${inputName(s)}`, `read_${s.name}`, `write_${s.name}`]);
    imports.push(`import { ${names.join(', ')} } from '${importPath(module, join(outDir, m))}';`);
  }
  const defLines = structs.map((def) => `export const ${defConsts.get(def)} = ${homes.get(def)!.access} as StructDef;`);
  const exportsInternal = `export { ${structs.flatMap((s) => [`read_${s.name}`, `write_${s.name}`]).join(', ')} };`;
  return `${imports.join('\n')}

// Keep the unused-import lint quiet in modules that need only some helpers.
void [pick, copyOut, derivedBytes, fromBytes, checkBool, trimAscii, U64_MAX, U128_MAX, checkArray, checkBigInt64, checkBigUint, checkBytes, checkInt, checkUint, derivedCount, enumValue, flexCount, flexItems, namesOf, readAscii, readAsciiShort, readI64, readU24, readU64, readU128, readUuid, readWordBig, withPath, writeAscii, writeBits, writeU24, writeU128, writeUuid];
export type { BitsField, EnumDef, FlexField, ScalarField, Where };

${defLines.join('\n')}
${em.consts.join('\n')}

${bodies.join('\n\n')}

${exportsInternal}
`;
}

function emitIndex(): string {
  const lines: string[] = ['// Generated by scripts/gen-codec.ts. Do not edit.', "import type { Codec } from '../codec-type.js';"];
  const mods = [...moduleStructs.entries()].filter(([, s]) => s.length > 0);
  mods.forEach(([m], i) => {
    lines.push(`import * as m${i} from './${m}.js';`);
  });
  for (const [m] of mods) lines.push(`export type * from './${m}.js';`);
  lines.push('');
  lines.push('/** Every table-defined struct, by name: generated decoders and encoders. */');
  lines.push('export const generatedCodecs = {');
  mods.forEach(([, structs], i) => {
    for (const s of structs) {
      lines.push(
        `  ${s.name}: { name: ${tsStr(s.name)}, def: m${i}.D_${s.name}, decode: m${i}.decode_${s.name}, encode: m${i}.encode_${s.name}, encodeInto: m${i}.encodeInto_${s.name}, sizeOf: m${i}.sizeOf_${s.name} } as Codec<m${i}.${typeName(s)}, m${i}.${inputName(s)}>,`,
      );
    }
  });
  lines.push('} as const;');
  lines.push('');
  // Command request / response types, so endpoint methods are typed from the command table.
  const modIndex = new Map(mods.map(([m], i) => [m, i]));
  lines.push('/** Request input and response types of every CXL command in the tables. */');
  lines.push('export interface CxlCommandTypes {');
  for (const { def } of commands) {
    const req = def.request ? `m${modIndex.get(homes.get(def.request)!.module)}.${inputName(def.request)}` : 'undefined';
    const rsp = def.response ? `m${modIndex.get(homes.get(def.response)!.module)}.${typeName(def.response)}` : 'undefined';
    lines.push(`  /** ${def.doc} (${def.opcode.toString(16).padStart(4, '0').toUpperCase()}h, ${def.spec}) */`);
    lines.push(`  ${def.name}: { request: ${req}; response: ${rsp} };`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  try {
    await discover();
  } catch (e) {
    console.error(`gen-codec: ${(e as Error).message}`);
    process.exit(1);
  }
  const names = new Set<string>();
  for (const { def } of commands) {
    if (names.has(def.name)) {
      console.error(`gen-codec: command name '${def.name}' is declared twice`);
      process.exit(1);
    }
    names.add(def.name);
    if (def.responseLengthFrom && !def.request?.fields.some((f) => f.name === def.responseLengthFrom)) {
      console.error(`gen-codec: command ${def.name}: responseLengthFrom '${def.responseLengthFrom}' is not a request field`);
      process.exit(1);
    }
  }
  const files = new Map<string, string>();
  for (const [m, structs] of moduleStructs) if (structs.length) files.set(`${m}.ts`, emitModule(m, structs));
  files.set('index.ts', emitIndex());
  let stale = false;
  if (!check) rmSync(outDir, { recursive: true, force: true });
  for (const [name, text] of files) {
    const p = join(outDir, name);
    if (check) {
      let old = '';
      try {
        old = readFileSync(p, 'utf8');
      } catch {}
      if (old !== text) {
        console.error(`gen-codec: ${relative(root, p)} is stale`);
        stale = true;
      }
      continue;
    }
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  if (stale) process.exit(1);
  const nStructs = [...moduleStructs.values()].reduce((a, s) => a + s.length, 0);
  console.log(`gen-codec: ${nStructs} structs, ${commands.length} CXL commands -> ${relative(root, outDir)}/`);
  void fieldSize;
}

await main();
