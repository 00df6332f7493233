#!/usr/bin/env node
import os from 'node:os';
// What moves the official core's figure (and so the "N× the official core" ratios) between harnesses:
// `node bench/core-harness.mjs [--rounds N] [--duration MS] [client ...]` runs the official core and our
// token and AK/SK clients (or the clients named) under variants of the bench's harness, each (variant,
// client, round) in a fresh process, interleaved, and prints median req/s and client CPU per call, and each
// client's ratio to the core within the same variant. The variants:
//   bench          the bench's harness: server in its own process, 0.7 s warm-up, 2.5 s timed, c=16
//   same-process   the loopback server inside the client's process (the two share one thread)
//   cold           no warm-up: construction and first call inside the timed part
//   long-warm-up   5 s of warm-up instead of 0.7 s
//   no-keep-alive  Node's global agent without keep-alive (Node < 19's default; the core uses it, our
//                  client its own keep-alive agent)
//   c=1            one caller instead of 16
// See bench/README.md ("Comparing with the official core") for what the runs showed.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS } from './clients/index.mjs';
import { benchChildEnv } from './lib/child-env.mjs';
import { forkTracked, killAll, nextMessage, runWorkerScript } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

const VARIANTS = {
  bench: {},
  'same-process': { inProcessServer: true },
  cold: { timeFirstCall: true, warmupMs: 0 },
  'long-warm-up': { warmupMs: 5000 },
  'no-keep-alive': { noKeepAlive: true },
  'c=1': { concurrency: 1 },
};

const options = { rounds: 3, durationMs: 2500, clients: [], variants: Object.keys(VARIANTS) };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--rounds' || arg === '--duration') {
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive integer`);
    options[arg === '--rounds' ? 'rounds' : 'durationMs'] = value;
  } else if (arg === '--variants') {
    options.variants = argv[++i].split(',');
    for (const name of options.variants) if (!(name in VARIANTS)) throw new Error(`unknown variant ${name}`);
  } else if (CLIENTS.includes(arg)) options.clients.push(arg);
  else throw new Error(`unknown argument ${arg} (clients: ${CLIENTS.join(', ')})`);
}
if (options.clients.length === 0) options.clients = ['huawei-core', 'cbr-token', 'cbr-aksk'];
const reference = options.clients[0];
const log = (message) => process.stderr.write(`[core-harness] ${message}\n`);

try {
  const env = benchChildEnv();
  const loadBefore = os.loadavg();
  const server = forkTracked(join(here, 'loopback-server.mjs'), [], { cwd: root, env });
  const { port } = await nextMessage(server, (m) => m.type === 'listening', 30_000);
  const runs = new Map();
  const pairs = options.variants.flatMap((variant) => options.clients.map((client) => [variant, client]));
  for (let round = 0; round < options.rounds; round++) {
    // Rotated each round, so that no (variant, client) always runs first or after the same one.
    const order = pairs.map((_, i) => pairs[(i + round * options.clients.length + round) % pairs.length]);
    for (const [variant, client] of order) {
      const config = {
        client,
        endpoint: `http://127.0.0.1:${port}`,
        durationMs: options.durationMs,
        concurrency: 16,
        warmupMs: 700,
        ...VARIANTS[variant],
      };
      const result = await runWorkerScript(join(here, 'throughput-worker.mjs'), config, { cwd: root, env });
      const key = `${variant} ${client}`;
      if (!runs.has(key)) runs.set(key, []);
      runs.get(key).push(result);
      log(`round ${round + 1}/${options.rounds} ${key}: ${Math.round(result.rps)} req/s`);
    }
  }
  server.kill();

  const of = (variant, client, field) => median(runs.get(`${variant} ${client}`).map((run) => run[field]));
  console.log(
    `\n${options.rounds} rounds of ${options.durationMs} ms per (variant, client), interleaved, fresh process each; ` +
      `medians. Node ${process.version}, ${os.cpus().length} cores, load average ` +
      `${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} after.\n`,
  );
  const header = options.clients.map((client) => `${client} req/s (µs CPU/call)`);
  const ratios = options.clients.slice(1).map((client) => `${client} ÷ ${reference}`);
  console.log(`| Variant | ${[...header, ...ratios].join(' | ')} |`);
  console.log(`|---|${[...header, ...ratios].map(() => '--:').join('|')}|`);
  for (const variant of options.variants) {
    const cells = options.clients.map(
      (client) =>
        `${Math.round(of(variant, client, 'rps')).toLocaleString('en-US')} (${Math.round(of(variant, client, 'cpuMicrosPerCall'))})`,
    );
    const core = of(variant, reference, 'rps');
    const relative = options.clients.slice(1).map((client) => `${(of(variant, client, 'rps') / core).toFixed(2)}×`);
    console.log(`| ${variant} | ${[...cells, ...relative].join(' | ')} |`);
  }
} finally {
  killAll();
}
