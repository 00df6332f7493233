// Sends a prepared request with axios: the transport in browsers (fetch/XHR adapters) and for a caller's
// own axios instance, which is used as is. The axios error never leaves this file: its `config` holds the
// request headers, credentials included. Types only from axios: the instance comes from the caller or from
// load-axios.ts, so that this module can be loaded without loading axios.
import type { AxiosInstance } from 'axios';
import { MAX_RESPONSE_BYTES, networkFailure, type Transport } from './transport.js';

function headersOf(raw: unknown): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  const source = (raw ?? {}) as { toJSON?: () => Record<string, unknown> } & Record<string, unknown>;
  const entries = typeof source.toJSON === 'function' ? source.toJSON() : source;
  for (const [name, value] of Object.entries(entries)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
  }
  return headers;
}

export function axiosTransport(instance: AxiosInstance): Transport {
  return async (request, { timeoutMs, signal }) => {
    try {
      const response = await instance.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal,
        timeout: timeoutMs,
        // Every status comes back as an answer; the SDK reads error bodies itself.
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        // A redirect could carry X-Auth-Token to another host; CBR never redirects.
        maxRedirects: 0,
        maxContentLength: MAX_RESPONSE_BYTES,
      });
      const body =
        typeof response.data === 'string' ? response.data : response.data == null ? '' : String(response.data);
      return { status: response.status, headers: headersOf(response.headers), body };
    } catch (error) {
      const { code, __CANCEL__: cancelled } = (error ?? {}) as { code?: string; __CANCEL__?: boolean };
      // `__CANCEL__` is what axios.isCancel reads (from any copy of axios, the caller's included).
      if (signal?.aborted || cancelled === true || code === 'ERR_CANCELED') throw { kind: 'aborted' };
      // axios reports its own timeout as ECONNABORTED (or ETIMEDOUT with clarifyTimeoutError).
      if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') throw { kind: 'timeout' };
      throw networkFailure(error);
    }
  };
}
