// Stoplight Prism, a third party's reading of openapi/cbr-checkpoint.yaml, for the contract tests of every
// package: `prism mock` answers from the spec, `prism proxy` validates real traffic against it. With
// --errors, any request or answer that breaks the spec becomes an error.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const SPEC_PATH = fileURLToPath(new URL('../openapi/cbr-checkpoint.yaml', import.meta.url));
const PRISM_BIN = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));

/** A port free right now: listen on 0, note the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningPrism {
  url: string;
  stop(): void;
}

/**
 * Starts Prism (`['mock', SPEC_PATH]` or `['proxy', SPEC_PATH, upstream]`) on 127.0.0.1 and an ephemeral
 * port, in its own process group so stop() ends it whole, and waits until it answers HTTP.
 */
export async function startPrism(args: string[], startTimeoutMs = 45_000): Promise<RunningPrism> {
  const port = await freePort();
  const child: ChildProcess = spawn(PRISM_BIN, [...args, '--errors', '--host', '127.0.0.1', '--port', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited: ${output}`);
    try {
      await fetch(url); // any answer (Prism says 404 for /) means it listens
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  stop();
  throw new Error(`prism did not start: ${output}`);
}
