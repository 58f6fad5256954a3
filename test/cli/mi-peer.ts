/**
 * A simulated NVMe-MI Management Endpoint for CLI tests: takes NVMe-MI Admin request messages
 * (NVMe-MI 1.2 §6.1: 68-byte header, data, MIC), runs the tunnelled command on a
 * SimNvmeController and answers with an Admin response message (§6.2: 20-byte header, data, MIC).
 */
import { crc32c } from '../../src/protocol/nvme/crc32c.js';
import type { NvmeCommand } from '../../src/protocol/nvme/command-types.js';
import type { SimNvmeController } from '../../src/transport/sim/index.js';
import type { MctpMessageTransport } from '../../src/transport/types.js';

function withMic(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32c(body), true);
  return out;
}

export function miPeer(ctrl: SimNvmeController): MctpMessageTransport {
  return {
    info: { kind: 'nvme-mi-mctp', device: 'mctp:1,9' },
    async exchange(message) {
      const v = new DataView(message.buffer, message.byteOffset, message.length);
      const dw = (o: number) => v.getUint32(o, true);
      const opcode = message[4]!;
      const dlen = dw(32);
      const dir = opcode & 3;
      const command: NvmeCommand = {
        name: 'mi-admin',
        queue: 'admin',
        opcode,
        nsid: dw(8),
        cdw2: dw(12),
        cdw3: dw(16),
        cdw10: dw(44),
        cdw11: dw(48),
        cdw12: dw(52),
        cdw13: dw(56),
        cdw14: dw(60),
        cdw15: dw(64),
        direction: dir === 1 ? 'toDevice' : dir === 2 ? 'fromDevice' : 'none',
        dataLength: dlen,
        ...(dir === 1 ? { data: message.slice(68, message.length - 4) } : {}),
        metadataLength: 0,
        timeoutMs: 0,
      };
      const c = ctrl.execute(command);
      const data = dir === 2 ? (c.data ?? new Uint8Array(dlen)) : new Uint8Array(0);
      const body = new Uint8Array(20 + data.length);
      const o = new DataView(body.buffer);
      body.set([0x84, 0x90, 0, 0, 0]);
      o.setUint32(8, Number(c.result & 0xffffffffn), true);
      o.setUint32(16, (c.status << 17) >>> 0, true);
      body.set(data, 20);
      return withMic(body);
    },
    async close() {},
  };
}
