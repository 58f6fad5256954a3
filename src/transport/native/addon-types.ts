/**
 * The shape of the Node-API addon built from native/cxl_nvme.c, as it is at the Node boundary
 * (Buffers, plain objects). Library code never calls it directly: it goes through the `Syscalls`
 * interface (./syscalls.ts), which tests replace with a fake.
 */

export interface AddonPatch {
  readonly offset: number;
  readonly buffer: Uint8Array;
}

export interface AddonMctpAddress {
  readonly net?: number;
  readonly eid?: number;
  readonly type: number;
  readonly tag?: number;
  readonly tagOwner?: boolean;
  readonly ifindex?: number;
  readonly haddr?: Uint8Array;
}

export interface AddonDatagram {
  readonly data: Buffer;
  readonly length: number;
  readonly truncated: boolean;
  readonly net: number;
  readonly eid: number;
  readonly type: number;
  readonly tag: number;
  readonly tagOwner: boolean;
  readonly ifindex?: number;
  readonly haddr?: Buffer;
}

export interface AddonWatch {
  close(): void;
}

export interface NativeAddon {
  readonly abiVersion: number;
  open(path: string, flags: number): number;
  close(fd: number): void;
  ioctlSync(fd: number, request: number, arg: Uint8Array | number | null, patches?: readonly AddonPatch[] | null): number;
  ioctl(
    fd: number,
    request: number,
    arg: Uint8Array | number | null,
    patches?: readonly AddonPatch[] | null,
    options?: { readonly long?: boolean },
  ): Promise<{ ret: number }>;
  mctpSocket(): number;
  mctpBind(fd: number, addr: AddonMctpAddress): void;
  mctpSetAddrExt(fd: number, on: boolean): void;
  mctpSendTo(fd: number, data: Uint8Array, addr: AddonMctpAddress): number;
  mctpRecvFrom(fd: number, maxLen: number): AddonDatagram | null;
  watchReadable(fd: number, callback: (err: Error | null) => void): AddonWatch;
}
