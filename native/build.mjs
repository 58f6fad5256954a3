#!/usr/bin/env node
/**
 * Build the native addon into prebuilds/<platform>-<arch>/ with prebuildify (Node-API, stripped),
 * offline: node-gyp would otherwise download Node's headers, and these machines reach no host but
 * the package registries. Node-API headers ship with Node itself (<prefix>/include/node), so point
 * node-gyp there when nothing else was configured.
 *
 *   node native/build.mjs            -> prebuilds/linux-x64/cxl-nvme.napi.node (what npm publishes)
 *   node native/build.mjs --dev      -> build/Release/cxl_nvme.node only (node-gyp rebuild)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function findNodeDir() {
  const configured = process.env.npm_config_nodedir;
  if (configured && existsSync(join(configured, 'include', 'node', 'node_api.h'))) return configured;
  for (const candidate of [resolve(dirname(process.execPath), '..'), '/usr', '/usr/local']) {
    if (existsSync(join(candidate, 'include', 'node', 'node_api.h'))) return candidate;
  }
  return undefined; // let node-gyp fetch headers (needs network)
}

const env = { ...process.env };
const nodedir = findNodeDir();
if (nodedir) env.npm_config_nodedir = nodedir;

const dev = process.argv.includes('--dev');
const bin = dev ? require.resolve('node-gyp/bin/node-gyp.js') : require.resolve('prebuildify/bin.js');
const args = dev ? [bin, 'rebuild'] : [bin, '--napi', '--strip'];
// prebuildify spawns `node-gyp` by name with node_modules/.bin first on PATH, so the project's
// node-gyp (devDependency) is the one used.
const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
