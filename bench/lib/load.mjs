// Closed-loop load: `concurrency` callers, each sending its next request as soon as the last one answered,
// until `count` requests are done. Latencies (ms) go into `latencies` when given.
export async function runLoad(send, count, concurrency, latencies, onProgress) {
  let next = 0;
  let done = 0;
  const caller = async () => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      await send();
      if (latencies) latencies[index] = performance.now() - started;
      done++;
      if (onProgress) await onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
}
