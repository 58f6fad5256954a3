/**
 * CXL commands of the CLI: memory device (identify, health, alerts, partition, firmware,
 * timestamp, logs, events, poison, scan media, sanitize, security, features, dynamic capacity)
 * and FM-API (switch, ports, VCS, bind / unbind, LDs, QoS, DCD). Each runs against `ctx.target()`,
 * so --tunnel reaches a component behind a switch port or an MLD's LDs.
 */
import { eventLog as EVENT_LOG_NAMES, eventRecordUuids, logUuids } from '../../spec-tables/cxl/generic.js';
import type { CciTarget } from '../api/cxl/index.js';
import { commandNameOf, commandsByOpcode, hex4 } from '../protocol/cxl/registry.js';
import { codecByName, codecs, toJSON, toText } from '../structs/index.js';
import type { CommandDef, CommandResult, Ctx } from './context.js';
import { parseBig, parseNum } from './context.js';
import { UsageError } from './errors.js';
import { keyValues, table } from './output.js';
import { bytesText, flagNames, hexdump, hexN, nsText, section } from './render.js';

type Obj = Record<string, unknown>;

const MiB256 = 256n << 20n;

/** JSON and text of a decoded struct by its table name. */
function structJson(name: string, value: unknown): Obj {
  return toJSON(codecByName(name).def, value as Obj);
}
function structText(name: string, value: unknown): string {
  return toText(codecByName(name).def, value as Obj);
}
function one(name: string, value: unknown, title?: string): CommandResult {
  return { json: structJson(name, value), text: title ? section(title, structText(name, value)) : structText(name, value) };
}

const LOG_NAMES = new Map<string, string>(Object.entries(logUuids).map(([k, v]) => [v, k]));
const EVENT_NAMES = new Map<string, string>(Object.entries(eventRecordUuids).map(([k, v]) => [v, k]));
const EVENT_LOGS = Object.values(EVENT_LOG_NAMES) as string[];

// --- identify, health, info -------------------------------------------------------------------------

async function identifyAll(t: CciTarget): Promise<{ json: Obj; text: string[] }> {
  const id = await t.identify();
  const lines: [string, unknown][] = [
    ['component type', id.componentType],
    ['vendor id', hexN(id.vendorId, 4)],
    ['device id', hexN(id.deviceId, 4)],
    ['subsystem vendor id', hexN(id.subsysVendorId, 4)],
    ['subsystem id', hexN(id.subsysId, 4)],
    ['serial number', hexN(id.serialNum, 16)],
    ['max message size', `${2 ** id.maxMsgSize} bytes (2^${id.maxMsgSize})`],
  ];
  const json: Obj = { identify: structJson('identifyRsp', id) };
  const text = [section('Identify', keyValues(lines))];
  if (id.componentType === 'type3') {
    const m = await t.memdevIdentify();
    json.memdev = structJson('memdevIdentifyRsp', m);
    text.push(
      section(
        'Memory device',
        keyValues([
          ['firmware revision', m.fwRevision],
          ['total capacity', bytesText(m.totalCapacity * MiB256)],
          ['volatile only', bytesText(m.volatileCapacity * MiB256)],
          ['persistent only', bytesText(m.persistentCapacity * MiB256)],
          ['partitionable', bytesText((m.totalCapacity - m.volatileCapacity - m.persistentCapacity) * MiB256)],
          ['partition alignment', bytesText(m.partitionAlign * MiB256)],
          ['label storage area', bytesText(m.lsaSize)],
          ['event log sizes', `informational ${m.infoEventLogSize}, warning ${m.warningEventLogSize}, failure ${m.failureEventLogSize}, fatal ${m.fatalEventLogSize}, dynamic capacity ${m.dcEventLogSize}`],
          ['poison list max records', m.poisonListMaxMer],
          ['inject poison limit', m.injectPoisonLimit === 0 ? 'no limit' : m.injectPoisonLimit],
          ['poison handling', flagNames(m.poisonCaps)],
        ]),
      ),
    );
  } else if (id.componentType === 'switch') {
    const s = await t.fmapiIdentifySwDevice();
    json.switch = structJson('fmapiIdentifySwDeviceRsp', s);
    text.push(section('Switch', switchText(s)));
  }
  return { json, text };
}

const identify: CommandDef = {
  name: 'identify',
  family: 'cxl',
  summary: 'Identify (0001h), plus Memory Device Identify (4000h) on a Type 3 device or Identify Switch Device (5100h) on a switch',
  example: 'cxl-nvme identify mem0',
  async run(ctx) {
    const r = await identifyAll(await ctx.target());
    return { json: r.json, text: r.text.join('\n\n') };
  },
};

function healthLines(h: Awaited<ReturnType<CciTarget['memdevGetHealthInfo']>>): [string, unknown][] {
  return [
    ['health status', flagNames(h.healthStatus, 'normal')],
    ['media status', h.mediaStatus],
    ['life used', h.lifeUsed === 0xff ? 'not implemented' : `${h.lifeUsed}% (${h.additionalStatus.lifeUsed})`],
    ['temperature', h.deviceTemperature === 0x7fff ? 'not implemented' : `${h.deviceTemperature} °C (${h.additionalStatus.deviceTemperature})`],
    ['dirty shutdowns', h.dirtyShutdownCount],
    ['corrected volatile errors', `${h.correctedVolatileErrorCount}${h.additionalStatus.correctedVolatileErrorCount ? ' (over threshold)' : ''}`],
    ['corrected persistent errors', `${h.correctedPersistentErrorCount}${h.additionalStatus.correctedPersistentErrorCount ? ' (over threshold)' : ''}`],
  ];
}

const health: CommandDef = {
  name: 'health',
  family: 'cxl',
  summary: 'Get Health Info (4200h): health and media status, life used, temperature, error counts',
  example: 'cxl-nvme health mem0',
  async run(ctx) {
    const h = await (await ctx.target()).memdevGetHealthInfo();
    return { json: structJson('memdevGetHealthInfoRsp', h), text: keyValues(healthLines(h)) };
  },
};

/** CXL `info`: identify, plus health on a memory device. */
export async function cxlInfo(ctx: Ctx): Promise<CommandResult> {
  const t = await ctx.target();
  const r = await identifyAll(t);
  if ((r.json.identify as Obj).componentType === 'type3') {
    const h = await t.memdevGetHealthInfo();
    r.json.health = structJson('memdevGetHealthInfoRsp', h);
    r.text.push(section('Health', keyValues(healthLines(h))));
  }
  return { json: r.json, text: r.text.join('\n\n') };
}

// --- alerts, partition, timestamp, security -----------------------------------------------------------

const alertsGet: CommandDef = {
  name: 'alerts get',
  family: 'cxl',
  summary: 'Get Alert Configuration (4201h): critical and programmable warning thresholds',
  example: 'cxl-nvme alerts get mem0',
  async run(ctx) {
    return one('memdevGetAlertConfigRsp', await (await ctx.target()).memdevGetAlertConfig());
  },
};

const ALERT_OPTS = {
  'life-used': ['lifeUsedProgrammableWarning', 'lifeUsedProgrammableWarningThreshold', 0, 100],
  'over-temp': ['deviceOverTemperatureProgrammableWarning', 'deviceOverTemperatureProgrammableWarningThreshold', -32768, 32767],
  'under-temp': ['deviceUnderTemperatureProgrammableWarning', 'deviceUnderTemperatureProgrammableWarningThreshold', -32768, 32767],
  'corrected-volatile': ['correctedVolatileMemErrorProgrammableWarning', 'correctedVolatileMemErrorProgrammableWarningThreshold', 0, 0xffff],
  'corrected-persistent': ['correctedPersistentMemErrorProgrammableWarning', 'correctedPersistentMemErrorProgrammableWarningThreshold', 0, 0xffff],
} as const;

const alertsSet: CommandDef = {
  name: 'alerts set',
  family: 'cxl',
  summary: 'Set Alert Configuration (4202h): enable programmable warnings at the given thresholds (or --disable them)',
  options: {
    'life-used': { type: 'string', help: 'warn when life used reaches N percent' },
    'over-temp': { type: 'string', help: 'warn above N °C' },
    'under-temp': { type: 'string', help: 'warn below N °C' },
    'corrected-volatile': { type: 'string', help: 'warn after N corrected volatile errors' },
    'corrected-persistent': { type: 'string', help: 'warn after N corrected persistent errors' },
    disable: { type: 'string', multiple: true, help: 'disable a warning: life-used, over-temp, under-temp, corrected-volatile, corrected-persistent' },
  },
  example: 'cxl-nvme alerts set mem0 --life-used 80 --over-temp 70',
  async run(ctx) {
    const valid: Obj = {};
    const enable: Obj = {};
    const req: Obj = { validAlertActions: valid, enableAlertActions: enable };
    for (const [opt, [flag, field, min, max]] of Object.entries(ALERT_OPTS)) {
      const v = ctx.str(opt);
      if (v === undefined) continue;
      const n = /^-\d+$/.test(v) ? Number(v) : parseNum(v, `--${opt}`, 0, max);
      if (n < min || n > max) throw new UsageError(`--${opt} must be ${min}..${max}`, 'alerts set');
      valid[flag] = true;
      enable[flag] = true;
      req[field] = n;
    }
    for (const d of ctx.list('disable')) {
      const a = ALERT_OPTS[d as keyof typeof ALERT_OPTS];
      if (!a) throw new UsageError(`--disable: unknown warning '${d}' (one of ${Object.keys(ALERT_OPTS).join(', ')})`, 'alerts set');
      valid[a[0]] = true;
      enable[a[0]] = false;
    }
    if (Object.keys(valid).length === 0) throw new UsageError('alerts set: give at least one threshold (--life-used, --over-temp ...) or --disable', 'alerts set');
    const t = await ctx.target();
    await t.memdevSetAlertConfig(req as never);
    const after = await t.memdevGetAlertConfig();
    return { json: { set: structJson('memdevSetAlertConfigReq', req), config: structJson('memdevGetAlertConfigRsp', after) }, text: section('Alert configuration now', structText('memdevGetAlertConfigRsp', after)) };
  },
};

const partition: CommandDef = {
  name: 'partition',
  family: 'cxl',
  summary: 'Get Partition Info (4100h): active and next volatile / persistent split',
  example: 'cxl-nvme partition mem1',
  async run(ctx) {
    const p = await (await ctx.target()).memdevGetPartitionInfo();
    const pending = p.nextVmem !== 0n || p.nextPmem !== 0n;
    return {
      json: structJson('memdevGetPartitionInfoRsp', p),
      text: keyValues([
        ['active volatile', bytesText(p.activeVmem * MiB256)],
        ['active persistent', bytesText(p.activePmem * MiB256)],
        ['next volatile', pending ? bytesText(p.nextVmem * MiB256) : '(no change pending)'],
        ['next persistent', pending ? bytesText(p.nextPmem * MiB256) : '(no change pending)'],
      ]),
    };
  },
};

const timestampGet: CommandDef = {
  name: 'timestamp get',
  family: 'cxl',
  summary: 'Get Timestamp (0300h)',
  example: 'cxl-nvme timestamp get mem0',
  async run(ctx) {
    const t = await (await ctx.target()).getTimestamp();
    return { json: structJson('getTimestampRsp', t), text: keyValues([['timestamp', nsText(t.timestamp)]]) };
  },
};

const timestampSet: CommandDef = {
  name: 'timestamp set',
  family: 'cxl',
  summary: 'Set Timestamp (0301h): to the host clock, or to --ns N nanoseconds since the epoch',
  options: { ns: { type: 'string', help: 'nanoseconds since the epoch (default: now)' } },
  example: 'cxl-nvme timestamp set mem0',
  async run(ctx) {
    const ns = ctx.big('ns', BigInt(Date.now()) * 1_000_000n);
    const t = await ctx.target();
    await t.setTimestamp({ timestamp: ns });
    const now = await t.getTimestamp();
    return { json: { set: ns.toString(), timestamp: now.timestamp.toString() }, text: keyValues([['set to', nsText(ns)], ['device now', nsText(now.timestamp)]]) };
  },
};

const securityState: CommandDef = {
  name: 'security state',
  family: 'cxl',
  summary: 'Get Security State (4500h): passphrases set, locked, frozen',
  example: 'cxl-nvme security state mem0',
  async run(ctx) {
    const s = await (await ctx.target()).memdevGetSecurityState();
    return { json: structJson('memdevGetSecurityStateRsp', s), text: keyValues([['security state', flagNames(s.securityState, 'no passphrase set, unlocked')]]) };
  },
};

// --- firmware -------------------------------------------------------------------------------------------

function fwLines(f: Awaited<ReturnType<CciTarget['getFwInfo']>>): string {
  const revs = [f.fwRev1, f.fwRev2, f.fwRev3, f.fwRev4].slice(0, Math.max(1, Math.min(4, f.slotsSupported)));
  const rows = revs.map((rev, i) => ({
    slot: i + 1,
    revision: rev || '(empty)',
    state: [i + 1 === f.slotInfo.activeSlot ? 'active' : '', i + 1 === f.slotInfo.stagedSlot ? 'staged for next reset' : ''].filter(Boolean).join(', ') || '-',
  }));
  return `${keyValues([
    ['slots supported', f.slotsSupported],
    ['online activation', f.caps.onlineActivation ? 'supported' : 'not supported'],
  ])}\n\n${table(rows, ['slot', 'revision', 'state'])}`;
}

const fwInfo: CommandDef = {
  name: 'fw info',
  family: 'cxl',
  summary: 'Get FW Info (0200h): slots, active and staged slot, revisions',
  example: 'cxl-nvme fw info mem0',
  async run(ctx) {
    const f = await (await ctx.target()).getFwInfo();
    return { json: structJson('getFwInfoRsp', f), text: fwLines(f) };
  },
};

/** A slot to write: --slot, else the first slot that is neither active nor staged. */
function pickSlot(ctx: Ctx, f: Awaited<ReturnType<CciTarget['getFwInfo']>>): number {
  const given = ctx.str('slot');
  if (given !== undefined) return parseNum(given, '--slot', 1, 4);
  for (let s = 1; s <= f.slotsSupported; s++) if (s !== f.slotInfo.activeSlot && s !== f.slotInfo.stagedSlot) return s;
  for (let s = 1; s <= f.slotsSupported; s++) if (s !== f.slotInfo.activeSlot) return s;
  throw new UsageError('no free firmware slot: pass --slot N', 'fw update');
}

const fwUpdate: CommandDef = {
  name: 'fw update',
  family: 'cxl',
  summary: 'Transfer FW (0201h) in 128-byte aligned parts with a progress bar, optionally then Activate FW (0202h)',
  args: 'FILE',
  minArgs: 1,
  maxArgs: 1,
  options: {
    slot: { type: 'string', help: 'slot to write (default: the first inactive slot)' },
    activate: { type: 'string', help: "activate afterwards: 'online' or 'reset' (at the next reset)" },
  },
  example: 'cxl-nvme fw update mem0 firmware.bin --slot 2 --activate online',
  async run(ctx) {
    const image = await ctx.readInput(ctx.arg(0));
    if (image.length === 0) throw new UsageError(`${ctx.arg(0)} is empty`, 'fw update');
    const activate = ctx.str('activate');
    if (activate !== undefined && activate !== 'online' && activate !== 'reset') throw new UsageError("--activate is 'online' or 'reset'", 'fw update');
    const t = await ctx.target();
    const before = await t.getFwInfo();
    const slot = pickSlot(ctx, before);
    // FW packages travel in 128-byte aligned parts (CXL r3.1 §8.2.9.3.2): pad the last part.
    const padded = new Uint8Array(Math.ceil(image.length / 128) * 128);
    padded.set(image);
    const chunk = Math.max(128, Math.floor((t.maxPayload - 128) / 128) * 128);
    const bar = ctx.progress(`transfer ${image.length} bytes to slot ${slot}`);
    const parts = Math.ceil(padded.length / chunk);
    for (let i = 0; i < parts; i++) {
      const data = padded.subarray(i * chunk, (i + 1) * chunk);
      const action = parts === 1 ? 'full' : i === 0 ? 'initiate' : i === parts - 1 ? 'end' : 'continue';
      const op = await t.transferFw({ action, slot, offset: (i * chunk) / 128, data }, ctx.background());
      await op.done;
      bar.update(((i + 1) / parts) * 100);
    }
    bar.done(`${parts} part${parts === 1 ? '' : 's'}`);
    if (activate) {
      const op = await t.activateFw({ action: activate === 'online' ? 'online' : 'onNextReset', slot }, ctx.background());
      await op.done;
    }
    const after = await t.getFwInfo();
    return {
      json: { slot, bytes: image.length, parts, activated: activate ?? null, fwInfo: structJson('getFwInfoRsp', after) },
      text: `wrote ${bytesText(image.length)} to slot ${slot} in ${parts} part(s)${activate ? `, activated ${activate === 'online' ? 'online' : 'at the next reset'}` : ''}\n\n${fwLines(after)}`,
    };
  },
};

const fwActivate: CommandDef = {
  name: 'fw activate',
  family: 'cxl',
  summary: 'Activate FW (0202h): a slot now (--online) or at the next reset (default)',
  options: {
    slot: { type: 'string', help: 'slot to activate (required)' },
    online: { type: 'boolean', help: 'activate now instead of at the next reset' },
  },
  example: 'cxl-nvme fw activate mem0 --slot 2 --online',
  async run(ctx) {
    const s = ctx.str('slot');
    if (s === undefined) throw new UsageError('fw activate needs --slot N', 'fw activate');
    const slot = parseNum(s, '--slot', 1, 4);
    const t = await ctx.target();
    const op = await t.activateFw({ action: ctx.flag('online') ? 'online' : 'onNextReset', slot }, ctx.background());
    await op.done;
    const after = await t.getFwInfo();
    return { json: { slot, online: ctx.flag('online'), fwInfo: structJson('getFwInfoRsp', after) }, text: `slot ${slot} ${ctx.flag('online') ? 'activated' : 'staged for the next reset'}\n\n${fwLines(after)}` };
  },
};

// --- logs and events --------------------------------------------------------------------------------------

const logsSupported: CommandDef = {
  name: 'logs supported',
  family: 'cxl',
  summary: 'Get Supported Logs (0400h): log UUIDs and sizes',
  example: 'cxl-nvme logs supported mem0',
  async run(ctx) {
    const r = await (await ctx.target()).getSupportedLogs();
    const rows = r.entries.map((e) => ({ uuid: e.uuid, name: LOG_NAMES.get(e.uuid) ?? 'vendor', size: e.logSize }));
    return { json: { logs: rows }, text: table(rows, ['uuid', 'name', 'size']) };
  },
};

const logsCel: CommandDef = {
  name: 'logs cel',
  family: 'cxl',
  summary: 'Read the Command Effects Log: every opcode the device supports and its effects',
  example: 'cxl-nvme logs cel mem0',
  async run(ctx) {
    const t = await ctx.target();
    const logs = await t.getSupportedLogs();
    const cel = logs.entries.find((e) => e.uuid === logUuids.cel);
    if (!cel) throw new UsageError('the device lists no Command Effects Log (Get Supported Logs)', 'logs cel');
    const bytes = await t.readLog(logUuids.cel, cel.logSize);
    const list = codecs.getLogCelList.decode(bytes);
    const rows = list.entries.map((e) => ({
      opcode: hex4(e.opcode),
      command: commandsByOpcode.has(e.opcode) ? commandNameOf(e.opcode) : 'unknown',
      effects: flagNames(e.commandEffect, '-'),
    }));
    return { json: { entries: list.entries.map((e) => ({ opcode: e.opcode, command: commandsByOpcode.has(e.opcode) ? commandNameOf(e.opcode) : null, commandEffect: e.commandEffect })) }, text: table(rows, ['opcode', 'command', 'effects']) };
  },
};

const LOG_BY_NAME = new Map<string, string>(Object.entries(logUuids));

/** The log argument: a UUID, or one of the spec's log names (`vendorDebug`, `componentStateDump`, ...). */
function logArg(ctx: Ctx): string {
  const a = ctx.arg(0);
  const uuid = LOG_BY_NAME.get(a) ?? a.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(uuid)) {
    throw new UsageError(`'${a}' is not a UUID or one of ${[...LOG_BY_NAME.keys()].join(', ')}`, ctx.command.name);
  }
  return uuid;
}

const logsClear: CommandDef = {
  name: 'logs clear',
  family: 'cxl',
  summary: 'Clear Log (0403h): empty a log whose Get Log Capabilities allow it',
  args: 'UUID|NAME',
  minArgs: 1,
  maxArgs: 1,
  destructive: "discards the log's contents",
  example: 'cxl-nvme logs clear mem0 vendorDebug --yes',
  async run(ctx) {
    const uuid = logArg(ctx);
    await (await ctx.target()).clearLog({ uuid });
    return { json: { uuid, cleared: true }, text: `log ${uuid} (${LOG_NAMES.get(uuid) ?? 'vendor'}) cleared` };
  },
};

const logsPopulate: CommandDef = {
  name: 'logs populate',
  family: 'cxl',
  summary: 'Populate Log (0404h): have the device fill a log now (background, progress bar), then report its size',
  args: 'UUID|NAME',
  minArgs: 1,
  maxArgs: 1,
  example: 'cxl-nvme logs populate mem0 vendorDebug',
  async run(ctx) {
    const uuid = logArg(ctx);
    const t = await ctx.target();
    const bar = ctx.progress('populate log');
    const op = await t.populateLog({ uuid }, ctx.background((p) => bar.update(p)));
    await op.done;
    bar.done();
    const size = (await t.getSupportedLogs()).entries.find((e) => e.uuid === uuid)?.logSize ?? null;
    return { json: { uuid, size }, text: `log ${uuid} (${LOG_NAMES.get(uuid) ?? 'vendor'}) populated${size === null ? '' : `: ${size} bytes`}` };
  },
};

const logsGet: CommandDef = {
  name: 'logs get',
  family: 'cxl',
  summary: 'Get Log (0401h): the raw bytes of a log by UUID or name, as a hex dump or to a file',
  args: 'UUID|NAME',
  minArgs: 1,
  maxArgs: 1,
  options: {
    offset: { type: 'string', help: 'first byte (default 0)' },
    length: { type: 'string', help: 'bytes to read (default: the rest of the log)' },
    output: { type: 'string', short: 'o', help: 'write the bytes to this file' },
  },
  example: 'cxl-nvme logs get mem0 0da9c0b5-bf41-4b78-8f79-96b1623b3f17 -o cel.bin',
  async run(ctx) {
    const uuid = logArg(ctx);
    const t = await ctx.target();
    const offset = ctx.num('offset', 0);
    let length = ctx.str('length') === undefined ? undefined : ctx.num('length', 0);
    if (length === undefined) {
      const e = (await t.getSupportedLogs()).entries.find((x) => x.uuid === uuid);
      if (!e) throw new UsageError(`the device does not list log ${uuid}; see \`cxl-nvme logs supported\``, 'logs get');
      length = Math.max(0, e.logSize - offset);
    }
    const whole = await t.readLog(uuid, offset + length);
    const bytes = whole.subarray(offset);
    const out = ctx.str('output');
    if (out) {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(out, bytes);
    }
    return {
      json: { uuid, offset, length: bytes.length, ...(out ? { file: out } : { data: bytes }) },
      text: out ? `wrote ${bytes.length} bytes of log ${uuid} to ${out}` : `${uuid} (${LOG_NAMES.get(uuid) ?? 'vendor'}), ${bytes.length} bytes from offset ${offset}\n${hexdump(bytes, offset)}`,
    };
  },
};

function logsToRead(ctx: Ctx): string[] {
  const l = ctx.str('log') ?? 'all';
  if (l === 'all') return EVENT_LOGS;
  if (!EVENT_LOGS.includes(l)) throw new UsageError(`--log must be one of ${EVENT_LOGS.join(', ')} or all`, ctx.command.name);
  return [l];
}

const eventsGet: CommandDef = {
  name: 'events get',
  family: 'cxl',
  summary: 'Get Event Records (0100h) from one event log or all of them',
  options: { log: { type: 'string', help: 'informational, warning, failure, fatal, dynamicCapacity or all (default)' } },
  example: 'cxl-nvme events get mem1 --log informational',
  async run(ctx) {
    const t = await ctx.target();
    const logs: Obj[] = [];
    const rows: Obj[] = [];
    for (const log of logsToRead(ctx)) {
      const r = await t.getEventRecords({ eventLog: log as never });
      logs.push({ log, ...structJson('getEventRecordsRsp', r) });
      for (const e of r.records) {
        rows.push({ log, handle: e.handle, severity: e.flags.severity, type: EVENT_NAMES.get(e.uuid) ?? e.uuid, timestamp: nsText(e.timestamp), flags: flagNames({ ...e.flags, severity: false }, '-') });
      }
      if (r.flags.overflow) rows.push({ log, handle: '-', severity: '-', type: `overflow: ${r.overflowErrCount} records lost`, timestamp: nsText(r.lastOverflowTimestamp), flags: '-' });
    }
    return { json: { logs }, text: table(rows, ['log', 'handle', 'severity', 'type', 'timestamp', 'flags']) };
  },
};

const eventsClear: CommandDef = {
  name: 'events clear',
  family: 'cxl',
  summary: 'Clear Event Records (0101h): the records Get Event Records returns now (or --handle N), or --all after an overflow',
  options: {
    log: { type: 'string', help: 'event log (required unless all logs: informational, warning, failure, fatal, dynamicCapacity, all)' },
    handle: { type: 'string', multiple: true, help: 'clear these record handles only' },
    all: { type: 'boolean', help: 'Clear All Events (only valid while the log has overflowed)' },
  },
  example: 'cxl-nvme events clear mem1 --log informational',
  async run(ctx) {
    const t = await ctx.target();
    const cleared: Obj[] = [];
    for (const log of logsToRead(ctx)) {
      if (ctx.flag('all')) {
        await t.clearEventRecords({ eventLog: log as never, clearFlags: { clearAllEvents: true }, nrRecs: 0, handles: [] });
        cleared.push({ log, all: true });
        continue;
      }
      const given = ctx.list('handle').map((h) => parseNum(h, '--handle', 0, 0xffff));
      const handles = given.length ? given : (await t.getEventRecords({ eventLog: log as never })).records.map((r) => r.handle);
      if (handles.length === 0) continue;
      await t.clearEventRecords({ eventLog: log as never, nrRecs: handles.length, handles });
      cleared.push({ log, handles });
    }
    const text = cleared.length ? cleared.map((c) => `${c.log}: cleared ${c.all ? 'all records' : `handles ${(c.handles as number[]).join(', ')}`}`).join('\n') : 'no records to clear';
    return { json: { cleared }, text };
  },
};

// --- poison, scan media, sanitize --------------------------------------------------------------------------

async function capacityBytes(t: CciTarget): Promise<bigint> {
  return (await t.memdevIdentify()).totalCapacity * MiB256;
}

function align64(v: bigint, what: string, cmd: string): bigint {
  if (v % 64n !== 0n) throw new UsageError(`${what} must be 64-byte aligned, got ${hexN(v)}`, cmd);
  return v;
}

const poisonList: CommandDef = {
  name: 'poison list',
  family: 'cxl',
  summary: 'Get Poison List (4300h) over a DPA range (default: the whole device), following More Media Error Records',
  options: {
    start: { type: 'string', help: 'first DPA (64-byte aligned, default 0)' },
    length: { type: 'string', help: 'range length in bytes (default: to the end of the device)' },
  },
  example: 'cxl-nvme poison list mem1',
  async run(ctx) {
    const t = await ctx.target();
    const start = align64(ctx.big('start', 0n), '--start', 'poison list');
    const length = align64(ctx.str('length') === undefined ? (await capacityBytes(t)) - start : ctx.big('length', 0n), '--length', 'poison list');
    const records: Obj[] = [];
    const flags: Obj[] = [];
    for (let i = 0; i < 64; i++) {
      const r = await t.getPoisonList({ getPoisonListPhyAddr: { cacheline: start / 64n }, getPoisonListPhyAddrLen: length / 64n });
      flags.push(r.poisonListFlags);
      for (const rec of r.records) records.push({ dpa: rec.mediaErrAddr.cacheline * 64n, length: BigInt(rec.mediaErrLen) * 64n, source: rec.mediaErrAddr.errorSource });
      if (!r.poisonListFlags.moreMediaErrorRecords) break;
    }
    const last = flags[flags.length - 1] ?? {};
    const rows = records.map((r) => ({ dpa: hexN(r.dpa as bigint, 12), length: bytesText(r.length as bigint), source: r.source }));
    return {
      json: { start, length, records, overflow: (last as { poisonListOverflow?: boolean }).poisonListOverflow === true },
      text: `${records.length} poisoned range(s) in ${hexN(start)}..${hexN(start + length)}\n${table(rows, ['dpa', 'length', 'source'])}`,
    };
  },
};

const poisonInject: CommandDef = {
  name: 'poison inject',
  family: 'cxl',
  summary: 'Inject Poison (4301h) at a DPA (testing: the data there reads back as poison)',
  args: 'DPA',
  minArgs: 1,
  maxArgs: 1,
  destructive: 'poisons device memory: the data at that address is lost',
  example: 'cxl-nvme poison inject mem0 0x1000 --yes',
  async run(ctx) {
    const dpa = align64(parseBig(ctx.arg(0), 'DPA'), 'DPA', 'poison inject');
    await (await ctx.target()).memdevInjectPoison({ injectPoisonPhyAddr: dpa });
    return { json: { dpa }, text: `poison injected at ${hexN(dpa)}` };
  },
};

const poisonClear: CommandDef = {
  name: 'poison clear',
  family: 'cxl',
  summary: 'Clear Poison (4302h) at a DPA, writing 64 bytes of replacement data (zeroes unless --data HEX)',
  args: 'DPA',
  minArgs: 1,
  maxArgs: 1,
  options: { data: { type: 'string', help: '64 bytes of replacement data as hex (default zeroes)' } },
  destructive: 'overwrites 64 bytes of device memory',
  example: 'cxl-nvme poison clear mem1 0x40000 --yes',
  async run(ctx) {
    const dpa = align64(parseBig(ctx.arg(0), 'DPA'), 'DPA', 'poison clear');
    const hex = ctx.str('data');
    const data = new Uint8Array(64);
    if (hex !== undefined) {
      if (!/^([0-9a-fA-F]{2}){1,64}$/.test(hex)) throw new UsageError('--data is up to 64 bytes of hex', 'poison clear');
      data.set(Uint8Array.from(hex.match(/../g)!.map((b) => Number.parseInt(b, 16))));
    }
    await (await ctx.target()).memdevClearPoison({ clearPoisonPhyAddr: dpa, clearPoisonWriteData: data });
    return { json: { dpa }, text: `poison cleared at ${hexN(dpa)}` };
  },
};

const scanMedia: CommandDef = {
  name: 'scan-media',
  family: 'cxl',
  summary: 'Scan Media (4304h) over a DPA range with a progress bar, then Get Scan Media Results (4305h)',
  options: {
    start: { type: 'string', help: 'first DPA (default 0)' },
    length: { type: 'string', help: 'bytes to scan (default: to the end of the device)' },
    'no-event-log': { type: 'boolean', help: 'do not add event records for what is found' },
  },
  example: 'cxl-nvme scan-media mem1',
  async run(ctx) {
    const t = await ctx.target();
    const start = align64(ctx.big('start', 0n), '--start', 'scan-media');
    const length = align64(ctx.str('length') === undefined ? (await capacityBytes(t)) - start : ctx.big('length', 0n), '--length', 'scan-media');
    const bar = ctx.progress('scan media');
    const op = await t.memdevScanMedia(
      { scanMediaPhysaddr: start, scanMediaPhysaddrLength: length / 64n, scanMediaFlags: { noEventLog: ctx.flag('no-event-log') } },
      ctx.background((p) => bar.update(p)),
    );
    await op.done;
    bar.done();
    const records: Obj[] = [];
    for (let i = 0; i < 64; i++) {
      const r = await t.memdevGetScanMediaResults();
      for (const rec of r.record) records.push({ dpa: rec.mediaErrorAddress.cacheline * 64n, length: BigInt(rec.mediaErrorLength) * 64n, source: rec.mediaErrorAddress.errorSource });
      if (!r.scanMediaFlags.moreMediaErrorRecords) break;
    }
    const rows = records.map((r) => ({ dpa: hexN(r.dpa as bigint, 12), length: bytesText(r.length as bigint), source: r.source }));
    return { json: { start, length, records }, text: `scanned ${bytesText(length)} from ${hexN(start)}: ${records.length} media error record(s)\n${table(rows, ['dpa', 'length', 'source'])}` };
  },
};

const sanitize: CommandDef = {
  name: 'sanitize',
  family: 'cxl',
  summary: 'Sanitize (4400h): erase all user data, labels and event logs (background, progress bar)',
  destructive: 'erases every byte of user data, the label storage area and the event logs',
  example: 'cxl-nvme sanitize mem0 --yes',
  async run(ctx) {
    const bar = ctx.progress('sanitize');
    const op = await (await ctx.target()).memdevSanitize(ctx.background((p) => bar.update(p)));
    await op.done;
    bar.done();
    return { json: { sanitized: true }, text: `${ctx.deviceName()} sanitized` };
  },
};

const secureErase: CommandDef = {
  name: 'secure-erase',
  family: 'cxl',
  summary: 'Secure Erase (4401h): make all user data unreadable by changing the media encryption keys',
  destructive: 'makes every byte of user data unreadable',
  example: 'cxl-nvme secure-erase mem0 --yes',
  async run(ctx) {
    await (await ctx.target()).memdevSecureErase();
    return { json: { erased: true }, text: `${ctx.deviceName()} securely erased` };
  },
};

// --- features, dynamic capacity --------------------------------------------------------------------------

const FEATURE_ENTRY = 48;

const featuresList: CommandDef = {
  name: 'features list',
  family: 'cxl',
  summary: 'Get Supported Features (0500h): feature UUIDs, sizes and attributes',
  example: 'cxl-nvme features list mem0',
  async run(ctx) {
    const t = await ctx.target();
    const entries: Obj[] = [];
    const perCall = Math.max(1, Math.floor((t.maxPayload - 8) / FEATURE_ENTRY));
    for (let index = 0; ; ) {
      const r = await t.getSupportedFeatures({ count: perCall * FEATURE_ENTRY, startingFeatureIndex: index });
      entries.push(...(r.supportedFeatureEntries as unknown as Obj[]));
      index += r.numSupportedFeatureEntries;
      if (r.numSupportedFeatureEntries === 0 || index >= r.deviceSupportedFeatures) break;
    }
    const rows = entries.map((e) => ({
      uuid: e.featureId,
      index: e.featureIndex,
      'get size': e.getFeatureSize,
      'set size': e.setFeatureSize,
      version: `${e.getFeatureVersion}/${e.setFeatureVersion}`,
      attributes: flagNames(e.attributeFlags, '-'),
    }));
    return { json: { features: entries.map((e) => structJson('supportedFeatureEntry', e)) }, text: table(rows, ['uuid', 'index', 'get size', 'set size', 'version', 'attributes']) };
  },
};

const featuresGet: CommandDef = {
  name: 'features get',
  family: 'cxl',
  summary: 'Get Feature (0501h): the current, default or saved data of a feature',
  args: 'UUID',
  minArgs: 1,
  maxArgs: 1,
  options: {
    selection: { type: 'string', help: 'current (default), default or saved' },
    count: { type: 'string', help: 'bytes to read (default: the feature’s Get Feature Size)' },
  },
  example: 'cxl-nvme features get mem0 96dad7d6-fde8-482b-a733-75777a3f00d4',
  async run(ctx) {
    const uuid = ctx.arg(0).toLowerCase();
    const sel = ctx.str('selection') ?? 'current';
    if (!['current', 'default', 'saved'].includes(sel)) throw new UsageError('--selection is current, default or saved', 'features get');
    const t = await ctx.target();
    let count = ctx.str('count') === undefined ? undefined : ctx.num('count', 0, 1, 0xffff);
    if (count === undefined) {
      const r = await t.getSupportedFeatures({ count: 16 * FEATURE_ENTRY, startingFeatureIndex: 0 });
      const e = r.supportedFeatureEntries.find((x) => x.featureId === uuid);
      if (!e) throw new UsageError(`feature ${uuid} is not in the first entries of Get Supported Features; pass --count`, 'features get');
      count = e.getFeatureSize;
    }
    const r = await t.getFeature({ featureId: uuid, offset: 0, count, selection: sel as 'current' });
    return { json: { uuid, selection: sel, data: r.featureData }, text: `${uuid} (${sel}), ${r.featureData.length} bytes\n${hexdump(r.featureData)}` };
  },
};

const dcConfig: CommandDef = {
  name: 'dc config',
  family: 'cxl',
  summary: 'Get Dynamic Capacity Configuration (4800h): DC regions',
  example: 'cxl-nvme dc config mem1',
  async run(ctx) {
    const r = await (await ctx.target()).memdevGetDcConfig({ regionCnt: 8, startRegionId: 0 });
    const rows = r.regionConfigs.map((c, i) => ({
      region: i,
      base: hexN(c.base),
      length: bytesText(c.regionLen),
      'block size': bytesText(c.blockSize),
      flags: flagNames(c.flags, '-'),
    }));
    // The extent / tag counters follow the regions (a trailer in the table).
    const t = r as unknown as Record<string, number | undefined>;
    const counters = t.numExtentsSupported === undefined ? '' : `\nextents ${t.numExtentsAvailable} available of ${t.numExtentsSupported}, tags ${t.numTagsAvailable} available of ${t.numTagsSupported}`;
    return { json: structJson('memdevGetDcConfigRsp', r), text: `${r.numRegions} region(s)\n${table(rows, ['region', 'base', 'length', 'block size', 'flags'])}${counters}` };
  },
};

const dcExtents: CommandDef = {
  name: 'dc extents',
  family: 'cxl',
  summary: 'Get Dynamic Capacity Extent List (4801h): the extents the host holds',
  example: 'cxl-nvme dc extents mem1',
  async run(ctx) {
    const r = await (await ctx.target()).memdevGetDcExtentList({ extentCnt: 64, startExtentIdx: 0 });
    const rows = r.extents.map((e) => ({ start: hexN(e.startDpa), length: bytesText(e.len), tag: e.tag, 'shared seq': e.sharedSeq }));
    return { json: structJson('memdevGetDcExtentListRsp', r), text: `${r.totalNumExtents} extent(s), generation ${r.generationNum}\n${table(rows, ['start', 'length', 'tag', 'shared seq'])}` };
  },
};

// --- FM-API ----------------------------------------------------------------------------------------------

function bitmaskPorts(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((b, i) => {
    for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) out.push(i * 8 + bit);
  });
  return out;
}

function switchText(s: Awaited<ReturnType<CciTarget['fmapiIdentifySwDevice']>>): string {
  return keyValues([
    ['ingress port', s.ingressPortId],
    ['physical ports', s.numPhysicalPorts],
    ['active ports', bitmaskPorts(s.activePortBitmask).join(', ') || 'none'],
    ['virtual CXL switches', s.numVcs],
    ['active VCSs', bitmaskPorts(s.activeVcsBitmask).join(', ') || 'none'],
    ['vPPBs (total / active)', `${s.numTotalVppb} / ${s.numActiveVppb}`],
    ['HDM decoders per USP', s.numHdmDecoderPerUsp],
  ]);
}

const switchIdentify: CommandDef = {
  name: 'switch identify',
  family: 'cxl',
  wantsSwitch: true,
  summary: 'Identify Switch Device (5100h): ports, VCSs, vPPBs',
  example: 'cxl-nvme switch identify sw0',
  async run(ctx) {
    const s = await (await ctx.target()).fmapiIdentifySwDevice();
    return { json: structJson('fmapiIdentifySwDeviceRsp', s), text: switchText(s) };
  },
};

const ports: CommandDef = {
  name: 'ports',
  family: 'cxl',
  wantsSwitch: true,
  summary: 'Get Physical Port State (5101h) of every port (or --port N ...)',
  options: { port: { type: 'string', multiple: true, help: 'port id (repeatable; default all)' } },
  example: 'cxl-nvme ports sw0',
  async run(ctx) {
    const t = await ctx.target();
    let ids = ctx.list('port').map((p) => parseNum(p, '--port', 0, 255));
    if (ids.length === 0) {
      const s = await t.fmapiIdentifySwDevice();
      ids = Array.from({ length: s.numPhysicalPorts }, (_, i) => i);
    }
    const r = await t.fmapiGetPhysPortState({ numPorts: ids.length, ports: Uint8Array.from(ids) });
    const rows = r.ports.map((p) => ({
      port: p.portId,
      state: p.configState.state,
      device: p.connDevType,
      cxl: p.connDevCxlVer,
      width: `x${p.negotiatedLinkWidth}/x${p.maxLinkWidth}`,
      speed: `${p.currentLinkSpeed}/${p.maxLinkSpeed}`,
      ltssm: p.ltssmState,
      lds: p.supportedLdCount,
    }));
    return { json: structJson('fmapiGetPhysPortStateRsp', r), text: table(rows, ['port', 'state', 'device', 'cxl', 'width', 'speed', 'ltssm', 'lds']) };
  },
};

/** VCS Information List (CXL r3.1 §7.6.7.2.1 Table 7-xx): per VCS a 4-byte header, then 4-byte vPPB entries. */
function decodeVcsList(bytes: Uint8Array, numVcs: number, startVppb: number, limit: number): Obj[] {
  const out: Obj[] = [];
  let o = 0;
  for (let v = 0; v < numVcs && o + 4 <= bytes.length; v++) {
    const [vcsId, state, uspId, numVppbs] = [bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!];
    o += 4;
    const n = Math.max(0, Math.min(limit, numVppbs - startVppb));
    const vppbs: Obj[] = [];
    for (let i = 0; i < n && o + 4 <= bytes.length; i++, o += 4) {
      const status = bytes[o]!;
      vppbs.push({
        vppb: startVppb + i,
        // Binding Status (CXL r3.1 Table 7-xx, Get Virtual CXL Switch Info vPPB entry).
        status: (['unbound', 'bindOrUnbindInProgress', 'boundPort', 'boundLd'] as const)[status] ?? status,
        port: bytes[o + 1]!,
        ld: bytes[o + 2]!,
      });
    }
    out.push({ vcsId, state: state === 0 ? 'disabled' : state === 1 ? 'enabled' : state === 0xff ? 'invalid' : state, uspId, numVppbs, vppbs });
  }
  return out;
}

const vcs: CommandDef = {
  name: 'vcs',
  family: 'cxl',
  wantsSwitch: true,
  summary: 'Get Virtual CXL Switch Info (5200h): VCS state, USP and vPPB bindings',
  options: { vcs: { type: 'string', multiple: true, help: 'VCS id (repeatable; default all active)' } },
  example: 'cxl-nvme vcs sw0',
  async run(ctx) {
    const t = await ctx.target();
    let ids = ctx.list('vcs').map((v) => parseNum(v, '--vcs', 0, 255));
    if (ids.length === 0) ids = bitmaskPorts((await t.fmapiIdentifySwDevice()).activeVcsBitmask);
    const limit = 32;
    const r = await t.fmapiGetVcsInfo({ startVppb: 0, vppbListLimit: limit, numVcs: ids.length, vcsIdList: Uint8Array.from(ids) });
    const list = decodeVcsList(r.vcsInfoList, r.numVcs, 0, limit);
    const text = list
      .map((v) => {
        const rows = (v.vppbs as Obj[]).map((p) => ({ vppb: p.vppb, status: p.status, port: p.port, ld: p.ld }));
        return `VCS ${v.vcsId}: ${v.state}, USP ${v.uspId}, ${v.numVppbs} vPPB(s)\n${table(rows, ['vppb', 'status', 'port', 'ld'])}`;
      })
      .join('\n\n');
    return { json: { numVcs: r.numVcs, vcs: list }, text: text || 'no VCS' };
  },
};

const bind: CommandDef = {
  name: 'bind',
  family: 'cxl',
  wantsSwitch: true,
  summary: 'Bind vPPB (5201h): bind a vPPB of a VCS to a port (or to an LD of an MLD port)',
  options: {
    vcs: { type: 'string', help: 'VCS id (required)' },
    vppb: { type: 'string', help: 'vPPB index (required)' },
    port: { type: 'string', help: 'physical port id (required)' },
    ld: { type: 'string', help: 'LD id of an MLD port (default FFFFh: the whole port)' },
  },
  example: 'cxl-nvme bind sw0 --vcs 0 --vppb 1 --port 2',
  async run(ctx) {
    const need = (k: string) => ctx.requiredNum(k, 0, 255);
    const req = { vcsId: need('vcs'), vppbId: need('vppb'), portId: need('port'), ldId: ctx.num('ld', 0xffff, 0, 0xffff) };
    const bar = ctx.progress('bind');
    const op = await (await ctx.target()).fmapiBindVppb(req, ctx.background((p) => bar.update(p)));
    await op.done;
    bar.done();
    return { json: req, text: `VCS ${req.vcsId} vPPB ${req.vppbId} bound to port ${req.portId}${req.ldId !== 0xffff ? ` LD ${req.ldId}` : ''}` };
  },
};

const unbind: CommandDef = {
  name: 'unbind',
  family: 'cxl',
  wantsSwitch: true,
  summary: 'Unbind vPPB (5202h)',
  options: {
    vcs: { type: 'string', help: 'VCS id (required)' },
    vppb: { type: 'string', help: 'vPPB index (required)' },
    mode: { type: 'string', help: 'wait (for link down, default), managed (hot remove) or surprise' },
  },
  example: 'cxl-nvme unbind sw0 --vcs 0 --vppb 1',
  async run(ctx) {
    const need = (k: string) => ctx.requiredNum(k, 0, 255);
    const modes = { wait: 'waitForLinkDown', managed: 'managedHotRemove', surprise: 'surpriseHotRemove' } as const;
    const mode = ctx.str('mode') ?? 'wait';
    const unbindOption = modes[mode as keyof typeof modes];
    if (!unbindOption) throw new UsageError('--mode is wait, managed or surprise', 'unbind');
    const req = { vcsId: need('vcs'), vppbId: need('vppb'), option: { unbindOption } };
    const bar = ctx.progress('unbind');
    const op = await (await ctx.target()).fmapiUnbindVppb(req, ctx.background((p) => bar.update(p)));
    await op.done;
    bar.done();
    return { json: { vcsId: req.vcsId, vppbId: req.vppbId, mode: unbindOption }, text: `VCS ${req.vcsId} vPPB ${req.vppbId} unbound (${unbindOption})` };
  },
};

const ldInfo: CommandDef = {
  name: 'ld info',
  family: 'cxl',
  summary: 'Get LD Info (5400h) of an MLD: memory size, LD count, QoS telemetry capabilities',
  example: 'cxl-nvme ld info sw0 --tunnel port=1',
  async run(ctx) {
    const r = await (await ctx.target()).fmapiGetLdInfo();
    return {
      json: structJson('fmapiGetLdInfoRsp', r),
      text: keyValues([
        ['memory size', bytesText(r.memorySize)],
        ['logical devices', r.ldCount],
        ['QoS telemetry', flagNames(r.qosTelemetryCapability)],
      ]),
    };
  },
};

const GRANULARITY: Record<string, bigint> = { mib256: 256n << 20n, mib512: 512n << 20n, gib1: 1n << 30n };

const ldAllocations: CommandDef = {
  name: 'ld allocations',
  family: 'cxl',
  summary: 'Get LD Allocations (5401h): per-LD range 1 / range 2 multipliers',
  example: 'cxl-nvme ld allocations sw0 --tunnel port=1',
  async run(ctx) {
    const r = await (await ctx.target()).fmapiGetLdAllocations({ startLdId: 0, ldAllocationListLimit: 255 });
    const unit = GRANULARITY[String(r.memoryGranularity)];
    const rows = r.ldAllocationList.map((a, i) => ({
      ld: r.startLdId + i,
      'range 1': unit ? bytesText(a.range1AllocationMult * unit) : a.range1AllocationMult,
      'range 2': unit ? bytesText(a.range2AllocationMult * unit) : a.range2AllocationMult,
    }));
    return { json: structJson('fmapiGetLdAllocationsRsp', r), text: `${r.numberLd} LD(s), granularity ${r.memoryGranularity}\n${table(rows, ['ld', 'range 1', 'range 2'])}` };
  },
};

const qos: CommandDef = {
  name: 'qos',
  family: 'cxl',
  summary: 'Get QoS Control (5403h) and Get QoS Status (5405h) of an MLD',
  example: 'cxl-nvme qos sw0 --tunnel port=1',
  async run(ctx) {
    const t = await ctx.target();
    const c = await t.fmapiGetQosControl();
    const s = await t.fmapiGetQosStatus();
    return {
      json: { control: structJson('fmapiGetQosControlRsp', c), status: structJson('fmapiGetQosStatusRsp', s) },
      text: keyValues([
        ['telemetry control', flagNames(c.qosTelemetryControl)],
        ['egress moderate', `${c.egressModeratePercentage}%`],
        ['egress severe', `${c.egressSeverePercentage}%`],
        ['backpressure sample interval', c.backpressureSampleInterval],
        ['ReqCmpBasis', c.recmpbasis],
        ['completion collection interval', c.completionCollectionInterval],
        ['average backpressure', `${s.backpressureAvgPercentage}%`],
      ]),
    };
  },
};

const dcdInfo: CommandDef = {
  name: 'dcd info',
  family: 'cxl',
  summary: 'Get DCD Info (5600h): hosts, regions, policies, total dynamic capacity',
  example: 'cxl-nvme dcd info mem1',
  async run(ctx) {
    const r = await (await ctx.target()).fmapiGetDcdInfo();
    return {
      json: structJson('fmapiGetDcdInfoRsp', r),
      text: keyValues([
        ['hosts', r.numHosts],
        ['DC regions', r.numSupportedDcRegions],
        ['selection policies', flagNames(r.capacitySelectionPolicies)],
        ['removal policies', flagNames(r.capacityRemovalPolicies)],
        ['sanitize on release', flagNames(r.sanitizeOnReleaseConfigMask)],
        ['total dynamic capacity', bytesText(r.totalDynamicCapacity * MiB256)],
      ]),
    };
  },
};

const HOST = { host: { type: 'string', help: 'host id (default 0)' } } as const;

const dcdConfig: CommandDef = {
  name: 'dcd config',
  family: 'cxl',
  summary: 'Get Host DC Region Configuration (5601h)',
  options: HOST,
  example: 'cxl-nvme dcd config mem1 --host 0',
  async run(ctx) {
    const r = await (await ctx.target()).fmapiGetDcRegConfig({ hostId: ctx.num('host', 0, 0, 0xffff), regionCnt: 8, startRegionId: 0 });
    return one('fmapiGetHostDcRegionConfigRsp', r);
  },
};

const dcdExtents: CommandDef = {
  name: 'dcd extents',
  family: 'cxl',
  summary: 'Get DC Region Extent Lists (5603h): the extents of one host',
  options: HOST,
  example: 'cxl-nvme dcd extents mem1 --host 0',
  async run(ctx) {
    const r = await (await ctx.target()).fmapiGetDcRegionExtList({ hostId: ctx.num('host', 0, 0, 0xffff), extentCount: 64, startExtIndex: 0 });
    const rows = r.extents.map((e) => {
      const x = e as unknown as Obj;
      return { start: hexN((x.startDpa as bigint) ?? 0n), length: bytesText((x.len as bigint) ?? 0n), tag: x.tag };
    });
    return { json: structJson('fmapiGetDcRegionExtListRsp', r), text: `host ${r.hostId}: ${r.totalExtents} extent(s), generation ${r.listGenerationNum}\n${table(rows, ['start', 'length', 'tag'])}` };
  },
};

const dcdAdd: CommandDef = {
  name: 'dcd add',
  family: 'cxl',
  summary: 'Initiate Dynamic Capacity Add (5604h): offer capacity of a region to a host (free or contiguous policy)',
  options: {
    ...HOST,
    region: { type: 'string', help: 'DC region number (default 0)' },
    length: { type: 'string', help: 'bytes to offer (required; a multiple of the region block size)' },
    policy: { type: 'string', help: 'free (default) or contiguous' },
  },
  example: 'cxl-nvme dcd add mem1 --region 0 --length 256MiB',
  async run(ctx) {
    const len = ctx.str('length');
    if (len === undefined) throw new UsageError('dcd add needs --length', 'dcd add');
    const policy = ctx.str('policy') ?? 'free';
    if (policy !== 'free' && policy !== 'contiguous') throw new UsageError('--policy is free or contiguous', 'dcd add');
    const req = { hostId: ctx.num('host', 0, 0, 0xffff), selectionPolicy: { policy }, regionNum: ctx.num('region', 0, 0, 7), length: parseBig(len, '--length'), extCount: 0, extents: [] };
    await (await ctx.target()).fmapiInitiateDcAdd(req as never);
    return { json: { hostId: req.hostId, region: req.regionNum, length: req.length, policy }, text: `offered ${bytesText(req.length)} of region ${req.regionNum} to host ${req.hostId} (${policy})` };
  },
};

const dcdRelease: CommandDef = {
  name: 'dcd release',
  family: 'cxl',
  summary: 'Initiate Dynamic Capacity Release (5605h): ask a host to give back capacity (tag-based)',
  options: {
    ...HOST,
    length: { type: 'string', help: 'bytes to release (required)' },
    forced: { type: 'boolean', help: 'forced removal (the host is not asked)' },
    sanitize: { type: 'boolean', help: 'sanitize the capacity on release' },
  },
  destructive: 'takes memory away from a host; with --forced, even memory it is using',
  example: 'cxl-nvme dcd release mem1 --length 256MiB --yes',
  async run(ctx) {
    const len = ctx.str('length');
    if (len === undefined) throw new UsageError('dcd release needs --length', 'dcd release');
    const req = {
      hostId: ctx.num('host', 0, 0, 0xffff),
      flags: { removalPolicy: 'tagBased', forcedRemoval: ctx.flag('forced'), sanitizeOnRelease: ctx.flag('sanitize') },
      length: parseBig(len, '--length'),
      extCount: 0,
      extents: [],
    };
    await (await ctx.target()).fmapiInitiateDcRelease(req as never);
    return { json: { hostId: req.hostId, length: req.length, forced: ctx.flag('forced') }, text: `asked host ${req.hostId} to release ${bytesText(req.length)}` };
  },
};

export const cxlCommands: readonly CommandDef[] = [
  identify,
  health,
  alertsGet,
  alertsSet,
  partition,
  fwInfo,
  fwUpdate,
  fwActivate,
  timestampGet,
  timestampSet,
  logsSupported,
  logsCel,
  logsGet,
  logsClear,
  logsPopulate,
  eventsGet,
  eventsClear,
  poisonList,
  poisonInject,
  poisonClear,
  scanMedia,
  sanitize,
  secureErase,
  securityState,
  featuresList,
  featuresGet,
  dcConfig,
  dcExtents,
  switchIdentify,
  ports,
  vcs,
  bind,
  unbind,
  ldInfo,
  ldAllocations,
  qos,
  dcdInfo,
  dcdConfig,
  dcdExtents,
  dcdAdd,
  dcdRelease,
];

/** For `demo` and `info`: a health report of a memory device (identify + health). */
export { healthLines, identifyAll };
