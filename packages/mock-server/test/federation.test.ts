// OIDC federation at the mock's IAM over real HTTP: ID tokens the mock mints (RS256) exchanged for IAM tokens by
// IAM's route (X-Idp-Id) and by Keystone's (Bearer, the official Node core's), then for temporary keys; the
// refusals of an expired, foreign-signed or other-IdP ID token in IAM's shapes; duration_seconds and
// temporaryKeyTtlMs; and no ID token, IAM token or security token in what the mock records.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { checkIamSchema } from '@cbr-sdk/checkpoint-api/iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idTokenIssuer, type MockServer, REDACTED, SEED_PROJECT_ID, startMockServer } from '../src/index.js';
import { call, exampleRequest, expectCheckpoint, expectError, manualClock, type Reply } from './helpers.js';
import { createSignedWith, type TemporaryKey } from './temporary-key-helpers.js';

const IDP = 'github-ci';
const OTHER_IDP = 'gitlab-ci';
const clock = manualClock();
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ availableAfterMs: 0, now: clock.now, identityProviders: [IDP, OTHER_IDP] });
});
afterAll(() => server.close());

const exchange = (idToken: string, idpId = IDP, scope?: unknown) =>
  call(server, 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
    body: { auth: { id_token: { id: idToken }, ...(scope ? { scope } : {}) } },
    headers: { 'X-Idp-Id': idpId },
  });

const keystoneExchange = (authorization: string | undefined, idpId = IDP, protocol = 'oidc') =>
  call(server, 'POST', `/v3/OS-FEDERATION/identity_providers/${idpId}/protocols/${protocol}/auth`, {
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });

const temporaryKeyFor = (token: string | undefined, durationSeconds?: number, headers: Record<string, string> = {}) =>
  call(server, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', {
    body: {
      auth: {
        identity: {
          methods: ['token'],
          ...(token === undefined && durationSeconds === undefined
            ? {}
            : {
                token: {
                  ...(token === undefined ? {} : { id: token }),
                  ...(durationSeconds === undefined ? {} : { duration_seconds: durationSeconds }),
                },
              }),
        },
      },
    },
    headers,
  });

function iamToken(reply: Reply): string {
  expect(reply.status, reply.text).toBe(201);
  return reply.headers.get('x-subject-token') ?? '';
}

function keyOf(reply: Reply): TemporaryKey {
  expect(reply.status, reply.text).toBe(201);
  expect(checkIamSchema('CreateTemporaryAccessKeyByTokenResponseBody', reply.json)).toEqual([]);
  const { access, secret, securitytoken } = reply.json.credential;
  return { accessKey: access, secretKey: secret, securityToken: securitytoken };
}

/** An IAM-shaped 401 (`{error_code, error_msg}`) with this code. */
function expectIamRefusal(reply: Reply, status: number, code: string): string {
  expect(reply.status, reply.text).toBe(status);
  expect(checkIamSchema('IamErrorResponse', reply.json)).toEqual([]);
  expect(reply.json.error_code).toBe(code);
  return reply.json.error_msg;
}

describe('mintIdToken', () => {
  it('mints an RS256 JWT with the IdP as issuer and audience, the subject, and the expiry on the mock’s clock', () => {
    const token = server.mintIdToken(IDP, { subject: 'repo:acme/backups:ref:refs/heads/main', expiresInMs: 600_000 });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: idTokenIssuer(IDP),
      aud: IDP,
      sub: 'repo:acme/backups:ref:refs/heads/main',
      exp: Math.floor((clock.now().getTime() + 600_000) / 1000),
    });
  });

  it('throws a TypeError naming the id for an identity provider the mock does not have', () => {
    expect(() => server.mintIdToken('nobody')).toThrow(/"nobody" is not an identity provider/);
  });
});

describe('POST /v3.0/OS-AUTH/id-token/tokens', () => {
  it('accepts an ID token another mock of the process minted for an IdP it trusts (one key per process)', async () => {
    const other = await startMockServer({ now: clock.now, identityProviders: [IDP] });
    try {
      iamToken(await exchange(other.mintIdToken(IDP)));
      const back = await call(other, 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
        body: { auth: { id_token: { id: server.mintIdToken(IDP) } } },
        headers: { 'X-Idp-Id': IDP },
      });
      iamToken(back);
    } finally {
      await other.close();
    }
  });

  it('answers 201 with an unscoped token in X-Subject-Token and a body of the IAM spec', async () => {
    const reply = await exchange(server.mintIdToken(IDP, { subject: 'system:serviceaccount:backup:nightly' }));
    const token = iamToken(reply);
    expect(token).toMatch(/^MII/);
    expect(checkIamSchema('FederationTokenResponseBody', reply.json)).toEqual([]);
    expect(reply.json.token.project).toBeUndefined();
    expect(reply.json.token.user.name).toBe('system:serviceaccount:backup:nightly');
    expect(reply.json.token.user['OS-FEDERATION'].identity_provider.id).toBe(IDP);
    // Unscoped: CBR refuses it.
    const create = await call(server, 'POST', `/v3/${SEED_PROJECT_ID}/checkpoints`, {
      body: {},
      headers: { 'X-Auth-Token': token },
    });
    expect(create.status).toBe(401);
  });

  it('gives a project-scoped token for a scope, which CBR accepts', async () => {
    const reply = await exchange(server.mintIdToken(IDP), IDP, { project: { name: 'cn-north-4' } });
    expect(reply.json.token.project.id).toBe(SEED_PROJECT_ID);
    expectCheckpoint(
      await call(server, 'POST', `/v3/${SEED_PROJECT_ID}/checkpoints`, {
        body: exampleRequest(),
        headers: { 'X-Auth-Token': iamToken(reply) },
      }),
    );
  });

  it('refuses an expired ID token (401 IAM.0066), a foreign-signed one and another IdP’s (401 IAM.0067)', async () => {
    expect(expectIamRefusal(await exchange(server.mintIdToken(IDP, { expiresInMs: -1 })), 401, 'IAM.0066')).toMatch(
      /expired/,
    );
    const expiring = server.mintIdToken(IDP, { expiresInMs: 5_000 });
    clock.advance(5_000);
    expectIamRefusal(await exchange(expiring), 401, 'IAM.0066');

    // Same claims, signed by a key that is not the mock's.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const [head, payload] = server.mintIdToken(IDP).split('.');
    const foreign = `${head}.${payload}.${createSign('sha256').update(`${head}.${payload}`).sign(privateKey).toString('base64url')}`;
    expect(expectIamRefusal(await exchange(foreign), 401, 'IAM.0067')).toMatch(/not signed by a key/);

    expect(expectIamRefusal(await exchange(server.mintIdToken(OTHER_IDP), IDP), 401, 'IAM.0067')).toMatch(
      /another identity provider/,
    );
    expectIamRefusal(await exchange('not-a-jwt'), 401, 'IAM.0067');
    expect(server.fetchCount('createTokenWithIdToken')).toBeGreaterThan(0); // the successes above, not these
  });

  it('answers 404 for an unknown identity provider, 400 without X-Idp-Id or with a body the spec refuses', async () => {
    expectIamRefusal(await exchange(server.mintIdToken(IDP), 'nobody'), 404, 'IAM.0004');
    const noHeader = await call(server, 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
      body: { auth: { id_token: { id: server.mintIdToken(IDP) } } },
      headers: {},
    });
    expectIamRefusal(noHeader, 400, 'IAM.0007');
    const badBody = await call(server, 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
      body: { auth: { id_token: {} } },
      headers: { 'X-Idp-Id': IDP },
    });
    expect(expectIamRefusal(badBody, 400, 'IAM.0011')).toMatch(/id/);
  });
});

describe('POST /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/oidc/auth (the official Node core)', () => {
  it('takes the ID token as a bearer token and answers an unscoped token', async () => {
    const reply = await keystoneExchange(`Bearer ${server.mintIdToken(IDP)}`);
    expect(iamToken(reply)).toMatch(/^MII/);
    expect(checkIamSchema('FederationTokenResponseBody', reply.json)).toEqual([]);
  });

  it('refuses in Keystone’s shape: no bearer or an expired one 401, another protocol or IdP 404', async () => {
    for (const [reply, status] of [
      [await keystoneExchange(undefined), 401],
      [await keystoneExchange(`Bearer ${server.mintIdToken(IDP, { expiresInMs: -1 })}`), 401],
      [await keystoneExchange(`Bearer ${server.mintIdToken(OTHER_IDP)}`), 401],
      [await keystoneExchange(`Bearer ${server.mintIdToken(IDP)}`, IDP, 'saml'), 404],
      [await keystoneExchange(`Bearer ${server.mintIdToken(IDP)}`, 'nobody'), 404],
    ] as const) {
      expect(reply.status, reply.text).toBe(status);
      expect(checkIamSchema('KeystoneErrorResponse', reply.json)).toEqual([]);
    }
  });
});

describe('POST /v3.0/OS-CREDENTIAL/securitytokens', () => {
  it('gives a temporary key for 900 s by default, that signs CBR calls with its security token', async () => {
    const token = iamToken(await exchange(server.mintIdToken(IDP)));
    const reply = await temporaryKeyFor(token);
    const key = keyOf(reply);
    expect(reply.json.credential.expires_at).toMatch(/\.\d{6}Z$/);
    expect(Date.parse(reply.json.credential.expires_at)).toBe(clock.now().getTime() + 900_000);
    expectCheckpoint(await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() }));
    clock.advance(900_000);
    const expired = await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() });
    expectError(expired, 401, 'APIGW.0301');
  });

  it('honours duration_seconds (900 to 86400) and refuses values outside it with 400 IAM.0011', async () => {
    const token = iamToken(await exchange(server.mintIdToken(IDP)));
    const reply = await temporaryKeyFor(token, 86_400);
    keyOf(reply);
    expect(Date.parse(reply.json.credential.expires_at)).toBe(clock.now().getTime() + 86_400_000);
    expect(expectIamRefusal(await temporaryKeyFor(token, 899), 400, 'IAM.0011')).toMatch(/duration_seconds/);
    expectIamRefusal(await temporaryKeyFor(token, 86_401), 400, 'IAM.0011');
  });

  it('takes the token from X-Auth-Token when the body has none (the official Node core)', async () => {
    const token = iamToken(await keystoneExchange(`Bearer ${server.mintIdToken(IDP)}`));
    keyOf(await temporaryKeyFor(undefined, undefined, { 'X-Auth-Token': token }));
  });

  it('refuses no token (IAM.0001), an expired one (IAM.0066), a revoked or forged one (IAM.0067)', async () => {
    expectIamRefusal(await temporaryKeyFor(undefined), 401, 'IAM.0001');
    const token = iamToken(await exchange(server.mintIdToken(IDP)));
    expectIamRefusal(await temporaryKeyFor(token.replace(/-[^-]+-/, '-forged-')), 401, 'IAM.0067');
    clock.advance(server.iam.tokenTtlMs);
    expectIamRefusal(await temporaryKeyFor(token), 401, 'IAM.0066');
    const fresh = iamToken(await exchange(server.mintIdToken(IDP)));
    server.iam.revokeTokens();
    expectIamRefusal(await temporaryKeyFor(fresh), 401, 'IAM.0067');
  });

  it('uses temporaryKeyTtlMs in place of duration_seconds when it is set', async () => {
    const short = await startMockServer({ now: clock.now, identityProviders: [IDP], temporaryKeyTtlMs: 2_000 });
    try {
      const exchanged = await call(short, 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
        body: { auth: { id_token: { id: short.mintIdToken(IDP) } } },
        headers: { 'X-Idp-Id': IDP },
      });
      const reply = await call(short, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', {
        body: {
          auth: { identity: { methods: ['token'], token: { id: iamToken(exchanged), duration_seconds: 3600 } } },
        },
        headers: {},
      });
      expect(reply.status, reply.text).toBe(201);
      expect(Date.parse(reply.json.credential.expires_at)).toBe(clock.now().getTime() + 2_000);
      expect(short.fetchCount('createTemporaryAccessKeyByToken')).toBe(1);
      expect(short.temporaryKeys.issuedCount).toBe(1);
    } finally {
      await short.close();
    }
  });
});

describe('recording', () => {
  it('keeps no ID token, IAM token, bearer or security token: each is [REDACTED]', async () => {
    server.reset();
    const idToken = server.mintIdToken(IDP);
    const exchanged = await exchange(idToken);
    const token = iamToken(exchanged);
    const keystoneIdToken = server.mintIdToken(IDP);
    await keystoneExchange(`Bearer ${keystoneIdToken}`);
    const key = keyOf(await temporaryKeyFor(token));
    await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() });

    const [idTokenRecord, bearerRecord, keyRecord] = server.requests;
    expect(JSON.parse(idTokenRecord?.body.toString() ?? '').auth.id_token.id).toBe(REDACTED);
    expect(bearerRecord?.headers.authorization).toBe(REDACTED);
    expect(JSON.parse(keyRecord?.body.toString() ?? '').auth.identity.token.id).toBe(REDACTED);
    const dump = JSON.stringify(server.requests, (_key, value) =>
      value?.type === 'Buffer' ? Buffer.from(value.data).toString() : value,
    );
    for (const secret of [idToken, keystoneIdToken, token, key.secretKey, key.securityToken]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('keeps nothing of a secret-bearing body that is not JSON (it may hold the secret in part)', async () => {
    const idToken = server.mintIdToken(IDP);
    await call(server, 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
      body: `{"auth":{"id_token":{"id":"${idToken}"`,
      headers: { 'X-Idp-Id': IDP, 'Content-Type': 'application/json' },
    });
    expect(server.requests.at(-1)?.body.toString()).toBe(REDACTED);
  });
});
