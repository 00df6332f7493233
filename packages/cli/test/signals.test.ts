// Ctrl-C (SIGINT) and SIGTERM: the request in flight is aborted, the wait stops, the id of a restore point
// already created is printed, cbr exits 130, and no restore point is created twice.
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCbr } from './support/cbr-process.js';
import { createRequests, startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 60_000;
});

describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
  it('during a wait: exit 130, the id printed, one restore point', async () => {
    const cbr = startCbr(['checkpoint', 'create', '--vault', VAULT_ID, '--wait'], { env: tokenEnv(mock) });
    const [, id] = await cbr.waitForStderr(/created restore point (\S+)/);
    cbr.child.kill(signal);
    const result = await cbr.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `interrupted by ${signal}: restore point ${id} was created (last status: protecting)`,
    );
    expect(result.stderr).toContain(`cbr checkpoint wait ${id}`);
    expect(mock.createdCount).toBe(1);
    expect(createRequests(mock)).toHaveLength(1);
  });

  it('with --json: the same facts as one JSON error on stderr', async () => {
    const cbr = startCbr(['checkpoint', 'create', '--vault', VAULT_ID, '--wait', '--json'], { env: tokenEnv(mock) });
    const [, id] = await cbr.waitForStderr(/created restore point (\S+)/);
    cbr.child.kill(signal);
    const result = await cbr.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    const last = result.stderr.trim().split('\n').pop() ?? '';
    expect(JSON.parse(last).error).toMatchObject({
      name: 'Interrupted',
      code: signal,
      checkpointId: id,
      checkpointStatus: 'protecting',
    });
  });
});

it('while the create request is in flight: the request is aborted and never sent again', async () => {
  // The mock creates the restore point, then holds the answer back.
  mock.faults.push({ route: 'createCheckpoint', kind: 'delay', phase: 'after', delayMs: 10_000 });
  const cbr = startCbr(['--verbose', 'checkpoint', 'create', '--vault', VAULT_ID, '--wait'], { env: tokenEnv(mock) });
  await cbr.waitForStderr(/cbr: endpoint/);
  while (mock.createdCount === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  cbr.child.kill('SIGINT');
  const result = await cbr.done;
  expect(result.code).toBe(130);
  expect(result.stderr).toContain('interrupted by SIGINT while the create request was in flight');
  expect(result.stderr).toContain('it was not sent again');
  expect(createRequests(mock)).toHaveLength(1);
  expect(mock.createdCount).toBe(1);
});

it('during a get: exit 130', async () => {
  mock.faults.push({ route: 'showCheckpoint', kind: 'delay', delayMs: 10_000 });
  const cbr = startCbr(['--verbose', 'checkpoint', 'get', 'x1'], { env: tokenEnv(mock) });
  await cbr.waitForStderr(/cbr: endpoint/);
  while (mock.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  cbr.child.kill('SIGINT');
  const result = await cbr.done;
  expect(result.code).toBe(130);
  expect(result.stderr).toContain('interrupted by SIGINT');
  expect(mock.requests).toHaveLength(1);
});
