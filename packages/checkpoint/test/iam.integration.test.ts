// Signing in as the API page says, against the mock's IAM over real HTTP: password tokens obtained once for
// many calls, replaced ahead of expiry and after a 401, never sent expired; a wrong password asked once per
// call; the project ID found from the token, or for AK/SK from the region, once.
import { setTimeout as sleep } from 'node:timers/promises';
import { type MockServer, SEED_PROJECT_ID, startMockServer } from '@cbr-sdk/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CbrAuthError,
  CbrClient,
  type CbrClientOptions,
  CbrConfigError,
  CbrServerError,
  type PasswordCredentials,
  type RequestEvent,
} from '../src/index.js';
import { ACCESS_KEY, SECRET_KEY, seedParams } from './support/fixtures.js';
import { transports } from './support/transports.js';

const USER: PasswordCredentials = { domainName: 'acme-prod', userName: 'backup-bot', password: 'S3cret-pa55word!' };
const REGION = 'cn-north-4';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({
    availableAfterMs: 0,
    iamUsers: [USER],
    accessKeys: { [ACCESS_KEY]: SECRET_KEY },
  });
});
afterAll(() => mock.close());
afterEach(() => {
  mock.reset();
  mock.iam.tokenTtlMs = 24 * 60 * 60 * 1000;
  mock.iam.projects.length = 0;
  mock.iam.projects.push(...initialProjects);
});
let initialProjects: { id: string; name: string }[] = [];
beforeAll(() => {
  initialProjects = mock.iam.projects.map((project) => ({ ...project }));
});

const passwordClient = (options: Partial<CbrClientOptions> = {}) =>
  new CbrClient({
    region: REGION,
    endpoint: mock.url,
    iamEndpoint: mock.url,
    credentials: USER,
    retryBaseDelayMs: 1,
    ...options,
  });

const requestsOf = (operation: string) => mock.requests.filter((request) => request.operation === operation);
const cbrRequests = () =>
  mock.requests.filter((r) => r.operation === 'createCheckpoint' || r.operation === 'showCheckpoint');

describe.each(transports)('password credentials (%s)', (_transport, transportOptions) => {
  it('20 concurrent creates on a fresh client: one token request, 20 restore points in the token’s project', async () => {
    const cbr = passwordClient(transportOptions());
    expect(cbr.projectId).toBeUndefined();
    const created = await Promise.all(Array.from({ length: 20 }, () => cbr.checkpoints.create(seedParams())));

    expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(1);
    expect(mock.iam.issuedCount).toBe(1);
    expect(mock.createdCount).toBe(20);
    expect(new Set(created.map((checkpoint) => checkpoint.id)).size).toBe(20);
    // The region's project, as the mock's IAM scoped the token to it by name.
    for (const checkpoint of created) expect(checkpoint.project_id).toBe(SEED_PROJECT_ID);
    expect(cbr.projectId).toBe(SEED_PROJECT_ID);
    expect(await cbr.resolveProjectId()).toBe(SEED_PROJECT_ID);
    // Every CBR request carried a token; the token request itself carried none, and the password was redacted.
    expect(cbrRequests().every((request) => request.hasToken)).toBe(true);
    const [tokenRequest] = requestsOf('keystoneCreateUserTokenByPassword');
    expect(tokenRequest?.hasToken).toBe(false);
    expect(tokenRequest?.path).toBe('/v3/auth/tokens?nocatalog=true');
    expect(JSON.parse(tokenRequest?.body.toString() ?? '{}')).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: USER.userName, password: '[REDACTED]', domain: { name: USER.domainName } } },
        },
        scope: { project: { name: REGION } },
      },
    });
  });

  it('with a projectId, the token is scoped to that project by ID', async () => {
    const other = mock.iam.projects.find((project) => project.name === 'ap-southeast-1');
    const cbr = passwordClient({ projectId: other?.id, ...transportOptions() });
    expect(cbr.projectId).toBe(other?.id);
    const created = await cbr.checkpoints.create(seedParams());
    expect(created.project_id).toBe(other?.id);
    const body = JSON.parse(requestsOf('keystoneCreateUserTokenByPassword')[0]?.body.toString() ?? '{}');
    expect(body.auth.scope).toEqual({ project: { id: other?.id } });
  });

  it('a revoked token (a 401 on one CBR request): one new token, the create sent once more, one restore point', async () => {
    const cbr = passwordClient(transportOptions());
    await cbr.resolveProjectId(); // the client holds a token now
    mock.reset();
    mock.faults.push({
      route: 'createCheckpoint',
      kind: 'respond',
      status: 401,
      body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: decrypt token fail' },
    });
    const created = await cbr.checkpoints.create(seedParams());
    expect(created.status).toBe('protecting');
    expect(requestsOf('createCheckpoint').map((request) => request.status)).toEqual([401, 200]);
    expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(1);
    expect(mock.createdCount).toBe(1);
  });

  it('a second 401 in a row goes to the caller: one renewal per call, no loop', async () => {
    const events: string[] = [];
    const cbr = passwordClient({ hooks: { onRetry: (event) => events.push(event.reason) }, ...transportOptions() });
    mock.faults.push({
      route: 'showCheckpoint',
      kind: 'respond',
      status: 401,
      times: 2,
      body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token expires' },
    });
    const error = await cbr.checkpoints.get('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrAuthError);
    expect((error as CbrAuthError).status).toBe(401);
    expect(requestsOf('showCheckpoint')).toHaveLength(2);
    expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(2);
    expect(events).toEqual(['HTTP 401 APIGW.0301, token renewed']);
  });

  it('tokens revoked in IAM (a password change): every call recovers with one new token between them', async () => {
    const cbr = passwordClient(transportOptions());
    await cbr.checkpoints.create(seedParams());
    mock.iam.revokeTokens();
    const created = await Promise.all(Array.from({ length: 5 }, () => cbr.checkpoints.create(seedParams())));
    expect(created).toHaveLength(5);
    expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(2);
    expect(mock.createdCount).toBe(6);
  });

  it('a wrong password: one IAM request per call, CbrAuthError, never retried', async () => {
    const lines: string[] = [];
    const events: RequestEvent[] = [];
    const log = (line: string) => lines.push(line);
    const cbr = passwordClient({
      credentials: { ...USER, password: 'wrong-password-123' },
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: { onRequest: (event) => events.push(event) },
      ...transportOptions(),
    });
    for (let call = 1; call <= 3; call++) {
      const error = await cbr.checkpoints.create(seedParams()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CbrAuthError);
      expect(error).toMatchObject({
        operation: 'keystoneCreateUserTokenByPassword',
        status: 401,
        code: '401',
        message: expect.stringContaining('The username or password is wrong.'),
      });
      expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(call);
    }
    expect(cbrRequests()).toEqual([]);
    expect(events.map((event) => event.operation)).toEqual(Array(3).fill('keystoneCreateUserTokenByPassword'));
    expect(lines.join('\n')).not.toContain('wrong-password-123');
  });

  it('concurrent calls share the one failed token request and its error; the next call asks again', async () => {
    const cbr = passwordClient({ credentials: { ...USER, password: 'wrong-password-123' }, ...transportOptions() });
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => cbr.checkpoints.create(seedParams()).catch((e: unknown) => e)),
    );
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]).toBeInstanceOf(CbrAuthError);
    expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(1);
    await cbr.checkpoints.get('x').catch(() => undefined);
    expect(requestsOf('keystoneCreateUserTokenByPassword')).toHaveLength(2);
  });

  it('IAM unavailable (503): not sent again in the call (IAM may have counted the password); the next call works', async () => {
    mock.faults.push({
      route: 'keystoneCreateUserTokenByPassword',
      kind: 'respond',
      status: 503,
      body: { error_code: 'IAM.0006', error_msg: 'Service unavailable' },
    });
    const cbr = passwordClient(transportOptions());
    await expect(cbr.checkpoints.create(seedParams())).rejects.toBeInstanceOf(CbrServerError);
    expect(requestsOf('keystoneCreateUserTokenByPassword').map((r) => r.status)).toEqual([503]);
    const created = await cbr.checkpoints.create(seedParams());
    expect(created.project_id).toBe(SEED_PROJECT_ID);
    expect(requestsOf('keystoneCreateUserTokenByPassword').map((r) => r.status)).toEqual([503, 201]);
  });
});

describe('token lifetime', () => {
  it('a 2 s token: calls for 5 s never send an expired one, and a new token comes once per lifetime', async () => {
    mock.iam.tokenTtlMs = 2000;
    const cbr = passwordClient();
    const started = Date.now();
    let calls = 0;
    while (Date.now() - started < 5000) {
      const created = await cbr.checkpoints.create(seedParams());
      await cbr.checkpoints.get(created.id);
      calls += 2;
      await sleep(20);
    }
    const refused = mock.requests.filter((request) => request.status === 401);
    expect(refused).toEqual([]);
    const tokens = requestsOf('keystoneCreateUserTokenByPassword').length;
    // 5 s of 2 s tokens renewed 200 ms ahead: 3 (at 0, ~1.8 and ~3.6 s), never one per call.
    expect(tokens).toBeGreaterThanOrEqual(3);
    expect(tokens).toBeLessThanOrEqual(4);
    expect(calls).toBeGreaterThan(40);
  }, 15_000);
});

describe('AK/SK without a project ID', () => {
  const akskClient = (options: Partial<CbrClientOptions> = {}) =>
    new CbrClient({
      region: REGION,
      endpoint: mock.url,
      iamEndpoint: mock.url,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      retryBaseDelayMs: 1,
      ...options,
    });

  it.each(transports)('20 concurrent calls: exactly one signed project query (%s)', async (_transport, options) => {
    const cbr = akskClient(options());
    expect(cbr.projectId).toBeUndefined();
    const created = await Promise.all(Array.from({ length: 20 }, () => cbr.checkpoints.create(seedParams())));
    const queries = requestsOf('keystoneListProjects');
    expect(queries).toHaveLength(1);
    expect(queries[0]?.path).toBe(`/v3/projects?name=${REGION}`);
    expect(queries[0]?.hasAuthorization).toBe(true);
    expect(queries[0]?.headers['x-project-id']).toBeUndefined();
    expect(created.every((checkpoint) => checkpoint.project_id === SEED_PROJECT_ID)).toBe(true);
    expect(cbr.projectId).toBe(SEED_PROJECT_ID);
    // CBR requests are signed for the project found.
    expect(requestsOf('createCheckpoint').every((r) => r.headers['x-project-id'] === SEED_PROJECT_ID)).toBe(true);
  });

  it('resolveProjectId() finds it once, and is kept for the life of the client', async () => {
    const cbr = akskClient();
    const [a, b] = await Promise.all([cbr.resolveProjectId(), cbr.resolveProjectId()]);
    expect([a, b]).toEqual([SEED_PROJECT_ID, SEED_PROJECT_ID]);
    await cbr.checkpoints.create(seedParams());
    expect(await cbr.resolveProjectId()).toBe(SEED_PROJECT_ID);
    expect(requestsOf('keystoneListProjects')).toHaveLength(1);
  });

  it.each([
    ['no project', []],
    [
      'two projects',
      [
        { id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', name: REGION },
        { id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', name: REGION },
      ],
    ],
  ])('%s named after the region: CbrConfigError naming the region and the count', async (_case, projects) => {
    mock.iam.projects.length = 0;
    mock.iam.projects.push(...projects);
    const cbr = akskClient();
    const error = await cbr.checkpoints.create(seedParams()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrConfigError);
    expect((error as Error).message).toContain(`region ${REGION}`);
    expect((error as Error).message).toContain(`IAM lists ${projects.length} projects named "${REGION}"`);
    expect(mock.createdCount).toBe(0);
    expect(cbrRequests()).toEqual([]);
    // Never created: only the one query was made, and a later call asks again.
    expect(mock.requests.map((r) => r.operation)).toEqual(['keystoneListProjects']);
    await cbr.resolveProjectId().catch(() => undefined);
    expect(requestsOf('keystoneListProjects')).toHaveLength(2);
  });

  it('a refused signature on the project query is a CbrAuthError naming keystoneListProjects', async () => {
    const cbr = akskClient({ credentials: { accessKey: ACCESS_KEY, secretKey: 'not-the-secret-key' } });
    const error = await cbr.resolveProjectId().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrAuthError);
    expect(error).toMatchObject({ operation: 'keystoneListProjects', status: 401, code: 'APIGW.0301' });
    expect(requestsOf('keystoneListProjects')).toHaveLength(1);
  });
});
