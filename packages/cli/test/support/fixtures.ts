// The mock server and the values the CLI tests share. The vault and server are the mock's default ones
// (the seed page's example); the project is the seed page's.
import { DEFAULT_VAULTS, type MockServer, type MockServerOptions, startMockServer } from '@cbr-sdk/mock-server';

export const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';
export const OTHER_PROJECT_ID = '0123456789abcdef0123456789abcdef';
export const TOKEN = 'MIIE-cli-secret-token-0123456789abcdef';
export const ACCESS_KEY = 'HPUACLIEXAMPLEACCESSKEY';
export const SECRET_KEY = 'cli-secret-key-do-not-leak-9876543210';
export const SECURITY_TOKEN = 'cli-security-token-do-not-leak-5555';

const vault = DEFAULT_VAULTS[0];
if (!vault?.resources[0]) throw new Error('the mock server has no default vault with a resource');
export const VAULT_ID = vault.id;
export const SERVER_ID = vault.resources[0].id;

/** A mock that accepts TOKEN and the AK/SK pair only. */
export function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({
    port: 0,
    availableAfterMs: 0,
    tokens: [TOKEN],
    accessKeys: { [ACCESS_KEY]: SECRET_KEY },
    ...options,
  });
}

/** The environment of a CI job that configures cbr with a token (as the README shows). */
export const tokenEnv = (mock: MockServer) => ({
  CBR_ENDPOINT: mock.url,
  HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
  HUAWEICLOUD_SDK_TOKEN: TOKEN,
});

/** POSTs the mock received (restore points it was asked to create). */
export const createRequests = (mock: MockServer) => mock.requests.filter((r) => r.operation === 'createCheckpoint');
