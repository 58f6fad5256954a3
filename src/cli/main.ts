#!/usr/bin/env node
/**
 * The `cxl-nvme` command. `main(argv, io)` runs one command line and resolves with the exit code,
 * writing only through `io`, so tests run it in-process; the bin at the bottom wires it to the
 * process. Device selection, --sim / --replay / --record / --tunnel / --json and exit codes are
 * handled here; the commands themselves live in cxl-commands.ts and nvme-commands.ts.
 */
import { realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { listDevices, listSimulated } from '../api/list.js';
import { openCxl, openNvme, resolveScenario } from '../api/open.js';
import { jsonValue } from '../structs/format.js';
import { SimCxlType3 } from '../transport/sim/index.js';
import { type CliIo, type CommandDef, type CommandResult, Ctx, defaultSimDevice, familyOf, type Globals, looksLikeDevice, type OptionSpec, parseNum, simSpec } from './context.js';
import { cxlCommands, cxlInfo, healthLines } from './cxl-commands.js';
import { adviceFor, errorJson, EXIT, exitCodeOf, UsageError } from './errors.js';
import { nvmeCommands, nvmeInfo, smartText } from './nvme-commands.js';
import { keyValues, table, toJsonText } from './output.js';
import { bytesText, hexN, section } from './render.js';

export type { CliIo } from './context.js';

const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  device: { type: 'string', short: 'd', help: 'device: mem0, /dev/cxl/mem0, /dev/nvme0, nvme0n1, mctp:<net>,<eid>, sim:<name>' },
  sim: { type: 'boolean', help: 'use the simulated fleet (--sim FILE.json: that scenario instead of the default)' },
  scenario: { type: 'string', help: 'scenario file for --sim' },
  replay: { type: 'string', help: 'answer from a recording instead of a device' },
  record: { type: 'string', help: 'record every exchange with the device to FILE (JSON lines)' },
  json: { type: 'boolean', help: 'print one JSON object (docs/cli-json.md)' },
  tunnel: { type: 'string', help: 'CXL: send through a tunnel: port=N[,ld=M], ld=M, mhd[,ld=M]' },
  ctrl: { type: 'string', help: 'NVMe-MI: controller id to send Admin commands to (default 0)' },
  yes: { type: 'boolean', short: 'y', help: 'confirm a destructive command' },
  timeout: { type: 'string', help: 'CXL: per-command timeout in ms' },
  verbose: { type: 'boolean', short: 'v', help: 'more detail (id-ctrl / id-ns: every field)' },
  help: { type: 'boolean', short: 'h', help: 'show help' },
};

// --- host commands -----------------------------------------------------------------------------------

const list: CommandDef = {
  name: 'list',
  family: 'host',
  summary: 'CXL memory devices, NVMe controllers and namespaces of this machine (from sysfs, no root needed) and the MCTP endpoints mctpd knows (D-Bus); with --sim the simulated fleet',
  example: 'cxl-nvme list',
  options: {
    dbus: { type: 'string', help: "D-Bus bus to ask mctpd for MCTP endpoints: 'system' (default), 'session' or an address (unix:path=...)" },
  },
  async run(ctx) {
    if (ctx.fleet) {
      const sim = await listSimulated(ctx.fleet);
      return { json: { simulated: jsonValue(sim) as Record<string, unknown> }, text: simulatedText(sim) };
    }
    const bus = ctx.str('dbus');
    const d = await listDevices({
      ...(ctx.io.sysfsRoot ? { sysfsRoot: ctx.io.sysfsRoot } : {}),
      ...(ctx.io.devRoot ? { devRoot: ctx.io.devRoot } : {}),
      mctp: bus === undefined ? {} : { bus },
    });
    const cxlRows = d.cxl.map((m) => ({
      name: m.name,
      path: m.devPath,
      serial: m.serial === undefined ? '-' : hexN(m.serial, 16),
      firmware: m.firmwareVersion ?? '-',
      ram: m.ramSize === undefined ? '-' : bytesText(m.ramSize),
      pmem: m.pmemSize === undefined ? '-' : bytesText(m.pmemSize),
    }));
    const ctrlRows = d.nvme.controllers.map((c) => ({
      name: c.name,
      path: c.devPath,
      model: c.model ?? '-',
      serial: c.serial ?? '-',
      firmware: c.firmwareRev ?? '-',
      transport: c.transport ?? '-',
      address: c.address ?? '-',
      state: c.state ?? '-',
    }));
    const nsRows = d.nvme.namespaces.map((n) => ({
      name: n.name,
      nsid: n.nsid,
      size: n.sizeBytes === undefined ? '-' : bytesText(n.sizeBytes),
      'block size': n.logicalBlockSize ?? '-',
      generic: n.genericPath ?? '-',
      controller: n.controller ?? '-',
    }));
    const mctpRows = d.mctp.map((e) => ({
      address: e.address,
      kinds: e.kinds.join(', ') || '-',
      'message types': e.messageTypes.map((t) => `${t.toString(16).padStart(2, '0')}h`).join(' ') || '-',
      uuid: e.uuid ?? '-',
      service: e.service,
    }));
    const notes = d.warnings.map((w) => `warning: ${w}`).join('\n');
    return {
      json: { cxl: jsonValue(d.cxl), nvme: jsonValue(d.nvme), mctp: jsonValue(d.mctp), warnings: d.warnings } as Record<string, unknown>,
      text: [
        section('CXL memory devices', table(cxlRows, ['name', 'path', 'serial', 'firmware', 'ram', 'pmem'])),
        section('NVMe controllers', table(ctrlRows, ['name', 'path', 'model', 'serial', 'firmware', 'transport', 'address', 'state'])),
        section('NVMe namespaces', table(nsRows, ['name', 'nsid', 'size', 'block size', 'generic', 'controller'])),
        section('MCTP endpoints (mctpd)', `${table(mctpRows, ['address', 'kinds', 'message types', 'uuid', 'service'])}${notes ? `\n${notes}` : ''}`),
      ].join('\n\n'),
    };
  },
};

function simulatedText(sim: Awaited<ReturnType<typeof listSimulated>>): string {
  const cxlRows = sim.cxl.map((c) => ({
    device: c.device,
    type: c.type,
    serial: c.serial === undefined ? '-' : hexN(c.serial, 16),
    firmware: c.fwRevision ?? '-',
    capacity: c.totalBytes === undefined ? '-' : bytesText(c.totalBytes),
    details: c.ports
      ? c.ports.map((p) => `port ${p.port}: ${p.type}${p.lds ? ` (${p.lds} LDs)` : ''}`).join('; ')
      : c.lds
        ? `${c.lds} LDs`
        : c.totalBytes !== undefined
          ? `volatile ${bytesText(c.volatileBytes ?? 0n)}, persistent ${bytesText(c.persistentBytes ?? 0n)}`
          : '-',
  }));
  const nvmeRows = sim.nvme.flatMap((c) => [
    { device: c.device, model: c.model, serial: c.serial, firmware: c.firmware, size: '-', 'block size': '-' },
    ...c.namespaces.map((n) => ({ device: `  ${n.device}`, model: '', serial: '', firmware: '', size: bytesText(n.sizeBytes), 'block size': n.lbaBytes })),
  ]);
  return [
    section('Simulated CXL devices', table(cxlRows, ['device', 'type', 'serial', 'firmware', 'capacity', 'details'])),
    section('Simulated NVMe devices', table(nvmeRows, ['device', 'model', 'serial', 'firmware', 'size', 'block size'])),
  ].join('\n\n');
}

const info: CommandDef = {
  name: 'info',
  family: 'host', // resolved per device: CXL identify + health, or the NVMe controller and namespaces
  summary: 'Summary of a device: CXL identify (+ health on a memory device), or NVMe controller and namespace geometry',
  example: 'cxl-nvme info mem0',
  run: (ctx) => (familyOf(ctx.spec, ctx.g, ctx.fleet) === 'nvme' ? nvmeInfo(ctx) : cxlInfo(ctx)),
};

const demo: CommandDef = {
  name: 'demo',
  family: 'host',
  summary: 'Tour of the simulated fleet: list it, a CXL health report per memory device, an NVMe SMART log per controller',
  example: 'cxl-nvme demo',
  async run(ctx) {
    const fleet = ctx.fleet ?? resolveScenario(ctx.g.scenario);
    const sim = await listSimulated(fleet);
    const parts = [`cxl-nvme demo: simulated devices speaking CXL CCI and NVMe through this library's own protocol code\n\n${simulatedText(sim)}`];
    const json: Record<string, unknown> = { simulated: jsonValue(sim), cxlHealth: [], nvmeSmart: [] };
    for (const [name, t] of fleet.cxl) {
      if (!(fleet.devices.get(name) instanceof SimCxlType3)) continue;
      const ep = await openCxl(t);
      const id = ep.identity;
      const m = await ep.memdevIdentify();
      const h = await ep.memdevGetHealthInfo();
      (json.cxlHealth as unknown[]).push(jsonValue({ device: t.info.device, serial: id?.serialNum, identify: m, health: h }));
      parts.push(
        section(
          `CXL health report: ${t.info.device}`,
          keyValues([
            ['serial number', id ? hexN(id.serialNum, 16) : '-'],
            ['firmware revision', m.fwRevision],
            ['capacity', bytesText(m.totalCapacity * (256n << 20n))],
            ...healthLines(h),
          ]),
        ),
      );
    }
    for (const [, t] of fleet.nvme) {
      const dev = await openNvme(t);
      const id = await dev.idCtrl();
      const s = await dev.smartLog();
      (json.nvmeSmart as unknown[]).push(jsonValue({ device: t.info.device, serial: id.sn.trim(), smart: s }));
      parts.push(section(`NVMe SMART log: ${t.info.device} (${id.mn.trim()}, serial ${id.sn.trim()})`, smartText(s)));
    }
    return { json, text: parts.join('\n\n') };
  },
};

const helpCommand: CommandDef = {
  name: 'help',
  family: 'host',
  summary: 'Help on a command: cxl-nvme help fw update',
  example: 'cxl-nvme help poison list',
  async run() {
    throw new UsageError('help is answered by main() before commands run', 'help');
  },
};

const HOST_COMMANDS: readonly CommandDef[] = [list, info, demo, helpCommand];
const ALL: readonly CommandDef[] = [...HOST_COMMANDS, ...cxlCommands, ...nvmeCommands];

/** Every command, for docs and tests. */
export const commands: readonly CommandDef[] = ALL;

const byName = new Map<string, CommandDef[]>();
for (const c of ALL) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);

// --- help ------------------------------------------------------------------------------------------

function optionLines(opts: Readonly<Record<string, OptionSpec>>): string[] {
  return Object.entries(opts).map(([k, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${k}${o.type === 'string' ? ' X' : ''}`;
    return `  ${flag.padEnd(26)} ${o.help}`;
  });
}

function generalHelp(): string {
  const group = (title: string, cmds: readonly CommandDef[]) => [`${title}:`, ...cmds.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`)].join('\n');
  return [
    'usage: cxl-nvme [options] <command> [device] [arguments]',
    '',
    'Manage CXL and NVMe devices by speaking their protocols directly.',
    '',
    group('General', HOST_COMMANDS),
    '',
    group('CXL (memory device and FM-API; --tunnel reaches devices behind a switch or MLD)', cxlCommands),
    '',
    group('NVMe (ioctl, NVMe-MI over mctp:<net>,<eid>, simulator)', nvmeCommands),
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Devices: mem0, /dev/cxl/mem0, /dev/nvme0, /dev/nvme0n1, /dev/ng0n1, mctp:<net>,<eid>, sim:<name>.',
    'Exit codes: 0 ok, 1 other failure, 2 usage, 3 device error (CXL return code, NVMe status), 4 transport or system error.',
    "Try: cxl-nvme --sim list   |   cxl-nvme --sim health mem0   |   cxl-nvme demo",
  ].join('\n');
}

function commandHelp(defs: readonly CommandDef[]): string {
  const d = defs[0]!;
  const opts: Record<string, OptionSpec> = {};
  for (const x of defs) Object.assign(opts, x.options ?? {});
  const device = d.family === 'host' && d.name !== 'info' ? '' : ' [device]';
  const lines = [`usage: cxl-nvme ${d.name}${device}${d.args ? ` ${d.args}` : ''} [options]`, ''];
  for (const x of defs) lines.push(`${defs.length > 1 ? `${x.family.toUpperCase()}: ` : ''}${x.summary}`);
  for (const x of defs) if (x.destructive) lines.push(`${defs.length > 1 ? `${x.family.toUpperCase()}: ` : ''}Destructive: ${x.destructive}; needs --yes.`);
  if (Object.keys(opts).length) lines.push('', 'Options:', ...optionLines(opts));
  lines.push('', `Example: ${defs.map((x) => x.example).join('\n         ')}`, 'Global options (--sim, --json, --record, --replay, --tunnel ...): cxl-nvme --help');
  return lines.join('\n');
}

// --- parsing ---------------------------------------------------------------------------------------

type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

function toParseOptions(...sets: Readonly<Record<string, OptionSpec>>[]): ParseOptions {
  const out: ParseOptions = {};
  for (const s of sets) {
    for (const [k, o] of Object.entries(s)) out[k] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  return out;
}

/** Every option any command knows, so a first loose pass finds the positionals reliably. */
const UNION = toParseOptions(GLOBAL_OPTIONS, ...ALL.map((c) => c.options ?? {}));

/** `--sim FILE.json` / `--sim=FILE.json` -> `--sim --scenario FILE.json` (parseArgs has no optional values). */
function preprocess(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--sim' && argv[i + 1]?.toLowerCase().endsWith('.json')) {
      out.push('--sim', '--scenario', argv[++i]!);
    } else if (a.startsWith('--sim=')) {
      out.push('--sim', '--scenario', a.slice(6));
    } else {
      out.push(a);
    }
  }
  return out;
}

function parseError(e: unknown, help?: string): UsageError {
  const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
  return new UsageError(msg, help);
}

/** Find the command named by the first one or two positionals. */
function findCommand(positionals: readonly string[]): { defs: CommandDef[]; words: number } | undefined {
  if (positionals.length >= 2) {
    const two = byName.get(`${positionals[0]} ${positionals[1]}`);
    if (two) return { defs: two, words: 2 };
  }
  const one = positionals[0] === undefined ? undefined : byName.get(positionals[0]);
  return one ? { defs: one, words: 1 } : undefined;
}

function suggest(word: string): string {
  const subs = [...byName.keys()].filter((n) => n.startsWith(`${word} `));
  if (subs.length) return `'${word}' needs a subcommand: ${subs.join(', ')}`;
  const close = [...byName.keys()].filter((n) => n.includes(word) || word.includes(n.split(' ')[0]!));
  return `unknown command '${word}'${close.length ? ` (did you mean ${close.slice(0, 4).join(', ')}?)` : ''}`;
}

// --- main ------------------------------------------------------------------------------------------

/** Run one command line; resolves with the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let json = argv.includes('--json');
  let commandName = '';
  let ctx: Ctx | undefined;
  try {
    const args = preprocess(argv);
    let loose: ReturnType<typeof parseArgs>;
    try {
      loose = parseArgs({ args, options: UNION, strict: false, allowPositionals: true });
    } catch (e) {
      throw parseError(e);
    }
    const positionals = loose.positionals;
    if (positionals[0] === 'help' || (loose.values.help && positionals.length === 0) || positionals.length === 0) {
      const topic = positionals[0] === 'help' ? findCommand(positionals.slice(1)) : undefined;
      if (positionals.length === 0 && !loose.values.help) throw new UsageError('no command given');
      if (positionals[0] === 'help' && positionals.length > 1 && !topic) throw new UsageError(suggest(positionals[1]!));
      io.stdout.write(`${topic ? commandHelp(topic.defs) : generalHelp()}\n`);
      return EXIT.ok;
    }
    const found = findCommand(positionals);
    if (!found) throw new UsageError(suggest(positionals[0]!));
    commandName = found.defs[0]!.name;
    if (loose.values.help) {
      io.stdout.write(`${commandHelp(found.defs)}\n`);
      return EXIT.ok;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args, options: toParseOptions(GLOBAL_OPTIONS, ...found.defs.map((d) => d.options ?? {})), strict: true, allowPositionals: true });
    } catch (e) {
      throw parseError(e, commandName);
    }
    const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
    json = v.json === true;
    const g: Globals = {
      sim: v.sim === true || typeof v.scenario === 'string',
      json,
      yes: v.yes === true,
      verbose: v.verbose === true,
      ...(typeof v.device === 'string' ? { device: v.device } : {}),
      ...(typeof v.scenario === 'string' ? { scenario: v.scenario } : {}),
      ...(typeof v.replay === 'string' ? { replay: v.replay } : {}),
      ...(typeof v.record === 'string' ? { record: v.record } : {}),
      ...(typeof v.tunnel === 'string' ? { tunnel: v.tunnel } : {}),
      ...(typeof v.timeout === 'string' ? { timeoutMs: parseNum(v.timeout, '--timeout', 1, 3_600_000) } : {}),
    };
    if (g.replay && g.sim) throw new UsageError('--replay answers from the recording: drop --sim', commandName);
    const rest = parsed.positionals.slice(found.words);
    const host = found.defs.every((d) => d.family === 'host') && commandName !== 'info';

    // Device: -d, else the first positional when it looks like one.
    const wantsFleet = g.sim || (g.device ?? rest[0] ?? '').startsWith('sim:') || commandName === 'demo';
    const fleet = wantsFleet ? (io.fleet ?? resolveScenario(g.scenario)) : undefined;
    let spec = host ? undefined : (g.device ?? (rest[0] !== undefined && looksLikeDevice(rest[0], fleet) ? rest.shift() : undefined));
    if (spec !== undefined && g.sim && !/^(sim:|mctp:|\/)/.test(spec)) spec = simSpec(spec);
    // A replay is answered by the recording: a device name in front of the arguments is accepted
    // (so a recorded command line replays as it is) and otherwise ignored.
    if (spec === undefined && g.replay && !host && rest.length > (found.defs[0]!.maxArgs ?? 0)) spec = rest.shift();
    let def = found.defs[0]!;
    if (found.defs.length > 1 || commandName === 'info') {
      const fam = familyOf(spec, g, fleet);
      def = found.defs.find((d) => d.family === fam) ?? def;
    }
    if (!host && spec === undefined && !g.replay) {
      const fam = def.family === 'nvme' ? 'nvme' : 'cxl';
      spec = fleet ? defaultSimDevice(fam, def.wantsSwitch === true, fleet) : undefined;
      if (spec === undefined) {
        throw new UsageError(`${commandName} needs a device: cxl-nvme ${commandName} <device>${def.args ? ` ${def.args}` : ''} (e.g. ${def.family === 'nvme' ? '/dev/nvme0' : 'mem0'}, or --sim for the simulator)`, commandName);
      }
    }
    const min = def.minArgs ?? 0;
    const max = def.maxArgs ?? 0;
    if (rest.length < min) throw new UsageError(`${commandName} needs ${def.args ?? 'more arguments'}`, commandName);
    if (rest.length > max) throw new UsageError(`${commandName}: unexpected argument '${rest[max]}'${spec === undefined && looksLikeDevice(rest[max]!, fleet) ? '' : ' (is it a device name? put the device first or use -d)'}`, commandName);
    if (def.destructive && !g.yes) {
      throw new UsageError(`${commandName} ${def.destructive}. Nothing was sent to the device; add --yes to confirm`, commandName);
    }
    if (g.tunnel && def.family !== 'cxl') throw new UsageError('--tunnel applies to CXL commands only', commandName);
    if (g.record && host && commandName !== 'info') throw new UsageError(`--record needs a device command (${commandName} talks to no single device)`, commandName);

    ctx = new Ctx(io, g, def, v, rest, spec, fleet);
    const result: CommandResult = await def.run(ctx);
    if (json) {
      io.stdout.write(`${toJsonText({ command: def.name, device: host ? null : ctx.deviceName(), result: result.json })}\n`);
    } else {
      io.stdout.write(`${result.text}\n`);
    }
    await ctx.close();
    return EXIT.ok;
  } catch (e) {
    await ctx?.close().catch(() => undefined);
    const code = exitCodeOf(e);
    if (json) {
      io.stdout.write(`${toJsonText({ command: commandName || null, device: ctx?.deviceName() ?? null, error: errorJson(e) })}\n`);
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      const advice = adviceFor(e);
      io.stderr.write(`cxl-nvme: ${code === EXIT.usage ? 'usage error' : 'error'}: ${msg}\n${advice ? `  what to do: ${advice}\n` : ''}`);
      if (code === EXIT.failure && e instanceof Error && e.stack && process.env.CXL_NVME_DEBUG) io.stderr.write(`${e.stack}\n`);
    }
    return code;
  }
}

/** stdout / stderr / stdin of this process. */
export function processIo(): CliIo {
  return {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: process.stdout.isTTY === true },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

function isEntryPoint(): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(arg)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
