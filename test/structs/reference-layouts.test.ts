/**
 * Every C struct in the layouts measured by compiling the public C headers
 * (../shared/reference/cxl-struct-layouts.tsv: libcxlmi, linux/cxl_mem.h, linux/mctp.h;
 * nvme-struct-offsets.tsv: libnvme) is checked against its table, row by row, by
 * test/tables/layout-check.ts: the size, every member (nested ones and flexible-array elements
 * included) at its offset with its size and name, reserved spans, flattened nested structs.
 * Deliberate departures (where the C header is wrong against the specification, a C buffer is our
 * flexible array, a C union member has another name) are listed once, with a reason, in
 * test/tables/layout-departures.ts. This is the only place the tables meet those layouts.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as fm from '../../spec-tables/cxl/fmapi.js';
import * as G from '../../spec-tables/cxl/generic.js';
import * as M from '../../spec-tables/cxl/memdev.js';
import { cxlSendCommand } from '../../spec-tables/linux/cxl-mem.js';
import { sockaddrMctp } from '../../spec-tables/linux/mctp.js';
import { smartLog, telemetryLog } from '../../spec-tables/nvme/logs.js';
import type { FieldDef, StructDef } from '../../spec-tables/schema.js';
import { codecs } from '../../src/structs/index.js';
import { type CStruct, checkLayout, layoutFiles, loadLayouts, problemsOf, type RowResult } from '../tables/layout-check.js';
import { DEPARTURES, LIBCXLMI_DEFECTS, type MemberDeparture } from '../tables/layout-departures.js';

/** Every table the codecs reach (nested structs and list elements included), by cName. */
function tablesByCName(): Map<string, StructDef[]> {
  const seen = new Set<StructDef>();
  const walk = (d: StructDef): void => {
    if (seen.has(d)) return;
    seen.add(d);
    for (const f of d.fields) {
      if (f.type === 'struct' || f.type === 'trailer') walk(f.struct);
      else if ((f.type === 'array' || f.type === 'flex') && typeof f.of === 'object' && 'fields' in f.of) walk(f.of);
    }
  };
  for (const c of Object.values(codecs) as unknown as { def: StructDef }[]) walk(c.def);
  const out = new Map<string, StructDef[]>();
  for (const d of seen) if (d.cName) out.set(d.cName, [...(out.get(d.cName) ?? []), d]);
  return out;
}

/** A copy of `def` with field `name` changed. */
const withField = (def: StructDef, name: string, change: Partial<FieldDef>): StructDef =>
  ({ ...def, fields: def.fields.map((f) => (f.name === name ? { ...f, ...change } : f)) }) as StructDef;

const ref = existsSync(layoutFiles[0]!) && existsSync(layoutFiles[1]!) ? loadLayouts() : undefined;

describe.skipIf(!ref)('tables agree with the layouts measured from the C headers', () => {
  const structs = ref ? [...ref.values()] : [];
  const byCName = tablesByCName();
  const tableFor = (name: string): StructDef | undefined => {
    const mapped = DEPARTURES.find((d) => 'table' in d && d.struct === name);
    if (mapped && 'table' in mapped) return mapped.table;
    const found = byCName.get(name) ?? [];
    return found.length === 1 ? found[0] : undefined;
  };
  const results = new Map<string, RowResult[]>(structs.flatMap((c) => {
    const def = tableFor(c.name);
    return def ? [[c.name, checkLayout(def, c)] as const] : [];
  }));
  const area = (re: RegExp, exclude?: RegExp) => structs.filter((c) => re.test(c.name) && !exclude?.test(c.name));
  const verifiedIn = (cs: CStruct[]) => cs.flatMap((c) => results.get(c.name) ?? []).filter((r) => r.verified).length;
  const rowsIn = (cs: CStruct[]) => cs.reduce((n, c) => n + c.rows.length, 0);

  it('every C struct in the TSVs has exactly one table', () => {
    expect(structs.length).toBeGreaterThanOrEqual(159);
    expect(structs.filter((c) => !tableFor(c.name)).map((c) => c.name)).toEqual([]);
  });

  describe.each(structs.map((c) => [c.name, c] as const))('%s', (name) => {
    it('matches row by row: size, members, reserved spans', () => {
      expect(problemsOf(results.get(name) ?? [])).toEqual([]);
    });
  });

  it('checks every row but those a departure says are not in our tables', () => {
    const all = [...results.values()].flat();
    expect(all.length).toBe(rowsIn(structs));
    const unchecked = all.filter((r) => !r.verified).map((r) => r.departure);
    expect(unchecked.every((d) => d?.ours === 'absent')).toBe(true);
    expect(unchecked.length).toBe(DEPARTURES.filter((d) => 'ours' in d && d.ours === 'absent').length);
    expect(all.length - unchecked.length).toBeGreaterThanOrEqual(1167);
  });

  it('covers each area: generic, memory device, FM-API, NVMe', () => {
    const generic = area(
      /^cxlmi_(cmd_(identify|bg_op|get_response|set_response|get_event|clear_event|set_event|get_mctp|set_mctp|event_notification|get_fw|transfer_fw|activate_fw|get_timestamp|set_timestamp|get_supported|get_log|clear_log|populate_log|get_feature|set_feature)|event_record|supported_log_entry)/,
    );
    expect(generic.length).toBeGreaterThanOrEqual(35);
    const memdev = area(/^cxlmi_(cmd_memdev_|memdev_|media_error_record)/);
    expect(memdev).toHaveLength(41);
    const fmapi = area(/^cxlmi_cmd_fmapi_/, /^cxlmi_cmd_fmapi_tunnel_command_/);
    expect(fmapi.length).toBeGreaterThanOrEqual(50);
    expect(verifiedIn(fmapi)).toBeGreaterThan(250);
    const nvme = structs.filter((c) => c.file === 'nvme-struct-offsets.tsv');
    expect(nvme.length).toBeGreaterThanOrEqual(17);
    // Every row of these areas is checked (174 generic, 226 memory device, 362 FM-API, 347 NVMe rows).
    for (const cs of [generic, memdev, fmapi, nvme]) {
      expect(cs.filter((c) => !results.has(c.name)).map((c) => c.name)).toEqual([]);
      expect(verifiedIn(cs)).toBe(rowsIn(cs));
    }
    expect([rowsIn(generic), rowsIn(memdev), rowsIn(fmapi), rowsIn(nvme)]).toEqual([174, 226, 362, 347]);
  });

  it('meets every departure in the TSVs, each libcxlmi defect included', () => {
    const met = new Set<MemberDeparture>([...results.values()].flat().flatMap((r) => (r.departure ? [r.departure] : [])));
    const members = DEPARTURES.filter((d): d is MemberDeparture => 'field' in d);
    expect(members.filter((d) => !met.has(d)).map((d) => `${d.struct}.${d.field}`)).toEqual([]);
    expect(LIBCXLMI_DEFECTS.filter((d) => met.has(d)).length).toBe(LIBCXLMI_DEFECTS.length);
    for (const d of DEPARTURES) expect(d.why.length, `${d.struct}: a reason`).toBeGreaterThan(10);
    for (const d of DEPARTURES) if ('table' in d) expect(ref!.has(d.struct), d.struct).toBe(true);
  });

  // --- the check fails where it should (a check that cannot fail is a defect) --------------------

  const check = (def: StructDef, name: string) => problemsOf(checkLayout(def, ref!.get(name)!));

  it('fails on a wrong offset', () => {
    expect(check(withField(G.getLogReq, 'length', { offset: 19 }), 'cxlmi_cmd_get_log_req')).toEqual(['length: C offset 20, table 19']);
    expect(check(withField(smartLog, 'temperature', { offset: 2 }), 'nvme_smart_log')).toEqual(['temperature: C offset 1, table 2']);
  });

  it('fails on a wrong name or size', () => {
    expect(check(withField(M.memdevGetHealthInfoRsp, 'lifeUsed', { name: 'lifeUse' }), 'cxlmi_cmd_memdev_get_health_info_rsp')).toEqual(['life_used: no field lifeUsed']);
    expect(check(withField(smartLog, 'temperature', { type: 'u8' }), 'nvme_smart_log')).toEqual(['temperature: C size 2, table 1']);
  });

  it('fails on a wrong member of a list element or a wrong reserved span', () => {
    const block = withField(fm.fmapiPortStateInfoBlock, 'linkState', { offset: 12 });
    expect(check(withField(fm.fmapiGetPhysPortStateRsp, 'ports', { of: block } as Partial<FieldDef>), 'cxlmi_cmd_fmapi_get_phys_port_state_rsp')).toEqual([
      'ports[0].link_state: C offset 17, table 16',
    ]);
    expect(check(withField(fm.fmapiPortStateInfoBlock, 'rsvd3', { name: 'rsvd' }), 'cxlmi_cmd_fmapi_port_state_info_block')).toEqual([
      'rsv1: no reserved rsvd3 in fmapiPortStateInfoBlock (have rsvd@3(1) at 3)',
    ]);
  });

  it('fails on a flattened nested struct, a union member and a trailer that moved', () => {
    expect(check(withField(cxlSendCommand, 'inPayload', { name: 'payload' }), 'cxl_send_command')).toEqual([
      'in: not flattened into fields inSize, inRsvd, inPayload covering 16..32 (have inSize@16(4) rsvd20@20(4) payload@24(8))',
      'in.payload: no field inPayload',
    ]);
    expect(check(withField(telemetryLog, 'hostdgn', { offset: 382 }), 'nvme_telemetry_log')).toEqual([
      'hostdgn: C offset 381, table 382',
      'tcs: C offset 381, table 382',
    ]);
    const trailer = {
      ...M.memdevGetDcConfigRspTrailer,
      fields: M.memdevGetDcConfigRspTrailer.fields.map((f) => (f.name === 'numTagsSupported' ? { ...f, offset: 12 } : f.name === 'numTagsAvailable' ? { ...f, offset: 8 } : f)),
    } as StructDef;
    expect(check(withField(M.memdevGetDcConfigRsp, 'trailer', { struct: trailer } as Partial<FieldDef>), 'cxlmi_cmd_memdev_get_dc_config_rsp')).toEqual([
      'num_tags_supported: C offset 8, table 12',
      'num_tags_available: C offset 12, table 8',
    ]);
  });

  it('fails on a renamed one-member wrapper or a renamed raw list', () => {
    expect(check(withField(sockaddrMctp, 'addr', { name: 'addrX' }), 'sockaddr_mctp')).toEqual([
      'smctp_addr: not flattened into fields addrSAddr covering 8..9 (have addrX@8(1))',
      'smctp_addr.s_addr: not flattened into fields addrSAddr covering 8..9 (have addrX@8(1))',
    ]);
    const renamed = check(withField(fm.fmapiGetVcsInfoRsp, 'vcsInfoList', { name: 'vcsInfo' }), 'cxlmi_cmd_fmapi_get_vcs_info_rsp');
    expect(renamed).toHaveLength(10);
    expect(renamed[0]).toBe('vcs_info_list[]: no field vcsInfoList in fmapiGetVcsInfoRsp, which has another flex array');
  });

  it('fails when a departure goes stale or a defect is not where the spec puts it', () => {
    const c = ref!.get('cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req')!;
    const fixed = { ...c, rows: c.rows.map((r) => (r.field === 'ld_id' ? { ...r, offset: 4 } : r)) };
    expect(problemsOf(checkLayout(fm.fmapiSendLdCxlioMemRequestReq, fixed))).toEqual(['ld_id: the C header now has [4, 2], the departure says [3, 2]: re-check it']);
    expect(check(withField(fm.fmapiSendLdCxlioMemRequestReq, 'ldId', { offset: 3 }), 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req')).toEqual(['ld_id: C offset 4, table 3']);
  });
});
