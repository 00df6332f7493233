#!/usr/bin/env node
// A/B runs: `node bench/compare.mjs [options] <client> <client> ...` measures a few clients against the same
// loopback server, interleaved, each (client, round) in a fresh process, and prints the medians: req/s and
// the client's CPU per call, split into user, system and garbage collection. The first client is the
// reference of the ratios. A client is an id of bench/clients (node-http, cbr-token, ...) or the path of a
// module of the same shape: that is how a variant of the SDK is compared with the built one (bench/README.md).
//   --rounds N        rounds per client (default 7)
//   --concurrency C   callers per client (default 16)
//   --duration MS     timed part of each run (default 2000; 700 ms of warm-up come before it)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS, isClientModulePath } from './clients/index.mjs';
import { benchChildEnv } from './lib/child-env.mjs';
import { forkTracked, killAll, nextMessage, runWorkerScript } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function usage(problem) {
  if (problem) console.error(problem);
  console.error(
    `usage: node bench/compare.mjs [--rounds N] [--concurrency C] [--duration MS] <client> <client> ...\n` +
      `  a client: ${CLIENTS.join(', ')}, or the path of a .mjs/.js client module (see bench/README.md)`,
  );
  process.exit(problem ? 2 : 0);
}

function parseArguments(argv) {
  const options = { rounds: 7, concurrency: 16, durationMs: 2000, clients: [] };
  const numbers = { '--rounds': 'rounds', '--concurrency': 'concurrency', '--duration': 'durationMs' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help') usage();
    if (arg in numbers) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) usage(`${arg} needs a positive integer (got ${argv[i]})`);
      options[numbers[arg]] = value;
    } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (CLIENTS.includes(arg)) options.clients.push(arg);
    else if (isClientModulePath(arg)) options.clients.push(resolve(arg));
    else usage(`unknown client ${arg}`);
  }
  if (options.clients.length === 0) usage('name at least one client');
  return options;
}

const options = parseArguments(process.argv.slice(2));
const env = benchChildEnv();
const log = (message) => process.stderr.write(`[compare] ${message}\n`);
const name = (client) => (CLIENTS.includes(client) ? client : client.replace(`${root}/`, ''));

try {
  const server = forkTracked(join(here, 'loopback-server.mjs'), [], { cwd: root, env });
  const { port } = await nextMessage(server, (m) => m.type === 'listening', 30_000);
  const runs = new Map(options.clients.map((client) => [client, []]));
  for (let round = 0; round < options.rounds; round++) {
    // Rotated order, so that no client always runs first (or right after a given other one).
    const order = options.clients.map((_, i) => options.clients[(i + round) % options.clients.length]);
    for (const client of order) {
      const config = {
        client,
        endpoint: `http://127.0.0.1:${port}`,
        durationMs: options.durationMs,
        concurrency: options.concurrency,
        warmupMs: 700,
        gc: true,
      };
      const result = await runWorkerScript(join(here, 'throughput-worker.mjs'), config, { cwd: root, env });
      runs.get(client).push(result);
      log(`round ${round + 1}/${options.rounds} ${name(client)}: ${result.cpuMicrosPerCall.toFixed(1)} µs per call`);
    }
  }
  server.kill();

  const of = (client, field) => median(runs.get(client).map((run) => run[field]));
  const reference = of(options.clients[0], 'cpuMicrosPerCall');
  console.log(
    `\n${options.rounds} rounds, c=${options.concurrency}, ${options.durationMs} ms each; medians. ` +
      `"CPU vs first" is the first client's CPU per call divided by this one's (higher is faster).\n`,
  );
  console.log('| client | req/s | CPU per call (µs) | user | system | GC | CPU vs first | CPU per call by round |');
  console.log('|---|--:|--:|--:|--:|--:|--:|---|');
  for (const client of options.clients) {
    const cpu = of(client, 'cpuMicrosPerCall');
    const byRound = runs.get(client).map((run) => run.cpuMicrosPerCall.toFixed(0));
    console.log(
      `| ${name(client)} | ${of(client, 'rps').toFixed(0)} | ${cpu.toFixed(1)} | ${of(client, 'cpuUserMicrosPerCall').toFixed(1)} | ` +
        `${of(client, 'cpuSystemMicrosPerCall').toFixed(1)} | ${of(client, 'gcMicrosPerCall').toFixed(1)} | ` +
        `${(reference / cpu).toFixed(2)}× | ${byRound.join(' ')} |`,
    );
  }
} catch (error) {
  console.error(`[compare] failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  killAll();
}
