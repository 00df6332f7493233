// The metadata service of an ECS server with (or without) an agency, on the mock's port: the session-token
// step (PUT /meta-data/latest/api/token) and the temporary key (GET /openstack/latest/securitykey), in the
// shapes of openapi/credential-sources.yaml. Session tokens are sealed like IAM's tokens: no table is kept.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { formatSchemaIssue } from '@cbr-sdk/checkpoint-api';
import {
  checkCredentialSourceParameter,
  checkCredentialSourceSchema,
  METADATA_NO_AGENCY_MESSAGE,
  METADATA_TOKEN_HEADER,
  METADATA_TOKEN_TTL_HEADER,
} from '@cbr-sdk/checkpoint-api/credential-sources';
import { json } from './body.js';
import { conformingAnswer } from './conforming.js';
import { ERROR_CODES, HttpError } from './errors.js';
import type { Answer } from './faults.js';
import { iamTime } from './iam.js';
import type { TemporaryKeys } from './temporary-keys.js';

/** Whether the metadata service has the session-token step, and whether the key route insists on it. */
export type MetadataSessionTokenMode = 'required' | 'optional' | 'unsupported';

/** The metadata service of {@link startMockServer}'s `metadata` option. */
export interface MetadataOptions {
  /** Whether the server has an agency; default true. Without one the key route answers the no-agency 401. */
  agency?: boolean;
  /**
   * The session-token step: `'required'` (default; the key route refuses a request without a valid session
   * token), `'optional'` (the PUT works, the key route takes a request with or without one) or `'unsupported'`
   * (the PUT is 404 and `X-Metadata-Token` is ignored, as on older servers).
   */
  sessionToken?: MetadataSessionTokenMode;
  /** Lifetime of the temporary keys it hands out, in milliseconds; default 1 hour. */
  credentialTtlMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const TOKEN_HEADER = METADATA_TOKEN_HEADER.toLowerCase();
const TTL_HEADER = METADATA_TOKEN_TTL_HEADER.toLowerCase();

/** The metadata service's error body (the spec's MetadataError). */
const metadataError = (status: number, message: string): Answer => json(status, { message });

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/** The mock's ECS metadata service: the instance's agency and the temporary keys it answers with. */
export class MockMetadata {
  /** Whether the routes are served at all (the `metadata` option was given); else they are 404 like any unknown path. */
  enabled: boolean;
  /** Whether the server has an agency (can be changed while the mock runs). */
  agency: boolean;
  /** The session-token step (can be changed while the mock runs). */
  sessionToken: MetadataSessionTokenMode;
  /** Lifetime of the temporary keys it hands out, in milliseconds (can be changed while the mock runs). */
  credentialTtlMs: number;
  readonly #key = randomBytes(32);
  readonly #now: () => Date;
  readonly #keys: TemporaryKeys;
  #generation = 0;

  constructor(options: MetadataOptions | undefined, now: () => Date, keys: TemporaryKeys) {
    this.enabled = options !== undefined;
    this.agency = options?.agency ?? true;
    this.sessionToken = options?.sessionToken ?? 'required';
    this.credentialTtlMs = options?.credentialTtlMs ?? HOUR_MS;
    this.#now = now;
    this.#keys = keys;
  }

  /** Every session token issued so far is refused from now on (a client must obtain a new one, on a 401). */
  revokeSessionTokens(): void {
    this.#generation += 1;
  }

  /** PUT /meta-data/latest/api/token: a session token for the seconds asked. */
  createSessionToken(headers: IncomingHttpHeaders): Answer {
    this.#assertEnabled();
    if (this.sessionToken === 'unsupported') return metadataError(404, 'Not Found');
    if (headers['x-forwarded-for'] !== undefined) {
      return metadataError(400, 'Requests with X-Forwarded-For are refused');
    }
    const raw = single(headers[TTL_HEADER]);
    const seconds = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    const issues =
      raw === undefined
        ? [`${METADATA_TOKEN_TTL_HEADER} is required`]
        : checkCredentialSourceParameter('MetadataTokenTtlSeconds', seconds).map((issue) =>
            formatSchemaIssue(issue, METADATA_TOKEN_TTL_HEADER),
          );
    if (issues.length > 0) return metadataError(400, issues.join('; '));
    const expiresAt = this.#now().getTime() + Number(seconds) * 1000;
    const payload = Buffer.from(JSON.stringify({ expiresAt, generation: this.#generation })).toString('base64url');
    return {
      status: 200,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: Buffer.from(`${payload}.${this.#mac(payload)}`),
    };
  }

  /** GET /openstack/latest/securitykey: the agency's temporary key. */
  showSecurityKey(headers: IncomingHttpHeaders): Answer {
    this.#assertEnabled();
    const token = single(headers[TOKEN_HEADER]);
    if (this.sessionToken !== 'unsupported') {
      if (token !== undefined && !this.#valid(token)) {
        return metadataError(401, 'Unauthorized: the session token is expired or not valid');
      }
      if (token === undefined && this.sessionToken === 'required') {
        return metadataError(401, `Unauthorized: ${METADATA_TOKEN_HEADER} is required`);
      }
    }
    if (!this.agency) return metadataError(401, METADATA_NO_AGENCY_MESSAGE);
    const key = this.#keys.issue(this.credentialTtlMs, 'metadata');
    const answer = {
      credential: {
        access: key.accessKey,
        secret: key.secretKey,
        securitytoken: key.securityToken,
        expires_at: iamTime(key.expiresAt),
      },
    };
    return conformingAnswer(checkCredentialSourceSchema('SecurityKeyResponseBody', answer), answer);
  }

  #assertEnabled(): void {
    if (!this.enabled) throw new HttpError(404, ERROR_CODES.noSuchApi, 'The API does not exist');
  }

  #valid(token: string): boolean {
    const [payload = '', mac = ''] = token.trim().split('.');
    const expected = Buffer.from(this.#mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return claims.generation === this.#generation && this.#now().getTime() < claims.expiresAt;
    } catch {
      return false;
    }
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}
