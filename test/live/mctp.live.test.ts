// CXL over AF_MCTP through the guest kernel's MCTP stack: simulated components (src/transport/sim) answer on
// sockets bound to the loopback EIDs for message types 08h (CCI) and 07h (FM-API); the library's MCTP transport
// talks to them through an Endpoint. Every exchange is recorded (helpers.ts) and replayed in `npm test`.
// NVMe-MI (type 04h) is not exercised: src/transport/sim has no NVMe-MI responder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mctpMessageType } from '../../spec-tables/linux/mctp.js';
import { Endpoint } from '../../src/api/cxl/index.js';
import { openCxlMctp } from '../../src/transport/mctp.js';
import { SimCxlType3 } from '../../src/transport/sim/index.js';
import {
  loggingDevice,
  MctpResponder,
  type MctpCtx,
  makeSimSwitch,
  mctpSwitchSteps,
  mctpTimeoutSteps,
  mctpType3Steps,
  type PeerLog,
  recordedCxl,
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
