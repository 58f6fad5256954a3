/**
 * The Linux CXL memory-device mailbox ABI: include/uapi/linux/cxl_mem.h (ioctls on /dev/cxl/memN)
 * and the command table in drivers/cxl/core/mbox.c. Native byte order; little-endian on every
 * architecture CXL ships on. Layouts checked against ../shared/reference/cxl-struct-layouts.tsv
 * (measured from the 6.1 uapi header).
 */
import type { StructDef } from '../schema.js';
import type { IoctlDef } from './ioctl.js';

/** struct cxl_command_info: one row of the CXL_MEM_QUERY_COMMANDS answer. */
export const cxlCommandInfo = {
  name: 'cxlCommandInfo',
  cName: 'cxl_command_info',
  size: 16,
  spec: 'Linux include/uapi/linux/cxl_mem.h struct cxl_command_info',
  doc: 'A command both the driver and the device support',
  fields: [
    { name: 'id', offset: 0, type: 'u32', doc: 'CXL_MEM_COMMAND_ID_*' },
    {
      name: 'flags',
      offset: 4,
      type: 'bits',
      bytes: 4,
      doc: 'Reported by kernels since 6.3; 0 on older kernels',
      bits: [
        { name: 'enabled', lsb: 0, width: 1, doc: 'CXL_MEM_COMMAND_FLAG_ENABLED: the device supports the opcode (in its CEL)' },
        { name: 'exclusive', lsb: 1, width: 1, doc: 'CXL_MEM_COMMAND_FLAG_EXCLUSIVE: the kernel owns it; sending fails with EBUSY' },
      ],
    },
    { name: 'sizeIn', offset: 8, type: 'u32', doc: 'Input payload size the kernel requires, 0xFFFFFFFF = variable' },
    { name: 'sizeOut', offset: 12, type: 'u32', doc: 'Minimum output buffer, 0xFFFFFFFF = variable' },
  ],
} as const satisfies StructDef;

/** struct cxl_mem_query_commands: n_commands = 0 asks for the count only. */
export const cxlMemQueryCommands = {
  name: 'cxlMemQueryCommands',
  cName: 'cxl_mem_query_commands',
  size: 8,
  spec: 'Linux include/uapi/linux/cxl_mem.h struct cxl_mem_query_commands',
  doc: 'CXL_MEM_QUERY_COMMANDS argument',
  fields: [
    { name: 'nCommands', offset: 0, type: 'u32', doc: 'In: entries allocated (0 = just count). Out: entries supported' },
    { name: 'rsvd4', offset: 4, type: 'reserved', size: 4 },
    { name: 'commands', offset: 8, type: 'flex', of: cxlCommandInfo, count: 'rest' },
  ],
} as const satisfies StructDef;

/** struct cxl_send_command (48 bytes). `raw` is a union with a u32 `rsvd` at offset 8. */
export const cxlSendCommand = {
  name: 'cxlSendCommand',
  cName: 'cxl_send_command',
  size: 48,
  spec: 'Linux include/uapi/linux/cxl_mem.h struct cxl_send_command',
  doc: 'CXL_MEM_SEND_COMMAND argument',
  fields: [
    { name: 'id', offset: 0, type: 'u32', doc: 'CXL_MEM_COMMAND_ID_*, one the query returned' },
    { name: 'flags', offset: 4, type: 'u32', doc: 'Must be 0 (kernel: -EINVAL otherwise)' },
    { name: 'rawOpcode', offset: 8, type: 'u16', doc: 'raw.opcode: the opcode for CXL_MEM_COMMAND_ID_RAW; else 0' },
    { name: 'rsvd10', offset: 10, type: 'reserved', size: 2 },
    { name: 'retval', offset: 12, type: 'u32', doc: 'Out: the mailbox Return Code (CXL r3.1 Table 8-34)' },
    { name: 'inSize', offset: 16, type: 'u32', doc: 'in.size: input payload bytes' },
    { name: 'rsvd20', offset: 20, type: 'reserved', size: 4 },
    { name: 'inPayload', offset: 24, type: 'u64', doc: 'in.payload: user pointer to the input payload' },
    { name: 'outSize', offset: 32, type: 'u32', doc: 'out.size: in = buffer size, out = bytes the device returned' },
    { name: 'rsvd36', offset: 36, type: 'reserved', size: 4 },
    { name: 'outPayload', offset: 40, type: 'u64', doc: 'out.payload: user pointer to the output buffer' },
  ],
} as const satisfies StructDef;

/** Byte offsets of the two user pointers, for the addon's pointer patches. */
export const cxlSendCommandPointers = { inPayload: 24, outPayload: 40 } as const;

export const CXL_MEM_QUERY_COMMANDS = {
  name: 'CXL_MEM_QUERY_COMMANDS',
  type: 0xce,
  nr: 1,
  dir: 'read',
  size: 8,
  value: 0x8008ce01,
  spec: 'Linux include/uapi/linux/cxl_mem.h _IOR(0xCE, 1, struct cxl_mem_query_commands)',
} as const satisfies IoctlDef;

export const CXL_MEM_SEND_COMMAND = {
  name: 'CXL_MEM_SEND_COMMAND',
  type: 0xce,
  nr: 2,
  dir: 'readWrite',
  size: 48,
  value: 0xc030ce02,
  spec: 'Linux include/uapi/linux/cxl_mem.h _IOWR(0xCE, 2, struct cxl_send_command)',
} as const satisfies IoctlDef;

/** CXL_VARIABLE_PAYLOAD (~0U) in cxl_command_info sizes. */
export const CXL_VARIABLE_PAYLOAD = 0xffffffff;

export const CXL_MEM_COMMAND_ID_INVALID = 0;
export const CXL_MEM_COMMAND_ID_RAW = 2;

export interface CxlKernelCommand {
  /** Position in the CXL_CMDS enum: the uapi command id. */
  readonly id: number;
  /** CXL_MEM_COMMAND_ID_<name> (or CXL_MEM_DEPRECATED_ID_<name>). */
  readonly name: string;
  /** Mailbox opcode (drivers/cxl/cxlmem.h enum cxl_opcode). */
  readonly opcode: number;
  /** Marked ___DEPRECATED in the uapi enum: newer kernels no longer accept the id. */
  readonly deprecated?: boolean;
}

/**
 * The CXL_CMDS enum (append-only, so ids are stable) with the opcode each id sends, from
 * drivers/cxl/core/mbox.c `cxl_mem_commands[]` (CXL_CMD(id, ...) uses CXL_MBOX_OP_<id>). Which of
 * these a given kernel and device accept is learned at run time from CXL_MEM_QUERY_COMMANDS.
 * Ids 21-24 appeared in later kernels than 6.1 (21 = MAX there).
 */
export const cxlKernelCommands = [
  { id: 1, name: 'IDENTIFY', opcode: 0x4000 },
  { id: 2, name: 'RAW', opcode: 0x0000 },
  { id: 3, name: 'GET_SUPPORTED_LOGS', opcode: 0x0400 },
  { id: 4, name: 'GET_FW_INFO', opcode: 0x0200 },
  { id: 5, name: 'GET_PARTITION_INFO', opcode: 0x4100 },
  { id: 6, name: 'GET_LSA', opcode: 0x4102 },
  { id: 7, name: 'GET_HEALTH_INFO', opcode: 0x4200 },
  { id: 8, name: 'GET_LOG', opcode: 0x0401 },
  { id: 9, name: 'SET_PARTITION_INFO', opcode: 0x4101 },
  { id: 10, name: 'SET_LSA', opcode: 0x4103 },
  { id: 11, name: 'GET_ALERT_CONFIG', opcode: 0x4201 },
  { id: 12, name: 'SET_ALERT_CONFIG', opcode: 0x4202 },
  { id: 13, name: 'GET_SHUTDOWN_STATE', opcode: 0x4203 },
  { id: 14, name: 'SET_SHUTDOWN_STATE', opcode: 0x4204 },
  { id: 15, name: 'GET_POISON', opcode: 0x4300, deprecated: true },
  { id: 16, name: 'INJECT_POISON', opcode: 0x4301, deprecated: true },
  { id: 17, name: 'CLEAR_POISON', opcode: 0x4302, deprecated: true },
  { id: 18, name: 'GET_SCAN_MEDIA_CAPS', opcode: 0x4303 },
  { id: 19, name: 'SCAN_MEDIA', opcode: 0x4304, deprecated: true },
  { id: 20, name: 'GET_SCAN_MEDIA', opcode: 0x4305, deprecated: true },
  { id: 21, name: 'GET_TIMESTAMP', opcode: 0x0300 },
  { id: 22, name: 'GET_LOG_CAPS', opcode: 0x0402 },
  { id: 23, name: 'CLEAR_LOG', opcode: 0x0403 },
  { id: 24, name: 'GET_SUP_LOG_SUBLIST', opcode: 0x0405 },
] as const satisfies readonly CxlKernelCommand[];

/**
 * Opcodes the kernel refuses on the RAW path even with CONFIG_CXL_MEM_RAW_COMMANDS
 * (drivers/cxl/core/mbox.c cxl_disabled_raw_commands[]), and whole command sets it refuses
 * (security_command_sets[]: 44h Sanitize, 45h Persistent Memory Security, 46h Security Passthrough).
 */
export const cxlRawDisabledOpcodes = [0x0202, 0x4101, 0x4103, 0x4204, 0x4304, 0x4305] as const;
export const cxlRawDisabledCommandSets = [0x44, 0x45, 0x46] as const;
