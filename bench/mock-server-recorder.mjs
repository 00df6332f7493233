#!/usr/bin/env node
// The mock server's recorder under a flood of large bodies: what a long-running mock keeps of them.
// `node bench/mock-server-recorder.mjs [--requests N] [--concurrency C]` (defaults 1,500 and 8).
// Two mocks, each in its own process (--expose-gc), each sent N POSTs to the create route over keep-alive
// from this process, every one refused with 400 (the body is not JSON), so nothing but the recorder keeps
// anything: one flood of 1 MiB junk bodies (the largest the default maxBodyBytes takes), one of 5-byte bodies.
// The report: RSS, heap and buffers of each mock after two forced GCs, before and after, and the junk
// flood's RSS as a ratio of the small-body flood's. A recorder that kept whole bodies would hold ~N MiB after
// the junk flood (1,588 MiB for 1,500 before the 4 KiB cut); one that keeps 4 KiB of each holds about what the
// small flood does. Reported, never asserted.
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchChildEnv } from './lib/child-env.mjs';
import { forkTracked, killAll, nextMessage } from './lib/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const MIB = 1024 * 1024;

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} needs a positive integer (got ${process.argv[index + 1]})`);
    process.exit(2);
  }
  return value;
}
const requests = option('--requests', 1500);
const concurrency = option('--concurrency', 8);
const log = (message) => process.stderr.write(`[recorder] ${message}\n`);

let statsId = 0;
async function stats(child) {
  const id = ++statsId;
  child.send({ type: 'stats', id });
  return nextMessage(child, (m) => m.type === 'stats' && m.id === id, 60_000);
}

/** POSTs `body` n times to the create route, c at a time over keep-alive; resolves the status counts. */
async function flood(url, body, n, c) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: c });
  const target = new URL('/v3/4229d7a45436489f8c3dc2b1d35d4987/checkpoints', url);
  const statuses = new Map();
  let sent = 0;
  const one = () =>
    new Promise((done, fail) => {
      const req = http.request(target, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-auth-token': 'bench-token', 'content-length': body.length },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          done();
        });
      });
      req.on('error', fail);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (sent < n) {
        sent += 1;
        await one();
      }
    }),
  );
  agent.destroy();
  return Object.fromEntries(statuses);
}

async function measure(label, body, env) {
  const child = forkTracked(join(here, 'mock-server-process.mjs'), [JSON.stringify({ availableAfterMs: 0 })], {
    cwd: root,
    env,
    execArgv: ['--expose-gc'],
  });
  const { url } = await nextMessage(child, (m) => m.type === 'listening', 30_000);
  const before = await stats(child);
  const started = performance.now();
  const statuses = await flood(url, body, requests, concurrency);
  const seconds = (performance.now() - started) / 1000;
  const after = await stats(child);
  child.kill();
  log(`${label}: ${JSON.stringify(statuses)} in ${seconds.toFixed(1)} s, RSS ${(after.rss / MIB).toFixed(1)} MiB`);
  return { label, bodyBytes: body.length, before, after, statuses, seconds };
}

try {
  const env = benchChildEnv();
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const small = await measure('5-byte bodies', Buffer.from('small'), env);
  const junk = await measure('1 MiB junk bodies', Buffer.alloc(MIB, 'j'), env);
  const mib = (bytes) => (bytes / MIB).toFixed(1);
  console.log(
    `\n${requests} POSTs per flood (all refused with 400), c=${concurrency}, keep-alive; each mock in its own process; ` +
      `Node ${process.version}, ${os.cpus().length} cores, load average ${load} before, ` +
      `${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} after. Memory after two forced GCs.\n`,
  );
  console.log(
    '| Flood | statuses | recorded | RSS before → after (MiB) | heapUsed after (MiB) | buffers after (MiB) |',
  );
  console.log('|---|---|--:|--:|--:|--:|');
  for (const run of [small, junk]) {
    console.log(
      `| ${run.label} | ${Object.entries(run.statuses)
        .map(([status, count]) => `${count}× ${status}`)
        .join(
          ', ',
        )} | ${run.after.recorded} | ${mib(run.before.rss)} → ${mib(run.after.rss)} | ${mib(run.after.heapUsed)} | ${mib(run.after.arrayBuffers)} |`,
    );
  }
  console.log(
    `\nRSS after the junk flood: **${(junk.after.rss / small.after.rss).toFixed(2)}×** the small-body flood's ` +
      `(${mib(junk.after.rss)} vs ${mib(small.after.rss)} MiB); buffers kept: ${mib(junk.after.arrayBuffers)} MiB ` +
      `for ${junk.after.recorded} records of ${mib(junk.bodyBytes * requests)} MiB received.`,
  );
} finally {
  killAll();
}
