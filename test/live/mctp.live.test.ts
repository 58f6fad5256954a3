// CXL over AF_MCTP through the guest kernel's MCTP stack: simulated components (src/transport/sim) answer on
// sockets bound to the loopback EIDs for message types 08h (CCI) and 07h (FM-API); the library's MCTP transport
// talks to them through an Endpoint. NVMe-MI (type 04h): a SimNvmeMi answers on a socket bound to type 04h
// and the library talks to it with openNvmeMiMctp through NvmeMiEndpoint and NvmeDevice over NvmeMiTransport.
// Every exchange is recorded (helpers.ts) and replayed in `npm test`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mctpMessageType,
} from '../../spec-tables/linux/mctp.js';
import { Endpoint } from '../../src/api/cxl/index.js';
import { NvmeDevice, NvmeMiEndpoint } from '../../src/api/nvme/index.js';
import { openCxlMctp, openNvmeMiMctp } from '../../src/transport/mctp.js';
import { SimCxlType3 } from '../../src/transport/sim/index.js';
import {
  loggingDevice,
  MctpResponder,
  type MctpCtx,
  makeSimSwitch,
  mctpSwitchSteps,
  mctpTimeoutSteps,
  mctpType3Steps,
  NvmeMiPeer,
  type NvmeMiCtx,
  nvmeMiMprSteps,
  nvmeMiSteps,
  nvmeMiTimeoutSteps,
  type PeerLog,
  recordedCxl,
  recordedNvmeMi,
  SIM_MI_CNTLID,
  simType3Options,
  type Step,
} from './helpers.js';
import { mctpLoopbackEids } from './topology.js';

// Linux 6.1 sends every locally originated MCTP message with the interface's first address as its source
// (net/mctp/route.c mctp_local_output: saddr = dev->addrs[0]). A responder bound to the second EID would
// answer from the first, and the requester (which matches replies by peer EID) drops it. So responders use
// the first EID, one at a time; the second serves the no-reply case.
const [eidA, eidB] = mctpLoopbackEids as [number, number];

it('the guest brought lo up with the MCTP EIDs', () => {
  expect(process.env['CXL_NVME_LIVE_MCTP_LO']).toBe('ok');
});

function suite(title: string, fixture: string, eid: number, makeResponder: (log: PeerLog) => MctpResponder, steps: Step<MctpCtx>[]): void {
  describe(title, () => {
    let ctx: MctpCtx;
    let responder: MctpResponder;
    beforeAll(async () => {
      const peer: PeerLog = { exchanges: [] };
      responder = makeResponder(peer);
      const transport = recordedCxl(openCxlMctp({ eid }), fixture, { eid });
      ctx = { ep: await Endpoint.open(transport, { probe: false }), transport, peer };
    });
    afterAll(async () => {
      await ctx?.ep.close();
      responder?.close();
    });
    for (const s of steps) it(s.name, () => s.run(ctx));
  });
}

const cciAndFmApi = [mctpMessageType.cxlCci, mctpMessageType.cxlFmApi];

suite(
  `simulated Type 3 on EID ${eidA}`,
  'mctp/type3.jsonl',
  eidA,
  (log) => {
    const answer = loggingDevice(new SimCxlType3(simType3Options()), log);
    return MctpResponder.start({ eid: eidA, types: cciAndFmApi, handle: (data, d) => answer(data, d.type) });
  },
  mctpType3Steps(),
);

suite(
  `simulated switch on EID ${eidA} with a Type 3 behind a port`,
  'mctp/switch.jsonl',
  eidA,
  (log) => {
    const answer = loggingDevice(makeSimSwitch(), log);
    return MctpResponder.start({ eid: eidA, types: cciAndFmApi, handle: (data, d) => answer(data, d.type) });
  },
  mctpSwitchSteps(),
);

suite(
  `a socket bound on EID ${eidB} type 08h that never answers`,
  'mctp/timeout.jsonl',
  eidB,
  () => MctpResponder.start({ eid: eidB, types: [mctpMessageType.cxlCci], handle: () => undefined }),
  mctpTimeoutSteps(),
);

function nvmeMiSuite(title: string, fixture: string, eid: number, withPeer: boolean, steps: Step<NvmeMiCtx>[]): void {
  describe(title, () => {
    let ctx: NvmeMiCtx;
    beforeAll(() => {
      const peer = withPeer ? new NvmeMiPeer(eid) : undefined;
      const client = recordedNvmeMi(openNvmeMiMctp({ eid }), fixture, { eid });
      const me = new NvmeMiEndpoint(client);
      const bindSilent = () => {
        const r = MctpResponder.start({ eid, types: [mctpMessageType.nvmeMi], handle: () => undefined });
        return () => r.close();
      };
      ctx = { me, dev: new NvmeDevice(me.admin(SIM_MI_CNTLID)), client, live: true, bindSilent, ...(peer ? { peer } : {}) };
    });
    afterAll(async () => {
      await ctx?.me.close();
      ctx?.peer?.close();
    });
    for (const s of steps) it(s.name, () => s.run(ctx));
  });
}

nvmeMiSuite(`simulated NVMe-MI Management Endpoint (type 04h) on EID ${eidA}`, 'mctp/nvme-mi.jsonl', eidA, true, nvmeMiSteps());

nvmeMiSuite(`NVMe-MI More Processing Required on EID ${eidA}`, 'mctp/nvme-mi-mpr.jsonl', eidA, true, nvmeMiMprSteps());


nvmeMiSuite(`NVMe-MI to EID ${eidB}: nothing bound, then a socket that never answers`, 'mctp/nvme-mi-timeout.jsonl', eidB, false, nvmeMiTimeoutSteps());
