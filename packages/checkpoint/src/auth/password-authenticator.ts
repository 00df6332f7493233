// An IAM user's password as credentials: the SDK obtains a project-scoped token from IAM, keeps it in a
// TokenCache (fresh ahead of expiry, one IAM request at a time) and sends it as X-Auth-Token. After a 401 the
// token is dropped, so the request is sent once more with a new one.
import { AUTH_TOKEN_HEADER, Configuration, checkWith, formatSchemaIssue } from '@cbr-sdk/checkpoint-api';
import { iamValidatePwdPasswordUser } from '@cbr-sdk/checkpoint-api/iam';
import { CbrConfigError } from '../errors/cbr-error.js';
import type { Authenticator, PasswordAuthSetup } from './authenticator.js';
import type { PasswordCredentials } from './credentials.js';
import { TokenCache } from './token-cache.js';

// The IAM spec's names of the fields, and the option that carries each.
const OPTION_OF_FIELD: Record<string, string> = {
  name: 'credentials.userName',
  password: 'credentials.password',
  domain: 'credentials.domainName',
  'domain.name': 'credentials.domainName',
};

/** Throws CbrConfigError naming each option that breaks the IAM spec's rules for a password user. */
export function checkPasswordCredentials(credentials: PasswordCredentials): void {
  const user = { name: credentials.userName, password: credentials.password, domain: { name: credentials.domainName } };
  const issues = checkWith(iamValidatePwdPasswordUser, user);
  if (issues.length === 0) return;
  const list = issues.map((issue) => formatSchemaIssue({ ...issue, path: OPTION_OF_FIELD[issue.path] ?? issue.path }));
  throw new CbrConfigError(`password credentials are invalid: ${list.join('; ')}`);
}

export function passwordAuthenticator(credentials: PasswordCredentials, setup: PasswordAuthSetup): Authenticator {
  checkPasswordCredentials(credentials);
  const user: PasswordCredentials = { ...credentials };
  const tokens = new TokenCache({
    obtain: () => setup.iam.createToken(user, setup.scope),
    onRefreshFailed: setup.onRefreshFailed,
  });
  return {
    kind: 'password',
    configuration: new Configuration({}),
    async authenticate(request, context) {
      const token = await tokens.get(context);
      request.headers[AUTH_TOKEN_HEADER] = token.value;
      return request;
    },
    renewAfterRejection(request) {
      tokens.drop(request.headers[AUTH_TOKEN_HEADER]);
      return true;
    },
    projectIdOfCredentials: async (limits) => (await tokens.get(limits)).projectId,
  };
}
