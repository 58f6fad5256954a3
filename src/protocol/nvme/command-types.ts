/**
 * A transport-neutral NVMe command: what the command builders return and what every NVMe transport
 * (passthrough ioctl, NVMe-MI tunnel, simulator, replay) sends. Mirrors the submission queue entry
 * (NVMe Base 2.0c §4.1 Figure 88) minus what the transport owns (CID, PRP/SGL pointers).
 */

/** Data direction, from the opcode's low two bits (NVMe Base 2.0c §5 Figure 139). */
export type NvmeDataDirection = 'none' | 'toDevice' | 'fromDevice' | 'bidirectional';

export type NvmeQueue = 'admin' | 'io';

export interface NvmeCommand {
  /** Human-readable name (the builder's name: 'identifyCtrl', 'getLogSmart' ...). */
  readonly name: string;
  readonly queue: NvmeQueue;
  readonly opcode: number;
  readonly flags?: number;
  readonly nsid: number;
  readonly cdw2: number;
  readonly cdw3: number;
  readonly cdw10: number;
  readonly cdw11: number;
  readonly cdw12: number;
  readonly cdw13: number;
  readonly cdw14: number;
  readonly cdw15: number;
  readonly direction: NvmeDataDirection;
  /** Bytes of data to transfer (read: buffer size; write: `data.length`). */
  readonly dataLength: number;
  /** Payload for host-to-device commands. */
  readonly data?: Uint8Array;
  readonly metadataLength: number;
  readonly metadata?: Uint8Array;
  /** Command timeout in ms (0 = the transport's default). */
  readonly timeoutMs: number;
  /** Name of the codec decoding the returned data, if any ('idCtrl', 'smartLog' ...). */
  readonly decodeAs?: string;
}

/** What a transport returns for a completed command. `status` is the 15-bit status field (no phase bit). */
export interface NvmeCompletion {
  /** DW0 (and DW1 in the high half when the transport has the 64-bit result). */
  readonly result: bigint;
  readonly status: number;
  /** Data returned by the device (fromDevice / bidirectional), exactly `dataLength` bytes. */
  readonly data?: Uint8Array;
  readonly metadata?: Uint8Array;
}
