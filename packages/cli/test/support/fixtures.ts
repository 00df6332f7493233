// The mock server and the values the CLI tests share. The vault and server are the mock's default ones
// (the seed page's example); the project is the seed page's.
import { DEFAULT_VAULTS, type MockServer, type MockServerOptions, startMockServer } from '@cbr-sdk/mock-server';

export const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';
export const OTHER_PROJECT_ID = '0123456789abcdef0123456789abcdef';
export const TOKEN = 'MIIE-cli-secret-token-0123456789abcdef';
export const ACCESS_KEY = 'HPUACLIEXAMPLEACCESSKEY';
export const SECRET_KEY = 'cli-secret-key-do-not-leak-9876543210';
export const SECURITY_TOKEN = 'cli-security-token-do-not-leak-5555';
/** An IAM user of the mock (password credentials: the SDK gets its token from the mock's IAM). */
export const IAM_USER = { domainName: 'acme-prod', userName: 'backup-bot', password: 'cli-Pa55word-do-not-leak!' };
export const REGION = 'cn-north-4';
/** An IAM token as the mock issues them (opaque, starting MII, long): none may ever be shown. */
export const ISSUED_TOKEN = /MII[\w+/=-]{40,}/;

const vault = DEFAULT_VAULTS[0];
if (!vault?.resources[0]) throw new Error('the mock server has no default vault with a resource');
export const VAULT_ID = vault.id;
export const SERVER_ID = vault.resources[0].id;

/** A mock that accepts TOKEN, the AK/SK pair and IAM_USER only. */
export function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({
    port: 0,
    availableAfterMs: 0,
    tokens: [TOKEN],
    iamUsers: [IAM_USER],
    accessKeys: { [ACCESS_KEY]: SECRET_KEY },
    ...options,
  });
}

/**
 * Runs `body` against a mock of its own ({@link startMock} with `options`), closed when it ends: for tests that
 * run concurrently (a shared mock's reset would pull the store from under another test).
 */
export async function withMock<T>(options: MockServerOptions, body: (mock: MockServer) => Promise<T>): Promise<T> {
  const mock = await startMock(options);
  try {
    return await body(mock);
  } finally {
    await mock.close();
  }
}

/** The environment of a CI job that configures cbr with a token (as the README shows). */
export const tokenEnv = (mock: MockServer) => ({
  CBR_ENDPOINT: mock.url,
  HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
  HUAWEICLOUD_SDK_TOKEN: TOKEN,
});

/** The environment of a job that signs in as an IAM user: no project given (it is the token's). */
export const passwordEnv = (mock: MockServer) => ({
  CBR_ENDPOINT: mock.url,
  HUAWEICLOUD_SDK_IAM_ENDPOINT: mock.url,
  HUAWEICLOUD_SDK_REGION: REGION,
  HUAWEICLOUD_SDK_DOMAIN_NAME: IAM_USER.domainName,
  HUAWEICLOUD_SDK_USER_NAME: IAM_USER.userName,
  HUAWEICLOUD_SDK_PASSWORD: IAM_USER.password,
});

/** POSTs the mock received (restore points it was asked to create). */
export const createRequests = (mock: MockServer) => mock.requests.filter((r) => r.operation === 'createCheckpoint');
