/**
 * SimNvmeController against NVMe Base 2.0c / NVM Command Set 1.0c: commands built with the
 * library's builders (src/protocol/nvme), data decoded with its codecs, statuses named by its table.
 */
import { describe, expect, it } from 'vitest';
import * as nvme from '../../src/protocol/nvme/index.js';
import { codecs } from '../../src/structs/index.js';
import { NVME_STATUS, SimNvmeController } from '../../src/transport/sim/nvme.js';

function ctrl() {
  return new SimNvmeController({
    serial: 'SN123',
    namespaces: [
      { sizeBytes: 1n << 20n, lbaFormat: 0 },
      { sizeBytes: 1n << 40n, lbaFormat: 1 },
    ],
  });
}

const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

describe('SimNvmeController: identify', () => {
  it('answers Identify Controller, Namespace, active list and descriptors', async () => {
    const c = ctrl();
    const id = codecs.idCtrl.decode((await c.submit(nvme.identifyCtrl())).data!);
    expect(id).toMatchObject({ sn: 'SN123', nn: 16, ver: 0x20000 });
    expect(id.oncs & 0b101).toBe(0b101);
    const ns1 = codecs.idNs.decode((await c.submit(nvme.identifyNs({ nsid: 1 }))).data!);
    expect(ns1.nsze).toBe(2048n);
    expect(ns1.nlbaf).toBe(1);
    expect(ns1.lbaf[0]!.ds).toBe(9);
    expect(ns1.lbaf[1]!.ds).toBe(12);
    const ns2 = codecs.idNs.decode((await c.submit(nvme.identifyNs({ nsid: 2 }))).data!);
    expect(ns2.nsze).toBe(1n << 28n);
    expect(ns2.flbas.lbafLo).toBe(1);
    const list = codecs.nsList.decode((await c.submit(nvme.identifyActiveNsList())).data!);
    expect(list.ns.slice(0, 3)).toEqual([1, 2, 0]);
    const descs = (await c.submit(nvme.identifyNsDescs({ nsid: 2 }))).data!;
    const d0 = codecs.nsIdDesc.decode(descs);
    expect(d0.nidt).toBe('eui64');
    const d1 = codecs.nsIdDesc.decode(descs, 4 + d0.nidl);
    expect(d1.nidt).toBe('nguid');
    expect((await c.submit(nvme.identifyNs({ nsid: 99 }))).status).toBe(NVME_STATUS.invalidNs);
  });
});

describe('SimNvmeController: I/O', () => {
  it('writes, reads back and compares; a miscompare is Compare Failure (2/85h)', async () => {
    const c = ctrl();
    const data = pattern(1024, 3);
    expect((await c.submit(nvme.write({ nsid: 1, slba: 10, nlb: 1, data }))).status).toBe(0);
    const r = await c.submit(nvme.read({ nsid: 1, slba: 10, nlb: 1, dataLen: 1024 }));
    expect(r.status).toBe(0);
    expect(r.data).toEqual(data);
    expect((await c.submit(nvme.compare({ nsid: 1, slba: 10, nlb: 1, data }))).status).toBe(0);
    const other = data.slice();
    other[700] = (other[700] ?? 0) ^ 1;
    const cmp = await c.submit(nvme.compare({ nsid: 1, slba: 10, nlb: 1, data: other }));
    expect(cmp.status).toBe(0x285);
    expect(nvme.decodeStatus(cmp.status)).toMatchObject({ sct: 2, sc: 0x85, name: 'compareFailed' });
  });

  it('keeps large namespaces cheap and reports LBA Out of Range (80h) and Invalid Namespace (0Bh)', async () => {
    const c = ctrl();
    const last = (1n << 28n) - 1n;
    expect((await c.submit(nvme.write({ nsid: 2, slba: last, nlb: 0, data: pattern(4096, 1) }))).status).toBe(0);
    expect(c.allocatedBytes(2)).toBe(65536);
    expect((await c.submit(nvme.read({ nsid: 2, slba: last, nlb: 1, dataLen: 8192 }))).status).toBe(NVME_STATUS.lbaRange);
    expect(NVME_STATUS.lbaRange).toBe(0x80);
    expect((await c.submit(nvme.read({ nsid: 7, slba: 0, nlb: 0, dataLen: 512 }))).status).toBe(0x0b);
  });

  it('zeroes with Write Zeroes and deallocates with Dataset Management', async () => {
    const c = ctrl();
    await c.submit(nvme.write({ nsid: 1, slba: 0, nlb: 3, data: pattern(2048, 9) }));
    await c.submit(nvme.writeZeroes({ nsid: 1, slba: 1, nlb: 0 }));
    const r = (await c.submit(nvme.read({ nsid: 1, slba: 0, nlb: 3, dataLen: 2048 }))).data!;
    expect(r.subarray(512, 1024).every((b) => b === 0)).toBe(true);
    expect(r[0]).toBe(9);
    await c.submit(nvme.deallocate({ nsid: 1, ranges: [{ slba: 0, nlb: 4 }] }));
    const z = (await c.submit(nvme.read({ nsid: 1, slba: 0, nlb: 3, dataLen: 2048 }))).data!;
    expect(z.every((b) => b === 0)).toBe(true);
    expect((await c.submit(nvme.flush({ nsid: 1 }))).status).toBe(0);
  });

  it('formats a namespace to another LBA format (size kept, data erased); bad format is 1/0Ah', async () => {
    const c = ctrl();
    await c.submit(nvme.write({ nsid: 1, slba: 0, nlb: 0, data: pattern(512, 5) }));
    expect((await c.submit(nvme.formatNvm({ nsid: 1, lbaf: 1, confirm: true }))).status).toBe(0);
    const ns = codecs.idNs.decode((await c.submit(nvme.identifyNs({ nsid: 1 }))).data!);
    expect(ns.flbas.lbafLo).toBe(1);
    expect(ns.nsze).toBe(256n);
    expect(c.lbaSize(1)).toBe(4096);
    const r = (await c.submit(nvme.read({ nsid: 1, slba: 0, nlb: 0, dataLen: 4096 }))).data!;
    expect(r.every((b) => b === 0)).toBe(true);
    const bad = await c.submit(nvme.formatNvm({ nsid: 1, lbaf: 5, confirm: true }));
    expect(nvme.decodeStatus(bad.status)).toMatchObject({ sct: 1, sc: 0x0a });
  });
});

describe('SimNvmeController: logs and features', () => {
  it('moves SMART counters and records errors in the error log', async () => {
    const c = ctrl();
    await c.submit(nvme.write({ nsid: 1, slba: 0, nlb: 0, data: pattern(512, 1) }));
    await c.submit(nvme.read({ nsid: 1, slba: 0, nlb: 0, dataLen: 512 }));
    await c.submit(nvme.read({ nsid: 1, slba: 1 << 20, nlb: 0, dataLen: 512 }));
    const smart = codecs.smartLog.decode((await c.submit(nvme.getLogSmart())).data!);
    expect(smart).toMatchObject({ hostWrites: 1n, hostReads: 1n, dataUnitsWritten: 1n, dataUnitsRead: 1n, numErrLogEntries: 1n, temperature: 308 });
    const err = codecs.errorLogPage.decode((await c.submit(nvme.getLogError({ nrEntries: 1 }))).data!);
    expect(err).toMatchObject({ errorCount: 1n, opcode: 0x02, nsid: 1, statusField: 0x80 << 1, lba: 1n << 20n });
    const fw = codecs.firmwareSlot.decode((await c.submit(nvme.getLogFwSlot())).data!);
    expect(fw.afi.activeSlot).toBe(1);
    expect((await c.submit(nvme.getLogPage({ lid: 0x42, len: 512 }))).status).toBe(NVME_STATUS.invalidLogPage);
  });

  it('flags the temperature threshold in SMART', async () => {
    const c = ctrl();
    await c.submit(nvme.setFeaturesTempThresh({ tmpth: 320 }));
    c.setTemperature(330);
    const smart = codecs.smartLog.decode((await c.submit(nvme.getLogSmart())).data!);
    expect(smart.criticalWarning.tempThreshold).toBe(true);
    expect(Number((await c.submit(nvme.getFeaturesTempThresh())).result & 0xffffn)).toBe(320);
  });

  it('gets and sets features with current / default / saved / supported selects', async () => {
    const c = ctrl();
    await c.submit(nvme.setFeaturesVolatileWc({ wce: false, save: true }));
    await c.submit(nvme.setFeaturesArbitration({ ab: 2 }));
    expect((await c.submit(nvme.getFeaturesVolatileWc())).result).toBe(0n);
    expect((await c.submit(nvme.getFeaturesVolatileWc({ sel: 'default' }))).result).toBe(1n);
    expect((await c.submit(nvme.getFeaturesVolatileWc({ sel: 'saved' }))).result).toBe(0n);
    expect((await c.submit(nvme.getFeaturesVolatileWc({ sel: 'supported' }))).result).toBe(0b101n);
    expect((await c.submit(nvme.getFeaturesArbitration())).result & 7n).toBe(2n);
    c.reset();
    expect((await c.submit(nvme.getFeaturesArbitration())).result & 7n).toBe(3n);
    expect((await c.submit(nvme.getFeaturesVolatileWc())).result).toBe(0n);
    const nq = await c.submit(nvme.setFeaturesNumQueues({ nsqr: 200, ncqr: 3, save: true }));
    expect(nvme.decodeStatus(nq.status)).toMatchObject({ sct: 1, sc: 0x0d });
    expect((await c.submit(nvme.setFeaturesNumQueues({ nsqr: 200, ncqr: 3 }))).result).toBe((3n << 16n) | 63n);
    expect((await c.submit(nvme.getFeatures({ fid: 0x55 }))).status).toBe(NVME_STATUS.invalidField);
  });

  it('answers unknown opcodes Invalid Opcode and injected faults with their status', async () => {
    const c = new SimNvmeController({ faults: [{ opcode: 0x02, queue: 'io', status: 0x281, times: 1 }] });
    const unknown = await c.submit({ ...nvme.identifyCtrl(), opcode: 0x7e, name: 'x' });
    expect(unknown.status).toBe(NVME_STATUS.invalidOpcode);
    expect((await c.submit(nvme.read({ nsid: 1, slba: 0, nlb: 0, dataLen: 512 }))).status).toBe(0x281);
    expect((await c.submit(nvme.read({ nsid: 1, slba: 0, nlb: 0, dataLen: 512 }))).status).toBe(0);
  });
});
