// The mock's IAM routes over real HTTP: tokens by password in IAM's shapes (201 + X-Subject-Token), refusals
// and the lockout, the spec's request rules, tokens accepted by CBR routes of their project until they expire,
// the signed project query, faults by operation id, and no password in what the mock records.
import { signRequest } from '@cbr-sdk/checkpoint-api';
import { checkIamSchema, IAM_TOKEN_REQUEST_EXAMPLE } from '@cbr-sdk/checkpoint-api/iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROJECTS, type MockServer, SEED_PROJECT_ID, startMockServer } from '../src/index.js';
import { call, exampleRequest, expectCheckpoint, expectError, manualClock } from './helpers.js';

const USER = { domainName: 'acme-prod', userName: 'backup-bot', password: 'Pa55-word-of-the-mock' };
const AK = 'HPUAEXAMPLEACCESSKEY';
const SK = 'example-secret-key-that-must-never-leak';
const clock = manualClock();

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({
    availableAfterMs: 0,
    iamUsers: [USER],
    accessKeys: { [AK]: SK },
    tokenTtlMs: 60_000,
    now: clock.now,
  });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

const tokenBody = (overrides: { password?: string; scope?: unknown } = {}) => ({
  auth: {
    identity: {
      methods: ['password'],
      password: {
        user: { name: USER.userName, password: overrides.password ?? USER.password, domain: { name: USER.domainName } },
      },
    },
    scope: overrides.scope ?? { project: { name: 'cn-north-4' } },
  },
});

const obtainToken = (body: unknown = tokenBody(), query = '?nocatalog=true') =>
  call(mock, 'POST', `/v3/auth/tokens${query}`, { body, headers: {} });

async function tokenFor(scope?: unknown): Promise<string> {
  const reply = await obtainToken(tokenBody({ scope }));
  expect(reply.status, reply.text).toBe(201);
  return reply.headers.get('x-subject-token') ?? '';
}

const createWith = (token: string, projectId = SEED_PROJECT_ID) =>
  call(mock, 'POST', `/v3/${projectId}/checkpoints`, { body: exampleRequest(), headers: { 'X-Auth-Token': token } });

describe('POST /v3/auth/tokens', () => {
  it('answers 201 with a token like IAM’s in X-Subject-Token and a body that conforms to the IAM spec', async () => {
    const reply = await obtainToken();
    expect(reply.status, reply.text).toBe(201);
    const token = reply.headers.get('x-subject-token') ?? '';
    expect(token).toMatch(/^MII/);
    expect(token.length).toBeGreaterThan(4096);
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(checkIamSchema('KeystoneCreateUserTokenByPasswordResponseBody', reply.json)).toEqual([]);
    const { token: body } = reply.json;
    expect(body.project).toEqual({
      id: SEED_PROJECT_ID,
      name: 'cn-north-4',
      domain: { id: expect.stringMatching(/^[0-9a-f]{32}$/), name: USER.domainName },
    });
    expect(body.catalog).toEqual([]);
    expect(Date.parse(body.expires_at) - Date.parse(body.issued_at)).toBe(60_000);
    expect(body.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(reply.text).not.toContain(token);
    expect(mock.iam.issuedCount).toBe(1);
  });

  it('takes the spec’s example request, and scopes by project ID too', async () => {
    await mock.close();
    mock = await startMockServer({
      availableAfterMs: 0,
      iamUsers: [{ domainName: 'acme-prod', userName: 'cbr-operator', password: '********' }, USER],
      accessKeys: { [AK]: SK },
      tokenTtlMs: 60_000,
      now: clock.now,
    });
    expect((await obtainToken(IAM_TOKEN_REQUEST_EXAMPLE)).status).toBe(201);
    const other = DEFAULT_PROJECTS.find((project) => project.name === 'ap-southeast-1');
    const reply = await obtainToken(tokenBody({ scope: { project: { id: other?.id } } }), '');
    expect(reply.json.token.project.id).toBe(other?.id);
    // Without nocatalog, the catalog has the region's CBR endpoint.
    expect(reply.json.token.catalog[0].endpoints[0].url).toBe('https://cbr.ap-southeast-1.myhuaweicloud.com');
  });

  it('a wrong password: 401 in Keystone’s shape; after 5 in a row the user is locked for 15 minutes', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const reply = await obtainToken(tokenBody({ password: 'wrong' }));
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({
        error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
      });
      expect(checkIamSchema('IamError', reply.json)).toEqual([]);
    }
    const locked = await obtainToken();
    expect(locked.status).toBe(401);
    expect(locked.json.error.message).toBe('The account is locked.');
    clock.advance(15 * 60 * 1000);
    expect((await obtainToken()).status).toBe(201);
  });

  it('an unknown user is refused as a wrong password is', async () => {
    const body = tokenBody();
    body.auth.identity.password.user.name = 'nobody';
    expect((await obtainToken(body)).json.error.message).toBe('The username or password is wrong.');
  });

  it.each([
    ['no scope', { auth: { identity: tokenBody().auth.identity } }, /auth\.scope is required/],
    ['an empty scope', tokenBody({ scope: {} }), /auth\.scope/],
    [
      'no methods',
      { auth: { ...tokenBody().auth, identity: { password: tokenBody().auth.identity.password } } },
      /methods is required/,
    ],
    ['an empty password', tokenBody({ password: '' }), /password must be at least 1 character long/],
    ['not JSON', '{"auth":', /not valid JSON/],
  ])('%s: 400 IAM.0011 naming the field, in IAM’s shape', async (_case, body, message) => {
    const reply = await call(mock, 'POST', '/v3/auth/tokens', {
      body,
      headers: typeof body === 'string' ? { 'Content-Type': 'application/json' } : {},
    });
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).toBe('IAM.0011');
    expect(reply.json.error_msg).toMatch(message);
    expect(checkIamSchema('IamError', reply.json)).toEqual([]);
    expect(mock.iam.issuedCount).toBe(0);
  });

  it('an unknown project: 400 IAM.1109', async () => {
    const reply = await obtainToken(tokenBody({ scope: { project: { name: 'mars-north-1' } } }));
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).toBe('IAM.1109');
  });

  it('records the request with the password redacted', async () => {
    await obtainToken();
    const [recorded] = mock.requests;
    expect(recorded?.operation).toBe('keystoneCreateUserTokenByPassword');
    expect(recorded?.body.toString()).not.toContain(USER.password);
    expect(JSON.parse(recorded?.body.toString() ?? '{}').auth.identity.password.user.password).toBe('[REDACTED]');
  });

  it('faults aim at it by operation id', async () => {
    mock.faults.push({ route: 'keystoneCreateUserTokenByPassword', kind: 'gateway-html', status: 503 });
    expect((await obtainToken()).status).toBe(503);
    expect((await obtainToken()).status).toBe(201);
  });
});

describe('the CBR routes and the tokens of the mock’s IAM', () => {
  it('accept a token for its project until it expires, then answer 401 APIGW.0301 "token expires"', async () => {
    const token = await tokenFor();
    expectCheckpoint(await createWith(token));
    clock.advance(59_999);
    expectCheckpoint(await createWith(token));
    clock.advance(1);
    const message = expectError(await createWith(token), 401, 'APIGW.0301');
    expect(message).toMatch(/^Incorrect IAM authentication information: token expires, expires_at: \d{4}-/);
  });

  it('refuse a token for another project, a domain-scoped one, a forged one and a revoked one', async () => {
    const token = await tokenFor();
    expect(expectError(await createWith(token, DEFAULT_PROJECTS[0]?.id), 401, 'APIGW.0301')).toMatch(
      /scoped to another project/,
    );
    const domainToken = await tokenFor({ domain: { name: USER.domainName } });
    expect(expectError(await createWith(domainToken), 401, 'APIGW.0301')).toMatch(/not scoped to a project/);
    const forged = `${token.split('-')[0]}-${'A'.repeat(44)}-${token.split('-')[2]}`;
    expect(expectError(await createWith(forged), 401, 'APIGW.0301')).toMatch(/decrypt token fail/);
    mock.iam.revokeTokens();
    expect(expectError(await createWith(token), 401, 'APIGW.0301')).toMatch(/revoked/);
    expectCheckpoint(await createWith(await tokenFor()));
  });
});

describe('GET /v3/projects', () => {
  async function signed(path: string, secretKey = SK) {
    const url = `${mock.url}${path}`;
    const headers = await signRequest(
      { method: 'GET', url, headers: {}, body: undefined },
      { accessKey: AK, secretKey },
      clock.now(),
    );
    return call(mock, 'GET', path, { headers });
  }

  it('finds the region’s project by name for a signed request, in the spec’s shape', async () => {
    const reply = await signed('/v3/projects?name=cn-north-4');
    expect(reply.status, reply.text).toBe(200);
    expect(checkIamSchema('KeystoneListProjectsResponseBody', reply.json)).toEqual([]);
    expect(reply.json.projects.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([
      [SEED_PROJECT_ID, 'cn-north-4'],
    ]);
    expect(reply.json.links.self).toBe(`${mock.url}/v3/projects?name=cn-north-4`);
  });

  it('lists every region’s project without a name, and pages with page and per_page', async () => {
    const all = await signed('/v3/projects');
    expect(all.json.projects).toHaveLength(DEFAULT_PROJECTS.length);
    const page = await signed('/v3/projects?page=2&per_page=5');
    expect(page.json.projects.map((p: { name: string }) => p.name)).toEqual(
      DEFAULT_PROJECTS.slice(5, 10).map((p) => p.name),
    );
  });

  it('accepts one of its tokens too; refuses a bad signature and no credentials', async () => {
    const token = await tokenFor();
    const withToken = await call(mock, 'GET', '/v3/projects?name=cn-north-4', { headers: { 'X-Auth-Token': token } });
    expect(withToken.status).toBe(200);
    expectError(await signed('/v3/projects?name=cn-north-4', 'wrong-secret'), 401, 'APIGW.0301');
    expectError(await call(mock, 'GET', '/v3/projects', { headers: {} }), 401, 'APIGW.0301');
  });

  it('checks the query against the spec: per_page above 5000 is 400 IAM.0007', async () => {
    const reply = await signed('/v3/projects?page=1&per_page=5001');
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).toBe('IAM.0007');
    expect(reply.json.error_msg).toMatch(/per_page must be at most 5000/);
  });
});
