// The seam between the SDK and the wire: a prepared request goes in, the raw answer (or a plain account of
// why there is none) comes out. Two implementations: node-http-transport.ts (Node's default) and
// axios-transport.ts (browsers, and a caller's own axios instance).
import type { RawResponse } from '../errors/from-response.js';

/** A request ready to go on the wire: authenticated, body serialised. */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /**
   * Secrets the request carries outside the credential headers (the password in IAM's token request): cut out
   * of anything that comes back before it can reach an error.
   */
  secrets?: readonly string[];
}

/** How long an attempt may take, and the caller's signal to stop it. */
export interface AttemptLimits {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** Why there is no answer. Plain data: never the underlying error, whose fields may hold the headers. */
export type TransportFailure =
  | { kind: 'aborted' }
  | { kind: 'timeout' }
  | { kind: 'network'; code: string | undefined; message: string; requestSent: boolean }
  /** The HTTP library refused to make the request (a header value or path it cannot send): nothing was sent. */
  | { kind: 'unsendable'; code: string | undefined; message: string };

export type Transport = (request: PreparedRequest, limits: AttemptLimits) => Promise<RawResponse>;

/** The largest answer accepted; a restore point is a few KiB. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Error codes that prove the request never reached the service (nothing to duplicate on a retry). */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Node's codes for a request it refuses to make (thrown before anything is sent). */
const UNSENDABLE_CODES = new Set([
  'ERR_INVALID_CHAR',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_UNESCAPED_CHARACTERS',
]);

export function isTransportFailure(value: unknown): value is TransportFailure {
  return typeof value === 'object' && value !== null && 'kind' in value && !(value instanceof Error);
}

/** A network failure from a system error (`code`, `message`), keeping nothing else of it. */
export function networkFailure(error: unknown): TransportFailure {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const codeText = typeof code === 'string' ? code : undefined;
  if (codeText !== undefined && UNSENDABLE_CODES.has(codeText)) {
    // Node's message names the header ("Invalid character in header content [\"X-Auth-Token\"]"), not its value.
    return { kind: 'unsendable', code: codeText, message: typeof message === 'string' ? message : codeText };
  }
  return {
    kind: 'network',
    code: codeText,
    // A system error's message names the address and the code, nothing from the request's headers.
    message: typeof message === 'string' && message !== '' ? message : 'the connection failed',
    requestSent: codeText === undefined || !NEVER_SENT_CODES.has(codeText),
  };
}
