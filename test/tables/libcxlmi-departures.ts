/**
 * Where our tables deliberately depart from libcxlmi's C layouts (measured in
 * ../shared/reference/cxl-struct-layouts.tsv): shared by every test that checks layouts against it.
 */
import * as fm from '../../spec-tables/cxl/fmapi.js';
import type { StructDef } from '../../spec-tables/schema.js';

/**
 * Where libcxlmi's C layout is not the wire layout. Each entry states libcxlmi's value (checked
 * against the TSV, so the list goes stale if libcxlmi is fixed) and where the field really is.
 */
export const LIBCXLMI_DEFECTS: { struct: string; field: string; libcxlmi: [number, number]; spec: [number, number] | string }[] = [
  // CXL r3.1 §7.6.7.3.3: the descriptor is 3 bytes; LD ID at 4, length at 6, address at 8, data at 10h.
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: '(sizeof)', libcxlmi: [-1, 15], spec: [-1, 16] },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'field_1', libcxlmi: [1, 2], spec: [1, 3] },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'ld_id', libcxlmi: [3, 2], spec: [4, 2] },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'transaction_len', libcxlmi: [5, 2], spec: [6, 2] },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'transaction_addr', libcxlmi: [7, 8], spec: [8, 8] },
  { struct: 'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', field: 'transaction_data[]', libcxlmi: [15, 1], spec: [16, 1] },
  // CXL r3.1 §7.6.7.6.2: regionsReturned entries, then the trailer; libcxlmi fixes 8 entries.
  { struct: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', field: '(sizeof)', libcxlmi: [-1, 340], spec: [-1, 4] },
  { struct: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', field: 'region_configs', libcxlmi: [4, 320], spec: 'flex regionConfigs at 4' },
  { struct: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', field: 'num_extents_supported', libcxlmi: [324, 4], spec: 'trailer +0' },
  { struct: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', field: 'num_extents_available', libcxlmi: [328, 4], spec: 'trailer +4' },
  { struct: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', field: 'num_tags_supported', libcxlmi: [332, 4], spec: 'trailer +8' },
  { struct: 'cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', field: 'num_tags_available', libcxlmi: [336, 4], spec: 'trailer +12' },
];

/**
 * Nested variable lists the tables keep raw (decoded by the protocol layer): the element each C
 * flexible member stands for, so the TSV's element offsets are still checked.
 */
export const PROTOCOL_DECODED: Record<string, { offset: number; of: StructDef }> = {
  'cxlmi_cmd_fmapi_get_vcs_info_rsp.vcs_info_list': { offset: 4, of: fm.fmapiVcsInfoBlock },
  'cxlmi_cmd_fmapi_vcs_info_block.vppbs': { offset: 4, of: fm.fmapiVppbInfo },
};

