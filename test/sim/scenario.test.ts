/** Scenario files: the default fleet loads and answers; mistakes name their JSON path. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Endpoint } from '../../src/api/cxl/endpoint.js';
import { isCxlCommandError } from '../../src/errors.js';
import * as nvme from '../../src/protocol/nvme/index.js';
import { codecs } from '../../src/structs/index.js';
import { loadScenario } from '../../src/transport/sim/scenario.js';
import { SimCxlType3 } from '../../src/transport/sim/type3.js';

const DEFAULT = fileURLToPath(new URL('../../scenarios/default.json', import.meta.url));

describe('loadScenario', () => {
  it('builds the default fleet: two Type 3, a switch with an MLD, an NVMe controller with 512 B and 4 KiB namespaces', async () => {
    const s = loadScenario(DEFAULT);
    expect([...s.cxl.keys()]).toEqual(['mem0', 'mem1', 'sw0']);
    expect([...s.nvme.keys()]).toEqual(['nvme0']);
    const mem0 = await Endpoint.open(s.cxl.get('mem0')!);
    const mem1 = await Endpoint.open(s.cxl.get('mem1')!);
    expect(mem0.identity?.serialNum).not.toBe(mem1.identity?.serialNum);
    expect((await mem0.memdevIdentify()).totalCapacity).not.toBe((await mem1.memdevIdentify()).totalCapacity);
    const poison = await mem1.getPoisonList({ getPoisonListPhyAddr: { cacheline: 0n }, getPoisonListPhyAddrLen: 1n << 20n });
    expect(poison.records[0]!.mediaErrLen).toBe(2);
    const sw = await Endpoint.open(s.cxl.get('sw0')!);
    expect(sw.componentType).toBe('switch');
    expect((await sw.tunnel({ port: 1 }).fmapiGetLdInfo()).ldCount).toBe(2);
    const ctrl = s.nvme.get('nvme0')!;
    const sizes = [];
    for (const nsid of [1, 2]) {
      const id = codecs.idNs.decode((await ctrl.submit(nvme.identifyNs({ nsid }))).data!);
      sizes.push(2 ** id.lbaf[id.flbas.lbafLo]!.ds);
    }
    expect(sizes).toEqual([512, 4096]);
    expect(s.devices.get('sw0.port1.ld1')).toBeInstanceOf(SimCxlType3);
    // One NVMe-MI Management Endpoint per controller, fronting controller ID 0 of nvme0.
    expect([...s.mi.keys()]).toEqual(['nvme0-mi']);
    expect(s.mi.get('nvme0-mi')!.info.device).toBe('sim:nvme0-mi');
  });

  it('applies injected faults from the scenario', async () => {
    const s = loadScenario({ v: 1, cxl: { m: { type: 'type3', faults: [{ opcode: '0x4200', returnCode: 'mediaDisabled' }] } } });
    const ep = await Endpoint.open(s.cxl.get('m')!);
    await expect(ep.memdevGetHealthInfo()).rejects.toSatisfy((e: unknown) => isCxlCommandError(e) && e.returnCode === 0x07);
  });

  it.each([
    [{ v: 2 }, '$.v'],
    [{ v: 1, cxl: { m: { type: 'type9' } } }, '$.cxl.m.type'],
    [{ v: 1, cxl: { m: { type: 'type3', volatileBytes: '100MiB' } } }, '$.cxl.m.volatileBytes'],
    [{ v: 1, cxl: { m: { type: 'type3', poison: [{ dpa: 3 }] } } }, '$.cxl.m.poison[0].dpa'],
    [{ v: 1, cxl: { m: { type: 'type3', faults: [{ opcode: 1, returnCode: 'nope' }] } } }, '$.cxl.m.faults[0].returnCode'],
    [{ v: 1, cxl: { s: { type: 'switch', ports: { '0': { type: 'type3' } } } } }, '$.cxl.s.ports.0'],
    [{ v: 1, cxl: { s: { type: 'switch', ports: { '2': { type: 'mld', lds: [{ temperature: 'hot' }] } } } } }, '$.cxl.s.ports.2.lds[0].temperature'],
    [{ v: 1, nvme: { n: { namespaces: [{ size: '1GiB', lbaFormat: 4 }] } } }, '$.nvme.n.namespaces[0].lbaFormat'],
    [{ v: 1, nvme: { n: { colour: 'red' } } }, '$.nvme.n.colour'],
    [{ v: 1, nvme: { n: { sanitizeActions: ['shred'] } } }, '$.nvme.n.sanitizeActions[0]'],
    [{ v: 1, nvme: { n: { operations: { mode: 'later' } } } }, '$.nvme.n.operations.mode'],
    [{ v: 1, nvme: { n: { fwSlots: 8 } } }, '$.nvme.n.fwSlots'],
    [{ v: 1, nvme: { n: { capacity: '1MiB' } } }, '$.nvme.n'],
    [{ v: 1, nvme: { n: { mi: { colour: 1 } } } }, '$.nvme.n.mi.colour'],
  ])('reports %j at %s', (json, path) => {
    expect(() => loadScenario(json)).toThrow(expect.objectContaining({ code: 'USAGE', context: expect.objectContaining({ path }) }));
  });

  it('reports malformed JSON and unreadable files as USAGE', () => {
    expect(() => loadScenario('{ nope')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => loadScenario('/nonexistent/scenario.json')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
