/** Every open handle closes its transport at the end of an `await using` block. */
import { expect, it } from 'vitest';
import { NvmeDevice, NvmeMiEndpoint } from '../../../src/api/nvme/index.js';
import type { NvmeCompletion } from '../../../src/protocol/nvme/command-types.js';
import type { MctpMessageTransport, NvmeTransport } from '../../../src/transport/types.js';

it('NvmeDevice and NvmeMiEndpoint close their transports with await using', async () => {
  const closed: string[] = [];
  const nvmeT: NvmeTransport = {
    info: { kind: 'simulator', device: 'sim:x' },
    submit: async (): Promise<NvmeCompletion> => ({ result: 0n, status: 0 }),
    close: async () => {
      closed.push('nvme');
    },
  };
  const miT: MctpMessageTransport = {
    info: { kind: 'nvme-mi-mctp', device: 'mctp:1,9' },
    exchange: async () => new Uint8Array(0),
    close: async () => {
      closed.push('mi');
    },
  };
  {
    await using dev = new NvmeDevice(nvmeT);
    await using mi = new NvmeMiEndpoint(miT);
    expect([dev, mi].length).toBe(2);
    expect(closed).toEqual([]);
  }
  // Disposal runs in reverse order of declaration.
  expect(closed).toEqual(['mi', 'nvme']);
});
