// --poll-interval: every command that waits hands it to the SDK's waiter as the first pause between polls.
// Each case waits for something that does not happen within --wait-timeout 500ms: at the default first pause
// (2 s) one poll fits in that time; at --poll-interval 10ms several do. Each case has its own mock, so they run
// at once.
import type { MockServer } from '@cbr-sdk/mock-server';
import { describe, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { onlyJson } from './support/cbr-process.js';
import { tokenEnv, VAULT_ID, withMock } from './support/fixtures.js';

const FAST = ['--poll-interval', '10ms', '--wait-timeout', '500ms'];
const polls = (mock: MockServer, operation: string) => mock.requests.filter((r) => r.operation === operation).length;

/** A restore point of `name`, available at once, and the id of its one backup. */
async function restorePoint(mock: MockServer, name: string) {
  const result = await runCbrInProcess(
    ['checkpoint', 'create', '--vault', VAULT_ID, '--name', name, '--wait', '--json'],
    {
      env: tokenEnv(mock),
    },
  );
  return (onlyJson(result.stdout) as { backups: { id: string }[] }).backups[0]?.id as string;
}

describe.concurrent('--poll-interval', () => {
  it('checkpoint create (it implies --wait)', ({ expect }) =>
    withMock({ availableAfterMs: 60_000 }, async (mock) => {
      const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, ...FAST], {
        env: tokenEnv(mock),
      });
      expect(result.code, result.stderr).toBe(3);
      expect(polls(mock, 'showCheckpoint')).toBeGreaterThan(1);
    }));

  it('checkpoint wait', ({ expect }) =>
    withMock({ availableAfterMs: 60_000 }, async (mock) => {
      const created = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
        env: tokenEnv(mock),
      });
      const result = await runCbrInProcess(['checkpoint', 'wait', onlyJson(created.stdout).id as string, ...FAST], {
        env: tokenEnv(mock),
      });
      expect(result.code, result.stderr).toBe(3);
      expect(polls(mock, 'showCheckpoint')).toBeGreaterThan(1);
    }));

  it('backup delete (it implies --wait)', ({ expect }) =>
    withMock({ availableAfterMs: 0, deletedAfterMs: 60_000 }, async (mock) => {
      const backup = await restorePoint(mock, 'poll-delete');
      const result = await runCbrInProcess(['backup', 'delete', backup, ...FAST], { env: tokenEnv(mock) });
      expect(result.code, result.stderr).toBe(3);
      expect(polls(mock, 'showBackup')).toBeGreaterThan(1);
    }));

  it('checkpoint prune --yes (it implies --wait)', ({ expect }) =>
    withMock({ availableAfterMs: 0, deletedAfterMs: 60_000 }, async (mock) => {
      await restorePoint(mock, 'deploy-1');
      await restorePoint(mock, 'deploy-2');
      const prune = ['checkpoint', 'prune', '--vault', VAULT_ID, '--name-prefix', 'deploy-', '--keep', '1', '--yes'];
      const result = await runCbrInProcess([...prune, ...FAST], { env: tokenEnv(mock) });
      expect(result.code, result.stderr).toBe(3);
      expect(polls(mock, 'showBackup')).toBeGreaterThan(1);
    }));

  it.for(['0', 'soon', ''])('%j is a usage error naming the flag (exit 2), nothing sent', (value, { expect }) =>
    withMock({}, async (mock) => {
      const result = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--poll-interval', value], {
        env: tokenEnv(mock),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--poll-interval');
      expect(mock.requests).toHaveLength(0);
    }),
  );
});
