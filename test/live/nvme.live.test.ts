// NVMe over the Linux passthrough ioctls on the controller node, the namespace block node and the generic char
// node, against QEMU's NVMe controller. Identify and SMART data are cross-checked field by field with Debian's
// nvme-cli. Every exchange is recorded (helpers.ts); test/replay/live-fixtures.test.ts replays the same steps.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NvmeDevice } from '../../src/api/nvme/index.js';
import { openNvmeIoctl } from '../../src/transport/nvme-ioctl.js';
import { scanNvme } from '../../src/transport/nvme-sysfs.js';
import { type NvmeCtx, type NvmeNode, nvmeCliFixture, nvmeCtrlSteps, nvmeNsSteps, recordedNvme, recordSide, type Step } from './helpers.js';
import { nvme } from './topology.js';

const generic = nvme.id.replace(/^nvme/, 'ng');

function nvmeCli(args: readonly string[]): Promise<unknown> {
  const text = execFileSync('nvme', [...args, '-o', 'json'], { encoding: 'utf8' });
  recordSide(nvmeCliFixture(args), text);
  return Promise.resolve(JSON.parse(text));
}

describe('enumeration (sysfs)', () => {
  it('scanNvme finds the controller and both namespaces with their nodes', async () => {
    const scan = await scanNvme();
    const ctrl = scan.controllers.find((c) => c.name === nvme.id)!;
    expect(ctrl.devPath).toBe(`/dev/${nvme.id}`);
    expect(ctrl.serial).toBe(nvme.serial);
    expect(ctrl.model).toBe(nvme.model);
    expect(ctrl.transport).toBe('pcie');
    for (const ns of nvme.namespaces) {
      const n = scan.namespaces.find((x) => x.name === `${nvme.id}n${ns.nsid}`)!;
      expect(n.nsid).toBe(ns.nsid);
      expect(n.devPath).toBe(`/dev/${nvme.id}n${ns.nsid}`);
      expect(n.genericPath).toBe(`/dev/${generic}n${ns.nsid}`);
      expect(n.controller).toBe(nvme.id);
    }
  });
});

function suite(node: NvmeNode, path: string, fixture: string, steps: Step<NvmeCtx>[]): void {
  describe(`${path} (${node === 'ctrl' ? 'controller' : node === 'blk' ? 'namespace block node' : 'generic namespace node'})`, () => {
    let ctx: NvmeCtx;
    beforeAll(async () => {
      const t = await openNvmeIoctl(path);
      ctx = { dev: new NvmeDevice(recordedNvme(t, fixture, { node, path })), node, nvmeCli, state: new Map() };
    });
    afterAll(async () => {
      await ctx?.dev.close();
    });
    for (const s of steps) it(s.name, () => s.run(ctx));
  });
}

suite('ctrl', `/dev/${nvme.id}`, 'nvme/ctrl.jsonl', nvmeCtrlSteps());
suite('blk', `/dev/${nvme.id}n1`, 'nvme/ns1-blk.jsonl', nvmeNsSteps('blk'));
suite('ng', `/dev/${generic}n1`, 'nvme/ns1-ng.jsonl', nvmeNsSteps('ng'));
