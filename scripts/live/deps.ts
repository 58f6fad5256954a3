// Installs the Debian packages the live run needs, and does nothing (no apt-get at all) when they are present,
// so a warm run costs a few dpkg-query calls.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { HarnessError, log, run } from './util.js';

/** QEMU 10 is the first with the switch mailbox CCI, DCD and the QMP injectors we use. */
const MIN_QEMU = '1:10.0';
/**
 * QEMU 10 with bookworm's SeaBIOS 1.16.2 stalls every boot by ~30 s (measured in ../shared); the
 * backports SeaBIOS 1.16.3 matches it.
 */
const MIN_SEABIOS = '1.16.3';

const BACKPORTS_FILE = '/etc/apt/sources.list.d/cxl-nvme-bookworm-backports.sources';

function installedVersion(pkg: string): string | undefined {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} format syntax, not JS.
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}\t${Version}', pkg], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const [status, version] = r.stdout.split('\t');
  return status === 'install ok installed' ? version : undefined;
}

function versionAtLeast(version: string, min: string): boolean {
  return spawnSync('dpkg', ['--compare-versions', version, 'ge', min]).status === 0;
}

function osCodename(): string {
  const text = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return /^VERSION_CODENAME=(\S+)/m.exec(text)?.[1] ?? '';
}

function aptSourcesMention(word: string): boolean {
  const files = ['/etc/apt/sources.list'];
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) if (f.endsWith('.list') || f.endsWith('.sources')) files.push(`${dir}/${f}`);
  }
  return files.some((f) => existsSync(f) && readFileSync(f, 'utf8').includes(word));
}

function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw new HarnessError(`${what} needs installing and that needs root: run as root, or install it by hand`);
  }
}

let aptUpdated = false;
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

export async function aptInstall(packages: readonly string[], target?: string): Promise<void> {
  requireRoot(packages.join(' '));
  if (!aptUpdated) {
    log('apt-get update');
    await run('apt-get', ['update', '-qq'], { env: aptEnv });
    aptUpdated = true;
  }
  log(`apt-get install ${target ? `-t ${target} ` : ''}${packages.join(' ')}`);
  const args = ['install', '-y', '-qq', '--no-install-recommends'];
  if (target) args.push('-t', target);
  await run('apt-get', [...args, ...packages], { env: aptEnv, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Ensures QEMU >= 10 with its matching SeaBIOS, busybox-static, cpio, nvme-cli and a static-capable C compiler. */
export async function ensureDependencies(): Promise<void> {
  const qemu = installedVersion('qemu-system-x86');
  const seabios = installedVersion('seabios');
  const qemuOk = qemu !== undefined && versionAtLeast(qemu, MIN_QEMU);
  const seabiosOk = seabios !== undefined && versionAtLeast(seabios, MIN_SEABIOS);
  if (!qemuOk || !seabiosOk) {
    const codename = osCodename();
    if (codename === 'bookworm') {
      if (!aptSourcesMention('bookworm-backports')) {
        requireRoot('bookworm-backports sources entry');
        log(`adding ${BACKPORTS_FILE}`);
        writeFileSync(
          BACKPORTS_FILE,
          [
            'Types: deb',
            'URIs: http://deb.debian.org/debian',
            'Suites: bookworm-backports',
            'Components: main',
            'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
            '',
          ].join('\n'),
        );
        aptUpdated = false;
      }
      await aptInstall(['qemu-system-x86', 'seabios'], 'bookworm-backports');
    } else {
      // Newer Debian releases carry QEMU >= 10 in their main suite.
      await aptInstall(['qemu-system-x86', 'seabios']);
    }
    const now = installedVersion('qemu-system-x86');
    if (now === undefined || !versionAtLeast(now, MIN_QEMU)) {
      throw new HarnessError(`qemu-system-x86 ${now ?? 'missing'} installed; the live topology needs >= 10.0`);
    }
  }

  const missing: string[] = [];
  for (const pkg of ['busybox-static', 'cpio', 'gzip', 'nvme-cli']) if (!installedVersion(pkg)) missing.push(pkg);
  // `cc -static` needs the compiler and libc.a; both come from gcc + libc6-dev.
  if (!installedVersion('gcc')) missing.push('gcc');
  if (!installedVersion('libc6-dev')) missing.push('libc6-dev');
  if (missing.length > 0) await aptInstall(missing);
  log(`deps ok: qemu ${installedVersion('qemu-system-x86')}, seabios ${installedVersion('seabios')}`);
}
