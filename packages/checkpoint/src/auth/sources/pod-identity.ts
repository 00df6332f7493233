// Temporary access keys from CCE pod identity (the official Python/Java PodIdentityCredentialProvider):
// POST to HC_CONTAINER_CREDENTIALS_FULL_URI with the contents of HC_CONTAINER_AUTHORIZATION_TOKEN_FILE as
// Authorization (no "Bearer"). The token file is read again at every refresh (it rotates).
import { isLoopbackHost } from '../../config/endpoint.js';
import { CbrConfigError, CbrError } from '../../errors/cbr-error.js';
import type { AccessKeyProvider, TemporaryAccessKeys } from '../credentials.js';
import { nameSource } from '../source-name.js';
import { processEnv, readTextFile } from './node-files.js';
import { jsonObject, parseExpiry, type SourceRequest, sendSourceRequest, sourceError } from './source-request.js';

/** Options of {@link fromPodIdentity}. */
export interface PodIdentityOptions {
  /** The pod identity endpoint. Default: `HC_CONTAINER_CREDENTIALS_FULL_URI`. */
  uri?: string;
  /** The file holding the authorization token, read at every refresh. Default: `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE`. */
  authorizationTokenFile?: string;
  /** Timeout of the request, in milliseconds. Default 5000 (as the official SDKs). */
  timeoutMs?: number;
  /** Where the environment variables are read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The environment variables of pod identity (the official SDKs' names). */
export const POD_IDENTITY_VARIABLES = {
  uri: 'HC_CONTAINER_CREDENTIALS_FULL_URI',
  authorizationTokenFile: 'HC_CONTAINER_AUTHORIZATION_TOKEN_FILE',
} as const;

// Plain http:// only to this machine or a link-local address (where a node-local agent listens).
const LINK_LOCAL = /^(169\.254\.\d{1,3}\.\d{1,3}|\[fe80:[0-9a-f:]*\])$/i;

/** Temporary access keys from CCE pod identity. The client caches them and asks again before they expire. */
export function fromPodIdentity(options: PodIdentityOptions = {}): AccessKeyProvider {
  const env = options.env ?? processEnv();
  const uri = options.uri ?? env[POD_IDENTITY_VARIABLES.uri]?.trim();
  const tokenFile = options.authorizationTokenFile ?? env[POD_IDENTITY_VARIABLES.authorizationTokenFile]?.trim();
  if (!uri) throw new CbrConfigError(`fromPodIdentity: uri is required (or ${POD_IDENTITY_VARIABLES.uri})`);
  if (!tokenFile) {
    throw new CbrConfigError(
      `fromPodIdentity: authorizationTokenFile is required (or ${POD_IDENTITY_VARIABLES.authorizationTokenFile})`,
    );
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new CbrConfigError(`fromPodIdentity: ${POD_IDENTITY_VARIABLES.uri} is not a URL`);
  }
  if (
    url.protocol === 'http:'
      ? !(isLoopbackHost(url.hostname) || LINK_LOCAL.test(url.hostname))
      : url.protocol !== 'https:'
  ) {
    throw new CbrConfigError(
      `fromPodIdentity: ${url.origin} must be https:// (plain http:// only to this machine or a link-local address)`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 5000;

  const provider: AccessKeyProvider = async ({ signal } = {}) => {
    const token = (await readTextFile(tokenFile, 'fromPodIdentity authorizationTokenFile')).trim();
    if (token === '') throw new CbrConfigError(`fromPodIdentity: the authorization token file ${tokenFile} is empty`);
    const request: SourceRequest = {
      operation: 'createPodIdentityCredentials',
      method: 'POST',
      url: url.href,
      headers: { Authorization: token, 'Content-Type': 'application/json' },
      body: '{}',
      timeoutMs,
      signal,
      secrets: [token],
    };
    const response = await sendSourceRequest(request);
    if (response.status < 200 || response.status >= 300) throw sourceError(request, response);
    return readPodCredentials(response.body);
  };
  return nameSource(provider, `CCE pod identity (${url.origin})`);
}

function readPodCredentials(body: string): TemporaryAccessKeys {
  const credentials = jsonObject(body)?.credentials;
  const fields = (typeof credentials === 'object' && credentials !== null ? credentials : {}) as Record<
    string,
    unknown
  >;
  const text = (name: string) =>
    typeof fields[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : undefined;
  const accessKey = text('accessKeyId');
  const secretKey = text('secretAccessKey');
  const securityToken = text('securityToken');
  const expiresAt = parseExpiry(fields.expiration);
  const missing = [
    accessKey ? undefined : 'credentials.accessKeyId',
    secretKey ? undefined : 'credentials.secretAccessKey',
    securityToken ? undefined : 'credentials.securityToken',
    expiresAt ? undefined : 'credentials.expiration',
  ].filter((name) => name !== undefined);
  if (missing.length > 0 || !accessKey || !secretKey || !securityToken || !expiresAt) {
    throw new CbrError(`createPodIdentityCredentials: the answer has no valid ${missing.join(', ')}`);
  }
  return { accessKey, secretKey, securityToken, expiresAt };
}
