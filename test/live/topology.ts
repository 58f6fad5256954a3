// The single source of truth for the live-test machine: the harness builds the QEMU command line and the QMP
// injections from these values, and live tests assert against the same values. Change a device here and both
// sides follow.

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

/** A CXL Type 3 memory device (`-device cxl-type3`). */
export interface CxlType3 {
  /** QEMU device id; its QOM path (for QMP) is `/machine/peripheral/<id>`. */
  readonly id: string;
  /** Device serial (`sn=`); the kernel shows it as `%#llx` in /sys/bus/cxl/devices/memN/serial. */
  readonly serial: number;
  readonly volatileBytes: number;
  readonly persistentBytes: number;
  /** Label storage area size; 0 = no LSA. */
  readonly lsaBytes: number;
  /** Dynamic capacity (volatile DC memdev) split into this many regions; 0 = not a DCD. */
  readonly dynamicCapacityBytes: number;
  readonly dcRegions: number;
  /** Where the device hangs: behind the switch's downstream port, or directly on a root port. */
  readonly attach: 'switch' | 'root-port';
}

export interface NvmeNamespace {
  readonly nsid: number;
  readonly lbaBytes: number;
  readonly sizeBytes: number;
}

export interface NvmeController {
  readonly id: string;
  /** Identify Controller SN (`serial=`). */
  readonly serial: string;
  /**
   * Identify Controller MN. QEMU's nvme device has no property for it: it always reports this string, so it is
   * recorded here rather than set.
   */
  readonly model: string;
  readonly namespaces: readonly NvmeNamespace[];
}

export interface PoisonInjection {
  readonly device: string;
  /** Device physical address; QEMU requires 64-byte alignment. */
  readonly dpa: number;
  readonly length: number;
}

export interface GeneralMediaInjection {
  readonly device: string;
  readonly log: 'informational' | 'warning' | 'failure' | 'fatal';
  readonly flags: number;
  readonly dpa: number;
  readonly descriptor: number;
  readonly type: number;
  readonly transactionType: number;
}

/** Type 3 with volatile + persistent capacity and an LSA, sitting behind the CXL switch. */
export const memExpander: CxlType3 = {
  id: 'cxl-mem0',
  serial: 0xc0de0001,
  volatileBytes: 256 * MiB,
  persistentBytes: 256 * MiB,
  lsaBytes: 256 * KiB,
  dynamicCapacityBytes: 0,
  dcRegions: 0,
  attach: 'switch',
};

/** Dynamic-capacity device on its own root port. */
export const dcd: CxlType3 = {
  id: 'cxl-dcd0',
  serial: 0xc0de0002,
  volatileBytes: 0,
  persistentBytes: 0,
  lsaBytes: 0,
  dynamicCapacityBytes: 512 * MiB,
  dcRegions: 2,
  attach: 'root-port',
};

export const cxlMemdevs: readonly CxlType3[] = [memExpander, dcd];

export const cxlSwitch = {
  /** `cxl-upstream` id; the switch mailbox CCI targets it. */
  upstreamId: 'cxl-us0',
  upstreamSerial: 0xc0de0033,
  upstreamPort: 33,
  cciId: 'cxl-swcci0',
  /**
   * PCI class of the switch mailbox CCI function (base 0Ch, sub 0Bh, as /sys/bus/pci/devices/X/class shows it).
   * Linux 6.1 has no driver for it: reach it through its PCI BAR, not a /dev node.
   */
  cciPciClass: '0x0c0b00',
  downstreamId: 'cxl-ds0',
} as const;

export const cxlHostBridge = {
  id: 'cxl.1',
  busNr: 12,
  /** CXL fixed memory window size (`cxl-fmw.0.size`). */
  fmwBytes: 4 * GiB,
} as const;

export const nvme: NvmeController = {
  id: 'nvme0',
  serial: 'CXLNVME0001',
  model: 'QEMU NVMe Ctrl',
  namespaces: [
    { nsid: 1, lbaBytes: 512, sizeBytes: 64 * MiB },
    { nsid: 2, lbaBytes: 4096, sizeBytes: 64 * MiB },
  ],
};

/** Injected over QMP while the guest is paused, so they are in the device logs before any test runs. */
export const poisonInjections: readonly PoisonInjection[] = [
  { device: memExpander.id, dpa: 0x1000, length: 0x40 },
  { device: memExpander.id, dpa: memExpander.volatileBytes + 0x2000, length: 0x80 },
];

export const generalMediaInjections: readonly GeneralMediaInjection[] = [
  {
    device: memExpander.id,
    log: 'informational',
    flags: 1,
    dpa: 0x1000,
    descriptor: 3,
    type: 3,
    transactionType: 192,
  },
];

/** MCTP endpoint ids the guest init assigns to `lo` before tests run (local AF_MCTP delivery). */
export const mctpLoopbackEids: readonly number[] = [8, 9];

export const guestMachine = {
  cpus: 2,
  memory: '2G',
  /** Hotplug room the CXL fixed memory window needs. */
  maxMemory: '4G',
  memorySlots: 4,
} as const;

/** What the kernel prints in /sys/bus/cxl/devices/memN/serial for a given serial. */
export function sysfsSerial(serial: number): string {
  return `0x${serial.toString(16)}`;
}
