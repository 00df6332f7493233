// Configuration: the environment of CbrClient.fromEnv(), flags winning over it, and --token-stdin.
import { type MockServer, SEED_PROJECT_ID } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import {
  ACCESS_KEY,
  OTHER_PROJECT_ID,
  PROJECT_ID,
  passwordEnv,
  REGION,
  SECRET_KEY,
  startMock,
  TOKEN,
  tokenEnv,
  VAULT_ID,
} from './support/fixtures.js';
import { runInTerminal } from './support/terminal.js';

let mock: MockServer;
let other: MockServer;
beforeAll(async () => {
  [mock, other] = await Promise.all([startMock(), startMock()]);
});
afterAll(() => Promise.all([mock.close(), other.close()]));
beforeEach(() => {
  mock.reset();
  other.reset();
});

const create = ['checkpoint', 'create', '--vault', VAULT_ID];

describe('from the environment', () => {
  it('AK/SK (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK): signed requests', async () => {
    const result = await runCbrInProcess(create, {
      env: {
        CBR_ENDPOINT: mock.url,
        HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
        HUAWEICLOUD_SDK_AK: ACCESS_KEY,
        HUAWEICLOUD_SDK_SK: SECRET_KEY,
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.requests[0]?.hasAuthorization).toBe(true);
    expect(mock.requests[0]?.hasToken).toBe(false);
  });

  it('an IAM user (HUAWEICLOUD_SDK_DOMAIN_NAME, _USER_NAME, _PASSWORD): one token from IAM, the project from it', async () => {
    const result = await runCbrInProcess(['--verbose', ...create, '--wait'], { env: passwordEnv(mock) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('project (found on the first call), password auth');
    expect(mock.requests.map((r) => r.operation)).toEqual([
      'keystoneCreateUserTokenByPassword',
      'createCheckpoint',
      'showCheckpoint',
      'listBackups',
      'listBackups',
    ]);
    expect(mock.requests[1]?.path).toBe(`/v3/${SEED_PROJECT_ID}/checkpoints`);
    expect(result.stderr).toMatch(/^cbr: keystoneCreateUserTokenByPassword POST 201 \d+ ms request-id \w+$/m);
  });

  it('a wrong password: exit 1, IAM asked once, the password nowhere', async () => {
    const result = await runCbrInProcess(create, {
      env: { ...passwordEnv(mock), HUAWEICLOUD_SDK_PASSWORD: 'wrong-Pa55word' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 401');
    expect(result.stderr).not.toContain('wrong-Pa55word');
    expect(mock.requests.map((r) => r.operation)).toEqual(['keystoneCreateUserTokenByPassword']);
  });

  it('AK/SK without a project: the project is found from the region (--region wins over nothing)', async () => {
    const result = await runCbrInProcess(['--endpoint', mock.url, ...create], {
      env: {
        HUAWEICLOUD_SDK_REGION: REGION,
        HUAWEICLOUD_SDK_IAM_ENDPOINT: mock.url,
        HUAWEICLOUD_SDK_AK: ACCESS_KEY,
        HUAWEICLOUD_SDK_SK: SECRET_KEY,
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.requests.map((r) => r.operation)).toEqual(['keystoneListProjects', 'createCheckpoint']);
    expect(mock.requests[1]?.path).toBe(`/v3/${SEED_PROJECT_ID}/checkpoints`);
  });

  it('a missing AK/SK half is named', async () => {
    const result = await runCbrInProcess(create, {
      env: { CBR_ENDPOINT: mock.url, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID, HUAWEICLOUD_SDK_AK: ACCESS_KEY },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing HUAWEICLOUD_SDK_SK (beside HUAWEICLOUD_SDK_AK)');
    expect(result.stderr).toContain('cbr --help');
  });
});

describe('flags win over the environment', () => {
  it('--endpoint over CBR_ENDPOINT', async () => {
    const result = await runCbrInProcess(['--endpoint', other.url, ...create], { env: tokenEnv(mock) });
    expect(result.code, result.stderr).toBe(0);
    expect(other.requests).toHaveLength(1);
    expect(mock.requests).toHaveLength(0);
  });

  it('--project-id over HUAWEICLOUD_SDK_PROJECT_ID (global flags also after the command)', async () => {
    const result = await runCbrInProcess([...create, '--project-id', OTHER_PROJECT_ID], { env: tokenEnv(mock) });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.requests[0]?.path).toBe(`/v3/${OTHER_PROJECT_ID}/checkpoints`);
  });

  it('--region over CBR_ENDPOINT (the region endpoint is used, not the environment one)', async () => {
    // An id the SDK refuses before sending: nothing leaves the machine, but the client was made and shows
    // (with --verbose) where it would have sent the request.
    const result = await runCbrInProcess(['--region', 'cn-north-4', '--verbose', 'checkpoint', 'get', '..'], {
      env: tokenEnv(mock),
    });
    expect(result.stderr).toContain('cbr: endpoint https://cbr.cn-north-4.myhuaweicloud.com,');
    expect(result.code).toBe(2);
    expect(mock.requests).toHaveLength(0);
  });

  it('--timeout over the default', async () => {
    mock.faults.push({ route: 'showCheckpoint', kind: 'delay', delayMs: 1_500, times: 3 });
    const result = await runCbrInProcess(['--timeout', '200', 'checkpoint', 'get', 'x1'], { env: tokenEnv(mock) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no answer within 200 ms');
  });
});

describe('--token-stdin', () => {
  it('reads the token from stdin (one trailing newline is fine) and wins over HUAWEICLOUD_SDK_TOKEN', async () => {
    const result = await runCbrInProcess(['--token-stdin', ...create], {
      env: { ...tokenEnv(mock), HUAWEICLOUD_SDK_TOKEN: 'a-token-the-mock-refuses' },
      stdin: `${TOKEN}\n`,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.createdCount).toBe(1);
  });

  it('needs no token in the environment', async () => {
    const result = await runCbrInProcess(['checkpoint', 'create', '--token-stdin', '--vault', VAULT_ID], {
      env: { ...tokenEnv(mock), HUAWEICLOUD_SDK_TOKEN: undefined },
      stdin: TOKEN,
    });
    expect(result.code, result.stderr).toBe(0);
  });

  it('wins over AK/SK in the environment', async () => {
    const result = await runCbrInProcess(['--token-stdin', ...create], {
      env: {
        CBR_ENDPOINT: mock.url,
        HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
        HUAWEICLOUD_SDK_AK: ACCESS_KEY,
        HUAWEICLOUD_SDK_SK: 'not-the-secret-key',
      },
      stdin: TOKEN,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.requests[0]?.hasToken).toBe(true);
  });

  it.each([
    ['empty', '', 'standard input was empty'],
    ['only a newline', '\n', 'standard input was empty'],
    ['two lines', `${TOKEN}\nsecond-line`, 'a space, a line break or a control character'],
  ])('%s stdin is a usage error, nothing sent', async (_name, stdin, message) => {
    const result = await runCbrInProcess(['--token-stdin', ...create], { env: tokenEnv(mock), stdin });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('second-line');
    expect(mock.requests).toHaveLength(0);
  });
});

it('--token-stdin on a terminal is refused (pipe the token in), nothing sent', async () => {
  const { code, screen } = await runInTerminal(['--token-stdin', ...create], tokenEnv(mock));
  expect(code).toBe(2);
  expect(screen).toContain('--token-stdin: standard input is a terminal; pipe the token in');
  expect(mock.requests).toHaveLength(0);
});
