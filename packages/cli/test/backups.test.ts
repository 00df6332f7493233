// The backup commands and the backup side of create, as a user runs them: real `cbr` processes against the
// mock over real HTTP. create --retention and --wait (the backups in the summary and in --json), backup
// list with each filter, backup delete (--wait, part-way failures), checkpoint prune (plan, safety, --yes),
// and the exit codes and JSON documents of each. The waits for a deletion poll every few milliseconds
// (--poll-interval), not after the default first pause of 2 s: the mock deletes a backup within 50 ms.
import type { MockServer } from '@cbr-sdk/mock-server';
import { DEFAULT_VAULTS } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { onlyJson } from './support/cbr-process.js';
import { createRequests, SERVER_ID, startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ deletedAfterMs: 50 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

/** A wait that polls again after 20 ms (then 30, 45, …): the mock's deletions take 50 ms (20 for `small`). */
const QUICK_POLLS = ['--poll-interval', '20ms'];
const cbr = (...args: string[]) => runCbrInProcess(args, { env: tokenEnv(mock) });
type Backup = { id: string; checkpoint_id: string; name: string; status: string; resource_id: string };
const sentBody = (index = 0) => JSON.parse(createRequests(mock)[index]?.body.toString() ?? '{}');

/** Creates a restore point and waits for it; its id and its backups. */
async function restorePoint(name: string, ...extra: string[]) {
  const result = await cbr('checkpoint', 'create', '--vault', VAULT_ID, '--name', name, '--wait', '--json', ...extra);
  expect(result.code, result.stderr).toBe(0);
  const document = onlyJson(result.stdout) as { id: string; backups: Backup[] };
  return document;
}

async function backupsOf(...filters: string[]): Promise<Backup[]> {
  const result = await cbr('backup', 'list', ...filters, '--json');
  expect(result.code, result.stderr).toBe(0);
  return (onlyJson(result.stdout) as { backups: Backup[] }).backups;
}

describe('checkpoint create: retention and the backups', () => {
  it('--wait lists the backups (id, resource, size, status); --json has them as backups', async () => {
    const document = await restorePoint('before-deploy');
    expect(document.backups).toHaveLength(1);
    expect(document.backups[0]).toMatchObject({
      checkpoint_id: document.id,
      resource_id: SERVER_ID,
      status: 'available',
    });
    expect(document.backups).toEqual(await backupsOf('--checkpoint', document.id));

    const text = await cbr('checkpoint', 'create', '--vault', VAULT_ID, '--wait');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^backups$/m);
    expect(text.stdout).toMatch(/^ {2}id\s+resource\s+size\s+status$/m);
    expect(text.stdout).toMatch(/ecs-1f0f-0002\s+40 GB\s+available/);
  });

  it('--retention <days> and forever are sent as retention_duration_days', async () => {
    for (const [flag, days] of [
      ['7', 7],
      ['forever', -1],
      ['-1', -1],
    ] as const) {
      mock.reset();
      const result = await cbr('checkpoint', 'create', '--vault', VAULT_ID, '--retention', flag, '--json');
      expect(result.code, result.stderr).toBe(0);
      expect(sentBody().checkpoint.parameters).toEqual({ retention_duration_days: days });
    }
  });

  it.each([
    [['--retention', 'week'], '--retention'],
    [['--retention', '0'], 'parameters.retention_duration_days'],
    [['--retention', '36501'], 'parameters.retention_duration_days'],
    [['--retention', '7', '--auto-trigger'], 'retention_duration_days'],
    [['--name', 'nightly backup'], 'parameters.name'],
    [['--description', 'a <b>'], 'parameters.description'],
  ])('%j is refused before sending (exit 2, naming the field)', async (flags, field) => {
    const result = await cbr('checkpoint', 'create', '--vault', VAULT_ID, ...flags, '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr).error.message).toContain(field);
    expect(createRequests(mock)).toHaveLength(0);
  });

  it('a name with CJK characters, digits, _ and - is sent', async () => {
    const result = await cbr('checkpoint', 'create', '--vault', VAULT_ID, '--name', '部署前_备份-1', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(sentBody().checkpoint.parameters.name).toBe('部署前_备份-1');
  });
});

describe('backup list', () => {
  it('filters by restore point, vault, name and status (repeatable)', async () => {
    const a = await restorePoint('list-a');
    const b = await restorePoint('list-b');
    expect((await backupsOf('--checkpoint', a.id)).map((x) => x.checkpoint_id)).toEqual([a.id]);
    expect(new Set((await backupsOf('--vault', VAULT_ID)).map((x) => x.checkpoint_id))).toEqual(new Set([a.id, b.id]));
    expect((await backupsOf('--name', 'list-b')).map((x) => x.checkpoint_id)).toEqual([b.id]);
    expect(await backupsOf('--vault', VAULT_ID, '--status', 'error')).toEqual([]);
    expect(await backupsOf('--vault', VAULT_ID, '--status', 'error', '--status', 'available')).toHaveLength(2);
    const request = mock.requests.filter((r) => r.operation === 'listBackups').at(-2);
    expect(new URL(request?.path ?? '', mock.url).searchParams.getAll('status')).toEqual(['error', 'available']);
  });

  it('prints a table for people, and "no backups" when none match', async () => {
    const a = await restorePoint('table-a');
    const result = await cbr('backup', 'list', '--checkpoint', a.id);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^id\s+restore point\s+name\s+resource\s+size\s+status\s+created at \(UTC\)$/m);
    expect(result.stdout).toContain(a.backups[0]?.id);
    const none = await cbr('backup', 'list', '--checkpoint', 'f0000000-0000-0000-0000-000000000000');
    expect(none.stdout).toBe('no backups\n');
  });

  it('an unknown status is refused before sending (exit 2)', async () => {
    const result = await cbr('backup', 'list', '--status', 'bogus', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.name).toBe('CbrValidationError');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('backup delete', () => {
  it('--wait deletes until gone; the restore point goes with its last backup', async () => {
    const a = await restorePoint('delete-a');
    const id = a.backups[0]?.id as string;
    const result = await cbr('backup', 'delete', id, '--wait', ...QUICK_POLLS, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(onlyJson(result.stdout)).toEqual({ deleted: [id], waited: true });
    expect(await backupsOf('--checkpoint', a.id)).toEqual([]);
    const gone = await cbr('checkpoint', 'get', a.id, '--json');
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stderr).error.status).toBe(404);
  });

  it('an unknown backup: exit 1, the error names what was and was not deleted', async () => {
    const a = await restorePoint('delete-b');
    const id = a.backups[0]?.id as string;
    const unknown = 'f0000000-0000-0000-0000-000000000000';
    const result = await cbr('backup', 'delete', unknown, id, '--json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    // Progress lines on stderr, then the error document last.
    expect(result.stderr).toContain(`cbr: backup ${id}: delete accepted`);
    const { error } = JSON.parse(result.stderr.trim().split('\n').at(-1) ?? '');
    expect(error.name).toBe('DeletionIncomplete');
    expect(error.deleted).toEqual([id]);
    expect(error.notDeleted).toEqual([{ id: unknown, error: 'CbrNotFoundError', message: expect.any(String) }]);

    const text = await cbr('backup', 'delete', unknown);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`backups not deleted (${unknown}:`);
  });
});

describe('checkpoint prune', () => {
  async function scene() {
    const deploys = [];
    for (const n of [1, 2, 3, 4]) deploys.push(await restorePoint(`deploy-${n}`));
    const nightly = await restorePoint('nightly-1');
    const automatic = await restorePoint('deploy-auto', '--auto-trigger');
    return { deploys, nightly, automatic };
  }
  const prune = (...extra: string[]) =>
    cbr('checkpoint', 'prune', '--vault', VAULT_ID, '--name-prefix', 'deploy-', '--keep', '2', ...extra);

  it('without --yes prints the plan, deletes nothing, exit 0', async () => {
    const { deploys } = await scene();
    const before = await backupsOf('--vault', VAULT_ID);
    const result = await prune('--json');
    expect(result.code, result.stderr).toBe(0);
    const plan = onlyJson(result.stdout) as { kept: { checkpointId: string }[]; toDelete: { checkpointId: string }[] };
    expect(plan).toMatchObject({ applied: false, deleted: [], notDeleted: [], keep: 2, namePrefix: 'deploy-' });
    expect(plan.kept.map((p) => p.checkpointId)).toEqual([deploys[3]?.id, deploys[2]?.id]);
    expect(plan.toDelete.map((p) => p.checkpointId)).toEqual([deploys[1]?.id, deploys[0]?.id]);
    expect(await backupsOf('--vault', VAULT_ID)).toEqual(before);
    expect(mock.requests.some((r) => r.operation === 'deleteBackup')).toBe(false);

    const text = await prune();
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('dry run: 2 backups would be deleted; run again with --yes to delete them');
  });

  it('--yes --wait deletes the backups of the older ones only: never automatic ones or other names', async () => {
    const { deploys, nightly, automatic } = await scene();
    const result = await prune('--yes', '--wait', ...QUICK_POLLS, '--json');
    expect(result.code, result.stderr).toBe(0);
    const outcome = onlyJson(result.stdout) as { applied: boolean; deleted: string[] };
    expect(outcome.applied).toBe(true);
    expect(outcome.deleted.sort()).toEqual([deploys[0]?.backups[0]?.id, deploys[1]?.backups[0]?.id].sort());
    const left = new Set((await backupsOf('--vault', VAULT_ID)).map((b) => b.checkpoint_id));
    expect(left).toEqual(new Set([deploys[2]?.id, deploys[3]?.id, nightly.id, automatic.id]));
  });

  it('leaves a busy backup alone (one being deleted)', async () => {
    const { deploys } = await scene();
    mock.store.deletedAfterMs = 60_000;
    const busy = deploys[0]?.backups[0]?.id as string;
    expect((await cbr('backup', 'delete', busy)).code).toBe(0);
    const result = await prune('--yes', '--json');
    mock.store.deletedAfterMs = 50;
    expect(result.code, result.stderr).toBe(0);
    const outcome = onlyJson(result.stdout) as { skipped: { id: string; reason: string }[]; deleted: string[] };
    expect(outcome.skipped).toEqual([expect.objectContaining({ id: busy, reason: 'it is deleting' })]);
    expect(outcome.deleted).toEqual([deploys[1]?.backups[0]?.id]);
    expect(mock.requests.filter((r) => r.operation === 'deleteBackup')).toHaveLength(2);
  });

  it('--keep must be a whole number (exit 2)', async () => {
    const result = await cbr('checkpoint', 'prune', '--vault', VAULT_ID, '--name-prefix', 'd', '--keep', 'two');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--keep');
  });
});

it('a full vault: the create fails (BackupService.6114), prune frees it, the create succeeds', async () => {
  const vault = DEFAULT_VAULTS[0];
  if (!vault) throw new Error('the mock has no default vault');
  // Room for two backups of the 40 GB server.
  const small = await startMock({ deletedAfterMs: 20, vaults: [{ ...vault, size: 100 }] });
  try {
    const run = (...args: string[]) => runCbrInProcess(args, { env: tokenEnv(small) });
    const create = (name: string) =>
      run('checkpoint', 'create', '--vault', VAULT_ID, '--name', name, '--wait', '--json');
    expect((await create('deploy-1')).code).toBe(0);
    expect((await create('deploy-2')).code).toBe(0);
    const full = await create('deploy-3');
    expect(full.code).toBe(1);
    expect(JSON.parse(full.stderr.trim().split('\n').at(-1) ?? '').error).toMatchObject({
      code: 'BackupService.6114',
      status: 400,
      possiblyCreated: null,
    });

    const pruned = await run(
      'checkpoint',
      'prune',
      '--vault',
      VAULT_ID,
      '--name-prefix',
      'deploy-',
      '--keep',
      '1',
      '--yes',
      '--wait',
      ...QUICK_POLLS,
    );
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/^deleted \(1\)$/m);
    const third = await create('deploy-3');
    expect(third.code, third.stderr).toBe(0);
    expect(onlyJson(third.stdout).status).toBe('available');
  } finally {
    await small.close();
  }
});
