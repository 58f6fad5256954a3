// Turns test/live/topology.ts into a QEMU command line. Nothing device-specific is written here: every serial,
// size and id comes from the topology module so live tests can assert against the same values.
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import {
  cxlHostBridge,
  cxlMemdevs,
  cxlSwitch,
  guestMachine,
  nvme,
} from '../../test/live/topology.js';
import type { CxlType3 } from '../../test/live/topology.js';

export interface QemuPaths {
  kernel: string;
  initrd: string;
  /** Host dir shared read-write with the guest as mount tag `cxlout`. */
  outDir: string;
  /** Where backing files for memory and NVMe namespaces are created (sparse). */
  imageDir: string;
  qmpSocket: string;
}

/** Creates a sparse file of `size` bytes (what `truncate -s` does), so 1.5 GiB of backing costs no disk. */
function sparseFile(path: string, size: number): string {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
  return path;
}

function memBackend(id: string, path: string, size: number): string[] {
  // share=on: the device's writes land in the file, which keeps persistent capacity and the LSA inspectable
  // from the host after a run.
  return ['-object', `memory-backend-file,id=${id},share=on,mem-path=${sparseFile(path, size)},size=${size}`];
}

function type3Args(dev: CxlType3, bus: string, imageDir: string): string[] {
  const args: string[] = [];
  const props = [`bus=${bus}`, `id=${dev.id}`, `sn=${dev.serial}`];
  if (dev.volatileBytes > 0) {
    args.push(...memBackend(`${dev.id}-vmem`, join(imageDir, `${dev.id}-vmem.raw`), dev.volatileBytes));
    props.push(`volatile-memdev=${dev.id}-vmem`);
  }
  if (dev.persistentBytes > 0) {
    args.push(...memBackend(`${dev.id}-pmem`, join(imageDir, `${dev.id}-pmem.raw`), dev.persistentBytes));
    props.push(`persistent-memdev=${dev.id}-pmem`);
  }
  if (dev.lsaBytes > 0) {
    args.push(...memBackend(`${dev.id}-lsa`, join(imageDir, `${dev.id}-lsa.raw`), dev.lsaBytes));
    props.push(`lsa=${dev.id}-lsa`);
  }
  if (dev.dynamicCapacityBytes > 0) {
    args.push(...memBackend(`${dev.id}-dc`, join(imageDir, `${dev.id}-dc.raw`), dev.dynamicCapacityBytes));
    props.push(`volatile-dc-memdev=${dev.id}-dc`, `num-dc-regions=${dev.dcRegions}`);
  }
  args.push('-device', `cxl-type3,${props.join(',')}`);
  return args;
}

export function qemuArgs(p: QemuPaths): string[] {
  const hb = cxlHostBridge.id;
  const args = [
    '-accel', 'tcg', // KVM here is a PVM backend that cannot run ordinary guests; TCG is measured to be fast enough.
    '-cpu', 'max',
    '-machine', 'q35,cxl=on',
    '-smp', String(guestMachine.cpus),
    '-m', `${guestMachine.memory},maxmem=${guestMachine.maxMemory},slots=${guestMachine.memorySlots}`,
    '-display', 'none',
    '-monitor', 'none',
    '-serial', 'stdio',
    '-no-reboot',
    '-nic', 'none',
    // Start paused so QMP injections are in the device logs before the guest's drivers first look.
    '-S',
    '-qmp', `unix:${p.qmpSocket},server=on,wait=off`,
    '-kernel', p.kernel,
    '-initrd', p.initrd,
    '-append', 'console=ttyS0 panic=-1 loglevel=4',
    '-device', `pxb-cxl,bus_nr=${cxlHostBridge.busNr},bus=pcie.0,id=${hb}`,
  ];

  let rootPort = 0;
  for (const dev of cxlMemdevs) {
    const rp = `cxl-rp${rootPort}`;
    args.push('-device', `cxl-rp,port=${rootPort},bus=${hb},id=${rp},chassis=0,slot=${rootPort + 2}`);
    rootPort += 1;
    if (dev.attach === 'switch') {
      const s = cxlSwitch;
      args.push(
        '-device', `cxl-upstream,port=${s.upstreamPort},bus=${rp},id=${s.upstreamId},multifunction=on,addr=0.0,sn=${s.upstreamSerial}`,
        // The switch mailbox CCI is function 1 of the upstream port's slot and targets the upstream port.
        '-device', `cxl-switch-mailbox-cci,bus=${rp},addr=0.1,target=${s.upstreamId},id=${s.cciId}`,
        '-device', `cxl-downstream,port=0,bus=${s.upstreamId},id=${s.downstreamId},chassis=0,slot=8`,
        ...type3Args(dev, s.downstreamId, p.imageDir),
      );
    } else {
      args.push(...type3Args(dev, rp, p.imageDir));
    }
  }
  args.push('-M', `cxl-fmw.0.targets.0=${hb},cxl-fmw.0.size=${cxlHostBridge.fmwBytes / 2 ** 30}G`);

  // NVMe and 9p devices go on pcie.0: the guest does not enumerate them behind the CXL expander bus.
  args.push('-device', `nvme,id=${nvme.id},serial=${nvme.serial},bus=pcie.0`);
  for (const ns of nvme.namespaces) {
    const drive = `${nvme.id}-ns${ns.nsid}`;
    const file = sparseFile(join(p.imageDir, `${drive}.img`), ns.sizeBytes);
    args.push(
      '-drive', `file=${file},if=none,id=${drive},format=raw`,
      '-device',
      `nvme-ns,drive=${drive},bus=${nvme.id},nsid=${ns.nsid},logical_block_size=${ns.lbaBytes},physical_block_size=${ns.lbaBytes}`,
    );
  }

  args.push(
    // The host root, read-only: the guest chroots into it to run the host's node on the repo in place.
    '-fsdev', 'local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap',
    '-device', 'virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot,bus=pcie.0',
    // The only place the guest writes to the host: job description in, results and recordings out.
    '-fsdev', `local,id=cxlout,path=${p.outDir},security_model=none`,
    '-device', 'virtio-9p-pci,fsdev=cxlout,mount_tag=cxlout,bus=pcie.0',
  );
  return args;
}
