// Puts credentials on a request. The secrets live only in this module's closures: nothing the client
// exposes (properties, inspect, JSON) can reach them.
import { Configuration, signRequest } from '@cbr-sdk/checkpoint-api';
import { CbrConfigError, CbrError } from '../errors/cbr-error.js';
import type { PreparedRequest } from '../transport/transport.js';
import { type Credentials, isAccessKeyCredentials, type TokenProvider } from './credentials.js';

export interface Authenticator {
  readonly kind: 'token' | 'access-key';
  /** Configuration for the generated request builders (token mode sets X-Auth-Token through it). */
  readonly configuration: Configuration;
  /** Finishes a built request: AK/SK mode signs it (token mode has nothing left to do). */
  authenticate(request: PreparedRequest): PreparedRequest | Promise<PreparedRequest>;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function tokenAuthenticator(token: string | TokenProvider): Authenticator {
  // A fixed token (checked when the client is made) goes straight to the generated request builder.
  const apiKey =
    typeof token === 'string'
      ? token
      : async () => {
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
          return value;
        };
  return { kind: 'token', configuration: new Configuration({ apiKey }), authenticate: (request) => request };
}

function accessKeyAuthenticator(
  accessKey: string,
  secretKey: string,
  securityToken: string | undefined,
  projectId: string,
): Authenticator {
  return {
    kind: 'access-key',
    configuration: new Configuration({}),
    async authenticate(request) {
      // Signed: the content type, the project and the security token (and host, added by the signer).
      const signed: Record<string, string> = { 'X-Project-Id': projectId };
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

export function createAuthenticator(credentials: Credentials | undefined, projectId: string): Authenticator {
  if (credentials === undefined || credentials === null || typeof credentials !== 'object') {
    throw new CbrConfigError('credentials is required: { token } or { accessKey, secretKey }');
  }
  if (isAccessKeyCredentials(credentials)) {
    if (!nonEmpty(credentials.accessKey))
      throw new CbrConfigError('credentials.accessKey is required (a non-empty string)');
    if (!nonEmpty(credentials.secretKey))
      throw new CbrConfigError('credentials.secretKey is required (a non-empty string)');
    if (credentials.securityToken !== undefined && !nonEmpty(credentials.securityToken)) {
      throw new CbrConfigError('credentials.securityToken must be a non-empty string when given');
    }
    return accessKeyAuthenticator(credentials.accessKey, credentials.secretKey, credentials.securityToken, projectId);
  }
  const { token } = credentials as { token?: unknown };
  if (typeof token === 'function') return tokenAuthenticator(token as TokenProvider);
  if (!nonEmpty(token)) throw new CbrConfigError('credentials.token is required (a non-empty string or a function)');
  return tokenAuthenticator(token);
}
