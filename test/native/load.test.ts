/** The lazy loader: failure messages, ABI check, and that importing library modules loads nothing native. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTransportError } from '../../src/errors.js';
import { loadNative, packageRoot } from '../../src/transport/native/load.js';

const root = packageRoot();

describe('loadNative', () => {
  it('finds the package root', () => {
    expect(existsSync(join(root, 'binding.gyp'))).toBe(true);
  });

  it('ships a prebuilt linux-x64 binary that node-gyp-build selects', () => {
    const files = readdirSync(join(root, 'prebuilds', 'linux-x64')).filter((f) => f.endsWith('.node'));
    expect(files).toEqual(['cxl-nvme.node']);
    // Loaded from prebuilds only (PREBUILDS_ONLY skips build/Release), in a fresh process.
    const out = execFileSync(
      process.execPath,
      ['-e', "const a=require('node-gyp-build')(process.argv[1]); console.log(a.abiVersion, require('node-gyp-build').path(process.argv[1]))", root],
      { cwd: root, env: { ...process.env, PREBUILDS_ONLY: '1' }, encoding: 'utf8' },
    );
    expect(out.trim()).toBe(`1 ${join(root, 'prebuilds', 'linux-x64', 'cxl-nvme.node')}`);
  });

  it('says how to build when the binary cannot be loaded', () => {
    const requireFn = (id: string) => {
      if (id === 'node-gyp-build')
        return () => {
          throw new Error('No native build was found for platform=linux arch=x64');
        };
      throw new Error(`unexpected ${id}`);
    };
    try {
      loadNative({ requireFn, fresh: true });
      expect.unreachable();
    } catch (e) {
      expect(isTransportError(e)).toBe(true);
      const err = e as { code: string; message: string; context: Record<string, unknown> };
      expect(err.code).toBe('TRANSPORT_NATIVE_UNAVAILABLE');
      expect(err.message).toContain('No native build was found');
      expect(err.message).toContain('npm run build:native');
      expect(err.context.arch).toBe(process.arch);
    }
  });

  it('refuses an addon with another ABI version', () => {
    const requireFn = () => () => ({ abiVersion: 99 });
    expect(() => loadNative({ requireFn, fresh: true })).toThrow(expect.objectContaining({ code: 'TRANSPORT_NATIVE_UNAVAILABLE' }));
  });
});

describe('laziness', () => {
  it('importing the codec, tables and transport modules loads no native code; opening does', () => {
    const script = `
      const { createRequire } = await import('node:module');
      const require = createRequire(import.meta.url);
      const nodeFiles = () => Object.keys(require('node:module')._cache).filter((k) => k.endsWith('.node'));
      await import('./src/structs/index.ts');
      await import('./spec-tables/linux/index.ts');
      await import('./src/transport/cxl-mailbox.ts');
      await import('./src/transport/nvme-ioctl.ts');
      await import('./src/transport/mctp.ts');
      const before = nodeFiles().length;
      const { loadNative } = await import('./src/transport/native/load.ts');
      loadNative();
      console.log(JSON.stringify({ before, after: nodeFiles().length }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: 0, after: 1 });
  });
});
