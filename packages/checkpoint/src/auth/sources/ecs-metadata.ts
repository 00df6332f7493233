// Temporary access keys from the metadata service of an ECS or BMS server with an agency (the official SDKs'
// MetadataCredentialProvider): a session token first (PUT /meta-data/latest/api/token), then
// GET /openstack/latest/securitykey with it. Plain HTTP to the link-local address is allowed here, and only here.
// Off-cloud nothing answers: each request gives up after about a second, not the client's 30.
import { CbrConfigError } from '../../errors/cbr-error.js';
import { buildRequest } from '../../transport/build-request.js';
import type { AccessKeyProvider, TemporaryAccessKeys } from '../credentials.js';
import { nameSource } from '../source-name.js';
import { readCredentialAnswer } from './credential-answer.js';
import { processEnv } from './node-files.js';
import { type SourceRequest, sendSourceRequest, sourceError } from './source-request.js';

/**
 * The metadata service's address on every ECS/BMS server: the credential-sources spec's
 * METADATA_DEFAULT_ENDPOINT (a test keeps the two equal; this one is here so that naming the source at
 * construction loads nothing).
 */
export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254';
/** The environment variable that points the metadata requests elsewhere (a mock server in tests). */
export const METADATA_ENDPOINT_VARIABLE = 'HUAWEICLOUD_SDK_METADATA_ENDPOINT';

/** Options of {@link fromEcsMetadata}. */
export interface EcsMetadataOptions {
  /**
   * The metadata service's URL. Default: `HUAWEICLOUD_SDK_METADATA_ENDPOINT`, else `http://169.254.169.254`.
   */
  endpoint?: string;
  /** Timeout of each request to the metadata service, in milliseconds. Default 1000. */
  timeoutMs?: number;
  /** Where `HUAWEICLOUD_SDK_METADATA_ENDPOINT` is read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A server without the session-token step is not asked for one again for this long (as the official SDKs). */
const NO_SESSION_TOKEN_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * The credential-sources spec's request builders and constants, loaded by the first request for keys (never by
 * importing the SDK: most programs do not run on ECS).
 */
let spec: Promise<typeof import('@cbr-sdk/checkpoint-api/credential-sources')> | undefined;
const loadSpec = () => {
  spec ??= import('@cbr-sdk/checkpoint-api/credential-sources');
  return spec;
};

/** The metadata service's endpoint, checked: http(s), no credentials, query or fragment in it. */
export function metadataEndpoint(options: EcsMetadataOptions = {}): string {
  const given = options.endpoint ?? (options.env ?? processEnv())[METADATA_ENDPOINT_VARIABLE]?.trim();
  const endpoint = given === undefined || given === '' ? DEFAULT_METADATA_ENDPOINT : given;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CbrConfigError(`fromEcsMetadata: the metadata endpoint is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CbrConfigError(
      `fromEcsMetadata: the metadata endpoint must be http:// or https:// (got ${url.protocol})`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new CbrConfigError(
      'fromEcsMetadata: the metadata endpoint must be a plain origin (no user, query or fragment)',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Temporary access keys from the metadata service of an ECS or BMS server with an agency. The keys are cached
 * by the client and fetched again before they expire. A server with no agency is a CbrConfigError that says to
 * attach one.
 */
export function fromEcsMetadata(options: EcsMetadataOptions = {}): AccessKeyProvider {
  const endpoint = metadataEndpoint(options);
  const timeoutMs = options.timeoutMs ?? 1000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new CbrConfigError(`fromEcsMetadata: timeoutMs must be a positive integer (got ${String(timeoutMs)})`);
  }
  let sessionToken: string | undefined;
  let noSessionTokenUntil = Number.NEGATIVE_INFINITY;

  async function newSessionToken(signal: AbortSignal | undefined): Promise<string | undefined> {
    if (performance.now() < noSessionTokenUntil) return undefined;
    const { Configuration, MetadataApiAxiosParamCreator, METADATA_TOKEN_MAX_TTL_SECONDS } = await loadSpec();
    const built = await buildRequest(
      'createMetadataSessionToken',
      endpoint,
      () =>
        MetadataApiAxiosParamCreator(new Configuration()).createMetadataSessionToken(METADATA_TOKEN_MAX_TTL_SECONDS),
      {},
    );
    const request: SourceRequest = {
      ...built,
      operation: 'createMetadataSessionToken',
      method: 'PUT',
      timeoutMs,
      signal,
      secrets: [],
    };
    const response = await sendSourceRequest(request);
    if (response.status === 404 || response.status === 405) {
      noSessionTokenUntil = performance.now() + NO_SESSION_TOKEN_FOR_MS;
      return undefined;
    }
    const token = response.body.trim();
    if (response.status !== 200 || token === '') {
      throw sourceError({ ...request, secrets: token === '' ? [] : [token] }, { ...response, body: '' });
    }
    return token;
  }

  async function securityKey(signal: AbortSignal | undefined, renewed: boolean): Promise<TemporaryAccessKeys> {
    sessionToken ??= await newSessionToken(signal);
    const { Configuration, MetadataApiAxiosParamCreator, METADATA_NO_AGENCY_MESSAGE } = await loadSpec();
    const token = sessionToken;
    const built = await buildRequest(
      'showMetadataSecurityKey',
      endpoint,
      () =>
        MetadataApiAxiosParamCreator(
          new Configuration(token === undefined ? {} : { apiKey: token }),
        ).showMetadataSecurityKey(),
      {},
    );
    const request: SourceRequest = {
      ...built,
      operation: 'showMetadataSecurityKey',
      method: 'GET',
      timeoutMs,
      signal,
      secrets: token === undefined ? [] : [token],
    };
    const response = await sendSourceRequest(request);
    if (response.status === 401 && response.body.includes(METADATA_NO_AGENCY_MESSAGE)) {
      throw new CbrConfigError(
        `fromEcsMetadata: this server has no agency: attach an agency (with the CBR permissions) to the ECS server in the console (Server > Management Information > Agency), or configure credentials another way (metadata service ${endpoint})`,
      );
    }
    if (response.status === 401 && !renewed) {
      // The session token expired or was refused: a new one, and the GET once more.
      sessionToken = undefined;
      return securityKey(signal, true);
    }
    if (response.status !== 200) throw sourceError(request, response);
    return readSecurityKey(response.body, request);
  }

  const provider: AccessKeyProvider = ({ signal } = {}) => securityKey(signal, false);
  return nameSource(provider, `ECS metadata (${endpoint})`);
}

function readSecurityKey(body: string, request: SourceRequest): TemporaryAccessKeys {
  return readCredentialAnswer(body, request.operation);
}
