// Cold start: how long `node -e <snippet>` takes from spawn to exit, run from the repository root so the
// workspace packages resolve. Variants are interleaved run by run; the median of each is reported.
import { spawnSync } from 'node:child_process';
import { median } from './stats.mjs';

export const COLD_START_VARIANTS = [
  { id: 'node', label: '`node -e 0`', args: ['-e', '0'] },
  { id: 'axios-cjs', label: "`require('axios')`", args: ['-e', "require('axios')"] },
  { id: 'cbr-cjs', label: "`require('@cbr-sdk/checkpoint')`", args: ['-e', "require('@cbr-sdk/checkpoint')"] },
  {
    id: 'axios-esm',
    label: "`await import('axios')` (ESM)",
    args: ['--input-type=module', '-e', "await import('axios')"],
  },
  {
    id: 'cbr-esm',
    label: "`await import('@cbr-sdk/checkpoint')` (ESM)",
    args: ['--input-type=module', '-e', "await import('@cbr-sdk/checkpoint')"],
  },
  {
    id: 'huawei-cjs',
    label: 'Huawei core: `require` of its index and ClientBuilder',
    args: [
      '-e',
      "require('@huaweicloud/huaweicloud-sdk-core');require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder')",
    ],
  },
];

export function measureColdStart({ root, runs, env }) {
  const times = Object.fromEntries(COLD_START_VARIANTS.map((v) => [v.id, []]));
  // One untimed pass first, so every variant starts from a warm file-system cache.
  for (let run = -1; run < runs; run++) {
    for (const variant of COLD_START_VARIANTS) {
      const started = performance.now();
      const result = spawnSync(process.execPath, variant.args, { cwd: root, env, stdio: 'pipe', timeout: 30_000 });
      const ms = performance.now() - started;
      if (result.status !== 0) {
        throw new Error(`cold start ${variant.id} failed: ${result.stderr?.toString().slice(0, 2000)}`);
      }
      if (run >= 0) times[variant.id].push(ms);
    }
  }
  return COLD_START_VARIANTS.map((v) => ({ ...v, ms: median(times[v.id]), all: times[v.id] }));
}
