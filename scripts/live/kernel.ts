// Picks the guest kernel. Order: $CXL_NVME_LIVE_KERNEL (trusted as is), ../shared's prebuilt kernel when its
// full config agrees with our fragment, a cached build of our fragment, else a fresh build from Debian's
// linux-source-6.1 (about 8 minutes on 2 cores) into the cache, outside the repo.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, renameSync } from 'node:fs';
import type { SpawnOptions } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { aptInstall } from './deps.js';
import { HarnessError, cacheRoot, log, run } from './util.js';

/** CONFIG_NAME -> value, with `# CONFIG_X is not set` and `CONFIG_X=n` both read as "n". */
export function parseKconfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const set = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (set) {
      out.set(set[1]!, set[2]!.trim());
      continue;
    }
    const unset = /^# (CONFIG_[A-Za-z0-9_]+) is not set$/.exec(line);
    if (unset) out.set(unset[1]!, 'n');
  }
  return out;
}

/**
 * Options of `fragment` that `full` does not set identically. An option absent from a full config is off
 * (Kconfig drops options whose dependencies are unmet), so it matches only a fragment value of "n".
 */
export function configMismatches(fragment: Map<string, string>, full: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [name, want] of fragment) {
    const got = full.get(name) ?? 'n';
    if (got !== want) bad.push(`${name}: want ${want}, have ${got}`);
  }
  return bad;
}

export interface KernelChoice {
  path: string;
  source: string;
}


export async function pickKernel(repo: string): Promise<KernelChoice> {
  const override = process.env['CXL_NVME_LIVE_KERNEL'];
  if (override) {
    if (!existsSync(override)) throw new HarnessError(`CXL_NVME_LIVE_KERNEL=${override} does not exist`);
    return { path: override, source: 'CXL_NVME_LIVE_KERNEL (config not checked)' };
  }
  const fragmentPath = join(repo, 'test/live/guest/guest.config');
  const fragmentText = readFileSync(fragmentPath, 'utf8');
  const fragment = parseKconfig(fragmentText);
  const rebuild = process.env['CXL_NVME_LIVE_REBUILD_KERNEL'] === '1';

  const sharedDir = join(repo, '../shared/qemu/kernel');
  const sharedImage = join(sharedDir, 'bzImage-mctpcxl');
  if (!rebuild && existsSync(sharedImage)) {
    const configName = readdirSync(sharedDir).find((f) => /^config-.*-mctpcxl$/.test(f));
    if (configName) {
      const bad = configMismatches(fragment, parseKconfig(readFileSync(join(sharedDir, configName), 'utf8')));
      if (bad.length === 0) return { path: sharedImage, source: `../shared (${configName} matches the fragment)` };
      log(`shared kernel skipped, its config differs from the fragment: ${bad.slice(0, 5).join('; ')}`);
    } else {
      log('shared kernel skipped: no config-*-mctpcxl beside it to check');
    }
  }

  // The fragment's hash names the build, so editing the fragment triggers exactly one rebuild.
  const hash = createHash('sha256').update(fragmentText).digest('hex').slice(0, 16);
  const dir = join(cacheRoot(), 'kernel');
  const image = join(dir, `bzImage-${hash}`);
  if (!rebuild && existsSync(image)) return { path: image, source: `cache (${image})` };
  await buildKernel(fragmentPath, fragment, dir, hash);
  return { path: image, source: `fresh build (${image})` };
}

async function buildKernel(fragmentPath: string, fragment: Map<string, string>, dir: string, hash: string) {
  log('building the guest kernel from Debian linux-source-6.1 (about 8 minutes on 2 cores)');
  await aptInstall([
    'make', 'gcc', 'libc6-dev', 'bc', 'bison', 'flex', 'libelf-dev', 'libssl-dev', 'xz-utils', 'cpio',
  ]);
  const work = join(dir, `build-${hash}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    // apt-get download fetches the .deb only (no install, no postinst), into the cwd.
    // Sandbox user root: the _apt user cannot write into a build dir under root's home (apt only warns, but noisily).
    await run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', 'linux-source-6.1'], { cwd: work });
    const deb = readdirSync(work).find((f) => f.startsWith('linux-source-6.1_') && f.endsWith('.deb'));
    if (!deb) throw new HarnessError('apt-get download linux-source-6.1 produced no .deb');
    await run('sh', ['-c', `dpkg-deb --fsys-tarfile ${deb} | tar -xO ./usr/src/linux-source-6.1.tar.xz | tar -xJ`], {
      cwd: work,
    });
    const src = join(work, 'linux-source-6.1');
    // Build output is noise in a test log; errors still reach stderr.
    const inSrc: SpawnOptions = { cwd: src, stdio: ['ignore', 'ignore', 'inherit'] };
    await run('make', ['-s', 'tinyconfig'], inSrc);
    await run('scripts/kconfig/merge_config.sh', ['-m', '.config', fragmentPath], inSrc);
    await run('make', ['-s', 'olddefconfig'], inSrc);
    // Kconfig silently drops options whose dependencies fail; refuse a kernel that lacks what we asked for.
    const bad = configMismatches(fragment, parseKconfig(readFileSync(join(src, '.config'), 'utf8')));
    if (bad.length > 0) throw new HarnessError(`kernel config does not honour the fragment: ${bad.join('; ')}`);
    await run('make', ['-s', `-j${cpus().length}`, 'bzImage'], inSrc);
    copyFileSync(join(src, '.config'), join(dir, `config-${hash}`));
    // Rename last, so an interrupted build never leaves a bzImage that looks complete.
    copyFileSync(join(src, 'arch/x86/boot/bzImage'), join(work, 'bzImage'));
    renameSync(join(work, 'bzImage'), join(dir, `bzImage-${hash}`));
    log(`kernel built: ${join(dir, `bzImage-${hash}`)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
