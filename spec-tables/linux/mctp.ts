/**
 * The Linux AF_MCTP socket ABI: include/uapi/linux/mctp.h, AF_MCTP / SOL_MCTP from
 * include/linux/socket.h. The MCTP message-type byte is not part of the datagram: it travels in
 * `smctp_type` (with the IC bit, e.g. 0x84 for NVMe-MI with integrity check).
 */
import type { StructDef } from '../schema.js';

export const AF_MCTP = 45;
export const SOL_MCTP = 285;
export const MCTP_OPT_ADDR_EXT = 1;
export const MCTP_NET_ANY = 0;
export const MCTP_ADDR_NULL = 0x00;
export const MCTP_ADDR_ANY = 0xff;
export const MCTP_TAG_MASK = 0x07;
export const MCTP_TAG_OWNER = 0x08;
export const MCTP_TAG_PREALLOC = 0x10;

/** MCTP message types used here (DSP0239): NVMe-MI 04h, CXL FM-API 07h, CXL CCI 08h. */
export const mctpMessageType = { nvmeMi: 0x04, cxlFmApi: 0x07, cxlCci: 0x08 } as const;
/** Integrity Check bit of the message-type byte (DSP0236 §8.2). */
export const MCTP_TYPE_IC = 0x80;

/** struct sockaddr_mctp, 12 bytes. */
export const sockaddrMctp = {
  name: 'sockaddrMctp',
  cName: 'sockaddr_mctp',
  size: 12,
  spec: 'Linux include/uapi/linux/mctp.h struct sockaddr_mctp',
  fields: [
    { name: 'family', offset: 0, type: 'u16', doc: 'AF_MCTP (45)' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    { name: 'network', offset: 4, type: 'u32', doc: 'MCTP network id; 0 = MCTP_NET_ANY' },
    { name: 'addr', offset: 8, type: 'u8', doc: 'smctp_addr.s_addr: endpoint id' },
    { name: 'type', offset: 9, type: 'u8', doc: 'Message type byte (IC bit included)' },
    {
      name: 'tag',
      offset: 10,
      type: 'bits',
      bytes: 1,
      bits: [
        { name: 'value', lsb: 0, width: 3, doc: 'Message tag' },
        { name: 'owner', lsb: 3, width: 1, doc: 'MCTP_TAG_OWNER: a request; the kernel allocates the tag' },
        { name: 'prealloc', lsb: 4, width: 1, doc: 'MCTP_TAG_PREALLOC: tag from SIOCMCTPALLOCTAG' },
      ],
    },
    { name: 'rsvd11', offset: 11, type: 'reserved', size: 1 },
  ],
} as const satisfies StructDef;

/** struct sockaddr_mctp_ext, 52 bytes: used after setsockopt(SOL_MCTP, MCTP_OPT_ADDR_EXT, 1). */
export const sockaddrMctpExt = {
  name: 'sockaddrMctpExt',
  cName: 'sockaddr_mctp_ext',
  size: 52,
  spec: 'Linux include/uapi/linux/mctp.h struct sockaddr_mctp_ext',
  fields: [
    { name: 'base', offset: 0, type: 'struct', struct: sockaddrMctp },
    { name: 'ifindex', offset: 12, type: 'i32', doc: 'Interface for direct (physical) addressing' },
    { name: 'halen', offset: 16, type: 'u8', doc: 'Bytes of haddr in use' },
    { name: 'rsvd17', offset: 17, type: 'reserved', size: 3 },
    { name: 'haddr', offset: 20, type: 'bytes', size: 32, doc: 'Physical address (MAX_ADDR_LEN)' },
  ],
} as const satisfies StructDef;

/** struct mctp_ioc_tag_ctl (SIOCMCTPALLOCTAG = 0x89e0, SIOCMCTPDROPTAG = 0x89e1), 4 bytes. */
export const mctpIocTagCtl = {
  name: 'mctpIocTagCtl',
  cName: 'mctp_ioc_tag_ctl',
  size: 4,
  spec: 'Linux include/uapi/linux/mctp.h struct mctp_ioc_tag_ctl',
  fields: [
    { name: 'peerAddr', offset: 0, type: 'u8' },
    { name: 'tag', offset: 1, type: 'u8', doc: 'Out (ALLOC): tag with TO and PREALLOC set' },
    { name: 'flags', offset: 2, type: 'u16', doc: 'Must be 0' },
  ],
} as const satisfies StructDef;

/** SIOCPROTOPRIVATE (0x89E0) + 0 / + 1, include/uapi/linux/sockios.h. Not _IOC-packed. */
export const SIOCMCTPALLOCTAG = 0x89e0;
export const SIOCMCTPDROPTAG = 0x89e1;
