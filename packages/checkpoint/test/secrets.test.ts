// The token, the secret key and the Authorization header never appear in an error (message, stack,
// inspect with showHidden, JSON), a log line or a hook event, on any failure path, in either auth mode.
import { inspect } from 'node:util';
import { IAM_TOKEN_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api/iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, type CbrClientOptions, CbrError } from '../src/index.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, seedParams, TOKEN } from './support/fixtures.js';
import { type Answer, json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';
import { transports } from './support/transports.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, {}));
});
afterAll(() => server.close());

const SECURITY_TOKEN = 'security-token-value-1234567890';
// A password with characters JSON escapes, so that an echo of the request body holds it in another form.
const PASSWORD = 'pa55"word\\never-shown-123';
const SUBJECT_TOKEN = 'MIIsubject-token-never-shown-0123456789abcdef';
const PASSWORD_USER = { domainName: 'acme-prod', userName: 'backup-bot', password: PASSWORD };
const authModes: [string, CbrClientOptions['credentials']][] = [
  ['token', { token: TOKEN }],
  ['token function', { token: async () => TOKEN }],
  ['AK/SK', { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }],
  ['password', PASSWORD_USER],
];
const ALL_SECRETS = [TOKEN, SECRET_KEY, SECURITY_TOKEN, PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), SUBJECT_TOKEN];

/** IAM's answer to the password: a token (in X-Subject-Token) for the project. */
const issuedToken = (): Answer =>
  json(201, IAM_TOKEN_RESPONSE_EXAMPLE, { 'x-subject-token': SUBJECT_TOKEN, 'x-request-id': 'iam-request-id' });
const isTokenRequest = (request: { path: string }) => request.path.startsWith('/v3/auth/tokens');

/** A gateway that copies the request's credentials into its error page. */
const echoing =
  (status: number): ((request: { headers: Record<string, unknown> }) => Answer) =>
  (request) =>
    json(status, {
      error_code: 'APIGW.0301',
      error_msg: `bad credentials: ${String(request.headers['x-auth-token'] ?? request.headers.authorization)}`,
    });

const failures: [string, (request: { headers: Record<string, unknown> }) => Answer][] = [
  ['401', () => json(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' })],
  ['400', () => json(400, { error_code: 'BackupService.6105', error_msg: 'Vault Not Found' })],
  ['500', () => json(500, { error_code: 'BackupService.0000', error_msg: 'internal' })],
  [
    'gateway HTML',
    () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><title>502</title></html>' }),
  ],
  ['connection reset', () => ({ drop: true })],
  [
    'truncated body',
    () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"checkpoint":{"id":' }),
  ],
  ['timeout', () => ({ status: 200, body: '{}', delayMs: 300 })],
  ['401 echoing the credentials', echoing(401)],
  ['500 echoing the credentials', echoing(500)],
];

function views(value: unknown): string[] {
  const out = [
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify(value) ?? '',
    String(value),
  ];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '');
    let cause = value.cause;
    while (cause !== undefined) {
      out.push(...views(cause));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return out;
}

describe.each(transports)('secrets never leak (%s)', (_transport, transportOptions) => {
  for (const [mode, credentials] of authModes) {
    it.each(failures)(`${mode}: %s`, async (_failure, answer) => {
      // IAM (on the same server) issues the password kind's token; the failure is CBR's.
      server.reset((request) => (isTokenRequest(request) ? issuedToken() : answer(request as never)));
      const logged: string[] = [];
      const events: unknown[] = [];
      const log = (line: string) => logged.push(line);
      const cbr = new CbrClient({
        endpoint: server.url,
        iamEndpoint: server.url,
        region: 'cn-north-4',
        projectId: PROJECT_ID,
        credentials,
        timeoutMs: 100,
        retryBaseDelayMs: 1,
        logger: { debug: log, info: log, warn: log, error: log },
        hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) },
        ...transportOptions(),
      });

      const errors = await Promise.all([
        cbr.checkpoints.create(seedParams()).catch((e: unknown) => e),
        cbr.checkpoints.get('cp').catch((e: unknown) => e),
      ]);
      for (const error of errors) expect(error).toBeInstanceOf(CbrError);
      // The credentials did go out: the check below is about what comes back to the caller.
      const sentAuthorization = server.received
        .filter((r) => !isTokenRequest(r))
        .map((r) => String(r.headers.authorization ?? r.headers['x-auth-token']));
      expect(sentAuthorization.length).toBeGreaterThan(0);

      const haystack = [
        ...errors.flatMap(views),
        ...logged,
        ...events.flatMap(views),
        ...views(cbr),
        ...views(cbr.checkpoints),
      ].join('\n');
      for (const secret of [...ALL_SECRETS, ...sentAuthorization]) {
        expect(haystack).not.toContain(secret);
      }
      for (const signature of sentAuthorization.map((value) => /Signature=(\w+)/.exec(value)?.[1]).filter(Boolean)) {
        expect(haystack).not.toContain(signature);
      }
    });
  }

  it('a client shows where it points, not how it authenticates', () => {
    const cbr = new CbrClient({
      endpoint: server.url,
      projectId: PROJECT_ID,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });
    expect(JSON.parse(JSON.stringify(cbr))).toEqual({
      endpoint: server.url,
      projectId: PROJECT_ID,
      authentication: 'access-key',
      credentialSource: 'access key (options)',
    });
    expect(inspect(cbr, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(SECRET_KEY);
  });
});

/** IAM's own failures on the password request, including answers that echo the request (and so the password). */
const iamFailures: [string, (request: { body: string; headers: Record<string, unknown> }) => Answer][] = [
  ['401 Keystone shape', () => json(401, { error: { code: 401, message: 'The username or password is wrong.' } })],
  [
    '401 echoing the body',
    (request) => json(401, { error: { code: 401, message: `refused: ${request.body}`, title: 'Unauthorized' } }),
  ],
  ['400 echoing the body', (request) => json(400, { error_code: 'IAM.0011', error_msg: `invalid: ${request.body}` })],
  ['403 IAM shape', () => json(403, { error_code: 'IAM.0081', error_msg: 'console access only' })],
  ['503', () => json(503, { error_code: 'IAM.0006', error_msg: 'unavailable' })],
  ['gateway HTML', () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502</html>' })],
  ['connection reset', () => ({ drop: true })],
  ['timeout', () => ({ status: 201, body: '{}', delayMs: 300 })],
  ['201 without X-Subject-Token', () => json(201, IAM_TOKEN_RESPONSE_EXAMPLE)],
  [
    '201 with a body that is not a token, echoing the token and the body',
    (request) => json(201, { token: `${SUBJECT_TOKEN} ${request.body}` }, { 'x-subject-token': SUBJECT_TOKEN }),
  ],
  [
    '201 with a truncated body',
    () => ({ status: 201, headers: { 'x-subject-token': SUBJECT_TOKEN }, body: '{"token":{"expires_at":' }),
  ],
];

describe.each(transports)('the password and IAM tokens never leak when IAM fails (%s)', (_transport, options) => {
  it.each(iamFailures)('%s', async (_failure, answer) => {
    server.reset((request) => answer(request as never));
    const logged: string[] = [];
    const events: unknown[] = [];
    const log = (line: string) => logged.push(line);
    const cbr = new CbrClient({
      endpoint: server.url,
      iamEndpoint: server.url,
      region: 'cn-north-4',
      credentials: PASSWORD_USER,
      timeoutMs: 100,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) },
      ...options(),
    });
    const errors = await Promise.all([
      cbr.checkpoints.create(seedParams()).catch((e: unknown) => e),
      cbr.resolveProjectId().catch((e: unknown) => e),
    ]);
    for (const error of errors) expect(error).toBeInstanceOf(CbrError);
    // The password did go out, and only to IAM.
    expect(server.received.length).toBeGreaterThan(0);
    expect(server.received.every((request) => isTokenRequest(request))).toBe(true);
    expect(server.received[0]?.body).toContain(JSON.stringify(PASSWORD));

    const haystack = [...errors.flatMap(views), ...logged, ...events.flatMap(views), ...views(cbr)].join('\n');
    for (const secret of ALL_SECRETS) expect(haystack).not.toContain(secret);
    expect(haystack).toContain('keystoneCreateUserTokenByPassword');
  });
});
