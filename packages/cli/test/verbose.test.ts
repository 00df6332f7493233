// --verbose: one line per HTTP request on stderr (operation, status, duration, request id), never a header.
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { onlyJson } from './support/cbr-process.js';
import { startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

const requestLines = (stderr: string) =>
  stderr.split('\n').filter((line) => /^cbr: \w+(Checkpoint|Backups?) /.test(line));

it('one line per request, with the request id the service answered', async () => {
  const result = await runCbrInProcess(['--verbose', 'checkpoint', 'create', '--vault', VAULT_ID, '--wait', '--json'], {
    env: tokenEnv(mock),
  });
  expect(result.code, result.stderr).toBe(0);
  onlyJson(result.stdout);
  const lines = requestLines(result.stderr);
  expect(lines).toHaveLength(mock.requests.length);
  mock.requests.forEach((request, i) => {
    expect(lines[i]).toMatch(
      new RegExp(`^cbr: ${request.operation} ${request.method} 200 \\d+ ms request-id ${request.requestId}$`),
    );
  });
  expect(result.stderr).not.toMatch(/x-auth-token|authorization|user-agent|content-type/i);
});

it('retries are reported, each attempt with its own line', async () => {
  mock.faults.push({ route: 'showCheckpoint', kind: 'gateway-html', status: 503 });
  const created = onlyJson(
    (await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], { env: tokenEnv(mock) })).stdout,
  );
  mock.requests.length = 0;
  const result = await runCbrInProcess(['--verbose', 'checkpoint', 'get', created.id as string], {
    env: tokenEnv(mock),
  });
  expect(result.code, result.stderr).toBe(0);
  const lines = requestLines(result.stderr);
  expect(lines[0]).toMatch(/^cbr: showCheckpoint GET 503 \d+ ms request-id \w+$/);
  expect(lines[1]).toMatch(/^cbr: showCheckpoint attempt 1 failed \(HTTP 503\); retrying in \d+ ms$/);
  expect(lines[2]).toMatch(/^cbr: showCheckpoint GET 200 \d+ ms request-id \w+ \(attempt 2\)$/);
});

it('nothing of the kind without --verbose', async () => {
  const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
    env: tokenEnv(mock),
  });
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
});
