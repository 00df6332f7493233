// The client's secrets matrix, extended to the command: on every failure, with every kind of credential
// (keyless ones included: temporary keys from the metadata service, with its session token), no token (given,
// or issued by IAM), secret key, security token, session token, password or signature appears on stdout or
// stderr, with or without --verbose and --json, even when the server echoes the credentials back in its error.
// The runs are in this process (support/cbr-in-process.ts), but one failure per credential mode runs cbr as a
// child process (in text), so what the real process writes (Node's own warnings included) is checked for each
// mode too.
// Each case has its own mock, so the cases run at once (describe.concurrent): most of their time is spent
// waiting (the SDK's retry pauses, timeouts), not computing.
import type { Fault, FaultRoute, MockServer } from '@cbr-sdk/mock-server';
import { describe, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { runCbr } from './support/cbr-process.js';
import {
  ACCESS_KEY,
  IAM_USER,
  ISSUED_TOKEN,
  PROJECT_ID,
  REGION,
  SECRET_KEY,
  SECURITY_TOKEN,
  TOKEN,
  VAULT_ID,
  withMock,
} from './support/fixtures.js';

/** Restore points of the case's own mock stay protecting: a wait does not end by itself. */
const PROTECTING = { availableAfterMs: 60_000 };

interface Credentials {
  env: Record<string, string>;
  stdin?: string;
  args: string[];
  /** What a gateway could echo back: the credentials this mode sends. */
  sent: string;
  /** Where those credentials go (the echoing faults aim there). */
  route: FaultRoute;
  /** Faults queued before the failure's: the keyless source's answers, with secrets the test knows. */
  source?: Fault[];
}

const SESSION_TOKEN = 'cli-metadata-session-token-never-shown-0123';
const TEMPORARY_SECRET_KEY = 'cli-temporary-secret-key-never-shown-0123';
const TEMPORARY_SECURITY_TOKEN = 'cli-temporary-security-token-never-shown-0123';
const metadataSource: Fault[] = [
  {
    route: 'createMetadataSessionToken',
    times: Number.POSITIVE_INFINITY,
    kind: 'respond',
    status: 200,
    body: SESSION_TOKEN,
    headers: { 'content-type': 'text/plain' },
  },
  {
    route: 'showMetadataSecurityKey',
    times: Number.POSITIVE_INFINITY,
    kind: 'respond',
    status: 200,
    body: {
      credential: {
        access: 'HSTCLIEXAMPLEKEY',
        secret: TEMPORARY_SECRET_KEY,
        securitytoken: TEMPORARY_SECURITY_TOKEN,
        expires_at: '2099-01-01T00:00:00.000000Z',
      },
    },
  },
];
const credentialModes: [string, Credentials][] = [
  [
    'token (environment)',
    { env: { HUAWEICLOUD_SDK_TOKEN: TOKEN }, args: [], sent: `X-Auth-Token: ${TOKEN}`, route: '*' },
  ],
  [
    'token (--token-stdin)',
    { env: {}, stdin: TOKEN, args: ['--token-stdin'], sent: `X-Auth-Token: ${TOKEN}`, route: '*' },
  ],
  [
    'AK/SK with a security token',
    {
      env: {
        HUAWEICLOUD_SDK_AK: ACCESS_KEY,
        HUAWEICLOUD_SDK_SK: SECRET_KEY,
        HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN,
      },
      args: [],
      sent: `X-Security-Token: ${SECURITY_TOKEN}`,
      route: '*',
    },
  ],
  [
    'IAM user (password), its token from IAM',
    {
      env: {
        HUAWEICLOUD_SDK_REGION: REGION,
        HUAWEICLOUD_SDK_DOMAIN_NAME: IAM_USER.domainName,
        HUAWEICLOUD_SDK_USER_NAME: IAM_USER.userName,
        HUAWEICLOUD_SDK_PASSWORD: IAM_USER.password,
      },
      args: [],
      sent: JSON.stringify({ password: IAM_USER.password }),
      route: 'keystoneCreateUserTokenByPassword',
    },
  ],
  [
    'no credentials: temporary keys from the ECS metadata service (the default chain)',
    {
      env: { HUAWEICLOUD_SDK_METADATA_ENDPOINT: 'MOCK' },
      args: [],
      sent: `X-Security-Token: ${TEMPORARY_SECURITY_TOKEN}`,
      route: '*',
      source: metadataSource,
    },
  ],
];

const failures: [string, (echoed: string, route: FaultRoute) => Fault[], string[]][] = [
  [
    '401 echoing the credentials',
    (echoed, route) => [
      {
        route,
        times: Number.POSITIVE_INFINITY,
        kind: 'respond',
        status: 401,
        body: { error_code: 'APIGW.0301', error_msg: echoed },
      },
    ],
    [],
  ],
  [
    '400 echoing the credentials',
    (echoed, route) => [
      {
        route,
        times: Number.POSITIVE_INFINITY,
        kind: 'respond',
        status: 400,
        body: { error: { code: 'BackupService.6105', message: echoed } },
      },
    ],
    [],
  ],
  [
    '500 echoing the credentials',
    (echoed, route) => [
      {
        route,
        times: Number.POSITIVE_INFINITY,
        kind: 'respond',
        status: 500,
        body: `<html>${echoed}</html>`,
        headers: { 'content-type': 'text/html' },
      },
    ],
    [],
  ],
  ['gateway HTML page', (_echoed) => [{ kind: 'gateway-html', status: 502, times: Number.POSITIVE_INFINITY }], []],
  ['connection reset', (_echoed) => [{ kind: 'reset', times: Number.POSITIVE_INFINITY }], []],
  ['truncated body', (_echoed) => [{ kind: 'truncated-json', times: Number.POSITIVE_INFINITY }], []],
  [
    'request timeout',
    (_echoed) => [{ kind: 'delay', delayMs: 2_000, times: Number.POSITIVE_INFINITY }],
    // Not 100 ms: on a busy machine that ran out before the request reached the mock, and nothing was sent.
    ['--timeout', '500ms'],
  ],
  [
    'throttled past the retry budget',
    (_echoed) => [{ kind: 'throttle', retryAfter: 3_600, times: Number.POSITIVE_INFINITY }],
    [],
  ],
  [
    'wait timeout after retried polls',
    (_echoed) => [{ route: 'showCheckpoint', kind: 'gateway-html', status: 503 }],
    ['--wait-timeout', '300ms'],
  ],
];

/**
 * The failure each credential mode also meets in a child process, in text (its --json run stays in process: what
 * only a child shows, Node's own output, does not depend on cbr's output format).
 */
const IN_A_CHILD_PROCESS = '401 echoing the credentials';
const runnerFor = (failure: string, output: string[]) =>
  failure === IN_A_CHILD_PROCESS && output.length === 0 ? runCbr : runCbrInProcess;

type Runner = typeof runCbrInProcess;

/**
 * Runs `args` (after the mode's own and --verbose) against the case's mock with the failure's faults queued
 * behind the mode's keyless source, checks that it failed after the credentials went out, and returns what it
 * printed (stdout, stderr).
 */
async function failingRun(
  mock: MockServer,
  credentials: Credentials,
  faults: Fault[],
  args: string[],
  run: Runner = runCbrInProcess,
): Promise<string[]> {
  mock.reset();
  mock.faults.push(...(credentials.source ?? []), ...faults);
  const result = await run([...credentials.args, '--verbose', ...args], {
    env: {
      CBR_ENDPOINT: mock.url,
      ...('HUAWEICLOUD_SDK_PASSWORD' in credentials.env
        ? { HUAWEICLOUD_SDK_IAM_ENDPOINT: mock.url }
        : { HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID }),
      ...credentials.env,
      ...(credentials.source ? { HUAWEICLOUD_SDK_METADATA_ENDPOINT: mock.url } : {}),
    },
    ...(credentials.stdin ? { stdin: credentials.stdin } : {}),
  });
  expect(result.code, result.stderr).not.toBe(0);
  // The credentials went out: what is checked is what comes back to the user.
  expect(mock.requests.length).toBeGreaterThan(0);
  return [result.stdout, result.stderr];
}

/** No secret of any mode, no issued token and no signature in what cbr printed. */
function expectNothingLeaked(outputs: string[]): void {
  const seen = outputs.join('\n');
  for (const secret of [
    TOKEN,
    SECRET_KEY,
    SECURITY_TOKEN,
    IAM_USER.password,
    SESSION_TOKEN,
    TEMPORARY_SECRET_KEY,
    TEMPORARY_SECURITY_TOKEN,
  ]) {
    expect(seen).not.toContain(secret);
  }
  expect(seen).not.toMatch(ISSUED_TOKEN);
  expect(seen).not.toMatch(/Signature=|SDK-HMAC-SHA256/);
}

const echoOf = (credentials: Credentials) => `echo of the request: ${credentials.sent}`;

describe.concurrent.each(credentialModes)('%s', (_mode, credentials) => {
  it.each(failures)('%s', async (failure, faults, extraArgs) => {
    const outputs: string[] = [];
    await withMock(PROTECTING, async (mock) => {
      for (const output of [[], ['--json']]) {
        const args = ['checkpoint', 'create', '--vault', VAULT_ID, '--wait', ...extraArgs, ...output];
        const fault = faults(echoOf(credentials), credentials.route);
        outputs.push(...(await failingRun(mock, credentials, fault, args, runnerFor(failure, output))));
      }
    });
    expectNothingLeaked(outputs);
  });
});

/** The backup commands, each under the failures that echo the credentials back (the ones that could leak). */
const backupCommands: string[][] = [
  ['backup', 'list', '--vault', VAULT_ID],
  ['backup', 'delete', 'b1c4afd9-e7a6-4888-9010-c2bac3aa7910', '--wait'],
  ['checkpoint', 'prune', '--vault', VAULT_ID, '--name-prefix', 'deploy-', '--keep', '1', '--yes'],
];
const echoingFailures = failures.filter(([name]) => name.includes('echoing'));

describe.concurrent.each(credentialModes)('backup commands: %s', (_mode, credentials) => {
  it.each(echoingFailures)('%s', async (_failure, faults) => {
    const outputs: string[] = [];
    await withMock(PROTECTING, async (mock) => {
      for (const command of backupCommands) {
        for (const output of [[], ['--json']]) {
          const fault = faults(echoOf(credentials), credentials.route);
          outputs.push(...(await failingRun(mock, credentials, fault, [...command, ...output])));
        }
      }
    });
    expectNothingLeaked(outputs);
  });
});

it('a wrong password (IAM refuses it): not shown, not retried', () =>
  withMock(PROTECTING, async (mock) => {
    const result = await runCbrInProcess(['--verbose', 'checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
      env: {
        CBR_ENDPOINT: mock.url,
        HUAWEICLOUD_SDK_IAM_ENDPOINT: mock.url,
        HUAWEICLOUD_SDK_REGION: REGION,
        HUAWEICLOUD_SDK_DOMAIN_NAME: IAM_USER.domainName,
        HUAWEICLOUD_SDK_USER_NAME: IAM_USER.userName,
        HUAWEICLOUD_SDK_PASSWORD: `${IAM_USER.password}-wrong`,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr.trim().split('\n').pop() ?? '').error).toMatchObject({ status: 401 });
    expect(`${result.stdout}${result.stderr}`).not.toContain(IAM_USER.password);
    expect(mock.requests.map((request) => request.operation)).toEqual(['keystoneCreateUserTokenByPassword']);
  }));
