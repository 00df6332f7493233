// The default chain: environment → credentials file → CCE pod identity → ECS metadata. Which source wins is
// decided without a request (client.credentialSource names it); a configured source that cannot work is an
// error, not a fall-through; with nothing configured, off-cloud, the first call fails within about a second
// with a CbrConfigError listing every source. The metadata service is always a closed port on 127.0.0.1 here.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, CbrConfigError, defaultCredentials } from '../src/index.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, seedParams } from './support/fixtures.js';

const dir = () => mkdtempSync(join(tmpdir(), 'cbr-chain-'));

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let offCloud: string;
beforeAll(async () => {
  offCloud = `http://127.0.0.1:${await closedPort()}`;
});

/** A home with a credentials file holding `text`. */
function homeWithFile(text: string): string {
  const home = dir();
  mkdirSync(join(home, '.huaweicloud'));
  writeFileSync(join(home, '.huaweicloud', 'credentials'), text);
  return home;
}

const sourceOf = (env: Record<string, string>) =>
  new CbrClient({
    region: 'cn-north-4',
    endpoint: 'http://127.0.0.1:1',
    projectId: PROJECT_ID,
    credentials: defaultCredentials({ env }),
  }).credentialSource;

describe('the order: environment, credentials file, pod identity, metadata', () => {
  const everything = () => {
    const home = homeWithFile(`[basic]\nak = FILEAK\nsk = file-secret\n`);
    const podToken = join(home, 'pod-token');
    writeFileSync(podToken, 'pod-token-value');
    return {
      HOME: home,
      HUAWEICLOUD_SDK_AK: ACCESS_KEY,
      HUAWEICLOUD_SDK_SK: SECRET_KEY,
      HC_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:2/credentials',
      HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: podToken,
      HUAWEICLOUD_SDK_METADATA_ENDPOINT: offCloud,
    } as Record<string, string>;
  };

  it('the environment beats the file, the file beats pod identity, pod identity beats metadata', () => {
    const env = everything();
    expect(sourceOf(env)).toBe('environment (HUAWEICLOUD_SDK_AK)');
    delete env.HUAWEICLOUD_SDK_AK;
    delete env.HUAWEICLOUD_SDK_SK;
    expect(sourceOf(env)).toBe(`credentials file (${env.HOME}/.huaweicloud/credentials, [basic])`);
    env.HOME = dir();
    expect(sourceOf(env)).toBe('CCE pod identity (http://127.0.0.1:2)');
    delete env.HC_CONTAINER_CREDENTIALS_FULL_URI;
    expect(sourceOf(env)).toBe(`ECS metadata (${offCloud})`);
  });

  it('in the environment, an identity provider beats AK/SK (as in the official SDKs)', () => {
    const env = everything();
    const idToken = join(env.HOME as string, 'id-token');
    writeFileSync(idToken, 'header.payload.signature');
    env.HUAWEICLOUD_SDK_IDP_ID = 'github-ci';
    env.HUAWEICLOUD_SDK_ID_TOKEN_FILE = idToken;
    expect(sourceOf(env)).toBe(`environment: OIDC federation (identity provider github-ci, ID token file ${idToken})`);
  });

  it('an IAM user and a token from the environment are named too', () => {
    const home = dir();
    expect(
      sourceOf({
        HOME: home,
        HUAWEICLOUD_SDK_DOMAIN_NAME: 'd',
        HUAWEICLOUD_SDK_USER_NAME: 'u',
        HUAWEICLOUD_SDK_PASSWORD: 'p',
      }),
    ).toBe('environment (HUAWEICLOUD_SDK_USER_NAME)');
    expect(sourceOf({ HOME: home, HUAWEICLOUD_SDK_TOKEN: 'MIItoken' })).toBe('environment (HUAWEICLOUD_SDK_TOKEN)');
  });
});

describe('a source that is configured but cannot work is an error, never a fall-through', () => {
  it('part of a kind in the environment', () => {
    expect(() => defaultCredentials({ env: { HOME: dir(), HUAWEICLOUD_SDK_AK: ACCESS_KEY } })).toThrow(
      /missing HUAWEICLOUD_SDK_SK \(beside HUAWEICLOUD_SDK_AK\)/,
    );
    expect(() => defaultCredentials({ env: { HOME: dir(), HUAWEICLOUD_SDK_ID_TOKEN_FILE: '/x' } })).toThrow(
      /missing HUAWEICLOUD_SDK_IDP_ID/,
    );
  });

  it('an identity provider without an ID token', () => {
    expect(() => defaultCredentials({ env: { HOME: dir(), HUAWEICLOUD_SDK_IDP_ID: 'github-ci' } })).toThrow(
      /fromIdToken: an ID token is required/,
    );
  });

  it('HUAWEICLOUD_SDK_CREDENTIALS_FILE naming no file', () => {
    expect(() =>
      defaultCredentials({ env: { HOME: dir(), HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/nonexistent/credentials' } }),
    ).toThrow(/HUAWEICLOUD_SDK_CREDENTIALS_FILE names \/nonexistent\/credentials, which is not a file/);
  });

  it('pod identity without its token file', () => {
    expect(() =>
      defaultCredentials({ env: { HOME: dir(), HC_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:2/c' } }),
    ).toThrow(/HC_CONTAINER_AUTHORIZATION_TOKEN_FILE/);
  });

  it('a credentials file with ak but no sk: the file, the line and the key, never the value', async () => {
    const home = homeWithFile('# mine\n[basic]\nak = HPUASECRETISH\n');
    const cbr = new CbrClient({
      endpoint: offCloud,
      projectId: PROJECT_ID,
      credentials: defaultCredentials({ env: { HOME: home, HUAWEICLOUD_SDK_METADATA_ENDPOINT: offCloud } }),
    });
    const error = await cbr.checkpoints.create(seedParams()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CbrConfigError);
    expect((error as Error).message).toBe(
      `credentials file ${home}/.huaweicloud/credentials, line 3: [basic] has ak but no sk`,
    );
  });
});

it('nothing configured, off-cloud: the first call fails within about a second, listing every source', async () => {
  const home = dir();
  const cbr = new CbrClient({
    endpoint: offCloud,
    projectId: PROJECT_ID,
    credentials: defaultCredentials({ env: { HOME: home, HUAWEICLOUD_SDK_METADATA_ENDPOINT: offCloud } }),
  });
  const started = performance.now();
  const error = await cbr.checkpoints.create(seedParams()).catch((caught: unknown) => caught);
  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(CbrConfigError);
  const message = (error as Error).message;
  expect(message).toMatch(/^no credentials found\. Tried, in order: environment: none of HUAWEICLOUD_SDK_AK/);
  expect(message).toContain(`credentials file: ${home}/.huaweicloud/credentials does not exist`);
  expect(message).toContain('CCE pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI is not set');
  expect(message).toContain(`ECS metadata: ${offCloud} did not answer`);
  // A refused connection is immediate; the bound that matters off-cloud is the 1 s request timeout (below).
  expect(elapsed).toBeLessThan(5_000);
});

it('a metadata address that swallows packets: given up after the 1 s timeout, the same listing error', async () => {
  // A listening socket that never answers stands in for a link-local address with no one behind it.
  const sockets = new Set<import('node:net').Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  try {
    const cbr = new CbrClient({
      endpoint: offCloud,
      projectId: PROJECT_ID,
      credentials: defaultCredentials({ env: { HOME: dir(), HUAWEICLOUD_SDK_METADATA_ENDPOINT: endpoint } }),
    });
    const started = performance.now();
    const error = await cbr.checkpoints.create(seedParams()).catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(CbrConfigError);
    expect((error as Error).message).toContain(`ECS metadata: ${endpoint} did not answer (no answer within 1000 ms)`);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

it('credentials left out: the client uses the chain on process.env', () => {
  const cbr = new CbrClient({ endpoint: 'http://127.0.0.1:1', projectId: PROJECT_ID });
  expect(cbr.authentication).toBeTypeOf('string');
  expect(cbr.credentialSource).not.toBe('');
});

it('the metadata service’s default address is the credential-sources spec’s', async () => {
  const { METADATA_DEFAULT_ENDPOINT } = await import('@cbr-sdk/checkpoint-api/credential-sources');
  const { DEFAULT_METADATA_ENDPOINT } = await import('../src/index.js');
  expect(DEFAULT_METADATA_ENDPOINT).toBe(METADATA_DEFAULT_ENDPOINT);
});
