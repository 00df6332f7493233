// The transport a client uses unless it is given an axios instance: node:http in Node (found through
// process.getBuiltinModule, so browser bundles never see a `node:` import), axios elsewhere and when an
// HTTP proxy is configured (axios honours HTTP(S)_PROXY and NO_PROXY; the lean transport does not).
// Choosing is synchronous and loads nothing; axios is imported by its first request (load-axios.ts).
import { axiosTransport } from './axios-transport.js';
import { loadAxios } from './load-axios.js';
import { nodeHttpTransport } from './node-http-transport.js';
import type { Transport } from './transport.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

// One node:http transport per process, so clients share its keep-alive connections.
let sharedNodeTransport: Transport | undefined;

/** The SDK's own axios instance behind a transport, made on the first request. */
function lazyAxiosTransport(): Transport {
  let send: Transport | undefined;
  return async (request, limits) => {
    send ??= axiosTransport((await loadAxios()).create());
    return send(request, limits);
  };
}

export function defaultTransport(): Transport {
  const nodeProcess = globalThis.process;
  const proxied = PROXY_VARIABLES.some((name) => nodeProcess?.env?.[name]);
  if (typeof nodeProcess?.getBuiltinModule === 'function' && !proxied) {
    sharedNodeTransport ??= nodeHttpTransport(
      nodeProcess.getBuiltinModule('node:http'),
      nodeProcess.getBuiltinModule('node:https'),
    );
    return sharedNodeTransport;
  }
  return lazyAxiosTransport();
}
