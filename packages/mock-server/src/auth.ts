// Authentication as the API gateway does it: an IAM token in X-Auth-Token, or an AK/SK signature
// (SDK-HMAC-SHA256) in Authorization. Failures say what is wrong in words, never with the secret itself.
import type { IncomingHttpHeaders } from 'node:http';
import { AUTH_TOKEN_HEADER, parseAuthorization, verifyRequestSignature } from '@cbr-sdk/checkpoint-api';
import { ERROR_CODES, HttpError } from './errors.js';
import type { TemporaryKeys } from './temporary-keys.js';

/** Who may call the mock. */
export interface AuthOptions {
  /**
   * The accepted tokens, beside those the mock's IAM issued (which are accepted for their project until they
   * expire). Default: any non-empty token.
   */
  tokens?: readonly string[] | undefined;
  /** Access key → secret key, for AK/SK-signed requests. Default: none (every signature is refused). */
  accessKeys?: Readonly<Record<string, string>> | undefined;
  /** Allowed distance of X-Sdk-Date from the clock, in milliseconds. Default: 15 minutes, as the gateway. */
  maxSkewMs?: number | undefined;
}

/** What the gateway learnt about the caller. */
export type Caller = { kind: 'token' } | { kind: 'signature'; accessKey: string; temporary: boolean };

const TOKEN_HEADER = AUTH_TOKEN_HEADER.toLowerCase();

const REASONS: Record<string, string> = {
  malformed: 'the Authorization header is not a valid SDK-HMAC-SHA256 signature',
  'unknown-key': 'the access key is unknown',
  'stale-date': 'X-Sdk-Date is missing or too far from the server time',
  mismatch: 'the signature does not match the request',
  missing: 'no token or signature',
};

/** The header names as people write them, for the reasons of a refusal. */
const DISPLAY_NAMES: Record<string, string> = {
  'x-sdk-date': 'X-Sdk-Date',
  'x-project-id': 'X-Project-Id',
  'x-domain-id': 'X-Domain-Id',
  'x-security-token': 'X-Security-Token',
};

const refuse = (why: string) =>
  new HttpError(401, ERROR_CODES.unauthorized, `Incorrect IAM authentication information: ${why}`);

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * Checks the caller of one request; throws an {@link HttpError} 401 (APIGW.0301) when it is refused.
 * `url` is the absolute URL of the request, `body` its exact bytes (both are signed).
 */
export async function authenticate(
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: Uint8Array },
  /** The project of the request's path; undefined for IAM's routes, which have none. */
  projectId: string | undefined,
  options: AuthOptions,
  now: Date,
  /** The mock's IAM, which checks the tokens it issued (expiry, project, revocation). */
  iam?: { acceptsToken(token: string, projectId: string | undefined): boolean },
  /** The temporary keys the mock issued (their secret keys, and their security tokens' check). */
  temporaryKeys?: TemporaryKeys,
): Promise<Caller> {
  const authorization = single(request.headers.authorization)?.trim();
  if (authorization?.startsWith('SDK-HMAC-SHA256')) {
    const check = await verifyRequestSignature(
      { ...request, headers: request.headers as Record<string, string | string[] | undefined> },
      (accessKey) =>
        options.accessKeys && Object.hasOwn(options.accessKeys, accessKey)
          ? options.accessKeys[accessKey]
          : temporaryKeys?.secretFor(accessKey),
      { now, maxSkewMs: options.maxSkewMs ?? 15 * 60 * 1000 },
    );
    if (!check.valid) {
      if (check.reason === 'unsigned-header') {
        const name = DISPLAY_NAMES[check.header] ?? check.header;
        // The date is always sent with a signature; the others only matter when they are.
        throw refuse(
          check.header === 'x-sdk-date'
            ? 'X-Sdk-Date is not signed (SignedHeaders must list x-sdk-date)'
            : `${name} is sent but not signed (SignedHeaders must list ${check.header})`,
        );
      }
      throw refuse(REASONS[check.reason] ?? 'the signature is not valid');
    }
    // A temporary key is honoured only with its security token, signed, until it expires or is revoked.
    const temporary =
      !(options.accessKeys && Object.hasOwn(options.accessKeys, check.accessKey)) &&
      temporaryKeys?.secretFor(check.accessKey) !== undefined;
    if (temporary) {
      const signedHeaders = parseAuthorization(authorization)?.signedHeaders ?? [];
      const why = temporaryKeys?.check(check.accessKey, single(request.headers['x-security-token']), signedHeaders);
      if (why) throw refuse(why);
    }
    // A signature is scoped to a project: X-Project-Id, when sent, must name the project of the path.
    const headerProject = single(request.headers['x-project-id']);
    if (projectId !== undefined && headerProject !== undefined && headerProject !== projectId) {
      throw refuse('X-Project-Id does not match the project in the request path');
    }
    return { kind: 'signature', accessKey: check.accessKey, temporary };
  }

  const token = single(request.headers[TOKEN_HEADER])?.trim();
  if (!token) throw refuse(authorization ? 'unsupported Authorization scheme' : 'the token is missing');
  if (iam?.acceptsToken(token, projectId)) return { kind: 'token' };
  if (options.tokens && !options.tokens.includes(token)) throw refuse('the token is not valid');
  return { kind: 'token' };
}
