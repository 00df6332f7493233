// Temporary access keys from a provider as credentials: the keys are kept in the RefreshingCache (the same one
// as IAM tokens: fresh ahead of expiry, one request to the source at a time, never used past expiry) and each
// request is signed with them, X-Security-Token included. After a 401 the keys the request carried are dropped,
// so it is sent once more with new ones.
import { Configuration } from '@cbr-sdk/checkpoint-api';
import { checkToken } from '../config/header-value.js';
import { CbrConfigError, CbrError, CbrTimeoutError } from '../errors/cbr-error.js';
import { raceSignal } from '../transport/abort.js';
import type { Authenticator } from './authenticator.js';
import type { AccessKeyProvider, AccessKeyProviderOptions, TemporaryAccessKeys } from './credentials.js';
import { type Expiring, RefreshingCache } from './refreshing-cache.js';
import { accessKeyOf, signWithAccessKey } from './sign-with-access-key.js';

/** What the provider kind is told by the client. */
export interface ProviderAuthSetup {
  /** The client's region and IAM endpoint, passed on to the provider. */
  context: Omit<AccessKeyProviderOptions, 'signal'>;
  onRefreshFailed: (error: unknown) => void;
  /** A monotonic clock, as the cache's; default `performance.now()`. */
  now?: () => number;
}

interface IssuedKeys extends Expiring {
  keys: TemporaryAccessKeys;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The provider's answer, checked: a CbrConfigError names the field that is wrong (never its value). */
export function checkProvidedKeys(keys: unknown): TemporaryAccessKeys {
  if (typeof keys !== 'object' || keys === null) {
    throw new CbrConfigError('credentials: the access key provider returned no keys (an object was expected)');
  }
  const { accessKey, secretKey, securityToken, expiresAt } = keys as Record<string, unknown>;
  const wrong = (field: string, what: string) =>
    new CbrConfigError(`credentials: the access key provider returned no valid ${field} (${what} expected)`);
  if (!nonEmpty(accessKey)) throw wrong('accessKey', 'a non-empty string');
  if (!nonEmpty(secretKey)) throw wrong('secretKey', 'a non-empty string');
  if (securityToken !== undefined && !nonEmpty(securityToken)) throw wrong('securityToken', 'a non-empty string');
  if (expiresAt !== undefined && !(expiresAt instanceof Date && !Number.isNaN(expiresAt.getTime()))) {
    throw wrong('expiresAt', 'a valid Date');
  }
  // The access key and the security token travel as header values (Authorization, X-Security-Token).
  return {
    accessKey: checkToken("credentials (the access key provider's accessKey)", accessKey),
    secretKey,
    ...(securityToken === undefined
      ? {}
      : { securityToken: checkToken("credentials (the access key provider's securityToken)", securityToken) }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

export function providerAuthenticator(provider: AccessKeyProvider, setup: ProviderAuthSetup): Authenticator {
  const now = setup.now ?? (() => performance.now());
  const keys = new RefreshingCache<IssuedKeys>({
    now,
    onRefreshFailed: setup.onRefreshFailed,
    obtain: async () => {
      const requestedAt = now();
      // The provider speaks wall-clock time; the cache counts on the monotonic clock from the request.
      const wallAtRequest = Date.now();
      let answer: unknown;
      try {
        answer = await provider({ ...setup.context });
      } catch (error) {
        if (error instanceof CbrError) throw error;
        throw new CbrError(
          `credentials: the access key provider failed${error instanceof Error ? `: ${error.message}` : ''}`,
          { cause: error },
        );
      }
      const checked = checkProvidedKeys(answer);
      const lifetimeMs =
        checked.expiresAt === undefined ? Number.POSITIVE_INFINITY : checked.expiresAt.getTime() - wallAtRequest;
      if (!(lifetimeMs > 0)) {
        throw new CbrConfigError(
          `credentials: the access key provider returned keys that expired already (expiresAt ${checked.expiresAt?.toISOString()})`,
        );
      }
      return { keys: checked, lifetimeMs, requestedAt };
    },
  });
  return {
    kind: 'access-key-provider',
    configuration: new Configuration({}),
    authenticate(request, context) {
      // Cached keys sign at once; only a fetch is waited for.
      const held = keys.usable();
      if (held !== undefined) return signWithAccessKey(request, context.projectId, held.keys);
      // Waiting for keys, the call gives up at its signal or its timeout (the fetch goes on for the others).
      const { operation, timeoutMs } = context;
      return raceSignal(
        keys.get(),
        context.signal,
        `${operation} (waiting for the access key provider)`,
        timeoutMs === undefined
          ? undefined
          : {
              ms: timeoutMs,
              onTimeout: () => new CbrTimeoutError(operation, timeoutMs, 'no keys from the access key provider'),
            },
      ).then((fetched) => signWithAccessKey(request, context.projectId, fetched.keys));
    },
    renewAfterRejection(request) {
      const sent = accessKeyOf(request);
      keys.drop((held) => held.keys.accessKey === sent);
      return true;
    },
  };
}
