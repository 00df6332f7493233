// Client options from the environment, with the variable names of Huawei's official SDKs where they have one
// (the IAM user's have none: HUAWEICLOUD_SDK_DOMAIN_NAME, _USER_NAME and _PASSWORD are this SDK's, in the same
// family). Options passed in win over the environment.
import { defaultCredentials } from '../auth/chain.js';
import type { Credentials } from '../auth/credentials.js';
import { CbrConfigError } from '../errors/cbr-error.js';
import type { CbrClientOptions } from './options.js';

/** Options that may be given beside (and win over) the environment. */
export type EnvironmentOptions = Partial<CbrClientOptions>;

/** The environment variable each option is read from by {@link CbrClient.fromEnv}, by option name. */
export const ENVIRONMENT_VARIABLES = {
  accessKey: 'HUAWEICLOUD_SDK_AK',
  secretKey: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  domainName: 'HUAWEICLOUD_SDK_DOMAIN_NAME',
  userName: 'HUAWEICLOUD_SDK_USER_NAME',
  password: 'HUAWEICLOUD_SDK_PASSWORD',
  token: 'HUAWEICLOUD_SDK_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  region: 'HUAWEICLOUD_SDK_REGION',
  endpoint: 'CBR_ENDPOINT',
  iamEndpoint: 'HUAWEICLOUD_SDK_IAM_ENDPOINT',
} as const;

type Name = keyof typeof ENVIRONMENT_VARIABLES;

const list = (names: readonly Name[]) => {
  const variables = names.map((name) => ENVIRONMENT_VARIABLES[name]);
  return variables.length < 2 ? variables.join('') : `${variables.slice(0, -1).join(', ')} and ${variables.at(-1)}`;
};

// The three kinds of credentials, in the order they are taken when several are set.
const KINDS = [
  { variables: ['accessKey', 'secretKey'], optional: ['securityToken'] },
  { variables: ['domainName', 'userName', 'password'], optional: [] },
  { variables: ['token'], optional: [] },
] as const satisfies readonly { variables: readonly Name[]; optional: readonly Name[] }[];

/** The environment's value of `name`: trimmed (a password as it is), undefined when empty. */
export const envReader =
  (env: Readonly<Record<string, string | undefined>>) =>
  (name: Name): string | undefined => {
    // A password is taken as it is (it may begin or end with a space); other values are trimmed.
    const raw = env[ENVIRONMENT_VARIABLES[name]];
    const value = name === 'password' ? raw : raw?.trim();
    return value === '' || value?.trim() === '' ? undefined : value;
  };

/** The names of the variables of every kind of credentials the environment can hold (for error messages). */
export const CREDENTIAL_VARIABLES_TEXT = KINDS.map((kind) => list(kind.variables)).join(', or ');

/**
 * Static credentials from the environment (AK/SK, an IAM user, a token), or undefined when none of their
 * variables is set. Part of a kind set is a CbrConfigError saying what is missing.
 */
export function staticCredentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const missing: string[] = [];
  const credentials = credentialsFromEnv(envReader(env), missing);
  if (credentials === undefined && missing.length > 0 && !missing[0]?.startsWith('credentials:')) {
    throw new CbrConfigError(`cannot configure the CBR client from the environment: missing ${missing.join('; ')}`);
  }
  return credentials;
}

function credentialsFromEnv(read: (name: Name) => string | undefined, missing: string[]): Credentials | undefined {
  for (const kind of KINDS) {
    const absent = kind.variables.filter((name) => read(name) === undefined);
    if (absent.length === kind.variables.length) continue;
    // Part of a kind is set: say what the rest of it is, rather than fall through to another kind.
    if (absent.length > 0) {
      missing.push(`${list(absent)} (beside ${list(kind.variables.filter((name) => !absent.includes(name)))})`);
      return undefined;
    }
    const values = Object.fromEntries(
      [...kind.variables, ...kind.optional].flatMap((name) => {
        const value = read(name);
        return value === undefined ? [] : [[name, value]];
      }),
    );
    return values as unknown as Credentials;
  }
  missing.push(`credentials: ${CREDENTIAL_VARIABLES_TEXT}`);
  return undefined;
}

export function clientOptionsFromEnv(
  env: Record<string, string | undefined>,
  overrides: EnvironmentOptions = {},
): CbrClientOptions {
  const read = envReader(env);
  const missing: string[] = [];

  // Not given: the default chain (environment, credentials file, pod identity, ECS metadata) on this environment.
  const credentials = overrides.credentials ?? defaultCredentials({ env });
  const projectId = overrides.projectId ?? read('projectId');
  const endpoint = overrides.endpoint ?? read('endpoint');
  const region = overrides.region ?? read('region');
  const iamEndpoint = overrides.iamEndpoint ?? withScheme(read('iamEndpoint'));
  if (!endpoint && !region) missing.push(`${ENVIRONMENT_VARIABLES.region} (or ${ENVIRONMENT_VARIABLES.endpoint})`);
  // Only a token needs the project given; the other kinds find it from the region.
  if (!projectId && typeof credentials === 'object' && 'token' in credentials)
    missing.push(ENVIRONMENT_VARIABLES.projectId);

  if (missing.length > 0) {
    throw new CbrConfigError(`cannot configure the CBR client from the environment: missing ${missing.join('; ')}`);
  }
  return {
    ...overrides,
    credentials: credentials as Credentials,
    ...(projectId ? { projectId } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(iamEndpoint ? { iamEndpoint } : {}),
  };
}

/** `iam.example.com` → `https://iam.example.com`, as Huawei's Go core reads this variable. */
const withScheme = (endpoint: string | undefined) =>
  endpoint === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
