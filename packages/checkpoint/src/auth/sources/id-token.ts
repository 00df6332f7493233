// Temporary access keys by OIDC federation (CCE workload identity, CI jobs): an ID token from an identity
// provider configured in IAM is exchanged for an IAM token (POST /v3.0/OS-AUTH/id-token/tokens with X-Idp-Id),
// and that for temporary keys (POST /v3.0/OS-CREDENTIAL/securitytokens): the wire of the official Go, Java and
// Python cores. The ID token is read again at every refresh (projected tokens rotate). IAM is the region's (or
// the one given), never a hard-coded global endpoint (huaweicloud-sdk-go-v3 issue #109).
import {
  Configuration,
  FederationApiAxiosParamCreator,
  TemporaryAccessKeysApiAxiosParamCreator,
} from '@cbr-sdk/checkpoint-api/iam';
import { checkEndpoint } from '../../config/endpoint.js';
import { CbrConfigError, CbrError } from '../../errors/cbr-error.js';
import { buildRequest } from '../../transport/build-request.js';
import type { AccessKeyProvider, AccessKeyProviderOptions, TemporaryAccessKeys } from '../credentials.js';
import { nameSource } from '../source-name.js';
import { readCredentialAnswer } from './credential-answer.js';
import { processEnv, readTextFile } from './node-files.js';
import { jsonObject, type SourceRequest, sendSourceRequest, sourceError } from './source-request.js';

/** Returns an ID token (a JWT), e.g. from a CI's OIDC endpoint; called at every refresh. */
export type IdTokenSource = (options: { signal?: AbortSignal | undefined }) => string | Promise<string>;

/** Options of {@link fromIdToken}. */
export interface IdTokenOptions {
  /** The identity provider's ID in IAM (X-Idp-Id). Default: `HUAWEICLOUD_SDK_IDP_ID`. */
  idpId?: string;
  /**
   * A file holding the ID token, read again at every refresh (a projected service-account token in CCE).
   * Default: `HUAWEICLOUD_SDK_ID_TOKEN_FILE`.
   */
  idTokenFile?: string;
  /**
   * The ID token, or a function returning one (called at every refresh). Default, when no file is given: in
   * GitHub Actions with `permissions: id-token: write`, the job's ID token from GitHub.
   */
  idToken?: string | IdTokenSource;
  /**
   * The audience to ask GitHub's ID token for: the client ID configured on the IAM identity provider.
   * Default: `HUAWEICLOUD_SDK_ID_TOKEN_AUDIENCE`, else GitHub's default audience.
   */
  audience?: string;
  /** How long the temporary keys live, in seconds (IAM accepts 900 to 86 400). Default 21 600 (6 hours). */
  durationSeconds?: number;
  /**
   * IAM's endpoint. Default: the client's (its `iamEndpoint` option, else its region's
   * `https://iam.{region}.myhuaweicloud.com`).
   */
  iamEndpoint?: string;
  /** Timeout of each request (IAM, GitHub), in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Where the environment variables are read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The environment variables of OIDC federation (the official SDKs' names, and GitHub's). */
export const ID_TOKEN_VARIABLES = {
  idpId: 'HUAWEICLOUD_SDK_IDP_ID',
  idTokenFile: 'HUAWEICLOUD_SDK_ID_TOKEN_FILE',
  audience: 'HUAWEICLOUD_SDK_ID_TOKEN_AUDIENCE',
  githubRequestUrl: 'ACTIONS_ID_TOKEN_REQUEST_URL',
  githubRequestToken: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
} as const;

// The IAM spec's request builders (federation-api.ts, temporary-access-keys-api.ts): path, headers and body.
const federation = FederationApiAxiosParamCreator(new Configuration());
const temporaryKeysApi = TemporaryAccessKeysApiAxiosParamCreator(new Configuration());
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The ID token of a GitHub Actions job (`permissions: id-token: write`), for `audience` when given. */
export function githubActionsIdToken(
  requestUrl: string,
  requestToken: string,
  audience: string | undefined,
  timeoutMs = 10_000,
): IdTokenSource {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    throw new CbrConfigError(`${ID_TOKEN_VARIABLES.githubRequestUrl} is not a URL`);
  }
  checkEndpoint(url.origin, false, ID_TOKEN_VARIABLES.githubRequestUrl);
  if (audience !== undefined) url.searchParams.set('audience', audience);
  return async ({ signal }) => {
    const request: SourceRequest = {
      operation: 'githubActionsIdToken',
      method: 'GET',
      url: url.href,
      headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' },
      timeoutMs,
      signal,
      secrets: [requestToken],
    };
    const response = await sendSourceRequest(request);
    if (response.status !== 200) throw sourceError(request, response);
    const value = jsonObject(response.body)?.value;
    if (!nonEmpty(value)) throw new CbrError('githubActionsIdToken: the answer has no "value" (an ID token)');
    return value.trim();
  };
}

/**
 * Temporary access keys by OIDC federation: CCE workload identity (a projected ID token file) or a CI job
 * (GitHub Actions built in). The client caches the keys and fetches them again before they expire.
 */
export function fromIdToken(options: IdTokenOptions = {}): AccessKeyProvider {
  const env = options.env ?? processEnv();
  const read = (name: string) => (nonEmpty(env[name]) ? env[name]?.trim() : undefined);
  const idpId = options.idpId ?? read(ID_TOKEN_VARIABLES.idpId);
  if (!nonEmpty(idpId)) {
    throw new CbrConfigError(`fromIdToken: idpId is required (or ${ID_TOKEN_VARIABLES.idpId})`);
  }
  const durationSeconds = options.durationSeconds ?? 21_600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 86_400) {
    throw new CbrConfigError(
      `fromIdToken: durationSeconds must be an integer from 900 to 86400 (got ${String(durationSeconds)})`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const given =
    options.iamEndpoint === undefined
      ? undefined
      : checkEndpoint(options.iamEndpoint, false, 'fromIdToken iamEndpoint');

  const file =
    options.idToken === undefined ? (options.idTokenFile ?? read(ID_TOKEN_VARIABLES.idTokenFile)) : undefined;
  let idToken: IdTokenSource;
  let origin: string;
  if (options.idToken !== undefined) {
    const token = options.idToken;
    if (typeof token !== 'function' && !nonEmpty(token)) {
      throw new CbrConfigError('fromIdToken: idToken must be a non-empty string or a function');
    }
    idToken = typeof token === 'function' ? token : () => token;
    origin = 'an ID token given';
  } else if (file !== undefined) {
    idToken = () => readTextFile(file, 'fromIdToken idTokenFile');
    origin = `ID token file ${file}`;
  } else if (read(ID_TOKEN_VARIABLES.githubRequestUrl) && read(ID_TOKEN_VARIABLES.githubRequestToken)) {
    idToken = githubActionsIdToken(
      read(ID_TOKEN_VARIABLES.githubRequestUrl) as string,
      read(ID_TOKEN_VARIABLES.githubRequestToken) as string,
      options.audience ?? read(ID_TOKEN_VARIABLES.audience),
      timeoutMs,
    );
    origin = 'GitHub Actions ID token';
  } else {
    throw new CbrConfigError(
      `fromIdToken: an ID token is required: idTokenFile (or ${ID_TOKEN_VARIABLES.idTokenFile}), idToken, or a GitHub Actions job with permissions id-token: write (${ID_TOKEN_VARIABLES.githubRequestUrl})`,
    );
  }

  const provider: AccessKeyProvider = async (context: AccessKeyProviderOptions = {}) => {
    const iam =
      given ??
      (context.iamEndpoint === undefined ? undefined : checkEndpoint(context.iamEndpoint, false, 'iamEndpoint'));
    if (iam === undefined) {
      throw new CbrConfigError('fromIdToken: IAM endpoint unknown: give the client a region, or pass iamEndpoint');
    }
    let token: unknown;
    try {
      token = await idToken({ signal: context.signal });
    } catch (error) {
      if (error instanceof CbrError) throw error;
      throw new CbrError(
        `fromIdToken: the idToken function failed${error instanceof Error ? `: ${error.message}` : ''}`,
        {
          cause: error,
        },
      );
    }
    if (!nonEmpty(token)) throw new CbrConfigError(`fromIdToken: no ID token (${origin} is empty)`);
    const iamToken = await exchangeIdToken(iam, idpId, token.trim(), timeoutMs, context.signal);
    return temporaryKeys(iam, iamToken, durationSeconds, timeoutMs, context.signal, token.trim());
  };
  return nameSource(provider, `OIDC federation (identity provider ${idpId}, ${origin})`);
}

/** The IAM token for an ID token (unscoped; X-Subject-Token of the answer). */
async function exchangeIdToken(
  iam: string,
  idpId: string,
  idToken: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  const built = await buildRequest(
    'createTokenWithIdToken',
    iam,
    () => federation.createTokenWithIdToken(idpId, { auth: { id_token: { id: idToken } } }),
    {},
  );
  const request: SourceRequest = {
    ...built,
    operation: 'createTokenWithIdToken',
    method: 'POST',
    timeoutMs,
    signal,
    secrets: [idToken],
  };
  const response = await sendSourceRequest(request);
  const token = response.headers['x-subject-token']?.trim();
  if (response.status < 200 || response.status >= 300) throw sourceError(request, response, token ? [token] : []);
  if (!token) throw new CbrError('createTokenWithIdToken: the answer has no X-Subject-Token header');
  return token;
}

/** Temporary keys for an IAM token (POST /v3.0/OS-CREDENTIAL/securitytokens, the token in the body). */
async function temporaryKeys(
  iam: string,
  iamToken: string,
  durationSeconds: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  idToken: string,
): Promise<TemporaryAccessKeys> {
  const built = await buildRequest(
    'createTemporaryAccessKeyByToken',
    iam,
    () =>
      temporaryKeysApi.createTemporaryAccessKeyByToken({
        auth: { identity: { methods: ['token'], token: { id: iamToken, duration_seconds: durationSeconds } } },
      }),
    {},
  );
  const request: SourceRequest = {
    ...built,
    operation: 'createTemporaryAccessKeyByToken',
    method: 'POST',
    timeoutMs,
    signal,
    secrets: [iamToken, idToken],
  };
  const response = await sendSourceRequest(request);
  if (response.status < 200 || response.status >= 300) throw sourceError(request, response);
  return readCredentialAnswer(response.body, request.operation);
}
