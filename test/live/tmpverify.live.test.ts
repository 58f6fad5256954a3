import { execFileSync } from 'node:child_process';
import { it } from 'vitest';
import { cxlMemdevBySerial } from './env.js';
import { memExpander } from './topology.js';
it('probe', () => {
  const out = execFileSync('/root/cxlprobe-verify', [cxlMemdevBySerial(memExpander.serial)], { encoding: 'utf8' });
  console.log(out.split('\n').filter((l) => /Poison|Event|RAW/.test(l)).join('\n'));
});
