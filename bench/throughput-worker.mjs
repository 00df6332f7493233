// One measurement: one client, one concurrency, in a fresh process (forked by run.mjs). Checks the answer,
// warms up, then sends `count` createCheckpoint calls with `concurrency` callers and reports requests/s,
// p50/p99 latency and peak RSS to the parent.
import { loadClient } from './clients/index.mjs';
import { fixture } from './lib/fixture.mjs';
import { runLoad } from './lib/load.mjs';
import { percentile } from './lib/stats.mjs';

const { client, endpoint, count, concurrency, warmup } = JSON.parse(process.argv[2]);
process.on('disconnect', () => process.exit(1));

try {
  const context = fixture(endpoint);
  const { create } = await loadClient(client);
  const send = create(context);
  const first = await send();
  if (first?.id !== context.expectedId) throw new Error(`${client}: unexpected answer ${JSON.stringify(first)}`);
  await runLoad(send, warmup, concurrency);

  let sampledPeakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
  }, 20);
  const latencies = new Float64Array(count);
  const started = performance.now();
  await runLoad(send, count, concurrency, latencies);
  const elapsedMs = performance.now() - started;
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
