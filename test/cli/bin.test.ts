/**
 * The bin really runs as a process: the source entry under tsx (the shebang file wires main() to
 * argv, stdout and the exit code), and the built dist/src/cli/main.js when a build is present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

function cli(args: string[], entry = 'src/cli/main.ts') {
  const argv = entry.endsWith('.ts') ? [tsxCli, entry, ...args] : [entry, ...args];
  return spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 20_000 });
}

describe('cxl-nvme bin', () => {
  it('tsx src/cli/main.ts --sim list', () => {
    const r = cli(['--sim', 'list']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sim:mem0\s+type3\s+0x1000000000000001/);
    expect(r.stdout).toContain('SIMNVME0001');
  });

  it('exit codes reach the shell (usage error: 2)', () => {
    const r = cli(['--sim', 'sanitize', 'mem0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('add --yes to confirm');
  });

  it.runIf(existsSync('dist/src/cli/main.js'))('the built bin (dist/src/cli/main.js) starts with a shebang and runs', () => {
    expect(readFileSync('dist/src/cli/main.js', 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const r = cli(['--sim', 'health', 'mem1', '--json'], 'dist/src/cli/main.js');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'health', device: 'sim:mem1', result: { deviceTemperature: 41 } });
  });
});
