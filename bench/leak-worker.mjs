// The memory check: `calls` createCheckpoint calls of @cbr-sdk/checkpoint (token) at `concurrency`, in a fresh
// process started with --expose-gc. Every `every` calls it collects garbage and samples RSS and heap,
// so growth that survives GC shows up. Reports the samples; it judges nothing.
import { loadClient } from './clients/index.mjs';
import { fixture } from './lib/fixture.mjs';
import { runLoad } from './lib/load.mjs';

const { client, endpoint, calls, concurrency, every } = JSON.parse(process.argv[2]);
process.on('disconnect', () => process.exit(1));

function sample(done) {
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { calls: done, rss, heapUsed, external, arrayBuffers, ms: performance.now() - started };
}

let started = performance.now();
try {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  const { create } = await loadClient(client);
  const send = create(fixture(endpoint));
  await send();
  started = performance.now();
  const samples = [sample(0)];
  await runLoad(send, {
    count: calls,
    concurrency,
    onDone: (done) => {
      if (done % every === 0) samples.push(sample(done));
    },
  });
  process.send({ type: 'result', client, calls, concurrency, samples, elapsedMs: performance.now() - started }, () =>
    process.exit(0),
  );
} catch (error) {
  process.send({ type: 'error', message: `${client}: ${error?.stack ?? error}` }, () => process.exit(1));
}
