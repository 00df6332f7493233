// The mock server at scale. Two measurements, each server in its own process:
//  - creates per second over keep-alive at c=16 with few and with many restore points stored. Each server
//    is kept at its size by `maxCheckpoints` (filled to it first, so every create also forgets one): the
//    store holds exactly that many through the run, and forgetting is measured with the rest. Sizes are
//    interleaved round by round; the median of the rounds is reported.
//  - memory: creates over HTTP with the default `maxCheckpoints`, RSS and heap (after two GCs) sampled every
//    `every` creates: flat once the cap is reached, if the store is bounded and leaks nothing.
// Creates use `availableAfterMs: 0`, so that the same resource can be backed up again at once (with the
// default 1 s, the seed's one server is "being backed up" and most creates would be refused).
import { join } from 'node:path';
import { forkTracked, nextMessage, runWorkerScript } from './processes.mjs';
import { median } from './stats.mjs';

const MB = 1024 * 1024;
let requestId = 0;

async function ask(child, message, answerType) {
  const id = ++requestId;
  child.send({ ...message, id });
  return nextMessage(child, (m) => m.type === answerType && m.id === id, 300_000);
}

async function startServer(here, root, env, options, started) {
  const child = forkTracked(join(here, 'mock-server-process.mjs'), [JSON.stringify(options)], {
    cwd: root,
    env,
    execArgv: ['--expose-gc'],
  });
  started.push(child);
  const { url } = await nextMessage(child, (m) => m.type === 'listening', 30_000);
  return { child, url };
}

/**
 * Whether RSS and heap stayed flat once the cap was reached: from the first sample after the first round of
 * forgetting (one interval past the cap: the allocator settles on the churn of its first evictions) to the
 * last. The heap is the sharper measure: what the store keeps is on it.
 */
export function judgeMockMemory(samples, cap) {
  const atCap = samples.find((s) => s.created > cap);
  const last = samples.at(-1);
  if (!atCap || !last || atCap === last) return { flat: undefined, summary: 'the cap was not reached' };
  const rssGrowth = last.rss - atCap.rss;
  const heapGrowth = last.heapUsed - atCap.heapUsed;
  // Flat: after the cap, RSS within 10% (the allocator and the JIT settle) and the heap within 5%.
  const flat = rssGrowth <= 0.1 * atCap.rss && heapGrowth <= 0.05 * atCap.heapUsed;
  const sign = (n) => (n >= 0 ? '+' : '−');
  return {
    flat,
    summary:
      `RSS ${sign(rssGrowth)}${(Math.abs(rssGrowth) / MB).toFixed(1)} MB, heap ${sign(heapGrowth)}${(Math.abs(heapGrowth) / MB).toFixed(1)} MB ` +
      `between ${atCap.created.toLocaleString('en-US')} creates (past the cap of ${cap.toLocaleString('en-US')}) and ${last.created.toLocaleString('en-US')}`,
  };
}

export async function measureMockServerScale({ here, root, env, quick, log }) {
  const sizes = [1_000, 200_000];
  const rounds = quick ? 2 : 5;
  const durationMs = quick ? 600 : 2500;
  const warmupMs = quick ? 200 : 500;
  const concurrency = 16;
  const memory = quick
    ? { creates: 60_000, every: 10_000, maxCheckpoints: 20_000 }
    : { creates: 300_000, every: 25_000, maxCheckpoints: undefined }; // undefined: the default (100 000)
  const result = { sizes, rounds, durationMs, concurrency, memory: { ...memory } };
  const started = [];

  try {
    // creates per second by restore points stored
    const servers = {};
    for (const stored of sizes) {
      servers[stored] = await startServer(here, root, env, { availableAfterMs: 0, maxCheckpoints: stored }, started);
      const filled = await ask(servers[stored].child, { type: 'prefill', count: stored }, 'prefilled');
      log(`mock server: ${filled.stored.toLocaleString('en-US')} restore points stored`);
    }
    const runs = Object.fromEntries(sizes.map((stored) => [stored, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? sizes : [...sizes].reverse();
      for (const stored of order) {
        const { url, child } = servers[stored];
        const run = await runWorkerScript(
          join(here, 'mock-server-load-worker.mjs'),
          { endpoint: url, concurrency, durationMs, warmupMs },
          { cwd: root, env },
        );
        const after = await ask(child, { type: 'stats' }, 'stats');
        runs[stored].push({ rps: run.rps, count: run.count, storedAfter: after.stored });
        log(
          `mock server round ${round + 1}/${rounds}, ${stored.toLocaleString('en-US')} stored: ${Math.round(run.rps)} creates/s (${after.stored.toLocaleString('en-US')} stored after)`,
        );
      }
    }
    for (const { child } of Object.values(servers)) child.kill(); // their memory is not the next run's
    result.throughput = sizes.map((stored) => ({
      stored,
      rps: median(runs[stored].map((r) => r.rps)),
      minRps: Math.min(...runs[stored].map((r) => r.rps)),
      maxRps: Math.max(...runs[stored].map((r) => r.rps)),
      storedAfter: Math.max(...runs[stored].map((r) => r.storedAfter)),
    }));
    result.ratio = result.throughput[1].rps / result.throughput[0].rps;

    // memory over many creates, with the default cap (or a small one in quick mode)
    const options = {
      availableAfterMs: 0,
      ...(memory.maxCheckpoints ? { maxCheckpoints: memory.maxCheckpoints } : {}),
    };
    const server = await startServer(here, root, env, options, started);
    const samples = [await ask(server.child, { type: 'stats' }, 'stats')];
    const startedAt = performance.now();
    for (let done = 0; done < memory.creates; done += memory.every) {
      await runWorkerScript(
        join(here, 'mock-server-load-worker.mjs'),
        { endpoint: server.url, concurrency, count: memory.every },
        { cwd: root, env },
      );
      const sample = await ask(server.child, { type: 'stats' }, 'stats');
      samples.push(sample);
      log(
        `mock server memory: ${sample.created.toLocaleString('en-US')} creates, ${sample.stored.toLocaleString('en-US')} kept, RSS ${(sample.rss / MB).toFixed(1)} MB`,
      );
    }
    const cap = memory.maxCheckpoints ?? 100_000;
    result.memory = {
      ...memory,
      cap,
      elapsedMs: performance.now() - startedAt,
      samples,
      verdict: judgeMockMemory(samples, cap),
    };
  } catch (error) {
    result.error = error?.message ?? String(error);
  } finally {
    for (const child of started) child.kill();
  }
  return result;
}
