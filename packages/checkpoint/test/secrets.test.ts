// The token, the secret key and the Authorization header never appear in an error (message, stack,
// inspect with showHidden, JSON), a log line or a hook event, on any failure path, in every auth mode; nor do
// the keyless sources' secrets (temporary secret keys, security tokens, ID tokens, the IAM token of a federated
// user, GitHub's request token, the metadata session token, pod identity's authorization token).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { IAM_TOKEN_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api/iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CbrClient,
  type CbrClientOptions,
  CbrError,
  fromEcsMetadata,
  fromIdToken,
  fromPodIdentity,
} from '../src/index.js';
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
const TEMPORARY_SECRET_KEY = 'temporary/secret<key>&never-shown-0123456789';
const TEMPORARY_SECURITY_TOKEN = 'temporary/security<token>&never-shown-0123456789';
const temporaryKeys = async () => ({
  accessKey: 'HPUATEMPORARYACCESSKEY',
  secretKey: TEMPORARY_SECRET_KEY,
  securityToken: TEMPORARY_SECURITY_TOKEN,
  expiresAt: new Date(Date.now() + 3_600_000),
});
const authModes: [string, CbrClientOptions['credentials']][] = [
  ['token', { token: TOKEN_SECRET }],
  ['token function', { token: async () => TOKEN_SECRET }],
  ['AK/SK', { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }],
  ['password', PASSWORD_USER],
  ['temporary keys from a provider', temporaryKeys],
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

const RAW_SECRETS = [
  TOKEN_SECRET,
  SECRET_KEY,
  SECURITY_TOKEN,
  PASSWORD,
  SUBJECT_TOKEN,
  TEMPORARY_SECRET_KEY,
  TEMPORARY_SECURITY_TOKEN,
];
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

/**
 * Every secret found in `haystack`, each looked for once (one assertion per case, not one per secret and per
 * time it was sent): the test expects none, and a failure names them all.
 */
const leaked = (haystack: string, secrets: readonly string[]) =>
  [...new Set(secrets)].filter((secret) => haystack.includes(secret));

/**
 * The client's timeout in a case: 100 ms where the client's timeout is the failure (the server answers after
 * 300 ms). Elsewhere it is not what the case is about, and 100 ms could run out on a busy machine before the
 * request reached the server in the same process: the case then sent nothing and failed its "the credentials
 * did go out" check.
 */
const clientTimeoutMs = (failure: string) => (failure === 'timeout' ? 100 : 10_000);

describe.each(transports)('secrets never leak (%s)', (_transport, transportOptions) => {
  for (const [mode, credentials] of authModes) {
    it.each(failures)(`${mode}: %s`, async (failure, answer) => {
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
        timeoutMs: clientTimeoutMs(failure),
        // One retry takes every path a retry has (the onRetry event, its log line, a resent delete's look at
        // the backup, the error after the last attempt); a second would only repeat it.
        maxRetries: 1,
        retryBaseDelayMs: 1,
        logger: { debug: log, info: log, warn: log, error: log },
        hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) },
        ...transportOptions(),
      });

      const errors = await Promise.all([
        cbr.checkpoints.create(seedParams()).catch((e: unknown) => e),
        cbr.checkpoints.get('cp').catch((e: unknown) => e),
        cbr.backups.listPage({ checkpoint_id: 'cp' }).catch((e: unknown) => e),
        cbr.backups.get('b').catch((e: unknown) => e),
        cbr.backups.waitUntilDeleted('b', { intervalMs: 1, timeoutMs: 400 }).catch((e: unknown) => e),
      ]);
      for (const error of errors) expect(error).toBeInstanceOf(CbrError);
      // A delete reads no body: a 2xx (even a truncated one) is success, anything else an error to search too.
      // (After the others: when a busy machine made the password kind's one token request time out, this call
      // asks IAM again, so that credentials do go out.)
      const deleted = await cbr.backups.delete('b').catch((e: unknown) => e);
      if (deleted !== undefined) errors.push(deleted);
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
        ...views(cbr.backups),
      ].join('\n');
      const signatures = sentAuthorization.flatMap((value) => /Signature=(\w+)/.exec(value)?.[1] ?? []);
      expect(leaked(haystack, [...ALL_SECRETS, ...sentAuthorization, ...signatures])).toEqual([]);
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
  it.each(iamFailures)('%s', async (failure, answer) => {
    server.reset((request) => answer(request as never));
    const logged: string[] = [];
    const events: unknown[] = [];
    const log = (line: string) => logged.push(line);
    const cbr = new CbrClient({
      endpoint: server.url,
      iamEndpoint: server.url,
      region: 'cn-north-4',
      credentials: PASSWORD_USER,
      timeoutMs: clientTimeoutMs(failure),
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
    expect(leaked(haystack, ALL_SECRETS)).toEqual([]);
    expect(haystack).toContain('keystoneCreateUserTokenByPassword');
  });
});

// The keyless sources, played by the scripted server: each request's secrets echoed back in a failure.
const SESSION_TOKEN = 'metadata-session-token-never-shown-0123456789';
const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJuZXZlci1zaG93biJ9.id-token-signature-never-shown';
const FEDERATED_IAM_TOKEN = 'MIIfederated-iam-token-never-shown-0123456789';
const GITHUB_REQUEST_TOKEN = 'github-request-token-never-shown-0123456789';
const POD_TOKEN = 'pod-authorization-token-never-shown-0123456789';
const KEYLESS_SECRETS = [
  SESSION_TOKEN,
  ID_TOKEN,
  FEDERATED_IAM_TOKEN,
  GITHUB_REQUEST_TOKEN,
  POD_TOKEN,
  TEMPORARY_SECRET_KEY,
  TEMPORARY_SECURITY_TOKEN,
];
/** Everything the request carried, as a careless gateway would put it into an error. */
const echo = (request: { headers: Record<string, unknown>; body: string }) =>
  `${JSON.stringify(request.headers)} ${request.body}`;
const credential = (extra: Record<string, unknown> = {}) => ({
  credential: {
    access: 'HPUATEMPORARYACCESSKEY',
    secret: TEMPORARY_SECRET_KEY,
    securitytoken: TEMPORARY_SECURITY_TOKEN,
    expires_at: '2099-01-01T00:00:00.000000Z',
    ...extra,
  },
});
type Echoed = { path: string; method: string; headers: Record<string, unknown>; body: string };
const dir = mkdtempSync(join(tmpdir(), 'cbr-secrets-'));
const idTokenFile = join(dir, 'id-token');
const podTokenFile = join(dir, 'pod-token');
writeFileSync(idTokenFile, `${ID_TOKEN}\n`);
writeFileSync(podTokenFile, POD_TOKEN);

const keylessFailures: [string, () => CbrClientOptions['credentials'], (request: Echoed) => Answer][] = [
  ...(
    [
      ['500 echoing', (r: Echoed) => json(500, { error_msg: echo(r) })],
      ['401 echoing (twice: after a new session token too)', (r: Echoed) => json(401, { error_msg: echo(r) })],
      ['200 without expires_at, echoing', (r: Echoed) => json(200, credential({ expires_at: echo(r) }))],
      ['200 truncated', () => ({ status: 200, body: `{"credential":{"secret":"${TEMPORARY_SECRET_KEY}"` })],
    ] as const
  ).map(
    ([name, failure]) =>
      [
        `ECS metadata: ${name}`,
        () => fromEcsMetadata({ endpoint: server.url }),
        (r: Echoed) => (r.method === 'PUT' ? { status: 200, body: SESSION_TOKEN } : failure(r)),
      ] as [string, () => CbrClientOptions['credentials'], (request: Echoed) => Answer],
  ),
  [
    'OIDC: IAM refuses the ID token, echoing it',
    () => fromIdToken({ idpId: 'idp', idTokenFile }),
    (r) => json(401, { error_code: 'IAM.0066', error_msg: echo(r) }),
  ],
  [
    'OIDC: temporary keys refused, echoing the IAM token',
    () => fromIdToken({ idpId: 'idp', idTokenFile }),
    (r) =>
      r.path.includes('id-token')
        ? json(
            201,
            { token: { expires_at: '2099-01-01T00:00:00.000000Z' } },
            { 'x-subject-token': FEDERATED_IAM_TOKEN },
          )
        : json(500, { error_msg: echo(r) }),
  ],
  [
    'OIDC: an answer without X-Subject-Token, echoing the ID token',
    () => fromIdToken({ idpId: 'idp', idTokenFile }),
    (r) => json(201, { token: echo(r) }),
  ],
  [
    'GitHub Actions: the ID token endpoint fails, echoing its request token',
    () =>
      fromIdToken({
        idpId: 'idp',
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/github?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_REQUEST_TOKEN,
        },
      }),
    (r) => json(500, { message: echo(r) }),
  ],
  [
    'pod identity: refused, echoing the authorization token',
    () => fromPodIdentity({ uri: `${server.url}/v1/credentials`, authorizationTokenFile: podTokenFile }),
    (r) => json(401, { error_msg: echo(r) }),
  ],
  [
    'pod identity: an answer that is not credentials, echoing',
    () => fromPodIdentity({ uri: `${server.url}/v1/credentials`, authorizationTokenFile: podTokenFile }),
    (r) => json(200, { credentials: { accessKeyId: echo(r) } }),
  ],
  [
    'temporary keys refused by CBR, echoed by the gateway',
    () => fromEcsMetadata({ endpoint: server.url }),
    (r) =>
      r.method === 'PUT'
        ? { status: 200, body: SESSION_TOKEN }
        : r.path.startsWith('/openstack')
          ? json(200, credential())
          : json(401, { error_code: 'APIGW.0301', error_msg: echo(r) }),
  ],
];

describe('the keyless sources’ secrets never leak when a source fails', () => {
  // The metadata source loads the keyless specs' validators on its first use: loaded here, so that the first
  // case's time goes to the exchange it is about.
  beforeAll(() => import('@cbr-sdk/checkpoint-api/credential-sources'));
  it.each(keylessFailures)('%s', async (failure, credentials, answer) => {
    server.reset((request) => answer(request as never));
    const logged: string[] = [];
    const events: unknown[] = [];
    const log = (line: string) => logged.push(line);
    const cbr = new CbrClient({
      endpoint: server.url,
      iamEndpoint: server.url,
      region: 'cn-north-4',
      projectId: PROJECT_ID,
      credentials: credentials(),
      timeoutMs: clientTimeoutMs(failure),
      retryBaseDelayMs: 1,
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) },
    });
    const errors = await Promise.all([
      cbr.checkpoints.create(seedParams()).catch((e: unknown) => e),
      cbr.checkpoints.get('cp').catch((e: unknown) => e),
    ]);
    for (const error of errors) expect(error).toBeInstanceOf(CbrError);
    expect(server.received.length).toBeGreaterThan(0);
    const haystack = [...errors.flatMap(views), ...logged, ...events.flatMap(views), ...views(cbr)].join('\n');
    expect(leaked(haystack, KEYLESS_SECRETS)).toEqual([]);
  });
});
