// Replays the recordings the live suite made against QEMU 10 under Linux 6.1 (test/fixtures/live, refreshed with
// `CXL_NVME_RECORD_DIR=test/fixtures/live npm run test:live`) through the same library code and the very same
// steps and assertions (test/live/helpers.ts), so plain `npm test` checks the decoding of real device bytes:
// serials, capacities, the CEL, poison and event records, DC regions, Identify / SMART data against nvme-cli's
// own decoding, and the kernel's refusals (EPERM / ENOTTY) as the library reported them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Endpoint } from '../../src/api/cxl/index.js';
import { NvmeDevice, NvmeMiEndpoint } from '../../src/api/nvme/index.js';
import { parseRecording, ReplayCxlTransport, ReplayMctpTransport, ReplayNvmeTransport } from '../../src/transport/replay.js';
import {
  type CxlCtx,
  dcdSteps,
  expanderSteps,
  listFixtures,
  type MailboxMode,
  type MctpCtx,
  mctpSwitchSteps,
  mctpTimeoutSteps,
  mctpType3Steps,
  MiClientTap,
  type NvmeCtx,
  type NvmeMiCtx,
  nvmeMiMprSteps,
  nvmeMiSteps,
  nvmeMiTimeoutSteps,
  type NvmeNode,
  nvmeCliFixture,
  nvmeCtrlSteps,
  nvmeNsSteps,
  readFixture,
  SIM_MI_CNTLID,
  type Step,
} from '../live/helpers.js';
import { type CxlType3, dcd, memExpander, mctpLoopbackEids, nvme } from '../live/topology.js';

interface Header {
  readonly transport: string;
  readonly device: string;
  readonly env?: { readonly kernel: string; readonly qemu: string; readonly nvmeCli: string };
  readonly [k: string]: unknown;
}

function load(fixture: string) {
  const rec = parseRecording(readFixture(fixture));
  return { rec, header: rec.header as unknown as Header };
}

function checkHeader(header: Header, transport: string): void {
  expect(header.transport).toBe(transport);
  expect(header.env?.kernel).toMatch(/^6\.1\.\d+/);
  expect(header.env?.qemu).toMatch(/(^|:)10\.\d+/);
}

const cxlSuites: { fixture: string; device: CxlType3; mode: MailboxMode; steps: Step<CxlCtx>[] }[] = [
  { fixture: 'cxl/expander-ids.jsonl', device: memExpander, mode: 'ids', steps: expanderSteps('ids') },
  { fixture: 'cxl/expander-raw.jsonl', device: memExpander, mode: 'raw', steps: expanderSteps('raw') },
  { fixture: 'cxl/dcd-ids.jsonl', device: dcd, mode: 'ids', steps: dcdSteps('ids') },
  { fixture: 'cxl/dcd-raw.jsonl', device: dcd, mode: 'raw', steps: dcdSteps('raw') },
];

const nvmeSuites: { fixture: string; node: NvmeNode; path: RegExp; steps: Step<NvmeCtx>[] }[] = [
  { fixture: 'nvme/ctrl.jsonl', node: 'ctrl', path: /^\/dev\/nvme0$/, steps: nvmeCtrlSteps() },
  { fixture: 'nvme/ns1-blk.jsonl', node: 'blk', path: /^\/dev\/nvme0n1$/, steps: nvmeNsSteps('blk') },
  { fixture: 'nvme/ns1-ng.jsonl', node: 'ng', path: /^\/dev\/ng0n1$/, steps: nvmeNsSteps('ng') },
];

const mctpSuites: { fixture: string; steps: Step<MctpCtx>[] }[] = [
  { fixture: 'mctp/type3.jsonl', steps: mctpType3Steps() },
  { fixture: 'mctp/switch.jsonl', steps: mctpSwitchSteps() },
  { fixture: 'mctp/timeout.jsonl', steps: mctpTimeoutSteps() },
];

// The responder on the first loopback EID, the no-reply case on the second (mctp.live.test.ts).
const [eidA, eidB] = mctpLoopbackEids as [number, number];
const nvmeMiSuites: { fixture: string; eid: number; steps: Step<NvmeMiCtx>[] }[] = [
  { fixture: 'mctp/nvme-mi.jsonl', eid: eidA, steps: nvmeMiSteps() },
  { fixture: 'mctp/nvme-mi-mpr.jsonl', eid: eidA, steps: nvmeMiMprSteps() },
  { fixture: 'mctp/nvme-mi-timeout.jsonl', eid: eidB, steps: nvmeMiTimeoutSteps() },
];

it('has every live recording, and nothing unaccounted for', () => {
  const all = [...listFixtures('cxl'), ...listFixtures('nvme'), ...listFixtures('mctp')].sort();
  expect(all).toEqual([...cxlSuites, ...nvmeSuites, ...mctpSuites, ...nvmeMiSuites].map((s) => s.fixture).sort());
});

for (const s of cxlSuites) {
  describe(`replay ${s.fixture}`, () => {
    const { rec, header } = load(s.fixture);
    const transport = new ReplayCxlTransport(rec);
    let ctx: CxlCtx;
    beforeAll(async () => {
      ctx = { ep: await Endpoint.open(transport, { probe: false }), mode: s.mode, device: s.device, sleep: async () => {}, state: new Map() };
    });
    afterAll(() => ctx.ep.close());
    it('was recorded on /dev/cxl/memN of the device with the topology serial, Linux 6.1, QEMU 10', () => {
      checkHeader(header, 'cxl-mailbox');
      expect(header.device).toMatch(/^\/dev\/cxl\/mem\d+$/);
      expect(header['serial']).toBe(`0x${s.device.serial.toString(16)}`);
      expect(header['mode']).toBe(s.mode);
      expect(header.maxPayload).toBe(2048);
    });
    for (const step of s.steps) it(step.name, () => step.run(ctx));
    it('replayed every recorded exchange', () => transport.assertDone());
  });
}

for (const s of nvmeSuites) {
  describe(`replay ${s.fixture}`, () => {
    const { rec, header } = load(s.fixture);
    const transport = new ReplayNvmeTransport(rec);
    const ctx: NvmeCtx = {
      dev: new NvmeDevice(transport),
      node: s.node,
      nvmeCli: async (args) => JSON.parse(readFixture(nvmeCliFixture(args))) as unknown,
      state: new Map(),
    };
    afterAll(() => ctx.dev.close());
    it(`was recorded on the ${nvme.id} node, Linux 6.1, QEMU 10`, () => {
      checkHeader(header, 'nvme-ioctl');
      expect(header.device).toMatch(s.path);
      expect(header.env?.nvmeCli).toMatch(/^nvme version 2\./);
    });
    for (const step of s.steps) it(step.name, () => step.run(ctx));
    it('replayed every recorded exchange', () => transport.assertDone());
  });
}

for (const s of mctpSuites) {
  describe(`replay ${s.fixture}`, () => {
    const { rec, header } = load(s.fixture);
    const transport = new ReplayCxlTransport(rec);
    let ctx: MctpCtx;
    beforeAll(async () => {
      ctx = { ep: await Endpoint.open(transport, { probe: false }), transport };
    });
    afterAll(() => ctx.ep.close());
    it('was recorded over AF_MCTP on Linux 6.1', () => {
      checkHeader(header, 'cxl-mctp');
      expect(header.device).toMatch(/^mctp:0,\d+$/);
    });
    for (const step of s.steps) it(step.name, () => step.run(ctx));
    it('replayed every recorded exchange', () => transport.assertDone());
  });
}

for (const s of nvmeMiSuites) {
  describe(`replay ${s.fixture}`, () => {
    const { rec, header } = load(s.fixture);
    const transport = new ReplayMctpTransport(rec);
    const client = new MiClientTap(transport);
    const me = new NvmeMiEndpoint(client);
    const ctx: NvmeMiCtx = { me, dev: new NvmeDevice(me.admin(SIM_MI_CNTLID)), client, live: false };
    afterAll(() => me.close());
    it('was recorded over AF_MCTP (NVMe-MI, type 04h) on Linux 6.1', () => {
      checkHeader(header, 'nvme-mi-mctp');
      expect(header['kind']).toBe('mctp');
      expect(header.device).toBe(`mctp:0,${s.eid}`);
      expect(header['eid']).toBe(s.eid);
    });
    for (const step of s.steps) it(step.name, () => step.run(ctx));
    it('replayed every recorded exchange', () => transport.assertDone());
  });
}
