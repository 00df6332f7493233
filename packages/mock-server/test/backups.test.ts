// A restore point's backups over real HTTP: one per resource, following the restore point's status; listBackups
// with each filter, offset and marker paging and sort; show; the delete lifecycle; vault capacity; retention.
import { checkSchema } from '@cbr-sdk/checkpoint-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, type MockServerOptions, type MockVault, startMockServer } from '../src/index.js';
import {
  CHECKPOINTS_PATH,
  call,
  create,
  expectCheckpoint,
  expectError,
  manualClock,
  PROJECT_ID,
  type Reply,
  show,
} from './helpers.js';

const BACKUPS_PATH = `/v3/${PROJECT_ID}/backups`;
const VAULT: MockVault = {
  id: 'vault-a',
  name: 'vault-a',
  resources: [
    { id: 'server-1', name: 'web-1', type: 'OS::Nova::Server', resource_size: '40', availability_zone: 'az1' },
    { id: 'server-2', name: 'web-2', type: 'OS::Nova::Server', resource_size: '40', availability_zone: 'az2' },
    { id: 'disk-1', name: 'data-1', type: 'OS::Cinder::Volume', resource_size: '100', availability_zone: 'az1' },
  ],
};
const OTHER_VAULT: MockVault = {
  id: 'vault-b',
  name: 'vault-b',
  resources: [{ id: 'server-3', name: 'db-1', type: 'OS::Nova::Server', resource_size: '20' }],
};

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function start(options: MockServerOptions = {}) {
  const clock = manualClock();
  const server = await startMockServer({ vaults: [VAULT, OTHER_VAULT], now: clock.now, ...options });
  servers.push(server);
  return { server, clock };
}

const backup = (vaultId: string, parameters: Record<string, unknown> = {}) => ({
  checkpoint: { vault_id: vaultId, parameters },
});
/** Creates a restore point and answers its id. */
async function checkpointOf(server: MockServer, vaultId = VAULT.id, parameters: Record<string, unknown> = {}) {
  return expectCheckpoint(await create(server, backup(vaultId, parameters))).id as string;
}
/** A 200 listBackups answer, checked against the spec. */
async function list(server: MockServer, query = '') {
  const reply = await call(server, 'GET', `${BACKUPS_PATH}${query}`);
  expect(reply.status, reply.text).toBe(200);
  expect(checkSchema('BackupListResp', reply.json)).toEqual([]);
  return reply.json as { backups: { id: string; [key: string]: unknown }[]; count: number };
}
const showBackup = (server: MockServer, id: string) => call(server, 'GET', `${BACKUPS_PATH}/${id}`);
const deleteBackup = (server: MockServer, id: string) => call(server, 'DELETE', `${BACKUPS_PATH}/${id}`);
function expectBackup(reply: Reply) {
  expect(reply.status, reply.text).toBe(200);
  expect(checkSchema('BackupGetResp', reply.json)).toEqual([]);
  return reply.json.backup;
}

describe('a restore point makes one backup per resource', () => {
  it('with the restore point id, name, sizes and a status that follows the restore point', async () => {
    const { server, clock } = await start({ availableAfterMs: 1000 });
    const id = await checkpointOf(server, VAULT.id, { name: '发布前-1', description: 'before the deploy' });
    const page = await list(server, `?checkpoint_id=${id}`);
    expect(page.count).toBe(3);
    expect(page.backups.map((b) => b.resource_id).sort()).toEqual(['disk-1', 'server-1', 'server-2']);
    for (const b of page.backups) {
      expect(b).toMatchObject({
        checkpoint_id: id,
        name: '发布前-1',
        description: 'before the deploy',
        vault_id: VAULT.id,
        project_id: PROJECT_ID,
        status: 'protecting',
        protected_at: null,
        expired_at: null,
        image_type: 'backup',
        parent_id: null,
      });
    }
    const disk = page.backups.find((b) => b.resource_id === 'disk-1');
    expect(disk).toMatchObject({ resource_size: 100, resource_type: 'OS::Cinder::Volume', resource_name: 'data-1' });
    expect(disk?.provider_id).toBe('d1603440-187d-4516-af25-121250c7cc97');

    clock.advance(1000);
    for (const b of (await list(server, `?checkpoint_id=${id}`)).backups) {
      expect(b.status).toBe('available');
      expect(b.protected_at).toEqual(expect.any(String));
    }
    server.store.setStatus(id, 'error');
    expect((await list(server, `?checkpoint_id=${id}`)).backups.map((b) => b.status)).toEqual([
      'error',
      'error',
      'error',
    ]);
  });

  it('shows a backup by id, and 404 BackupService.6200 for an unknown one', async () => {
    const { server } = await start();
    const id = await checkpointOf(server);
    const [first] = (await list(server, `?checkpoint_id=${id}`)).backups;
    expect(expectBackup(await showBackup(server, String(first?.id)))).toEqual(first);
    expectError(await showBackup(server, 'no-such-backup'), 404, 'BackupService.6200');
    // Another project does not see it.
    expectError(await call(server, 'GET', `/v3/another-project/backups/${first?.id}`), 404, 'BackupService.6200');
  });
});

describe('listBackups filters', () => {
  async function filled() {
    const { server, clock } = await start({ availableAfterMs: 0 });
    const a = await checkpointOf(server, VAULT.id, { name: 'nightly-a', resources: ['server-1', 'disk-1'] });
    clock.advance(60_000);
    const b = await checkpointOf(server, VAULT.id, { name: 'nightly-b', resources: ['server-2'] });
    clock.advance(60_000);
    const c = await checkpointOf(server, OTHER_VAULT.id, { name: 'nightly-a' });
    return { server, clock, a, b, c };
  }
  const ids = (page: { backups: { [key: string]: unknown }[] }) => page.backups.map((b) => b.resource_id).sort();

  it.each([
    ['checkpoint_id', (f: { a: string }) => `checkpoint_id=${f.a}`, ['disk-1', 'server-1']],
    ['vault_id', () => `vault_id=${OTHER_VAULT.id}`, ['server-3']],
    ['resource_id', () => 'resource_id=server-2', ['server-2']],
    ['resource_name', () => 'resource_name=data-1', ['disk-1']],
    ['resource_type', () => 'resource_type=OS::Cinder::Volume', ['disk-1']],
    ['resource_az', () => 'resource_az=az1', ['disk-1', 'server-1']],
    ['name', () => 'name=nightly-a', ['disk-1', 'server-1', 'server-3']],
    ['image_type', () => 'image_type=backup', ['disk-1', 'server-1', 'server-2', 'server-3']],
    ['image_type (replication)', () => 'image_type=replication', []],
    ['parent_id', () => 'parent_id=some-backup', []],
    ['start_time', () => 'start_time=2026-01-02T03:05:00Z', ['server-2', 'server-3']],
    ['end_time', () => 'end_time=2026-01-02T03:05:00Z', ['disk-1', 'server-1']],
    ['start_time and end_time', () => 'start_time=2026-01-02T03:05:00Z&end_time=2026-01-02T03:05:30Z', ['server-2']],
    ['two filters at once', () => `vault_id=${VAULT.id}&name=nightly-a`, ['disk-1', 'server-1']],
  ])('%s', async (_name, query, expected) => {
    const fixture = await filled();
    const page = await list(fixture.server, `?${query(fixture)}`);
    expect(ids(page)).toEqual(expected);
    expect(page.count).toBe(expected.length);
  });

  it('status, repeated for several', async () => {
    const { server, a, b } = await filled();
    server.store.setStatus(a, 'error');
    expect(ids(await list(server, '?status=error'))).toEqual(['disk-1', 'server-1']);
    expect(ids(await list(server, '?status=error&status=available'))).toEqual([
      'disk-1',
      'server-1',
      'server-2',
      'server-3',
    ]);
    const [one] = (await list(server, `?checkpoint_id=${b}`)).backups;
    server.store.setBackupStatus(String(one?.id), 'restoring');
    expect(ids(await list(server, '?status=restoring'))).toEqual(['server-2']);
  });

  it('refuses a query that breaks the spec, naming the parameter (400 BackupService.9900)', async () => {
    const { server } = await start();
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['status=gone', 'status'],
      ['resource_type=OS::Sfs::Turbo', 'resource_type'],
      ['sort=size:desc', 'sort'],
      ['start_time=yesterday', 'start_time'],
      ['image_type=copy', 'image_type'],
      ['checkpoint_id=a&checkpoint_id=b', 'checkpoint_id'],
    ]) {
      const reply = await call(server, 'GET', `${BACKUPS_PATH}?${query}`);
      expect(expectError(reply, 400, 'BackupService.9900'), query).toContain(String(field));
    }
  });
});

describe('listBackups paging and sort', () => {
  async function manyBackups(count: number) {
    const { server, clock } = await start({ availableAfterMs: 0 });
    const created: string[] = [];
    for (let i = 0; i < count; i++) {
      created.push(await checkpointOf(server, OTHER_VAULT.id, { name: `bk-${String(i).padStart(2, '0')}` }));
      clock.advance(1000);
    }
    return { server, created };
  }

  it('pages with offset and limit, newest first, until an empty page past the end (as Terraform reads)', async () => {
    const { server, created } = await manyBackups(7);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 3) {
      const page = await list(server, `?vault_id=${OTHER_VAULT.id}&limit=3&offset=${offset}`);
      expect(page.count).toBe(7);
      if (page.backups.length === 0) break;
      expect(page.backups.length).toBeLessThanOrEqual(3);
      seen.push(...page.backups.map((b) => String(b.checkpoint_id)));
    }
    expect(seen).toEqual([...created].reverse());
    expect((await list(server, '?offset=100')).backups).toEqual([]);
  });

  it("gives the same pages whether it reads an index's page directly or sorts the matches", async () => {
    const { server } = await manyBackups(6);
    for (const query of ['limit=4', 'limit=4&offset=4', `vault_id=${OTHER_VAULT.id}&limit=2&offset=1`]) {
      const plain = await list(server, `?${query}`);
      const sorted = await list(server, `?${query}&sort=created_at:desc`);
      expect(plain, query).toEqual(sorted);
    }
  });

  it('orders by created_at even when a clock went back (the order of creation is not trusted then)', async () => {
    const { server, clock } = await start({ availableAfterMs: 0 });
    const later = await checkpointOf(server, OTHER_VAULT.id, { name: 'later' });
    clock.advance(-60_000);
    const earlier = await checkpointOf(server, VAULT.id, { name: 'earlier', resources: ['server-1'] });
    expect((await list(server, '?limit=10')).backups.map((b) => b.checkpoint_id)).toEqual([later, earlier]);
  });

  it('pages with marker: the page starts after that backup', async () => {
    const { server, created } = await manyBackups(5);
    const first = await list(server, '?limit=2');
    const next = await list(server, `?limit=2&marker=${first.backups[1]?.id}`);
    expect(next.backups.map((b) => b.checkpoint_id)).toEqual([created[2], created[1]]);
    const last = await list(server, `?limit=2&marker=${next.backups[1]?.id}`);
    expect(last.backups.map((b) => b.checkpoint_id)).toEqual([created[0]]);
    expect((await list(server, `?marker=${last.backups[0]?.id}`)).backups).toEqual([]);
    expectError(await call(server, 'GET', `${BACKUPS_PATH}?marker=unknown`), 400, 'BackupService.9900');
  });

  it('sorts by the keys given, descending unless :asc', async () => {
    const { server, created } = await manyBackups(4);
    const byCreated = await list(server, '?sort=created_at:asc');
    expect(byCreated.backups.map((b) => b.checkpoint_id)).toEqual(created);
    const byName = await list(server, '?sort=name');
    expect(byName.backups.map((b) => b.name)).toEqual(['bk-03', 'bk-02', 'bk-01', 'bk-00']);
    const byNameAsc = await list(server, '?sort=status:asc,name:asc');
    expect(byNameAsc.backups.map((b) => b.name)).toEqual(['bk-00', 'bk-01', 'bk-02', 'bk-03']);
  });
});

describe('deleting a backup', () => {
  it('204, then deleting, then gone (404 BackupService.6200); the restore point goes with its last backup', async () => {
    const { server, clock } = await start({ availableAfterMs: 0, deletedAfterMs: 500 });
    const id = await checkpointOf(server, VAULT.id, { resources: ['server-1', 'server-2'] });
    const [one, two] = (await list(server, `?checkpoint_id=${id}`)).backups;

    const deleted = await deleteBackup(server, String(one?.id));
    expect(deleted.status, deleted.text).toBe(204);
    expect(deleted.text).toBe('');
    expect(expectBackup(await showBackup(server, String(one?.id))).status).toBe('deleting');
    // A resent delete of a backup being deleted is accepted again.
    expect((await deleteBackup(server, String(one?.id))).status).toBe(204);
    clock.advance(500);
    expectError(await showBackup(server, String(one?.id)), 404, 'BackupService.6200');
    expectError(await deleteBackup(server, String(one?.id)), 404, 'BackupService.6200');
    expect((await list(server, `?checkpoint_id=${id}`)).backups.map((b) => b.id)).toEqual([two?.id]);
    // The restore point is still there with its other backup, and shows only that resource.
    expect(expectCheckpoint(await show(server, id)).vault.resources.map((r: { id: string }) => r.id)).toEqual([
      two?.resource_id,
    ]);

    expect((await deleteBackup(server, String(two?.id))).status).toBe(204);
    expect(expectCheckpoint(await show(server, id)).status).toBe('deleting');
    clock.advance(500);
    expectError(await show(server, id), 404, 'BackupService.6404');
    expect((await list(server, `?checkpoint_id=${id}`)).count).toBe(0);
  });

  it('is refused while the backup is being made (400 CSBS.2003), and nothing changes', async () => {
    const { server, clock } = await start({ availableAfterMs: 1000 });
    const id = await checkpointOf(server, OTHER_VAULT.id);
    const [only] = (await list(server, `?checkpoint_id=${id}`)).backups;
    expect(expectError(await deleteBackup(server, String(only?.id)), 400, 'CSBS.2003')).toContain('protecting');
    expect(expectBackup(await showBackup(server, String(only?.id))).status).toBe('protecting');
    clock.advance(1000);
    expect((await deleteBackup(server, String(only?.id))).status).toBe(204);
  });
});

describe('vault capacity', () => {
  it('counts each backup at its resource size; a create that does not fit is 400 BackupService.6114', async () => {
    const { server, clock } = await start({
      availableAfterMs: 0,
      deletedAfterMs: 0,
      vaults: [{ ...OTHER_VAULT, size: 50 }],
    });
    const first = await checkpointOf(server, OTHER_VAULT.id); // 20 GB
    await checkpointOf(server, OTHER_VAULT.id); // 40 GB
    expect(server.store.usedGb(OTHER_VAULT.id)).toBe(40);
    const full = await create(server, backup(OTHER_VAULT.id));
    expect(expectError(full, 400, 'BackupService.6114')).toContain('40 GB of 50 GB');
    expect(server.createdCount).toBe(2);

    // Pruned: deleting the oldest restore point's backup frees its 20 GB, and a create fits again.
    const [old] = (await list(server, `?checkpoint_id=${first}`)).backups;
    expect((await deleteBackup(server, String(old?.id))).status).toBe(204);
    clock.advance(1);
    expect(server.store.usedGb(OTHER_VAULT.id)).toBe(20);
    expectCheckpoint(await create(server, backup(OTHER_VAULT.id)));
  });
});

describe('retention', () => {
  it('sets expired_at and extra_info.retention_duration, and removes the backups when it passes', async () => {
    const { server, clock } = await start({ availableAfterMs: 0, retentionDayMs: 1000 });
    const kept = await checkpointOf(server, OTHER_VAULT.id);
    clock.advance(1);
    const reply = await create(server, backup(VAULT.id, { retention_duration_days: 7, resources: ['server-1'] }));
    const checkpoint = expectCheckpoint(reply);
    expect(checkpoint.extra_info.retention_duration).toBe(7);
    const [b] = (await list(server, `?checkpoint_id=${checkpoint.id}`)).backups;
    expect(b?.expired_at).toBe('2026-01-02T03:04:12.679000');

    clock.advance(6999);
    expect(expectBackup(await showBackup(server, String(b?.id))).status).toBe('available');
    clock.advance(1);
    expectError(await showBackup(server, String(b?.id)), 404, 'BackupService.6200');
    expectError(await show(server, checkpoint.id), 404, 'BackupService.6404');
    // Without retention, kept forever.
    expect((await list(server, `?checkpoint_id=${kept}`)).backups[0]?.expired_at).toBeNull();
    expect(expectCheckpoint(await show(server, kept)).extra_info.retention_duration).toBe(-1);
  });

  it('refuses retention_duration_days with auto_trigger true, naming the rule', async () => {
    const { server } = await start();
    const reply = await create(server, backup(VAULT.id, { auto_trigger: true, retention_duration_days: 7 }));
    const message = expectError(reply, 400, 'BackupService.9900');
    expect(message).toContain('checkpoint.parameters.retention_duration_days');
    expect(message).toContain('retention-not-with-auto-trigger');
    expect(server.createdCount).toBe(0);
  });

  it('marks automatic backups in extend_info', async () => {
    const { server } = await start();
    const id = await checkpointOf(server, OTHER_VAULT.id, { auto_trigger: true });
    expect((await list(server, `?checkpoint_id=${id}`)).backups[0]?.extend_info).toMatchObject({ auto_trigger: true });
  });
});

describe('the name pattern', () => {
  it('takes CJK names and refuses names with spaces (400 BackupService.9900, naming the field)', async () => {
    const { server } = await start();
    expectCheckpoint(await create(server, backup(OTHER_VAULT.id, { name: '每日备份_01' })));
    const reply = await create(server, backup(VAULT.id, { name: 'nightly backup' }));
    expect(expectError(reply, 400, 'BackupService.9900')).toContain(
      'checkpoint.parameters.name must match the pattern',
    );
    expect(server.createdCount).toBe(1);
  });
});

describe('the store bound', () => {
  it('forgetting a restore point frees its backups and their capacity', async () => {
    const { server } = await start({ availableAfterMs: 0, maxCheckpoints: 1, vaults: [{ ...OTHER_VAULT, size: 20 }] });
    const first = await checkpointOf(server, OTHER_VAULT.id);
    await checkpointOf(server, OTHER_VAULT.id);
    expect((await list(server, `?checkpoint_id=${first}`)).count).toBe(0);
    expect(server.store.backupCount).toBe(1);
    expect(server.store.usedGb(OTHER_VAULT.id)).toBe(20);
    expect((await call(server, 'GET', CHECKPOINTS_PATH)).status).toBe(405);
  });
});
