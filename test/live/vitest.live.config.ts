// Vitest config for the live suite. It runs inside the QEMU guest (scripts/live/run.ts boots it); the plain
// `npm test` config excludes test/live.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

if (process.env['CXL_NVME_LIVE'] !== '1') {
  // Outside the guest these tests would probe the host's (absent) devices and fail confusingly.
  throw new Error(
    'test/live runs inside the QEMU guest: use `npm run test:live`. (Set CXL_NVME_LIVE=1 to run it on a machine that really has the topology of test/live/topology.ts.)',
  );
}

const out = process.env['CXL_NVME_LIVE_OUT'];

export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    include: ['test/live/**/*.live.test.ts'],
    // One set of devices is shared by every file: run files one at a time so tests never race on a device.
    fileParallelism: false,
    pool: 'forks',
    // TCG emulation makes everything several times slower than on the host.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // verbose: every test name in the console log, which is all a CI failure report has to go on.
    reporters: out ? ['verbose', ['json', { outputFile: `${out}/vitest-report.json` }]] : ['verbose'],
  },
});
