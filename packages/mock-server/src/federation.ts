// OIDC federation at the mock's IAM: identity providers whose ID tokens (RS256 JWTs, minted by the mock with a
// key pair made on first use) are exchanged for IAM tokens, by IAM's route (POST /v3.0/OS-AUTH/id-token/tokens,
// X-Idp-Id) or Keystone's (POST /v3/OS-FEDERATION/identity_providers/{idp}/protocols/oidc/auth, Bearer); then an
// IAM token for a temporary key (POST /v3.0/OS-CREDENTIAL/securitytokens). Shapes: openapi/iam.yaml.
import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  type CreateTemporaryAccessKeyByTokenRequestBody,
  type CreateTokenWithIdTokenRequestBody,
  checkIamParameter,
  type FederationTokenResponseBody,
  SUBJECT_TOKEN_HEADER,
} from '@cbr-sdk/checkpoint-api/iam';
import { json } from './body.js';
import { ERROR_CODES } from './errors.js';
import type { Answer } from './faults.js';
import {
  assertAnswerConforms,
  iamError,
  iamTime,
  keystoneError,
  type MockIam,
  type MockProject,
  parseJsonBody,
  stableId,
  type TokenRefusal,
} from './iam.js';
import type { TemporaryKeys } from './temporary-keys.js';

/** Options of {@link MockFederation.mintIdToken}. */
export interface MintIdTokenOptions {
  /** The token's `sub` (who the workload is); default `system:serviceaccount:default:cbr-backup`. */
  subject?: string;
  /** How long the token is valid, in milliseconds from the mock's clock; default 1 hour (negative: already expired). */
  expiresInMs?: number;
}

/** What an accepted ID token says. */
interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
}

const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_SUBJECT = 'system:serviceaccount:default:cbr-backup';
/** IAM's default and bounds of duration_seconds (the spec's IdentityToken). */
const DEFAULT_DURATION_SECONDS = 900;
const KEY_ID = 'cbr-mock-server';

/** The issuer of an identity provider's ID tokens (never contacted: the mock checks them with its own key). */
export const idTokenIssuer = (idpId: string) => `https://oidc.cbr-mock-server.invalid/${encodeURIComponent(idpId)}`;

const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

let sharedSigningKey: SigningKey | undefined;

/**
 * The RS256 key of every mock in this process, made when the first ID token is minted: an RSA key pair takes
 * 0.2 to 1 CPU-second to make (most mocks never need one), and a test run starts many mocks. An ID token's
 * issuer is a function of its identity provider's id alone, so the mocks of a process are one issuer per
 * identity provider: each accepts a token any of them minted for an identity provider it trusts, as IAM
 * accounts that trust the same issuer do. Until one is minted there is no key, and no token is accepted.
 */
function processSigningKey(): SigningKey {
  if (!sharedSigningKey) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sharedSigningKey = { privateKey, publicKey: createPublicKey(privateKey) };
  }
  return sharedSigningKey;
}

/** The mock IAM's OpenID Connect federation: the identity providers it trusts, and the ID tokens it accepts. */
export class MockFederation {
  /** The identity providers whose ID tokens IAM accepts (editable while the mock runs). */
  readonly identityProviders: string[];
  /** Lifetime of IAM's temporary keys in ms; undefined: the `duration_seconds` asked (default 900 s). */
  temporaryKeyTtlMs: number | undefined;
  readonly #iam: MockIam;
  readonly #keys: TemporaryKeys;
  readonly #now: () => Date;

  constructor(
    options: { identityProviders?: readonly string[]; temporaryKeyTtlMs?: number },
    iam: MockIam,
    keys: TemporaryKeys,
    now: () => Date,
  ) {
    this.identityProviders = [...(options.identityProviders ?? [])];
    this.temporaryKeyTtlMs = options.temporaryKeyTtlMs;
    this.#iam = iam;
    this.#keys = keys;
    this.#now = now;
  }

  /** An RS256 ID token of the identity provider `idpId` (one of `identityProviders`), which the mock's IAM accepts. */
  mintIdToken(idpId: string, options: MintIdTokenOptions = {}): string {
    if (!this.identityProviders.includes(idpId)) {
      throw new TypeError(
        `mintIdToken: ${JSON.stringify(idpId)} is not an identity provider of the mock (identityProviders: ${JSON.stringify(this.identityProviders)})`,
      );
    }
    // The key first (made on first use, which takes a while on a busy machine): the token's times are read after.
    const { privateKey } = processSigningKey();
    const now = this.#now().getTime();
    const claims: IdTokenClaims & { jti: string } = {
      iss: idTokenIssuer(idpId),
      sub: options.subject ?? DEFAULT_SUBJECT,
      aud: idpId,
      iat: Math.floor(now / 1000),
      exp: Math.floor((now + (options.expiresInMs ?? HOUR_MS)) / 1000),
      jti: randomUUID(),
    };
    const signingInput = `${base64urlJson({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${base64urlJson(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  /** POST /v3.0/OS-AUTH/id-token/tokens: an ID token (body) of the identity provider in X-Idp-Id. */
  createTokenWithIdToken(headers: IncomingHttpHeaders, body: Buffer): Answer {
    const idpId = single(headers['x-idp-id']);
    if (idpId === undefined || checkIamParameter('XIdpId', idpId).length > 0) {
      return iamError(400, ERROR_CODES.iamInvalidParameter, 'Request parameter invalid: X-Idp-Id is required');
    }
    const request = parseJsonBody<CreateTokenWithIdTokenRequestBody>(body, 'CreateTokenWithIdTokenRequestBody');
    if (typeof request === 'string') {
      return iamError(400, ERROR_CODES.iamInvalidBody, `Request body is invalid: ${request}`);
    }
    if (!this.identityProviders.includes(idpId)) {
      return iamError(404, ERROR_CODES.iamNotFound, 'The identity provider does not exist.');
    }
    const claims = this.#verify(request.auth.id_token.id, idpId);
    if ('code' in claims) return iamError(401, claims.code, claims.message);
    let project: MockProject | undefined;
    if (request.auth.scope?.project) {
      project = this.#iam.findProject(request.auth.scope.project);
      if (!project) return iamError(400, ERROR_CODES.iamProjectNotFound, 'The project information cannot be found.');
    }
    return this.#tokenAnswer(idpId, 'oidc', claims, project);
  }

  /** POST /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}/auth: an ID token as a bearer token. */
  keystoneCreateUnscopedTokenWithIdToken(headers: IncomingHttpHeaders, idpId: string, protocolId: string): Answer {
    if (!this.identityProviders.includes(idpId)) {
      return keystoneError(404, 'Not Found', 'Could not find Identity Provider.');
    }
    if (protocolId !== 'oidc') return keystoneError(404, 'Not Found', 'Could not find federation protocol.');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(single(headers.authorization) ?? '')?.[1];
    if (bearer === undefined) {
      return keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');
    }
    const claims = this.#verify(bearer, idpId);
    if ('code' in claims) return keystoneError(401, 'Unauthorized', claims.message);
    return this.#tokenAnswer(idpId, protocolId, claims, undefined);
  }

  /** POST /v3.0/OS-CREDENTIAL/securitytokens: a temporary key for an IAM token (in the body, or X-Auth-Token). */
  createTemporaryAccessKeyByToken(headers: IncomingHttpHeaders, body: Buffer): Answer {
    const request = parseJsonBody<CreateTemporaryAccessKeyByTokenRequestBody>(
      body,
      'CreateTemporaryAccessKeyByTokenRequestBody',
    );
    if (typeof request === 'string') {
      return iamError(400, ERROR_CODES.iamInvalidBody, `Request body is invalid: ${request}`);
    }
    const { token } = request.auth.identity;
    const iamToken = token?.id ?? single(headers['x-auth-token'])?.trim();
    if (!iamToken) {
      return iamError(
        401,
        ERROR_CODES.iamAuthenticationRequired,
        'The request you have made requires authentication: no token in the body or in X-Auth-Token.',
      );
    }
    const claims = this.#iam.checkToken(iamToken);
    if ('code' in claims) return iamError(401, claims.code, claims.message);
    const ttlMs = this.temporaryKeyTtlMs ?? (token?.duration_seconds ?? DEFAULT_DURATION_SECONDS) * 1000;
    const key = this.#keys.issue(ttlMs, 'iam');
    const answer = {
      credential: {
        access: key.accessKey,
        secret: key.secretKey,
        securitytoken: key.securityToken,
        expires_at: iamTime(key.expiresAt),
      },
    };
    assertAnswerConforms('CreateTemporaryAccessKeyByTokenResponseBody', answer);
    return json(201, answer);
  }

  #tokenAnswer(idpId: string, protocolId: string, claims: IdTokenClaims, project: MockProject | undefined): Answer {
    const domain = this.#iam.domain;
    const subject = {
      userId: stableId('federated-user', `${idpId} ${claims.sub}`),
      userName: claims.sub,
      domainId: domain.id,
      domainName: domain.name,
    };
    const { token, claims: sealed } = this.#iam.issueToken(subject, project);
    const answer: FederationTokenResponseBody = {
      token: {
        expires_at: iamTime(sealed.expiresAt),
        issued_at: iamTime(sealed.issuedAt),
        methods: ['mapped'],
        user: {
          id: subject.userId,
          name: subject.userName,
          domain,
          'OS-FEDERATION': {
            identity_provider: { id: idpId },
            protocol: { id: protocolId },
            groups: [{ id: stableId('group', idpId), name: 'cbr-operators' }],
          },
        },
        ...(project ? { project: { id: project.id, name: project.name, domain } } : {}),
        roles: [],
        catalog: [],
      },
    };
    assertAnswerConforms('FederationTokenResponseBody', answer);
    return json(201, answer, { [SUBJECT_TOKEN_HEADER.toLowerCase()]: token });
  }

  /** The claims of an ID token of `idpId` signed by the mock and not expired, or why it is refused. */
  #verify(idToken: string, idpId: string): IdTokenClaims | TokenRefusal {
    const invalid = (why: string): TokenRefusal => ({
      code: ERROR_CODES.iamInvalidToken,
      message: `The ID token is invalid: ${why}.`,
    });
    const [head = '', payload = '', signature = '', ...rest] = idToken.trim().split('.');
    if (rest.length > 0 || !head || !payload || !signature) return invalid('it is not a JWT');
    let header: { alg?: unknown };
    let claims: Partial<IdTokenClaims>;
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return invalid('it is not a JWT');
    }
    if (header.alg !== 'RS256') return invalid('only RS256 is accepted');
    const issuerKey = sharedSigningKey;
    const signed =
      issuerKey !== undefined &&
      verify('sha256', Buffer.from(`${head}.${payload}`), issuerKey.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) return invalid("it is not signed by a key of the identity provider's issuer");
    if (claims.iss !== idTokenIssuer(idpId) || claims.aud !== idpId) {
      return invalid('it was issued for another identity provider');
    }
    if (typeof claims.exp !== 'number' || this.#now().getTime() >= claims.exp * 1000) {
      return { code: ERROR_CODES.iamTokenExpired, message: 'The ID token has expired.' };
    }
    return claims as IdTokenClaims;
  }
}
