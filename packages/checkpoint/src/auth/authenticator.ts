// Puts credentials on a request. The secrets live only in this module's closures: nothing the client
// exposes (properties, inspect, JSON) can reach them.
import { AUTH_TOKEN_HEADER, Configuration, signRequest } from '@cbr-sdk/checkpoint-api';
import { checkToken } from '../config/header-value.js';
import { CbrConfigError, CbrError, CbrTimeoutError } from '../errors/cbr-error.js';
import type { IamClient, ProjectScope } from '../iam/iam-client.js';
import type { OperationId } from '../operations.js';
import { raceSignal, type WaitLimits } from '../transport/abort.js';
import type { PreparedRequest } from '../transport/transport.js';
import { type Credentials, isAccessKeyCredentials, isPasswordCredentials, type TokenProvider } from './credentials.js';
import { passwordAuthenticator } from './password-authenticator.js';

/** What a request is authenticated for, and what bounds a wait for its credentials. */
export interface AuthContext extends WaitLimits {
  /** The project of the request (AK/SK signs it as X-Project-Id); none for IAM's own calls. */
  projectId?: string | undefined;
  /** The operation of the request, named when a wait for a token is aborted or times out. */
  operation: OperationId;
}

export interface Authenticator {
  readonly kind: 'token' | 'password' | 'access-key';
  /** Configuration for the generated request builders (a fixed token is set as X-Auth-Token through it). */
  readonly configuration: Configuration;
  /** Finishes a built request: puts the current token on it, or signs it. */
  authenticate(request: PreparedRequest, context: AuthContext): PreparedRequest | Promise<PreparedRequest>;
  /**
   * After the service answered 401 to `request`: drops the cached token it carried. True when sending the
   * request again, with a new token, is worthwhile (only credentials the SDK renews itself).
   */
  renewAfterRejection?(request: PreparedRequest): boolean;
  /** The project the credentials themselves are scoped to (a password token's project), when they have one. */
  projectIdOfCredentials?(limits?: WaitLimits): Promise<string>;
}

/** What the password kind needs to obtain tokens. */
export interface PasswordAuthSetup {
  iam: IamClient;
  scope: ProjectScope;
  onRefreshFailed: (error: unknown) => void;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Calls the caller's token function; its failure, or a result that cannot be sent, is a CbrError. */
async function callTokenFunction(token: TokenProvider): Promise<string> {
  let value: unknown;
  try {
    value = await token();
  } catch (error) {
    throw new CbrError(
      `credentials.token: the token function failed${error instanceof Error ? `: ${error.message}` : ''}`,
      { cause: error },
    );
  }
  if (!nonEmpty(value)) throw new CbrConfigError('credentials.token: the token function returned no token');
  return checkToken("credentials.token (the token function's result)", value);
}

function tokenAuthenticator(token: string | TokenProvider): Authenticator {
  // A fixed token (checked when the client is made) goes straight to the generated request builder.
  if (typeof token === 'string') {
    return {
      kind: 'token',
      configuration: new Configuration({ apiKey: checkToken('credentials.token', token) }),
      authenticate: (request) => request,
    };
  }
  // A token function is raced by the call's signal and timeout: a function that hangs cannot hold the call.
  return {
    kind: 'token',
    configuration: new Configuration({}),
    async authenticate(request, context) {
      const { operation, timeoutMs } = context;
      request.headers[AUTH_TOKEN_HEADER] = await raceSignal(
        callTokenFunction(token),
        context.signal,
        `${operation} (waiting for credentials.token)`,
        timeoutMs === undefined
          ? undefined
          : {
              ms: timeoutMs,
              onTimeout: () => new CbrTimeoutError(operation, timeoutMs, 'no token from credentials.token'),
            },
      );
      return request;
    },
  };
}

/**
 * Signs with an access key pair, over the content type, the project (when the request has one: IAM's project
 * query has none) and the security token; the signer adds the host.
 */
function accessKeyAuthenticator(
  accessKey: string,
  secretKey: string,
  securityToken: string | undefined,
): Authenticator {
  return {
    kind: 'access-key',
    configuration: new Configuration({}),
    async authenticate(request, context) {
      const signed: Record<string, string> = {};
      if (context.projectId !== undefined) signed['X-Project-Id'] = context.projectId;
      const contentType = request.headers['Content-Type'];
      if (contentType !== undefined) signed['Content-Type'] = contentType;
      if (securityToken !== undefined) signed['X-Security-Token'] = securityToken;
      const signature = await signRequest(
        { method: request.method, url: request.url, headers: signed, body: request.body },
        { accessKey, secretKey },
      );
      return { ...request, headers: { ...request.headers, ...signed, ...signature } };
    },
  };
}

/** The credentials' kind, after checking them; throws CbrConfigError naming the field that is wrong. */
export function credentialKind(credentials: Credentials | undefined): Authenticator['kind'] {
  if (credentials === undefined || credentials === null || typeof credentials !== 'object') {
    throw new CbrConfigError(
      'credentials is required: { token }, { domainName, userName, password } or { accessKey, secretKey }',
    );
  }
  if (isAccessKeyCredentials(credentials)) {
    if (!nonEmpty(credentials.accessKey))
      throw new CbrConfigError('credentials.accessKey is required (a non-empty string)');
    if (!nonEmpty(credentials.secretKey))
      throw new CbrConfigError('credentials.secretKey is required (a non-empty string)');
    if (credentials.securityToken !== undefined && !nonEmpty(credentials.securityToken)) {
      throw new CbrConfigError('credentials.securityToken must be a non-empty string when given');
    }
    // Both travel as header values (Authorization, X-Security-Token); the secret key only signs.
    checkToken('credentials.accessKey', credentials.accessKey);
    if (credentials.securityToken !== undefined) checkToken('credentials.securityToken', credentials.securityToken);
    return 'access-key';
  }
  if (isPasswordCredentials(credentials)) return 'password';
  const { token } = credentials as { token?: unknown };
  if (typeof token !== 'function' && !nonEmpty(token)) {
    throw new CbrConfigError('credentials.token is required (a non-empty string or a function)');
  }
  if (typeof token === 'string') checkToken('credentials.token', token);
  return 'token';
}

/** The authenticator of checked credentials of `kind`; the password kind needs `password` to reach IAM. */
export function createAuthenticator(
  credentials: Credentials,
  kind: Authenticator['kind'],
  password?: PasswordAuthSetup,
): Authenticator {
  if (kind === 'access-key' && isAccessKeyCredentials(credentials)) {
    const { accessKey, secretKey, securityToken } = credentials;
    return accessKeyAuthenticator(
      checkToken('credentials.accessKey', accessKey),
      secretKey,
      securityToken === undefined ? undefined : checkToken('credentials.securityToken', securityToken),
    );
  }
  if (kind === 'password' && isPasswordCredentials(credentials) && password !== undefined) {
    return passwordAuthenticator(credentials, password);
  }
  return tokenAuthenticator((credentials as { token: string | TokenProvider }).token);
}
