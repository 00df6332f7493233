// AK/SK through the whole client: what arrives at the server is signed exactly as Huawei's own signer
// (@huaweicloud/huaweicloud-sdk-core) would sign that request, over many generated requests.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, type VaultBackup } from '../src/index.js';
import { seedResponse } from './support/fixtures.js';
import { json, type Received, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: unknown): Record<string, string> };
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, seedResponse()));
});
afterAll(() => server.close());

/** The Authorization the official signer computes for the request that arrived. */
function officialAuthorization(received: Received, accessKey: string, secretKey: string): string | undefined {
  const signedNames = /SignedHeaders=([^,]+)/.exec(String(received.headers.authorization))?.[1]?.split(';') ?? [];
  const headers: Record<string, string> = {};
  // The official signer looks for its date header under this exact spelling.
  for (const name of signedNames) {
    if (name !== 'host') headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = String(received.headers[name]);
  }
  return AKSKSigner.sign(
    {
      endpoint: `${server.url}${received.path}`,
      method: received.method,
      queryParams: {},
      headers,
      data: received.body === '' ? undefined : JSON.parse(received.body),
    },
    { getAk: () => accessKey, getSk: () => secretKey },
  ).Authorization;
}

// Any grapheme but < and >, which the spec refuses in a description.
const text = fc.string({ unit: 'grapheme', maxLength: 60 }).map((value) => value.replace(/[<>]/g, ''));
const params: fc.Arbitrary<VaultBackup> = fc.record(
  {
    vault_id: fc.uuid(),
    parameters: fc.record(
      {
        // The spec's name pattern: letters (Chinese characters included), digits, _ and -.
        name: fc.stringMatching(/^[\u4E00-\u9FA5\uF900-\uFA2Da-zA-Z0-9_-]{1,20}$/),
        description: text,
        incremental: fc.boolean(),
        resources: fc.array(fc.uuid(), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['vault_id'] },
);
const id = fc
  .array(fc.constantFrom(...'0af-_.~ ü好!*()/?#'), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join(''))
  .filter((value) => value !== '.' && value !== '..');
const keys = fc.record({
  accessKey: fc.stringMatching(/^[A-Z0-9]{20}$/),
  secretKey: fc.string({ minLength: 1, maxLength: 40 }).filter((value) => value.trim() !== ''),
  securityToken: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{10,40}$/), { nil: undefined }),
});

describe('AK/SK signing through CbrClient', () => {
  it('agrees byte for byte with the official signer, for create and get', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        id,
        fc.stringMatching(/^[0-9a-f]{32}$/),
        params,
        keys,
        async (isCreate, checkpointId, projectId, body, credentials) => {
          server.reset(() => json(200, seedResponse()));
          const cbr = new CbrClient({ endpoint: server.url, projectId, credentials });
          if (isCreate) await cbr.checkpoints.create(body);
          else await cbr.checkpoints.get(checkpointId);

          const [received] = server.received;
          if (!received) throw new Error('nothing arrived');
          expect(received.headers['x-project-id']).toBe(projectId);
          expect(received.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
          expect(received.headers['x-auth-token']).toBeUndefined();
          if (credentials.securityToken) expect(received.headers['x-security-token']).toBe(credentials.securityToken);
          expect(received.headers.authorization).toBe(
            officialAuthorization(received, credentials.accessKey, credentials.secretKey),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('signs the headers the CBR docs list for a POST', async () => {
    server.reset(() => json(200, seedResponse()));
    const cbr = new CbrClient({
      endpoint: server.url,
      projectId: 'p1',
      credentials: { accessKey: 'AK', secretKey: 'SK' },
    });
    await cbr.checkpoints.create({ vault_id: 'v' });
    expect(server.received[0]?.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('signs each retry afresh (new X-Sdk-Date and signature over the same body)', async () => {
    server.reset((_, index) =>
      index === 0 ? json(429, { error_code: 'APIGW.0308', error_msg: 'throttled' }) : json(200, seedResponse()),
    );
    const cbr = new CbrClient({
      endpoint: server.url,
      projectId: 'p1',
      credentials: { accessKey: 'AK', secretKey: 'SK' },
      retryBaseDelayMs: 1100,
      maxRetryDelayMs: 1100,
    });
    await cbr.checkpoints.create({ vault_id: 'v' });
    const [first, second] = server.received;
    expect(first?.body).toBe(second?.body);
    for (const request of [first, second]) {
      expect(request?.headers.authorization).toBe(officialAuthorization(request as Received, 'AK', 'SK'));
    }
  });
});
