// What the guest kernel exposes for the QEMU topology, before any of our code is involved: if these fail,
// library live tests cannot mean anything.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cxlMemdevBySerial, recordFixture } from './env.js';
import { cxlMemdevs, cxlSwitch, nvme, sysfsSerial } from './topology.js';

const CXL_SYSFS = '/sys/bus/cxl/devices';

describe('CXL memdevs', () => {
  it('has a /dev/cxl/memN character device per Type 3 device', () => {
    for (let i = 0; i < cxlMemdevs.length; i++) {
      const path = `/dev/cxl/mem${i}`;
      expect(existsSync(path), path).toBe(true);
      expect(statSync(path).isCharacterDevice(), path).toBe(true);
    }
  });

  it('reports the serials given on the QEMU command line', () => {
    const memdevs = readdirSync(CXL_SYSFS).filter((d) => /^mem\d+$/.test(d));
    const serials = memdevs.map((d) => readFileSync(`${CXL_SYSFS}/${d}/serial`, 'utf8').trim()).sort();
    expect(serials).toEqual(cxlMemdevs.map((d) => sysfsSerial(d.serial)).sort());
    for (const dev of cxlMemdevs) expect(existsSync(cxlMemdevBySerial(dev.serial))).toBe(true);
  });

  it('exposes the switch mailbox CCI as a PCI function', () => {
    const pci = '/sys/bus/pci/devices';
    const classes = readdirSync(pci).map((d) => readFileSync(`${pci}/${d}/class`, 'utf8').trim());
    expect(classes).toContain(cxlSwitch.cciPciClass);
  });
});

describe('MCTP', () => {
  it('has the loopback EIDs assigned by the guest init', () => {
    // Set by guest/init.sh from mctp-lo's exit status (lo up + RTM_NEWADDR per EID of mctpLoopbackEids).
    expect(process.env['CXL_NVME_LIVE_MCTP_LO']).toBe('ok');
  });
});

describe('NVMe controller', () => {
  it('exposes the controller, block and generic namespace nodes', () => {
    expect(statSync(`/dev/${nvme.id}`).isCharacterDevice()).toBe(true);
    for (const ns of nvme.namespaces) {
      expect(statSync(`/dev/${nvme.id}n${ns.nsid}`).isBlockDevice()).toBe(true);
    }
    // Generic (char) namespace nodes are named after the controller instance: nvme0 -> ng0nN.
    const generic = nvme.id.replace(/^nvme/, 'ng');
    for (const ns of nvme.namespaces) {
      expect(statSync(`/dev/${generic}n${ns.nsid}`).isCharacterDevice()).toBe(true);
    }
  });

  it('gives each namespace the LBA size of the topology', () => {
    for (const ns of nvme.namespaces) {
      const queue = `/sys/block/${nvme.id}n${ns.nsid}/queue`;
      expect(Number(readFileSync(`${queue}/logical_block_size`, 'utf8'))).toBe(ns.lbaBytes);
    }
  });

  it('answers nvme-cli id-ctrl with the serial and model we set', () => {
    const json = execFileSync('nvme', ['id-ctrl', `/dev/${nvme.id}`, '-o', 'json'], { encoding: 'utf8' });
    recordFixture('smoke/nvme-id-ctrl.json', json);
    const idCtrl = JSON.parse(json) as { sn: string; mn: string; nn: number };
    expect(idCtrl.sn.trim()).toBe(nvme.serial);
    expect(idCtrl.mn.trim()).toBe(nvme.model);
    expect(idCtrl.nn).toBeGreaterThanOrEqual(nvme.namespaces.length);
  });
});
