/**
 * NVMe tables against the measured reference: every opcode / CNS / log id / feature id / generic
 * status in ../shared/reference/nvme-opcodes.tsv. The structs listed in nvme-struct-offsets.tsv
 * (offsets and sizes compiled from libnvme) are checked in test/structs/reference-layouts.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as tables from '../../spec-tables/nvme/index.js';
import type { StructDef } from '../../spec-tables/schema.js';
import { validateTable } from '../../src/structs/validate.js';

const ref = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference');
const rows = (file: string) =>
  readFileSync(join(ref, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));

const isStruct = (x: unknown): x is StructDef => typeof x === 'object' && x !== null && 'fields' in x && 'size' in x;
const structs: StructDef[] = Object.values(tables).flatMap((m) => Object.values(m).filter(isStruct));

describe('NVMe tables', () => {
  it('all validate (fields tile the struct)', () => {
    expect(structs.length).toBeGreaterThan(40);
    for (const s of structs) expect(() => validateTable(s), s.name).not.toThrow();
  });

  it.runIf(existsSync(join(ref, 'nvme-opcodes.tsv')))('agree with nvme-opcodes.tsv', () => {
    const t = tables;
    const checks: Record<string, { rows: readonly { value: number; cName: string }[]; strip: RegExp }> = {
      admin_opcode: { rows: t.opcodeTables.adminOpcodes, strip: /^nvme_admin_/ },
      io_opcode_nvm: { rows: t.opcodeTables.nvmOpcodes, strip: /^nvme_cmd_/ },
      io_opcode_zns: { rows: t.opcodeTables.znsOpcodes, strip: /^nvme_zns_cmd_/ },
      identify_cns: { rows: t.opcodeTables.identifyCns, strip: /^NVME_IDENTIFY_CNS_/ },
      log_page_lid: { rows: t.opcodeTables.logPageIds, strip: /^NVME_LOG_LID_/ },
      feature_fid: { rows: t.opcodeTables.featureIds, strip: /^NVME_FEAT_FID_/ },
      status_sc_generic: { rows: t.statusTables.genericStatus.map((r) => ({ value: r.sc, cName: r.cName })), strip: /^NVME_SC_/ },
      mi_response_status: { rows: t.miTables.miStatus, strip: /^NVME_MI_RESP_/ },
      mi_data_structure_dtyp: { rows: t.miTables.miDataTypes, strip: /^nvme_mi_dtyp_/ },
      mi_config_id: { rows: t.miTables.miConfigIds, strip: /^NVME_MI_CONFIG_/ },
    };
    const zns: Record<string, string> = { zns_mgmt_send: 'mgmt_send', zns_mgmt_recv: 'mgmt_recv', zns_append: 'append' };
    let compared = 0;
    for (const [kind, value, name] of rows('nvme-opcodes.tsv').slice(1)) {
      const c = checks[kind!];
      if (!c) continue;
      const v = Number(value);
      const row = c.rows.find((r) => r.value === v);
      // Our tables may omit rarely used values; those present must agree in name.
      if (!row) continue;
      const want = (zns[name!] ?? name!).toLowerCase();
      expect(row.cName.replace(c.strip, '').toLowerCase(), `${kind} ${value}`).toBe(want);
      compared++;
    }
    // Every generic status, admin opcode used by builders, CNS, LID and FID in our tables was compared.
    expect(compared).toBeGreaterThan(200);
    for (const r of t.statusTables.genericStatus) {
      expect(rows('nvme-opcodes.tsv').some(([k, v]) => k === 'status_sc_generic' && Number(v) === r.sc), r.cName).toBe(true);
    }
  });

  it('status rows are unique per (sct, sc) and per name within an SCT', () => {
    const all = tables.statusTables.statusCodes;
    expect(new Set(all.map((r) => (r.sct << 8) | r.sc)).size).toBe(all.length);
    for (const sct of [0, 1, 2, 3]) {
      const names = all.filter((r) => r.sct === sct).map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
