// Cross-origin access for browser clients (the `cors` option): which origins may call the mock, the answer to
// their preflights, and the headers every answer to them carries. Independent of the routes: the server applies
// it to every request and every answer in one place.
import type { IncomingHttpHeaders } from 'node:http';
import { OPERATIONS } from '@cbr-sdk/checkpoint-api';
import { IAM_OPERATIONS } from '@cbr-sdk/checkpoint-api/iam';
import { json } from './body.js';
import { ERROR_CODES, HttpError } from './errors.js';
import type { Answer } from './faults.js';

/** `true`: any origin; a list: those origins only (`'http://localhost:5173'`); `false` (default): no CORS. */
export type CorsOption = boolean | readonly string[];

/** The request headers the SDK sends: the token, the JSON body's type, and the AK/SK signature's headers. */
export const CORS_ALLOWED_HEADERS = [
  'Content-Type',
  'X-Auth-Token',
  'X-Sdk-Date',
  'X-Project-Id',
  'X-Security-Token',
  'Authorization',
] as const;

/** Answer headers a page may read besides the safelisted ones: the request id, IAM's token, the throttle's wait. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'X-Subject-Token', 'Retry-After'] as const;

/** The methods of the specs' operations, CBR's and IAM's (and OPTIONS, for the preflight itself). */
export const CORS_ALLOWED_METHODS: readonly string[] = [
  ...new Set([...Object.values({ ...OPERATIONS, ...IAM_OPERATIONS }).map((operation) => operation.method), 'OPTIONS']),
];

/** How long a browser may cache a preflight's answer, in seconds. */
const MAX_AGE_SECONDS = 600;

const allowedHeaderNames: ReadonlySet<string> = new Set(CORS_ALLOWED_HEADERS.map((name) => name.toLowerCase()));

export interface CorsPolicy {
  /** The answer to a preflight (an allowed origin: 204; otherwise 403 naming why), or undefined for any other request. */
  preflight(method: string, headers: IncomingHttpHeaders, requestId: string): Answer | undefined;
  /** The CORS headers of an answer to a request from `origin` (none for a refused or missing origin). */
  headers(origin: string | string[] | undefined): Record<string, string>;
}

/** An origin as browsers send it (`scheme://host[:port]`), or undefined when `value` is not one. */
export function parseOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.origin === 'null' || value.replace(/\/$/, '').toLowerCase() !== url.origin.toLowerCase()) return undefined;
  return url.origin;
}

/** The policy for the `cors` option, or undefined when CORS is off. Throws a TypeError naming a bad entry. */
export function corsPolicy(option: CorsOption | undefined): CorsPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  let allows: (origin: string) => boolean;
  if (option === true) {
    allows = () => true;
  } else if (Array.isArray(option)) {
    const origins = new Set<string>();
    option.forEach((entry: unknown, index) => {
      const origin = parseOrigin(entry);
      if (origin === undefined) {
        throw new TypeError(
          `cors[${index}] must be an origin such as 'http://localhost:5173' (scheme, host and port only), got ${JSON.stringify(entry)}`,
        );
      }
      origins.add(origin);
    });
    allows = (origin) => origins.has(origin);
  } else {
    throw new TypeError(`cors must be true, false or a list of origins, got ${JSON.stringify(option)}`);
  }
  // Answers differ by Origin unless every origin gets the same `*`.
  const vary: Record<string, string> = option === true ? {} : { vary: 'Origin' };
  const allowOrigin = (origin: string) => (option === true ? '*' : origin);
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

  const refuse = (reason: string, requestId: string) =>
    json(403, new HttpError(403, ERROR_CODES.corsRefused, `CORS preflight refused: ${reason}`).body(requestId), vary);

  return {
    preflight(method, headers, requestId) {
      const origin = single(headers.origin);
      const requestedMethod = single(headers['access-control-request-method']);
      if (method !== 'OPTIONS' || origin === undefined || requestedMethod === undefined) return undefined;
      if (!allows(origin)) return refuse(`origin ${origin} is not in the mock server's cors list`, requestId);
      if (!CORS_ALLOWED_METHODS.includes(requestedMethod))
        return refuse(`method ${requestedMethod} is not allowed`, requestId);
      const requestedHeaders = (single(headers['access-control-request-headers']) ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      const unknown = requestedHeaders.filter((name) => !allowedHeaderNames.has(name.toLowerCase()));
      if (unknown.length > 0) return refuse(`header ${unknown.join(', ')} is not allowed`, requestId);
      return {
        status: 204,
        headers: {
          ...vary,
          'access-control-allow-origin': allowOrigin(origin),
          'access-control-allow-methods': CORS_ALLOWED_METHODS.join(', '),
          'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
          'access-control-max-age': String(MAX_AGE_SECONDS),
        },
        body: Buffer.alloc(0),
      };
    },
    headers(rawOrigin) {
      const origin = single(rawOrigin);
      if (origin === undefined || !allows(origin)) return vary;
      return {
        ...vary,
        'access-control-allow-origin': allowOrigin(origin),
        'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
      };
    },
  };
}
