// Node's default transport: node:http(s) straight, with keep-alive agents. It does only what a CBR call
// needs (one JSON request, one small answer), which makes it several times faster than axios's Node adapter.
// No HTTP proxy support: with HTTP(S)_PROXY set, default-transport.ts picks axios instead.
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { MAX_RESPONSE_BYTES, networkFailure, type Transport } from './transport.js';

export function nodeHttpTransport(http: typeof Http, https: typeof Https): Transport {
  // Idle keep-alive sockets are unref'd by the agent, so they never keep a process alive.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };
  return (request, signal) =>
    new Promise((resolve, reject) => {
      const url = new URL(request.url);
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const headers: Record<string, string> = { ...request.headers };
      if (body !== undefined) headers['Content-Length'] = String(body.length);
      const isHttps = url.protocol === 'https:';
      const options = { method: request.method, headers, signal, agent: isHttps ? agents['https:'] : agents['http:'] };

      const req = (isHttps ? https : http).request(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            reject({
              kind: 'network',
              code: 'ERR_RESPONSE_TOO_LARGE',
              message: 'the answer is larger than 16 MiB',
              requestSent: true,
            });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const responseHeaders: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: responseHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', (error) => reject(signal.aborted ? { kind: 'aborted' } : networkFailure(error)));
      });
      req.on('error', (error) => reject(signal.aborted ? { kind: 'aborted' } : networkFailure(error)));
      req.end(body);
    });
}
