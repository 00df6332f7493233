// Child processes and ports for the repository's scripts.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to completion; returns { ok, status, out, stdout } with stdout and stderr together in `out`. */
export function run(command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  return { ok: result.status === 0, status: result.status, out, stdout: result.stdout ?? '' };
}

/** A port free on 127.0.0.1 right now: listen on 0, note the port, close. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
