// Every exit code of `cbr`, from the built bin against the mock server over real HTTP.
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { runCbr } from './support/cbr-process.js';
import { createRequests, PROJECT_ID, SERVER_ID, startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

// One case of each exit code runs cbr as a child process (runCbr): the code the real process exits with. The
// others run in this process (runCbrInProcess), where the code is the one main sets.
describe('0: done', () => {
  it('create prints the restore point', async () => {
    const result = await runCbr(['checkpoint', 'create', '--vault', VAULT_ID, '--name', 'nightly'], {
      env: tokenEnv(mock),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [created] = [...mock.store.checkpoints.values()];
    expect(created).toBeDefined();
    expect(result.stdout).toMatch(new RegExp(`^id\\s+${created?.id}$`, 'm'));
    expect(result.stdout).toMatch(/^status\s+protecting$/m);
    expect(result.stdout).toMatch(/^name\s+nightly$/m);
    expect(result.stdout).toContain(`vault-be94 (${VAULT_ID})`);
    expect(result.stdout).toContain(`ecs-1f0f-0002 (OS::Nova::Server, ${SERVER_ID}): protecting`);
  });

  it('create --wait waits until available, then lists its backups', async () => {
    const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--wait'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^status\s+available$/m);
    // The backups: one page, then the empty page that ends the listing.
    expect(mock.requests.map((r) => r.operation)).toEqual([
      'createCheckpoint',
      'showCheckpoint',
      'listBackups',
      'listBackups',
    ]);
  });

  it('get and wait of an existing restore point', async () => {
    const created = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
      env: tokenEnv(mock),
    });
    const id = JSON.parse(created.stdout).id as string;
    for (const command of ['get', 'wait']) {
      const result = await runCbrInProcess(['checkpoint', command, id], { env: tokenEnv(mock) });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    }
  });
});

describe('1: the service or the network failed', () => {
  it('an API error (HTTP 500) on create, not resent', async () => {
    mock.faults.push({
      route: 'createCheckpoint',
      kind: 'respond',
      status: 500,
      body: { error_code: 'BackupService.0000', error_msg: 'internal' },
    });
    const result = await runCbr(['checkpoint', 'create', '--vault', VAULT_ID], { env: tokenEnv(mock) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('HTTP 500 BackupService.0000: internal');
    expect(createRequests(mock)).toHaveLength(1);
  });

  it('an unknown vault (HTTP 400 from the service)', async () => {
    const result = await runCbrInProcess(['checkpoint', 'create', '--vault', 'b8f0e1c2-0000-4000-8000-000000000000'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BackupService.6105');
  });

  it('a restore point that does not exist (HTTP 404)', async () => {
    const result = await runCbrInProcess(['checkpoint', 'get', 'b8f0e1c2-0000-4000-8000-000000000000'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 404');
  });

  it('a request timeout (--timeout)', async () => {
    mock.faults.push({ route: 'showCheckpoint', kind: 'delay', delayMs: 2_000, times: Number.POSITIVE_INFINITY });
    const result = await runCbrInProcess(
      ['--timeout', '150ms', 'checkpoint', 'get', 'b8f0e1c2-0000-4000-8000-000000000000'],
      {
        env: tokenEnv(mock),
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no answer within 150 ms');
  });

  it('a refused connection', async () => {
    const closed = await startMock();
    const url = closed.url;
    await closed.close();
    const result = await runCbrInProcess(['checkpoint', 'get', 'x1'], {
      env: { ...tokenEnv(mock), CBR_ENDPOINT: url },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('a refused token (HTTP 401)', async () => {
    const result = await runCbrInProcess(['checkpoint', 'get', 'x1'], {
      env: { ...tokenEnv(mock), HUAWEICLOUD_SDK_TOKEN: 'not-the-token' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 401 APIGW.0301');
  });
});

describe('2: usage, configuration or validation error; nothing is sent', () => {
  const cases: [string, string[], Record<string, string | undefined>, RegExp][] = [
    [
      'an unknown option',
      ['checkpoint', 'create', '--vault', VAULT_ID, '--vualt', 'x'],
      {},
      /unknown option '--vualt'/,
    ],
    ['a missing --vault', ['checkpoint', 'create'], {}, /required option '--vault <vault-id>' not specified/],
    ['a missing id', ['checkpoint', 'get'], {}, /missing required argument 'checkpoint-id'/],
    ['an unknown command', ['checkpoint', 'delete', 'x'], {}, /unknown command 'delete'/],
    [
      'a bad duration',
      ['checkpoint', 'wait', 'x', '--wait-timeout', 'soon'],
      {},
      /--wait-timeout <duration>' argument 'soon' is invalid/,
    ],
    [
      'a duration past what a timer holds',
      ['--timeout', '30d', 'checkpoint', 'get', 'x'],
      {},
      /argument '30d' is invalid/,
    ],
    [
      'a name of 65 characters',
      ['checkpoint', 'create', '--vault', VAULT_ID, '--name', 'n'.repeat(65)],
      {},
      /parameters\.name must be at most 64 characters long \(maxLength\)/,
    ],
    [
      'a description of 256 characters',
      ['checkpoint', 'create', '--vault', VAULT_ID, '--description', 'd'.repeat(256)],
      {},
      /parameters\.description must be at most 255 characters/,
    ],
    ['an id that cannot be a path segment', ['checkpoint', 'get', '..'], {}, /checkpointId must not be "\." or "\.\."/],
    [
      'no project',
      ['checkpoint', 'get', 'x'],
      { HUAWEICLOUD_SDK_PROJECT_ID: undefined },
      /missing HUAWEICLOUD_SDK_PROJECT_ID/,
    ],
    [
      'no credentials',
      ['checkpoint', 'get', 'x'],
      { HUAWEICLOUD_SDK_TOKEN: undefined },
      // The default chain finds nothing (the metadata service is a closed local port): every source listed.
      /no credentials found\. Tried, in order: environment: none of HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or .*HUAWEICLOUD_SDK_PASSWORD, or HUAWEICLOUD_SDK_TOKEN.*ECS metadata/,
    ],
    ['an unknown region', ['--region', 'mars-1', 'checkpoint', 'get', 'x'], {}, /mars-1/],
    [
      'a plain http endpoint that is not loopback',
      ['--endpoint', 'http://cbr.example.com', 'checkpoint', 'get', 'x'],
      {},
      /http/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, env, message) => {
    const result = await runCbrInProcess(args, { env: { ...tokenEnv(mock), ...env } });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(mock.requests).toHaveLength(0);
  });

  it('`cbr` and `cbr checkpoint` alone show the help, as a usage error', async () => {
    for (const args of [[], ['checkpoint']]) {
      const result = await runCbrInProcess(args, { env: tokenEnv(mock) });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Usage: cbr');
    }
  });
});

describe('3: the wait timed out', () => {
  it('prints the id and the last status, and how to wait again', async () => {
    mock.store.availableAfterMs = 60_000;
    const result = await runCbr(['checkpoint', 'create', '--vault', VAULT_ID, '--wait', '--wait-timeout', '300ms'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const [created] = [...mock.store.checkpoints.values()];
    const id = created?.id as string;
    expect(result.stderr).toContain(`restore point ${id} was not available within 300 ms (last status: protecting)`);
    expect(result.stderr).toContain(`cbr checkpoint wait ${id}`);
    expect(createRequests(mock)).toHaveLength(1);

    // …and that command finishes the job once the restore point is available.
    mock.store.availableAfterMs = 0;
    const again = await runCbrInProcess(['checkpoint', 'wait', id], { env: tokenEnv(mock) });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^status\s+available$/m);
  });
});

describe('4: the restore point ended in error or deleted', () => {
  it.each(['error', 'deleted'] as const)('%s', async (status) => {
    mock.store.availableAfterMs = 60_000;
    const created = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
      env: tokenEnv(mock),
    });
    const id = JSON.parse(created.stdout).id as string;
    mock.store.setStatus(id, status);
    const result = await runCbr(['checkpoint', 'wait', id], { env: tokenEnv(mock) });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`restore point ${id} is "${status}" and will not become available`);
  });

  it('a resource whose backup failed, with --wait-for-resources', async () => {
    mock.store.availableAfterMs = 60_000;
    const created = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
      env: tokenEnv(mock),
    });
    const checkpoint = JSON.parse(created.stdout);
    // The service's answer: the restore point still protecting, its one resource failed.
    for (const resource of checkpoint.vault.resources) resource.protect_status = 'error';
    mock.faults.push({ route: 'showCheckpoint', kind: 'respond', status: 200, body: { checkpoint } });
    const result = await runCbrInProcess(['checkpoint', 'wait', checkpoint.id, '--wait-for-resources'], {
      env: tokenEnv(mock),
    });
    expect(result.stderr).toContain('has a resource whose backup failed (protect_status "error")');
    expect(result.code).toBe(4);
  });
});

it('the project in the path is the configured one', async () => {
  const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID], { env: tokenEnv(mock) });
  expect(result.code).toBe(0);
  expect(mock.requests[0]?.path).toBe(`/v3/${PROJECT_ID}/checkpoints`);
});
