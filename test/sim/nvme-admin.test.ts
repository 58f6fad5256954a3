/**
 * SimNvmeController management commands against NVMe Base 2.0c: sanitize (§5.24, Sanitize Status
 * log 81h), firmware download / commit (§5.12, §5.13, Firmware Slot log 03h), device self-test
 * (§5.9, log 06h), namespace management and attachment (§5.22, §5.23), Commands Supported and
 * Effects (log 05h). Driven through NvmeDevice; errors checked by status name.
 */
import { describe, expect, it } from 'vitest';
import { NvmeDevice } from '../../src/api/nvme/device.js';
import { isNvmeStatusError } from '../../src/errors.js';
import * as nvme from '../../src/protocol/nvme/index.js';
import { codecs } from '../../src/structs/index.js';
import { createClock } from '../../src/transport/sim/clock.js';
import { NVME_STATUS, SIM_ADMIN_EFFECTS, SimNvmeController, type SimNvmeControllerOptions } from '../../src/transport/sim/nvme.js';

const MiB = 1n << 20n;

function setup(o: SimNvmeControllerOptions = {}) {
  const ctrl = new SimNvmeController({ serial: 'SN-ADMIN', namespaces: [{ sizeBytes: 8n * MiB, lbaFormat: 0 }], capacityBytes: 64n * MiB, ...o });
  return { ctrl, dev: new NvmeDevice(ctrl) };
}

/** The status name an NvmeDevice call fails with ('' when it succeeds). */
async function statusOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return '';
  } catch (e) {
    if (isNvmeStatusError(e)) return e.statusName;
    throw e;
  }
}

const block = (n: number, v: number) => new Uint8Array(n).fill(v);

describe('Commands Supported and Effects (log 05h)', () => {
  it('lists exactly the implemented admin and NVM I/O opcodes with their effects', async () => {
    const { dev, ctrl } = setup();
    const log = await dev.cmdEffectsLog();
    const admin = log.acs.flatMap((v, op) => (v ? [op] : []));
    expect(admin).toEqual([...SIM_ADMIN_EFFECTS.keys()].sort((a, b) => a - b));
    expect(log.acs[0x80]! & 0b11).toBe(0b11); // Format NVM: CSUPP | LBCC
    expect((log.acs[0x0d]! >> 16) & 7).toBe(2); // Namespace Management: CSE = any namespace
    expect(log.iocs.flatMap((v, op) => (v ? [op] : []))).toEqual([0x00, 0x01, 0x02, 0x05, 0x08, 0x09]);
    // Every opcode not listed answers Invalid Command Opcode.
    for (let op = 0; op < 256; op++) {
      if (log.acs[op]) continue;
      const c = await ctrl.submit({ ...nvme.identifyCtrl(), opcode: op, direction: 'none', dataLength: 0, name: 'x' });
      expect(c.status, `admin opcode ${op}`).toBe(NVME_STATUS.invalidOpcode);
    }
    const id = await dev.idCtrl();
    expect(id.lpa & 0b10).toBe(0b10);
    expect(id.oacs & 0b11110).toBe(0b11110);
  });
});

describe('Sanitize (§5.24) and the Sanitize Status log (81h)', () => {
  it('block erase progresses per log read (poll mode), deallocates, and reports success', async () => {
    const { dev, ctrl } = setup({ operations: { mode: 'poll', step: 50 } });
    await dev.write({ nsid: 1, slba: 0, nlb: 0, data: block(512, 0xab) });
    expect((await dev.sanitizeLog()).sstat.status).toBe('neverSanitized');
    await dev.sanitize({ sanact: 2, confirm: true });
    const first = await dev.sanitizeLog();
    expect(first.sstat.status).toBe('inProgress');
    expect(first.sprog).toBe(32768); // 50% of 65536
    expect(first.scdw10).toBe(2);
    // While it runs: I/O and other admin commands are refused with Sanitize In Progress.
    expect(await statusOf(dev.read({ nsid: 1, slba: 0, nlb: 0 }))).toBe('sanitizeInProgress');
    expect(await statusOf(dev.selfTest({ stc: 1 }))).toBe('sanitizeInProgress');
    expect(await statusOf(dev.sanitize({ sanact: 2, confirm: true }))).toBe('sanitizeInProgress');
    await dev.idCtrl({ refresh: true }); // Identify is allowed
    await dev.flush(1); // Flush touches no user data
    const done = await dev.sanitizeLog();
    expect(done.sstat).toMatchObject({ status: 'completeSuccess', globalDataErased: true, completedPasses: 0 });
    expect(done.sprog).toBe(0xffff);
    expect((await dev.read({ nsid: 1, slba: 0, nlb: 0 })).data.every((b) => b === 0)).toBe(true);
    expect(ctrl.allocatedBytes(1)).toBe(0);
    // Writing user data clears Global Data Erased.
    await dev.write({ nsid: 1, slba: 0, nlb: 0, data: block(512, 1) });
    expect((await dev.sanitizeLog()).sstat.globalDataErased).toBe(false);
  });

  it('overwrite with No-Deallocate leaves the pattern (inverted on an even pass count with OIPBP)', async () => {
    const { dev } = setup({ operations: { mode: 'instant' } });
    await dev.sanitize({ sanact: 3, owpass: 3, ovrpat: 0x11223344, nodas: true, confirm: true });
    const log = await dev.sanitizeLog();
    expect(log.sstat).toMatchObject({ status: 'completeSuccess', completedPasses: 3 });
    const r = (await dev.read({ nsid: 1, slba: 7, nlb: 0 })).data;
    expect([...r.subarray(0, 4)]).toEqual([0x44, 0x33, 0x22, 0x11]);
    expect((await dev.idNs(1)).nuse).toBe((await dev.idNs(1)).nsze);
    await dev.sanitize({ sanact: 3, owpass: 2, oipbp: true, ovrpat: 0x0f0f0f0f, nodas: true, confirm: true });
    expect([...(await dev.read({ nsid: 1, slba: 0, nlb: 0 })).data.subarray(0, 4)]).toEqual([0xf0, 0xf0, 0xf0, 0xf0]);
    // A write into a pattern-filled block keeps the rest of the block's pattern.
    await dev.writeZeroes({ nsid: 1, slba: 1, nlb: 0 });
    expect((await dev.read({ nsid: 1, slba: 1, nlb: 0 })).data.every((b) => b === 0)).toBe(true);
    expect((await dev.read({ nsid: 1, slba: 2, nlb: 0 })).data[0]).toBe(0xf0);
  });

  it('time mode follows the clock; estimates come from the duration', async () => {
    const clock = createClock('manual');
    const { dev } = setup({ clock, operations: { mode: 'time', durationMs: 10_000 } });
    await dev.sanitize({ sanact: 4, confirm: true });
    clock.advance(2500);
    const l = await dev.sanitizeLog();
    expect(l.sprog).toBe(16384);
    expect(l.etce).toBe(10);
    clock.advance(7500);
    expect((await dev.sanitizeLog()).sstat.status).toBe('completeSuccess');
  });

  it('refuses bad actions, unsupported actions and No-Deallocate when inhibited (Invalid Field)', async () => {
    const { dev } = setup({ sanitizeActions: ['cryptoErase'], noDeallocateInhibited: true });
    expect((await dev.idCtrl()).sanicap).toBe(1 | (1 << 29));
    expect(await statusOf(dev.sanitize({ sanact: 0, confirm: true }))).toBe('invalidField');
    expect(await statusOf(dev.sanitize({ sanact: 5, confirm: true }))).toBe('invalidField');
    expect(await statusOf(dev.sanitize({ sanact: 2, confirm: true }))).toBe('invalidField');
    expect(await statusOf(dev.sanitize({ sanact: 4, nodas: true, confirm: true }))).toBe('invalidField');
    expect(await statusOf(dev.sanitize({ sanact: 4, confirm: true }))).toBe('');
  });

  it('a failed sanitize leaves failure mode: media commands fail, exit needs AUSE', async () => {
    const { dev, ctrl } = setup({ operations: { mode: 'instant' } });
    ctrl.failNextSanitize();
    await dev.sanitize({ sanact: 2, confirm: true });
    expect((await dev.sanitizeLog()).sstat.status).toBe('completedFailed');
    expect(await statusOf(dev.read({ nsid: 1, slba: 0, nlb: 0 }))).toBe('sanitizeFailed');
    expect(await statusOf(dev.sanitize({ sanact: 1, confirm: true }))).toBe('sanitizeFailed'); // AUSE was clear
    await dev.sanitize({ sanact: 2, confirm: true }); // a sanitize recovers
    expect((await dev.sanitizeLog()).sstat.status).toBe('completeSuccess');
    ctrl.failNextSanitize();
    await dev.sanitize({ sanact: 2, ause: true, confirm: true });
    await dev.sanitize({ sanact: 1, confirm: true }); // unrestricted exit
    expect(await statusOf(dev.read({ nsid: 1, slba: 0, nlb: 0 }))).toBe('');
  });
});

describe('Firmware download and commit (§5.12, §5.13; log 03h)', () => {
  const image = (rev: string, n = 8192) => {
    const b = new Uint8Array(n).fill(0x5a);
    b.set(new TextEncoder().encode(rev.padEnd(8, ' ')));
    return b;
  };

  it('downloads in pieces, commits to a slot, activates at reset (CA 1) or at once (CA 3)', async () => {
    const { dev, ctrl } = setup({ firmware: 'FW-1.0' });
    expect((await dev.idCtrl()).frmw).toBe(1 | (3 << 1) | (1 << 4));
    await dev.fwDownload(image('FW-2.0'), { xfer: 4096 });
    await dev.fwCommit({ slot: 2, action: 1, confirm: true });
    let log = await dev.fwLog();
    expect(log.afi).toEqual({ activeSlot: 1, nextResetSlot: 2 });
    expect(log.frs.slice(0, 3)).toEqual(['FW-1.0', 'FW-2.0', '']);
    expect((await dev.idCtrl({ refresh: true })).fr.trim()).toBe('FW-1.0');
    ctrl.reset();
    log = await dev.fwLog();
    expect(log.afi).toEqual({ activeSlot: 2, nextResetSlot: 0 });
    expect((await dev.idCtrl({ refresh: true })).fr.trim()).toBe('FW-2.0');
    await dev.fwDownload(image('FW-3.0'));
    await dev.fwCommit({ slot: 3, action: 3, confirm: true });
    expect((await dev.fwLog()).afi.activeSlot).toBe(3);
    expect(ctrl.firmwareRevision).toBe('FW-3.0');
    // CA 2 activates what a slot holds; CA 0 only stores.
    await dev.fwCommit({ slot: 1, action: 2, confirm: true });
    expect((await dev.fwLog()).afi.nextResetSlot).toBe(1);
    await dev.fwDownload(image('FW-4.0'));
    await dev.fwCommit({ slot: 2, action: 0, confirm: true });
    expect((await dev.fwLog()).frs[1]).toBe('FW-4.0');
  });

  it('answers Invalid Firmware Slot, Invalid Firmware Image, Overlapping Range and the reset status', async () => {
    const { dev } = setup({ fwActivateWithoutReset: false });
    expect(await statusOf(dev.fwCommit({ slot: 2, action: 1, confirm: true }))).toBe('firmwareImage'); // nothing downloaded
    await dev.fwDownload(image('FW-X'));
    expect(await statusOf(dev.fwCommit({ slot: 1, action: 1, confirm: true }))).toBe('firmwareSlot'); // slot 1 read-only
    expect(await statusOf(dev.fwCommit({ slot: 5, action: 1, confirm: true }))).toBe('firmwareSlot'); // 3 slots
    expect(await statusOf(dev.fwCommit({ slot: 3, action: 2, confirm: true }))).toBe('firmwareImage'); // empty slot
    expect(await statusOf(dev.fwCommit({ slot: 2, action: 6, confirm: true }))).toBe('invalidField'); // boot partitions
    await dev.fwCommit({ slot: 2, action: 0, confirm: true }); // consumes the download
    await dev.submit(nvme.fwDownload({ offset: 0, data: new Uint8Array(4096) }));
    expect(await statusOf(dev.submit(nvme.fwDownload({ offset: 2048, data: new Uint8Array(4096) })))).toBe('overlappingRange');
    expect(await statusOf(dev.fwCommit({ slot: 2, action: 1, confirm: true }))).toBe('firmwareImage'); // all-zero image
    await dev.fwDownload(image('FW-Y'));
    expect(await statusOf(dev.fwCommit({ slot: 2, action: 3, confirm: true }))).toBe('fwNeedsReset');
    expect((await dev.fwLog()).afi.nextResetSlot).toBe(2);
  });

  it('enforces the Firmware Update Granularity', async () => {
    const { dev } = setup({ fwUpdateGranularity: 1 });
    expect((await dev.idCtrl()).fwug).toBe(1);
    expect(await statusOf(dev.submit(nvme.fwDownload({ offset: 0, data: new Uint8Array(1024) })))).toBe('invalidField');
    expect(await statusOf(dev.submit(nvme.fwDownload({ offset: 0, data: new Uint8Array(4096) })))).toBe('');
  });
});

describe('Device self-test (§5.9; log 06h)', () => {
  it('short test progresses, completes with a result entry; a second start is refused while one runs', async () => {
    const { dev } = setup({ operations: { mode: 'poll', step: 40 } });
    await dev.selfTest({ stc: 1 });
    let log = await dev.selfTestLog();
    expect(log.currentOperation.stc).toBe('short');
    expect(log.completion.percent).toBe(40);
    expect(log.result[0]!.dsts.result).toBe('unused');
    expect(await statusOf(dev.selfTest({ stc: 2 }))).toBe('selfTestInProgress');
    await dev.selfTestLog();
    log = await dev.selfTestLog();
    expect(log.currentOperation.stc).toBe('none');
    expect(log.result[0]!.dsts).toEqual({ result: 'noError', stc: 'short' });
  });

  it('abort, reset, format and a failed segment are recorded newest first', async () => {
    const { dev, ctrl } = setup();
    await dev.selfTest({ stc: 2 });
    await dev.selfTest({ stc: 0xf });
    await dev.selfTest({ stc: 1, nsid: 1 });
    ctrl.reset();
    await dev.selfTest({ stc: 1, nsid: 1 });
    await dev.format({ nsid: 1, lbaf: 0, confirm: true });
    ctrl.failNextSelfTest({ segment: 3, nsid: 1, lba: 42n });
    await dev.selfTest({ stc: 2, nsid: 1 });
    ctrl.completeOperations();
    const r = (await dev.selfTestLog()).result;
    expect(r.slice(0, 4).map((x) => x.dsts.result)).toEqual(['segmentFailed', 'abortedByFormat', 'abortedByReset', 'aborted']);
    expect(r[0]).toMatchObject({ seg: 3, nsid: 1, flba: 42n, vdi: { nsidValid: true, flbaValid: true } });
    expect(r[4]!.dsts.result).toBe('unused');
  });

  it('checks STC and NSID', async () => {
    const { dev } = setup();
    expect(await statusOf(dev.selfTest({ stc: 0xe }))).toBe('invalidField');
    expect(await statusOf(dev.selfTest({ stc: 3 }))).toBe('invalidField');
    expect(await statusOf(dev.selfTest({ stc: 1, nsid: 9 }))).toBe('invalidNs');
    expect(await statusOf(dev.selfTest({ stc: 0xf }))).toBe(''); // nothing to abort
  });
});

describe('Namespace management (§5.23) and attachment (§5.22)', () => {
  it('creates an unattached namespace, attaches, detaches and deletes it; Identify lists follow', async () => {
    const { dev, ctrl } = setup({ cntlid: 5 });
    const before = await dev.idCtrl();
    const nsid = await dev.nsCreate({ ns: { nsze: 4096n, ncap: 4096n, flbas: { lbafLo: 1, lbafHi: 0 } } });
    expect(nsid).toBe(2);
    expect(await dev.activeNsList()).toEqual([1]);
    const alloc = codecs.nsList.decode((await dev.submit(nvme.identifyAllocatedNsList())).data!);
    expect(alloc.ns.slice(0, 3)).toEqual([1, 2, 0]);
    expect((await dev.idNs(2)).nsze).toBe(0n); // inactive: zero-filled
    const allocNs = codecs.idNs.decode((await dev.submit(nvme.identify({ cns: 0x11, nsid: 2, name: 'idAllocNs' }))).data!);
    expect(allocNs).toMatchObject({ nsze: 4096n, flbas: { lbafLo: 1 } });
    expect((await dev.idCtrl({ refresh: true })).unvmcap).toBe(before.unvmcap - 4096n * 4096n);
    expect(await dev.ctrlList()).toEqual([5]);
    await dev.nsAttach({ nsid: 2, ctrlist: [5] });
    expect(await dev.activeNsList()).toEqual([1, 2]);
    const attached = codecs.ctrlList.decode((await dev.submit(nvme.identifyNsidCtrlList({ nsid: 2 }))).data!);
    expect(attached.identifier).toEqual([5]);
    await dev.write({ nsid: 2, slba: 0, nlb: 0, data: block(4096, 7) });
    expect(ctrl.lbaSize(2)).toBe(4096);
    await dev.nsDetach({ nsid: 2, ctrlist: [5], confirm: true });
    expect(await statusOf(dev.read({ nsid: 2, slba: 0, nlb: 0, dataLen: 4096 }))).toBe('invalidNs');
    await dev.nsDelete({ nsid: 2, confirm: true });
    expect(ctrl.allocatedNsids).toEqual([1]);
  });

  it('answers the namespace management and attachment errors', async () => {
    const { dev } = setup({ maxNamespaces: 2 });
    const create = (ns: Record<string, unknown>) => dev.nsCreate({ ns });
    expect(await statusOf(create({ nsze: 0n, ncap: 0n }))).toBe('invalidField');
    expect(await statusOf(create({ nsze: 8n, ncap: 4n }))).toBe('thinProvNotSupp');
    expect(await statusOf(create({ nsze: 8n, ncap: 8n, flbas: { lbafLo: 7, lbafHi: 0 } }))).toBe('invalidFormat');
    expect(await statusOf(create({ nsze: 1n << 40n, ncap: 1n << 40n }))).toBe('nsInsufficientCap');
    expect(await statusOf(dev.submit(nvme.nsMgmtCreate({ csi: 2, ns: { nsze: 8n, ncap: 8n } })))).toBe('iocsNotSupported');
    expect(await create({ nsze: 8n, ncap: 8n })).toBe(2);
    expect(await statusOf(create({ nsze: 8n, ncap: 8n }))).toBe('nsIdUnavailable');
    expect(await statusOf(dev.nsAttach({ nsid: 1, ctrlist: [1] }))).toBe('nsAlreadyAttached');
    expect(await statusOf(dev.nsDetach({ nsid: 2, ctrlist: [1], confirm: true }))).toBe('nsNotAttached');
    expect(await statusOf(dev.nsAttach({ nsid: 2, ctrlist: [9] }))).toBe('ctrlListInvalid');
    expect(await statusOf(dev.nsAttach({ nsid: 2, ctrlist: [] }))).toBe('ctrlListInvalid');
    expect(await statusOf(dev.nsAttach({ nsid: 0xffffffff, ctrlist: [1] }))).toBe('invalidField');
    expect(await statusOf(dev.nsDelete({ nsid: 0, confirm: true }))).toBe('invalidNs');
    await dev.nsDelete({ nsid: 0xffffffff, confirm: true });
    expect(await dev.activeNsList()).toEqual([]);
    expect(await statusOf(dev.nsDelete({ nsid: 1, confirm: true }))).toBe('invalidField');
  });
});
