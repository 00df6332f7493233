#!/usr/bin/env node
// Where a client spends its CPU: `node bench/profile.mjs [client] [concurrency]` (default cbr-token 16).
// Runs one throughput worker under --cpu-prof against the loopback server, keeps the .cpuprofile in
// bench/results/profiles/ (open it in Chrome DevTools), and prints self time by package and the top functions.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS, isClientModulePath } from './clients/index.mjs';
import { benchChildEnv } from './lib/child-env.mjs';
import { forkTracked, killAll, nextMessage, runWorkerScript } from './lib/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const [client = 'cbr-token', concurrencyText = '16'] = process.argv.slice(2);
if (!CLIENTS.includes(client) && !isClientModulePath(client)) {
  console.error(`usage: node bench/profile.mjs [${CLIENTS.join('|')}|path/to/client.mjs] [concurrency]`);
  process.exit(2);
}
const concurrency = Number(concurrencyText);
const dir = join(
  here,
  'results',
  'profiles',
  `${basename(client).replace(/\.m?js$/, '')}-c${concurrency}-${Date.now()}`,
);
mkdirSync(dir, { recursive: true });

function whereFrom(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const workspace = /packages\/([^/]+)\//.exec(url)?.[1];
  if (workspace) return `@cbr-sdk/${workspace}`;
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}

function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  const intervals = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    hits.set(profile.samples[i], (hits.get(profile.samples[i]) ?? 0) + (intervals[i] ?? 0));
  }
  const total = [...hits.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map();
  const byFunction = new Map();
  for (const [id, micros] of hits) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const pkg = whereFrom(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const key = `${functionName || '(anonymous)'}  ${url ? `${url.replace(/^.*node_modules\//, '').replace(`file://${root}/`, '')}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  // Inclusive time (self + callees) per function of the SDK packages: which of their steps cost most.
  const inclusive = new Map();
  const visit = (node, stack) => {
    let sum = hits.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${url.replace(`file://${root}/`, '')}:${lineNumber + 1}`;
    const first = !stack.has(key);
    if (first) stack.add(key);
    for (const child of node.children ?? []) sum += visit(byId.get(child), stack);
    if (first) {
      stack.delete(key);
      if (/packages\//.test(url)) inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
    }
    return sum;
  };
  visit(profile.nodes[0], new Set());
  const pct = (v) => `${((v / total) * 100).toFixed(1).padStart(5)}%`;
  console.log(`\nself time by package (${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [name, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(v)}  ${name}`);
  console.log('\ntop functions by self time:');
  for (const [name, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(v)}  ${name}`);
  console.log('\nSDK functions by inclusive time (self + what they call):');
  for (const [name, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(v)}  ${name}`);
}

try {
  const env = benchChildEnv();
  const server = forkTracked(join(here, 'loopback-server.mjs'), [], { cwd: root, env });
  const { port } = await nextMessage(server, (m) => m.type === 'listening', 30_000);
  const config = {
    client: isClientModulePath(client) ? resolve(client) : client,
    endpoint: `http://127.0.0.1:${port}`,
    durationMs: 4000,
    concurrency,
    warmupMs: 500,
  };
  const result = await runWorkerScript(join(here, 'throughput-worker.mjs'), config, {
    cwd: root,
    env,
    execArgv: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
  console.log(`${client} c=${concurrency}: ${Math.round(result.rps)} req/s under the profiler`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  console.log(`profile: ${join(dir, file)}`);
  summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')));
} finally {
  killAll();
}
