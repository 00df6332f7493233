// Running without keys, end to end against the mock server over real HTTP: each source (ECS metadata, CCE pod
// identity, OIDC federation) creates a restore point and waits for it; 20 concurrent calls make one fetch; keys
// are replaced before they expire with no 401 over several lifetimes; a revoked key is fetched once more and the
// call resent once; a rotated ID token file is the one sent next; a server with no agency or without the
// session-token step; the project found with temporary keys; the default chain on the mock's metadata service;
// a GitHub Actions job's ID token (GitHub's endpoint played by a local server); an ID token function; a pod
// identity token file rotated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type MockServer, SEED_PROJECT_ID, startMockServer } from '@cbr-sdk/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccessKeyProvider,
  CbrClient,
  CbrConfigError,
  defaultCredentials,
  fromEcsMetadata,
  fromIdToken,
  fromPodIdentity,
} from '../src/index.js';
import { seedParams } from './support/fixtures.js';

const REGION = 'cn-north-4';
const POD_TOKEN = 'pod-authorization-token-0123456789';
const mocks: MockServer[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

async function mock(options: Parameters<typeof startMockServer>[0]): Promise<MockServer> {
  const server = await startMockServer({ availableAfterMs: 0, ...options });
  mocks.push(server);
  return server;
}

const dir = () => mkdtempSync(join(tmpdir(), 'cbr-keyless-'));
const requestsOf = (server: MockServer, operation: string) =>
  server.requests.filter((request) => request.operation === operation);
const statuses = (server: MockServer, operation: string) =>
  requestsOf(server, operation).map((request) => request.status);

function client(
  server: MockServer,
  credentials: AccessKeyProvider,
  extra: Partial<ConstructorParameters<typeof CbrClient>[0]> = {},
) {
  return new CbrClient({
    region: REGION,
    endpoint: server.url,
    iamEndpoint: server.url,
    projectId: SEED_PROJECT_ID,
    credentials,
    retryBaseDelayMs: 1,
    ...extra,
  });
}

/** Each source, with the mock set up for it and the route that hands out its keys. */
const sources: [string, () => Promise<{ server: MockServer; credentials: AccessKeyProvider; fetch: string }>][] = [
  [
    'ECS metadata',
    async () => {
      const server = await mock({ metadata: { agency: true, sessionToken: 'required' } });
      return { server, credentials: fromEcsMetadata({ endpoint: server.url }), fetch: 'showMetadataSecurityKey' };
    },
  ],
  [
    'CCE pod identity',
    async () => {
      const server = await mock({ podIdentity: { authorizationToken: POD_TOKEN } });
      const file = join(dir(), 'token');
      writeFileSync(file, `${POD_TOKEN}\n`);
      const credentials = fromPodIdentity({ uri: `${server.url}/v1/credentials`, authorizationTokenFile: file });
      return { server, credentials, fetch: 'createPodIdentityCredentials' };
    },
  ],
  [
    'OIDC federation (ID token file)',
    async () => {
      const server = await mock({ identityProviders: ['github-ci'] });
      const file = join(dir(), 'id-token');
      writeFileSync(file, server.mintIdToken('github-ci', { expiresInMs: 60 * 60 * 1000 }));
      const credentials = fromIdToken({ idpId: 'github-ci', idTokenFile: file });
      return { server, credentials, fetch: 'createTemporaryAccessKeyByToken' };
    },
  ],
];

describe.each(sources)('%s', (_name, setUp) => {
  it('creates a restore point and waits for it; 20 concurrent calls make one fetch', async () => {
    const { server, credentials, fetch } = await setUp();
    const cbr = client(server, credentials);
    const created = await Promise.all(Array.from({ length: 20 }, () => cbr.checkpoints.create(seedParams())));
    const done = await cbr.checkpoints.waitUntilAvailable(created[0]?.id as string);
    expect(done.status).toBe('available');
    expect(requestsOf(server, fetch)).toHaveLength(1);
    expect(statuses(server, 'createCheckpoint')).toEqual(Array(20).fill(200));
  });

  it('a revoked key: fetched once more and the call resent once', async () => {
    const { server, credentials, fetch } = await setUp();
    const cbr = client(server, credentials);
    await cbr.checkpoints.create(seedParams());
    server.revokeTemporaryKeys();
    await cbr.checkpoints.create(seedParams());
    expect(statuses(server, 'createCheckpoint')).toEqual([200, 401, 200]);
    expect(requestsOf(server, fetch)).toHaveLength(2);
  });

  it('the project is found with the temporary keys (signed GET /v3/projects?name=<region>)', async () => {
    const { server, credentials } = await setUp();
    const cbr = client(server, credentials, { projectId: undefined });
    expect(await cbr.resolveProjectId()).toBe(SEED_PROJECT_ID);
    await cbr.checkpoints.create(seedParams());
  });
});

it('keys replaced before they expire: no 401 over several lifetimes', async () => {
  const server = await mock({ metadata: { agency: true, sessionToken: 'required', credentialTtlMs: 1_500 } });
  const cbr = client(server, fromEcsMetadata({ endpoint: server.url }));
  const fetches = () => requestsOf(server, 'showMetadataSecurityKey').length;
  // Calls until the third key (two replaced, about 2.7 s of 1.5 s keys renewed 150 ms ahead), or give up at 10 s.
  const until = performance.now() + 10_000;
  let calls = 0;
  while ((fetches() < 3 || calls <= 20) && performance.now() < until) {
    await Promise.all([cbr.checkpoints.create(seedParams()), cbr.checkpoints.create(seedParams())]);
    calls += 2;
    await sleep(50);
  }
  expect(calls).toBeGreaterThan(20);
  expect(statuses(server, 'createCheckpoint').every((status) => status === 200)).toBe(true);
  expect(fetches()).toBeGreaterThanOrEqual(3);
}, 20_000);

it('a server without the session-token step is served without it', async () => {
  const server = await mock({ metadata: { agency: true, sessionToken: 'unsupported' } });
  await client(server, fromEcsMetadata({ endpoint: server.url })).checkpoints.create(seedParams());
  expect(statuses(server, 'createMetadataSessionToken')).toEqual([404]);
  expect(statuses(server, 'showMetadataSecurityKey')).toEqual([200]);
});

it('a server with no agency: the clear CbrConfigError, nothing sent to CBR', async () => {
  const server = await mock({ metadata: { agency: false, sessionToken: 'required' } });
  const error = await client(server, fromEcsMetadata({ endpoint: server.url }))
    .checkpoints.create(seedParams())
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CbrConfigError);
  expect((error as Error).message).toMatch(/has no agency: attach an agency/);
  expect(requestsOf(server, 'createCheckpoint')).toHaveLength(0);
});

it('a rotated ID token file is the one sent next', async () => {
  // The mock's clock runs ahead when the test says so: its IAM sees the first ID token expire without a wait.
  let aheadMs = 0;
  const server = await mock({ identityProviders: ['github-ci'], now: () => new Date(Date.now() + aheadMs) });
  const file = join(dir(), 'id-token');
  // If the file were not read again, the refetch would send the first ID token, expired by then.
  writeFileSync(file, server.mintIdToken('github-ci', { expiresInMs: 60_000 }));
  const cbr = client(server, fromIdToken({ idpId: 'github-ci', idTokenFile: file }));
  await cbr.checkpoints.create(seedParams());
  aheadMs = 61_000;
  writeFileSync(file, server.mintIdToken('github-ci', { expiresInMs: 60_000 }));
  server.revokeTemporaryKeys();
  await cbr.checkpoints.create(seedParams());
  expect(statuses(server, 'createTokenWithIdToken')).toEqual([201, 201]);
  expect(statuses(server, 'createCheckpoint')).toEqual([200, 401, 200]);
});

it('an ID token IAM does not accept (another provider’s): the 401 of IAM, nothing sent to CBR', async () => {
  const server = await mock({ identityProviders: ['github-ci', 'other'] });
  const cbr = client(server, fromIdToken({ idpId: 'github-ci', idToken: server.mintIdToken('other') }));
  await expect(cbr.checkpoints.create(seedParams())).rejects.toMatchObject({
    name: 'CbrAuthError',
    operation: 'createTokenWithIdToken',
    status: 401,
  });
  expect(requestsOf(server, 'createCheckpoint')).toHaveLength(0);
});

it('the default chain with nothing else set up uses the metadata service (here, the mock’s)', async () => {
  const server = await mock({ metadata: { agency: true, sessionToken: 'optional' } });
  const env = { HOME: dir(), HUAWEICLOUD_SDK_METADATA_ENDPOINT: server.url };
  const cbr = CbrClient.fromEnv({}, { ...env, CBR_ENDPOINT: server.url, HUAWEICLOUD_SDK_PROJECT_ID: SEED_PROJECT_ID });
  expect(cbr.credentialSource).toBe(`ECS metadata (${server.url})`);
  await cbr.checkpoints.create(seedParams());
  expect(statuses(server, 'createCheckpoint')).toEqual([200]);
  // Pod identity, set up too, comes first: the node's metadata service would be the wrong identity.
  const podServer = await mock({ podIdentity: { authorizationToken: POD_TOKEN } });
  const tokenFile = join(dir(), 'pod-token');
  writeFileSync(tokenFile, POD_TOKEN);
  const podEnv = {
    ...env,
    HC_CONTAINER_CREDENTIALS_FULL_URI: `${podServer.url}/v1/credentials`,
    HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
  };
  const inPod = new CbrClient({
    endpoint: podServer.url,
    projectId: SEED_PROJECT_ID,
    credentials: defaultCredentials({ env: podEnv }),
  });
  await inPod.checkpoints.create(seedParams());
  expect(requestsOf(podServer, 'createPodIdentityCredentials')).toHaveLength(1);
  expect(requestsOf(server, 'showMetadataSecurityKey')).toHaveLength(1);
});

it('a refused metadata session token is renewed once, then the keys come', async () => {
  const server = await mock({ metadata: { agency: true, sessionToken: 'required', credentialTtlMs: 60_000 } });
  const cbr = client(server, fromEcsMetadata({ endpoint: server.url }));
  await cbr.checkpoints.create(seedParams());
  server.metadata.revokeSessionTokens();
  server.revokeTemporaryKeys();
  await cbr.checkpoints.create(seedParams());
  expect(statuses(server, 'createMetadataSessionToken')).toEqual([200, 200]);
  expect(statuses(server, 'showMetadataSecurityKey')).toEqual([200, 401, 200]);
  expect(statuses(server, 'createCheckpoint')).toEqual([200, 401, 200]);
});

it('GitHub Actions: the job’s ID token is asked for the audience, then exchanged at IAM', async () => {
  const server = await mock({ identityProviders: ['github-ci'] });
  const asked: { authorization: string | undefined; url: string | undefined }[] = [];
  const github = createServer((req, res) => {
    asked.push({ authorization: req.headers.authorization, url: req.url });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: server.mintIdToken('github-ci') }));
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  try {
    const port = (github.address() as { port: number }).port;
    const env = {
      HOME: dir(),
      HUAWEICLOUD_SDK_IDP_ID: 'github-ci',
      HUAWEICLOUD_SDK_ID_TOKEN_AUDIENCE: 'huaweicloud',
      ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/_apis/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'github-request-token-0123456789',
    };
    const cbr = client(server, defaultCredentials({ env }) as AccessKeyProvider, { projectId: undefined });
    expect(cbr.credentialSource).toBe(
      'environment: OIDC federation (identity provider github-ci, GitHub Actions ID token)',
    );
    const created = await cbr.checkpoints.create(seedParams());
    expect((await cbr.checkpoints.waitUntilAvailable(created.id)).status).toBe('available');
    expect(asked).toEqual([
      {
        authorization: 'Bearer github-request-token-0123456789',
        url: '/_apis/token?api-version=2.0&audience=huaweicloud',
      },
    ]);
    expect(statuses(server, 'createTokenWithIdToken')).toEqual([201]);
  } finally {
    github.closeAllConnections();
    await new Promise((resolve) => github.close(resolve));
  }
});

it('an ID token function is called at every fetch', async () => {
  const server = await mock({ identityProviders: ['gitlab'] });
  let calls = 0;
  const idToken = async () => {
    calls += 1;
    return server.mintIdToken('gitlab');
  };
  const cbr = client(server, fromIdToken({ idpId: 'gitlab', idToken }));
  await cbr.checkpoints.create(seedParams());
  server.revokeTemporaryKeys();
  await cbr.checkpoints.create(seedParams());
  expect(calls).toBe(2);
});

it('pod identity: the authorization token file is read again at every fetch', async () => {
  const server = await mock({ podIdentity: { authorizationToken: POD_TOKEN } });
  const file = join(dir(), 'token');
  writeFileSync(file, 'an-old-token-the-endpoint-refuses');
  const cbr = client(server, fromPodIdentity({ uri: `${server.url}/v1/credentials`, authorizationTokenFile: file }));
  await expect(cbr.checkpoints.create(seedParams())).rejects.toMatchObject({
    name: 'CbrAuthError',
    operation: 'createPodIdentityCredentials',
    status: 401,
  });
  writeFileSync(file, POD_TOKEN);
  await cbr.checkpoints.create(seedParams());
  expect(statuses(server, 'createPodIdentityCredentials')).toEqual([401, 200]);
});
