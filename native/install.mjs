#!/usr/bin/env node
/**
 * npm `install` hook. The native addon is optional: the codec, protocol layer, simulator and
 * replay never load it, and native transports explain how to build it when it is missing. So this
 * never fails an install. It lets node-gyp-build check for a usable binary (build/Release, then
 * prebuilds/<platform>-<arch>/, shipped in the package) and compile from source only when there is
 * none; if that fails too, it warns and exits 0.
 *
 * npm 11 gates dependencies' install scripts behind `allowScripts`: when this hook does not run at
 * all, the prebuilt binary is still found at load time by node-gyp-build, so nothing is lost.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));

let bin;
try {
  bin = require.resolve('node-gyp-build/bin.js');
} catch {
  // `npm install --package-lock-only` and similar runs: nothing is installed yet.
  process.exit(0);
}
const r = spawnSync(process.execPath, [bin], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.warn(
    'cxl-nvme: no prebuilt native addon fits this platform and building it failed. ' +
      'Native transports (CXL mailbox ioctl, NVMe ioctl, AF_MCTP) are unavailable; everything else works. ' +
      'To build it: install a C compiler, make and python3, then run `npm run build:native` in this package.',
  );
}
process.exit(0);
