/**
 * SimCxlSwitch and SimCxlMld against CXL r3.1 §7.6.7 (FM-API), through the Endpoint's tunnels.
 */
import { describe, expect, it } from 'vitest';
import { Endpoint } from '../../src/api/cxl/endpoint.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/cxl/messages.js';
import { codecs } from '../../src/structs/index.js';
import { RC } from '../../src/transport/sim/cci-device.js';
import { SimCxlMld, SimCxlSwitch } from '../../src/transport/sim/switch.js';
import { SimCxlType3 } from '../../src/transport/sim/type3.js';
import { rcOf } from './cxl-helpers.js';

const GiB = 1n << 30n;

function fleet() {
  const mld = new SimCxlMld({ serial: 0x77n, lds: [{ volatileOnlyBytes: GiB }, { volatileOnlyBytes: 2n * GiB }] });
  const sld = new SimCxlType3({ serial: 0x88n, volatileOnlyBytes: GiB });
  const sw = new SimCxlSwitch({ serial: 0x99n, background: { mode: 'instant' }, ports: [{ id: 1, device: mld }, { id: 2, device: sld }] });
  return { mld, sld, sw };
}

describe('SimCxlSwitch', () => {
  it('identifies as a switch (component type 00h) and describes its ports', async () => {
    const { sw } = fleet();
    const ep = await Endpoint.open(sw);
    expect(ep.componentType).toBe('switch');
    const id = await ep.fmapiIdentifySwDevice();
    expect(id).toMatchObject({ ingressPortId: 0, numPhysicalPorts: 8, numVcs: 1, numTotalVppb: 4, numActiveVppb: 0 });
    expect(id.activePortBitmask[0]).toBe(0b111);
    const st = await ep.fmapiGetPhysPortState({ ports: new Uint8Array([1, 2, 3]) });
    expect(st.ports.map((p) => [p.portId, p.connDevType, p.ltssmState, p.supportedLdCount])).toEqual([
      [1, 'type3Mld', 'l0', 2],
      [2, 'type3Sld', 'l0', 0],
      [3, 'none', 'detect', 0],
    ]);
    expect(await rcOf(ep.fmapiGetPhysPortState({ ports: new Uint8Array([9]) }))).toBe(RC.invalidInput);
  });

  it('asserts and deasserts PERST on a port', async () => {
    const ep = await Endpoint.open(fleet().sw);
    await ep.fmapiPhysPortControl({ ppbId: 2, portOpcode: 'assertPerst' });
    let st = await ep.fmapiGetPhysPortState({ ports: new Uint8Array([2]) });
    expect(st.ports[0]!.linkState.perstAsserted).toBe(true);
    expect(st.ports[0]!.ltssmState).toBe('detect');
    await ep.fmapiPhysPortControl({ ppbId: 2, portOpcode: 'deassertPerst' });
    st = await ep.fmapiGetPhysPortState({ ports: new Uint8Array([2]) });
    expect(st.ports[0]!.linkState.perstAsserted).toBe(false);
  });

  it('binds and unbinds vPPBs as background operations and reports them in Get VCS Info', async () => {
    const { sw } = fleet();
    const ep = await Endpoint.open(sw);
    await (await ep.fmapiBindVppb({ vcsId: 0, vppbId: 0, portId: 1, ldId: 1 }, { pollIntervalMs: 1 })).done;
    await (await ep.fmapiBindVppb({ vcsId: 0, vppbId: 1, portId: 2, ldId: 0xffff }, { pollIntervalMs: 1 })).done;
    const info = await ep.fmapiGetVcsInfo({ startVppb: 0, vppbListLimit: 4, vcsIdList: new Uint8Array([0]) });
    const body = info.vcsInfoList;
    expect(codecs.fmapiVcsInfoBlock.decode(body)).toMatchObject({ vcsId: 0, vcsState: 'enabled', uspId: 0, numVppbs: 4 });
    const vppb = (i: number) => codecs.fmapiVppbInfo.decode(body, 4 + i * 4);
    expect(vppb(0)).toMatchObject({ bindingStatus: 'boundLd', boundPortId: 1, boundLdId: 1 });
    expect(vppb(1)).toMatchObject({ bindingStatus: 'boundPhysicalPort', boundPortId: 2 });
    expect(vppb(2).bindingStatus).toBe('unbound');
    expect((await ep.fmapiIdentifySwDevice()).numActiveVppb).toBe(2);
    expect(await rcOf(ep.fmapiBindVppb({ vcsId: 0, vppbId: 0, portId: 2, ldId: 0xffff }))).toBe(RC.invalidInput);
    await (await ep.fmapiUnbindVppb({ vcsId: 0, vppbId: 0, option: { unbindOption: 'managedHotRemove' } }, { pollIntervalMs: 1 })).done;
    expect((await ep.fmapiIdentifySwDevice()).numActiveVppb).toBe(1);
  });

  it('tunnels to an SLD on a port and to each LD of an MLD', async () => {
    const { sw, sld, mld } = fleet();
    const ep = await Endpoint.open(sw);
    const port2 = ep.tunnel({ port: 2 });
    expect((await port2.identify()).serialNum).toBe(0x88n);
    sld.setTemperature(50);
    expect((await port2.memdevGetHealthInfo()).deviceTemperature).toBe(50);
    expect((await ep.tunnel({ port: 1, ld: 1 }).memdevIdentify()).totalCapacity).toBe(8n);
    await ep.tunnel({ port: 1, ld: 0 }).memdevSetLsa({ offset: 0, data: new Uint8Array([9]) });
    expect(mld.lds[0]!.lsa[0]).toBe(9);
    expect(mld.lds[1]!.lsa[0]).toBe(0);
  });

  it('answers the MLD components commands behind a port (§7.6.7.4)', async () => {
    const ep = await Endpoint.open(fleet().sw);
    const fm = ep.tunnel({ port: 1 });
    expect(await fm.fmapiGetLdInfo()).toMatchObject({ memorySize: 3n * GiB, ldCount: 2 });
    const alloc = await fm.fmapiGetLdAllocations({ startLdId: 0, ldAllocationListLimit: 8 });
    expect(alloc).toMatchObject({ numberLd: 2, memoryGranularity: 'mib256', startLdId: 0, ldAllocationListLen: 2 });
    expect(alloc.ldAllocationList.map((a) => a.range1AllocationMult)).toEqual([4n, 8n]);
    const set = await fm.fmapiSetLdAllocations({ startLdId: 1, ldAllocationList: [{ range1AllocationMult: 4n, range2AllocationMult: 0n }] });
    expect(set.numberLd).toBe(1);
    expect(await rcOf(fm.fmapiSetLdAllocations({ startLdId: 0, ldAllocationList: [{ range1AllocationMult: 100n, range2AllocationMult: 0n }] }))).toBe(RC.resourcesExhausted);
    const qos = await fm.fmapiGetQosControl();
    await fm.fmapiSetQosControl({ ...qos, egressModeratePercentage: 20 });
    expect((await fm.fmapiGetQosControl()).egressModeratePercentage).toBe(20);
    expect((await fm.fmapiGetQosStatus()).backpressureAvgPercentage).toBe(0);
    await fm.fmapiSetQosBwLimit({ startLdId: 0, qosLimitFraction: new Uint8Array([100, 200]) });
    expect(Array.from((await fm.fmapiGetQosBwLimit({ numberLd: 2, startLdId: 0 })).qosLimitFraction)).toEqual([100, 200]);
  });

  it('refuses FM-API commands on the CCI channel and tunnels to empty ports', async () => {
    const { sw } = fleet();
    const rep = decodeMessage(await sw.submit(encodeMessage({ category: 'request', tag: 1, opcode: 0x5100 })));
    expect(rep.returnCode).toBe(RC.unsupportedMailboxOrCci);
    const inner = encodeMessage({ category: 'request', tag: 2, opcode: 0x0001 });
    const payload = codecs.fmapiTunnelCommandReq.encode({ id: 5, targetType: { targetType: 'portOrLd' }, message: inner });
    const r2 = decodeMessage(await sw.submit(encodeMessage({ category: 'request', tag: 3, opcode: 0x5300, payload }), { fmApi: true }));
    expect(r2.returnCode).toBe(RC.invalidInput);
    // Command Size disagreeing with the bytes carried.
    const bad = payload.slice();
    bad[2] = 200;
    const r3 = decodeMessage(await sw.submit(encodeMessage({ category: 'request', tag: 4, opcode: 0x5300, payload: bad }), { fmApi: true }));
    expect(r3.returnCode).toBe(RC.invalidPayloadLength);
  });
});
