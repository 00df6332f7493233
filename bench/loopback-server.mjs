// The loopback server the clients are measured against (lib/loopback.mjs), run in its own process (forked by
// run.mjs and compare.mjs), so that the server's CPU is not the client's.
import { createLoopbackServer } from './lib/loopback.mjs';

const { server, counts } = createLoopbackServer();

server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'listening', port: server.address().port });
});

process.on('message', (message) => {
  if (message?.type === 'stats') process.send({ type: 'stats', id: message.id, ...counts });
});
// The parent is gone (or asked us to stop): stop.
process.on('disconnect', () => process.exit(0));
