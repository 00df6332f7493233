// Child processes and ports for the repository's scripts.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to completion; returns { ok, status, out, stdout } with stdout and stderr together in `out`. */
export function run(command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  return { ok: result.status === 0, status: result.status, out, stdout: result.stdout ?? '' };
}

/**
 * {@link run} without blocking: for a child that talks to a server in this process. Same result; a child still
 * running after `timeoutMs` is killed (status null).
 */
export function runAsync(command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (status, error) => {
      clearTimeout(timer);
      const out = `${stdout}${stderr}${error ? `\n${error.message}` : ''}`;
      resolveRun({ ok: status === 0, status, out, stdout });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
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
