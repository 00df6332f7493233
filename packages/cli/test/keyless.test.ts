// cbr with no secret at all: the SDK's default chain against the mock server (its metadata service, its IAM with
// an identity provider, a local stand-in for GitHub's ID token endpoint). --verbose names the source, never a
// value; with nothing configured, off-cloud (the metadata service on a closed local port), exit 2 quickly with
// every source listed.
import { createServer } from 'node:http';
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { CLOSED_METADATA_ENDPOINT, onlyJson } from './support/cbr-process.js';
import { PROJECT_ID, REGION, startMock, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({
    metadata: { agency: true, sessionToken: 'required' },
    identityProviders: ['github-actions'],
    projects: [{ id: PROJECT_ID, name: REGION }],
  });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

const operations = () => mock.requests.map((request) => `${request.operation} ${request.status}`);

it('on a server with an agency: create --wait with no credentials, the keys from the metadata service', async () => {
  const result = await runCbrInProcess(
    [
      '--verbose',
      'checkpoint',
      'create',
      '--region',
      REGION,
      '--endpoint',
      mock.url,
      '--vault',
      VAULT_ID,
      '--wait',
      '--json',
    ],
    { env: { HUAWEICLOUD_SDK_METADATA_ENDPOINT: mock.url, HUAWEICLOUD_SDK_IAM_ENDPOINT: mock.url } },
  );
  expect(result.code, result.stderr).toBe(0);
  expect(onlyJson(result.stdout).status).toBe('available');
  expect(result.stderr).toContain(`access-key-provider auth, credentials from ECS metadata (${mock.url})`);
  expect(operations().slice(0, 4)).toEqual([
    'createMetadataSessionToken 200',
    'showMetadataSecurityKey 200',
    'keystoneListProjects 200',
    'createCheckpoint 200',
  ]);
});

it('in GitHub Actions with id-token: write: the job’s ID token, exchanged at IAM', async () => {
  const github = createServer((req, res) => {
    const audience = new URL(req.url ?? '/', 'http://x').searchParams.get('audience');
    const ok = req.headers.authorization === 'Bearer gh-request-token' && audience === 'huaweicloud';
    res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { value: mock.mintIdToken('github-actions') } : { message: 'no' }));
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  try {
    const port = (github.address() as { port: number }).port;
    const result = await runCbrInProcess(
      ['--verbose', 'checkpoint', 'create', '--vault', VAULT_ID, '--wait', '--json'],
      {
        env: {
          HUAWEICLOUD_SDK_REGION: REGION,
          CBR_ENDPOINT: mock.url,
          HUAWEICLOUD_SDK_IAM_ENDPOINT: mock.url,
          HUAWEICLOUD_SDK_IDP_ID: 'github-actions',
          HUAWEICLOUD_SDK_ID_TOKEN_AUDIENCE: 'huaweicloud',
          ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/_apis/token?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token',
        },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(onlyJson(result.stdout).status).toBe('available');
    expect(result.stderr).toContain(
      'credentials from environment: OIDC federation (identity provider github-actions, GitHub Actions ID token)',
    );
    expect(operations().slice(0, 3)).toEqual([
      'createTokenWithIdToken 201',
      'createTemporaryAccessKeyByToken 201',
      'keystoneListProjects 200',
    ]);
    expect(`${result.stdout}${result.stderr}`).not.toContain('gh-request-token');
  } finally {
    github.closeAllConnections();
    await new Promise((resolve) => github.close(resolve));
  }
});

it('nothing configured, off-cloud: exit 2 within seconds, every source listed, nothing sent to CBR', async () => {
  const started = performance.now();
  const result = await runCbrInProcess(
    ['checkpoint', 'create', '--region', REGION, '--endpoint', mock.url, '--vault', VAULT_ID],
    {
      env: { HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID },
    },
  );
  expect(result.code).toBe(2);
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(result.stderr).toContain('no credentials found. Tried, in order: environment: none of');
  expect(result.stderr).toContain('CCE pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI is not set');
  expect(result.stderr).toContain(`ECS metadata: ${CLOSED_METADATA_ENDPOINT} did not answer`);
  expect(mock.requests).toHaveLength(0);
});
