// The token, the secret key and the Authorization header never appear in an error (message, stack,
// inspect with showHidden, JSON), a log line or a hook event, on any failure path, in either auth mode.
import { inspect } from 'node:util';
import { IAM_TOKEN_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api/iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, type CbrClientOptions, CbrError } from '../src/index.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, seedParams } from './support/fixtures.js';
import { type Answer, json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';
import { transports } from './support/transports.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, {}));
});
afterAll(() => server.close());

// Each secret holds characters that JSON writers escape in their own ways (Go: < > &; Python: non-ASCII;
// PHP: / and non-ASCII), so that a gateway's echo holds it in another form than the one sent.
const TOKEN_SECRET = 'MIIE<secret>&token/value+0123456789';
const SECURITY_TOKEN = 'sts/security<token>&value+1234567890=';
// A password with characters JSON escapes, so that an echo of the request body holds it in another form.
const PASSWORD = 'pa55"word\\<ö&/>never-shown-123';
const SUBJECT_TOKEN = 'MIIsubject<token>&/never-shown-0123456789abcdef';
const PASSWORD_USER = { domainName: 'acme-prod', userName: 'backup-bot', password: PASSWORD };
const authModes: [string, CbrClientOptions['credentials']][] = [
  ['token', { token: TOKEN_SECRET }],
  ['token function', { token: async () => TOKEN_SECRET }],
  ['AK/SK', { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }],
  ['password', PASSWORD_USER],
];

const toUnicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** How JSON writers of other languages escape what they write (all valid JSON, all the same value parsed). */
const ECHO_STYLES: [string, (value: unknown) => string][] = [
  ['JSON.stringify', (value) => JSON.stringify(value)],
  // Go's encoding/json: HTML-safe escapes (<, >, & as \u003c, \u003e, \u0026).
  ['Go', (value) => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, toUnicodeEscape)],
  // Python's json.dumps: ensure_ascii (every non-ASCII character as \uXXXX).
  ['Python', (value) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, toUnicodeEscape)],
  // PHP's json_encode: / as \/, non-ASCII as \uXXXX.
  [
    'PHP',
    (value) =>
      JSON.stringify(value)
        .replace(/\//g, '\\/')
        .replace(/[\u0080-\uffff]/g, toUnicodeEscape),
  ],
];

const RAW_SECRETS = [TOKEN_SECRET, SECRET_KEY, SECURITY_TOKEN, PASSWORD, SUBJECT_TOKEN];
/** Each secret as it is, and as each writer would put it inside a JSON string: none may reach the caller. */
const ALL_SECRETS = [
  ...new Set(RAW_SECRETS.flatMap((secret) => [secret, ...ECHO_STYLES.map(([, write]) => write(secret).slice(1, -1))])),
];

/** IAM's answer to the password: a token (in X-Subject-Token) for the project. */
const issuedToken = (): Answer =>
  json(201, IAM_TOKEN_RESPONSE_EXAMPLE, { 'x-subject-token': SUBJECT_TOKEN, 'x-request-id': 'iam-request-id' });
const isTokenRequest = (request: { path: string }) => request.path.startsWith('/v3/auth/tokens');

/** The credential headers of a request, as a gateway that copies them would. */
const credentialHeaders = (request: { headers: Record<string, unknown> }) =>
  ['x-auth-token', 'authorization', 'x-security-token']
    .map((name) => `${name}: ${String(request.headers[name])}`)
    .join('; ');

/** A gateway that copies the request's credentials into its error page, written in `style`. */
const echoing =
  (status: number, write: (value: unknown) => string = JSON.stringify) =>
  (request: { headers: Record<string, unknown> }): Answer => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: write({ error_code: 'APIGW.0301', error_msg: `bad credentials: ${credentialHeaders(request)}` }),
  });

/** A 200 whose body, cut short (so not JSON), echoes the credentials in `style`. */
const truncatedEcho =
  (write: (value: unknown) => string) =>
  (request: { headers: Record<string, unknown> }): Answer => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: write({ checkpoint: { id: credentialHeaders(request), status: 'x' } }).slice(0, -20),
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
  ...ECHO_STYLES.flatMap(([style, write]): [string, (request: { headers: Record<string, unknown> }) => Answer][] => [
    [`401 echoing the credentials, ${style} style`, echoing(401, write)],
    [`500 echoing the credentials, ${style} style`, echoing(500, write)],
    [`truncated 200 echoing the credentials, ${style} style`, truncatedEcho(write)],
  ]),
];

function views(value: unknown): string[] {
  const out = [
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify(value) ?? '',
    String(value),
  ];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '');
    // A body excerpt as it is: inspect and JSON.stringify would double its backslashes, hiding an escaped echo.
    const { body } = value as { body?: unknown };
    if (typeof body === 'string') out.push(body);
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
  ...ECHO_STYLES.flatMap(
    ([style, write]): [string, (request: { body: string; headers: Record<string, unknown> }) => Answer][] => [
      [
        `401 echoing the body, ${style} style`,
        (request) => ({
          status: 401,
          headers: { 'content-type': 'application/json' },
          body: write({ error: { code: 401, message: `refused: ${request.body}`, title: 'Unauthorized' } }),
        }),
      ],
      [
        `201 not a token, echoing the token and the body, ${style} style`,
        (request) => ({
          status: 201,
          headers: { 'content-type': 'application/json', 'x-subject-token': SUBJECT_TOKEN },
          body: write({ token: `${SUBJECT_TOKEN} ${request.body}` }),
        }),
      ],
      [
        `truncated 201 echoing the body, ${style} style`,
        (request) => ({
          status: 201,
          headers: { 'content-type': 'application/json', 'x-subject-token': SUBJECT_TOKEN },
          body: write({ token: { note: request.body } }).slice(0, -5),
        }),
      ],
    ],
  ),
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
