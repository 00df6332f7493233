// cbr.backups and the new create parameters against the stateful mock over real HTTP: a restore point's
// backups, paging across several pages, each filter, delete and its waiter (and the restore point going with
// its last backup), a resent delete after a lost answer, the cross-field rule and the name pattern before
// sending, and a full vault pruned so that a create succeeds again.
import { DEFAULT_VAULTS, type MockServer, startMockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BackupResp,
  CbrBadRequestError,
  CbrClient,
  type CbrClientOptions,
  CbrNotFoundError,
  CbrValidationError,
} from '../src/index.js';
import { PROJECT_ID, seedParams } from './support/fixtures.js';

const VAULT_ID = '3b5816b5-f29c-4172-9d9a-76c719a659ce';
const SERVER_ID = '94eba8b2-acc9-4d82-badc-127144cc5526';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, availableAfterMs: 0, deletedAfterMs: 50 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const client = (options: Partial<CbrClientOptions> = {}) =>
  new CbrClient({
    endpoint: mock.url,
    projectId: PROJECT_ID,
    credentials: { token: 'demo-token' },
    retryBaseDelayMs: 1,
    ...options,
  });
const fast = { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 5_000 };

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function restorePoint(cbr: CbrClient, name: string) {
  const created = await cbr.checkpoints.create({ vault_id: VAULT_ID, parameters: { name } });
  return cbr.checkpoints.waitUntilAvailable(created.id, fast);
}

describe('a restore point and its backups', () => {
  it('list({ checkpoint_id }) gives its backups: one per resource, available once it is', async () => {
    const cbr = client();
    const done = await restorePoint(cbr, 'before-deploy');
    const backups = await collect(cbr.backups.list({ checkpoint_id: done.id }));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ checkpoint_id: done.id, vault_id: VAULT_ID, resource_id: SERVER_ID });
    expect(backups[0]?.status).toBe('available');
    expect(await cbr.backups.get(backups[0]?.id as string)).toEqual(backups[0]);
  });

  it('pages across several pages, by offset and by marker, each page once', async () => {
    const cbr = client();
    for (let i = 0; i < 5; i++) await restorePoint(cbr, `paged-${i}`);
    const all = await collect(cbr.backups.list({ vault_id: VAULT_ID, limit: 2 }));
    expect(all).toHaveLength(5);
    expect(new Set(all.map((b) => b.id)).size).toBe(5);
    const lists = mock.requests.filter((r) => r.operation === 'listBackups');
    // 2 + 2 + 1, then the empty page that ends it.
    expect(lists).toHaveLength(4);

    const first = await cbr.backups.listPage({ vault_id: VAULT_ID, limit: 2 });
    expect(first.backups).toHaveLength(2);
    expect(first.count).toBeGreaterThanOrEqual(2);
    const rest = await collect(cbr.backups.list({ vault_id: VAULT_ID, limit: 2, marker: first.backups[1]?.id }));
    expect([...first.backups, ...rest].map((b) => b.id).sort()).toEqual(all.map((b) => b.id).sort());
  });

  it('filters: restore point, vault, resource, name, status (any of several)', async () => {
    const cbr = client();
    const a = await restorePoint(cbr, 'filter-a');
    const b = await restorePoint(cbr, 'filter-b');
    const ids = async (query: Parameters<CbrClient['backups']['list']>[0]) =>
      (await collect(cbr.backups.list(query))).map((x: BackupResp) => x.checkpoint_id).sort();
    expect(await ids({ checkpoint_id: a.id })).toEqual([a.id]);
    expect(await ids({ vault_id: VAULT_ID })).toEqual([a.id, b.id].sort());
    expect(await ids({ resource_id: SERVER_ID })).toEqual([a.id, b.id].sort());
    expect(await ids({ name: 'filter-b' })).toEqual([b.id]);
    expect(await ids({ status: ['error'] })).toEqual([]);
    expect(await ids({ status: ['error', 'available'] })).toEqual([a.id, b.id].sort());
    expect(await ids({ vault_id: '00000000-0000-0000-0000-000000000000' })).toEqual([]);
  });

  it('an invalid query is refused before sending', async () => {
    const cbr = client();
    await expect(cbr.backups.listPage({ status: ['bogus' as never] })).rejects.toBeInstanceOf(CbrValidationError);
    expect(() => cbr.backups.list({ limit: 0 })).toThrow(CbrValidationError);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('delete and its waiter', () => {
  it('deletes, waits until gone; the restore point goes with its last backup', async () => {
    const cbr = client();
    const done = await restorePoint(cbr, 'to-delete');
    const [backup] = await collect(cbr.backups.list({ checkpoint_id: done.id }));
    const id = backup?.id as string;
    await cbr.backups.delete(id);
    const seen: string[] = [];
    await cbr.backups.waitUntilDeleted(id, { ...fast, onStatus: (b) => seen.push(b.status) });
    await expect(cbr.backups.get(id)).rejects.toBeInstanceOf(CbrNotFoundError);
    await expect(cbr.checkpoints.get(done.id)).rejects.toBeInstanceOf(CbrNotFoundError);
    // A second delete (not a resend of the first) is the service's 404.
    await expect(cbr.backups.delete(id)).rejects.toMatchObject({ status: 404, code: 'BackupService.6200' });
  });

  it.each([
    ['being deleted', 50],
    ['gone (404 BackupService.6200)', 0],
  ])('a delete resent after a lost answer that finds the backup %s is success', async (_what, deletedAfterMs) => {
    const cbr = client();
    const done = await restorePoint(cbr, 'resent');
    const [backup] = await collect(cbr.backups.list({ checkpoint_id: done.id }));
    const id = backup?.id as string;
    mock.store.deletedAfterMs = deletedAfterMs;
    // The mock deletes, then drops the connection: the SDK cannot know, so it sends the delete again.
    mock.faults.push({ route: 'deleteBackup', phase: 'after', kind: 'reset' });
    await expect(cbr.backups.delete(id)).resolves.toBeUndefined();
    const deletes = mock.requests.filter((r) => r.operation === 'deleteBackup');
    expect(deletes.map((r) => r.status)).toEqual([undefined, deletedAfterMs === 0 ? 404 : 204]);
    await cbr.backups.waitUntilDeleted(id, fast);
    mock.store.deletedAfterMs = 50;
  });

  it('a backup still being made is refused (400)', async () => {
    const cbr = client();
    mock.store.availableAfterMs = 60_000;
    const created = await cbr.checkpoints.create({ vault_id: VAULT_ID, parameters: { name: 'busy' } });
    const [backup] = await collect(cbr.backups.list({ checkpoint_id: created.id }));
    expect(backup?.status).toBe('protecting');
    await expect(cbr.backups.delete(backup?.id as string)).rejects.toBeInstanceOf(CbrBadRequestError);
  });
});

describe('create: retention and the name pattern, checked before sending', () => {
  it('retention_duration_days is sent; with auto_trigger true it is refused, naming both fields', async () => {
    const cbr = client();
    const created = await cbr.checkpoints.create({
      vault_id: VAULT_ID,
      parameters: { name: 'kept-a-week', retention_duration_days: 7 },
    });
    expect(JSON.parse(mock.requests[0]?.body.toString() ?? '').checkpoint.parameters.retention_duration_days).toBe(7);
    const [backup] = await collect(cbr.backups.list({ checkpoint_id: created.id }));
    expect(backup?.expired_at).toEqual(expect.any(String));

    mock.reset();
    const params = seedParams();
    expect(params.parameters?.auto_trigger).toBe(true);
    const error = await cbr.checkpoints
      .create({ ...params, parameters: { ...params.parameters, retention_duration_days: 7 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrValidationError);
    expect((error as Error).message).toContain('retention_duration_days');
    expect((error as Error).message).toContain('auto_trigger');
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    ['a space', 'nightly backup'],
    ['a dot', 'v1.2'],
  ])('a name with %s is refused before sending', async (_what, name) => {
    const error = await client()
      .checkpoints.create({ vault_id: VAULT_ID, parameters: { name } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrValidationError);
    expect((error as CbrValidationError).issues[0]).toMatchObject({ path: 'parameters.name', rule: 'pattern' });
    expect(mock.requests).toHaveLength(0);
  });

  it.each(['夜间备份', 'before-deploy_42', '部署前-v2_备份'])('the name %s is sent', async (name) => {
    const created = await client().checkpoints.create({ vault_id: VAULT_ID, parameters: { name } });
    expect(created.extra_info?.name).toBe(name);
  });
});

describe('a vault that fills up', () => {
  it('full (BackupService.6114), then the oldest deleted, then a create succeeds', async () => {
    const vault = DEFAULT_VAULTS[0];
    if (!vault) throw new Error('the mock has no default vault');
    // Room for two backups of the 40 GB server.
    const small = await startMockServer({
      port: 0,
      availableAfterMs: 0,
      deletedAfterMs: 20,
      vaults: [{ ...vault, size: 100 }],
    });
    try {
      const cbr = client({ endpoint: small.url });
      const first = await cbr.checkpoints.create({ vault_id: VAULT_ID, parameters: { name: 'deploy-1' } });
      await cbr.checkpoints.create({ vault_id: VAULT_ID, parameters: { name: 'deploy-2' } });
      const full = await cbr.checkpoints
        .create({ vault_id: VAULT_ID, parameters: { name: 'deploy-3' } })
        .catch((e: unknown) => e);
      expect(full).toBeInstanceOf(CbrBadRequestError);
      expect(full).toMatchObject({ code: 'BackupService.6114' });

      for (const backup of await collect(cbr.backups.list({ checkpoint_id: first.id }))) {
        await cbr.backups.delete(backup.id);
        await cbr.backups.waitUntilDeleted(backup.id, fast);
      }
      const third = await cbr.checkpoints.create({ vault_id: VAULT_ID, parameters: { name: 'deploy-3' } });
      expect(third.vault?.id).toBe(VAULT_ID);
    } finally {
      await small.close();
    }
  });

  it('backups with retention_duration_days go when it runs out', async () => {
    const quick = await startMockServer({ port: 0, availableAfterMs: 0, retentionDayMs: 30 });
    try {
      const cbr = client({ endpoint: quick.url });
      const created = await cbr.checkpoints.create({
        vault_id: VAULT_ID,
        parameters: { name: 'a-day', retention_duration_days: 1 },
      });
      expect(await collect(cbr.backups.list({ checkpoint_id: created.id }))).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await collect(cbr.backups.list({ checkpoint_id: created.id }))).toEqual([]);
      await expect(cbr.checkpoints.get(created.id)).rejects.toBeInstanceOf(CbrNotFoundError);
    } finally {
      await quick.close();
    }
  });
});
