/**
 * The public surface of `cxl-nvme` and `cxl-nvme/codec` is locked: any change to what users can
 * import shows up as a diff of api/*.api.txt (update with `npm run api:update`, then review).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { apiReports } from '../scripts/api-report.js';

it('api/*.api.txt match the entry points (run `npm run api:update` and review the diff)', () => {
  for (const [file, text] of apiReports()) {
    expect(readFileSync(join(import.meta.dirname, '..', file), 'utf8'), file).toBe(text);
  }
}, 60_000);
