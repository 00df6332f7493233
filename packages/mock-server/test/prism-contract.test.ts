// A third party's reading of the spec: Stoplight Prism. As a mock, Prism answers the seed's example sent
// by the generated client (so client and spec agree) and refuses an invalid request (it validates). As a
// validating proxy in front of OUR mock, with --errors, Prism fails any request or answer that breaks the
// spec, so a 200 through it means our mock's answer conforms in Prism's eyes too.
import { BackupsApi, CheckpointsApi, Configuration, checkSchema, type VaultBackupReq } from '@cbr-sdk/checkpoint-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPrism, SPEC_PATH, startPrism } from '../../../test-support/prism.js';
import { type MockServer, startMockServer } from '../src/index.js';
import { exampleRequest, PROJECT_ID, TOKEN } from './helpers.js';

const SEED_CHECKPOINT_ID = '8b0851a8-adf3-4f4c-a914-dead08bf9664';
const prisms: RunningPrism[] = [];

let mock: MockServer;
let prismMockUrl: string;
let prismProxyUrl: string;

beforeAll(async () => {
  mock = await startMockServer({ availableAfterMs: 0 });
  prisms.push(...(await Promise.all([startPrism(['mock', SPEC_PATH]), startPrism(['proxy', SPEC_PATH, mock.url])])));
  [prismMockUrl, prismProxyUrl] = prisms.map((prism) => prism.url) as [string, string];
}, 90_000);

afterAll(async () => {
  await Promise.all(prisms.map((prism) => prism.stop()));
  await mock?.close();
});

const apiAt = (basePath: string) => new CheckpointsApi(new Configuration({ basePath, apiKey: TOKEN }));
const backupsAt = (basePath: string) => new BackupsApi(new Configuration({ basePath, apiKey: TOKEN }));
const seedRequest = () => exampleRequest() as unknown as VaultBackupReq;

/** What the generated client (axios) throws for an HTTP error status. */
interface HttpFailure {
  response: { status: number; data: unknown; headers: Record<string, unknown> };
}
const isHttpFailure = (error: unknown): error is HttpFailure =>
  typeof (error as HttpFailure | undefined)?.response?.status === 'number';

/** The status of a refused call (axios throws on 4xx/5xx). */
async function statusOfFailure(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
  } catch (error) {
    if (isHttpFailure(error)) return error.response.status;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('Prism as a mock of the spec', () => {
  it("answers the seed's example request with a CheckpointCreateResp", async () => {
    const response = await apiAt(prismMockUrl).createCheckpoint(PROJECT_ID, seedRequest());
    expect(response.status).toBe(200);
    expect(checkSchema('CheckpointCreateResp', response.data)).toEqual([]);
    expect(response.data.checkpoint.id).toBe(SEED_CHECKPOINT_ID);
  });

  it('answers showCheckpoint with a CheckpointCreateResp', async () => {
    const response = await apiAt(prismMockUrl).showCheckpoint(PROJECT_ID, SEED_CHECKPOINT_ID);
    expect(response.status).toBe(200);
    expect(checkSchema('CheckpointCreateResp', response.data)).toEqual([]);
  });

  it('refuses a 65-character name with a 4xx (Prism validates requests)', async () => {
    const body = exampleRequest();
    body.checkpoint.parameters.name = 'n'.repeat(65);
    const status = await statusOfFailure(apiAt(prismMockUrl).createCheckpoint(PROJECT_ID, body as never));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});

describe('Prism as a validating proxy in front of our mock', () => {
  it("passes the seed's example and our answer: both conform to the spec", async () => {
    const before = mock.createdCount;
    const api = apiAt(prismProxyUrl);
    const created = await api.createCheckpoint(PROJECT_ID, seedRequest());
    expect(created.status).toBe(200);
    expect(created.headers['sl-violations']).toBeUndefined();
    expect(checkSchema('CheckpointCreateResp', created.data)).toEqual([]);
    expect(mock.createdCount).toBe(before + 1); // it really reached our mock
    expect(mock.requests.at(-1)?.hasToken).toBe(true);

    const shown = await api.showCheckpoint(PROJECT_ID, created.data.checkpoint.id);
    expect(shown.status).toBe(200);
    expect(shown.headers['sl-violations']).toBeUndefined();
    expect(shown.data.checkpoint.status).toBe('available');
    expect(shown.data.checkpoint.vault?.resources?.[0]?.protect_status).toBe('available');
  });

  it("passes our error answers (400 BackupService.6105, 404) as the spec's ErrorResponse", async () => {
    const api = apiAt(prismProxyUrl);
    const body = exampleRequest();
    body.checkpoint.vault_id = '00000000-0000-4000-8000-000000000000';
    try {
      await api.createCheckpoint(PROJECT_ID, body as never);
      expect.unreachable();
    } catch (error) {
      if (!isHttpFailure(error)) throw error;
      expect(error.response.status).toBe(400);
      expect(error.response.data).toMatchObject({ error_code: 'BackupService.6105', error_msg: 'Vault Not Found' });
      expect(error.response.headers['sl-violations']).toBeUndefined();
    }
    expect(await statusOfFailure(api.showCheckpoint(PROJECT_ID, 'no-such-checkpoint'))).toBe(404);
  });

  it('does check answers: one that breaks the spec (scripted on our mock) fails through the proxy', async () => {
    mock.faults.push({ route: 'showCheckpoint', kind: 'respond', status: 200, body: { checkpoint: { id: 42 } } });
    const status = await statusOfFailure(apiAt(prismProxyUrl).showCheckpoint(PROJECT_ID, 'any'));
    expect(status).toBeGreaterThanOrEqual(500);
    expect(mock.faults.pending).toHaveLength(0); // the broken answer was really served, and refused by Prism
  });

  it('passes listBackups, showBackup and deleteBackup: our backups and the 204 and 404 conform to the spec', async () => {
    mock.store.deletedAfterMs = 0;
    const created = await apiAt(prismProxyUrl).createCheckpoint(PROJECT_ID, seedRequest());
    const backups = backupsAt(prismProxyUrl);
    const listed = await backups.listBackups(
      PROJECT_ID,
      created.data.checkpoint.id,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      ['available', 'error'],
      'backup',
      undefined,
      undefined,
      undefined,
      10,
      0,
      undefined,
      'created_at:desc',
    );
    expect(listed.status).toBe(200);
    expect(listed.headers['sl-violations']).toBeUndefined();
    expect(listed.data.count).toBe(1);
    const id = String(listed.data.backups[0]?.id);
    // The repeated status reached our mock as two keys, as the spec's form/explode says.
    expect(mock.requests.at(-1)?.path).toContain('status=available&status=error');

    const shown = await backups.showBackup(PROJECT_ID, id);
    expect(shown.status).toBe(200);
    expect(shown.headers['sl-violations']).toBeUndefined();
    expect(shown.data.backup.checkpoint_id).toBe(created.data.checkpoint.id);

    const deleted = await backups.deleteBackup(PROJECT_ID, id);
    expect(deleted.status).toBe(204);
    expect(deleted.headers['sl-violations']).toBeUndefined();
    expect(await statusOfFailure(backups.showBackup(PROJECT_ID, id))).toBe(404);
    expect(await statusOfFailure(backups.deleteBackup(PROJECT_ID, id))).toBe(404);
    expect(await statusOfFailure(apiAt(prismProxyUrl).showCheckpoint(PROJECT_ID, created.data.checkpoint.id))).toBe(
      404,
    );
  });

  it('refuses a name with a space before it reaches our mock, as the spec now says', async () => {
    const before = mock.requests.length;
    const body = exampleRequest();
    body.checkpoint.parameters.name = 'nightly backup';
    const status = await statusOfFailure(apiAt(prismProxyUrl).createCheckpoint(PROJECT_ID, body as never));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(mock.requests.length).toBe(before);
  });

  it('stops an invalid request before it reaches our mock', async () => {
    const before = mock.requests.length;
    const body = exampleRequest();
    body.checkpoint.parameters.name = 'n'.repeat(65);
    const status = await statusOfFailure(apiAt(prismProxyUrl).createCheckpoint(PROJECT_ID, body as never));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(mock.requests.length).toBe(before);
  });
});
