// The transport a client uses unless it is given an axios instance: node:http in Node (found through
// process.getBuiltinModule, so browser bundles never see a `node:` import), axios elsewhere and when an
// HTTP proxy is configured (axios honours HTTP(S)_PROXY and NO_PROXY; the lean transport does not).
// Choosing is synchronous and loads nothing; axios is imported by its first request (load-axios.ts).
import { axiosTransport } from './axios-transport.js';
import { loadAxios } from './load-axios.js';
import { nodeHttpTransport } from './node-http-transport.js';
import { MAX_HEADER_BYTES, type Transport } from './transport.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

// One node:http transport per process, so clients share its keep-alive connections.
let sharedNodeTransport: Transport | undefined;

type NodeHttp = { http: typeof import('node:http'); https: typeof import('node:https') };

/**
 * What axios sends with in Node: node:http(s) with room for a large token in the answer's head (axios has no
 * option for it). axios hands over its request options ready (proxy agent and path included).
 */
const largeHeadTransport = ({ http, https }: NodeHttp) => ({
  request: (
    options: import('node:http').RequestOptions,
    callback: (res: import('node:http').IncomingMessage) => void,
  ) =>
    (options.protocol === 'https:' ? https : http).request({ ...options, maxHeaderSize: MAX_HEADER_BYTES }, callback),
});

/**
 * The SDK's own axios instance behind a transport, made on the first request. In Node (behind a proxy) it
 * sends through {@link largeHeadTransport}; axios then times only from the connection on, so a deadline of
 * our own also covers connecting.
 */
function lazyAxiosTransport(node?: NodeHttp): Transport {
  let send: Transport | undefined;
  return async (request, limits) => {
    send ??= axiosTransport((await loadAxios()).create(node ? { transport: largeHeadTransport(node) } : {}));
    if (!node) return send(request, limits);
    const deadline = AbortSignal.timeout(limits.timeoutMs);
    const signal = limits.signal ? AbortSignal.any([limits.signal, deadline]) : deadline;
    try {
      return await send(request, { ...limits, signal });
    } catch (failure) {
      if (deadline.aborted && !limits.signal?.aborted) throw { kind: 'timeout' };
      throw failure;
    }
  };
}

export function defaultTransport(): Transport {
  const nodeProcess = globalThis.process;
  const proxied = PROXY_VARIABLES.some((name) => nodeProcess?.env?.[name]);
  if (typeof nodeProcess?.getBuiltinModule !== 'function') return lazyAxiosTransport();
  const node = { http: nodeProcess.getBuiltinModule('node:http'), https: nodeProcess.getBuiltinModule('node:https') };
  if (proxied) return lazyAxiosTransport(node);
  sharedNodeTransport ??= nodeHttpTransport(node.http, node.https);
  return sharedNodeTransport;
}
