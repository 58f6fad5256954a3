// Builds the guest's initramfs: busybox-static, our init script and the static mctp-lo helper. It is rebuilt
// on every run (well under a second) so edits to init.sh or mctp-lo.c can never meet a stale image.
import { chmodSync, copyFileSync, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { HarnessError, run } from './util.js';

const BUSYBOX = '/bin/busybox';

export async function buildInitramfs(repo: string, workDir: string): Promise<string> {
  const stage = join(workDir, 'initramfs');
  rmSync(stage, { recursive: true, force: true });
  for (const d of ['bin', 'sbin', 'dev', 'proc', 'sys', 'tmp']) mkdirSync(join(stage, d), { recursive: true });
  // busybox-static's binary is /bin/busybox; the dynamic `busybox` package would not run in the initramfs.
  copyFileSync(BUSYBOX, join(stage, 'bin/busybox'));
  copyFileSync(join(repo, 'test/live/guest/init.sh'), join(stage, 'init'));
  chmodSync(join(stage, 'init'), 0o755);
  await run('cc', ['-static', '-O2', '-Wall', '-Werror', '-o', join(stage, 'bin/mctp-lo'), join(repo, 'test/live/guest/mctp-lo.c')]);

  const out = join(workDir, 'initramfs.cpio.gz');
  // `find . | cpio -o -H newc` from inside the stage dir: paths must be relative to the archive root.
  const find = spawn('find', ['.'], { cwd: stage, stdio: ['ignore', 'pipe', 'inherit'] });
  const cpio = spawn('cpio', ['-o', '-H', 'newc', '--quiet'], { cwd: stage, stdio: ['pipe', 'pipe', 'inherit'] });
  find.stdout.pipe(cpio.stdin);
  const exited = (p: ReturnType<typeof spawn>, name: string) =>
    new Promise<void>((resolve, reject) =>
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new HarnessError(`${name} exited ${code}`)))),
    );
  await Promise.all([
    exited(find, 'find'),
    exited(cpio, 'cpio'),
    pipeline(cpio.stdout!, createGzip({ level: 1 }), createWriteStream(out)),
  ]);
  return out;
}
