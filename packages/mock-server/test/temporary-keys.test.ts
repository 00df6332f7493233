// Temporary keys at the gateway over real HTTP: a key the mock issued is honoured on CBR's and IAM's routes
// only with its own security token, among the signed headers, until it expires or is revoked; every refusal
// is 401 APIGW.0301 with the reason in words, and no security token is kept in the records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, REDACTED, SEED_PROJECT_ID, startMockServer } from '../src/index.js';
import { call, expectCheckpoint, expectError, manualClock } from './helpers.js';
import { createSignedWith, signedCall, type TemporaryKey } from './temporary-key-helpers.js';

const clock = manualClock();
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    availableAfterMs: 0,
    now: clock.now,
    metadata: { sessionToken: 'unsupported', credentialTtlMs: 10 * 60_000 },
  });
});
afterAll(() => server.close());

async function metadataKey(): Promise<TemporaryKey> {
  const reply = await call(server, 'GET', '/openstack/latest/securitykey', { headers: {} });
  expect(reply.status, reply.text).toBe(200);
  const { access, secret, securitytoken } = reply.json.credential;
  return { accessKey: access, secretKey: secret, securityToken: securitytoken };
}

describe('a temporary key on CBR’s routes', () => {
  it('is accepted with its security token signed, until it expires; then 401 APIGW.0301 naming the expiry', async () => {
    const key = await metadataKey();
    expectCheckpoint(await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() }));
    clock.advance(10 * 60_000 - 1);
    expectCheckpoint(await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() }));
    clock.advance(1);
    const refused = await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() });
    expect(expectError(refused, 401, 'APIGW.0301')).toMatch(/temporary access key expired/);
  });

  it('is refused without its security token, or with the token sent but not signed', async () => {
    const key = await metadataKey();
    const absent = await createSignedWith(server, key, SEED_PROJECT_ID, { token: 'absent', now: clock.now() });
    expect(expectError(absent, 401, 'APIGW.0301')).toMatch(/security token is missing/);
    const unsigned = await createSignedWith(server, key, SEED_PROJECT_ID, { token: 'unsigned', now: clock.now() });
    expect(expectError(unsigned, 401, 'APIGW.0301')).toMatch(/X-Security-Token is sent but not signed/);
  });

  it('is refused with another key’s security token, or with a made-up secret key', async () => {
    const [one, two] = [await metadataKey(), await metadataKey()];
    const swapped = await createSignedWith(server, { ...one, securityToken: two.securityToken }, SEED_PROJECT_ID, {
      now: clock.now(),
    });
    expect(expectError(swapped, 401, 'APIGW.0301')).toMatch(/does not belong to this access key/);
    const forged = await createSignedWith(server, { ...one, secretKey: 'guessed-secret' }, SEED_PROJECT_ID, {
      now: clock.now(),
    });
    expect(expectError(forged, 401, 'APIGW.0301')).toMatch(/signature does not match/);
  });

  it('is refused once revokeTemporaryKeys() ran, and a key issued after it works', async () => {
    const before = await metadataKey();
    server.revokeTemporaryKeys();
    const refused = await createSignedWith(server, before, SEED_PROJECT_ID, { now: clock.now() });
    expect(expectError(refused, 401, 'APIGW.0301')).toMatch(/revoked/);
    expectCheckpoint(await createSignedWith(server, await metadataKey(), SEED_PROJECT_ID, { now: clock.now() }));
  });
});

describe('a temporary key on IAM’s project query', () => {
  it('finds the region’s project (project ID discovery works with temporary keys)', async () => {
    const key = await metadataKey();
    const reply = await signedCall(server, key, 'GET', '/v3/projects?name=cn-north-4', { now: clock.now() });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.projects[0].id).toBe(SEED_PROJECT_ID);
    const absent = await signedCall(server, key, 'GET', '/v3/projects?name=cn-north-4', {
      token: 'absent',
      now: clock.now(),
    });
    expect(absent.status).toBe(401);
  });
});

describe('recording', () => {
  it('keeps X-Security-Token as [REDACTED]; no security token or secret key is in the records', async () => {
    const key = await metadataKey();
    await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() });
    expect(server.requests.at(-1)?.headers['x-security-token']).toBe(REDACTED);
    const dump = JSON.stringify(server.requests);
    expect(dump).not.toContain(key.securityToken);
    expect(dump).not.toContain(key.secretKey);
  });
});
