// Client options from the environment, with the variable names of Huawei's official SDKs.
import type { Credentials } from '../auth/credentials.js';
import { CbrConfigError } from '../errors/cbr-error.js';
import type { CbrClientOptions } from './options.js';

/** Options that may be given beside (and win over) the environment. */
export type EnvironmentOptions = Partial<CbrClientOptions>;

export const ENVIRONMENT_VARIABLES = {
  accessKey: 'HUAWEICLOUD_SDK_AK',
  secretKey: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  token: 'HUAWEICLOUD_SDK_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  region: 'HUAWEICLOUD_SDK_REGION',
  endpoint: 'CBR_ENDPOINT',
} as const;

export function clientOptionsFromEnv(
  env: Record<string, string | undefined>,
  overrides: EnvironmentOptions = {},
): CbrClientOptions {
  const read = (name: keyof typeof ENVIRONMENT_VARIABLES) => {
    const value = env[ENVIRONMENT_VARIABLES[name]]?.trim();
    return value === '' ? undefined : value;
  };
  const missing: string[] = [];

  let credentials: Credentials | undefined = overrides.credentials;
  if (!credentials) {
    const accessKey = read('accessKey');
    const secretKey = read('secretKey');
    const token = read('token');
    if (accessKey || secretKey) {
      if (!accessKey) missing.push(ENVIRONMENT_VARIABLES.accessKey);
      if (!secretKey) missing.push(ENVIRONMENT_VARIABLES.secretKey);
      const securityToken = read('securityToken');
      credentials = {
        accessKey: accessKey ?? '',
        secretKey: secretKey ?? '',
        ...(securityToken ? { securityToken } : {}),
      };
    } else if (token) {
      credentials = { token };
    } else {
      missing.push(
        `${ENVIRONMENT_VARIABLES.accessKey} and ${ENVIRONMENT_VARIABLES.secretKey} (or ${ENVIRONMENT_VARIABLES.token})`,
      );
    }
  }
  const projectId = overrides.projectId ?? read('projectId');
  if (!projectId) missing.push(ENVIRONMENT_VARIABLES.projectId);
  const endpoint = overrides.endpoint ?? read('endpoint');
  const region = overrides.region ?? read('region');
  if (!endpoint && !region) missing.push(`${ENVIRONMENT_VARIABLES.region} (or ${ENVIRONMENT_VARIABLES.endpoint})`);

  if (missing.length > 0) {
    throw new CbrConfigError(`cannot configure the CBR client from the environment: missing ${missing.join(', ')}`);
  }
  return {
    ...overrides,
    credentials: credentials as Credentials,
    projectId: projectId as string,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
  };
}
