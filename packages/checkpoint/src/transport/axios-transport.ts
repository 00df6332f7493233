// Sends one prepared request with axios and hands back the raw answer (status, headers, body text), or a
// plain description of why there is none. The axios error itself never leaves this file: its `config`
// holds the request headers, credentials included.
import axios, { type AxiosInstance } from 'axios';
import type { RawResponse } from '../errors/from-response.js';

/** A request ready to go on the wire: authenticated, body serialised. */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export type TransportFailure =
  | { kind: 'aborted' }
  | { kind: 'network'; code: string | undefined; message: string; requestSent: boolean };

/** Error codes that prove the request never reached the service (nothing to duplicate on a retry). */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The largest answer accepted; a restore point is a few KiB. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export function isTransportFailure(value: unknown): value is TransportFailure {
  return typeof value === 'object' && value !== null && 'kind' in value && !(value instanceof Error);
}

function describeFailure(error: unknown): TransportFailure {
  if (axios.isCancel(error) || (error as { code?: string })?.code === 'ERR_CANCELED') return { kind: 'aborted' };
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const codeText = typeof code === 'string' ? code : undefined;
  return {
    kind: 'network',
    code: codeText,
    // A system error's message names the address and the code, nothing from the request's headers.
    message: typeof message === 'string' && message !== '' ? message : 'the connection failed',
    requestSent: codeText === undefined || !NEVER_SENT_CODES.has(codeText),
  };
}

function headersOf(raw: unknown): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  const source = (raw ?? {}) as { toJSON?: () => Record<string, unknown> } & Record<string, unknown>;
  const entries = typeof source.toJSON === 'function' ? source.toJSON() : source;
  for (const [name, value] of Object.entries(entries)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
  }
  return headers;
}

export type Transport = (request: PreparedRequest, signal: AbortSignal) => Promise<RawResponse>;

export function axiosTransport(instance: AxiosInstance): Transport {
  return async (request, signal) => {
    try {
      const response = await instance.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal,
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
      throw describeFailure(error);
    }
  };
}
