// One measurement: one client, one concurrency, in a fresh process (forked by run.mjs). Checks the answer,
// warms up for `warmupMs`, then sends createCheckpoint calls with `concurrency` callers for `durationMs` and
// reports requests/s, p50/p99 latency and peak RSS to the parent. Variants of the harness, for
// bench/core-harness.mjs (what moves a client's figure between harnesses): `inProcessServer` (the loopback
// server in this process, not its own), `noKeepAlive` (Node's global agent without keep-alive, as before Node
// 19), `timeFirstCall` (the client's construction and first call inside the timed part, no warm-up).
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { loadClient } from './clients/index.mjs';
import { fixture } from './lib/fixture.mjs';
import { runLoad } from './lib/load.mjs';
import { createLoopbackServer } from './lib/loopback.mjs';
import { percentile } from './lib/stats.mjs';

const {
  client,
  endpoint: givenEndpoint,
  durationMs,
  concurrency,
  warmupMs,
  gc = false,
  inProcessServer = false,
  noKeepAlive = false,
  timeFirstCall = false,
} = JSON.parse(process.argv[2]);
process.on('disconnect', () => process.exit(1));

async function startInProcessServer() {
  const { server } = createLoopbackServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${server.address().port}`;
}

try {
  if (noKeepAlive) http.globalAgent = new http.Agent({ keepAlive: false });
  const endpoint = inProcessServer ? await startInProcessServer() : givenEndpoint;
  const context = fixture(endpoint);
  const { create } = await loadClient(client);
  const coldCpuBefore = process.cpuUsage();
  const coldStarted = performance.now();
  const send = create(context);
  const first = await send();
  if (first?.id !== context.expectedId) throw new Error(`${client}: unexpected answer ${JSON.stringify(first)}`);
  if (!timeFirstCall) await runLoad(send, { durationMs: warmupMs, concurrency });

  let sampledPeakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
  }, 20);
  const samples = [];
  // Garbage collection time, on request (bench/compare.mjs): an observer is not free.
  let gcMs = 0;
  const gcObserver = gc
    ? new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) gcMs += entry.duration;
      })
    : null;
  gcObserver?.observe({ entryTypes: ['gc'] });
  const cpuBefore = timeFirstCall ? coldCpuBefore : process.cpuUsage();
  const started = timeFirstCall ? coldStarted : performance.now();
  const count =
    (timeFirstCall ? 1 : 0) +
    (await runLoad(send, { durationMs: durationMs - (performance.now() - started), concurrency, latencies: samples }));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  gcObserver?.disconnect();
  const latencies = Float64Array.from(samples);
  clearInterval(sampler);
  sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
  latencies.sort();
  process.send(
    {
      type: 'result',
      client,
      concurrency,
      count,
      elapsedMs,
      rps: (count / elapsedMs) * 1000,
      // CPU time (user + system, all threads) of the client process per call: its cost apart from the server.
      cpuMicrosPerCall: (cpu.user + cpu.system) / count,
      cpuUserMicrosPerCall: cpu.user / count,
      cpuSystemMicrosPerCall: cpu.system / count,
      gcMicrosPerCall: gc ? (gcMs * 1000) / count : undefined,
      p50: percentile(latencies, 50, true),
      p99: percentile(latencies, 99, true),
      // Peak resident set size of the whole process (the kernel's maxrss), and the peak sampled during the run.
      maxRss: process.resourceUsage().maxRSS * 1024,
      sampledPeakRss,
    },
    () => process.exit(0),
  );
} catch (error) {
  process.send({ type: 'error', message: `${client}: ${error?.stack ?? error}` }, () => process.exit(1));
}
