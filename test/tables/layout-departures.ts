/**
 * Every place where a table deliberately departs from the C layouts measured in
 * ../shared/reference/cxl-struct-layouts.tsv and nvme-struct-offsets.tsv, with the reason. The one
 * list ./layout-check.ts consults; test/structs/reference-layouts.test.ts asserts every entry is
 * met in the TSVs, so an entry cannot outlive what it excuses.
 *
 * A member entry pins the C value (`c`: [offset, size], offset -1 for `(sizeof)`), checked against
 * the TSV so the entry goes stale if the header changes, and says what our table has instead
 * (`ours`), which is checked in place of the C value.
 */
import * as fm from '../../spec-tables/cxl/fmapi.js';
import * as G from '../../spec-tables/cxl/generic.js';
import * as M from '../../spec-tables/cxl/memdev.js';
import type { StructDef } from '../../spec-tables/schema.js';

/** A C struct checked against a table that does not carry its name as `cName`. */
export interface TableDeparture {
  readonly struct: string;
  readonly table: StructDef;
  readonly why: string;
}

export interface MemberDeparture {
  readonly struct: string;
  /** The TSV member path, or '(sizeof)'. */
  readonly field: string;
  /** The C header's [offset, size] (offset -1 for the size). */
  readonly c: readonly [number, number];
  /**
   * What our table has instead, checked:
   * - [offset, size]: our field of the same name is there (a flex array: its element size; the
   *   size: [-1, our size]);
   * - { flex: n }: a C array of n elements (a C maximum) is our flex array at the same offset;
   * - { trailer: k }: C puts it after that fixed array, our trailer k bytes in, by the same name;
   * - { as: member }: the same bytes as that C member, and checked as it;
   * - { decoded: table }: a list we keep raw (a u8 flex array, or nothing: the rest of the message)
   *   where our fixed part ends; its elements are checked against `table`, wherever the list is met;
   * - 'absent': not in our table at all (the reason says where it is handled); the only kind that
   *   leaves a row unchecked.
   */
  readonly ours: readonly [number, number] | { readonly flex: number } | { readonly trailer: number } | { readonly as: string } | { readonly decoded: StructDef } | 'absent';
  /** libcxlmi's layout is not the wire layout the CXL specification defines. */
  readonly defect?: true;
  readonly why: string;
}

export type Departure = TableDeparture | MemberDeparture;

/** CXL r3.1 §7.6.7.3.3: the descriptor is 3 bytes; LD ID at 4, length at 6, address at 8, data at 10h. */
const sendLdCxlioWhy = 'CXL r3.1 §7.6.7.3.3: the memory request descriptor is 3 bytes; libcxlmi packs it in 2, shifting what follows by one';
/** CXL r3.1 §7.6.7.6.2: regionsReturned entries, then the trailer; libcxlmi fixes 8 entries. */
const hostDcWhy = 'CXL r3.1 §7.6.7.6.2: regionsReturned region entries, then the four counters; libcxlmi fixes 8 entries, so its counters sit after 8';
/** CXL r3.1 §8.2.9.9.9.1 Table 8-164: the same shape for the memory device's Get DC Configuration. */
const dcConfigWhy = 'CXL r3.1 §8.2.9.9.9.1 Table 8-164: regionsReturned region entries, then the four counters; libcxlmi fixes 8 entries, so its counters sit after 8';

/**
 * Dynamic Capacity region configuration: C fixes 8 region entries of 40 bytes at `at` and puts the
 * four u32 counters after them (size at + 320 + 16); on the wire the counters follow the returned
 * entries, so our fixed part ends at `at`, the regions are a flex array, the counters our trailer.
 */
function regionsThenCounters(struct: string, at: number, why: string): MemberDeparture[] {
  const counters = ['num_extents_supported', 'num_extents_available', 'num_tags_supported', 'num_tags_available'];
  return [
    { struct, field: '(sizeof)', c: [-1, at + 320 + 16], ours: [-1, at], defect: true, why },
    { struct, field: 'region_configs', c: [at, 320], ours: { flex: 8 }, defect: true, why },
    ...counters.map((field, i): MemberDeparture => ({ struct, field, c: [at + 320 + 4 * i, 4], ours: { trailer: 4 * i }, defect: true, why })),
  ];
}

export const DEPARTURES: readonly Departure[] = [
  // --- C structs checked against a table of another name ------------------------------------------
  { struct: 'cxlmi_cmd_get_log_rsp', table: G.getLogCelRsp, why: 'libcxlmi declares the Get Log output (CXL r3.1 §8.2.9.5.2) as one CEL entry, which getLogCelRsp is (§8.2.9.5.2.1 Table 8-75)' },
  { struct: 'cxlmi_cmd_get_feature_rsp', table: G.getFeatureRsp, why: 'the table carries no cName: the C struct is a fixed 2048-byte buffer, the table the flexible Feature Data' },
  { struct: 'cxlmi_cmd_memdev_get_dc_config_rsp', table: M.memdevGetDcConfigRsp, why: 'the table carries no cName: C fixes 8 regions, the table has the returned regions and the trailer' },

  // --- CCI message header and tunnelling ---------------------------------------------------------
  { struct: 'cxlmi_cci_msg', field: 'payload[]', c: [12, 1], ours: 'absent', why: 'the payload is carried by the message layer, not the header table' },
  { struct: 'cxlmi_cmd_fmapi_tunnel_command_req', field: 'message[]', c: [4, 12], ours: [4, 1], why: 'C types it as an array of 12-byte headers; it is one inner message of `command_size` bytes (CXL r3.1 §7.6.7.3.1)' },
  { struct: 'cxlmi_cmd_fmapi_tunnel_command_rsp', field: 'message[]', c: [4, 12], ours: [4, 1], why: 'C types it as an array of 12-byte headers; it is one inner message of `length` bytes (CXL r3.1 §7.6.7.3.1)' },

  // --- Get Feature: a C buffer of the maximum size -------------------------------------------------
  { struct: 'cxlmi_cmd_get_feature_rsp', field: '(sizeof)', c: [-1, 2048], ours: [-1, 0], why: 'the C buffer is the 2048-byte libcxlmi mailbox maximum; the output is the `count` bytes asked for (CXL r3.1 §8.2.9.6.2 Table 8-100)' },
  { struct: 'cxlmi_cmd_get_feature_rsp', field: 'feature_data', c: [0, 2048], ours: { flex: 2048 }, why: 'the 2048-byte C buffer is our flexible featureData' },

  // --- libcxlmi layouts that are not the wire layout ---------------------------------------------
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: '(sizeof)', c: [-1, 15], ours: [-1, 16], defect: true, why: sendLdCxlioWhy },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'field_1', c: [1, 2], ours: [1, 3], defect: true, why: sendLdCxlioWhy },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'ld_id', c: [3, 2], ours: [4, 2], defect: true, why: sendLdCxlioWhy },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'transaction_len', c: [5, 2], ours: [6, 2], defect: true, why: sendLdCxlioWhy },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'transaction_addr', c: [7, 8], ours: [8, 8], defect: true, why: sendLdCxlioWhy },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'transaction_data[]', c: [15, 1], ours: [16, 1], defect: true, why: sendLdCxlioWhy },
  ...regionsThenCounters('cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', 4, hostDcWhy),
  ...regionsThenCounters('cxlmi_cmd_memdev_get_dc_config_rsp', 8, dcConfigWhy),

  // --- Nested variable lists the tables keep raw (decoded by the protocol layer) --------------------
  {
    struct: 'cxlmi_cmd_fmapi_get_vcs_info_rsp',
    field: 'vcs_info_list[]',
    c: [4, 4],
    ours: { decoded: fm.fmapiVcsInfoBlock },
    why: 'VCS Information Blocks vary in length (numVppbs entries each, CXL r3.1 §7.6.7.2.1): kept raw, walked by the protocol layer',
  },
  {
    struct: 'cxlmi_cmd_fmapi_vcs_info_block',
    field: 'vppbs[]',
    c: [4, 4],
    ours: { decoded: fm.fmapiVppbInfo },
    why: 'the vPPB entries follow the VCS Information Block header (CXL r3.1 §7.6.7.2.1); the protocol layer reads numVppbs of them',
  },

  // --- The same bytes under another C name -----------------------------------------------------------
  { struct: 'nvme_telemetry_log', field: 'tcs', c: [381, 1], ours: { as: 'hostdgn' }, why: 'libnvme unions tcs (Controller-Initiated log) with hostdgn (Host-Initiated log); our table names the byte hostdgn' },
  { struct: 'cxl_send_command', field: 'rsvd', c: [8, 4], ours: { as: 'raw' }, why: 'linux/cxl_mem.h unions a u32 rsvd with raw; our table lays out raw (rawOpcode, rsvd10)' },
  { struct: 'sockaddr_mctp', field: 'smctp_addr.s_addr', c: [8, 1], ours: { as: 'smctp_addr' }, why: 'struct mctp_addr has the one member s_addr; our addr is that byte' },
];

/** The entries where libcxlmi's layout is not the wire layout of the CXL specification. */
export const LIBCXLMI_DEFECTS = DEPARTURES.filter((d): d is MemberDeparture => 'defect' in d && d.defect === true);
