// CCE pod identity on the mock over real HTTP: the pod's authorization token (exactly, no Bearer) gets a
// temporary key in the spec's shape that CBR accepts until credentialTtlMs; a wrong, missing or rotated-out
// token is 401; the body must be a JSON object; the token is never kept in the records.
import { checkCredentialSourceSchema } from '@cbr-sdk/checkpoint-api/credential-sources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, REDACTED, SEED_PROJECT_ID, startMockServer } from '../src/index.js';
import { call, expectCheckpoint, expectError, manualClock } from './helpers.js';
import { createSignedWith } from './temporary-key-helpers.js';

const AUTHORIZATION = 'pod-authorization-token-that-must-never-leak';
const clock = manualClock();
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    availableAfterMs: 0,
    now: clock.now,
    podIdentity: { authorizationToken: AUTHORIZATION, credentialTtlMs: 5 * 60_000 },
  });
});
afterAll(() => server.close());

const fetchCredentials = (authorization: string | undefined, body: unknown = {}) =>
  call(server, 'POST', '/v1/credentials', {
    body,
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });

describe('POST /v1/credentials', () => {
  it('answers the pod’s temporary key in the spec’s shape; CBR accepts it until credentialTtlMs', async () => {
    const reply = await fetchCredentials(AUTHORIZATION);
    expect(reply.status, reply.text).toBe(200);
    expect(checkCredentialSourceSchema('PodIdentityCredentialsResponseBody', reply.json)).toEqual([]);
    const { accessKeyId, secretAccessKey, securityToken, expiration } = reply.json.credentials;
    expect(Date.parse(expiration)).toBe(clock.now().getTime() + 5 * 60_000);
    const key = { accessKey: accessKeyId, secretKey: secretAccessKey, securityToken };
    expectCheckpoint(await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() }));
    clock.advance(5 * 60_000);
    expectError(await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() }), 401, 'APIGW.0301');
    expect(server.fetchCount('createPodIdentityCredentials')).toBe(1);
  });

  it('refuses a missing, wrong or Bearer-prefixed authorization token with 401', async () => {
    for (const authorization of [undefined, 'wrong', `Bearer ${AUTHORIZATION}`]) {
      const reply = await fetchCredentials(authorization);
      expect(reply.status, String(authorization)).toBe(401);
      expect(checkCredentialSourceSchema('MetadataError', reply.json)).toEqual([]);
    }
  });

  it('refuses the old token at once after a rotation, and takes the new one', async () => {
    server.podIdentity.authorizationToken = 'rotated-authorization-token';
    try {
      expect((await fetchCredentials(AUTHORIZATION)).status).toBe(401);
      expect((await fetchCredentials('rotated-authorization-token')).status).toBe(200);
    } finally {
      server.podIdentity.authorizationToken = AUTHORIZATION;
    }
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    for (const body of ['not json', '[]', 'null']) {
      const reply = await call(server, 'POST', '/v1/credentials', {
        body,
        headers: { Authorization: AUTHORIZATION, 'Content-Type': 'application/json' },
      });
      expect(reply.status, body).toBe(400);
    }
  });

  it('is 404 on a mock started without podIdentity', async () => {
    const plain = await startMockServer();
    try {
      expect((await call(plain, 'POST', '/v1/credentials', { body: {}, headers: { Authorization: 'x' } })).status).toBe(
        404,
      );
    } finally {
      await plain.close();
    }
  });

  it('keeps the authorization token as [REDACTED] in the records', async () => {
    await fetchCredentials(AUTHORIZATION);
    expect(server.requests.at(-1)?.headers.authorization).toBe(REDACTED);
    expect(JSON.stringify(server.requests)).not.toContain(AUTHORIZATION);
  });
});
