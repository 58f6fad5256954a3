// CXL over the Linux mailbox ioctl (/dev/cxl/memN), through both the kernel's known command ids and RAW, against
// QEMU 10's Type 3 expander and DCD. Every exchange is recorded (helpers.ts) and the same steps are replayed from
// test/fixtures/live by test/replay/live-fixtures.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CXL_MEM_COMMAND_ID_RAW } from '../../spec-tables/linux/cxl-mem.js';
import { Endpoint } from '../../src/api/cxl/index.js';
import { type CxlMailboxTransport, openCxlMailbox } from '../../src/transport/cxl-mailbox.js';
import { scanCxlMemdevs } from '../../src/transport/cxl-sysfs.js';
import { cxlMemdevBySerial } from './env.js';
import { type CxlCtx, dcdSteps, expanderSteps, type MailboxMode, openRawMailbox, recordedCxl, type Step } from './helpers.js';
import { type CxlType3, cxlMemdevs, dcd, memExpander } from './topology.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('device scan (sysfs)', () => {
  it('finds both memory devices with the serials, sizes and LSA of the QEMU command line', async () => {
    const found = await scanCxlMemdevs();
    expect(found.map((d) => d.serial).sort()).toEqual(cxlMemdevs.map((d) => BigInt(d.serial)).sort());
    for (const want of cxlMemdevs) {
      const d = found.find((x) => x.serial === BigInt(want.serial))!;
      expect(d.devPath).toBe(cxlMemdevBySerial(want.serial));
      expect(d.ramSize).toBe(BigInt(want.volatileBytes));
      expect(d.pmemSize).toBe(BigInt(want.persistentBytes));
      expect(d.labelStorageSize).toBe(want.lsaBytes);
      expect(d.payloadMax).toBe(2048);
      expect(d.firmwareVersion).toMatch(/^BWFW VERSION/);
    }
  });
});

describe('kernel command ids (CXL_MEM_QUERY_COMMANDS on Linux 6.1)', () => {
  it('lists ids 1-20 and routes known opcodes by id, the rest RAW', async () => {
    const t = await openCxlMailbox(cxlMemdevBySerial(memExpander.serial));
    try {
      expect(t.commands.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Linux 6.1 reports no flags (they appeared in 6.3).
      expect(t.commands.every((c) => !c.enabled && !c.exclusive)).toBe(true);
      expect(t.route(0x4000).id).toBe(1);
      expect(t.route(0x4103).id).toBe(10);
      expect(t.route(0x4300).id).toBe(15);
      expect(t.route(0x0300)).toEqual({ id: CXL_MEM_COMMAND_ID_RAW, rawOpcode: 0x0300 });
      const raw = await openRawMailbox(t.info.device);
      expect(raw.route(0x4000)).toEqual({ id: CXL_MEM_COMMAND_ID_RAW, rawOpcode: 0x4000 });
      expect(raw.payloadMax).toBe(t.payloadMax);
      await raw.close();
    } finally {
      await t.close();
    }
  });
});

function suite(device: CxlType3, label: string, mode: MailboxMode, steps: Step<CxlCtx>[]): void {
  describe(`${label} via ${mode === 'ids' ? 'kernel command ids' : 'RAW commands'}`, () => {
    let ctx: CxlCtx;
    let transport: CxlMailboxTransport;
    beforeAll(async () => {
      const path = cxlMemdevBySerial(device.serial);
      transport = mode === 'ids' ? await openCxlMailbox(path) : await openRawMailbox(path);
      const rec = recordedCxl(transport, `cxl/${label}-${mode}.jsonl`, { serial: `0x${device.serial.toString(16)}`, mode });
      ctx = { ep: await Endpoint.open(rec, { probe: false }), mode, device, sleep, state: new Map() };
    });
    afterAll(async () => {
      await ctx?.ep.close();
    });
    for (const s of steps) it(s.name, () => s.run(ctx));
  });
}

// Order matters only for the event log: the RAW pass clears the event the ids pass checks.
suite(memExpander, 'expander', 'ids', expanderSteps('ids'));
suite(memExpander, 'expander', 'raw', expanderSteps('raw'));
suite(dcd, 'dcd', 'ids', dcdSteps('ids'));
suite(dcd, 'dcd', 'raw', dcdSteps('raw'));
