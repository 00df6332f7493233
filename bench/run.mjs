#!/usr/bin/env node
// The benchmark: `node bench/run.mjs` (from anywhere; it works from the repository root). See bench/README.md.
//   --quick          smoke mode: 2 rounds of 0.6 s per client, 20k-call memory check, 5 cold-start runs, a
//                    small mock-server run, no generate/turbo timings; writes bench/results/quick.md (not committed)
//   --skip-tooling   leave out `npm run generate` and the turbo no-op build
// Progress goes to stderr; the report (markdown) to stdout and bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS, loadClient } from './clients/index.mjs';
import { measureBundle } from './lib/bundle-size.mjs';
import { benchChildEnv } from './lib/child-env.mjs';
import { cliStartMarkdown, measureCliStart } from './lib/cli-start.mjs';
import { measureColdStart } from './lib/cold-start.mjs';
import { measureMockServerScale } from './lib/mock-server-scale.mjs';
import { forkTracked, killAll, nextMessage, runWorkerScript } from './lib/processes.mjs';
import { judgeLeak, markdownReport, throughputSvg } from './lib/report.mjs';
import { median } from './lib/stats.mjs';
import { measureGenerate, measureTurboNoop } from './lib/tooling.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(join(root, 'package.json'));
const argv = process.argv.slice(2);
const known = new Set(['--quick', '--skip-tooling', '--help']);
const unknown = argv.filter((a) => !known.has(a));
if (argv.includes('--help') || unknown.length) {
  if (unknown.length) console.error(`unknown option(s): ${unknown.join(' ')}`);
  console.error('usage: node bench/run.mjs [--quick] [--skip-tooling]   (see bench/README.md)');
  process.exit(unknown.length ? 2 : 0);
}
const quick = argv.includes('--quick');
const settings = {
  quick,
  command: ['node bench/run.mjs', ...argv].join(' '),
  rounds: quick ? 2 : 5,
  concurrencies: [16, 1],
  durationMs: quick ? 600 : 2500,
  warmupMs: quick ? 200 : 700,
  leak: quick ? { calls: 20_000, every: 2_000, concurrency: 16 } : { calls: 100_000, every: 10_000, concurrency: 16 },
  coldRuns: quick ? 5 : 20,
  tooling: !quick && !argv.includes('--skip-tooling'),
};

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const started = performance.now();
const childEnv = benchChildEnv();

function git(...args) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

function environment() {
  const cpuModel =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model;
  const dirtyPaths = git('status', '--porcelain', '--', 'packages')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3).split('/').slice(0, 3).join('/'));
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel,
    totalMemGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
    commit: git('log', '-1', '--format=%h %s'),
    dirty: [...new Set(dirtyPaths)].join(', '),
  };
}

let statsId = 0;
async function serverStats(server) {
  const id = ++statsId;
  server.send({ type: 'stats', id });
  return nextMessage(server, (m) => m.type === 'stats' && m.id === id, 10_000);
}

const runWorker = (script, config, execArgv = []) =>
  runWorkerScript(join(here, script), config, { cwd: root, env: childEnv, execArgv });

async function measureThroughput(server, endpoint) {
  const runs = [];
  for (let round = 0; round < settings.rounds; round++) {
    for (const concurrency of settings.concurrencies) {
      const order = CLIENTS.map((_, i) => CLIENTS[(i + round) % CLIENTS.length]);
      for (const client of order) {
        const before = await serverStats(server);
        const config = {
          client,
          endpoint,
          durationMs: settings.durationMs,
          concurrency,
          warmupMs: settings.warmupMs,
        };
        try {
          const result = await runWorker('throughput-worker.mjs', config);
          const after = await serverStats(server);
          const run = {
            ...result,
            round,
            connections: after.connections - before.connections,
            served: after.requests - before.requests,
          };
          runs.push(run);
          log(
            `round ${round + 1}/${settings.rounds} c=${concurrency} ${client}: ${Math.round(run.rps)} req/s (${run.count}), p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, ${run.connections} connection(s)`,
          );
        } catch (error) {
          runs.push({ client, concurrency, round, error: error.message });
          log(`round ${round + 1} c=${concurrency} ${client}: FAILED ${error.message.split('\n')[0]}`);
        }
      }
    }
  }
  const summary = {};
  for (const client of CLIENTS) {
    summary[client] = {};
    for (const concurrency of settings.concurrencies) {
      const mine = runs.filter((r) => r.client === client && r.concurrency === concurrency);
      const ok = mine.filter((r) => !r.error);
      if (ok.length === 0) {
        summary[client][concurrency] = { error: mine[0]?.error ?? 'no run' };
        continue;
      }
      const med = (key) => median(ok.map((r) => r[key]));
      summary[client][concurrency] = {
        rps: med('rps'),
        minRps: Math.min(...ok.map((r) => r.rps)),
        maxRps: Math.max(...ok.map((r) => r.rps)),
        p50: med('p50'),
        p99: med('p99'),
        cpuMicrosPerCall: med('cpuMicrosPerCall'),
        maxRss: med('maxRss'),
        sampledPeakRss: med('sampledPeakRss'),
        connections: med('connections'),
        failedRounds: mine.length - ok.length,
      };
    }
  }
  return { runs, summary };
}

async function measureLeak(endpoint) {
  const config = { client: 'cbr-token', endpoint, ...settings.leak };
  log(`memory check: ${config.calls} calls of cbr-token at c=${config.concurrency}`);
  try {
    const result = await runWorker('leak-worker.mjs', config, ['--expose-gc']);
    return { ...result, every: config.every, verdict: judgeLeak(result.samples) };
  } catch (error) {
    return { ...config, error: error.message };
  }
}

// A full run also refreshes the results section of bench/README.md (between its two markers).
function updateReadme(markdown) {
  const path = join(here, 'README.md');
  let readme;
  try {
    readme = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return;
  const section = markdown
    .split('\n')
    .slice(1)
    .map((line) => (line.startsWith('## ') ? `#${line}` : line))
    .join('\n')
    .replace('](throughput.svg)', '](results/throughput.svg)');
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n${section.trim()}\n${readme.slice(to)}`);
  log('refreshed the results in bench/README.md');
}

const results = { settings, env: environment() };
const labels = {};
let exitCode = 0;
try {
  for (const client of CLIENTS) labels[client] = (await loadClient(client)).label;
  const server = forkTracked(join(here, 'loopback-server.mjs'), [], { cwd: root, env: childEnv });
  const { port } = await nextMessage(server, (m) => m.type === 'listening', 30_000);
  const endpoint = `http://127.0.0.1:${port}`;
  log(`loopback server on ${endpoint} (pid ${server.pid}); ${settings.quick ? 'quick mode' : 'full run'}`);

  results.throughput = await measureThroughput(server, endpoint);
  results.leak = await measureLeak(endpoint);
  server.kill();

  log('mock server at scale: creates/s by restore points stored, then memory over many creates');
  results.mockServer = await measureMockServerScale({ here, root, env: childEnv, quick, log });

  log(`cold start: ${settings.coldRuns} runs of each command`);
  try {
    results.coldStart = measureColdStart({ root, runs: settings.coldRuns, env: childEnv });
  } catch (error) {
    results.coldStartError = error.message;
  }
  log(`the cbr command: --version and a get against a local mock, ${settings.quick ? 5 : 20} runs each`);
  try {
    results.cliStart = await measureCliStart({ root, runs: settings.quick ? 5 : 20, env: childEnv });
  } catch (error) {
    results.cliStart = { error: error.message };
  }
  log('browser bundle (esbuild)');
  results.bundle = await measureBundle({ root, require });

  if (settings.tooling) {
    log('npm run generate');
    let generate;
    try {
      generate = await measureGenerate({ root, env: childEnv });
    } catch (error) {
      generate = { error: error.message };
    }
    log('turbo no-op build (two runs)');
    let turbo;
    try {
      turbo = await measureTurboNoop({ root, env: childEnv });
    } catch (error) {
      turbo = { error: error.message };
    }
    results.tooling = { generate, turbo };
  }

  results.totalMs = performance.now() - started;
  results.env.loadAverageAfter = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const markdown = `${markdownReport(results, labels)}\n${cliStartMarkdown(results.cliStart)}`;
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const name = quick ? 'quick' : 'latest';
  writeFileSync(join(outDir, `${name}.md`), `${markdown}\n`);
  writeFileSync(join(outDir, quick ? 'quick.svg' : 'throughput.svg'), throughputSvg(results, labels));
  if (!quick) updateReadme(markdown);
  process.stdout.write(`${markdown}\n`);
  log(
    `wrote bench/results/${name}.md and ${quick ? 'quick.svg' : 'throughput.svg'} in ${Math.round(results.totalMs / 1000)} s`,
  );
} catch (error) {
  log(`failed: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  killAll();
}
process.exitCode = exitCode;
