/**
 * Lazy loader for the native addon. Nothing imports this at module load time: only opening a
 * native transport (mailbox ioctl, NVMe ioctl, AF_MCTP) calls `loadNative()`, so the codec, the
 * protocol layer, replay and the simulator work where the addon is absent (other OSes, browsers,
 * machines without a prebuilt binary or a compiler).
 *
 * The binary is found by node-gyp-build: build/Release (a local `node-gyp rebuild`) first, then
 * prebuilds/<platform>-<arch>/*.node (shipped in the package, so installs need no compiler).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CxlNvmeError } from '../../errors.js';
import type { NativeAddon } from './addon-types.js';

/** The addon ABI this JavaScript expects (native/cxl_nvme.c exports `abiVersion`). */
const ABI_VERSION = 1;

const HOW_TO_BUILD =
  'Prebuilt binaries ship for linux-x64 in prebuilds/. To build from source you need a C compiler, ' +
  'python3 and make: run `npm run build:native` in the cxl-nvme package directory (or ' +
  '`npx node-gyp rebuild`). Set CXL_NVME_PREBUILD=<dir> to load a binary from elsewhere.';

let cached: NativeAddon | undefined;

export interface LoadNativeOptions {
  /** Package root holding binding.gyp / prebuilds (default: found from this file). */
  readonly root?: string;
  /** Module loader (tests inject failures). */
  readonly requireFn?: (id: string) => unknown;
  /** Bypass the process-wide cache. */
  readonly fresh?: boolean;
}

/** The package root: the nearest ancestor directory whose package.json is named cxl-nvme. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'cxl-nvme') return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

/** Load (once) and return the native addon, or throw TRANSPORT_NATIVE_UNAVAILABLE saying why. */
export function loadNative(options: LoadNativeOptions = {}): NativeAddon {
  if (cached && !options.fresh) return cached;
  if (process.platform !== 'linux') {
    throw new CxlNvmeError(
      'TRANSPORT_NATIVE_UNAVAILABLE',
      `native transports need Linux (this is ${process.platform}); use the simulator or replay transports instead`,
      { platform: process.platform },
    );
  }
  const root = options.root ?? packageRoot();
  const req = options.requireFn ?? createRequire(join(root, 'package.json'));
  let addon: NativeAddon;
  try {
    const gypBuild = req('node-gyp-build') as (dir: string) => unknown;
    addon = gypBuild(root) as NativeAddon;
  } catch (e) {
    throw new CxlNvmeError(
      'TRANSPORT_NATIVE_UNAVAILABLE',
      `the cxl-nvme native addon could not be loaded (${e instanceof Error ? e.message.split('\n')[0] : String(e)}). ${HOW_TO_BUILD}`,
      { root, platform: process.platform, arch: process.arch, node: process.versions.node },
      { cause: e },
    );
  }
  if (addon?.abiVersion !== ABI_VERSION) {
    throw new CxlNvmeError(
      'TRANSPORT_NATIVE_UNAVAILABLE',
      `the cxl-nvme native addon has ABI version ${String(addon?.abiVersion)}, this code expects ${ABI_VERSION}: rebuild it. ${HOW_TO_BUILD}`,
      { root, abiVersion: addon?.abiVersion },
    );
  }
  if (!options.fresh) cached = addon;
  return addon;
}
