// cbr.backups against a scripted server: paging (offset until an empty page, marker, a service that ignores
// offset), the resent delete (gone or being deleted after a lost answer is success; a first 404 is not),
// and the delete's waiter (404 ends it, error after deleting fails it, the deadline, the signal).
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type BackupStatus,
  CbrAbortError,
  CbrBackupDeleteFailedError,
  CbrBackupWaitTimeoutError,
  CbrBadRequestError,
  CbrClient,
  CbrNotFoundError,
  CbrValidationError,
  type ListBackupsQuery,
} from '../src/index.js';
import { PROJECT_ID, TOKEN } from './support/fixtures.js';
import { type Answer, json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, { backups: [], count: 0 }));
});
afterAll(() => server.close());

const cbr = (options: { timeoutMs?: number } = {}) =>
  new CbrClient({
    endpoint: server.url,
    projectId: PROJECT_ID,
    credentials: { token: TOKEN },
    retryBaseDelayMs: 1,
    ...options,
  });
const backup = (id: string, status = 'available') => ({ id, status, checkpoint_id: 'cp-1', vault_id: 'v-1' });
const page = (...ids: string[]) => json(200, { backups: ids.map((id) => backup(id)), count: 5 });
const query = (path: string) => new URL(path, 'http://x').searchParams;
const notFound = () => json(404, { error_code: 'BackupService.6200', error_msg: 'Backup not found' });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('ListBackupsQuery, derived from the spec (checked by the type checker)', () => {
  it('has each query parameter by its wire name, typed as the generated builder types it', () => {
    expectTypeOf<ListBackupsQuery['checkpoint_id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ListBackupsQuery['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListBackupsQuery['status']>().toEqualTypeOf<BackupStatus[] | undefined>();
    expectTypeOf<keyof ListBackupsQuery>().toEqualTypeOf<
      | 'checkpoint_id'
      | 'vault_id'
      | 'resource_id'
      | 'resource_name'
      | 'resource_type'
      | 'resource_az'
      | 'name'
      | 'status'
      | 'image_type'
      | 'parent_id'
      | 'start_time'
      | 'end_time'
      | 'limit'
      | 'offset'
      | 'marker'
      | 'sort'
    >();
    // @ts-expect-error a misspelt filter is a type error (and, from JavaScript, a CbrValidationError)
    const misspelt: ListBackupsQuery = { checkpointId: 'cp-1' };
    expect(() => cbr().backups.list(misspelt)).toThrow(/checkpointId is not a query parameter of listBackups/);
  });
});

describe('backups.list', () => {
  it('pages by offset until an empty page, asking for each page only when reached', async () => {
    const pages = [page('b1', 'b2'), page('b3', 'b4'), page('b5'), page()];
    server.reset((_request, index) => pages[index] as Answer);
    const iterator = cbr().backups.list({ checkpoint_id: 'cp-1', limit: 2 });
    const first = await iterator.next();
    expect(first.value?.id).toBe('b1');
    expect(server.received).toHaveLength(1);
    const rest = await collect(iterator);
    expect([first.value?.id, ...rest.map((b) => b.id)]).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
    expect(server.received.map((r) => query(r.path).get('offset'))).toEqual(['0', '2', '4', '5']);
    for (const request of server.received) {
      expect(request.path.startsWith(`/v3/${PROJECT_ID}/backups?`)).toBe(true);
      expect(query(request.path).get('checkpoint_id')).toBe('cp-1');
      expect(query(request.path).get('limit')).toBe('2');
    }
  });

  it('pages by marker when the query has one (the last id of each page)', async () => {
    const pages = [page('b2', 'b3'), page('b4'), page()];
    server.reset((_request, index) => pages[index] as Answer);
    const ids = (await collect(cbr().backups.list({ marker: 'b1' }))).map((b) => b.id);
    expect(ids).toEqual(['b2', 'b3', 'b4']);
    expect(server.received.map((r) => query(r.path).get('marker'))).toEqual(['b1', 'b3', 'b4']);
    expect(server.received.every((r) => !query(r.path).has('offset'))).toBe(true);
  });

  it('stops when the service ignores offset (a page that repeats the previous one), never looping', async () => {
    server.reset(() => page('b1', 'b2'));
    const ids = (await collect(cbr().backups.list({ vault_id: 'v-1' }))).map((b) => b.id);
    expect(ids).toEqual(['b1', 'b2']);
    expect(server.received).toHaveLength(2);
  });

  it('sends every status given (repeated), and byPage() yields the pages', async () => {
    const pages = [page('b1', 'b2'), page('b3'), page()];
    server.reset((_request, index) => pages[index] as Answer);
    const byPage = await collect(
      cbr()
        .backups.list({ status: ['available', 'error'] })
        .byPage(),
    );
    expect(byPage.map((p) => p.map((b) => b.id))).toEqual([['b1', 'b2'], ['b3']]);
    expect(query(server.received[0]?.path ?? '').getAll('status')).toEqual(['available', 'error']);
  });

  it('listPage gives one page with count', async () => {
    server.reset(() => page('b1'));
    const result = await cbr().backups.listPage({ vault_id: 'v-1', offset: 3 });
    expect(result).toEqual({ backups: [backup('b1')], count: 5 });
    expect(server.received).toHaveLength(1);
    expect(query(server.received[0]?.path ?? '').get('offset')).toBe('3');
  });

  it('a body that is not a list of backups is a CbrInvalidResponseError', async () => {
    server.reset(() => json(200, { backups: [{ name: 'no id' }] }));
    await expect(cbr().backups.listPage({})).rejects.toMatchObject({ name: 'CbrInvalidResponseError' });
  });
});

describe('backups.delete', () => {
  it('sends DELETE and resolves on 204', async () => {
    server.reset(() => ({ status: 204 }));
    await expect(cbr().backups.delete('b-1')).resolves.toBeUndefined();
    expect(server.received.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v3/${PROJECT_ID}/backups/b-1`]);
  });

  it('a 404 on the first attempt is CbrNotFoundError: nothing was deleted', async () => {
    server.reset(notFound);
    await expect(cbr().backups.delete('b-1')).rejects.toBeInstanceOf(CbrNotFoundError);
    expect(server.received).toHaveLength(1);
  });

  it('resent after a dropped answer, a 404 means the first attempt deleted it: success', async () => {
    server.reset((_r, index) => (index === 0 ? { drop: true } : notFound()));
    await expect(cbr().backups.delete('b-1')).resolves.toBeUndefined();
    expect(server.received.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('resent after a timeout, a 400 while the backup is being deleted is success (it reads the backup to tell)', async () => {
    server.reset((request, index) => {
      if (index === 0) return { status: 204, delayMs: 300 };
      if (request.method === 'DELETE') return json(400, { error_code: 'BackupService.6201', error_msg: 'busy' });
      return json(200, { backup: backup('b-1', 'deleting') });
    });
    await expect(cbr({ timeoutMs: 100 }).backups.delete('b-1')).resolves.toBeUndefined();
    expect(server.received.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'GET']);
  });

  it('resent after a 503, a 400 for a backup that is not being deleted stays an error', async () => {
    server.reset((request, index) => {
      if (index === 0) return json(503, { error_code: 'APIGW.0503', error_msg: 'unavailable' });
      if (request.method === 'DELETE') return json(400, { error_code: 'BackupService.6201', error_msg: 'busy' });
      return json(200, { backup: backup('b-1', 'protecting') });
    });
    await expect(cbr().backups.delete('b-1')).rejects.toBeInstanceOf(CbrBadRequestError);
  });

  it('after a 429 (not processed), a resend finding 404 is not taken as success', async () => {
    server.reset((_r, index) =>
      index === 0
        ? json(429, { error_code: 'APIGW.0308', error_msg: 'throttled' }, { 'retry-after': '0' })
        : notFound(),
    );
    await expect(cbr().backups.delete('b-1')).rejects.toBeInstanceOf(CbrNotFoundError);
  });

  it('refuses an invalid id before sending', async () => {
    server.reset(() => ({ status: 204 }));
    await expect(cbr().backups.delete('..')).rejects.toBeInstanceOf(CbrValidationError);
    await expect(cbr().backups.get('')).rejects.toBeInstanceOf(CbrValidationError);
    expect(server.received).toHaveLength(0);
  });
});

describe('backups.waitUntilDeleted', () => {
  const fast = { intervalMs: 5, maxIntervalMs: 10 };

  it('polls until 404, reporting each status once', async () => {
    const answers = [
      json(200, { backup: backup('b-1', 'deleting') }),
      json(200, { backup: backup('b-1', 'deleting') }),
      notFound(),
    ];
    server.reset((_r, index) => answers[index] as Answer);
    const seen: [string, string | undefined][] = [];
    await cbr().backups.waitUntilDeleted('b-1', {
      ...fast,
      onStatus: (b, previous) => seen.push([b.status, previous]),
    });
    expect(server.received.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(3).fill(`GET /v3/${PROJECT_ID}/backups/b-1`),
    );
    expect(seen).toEqual([['deleting', undefined]]);
  });

  it('fails fast when a backup being deleted falls back to error', async () => {
    const answers = [json(200, { backup: backup('b-1', 'deleting') }), json(200, { backup: backup('b-1', 'error') })];
    server.reset((_r, index) => answers[Math.min(index, 1)] as Answer);
    const error = await cbr()
      .backups.waitUntilDeleted('b-1', fast)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrBackupDeleteFailedError);
    expect(error).toMatchObject({ backupId: 'b-1', status: 'error' });
  });

  it('gives up at the deadline with the last status', async () => {
    server.reset(() => json(200, { backup: backup('b-1', 'deleting') }));
    const error = await cbr()
      .backups.waitUntilDeleted('b-1', { ...fast, timeoutMs: 60 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrBackupWaitTimeoutError);
    expect(error).toMatchObject({ backupId: 'b-1', lastStatus: 'deleting' });
  });

  it('stops when the signal fires', async () => {
    server.reset(() => json(200, { backup: backup('b-1', 'deleting') }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(cbr().backups.waitUntilDeleted('b-1', { ...fast, signal: controller.signal })).rejects.toBeInstanceOf(
      CbrAbortError,
    );
  });
});
