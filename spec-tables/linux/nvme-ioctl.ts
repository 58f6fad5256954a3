/**
 * The Linux NVMe passthrough ABI: include/uapi/linux/nvme_ioctl.h. Host byte order (little-endian
 * on x86_64/arm64). The first 40 bytes mirror the NVMe SQE (NVMe Base 2.0c §4.1 Figure 88):
 * opcode, flags, NSID, CDW2/3, then user pointers where MPTR/PRP1 sit.
 */
import type { FieldDef, StructDef } from '../schema.js';
import type { IoctlDef } from './ioctl.js';

const common = [
  { name: 'opcode', offset: 0, type: 'u8' },
  { name: 'flags', offset: 1, type: 'u8', doc: 'Must be 0: nvme_user_cmd() returns -EINVAL otherwise' },
  { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
  { name: 'nsid', offset: 4, type: 'u32', doc: 'On a namespace node it must equal that namespace (-EINVAL)' },
  { name: 'cdw2', offset: 8, type: 'u32' },
  { name: 'cdw3', offset: 12, type: 'u32' },
  { name: 'metadata', offset: 16, type: 'u64', doc: 'User pointer to the metadata buffer' },
  { name: 'addr', offset: 24, type: 'u64', doc: 'User pointer to the data buffer' },
  { name: 'metadataLen', offset: 32, type: 'u32' },
  { name: 'dataLen', offset: 36, type: 'u32', doc: 'In cmd64 a union with vec_cnt (the _VEC ioctls)' },
  { name: 'cdw10', offset: 40, type: 'u32' },
  { name: 'cdw11', offset: 44, type: 'u32' },
  { name: 'cdw12', offset: 48, type: 'u32' },
  { name: 'cdw13', offset: 52, type: 'u32' },
  { name: 'cdw14', offset: 56, type: 'u32' },
  { name: 'cdw15', offset: 60, type: 'u32' },
  { name: 'timeoutMs', offset: 64, type: 'u32', doc: '0 = the driver default (nvme_core admin_timeout / io_timeout)' },
] as const satisfies readonly FieldDef[];

/** struct nvme_passthru_cmd (= nvme_admin_cmd), 72 bytes: 32-bit result (CQE DW0). */
export const nvmePassthruCmd = {
  name: 'nvmePassthruCmd',
  cName: 'nvme_passthru_cmd',
  size: 72,
  spec: 'Linux include/uapi/linux/nvme_ioctl.h struct nvme_passthru_cmd',
  doc: 'NVME_IOCTL_ADMIN_CMD / NVME_IOCTL_IO_CMD argument',
  fields: [...common, { name: 'result', offset: 68, type: 'u32', doc: 'Out: CQE DW0' }],
} as const satisfies StructDef;

/** struct nvme_passthru_cmd64, 80 bytes: 64-bit result (CQE DW0 | DW1 << 32). */
export const nvmePassthruCmd64 = {
  name: 'nvmePassthruCmd64',
  cName: 'nvme_passthru_cmd64',
  size: 80,
  spec: 'Linux include/uapi/linux/nvme_ioctl.h struct nvme_passthru_cmd64',
  doc: 'NVME_IOCTL_ADMIN64_CMD / NVME_IOCTL_IO64_CMD argument',
  fields: [
    ...common,
    { name: 'rsvd68', offset: 68, type: 'reserved', size: 4 },
    { name: 'result', offset: 72, type: 'u64', doc: 'Out: CQE DW0 (low) and DW1 (high)' },
  ],
} as const satisfies StructDef;

/** Byte offsets of the user pointers, for the addon's pointer patches. */
export const nvmePassthruPointers = { metadata: 16, addr: 24 } as const;

export const NVME_IOCTL_ID = {
  name: 'NVME_IOCTL_ID',
  type: 0x4e,
  nr: 0x40,
  dir: 'none',
  size: 0,
  value: 0x00004e40,
  spec: "Linux include/uapi/linux/nvme_ioctl.h _IO('N', 0x40)",
  doc: 'Returns the namespace id of a namespace node as the ioctl result',
} as const satisfies IoctlDef;

export const NVME_IOCTL_ADMIN_CMD = {
  name: 'NVME_IOCTL_ADMIN_CMD',
  type: 0x4e,
  nr: 0x41,
  dir: 'readWrite',
  size: 72,
  value: 0xc0484e41,
  spec: "Linux include/uapi/linux/nvme_ioctl.h _IOWR('N', 0x41, struct nvme_admin_cmd)",
} as const satisfies IoctlDef;

export const NVME_IOCTL_IO_CMD = {
  name: 'NVME_IOCTL_IO_CMD',
  type: 0x4e,
  nr: 0x43,
  dir: 'readWrite',
  size: 72,
  value: 0xc0484e43,
  spec: "Linux include/uapi/linux/nvme_ioctl.h _IOWR('N', 0x43, struct nvme_passthru_cmd)",
} as const satisfies IoctlDef;

export const NVME_IOCTL_ADMIN64_CMD = {
  name: 'NVME_IOCTL_ADMIN64_CMD',
  type: 0x4e,
  nr: 0x47,
  dir: 'readWrite',
  size: 80,
  value: 0xc0504e47,
  spec: "Linux include/uapi/linux/nvme_ioctl.h _IOWR('N', 0x47, struct nvme_passthru_cmd64)",
  doc: 'Kernel 5.4 and later',
} as const satisfies IoctlDef;

export const NVME_IOCTL_IO64_CMD = {
  name: 'NVME_IOCTL_IO64_CMD',
  type: 0x4e,
  nr: 0x48,
  dir: 'readWrite',
  size: 80,
  value: 0xc0504e48,
  spec: "Linux include/uapi/linux/nvme_ioctl.h _IOWR('N', 0x48, struct nvme_passthru_cmd64)",
} as const satisfies IoctlDef;
