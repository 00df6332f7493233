// A create whose answer is lost (no answer in time, a dropped connection, a 2xx that cannot be read, a 5xx):
// the restore point may exist. cbr says so, names the vault, the name and the time the create was sent, and
// how to look for it before retrying, so that a CI job does not blindly create a second one.
import type { Fault, MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { onlyJson } from './support/cbr-process.js';
import { createRequests, startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

const LOST: [string, Fault, string[]][] = [
  [
    'the connection is reset after the create was processed',
    { route: 'createCheckpoint', kind: 'reset', phase: 'after' },
    [],
  ],
  [
    'no answer within --timeout',
    { route: 'createCheckpoint', kind: 'delay', phase: 'after', delayMs: 5_000 },
    ['--timeout', '300ms'],
  ],
  ['a 2xx whose body cannot be read', { route: 'createCheckpoint', kind: 'truncated-json', phase: 'after' }, []],
  [
    'a gateway error (HTTP 502) after the create was processed',
    { route: 'createCheckpoint', kind: 'gateway-html', phase: 'after' },
    [],
  ],
];

/** The instants in a text, as ISO timestamps (the time the create was sent). */
const instantsIn = (text: string) =>
  [...text.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g)].map((m) => Date.parse(m[0]));

describe.each(LOST)('%s', (_title, fault, flags) => {
  const lookup = `cbr backup list --vault ${VAULT_ID} --name before-deploy`;

  it('text: says the restore point may have been created, with the vault, the name, the time and how to look', async () => {
    mock.faults.push(fault);
    const started = Date.now();
    const result = await runCbrInProcess(
      [...flags, 'checkpoint', 'create', '--vault', VAULT_ID, '--name', 'before-deploy'],
      {
        env: tokenEnv(mock),
      },
    );
    const ended = Date.now();
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    expect(mock.createdCount).toBe(1);
    expect(createRequests(mock)).toHaveLength(1);
    expect(result.stderr).toContain('may have been created');
    expect(result.stderr).toContain(`vault ${VAULT_ID}`);
    expect(result.stderr).toContain('name before-deploy');
    expect(result.stderr).toContain(lookup);
    const [sentAt] = instantsIn(result.stderr);
    expect(sentAt).toBeGreaterThanOrEqual(started - 1_000);
    expect(sentAt).toBeLessThanOrEqual(ended);
  });

  it('--json: the error document says the same, and holds the facts as fields', async () => {
    mock.faults.push(fault);
    const result = await runCbrInProcess(
      [...flags, 'checkpoint', 'create', '--vault', VAULT_ID, '--name', 'before-deploy', '--json'],
      { env: tokenEnv(mock) },
    );
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { error } = JSON.parse(lines[0] ?? '') as { error: Record<string, unknown> };
    expect(error.message).toContain('may have been created');
    expect(error.message).toContain(lookup);
    expect(error).toMatchObject({
      checkpointId: null,
      checkpointStatus: null,
      possiblyCreated: { vaultId: VAULT_ID, name: 'before-deploy', sentAt: expect.any(String), lookup },
    });
    expect(Number.isNaN(Date.parse(String((error.possiblyCreated as { sentAt: string }).sentAt)))).toBe(false);
  });
});

it('without --name: the lookup is by vault, and the text says no name was given', async () => {
  mock.faults.push({ route: 'createCheckpoint', kind: 'reset', phase: 'after' });
  const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID], { env: tokenEnv(mock) });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('may have been created');
  expect(result.stderr).toContain('no name given');
  expect(result.stderr).toContain(`cbr backup list --vault ${VAULT_ID}\n`);
});

it('a refusal (HTTP 400 from the service) says nothing of a possible restore point', async () => {
  const result = await runCbrInProcess(
    ['checkpoint', 'create', '--vault', 'b8f0e1c2-0000-4000-8000-000000000000', '--json'],
    {
      env: tokenEnv(mock),
    },
  );
  expect(result.code).toBe(1);
  expect(mock.createdCount).toBe(0);
  expect(result.stderr).not.toContain('may have been created');
  const { error } = JSON.parse(result.stderr.trim()) as { error: Record<string, unknown> };
  expect(error.possiblyCreated).toBeNull();
});

it('a refused connection (nothing reached the service) says nothing of a possible restore point', async () => {
  const closed = await startMock();
  const url = closed.url;
  await closed.close();
  const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID], {
    env: { ...tokenEnv(mock), CBR_ENDPOINT: url },
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('ECONNREFUSED');
  expect(result.stderr).not.toContain('may have been created');
});

it('the lookup cbr names runs, and finds the restore point whose answer was lost', async () => {
  mock.faults.push({ route: 'createCheckpoint', kind: 'reset', phase: 'after' });
  const lost = await runCbrInProcess(
    ['checkpoint', 'create', '--vault', VAULT_ID, '--name', 'before-deploy', '--json'],
    {
      env: tokenEnv(mock),
    },
  );
  expect(lost.code).toBe(1);
  const { lookup } = JSON.parse(lost.stderr.trim().split('\n').at(-1) ?? '').error.possiblyCreated;
  expect(lookup).toBe(`cbr backup list --vault ${VAULT_ID} --name before-deploy`);
  const args = (lookup as string).split(' ').slice(1);
  const found = await runCbrInProcess([...args, '--json'], { env: tokenEnv(mock) });
  expect(found.code, found.stderr).toBe(0);
  const { backups } = onlyJson(found.stdout) as { backups: { name: string; vault_id: string }[] };
  expect(backups).toEqual([expect.objectContaining({ name: 'before-deploy', vault_id: VAULT_ID })]);
});
