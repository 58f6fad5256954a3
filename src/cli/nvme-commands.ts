/**
 * NVMe commands of the CLI, named and shaped after nvme-cli: id-ctrl, id-ns, smart-log,
 * error-log, fw-log, get-feature, set-feature, format, sanitize, read, write. They run over any
 * NvmeTransport: the passthrough ioctl, NVMe-MI (Admin commands only), the simulator, a replay.
 */
import { writeFile } from 'node:fs/promises';
import { featureIds } from '../../spec-tables/nvme/opcodes.js';
import { versionText } from '../api/nvme/device.js';
import { NSID_ALL } from '../protocol/nvme/common.js';
import { codecs, toJSON, toText } from '../structs/index.js';
import type { CommandDef, CommandResult, Ctx } from './context.js';
import { parseNum } from './context.js';
import { UsageError } from './errors.js';
import { keyValues, table } from './output.js';
import { bytesText, flagNames, hexN, hexdump, kelvinText } from './render.js';

type Obj = Record<string, unknown>;

const NS_OPT = { 'namespace-id': { type: 'string', short: 'n', help: 'namespace id (default: the node’s own namespace)' } } as const;

const FEATURE_BY_NAME = new Map<string, number>(featureIds.map((r) => [r.name.toLowerCase(), r.value]));
const FEATURE_NAME = new Map<number, string>(featureIds.map((r) => [r.value, r.name]));

function trim(s: string): string {
  return s.replace(/[\s\0]+$/, '');
}

// --- identify --------------------------------------------------------------------------------------

const idCtrl: CommandDef = {
  name: 'id-ctrl',
  family: 'nvme',
  summary: 'Identify Controller: model, serial, firmware, capabilities (--verbose: every field)',
  example: 'cxl-nvme id-ctrl /dev/nvme0',
  async run(ctx) {
    const id = await (await ctx.nvme()).idCtrl();
    const json = toJSON(codecs.idCtrl.def, id as unknown as Obj);
    if (ctx.g.verbose) return { json, text: toText(codecs.idCtrl.def, id as unknown as Obj) };
    return {
      json,
      text: keyValues([
        ['vid', hexN(id.vid, 4)],
        ['ssvid', hexN(id.ssvid, 4)],
        ['sn', trim(id.sn)],
        ['mn', trim(id.mn)],
        ['fr', trim(id.fr)],
        ['cntlid', hexN(id.cntlid, 4)],
        ['ver', `${versionText(id.ver)} (${hexN(id.ver, 8)})`],
        ['mdts', id.mdts === 0 ? 'no limit' : `${id.mdts} (${bytesText(4096 * 2 ** id.mdts)} at the minimum page size)`],
        ['nn', id.nn],
        ['oacs', hexN(id.oacs, 4)],
        ['oncs', hexN(id.oncs, 4)],
        ['elpe', `${id.elpe} (${id.elpe + 1} error log entries)`],
        ['npss', id.npss],
        ['sanicap', hexN(id.sanicap, 8)],
        ['subnqn', trim(id.subnqn)],
      ]),
    };
  },
};

const idNs: CommandDef = {
  name: 'id-ns',
  family: 'nvme',
  summary: 'Identify Namespace: size, capacity, utilization, LBA formats (in use marked)',
  options: NS_OPT,
  example: 'cxl-nvme id-ns /dev/nvme0n1',
  async run(ctx) {
    const dev = await ctx.nvme();
    const nsid = await ctx.nsid();
    const ns = await dev.idNs(nsid);
    const json = { nsid, ...toJSON(codecs.idNs.def, ns as unknown as Obj) };
    if (ctx.g.verbose) return { json, text: toText(codecs.idNs.def, ns as unknown as Obj) };
    const cur = ns.flbas.lbafLo | (ns.nlbaf >= 16 ? ns.flbas.lbafHi << 4 : 0);
    const lbaBytes = 2 ** (ns.lbaf[cur]?.ds ?? 9);
    const formats = ns.lbaf.slice(0, ns.nlbaf + 1).map((f, i) => ({
      lbaf: i,
      'data size': `${2 ** f.ds} B`,
      metadata: `${f.ms} B`,
      performance: f.rp.rp,
      'in use': i === cur ? 'yes' : '',
    }));
    return {
      json,
      text: `${keyValues([
        ['nsid', nsid],
        ['nsze', `${ns.nsze} blocks (${bytesText(ns.nsze * BigInt(lbaBytes))})`],
        ['ncap', `${ns.ncap} blocks (${bytesText(ns.ncap * BigInt(lbaBytes))})`],
        ['nuse', `${ns.nuse} blocks (${bytesText(ns.nuse * BigInt(lbaBytes))})`],
        ['flbas', `format ${cur}${ns.flbas.extendedMetadata ? ', extended metadata' : ''}`],
        ['dps', ns.dps & 7 ? `protection type ${ns.dps & 7}` : 'no protection information'],
      ])}\n\n${table(formats, ['lbaf', 'data size', 'metadata', 'performance', 'in use'])}`,
    };
  },
};

// --- logs ------------------------------------------------------------------------------------------

const smartLog: CommandDef = {
  name: 'smart-log',
  family: 'nvme',
  summary: 'SMART / Health Information log: warnings, temperature, spare, wear, data units, errors',
  options: NS_OPT,
  example: 'cxl-nvme smart-log /dev/nvme0',
  async run(ctx) {
    const dev = await ctx.nvme();
    const nsid = ctx.str('namespace-id') !== undefined ? await ctx.nsid() : NSID_ALL;
    const s = await dev.smartLog(nsid);
    return { json: toJSON(codecs.smartLog.def, s as unknown as Obj), text: smartText(s) };
  },
};

/** The SMART log as people read it (also used by `demo`). */
export function smartText(s: Awaited<ReturnType<Awaited<ReturnType<Ctx['nvme']>>['smartLog']>>): string {
  const units = (n: bigint) => `${n} (${bytesText(n * 512000n)})`;
  const sensors = s.tempSensor.map((t, i) => (t ? `sensor ${i + 1}: ${kelvinText(t)}` : '')).filter(Boolean);
  return keyValues([
    ['critical warning', flagNames(s.criticalWarning, 'none')],
    ['temperature', kelvinText(s.temperature)],
    ['available spare', `${s.availSpare}%`],
    ['available spare threshold', `${s.spareThresh}%`],
    ['percentage used', `${s.percentUsed}%`],
    ['data units read', units(s.dataUnitsRead)],
    ['data units written', units(s.dataUnitsWritten)],
    ['host read commands', s.hostReads],
    ['host write commands', s.hostWrites],
    ['controller busy time', `${s.ctrlBusyTime} min`],
    ['power cycles', s.powerCycles],
    ['power on hours', s.powerOnHours],
    ['unsafe shutdowns', s.unsafeShutdowns],
    ['media errors', s.mediaErrors],
    ['error log entries', s.numErrLogEntries],
    ['warning temperature time', `${s.warningTempTime} min`],
    ['critical temperature time', `${s.criticalCompTime} min`],
    ...sensors.map((x): [string, unknown] => ['temperature sensor', x]),
  ]);
}

const errorLog: CommandDef = {
  name: 'error-log',
  family: 'nvme',
  summary: 'Error Information log: the newest entries (non-empty ones shown)',
  options: { 'log-entries': { type: 'string', short: 'e', help: 'entries to read (default: all the controller keeps, ELPE + 1)' } },
  example: 'cxl-nvme error-log /dev/nvme0',
  async run(ctx) {
    const dev = await ctx.nvme();
    const n = ctx.str('log-entries') === undefined ? undefined : ctx.num('log-entries', 1, 1, 4096);
    const entries = await dev.errorLog(n);
    const used = entries.filter((e) => e.errorCount !== 0n);
    const rows = used.map((e) => ({
      'error count': e.errorCount,
      sqid: e.sqid,
      cmdid: hexN(e.cmdid, 4),
      status: hexN(e.statusField, 4),
      lba: e.lba,
      nsid: e.nsid,
    }));
    return {
      json: { entries: entries.length, errors: used.map((e) => toJSON(codecs.errorLogPage.def, e as unknown as Obj)) },
      text: `${used.length} error(s) in ${entries.length} entries\n${table(rows, ['error count', 'sqid', 'cmdid', 'status', 'lba', 'nsid'])}`,
    };
  },
};

const fwLog: CommandDef = {
  name: 'fw-log',
  family: 'nvme',
  summary: 'Firmware Slot Information log: active slot, next-reset slot, revision per slot',
  example: 'cxl-nvme fw-log /dev/nvme0',
  async run(ctx) {
    const f = await (await ctx.nvme()).fwLog();
    const rows = f.frs
      .map((r, i) => ({ slot: i + 1, revision: trim(r) || '(empty)', state: [f.afi.activeSlot === i + 1 ? 'active' : '', f.afi.nextResetSlot === i + 1 ? 'next reset' : ''].filter(Boolean).join(', ') || '-' }))
      .filter((r) => r.revision !== '(empty)' || r.state !== '-');
    return { json: toJSON(codecs.firmwareSlot.def, f as unknown as Obj), text: `active slot ${f.afi.activeSlot}${f.afi.nextResetSlot ? `, slot ${f.afi.nextResetSlot} at next reset` : ''}\n${table(rows, ['slot', 'revision', 'state'])}` };
  },
};

// --- features --------------------------------------------------------------------------------------

function featureId(ctx: Ctx): number {
  const f = ctx.str('feature-id');
  if (f === undefined) throw new UsageError(`${ctx.command.name} needs --feature-id (a number or a name: ${[...FEATURE_BY_NAME.keys()].slice(0, 6).join(', ')} ...)`, ctx.command.name);
  const byName = FEATURE_BY_NAME.get(f.toLowerCase());
  return byName ?? parseNum(f, '--feature-id', 0, 0xff);
}

const getFeature: CommandDef = {
  name: 'get-feature',
  family: 'nvme',
  summary: 'Get Features: the value of a feature (current, default, saved or supported capabilities), decoded',
  options: {
    'feature-id': { type: 'string', short: 'f', help: 'feature id: number or name (temperatureThreshold ...)' },
    sel: { type: 'string', short: 's', help: 'current (default), default, saved or supported' },
    cdw11: { type: 'string', help: 'feature-specific CDW11 (e.g. the temperature sensor select)' },
    ...NS_OPT,
  },
  example: 'cxl-nvme get-feature /dev/nvme0 -f 4',
  async run(ctx) {
    const fid = featureId(ctx);
    const sel = ctx.str('sel') ?? 'current';
    if (!['current', 'default', 'saved', 'supported'].includes(sel)) throw new UsageError('--sel is current, default, saved or supported', 'get-feature');
    const dev = await ctx.nvme();
    const nsid = ctx.str('namespace-id') !== undefined ? await ctx.nsid() : 0;
    const v = await dev.getFeature({ fid, sel: sel as 'current', nsid, cdw11: ctx.num('cdw11', 0, 0, 0xffffffff) });
    const name = FEATURE_NAME.get(fid) ?? 'vendor or unknown';
    const lines: [string, unknown][] = [
      ['feature', `${hexN(fid, 2)} (${name})`],
      ['select', sel],
      ['value', hexN(v.result, 8)],
    ];
    if (v.value) for (const [k, x] of Object.entries(v.value)) lines.push([`  ${k}`, typeof x === 'object' ? flagNames(x) : x]);
    let text = keyValues(lines);
    if (v.data) text += `\n${hexdump(v.data)}`;
    return { json: { fid, name, sel, result: v.result, ...(v.value ? { value: v.value } : {}), ...(v.data ? { data: v.data } : {}), ...(v.decoded ? { decoded: v.decoded } : {}) }, text };
  },
};

const setFeature: CommandDef = {
  name: 'set-feature',
  family: 'nvme',
  summary: 'Set Features: set a feature’s CDW11 value (and data from --data FILE), optionally saved',
  options: {
    'feature-id': { type: 'string', short: 'f', help: 'feature id: number or name' },
    value: { type: 'string', help: 'CDW11 value (required unless --data)' },
    data: { type: 'string', help: 'feature data from this file (- for standard input)' },
    save: { type: 'boolean', help: 'keep across power cycles' },
    ...NS_OPT,
  },
  example: 'cxl-nvme set-feature /dev/nvme0 -f 4 --value 0x14f',
  async run(ctx) {
    const fid = featureId(ctx);
    if (ctx.str('value') === undefined && ctx.str('data') === undefined) throw new UsageError('set-feature needs --value (CDW11) and/or --data FILE', 'set-feature');
    const cdw11 = ctx.num('value', 0, 0, 0xffffffff);
    const data = ctx.str('data') !== undefined ? await ctx.readInput(ctx.str('data')) : undefined;
    const dev = await ctx.nvme();
    const nsid = ctx.str('namespace-id') !== undefined ? await ctx.nsid() : 0;
    const r = await dev.setFeature({ fid, cdw11, save: ctx.flag('save'), nsid, ...(data ? { data } : {}) });
    const after = await dev.getFeature({ fid, nsid });
    return {
      json: { fid, name: FEATURE_NAME.get(fid) ?? null, cdw11, saved: ctx.flag('save'), result: r.result, current: after.result },
      text: `feature ${hexN(fid, 2)} (${FEATURE_NAME.get(fid) ?? 'unknown'}) set to ${hexN(cdw11, 8)}${ctx.flag('save') ? ' (saved)' : ''}; current value now ${hexN(after.result, 8)}`,
    };
  },
};

// --- destructive ---------------------------------------------------------------------------------

const format: CommandDef = {
  name: 'format',
  family: 'nvme',
  summary: 'Format NVM: change a namespace’s LBA format (erasing it), optional secure erase',
  options: {
    ...NS_OPT,
    lbaf: { type: 'string', short: 'l', help: 'LBA format index (see id-ns; required)' },
    ses: { type: 'string', help: 'secure erase: 0 none (default), 1 user data, 2 cryptographic' },
  },
  destructive: 'erases every block of the namespace',
  example: 'cxl-nvme format /dev/nvme0n1 --lbaf 1 --yes',
  async run(ctx) {
    if (ctx.str('lbaf') === undefined) throw new UsageError('format needs --lbaf N (see the LBA formats of `cxl-nvme id-ns`)', 'format');
    const lbaf = ctx.num('lbaf', 0, 0, 63);
    const ses = ctx.num('ses', 0, 0, 2);
    const dev = await ctx.nvme();
    const nsid = await ctx.nsid();
    await dev.format({ nsid, lbaf, ses, confirm: true });
    const g = await dev.geometry(nsid, { refresh: true });
    return { json: { nsid, lbaf, ses, lbaBytes: g.nbytes, sizeBytes: g.tbytes }, text: `namespace ${nsid} formatted with LBA format ${lbaf}: ${g.nbytes}-byte blocks, ${bytesText(g.tbytes)}` };
  },
};

const SANACT: Record<string, number> = { exit: 1, block: 2, overwrite: 3, crypto: 4 };

/** NVMe `sanitize` (the CXL one has the same name; the device decides which runs). */
export const nvmeSanitize: CommandDef = {
  name: 'sanitize',
  family: 'nvme',
  summary: 'Sanitize (NVMe): block erase, overwrite or crypto erase the whole subsystem’s user data',
  options: {
    action: { type: 'string', short: 'a', help: 'block (default), overwrite, crypto or exit (leave failure mode)' },
    ause: { type: 'boolean', help: 'allow unrestricted sanitize exit' },
  },
  destructive: 'erases all user data of the controller',
  example: 'cxl-nvme sanitize /dev/nvme0 --action crypto --yes',
  async run(ctx) {
    const action = ctx.str('action') ?? 'block';
    const sanact = SANACT[action];
    if (sanact === undefined) throw new UsageError('--action is block, overwrite, crypto or exit', 'sanitize');
    const dev = await ctx.nvme();
    await dev.sanitize({ sanact, ause: ctx.flag('ause'), confirm: true });
    return { json: { action, sanact }, text: `sanitize (${action}) started on ${ctx.deviceName()}; follow it with the Sanitize Status log` };
  },
};

// --- I/O ---------------------------------------------------------------------------------------

const IO_OPTS = {
  ...NS_OPT,
  'start-block': { type: 'string', short: 's', help: 'first LBA (default 0)' },
} as const;

const read: CommandDef = {
  name: 'read',
  family: 'nvme',
  summary: 'Read blocks (NVM Read): hex dump, or raw bytes to --output FILE',
  options: {
    ...IO_OPTS,
    'block-count': { type: 'string', short: 'c', help: 'number of blocks, 0-based as in nvme-cli (default 0: one block)' },
    output: { type: 'string', short: 'o', help: 'write the data to this file' },
  },
  example: 'cxl-nvme read /dev/nvme0n1 --start-block 0 --block-count 7 -o blocks.bin',
  async run(ctx) {
    const dev = await ctx.nvme();
    const nsid = await ctx.nsid();
    const slba = ctx.big('start-block', 0n);
    const nlb = ctx.num('block-count', 0, 0, 0xffff);
    const g = await dev.geometry(nsid);
    const r = await dev.read({ nsid, slba, nlb });
    const out = ctx.str('output');
    if (out) await writeFile(out, r.data);
    return {
      json: { nsid, slba, blocks: nlb + 1, lbaBytes: g.nbytes, ...(out ? { file: out, bytes: r.data.length } : { data: r.data }) },
      text: out ? `read ${nlb + 1} block(s) (${r.data.length} bytes) from LBA ${slba} of namespace ${nsid} into ${out}` : hexdump(r.data, Number(slba) * g.nbytes),
    };
  },
};

const write: CommandDef = {
  name: 'write',
  family: 'nvme',
  summary: 'Write blocks (NVM Write) from --data FILE or standard input; the last block is zero-padded',
  options: {
    ...IO_OPTS,
    data: { type: 'string', short: 'D', help: 'data file (default: standard input)' },
  },
  example: 'cxl-nvme write /dev/nvme0n1 --start-block 8 --data blocks.bin',
  async run(ctx) {
    const data = await ctx.readInput(ctx.str('data'));
    if (data.length === 0) throw new UsageError('no data to write', 'write');
    const dev = await ctx.nvme();
    const nsid = await ctx.nsid();
    const slba = ctx.big('start-block', 0n);
    const g = await dev.geometry(nsid);
    const blocks = Math.ceil(data.length / g.nbytes);
    if (blocks > 0x10000) throw new UsageError(`at most 65536 blocks per write (${blocks} given)`, 'write');
    const buf = new Uint8Array(blocks * g.nbytes);
    buf.set(data);
    await dev.write({ nsid, slba, nlb: blocks - 1, data: buf });
    return {
      json: { nsid, slba, blocks, lbaBytes: g.nbytes, bytes: data.length, padding: buf.length - data.length },
      text: `wrote ${blocks} block(s) at LBA ${slba} of namespace ${nsid} (${data.length} bytes${buf.length > data.length ? `, ${buf.length - data.length} bytes of zero padding` : ''})`,
    };
  },
};

/** NVMe `info`: controller summary and per-namespace geometry (NvmeDevice.info). */
export async function nvmeInfo(ctx: Ctx): Promise<CommandResult> {
  const info = await (await ctx.nvme()).info();
  return { json: info.toJSON(), text: info.toString() };
}

export const nvmeCommands: readonly CommandDef[] = [idCtrl, idNs, smartLog, errorLog, fwLog, getFeature, setFeature, format, nvmeSanitize, read, write];

