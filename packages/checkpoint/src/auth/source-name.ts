// The name of the source credentials came from (`ECS metadata (http://169.254.169.254)`, `environment
// (HUAWEICLOUD_SDK_AK)`), for `client.credentialSource` and the CLI's --verbose. A name, never a value.
import type { Credentials } from './credentials.js';

const NAMES = new WeakMap<object, string>();

/** Tags `credentials` with the name of their source; returns them. */
export function nameSource<T extends object>(credentials: T, name: string): T {
  NAMES.set(credentials, name);
  return credentials;
}

/** The name of the source of `credentials`: the one given by a source, else their kind. */
export function sourceNameOf(credentials: Credentials): string {
  const named = NAMES.get(credentials);
  if (named !== undefined) return named;
  if (typeof credentials === 'function') return 'access key provider';
  if ('accessKey' in credentials || 'secretKey' in credentials) return 'access key (options)';
  if ('password' in credentials || 'userName' in credentials) return 'IAM user (options)';
  return 'IAM token (options)';
}
