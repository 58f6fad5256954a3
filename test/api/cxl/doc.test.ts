/** docs/cxl-commands.md is generated from the registry and must match it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docPath, renderCxlCommandDoc } from '../../../scripts/gen-cxl-doc.js';
import { commands } from '../../../src/protocol/cxl/registry.js';

describe('docs/cxl-commands.md', () => {
  it('is up to date (run `npx tsx scripts/gen-cxl-doc.ts`)', () => {
    expect(readFileSync(docPath, 'utf8')).toBe(renderCxlCommandDoc());
  });

  it('has a row for every command', () => {
    const doc = renderCxlCommandDoc();
    for (const e of commands.values()) expect(doc).toContain(`| \`${e.name}\` | ${e.opcode.toString(16).padStart(4, '0').toUpperCase()}h | \`${e.def.cName}\` |`);
  });
});
