// --json: stdout holds exactly one JSON document (the restore point as the API returned it) in every success
// case, and nothing on failure; errors go to stderr as {"error":{name,message,code,status,requestId,…}}, always
// with the same keys (null when not known).
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { onlyJson } from './support/cbr-process.js';
import { PROJECT_ID, SERVER_ID, startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

/** What the mock's GET answers for this restore point, as raw JSON (the "as the API returned it" reference). */
async function apiAnswer(id: string) {
  const response = await fetch(`${mock.url}/v3/${PROJECT_ID}/checkpoints/${id}`, {
    headers: { 'x-auth-token': tokenEnv(mock).HUAWEICLOUD_SDK_TOKEN },
  });
  return ((await response.json()) as { checkpoint: Record<string, unknown> }).checkpoint;
}

describe('success: one JSON document on stdout', () => {
  it('create (protecting), with every parameter sent as given', async () => {
    mock.store.availableAfterMs = 60_000;
    const args = ['checkpoint', 'create', '--vault', VAULT_ID, '--resource', SERVER_ID, '--name', 'before-deploy'];
    const result = await runCbrInProcess(
      [...args, '--description', 'release 42', '--no-incremental', '--auto-trigger', '--json'],
      {
        env: tokenEnv(mock),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const checkpoint = onlyJson(result.stdout);
    expect(checkpoint).toEqual(await apiAnswer(checkpoint.id as string));
    expect(checkpoint.status).toBe('protecting');
    expect(JSON.parse(mock.requests[0]?.body.toString() ?? '')).toEqual({
      checkpoint: {
        vault_id: VAULT_ID,
        parameters: {
          resources: [SERVER_ID],
          name: 'before-deploy',
          description: 'release 42',
          incremental: false,
          auto_trigger: true,
        },
      },
    });
  });

  it('create with only --vault sends only the vault', async () => {
    const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(mock.requests[0]?.body.toString() ?? '')).toEqual({ checkpoint: { vault_id: VAULT_ID } });
  });

  it('create --wait (available, with its backups), with progress on stderr only', async () => {
    const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--wait', '--json'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(0);
    const { backups, ...checkpoint } = onlyJson(result.stdout);
    expect(checkpoint.status).toBe('available');
    // The restore point as the API returned it, and its backups as listBackups returned them.
    expect(checkpoint).toEqual(await apiAnswer(checkpoint.id as string));
    expect(backups).toEqual([expect.objectContaining({ checkpoint_id: checkpoint.id, status: 'available' })]);
    expect(result.stderr).toContain(`created restore point ${checkpoint.id}`);
  });

  it('get and wait', async () => {
    const created = onlyJson(
      (await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], { env: tokenEnv(mock) })).stdout,
    );
    for (const command of ['get', 'wait']) {
      const result = await runCbrInProcess(['checkpoint', command, created.id as string, '--json'], {
        env: tokenEnv(mock),
      });
      expect(result.code).toBe(0);
      expect(onlyJson(result.stdout)).toEqual(await apiAnswer(created.id as string));
    }
  });
});

describe('failure: stdout empty, one JSON error on stderr', () => {
  const errorOf = (stderr: string) => {
    const lines = stderr.trim().split('\n');
    return (JSON.parse(lines[lines.length - 1] ?? '') as { error: Record<string, unknown> }).error;
  };

  it('an API error carries code, status and request id', async () => {
    const result = await runCbrInProcess(['checkpoint', 'get', 'b8f0e1c2-0000-4000-8000-000000000000', '--json'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(errorOf(result.stderr)).toEqual({
      name: 'CbrNotFoundError',
      message: expect.stringContaining('HTTP 404'),
      code: 'BackupService.6404',
      status: 404,
      requestId: mock.requests[0]?.requestId,
      checkpointId: 'b8f0e1c2-0000-4000-8000-000000000000',
      checkpointStatus: null,
      possiblyCreated: null,
    });
  });

  it('a validation error names the field, nothing sent', async () => {
    const result = await runCbrInProcess(
      ['checkpoint', 'create', '--vault', VAULT_ID, '--name', 'n'.repeat(65), '--json'],
      {
        env: tokenEnv(mock),
      },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorOf(result.stderr)).toMatchObject({
      name: 'CbrValidationError',
      code: null,
      status: null,
      requestId: null,
      issues: [{ path: 'parameters.name', rule: 'maxLength' }],
    });
    expect(mock.requests).toHaveLength(0);
  });

  it('a usage error', async () => {
    const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json', '--vualt', 'x'], {
      env: tokenEnv(mock),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorOf(result.stderr)).toEqual({
      name: 'UsageError',
      message: expect.stringContaining("unknown option '--vualt'"),
      code: 'commander.unknownOption',
      status: null,
      requestId: null,
      checkpointId: null,
      checkpointStatus: null,
      possiblyCreated: null,
    });
  });

  it('a wait that timed out carries the id and the last status', async () => {
    mock.store.availableAfterMs = 60_000;
    const result = await runCbrInProcess(
      ['checkpoint', 'create', '--vault', VAULT_ID, '--wait-timeout', '500ms', '--json'],
      {
        env: tokenEnv(mock),
      },
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const [stored] = [...mock.store.checkpoints.values()];
    expect(errorOf(result.stderr)).toMatchObject({
      name: 'CbrWaitTimeoutError',
      checkpointId: stored?.id,
      checkpointStatus: 'protecting',
    });
  });

  it('a network error carries the system code', async () => {
    const closed = await startMock();
    const url = closed.url;
    await closed.close();
    const result = await runCbrInProcess(['checkpoint', 'get', 'x1', '--json'], {
      env: { ...tokenEnv(mock), CBR_ENDPOINT: url },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(errorOf(result.stderr)).toMatchObject({ name: 'CbrNetworkError', code: 'ECONNREFUSED', status: null });
  });
});
