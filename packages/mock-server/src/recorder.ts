// What the mock keeps of each request, for tests to look at. Credentials are redacted before anything is
// kept, so a recorded request can be printed or compared without leaking a token or a signature.
import type { IncomingHttpHeaders } from 'node:http';
import type { Fault } from './faults.js';
import type { MockOperationId } from './routes.js';

/** What replaces a credential in recorded headers. */
export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set(['x-auth-token', 'authorization', 'x-security-token', 'x-metadata-token']);

/** One request the mock received. */
export interface RecordedRequest {
  /** The id the mock answered in `X-Request-Id`. */
  requestId: string;
  method: string;
  /** The request target exactly as it arrived (path and query, not normalised). */
  path: string;
  /** The operation of the spec it was routed to, if any. */
  operation: MockOperationId | undefined;
  /**
   * The headers (lower-case names), with `x-auth-token`, `authorization` (an AK/SK signature, a bearer ID token,
   * pod identity's authorization token), `x-security-token` and `x-metadata-token` values replaced by `[REDACTED]`.
   */
  headers: IncomingHttpHeaders;
  /** The headers as received (name, value, name, value, …; names in their case), redacted likewise. */
  rawHeaders: string[];
  /** Whether a non-empty `X-Auth-Token` was sent. */
  hasToken: boolean;
  /** Whether a non-empty `Authorization` was sent. */
  hasAuthorization: boolean;
  /** The body bytes (empty when the body was refused for its size). */
  body: Buffer;
  /** The fault applied to it, if any. */
  fault: Fault | undefined;
  /** The status answered; undefined while in progress or when the connection was reset. */
  status: number | undefined;
  /** When it arrived (the server's clock). */
  receivedAt: Date;
}

const present = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.some((v) => v.trim() !== '') : value !== undefined && value.trim() !== '';

/** The record of a request, credentials redacted. */
export function recordRequest(fields: {
  requestId: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  receivedAt: Date;
}): RecordedRequest {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(fields.headers)) {
    headers[name] = SECRET_HEADERS.has(name) && value !== undefined ? REDACTED : value;
  }
  const rawHeaders = fields.rawHeaders.map((value, index) =>
    index % 2 === 1 && SECRET_HEADERS.has((fields.rawHeaders[index - 1] ?? '').toLowerCase()) ? REDACTED : value,
  );
  return {
    requestId: fields.requestId,
    method: fields.method,
    path: fields.path,
    operation: undefined,
    headers,
    rawHeaders,
    hasToken: present(fields.headers['x-auth-token']),
    hasAuthorization: present(fields.headers.authorization),
    body: fields.body,
    fault: undefined,
    status: undefined,
    receivedAt: fields.receivedAt,
  };
}

/** Where each operation's body carries a secret: the path to it. */
const SECRET_BODY_FIELDS: Partial<Record<MockOperationId, readonly string[]>> = {
  keystoneCreateUserTokenByPassword: ['auth', 'identity', 'password', 'user', 'password'],
  createTokenWithIdToken: ['auth', 'id_token', 'id'],
  createTemporaryAccessKeyByToken: ['auth', 'identity', 'token', 'id'],
};

/**
 * The body of a request with its secret replaced by `[REDACTED]` (the password of a token request, the ID token
 * of an ID-token exchange, the IAM token of a temporary-key request), so that a recorded request never holds
 * it. Anything else is kept as it came.
 */
export function withoutSecrets(operation: MockOperationId | undefined, body: Buffer): Buffer {
  const path = operation === undefined ? undefined : SECRET_BODY_FIELDS[operation];
  if (!path) return body;
  try {
    const value = JSON.parse(body.toString('utf8'));
    let parent = value;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    const last = path.at(-1) as string;
    if (parent && typeof parent === 'object' && last in parent) {
      parent[last] = REDACTED;
      return Buffer.from(JSON.stringify(value));
    }
  } catch {
    // Not JSON (the mock answers 400), but it may still hold the secret in part: keep none of it.
    return Buffer.from(REDACTED);
  }
  return body;
}
