/**
 * Tunnel Management Command (opcode 5300h, CXL r3.1 §7.6.7.3.1): the request and response
 * payloads that wrap a whole CCI message (Figure 7-19) for a switch port, an LD of an MLD, or the
 * LD Pool CCI of a multi-headed device. Framing only: there is no libcxlmi public function for it
 * (libcxlmi builds it inside `send_cmd_cci`, `struct cxlmi_cmd_fmapi_tunnel_command_req/rsp`).
 */
import type { StructDef } from '../schema.js';

/** Target Type (request byte 1). */
/** Tunnel Management Command opcode (CXL r3.1 §7.6.7.3.1): framing around another message, not a command row. */
export const tunnelManagementOpcode = 0x5300;

export const tunnelTargetType = { 0: 'portOrLd', 1: 'ldPoolCci' } as const;

export const fmapiTunnelCommandReq = {
  name: 'fmapiTunnelCommandReq',
  cName: 'cxlmi_cmd_fmapi_tunnel_command_req',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.3.1 (Tunnel Management Command Request Payload)',
  doc: 'Tunnel Management Command request: the target and the CCI message to deliver',
  fields: [
    {
      name: 'id',
      offset: 0,
      type: 'u8',
      doc: 'Port or LD ID: egress port ID (switch) or LD-ID (MLD) for target type 0; ignored for type 1',
    },
    {
      name: 'targetType',
      offset: 1,
      type: 'bits',
      bytes: 1,
      bits: [{ name: 'targetType', lsb: 0, width: 4, enum: tunnelTargetType, doc: '0 port or LD, 1 LD Pool CCI' }],
    },
    { name: 'commandSize', offset: 2, type: 'u16', unit: 'bytes', doc: 'Size of the tunnelled CCI message (header + payload)' },
    {
      name: 'message',
      offset: 4,
      type: 'flex',
      of: 'u8',
      count: { field: 'commandSize', unit: 'bytes' },
      doc: 'The tunnelled request: a whole CCI message',
    },
  ],
} as const satisfies StructDef;

export const fmapiTunnelCommandRsp = {
  name: 'fmapiTunnelCommandRsp',
  cName: 'cxlmi_cmd_fmapi_tunnel_command_rsp',
  size: 4,
  spec: 'CXL r3.1 §7.6.7.3.1 (Tunnel Management Command Response Payload)',
  doc: 'Tunnel Management Command response: the tunnelled CCI response message',
  fields: [
    { name: 'length', offset: 0, type: 'u16', unit: 'bytes', doc: 'Response Length: size of the tunnelled CCI response message' },
    { name: 'rsvd2', offset: 2, type: 'reserved', size: 2 },
    {
      name: 'message',
      offset: 4,
      type: 'flex',
      of: 'u8',
      count: { field: 'length', unit: 'bytes' },
      doc: 'The tunnelled response: a whole CCI message',
    },
  ],
} as const satisfies StructDef;
