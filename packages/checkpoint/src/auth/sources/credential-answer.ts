// The answer of the metadata service's securitykey route and of IAM's OS-CREDENTIAL/securitytokens, the same
// shape: `{"credential":{"access","secret","securitytoken","expires_at"}}`. An error names the missing fields,
// never a value.
import { CbrError } from '../../errors/cbr-error.js';
import type { TemporaryAccessKeys } from '../credentials.js';
import { jsonObject, parseExpiry } from './source-request.js';

/** `{"credential":{"access","secret","securitytoken","expires_at"}}`: the metadata service's and IAM's answer. */
export function readCredentialAnswer(body: string, operation: string): TemporaryAccessKeys {
  const credential = jsonObject(body)?.credential;
  const fields = (typeof credential === 'object' && credential !== null ? credential : {}) as Record<string, unknown>;
  const { access, secret, securitytoken, expires_at } = fields;
  const missing = [
    typeof access === 'string' && access !== '' ? undefined : 'credential.access',
    typeof secret === 'string' && secret !== '' ? undefined : 'credential.secret',
    typeof securitytoken === 'string' && securitytoken !== '' ? undefined : 'credential.securitytoken',
  ].filter((name) => name !== undefined);
  const expiresAt = parseExpiry(expires_at);
  if (expiresAt === undefined) missing.push('credential.expires_at');
  if (missing.length > 0) {
    throw new CbrError(`${operation}: the answer has no valid ${missing.join(', ')} (temporary keys expected)`);
  }
  return {
    accessKey: access as string,
    secretKey: secret as string,
    securityToken: securitytoken as string,
    expiresAt: expiresAt as Date,
  };
}
