// The `cbr` command's start-up: wall time of `cbr --version` (commander only: no SDK) and of
// `cbr checkpoint get <id>` against a local mock server (the whole path: SDK import, one HTTP request, the
// text output), beside `node -e 0` and the SDK's own import. Interleaved run by run; medians reported.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { forkTracked } from './processes.mjs';
import { median } from './stats.mjs';

const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';
const VAULT_ID = '3b5816b5-f29c-4172-9d9a-76c719a659ce';
const TOKEN = 'bench-cli-token';
/** The targets, in ms over `node -e 0`. */
export const CLI_TARGETS = { version: 40, get: 120 };
export const CLI_SECTION = { start: '<!-- cbr-command:start -->', end: '<!-- cbr-command:end -->' };

/** The mock's own command (`cbr-mock-server`) in a child process, so that it answers while we block on spawnSync. */
function startMock(root, env) {
  const child = forkTracked(
    join(root, 'packages', 'mock-server', 'dist', 'cli.js'),
    ['--port', '0', '--quiet', '--available-after', '0', '--token', TOKEN],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the mock server did not start: ${out}`)), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`the mock server exited (${code}): ${out}`)));
  });
}

export async function measureCliStart({ root, runs, env }) {
  const bin = join(root, 'packages', 'cli', 'bin', 'cbr.cjs');
  const { child, url } = await startMock(root, env);
  try {
    const response = await fetch(`${url}/v3/${PROJECT_ID}/checkpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
      body: JSON.stringify({ checkpoint: { vault_id: VAULT_ID } }),
    });
    if (!response.ok) throw new Error(`the mock refused the bench's restore point: ${response.status}`);
    const { checkpoint } = await response.json();
    const cliEnv = { ...env };
    for (const name of Object.keys(cliEnv)) if (/^(HUAWEICLOUD_SDK_|CBR_)/.test(name)) delete cliEnv[name];
    Object.assign(cliEnv, { CBR_ENDPOINT: url, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID, HUAWEICLOUD_SDK_TOKEN: TOKEN });

    const variants = [
      { id: 'node', label: '`node -e 0`', args: ['-e', '0'] },
      {
        id: 'sdk-cjs',
        label: "`require('@cbr-sdk/checkpoint')` (the SDK's import, as cbr loads it)",
        args: ['-e', "require('@cbr-sdk/checkpoint')"],
      },
      {
        id: 'sdk-esm',
        label: "`await import('@cbr-sdk/checkpoint')` (ESM)",
        args: ['--input-type=module', '-e', "await import('@cbr-sdk/checkpoint')"],
      },
      { id: 'version', label: '`cbr --version`', args: [bin, '--version'], target: CLI_TARGETS.version },
      { id: 'help', label: '`cbr checkpoint create --help`', args: [bin, 'checkpoint', 'create', '--help'] },
      {
        id: 'get',
        label: '`cbr checkpoint get <id>` against a local mock',
        args: [bin, 'checkpoint', 'get', checkpoint.id],
        target: CLI_TARGETS.get,
      },
    ];
    const times = Object.fromEntries(variants.map((v) => [v.id, []]));
    // One untimed pass first, so every variant starts from a warm file-system cache.
    for (let run = -1; run < runs; run++) {
      for (const variant of variants) {
        const started = performance.now();
        const result = spawnSync(process.execPath, variant.args, {
          cwd: root,
          env: cliEnv,
          stdio: 'pipe',
          timeout: 30_000,
        });
        const ms = performance.now() - started;
        if (result.status !== 0) {
          throw new Error(`${variant.label} failed (${result.status}): ${result.stderr?.toString().slice(0, 2000)}`);
        }
        if (run >= 0) times[variant.id].push(ms);
      }
    }
    return {
      runs,
      date: new Date().toISOString(),
      node: process.version,
      loadAverage: os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' '),
      variants: variants.map((v) => ({ ...v, ms: median(times[v.id]), all: times[v.id] })),
    };
  } finally {
    child.kill();
  }
}

const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const signed = (n) => (Number.isFinite(n) ? `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(1)}` : '–');

/** The report's section (between markers, so `node bench/cli-start.mjs` can replace it alone). */
export function cliStartMarkdown(result) {
  const lines = [CLI_SECTION.start, '## The `cbr` command', ''];
  if (!result || result.error) {
    lines.push(`Failed: ${result?.error ?? 'not run'}`, '', CLI_SECTION.end);
    return lines.join('\n');
  }
  const node = result.variants.find((v) => v.id === 'node')?.ms;
  lines.push(
    `Wall time from spawn to exit of \`node packages/cli/bin/cbr.cjs …\` (the built bin, as \`npx cbr\` runs it), ` +
      `from the repository root; \`get\` reads one restore point from \`cbr-mock-server\` in another process over ` +
      `127.0.0.1 (token auth) and prints its summary. Median of ${result.runs} interleaved runs (after one untimed pass); ` +
      `measured ${result.date}, Node ${result.node}, load average ${result.loadAverage} at the end.`,
    '',
    '| Command | median (ms) | over `node -e 0` | target | result |',
    '|---|--:|--:|--:|---|',
  );
  for (const v of result.variants) {
    const over = v.ms - node;
    const verdict =
      v.target === undefined ? '' : over <= v.target ? '**holds**' : `**missed** by ${fmt(over - v.target)} ms`;
    lines.push(
      `| ${v.label} | ${fmt(v.ms)} | ${v.id === 'node' ? '' : signed(over)} | ${v.target === undefined ? '' : `≤ +${v.target}`} | ${verdict} |`,
    );
  }
  lines.push('', CLI_SECTION.end);
  return lines.join('\n');
}
