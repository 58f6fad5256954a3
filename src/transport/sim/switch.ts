/**
 * SimCxlSwitch (component type 00h) and SimCxlMld, behind the CxlTransport contract.
 *
 * The switch answers the generic command set and the FM-API Physical Switch (§7.6.7.1: Identify
 * Switch Device, Get Physical Port State, Physical Port Control), Virtual Switch (§7.6.7.2: Get
 * VCS Info, Bind / Unbind vPPB as background operations) and MLD Port (§7.6.7.3.1 Tunnel
 * Management Command) commands. A tunnelled message goes to the component simulated on that
 * downstream port: a SimCxlType3 (SLD) or a SimCxlMld.
 *
 * The MLD's FM-owned LD answers the MLD Components commands (§7.6.7.4: Get LD Info, Get / Set LD
 * Allocations, QoS control / status / bandwidth) and tunnels (target type 0, LD-ID) to its LDs,
 * each of which is a SimCxlType3.
 *
 * FM-API command sets arrive with `options.fmApi` (MCTP message type 07h); see cci-device.ts for
 * the channel rule.
 */
import { CxlNvmeError } from '../../errors.js';
import { CCI_HEADER_SIZE } from '../../protocol/cxl/messages.js';
import { TUNNEL_MANAGEMENT_OPCODE } from '../../protocol/cxl/registry.js';
import { opcodeOf } from '../../protocol/cxl/request.js';
import { codecs } from '../../structs/index.js';
import { type CciReply, EFFECT, RC, SimCciDevice, type SimCciOptions, responseCodec } from './cci-device.js';
import { SimCxlType3, type SimCxlType3Options } from './type3.js';

const MiB256 = 256n * 1024n * 1024n;

/** Deliver a tunnelled request (§7.6.7.3.1) to `target` and wrap its response. */
function tunnel(payload: Uint8Array, resolve: (id: number, targetType: number) => SimCciDevice | undefined): CciReply {
  let req: ReturnType<typeof codecs.fmapiTunnelCommandReq.decode>;
  try {
    req = codecs.fmapiTunnelCommandReq.decode(payload);
    if (codecs.fmapiTunnelCommandReq.sizeOf(req) !== payload.length) return { rc: RC.invalidPayloadLength };
  } catch {
    return { rc: RC.invalidPayloadLength };
  }
  const tt: string | number = req.targetType.targetType;
  const target = resolve(req.id, tt === 'portOrLd' ? 0 : tt === 'ldPoolCci' ? 1 : Number(tt));
  if (!target) return { rc: RC.invalidInput };
  if (req.message.length < CCI_HEADER_SIZE) return { rc: RC.invalidInput };
  const inner = target.handleMessage(req.message.slice(), 'tunnel');
  return { payload: codecs.fmapiTunnelCommandRsp.encode({ message: inner }) };
}

// --- MLD --------------------------------------------------------------------------------------------

export interface SimCxlMldOptions extends SimCciOptions {
  /** Logical devices (default 2); each is a SimCxlType3 built from these options. */
  readonly lds?: readonly SimCxlType3Options[];
  /** Total memory in bytes (default: sum of the LDs' capacities). */
  readonly memoryBytes?: bigint | number;
}

export class SimCxlMld extends SimCciDevice {
  protected readonly componentType = 'type3' as const;
  /** The LDs, by LD-ID. */
  readonly lds: SimCxlType3[];
  readonly memoryBytes: bigint;
  private allocations: { range1: bigint; range2: bigint }[];
  private qos = {
    qosTelemetryControl: { egressPortCongestion: false, temporaryThroughputReduction: false },
    egressModeratePercentage: 10,
    egressSeverePercentage: 25,
    backpressureSampleInterval: 8,
    recmpbasis: 0,
    completionCollectionInterval: 64,
  };
  private allocatedBw: number[];
  private bwLimit: number[];

  constructor(options: SimCxlMldOptions = {}) {
    super(options, 'mld');
    const base = options.name ?? 'mld';
    const ldOpts = options.lds ?? [{}, {}];
    this.lds = ldOpts.map(
      (o, i) =>
        new SimCxlType3({
          clock: this.clock,
          serial: this.serial,
          ...o,
          name: o.name ?? `${base}.ld${i}`,
        }),
    );
    this.memoryBytes = options.memoryBytes !== undefined ? BigInt(options.memoryBytes) : this.lds.reduce((n, l) => n + l.totalBytes, 0n);
    this.allocations = this.lds.map((l) => ({ range1: l.totalBytes / MiB256, range2: 0n }));
    this.allocatedBw = this.lds.map(() => Math.floor(256 / this.lds.length));
    this.bwLimit = this.lds.map(() => 255);
    this.registerMld();
  }

  private ldRange(start: number, n: number): boolean {
    return start + n <= this.lds.length;
  }

  private registerMld(): void {
    this.register(
      {
        name: 'tunnelManagementCommand',
        opcode: TUNNEL_MANAGEMENT_OPCODE,
        handler: (r) => tunnel(r.payload, (id, type) => (type === 0 ? this.lds[id] : undefined)),
      },
      {
        name: 'fmapiGetLdInfo',
        handler: () => ({
          payload: codecs.fmapiGetLdInfoRsp.encode({
            memorySize: this.memoryBytes,
            ldCount: this.lds.length,
            qosTelemetryCapability: { egressPortCongestion: true, temporaryThroughputReduction: true },
          }),
        }),
      },
      {
        name: 'fmapiGetLdAllocations',
        handler: (r) => {
          const start = r.fields.startLdId as number;
          const limit = r.fields.ldAllocationListLimit as number;
          if (start >= this.lds.length) return { rc: RC.invalidInput };
          const fit = Math.floor((this.maxPayload - 4) / 16);
          const list = this.allocations.slice(start, start + Math.min(limit, fit));
          return {
            payload: codecs.fmapiGetLdAllocationsRsp.encode({
              numberLd: this.lds.length,
              memoryGranularity: 'mib256',
              startLdId: start,
              ldAllocationList: list.map((a) => ({ range1AllocationMult: a.range1, range2AllocationMult: a.range2 })),
            }),
          };
        },
      },
      {
        name: 'fmapiSetLdAllocations',
        effects: EFFECT.immediateConfigChange,
        handler: (r) => {
          const start = r.fields.startLdId as number;
          const list = r.fields.ldAllocationList as { range1AllocationMult: bigint; range2AllocationMult: bigint }[];
          if (list.length === 0 || !this.ldRange(start, list.length)) return { rc: RC.invalidInput };
          const next = this.allocations.slice();
          list.forEach((a, i) => {
            next[start + i] = { range1: a.range1AllocationMult, range2: a.range2AllocationMult };
          });
          const total = next.reduce((n, a) => n + a.range1 + a.range2, 0n) * MiB256;
          if (total > this.memoryBytes) return { rc: RC.resourcesExhausted };
          this.allocations = next;
          return { payload: codecs.fmapiSetLdAllocationsRsp.encode({ startLdId: start, ldAllocationList: list }) };
        },
      },
      { name: 'fmapiGetQosControl', handler: () => ({ payload: codecs.fmapiGetQosControlRsp.encode(this.qos) }) },
      {
        name: 'fmapiSetQosControl',
        effects: EFFECT.immediatePolicyChange,
        handler: (r) => {
          const f = r.fields as typeof this.qos;
          if (f.egressModeratePercentage > 100 || f.egressSeverePercentage > 100 || f.egressModeratePercentage > f.egressSeverePercentage) {
            return { rc: RC.invalidInput };
          }
          this.qos = { ...f };
          return { payload: codecs.fmapiSetQosControlRsp.encode(this.qos) };
        },
      },
      { name: 'fmapiGetQosStatus', handler: () => ({ payload: codecs.fmapiGetQosStatusRsp.encode({ backpressureAvgPercentage: 0 }) }) },
      ...(['AllocatedBw', 'BwLimit'] as const).flatMap((kind) => {
        const key = kind === 'AllocatedBw' ? 'qosAllocationFraction' : 'qosLimitFraction';
        const get = (): number[] => (kind === 'AllocatedBw' ? this.allocatedBw : this.bwLimit);
        return [
          {
            name: `fmapiGetQos${kind}`,
            handler: (r: { fields: Record<string, unknown> }): CciReply => {
              const n = r.fields.numberLd as number;
              const start = r.fields.startLdId as number;
              if (n === 0 || !this.ldRange(start, n)) return { rc: RC.invalidInput };
              return { payload: responseCodec(`fmapiGetQos${kind}`).encode({ startLdId: start, [key]: Uint8Array.from(get().slice(start, start + n)) }) };
            },
          },
          {
            name: `fmapiSetQos${kind}`,
            effects: EFFECT.immediatePolicyChange,
            handler: (r: { fields: Record<string, unknown> }): CciReply => {
              const start = r.fields.startLdId as number;
              const v = r.fields[key] as Uint8Array;
              if (v.length === 0 || !this.ldRange(start, v.length)) return { rc: RC.invalidInput };
              const arr = get();
              v.forEach((x, i) => {
                arr[start + i] = x;
              });
              return { payload: responseCodec(`fmapiSetQos${kind}`).encode({ startLdId: start, [key]: v.slice() }) };
            },
          },
        ];
      }),
    );
  }
}

// --- switch -----------------------------------------------------------------------------------------

export interface SimSwitchPortOptions {
  readonly id: number;
  /** The component on this downstream port (absent: no device, link down). */
  readonly device?: SimCciDevice;
  readonly width?: number;
}

export interface SimCxlSwitchOptions extends SimCciOptions {
  /** Physical ports (default 8: port 0 upstream, 1-7 downstream). */
  readonly numPorts?: number;
  readonly upstreamPort?: number;
  /** Devices on downstream ports. */
  readonly ports?: readonly SimSwitchPortOptions[];
  /** vPPBs in VCS 0 (default 4). */
  readonly vppbs?: number;
  readonly hdmDecodersPerUsp?: number;
}

interface Vppb {
  status: 'unbound' | 'bindOrUnbindInProgress' | 'boundPhysicalPort' | 'boundLd';
  port: number;
  ld: number;
}

interface PortState {
  readonly id: number;
  device: SimCciDevice | undefined;
  perst: boolean;
  readonly width: number;
}

export class SimCxlSwitch extends SimCciDevice {
  protected readonly componentType = 'switch' as const;
  readonly upstreamPort: number;
  private readonly ports: PortState[];
  private readonly vppbs: Vppb[];

  constructor(options: SimCxlSwitchOptions = {}) {
    super(options, 'switch');
    const n = options.numPorts ?? 8;
    this.upstreamPort = options.upstreamPort ?? 0;
    this.ports = Array.from({ length: n }, (_, id) => ({ id, device: undefined, perst: false, width: 16 }));
    for (const p of options.ports ?? []) {
      const port = this.ports[p.id];
      if (!port || p.id === this.upstreamPort) {
        throw new CxlNvmeError('USAGE', `switch port ${p.id} is not a downstream port of a ${n}-port switch`, { port: p.id });
      }
      port.device = p.device;
    }
    this.vppbs = Array.from({ length: options.vppbs ?? 4 }, () => ({ status: 'unbound', port: 0, ld: 0 }));
    this.registerSwitch();
  }

  /** The component simulated on a port. */
  device(port: number): SimCciDevice | undefined {
    return this.ports[port]?.device;
  }

  /** Attach (or with undefined, remove) a component on a downstream port. */
  attach(port: number, device: SimCciDevice | undefined): void {
    const p = this.ports[port];
    if (!p || port === this.upstreamPort) throw new CxlNvmeError('USAGE', `no downstream port ${port}`, { port });
    p.device = device;
  }

  private portInfo(p: PortState): Record<string, unknown> {
    const dev = p.device;
    const up = p.id === this.upstreamPort;
    const linked = (up || dev !== undefined) && !p.perst;
    return {
      portId: p.id,
      configState: { state: up ? 'usp' : 'dsp' },
      connDevCxlVer: linked && !up ? 'flit256' : 'notCxlOrDisconnected',
      connDevType: up || !dev ? 'none' : dev instanceof SimCxlMld ? 'type3Mld' : dev instanceof SimCxlSwitch ? 'type2OrHbrSwitch' : 'type3Sld',
      portCxlVerBitmask: { flit68Vh: true, flit256: true },
      maxLinkWidth: p.width,
      negotiatedLinkWidth: linked ? p.width : 0,
      supportedLinkSpeedsVector: { gt2p5: true, gt5: true, gt8: true, gt16: true, gt32: true },
      maxLinkSpeed: 'gt32',
      currentLinkSpeed: linked ? 'gt32' : 0,
      ltssmState: linked ? 'l0' : 'detect',
      firstLaneNum: 0,
      linkState: { perstAsserted: p.perst, presencePin: dev !== undefined || up },
      supportedLdCount: dev instanceof SimCxlMld ? dev.lds.length : 0,
    };
  }

  /** A VCS Information Block (§7.6.7.2.1 Table 7-77): header (Number of vPPBs = total), then entries from `start`, at most `limit`. */
  private vcsBlock(start: number, limit: number): Uint8Array {
    const list = this.vppbs.slice(start, start + limit);
    const head = codecs.fmapiVcsInfoBlock.encode({ vcsId: 0, vcsState: 'enabled', uspId: this.upstreamPort, numVppbs: this.vppbs.length });
    const out = new Uint8Array(head.length + list.length * codecs.fmapiVppbInfo.def.size);
    out.set(head);
    list.forEach((v, i) => {
      codecs.fmapiVppbInfo.encodeInto(
        { bindingStatus: v.status, boundPortId: v.status === 'unbound' ? 0 : v.port, boundLdId: v.status === 'boundLd' ? v.ld : 0 },
        out,
        head.length + i * codecs.fmapiVppbInfo.def.size,
      );
    });
    return out;
  }

  private registerSwitch(): void {
    this.register(
      {
        name: 'fmapiIdentifySwDevice',
        handler: () => {
          const active = new Uint8Array(32);
          for (const p of this.ports) if (p.id === this.upstreamPort || p.device) active[p.id >> 3]! |= 1 << (p.id & 7);
          const vcs = new Uint8Array(32);
          vcs[0] = 1;
          return {
            payload: codecs.fmapiIdentifySwDeviceRsp.encode({
              ingressPortId: this.upstreamPort,
              numPhysicalPorts: this.ports.length,
              numVcs: 1,
              activePortBitmask: active,
              activeVcsBitmask: vcs,
              numTotalVppb: this.vppbs.length,
              numActiveVppb: this.vppbs.filter((v) => v.status === 'boundLd' || v.status === 'boundPhysicalPort').length,
              numHdmDecoderPerUsp: (this.opts as SimCxlSwitchOptions).hdmDecodersPerUsp ?? 4,
            }),
          };
        },
      },
      {
        name: 'fmapiGetPhysPortState',
        handler: (r) => {
          const ids = Array.from(r.fields.ports as Uint8Array);
          if (ids.length === 0 || ids.some((id) => !this.ports[id])) return { rc: RC.invalidInput };
          return { payload: codecs.fmapiGetPhysPortStateRsp.encode({ ports: ids.map((id) => this.portInfo(this.ports[id]!)) as never }) };
        },
      },
      {
        name: 'fmapiPhysPortControl',
        effects: EFFECT.immediateConfigChange,
        handler: (r) => {
          const p = this.ports[r.fields.ppbId as number];
          if (!p || p.id === this.upstreamPort) return { rc: RC.invalidInput };
          switch (r.fields.portOpcode) {
            case 'assertPerst':
              p.perst = true;
              return {};
            case 'deassertPerst':
              p.perst = false;
              return {};
            case 'resetPpb':
              p.perst = false;
              return {};
            default:
              return { rc: RC.invalidInput };
          }
        },
      },
      {
        name: 'fmapiGetVcsInfo',
        handler: (r) => {
          const ids = Array.from(r.fields.vcsIdList as Uint8Array);
          const start = r.fields.startVppb as number;
          const limit = r.fields.vppbListLimit as number;
          if (ids.length === 0 || ids.some((id) => id !== 0) || start > this.vppbs.length) return { rc: RC.invalidInput };
          const blocks = ids.map(() => this.vcsBlock(start, limit));
          const body = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
          let at = 0;
          for (const b of blocks) {
            body.set(b, at);
            at += b.length;
          }
          return { payload: codecs.fmapiGetVcsInfoRsp.encode({ numVcs: ids.length, vcsInfoList: body }) };
        },
      },
      {
        name: 'fmapiBindVppb',
        effects: EFFECT.immediateConfigChange | EFFECT.backgroundOperation,
        handler: (r) => {
          const f = r.fields as { vcsId: number; vppbId: number; portId: number; ldId: number };
          const v = this.vppbs[f.vppbId];
          const p = this.ports[f.portId];
          if (f.vcsId !== 0 || !v || !p || p.id === this.upstreamPort || !p.device) return { rc: RC.invalidInput };
          if (v.status !== 'unbound') return { rc: RC.invalidInput };
          const mld = p.device instanceof SimCxlMld ? p.device : undefined;
          if (mld ? f.ldId >= mld.lds.length : f.ldId !== 0xffff) return { rc: RC.invalidInput };
          const reply = this.startBackground(
            opcodeOf('fmapiBindVppb'),
            () => {
              Object.assign(v, { status: mld ? 'boundLd' : 'boundPhysicalPort', port: f.portId, ld: mld ? f.ldId : 0 });
              return RC.success;
            },
            false,
          );
          if (reply.rc === RC.backgroundCommandStarted && !this.bg?.done) v.status = 'bindOrUnbindInProgress';
          return reply;
        },
      },
      {
        name: 'fmapiUnbindVppb',
        effects: EFFECT.immediateConfigChange | EFFECT.backgroundOperation,
        handler: (r) => {
          const f = r.fields as { vcsId: number; vppbId: number };
          const v = this.vppbs[f.vppbId];
          if (f.vcsId !== 0 || !v || (v.status !== 'boundLd' && v.status !== 'boundPhysicalPort')) return { rc: RC.invalidInput };
          const reply = this.startBackground(
            opcodeOf('fmapiUnbindVppb'),
            () => {
              Object.assign(v, { status: 'unbound', port: 0, ld: 0 });
              return RC.success;
            },
            false,
          );
          if (reply.rc === RC.backgroundCommandStarted && !this.bg?.done) v.status = 'bindOrUnbindInProgress';
          return reply;
        },
      },
      {
        name: 'tunnelManagementCommand',
        opcode: TUNNEL_MANAGEMENT_OPCODE,
        handler: (r) => tunnel(r.payload, (id, type) => (type === 0 && id !== this.upstreamPort ? this.ports[id]?.device : undefined)),
      },
    );
  }
}
