// Node's default transport: node:http(s) straight, with keep-alive agents. It does only what a CBR call
// needs (one JSON request, one small answer), which makes it several times faster than axios's Node adapter.
// No HTTP proxy support: with HTTP(S)_PROXY set, default-transport.ts picks axios instead.
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { MAX_RESPONSE_BYTES, networkFailure, type Transport, type TransportFailure } from './transport.js';

// Node's OutgoingMessage.end(string) sets Content-Length only for methods that chunk by default; a body
// sent with another method (GET, DELETE, ...) would go without one, and the server would not read it.
const NODE_SETS_CONTENT_LENGTH = new Set(['POST', 'PUT', 'PATCH']);

export function nodeHttpTransport(http: typeof Http, https: typeof Https): Transport {
  // Idle keep-alive sockets are unref'd by the agent, so they never keep a process alive.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };
  // A client sends to one endpoint: its origin is parsed once, not on every request.
  const origins = new Map<string, { protocol: string; hostname: string; port: string }>();
  const originOf = (origin: string) => {
    let parsed = origins.get(origin);
    if (!parsed) {
      const { protocol, hostname, port } = new URL(origin);
      // An IPv6 literal keeps its brackets in URL.hostname; http.request wants it without.
      parsed = { protocol, hostname: hostname.replace(/^\[(.*)\]$/, '$1'), port };
      if (origins.size < 64) origins.set(origin, parsed);
    }
    return parsed;
  };

  return (request, { timeoutMs, signal }) =>
    new Promise((resolve, reject) => {
      const pathStart = request.url.indexOf('/', request.url.indexOf('//') + 2);
      const origin = originOf(pathStart === -1 ? request.url : request.url.slice(0, pathStart));
      // The body stays a string: Node then writes the head and the body in one write, not two, and for
      // the methods it would otherwise chunk (POST, PUT, PATCH) computes its Content-Length in bytes itself.
      // The headers are only read (http.request copies them): no copy of ours on the common path.
      const body = request.body;
      const headers =
        body !== undefined && !NODE_SETS_CONTENT_LENGTH.has(request.method)
          ? { ...request.headers, 'Content-Length': String(Buffer.byteLength(body, 'utf8')) }
          : request.headers;
      const isHttps = origin.protocol === 'https:';
      const options = {
        method: request.method,
        protocol: origin.protocol,
        hostname: origin.hostname,
        port: origin.port,
        path: pathStart === -1 ? '/' : request.url.slice(pathStart),
        headers,
        agent: isHttps ? agents['https:'] : agents['http:'],
      };

      // The timeout and the caller's signal end the request by destroying it; `stopped` says which did.
      // Both are armed only once the request exists: http.request throws at once on a header it refuses.
      let req: Http.ClientRequest;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped: TransportFailure | undefined;
      const stop = (why: TransportFailure) => {
        stopped = why;
        req.destroy();
      };
      const onAbort = () => stop({ kind: 'aborted' });
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown) => {
        settle();
        reject(stopped ?? networkFailure(error));
      };

      try {
        req = (isHttps ? https : http).request(options, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.length > MAX_RESPONSE_BYTES) {
              stop({
                kind: 'network',
                code: 'ERR_RESPONSE_TOO_LARGE',
                message: 'the answer is larger than 16 MiB',
                requestSent: true,
              });
            }
          });
          res.on('end', () => {
            settle();
            // Node gives header names in lower case; the SDK reads only single-valued ones (no set-cookie).
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers as Record<string, string | undefined>,
              body: text,
            });
          });
          res.on('error', fail);
          res.on('aborted', () => fail(new Error('the answer was cut off')));
        });
      } catch (error) {
        // Nothing was armed and nothing sent: the request was refused before it existed.
        reject(networkFailure(error));
        return;
      }
      req.on('error', fail);
      if (signal?.aborted) {
        stop({ kind: 'aborted' });
        return;
      }
      timer = setTimeout(() => stop({ kind: 'timeout' }), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (body === undefined) req.end();
      else req.end(body, 'utf8');
    });
}
