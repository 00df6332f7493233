// Closed-loop load: `concurrency` callers, each sending its next request as soon as the last one answered,
// until `count` requests are done, or until `durationMs` has passed (the requests in flight then finish).
// With `latencies` (an array), the latency of each request (ms) is pushed into it.
export async function runLoad(send, { count = Number.POSITIVE_INFINITY, durationMs, concurrency, latencies, onDone }) {
  const deadline = durationMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + durationMs;
  let started = 0;
  let done = 0;
  const caller = async () => {
    while (started < count && performance.now() < deadline) {
      started++;
      const begin = performance.now();
      await send();
      if (latencies) latencies.push(performance.now() - begin);
      done++;
      if (onDone) onDone(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
  return done;
}
