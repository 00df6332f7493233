// A loopback HTTP server on an ephemeral port whose every answer the test scripts: a status and body, a
// delay, or a connection dropped without an answer. It records what arrived (raw path, headers, body).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer =
  | { status: number; body?: string | object; headers?: Record<string, string>; delayMs?: number }
  | { drop: true; delayMs?: number };

export type Script = (request: Received, index: number) => Answer;

export const json = (status: number, body: object, headers: Record<string, string> = {}): Answer => ({
  status,
  body,
  headers: { 'content-type': 'application/json', ...headers },
});

export async function startScriptedServer(script: Script) {
  const received: Received[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const answer = current(request, received.length - 1);
      const respond = () => {
        if ('drop' in answer) {
          req.socket.destroy();
          return;
        }
        const body =
          typeof answer.body === 'string' || answer.body === undefined
            ? (answer.body ?? '')
            : JSON.stringify(answer.body);
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(body);
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  let current = script;
  const sockets = new Set<unknown>();
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    /** Replaces the script and forgets what was received (and the connections counted). */
    reset(next: Script) {
      current = next;
      received.length = 0;
      sockets.clear();
    },
    /** How many TCP connections were opened since the last reset. */
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

/**
 * Servers for tests that each want their own (tests that mostly wait, for a timeout, a deadline or a
 * Retry-After, can then run concurrently, none seeing another's requests): `start(script)` starts one, and all
 * are closed after the file's tests. Call at a file's top level.
 */
export function scriptedServers(): (script: Script) => Promise<ScriptedServer> {
  const started: ScriptedServer[] = [];
  afterAll(() => Promise.all(started.map((server) => server.close())));
  return async (script) => {
    const server = await startScriptedServer(script);
    started.push(server);
    return server;
  };
}
