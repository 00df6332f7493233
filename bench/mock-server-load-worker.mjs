// Load on the mock server, in a fresh process (forked by lib/mock-server-scale.mjs): raw node:http creates
// (the seed's request, keep-alive, the least a client can do) by `concurrency` callers in a closed loop, for
// `durationMs` after `warmupMs`, or until `count` creates are done. Every answer must be a 200 with a
// restore point. Reports creates per second.
import { create } from './clients/node-http.mjs';
import { fixture } from './lib/fixture.mjs';
import { runLoad } from './lib/load.mjs';

const { endpoint, concurrency, durationMs, warmupMs = 0, count } = JSON.parse(process.argv[2]);
process.on('disconnect', () => process.exit(1));

try {
  const send = create(fixture(endpoint));
  if (warmupMs > 0) await runLoad(send, { durationMs: warmupMs, concurrency });
  const started = performance.now();
  const done = await runLoad(send, { durationMs, count, concurrency });
  const elapsedMs = performance.now() - started;
  process.send({ type: 'result', count: done, elapsedMs, rps: (done / elapsedMs) * 1000 }, () => process.exit(0));
} catch (error) {
  process.send({ type: 'error', message: `mock server load: ${error?.stack ?? error}` }, () => process.exit(1));
}
