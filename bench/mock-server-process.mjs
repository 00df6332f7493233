// The mock server under load, in its own process (forked by lib/mock-server-scale.mjs, with --expose-gc):
// started with the options given as its argument (JSON), it answers the bench over IPC:
//   prefill { count }: creates restore points straight in its store (the seed's request), as the HTTP route
//                      would, to start a run with that many stored;
//   stats: two garbage collections, then RSS, heap, buffers (arrayBuffers: where recorded bodies live), and
//          the restore points kept, created and forgotten, and the requests recorded.
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE, CREATE_CHECKPOINT_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import { startMockServer } from '@cbr-sdk/mock-server';

const options = JSON.parse(process.argv[2] ?? '{}');
process.on('disconnect', () => process.exit(1));

const server = await startMockServer({ ...options, port: 0, host: '127.0.0.1' });
const projectId = CREATE_CHECKPOINT_RESPONSE_EXAMPLE.checkpoint.project_id;
const backup = CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint;

function stats() {
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  const { store } = server;
  return {
    rss,
    heapUsed,
    arrayBuffers,
    recorded: server.requests.length,
    stored: store.checkpoints.size,
    created: store.createdCount,
    forgotten: store.forgottenCount,
  };
}

process.on('message', (message) => {
  try {
    if (message?.type === 'prefill') {
      for (let i = 0; i < message.count; i++) server.store.create(projectId, backup);
      process.send({ type: 'prefilled', id: message.id, ...stats() });
    } else if (message?.type === 'stats') {
      process.send({ type: 'stats', id: message.id, ...stats() });
    }
  } catch (error) {
    process.send({ type: 'error', message: `mock server: ${error?.stack ?? error}` });
  }
});
process.send({ type: 'listening', url: server.url });
