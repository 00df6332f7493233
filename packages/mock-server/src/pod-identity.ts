// CCE pod identity on the mock's port: POST /v1/credentials with the pod's authorization token (the contents of
// HC_CONTAINER_AUTHORIZATION_TOKEN_FILE, no `Bearer`) answers a temporary key in the shape of
// openapi/credential-sources.yaml.
import type { IncomingHttpHeaders } from 'node:http';
import { checkCredentialSourceSchema } from '@cbr-sdk/checkpoint-api/credential-sources';
import { json, strictUtf8 } from './body.js';
import { conformingAnswer } from './conforming.js';
import { ERROR_CODES, HttpError } from './errors.js';
import type { Answer } from './faults.js';
import { iamTime } from './iam.js';
import type { TemporaryKeys } from './temporary-keys.js';

/** Pod identity, {@link startMockServer}'s `podIdentity` option. */
export interface PodIdentityOptions {
  /** The authorization token a pod must send as `Authorization` (exactly, no `Bearer`). */
  authorizationToken: string;
  /** Lifetime of the temporary keys it hands out, in milliseconds; default 1 hour. */
  credentialTtlMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** Pod identity's error body (the spec's MetadataError). */
const podError = (status: number, message: string): Answer => json(status, { message });

/** The mock's pod identity agent: the token a pod must send, and the temporary keys it answers with. */
export class MockPodIdentity {
  /**
   * The authorization token a pod must send (change it to rotate: the old one is refused at once); undefined
   * when the `podIdentity` option was not given, and then the route is 404 like any unknown path.
   */
  authorizationToken: string | undefined;
  /** Lifetime of the temporary keys it hands out, in milliseconds. */
  credentialTtlMs: number;
  readonly #keys: TemporaryKeys;

  constructor(options: PodIdentityOptions | undefined, keys: TemporaryKeys) {
    if (
      options !== undefined &&
      (typeof options.authorizationToken !== 'string' || options.authorizationToken === '')
    ) {
      throw new TypeError('podIdentity.authorizationToken must be a non-empty string');
    }
    this.authorizationToken = options?.authorizationToken;
    this.credentialTtlMs = options?.credentialTtlMs ?? HOUR_MS;
    this.#keys = keys;
  }

  /** POST /v1/credentials: the pod's temporary key. */
  createCredentials(headers: IncomingHttpHeaders, body: Buffer): Answer {
    if (this.authorizationToken === undefined) {
      throw new HttpError(404, ERROR_CODES.noSuchApi, 'The API does not exist');
    }
    const given = headers.authorization;
    if (given === undefined || given === '') return podError(401, 'Unauthorized: the Authorization header is missing');
    if (given !== this.authorizationToken) {
      return podError(401, "Unauthorized: the Authorization header is not the pod's authorization token");
    }
    let request: unknown;
    try {
      request = JSON.parse(strictUtf8.decode(body));
    } catch {
      return podError(400, 'The request body must be a JSON object ({})');
    }
    const bodyIssues = checkCredentialSourceSchema('PodIdentityCredentialsRequestBody', request);
    if (bodyIssues.length > 0 || request === null || Array.isArray(request)) {
      return podError(400, 'The request body must be a JSON object ({})');
    }
    const key = this.#keys.issue(this.credentialTtlMs, 'pod-identity');
    const answer = {
      credentials: {
        accessKeyId: key.accessKey,
        secretAccessKey: key.secretKey,
        securityToken: key.securityToken,
        expiration: iamTime(key.expiresAt),
      },
    };
    return conformingAnswer(checkCredentialSourceSchema('PodIdentityCredentialsResponseBody', answer), answer);
  }
}
